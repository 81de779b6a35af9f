"""Midjourney (``runapi.midjourney``), checked against the platform contract and the official packages.

The family is bound to a client directly (``Midjourney(client)``) until it is registered on the
client. Facts: the platform contract (paths, kinds, model ids, ``output_resolution`` ``480p``);
RunAPI's generated contract (``runapi-ai/core-sdk`` ``ContractGen.java``: each endpoint's fields and
which are required); the PHP package's tests (bodies and answers, ``runapi-ai/midjourney-php``);
``runapi-midjourney`` 0.6.0's response models. HTTP is mocked with ``responses``, so "refused before
any request" is observed.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest
import responses

import runapi
from runapi.midjourney import (
    EDIT_IMAGE_MODELS,
    EXTEND_VIDEO_MODEL,
    IMAGE_TO_VIDEO_MODELS,
    MODELS,
    OUTPUT_RESOLUTIONS,
    TEXT_TO_IMAGE_MODELS,
    Image,
    ImageTask,
    Midjourney,
    Prompts,
    Seed,
    Video,
    VideoTask,
)

TASK_ID = "550e8400-e29b-41d4-a716-446655440000"
SOURCE = "https://cdn.runapi.ai/public/samples/image.jpg"
IMAGE_URL = "https://file.runapi.ai/result"
VIDEO_URL = "https://file.runapi.ai/extended"
# the PHP package's test bodies (edit_image's built from its parameter list: none is printed)
T2I = {
    "model": "midjourney-v8.1",
    "enable_prompt_translation": True,
    "include_split_images": True,
    "prompt": "A product render",
}
EDIT = {"model": "midjourney-edit-image", "prompt": "Make it a watercolor", "source_image_url": SOURCE}
I2V = {
    "model": "midjourney-image-to-video",
    "enable_loop": True,
    "last_frame_image_url": SOURCE,
    "output_resolution": "480p",
    "prompt": "A product render",
    "source_image_url": SOURCE,
}
EXTEND = {
    "source_task_id": "task_source",
    "prompt": "Continue the camera orbit",
    "callback_url": "https://example.test/cb",
}
BASE = {"text_to_image": T2I, "edit_image": EDIT, "image_to_video": I2V, "extend_video": EXTEND}
HELPERS = {
    "get_seed": ({"image_id": "sample"}, {"seed": 8675309}),
    "image_to_prompt": ({"source_image_url": SOURCE}, {"prompts": ["one", "two", "three", "four"]}),
    "shorten_prompt": (
        {"prompt": "A detailed cinematic mountain landscape"},
        {"prompts": ["Concise mountain landscape"]},
    ),
}


def path(op: str) -> str:
    return f"/api/v1/midjourney/{op}"


def create(client: runapi.Client, op: str, kwargs: dict[str, Any]) -> list[Any]:
    """Create (or call, for a helper) through the public API with HTTP mocked; the requests sent."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        if op in HELPERS:
            mock.post(client.base_url + path(op), json=HELPERS[op][1])
            getattr(Midjourney(client), op)(**kwargs)
        else:
            mock.post(client.base_url + path(op), status=202, json={"id": TASK_ID, "status": "processing"})
            getattr(Midjourney(client), op).create(**kwargs)
        return list(mock.calls)


def test_the_contract_models_and_values():
    assert TEXT_TO_IMAGE_MODELS == ("midjourney-v8.1",)
    assert EDIT_IMAGE_MODELS == ("midjourney-edit-image",)
    assert IMAGE_TO_VIDEO_MODELS == ("midjourney-image-to-video",)
    assert set(MODELS) == {*TEXT_TO_IMAGE_MODELS, *EDIT_IMAGE_MODELS, *IMAGE_TO_VIDEO_MODELS}
    assert OUTPUT_RESOLUTIONS == ("480p",)
    assert EXTEND_VIDEO_MODEL == "midjourney-image-to-video"


CONTRACT_VALUES = [
    *[pytest.param(op, body, id=op) for op, body in BASE.items()],
    *[pytest.param(op, body, id=op) for op, (body, _) in HELPERS.items()],
    pytest.param("text_to_image", {"model": "midjourney-v8.1", "prompt": "A vase"}, id="t2i-minimal"),
    pytest.param(
        "edit_image",
        {**EDIT, "mask_url": SOURCE, "include_split_images": False, "callback_url": "https://example.com/cb"},
        id="edit-every-optional",
    ),
    pytest.param(
        "image_to_video", {"model": "midjourney-image-to-video", "source_image_url": SOURCE}, id="i2v-minimal"
    ),
    pytest.param("extend_video", {"source_task_id": "task_source"}, id="extend-minimal"),
]


