"""When to retry a request and how long to wait: pure decisions, driven by tenacity.

What the docs promise, and what they don't:

- They document 429 (rate limit), 500 and 503 (temporary interruption) but say nothing of
  ``Retry-After``; when a response carries it (seconds or an HTTP date) it is honoured.
- Task creates (and direct calls) accept an ``Idempotency-Key`` of at most 512 characters,
  opaque: RunAPI de-duplicates by it, and reusing a key with different input answers
  ``409 Conflict`` (:class:`runapi.IdempotencyConflictError`). Source: runapi-core 0.10.1, its
  README ("Request identifiers": "Generate one value per logical task and reuse it only with
  identical input after an unknown result") and ``runapi/core/http_client.py`` (a POST carrying
  the key is retried like a GET). The older docs snapshot did not name the header, so this SDK
  used not to rely on it; the newer source wins. The SDK sends one key per logical call (the
  caller's, or a fresh random one), the same on every attempt, and by default
  (``idempotent_creates=True``) re-sends a create whose outcome is unknown (a 500/502/504/408, a
  dropped connection, a read timeout) with that key, like a status call: RunAPI answers the task
  the key made instead of starting a second one.
- ``idempotent_creates=False`` (``Client``, ``AsyncClient``, ``with_options``) is the old, careful
  mode: a create is retried only where the server cannot have started the task (the connection
  was never opened, or the answer was 429 or 503), and an unknown outcome is raised with
  ``task_may_exist`` for you to decide.
- File uploads (``client.files``) and management creates are never replayed after an unknown
  outcome, whatever ``idempotent_creates`` says: the key is promised for task creates only (the
  official ``FilesClient.create`` sends none), so a replay could store a second copy.
- Status calls (GET) are always safe to repeat: they retry on connection errors, timeouts,
  408, 429, 500, 502, 503 and 504.
"""

from __future__ import annotations

import email.utils
import logging
import math
import time
from collections.abc import Awaitable, Callable
from datetime import timezone
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from ..errors import APIConnectionError, APIError, APIStatusError

if TYPE_CHECKING:
    import tenacity

__all__ = [
    "CREATE_RETRY_STATUSES",
    "GET_RETRY_STATUSES",
    "RetryPolicy",
    "parse_retry_after",
    "retrying",
    "should_retry",
    "wait_seconds",
    "with_retries",
    "with_retries_async",
]

A = TypeVar("A")
R = TypeVar("R")

logger = logging.getLogger("runapi")

GET_RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
"""Statuses retried on requests that are safe to repeat (GET)."""

CREATE_RETRY_STATUSES = frozenset({429, 503})
"""Statuses retried on a create: the server refused it before starting a task."""


@attrs.frozen
class RetryPolicy:
    """How many times to retry, and how long to wait between attempts (seconds).

    Attributes:
        max_retries: retries after the first attempt (``0`` disables retrying).
        initial_backoff: the first backoff; it doubles each attempt, plus up to that much jitter.
        max_backoff: cap on one backoff wait.
        max_retry_after: the longest ``Retry-After`` honoured; a longer one is not waited for and
            the error is raised instead, so a call never hangs for minutes unasked.
        idempotent_creates: retry creates (task creates and direct calls, each with its
            ``Idempotency-Key``) like GETs, also after an unknown outcome: RunAPI de-duplicates by
            the key. ``False`` here, the neutral value; ``runapi.Client`` and ``runapi.AsyncClient``
            set ``True`` by default, the management clients ``False`` (their creates are not
            promised to be de-duplicated).
    """

    max_retries: int = 2
    initial_backoff: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = 60.0
    idempotent_creates: bool = False


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds or an HTTP date; else ``None``."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        current = time.time() if now is None else now
        seconds = when.timestamp() - current
        return max(0.0, seconds)
    if not math.isfinite(seconds):
        return None
    return max(0.0, seconds)


def should_retry(exc: BaseException, *, idempotent: bool, policy: RetryPolicy) -> bool:
    """Decide whether one failed attempt may be repeated.

    Args:
        exc: what the attempt raised.
        idempotent: ``True`` for requests safe to repeat (GET); ``False`` for a create, which is
            then retried like a GET only under ``policy.idempotent_creates`` (the driver turns it
            off for a POST the server is not promised to de-duplicate: an upload).
        policy: the retry policy (for ``max_retry_after``).
    """
    safe = idempotent or policy.idempotent_creates
    if isinstance(exc, APIConnectionError):
        return safe or not exc.request_sent
    if isinstance(exc, APIStatusError):
        statuses = GET_RETRY_STATUSES if safe else CREATE_RETRY_STATUSES
        if exc.status_code not in statuses:
            return False
        return exc.retry_after is None or exc.retry_after <= policy.max_retry_after
    return False


def wait_seconds(policy: RetryPolicy, attempt: int, exc: BaseException | None, jitter: float) -> float:
    """Seconds to wait before attempt ``attempt + 1``.

    ``Retry-After`` wins when the error carries one; otherwise exponential backoff:
    ``initial_backoff * 2**(attempt-1)`` plus ``jitter`` (0..1) times ``initial_backoff``, capped at
    ``max_backoff``.
    """
    retry_after: object = getattr(exc, "retry_after", None)
    if isinstance(retry_after, int | float):
        return float(retry_after)
    backoff = policy.initial_backoff * 2.0 ** max(0, attempt - 1) + jitter * policy.initial_backoff
    return min(backoff, policy.max_backoff)


