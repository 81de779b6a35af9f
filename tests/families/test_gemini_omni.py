"""Gemini Omni (``client.gemini_omni``), checked against the docs' Gemini Omni section.

The examples under ``tests/fixtures/gemini_omni/`` are the section's payloads, copied as data: the
three request bodies (curl examples), the two direct 200 answers (``create_audio``,
``create_character``), ``text_to_video``'s 202 answer and its completed status answer. The docs
print no processing, failed or callback example: the 202 answer stands in for "processing", a
failure is the platform's general shape (docs: Errors > Task-Specific Errors), and a callback is
"the same completed or failed response body".

The generic contract checks (the endpoints, ``client.gemini_omni``, every example sent as is or
structured with nothing dropped, the direct calls' typed answers and failures, run/failed/get on
``text_to_video``'s status path) live in ``test_every_family.py``. This file keeps what is
particular to Gemini Omni: no ``model`` parameter, typed reads of its answers, the direct calls'
ids feeding ``text_to_video``, the reference-unit rules, refusals and its signatures.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import cattrs
import pytest
import responses

import runapi
from runapi._core.models import Result
from runapi.gemini_omni import (
    MAX_REFERENCE_UNITS,
    MODELS,
    Audio,
    AudioResult,
    Character,
    CharacterResult,
    Image,
    Video,
    VideoClip,
    VideoTask,
)
from tests.families.contract import strict_converter

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "gemini_omni"
BASE = "/api/v1/gemini_omni"

DIRECT_OPS: dict[str, type[Result]] = {"create_audio": AudioResult, "create_character": CharacterResult}
OPS: dict[str, type[Result]] = {**DIRECT_OPS, "text_to_video": VideoTask}

VIDEO_URL = "https://file.runapi.ai/gemini-omni/output.mp4"


def load(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def url(client: runapi.Client, op: str, task_id: str | None = None) -> str:
    return f"{client.base_url}{BASE}/{op}" + ("" if task_id is None else f"/{task_id}")


def call(client: runapi.Client, op: str, **kwargs: Any) -> Any:
    """``create`` for the task endpoint, the call itself for a direct one."""
    target = getattr(client.gemini_omni, op)
    return target(**kwargs) if op in DIRECT_OPS else target.create(**kwargs)


def answer(op: str) -> dict[str, Any]:
    """What the endpoint answers a create with: the direct result, or the 202 task."""
    return load(f"{op}_response") if op in DIRECT_OPS else load(f"{op}_accepted")


def canonical(value: Any) -> str:
    """JSON text with sorted keys: equal only if values and JSON types are equal (8 != 8.0)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


# -- the family's surface ----------------------------------------------------------------------


def test_every_endpoint_takes_an_optional_model_sent_only_when_given(client):
    # the docs name one model per endpoint and no model parameter; the platform contract (newer) lists
    # each action's model ids, and the official package sends a model only when given
    assert MODELS == (
        "gemini-omni-audio",
        "gemini-omni-character",
        "gemini-omni-text-to-video",
        "gemini-omni-flash-preview",
    )
    for op in OPS:
        resource = getattr(client.gemini_omni, op)
        signature = inspect.signature(resource if op in DIRECT_OPS else resource.create)
        assert signature.parameters["model"].default is None, op


def test_calls_show_the_real_parameters(client):
    audio = inspect.signature(client.gemini_omni.create_audio).parameters
    assert list(audio) == ["audio_id", "name", "voice_description", "example_dialogue", "model"]
    character = inspect.signature(client.gemini_omni.create_character).parameters
    assert list(character)[:2] == ["descriptions", "reference_image_url"]
    video = inspect.signature(client.gemini_omni.text_to_video.run).parameters
    assert [n for n, p in video.items() if p.default is inspect.Parameter.empty] == ["prompt"]
    assert video["duration_seconds"].default is None  # required per model (refused for flash-preview)


# -- the documented answers, as a user reads them ------------------------------------------------


def test_the_strict_check_does_catch_an_unmodelled_field():
    character = load("create_character_response")
    nested = {**character, "character": {**character["character"], "voice": "x"}}
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure(nested, CharacterResult)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**load("create_audio_response"), "status": "ok"}, AudioResult)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**load("text_to_video_completed"), "model": "x"}, VideoTask)
    # while the SDK itself keeps such a key on raw instead of refusing the answer
    assert CharacterResult.from_dict(nested).raw["character"]["voice"] == "x"


