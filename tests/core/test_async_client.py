"""``runapi.AsyncClient`` without a server: ``httpx.MockTransport`` answers, a fake clock sleeps.

What is particular to the asyncio driver and the httpx transport: what goes on the wire, retries
and polls awaited on the injected ``sleep`` (never for real), errors translated from httpx with
``request_sent``, streamed uploads and downloads, and closing. The operations themselves run on
both clients in ``tests/integration`` (the same tests, parametrized).
"""

from __future__ import annotations

import asyncio
import inspect
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

import runapi
from tests.conftest import API_KEY, BASE_URL, FakeClock

Handler = Callable[[httpx.Request], httpx.Response]
LYRICS = BASE_URL + "/api/v1/suno/generate_lyrics"


class Wire:
    """A mock transport answering from a list of handlers in turn (the last one repeats); records requests."""

    def __init__(self, *answers: Handler | httpx.Response | Exception) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer if isinstance(answer, httpx.Response) else answer(request)


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


def client_on(wire: Wire, clock: FakeClock, **options: Any) -> runapi.AsyncClient:
    async def sleep(seconds: float) -> None:
        clock.sleep(seconds)

    http = httpx.AsyncClient(transport=httpx.MockTransport(wire))
    client = runapi.AsyncClient(API_KEY, base_url=BASE_URL, http_client=http, sleep=sleep, clock=clock, **options)
    client._random = lambda: 0.0
    return client


def test_a_create_sends_the_same_request_as_the_blocking_client(clock: FakeClock) -> None:
    wire = Wire(httpx.Response(202, json={"id": "t1", "status": "processing"}))
    task = run(client_on(wire, clock).suno.generate_lyrics.create(prompt="night city"))
    assert (task.id, task.status) == ("t1", "processing")
    (request,) = wire.requests
    assert (request.method, str(request.url)) == ("POST", LYRICS)
    assert json.loads(request.content) == {"prompt": "night city"}
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Idempotency-Key"]
    assert request.headers["User-Agent"].startswith("runapi-python/") and "httpx" in request.headers["User-Agent"]


def test_run_polls_on_the_injected_sleep(clock: FakeClock) -> None:
    wire = Wire(
        httpx.Response(202, json={"id": "t1", "status": "processing"}),
        httpx.Response(200, json={"id": "t1", "status": "processing"}),
        httpx.Response(200, json={"id": "t1", "status": "completed", "lyrics": [{"text": "la"}]}),
    )
    client = client_on(wire, clock, poll_interval=2.0)
    task = run(client.suno.generate_lyrics.run(prompt="p"))
    assert task.is_completed
    assert [r.method for r in wire.requests] == ["POST", "GET", "GET"]
    assert clock.sleeps == [2.0, 3.0]  # the fixed schedule grows 1.5x, as on the blocking client


def test_a_503_create_is_retried_after_the_backoff(clock: FakeClock) -> None:
    wire = Wire(
        httpx.Response(503, json={"error": "Service unavailable"}),
        httpx.Response(202, json={"id": "t1", "status": "processing"}),
    )
    assert run(client_on(wire, clock).suno.generate_lyrics.create(prompt="p")).id == "t1"
    assert len(wire.requests) == 2
    assert wire.requests[0].headers["Idempotency-Key"] == wire.requests[1].headers["Idempotency-Key"]
    assert clock.sleeps == [0.5]


def test_a_429_waits_for_retry_after(clock: FakeClock) -> None:
    wire = Wire(
        httpx.Response(429, json={"error": "Rate limit exceeded"}, headers={"Retry-After": "3"}),
        httpx.Response(200, json={"id": "t1", "status": "processing"}),
    )
    run(client_on(wire, clock).suno.generate_lyrics.get("t1"))
    assert clock.sleeps == [3.0]


def test_without_idempotent_creates_a_create_that_got_a_500_is_not_replayed(clock: FakeClock) -> None:
    wire = Wire(httpx.Response(500, json={"error": "Internal server error"}))
    with pytest.raises(runapi.InternalServerError) as caught:
        run(client_on(wire, clock, idempotent_creates=False).suno.generate_lyrics.create(prompt="p"))
    assert len(wire.requests) == 1
    assert caught.value.task_may_exist and caught.value.idempotency_key


def test_by_default_a_create_that_got_a_500_is_re_sent_with_the_same_key(clock: FakeClock) -> None:
    wire = Wire(
        httpx.Response(500, json={"error": "Internal server error"}, headers={"X-RunAPI-Task-Id": "t1"}),
        httpx.Response(202, json={"id": "t1", "status": "processing"}, headers={"X-RunAPI-Task-Id": "t1"}),
    )
    task = run(client_on(wire, clock).suno.generate_lyrics.create(prompt="p"))
    assert task.id == task.runapi_task_id == "t1"
    assert len({request.headers["Idempotency-Key"] for request in wire.requests}) == 1
    assert len(wire.requests) == 2


