"""GPT Image (``client.gpt_image``), checked against the docs' GPT Image section.

The examples under ``tests/fixtures/gpt_image/`` are the section's payloads, copied as data: per
endpoint, the create body (the same in the curl, Ruby, Python and JavaScript examples), the 202
answer, the processing, completed and failed status answers and the completed and failed callbacks.

The generic contract checks (the endpoints, ``client.gpt_image``, every example sent as is or
structured with nothing dropped, run/failed/get on both status paths) live in
``test_every_family.py``. This file keeps what is particular to GPT Image: its model, enums and
rules, refusals, typed reads of its answers, signed callbacks, downloads and its signatures, each
call going through the public API with HTTP mocked by ``responses``, so "refused before any request"
is observed.
"""

from __future__ import annotations

import inspect
import json
import re
import typing
from pathlib import Path
from typing import Any

import cattrs
import pytest

import runapi
from runapi import webhooks
from runapi._core.params.rules import _literal_values  # the known values of an open (Literal | str) id
from runapi.gpt_image import (
    ASPECT_RATIOS,
    MODELS,
    QUALITIES,
    EditImageParams,
    Image,
    ImageTask,
    TextToImageParams,
)
from tests.families.contract import strict_converter

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "gpt_image"
OPS = ["text_to_image", "edit_image"]
KINDS = ["accepted", "processing", "completed", "failed", "callback_completed", "callback_failed"]
ANSWERS = [f"{op}_{kind}" for op in OPS for kind in KINDS]

# what each documented completed answer holds, as a user reads it
OUTPUT = {
    "text_to_image": "https://file.runapi.ai/generated/image1.png",
    "edit_image": "https://file.runapi.ai/edited/image1.png",
}
SECRET = "c2VjcmV0LWZvci10ZXN0cw=="


def load(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def path(op: str) -> str:
    return f"/api/v1/gpt_image/{op}"


# -- the family's surface -------------------------------------------------------------------


def test_the_fixtures_are_exactly_the_documented_examples():
    assert {p.stem for p in EXAMPLES.glob("*.json")} == {*(f"{op}_request" for op in OPS), *ANSWERS}


def test_the_models_are_the_documented_one_on_both_endpoints():
    # docs: GPT Image > Models (one id, on both endpoints; no per-model rules, so no by() table)
    assert MODELS == ("gpt-image-1.5",)
    for params in (TextToImageParams, EditImageParams):
        hints = typing.get_type_hints(params)
        assert _literal_values(hints["model"]) == MODELS
        assert "__rules__" not in vars(params)


def test_create_shows_the_real_parameters(client):
    signature = inspect.signature(client.gpt_image.text_to_image.create)
    assert list(signature.parameters) == ["model", "prompt", "aspect_ratio", "quality", "callback_url"]
    assert signature.parameters["callback_url"].default is None
    assert list(inspect.signature(client.gpt_image.edit_image.run).parameters)[:3] == [
        "model",
        "prompt",
        "source_image_urls",
    ]


# -- the documented answers, as a user reads them ------------------------------------------------


def test_the_strict_check_does_catch_an_unmodelled_field():
    payload = load("text_to_image_completed")
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "model": "gpt-image-1.5"}, ImageTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "images": [{"url": "u", "width": 1024}]}, ImageTask)


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("kind", ["completed", "callback_completed"])
def test_completed_answer_reads_as_typed_images(op, kind):
    task = ImageTask.from_dict(load(f"{op}_{kind}"))

    assert task.is_completed
    assert task.error is None
    assert task.images == [Image(url=OUTPUT[op])]
    assert task.output_urls == [OUTPUT[op]]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("text_to_image_failed", "Generation failed."),
        ("text_to_image_callback_failed", "Task failed"),
        ("edit_image_failed", "Edit failed."),
        ("edit_image_callback_failed", "Edit failed"),
    ],
)
def test_failed_answer_carries_the_reason_and_no_outputs(name, reason):
    task = ImageTask.from_dict(load(name))
    assert task.is_failed
    assert task.error == reason
    assert task.output_urls == []


def test_several_images_are_listed_in_order_and_unset_urls_skipped():
    payload = {
        **load("text_to_image_completed"),
        "images": [{"url": "https://f/a.png"}, {}, {"url": "https://f/b.png"}],
    }
    assert ImageTask.from_dict(payload).output_urls == ["https://f/a.png", "https://f/b.png"]


@pytest.mark.parametrize("name", [f"{op}_{kind}" for op in OPS for kind in ("callback_completed", "callback_failed")])
def test_a_signed_callback_unwraps_into_the_task_class(name):
    raw = (EXAMPLES / f"{name}.json").read_bytes()
    headers = webhooks.sign(raw, SECRET, timestamp=1_700_000_000)

    callback = webhooks.unwrap(raw, headers, SECRET, task_type=ImageTask, now=1_700_000_000)

    assert type(callback.task) is ImageTask
    assert callback.task == ImageTask.from_dict(load(name))
    assert callback.payload == load(name)


@pytest.mark.parametrize("op", OPS)
def test_download_outputs_saves_the_documented_image(client, http, tmp_path, op):
    task = ImageTask.from_dict(load(f"{op}_completed"))
    http.get(OUTPUT[op], body=b"\x89PNG gpt-image", content_type="image/png")

    (saved,) = client.download_outputs(task, tmp_path)

    assert saved.path == tmp_path / f"{task.id}-0.png"
    assert saved.path.read_bytes() == b"\x89PNG gpt-image"


# -- what the endpoints accept ---------------------------------------------------------------------

