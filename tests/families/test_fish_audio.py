"""Fish Audio (``runapi.fish_audio``), checked against the platform contract and the official packages.

Bound to a client directly until it is registered. Facts: the models (``s1``, ``s2-pro`` from the
platform contract, ``s2.1-pro`` from the newer official sources), the enums and rules of the
official contract (``bitrate_kbps`` refused with WAV; 32000/44100 Hz with MP3 or no format), the
0.7.0 README (``voice_id``, one ``references`` item, not both), the voice operations' paths,
envelopes and page query (``page_number`` >= 1, ``page_size`` 1-100), the response models.
"""

from __future__ import annotations

import inspect
import json
import warnings
from typing import Any

import pytest
import responses

import runapi
from runapi.fish_audio import BITRATES_KBPS, MODELS, SAMPLE_RATES_HZ, Audio, FishAudio, SpeechResult, Voice

PATH = "/api/v1/fish_audio/text_to_speech"
VOICES = "/api/v1/fish_audio/voices"
ANSWER = {
    "id": "task_1",
    "status": "completed",
    "audios": [{"url": "https://runapi.ai/audio.wav", "format": "wav", "mime_type": "audio/wav", "size_bytes": 4044}],
}
BASE = {"model": "s2.1-pro", "text": "Hello [excited]"}
REFERENCE = {"audio": "https://cdn.runapi.ai/public/samples/voice.mp3", "text": "Reference transcript"}


