"""The one module that talks to ``aiohttp``: the asyncio client's default transport.

:class:`AiohttpTransport` sends the same :class:`~runapi._core.transport.Request` values and returns
the same :class:`~runapi._core.transport.Response` values as
:class:`~runapi._core.transport.RequestsTransport` (blocking) and
:class:`~runapi._core.httpx_transport.HttpxTransport` (an ``httpx.AsyncClient`` of yours), so
everything above it (retries, status -> error, flows, parsing) is shared. It calls aiohttp's
``ClientSession`` directly: about a quarter less CPU per request than the same connections under
httpx's request and response models (``httpx-aiohttp``, the default before; docs/performance.md).

What it keeps from the httpx client it replaces, so that nothing a user set changes:

- **Proxies** from the environment, as httpx reads them: ``HTTP_PROXY`` for ``http://`` URLs,
  ``HTTPS_PROXY`` for ``https://``, ``ALL_PROXY`` for both, ``NO_PROXY`` (lower-case names too);
  credentials in a proxy URL become its ``Proxy-Authorization``. Read once per origin, when the
  transport first calls it. ``~/.netrc`` is not read (the API key is the auth).
- **Certificates**: ``SSL_CERT_FILE`` or ``SSL_CERT_DIR`` if set, else ``certifi``'s bundle (httpx's
  default), loaded on the first ``https://`` request.
- **Timeouts**: connect and read as set; a streamed upload's writing may take as long as a read
  (:class:`Stall`: aiohttp has no write timeout); waiting for a pooled connection is unbounded (a
  request waits its turn rather than failing).
- **No redirects** followed; compressed answers (gzip, deflate) decoded. Credentials in a URL
  (``https://user:pw@host``) are not sent, as the blocking client does not send them: the API key is
  the ``Authorization``.
- **Errors**: aiohttp's exceptions become :class:`runapi.APIConnectionError` /
  :class:`runapi.APITimeoutError`, with ``request_sent`` telling whether the server may have seen
  the request (:func:`aiohttp_error`).

``aiohttp`` itself is imported when the first transport is made, not with this module:
:mod:`runapi._core.httpx_transport` shares :class:`Body` (a request's body, streamed, with its write
timeout) and :func:`aiohttp_error`.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import sys
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from ..errors import APIConnectionError, APITimeoutError
from .transport import Request, Response, Timeout, download_error

if TYPE_CHECKING:
    import ssl

    import aiohttp

    from .download import Download

__all__ = ["AiohttpTransport", "Body", "Stall", "aiohttp_error", "chunks", "environment_proxy"]

BLOCK = 1 << 16
"""Bytes per block of a streamed upload or download (64 KiB)."""


def aiohttp_error(exc: BaseException | None, method: str, url: str) -> APIConnectionError | None:
    """The SDK's error for an aiohttp exception (``None`` for anything else).

    Not sent: connect timeout, refused or failed connection (also through a proxy, or TLS), a proxy's
    refusal, a bad URL. Sent: a read timeout, and a connection lost once it was open.
    """
    aiohttp = sys.modules.get("aiohttp")  # loaded if it raised anything
    if aiohttp is None or not isinstance(exc, aiohttp.ClientError):
        return None
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return APITimeoutError(f"connect timeout: {method} {url}", method=method, url=url, request_sent=False)
    if isinstance(exc, aiohttp.ServerTimeoutError):
        return APITimeoutError(f"read timeout: {method} {url}", method=method, url=url, request_sent=True)
    sent = not isinstance(exc, aiohttp.ClientConnectorError | aiohttp.ClientHttpProxyError | aiohttp.InvalidURL)
    what = "connection lost" if sent else "could not connect"
    return APIConnectionError(
        f"{what}: {method} {url} ({type(exc).__name__})", method=method, url=url, request_sent=sent
    )


class Stall:
    """The write timeout of a streamed body: cancels the sending task when no block was taken for ``seconds``.

    aiohttp's read timeout starts once the body is sent, and it has no write timeout; httpx had one
    (the read timeout). Each block taken re-arms it; the last one disarms it.
    """

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.task = asyncio.current_task()
        self.fired = False
        self.error: Exception | None = None  # the body's own (an upload past the limit): raised as it is
        self._handle: asyncio.TimerHandle | None = None

    def arm(self) -> None:
        self.disarm()
        if self.seconds is not None and self.task is not None:
            self._handle = asyncio.get_running_loop().call_later(self.seconds, self._fire)

    def disarm(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _fire(self) -> None:
        self.fired = True
        if self.task is not None:
            self.task.cancel()

    def stopped(self) -> bool:
        """Whether a cancellation was this timeout's (then withdrawn from the task)."""
        if not self.fired:
            return False
        if sys.version_info >= (3, 11) and self.task is not None:
            self.task.uncancel()
        return True

    def timeout_error(self, request: Request) -> APITimeoutError:
        """The error for a body that stopped being taken (the server may have seen part of it)."""
        return APITimeoutError(
            f"write timeout: {request.method} {request.url}", method=request.method, url=request.url, request_sent=True
        )


