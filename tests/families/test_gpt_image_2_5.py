"""GPT Image 2.5 (``runapi.gpt_image_2_5``), checked against the official packages.

The family is bound to a client directly (``GptImage25(client)``) until it is registered on the
client. Facts: the official repository's contract (``runapi-ai/gpt-image-2.5-sdk``
``contract_gen.py``: both models, 16 aspect ratios, 1k/2k/4k and its resolution rules, at most 16
source images) and types ("1-16"); the README's quick-start bodies; the package's response model.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest
import responses

import runapi
from runapi.gpt_image_2_5 import ASPECT_RATIOS, MODELS, OUTPUT_RESOLUTIONS, GptImage25, Image, ImageTask
from tests.families.platform_values import sent_creates


def _without(base: dict[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in base.items() if k != name}


FAMILY = "gpt_image_2_5"
CLS = GptImage25
TASK_ID = "550e8400-e29b-41d4-a716-446655440000"
SOURCE = "https://cdn.runapi.ai/public/samples/image.jpg"
IMAGE_URL = "https://tempfile.runapi.ai/gpt-image-2-5/result.png"
# the official README's quick-start bodies
T2I = {
    "model": "gpt-image-2.5-flare",
    "prompt": "A precise product render on white marble",
    "aspect_ratio": "1:1",
    "output_resolution": "1k",
}
EDIT = {
    "model": "gpt-image-2.5-sunburst",
    "prompt": "Change the background to a botanical studio",
    "source_image_urls": [SOURCE],
}
BASE = {"text_to_image": T2I, "edit_image": EDIT}


def _allowed(ratio: str | None) -> tuple[str, ...]:
    """The contract's rules: 1:1 is 1k or 2k; auto or unset is 1k; every other ratio any resolution."""
    return ("1k", "2k") if ratio == "1:1" else ("1k",) if ratio in ("auto", None) else OUTPUT_RESOLUTIONS


CONTRACT_VALUES = [
    *[
        pytest.param(op, {**_without(BASE[op], "output_resolution"), "model": model}, id=f"{op}-{model}")
        for op in BASE
        for model in MODELS
    ],
    *[
        pytest.param(op, {**BASE[op], "aspect_ratio": ratio, "output_resolution": res}, id=f"{op}-{ratio}-{res}")
        for op in BASE
        for ratio in ASPECT_RATIOS
        for res in _allowed(ratio)
    ],
    pytest.param("edit_image", {**EDIT, "source_image_urls": [SOURCE] * 16, "callback_url": "https://e.x/cb"}),
    pytest.param("text_to_image", {**_without(T2I, "aspect_ratio"), "output_resolution": "1k"}, id="unset-1k"),
]

REFUSED = [
    *[
        pytest.param(op, _without(BASE[op], name), name, "missing required parameter", id=f"{op}-no-{name}")
        for op in BASE
        for name in ("model", "prompt", *(("source_image_urls",) if op == "edit_image" else ()))
    ],
    pytest.param("edit_image", {**EDIT, "source_image_urls": []}, "source_image_urls", "1-16", id="no-sources"),
    pytest.param("edit_image", {**EDIT, "source_image_urls": [SOURCE] * 17}, "source_image_urls", "1-16", id="17"),
    pytest.param("text_to_image", {**T2I, "output_resolution": "4k"}, "output_resolution", "1:1", id="1:1-4k"),
    pytest.param(
        "edit_image", {**EDIT, "aspect_ratio": "auto", "output_resolution": "2k"}, "output_resolution", "auto"
    ),
    pytest.param("edit_image", {**EDIT, "output_resolution": "4k"}, "output_resolution", "aspect_ratio", id="unset"),
    pytest.param("text_to_image", {**T2I, "prompt": "  "}, "prompt", "non-blank", id="blank"),
]

OUTSIDE = [
    ("text_to_image", "model", "gpt-image-2"),
    ("edit_image", "aspect_ratio", "7:5"),
    ("text_to_image", "output_resolution", "8k"),
]


def test_the_contract_models_and_values():
    assert set(MODELS) == {"gpt-image-2.5-flare", "gpt-image-2.5-sunburst"}
    assert len(ASPECT_RATIOS) == 16 and "auto" in ASPECT_RATIOS and "9:21" in ASPECT_RATIOS


def test_task_replayed_is_read_from_the_answer():
    task = ImageTask.from_dict({"id": TASK_ID, "status": "processing", "task_replayed": True})
    assert task.task_replayed is True
    assert ImageTask.from_dict({"id": TASK_ID, "status": "processing"}).task_replayed is None


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
