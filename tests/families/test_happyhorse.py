"""HappyHorse (``client.happyhorse``), checked against the docs' HappyHorse section.

The examples under ``tests/fixtures/happyhorse/`` are the section's payloads, copied as data: the
four create bodies (text, character, image and edit; curl examples), each endpoint's 202 answer
and its completed status answer. The docs say a callback carries "the same completed or failed
response body", so the completed examples double as callback bodies; they print no failed body,
so a failure is the platform's general shape (docs: Errors > Task-Specific Errors).

The generic contract checks (the endpoints, ``client.happyhorse``, every example sent as is or
structured with nothing dropped, run/failed/get on the three status paths) live in
``test_every_family.py``. This file keeps what is particular to HappyHorse: its examples per
operation, its models and rules (the prompt limit counted in units), refusals, typed reads of its
answers, signed callbacks and its signatures.
"""

from __future__ import annotations

import base64
import inspect
import json
from pathlib import Path
from typing import Any

import cattrs
import pytest
import responses

import runapi
from runapi import webhooks
from runapi.happyhorse import (
    EDIT_VIDEO_MODELS,
    IMAGE_TO_VIDEO_MODELS,
    MAX_PROMPT_UNITS,
    MODELS,
    TEXT_TO_VIDEO_MODELS,
    TEXT_TO_VIDEO_RULES,
    Video,
    VideoTask,
    prompt_units,
)
from tests.families.contract import assert_mirrors, strict_converter

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "happyhorse"
BASE = "/api/v1/happyhorse"

OPS = ["text_to_video", "image_to_video", "edit_video"]

# docs: Errors > Task-Specific Errors (the platform's failed answer; HappyHorse prints none of its own)
FAILURE = "Generation failed due to content policy violation"
TASK_ID = "550e8400-e29b-41d4-a716-446655440000"
OUTPUT = "https://file.runapi.ai/happyhorse/output.mp4"

IMG = "https://cdn.runapi.ai/public/samples/reference-1.jpg"
VID = "https://cdn.runapi.ai/public/samples/video.mp4"


def load(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def url(client: runapi.Client, op: str, task_id: str | None = None) -> str:
    path = f"{client.base_url}{BASE}/{op}"
    return path if task_id is None else f"{path}/{task_id}"


STEMS = sorted(path.stem for path in EXAMPLES.glob("*.json"))
ANSWERS = [stem for stem in STEMS if "_request" not in stem]


def op_of(stem: str) -> str:
    return next(op for op in OPS if stem.startswith(op + "_"))


# -- the family's surface -------------------------------------------------------------------


def test_every_operation_has_its_documented_examples():
    for op in OPS:
        assert {f"{op}_request", f"{op}_accepted", f"{op}_completed"} <= set(STEMS), op
    assert {op_of(stem) for stem in STEMS} == set(OPS)


def test_create_shows_the_real_parameters(client):
    parameters = inspect.signature(client.happyhorse.text_to_video.create).parameters
    assert list(parameters)[:2] == ["model", "prompt"]
    assert parameters["reference_image_urls"].default is None
    assert list(inspect.signature(client.happyhorse.edit_video.run).parameters)[:3] == [
        "model",
        "prompt",
        "source_video_url",
    ]


def test_models_are_the_documented_ids_and_the_table_covers_text_to_video_exactly():
    assert set(MODELS) == {
        "happyhorse-text-to-video",
        "happyhorse-character",
        "happyhorse-image-to-video",
        "happyhorse-edit-video",
        # newer source: the platform contract
        "happyhorse-1.0-t2v",
        "happyhorse-1.0-r2v",
        "happyhorse-1.0-i2v",
    }
    assert len(MODELS) == 7
    assert TEXT_TO_VIDEO_RULES.field == "model"
    # happyhorse-1.0-t2v has no row: the contract is silent on its reference images
    assert set(TEXT_TO_VIDEO_RULES.table) == set(TEXT_TO_VIDEO_MODELS) - {"happyhorse-1.0-t2v"}
    assert IMAGE_TO_VIDEO_MODELS == ("happyhorse-image-to-video", "happyhorse-1.0-i2v")
    assert EDIT_VIDEO_MODELS == ("happyhorse-edit-video",)


# -- the documented answers, read -----------------------------------------------------------------


@pytest.mark.parametrize("stem", ANSWERS)
def test_every_documented_field_is_modelled(stem):
    payload = load(stem)

    strict = strict_converter().structure(payload, VideoTask)  # raises on a documented key the model lacks
    task = VideoTask.from_dict(payload)

    assert strict == task
    assert_mirrors(task, payload, stem)  # every documented key holds the same value and JSON type
    assert task.raw == payload
    assert task.id == TASK_ID
    assert task.status == payload["status"]
    if stem.endswith("_completed"):
        assert task.is_completed
        assert task.videos == [Video(url=OUTPUT)]
        assert task.output_urls == [OUTPUT]
    else:
        assert not task.is_done
        assert task.output_urls == []


def test_the_strict_check_does_catch_an_unmodelled_field():
    payload = load("text_to_video_completed")
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "seed": 491001}, VideoTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "videos": [{"url": OUTPUT, "width": 1920}]}, VideoTask)


