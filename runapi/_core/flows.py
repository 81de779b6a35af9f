"""What a task operation does, written once and without I/O.

A flow is a generator that yields effects (:class:`Call`: "send this request"; :class:`Sleep`:
"wait this long") and receives a :class:`Reply` for each call. The client's driver performs the
effects (with retries) and sends the results back. Polling, deadlines and terminal states are
therefore plain code that tests drive by hand, and an async driver can reuse them unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Generator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast, overload
from urllib.parse import SplitResult, quote, unquote, urlsplit

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
    header_task_id,
    outcome_unknown,
    redact_url,
    status_error,
)
from .models import Result, Task, TaskResult, structure, with_headers
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
    keyed: bool = False
    """A POST that RunAPI de-duplicates by its ``Idempotency-Key`` (a task create, a direct call), so
    ``idempotent_creates`` re-sends it after an unknown outcome; an upload is not (see ``retry``)."""
    raw: bool = False
    """Answer the 2xx body's bytes as ``Reply.data`` instead of decoding JSON (a file's content)."""
    bare_headers: Mapping[str, str] | None = None
    """Send to ``path`` as an absolute URL with exactly these headers (plus the User-Agent): no API
    key, no base URL, no default headers (a pre-authorized upload URL; see ``stored_files``)."""

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
    headers: Mapping[str, str] | None = None
    """The answer's headers (case-insensitive), where the driver passes them (an ``ETag``)."""


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

    The task keeps the answer's headers (``task.response_headers``, ``task.runapi_task_id``).

    Raises:
        APIError: with ``idempotency_key`` set, and ``task_may_exist`` when the outcome is
            unknown (the server may have started a paid task); ``task_id`` when the answer's
            ``X-RunAPI-Task-Id`` named the task.
    """
    try:
        reply = yield Call("POST", path, body, idempotency_key, keyed=True)
        return answered(reply, task_type)
    except APIError as exc:
        exc.idempotency_key = idempotency_key
        exc.task_may_exist = outcome_unknown(exc)
        raise


def call_direct(
    path: str,
    body: Mapping[str, Any],
    result_type: type[R],
    idempotency_key: str,
    envelope: str | None = None,
    follow: Follow | None = None,
) -> Flow[R]:
    """POST the body to a direct endpoint; its 2xx answer is the result itself (no task, no polling).

    A 2xx answer shaped as a failed task (``{"id", "status": "failed", "error"}``: the docs show
    one for Suno's ``get_timestamped_lyrics``) is a failure, not a result. With ``envelope``, the
    result is the answer's ``envelope`` key (``{"guardrail": {...}}``). An answer ``202 Accepted``
    with a ``Location`` is followed there with ``follow`` (:func:`follow_accepted`) to the stored result.

    Raises:
        TaskFailedError: the answer says ``"status": "failed"`` (``.error`` is the server's reason).
        APIError: with ``idempotency_key`` set, and ``task_may_exist`` when the server may have
            carried out the call although no answer said so.
    """
    try:
        reply = yield Call("POST", path, body, idempotency_key, keyed=True)
    except APIError as exc:
        exc.idempotency_key = idempotency_key
        exc.task_may_exist = outcome_unknown(exc)
        raise
    if reply.status_code == 202 and follow is not None:
        return (yield from follow_accepted(reply, follow, result_type, envelope, idempotency_key))
    data = reply.data
    if type(data) is dict and data.get("status") == "failed":
        error = data.get("error")
        reason = error if isinstance(error, str) else None
        failed = Task(id=str(data.get("id") or ""), status="failed", error=reason, raw=data)
        raise TaskFailedError(with_headers(failed, reply.headers))
    return answered(reply, result_type, envelope)


def upload_file(
    path: str,
    body: Mapping[str, Any] | Multipart,
    result_type: type[R],
    idempotency_key: str,
    follow: Follow | None = None,
) -> Flow[R]:
    """POST a file to an upload endpoint; return its answer typed as ``result_type`` (a stored
    file's record, or an upload-shaped call's result such as a transcription).

    ``body`` is JSON naming the file (a URL, base64 data) or a :class:`Multipart` streaming it.
    The driver retries it as a create: only where the server cannot have stored the file (the
    connection never opened, 429, 503), and never when a non-seekable stream was already read.
    An answer ``202 Accepted`` with a ``Location`` is followed there with ``follow``, as a direct
    call's is (:func:`follow_accepted`; the official packages run the transcription endpoint so).

    Raises:
        APIError: with ``idempotency_key`` set, and ``task_may_exist`` when the file may have been
            stored although no answer said so (its message says so).
    """
    try:
        reply = yield Call("POST", path, body, idempotency_key)
    except APIError as exc:
        exc.idempotency_key = idempotency_key
        exc.task_may_exist = outcome_unknown(exc)
        exc._unknown_outcome = UPLOAD_OUTCOME_UNKNOWN
        raise
    if reply.status_code == 202 and follow is not None:
        return (yield from follow_accepted(reply, follow, result_type, None, idempotency_key))
    try:
        return answered(reply, result_type)
    except APIError as exc:
        exc.idempotency_key = idempotency_key
        exc.task_may_exist = outcome_unknown(exc)
        exc._unknown_outcome = UPLOAD_OUTCOME_UNKNOWN
        raise


def answered(reply: Reply, cls: type[T], envelope: str | None = None) -> T:
    """``reply``'s JSON (its ``envelope`` key, if any) as ``cls``, keeping the answer's headers on it
    (:attr:`Result.response_headers`).

    Raises:
        APIResponseValidationError: the answer does not fit ``cls``; its ``task_id`` is the one the
            answer's ``X-RunAPI-Task-Id`` header names, when it names one.
    """
    try:
        made: T
        if type(reply.data) is str and envelope is None and issubclass(cls, Result):  # a text answer (an SRT)
            made = cast("T", cls.from_text(reply.data))
        else:
            made = structure(unwrap(reply.data, envelope), cls)
    except APIError as exc:
        exc.task_id = exc.task_id or header_task_id(reply.headers)
        raise
    return with_headers(made, reply.headers)


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
        return answered(reply, task_type)
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
            task = with_headers(structure_for(reply.data, task_type, task_id), reply.headers)
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


# -- task results: 202 + Location, GET /api/v1/tasks/{id} -------------------------------------------

TASKS_PATH = "/api/v1/tasks"
"""Where every task's stored result lives: ``GET /api/v1/tasks/{id}`` (runapi-core 0.10.1, ``TaskResult``)."""

_TEXT_TYPES = frozenset({"application/srt", "application/x-subrip"})
"""Content types read as text besides ``text/*`` (runapi-core 0.10.1: SRT; VTT is ``text/vtt``)."""


class Follow(NamedTuple):
    """How a call answered ``202`` + ``Location`` follows it: the client's base URL, poll policy and clock."""

    base_url: str
    policy: PollPolicy
    clock: Callable[[], float]


def _origin(url: SplitResult) -> str:
    scheme = url.scheme.lower()
    try:
        port = url.port or {"http": 80, "https": 443}.get(scheme)
    except ValueError:  # a port that is not a number
        port = None
    return f"{scheme}://{(url.hostname or '').lower()}:{port}"


def location_path(location: str, base_url: str) -> str:
    """The path (under ``base_url``, as :class:`Call` takes it) of a task result URL, checked.

    ``location`` is an absolute URL (``https://runapi.ai/api/v1/tasks/{id}``, what RunAPI sends)
    or a path (``/api/v1/tasks/{id}``). An absolute URL must be on ``base_url``'s origin (scheme,
    host and port, as runapi-core 0.10.1 checks every request URL), and under its path prefix if
    it has one: the API key is never sent anywhere else.

    Raises:
        ValidationError: not a URL or path, another origin, or outside the base URL (naming
            ``location``; a password in either URL is masked).
    """
    if not isinstance(location, str) or not location.strip() or any(c.isspace() or ord(c) < 32 for c in location):
        raise ValidationError(
            f"location must be a task result URL or path without spaces; got {redact_url(repr(location))}",
            field="location",
        )
    target = urlsplit(location)
    base = urlsplit(base_url)
    prefix = base.path.rstrip("/")
    path = target.path
    if target.scheme or target.netloc:
        if _origin(target) != _origin(base):
            raise ValidationError(
                f"location must be on the client's origin {_origin(base)}; {redact_url(location)} is not "
                "(the API key is sent only to the client's base URL)",
                field="location",
                allowed=f"a URL on {_origin(base)}",
            )
        if prefix and not path.startswith(prefix + "/"):
            raise ValidationError(
                f"location {redact_url(location)} is not under the client's base URL", field="location"
            )
    if not path.startswith("/"):
        raise ValidationError(f"location must be an absolute URL or a path from /; got {location!r}", field="location")
    if prefix and path.startswith(prefix + "/"):
        path = path[len(prefix) :]
    return path + (f"?{target.query}" if target.query else "")


def wait_task_result(
    status_path: str,
    task_id: str,
    policy: PollPolicy,
    clock: Callable[[], float],
    *,
    first_wait: float | None = None,
    just_created: bool = False,
    location: str | None = None,
) -> Flow[TaskResult]:
    """Poll a task result (``GET status_path``) until it ends; return it, completed or failed.

    The same schedule and rules as :func:`wait_task`: polls follow ``policy.waits()`` (the first
    at once; with ``just_created`` after the first gap; after ``first_wait`` seconds when given,
    a ``Retry-After`` kept within the policy's bounds);
    a status answer's ``Retry-After`` sets the next gap; transient errors poll on; a status other
    than ``completed``/``failed`` (``pending``, ``processing``, or one unknown) means "not yet".

    Raises:
        TaskTimeoutError: ``policy.timeout`` seconds passed (``.task_id``; ``.location`` when given).
        APIError: a non-transient error, with ``task_id`` set.
    """
    deadline = clock() + policy.timeout
    waits = policy.waits()
    last_status: str | None = None
    if just_created or first_wait is not None:
        pause = next(waits) if first_wait is None else policy.honour(first_wait)
        yield Sleep(min(pause, policy.timeout))
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
            result = with_headers(structure_for(reply.data, TaskResult, task_id), reply.headers)
            last_status = result.status
            if result.is_done:
                return result
            retry_after = reply.retry_after
        remaining = deadline - clock()
        if remaining <= 0:
            timeout = TaskTimeoutError(task_id, last_status, policy.timeout)
            timeout.location = location
            raise timeout from error
        pause = next(waits) if retry_after is None else policy.honour(retry_after)
        yield Sleep(min(pause, remaining))


def follow_location(location: str, follow: Follow, *, first_wait: float | None = None) -> Flow[TaskResult]:
    """Check ``location`` (:func:`location_path`, before any request) and wait for the result it names."""
    path = location_path(location, follow.base_url)
    task_id = unquote(path.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1])
    return (
        yield from wait_task_result(
            path, task_id, follow.policy, follow.clock, first_wait=first_wait, location=location
        )
    )


def follow_accepted(
    reply: Reply, follow: Follow, result_type: type[R], envelope: str | None, idempotency_key: str
) -> Flow[R]:
    """A call answered ``202 Accepted``: follow its ``Location`` to the stored result, typed as ``result_type``.

    The first poll waits the answer's ``Retry-After`` if it has one, else the policy's first gap.

    Raises:
        APIResponseValidationError: no ``Location``, one on another origin (never followed), or a
            stored answer that is not JSON.
        APIError: with ``idempotency_key`` set; ``task_may_exist`` when the wait stopped before the
            task ended (the call was accepted). What :func:`decode_task_result` raises for a task
            that ended (its stored error answer, ``TaskFailedError``).
    """
    headers = reply.headers or {}
    location = headers.get("Location") or headers.get("location")
    try:
        if not location:
            raise APIResponseValidationError("answered 202 Accepted without a Location header", body=reply.data)
        try:
            path = location_path(location, follow.base_url)
        except ValidationError as exc:
            raise APIResponseValidationError(
                f"answered 202 Accepted with a Location not followed: {exc}", body=reply.data
            ) from None
        task_id = unquote(path.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1])
        result = yield from wait_task_result(
            path,
            task_id,
            follow.policy,
            follow.clock,
            first_wait=reply.retry_after,
            just_created=True,
            location=location,
        )
    except APIError as exc:
        exc.idempotency_key = idempotency_key
        exc.task_may_exist = True  # accepted: the task exists, its end is unknown
        raise
    try:
        return decode_task_result(result, result_type, envelope)
    except APIError as exc:  # the task ended with this error: its outcome is known
        exc.idempotency_key = idempotency_key
        raise


