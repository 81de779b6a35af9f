"""What every client shares and that does no I/O: settings applied, request building, status -> error.

:class:`ClientBase` holds a client's :class:`~runapi._core.settings.ClientSettings` and turns one
:class:`~runapi._core.flows.Call` into a :class:`~runapi._core.transport.Request`, and an answer
into a :class:`~runapi._core.flows.Reply` or its typed error. :class:`APIClientBase` adds what the
API-key clients share: poll settings, the account flows, local files for URL parameters, where
downloads land and ``with_options``. The two drivers are peers built on this module, neither
importing the other: :mod:`runapi._core.client` (``ClientCore``, ``BaseClient``: blocking, on
``requests``) and :mod:`runapi._core.async_client` (``AsyncClientCore``, ``AsyncBaseClient``:
asyncio, on ``httpx``). Each adds only its transport, its driver loop and the calls that await or
block on it.
"""

from __future__ import annotations

import json
import logging
import os
import random
import sys
import threading
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn, SupportsIndex

import attrs

from ..errors import APIResponseValidationError, ValidationError, redact_url, status_error
from .families import Family, FamilyAttribute
from .flows import Call, Flow, Reply, request
from .models import Result, Task, structure
from .options import PollPolicy, RequestOptions
from .retry import RetryPolicy, parse_retry_after
from .settings import API_KEY, CLIENT_REQUEST_ID, ClientSettings, Credential
from .transport import Request, Response, Timeout

if TYPE_CHECKING:
    from pathlib import Path

    from .files import Files, UploadedFile

if sys.version_info >= (3, 11):
    from typing import Self
else:  # pragma: no cover - Python 3.10
    from typing_extensions import Self

__all__ = ["API_METHOD_DOCS", "APIClientBase", "Account", "Balance", "ClientBase", "document_calls", "logger"]

logger = logging.getLogger("runapi")

UPLOAD_REUSE_SECONDS = 23 * 3600.0
"""How long a local file uploaded for a create is reused (same client, unchanged file) before it is
uploaded again. The docs: download URLs "expire after 24 hours"; an hour is left for the task to fetch it."""


@attrs.frozen(kw_only=True)
class Balance:
    """The account's credit balance (docs: Common > Get Balance). Amounts in US cents.

    Attributes:
        balance_cents: credits left.
        spent_cents_today: spent since midnight.
        spent_cents_total: spent since the account opened.
        paid_balance_cents: the part of ``balance_cents`` that was paid for.
        bonus_balance_cents: the part of ``balance_cents`` given as a bonus.

    ``paid_balance_cents`` and ``bonus_balance_cents`` come from runapi-core 0.10.1
    (``AccountBalanceResponse``, where they are required); the older docs snapshot's answer lacks
    them, so they are ``None`` where the server leaves them out (the newer source wins).
    """

    balance_cents: int
    spent_cents_today: int = 0
    spent_cents_total: int = 0
    paid_balance_cents: int | None = None
    bonus_balance_cents: int | None = None


@attrs.frozen(kw_only=True)
class Account(Result):
    """The account an API key belongs to (``GET /api/v1/me``).

    The docs name this path (the RunAPI CLI checks a key against it: "Headless authentication")
    but print no answer, so no field is typed: the answer is kept whole on :attr:`raw`. Its use is
    to check a key: an invalid or disabled key raises :class:`runapi.AuthenticationError`.
    """


