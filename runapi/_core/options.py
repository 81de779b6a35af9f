"""Per-call options and the polling policy: plain values, merged over the client's defaults."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from .transport import Timeout

__all__ = ["PollPolicy", "RequestOptions"]


@attrs.frozen
class PollPolicy:
    """How ``wait()`` polls a task; all values in seconds.

    The first poll happens at once; the wait before the next starts at ``interval`` and grows by
    ``backoff`` each time up to ``max_interval``. A ``Retry-After`` header on a status answer
    replaces the computed wait. Past ``timeout`` seconds, ``wait()`` raises
    :class:`runapi.TaskTimeoutError` (the task itself keeps running on RunAPI).

    The defaults follow the docs' advice (Quick Start: "poll every 5 seconds", images in 10-30
    seconds) while answering fast tasks quickly and leaving room for long videos.
    """

    timeout: float = 900.0
    interval: float = 2.0
    max_interval: float = 15.0
    backoff: float = 1.5


def _timeout(value: Timeout | float | tuple[float, float] | None) -> Timeout | None:
    return None if value is None else Timeout.of(value)


@attrs.frozen(kw_only=True)
class RequestOptions:
    """Options for one call, set with ``with_options(...)``; ``None`` means "use the client's".

    Attributes:
        timeout: HTTP timeout, seconds (float, ``(connect, read)`` or :class:`runapi.Timeout`).
        max_retries: retries after the first attempt.
        extra_headers: headers added to the request (they cannot replace ``Authorization``).
        extra_body: JSON fields added to a create's body, for parameters newer than the SDK.
        idempotency_key: the ``Idempotency-Key`` of a create; by default a new random key per
            logical call, reused on each retry of that call.
        wait_timeout: ``wait()``/``run()`` deadline, seconds.
        poll_interval: first wait between polls, seconds.
        max_poll_interval: cap on the wait between polls, seconds.
        on_progress: called with each polled task (e.g. to show Suno's ``generation_stage``).
    """

    timeout: Timeout | None = attrs.field(default=None, converter=_timeout)
    max_retries: int | None = None
    extra_headers: Mapping[str, str] | None = None
    extra_body: Mapping[str, Any] | None = None
    idempotency_key: str | None = None
    wait_timeout: float | None = None
    poll_interval: float | None = None
    max_poll_interval: float | None = None
    on_progress: Callable[[Any], None] | None = None

    def merged(self, other: RequestOptions) -> RequestOptions:
        """These options with every field that ``other`` sets taken from ``other``."""
        changes = {a.name: getattr(other, a.name) for a in attrs.fields(RequestOptions)}
        return attrs.evolve(self, **{k: v for k, v in changes.items() if v is not None})

    def poll_policy(self, base: PollPolicy) -> PollPolicy:
        """``base`` with this call's ``wait_timeout``/``poll_interval``/``max_poll_interval`` applied."""
        return PollPolicy(
            timeout=base.timeout if self.wait_timeout is None else self.wait_timeout,
            interval=base.interval if self.poll_interval is None else self.poll_interval,
            max_interval=base.max_interval if self.max_poll_interval is None else self.max_poll_interval,
            backoff=base.backoff,
        )
