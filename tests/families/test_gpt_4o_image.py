"""GPT-4o Image (``client.gpt_4o_image``), checked against the docs' GPT-4o Image section.

The examples under ``tests/fixtures/gpt_4o_image/`` are the section's payloads, copied as data: the
create body (curl; an image-guided request with two outputs) and its 202 answer. The section prints
no status or callback example ("Returns the current task status, progress, and images when the task
completes"), so the processing, completed and failed answers below are built in the platform's
documented image shape (``images[].url``; ``error``) plus ``progress``, as
``runapi/gpt_4o_image.py`` reads them.

The generic contract checks (the endpoint, ``client.gpt_4o_image``, the example sent as is and its
202 answer structured with nothing dropped, failed and get on the status path) live in
``test_every_family.py``. This file keeps what is particular to GPT-4o Image: its model, enums and
source rules, refusals, the built status answers (modelled, ``progress`` as sent, and what ``run``
polls until, reporting progress), downloads and its signatures, each call going through the public
API with HTTP mocked by ``responses`` and the fake clock, so "refused before any request" and
"polled, never slept" are observed.
"""

from __future__ import annotations

import inspect
import json
import re
import typing
from pathlib import Path
from typing import Any

import attrs
import cattrs
import pytest
import responses
from responses import registries

import runapi
from runapi._core.options import DURATIONS
from runapi._core.params.rules import _literal_values  # the known values of an open (Literal | str) id
from runapi.gpt_4o_image import (
    ASPECT_RATIOS,
    MODELS,
    OUTPUT_COUNTS,
    SOURCE_RULES,
    Image,
    ImageTask,
    TextToImageParams,
)
from tests.conftest import FakeClock
from tests.families.contract import assert_mirrors, strict_converter

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "gpt_4o_image"
PATH = "/api/v1/gpt_4o_image/text_to_image"
ordered = responses.activate(registry=registries.OrderedRegistry)
URLS = ["https://file.runapi.ai/generated/watch-1.png", "https://file.runapi.ai/generated/watch-2.png"]


def load(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def url(client: runapi.Client, task_id: str | None = None) -> str:
    return f"{client.base_url}{PATH}" if task_id is None else f"{client.base_url}{PATH}/{task_id}"


TASK_ID = load("text_to_image_accepted")["id"]


def processing(progress: Any) -> dict[str, Any]:
    return {"id": TASK_ID, "status": "processing", "progress": progress}


def completed() -> dict[str, Any]:
    """A completed answer for the documented request (``output_count`` 2); the docs print none."""
    return {"id": TASK_ID, "status": "completed", "progress": 100, "images": [{"url": u} for u in URLS]}


def failed() -> dict[str, Any]:
    return {"id": TASK_ID, "status": "failed", "error": "Generation failed."}


# -- the family's surface -------------------------------------------------------------------


def test_the_fixtures_are_exactly_the_documented_examples():
    assert {p.stem for p in EXAMPLES.glob("*.json")} == {"text_to_image_request", "text_to_image_accepted"}


def test_the_model_and_enums_are_the_documented_ones():
    # docs: GPT-4o Image > Models and Request Parameters (one model: no per-model table)
    assert MODELS == ("gpt-4o-image",)
    assert _literal_values(typing.get_type_hints(TextToImageParams)["model"]) == MODELS
    assert set(ASPECT_RATIOS) == {"1:1", "3:2", "2:3"}
    assert set(OUTPUT_COUNTS) == {1, 2, 4}


def test_the_source_rules_table_names_fields_of_the_params():
    fields = {f.name for f in attrs.fields(TextToImageParams)}
    assert SOURCE_RULES.field == "source_image_urls"
    assert SOURCE_RULES.presence
    assert set(SOURCE_RULES.table) == {False}  # only the prompt-only kind has rules
    entry = SOURCE_RULES.table[False]
    assert set(entry.required) | set(entry.refused) | set(entry.checks) <= fields


def test_create_shows_the_real_parameters(client):
    signature = inspect.signature(client.gpt_4o_image.text_to_image.create)
    assert list(signature.parameters)[:2] == ["model", "aspect_ratio"]  # the required ones
    assert signature.parameters["prompt"].default is None  # required only without source images
    assert {"source_image_urls", "mask_url", "output_count", "enable_prompt_expansion", "callback_url"} <= set(
        inspect.signature(client.gpt_4o_image.text_to_image.run).parameters
    )


# -- the answers, structured with nothing dropped ----------------------------------------------


def test_the_documented_202_answer_is_modelled():
    payload = load("text_to_image_accepted")
    task = ImageTask.from_dict(payload)
    assert strict_converter().structure(payload, ImageTask) == task
    assert task.raw == payload
    assert_mirrors(task, payload, "accepted")
    assert task.progress is None


@pytest.mark.parametrize("payload", [processing(45), processing("0.45"), completed(), failed()], ids=repr)
def test_status_answers_are_modelled(payload):
    task = ImageTask.from_dict(payload)
    assert strict_converter().structure(payload, ImageTask) == task
    assert task.raw == payload
    assert_mirrors(task, payload, "status")


@pytest.mark.parametrize("value", [45, 0.45, "45%", None])
def test_progress_is_kept_as_sent(value):
    # the docs name "progress" without a type: a number or a string never breaks polling
    assert ImageTask.from_dict(processing(value)).progress == value


def test_completed_answer_reads_as_typed_images_in_order():
    task = ImageTask.from_dict(completed())
    assert task.is_completed
    assert task.images == [Image(url=u) for u in URLS]
    assert task.output_urls == URLS
    assert ImageTask.from_dict({**completed(), "images": [{}, {"url": URLS[1]}]}).output_urls == [URLS[1]]


def test_the_strict_check_does_catch_an_unmodelled_field():
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**completed(), "model": "gpt-4o-image"}, ImageTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({"id": "t", "images": [{"url": "u", "width": 1}]}, ImageTask)


