"""Volcengine Lip Sync (``runapi.volcengine_lip_sync``), checked against the platform contract and the
official packages.

The family is bound to a client directly (``VolcengineLipSync(client)``) until it is registered on
the client. Facts: the platform contract (model id, ``mode``); the official repository
(``runapi-ai/volcengine-lip-sync-sdk``: required fields, ``template_start_seconds`` >= 0 and the
mode rules in ``contract_gen.py``; field types in ``js/src/types.ts``); the README's quick-start
body; the package's response model. HTTP is mocked with ``responses``.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest
import responses

import runapi
from runapi.volcengine_lip_sync import MODELS, MODES, Video, VideoTask, VolcengineLipSync

TASK_ID = "550e8400-e29b-41d4-a716-446655440000"
PATH = "/api/v1/volcengine_lip_sync/lip_sync_video"
VIDEO_URL = "https://tempfile.runapi.ai/volcengine-lip-sync/result.mp4"
# the official README's quick-start body
LITE = {
    "model": "volcengine-lip-sync",
    "mode": "lite",
    "source_video_url": "https://cdn.runapi.ai/public/samples/volcengine-lip-sync-source.mp4",
    "source_audio_url": "https://cdn.runapi.ai/public/samples/volcengine-lip-sync-voice-adam.mp3",
}
BASIC = {**LITE, "mode": "basic"}


def create(client: runapi.Client, kwargs: dict[str, Any]) -> list[Any]:
    """Create through the public API with HTTP mocked; the requests sent."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(client.base_url + PATH, status=202, json={"id": TASK_ID, "status": "processing"})
        VolcengineLipSync(client).lip_sync_video.create(**kwargs)
        return list(mock.calls)


def test_the_contract_model_and_modes() -> None:
    assert MODELS == ("volcengine-lip-sync",)
    assert MODES == ("lite", "basic")


CONTRACT_VALUES = [
    pytest.param(LITE, id="lite"),
    pytest.param(BASIC, id="basic"),
    pytest.param(
        {
            **LITE,
            "enable_vocal_separation": True,
            "align_audio": True,
            "align_audio_reverse": True,
            "template_start_seconds": 0,
            "callback_url": "https://example.com/cb",
        },
        id="lite-every-optional",
    ),
    pytest.param({**LITE, "template_start_seconds": 2.5}, id="lite-start-2.5"),
    pytest.param({**BASIC, "enable_scene_detection": True, "enable_vocal_separation": False}, id="basic-scenes"),
]


@pytest.mark.parametrize("kwargs", CONTRACT_VALUES)
def test_contract_values_are_accepted_without_a_warning_and_sent_as_given(client, kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error", runapi.UnknownValueWarning)
        (call,) = create(client, kwargs)
    assert json.loads(call.request.body) == kwargs


REFUSED = [
    *[
        pytest.param({k: v for k, v in LITE.items() if k != name}, name, "missing required parameter", id=f"no-{name}")
        for name in ("model", "mode", "source_video_url", "source_audio_url")
    ],
    pytest.param({**LITE, "enable_scene_detection": True}, "enable_scene_detection", "mode", id="lite-scenes"),
    pytest.param({**BASIC, "align_audio": True}, "align_audio", "mode", id="basic-align"),
    pytest.param({**BASIC, "align_audio_reverse": False}, "align_audio_reverse", "mode", id="basic-reverse"),
    pytest.param({**BASIC, "template_start_seconds": 1}, "template_start_seconds", "mode", id="basic-start"),
    pytest.param(
        {**LITE, "align_audio_reverse": True}, "align_audio", "required when align_audio_reverse", id="reverse-alone"
    ),
    pytest.param({**LITE, "template_start_seconds": -1}, "template_start_seconds", "at least 0", id="negative-start"),
    pytest.param({**LITE, "source_audio_url": "voice.mp3"}, "source_audio_url", "URL", id="relative-audio"),
]


@pytest.mark.parametrize(("kwargs", "field_name", "fragment"), REFUSED)
def test_a_value_the_sources_rule_out_is_refused_before_any_request(client, kwargs, field_name, fragment):
    with pytest.raises(runapi.ValidationError) as info:
        create(client, kwargs)
    assert info.value.field == field_name
    assert fragment in str(info.value)


@pytest.mark.parametrize(("field", "value"), [("model", "volcengine-lip-sync-2"), ("mode", "pro")])
def test_a_value_outside_the_contract_is_refused_when_strict_else_warned_and_sent(client, field, value):
    kwargs = {**LITE, field: value}
    with pytest.raises(runapi.ValidationError) as info:
        create(client, kwargs)  # the family tests' client is strict
    assert info.value.field == field
    with pytest.warns(runapi.UnknownValueWarning, match=field):
        (call,) = create(client.with_options(strict=False), kwargs)
    assert json.loads(call.request.body)[field] == value


def test_a_completed_answer_reads_as_a_typed_video_and_run_polls_it(client):
    completed = {"id": TASK_ID, "status": "completed", "videos": [{"url": VIDEO_URL}]}
    assert VideoTask.from_dict(completed).videos == [Video(url=VIDEO_URL)]
    with responses.RequestsMock() as mock:
        mock.post(client.base_url + PATH, status=202, json={"id": TASK_ID, "status": "processing"})
        mock.get(f"{client.base_url}{PATH}/{TASK_ID}", json=completed)
        task = VolcengineLipSync(client).lip_sync_video.run(**LITE)
    assert isinstance(task, VideoTask) and task.output_urls == [VIDEO_URL]
