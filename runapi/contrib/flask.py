"""RunAPI callbacks in Flask: ``@callback_view`` turns ``handler(task)`` into a view.

::

    from flask import Flask
    from runapi.contrib.flask import callback_view
    from runapi.suno import MusicTask

    app = Flask(__name__)

    @app.post("/callbacks/suno")
    @callback_view(task_type=MusicTask)  # secret: app.config / RUNAPI_CALLBACK_SECRET, read now
    def on_music(task: MusicTask) -> None:
        save(task.audios)

The view reads the raw body (``request.get_data()``), answers 400 to a bad signature, 204 after
``handler`` returns or at once for a duplicate (RunAPI's redeliveries, Suno's repeated stages),
503 with ``Retry-After`` to a redelivery that comes while ``handler`` still runs on an earlier
delivery, and lets an exception of ``handler`` through (Flask answers 500; RunAPI redelivers, and
the redelivery is handled again). URL variables of the route are passed to ``handler`` as keywords.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from flask import Response, request

from ..webhooks import (
    DEFAULT_DEDUP_TTL,
    DEFAULT_LEASE,
    DEFAULT_TOLERANCE,
    OPERATION_PARAM,
    SECRET_ENV,
    DedupStore,
    Receiver,
    read_secret,
)

__all__ = ["callback_view"]

T = TypeVar("T")


def callback_view(
    *,
    task_type: type[Any] | None = None,
    operation: object = None,
    config: Mapping[str, Any] | None = None,
    store: DedupStore | None = None,
    ttl: float = DEFAULT_DEDUP_TTL,
    lease: float = DEFAULT_LEASE,
    tolerance: float | None = DEFAULT_TOLERANCE,
) -> Callable[[Callable[..., object]], Callable[..., Response]]:
    """Decorate ``handler(task, **url_variables)`` into a Flask view for RunAPI callbacks.

    Args:
        task_type: the task class to type callbacks as (``runapi.suno.MusicTask``); or
        operation: ``"suno.text_to_music"``; with neither, the ``runapi_operation`` query of a
            :func:`runapi.webhooks.callback_url` decides, else :class:`runapi.Task`.
        config: where ``RUNAPI_CALLBACK_SECRET`` is looked up first (``app.config``); then the
            environment.
        store: the de-duplication store (:class:`runapi.webhooks.MemoryStore` by default; share
            ``runapi.contrib.redis.RedisStore`` between workers).
        ttl, lease, tolerance: as for :class:`runapi.webhooks.Receiver`.

    Raises:
        MissingCallbackSecretError: no secret in ``config`` nor the environment, when decorating.
    """
    secret = read_secret((config or {}).get(SECRET_ENV), where="app.config or the environment")
    receiver: Receiver[Any] = Receiver(
        secret, task_type=task_type, operation=operation, store=store, ttl=ttl, lease=lease, tolerance=tolerance
    )

    def decorate(handler: Callable[..., object]) -> Callable[..., Response]:
        @functools.wraps(handler)
        def view(**url_variables: Any) -> Response:
            answer = receiver.respond(
                request.get_data(),
                request.headers,
                lambda task: handler(task, **url_variables),
                operation=request.args.get(OPERATION_PARAM),
            )
            return Response(status=answer.status, headers=dict(answer.headers))

        view.receiver = receiver  # type: ignore[attr-defined]
        return view

    return decorate