SOURCE = "https://cdn.runapi.ai/public/samples/image.jpg"
T2I = {"model": "gpt-image-1.5", "prompt": "An astronaut", "aspect_ratio": "1:1", "quality": "high"}
EDIT = {**T2I, "prompt": "Make it an oil painting", "source_image_urls": [SOURCE]}
BASE = {"text_to_image": T2I, "edit_image": EDIT}

ACCEPTED_CALLS = [
    *[
        pytest.param(op, {**BASE[op], "aspect_ratio": ratio, "quality": quality}, id=f"{op}-{ratio}-{quality}")
        for op in OPS
        for ratio in ("1:1", "2:3", "3:2")
        for quality in ("medium", "high")
    ],
    pytest.param("text_to_image", {**T2I, "callback_url": "https://example.com/callbacks/runapi"}, id="callback"),
    pytest.param("edit_image", {**EDIT, "source_image_urls": [SOURCE] * 16}, id="edit-16-images"),
    pytest.param("edit_image", {**EDIT, "source_image_urls": [SOURCE, "http://example.com/b.png"]}, id="edit-2-images"),
]


@pytest.mark.parametrize(("op", "kwargs"), ACCEPTED_CALLS)
def test_valid_values_are_accepted_and_sent_unchanged(client, http, op, kwargs):
    http.post(client.base_url + path(op), status=202, json=load(f"{op}_accepted"))

    getattr(client.gpt_image, op).create(**kwargs)

    assert json.loads(http.calls[0].request.body) == kwargs  # nothing added (no guessed defaults)


def _without(kwargs: dict[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in kwargs.items() if k != name}


REFUSED = [
    *[
        pytest.param(op, _without(BASE[op], name), name, f"missing required parameter {name!r}", id=f"{op}-no-{name}")
        for op in OPS
        for name in ("model", "prompt", "aspect_ratio", "quality")
    ],
    pytest.param(
        "edit_image",
        _without(EDIT, "source_image_urls"),
        "source_image_urls",
        "missing required parameter 'source_image_urls'",
        id="edit-no-sources",
    ),
    pytest.param("text_to_image", {**T2I, "prompt": "   "}, "prompt", "a non-blank string", id="blank-prompt"),
    pytest.param("edit_image", {**EDIT, "prompt": ""}, "prompt", "a non-blank string", id="edit-empty-prompt"),
    pytest.param(
        "edit_image",
        {**EDIT, "source_image_urls": []},
        "source_image_urls",
        "a list of 1-16 absolute http(s) URLs; got 0 items",
        id="edit-0-images",
    ),
    pytest.param(
        "edit_image",
        {**EDIT, "source_image_urls": [SOURCE] * 17},
        "source_image_urls",
        "a list of 1-16 absolute http(s) URLs; got 17 items",
        id="edit-17-images",
    ),
    pytest.param(
        "edit_image",
        {**EDIT, "source_image_urls": [SOURCE, "image.jpg"]},
        "source_image_urls[1]",
        "source_image_urls[1] must be an absolute http(s) URL; got 'image.jpg'",
        id="edit-relative-url",
    ),
    pytest.param(
        "edit_image", {**EDIT, "source_image_urls": SOURCE}, "source_image_urls", "a list of", id="edit-url-not-a-list"
    ),
    pytest.param(
        "text_to_image",
        {**T2I, "callback_url": "example.com/cb"},
        "callback_url",
        "http(s) URL",
        id="callback-no-scheme",
    ),
    pytest.param(
        "text_to_image",
        {**T2I, "source_image_urls": [SOURCE]},
        "source_image_urls",
        "unknown parameter",
        id="text-takes-no-sources",
    ),
]


@pytest.mark.parametrize(("op", "kwargs", "field_name", "fragment"), REFUSED)
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, http, op, kwargs, field_name, fragment):
    http.post(client.base_url + path(op), status=202, json=load(f"{op}_accepted"))  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.gpt_image, op).create(**kwargs)

    assert info.value.field == field_name
    assert fragment in str(info.value)
    assert len(http.calls) == 0


ENUM_REFUSALS = [
    *[
        pytest.param(op, {**BASE[op], "model": bad}, "model", MODELS, id=f"{op}-model-{bad}")
        for op in OPS
        for bad in ("gpt-image-1", "gpt-image-2", "GPT-IMAGE-1.5")
    ],
    *[
        pytest.param(op, {**BASE[op], "aspect_ratio": bad}, "aspect_ratio", ASPECT_RATIOS, id=f"{op}-aspect-{bad}")
        for op in OPS
        for bad in ("16:9", "auto", "1:2")
    ],
    *[
        pytest.param(op, {**BASE[op], "quality": bad}, "quality", QUALITIES, id=f"{op}-quality-{bad}")
        for op in OPS
        for bad in ("low", "auto", "HIGH")
    ],
]


@pytest.mark.parametrize(("op", "kwargs", "field_name", "allowed"), ENUM_REFUSALS)
def test_an_enum_refusal_names_the_field_and_every_allowed_value(client, http, op, kwargs, field_name, allowed):
    http.post(client.base_url + path(op), status=202, json=load(f"{op}_accepted"))  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.gpt_image, op).create(**kwargs)

    message = str(info.value)
    assert info.value.field == field_name
    assert message.startswith(f"{field_name} must be one of ")
    assert message.endswith(f"; got {kwargs[field_name]!r}")
    assert sorted(re.findall(r"'([^']*)'", message.split("; got")[0])) == sorted(allowed)
    assert len(http.calls) == 0


def test_the_enums_are_the_documented_values():
    # docs: GPT Image > Request Parameters (the same lists on both endpoints)
    assert set(ASPECT_RATIOS) == {"1:1", "2:3", "3:2"}
    assert set(QUALITIES) == {"medium", "high"}
