"""Imagen 4 (``client.imagen_4``), checked against the docs' Imagen 4 section.

The examples under ``tests/fixtures/imagen_4/`` are the section's payloads, copied as data: the two
create bodies (text_to_image, remix_image), text_to_image's 202 answer and its completed status.
The docs print no answer at all for ``remix_image`` and no status path: the SDK reads it as a task
like ``text_to_image`` (see ``runapi.imagen_4``), so its lifecycle is checked with the
text_to_image answers on ``GET /api/v1/imagen_4/remix_image/{id}`` (the one assumed pair). No
failed example is printed: a failure is the platform's general shape (docs: Errors >
Task-Specific Errors).

The generic contract checks (the endpoints, ``client.imagen_4``, every example sent as is or
structured with nothing dropped, run/failed/get on both status paths, remix_image borrowing
text_to_image's answers) live in ``test_every_family.py``. This file keeps what is particular to
Imagen 4: its models and rules, refusals, typed reads of its answers and its signatures, each call
going through the public API with HTTP mocked by ``responses``, so "refused before any request" is
observed.
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
from runapi.imagen_4 import (
    MODELS,
    REMIX_ASPECT_RATIOS,
    REMIX_IMAGE_MODELS,
    TEXT_TO_IMAGE_ASPECT_RATIOS,
    TEXT_TO_IMAGE_MODELS,
    TEXT_TO_IMAGE_RULES,
    Image,
    ImageTask,
)
from tests.families.contract import strict_converter
from tests.families.platform_values import contract_models, contract_values

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "imagen_4"
OPS = ["text_to_image", "remix_image"]
ANSWERS = ["text_to_image_accepted", "text_to_image_completed"]
IMAGE_URL = "https://file.runapi.ai/generated/image.png"


def load(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def path(op: str) -> str:
    return f"/api/v1/imagen_4/{op}"


def accepted() -> dict[str, Any]:
    return load("text_to_image_accepted")


# -- the family's surface -------------------------------------------------------------------


def test_the_fixtures_are_exactly_the_documented_examples():
    assert {p.stem for p in EXAMPLES.glob("*.json")} == {f"{op}_request" for op in OPS} | set(ANSWERS)


def test_every_model_in_the_rules_table_is_a_model_and_the_other_way_round():
    assert set(TEXT_TO_IMAGE_RULES.table) == set(TEXT_TO_IMAGE_MODELS)
    assert MODELS == ("imagen-4", "imagen-4-fast", "imagen-4-ultra", "imagen-4-pro-remix-image")
    assert set(MODELS) == set(TEXT_TO_IMAGE_MODELS) | set(REMIX_IMAGE_MODELS)


# -- the documented answers, as a user reads them ------------------------------------------------


def test_the_strict_check_does_catch_an_unmodelled_field():
    payload = load("text_to_image_completed")
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "seed": 1}, ImageTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "images": [{"url": "u", "format": "png"}]}, ImageTask)


def test_completed_answer_reads_as_typed_images():
    task = ImageTask.from_dict(load("text_to_image_completed"))

    assert task.is_completed
    assert task.error is None
    assert task.images == [Image(url=IMAGE_URL)]
    assert task.output_urls == [IMAGE_URL]


def test_the_four_images_of_imagen_4_fast_are_listed_in_order():
    payload = {**load("text_to_image_completed"), "images": [{"url": f"https://f/{i}.png"} for i in range(4)]}
    assert ImageTask.from_dict(payload).output_urls == [f"https://f/{i}.png" for i in range(4)]


# -- what each model and endpoint accepts -----------------------------------------------------

PROMPT = "A warm editorial photo of a glass studio"
SOURCES = ["https://upload.wikimedia.org/wikipedia/commons/a/a9/Example.jpg"]
TEXT = {"model": "imagen-4", "prompt": PROMPT}
FAST = {"model": "imagen-4-fast", "prompt": PROMPT}
ULTRA = {"model": "imagen-4-ultra", "prompt": PROMPT}
REMIX = {"model": "imagen-4-pro-remix-image", "prompt": PROMPT, "source_image_urls": SOURCES}

ACCEPTED_CALLS = [
    pytest.param("text_to_image", TEXT, id="imagen-4-minimal"),
    pytest.param("text_to_image", ULTRA, id="imagen-4-ultra-minimal"),
    *[pytest.param("text_to_image", {**FAST, "output_count": n}, id=f"fast-{n}-images") for n in (1, 2, 3, 4)],
    pytest.param("text_to_image", {**TEXT, "prompt": "a" * 5000}, id="prompt-5000-chars"),
    pytest.param(
        "text_to_image",
        {**ULTRA, "negative_prompt": "blur, text", "seed": 42, "callback_url": "https://example.com/cb"},
        id="ultra-negative-seed-callback",
    ),
    *[
        pytest.param("text_to_image", {**model, "aspect_ratio": ratio}, id=f"{model['model']}-aspect-{ratio}")
        for model in (TEXT, FAST, ULTRA)
        for ratio in TEXT_TO_IMAGE_ASPECT_RATIOS
        if ratio != "auto" or model is FAST  # "auto": imagen-4-fast only (the newer platform contract)
    ],
    pytest.param("remix_image", REMIX, id="remix-minimal"),
    pytest.param("remix_image", {**REMIX, "prompt": "a" * 10_000}, id="remix-10000-chars"),
    pytest.param("remix_image", {**REMIX, "source_image_urls": SOURCES * 8}, id="remix-8-images"),
    *[
        pytest.param("remix_image", {**REMIX, "aspect_ratio": ratio}, id=f"remix-aspect-{ratio}")
        for ratio in REMIX_ASPECT_RATIOS
    ],
    *[
        pytest.param("remix_image", {**REMIX, "output_resolution": res, "output_format": fmt}, id=f"remix-{res}-{fmt}")
        for res, fmt in (("1k", "jpg"), ("2k", "png"), ("4k", "jpg"))
    ],
    pytest.param("remix_image", {**REMIX, "callback_url": "https://example.com/callbacks/runapi"}, id="remix-callback"),
]


@pytest.mark.parametrize(("op", "kwargs"), ACCEPTED_CALLS)
@responses.activate
def test_valid_values_are_accepted_and_sent_unchanged(client, op, kwargs):
    responses.post(client.base_url + path(op), status=202, json=accepted())

    getattr(client.imagen_4, op).create(**kwargs)

    assert json.loads(responses.calls[0].request.body) == kwargs  # nothing added (no guessed defaults)


REFUSED = [
    # aspect_ratio "auto" is imagen-4-fast's only (the platform contract lists it for that model alone)
    *[
        pytest.param(
            "text_to_image",
            {**model, "aspect_ratio": "auto"},
            "aspect_ratio",
            "aspect_ratio must be one of '1:1', '16:9', '9:16', '3:4', '4:3'; got 'auto' "
            f"(for model '{model['model']}')",
            id=f"{model['model']}-auto",
        )
        for model in (TEXT, ULTRA)
    ],
    # output_count is imagen-4-fast's only
    pytest.param(
        "text_to_image",
        {**TEXT, "output_count": 2},
        "output_count",
        "output_count is not accepted for model 'imagen-4'; only for 'imagen-4-fast'",
        id="imagen-4-count",
    ),
    pytest.param(
        "text_to_image",
        {**ULTRA, "output_count": 1},
        "output_count",
        "not accepted for model 'imagen-4-ultra'; only for 'imagen-4-fast'",
        id="ultra-count",
    ),
    pytest.param(
        "text_to_image", {**FAST, "output_count": 0}, "output_count", "an integer from 1 to 4; got 0", id="fast-count-0"
    ),
    pytest.param(
        "text_to_image", {**FAST, "output_count": 5}, "output_count", "an integer from 1 to 4; got 5", id="fast-count-5"
    ),
    pytest.param(
        "text_to_image", {**FAST, "output_count": 2.0}, "output_count", "an integer from 1 to 4", id="fast-count-float"
    ),
    # text_to_image's other fields
    pytest.param(
        "text_to_image", {**TEXT, "prompt": "a" * 5001}, "prompt", "1-5000 characters; got 5001", id="prompt-5001"
    ),
    pytest.param("text_to_image", {**TEXT, "prompt": " "}, "prompt", "a non-blank string", id="prompt-blank"),
    pytest.param(
        "text_to_image", {"model": "imagen-4"}, "prompt", "missing required parameter 'prompt'", id="prompt-missing"
    ),
    pytest.param(
        "text_to_image", {"prompt": PROMPT}, "model", "missing required parameter 'model'", id="model-missing"
    ),
    pytest.param("text_to_image", {**TEXT, "seed": 1.5}, "seed", "an integer", id="seed-float"),
    pytest.param(
        "text_to_image", {**TEXT, "negative_prompt": ""}, "negative_prompt", "a non-blank string", id="negative-empty"
    ),
    pytest.param(
        "text_to_image", {**TEXT, "callback_url": "/cb"}, "callback_url", "http(s) URL", id="callback-relative"
    ),
    pytest.param(
        "text_to_image",
        {**TEXT, "source_image_urls": SOURCES},
        "source_image_urls",
        "unknown parameter",
        id="text-no-sources",
    ),
    # remix_image
    pytest.param(
        "remix_image",
        {**REMIX, "prompt": "a" * 10_001},
        "prompt",
        "1-10000 characters; got 10001",
        id="remix-prompt-10001",
    ),
    pytest.param(
        "remix_image",
        {**REMIX, "source_image_urls": SOURCES * 9},
        "source_image_urls",
        "a list of 1-8 non-blank strings; got 9 items",
        id="remix-9-images",
    ),
    pytest.param(
        "remix_image",
        {**REMIX, "source_image_urls": []},
        "source_image_urls",
        "a list of 1-8 non-blank strings; got 0 items",
        id="remix-no-images",
    ),
    pytest.param(
        "remix_image",
        {"model": "imagen-4-pro-remix-image", "prompt": PROMPT},
        "source_image_urls",
        "missing required parameter",
        id="remix-sources-missing",
    ),
    pytest.param(
        "remix_image",
        {**REMIX, "negative_prompt": "blur"},
        "negative_prompt",
        "unknown parameter",
        id="remix-no-negative",
    ),
    pytest.param("remix_image", {**REMIX, "output_count": 2}, "output_count", "unknown parameter", id="remix-no-count"),
]


ENUM_REFUSALS = [
    pytest.param(
        "text_to_image", {**TEXT, "model": "imagen-4-pro-remix-image"}, "model", TEXT_TO_IMAGE_MODELS, id="remix"
    ),
    pytest.param("text_to_image", {**TEXT, "model": "imagen-4.0"}, "model", TEXT_TO_IMAGE_MODELS, id="imagen-4.0"),
    pytest.param("remix_image", {**REMIX, "model": "imagen-4"}, "model", REMIX_IMAGE_MODELS, id="text-model-on-remix"),
    pytest.param(
        "text_to_image", {**TEXT, "aspect_ratio": "21:9"}, "aspect_ratio", TEXT_TO_IMAGE_ASPECT_RATIOS, id="21:9"
    ),
    pytest.param("remix_image", {**REMIX, "aspect_ratio": "1:4"}, "aspect_ratio", REMIX_ASPECT_RATIOS, id="remix-1:4"),
    pytest.param("remix_image", {**REMIX, "output_resolution": "8k"}, "output_resolution", ("1k", "2k", "4k"), id="8k"),
    pytest.param("remix_image", {**REMIX, "output_format": "jpeg"}, "output_format", ("png", "jpg"), id="jpeg"),
    pytest.param("remix_image", {**REMIX, "output_format": "webp"}, "output_format", ("png", "jpg"), id="webp"),
]


@pytest.mark.parametrize(("op", "kwargs", "field_name", "fragment"), REFUSED)
@responses.activate
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, op, kwargs, field_name, fragment):
    responses.post(client.base_url + path(op), status=202, json=accepted())  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.imagen_4, op).create(**kwargs)

    assert info.value.field == field_name
    assert fragment in str(info.value)
    assert len(responses.calls) == 0


@pytest.mark.parametrize(("op", "kwargs", "field_name", "allowed"), ENUM_REFUSALS)
@responses.activate
def test_an_enum_refusal_names_the_field_and_every_allowed_value(client, op, kwargs, field_name, allowed):
    responses.post(client.base_url + path(op), status=202, json=accepted())  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.imagen_4, op).create(**kwargs)

    message = str(info.value)
    assert info.value.field == field_name
    assert message.startswith(f"{field_name} must be one of ")
    assert message.endswith(f"; got {kwargs[field_name]!r}")
    # every allowed value, and nothing else (their order is not part of the contract)
    assert sorted(re.findall(r"'([^']*)'", message.split("; got")[0])) == sorted(allowed)
    assert len(responses.calls) == 0


# -- signatures ---------------------------------------------------------------------------------


def test_create_shows_the_real_parameters(client):
    signature = inspect.signature(client.imagen_4.text_to_image.create)
    assert list(signature.parameters)[:2] == ["model", "prompt"]
    assert signature.parameters["output_count"].default is None
    remix = inspect.signature(client.imagen_4.remix_image.run).parameters
    assert list(remix)[:3] == ["model", "prompt", "source_image_urls"]


# -- the platform contract (tests/contract/platform-contract.json), newer than the docs ---------------

CONTRACT_BASE = {"text_to_image": {"prompt": PROMPT}, "remix_image": {"prompt": PROMPT, "source_image_urls": SOURCES}}


@pytest.mark.parametrize(("op", "model", "name", "value"), contract_values("imagen-4"))
@responses.activate
def test_every_platform_contract_value_is_accepted_and_sent_as_given(client, op, model, name, value):
    responses.post(client.base_url + path(op), status=202, json=accepted())
    kwargs = {**CONTRACT_BASE[op], "model": model, name: value}

    getattr(client.imagen_4, op).create(**kwargs)

    assert json.loads(responses.calls[0].request.body) == kwargs


@pytest.mark.parametrize(("op", "model"), contract_models("imagen-4"))
@responses.activate
def test_every_platform_contract_model_is_accepted(client, op, model):
    responses.post(client.base_url + path(op), status=202, json=accepted())
    getattr(client.imagen_4, op).create(**CONTRACT_BASE[op], model=model)
    assert json.loads(responses.calls[0].request.body)["model"] == model
