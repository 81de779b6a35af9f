"""A :class:`runapi.webhooks.DedupStore` on Redis, shared by every worker and host (extra ``runapi-sdk[redis]``).

::

    import redis
    from runapi.contrib.redis import RedisStore

    store = RedisStore(redis.Redis.from_url(os.environ["REDIS_URL"]))
    # callback_view(task_type=MusicTask, store=store), callback_endpoint(..., store=store), Receiver(store=store)
"""

from __future__ import annotations

from typing import Any

from ..webhooks import ClaimState
from ..webhooks._stores import _stored_state, _whole_seconds

__all__ = ["RedisStore"]


class RedisStore:
    """Callback keys in Redis, each ``handling`` (with a lease) or ``done`` (with a TTL).

    ``claim`` is ``SET key handling NX EX lease`` (atomic: one caller gets the key), then ``GET key``
    when it was held; ``finish`` is ``SET key done EX ttl``; ``release`` is ``DEL key``. Redis
    expiries are whole seconds: durations are rounded up (at least 1). Errors of the client (a
    connection error, ...) propagate.

    Args:
        client: a ``redis.Redis`` (or any client with ``set(name, value, nx=, ex=)``, ``get`` and
            ``delete``; ``decode_responses`` either way).
        prefix: prepended to every key.
    """

    def __init__(self, client: Any, *, prefix: str = "runapi:callback:") -> None:
        self.client = client
        self.prefix = prefix

    def claim(self, key: str, lease: float) -> ClaimState:
        """``SET key handling NX EX lease``, else ``GET key``: see :meth:`runapi.webhooks.DedupStore.claim`."""
        name = self.prefix + key
        if self.client.set(name, "handling", nx=True, ex=_whole_seconds(lease)):
            return "claimed"
        return _stored_state(self.client.get(name))

    def finish(self, key: str, ttl: float) -> None:
        """``SET key done EX ttl``: the callback was handled; ``ttl`` in seconds."""
        self.client.set(self.prefix + key, "done", ex=_whole_seconds(ttl))

    def release(self, key: str) -> None:
        """``DEL key``: its handler failed, a redelivery claims it again."""
        self.client.delete(self.prefix + key)
