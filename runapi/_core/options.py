"""Per-call options and the polling policy: plain values, checked when made, merged over the client's defaults.

Every option is checked where it is given (``Client(...)``, ``client.with_options(...)``,
``resource.with_options(...)``, ``wait(...)``), so a bad value is a :class:`runapi.ValidationError`
naming the option, before any request and before any paid task exists.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from ..errors import ValidationError
from .transport import Timeout

__all__ = [
    "DURATIONS",
    "MAX_ID_LENGTH",
    "Duration",
    "PollPolicy",
    "RequestOptions",
    "check_count",
    "check_header_id",
    "check_seconds",
    "opt_client_request_id",
]


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


MAX_ID_LENGTH = 512
"""The longest ``Idempotency-Key`` and ``X-Client-Request-Id`` RunAPI takes, in characters
(runapi-core 0.10.1 README, "Request identifiers")."""


def check_header_id(name: str, value: object, example: str) -> str:
    """``value`` as an identifier header's value: 1 to :data:`MAX_ID_LENGTH` printable ASCII
    characters, not blank (what the README allows for ``X-Client-Request-Id``; an
    ``Idempotency-Key`` is "opaque, up to 512 characters", and a header carries ASCII only).

    Raises:
        ValidationError: naming ``name``; the message gives the length of a value too long,
            never a value with a line break or a control character in it.
    """
    allowed = f"1 to {MAX_ID_LENGTH} printable ASCII characters, e.g. {example!r}"
    if not isinstance(value, str) or not value.strip() or not value.isascii() or not value.isprintable():
        got = f"a {type(value).__name__}" if not isinstance(value, str) else "a blank or non-printable string"
        raise ValidationError(f"{name} must be {allowed}; got {got}", field=name, allowed=allowed)
    if len(value) > MAX_ID_LENGTH:
        raise ValidationError(f"{name} must be {allowed}; got {len(value)} characters", field=name, allowed=allowed)
    return value


def _opt_key(value: str | None) -> str | None:
    return None if value is None else check_header_id("idempotency_key", value, "order-42-song")


def opt_client_request_id(value: str | None) -> str | None:
    """A ``client_request_id`` option, checked (see :func:`check_header_id`), or ``None``."""
    return None if value is None else check_header_id("client_request_id", value, "order-42")


def _opt_callable(value: Callable[[Any], None] | None) -> Callable[[Any], None] | None:
    if value is not None and not callable(value):
        raise ValidationError(f"on_progress must be callable; got {value!r}", field="on_progress")
    return value


def _opt_strict(value: bool | None) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise ValidationError(f"strict must be True or False; got {value!r}", field="strict", allowed="True or False")
    return value


@attrs.frozen
class Duration:
    """How long an operation's tasks typically take, in seconds: the window polling is shaped around.

    Attributes:
        low: the earliest a task usually completes.
        high: the latest a task usually completes.
        source: where the numbers come from (a docs section, or "assumed" with the reason).
    """

    low: float
    high: float
    source: str = ""

    def __attrs_post_init__(self) -> None:
        check_seconds("low", self.low)
        if check_seconds("high", self.high) < self.low:
            raise ValidationError("a Duration's high must be >= its low", field="high")


DURATIONS: dict[str, Duration] = {
    "image": Duration(10, 30, "docs: Quick Start, 'usually 10-30 seconds'"),
    "lyrics": Duration(5, 30, "assumed: text only, faster than an image"),
    "music": Duration(30, 180, "assumed: Suno's first audio in about 30 s, all audios within 3 minutes"),
    "video": Duration(60, 360, "assumed: the docs say video takes minutes"),
    "default": Duration(
        6,
        44,
        "assumed: an operation that declares nothing (5-60 s before, which 12 polls cannot cover at 1.25x)",
    ),
}
"""The duration classes operations declare (``TaskOperation(..., duration=DURATIONS["image"])``).

