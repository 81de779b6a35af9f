"""Hailuo (``client.hailuo``), checked against the docs' Hailuo section.

The section prints one example, the completed answer under "Query Task Status", which serves both
operations: it is copied as ``tests/fixtures/hailuo/<op>_completed.json`` for each. No request
body (no curl example), 202, processing or failed example is printed: the calls below are built
from the two parameter tables, the 202 and processing answers take the platform's documented
shape (``{"id", "status": "processing"}``, docs: Quick Start) and a failure the general one
(docs: Errors > Task-Specific Errors). The status path is not printed either: it is read as
``<create path>/{id}``, like every family's.

The generic contract checks (the endpoints, ``client.hailuo``, the completed answer structured
with nothing dropped, ``wait``/failed/get on both status paths) live in ``test_every_family.py``.
This file keeps what is particular to Hailuo: the calls built from its parameter tables (sent as
given, then run to completion or failure), typed reads of its answer, its signatures, and the
per-model tables, written out from the docs' model and parameter tables, not derived from
``runapi.hailuo``, so a wrong entry in the module's rules fails here.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import cattrs
import pytest
import responses
from responses import registries

import runapi
from runapi.hailuo import (
    IMAGE_TO_VIDEO_MODELS,
    IMAGE_TO_VIDEO_RULES,
    MODELS,
    TEXT_TO_VIDEO_MODELS,
    TEXT_TO_VIDEO_RULES,
    Hailuo,
    Video,
    VideoTask,
)
from tests.conftest import API_KEY
from tests.families.contract import assert_mirrors, strict_converter

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "hailuo"
ordered = responses.activate(registry=registries.OrderedRegistry)
OPS = ("text_to_video", "image_to_video")
TASK_ID = "550e8400-e29b-41d4-a716-446655440000"
OUTPUT = "https://tempfile.runapi.ai/hailuo/output.mp4"
IMG = "https://example.com/first.png"
IMG2 = "https://example.com/last.png"
FAILURE = "Generation failed due to content policy violation"  # docs: Errors > Task-Specific Errors


def load(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def url(client: runapi.Client, op: str, task_id: str | None = None) -> str:
    return f"{client.base_url}/api/v1/hailuo/{op}" + ("" if task_id is None else f"/{task_id}")


def accepted(task_id: str = TASK_ID) -> dict[str, Any]:
    """The platform's documented 202 answer (Hailuo prints none of its own)."""
    return {"id": task_id, "status": "processing"}


def canonical(value: Any) -> str:
    """JSON text with sorted keys: equal only if values and JSON types are equal (6 != 6.0)."""
    return json.dumps(value, sort_keys=True)


# every documented parameter of each endpoint, for a model that takes them all
FULL_CALLS = {
    "text_to_video": {
        "model": "hailuo-02-text-to-video-standard",
        "prompt": "A red fox trotting through fresh snow at dawn",
        "duration_seconds": 10,
        "prompt_optimizer": True,
        "enable_safety_checker": True,
        "callback_url": "https://your-domain.com/api/callback",
    },
    "image_to_video": {
        "model": "hailuo-02-image-to-video-standard",
        "prompt": "The fox turns its head towards the camera",
        "first_frame_image_url": IMG,
        "last_frame_image_url": IMG2,
        "duration_seconds": 6,
        "output_resolution": "768p",
        "prompt_optimizer": False,
        "enable_safety_checker": False,
        "callback_url": "https://your-domain.com/api/callback",
    },
}


# -- the family's surface ----------------------------------------------------------------------


def test_create_shows_the_real_parameters(client):
    signature = inspect.signature(client.hailuo.image_to_video.create)
    assert list(signature.parameters)[:3] == ["model", "prompt", "first_frame_image_url"]
    assert signature.parameters["last_frame_image_url"].default is None
    assert "duration_seconds" in inspect.signature(client.hailuo.text_to_video.run).parameters


# -- contract: the documented parameters and answer ----------------------------------------------


