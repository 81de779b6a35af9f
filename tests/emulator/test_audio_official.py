"""The emulator's audio families the docs do not cover: Producer, Gemini TTS, OpenAI TTS, Fish Audio
(speech and voices) and OpenAI Transcription (multipart), over real HTTP with plain ``requests``.

Facts from the platform contract (paths, kinds, model ids, per-model enums), the official CLI's
newer contract (``s2.1-pro``, the transcription models and formats) and the official packages
(required fields, rules, answer shapes). The bodies are the official READMEs' quick-start examples.
"""

from __future__ import annotations

from typing import Any

import pytest
import requests

from runapi.emulator._audio import ENDPOINTS as AUDIO_ENDPOINTS, FISH_VOICES, TRANSCRIPTIONS
from runapi.emulator._catalog import BY_PATH

from .conftest import Api, FakeClock, complete as run
from .test_media import assert_mp3, fetch

PRODUCER = "/api/v1/producer/text_to_music"
GEMINI = "/api/v1/gemini_tts/text_to_speech"
OPENAI_TTS = "/api/v1/openai_tts/text_to_speech"
FISH = "/api/v1/fish_audio/text_to_speech"

TASKS: dict[str, dict[str, Any]] = {
    PRODUCER: {"model": "fuzz-2.0", "vocal_mode": "instrumental", "prompt": "Cinematic ambient score"},
    GEMINI: {
        "model": "gemini-2.5-pro-tts",
        "speakers": [{"speaker_id": "Speaker 1", "voice_name": "Fenrir", "accent": "British (RP)"}],
        "dialogue_turns": [{"speaker_id": "Speaker 1", "text": "Welcome."}],
    },
}
DIRECT: dict[str, dict[str, Any]] = {
    OPENAI_TTS: {"model": "tts-1", "text": "Hello"},
    FISH: {"model": "s2.1-pro", "text": "Hello [excited]", "output_format": "wav", "sample_rate_hz": 44100},
}


def test_every_row_is_gathered_with_its_kind() -> None:
    assert {e.path for e in AUDIO_ENDPOINTS} == set(TASKS) | set(DIRECT)
    assert all(not BY_PATH[path].direct for path in TASKS) and all(BY_PATH[path].direct for path in DIRECT)


@pytest.mark.parametrize("path", sorted(TASKS))
def test_a_task_row_completes_with_a_served_mp3(api: Api, fake_clock: FakeClock, path: str) -> None:
    done = run(api, fake_clock, path, TASKS[path])
    (audio,) = done["audios"]
    url = audio["audio_url"] if path == PRODUCER else audio["url"]
    assert_mp3(fetch(url))
    if path == PRODUCER:
        assert done["generation_stage"] == "all_audios_ready" and audio["model_name"] == "fuzz-2.0"


@pytest.mark.parametrize("path", sorted(DIRECT))
def test_a_direct_row_answers_the_managed_audio_at_once(api: Api, path: str) -> None:
    answer = api.post(path, DIRECT[path])
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["status"] == "completed" and isinstance(body["id"], str)
    (audio,) = body["audios"]
    served = fetch(audio["url"])
    assert audio["format"] == ("wav" if path == FISH else "mp3")
    assert served.headers["Content-Type"] == audio["mime_type"] and len(served.content) == audio["size_bytes"]


@pytest.mark.parametrize(
    ("path", "body", "status", "message"),
    [
        (PRODUCER, {**TASKS[PRODUCER], "vocal_mode": "exact_lyrics"}, 400, "Missing required parameter: lyrics"),
        (PRODUCER, {**TASKS[PRODUCER], "lyrics": "la la"}, 422, "Invalid lyrics"),
        (PRODUCER, {**TASKS[PRODUCER], "model": "fuzz-3.0"}, 422, "Invalid model: fuzz-3.0"),
        (GEMINI, {**TASKS[GEMINI], "speakers": []}, 400, "Missing required parameter: speakers"),
        (GEMINI, {**TASKS[GEMINI], "model": "gemini-tts"}, 422, "Invalid model"),
        (OPENAI_TTS, {"model": "tts-1"}, 400, "Missing required parameter: text"),
        (OPENAI_TTS, {"model": "gpt-4o-mini-tts", "text": "Hi"}, 422, "Invalid model"),
        (FISH, {**DIRECT[FISH], "bitrate_kbps": 128}, 422, "Invalid bitrate_kbps"),
        (FISH, {"model": "s1", "text": "Hi", "sample_rate_hz": 16000}, 422, "Invalid sample_rate_hz"),
        (FISH, {"model": "s1", "text": "Hi", "output_format": "ogg"}, 422, "Invalid output_format"),
    ],
)
def test_a_body_the_sources_rule_out_is_refused(api: Api, path: str, body: dict[str, Any], status: int, message: str):
    answer = api.post(path, body)
    assert answer.status_code == status and message in answer.json()["error"], answer.text


