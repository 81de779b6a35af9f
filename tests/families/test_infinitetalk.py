"""InfiniteTalk (``client.infinitetalk``), checked against the docs' InfiniteTalk section.

The examples under ``tests/fixtures/infinitetalk/`` are the section's payloads, copied as data:
the create body (curl example), its 202 answer and the completed status answer. The docs print no
processing, failed or callback example: the 202 answer stands in for "processing" (its documented
shape), a failure is the platform's general shape (docs: Errors > Task-Specific Errors), and a
callback body is the status answer (docs: Callbacks > Callback payload).
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import cattrs
import pytest
import responses
from cattrs.gen import make_dict_structure_fn, override
from responses import registries

import runapi
from runapi._core.models import Result
from runapi._core.operations import DirectOperation, TaskOperation
from runapi._core.options import DURATIONS
from runapi.infinitetalk import MODELS, AudioToVideoParams, InfiniteTalk, Video, VideoTask
from tests.conftest import API_KEY

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "infinitetalk"
PATH = "/api/v1/infinitetalk/audio_to_video"
ordered = responses.activate(registry=registries.OrderedRegistry)

VIDEO_URL = "https://file.runapi.ai/infinitetalk/video.mp4"
FAILURE = "Generation failed due to content policy violation"  # docs: Errors > Task-Specific Errors


def load(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


REQUEST = load("audio_to_video_request")
ACCEPTED = load("audio_to_video_accepted")
COMPLETED = load("audio_to_video_completed")
MINIMAL = {k: REQUEST[k] for k in ("model", "source_image_url", "source_audio_url", "prompt")}


def strict_converter() -> cattrs.Converter:
    """Like the SDK's converter, but refusing any key the models do not declare (at any depth)."""
    strict = cattrs.Converter(forbid_extra_keys=True)
    strict.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, Result),
        lambda t: make_dict_structure_fn(t, strict, raw=override(omit=True)),
    )
    return strict


# -- the family's surface ----------------------------------------------------------------------


def test_the_family_has_exactly_the_documented_method_path_pairs():
    pairs = set()
    for name, value in vars(InfiniteTalk).items():
        assert not isinstance(value, DirectOperation), name
        if isinstance(value, TaskOperation):
            assert (name, value.task, value.duration) == ("audio_to_video", VideoTask, DURATIONS["video"])
            pairs |= {("POST", value.path), ("GET", value.path + "/{id}")}
    # docs: Create InfiniteTalk From Audio (POST) and Get InfiniteTalk From Audio Status (its curl GET)
    assert pairs == {("POST", PATH), ("GET", PATH + "/{id}")}


def test_the_one_model_is_the_params_model():
    assert MODELS == ("infinitetalk-from-audio",)
    assert inspect.get_annotations(AudioToVideoParams, eval_str=True)["model"].__args__ == MODELS


def test_client_infinitetalk_is_the_family(client):
    family = client.infinitetalk
    assert isinstance(family, InfiniteTalk)
    assert family is client.infinitetalk
    assert family.audio_to_video.path == PATH
    assert runapi.infinitetalk.InfiniteTalk is InfiniteTalk
    assert "infinitetalk" in dir(runapi)


def test_create_shows_the_real_parameters(client):
    parameters = inspect.signature(client.infinitetalk.audio_to_video.create).parameters
    assert list(parameters)[:4] == ["model", "source_image_url", "source_audio_url", "prompt"]
    assert all(parameters[name].default is None for name in ("output_resolution", "seed", "callback_url"))


# -- contract: the documented request and answers ------------------------------------------------


@responses.activate
def test_documented_request_is_accepted_and_sent_as_is(client):
    responses.post(client.base_url + PATH, status=202, json=ACCEPTED)

    task = client.infinitetalk.audio_to_video.create(**REQUEST)

    assert type(task) is VideoTask
    assert (task.id, task.status) == (ACCEPTED["id"], "processing")
    request = responses.calls[0].request
    assert (request.method, request.url) == ("POST", client.base_url + PATH)
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"
    assert json.dumps(json.loads(request.body), sort_keys=True) == json.dumps(REQUEST, sort_keys=True)
    assert len(responses.calls) == 1


@pytest.mark.parametrize("name", ["audio_to_video_accepted", "audio_to_video_completed"])
def test_every_documented_field_is_modelled(name):
    payload = load(name)

    strict = strict_converter().structure(payload, VideoTask)  # raises on a documented key the model lacks
    task = VideoTask.from_dict(payload)

    assert strict == task
    assert task.raw == payload
    assert (task.id, task.status) == (payload["id"], payload["status"])


def test_the_strict_check_does_catch_an_unmodelled_field():
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**COMPLETED, "model": "infinitetalk-from-audio"}, VideoTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**COMPLETED, "videos": [{"url": "u", "duration": 3}]}, VideoTask)


def test_completed_answer_reads_as_typed_videos():
    task = VideoTask.from_dict(COMPLETED)
    assert task.is_completed and task.error is None
    assert task.videos == [Video(url=VIDEO_URL)]
    assert task.output_urls == [VIDEO_URL]
    assert VideoTask.from_dict(ACCEPTED).output_urls == []


