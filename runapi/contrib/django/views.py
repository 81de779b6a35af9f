"""The app's callback view: verify a RunAPI callback and apply it to its :class:`RunAPITask` row exactly once.

::

    # urls.py
    urlpatterns = [path("runapi/", include("runapi.contrib.django.urls"))]  # POST /runapi/callback
    # settings.py
    RUNAPI_CALLBACK_URL = "https://example.com/runapi/callback"

:data:`callback` is made when this module is imported (URL loading, ``manage.py check``), so a
missing ``RUNAPI_CALLBACK_SECRET`` stops the app at startup. :func:`task_callback_view` makes
another (another store, tolerance, or secret).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ...webhooks import (
    DEFAULT_DEDUP_TTL,
    DEFAULT_LEASE,
    DEFAULT_TOLERANCE,
    OPERATION_PARAM,
    SECRET_ENV,
    DedupStore,
    Receiver,
    WebhookVerificationError,
    read_secret,
)
from . import journal
from .models import RunAPITask

__all__ = ["NOT_YET_RETRY_AFTER", "callback", "task_callback_view"]

_logger = logging.getLogger("runapi")

NOT_YET_RETRY_AFTER = 5
"""Seconds (``Retry-After`` of a 503) for a callback whose row has no task id yet: its create's answer
is being stored right now, or it is a task this app did not submit (then RunAPI stops after 10 tries)."""


def task_callback_view(
    *,
    store: DedupStore | None = None,
    ttl: float = DEFAULT_DEDUP_TTL,
    lease: float = DEFAULT_LEASE,
    tolerance: float | None = DEFAULT_TOLERANCE,
) -> Any:
    """A CSRF-exempt, POST-only view applying each verified callback to its row with :func:`journal.apply_task`.

    Answers: 400 to a request that is no valid callback (nothing touched); 204 once the callback
    was applied, or was applied before (the ``RunAPIStep`` unique constraint in the database, after
    the receiver's in-process ``store``); 503 with ``Retry-After`` while another delivery of it is
    being handled, or when no row has its task id yet; 500 when applying failed (an output could
    not be downloaded: nothing was applied, RunAPI redelivers).

    The task is typed by the ``runapi_operation`` query (:func:`runapi.webhooks.callback_url`), else
    by the operation of the row with the body's ``id`` (read only to choose the class, after which
    the signature is verified over the raw bytes).

    Args:
        store, ttl, lease, tolerance: as for :class:`runapi.webhooks.Receiver`; the store only saves
            database work (the constraint is the guard), so the default per-process
            :class:`runapi.webhooks.MemoryStore` is enough.

    Raises:
        MissingCallbackSecretError: no ``settings.RUNAPI_CALLBACK_SECRET`` nor environment variable.
    """
    secret = read_secret(getattr(settings, SECRET_ENV, None), where="settings or the environment")
    receiver: Receiver[Any] = Receiver(secret, store=store, ttl=ttl, lease=lease, tolerance=tolerance)

    def view(request: HttpRequest) -> HttpResponse:
        operation = request.GET.get(OPERATION_PARAM) or _operation_of(request.body)
        try:
            receipt = receiver.receive(request.body, request.headers, operation=operation)
        except WebhookVerificationError as exc:
            _logger.warning("refused a RunAPI callback: %s (%s)", exc.reason, exc)
            return HttpResponse(status=400)
        if receipt.in_progress:
            return HttpResponse(status=503, headers={"Retry-After": str(receiver.retry_after)})
        if receipt.claimed:
            task = receipt.task
            row = RunAPITask.objects.filter(task_id=task.id).first()
            if row is None:
                receiver.forget(receipt)
                _logger.info("RunAPI callback for task %s: no row with that task id (yet): answered 503", task.id)
                return HttpResponse(status=503, headers={"Retry-After": str(NOT_YET_RETRY_AFTER)})
            with receiver.handling(receipt):
                journal.apply_task(row, task, source="callback", callback_id=receipt.callback.id)
        return HttpResponse(status=204)

    wrapped: Any = csrf_exempt(require_POST(view))
    wrapped.receiver = receiver
    return wrapped


def _operation_of(body: bytes) -> str | None:
    """The operation of the row whose task id the (not yet verified) body names; ``None`` if none."""
    try:
        task_id = json.loads(body).get("id")
    except (ValueError, AttributeError):
        return None
    if not isinstance(task_id, str) or not task_id:
        return None
    found: str | None = RunAPITask.objects.filter(task_id=task_id).values_list("operation", flat=True).first()
    return found


callback = task_callback_view()
"""``POST``: the app's callback view (``runapi.contrib.django.urls`` routes ``callback`` to it)."""
