"""A :class:`runapi.webhooks.DedupStore` on Redis, shared by every worker and host (extra ``runapi-sdk[redis]``).

::

    import redis
    from runapi.contrib.redis import RedisStore

    store = RedisStore(redis.Redis.from_url(os.environ["REDIS_URL"]))
    # callback_view(task_type=MusicTask, store=store), callback_endpoint(..., store=store), Receiver(store=store)
"""

from __future__ import annotations

from typing import Any

__all__ = ["RedisStore"]


class RedisStore:
    """Callback keys in Redis: ``SET key 1 NX EX ttl`` claims one atomically, ``DEL`` releases it.

    Args:
        client: a ``redis.Redis`` (or any client with ``set(name, value, nx=, ex=)`` and ``delete``).
        prefix: prepended to every key.
    """

    def __init__(self, client: Any, *, prefix: str = "runapi:callback:") -> None:
        self.client = client
        self.prefix = prefix

    def add(self, key: str, ttl: float) -> bool:
        """``SET key 1 NX EX ttl``: ``True`` if ``key`` was new; ``ttl`` in seconds (at least 1)."""
        return bool(self.client.set(self.prefix + key, 1, nx=True, ex=max(1, int(ttl))))

    def delete(self, key: str) -> None:
        """``DEL key``."""
        self.client.delete(self.prefix + key)
