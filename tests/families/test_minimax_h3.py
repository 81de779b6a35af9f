"""MiniMax H3 (``runapi.minimax_h3``), checked against the platform contract and the official packages.

The family is bound to a client directly (``MiniMaxH3(client)``) until it is registered on the client.
Facts: the official repository's contract (``runapi-ai/minimax-h3-sdk`` ``contract_gen.py``: the
model, ``duration_seconds`` 4-15, ``output_resolution``, ``aspect_ratio``, reference list sizes,
``prompt`` 1-7,000 and the cross-field rules) and parameter names (``js/src/types.ts``); the README's
quick-start body; the package's response model. HTTP is mocked with ``responses``, so "refused
before any request" is observed.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest
import responses

import runapi
from runapi.minimax_h3 import ASPECT_RATIOS, DURATIONS_SECONDS, MODELS, MiniMaxH3, Video, VideoTask
from tests.families.platform_values import sent_creates

TASK_ID = "550e8400-e29b-41d4-a716-446655440000"
IMAGE = "https://cdn.runapi.ai/public/samples/image.jpg"
CLIP = "https://cdn.runapi.ai/public/samples/clip.mp4"
VOICE = "https://cdn.runapi.ai/public/samples/voice.mp3"
VIDEO_URL = "https://tempfile.runapi.ai/minimax-h3/result.mp4"
# the official README's quick-start body
T2V = {"model": "minimax-h3", "prompt": "A cinematic tracking shot through a rain-soaked city", "aspect_ratio": "16:9"}
I2V = {"model": "minimax-h3", "prompt": "The portrait starts to smile", "first_frame_image_url": IMAGE}
BASE = {"text_to_video": T2V, "image_to_video": I2V}


def path(op: str) -> str:
    return f"/api/v1/minimax_h3/{op}"


def create(client: runapi.Client, op: str, kwargs: dict[str, Any]) -> list[Any]:
    """Create through the public API with HTTP mocked; the requests sent."""
    return sent_creates(client, MiniMaxH3, op, kwargs)


def test_the_contract_models_and_values() -> None:
    assert MODELS == ("minimax-h3",)
    assert ASPECT_RATIOS == ("adaptive", "21:9", "16:9", "4:3", "1:1", "3:4", "9:16")
    assert DURATIONS_SECONDS == (4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)


CONTRACT_VALUES = [
    *[pytest.param("text_to_video", {**T2V, "aspect_ratio": r}, id=f"t2v-{r}") for r in ASPECT_RATIOS[1:]],
    pytest.param(
        "text_to_video",
        {**T2V, "aspect_ratio": "adaptive", "reference_image_urls": [IMAGE]},
        id="t2v-adaptive-with-references",
    ),
    *[pytest.param(op, {**BASE[op], "duration_seconds": d}, id=f"{op}-{d}s") for op in BASE for d in DURATIONS_SECONDS],
    *[pytest.param(op, {**BASE[op], "output_resolution": r}, id=f"{op}-{r}") for op in BASE for r in ("768p", "2k")],
    pytest.param("text_to_video", {**T2V, "prompt": "a" * 7000}, id="t2v-longest-prompt"),
    pytest.param(
        "text_to_video",
        {
            "model": "minimax-h3",
            "prompt": "The dancer from the references, on a rooftop",
            "reference_image_urls": [IMAGE] * 9,
            "reference_video_urls": [CLIP] * 3,
            "reference_audio_urls": [VOICE] * 3,
            "callback_url": "https://example.com/cb",
        },
        id="t2v-most-references-no-ratio",
    ),
    pytest.param(
        "text_to_video",
        {"model": "minimax-h3", "prompt": "p", "reference_video_urls": [CLIP], "reference_audio_urls": [VOICE]},
        id="t2v-audio-with-video",
    ),
    pytest.param("image_to_video", {**I2V, "last_frame_image_url": IMAGE}, id="i2v-both-frames"),
    pytest.param(
        "image_to_video", {"model": "minimax-h3", "prompt": "p", "last_frame_image_url": IMAGE}, id="i2v-last-only"
    ),
]


@pytest.mark.parametrize(("op", "kwargs"), CONTRACT_VALUES)
def test_contract_values_are_accepted_without_a_warning_and_sent_as_given(client, op, kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error", runapi.UnknownValueWarning)
        (call,) = create(client, op, kwargs)
    assert json.loads(call.request.body) == kwargs


def _without(base: dict[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in base.items() if k != name}


REFUSED = [
    *[
        pytest.param(op, _without(BASE[op], name), name, "missing required parameter", id=f"{op}-no-{name}")
        for op in BASE
        for name in ("model", "prompt")
    ],
    pytest.param("text_to_video", {**T2V, "prompt": "a" * 7001}, "prompt", "1-7000 characters", id="prompt-7001"),
    pytest.param("text_to_video", _without(T2V, "aspect_ratio"), "aspect_ratio", "is required without", id="no-ratio"),
    pytest.param(
        "text_to_video", {**T2V, "aspect_ratio": "adaptive"}, "aspect_ratio", "without reference", id="adaptive-alone"
    ),
    pytest.param(
        "text_to_video",
        {**T2V, "reference_audio_urls": [VOICE]},
        "reference_audio_urls",
        "needs reference_image_urls or reference_video_urls",
        id="audio-alone",
    ),
    pytest.param(
        "text_to_video", {**T2V, "reference_image_urls": [IMAGE] * 10}, "reference_image_urls", "0-9", id="10-img"
    ),
    pytest.param(
        "text_to_video", {**T2V, "reference_video_urls": [CLIP] * 4}, "reference_video_urls", "0-3", id="4-vid"
    ),
    pytest.param(
        "text_to_video",
        {**T2V, "reference_image_urls": [IMAGE], "reference_audio_urls": [VOICE] * 4},
        "reference_audio_urls",
        "0-3",
        id="4-audio",
    ),
    pytest.param(
        "image_to_video",
        _without(I2V, "first_frame_image_url"),
        "first_frame_image_url",
        "or last_frame",
        id="no-frame",
    ),
    pytest.param("image_to_video", {**I2V, "first_frame_image_url": "a.png"}, "first_frame_image_url", "URL", id="rel"),
    pytest.param("image_to_video", {**I2V, "aspect_ratio": "16:9"}, "aspect_ratio", "unknown", id="i2v-ratio"),
    pytest.param("text_to_video", {**T2V, "duration_seconds": 6.0}, "duration_seconds", "one of", id="float-duration"),
]


@pytest.mark.parametrize(("op", "kwargs", "field_name", "fragment"), REFUSED)
def test_a_value_the_sources_rule_out_is_refused_before_any_request(client, op, kwargs, field_name, fragment):
    with pytest.raises(runapi.ValidationError) as info:
        create(client, op, kwargs)
    assert info.value.field == field_name
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("op", "field", "value"),
    [
        ("text_to_video", "model", "minimax-h4"),
        ("image_to_video", "duration_seconds", 16),
        ("text_to_video", "output_resolution", "1080p"),
        ("text_to_video", "aspect_ratio", "2:3"),
    ],
)
def test_a_value_outside_the_contract_is_refused_when_strict_else_warned_and_sent(client, op, field, value):
    kwargs = {**BASE[op], field: value}
    with pytest.raises(runapi.ValidationError) as info:
        create(client, op, kwargs)  # the family tests' client is strict
    assert info.value.field == field
    with pytest.warns(runapi.UnknownValueWarning, match=field):
        (call,) = create(client.with_options(strict=False), op, kwargs)
    assert json.loads(call.request.body)[field] == value


def test_a_completed_answer_reads_as_typed_videos():
    # the official response model: id, status, videos[].url, error
    task = VideoTask.from_dict({"id": TASK_ID, "status": "completed", "videos": [{"url": VIDEO_URL}]})
    assert task.is_completed and task.error is None
    assert task.videos == [Video(url=VIDEO_URL)]
    assert task.output_urls == [VIDEO_URL]
    failed = VideoTask.from_dict({"id": TASK_ID, "status": "failed", "error": "Generation failed"})
    assert failed.is_failed and failed.error == "Generation failed" and failed.output_urls == []


def test_run_polls_the_status_path_and_returns_the_typed_task(client):
    completed = {"id": TASK_ID, "status": "completed", "videos": [{"url": VIDEO_URL}]}
    with responses.RequestsMock() as mock:
        mock.post(client.base_url + path("text_to_video"), status=202, json={"id": TASK_ID, "status": "processing"})
        mock.get(f"{client.base_url}{path('text_to_video')}/{TASK_ID}", json=completed)
        task = MiniMaxH3(client).text_to_video.run(**T2V)
    assert isinstance(task, VideoTask) and task.output_urls == [VIDEO_URL]
