"""The blocking client: :class:`ClientCore` (the driver, on ``requests``) and :class:`BaseClient` (the API key).

A peer of :mod:`runapi._core.async_client`, of the same shape: both build on the no-I/O half in
:mod:`runapi._core.base` (settings applied, request building, status -> error, download targets)
and neither imports the other. Here only what blocks: the transport, the driver loop
(:meth:`ClientCore._run`), and the calls of :class:`BaseClient`. It names no model family:
``runapi.Client`` (``runapi/_client.py``) adds one lazily imported attribute per family.

The public constructor (:class:`BaseClient`, hence ``runapi.Client``) writes out every keyword
argument, because users, ``help()`` and type checkers read them there; it hands them once to
:meth:`ClientSettings.build`, and the layers below take that one value (see
:mod:`runapi._core.settings`). The names of :mod:`runapi._core.base` and
:mod:`runapi._core.settings` listed in ``__all__`` stay importable from here.
"""

from __future__ import annotations

import logging
import os
import platform
import sys
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

import requests

from .._version import __version__
from ..errors import APIError
from .base import Account, APIClientBase, Balance, ClientBase, document_calls, logger
from .families import FamilyAttribute
from .flows import Call, Flow, Reply, Sleep
from .models import Task
from .options import RequestOptions
from .retry import with_retries
from .settings import API_KEY, DEFAULT_BASE_URL, DEFAULT_MAX_CONNECTIONS, DEFAULT_TIMEOUT, ClientSettings, Credential
from .transport import Request, RequestsTransport, Response, Timeout

if TYPE_CHECKING:
    from pathlib import Path

    from .download import Download
    from .files import Files
    from .pricing import Pricing
    from .tasks import Tasks
    from .uploads import Uploads

__all__ = [
    "API_KEY",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_CONNECTIONS",
    "DEFAULT_TIMEOUT",
    "USER_AGENT",
    "Account",
    "Balance",
    "BaseClient",
    "ClientBase",
    "ClientCore",
    "ClientSettings",
    "Credential",
    "RequestOptions",
    "Timeout",
]

if sys.version_info >= (3, 11):
    from typing import Self
else:  # pragma: no cover - Python 3.10
    from typing_extensions import Self

T = TypeVar("T")

USER_AGENT = f"runapi-python/{__version__} (Python {platform.python_version()}; requests {requests.__version__})"
"""Sent with every request, so RunAPI can tell this SDK and its version apart."""


class ClientCore(ClientBase):
    """A client's blocking driver: ``requests`` for the transport, ``time.sleep`` between polls.

    :class:`BaseClient` (the API key: model families, files, balance) and
    :class:`runapi.ManagementClient` (the management key: API keys and guardrails) are this plus
    their endpoints.
    """

    is_async = False
    user_agent = USER_AGENT

    def __init__(self, settings: ClientSettings, session: requests.Session | None = None) -> None:
        self._configure(settings)
        self._sleep: Callable[[float], None] = settings.sleep
        self._transport = RequestsTransport(session, max_connections=settings.max_connections)

    def close(self) -> None:
        """Release pooled connections (a session passed in by you is left open)."""
        self._transport.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- the driver ---------------------------------------------------------------------------

    def _run(self, flow: Flow[T], options: RequestOptions) -> T:
        """Perform a flow's effects: send each Call (with retries) and sleep each Sleep.

        A call that fails for good is thrown into the flow, which decides (e.g. ``wait`` polls on
        through transient errors) and annotates what it raises with its task id.
        """
        try:
            effect = next(flow)
            while True:
                if isinstance(effect, Sleep):
                    self._sleep(effect.seconds)
                    effect = flow.send(None)
                    continue
                try:
                    reply = self._send(effect, options)
                except APIError as exc:
                    effect = flow.throw(exc.with_traceback(None))  # no retry-machinery frames for users
                else:
                    effect = flow.send(reply)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]
        finally:
            flow.close()

    def _send(self, call: Call, options: RequestOptions) -> Reply:
        built = self._build(call, options)
        try:
            response = with_retries(
                self._attempt,
                built,
                self._policy(call, built, options),
                idempotent=call.idempotent,
                sleep=self._sleep,
                what=call,
                random=self._random,
            )
        except APIError as exc:
            raise exc.with_traceback(None) from exc.__cause__
        return self._reply(response, built, call.raw)

    def _attempt(self, built: Request) -> Response:
        started = time.monotonic() if logger.isEnabledFor(logging.DEBUG) else None
        return self._checked(self._transport.send(built), built, started)


