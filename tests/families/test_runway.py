"""Runway (``client.runway``), checked against the docs' Runway section (``tests/fixtures/runway``).

The section prints one create body (``text_to_video``'s curl example), its 202 answer and one
completed status answer; ``extend_video`` has only its parameter table and its two paths. The
202 answer stands in for a running task, and a failure is the platform's general shape (docs:
Errors > Task-Specific Errors).

The generic contract checks (the endpoints, ``client.runway``, the example sent as is, every answer
structured with nothing dropped, run (or wait), failed and get on both status paths,
``extend_video`` borrowing ``text_to_video``'s answers) live in ``test_every_family.py``. This file
keeps what is particular to Runway: its rules and refusals, typed reads of its answers, callbacks,
downloads, its signatures and ``extend_video`` run from its parameter table. Every call goes through
the public API with HTTP mocked by ``responses`` and the suite's fake clock: "refused before any
request" and "polled, never slept" are observed, not assumed.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import cattrs
import pytest
from responses import matchers

import runapi
from runapi import webhooks
from runapi._core.options import DURATIONS
from runapi.runway import Image, Video, VideoTask
from tests.conftest import FakeClock
from tests.families.contract import strict_converter

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "runway"
BASE = "/api/v1/runway"

# docs: Errors > Task-Specific Errors (the general failed answer; Runway prints none of its own)
FAILURE = "Generation failed due to content policy violation"

TEXT = {"prompt": "A camera glide through ocean mist at sunrise", "duration_seconds": 5, "output_resolution": "720p"}
IMAGE_URL = "https://file.runapi.ai/cover.png"
EXTEND = {"source_task_id": "281e5b0f...f39b9", "prompt": "The mist lifts over the sea", "output_resolution": "720p"}
# a valid create call per operation: the documented body where the docs print one
T2V = {**TEXT, "aspect_ratio": "16:9"}
CALLS: dict[str, dict[str, Any]] = {"text_to_video": T2V, "extend_video": EXTEND}


def load(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def url(client: runapi.Client, op: str, task_id: str | None = None) -> str:
    path = f"{client.base_url}{BASE}/{op}"
    return path if task_id is None else f"{path}/{task_id}"


# -- the family's surface -------------------------------------------------------------------


def test_create_shows_the_real_parameters(client):
    text = inspect.signature(client.runway.text_to_video.create).parameters
    assert list(text)[:3] == ["prompt", "duration_seconds", "output_resolution"]  # the required ones
    assert text["aspect_ratio"].default is None
    assert text["first_frame_image_url"].default is None
    assert text["model"].default is None  # newer source, the platform contract: optional, sent only when given
    extend = inspect.signature(client.runway.extend_video.run).parameters
    assert set(extend) == {"source_task_id", "prompt", "output_resolution", "model", "watermark", "callback_url"}


# -- the documented answers, as a user reads them ------------------------------------------------

ANSWERS = ["text_to_video_accepted", "text_to_video_completed"]


def test_every_fixture_is_a_documented_example():
    assert sorted(p.stem for p in FIXTURES.glob("*.json")) == sorted(["text_to_video_request", *ANSWERS])


def test_the_strict_check_does_catch_an_unmodelled_field():
    payload = load("text_to_video_completed")
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "model": "gen4"}, VideoTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "videos": [{"url": "u", "duration": 5}]}, VideoTask)


def test_completed_answer_reads_as_typed_outputs():
    task = VideoTask.from_dict(load("text_to_video_completed"))

    assert task.is_completed
    assert task.error is None
    assert task.videos == [Video(id="video-1", url="https://file.runapi.ai/video.mp4")]
    assert task.images == [Image(url="https://file.runapi.ai/cover.png")]
    assert task.output_urls == ["https://file.runapi.ai/video.mp4"]  # the cover is not an output


def test_a_running_task_has_no_outputs_yet():
    task = VideoTask.from_dict(load("text_to_video_accepted"))
    assert not task.is_done
    assert task.videos == [] and task.images == [] and task.output_urls == []


def test_a_signed_callback_unwraps_into_the_task_class():
    # docs: Callbacks > Callback payload ("matches the task status response for the same endpoint")
    raw = (FIXTURES / "text_to_video_completed.json").read_bytes()
    secret = "c2VjcmV0LWZvci10ZXN0cw=="
    headers = webhooks.sign(raw, secret, timestamp=1_700_000_000)

    callback = webhooks.unwrap(raw, headers, secret, task_type=VideoTask, now=1_700_000_000)

    assert callback.task == VideoTask.from_dict(load("text_to_video_completed"))
    assert callback.task.output_urls == ["https://file.runapi.ai/video.mp4"]


# -- extend_video: create -> wait -> completed / failed, on its status path ----------------------


# extend_video prints no body: it runs here from its parameter table (text_to_video's documented
# body runs in test_every_family.py)
@pytest.mark.parametrize("op", ["extend_video"])
def test_run_polls_the_status_path_until_completed(client, http, fake_clock: FakeClock, op):
    accepted = load("text_to_video_accepted")
    task_id = accepted["id"]
    completed = load("text_to_video_completed")  # extend_video's answers are read as the same shape
    status_url = url(client, op, task_id)
    http.post(url(client, op), status=202, json=accepted, match=[matchers.json_params_matcher(CALLS[op])])
    http.get(status_url, json=accepted)
    http.get(status_url, json=completed)

    task = getattr(client.runway, op).run(**CALLS[op])

    assert type(task) is VideoTask
    assert task == VideoTask.from_dict(completed)
    assert task.output_urls == ["https://file.runapi.ai/video.mp4"]
    assert [(c.request.method, c.request.url) for c in http.calls] == [
        ("POST", url(client, op)),
        ("GET", status_url),
        ("GET", status_url),
    ]
    # a wait before each poll, on the fake clock, the first shaped by the video window
    assert len(fake_clock.sleeps) == 2
    assert fake_clock.sleeps[0] == DURATIONS["video"].low


@pytest.mark.parametrize("op", ["extend_video"])
def test_a_failed_task_raises_task_failed_error(client, http, fake_clock: FakeClock, op):
    task_id = load("text_to_video_accepted")["id"]
    failed = {"id": task_id, "status": "failed", "error": FAILURE}
    http.post(url(client, op), status=202, json=load("text_to_video_accepted"))
    http.get(url(client, op, task_id), json=failed)

    with pytest.raises(runapi.TaskFailedError) as info:
        getattr(client.runway, op).run(**CALLS[op])

    assert info.value.task_id == task_id
    assert info.value.error == FAILURE
    assert type(info.value.task) is VideoTask
    assert info.value.task.raw == failed
    assert len(http.calls) == 2


def test_download_outputs_saves_the_video(client, http, tmp_path):
    task = VideoTask.from_dict(load("text_to_video_completed"))
    http.get("https://file.runapi.ai/video.mp4", body=b"mp4 bytes", content_type="video/mp4")

    saved = client.download_outputs(task, tmp_path)

    assert len(saved) == 1
    assert saved[0].path.suffix == ".mp4"
    assert saved[0].path.read_bytes() == b"mp4 bytes"
    assert [c.request.url for c in http.calls] == ["https://file.runapi.ai/video.mp4"]  # no cover


# -- what each endpoint accepts ----------------------------------------------------------------

ACCEPTED_CALLS = [
    pytest.param("text_to_video", {**TEXT, "aspect_ratio": "9:16"}, id="text-to-video"),
    pytest.param("text_to_video", {**TEXT, "first_frame_image_url": IMAGE_URL}, id="image-to-video-no-ratio"),
    pytest.param(
        "text_to_video", {**TEXT, "first_frame_image_url": IMAGE_URL, "aspect_ratio": "16:9"}, id="image-with-ratio"
    ),
    # the docs tie no resolution to a duration: each documented pair is accepted
    *[
        pytest.param(
            "text_to_video",
            {**TEXT, "duration_seconds": seconds, "output_resolution": resolution, "aspect_ratio": "1:1"},
            id=f"{seconds}s-{resolution}",
        )
        for seconds in (5, 10)
        for resolution in ("720p", "1080p")
    ],
    pytest.param(
        "text_to_video",
        {**TEXT, "aspect_ratio": "16:9", "watermark": "demo", "callback_url": "https://example.com/cb"},
        id="text-watermark-callback",
    ),
    # newer source, the platform contract: the one model id of both actions, and text_to_video's ratios
    *[
        pytest.param("text_to_video", {**TEXT, "aspect_ratio": ratio}, id=f"ratio-{ratio}")
        for ratio in ("16:9", "9:16", "1:1", "4:3", "3:4")
    ],
    pytest.param("text_to_video", {**T2V, "model": "runway"}, id="text-model"),
    pytest.param("extend_video", {**EXTEND, "model": "runway"}, id="extend-model"),
    pytest.param("extend_video", {**EXTEND, "output_resolution": "1080p"}, id="extend-1080p"),
    pytest.param(
        "extend_video", {**EXTEND, "watermark": "demo", "callback_url": "https://example.com/cb"}, id="extend-all"
    ),
]


@pytest.mark.parametrize(("op", "kwargs"), ACCEPTED_CALLS)
def test_valid_values_are_accepted_and_sent_unchanged(client, http, op, kwargs):
    http.post(url(client, op), status=202, json=load("text_to_video_accepted"))

    getattr(client.runway, op).create(**kwargs)

    assert json.loads(http.calls[0].request.body) == kwargs  # nothing added (no guessed defaults)


REFUSED = [
    # text_to_video: the image-or-text rule
    pytest.param(
        "text_to_video", TEXT, "aspect_ratio", "aspect_ratio is required when first_frame_image_url is not given"
    ),
    # text_to_video: each parameter of the table
    pytest.param("text_to_video", {**T2V, "duration_seconds": 8}, "duration_seconds", "one of 5, 10"),
    pytest.param("text_to_video", {**T2V, "duration_seconds": "5"}, "duration_seconds", "one of"),
    pytest.param("text_to_video", {**T2V, "duration_seconds": 5.0}, "duration_seconds", "one of"),
    pytest.param("text_to_video", {**T2V, "output_resolution": "4k"}, "output_resolution", "'720p', '1080p'"),
    pytest.param("text_to_video", {**T2V, "output_resolution": "720P"}, "output_resolution", "one of"),
    pytest.param("text_to_video", {"prompt": "x", "output_resolution": "720p"}, "duration_seconds", "missing required"),
    pytest.param("text_to_video", {"prompt": "x", "duration_seconds": 5}, "output_resolution", "missing required"),
    pytest.param("text_to_video", {**TEXT, "prompt": " ", "aspect_ratio": "16:9"}, "prompt", "a non-blank string"),
    pytest.param("text_to_video", {**TEXT, "aspect_ratio": "21:9"}, "aspect_ratio", "one of '16:9', '9:16'"),
    pytest.param(
        "text_to_video", {**TEXT, "first_frame_image_url": "cover.png"}, "first_frame_image_url", "http(s) URL"
    ),
    pytest.param("text_to_video", {**T2V, "callback_url": "example.com"}, "callback_url", "http(s)"),
    pytest.param("text_to_video", {**T2V, "watermark": 1}, "watermark", "a non-blank string"),
    pytest.param("text_to_video", {**T2V, "model": "gen4"}, "model", "one of 'runway'"),
    pytest.param("extend_video", {**EXTEND, "model": "gen4"}, "model", "one of 'runway'"),
    # extend_video
    pytest.param("extend_video", {**EXTEND, "output_resolution": "4k"}, "output_resolution", "one of"),
    pytest.param("extend_video", {"prompt": "x", "output_resolution": "720p"}, "source_task_id", "missing required"),
    pytest.param("extend_video", {**EXTEND, "prompt": None}, "prompt", "missing required parameter 'prompt'"),
    pytest.param("extend_video", {**EXTEND, "duration_seconds": 5}, "duration_seconds", "unknown parameter"),
    pytest.param("extend_video", {**EXTEND, "callback_url": "ftp://example.com"}, "callback_url", "http(s) URL"),
]


@pytest.mark.parametrize(("op", "kwargs", "field_name", "fragment"), REFUSED)
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, http, op, kwargs, field_name, fragment):
    http.post(url(client, op), status=202, json=load("text_to_video_accepted"))  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.runway, op).create(**kwargs)

    assert info.value.field == field_name
    assert fragment in str(info.value)
    assert len(http.calls) == 0


def test_the_missing_aspect_ratio_message_says_how_to_fix_it(client):
    with pytest.raises(runapi.ValidationError) as info:
        client.runway.text_to_video.create(**TEXT)
    assert str(info.value) == "aspect_ratio is required when first_frame_image_url is not given"
    assert info.value.allowed == "a value when first_frame_image_url is not given"