def test_create_audio_answer_reads_as_the_new_voice():
    result = AudioResult.from_dict(load("create_audio_response"))
    assert result.id == "a8f1c2d3e4f5"
    assert result.audio == Audio(id="a8f1c2d3e4f5", name="Acher Narrator")


def test_create_character_answer_reads_as_the_new_character():
    result = CharacterResult.from_dict(load("create_character_response"))
    assert result.id == "b09dbf56"
    assert result.character == Character(
        id="b09dbf56", name="Jenny", images=[Image(url="https://file.runapi.ai/gemini/jenny.png")]
    )


def test_completed_video_reads_as_typed_videos():
    task = VideoTask.from_dict(load("text_to_video_completed"))
    assert task.is_completed and task.error is None
    assert task.videos == [Video(url=VIDEO_URL)]
    assert task.output_urls == [VIDEO_URL]
    assert VideoTask.from_dict(load("text_to_video_accepted")).output_urls == []


# -- direct operations: their ids feed text_to_video ----------------------------------------------


@responses.activate
def test_the_ids_of_the_direct_calls_feed_text_to_video(client):
    responses.post(url(client, "create_audio"), status=200, json=load("create_audio_response"))
    responses.post(url(client, "create_character"), status=200, json=load("create_character_response"))
    responses.post(url(client, "text_to_video"), status=202, json=load("text_to_video_accepted"))

    voice = client.gemini_omni.create_audio(**load("create_audio_request"))
    character = client.gemini_omni.create_character(**load("create_character_request"))
    assert voice.id is not None and character.id is not None
    client.gemini_omni.text_to_video.create(
        prompt="She walks out", duration_seconds=8, audio_ids=[voice.id], character_ids=[character.id]
    )

    sent = json.loads(responses.calls[2].request.body)
    assert sent == {"prompt": "She walks out", "duration_seconds": 8, "audio_ids": ["a8f1c2d3e4f5"],
                    "character_ids": ["b09dbf56"]}  # fmt: skip


# -- accepted values ---------------------------------------------------------------------------

IMG = "https://cdn.runapi.ai/public/samples/reference-1.jpg"
CLIP = {"url": "https://cdn.runapi.ai/public/samples/clip.mp4", "start": 0, "ends": 5}
VIDEO = {"prompt": "A neon city", "duration_seconds": 8}
AUDIO = {"audio_id": "achernar", "name": "Acher Narrator"}
CHARACTER = {"descriptions": "A calm heroine", "reference_image_url": IMG}


