"""Per-call options and the polling policy: plain values, checked when made, merged over the client's defaults.

Every option is checked where it is given (``Client(...)``, ``client.with_options(...)``,
``resource.with_options(...)``, ``wait(...)``), so a bad value is a :class:`runapi.ValidationError`
naming the option, before any request and before any paid task exists.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from ..errors import ValidationError
from .transport import Timeout

__all__ = ["PollPolicy", "RequestOptions", "check_count", "check_seconds"]


def check_seconds(name: str, value: object, *, allow_zero: bool = False) -> float:
    """``value`` as a finite number of seconds > 0 (or >= 0 with ``allow_zero``).

    Raises:
        ValidationError: naming ``name``: not a number, NaN, infinite, or out of range.
    """
    bound = ">= 0" if allow_zero else "> 0"
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValidationError(
            f"{name} must be a finite number of seconds {bound}; got {value!r}", field=name, allowed=f"seconds {bound}"
        )
    if value < 0 or (value == 0 and not allow_zero):
        raise ValidationError(
            f"{name} must be a finite number of seconds {bound}; got {value!r}", field=name, allowed=f"seconds {bound}"
        )
    return float(value)


def check_count(name: str, value: object, *, minimum: int) -> int:
    """``value`` as an ``int`` (not ``bool``) >= ``minimum``.

    Raises:
        ValidationError: naming ``name``.
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValidationError(
            f"{name} must be an integer >= {minimum}; got {value!r}", field=name, allowed=f"an integer >= {minimum}"
        )
    return value


def timeout_option(value: object) -> Timeout:
    """A ``timeout`` option (seconds, ``(connect, read)`` or :class:`runapi.Timeout`) as a Timeout.

    Raises:
        ValidationError: naming ``timeout``: not a positive finite number of seconds.
    """
    if isinstance(value, Timeout):
        parts: tuple[object, object] = (value.connect, value.read)
    elif isinstance(value, tuple) and len(value) == 2:
        parts = value
    else:
        parts = (value, value)
    connect = check_seconds("timeout", parts[0])
    read = check_seconds("timeout", parts[1])
    return value if isinstance(value, Timeout) else Timeout(connect, read)


def _wait_timeout(value: float) -> float:
    return check_seconds("wait_timeout", value)


def _poll_interval(value: float) -> float:
    return check_seconds("poll_interval", value)


def _max_poll_interval(value: float) -> float:
    return check_seconds("max_poll_interval", value)


def _backoff(value: float) -> float:
    return check_seconds("backoff", value)


def _opt_timeout(value: Timeout | float | tuple[float, float] | None) -> Timeout | None:
    return None if value is None else timeout_option(value)


def _opt_max_retries(value: int | None) -> int | None:
    return None if value is None else check_count("max_retries", value, minimum=0)


def _opt_wait_timeout(value: float | None) -> float | None:
    return None if value is None else _wait_timeout(value)


def _opt_poll_interval(value: float | None) -> float | None:
    return None if value is None else _poll_interval(value)


def _opt_max_poll_interval(value: float | None) -> float | None:
    return None if value is None else _max_poll_interval(value)


