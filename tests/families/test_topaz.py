"""Topaz (``client.topaz``), checked against the docs' Topaz section.

The examples under ``tests/fixtures/topaz/`` are the section's payloads, copied as data: the two
create bodies (curl examples) and the two create answers. The docs print no status, failed or
callback example for Topaz, only "returns the current task status and images [videos] when the
task completes". The status answers below are therefore the module's stated reading (the
platform's ``images`` / ``videos`` lists of ``{"url"}`` and its general failed answer), built here
from the docs' own create answers, not copied examples.

Every call goes through the public API with HTTP mocked by ``responses`` and the suite's fake
clock, so "sent as is", "refused before any request" and "polled, never slept" are observed.
"""

from __future__ import annotations

import inspect
import json
import typing
from pathlib import Path
from typing import Any

import cattrs
import pytest
import responses
from cattrs.gen import make_dict_structure_fn, override
from responses import registries

import runapi
from runapi._core.models import Result
from runapi._core.operations import DirectOperation, TaskOperation
from runapi._core.options import DURATIONS
from runapi.topaz import (
    MODELS,
    Image,
    ImageTask,
    Topaz,
    UpscaleImageParams,
    UpscaleVideoParams,
    Video,
    VideoTask,
)
from tests.conftest import API_KEY

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "topaz"
BASE = "/api/v1/topaz"
ordered = responses.activate(registry=registries.OrderedRegistry)

# operation -> (task class, duration class, the output list's name)
OPERATIONS: dict[str, tuple[type[runapi.Task], str, str]] = {
    "upscale_image": (ImageTask, "image", "images"),
    "upscale_video": (VideoTask, "video", "videos"),
}
OPS = list(OPERATIONS)

# docs: Topaz > Endpoints (Upscale Image POST, Get Upscale Image Status GET, ...), written out
DOCUMENTED_PAIRS = {
    ("POST", "/api/v1/topaz/upscale_image"),
    ("GET", "/api/v1/topaz/upscale_image/{id}"),
    ("POST", "/api/v1/topaz/upscale_video"),
    ("GET", "/api/v1/topaz/upscale_video/{id}"),
}

# docs: Errors > Task-Specific Errors (the platform's failed answer; Topaz prints none of its own)
FAILURE = "Generation failed due to content policy violation"


def load(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def path(op: str) -> str:
    return f"{BASE}/{op}"


def completed(op: str) -> dict[str, Any]:
    """The read completed answer: the create answer's id, ``completed``, one output ``{"url"}``."""
    _, _, outputs = OPERATIONS[op]
    url = f"https://file.runapi.ai/topaz/{op}-result"
    return {"id": load(f"{op}_accepted")["id"], "status": "completed", outputs: [{"url": url}]}


def failed(op: str) -> dict[str, Any]:
    return {"id": load(f"{op}_accepted")["id"], "status": "failed", "error": FAILURE}


def strict_converter() -> cattrs.Converter:
    """Like the SDK's converter, but refusing any key the models do not declare (at any depth)."""
    strict = cattrs.Converter(forbid_extra_keys=True)
    strict.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, Result),
        lambda t: make_dict_structure_fn(t, strict, raw=override(omit=True)),
    )
    return strict


# -- the family's surface ----------------------------------------------------------------------


def test_the_family_has_exactly_the_documented_method_path_pairs():
    pairs = set()
    for name, value in vars(Topaz).items():
        assert not isinstance(value, DirectOperation), name
        if isinstance(value, TaskOperation):
            assert value.path == path(name), name
            assert value.task is OPERATIONS[name][0]
            assert value.duration is DURATIONS[OPERATIONS[name][1]]
            pairs |= {("POST", value.path), ("GET", value.path + "/{id}")}
    assert pairs == DOCUMENTED_PAIRS


def test_every_model_is_accepted_by_exactly_one_endpoint():
    accepted = [
        value
        for cls in (UpscaleImageParams, UpscaleVideoParams)
        for value in typing.get_args(typing.get_type_hints(cls)["model"])
    ]
    assert accepted == list(MODELS) == ["topaz-upscale-image", "topaz-upscale-video"]


def test_client_topaz_is_the_family_with_its_two_operations(client):
    family = client.topaz
    assert isinstance(family, Topaz)
    assert family is client.topaz
    for op in OPS:
        assert getattr(family, op).path == path(op)
    assert runapi.topaz.Topaz is Topaz
    assert "topaz" in dir(runapi)


def test_create_shows_the_real_parameters(client):
    image = inspect.signature(client.topaz.upscale_image.create).parameters
    assert list(image) == ["model", "source_image_url", "upscale_factor", "callback_url"]
    video = inspect.signature(client.topaz.upscale_video.run).parameters
    assert video["upscale_factor"].default is None


