"""ElevenLabs (``client.elevenlabs``), checked against the docs' ElevenLabs section.

The examples under ``tests/fixtures/elevenlabs/`` are the section's payloads, copied as
data: the five create bodies (curl examples), the one printed 202 answer (text_to_speech) and the
five completed status answers. The docs print no processing, failed or callback example for this
family: the 202 answer stands in for "processing" (its documented shape), and a failure is the
platform's general shape (docs: Errors > Task-Specific Errors).

The generic contract checks (the endpoints, ``client.elevenlabs``, every example sent as is or
structured with nothing dropped, run/failed/get on each status path with the shared 202 answer)
live in ``test_every_family.py``. This file keeps what is particular to ElevenLabs: its models and
per-model rules, refusals, dialogue lines as objects, typed reads of its answers and its
signatures, each call going through the public API with HTTP mocked by ``responses``, so "refused
before any request" is observed.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import cattrs
import pytest
import responses

import runapi
from runapi.elevenlabs import (
    DIALOGUE_STABILITIES,
    MODEL_RULES,
    MODELS,
    SOUND_OUTPUT_FORMATS,
    Audio,
    AudioTask,
    DialogueLine,
    TranscriptTask,
)
from tests.families.contract import strict_converter
from tests.families.platform_values import contract_models, contract_values

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "elevenlabs"

# operation -> the task class its status answers structure into
OPERATIONS: dict[str, type[runapi.Task]] = {
    "text_to_speech": AudioTask,
    "text_to_dialogue": AudioTask,
    "text_to_sound": AudioTask,
    "speech_to_text": TranscriptTask,
    "isolate_audio": AudioTask,
}
OPS = list(OPERATIONS)

# what each completed example holds, as a user reads it
COMPLETED_OUTPUT = {
    "text_to_speech": ["https://file.runapi.ai/audio.mp3"],
    "text_to_dialogue": ["https://tempfile.runapi.ai/dialogue.mp3"],
    "text_to_sound": ["https://file.runapi.ai/text-to-sound.mp3"],
    "speech_to_text": [],  # a transcript: no file
    "isolate_audio": ["https://file.runapi.ai/isolated.mp3"],
}


def load(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def path(op: str) -> str:
    return f"/api/v1/elevenlabs/{op}"


def accepted() -> dict[str, Any]:
    """The documented 202 answer (printed for text_to_speech; the family's one task interface)."""
    return load("text_to_speech_accepted")


# -- dialogue lines: objects or mappings -----------------------------------------------------------


@responses.activate
def test_dialogue_lines_may_be_objects_and_are_sent_as_json_objects(client):
    body = load("text_to_dialogue_request")
    responses.post(client.base_url + path("text_to_dialogue"), status=202, json=accepted())

    client.elevenlabs.text_to_dialogue.create(
        dialogue=[DialogueLine(text="Hello", voice="Adam"), DialogueLine(text="How are you?", voice="Brian")],
        stability=0.5,
    )

    assert json.loads(responses.calls[0].request.body) == body


# -- the documented answers, as a user reads them ------------------------------------------------


def test_the_strict_check_does_catch_an_unmodelled_field():
    # what makes the contract checks (test_every_family.py) meaningful: a key the models lack fails, nested too
    payload = load("text_to_speech_completed")
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "words": []}, AudioTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "audios": [{"url": "u", "duration": 1.5}]}, AudioTask)


@pytest.mark.parametrize("op", OPS)
def test_completed_answer_reads_as_typed_outputs(op):
    task = OPERATIONS[op].from_dict(load(f"{op}_completed"))

    assert task.is_completed
    assert task.error is None
    assert task.output_urls == COMPLETED_OUTPUT[op]
    if isinstance(task, AudioTask):
        assert all(isinstance(audio, Audio) for audio in task.audios)
        assert [audio.url for audio in task.audios] == COMPLETED_OUTPUT[op]


def test_transcript_is_the_text():
    task = TranscriptTask.from_dict(load("speech_to_text_completed"))
    assert task.text == "Hello from ElevenLabs"
    assert type(task.text) is str


def test_undocumented_result_data_is_kept_on_raw():
    # timestamps=true promises word timestamps the docs do not shape: whatever comes is not lost
    payload = {**load("text_to_speech_completed"), "alignment": {"words": ["Hello"], "starts": [0.0]}}
    task = AudioTask.from_dict(payload)
    assert task.raw["alignment"] == {"words": ["Hello"], "starts": [0.0]}
    assert task.output_urls == ["https://file.runapi.ai/audio.mp3"]