@pytest.mark.parametrize("op", OPS)
@responses.activate
def test_every_documented_parameter_is_sent_as_given(client, op):
    responses.post(url(client, op), status=202, json=accepted())

    task = getattr(client.hailuo, op).create(**FULL_CALLS[op])

    assert type(task) is VideoTask
    assert (task.id, task.status) == (TASK_ID, "processing")
    request = responses.calls[0].request
    assert (request.method, request.url) == ("POST", url(client, op))
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"
    assert canonical(json.loads(request.body)) == canonical(FULL_CALLS[op])


@pytest.mark.parametrize("op", OPS)
def test_the_documented_answer_fits_the_task_class_exactly(op):
    name = f"{op}_completed"
    payload = load(name)

    strict = strict_converter().structure(payload, VideoTask)  # raises on a documented key the model lacks
    task = VideoTask.from_dict(payload)

    assert strict == task
    assert task.raw == payload
    assert_mirrors(task, payload, name)
    assert task.is_completed
    assert task.error is None
    assert task.videos == [Video(url=OUTPUT)]
    assert task.output_urls == [OUTPUT]


def test_the_strict_check_does_catch_an_unmodelled_field():
    payload = load("text_to_video_completed")
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "duration_seconds": 6}, VideoTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "videos": [{"url": OUTPUT, "width": 1280}]}, VideoTask)


# -- create -> wait -> completed / failed, from the built calls ----------------------------------


@pytest.mark.parametrize("op", OPS)
@ordered
def test_run_polls_the_status_path_until_completed(client, fake_clock, op):
    completed = load(f"{op}_completed")
    status_url = url(client, op, TASK_ID)
    responses.post(url(client, op), status=202, json=accepted())
    responses.get(status_url, json=accepted())
    responses.get(status_url, json=completed)

    task = getattr(client.hailuo, op).run(**FULL_CALLS[op])

    assert task == VideoTask.from_dict(completed)
    assert task.output_urls == [OUTPUT]
    calls = [(call.request.method, call.request.url) for call in responses.calls]
    assert calls == [("POST", url(client, op)), ("GET", status_url), ("GET", status_url)]
    assert len(fake_clock.sleeps) == 2  # a wait before each poll, on the fake clock
    assert fake_clock.sleeps[0] == getattr(Hailuo, op).duration.low


@pytest.mark.parametrize("op", OPS)
@ordered
def test_a_failed_task_raises_task_failed_error(client, fake_clock, op):
    failed = {"id": TASK_ID, "status": "failed", "error": FAILURE}
    responses.post(url(client, op), status=202, json=accepted())
    responses.get(url(client, op, TASK_ID), json=failed)

    with pytest.raises(runapi.TaskFailedError) as info:
        getattr(client.hailuo, op).run(**FULL_CALLS[op])

    assert info.value.task_id == TASK_ID
    assert info.value.error == FAILURE
    assert type(info.value.task) is VideoTask
    assert info.value.task.raw == failed
    assert len(responses.calls) == 2


# -- what each model accepts -----------------------------------------------------------------


def test_every_model_has_an_entry_in_its_rules_table():
    assert set(TEXT_TO_VIDEO_RULES.table) == set(TEXT_TO_VIDEO_MODELS)
    assert set(IMAGE_TO_VIDEO_RULES.table) == set(IMAGE_TO_VIDEO_MODELS)
    assert TEXT_TO_VIDEO_MODELS == ("hailuo-02-text-to-video-pro", "hailuo-02-text-to-video-standard")
    assert IMAGE_TO_VIDEO_MODELS == (
        "hailuo-02-image-to-video-pro",
        "hailuo-02-image-to-video-standard",
        "hailuo-2.3-image-to-video-pro",
        "hailuo-2.3-image-to-video-standard",
    )
    assert set(MODELS) == set(TEXT_TO_VIDEO_MODELS) | set(IMAGE_TO_VIDEO_MODELS)
    assert len(MODELS) == 6


