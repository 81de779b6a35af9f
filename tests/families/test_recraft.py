"""Recraft (``client.recraft``), checked against the docs' Recraft section.

The examples under ``tests/fixtures/recraft/`` are the section's payloads, copied as data: the two
create bodies (the curl examples; the Ruby, Python and JavaScript examples send the same bodies),
the two 202 answers and the completed answer of an upscale task ("Poll an upscale task"). Both
answers carry the docs' redacted id (``281e5b0*********************f39b9``), which the status path
carries percent-encoded as one segment. No failed or callback example is printed: a failure is the
platform's general shape (docs: Errors > Task-Specific Errors), and the Response Fields table,
shared by both endpoints, says the same (``error``, "when the task fails").

The generic contract checks (the endpoints, ``client.recraft``, every example sent as is or
structured with nothing dropped, run/failed/get on both status paths with the shared completed
answer and the encoded id) live in ``test_every_family.py``. This file keeps what is particular to
Recraft: its models and rules, refusals, typed reads of its answers and its signatures, each call
going through the public API with HTTP mocked by ``responses``, so "refused before any request" is
observed.
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
from runapi._core.params.rules import _literal_values  # the known values of an open (Literal | str) id
from runapi.recraft import MODELS, Image, ImageTask, RemoveBackgroundParams, UpscaleImageParams
from tests.families.contract import strict_converter

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "recraft"
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


# -- the family's surface -------------------------------------------------------------------


def test_the_fixtures_are_exactly_the_documented_examples():
    assert {p.stem for p in EXAMPLES.glob("*.json")} == {*(f"{op}_request" for op in OPS), *ANSWERS}


def test_each_endpoint_takes_its_one_model_and_models_lists_them_all():
    # docs: Recraft > Models, and each table's "Must be ..."
    takes = {op: _literal_values(inspect.get_annotations(cls, eval_str=True)["model"]) for op, cls in PARAMS.items()}
    assert takes == {"upscale_image": ("recraft-crisp-upscale",), "remove_background": ("recraft-remove-background",)}
    assert set(MODELS) == {model for models in takes.values() for model in models}
    assert len(MODELS) == 2


# -- the documented answers, as a user reads them ------------------------------------------------


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
    # the redacted id made a safe name, told apart from other ids by a digest of the id as given
    assert saved.path.parent == tmp_path
    assert re.fullmatch(r"281e5b0_____________________f39b9~[0-9a-f]{10}-0\.png", saved.path.name)
    assert saved.path.read_bytes() == b"\x89PNG recraft"


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


# -- signatures ---------------------------------------------------------------------------------


@pytest.mark.parametrize("op", OPS)
def test_create_shows_the_real_parameters(client, op):
    for method in ("create", "run"):
        signature = inspect.signature(getattr(getattr(client.recraft, op), method))
        assert list(signature.parameters) == ["model", "source_image_url", "callback_url"]
        assert signature.parameters["callback_url"].default is None
        assert signature.parameters["source_image_url"].default is inspect.Parameter.empty
