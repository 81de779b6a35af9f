"""Luma (``client.luma``), checked against the docs' Luma section (``tests/fixtures/luma``).

The section prints the create body (the same in its curl, Ruby, Python and JavaScript examples),
the 202 answer, a completed status answer and the completed and failed callbacks. No processing
status answer is printed: the 202 answer's shape stands in for it.

The generic contract checks (the endpoint, ``client.luma``, the example sent as is, every answer
structured with nothing dropped, run/failed/get on the status path) live in
``test_every_family.py``. This file keeps what is particular to Luma: its examples, its rules and
refusals, typed reads of its answers, signed callbacks, downloads and its signature, with HTTP
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
from runapi.luma import Source, Video, VideoTask
from tests.families.contract import strict_converter

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "luma"
PATH = "/api/v1/luma/modify_video"

SOURCE = "https://storage.googleapis.com/gtv-videos-bucket/sample/ForBiggerJoyrides.mp4"
VIDEO_URL = "https://tempfile.runapi.ai/generated-video.mp4"
MODIFY = {"prompt": "Turn the street into a rainy cyberpunk night with neon reflections", "source_video_url": SOURCE}
ANSWERS = ["modify_video_accepted", "modify_video_completed", "modify_video_callback_completed"]
FAILED = "modify_video_callback_failed"
SECRET = "c2VjcmV0LWZvci10ZXN0cw=="


def load(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def url(client: runapi.Client, task_id: str | None = None) -> str:
    return f"{client.base_url}{PATH}" if task_id is None else f"{client.base_url}{PATH}/{task_id}"


# -- the family's surface -------------------------------------------------------------------


def test_create_shows_the_real_parameters(client):
    parameters = inspect.signature(client.luma.modify_video.create).parameters
    assert list(parameters) == ["prompt", "source_video_url", "callback_url", "watermark", "model"]
    assert parameters["watermark"].default is None
    assert parameters["model"].default is None  # newer source, the platform contract: sent only when given


# -- the documented answers, as a user reads them ------------------------------------------------


def test_every_fixture_is_a_documented_example():
    assert sorted(p.stem for p in FIXTURES.glob("*.json")) == sorted(["modify_video_request", *ANSWERS, FAILED])


def test_the_strict_check_does_catch_an_unmodelled_field():
    payload = load("modify_video_completed")
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "images": []}, VideoTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "sources": [{"url": SOURCE, "type": "mp4"}]}, VideoTask)


@pytest.mark.parametrize("name", ["modify_video_completed", "modify_video_callback_completed"])
def test_completed_answer_reads_as_typed_outputs(name):
    task = VideoTask.from_dict(load(name))

    assert task.is_completed
    assert task.error is None
    assert task.videos == [Video(url=VIDEO_URL)]
    assert task.sources == [Source(url=SOURCE)]
    assert task.output_urls == [VIDEO_URL]  # the generated video, not the source


def test_failed_callback_reads_as_the_error():
    task = VideoTask.from_dict(load(FAILED))
    assert task.is_failed
    assert task.error == "Modify record generation failed."
    assert task.videos == [] and task.output_urls == []


@pytest.mark.parametrize("name", ["modify_video_callback_completed", FAILED])
def test_a_signed_callback_unwraps_into_the_task_class(name):
    raw = (FIXTURES / f"{name}.json").read_bytes()
    headers = webhooks.sign(raw, SECRET, timestamp=1_700_000_000)

    callback = webhooks.unwrap(raw, headers, SECRET, task_type=VideoTask, now=1_700_000_000)

    assert type(callback.task) is VideoTask
    assert callback.task == VideoTask.from_dict(load(name))
    assert callback.payload == load(name)


# -- downloads ----------------------------------------------------------------------------------


def test_download_outputs_saves_the_generated_video(client, http, tmp_path):
    task = VideoTask.from_dict(load("modify_video_completed"))
    http.get(VIDEO_URL, body=b"mp4 bytes", content_type="video/mp4")

    saved = client.download_outputs(task, tmp_path)

    assert [d.path.name for d in saved] == ["task_abc123-0.mp4"]
    assert saved[0].path.read_bytes() == b"mp4 bytes"


# -- what the endpoint accepts -----------------------------------------------------------------

ACCEPTED_CALLS = [
    pytest.param(MODIFY, id="required-only"),
    pytest.param({**MODIFY, "watermark": "demo-watermark"}, id="watermark"),
    pytest.param({**MODIFY, "model": "luma-modify-video"}, id="model"),  # newer source: the platform contract
    pytest.param({**MODIFY, "callback_url": "https://your-domain.com/api/callbacks/luma"}, id="callback"),
    pytest.param({**MODIFY, "source_video_url": "https://example.com/clip.mov?sig=abc"}, id="mov-with-query"),
]


@pytest.mark.parametrize("kwargs", ACCEPTED_CALLS)
def test_valid_values_are_accepted_and_sent_unchanged(client, http, kwargs):
    http.post(url(client), status=202, json=load("modify_video_accepted"))

    client.luma.modify_video.create(**kwargs)

    assert json.loads(http.calls[0].request.body) == kwargs


REFUSED = [
    pytest.param({"prompt": "x"}, "source_video_url", "missing required parameter"),
    pytest.param({"source_video_url": SOURCE}, "prompt", "missing required parameter"),
    pytest.param({**MODIFY, "prompt": "   "}, "prompt", "a non-blank string"),
    pytest.param({**MODIFY, "source_video_url": "/videos/street.mp4"}, "source_video_url", "http(s) URL"),
    pytest.param({**MODIFY, "source_video_url": "file:///tmp/street.mp4"}, "source_video_url", "http(s) URL"),
    pytest.param({**MODIFY, "callback_url": "your-domain.com/cb"}, "callback_url", "http(s) URL"),
    pytest.param({**MODIFY, "watermark": ""}, "watermark", "a non-blank string"),
    pytest.param({**MODIFY, "model": "ray-2"}, "model", "one of 'luma-modify-video'"),
    pytest.param({**MODIFY, "aspect_ratio": "16:9"}, "aspect_ratio", "unknown parameter"),
]


@pytest.mark.parametrize(("kwargs", "field_name", "fragment"), REFUSED)
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, http, kwargs, field_name, fragment):
    http.post(url(client), status=202, json=load("modify_video_accepted"))  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        client.luma.modify_video.create(**kwargs)

    assert info.value.field == field_name
    assert fragment in str(info.value)
    assert len(http.calls) == 0
