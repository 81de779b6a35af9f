"""Flux Kontext (``client.flux_kontext``), checked against the docs' Flux Kontext section.

The examples under ``tests/fixtures/flux_kontext/`` are the section's payloads, copied as data: the
two create bodies (generation and source-image editing, the same in the curl, Ruby, Python and
JavaScript examples), the 202 answer, the processing, completed and failed status answers and the
completed and failed callbacks. HTTP is mocked with ``responses``; polling runs on the fake clock.
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
from runapi._core.operations import TaskOperation
from runapi._core.options import DURATIONS
from runapi.flux_kontext import (
    ASPECT_RATIOS,
    MODE_RULES,
    MODELS,
    MODES,
    FluxKontext,
    Image,
    ImageTask,
    TextToImageParams,
    mode_of,
)
from tests.conftest import API_KEY, FakeClock
from tests.families.contract import assert_mirrors, strict_converter

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "flux_kontext"
PATH = "/api/v1/flux_kontext/text_to_image"
ordered = responses.activate(registry=registries.OrderedRegistry)

REQUESTS = ["text_to_image_request_generation", "text_to_image_request_editing"]
ANSWERS = [
    "text_to_image_accepted",
    "text_to_image_processing",
    "text_to_image_completed",
    "text_to_image_failed",
    "text_to_image_callback_completed",
    "text_to_image_callback_failed",
]
IMAGE_URL = "https://file.runapi.ai/generated/image1.png"
ORIGIN_URL = "https://file.runapi.ai/origin/image1.png"
FAILURE = "Generation failed due to content policy violation"
SOURCE = "https://cdn.runapi.ai/public/samples/image.jpg"
SECRET = "c2VjcmV0LWZvci10ZXN0cw=="
TASK_ID = "281e5b0f39b9"  # docs: Get Text-to-Image Status, the example path's id

GENERATE = {"model": "flux-kontext-pro", "prompt": "A futuristic cityscape at sunset"}
EDIT = {"model": "flux-kontext-pro", "prompt": "Change the background to a tropical beach", "source_image_url": SOURCE}


def load(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def url(client: runapi.Client, task_id: str | None = None) -> str:
    return f"{client.base_url}{PATH}" if task_id is None else f"{client.base_url}{PATH}/{task_id}"


# -- the family's surface -------------------------------------------------------------------


def test_the_family_has_exactly_the_documented_method_path_pairs():
    operations = {name: value for name, value in vars(FluxKontext).items() if isinstance(value, TaskOperation)}

    assert set(operations) == {"text_to_image"}
    operation = operations["text_to_image"]
    # docs: Flux Kontext > Flux Kontext Endpoints (one POST, one GET)
    assert {("POST", operation.path), ("GET", operation.path + "/{id}")} == {
        ("POST", "/api/v1/flux_kontext/text_to_image"),
        ("GET", "/api/v1/flux_kontext/text_to_image/{id}"),
    }
    assert operation.task is ImageTask
    assert operation.duration is DURATIONS["image"]


def test_client_flux_kontext_is_the_family(client):
    family = client.flux_kontext
    assert isinstance(family, FluxKontext)
    assert family is client.flux_kontext
    assert family.text_to_image.path == PATH
    assert runapi.flux_kontext.FluxKontext is FluxKontext
    assert "flux_kontext" in dir(runapi)


def test_create_shows_the_real_parameters(client):
    signature = inspect.signature(client.flux_kontext.text_to_image.create)
    assert list(signature.parameters)[:2] == ["model", "prompt"]
    assert signature.parameters["source_image_url"].default is None
    assert "safety_tolerance" in inspect.signature(client.flux_kontext.text_to_image.run).parameters


# -- contract: the documented requests are accepted and sent as is ------------------------------


@pytest.mark.parametrize("name", REQUESTS)
def test_documented_request_is_accepted_and_sent_as_is(client, http, name):
    body = load(name)
    http.post(url(client), status=202, json=load("text_to_image_accepted"))

    task = client.flux_kontext.text_to_image.create(**body)

    assert type(task) is ImageTask
    assert task.id == "281e5b0*********************f39b9"
    assert task.status == "processing"
    assert len(http.calls) == 1
    request = http.calls[0].request
    assert (request.method, request.url) == ("POST", url(client))
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"
    assert json.loads(request.body) == body


def test_the_documented_requests_are_one_of_each_mode():
    modes = [TextToImageParams(**load(name)).mode for name in REQUESTS]
    assert modes == ["generation", "editing"]


# -- contract: the documented answers structure with nothing dropped ----------------------------


@pytest.mark.parametrize("name", ANSWERS)
def test_every_documented_field_is_modelled(name):
    payload = load(name)

    strict = strict_converter().structure(payload, ImageTask)  # raises on a documented key the model lacks
    task = ImageTask.from_dict(payload)

    assert strict == task
    assert_mirrors(task, payload, name)
    assert task.raw == payload


def test_the_strict_check_does_catch_an_unmodelled_field():
    payload = load("text_to_image_completed")
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "model": "flux-kontext-pro"}, ImageTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "images": [{"url": IMAGE_URL, "width": 1024}]}, ImageTask)


@pytest.mark.parametrize("name", ["text_to_image_completed", "text_to_image_callback_completed"])
def test_completed_answer_reads_as_typed_images(name):
    task = ImageTask.from_dict(load(name))

    assert task.is_completed
    assert task.error is None
    assert task.images == [Image(url=IMAGE_URL, origin_url=ORIGIN_URL)]
    # the CDN url is the output; origin_url (valid 10 minutes) stays readable on the image
    assert task.output_urls == [IMAGE_URL]


@pytest.mark.parametrize("name", ["text_to_image_failed", "text_to_image_callback_failed"])
def test_failed_answer_reads_as_the_error(name):
    task = ImageTask.from_dict(load(name))

    assert task.is_failed
    assert task.error == FAILURE
    assert task.images == [] and task.output_urls == []


def test_an_image_without_url_is_not_an_output():
    task = ImageTask.from_dict(
        {"id": "t", "status": "completed", "images": [{"origin_url": ORIGIN_URL}, {"url": IMAGE_URL}]}
    )
    assert task.output_urls == [IMAGE_URL]


@pytest.mark.parametrize("name", ["text_to_image_callback_completed", "text_to_image_callback_failed"])
def test_a_signed_callback_unwraps_into_the_task_class(name):
    raw = (FIXTURES / f"{name}.json").read_bytes()
    headers = webhooks.sign(raw, SECRET, timestamp=1_700_000_000)

    callback = webhooks.unwrap(raw, headers, SECRET, task_type=ImageTask, now=1_700_000_000)

    assert type(callback.task) is ImageTask
    assert callback.task == ImageTask.from_dict(load(name))
    assert callback.payload == load(name)


# -- create -> wait -> completed / failed --------------------------------------------------------


def as_task(name: str) -> dict[str, Any]:
    """A documented answer with the id of the docs' status-path example (the printed ids are redacted
    with ``*``, which a real id would not contain)."""
    return {**load(name), "id": TASK_ID}


@pytest.mark.parametrize("name", REQUESTS)
@ordered
def test_run_polls_the_status_path_until_completed(client, fake_clock: FakeClock, name):
    body = load(name)
    completed = as_task("text_to_image_completed")
    responses.post(url(client), status=202, json=as_task("text_to_image_accepted"))
    responses.get(url(client, TASK_ID), json=as_task("text_to_image_processing"))
    responses.get(url(client, TASK_ID), json=completed)

    task = client.flux_kontext.text_to_image.run(**body)

    assert type(task) is ImageTask
    assert task == ImageTask.from_dict(completed)
    assert task.output_urls == [IMAGE_URL]
    calls = [(call.request.method, call.request.url) for call in responses.calls]
    assert calls == [("POST", url(client)), ("GET", url(client, TASK_ID)), ("GET", url(client, TASK_ID))]
    assert json.loads(responses.calls[0].request.body) == body
    # two waits before the two polls, shaped by the image window, on the fake clock
    assert len(fake_clock.sleeps) == 2
    assert fake_clock.sleeps[0] == DURATIONS["image"].low


@ordered
def test_a_failed_task_raises_task_failed_error(client, fake_clock: FakeClock):
    failed = as_task("text_to_image_failed")
    responses.post(url(client), status=202, json=as_task("text_to_image_accepted"))
    responses.get(url(client, TASK_ID), json=failed)

    with pytest.raises(runapi.TaskFailedError) as info:
        client.flux_kontext.text_to_image.run(**load("text_to_image_request_editing"))

    assert info.value.task_id == TASK_ID
    assert info.value.error == FAILURE
    assert type(info.value.task) is ImageTask
    assert info.value.task.raw == failed
    assert len(responses.calls) == 2


def test_get_reads_one_task(client, http):
    completed = as_task("text_to_image_completed")
    http.get(url(client, TASK_ID), json=completed)

    task = client.flux_kontext.text_to_image.get(TASK_ID)

    assert task == ImageTask.from_dict(completed)
    assert task.output_urls == [IMAGE_URL]
    assert [(c.request.method, c.request.url) for c in http.calls] == [("GET", url(client, TASK_ID))]


def test_download_outputs_saves_the_image(client, http, tmp_path):
    task = ImageTask.from_dict(as_task("text_to_image_completed"))
    http.get(IMAGE_URL, body=b"png bytes", content_type="image/png")

    saved = client.download_outputs(task, tmp_path)

    assert [d.path.name for d in saved] == [f"{TASK_ID}-0.png"]
    assert saved[0].path.read_bytes() == b"png bytes"


# -- the two modes, as data ---------------------------------------------------------------------


def test_both_modes_have_an_entry_in_the_rules_table():
    assert MODE_RULES.field == "source_image_url" and MODE_RULES.presence
    assert set(MODE_RULES.table) == {True, False}  # editing (given) and generation (absent)
    assert set(MODES) == {"generation", "editing"}


def test_the_mode_is_the_presence_of_a_source_image():
    assert mode_of(None) == "generation"
    assert mode_of(SOURCE) == "editing"
    assert TextToImageParams(**GENERATE).mode == "generation"
    assert TextToImageParams(**EDIT).mode == "editing"


def test_the_models_are_the_documented_ones():
    assert MODELS == ("flux-kontext-pro", "flux-kontext-max")


ACCEPTED_CALLS = [
    *[pytest.param({**GENERATE, "model": model}, id=f"generate-{model}") for model in MODELS],
    *[pytest.param({**EDIT, "model": model}, id=f"edit-{model}") for model in MODELS],
    *[pytest.param({**GENERATE, "aspect_ratio": ratio}, id=f"ratio-{ratio}") for ratio in ASPECT_RATIOS],
    pytest.param({**GENERATE, "output_format": "jpeg"}, id="jpeg"),
    pytest.param({**GENERATE, "output_format": "png"}, id="png"),
    pytest.param({**GENERATE, "safety_tolerance": 0}, id="generate-tolerance-0"),
    pytest.param({**GENERATE, "safety_tolerance": 6}, id="generate-tolerance-6"),
    pytest.param({**EDIT, "safety_tolerance": 0}, id="edit-tolerance-0"),
    pytest.param({**EDIT, "safety_tolerance": 2}, id="edit-tolerance-2"),
    pytest.param(
        {**EDIT, "aspect_ratio": "9:16", "output_format": "png", "enable_translation": True},
        id="edit-with-ratio-and-format",
    ),
    pytest.param(
        {
            **GENERATE,
            "enable_translation": False,
            "enable_prompt_expansion": True,
            "watermark": "runapi-demo",
            "callback_url": "https://your-app.com/callbacks/flux-kontext",
        },
        id="all-optional",
    ),
]


@pytest.mark.parametrize("kwargs", ACCEPTED_CALLS)
def test_valid_values_are_accepted_and_sent_unchanged(client, http, kwargs):
    http.post(url(client), status=202, json=load("text_to_image_accepted"))

    client.flux_kontext.text_to_image.create(**kwargs)

    assert json.loads(http.calls[0].request.body) == kwargs  # nothing added (no guessed defaults)


REFUSED = [
    # safety_tolerance: each mode's range (docs: "0-6 for generation, 0-2 for editing")
    pytest.param({**GENERATE, "safety_tolerance": 7}, "safety_tolerance", "an integer from 0 to 6; got 7"),
    pytest.param({**GENERATE, "safety_tolerance": -1}, "safety_tolerance", "an integer from 0 to 6"),
    pytest.param(
        {**EDIT, "safety_tolerance": 3},
        "safety_tolerance",
        "an integer from 0 to 2; got 3 (when source_image_url is given)",
    ),
    pytest.param({**EDIT, "safety_tolerance": 6}, "safety_tolerance", "an integer from 0 to 2"),
    pytest.param({**EDIT, "safety_tolerance": -1}, "safety_tolerance", "an integer from 0 to 6"),
    pytest.param({**GENERATE, "safety_tolerance": 1.5}, "safety_tolerance", "an integer"),
    pytest.param({**GENERATE, "safety_tolerance": True}, "safety_tolerance", "an integer"),
    # enums (which values a message lists is checked below, order aside)
    pytest.param({**GENERATE, "model": "flux-kontext-dev"}, "model", "model must be one of"),
    pytest.param({**GENERATE, "model": "flux-2-pro-text-to-image"}, "model", "model must be one of"),
    pytest.param({**GENERATE, "aspect_ratio": "2:3"}, "aspect_ratio", "aspect_ratio must be one of"),
    pytest.param({**GENERATE, "aspect_ratio": "auto"}, "aspect_ratio", "aspect_ratio must be one of"),
    pytest.param({**GENERATE, "output_format": "jpg"}, "output_format", "output_format must be one of"),
    pytest.param({**GENERATE, "output_format": "webp"}, "output_format", "output_format must be one of"),
    # required, types, URLs
    pytest.param({"model": "flux-kontext-pro"}, "prompt", "missing required parameter 'prompt'"),
    pytest.param({"prompt": "A cat"}, "model", "missing required parameter 'model'"),
    pytest.param({**GENERATE, "prompt": "   "}, "prompt", "a non-blank string"),
    pytest.param({**GENERATE, "source_image_url": "image.jpg"}, "source_image_url", "http(s) URL"),
    pytest.param({**GENERATE, "source_image_url": "file:///tmp/a.jpg"}, "source_image_url", "http(s) URL"),
    pytest.param({**GENERATE, "enable_translation": "yes"}, "enable_translation", "true or false"),
    pytest.param({**GENERATE, "enable_prompt_expansion": 1}, "enable_prompt_expansion", "true or false"),
    pytest.param({**GENERATE, "watermark": ""}, "watermark", "a non-blank string"),
    pytest.param({**GENERATE, "callback_url": "your-app.com/cb"}, "callback_url", "http(s) URL"),
    # no mode parameter: the mode is the presence of source_image_url
    pytest.param({**GENERATE, "mode": "editing"}, "mode", "unknown parameter 'mode'"),
    pytest.param({**GENERATE, "source_image_urls": [SOURCE]}, "source_image_urls", "unknown parameter"),
]


@pytest.mark.parametrize(("kwargs", "field_name", "fragment"), REFUSED)
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, http, kwargs, field_name, fragment):
    http.post(url(client), status=202, json=load("text_to_image_accepted"))  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        client.flux_kontext.text_to_image.create(**kwargs)

    assert info.value.field == field_name
    assert fragment in str(info.value)
    assert len(http.calls) == 0


def test_an_editing_refusal_says_which_mode_set_the_range():
    with pytest.raises(runapi.ValidationError) as info:
        TextToImageParams(**EDIT, safety_tolerance=4)
    assert info.value.allowed == "an integer from 0 to 2 when source_image_url is given"


@pytest.mark.parametrize(
    ("field_name", "bad", "allowed"),
    [
        ("model", "flux-kontext-dev", MODELS),
        ("aspect_ratio", "2:3", ASPECT_RATIOS),
        ("output_format", "jpg", ("jpeg", "png")),
    ],
)
def test_an_enum_refusal_lists_every_allowed_value(field_name, bad, allowed):
    with pytest.raises(runapi.ValidationError) as info:
        TextToImageParams(**{**GENERATE, field_name: bad})
    listed = set(re.findall(r"'([^']*)'", info.value.allowed or ""))
    assert listed == set(allowed)