T2V_PRO, T2V_STD = TEXT_TO_VIDEO_MODELS
I2V_02_PRO, I2V_02_STD, I2V_23_PRO, I2V_23_STD = IMAGE_TO_VIDEO_MODELS
HAILUO_02 = (I2V_02_PRO, I2V_02_STD)
HAILUO_23 = (I2V_23_PRO, I2V_23_STD)


def t2v(model: str, **extra: Any) -> dict[str, Any]:
    return {"model": model, "prompt": "A lighthouse in a storm", **extra}


def i2v(model: str, **extra: Any) -> dict[str, Any]:
    return {"model": model, "prompt": "The waves crash", "first_frame_image_url": IMG, **extra}


# image_to_video: field -> (a value, the models that take it), from the model and parameter tables
I2V_TAKEN_BY: dict[str, tuple[Any, tuple[str, ...]]] = {
    "last_frame_image_url": (IMG2, HAILUO_02),
    "prompt_optimizer": (True, HAILUO_02),
    "duration_seconds": (10, (I2V_02_STD, *HAILUO_23)),
    "output_resolution": ("768p", (I2V_02_STD, *HAILUO_23)),
    "enable_safety_checker": (True, IMAGE_TO_VIDEO_MODELS),
    "callback_url": ("https://example.com/callback", IMAGE_TO_VIDEO_MODELS),
}
I2V_RESOLUTIONS = {I2V_02_STD: ["512p", "768p"], I2V_23_PRO: ["768p", "1080p"], I2V_23_STD: ["768p", "1080p"]}
I2V_PROMPT_LIMITS = {I2V_02_PRO: 1_500, I2V_02_STD: 1_500, I2V_23_PRO: 5_000, I2V_23_STD: 5_000}


def _accepted_cases() -> list[Any]:
    cases = [
        pytest.param("text_to_video", t2v(T2V_PRO), id="t2v-pro-minimal"),
        pytest.param("text_to_video", t2v(T2V_STD), id="t2v-standard-minimal"),  # the server's 6 s
        pytest.param("text_to_video", t2v(T2V_STD, duration_seconds=6), id="t2v-standard-6s"),
        pytest.param("text_to_video", t2v(T2V_STD, duration_seconds=10), id="t2v-standard-10s"),
        pytest.param("text_to_video", t2v(T2V_PRO, prompt="a" * 1_500, prompt_optimizer=False), id="t2v-pro-1500"),
        pytest.param("text_to_video", t2v(T2V_PRO, enable_safety_checker=True), id="t2v-pro-safety"),
    ]
    for model in IMAGE_TO_VIDEO_MODELS:
        cases.append(pytest.param("image_to_video", i2v(model), id=f"{model}-minimal"))
    for name, (value, models) in I2V_TAKEN_BY.items():
        cases += [pytest.param("image_to_video", i2v(m, **{name: value}), id=f"{m}-{name}") for m in models]
    for model, values in I2V_RESOLUTIONS.items():
        cases += [pytest.param("image_to_video", i2v(model, output_resolution=v), id=f"{model}-{v}") for v in values]
    for model in (I2V_02_STD, *HAILUO_23):
        cases.append(pytest.param("image_to_video", i2v(model, duration_seconds=6), id=f"{model}-6s"))
    for model, limit in I2V_PROMPT_LIMITS.items():
        cases.append(pytest.param("image_to_video", i2v(model, prompt="a" * limit), id=f"{model}-prompt-{limit}"))
    return cases


@pytest.mark.parametrize(("op", "kwargs"), _accepted_cases())
@responses.activate
def test_valid_values_are_accepted_and_sent_unchanged(client, op, kwargs):
    responses.post(url(client, op), status=202, json=accepted())

    getattr(client.hailuo, op).create(**kwargs)

    assert canonical(json.loads(responses.calls[0].request.body)) == canonical(kwargs)  # nothing added


