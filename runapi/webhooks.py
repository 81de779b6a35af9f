"""Verify (and, for tests, produce) RunAPI's signed task callbacks.

RunAPI POSTs the task's status payload to your ``callback_url`` with three headers
(docs: Callbacks > Verify callback signatures):

- ``X-Callback-Id``: unique id of this delivery,
- ``X-Callback-Timestamp``: when it was signed, in Unix seconds,
- ``X-Callback-Signature``: one or more base64 signatures, comma-separated.

Each signature is ``base64(HMAC-SHA256(base64decode(secret), "{id}.{timestamp}.{raw body}"))``.
The signed content uses the body's **raw bytes** exactly as received: parse the JSON only after
verifying. (The docs' Python sample formats a ``bytes`` body into an f-string, which signs
``"b'...'"`` rather than the body; this module does not.)

A Django view::

    payload = runapi.webhooks.verify(request.body, request.headers, settings.RUNAPI_CALLBACK_SECRET)

A Flask view::

    payload = runapi.webhooks.verify(request.get_data(), request.headers, CALLBACK_SECRET)

Both raise :class:`WebhookVerificationError` on any refusal; answer 400 and do not process the body.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets as _secrets
import time
from collections.abc import Iterable, Mapping
from typing import Any

from .errors import RunAPIError

__all__ = [
    "DEFAULT_TOLERANCE",
    "ID_HEADER",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "WebhookVerificationError",
    "compute_signature",
    "sign",
    "verify",
]

ID_HEADER = "X-Callback-Id"
TIMESTAMP_HEADER = "X-Callback-Timestamp"
SIGNATURE_HEADER = "X-Callback-Signature"

DEFAULT_TOLERANCE = 300
"""Seconds a callback's timestamp may differ from now, in the past or the future."""

Body = bytes | bytearray | memoryview | str


class WebhookVerificationError(RunAPIError, ValueError):
    """A callback failed verification; do not trust its body.

    Attributes:
        reason: a short, stable reason: ``"missing_header"``, ``"invalid_timestamp"``,
            ``"timestamp_outside_tolerance"``, ``"no_matching_signature"``, ``"invalid_secret"``,
            ``"invalid_body"``. The message never contains the secret.
    """

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def _raw(body: Body) -> bytes:
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, bytes | bytearray | memoryview):
        return bytes(body)
    raise WebhookVerificationError(
        f"body must be the raw request bytes, got {type(body).__name__}", reason="invalid_body"
    )