def _describe(exc: BaseException | None) -> str:
    if isinstance(exc, APIStatusError):
        return f"HTTP {exc.status_code}"
    return type(exc).__name__ if exc else "error"


def retrying(
    policy: RetryPolicy,
    *,
    idempotent: bool,
    sleep: Callable[[float], None],
    what: object,
    random: Callable[[], float],
) -> tenacity.Retrying:
    """A tenacity controller for one logical request under ``policy``.

    Args:
        policy: the retry policy.
        idempotent: whether the request is safe to repeat (see :func:`should_retry`).
        sleep: called with the wait in seconds (injected in tests: nothing sleeps for real).
        what: the request for the retry log line; its ``str()`` reads ``"POST /api/v1/..."``
            (formatted only when a retry is logged).
        random: returns a float in [0, 1) for jitter.

    The last error is re-raised as is when attempts run out or the error is not retryable.
    """
    import tenacity  # only once a request has failed: a cold process that never retries skips it

    return tenacity.Retrying(**_controller(policy, idempotent=idempotent, sleep=sleep, what=what, random=random))


def _controller(
    policy: RetryPolicy, *, idempotent: bool, sleep: Callable[[float], Any], what: object, random: Callable[[], float]
) -> dict[str, Any]:
    """The settings of a tenacity controller (``Retrying`` or ``AsyncRetrying``) for one logical request."""
    import tenacity

    def wait(state: tenacity.RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        return wait_seconds(policy, state.attempt_number, exc, random())

    def before_sleep(state: tenacity.RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        seconds = state.next_action.sleep if state.next_action else 0.0
        logger.info(
            "retrying %s in %.2fs after %s (attempt %d of %d)",
            what,
            seconds,
            _describe(exc),
            state.attempt_number + 1,
            policy.max_retries + 1,
        )

    def retry(exc: BaseException) -> bool:
        return should_retry(exc, idempotent=idempotent, policy=policy)

    return {
        "stop": tenacity.stop_after_attempt(policy.max_retries + 1),
        "retry": tenacity.retry_if_exception(retry),
        "wait": wait,
        "sleep": sleep,
        "before_sleep": before_sleep,
        "reraise": True,
    }


def with_retries(
    attempt: Callable[[A], R],
    arg: A,
    policy: RetryPolicy,
    *,
    idempotent: bool,
    sleep: Callable[[float], None],
    what: object,
    random: Callable[[], float],
) -> R:
    """``attempt(arg)``, retried under ``policy`` (see :func:`retrying` for the arguments).

    The first attempt runs without any retry machinery: it almost always succeeds, and this is
    the per-call hot path. When it fails with an error worth retrying, a tenacity controller takes
    over and counts that failure as its attempt 1, so waits, logs and the attempt limit are the
    same as if tenacity had run from the start.
    """
    try:
        return attempt(arg)
    except (APIConnectionError, APIStatusError) as exc:
        if policy.max_retries < 1 or not should_retry(exc, idempotent=idempotent, policy=policy):
            raise
        first: list[BaseException] = [exc]

    attempts = 1

    def replay_then_attempt(value: A) -> R:
        nonlocal attempts
        if first:
            raise first.pop()
        attempts += 1
        return attempt(value)

    controller = retrying(policy, idempotent=idempotent, sleep=sleep, what=what, random=random)
    try:
        result: R = controller(replay_then_attempt, arg)
    except APIError as exc:
        exc.attempts = attempts
        raise
    return result


async def with_retries_async(
    attempt: Callable[[A], Awaitable[R]],
    arg: A,
    policy: RetryPolicy,
    *,
    idempotent: bool,
    sleep: Callable[[float], Awaitable[None]],
    what: object,
    random: Callable[[], float],
) -> R:
    """:func:`with_retries` for a coroutine ``attempt``, waiting with ``sleep`` (``asyncio.sleep``).

    The same decisions (:func:`should_retry`, :func:`wait_seconds`), the same hot path (the first
    attempt outside tenacity) and the same ``attempts`` count; ``tenacity.AsyncRetrying`` drives
    the rest.
    """
    try:
        return await attempt(arg)
    except (APIConnectionError, APIStatusError) as exc:
        if policy.max_retries < 1 or not should_retry(exc, idempotent=idempotent, policy=policy):
            raise
        first: list[BaseException] = [exc]
    attempts = 1

    async def replay_then_attempt(value: A) -> R:
        nonlocal attempts
        if first:
            raise first.pop()
        attempts += 1
        return await attempt(value)

    import tenacity

    settings = _controller(policy, idempotent=idempotent, sleep=sleep, what=what, random=random)
    try:
        result: R = await tenacity.AsyncRetrying(**settings)(replay_then_attempt, arg)
    except APIError as exc:
        exc.attempts = attempts
        raise
    return result