def test_download_outputs_saves_every_image(client, http, tmp_path):
    task = ImageTask.from_dict(completed())
    for n, u in enumerate(URLS):
        http.get(u, body=f"png {n}".encode(), content_type="image/png")

    saved = client.download_outputs(task, tmp_path)

    assert [d.path.name for d in saved] == [f"{TASK_ID}-0.png", f"{TASK_ID}-1.png"]
    assert [d.path.read_bytes() for d in saved] == [b"png 0", b"png 1"]


# -- create -> wait -> completed, with progress -------------------------------------------------


@ordered
def test_run_polls_the_status_path_until_completed(client, fake_clock: FakeClock):
    body = load("text_to_image_request")
    seen: list[Any] = []
    responses.post(url(client), status=202, json=load("text_to_image_accepted"))
    responses.get(url(client, TASK_ID), json=processing(50))
    responses.get(url(client, TASK_ID), json=completed())

    task = client.gpt_4o_image.text_to_image.with_options(on_progress=lambda t: seen.append(t.progress)).run(**body)

    assert type(task) is ImageTask
    assert task == ImageTask.from_dict(completed())
    assert task.output_urls == URLS
    calls = [(call.request.method, call.request.url) for call in responses.calls]
    assert calls == [("POST", url(client)), ("GET", url(client, TASK_ID)), ("GET", url(client, TASK_ID))]
    assert json.loads(responses.calls[0].request.body) == body
    assert seen[-2:] == [50, 100]  # each poll's progress reaches the caller
    # two waits before the two polls, shaped by the image window, on the fake clock
    assert len(fake_clock.sleeps) == 2
    assert fake_clock.sleeps[0] == DURATIONS["image"].low


# -- the three kinds of request ------------------------------------------------------------------

SOURCE = "https://raw.githubusercontent.com/github/explore/main/topics/python/python.png"
MASK = "https://cdn.runapi.ai/public/samples/mask.png"
PROMPT_ONLY = {"model": "gpt-4o-image", "prompt": "A premium watch on black stone", "aspect_ratio": "1:1"}
GUIDED = {**PROMPT_ONLY, "source_image_urls": [SOURCE]}
VARIANTS = {"model": "gpt-4o-image", "aspect_ratio": "2:3", "source_image_urls": [SOURCE]}

ACCEPTED_CALLS = [
    pytest.param(PROMPT_ONLY, id="prompt-only"),
    pytest.param(GUIDED, id="image-guided"),
    pytest.param(VARIANTS, id="variants-without-prompt"),
    pytest.param({**GUIDED, "mask_url": MASK}, id="guided-with-mask"),
    pytest.param({**VARIANTS, "mask_url": MASK}, id="variants-with-mask"),
    pytest.param({**GUIDED, "source_image_urls": [SOURCE] * 5}, id="5-sources"),
    # "Required when source_image_urls is blank": a blank (empty) list is sent as given, prompt-only
    pytest.param({**PROMPT_ONLY, "source_image_urls": []}, id="prompt-only-blank-sources"),
    *[pytest.param({**PROMPT_ONLY, "aspect_ratio": r}, id=f"aspect-{r}") for r in ("1:1", "3:2", "2:3")],
    *[pytest.param({**PROMPT_ONLY, "output_count": n}, id=f"count-{n}") for n in (1, 2, 4)],
    pytest.param({**PROMPT_ONLY, "enable_prompt_expansion": False}, id="no-expansion"),
    pytest.param(
        {**VARIANTS, "enable_prompt_expansion": True, "callback_url": "https://example.com/callbacks/runapi"},
        id="expansion-callback",
    ),
]


