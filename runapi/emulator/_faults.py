"""Injected faults: rules that make matching API requests fail the way real networks and servers do."""

from __future__ import annotations

import random
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["FAULT_KINDS", "FAULT_OPTIONS", "Fault", "FaultBook"]

FAULT_KINDS = ("rate_limit", "server_error", "unavailable", "drop", "slow")
"""What a fault does to a request it hits:

- ``rate_limit``: 429 ``{"error": "Rate limit exceeded"}`` with ``Retry-After`` (default 1 s);
- ``server_error``: 500 ``{"error": "Internal server error"}`` (after handling, with the real
  answer's ``X-RunAPI-Task-Id``: the task was made, only its body is lost);
- ``unavailable``: 503 ``{"error": "Service unavailable"}``, with ``Retry-After`` if given;
- ``drop``: the TCP connection is closed with no HTTP answer at all;
- ``slow``: the answer is held back ``delay`` seconds (default 1), then sent normally.
"""

FAULT_OPTIONS = ("kind", "times", "rate", "seed", "method", "path", "retry_after", "delay", "after_handling")
"""The keys of a fault: the keywords of :meth:`runapi.emulator.Emulator.inject` and of the JSON
object ``POST /_emulator/faults`` takes."""


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass
class Fault:
    """One injected fault (the keywords of :meth:`runapi.emulator.Emulator.inject`).

    Attributes:
        kind: one of :data:`FAULT_KINDS`.
        times: how many more requests it hits; ``None`` (only with ``rate``) is unbounded: it stays
            until cleared. Given as ``None``, it becomes 1 without ``rate``.
        rate: if set (``0 < rate <= 1``), each matching request is hit with this probability,
            drawn from a ``random.Random(seed)`` owned by the fault; ``None`` hits every one.
        seed: the integer seed of those draws (only with ``rate``); ``None`` picks one at random,
            which is then listed, so a run can be repeated.
        method: only requests with this HTTP method (any if ``None``).
        path: only requests whose path starts with this prefix (any if ``None``).
        retry_after: seconds for the ``Retry-After`` header (``rate_limit``, ``unavailable``).
        delay: seconds a ``slow`` answer is held back.
        after_handling: handle the request for real first, then replace (or delay) its answer.
        hits: how many requests it has hit so far.

    Raises:
        ValueError: an unknown ``kind`` or an invalid option (the message names the option).
    """

    kind: str
    times: int | None = None
    rate: float | None = None
    seed: int | None = None
    method: str | None = None
    path: str | None = None
    retry_after: float | None = None
    delay: float | None = None
    after_handling: bool = False
    hits: int = field(default=0, init=False)
    _random: random.Random | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; expected one of {', '.join(FAULT_KINDS)}")
        if self.times is not None and (
            isinstance(self.times, bool) or not isinstance(self.times, int) or self.times < 1
        ):
            raise ValueError("times must be a positive integer (or null/None)")
        if self.rate is not None and not (_is_number(self.rate) and 0 < self.rate <= 1):
            raise ValueError(f"rate must be a number in (0, 1], e.g. 0.1 for 10%; got {self.rate!r}")
        if self.seed is not None:
            if isinstance(self.seed, bool) or not isinstance(self.seed, int):
                raise ValueError(f"seed must be an integer; got {self.seed!r}")
            if self.rate is None:
                raise ValueError("seed needs rate: it seeds the draws of a fault that hits a fraction of requests")
        for name in ("retry_after", "delay"):
            value = getattr(self, name)
            if value is not None and not (_is_number(value) and 0 <= value < float("inf")):
                raise ValueError(f"{name} must be a non-negative number of seconds")
        for name in ("method", "path"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise ValueError(f"{name} must be a string")
        if not isinstance(self.after_handling, bool):
            raise ValueError("after_handling must be a boolean")
        if self.method is not None:
            self.method = self.method.upper()
        if self.rate is None:
            if self.times is None:
                self.times = 1
        else:
            self.rate = float(self.rate)
            if self.seed is None:
                self.seed = random.SystemRandom().randrange(2**32)
            self._random = random.Random(self.seed)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Fault:
        """Build a fault from a JSON object with the keys of :data:`FAULT_OPTIONS` (``POST /_emulator/faults``).

        Raises:
            ValueError: missing ``kind``, an unknown key, or an invalid value.
        """
        unknown = set(data) - set(FAULT_OPTIONS)
        if unknown:
            raise ValueError(f"unknown fault option(s): {', '.join(sorted(unknown))}")
        if "kind" not in data:
            raise ValueError("missing fault option: kind")
        return cls(**data)

    def matches(self, method: str, path: str) -> bool:
        """Whether this fault applies to a request (its method and path; ``rate`` is not drawn here)."""
        return (self.method is None or self.method == method.upper()) and (
            self.path is None or path.startswith(self.path)
        )

    def draw(self) -> bool:
        """Whether this fault hits the matching request at hand: always without ``rate``, else one
        draw from the fault's seeded generator (each call consumes one draw)."""
        return self._random is None or self._random.random() < (self.rate or 0.0)

    def as_dict(self) -> dict[str, Any]:
        """The fault as a JSON-ready dict: the keys of :data:`FAULT_OPTIONS` (``times``: hits left,
        ``None`` if unbounded) and ``hits``."""
        data = {name: getattr(self, name) for name in FAULT_OPTIONS}
        data["hits"] = self.hits
        return data


class FaultBook:
    """The active faults, in injection order; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> None:
        """Activate ``fault`` (after those already active)."""
        with self._lock:
            self._faults.append(fault)

    def clear(self) -> int:
        """Remove every fault; return how many were active."""
        with self._lock:
            count = len(self._faults)
            self._faults.clear()
            return count

    def take(self, method: str, path: str) -> Fault | None:
        """The fault that hits this request, used up once; ``None`` if none does.

        Faults are tried in injection order: the first one that matches the method and path and
        whose draw hits (always, without ``rate``) is used. A ``rate`` fault draws once for each
        matching request that no earlier fault hit, so with the same seed and the same sequence of
        requests it hits the same ones.
        """
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path) and fault.draw():
                    fault.hits += 1
                    if fault.times is not None:
                        fault.times -= 1
                        if fault.times <= 0:
                            self._faults.remove(fault)
                    return fault
            return None

    def active(self) -> list[dict[str, Any]]:
        """The active faults as dicts (see :meth:`Fault.as_dict`), in injection order."""
        with self._lock:
            return [fault.as_dict() for fault in self._faults]
