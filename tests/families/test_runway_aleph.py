"""Runway Aleph (``client.runway_aleph``), checked against the docs' Runway Aleph section.

The section (``tests/fixtures/runway_aleph``) prints one create body (the curl example) and one
completed status answer. It prints no 202 answer: the platform's ``{id, status: "processing"}``
stands in (docs: Quick Start; every task endpoint), and a failure is the platform's general shape
(docs: Errors > Task-Specific Errors). HTTP is mocked with ``responses``; polling runs on the fake
clock.
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
from runapi._core.operations import TaskOperation
from runapi._core.options import DURATIONS
from runapi.runway_aleph import ASPECT_RATIOS, Image, RunwayAleph, Video, VideoTask
from tests.conftest import API_KEY, FakeClock
from tests.families.contract import assert_mirrors, strict_converter

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "runway_aleph"
PATH = "/api/v1/runway_aleph/edit_video"

# docs: Errors > Task-Specific Errors (the general failed answer; Runway Aleph prints none of its own)
FAILURE = "Generation failed due to content policy violation"
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


def test_the_family_has_exactly_the_documented_method_path_pairs():
    operations = {name: value for name, value in vars(RunwayAleph).items() if isinstance(value, TaskOperation)}

    assert set(operations) == {"edit_video"}
    operation = operations["edit_video"]
    assert {("POST", operation.path), ("GET", operation.path + "/{id}")} == {
        ("POST", "/api/v1/runway_aleph/edit_video"),
        ("GET", "/api/v1/runway_aleph/edit_video/{id}"),
    }
    assert operation.task is VideoTask
    assert operation.duration is DURATIONS["video"]


def test_client_runway_aleph_is_the_family(client):
    family = client.runway_aleph
    assert isinstance(family, RunwayAleph)
    assert family is client.runway_aleph
    assert family.edit_video.path == PATH
    assert runapi.runway_aleph.RunwayAleph is RunwayAleph
    assert "runway_aleph" in dir(runapi)


def test_create_shows_the_real_parameters(client):
    parameters = inspect.signature(client.runway_aleph.edit_video.create).parameters
    assert list(parameters) == [
        "prompt",
        "source_video_url",
        "reference_image_url",
        "aspect_ratio",
        "seed",
        "callback_url",
    ]
    assert parameters["seed"].default is None


# -- contract: the documented request is sent as is; the documented answer fits ------------------


def test_every_fixture_is_a_documented_example():
    assert sorted(p.stem for p in FIXTURES.glob("*.json")) == ["edit_video_completed", "edit_video_request"]


def test_documented_request_is_accepted_and_sent_as_is(client, http):
    body = load("edit_video_request")
    http.post(url(client), status=202, json=ACCEPTED)

    task = client.runway_aleph.edit_video.create(**body)

    assert type(task) is VideoTask
    assert task.id == TASK_ID
    assert task.status == "processing"
    request = http.calls[0].request
    assert len(http.calls) == 1
    assert request.method == "POST"
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"
    assert json.loads(request.body) == body


def test_documented_answer_structures_with_nothing_dropped():
    payload = load("edit_video_completed")

    strict = strict_converter().structure(payload, VideoTask)  # raises on a documented key the model lacks
    task = VideoTask.from_dict(payload)

    assert strict == task
    assert task.raw == payload
    assert_mirrors(task, payload, "edit_video_completed")


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


# -- create -> wait -> completed / failed --------------------------------------------------------


def test_run_polls_the_status_path_until_completed(client, http, fake_clock: FakeClock):
    body = load("edit_video_request")
    completed = load("edit_video_completed")
    http.post(url(client), status=202, json=ACCEPTED, match=[matchers.json_params_matcher(body)])
    http.get(url(client, TASK_ID), json=ACCEPTED)
    http.get(url(client, TASK_ID), json=completed)

    task = client.runway_aleph.edit_video.run(**body)

    assert type(task) is VideoTask
    assert task == VideoTask.from_dict(completed)
    assert task.output_urls == [VIDEO_URL]
    assert [(c.request.method, c.request.url) for c in http.calls] == [
        ("POST", url(client)),
        ("GET", url(client, TASK_ID)),
        ("GET", url(client, TASK_ID)),
    ]
    assert len(fake_clock.sleeps) == 2
    assert fake_clock.sleeps[0] == DURATIONS["video"].low


def test_a_failed_task_raises_task_failed_error(client, http, fake_clock: FakeClock):
    failed = {"id": TASK_ID, "status": "failed", "error": FAILURE}
    http.post(url(client), status=202, json=ACCEPTED)
    http.get(url(client, TASK_ID), json=failed)

    with pytest.raises(runapi.TaskFailedError) as info:
        client.runway_aleph.edit_video.run(**EDIT)

    assert info.value.task_id == TASK_ID
    assert info.value.error == FAILURE
    assert type(info.value.task) is VideoTask
    assert info.value.task.raw == failed
    assert len(http.calls) == 2


def test_get_reads_one_task(client, http):
    completed = load("edit_video_completed")
    http.get(url(client, TASK_ID), json=completed)

    assert client.runway_aleph.edit_video.get(TASK_ID) == VideoTask.from_dict(completed)
    assert [(c.request.method, c.request.url) for c in http.calls] == [("GET", url(client, TASK_ID))]


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
    pytest.param({**EDIT, "model": "aleph"}, "model", "unknown parameter"),
]


@pytest.mark.parametrize(("kwargs", "field_name", "fragment"), REFUSED)
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, http, kwargs, field_name, fragment):
    http.post(url(client), status=202, json=ACCEPTED)  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        client.runway_aleph.edit_video.create(**kwargs)

    assert info.value.field == field_name
    assert fragment in str(info.value)
    assert len(http.calls) == 0
