"""The one module that talks to ``httpx``: the asyncio client's transport over an ``httpx.AsyncClient`` of yours.

``AsyncClient(http_client=...)`` sends through your client as it is (its proxies, certificates, mounts
and transport: a mock, ``httpx-aiohttp``, ...). Without one, the asyncio client sends with aiohttp
directly (:mod:`runapi._core.aiohttp_transport`).

It sends the same :class:`~runapi._core.transport.Request` values and returns the same
:class:`~runapi._core.transport.Response` values as :class:`~runapi._core.transport.RequestsTransport`,
so everything above it (retries, status -> error, flows, parsing) is shared. ``httpx`` exceptions
become :class:`runapi.APIConnectionError` / :class:`runapi.APITimeoutError`, with ``request_sent``
telling whether the server may have seen the request.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from ..errors import APIConnectionError, APITimeoutError
from .aiohttp_transport import Body, aiohttp_error
from .transport import Request, Response, Timeout, download_error

if TYPE_CHECKING:
    from .download import Download

__all__ = ["HttpxTransport", "translate"]


def translate(exc: httpx.HTTPError, method: str, url: str) -> APIConnectionError:
    """Map an ``httpx`` exception to the SDK's connection errors (no headers in the message).

    An error of an aiohttp-backed client (``httpx-aiohttp``) is read from aiohttp's own exception
    (``__cause__``): ``httpx-aiohttp`` 0.2 turns a refused connection and a read timeout alike into
    ``ConnectTimeout``.
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


def _timeout(timeout: Timeout) -> httpx.Timeout:
    """Connect and read as set; writing may take as long as reading; waiting for a pooled connection, unbounded.

    A request waits for a free connection rather than failing: thousands of concurrent waits share
    ``max_connections`` connections, as threads share the blocking client's pool.
    """
    return httpx.Timeout(connect=timeout.connect, read=timeout.read, write=timeout.read, pool=None)


class HttpxTransport:
    """Sends :class:`Request` values over one ``httpx.AsyncClient`` of yours (it is not closed by :meth:`aclose`).

    Args:
        client: your ``httpx.AsyncClient`` (proxies, certificates, a mock transport), used as it is.
        max_connections: requests inside ``client`` at once; further requests wait for one.
    """

    def __init__(self, client: httpx.AsyncClient, *, max_connections: int = 100) -> None:
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
        body = Body(request, dict(request.headers))
        try:
            async with self._slots:
                answer = await self.client.request(
                    request.method,
                    request.url,
                    headers=body.headers,
                    content=body.data,
                    timeout=_timeout(request.timeout),
                )
        except BaseException as exc:
            instead = body.instead(exc, request)
            if instead is not None:
                raise instead from None
            if isinstance(exc, httpx.HTTPError):
                raise translate(exc, request.method, request.url) from exc
            error = aiohttp_error(exc, request.method, request.url)  # one httpx-aiohttp passed on as it is
            if error is None:
                raise
            raise error from exc
        finally:
            body.close()
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
        except Exception as exc:  # an aiohttp error that httpx-aiohttp passed on as it is
            error = aiohttp_error(exc, "GET", url)
            if error is None:
                raise
            raise error from exc
        finally:
            sink.discard()

    async def aclose(self) -> None:
        """Nothing to release: the client is yours to close."""
