"""Redis, shared by every worker and host (extra ``runapi-sdk[redis]``): a callback :class:`RedisStore`
and a batch :class:`RedisJournal`.

::

    import redis
    from runapi.contrib.redis import RedisJournal, RedisStore

    store = RedisStore(redis.Redis.from_url(os.environ["REDIS_URL"]))
    # callback_view(task_type=MusicTask, store=store), callback_endpoint(..., store=store), Receiver(store=store)

    journal = RedisJournal(redis.Redis.from_url(os.environ["REDIS_URL"]), "images")
    batch.run(jobs, journal=journal)  # or runapi.contrib.celery.run_batch(app, jobs, journal=journal)
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import Any

from ..webhooks import ClaimState
from ..webhooks._stores import _stored_state, _whole_seconds

__all__ = ["RedisJournal", "RedisStore"]


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


_FIELDS = ("operation", "params", "idempotency_key", "task_id", "state", "payload", "error", "files")

# KEYS: row, order, counter. ARGV: key, updated, then field/value pairs to set; fields not given are cleared.
_UPSERT = """
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
redis.call('HSET', KEYS[1], 'updated', ARGV[2])
if not redis.call('ZSCORE', KEYS[2], ARGV[1]) then
  redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[3]), ARGV[1])
end
return 1
"""

# KEYS: row. ARGV: updated, n, then n field/value pairs to set, then fields to clear. Only a row that exists.
_UPDATE = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local last = 2 + 2 * tonumber(ARGV[2])
for i = 3, last, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
for j = last + 1, #ARGV do redis.call('HDEL', KEYS[1], ARGV[j]) end
redis.call('HSET', KEYS[1], 'updated', ARGV[1])
return 1
"""


def _text(value: Any) -> Any:
    return value.decode("utf-8") if isinstance(value, bytes | bytearray) else value


