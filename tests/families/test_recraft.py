"""Recraft (``client.recraft``), checked against the docs' Recraft section.

The examples under ``tests/fixtures/recraft/`` are the section's payloads, copied as data: the two
create bodies (the curl examples; the Ruby, Python and JavaScript examples send the same bodies),
the two 202 answers and the completed answer of an upscale task ("Poll an upscale task"). Both
answers carry the docs' redacted id (``281e5b0*********************f39b9``), which the status path
carries percent-encoded as one segment. No failed or callback example is printed: a failure is the
platform's general shape (docs: Errors > Task-Specific Errors), and the Response Fields table,
shared by both endpoints, says the same (``error``, "when the task fails").

Every call goes through the public API with HTTP mocked by ``responses`` and the suite's fake
clock, so "sent as is", "refused before any request" and "polled, never slept" are observed.
"""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path
from typing import Any, get_args
from urllib.parse import quote

import cattrs
import pytest
import responses
from responses import registries

import runapi
from runapi._core.operations import TaskOperation
from runapi._core.options import DURATIONS
from runapi.recraft import MODELS, Image, ImageTask, Recraft, RemoveBackgroundParams, UpscaleImageParams
from tests.conftest import API_KEY, FakeClock
from tests.families.contract import assert_mirrors, strict_converter

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "recraft"
ordered = responses.activate(registry=registries.OrderedRegistry)
OPS = ["upscale_image", "remove_background"]
PARAMS = {"upscale_image": UpscaleImageParams, "remove_background": RemoveBackgroundParams}
ANSWERS = ["upscale_image_accepted", "remove_background_accepted", "upscale_image_completed"]
TASK_ID = "281e5b0*********************f39b9"
IMAGE_URL = "https://file.runapi.ai/recraft/result.png"

# docs: Errors > Task-Specific Errors (the general failed answer; Recraft prints none of its own)
FAILURE = "Generation failed due to content policy violation"


def load(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def path(op: str) -> str:
    return f"/api/v1/recraft/{op}"


def status_url(client: runapi.Client, op: str, task_id: str = TASK_ID) -> str:
    return f"{client.base_url}{path(op)}/{quote(task_id, safe='')}"


# -- the family's surface -------------------------------------------------------------------


def test_the_family_has_exactly_the_documented_method_path_pairs():
    pairs = set()
    for name, value in vars(Recraft).items():
        if isinstance(value, TaskOperation):
            assert value.task is ImageTask
            assert value.params is PARAMS[name]
            assert value.duration == DURATIONS["image"]
            assert value.path == path(name)
            pairs |= {("POST", value.path), ("GET", value.path + "/{id}")}
    # docs: Recraft > Get Recraft Task Status (the create -> status endpoint table)
    assert pairs == {
        ("POST", "/api/v1/recraft/upscale_image"),
        ("GET", "/api/v1/recraft/upscale_image/{id}"),
        ("POST", "/api/v1/recraft/remove_background"),
        ("GET", "/api/v1/recraft/remove_background/{id}"),
    }


def test_every_fixture_is_used_by_these_tests():
    assert {p.stem for p in EXAMPLES.glob("*.json")} == {*(f"{op}_request" for op in OPS), *ANSWERS}


def test_each_endpoint_takes_its_one_model_and_models_lists_them_all():
    # docs: Recraft > Models, and each table's "Must be ..."
    takes = {op: get_args(inspect.get_annotations(cls, eval_str=True)["model"]) for op, cls in PARAMS.items()}
    assert takes == {"upscale_image": ("recraft-crisp-upscale",), "remove_background": ("recraft-remove-background",)}
    assert set(MODELS) == {model for models in takes.values() for model in models}
    assert len(MODELS) == 2


# -- contract: the documented requests are accepted and sent as is ------------------------------


@pytest.mark.parametrize("op", OPS)
@responses.activate
def test_documented_request_is_accepted_and_sent_as_is(client, op):
    body = load(f"{op}_request")
    responses.post(client.base_url + path(op), status=202, json=load(f"{op}_accepted"))

    task = getattr(client.recraft, op).create(**body)

    assert type(task) is ImageTask
    assert task.id == TASK_ID
    assert task.status == "processing"
    assert task.output_urls == []
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
    assert task.is_completed is name.endswith("_completed")


def test_the_strict_check_does_catch_an_unmodelled_field():
    payload = load("upscale_image_completed")
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "model": "recraft-crisp-upscale"}, ImageTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "images": [{"url": "u", "width": 4096}]}, ImageTask)


