"""Every error the SDK raises, under one root: :class:`RunAPIError`.

::

    RunAPIError
    ├── ValidationError            bad parameters, refused before any request (also a ValueError)
    ├── MissingAPIKeyError         no api_key argument and no RUNAPI_API_KEY
    │   └── MissingManagementKeyError  no management_key argument and no RUNAPI_MANAGEMENT_KEY
    ├── APIError                   something went wrong talking to RunAPI
    │   ├── APIConnectionError         no HTTP answer (refused, reset, DNS, TLS)
    │   │   └── APITimeoutError            connect or read timeout
    │   ├── APIResponseValidationError 2xx answer whose body is not what the docs describe
    │   └── APIStatusError             non-2xx answer; .status_code .message .code .body .headers
    │       ├── BadRequestError            400
    │       ├── AuthenticationError        401
    │       ├── PaymentRequiredError       402 (insufficient credits)
    │       ├── PermissionDeniedError      403 (includes "API key credit limit exceeded")
    │       ├── NotFoundError              404
    │       ├── RequestTimeoutError        408
    │       ├── IdempotencyConflictError   409 (Idempotency-Key reused with different input)
    │       ├── PayloadTooLargeError       413
    │       ├── UnsupportedMediaTypeError  415
    │       ├── UnprocessableEntityError   422
    │       ├── RateLimitError             429; .retry_after (seconds)
    │       └── ServerError                5xx (and Suno's 531 REFUNDED)
    │           ├── InternalServerError        500
    │           └── ServiceUnavailableError    503
    ├── TaskFailedError            the task ended with status "failed"; .task .error .code
    ├── TaskTimeoutError           wait() passed its deadline; .task_id .last_status
    └── runapi.webhooks.WebhookVerificationError   a callback failed verification

A warning, not an error: :class:`UnknownValueWarning` (a ``UserWarning``), a model id or enum
value newer than this SDK, sent as given (refused with ``strict=True``).

Every :class:`APIError` also says what it means for your task: ``task_id`` (set on every error
raised after a task exists, e.g. while ``wait()`` polls it, and on any answer whose
``X-RunAPI-Task-Id`` header names one, even when its body was lost), and for a failed create
``idempotency_key``, ``request_sent`` and ``task_may_exist`` (the create may have started a paid
task: re-send it only with the same idempotency key, which RunAPI de-duplicates; see the README's
"Retrying a create safely").

Status codes and messages come from the docs' "Errors" section; Suno's codes
(``SENSITIVE_WORD_ERROR``, ``INSUFFICIENT_QUOTA``, ``REFUNDED``, …) from "Suno > Common Error Codes".
No message built here ever contains an API key or a callback secret, nor the password of a URL
(``https://user:secret@host`` reads ``https://user:***@host``: see :func:`redact_url`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ._core.models import Task

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "IdempotencyConflictError",
    "InternalServerError",
    "MissingAPIKeyError",
    "MissingManagementKeyError",
    "NotFoundError",
    "PayloadTooLargeError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "Problem",
    "RateLimitError",
    "RequestTimeoutError",
    "RunAPIError",
    "ServerError",
    "ServiceUnavailableError",
    "TaskFailedError",
    "TaskTimeoutError",
    "UnknownValueWarning",
    "UnprocessableEntityError",
    "UnsupportedMediaTypeError",
    "ValidationError",
    "error_code",
    "header_task_id",
    "outcome_unknown",
    "redact_url",
    "status_error",
]

_CODE_RE = re.compile(r"^[A-Z][A-Z0-9_]{2,}$")


TASK_ID_HEADER = "X-RunAPI-Task-Id"
"""The response header naming the RunAPI task an answer concerns (runapi-core 0.10.1 README)."""


def header_task_id(headers: Mapping[str, str] | None) -> str | None:
    """The task an answer names in its ``X-RunAPI-Task-Id`` header, or ``None``.

    ``headers`` is the transport's case-insensitive mapping (requests' or httpx's); a plain dict
    is read under the header's two usual spellings.
    """
    if not headers:
        return None
    value = headers.get(TASK_ID_HEADER) or headers.get("x-runapi-task-id")
    return (value.strip() or None) if isinstance(value, str) else None


def error_code(body: object) -> str | None:
    """Return the machine-readable error code in an error body, or ``None``.

    RunAPI's error bodies are ``{"error": "<message>"}`` (docs: Errors). Suno documents
    codes such as ``SENSITIVE_WORD_ERROR`` and ``REFUNDED`` in that same place (docs: Suno >
    Common Error Codes), so a ``"code"`` key wins when present and otherwise an ``error`` value
    written as an UPPER_SNAKE token is taken as the code.
    """
    if not isinstance(body, Mapping):
        return None
    code = body.get("code")
    if isinstance(code, str) and code:
        return code
    message = body.get("error")
    if isinstance(message, str) and _CODE_RE.match(message.strip()):
        return message.strip()
    return None


_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://")
_USERINFO_RE = re.compile(r"(?P<scheme>\b[A-Za-z][A-Za-z0-9+.\-]*://)(?P<userinfo>[^/?#\s]*)@")
"""A URL's ``scheme://userinfo@`` in free text: the userinfo runs to the host's ``@`` (never past
``/``, ``?``, ``#`` or a space)."""


def _masked(userinfo: str) -> str:
    user, colon, _ = userinfo.partition(":")
    return f"{user}:***" if colon else "***"


_SECRET_QUERY_RE = re.compile(
    r"([?&][^=&#\s]*(?:signature|token|credential|secret|sig|key|auth|policy)[^=&#\s]*=)([^&#\s]+)", re.IGNORECASE
)
"""A query parameter whose name says it is a credential, and its value (masked by :func:`redact_url`)."""


def redact_url(text: str) -> str:
    """``text`` with the credentials of every URL in it masked: ``https://user:secret@host/x`` reads
    ``https://user:***@host/x``, and a lone user (often a token, ``https://ghp_x@host``) ``https://***@host``.

    A text that starts with a URL (an error's ``url``, a ``base_url``) has its credentials masked
    up to its host's ``@`` whatever they hold (spaces and line breaks too); URLs further in are
    masked up to the first space. The value of a query parameter whose name says it is a credential
    (``X-Amz-Signature``, ``token``, ``sig``, ``key``, ...: a pre-signed upload URL's) reads ``***``.
    Applied to every message and ``url`` an error carries, and to a client's ``repr``.
    """
    if "?" in text:  # a pre-signed URL's query is its credential (X-Amz-Signature=..., token=...)
        text = _SECRET_QUERY_RE.sub(lambda match: f"{match[1]}***", text)
    if "@" not in text or "://" not in text:
        return text
    head = _SCHEME_RE.match(text)
    if head is not None:
        start = head.end()
        ends = [at for at in (text.find(mark, start) for mark in "/?#") if at >= 0]
        end = min(ends, default=len(text))
        userinfo, at, host = text[start:end].rpartition("@")
        if at:
            text = f"{text[:start]}{_masked(userinfo)}@{host}{text[end:]}"
    return _USERINFO_RE.sub(lambda match: f"{match['scheme']}{_masked(match['userinfo'])}@", text)


class RunAPIError(Exception):
    """Root of every error raised by the runapi SDK."""


class Problem(NamedTuple):
    """One mistake in a call's parameters, as :attr:`ValidationError.errors` lists them.

    Attributes:
        field: the parameter as RunAPI spells it (``"duration_seconds"``; ``"shots[1].prompt"`` in
            a nested object), or ``None`` for a rule spanning several parameters.
        message: what is wrong, in a sentence (``"duration_seconds must be one of 4, 8, 12; got 5"``).
        allowed: what is allowed (``"one of 4, 8, 12"``), or ``None``.
    """

    field: str | None
    message: str
    allowed: str | None


class ValidationError(RunAPIError, ValueError):
    """Parameters refused on the client, before any request was sent.

    A call's parameters are checked all at once: the error lists every problem found
    (``.errors``), and its message names each (``"3 problems: ...; ...; ..."``). Code that reads
    one problem reads the first through ``.field`` and ``.allowed``.

    One is raised while a request is sent: a file stream of unknown size (a pipe) given to
    ``client.files.from_stream`` is counted as it goes, and refused once it passes the upload
    limit; the upload is stopped there, so the server gets an incomplete body and stores nothing.

    Attributes:
        field: the (first) parameter refused, as RunAPI spells it (``"duration_seconds"``), or
            ``None`` for a rule spanning several fields.
        allowed: a short description of what is allowed there (``"one of 4, 6, 8"``).
        errors: every :class:`Problem` found, in the order the parameters were checked (one for
            a single mistake).
    """

    def __init__(self, message: str, *, field: str | None = None, allowed: str | None = None) -> None:
        message = redact_url(message)
        super().__init__(message)
        self.field = field
        self.allowed = allowed
        self.errors: tuple[Problem, ...] = (Problem(field, message, allowed),)

    @classmethod
    def of(cls, problems: Sequence[ValidationError]) -> ValidationError:
        """One error listing ``problems`` (at least one); a single problem is returned as it is."""
        if len(problems) == 1:
            return problems[0]
        found = tuple(problem for error in problems for problem in error.errors)
        listed = "; ".join(problem.message for problem in found)
        combined = cls(f"{len(found)} problems: {listed}", field=found[0].field, allowed=found[0].allowed)
        combined.errors = found
        return combined


class UnknownValueWarning(UserWarning):
    """A value this SDK does not know (a model id or an enum value newer than it) was sent as given.

    RunAPI adds models and options faster than SDKs ship, so a value outside the SDK's lists is
    not refused: it is sent, and this warning is emitted once per (params class, field, value) in
    a process, with the same line logged on the ``runapi`` logger. The server has the last word
    (an id it does not serve answers 400, :class:`BadRequestError`). Types and shapes are still
    checked (a number where a model id goes is refused). ``Client(strict=True)`` (or
    ``with_options(strict=True)``) refuses such values with :class:`ValidationError` instead.
    The official per-model packages check enums only on responses (``runapi-core`` 0.10.1,
    ``runapi/core/models.py``), which is what this follows.

    Attributes:
        field: the parameter (``"model"``).
        value: the value sent.
    """

    def __init__(self, message: str, *, field: str, value: object) -> None:
        super().__init__(message)
        self.field = field
        self.value = value


class MissingAPIKeyError(RunAPIError):
    """No API key: pass ``api_key=`` to :class:`runapi.Client` or set ``RUNAPI_API_KEY``."""


class MissingManagementKeyError(MissingAPIKeyError):
    """No management key: pass ``management_key=`` to :class:`runapi.ManagementClient` or set
    ``RUNAPI_MANAGEMENT_KEY`` (``RUNAPI_API_KEY`` is never used in its place)."""


class APIError(RunAPIError):
    """Something went wrong talking to RunAPI.

    Attributes:
        message: what went wrong, without the hints ``str(error)`` adds.
        method: HTTP method of the request (``"POST"``).
        url: full URL of the request; never contains the API key, and a password in it (a
            ``base_url`` of ``https://user:secret@host``) reads ``***`` (see :func:`redact_url`).
        request_sent: ``False`` only when the request certainly never reached the server.
        task_id: the task this error concerns, when one exists (errors raised by ``wait``/``run``
            after the create, and by ``get``), or the one the answer's ``X-RunAPI-Task-Id``
            header names (runapi-core 0.10.1: every answer carries it), even when the body was
            lost: a 5xx, or a 2xx that could not be read; ``None`` otherwise (no answer at all).
        idempotency_key: for a failed create, the ``Idempotency-Key`` it was sent with.
        task_may_exist: ``True`` when a create failed in a way that leaves its outcome unknown
            (a 500/502/504/408, a read timeout or a dropped connection after the request was
            sent, or a 2xx answer that could not be read): a paid task may have started. With
            ``idempotent_creates`` (the default) the SDK already re-sent it with the same key
            ``max_retries`` times. For a file upload (``client.files``): the file may have been
            stored (uploads are not re-sent: the key is promised for task creates only).
        attempts: how many times the request was sent (1, or more after retries).
    """

    request_sent: bool = True

    def __init__(self, message: str, *, method: str | None = None, url: str | None = None) -> None:
        message = redact_url(message)
        super().__init__(message)
        self.message = message
        self.method = method
        self.url = None if url is None else redact_url(url)
        self.task_id: str | None = None
        self.idempotency_key: str | None = None
        self.task_may_exist = False
        self.attempts = 1
        self._unknown_outcome: str | None = None  # what an upload says instead of the create's hint

    def _describe(self) -> str:
        return self.message

    def __str__(self) -> str:
        text = self._describe()
        if self.task_id is not None:
            text += f" [task {self.task_id}]"
        if self.task_may_exist and self._unknown_outcome is not None:
            text += self._unknown_outcome
        elif self.task_may_exist:
            text += (
                f"; the create's outcome is unknown and a task may have been created: retry it only with the "
                f"same idempotency key ({self.idempotency_key}; with_options(idempotency_key=...)), which RunAPI "
                f"de-duplicates (it answers the task that key made); a new key could start (and bill) a second task"
            )
        return text


class APIConnectionError(APIError):
    """No HTTP answer arrived: connection refused or reset, DNS or TLS failure.

    Attributes:
        request_sent: ``False`` when the request certainly never reached the server (connection
            refused, connect timeout), which makes even a create safe to retry; ``True`` when it
            may have (the connection dropped after sending, read timeout).
    """

    def __init__(
        self, message: str, *, method: str | None = None, url: str | None = None, request_sent: bool = True
    ) -> None:
        super().__init__(message, method=method, url=url)
        self.request_sent = request_sent


class APITimeoutError(APIConnectionError):
    """The connect timeout or the read timeout (seconds, see ``Client(timeout=...)``) ran out."""


class APIResponseValidationError(APIError):
    """A 2xx answer whose body is not shaped as the docs describe (not JSON, or wrong types).

    Attributes:
        body: the decoded JSON, or the raw text when it was not JSON.
        headers: the answer's headers (case-insensitive), when known; its ``X-RunAPI-Task-Id``
            is :attr:`task_id`.
    """

    def __init__(
        self,
        message: str,
        *,
        body: object,
        method: str | None = None,
        url: str | None = None,
        headers: Mapping[str, str] | None = None,
    ):
        super().__init__(message, method=method, url=url)
        self.body = body
        self.headers: Mapping[str, str] = headers if headers is not None else {}
        self.task_id = header_task_id(self.headers)


class APIStatusError(APIError):
    """RunAPI answered with a non-2xx status.

    Attributes:
        status_code: the HTTP status (``402``).
        message: the server's ``error`` message (``"Insufficient credits"``), or the reason phrase.
        code: a machine-readable code when the server gave one (``"SENSITIVE_WORD_ERROR"``).
        body: the decoded JSON body (usually ``{"error": "..."}``), or the raw text.
        headers: the response headers (case-insensitive mapping).
        request_id: the ``X-Request-Id`` response header, when present.
        task_id: the ``X-RunAPI-Task-Id`` response header, when present (see :class:`APIError`).
        retry_after: seconds the server asked us to wait (``Retry-After``, seconds or HTTP date),
            or ``None``; sent with 429 and sometimes 503.
    """

    status_code: int

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        body: object = None,
        headers: Mapping[str, str] | None = None,
        retry_after: float | None = None,
        method: str | None = None,
        url: str | None = None,
    ) -> None:
        super().__init__(message, method=method, url=url)
        self.status_code = status_code
        self.retry_after = retry_after
        self.body = body
        self.headers: Mapping[str, str] = headers if headers is not None else {}
        self.code = error_code(body)
        self.request_id = self.headers.get("x-request-id") or self.headers.get("X-Request-Id")
        self.task_id = header_task_id(self.headers)

    def _describe(self) -> str:
        where = f" ({self.method} {self.url})" if self.method and self.url else ""
        rid = f" [request {self.request_id}]" if self.request_id else ""
        return f"{self.status_code} {self.message}{where}{rid}"


