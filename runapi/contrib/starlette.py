"""RunAPI callbacks in Starlette and FastAPI: ``callback_endpoint(handler)`` is an async route endpoint.

::

    from fastapi import FastAPI
    from runapi.contrib.starlette import callback_endpoint
    from runapi.suno import MusicTask

    async def on_music(task: MusicTask) -> None:
        await save(task.audios)

    app = FastAPI()
    app.add_api_route("/callbacks/suno", callback_endpoint(on_music, task_type=MusicTask), methods=["POST"])
    # Starlette: Route("/callbacks/suno", callback_endpoint(on_music, task_type=MusicTask), methods=["POST"])

The endpoint reads the raw body (``await request.body()``), answers 400 to a bad signature, 204
after ``handler`` returns (awaited if it is a coroutine function) or at once for a duplicate, 503
with ``Retry-After`` to a redelivery that comes while ``handler`` still runs on an earlier
delivery, and lets an exception of ``handler`` through (500; RunAPI redelivers, and the
redelivery is handled again). The secret is read from
``RUNAPI_CALLBACK_SECRET`` when the endpoint is made, so a missing one fails at startup.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ..webhooks import (
    DEFAULT_DEDUP_TTL,
    DEFAULT_LEASE,
    DEFAULT_TOLERANCE,
    OPERATION_PARAM,
    DedupStore,
    Receiver,
    SecretLike,
    read_secret,
)

__all__ = ["callback_endpoint"]


def callback_endpoint(
    handler: Callable[[Any], object],
    *,
    task_type: type[Any] | None = None,
    operation: object = None,
    secret: SecretLike | None = None,
    store: DedupStore | None = None,
    ttl: float = DEFAULT_DEDUP_TTL,
    lease: float = DEFAULT_LEASE,
    tolerance: float | None = DEFAULT_TOLERANCE,
) -> Callable[[Request], Awaitable[Response]]:
    """An async endpoint that verifies, types and de-duplicates callbacks, then calls ``handler(task)``.

    Args:
        handler: called with the typed task; a coroutine function is awaited, a plain one runs in a
            worker thread (as Starlette runs plain endpoints), so a blocking one never stalls the loop.
        task_type: the task class to type callbacks as; or
        operation: ``"suno.text_to_music"``; with neither, the ``runapi_operation`` query of a
            :func:`runapi.webhooks.callback_url` decides, else :class:`runapi.Task`.
        secret: from your settings object (pydantic-settings, ...); by default
            ``RUNAPI_CALLBACK_SECRET`` from the environment.
        store: the de-duplication store (default :class:`runapi.webhooks.MemoryStore`).
        ttl, lease, tolerance: as for :class:`runapi.webhooks.Receiver`.

    Raises:
        MissingCallbackSecretError: no secret given and none in the environment.
    """
    receiver: Receiver[Any] = Receiver(
        read_secret(secret),
        task_type=task_type,
        operation=operation,
        store=store,
        ttl=ttl,
        lease=lease,
        tolerance=tolerance,
    )

    async def endpoint(request: Request) -> Response:
        answer = await receiver.respond_async(
            await request.body(), request.headers, handler, operation=request.query_params.get(OPERATION_PARAM)
        )
        return Response(status_code=answer.status, headers=dict(answer.headers))

    endpoint.receiver = receiver  # type: ignore[attr-defined]
    return endpoint
