"""Producer (``runapi.producer``), checked against the platform contract and the official packages.

Bound to a client directly (``Producer(client)``) until it is registered. Facts: the contract's
eight models and ``vocal_mode`` values; the official repository's rules (``prompt`` 1-200,
``lyrics`` required with ``exact_lyrics`` and refused with ``instrumental``); the response models.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest
import responses

import runapi
from runapi.producer import MODELS, VOCAL_MODES, Audio, MusicTask, Producer

TASK_ID = "550e8400-e29b-41d4-a716-446655440000"
PATH = "/api/v1/producer/text_to_music"
BASE = {"model": "fuzz-2.0", "vocal_mode": "instrumental", "prompt": "Cinematic ambient score with warm analog synths"}
LYRICS = {**BASE, "vocal_mode": "exact_lyrics", "lyrics": "[Verse]\nLights on the water"}


def create(client: runapi.Client, kwargs: dict[str, Any]) -> list[Any]:
    """Create with HTTP mocked; the requests sent (a refusal is re-raised once no request was seen)."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(client.base_url + PATH, status=202, json={"id": TASK_ID, "status": "processing"})
        try:
            Producer(client).text_to_music.create(**kwargs)
        except runapi.ValidationError:
            assert not mock.calls, "a refused call must not reach the network"
            raise
        return list(mock.calls)


def test_the_contract_models_and_modes():
    assert set(MODELS) == {
        "fuzz-0.8",
        "fuzz-1.0",
        "fuzz-1.0-pro",
        "fuzz-1.1",
        "fuzz-1.1-pro",
        "fuzz-2.0",
        "fuzz-2.0-pro",
        "fuzz-2.0-raw",
    }
    assert VOCAL_MODES == ("exact_lyrics", "instrumental")


@pytest.mark.parametrize(
    "kwargs",
    [
        *[pytest.param({**BASE, "model": m}, id=m) for m in MODELS],
        *[pytest.param({**LYRICS, "model": m}, id=f"{m}-lyrics") for m in MODELS],
        pytest.param({**LYRICS, "prompt": "a" * 200, "title": "Harbor", "callback_url": "https://e.com/cb"}, id="all"),
    ],
)
def test_contract_values_are_accepted_without_a_warning_and_sent_as_given(client, kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error", runapi.UnknownValueWarning)
        (call,) = create(client, kwargs)
    assert json.loads(call.request.body) == kwargs


@pytest.mark.parametrize(
    ("kwargs", "field_name", "fragment"),
    [
        ({**BASE, "vocal_mode": "exact_lyrics"}, "lyrics", "required for vocal_mode 'exact_lyrics'"),
        ({**BASE, "lyrics": "la"}, "lyrics", "not accepted for vocal_mode 'instrumental'"),
        ({**BASE, "prompt": "a" * 201}, "prompt", "1-200 characters"),
        ({**BASE, "vocal_mode": "auto_lyrics"}, "vocal_mode", "one of"),
        ({**BASE, "model": "fuzz-3.0"}, "model", "one of"),
        ({k: v for k, v in BASE.items() if k != "prompt"}, "prompt", "missing required parameter"),
    ],
)
def test_a_value_the_sources_rule_out_is_refused_before_any_request(client, kwargs, field_name, fragment):
    with pytest.raises(runapi.ValidationError) as info:
        create(client, kwargs)
    assert info.value.field == field_name and fragment in str(info.value)


def test_an_unknown_model_is_sent_with_a_warning_when_not_strict(client):
    with pytest.warns(runapi.UnknownValueWarning, match="model"):
        (call,) = create(client.with_options(strict=False), {**BASE, "model": "fuzz-3.0"})
    assert json.loads(call.request.body)["model"] == "fuzz-3.0"


def test_a_completed_answer_reads_as_typed_tracks(client):
    completed = {
        "id": TASK_ID,
        "status": "completed",
        "generation_stage": "all_audios_ready",
        "audios": [
            {"id": "a1", "audio_url": "https://tempfile.runapi.ai/p/0.mp3", "image_url": "https://tempfile.runapi.ai/p/0.png",
             "model_name": "fuzz-2.0", "title": "Harbor", "duration_seconds": 95.5, "lyrics": "la"},
        ],
    }  # fmt: skip
    with responses.RequestsMock() as mock:
        mock.post(client.base_url + PATH, status=202, json={"id": TASK_ID, "status": "processing"})
        mock.get(f"{client.base_url}{PATH}/{TASK_ID}", json=completed)
        task = Producer(client).text_to_music.run(**BASE)
    assert isinstance(task, MusicTask) and task.generation_stage == "all_audios_ready"
    assert task.audios == [Audio(**completed["audios"][0])]
    assert task.output_urls == ["https://tempfile.runapi.ai/p/0.mp3"]
    failed = MusicTask.from_dict({"id": TASK_ID, "status": "failed", "generation_stage": "failed", "error": "x"})
    assert failed.is_failed and failed.output_urls == []
