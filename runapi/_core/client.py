"""The client core: configuration, the effect driver, account calls and downloads; it names no model family.

``runapi.Client`` (``runapi/_client.py``) adds one lazily imported attribute per family.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import random
import sys
import threading
import time
from collections.abc import Callable, Mapping
from types import MappingProxyType, TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn, SupportsIndex, TypeVar
from urllib.parse import urlsplit

import attrs
import requests

from .._version import __version__
from ..errors import (
    APIError,
    APIResponseValidationError,
    MissingAPIKeyError,
    ValidationError,
    redact_url,
    status_error,
)
from .flows import Call, Flow, Reply, Sleep, request
from .models import Result, Task, structure
from .operations import Family, FamilyAttribute
from .options import PollPolicy, RequestOptions, check_count, timeout_option
from .retry import RetryPolicy, parse_retry_after, with_retries
from .transport import Request, RequestsTransport, Response, Timeout

if TYPE_CHECKING:
    from pathlib import Path

    from .download import Download
    from .files import Files, UploadedFile

__all__ = [
    "API_KEY",
    "DEFAULT_BASE_URL",
    "Account",
    "Balance",
    "BaseClient",
    "ClientBase",
    "ClientCore",
    "Credential",
    "RequestOptions",
    "Timeout",
]

if sys.version_info >= (3, 11):
    from typing import Self
else:  # pragma: no cover - Python 3.10
    from typing_extensions import Self

T = TypeVar("T")
logger = logging.getLogger("runapi")

DEFAULT_BASE_URL = "https://runapi.ai"
"""Used when neither ``base_url`` nor ``RUNAPI_BASE_URL`` is set (docs: Overview > Base URL)."""

API_PREFIX = "/api/v1"
"""Every documented path starts with this; a ``base_url`` that ends with it has it stripped."""

DEFAULT_MAX_CONNECTIONS = 100
"""Pooled connections per host for the default session: more threads than this wait for one."""

DEFAULT_TIMEOUT = Timeout(connect=10.0, read=60.0)
"""10 s to connect, 60 s of silence while reading an answer."""

UPLOAD_REUSE_SECONDS = 23 * 3600.0
"""How long a local file uploaded for a create is reused (same client, unchanged file) before it is
uploaded again. The docs: download URLs "expire after 24 hours"; an hour is left for the task to fetch it."""

USER_AGENT = f"runapi-python/{__version__} (Python {platform.python_version()}; requests {requests.__version__})"
"""Sent with every request, so RunAPI can tell this SDK and its version apart."""


@attrs.frozen(kw_only=True)
class Balance:
    """The account's credit balance (docs: Common > Get Balance). Amounts in US cents.

    Attributes:
        balance_cents: credits left.
        spent_cents_today: spent since midnight.
        spent_cents_total: spent since the account opened.
    """

    balance_cents: int
    spent_cents_today: int = 0
    spent_cents_total: int = 0


@attrs.frozen(kw_only=True)
class Account(Result):
    """The account an API key belongs to (``GET /api/v1/me``).

    The docs name this path (the RunAPI CLI checks a key against it: "Headless authentication")
    but print no answer, so no field is typed: the answer is kept whole on :attr:`raw`. Its use is
    to check a key: an invalid or disabled key raises :class:`runapi.AuthenticationError`.
    """


@attrs.frozen
class Credential:
    """Which key a client holds: its argument's name, its environment variable, and the error when neither is set.

    Attributes:
        argument: the constructor argument (``"api_key"``).
        env: the environment variable read when the argument is not given (``"RUNAPI_API_KEY"``).
        missing: raised when neither is set.
        what: how messages name the key (``"API key"``).
    """

    argument: str
    env: str
    missing: type[MissingAPIKeyError]
    what: str

    def read(self, value: str | None) -> str:
        """The key from ``value``, else from :attr:`env`, stripped; or an error that never shows it.

        Raises:
            MissingAPIKeyError: (:attr:`missing`) neither is set.
            ValidationError: the key holds characters no HTTP header can carry.
        """
        if value is None:
            value = os.environ.get(self.env)
        if not value or not isinstance(value, str) or not value.strip():
            raise self.missing(f"no {self.what}: pass {self.argument}=... or set the {self.env} environment variable")
        key = value.strip()
        if not key.isascii() or not key.isprintable() or any(c.isspace() for c in key):
            raise ValidationError(
                f"{self.argument} holds a space, a line break, a control or a non-ASCII character; "
                f"copy the key again from the dashboard (the key is not shown here)",
                field=self.argument,
                allowed="printable ASCII without spaces",
            )
        return key


API_KEY = Credential("api_key", "RUNAPI_API_KEY", MissingAPIKeyError, "API key")
"""The key of :class:`BaseClient` and ``runapi.llm`` (docs: Overview > Authentication)."""


class ClientBase:
    """What every RunAPI client shares, whatever key it holds and however it sends: its settings.

    The key (``credential``), base URL, timeouts, retry policy, headers, and how one
    :class:`~runapi._core.flows.Call` becomes a :class:`Request` and a response a :class:`Reply`.
    No I/O: :class:`ClientCore` adds the blocking driver (``requests``) and
    :class:`runapi._core.async_client.AsyncClientCore` the asyncio one (``httpx``). Each client
    reads its own key from its own argument and environment variable: the API-key clients and
    :class:`runapi.ManagementClient` never send, or fall back to, each other's.

    A client is neither copied nor pickled (``copy.copy``, ``copy.deepcopy`` and ``pickle`` raise
    ``TypeError``): it holds a connection pool and a key. ``client.with_options(...)`` is the copy
    (sharing the pool); another process makes its own client.
    """

    credential: ClassVar[Credential]
    user_agent: ClassVar[str] = USER_AGENT
    is_async: ClassVar[bool] = False
    """Whether calls are awaited (an asyncio client): decides which resource classes a family hands out."""

    def _configure(
        self,
        key: str | None,
        *,
        base_url: str | None,
        timeout: Timeout | float | tuple[float, float],
        max_retries: int,
        idempotent_creates: bool,
        default_headers: Mapping[str, str] | None,
        max_connections: int,
        sleep: Callable[..., Any],
        clock: Callable[[], float],
    ) -> None:
        """Check and set the settings every client takes (the constructors' shared part)."""
        self.__key = self.credential.read(key)
        self.base_url = _base_url(base_url or os.environ.get("RUNAPI_BASE_URL") or DEFAULT_BASE_URL)
        self.timeout = timeout_option(timeout)
        self.retry_policy = RetryPolicy(
            max_retries=check_count("max_retries", max_retries, minimum=0),
            idempotent_creates=_flag("idempotent_creates", idempotent_creates),
        )
        headers = RequestOptions(extra_headers=default_headers).extra_headers
        self._default_headers = MappingProxyType(dict(headers or {}))
        check_count("max_connections", max_connections, minimum=1)
        if not callable(sleep) or not callable(clock):
            raise ValidationError(
                "sleep and clock must be callables", field="sleep" if not callable(sleep) else "clock"
            )
        self._clock = clock
        self._random: Callable[[], float] = random.random
        self._keys = _KeyLedger()
        self._common_headers = self._headers()

    @property
    def default_headers(self) -> Mapping[str, str]:
        """Headers sent with every API request (read-only; ``with_options(default_headers=...)`` adds to them)."""
        return self._default_headers

    def _copy(
        self,
        *,
        key: str | None = None,
        base_url: str | None = None,
        timeout: Timeout | float | tuple[float, float] | None = None,
        max_retries: int | None = None,
        idempotent_creates: bool | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> Self:
        """A copy sharing the connection pool, with the shared options changed (``None`` keeps one)."""
        clone = object.__new__(type(self))  # not copy.copy: a client refuses to be copied (see __copy__)
        clone.__dict__.update(self.__dict__)
        for name, value in list(clone.__dict__.items()):
            if isinstance(value, Family):  # cached family accessors still point at self
                del clone.__dict__[name]
        if key is not None:
            clone.__key = self.credential.read(key)
        if base_url is not None:
            clone.base_url = _base_url(base_url)
        options = RequestOptions(timeout=timeout, max_retries=max_retries, extra_headers=default_headers)
        if options.timeout is not None:
            clone.timeout = options.timeout
        if options.max_retries is not None:
            clone.retry_policy = attrs.evolve(clone.retry_policy, max_retries=options.max_retries)
        if idempotent_creates is not None:
            flag = _flag("idempotent_creates", idempotent_creates)
            clone.retry_policy = attrs.evolve(clone.retry_policy, idempotent_creates=flag)
        if options.extra_headers is not None:
            clone._default_headers = MappingProxyType({**self._default_headers, **options.extra_headers})
        clone._common_headers = clone._headers()
        return clone

    def __repr__(self) -> str:
        return f"<runapi.{type(self).__name__} base_url={redact_url(self.base_url)!r}>"

    # -- no copies: a client holds a connection pool and a key ---------------------------------

    def _not_copied(self, how: str) -> TypeError:
        name = type(self).__name__
        return TypeError(
            f"a runapi.{name} cannot be {how}: it holds a connection pool and a key. "
            f"Use client.with_options(...) for a copy that shares the pool, or create a new {name}(...) "
            "where one is needed (another process makes its own, e.g. from the RUNAPI_* environment variables)"
        )

    def __copy__(self) -> NoReturn:
        """Refused (``TypeError``): ``with_options()`` is a client's copy."""
        raise self._not_copied("copied")

    def __deepcopy__(self, memo: dict[int, Any]) -> NoReturn:
        """Refused (``TypeError``): a deep copy would need a second pool; ``with_options()`` is the copy."""
        raise self._not_copied("deep-copied")

    def __reduce_ex__(self, protocol: SupportsIndex) -> NoReturn:
        """Refused (``TypeError``): a client is not pickled (nor sent to another process)."""
        raise self._not_copied("pickled")

    # -- one call: what the drivers share -------------------------------------------------------

    def _headers(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        """Headers of every API request: defaults, ``extra`` (per-call), then the key, which nothing overrides."""
        return {
            "Accept": "application/json",
            "User-Agent": self.user_agent,
            **self._default_headers,
            **(extra or {}),
            "Authorization": f"Bearer {self.__key}",
        }

    def _build(self, call: Call, options: RequestOptions) -> Request:
        # The headers are built once per client (see _configure and _copy), not per call.
        headers = self._common_headers if options.extra_headers is None else self._headers(options.extra_headers)
        if call.idempotency_key is not None:
            headers = {**headers, "Idempotency-Key": call.idempotency_key}
        body = call.body
        if body is None or type(body) is dict or isinstance(body, Mapping):
            return Request(call.method, self.base_url + call.path, headers, body, options.timeout or self.timeout)
        return Request(call.method, self.base_url + call.path, headers, None, options.timeout or self.timeout, body)

    def _policy(self, call: Call, built: Request, options: RequestOptions) -> RetryPolicy:
        """The retry policy of one call: none for a poll or a stream read once, else the client's (or the call's)."""
        policy = self.retry_policy
        if not call.retry or (built.multipart is not None and not built.multipart.rewindable):
            return attrs.evolve(policy, max_retries=0)  # a stream read once cannot be sent again
        if options.max_retries is not None and options.max_retries != policy.max_retries:
            return attrs.evolve(policy, max_retries=options.max_retries)
        return policy

    @staticmethod
    def _checked(response: Response, built: Request, started: float | None) -> Response:
        """``response`` if 2xx, else its :class:`~runapi.APIStatusError` raised; logged at DEBUG when timed."""
        if started is not None:
            elapsed = time.monotonic() - started
            url = redact_url(built.url)
            logger.debug("%s %s -> %d (%.3fs)", built.method, url, response.status_code, elapsed)
        if not 200 <= response.status_code < 300:
            raise status_error(
                response.status_code,
                _body(response),
                response.headers,
                reason=response.reason,
                retry_after=parse_retry_after(response.retry_after),
                method=built.method,
                url=built.url,
            )
        return response

    @staticmethod
    def _reply(response: Response, built: Request) -> Reply:
        return Reply(response.status_code, _decode(response, built), parse_retry_after(response.retry_after))


class ClientCore(ClientBase):
    """A client's blocking driver: ``requests`` for the transport, ``time.sleep`` between polls.

    :class:`BaseClient` (the API key: model families, files, balance) and
    :class:`runapi.ManagementClient` (the management key: API keys and guardrails) are this plus
    their endpoints.
    """

    def __init__(
        self,
        key: str | None,
        *,
        base_url: str | None,
        timeout: Timeout | float | tuple[float, float],
        max_retries: int,
        idempotent_creates: bool,
        default_headers: Mapping[str, str] | None,
        session: requests.Session | None,
        max_connections: int,
        sleep: Callable[[float], None],
        clock: Callable[[], float],
    ) -> None:
        self._configure(
            key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            idempotent_creates=idempotent_creates,
            default_headers=default_headers,
            max_connections=max_connections,
            sleep=sleep,
            clock=clock,
        )
        self._sleep = sleep
        self._transport = RequestsTransport(session, max_connections=max_connections)

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
        return self._reply(response, built)

    def _attempt(self, built: Request) -> Response:
        started = time.monotonic() if logger.isEnabledFor(logging.DEBUG) else None
        return self._checked(self._transport.send(built), built, started)


class APIClientBase(ClientBase):
    """What the API-key clients (blocking and asyncio) share beyond the core, without I/O.

    The poll settings, the account flows, local files for URL parameters, where downloads land
    and ``with_options``. :class:`BaseClient` and :class:`runapi._core.async_client.AsyncBaseClient`
    add the calls, each on its driver.
    """

    credential = API_KEY
    files: FamilyAttribute[Files[Any]]

    def _configure_api(
        self, *, wait_timeout: float, poll_interval: float | None, max_poll_interval: float | None
    ) -> None:
        self.poll_policy = PollPolicy(timeout=wait_timeout, interval=poll_interval, max_interval=max_poll_interval)
        self._uploads = _UploadCache()

    @staticmethod
    def _balance_flow() -> Flow[Balance]:
        reply = yield from request(Call("GET", "/api/v1/me/balance"))
        return structure(reply.data, Balance)

    @staticmethod
    def _account_flow() -> Flow[Account]:
        reply = yield from request(Call("GET", "/api/v1/me"))
        return structure(reply.data, Account)

    def _upload_local(self, path: os.PathLike[str]) -> Flow[str]:
        """Upload a local file given for a URL parameter (``files.from_stream``); return its ``download_url``.

        An unchanged file (same absolute path, size and modification time) uploaded by this
        client (or a ``with_options`` copy of it) to the same ``base_url`` less than
        :data:`UPLOAD_REUSE_SECONDS` ago is not uploaded again: its URL is reused, so a retry of a
        create with the same idempotency key sends the same body.
        """
        where = os.path.abspath(path)
        stat = os.stat(where)
        key = (self.base_url, where, stat.st_size, stat.st_mtime_ns)
        url = self._uploads.get(key, self._clock())
        if url is not None:
            return url
        uploaded: UploadedFile = yield from self.files.from_stream._flow((), {"file": path})
        self._uploads.put(key, uploaded.download_url, self._clock())
        logger.debug("uploaded %s -> %s (%s bytes)", where, uploaded.download_url, uploaded.file_size)
        return uploaded.download_url

    @staticmethod
    def _download_target(url: str, path: str | os.PathLike[str], overwrite: bool) -> Path:
        """Where :meth:`BaseClient.download` puts ``url``, checked free unless ``overwrite``."""
        from .download import ensure_free, resolve_target  # file-system helpers: loaded on first download

        dest = resolve_target(url, path)
        if not overwrite:
            ensure_free(dest)
        return dest

    @staticmethod
    def _output_targets(
        task: Task, folder: str | os.PathLike[str], overwrite: bool, name: str | None = None
    ) -> list[tuple[str, Callable[[str | None], Path]]]:
        """Each output URL of ``task`` and where it lands (see :meth:`BaseClient.download_outputs`)."""
        from .download import check_folder, ensure_free, output_name, suffix_for

        base = check_folder(folder)
        urls = task.output_urls
        stem = task.id if name is None else name
        if not overwrite:
            for index, url in enumerate(urls):
                if suffix_for(url, None):  # the name is known before downloading
                    ensure_free(base / output_name(stem, index, url, None))
        base.mkdir(parents=True, exist_ok=True)
        targets: list[tuple[str, Callable[[str | None], Path]]] = []
        for index, url in enumerate(urls):

            def target(content_type: str | None, index: int = index, url: str = url) -> Path:
                return base / output_name(stem, index, url, content_type)

            targets.append((url, target))
        return targets

    # -- configuration ------------------------------------------------------------------------

    def with_options(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: Timeout | float | tuple[float, float] | None = None,
        max_retries: int | None = None,
        idempotent_creates: bool | None = None,
        wait_timeout: float | None = None,
        poll_interval: float | None = None,
        max_poll_interval: float | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> Self:
        """A copy of this client with other defaults, sharing its connection pool.

        Takes the constructor's names; ``None`` keeps this client's value, and ``default_headers``
        are added to this client's. Per-call options (``extra_headers``, ``extra_body``,
        ``idempotency_key``, ``on_progress``) go on an endpoint's ``with_options`` instead.

        Raises:
            ValidationError: as the constructor does, naming the option.
        """
        clone = self._copy(
            key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            idempotent_creates=idempotent_creates,
            default_headers=default_headers,
        )
        polls = RequestOptions(
            wait_timeout=wait_timeout, poll_interval=poll_interval, max_poll_interval=max_poll_interval
        )
        clone.poll_policy = polls.poll_policy(self.poll_policy)
        return clone


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
            what is retried; creates are never replayed where the server may have started a task.
        idempotent_creates: also retry creates after 5xx, read timeouts and dropped connections,
            relying on the ``Idempotency-Key`` header. Only if your RunAPI honours it: the docs do
            not promise that.
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

    Raises:
        MissingAPIKeyError: no ``api_key`` and no ``RUNAPI_API_KEY``.
        ValidationError: an option is out of range or of the wrong type (a negative
            ``max_retries``, ``timeout='abc'``, ``poll_interval=0``, a NaN, a ``base_url`` with a
            space or a line break, ...), naming the option; or the API key holds characters no
            HTTP header can carry (the message never shows the key).
    """

    files: FamilyAttribute[Files[BaseClient]] = FamilyAttribute("runapi._core.files", "Files")
    """File uploads (docs: File Upload): ``from_url``, ``from_stream`` (streamed multipart), ``from_base64``."""

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        timeout: Timeout | float | tuple[float, float] = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        idempotent_creates: bool = False,
        wait_timeout: float = 900.0,
        poll_interval: float | None = None,
        max_poll_interval: float | None = None,
        default_headers: Mapping[str, str] | None = None,
        session: requests.Session | None = None,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(
            api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            idempotent_creates=idempotent_creates,
            default_headers=default_headers,
            session=session,
            max_connections=max_connections,
            sleep=sleep,
            clock=clock,
        )
        self._configure_api(wait_timeout=wait_timeout, poll_interval=poll_interval, max_poll_interval=max_poll_interval)

    # -- account and files ----------------------------------------------------------------------

    def get_balance(self) -> Balance:
        """Return the account balance (``GET /api/v1/me/balance``; docs: Common > Get Balance)."""
        return self._run(self._balance_flow(), RequestOptions())

    def get_account(self) -> Account:
        """Return the account the API key belongs to (``GET /api/v1/me``; see :class:`Account`).

        Raises:
            AuthenticationError: the API key is invalid or disabled.
        """
        return self._run(self._account_flow(), RequestOptions())

    def download(self, url: str, path: str | os.PathLike[str], *, overwrite: bool = False) -> Download:
        """Download one output file (``audio_url``, ``images[].url``, ``videos[].url``) to disk.

        ``path`` is a folder if it ends with a separator (``"outputs/"``) or is an existing
        directory: the folder is created if missing (parents too) and the file keeps the URL's
        name (percent-decoded and made safe: no separators, no ``..``; ``"download"`` if the URL
        has none). Otherwise ``path`` is the file itself (its parent folders are created). To save
        every output of a task under names that cannot collide, use :meth:`download_outputs`.

        The body is streamed to a temporary file beside the target, then put in place. An existing
        file is never replaced unless ``overwrite=True``, even one created by another process while
        downloading. No API key is sent (output URLs are plain links). Transient failures are
        retried like status calls; whatever fails, no partial or temporary file is left.

        Returns:
            A :class:`Download`: ``path``, ``bytes_written`` (the file's size in bytes), ``url`` and
            ``content_type``. It works as a path itself (``open(d)``, ``Path(d)``).

        Raises:
            FileExistsError: the target exists and ``overwrite`` is false; checked before
                downloading and again when placing the file.
            NotADirectoryError: ``path`` ends with a separator but is a file.
            APIStatusError: the file server answered non-2xx (e.g. ``NotFoundError`` once a link expired).
            APIConnectionError: the download failed or dropped mid-file (``APITimeoutError`` on a timeout).
        """
        return self._download(url, self._download_target(url, path, overwrite), overwrite=overwrite)

    def download_outputs(
        self, task: Task, folder: str | os.PathLike[str], *, overwrite: bool = False, name: str | None = None
    ) -> list[Download]:
        """Download every output of ``task`` (its :attr:`~runapi.Task.output_urls`) into ``folder``.

        Files are named ``{task.id}-{index}{ext}`` (``{name}-{index}{ext}`` with ``name``, e.g. a
        batch job's key): ``index`` counts from 0 in output order; the
        extension is the URL's (``.mp3``), else one for the answer's ``Content-Type``, else none.
        A task id (or ``name``) that is not a safe file name as it is, or is too long, is made safe
        and gets ``~`` and 10 hex digits of its SHA-256 (``a/b`` → ``a_b~<digest>-0.png``), and
        ``-{index}`` is never cut. So outputs of many tasks never collide in one folder, and the
        same task gets the same names on every run. ``folder`` is created if
        missing (parents too). A task with no output URLs yet gives ``[]``.

        Returns:
            One :class:`Download` per output URL, in output order.

        Raises:
            FileExistsError: a target exists and ``overwrite`` is false (names known from the URLs
                are all checked before anything is downloaded). Files saved before a later failure
                are kept.
            NotADirectoryError: ``folder`` is a file.
            APIStatusError: a file server answered non-2xx.
            APIConnectionError: a download failed or dropped mid-file; no partial file is left.
        """
        targets = self._output_targets(task, folder, overwrite, name)
        return [self._download(url, target, overwrite=overwrite) for url, target in targets]

    def _download(self, url: str, dest: Path | Callable[[str | None], Path], *, overwrite: bool) -> Download:
        """Stream one file with retries (no API key, only the User-Agent)."""
        try:
            done = with_retries(
                lambda target: self._transport.download(
                    url, target, timeout=self.timeout, headers={"User-Agent": self.user_agent}, overwrite=overwrite
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


def _body(response: Response) -> Any:
    """An error body: decoded JSON if it is JSON, else the text."""
    try:
        return json.loads(response.content)
    except ValueError:
        return response.content.decode("utf-8", "replace")


def _decode(response: Response, built: Request) -> Any:
    """A 2xx answer's JSON; ``None`` for an answer without a body (``204 No Content``: a delete)."""
    if response.status_code == 204 or not response.content:
        return None
    try:
        return json.loads(response.content)
    except ValueError:
        raise APIResponseValidationError(
            f"{built.method} {built.url} answered {response.status_code} with a body that is not JSON",
            body=response.content[:500].decode("utf-8", "replace"),
            method=built.method,
            url=built.url,
        ) from None


def _flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(f"{name} must be True or False; got {value!r}", field=name, allowed="True or False")
    return value


def _api_key(value: str | None) -> str:
    """The API key (argument, else ``RUNAPI_API_KEY``), stripped, or an error that never shows it."""
    return API_KEY.read(value)


def _base_url(value: str) -> str:
    """The origin (and any path prefix) the documented ``/api/v1/...`` paths are appended to.

    Spaces around it are dropped; one inside it, or a control character (a line break), is refused,
    as is anything but an absolute http(s) URL without a query or fragment. Messages show the value
    ``repr``-escaped (``'\\r\\n'``, never a raw line break) with any password masked (``user:***@``).

    Raises:
        ValidationError: (``field`` ``"base_url"``) any of the above.
    """
    allowed = "an http(s) URL without spaces or control characters, e.g. 'https://runapi.ai' or 'http://127.0.0.1:8910'"
    if not isinstance(value, str):
        raise ValidationError(
            f"base_url must be a string; got {type(value).__name__}", field="base_url", allowed=allowed
        )
    url = value.strip().rstrip("/")
    if url.endswith(API_PREFIX):
        url = url[: -len(API_PREFIX)].rstrip("/")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    unsafe = next((c for c in url if c.isspace() or not c.isprintable()), None)
    if unsafe is not None or parts is None or not host or parts.scheme not in ("http", "https"):
        what = "" if unsafe is None else f" (it holds {unsafe!r})"
        raise ValidationError(
            f"base_url must be {allowed}; got {redact_url(value)!r}{what}", field="base_url", allowed=allowed
        )
    if parts.query or parts.fragment:
        raise ValidationError(
            f"base_url must be {allowed}, without a query or fragment; got {redact_url(value)!r}",
            field="base_url",
            allowed=allowed,
        )
    return url


class _UploadCache:
    """Download URLs of local files a client uploaded for URL parameters, reused for a while.

    Keyed by ``(base_url, absolute path, size, mtime_ns)``: a file changed since is uploaded
    again. Bounded: the oldest entries are forgotten first.
    """

    LIMIT = 1_000

    def __init__(self) -> None:
        self._urls: dict[tuple[Any, ...], tuple[str, float]] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...], now: float) -> str | None:
        """The URL stored under ``key`` less than :data:`UPLOAD_REUSE_SECONDS` ago, else ``None``."""
        with self._lock:
            entry = self._urls.get(key)
            if entry is None:
                return None
            if now - entry[1] >= UPLOAD_REUSE_SECONDS:
                del self._urls[key]
                return None
            return entry[0]

    def put(self, key: tuple[Any, ...], url: str, now: float) -> None:
        with self._lock:
            self._urls.pop(key, None)
            if len(self._urls) >= self.LIMIT:
                del self._urls[next(iter(self._urls))]
            self._urls[key] = (url, now)


class _KeyLedger:
    """Idempotency keys a client was given for creates, each tied to the one request it names.

    A key you set is for one logical create: sending it again with the same body is a retry (fine);
    with another body it would make a server that honours keys answer with the first task, so it
    is refused. Bounded: the oldest keys are forgotten first.
    """

    LIMIT = 10_000

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}
        self._lock = threading.Lock()

    def claim(self, key: str, path: str, body: Mapping[str, Any]) -> None:
        """Record ``key`` for this create, or raise if it already named a different one.

        Raises:
            ValidationError: ``idempotency_key`` was used before for a different create.
        """
        fingerprint = path + "\n" + json.dumps(body, sort_keys=True, default=str)
        with self._lock:
            known = self._seen.get(key)
            if known is None:
                if len(self._seen) >= self.LIMIT:
                    del self._seen[next(iter(self._seen))]
                self._seen[key] = fingerprint
            elif known != fingerprint:
                raise ValidationError(
                    "idempotency_key was already used for a different create; a key names one logical "
                    "create (its retries reuse it): pass a new key for each create",
                    field="idempotency_key",
                    allowed="a key not used before for other parameters",
                )
