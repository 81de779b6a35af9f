"""The asyncio client's transports on real loopback sockets: :class:`AiohttpTransport` (the default) and
:class:`HttpxTransport` over an ``httpx.AsyncClient`` (httpcore), side by side: the same streamed uploads and downloads,
timeouts, proxies from the environment and errors (``request_sent`` saying whether the server may have the request)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import socket
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from runapi._core.aiohttp_transport import AiohttpTransport, environment_proxy
from runapi._core.httpx_transport import HttpxTransport
from runapi._core.multipart import Multipart
from runapi._core.transport import Request, Response, Timeout
from runapi.errors import APIConnectionError, APIStatusError, APITimeoutError

Transport = AiohttpTransport | HttpxTransport


@contextlib.asynccontextmanager
async def _opened(kind: str) -> AsyncIterator[Transport]:
    """A transport of ``kind``: the default (aiohttp), or httpx's own client as a user would pass it."""
    if kind == "aiohttp":
        transport: Transport = AiohttpTransport()
        try:
            yield transport
        finally:
            await transport.aclose()
    else:
        async with httpx.AsyncClient(follow_redirects=False) as client:
            yield HttpxTransport(client)


@pytest.fixture(params=["aiohttp", "httpx"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


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


def _send(request: Request, kind: str) -> Response:
    async def main() -> Response:
        async with _opened(kind) as transport:
            return await transport.send(request)

    return asyncio.run(main())


def test_a_streamed_upload_has_its_length_and_arrives_whole(kind: str, server: Any, tmp_path: Path) -> None:
    seen: list[bytes] = []

    def behave(conn: socket.socket, head: bytes) -> None:
        seen.extend([head, _body(conn, head)])
        _answer(conn, b'{"ok": true}', b"201 Created")

    up = server(behave)
    data = bytes(range(256)) * 4096  # 1 MiB: 16 blocks of 64 KiB
    (tmp_path / "a.bin").write_bytes(data)
    upload = Multipart([("file_name", "a.bin")], "file", tmp_path / "a.bin")
    answer = _send(Request("POST", up.url + "/upload", {"X-Test": "1"}, None, Timeout(), upload), kind)
    assert answer.status_code == 201 and json.loads(answer.content) == {"ok": True}
    head, body = seen
    assert b"content-length: %d" % len(body) in head.lower() and b"transfer-encoding" not in head.lower()
    assert data in body


def test_a_download_is_streamed_to_disk(kind: str, server: Any, tmp_path: Path) -> None:
    data = bytes(range(256)) * 8192  # 2 MiB
    up = server(lambda conn, head: _answer(conn, data))

    async def main() -> None:
        async with _opened(kind) as transport:
            saved = await transport.download(up.url + "/files/x.bin", tmp_path / "x.bin", timeout=Timeout(), headers={})
        assert Path(saved).read_bytes() == data

    asyncio.run(main())


def test_a_refused_connection_was_not_sent(kind: str) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        url = f"http://127.0.0.1:{taken.getsockname()[1]}/api/v1/x"
    with pytest.raises(APIConnectionError) as caught:
        _send(Request("POST", url, {}, {"a": 1}, Timeout()), kind)
    assert type(caught.value) is APIConnectionError and caught.value.request_sent is False
    assert "could not connect" in str(caught.value)


def test_a_read_timeout_was_sent(kind: str, server: Any) -> None:
    up = server(lambda conn, head: None)  # reads the request, never answers
    with pytest.raises(APITimeoutError) as caught:
        _send(Request("POST", up.url + "/api/v1/x", {}, {"a": 1}, Timeout(connect=5, read=0.1)), kind)
    assert caught.value.request_sent is True and "read timeout" in str(caught.value)


def test_a_connection_dropped_after_the_request_was_sent(kind: str, server: Any) -> None:
    up = server(lambda conn, head: conn.close())
    with pytest.raises(APIConnectionError) as caught:
        _send(Request("POST", up.url + "/api/v1/x", {}, {"a": 1}, Timeout()), kind)
    assert type(caught.value) is APIConnectionError and caught.value.request_sent is True
    assert "connection lost" in str(caught.value)


# the socket closes once its unsent bytes are out, which a stuck peer never takes: aiohttp's transport warns
# when it is collected (on Python 3.13 already inside the test, as an unraisable ResourceWarning)
@pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning")
def test_an_upload_the_server_stops_reading_ends_at_the_write_timeout(kind: str, tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as stuck:  # accepted by the kernel, never read
        stuck.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        (tmp_path / "big.bin").write_bytes(b"\x00" * (64 << 20))
        upload = Multipart([], "file", tmp_path / "big.bin")
        url = f"http://127.0.0.1:{stuck.getsockname()[1]}/upload"
        with pytest.raises(APITimeoutError) as caught:
            _send(Request("POST", url, {}, None, Timeout(connect=5, read=0.2), upload), kind)
    assert caught.value.request_sent is True and "write timeout" in str(caught.value)
    gc.collect()  # the stuck transport's warning, here rather than in a later test


def test_the_environments_proxy_is_used(kind: str, server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    heads: list[bytes] = []

    def proxy(conn: socket.socket, head: bytes) -> None:  # a proxy that answers for the origin itself
        heads.append(head)
        _answer(conn, b'{"via": "proxy"}')

    up = server(proxy)
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", up.url)
    answer = _send(Request("GET", "http://api.runapi.test/api/v1/tasks/1", {}, None, Timeout()), kind)
    assert json.loads(answer.content) == {"via": "proxy"}
    assert heads[0].startswith(b"GET http://api.runapi.test/api/v1/tasks/1 HTTP/1.1\r\n")


# -- the default transport's own choices ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "url", "proxy"),
    [
        ({"HTTP_PROXY": "http://p:1"}, "http://api.test/x", "http://p:1"),
        ({"http_proxy": "p:1"}, "http://api.test/x", "http://p:1"),  # no scheme: http
        ({"HTTP_PROXY": "http://p:1"}, "https://api.test/x", None),  # by the URL's scheme
        ({"HTTPS_PROXY": "http://s:2", "ALL_PROXY": "http://a:3"}, "https://api.test/x", "http://s:2"),
        ({"ALL_PROXY": "http://a:3"}, "http://api.test/x", "http://a:3"),
        ({"HTTP_PROXY": "http://p:1", "NO_PROXY": "test"}, "http://api.test/x", None),  # a subdomain of a listed host
        ({"HTTP_PROXY": "http://p:1", "NO_PROXY": ".api.test"}, "http://api.test/x", None),
        ({"HTTP_PROXY": "http://p:1", "NO_PROXY": "other.test, api.test:8080"}, "http://api.test:8080/x", None),
        ({"HTTP_PROXY": "http://p:1", "NO_PROXY": "api.test:8080"}, "http://api.test:9090/x", "http://p:1"),
        ({"HTTP_PROXY": "http://p:1", "NO_PROXY": "pi.test"}, "http://api.test/x", "http://p:1"),  # not a suffix match
        ({"HTTP_PROXY": "http://p:1", "no_proxy": "*"}, "http://api.test/x", None),
        ({}, "http://api.test/x", None),
    ],
)
def test_the_environments_proxy_is_read_as_httpx_reads_it(
    env: dict[str, str], url: str, proxy: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert environment_proxy(url) == proxy


def test_a_proxys_credentials_are_sent_to_the_proxy_only(server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    heads: list[bytes] = []

    def proxy(conn: socket.socket, head: bytes) -> None:
        heads.append(head)
        _answer(conn, b"{}")

    up = server(proxy)
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", up.url.replace("http://", "http://user:p%40ss@"))
    _send(
        Request("GET", "http://api.runapi.test/api/v1/tasks/1", {"Authorization": "Bearer k"}, None, Timeout()),
        "aiohttp",
    )
    lines = heads[0].decode().split("\r\n")
    assert "Proxy-Authorization: Basic dXNlcjpwQHNz" in lines  # base64 of "user:p@ss"
    assert lines[0] == "GET http://api.runapi.test/api/v1/tasks/1 HTTP/1.1" and "Authorization: Bearer k" in lines


def test_redirects_are_not_followed_and_a_download_error_has_its_status(kind: str, server: Any, tmp_path: Path) -> None:
    def behave(conn: socket.socket, head: bytes) -> None:
        if head.startswith(b"GET /moved"):
            conn.sendall(
                b"HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
            conn.close()
        else:
            _answer(conn, b'{"error": "gone"}', b"404 Not Found")

    up = server(behave)
    assert _send(Request("GET", up.url + "/moved", {}, None, Timeout()), kind).status_code == 302

    async def main() -> None:
        async with _opened(kind) as transport:
            await transport.download(up.url + "/files/x.png", tmp_path / "x.png", timeout=Timeout(), headers={})

    with pytest.raises(APIStatusError) as caught:
        asyncio.run(main())
    assert caught.value.status_code == 404 and not (tmp_path / "x.png").exists()


def test_a_kept_alive_connection_carries_the_next_request(server: Any) -> None:
    peers: list[int] = []

    def behave(conn: socket.socket, head: bytes) -> None:  # answers requests on one connection until it closes
        while head:
            peers.append(conn.getpeername()[1])
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")
            head = conn.recv(65536)

    up = server(behave)

    async def main() -> list[int]:
        async with _opened("aiohttp") as transport:
            return [
                (await transport.send(Request("GET", up.url + f"/{i}", {}, None, Timeout()))).status_code
                for i in range(3)
            ]

    assert asyncio.run(main()) == [200, 200, 200]
    assert len(peers) == 3 and len(set(peers)) == 1  # one TCP connection for the three


def test_the_user_agent_names_the_transport() -> None:
    import aiohttp

    import runapi

    async def main() -> tuple[str, str]:
        default = runapi.AsyncClient(api_key="k")
        async with httpx.AsyncClient() as mine:
            yours = runapi.AsyncClient(api_key="k", http_client=mine)
            agents = (default._common_headers["User-Agent"], yours._common_headers["User-Agent"])
        await default.aclose()
        return agents

    default, yours = asyncio.run(main())
    assert default.endswith(f"; aiohttp {aiohttp.__version__})") and yours.endswith(f"; httpx {httpx.__version__})")
