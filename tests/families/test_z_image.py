"""Z-Image (``client.z_image``), checked against the docs' Z-Image section.

The examples under ``tests/fixtures/z_image/`` are the section's payloads, copied as data: the
create body (the curl example; the Ruby, Python and JavaScript examples send the same body), the
202 answer and the completed status answer. Both answers carry the docs' redacted id
(``281e5b0*********************f39b9``), which the status path carries percent-encoded as one
segment. No failed or callback example is printed: a failure is the platform's general shape
(docs: Errors > Task-Specific Errors).

Every call goes through the public API with HTTP mocked by ``responses`` and the suite's fake
clock, so "sent as is", "refused before any request" and "polled, never slept" are observed.
"""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import cattrs
import pytest
import responses
from responses import registries

import runapi
from runapi._core.operations import TaskOperation
from runapi._core.options import DURATIONS
from runapi.z_image import ASPECT_RATIOS, MODELS, Image, ImageTask, ZImage
from tests.conftest import API_KEY, FakeClock
from tests.families.contract import assert_mirrors, strict_converter

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "z_image"
ordered = responses.activate(registry=registries.OrderedRegistry)
PATH = "/api/v1/z_image/text_to_image"
ANSWERS = ["text_to_image_accepted", "text_to_image_completed"]
IMAGE_URL = "https://file.runapi.ai/generated/image1.png"
TASK_ID = "281e5b0*********************f39b9"

# docs: Errors > Task-Specific Errors (the general failed answer; Z-Image prints none of its own)
FAILURE = "Generation failed due to content policy violation"


def load(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def status_url(client: runapi.Client, task_id: str) -> str:
    return f"{client.base_url}{PATH}/{quote(task_id, safe='')}"


# -- the family's surface -------------------------------------------------------------------


def test_the_family_has_exactly_the_documented_method_path_pairs():
    pairs = set()
    for name, value in vars(ZImage).items():
        if isinstance(value, TaskOperation):
            assert name == "text_to_image"
            assert value.task is ImageTask
            assert value.duration == DURATIONS["image"]
            pairs |= {("POST", value.path), ("GET", value.path + "/{id}")}
    assert pairs == {("POST", PATH), ("GET", PATH + "/{id}")}


def test_every_fixture_is_used_by_these_tests():
    assert {p.stem for p in EXAMPLES.glob("*.json")} == {"text_to_image_request", *ANSWERS}


def test_the_one_model_is_z_image():
    assert MODELS == ("z-image",)
    assert ASPECT_RATIOS == ("1:1", "4:3", "3:4", "16:9", "9:16")  # "five aspect ratios"


# -- contract: the documented request is accepted and sent as is --------------------------------


@responses.activate
def test_documented_request_is_accepted_and_sent_as_is(client):
    body = load("text_to_image_request")
    responses.post(client.base_url + PATH, status=202, json=load("text_to_image_accepted"))

    task = client.z_image.text_to_image.create(**body)

    assert type(task) is ImageTask
    assert task.id == TASK_ID
    assert task.status == "processing"
    assert len(responses.calls) == 1
    request = responses.calls[0].request
    assert (request.method, request.url) == ("POST", client.base_url + PATH)
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


# -- create -> wait -> completed / failed --------------------------------------------------------


@ordered
def test_run_polls_the_status_path_until_completed(client, fake_clock: FakeClock):
    body = load("text_to_image_request")
    completed = load("text_to_image_completed")
    url = status_url(client, TASK_ID)
    responses.post(client.base_url + PATH, status=202, json=load("text_to_image_accepted"))
    responses.get(url, json=load("text_to_image_accepted"))  # still processing
    responses.get(url, json=completed)

    task = client.z_image.text_to_image.run(**body)

    assert type(task) is ImageTask
    assert task.raw == completed
    assert task.output_urls == [IMAGE_URL]
    calls = [(call.request.method, call.request.url) for call in responses.calls]
    assert calls == [("POST", client.base_url + PATH), ("GET", url), ("GET", url)]
    assert url.endswith("/281e5b0%2A%2A%2A%2A%2A%2A%2A%2A%2A%2A%2A%2A%2A%2A%2A%2A%2A%2A%2A%2A%2Af39b9")
    assert json.loads(responses.calls[0].request.body) == body
    assert len(fake_clock.sleeps) == 2  # on the fake clock: nothing slept for real
    assert fake_clock.sleeps[0] == ZImage.text_to_image.duration.low == 10


@ordered
def test_a_failed_task_raises_task_failed_error(client, fake_clock):
    failed = {"id": TASK_ID, "status": "failed", "error": FAILURE}
    responses.post(client.base_url + PATH, status=202, json=load("text_to_image_accepted"))
    responses.get(status_url(client, TASK_ID), json=failed)

    with pytest.raises(runapi.TaskFailedError) as info:
        client.z_image.text_to_image.run(**load("text_to_image_request"))

    assert info.value.task_id == TASK_ID
    assert info.value.error == FAILURE
    assert type(info.value.task) is ImageTask
    assert info.value.task.raw == failed
    assert len(responses.calls) == 2


@responses.activate
def test_get_reads_one_task_by_the_documented_path(client):
    completed = {**load("text_to_image_completed"), "id": "281e5b0f39b9"}  # the id the docs' curl polls
    url = f"{client.base_url}/api/v1/z_image/text_to_image/281e5b0f39b9"
    responses.get(url, json=completed)

    task = client.z_image.text_to_image.get("281e5b0f39b9")

    assert task == ImageTask.from_dict(completed)
    assert [(c.request.method, c.request.url) for c in responses.calls] == [("GET", url)]


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


# -- reachable as client.z_image ----------------------------------------------------------------


def test_client_z_image_is_the_family(client):
    family = client.z_image
    assert isinstance(family, ZImage)
    assert family is client.z_image
    assert family.text_to_image.path == PATH
    assert runapi.z_image.ZImage is ZImage
    assert "z_image" in dir(runapi)


def test_create_shows_the_real_parameters(client):
    signature = inspect.signature(client.z_image.text_to_image.create)
    assert list(signature.parameters) == ["model", "prompt", "aspect_ratio", "enable_safety_checker", "callback_url"]
    assert signature.parameters["aspect_ratio"].default is inspect.Parameter.empty
