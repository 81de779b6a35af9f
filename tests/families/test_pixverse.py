"""PixVerse (``runapi.pixverse``), checked against the platform contract and the official packages.

The family is bound to a client directly (``PixVerse(client)``) until it is registered on the client.
Facts: the platform contract (``pixverse/*``: the model, ``aspect_ratio``, ``output_resolution``,
1-7 reference images), the official repository's contract (``runapi-ai/pixverse-sdk``
``contract_gen.py``: required fields, ``prompt`` 3-5,000, ``duration_seconds`` 1-15, ``seed``
0-2,147,483,647, ``enable_audio`` on every action) and parameter types (``js/src/types.ts``:
``enable_multi_clip``); the official test's bodies; the package's response model. HTTP is mocked
with ``responses``, so "refused before any request" is observed.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest
import responses

import runapi
from runapi.pixverse import ASPECT_RATIOS, MODELS, OUTPUT_RESOLUTIONS, PixVerse, Video, VideoTask
from tests.families.platform_values import sent_creates

TASK_ID = "550e8400-e29b-41d4-a716-446655440000"
SOURCE_TASK = "source_123"
FIRST = "https://cdn.runapi.ai/public/samples/first.png"
LAST = "https://cdn.runapi.ai/public/samples/last.png"
REFERENCE = "https://cdn.runapi.ai/public/samples/reference.png"
VIDEO_URL = "https://cdn.runapi.ai/output.mp4"
# the official package's test bodies (python/tests/test_client.py)
COMMON = {
    "model": "pixverse-v6",
    "prompt": "A lantern crosses the night sky",
    "output_resolution": "720p",
    "duration_seconds": 5,
}
BASE: dict[str, dict[str, Any]] = {
    "text_to_video": {**COMMON, "aspect_ratio": "16:9"},
    "image_to_video": {**COMMON, "first_frame_image_url": FIRST},
    "edit_video": {**COMMON, "reference_image_urls": [REFERENCE], "aspect_ratio": "16:9"},
    "transition_video": {**COMMON, "first_frame_image_url": FIRST, "last_frame_image_url": LAST},
    "extend_video": {**COMMON, "source_task_id": SOURCE_TASK},
}
REQUIRED = {
    "text_to_video": ("aspect_ratio",),
    "image_to_video": ("first_frame_image_url",),
    "edit_video": ("reference_image_urls", "aspect_ratio"),
    "transition_video": ("first_frame_image_url", "last_frame_image_url"),
    "extend_video": ("source_task_id",),
}
WITH_ASPECT_RATIO = ("text_to_video", "edit_video")


def path(op: str) -> str:
    return f"/api/v1/pixverse/{op}"


def create(client: runapi.Client, op: str, kwargs: dict[str, Any]) -> list[Any]:
    """Create through the public API with HTTP mocked; the requests sent."""
    return sent_creates(client, PixVerse, op, kwargs)


def test_the_contract_models_and_values():
    assert MODELS == ("pixverse-v6",)
    assert set(ASPECT_RATIOS) == {"16:9", "4:3", "1:1", "3:4", "9:16", "2:3", "3:2", "21:9"}
    assert OUTPUT_RESOLUTIONS == ("360p", "540p", "720p", "1080p")
    assert {name for name in dir(PixVerse) if not name.startswith("_")} == set(BASE)


CONTRACT_VALUES = [
    *[pytest.param(op, {**BASE[op], "model": model}, id=f"{op}-{model}") for op in BASE for model in MODELS],
    *[
        pytest.param(op, {**BASE[op], "output_resolution": value}, id=f"{op}-{value}")
        for op in BASE
        for value in OUTPUT_RESOLUTIONS
    ],
    *[
        pytest.param(op, {**BASE[op], "aspect_ratio": value}, id=f"{op}-{value}")
        for op in WITH_ASPECT_RATIO
        for value in ASPECT_RATIOS
    ],
    *[
        pytest.param(op, {**BASE[op], "enable_audio": value}, id=f"{op}-audio-{value}")
        for op in BASE  # the newest contract: every action (the CLI's: text/image-to-video only)
        for value in (True, False)
    ],
    *[
        pytest.param(op, {**BASE[op], "enable_multi_clip": value}, id=f"{op}-multi-clip-{value}")
        for op in ("text_to_video", "image_to_video")
        for value in (True, False)
    ],
    pytest.param("edit_video", {**BASE["edit_video"], "reference_image_urls": [REFERENCE] * 7}, id="edit-7-references"),
    pytest.param("text_to_video", {**BASE["text_to_video"], "prompt": "abc", "duration_seconds": 1}, id="shortest"),
    pytest.param(
        "transition_video",
        {**BASE["transition_video"], "prompt": "a" * 5000, "duration_seconds": 15, "seed": 2_147_483_647},
        id="longest",
    ),
    pytest.param(
        "extend_video",
        {**BASE["extend_video"], "seed": 0, "callback_url": "https://example.com/cb"},
        id="extend-every-optional",
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


T2V = BASE["text_to_video"]
EDIT = BASE["edit_video"]
REFUSED = [
    *[
        pytest.param(op, _without(BASE[op], name), name, "missing required parameter", id=f"{op}-no-{name}")
        for op in BASE
        for name in ("model", "prompt", "output_resolution", "duration_seconds", *REQUIRED[op])
    ],
    pytest.param("text_to_video", {**T2V, "prompt": "ab"}, "prompt", "3-5000 characters", id="prompt-2"),
    pytest.param("text_to_video", {**T2V, "prompt": "a" * 5001}, "prompt", "3-5000 characters", id="prompt-5001"),
    pytest.param("text_to_video", {**T2V, "duration_seconds": 0}, "duration_seconds", "from 1 to 15", id="dur-0"),
    pytest.param("text_to_video", {**T2V, "duration_seconds": 16}, "duration_seconds", "from 1 to 15", id="dur-16"),
    pytest.param("text_to_video", {**T2V, "duration_seconds": 5.5}, "duration_seconds", "integer", id="dur-5.5"),
    pytest.param("text_to_video", {**T2V, "seed": -1}, "seed", "from 0 to 2147483647", id="seed-negative"),
    pytest.param("text_to_video", {**T2V, "seed": 2**31}, "seed", "from 0 to 2147483647", id="seed-2**31"),
    pytest.param("text_to_video", {**T2V, "enable_audio": 1}, "enable_audio", "true or false", id="audio-1"),
    pytest.param("edit_video", {**EDIT, "reference_image_urls": []}, "reference_image_urls", "1-7", id="no-refs"),
    pytest.param(
        "edit_video", {**EDIT, "reference_image_urls": [REFERENCE] * 8}, "reference_image_urls", "1-7", id="8-refs"
    ),
    pytest.param(
        "edit_video", {**EDIT, "reference_image_urls": ["ref.png"]}, "reference_image_urls[0]", "URL", id="relative"
    ),
    # fields an action does not take (the contract and the official types)
    pytest.param("image_to_video", {**BASE["image_to_video"], "aspect_ratio": "16:9"}, "aspect_ratio", "unknown"),
    pytest.param("edit_video", {**EDIT, "enable_multi_clip": True}, "enable_multi_clip", "unknown"),
    pytest.param(
        "extend_video", {**BASE["extend_video"], "first_frame_image_url": FIRST}, "first_frame_image_url", "unknown"
    ),
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
        ("text_to_video", "model", "pixverse-v5"),
        ("edit_video", "aspect_ratio", "5:4"),
        ("image_to_video", "output_resolution", "4k"),
        ("extend_video", "output_resolution", "480p"),
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
    # the official response model: id, status, videos[].url, source_task_id, error
    task = VideoTask.from_dict(
        {"id": TASK_ID, "status": "completed", "source_task_id": SOURCE_TASK, "videos": [{"url": VIDEO_URL}]}
    )
    assert task.is_completed and task.error is None
    assert task.videos == [Video(url=VIDEO_URL)]
    assert task.output_urls == [VIDEO_URL]
    assert task.source_task_id == SOURCE_TASK
    plain = VideoTask.from_dict({"id": TASK_ID, "status": "completed", "videos": [{"url": VIDEO_URL}]})
    assert plain.source_task_id is None
    failed = VideoTask.from_dict({"id": TASK_ID, "status": "failed", "error": "Generation failed"})
    assert failed.is_failed and failed.error == "Generation failed" and failed.output_urls == []


@pytest.mark.parametrize("op", list(BASE))
def test_run_polls_the_status_path_and_returns_the_typed_task(client, op):
    completed = {"id": TASK_ID, "status": "completed", "videos": [{"url": VIDEO_URL}]}
    with responses.RequestsMock() as mock:
        mock.post(client.base_url + path(op), status=202, json={"id": TASK_ID, "status": "processing"})
        mock.get(f"{client.base_url}{path(op)}/{TASK_ID}", json=completed)
        task = getattr(PixVerse(client), op).run(**BASE[op])
    assert isinstance(task, VideoTask) and task.output_urls == [VIDEO_URL]
