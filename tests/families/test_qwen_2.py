"""Qwen 2 (``client.qwen_2``), checked against the docs' Qwen 2 section.

The examples under ``tests/fixtures/qwen_2/`` are the section's payloads, copied as data: the three
create bodies (curl examples), and the 202 and completed answers. The docs print those two answers
once, after the three endpoints (they sit under "Create Edit Image", hence their names), as the
answers of all three ("Polling and webhook responses use the same shape"). No processing or failed
example is printed: the 202 answer is the documented "processing" shape, and a failure is the
platform's general one (docs: Errors > Task-Specific Errors).

The generic contract checks (the endpoints, ``client.qwen_2``, every example sent as is or
structured with nothing dropped, run/failed/get on each status path) live in
``test_every_family.py``, which borrows the shared answers for all three operations. This file
keeps what is particular to Qwen 2: its models, rules and refusals, typed reads of its answers and
its signatures, each call going through the public API with HTTP mocked by ``responses``, so
"refused before any request" is observed.
"""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path
from typing import Any

import cattrs
import pytest
import responses

import runapi
from runapi._core.params.rules import _literal_values  # the known values of an open (Literal | str) id
from runapi.qwen_2 import (
    EDIT_IMAGE_ASPECT_RATIOS,
    MODELS,
    TEXT_TO_IMAGE_ASPECT_RATIOS,
    EditImageParams,
    Image,
    ImageTask,
    RemixImageParams,
    TextToImageParams,
)
from tests.families.contract import strict_converter

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "qwen_2"
OPS = ["text_to_image", "remix_image", "edit_image"]
PARAMS = {"text_to_image": TextToImageParams, "remix_image": RemixImageParams, "edit_image": EditImageParams}
ANSWERS = ["edit_image_accepted", "edit_image_completed"]
TASK_ID = "550e8400-e29b-41d4-a716-446655440000"
IMAGE_URL = "https://file.runapi.ai/tools/example/result.png"

# docs: Errors > Task-Specific Errors (the general failed answer; Qwen 2 prints none of its own)
FAILURE = "Generation failed due to content policy violation"


def load(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def path(op: str) -> str:
    return f"/api/v1/qwen_2/{op}"


def accepted() -> dict[str, Any]:
    return load("edit_image_accepted")


# -- the family's surface -------------------------------------------------------------------


def test_the_fixtures_are_exactly_the_documented_examples():
    assert {p.stem for p in EXAMPLES.glob("*.json")} == {*(f"{op}_request" for op in OPS), *ANSWERS}


def test_each_endpoint_takes_its_one_model_and_models_lists_them_all():
    # docs: Qwen 2 > Models, and each table's "Must be ..."
    takes = {op: _literal_values(inspect.get_annotations(cls, eval_str=True)["model"]) for op, cls in PARAMS.items()}
    assert takes == {
        "text_to_image": ("qwen-2-text-to-image",),
        "remix_image": ("qwen-2-remix-image",),
        "edit_image": ("qwen-2-edit-image",),
    }
    assert set(MODELS) == {model for models in takes.values() for model in models}
    assert len(MODELS) == 3


# -- the documented answers, as a user reads them ------------------------------------------------


def test_the_strict_check_does_catch_an_unmodelled_field():
    payload = load("edit_image_completed")
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "model": "qwen-2-edit-image"}, ImageTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "images": [{"url": "u", "seed": 7}]}, ImageTask)


def test_completed_answer_reads_as_typed_images():
    task = ImageTask.from_dict(load("edit_image_completed"))

    assert task.is_completed
    assert task.error is None
    assert task.images == [Image(url=IMAGE_URL)]
    assert task.output_urls == [IMAGE_URL]


def test_a_failed_answer_carries_the_reason_and_no_outputs():
    task = ImageTask.from_dict({"id": TASK_ID, "status": "failed", "error": FAILURE})
    assert task.is_failed
    assert task.error == FAILURE
    assert task.output_urls == []


def test_download_outputs_saves_the_documented_image(client, tmp_path):
    task = ImageTask.from_dict(load("edit_image_completed"))
    with responses.RequestsMock() as mock:
        mock.get(IMAGE_URL, body=b"\x89PNG qwen", content_type="image/png")
        (saved,) = client.download_outputs(task, tmp_path)
    assert saved.path == tmp_path / f"{TASK_ID}-0.png"
    assert saved.path.read_bytes() == b"\x89PNG qwen"


# -- what each endpoint accepts ----------------------------------------------------------------

SOURCE = "https://cdn.runapi.ai/public/samples/image.jpg"
T2I = {"model": "qwen-2-text-to-image", "prompt": "A glass city at sunrise"}
REMIX = {"model": "qwen-2-remix-image", "prompt": "As a watercolor", "source_image_url": SOURCE}
EDIT = {"model": "qwen-2-edit-image", "prompt": "Make it night", "source_image_url": SOURCE}
BASE = {"text_to_image": T2I, "remix_image": REMIX, "edit_image": EDIT}

