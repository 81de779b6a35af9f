"""Qwen Image (``runapi.qwen_image``), checked against the platform contract and the official packages.

The family is bound to a client directly (``QwenImage(client)``) until it is registered on the client.
Facts: the platform contract (``qwen-image/*``: models, ``aspect_ratio``, ``output_format``), the
official repository's contract (``runapi-ai/qwen-image-sdk`` ``contract_gen.py``: ``prompt`` 1-5,000
or 1-2,000, ``strength`` 0-1, integer ``seed``) and parameter types (10 MB sources); the README's
quick-start bodies; the package's response model. HTTP is mocked with ``responses``.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest
import responses

import runapi
from runapi._core.params import MB
from runapi.qwen_image import ASPECT_RATIOS, MODELS, Image, ImageTask, QwenImage
from tests.families.platform_values import sent_creates


def _without(base: dict[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in base.items() if k != name}


FAMILY = "qwen_image"
CLS = QwenImage
TASK_ID = "550e8400-e29b-41d4-a716-446655440000"
SOURCE = "https://cdn.runapi.ai/public/samples/image.jpg"
IMAGE_URL = "https://tempfile.runapi.ai/qwen-image/result.png"
# the official README's quick-start bodies (remix: none printed; built from the contract's fields)
T2I = {
    "model": "qwen-image-text-to-image",
    "prompt": "A neon city street after rain, cinematic",
    "aspect_ratio": "16:9",
}
REMIX = {"model": "qwen-image-remix-image", "prompt": "As a watercolor", "source_image_url": SOURCE}
EDIT = {
    "model": "qwen-image-edit-image",
    "prompt": "Replace the background with a neon-lit city skyline",
    "source_image_url": SOURCE,
}
BASE = {"text_to_image": T2I, "remix_image": REMIX, "edit_image": EDIT}

CONTRACT_VALUES = [
    *[
        pytest.param(op, {**BASE[op], "aspect_ratio": ratio}, id=f"{op}-{ratio}")
        for op in ("text_to_image", "edit_image")
        for ratio in ASPECT_RATIOS
    ],
    *[pytest.param(op, {**BASE[op], "output_format": f}, id=f"{op}-{f}") for op in BASE for f in ("png", "jpeg")],
    pytest.param("text_to_image", {**T2I, "prompt": "a" * 5000, "seed": -7, "callback_url": "https://e.x/cb"}),
    pytest.param("remix_image", {**REMIX, "prompt": "a" * 5000, "strength": 0, "seed": 3}, id="remix-low"),
    pytest.param("remix_image", {**REMIX, "strength": 1}, id="remix-strength-1"),
    pytest.param("edit_image", {**EDIT, "prompt": "a" * 2000, "seed": 0}, id="edit-longest"),
]

REFUSED = [
    *[
        pytest.param(op, _without(BASE[op], name), name, "missing required parameter", id=f"{op}-no-{name}")
        for op in BASE
        for name in BASE[op]
        if name != "aspect_ratio"
    ],
    pytest.param("text_to_image", {**T2I, "prompt": "a" * 5001}, "prompt", "1-5000 characters", id="t2i-5001"),
    pytest.param("remix_image", {**REMIX, "prompt": "a" * 5001}, "prompt", "1-5000 characters", id="remix-5001"),
    pytest.param("edit_image", {**EDIT, "prompt": "a" * 2001}, "prompt", "1-2000 characters", id="edit-2001"),
    pytest.param("remix_image", {**REMIX, "strength": 1.01}, "strength", "from 0 to 1", id="strength-high"),
    pytest.param("remix_image", {**REMIX, "strength": -0.1}, "strength", "from 0 to 1", id="strength-low"),
    pytest.param("edit_image", {**EDIT, "seed": 1.5}, "seed", "an integer", id="seed-float"),
    pytest.param("edit_image", {**EDIT, "source_image_url": "a.jpg"}, "source_image_url", "URL", id="relative"),
    pytest.param("remix_image", {**REMIX, "aspect_ratio": "1:1"}, "aspect_ratio", "unknown", id="remix-aspect"),
]

OUTSIDE = [
    ("text_to_image", "model", "qwen-image-edit-image"),
    ("edit_image", "aspect_ratio", "21:9"),
    ("remix_image", "output_format", "webp"),
]


def test_the_contract_models_and_values():
    assert MODELS == ("qwen-image-text-to-image", "qwen-image-remix-image", "qwen-image-edit-image")
    assert set(ASPECT_RATIOS) == {"1:1", "3:4", "9:16", "4:3", "16:9"}


def test_a_local_source_over_10_mb_is_refused_before_any_request(client, tmp_path):
    big = tmp_path / "big.png"
    big.write_bytes(b"\0" * (10 * MB + 1))
    for op in ("remix_image", "edit_image"):
        with pytest.raises(runapi.ValidationError) as info:
            create(client, op, {**BASE[op], "source_image_url": big})
        assert info.value.field == "source_image_url"


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
