"""The write steps of a :class:`~runapi.contrib.django.models.RunAPITask` row, one small function each.

The app's :func:`~runapi.contrib.django.submit`, its callback view and ``manage.py runapi_reconcile``
are built of these, and a task queue's workers (Celery, RQ, ...) can call the same ones, so that
every path writes a row the same way and applies each step once:

1. :func:`record_key` writes the row with its ``Idempotency-Key`` (status ``"pending"``) **before**
   the create is sent, in its own committed transaction;
2. :func:`record_created` stores the task id the create answered (``"processing"``), or
   :func:`record_refused` ends a row whose create was refused (no task was made), or
   :func:`note_error` keeps a row ``"pending"`` whose create's outcome is unknown (resent by key);
3. :func:`apply_task` applies a task as a callback or a poll saw it: exactly once per step;
4. :func:`rows_due` lists the rows to poll (callback overdue) or to resend (key, no task id), and
   :func:`poll_later` moves a row still processing to later.

A crash between 1 and 2 leaves a ``"pending"`` row with its key: resending the create with that key
(RunAPI answers the task it made for it, or makes it once) is safe, as the SDK's idempotent creates
are (runapi-core 0.10.1 README, "Request identifiers": the same key and input answer the same
task; the same key with other input answers 409).
"""

from __future__ import annotations

import contextlib
import logging
import mimetypes
import os
import tempfile
from collections.abc import Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from ...webhooks import OPERATION_PARAM
from .models import RunAPIStep, RunAPITask

__all__ = [
    "DEFAULT_CALLBACK_DUE",
    "DEFAULT_POLL_AGAIN",
    "STAGES",
    "apply_task",
    "note_error",
    "poll_later",
    "record_created",
    "record_key",
    "record_refused",
    "redacted_params",
    "rows_due",
    "storage",
]

_logger = logging.getLogger("runapi")

DEFAULT_CALLBACK_DUE = 600.0
"""Seconds after the create when a row's callback is overdue (``RUNAPI_CALLBACK_DUE``): RunAPI drops the
callbacks of tasks nobody listens to and redelivers at most 10 times (docs: Callbacks)."""

DEFAULT_POLL_AGAIN = 60.0
"""Seconds before a row polled still processing is due again (``RUNAPI_POLL_AGAIN``)."""

STAGES = ("text_generated", "first_audio_ready", "all_audios_ready")
"""Suno's ``generation_stage`` values in the order a music task reaches them (docs: Suno callbacks)."""

_FINAL = (RunAPITask.COMPLETED, RunAPITask.FAILED)


def _seconds_setting(name: str, default: float) -> float:
    value = getattr(settings, name, None)
    return default if value is None else float(value)


def redacted_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """``params`` as stored on the row: JSON values, and ``callback_url``'s query values replaced by ``"***"``.

    The ``runapi_operation`` query parameter (:func:`runapi.webhooks.callback_url`) is kept: it is no
    secret. A value JSON cannot hold (a local ``pathlib.Path`` to upload) is stored as its text.
    """
    stored: dict[str, Any] = {}
    for name, value in params.items():
        if name == "callback_url" and isinstance(value, str):
            parts = urlsplit(value)
            query = [
                (k, v if k == OPERATION_PARAM else "***") for k, v in parse_qsl(parts.query, keep_blank_values=True)
            ]
            value = urlunsplit(parts._replace(query=urlencode(query, safe="*")))
        stored[name] = _jsonable(value)
    return stored


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return os.fspath(value) if isinstance(value, os.PathLike) else str(value)


def record_key(
    operation: str, params: Mapping[str, Any], *, idempotency_key: str, owner: str = "", now: datetime | None = None
) -> RunAPITask:
    """Write a ``"pending"`` row holding ``idempotency_key``, committed before the create is sent.

    Args:
        operation: ``"family.operation"``.
        params: the create's parameters (stored through :func:`redacted_params`).
        idempotency_key: the key the create will be sent with.
        owner: ``"app_label.Model:pk"`` or ``""``.
        now: the time to record (default: ``timezone.now()``).

    ``callback_due_at`` is ``now`` plus ``RUNAPI_CALLBACK_DUE`` seconds (default 600). Called
    inside your own ``transaction.atomic()``, the row commits with your transaction, not before
    the create: call :func:`~runapi.contrib.django.submit` outside one.
    """
    now = now or timezone.now()
    due = now + timedelta(seconds=_seconds_setting("RUNAPI_CALLBACK_DUE", DEFAULT_CALLBACK_DUE))
    row: RunAPITask = RunAPITask.objects.create(
        operation=operation,
        idempotency_key=idempotency_key,
        owner=owner,
        params=redacted_params(params),
        status=RunAPITask.PENDING,
        created_at=now,
        callback_due_at=due,
    )
    return row


