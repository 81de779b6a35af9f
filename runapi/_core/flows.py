"""What a task operation does, written once and without I/O.

A flow is a generator that yields effects (:class:`Call`: "send this request"; :class:`Sleep`:
"wait this long") and receives a :class:`Reply` for each call. The client's driver performs the
effects (with retries) and sends the results back. Polling, deadlines and terminal states are
therefore plain code that tests drive by hand, and an async driver can reuse them unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Mapping
from typing import Any, TypeVar
from urllib.parse import quote

import attrs

from ..errors import TaskFailedError, TaskTimeoutError, ValidationError
from .models import Task, structure
from .options import PollPolicy

__all__ = ["Call", "Flow", "Reply", "Sleep", "create_task", "get_task", "request", "wait_task"]

T = TypeVar("T")
TaskT = TypeVar("TaskT", bound=Task)


@attrs.frozen
class Call:
    """Effect: send one API request. ``path`` is relative to the base URL."""

    method: str
    path: str
    body: Mapping[str, Any] | None = None
    idempotency_key: str | None = None

    @property
    def idempotent(self) -> bool:
        """Safe to repeat: every GET. A POST creates a task and is not."""
        return self.method == "GET"


@attrs.frozen
class Sleep:
    """Effect: wait ``seconds`` before going on."""

    seconds: float


@attrs.frozen
class Reply:
    """A 2xx answer: its status, decoded JSON and ``Retry-After`` (seconds) if any."""

    status_code: int
    data: Any
    retry_after: float | None = None


Flow = Generator[Call | Sleep, Reply | None, T]


def request(call: Call) -> Flow[Reply]:
    """Yield one call and return its reply."""
    reply = yield call
    assert reply is not None, "the driver must answer a Call with a Reply"
    return reply


def _task_path(path: str, task_id: str) -> str:
    if not isinstance(task_id, str) or not task_id.strip():
        raise ValidationError(f"task_id must be a non-empty string; got {task_id!r}", field="task_id")
    return f"{path}/{quote(task_id, safe='')}"


def create_task(path: str, body: Mapping[str, Any], task_type: type[TaskT], idempotency_key: str) -> Flow[TaskT]:
    """POST the body to ``path``; return the created task (202 ``{"id", "status"}``)."""
    reply = yield from request(Call("POST", path, body, idempotency_key))
    return structure(reply.data, task_type)


def get_task(path: str, task_id: str, task_type: type[TaskT]) -> Flow[TaskT]:
    """GET ``path/{task_id}``; return the task as it is now."""
    reply = yield from request(Call("GET", _task_path(path, task_id)))
    return structure(reply.data, task_type)


def wait_task(
    path: str,
    task_id: str,
    task_type: type[TaskT],
    policy: PollPolicy,
    clock: Callable[[], float],
    on_progress: Callable[[TaskT], None] | None = None,
) -> Flow[TaskT]:
    """Poll ``path/{task_id}`` until the task completes; return the completed task.

    Any status other than ``completed`` and ``failed`` (including ones the SDK does not know)
    means "keep polling".

    Raises:
        TaskFailedError: the task's status became ``failed``.
        TaskTimeoutError: ``policy.timeout`` seconds passed (measured with ``clock``).
    """
    status_path = _task_path(path, task_id)
    deadline = clock() + policy.timeout
    interval = policy.interval
    while True:
        reply = yield from request(Call("GET", status_path))
        task = structure(reply.data, task_type)
        if on_progress is not None:
            on_progress(task)
        if task.is_completed:
            return task
        if task.is_failed:
            raise TaskFailedError(task)
        remaining = deadline - clock()
        if remaining <= 0:
            raise TaskTimeoutError(task_id, task.status, policy.timeout)
        pause = interval if reply.retry_after is None else reply.retry_after
        yield Sleep(min(pause, remaining))
        interval = min(interval * policy.backoff, policy.max_interval)
