"""Ideogram V3 (``client.ideogram_v3``), checked against the docs' Ideogram V3 section.

The examples under ``tests/fixtures/ideogram_v3/`` are the section's payloads, copied as data: the
four create bodies (curl examples), the four 202 answers, and the completed and failed status
answers printed under "Get Ideogram V3 Text-to-Image Status" (the other three status endpoints'
"Response shape matches the text-to-image status endpoint", so those two answers serve all four).
No processing or callback example is printed: the 202 answer is the documented "processing" shape,
and a callback body is a final status answer (docs: Callbacks).

The character variants (``ideogram-v3-character``, ``-character-edit``, ``-character-remix``) are
checked through the per-model tables: what each model requires, refuses and narrows.

The generic contract checks (the endpoints, ``client.ideogram_v3``, every example sent as is or
structured with nothing dropped, run/failed/get on the four status paths with the shared status
answers) live in ``test_every_family.py``. This file keeps what is particular to Ideogram V3: its
models, styles and per-model rules, refusals, typed reads of its answers and its signatures, each
call going through the public API with HTTP mocked by ``responses``, so "refused before any request"
is observed.
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
from runapi.ideogram_v3 import (
    ASPECT_RATIOS,
    CHARACTER_MODELS,
    CHARACTER_STYLES,
    EDIT_IMAGE_RULES,
    GENERAL_STYLES,
    MODELS,
    REFRAME_IMAGE_RULES,
    REMIX_IMAGE_RULES,
    STYLES,
    TEXT_TO_IMAGE_RULES,
    EditImageParams,
    Image,
    ImageTask,
    ReframeImageParams,
    RemixImageParams,
    TextToImageParams,
)
from tests.families.contract import strict_converter

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "ideogram_v3"
OPS = ["text_to_image", "edit_image", "remix_image", "reframe_image"]
PARAMS = {
    "text_to_image": TextToImageParams,
    "edit_image": EditImageParams,
    "remix_image": RemixImageParams,
    "reframe_image": ReframeImageParams,
}
TABLES = {
    "text_to_image": TEXT_TO_IMAGE_RULES,
    "edit_image": EDIT_IMAGE_RULES,
    "remix_image": REMIX_IMAGE_RULES,
    "reframe_image": REFRAME_IMAGE_RULES,
}
ANSWERS = [*(f"{op}_accepted" for op in OPS), "text_to_image_completed", "text_to_image_failed"]
TASK_ID = "281e5b0f39b9"
IMAGE_URL = "https://file.runapi.ai/ideogram/result.png"


def load(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def path(op: str) -> str:
    return f"/api/v1/ideogram_v3/{op}"


def models_of(op: str) -> tuple[str, ...]:
    return _literal_values(inspect.get_annotations(PARAMS[op], eval_str=True)["model"])


# -- the family's surface -------------------------------------------------------------------


def test_the_fixtures_are_exactly_the_documented_examples():
    assert {p.stem for p in EXAMPLES.glob("*.json")} == {*(f"{op}_request" for op in OPS), *ANSWERS}


def test_every_model_in_the_rules_tables_is_a_model_and_the_other_way_round():
    for op, table in TABLES.items():
        assert table.field == "model"
        assert set(table.table) == set(models_of(op)), op
    assert {model for table in TABLES.values() for model in table.table} == set(MODELS)
    # docs: Ideogram V3 > Models lists seven
    assert set(MODELS) == {
        "ideogram-v3-text-to-image",
        "ideogram-v3-edit",
        "ideogram-v3-remix",
        "ideogram-v3-character",
        "ideogram-v3-character-edit",
        "ideogram-v3-character-remix",
        "ideogram-v3-reframe",
    }


def test_the_character_models_are_the_ones_that_require_reference_images():
    requiring = {
        model
        for table in TABLES.values()
        for model, entry in table.table.items()
        if "reference_image_urls" in entry.required
    }
    refusing = {
        model
        for table in TABLES.values()
        for model, entry in table.table.items()
        if "reference_image_urls" in entry.refused
    }
    assert requiring == set(CHARACTER_MODELS)
    assert refusing == {"ideogram-v3-text-to-image", "ideogram-v3-edit", "ideogram-v3-remix"}


def test_the_style_lists_are_the_documented_ones():
    assert GENERAL_STYLES == ("auto", "general", "realistic", "design")
    assert CHARACTER_STYLES == ("auto", "realistic", "fiction")
    assert set(STYLES) == set(GENERAL_STYLES) | set(CHARACTER_STYLES)
    assert ASPECT_RATIOS == ("1:1", "3:4", "9:16", "4:3", "16:9")


# -- the documented answers, as a user reads them ------------------------------------------------


def test_the_strict_check_does_catch_an_unmodelled_field():
    payload = load("text_to_image_completed")
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "style": "realistic"}, ImageTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "images": [{"url": "u", "seed": 7}]}, ImageTask)


def test_completed_answer_reads_as_typed_images():
    task = ImageTask.from_dict(load("text_to_image_completed"))

    assert task.is_completed
    assert task.error is None
    assert task.images == [Image(url=IMAGE_URL)]
    assert task.output_urls == [IMAGE_URL]


def test_failed_answer_carries_the_reason_and_no_outputs():
    task = ImageTask.from_dict(load("text_to_image_failed"))
    assert task.is_failed
    assert task.error == "Prompt rejected"
    assert task.output_urls == []


def test_several_images_are_listed_in_order_and_unset_urls_skipped():
    # output_count makes up to four images (the docs' example has one)
    payload = {
        **load("text_to_image_completed"),
        "images": [{"url": "https://f/a.png"}, {}, {"url": "https://f/b.png"}],
    }
    assert ImageTask.from_dict(payload).output_urls == ["https://f/a.png", "https://f/b.png"]


def test_download_outputs_saves_the_documented_image(client, tmp_path):
    task = ImageTask.from_dict(load("text_to_image_completed"))
    with responses.RequestsMock() as mock:
        mock.get(IMAGE_URL, body=b"\x89PNG ideogram", content_type="image/png")
        (saved,) = client.download_outputs(task, tmp_path)
    assert saved.path == tmp_path / f"{TASK_ID}-0.png"
    assert saved.path.read_bytes() == b"\x89PNG ideogram"


# -- what each model accepts -------------------------------------------------------------------

SOURCE = "https://cdn.runapi.ai/public/samples/image.jpg"
MASK = "https://cdn.runapi.ai/public/samples/mask.png"
REFS = ["https://cdn.runapi.ai/public/samples/character.png"]
T2I = {"model": "ideogram-v3-text-to-image", "prompt": "A lakeside at twilight"}
CHAR = {"model": "ideogram-v3-character", "prompt": "The hero at a lakeside", "reference_image_urls": REFS}
EDIT = {"model": "ideogram-v3-edit", "prompt": "A cowboy hat", "source_image_url": SOURCE, "mask_url": MASK}
CHAR_EDIT = {**EDIT, "model": "ideogram-v3-character-edit", "reference_image_urls": REFS}
REMIX = {"model": "ideogram-v3-remix", "prompt": "Make it a sphere", "source_image_url": SOURCE}
CHAR_REMIX = {**REMIX, "model": "ideogram-v3-character-remix", "reference_image_urls": REFS}
REFRAME = {"model": "ideogram-v3-reframe", "source_image_url": SOURCE, "aspect_ratio": "16:9"}
COMMON = {"rendering_speed": "quality", "output_count": 4, "seed": 7, "callback_url": "https://example.com/cb"}
CHARACTER_REMIX_ONLY = {"style_reference_image_urls": [SOURCE], "reference_mask_urls": [MASK]}
MINIMAL = {"text_to_image": T2I, "edit_image": EDIT, "remix_image": REMIX, "reframe_image": REFRAME}
SPEEDS = ("turbo", "balanced", "quality")

ACCEPTED_CALLS = [
    # text_to_image, both models
    pytest.param("text_to_image", T2I, id="t2i-minimal"),
    pytest.param(
        "text_to_image",
        {**T2I, **COMMON, "prompt": "a" * 5000, "negative_prompt": "b" * 5000, "enable_prompt_expansion": True},
        id="t2i-everything",
    ),
    *[pytest.param("text_to_image", {**T2I, "style": s}, id=f"t2i-style-{s}") for s in GENERAL_STYLES],
    *[pytest.param("text_to_image", {**T2I, "aspect_ratio": r}, id=f"t2i-aspect-{r}") for r in ASPECT_RATIOS],
    *[pytest.param("text_to_image", {**T2I, "output_count": n}, id=f"t2i-count-{n}") for n in (1, 2, 3, 4)],
    pytest.param("text_to_image", CHAR, id="character-minimal"),
    *[pytest.param("text_to_image", {**CHAR, "style": s}, id=f"character-style-{s}") for s in CHARACTER_STYLES],
    pytest.param(
        "text_to_image",
        {**CHAR, **COMMON, "aspect_ratio": "9:16", "negative_prompt": "blur", "enable_prompt_expansion": False},
        id="character-everything",
    ),
    pytest.param(
        "text_to_image",
        {**CHAR, "reference_image_urls": [*REFS, SOURCE]},
        id="character-two-references",  # only the first is used; the array is sent as given
    ),
    # edit_image
    pytest.param("edit_image", EDIT, id="edit-minimal"),
    pytest.param("edit_image", {**EDIT, **COMMON, "enable_prompt_expansion": True}, id="edit-everything"),
    pytest.param("edit_image", CHAR_EDIT, id="character-edit-minimal"),
    *[pytest.param("edit_image", {**CHAR_EDIT, "style": s}, id=f"character-edit-{s}") for s in CHARACTER_STYLES],
    # remix_image
    pytest.param("remix_image", REMIX, id="remix-minimal"),
    pytest.param("remix_image", {**REMIX, "strength": 0.01, "negative_prompt": "a" * 5000}, id="remix-low-ends"),
    pytest.param("remix_image", {**REMIX, "strength": 1, **COMMON, "aspect_ratio": "4:3"}, id="remix-high-ends"),
    *[pytest.param("remix_image", {**REMIX, "style": s}, id=f"remix-style-{s}") for s in GENERAL_STYLES],
    pytest.param("remix_image", CHAR_REMIX, id="character-remix-minimal"),
    pytest.param(
        "remix_image",
        {**CHAR_REMIX, "strength": 0.1, "negative_prompt": "a" * 500, "style": "fiction", **CHARACTER_REMIX_ONLY},
        id="character-remix-everything",
    ),
    pytest.param("remix_image", {**CHAR_REMIX, "strength": 1.0}, id="character-remix-strength-1"),
    # reframe_image
    *[pytest.param("reframe_image", {**REFRAME, "aspect_ratio": r}, id=f"reframe-{r}") for r in ASPECT_RATIOS],
    *[pytest.param("reframe_image", {**REFRAME, "style": s}, id=f"reframe-style-{s}") for s in GENERAL_STYLES],
    pytest.param("reframe_image", {**REFRAME, **COMMON}, id="reframe-everything"),
]


@pytest.mark.parametrize(("op", "kwargs"), ACCEPTED_CALLS)
@responses.activate
def test_valid_values_are_accepted_and_sent_unchanged(client, op, kwargs):
    responses.post(client.base_url + path(op), status=202, json=load(f"{op}_accepted"))

    getattr(client.ideogram_v3, op).create(**kwargs)

    assert json.loads(responses.calls[0].request.body) == kwargs  # nothing added (no guessed defaults)


def _without(base: dict[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in base.items() if k != name}


def _refused(op: str, base: dict[str, Any], name: str, value: Any, only: str) -> Any:
    return pytest.param(
        op,
        {**base, name: value},
        name,
        f"{name} is not accepted for model '{base['model']}'; only for '{only}'",
        id=f"{base['model']}-refuses-{name}",
    )


REFUSED = [
    # the character models require a character reference
    *[
        pytest.param(
            op,
            _without(base, "reference_image_urls"),
            "reference_image_urls",
            f"reference_image_urls is required for model '{base['model']}'",
            id=f"{base['model']}-needs-references",
        )
        for op, base in (("text_to_image", CHAR), ("edit_image", CHAR_EDIT), ("remix_image", CHAR_REMIX))
    ],
    # ... and the plain models refuse it, naming the model that takes it
    _refused("text_to_image", T2I, "reference_image_urls", REFS, "ideogram-v3-character"),
    _refused("edit_image", EDIT, "reference_image_urls", REFS, "ideogram-v3-character-edit"),
    _refused("remix_image", REMIX, "reference_image_urls", REFS, "ideogram-v3-character-remix"),
    # fields of one character model only
    _refused("edit_image", EDIT, "style", "auto", "ideogram-v3-character-edit"),
    *[
        _refused("remix_image", REMIX, name, value, "ideogram-v3-character-remix")
        for name, value in CHARACTER_REMIX_ONLY.items()
    ],
    # styles per model
    *[
        pytest.param(
            op,
            {**base, "style": style},
            "style",
            f"one of 'auto', 'general', 'realistic', 'design'; got {style!r} (for model '{base['model']}')",
            id=f"{base['model']}-style-{style}",
        )
        for op, base in (("text_to_image", T2I), ("remix_image", REMIX))
        for style in ("fiction",)
    ],
    *[
        pytest.param(
            op,
            {**base, "style": style},
            "style",
            f"style must be one of 'auto', 'realistic', 'fiction'; got {style!r} (for model '{base['model']}')",
            id=f"{base['model']}-style-{style}",
        )
        for op, base in (("text_to_image", CHAR), ("remix_image", CHAR_REMIX))
        for style in ("general", "design")
    ],
    # character remix narrows strength and negative_prompt
    pytest.param(
        "remix_image",
        {**CHAR_REMIX, "strength": 0.05},
        "strength",
        "a number from 0.1 to 1; got 0.05 (for model 'ideogram-v3-character-remix')",
        id="character-remix-strength-0.05",
    ),
    pytest.param(
        "remix_image",
        {**CHAR_REMIX, "negative_prompt": "a" * 501},
        "negative_prompt",
        "1-500 characters; got 501 characters (for model 'ideogram-v3-character-remix')",
        id="character-remix-negative-501",
    ),
    pytest.param(
        "remix_image", {**REMIX, "strength": 0.005}, "strength", "a number from 0.01 to 1; got 0.005", id="strength-low"
    ),
    pytest.param("remix_image", {**REMIX, "strength": 1.5}, "strength", "a number from 0.01 to 1", id="strength-high"),
    pytest.param(
        "remix_image",
        {**REMIX, "negative_prompt": "a" * 5001},
        "negative_prompt",
        "1-5000 characters; got 5001",
        id="remix-negative-5001",
    ),
    # prompts: at most 5,000 characters, never blank; reframe has none
    *[
        pytest.param(op, {**base, "prompt": "a" * 5001}, "prompt", "1-5000 characters; got 5001", id=f"{op}-5001")
        for op, base in (("text_to_image", T2I), ("edit_image", EDIT), ("remix_image", REMIX))
    ],
    pytest.param("text_to_image", {**CHAR, "prompt": "a" * 5001}, "prompt", "1-5000 characters", id="character-5001"),
    pytest.param(
        "text_to_image", {**T2I, "negative_prompt": "a" * 5001}, "negative_prompt", "1-5000", id="t2i-negative-5001"
    ),
    pytest.param("edit_image", {**EDIT, "prompt": " "}, "prompt", "a non-blank string", id="edit-blank-prompt"),
    pytest.param("reframe_image", {**REFRAME, "prompt": "wider"}, "prompt", "unknown parameter", id="reframe-prompt"),
    # required fields of each endpoint
    *[
        pytest.param(op, _without(base, name), name, f"missing required parameter '{name}'", id=f"{op}-no-{name}")
        for op, base in MINIMAL.items()
        for name in base
    ],
    # parameters an endpoint does not have
    pytest.param("edit_image", {**EDIT, "aspect_ratio": "1:1"}, "aspect_ratio", "unknown parameter", id="edit-aspect"),
    pytest.param("edit_image", {**EDIT, "negative_prompt": "x"}, "negative_prompt", "unknown", id="edit-negative"),
    pytest.param("text_to_image", {**T2I, "strength": 0.5}, "strength", "unknown parameter", id="t2i-strength"),
    pytest.param(
        "reframe_image",
        {**REFRAME, "reference_image_urls": REFS},
        "reference_image_urls",
        "unknown parameter",
        id="reframe-references",
    ),
    # counts, URLs and types
    *[
        pytest.param(op, {**base, "output_count": n}, "output_count", "one of 1, 2, 3, 4", id=f"{op}-count-{n!r}")
        for op, base in (("text_to_image", T2I), ("reframe_image", REFRAME))
        for n in (0, 5, 2.0)
    ],
    pytest.param(
        "text_to_image",
        {**CHAR, "reference_image_urls": []},
        "reference_image_urls",
        "a list of at least 1",
        id="character-empty-references",
    ),
    pytest.param(
        "text_to_image",
        {**CHAR, "reference_image_urls": REFS[0]},
        "reference_image_urls",
        "a list of at least 1",
        id="character-reference-not-a-list",
    ),
    pytest.param(
        "edit_image",
        {**CHAR_EDIT, "reference_image_urls": [*REFS, "character.png"]},
        "reference_image_urls[1]",
        "must be an absolute http(s) URL; got 'character.png'",
        id="character-edit-relative-reference",
    ),
    pytest.param(
        "remix_image",
        {**CHAR_REMIX, "reference_mask_urls": ["mask.png"]},
        "reference_mask_urls[0]",
        "http(s) URL",
        id="character-remix-relative-mask",
    ),
    pytest.param(
        "remix_image",
        {**CHAR_REMIX, "style_reference_image_urls": []},
        "style_reference_image_urls",
        "a list of at least 1",
        id="character-remix-empty-style-references",
    ),
    pytest.param("edit_image", {**EDIT, "mask_url": "mask.png"}, "mask_url", "http(s) URL", id="edit-relative-mask"),
    pytest.param(
        "reframe_image", {**REFRAME, "source_image_url": "ftp://x/a.jpg"}, "source_image_url", "http(s)", id="ftp"
    ),
    pytest.param("text_to_image", {**T2I, "seed": "7"}, "seed", "an integer", id="seed-string"),
    pytest.param(
        "text_to_image",
        {**T2I, "enable_prompt_expansion": "true"},
        "enable_prompt_expansion",
        "true or false",
        id="expansion-string",
    ),
    pytest.param("remix_image", {**REMIX, "strength": True}, "strength", "a number", id="strength-bool"),
    pytest.param("edit_image", {**EDIT, "callback_url": "example.com/cb"}, "callback_url", "http(s) URL", id="cb"),
]


@pytest.mark.parametrize(("op", "kwargs", "field_name", "fragment"), REFUSED)
@responses.activate
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, op, kwargs, field_name, fragment):
    responses.post(client.base_url + path(op), status=202, json=load(f"{op}_accepted"))  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.ideogram_v3, op).create(**kwargs)

    assert info.value.field == field_name
    assert fragment in str(info.value)
    assert len(responses.calls) == 0


ENUM_REFUSALS = [
    *[
        pytest.param(op, {**base, "model": other}, "model", models_of(op), id=f"{op}-model-{other}")
        for op, base, other in (
            ("text_to_image", T2I, "ideogram-v3-edit"),
            ("edit_image", EDIT, "ideogram-v3-character"),
            ("remix_image", REMIX, "ideogram-v3-reframe"),
            ("reframe_image", REFRAME, "ideogram-v3-remix"),
            ("text_to_image", T2I, "ideogram-v3"),
        )
    ],
    *[
        pytest.param(op, {**base, "rendering_speed": "fast"}, "rendering_speed", SPEEDS, id=f"{op}-speed")
        for op, base in MINIMAL.items()
    ],
    *[
        pytest.param(op, {**base, "aspect_ratio": "21:9"}, "aspect_ratio", ASPECT_RATIOS, id=f"{op}-21:9")
        for op, base in (("text_to_image", T2I), ("remix_image", REMIX), ("reframe_image", REFRAME))
    ],
    pytest.param("text_to_image", {**T2I, "style": "anime"}, "style", STYLES, id="t2i-style-anime"),
    pytest.param("edit_image", {**CHAR_EDIT, "style": "general"}, "style", CHARACTER_STYLES, id="char-edit-general"),
    pytest.param("reframe_image", {**REFRAME, "style": "fiction"}, "style", GENERAL_STYLES, id="reframe-fiction"),
]


@pytest.mark.parametrize(("op", "kwargs", "field_name", "allowed"), ENUM_REFUSALS)
@responses.activate
def test_an_enum_refusal_names_the_field_and_every_allowed_value(client, op, kwargs, field_name, allowed):
    responses.post(client.base_url + path(op), status=202, json=load(f"{op}_accepted"))  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.ideogram_v3, op).create(**kwargs)

    message = str(info.value)
    assert info.value.field == field_name
    assert message.startswith(f"{field_name} must be one of ")
    assert message.endswith(f"; got {kwargs[field_name]!r}")
    # every allowed value, and nothing else (their order is not part of the contract)
    assert sorted(re.findall(r"'([^']*)'", message.split("; got")[0])) == sorted(allowed)
    assert len(responses.calls) == 0


def test_a_missing_reference_message_says_which_model_needs_it(client):
    with pytest.raises(runapi.ValidationError) as info:
        client.ideogram_v3.remix_image.create(**_without(CHAR_REMIX, "reference_image_urls"))
    assert info.value.allowed == "a value for model 'ideogram-v3-character-remix'"


# -- signatures ---------------------------------------------------------------------------------


def test_create_shows_the_real_parameters(client):
    signature = inspect.signature(client.ideogram_v3.text_to_image.create)
    assert list(signature.parameters)[:2] == ["model", "prompt"]
    assert signature.parameters["reference_image_urls"].default is None
    assert list(inspect.signature(client.ideogram_v3.edit_image.run).parameters)[:4] == [
        "model",
        "prompt",
        "source_image_url",
        "mask_url",
    ]
    reframe = inspect.signature(client.ideogram_v3.reframe_image.create).parameters
    assert list(reframe)[:3] == ["model", "source_image_url", "aspect_ratio"]
    assert "prompt" not in reframe