SECRET = base64.b64encode(b"happyhorse-callback-secret-0123").decode()


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(load("edit_video_completed"), id="completed"),
        pytest.param({"id": TASK_ID, "status": "failed", "error": FAILURE}, id="failed"),
    ],
)
def test_a_signed_callback_unwraps_into_the_task(payload):
    # "RunAPI sends the same completed or failed response body when the task finishes"
    body = json.dumps(payload).encode()
    headers = webhooks.sign(body, SECRET)

    callback = webhooks.unwrap(body, headers, SECRET, task_type=VideoTask)

    assert type(callback.task) is VideoTask
    assert callback.task == VideoTask.from_dict(payload)
    assert callback.task.is_failed is (payload["status"] == "failed")
    assert callback.task.error == payload.get("error")
    assert callback.task.output_urls == ([OUTPUT] if payload["status"] == "completed" else [])


# -- the prompt limit: 5,000 characters, or 2,500 Chinese ones ------------------------------


def test_a_chinese_character_counts_as_two():
    assert MAX_PROMPT_UNITS == 5000
    assert prompt_units("a paper horse") == 13
    assert prompt_units("纸马") == 4
    assert prompt_units("a 纸马, 奔跑。") == 13  # 4 Han characters count double; punctuation counts once


# -- what each model and endpoint accepts ------------------------------------------------------

T2V = {"model": "happyhorse-text-to-video", "prompt": "A paper horse"}
CHAR = {"model": "happyhorse-character", "prompt": "Character1 waves", "reference_image_urls": [IMG]}
I2V = {"model": "happyhorse-image-to-video", "first_frame_image_url": IMG}
EDIT = {"model": "happyhorse-edit-video", "prompt": "Add a sweater", "source_video_url": VID}

