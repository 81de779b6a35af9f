"""Qwen 3 (``runapi.qwen_3``), checked against the platform contract and the official packages.

The family is bound to a client directly (``Qwen3(client)``) until it is registered on the client.
Facts: the official repository's contract (``runapi-ai/qwen-3-sdk`` ``contract_gen.py``: models,
enums, ``prompt`` 1-800, ``negative_prompt`` 0-5,000, ``seed`` 0-2,147,483,647, 1-3 source images)
and parameter types (``js/src/types.ts``); the README's quick-start bodies; the package's response
model. HTTP is mocked with ``responses``, so "refused before any request" is observed.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest
import responses

import runapi
from runapi.qwen_3 import ASPECT_RATIOS, EDIT_IMAGE_MODELS, MODELS, TEXT_TO_IMAGE_MODELS, Image, ImageTask, Qwen3
from tests.families.platform_values import sent_creates

TASK_ID = "550e8400-e29b-41d4-a716-446655440000"
SOURCE = "https://cdn.runapi.ai/public/samples/image.jpg"
IMAGE_URL = "https://tempfile.runapi.ai/qwen-3/result.png"
# the official README's quick-start bodies
T2I = {"model": "qwen-3-text-to-image", "prompt": "A neon city street after rain, cinematic", "aspect_ratio": "16:9"}
EDIT = {
    "model": "qwen-3-edit-image",
    "prompt": "Replace the background with a neon-lit city skyline",
    "source_image_urls": [SOURCE],
}
BASE = {"text_to_image": T2I, "edit_image": EDIT}


def path(op: str) -> str:
    return f"/api/v1/qwen_3/{op}"


def create(client: runapi.Client, op: str, kwargs: dict[str, Any]) -> list[Any]:
    """Create through the public API with HTTP mocked; the requests sent."""
    return sent_creates(client, Qwen3, op, kwargs)


def test_the_contract_models_and_values():
    assert TEXT_TO_IMAGE_MODELS == ("qwen-3-text-to-image", "qwen-3-pro-text-to-image")
    assert EDIT_IMAGE_MODELS == ("qwen-3-edit-image", "qwen-3-pro-edit-image")
    assert set(MODELS) == {*TEXT_TO_IMAGE_MODELS, *EDIT_IMAGE_MODELS}
    assert set(ASPECT_RATIOS) == {"1:1", "3:2", "2:3", "4:3", "3:4", "16:9", "9:16", "21:9"}


CONTRACT_VALUES = [
    *[
        pytest.param(op, {**BASE[op], "model": model}, id=f"{op}-{model}")
        for op, models in (("text_to_image", TEXT_TO_IMAGE_MODELS), ("edit_image", EDIT_IMAGE_MODELS))
        for model in models
    ],
    *[
        pytest.param(op, {**BASE[op], field: value}, id=f"{op}-{field}-{value}")
        for op in BASE
        for field, values in (
            ("aspect_ratio", ASPECT_RATIOS),
            ("output_format", ("png", "jpeg")),
            ("output_resolution", ("1k", "2k")),
        )
        for value in values
    ],
    pytest.param("text_to_image", {**T2I, "prompt": "a" * 800, "negative_prompt": "b" * 5000}, id="longest"),
    pytest.param("text_to_image", {**T2I, "seed": 0, "negative_prompt": ""}, id="seed-0-empty-negative"),
    pytest.param(
        "edit_image",
        {
            **EDIT,
            "source_image_urls": [SOURCE] * 3,
            "seed": 2_147_483_647,
            "enable_prompt_expansion": True,
            "enable_safety_checker": False,
            "callback_url": "https://example.com/cb",
        },
        id="edit-every-optional",
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
        for name in ("model", "prompt", *(("source_image_urls",) if op == "edit_image" else ()))
    ],
    pytest.param("text_to_image", {**T2I, "prompt": "a" * 801}, "prompt", "1-800 characters", id="prompt-801"),
    pytest.param("edit_image", {**EDIT, "prompt": " "}, "prompt", "non-blank", id="prompt-blank"),
    pytest.param(
        "edit_image", {**EDIT, "negative_prompt": "a" * 5001}, "negative_prompt", "at most 5000", id="negative-5001"
    ),
    pytest.param("text_to_image", {**T2I, "seed": -1}, "seed", "from 0 to 2147483647", id="seed-negative"),
    pytest.param("text_to_image", {**T2I, "seed": 2**31}, "seed", "from 0 to 2147483647", id="seed-2**31"),
    pytest.param("edit_image", {**EDIT, "source_image_urls": []}, "source_image_urls", "1-3", id="no-sources"),
    pytest.param("edit_image", {**EDIT, "source_image_urls": [SOURCE] * 4}, "source_image_urls", "1-3", id="4"),
    pytest.param("edit_image", {**EDIT, "source_image_urls": ["image.jpg"]}, "source_image_urls[0]", "URL", id="rel"),
    pytest.param("text_to_image", {**T2I, "enable_prompt_expansion": 1}, "enable_prompt_expansion", "true or false"),
    pytest.param("text_to_image", {**T2I, "source_image_urls": [SOURCE]}, "source_image_urls", "unknown", id="t2i-src"),
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
        ("text_to_image", "model", "qwen-3-edit-image"),  # the other endpoint's model
        ("edit_image", "aspect_ratio", "5:4"),
        ("text_to_image", "output_resolution", "4k"),
        ("edit_image", "output_format", "webp"),
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


def test_a_completed_answer_reads_as_typed_images():
    # the official response model: id, status, images[].url, error
    task = ImageTask.from_dict({"id": TASK_ID, "status": "completed", "images": [{"url": IMAGE_URL}]})
    assert task.is_completed and task.error is None
    assert task.images == [Image(url=IMAGE_URL)]
    assert task.output_urls == [IMAGE_URL]
    failed = ImageTask.from_dict({"id": TASK_ID, "status": "failed", "error": "Generation failed"})
    assert failed.is_failed and failed.error == "Generation failed" and failed.output_urls == []


def test_run_polls_the_status_path_and_returns_the_typed_task(client):
    completed = {"id": TASK_ID, "status": "completed", "images": [{"url": IMAGE_URL}]}
    with responses.RequestsMock() as mock:
        mock.post(client.base_url + path("edit_image"), status=202, json={"id": TASK_ID, "status": "processing"})
        mock.get(f"{client.base_url}{path('edit_image')}/{TASK_ID}", json=completed)
        task = Qwen3(client).edit_image.run(**EDIT)
    assert isinstance(task, ImageTask) and task.output_urls == [IMAGE_URL]
