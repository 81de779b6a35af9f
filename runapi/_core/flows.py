"""What a task operation does, written once and without I/O.

A flow is a generator that yields effects (:class:`Call`: "send this request"; :class:`Sleep`:
"wait this long") and receives a :class:`Reply` for each call. The client's driver performs the
effects (with retries) and sends the results back. Polling, deadlines and terminal states are
therefore plain code that tests drive by hand, and an async driver can reuse them unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar
from urllib.parse import quote

from ..errors import (
    UPLOAD_OUTCOME_UNKNOWN,
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    NotFoundError,
    TaskFailedError,
    TaskTimeoutError,
    ValidationError,
    outcome_unknown,
)
from .models import Result, Task, structure
from .options import PollPolicy
from .retry import GET_RETRY_STATUSES

if TYPE_CHECKING:
    from .multipart import Multipart

__all__ = [
    "Call",
    "Flow",
    "Reply",
    "Sleep",
    "call_direct",
    "create_task",
    "delete_record",
    "get_record",
    "get_task",
    "list_records",
    "request",
    "simulate_wait",
    "unwrap",
    "update_record",
    "upload_file",
    "wait_task",
]

T = TypeVar("T")
R = TypeVar("R", bound=Result)
TaskT = TypeVar("TaskT", bound=Task)


_IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "PATCH", "DELETE"})


class Call(NamedTuple):
    """Effect: send one API request. ``path`` is relative to the base URL.

    The effect and answer values (:class:`Call`, :class:`Sleep`, :class:`Reply`) are named
    tuples: immutable like frozen attrs classes, and built several times per request, where a
    tuple is cheaper to make and to import.
    """

    method: str
    path: str
    body: Mapping[str, Any] | Multipart | None = None
    """A JSON body, or a :class:`~runapi._core.multipart.Multipart` (a streamed file upload)."""
    idempotency_key: str | None = None
    retry: bool = True
    """Whether the driver retries a failed attempt itself; ``False`` where the flow has its own plan."""

    def __str__(self) -> str:  # "POST /api/v1/...": how retry log lines name the request
        return f"{self.method} {self.path}"

    @property
    def idempotent(self) -> bool:
        """Safe to repeat: GET, PUT and DELETE, and RunAPI's PATCHes. A POST creates something and is not.

        PATCH is not idempotent in general, but every PATCH RunAPI documents (Update API Key,
        Update Guardrail) overwrites the fields it names, so sending it twice ends the same.
        """
        return self.method in _IDEMPOTENT


class Sleep(NamedTuple):
    """Effect: wait ``seconds`` before going on."""

    seconds: float


class Reply(NamedTuple):
    """A 2xx answer: its status, decoded JSON and ``Retry-After`` (seconds) if any."""

    status_code: int
    data: Any
    retry_after: float | None = None


Flow = Generator[Call | Sleep, Any, T]
"""Yields effects; receives a :class:`Reply` for each :class:`Call` and ``None`` after each :class:`Sleep`."""


def request(call: Call) -> Flow[Reply]:
    """Yield one call and return its reply."""
    reply: Reply = yield call
    return reply


def _task_path(path: str, task_id: str, name: str = "task_id") -> str:
    """``path/{task_id}``, the id percent-encoded; ``name`` is how an error names the id."""
    if not isinstance(task_id, str) or not task_id.strip():
        raise ValidationError(f"{name} must be a non-empty string; got {task_id!r}", field=name)
    return f"{path}/{quote(task_id, safe='')}"


def create_task(path: str, body: Mapping[str, Any], task_type: type[TaskT], idempotency_key: str) -> Flow[TaskT]:
    """POST the body to ``path``; return the created task (202 ``{"id", "status"}``).

    Raises:
        APIError: with ``idempotency_key`` set, and ``task_may_exist`` when the outcome is
            unknown (the server may have started a paid task).
    """
    try:
        reply = yield Call("POST", path, body, idempotency_key)
        return structure(reply.data, task_type)
    except APIError as exc:
        exc.idempotency_key = idempotency_key
        exc.task_may_exist = outcome_unknown(exc)
        raise


def call_direct(
    path: str, body: Mapping[str, Any], result_type: type[R], idempotency_key: str, envelope: str | None = None
) -> Flow[R]:
    """POST the body to a direct endpoint; its 2xx answer is the result itself (no task, no polling).

    A 2xx answer shaped as a failed task (``{"id", "status": "failed", "error"}``: the docs show
    one for Suno's ``get_timestamped_lyrics``) is a failure, not a result. With ``envelope``, the
    result is the answer's ``envelope`` key (``{"guardrail": {...}}``).

    Raises:
        TaskFailedError: the answer says ``"status": "failed"`` (``.error`` is the server's reason).
        APIError: with ``idempotency_key`` set, and ``task_may_exist`` when the server may have
            carried out the call although no answer said so.
    """
    try:
        reply = yield Call("POST", path, body, idempotency_key)
    except APIError as exc:
        exc.idempotency_key = idempotency_key
        exc.task_may_exist = outcome_unknown(exc)
        raise
    data = reply.data
    if type(data) is dict and data.get("status") == "failed":
        error = data.get("error")
        reason = error if isinstance(error, str) else None
        raise TaskFailedError(Task(id=str(data.get("id") or ""), status="failed", error=reason, raw=data))
    return structure(unwrap(data, envelope), result_type)


def upload_file(path: str, body: Mapping[str, Any] | Multipart, result_type: type[R], idempotency_key: str) -> Flow[R]:
    """POST a file to an upload endpoint; return the stored file's record (its ``download_url``).

    ``body`` is JSON naming the file (a URL, base64 data) or a :class:`Multipart` streaming it.
    The driver retries it as a create: only where the server cannot have stored the file (the
    connection never opened, 429, 503), and never when a non-seekable stream was already read.

    Raises:
        APIError: with ``idempotency_key`` set, and ``task_may_exist`` when the file may have been
            stored although no answer said so (its message says so).
    """
    try:
        reply = yield Call("POST", path, body, idempotency_key)
        return structure(reply.data, result_type)
    except APIError as exc:
        exc.idempotency_key = idempotency_key
        exc.task_may_exist = outcome_unknown(exc)
        exc._unknown_outcome = UPLOAD_OUTCOME_UNKNOWN
        raise


def unwrap(data: Any, envelope: str | None) -> Any:
    """The record inside an answer wrapped as ``{envelope: record}`` (``{"guardrail": {...}}``), or ``data`` itself.

    Raises:
        APIResponseValidationError: the answer is not an object holding ``envelope``.
    """
    if envelope is None:
        return data
    if type(data) is not dict or envelope not in data:
        raise APIResponseValidationError(f"expected a JSON object with a {envelope!r} key", body=data)
    return data[envelope]


def list_records(path: str, record_type: type[R], envelope: str | None) -> Flow[list[R]]:
    """GET ``path``; return its records (a JSON array, or one wrapped as ``{envelope: [...]}``).

    Raises:
        APIResponseValidationError: the answer is not a list of records.
    """
    reply = yield Call("GET", path)
    items = unwrap(reply.data, envelope)
    if type(items) is not list:
        raise APIResponseValidationError(f"expected a JSON array of {record_type.__name__} records", body=reply.data)
    return [structure(item, record_type) for item in items]


def get_record(path: str, record_id: str, record_type: type[R], envelope: str | None) -> Flow[R]:
    """GET ``path/{record_id}``; return the record."""
    reply = yield Call("GET", _task_path(path, record_id, "record_id"))
    return structure(unwrap(reply.data, envelope), record_type)


def update_record(
    path: str, record_id: str, body: Mapping[str, Any], record_type: type[R], envelope: str | None
) -> Flow[R]:
    """PATCH ``path/{record_id}`` with the fields to change; return the record as it is now.

    The docs print no answer for an update: an answer carrying the record is read as such; an
    empty one (``204``) is followed by a GET of the record, so the caller always gets it back.
    Retried like a GET (see :attr:`Call.idempotent`).
    """
    record_path = _task_path(path, record_id, "record_id")
    reply = yield Call("PATCH", record_path, body)
    if reply.data is None:
        reply = yield Call("GET", record_path)
    return structure(unwrap(reply.data, envelope), record_type)


def delete_record(path: str, record_id: str, *, missing_ok: bool) -> Flow[None]:
    """DELETE ``path/{record_id}`` (answered ``204 No Content``).

    A delete is retried like a GET. When a retry of this same delete hears 404, the record is gone
    either way (an earlier attempt that got no answer, or a 5xx, may well be what removed it): that
    is success, not an error. Only a 404 on the first attempt means "there was no such record".

    Raises:
        NotFoundError: the record does not exist (unless ``missing_ok``).
    """
    try:
        yield Call("DELETE", _task_path(path, record_id, "record_id"))
    except NotFoundError as exc:
        if missing_ok or exc.attempts > 1:
            return None
        raise
    return None


def get_task(path: str, task_id: str, task_type: type[TaskT]) -> Flow[TaskT]:
    """GET ``path/{task_id}``; return the task as it is now.

    Raises:
        APIError: with ``task_id`` set.
    """
    status_path = _task_path(path, task_id)
    try:
        reply = yield Call("GET", status_path)
        return structure(reply.data, task_type)
    except APIError as exc:
        exc.task_id = task_id
        raise


def transient(exc: BaseException) -> bool:
    """An error worth polling through: no answer, a timeout, or a status retried for GETs (408/429/5xx)."""
    if isinstance(exc, APIConnectionError):
        return True
    return isinstance(exc, APIStatusError) and exc.status_code in GET_RETRY_STATUSES


def wait_task(
    path: str,
    task_id: str,
    task_type: type[TaskT],
    policy: PollPolicy,
    clock: Callable[[], float],
    on_progress: Callable[[TaskT], None] | None = None,
    *,
    just_created: bool = False,
) -> Flow[TaskT]:
    """Poll ``path/{task_id}`` until the task completes; return the completed task.

    The polls follow ``policy.waits()``, counted from the task's creation: with ``just_created``
    (``run()``) the first poll comes after the first gap; otherwise (``wait()`` on a task of
    unknown age) the first poll is immediate and the schedule follows it.

    Any status other than ``completed`` and ``failed`` (including ones the SDK does not know)
    means "keep polling". So does a transient error (:func:`transient`) on a status request: the
    task exists and is paid for, so the wait goes on, on the same schedule (or the error's
    ``Retry-After``), until the deadline. Polls are not retried by the driver: the schedule is
    their retry, and it never runs past the deadline.

    Raises:
        TaskFailedError: the task's status became ``failed``.
        TaskTimeoutError: ``policy.timeout`` seconds passed (measured with ``clock``); chained to
            the last transient error, if the last poll failed.
        APIError: a non-transient error (e.g. 401, 404), with ``task_id`` set.
    """
    status_path = _task_path(path, task_id)
    deadline = clock() + policy.timeout
    waits = policy.waits()
    last_status: str | None = None
    if just_created:
        yield Sleep(min(next(waits), policy.timeout))
    while True:
        error: APIError | None = None
        try:
            reply = yield Call("GET", status_path, retry=False)  # the poll schedule is the retry
        except APIError as exc:
            exc.task_id = task_id
            if not transient(exc):
                raise
            error = exc
            retry_after = getattr(exc, "retry_after", None)
        else:
            task = structure_for(reply.data, task_type, task_id)
            last_status = task.status
            if on_progress is not None:
                on_progress(task)
            if task.is_completed:
                return task
            if task.is_failed:
                raise TaskFailedError(task)
            retry_after = reply.retry_after
        remaining = deadline - clock()
        if remaining <= 0:
            raise TaskTimeoutError(task_id, last_status, policy.timeout) from error
        pause = next(waits) if retry_after is None else policy.honour(retry_after)
        yield Sleep(min(pause, remaining))


def structure_for(data: Any, task_type: type[TaskT], task_id: str) -> TaskT:
    """:func:`structure` a status answer, with ``task_id`` on the error if it does not fit."""
    try:
        return structure(data, task_type)
    except APIError as exc:
        exc.task_id = task_id
        raise


def simulate_wait(policy: PollPolicy, duration: float) -> tuple[float, int]:
    """Drive :func:`wait_task` as ``run()`` does, on a simulated clock, against a task that completes
    ``duration`` seconds after its creation; return ``(seconds until noticed, polls)``.

    No I/O and no real sleeping: this is how ``scripts/bench.py`` and the tests measure a poll
    schedule's time-to-notice.
    """
    now = [0.0]
    flow = wait_task("/simulated", "task", Task, policy, lambda: now[0], just_created=True)
    effect, polls = next(flow), 0
    while True:
        if isinstance(effect, Sleep):
            now[0] += effect.seconds
            effect = flow.send(None)
            continue
        polls += 1
        status = "completed" if now[0] >= duration else "processing"
        try:
            effect = flow.send(Reply(200, {"id": "task", "status": status}))
        except StopIteration:
            return now[0], polls
