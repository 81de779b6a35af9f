"""Flux (``runapi.flux``), checked against the platform contract and the official packages.

The family is bound to a client directly (``Flux(client)``) until it is registered on the client.
Facts: the platform contract (``flux/*``: models per endpoint, ``aspect_ratio``, ``output_count``
only 1), the official repository's contract (``runapi-ai/flux-sdk`` ``contract_gen.py``: ``prompt``
3-5,000, one required ``source_image_url``); the README's quick-start bodies; the response model.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest
import responses

import runapi
from runapi.flux import ASPECT_RATIOS, MODELS, REMIX_IMAGE_MODELS, TEXT_TO_IMAGE_MODELS, Flux, Image, ImageTask
from tests.families.platform_values import sent_creates


def _without(base: dict[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in base.items() if k != name}


FAMILY = "flux"
CLS = Flux
TASK_ID = "550e8400-e29b-41d4-a716-446655440000"
SOURCE = "https://cdn.runapi.ai/public/samples/image.jpg"
IMAGE_URL = "https://tempfile.runapi.ai/flux/result.png"
# the official README's quick-start bodies
T2I = {"model": "flux-pro", "prompt": "A cinematic product photo on warm paper", "aspect_ratio": "1:1"}
REMIX = {
    "model": "flux-pro",
    "prompt": "Turn this product shot into a warm editorial photo",
    "source_image_url": SOURCE,
    "aspect_ratio": "1:1",
}
BASE = {"text_to_image": T2I, "remix_image": REMIX}
MODELS_OF = {"text_to_image": TEXT_TO_IMAGE_MODELS, "remix_image": REMIX_IMAGE_MODELS}

CONTRACT_VALUES = [
    *[
        pytest.param(
            op, {**BASE[op], "model": model, "aspect_ratio": ratio, "output_count": 1}, id=f"{op}-{model}-{ratio}"
        )
        for op in BASE
        for model in MODELS_OF[op]
        for ratio in ASPECT_RATIOS
    ],
    pytest.param("text_to_image", {**T2I, "prompt": "abc"}, id="prompt-3"),
    pytest.param("remix_image", {**REMIX, "prompt": "a" * 5000, "callback_url": "https://e.x/cb"}, id="prompt-5000"),
]

REFUSED = [
    *[
        pytest.param(op, _without(BASE[op], name), name, "missing required parameter", id=f"{op}-no-{name}")
        for op in BASE
        for name in BASE[op]
        if name != "aspect_ratio"
    ],
    pytest.param("text_to_image", {**T2I, "prompt": "ab"}, "prompt", "3-5000 characters", id="prompt-2"),
    pytest.param("remix_image", {**REMIX, "prompt": "a" * 5001}, "prompt", "3-5000 characters", id="prompt-5001"),
    pytest.param("remix_image", {**REMIX, "source_image_url": "a.jpg"}, "source_image_url", "URL", id="relative"),
    pytest.param("remix_image", {**REMIX, "source_image_urls": [SOURCE]}, "source_image_urls", "unknown", id="list"),
]

OUTSIDE = [
    ("remix_image", "model", "flux-2-klein"),  # text_to_image only
    ("text_to_image", "output_count", 2),
    ("text_to_image", "aspect_ratio", "21:9"),
]


def test_the_contract_models_and_values():
    assert set(TEXT_TO_IMAGE_MODELS) == {"flux-2-klein", "flux-dev", "flux-pro"}
    assert set(REMIX_IMAGE_MODELS) == {"flux-dev", "flux-pro"}
    assert set(MODELS) == set(TEXT_TO_IMAGE_MODELS)
    assert set(ASPECT_RATIOS) == {"1:1", "4:3", "3:4", "16:9", "9:16", "3:2", "2:3"}


def path(op: str) -> str:
    return f"/api/v1/{FAMILY}/{op}"


def create(client: runapi.Client, op: str, kwargs: dict[str, Any]) -> list[Any]:
    """Create through the public API with HTTP mocked; the requests sent."""
    return sent_creates(client, CLS, op, kwargs)


@pytest.mark.parametrize(("op", "kwargs"), CONTRACT_VALUES)
def test_contract_values_are_accepted_without_a_warning_and_sent_as_given(client, op, kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error", runapi.UnknownValueWarning)
        (call,) = create(client, op, kwargs)
    assert json.loads(call.request.body) == kwargs


@pytest.mark.parametrize(("op", "kwargs", "field_name", "fragment"), REFUSED)
def test_a_value_the_sources_rule_out_is_refused_before_any_request(client, op, kwargs, field_name, fragment):
    with pytest.raises(runapi.ValidationError) as info:
        create(client, op, kwargs)
    assert info.value.field == field_name
    assert fragment in str(info.value)


@pytest.mark.parametrize(("op", "field", "value"), OUTSIDE)
def test_a_value_outside_the_contract_is_refused_when_strict_else_warned_and_sent(client, op, field, value):
    kwargs = {**BASE[op], field: value}
    with pytest.raises(runapi.ValidationError) as info:
        create(client, op, kwargs)  # the family tests' client is strict
    assert info.value.field == field
    with pytest.warns(runapi.UnknownValueWarning, match=field):
        (call,) = create(client.with_options(strict=False), op, kwargs)
    assert json.loads(call.request.body)[field] == value


def test_a_completed_answer_reads_as_typed_images():
    task = ImageTask.from_dict({"id": TASK_ID, "status": "completed", "images": [{"url": IMAGE_URL}]})
    assert task.is_completed and task.error is None
    assert task.images == [Image(url=IMAGE_URL)]
    assert task.output_urls == [IMAGE_URL]
    failed = ImageTask.from_dict({"id": TASK_ID, "status": "failed", "error": "Generation failed"})
    assert failed.is_failed and failed.error == "Generation failed" and failed.output_urls == []


@pytest.mark.parametrize("op", list(BASE))
def test_run_polls_the_status_path_and_returns_the_typed_task(client, op):
    completed = {"id": TASK_ID, "status": "completed", "images": [{"url": IMAGE_URL}]}
    with responses.RequestsMock() as mock:
        mock.post(client.base_url + path(op), status=202, json={"id": TASK_ID, "status": "processing"})
        mock.get(f"{client.base_url}{path(op)}/{TASK_ID}", json=completed)
        task = getattr(CLS(client), op).run(**BASE[op])
    assert isinstance(task, ImageTask) and task.output_urls == [IMAGE_URL]
