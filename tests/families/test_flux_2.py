"""Flux 2 (``client.flux_2``), checked against the docs' Flux 2 section.

The examples under ``tests/fixtures/flux_2/`` are the section's payloads, copied as data: the two
create bodies (text_to_image and remix_image, the same in the curl, Ruby, Python and JavaScript
examples) and the one printed 202 answer (text_to_image). The section prints no status or callback
example, only the remix Response Fields table (``id``, ``status``, ``images[].url``, ``error``):
the status answers below are built from that table (marked so), and the failure message is the
platform's general one (docs: Errors > Task-Specific Errors). HTTP is mocked with ``responses``;
polling runs on the fake clock.

The generic contract checks (the endpoints, ``client.flux_2``, both bodies sent as is, the 202
answer structured with nothing dropped, failed and get on both status paths) live in
``test_every_family.py``. This file keeps what is particular to Flux 2: its models and per-model
rules, refusals, the answers built from the Response Fields table (modelled, read, signed as
callbacks, and what ``run`` polls until), downloads and its signatures.
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
from runapi import webhooks
from runapi._core.options import DURATIONS
from runapi.flux_2 import (
    ASPECT_RATIOS,
    MAX_SOURCE_IMAGES,
    MODELS,
    REMIX_ASPECT_RATIOS,
    REMIX_IMAGE_MODELS,
    REMIX_IMAGE_RULES,
    TEXT_TO_IMAGE_MODELS,
    TEXT_TO_IMAGE_RULES,
    Image,
    ImageTask,
)
from tests.conftest import FakeClock
from tests.families.contract import assert_mirrors, strict_converter
from tests.families.platform_values import contract_models, contract_values

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "flux_2"
ordered = responses.activate(registry=registries.OrderedRegistry)

OPS = ["text_to_image", "remix_image"]
TASK_ID = "281e5b0f39b9"  # docs: Get Text-to-Image Status / Get Remix Image Status, the example path's id
SOURCE = "https://cdn.runapi.ai/public/samples/image.jpg"
SECRET = "c2VjcmV0LWZvci10ZXN0cw=="

# Built from the docs' Response Fields table (no status example is printed for Flux 2).
IMAGE_URL = "https://file.runapi.ai/generated/image1.png"
PROCESSING = {"id": TASK_ID, "status": "processing"}
COMPLETED = {"id": TASK_ID, "status": "completed", "images": [{"url": IMAGE_URL}]}
FAILURE = "Generation failed due to content policy violation"  # docs: Errors > Task-Specific Errors
FAILED = {"id": TASK_ID, "status": "failed", "error": FAILURE}

TEXT = {"model": "flux-2-pro-text-to-image", "prompt": "An astronaut floating in space"}
REMIX = {"model": "flux-2-pro-remix-image", "prompt": "As an oil painting", "source_image_urls": [SOURCE]}
BASE = {"text_to_image": TEXT, "remix_image": REMIX}
MAX_TEXT, MAX_REMIX = "flux-2-max-text-to-image", "flux-2-max-remix-image"


def load(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def url(client: runapi.Client, op: str, task_id: str | None = None) -> str:
    path = f"{client.base_url}/api/v1/flux_2/{op}"
    return path if task_id is None else f"{path}/{task_id}"


def accepted() -> dict[str, Any]:
    """The documented 202 answer (printed for text_to_image; remix_image is read as the same)."""
    return load("text_to_image_accepted")


# -- the family's surface -------------------------------------------------------------------


def test_create_shows_the_real_parameters(client):
    text = inspect.signature(client.flux_2.text_to_image.create)
    remix = inspect.signature(client.flux_2.remix_image.run)
    assert list(text.parameters)[:2] == ["model", "prompt"]
    assert list(remix.parameters)[:3] == ["model", "prompt", "source_image_urls"]
    assert remix.parameters["aspect_ratio"].default is None
    assert "source_image_urls" not in text.parameters


# -- the Response Fields answers, structured with nothing dropped -------------------------------


@pytest.mark.parametrize(
    ("name", "payload"),
    [
        pytest.param("processing", PROCESSING, id="response-fields-processing"),
        pytest.param("completed", COMPLETED, id="response-fields-completed"),
        pytest.param("failed", FAILED, id="response-fields-failed"),
    ],
)
def test_every_response_field_is_modelled(name, payload):
    strict = strict_converter().structure(payload, ImageTask)  # raises on a documented key the model lacks
    task = ImageTask.from_dict(payload)

    assert strict == task
    assert_mirrors(task, payload, name)
    assert task.raw == payload


def test_the_strict_check_does_catch_an_unmodelled_field():
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**COMPLETED, "model": "flux-2-pro-text-to-image"}, ImageTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**COMPLETED, "images": [{"url": IMAGE_URL, "origin_url": IMAGE_URL}]}, ImageTask)


def test_completed_answer_reads_as_typed_images():
    task = ImageTask.from_dict(COMPLETED)

    assert task.is_completed
    assert task.error is None
    assert task.images == [Image(url=IMAGE_URL)]
    assert task.output_urls == [IMAGE_URL]


def test_undocumented_image_data_is_kept_on_raw():
    origin = "https://file.runapi.ai/origin/image1.png"
    payload = {**COMPLETED, "images": [{"url": IMAGE_URL, "origin_url": origin}]}
    task = ImageTask.from_dict(payload)
    assert task.raw["images"][0]["origin_url"] == origin
    assert task.output_urls == [IMAGE_URL]


def test_failed_answer_reads_as_the_error():
    task = ImageTask.from_dict(FAILED)
    assert task.is_failed
    assert task.error == FAILURE
    assert task.images == [] and task.output_urls == []


@pytest.mark.parametrize("payload", [COMPLETED, FAILED], ids=["completed", "failed"])
def test_a_signed_callback_unwraps_into_the_task_class(payload):
    raw = json.dumps(payload).encode()
    headers = webhooks.sign(raw, SECRET, timestamp=1_700_000_000)

    callback = webhooks.unwrap(raw, headers, SECRET, task_type=ImageTask, now=1_700_000_000)

    assert type(callback.task) is ImageTask
    assert callback.task == ImageTask.from_dict(payload)


# -- create -> wait -> the built completed answer ----------------------------------------------


@pytest.mark.parametrize("op", OPS)
@ordered
def test_run_polls_the_status_path_until_completed(client, fake_clock: FakeClock, op):
    body = load(f"{op}_request")
    responses.post(url(client, op), status=202, json={**accepted(), "id": TASK_ID})
    responses.get(url(client, op, TASK_ID), json=PROCESSING)
    responses.get(url(client, op, TASK_ID), json=COMPLETED)

    task = getattr(client.flux_2, op).run(**body)

    assert type(task) is ImageTask
    assert task == ImageTask.from_dict(COMPLETED)
    assert task.output_urls == [IMAGE_URL]
    calls = [(call.request.method, call.request.url) for call in responses.calls]
    assert calls == [("POST", url(client, op)), ("GET", url(client, op, TASK_ID)), ("GET", url(client, op, TASK_ID))]
    assert json.loads(responses.calls[0].request.body) == body
    # two waits before the two polls, shaped by the image window, on the fake clock
    assert len(fake_clock.sleeps) == 2
    assert fake_clock.sleeps[0] == DURATIONS["image"].low


def test_download_outputs_saves_the_image(client, http, tmp_path):
    http.get(IMAGE_URL, body=b"png bytes", content_type="image/png")

    saved = client.download_outputs(ImageTask.from_dict(COMPLETED), tmp_path)

    assert [d.path.name for d in saved] == [f"{TASK_ID}-0.png"]
    assert saved[0].path.read_bytes() == b"png bytes"


# -- what each model and endpoint accepts --------------------------------------------------------


def test_every_model_has_an_entry_in_its_endpoints_rules_table():
    assert set(TEXT_TO_IMAGE_RULES.table) == set(TEXT_TO_IMAGE_MODELS)
    assert set(REMIX_IMAGE_RULES.table) == set(REMIX_IMAGE_MODELS)
    assert set(MODELS) == set(TEXT_TO_IMAGE_MODELS) | set(REMIX_IMAGE_MODELS)
    assert set(MODELS) == {
        "flux-2-pro-text-to-image",
        "flux-2-flex-text-to-image",
        "flux-2-max-text-to-image",  # the newer platform contract
        "flux-2-pro-remix-image",
        "flux-2-flex-remix-image",
        "flux-2-max-remix-image",  # the newer platform contract
    }


ACCEPTED_CALLS = [
    *[pytest.param("text_to_image", {**TEXT, "model": m}, id=f"text-{m}") for m in TEXT_TO_IMAGE_MODELS],
    *[pytest.param("remix_image", {**REMIX, "model": m}, id=f"remix-{m}") for m in REMIX_IMAGE_MODELS],
    # Max (the platform contract): 1k, one image, one source; output_count unconstrained for Pro and Flex
    pytest.param("text_to_image", {**TEXT, "model": MAX_TEXT, "output_resolution": "1k", "output_count": 1}, id="max"),
    pytest.param(
        "remix_image", {**REMIX, "model": MAX_REMIX, "aspect_ratio": "3:2", "output_count": 1}, id="max-remix"
    ),
    pytest.param("text_to_image", {**TEXT, "output_count": 2}, id="pro-output_count-sent-as-given"),
    *[pytest.param("text_to_image", {**TEXT, "aspect_ratio": r}, id=f"text-ratio-{r}") for r in ASPECT_RATIOS],
    *[pytest.param("remix_image", {**REMIX, "aspect_ratio": r}, id=f"remix-ratio-{r}") for r in REMIX_ASPECT_RATIOS],
    *[pytest.param(op, {**BASE[op], "output_resolution": res}, id=f"{op}-{res}") for op in OPS for res in ("1k", "2k")],
    *[pytest.param(op, {**BASE[op], "prompt": "abc"}, id=f"{op}-prompt-3") for op in OPS],
    *[pytest.param(op, {**BASE[op], "prompt": "a" * 5000}, id=f"{op}-prompt-5000") for op in OPS],
    *[
        pytest.param(
            op,
            {**BASE[op], "enable_safety_checker": False, "callback_url": "https://your-app.com/callbacks/flux-2"},
            id=f"{op}-safety-and-callback",
        )
        for op in OPS
    ],
    pytest.param(
        "remix_image",
        {**REMIX, "source_image_urls": [f"https://example.com/{i}.png" for i in range(MAX_SOURCE_IMAGES)]},
        id="remix-8-sources",
    ),
    pytest.param(
        "remix_image",
        {**REMIX, "model": "flux-2-flex-remix-image", "enable_safety_checker": True, "output_resolution": "2k"},
        id="remix-flex-all",
    ),
]


@pytest.mark.parametrize(("op", "kwargs"), ACCEPTED_CALLS)
def test_valid_values_are_accepted_and_sent_unchanged(client, http, op, kwargs):
    http.post(url(client, op), status=202, json=accepted())

    getattr(client.flux_2, op).create(**kwargs)

    assert json.loads(http.calls[0].request.body) == kwargs  # nothing added (no guessed defaults)


NINE = [f"https://example.com/{i}.png" for i in range(9)]

REFUSED = [
    # Max (the platform contract): 1k only, output_count 1, no "auto", exactly one source image
    *[
        pytest.param(
            op,
            {**BASE[op], "model": model, "output_resolution": "2k"},
            "output_resolution",
            f"must be one of '1k'; got '2k' (for model '{model}')",
        )
        for op, model in (("text_to_image", MAX_TEXT), ("remix_image", MAX_REMIX))
    ],
    *[
        pytest.param(
            op,
            {**BASE[op], "model": model, "output_count": 2},
            "output_count",
            f"must be one of 1; got 2 (for model '{model}')",
        )
        for op, model in (("text_to_image", MAX_TEXT), ("remix_image", MAX_REMIX))
    ],
    pytest.param(
        "remix_image", {**REMIX, "model": MAX_REMIX, "aspect_ratio": "auto"}, "aspect_ratio", "for model 'flux-2-max"
    ),
    pytest.param(
        "remix_image",
        {**REMIX, "model": MAX_REMIX, "source_image_urls": [SOURCE, SOURCE]},
        "source_image_urls",
        "exactly 1 non-blank strings; got 2 items (for model 'flux-2-max-remix-image')",
    ),
    pytest.param("text_to_image", {**TEXT, "output_count": "1"}, "output_count", "an integer"),
    # each endpoint takes its own models only (which values a message lists is checked below, order aside)
    pytest.param("text_to_image", {**TEXT, "model": "flux-2-pro-remix-image"}, "model", "model must be one of"),
    pytest.param("remix_image", {**REMIX, "model": "flux-2-flex-text-to-image"}, "model", "model must be one of"),
    pytest.param("text_to_image", {**TEXT, "model": "flux-2-pro"}, "model", "model must be one of"),
    pytest.param("remix_image", {**REMIX, "model": "flux-kontext-pro"}, "model", "model must be one of"),
    # prompt: 3-5000 characters, both endpoints
    *[pytest.param(op, {**BASE[op], "prompt": "ab"}, "prompt", "3-5000 characters") for op in OPS],
    *[pytest.param(op, {**BASE[op], "prompt": "a" * 5001}, "prompt", "3-5000 characters; got 5001") for op in OPS],
    *[pytest.param(op, {**BASE[op], "prompt": "    "}, "prompt", "a non-blank string") for op in OPS],
    pytest.param("text_to_image", {"model": "flux-2-pro-text-to-image"}, "prompt", "missing required parameter"),
    # aspect_ratio: auto is a remix value only; neither takes others
    pytest.param("text_to_image", {**TEXT, "aspect_ratio": "auto"}, "aspect_ratio", "aspect_ratio must be one of"),
    *[
        pytest.param(op, {**BASE[op], "aspect_ratio": "21:9"}, "aspect_ratio", "aspect_ratio must be one of")
        for op in OPS
    ],
    # output_resolution, enable_safety_checker, callback_url
    *[pytest.param(op, {**BASE[op], "output_resolution": "4k"}, "output_resolution", "must be one of") for op in OPS],
    pytest.param("text_to_image", {**TEXT, "output_resolution": "2K"}, "output_resolution", "must be one of"),
    *[
        pytest.param(op, {**BASE[op], "enable_safety_checker": "false"}, "enable_safety_checker", "true or false")
        for op in OPS
    ],
    *[pytest.param(op, {**BASE[op], "callback_url": "ftp://x.com/cb"}, "callback_url", "http(s) URL") for op in OPS],
    # source_image_urls: 1-8, remix only
    pytest.param(
        "remix_image", {"model": "flux-2-pro-remix-image", "prompt": "abc"}, "source_image_urls", "missing required"
    ),
    pytest.param("remix_image", {**REMIX, "source_image_urls": []}, "source_image_urls", "1-8 non-blank strings"),
    pytest.param(
        "remix_image", {**REMIX, "source_image_urls": NINE}, "source_image_urls", "1-8 non-blank strings; got 9"
    ),
    pytest.param("remix_image", {**REMIX, "source_image_urls": SOURCE}, "source_image_urls", "a list of"),
    pytest.param("remix_image", {**REMIX, "source_image_urls": [SOURCE, " "]}, "source_image_urls", "non-blank"),
    pytest.param("text_to_image", {**TEXT, "source_image_urls": [SOURCE]}, "source_image_urls", "unknown parameter"),
    pytest.param("remix_image", {**REMIX, "source_image_url": SOURCE}, "source_image_url", "unknown parameter"),
]


@pytest.mark.parametrize(("op", "kwargs", "field_name", "fragment"), REFUSED)
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, http, op, kwargs, field_name, fragment):
    http.post(url(client, op), status=202, json=accepted())  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.flux_2, op).create(**kwargs)

    assert info.value.field == field_name
    assert fragment in str(info.value)
    assert len(http.calls) == 0


ENUMS = [
    pytest.param("text_to_image", "model", "flux-2-pro-remix-image", TEXT_TO_IMAGE_MODELS, id="text-model"),
    pytest.param("remix_image", "model", "flux-2-pro-text-to-image", REMIX_IMAGE_MODELS, id="remix-model"),
    pytest.param("text_to_image", "aspect_ratio", "auto", ASPECT_RATIOS, id="text-ratio"),
    pytest.param("remix_image", "aspect_ratio", "21:9", REMIX_ASPECT_RATIOS, id="remix-ratio"),
    pytest.param("text_to_image", "output_resolution", "4k", ("1k", "2k"), id="text-resolution"),
    pytest.param("remix_image", "output_resolution", "4k", ("1k", "2k"), id="remix-resolution"),
]


@pytest.mark.parametrize(("op", "field_name", "bad", "allowed"), ENUMS)
def test_an_enum_refusal_lists_every_allowed_value(client, op, field_name, bad, allowed):
    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.flux_2, op).create(**{**BASE[op], field_name: bad})
    listed = set(re.findall(r"'([^']*)'", info.value.allowed or ""))
    assert listed == set(allowed)


# -- the platform contract (tests/contract/platform-contract.json), newer than the docs ---------------


@pytest.mark.parametrize(("op", "model", "name", "value"), contract_values("flux-2"))
def test_every_platform_contract_value_is_accepted_and_sent_as_given(client, http, op, model, name, value):
    http.post(url(client, op), status=202, json=accepted())
    kwargs = {**BASE[op], "model": model, name: value}

    getattr(client.flux_2, op).create(**kwargs)

    assert json.loads(http.calls[0].request.body) == kwargs


@pytest.mark.parametrize(("op", "model"), contract_models("flux-2"))
def test_every_platform_contract_model_is_accepted(client, http, op, model):
    http.post(url(client, op), status=202, json=accepted())
    getattr(client.flux_2, op).create(**{**BASE[op], "model": model})
    assert json.loads(http.calls[0].request.body)["model"] == model