def test_completed_answer_reads_as_typed_images():
    task = ImageTask.from_dict(load("upscale_image_completed"))

    assert task.is_completed
    assert task.error is None
    assert task.images == [Image(url=IMAGE_URL)]
    assert task.output_urls == [IMAGE_URL]


def test_a_failed_answer_carries_the_reason_and_no_outputs():
    # docs: Recraft > Response Fields: "error: Error message when the task fails"
    task = ImageTask.from_dict({"id": TASK_ID, "status": "failed", "error": FAILURE})
    assert task.is_failed
    assert task.error == FAILURE
    assert task.output_urls == []


def test_download_outputs_saves_the_documented_image(client, tmp_path):
    task = ImageTask.from_dict(load("upscale_image_completed"))
    with responses.RequestsMock() as mock:
        mock.get(IMAGE_URL, body=b"\x89PNG recraft", content_type="image/png")
        (saved,) = client.download_outputs(task, tmp_path)
    assert saved.path == tmp_path / "281e5b0_____________________f39b9-0.png"  # the redacted id made a safe name
    assert saved.path.read_bytes() == b"\x89PNG recraft"


# -- create -> wait -> completed / failed, on the documented status paths -----------------------


@pytest.mark.parametrize("op", OPS)
@ordered
def test_run_polls_the_status_path_until_completed(client, fake_clock: FakeClock, op):
    body = load(f"{op}_request")
    completed = load("upscale_image_completed")  # printed for upscale; the Response Fields cover both
    url = status_url(client, op)
    responses.post(client.base_url + path(op), status=202, json=load(f"{op}_accepted"))
    responses.get(url, json=load(f"{op}_accepted"))  # still processing
    responses.get(url, json=completed)

    task = getattr(client.recraft, op).run(**body)

    assert type(task) is ImageTask
    assert task.raw == completed
    assert task.output_urls == [IMAGE_URL]
    calls = [(call.request.method, call.request.url) for call in responses.calls]
    assert calls == [("POST", client.base_url + path(op)), ("GET", url), ("GET", url)]
    assert url.endswith(f"/{op}/281e5b0" + "%2A" * 21 + "f39b9")
    assert json.loads(responses.calls[0].request.body) == body
    # two waits before the two polls, on the fake clock (nothing slept for real)
    assert len(fake_clock.sleeps) == 2
    assert fake_clock.sleeps[0] == getattr(Recraft, op).duration.low == 10


@pytest.mark.parametrize("op", OPS)
@ordered
def test_a_failed_task_raises_task_failed_error(client, fake_clock, op):
    failed = {"id": TASK_ID, "status": "failed", "error": FAILURE}
    responses.post(client.base_url + path(op), status=202, json=load(f"{op}_accepted"))
    responses.get(status_url(client, op), json=failed)

    with pytest.raises(runapi.TaskFailedError) as info:
        getattr(client.recraft, op).run(**load(f"{op}_request"))

    assert info.value.task_id == TASK_ID
    assert info.value.error == FAILURE
    assert type(info.value.task) is ImageTask
    assert info.value.task.raw == failed
    assert len(responses.calls) == 2


@pytest.mark.parametrize("op", OPS)
@responses.activate
def test_get_reads_one_task_by_the_documented_path(client, op):
    completed = {**load("upscale_image_completed"), "id": "281e5b0f39b9"}  # the id the docs' curl polls
    url = f"{client.base_url}/api/v1/recraft/{op}/281e5b0f39b9"
    responses.get(url, json=completed)

    task = getattr(client.recraft, op).get("281e5b0f39b9")

    assert task == ImageTask.from_dict(completed)
    assert [(c.request.method, c.request.url) for c in responses.calls] == [("GET", url)]


# -- what each endpoint accepts ----------------------------------------------------------------

