"""OmniHuman (``runapi.omnihuman``), checked against the platform contract and the official packages.

The family is bound to a client directly (``Omnihuman(client)``) until it is registered on the client.
Facts: the platform contract (model ids, ``output_resolution``, at most 5 ``mask_urls``); the official
repository (``runapi-ai/omnihuman-sdk``: required fields and ``seed`` in ``contract_gen.py``; the
300-character prompt of the newest ``js/src/types.ts`` and CHANGELOG, which win over the generated
contract's 1,000); the README's quick-start body; the package's response models. HTTP is mocked with
``responses``, so "refused before any request" is observed.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest
import responses

import runapi
from runapi.omnihuman import (
    AUDIO_TO_VIDEO_MODELS,
    HUMAN_IDENTIFICATION_MODELS,
    MODELS,
    SUBJECT_DETECTION_MODELS,
    HumanIdentificationTask,
    Mask,
    Omnihuman,
    SubjectDetectionTask,
    Video,
    VideoTask,
)
from tests.families.platform_values import sent_creates

TASK_ID = "550e8400-e29b-41d4-a716-446655440000"
PORTRAIT = "https://cdn.runapi.ai/public/samples/portrait.jpg"
VOICE = "https://cdn.runapi.ai/public/samples/voice.mp3"
MASK = "https://tempfile.runapi.ai/omnihuman/mask-0.png"
# the official README's quick-start body, and the helpers' bodies built from the contract
A2V = {"model": "omnihuman-1.5", "source_image_url": PORTRAIT, "source_audio_url": VOICE, "output_resolution": "720p"}
IDENTIFY = {"model": "omnihuman-1.5-human-identification", "source_image_url": PORTRAIT}
DETECT = {"model": "omnihuman-1.5-subject-detection", "source_image_url": PORTRAIT}
BASE = {"audio_to_video": A2V, "human_identification": IDENTIFY, "subject_detection": DETECT}


def path(op: str) -> str:
    return f"/api/v1/omnihuman/{op}"


def create(client: runapi.Client, op: str, kwargs: dict[str, Any]) -> list[Any]:
    """Create through the public API with HTTP mocked; the requests sent."""
    return sent_creates(client, Omnihuman, op, kwargs)


def test_the_contract_models() -> None:
    assert AUDIO_TO_VIDEO_MODELS == ("omnihuman-1.5",)
    assert HUMAN_IDENTIFICATION_MODELS == ("omnihuman-1.5-human-identification",)
    assert SUBJECT_DETECTION_MODELS == ("omnihuman-1.5-subject-detection",)
    assert set(MODELS) == {*AUDIO_TO_VIDEO_MODELS, *HUMAN_IDENTIFICATION_MODELS, *SUBJECT_DETECTION_MODELS}


CONTRACT_VALUES = [
    *[pytest.param(op, BASE[op], id=op) for op in BASE],
    pytest.param("audio_to_video", {**A2V, "output_resolution": "1080p"}, id="1080p"),
    pytest.param(
        "audio_to_video",
        {
            **A2V,
            "mask_urls": [MASK] * 5,
            "prompt": "a" * 300,
            "enable_fast_mode": True,
            "seed": -1,
            "callback_url": "https://example.com/cb",
        },
        id="every-optional",
    ),
    pytest.param("human_identification", {**IDENTIFY, "callback_url": "https://example.com/cb"}, id="identify-cb"),
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
        for name in ("model", "source_image_url", *(("source_audio_url",) if op == "audio_to_video" else ()))
    ],
    pytest.param("audio_to_video", {**A2V, "prompt": "a" * 301}, "prompt", "1-300 characters", id="prompt-301"),
    pytest.param("audio_to_video", {**A2V, "mask_urls": [MASK] * 6}, "mask_urls", "0-5", id="6-masks"),
    pytest.param("audio_to_video", {**A2V, "seed": 1.5}, "seed", "integer", id="seed-float"),
    pytest.param("audio_to_video", {**A2V, "enable_fast_mode": "yes"}, "enable_fast_mode", "true or false"),
    pytest.param("subject_detection", {**DETECT, "source_image_url": "portrait.jpg"}, "source_image_url", "URL"),
    pytest.param("human_identification", {**IDENTIFY, "prompt": "who"}, "prompt", "unknown", id="identify-prompt"),
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
        ("audio_to_video", "model", "omnihuman-1.5-subject-detection"),  # another endpoint's model
        ("audio_to_video", "output_resolution", "480p"),
        ("subject_detection", "model", "omnihuman-2"),
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


def test_completed_answers_read_as_typed_results():
    # the official response models: videos[].url; subject_status (an integer); masks[].url
    video = VideoTask.from_dict({"id": TASK_ID, "status": "completed", "videos": [{"url": "https://t/v.mp4"}]})
    assert video.videos == [Video(url="https://t/v.mp4")] and video.output_urls == ["https://t/v.mp4"]
    identified = HumanIdentificationTask.from_dict({"id": TASK_ID, "status": "completed", "subject_status": 1})
    assert identified.is_completed and identified.subject_status == 1 and identified.output_urls == []
    detected = SubjectDetectionTask.from_dict({"id": TASK_ID, "status": "completed", "masks": [{"url": MASK}]})
    assert detected.masks == [Mask(url=MASK)] and detected.output_urls == [MASK]
    failed = SubjectDetectionTask.from_dict({"id": TASK_ID, "status": "failed", "error": "Generation failed"})
    assert failed.is_failed and failed.masks == [] and failed.error == "Generation failed"


def test_the_detected_masks_feed_audio_to_video(client):
    detected = {"id": TASK_ID, "status": "completed", "masks": [{"url": MASK}]}
    with responses.RequestsMock() as mock:
        mock.post(client.base_url + path("subject_detection"), status=202, json={"id": TASK_ID})
        mock.get(f"{client.base_url}{path('subject_detection')}/{TASK_ID}", json=detected)
        masks = Omnihuman(client).subject_detection.run(**DETECT)
    assert isinstance(masks, SubjectDetectionTask)
    (call,) = create(client, "audio_to_video", {**A2V, "mask_urls": masks.output_urls})
    assert json.loads(call.request.body)["mask_urls"] == [MASK]