ACCEPTED_CALLS = [
    pytest.param("text_to_video", T2V, id="t2v-prompt-only"),
    pytest.param("text_to_video", CHAR, id="character-one-reference"),
    pytest.param("text_to_video", {**CHAR, "reference_image_urls": [IMG] * 9}, id="character-nine-references"),
    pytest.param("text_to_video", {**T2V, "prompt": "a" * 5000}, id="prompt-5000-latin"),
    pytest.param("text_to_video", {**T2V, "prompt": "马" * 2500}, id="prompt-2500-chinese"),
    pytest.param("text_to_video", {**T2V, "prompt": "马" * 2000 + "a" * 1000}, id="prompt-mixed-at-limit"),
    *[pytest.param("text_to_video", {**T2V, "aspect_ratio": r}, id=f"aspect-{r}") for r in ("9:16", "1:1", "4:3")],
    pytest.param("text_to_video", {**T2V, "aspect_ratio": "3:4", "output_resolution": "720p"}, id="720p-3:4"),
    pytest.param("text_to_video", {**T2V, "duration_seconds": 3, "seed": 0}, id="shortest-lowest-seed"),
    pytest.param("text_to_video", {**T2V, "duration_seconds": 15, "seed": 2147483647}, id="longest-highest-seed"),
    pytest.param("image_to_video", I2V, id="i2v-without-prompt"),
    pytest.param(
        "image_to_video",
        {**I2V, "prompt": "马" * 2500, "duration_seconds": 15, "output_resolution": "720p"},
        id="i2v-chinese-prompt",
    ),
    # newer source, the platform contract: the 1.0 models, each ratio and resolution it lists for them
    *[
        pytest.param(
            "text_to_video",
            {**T2V, "model": model, "aspect_ratio": r, "output_resolution": res},
            id=f"{model}-{r}-{res}",
        )
        for model in ("happyhorse-1.0-t2v",)
        for r in ("16:9", "9:16", "1:1", "4:3", "3:4")
        for res in ("720p", "1080p")
    ],
    *[
        pytest.param(
            "text_to_video",
            {**CHAR, "model": "happyhorse-1.0-r2v", "aspect_ratio": r, "output_resolution": res},
            id=f"r2v-{r}-{res}",
        )
        for r in ("16:9", "9:16", "1:1", "4:3", "3:4")
        for res in ("720p", "1080p")
    ],
    pytest.param(
        "text_to_video", {**CHAR, "model": "happyhorse-1.0-r2v", "reference_image_urls": [IMG] * 9}, id="r2v-nine"
    ),
    *[
        pytest.param(
            "image_to_video", {**I2V, "model": "happyhorse-1.0-i2v", "output_resolution": res}, id=f"1.0-i2v-{res}"
        )
        for res in ("720p", "1080p")
    ],
    pytest.param("edit_video", {**EDIT, "reference_image_urls": []}, id="edit-zero-references"),
    pytest.param("edit_video", {**EDIT, "reference_image_urls": [IMG] * 5}, id="edit-five-references"),
    pytest.param("edit_video", {**EDIT, "audio_setting": "original", "output_resolution": "720p"}, id="edit-original"),
]


@pytest.mark.parametrize(("op", "kwargs"), ACCEPTED_CALLS)
@responses.activate
def test_valid_values_are_accepted_and_sent_unchanged(client, op, kwargs):
    responses.post(url(client, op), status=202, json=load(f"{op}_accepted"))

    getattr(client.happyhorse, op).create(**kwargs)

    assert json.loads(responses.calls[0].request.body) == kwargs  # nothing added (no guessed defaults)


PROMPT_LIMIT = "at most 5000 characters, a Chinese character counting as 2"

