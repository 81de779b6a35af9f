"""The de-duplication stores of :mod:`runapi.webhooks`: the :class:`DedupStore` protocol and :class:`MemoryStore`.

Also the helpers the shared stores of :mod:`runapi.contrib` (Django's cache, Redis) read and write
their backend with (``_stored_state``, ``_whole_seconds``). Standard library only; the receiving
layer (``_receiving.py``) claims each callback's key in one of these.
"""

from __future__ import annotations

import collections
import math
import threading
import time
from collections.abc import Callable
from typing import Literal, Protocol, TypeAlias

__all__ = ["ClaimState", "DedupStore", "MemoryStore"]

ClaimState: TypeAlias = Literal["claimed", "handling", "done"]
"""What :meth:`DedupStore.claim` found: ``"claimed"`` (the key is now yours to handle), ``"handling"``
(another delivery holds it and its handler is running, or the key's state could not be read) or
``"done"`` (it was handled)."""


_CLAIM_STATES = frozenset(("claimed", "handling", "done"))


class DedupStore(Protocol):
    """Where a :class:`Receiver` keeps the state of each callback key: *handling* or *done*.

    A key goes ``claim`` (absent -> *handling*, for ``lease`` seconds) then ``finish`` (*done*, for
    ``ttl`` seconds) when its handler returned, or ``release`` (absent again) when it raised. A
    *handling* key whose lease lapsed (the process died mid-handler) is absent again, so the next
    redelivery claims it. Every duration is in seconds; a store may round it up (never down) to
    what its backend supports, e.g. whole seconds.

    Implementations: :class:`MemoryStore` (one process), ``runapi.contrib.django.CacheStore``
    (Django's cache framework), ``runapi.contrib.redis.RedisStore`` (Redis, shared by every process).
    Errors of the backend (a Redis connection error, ...) propagate: the request then fails with a
    5xx and RunAPI redelivers.
    """

    def claim(self, key: str, lease: float) -> ClaimState:
        """Mark ``key`` *handling* for ``lease`` seconds if it is absent, atomically, and say what was found.

        Returns:
            ``"claimed"`` if this call marked it (exactly one concurrent caller gets this);
            otherwise the state it is in, ``"handling"`` or ``"done"``. A key that vanished between
            the failed add and the read (expired, released) counts as ``"handling"``: the caller
            answers a retryable status, which is always safe.
        """
        ...

    def finish(self, key: str, ttl: float) -> None:
        """Mark ``key`` *done* for ``ttl`` seconds (its handler returned), whatever its state (an overwrite)."""
        ...

    def release(self, key: str) -> None:
        """Forget ``key`` (its handler raised), so a redelivery claims it again; a no-op if it is absent."""
        ...


class MemoryStore:
    """A :class:`DedupStore` in this process's memory: bounded, with expiry; thread-safe.

    Enough for one process. Several workers (gunicorn, uvicorn ``--workers``) each have their own,
    so a redelivery reaching another worker is handled again: share a Django cache or Redis store.

    Args:
        max_keys: how many keys it holds; the oldest are forgotten first (default 100,000).
        clock: monotonic seconds (tests pass a fake).
    """

    def __init__(self, max_keys: int = 100_000, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._keys: collections.OrderedDict[str, tuple[ClaimState, float]] = collections.OrderedDict()
        self._lock = threading.Lock()
        self._max = max_keys
        self._clock = clock

    def claim(self, key: str, lease: float) -> ClaimState:
        """Mark ``key`` *handling* for ``lease`` seconds unless it is held; see :meth:`DedupStore.claim`."""
        now = self._clock()
        with self._lock:
            held = self._keys.get(key)
            if held is not None and held[1] > now:
                return held[0]
            self._put(key, "handling", now + lease)
            return "claimed"

    def finish(self, key: str, ttl: float) -> None:
        """Mark ``key`` *done* for ``ttl`` seconds."""
        now = self._clock()
        with self._lock:
            self._put(key, "done", now + ttl)

    def release(self, key: str) -> None:
        """Forget ``key`` (a no-op if it is not held)."""
        with self._lock:
            self._keys.pop(key, None)

    def state(self, key: str) -> ClaimState | None:
        """``"handling"``, ``"done"``, or ``None`` if ``key`` is not held (never held, released or expired)."""
        now = self._clock()
        with self._lock:
            held = self._keys.get(key)
            return held[0] if held is not None and held[1] > now else None

    def _put(self, key: str, state: ClaimState, expires: float) -> None:
        """Store ``key`` as the newest entry (``self._lock`` held), forgetting the oldest beyond ``max_keys``."""
        self._keys.pop(key, None)
        self._keys[key] = (state, expires)
        while len(self._keys) > self._max:
            self._keys.popitem(last=False)

    def __len__(self) -> int:
        """How many keys are held (expired ones included until they are claimed again or pushed out)."""
        return len(self._keys)


def _stored_state(value: object) -> ClaimState:
    """The state a shared store's raw value stands for: ``"done"`` or ``"handling"``.

    ``"done"`` (as text or bytes) is done; so is ``1``, the value earlier versions' stores wrote
    before keys had states (kept for a day: treating them as done is what those versions did).
    Anything else, including ``None`` (the key vanished between the add and the read), is
    ``"handling"``.
    """
    if isinstance(value, bytes | bytearray):
        value = bytes(value).decode("ascii", "replace")
    return "done" if value in ("done", 1, "1") else "handling"


def _whole_seconds(seconds: float) -> int:
    """``seconds`` rounded up to a whole number, at least 1: what Redis ``EX`` and cache backends take."""
    return max(1, math.ceil(seconds))