class BadRequestError(APIStatusError):
    """400: a parameter is missing or malformed (``"Missing required parameter: prompt"``)."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing or invalid."""


class PaymentRequiredError(APIStatusError):
    """402: the account has insufficient credits."""


class PermissionDeniedError(APIStatusError):
    """403: the key lacks permission or reached its credit limit for the current period."""


class NotFoundError(APIStatusError):
    """404: the task or resource does not exist (``"Task not found"``)."""


class RequestTimeoutError(APIStatusError):
    """408: the server timed out (a file download, or Suno's ``TIMEOUT``)."""


class IdempotencyConflictError(APIStatusError):
    """409: the create's ``Idempotency-Key`` was already used with different input.

    RunAPI de-duplicates task creates by ``Idempotency-Key`` (at most 512 characters, opaque) and
    answers ``409 Conflict`` when a key comes back with another body (runapi-core 0.10.1 README,
    "Request identifiers"; the older docs did not name the header). Nothing was created by this
    request. Its message names the key (``.idempotency_key``), never the API key: give each logical
    create its own key, and reuse one only to re-send the same input after an unknown outcome.
    """

    def _describe(self) -> str:
        key = "" if self.idempotency_key is None else f" {self.idempotency_key!r}"
        return (
            f"{super()._describe()}: the Idempotency-Key{key} was already used with different input; "
            "a key names one logical create (re-send it only with the same input): use a new key for new input"
        )