SOURCE = "https://cdn.runapi.ai/public/samples/upscale.jpg"
BASE = {
    "upscale_image": {"model": "recraft-crisp-upscale", "source_image_url": SOURCE},
    "remove_background": {"model": "recraft-remove-background", "source_image_url": SOURCE},
}

ACCEPTED_CALLS = [
    *[
        pytest.param(op, {**BASE[op], "callback_url": "https://example.com/callbacks/runapi"}, id=f"{op}-callback")
        for op in OPS
    ],
    *[
        pytest.param(op, {**BASE[op], "source_image_url": "http://example.com/a.webp?size=large"}, id=f"{op}-http")
        for op in OPS
    ],
]


@pytest.mark.parametrize(("op", "kwargs"), ACCEPTED_CALLS)
@responses.activate
def test_valid_values_are_accepted_and_sent_unchanged(client, op, kwargs):
    responses.post(client.base_url + path(op), status=202, json=load(f"{op}_accepted"))

    getattr(client.recraft, op).create(**kwargs)

    assert json.loads(responses.calls[0].request.body) == kwargs  # nothing added (no guessed defaults)


REFUSED = [
    *[
        pytest.param(
            op,
            {k: v for k, v in BASE[op].items() if k != name},
            name,
            f"missing required parameter '{name}'",
            id=f"{op}-no-{name}",
        )
        for op in OPS
        for name in ("model", "source_image_url")
    ],
    *[
        pytest.param(op, {**BASE[op], "source_image_url": bad}, "source_image_url", "http(s) URL", id=f"{op}-{bad}")
        for op in OPS
        for bad in ("upscale.jpg", "ftp://example.com/a.jpg", " https://example.com/a.jpg")
    ],
    pytest.param(
        "upscale_image", {**BASE["upscale_image"], "callback_url": "/cb"}, "callback_url", "http(s) URL", id="cb"
    ),
    pytest.param(
        "upscale_image", {**BASE["upscale_image"], "upscale_factor": 2}, "upscale_factor", "unknown", id="factor"
    ),
    pytest.param(
        "remove_background", {**BASE["remove_background"], "prompt": "x"}, "prompt", "unknown parameter", id="prompt"
    ),
]


@pytest.mark.parametrize(("op", "kwargs", "field_name", "fragment"), REFUSED)
@responses.activate
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, op, kwargs, field_name, fragment):
    responses.post(client.base_url + path(op), status=202, json=load(f"{op}_accepted"))  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.recraft, op).create(**kwargs)

    assert info.value.field == field_name
    assert fragment in str(info.value)
    assert len(responses.calls) == 0


@pytest.mark.parametrize(
    ("op", "model", "allowed"),
    [
        ("upscale_image", "recraft-remove-background", "recraft-crisp-upscale"),
        ("remove_background", "recraft-crisp-upscale", "recraft-remove-background"),
        ("upscale_image", "recraft-upscale", "recraft-crisp-upscale"),
    ],
)
@responses.activate
def test_each_endpoint_refuses_another_model_naming_its_own(client, op, model, allowed):
    responses.post(client.base_url + path(op), status=202, json=load(f"{op}_accepted"))  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.recraft, op).create(**{**BASE[op], "model": model})

    assert info.value.field == "model"
    assert re.findall(r"'([^']*)'", str(info.value).split("; got")[0]) == [allowed]
    assert str(info.value).endswith(f"; got {model!r}")
    assert len(responses.calls) == 0


# -- reachable as client.recraft ---------------------------------------------------------------


def test_client_recraft_is_the_family_with_its_two_operations(client):
    family = client.recraft
    assert isinstance(family, Recraft)
    assert family is client.recraft
    for op in OPS:
        assert getattr(family, op).path == path(op)
    assert runapi.recraft.Recraft is Recraft
    assert "recraft" in dir(runapi)


@pytest.mark.parametrize("op", OPS)
def test_create_shows_the_real_parameters(client, op):
    for method in ("create", "run"):
        signature = inspect.signature(getattr(getattr(client.recraft, op), method))
        assert list(signature.parameters) == ["model", "source_image_url", "callback_url"]
        assert signature.parameters["callback_url"].default is None
        assert signature.parameters["source_image_url"].default is inspect.Parameter.empty