@overload
def decode_task_result(result: TaskResult, as_: type[R], envelope: str | None = None) -> R: ...
@overload
def decode_task_result(result: TaskResult, as_: None = None, envelope: str | None = None) -> Any: ...
def decode_task_result(result: TaskResult, as_: type[R] | None = None, envelope: str | None = None) -> Any:
    """The value a task's stored answer carries, or the error it stands for.

    - a stored answer with a non-2xx status raises the :class:`~runapi.APIStatusError` subclass a
      live answer with that status would (``NotFoundError`` for 404, ...), with ``task_id`` set,
      whether the task says ``completed`` or ``failed`` (runapi-core 0.10.1 does the same);
    - a ``failed`` task without one, or with a 2xx one, raises :class:`~runapi.TaskFailedError`
      (``.error``: the task's reason, else the stored body's ``error``); so does a completed JSON
      answer shaped as a failed task (``{"status": "failed", "error"}``, as direct calls do);
    - a JSON content type (``application/json``, ``*+json``) gives the body, structured as
      ``as_`` when given (inside ``envelope`` if set);
    - ``text/*``, ``application/srt`` and ``application/x-subrip`` give ``str`` (SRT, VTT), or
      ``as_.from_text(text)`` for a result that reads text (a transcription);
    - any other content type gives ``bytes`` (a text body is encoded as UTF-8).

    Raises:
        APIResponseValidationError: a completed task without a stored answer, or ``as_`` given
            for an answer that is not JSON.
    """
    response = result.response
    if response is not None and not 200 <= response.status < 300:
        error = status_error(response.status, response.body, dict(response.headers), method="GET")
        error.task_id = result.id
        raise error
    body = None if response is None else response.body
    if result.is_failed:
        reason = result.error
        if reason is None and isinstance(body, Mapping) and isinstance(body.get("error"), str):
            reason = body["error"]
        raise TaskFailedError(Task(id=result.id, status="failed", error=reason, raw=result.raw))
    if response is None:
        raise APIResponseValidationError(f"task {result.id} completed without a stored response", body=result.raw)
    kind = response.content_type.split(";", 1)[0].strip().lower()
    if kind == "application/json" or kind.endswith("+json"):
        if type(body) is dict and body.get("status") == "failed":
            said = body.get("error")
            raise TaskFailedError(
                Task(
                    id=str(body.get("id") or result.id),
                    status="failed",
                    error=said if isinstance(said, str) else None,
                    raw=body,
                )
            )
        return body if as_ is None else structure(unwrap(body, envelope), as_)
    textual = kind.startswith("text/") or kind in _TEXT_TYPES
    if as_ is not None and textual and hasattr(as_, "from_text"):  # a result that reads text (a transcript)
        text = body.decode("utf-8", "replace") if isinstance(body, bytes) else "" if body is None else str(body)
        return as_.from_text(text)  # a JSON-only result refuses (APIResponseValidationError)
    if as_ is not None:
        raise APIResponseValidationError(
            f"task {result.id} stored a {kind or 'untyped'} answer, not the JSON of a {as_.__name__}", body=result.raw
        )
    if textual:
        if isinstance(body, bytes):
            return body.decode("utf-8", "replace")
        return "" if body is None else body if isinstance(body, str) else json.dumps(body)
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode("utf-8")
    return b"" if body is None else json.dumps(body).encode("utf-8")
