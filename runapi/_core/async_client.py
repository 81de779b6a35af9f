"""The asyncio client: :class:`AsyncClientCore` (the driver, on aiohttp) and :class:`AsyncBaseClient` (the API key).

A peer of :mod:`runapi._core.client`, of the same shape: both build on the no-I/O half in
:mod:`runapi._core.base` (settings applied, request building, status -> error, download targets)
and neither imports the other. Only the driver is written again: :meth:`AsyncClientCore._run`
performs a flow's effects with ``await`` (the transport's ``send``, the injectable ``sleep``)
where ``ClientCore._run`` blocks. Flows, retry decisions, request building, status -> error and
parsing are the shared ones (:mod:`runapi._core.base`, :mod:`runapi._core.flows`,
:mod:`runapi._core.retry`). A waiting task is a suspended coroutine, not a thread: thousands of
``wait()`` calls share one event loop and ``max_connections`` pooled connections.

The public constructor (:class:`AsyncBaseClient`, hence ``runapi.AsyncClient``) writes out every
keyword argument for users and type checkers, and hands them once to :meth:`ClientSettings.build`
(see :mod:`runapi._core.settings`).
"""

from __future__ import annotations

import asyncio
import logging
import os
import platform
import sys
import time
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar, overload

from .._version import __version__
from ..errors import APIError
from .base import Account, APIClientBase, Balance, ClientBase, document_calls, logger
from .families import FamilyAttribute
from .flows import Call, Flow, Reply, Sleep
from .models import Task
from .options import RequestOptions
from .retry import with_retries_async
from .settings import DEFAULT_MAX_CONNECTIONS, DEFAULT_TIMEOUT, ClientSettings
from .transport import Request, Response, Timeout

if TYPE_CHECKING:
    import httpx

    from .download import Download
    from .files import Files
    from .pricing import AsyncPricing
    from .tasks import AsyncTasks
    from .uploads import Uploads

if sys.version_info >= (3, 11):
    from typing import Self
else:  # pragma: no cover - Python 3.10
    from typing_extensions import Self

__all__ = ["AsyncBaseClient", "AsyncClientCore", "async_user_agent"]

T = TypeVar("T")


def async_user_agent(library: str, version: str) -> str:
    """The ``User-Agent`` of an asyncio client sending with ``library`` (``aiohttp``; ``httpx`` for yours)."""
    return f"runapi-python/{__version__} (Python {platform.python_version()}; {library} {version})"


class AsyncTransport(Protocol):
    """What the driver needs of a transport: :class:`~runapi._core.aiohttp_transport.AiohttpTransport` (the
    default) or :class:`~runapi._core.httpx_transport.HttpxTransport` (an ``httpx.AsyncClient`` of yours)."""

    async def send(self, request: Request) -> Response: ...

    async def download(
        self,
        url: str,
        dest: Path | Callable[[str | None], Path],
        *,
        timeout: Timeout,
        headers: Mapping[str, str],
        overwrite: bool = False,
    ) -> Download: ...

    async def aclose(self) -> None: ...