def speak(client: runapi.Client, kwargs: dict[str, Any]) -> tuple[dict[str, Any], SpeechResult]:
    """Call with HTTP mocked; the JSON sent and the result (a refusal is re-raised once no request was seen)."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(client.base_url + PATH, json=ANSWER)
        try:
            result = FishAudio(client).text_to_speech(**kwargs)
        except runapi.ValidationError:
            assert not mock.calls, "a refused call must not reach the network"
            raise
        return json.loads(mock.calls[0].request.body), result


def test_the_lists():
    assert MODELS == ("s1", "s2-pro", "s2.1-pro")
    assert SAMPLE_RATES_HZ == (8000, 16000, 24000, 32000, 44100) and BITRATES_KBPS == (64, 128, 192)


@pytest.mark.parametrize(
    "kwargs",
    [
        *[pytest.param({**BASE, "model": m}, id=m) for m in MODELS],
        *[pytest.param({**BASE, "output_format": "wav", "sample_rate_hz": r}, id=f"wav-{r}") for r in SAMPLE_RATES_HZ],
        *[pytest.param({**BASE, "output_format": "mp3", "sample_rate_hz": r}, id=f"mp3-{r}") for r in (32000, 44100)],
        *[pytest.param({**BASE, "output_format": "mp3", "bitrate_kbps": b}, id=f"mp3-{b}") for b in BITRATES_KBPS],
        pytest.param({**BASE, "sample_rate_hz": 32000, "bitrate_kbps": 64}, id="default-format"),
        pytest.param({**BASE, "voice_id": "voice_1"}, id="voice_id"),
        pytest.param({**BASE, "references": [REFERENCE]}, id="reference"),
    ],
)
def test_contract_values_are_accepted_without_a_warning_and_sent_as_given(client, kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error", runapi.UnknownValueWarning)
        body, result = speak(client, kwargs)
    assert body == kwargs
    assert result.audios == [
        Audio(url="https://runapi.ai/audio.wav", format="wav", mime_type="audio/wav", size_bytes=4044)
    ]
    assert result.output_urls == ["https://runapi.ai/audio.wav"]


@pytest.mark.parametrize(
    ("kwargs", "field_name", "fragment"),
    [
        ({**BASE, "output_format": "wav", "bitrate_kbps": 128}, "bitrate_kbps", "not accepted for output_format 'wav'"),
        ({**BASE, "output_format": "mp3", "sample_rate_hz": 16000}, "sample_rate_hz", "one of 32000, 44100"),
        ({**BASE, "sample_rate_hz": 8000}, "sample_rate_hz", "one of 32000, 44100"),
        ({**BASE, "sample_rate_hz": 48000}, "sample_rate_hz", "one of"),
        ({**BASE, "output_format": "ogg"}, "output_format", "one of"),
        ({**BASE, "bitrate_kbps": 96}, "bitrate_kbps", "one of"),
        ({**BASE, "voice_id": "voice_1", "references": [REFERENCE]}, "references", "not both"),
        ({**BASE, "references": [REFERENCE, REFERENCE]}, "references", "exactly 1"),
        ({**BASE, "references": [{"audio": "voice.mp3", "text": "t"}]}, "references[0].audio", "URL"),
        ({**BASE, "references": [{"audio": REFERENCE["audio"]}]}, "references[0].text", "missing"),
        ({"model": "s1"}, "text", "missing required parameter"),
        ({**BASE, "model": "s3"}, "model", "one of"),
    ],
)
def test_a_value_the_sources_rule_out_is_refused_before_any_request(client, kwargs, field_name, fragment):
    with pytest.raises(runapi.ValidationError) as info:
        speak(client, kwargs)
    assert info.value.field == field_name and fragment in str(info.value)


def test_create_get_and_list_voices_use_the_voices_path_and_envelopes(client):
    fish = FishAudio(client)
    voice = {"voice_id": "voice/1", "name": "Narrator", "state": "training"}
    with responses.RequestsMock() as mock:
        mock.post(client.base_url + VOICES, json={"voice": voice, "billing": {"reservation": None}})
        mock.get(client.base_url + VOICES + "/voice%2F1", json={"voice": {**voice, "state": "trained"}})
        mock.get(
            client.base_url + VOICES,
            json={"voices": [voice], "total": 1, "page_number": 2, "page_size": 25},
        )
        created = fish.create_voice(name="Narrator", source_audio_url="https://cdn.runapi.ai/narrator.mp3")
        read = fish.get_voice("voice/1")
        page = fish.list_voices(page_number=2, page_size=25)
        sent = [(c.request.method, c.request.url.removeprefix(client.base_url), c.request.body) for c in mock.calls]
    assert sent[0][:2] == ("POST", VOICES)
    assert json.loads(sent[0][2]) == {"name": "Narrator", "source_audio_url": "https://cdn.runapi.ai/narrator.mp3"}
    assert sent[1][:2] == ("GET", VOICES + "/voice%2F1")
    assert sent[2][:2] == ("GET", VOICES + "?page_number=2&page_size=25")
    assert created == Voice(voice_id="voice/1", name="Narrator", state="training") and not created.is_trained
    assert read.is_trained and page == [created]
    assert created.raw == voice  # the record inside the envelope


@pytest.mark.parametrize(
    ("kwargs", "field_name"),
    [({"page_number": 0}, "page_number"), ({"page_size": 101}, "page_size"), ({"page": 1}, "page")],
)
def test_a_page_query_out_of_range_is_refused_before_any_request(client, kwargs, field_name):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(client.base_url + VOICES, json={"voices": [], "total": 0, "page_number": 1, "page_size": 10})
        with pytest.raises(runapi.ValidationError) as info:
            FishAudio(client).list_voices(**kwargs)
        assert not mock.calls
    assert info.value.field == field_name


def test_list_voices_without_a_query_sends_none_and_shows_its_parameters(client):
    with responses.RequestsMock() as mock:
        mock.get(client.base_url + VOICES, json={"voices": [], "total": 0, "page_number": 1, "page_size": 10})
        assert FishAudio(client).list_voices() == []
        assert mock.calls[0].request.url == client.base_url + VOICES
    shown = inspect.signature(FishAudio(client).list_voices)
    assert list(shown.parameters) == ["page_number", "page_size"] and shown.return_annotation == list[Voice]


def test_create_voice_refuses_a_missing_source_before_any_request(client):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(client.base_url + VOICES, json={"voice": {}})
        with pytest.raises(runapi.ValidationError) as info:
            FishAudio(client).create_voice(name="Narrator")  # type: ignore[call-arg]
        assert not mock.calls
    assert info.value.field == "source_audio_url"