async def chunks(blocks: Iterable[bytes], stall: Stall) -> AsyncIterator[bytes]:
    """A multipart body's blocks (64 KiB, read from disk as sent) as an async iterator, re-arming ``stall``."""
    stall.arm()
    try:
        for block in blocks:
            yield block
            stall.arm()  # the block was taken: the one before it is written
    except Exception as exc:  # aiohttp would wrap it in a connection error
        stall.error = exc
        raise
    finally:
        stall.disarm()


class Body:
    """A request's body as the async transports send it: JSON bytes, or a multipart streamed from its source.

    ``headers`` are the request's plus the body's (``Content-Type``; a multipart's ``Content-Length``
    when its size is known, else it goes chunked). A multipart is read 64 KiB at a time as it is
    sent, never whole, under a write timeout of the request's read timeout (:class:`Stall`).
    :meth:`instead` says what to raise for a transport error the body caused; :meth:`close` ends it.
    """

    __slots__ = ("data", "headers", "stall", "stream")

    def __init__(self, request: Request, headers: dict[str, str]) -> None:
        self.headers = headers
        self.data: Any = None
        self.stream: Any = None
        self.stall: Stall | None = None
        if request.json is not None:
            self.data = json.dumps(request.json, ensure_ascii=False, allow_nan=False).encode()
            headers["Content-Type"] = "application/json"
        elif request.multipart is not None:
            self.stall = Stall(request.timeout.read)
            self.stream = request.multipart.open()
            headers["Content-Type"] = request.multipart.content_type
            if request.multipart.length is not None:
                headers["Content-Length"] = str(request.multipart.length)
            self.data = chunks(self.stream, self.stall)

    def instead(self, exc: BaseException, request: Request) -> BaseException | None:
        """The error to raise for ``exc`` when the body caused it: the write timeout for the cancellation it
        made, the body's own error (an upload past the limit) for the transport's wrapping of it; else ``None``."""
        stall = self.stall
        if stall is None:
            return None
        if isinstance(exc, asyncio.CancelledError):
            return stall.timeout_error(request) if stall.stopped() else None
        if stall.error is not None and exc is not stall.error:
            return stall.error.with_traceback(None)
        return None

    def close(self) -> None:
        if self.stall is not None:
            self.stall.disarm()
        if self.stream is not None:
            self.stream.close()


def environment_proxy(url: str) -> str | None:
    """The proxy URL the environment names for ``url``, as httpx reads it (``None``: connect directly).

    ``HTTP_PROXY`` / ``HTTPS_PROXY`` by the URL's scheme, else ``ALL_PROXY``; none for a host that
    ``NO_PROXY`` lists (a comma-separated list of hosts, each also covering its subdomains, with an
    optional ``:port``; ``*`` for every host). Names in upper or lower case.
    """
    from urllib.request import getproxies_environment

    proxies = getproxies_environment()
    parts = urlsplit(url)
    proxy = proxies.get(parts.scheme) or proxies.get("all")
    if not proxy:
        return None
    host = (parts.hostname or "").lower()
    netloc = f"{host}:{parts.port}" if parts.port is not None else host
    for entry in proxies.get("no", "").replace(" ", "").lower().split(","):
        entry = entry.lstrip(".")
        if entry == "*" or (entry and (netloc == entry or host == entry or host.endswith("." + entry))):
            return None
    return proxy if "://" in proxy else f"http://{proxy}"


def _certificates() -> ssl.SSLContext:
    """Verified TLS as httpx sets it up: ``SSL_CERT_FILE`` or ``SSL_CERT_DIR`` if set, else certifi's bundle."""
    import ssl

    cafile, capath = os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR")
    if cafile and os.path.isfile(cafile):
        return ssl.create_default_context(cafile=cafile)
    if capath and os.path.isdir(capath):
        return ssl.create_default_context(capath=capath)
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


