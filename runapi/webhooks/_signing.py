"""The signing layer of :mod:`runapi.webhooks`: sign, verify and unwrap RunAPI's signed callbacks.

Pure functions of a body, its headers and a secret: the standard library, ``attrs`` (for
:class:`Callback`) and :mod:`runapi.errors`, nothing else of runapi when imported; no client, no
family, no store. :func:`unwrap` loads ``runapi._core.models`` on its first call, to structure
the task. The emulator signs its callbacks with this module alone; the receiving layer
(``_receiving.py``) builds on it. Import the public names from :mod:`runapi.webhooks`.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import json
import math
import numbers
import re
import secrets as _secrets
import time
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeAlias, TypeVar, overload

import attrs

from ..errors import APIResponseValidationError, RunAPIError, ValidationError

if TYPE_CHECKING:
    from .._core.models import Task

__all__ = [
    "DEFAULT_TOLERANCE",
    "ID_HEADER",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "Callback",
    "HeadersLike",
    "SecretLike",
    "WebhookVerificationError",
    "compute_signature",
    "sign",
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

_WANTED = {name.lower(): name for name in (ID_HEADER, TIMESTAMP_HEADER, SIGNATURE_HEADER)}
# the two usual spellings, lower-cased: "x-callback-id" and the WSGI/META "http_x_callback_id"
_SPELLINGS = {**_WANTED, **{"http_" + key.replace("-", "_"): name for key, name in _WANTED.items()}}
# Every name that canonicalizes to one of the three has one of these lengths (str.lower() never
# shortens a name), so other headers are passed over on their length alone.
_LENGTHS = frozenset(len(spelling) for spelling in _SPELLINGS)
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
    if type(value) is float and math.isfinite(value):  # the usual cases, without the ABC check below
        return value
    if type(value) is int and -(2**53) <= value <= 2**53:
        return float(value)
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
    return _decoded(str(secret))


@functools.lru_cache(maxsize=64)
def _decoded(secret: str) -> bytes:
    """One base64 secret's key, decoded once per secret (a refusal is raised again each time, never kept)."""
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
    spellings, lengths = _SPELLINGS, _LENGTHS
    try:
        if type(headers) is dict:  # a plain dict: its items are pairs; look at the names of the right length only
            for key in headers:
                if type(key) is str:
                    if len(key) not in lengths:
                        continue
                    lowered = key.lower()
                    name = spellings.get(lowered)
                    if name is None and lowered.startswith("http_"):
                        name = _canonical(key)
                else:
                    name = _canonical(key)
                if name is not None:
                    value = headers[key]
                    found.setdefault(name, []).append(value if type(value) is str else _text(value, name))
            return found
        for index, pair in enumerate(_pairs(headers)):
            if not (isinstance(pair, tuple | list) and len(pair) == 2):
                raise WebhookVerificationError(
                    f"headers must be a headers object or (name, value) pairs; item {index} is a {_type_name(pair)}",
                    reason="invalid_header",
                )
            key, value = pair
            if type(key) is str:  # the usual case: a length check, for the three one lower() and a look-up
                if len(key) not in lengths:
                    continue
                lowered = key.lower()
                name = spellings.get(lowered)
                if name is None and lowered.startswith("http_"):
                    name = _canonical(key)
            else:
                name = _canonical(key)
            if name is not None:
                found.setdefault(name, []).append(value if type(value) is str else _text(value, name))
    except WebhookVerificationError:
        raise
    except Exception as exc:  # a headers object that fails while read: a refusal, never a raw error
        raise WebhookVerificationError(
            f"headers could not be read ({_type_name(exc)})", reason="invalid_header"
        ) from exc
    return found


def _single(found: dict[str, list[str]], name: str) -> str:
    given = found.get(name, ())
    if len(given) == 1 and (only := given[0].strip()):
        return only
    values = {value.strip() for value in given} - {""}
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
    from .._core.models import Task  # loads cattrs: only on first use, so importing this module stays cheap

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