class BaseClient(APIClientBase, ClientCore):
    """A RunAPI client without families: auth, retries, task polling, balance and downloads.

    ``runapi.Client`` is this plus one attribute per model family; use that.

    One client holds one connection pool; share it across threads and requests (e.g. one per
    Django process). Use it as a context manager, or call :meth:`close`, to release connections.

    ``client.files`` uploads files (``from_url``, ``from_stream``, ``from_base64``; docs: File
    Upload). A create parameter typed as a URL (``HttpUrl``) also takes a local ``pathlib.Path``:
    the file is uploaded first (``files.from_stream``) and its ``download_url`` sent instead. A
    file larger than an upload may hold (10 MB, 10,485,760 bytes) or than its parameter's
    documented limit is refused with a ``ValidationError`` before anything is sent.

    A client is not copied or pickled: ``copy.copy``, ``copy.deepcopy`` and ``pickle.dumps`` raise
    ``TypeError`` (it holds a connection pool and the key). ``with_options()`` makes a copy that
    shares the pool; another process (a worker) makes its own client.

    Args:
        api_key: the API key; defaults to ``RUNAPI_API_KEY``. Never logged or shown in reprs.
        base_url: defaults to ``RUNAPI_BASE_URL``, else ``https://runapi.ai``. The docs' form
            ``https://runapi.ai/api/v1`` is accepted too (the ``/api/v1`` is part of every path,
            so it is stripped). Point it at ``runapi.emulator`` to test without spending credits.
            Spaces or control characters inside it are refused. A password in it
            (``https://user:secret@host``) is shown as ``user:***`` in ``repr(client)``, in
            errors (``APIError.url`` and messages) and in logs.
        timeout: seconds; a float sets connect and read, or pass ``(connect, read)`` or
            :class:`runapi.Timeout` (default 10 s connect, 60 s read).
        max_retries: retries after a failed attempt (default 2). See ``runapi._core.retry`` for
            what is retried.
        idempotent_creates: re-send a create (task creates and direct calls) whose outcome is
            unknown (a 5xx, a read timeout, a dropped connection) with its ``Idempotency-Key``,
            like a status call (default ``True``): RunAPI de-duplicates creates by that key and
            answers the task it made (runapi-core 0.10.1 README; the older docs did not promise
            it, and the newer source wins). ``False`` never replays a create where the server may
            have started a task: the error says ``task_may_exist`` instead. File uploads are never
            replayed either way.
        wait_timeout: default deadline of ``wait()``/``run()``, seconds (900).
        poll_interval: a fixed poll schedule: the first gap, seconds, growing 1.5x per poll. By
            default (``None``) each operation shapes its polls around how long its tasks take
            (an image: 10-30 s): a task is noticed within 1.25x its run time in that window,
            with at most 12 polls for any task under 10 minutes.
        max_poll_interval: cap on the gap between polls, seconds (15 with ``poll_interval``,
            else 120).
        default_headers: headers sent with every API request.
        session: a ``requests.Session`` of your own (proxies, certificates); not closed by us.
        max_connections: pooled connections per host for the default session (100). One client
            is meant to be shared by many threads; beyond this many at once, threads wait for a
            free connection rather than opening and discarding extra ones.
        sleep: how to wait, ``time.sleep`` by default (tests pass a fake: nothing sleeps for real).
        clock: monotonic seconds for poll deadlines, ``time.monotonic`` by default.
        strict: refuse a model id or enum value this SDK does not know (``ValidationError``, before
            any request). By default (``False``) such a value is sent as given, with a
            :class:`runapi.UnknownValueWarning` once per field and value, so models RunAPI added
            after this release work at once; types and shapes are checked either way.
        client_request_id: an ``X-Client-Request-Id`` sent with every API request of this client
            (1 to 512 printable ASCII characters, checked here): RunAPI echoes it in each answer
            (``result.response_headers``) and stores it with the task, for support and
            reconciliation (runapi-core 0.10.1 README). One per call:
            ``client.suno.text_to_music.with_options(client_request_id="order-42")``.

    Raises:
        MissingAPIKeyError: no ``api_key`` and no ``RUNAPI_API_KEY``.
        ValidationError: an option is out of range or of the wrong type (a negative
            ``max_retries``, ``timeout='abc'``, ``poll_interval=0``, a NaN, a ``base_url`` with a
            space or a line break, ...), naming the option; or the API key holds characters no
            HTTP header can carry (the message never shows the key).
    """

    files: FamilyAttribute[Files[BaseClient]] = FamilyAttribute("runapi._core.files", "Files")
    """File uploads (docs: File Upload): ``from_url``, ``from_stream`` (streamed multipart), ``from_base64``."""
    tasks: FamilyAttribute[Tasks] = FamilyAttribute("runapi._core.tasks", "Tasks")
    """Stored task results (``GET /api/v1/tasks/{id}``): ``get``, ``wait``, ``subscribe(location)``."""
    uploads: FamilyAttribute[Uploads[BaseClient]] = FamilyAttribute("runapi._core.uploads", "Uploads")
    """Multipart uploads (``/v1/uploads``, runapi-core 0.10.1): ``create``, ``add_part``, ``complete``, ``upload``."""

    @property
    def pricing(self) -> Pricing:
        """Live pricing (runapi-core 0.10.1): ``schedules(...)`` and ``quote(...)``; see :class:`runapi.Pricing`.

        One per client, made on first use; it remembers each schedule's ``ETag`` (see ``schedules``).
        """
        found: Pricing | None = self.__dict__.get("_pricing")
        if found is None:
            from .pricing import Pricing

            found = self.__dict__["_pricing"] = Pricing(self)
        return found

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        timeout: Timeout | float | tuple[float, float] = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        idempotent_creates: bool = True,
        wait_timeout: float = 900.0,
        poll_interval: float | None = None,
        max_poll_interval: float | None = None,
        default_headers: Mapping[str, str] | None = None,
        session: requests.Session | None = None,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        strict: bool = False,
        client_request_id: str | None = None,
    ) -> None:
        settings = ClientSettings.build(
            self.credential,
            api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            idempotent_creates=idempotent_creates,
            wait_timeout=wait_timeout,
            poll_interval=poll_interval,
            max_poll_interval=max_poll_interval,
            default_headers=default_headers,
            max_connections=max_connections,
            sleep=sleep,
            clock=clock,
            strict=strict,
            client_request_id=client_request_id,
        )
        super().__init__(settings, session)

    # -- account and files ----------------------------------------------------------------------

    def get_balance(self) -> Balance:
        """Return the account balance (``GET /api/v1/me/balance``; docs: Common > Get Balance)."""
        return self._run(self._balance_flow(), RequestOptions())

    def get_account(self) -> Account:
        """Return the account the API key belongs to (``GET /api/v1/me``; see :class:`Account`)."""
        return self._run(self._account_flow(), RequestOptions())

    def download(self, url: str, path: str | os.PathLike[str], *, overwrite: bool = False) -> Download:
        """Download one output file (``audio_url``, ``images[].url``, ``videos[].url``) to disk."""
        return self._download(url, self._download_target(url, path, overwrite), overwrite=overwrite)

    def download_outputs(
        self, task: Task, folder: str | os.PathLike[str], *, overwrite: bool = False, name: str | None = None
    ) -> list[Download]:
        """Download every output of ``task`` (its :attr:`~runapi.Task.output_urls`) into ``folder``."""
        targets = self._output_targets(task, folder, overwrite, name)
        return [self._download(url, target, overwrite=overwrite) for url, target in targets]

    def _download(
        self,
        url: str,
        dest: Path | Callable[[str | None], Path],
        *,
        overwrite: bool,
        headers: Mapping[str, str] | None = None,
    ) -> Download:
        """Stream one file with retries (no API key, only the User-Agent, unless ``headers`` say otherwise)."""
        sent = {"User-Agent": self.user_agent} if headers is None else headers
        try:
            done = with_retries(
                lambda target: self._transport.download(
                    url, target, timeout=self.timeout, headers=sent, overwrite=overwrite
                ),
                dest,
                self.retry_policy,
                idempotent=True,
                sleep=self._sleep,
                what=f"GET {url}",
                random=self._random,
            )
        except APIError as exc:
            raise exc.with_traceback(None) from exc.__cause__  # no retry-machinery frames for users
        logger.debug("downloaded %s -> %s (%d bytes)", url, done.path, done.bytes_written)
        return done

    # -- raw requests: any path of the base URL ---------------------------------------------------

    @overload
    def post(
        self,
        path: str,
        *,
        json: Mapping[str, Any] | None = None,
        task: Literal[False] = False,
        idempotency_key: str | None = None,
    ) -> Any: ...

    @overload
    def post(
        self,
        path: str,
        *,
        json: Mapping[str, Any] | None = None,
        task: Literal[True],
        wait: bool = False,
        idempotency_key: str | None = None,
    ) -> Task: ...

    def post(
        self,
        path: str,
        *,
        json: Mapping[str, Any] | None = None,
        task: bool = False,
        wait: bool = False,
        idempotency_key: str | None = None,
    ) -> Any:
        """POST ``json`` to any path of the base URL: for endpoints or fields newer than this SDK.

        The request is a typed call's: the API key, the client's headers and timeouts, an
        ``Idempotency-Key`` (yours, else a new one reused on every retry) and the create retry
        rules (never replayed where the server may have acted, unless ``idempotent_creates``).
        ``json`` is sent as given, unchecked.

        Args:
            path: ``"/api/v1/<service>/<action>"``; an absolute URL only if it starts with the
                client's ``base_url``.
            json: the JSON object to send (``{}`` when ``None``).
            task: the endpoint creates a task (202 ``{"id", "status"}``): return a
                :class:`runapi.Task` (the whole answer on ``.raw``) instead of the decoded JSON.
            wait: with ``task``, poll ``{path}/{id}`` (the client's poll settings) and return the
                completed task; its outputs' URLs are on ``.raw`` for ``client.download``.
            idempotency_key: this create's key (reused for other JSON, it is refused).

        Returns:
            The decoded JSON answer (``None`` if empty), or the :class:`runapi.Task`.

        Raises:
            ValidationError: a path outside the base URL, ``json`` not a mapping, or ``wait``
                without ``task``; before any request.
            APIStatusError: a non-2xx answer (``.idempotency_key``, ``.task_may_exist``).
            APIConnectionError: no answer.
            TaskFailedError, TaskTimeoutError: with ``wait``, as ``run()`` raises them.
        """
        return self._run(*self._raw_post(path, json, task, wait, idempotency_key))

    def get(self, path: str, *, params: Mapping[str, Any] | None = None) -> Any:
        """GET any path of the base URL (``params`` as its query); return the decoded JSON.

        Sent with the API key and the client's headers, retried as every GET is (transient
        failures, 408/429/5xx). ``params`` values are strings, numbers, booleans (``true``/
        ``false``) or lists of them (the name repeated); ``None`` values are left out.

        Raises:
            ValidationError: a path outside the base URL, or ``params`` of another shape.
            APIStatusError: a non-2xx answer, after retries.
            APIConnectionError: no answer.
        """
        from .raw import get_flow, raw_path

        return self._run(get_flow(raw_path(self.base_url, path, params)), RequestOptions())


document_calls(BaseClient)  # the full texts, shared with AsyncBaseClient