# -- create -> wait -> completed / failed ---------------------------------------------------------


@ordered
def test_run_polls_the_status_path_until_completed(client, fake_clock):
    status_url = f"{client.base_url}{PATH}/{ACCEPTED['id']}"
    responses.post(client.base_url + PATH, status=202, json=ACCEPTED)
    responses.get(status_url, json=ACCEPTED)  # still processing
    responses.get(status_url, json=COMPLETED)

    task = client.infinitetalk.audio_to_video.run(**REQUEST)

    assert task == VideoTask.from_dict(COMPLETED)
    assert task.output_urls == [VIDEO_URL]
    calls = [(call.request.method, call.request.url) for call in responses.calls]
    assert calls == [("POST", client.base_url + PATH), ("GET", status_url), ("GET", status_url)]
    assert len(fake_clock.sleeps) == 2
    assert fake_clock.sleeps[0] == DURATIONS["video"].low


@ordered
def test_a_failed_task_raises_task_failed_error(client, fake_clock):
    failed = {"id": ACCEPTED["id"], "status": "failed", "error": FAILURE}
    responses.post(client.base_url + PATH, status=202, json=ACCEPTED)
    responses.get(f"{client.base_url}{PATH}/{ACCEPTED['id']}", json=failed)

    with pytest.raises(runapi.TaskFailedError) as info:
        client.infinitetalk.audio_to_video.run(**REQUEST)

    assert (info.value.task_id, info.value.error) == (ACCEPTED["id"], FAILURE)
    assert type(info.value.task) is VideoTask
    assert info.value.task.raw == failed
    assert len(responses.calls) == 2


@responses.activate
def test_get_reads_one_task(client):
    url = f"{client.base_url}{PATH}/{COMPLETED['id']}"
    responses.get(url, json=COMPLETED)

    assert client.infinitetalk.audio_to_video.get(COMPLETED["id"]) == VideoTask.from_dict(COMPLETED)
    assert [(c.request.method, c.request.url) for c in responses.calls] == [("GET", url)]


# -- what the endpoint accepts --------------------------------------------------------------------

ACCEPTED_CALLS = [
    pytest.param(MINIMAL, id="minimal"),
    pytest.param({**MINIMAL, "output_resolution": "720p"}, id="720p"),
    pytest.param({**MINIMAL, "output_resolution": "480p"}, id="480p"),
    pytest.param({**MINIMAL, "seed": 10_000}, id="seed-lowest"),
    pytest.param({**MINIMAL, "seed": 1_000_000}, id="seed-highest"),
    pytest.param({**MINIMAL, "prompt": "p" * 5000}, id="prompt-5000"),
]


@pytest.mark.parametrize("kwargs", ACCEPTED_CALLS)
@responses.activate
def test_valid_values_are_accepted_and_sent_unchanged(client, kwargs):
    responses.post(client.base_url + PATH, status=202, json=ACCEPTED)

    client.infinitetalk.audio_to_video.create(**kwargs)

    assert json.loads(responses.calls[0].request.body) == kwargs


REFUSED = [
    *[
        pytest.param(
            {k: v for k, v in MINIMAL.items() if k != name},
            name,
            f"missing required parameter '{name}'",
            id=f"needs-{name}",
        )
        for name in MINIMAL
    ],
    pytest.param({**MINIMAL, "model": "infinitetalk"}, "model", "one of 'infinitetalk-from-audio'"),
    pytest.param({**MINIMAL, "source_image_url": "portrait.jpg"}, "source_image_url", "http(s) URL"),
    pytest.param({**MINIMAL, "source_audio_url": "s3://bucket/voice.mp3"}, "source_audio_url", "http(s) URL"),
    pytest.param({**MINIMAL, "prompt": "p" * 5001}, "prompt", "1-5000 characters; got 5001"),
    pytest.param({**MINIMAL, "prompt": "   "}, "prompt", "a non-blank string"),
    pytest.param({**MINIMAL, "output_resolution": "1080p"}, "output_resolution", "one of '480p', '720p'"),
    pytest.param({**MINIMAL, "seed": 9_999}, "seed", "an integer from 10000 to 1000000"),
    pytest.param({**MINIMAL, "seed": 1_000_001}, "seed", "from 10000 to"),
    pytest.param({**MINIMAL, "seed": 12345.0}, "seed", "an integer"),
    pytest.param({**MINIMAL, "callback_url": "example.com/callback"}, "callback_url", "http(s) URL"),
    pytest.param({**MINIMAL, "source_image_urls": ["https://a.io/x.jpg"]}, "source_image_urls", "unknown parameter"),
]


@pytest.mark.parametrize(("kwargs", "field_name", "fragment"), REFUSED)
@responses.activate
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, kwargs, field_name, fragment):
    responses.post(client.base_url + PATH, status=202, json=ACCEPTED)

    with pytest.raises(runapi.ValidationError) as info:
        client.infinitetalk.audio_to_video.create(**kwargs)

    assert info.value.field == field_name
    assert field_name in str(info.value)
    assert fragment in str(info.value)
    assert len(responses.calls) == 0
