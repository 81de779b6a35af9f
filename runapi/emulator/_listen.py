"""The listen protocol of ``runapi listen`` (local webhook testing), served by the emulator.

Facts from the official CLI (public repository ``runapi-ai/cli``, ``cmd/runapi/listen.go``) and the
docs (Callbacks > Local webhook testing). Every path takes the API key in ``X-API-Key`` (the CLI's
header; ``Authorization: Bearer`` works too) and answers JSON:

- ``GET /api/v1/cli/listen_secret``: 200 ``{"listen_secret", "callback_api_key"}``;
  ``PATCH`` rotates it (a new secret; every session ends);
- ``POST /api/v1/cli/listen_sessions`` (JSON body, optional ``callback_api_key_id``): 201
  ``{"session_token", "listen_secret", "callback_api_key": {"id", "name", "masked_token"}}``;
- ``DELETE /api/v1/cli/listen_sessions/{token}``: 204 (404: no such session);
- ``GET /api/v1/cli/listen_events?last_id=N`` with ``X-Session-Token``: 200 ``{"events": [{"id",
  "signed_body", "headers"}]}``, the unacknowledged events with an id above ``N``, oldest first
  (at most :data:`PAGE`); 404 when the session is unknown or expired;
- ``POST /api/v1/cli/listen_events/{id}/ack`` with ``X-Session-Token``: 204 (acknowledging twice
  is no error); 404 for an unknown session or event.

Events: each callback stage a task reaches while at least one session is live (docs' routing
rules: with no listener running the callback is dropped, not queued). Since CLI v0.3.0 the
official listener is also sent the callbacks of tasks *with* a ``callback_url`` ("Tasks with a
callback_url are also copied to the listener while still being delivered to that URL"; the older
docs route only tasks without one): newest wins, so every task's callbacks become events. An
event stays until acknowledged: an unacknowledged one comes again on the next poll that asks
from below its id (a CLI that did not move ``last_id`` past it, or a new session, which starts at
``last_id=0``). ``signed_body`` is the callback body (JSON text) and ``headers`` its
``X-Callback-Id`` (the same on every delivery of one event), ``X-Callback-Timestamp`` and
``X-Callback-Signature``, signed with the listen secret as callbacks are signed with the callback
secret, afresh on each poll (so a redelivery's timestamp is current).

Readings where the sources are silent (the emulator's): a session lapses after
:data:`SESSION_IDLE` seconds of the emulator's clock without a poll or an acknowledgement; the
events belong to the emulator (one account), whichever API key is used; ``callback_api_key`` echoes
the ``callback_api_key_id`` asked for (else ``"key_emulator"``) and masks the key used (its last 4 characters).
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from werkzeug.wrappers import Request, Response

from ..webhooks._signing import sign

__all__ = ["PAGE", "SESSION_IDLE", "ListenHub", "with_bearer"]

PREFIX = "/api/v1/cli/"
SECRET_PATH = "/api/v1/cli/listen_secret"
SESSIONS_PATH = "/api/v1/cli/listen_sessions"
EVENTS_PATH = "/api/v1/cli/listen_events"
_SESSION = re.compile(r"/api/v1/cli/listen_sessions/(?P<token>[^/]+)")
_ACK = re.compile(r"/api/v1/cli/listen_events/(?P<id>[0-9]{1,18})/ack")

SESSION_IDLE = 120.0
"""Seconds (emulator clock) a listen session lives after its last poll or acknowledgement (a reading:
the official listener polls at least every 33 seconds while idle)."""

PAGE = 100
"""The most events one poll answers (a reading)."""


def _json(status: int, body: Any) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), status=status, mimetype="application/json")


def _error(status: int, message: str) -> Response:
    return _json(status, {"error": message})


def _new_secret() -> str:
    return base64.b64encode(os.urandom(24)).decode("ascii")


def _masked(key: str) -> str:
    """The key as the platform shows a key: a few characters of each end, never the whole key."""
    return f"••••••••{key[-4:]}" if len(key) >= 16 else "••••••••"


def with_bearer(request: Request) -> Request:
    """``request`` with its ``X-API-Key`` (the CLI's header) as ``Authorization: Bearer``, for the app's key check."""
    key = request.headers.get("X-API-Key", "").strip()
    if not key:
        return request
    return Request(dict(request.environ, HTTP_AUTHORIZATION=f"Bearer {key}"))


@dataclass
class _Event:
    id: int
    task_id: str
    stage: str
    body: bytes
    callback_id: str


class ListenHub:
    """Listen sessions, the listen secret and the events of ``runapi listen``; thread-safe.

    Args:
        clock: monotonic seconds; sessions lapse :data:`SESSION_IDLE` of them after their last use.
        secret: the base64 listen secret; ``None`` generates one (24 random bytes).
    """

    def __init__(self, *, clock: Callable[[], float], secret: str | None = None) -> None:
        self._clock = clock
        self._secret = secret or _new_secret()
        self._lock = threading.Lock()
        self._sessions: dict[str, float] = {}  # token -> clock of its last use
        self._events: dict[int, _Event] = {}  # unacknowledged, oldest first
        self._ids = itertools.count(1)

    @property
    def secret(self) -> str:
        """The base64 secret events are signed with."""
        with self._lock:
            return self._secret

    def publish(self, task_id: str, stage: str, body: bytes) -> bool:
        """A task reached a callback stage: an event if a session is live (``True``), else dropped."""
        with self._lock:
            if not self._live_tokens():
                return False
            event = _Event(next(self._ids), task_id, stage, body, callback_id=f"cb_{secrets.token_hex(12)}")
            self._events[event.id] = event
            return True

    def snapshot(self) -> dict[str, Any]:
        """``{"sessions": <live session count>, "events": [{"id", "task_id", "stage"}, ...]}`` (unacknowledged)."""
        with self._lock:
            return {
                "sessions": len(self._live_tokens()),
                "events": [{"id": e.id, "task_id": e.task_id, "stage": e.stage} for e in self._events.values()],
            }

    # --- HTTP -----------------------------------------------------------------------------

    def handles(self, path: str) -> bool:
        """Whether ``path`` is one of the listen paths (the app checks the key, then calls :meth:`answer`)."""
        return path.startswith(PREFIX)

    def answer(self, request: Request) -> Response:
        """Answer an authorized request on a listen path."""
        method, path = request.method, request.path
        if path == SECRET_PATH and method in ("GET", "PATCH"):
            return self._secret_answer(request, rotate=method == "PATCH")
        if path == SESSIONS_PATH and method == "POST":
            return self._create(request)
        session = _SESSION.fullmatch(path)
        if session and method == "DELETE":
            with self._lock:
                known = self._sessions.pop(session["token"], None) is not None
            return Response(status=204) if known else _error(404, "Listen session not found")
        if path == EVENTS_PATH and method == "GET":
            return self._poll(request)
        ack = _ACK.fullmatch(path)
        if ack and method == "POST":
            return self._ack(request, int(ack["id"]))
        return _error(404, "Record does not exist")

    def _key(self, request: Request, wanted: str | None) -> dict[str, str]:
        key = request.headers.get("X-API-Key", "").strip()
        if not key:
            key = request.headers.get("Authorization", "").partition(" ")[2].strip()
        return {"id": wanted or "key_emulator", "name": "RunAPI emulator key", "masked_token": _masked(key)}

    def _secret_answer(self, request: Request, *, rotate: bool) -> Response:
        with self._lock:
            if rotate:
                self._secret = _new_secret()
                self._sessions.clear()  # rotation ends every listener (CLI v0.4.1: "invalidate its listeners")
            secret = self._secret
        wanted = request.args.get("callback_api_key_id") or None
        return _json(200, {"listen_secret": secret, "callback_api_key": self._key(request, wanted)})

    def _create(self, request: Request) -> Response:
        raw = request.get_data(cache=True)
        try:
            body = json.loads(raw) if raw.strip() else {}
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return _error(400, "Invalid JSON body")
        wanted = body.get("callback_api_key_id")
        if wanted is not None and not isinstance(wanted, str):
            return _error(422, "callback_api_key_id must be a string")
        token = f"ls_{secrets.token_hex(16)}"
        with self._lock:
            self._sessions[token] = self._clock()
            secret = self._secret
        answer = {"session_token": token, "listen_secret": secret, "callback_api_key": self._key(request, wanted)}
        return _json(201, answer)

    def _live_tokens(self) -> list[str]:
        """Tokens of the live sessions; lapsed ones are forgotten (``self._lock`` held)."""
        now = self._clock()
        for token in [t for t, used in self._sessions.items() if now - used > SESSION_IDLE]:
            del self._sessions[token]
        return list(self._sessions)

    def _touch(self, request: Request) -> bool:
        """Whether the request's ``X-Session-Token`` names a live session, which it keeps alive (lock held)."""
        token = request.headers.get("X-Session-Token", "").strip()
        if token not in self._live_tokens():
            return False
        self._sessions[token] = self._clock()
        return True

    def _poll(self, request: Request) -> Response:
        try:
            last_id = int(request.args.get("last_id", "0"))
        except ValueError:
            return _error(422, "last_id must be an integer")
        with self._lock:
            if not self._touch(request):
                return _error(404, "Listen session not found")
            due = [event for event in self._events.values() if event.id > last_id][:PAGE]
            secret = self._secret
        events = [
            {
                "id": event.id,
                "signed_body": event.body.decode("utf-8"),
                "headers": sign(event.body, secret, callback_id=event.callback_id),
            }
            for event in due
        ]
        return _json(200, {"events": events})

    def _ack(self, request: Request, event_id: int) -> Response:
        with self._lock:
            if not self._touch(request):
                return _error(404, "Listen session not found")
            if event_id >= self._peek_next():
                return _error(404, "Listen event not found")
            self._events.pop(event_id, None)  # acknowledged twice: still 204
        return Response(status=204)

    def _peek_next(self) -> int:
        """The id the next event will get (lock held)."""
        following = next(self._ids)
        self._ids = itertools.count(following)
        return following


ONLY = "runapi-listen:"
"""The store's ``forward_to`` when the emulator has none: the stages of a task without a ``callback_url``
still reach :func:`on_stages` (for :meth:`ListenHub.publish`), and no callback is POSTed for them."""


def on_stages(
    enqueue: Callable[[str, str, str, bytes], None], hub: ListenHub
) -> Callable[[str, str, str, bytes], None]:
    """The store's ``on_stage``: POST the callback (unless its URL is :data:`ONLY`), and make it a listen event."""

    def on_stage(task_id: str, url: str, stage: str, body: bytes) -> None:
        if url != ONLY:
            enqueue(task_id, url, stage, body)
        hub.publish(task_id, stage, body)

    return on_stage
