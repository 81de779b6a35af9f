"""Topaz (``client.topaz``), checked against the docs' Topaz section.

The examples under ``tests/fixtures/topaz/`` are the section's payloads, copied as data: the two
create bodies (curl examples) and the two create answers. The docs print no status, failed or
callback example for Topaz, only "returns the current task status and images [videos] when the
task completes". The status answers below are therefore the module's stated reading (the
platform's ``images`` / ``videos`` lists of ``{"url"}``), built here from the docs' own create
answers, not copied examples.

The generic contract checks (the endpoints and their task classes, ``client.topaz``, both bodies
sent as is, the 202 answers structured with nothing dropped, the general failed answer raising
``TaskFailedError``, get on both status paths) live in ``test_every_family.py``. This file keeps
what is particular to Topaz: its models and rules, refusals, the read completed answers (modelled,
typed, and what ``run`` polls until) and its signatures, each call going through the public API
with HTTP mocked by ``responses`` and the suite's fake clock, so "refused before any request" and
"polled, never slept" are observed.
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
from responses import registries

import runapi
from runapi._core.options import DURATIONS
from runapi._core.params.rules import _literal_values  # the known values of an open (Literal | str) id
from runapi.topaz import (
    MODELS,
    Image,
    ImageTask,
    UpscaleImageParams,
    UpscaleVideoParams,
    Video,
    VideoTask,
)
from tests.families.contract import strict_converter

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "topaz"
BASE = "/api/v1/topaz"
ordered = responses.activate(registry=registries.OrderedRegistry)

# operation -> (task class, duration class, the output list's name)
OPERATIONS: dict[str, tuple[type[runapi.Task], str, str]] = {
    "upscale_image": (ImageTask, "image", "images"),
    "upscale_video": (VideoTask, "video", "videos"),
}
OPS = list(OPERATIONS)


def load(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def path(op: str) -> str:
    return f"{BASE}/{op}"


def completed(op: str) -> dict[str, Any]:
    """The read completed answer: the create answer's id, ``completed``, one output ``{"url"}``."""
    _, _, outputs = OPERATIONS[op]
    url = f"https://file.runapi.ai/topaz/{op}-result"
    return {"id": load(f"{op}_accepted")["id"], "status": "completed", outputs: [{"url": url}]}


# -- the family's surface ----------------------------------------------------------------------


def test_every_model_is_accepted_by_exactly_one_endpoint():
    accepted = [
        value
        for cls in (UpscaleImageParams, UpscaleVideoParams)
        for value in _literal_values(typing.get_type_hints(cls)["model"])
    ]
    assert accepted == list(MODELS) == ["topaz-upscale-image", "topaz-upscale-video"]


def test_create_shows_the_real_parameters(client):
    image = inspect.signature(client.topaz.upscale_image.create).parameters
    assert list(image) == ["model", "source_image_url", "upscale_factor", "callback_url"]
    video = inspect.signature(client.topaz.upscale_video.run).parameters
    assert video["upscale_factor"].default is None


# -- the read completed answers ----------------------------------------------------------------------


# the read completed answers (the documented 202 answers and the general failed one: test_every_family.py)
ANSWERS = [pytest.param(op, completed(op), id=f"{op}-completed") for op in OPS]


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


def test_an_undocumented_result_shape_is_kept_on_raw():
    payload = {"id": "img-task-123", "status": "completed", "image_url": "https://file.runapi.ai/x.png"}
    task = ImageTask.from_dict(payload)
    assert task.images == [] and task.raw["image_url"] == "https://file.runapi.ai/x.png"


# -- create -> wait -> the read completed answer, on the status path -----------------------------


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