def _accepted_calls() -> list[Any]:
    cases: list[Any] = []

    def add(case_id: str, op: str, kwargs: dict[str, Any]) -> None:
        cases.append(pytest.param(op, kwargs, id=case_id))

    for seconds in (4, 6, 8, 10):
        add(f"video-{seconds}s", "text_to_video", {**VIDEO, "duration_seconds": seconds})
    for ratio in ("16:9", "9:16"):
        add(f"video-aspect-{ratio}", "text_to_video", {**VIDEO, "aspect_ratio": ratio})
    for resolution in ("720p", "1080p", "4k"):
        add(f"video-{resolution}", "text_to_video", {**VIDEO, "output_resolution": resolution})
    for seed in (0, 2_147_483_647):
        add(f"video-seed-{seed}", "text_to_video", {**VIDEO, "seed": seed})
    add("video-prompt-20000", "text_to_video", {**VIDEO, "prompt": "p" * 20_000})
    add("video-7-images", "text_to_video", {**VIDEO, "reference_image_urls": [IMG] * 7})
    add("video-3-audios-3-characters", "text_to_video", {**VIDEO, "audio_ids": ["a"] * 3, "character_ids": ["c"] * 3})
    add(
        "video-units-5-images-1-clip",
        "text_to_video",
        {**VIDEO, "reference_image_urls": [IMG] * 5, "video_list": [CLIP]},
    )
    add("video-units-4-images-3-characters", "text_to_video",
        {**VIDEO, "reference_image_urls": [IMG] * 4, "character_ids": ["c"] * 3})  # fmt: skip
    add("video-units-2-images-1-clip-3-characters", "text_to_video",
        {**VIDEO, "reference_image_urls": [IMG] * 2, "video_list": [CLIP], "character_ids": ["c"] * 3})  # fmt: skip
    add("video-audio-ids-do-not-count", "text_to_video",
        {**VIDEO, "reference_image_urls": [IMG] * 7, "audio_ids": ["a"] * 3})  # fmt: skip
    add(
        "video-clip-fractional-seconds",
        "text_to_video",
        {**VIDEO, "video_list": [{**CLIP, "start": 1.5, "ends": 4.25}]},
    )
    add("audio-minimal", "create_audio", AUDIO)
    longest = {
        "audio_id": "zephyr",
        "name": "n" * 210,
        "voice_description": "v" * 20_000,
        "example_dialogue": "e" * 120,
    }
    add("audio-longest", "create_audio", longest)
    add("audio-unlisted-preset", "create_audio", {**AUDIO, "audio_id": "kore"})
    add("character-minimal", "create_character", CHARACTER)
    add("character-all", "create_character", {**CHARACTER, "audio_ids": ["a1", "a2"], "character_name": "J" * 210})
    # newer source, the platform contract: each action's model ids, and flash-preview's values
    add("audio-model", "create_audio", {**AUDIO, "model": "gemini-omni-audio"})
    add("character-model", "create_character", {**CHARACTER, "model": "gemini-omni-character"})
    for duration in (4, 6, 8, 10):
        for resolution in ("720p", "1080p", "4k"):
            add(
                f"video-model-{duration}s-{resolution}",
                "text_to_video",
                {
                    **VIDEO,
                    "model": "gemini-omni-text-to-video",
                    "duration_seconds": duration,
                    "output_resolution": resolution,
                },
            )
    for ratio in ("16:9", "9:16"):
        add(
            f"flash-preview-{ratio}",
            "text_to_video",
            {
                "prompt": "A fox",
                "model": "gemini-omni-flash-preview",
                "aspect_ratio": ratio,
                "output_resolution": "720p",
            },
        )
        add(
            f"video-model-{ratio}",
            "text_to_video",
            {**VIDEO, "model": "gemini-omni-text-to-video", "aspect_ratio": ratio},
        )
    return cases


@pytest.mark.parametrize(("op", "kwargs"), _accepted_calls())
@responses.activate
def test_valid_values_are_accepted_and_sent_unchanged(client, op, kwargs):
    responses.post(url(client, op), status=200 if op in DIRECT_OPS else 202, json=answer(op))

    call(client, op, **kwargs)

    assert canonical(json.loads(responses.calls[0].request.body)) == canonical(kwargs)


@responses.activate
def test_a_clip_object_is_sent_as_a_json_object(client):
    responses.post(url(client, "text_to_video"), status=202, json=answer("text_to_video"))

    client.gemini_omni.text_to_video.create(**VIDEO, video_list=[VideoClip(**CLIP)])

    assert json.loads(responses.calls[0].request.body) == {**VIDEO, "video_list": [CLIP]}


# -- refused before any request, naming the field and what is allowed ----------------------------