def record_created(row: RunAPITask, task: Any) -> RunAPITask:
    """Store the task id a create answered on a ``"pending"`` row (``"processing"``); returns the row, reloaded.

    A row that already has this task id (a resend answered the same task) is left as it is.
    """
    RunAPITask.objects.filter(pk=row.pk, task_id__isnull=True).update(
        task_id=task.id, status=RunAPITask.PROCESSING, error="", updated_at=timezone.now()
    )
    row.refresh_from_db()
    return row


def record_refused(row: RunAPITask, error: str) -> RunAPITask:
    """End a ``"pending"`` row whose create was refused (no task was made): ``"failed"`` with ``error``."""
    now = timezone.now()
    RunAPITask.objects.filter(pk=row.pk, task_id__isnull=True).update(
        status=RunAPITask.FAILED, error=error, finished_at=now, updated_at=now
    )
    row.refresh_from_db()
    return row


def note_error(row: RunAPITask, error: str) -> RunAPITask:
    """Keep ``error`` on a row left ``"pending"`` (the create's outcome is unknown: it is resent by key)."""
    RunAPITask.objects.filter(pk=row.pk).update(error=error, updated_at=timezone.now())
    row.refresh_from_db()
    return row


def poll_later(row: RunAPITask, seconds: float | None = None, *, now: datetime | None = None) -> None:
    """Make a row due again in ``seconds`` (default ``RUNAPI_POLL_AGAIN``, 60)."""
    seconds = _seconds_setting("RUNAPI_POLL_AGAIN", DEFAULT_POLL_AGAIN) if seconds is None else seconds
    due = (now or timezone.now()) + timedelta(seconds=seconds)
    RunAPITask.objects.filter(pk=row.pk).update(callback_due_at=due)


def rows_due(
    *, now: datetime | None = None, older_than: float | None = None, limit: int | None = None
) -> list[RunAPITask]:
    """The rows not ended whose callback is overdue, oldest first: to poll, or (no task id) to resend.

    Args:
        now: the time to compare with (default: ``timezone.now()``).
        older_than: seconds: instead of ``callback_due_at``, every row not ended and created at
            least this long ago (``0``: all of them).
        limit: at most this many rows.
    """
    now = now or timezone.now()
    rows = RunAPITask.objects.exclude(status__in=_FINAL)
    if older_than is None:
        rows = rows.filter(callback_due_at__lte=now)
    else:
        rows = rows.filter(created_at__lte=now - timedelta(seconds=older_than))
    rows = rows.order_by("created_at", "pk")
    return list(rows[:limit] if limit is not None else rows)


def _rank(stage: str) -> int:
    return STAGES.index(stage) + 1 if stage in STAGES else 0


def _steps(task: Any) -> list[str]:
    """The steps ``task`` shows: its Suno stage, if any, then its end (``"completed"``/``"failed"``), if ended."""
    steps: list[str] = []
    stage = getattr(task, "generation_stage", None)
    if isinstance(stage, str) and stage:
        steps.append(stage)
    if task.status in _FINAL:
        steps.append(task.status)
    return steps


