"""RunAPI callbacks in Django: ``@callback_view`` turns ``handler(task)`` into a view, and a cache-backed store.

::

    # views.py
    from runapi.contrib.django import CacheStore, callback_view
    from runapi.suno import MusicTask

    @callback_view(task_type=MusicTask, store=CacheStore())  # settings.RUNAPI_CALLBACK_SECRET, read now
    def on_music(task: MusicTask) -> None:
        Song.objects.filter(task_id=task.id).update(audio_url=task.audios[0].audio_url)

    # urls.py
    urlpatterns = [path("callbacks/suno", views.on_music)]

The view is CSRF-exempt and POST-only, reads ``request.body`` (the raw bytes), answers 400 to a bad
signature, 204 after ``handler`` returns or at once for a duplicate, 503 with ``Retry-After`` to a
redelivery that comes while ``handler`` still runs on an earlier delivery, and lets an exception of
``handler`` through (500; RunAPI redelivers, and the redelivery is handled again). An ``async def``
handler makes an async view; a plain one a sync view: both work under WSGI and ASGI. URL parameters
reach ``handler`` as keywords.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
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
    Answer,
    ClaimState,
    DedupStore,
    Receiver,
    read_secret,
)
from ...webhooks._stores import _stored_state, _whole_seconds

__all__ = ["CacheStore", "callback_view"]


class CacheStore:
    """A :class:`runapi.webhooks.DedupStore` on Django's cache framework (shared by every worker that shares the cache).

    ``claim`` is ``cache.add(key, "handling", lease)`` (atomic; shared between processes by the Redis,
    Memcached and database caches, not by ``locmem``), then ``cache.get(key)`` when it was held;
    ``finish`` is ``cache.set(key, "done", ttl)``; ``release`` is ``cache.delete(key)``. Durations
    are seconds, rounded up to whole ones (at least 1) as every backend takes them. Errors of the
    cache backend propagate.

    Args:
        alias: the cache (``settings.CACHES``) to use; ``"default"`` unless given.
        prefix: prepended to every key.
    """

    def __init__(self, alias: str = "default", *, prefix: str = "runapi:callback:") -> None:
        self.alias = alias
        self.prefix = prefix

    def claim(self, key: str, lease: float) -> ClaimState:
        """``cache.add(key, "handling", lease)``, else ``cache.get(key)`` (see ``DedupStore.claim``); seconds."""
        cache = self._cache()
        if cache.add(self.prefix + key, "handling", timeout=_whole_seconds(lease)):
            return "claimed"
        return _stored_state(cache.get(self.prefix + key))

    def finish(self, key: str, ttl: float) -> None:
        """``cache.set(key, "done", ttl)``: the callback was handled; ``ttl`` in seconds."""
        self._cache().set(self.prefix + key, "done", timeout=_whole_seconds(ttl))

    def release(self, key: str) -> None:
        """``cache.delete(key)``: its handler failed, a redelivery claims it again."""
        self._cache().delete(self.prefix + key)

    def _cache(self) -> Any:
        from django.core.cache import caches

        return caches[self.alias]


def callback_view(
    *,
    task_type: type[Any] | None = None,
    operation: object = None,
    store: DedupStore | None = None,
    ttl: float = DEFAULT_DEDUP_TTL,
    lease: float = DEFAULT_LEASE,
    tolerance: float | None = DEFAULT_TOLERANCE,
) -> Callable[[Callable[..., object]], Callable[..., Any]]:
    """Decorate ``handler(task, **url_kwargs)`` (sync or ``async``) into a Django view for RunAPI callbacks.

    Args:
        task_type: the task class to type callbacks as; or
        operation: ``"suno.text_to_music"``; with neither, the ``runapi_operation`` query of a
            :func:`runapi.webhooks.callback_url` decides, else :class:`runapi.Task`.
        store: the de-duplication store; :class:`CacheStore` shares it between workers
            (default: :class:`runapi.webhooks.MemoryStore`, one per process).
        ttl, lease, tolerance: as for :class:`runapi.webhooks.Receiver`.

    Raises:
        MissingCallbackSecretError: no ``settings.RUNAPI_CALLBACK_SECRET`` and no environment
            variable of that name, when the view module is imported (``manage.py check``, startup).
    """
    secret = read_secret(getattr(settings, SECRET_ENV, None), where="settings or the environment")
    receiver: Receiver[Any] = Receiver(
        secret, task_type=task_type, operation=operation, store=store, ttl=ttl, lease=lease, tolerance=tolerance
    )

    def decorate(handler: Callable[..., object]) -> Callable[..., Any]:
        if inspect.iscoroutinefunction(handler):

            async def async_view(request: HttpRequest, **url_kwargs: Any) -> HttpResponse:
                answer = await receiver.respond_async(
                    request.body,
                    request.headers,
                    lambda task: handler(task, **url_kwargs),
                    operation=request.GET.get(OPERATION_PARAM),
                )
                return _response(answer)

            view: Callable[..., Any] = functools.wraps(handler)(async_view)
        else:

            def sync_view(request: HttpRequest, **url_kwargs: Any) -> HttpResponse:
                answer = receiver.respond(
                    request.body,
                    request.headers,
                    lambda task: handler(task, **url_kwargs),
                    operation=request.GET.get(OPERATION_PARAM),
                )
                return _response(answer)

            view = functools.wraps(handler)(sync_view)
        view.receiver = receiver  # type: ignore[attr-defined]
        wrapped: Callable[..., Any] = csrf_exempt(require_POST(view))
        return wrapped

    return decorate


def _response(answer: Answer) -> HttpResponse:
    return HttpResponse(status=answer.status, headers=dict(answer.headers))