# -- what each model and endpoint accepts ------------------------------------------------------

SPEECH = {"model": "text-to-speech-turbo-v2.5", "text": "Hello from RunAPI"}
MULTILINGUAL = {"model": "text-to-speech-multilingual-v2", "text": "Hello from RunAPI"}
LINES = [{"text": "Hello", "voice": "Adam"}, {"text": "How are you?", "voice": "Brian"}]
DIALOGUE = {"dialogue": LINES}
SOUND = {"text": "Thunder crash and heavy rain"}
AUDIO_URL = "https://cdn.runapi.ai/public/samples/voice.mp3"
SOURCE = {"source_audio_url": AUDIO_URL}


def test_every_speech_model_has_an_entry_in_the_rules_table():
    assert set(MODEL_RULES.table) == set(MODELS) == {"text-to-speech-turbo-v2.5", "text-to-speech-multilingual-v2"}


ACCEPTED_CALLS = [
    pytest.param("text_to_speech", SPEECH, id="turbo-without-voice"),  # the server's default voice
    pytest.param("text_to_speech", {**MULTILINGUAL, "voice": "EkK5I93UQWFDigLMpZcX"}, id="multilingual-with-voice"),
    pytest.param("text_to_speech", {**SPEECH, "text": "a" * 5000}, id="speech-5000-characters"),
    pytest.param(
        "text_to_speech",
        {**SPEECH, "stability": 0, "similarity_boost": 1, "style": 0.5, "speed": 0.7, "timestamps": True},
        id="speech-range-ends-low",
    ),
    pytest.param("text_to_speech", {**SPEECH, "speed": 1.2, "stability": 1.0}, id="speech-range-ends-high"),
    pytest.param(
        "text_to_speech",
        {**MULTILINGUAL, "voice": "Adam", "previous_text": "Hi.", "next_text": "Bye.", "language_code": "en"},
        id="speech-context-and-language",
    ),
    *[
        pytest.param("text_to_dialogue", {**DIALOGUE, "stability": value}, id=f"dialogue-stability-{value!r}")
        for value in (*DIALOGUE_STABILITIES, 1.0, 0.0)
    ],
    pytest.param(
        "text_to_dialogue",
        {"dialogue": [{"text": "a" * 2500, "voice": "Adam"}, {"text": "b" * 2500, "voice": "Brian"}]},
        id="dialogue-5000-characters-in-all",
    ),
    pytest.param("text_to_dialogue", {**DIALOGUE, "language_code": "en"}, id="dialogue-language"),
    pytest.param("text_to_sound", {**SOUND, "duration_seconds": 0.5, "prompt_influence": 0}, id="sound-shortest"),
    pytest.param("text_to_sound", {**SOUND, "duration_seconds": 22, "loop": True}, id="sound-longest-looping"),
    pytest.param("text_to_sound", {"text": "a" * 5000, "prompt_influence": 1}, id="sound-5000-characters"),
    pytest.param(
        "speech_to_text", {**SOURCE, "tag_audio_events": True, "diarize": False, "language_code": "en"}, id="stt-all"
    ),
    pytest.param("isolate_audio", {**SOURCE, "callback_url": "https://example.com/callback"}, id="isolate-callback"),
    # newer source, the platform contract: each endpoint's model (optional: the official package sends none)
    pytest.param("text_to_dialogue", {**DIALOGUE, "model": "text-to-dialogue-v3"}, id="dialogue-model"),
    pytest.param("text_to_sound", {**SOUND, "model": "sound-effect-v2"}, id="sound-model"),
    pytest.param("speech_to_text", {**SOURCE, "model": "speech-to-text"}, id="stt-model"),
    pytest.param("isolate_audio", {**SOURCE, "model": "audio-isolation"}, id="isolate-model"),
    *[
        pytest.param("text_to_sound", {**SOUND, "output_format": fmt}, id=f"sound-{fmt}")
        for fmt in SOUND_OUTPUT_FORMATS
    ],
]


