"""The WSGI application: routing, auth, injected faults, the request log and the control endpoints.

API routes (docs: Overview > Authentication, Errors), all answering JSON:

- ``POST <task path>``: create, 202 ``{"id", "status": "processing"}`` (``Idempotency-Key`` honoured:
  the same body replays the task, another body answers 409);
- ``GET <task path>/{id}``: the task's status payload, 200;
- ``POST <direct path>``: 200 with the result at once, no task (``Idempotency-Key`` honoured);
- on every API answer an accepted ``X-Client-Request-Id`` is echoed, and create, status and direct
  answers name their task in ``X-RunAPI-Task-Id`` (:mod:`._request_ids`);
- ``GET /api/v1/me/balance``: 200 ``{"balance_cents", "spent_cents_today", "spent_cents_total"}``;
- ``POST /api/v1/files/from_url|from_stream|from_base64``: 201, the stored file (:mod:`._files`);
- ``/api/v1/cli/listen_secret|listen_sessions|listen_events`` (``runapi listen``, the key in
  ``X-API-Key`` or as bearer): :mod:`._listen`;
- ``GET /api/v1/me``: 200 ``{"id", "name"}`` (the docs print no answer; this one is the emulator's);
- the LLM paths under ``/v1/`` and ``/v1beta/`` (:mod:`._llm`), which also take ``x-api-key``;
- the management paths ``/api/v1/keys``, ``/api/v1/guardrails``, ``/api/v1/guardrail_assignments``
  (:mod:`._management`), which take the management key instead.

They need ``Authorization: Bearer <key>`` (else 401 ``{"error": "Unauthorized"}``): the API key (or
an enabled key created through ``/api/v1/keys``) on API paths, the management key on management
paths; neither is accepted in the other's place. Output files
(``GET /files/<task id>/<name>.png|jpg|jpeg|webp|mp3|mp4|wav``) and uploaded files
(``GET /files/uploads/<id>/<name>``) need no auth. Control endpoints under
``/_emulator/`` need no auth, are never hit by faults and are not logged.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import logging
import re
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NoReturn

from werkzeug.exceptions import ClientDisconnected
from werkzeug.wrappers import Request, Response

from . import _llm, _payloads, _pricing, _request_ids
from ._audio import AudioRoutes
from ._catalog import BY_PATH, Endpoint, validate
from ._errors import ApiError
from ._faults import Fault, FaultBook
from ._files import FileStore
from ._listen import ListenHub, with_bearer
from ._management import ME_PATH, Management
from ._media import CONTENT_TYPES, media_bytes
from ._store import Store
from ._stored import StoredFiles
from ._suno import SunoRecords
from ._task_results import TaskResults

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

__all__ = ["App", "RequestLog"]

logger = logging.getLogger("runapi.emulator")

BALANCE_PATH = "/api/v1/me/balance"
CONTROL_PREFIX = "/_emulator/"
FILES_PATH = re.compile(
    r"/files/(?P<task_id>[^/]+)/(?P<name>[A-Za-z0-9_-]+)\.(?P<ext>" + "|".join(map(re.escape, CONTENT_TYPES)) + ")"
)
REDACTED = "[REDACTED]"
_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "x-api-key", "x-goog-api-key"})


class _ConnectionDropped(ConnectionAbortedError):
    """Raised out of the WSGI app to make the server abandon the connection (``drop`` fault)."""


def _json(status: int, body: Any) -> Response:
    return Response(_payloads.encode(body), status=status, mimetype="application/json")


def _error(status: int, message: str) -> Response:
    return _json(status, {"error": message})


def _seconds(value: float) -> str:
    return format(value, "g")  # 1 -> "1", 0.5 -> "0.5"


def _json_object(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(request.get_data(cache=True))
    except ValueError:  # includes JSONDecodeError and UnicodeDecodeError
        body = None
    if not isinstance(body, dict):
        raise ApiError(400, "Invalid JSON body")
    return body


def _bearer(request: Request) -> str:
    scheme, _, key = request.headers.get("Authorization", "").partition(" ")
    return key.strip() if scheme.lower() == "bearer" else ""


def _same(key: str, expected: str | None) -> bool:
    return expected is not None and hmac.compare_digest(key.encode(), expected.encode())


def _drop(environ: WSGIEnvironment) -> NoReturn:
    """Abandon the connection without an HTTP answer; the client sees it closed or reset."""
    sock = environ.get("werkzeug.socket")
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset on close
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
    raise _ConnectionDropped("connection dropped by an injected fault")


class RequestLog:
    """The API requests received, oldest first; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[dict[str, Any]] = []

    def add(self, request: Request, status: int | None, fault: Fault | None) -> None:
        """Record one request and the status answered (``None``: the connection was dropped)."""
        multipart = request.mimetype == "multipart/form-data"  # an upload: never read into memory
        too_large = status == 413  # a body refused for its size: never read into memory either
        try:
            raw = b"" if multipart or too_large else request.get_data(cache=True)
        except ClientDisconnected:
            raw = b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:  # not JSON: logged as None
            body = None
        headers = {
            name: REDACTED if name.lower() in _SECRET_HEADERS else value for name, value in request.headers.items()
        }
        entry = {
            "method": request.method,
            "path": request.path,
            "query": request.query_string.decode("latin-1"),
            "status": status,
            "fault": fault.kind if fault else None,
            "headers": headers,
            "json": body,
            "time": time.time(),
        }
        with self._lock:
            self._entries.append(entry)

    def entries(self) -> list[dict[str, Any]]:
        """Copies of the entries (see :meth:`runapi.emulator.Emulator.requests`)."""
        with self._lock:
            return [dict(entry) for entry in self._entries]