class AsyncClientCore(ClientBase):
    """A client's asyncio driver: aiohttp for the transport (or an ``httpx.AsyncClient`` of yours), ``asyncio.sleep``
    between polls."""

    is_async = True
    user_agent: str

    def __init__(self, settings: ClientSettings, http_client: httpx.AsyncClient | None = None) -> None:
        self._transport: AsyncTransport
        if http_client is None:
            import aiohttp

            from .aiohttp_transport import AiohttpTransport

            self.user_agent = async_user_agent("aiohttp", aiohttp.__version__)
            self._transport = AiohttpTransport(max_connections=settings.max_connections)
        else:
            import httpx

            from .httpx_transport import HttpxTransport

            self.user_agent = async_user_agent("httpx", httpx.__version__)
            self._transport = HttpxTransport(http_client, max_connections=settings.max_connections)
        self._configure(settings)
        self._sleep: Callable[[float], Awaitable[None]] = settings.sleep

    async def aclose(self) -> None:
        """Release pooled connections (an ``http_client`` passed in by you is left open)."""
        await self._transport.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    # -- the driver ---------------------------------------------------------------------------

    async def _run(self, flow: Flow[T], options: RequestOptions) -> T:
        """Perform a flow's effects, awaiting each Call (with retries) and each Sleep (see ``ClientCore._run``)."""
        try:
            effect = next(flow)
            while True:
                if isinstance(effect, Sleep):
                    await self._sleep(effect.seconds)
                    effect = flow.send(None)
                    continue
                try:
                    reply = await self._send(effect, options)
                except APIError as exc:
                    effect = flow.throw(exc.with_traceback(None))  # no retry-machinery frames for users
                else:
                    effect = flow.send(reply)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]
        finally:
            flow.close()

    async def _send(self, call: Call, options: RequestOptions) -> Reply:
        built = self._build(call, options)
        try:
            response = await with_retries_async(
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

    async def _attempt(self, built: Request) -> Response:
        started = time.monotonic() if logger.isEnabledFor(logging.DEBUG) else None
        return self._checked(await self._transport.send(built), built, started)


class AsyncBaseClient(APIClientBase, AsyncClientCore):
    """An asyncio RunAPI client without families; ``runapi.AsyncClient`` is this plus every family.

    It takes :class:`BaseClient`'s arguments, but ``http_client`` (an ``httpx.AsyncClient`` of
    your own, not closed by us) in place of ``session``, and an async ``sleep``
    (``asyncio.sleep`` by default; tests pass a fake). Every call is awaited; the errors,
    retries, polling and options are :class:`BaseClient`'s. Use it as ``async with``, or
    ``await client.aclose()``, to release connections. Like the blocking client it is not copied
    or pickled (``TypeError``): ``with_options()`` is its copy.

    Raises:
        MissingAPIKeyError: no ``api_key`` and no ``RUNAPI_API_KEY``.
        ValidationError: an option is out of range or of the wrong type, naming the option.
    """

    files: FamilyAttribute[Files[AsyncBaseClient]] = FamilyAttribute("runapi._core.files", "Files")
    """File uploads (docs: File Upload): ``await client.files.from_stream(file=...)``, ...."""
    tasks: FamilyAttribute[AsyncTasks] = FamilyAttribute("runapi._core.tasks", "AsyncTasks")
    """Stored task results: ``await client.tasks.get(...)``, ``wait``, ``subscribe(location)``."""
    uploads: FamilyAttribute[Uploads[AsyncBaseClient]] = FamilyAttribute("runapi._core.uploads", "Uploads")
    """Multipart uploads (``/v1/uploads``, runapi-core 0.10.1): ``create``, ``add_part``, ``complete``, ``upload``."""

    @property
    def pricing(self) -> AsyncPricing:
        """Live pricing (runapi-core 0.10.1): ``schedules(...)`` and ``quote(...)``; see :class:`runapi.AsyncPricing`.

        One per client, made on first use; it remembers each schedule's ``ETag`` (see ``schedules``).
        """
        found: AsyncPricing | None = self.__dict__.get("_pricing")
        if found is None:
            from .pricing import AsyncPricing

            found = self.__dict__["_pricing"] = AsyncPricing(self)
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
        http_client: httpx.AsyncClient | None = None,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
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
        super().__init__(settings, http_client)

    # -- account and files ----------------------------------------------------------------------

    async def get_balance(self) -> Balance:
        """Return the account balance (``GET /api/v1/me/balance``; docs: Common > Get Balance)."""
        return await self._run(self._balance_flow(), RequestOptions())

    async def get_account(self) -> Account:
        """Return the account the API key belongs to (``GET /api/v1/me``; see :class:`Account`)."""
        return await self._run(self._account_flow(), RequestOptions())

    async def download(self, url: str, path: str | os.PathLike[str], *, overwrite: bool = False) -> Download:
        """Download one output file (``audio_url``, ``images[].url``, ``videos[].url``) to disk."""
        return await self._download(url, self._download_target(url, path, overwrite), overwrite=overwrite)

    async def download_outputs(
        self, task: Task, folder: str | os.PathLike[str], *, overwrite: bool = False, name: str | None = None
    ) -> list[Download]:
        """Download every output of ``task`` (its :attr:`~runapi.Task.output_urls`) into ``folder``."""
        targets = self._output_targets(task, folder, overwrite, name)
        return [await self._download(url, target, overwrite=overwrite) for url, target in targets]

    async def _download(
        self,
        url: str,
        dest: Path | Callable[[str | None], Path],
        *,
        overwrite: bool,
        headers: Mapping[str, str] | None = None,
    ) -> Download:
        """Stream one file with retries (no API key, only the User-Agent, unless ``headers`` say otherwise)."""
        sent = {"User-Agent": self.user_agent} if headers is None else headers

        def attempt(target: Path | Callable[[str | None], Path]) -> Awaitable[Download]:
            return self._transport.download(url, target, timeout=self.timeout, headers=sent, overwrite=overwrite)

        try:
            done = await with_retries_async(
                attempt,
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
    async def post(
        self,
        path: str,
        *,
        json: Mapping[str, Any] | None = None,
        task: Literal[False] = False,
        idempotency_key: str | None = None,
    ) -> Any: ...

    @overload
    async def post(
        self,
        path: str,
        *,
        json: Mapping[str, Any] | None = None,
        task: Literal[True],
        wait: bool = False,
        idempotency_key: str | None = None,
    ) -> Task: ...

    async def post(
        self,
        path: str,
        *,
        json: Mapping[str, Any] | None = None,
        task: bool = False,
        wait: bool = False,
        idempotency_key: str | None = None,
    ) -> Any:
        """POST ``json`` to any path of the base URL (see :meth:`runapi.Client.post`)."""
        return await self._run(*self._raw_post(path, json, task, wait, idempotency_key))

    async def get(self, path: str, *, params: Mapping[str, Any] | None = None) -> Any:
        """GET any path of the base URL; return the decoded JSON (see :meth:`runapi.Client.get`)."""
        from .raw import get_flow, raw_path

        return await self._run(get_flow(raw_path(self.base_url, path, params)), RequestOptions())


document_calls(AsyncBaseClient)  # the full texts, shared with BaseClient