CONTRACT_BASE = {
    "text_to_speech": {"text": "Hello", "voice": "Adam"},
    "text_to_dialogue": {"dialogue": [{"text": "Hi", "voice": "Adam"}]},
    "text_to_sound": {"text": "Rain on a tin roof"},
    "speech_to_text": {"source_audio_url": "https://example.com/voice.mp3"},
    "isolate_audio": {"source_audio_url": "https://example.com/voice.mp3"},
}


@pytest.mark.parametrize(("op", "model", "name", "value"), contract_values("elevenlabs"))
@responses.activate
def test_every_platform_contract_value_is_accepted_and_sent_as_given(client, op, model, name, value):
    # the platform contract (tests/contract/platform-contract.json), newer than the docs
    responses.post(client.base_url + path(op), status=202, json=accepted())
    kwargs = {**CONTRACT_BASE[op], "model": model, name: value}

    getattr(client.elevenlabs, op).create(**kwargs)

    assert json.loads(responses.calls[0].request.body) == kwargs


@pytest.mark.parametrize(("op", "model"), contract_models("elevenlabs"))
@responses.activate
def test_every_platform_contract_model_is_accepted(client, op, model):
    responses.post(client.base_url + path(op), status=202, json=accepted())
    getattr(client.elevenlabs, op).create(**CONTRACT_BASE[op], model=model)
    assert json.loads(responses.calls[0].request.body)["model"] == model


@pytest.mark.parametrize("op", ["text_to_dialogue", "text_to_sound", "speech_to_text", "isolate_audio"])
@responses.activate
def test_a_model_left_out_is_not_sent(client, op):
    # the official package sends no model for these four; neither does this SDK unless given
    responses.post(client.base_url + path(op), status=202, json=accepted())
    getattr(client.elevenlabs, op).create(**CONTRACT_BASE[op])
    assert "model" not in json.loads(responses.calls[0].request.body)


@pytest.mark.parametrize(("op", "kwargs"), ACCEPTED_CALLS)
@responses.activate
def test_valid_values_are_accepted_and_sent_unchanged(client, op, kwargs):
    responses.post(client.base_url + path(op), status=202, json=accepted())

    getattr(client.elevenlabs, op).create(**kwargs)

    assert json.loads(responses.calls[0].request.body) == kwargs  # nothing added (no guessed defaults)


