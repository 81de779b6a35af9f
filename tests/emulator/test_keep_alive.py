"""HTTP/1.1 keep-alive: the emulator keeps a connection open between requests when it safely can.

Each test talks to a started emulator over real sockets (``http.client`` or raw HTTP/1.1 text) and
checks what a client sees: one TCP connection serving several requests, or the connection closed.
Nothing sleeps: a closed connection is awaited with a blocking read (a socket timeout of a few
seconds is the test's bound, not a wait it relies on).
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pytest
from werkzeug.wrappers import Response

from runapi.emulator import Emulator
from runapi.emulator._emulator import KEEP_ALIVE_MAX_BODY, _Connections, _QuietHandler, _Server

from .conftest import API_KEY, BODIES

BALANCE = "/api/v1/me/balance"
LYRICS = "/api/v1/suno/generate_lyrics"
AUTH = {"Authorization": f"Bearer {API_KEY}"}
BOUND = 5.0  # seconds a test waits at most for an answer or a close


def address(emu: Emulator) -> tuple[str, int]:
    host, port = emu.url.removeprefix("http://").split(":")
    return host, int(port)


def connect(emu: Emulator) -> socket.socket:
    sock = socket.create_connection(address(emu), timeout=BOUND)
    return sock


def request(
    path: str, *, method: str = "GET", version: str = "HTTP/1.1", headers: str = "", body: bytes = b""
) -> bytes:
    length = f"Content-Length: {len(body)}\r\n" if body else ""
    head = f"{method} {path} {version}\r\nHost: emulator\r\nAuthorization: Bearer {API_KEY}\r\n{length}{headers}\r\n"
    return head.encode() + body


def answer(sock: socket.socket, method: str = "GET") -> http.client.HTTPResponse:
    """Read one HTTP answer (head and whole body) from ``sock``."""
    response = http.client.HTTPResponse(sock, method=method)
    response.begin()
    response.read()
    return response


def closed_by_server(sock: socket.socket) -> bool:
    """Whether the server ended the connection (end of stream or reset) before ``BOUND`` seconds."""
    sock.settimeout(BOUND)
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True


@pytest.fixture
def connection(emu: Emulator) -> Iterator[http.client.HTTPConnection]:
    conn = http.client.HTTPConnection(*address(emu), timeout=BOUND)
    yield conn
    conn.close()


def test_two_requests_are_served_on_one_tcp_connection(connection: http.client.HTTPConnection, emu: Emulator) -> None:
    connection.request("GET", BALANCE, headers=AUTH)
    first = connection.getresponse()
    assert first.status == 200 and json.loads(first.read())["balance_cents"] == 10_000
    assert first.getheader("Connection") is None and not first.will_close
    sock = connection.sock
    assert sock is not None
    port = sock.getsockname()[1]

    connection.request("GET", BALANCE, headers=AUTH)
    second = connection.getresponse()
    assert second.status == 200 and json.loads(second.read())["balance_cents"] == 10_000
    assert connection.sock is sock and sock.getsockname()[1] == port  # the same TCP connection
    assert [entry["status"] for entry in emu.requests()] == [200, 200]


def test_a_json_post_then_a_get_on_one_connection_both_answer(connection: http.client.HTTPConnection) -> None:
    connection.request(
        "POST", LYRICS, body=json.dumps(BODIES[LYRICS]), headers={**AUTH, "Content-Type": "application/json"}
    )
    created = connection.getresponse()
    assert created.status == 202, created.read()
    task_id = json.loads(created.read())["id"]
    sock = connection.sock

    connection.request("GET", f"{LYRICS}/{task_id}", headers=AUTH)  # the POST body was read whole: no leftover
    status = connection.getresponse()
    payload = json.loads(status.read())
    assert status.status == 200 and (payload["id"], payload["status"]) == (task_id, "processing")
    assert connection.sock is sock


def test_pipelined_requests_are_answered_in_order_on_one_connection(emu: Emulator) -> None:
    body = json.dumps(BODIES[LYRICS]).encode()
    with connect(emu) as sock:
        sock.sendall(request(LYRICS, method="POST", body=body) + request(BALANCE))  # both at once
        created, balance = answer(sock, "POST"), answer(sock)
        assert created.status == 202 and balance.status == 200
        assert [entry["path"] for entry in emu.requests()] == [LYRICS, BALANCE]


def test_a_request_asking_connection_close_gets_the_connection_closed(emu: Emulator) -> None:
    with connect(emu) as sock:
        sock.sendall(request(BALANCE, headers="Connection: close\r\n"))
        response = answer(sock)
        assert response.status == 200 and response.getheader("Connection") == "close"
        assert closed_by_server(sock)


def test_an_http_1_0_request_gets_the_connection_closed(emu: Emulator) -> None:
    with connect(emu) as sock:
        sock.sendall(request(BALANCE, version="HTTP/1.0"))
        response = answer(sock)
        assert response.status == 200 and response.getheader("Connection") == "close"
        assert closed_by_server(sock)


def padded(size: int) -> bytes:
    """A valid generate_lyrics JSON body of exactly ``size`` bytes (trailing spaces are valid JSON)."""
    body = json.dumps(BODIES[LYRICS]).encode()
    return body + b" " * (size - len(body))


def test_a_body_at_the_limit_keeps_the_connection_and_one_over_it_closes(emu: Emulator) -> None:
    assert KEEP_ALIVE_MAX_BODY == 1024 * 1024
    with connect(emu) as sock:
        sock.sendall(request(LYRICS, method="POST", body=padded(KEEP_ALIVE_MAX_BODY)))
        at_limit = answer(sock, "POST")
        assert at_limit.status == 202 and at_limit.getheader("Connection") is None

        sock.sendall(request(LYRICS, method="POST", body=padded(KEEP_ALIVE_MAX_BODY + 1)))  # same connection
        over = answer(sock, "POST")
        assert over.status == 202 and over.getheader("Connection") == "close"  # streamed to the app, as before
        assert closed_by_server(sock)
    assert len(emu.tasks()) == 2


def test_a_chunked_body_is_streamed_and_closes_the_connection(emu: Emulator) -> None:
    body = json.dumps(BODIES[LYRICS]).encode()
    chunked = f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"
    with connect(emu) as sock:
        sock.sendall(request(LYRICS, method="POST", headers="Transfer-Encoding: chunked\r\n") + chunked)
        response = answer(sock, "POST")
        assert response.status == 202 and response.getheader("Connection") == "close"
        assert closed_by_server(sock)


def test_a_streamed_answer_closes_the_connection(emu: Emulator) -> None:
    body = json.dumps({"model": "gpt-5.2", "messages": [{"role": "user", "content": "Hi"}], "stream": True})
    with connect(emu) as sock:
        sock.sendall(request("/v1/chat/completions", method="POST", body=body.encode()))
        response = answer(sock, "POST")
        assert response.status == 200 and response.getheader("Transfer-Encoding") == "chunked"
        assert response.getheader("Connection") == "close"
        assert closed_by_server(sock)


def test_the_drop_fault_drops_a_kept_alive_connection(connection: http.client.HTTPConnection, emu: Emulator) -> None:
    connection.request("GET", BALANCE, headers=AUTH)
    assert connection.getresponse().read()
    emu.inject("drop")
    connection.request("GET", BALANCE, headers=AUTH)  # on the kept-alive connection
    with pytest.raises(ConnectionError):
        connection.getresponse()
    connection.close()
    connection.request("GET", BALANCE, headers=AUTH)  # a new connection is served
    assert connection.getresponse().status == 200
    assert [entry["status"] for entry in emu.requests()] == [200, None, 200]


def test_after_stop_a_kept_alive_connection_is_not_answered(start_emulator: Callable[..., Emulator]) -> None:
    emu = start_emulator()
    with connect(emu) as sock:
        sock.sendall(request(BALANCE))
        assert answer(sock).status == 200
        emu.stop()
        with pytest.raises(ConnectionError):
            sock.sendall(request(BALANCE))
            if sock.recv(1024) == b"":  # closed, not answered
                raise ConnectionAbortedError("closed by the stopped emulator")
    assert len(emu.requests()) == 1


def test_stop_during_a_slow_answer_sends_it_whole_then_closes(start_emulator: Callable[..., Emulator]) -> None:
    emu = start_emulator()
    emu.inject("slow", delay=60)  # cut short by stop()
    with connect(emu) as sock:
        answers: list[http.client.HTTPResponse] = []
        reader = threading.Thread(target=lambda: answers.append(answer(sock)))
        sock.sendall(request(BALANCE))
        reader.start()
        while emu.faults():  # the fault is used up once the request is being held (a bounded spin, no sleep)
            assert reader.is_alive()
        emu.stop()
        reader.join(BOUND)
        [response] = answers
        assert response.status == 200 and response.getheader("Connection") == "close"
        assert closed_by_server(sock)


def test_an_idle_connection_closes_after_the_idle_timeout_quietly(
    start_emulator: Callable[..., Emulator], capfd: pytest.CaptureFixture[str]
) -> None:
    emu = start_emulator(idle_timeout=0.2, verbose=True)
    with connect(emu) as served, connect(emu) as silent:
        served.sendall(request(BALANCE))
        assert answer(served).status == 200
        assert closed_by_server(served)  # within BOUND seconds: after 0.2 s idle
        assert closed_by_server(silent)  # a connection that never sent a request, too
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err + captured.out and "timed out" not in captured.err + captured.out


def test_an_answer_cut_short_closes_the_connection() -> None:
    """An app that fails in the middle of an answer it sized: the client must not wait for the rest."""

    def app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        def body() -> Iterator[bytes]:
            yield b"12345"
            raise RuntimeError("failed half way")

        return Response(body(), headers={"Content-Length": "10"})(environ, start_response)

    server = _Server("127.0.0.1", 0, app, _QuietHandler)
    server.connections = _Connections(idle_timeout=BOUND * 4)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        with socket.create_connection(("127.0.0.1", server.port), timeout=BOUND) as sock:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            received = b""
            while block := sock.recv(1024):  # ends when the server closes, long before its idle timeout
                received += block
            assert received.endswith(b"\r\n\r\n12345")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(BOUND)


def test_answers_on_a_kept_alive_connection_come_without_a_nagle_delay(
    connection: http.client.HTTPConnection,
) -> None:
    """Head and body are two writes: without TCP_NODELAY each answer waits for the client's delayed
    ACK (40 ms on Linux), so 50 answers would take 2 s; they take a few ms each."""
    started = time.perf_counter()
    for _ in range(50):
        connection.request("GET", BALANCE, headers=AUTH)
        assert connection.getresponse().read()
    assert time.perf_counter() - started < 1.5
