"""Qwen 2.1 (``runapi.qwen_2_1``), checked against the official package ``runapi-qwen-2-1`` 0.1.0.

The family is bound to a client directly (``Qwen21(client)``) until it is registered on the client.
Only the paths, the two model ids and the parameter names are published (the README's quick-start
bodies, the resources' docstrings): the other values are sent as given, and those tests say so.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest
import responses

import runapi
from runapi.qwen_2_1 import MODELS, Image, ImageTask, Qwen21
from tests.families.platform_values import sent_creates


def _without(base: dict[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in base.items() if k != name}


FAMILY = "qwen_2_1"
CLS = Qwen21
TASK_ID = "550e8400-e29b-41d4-a716-446655440000"
SOURCE = "https://cdn.runapi.ai/public/samples/image.jpg"
IMAGE_URL = "https://tempfile.runapi.ai/qwen-2-1/result.png"
# the official README's quick-start bodies
T2I = {"model": "qwen-2.1-text-to-image", "prompt": "A neon city street after rain, cinematic", "aspect_ratio": "16:9"}
EDIT = {
    "model": "qwen-2.1-edit-image",
    "prompt": "Replace the background with a neon-lit city skyline",
    "source_image_urls": [SOURCE],
}
BASE = {"text_to_image": T2I, "edit_image": EDIT}

CONTRACT_VALUES = [
    pytest.param("text_to_image", T2I, id="readme-t2i"),
    pytest.param("edit_image", EDIT, id="readme-edit"),
    pytest.param("text_to_image", {**T2I, "aspect_ratio": "7:3", "callback_url": "https://e.x/cb"}, id="any-ratio"),
    pytest.param("edit_image", {**EDIT, "source_image_urls": [SOURCE] * 12, "aspect_ratio": "1:1"}, id="many-src"),
    pytest.param("text_to_image", {**T2I, "prompt": "a" * 20_000}, id="long-prompt"),
]

REFUSED = [
    *[
        pytest.param(op, _without(BASE[op], name), name, "missing required parameter", id=f"{op}-no-{name}")
        for op in BASE
        for name in BASE[op]
        if name != "aspect_ratio"
    ],
    pytest.param("text_to_image", {**T2I, "prompt": " "}, "prompt", "non-blank", id="blank"),
    pytest.param("text_to_image", {**T2I, "aspect_ratio": 16}, "aspect_ratio", "string", id="ratio-int"),
    pytest.param("edit_image", {**EDIT, "source_image_urls": ["a.jpg"]}, "source_image_urls[0]", "URL", id="rel"),
    pytest.param("text_to_image", {**T2I, "source_image_urls": [SOURCE]}, "source_image_urls", "unknown"),
]

OUTSIDE = [
    ("text_to_image", "model", "qwen-2.1-edit-image"),
    ("edit_image", "model", "qwen-2-edit-image"),
]


def test_the_published_models():
    assert MODELS == ("qwen-2.1-text-to-image", "qwen-2.1-edit-image")


def test_unpublished_parameters_go_through_extra_body(client):
    with responses.RequestsMock() as mock:
        mock.post(client.base_url + path("edit_image"), status=202, json={"id": TASK_ID, "status": "processing"})
        CLS(client).edit_image.with_options(extra_body={"mask_url": SOURCE}).create(**EDIT)
        assert json.loads(mock.calls[0].request.body) == {**EDIT, "mask_url": SOURCE}


def path(op: str) -> str:
    return f"/api/v1/{FAMILY}/{op}"


def create(client: runapi.Client, op: str, kwargs: dict[str, Any]) -> list[Any]:
    """Create through the public API with HTTP mocked; the requests sent."""
    return sent_creates(client, CLS, op, kwargs)


@pytest.mark.parametrize(("op", "kwargs"), CONTRACT_VALUES)
def test_contract_values_are_accepted_without_a_warning_and_sent_as_given(client, op, kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error", runapi.UnknownValueWarning)
        (call,) = create(client, op, kwargs)
    assert json.loads(call.request.body) == kwargs


@pytest.mark.parametrize(("op", "kwargs", "field_name", "fragment"), REFUSED)
def test_a_value_the_sources_rule_out_is_refused_before_any_request(client, op, kwargs, field_name, fragment):
    with pytest.raises(runapi.ValidationError) as info:
        create(client, op, kwargs)
    assert info.value.field == field_name
    assert fragment in str(info.value)


@pytest.mark.parametrize(("op", "field", "value"), OUTSIDE)
def test_a_value_outside_the_contract_is_refused_when_strict_else_warned_and_sent(client, op, field, value):
    kwargs = {**BASE[op], field: value}
    with pytest.raises(runapi.ValidationError) as info:
        create(client, op, kwargs)  # the family tests' client is strict
    assert info.value.field == field
    with pytest.warns(runapi.UnknownValueWarning, match=field):
        (call,) = create(client.with_options(strict=False), op, kwargs)
    assert json.loads(call.request.body)[field] == value


def test_a_completed_answer_reads_as_typed_images():
    task = ImageTask.from_dict({"id": TASK_ID, "status": "completed", "images": [{"url": IMAGE_URL}]})
    assert task.is_completed and task.error is None
    assert task.images == [Image(url=IMAGE_URL)]
    assert task.output_urls == [IMAGE_URL]
    failed = ImageTask.from_dict({"id": TASK_ID, "status": "failed", "error": "Generation failed"})
    assert failed.is_failed and failed.error == "Generation failed" and failed.output_urls == []


@pytest.mark.parametrize("op", list(BASE))
def test_run_polls_the_status_path_and_returns_the_typed_task(client, op):
    completed = {"id": TASK_ID, "status": "completed", "images": [{"url": IMAGE_URL}]}
    with responses.RequestsMock() as mock:
        mock.post(client.base_url + path(op), status=202, json={"id": TASK_ID, "status": "processing"})
        mock.get(f"{client.base_url}{path(op)}/{TASK_ID}", json=completed)
        task = getattr(CLS(client), op).run(**BASE[op])
    assert isinstance(task, ImageTask) and task.output_urls == [IMAGE_URL]
