"""GPT Image 2 (``client.gpt_image_2``), checked against the docs' GPT Image 2 section.

The examples under ``tests/fixtures/gpt_image_2/`` are the section's payloads, copied as data: the two
create bodies (curl) and their 202 answers. The section prints no status or callback example ("Returns
the current task status and images when the task completes"), so the completed and failed answers
below are built in the platform's documented image shape (``images[].url``; ``error``), as
``runapi/gpt_image_2.py`` reads them.

The generic contract checks (the endpoints, ``client.gpt_image_2``, every example sent as is or
structured with nothing dropped, failed and get on both status paths) live in
``test_every_family.py``. This file keeps what is particular to GPT Image 2: its model and its
aspect-ratio x resolution rules, refusals, the built completed and failed answers (modelled, and
what ``run`` polls until), downloads and its signatures, each call going through the public API with
HTTP mocked by ``responses`` and the fake clock, so "refused before any request" and "polled, never
slept" are observed.
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
import responses
from responses import registries

import runapi
from runapi._core.options import DURATIONS
from runapi._core.params.rules import _literal_values  # the known values of an open (Literal | str) id
from runapi.gpt_image_2 import (
    ASPECT_RATIOS,
    MODELS,
    OUTPUT_RESOLUTIONS,
    RESOLUTION_RULES,
    EditImageParams,
    Image,
    ImageTask,
    TextToImageParams,
)
from tests.conftest import FakeClock
from tests.families.contract import assert_mirrors, strict_converter
from tests.families.platform_values import contract_values

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "gpt_image_2"
ordered = responses.activate(registry=registries.OrderedRegistry)
OPS = ["text_to_image", "edit_image"]
IMAGE_URL = "https://file.runapi.ai/generated/gpt-image-2.png"
CONTRACT_RATIOS = ("3:2", "2:3", "5:4", "4:5", "2:1", "1:2", "3:1", "1:3", "21:9", "9:21")
"""The aspect ratios the newer platform contract adds to the docs' six."""


def load(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def path(op: str) -> str:
    return f"/api/v1/gpt_image_2/{op}"


def completed(op: str) -> dict[str, Any]:
    """A completed status answer for the op's documented task (the docs print none)."""
    return {"id": load(f"{op}_accepted")["id"], "status": "completed", "images": [{"url": IMAGE_URL}]}


def failed(op: str) -> dict[str, Any]:
    return {"id": load(f"{op}_accepted")["id"], "status": "failed", "error": "Generation failed."}


# -- the family's surface -------------------------------------------------------------------


def test_the_fixtures_are_exactly_the_documented_examples():
    assert {p.stem for p in EXAMPLES.glob("*.json")} == {
        f"{op}_{kind}" for op in OPS for kind in ("request", "accepted")
    }


def test_the_models_are_the_documented_one_on_both_endpoints():
    # docs: GPT Image 2 > Models (one id on both endpoints, the same values: no per-model table)
    assert MODELS == ("gpt-image-2",)
    for params in (TextToImageParams, EditImageParams):
        assert _literal_values(typing.get_type_hints(params)["model"]) == MODELS


def test_the_rules_tables_key_on_documented_aspect_ratios_and_allow_documented_resolutions():
    by_value, by_presence = RESOLUTION_RULES
    assert by_value.field == by_presence.field == "aspect_ratio"
    assert set(by_value.table) <= set(ASPECT_RATIOS)
    assert set(by_presence.table) == {False}  # only "unset" has a rule
    # the docs' six and the newer platform contract's ten more (gpt-image-2/text-to-image, edit-image)
    assert set(ASPECT_RATIOS) == {"auto", "1:1", "9:16", "16:9", "4:3", "3:4"} | set(CONTRACT_RATIOS)
    assert set(OUTPUT_RESOLUTIONS) == {"1k", "2k", "4k"}


def test_create_shows_the_real_parameters(client):
    signature = inspect.signature(client.gpt_image_2.text_to_image.create)
    assert list(signature.parameters) == ["model", "prompt", "aspect_ratio", "output_resolution", "callback_url"]
    assert signature.parameters["aspect_ratio"].default is None
    assert list(inspect.signature(client.gpt_image_2.edit_image.run).parameters)[:3] == [
        "model",
        "prompt",
        "source_image_urls",
    ]


# -- the built status answers structure with nothing dropped ----------------------------------


@pytest.mark.parametrize("op", OPS)
def test_completed_and_failed_answers_are_modelled(op):
    for payload in (completed(op), failed(op)):
        task = ImageTask.from_dict(payload)
        assert strict_converter().structure(payload, ImageTask) == task
        assert_mirrors(task, payload, op)
    done = ImageTask.from_dict(completed(op))
    assert done.images == [Image(url=IMAGE_URL)]
    assert done.output_urls == [IMAGE_URL]
    assert ImageTask.from_dict(failed(op)).output_urls == []


def test_the_strict_check_does_catch_an_unmodelled_field():
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**completed("text_to_image"), "model": "gpt-image-2"}, ImageTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({"id": "t", "images": [{"url": "u", "width": 1}]}, ImageTask)