def _opt_headers(value: Mapping[str, str] | None) -> Mapping[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ValidationError("extra_headers must map header names to string values", field="extra_headers")
    for name, text in value.items():
        if any(c in "\r\n" for c in name + text):
            raise ValidationError(f"extra_headers[{name!r}] contains a line break", field="extra_headers")
    return dict(value)


def _opt_body(value: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        raise ValidationError("extra_body must be a mapping with string keys", field="extra_body")
    return dict(value)


def _opt_key(value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or not value.isascii() or not value.isprintable():
        raise ValidationError(
            "idempotency_key must be a non-blank string of printable ASCII characters",
            field="idempotency_key",
            allowed="printable ASCII, e.g. 'order-42-song'",
        )
    return value


def _opt_callable(value: Callable[[Any], None] | None) -> Callable[[Any], None] | None:
    if value is not None and not callable(value):
        raise ValidationError(f"on_progress must be callable; got {value!r}", field="on_progress")
    return value


@attrs.frozen
class PollPolicy:
    """How ``wait()`` polls a task; all values in seconds.

    The first poll happens at once; the wait before the next starts at ``interval`` and grows by
    ``backoff`` each time up to ``max_interval``. A ``Retry-After`` header on a status answer
    replaces the computed wait, kept within ``interval``..``max_retry_after``. Past ``timeout``
    seconds, ``wait()`` raises :class:`runapi.TaskTimeoutError` (the task itself keeps running).
    Transient errors while polling (connection errors, timeouts, 408, 429, 5xx) do not end the
    wait: polling goes on, on the same schedule, until the deadline.

    The defaults follow the docs' advice (Quick Start: "poll every 5 seconds", images in 10-30
    seconds) while answering fast tasks quickly and leaving room for long videos.

    Raises:
        ValidationError: a value is not a finite number of seconds > 0 (``backoff`` >= 1).
    """

    timeout: float = attrs.field(default=900.0, converter=_wait_timeout)
    interval: float = attrs.field(default=2.0, converter=_poll_interval)
    max_interval: float = attrs.field(default=15.0, converter=_max_poll_interval)
    backoff: float = attrs.field(default=1.5, converter=_backoff)
    max_retry_after: float = 60.0

    def __attrs_post_init__(self) -> None:
        if self.backoff < 1:
            raise ValidationError("backoff must be >= 1", field="backoff", allowed="a number >= 1")
        if self.max_interval < self.interval:
            raise ValidationError(
                f"max_poll_interval ({self.max_interval:g}) must be >= poll_interval ({self.interval:g})",
                field="max_poll_interval",
                allowed=f"seconds >= {self.interval:g}",
            )

    def waits(self) -> Any:
        """The computed waits between polls, in order (an endless generator of seconds)."""
        interval = self.interval
        while True:
            yield interval
            interval = min(interval * self.backoff, self.max_interval)

    def honour(self, retry_after: float) -> float:
        """A server's ``Retry-After`` (seconds), kept within ``interval``..``max_retry_after``."""
        return min(max(retry_after, self.interval), self.max_retry_after)


@attrs.frozen(kw_only=True)
class RequestOptions:
    """Options for one call, set with ``with_options(...)``; ``None`` means "use the client's".

    Attributes:
        timeout: HTTP timeout, seconds (float, ``(connect, read)`` or :class:`runapi.Timeout`).
        max_retries: retries after the first attempt (>= 0).
        extra_headers: headers added to the request (they cannot replace ``Authorization``).
        extra_body: JSON fields added to a create's body, for parameters newer than the SDK.
        idempotency_key: the ``Idempotency-Key`` of a create; by default a new random key per
            logical call, reused on each retry of that call. A key you set here is for **one**
            logical create: a second create with other parameters under the same key is refused.
        wait_timeout: ``wait()``/``run()`` deadline, seconds (> 0).
        poll_interval: first wait between polls, seconds (> 0).
        max_poll_interval: cap on the wait between polls, seconds (> 0).
        on_progress: called with each polled task (e.g. to show Suno's ``generation_stage``).

    Raises:
        ValidationError: an option out of range or of the wrong type, naming it.
    """

    timeout: Timeout | None = attrs.field(default=None, converter=_opt_timeout)
    max_retries: int | None = attrs.field(default=None, converter=_opt_max_retries)
    extra_headers: Mapping[str, str] | None = attrs.field(default=None, converter=_opt_headers)
    extra_body: Mapping[str, Any] | None = attrs.field(default=None, converter=_opt_body)
    idempotency_key: str | None = attrs.field(default=None, converter=_opt_key)
    wait_timeout: float | None = attrs.field(default=None, converter=_opt_wait_timeout)
    poll_interval: float | None = attrs.field(default=None, converter=_opt_poll_interval)
    max_poll_interval: float | None = attrs.field(default=None, converter=_opt_max_poll_interval)
    on_progress: Callable[[Any], None] | None = attrs.field(default=None, converter=_opt_callable)

    def merged(self, other: RequestOptions) -> RequestOptions:
        """These options with every field that ``other`` sets taken from ``other``."""
        changes = {a.name: getattr(other, a.name) for a in attrs.fields(RequestOptions)}
        return attrs.evolve(self, **{k: v for k, v in changes.items() if v is not None})

    def poll_policy(self, base: PollPolicy) -> PollPolicy:
        """``base`` with this call's ``wait_timeout``/``poll_interval``/``max_poll_interval`` applied.

        Raises:
            ValidationError: the combination is inconsistent (``max_poll_interval < poll_interval``).
        """
        if self.wait_timeout is None and self.poll_interval is None and self.max_poll_interval is None:
            return base
        interval = base.interval if self.poll_interval is None else self.poll_interval
        max_interval = base.max_interval if self.max_poll_interval is None else self.max_poll_interval
        if self.max_poll_interval is None:
            max_interval = max(max_interval, interval)  # a longer first interval raises the cap with it
        return attrs.evolve(
            base,
            timeout=base.timeout if self.wait_timeout is None else self.wait_timeout,
            interval=interval,
            max_interval=max_interval,
        )
