"""Output files: valid media served by the emulator, no auth needed."""

from __future__ import annotations

import struct
import zlib

import pytest
import requests

from .conftest import COMPLETE_AFTER, NANO, SUNO, VEO, Api, FakeClock


def fetch(url: str) -> requests.Response:
    response = requests.get(url, timeout=5)  # no Authorization header, like a browser or <audio> tag
    assert response.status_code == 200
    assert int(response.headers["Content-Length"]) == len(response.content) > 0
    return response


def completed(api: Api, clock: FakeClock, path: str) -> dict[str, object]:
    task_id = api.create(path, api.body_for(path, clock))
    clock.advance(COMPLETE_AFTER)
    payload = api.get(f"{path}/{task_id}").json()
    assert payload["status"] == "completed"
    return dict(payload)


def assert_png(response: requests.Response) -> None:
    assert response.headers["Content-Type"] == "image/png"
    data = response.content
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert (length, kind) == (13, b"IHDR")
    width, height = struct.unpack(">II", data[16:24])
    assert width > 0 and height > 0
    assert struct.unpack(">I", data[29:33])[0] == zlib.crc32(data[12:29])  # IHDR checksum
    assert data.endswith(b"IEND\xaeB`\x82")


def assert_mp3(response: requests.Response) -> None:
    assert response.headers["Content-Type"] == "audio/mpeg"
    data = response.content
    assert data[:3] == b"ID3" or (data[0] == 0xFF and data[1] & 0xE0 == 0xE0)  # ID3 tag or frame sync


def assert_mp4(response: requests.Response) -> None:
    assert response.headers["Content-Type"] == "video/mp4"
    data = response.content
    assert data[4:8] == b"ftyp"
    assert b"moov" in data and b"mdat" in data


def test_suno_audio_stream_and_cover_files(api: Api, fake_clock: FakeClock) -> None:
    payload = completed(api, fake_clock, f"{SUNO}/text_to_music")
    for track in payload["audios"]:  # type: ignore[attr-defined]
        assert_mp3(fetch(track["audio_url"]))
        assert_mp3(fetch(track["stream_audio_url"]))
        assert_png(fetch(track["image_url"]))


@pytest.mark.parametrize("path", [f"{NANO}/text_to_image", f"{NANO}/edit_image"])
def test_nano_banana_images_are_pngs(api: Api, fake_clock: FakeClock, path: str) -> None:
    payload = completed(api, fake_clock, path)
    for image in payload["images"]:  # type: ignore[attr-defined]
        assert_png(fetch(image["url"]))


@pytest.mark.parametrize("path", [f"{VEO}/text_to_video", f"{VEO}/extend_video", f"{VEO}/upscale_video"])
def test_veo_videos_are_mp4s(api: Api, fake_clock: FakeClock, path: str) -> None:
    payload = completed(api, fake_clock, path)
    for video in payload["videos"]:  # type: ignore[attr-defined]
        assert_mp4(fetch(video["url"]))
    for source in payload.get("sources", []):  # type: ignore[attr-defined]
        assert_mp4(fetch(source["url"]))


def test_files_of_unknown_tasks_are_404(api: Api) -> None:
    response = requests.get(f"{api.emulator.url}/files/00000000-0000-4000-8000-000000000000/0.png", timeout=5)
    assert (response.status_code, response.json()) == (404, {"error": "Record does not exist"})