def test_undocumented_result_data_is_kept_on_raw():
    payload = {**completed("edit_image"), "model": "gpt-image-2", "images": [{"url": IMAGE_URL, "width": 2048}]}
    task = ImageTask.from_dict(payload)
    assert task.output_urls == [IMAGE_URL]
    assert task.raw["images"][0]["width"] == 2048


def test_download_outputs_saves_the_image(client, http, tmp_path):
    task = ImageTask.from_dict(completed("text_to_image"))
    http.get(IMAGE_URL, body=b"\x89PNG gpt-image-2", content_type="image/png")

    (saved,) = client.download_outputs(task, tmp_path)

    assert saved.path == tmp_path / f"{task.id}-0.png"
    assert saved.path.read_bytes() == b"\x89PNG gpt-image-2"


# -- create -> wait -> completed / failed, on the documented status paths -----------------------


@pytest.mark.parametrize("op", OPS)
@ordered
def test_run_polls_the_status_path_until_completed(client, fake_clock: FakeClock, op):
    body = load(f"{op}_request")
    accepted = load(f"{op}_accepted")
    status_url = f"{client.base_url}{path(op)}/{accepted['id']}"
    responses.post(client.base_url + path(op), status=202, json=accepted)
    responses.get(status_url, json=accepted)  # still processing
    responses.get(status_url, json=completed(op))

    task = getattr(client.gpt_image_2, op).run(**body)

    assert type(task) is ImageTask
    assert task.raw == completed(op)
    assert task.output_urls == [IMAGE_URL]
    calls = [(call.request.method, call.request.url) for call in responses.calls]
    assert calls == [("POST", client.base_url + path(op)), ("GET", status_url), ("GET", status_url)]
    assert json.loads(responses.calls[0].request.body) == body
    # two waits before the two polls, on the fake clock; the first is the image window's low end
    assert len(fake_clock.sleeps) == 2
    assert fake_clock.sleeps[0] == DURATIONS["image"].low == 10


# -- aspect_ratio x output_resolution ("A 1:1 image cannot be 4k; auto/unset only supports 1k") ---

SOURCE = "https://raw.githubusercontent.com/github/explore/main/topics/python/python.png"
T2I = {"model": "gpt-image-2", "prompt": "A neon night city poster"}
EDIT = {**T2I, "source_image_urls": [SOURCE]}
BASE = {"text_to_image": T2I, "edit_image": EDIT}

# the docs' sentence, spelled out for every aspect ratio (None: not given)
ALLOWED_RESOLUTIONS = {
    None: {"1k"},
    "auto": {"1k"},
    "1:1": {"1k", "2k"},
    "9:16": {"1k", "2k", "4k"},
    "16:9": {"1k", "2k", "4k"},
    "4:3": {"1k", "2k", "4k"},
    "3:4": {"1k", "2k", "4k"},
    # newer source (the platform contract): ten more ratios, no resolution rule for them
    **{ratio: {"1k", "2k", "4k"} for ratio in ("3:2", "2:3", "5:4", "4:5", "2:1", "1:2", "3:1", "1:3", "21:9", "9:21")},
}
COMBINATIONS = [
    pytest.param(op, ratio, resolution, id=f"{op}-{ratio or 'unset'}-{resolution}")
    for op in OPS
    for ratio in ALLOWED_RESOLUTIONS
    for resolution in ("1k", "2k", "4k")
]


def test_every_documented_aspect_ratio_is_in_the_matrix():
    assert set(ALLOWED_RESOLUTIONS) - {None} == set(ASPECT_RATIOS)


@pytest.mark.parametrize(("op", "ratio", "resolution"), COMBINATIONS)
def test_output_resolution_is_allowed_per_aspect_ratio(client, http, op, ratio, resolution):
    http.post(client.base_url + path(op), status=202, json=load(f"{op}_accepted"))
    kwargs = {**BASE[op], "output_resolution": resolution}
    if ratio is not None:
        kwargs["aspect_ratio"] = ratio

    if resolution in ALLOWED_RESOLUTIONS[ratio]:
        getattr(client.gpt_image_2, op).create(**kwargs)
        assert json.loads(http.calls[0].request.body) == kwargs
        return
    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.gpt_image_2, op).create(**kwargs)
    allowed = ", ".join(repr(r) for r in ("1k", "2k", "4k") if r in ALLOWED_RESOLUTIONS[ratio])
    when = "when aspect_ratio is not given" if ratio is None else f"for aspect_ratio {ratio!r}"
    assert info.value.field == "output_resolution"
    assert str(info.value) == f"output_resolution must be one of {allowed}; got {resolution!r} ({when})"
    assert len(http.calls) == 0


# -- what else the endpoints accept -----------------------------------------------------------