REFUSED = [
    # text_to_speech: the per-model rule, then each limit of the parameter table
    pytest.param(
        "text_to_speech", MULTILINGUAL, "voice", "voice is required for model 'text-to-speech-multilingual-v2'"
    ),
    pytest.param("text_to_speech", {**SPEECH, "model": "eleven_turbo_v2_5"}, "model", "one of"),
    pytest.param("text_to_speech", {"model": "text-to-speech-turbo-v2.5"}, "text", "missing required parameter 'text'"),
    pytest.param("text_to_speech", {**SPEECH, "text": "a" * 5001}, "text", "1-5000 characters; got 5001"),
    pytest.param("text_to_speech", {**MULTILINGUAL, "voice": "Adam", "text": "a" * 5001}, "text", "1-5000 characters"),
    pytest.param("text_to_speech", {**SPEECH, "stability": 1.01}, "stability", "a number from 0 to 1"),
    pytest.param("text_to_speech", {**SPEECH, "similarity_boost": -0.1}, "similarity_boost", "a number from 0 to 1"),
    pytest.param("text_to_speech", {**SPEECH, "style": 2}, "style", "a number from 0 to 1"),
    pytest.param("text_to_speech", {**SPEECH, "speed": 0.69}, "speed", "a number from 0.7 to 1.2"),
    pytest.param("text_to_speech", {**SPEECH, "speed": 1.21}, "speed", "a number from 0.7 to 1.2"),
    pytest.param("text_to_speech", {**SPEECH, "timestamps": "yes"}, "timestamps", "true or false"),
    pytest.param("text_to_speech", {**SPEECH, "voice": "  "}, "voice", "a non-blank string"),
    pytest.param("text_to_speech", {**SPEECH, "callback_url": "example.com/cb"}, "callback_url", "http(s) URL"),
    # text_to_dialogue: the three stability values, the total length, the shape of a line
    pytest.param("text_to_dialogue", {**DIALOGUE, "stability": 0.7}, "stability", "one of 0, 0.5, 1; got 0.7"),
    pytest.param("text_to_dialogue", {**DIALOGUE, "stability": True}, "stability", "one of 0, 0.5, 1"),
    pytest.param(
        "text_to_dialogue",
        {"dialogue": [{"text": "a" * 2500, "voice": "Adam"}, {"text": "b" * 2501, "voice": "Brian"}]},
        "dialogue",
        "at most 5000 characters; got 5001 characters over 2 lines",
    ),
    pytest.param("text_to_dialogue", {"dialogue": []}, "dialogue", "at least one DialogueLine"),
    pytest.param("text_to_dialogue", {"dialogue": "Hello"}, "dialogue", "a list of DialogueLine objects"),
    pytest.param(
        "text_to_dialogue",
        {"dialogue": [LINES[0], {"text": "How are you?"}]},
        "dialogue[1].voice",
        "missing required parameter 'voice'",
    ),
    pytest.param(
        "text_to_dialogue",
        {"dialogue": [{"text": " ", "voice": "Adam"}]},
        "dialogue[0].text",
        "a non-blank string",
    ),
    pytest.param(
        "text_to_dialogue",
        {"dialogue": [{**LINES[0], "speaker": "Adam"}]},
        "dialogue[0].speaker",
        "unknown parameter 'speaker'",
    ),
    # text_to_sound
    pytest.param("text_to_sound", {**SOUND, "duration_seconds": 0.4}, "duration_seconds", "from 0.5 to 22"),
    pytest.param("text_to_sound", {**SOUND, "duration_seconds": 22.5}, "duration_seconds", "from 0.5 to 22"),
    pytest.param("text_to_sound", {**SOUND, "prompt_influence": 1.5}, "prompt_influence", "a number from 0 to 1"),
    pytest.param("text_to_sound", {"text": "a" * 5001}, "text", "1-5000 characters"),
    pytest.param("text_to_sound", {**SOUND, "loop": 1}, "loop", "true or false"),
    # speech_to_text and isolate_audio
    pytest.param("speech_to_text", {"diarize": True}, "source_audio_url", "missing required parameter"),
    pytest.param("speech_to_text", {"source_audio_url": "voice.mp3"}, "source_audio_url", "http(s) URL"),
    pytest.param("speech_to_text", {**SOURCE, "diarize": "true"}, "diarize", "true or false"),
    pytest.param("isolate_audio", {}, "source_audio_url", "missing required parameter"),
    pytest.param("isolate_audio", {"source_audio_url": "file:///tmp/voice.mp3"}, "source_audio_url", "http(s) URL"),
    # the endpoints with one model each (the platform contract) take that model only (strict client)
    pytest.param("text_to_dialogue", {**DIALOGUE, "model": "sound-effect-v2"}, "model", "'text-to-dialogue-v3'"),
    pytest.param("text_to_sound", {**SOUND, "model": "sound-effect-v1"}, "model", "'sound-effect-v2'"),
    pytest.param("speech_to_text", {**SOURCE, "model": "audio-isolation"}, "model", "'speech-to-text'"),
    pytest.param("isolate_audio", {**SOURCE, "model": "speech-to-text"}, "model", "'audio-isolation'"),
    # output_format of text_to_sound: the contract's 19 values
    pytest.param("text_to_sound", {**SOUND, "output_format": "mp3_44100_320"}, "output_format", "'mp3_22050_32'"),
    pytest.param("text_to_sound", {**SOUND, "output_format": "wav"}, "output_format", "'opus_48000_192'"),
]


@pytest.mark.parametrize(("op", "kwargs", "field_name", "fragment"), REFUSED)
@responses.activate
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, op, kwargs, field_name, fragment):
    responses.post(client.base_url + path(op), status=202, json=accepted())  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.elevenlabs, op).create(**kwargs)

    assert info.value.field == field_name
    assert fragment in str(info.value)
    assert len(responses.calls) == 0


def test_a_missing_voice_message_says_which_model_needs_it(client):
    with pytest.raises(runapi.ValidationError) as info:
        client.elevenlabs.text_to_speech.create(model="text-to-speech-multilingual-v2", text="Hi")
    assert info.value.allowed == "a value for model 'text-to-speech-multilingual-v2'"


# -- signatures ---------------------------------------------------------------------------------


def test_create_shows_the_real_parameters(client):
    signature = inspect.signature(client.elevenlabs.text_to_speech.create)
    assert list(signature.parameters)[:2] == ["model", "text"]
    assert signature.parameters["voice"].default is None
    assert "dialogue" in inspect.signature(client.elevenlabs.text_to_dialogue.run).parameters