class PayloadTooLargeError(APIStatusError):
    """413: the uploaded file is too large."""


class UnsupportedMediaTypeError(APIStatusError):
    """415: the file type is not supported."""


class UnprocessableEntityError(APIStatusError):
    """422: validation failed on the server, or the record is still being generated."""


class RateLimitError(APIStatusError):
    """429: too many requests; ``retry_after`` says how many seconds to wait, when sent."""


class ServerError(APIStatusError):
    """5xx: something failed on RunAPI's side."""


class InternalServerError(ServerError):
    """500: internal server error."""


class ServiceUnavailableError(ServerError):
    """503: temporary service interruption."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: PaymentRequiredError,
    403: PermissionDeniedError,
    404: NotFoundError,
    408: RequestTimeoutError,
    409: IdempotencyConflictError,
    413: PayloadTooLargeError,
    415: UnsupportedMediaTypeError,
    422: UnprocessableEntityError,
    429: RateLimitError,
    500: InternalServerError,
    503: ServiceUnavailableError,
}


OUTCOME_UNKNOWN_STATUSES = frozenset({408, 500, 502, 504, 520, 522, 524})
"""Answers to a create after which the server may have started the task anyway (a 503 is a refusal)."""


def outcome_unknown(exc: BaseException) -> bool:
    """Whether a failed create may still have started a task (see :attr:`APIError.task_may_exist`)."""
    if isinstance(exc, APIStatusError):
        return exc.status_code in OUTCOME_UNKNOWN_STATUSES
    if isinstance(exc, APIConnectionError):
        return exc.request_sent
    return isinstance(exc, APIResponseValidationError)  # a 2xx whose task id we could not read


UPLOAD_OUTCOME_UNKNOWN = (
    "; the upload's outcome is unknown and the file may have been stored: it was not sent again, "
    "since a second upload would store a second copy under another download URL"
)
"""What a failed upload's message adds when ``task_may_exist`` (the file may have been stored)."""