ACCEPTED_CALLS = [
    *[pytest.param(op, BASE[op], id=f"{op}-required-only") for op in OPS],
    *[pytest.param(op, {**BASE[op], "prompt": "p" * 20_000}, id=f"{op}-20000-chars") for op in OPS],
    *[
        pytest.param(op, {**BASE[op], "aspect_ratio": ratio}, id=f"{op}-{ratio}")
        for op in OPS
        for ratio in ASPECT_RATIOS
    ],
    pytest.param("text_to_image", {**T2I, "callback_url": "https://example.com/callbacks/runapi"}, id="callback"),
    pytest.param("edit_image", {**EDIT, "source_image_urls": [SOURCE] * 16}, id="edit-16-images"),
]


@pytest.mark.parametrize(("op", "kwargs"), ACCEPTED_CALLS)
def test_valid_values_are_accepted_and_sent_unchanged(client, http, op, kwargs):
    http.post(client.base_url + path(op), status=202, json=load(f"{op}_accepted"))

    getattr(client.gpt_image_2, op).create(**kwargs)

    assert json.loads(http.calls[0].request.body) == kwargs  # nothing added (no guessed defaults)


@pytest.mark.parametrize(("op", "model", "name", "value"), contract_values("gpt-image-2"))
def test_every_platform_contract_value_is_accepted_and_sent_as_given(client, http, op, model, name, value):
    # the platform contract (tests/contract/platform-contract.json), newer than the docs
    http.post(client.base_url + path(op), status=202, json=load(f"{op}_accepted"))
    kwargs = {**BASE[op], "model": model, name: value}
    if name == "output_resolution":
        kwargs["aspect_ratio"] = "16:9"  # a ratio that allows every resolution (RESOLUTION_RULES)

    getattr(client.gpt_image_2, op).create(**kwargs)

    assert json.loads(http.calls[0].request.body) == kwargs


REFUSED = [
    *[
        pytest.param(
            op,
            {**BASE[op], "prompt": "p" * 20_001},
            "prompt",
            "prompt must be a non-blank string of 1-20000 characters; got 20001 characters",
            id=f"{op}-20001-chars",
        )
        for op in OPS
    ],
    pytest.param("text_to_image", {**T2I, "prompt": " "}, "prompt", "a non-blank string", id="blank-prompt"),
    pytest.param("text_to_image", {"model": "gpt-image-2"}, "prompt", "missing required parameter", id="no-prompt"),
    pytest.param(
        "edit_image", T2I, "source_image_urls", "missing required parameter 'source_image_urls'", id="edit-no-sources"
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
        {**EDIT, "source_image_urls": []},
        "source_image_urls",
        "a list of 1-16 absolute http(s) URLs; got 0 items",
        id="edit-0-images",
    ),
    pytest.param(
        "edit_image",
        {**EDIT, "source_image_urls": ["ftp://example.com/a.png"]},
        "source_image_urls[0]",
        "source_image_urls[0] must be an absolute http(s) URL",
        id="edit-ftp-url",
    ),
    pytest.param(
        "edit_image",
        {**EDIT, "callback_url": "/callbacks"},
        "callback_url",
        "http(s) URL",
        id="callback-relative",
    ),
    pytest.param(
        "text_to_image", {**T2I, "source_image_urls": [SOURCE]}, "source_image_urls", "unknown parameter", id="no-src"
    ),
    pytest.param("text_to_image", {**T2I, "quality": "high"}, "quality", "unknown parameter", id="no-quality"),
]


@pytest.mark.parametrize(("op", "kwargs", "field_name", "fragment"), REFUSED)
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, http, op, kwargs, field_name, fragment):
    http.post(client.base_url + path(op), status=202, json=load(f"{op}_accepted"))  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.gpt_image_2, op).create(**kwargs)

    assert info.value.field == field_name
    assert fragment in str(info.value)
    assert len(http.calls) == 0


ENUM_REFUSALS = [
    *[pytest.param(op, {**BASE[op], "model": "gpt-image-1.5"}, "model", MODELS, id=f"{op}-model") for op in OPS],
    *[
        pytest.param(op, {**BASE[op], "aspect_ratio": bad}, "aspect_ratio", ASPECT_RATIOS, id=f"{op}-aspect-{bad}")
        for op in OPS
        for bad in ("7:3", "4:1", "AUTO")
    ],
    *[
        pytest.param(
            op, {**BASE[op], "output_resolution": bad}, "output_resolution", OUTPUT_RESOLUTIONS, id=f"{op}-res-{bad}"
        )
        for op in OPS
        for bad in ("8k", "2K", "1080p")
    ],
]


@pytest.mark.parametrize(("op", "kwargs", "field_name", "allowed"), ENUM_REFUSALS)
def test_an_enum_refusal_names_the_field_and_every_allowed_value(client, http, op, kwargs, field_name, allowed):
    http.post(client.base_url + path(op), status=202, json=load(f"{op}_accepted"))  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.gpt_image_2, op).create(**kwargs)

    message = str(info.value)
    assert info.value.field == field_name
    assert message.startswith(f"{field_name} must be one of ")
    assert message.endswith(f"; got {kwargs[field_name]!r}")
    assert sorted(re.findall(r"'([^']*)'", message.split("; got")[0])) == sorted(allowed)
    assert len(http.calls) == 0