def test_a_refused_connection_is_never_sent_so_a_create_is_retried(clock: FakeClock) -> None:
    wire = Wire(httpx.ConnectError("refused"), httpx.Response(202, json={"id": "t1", "status": "processing"}))
    assert run(client_on(wire, clock).suno.generate_lyrics.create(prompt="p")).id == "t1"
    assert len(wire.requests) == 2


@pytest.mark.parametrize(
    ("error", "kind", "sent"),
    [
        (httpx.ConnectError("refused"), runapi.APIConnectionError, False),
        (httpx.ConnectTimeout("slow"), runapi.APITimeoutError, False),
        (httpx.PoolTimeout("busy"), runapi.APITimeoutError, False),
        (httpx.ReadTimeout("silent"), runapi.APITimeoutError, True),
        (httpx.RemoteProtocolError("Server disconnected"), runapi.APIConnectionError, True),
    ],
)
def test_httpx_errors_become_the_sdks(clock: FakeClock, error: Exception, kind: type, sent: bool) -> None:
    wire = Wire(error)
    with pytest.raises(kind) as caught:
        run(client_on(wire, clock, max_retries=0).suno.generate_lyrics.get("t1"))
    assert caught.value.request_sent is sent
    assert caught.value.task_id == "t1"
    assert API_KEY not in str(caught.value)


def test_without_idempotent_creates_a_read_timeout_on_create_is_not_retried(clock: FakeClock) -> None:
    wire = Wire(httpx.ReadTimeout("silent"))
    with pytest.raises(runapi.APITimeoutError) as caught:
        run(client_on(wire, clock, idempotent_creates=False).suno.generate_lyrics.create(prompt="p"))
    assert len(wire.requests) == 1 and caught.value.task_may_exist


def test_a_failed_task_raises_task_failed(clock: FakeClock) -> None:
    wire = Wire(httpx.Response(200, json={"id": "t1", "status": "failed", "error": "SENSITIVE_WORD_ERROR"}))
    with pytest.raises(runapi.TaskFailedError) as caught:
        run(client_on(wire, clock).suno.generate_lyrics.wait("t1"))
    assert caught.value.code == "SENSITIVE_WORD_ERROR"


def test_the_wait_deadline_uses_the_injected_clock(clock: FakeClock) -> None:
    wire = Wire(httpx.Response(200, json={"id": "t1", "status": "processing"}))
    with pytest.raises(runapi.TaskTimeoutError):
        run(client_on(wire, clock).suno.generate_lyrics.wait("t1", timeout=30))
    assert sum(clock.sleeps) <= 30


def test_a_direct_operation_is_awaited(clock: FakeClock) -> None:
    wire = Wire(httpx.Response(200, json={"result": "Pop, upbeat"}))
    result = run(client_on(wire, clock).suno.boost_style(description="Pop"))
    assert result.raw == {"result": "Pop, upbeat"}


def test_validation_happens_before_any_request(clock: FakeClock) -> None:
    wire = Wire(httpx.Response(202, json={"id": "t1"}))
    with pytest.raises(runapi.ValidationError, match="prompt"):
        run(client_on(wire, clock).suno.generate_lyrics.create(prompt=""))
    assert wire.requests == []


def test_an_upload_is_streamed_as_multipart(clock: FakeClock, tmp_path: Path) -> None:
    answer = {"download_url": "https://f/x.png", "file_name": "x.png", "file_size": 5}
    wire = Wire(httpx.Response(201, json=answer))
    source = tmp_path / "x.png"
    source.write_bytes(b"\x89PNG!")
    stored = run(client_on(wire, clock).files.from_stream(file=source))
    assert stored.download_url == "https://f/x.png"
    (request,) = wire.requests
    assert request.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert int(request.headers["Content-Length"]) == len(request.content)
    assert b'filename="x.png"' in request.content and b"\x89PNG!" in request.content


def test_a_local_file_for_a_url_parameter_is_uploaded_first(clock: FakeClock, tmp_path: Path) -> None:
    wire = Wire(
        httpx.Response(201, json={"download_url": "https://f/cat.png"}),
        httpx.Response(202, json={"id": "t1", "status": "processing"}),
    )
    cat = tmp_path / "cat.png"
    cat.write_bytes(b"png")
    run(
        client_on(wire, clock).nano_banana.edit_image.create(
            model="nano-banana-edit", prompt="hat", source_image_urls=[cat]
        )
    )
    assert json.loads(wire.requests[1].content)["source_image_urls"] == ["https://f/cat.png"]