Each window is at most ``1.25 ** 9`` wide (about 7.45x), the widest a shaped schedule covers at
1.25x while keeping two of its 12 polls for the tail to 10 minutes: so every class notices a task
inside its window within 1.25x its run time (``tests/core/test_polling.py`` checks each class at
each edge). The ``default`` class was 5-60 s (12x), noticed at up to 1.32x; 6-44 s keeps most of
that range at 1.25x (tasks of 4.8-44.7 s) and then polls at about 164 s and 600 s.
"""


POLL_BUDGET = 12
"""The most polls a task that finishes within :data:`POLL_HORIZON` seconds costs (shaped schedules)."""

POLL_HORIZON = 600.0
"""Ten minutes: the horizon the poll budget covers."""

AFTER_HORIZON_MAX_INTERVAL = 120.0
"""Past the horizon, the longest gap between polls of a shaped schedule (unless ``max_poll_interval``)."""


@functools.cache
def _shaped_times(low: float, high: float, growth: float) -> tuple[float, ...]:
    """Poll times (seconds after creation) of a shaped schedule, up to the horizon.

    Inside ``low``..``high`` each poll comes ``growth`` times later than the one before, so a task
    that finishes there is noticed within ``growth`` times its run time (a window wider than
    ``growth ** 9`` gets a larger growth, to leave 2 polls of the budget for the tail); the polls
    left of the budget are spread geometrically from there to the horizon.
    """
    # a window too wide for the budget gets a larger growth: it keeps 2 polls for the tail
    growth = max(growth, (high / low) ** (1 / (POLL_BUDGET - 3)))
    times = [low]
    while times[-1] < high * (1 - 1e-9):
        times.append(times[-1] * growth)
    remaining = POLL_BUDGET - len(times)
    if remaining > 0 and times[-1] < POLL_HORIZON:
        step = (POLL_HORIZON / times[-1]) ** (1 / remaining)
        for _ in range(remaining):
            times.append(times[-1] * step)
        times[-1] = POLL_HORIZON  # exactly, not a rounding error short of it
    return tuple(times)


@attrs.frozen
class PollPolicy:
    """How ``wait()`` polls a task; all values in seconds.

    **Shaped by the operation's expected duration** (the default): polls fall at ``low``,
    ``low * 1.25``, ``low * 1.25**2``, ... through the operation's :class:`Duration` window, so a
    task that finishes inside it is noticed within 1.25x its run time; the rest of a budget of
    12 polls is spread from there to 10 minutes, so no task under 10 minutes costs more than 12
    polls; past that every gap is 120 s (or ``max_interval``, which caps every gap when set).
    ``scripts/bench.py`` measures both on the real flow. (No single schedule can keep 1.25x for
    every duration from 3 s to 10 minutes within 12 polls: that takes about 24.)

    **Fixed** when ``interval`` is set (``poll_interval=...``): the first gap is ``interval`` and each
    next one ``backoff`` times longer, up to ``max_interval`` (default 15 s in this mode).

    Either way a ``Retry-After`` on a status answer replaces the computed gap, kept within
    ``min_interval``..``max_retry_after``, and transient errors while polling do not end the wait.
    Past ``timeout`` seconds, ``wait()`` raises :class:`runapi.TaskTimeoutError` (the task itself
    keeps running on RunAPI).

    Raises:
        ValidationError: a value is not a finite number of seconds > 0 (``backoff`` >= 1).
    """

    timeout: float = attrs.field(default=900.0, converter=_wait_timeout)
    interval: float | None = attrs.field(default=None, converter=_opt_poll_interval)
    max_interval: float | None = attrs.field(default=None, converter=_opt_max_poll_interval)
    backoff: float = attrs.field(default=1.5, converter=_backoff)
    expected: Duration = DURATIONS["default"]
    growth: float = 1.25
    """Ratio between successive poll times inside the expected window (the time-to-notice bound)."""
    max_retry_after: float = 60.0

    def __attrs_post_init__(self) -> None:
        if self.backoff < 1:
            raise ValidationError("backoff must be >= 1", field="backoff", allowed="a number >= 1")
        if self.interval is not None and self.max_interval is not None and self.max_interval < self.interval:
            raise ValidationError(
                f"max_poll_interval ({self.max_interval:g}) must be >= poll_interval ({self.interval:g})",
                field="max_poll_interval",
                allowed=f"seconds >= {self.interval:g}",
            )

    @property
    def min_interval(self) -> float:
        """The shortest gap this policy waits, even when a server's ``Retry-After`` asks for less."""
        return self.interval if self.interval is not None else min(1.0, self.expected.low)

    def waits(self) -> Iterator[float]:
        """The gaps before each poll, counted from the task's creation (an endless iterator of seconds)."""
        if self.interval is not None:
            cap = self.max_interval if self.max_interval is not None else max(15.0, self.interval)
            gap = self.interval
            while True:
                yield gap
                gap = min(gap * self.backoff, cap)
        previous = 0.0
        for at in _shaped_times(self.expected.low, self.expected.high, self.growth):
            gap = at - previous
            if self.max_interval is not None:
                gap = min(gap, self.max_interval)
            previous += gap
            yield gap
        gap = self.max_interval if self.max_interval is not None else AFTER_HORIZON_MAX_INTERVAL
        while True:  # past the horizon: one poll per gap
            yield gap

    def honour(self, retry_after: float) -> float:
        """A server's ``Retry-After`` (seconds), kept within ``min_interval``..``max_retry_after``."""
        return min(max(retry_after, self.min_interval), self.max_retry_after)