class _Origin:
    """What one origin's requests share: its proxy (and the proxy's credentials) and TLS context, worked out once."""

    __slots__ = ("bare", "headers", "proxy", "proxy_headers", "ssl")

    def __init__(self, url: str, certificates: Callable[[], ssl.SSLContext]) -> None:
        parts = urlsplit(url)
        # credentials in a base URL are not sent, as the blocking client does not send them: the API key is the
        # Authorization (aiohttp would refuse the two together)
        self.bare: str | None = (
            None if parts.username is None else url.replace(parts.netloc, parts.netloc.rpartition("@")[2], 1)
        )
        proxy = environment_proxy(url)
        self.headers: dict[str, str] = {}  # added to each request: a plain-http proxy's credentials
        self.proxy_headers: dict[str, str] | None = None  # on the CONNECT of a tunnel (https through a proxy)
        if proxy is not None:
            parts = urlsplit(proxy)
            if parts.username is not None:  # sent to the proxy only, as Proxy-Authorization (Basic)
                pair = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
                auth = {"Proxy-Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}
                if url.startswith("https:"):
                    self.proxy_headers = auth
                else:
                    self.headers = auth
                proxy = proxy.replace(parts.netloc, parts.netloc.rpartition("@")[2], 1)
        self.proxy = proxy
        self.ssl: ssl.SSLContext | bool = certificates() if url.startswith("https:") else True


class AiohttpTransport:
    """Sends :class:`Request` values over one ``aiohttp.ClientSession`` (pooled connections for many tasks at once).

    The session is made on the first request, on its event loop, with ``max_connections``
    pooled connections (kept alive between requests); further requests wait for a free one. See
    the module docstring for proxies, certificates, timeouts and errors.

    Args:
        max_connections: pooled connections; at most this many requests are in flight at once.
    """

    def __init__(self, *, max_connections: int = 100) -> None:
        self.max_connections = max_connections
        self.session: aiohttp.ClientSession | None = None
        self._slots = asyncio.Semaphore(max_connections)  # an O(1) queue in front of the pool
        self._origins: dict[str, _Origin] = {}
        self._timeouts: dict[Timeout, aiohttp.ClientTimeout] = {}
        self._certificates: ssl.SSLContext | None = None

    def _session(self) -> aiohttp.ClientSession:
        if self.session is None:
            import aiohttp

            connector = aiohttp.TCPConnector(limit=self.max_connections)
            self.session = aiohttp.ClientSession(connector=connector, trust_env=False)
        return self.session

    def _tls(self) -> ssl.SSLContext:
        if self._certificates is None:
            self._certificates = _certificates()
        return self._certificates

    def _origin(self, url: str) -> tuple[_Origin, str]:
        """The settings of ``url``'s origin (``scheme://host:port``, the text before the path), and the URL to send."""
        end = url.find("/", url.find("://") + 3)
        key = url if end < 0 else url[:end]
        origin = self._origins.get(key)
        if origin is None:
            parts = urlsplit(url)
            origin = self._origins[key] = _Origin(f"{parts.scheme}://{parts.netloc}", self._tls)
        return origin, (url if origin.bare is None else origin.bare + url[len(key) :])

    def _timeout(self, timeout: Timeout) -> aiohttp.ClientTimeout:
        made = self._timeouts.get(timeout)
        if made is None:
            import aiohttp

            made = self._timeouts[timeout] = aiohttp.ClientTimeout(
                total=None, connect=None, sock_connect=timeout.connect, sock_read=timeout.read
            )
        return made

    async def send(self, request: Request) -> Response:
        """Send one request and return the answer, whatever its status.

        A multipart body is streamed from its source 64 KiB at a time (with its
        ``Content-Length`` when the size is known, else chunked), never read whole.

        Raises:
            APIConnectionError: no answer (``request_sent`` says whether the server may have it).
            APITimeoutError: the connect, read or (a streamed upload's) write timeout ran out.
        """
        origin, url = self._origin(request.url)
        body = Body(request, {**request.headers, **origin.headers} if origin.headers else dict(request.headers))
        try:
            async with (
                self._slots,
                self._session().request(
                    request.method,
                    url,
                    headers=body.headers,
                    data=body.data,
                    timeout=self._timeout(request.timeout),
                    allow_redirects=False,
                    proxy=origin.proxy,
                    proxy_headers=origin.proxy_headers,
                    ssl=origin.ssl,
                ) as answer,
            ):
                content = await answer.read()
        except BaseException as exc:
            instead = body.instead(exc, request)
            if instead is not None:
                raise instead from None
            error = aiohttp_error(exc, request.method, request.url)
            if error is None:
                raise
            raise error from exc
        finally:
            body.close()
        return Response(answer.status, answer.headers, content, answer.reason or "")

    async def download(
        self,
        url: str,
        dest: Path | Callable[[str | None], Path],
        *,
        timeout: Timeout,
        headers: Mapping[str, str],
        overwrite: bool = False,
    ) -> Download:
        """Stream ``url`` to disk at ``dest`` in 64 KiB chunks (see ``RequestsTransport.download``).

        Writing each chunk to the local file is a short blocking call on the event loop.
        """
        from .download import Sink  # loaded on first download

        sink = Sink(url, dest, overwrite=overwrite)
        origin, sent = self._origin(url)
        try:
            async with (
                self._slots,
                self._session().get(
                    sent,
                    headers={**headers, **origin.headers},
                    timeout=self._timeout(timeout),
                    allow_redirects=False,
                    proxy=origin.proxy,
                    proxy_headers=origin.proxy_headers,
                    ssl=origin.ssl,
                ) as answer,
            ):
                if not 200 <= answer.status < 300:
                    first = await answer.content.read(500)
                    raise download_error(answer.status, first, answer.headers, answer.reason or "", url)
                sink.start(answer.headers.get("Content-Type"))
                async for chunk in answer.content.iter_chunked(BLOCK):
                    sink.write(chunk)
            return sink.finish()
        except Exception as exc:
            error = aiohttp_error(exc, "GET", url)
            if error is None:
                raise
            raise error from exc
        finally:
            sink.discard()

    async def aclose(self) -> None:
        """Close the session and its connections (a transport never used has none)."""
        if self.session is not None:
            await self.session.close()
