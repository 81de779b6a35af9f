"""``runapi listen``: receive RunAPI's callbacks on a local URL through a listen session (local webhook testing).

The protocol (facts from the official CLI, public repository ``runapi-ai/cli``, ``cmd/runapi/listen.go``,
and the docs, Callbacks > Local webhook testing). Every request carries the API key in ``X-API-Key``:

- ``POST /api/v1/cli/listen_sessions`` (JSON ``{"callback_api_key_id"}``, the key omitted when
  none is chosen) answers 201 ``{"session_token", "listen_secret", "callback_api_key": {"id",
  "name", "masked_token"}}``;
- ``GET /api/v1/cli/listen_events?last_id=N`` with ``X-Session-Token`` answers 200 ``{"events":
  [{"id", "signed_body", "headers"}]}``; 404 means the session expired (make a new one and start
  again from ``last_id=0``), 410 that the callback API key is no longer usable, 401/403 that the
  key lost listen access (both end the listener);
- ``POST /api/v1/cli/listen_events/{id}/ack`` with ``X-Session-Token`` answers 204 (404: expired);
- ``DELETE /api/v1/cli/listen_sessions/{token}`` when the listener stops.

Each event is POSTed to the local URL as RunAPI POSTs a callback: ``signed_body`` as the body,
``Content-Type: application/json`` and the event's ``headers`` (``X-Callback-Id``,
``X-Callback-Timestamp``, ``X-Callback-Signature``, signed with the listen secret: verify with
:func:`runapi.webhooks.verify` and that secret), redirects not followed, 5 seconds to answer.
Timing (CLI v0.8.6): an empty poll waits 15 seconds, 30 after the second empty poll in a row; a
poll with events is followed at once; a failed request backs off 1, 2, 4 ... 30 seconds, or the
``Retry-After`` of a 429; every wait is jittered by up to 10 %. A renewed session whose listen
secret differs ends the listener (the local verifier would refuse every event).

Acknowledging: the docs promise that an event the local endpoint refuses (non-2xx, no answer) is
left unacknowledged and comes again, and the CLI did so until v0.8.5, which acknowledges each event
*before* forwarding it ("so local HTTP failures do not replay or block later events"). This
listener keeps the documented at-least-once behaviour by default (a refused event is retried, and
the events after it wait); ``ack_before_forward=True`` is the newer CLI's at-most-once one.

The loop is sans-IO-ish: HTTP goes through an injected :class:`Transport` and waits through an
injected ``sleep``, so tests drive it on a fake clock. Nothing it prints shows the API key.
"""

from __future__ import annotations

import contextlib
import json
import random as _random
import re
import time
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple, Protocol
from urllib.parse import urlsplit

from ._core.settings import _base_url
from .errors import RunAPIError, ValidationError, redact_url

__all__ = [
    "API_TIMEOUT",
    "FORWARD_TIMEOUT",
    "IDLE_WAIT",
    "ListenError",
    "Listener",
    "Reply",
    "Transport",
    "TransportError",
    "normalize_forward_url",
    "requests_transport",
]

IDLE_WAIT = 15.0
"""Seconds after an empty poll (twice that after the second empty poll in a row) (CLI v0.8.6)."""
BACKOFF_FIRST, BACKOFF_MAX = 1.0, 30.0
"""Seconds before retrying a failed request, doubling up to the ceiling (CLI ``nextBackoff``)."""
RETRY_EVENT_WAIT = 1.0
"""Seconds before polling again after an event was not acknowledged (CLI: ``waitForContext(ctx, time.Second)``)."""
JITTER = 0.10
"""Each wait is scaled by a random factor in [1 - JITTER, 1 + JITTER] (CLI ``listenerPollJitterFraction``)."""
FORWARD_TIMEOUT = 5.0
"""Seconds the local endpoint has to answer (CLI ``forwardEvent``)."""
API_TIMEOUT = 30.0
"""Seconds RunAPI has to answer a listen request (CLI ``listenHTTPClient``)."""
_DETAIL = 4096  # at most this many characters of an error body are shown (CLI: io.LimitReader(..., 4096))