UNITS = "at most 7 reference units"
REFUSED = [
    # text_to_video
    pytest.param(
        "text_to_video",
        {"prompt": "x"},
        "duration_seconds",
        "duration_seconds is required with no model",
        id="video-needs-duration",
    ),
    pytest.param(
        "text_to_video",
        {"prompt": "x", "video_list": [CLIP]},
        "duration_seconds",
        "duration_seconds is required with no model",
        id="video-needs-duration-even-with-a-clip",
    ),
    pytest.param(
        "text_to_video", {"duration_seconds": 8}, "prompt", "missing required parameter", id="video-needs-prompt"
    ),
    pytest.param("text_to_video", {**VIDEO, "duration_seconds": 5}, "duration_seconds", "one of 4, 6, 8, 10", id="d-5"),
    pytest.param(
        "text_to_video", {**VIDEO, "duration_seconds": 8.0}, "duration_seconds", "one of 4, 6, 8, 10", id="d-8.0"
    ),
    pytest.param("text_to_video", {**VIDEO, "prompt": "p" * 20_001}, "prompt", "1-20000 characters", id="prompt-20001"),
    pytest.param("text_to_video", {**VIDEO, "aspect_ratio": "1:1"}, "aspect_ratio", "'16:9', '9:16'", id="aspect"),
    pytest.param(
        "text_to_video", {**VIDEO, "output_resolution": "480p"}, "output_resolution", "'720p', '1080p', '4k'", id="res"
    ),
    pytest.param("text_to_video", {**VIDEO, "seed": -1}, "seed", "an integer from 0 to 2147483647", id="seed-negative"),
    pytest.param(
        "text_to_video", {**VIDEO, "seed": 2_147_483_648}, "seed", "an integer from 0 to 2147483647", id="seed-too-big"
    ),
    pytest.param(
        "text_to_video", {**VIDEO, "reference_image_urls": [IMG] * 8}, "reference_image_urls", "1-7", id="8-images"
    ),
    pytest.param(
        "text_to_video",
        {**VIDEO, "reference_image_urls": ["ref.jpg"]},
        "reference_image_urls[0]",
        "http(s) URL",
        id="img-url",
    ),
    pytest.param(
        "text_to_video", {**VIDEO, "reference_image_urls": IMG}, "reference_image_urls", "a list", id="img-str"
    ),
    pytest.param("text_to_video", {**VIDEO, "reference_image_urls": []}, "reference_image_urls", "1-7", id="img-empty"),
    pytest.param(
        "text_to_video", {**VIDEO, "audio_ids": ["a"] * 4}, "audio_ids", "1-3 non-blank strings", id="4-audios"
    ),
    pytest.param(
        "text_to_video",
        {**VIDEO, "character_ids": ["c"] * 4},
        "character_ids",
        "1-3 non-blank strings",
        id="4-characters",
    ),
    pytest.param("text_to_video", {**VIDEO, "character_ids": [""]}, "character_ids", "non-blank", id="blank-character"),
    pytest.param(
        "text_to_video", {**VIDEO, "video_list": [CLIP, CLIP]}, "video_list", "exactly 1 VideoClip", id="2-clips"
    ),
    pytest.param("text_to_video", {**VIDEO, "video_list": []}, "video_list", "exactly 1 VideoClip", id="0-clips"),
    pytest.param(
        "text_to_video", {**VIDEO, "video_list": CLIP}, "video_list", "a list of VideoClip", id="clip-not-list"
    ),
    pytest.param(
        "text_to_video",
        {**VIDEO, "video_list": [{"url": CLIP["url"], "start": 0}]},
        "video_list[0].ends",
        "missing required parameter 'ends'",
        id="clip-needs-ends",
    ),
    pytest.param(
        "text_to_video",
        {**VIDEO, "video_list": [{**CLIP, "start": 5, "ends": 5}]},
        "video_list[0].ends",
        "greater than start",
        id="clip-ends-equals-start",
    ),
    pytest.param(
        "text_to_video",
        {**VIDEO, "video_list": [{**CLIP, "start": -1}]},
        "video_list[0].start",
        "at least 0",
        id="clip-start-negative",
    ),
    pytest.param(
        "text_to_video",
        {**VIDEO, "video_list": [{**CLIP, "url": "clip.mp4"}]},
        "video_list[0].url",
        "http(s) URL",
        id="clip-url",
    ),
    pytest.param(
        "text_to_video",
        {**VIDEO, "video_list": [{**CLIP, "end": 5}]},
        "video_list[0].end",
        "unknown parameter 'end'",
        id="clip-end-is-spelled-ends",
    ),
    pytest.param(
        "text_to_video", {**VIDEO, "callback_url": "your-domain.com"}, "callback_url", "http(s) URL", id="callback"
    ),
    pytest.param("text_to_video", {**VIDEO, "model": "gemini-omni-audio"}, "model", "one of", id="model"),
    pytest.param("create_audio", {**AUDIO, "model": "gemini-omni-character"}, "model", "one of", id="audio-model"),
    pytest.param(
        "create_character", {**CHARACTER, "model": "gemini-omni-audio"}, "model", "one of", id="character-model"
    ),
    pytest.param(
        "text_to_video",
        {"prompt": "x", "model": "gemini-omni-text-to-video"},
        "duration_seconds",
        "required for model 'gemini-omni-text-to-video'",
        id="text-to-video-model-needs-duration",
    ),
    pytest.param(
        "text_to_video",
        {"prompt": "x", "model": "gemini-omni-flash-preview", "output_resolution": "1080p"},
        "output_resolution",
        "for model 'gemini-omni-flash-preview'",
        id="flash-preview-1080p",
    ),
    *[
        pytest.param(
            "text_to_video",
            {"prompt": "x", "model": "gemini-omni-flash-preview", name: value},
            name,
            "not accepted for model 'gemini-omni-flash-preview'",
            id=f"flash-preview-{name}",
        )
        for name, value in (
            ("reference_image_urls", [IMG]),
            ("audio_ids", ["a"]),
            ("video_list", [CLIP]),
            ("character_ids", ["c"]),
            ("duration_seconds", 8),
            ("seed", 1),
        )
    ],
    # create_audio
    pytest.param("create_audio", {"name": "n"}, "audio_id", "missing required parameter", id="audio-needs-audio_id"),
    pytest.param("create_audio", {"audio_id": "puck"}, "name", "missing required parameter", id="audio-needs-name"),
    pytest.param("create_audio", {**AUDIO, "name": "n" * 211}, "name", "1-210 characters", id="audio-name-211"),
    pytest.param(
        "create_audio", {**AUDIO, "voice_description": "v" * 20_001}, "voice_description", "1-20000", id="audio-desc"
    ),
    pytest.param(
        "create_audio",
        {**AUDIO, "example_dialogue": "e" * 121},
        "example_dialogue",
        "1-120 characters",
        id="audio-line",
    ),
    pytest.param("create_audio", {**AUDIO, "audio_id": " "}, "audio_id", "a non-blank string", id="audio-id-blank"),
    pytest.param(
        "create_audio", {**AUDIO, "callback_url": "https://x.io/cb"}, "callback_url", "unknown parameter", id="audio-cb"
    ),
    # create_character
    pytest.param(
        "create_character", {"reference_image_url": IMG}, "descriptions", "missing required", id="character-needs-desc"
    ),
    pytest.param(
        "create_character", {"descriptions": "d"}, "reference_image_url", "missing required", id="character-needs-image"
    ),
    pytest.param(
        "create_character",
        {**CHARACTER, "reference_image_url": "jenny.png"},
        "reference_image_url",
        "http(s) URL",
        id="character-image-url",
    ),
    pytest.param(
        "create_character", {**CHARACTER, "character_name": "J" * 211}, "character_name", "1-210", id="character-name"
    ),
    pytest.param("create_character", {**CHARACTER, "audio_ids": "a1"}, "audio_ids", "a list", id="character-audio-str"),
    pytest.param("create_character", {**CHARACTER, "audio_ids": []}, "audio_ids", "at least 1", id="character-audio-0"),
    pytest.param(
        "create_character",
        {**CHARACTER, "description": "d"},
        "description",
        "unknown parameter",
        id="character-spelling",
    ),
]