def apply_task(
    row: RunAPITask,
    task: Any,
    *,
    source: str = "poll",
    callback_id: str = "",
    client: Any = None,
    now: datetime | None = None,
) -> list[str]:
    """Apply ``task`` (from a callback or a poll) to its row: each step once, only forward; returns the steps applied.

    In one transaction, the row is locked (``select_for_update``) and, for each step the task
    shows (its Suno ``generation_stage``, then ``"completed"``/``"failed"``) that moves the row
    forward, a :class:`~runapi.contrib.django.models.RunAPIStep` is inserted: its unique
    ``(task, step)`` constraint makes a second delivery of a step (a redelivered callback, a
    poll racing the callback) a no-op, in the database. On ``"completed"`` the outputs are
    downloaded (``client.download`` to a temporary file, then ``storage().save`` from the open
    file: never held in memory) as ``runapi/<task id>-<index><ext>`` and ``cost`` is
    ``task.usage.cost`` (USD). The signals ``task_stage`` (per Suno stage) and ``task_finished``
    go out after the commit. A row that already ended is never changed.

    Args:
        row: the task's row (its ``task_id`` is set from ``task.id`` if missing).
        task: the SDK's task (``runapi.Task`` or a family's class: ``output_urls``, ``usage``).
        source: ``"callback"`` or ``"poll"``, recorded on the step.
        callback_id: the callback's ``X-Callback-Id``, recorded on the step.
        client: the ``runapi.Client`` downloading outputs (default: the app's, see ``get_client``).

    Raises:
        runapi.APIError: an output could not be downloaded (nothing is applied; files saved so far
            are deleted; a redelivery or the next reconcile tries again).
    """
    from .signals import task_finished, task_stage

    now = now or timezone.now()
    saved: list[str] = []
    try:
        with transaction.atomic():
            locked = RunAPITask.objects.select_for_update().get(pk=row.pk)
            if locked.is_done:
                return []
            applied = [step for step in _steps(task) if step in _FINAL or _rank(step) > _rank(locked.stage)]
            applied = [s for s in applied if _insert_step(locked, s, source, callback_id, now)]
            if not applied:
                return []
            if locked.task_id is None:
                locked.task_id = task.id
            stage = next((s for s in applied if s not in _FINAL), None)
            if stage is not None:
                locked.stage = stage
            if task.status in _FINAL:
                locked.status = task.status
                locked.finished_at = now
                locked.error = (task.error or "") if task.status == RunAPITask.FAILED else ""
                usage = getattr(task, "usage", None)
                if usage is not None:
                    locked.cost = Decimal(str(usage.cost))
                locked.outputs = list(task.output_urls)
                if task.status == RunAPITask.COMPLETED:
                    saved = _store_outputs(task, client)
                    locked.stored_files = list(saved)
            elif locked.status == RunAPITask.PENDING:
                locked.status = RunAPITask.PROCESSING
            locked.save()
            done = locked
            transaction.on_commit(lambda: _send(done, task, applied, task_stage, task_finished))
    except BaseException:
        for name in saved:  # the row was not changed: no file may stay behind it
            with contextlib.suppress(Exception):
                storage().delete(name)
        raise
    row.refresh_from_db()
    return applied


def _insert_step(row: RunAPITask, step: str, source: str, callback_id: str, now: datetime) -> bool:
    """Insert the step's row in a savepoint; ``False`` if the unique constraint says it was applied before."""
    try:
        with transaction.atomic():
            RunAPIStep.objects.create(task=row, step=step, source=source, callback_id=callback_id, applied_at=now)
    except IntegrityError:
        return False
    return True


def _send(row: RunAPITask, task: Any, applied: list[str], task_stage: Any, task_finished: Any) -> None:
    for step in applied:
        if step in _FINAL:
            task_finished.send(sender=RunAPITask, row=row, task=task)
        else:
            task_stage.send(sender=RunAPITask, row=row, stage=step, task=task)


def storage() -> Any:
    """The storage outputs are saved to: ``STORAGES[settings.RUNAPI_STORAGE]``, else ``default_storage``."""
    alias = getattr(settings, "RUNAPI_STORAGE", None)
    if alias:
        from django.core.files.storage import storages

        return storages[alias]
    from django.core.files.storage import default_storage

    return default_storage


def _store_outputs(task: Any, client: Any) -> list[str]:
    """Download each output to a temporary file and save it from the open file; the storage names, in order."""
    from django.core.files import File

    if not task.output_urls:
        return []
    if client is None:
        from .backend import get_client

        client = get_client()
    target = storage()
    names: list[str] = []
    try:
        with tempfile.TemporaryDirectory(prefix="runapi-") as folder:
            for index, url in enumerate(task.output_urls):
                suffix = Path(urlsplit(url).path).suffix
                got = client.download(url, Path(folder) / f"{index}{suffix}")
                ext = suffix or mimetypes.guess_extension((got.content_type or "").split(";")[0].strip()) or ""
                with open(got.path, "rb") as handle:
                    names.append(target.save(f"runapi/{task.id}-{index}{ext}", File(handle)))
    except BaseException:
        for name in names:
            with contextlib.suppress(Exception):
                target.delete(name)
        raise
    return names