def test_fish_voices_are_created_read_trained_and_listed_in_pages(api: Api) -> None:
    made = [
        api.post(FISH_VOICES, {"name": f"Narrator {n}", "source_audio_url": "https://e.com/v.mp3"}) for n in range(3)
    ]
    assert all(r.status_code == 200 for r in made)
    first = made[0].json()["voice"]
    assert first["state"] == "training" and first["name"] == "Narrator 0"
    read = api.get(f"{FISH_VOICES}/{first['voice_id']}")
    assert read.json() == {"voice": {**first, "state": "trained"}}
    page = api.get(FISH_VOICES, params={"page_number": 2, "page_size": 2}).json()
    assert page["total"] == 3 and page["page_number"] == 2 and page["page_size"] == 2
    assert [v["name"] for v in page["voices"]] == ["Narrator 2"]
    assert api.get(f"{FISH_VOICES}/voice_missing").status_code == 404
    assert api.get(FISH_VOICES, params={"page_size": 101}).status_code == 422
    assert api.post(FISH_VOICES, {"name": "No source"}).status_code == 400


def _transcribe(api: Api, **fields: Any) -> requests.Response:
    return api.session.post(
        api.emulator.url + TRANSCRIPTIONS, files={"file": ("audio.mp3", b"ID3 audio")}, data=fields, timeout=5
    )


@pytest.mark.parametrize(
    ("fields", "content_type", "start"),
    [
        ({}, "application/json", '{"text": "Emulated transcript of audio.mp3 (9 bytes)."}'),
        ({"response_format": "text"}, "text/plain", "Emulated transcript"),
        ({"response_format": "srt"}, "application/x-subrip", "1\n00:00:00,000 --> "),
        ({"response_format": "vtt"}, "text/vtt", "WEBVTT\n"),
        ({"model": "gpt-transcribe", "response_format": "json"}, "application/json", '{"text": '),
    ],
)
def test_a_transcription_answers_json_or_text_by_response_format(api, fields, content_type, start) -> None:
    answer = _transcribe(api, **fields)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"].split(";")[0] == content_type and answer.text.startswith(start)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"model": "gpt-transcribe", "response_format": "srt"}, "Invalid response_format: srt"),
        ({"model": "whisper-2"}, "Invalid model: whisper-2"),
        ({"timestamp_granularities[]": ["word", "segment", "word"]}, "Invalid timestamp_granularities"),
    ],
)
def test_a_transcription_the_contract_rules_out_is_refused(api: Api, fields: dict[str, Any], message: str) -> None:
    answer = _transcribe(api, **fields)
    assert answer.status_code == 422 and message in answer.json()["error"]


def test_a_transcription_without_a_file_or_a_key_is_refused(api: Api) -> None:
    no_file = api.session.post(api.emulator.url + TRANSCRIPTIONS, files={"model": (None, "whisper-1")}, timeout=5)
    assert no_file.status_code == 400 and no_file.json()["error"] == "Missing required parameter: file"
    as_json = api.post(TRANSCRIPTIONS, {"model": "whisper-1"})
    assert as_json.status_code == 400 and "multipart/form-data" in as_json.json()["error"]
    anonymous = requests.post(api.emulator.url + TRANSCRIPTIONS, files={"file": ("a.mp3", b"x")}, timeout=5)
    assert anonymous.status_code == 401