REFUSED = [
    # the per-model rule of text_to_video
    pytest.param(
        "text_to_video",
        {k: v for k, v in CHAR.items() if k != "reference_image_urls"},
        "reference_image_urls",
        "reference_image_urls is required for model 'happyhorse-character'",
        id="character-without-references",
    ),
    pytest.param(
        "text_to_video",
        {**T2V, "reference_image_urls": [IMG]},
        "reference_image_urls",
        "is not accepted for model 'happyhorse-text-to-video'; only for 'happyhorse-character'",
        id="t2v-with-references",
    ),
    pytest.param(
        "text_to_video",
        {"model": "happyhorse-1.0-r2v", "prompt": "Character1 waves"},
        "reference_image_urls",
        "reference_image_urls is required for model 'happyhorse-1.0-r2v'",
        id="r2v-without-references",
    ),
    pytest.param(
        "text_to_video",
        {**CHAR, "model": "happyhorse-1.0-r2v", "reference_image_urls": [IMG] * 10},
        "reference_image_urls",
        "1-9",
        id="r2v-ten-references",
    ),
    pytest.param("image_to_video", {**I2V, "model": "happyhorse-1.0-t2v"}, "model", "one of", id="i2v-t2v-model"),
    pytest.param("text_to_video", {**CHAR, "reference_image_urls": [IMG] * 10}, "reference_image_urls", "1-9"),
    pytest.param("text_to_video", {**CHAR, "reference_image_urls": []}, "reference_image_urls", "1-9", id="refs-0"),
    pytest.param("text_to_video", {**CHAR, "reference_image_urls": IMG}, "reference_image_urls", "a list of 1-9"),
    # models: each endpoint takes its own
    pytest.param("text_to_video", {**T2V, "model": "happyhorse-image-to-video"}, "model", "one of", id="t2v-model"),
    pytest.param("image_to_video", {**I2V, "model": "happyhorse-character"}, "model", "one of", id="i2v-model"),
    pytest.param("edit_video", {**EDIT, "model": "happyhorse-text-to-video"}, "model", "one of", id="edit-model"),
    # the prompt limit
    pytest.param("text_to_video", {**T2V, "prompt": "a" * 5001}, "prompt", PROMPT_LIMIT, id="prompt-5001-latin"),
    pytest.param("text_to_video", {**T2V, "prompt": "马" * 2501}, "prompt", "got 2501 characters counting as 5002"),
    pytest.param(
        "text_to_video", {**T2V, "prompt": "马" * 2001 + "a" * 999}, "prompt", "counting as 5001", id="prompt-mixed"
    ),
    pytest.param("image_to_video", {**I2V, "prompt": "马" * 2501}, "prompt", PROMPT_LIMIT, id="i2v-prompt"),
    pytest.param("edit_video", {**EDIT, "prompt": "a" * 5001}, "prompt", PROMPT_LIMIT, id="edit-prompt"),
    pytest.param("text_to_video", {**T2V, "prompt": "  "}, "prompt", "a non-blank string", id="blank-prompt"),
    # enums and ranges
    pytest.param("text_to_video", {**T2V, "output_resolution": "4k"}, "output_resolution", "one of '720p', '1080p'"),
    pytest.param("text_to_video", {**T2V, "aspect_ratio": "21:9"}, "aspect_ratio", "one of '16:9'", id="aspect"),
    pytest.param("text_to_video", {**T2V, "duration_seconds": 2}, "duration_seconds", "an integer from 3 to 15"),
    pytest.param("text_to_video", {**T2V, "duration_seconds": 16}, "duration_seconds", "an integer from 3 to 15"),
    pytest.param("image_to_video", {**I2V, "duration_seconds": 5.5}, "duration_seconds", "an integer from 3 to 15"),
    pytest.param("image_to_video", {**I2V, "duration_seconds": "5"}, "duration_seconds", "an integer from 3 to 15"),
    pytest.param("text_to_video", {**T2V, "seed": -1}, "seed", "an integer from 0 to 2147483647", id="seed-negative"),
    pytest.param("edit_video", {**EDIT, "seed": 2147483648}, "seed", "an integer from 0 to 2147483647", id="seed-big"),
    pytest.param("image_to_video", {**I2V, "seed": "1"}, "seed", "an integer from 0 to 2147483647", id="seed-string"),
    pytest.param("edit_video", {**EDIT, "audio_setting": "mute"}, "audio_setting", "one of 'auto', 'original'"),
    pytest.param("edit_video", {**EDIT, "reference_image_urls": [IMG] * 6}, "reference_image_urls", "0-5"),
    # required parameters and URLs
    pytest.param("image_to_video", {"model": "happyhorse-image-to-video"}, "first_frame_image_url", "missing"),
    pytest.param("edit_video", {**EDIT, "source_video_url": None}, "source_video_url", "missing required"),
    pytest.param(
        "edit_video", {k: v for k, v in EDIT.items() if k != "prompt"}, "prompt", "missing required", id="edit-prompt"
    ),
    pytest.param("text_to_video", {"prompt": "A paper horse"}, "model", "missing required", id="t2v-no-model"),
    pytest.param("image_to_video", {**I2V, "first_frame_image_url": "frame.jpg"}, "first_frame_image_url", "http(s)"),
    pytest.param("edit_video", {**EDIT, "source_video_url": "s3://b/v.mp4"}, "source_video_url", "http(s) URL"),
    pytest.param("text_to_video", {**T2V, "callback_url": "your-domain.com/cb"}, "callback_url", "http(s) URL"),
    # parameters another endpoint has
    pytest.param("image_to_video", {**I2V, "aspect_ratio": "16:9"}, "aspect_ratio", "unknown parameter"),
    pytest.param("text_to_video", {**T2V, "audio_setting": "auto"}, "audio_setting", "unknown parameter"),
]


@pytest.mark.parametrize(("op", "kwargs", "field_name", "fragment"), REFUSED)
@responses.activate
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, op, kwargs, field_name, fragment):
    responses.post(url(client, op), status=202, json=load(f"{op}_accepted"))  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.happyhorse, op).create(**kwargs)

    assert info.value.field == field_name
    assert fragment in str(info.value)
    assert len(responses.calls) == 0
