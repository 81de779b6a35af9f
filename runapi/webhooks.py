"""Verify (and, for tests, produce) RunAPI's signed task callbacks.

RunAPI POSTs the task's status payload to your ``callback_url`` with three headers
(docs: Callbacks > Verify callback signatures):

- ``X-Callback-Id``: the id of this callback,
- ``X-Callback-Timestamp``: when it was signed, in Unix seconds,
- ``X-Callback-Signature``: one or more base64 signatures, comma-separated.

Each signature is ``base64(HMAC-SHA256(base64decode(secret), "{id}.{timestamp}.{raw body}"))``.
The signed content uses the body's **raw bytes** exactly as received: parse the JSON only after
verifying. (The docs' Python sample formats a ``bytes`` body into an f-string, which signs
``"b'...'"`` rather than the body; this module does not.)

:func:`verify` returns the JSON payload as a ``dict``; :func:`unwrap` verifies the same way and
returns a :class:`Callback` holding the task structured into its family's class. Both take the
request's headers object as your framework gives it (Flask/Werkzeug, Django ``request.headers`` or
``request.META``, Starlette, ``requests``, ``httpx``, a ``dict``, or ``(name, value)`` pairs).

A Flask view (read the body with ``get_data()`` before anything parses it)::

    from runapi import webhooks
    from runapi.suno import MusicTask

    @app.post("/callbacks/runapi")
    def runapi_callback():
        try:
            callback = webhooks.unwrap(request.get_data(), request.headers, CALLBACK_SECRET, task_type=MusicTask)
        except webhooks.WebhookVerificationError:
            return "", 400
        enqueue(callback.task.to_dict())  # answer 2xx quickly, process later
        return "", 204

A Django view::

    @csrf_exempt
    def runapi_callback(request):
        try:
            payload = webhooks.verify(request.body, request.headers, settings.RUNAPI_CALLBACK_SECRET)
        except webhooks.WebhookVerificationError:
            return HttpResponseBadRequest()
        ...

Both raise :class:`WebhookVerificationError` on any refusal of the request (answer 400 and do not
process the body), and :class:`runapi.ValidationError` for a ``tolerance``/``now``/``task_type``
argument that is not allowed. While you rotate the callback secret, pass both secrets as a list.
No message, repr or log line built here contains a secret.
"""

from __future__ import annotations

import base64
import binascii
import collections
import hashlib
import hmac
import inspect
import json
import logging
import math
import numbers
import re
import secrets as _secrets
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Generic, Literal, Protocol, TypeAlias, TypeVar, overload

import attrs

from .errors import APIResponseValidationError, RunAPIError, ValidationError

if TYPE_CHECKING:
    from ._core.models import Task

__all__ = [
    "DEFAULT_DEDUP_TTL",
    "DEFAULT_LEASE",
    "DEFAULT_TOLERANCE",
    "ID_HEADER",
    "OPERATION_PARAM",
    "SECRET_ENV",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "Answer",
    "Callback",
    "ClaimState",
    "DedupStore",
    "HeadersLike",
    "MemoryStore",
    "MissingCallbackSecretError",
    "Receipt",
    "Receiver",
    "SecretLike",
    "WebhookVerificationError",
    "callback_url",
    "compute_signature",
    "operation_name",
    "read_secret",
    "sign",
    "task_type_for",
    "unwrap",
    "verify",
]

ID_HEADER = "X-Callback-Id"
TIMESTAMP_HEADER = "X-Callback-Timestamp"
SIGNATURE_HEADER = "X-Callback-Signature"

DEFAULT_TOLERANCE = 300
"""Seconds a callback's timestamp may differ from now, in the past or the future."""

MAX_TIMESTAMP_DIGITS = 12
"""``X-Callback-Timestamp`` is 1 to this many ASCII digits (12 digits reach the year 33658)."""

Body: TypeAlias = bytes | bytearray | memoryview | str


class _SupportsItems(Protocol):
    """Any headers object with ``.items()`` (mappings, Werkzeug ``Headers``, ``email.message.Message``)."""

    def items(self) -> Iterable[tuple[Any, Any]]: ...


HeadersLike: TypeAlias = _SupportsItems | Iterable[tuple[str | bytes, str | bytes]]
"""A headers object with ``.items()``, or an iterable of ``(name, value)`` pairs."""

SecretLike: TypeAlias = str | bytes | Iterable[str | bytes]
"""One base64 callback secret, or several while you rotate them."""

_TaskT = TypeVar("_TaskT", bound="Task")
_TaskT_co = TypeVar("_TaskT_co", bound="Task", covariant=True)

_logger = logging.getLogger("runapi")

_WANTED = {name.lower(): name for name in (ID_HEADER, TIMESTAMP_HEADER, SIGNATURE_HEADER)}
_TIMESTAMP_RE = re.compile(rf"[0-9]{{1,{MAX_TIMESTAMP_DIGITS}}}")
_TEXT_TYPES = (str, bytes, bytearray, memoryview)


class WebhookVerificationError(RunAPIError, ValueError):
    """A callback failed verification; do not trust its body.

    Attributes:
        reason: a short, stable reason:

            - ``"invalid_secret"``: no usable secret was given (missing, empty, not base64, wrong
              type); a configuration error on your side, raised before the request is looked at;
            - ``"invalid_body"``: the body is not bytes/text, or (once the signature matched) not a
              JSON object, or (``unwrap``) not a payload of the requested task type;
            - ``"invalid_header"``: ``headers`` is not a headers object, or a callback header's
              value is not usable text (not a string, repeated with different values, a lone
              surrogate);
            - ``"missing_header"``: one of the three callback headers is absent or blank;
            - ``"invalid_timestamp"``: ``X-Callback-Timestamp`` is not 1-12 ASCII digits;
            - ``"timestamp_outside_tolerance"``: the timestamp is further from now than the tolerance;
            - ``"no_matching_signature"``: no signature in the header matches any secret.

        The message never contains the secret.
    """

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_error, (str(self), self.reason))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r}, reason={self.reason!r})"


