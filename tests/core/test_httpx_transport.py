"""``runapi._core.httpx_transport``: the async client's transport on its own (no client; mock transports, and
loopback sockets for the default aiohttp-backed client)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import httpx
import pytest
from httpx_aiohttp import HttpxAiohttpClient

from runapi._core.httpx_transport import HttpxTransport, translate
from runapi._core.multipart import Multipart
from runapi._core.transport import Request, Response, Timeout
from runapi.errors import APIConnectionError, APITimeoutError

URL = "https://api.test/api/v1/suno/generate_lyrics"


@pytest.mark.parametrize(
    ("error", "kind", "sent"),
    [
        (httpx.ConnectError("refused"), APIConnectionError, False),
        (httpx.UnsupportedProtocol("ftp"), APIConnectionError, False),
        (httpx.ConnectTimeout("slow"), APITimeoutError, False),
        (httpx.PoolTimeout("busy"), APITimeoutError, False),
        (httpx.WriteTimeout("stuck"), APITimeoutError, True),
        (httpx.ReadError("reset"), APIConnectionError, True),
    ],
)
def test_translate_says_whether_the_request_may_have_been_seen(error: httpx.HTTPError, kind: type, sent: bool) -> None:
    translated = translate(error, "POST", URL)
    assert type(translated) is kind
    assert translated.request_sent is sent
    assert URL in str(translated)


def test_at_most_max_connections_requests_are_inside_httpx_at_once() -> None:
    inside = peak = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal inside, peak
        inside += 1
        peak = max(peak, inside)
        for _ in range(5):
            await asyncio.sleep(0)
        inside -= 1
        return httpx.Response(200, json={"ok": True})

    async def main() -> list[int]:
        client = httpx.AsyncClient(transport=httpx.MockTransport(handler))
        transport = HttpxTransport(client, max_connections=3)
        request = Request("GET", URL, {}, None, Timeout())
        answers = await asyncio.gather(*(transport.send(request) for _ in range(20)))
        await transport.aclose()
        assert not client.is_closed  # a client of yours is yours to close
        await client.aclose()
        return [answer.status_code for answer in answers]

    assert asyncio.run(main()) == [200] * 20
    assert peak == 3


def test_a_json_body_and_a_streamed_multipart_body() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        request.read()
        seen.append(request)
        return httpx.Response(201, json={"ok": True}, headers={"Retry-After": "2"})

    async def main() -> None:
        transport = HttpxTransport(httpx.AsyncClient(transport=httpx.MockTransport(handler)))
        answer = await transport.send(Request("POST", URL, {"X-Test": "1"}, {"prompt": "é"}, Timeout()))
        assert answer.retry_after == "2" and json.loads(answer.content) == {"ok": True}
        upload = Multipart([("file_name", "a.bin")], "file", b"\x00\x01\x02", filename="a.bin")
        await transport.send(Request("POST", URL, {}, None, Timeout(), upload))
        await transport.aclose()

    asyncio.run(main())
    as_json, as_form = seen
    assert json.loads(as_json.content) == {"prompt": "é"} and as_json.headers["Content-Type"] == "application/json"
    assert as_form.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert int(as_form.headers["Content-Length"]) == len(as_form.content) and b"\x00\x01\x02" in as_form.content


# -- the default client, on aiohttp, against real loopback sockets -------------------------------------------


class _Server:
    """A one-purpose HTTP server on loopback, in a thread: ``behave(conn, head)`` answers each connection.

    ``head`` is the request's bytes up to the blank line; ``body`` reads the rest (by ``Content-Length``).
    """

    def __init__(self, behave: Callable[[socket.socket, bytes], None]) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.behave = behave
        self.threads: list[threading.Thread] = []
        self.conns: list[socket.socket] = []
        self.accepting = threading.Thread(target=self._accept, daemon=True)
        self.accepting.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.conns.append(conn)
            thread = threading.Thread(target=self._one, args=(conn,), daemon=True)
            self.threads.append(thread)
            thread.start()

    def _one(self, conn: socket.socket) -> None:
        with contextlib.suppress(OSError):
            head = b""
            while b"\r\n\r\n" not in head:
                got = conn.recv(65536)
                if not got:
                    return
                head += got
            self.behave(conn, head)

    def close(self) -> None:
        self.listener.close()
        for conn in self.conns:
            with contextlib.suppress(OSError):
                conn.close()


def _body(conn: socket.socket, head: bytes) -> bytes:
    top, _, body = head.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1]) for line in top.split(b"\r\n") if line.lower().startswith(b"content-length:")
    )
    while len(body) < length:
        body += conn.recv(65536)
    return body


def _answer(conn: socket.socket, body: bytes, status: bytes = b"200 OK") -> None:
    conn.sendall(b"HTTP/1.1 " + status + b"\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % len(body) + body)
    conn.close()


@pytest.fixture
def server() -> Iterator[Callable[[Callable[[socket.socket, bytes], None]], _Server]]:
    made: list[_Server] = []

    def make(behave: Callable[[socket.socket, bytes], None]) -> _Server:
        made.append(_Server(behave))
        return made[-1]

    yield make
    for each in made:
        each.close()


def _send(request: Request, transport: HttpxTransport | None = None) -> Response:
    async def main() -> Response:
        used = transport or HttpxTransport()
        try:
            return await used.send(request)
        finally:
            await used.aclose()

    return asyncio.run(main())


def test_the_default_client_is_httpx_on_aiohttp_and_reads_the_environment() -> None:
    transport = HttpxTransport()
    assert isinstance(transport.client, HttpxAiohttpClient)
    assert transport.client.trust_env and not transport.client.follow_redirects
    asyncio.run(transport.aclose())


def test_a_streamed_upload_has_its_length_and_arrives_whole(server: Any, tmp_path: Path) -> None:
    seen: list[bytes] = []

    def behave(conn: socket.socket, head: bytes) -> None:
        seen.extend([head, _body(conn, head)])
        _answer(conn, b'{"ok": true}', b"201 Created")

    up = server(behave)
    data = bytes(range(256)) * 4096  # 1 MiB: 16 blocks of 64 KiB
    (tmp_path / "a.bin").write_bytes(data)
    upload = Multipart([("file_name", "a.bin")], "file", tmp_path / "a.bin")
    answer = _send(Request("POST", up.url + "/upload", {"X-Test": "1"}, None, Timeout(), upload))
    assert answer.status_code == 201 and json.loads(answer.content) == {"ok": True}
    head, body = seen
    assert b"content-length: %d" % len(body) in head.lower() and b"transfer-encoding" not in head.lower()
    assert data in body


def test_a_download_is_streamed_to_disk(server: Any, tmp_path: Path) -> None:
    data = bytes(range(256)) * 8192  # 2 MiB
    up = server(lambda conn, head: _answer(conn, data))

    async def main() -> None:
        transport = HttpxTransport()
        saved = await transport.download(up.url + "/files/x.bin", tmp_path / "x.bin", timeout=Timeout(), headers={})
        await transport.aclose()
        assert Path(saved).read_bytes() == data

    asyncio.run(main())


def test_a_refused_connection_was_not_sent() -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        url = f"http://127.0.0.1:{taken.getsockname()[1]}/api/v1/x"
    with pytest.raises(APIConnectionError) as caught:
        _send(Request("POST", url, {}, {"a": 1}, Timeout()))
    assert type(caught.value) is APIConnectionError and caught.value.request_sent is False
    assert "could not connect" in str(caught.value)


def test_a_read_timeout_was_sent(server: Any) -> None:
    up = server(lambda conn, head: None)  # reads the request, never answers
    with pytest.raises(APITimeoutError) as caught:
        _send(Request("POST", up.url + "/api/v1/x", {}, {"a": 1}, Timeout(connect=5, read=0.1)))
    assert caught.value.request_sent is True and "read timeout" in str(caught.value)


def test_a_connection_dropped_after_the_request_was_sent(server: Any) -> None:
    up = server(lambda conn, head: conn.close())
    with pytest.raises(APIConnectionError) as caught:
        _send(Request("POST", up.url + "/api/v1/x", {}, {"a": 1}, Timeout()))
    assert type(caught.value) is APIConnectionError and caught.value.request_sent is True
    assert "connection lost" in str(caught.value)


# the socket closes once its unsent bytes are out, which a stuck peer never takes: aiohttp's transport warns
# when it is collected (on Python 3.13 already inside the test, as an unraisable ResourceWarning)
@pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning")
def test_an_upload_the_server_stops_reading_ends_at_the_write_timeout(tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as stuck:  # accepted by the kernel, never read
        stuck.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        (tmp_path / "big.bin").write_bytes(b"\x00" * (64 << 20))
        upload = Multipart([], "file", tmp_path / "big.bin")
        url = f"http://127.0.0.1:{stuck.getsockname()[1]}/upload"
        with pytest.raises(APITimeoutError) as caught:
            _send(Request("POST", url, {}, None, Timeout(connect=5, read=0.2), upload))
    assert caught.value.request_sent is True and "write timeout" in str(caught.value)
    gc.collect()  # the stuck transport's warning, here rather than in a later test


def test_the_environments_proxy_is_used(server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    heads: list[bytes] = []

    def proxy(conn: socket.socket, head: bytes) -> None:  # a proxy that answers for the origin itself
        heads.append(head)
        _answer(conn, b'{"via": "proxy"}')

    up = server(proxy)
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", up.url)
    answer = _send(Request("GET", "http://api.runapi.test/api/v1/tasks/1", {}, None, Timeout()))
    assert json.loads(answer.content) == {"via": "proxy"}
    assert heads[0].startswith(b"GET http://api.runapi.test/api/v1/tasks/1 HTTP/1.1\r\n")


@pytest.mark.parametrize(
    ("cause", "kind", "sent", "words"),
    [
        (aiohttp.ConnectionTimeoutError("slow"), APITimeoutError, False, "connect timeout"),
        (aiohttp.SocketTimeoutError("silent"), APITimeoutError, True, "read timeout"),
        (aiohttp.ServerDisconnectedError(), APIConnectionError, True, "connection lost"),
        (aiohttp.ClientPayloadError("cut"), APIConnectionError, True, "connection lost"),
        (aiohttp.InvalidURL("ftp://x"), APIConnectionError, False, "could not connect"),
    ],
)
def test_aiohttps_own_error_decides_not_httpx_aiohttps_mapping(
    cause: Exception, kind: type, sent: bool, words: str
) -> None:
    wrapped = httpx.ConnectTimeout(str(cause))  # what httpx_aiohttp 0.2 raises for most of them
    wrapped.__cause__ = cause
    translated = translate(wrapped, "POST", URL)
    assert type(translated) is kind and translated.request_sent is sent and words in str(translated)


def test_a_client_of_your_own_is_used_as_it_is() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        return httpx.Response(200, json={"ok": True})

    client = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    transport = HttpxTransport(client)
    assert transport.client is client
    assert _send(Request("GET", URL, {}, None, Timeout()), transport).status_code == 200
    assert calls == [URL] and not client.is_closed
    asyncio.run(client.aclose())