# -- contract: the documented requests and answers ------------------------------------------------


@pytest.mark.parametrize("op", OPS)
@responses.activate
def test_documented_request_is_accepted_and_sent_as_is(client, op):
    body = load(f"{op}_request")
    accepted = load(f"{op}_accepted")
    responses.post(client.base_url + path(op), status=202, json=accepted)

    task = getattr(client.topaz, op).create(**body)

    assert type(task) is OPERATIONS[op][0]
    assert (task.id, task.status) == (accepted["id"], "processing")
    request = responses.calls[0].request
    assert (request.method, request.url) == ("POST", client.base_url + path(op))
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"
    assert json.dumps(json.loads(request.body), sort_keys=True) == json.dumps(body, sort_keys=True)
    assert len(responses.calls) == 1


ANSWERS = [
    pytest.param(op, payload, id=f"{op}-{kind}")
    for op in OPS
    for kind, payload in (("accepted", load(f"{op}_accepted")), ("completed", completed(op)), ("failed", failed(op)))
]


@pytest.mark.parametrize(("op", "payload"), ANSWERS)
def test_every_answer_field_is_modelled(op, payload):
    cls = OPERATIONS[op][0]

    strict = strict_converter().structure(payload, cls)  # raises on a key the model lacks
    task = cls.from_dict(payload)

    assert strict == task
    assert task.raw == payload
    assert (task.id, task.status, task.error) == (payload["id"], payload["status"], payload.get("error"))


def test_the_strict_check_does_catch_an_unmodelled_field():
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**completed("upscale_image"), "model": "topaz-upscale-image"}, ImageTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**completed("upscale_video"), "videos": [{"url": "u", "fps": 30}]}, VideoTask)


def test_completed_answers_read_as_typed_outputs():
    image = ImageTask.from_dict(completed("upscale_image"))
    assert image.images == [Image(url="https://file.runapi.ai/topaz/upscale_image-result")]
    assert image.output_urls == ["https://file.runapi.ai/topaz/upscale_image-result"]
    video = VideoTask.from_dict(completed("upscale_video"))
    assert video.videos == [Video(url="https://file.runapi.ai/topaz/upscale_video-result")]
    assert video.output_urls == ["https://file.runapi.ai/topaz/upscale_video-result"]


@pytest.mark.parametrize("op", OPS)
def test_unfinished_and_failed_tasks_have_no_outputs(op):
    cls = OPERATIONS[op][0]
    assert cls.from_dict(load(f"{op}_accepted")).output_urls == []
    assert cls.from_dict(failed(op)).output_urls == []


def test_an_undocumented_result_shape_is_kept_on_raw():
    payload = {"id": "img-task-123", "status": "completed", "image_url": "https://file.runapi.ai/x.png"}
    task = ImageTask.from_dict(payload)
    assert task.images == [] and task.raw["image_url"] == "https://file.runapi.ai/x.png"


# -- create -> wait -> completed / failed, on the documented status path ------------------------


@pytest.mark.parametrize("op", OPS)
@ordered
def test_run_polls_the_status_path_until_completed(client, fake_clock, op):
    cls, kind, _ = OPERATIONS[op]
    accepted = load(f"{op}_accepted")
    status_url = f"{client.base_url}{path(op)}/{accepted['id']}"
    responses.post(client.base_url + path(op), status=202, json=accepted)
    responses.get(status_url, json=accepted)  # still processing
    responses.get(status_url, json=completed(op))

    task = getattr(client.topaz, op).run(**load(f"{op}_request"))

    assert type(task) is cls
    assert task == cls.from_dict(completed(op))
    assert task.output_urls == [f"https://file.runapi.ai/topaz/{op}-result"]
    calls = [(call.request.method, call.request.url) for call in responses.calls]
    assert calls == [("POST", client.base_url + path(op)), ("GET", status_url), ("GET", status_url)]
    assert len(fake_clock.sleeps) == 2
    assert fake_clock.sleeps[0] == DURATIONS[kind].low


@pytest.mark.parametrize("op", OPS)
@ordered
def test_a_failed_task_raises_task_failed_error(client, fake_clock, op):
    accepted = load(f"{op}_accepted")
    responses.post(client.base_url + path(op), status=202, json=accepted)
    responses.get(f"{client.base_url}{path(op)}/{accepted['id']}", json=failed(op))

    with pytest.raises(runapi.TaskFailedError) as info:
        getattr(client.topaz, op).run(**load(f"{op}_request"))

    assert info.value.task_id == accepted["id"]
    assert info.value.error == FAILURE
    assert type(info.value.task) is OPERATIONS[op][0]
    assert len(responses.calls) == 2


