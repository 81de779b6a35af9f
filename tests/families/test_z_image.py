"""Z-Image (``client.z_image``), checked against the docs' Z-Image section.

The examples under ``tests/fixtures/z_image/`` are the section's payloads, copied as data: the
create body (the curl example; the Ruby, Python and JavaScript examples send the same body), the
202 answer and the completed status answer. Both answers carry the docs' redacted id
(``281e5b0*********************f39b9``), which the status path carries percent-encoded as one
segment. No failed or callback example is printed: a failure is the platform's general shape
(docs: Errors > Task-Specific Errors).

The generic contract checks (the endpoint, ``client.z_image``, every example sent as is or
structured with nothing dropped, run/failed/get on the status path with the encoded id) live in
``test_every_family.py``. This file keeps what is particular to Z-Image: its model and rules,
refusals, typed reads of its answers and its signature, each call going through the public API with
HTTP mocked by ``responses``, so "refused before any request" is observed.
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
from runapi.z_image import ASPECT_RATIOS, MODELS, Image, ImageTask
from tests.families.contract import strict_converter

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "z_image"
PATH = "/api/v1/z_image/text_to_image"
ANSWERS = ["text_to_image_accepted", "text_to_image_completed"]
IMAGE_URL = "https://file.runapi.ai/generated/image1.png"


def load(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


# -- the family's surface -------------------------------------------------------------------


def test_the_fixtures_are_exactly_the_documented_examples():
    assert {p.stem for p in EXAMPLES.glob("*.json")} == {"text_to_image_request", *ANSWERS}


def test_the_one_model_is_z_image():
    assert MODELS == ("z-image",)
    assert ASPECT_RATIOS == ("1:1", "4:3", "3:4", "16:9", "9:16")  # "five aspect ratios"


# -- the documented answers, as a user reads them ------------------------------------------------


def test_the_strict_check_does_catch_an_unmodelled_field():
    payload = load("text_to_image_completed")
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "aspect_ratio": "1:1"}, ImageTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "images": [{"url": "u", "nsfw": False}]}, ImageTask)


def test_completed_answer_reads_as_typed_images():
    task = ImageTask.from_dict(load("text_to_image_completed"))

    assert task.is_completed
    assert task.error is None
    assert task.images == [Image(url=IMAGE_URL)]
    assert task.output_urls == [IMAGE_URL]


# -- what the endpoint accepts -----------------------------------------------------------------

BASE = {"model": "z-image", "prompt": "A cafe terrace in Paris", "aspect_ratio": "1:1"}

ACCEPTED_CALLS = [
    *[pytest.param({**BASE, "aspect_ratio": ratio}, id=f"aspect-{ratio}") for ratio in ASPECT_RATIOS],
    pytest.param({**BASE, "prompt": "a" * 1000}, id="prompt-1000-chars"),
    pytest.param({**BASE, "enable_safety_checker": False}, id="safety-off"),
    pytest.param({**BASE, "callback_url": "https://example.com/callbacks/runapi"}, id="callback"),
]


@pytest.mark.parametrize("kwargs", ACCEPTED_CALLS)
@responses.activate
def test_valid_values_are_accepted_and_sent_unchanged(client, kwargs):
    responses.post(client.base_url + PATH, status=202, json=load("text_to_image_accepted"))

    client.z_image.text_to_image.create(**kwargs)

    assert json.loads(responses.calls[0].request.body) == kwargs  # nothing added (no guessed defaults)


REFUSED = [
    pytest.param(
        {k: v for k, v in BASE.items() if k != "model"}, "model", "missing required parameter 'model'", id="no-model"
    ),
    pytest.param(
        {k: v for k, v in BASE.items() if k != "aspect_ratio"},
        "aspect_ratio",
        "missing required parameter 'aspect_ratio'",
        id="no-aspect",
    ),
    pytest.param({**BASE, "prompt": "a" * 1001}, "prompt", "1-1000 characters; got 1001", id="prompt-1001"),
    pytest.param({**BASE, "prompt": "\n"}, "prompt", "a non-blank string", id="prompt-blank"),
    pytest.param(
        {**BASE, "enable_safety_checker": "yes"}, "enable_safety_checker", "true or false", id="safety-string"
    ),
    pytest.param({**BASE, "callback_url": "ftp://example.com/cb"}, "callback_url", "http(s) URL", id="callback-ftp"),
    pytest.param({**BASE, "output_count": 2}, "output_count", "unknown parameter", id="no-count"),
]


@pytest.mark.parametrize(("kwargs", "field_name", "fragment"), REFUSED)
@responses.activate
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, kwargs, field_name, fragment):
    responses.post(client.base_url + PATH, status=202, json=load("text_to_image_accepted"))  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        client.z_image.text_to_image.create(**kwargs)

    assert info.value.field == field_name
    assert fragment in str(info.value)
    assert len(responses.calls) == 0


ENUM_REFUSALS = [
    pytest.param({**BASE, "model": "z-image-turbo"}, "model", MODELS, id="z-image-turbo"),
    pytest.param({**BASE, "aspect_ratio": "21:9"}, "aspect_ratio", ASPECT_RATIOS, id="21:9"),
    pytest.param({**BASE, "aspect_ratio": "auto"}, "aspect_ratio", ASPECT_RATIOS, id="auto"),
]


@pytest.mark.parametrize(("kwargs", "field_name", "allowed"), ENUM_REFUSALS)
@responses.activate
def test_an_enum_refusal_names_the_field_and_every_allowed_value(client, kwargs, field_name, allowed):
    responses.post(client.base_url + PATH, status=202, json=load("text_to_image_accepted"))  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        client.z_image.text_to_image.create(**kwargs)

    message = str(info.value)
    assert info.value.field == field_name
    assert message.startswith(f"{field_name} must be one of ")
    assert message.endswith(f"; got {kwargs[field_name]!r}")
    # every allowed value, and nothing else (their order is not part of the contract)
    assert sorted(re.findall(r"'([^']*)'", message.split("; got")[0])) == sorted(allowed)
    assert len(responses.calls) == 0


# -- signatures ---------------------------------------------------------------------------------


def test_create_shows_the_real_parameters(client):
    signature = inspect.signature(client.z_image.text_to_image.create)
    assert list(signature.parameters) == ["model", "prompt", "aspect_ratio", "enable_safety_checker", "callback_url"]
    assert signature.parameters["aspect_ratio"].default is inspect.Parameter.empty
