"""``runapi._core.httpx_transport``: the async client's transport over an ``httpx.AsyncClient`` of yours, on its own
(no client; mock transports). Its behaviour on real sockets is tested with the default transport's, side by side, in
``test_aiohttp_transport.py``."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import httpx
import pytest

from runapi._core.httpx_transport import HttpxTransport, translate
from runapi._core.multipart import Multipart
from runapi._core.transport import Request, Timeout
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


def _send(request: Request, transport: HttpxTransport) -> int:
    async def main() -> int:
        return (await transport.send(request)).status_code

    return asyncio.run(main())


def test_a_client_of_your_own_is_used_as_it_is() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        return httpx.Response(200, json={"ok": True})

    client = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    transport = HttpxTransport(client)
    assert transport.client is client
    assert _send(Request("GET", URL, {}, None, Timeout()), transport) == 200
    assert calls == [URL] and not client.is_closed
    asyncio.run(client.aclose())
