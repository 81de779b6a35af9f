"""OpenAI TTS (``runapi.openai_tts``), checked against the platform contract and the official packages.

Bound to a client directly until it is registered. Facts: the contract's models (``tts-1``,
``tts-1-hd``), kind "direct"; the official contract's ``text`` (required, at most 4,096 characters);
the response model (``audios[]``: ``url``, ``format``, ``mime_type``, ``size_bytes``); ``_run_hybrid``.
"""

from __future__ import annotations

import json
import warnings

import pytest
import responses

import runapi
from runapi.openai_tts import MODELS, Audio, OpenaiTts, SpeechResult

PATH = "/api/v1/openai_tts/text_to_speech"
ANSWER = {
    "id": "task_1",
    "status": "completed",
    "audios": [{"url": "https://runapi.ai/audio.mp3", "format": "mp3", "mime_type": "audio/mpeg", "size_bytes": 128}],
}


@pytest.mark.parametrize(
    "kwargs", [{"model": m, "text": "Hello"} for m in MODELS] + [{"model": "tts-1", "text": "a" * 4096}]
)
def test_contract_values_are_sent_and_the_answer_reads_typed(client, kwargs):
    with warnings.catch_warnings(), responses.RequestsMock() as mock:
        warnings.simplefilter("error", runapi.UnknownValueWarning)
        mock.post(client.base_url + PATH, json=ANSWER)
        result = OpenaiTts(client).text_to_speech(**kwargs)
        assert json.loads(mock.calls[0].request.body) == kwargs
    assert isinstance(result, SpeechResult) and result.is_completed
    assert result.audios == [
        Audio(url="https://runapi.ai/audio.mp3", format="mp3", mime_type="audio/mpeg", size_bytes=128)
    ]
    assert result.output_urls == ["https://runapi.ai/audio.mp3"]


@pytest.mark.parametrize(
    ("kwargs", "field_name", "fragment"),
    [
        ({"model": "tts-1", "text": "a" * 4097}, "text", "1-4096 characters"),
        ({"model": "tts-1", "text": " "}, "text", "non-blank"),
        ({"model": "gpt-4o-mini-tts", "text": "Hi"}, "model", "one of 'tts-1', 'tts-1-hd'"),
        ({"text": "Hi"}, "model", "missing required parameter"),
        ({"model": "tts-1", "text": "Hi", "voice": "alloy"}, "voice", "unknown parameter"),
    ],
)
def test_a_value_the_sources_rule_out_is_refused_before_any_request(client, kwargs, field_name, fragment):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(client.base_url + PATH, json=ANSWER)
        with pytest.raises(runapi.ValidationError) as info:
            OpenaiTts(client).text_to_speech(**kwargs)
        assert not mock.calls
    assert info.value.field == field_name and fragment in str(info.value)


def test_an_accepted_call_is_followed_to_its_stored_answer(client):
    stored = {
        "id": "task_1",
        "status": "completed",
        "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "body": ANSWER},
    }
    with responses.RequestsMock() as mock:
        mock.post(client.base_url + PATH, status=202, json={"id": "task_1", "status": "processing"},
                  headers={"Location": "/api/v1/tasks/task_1"})  # fmt: skip
        mock.get(client.base_url + "/api/v1/tasks/task_1", json=stored)
        result = OpenaiTts(client).text_to_speech(model="tts-1", text="Hello")
    assert isinstance(result, SpeechResult) and result.audios[0].size_bytes == 128
