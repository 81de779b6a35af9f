"""The raw escape hatch: ``client.post(path, json=...)`` and ``client.get(path, params=...)``.

For an endpoint this SDK does not type yet (or a field it does not know), a request to any path
of the client's base URL, with everything a typed call has: the API key, the retry rules (a GET is
retried on transient failures; a POST is retried as a create is, with an ``Idempotency-Key``:
never replayed where the server may have acted, unless ``idempotent_creates``), the client's
headers (``client_request_id`` included), its timeouts, and polling. The flows are the typed
operations' own (:mod:`runapi._core.flows`): a POST with ``task=True`` *is* a create
(:func:`~runapi._core.flows.create_task`) and its wait is :func:`~runapi._core.flows.wait_task`
on ``{path}/{id}``, RunAPI's one status path. Downloads of a raw task's outputs go through the
client's ``download`` (the answer's URLs are plain links).

No I/O here: each driver (``BaseClient``, ``AsyncBaseClient``) runs these flows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

from ..errors import APIError, ValidationError, redact_url
from .flows import Call, Flow, create_task, wait_task
from .models import Task

if TYPE_CHECKING:
    from .base import APIClientBase

__all__ = ["get_flow", "post_flow", "raw_path"]

_ALLOWED_PATH = "a path on the client's base URL starting with '/', e.g. '/api/v1/me'"


def raw_path(base_url: str, path: object, params: Mapping[str, Any] | None = None) -> str:
    """``path`` (with ``params`` as its query) as a path on ``base_url``, checked.

    An absolute URL is taken only when it starts with ``base_url`` itself (its path is kept); one
    to another origin is refused, so the API key is never sent elsewhere.

    Raises:
        ValidationError: (``field`` ``"path"``) not a string, not starting with ``/`` (or
            ``//``: another host), an absolute URL to another origin, a ``..`` segment, a
            fragment, a space, a backslash or a control character; (``"params"``) a query that
            is not a mapping of names to strings, numbers or lists of them.
    """
    if not isinstance(path, str):
        raise ValidationError(f"path must be {_ALLOWED_PATH}; got {path!r}", field="path", allowed=_ALLOWED_PATH)
    if "://" in path.split("?", 1)[0]:
        if not (path == base_url or path.startswith(base_url + "/") or path.startswith(base_url + "?")):
            origin = urlsplit(base_url)
            raise ValidationError(
                f"path must be {_ALLOWED_PATH}; got {redact_url(path)!r}, a URL outside the base URL "
                f"{origin.scheme}://{origin.netloc.rpartition('@')[2]} (the API key is sent only there)",
                field="path",
                allowed=_ALLOWED_PATH,
            )
        path = path[len(base_url) :] or "/"
    unsafe = next((c for c in path if c.isspace() or not c.isprintable() or c in "\\#"), None)
    segments = path.split("?", 1)[0].split("/")
    if not path.startswith("/") or path.startswith("//") or unsafe is not None or ".." in segments:
        what = f" (it holds {unsafe!r})" if unsafe is not None else ""
        raise ValidationError(
            f"path must be {_ALLOWED_PATH}; got {redact_url(path)!r}{what}", field="path", allowed=_ALLOWED_PATH
        )
    if params:
        path += ("&" if "?" in path else "?") + _query(params)
    return path


def _query(params: Mapping[str, Any]) -> str:
    allowed = "a mapping of names to strings, numbers, booleans or lists of them"
    if not isinstance(params, Mapping) or not all(isinstance(name, str) for name in params):
        raise ValidationError(f"params must be {allowed}; got {params!r}", field="params", allowed=allowed)
    pairs: list[tuple[str, str]] = []
    for name, value in params.items():
        values = value if isinstance(value, Sequence) and not isinstance(value, str | bytes) else [value]
        for item in values:
            if item is None:
                continue
            if not isinstance(item, str | int | float | bool):
                raise ValidationError(f"params[{name!r}] must be {allowed}; got {item!r}", field="params")
            pairs.append((name, ("true" if item else "false") if isinstance(item, bool) else str(item)))
    return urlencode(pairs)


def post_flow(
    client: APIClientBase,
    path: str,
    body: Mapping[str, Any] | None,
    key: str,
    *,
    task: bool,
    wait: bool,
) -> Flow[Any]:
    """POST ``body`` to ``path``: the decoded answer, or (``task``) the created :class:`Task`, or
    (``wait``) that task once completed.

    ``path`` must be checked already (:func:`raw_path`). Errors carry ``idempotency_key`` and
    ``task_may_exist`` as a typed create's do.
    """
    sent = {} if body is None else dict(body)
    if task:
        created: Task = yield from create_task(path, sent, Task, key)
        if not wait:
            return created
        base = path.split("?", 1)[0]
        policy = client.poll_policy
        return (yield from wait_task(base, created.id, Task, policy, client._clock, just_created=True))
    try:
        reply = yield Call("POST", path, sent, key)
    except APIError as exc:
        from ..errors import outcome_unknown

        exc.idempotency_key = key
        exc.task_may_exist = outcome_unknown(exc)
        raise
    return reply.data


def get_flow(path: str) -> Flow[Any]:
    """GET ``path`` (checked already, :func:`raw_path`); the decoded JSON answer (``None`` for an empty one)."""
    reply = yield Call("GET", path)
    return reply.data


def check_body(body: object) -> Mapping[str, Any] | None:
    """A raw POST's ``json``: a mapping with string keys (a JSON object), or ``None`` for ``{}``.

    Raises:
        ValidationError: (``field`` ``"json"``) anything else.
    """
    if body is None:
        return None
    if not isinstance(body, Mapping) or not all(isinstance(name, str) for name in body):
        raise ValidationError(
            f"json must be a JSON object (a mapping with string keys); got {type(body).__name__}",
            field="json",
            allowed="a mapping with string keys",
        )
    return body
