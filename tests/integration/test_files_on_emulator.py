"""File uploads through the SDK against the emulator over real HTTP: every ``client.files`` endpoint,
local files given to creates (uploaded first, sent as their download URL), retries and expiry, and
a 200 MB upload whose memory stays flat.

The client's sleep is a fake clock and the emulator's clock a fake too, so nothing sleeps for real.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import subprocess
import sys
import textwrap
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

import runapi
from runapi.emulator import Emulator
from runapi.emulator._media import jpeg, png
from tests.conftest import FakeClock
from tests.integration.clients import KINDS, open_client

pytestmark = pytest.mark.integration

KEY = "emu-key"
ROOT = Path(__file__).resolve().parents[2]


class EmulatorClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def emu_clock() -> EmulatorClock:
    return EmulatorClock()


@pytest.fixture(scope="module")
def emu(emu_clock: EmulatorClock) -> Iterator[Emulator]:
    with Emulator(api_key=KEY, complete_after_polls=2, clock=emu_clock) as e:
        yield e


@pytest.fixture(params=KINDS)
def client(request: pytest.FixtureRequest, emu: Emulator, clock: FakeClock) -> Iterator[runapi.Client]:
    emu.clear_faults()
    with open_client(request.param, clock, api_key=KEY, base_url=emu.url) as c:
        yield c


@pytest.fixture
def image(tmp_path: Path) -> Path:
    path = tmp_path / "cat.png"
    path.write_bytes(png(32, 32, (200, 10, 10)))
    return path


def served(client: runapi.Client, url: str, folder: Path) -> bytes:
    """The bytes ``client.download`` saves from ``url`` (each into a new file)."""
    return client.download(url, folder / "downloads" / uuid.uuid4().hex).path.read_bytes()


def calls(emu: Emulator, path: str) -> int:
    return sum(1 for entry in emu.requests() if entry["path"] == path)


# -- the three endpoints -------------------------------------------------------------------------


def test_from_stream_a_path_and_download_it_back(client: runapi.Client, image: Path, tmp_path: Path) -> None:
    stored = client.files.from_stream(file=image, file_name="my-uploaded-image.png")
    assert isinstance(stored, runapi.UploadedFile)
    assert stored.file_name == "my-uploaded-image.png" and stored.mime_type == "image/png"
    assert stored.file_size == image.stat().st_size and stored.expires_at is not None
    assert set(stored.raw) == {"file_name", "download_url", "file_size", "mime_type", "uploaded_at"}
    assert served(client, stored.download_url, tmp_path) == image.read_bytes()


def test_from_stream_bytes_a_file_object_and_a_pipe(client: runapi.Client, tmp_path: Path) -> None:
    assert served(client, client.files.from_stream(file=b"plain bytes", file_name="a.txt").download_url, tmp_path) == (
        b"plain bytes"
    )
    source = io.BytesIO(b"xx" + jpeg())
    source.seek(2)
    stored = client.files.from_stream(file=source, file_name="photo.jpg")
    assert stored.mime_type == "image/jpeg" and served(client, stored.download_url, tmp_path) == jpeg()
    read, write = os.pipe()
    os.write(write, b"streamed without a length")
    os.close(write)
    with open(read, "rb", buffering=0) as pipe:
        stored = client.files.from_stream(file=pipe, file_name="pipe.bin")
    assert stored.file_size == len(b"streamed without a length")


def test_from_base64_with_a_data_url(client: runapi.Client, tmp_path: Path) -> None:
    data = "data:image/png;base64," + base64.b64encode(png()).decode()
    stored = client.files.from_base64(base64_data=data, file_name="base64-image.png")
    assert stored.file_name == "base64-image.png" and stored.file_size == len(png())
    assert served(client, stored.download_url, tmp_path) == png()


def test_from_url_of_the_docs_sample_and_of_an_upload(client: runapi.Client, image: Path, tmp_path: Path) -> None:
    sample = client.files.from_url(
        file_url="https://cdn.runapi.ai/public/samples/image.jpg", file_name="downloaded-image.png"
    )
    assert sample.file_name == "downloaded-image.png" and sample.mime_type == "image/png"
    assert served(client, sample.download_url, tmp_path) == jpeg()  # offline: a placeholder of the URL's type
    own = client.files.from_stream(file=image)
    copy = client.files.from_url(file_url=own.download_url)
    assert copy.download_url != own.download_url
    assert served(client, copy.download_url, tmp_path) == image.read_bytes()


def test_a_file_expires_after_24_hours(
    client: runapi.Client, emu_clock: EmulatorClock, image: Path, tmp_path: Path
) -> None:
    stored = client.files.from_stream(file=image)
    emu_clock.now += 24 * 3600
    with pytest.raises(runapi.NotFoundError):
        client.download(stored.download_url, tmp_path / "late.png")


# -- local files given to creates ----------------------------------------------------------------


def test_a_path_given_to_a_create_reaches_the_emulator_as_a_download_url(
    client: runapi.Client, emu: Emulator, image: Path, tmp_path: Path
) -> None:
    task = client.nano_banana.edit_image.run(
        model="nano-banana-edit", prompt="Add a hat", source_image_urls=[image, "https://example.com/b.png"]
    )
    assert task.is_completed
    [params] = [t["params"] for t in emu.tasks() if t["id"] == task.id]
    url, other = params["source_image_urls"]
    assert url.startswith(emu.url + "/files/uploads/") and other == "https://example.com/b.png"
    assert served(client, url, tmp_path) == image.read_bytes()
    before = calls(emu, "/api/v1/files/from_stream")
    again = client.nano_banana.edit_image.create(model="nano-banana-edit", prompt="Again", source_image_urls=[image])
    [params] = [t["params"] for t in emu.tasks() if t["id"] == again.id]
    assert params["source_image_urls"] == [url]  # the same unchanged file: uploaded once
    assert calls(emu, "/api/v1/files/from_stream") == before


def test_paths_for_suno_audio_and_a_direct_call(
    client: runapi.Client, emu: Emulator, image: Path, tmp_path: Path
) -> None:
    song = tmp_path / "piano.mp3"
    song.write_bytes(b"ID3" + bytes(2000))
    vocals = client.suno.add_vocals.create(
        upload_url=song, lyrics="[Verse]\nCity lights", title="Piano", style="Jazz", model="suno-v4.5-plus"
    )
    [params] = [t["params"] for t in emu.tasks() if t["id"] == vocals.id]
    assert served(client, params["upload_url"], tmp_path) == song.read_bytes()
    hero = client.gemini_omni.create_character(descriptions="A calm, agile hero", reference_image_url=image)
    assert hero.id
    sent = [e["json"] for e in emu.requests() if e["path"] == "/api/v1/gemini_omni/create_character"][-1]
    assert sent["reference_image_url"].startswith(emu.url + "/files/uploads/")


def test_a_failed_upload_creates_no_task(client: runapi.Client, emu: Emulator, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.png"
    fresh.write_bytes(png(8, 8))
    tasks = len(emu.tasks())
    emu.inject("server_error", path="/api/v1/files/from_stream")
    with pytest.raises(runapi.InternalServerError) as info:
        client.nano_banana.edit_image.create(model="nano-banana-edit", prompt="x", source_image_urls=[fresh])
    assert not info.value.task_may_exist and len(emu.tasks()) == tasks


# -- retries ----------------------------------------------------------------------------------------


def test_a_503_upload_is_sent_again_a_dropped_one_is_not(
    client: runapi.Client, emu: Emulator, image: Path, clock: FakeClock
) -> None:
    stored = len(emu.uploads())
    emu.inject("unavailable", path="/api/v1/files/from_stream", retry_after=1)
    client.files.from_stream(file=image)
    assert len(emu.uploads()) == stored + 1 and clock.sleeps == [1.0]
    emu.inject("drop", path="/api/v1/files/from_stream", after_handling=True)
    with pytest.raises(runapi.APIConnectionError) as info:
        client.files.from_stream(file=image)
    assert info.value.task_may_exist and "file may have been stored" in str(info.value)
    assert len(emu.uploads()) == stored + 2  # stored once, never replayed


# -- the upload limit (docs: Errors, "413 ... Uploaded file is too large (max 10MB)") ---------------------

LIMIT = 10 * 1024 * 1024  # "max 10MB", read as 10,485,760 bytes


def sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as file:
        file.truncate(size)  # a hole: no disk written, read as zeros
    return path


@pytest.fixture(scope="module")
def huge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sparse(tmp_path_factory.mktemp("huge") / "huge.png", 2 * 1024 * 1024 * 1024)  # 2 GB


def test_a_2_gb_file_is_refused_before_any_request(client: runapi.Client, emu: Emulator, huge: Path) -> None:
    before = len(emu.requests())
    with pytest.raises(runapi.ValidationError) as info:
        client.files.from_stream(file=huge)
    assert info.value.field == "file"
    assert "2048 MB (2,147,483,648 bytes)" in str(info.value) and "10 MB (10,485,760 bytes)" in str(info.value)
    with pytest.raises(runapi.ValidationError) as info:
        client.qwen_2.edit_image.create(model="qwen-2-edit-image", prompt="Make it night", source_image_url=huge)
    assert info.value.field == "source_image_url"
    with pytest.raises(runapi.ValidationError) as info:
        client.nano_banana.edit_image.create(
            model="nano-banana-edit", prompt="Add a hat", source_image_urls=[huge, "https://example.com/b.png"]
        )
    assert info.value.field == "source_image_urls[0]"
    assert len(emu.requests()) == before  # no upload, no create: nothing reached the server


def test_a_file_of_exactly_10_mb_goes_through_from_stream_and_an_image_parameter(
    client: runapi.Client, emu: Emulator, tmp_path: Path
) -> None:
    ten = sparse(tmp_path / "ten.png", LIMIT)
    assert client.files.from_stream(file=ten).file_size == LIMIT
    task = client.qwen_2.edit_image.create(model="qwen-2-edit-image", prompt="Make it night", source_image_url=ten)
    [params] = [t["params"] for t in emu.tasks() if t["id"] == task.id]
    assert params["source_image_url"].startswith(emu.url + "/files/uploads/")
    assert emu.uploads()[-1]["file_size"] == LIMIT


def test_a_pipe_past_10_mb_is_stopped_while_it_is_sent_and_nothing_is_stored(
    client: runapi.Client, emu: Emulator
) -> None:
    stored = len(emu.uploads())
    read, write = os.pipe()

    def feed() -> None:  # 11 MB, more than a pipe holds: written while the client reads
        with open(write, "wb") as out, contextlib.suppress(BrokenPipeError):
            for _ in range(11 * 16):
                out.write(bytes(1 << 16))

    feeder = threading.Thread(target=feed)
    feeder.start()
    with open(read, "rb") as pipe, pytest.raises(runapi.ValidationError) as info:
        client.files.from_stream(file=pipe, file_name="live.bin")
    feeder.join(timeout=10)
    assert info.value.field == "file" and "more than 10 MB (10,485,760 bytes)" in str(info.value)
    assert len(emu.uploads()) == stored
    assert client.files.from_stream(file=b"after", file_name="a.txt").file_size == 5  # the client goes on


def test_the_emulator_answers_413_when_the_client_check_is_bypassed(
    client: runapi.Client, emu: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import runapi._core.params

    monkeypatch.setattr(runapi._core.params, "MAX_UPLOAD_BYTES", None)  # no client-side check
    stored = len(emu.uploads())
    with pytest.raises(runapi.PayloadTooLargeError) as info:
        client.files.from_stream(file=sparse(tmp_path / "eleven.bin", 11 * 1024 * 1024))
    assert info.value.status_code == 413 and info.value.message == "File size exceeds maximum allowed size"
    assert len(emu.uploads()) == stored


# -- memory -----------------------------------------------------------------------------------------

_MEMORY_SCRIPT = textwrap.dedent(
    """
    import json, sys, tempfile
    from pathlib import Path
    import runapi
    import runapi._core.params
    from runapi.emulator import Emulator

    # 200 MB is over the documented 10 MB upload limit: both sides lift it, to measure the streaming itself
    runapi._core.params.MAX_UPLOAD_BYTES = None

    def kib(key):
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(key + ":"):
                    return int(line.split()[1])

    size = int(sys.argv[1])
    with tempfile.TemporaryDirectory() as folder, Emulator(api_key="k", max_upload_bytes=None) as emu:
        big = Path(folder) / "big.bin"
        with open(big, "wb") as out:
            out.truncate(size)  # a sparse file: no disk written, same bytes read
        client = runapi.Client(api_key="k", base_url=emu.url)
        client.files.from_stream(file=b"warm-up", file_name="w.bin")  # every module loaded, pools made
        base = kib("VmRSS")
        try:
            with open("/proc/self/clear_refs", "w") as clear:
                clear.write("5")  # the peak (VmHWM) starts again from here
            reset = True
        except OSError:
            reset = False
        stored = client.files.from_stream(file=big)
        peak = kib("VmHWM")
        on_disk = emu.uploads()[-1]["file_size"]
    result = {"base_kib": base, "peak_kib": peak, "reset": reset, "stored": stored.file_size, "on_disk": on_disk}
    print(json.dumps(result))
    """
)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmRSS/VmHWM from /proc (Linux)")
def test_a_200_mb_upload_keeps_memory_flat() -> None:
    """Client and emulator in one fresh process: the peak RSS while 200 MB go through both stays
    within 50 MB of what it was before (it measures about 1 MB: both sides stream in blocks). The
    10 MB upload limit is lifted on both sides for this (``MAX_UPLOAD_BYTES = None``)."""
    size = 200 * 1024 * 1024
    done = subprocess.run(
        [sys.executable, "-c", _MEMORY_SCRIPT, str(size)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["stored"] == size and result["on_disk"] == size
    growth_mb = (result["peak_kib"] - result["base_kib"]) / 1024
    print(f"200 MB upload: peak RSS growth {growth_mb:.1f} MB (VmHWM reset: {result['reset']})")
    assert growth_mb < 50
