"""Verify (and, for tests, produce) RunAPI's signed task callbacks, and receive them.

RunAPI POSTs the task's status payload to your ``callback_url`` with three headers
(docs: Callbacks > Verify callback signatures):

- ``X-Callback-Id``: the id of this callback,
- ``X-Callback-Timestamp``: when it was signed, in Unix seconds,
- ``X-Callback-Signature``: one or more base64 signatures, comma-separated.

Each signature is ``base64(HMAC-SHA256(base64decode(secret), "{id}.{timestamp}.{raw body}"))``.
The signed content uses the body's **raw bytes** exactly as received: parse the JSON only after
verifying. (The docs' Python sample formats a ``bytes`` body into an f-string, which signs
``"b'...'"`` rather than the body; this package does not.)

Two layers, one namespace (import every name from ``runapi.webhooks``):

- **signing** (``_signing.py``): :func:`verify`, :func:`unwrap`, :func:`sign`,
  :func:`compute_signature`, :class:`Callback`, :class:`WebhookVerificationError`, the header
  names. Pure functions of a body, its headers and a secret: no client, no family, no store. The
  local emulator signs its callbacks with this layer alone.
- **receiving** (``_receiving.py``, with its stores in ``_stores.py``): :class:`Receiver` (verify,
  type the task, de-duplicate), :class:`DedupStore` and :class:`MemoryStore`, :class:`Receipt`,
  :class:`Answer`, :func:`callback_url`, :func:`task_type_for`, :func:`read_secret`. It builds on
  the signing layer and is imported on first use of one of its names.

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

:class:`Receiver` adds what a view needs beyond verification (the secret from
``RUNAPI_CALLBACK_SECRET``, de-duplication of redeliveries, the status to answer); the framework
adapters in :mod:`runapi.contrib` are built on it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._signing import (
    DEFAULT_TOLERANCE,
    ID_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    Callback,
    HeadersLike,
    SecretLike,
    WebhookVerificationError,
    _rebuild_error as _rebuild_error,  # pickles of WebhookVerificationError made before the split name it here
    compute_signature,
    sign,
    unwrap,
    verify,
)

if TYPE_CHECKING:
    from ._receiving import (
        DEFAULT_DEDUP_TTL,
        DEFAULT_LEASE,
        OPERATION_PARAM,
        SECRET_ENV,
        Answer,
        MissingCallbackSecretError,
        Receipt,
        Receiver,
        callback_url,
        operation_name,
        read_secret,
        task_type_for,
    )
    from ._stores import ClaimState, DedupStore, MemoryStore

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

# the receiving layer's names -> the module that defines them, imported on first access (PEP 562),
# so that importing the signing layer (the emulator does) does not load the receiving one
_LAZY = {
    **dict.fromkeys(("ClaimState", "DedupStore", "MemoryStore"), "runapi.webhooks._stores"),
    **dict.fromkeys(
        (
            "DEFAULT_DEDUP_TTL",
            "DEFAULT_LEASE",
            "OPERATION_PARAM",
            "SECRET_ENV",
            "Answer",
            "MissingCallbackSecretError",
            "Receipt",
            "Receiver",
            "callback_url",
            "operation_name",
            "read_secret",
            "task_type_for",
        ),
        "runapi.webhooks._receiving",
    ),
}

if not TYPE_CHECKING:  # hidden from type checkers, which would let any misspelt name through as Any

    def __getattr__(name: str) -> Any:
        if name not in _LAZY:
            raise AttributeError(f"module 'runapi.webhooks' has no attribute {name!r}")
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(globals()) | set(_LAZY))