ACCEPTED_CALLS = [
    pytest.param("text_to_image", T2I, id="t2i-required-only"),
    pytest.param("text_to_image", {**T2I, "prompt": "a" * 800}, id="t2i-800-chars"),
    *[
        pytest.param("text_to_image", {**T2I, "aspect_ratio": ratio}, id=f"t2i-aspect-{ratio}")
        for ratio in ("1:1", "3:4", "4:3", "9:16", "16:9")
    ],
    pytest.param(
        "text_to_image",
        {**T2I, "seed": -3, "output_format": "jpeg", "enable_safety_checker": False, "callback_url": "https://e.x/cb"},
        id="t2i-all-optional",
    ),
    pytest.param("remix_image", REMIX, id="remix-required-only"),
    pytest.param("remix_image", {**REMIX, "prompt": "a" * 5000, "negative_prompt": "b" * 500}, id="remix-longest"),
    pytest.param(
        "remix_image",
        {**REMIX, "strength": 0, "num_inference_steps": 2, "guidance_scale": 0, "acceleration": "none"},
        id="remix-range-ends-low",
    ),
    pytest.param(
        "remix_image",
        {**REMIX, "strength": 1, "num_inference_steps": 250, "guidance_scale": 20, "acceleration": "high"},
        id="remix-range-ends-high",
    ),
    pytest.param(
        "remix_image",
        {**REMIX, "guidance_scale": 2.5, "acceleration": "regular", "output_format": "jpeg", "seed": 42},
        id="remix-middle",
    ),
    pytest.param("edit_image", EDIT, id="edit-required-only"),
    pytest.param("edit_image", {**EDIT, "prompt": "a" * 800}, id="edit-800-chars"),
    *[
        pytest.param("edit_image", {**EDIT, "aspect_ratio": ratio}, id=f"edit-aspect-{ratio}")
        for ratio in ("1:1", "2:3", "3:2", "3:4", "4:3", "9:16", "16:9", "21:9")
    ],
    pytest.param(
        "edit_image",
        {**EDIT, "output_format": "jpeg", "seed": 0, "enable_safety_checker": True, "callback_url": "http://e.x/cb"},
        id="edit-all-optional",
    ),
]


@pytest.mark.parametrize(("op", "kwargs"), ACCEPTED_CALLS)
@responses.activate
def test_valid_values_are_accepted_and_sent_unchanged(client, op, kwargs):
    responses.post(client.base_url + path(op), status=202, json=accepted())

    getattr(client.qwen_2, op).create(**kwargs)

    assert json.loads(responses.calls[0].request.body) == kwargs  # nothing added (no guessed defaults)


def _without(base: dict[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in base.items() if k != name}


REFUSED = [
    # required parameters
    *[
        pytest.param(op, _without(BASE[op], name), name, f"missing required parameter '{name}'", id=f"{op}-no-{name}")
        for op in OPS
        for name in BASE[op]
    ],
    # prompt lengths per endpoint (800, 5,000, 800)
    pytest.param("text_to_image", {**T2I, "prompt": "a" * 801}, "prompt", "1-800 characters; got 801", id="t2i-801"),
    pytest.param("remix_image", {**REMIX, "prompt": "a" * 5001}, "prompt", "1-5000 characters; got 5001", id="r-5001"),
    pytest.param("edit_image", {**EDIT, "prompt": "a" * 801}, "prompt", "1-800 characters; got 801", id="edit-801"),
    pytest.param("text_to_image", {**T2I, "prompt": "  "}, "prompt", "a non-blank string", id="t2i-blank"),
    # remix ranges
    pytest.param("remix_image", {**REMIX, "strength": -0.01}, "strength", "a number from 0 to 1", id="strength-low"),
    pytest.param("remix_image", {**REMIX, "strength": 1.01}, "strength", "a number from 0 to 1", id="strength-high"),
    pytest.param(
        "remix_image", {**REMIX, "num_inference_steps": 1}, "num_inference_steps", "from 2 to 250", id="steps-1"
    ),
    pytest.param(
        "remix_image", {**REMIX, "num_inference_steps": 251}, "num_inference_steps", "from 2 to 250", id="steps-251"
    ),
    pytest.param(
        "remix_image", {**REMIX, "num_inference_steps": 30.5}, "num_inference_steps", "an integer", id="steps-float"
    ),
    pytest.param(
        "remix_image", {**REMIX, "guidance_scale": -0.5}, "guidance_scale", "a number from 0 to 20", id="guid-low"
    ),
    pytest.param(
        "remix_image", {**REMIX, "guidance_scale": 20.5}, "guidance_scale", "a number from 0 to 20", id="guid-high"
    ),
    pytest.param(
        "remix_image",
        {**REMIX, "negative_prompt": "a" * 501},
        "negative_prompt",
        "1-500 characters; got 501",
        id="negative-501",
    ),
    # types
    pytest.param("text_to_image", {**T2I, "seed": "1"}, "seed", "an integer", id="seed-string"),
    pytest.param("edit_image", {**EDIT, "seed": 1.5}, "seed", "an integer", id="seed-float"),
    pytest.param(
        "remix_image", {**REMIX, "enable_safety_checker": 1}, "enable_safety_checker", "true or false", id="safety-1"
    ),
    pytest.param(
        "remix_image", {**REMIX, "source_image_url": "image.jpg"}, "source_image_url", "http(s) URL", id="relative"
    ),
    pytest.param(
        "edit_image", {**EDIT, "callback_url": "example.com/cb"}, "callback_url", "http(s) URL", id="callback-no-scheme"
    ),
    # a parameter one endpoint has and another has not
    pytest.param("remix_image", {**REMIX, "aspect_ratio": "1:1"}, "aspect_ratio", "unknown parameter", id="r-aspect"),
    pytest.param("text_to_image", {**T2I, "source_image_url": SOURCE}, "source_image_url", "unknown", id="t2i-src"),
    pytest.param("edit_image", {**EDIT, "strength": 0.5}, "strength", "unknown parameter", id="edit-strength"),
    pytest.param("text_to_image", {**T2I, "negative_prompt": "x"}, "negative_prompt", "unknown", id="t2i-negative"),
]


@pytest.mark.parametrize(("op", "kwargs", "field_name", "fragment"), REFUSED)
@responses.activate
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, op, kwargs, field_name, fragment):
    responses.post(client.base_url + path(op), status=202, json=accepted())  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.qwen_2, op).create(**kwargs)

    assert info.value.field == field_name
    assert fragment in str(info.value)
    assert len(responses.calls) == 0