@pytest.mark.parametrize("op", OPS)
@responses.activate
def test_get_reads_one_task(client, op):
    answer = completed(op)
    url = f"{client.base_url}{path(op)}/{answer['id']}"
    responses.get(url, json=answer)

    task = getattr(client.topaz, op).get(answer["id"])

    assert task == OPERATIONS[op][0].from_dict(answer)
    assert [(c.request.method, c.request.url) for c in responses.calls] == [("GET", url)]


# -- what each endpoint accepts ------------------------------------------------------------------

IMAGE = load("upscale_image_request")
VIDEO = load("upscale_video_request")
VIDEO_MINIMAL = {k: v for k, v in VIDEO.items() if k != "upscale_factor"}

ACCEPTED_CALLS = [
    *[pytest.param("upscale_image", {**IMAGE, "upscale_factor": f}, id=f"image-x{f}") for f in (1, 2, 4, 8)],
    *[pytest.param("upscale_video", {**VIDEO, "upscale_factor": f}, id=f"video-x{f}") for f in (1, 2, 4)],
    pytest.param("upscale_video", VIDEO_MINIMAL, id="video-service-default-factor"),
    pytest.param("upscale_image", {**IMAGE, "callback_url": "https://example.com/cb"}, id="image-callback"),
    pytest.param("upscale_video", {**VIDEO, "callback_url": "http://localhost:8000/cb"}, id="video-callback"),
]


@pytest.mark.parametrize(("op", "kwargs"), ACCEPTED_CALLS)
@responses.activate
def test_valid_values_are_accepted_and_sent_unchanged(client, op, kwargs):
    responses.post(client.base_url + path(op), status=202, json=load(f"{op}_accepted"))

    getattr(client.topaz, op).create(**kwargs)

    assert json.loads(responses.calls[0].request.body) == kwargs


REFUSED = [
    pytest.param("upscale_image", {**IMAGE, "upscale_factor": 3}, "upscale_factor", "one of 1, 2, 4, 8; got 3"),
    pytest.param("upscale_image", {**IMAGE, "upscale_factor": 16}, "upscale_factor", "one of 1, 2, 4, 8"),
    pytest.param("upscale_image", {**IMAGE, "upscale_factor": 2.0}, "upscale_factor", "one of 1, 2, 4, 8"),
    pytest.param("upscale_image", {**IMAGE, "upscale_factor": "4"}, "upscale_factor", "one of 1, 2, 4, 8"),
    pytest.param(
        "upscale_image",
        {k: v for k, v in IMAGE.items() if k != "upscale_factor"},
        "upscale_factor",
        "missing required parameter 'upscale_factor'",
    ),
    pytest.param("upscale_image", {**IMAGE, "model": "topaz-upscale-video"}, "model", "'topaz-upscale-image'"),
    pytest.param(
        "upscale_image",
        {k: v for k, v in IMAGE.items() if k != "model"},
        "model",
        "missing required parameter 'model'",
    ),
    pytest.param("upscale_image", {**IMAGE, "source_image_url": "upscale.jpg"}, "source_image_url", "http(s) URL"),
    pytest.param(
        "upscale_image",
        {k: v for k, v in IMAGE.items() if k != "source_image_url"},
        "source_image_url",
        "missing required parameter",
    ),
    pytest.param(
        "upscale_image", {**IMAGE, "source_video_url": VIDEO["source_video_url"]}, "source_video_url", "unknown"
    ),
    pytest.param("upscale_image", {**IMAGE, "callback_url": "callback"}, "callback_url", "http(s) URL"),
    pytest.param("upscale_video", {**VIDEO, "upscale_factor": 8}, "upscale_factor", "one of 1, 2, 4; got 8"),
    pytest.param("upscale_video", {**VIDEO, "upscale_factor": 0}, "upscale_factor", "one of 1, 2, 4"),
    pytest.param("upscale_video", {**VIDEO, "model": "topaz-upscale-image"}, "model", "'topaz-upscale-video'"),
    pytest.param("upscale_video", {**VIDEO, "source_video_url": "file:///v.mp4"}, "source_video_url", "http(s) URL"),
    pytest.param("upscale_video", {"model": "topaz-upscale-video"}, "source_video_url", "missing required parameter"),
    pytest.param(
        "upscale_video", {**VIDEO, "source_image_url": IMAGE["source_image_url"]}, "source_image_url", "unknown"
    ),
]


@pytest.mark.parametrize(("op", "kwargs", "field_name", "fragment"), REFUSED)
@responses.activate
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, op, kwargs, field_name, fragment):
    responses.post(client.base_url + path(op), status=202, json=load(f"{op}_accepted"))

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.topaz, op).create(**kwargs)

    assert info.value.field == field_name
    assert field_name in str(info.value)
    assert fragment in str(info.value)
    assert len(responses.calls) == 0