def test_a_file_over_the_upload_limit_is_refused_before_any_request(clock: FakeClock, tmp_path: Path) -> None:
    wire = Wire(httpx.Response(201, json={"download_url": "https://f/x"}), httpx.Response(202, json={"id": "t1"}))
    huge = tmp_path / "huge.png"
    with open(huge, "wb") as file:
        file.truncate(2 * 1024 * 1024 * 1024)  # 2 GB as a hole: nothing written, nothing read
    client = client_on(wire, clock)
    with pytest.raises(runapi.ValidationError) as info:
        run(client.files.from_stream(file=huge))
    assert info.value.field == "file" and "10 MB (10,485,760 bytes)" in str(info.value)
    with pytest.raises(runapi.ValidationError) as info:
        run(client.qwen_2.edit_image.create(model="qwen-2-edit-image", prompt="night", source_image_url=huge))
    assert info.value.field == "source_image_url" and "2048 MB (2,147,483,648 bytes)" in str(info.value)
    assert wire.requests == []


def test_a_stream_past_the_upload_limit_is_stopped_while_it_is_sent(
    clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    import runapi._core.params

    monkeypatch.setattr(runapi._core.params, "MAX_UPLOAD_BYTES", 1_000)
    wire = Wire(httpx.Response(201, json={"download_url": "https://f/x"}))
    read, write = os.pipe()
    os.write(write, b"x" * 5_000)
    os.close(write)
    with open(read, "rb", buffering=0) as pipe, pytest.raises(runapi.ValidationError) as info:
        run(client_on(wire, clock).files.from_stream(file=pipe))
    assert info.value.field == "file" and "more than 1,000 bytes" in str(info.value)
    assert wire.requests == []  # the mock reads a body whole: it never got one


def test_download_streams_to_disk_and_a_404_leaves_nothing(clock: FakeClock, tmp_path: Path) -> None:
    wire = Wire(
        httpx.Response(200, content=b"ID3 audio", headers={"Content-Type": "audio/mpeg"}),
        httpx.Response(404, text="gone"),
    )
    client = client_on(wire, clock)
    saved = run(client.download("https://cdn.test/a/song.mp3", f"{tmp_path / 'out'}/"))
    assert saved.path == tmp_path / "out" / "song.mp3" and saved.path.read_bytes() == b"ID3 audio"
    assert saved.content_type == "audio/mpeg" and saved.bytes_written == 9
    assert "Authorization" not in wire.requests[0].headers
    with pytest.raises(runapi.NotFoundError):
        run(client.download("https://cdn.test/a/other.mp3", f"{tmp_path / 'out'}/"))
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["song.mp3"]


def test_async_with_closes_its_own_connections_but_not_your_http_client(clock: FakeClock) -> None:
    async def main() -> tuple[bool, bool]:
        async with runapi.AsyncClient(API_KEY, base_url=BASE_URL) as own:
            session = own._transport._session()  # made by the first request
        mine = httpx.AsyncClient()
        async with runapi.AsyncClient(API_KEY, base_url=BASE_URL, http_client=mine):
            pass
        closed = (session.closed, mine.is_closed)
        await mine.aclose()
        return closed

    assert run(main()) == (True, False)


def test_with_options_keeps_the_async_driver(clock: FakeClock) -> None:
    wire = Wire(httpx.Response(200, json={"balance_cents": 5}))
    client = client_on(wire, clock).with_options(max_retries=0, default_headers={"X-Trace": "t"})
    assert isinstance(client, runapi.AsyncClient)
    assert run(client.get_balance()).balance_cents == 5
    assert wire.requests[0].headers["X-Trace"] == "t"


def test_operations_are_coroutine_functions_with_the_params_signature() -> None:
    client = runapi.AsyncClient(API_KEY, base_url=BASE_URL)
    create = client.suno.generate_lyrics.create
    assert inspect.iscoroutinefunction(create)
    assert "prompt" in inspect.signature(create).parameters
    assert inspect.iscoroutinefunction(client.suno.boost_style.__call__)
    assert type(client.suno.generate_lyrics).__name__ == "AsyncGenerateLyricsResource"


def test_the_constructor_checks_its_options_as_the_blocking_one_does() -> None:
    with pytest.raises(runapi.MissingAPIKeyError):
        runapi.AsyncClient()
    with pytest.raises(runapi.ValidationError, match="max_retries"):
        runapi.AsyncClient(API_KEY, max_retries=-1)


def test_the_blocking_client_never_imports_httpx() -> None:
    code = (
        "import sys, runapi\n"
        "client = runapi.Client(api_key='k')\n"
        "client.suno.generate_lyrics\n"
        "assert 'httpx' not in sys.modules, 'httpx was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
