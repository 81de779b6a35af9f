"""The audio families the docs do not cover, called through the SDK against the emulator over real HTTP.

Producer (``text_to_music``), Gemini TTS (``text_to_speech``), OpenAI TTS (``text_to_speech``,
direct), Fish Audio (``text_to_speech`` direct; voices: ``create_voice``, ``get_voice``,
``list_voices``) and OpenAI Transcription (``speech_to_text``, a multipart upload answered JSON or
text). One test per operation, on both clients (``runapi.Client`` and a blocking view of
``runapi.AsyncClient``); each family is bound to the client directly until it is registered. The
bodies are the official READMEs' quick-start examples. The client's sleep is the fake clock.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import pytest

import runapi
from runapi.emulator import Emulator
from runapi.fish_audio import FishAudio, SpeechResult as FishSpeech, Voice
from runapi.gemini_tts import AudioTask, GeminiTts
from runapi.openai_transcription import OpenaiTranscription, Transcription
from runapi.openai_tts import OpenaiTts, SpeechResult
from runapi.producer import MusicTask, Producer
from tests.integration.clients import Blocking
from tests.integration.helpers import assert_typed, is_mp3, saved, sent

pytestmark = pytest.mark.integration

F = TypeVar("F")


def bind(client: Any, family: type[F]) -> F:
    """``family`` on ``client`` (the async client's family seen as blocking, like ``client.<family>``)."""
    if isinstance(client, Blocking):
        return Blocking(family(client._target))  # type: ignore[return-value]
    return family(client)


def test_producer_text_to_music_runs_to_a_downloadable_track(client: runapi.Client, emu: Emulator, tmp_path: Path):
    params = {
        "model": "fuzz-2.0",
        "vocal_mode": "exact_lyrics",
        "prompt": "Cinematic ambient score with warm analog synths",
        "lyrics": "[Verse]\nLights on the water",
        "title": "Harbor",
    }
    task = bind(client, Producer).text_to_music.run(**params)
    assert isinstance(task, MusicTask) and task.generation_stage == "all_audios_ready"
    (audio,) = task.audios
    assert audio.title == "Harbor" and audio.lyrics == params["lyrics"] and audio.duration_seconds
    assert [is_mp3(data) for data in saved(client, task, tmp_path)] == [True]
    assert sent(emu, task) == params


def test_gemini_tts_text_to_speech_runs_to_a_downloadable_mp3(client: runapi.Client, emu: Emulator, tmp_path: Path):
    params: dict[str, Any] = {
        "model": "gemini-2.5-pro-tts",
        "speakers": [
            {"speaker_id": "Speaker 1", "voice_name": "Fenrir", "accent": "British (RP)", "style": "Deadpan"},
            {"speaker_id": "Speaker 2", "voice_name": "Kore", "pace": "Rapid Fire"},
        ],
        "dialogue_turns": [
            {"speaker_id": "Speaker 1", "text": "Welcome."},
            {"speaker_id": "Speaker 2", "text": "Thanks for having me."},
        ],
        "temperature": 1.5,
    }
    task = bind(client, GeminiTts).text_to_speech.run(**params)
    assert isinstance(task, AudioTask) and len(task.audios) == 1
    assert [is_mp3(data) for data in saved(client, task, tmp_path)] == [True]
    assert sent(emu, task) == params


def test_openai_tts_text_to_speech_answers_a_managed_mp3(client: runapi.Client, tmp_path: Path):
    result = bind(client, OpenaiTts).text_to_speech(model="tts-1-hd", text="Hello from RunAPI")
    assert isinstance(result, SpeechResult) and result.is_completed
    (audio,) = result.audios
    assert (audio.format, audio.mime_type) == ("mp3", "audio/mpeg")
    (data,) = saved(client, result, tmp_path)
    assert is_mp3(data) and len(data) == audio.size_bytes
    assert result.runapi_task_id == result.id


def test_fish_audio_text_to_speech_answers_the_requested_wav(client: runapi.Client, tmp_path: Path):
    fish = bind(client, FishAudio)
    result = fish.text_to_speech(model="s2.1-pro", text="Hello [excited]", output_format="wav", sample_rate_hz=44100)
    assert isinstance(result, FishSpeech)
    (audio,) = result.audios
    assert (audio.format, audio.mime_type) == ("wav", "audio/wav")
    (data,) = saved(client, result, tmp_path)
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE" and len(data) == audio.size_bytes


def test_fish_audio_create_voice_then_get_voice_until_trained(client: runapi.Client):
    fish = bind(client, FishAudio)
    created = fish.create_voice(name="Narrator", source_audio_url="https://cdn.runapi.ai/public/samples/voice.mp3")
    assert isinstance(created, Voice) and created.state == "training" and not created.is_trained
    voice = fish.get_voice(created.voice_id)
    assert voice == Voice(voice_id=created.voice_id, name="Narrator", state="trained") and voice.is_trained
    speech = fish.text_to_speech(model="s1", text="Hello", voice_id=voice.voice_id, bitrate_kbps=192)
    assert speech.audios[0].format == "mp3"


def test_fish_audio_list_voices_reads_one_page(client: runapi.Client):
    fish = bind(client, FishAudio)
    made = [fish.create_voice(name=f"Page voice {n}", source_audio_url="https://e.com/v.mp3") for n in range(3)]
    everything = fish.list_voices(page_size=100)
    ours = [v for v in everything if v.voice_id in {m.voice_id for m in made}]
    assert [v.name for v in ours] == ["Page voice 0", "Page voice 1", "Page voice 2"]
    assert all(isinstance(v, Voice) and v.state == "trained" for v in ours)
    last = fish.list_voices(page_number=len(everything), page_size=1)
    assert [v.voice_id for v in last] == [everything[-1].voice_id]
    with pytest.raises(runapi.ValidationError) as info:
        fish.list_voices(page_size=101)
    assert info.value.field == "page_size"


@pytest.mark.parametrize(
    ("params", "format", "start"),
    [
        ({}, "json", "Emulated transcript of speech.mp3"),
        ({"response_format": "verbose_json", "timestamp_granularities": ["word", "segment"]}, "json", "Emulated"),
        ({"response_format": "text"}, "text", "Emulated transcript of speech.mp3"),
        ({"response_format": "srt"}, "text", "1\n00:00:00,000 --> 00:00:01,040\nEmulated"),
        ({"response_format": "vtt"}, "text", "WEBVTT\n"),
        ({"model": "gpt-transcribe", "response_format": "text", "languages": ["en", "fr"]}, "text", "Emulated"),
    ],
)
def test_openai_transcription_speech_to_text_uploads_the_file_and_reads_json_or_text(
    client: runapi.Client, tmp_path: Path, params: dict[str, Any], format: str, start: str
):
    audio = tmp_path / "speech.mp3"
    audio.write_bytes(b"ID3" + bytes(61))
    result = bind(client, OpenaiTranscription).speech_to_text(file=audio, **params)
    assert isinstance(result, Transcription) and result.format == format
    assert result.text is not None and result.text.startswith(start)
    assert "(64 bytes)" in result.text  # the emulator received the whole file
    if format == "json":
        assert_typed(result, {"text": result.text})
        assert result.raw["text"] == result.text
    if params.get("response_format") == "verbose_json":
        assert result.raw["duration"] > 0


def test_openai_transcription_refuses_what_the_contract_rules_out_before_sending(client: runapi.Client, tmp_path: Path):
    audio = tmp_path / "speech.mp3"
    audio.write_bytes(b"ID3")
    transcription = bind(client, OpenaiTranscription)
    with pytest.raises(runapi.ValidationError) as info:
        transcription.speech_to_text.with_options(strict=True)(
            file=audio, model="gpt-transcribe", response_format="srt"
        )
    assert info.value.field == "response_format"
    with pytest.raises(runapi.ValidationError) as missing:
        transcription.speech_to_text(file=tmp_path / "missing.mp3")
    assert missing.value.field == "file"