def _refused_cases() -> list[Any]:
    cases: list[Any] = []

    def add(case_id: str, op: str, kwargs: dict[str, Any], field: str, *fragments: str) -> None:
        cases.append(pytest.param(op, kwargs, field, fragments, id=case_id))

    # text_to_video
    add("t2v-pro-duration", "text_to_video", t2v(T2V_PRO, duration_seconds=6), "duration_seconds",
        f"not accepted for model {T2V_PRO!r}", f"only for {T2V_STD!r}")  # fmt: skip
    for value in (5, 8, 15, "6"):
        add(f"t2v-duration-{value!r}", "text_to_video", t2v(T2V_STD, duration_seconds=value), "duration_seconds",
            "one of 6, 10")  # fmt: skip
    add("t2v-prompt-1501", "text_to_video", t2v(T2V_STD, prompt="a" * 1_501), "prompt", "1-1500 characters")
    add("t2v-no-prompt", "text_to_video", {"model": T2V_PRO}, "prompt", "missing required parameter 'prompt'")
    add("t2v-image-model", "text_to_video", t2v(I2V_02_STD), "model", repr(T2V_STD))
    add(
        "t2v-optimizer-string",
        "text_to_video",
        t2v(T2V_STD, prompt_optimizer="yes"),
        "prompt_optimizer",
        "true or false",
    )
    add("t2v-first-frame", "text_to_video", t2v(T2V_STD, first_frame_image_url=IMG), "first_frame_image_url",
        "unknown parameter")  # fmt: skip
    add("t2v-callback", "text_to_video", t2v(T2V_STD, callback_url="ftp://x/cb"), "callback_url", "http(s) URL")

    # image_to_video: fields a model does not take, refused naming the models that do
    for name, (value, models) in I2V_TAKEN_BY.items():
        for model in IMAGE_TO_VIDEO_MODELS:
            if model not in models:
                add(f"{model}-{name}", "image_to_video", i2v(model, **{name: value}), name,
                    f"not accepted for model {model!r}", *(f"{m!r}" for m in models))  # fmt: skip
    # each model's resolutions and prompt length
    for model, values in I2V_RESOLUTIONS.items():
        for value in ("512p", "768p", "1080p"):
            if value not in values:
                add(f"{model}-{value}", "image_to_video", i2v(model, output_resolution=value), "output_resolution",
                    f"for model {model!r}", *(repr(v) for v in values))  # fmt: skip
    add("i2v-resolution-720p", "image_to_video", i2v(I2V_23_PRO, output_resolution="720p"), "output_resolution",
        "'1080p'")  # fmt: skip
    for model, limit in I2V_PROMPT_LIMITS.items():
        add(f"{model}-prompt-long", "image_to_video", i2v(model, prompt="a" * (limit + 1)), "prompt",
            f"{limit} characters")  # fmt: skip
    add("i2v-duration-8", "image_to_video", i2v(I2V_23_STD, duration_seconds=8), "duration_seconds", "one of 6, 10")
    add("i2v-no-first-frame", "image_to_video", {"model": I2V_23_PRO, "prompt": "Waves"}, "first_frame_image_url",
        "missing required parameter")  # fmt: skip
    add("i2v-first-frame-not-url", "image_to_video", i2v(I2V_23_PRO, first_frame_image_url="first.png"),
        "first_frame_image_url", "http(s) URL")  # fmt: skip
    add("i2v-text-model", "image_to_video", i2v(T2V_STD), "model", repr(I2V_23_STD))
    add("i2v-blank-prompt", "image_to_video", i2v(I2V_02_PRO, prompt="  "), "prompt", "non-blank")
    return cases


@pytest.mark.parametrize(("op", "kwargs", "field_name", "fragments"), _refused_cases())
@responses.activate
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, op, kwargs, field_name, fragments):
    responses.post(url(client, op), status=202, json=accepted())  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.hailuo, op).create(**kwargs)

    assert len(responses.calls) == 0
    assert info.value.field == field_name
    message = str(info.value)
    assert field_name in message
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
