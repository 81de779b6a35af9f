"""Vidu (``runapi.vidu``), checked against the official package ``runapi-vidu`` 0.1.0.

The family is bound to a client directly (``Vidu(client)``) until it is registered on the client.
Facts: the package's resources (paths; ``image_to_video``'s ``model`` and ``first_frame_image_url``),
its README (the quick-start body, ``vidu-q4-reference-to-video``, "requires a prompt and 1–15 image
URLs", ``audio``) and its response model. The platform contract lists both paths with no models.
HTTP is mocked with ``responses``, so "refused before any request" is observed.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest
import responses

import runapi
from runapi.vidu import MAX_REFERENCE_IMAGES, REFERENCE_TO_VIDEO_MODELS, Video, VideoTask, Vidu
from tests.families.platform_values import sent_creates

TASK_ID = "550e8400-e29b-41d4-a716-446655440000"
IMAGE = "https://cdn.runapi.ai/public/samples/image.jpg"
VIDEO_URL = "https://tempfile.runapi.ai/vidu/result.mp4"
# the README's quick start; image_to_video with the fields its resource names
R2V = {
    "model": "vidu-q4-reference-to-video",
    "prompt": "Animate the referenced scene with a slow camera pan",
    "reference_image_urls": [IMAGE],
    "audio": False,
}
I2V = {"model": "vidu-q4-image-to-video", "first_frame_image_url": IMAGE}
BASE = {"image_to_video": I2V, "reference_to_video": R2V}


def path(op: str) -> str:
    return f"/api/v1/vidu/{op}"


def create(client: runapi.Client, op: str, kwargs: dict[str, Any]) -> list[Any]:
    """Create through the public API with HTTP mocked; the requests sent."""
    return sent_creates(client, Vidu, op, kwargs)


def test_the_published_model_and_limits():
    assert REFERENCE_TO_VIDEO_MODELS == ("vidu-q4-reference-to-video",)
    assert MAX_REFERENCE_IMAGES == 15


CONTRACT_VALUES = [
    pytest.param("reference_to_video", R2V, id="readme-quick-start"),
    pytest.param("reference_to_video", {**R2V, "audio": True}, id="audio-true"),
    pytest.param("reference_to_video", {**R2V, "reference_image_urls": [IMAGE] * 15}, id="15-references"),
    pytest.param(
        "reference_to_video",
        {k: v for k, v in R2V.items() if k != "audio"} | {"callback_url": "https://example.com/cb"},
        id="no-audio-callback",
    ),
    pytest.param("image_to_video", I2V, id="image"),
    pytest.param("image_to_video", {**I2V, "prompt": "The camera slowly pans"}, id="image-prompt"),
    # no image-to-video model list is published: any id is sent as given, without a warning
    pytest.param("image_to_video", {**I2V, "model": "vidu-q5-image-to-video"}, id="image-any-model"),
]


@pytest.mark.parametrize(("op", "kwargs"), CONTRACT_VALUES)
def test_documented_values_are_accepted_without_a_warning_and_sent_as_given(client, op, kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error", runapi.UnknownValueWarning)
        (call,) = create(client, op, kwargs)
    assert json.loads(call.request.body) == kwargs


def _without(base: dict[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in base.items() if k != name}


REFUSED = [
    *[
        pytest.param("reference_to_video", _without(R2V, name), name, "missing required parameter", id=f"r2v-no-{name}")
        for name in ("model", "prompt", "reference_image_urls")
    ],
    *[
        pytest.param("image_to_video", _without(I2V, name), name, "missing required parameter", id=f"i2v-no-{name}")
        for name in ("model", "first_frame_image_url")
    ],
    pytest.param("reference_to_video", {**R2V, "reference_image_urls": []}, "reference_image_urls", "1-15", id="0"),
    pytest.param(
        "reference_to_video", {**R2V, "reference_image_urls": [IMAGE] * 16}, "reference_image_urls", "1-15", id="16"
    ),
    pytest.param("reference_to_video", {**R2V, "prompt": " "}, "prompt", "non-blank", id="prompt-blank"),
    pytest.param("reference_to_video", {**R2V, "audio": "no"}, "audio", "true or false", id="audio-text"),
    pytest.param("image_to_video", {**I2V, "first_frame_image_url": "image.jpg"}, "first_frame_image_url", "URL"),
    pytest.param("image_to_video", {**I2V, "model": ""}, "model", "non-blank", id="i2v-model-empty"),
    # a field no source names for the endpoint: through with_options(extra_body=...)
    pytest.param("image_to_video", {**I2V, "audio": True}, "audio", "unknown", id="i2v-audio"),
]


@pytest.mark.parametrize(("op", "kwargs", "field_name", "fragment"), REFUSED)
def test_a_value_the_sources_rule_out_is_refused_before_any_request(client, op, kwargs, field_name, fragment):
    with pytest.raises(runapi.ValidationError) as info:
        create(client, op, kwargs)
    assert info.value.field == field_name
    assert fragment in str(info.value)


def test_another_reference_model_is_refused_when_strict_else_warned_and_sent(client):
    kwargs = {**R2V, "model": "vidu-q5-reference-to-video"}
    with pytest.raises(runapi.ValidationError) as info:
        create(client, "reference_to_video", kwargs)  # the family tests' client is strict
    assert info.value.field == "model"
    with pytest.warns(runapi.UnknownValueWarning, match="model"):
        (call,) = create(client.with_options(strict=False), "reference_to_video", kwargs)
    assert json.loads(call.request.body)["model"] == "vidu-q5-reference-to-video"


def test_an_unnamed_field_goes_through_extra_body(client):
    # the README's reference audio URLs have no published field name: the caller names it
    extra = {"reference_audio_urls": ["https://cdn.runapi.ai/public/samples/voice.mp3"]}
    with responses.RequestsMock() as mock:
        mock.post(
            client.base_url + path("reference_to_video"), status=202, json={"id": TASK_ID, "status": "processing"}
        )
        Vidu(client).reference_to_video.with_options(extra_body=extra).create(**R2V)
        body = json.loads(mock.calls[0].request.body)
    assert body == {**R2V, **extra}


def test_a_completed_answer_reads_as_typed_videos():
    # the official response model: id, status, videos[].url, error
    task = VideoTask.from_dict({"id": TASK_ID, "status": "completed", "videos": [{"url": VIDEO_URL}]})
    assert task.is_completed and task.error is None
    assert task.videos == [Video(url=VIDEO_URL)]
    assert task.output_urls == [VIDEO_URL]
    failed = VideoTask.from_dict({"id": TASK_ID, "status": "failed", "error": "Generation failed"})
    assert failed.is_failed and failed.error == "Generation failed" and failed.output_urls == []


@pytest.mark.parametrize("op", list(BASE))
def test_run_polls_the_status_path_and_returns_the_typed_task(client, op):
    completed = {"id": TASK_ID, "status": "completed", "videos": [{"url": VIDEO_URL}]}
    with responses.RequestsMock() as mock:
        mock.post(client.base_url + path(op), status=202, json={"id": TASK_ID, "status": "processing"})
        mock.get(f"{client.base_url}{path(op)}/{TASK_ID}", json=completed)
        task = getattr(Vidu(client), op).run(**BASE[op])
    assert isinstance(task, VideoTask) and task.output_urls == [VIDEO_URL]