@attrs.frozen(kw_only=True)
class RequestOptions:
    """Options for one call, set with ``with_options(...)``; ``None`` means "use the client's".

    Attributes:
        timeout: HTTP timeout, seconds (float, ``(connect, read)`` or :class:`runapi.Timeout`).
        max_retries: retries after the first attempt (>= 0).
        extra_headers: headers added to the request (they cannot replace ``Authorization``).
        extra_body: JSON fields added to a create's body, for parameters newer than the SDK.
        idempotency_key: the ``Idempotency-Key`` of a create (1 to 512 printable ASCII
            characters); by default a new random key per logical call, reused on each retry of
            that call. A key you set here is for **one** logical create: a second create with
            other parameters under the same key is refused here (``ValidationError``), and by
            RunAPI with ``409`` (:class:`runapi.IdempotencyConflictError`).
        client_request_id: the ``X-Client-Request-Id`` of this call's requests (1 to 512
            printable ASCII characters; over the client's): RunAPI echoes it in the answer and
            stores it with the task (runapi-core 0.10.1 README). Not derived from, nor used as,
            the idempotency key.
        wait_timeout: ``wait()``/``run()`` deadline, seconds (> 0).
        poll_interval: first wait between polls, seconds (> 0).
        max_poll_interval: cap on the wait between polls, seconds (> 0).
        on_progress: called with each polled task (e.g. to show Suno's ``generation_stage``).
        strict: refuse (``True``) or send with a warning (``False``) values the SDK does not know
            (a model id or enum value newer than it), for this call; ``None`` keeps the client's.

    Raises:
        ValidationError: an option out of range or of the wrong type, naming it.
    """

    timeout: Timeout | None = attrs.field(default=None, converter=_opt_timeout)
    max_retries: int | None = attrs.field(default=None, converter=_opt_max_retries)
    extra_headers: Mapping[str, str] | None = attrs.field(default=None, converter=_opt_headers)
    extra_body: Mapping[str, Any] | None = attrs.field(default=None, converter=_opt_body)
    idempotency_key: str | None = attrs.field(default=None, converter=_opt_key)
    client_request_id: str | None = attrs.field(default=None, converter=opt_client_request_id)
    wait_timeout: float | None = attrs.field(default=None, converter=_opt_wait_timeout)
    poll_interval: float | None = attrs.field(default=None, converter=_opt_poll_interval)
    max_poll_interval: float | None = attrs.field(default=None, converter=_opt_max_poll_interval)
    on_progress: Callable[[Any], None] | None = attrs.field(default=None, converter=_opt_callable)
    strict: bool | None = attrs.field(default=None, converter=_opt_strict)

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
        if self.max_poll_interval is None and max_interval is not None and interval is not None:
            max_interval = max(max_interval, interval)  # a longer first interval raises the cap with it
        return attrs.evolve(
            base,
            timeout=base.timeout if self.wait_timeout is None else self.wait_timeout,
            interval=interval,
            max_interval=max_interval,
        )