def _rebuild_error(message: str, reason: str) -> WebhookVerificationError:
    return WebhookVerificationError(message, reason=reason)


@attrs.frozen(kw_only=True)
class Callback(Generic[_TaskT_co]):
    """A verified callback, as returned by :func:`unwrap`.

    Attributes:
        id: the ``X-Callback-Id`` header.
        timestamp: the ``X-Callback-Timestamp`` header, in Unix seconds.
        task: the payload structured into the ``task_type`` given to :func:`unwrap`
            (:class:`runapi.Task` by default); its ``raw`` keeps every field as received.
        payload: the decoded JSON object, exactly as :func:`verify` returns it.
    """

    id: str
    timestamp: int
    task: _TaskT_co
    payload: dict[str, Any] = attrs.field(repr=False)


# -- input checks ---------------------------------------------------------------------------------


def _type_name(value: object) -> str:
    return type(value).__name__


def _seconds(value: object, field: str, allowed: str) -> float | None:
    """``value`` as a finite float, ``None`` kept; anything else is a :class:`ValidationError`."""
    if value is None:
        return None
    number = math.nan
    if not isinstance(value, bool) and isinstance(value, numbers.Real):
        try:
            number = float(value)
        except (OverflowError, ValueError, TypeError):  # 10**400 does not fit a float
            number = math.nan
    if not math.isfinite(number):
        shown = repr(value) if isinstance(value, numbers.Real | str) else _type_name(value)
        raise ValidationError(f"{field} must be {allowed}, got {shown[:40]}", field=field, allowed=allowed)
    return number


def _tolerance(value: object) -> float | None:
    allowed = "a finite number of seconds >= 0, or None to turn the replay window off"
    tolerance = _seconds(value, "tolerance", allowed)
    if tolerance is not None and tolerance < 0:
        raise ValidationError(f"tolerance must be {allowed}, got {tolerance:g}", field="tolerance", allowed=allowed)
    return tolerance


def _now(value: object) -> float:
    now = _seconds(value, "now", "a finite number of Unix seconds, or None for the current time")
    return time.time() if now is None else now


def _raw(body: object) -> bytes:
    if isinstance(body, str):
        try:
            return body.encode("utf-8")
        except UnicodeEncodeError:
            raise WebhookVerificationError(
                "body is a str that is not valid text (it holds a lone surrogate); pass the raw request bytes",
                reason="invalid_body",
            ) from None
    if isinstance(body, bytes | bytearray | memoryview):
        return bytes(body)
    raise WebhookVerificationError(f"body must be the raw request bytes, got {_type_name(body)}", reason="invalid_body")