class App:
    """The emulator's WSGI application.

    Args:
        store: tasks and account state.
        faults: the active faults.
        request_log: where API requests are recorded.
        deliveries: returns the callback delivery log (for ``GET /_emulator/deliveries``).
        api_key: the only accepted API key, or ``None`` to accept any non-empty bearer key (but the
            management key, and keys disabled through ``/api/v1/keys``).
        management_key: the only accepted management key, or ``None`` to accept any non-empty key
            but the API key on the management paths.
        stopping: set when the emulator stops; cuts ``slow`` faults short.
        files: uploaded files (:mod:`._files`); by default a store of its own on ``time.monotonic``.
        listen: the sessions and events of ``runapi listen`` (:mod:`._listen`); by default its own.
    """

    def __init__(
        self,
        *,
        store: Store,
        faults: FaultBook,
        request_log: RequestLog,
        deliveries: Callable[[], list[dict[str, Any]]],
        api_key: str | None,
        stopping: threading.Event,
        files: FileStore | None = None,
        management_key: str | None = None,
        listen: ListenHub | None = None,
    ) -> None:
        self._files = files if files is not None else FileStore(clock=time.monotonic, has_outputs=store.has_files)
        self._stored = StoredFiles()  # /v1/files, /v1/uploads, files/prepare|confirm (runapi-core 0.10.1)
        self._store = store
        self._faults = faults
        self._log = request_log
        self._deliveries = deliveries
        self._api_key = api_key
        self._management_key = management_key
        self._management = Management()
        self._stopping = stopping
        self._results = TaskResults(store)  # GET /api/v1/tasks/{id}, Prefer: respond-async (._task_results)
        self._suno = SunoRecords(store)  # GET /api/v1/personas/{id}, /api/v1/voices/{id} (._suno)
        self._listen = listen if listen is not None else ListenHub(clock=time.monotonic)  # runapi listen (._listen)
        self._audio = AudioRoutes()  # Fish Audio voices, POST /v1/audio/transcriptions (._audio)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        request = Request(environ)
        if request.path.startswith(CONTROL_PREFIX):
            return self._control(request)(environ, start_response)
        fault = self._faults.take(request.method, request.path)
        try:
            response = self._answer(request, fault)
        except ClientDisconnected:  # the client went away mid-request (a killed batch): nothing to answer
            response = _error(400, "Client disconnected")
        except Exception:
            logger.exception("emulator error on %s %s", request.method, request.path)
            response = _error(500, "Internal server error")
        _request_ids.stamp(request, response)  # echo X-Client-Request-Id (._request_ids)
        self._log.add(request, None if response is None else response.status_code, fault)
        if response is None:
            _drop(environ)
        return response(environ, start_response)

    # --- faults ---------------------------------------------------------------------------

    def _answer(self, request: Request, fault: Fault | None) -> Response | None:
        """The answer to send, after ``fault`` (``None``: drop the connection)."""
        if fault is None:
            return self._handle(request)
        if fault.kind == "slow":
            delay = 1.0 if fault.delay is None else fault.delay
            if not fault.after_handling:
                self._stopping.wait(delay)
                return self._handle(request)
            response = self._handle(request)
            self._stopping.wait(delay)
            return response
        handled = self._handle(request) if fault.after_handling else None
        if fault.kind == "drop":
            return None
        if fault.kind == "rate_limit":
            response = _error(429, "Rate limit exceeded")
            response.headers["Retry-After"] = _seconds(1 if fault.retry_after is None else fault.retry_after)
            return response
        if fault.kind == "unavailable":
            response = _error(503, "Service unavailable")
            if fault.retry_after is not None:
                response.headers["Retry-After"] = _seconds(fault.retry_after)
            return response
        return _request_ids.carry(handled, _error(500, "Internal server error"))  # keeps X-RunAPI-Task-Id

    # --- API ------------------------------------------------------------------------------

    def _handle(self, request: Request) -> Response:
        files = FILES_PATH.fullmatch(request.path)
        if files and request.method in ("GET", "HEAD"):
            return self._file(files["task_id"], files["ext"])
        upload = self._files.public(request)  # an uploaded file's download URL: no auth, like outputs
        if upload is not None:
            return upload
        if (direct := self._stored.public(request)) is not None:  # the direct upload's PUT target: no auth
            return direct
        if (priced := _pricing.answer(request)) is not None:  # price schedules and quotes: no key needed
            return priced
        if self._management.handles(request.path):
            return self._manage(request)
        if self._listen.handles(request.path):  # runapi listen's /api/v1/cli/ paths, key in X-API-Key (._listen)
            authorized = self._authorized(with_bearer(request))
            return self._listen.answer(request) if authorized else _error(401, "Unauthorized")
        route = self._route(request.method, request.path)
        if route is None:
            return _error(404, "Record does not exist")
        if not self._authorized(request):
            return _error(401, "Unauthorized")
        try:
            return route(request)
        except ApiError as exc:
            return _error(exc.status, exc.message)

    def _manage(self, request: Request) -> Response:
        """A management path: the management key only (docs: Management Keys > Authentication)."""
        handler = self._management.route(request.method, request.path)
        if handler is None:
            return _error(404, "Record does not exist")
        if not self._management_authorized(request):
            return _error(401, "Unauthorized")
        try:
            body = None
            if request.method in ("POST", "PATCH"):
                body = _json_object(request)
            status, answer = handler(request, body)
        except ApiError as exc:
            return _error(exc.status, exc.message)
        return Response(status=204) if answer is None else _json(status, answer)

    def _route(self, method: str, path: str) -> Callable[[Request], Response] | None:
        if (stored := self._stored.route(method, path)) is not None:  # persistent files, uploads (_stored)
            return stored
        upload = self._files.route(method, path)  # POST /api/v1/files/from_url|from_stream|from_base64
        if upload is not None:
            return upload
        if (result := self._results.route(method, path, self._call)) is not None:  # GET /api/v1/tasks/{id}; 202s
            return result
        if (record := self._suno.route(method, path)) is not None:  # Suno personas and voices (._suno)
            return record
        if method == "GET" and path == BALANCE_PATH:
            return lambda request: _json(200, self._store.balance())
        if method == "GET" and path == ME_PATH:
            return lambda request: _json(200, {"id": "acct_emulator", "name": "RunAPI emulator"})
        if (audio := self._audio.route(method, path)) is not None:  # voices, transcriptions (._audio)
            return audio
        if method == "POST" and path in BY_PATH:
            endpoint = BY_PATH[path]
            if endpoint.direct:
                return lambda request: self._call(endpoint, request)
            return lambda request: self._create(endpoint, request)
        parent, _, task_id = path.rpartition("/")
        if method == "GET" and parent in BY_PATH and task_id and not BY_PATH[parent].direct:
            endpoint = BY_PATH[parent]
            return lambda request: _request_ids.name_task(_json(200, self._store.status(endpoint, task_id)), task_id)
        return _llm.route(method, path)  # the SDK-compatible LLM paths, /v1/... and /v1beta/...

    def _authorized(self, request: Request) -> bool:
        """An API path: the API key, or an enabled key created through ``/api/v1/keys``; never the management key."""
        key = _bearer(request) or _llm.header_key(request)  # x-api-key (x-goog-api-key) on the LLM paths
        if not key or _same(key, self._management_key):
            return False
        created = self._management.key_state(key)
        if created is not None:
            return created
        return self._api_key is None or _same(key, self._api_key)

    def _management_authorized(self, request: Request) -> bool:
        key = _bearer(request)
        if not key:
            return False
        if self._management_key is not None:
            return _same(key, self._management_key)
        return not _same(key, self._api_key) and self._management.key_state(key) is None

    def _create(self, endpoint: Endpoint, request: Request) -> Response:
        params = _json_object(request)
        validate(endpoint, params)
        key = request.headers.get("Idempotency-Key") or None
        rid = _request_ids.client_request_id(request)
        task_id, replayed = self._store.create(endpoint, params, idempotency_key=key, client_request_id=rid)
        response = _request_ids.name_task(_json(202, {"id": task_id, "status": "processing"}), task_id)
        if replayed:
            response.headers["Idempotent-Replayed"] = "true"
        return response

    def _call(self, endpoint: Endpoint, request: Request) -> Response:
        params = _json_object(request)
        validate(endpoint, params)
        key = request.headers.get("Idempotency-Key") or None
        answer, replayed, call_id = self._store.direct(endpoint, params, idempotency_key=key)
        response = _request_ids.name_task(_json(200, answer), call_id)
        if replayed:
            response.headers["Idempotent-Replayed"] = "true"
        return response

    def _file(self, task_id: str, ext: str) -> Response:
        if not self._store.has_files(task_id):
            return _error(404, "Record does not exist")
        return Response(media_bytes(ext), status=200, mimetype=CONTENT_TYPES[ext])

    # --- control endpoints ----------------------------------------------------------------

    def _control(self, request: Request) -> Response:
        name = request.path[len(CONTROL_PREFIX) :].strip("/")
        handlers: dict[str, dict[str, Callable[[], Response]]] = {
            "faults": {
                "GET": lambda: _json(200, {"faults": self._faults.active()}),
                "POST": lambda: self._add_fault(request),
                "DELETE": lambda: _json(200, {"cleared": self._faults.clear()}),
            },
            "tasks": {"GET": lambda: _json(200, {"tasks": self._store.snapshots()})},
            "requests": {"GET": lambda: _json(200, {"requests": self._log.entries()})},
            "deliveries": {"GET": lambda: _json(200, {"deliveries": self._deliveries()})},
        }
        if name not in handlers:
            return _error(404, "Record does not exist")
        handler = handlers[name].get(request.method)
        if handler is None:
            return _error(405, "Method not allowed")
        return handler()

    def _add_fault(self, request: Request) -> Response:
        try:
            fault = Fault.from_json(_json_object(request))
        except ApiError as exc:
            return _error(exc.status, exc.message)
        except (TypeError, ValueError) as exc:
            return _error(400, str(exc))
        self._faults.add(fault)
        return _json(201, {"fault": fault.as_dict()})
