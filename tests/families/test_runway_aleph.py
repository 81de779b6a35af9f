"""Runway Aleph (``client.runway_aleph``), checked against the docs' Runway Aleph section.

The section (``tests/fixtures/runway_aleph``) prints one create body (the curl example) and one
completed status answer. It prints no 202 answer: the platform's ``{id, status: "processing"}``
stands in (docs: Quick Start; every task endpoint), and a failure is the platform's general shape
(docs: Errors > Task-Specific Errors).

The generic contract checks (the endpoint, ``client.runway_aleph``, the example sent as is, the
answer structured with nothing dropped, run/failed/get on the status path) live in
``test_every_family.py``. This file keeps what is particular to Runway Aleph: its aspect ratios,
rules and refusals, typed reads of its answer, callbacks, downloads and its signature, with HTTP
mocked by ``responses``.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import cattrs
import pytest

import runapi
from runapi import webhooks
from runapi.runway_aleph import ASPECT_RATIOS, Image, Video, VideoTask
from tests.families.contract import strict_converter

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "runway_aleph"
PATH = "/api/v1/runway_aleph/edit_video"

TASK_ID = "281e5b0f...f39b9"  # the id of the section's completed answer
ACCEPTED = {"id": TASK_ID, "status": "processing"}  # the 202 shape every task endpoint answers

SOURCE = "https://storage.googleapis.com/gtv-videos-bucket/sample/ForBiggerJoyrides.mp4"
EDIT = {"prompt": "Transform the scene into moody dusk lighting", "source_video_url": SOURCE}
VIDEO_URL = "https://file.runapi.ai/runway-aleph.mp4"


def load(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def url(client: runapi.Client, task_id: str | None = None) -> str:
    return f"{client.base_url}{PATH}" if task_id is None else f"{client.base_url}{PATH}/{task_id}"


# -- the family's surface -------------------------------------------------------------------


def test_create_shows_the_real_parameters(client):
    parameters = inspect.signature(client.runway_aleph.edit_video.create).parameters
    assert list(parameters) == [
        "prompt",
        "source_video_url",
        "reference_image_url",
        "aspect_ratio",
        "seed",
        "model",
        "callback_url",
    ]
    assert parameters["seed"].default is None
    assert parameters["model"].default is None  # newer source, the platform contract: sent only when given


# -- the documented answer, as a user reads it ---------------------------------------------------


def test_every_fixture_is_a_documented_example():
    assert sorted(p.stem for p in FIXTURES.glob("*.json")) == ["edit_video_completed", "edit_video_request"]


def test_the_strict_check_does_catch_an_unmodelled_field():
    payload = load("edit_video_completed")
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "sources": [{"url": SOURCE}]}, VideoTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "images": [{"url": "u", "width": 1}]}, VideoTask)


def test_completed_answer_reads_as_typed_outputs():
    task = VideoTask.from_dict(load("edit_video_completed"))

    assert task.is_completed
    assert task.error is None
    assert task.videos == [Video(url=VIDEO_URL)]
    assert task.images == [Image(url="https://file.runapi.ai/runway-aleph.png")]
    assert task.output_urls == [VIDEO_URL]


def test_a_signed_callback_unwraps_into_the_task_class():
    # docs: Callbacks > Callback payload ("matches the task status response for the same endpoint")
    raw = (FIXTURES / "edit_video_completed.json").read_bytes()
    secret = "c2VjcmV0LWZvci10ZXN0cw=="
    headers = webhooks.sign(raw, secret, timestamp=1_700_000_000)

    callback = webhooks.unwrap(raw, headers, secret, task_type=VideoTask, now=1_700_000_000)

    assert callback.task == VideoTask.from_dict(load("edit_video_completed"))


# -- downloads ----------------------------------------------------------------------------------


def test_download_outputs_saves_the_edited_video(client, http, tmp_path):
    task = VideoTask.from_dict(load("edit_video_completed"))
    http.get(VIDEO_URL, body=b"mp4 bytes", content_type="video/mp4")

    saved = client.download_outputs(task, tmp_path)

    assert [d.path.read_bytes() for d in saved] == [b"mp4 bytes"]
    assert saved[0].path.suffix == ".mp4"


# -- what the endpoint accepts -----------------------------------------------------------------

ACCEPTED_CALLS = [
    pytest.param(EDIT, id="required-only"),
    *[pytest.param({**EDIT, "aspect_ratio": ratio}, id=f"ratio-{ratio}") for ratio in ASPECT_RATIOS],
    pytest.param({**EDIT, "seed": 0}, id="seed-0"),
    pytest.param({**EDIT, "seed": 2_147_483_647}, id="seed-large"),
    pytest.param({**EDIT, "callback_url": "https://example.com/cb"}, id="callback"),
    pytest.param({**EDIT, "model": "runway-aleph"}, id="model"),  # newer source: the platform contract
]


def test_the_aspect_ratios_are_the_documented_six():
    assert ASPECT_RATIOS == ("16:9", "9:16", "4:3", "3:4", "1:1", "21:9")


@pytest.mark.parametrize("kwargs", ACCEPTED_CALLS)
def test_valid_values_are_accepted_and_sent_unchanged(client, http, kwargs):
    http.post(url(client), status=202, json=ACCEPTED)

    client.runway_aleph.edit_video.create(**kwargs)

    assert json.loads(http.calls[0].request.body) == kwargs


REFUSED = [
    pytest.param({**EDIT, "aspect_ratio": "2:1"}, "aspect_ratio", "one of '16:9', '9:16', '4:3', '3:4', '1:1', '21:9'"),
    pytest.param({**EDIT, "aspect_ratio": "16/9"}, "aspect_ratio", "one of"),
    pytest.param({**EDIT, "seed": 1.5}, "seed", "an integer"),
    pytest.param({**EDIT, "seed": "42"}, "seed", "an integer"),
    pytest.param({**EDIT, "seed": True}, "seed", "an integer"),
    pytest.param({"prompt": "x"}, "source_video_url", "missing required parameter"),
    pytest.param({"source_video_url": SOURCE}, "prompt", "missing required parameter"),
    pytest.param({**EDIT, "source_video_url": "clip.mp4"}, "source_video_url", "http(s) URL"),
    pytest.param({**EDIT, "reference_image_url": "style.png"}, "reference_image_url", "http(s) URL"),
    pytest.param({**EDIT, "callback_url": "localhost/cb"}, "callback_url", "http(s) URL"),
    pytest.param({**EDIT, "prompt": ""}, "prompt", "a non-blank string"),
    pytest.param({**EDIT, "watermark": "demo"}, "watermark", "unknown parameter"),  # Runway's, not Aleph's
    pytest.param({**EDIT, "model": "aleph"}, "model", "one of 'runway-aleph'"),
]


@pytest.mark.parametrize(("kwargs", "field_name", "fragment"), REFUSED)
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, http, kwargs, field_name, fragment):
    http.post(url(client), status=202, json=ACCEPTED)  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        client.runway_aleph.edit_video.create(**kwargs)

    assert info.value.field == field_name
    assert fragment in str(info.value)
    assert len(http.calls) == 0