class RedisJournal:
    """A batch journal (:class:`runapi.batch.JournalLike`) in Redis: one for every worker of every machine.

    A hash per job key (``{prefix}{name}:job:{key}``, the fields of :meth:`get`), a sorted set of
    the keys in the order they were first written (``{prefix}{name}:order``, for :meth:`rows`)
    and a hash from task id to job key (``{prefix}{name}:tasks``, for :meth:`key_for_task`).
    Every write is one Lua script (atomic: a row is never half written) that returns once Redis
    applied it; ``creating`` (the ``Idempotency-Key``) is written before a create is sent, so any
    worker that picks the job up later re-sends the create with that key and RunAPI answers the
    task it made. How durable a write is across a Redis restart is Redis's persistence setting
    (AOF with ``appendfsync everysec`` loses at most a second): the journal is as safe as the
    Redis it lives in. Errors of the client (a connection error, ...) propagate.

    Args:
        client: a ``redis.Redis`` (``decode_responses`` either way).
        name: the batch's name: several batches share one Redis under different names.
        prefix: prepended to every key (default ``"runapi:journal:"``).
    """

    def __init__(self, client: Any, name: str, *, prefix: str = "runapi:journal:") -> None:
        if not isinstance(name, str) or not name:
            from ..errors import ValidationError

            raise ValidationError(f"a journal name must be a non-empty string; got {name!r}", field="name")
        self.client = client
        self.name = name
        self._base = f"{prefix}{name}:"
        self._upsert = client.register_script(_UPSERT)
        self._update = client.register_script(_UPDATE)

    def __repr__(self) -> str:
        return f"<runapi.contrib.redis.RedisJournal {self.name!r}>"

    def _row(self, key: str) -> str:
        return f"{self._base}job:{key}"

    def _put(self, key: str, fields: Mapping[str, str | None]) -> None:
        pairs = [item for name, value in fields.items() if value is not None for item in (name, value)]
        self._upsert(
            keys=[self._row(key), self._base + "order", self._base + "counter"], args=[key, repr(time.time()), *pairs]
        )

    def _change(self, key: str, fields: Mapping[str, str | None]) -> bool:
        pairs = [item for name, value in fields.items() if value is not None for item in (name, value)]
        cleared = [name for name, value in fields.items() if value is None]
        args = [repr(time.time()), len(pairs) // 2, *pairs, *cleared]
        return bool(self._update(keys=[self._row(key)], args=args))

    def get(self, key: str) -> dict[str, Any] | None:
        """The row of ``key``: ``operation``, ``params``, ``idempotency_key``, ``task_id``, ``state``,
        ``payload``, ``error``, ``files`` (absent fields ``None``); or ``None``."""
        values = self.client.hmget(self._row(key), _FIELDS)
        if values[4] is None:  # no state: no row
            return None
        return {name: _text(value) for name, value in zip(_FIELDS, values, strict=True)}

    def rows(self) -> list[dict[str, Any]]:
        """Every row: ``key``, ``operation``, ``state``, ``task_id``, in the order keys were first written."""
        keys = [_text(key) for key in self.client.zrange(self._base + "order", 0, -1)]
        pipe = self.client.pipeline(transaction=False)
        for key in keys:
            pipe.hmget(self._row(key), ("operation", "state", "task_id"))
        found = []
        for key, (operation, state, task_id) in zip(keys, pipe.execute(), strict=True):
            if state is not None:
                found.append(
                    {"key": key, "operation": _text(operation), "state": _text(state), "task_id": _text(task_id)}
                )
        return found

    def creating(self, key: str, operation: str, params: str, idempotency_key: str) -> None:
        """Record that ``key``'s create is about to be sent with ``idempotency_key`` (the row is replaced)."""
        self._put(
            key, {"operation": operation, "params": params, "idempotency_key": idempotency_key, "state": "creating"}
        )

    def created(self, key: str, task_id: str) -> None:
        """Record ``key``'s task id, right after its create answered (a no-op for a key not held)."""
        if self._change(key, {"task_id": task_id, "state": "created"}):
            self.client.hset(self._base + "tasks", task_id, key)

    def refused(self, key: str, operation: str, params: str, idempotency_key: str | None, error: str) -> None:
        """Record that no task exists for ``key``: its create was refused (the row is replaced)."""
        fields = {"operation": operation, "params": params, "idempotency_key": idempotency_key, "state": "refused"}
        self._put(key, {**fields, "error": error})

    def finished(
        self, key: str, state: str, payload: Mapping[str, Any] | None, error: str | None, files: list[str]
    ) -> None:
        """Record ``key``'s final state (``"completed"`` or ``"failed"``), payload (JSON) and files (JSON)."""
        self._change(
            key,
            {
                "state": state,
                "payload": None if payload is None else json.dumps(dict(payload)),
                "error": error,
                "files": json.dumps(files),
            },
        )

    def forget(self, key: str) -> bool:
        """Remove ``key``, so the next run creates its task anew (after you checked it has none).

        Returns:
            ``True`` if the journal held ``key``.
        """
        pipe = self.client.pipeline(transaction=True)
        pipe.delete(self._row(key))
        pipe.zrem(self._base + "order", key)
        return bool(pipe.execute()[0])

    def key_for_task(self, task_id: str) -> str | None:
        """The job key whose task is ``task_id`` (recorded by :meth:`created`), or ``None``."""
        found = _text(self.client.hget(self._base + "tasks", task_id))
        return None if found is None else str(found)

    def clear(self) -> int:
        """Remove every row of this journal (and its order and task index); the number of rows removed."""
        keys = [_text(key) for key in self.client.zrange(self._base + "order", 0, -1)]
        pipe = self.client.pipeline(transaction=True)
        for key in keys:
            pipe.delete(self._row(key))
        pipe.delete(self._base + "order", self._base + "counter", self._base + "tasks")
        pipe.execute()
        return len(keys)
