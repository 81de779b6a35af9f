"""Request identifiers on the emulator's answers, as RunAPI sends them (runapi-core 0.10.1 README,
"Request identifiers"):

- ``X-Client-Request-Id``: optional on any API request, "printable ASCII values up to 512
  characters"; an accepted value is echoed in the answer (:func:`stamp`) and stored with the task
  a create makes (``Emulator.tasks()[i]["client_request_id"]``). A value outside those rules is
  not accepted: it is neither echoed nor stored, and the request goes on (the README does not say
  that it is refused; this is the emulator's reading).
- ``X-RunAPI-Task-Id``: the task an answer concerns, on create (202), status (200) and direct
  (200) answers (:func:`name_task`), and on a ``server_error`` fault injected
  ``after_handling``: the task was made, only the body is lost (:func:`carry`).

Plain Werkzeug, no SDK import: the emulator stays an independent check of the client.
"""

from __future__ import annotations

from werkzeug.wrappers import Request, Response

__all__ = ["CLIENT_REQUEST_ID", "MAX_LENGTH", "TASK_ID", "carry", "client_request_id", "name_task", "stamp"]

CLIENT_REQUEST_ID = "X-Client-Request-Id"
TASK_ID = "X-RunAPI-Task-Id"
MAX_LENGTH = 512
"""The longest ``X-Client-Request-Id`` accepted, in characters."""


def client_request_id(request: Request) -> str | None:
    """The request's ``X-Client-Request-Id`` if it is accepted (1 to 512 printable ASCII characters), else ``None``."""
    value = request.headers.get(CLIENT_REQUEST_ID)
    if not value or len(value) > MAX_LENGTH or not value.isascii() or not value.isprintable():
        return None
    return value


def stamp(request: Request, response: Response | None) -> None:
    """Echo the request's accepted ``X-Client-Request-Id`` on its answer (nothing for a dropped connection)."""
    value = client_request_id(request)
    if value is not None and response is not None:
        response.headers[CLIENT_REQUEST_ID] = value


def name_task(response: Response, task_id: str) -> Response:
    """``response`` with ``X-RunAPI-Task-Id: task_id``."""
    response.headers[TASK_ID] = task_id
    return response


def carry(handled: Response | None, answer: Response) -> Response:
    """A fault's ``answer`` to a request handled for real first: it keeps the ``X-RunAPI-Task-Id``
    the real answer had (the task exists; only its body is lost)."""
    task_id = None if handled is None else handled.headers.get(TASK_ID)
    return answer if task_id is None else name_task(answer, task_id)
