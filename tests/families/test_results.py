"""Result models of the Suno, Nano Banana and Veo 3.1 tasks: typed fields, tolerance, malformed payloads.

That every 202 answer, status example and callback example in ``tests/fixtures`` structures into
its operation's task class, keeps the payload on ``task.raw`` and (the contract check) fits the
model exactly is checked for every family in ``test_every_family.py``: a field the docs show that
the model lacks fails there, even though the SDK's own converter would silently ignore it. This
file checks the contract check itself, and what a user reads off these tasks.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import cattrs
import pytest

import runapi
from runapi.nano_banana import Image, ImageTask
from runapi.suno import Audio, Lyrics, LyricsTask, MusicTask
from runapi.veo_3_1 import Source, Video, VideoTask
from tests.families.contract import assert_mirrors, strict_converter

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

TASK_CLASS = {
    ("suno", "text_to_music"): MusicTask,
    ("suno", "extend_music"): MusicTask,
    ("suno", "generate_lyrics"): LyricsTask,
    ("nano_banana", "text_to_image"): ImageTask,
    ("veo_3_1", "text_to_video"): VideoTask,
    ("veo_3_1", "extend_video"): VideoTask,
    ("veo_3_1", "upscale_video"): VideoTask,
}


def _task_class(family: str, name: str) -> type[runapi.Task]:
    for (fam, operation), cls in TASK_CLASS.items():
        if fam == family and name.startswith(operation + "_"):
            return cls
    raise AssertionError(f"no task class for fixture {family}/{name}")


def load(family: str, name: str) -> Any:
    return json.loads((FIXTURES / family / f"{name}.json").read_text(encoding="utf-8"))


def pluck(obj: Any, path: str) -> Any:
    """``pluck(task, "audios.0.duration")``."""
    for part in path.split("."):
        obj = obj[int(part)] if part.isdigit() else getattr(obj, part)
    return obj


# -- the contract check, and typed fields ---------------------------------------------------------


def test_contract_check_does_catch_a_missing_field():
    # the strict converter is what makes the contract checks (test_every_family.py) meaningful: it
    # must refuse unknown keys, at the top and in nested objects
    payload = load("suno", "text_to_music_completed")
    strict = strict_converter()
    with pytest.raises(cattrs.BaseValidationError):
        strict.structure({**payload, "new_field": 1}, MusicTask)
    nested = {**payload, "audios": [{**payload["audios"][0], "new_field": 1}]}
    with pytest.raises(cattrs.BaseValidationError):
        strict.structure(nested, MusicTask)
    with pytest.raises(AssertionError, match="new_field"):
        assert_mirrors(MusicTask.from_dict(nested), nested, "task")


TYPED = [
    pytest.param(
        "suno",
        "text_to_music_completed",
        {
            "generation_stage": "all_audios_ready",
            "audios.0.id": "8551****662c",
            "audios.0.duration": 198.44,
            "audios.0.tags": ["electrifying", "rock"],
            "audios.0.title": "钢铁侠",
            "audios.0.lyrics": "[Verse] 夜晚城市 灯火辉煌",
            "audios.0.model_name": "chirp-v3-5",
            "audios.0.audio_url": "https://file.runapi.ai/****.mp3",
            "audios.0.stream_audio_url": "https://file.runapi.ai/****",
            "audios.0.image_url": "https://file.runapi.ai/****.jpeg",
        },
        id="suno-music-completed",
    ),
    pytest.param(
        "suno",
        "text_to_music_processing",
        {"generation_stage": "text_generated", "audios": [], "is_done": False},
        id="suno-music-processing",
    ),
    pytest.param(
        "suno",
        "text_to_music_failed",
        {"generation_stage": "failed", "error": "Generation failed", "is_failed": True, "is_done": True},
        id="suno-music-failed",
    ),
    pytest.param(
        "suno",
        "text_to_music_callback_completed",
        {"audios.0.id": "audio-id-1", "audios.0.tags": ["genre1", "genre2"], "audios.0.duration": 198.44},
        id="suno-music-callback",
    ),
    pytest.param(
        "suno",
        "extend_music_completed",
        {"audios.0.title": "Iron Man Extended", "audios.0.duration": 278.44, "is_completed": True},
        id="suno-extend-completed",
    ),
    pytest.param(
        "suno",
        "extend_music_processing",
        {"generation_stage": None, "audios": [], "status": "processing"},
        id="suno-extend-processing-no-stage",
    ),
    pytest.param(
        "suno",
        "extend_music_callback_failed",
        {"generation_stage": "failed", "error": "Failed to extend music, invalid audio source"},
        id="suno-extend-callback-failed",
    ),
    pytest.param(
        "suno",
        "generate_lyrics_completed",
        {
            "lyrics.0.title": "Starry Night Dreams",
            "lyrics.0.text": "[Verse]\nMoonlight spreads across the windowsill...",
        },
        id="suno-lyrics-completed",
    ),
    pytest.param(
        "suno",
        "generate_lyrics_failed",
        {"lyrics": [], "error": "Lyrics generation failed.", "is_failed": True},
        id="suno-lyrics-failed",
    ),
    pytest.param(
        "nano_banana",
        "text_to_image_completed_quickstart",
        {"model": "nano-banana", "images.0.url": "https://file.runapi.ai/generated/image1.png"},
        id="nano-completed",
    ),
    pytest.param(
        "nano_banana",
        "text_to_image_accepted_quickstart",
        {"id": "281e5b0f...f39b9", "status": "processing", "images": [], "is_done": False},
        id="nano-accepted-id-only",
    ),
    pytest.param(
        "nano_banana",
        "text_to_image_callback_failed",
        {"error": "Generation failed due to content policy violation", "images": []},
        id="nano-callback-failed",
    ),
    pytest.param(
        "veo_3_1",
        "text_to_video_completed",
        {
            "videos.0.url": "https://file.runapi.ai/videos/video1.mp4",
            "videos.0.resolution": "1080p",
            "videos.0.has_audio": True,
            "sources": [],
        },
        id="veo-completed",
    ),
    pytest.param(
        "veo_3_1",
        "text_to_video_callback_failed",
        {"error": "Your prompt was flagged as violating content policies.", "videos": []},
        id="veo-callback-failed",
    ),
    pytest.param(
        "veo_3_1",
        "extend_video_completed",
        {
            "videos.0.url": "https://file.runapi.ai/videos/extended_video1.mp4",
            "sources.0.url": "https://file.runapi.ai/videos/original_video1.mp4",
        },
        id="veo-extend-completed",
    ),
    pytest.param(
        "veo_3_1",
        "upscale_video_completed_4k",
        {
            "source_task_id": "550e8400-e29b-41d4-a716-446655440000",
            "videos.0.resolution": "4k",
            "videos.0.url": "https://tempfile.runapi.ai/example_4k.mp4",
            "videos.0.has_audio": None,  # upscale answers do not report it
        },
        id="veo-upscale-4k",
    ),
    pytest.param(
        "veo_3_1",
        "upscale_video_processing",
        {"source_task_id": "550e8400-e29b-41d4-a716-446655440000", "videos": [], "is_done": False},
        id="veo-upscale-processing",
    ),
    pytest.param(
        "veo_3_1",
        "upscale_video_failed_1080p",
        {"source_task_id": "550e8400-e29b-41d4-a716-446655440000", "error": "Video generation failed."},
        id="veo-upscale-failed",
    ),
]


@pytest.mark.parametrize(("family", "name", "expected"), TYPED)
def test_typed_fields(family, name, expected):
    task = _task_class(family, name).from_dict(load(family, name))
    for path, value in expected.items():
        got = pluck(task, path)
        assert got == value, f"{path}: {got!r} != {value!r}"
        assert type(got) is type(value), f"{path}: {type(got).__name__} instead of {type(value).__name__}"


def test_nested_objects_are_model_classes():
    music = MusicTask.from_dict(load("suno", "text_to_music_completed"))
    lyrics = LyricsTask.from_dict(load("suno", "generate_lyrics_completed"))
    image = ImageTask.from_dict(load("nano_banana", "text_to_image_completed_quickstart"))
    video = VideoTask.from_dict(load("veo_3_1", "extend_video_completed"))
    assert isinstance(music.audios[0], Audio)
    assert isinstance(lyrics.lyrics[0], Lyrics)
    assert isinstance(image.images[0], Image)
    assert isinstance(video.videos[0], Video)
    assert isinstance(video.sources[0], Source)


# -- tolerance: what RunAPI adds tomorrow is kept, not refused --------------------------------

NESTED_LISTS = [
    pytest.param("suno", "text_to_music_completed", "audios", id="suno-audios"),
    pytest.param("suno", "generate_lyrics_completed", "lyrics", id="suno-lyrics"),
    pytest.param("nano_banana", "text_to_image_completed_quickstart", "images", id="nano-images"),
    pytest.param("veo_3_1", "text_to_video_completed", "videos", id="veo-videos"),
    pytest.param("veo_3_1", "extend_video_completed", "sources", id="veo-sources"),
]


@pytest.mark.parametrize(("family", "name", "key"), NESTED_LISTS)
def test_unknown_fields_are_tolerated_and_kept_in_raw(family, name, key):
    payload = load(family, name)
    cls = _task_class(family, name)
    extended = {**payload, "new_field": 1, key: [{**item, "new_field": {"deep": [1, 2]}} for item in payload[key]]}

    task = cls.from_dict(extended)

    assert task == cls.from_dict(payload)  # the typed view is unchanged
    assert task.raw == extended
    assert task.raw["new_field"] == 1
    assert task.raw[key][0]["new_field"] == {"deep": [1, 2]}


def test_unknown_status_is_passed_through():
    payload = {**load("veo_3_1", "text_to_video_processing"), "status": "queued"}
    task = VideoTask.from_dict(payload)
    assert task.status == "queued"
    assert not task.is_done
    assert not task.is_completed
    assert not task.is_failed


def test_bare_string_tags_become_a_one_item_list():
    payload = load("suno", "text_to_music_completed")
    payload["audios"][0]["tags"] = "rock"
    task = MusicTask.from_dict(payload)
    assert task.audios[0].tags == ["rock"]


# -- malformed payloads ---------------------------------------------------------------------

MALFORMED = [
    pytest.param(MusicTask, {"status": "completed", "audios": []}, id="music-no-id"),
    pytest.param(LyricsTask, {"status": "processing", "lyrics": []}, id="lyrics-no-id"),
    pytest.param(ImageTask, {"status": "completed", "images": []}, id="image-no-id"),
    pytest.param(VideoTask, {"status": "completed", "videos": []}, id="video-no-id"),
    pytest.param(VideoTask, {"id": 550, "status": "completed"}, id="video-numeric-id"),
    pytest.param(runapi.Task, {}, id="task-empty"),
    pytest.param(runapi.Task, ["281e5b0"], id="task-not-an-object"),
    pytest.param(MusicTask, {"id": "t", "status": "completed", "audios": 5}, id="music-audios-not-a-list"),
]


@pytest.mark.parametrize(("cls", "payload"), MALFORMED)
def test_malformed_payload_raises_response_validation_error(cls, payload):
    with pytest.raises(runapi.APIResponseValidationError) as info:
        cls.from_dict(payload)
    assert info.value.body == payload


def test_a_boolean_sent_as_a_string_is_read_as_meant_not_as_truthiness():
    payload = {"id": "v1", "status": "completed", "videos": [{"url": "u", "has_audio": "false"}]}
    assert VideoTask.from_dict(payload).videos[0].has_audio is False
    with pytest.raises(runapi.APIResponseValidationError):
        VideoTask.from_dict({"id": "v1", "status": "completed", "videos": [{"url": "u", "has_audio": "no"}]})
