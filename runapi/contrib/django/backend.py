"""The app's actions: :func:`submit` a task (row first), :func:`reconcile` overdue rows, and the app's client.

Import them from :mod:`runapi.contrib.django` (``from runapi.contrib.django import submit``). Every
row write goes through :mod:`runapi.contrib.django.journal`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed

from ...errors import APIError, ValidationError
from ...webhooks import callback_url as _callback_url
from . import journal
from .models import RunAPITask

__all__ = ["get_client", "owner_ref", "reconcile", "submit"]

_logger = logging.getLogger("runapi")
_client: Any = None
_client_lock = threading.Lock()


def get_client() -> Any:
    """The app's ``runapi.Client``: ``settings.RUNAPI_API_KEY`` (else the environment variable) and
    ``settings.RUNAPI_CLIENT_OPTIONS`` (``runapi.Client`` keyword arguments); one per process, made
    again when those settings change.

    Raises:
        runapi.AuthenticationError: no API key in the settings nor the environment (as ``runapi.Client``).
    """
    global _client
    with _client_lock:
        if _client is None:
            import runapi

            options = dict(getattr(settings, "RUNAPI_CLIENT_OPTIONS", None) or {})
            key = getattr(settings, "RUNAPI_API_KEY", None)
            if key is not None:
                options["api_key"] = key
            _client = runapi.Client(**options)
        return _client


def _forget_client(*, setting: str, **_: Any) -> None:
    global _client
    if setting in ("RUNAPI_API_KEY", "RUNAPI_CLIENT_OPTIONS"):
        with _client_lock:
            old, _client = _client, None
        if old is not None:
            old.close()


setting_changed.connect(_forget_client)


def owner_ref(owner: Any) -> str:
    """``"app_label.Model:pk"`` for a saved model instance; a string as it is (checked); ``""`` for ``None``.

    Raises:
        runapi.ValidationError: an unsaved instance, or a string not shaped ``"label.Model:pk"``.
    """
    allowed = "a saved model instance, an 'app_label.Model:pk' string, or None"
    if owner is None:
        return ""
    if isinstance(owner, str):
        label, sep, pk = owner.rpartition(":")
        if not sep or "." not in label or not pk or len(owner) > 255:
            raise ValidationError(f"owner must be {allowed}, got {owner[:60]!r}", field="owner", allowed=allowed)
        return owner
    meta = getattr(owner, "_meta", None)
    if meta is None or getattr(owner, "pk", None) is None:
        what = "an unsaved instance" if meta is not None else type(owner).__name__
        raise ValidationError(f"owner must be {allowed}, got {what}", field="owner", allowed=allowed)
    return f"{meta.label}:{owner.pk}"


def _operation(operation: object) -> tuple[str, str]:
    """``(family, operation)`` of a task operation named ``"family.operation"``."""
    from ..._core.operations import TaskOperation
    from ..._families import operations

    allowed = "a task operation as 'family.operation', e.g. 'suno.text_to_music'"
    entry = operations().get(operation) if isinstance(operation, str) else None
    if entry is None or not isinstance(entry[2], TaskOperation):
        raise ValidationError(
            f"operation must be {allowed}, got {str(operation)[:60]!r}", field="operation", allowed=allowed
        )
    return entry[0], entry[1]


def _callback(operation: str) -> str | None:
    """``settings.RUNAPI_CALLBACK_URL`` with ``?runapi_operation=<operation>``, or ``None`` when it is not set."""
    url = getattr(settings, "RUNAPI_CALLBACK_URL", None)
    return _callback_url(url, operation) if url else None


def _resource(client: Any, operation: str) -> Any:
    family, name = _operation(operation)
    return getattr(getattr(client, family), name)


def submit(operation: str, owner: Any = None, client: Any = None, **params: Any) -> RunAPITask:
    """Create a RunAPI task, written to a :class:`RunAPITask` row before the create is sent.

    The order (``journal.py``): the params are checked (nothing written or sent when they are
    refused), the row is written with a fresh ``Idempotency-Key`` and committed, the create is sent
    with that key (its ``callback_url`` is ``settings.RUNAPI_CALLBACK_URL`` plus
    ``?runapi_operation=<operation>``, when that setting is set), and the task id is stored.

    Args:
        operation: ``"family.operation"`` (``"suno.text_to_music"``).
        owner: your object the task belongs to (a saved model instance or ``"app_label.Model:pk"``);
            stored as :attr:`RunAPITask.owner`.
        client: the ``runapi.Client`` to create with (default: :func:`get_client`).
        **params: the operation's parameters, as for ``client.<family>.<operation>.create``;
            not ``callback_url``, which the app sets.

    Returns:
        The row: ``"processing"`` with its ``task_id``; or still ``"pending"`` (no task id, the
        error in ``error``) when the create's outcome is unknown (a 5xx, a timeout, a dropped
        answer that outlasted the client's retries): ``runapi_reconcile`` resends it with the same
        key, which makes the task at most once.

    Raises:
        runapi.ValidationError: an unknown operation, a refused parameter, ``callback_url`` given,
            or a bad ``owner``: before any row is written or request sent.
        runapi.APIError: the create was refused and no task was made (a 4xx, or a 429/503 that
            outlasted the retries); the row is then ``"failed"`` with the error.
    """
    from ..._core.operations import new_idempotency_key

    _operation(operation)
    if "callback_url" in params:
        raise ValidationError(
            "callback_url is set by the app from settings.RUNAPI_CALLBACK_URL; "
            "use runapi.contrib.django.callback_view for an endpoint of your own",
            field="callback_url",
            allowed="no callback_url (set RUNAPI_CALLBACK_URL)",
        )
    ref = owner_ref(owner)
    client = client if client is not None else get_client()
    sent = dict(params)
    url = _callback(operation)
    if url is not None:
        sent["callback_url"] = url
    key = new_idempotency_key()
    once = _resource(client, operation).with_options(idempotency_key=key)
    once._create_flow((), sent)  # checks the params (and finds local files) without sending anything
    row = journal.record_key(operation, sent, idempotency_key=key, owner=ref)
    return _create(row, once, sent)


def _create(row: RunAPITask, once: Any, sent: dict[str, Any]) -> RunAPITask:
    try:
        task = once.create(**sent)
    except ValidationError as exc:  # found while sending (a local file that changed): nothing was sent
        journal.record_refused(row, str(exc))
        raise
    except APIError as exc:
        if exc.task_may_exist:
            _logger.warning("RunAPI create of %s: outcome unknown, resent by runapi_reconcile (%s)", row.pk, exc)
            return journal.note_error(row, str(exc))
        journal.record_refused(row, str(exc))
        raise
    return journal.record_created(row, task)


def _resend_params(row: RunAPITask) -> dict[str, Any]:
    """The params a pending row's create is resent with: as stored, with ``callback_url`` rebuilt from the settings.

    The stored ``callback_url`` has its query values redacted; the one sent is made again from
    ``RUNAPI_CALLBACK_URL`` (it must be the same as at submit, or RunAPI answers 409).
    """
    params = dict(row.params)
    if "callback_url" in params:
        url = _callback(row.operation)
        if url is None:
            params.pop("callback_url")
        else:
            params["callback_url"] = url
    return params


def reconcile(
    rows: Iterable[RunAPITask] | None = None,
    *,
    client: Any = None,
    older_than: float | None = None,
    limit: int | None = None,
    now: datetime | None = None,
) -> list[tuple[RunAPITask, str]]:
    """Poll the rows whose callback is overdue, resend the creates left ``"pending"``; finish them as a callback would.

    For each row (default: :func:`journal.rows_due` with ``older_than``, ``limit``, ``now``):
    without a task id, the create is resent with the row's ``Idempotency-Key`` (RunAPI answers
    the task made for that key, or makes it once); then the task is read once
    (``client.<family>.<operation>.get(task_id)``) and applied with :func:`journal.apply_task`
    (the same exactly-once step as the callback view). A row still processing is due again in
    ``RUNAPI_POLL_AGAIN`` seconds.

    Returns:
        ``(row, what)`` per row: ``"completed"``, ``"failed"``, ``"processing"``, ``"unknown"``
        (the resend's outcome is unknown again), or ``"error: ..."`` (an API error; the row is
        left for the next run).
    """
    client = client if client is not None else get_client()
    todo = journal.rows_due(now=now, older_than=older_than, limit=limit) if rows is None else list(rows)
    results: list[tuple[RunAPITask, str]] = []
    for row in todo:
        try:
            results.append((row, _reconcile_one(row, client, now)))
        except APIError as exc:
            _logger.warning("runapi_reconcile: row %s: %s", row.pk, exc)
            results.append((row, f"error: {exc}"))
    return results


def _reconcile_one(row: RunAPITask, client: Any, now: datetime | None) -> str:
    resource = _resource(client, row.operation)
    if row.task_id is None:
        params = _resend_params(row)
        try:
            row = _create(row, resource.with_options(idempotency_key=row.idempotency_key), params)
        except (APIError, ValidationError) as exc:
            return f"error: {exc}"  # refused: the row was ended as failed
        if row.task_id is None:
            return "unknown"
    task = resource.get(row.task_id)
    journal.apply_task(row, task, source="poll", client=client, now=now)
    row.refresh_from_db()
    if not row.is_done:
        journal.poll_later(row, now=now)
    return str(row.status)
