"""The one module that talks to ``httpx``: the asyncio client's transport.

By default its ``httpx.AsyncClient`` runs on aiohttp's connections (``httpx_aiohttp``): the same httpx
interface (requests, responses, timeouts, proxy mounts from the environment), at about half the CPU per
request of httpcore's pool (docs/performance.md). A client of your own (``AsyncClient(http_client=...)``)
is used as it is.

It sends the same :class:`~runapi._core.transport.Request` values and returns the same
:class:`~runapi._core.transport.Response` values as :class:`~runapi._core.transport.RequestsTransport`,
so everything above it (retries, status -> error, flows, parsing) is shared. ``httpx`` exceptions
become :class:`runapi.APIConnectionError` / :class:`runapi.APITimeoutError`, with ``request_sent``
telling whether the server may have seen the request.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from ..errors import APIConnectionError, APITimeoutError
from .transport import Request, Response, Timeout, download_error

if TYPE_CHECKING:
    from .download import Download

__all__ = ["HttpxTransport", "aiohttp_error", "translate"]


def translate(exc: httpx.HTTPError, method: str, url: str) -> APIConnectionError:
    """Map an ``httpx`` exception to the SDK's connection errors (no headers in the message).

    An error of the aiohttp transport is read from aiohttp's own exception (``__cause__``):
    ``httpx_aiohttp`` 0.2 turns a refused connection and a read timeout alike into ``ConnectTimeout``.
    """
    from_aiohttp = aiohttp_error(exc.__cause__, method, url)
    if from_aiohttp is not None:
        return from_aiohttp
    if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
        return APITimeoutError(f"connect timeout: {method} {url}", method=method, url=url, request_sent=False)
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"read timeout: {method} {url}", method=method, url=url, request_sent=True)
    sent = not isinstance(exc, httpx.ConnectError | httpx.UnsupportedProtocol)
    what = "connection lost" if sent else "could not connect"
    return APIConnectionError(
        f"{what}: {method} {url} ({type(exc).__name__})", method=method, url=url, request_sent=sent
    )


def aiohttp_error(exc: BaseException | None, method: str, url: str) -> APIConnectionError | None:
    """The SDK's error for an aiohttp exception (``None`` for anything else), as :func:`translate` does for httpx's.

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


def _timeout(timeout: Timeout) -> httpx.Timeout:
    """Connect and read as set; writing may take as long as reading; waiting for a pooled connection, unbounded.

    A request waits for a free connection rather than failing: thousands of concurrent waits share
    ``max_connections`` connections, as threads share the blocking client's pool.
    """
    return httpx.Timeout(connect=timeout.connect, read=timeout.read, write=timeout.read, pool=None)


class _Stall:
    """The write timeout of a streamed body: cancels the sending task when no block was taken for ``seconds``.

    aiohttp's read timeout starts once the body is sent, and it has no write timeout; httpx had one
    (the read timeout, see :func:`_timeout`). Each block taken re-arms it; the last one disarms it.
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


async def _chunks(blocks: Iterable[bytes], stall: _Stall) -> AsyncIterator[bytes]:
    """A multipart body's blocks (64 KiB, read from disk as sent) as the async iterator httpx streams."""
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


class HttpxTransport:
    """Sends :class:`Request` values over one ``httpx.AsyncClient`` (connection pooling for many tasks at once).

    Args:
        client: an ``httpx.AsyncClient`` of your own (proxies, certificates, a mock transport); it
            is not closed by :meth:`aclose`. By default a new one is made on aiohttp's connections
            (``httpx_aiohttp``) with ``max_connections`` pooled connections, no redirects, and the
            environment's proxy and certificate settings (``trust_env``), as ``httpx.AsyncClient`` reads them.
        max_connections: pooled connections for the default client; further requests wait for one.
    """

    def __init__(self, client: httpx.AsyncClient | None = None, *, max_connections: int = 100) -> None:
        self._owns_client = client is None
        if client is None:
            from httpx_aiohttp import HttpxAiohttpClient  # aiohttp loads with the first client that uses it

            limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections)
            client = HttpxAiohttpClient(limits=limits, follow_redirects=False)
        self.client = client
        # At most this many requests are inside httpx at once; the rest wait here. httpcore's pool
        # scans every queued request against every connection each time one is released, which
        # turns thousands of concurrent calls quadratic; a semaphore queue is O(1) per wake-up.
        self._slots = asyncio.Semaphore(max_connections)

    async def send(self, request: Request) -> Response:
        """Send one request and return the answer, whatever its status.

        A multipart body is streamed from its source 64 KiB at a time (with its
        ``Content-Length`` when the size is known, else chunked), never read whole.

        Raises:
            APIConnectionError: no answer (``request_sent`` says whether the server may have it).
            APITimeoutError: the connect or read timeout ran out.
        """
        headers = dict(request.headers)
        content: Any = None
        stream = None
        stall = _Stall(request.timeout.read)
        if request.json is not None:
            content = json.dumps(request.json, ensure_ascii=False, allow_nan=False).encode()
            headers["Content-Type"] = "application/json"
        elif request.multipart is not None:
            stream = request.multipart.open()
            headers["Content-Type"] = request.multipart.content_type
            if request.multipart.length is not None:
                headers["Content-Length"] = str(request.multipart.length)
            content = _chunks(stream, stall)
        try:
            async with self._slots:
                answer = await self.client.request(
                    request.method, request.url, headers=headers, content=content, timeout=_timeout(request.timeout)
                )
        except asyncio.CancelledError:
            if not stall.stopped():
                raise
            raise APITimeoutError(
                f"write timeout: {request.method} {request.url}",
                method=request.method,
                url=request.url,
                request_sent=True,
            ) from None
        except Exception as exc:
            if stall.error is not None and exc is not stall.error:
                raise stall.error.with_traceback(None) from None  # the body's error, not the transport's
            if isinstance(exc, httpx.HTTPError):
                raise translate(exc, request.method, request.url) from exc
            error = aiohttp_error(exc, request.method, request.url)  # one httpx_aiohttp passed on as it is
            if error is None:
                raise
            raise error from exc
        finally:
            stall.disarm()
            if stream is not None:
                stream.close()
        return Response(answer.status_code, answer.headers, answer.content, answer.reason_phrase)

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
        try:
            async with (
                self._slots,
                self.client.stream("GET", url, headers=dict(headers), timeout=_timeout(timeout)) as answer,
            ):
                if not 200 <= answer.status_code < 300:
                    first = b""
                    async for chunk in answer.aiter_bytes(500):
                        first = chunk
                        break
                    raise download_error(answer.status_code, first, answer.headers, answer.reason_phrase, url)
                sink.start(answer.headers.get("Content-Type"))
                async for chunk in answer.aiter_bytes(1 << 16):
                    sink.write(chunk)
            return sink.finish()
        except httpx.HTTPError as exc:
            raise translate(exc, "GET", url) from exc
        except Exception as exc:  # an aiohttp error that httpx_aiohttp passed on as it is
            error = aiohttp_error(exc, "GET", url)
            if error is None:
                raise
            raise error from exc
        finally:
            sink.discard()

    async def aclose(self) -> None:
        """Close the client if this transport made it."""
        if self._owns_client:
            await self.client.aclose()