@pytest.mark.parametrize(("op", "kwargs", "field_name", "fragment"), REFUSED)
@responses.activate
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, op, kwargs, field_name, fragment):
    responses.post(url(client, op), status=200 if op in DIRECT_OPS else 202, json=answer(op))

    with pytest.raises(runapi.ValidationError) as info:
        call(client, op, **kwargs)

    assert info.value.field == field_name
    assert all(part in str(info.value) for part in field_name.split("."))  # "video_list[0]: ends must be ..."
    assert fragment in str(info.value)
    assert len(responses.calls) == 0


OVER_THE_UNIT_LIMIT = [
    pytest.param({"reference_image_urls": [IMG] * 6, "video_list": [CLIP]}, 8, id="6-images-1-clip"),
    pytest.param({"reference_image_urls": [IMG] * 5, "character_ids": ["c"] * 3}, 8, id="5-images-3-characters"),
    pytest.param({"reference_image_urls": [IMG] * 3, "video_list": [CLIP], "character_ids": ["c"] * 3}, 8, id="3-1-3"),
    pytest.param({"reference_image_urls": [IMG] * 7, "character_ids": ["c"] * 3}, 10, id="7-images-3-characters"),
]


@pytest.mark.parametrize(("kwargs", "units"), OVER_THE_UNIT_LIMIT)
@responses.activate
def test_more_than_seven_reference_units_are_refused_before_any_request(client, kwargs, units):
    responses.post(url(client, "text_to_video"), status=202, json=answer("text_to_video"))

    with pytest.raises(runapi.ValidationError) as info:
        client.gemini_omni.text_to_video.create(**VIDEO, **kwargs)

    message = str(info.value)
    assert UNITS in message and f"got {units}" in message
    assert all(name in message for name in ("reference_image_urls", "video_list", "character_ids"))
    assert info.value.field is None  # a rule spanning three fields
    assert info.value.allowed is not None and str(MAX_REFERENCE_UNITS) in info.value.allowed
    assert len(responses.calls) == 0