def _secret_bytes(secret: str | bytes) -> bytes:
    if isinstance(secret, bytes):
        secret = secret.decode("ascii", "replace")
    if not isinstance(secret, str) or not secret.strip():
        raise WebhookVerificationError("callback secret is empty", reason="invalid_secret")
    try:
        return base64.b64decode(secret.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise WebhookVerificationError(
            "callback secret is not valid base64 (use the Base64 value from the dashboard)",
            reason="invalid_secret",
        ) from None


def compute_signature(body: Body, secret: str | bytes, *, callback_id: str, timestamp: int | str) -> str:
    """Return the base64 HMAC-SHA256 signature RunAPI puts in ``X-Callback-Signature``.

    Args:
        body: the raw callback body (``str`` is encoded as UTF-8).
        secret: the callback secret, base64 as shown in the dashboard.
        callback_id: the ``X-Callback-Id`` value.
        timestamp: the ``X-Callback-Timestamp`` value, Unix seconds.

    Raises:
        WebhookVerificationError: the secret is not base64 (reason ``"invalid_secret"``).
    """
    content = f"{callback_id}.{timestamp}.".encode() + _raw(body)
    digest = hmac.new(_secret_bytes(secret), content, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def sign(
    body: Body,
    secret: str | bytes | Iterable[str | bytes],
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
    """
    callback_id = callback_id or f"cb_{_secrets.token_hex(12)}"
    ts = int(time.time()) if timestamp is None else int(timestamp)
    keys = [secret] if isinstance(secret, str | bytes) else list(secret)
    signatures = [compute_signature(body, key, callback_id=callback_id, timestamp=ts) for key in keys]
    return {ID_HEADER: callback_id, TIMESTAMP_HEADER: str(ts), SIGNATURE_HEADER: ",".join(signatures)}


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    if value is None:
        wanted = name.lower()
        for key, candidate in headers.items():
            if isinstance(key, str) and key.lower() == wanted:
                value = candidate
                break
    if value is None:
        # WSGI environ / Django request.META spelling: HTTP_X_CALLBACK_ID
        value = headers.get("HTTP_" + name.upper().replace("-", "_"))
    return value if isinstance(value, str) else None


def verify(
    body: Body,
    headers: Mapping[str, str],
    secret: str | bytes | Iterable[str | bytes],
    *,
    tolerance: float | None = DEFAULT_TOLERANCE,
    now: float | None = None,
) -> dict[str, Any]:
    """Verify a callback and return its JSON payload.

    Args:
        body: the request body's raw bytes, exactly as received (not re-serialized JSON).
        headers: the request headers; names match in any case, and WSGI/Django ``META`` keys
            (``HTTP_X_CALLBACK_ID``) work too.
        secret: the base64 callback secret, or several secrets while you rotate them; a
            callback passes if any signature in the header matches any secret.
        tolerance: seconds the ``X-Callback-Timestamp`` may lie in the past or future
            (default 300); ``None`` turns the replay window off.
        now: the current Unix time in seconds; defaults to ``time.time()``.

    Returns:
        The decoded JSON object: the task's status payload (docs: Callbacks > Callback payload).
        Structure it with the family's task class, e.g. ``runapi.suno.MusicTask.from_dict(payload)``.

    Raises:
        WebhookVerificationError: on any refusal, with ``reason`` set. Nothing else is raised for
            bad input.
    """
    raw = _raw(body)
    if not isinstance(headers, Mapping):
        raise WebhookVerificationError("headers must be a mapping", reason="missing_header")
    callback_id = _header(headers, ID_HEADER)
    timestamp = _header(headers, TIMESTAMP_HEADER)
    signature_header = _header(headers, SIGNATURE_HEADER)
    for name, value in (
        (ID_HEADER, callback_id),
        (TIMESTAMP_HEADER, timestamp),
        (SIGNATURE_HEADER, signature_header),
    ):
        if not value or not value.strip():
            raise WebhookVerificationError(f"missing {name} header", reason="missing_header")
    assert callback_id is not None and timestamp is not None and signature_header is not None

    timestamp = timestamp.strip()
    if not timestamp.isdigit():
        raise WebhookVerificationError(
            f"{TIMESTAMP_HEADER} is not Unix seconds: {timestamp[:32]!r}", reason="invalid_timestamp"
        )
    if tolerance is not None:
        current = time.time() if now is None else now
        skew = current - int(timestamp)
        if abs(skew) > tolerance:
            when = "old" if skew > 0 else "far in the future"
            raise WebhookVerificationError(
                f"{TIMESTAMP_HEADER} is {abs(skew):.0f}s {when} (tolerance {tolerance:g}s)",
                reason="timestamp_outside_tolerance",
            )

    keys = [secret] if isinstance(secret, str | bytes) else list(secret)
    if not keys:
        raise WebhookVerificationError("no callback secret given", reason="invalid_secret")
    offered = [s.strip() for s in signature_header.split(",") if s.strip()]
    expected = [compute_signature(raw, key, callback_id=callback_id, timestamp=timestamp) for key in keys]
    matched = False
    for candidate in offered:
        for good in expected:
            # compare every pair: no early exit that would leak which secret matched
            matched |= hmac.compare_digest(candidate.encode("ascii", "replace"), good.encode("ascii"))
    if not matched:
        raise WebhookVerificationError("no signature matches the callback secret", reason="no_matching_signature")

    try:
        payload = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise WebhookVerificationError("callback body is not valid JSON", reason="invalid_body") from None
    if not isinstance(payload, dict):
        raise WebhookVerificationError("callback body is not a JSON object", reason="invalid_body")
    return payload