@pytest.mark.parametrize(("op", "kwargs"), CONTRACT_VALUES)
def test_contract_values_are_accepted_without_a_warning_and_sent_as_given(client, op, kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error", runapi.UnknownValueWarning)
        (call,) = create(client, op, kwargs)
    assert call.request.url == client.base_url + path(op)
    assert json.loads(call.request.body) == kwargs


def _without(base: dict[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in base.items() if k != name}


REQUIRED = {
    "text_to_image": ("model", "prompt"),
    "edit_image": ("model", "prompt", "source_image_url"),
    "image_to_video": ("model", "source_image_url"),
    "extend_video": ("source_task_id",),
    "get_seed": ("image_id",),
    "image_to_prompt": ("source_image_url",),
    "shorten_prompt": ("prompt",),
}
BODY = {**BASE, **{op: body for op, (body, _) in HELPERS.items()}}

REFUSED = [
    *[
        pytest.param(op, _without(BODY[op], name), name, "missing required parameter", id=f"{op}-no-{name}")
        for op, names in REQUIRED.items()
        for name in names
    ],
    pytest.param("text_to_image", {**T2I, "prompt": " "}, "prompt", "non-blank", id="t2i-blank-prompt"),
    pytest.param("shorten_prompt", {"prompt": ""}, "prompt", "non-blank", id="shorten-empty"),
    pytest.param("get_seed", {"image_id": 42}, "image_id", "string", id="seed-int-id"),
    pytest.param(
        "edit_image", {**EDIT, "source_image_url": "image.jpg"}, "source_image_url", "http(s) url", id="relative"
    ),
    pytest.param("edit_image", {**EDIT, "mask_url": "mask.png"}, "mask_url", "http(s) url", id="relative-mask"),
    pytest.param("image_to_prompt", {"source_image_url": "ftp://x/y.jpg"}, "source_image_url", "http(s) url", id="ftp"),
    pytest.param("image_to_video", {**I2V, "enable_loop": 1}, "enable_loop", "true or false", id="loop-int"),
    pytest.param("text_to_image", {**T2I, "include_split_images": "yes"}, "include_split_images", "true or false"),
    # extend_video takes no model, resolution or video id (the official sources: "do not pass")
    pytest.param("extend_video", {**EXTEND, "model": EXTEND_VIDEO_MODEL}, "model", "unknown", id="extend-model"),
    pytest.param("extend_video", {**EXTEND, "output_resolution": "480p"}, "output_resolution", "unknown"),
    pytest.param("text_to_image", {**T2I, "source_image_url": SOURCE}, "source_image_url", "unknown", id="t2i-src"),
    pytest.param("get_seed", {"image_id": "x", "callback_url": "https://e.com"}, "callback_url", "unknown"),
]


@pytest.mark.parametrize(("op", "kwargs", "field_name", "fragment"), REFUSED)
def test_a_value_the_sources_rule_out_is_refused_before_any_request(client, op, kwargs, field_name, fragment):
    with pytest.raises(runapi.ValidationError) as info:
        create(client, op, kwargs)
    assert info.value.field == field_name
    assert fragment in str(info.value).lower()


@pytest.mark.parametrize(
    ("op", "field", "value"),
    [
        ("text_to_image", "model", "midjourney-v7"),
        ("edit_image", "model", "midjourney-v8.1"),  # another endpoint's model
        ("image_to_video", "model", "midjourney-edit-image"),
        ("image_to_video", "output_resolution", "720p"),
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


def test_a_completed_image_answer_reads_typed():
    # official ImageTaskResponse: id, status, images[].url, image_id, actions, progress, error
    task = ImageTask.from_dict(
        {
            "id": TASK_ID,
            "status": "completed",
            "images": [{"url": IMAGE_URL}],
            "image_id": "img_1",
            "actions": ["upscale"],
            "progress": 100,
        }
    )
    assert task.is_completed and task.error is None
    assert task.images == [Image(url=IMAGE_URL)] and task.output_urls == [IMAGE_URL]
    assert (task.image_id, task.actions, task.progress) == ("img_1", ["upscale"], 100)
    processing = ImageTask.from_dict({"id": TASK_ID, "status": "processing", "progress": 40})
    assert processing.progress == 40 and processing.output_urls == [] and processing.image_id is None


def test_a_completed_video_answer_reads_typed():
    # official VideoTaskResponse: id, status, videos[].url, video_id, progress, error
    task = VideoTask.from_dict(
        {"id": TASK_ID, "status": "completed", "videos": [{"url": VIDEO_URL}], "video_id": "vid_1", "progress": 100}
    )
    assert task.videos == [Video(url=VIDEO_URL)] and task.output_urls == [VIDEO_URL]
    assert (task.video_id, task.progress) == ("vid_1", 100)
    failed = VideoTask.from_dict({"id": TASK_ID, "status": "failed", "error": "Generation failed"})
    assert failed.is_failed and failed.error == "Generation failed" and failed.output_urls == []


def test_run_polls_the_status_path_and_returns_the_typed_task(client):
    completed = {"id": "task_extend", "status": "completed", "videos": [{"url": VIDEO_URL}], "usage": {"cost": 0.05}}
    with responses.RequestsMock() as mock:
        mock.post(client.base_url + path("extend_video"), status=202, json={"id": "task_extend"})
        mock.get(f"{client.base_url}{path('extend_video')}/task_extend", json=completed)
        task = Midjourney(client).extend_video.run(**EXTEND)
    assert isinstance(task, VideoTask) and task.output_urls == [VIDEO_URL]
    assert task.usage is not None and task.usage.cost == 0.05


def test_the_helpers_answer_at_once_typed(client):
    with responses.RequestsMock() as mock:
        for op, (_, answer) in HELPERS.items():
            mock.post(client.base_url + path(op), json=answer)
        family = Midjourney(client)
        seed = family.get_seed(image_id="sample")
        described = family.image_to_prompt(source_image_url=SOURCE)
        shortened = family.shorten_prompt(prompt="A detailed cinematic mountain landscape")
        assert [call.request.method for call in mock.calls] == ["POST"] * 3  # no polling
    assert isinstance(seed, Seed) and seed.seed == 8675309 and seed.error is None
    assert isinstance(described, Prompts) and described.prompts == ["one", "two", "three", "four"]
    assert isinstance(shortened, Prompts) and shortened.prompts == ["Concise mountain landscape"]


def test_a_seed_lookup_answered_with_an_error_is_returned_not_raised(client):
    # the PHP package's test: 200 {"error": "Seed lookup failed"} keeps the error, no seed
    with responses.RequestsMock() as mock:
        mock.post(client.base_url + path("get_seed"), json={"error": "Seed lookup failed"})
        seed = Midjourney(client).get_seed(image_id="sample")
    assert seed.seed is None and seed.error == "Seed lookup failed"


def test_a_helper_answer_shaped_as_a_failed_task_raises(client):
    with responses.RequestsMock() as mock:
        mock.post(client.base_url + path("shorten_prompt"), json={"id": TASK_ID, "status": "failed", "error": "no"})
        with pytest.raises(runapi.TaskFailedError) as info:
            Midjourney(client).shorten_prompt(prompt="A long prompt")
    assert info.value.task.error == "no"


def test_a_helper_accepted_with_202_follows_the_location_to_the_typed_answer(client, clock):
    # the PHP package's test: 202 + Location + Retry-After, a processing result, then the stored answer
    result = f"{client.base_url}/api/v1/tasks/task_123"
    stored = {
        "id": "task_123",
        "status": "completed",
        "response": {
            "status": 200,
            "content_type": "application/json",
            "headers": {},
            "body": {"prompts": ["Concise mountain landscape"]},
        },
        "usage": {"cost": 0.05},
    }
    with responses.RequestsMock(registry=responses.registries.OrderedRegistry) as mock:
        mock.post(
            client.base_url + path("shorten_prompt"),
            status=202,
            headers={"Location": result, "Retry-After": "2"},
            json={"id": "task_123", "status": "processing"},
        )
        mock.get(result, json={"id": "task_123", "status": "processing"})
        mock.get(result, json=stored)
        shortened = Midjourney(client).shorten_prompt(prompt="A detailed cinematic mountain landscape")
        assert [call.request.method for call in mock.calls] == ["POST", "GET", "GET"]
        assert mock.calls[0].request.headers["Idempotency-Key"]
    assert isinstance(shortened, Prompts) and shortened.prompts == ["Concise mountain landscape"]
    assert clock.sleeps[0] == 2.0  # the 202's Retry-After