def status_error(
    status_code: int,
    body: object,
    headers: Mapping[str, str],
    *,
    reason: str = "",
    retry_after: float | None = None,
    method: str | None = None,
    url: str | None = None,
) -> APIStatusError:
    """Build the :class:`APIStatusError` subclass for ``status_code`` from a response.

    Args:
        status_code: the HTTP status, 400-599.
        body: the decoded JSON body, or raw text.
        headers: response headers.
        reason: the HTTP reason phrase, used when the body carries no ``error`` message.
        retry_after: seconds from ``Retry-After``.
    """
    cls = _BY_STATUS.get(status_code)
    if cls is None:
        cls = ServerError if status_code >= 500 else APIStatusError
    message = body.get("error") if isinstance(body, Mapping) else None
    if not isinstance(message, str) or not message:
        message = reason or (body if isinstance(body, str) and body and len(body) < 500 else "") or "HTTP error"
    return cls(
        message,
        status_code=status_code,
        body=body,
        headers=headers,
        retry_after=retry_after,
        method=method,
        url=url,
    )


class TaskFailedError(RunAPIError):
    """The task ended with status ``"failed"``.

    Attributes:
        task: the failed task as returned by the status endpoint (its ``raw`` payload included).
        task_id: the task id.
        error: the server's failure reason (``"Your prompt was flagged as violating content policies."``).
        code: a machine-readable code when the reason is one (``"REFUNDED"``), else ``None``.
    """

    def __init__(self, task: Task) -> None:
        self.task = task
        self.task_id = task.id
        self.error = task.error
        self.code = error_code({"error": task.error}) if task.error else None
        super().__init__(f"task {task.id} failed: {task.error or 'no reason given'}")


class TaskTimeoutError(RunAPIError):
    """``wait()`` or ``run()`` passed its deadline before the task finished.

    The task keeps running on RunAPI; call ``wait(task_id)`` again to pick it up.

    Attributes:
        task_id: the task id.
        last_status: the last status seen (``"processing"``), or ``None`` if no poll answered.
        timeout: the deadline that passed, in seconds.
        location: the task result URL the wait followed (a call answered ``202`` + ``Location``,
            or ``client.tasks.subscribe``), else ``None``: ``client.tasks.subscribe(location)``
            picks it up.
    """

    location: str | None = None

    def __init__(self, task_id: str, last_status: str | None, timeout: float) -> None:
        self.task_id = task_id
        self.last_status = last_status
        self.timeout = timeout
        super().__init__(f"task {task_id} did not finish within {timeout:g}s (last status: {last_status or 'unknown'})")
