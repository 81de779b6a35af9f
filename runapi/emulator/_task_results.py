"""Task results: ``GET /api/v1/tasks/{id}``, and direct calls answered ``202`` + ``Location`` on request.

The shape is runapi-core 0.10.1's ``TaskResult``: ``{"id", "status", "error"?, "response"?}``,
``status`` one of ``pending``, ``processing``, ``completed``, ``failed``, and once the task ended
``response`` = ``{"status", "content_type", "headers", "body"}``, the answer it stored.

- Every task the emulator holds has one: a task endpoint's task (each GET counts as a status poll,
  so it moves through its life cycle as ``GET <task path>/{id}`` does; its stored answer, once it
  ended, is its final status payload: ``200 application/json``), and every direct call (its
  answer at once: ``200 application/json``, the direct answer as the body; a failed-shaped answer
  makes the result ``failed``).
- A direct call sent with ``Prefer: respond-async`` (RFC 7240) is answered ``202 Accepted``,
  ``{"id", "status": "processing"}``, with ``Location: <emulator>/api/v1/tasks/{id}`` and
  ``Retry-After: 1``, as RunAPI's hybrid endpoints may answer (runapi-core 0.10.1
  ``_run_hybrid``). Its result is ``processing`` on the first GET and ended from the second: so an
  app (or ``Client(default_headers={"Prefer": "respond-async"})``) exercises the follow path and
  one poll. This switch is the emulator's; RunAPI decides by itself when to answer 202.

Independent of the SDK: this module imports nothing from ``runapi._core``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from werkzeug.wrappers import Request, Response

from . import _payloads, _request_ids
from ._catalog import BY_PATH, Endpoint, validate
from ._errors import ApiError
from ._store import Store

__all__ = ["TASKS_PATH", "TaskResults"]

TASKS_PATH = "/api/v1/tasks"
ACCEPTED_RETRY_AFTER = "1"
"""Seconds the ``202`` answer (and a ``processing`` result) asks the client to wait before polling."""

Handler = Callable[[Request], Response]


def _json(status: int, body: Any) -> Response:
    return Response(_payloads.encode(body), status=status, mimetype="application/json")


def respond_async(request: Request) -> bool:
    """Whether the request's ``Prefer`` header asks for ``respond-async`` (RFC 7240; case-insensitive)."""
    for value in request.headers.getlist("Prefer"):
        for preference in value.split(","):
            if preference.split(";", 1)[0].split("=", 1)[0].strip().lower() == "respond-async":
                return True
    return False


def _stored(body: Any) -> dict[str, Any]:
    return {"status": 200, "content_type": "application/json", "headers": {}, "body": body}


def _ended(task_id: str, answer: dict[str, Any]) -> dict[str, Any]:
    """The result of a call or task that ended with ``answer`` (a direct answer or a final status payload)."""
    if answer.get("status") == "failed":
        error = answer.get("error")
        reason = error if isinstance(error, str) else None
        return {"id": task_id, "status": "failed", "error": reason, "response": _stored(answer)}
    return {"id": task_id, "status": "completed", "response": _stored(answer)}


class TaskResults:
    """``GET /api/v1/tasks/{id}`` and the ``respond-async`` answer of direct calls, on the store's tasks.

    Args:
        store: the emulator's tasks and direct calls.
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._accepted: dict[str, int] = {}  # direct calls answered 202 -> GETs of their result so far

    def route(self, method: str, path: str, call: Callable[[Endpoint, Request], Response]) -> Handler | None:
        """The handler of ``GET /api/v1/tasks/{id}``, or of a direct ``POST`` (``call`` unless
        ``Prefer: respond-async``); ``None`` for any other request."""
        if method == "POST" and path in BY_PATH and BY_PATH[path].direct:
            endpoint = BY_PATH[path]
            return lambda request: (
                self._accept(endpoint, request) if respond_async(request) else call(endpoint, request)
            )
        parent, _, task_id = path.rpartition("/")
        if method == "GET" and parent == TASKS_PATH and task_id:
            return lambda request: _request_ids.name_task(self._result(task_id), task_id)
        return None

    def _accept(self, endpoint: Endpoint, request: Request) -> Response:
        try:
            params = json.loads(request.get_data(cache=True))
        except ValueError:
            params = None
        if not isinstance(params, dict):
            raise ApiError(400, "Invalid JSON body")
        validate(endpoint, params)
        key = request.headers.get("Idempotency-Key") or None
        _, replayed, call_id = self._store.direct(endpoint, params, idempotency_key=key)
        with self._lock:
            self._accepted.setdefault(call_id, 0)
        response = _json(202, {"id": call_id, "status": "processing"})
        response.headers["Location"] = request.host_url.rstrip("/") + f"{TASKS_PATH}/{quote(call_id, safe='')}"
        response.headers["Retry-After"] = ACCEPTED_RETRY_AFTER
        _request_ids.name_task(response, call_id)
        if replayed:
            response.headers["Idempotent-Replayed"] = "true"
        return response

    def _result(self, task_id: str) -> Response:
        answer = self._store.answer_of(task_id)
        if answer is not None:  # a direct call's
            with self._lock:
                polls = self._accepted.get(task_id)
                if polls is not None:
                    self._accepted[task_id] = polls + 1
            if polls == 0:  # an accepted call's first GET: not ended yet
                response = _json(200, {"id": task_id, "status": "processing"})
                response.headers["Retry-After"] = ACCEPTED_RETRY_AFTER
                return response
            return _json(200, _ended(task_id, answer))
        path = self._store.path_of(task_id)
        if path is None:
            raise ApiError(404, "Task not found")
        payload = self._store.status(BY_PATH[path], task_id)  # counts as a poll
        if payload.get("status") in ("completed", "failed"):
            return _json(200, _ended(task_id, payload))
        return _json(200, {"id": task_id, "status": payload.get("status") or "processing"})