class ClientBase:
    """What every RunAPI client shares, whatever key it holds and however it sends: its settings.

    The key (``credential``), base URL, timeouts, retry policy, headers, and how one
    :class:`~runapi._core.flows.Call` becomes a :class:`Request` and a response a :class:`Reply`.
    No I/O: :class:`runapi._core.client.ClientCore` adds the blocking driver (``requests``) and
    :class:`runapi._core.async_client.AsyncClientCore` the asyncio one (``httpx``). Each client
    reads its own key from its own argument and environment variable: the API-key clients and
    :class:`runapi.ManagementClient` never send, or fall back to, each other's.

    The settings are one :class:`ClientSettings` value (``_settings``); the attributes read on
    every call (``base_url``, ``timeout``, ``retry_policy``, the headers) are copied from it onto
    the client by :meth:`_apply`, so a call reads them as plain attributes.

    A client is neither copied nor pickled (``copy.copy``, ``copy.deepcopy`` and ``pickle`` raise
    ``TypeError``): it holds a connection pool and a key. ``client.with_options(...)`` is the copy
    (sharing the pool); another process makes its own client.
    """

    credential: ClassVar[Credential]
    user_agent: str  # the transport's: a class value, or set per client by the asyncio one
    is_async: ClassVar[bool] = False
    """Whether calls are awaited (an asyncio client): decides which resource classes a family hands out."""

    _settings: ClientSettings
    base_url: str
    timeout: Timeout
    retry_policy: RetryPolicy

    def _configure(self, settings: ClientSettings) -> None:
        """Take ``settings`` (checked by :meth:`ClientSettings.build`) and make the per-client state."""
        if settings.credential is not self.credential:
            raise TypeError(
                f"a runapi.{type(self).__name__} holds the {self.credential.what}, not the {settings.credential.what}"
            )
        self._apply(settings)
        self._random: Callable[[], float] = random.random
        self._keys = _KeyLedger()

    def _apply(self, settings: ClientSettings) -> None:
        """Set the attributes a call reads from ``settings`` (at construction, and on a ``with_options`` copy)."""
        self._settings = settings
        self.base_url = settings.base_url
        self.timeout = settings.timeout
        self.retry_policy = settings.retry_policy
        self._clock = settings.clock
        self._common_headers = self._headers()

    @property
    def default_headers(self) -> Mapping[str, str]:
        """Headers sent with every API request (read-only; ``with_options(default_headers=...)`` adds to them)."""
        return self._settings.default_headers

    def _copy(self, settings: ClientSettings) -> Self:
        """A copy sharing the connection pool (and the idempotency keys, uploads), with ``settings``."""
        clone = object.__new__(type(self))  # not copy.copy: a client refuses to be copied (see __copy__)
        clone.__dict__.update(self.__dict__)
        for name, value in list(clone.__dict__.items()):
            if isinstance(value, Family):  # cached family accessors still point at self
                del clone.__dict__[name]
        clone._apply(settings)
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
        """Headers of every API request: defaults, the client's ``X-Client-Request-Id``, ``extra``
        (per-call), then the key, which nothing overrides."""
        rid = self._settings.client_request_id
        return {
            "Accept": "application/json",
            "User-Agent": self.user_agent,
            **self._settings.default_headers,
            **({} if rid is None else {CLIENT_REQUEST_ID: rid}),
            **(extra or {}),
            "Authorization": f"Bearer {self._settings.key}",
        }

    def _build(self, call: Call, options: RequestOptions) -> Request:
        # The headers are built once per client (see _apply), not per call.
        if call.bare_headers is not None:  # a pre-authorized URL: its own headers only, never the key
            bare = {"User-Agent": self.user_agent, **call.bare_headers}
            return Request(call.method, call.path, bare, None, options.timeout or self.timeout, call.body)  # type: ignore[arg-type]
        headers = self._common_headers if options.extra_headers is None else self._headers(options.extra_headers)
        if options.client_request_id is not None:
            headers = {**headers, CLIENT_REQUEST_ID: options.client_request_id}
        if call.idempotency_key is not None:
            headers = {**headers, "Idempotency-Key": call.idempotency_key}
        body = call.body
        if body is None or type(body) is dict or isinstance(body, Mapping):
            return Request(call.method, self.base_url + call.path, headers, body, options.timeout or self.timeout)
        return Request(call.method, self.base_url + call.path, headers, None, options.timeout or self.timeout, body)

    def _policy(self, call: Call, built: Request, options: RequestOptions) -> RetryPolicy:
        """The retry policy of one call: none for a poll or a stream read once, else the client's (or the call's).

        ``idempotent_creates`` covers only the POSTs RunAPI de-duplicates by key (``call.keyed``:
        task creates, direct calls); any other POST (an upload) is never replayed after an unknown outcome.
        """
        policy = self.retry_policy
        if not call.retry or (built.multipart is not None and not built.multipart.rewindable):
            return attrs.evolve(policy, max_retries=0)  # a stream read once cannot be sent again
        if policy.idempotent_creates and not call.keyed and not call.idempotent:
            policy = attrs.evolve(policy, idempotent_creates=False)
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
    def _reply(response: Response, built: Request, raw: bool = False) -> Reply:
        data = response.content if raw else _decode(response, built)
        return Reply(response.status_code, data, parse_retry_after(response.retry_after), response.headers)


