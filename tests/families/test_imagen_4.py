"""Imagen 4 (``client.imagen_4``), checked against the docs' Imagen 4 section.

The examples under ``tests/fixtures/imagen_4/`` are the section's payloads, copied as data: the two
create bodies (text_to_image, remix_image), text_to_image's 202 answer and its completed status.
The docs print no answer at all for ``remix_image`` and no status path: the SDK reads it as a task
like ``text_to_image`` (see ``runapi.imagen_4``), so its lifecycle is checked with the
text_to_image answers on ``GET /api/v1/imagen_4/remix_image/{id}``. No failed example is printed:
a failure is the platform's general shape (docs: Errors > Task-Specific Errors).

Every call goes through the public API with HTTP mocked by ``responses`` and the suite's fake
clock, so "sent as is", "refused before any request" and "polled, never slept" are observed.
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
from responses import registries

import runapi
from runapi._core.operations import DirectOperation, TaskOperation
from runapi._core.options import DURATIONS
from runapi.imagen_4 import (
    MODELS,
    REMIX_ASPECT_RATIOS,
    REMIX_IMAGE_MODELS,
    TEXT_TO_IMAGE_ASPECT_RATIOS,
    TEXT_TO_IMAGE_MODELS,
    TEXT_TO_IMAGE_RULES,
    Image,
    Imagen4,
    ImageTask,
)
from tests.conftest import API_KEY, FakeClock
from tests.families.contract import assert_mirrors, strict_converter

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "imagen_4"
ordered = responses.activate(registry=registries.OrderedRegistry)
OPS = ["text_to_image", "remix_image"]
ANSWERS = ["text_to_image_accepted", "text_to_image_completed"]
IMAGE_URL = "https://file.runapi.ai/generated/image.png"

# docs: Errors > Task-Specific Errors (the general failed answer; Imagen 4 prints none of its own)
FAILURE = "Generation failed due to content policy violation"


def load(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def path(op: str) -> str:
    return f"/api/v1/imagen_4/{op}"


def accepted() -> dict[str, Any]:
    return load("text_to_image_accepted")


# -- the family's surface -------------------------------------------------------------------


def test_the_family_has_exactly_the_documented_method_path_pairs_plus_the_assumed_remix_status():
    pairs = set()
    for name, value in vars(Imagen4).items():
        assert not isinstance(value, DirectOperation)  # remix_image is a task, not a direct answer
        if isinstance(value, TaskOperation):
            assert value.task is ImageTask
            assert value.duration == DURATIONS["image"]
            assert value.path == path(name)
            pairs |= {("POST", value.path), ("GET", value.path + "/{id}")}
    documented = {
        ("POST", "/api/v1/imagen_4/text_to_image"),
        ("GET", "/api/v1/imagen_4/text_to_image/{id}"),
        ("POST", "/api/v1/imagen_4/remix_image"),
    }
    assert pairs == documented | {("GET", "/api/v1/imagen_4/remix_image/{id}")}  # the one assumed pair


def test_every_fixture_is_used_by_these_tests():
    assert {p.stem for p in EXAMPLES.glob("*.json")} == {f"{op}_request" for op in OPS} | set(ANSWERS)


def test_every_model_in_the_rules_table_is_a_model_and_the_other_way_round():
    assert set(TEXT_TO_IMAGE_RULES.table) == set(TEXT_TO_IMAGE_MODELS)
    assert MODELS == ("imagen-4", "imagen-4-fast", "imagen-4-ultra", "imagen-4-pro-remix-image")
    assert set(MODELS) == set(TEXT_TO_IMAGE_MODELS) | set(REMIX_IMAGE_MODELS)


# -- contract: the documented requests are accepted and sent as is ------------------------------


@pytest.mark.parametrize("op", OPS)
@responses.activate
def test_documented_request_is_accepted_and_sent_as_is(client, op):
    body = load(f"{op}_request")
    responses.post(client.base_url + path(op), status=202, json=accepted())

    task = getattr(client.imagen_4, op).create(**body)

    assert type(task) is ImageTask
    assert task.id == "a1b2c3d4-e5f6-7890-abcd-ef1234567890"
    assert task.status == "processing"
    assert len(responses.calls) == 1
    request = responses.calls[0].request
    assert (request.method, request.url) == ("POST", client.base_url + path(op))
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"
    assert json.loads(request.body) == body


# -- contract: the documented answers structure with nothing dropped ----------------------------


@pytest.mark.parametrize("name", ANSWERS)
def test_every_documented_field_is_modelled(name):
    payload = load(name)

    strict = strict_converter().structure(payload, ImageTask)  # raises on a documented key the model lacks
    task = ImageTask.from_dict(payload)

    assert strict == task
    assert task.raw == payload
    assert_mirrors(task, payload, name)
    assert task.status == payload["status"]


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


# -- create -> wait -> completed / failed --------------------------------------------------------


@pytest.mark.parametrize("op", OPS)
@ordered
def test_run_polls_the_status_path_until_completed(client, fake_clock: FakeClock, op):
    body = load(f"{op}_request")
    completed = load("text_to_image_completed")
    status_url = f"{client.base_url}{path(op)}/{completed['id']}"
    responses.post(client.base_url + path(op), status=202, json=accepted())
    responses.get(status_url, json=accepted())  # still processing
    responses.get(status_url, json=completed)

    task = getattr(client.imagen_4, op).run(**body)

    assert type(task) is ImageTask
    assert task.raw == completed
    assert task.output_urls == [IMAGE_URL]
    calls = [(call.request.method, call.request.url) for call in responses.calls]
    assert calls == [("POST", client.base_url + path(op)), ("GET", status_url), ("GET", status_url)]
    assert json.loads(responses.calls[0].request.body) == body
    assert len(fake_clock.sleeps) == 2  # on the fake clock: nothing slept for real
    assert fake_clock.sleeps[0] == getattr(Imagen4, op).duration.low == 10


@pytest.mark.parametrize("op", OPS)
@ordered
def test_a_failed_task_raises_task_failed_error(client, fake_clock, op):
    task_id = accepted()["id"]
    failed = {"id": task_id, "status": "failed", "error": FAILURE}
    responses.post(client.base_url + path(op), status=202, json=accepted())
    responses.get(f"{client.base_url}{path(op)}/{task_id}", json=failed)

    with pytest.raises(runapi.TaskFailedError) as info:
        getattr(client.imagen_4, op).run(**load(f"{op}_request"))

    assert info.value.task_id == task_id
    assert info.value.error == FAILURE
    assert type(info.value.task) is ImageTask
    assert info.value.task.raw == failed
    assert info.value.task.output_urls == []
    assert len(responses.calls) == 2


@pytest.mark.parametrize("op", OPS)
@responses.activate
def test_get_reads_one_task(client, op):
    completed = load("text_to_image_completed")
    url = f"{client.base_url}{path(op)}/{completed['id']}"
    responses.get(url, json=completed)

    task = getattr(client.imagen_4, op).get(completed["id"])

    assert task == ImageTask.from_dict(completed)
    assert [(c.request.method, c.request.url) for c in responses.calls] == [("GET", url)]


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
        pytest.param("text_to_image", {**TEXT, "aspect_ratio": ratio}, id=f"text-aspect-{ratio}")
        for ratio in TEXT_TO_IMAGE_ASPECT_RATIOS
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
    pytest.param(
        "text_to_image", {**FAST, "aspect_ratio": "auto"}, "aspect_ratio", TEXT_TO_IMAGE_ASPECT_RATIOS, id="auto"
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


# -- reachable as client.imagen_4 ---------------------------------------------------------------


def test_client_imagen_4_is_the_family_with_its_two_operations(client):
    family = client.imagen_4
    assert isinstance(family, Imagen4)
    assert family is client.imagen_4
    for op in OPS:
        resource = getattr(family, op)
        assert resource.path == path(op)
        assert {"create", "get", "wait", "run"} <= set(dir(resource))
    assert runapi.imagen_4.Imagen4 is Imagen4
    assert "imagen_4" in dir(runapi)


def test_create_shows_the_real_parameters(client):
    signature = inspect.signature(client.imagen_4.text_to_image.create)
    assert list(signature.parameters)[:2] == ["model", "prompt"]
    assert signature.parameters["output_count"].default is None
    remix = inspect.signature(client.imagen_4.remix_image.run).parameters
    assert list(remix)[:3] == ["model", "prompt", "source_image_urls"]
