"""Flux Kontext (``client.flux_kontext``), checked against the docs' Flux Kontext section.

The examples under ``tests/fixtures/flux_kontext/`` are the section's payloads, copied as data: the
two create bodies (generation and source-image editing, the same in the curl, Ruby, Python and
JavaScript examples), the 202 answer, the processing, completed and failed status answers and the
completed and failed callbacks.

The generic contract checks (the endpoint, ``client.flux_kontext``, both bodies sent as is, every
answer structured with nothing dropped, run/failed/get on the status path) live in
``test_every_family.py``. This file keeps what is particular to Flux Kontext: its two modes, models
and per-mode rules, refusals, typed reads of its answers, signed callbacks, downloads and its
signature, with HTTP mocked by ``responses``.
"""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path
from typing import Any

import cattrs
import pytest

import runapi
from runapi import webhooks
from runapi._core.params import build_params
from runapi.flux_kontext import (
    ASPECT_RATIOS,
    MODE_RULES,
    MODELS,
    MODES,
    Image,
    ImageTask,
    TextToImageParams,
    mode_of,
)
from tests.families.contract import strict_converter

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "flux_kontext"
PATH = "/api/v1/flux_kontext/text_to_image"

REQUESTS = ["text_to_image_request_generation", "text_to_image_request_editing"]
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


def test_create_shows_the_real_parameters(client):
    signature = inspect.signature(client.flux_kontext.text_to_image.create)
    assert list(signature.parameters)[:2] == ["model", "prompt"]
    assert signature.parameters["source_image_url"].default is None
    assert "safety_tolerance" in inspect.signature(client.flux_kontext.text_to_image.run).parameters


# -- the documented requests -------------------------------------------------------------------


def test_the_documented_requests_are_one_of_each_mode():
    modes = [TextToImageParams(**load(name)).mode for name in REQUESTS]
    assert modes == ["generation", "editing"]


# -- the documented answers, as a user reads them ------------------------------------------------


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


# -- downloads ----------------------------------------------------------------------------------


def as_task(name: str) -> dict[str, Any]:
    """A documented answer with the id of the docs' status-path example (the printed ids are redacted
    with ``*``, which a real id would not contain)."""
    return {**load(name), "id": TASK_ID}


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
    with pytest.raises(runapi.ValidationError) as info:  # strict: an unknown value is refused, not sent
        build_params(TextToImageParams, (), {**GENERATE, field_name: bad}, "POST /flux_kontext", strict=True)
    listed = set(re.findall(r"'([^']*)'", info.value.allowed or ""))
    assert listed == set(allowed)
