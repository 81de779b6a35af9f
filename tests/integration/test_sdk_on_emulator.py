"""The SDK against the local emulator over real HTTP on loopback: every operation, callbacks, faults.

Tasks complete after a number of polls (not after time), and the client's sleep is a fake, so
nothing here sleeps for real; waiting for callbacks blocks on the emulator's condition variable.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

import runapi
from runapi import webhooks
from runapi.emulator import Emulator
from tests.conftest import FakeClock
from tests.integration.clients import KINDS, open_client

pytestmark = pytest.mark.integration

POLLS = 3


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(api_key="emu-key", complete_after_polls=POLLS, redelivery_delays=(0.01, 0.01, 0.01)) as e:
        yield e


@pytest.fixture(params=KINDS)
def client(request: pytest.FixtureRequest, emu: Emulator, clock: FakeClock) -> Iterator[runapi.Client]:
    emu.clear_faults()
    with open_client(request.param, clock, api_key="emu-key", base_url=emu.url) as c:
        yield c


class Receiver:
    """A callback endpoint that verifies each POST; ``status`` sets what it answers."""

    def __init__(self, secret: str, status: Callable[[int], int] = lambda n: 204) -> None:
        self.verified: list[dict[str, Any]] = []
        self.hits = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.hits += 1
                code = status(receiver.hits)
                if code < 300:
                    receiver.verified.append(webhooks.verify(raw, dict(self.headers.items()), secret))
                self.send_response(code)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/cb"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(emu: Emulator) -> Iterator[Receiver]:
    r = Receiver(emu.callback_secret)
    yield r
    r.close()


def tasks_on(emu: Emulator, path: str) -> list[dict[str, Any]]:
    return [t for t in emu.tasks() if t["path"] == path]


# -- every operation, end to end ------------------------------------------------------------


def test_suno_text_to_music_runs_to_completion_with_stages(client: runapi.Client, tmp_path: Path) -> None:
    stages: list[str | None] = []
    song = client.suno.text_to_music.with_options(on_progress=lambda t: stages.append(t.generation_stage)).run(
        vocal_mode="auto_lyrics", prompt="A chill lo-fi beat", model="suno-v5"
    )
    assert song.is_completed and song.generation_stage == "all_audios_ready"
    assert len(song.audios) >= 1 and song.audios[0].duration and song.audios[0].duration > 0
    assert stages[-1] == "all_audios_ready" and len(stages) == POLLS
    mp3 = client.download(song.audios[0].audio_url or "", tmp_path / "song.mp3").path.read_bytes()
    assert mp3[:3] == b"ID3" or (mp3[0] == 0xFF and mp3[1] & 0xE0 == 0xE0)


def test_suno_extend_music_and_lyrics(client: runapi.Client) -> None:
    song = client.suno.text_to_music.run(vocal_mode="instrumental", model="suno-v4.5")
    extended = client.suno.extend_music.run(
        parameter_mode="custom",
        audio_id=song.audios[0].id or "",
        model="suno-v4",
        prompt="more relaxing notes",
        style="Classical",
        title="Peaceful Piano Extended",
        continue_at=60,
    )
    assert extended.is_completed and extended.audios[0].audio_url
    lyrics = client.suno.generate_lyrics.run(prompt="A song about a peaceful night in the city")
    assert lyrics.is_completed and lyrics.lyrics[0].text


@pytest.mark.parametrize("model", ["nano-banana", "nano-banana-pro", "nano-banana-2"])
def test_nano_banana_text_to_image_every_variant(client: runapi.Client, model: str, tmp_path: Path) -> None:
    image = client.nano_banana.text_to_image.run(model=model, prompt="A cat in a space helmet", aspect_ratio="1:1")
    assert image.is_completed and image.images[0].url
    png = client.download(image.images[0].url, tmp_path).path.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def test_nano_banana_edit_image(client: runapi.Client) -> None:
    edited = client.nano_banana.edit_image.run(
        model="nano-banana-edit", prompt="make it blue", source_image_urls=["https://example.com/a.png"]
    )
    assert edited.is_completed and edited.images[0].url


@pytest.mark.parametrize(
    "params",
    [
        {"input_mode": "text"},
        {"input_mode": "first_and_last_frames", "first_frame_image_url": "https://example.com/1.jpg"},
        {"input_mode": "reference", "reference_image_urls": ["https://example.com/r1.jpg"], "aspect_ratio": "16:9"},
    ],
    ids=["text", "frames", "reference"],
)
def test_veo_text_to_video_in_each_mode(client: runapi.Client, params: dict[str, Any], tmp_path: Path) -> None:
    video = client.veo_3_1.text_to_video.run(prompt="A dog in a park", model="veo-3.1-fast", **params)
    assert video.is_completed and video.videos[0].url
    mp4 = client.download(video.videos[0].url, tmp_path / "v.mp4").path.read_bytes()
    assert mp4[4:8] == b"ftyp"


def test_veo_extend_and_upscale(client: runapi.Client) -> None:
    video = client.veo_3_1.text_to_video.run(prompt="A dog in a park", model="veo-3.1")
    extended = client.veo_3_1.extend_video.run(source_task_id=video.id, prompt="the dog jumps")
    assert extended.is_completed and extended.sources and extended.sources[0].url
    for resolution in ("1080p", "4k"):
        hd = client.veo_3_1.upscale_video.run(source_task_id=video.id, output_resolution=resolution, index=0)
        assert hd.source_task_id == video.id
        assert hd.videos[0].resolution == resolution


def test_upscaling_an_unknown_task_is_not_found(client: runapi.Client) -> None:
    with pytest.raises(runapi.NotFoundError) as info:
        client.veo_3_1.upscale_video.create(source_task_id="nope", output_resolution="4k")
    assert info.value.message == "Task not found"


def test_create_then_get_then_wait(client: runapi.Client) -> None:
    task = client.nano_banana.text_to_image.create(model="nano-banana", prompt="a lighthouse")
    assert task.status == "processing" and task.id
    assert client.nano_banana.text_to_image.get(task.id).id == task.id
    assert client.nano_banana.text_to_image.wait(task.id).is_completed


def test_a_failed_task_raises_with_the_servers_reason(client: runapi.Client) -> None:
    with pytest.raises(runapi.TaskFailedError) as info:
        client.veo_3_1.text_to_video.run(prompt="emulator:fail please", model="veo-3.1-fast")
    assert info.value.error
    assert info.value.task.is_failed


def test_an_unknown_task_id_is_not_found(client: runapi.Client) -> None:
    with pytest.raises(runapi.NotFoundError):
        client.suno.generate_lyrics.get("does-not-exist")


def test_a_wrong_api_key_is_an_authentication_error(emu: Emulator, clock: FakeClock) -> None:
    with (
        runapi.Client(api_key="wrong", base_url=emu.url, sleep=clock.sleep) as c,
        pytest.raises(runapi.AuthenticationError) as info,
    ):
        c.get_balance()
    assert info.value.message == "Unauthorized"
    assert "wrong" not in str(info.value)


def test_balance_goes_down_as_tasks_are_created(client: runapi.Client) -> None:
    before = client.get_balance()
    client.suno.generate_lyrics.create(prompt="cost check")
    after = client.get_balance()
    assert after.balance_cents < before.balance_cents
    assert after.spent_cents_total > before.spent_cents_total


# -- callbacks ------------------------------------------------------------------------------


def test_signed_callbacks_arrive_and_verify(client: runapi.Client, emu: Emulator, receiver: Receiver) -> None:
    before = len(emu.deliveries())
    song = client.suno.text_to_music.run(vocal_mode="instrumental", model="suno-v5", callback_url=receiver.url)
    image = client.nano_banana.text_to_image.run(model="nano-banana", prompt="x", callback_url=receiver.url)
    emu.wait_for_deliveries(before + 4)  # three Suno stages + one image

    by_task: dict[str, list[dict[str, Any]]] = {}
    for payload in receiver.verified:
        by_task.setdefault(payload["id"], []).append(payload)
    assert [p["generation_stage"] for p in by_task[song.id]] == [
        "text_generated",
        "first_audio_ready",
        "all_audios_ready",
    ]
    final = runapi.suno.MusicTask.from_dict(by_task[song.id][-1])
    assert final.is_completed and final.audios == song.audios
    assert runapi.nano_banana.ImageTask.from_dict(by_task[image.id][-1]).images == image.images


def test_callbacks_are_redelivered_after_a_non_2xx(client: runapi.Client, emu: Emulator, emu_secret: str) -> None:
    flaky = Receiver(emu_secret, status=lambda n: 500 if n == 1 else 204)
    try:
        before = len([d for d in emu.deliveries() if isinstance(d["status"], int) and d["status"] < 300])
        task = client.suno.generate_lyrics.run(prompt="retry me", callback_url=flaky.url)
        emu.wait_for_deliveries(before + 1)
    finally:
        flaky.close()
    assert flaky.hits == 2
    assert [p["id"] for p in flaky.verified] == [task.id]


@pytest.fixture
def emu_secret(emu: Emulator) -> str:
    return emu.callback_secret


# -- faults: retries and the no-second-task guarantee ----------------------------------------


def test_429_with_retry_after_is_waited_out(client: runapi.Client, emu: Emulator, clock: FakeClock) -> None:
    emu.inject("rate_limit", method="POST", path="/api/v1/suno/generate_lyrics", retry_after=2)
    task = client.suno.generate_lyrics.create(prompt="rate limited once")
    assert task.id
    assert clock.sleeps == [2.0]


def test_a_create_answered_500_after_starting_a_task_is_re_sent_by_key_and_makes_one_task(
    client: runapi.Client, emu: Emulator
) -> None:
    path = "/api/v1/veo_3_1/text_to_video"
    before = len(tasks_on(emu, path))
    emu.inject("server_error", method="POST", path=path, after_handling=True)
    task = client.veo_3_1.text_to_video.create(prompt="once only", model="veo-3.1-fast")
    assert len(tasks_on(emu, path)) == before + 1  # one task, not two
    assert tasks_on(emu, path)[-1]["id"] == task.id == task.runapi_task_id
    posts = [r for r in emu.requests() if r["method"] == "POST" and r["path"] == path][-2:]
    assert [r["status"] for r in posts] == [500, 202]
    assert posts[0]["headers"]["Idempotency-Key"] == posts[1]["headers"]["Idempotency-Key"]


def test_a_dropped_create_is_re_sent_by_key_and_makes_one_task(client: runapi.Client, emu: Emulator) -> None:
    path = "/api/v1/nano_banana/edit_image"
    before = len(tasks_on(emu, path))
    emu.inject("drop", method="POST", path=path, after_handling=True)
    task = client.nano_banana.edit_image.create(
        model="nano-banana-edit", prompt="p", source_image_urls=["https://e/x.png"]
    )
    assert len(tasks_on(emu, path)) == before + 1
    assert tasks_on(emu, path)[-1]["id"] == task.id
    assert [r["status"] for r in emu.requests() if r["path"] == path][-2:] == [None, 202]  # dropped, then replayed


def test_without_idempotent_creates_a_create_answered_500_after_starting_a_task_is_not_replayed(
    client: runapi.Client, emu: Emulator
) -> None:
    path = "/api/v1/veo_3_1/text_to_video"
    before = len(tasks_on(emu, path))
    emu.inject("server_error", method="POST", path=path, after_handling=True)
    with pytest.raises(runapi.InternalServerError) as info:
        client.with_options(idempotent_creates=False).veo_3_1.text_to_video.create(
            prompt="once only", model="veo-3.1-fast"
        )
    assert len(tasks_on(emu, path)) == before + 1  # one task, not two
    # the body was lost, but the answer's X-RunAPI-Task-Id names the task it made
    assert info.value.task_may_exist and info.value.task_id == tasks_on(emu, path)[-1]["id"]
    assert f"[task {info.value.task_id}]" in str(info.value)


def test_without_idempotent_creates_a_dropped_create_is_not_replayed(client: runapi.Client, emu: Emulator) -> None:
    path = "/api/v1/nano_banana/edit_image"
    before = len(tasks_on(emu, path))
    emu.inject("drop", method="POST", path=path, after_handling=True)
    with pytest.raises(runapi.APIConnectionError) as info:
        client.with_options(idempotent_creates=False).nano_banana.edit_image.create(
            model="nano-banana-edit", prompt="p", source_image_urls=["https://e/x.png"]
        )
    assert info.value.request_sent is True
    assert info.value.task_id is None  # no answer at all: nothing names the task
    assert len(tasks_on(emu, path)) == before + 1


def test_a_500_on_a_status_call_names_the_task(client: runapi.Client, emu: Emulator) -> None:
    task = client.suno.generate_lyrics.create(prompt="status lost")
    emu.inject("server_error", method="GET", path=f"/api/v1/suno/generate_lyrics/{task.id}", times=3)
    with pytest.raises(runapi.InternalServerError) as info:
        client.suno.generate_lyrics.get(task.id)
    assert info.value.task_id == task.id


def test_a_key_reused_with_other_input_is_an_idempotency_conflict(client: runapi.Client, emu: Emulator) -> None:
    path = "/api/v1/suno/generate_lyrics"
    first = client.suno.generate_lyrics.with_options(idempotency_key="order-42-lyrics").create(prompt="one")
    before = len(tasks_on(emu, path))
    other = runapi.Client(api_key="emu-key", base_url=emu.url)  # another process, unaware of the first key
    with other, pytest.raises(runapi.IdempotencyConflictError) as info:
        other.suno.generate_lyrics.with_options(idempotency_key="order-42-lyrics").create(prompt="two")
    error = info.value
    assert error.status_code == 409 and isinstance(error, runapi.APIStatusError)
    assert error.idempotency_key == "order-42-lyrics" and not error.task_may_exist
    assert "'order-42-lyrics'" in str(error) and "different input" in str(error)
    assert "emu-key" not in str(error) and "emu-key" not in repr(error)  # never the API key
    assert len(tasks_on(emu, path)) == before  # nothing made
    again = client.suno.generate_lyrics.with_options(idempotency_key="order-42-lyrics").create(prompt="one")
    assert again.id == first.id  # the same input replays the same task


def test_a_client_request_id_is_sent_echoed_and_stored(client: runapi.Client, emu: Emulator) -> None:
    path = "/api/v1/suno/generate_lyrics"
    tagged = client.with_options(client_request_id="batch-7")
    task = tagged.suno.generate_lyrics.create(prompt="tagged")
    assert task.response_headers["x-client-request-id"] == "batch-7"  # echoed, read case-insensitively
    assert tasks_on(emu, path)[-1]["client_request_id"] == "batch-7"
    done = tagged.suno.generate_lyrics.with_options(client_request_id="order-42").run(prompt="per call")
    assert done.response_headers["X-Client-Request-Id"] == "order-42"  # the poll's answer echoes it too
    sent = [r for r in emu.requests() if r["path"].startswith(path)][-3:]  # its create and two polls
    assert {r["headers"].get("X-Client-Request-Id") for r in sent} == {"order-42"}
    assert tasks_on(emu, path)[-1]["client_request_id"] == "order-42"
    assert tagged.get_balance() is not None
    assert emu.requests()[-1]["headers"]["X-Client-Request-Id"] == "batch-7"  # every API request of the client
    plain = client.suno.generate_lyrics.create(prompt="untagged")
    assert "X-Client-Request-Id" not in plain.response_headers
    assert tasks_on(emu, path)[-1]["client_request_id"] is None


def test_results_name_their_task_in_the_response_headers(client: runapi.Client, emu: Emulator) -> None:
    task = client.suno.generate_lyrics.create(prompt="named")
    assert task.runapi_task_id == task.id
    done = client.suno.generate_lyrics.wait(task.id)
    assert done.runapi_task_id == task.id and done.response_headers["X-RunAPI-Task-Id"] == task.id
    assert done == runapi.suno.LyricsTask.from_dict(done.to_dict())  # metadata is not data
    assert "response_headers" not in done.to_dict() and "response_headers" not in repr(done)
    assert runapi.suno.LyricsTask.from_dict(done.to_dict()).runapi_task_id is None
    style = client.suno.boost_style(description="Pop")
    assert style.runapi_task_id  # a direct call's answer names the task RunAPI stored for it


def test_idempotent_creates_replay_safely_with_the_same_key(emu: Emulator, clock: FakeClock) -> None:
    path = "/api/v1/suno/generate_lyrics"
    before = len(tasks_on(emu, path))
    emu.inject("server_error", method="POST", path=path, after_handling=True)
    with runapi.Client(api_key="emu-key", base_url=emu.url, sleep=clock.sleep, clock=clock) as c:  # the default
        task = c.suno.generate_lyrics.create(prompt="exactly one task")
    assert len(tasks_on(emu, path)) == before + 1
    posts = [r for r in emu.requests() if r["method"] == "POST" and r["path"] == path][-2:]
    assert posts[0]["headers"]["Idempotency-Key"] == posts[1]["headers"]["Idempotency-Key"]
    assert tasks_on(emu, path)[-1]["id"] == task.id


def test_503_on_create_is_retried_and_makes_one_task(client: runapi.Client, emu: Emulator) -> None:
    path = "/api/v1/nano_banana/text_to_image"
    before = len(tasks_on(emu, path))
    emu.inject("unavailable", method="POST", path=path, times=2)
    client.nano_banana.text_to_image.create(model="nano-banana", prompt="after two 503s")
    assert len(tasks_on(emu, path)) == before + 1


def test_dropped_status_calls_are_retried(client: runapi.Client, emu: Emulator) -> None:
    task = client.suno.generate_lyrics.create(prompt="poll through drops")
    emu.inject("drop", method="GET", path=f"/api/v1/suno/generate_lyrics/{task.id}", times=2)
    assert client.suno.generate_lyrics.wait(task.id).is_completed


def test_a_slow_answer_times_out(client: runapi.Client, emu: Emulator) -> None:
    task = client.suno.generate_lyrics.create(prompt="slow")
    emu.inject("slow", method="GET", path="/api/v1/suno/generate_lyrics/", delay=0.5)
    with pytest.raises(runapi.APITimeoutError):
        client.suno.generate_lyrics.with_options(timeout=(1.0, 0.1), max_retries=0).get(task.id)


def test_one_client_shared_by_64_threads_keeps_its_connections(
    client: runapi.Client, emu: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    """The README's advice, "share one client", at 64 threads: no pool warnings, no lost creates."""
    caplog.set_level(logging.WARNING, logger="urllib3")
    ids: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(64)

    def work() -> None:
        start.wait()
        for _ in range(3):
            task = client.suno.generate_lyrics.create(prompt="night city")
            with lock:
                ids.append(task.id)

    threads = [threading.Thread(target=work) for _ in range(64)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(set(ids)) == 64 * 3
    assert "Connection pool is full" not in caplog.text


def test_download_outputs_retries_a_dropped_file_and_leaves_only_whole_files(
    client: runapi.Client, emu: Emulator, tmp_path: Path
) -> None:
    image = client.nano_banana.text_to_image.run(model="nano-banana", prompt="A cat in a space helmet")
    emu.inject("drop", path="/files/", times=1)
    (saved,) = client.download_outputs(image, tmp_path / "outputs")
    assert saved.path == tmp_path / "outputs" / f"{image.id}-0.png"
    assert saved.path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert saved.bytes_written == saved.path.stat().st_size
    assert [p.name for p in (tmp_path / "outputs").iterdir()] == [saved.path.name]  # no temporary file left
    file_gets = [(r["status"], r["fault"]) for r in emu.requests() if r["path"].startswith(f"/files/{image.id}/")]
    assert file_gets == [(None, "drop"), (200, None)]  # dropped once, retried once


@pytest.mark.parametrize("kind", KINDS)
def test_credentials_in_the_base_url_are_not_sent_the_api_key_is(emu: Emulator, clock: FakeClock, kind: str) -> None:
    with_credentials = emu.url.replace("http://", "http://user:s3cret@")
    with open_client(kind, clock, api_key="emu-key", base_url=with_credentials) as c:
        assert c.get_balance().balance_cents >= 0  # the API key was the Authorization: the emulator took it
        assert "s3cret" not in repr(c)