def _key(secret: object) -> bytes:
    """Decode one base64 secret; :class:`WebhookVerificationError` (``invalid_secret``) if unusable."""
    if isinstance(secret, bytes | bytearray):
        try:
            secret = bytes(secret).decode("ascii")
        except UnicodeDecodeError:
            raise WebhookVerificationError("callback secret is not base64 text", reason="invalid_secret") from None
    if not isinstance(secret, str):
        raise WebhookVerificationError(
            f"callback secret must be the base64 string from the dashboard, got {_type_name(secret)}",
            reason="invalid_secret",
        )
    if not secret.strip():
        raise WebhookVerificationError("callback secret is empty", reason="invalid_secret")
    try:
        key = base64.b64decode(secret.strip(), validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if not key:
        raise WebhookVerificationError(
            "callback secret is not valid base64 (use the Base64 value from the dashboard)", reason="invalid_secret"
        )
    return key


def _entries(secret: object) -> list[object]:
    """The secrets as a list: one string, or each item of a list/tuple/iterable of them."""
    if secret is None:
        raise WebhookVerificationError(
            "no callback secret given (got None): pass the Base64 callback secret from the dashboard",
            reason="invalid_secret",
        )
    if isinstance(secret, str | bytes | bytearray):
        return [secret]
    if isinstance(secret, Mapping) or not isinstance(secret, Iterable):
        raise WebhookVerificationError(
            f"callback secret must be a base64 string or a list of them, got {_type_name(secret)}",
            reason="invalid_secret",
        )
    try:
        entries = list(secret)
    except Exception as exc:  # a user iterable that fails: still a refusal, never a raw error
        raise WebhookVerificationError(
            f"the callback secrets could not be read ({_type_name(exc)})", reason="invalid_secret"
        ) from None
    if not entries:
        raise WebhookVerificationError("the list of callback secrets is empty", reason="invalid_secret")
    return entries


def _keys(secret: object) -> tuple[list[bytes], int]:
    """Decode the usable secrets; return them with the number of entries skipped as unusable."""
    entries = _entries(secret)
    if len(entries) == 1:
        return [_key(entries[0])], 0  # a single bad secret says why
    keys = []
    for entry in entries:
        try:
            keys.append(_key(entry))
        except WebhookVerificationError:
            continue  # one bad entry in a rotation list must not refuse what the good ones accept
    if not keys:
        raise WebhookVerificationError(
            f"none of the {len(entries)} callback secrets is usable: each must be a non-empty base64 string",
            reason="invalid_secret",
        )
    return keys, len(entries) - len(keys)


def _text(value: object, name: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).decode("latin-1")  # how WSGI and ASGI servers hand over header bytes
    raise WebhookVerificationError(f"{name} header is not text (got {_type_name(value)})", reason="invalid_header")


def _canonical(name: object) -> str | None:
    """``"X-Callback-Id"``/``"x-callback-id"``/``"HTTP_X_CALLBACK_ID"`` -> ``"X-Callback-Id"``; others -> None."""
    if isinstance(name, bytes | bytearray):
        name = bytes(name).decode("latin-1")
    if not isinstance(name, str):
        return None
    key = name.lower()
    if key.startswith("http_"):  # WSGI environ / Django request.META spelling
        key = key[5:].replace("_", "-")
    return _WANTED.get(key)


def _pairs(headers: object) -> Iterable[Any]:
    if headers is None or isinstance(headers, str | bytes | bytearray | memoryview):
        raise WebhookVerificationError(
            f"headers must be the request's headers object or (name, value) pairs, got {_type_name(headers)}",
            reason="invalid_header",
        )
    items = getattr(headers, "items", None)
    if callable(items):
        pairs: object = items()
        if isinstance(pairs, Iterable):
            return pairs
    elif isinstance(headers, Iterable):
        return headers
    raise WebhookVerificationError(
        f"headers must be the request's headers object or (name, value) pairs, got {_type_name(headers)}",
        reason="invalid_header",
    )


def _read_headers(headers: object) -> dict[str, list[str]]:
    """The values of the three callback headers found in ``headers``, by canonical name."""
    found: dict[str, list[str]] = {}
    try:
        for index, pair in enumerate(_pairs(headers)):
            if not (isinstance(pair, tuple | list) and len(pair) == 2):
                raise WebhookVerificationError(
                    f"headers must be a headers object or (name, value) pairs; item {index} is a {_type_name(pair)}",
                    reason="invalid_header",
                )
            name = _canonical(pair[0])
            if name is not None:
                found.setdefault(name, []).append(_text(pair[1], name))
    except WebhookVerificationError:
        raise
    except Exception as exc:  # a headers object that fails while read: a refusal, never a raw error
        raise WebhookVerificationError(
            f"headers could not be read ({_type_name(exc)})", reason="invalid_header"
        ) from exc
    return found


def _single(found: dict[str, list[str]], name: str) -> str:
    values = {value.strip() for value in found.get(name, ())} - {""}
    if not values:
        raise WebhookVerificationError(f"missing {name} header", reason="missing_header")
    if len(values) > 1:
        raise WebhookVerificationError(f"{name} header is repeated with different values", reason="invalid_header")
    return values.pop()


def _signed_content(callback_id: str, timestamp: str, raw: bytes) -> bytes:
    try:
        prefix = f"{callback_id}.{timestamp}.".encode()
    except UnicodeEncodeError:
        raise WebhookVerificationError(
            f"{ID_HEADER} header is not valid text (it holds a lone surrogate)", reason="invalid_header"
        ) from None
    return prefix + raw


def _signature(key: bytes, content: bytes) -> bytes:
    return base64.b64encode(hmac.new(key, content, hashlib.sha256).digest())


def _verify(
    body: object, headers: object, secret: object, tolerance: object, now: object
) -> tuple[str, str, dict[str, Any]]:
    """Check everything; return ``(callback id, timestamp digits, decoded JSON object)``."""
    # Arguments first: a misconfiguration fails the same way on every callback, whatever it holds.
    window = _tolerance(tolerance)
    current = _now(now)
    keys, skipped = _keys(secret)
    raw = _raw(body)

    found = _read_headers(headers)
    callback_id = _single(found, ID_HEADER)
    timestamp = _single(found, TIMESTAMP_HEADER)
    signature_values = [value for value in found.get(SIGNATURE_HEADER, ()) if value.strip()]
    if not signature_values:
        raise WebhookVerificationError(f"missing {SIGNATURE_HEADER} header", reason="missing_header")
    offered = [s.strip() for value in signature_values for s in value.split(",") if s.strip()]

    if not _TIMESTAMP_RE.fullmatch(timestamp):
        raise WebhookVerificationError(
            f"{TIMESTAMP_HEADER} is not Unix seconds (1 to {MAX_TIMESTAMP_DIGITS} ASCII digits): {timestamp[:32]!r}",
            reason="invalid_timestamp",
        )
    content = _signed_content(callback_id, timestamp, raw)
    if window is not None:
        skew = current - int(timestamp)
        if abs(skew) > window:
            when = "old" if skew > 0 else "in the future"
            raise WebhookVerificationError(
                f"{TIMESTAMP_HEADER} is {abs(skew):.0f}s {when} (tolerance {window:g}s)",
                reason="timestamp_outside_tolerance",
            )

    expected = [_signature(key, content) for key in keys]
    matched = False
    for candidate in offered:
        got = candidate.encode("ascii", "replace")
        for good in expected:
            # compare every pair: no early exit that would tell which secret matched
            matched |= hmac.compare_digest(got, good)
    if not matched:
        note = f" ({skipped} unusable secret(s) in the list were skipped)" if skipped else ""
        raise WebhookVerificationError(
            f"no signature matches the callback secret{note}", reason="no_matching_signature"
        )

    try:
        payload = json.loads(raw)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, an integer too long to read, too deep
        raise WebhookVerificationError("callback body is not valid JSON", reason="invalid_body") from None
    if not isinstance(payload, dict):
        raise WebhookVerificationError("callback body is not a JSON object", reason="invalid_body")
    return callback_id, timestamp, payload


# -- public API -----------------------------------------------------------------------------------


def compute_signature(body: Body, secret: str | bytes, *, callback_id: str, timestamp: int | str) -> str:
    """Return the base64 HMAC-SHA256 signature RunAPI puts in ``X-Callback-Signature``.

    Args:
        body: the raw callback body (``str`` is encoded as UTF-8).
        secret: the callback secret, base64 as shown in the dashboard.
        callback_id: the ``X-Callback-Id`` value.
        timestamp: the ``X-Callback-Timestamp`` value, Unix seconds.

    Returns:
        The signature, base64 text (44 characters).

    Raises:
        WebhookVerificationError: the secret is not a non-empty base64 string (reason
            ``"invalid_secret"``), the body is not bytes or text (``"invalid_body"``), or the id
            holds a lone surrogate (``"invalid_header"``).
    """
    key = _key(secret)
    return _signature(key, _signed_content(callback_id, str(timestamp), _raw(body))).decode("ascii")


def sign(
    body: Body,
    secret: SecretLike,
    *,
    callback_id: str | None = None,
    timestamp: int | None = None,
) -> dict[str, str]:
    """Return the three callback headers for ``body``, as RunAPI would send them.

    Meant for tests of your callback view and for the local emulator.

    Args:
        body: the raw body you will POST.
        secret: one base64 secret, or several (one signature each, comma-separated, as during a
            secret rotation).
        callback_id: defaults to a random ``cb_...`` id.
        timestamp: Unix seconds; defaults to now.

    Returns:
        ``{"X-Callback-Id": ..., "X-Callback-Timestamp": ..., "X-Callback-Signature": ...}``

    Raises:
        WebhookVerificationError: a secret is unusable (reason ``"invalid_secret"``; unlike
            :func:`verify`, every secret given here must be usable) or the body is not bytes/text.
    """
    callback_id = callback_id or f"cb_{_secrets.token_hex(12)}"
    ts = str(int(time.time()) if timestamp is None else int(timestamp))
    content = _signed_content(callback_id, ts, _raw(body))
    signatures = [_signature(_key(entry), content).decode("ascii") for entry in _entries(secret)]
    return {ID_HEADER: callback_id, TIMESTAMP_HEADER: ts, SIGNATURE_HEADER: ",".join(signatures)}


def verify(
    body: Body,
    headers: HeadersLike,
    secret: SecretLike,
    *,
    tolerance: float | None = DEFAULT_TOLERANCE,
    now: float | None = None,
) -> dict[str, Any]:
    """Verify a callback and return its JSON payload.

    Args:
        body: the request body's raw bytes, exactly as received (not re-serialized JSON); a
            ``str`` is verified as its UTF-8 bytes.
        headers: the request headers: any object with ``.items()`` (Flask/Werkzeug
            ``request.headers``, Django ``request.headers`` or ``request.META``, Starlette,
            ``requests``, ``httpx``, ``http.server``, a ``dict``) or a list of ``(name, value)``
            pairs (``str`` or latin-1 ``bytes``). Names match in any case, and the WSGI/``META``
            spelling ``HTTP_X_CALLBACK_ID`` works too.
        secret: the base64 callback secret, or a list of secrets while you rotate them: the
            callback passes if any signature in the header matches any secret. Unusable entries in
            a list (empty, not base64, not a string) are skipped.
        tolerance: seconds (``>= 0``, finite) the ``X-Callback-Timestamp`` may lie in the past
            or the future; default 300. ``None`` turns the replay window off.
        now: the current Unix time in seconds (finite); defaults to ``time.time()``.

    Returns:
        The decoded JSON object: the task's status payload (docs: Callbacks > Callback payload).
        :func:`unwrap` returns it structured into the family's task class instead.

    Raises:
        WebhookVerificationError: on any refusal, with ``reason`` set (see
            :class:`WebhookVerificationError`). Nothing else is raised for bad request data.
        runapi.ValidationError: ``tolerance`` or ``now`` is not allowed (a bug in the caller,
            not a bad callback).
    """
    return _verify(body, headers, secret, tolerance, now)[2]


@overload
def unwrap(
    body: Body,
    headers: HeadersLike,
    secret: SecretLike,
    *,
    tolerance: float | None = ...,
    now: float | None = ...,
) -> Callback[Task]: ...


@overload
def unwrap(
    body: Body,
    headers: HeadersLike,
    secret: SecretLike,
    *,
    task_type: type[_TaskT],
    tolerance: float | None = ...,
    now: float | None = ...,
) -> Callback[_TaskT]: ...


def unwrap(
    body: Body,
    headers: HeadersLike,
    secret: SecretLike,
    *,
    task_type: type[Task] | None = None,
    tolerance: float | None = DEFAULT_TOLERANCE,
    now: float | None = None,
) -> Callback[Any]:
    """Verify a callback exactly like :func:`verify`, then return it with its task structured.

    Args:
        body, headers, secret, tolerance, now: as for :func:`verify`.
        task_type: the family's task class to structure the payload into, e.g.
            ``runapi.suno.MusicTask``; defaults to :class:`runapi.Task` (``id``, ``status``,
            ``error``, ``raw``).

    Returns:
        A :class:`Callback`: ``id``, ``timestamp`` (Unix seconds), ``task`` (a ``task_type``)
        and ``payload`` (the decoded JSON dict). Type checkers see ``Callback[MusicTask]`` for
        ``task_type=MusicTask`` and ``Callback[Task]`` without it.

    Raises:
        WebhookVerificationError: on any refusal :func:`verify` makes, and with reason
            ``"invalid_body"`` when a verified payload does not fit ``task_type`` (chained from the
            :class:`runapi.APIResponseValidationError` that says which field).
        runapi.ValidationError: ``tolerance``, ``now`` or ``task_type`` is not allowed.
    """
    from ._core.models import Task  # loads cattrs: only on first use, so importing this module stays cheap

    cls = Task if task_type is None else task_type
    if not (isinstance(cls, type) and issubclass(cls, Task)):
        allowed = "a subclass of runapi.Task, such as runapi.suno.MusicTask"
        raise ValidationError(f"task_type must be {allowed}, got {repr(cls)[:60]}", field="task_type", allowed=allowed)
    callback_id, timestamp, payload = _verify(body, headers, secret, tolerance, now)
    try:
        task = cls.from_dict(payload)
    except APIResponseValidationError as exc:
        raise WebhookVerificationError(
            f"callback body is not a {cls.__name__} payload: {exc.message}", reason="invalid_body"
        ) from exc
    return Callback(id=callback_id, timestamp=int(timestamp), task=task, payload=payload)


# -- receiving: verify, type, de-duplicate -------------------------------------------------------

SECRET_ENV = "RUNAPI_CALLBACK_SECRET"
"""The environment variable (and the Django / Flask setting) a :class:`Receiver` reads its secret from."""

OPERATION_PARAM = "runapi_operation"
"""The query parameter :func:`callback_url` adds, naming the operation a callback's task came from."""

DEFAULT_DEDUP_TTL = 24 * 3600.0
"""Seconds a handled callback is remembered: RunAPI's redeliveries (up to 10) come well within a day."""

DEFAULT_LEASE = 60.0
"""Seconds a callback is held as *being handled* while its handler runs (see :class:`Receiver`)."""

ClaimState: TypeAlias = Literal["claimed", "handling", "done"]
"""What :meth:`DedupStore.claim` found: ``"claimed"`` (the key is now yours to handle), ``"handling"``
(another delivery holds it and its handler is running, or the key's state could not be read) or
``"done"`` (it was handled)."""


_CLAIM_STATES = frozenset(("claimed", "handling", "done"))


class MissingCallbackSecretError(ValidationError):
    """No callback secret is configured: set ``RUNAPI_CALLBACK_SECRET`` (or the framework setting of that name).

    Raised when a :class:`Receiver` (or a framework adapter) is built, so a misconfigured app fails
    at startup rather than answering 500 to every callback later.
    """


class DedupStore(Protocol):
    """Where a :class:`Receiver` keeps the state of each callback key: *handling* or *done*.

    A key goes ``claim`` (absent -> *handling*, for ``lease`` seconds) then ``finish`` (*done*, for
    ``ttl`` seconds) when its handler returned, or ``release`` (absent again) when it raised. A
    *handling* key whose lease lapsed (the process died mid-handler) is absent again, so the next
    redelivery claims it. Every duration is in seconds; a store may round it up (never down) to
    what its backend supports, e.g. whole seconds.

    Implementations: :class:`MemoryStore` (one process), ``runapi.contrib.django.CacheStore``
    (Django's cache framework), ``runapi.contrib.redis.RedisStore`` (Redis, shared by every process).
    Errors of the backend (a Redis connection error, ...) propagate: the request then fails with a
    5xx and RunAPI redelivers.
    """

    def claim(self, key: str, lease: float) -> ClaimState:
        """Mark ``key`` *handling* for ``lease`` seconds if it is absent, atomically, and say what was found.

        Returns:
            ``"claimed"`` if this call marked it (exactly one concurrent caller gets this);
            otherwise the state it is in, ``"handling"`` or ``"done"``. A key that vanished between
            the failed add and the read (expired, released) counts as ``"handling"``: the caller
            answers a retryable status, which is always safe.
        """
        ...

    def finish(self, key: str, ttl: float) -> None:
        """Mark ``key`` *done* for ``ttl`` seconds (its handler returned), whatever its state (an overwrite)."""
        ...

    def release(self, key: str) -> None:
        """Forget ``key`` (its handler raised), so a redelivery claims it again; a no-op if it is absent."""
        ...


class MemoryStore:
    """A :class:`DedupStore` in this process's memory: bounded, with expiry; thread-safe.

    Enough for one process. Several workers (gunicorn, uvicorn ``--workers``) each have their own,
    so a redelivery reaching another worker is handled again: share a Django cache or Redis store.

    Args:
        max_keys: how many keys it holds; the oldest are forgotten first (default 100,000).
        clock: monotonic seconds (tests pass a fake).
    """

    def __init__(self, max_keys: int = 100_000, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._keys: collections.OrderedDict[str, tuple[ClaimState, float]] = collections.OrderedDict()
        self._lock = threading.Lock()
        self._max = max_keys
        self._clock = clock

    def claim(self, key: str, lease: float) -> ClaimState:
        """Mark ``key`` *handling* for ``lease`` seconds unless it is held; see :meth:`DedupStore.claim`."""
        now = self._clock()
        with self._lock:
            held = self._keys.get(key)
            if held is not None and held[1] > now:
                return held[0]
            self._put(key, "handling", now + lease)
            return "claimed"

    def finish(self, key: str, ttl: float) -> None:
        """Mark ``key`` *done* for ``ttl`` seconds."""
        now = self._clock()
        with self._lock:
            self._put(key, "done", now + ttl)

    def release(self, key: str) -> None:
        """Forget ``key`` (a no-op if it is not held)."""
        with self._lock:
            self._keys.pop(key, None)

    def state(self, key: str) -> ClaimState | None:
        """``"handling"``, ``"done"``, or ``None`` if ``key`` is not held (never held, released or expired)."""
        now = self._clock()
        with self._lock:
            held = self._keys.get(key)
            return held[0] if held is not None and held[1] > now else None

    def _put(self, key: str, state: ClaimState, expires: float) -> None:
        """Store ``key`` as the newest entry (``self._lock`` held), forgetting the oldest beyond ``max_keys``."""
        self._keys.pop(key, None)
        self._keys[key] = (state, expires)
        while len(self._keys) > self._max:
            self._keys.popitem(last=False)

    def __len__(self) -> int:
        """How many keys are held (expired ones included until they are claimed again or pushed out)."""
        return len(self._keys)


def _stored_state(value: object) -> ClaimState:
    """The state a shared store's raw value stands for: ``"done"`` or ``"handling"``.

    ``"done"`` (as text or bytes) is done; so is ``1``, the value earlier versions' stores wrote
    before keys had states (kept for a day: treating them as done is what those versions did).
    Anything else, including ``None`` (the key vanished between the add and the read), is
    ``"handling"``.
    """
    if isinstance(value, bytes | bytearray):
        value = bytes(value).decode("ascii", "replace")
    return "done" if value in ("done", 1, "1") else "handling"


def _whole_seconds(seconds: float) -> int:
    """``seconds`` rounded up to a whole number, at least 1: what Redis ``EX`` and cache backends take."""
    return max(1, math.ceil(seconds))


@attrs.frozen(kw_only=True)
class Receipt(Generic[_TaskT_co]):
    """A verified callback and the state its key was found in, as :meth:`Receiver.receive` returns it.

    Attributes:
        callback: the verified :class:`Callback` (its ``task`` typed).
        key: the de-duplication key (``X-Callback-Id``, plus Suno's ``generation_stage``).
        state: what the claim found (see :data:`ClaimState`): ``"claimed"`` (handle it now, inside
            :meth:`Receiver.handling`), ``"handling"`` (another delivery of it is being handled:
            answer 503 so RunAPI redelivers) or ``"done"`` (it was handled: answer 2xx).
    """

    callback: Callback[_TaskT_co]
    key: str
    state: ClaimState

    @property
    def task(self) -> _TaskT_co:
        """The callback's task."""
        return self.callback.task

    @property
    def claimed(self) -> bool:
        """``True`` when this delivery holds the key: run your handler (inside :meth:`Receiver.handling`)."""
        return self.state == "claimed"

    @property
    def duplicate(self) -> bool:
        """``True`` when this callback was already handled: answer 2xx and do nothing."""
        return self.state == "done"

    @property
    def in_progress(self) -> bool:
        """``True`` when another delivery of this callback is being handled: answer 503 (not 2xx), do nothing."""
        return self.state == "handling"


@attrs.frozen
class Answer:
    """The HTTP answer to give a callback request, as :meth:`Receiver.respond` returns it.

    Attributes:
        status: ``204`` (handled now, or before), ``400`` (no valid callback) or ``503`` (being
            handled by another delivery: RunAPI redelivers it later).
        headers: response headers to send: ``{"Retry-After": "60"}`` (whole seconds) with a 503,
            else empty.
    """

    status: int
    headers: Mapping[str, str] = attrs.field(factory=dict)


def callback_url(url: str, operation: object) -> str:
    """``url`` with the operation a task comes from added (``?runapi_operation=suno.text_to_music``).

    Give it as the create's ``callback_url``; a :class:`Receiver` without a fixed ``task_type``
    then types the callback as that operation's task (the framework adapters read the query). The
    parameter is not signed, but it only chooses how the signed body is parsed.

    Args:
        url: your callback endpoint.
        operation: ``"suno.text_to_music"``, or the operation itself (``client.suno.text_to_music``).
    """
    from urllib.parse import urlencode, urlsplit, urlunsplit

    name = operation_name(operation)
    parts = urlsplit(url)
    query = f"{parts.query}&" if parts.query else ""
    return urlunsplit(parts._replace(query=query + urlencode({OPERATION_PARAM: name})))


def operation_name(operation: object) -> str:
    """``"family.operation"`` for a name or an operation reached through a client (``client.suno.text_to_music``)."""
    if isinstance(operation, str):
        task_type_for(operation)  # checks it
        return operation
    target = getattr(operation, "_operation", operation)
    path = getattr(target, "path", None)
    if isinstance(path, str):
        for name, found in _task_operations().items():
            if found.path == path:
                return name
    raise ValidationError(
        f"operation must be a 'family.operation' name or a task operation, got {type(operation).__name__}",
        field="operation",
        allowed="'suno.text_to_music' or client.suno.text_to_music",
    )


def task_type_for(operation: str) -> type[Task]:
    """The task class of an operation named ``"family.operation"`` (``"suno.text_to_music"`` -> ``MusicTask``).

    Raises:
        runapi.ValidationError: no task operation has that name.
    """
    found = _task_operations().get(operation)
    if found is None:
        raise ValidationError(
            f"unknown operation {operation!r}; name a task operation as 'family.operation', e.g. 'suno.text_to_music'",
            field="operation",
            allowed="a 'family.operation' name of a task operation",
        )
    task: type[Task] = found.task
    return task


def _task_operations() -> dict[str, Any]:
    """Every task operation of every family, by ``"family.operation"`` (imports the families once)."""
    from ._client import operations
    from ._core.operations import TaskOperation

    return {name: entry[2] for name, entry in operations().items() if isinstance(entry[2], TaskOperation)}


def read_secret(value: SecretLike | None = None, *, where: str = "the environment") -> SecretLike:
    """The callback secret: ``value`` if given, else ``RUNAPI_CALLBACK_SECRET`` from the environment.

    Raises:
        MissingCallbackSecretError: neither is set (``where`` says what else was looked at).
    """
    import os

    secret = value if value is not None else os.environ.get(SECRET_ENV)
    if secret is None or (isinstance(secret, str | bytes) and not secret.strip()):
        raise MissingCallbackSecretError(
            f"no callback secret: set {SECRET_ENV} in {where} (the secret from the RunAPI dashboard, base64)",
            field=SECRET_ENV,
        )
    _keys(secret)  # fails now (invalid_secret) rather than on the first callback
    return secret


class Receiver(Generic[_TaskT_co]):
    """Verify, type and de-duplicate RunAPI callbacks, whatever the web framework.

    ::

        receiver = webhooks.Receiver(task_type=MusicTask)  # secret from RUNAPI_CALLBACK_SECRET

        def view(request):  # any framework
            answer = receiver.respond(request.body, request.headers, finish)  # finish(task) is yours
            return Response(status=answer.status, headers=answer.headers)

    The framework adapters (``runapi.contrib.flask``, ``.django``, ``.starlette``) do exactly this.
    By hand, :meth:`respond` is::

        try:
            receipt = receiver.receive(request.body, request.headers)
        except webhooks.WebhookVerificationError:
            return 400
        if receipt.in_progress:  # another delivery of it is being handled right now
            return 503, {"Retry-After": str(receiver.retry_after)}
        if receipt.claimed:
            with receiver.handling(receipt):  # done if your code returns, released if it raises
                finish(receipt.task)
        return 204

    A callback is processed at least once, and answered 2xx only once it was: RunAPI redelivers a
    callback (up to 10 times) until it gets a 2xx, with the same ``X-Callback-Id``; Suno sends one
    callback per stage (``generation_stage``). The key is the id plus the stage. After
    verification (a forged or stale request never touches the store) it is claimed in ``store``
    atomically: one delivery gets it and runs your handler; the key is then *handling* for
    ``lease`` seconds. When the handler returns, the key is marked *done* for ``ttl`` seconds and
    the answer is 204; redeliveries then get 204 at once. If the handler raises, the key is
    released and the exception propagates (500): the redelivery is handled again. A redelivery
    that arrives while the handler still runs (RunAPI timed out waiting for it) gets 503 with
    ``Retry-After``, never a 2xx: that first handler may yet fail.

    Handlers should be idempotent all the same: a handler running longer than ``lease``, or one
    whose process died, lets a redelivery run it again.

    Args:
        secret: the base64 callback secret (or several while rotating). Leave it out to read
            ``RUNAPI_CALLBACK_SECRET``: secrets belong in settings, not code.
        task_type: the task class callbacks are typed as (``runapi.suno.MusicTask``). Without
            it (and without ``operation``), each callback is typed by the ``operation`` passed
            to :meth:`receive` (the adapters pass the :func:`callback_url` query), else as
            :class:`runapi.Task`.
        operation: ``"suno.text_to_music"`` (or the operation): the same as its ``task_type``.
        store: a :class:`DedupStore`; a :class:`MemoryStore` by default.
        ttl: seconds a handled callback is remembered (default one day).
        lease: seconds a claimed callback is held as *being handled* (default 60). It bounds how
            long a process that died mid-handler keeps the callback from being handled again, so
            keep it short, but above your handler's longest run: a handler still running when its
            lease lapses may be run a second time by a redelivery. 60 seconds is well above a
            webhook handler's usual run (answer quickly; queue slow work), and a crash costs at most
            a minute of RunAPI's redelivery schedule. The 503's ``Retry-After`` is this, rounded
            up to whole seconds: by then the handler finished or its claim lapsed.
        tolerance: the accepted clock difference, seconds (see :func:`verify`).

    Raises:
        MissingCallbackSecretError: no ``secret`` and no ``RUNAPI_CALLBACK_SECRET``.
        WebhookVerificationError: the secret is unusable (reason ``"invalid_secret"``).
        runapi.ValidationError: an unknown ``operation``, a ``task_type`` that is no task class, a
            ``store`` without ``claim``/``finish``/``release``, or a ``ttl`` or ``lease`` that is
            not a finite number of seconds > 0.
    """

    @overload
    def __init__(
        self: Receiver[Task],
        secret: SecretLike | None = None,
        *,
        task_type: None = None,
        operation: object = None,
        store: DedupStore | None = None,
        ttl: float = DEFAULT_DEDUP_TTL,
        lease: float = DEFAULT_LEASE,
        tolerance: float | None = DEFAULT_TOLERANCE,
    ) -> None: ...
    @overload
    def __init__(
        self,
        secret: SecretLike | None = None,
        *,
        task_type: type[_TaskT_co],
        operation: None = None,
        store: DedupStore | None = None,
        ttl: float = DEFAULT_DEDUP_TTL,
        lease: float = DEFAULT_LEASE,
        tolerance: float | None = DEFAULT_TOLERANCE,
    ) -> None: ...
    @overload
    def __init__(
        self: Receiver[Any],
        secret: SecretLike | None = None,
        *,
        task_type: type[Task] | None = None,
        operation: object = None,
        store: DedupStore | None = None,
        ttl: float = DEFAULT_DEDUP_TTL,
        lease: float = DEFAULT_LEASE,
        tolerance: float | None = DEFAULT_TOLERANCE,
    ) -> None: ...
    def __init__(
        self,
        secret: SecretLike | None = None,
        *,
        task_type: type[Any] | None = None,
        operation: object = None,
        store: DedupStore | None = None,
        ttl: float = DEFAULT_DEDUP_TTL,
        lease: float = DEFAULT_LEASE,
        tolerance: float | None = DEFAULT_TOLERANCE,
    ) -> None:
        self._secret = read_secret(secret)
        if operation is not None and task_type is None:
            task_type = task_type_for(operation_name(operation))
        self.task_type: type[Task] | None = task_type
        if store is not None:
            missing = [name for name in ("claim", "finish", "release") if not callable(getattr(store, name, None))]
            if missing:
                allowed = "a runapi.webhooks.DedupStore: claim(key, lease), finish(key, ttl), release(key)"
                raise ValidationError(
                    f"store must be {allowed}; {type(store).__name__} has no {', '.join(missing)}",
                    field="store",
                    allowed=allowed,
                )
        self.store: DedupStore = store if store is not None else MemoryStore()
        self.ttl = _duration(ttl, "ttl")
        self.lease = _duration(lease, "lease")
        self.tolerance = tolerance

    @property
    def retry_after(self) -> int:
        """Seconds to tell a redelivery that came while the callback is being handled: ``lease``, rounded up."""
        return _whole_seconds(self.lease)

    def __repr__(self) -> str:
        kind = self.task_type.__name__ if self.task_type else "by operation"
        return f"<runapi.webhooks.Receiver {kind} store={type(self.store).__name__} lease={self.lease:g}s>"

    def receive(
        self, body: Body, headers: HeadersLike, *, operation: str | None = None, now: float | None = None
    ) -> Receipt[_TaskT_co]:
        """Verify the callback, type its task, and claim its key for ``lease`` seconds.

        A ``claimed`` receipt must then go through :meth:`handling` (which marks it done or
        releases it); otherwise its key stays *handling* until the lease lapses.

        Args:
            body: the raw body bytes, as received.
            headers: the request headers (any framework's object, see :func:`verify`).
            operation: ``"family.operation"`` to type the task by when the receiver has no
                ``task_type`` (the :data:`OPERATION_PARAM` query of a :func:`callback_url`).
            now: the current Unix time (tests).

        Returns:
            A :class:`Receipt`: ``claimed`` (handle it), ``in_progress`` (another delivery is
            handling it: answer 503) or ``duplicate`` (it was handled: answer 2xx).

        Raises:
            WebhookVerificationError: the request is not a valid callback (answer 400), including
                an unknown ``operation`` (reason ``"invalid_body"``).
            runapi.ValidationError: the store's ``claim`` returned something else than a
                :data:`ClaimState` (a broken custom store; answer 5xx).
            Exception: whatever the store raises (answer 5xx: RunAPI redelivers).
        """
        task_type: type[Task] | None = self.task_type
        if task_type is None and operation:
            try:
                task_type = task_type_for(operation)
            except ValidationError as exc:
                raise WebhookVerificationError(str(exc), reason="invalid_body") from None
        if task_type is None:
            callback: Callback[Any] = unwrap(body, headers, self._secret, tolerance=self.tolerance, now=now)
        else:
            callback = unwrap(body, headers, self._secret, task_type=task_type, tolerance=self.tolerance, now=now)
        stage = callback.payload.get("generation_stage")
        key = f"{callback.id}:{stage}" if isinstance(stage, str) and stage else callback.id
        state = self.store.claim(key, self.lease)
        if state not in _CLAIM_STATES:  # a 2xx for a callback nobody handled would lose it: refuse
            allowed = "'claimed', 'handling' or 'done'"
            raise ValidationError(
                f"{type(self.store).__name__}.claim() returned {state!r:.40}; a DedupStore's claim returns {allowed}",
                field="store",
                allowed=allowed,
            )
        return Receipt(callback=callback, key=key, state=state)

    def respond(
        self, body: Body, headers: HeadersLike, handler: Callable[[Any], object], *, operation: str | None = None
    ) -> Answer:
        """Receive a callback and, if this delivery claimed it, call ``handler(task)``; return the answer to give.

        What a framework adapter does per request. The :class:`Answer`'s ``status`` is:

        - 204 once ``handler`` returned (the callback is then marked done), or at once for a
          callback handled before (a duplicate);
        - 503, with ``headers`` ``{"Retry-After": "<lease in whole seconds>"}``, when another
          delivery of the callback is being handled: never a 2xx before the handling succeeded,
          so RunAPI redelivers it;
        - 400 for a request that is no valid callback (its reason logged at WARNING on the
          ``runapi`` logger, never the secret).

        Raises:
            Exception: whatever ``handler`` raises, after the callback was released (your framework
                answers 500; RunAPI redelivers and the redelivery is handled again); and whatever
                the store raises.
        """
        receipt = self._accept(body, headers, operation)
        if receipt is not None and receipt.claimed:
            with self.handling(receipt):
                handler(receipt.task)
        return self._answer(receipt)

    async def respond_async(
        self, body: Body, headers: HeadersLike, handler: Callable[[Any], object], *, operation: str | None = None
    ) -> Answer:
        """:meth:`respond` for asyncio frameworks: ``handler`` may be a coroutine function (it is awaited)."""
        receipt = self._accept(body, headers, operation)
        if receipt is not None and receipt.claimed:
            with self.handling(receipt):
                result = handler(receipt.task)
                if inspect.isawaitable(result):
                    await result
        return self._answer(receipt)

    def _accept(self, body: Body, headers: HeadersLike, operation: str | None) -> Receipt[_TaskT_co] | None:
        """:meth:`receive`, or ``None`` (logged) for a request that is no valid callback."""
        try:
            return self.receive(body, headers, operation=operation)
        except WebhookVerificationError as exc:
            _logger.warning("refused a RunAPI callback: %s (%s)", exc.reason, exc)
            return None

    def _answer(self, receipt: Receipt[Any] | None) -> Answer:
        if receipt is None:
            return Answer(400)
        if receipt.in_progress:
            _logger.info("RunAPI callback %s is being handled by another delivery: answered 503", receipt.key)
            return Answer(503, {"Retry-After": str(self.retry_after)})
        return Answer(204)

    def forget(self, receipt: Receipt[Any]) -> None:
        """Release a receipt's key, so a redelivery of its callback is handled again."""
        self.store.release(receipt.key)

    def handling(self, receipt: Receipt[Any]) -> AbstractContextManager[None]:
        """A context manager around your handler of a ``claimed`` receipt.

        When the block ends normally, the callback is marked done for ``ttl`` seconds (redeliveries
        are duplicates from then on); when it raises, the callback is released (see :meth:`forget`)
        and the exception propagates.

        Raises:
            runapi.ValidationError: the receipt is not ``claimed`` (raised here, before your code
                runs): a duplicate needs no handling, and one ``in_progress`` is another delivery's.
        """
        if not receipt.claimed:
            allowed = "a receipt whose .claimed is True"
            what = "being handled by another delivery (answer 503)" if receipt.in_progress else "done (answer 204)"
            raise ValidationError(
                f"callback {receipt.key} was not claimed by this delivery: it is {what}",
                field="receipt",
                allowed=allowed,
            )
        return _Handling(self, receipt)


def _duration(value: object, field: str) -> float:
    allowed = "a finite number of seconds > 0"
    seconds = _seconds(value, field, allowed)
    if seconds is None or seconds <= 0:
        raise ValidationError(f"{field} must be {allowed}, got {value!r:.40}", field=field, allowed=allowed)
    return seconds


class _Handling(AbstractContextManager[None]):
    def __init__(self, receiver: Receiver[Any], receipt: Receipt[Any]) -> None:
        self._receiver = receiver
        self._receipt = receipt

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if exc_type is None:
            self._receiver.store.finish(self._receipt.key, self._receiver.ttl)
        else:
            self._receiver.forget(self._receipt)