class Reply(NamedTuple):
    """An HTTP answer: ``status``, ``headers`` (names as sent) and raw ``body``."""

    status: int
    headers: Mapping[str, str]
    body: bytes


class TransportError(Exception):
    """No HTTP answer (connection refused or reset, timeout); the message says why, without any header."""


class Transport(Protocol):
    """Sends one request and returns the answer, never following redirects.

    Raises:
        TransportError: no answer.
    """

    def __call__(
        self, method: str, url: str, *, headers: Mapping[str, str], body: bytes | None, timeout: float
    ) -> Reply: ...


class ListenError(RunAPIError):
    """The listener cannot start or go on: RunAPI unreachable at start, the key refused, the session
    not renewable, the listen secret changed. The message never shows the API key.

    Attributes:
        status: the HTTP status RunAPI answered, or ``None``.
    """

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def _reason(exc: Exception, timeout: float) -> str:
    import requests

    if isinstance(exc, requests.Timeout):
        return f"no answer within {timeout:g}s"
    text = str(exc)
    found = re.search(r"\[Errno -?\d+\] ([^'\")]+)", text)
    if found:
        return found[1].strip()
    return type(exc).__name__ if isinstance(exc, requests.ConnectionError) else text


def requests_transport(session: Any = None) -> Transport:
    """A :class:`Transport` on a ``requests.Session`` (a new one by default)."""
    import requests

    http = session if session is not None else requests.Session()

    def send(method: str, url: str, *, headers: Mapping[str, str], body: bytes | None, timeout: float) -> Reply:
        try:
            answer = http.request(method, url, headers=dict(headers), data=body, timeout=timeout, allow_redirects=False)
        except requests.RequestException as exc:
            raise TransportError(_reason(exc, timeout)) from None
        return Reply(answer.status_code, dict(answer.headers), answer.content)

    return send


def normalize_forward_url(value: str) -> str:
    """The local URL events are POSTed to: ``http://`` is assumed without a scheme (``localhost:3000/hooks``).

    Raises:
        ValidationError: (``field`` ``"forward_to"``) not an http(s) URL with a host.
    """
    allowed = "an http(s) URL with a host, e.g. 'http://localhost:3000/webhooks'"
    target = value.strip()
    if "://" not in target:
        target = "http://" + target
    try:
        parts = urlsplit(target)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    unsafe = any(c.isspace() or not c.isprintable() for c in target)
    if parts is None or parts.scheme not in ("http", "https") or not host or unsafe:
        raise ValidationError(
            f"forward_to must be {allowed}; got {redact_url(value)!r}", field="forward_to", allowed=allowed
        )
    return target


def _one_line(text: str) -> str:
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def _api_error(what: str, reply: Reply) -> str:
    """``"GET listen_events: 503 Service unavailable"``: the status and the answer's ``error`` (or its text)."""
    detail = reply.body.decode("utf-8", "replace").strip()
    try:
        parsed = json.loads(detail)
    except ValueError:
        parsed = None
    if isinstance(parsed, dict) and isinstance(parsed.get("error"), str):
        detail = parsed["error"]
    return _one_line(f"{what}: {reply.status} {detail[:_DETAIL]}".strip())


class _Event(NamedTuple):
    id: int
    signed_body: str
    headers: dict[str, str]
    task_id: str
    status: str


def _events(reply: Reply) -> list[_Event]:
    """The events of a 200 poll answer (ones without an integer id or a text body are skipped)."""
    try:
        data = json.loads(reply.body)
    except ValueError:
        data = None
    raw = data.get("events") if isinstance(data, dict) else None
    found: list[_Event] = []
    for item in raw if isinstance(raw, list) else []:
        if (
            not isinstance(item, dict)
            or type(item.get("id")) is not int
            or not isinstance(item.get("signed_body"), str)
        ):
            continue
        headers = item.get("headers")
        headers = headers if isinstance(headers, dict) else {}
        try:
            body = json.loads(item["signed_body"])
        except ValueError:
            body = None
        task_id = body.get("id") if isinstance(body, dict) else None
        status = body.get("status") if isinstance(body, dict) else None
        found.append(
            _Event(
                item["id"],
                item["signed_body"],
                {str(k): str(v) for k, v in headers.items()},
                task_id if isinstance(task_id, str) else "",
                status if isinstance(status, str) else "",
            )
        )
    return found


