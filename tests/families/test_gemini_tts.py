"""Gemini TTS (``runapi.gemini_tts``), checked against the platform contract and the official packages.

Bound to a client directly until it is registered. Facts: the contract's two models and
``speakers`` / ``dialogue_turns`` ``min_items`` 1; the official contract's ``temperature`` 0-2; the
repository's types (30 voices, 8 accents, 6 styles, 4 paces, a turn's 10,000 characters, a turn
naming a configured speaker); the response model (``audios: [{url}]``).
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest
import responses

import runapi
from runapi.gemini_tts import ACCENTS, MODELS, PACES, STYLES, VOICE_NAMES, Audio, AudioTask, GeminiTts

TASK_ID = "550e8400-e29b-41d4-a716-446655440000"
PATH = "/api/v1/gemini_tts/text_to_speech"
SPEAKER = {
    "speaker_id": "Speaker 1",
    "voice_name": "Fenrir",
    "accent": "British (RP)",
    "style": "Deadpan",
    "pace": "Natural",
}
BASE: dict[str, Any] = {  # the official README's quick-start body
    "model": "gemini-2.5-pro-tts",
    "speakers": [SPEAKER],
    "dialogue_turns": [{"speaker_id": "Speaker 1", "text": "Welcome."}],
}


def create(client: runapi.Client, kwargs: dict[str, Any]) -> list[Any]:
    """Create with HTTP mocked; the requests sent (a refusal is re-raised once no request was seen)."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(client.base_url + PATH, status=202, json={"id": TASK_ID, "status": "processing"})
        try:
            GeminiTts(client).text_to_speech.create(**kwargs)
        except runapi.ValidationError:
            assert not mock.calls, "a refused call must not reach the network"
            raise
        return list(mock.calls)


def speaker(**changes: Any) -> dict[str, Any]:
    return {**BASE, "speakers": [{"speaker_id": "Speaker 1", "voice_name": "Fenrir", **changes}]}


def test_the_lists():
    assert MODELS == ("gemini-2.5-pro-tts", "gemini-3.1-flash-tts")
    assert (len(VOICE_NAMES), len(ACCENTS), len(STYLES), len(PACES)) == (30, 8, 6, 4)


@pytest.mark.parametrize(
    "kwargs",
    [
        *[pytest.param({**BASE, "model": m}, id=m) for m in MODELS],
        *[pytest.param(speaker(voice_name=v), id=f"voice-{v}") for v in VOICE_NAMES],
        *[pytest.param(speaker(accent=a), id=f"accent-{a}") for a in ACCENTS],
        *[pytest.param(speaker(style=s), id=f"style-{s}") for s in STYLES],
        *[pytest.param(speaker(pace=p), id=f"pace-{p}") for p in PACES],
        pytest.param(
            {
                **BASE,
                "speakers": [SPEAKER, {"speaker_id": "Speaker 2", "voice_name": "Kore", "audio_profile": "Warm host"}],
                "dialogue_turns": [
                    {"speaker_id": "Speaker 1", "text": "a" * 10_000},
                    {"speaker_id": "Speaker 2", "text": "Thanks."},
                ],
                "temperature": 2,
                "scene": "A late-night radio studio",
                "sample_context": "Calm",
                "callback_url": "https://example.com/cb",
            },
            id="every-optional",
        ),
        pytest.param({**BASE, "temperature": 0}, id="temperature-0"),
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
        ({**BASE, "speakers": []}, "speakers", "at least 1"),
        ({**BASE, "dialogue_turns": []}, "dialogue_turns", "at least 1"),
        (
            {**BASE, "dialogue_turns": [{"speaker_id": "Speaker 2", "text": "Hi"}]},
            "dialogue_turns[0].speaker_id",
            "'Speaker 1'",
        ),
        (
            {**BASE, "dialogue_turns": [{"speaker_id": "Speaker 1", "text": "a" * 10_001}]},
            "dialogue_turns[0].text",
            "1-10000",
        ),
        ({**BASE, "dialogue_turns": [{"speaker_id": "Speaker 1"}]}, "dialogue_turns[0].text", "missing"),
        (speaker(voice_name="Bob"), "speakers[0].voice_name", "one of"),
        (speaker(pace="Slow"), "speakers[0].pace", "one of"),
        ({**BASE, "temperature": 2.1}, "temperature", "from 0 to 2"),
        ({**BASE, "model": "gemini-tts"}, "model", "one of"),
        ({k: v for k, v in BASE.items() if k != "speakers"}, "speakers", "missing required parameter"),
    ],
)
def test_a_value_the_sources_rule_out_is_refused_before_any_request(client, kwargs, field_name, fragment):
    with pytest.raises(runapi.ValidationError) as info:
        create(client, kwargs)
    assert info.value.field == field_name and fragment in str(info.value)


def test_a_voice_newer_than_the_sdk_is_sent_with_a_warning_when_not_strict(client):
    with pytest.warns(runapi.UnknownValueWarning, match="voice_name"):
        (call,) = create(client.with_options(strict=False), speaker(voice_name="Nova"))
    assert json.loads(call.request.body)["speakers"][0]["voice_name"] == "Nova"


def test_run_polls_and_reads_the_typed_audio(client):
    url = "https://tempfile.runapi.ai/gemini-tts/0.mp3"
    with responses.RequestsMock() as mock:
        mock.post(client.base_url + PATH, status=202, json={"id": TASK_ID, "status": "processing"})
        mock.get(
            f"{client.base_url}{PATH}/{TASK_ID}", json={"id": TASK_ID, "status": "completed", "audios": [{"url": url}]}
        )
        task = GeminiTts(client).text_to_speech.run(**BASE)
    assert isinstance(task, AudioTask) and task.audios == [Audio(url=url)] and task.output_urls == [url]
