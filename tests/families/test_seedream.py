"""Seedream (``client.seedream``), checked against the docs' Seedream section.

The examples under ``tests/fixtures/seedream/`` are the section's payloads, copied as data: the
three create bodies (4.5 and v4 text-to-image, v4 edit), and the 202, completed and failed answers.
The docs print those three answers once, after both endpoints (they sit under "Edit Image", hence
their names); they are the answers of both operations. No processing status or callback example is
printed: the 202 answer is the documented "processing" shape, and a callback body is a final status.

The generic contract checks (the endpoints, ``client.seedream``, every example sent as is or
structured with nothing dropped, run/failed/get on both status paths with the shared answers) live
in ``test_every_family.py``. This file keeps what is particular to Seedream: its models and
per-model rules, refusals, typed reads of its answers and its signatures, each call going through
the public API with HTTP mocked by ``responses``, so "refused before any request" is observed.
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
from runapi.seedream import (
    ASPECT_RATIOS,
    EDIT_IMAGE_MODELS,
    EDIT_IMAGE_RULES,
    MODELS,
    TEXT_TO_IMAGE_MODELS,
    TEXT_TO_IMAGE_RULES,
    BoundingBox,
    Image,
    ImageTask,
    LayersTask,
)
from tests.families.contract import strict_converter
from tests.families.platform_values import contract_models, contract_values

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "seedream"

# each documented request body -> the operation it is sent to
REQUESTS = {
    "text_to_image_request": "text_to_image",
    "text_to_image_request_v4": "text_to_image",
    "edit_image_request": "edit_image",
}
ANSWERS = ["edit_image_accepted", "edit_image_completed", "edit_image_failed"]


def load(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def path(op: str) -> str:
    return f"/api/v1/seedream/{op}"


def accepted() -> dict[str, Any]:
    return load("edit_image_accepted")


# -- the family's surface -------------------------------------------------------------------


def test_the_fixtures_are_exactly_the_documented_examples():
    assert {p.stem for p in EXAMPLES.glob("*.json")} == {*REQUESTS, *ANSWERS}


def test_every_model_in_the_rules_tables_is_a_model_and_the_other_way_round():
    assert set(TEXT_TO_IMAGE_RULES.table) == set(TEXT_TO_IMAGE_MODELS)
    assert set(EDIT_IMAGE_RULES.table) == set(EDIT_IMAGE_MODELS)
    assert set(MODELS) == set(TEXT_TO_IMAGE_MODELS) | set(EDIT_IMAGE_MODELS) | {"seedream-5-pro-layer-decomposition"}
    # the docs' six, and the newer platform contract's 5 Pro on both endpoints, and decompose_layers' model
    assert len(MODELS) == 9


# -- the documented answers, as a user reads them ------------------------------------------------


def test_the_strict_check_does_catch_an_unmodelled_field():
    payload = load("edit_image_completed")
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "model": "seedream-v4-edit"}, ImageTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "images": [{"url": "u", "width": 1024}]}, ImageTask)


def test_completed_answer_reads_as_typed_images():
    task = ImageTask.from_dict(load("edit_image_completed"))

    assert task.is_completed
    assert task.error is None
    assert task.images == [Image(url="https://file.runapi.ai/seedream/result.png")]
    assert task.output_urls == ["https://file.runapi.ai/seedream/result.png"]


def test_failed_answer_carries_the_reason_and_no_outputs():
    task = ImageTask.from_dict(load("edit_image_failed"))
    assert task.is_failed
    assert task.error == "Prompt rejected"
    assert task.output_urls == []


def test_several_images_are_listed_in_order_and_unset_urls_skipped():
    # v4 makes output_count images (the docs' example has one)
    payload = {**load("edit_image_completed"), "images": [{"url": "https://f/a.png"}, {}, {"url": "https://f/b.png"}]}
    assert ImageTask.from_dict(payload).output_urls == ["https://f/a.png", "https://f/b.png"]


def test_download_outputs_saves_the_documented_image(client, tmp_path):
    task = ImageTask.from_dict(load("edit_image_completed"))
    with responses.RequestsMock() as mock:
        mock.get("https://file.runapi.ai/seedream/result.png", body=b"\x89PNG seedream", content_type="image/png")
        (saved,) = client.download_outputs(task, tmp_path)
    assert saved.path == tmp_path / "281e5b0f39b9-0.png"
    assert saved.path.read_bytes() == b"\x89PNG seedream"


# -- what each model accepts -------------------------------------------------------------------

PROMPT = "A lighthouse at dusk"
SOURCES = ["https://cdn.runapi.ai/public/samples/image.jpg"]
T45 = {"model": "seedream-4.5-text-to-image", "prompt": PROMPT, "aspect_ratio": "1:1", "output_quality": "high"}
T5L = {**T45, "model": "seedream-5-lite-text-to-image"}
TV4 = {"model": "seedream-v4-text-to-image", "prompt": PROMPT}
E45 = {**T45, "model": "seedream-4.5-edit", "source_image_urls": SOURCES}
E5L = {**E45, "model": "seedream-5-lite-edit"}
EV4 = {"model": "seedream-v4-edit", "prompt": PROMPT, "source_image_urls": SOURCES}
V4_ONLY = {"output_resolution": "4k", "output_count": 6, "seed": 7}
# newer source: the platform contract and the official runapi-seedream package (5 Pro, output_format)
T5P = {**T45, "model": "seedream-5-pro-text-to-image"}
E5P = {**E45, "model": "seedream-5-pro-edit"}

ACCEPTED_CALLS = [
    pytest.param("text_to_image", T45, id="4.5-required-only"),
    pytest.param("text_to_image", {**T45, "prompt": "a" * 3000, "output_quality": "basic"}, id="4.5-3000-chars"),
    pytest.param("text_to_image", {**T45, "prompt": "a"}, id="4.5-1-char"),
    pytest.param("text_to_image", {**T5L, "prompt": "abc", "aspect_ratio": "21:9"}, id="5-lite-3-chars"),
    pytest.param("text_to_image", {**T5L, "prompt": "a" * 3000}, id="5-lite-3000-chars"),
    pytest.param("text_to_image", TV4, id="v4-prompt-only"),  # aspect_ratio and quality not required
    pytest.param("text_to_image", {**TV4, "prompt": "a" * 5000, **V4_ONLY}, id="v4-5000-chars-v4-fields"),
    pytest.param("text_to_image", {**TV4, "output_count": 1, "seed": -1, "output_resolution": "1k"}, id="v4-low"),
    pytest.param(
        "text_to_image",
        {**T45, "enable_safety_checker": False, "callback_url": "https://example.com/callbacks/runapi"},
        id="4.5-safety-callback",
    ),
    *[
        pytest.param("text_to_image", {**T45, "aspect_ratio": ratio}, id=f"aspect-{ratio}")
        for ratio in ("1:1", "4:3", "3:4", "16:9", "9:16", "2:3", "3:2", "21:9")
    ],
    pytest.param("edit_image", E45, id="edit-4.5"),
    pytest.param("edit_image", {**E5L, "prompt": "abc", "source_image_urls": SOURCES * 12}, id="edit-5-lite-12-images"),
    pytest.param("edit_image", EV4, id="edit-v4-minimal"),
    pytest.param("edit_image", {**EV4, "source_image_urls": SOURCES * 10, **V4_ONLY}, id="edit-v4-10-images"),
    pytest.param("edit_image", {**EV4, "prompt": "a" * 5000, "aspect_ratio": "9:16"}, id="edit-v4-5000-chars"),
    # newer source: 5 Pro, output_format, at most 14 source images for 4.5 and 5-Lite
    pytest.param("text_to_image", {**T5P, "prompt": "a" * 5000, "output_format": "jpeg"}, id="5-pro-5000-chars"),
    pytest.param("text_to_image", {**T5L, "output_format": "png"}, id="5-lite-png"),
    pytest.param("edit_image", {**E5P, "prompt": "abc", "source_image_urls": SOURCES * 10}, id="edit-5-pro-10-images"),
    pytest.param("edit_image", {**E45, "source_image_urls": SOURCES * 14}, id="edit-4.5-14-images"),
    pytest.param(
        "edit_image", {**E5L, "source_image_urls": SOURCES * 14, "output_format": "jpeg"}, id="edit-5-lite-14"
    ),
]


@pytest.mark.parametrize(("op", "kwargs"), ACCEPTED_CALLS)
@responses.activate
def test_valid_values_are_accepted_and_sent_unchanged(client, op, kwargs):
    responses.post(client.base_url + path(op), status=202, json=accepted())

    getattr(client.seedream, op).create(**kwargs)

    assert json.loads(responses.calls[0].request.body) == kwargs  # nothing added (no guessed defaults)


def _required(op: str, model: str, name: str) -> Any:
    return pytest.param(
        op,
        {**({"text_to_image": T45, "edit_image": E45}[op]), "model": model, name: None},
        name,
        f"{name} is required for model '{model}'",
        id=f"{model}-needs-{name}",
    )


def _v4_only(op: str, base: dict[str, Any], name: str) -> Any:
    v4 = {"text_to_image": "seedream-v4-text-to-image", "edit_image": "seedream-v4-edit"}[op]
    return pytest.param(
        op,
        {**base, name: V4_ONLY[name]},
        name,
        f"{name} is not accepted for model '{base['model']}'; only for '{v4}'",
        id=f"{base['model']}-refuses-{name}",
    )


REFUSED = [
    # 4.5 and 5-Lite require aspect_ratio and output_quality, and refuse the v4-only fields
    *[
        _required(op, model, name)
        for op, models in (
            ("text_to_image", ("seedream-4.5-text-to-image", "seedream-5-lite-text-to-image")),
            ("edit_image", ("seedream-4.5-edit", "seedream-5-lite-edit")),
        )
        for model in models
        for name in ("aspect_ratio", "output_quality")
    ],
    *[
        _v4_only(op, base, name)
        for op, base in (("text_to_image", T45), ("text_to_image", T5L), ("edit_image", E45), ("edit_image", E5L))
        for name in V4_ONLY
    ],
    # newer source: 5 Pro requires aspect_ratio and output_quality, refuses the v4-only fields, 3-5,000 chars,
    # at most 10 source images; output_format is refused for 4.5 and v4 (official contract "forbidden")
    *[
        _required(op, model, name)
        for op, model in (("text_to_image", "seedream-5-pro-text-to-image"), ("edit_image", "seedream-5-pro-edit"))
        for name in ("aspect_ratio", "output_quality")
    ],
    *[_v4_only(op, base, name) for op, base in (("text_to_image", T5P), ("edit_image", E5P)) for name in V4_ONLY],
    pytest.param("text_to_image", {**T5P, "prompt": "ab"}, "prompt", "3-5000 characters", id="5-pro-2-chars"),
    pytest.param("edit_image", {**E5P, "prompt": "a" * 5001}, "prompt", "1-5000 characters", id="edit-5-pro-5001"),
    pytest.param(
        "edit_image",
        {**E5P, "source_image_urls": SOURCES * 11},
        "source_image_urls",
        "1-10 non-blank strings; got 11 items (for model 'seedream-5-pro-edit')",
        id="edit-5-pro-11-images",
    ),
    pytest.param(
        "edit_image",
        {**E5L, "source_image_urls": SOURCES * 15},
        "source_image_urls",
        "1-14 non-blank strings; got 15 items (for model 'seedream-5-lite-edit')",
        id="edit-5-lite-15-images",
    ),
    *[
        pytest.param(
            op,
            {**base, "output_format": "png"},
            "output_format",
            f"output_format is not accepted for model '{base['model']}'",
            id=f"{base['model']}-refuses-output_format",
        )
        for op, base in (("text_to_image", T45), ("text_to_image", TV4), ("edit_image", E45), ("edit_image", EV4))
    ],
    pytest.param("text_to_image", {**T5P, "output_format": "jpg"}, "output_format", "'png', 'jpeg'", id="format-jpg"),
    # v4 refuses output_quality (the 4.5/5-Lite knob)
    pytest.param(
        "text_to_image",
        {**TV4, "output_quality": "high"},
        "output_quality",
        "output_quality is not accepted for model 'seedream-v4-text-to-image'; only for "
        "'seedream-4.5-text-to-image', 'seedream-5-lite-text-to-image'",
        id="v4-refuses-output_quality",
    ),
    pytest.param(
        "edit_image",
        {**EV4, "output_quality": "basic"},
        "output_quality",
        "output_quality is not accepted for model 'seedream-v4-edit'",
        id="edit-v4-refuses-output_quality",
    ),
    # prompt lengths per model
    pytest.param(
        "text_to_image",
        {**T45, "prompt": "a" * 3001},
        "prompt",
        "1-3000 characters; got 3001 characters (for model 'seedream-4.5-text-to-image')",
        id="4.5-3001-chars",
    ),
    pytest.param(
        "text_to_image",
        {**T5L, "prompt": "ab"},
        "prompt",
        "3-3000 characters; got 'ab' (for model 'seedream-5-lite-text-to-image')",
        id="5-lite-2-chars",
    ),
    pytest.param("text_to_image", {**T5L, "prompt": "a" * 3001}, "prompt", "3-3000 characters", id="5-lite-3001-chars"),
    pytest.param(
        "text_to_image", {**TV4, "prompt": "a" * 5001}, "prompt", "1-5000 characters; got 5001", id="v4-5001-chars"
    ),
    pytest.param(
        "edit_image", {**E45, "prompt": "a" * 3001}, "prompt", "(for model 'seedream-4.5-edit')", id="edit-4.5-3001"
    ),
    pytest.param("edit_image", {**E5L, "prompt": "ab"}, "prompt", "3-3000 characters", id="edit-5-lite-2-chars"),
    pytest.param("edit_image", {**EV4, "prompt": "a" * 5001}, "prompt", "1-5000 characters", id="edit-v4-5001-chars"),
    pytest.param("text_to_image", {**T45, "prompt": "   "}, "prompt", "a non-blank string", id="blank-prompt"),
    pytest.param(
        "text_to_image",
        {"model": "seedream-4.5-text-to-image"},
        "prompt",
        "missing required parameter 'prompt'",
        id="no-prompt",
    ),
    # ranges and types
    pytest.param(
        "text_to_image", {**TV4, "output_count": 0}, "output_count", "an integer from 1 to 6; got 0", id="count-0"
    ),
    pytest.param(
        "text_to_image", {**TV4, "output_count": 7}, "output_count", "an integer from 1 to 6; got 7", id="count-7"
    ),
    pytest.param(
        "edit_image", {**EV4, "output_count": 2.0}, "output_count", "an integer from 1 to 6", id="count-float"
    ),
    pytest.param("text_to_image", {**TV4, "seed": "12345"}, "seed", "an integer", id="seed-string"),
    pytest.param("text_to_image", {**TV4, "seed": True}, "seed", "an integer", id="seed-bool"),
    pytest.param(
        "text_to_image",
        {**T45, "enable_safety_checker": "false"},
        "enable_safety_checker",
        "true or false",
        id="safety-string",
    ),
    pytest.param(
        "text_to_image",
        {**T45, "callback_url": "example.com/cb"},
        "callback_url",
        "http(s) URL",
        id="callback-no-scheme",
    ),
    # source images
    pytest.param(
        "edit_image",
        {**EV4, "source_image_urls": SOURCES * 11},
        "source_image_urls",
        "a list of 1-10 non-blank strings; got 11 items (for model 'seedream-v4-edit')",
        id="edit-v4-11-images",
    ),
    pytest.param(
        "edit_image", {**E45, "source_image_urls": []}, "source_image_urls", "at least 1", id="edit-no-images"
    ),
    pytest.param(
        "edit_image",
        {**E45, "source_image_urls": SOURCES[0]},
        "source_image_urls",
        "a list of",
        id="edit-url-not-a-list",
    ),
    pytest.param(
        "edit_image",
        {k: v for k, v in E45.items() if k != "source_image_urls"},
        "source_image_urls",
        "missing required parameter",
        id="edit-sources-missing",
    ),
    pytest.param(
        "text_to_image",
        {**TV4, "source_image_urls": SOURCES},
        "source_image_urls",
        "unknown parameter",
        id="text-takes-no-sources",
    ),
]


ENUM_REFUSALS = [
    pytest.param(
        "text_to_image", {**T45, "model": "seedream-4.5-edit"}, "model", TEXT_TO_IMAGE_MODELS, id="edit-model"
    ),
    pytest.param(
        "edit_image", {**E45, "model": "seedream-v4-text-to-image"}, "model", EDIT_IMAGE_MODELS, id="text-model"
    ),
    pytest.param("text_to_image", {**T45, "aspect_ratio": "5:4"}, "aspect_ratio", ASPECT_RATIOS, id="aspect-5:4"),
    pytest.param("text_to_image", {**TV4, "aspect_ratio": "auto"}, "aspect_ratio", ASPECT_RATIOS, id="aspect-auto"),
    pytest.param("edit_image", {**E45, "aspect_ratio": "1:2"}, "aspect_ratio", ASPECT_RATIOS, id="edit-aspect-1:2"),
    pytest.param("text_to_image", {**T45, "output_quality": "ultra"}, "output_quality", ("basic", "high"), id="ultra"),
    pytest.param("edit_image", {**E5L, "output_quality": "HIGH"}, "output_quality", ("basic", "high"), id="HIGH"),
    pytest.param("text_to_image", {**TV4, "output_resolution": "8k"}, "output_resolution", ("1k", "2k", "4k"), id="8k"),
    pytest.param("edit_image", {**EV4, "output_resolution": "1K"}, "output_resolution", ("1k", "2k", "4k"), id="1K"),
]


@pytest.mark.parametrize(("op", "kwargs", "field_name", "fragment"), REFUSED)
@responses.activate
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, op, kwargs, field_name, fragment):
    responses.post(client.base_url + path(op), status=202, json=accepted())  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.seedream, op).create(**kwargs)

    assert info.value.field == field_name
    assert fragment in str(info.value)
    assert len(responses.calls) == 0


@pytest.mark.parametrize(("op", "kwargs", "field_name", "allowed"), ENUM_REFUSALS)
@responses.activate
def test_an_enum_refusal_names_the_field_and_every_allowed_value(client, op, kwargs, field_name, allowed):
    responses.post(client.base_url + path(op), status=202, json=accepted())  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.seedream, op).create(**kwargs)

    message = str(info.value)
    assert info.value.field == field_name
    assert message.startswith(f"{field_name} must be one of ")
    assert message.endswith(f"; got {kwargs[field_name]!r}")
    # every allowed value, and nothing else (their order is not part of the contract)
    assert sorted(re.findall(r"'([^']*)'", message.split("; got")[0])) == sorted(allowed)
    assert len(responses.calls) == 0


# -- signatures ---------------------------------------------------------------------------------


def test_create_shows_the_real_parameters(client):
    signature = inspect.signature(client.seedream.text_to_image.create)
    assert list(signature.parameters)[:2] == ["model", "prompt"]
    assert signature.parameters["output_quality"].default is None
    assert list(inspect.signature(client.seedream.edit_image.run).parameters)[:3] == [
        "model",
        "prompt",
        "source_image_urls",
    ]


# -- the platform contract (tests/contract/platform-contract.json), newer than the docs ---------------

CONTRACT_BASE = {
    "text_to_image": {"prompt": PROMPT, "aspect_ratio": "1:1", "output_quality": "high"},
    "edit_image": {"prompt": PROMPT, "aspect_ratio": "1:1", "output_quality": "high", "source_image_urls": SOURCES},
    "decompose_layers": {"image_url": SOURCES[0]},
}
V4_MODELS = ("seedream-v4-text-to-image", "seedream-v4-edit")


def _contract_call(op: str, model: str) -> dict[str, Any]:
    call = {**CONTRACT_BASE[op], "model": model}
    if model in V4_MODELS:
        del call["output_quality"]  # refused for v4
    return call


@pytest.mark.parametrize(("op", "model", "name", "value"), contract_values("seedream"))
@responses.activate
def test_every_platform_contract_value_is_accepted_and_sent_as_given(client, op, model, name, value):
    responses.post(client.base_url + path(op), status=202, json=accepted())
    kwargs = {**_contract_call(op, model), name: value}

    getattr(client.seedream, op).create(**kwargs)

    assert json.loads(responses.calls[0].request.body) == kwargs


@pytest.mark.parametrize(("op", "model"), contract_models("seedream"))
@responses.activate
def test_every_platform_contract_model_is_accepted(client, op, model):
    responses.post(client.base_url + path(op), status=202, json=accepted())
    getattr(client.seedream, op).create(**_contract_call(op, model))
    assert json.loads(responses.calls[0].request.body)["model"] == model


# -- decompose_layers (the official runapi-seedream package; no seed docs) ----------------------------

LAYERS = {"model": "seedream-5-pro-layer-decomposition", "image_url": SOURCES[0]}
LAYERS_COMPLETED = {
    "id": "layers-1",
    "status": "completed",
    "base_image": {"url": "https://file.runapi.ai/base.jpeg"},
    "layers": [
        {"url": "https://file.runapi.ai/layer.png", "z_index": 1, "bounding_box": {"absolute": [0, 0, 64, 64]}},
        {"z_index": 2},
        {"url": "https://file.runapi.ai/layer-2.png", "z_index": 3, "name": "cup", "description": "an orange cup"},
    ],
}


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param(LAYERS, id="required-only"),
        pytest.param(
            {
                **LAYERS,
                "prompt": "p" * 5000,
                "size": "1.5K",
                "output_format": "png",
                "callback_url": "https://e.com/cb",
            },
            id="every-field",
        ),
        *[pytest.param({**LAYERS, "size": size}, id=f"size-{size}") for size in ("auto", "1K", "1.5K", "2K")],
    ],
)
@responses.activate
def test_decompose_layers_sends_its_fields_as_given(client, kwargs):
    responses.post(
        client.base_url + path("decompose_layers"), status=202, json={"id": "layers-1", "status": "processing"}
    )

    task = client.seedream.decompose_layers.create(**kwargs)

    assert json.loads(responses.calls[0].request.body) == kwargs
    assert task.id == "layers-1"


@pytest.mark.parametrize(
    ("kwargs", "field_name", "fragment"),
    [
        pytest.param({"model": LAYERS["model"]}, "image_url", "missing required parameter", id="no-image"),
        pytest.param({**LAYERS, "image_url": "image.jpg"}, "image_url", "http(s) URL", id="relative-url"),
        pytest.param({**LAYERS, "prompt": "p" * 5001}, "prompt", "1-5000 characters", id="prompt-5001"),
        pytest.param({**LAYERS, "size": "1k"}, "size", "'auto', '1K', '1.5K', '2K'", id="size-1k"),
        pytest.param({**LAYERS, "output_format": "webp"}, "output_format", "'png', 'jpeg'", id="format-webp"),
        pytest.param(
            {**LAYERS, "model": "seedream-5-pro-edit"}, "model", "seedream-5-pro-layer-decomposition", id="model"
        ),
    ],
)
@responses.activate
def test_decompose_layers_refuses_bad_input_before_any_request(client, kwargs, field_name, fragment):
    responses.post(client.base_url + path("decompose_layers"), status=202, json={"id": "x", "status": "processing"})

    with pytest.raises(runapi.ValidationError) as info:
        client.seedream.decompose_layers.create(**kwargs)

    assert info.value.field == field_name
    assert fragment in str(info.value)
    assert len(responses.calls) == 0


def test_a_completed_decompose_layers_task_reads_its_base_image_and_layers():
    task = LayersTask.from_dict(LAYERS_COMPLETED)
    assert task.is_completed
    assert task.base_image is not None and task.base_image.url == "https://file.runapi.ai/base.jpeg"
    assert [layer.z_index for layer in task.layers] == [1, 2, 3]
    assert task.layers[0].bounding_box == BoundingBox(absolute=[0, 0, 64, 64])
    assert (task.layers[2].name, task.layers[2].description) == ("cup", "an orange cup")
    # the base image first, then each layer that has a url
    assert task.output_urls == [
        "https://file.runapi.ai/base.jpeg",
        "https://file.runapi.ai/layer.png",
        "https://file.runapi.ai/layer-2.png",
    ]
    assert LayersTask.from_dict({"id": "x", "status": "processing"}).output_urls == []


@responses.activate
def test_decompose_layers_run_polls_its_own_path(client):
    responses.post(
        client.base_url + path("decompose_layers"), status=202, json={"id": "layers-1", "status": "processing"}
    )
    responses.get(client.base_url + path("decompose_layers") + "/layers-1", json=LAYERS_COMPLETED)

    task = client.seedream.decompose_layers.run(**LAYERS)

    assert isinstance(task, LayersTask)
    assert len(task.layers) == 3
    assert responses.calls[1].request.url == client.base_url + path("decompose_layers") + "/layers-1"