ENUM_REFUSALS = [
    pytest.param("text_to_image", {**T2I, "model": "qwen-2-edit-image"}, "model", ["qwen-2-text-to-image"], id="t2i"),
    pytest.param("remix_image", {**REMIX, "model": "qwen-2"}, "model", ["qwen-2-remix-image"], id="remix-model"),
    pytest.param("edit_image", {**EDIT, "model": "qwen-2-remix-image"}, "model", ["qwen-2-edit-image"], id="edit"),
    pytest.param(
        "text_to_image", {**T2I, "aspect_ratio": "21:9"}, "aspect_ratio", TEXT_TO_IMAGE_ASPECT_RATIOS, id="t2i-21:9"
    ),
    pytest.param(
        "text_to_image", {**T2I, "aspect_ratio": "3:2"}, "aspect_ratio", TEXT_TO_IMAGE_ASPECT_RATIOS, id="t2i-3:2"
    ),
    pytest.param("edit_image", {**EDIT, "aspect_ratio": "5:4"}, "aspect_ratio", EDIT_IMAGE_ASPECT_RATIOS, id="e-5:4"),
    *[
        pytest.param(op, {**BASE[op], "output_format": "webp"}, "output_format", ["png", "jpeg"], id=f"{op}-webp")
        for op in OPS
    ],
    pytest.param("text_to_image", {**T2I, "output_format": "jpg"}, "output_format", ["png", "jpeg"], id="jpg"),
    pytest.param(
        "remix_image", {**REMIX, "acceleration": "low"}, "acceleration", ["none", "regular", "high"], id="accel-low"
    ),
]


@pytest.mark.parametrize(("op", "kwargs", "field_name", "allowed"), ENUM_REFUSALS)
@responses.activate
def test_an_enum_refusal_names_the_field_and_every_allowed_value(client, op, kwargs, field_name, allowed):
    responses.post(client.base_url + path(op), status=202, json=accepted())  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.qwen_2, op).create(**kwargs)

    message = str(info.value)
    assert info.value.field == field_name
    assert message.startswith(f"{field_name} must be one of ")
    assert message.endswith(f"; got {kwargs[field_name]!r}")
    # every allowed value, and nothing else (their order is not part of the contract)
    assert sorted(re.findall(r"'([^']*)'", message.split("; got")[0])) == sorted(allowed)
    assert len(responses.calls) == 0


def test_the_aspect_ratio_lists_are_the_documented_ones():
    assert TEXT_TO_IMAGE_ASPECT_RATIOS == ("1:1", "3:4", "4:3", "9:16", "16:9")
    assert EDIT_IMAGE_ASPECT_RATIOS == ("1:1", "2:3", "3:2", "3:4", "4:3", "9:16", "16:9", "21:9")


# -- signatures ---------------------------------------------------------------------------------


def test_create_shows_the_real_parameters(client):
    signature = inspect.signature(client.qwen_2.text_to_image.create)
    assert list(signature.parameters)[:2] == ["model", "prompt"]
    assert signature.parameters["aspect_ratio"].default is None
    assert list(inspect.signature(client.qwen_2.remix_image.run).parameters)[:3] == [
        "model",
        "prompt",
        "source_image_url",
    ]
    assert "num_inference_steps" in inspect.signature(client.qwen_2.remix_image.create).parameters
