"""Injected faults: rules that make matching API requests fail the way real networks and servers do."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["FAULT_KINDS", "Fault", "FaultBook"]

FAULT_KINDS = ("rate_limit", "server_error", "unavailable", "drop", "slow")
"""What a fault does to a request it hits:

- ``rate_limit``: 429 ``{"error": "Rate limit exceeded"}`` with ``Retry-After`` (default 1 s);
- ``server_error``: 500 ``{"error": "Internal server error"}``;
- ``unavailable``: 503 ``{"error": "Service unavailable"}``, with ``Retry-After`` if given;
- ``drop``: the TCP connection is closed with no HTTP answer at all;
- ``slow``: the answer is held back ``delay`` seconds (default 1), then sent normally.
"""


@dataclass
class Fault:
    """One injected fault (the keywords of :meth:`runapi.emulator.Emulator.inject`).

    Attributes:
        kind: one of :data:`FAULT_KINDS`.
        times: how many more matching requests it hits.
        method: only requests with this HTTP method (any if ``None``).
        path: only requests whose path starts with this prefix (any if ``None``).
        retry_after: seconds for the ``Retry-After`` header (``rate_limit``, ``unavailable``).
        delay: seconds a ``slow`` answer is held back.
        after_handling: handle the request for real first, then replace (or delay) its answer.
    """

    kind: str
    times: int = 1
    method: str | None = None
    path: str | None = None
    retry_after: float | None = None
    delay: float | None = None
    after_handling: bool = False

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; expected one of {', '.join(FAULT_KINDS)}")
        if isinstance(self.times, bool) or not isinstance(self.times, int) or self.times < 1:
            raise ValueError("times must be a positive integer")
        for name in ("retry_after", "delay"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int | float) or value < 0):
                raise ValueError(f"{name} must be a non-negative number of seconds")
        for name in ("method", "path"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise ValueError(f"{name} must be a string")
        if not isinstance(self.after_handling, bool):
            raise ValueError("after_handling must be a boolean")
        if self.method is not None:
            self.method = self.method.upper()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Fault:
        """Build a fault from a JSON object with the same keys (``POST /_emulator/faults``).

        Raises:
            ValueError: missing ``kind``, an unknown key, or an invalid value.
        """
        unknown = set(data) - set(cls.__dataclass_fields__)
        if unknown:
            raise ValueError(f"unknown fault option(s): {', '.join(sorted(unknown))}")
        if "kind" not in data:
            raise ValueError("missing fault option: kind")
        return cls(**data)

    def matches(self, method: str, path: str) -> bool:
        """Whether this fault applies to a request."""
        return (self.method is None or self.method == method.upper()) and (
            self.path is None or path.startswith(self.path)
        )

    def as_dict(self) -> dict[str, Any]:
        """The fault as a JSON-ready dict."""
        return asdict(self)


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
        """The first active fault matching the request, used up once; ``None`` if none matches."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    fault.times -= 1
                    if fault.times <= 0:
                        self._faults.remove(fault)
                    return fault
            return None

    def active(self) -> list[dict[str, Any]]:
        """The active faults as dicts, with the hits each has left as ``times``."""
        with self._lock:
            return [fault.as_dict() for fault in self._faults]