class APIClientBase(ClientBase):
    """What the API-key clients (blocking and asyncio) share beyond the core, without I/O.

    The poll settings, the account flows, local files for URL parameters, where downloads land
    and ``with_options``. :class:`runapi._core.client.BaseClient` and
    :class:`runapi._core.async_client.AsyncBaseClient` add the calls, each on its driver.
    """

    credential = API_KEY
    files: FamilyAttribute[Files[Any]]

    poll_policy: PollPolicy

    def _configure(self, settings: ClientSettings) -> None:
        super()._configure(settings)
        self._uploads = _UploadCache()

    def _apply(self, settings: ClientSettings) -> None:
        super()._apply(settings)
        self.poll_policy = settings.poll_policy

    @staticmethod
    def _balance_flow() -> Flow[Balance]:
        reply = yield from request(Call("GET", "/api/v1/me/balance"))
        return structure(reply.data, Balance)

    @staticmethod
    def _account_flow() -> Flow[Account]:
        reply = yield from request(Call("GET", "/api/v1/me"))
        return structure(reply.data, Account)

    def _raw_post(
        self, path: str, json: Mapping[str, Any] | None, task: bool, wait: bool, idempotency_key: str | None
    ) -> tuple[Flow[Any], RequestOptions]:
        """``post()``'s flow and options, checked before any request (see :mod:`runapi._core.raw`)."""
        from .raw import check_body, post_flow, raw_path
        from .resources import new_idempotency_key

        checked = raw_path(self.base_url, path)
        body = check_body(json)
        for name, flag in (("task", task), ("wait", wait)):
            if type(flag) is not bool:  # typed bool; a caller without a type checker may pass anything
                raise ValidationError(f"{name} must be True or False", field=name, allowed="True or False")
        if wait and not task:
            raise ValidationError("wait=True needs task=True (only a task can be waited for)", field="wait")
        options = RequestOptions(idempotency_key=idempotency_key)
        key = options.idempotency_key
        if key is None:
            key = new_idempotency_key()
        else:
            self._keys.claim(key, checked, body or {})
        return post_flow(self, checked, body, key, task=task, wait=wait), options

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
        """Where ``download`` puts ``url``, checked free unless ``overwrite``."""
        from .download import ensure_free, resolve_target  # file-system helpers: loaded on first download

        dest = resolve_target(url, path)
        if not overwrite:
            ensure_free(dest)
        return dest

    @staticmethod
    def _output_targets(
        task: Task, folder: str | os.PathLike[str], overwrite: bool, name: str | None = None
    ) -> list[tuple[str, Callable[[str | None], Path]]]:
        """Each output URL of ``task`` and where it lands (see ``download_outputs``)."""
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
        client_request_id: str | None = None,
        strict: bool | None = None,
    ) -> Self:
        """A copy of this client with other defaults, sharing its connection pool.

        Takes the constructor's names; ``None`` keeps this client's value, and ``default_headers``
        are added to this client's. Per-call options (``extra_headers``, ``extra_body``,
        ``idempotency_key``, ``on_progress``; ``client_request_id`` too) go on an endpoint's
        ``with_options`` instead.

        Raises:
            ValidationError: as the constructor does, naming the option.
        """
        changed = self._settings.replace(
            key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            idempotent_creates=idempotent_creates,
            wait_timeout=wait_timeout,
            poll_interval=poll_interval,
            max_poll_interval=max_poll_interval,
            default_headers=default_headers,
            client_request_id=client_request_id,
            strict=strict,
        )
        return self._copy(changed)


API_METHOD_DOCS: dict[str, str] = {
    "get_balance": """Return the account balance (``GET /api/v1/me/balance``; docs: Common > Get Balance).""",
    "get_account": """Return the account the API key belongs to (``GET /api/v1/me``; see :class:`Account`).

        Raises:
            AuthenticationError: the API key is invalid or disabled.
        """,
    "download": """Download one output file (``audio_url``, ``images[].url``, ``videos[].url``) to disk.

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
        """,
    "download_outputs": """Download every output of ``task`` (its :attr:`~runapi.Task.output_urls`) into ``folder``.

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
        """,
}
"""The docstrings of the API-key clients' calls, one text for both drivers (set by :func:`document_calls`)."""


def document_calls(cls: type) -> None:
    """Give ``cls``'s calls (``get_balance``, ``download``, ...) their full text from :data:`API_METHOD_DOCS`."""
    for name, doc in API_METHOD_DOCS.items():
        getattr(cls, name).__doc__ = doc


def _body(response: Response) -> Any:
    """An error body: decoded JSON if it is JSON, else the text."""
    try:
        return json.loads(response.content)
    except ValueError:
        return response.content.decode("utf-8", "replace")


def _decode(response: Response, built: Request) -> Any:
    """A 2xx answer's JSON; ``None`` for an answer without a body (``204 No Content``: a delete); the
    text of an answer that is not JSON and says it is text (``text/*``, SRT: a transcript in ``text``,
    ``srt`` or ``vtt`` format; runapi-core 0.10.1 returns non-JSON bodies as text too), which only a
    result that reads text takes (:meth:`Result.from_text`)."""
    if response.status_code == 204 or not response.content:
        return None
    try:
        return json.loads(response.content)
    except ValueError:
        if _is_text(response.headers.get("Content-Type")):  # not JSON, and says it is text
            return response.content.decode("utf-8", "replace")
        raise APIResponseValidationError(
            f"{built.method} {built.url} answered {response.status_code} with a body that is not JSON",
            body=response.content[:500].decode("utf-8", "replace"),
            method=built.method,
            url=built.url,
            headers=response.headers,
        ) from None


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


def _is_text(content_type: str | None) -> bool:
    """Whether a ``Content-Type`` names text, not JSON: ``text/*``, ``application/srt``, ``application/x-subrip``."""
    kind = (content_type or "").split(";", 1)[0].strip().lower()
    return kind.startswith("text/") or kind in ("application/srt", "application/x-subrip")