def _retry_after(reply: Reply | None) -> float | None:
    if reply is None or reply.status != 429:
        return None
    value = next((v for k, v in reply.headers.items() if k.lower() == "retry-after"), "")
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if seconds > 0 else None


class Listener:
    """Receives callbacks through a listen session and forwards each to ``forward_to``.

    Use :meth:`run` (blocks until interrupted, then deletes the session), or :meth:`open`,
    :meth:`step` and :meth:`close` to drive it yourself.

    Args:
        api_key: the RunAPI key (sent as ``X-API-Key``; never printed).
        base_url: RunAPI's origin (default ``https://runapi.ai``; a trailing ``/api/v1`` is dropped).
        forward_to: the local URL events are POSTed to (``http://`` assumed without a scheme);
            ``None`` prints them only.
        callback_api_key_id: the API key whose callbacks to receive (sent as ``callback_api_key_id``;
            ``None``: the server's choice).
        transport: how HTTP is sent (default :func:`requests_transport`).
        sleep: waits that many seconds (default :func:`time.sleep`).
        random: returns a float in [0, 1), for the jitter.
        say: prints one status line (default: to stderr).
        emit: prints each event's body (``signed_body``) once handled (default: to stdout).
        ack_before_forward: acknowledge each event before forwarding it (CLI v0.8.5+: a refused
            event does not come again); default: acknowledge only after a 2xx.
        idle_wait: seconds after an empty poll (twice that after the second in a row).

    Raises:
        ValidationError: a bad ``forward_to`` (field ``"forward_to"``), ``base_url`` or empty
            ``api_key``, before any request.
    """

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str | None = None,
        forward_to: str | None = None,
        callback_api_key_id: str | None = None,
        transport: Transport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        random: Callable[[], float] = _random.random,
        say: Callable[[str], None] | None = None,
        emit: Callable[[str], None] | None = None,
        ack_before_forward: bool = False,
        idle_wait: float = IDLE_WAIT,
    ) -> None:
        import sys

        if not isinstance(api_key, str) or not api_key.strip():
            raise ValidationError("api_key is empty: pass your RunAPI key", field="api_key")
        if not idle_wait > 0:
            raise ValidationError(f"idle_wait must be a number of seconds > 0; got {idle_wait!r}", field="idle_wait")
        self._key = api_key.strip()
        self._base = _base_url(base_url or "https://runapi.ai")
        self._forward_to = normalize_forward_url(forward_to) if forward_to else None
        self._key_id = callback_api_key_id or None
        self._send = transport if transport is not None else requests_transport()
        self._sleep = sleep
        self._random = random
        self._say = say if say is not None else (lambda line: print(line, file=sys.stderr, flush=True))
        self._emit = emit if emit is not None else (lambda line: print(line, flush=True))
        self._ack_first = ack_before_forward
        self._idle_wait = float(idle_wait)
        self._token: str | None = None
        self._secret: str | None = None
        self._last_id = 0
        self._backoff = BACKOFF_FIRST
        self._empty_polls = 0

    def __repr__(self) -> str:
        return f"<Listener base_url={redact_url(self._base)!r} forward_to={self._forward_to!r}>"

    @property
    def listen_secret(self) -> str | None:
        """The base64 secret events are signed with (verify your callbacks with it); ``None`` before :meth:`open`."""
        return self._secret

    @property
    def forward_to(self) -> str | None:
        """The local URL events go to, normalized."""
        return self._forward_to

    # --- HTTP ------------------------------------------------------------------------------

    def _api(self, method: str, path: str, *, session: bool = False, body: bytes | None = None) -> Reply:
        headers = {"X-API-Key": self._key, "User-Agent": _user_agent()}
        if body is not None:
            headers["Content-Type"] = "application/json"
        if session and self._token is not None:
            headers["X-Session-Token"] = self._token
        return self._send(method, self._base + path, headers=headers, body=body, timeout=API_TIMEOUT)

    def _create(self) -> tuple[str, str, dict[str, Any]]:
        """A new session: ``(token, listen secret, callback_api_key)``.

        Raises:
            TransportError: no answer.
            ListenError: any answer but 201 (``.status`` set on it).
        """
        body = json.dumps({"callback_api_key_id": self._key_id} if self._key_id else {}).encode()
        reply = self._api("POST", "/api/v1/cli/listen_sessions", body=body)
        if reply.status != 201:
            raise ListenError(_api_error("POST listen_sessions", reply), status=reply.status)
        try:
            data = json.loads(reply.body)
        except ValueError:
            data = None
        if not isinstance(data, dict) or not isinstance(data.get("session_token"), str) or not data["session_token"]:
            raise ListenError("POST listen_sessions answered 201 without a session_token")
        secret = data.get("listen_secret")
        key = data.get("callback_api_key")
        if self._key_id and isinstance(key, dict) and key.get("id") != self._key_id:
            raise ListenError(f"listen session resolved unexpected callback API key {key.get('id')!r}")
        return data["session_token"], secret if isinstance(secret, str) else "", key if isinstance(key, dict) else {}

    def _wait(self, base: float) -> float:
        return base * (1 + (self._random() * 2 - 1) * JITTER)

    def _failed(self, message: str, reply: Reply | None = None) -> float:
        """Say a failed request; the seconds to wait before trying again (and back off further)."""
        wait = _retry_after(reply) or self._wait(self._backoff)
        self._say(f"[error] {message}, retrying in {wait:.1f}s...")
        self._backoff = min(self._backoff * 2, BACKOFF_MAX)
        return wait

    # --- the loop --------------------------------------------------------------------------

    def open(self) -> str:
        """Create the session and say the ready lines; return the listen secret.

        Raises:
            ListenError: RunAPI unreachable (the message says so and names ``base_url``), or it
                refused the session (the message has its status and error).
        """
        try:
            token, secret, key = self._create()
        except TransportError as exc:
            raise ListenError(
                f"cannot reach RunAPI at {redact_url(self._base)} ({exc}): check --base-url / RUNAPI_BASE_URL, "
                "or start a local emulator with `runapi emulator` and point --base-url at it"
            ) from None
        except ListenError as exc:
            raise ListenError(f"failed to create listen session: {exc}", status=exc.status) from None
        self._token, self._secret, self._last_id = token, secret, 0
        if key:
            self._say(f"Callback API key: {key.get('name', '')} ({key.get('id', '')}, {key.get('masked_token', '')})")
        self._say(f"Ready! Listen Signing Secret: {secret}")
        if self._forward_to is not None:
            self._say(f"Forwarding to {self._forward_to}")
        return secret

    def close(self) -> None:
        """Delete the session (best effort: a failure is ignored, the session then lapses on its own)."""
        token, self._token = self._token, None
        if token is None:
            return
        with contextlib.suppress(TransportError):
            self._send(
                "DELETE",
                f"{self._base}/api/v1/cli/listen_sessions/{token}",
                headers={"X-API-Key": self._key, "User-Agent": _user_agent()},
                body=None,
                timeout=FORWARD_TIMEOUT,
            )

    def run(self) -> None:
        """:meth:`open`, then :meth:`step` and wait, until interrupted (``KeyboardInterrupt``, re-raised
        after :meth:`close`) or a :class:`ListenError` (raised after :meth:`close`)."""
        self.open()
        try:
            while True:
                wait = self.step()
                if wait > 0:
                    self._sleep(wait)
        finally:
            self.close()

    def step(self) -> float:
        """Poll once and handle the events; return the seconds to wait before the next step.

        Raises:
            ListenError: the listener must stop (key unusable or refused, secret changed).
        """
        if self._token is None:
            raise ListenError("the listener is not open: call open() first")
        try:
            reply = self._api("GET", f"/api/v1/cli/listen_events?last_id={self._last_id}", session=True)
        except TransportError as exc:
            return self._failed(f"GET listen_events: {exc}")
        if reply.status == 404:
            return self._renew()
        self._check_terminal(reply, "GET listen_events")
        if reply.status != 200:
            return self._failed(_api_error("GET listen_events", reply), reply)
        self._backoff = BACKOFF_FIRST
        events = _events(reply)
        for event in events:
            wait = self._handle(event)
            if wait is not None:
                self._empty_polls = 0
                return wait
        if not events:
            self._empty_polls += 1
            return self._wait(self._idle_wait * (2 if self._empty_polls > 1 else 1))
        self._empty_polls = 0
        return 0.0  # a poll with events: drain on at once

    def _check_terminal(self, reply: Reply, what: str) -> None:
        if reply.status == 410:
            raise ListenError(f"callback API key is no longer usable: {_api_error(what, reply)}")
        if reply.status in (401, 403):
            raise ListenError(f"RunAPI refused the API key's listen access: {_api_error(what, reply)}")

    def _renew(self) -> float:
        """The session expired: a new one with the same secret, from ``last_id=0``; the wait before the next step."""
        self._say("[session expired] creating new session...")
        try:
            token, secret, _ = self._create()
        except TransportError as exc:
            return self._failed(f"POST listen_sessions: {exc}")
        except ListenError as exc:
            if exc.status == 404:
                raise ListenError(f"callback API key is no longer available: {exc}") from None
            if exc.status in (401, 403, 410):
                raise
            return self._failed(str(exc))
        if secret != self._secret:
            old, self._token = self._token, token
            self.close()
            self._token = old
            raise ListenError("listen signing secret changed; update the local verifier and restart the listener")
        self._token, self._last_id, self._backoff = token, 0, BACKOFF_FIRST
        return 0.0

    def _ack(self, event: _Event) -> float | None:
        """Acknowledge ``event``: ``None`` when done, else the seconds to wait before polling again."""
        try:
            reply = self._api("POST", f"/api/v1/cli/listen_events/{event.id}/ack", session=True)
        except TransportError as exc:
            self._say(f"[{event.id}] ack error: {exc}")
            return self._wait(RETRY_EVENT_WAIT)
        if reply.status == 204:
            return None
        if reply.status == 404:
            wait = self._renew()
            return wait if wait > 0 else self._wait(RETRY_EVENT_WAIT)
        self._check_terminal(reply, f"POST listen_events/{event.id}/ack")
        self._say(f"[{event.id}] ack error: {_api_error(f'POST listen_events/{event.id}/ack', reply)}")
        return _retry_after(reply) or self._wait(RETRY_EVENT_WAIT)

    def _forward(self, event: _Event) -> tuple[int, str | None]:
        """POST the event to ``forward_to``: ``(status or 0, None if 2xx else why not)``."""
        assert self._forward_to is not None
        headers = {"Content-Type": "application/json", **event.headers}
        try:
            reply = self._send(
                "POST", self._forward_to, headers=headers, body=event.signed_body.encode(), timeout=FORWARD_TIMEOUT
            )
        except TransportError as exc:
            return 0, str(exc)
        if 200 <= reply.status < 300:
            return reply.status, None
        detail = _one_line(reply.body.decode("utf-8", "replace").strip()[:_DETAIL])
        return reply.status, f"local endpoint returned {reply.status}" + (f": {detail}" if detail else "")

    def _handle(self, event: _Event) -> float | None:
        """Forward and acknowledge one event: ``None`` to go on with the next, else the wait before polling again."""
        line = f"[{event.id}] task={event.task_id} status={event.status}"
        if self._ack_first:
            wait = self._ack(event)
            if wait is not None:
                return wait
            self._last_id = event.id
        if self._forward_to is not None:
            status, error = self._forward(event)
            arrow = f"{line} → {self._forward_to}"
            if error is None:
                self._say(f"{arrow} {status}")
            else:
                code = f" {status}" if status else ""
                again = "" if self._ack_first else "; not acknowledged, it comes again"
                self._say(f"{arrow}{code} error: {error}{again}")
                if not self._ack_first:
                    return self._wait(RETRY_EVENT_WAIT)
        else:
            self._say(line)
        self._emit(event.signed_body)
        if not self._ack_first:
            wait = self._ack(event)
            if wait is not None:
                return wait
            self._last_id = event.id
        return None


def _user_agent() -> str:
    from ._version import __version__

    return f"runapi-python/{__version__} (runapi listen)"
