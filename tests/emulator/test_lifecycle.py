"""Task life cycles and the status payloads, checked key by key against the docs' examples."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from runapi.emulator import FAILURE_TOKEN, Emulator

from .conftest import BODIES, COMPLETE_AFTER, NANO, SUNO, VEO, Api, FakeClock, without_usage

AUDIO_KEYS = {"id", "audio_url", "stream_audio_url", "image_url", "lyrics", "model_name", "title", "tags", "duration"}


def finish(api: Api, clock: FakeClock, path: str, task_id: str) -> dict[str, Any]:
    clock.advance(COMPLETE_AFTER)
    response = api.get(f"{path}/{task_id}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    return without_usage(api, dict(response.json()))  # usage checked there


def assert_audio(track: dict[str, Any], emu: Emulator) -> None:
    assert set(track) == AUDIO_KEYS
    assert track["audio_url"].startswith(f"{emu.url}/files/") and track["audio_url"].endswith(".mp3")
    assert track["stream_audio_url"].startswith(f"{emu.url}/files/")
    assert track["image_url"].startswith(f"{emu.url}/files/") and track["image_url"].endswith(".png")
    assert isinstance(track["id"], str) and track["id"]
    assert isinstance(track["lyrics"], str) and isinstance(track["title"], str)
    assert isinstance(track["tags"], list) and all(isinstance(tag, str) for tag in track["tags"])
    assert isinstance(track["duration"], float) and track["duration"] > 0


# --- completed payloads -----------------------------------------------------------------------


@pytest.mark.parametrize("path", [f"{SUNO}/text_to_music", f"{SUNO}/extend_music"])
def test_suno_music_completes_with_two_audios(api: Api, fake_clock: FakeClock, path: str) -> None:
    task_id = api.create(path)
    assert api.get(f"{path}/{task_id}").json() == {"id": task_id, "status": "processing"}

    done = finish(api, fake_clock, path, task_id)
    assert set(done) == {"id", "status", "generation_stage", "audios"}
    assert (done["id"], done["status"], done["generation_stage"]) == (task_id, "completed", "all_audios_ready")
    assert len(done["audios"]) == 2
    for track in done["audios"]:
        assert_audio(track, api.emulator)
        assert track["model_name"] == BODIES[path]["model"]
    assert len({track["id"] for track in done["audios"]}) == 2
    assert finish(api, fake_clock, path, task_id) == done  # stable across polls


def test_suno_tracks_reflect_the_request(api: Api, fake_clock: FakeClock) -> None:
    path = f"{SUNO}/text_to_music"
    body = {
        "vocal_mode": "exact_lyrics",
        "lyrics": "[Verse] Hello",
        "style": "rock, jazz",
        "title": "Hi",
        "model": "suno-v4",
    }
    track = finish(api, fake_clock, path, api.create(path, body))["audios"][0]
    assert (track["lyrics"], track["tags"], track["title"]) == ("[Verse] Hello", ["rock", "jazz"], "Hi")
    instrumental = dict(body, vocal_mode="instrumental")
    assert finish(api, fake_clock, path, api.create(path, instrumental))["audios"][0]["lyrics"] == ""


def test_generate_lyrics_processing_then_completed(api: Api, fake_clock: FakeClock) -> None:
    path = f"{SUNO}/generate_lyrics"
    task_id = api.create(path)
    assert api.get(f"{path}/{task_id}").json() == {"id": task_id, "status": "processing", "lyrics": []}
    done = finish(api, fake_clock, path, task_id)
    assert set(done) == {"id", "status", "lyrics"}
    assert done["status"] == "completed"
    assert len(done["lyrics"]) >= 1
    for entry in done["lyrics"]:
        assert set(entry) == {"title", "text"}
        assert entry["title"] and entry["text"]


def test_text_to_image_completes_with_model_and_images(api: Api, fake_clock: FakeClock) -> None:
    path = f"{NANO}/text_to_image"
    task_id = api.create(path, dict(BODIES[path], model="nano-banana-pro"))
    assert api.get(f"{path}/{task_id}").json() == {"id": task_id, "status": "processing"}
    done = finish(api, fake_clock, path, task_id)
    assert done == {
        "id": task_id,
        "status": "completed",
        "model": "nano-banana-pro",
        "images": [{"url": done["images"][0]["url"]}],
    }
    assert done["images"][0]["url"].startswith(f"{api.emulator.url}/files/{task_id}/")


def test_edit_image_completes_with_images(api: Api, fake_clock: FakeClock) -> None:
    path = f"{NANO}/edit_image"
    task_id = api.create(path)
    done = finish(api, fake_clock, path, task_id)
    assert set(done) == {"id", "status", "images"}
    assert done["status"] == "completed"
    assert [set(image) for image in done["images"]] == [{"url"}]


def test_text_to_video_completes_with_a_720p_video_with_audio(api: Api, fake_clock: FakeClock) -> None:
    path = f"{VEO}/text_to_video"
    task_id = api.create(path)
    assert api.get(f"{path}/{task_id}").json() == {"id": task_id, "status": "processing"}
    done = finish(api, fake_clock, path, task_id)
    assert set(done) == {"id", "status", "videos"}
    [video] = done["videos"]
    assert set(video) == {"url", "resolution", "has_audio"}
    assert (video["resolution"], video["has_audio"]) == ("720p", True)
    assert video["url"].endswith(".mp4")


def test_image_to_video_lists_its_frames_as_sources(api: Api, fake_clock: FakeClock) -> None:
    path = f"{VEO}/text_to_video"
    body = {
        "prompt": "sunrise to sunset",
        "model": "veo-3.1",
        "input_mode": "first_and_last_frames",
        "first_frame_image_url": "https://example.com/first.jpg",
        "last_frame_image_url": "https://example.com/last.jpg",
    }
    done = finish(api, fake_clock, path, api.create(path, body))
    assert done["sources"] == [{"url": "https://example.com/first.jpg"}, {"url": "https://example.com/last.jpg"}]


def test_extend_video_completes_with_the_original_as_source(api: Api, fake_clock: FakeClock) -> None:
    source_id = api.completed_video(fake_clock)
    original_url = api.get(f"{VEO}/text_to_video/{source_id}").json()["videos"][0]["url"]
    path = f"{VEO}/extend_video"
    task_id = api.create(path, {"source_task_id": source_id, "prompt": "more"})
    assert api.get(f"{path}/{task_id}").json() == {"id": task_id, "status": "processing"}
    done = finish(api, fake_clock, path, task_id)
    assert set(done) == {"id", "status", "videos", "sources"}
    [video] = done["videos"]
    assert set(video) == {"url", "resolution", "has_audio"} and video["url"] != original_url
    assert done["sources"] == [{"url": original_url}]


@pytest.mark.parametrize("resolution", ["1080p", "4k"])
def test_upscale_video_echoes_its_source_and_resolution(api: Api, fake_clock: FakeClock, resolution: str) -> None:
    source_id = api.completed_video(fake_clock)
    path = f"{VEO}/upscale_video"
    task_id = api.create(path, {"source_task_id": source_id, "output_resolution": resolution, "index": 0})
    processing = api.get(f"{path}/{task_id}").json()
    assert processing == {"id": task_id, "status": "processing", "source_task_id": source_id}
    done = finish(api, fake_clock, path, task_id)
    assert set(done) == {"id", "status", "source_task_id", "videos"}
    assert (done["status"], done["source_task_id"]) == ("completed", source_id)
    [video] = done["videos"]
    assert set(video) == {"url", "resolution"} and video["resolution"] == resolution


# --- time-based and poll-based life cycles ----------------------------------------------------


def test_time_based_task_completes_exactly_after_complete_after(api: Api, fake_clock: FakeClock) -> None:
    path = f"{NANO}/text_to_image"
    task_id = api.create(path)
    fake_clock.advance(COMPLETE_AFTER - 0.01)
    assert api.get(f"{path}/{task_id}").json()["status"] == "processing"
    fake_clock.advance(0.01)
    assert api.get(f"{path}/{task_id}").json()["status"] == "completed"


def test_time_based_task_completes_without_being_polled(api: Api, fake_clock: FakeClock) -> None:
    api.create(f"{NANO}/text_to_image")
    fake_clock.advance(COMPLETE_AFTER)
    [task] = api.emulator.tasks()
    assert (task["status"], task["polls"]) == ("completed", 0)
    assert task["payload"]["status"] == "completed"


def test_suno_stages_spread_over_time(api: Api, fake_clock: FakeClock) -> None:
    path = f"{SUNO}/text_to_music"
    task_id = api.create(path)
    seen = []
    for _ in range(3):
        fake_clock.advance(COMPLETE_AFTER / 3 + 0.001)
        payload = api.get(f"{path}/{task_id}").json()
        seen.append((payload["status"], payload["generation_stage"], len(payload.get("audios", []))))
    assert seen == [
        ("processing", "text_generated", 0),
        ("processing", "first_audio_ready", 1),
        ("completed", "all_audios_ready", 2),
    ]


def test_zero_complete_after_completes_on_the_first_poll(start_emulator: Callable[..., Emulator]) -> None:
    api = Api(start_emulator(complete_after=0))
    try:
        task_id = api.create(f"{SUNO}/generate_lyrics")
        assert api.get(f"{SUNO}/generate_lyrics/{task_id}").json()["status"] == "completed"
    finally:
        api.close()


def test_poll_based_task_completes_on_the_nth_get(start_emulator: Callable[..., Emulator]) -> None:
    api = Api(start_emulator(complete_after_polls=3))
    try:
        path = f"{VEO}/text_to_video"
        task_id = api.create(path)
        statuses = [api.get(f"{path}/{task_id}").json()["status"] for _ in range(4)]
        assert statuses == ["processing", "processing", "completed", "completed"]
        assert api.emulator.tasks()[0]["polls"] == 4
    finally:
        api.close()


def test_poll_based_life_cycle_ignores_the_clock(
    start_emulator: Callable[..., Emulator], fake_clock: FakeClock
) -> None:
    api = Api(start_emulator(complete_after_polls=2))
    try:
        task_id = api.create(f"{NANO}/text_to_image")
        fake_clock.advance(10_000)
        assert api.emulator.tasks()[0]["status"] == "processing"
        assert api.get(f"{NANO}/text_to_image/{task_id}").json()["status"] == "processing"
        assert api.get(f"{NANO}/text_to_image/{task_id}").json()["status"] == "completed"
    finally:
        api.close()


def test_poll_based_suno_stages(start_emulator: Callable[..., Emulator]) -> None:
    api = Api(start_emulator(complete_after_polls=3))
    try:
        path = f"{SUNO}/extend_music"
        task_id = api.create(path)
        stages = [api.get(f"{path}/{task_id}").json() for _ in range(3)]
        assert [(s["status"], s["generation_stage"]) for s in stages] == [
            ("processing", "text_generated"),
            ("processing", "first_audio_ready"),
            ("completed", "all_audios_ready"),
        ]
        assert "audios" not in stages[0]
        assert stages[1]["audios"] == stages[2]["audios"][:1]
    finally:
        api.close()


# --- failures ---------------------------------------------------------------------------------


FAILED_PAYLOADS: dict[str, dict[str, Any]] = {
    f"{SUNO}/text_to_music": {"generation_stage": "failed", "error": "Generation failed"},
    f"{SUNO}/extend_music": {"generation_stage": "failed", "error": "Extension generation failed."},
    f"{SUNO}/generate_lyrics": {"error": "Lyrics generation failed.", "lyrics": []},
    f"{NANO}/text_to_image": {"error": "Generation failed due to content policy violation"},
    f"{NANO}/edit_image": {"error": "Generation failed due to content policy violation"},
    f"{VEO}/text_to_video": {"error": "Video generation failed"},
    f"{VEO}/extend_video": {"error": "Video extension failed."},
    f"{VEO}/upscale_video": {"error": "Video generation failed."},
}


@pytest.mark.parametrize("path", list(FAILED_PAYLOADS))
def test_failure_token_makes_the_task_fail_with_the_documented_error(
    api: Api, fake_clock: FakeClock, path: str
) -> None:
    body = api.body_for(path, fake_clock)
    text_field = "audio_id" if path == f"{SUNO}/extend_music" else "prompt"
    if path == f"{VEO}/upscale_video":
        body["note"] = f"please {FAILURE_TOKEN}"  # no string input of its own besides the source id
    else:
        body[text_field] = f"{body[text_field]} {FAILURE_TOKEN}"
    task_id = api.create(path, body)
    assert api.get(f"{path}/{task_id}").json()["status"] == "processing"

    failed = finish(api, fake_clock, path, task_id)
    expected = {"id": task_id, "status": "failed", **FAILED_PAYLOADS[path]}
    if path == f"{VEO}/upscale_video":
        expected["source_task_id"] = body["source_task_id"]
    assert failed == expected


def test_failed_4k_upscale_says_the_4k_version_is_unavailable(api: Api, fake_clock: FakeClock) -> None:
    body = api.body_for(f"{VEO}/upscale_video", fake_clock, output_resolution="4k", note=FAILURE_TOKEN)
    task_id = api.create(f"{VEO}/upscale_video", body)
    failed = finish(api, fake_clock, f"{VEO}/upscale_video", task_id)
    assert failed["error"] == "The 4K version of this video is unavailable."


def test_failure_token_inside_a_list_parameter_counts(api: Api, fake_clock: FakeClock) -> None:
    path = f"{NANO}/edit_image"
    task_id = api.create(path, dict(BODIES[path], source_image_urls=[f"https://x.test/{FAILURE_TOKEN}.png"]))
    assert finish(api, fake_clock, path, task_id)["status"] == "failed"


def test_failing_suno_task_skips_the_intermediate_stages(api: Api, fake_clock: FakeClock) -> None:
    path = f"{SUNO}/text_to_music"
    task_id = api.create(path, dict(BODIES[path], prompt=FAILURE_TOKEN))
    fake_clock.advance(COMPLETE_AFTER * 0.9)
    assert api.get(f"{path}/{task_id}").json() == {"id": task_id, "status": "processing"}