@pytest.mark.parametrize("kwargs", ACCEPTED_CALLS)
def test_valid_values_are_accepted_and_sent_unchanged(client, http, kwargs):
    http.post(url(client), status=202, json=load("text_to_image_accepted"))

    client.gpt_4o_image.text_to_image.create(**kwargs)

    assert json.loads(http.calls[0].request.body) == kwargs  # nothing added (no guessed defaults)


def _without(kwargs: dict[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in kwargs.items() if k != name}


REFUSED = [
    pytest.param(
        _without(PROMPT_ONLY, "prompt"),
        "prompt",
        "prompt is required when source_image_urls is not given",
        id="no-prompt-no-sources",
    ),
    pytest.param(
        {**PROMPT_ONLY, "mask_url": MASK},
        "mask_url",
        "mask_url is not accepted when source_image_urls is not given",
        id="mask-without-sources",
    ),
    pytest.param(
        {**VARIANTS, "source_image_urls": []},
        "prompt",
        "prompt is required when source_image_urls is empty",
        id="no-prompt-blank-sources",
    ),
    pytest.param(
        {**GUIDED, "source_image_urls": [], "mask_url": MASK},
        "mask_url",
        "mask_url is only used when source_image_urls is not empty",
        id="mask-with-blank-sources",
    ),
    pytest.param(
        {**GUIDED, "source_image_urls": [SOURCE] * 6},
        "source_image_urls",
        "a list of 0-5 absolute http(s) URLs; got 6 items",
        id="6-sources",
    ),
    pytest.param(
        {**GUIDED, "source_image_urls": [SOURCE, "python.png"]},
        "source_image_urls[1]",
        "source_image_urls[1] must be an absolute http(s) URL; got 'python.png'",
        id="relative-source",
    ),
    pytest.param({**GUIDED, "mask_url": "mask.png"}, "mask_url", "http(s) URL", id="relative-mask"),
    pytest.param(_without(PROMPT_ONLY, "aspect_ratio"), "aspect_ratio", "missing required parameter", id="no-aspect"),
    pytest.param({**PROMPT_ONLY, "prompt": "  "}, "prompt", "a non-blank string", id="blank-prompt"),
    pytest.param({**PROMPT_ONLY, "output_count": 3}, "output_count", "one of 1, 2, 4; got 3", id="count-3"),
    pytest.param({**PROMPT_ONLY, "output_count": "2"}, "output_count", "one of 1, 2, 4; got '2'", id="count-str"),
    pytest.param({**PROMPT_ONLY, "output_count": True}, "output_count", "one of 1, 2, 4; got True", id="count-bool"),
    pytest.param(
        {**PROMPT_ONLY, "enable_prompt_expansion": "yes"}, "enable_prompt_expansion", "true or false", id="expansion"
    ),
    pytest.param({**PROMPT_ONLY, "callback_url": "example.com"}, "callback_url", "http(s) URL", id="callback"),
    pytest.param({**PROMPT_ONLY, "quality": "high"}, "quality", "unknown parameter", id="no-quality"),
]


@pytest.mark.parametrize(("kwargs", "field_name", "fragment"), REFUSED)
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, http, kwargs, field_name, fragment):
    http.post(url(client), status=202, json=load("text_to_image_accepted"))  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        client.gpt_4o_image.text_to_image.create(**kwargs)

    assert info.value.field == field_name
    assert fragment in str(info.value)
    assert len(http.calls) == 0


@pytest.mark.parametrize(
    ("field_name", "bad", "allowed"),
    [
        ("model", "gpt-image-1.5", MODELS),
        ("model", "gpt-4o", MODELS),
        ("aspect_ratio", "16:9", ASPECT_RATIOS),
        ("aspect_ratio", "auto", ASPECT_RATIOS),
    ],
)
def test_an_enum_refusal_lists_every_allowed_value(client, http, field_name, bad, allowed):
    http.post(url(client), status=202, json=load("text_to_image_accepted"))

    with pytest.raises(runapi.ValidationError) as info:
        client.gpt_4o_image.text_to_image.create(**{**PROMPT_ONLY, field_name: bad})

    message = str(info.value)
    assert info.value.field == field_name
    assert message.startswith(f"{field_name} must be one of ")
    assert message.endswith(f"; got {bad!r}")
    assert sorted(re.findall(r"'([^']*)'", message.split("; got")[0])) == sorted(allowed)
    assert len(http.calls) == 0
