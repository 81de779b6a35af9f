"""Every Suno and ElevenLabs endpoint over real HTTP: task life cycles, the docs' payload keys,
validation, direct endpoints, callbacks and the files served.

Bodies are the docs' examples; a ``task_id`` naming an earlier task is filled in with a task of
the right kind, completed by moving the fake clock (nothing sleeps).
"""

from __future__ import annotations

import io
import struct
import wave
from collections.abc import Callable
from typing import Any

import pytest
import requests

from runapi.emulator import FAILURE_TOKEN, Emulator
from runapi.emulator._catalog import ENDPOINTS
from runapi.emulator._suno import endpoints as suno_rows

from .conftest import BODIES, COMPLETE_AFTER, SUNO, Api, FakeClock, Receiver, finish
from .test_lifecycle import AUDIO_KEYS, assert_audio
from .test_media import assert_mp3, assert_mp4, assert_png, fetch

ELEVEN = "/api/v1/elevenlabs"
MUSIC = f"{SUNO}/text_to_music"
UPLOAD = "https://cdn.runapi.ai/public/samples/music.mp3"
VOICE = "https://cdn.runapi.ai/public/samples/voice.mp3"
TASK = "<task>"  # replaced by the id of a completed source task
AUDIO = "<audio>"  # replaced by the id of that task's first track

# The docs' example bodies, per task path (callback_url left out: tests add it where needed).
TASK_BODIES: dict[str, dict[str, Any]] = {
    f"{SUNO}/add_vocals": {
        "upload_url": UPLOAD,
        "lyrics": "[Verse]\nA calm and relaxing piano track with soothing vocals",
        "title": "Relaxing Piano with Vocals",
        "style": "Jazz",
        "model": "suno-v4.5-plus",
    },
    f"{SUNO}/add_instrumental": {
        "upload_url": UPLOAD,
        "title": "Relaxing Piano",
        "tags": "Relaxing Piano, Ambient, Peaceful",
        "negative_tags": "Heavy Metal, Aggressive Drums",
        "model": "suno-v4.5-plus",
    },
    f"{SUNO}/cover_audio": {
        "upload_url": UPLOAD,
        "vocal_mode": "instrumental",
        "style": "Classical",
        "title": "Peaceful Piano Meditation",
        "model": "suno-v5",
    },
    f"{SUNO}/create_mashup": {
        "upload_url_list": [UPLOAD, UPLOAD],
        "vocal_mode": "exact_lyrics",
        "lyrics": "[Verse]\nA calm and relaxing piano track with soft melodies",
        "style": "Jazz",
        "title": "Relaxing Piano",
        "model": "suno-v4",
    },
    f"{SUNO}/text_to_sound": {
        "prompt": "Rain on a tin roof, distant thunder, cozy atmosphere",
        "model": "suno-v5",
        "sound_loop": True,
        "sound_tempo": 90,
        "sound_key": "Cm",
        "grab_lyrics": False,
    },
    f"{SUNO}/replace_section": {
        "task_id": TASK,
        "audio_id": AUDIO,
        "lyrics": "[Verse]\nA calm and relaxing piano track.",
        "tags": "Jazz",
        "title": "Relaxing Piano",
        "infill_start_time": 10.5,
        "infill_end_time": 20.75,
    },
    f"{SUNO}/separate_audio_stems": {"task_id": TASK, "audio_id": AUDIO, "type": "separate_vocal"},
    f"{SUNO}/convert_audio": {"task_id": TASK, "audio_id": AUDIO},
    f"{SUNO}/generate_midi": {"task_id": TASK},
    f"{SUNO}/generate_artwork": {"task_id": TASK},
    f"{SUNO}/visualize_music": {
        "task_id": TASK,
        "audio_id": AUDIO,
        "author": "Suno Artist",
        "domain_name": "music.example.com",
    },
    f"{SUNO}/voice_to_validation_phrase": {
        "voice_url": "https://file.runapi.ai/source-vocal.mp3",
        "vocal_start_seconds": 2,
        "vocal_end_seconds": 12,
        "language": "en",
    },
    f"{SUNO}/regenerate_validation_phrase": {"task_id": TASK},
    f"{SUNO}/generate_voice": {
        "task_id": TASK,
        "verify_url": "https://file.runapi.ai/verify-read.mp3",
        "voice_name": "Warm Test Voice",
        "description": "Warm vocal identity",
        "style": "Pop, Female Vocal",
        "singer_skill_level": "advanced",
    },
    f"{ELEVEN}/text_to_speech": {
        "model": "text-to-speech-turbo-v2.5",
        "text": "Hello from RunAPI",
        "voice": "EkK5I93UQWFDigLMpZcX",
    },
    f"{ELEVEN}/text_to_dialogue": {
        "dialogue": [{"text": "Hello", "voice": "Adam"}, {"text": "How are you?", "voice": "Brian"}],
        "stability": 0.5,
    },
    f"{ELEVEN}/text_to_sound": {"text": "Thunder crash and heavy rain", "output_format": "mp3_44100_128"},
    f"{ELEVEN}/speech_to_text": {"source_audio_url": VOICE, "diarize": True},
    f"{ELEVEN}/isolate_audio": {"source_audio_url": VOICE},
}
EXTEND_UPLOAD = {  # extend_music, second reading ("Upload and Extensions"), the docs' example
    "upload_url": UPLOAD,
    "parameter_mode": "custom",
    "prompt": "Extend the music with more relaxing piano notes",
    "style": "Classical",
    "title": "Peaceful Piano Extended",
    "continue_at": 60,
    "model": "suno-v5",
}
DIRECT_BODIES: dict[str, dict[str, Any]] = {
    f"{SUNO}/check_voice": {"task_id": TASK},
    f"{SUNO}/boost_style": {"description": "Pop, Mysterious"},
    f"{SUNO}/get_timestamped_lyrics": {"task_id": TASK, "audio_id": AUDIO},
    f"{SUNO}/generate_persona": {
        "task_id": TASK,
        "audio_id": AUDIO,
        "name": "Electronic Pop Singer",
        "description": "A modern electronic music style pop singer",
    },
}
SOURCES = {  # path -> the kind of task its task_id names
    f"{SUNO}/replace_section": MUSIC,
    f"{SUNO}/separate_audio_stems": MUSIC,
    f"{SUNO}/convert_audio": MUSIC,
    f"{SUNO}/generate_artwork": MUSIC,
    f"{SUNO}/visualize_music": MUSIC,
    f"{SUNO}/generate_midi": f"{SUNO}/separate_audio_stems",
    f"{SUNO}/regenerate_validation_phrase": f"{SUNO}/voice_to_validation_phrase",
    f"{SUNO}/generate_voice": f"{SUNO}/voice_to_validation_phrase",
    f"{SUNO}/check_voice": f"{SUNO}/generate_voice",
    f"{SUNO}/get_timestamped_lyrics": MUSIC,
    f"{SUNO}/generate_persona": MUSIC,
}

# The keys of each completed payload, from the docs' examples.
SUNO_MUSIC = {"id", "status", "generation_stage", "audios"}
SUNO_MUSIC_PATHS = [  # the new endpoints answering `audios` through the generation stages
    f"{SUNO}/{name}" for name in ("add_vocals", "add_instrumental", "cover_audio", "create_mashup", "text_to_sound")
]
ELEVEN_AUDIO = {"id", "status", "audios"}
COMPLETED_KEYS: dict[str, set[str]] = {
    f"{SUNO}/add_vocals": SUNO_MUSIC,
    f"{SUNO}/add_instrumental": SUNO_MUSIC,
    f"{SUNO}/cover_audio": SUNO_MUSIC,
    f"{SUNO}/create_mashup": SUNO_MUSIC,
    f"{SUNO}/text_to_sound": SUNO_MUSIC,
    f"{SUNO}/replace_section": {"id", "status", "track"},
    f"{SUNO}/separate_audio_stems": {"id", "status", "separated_audios"},
    f"{SUNO}/convert_audio": {"id", "status", "wav_url"},
    f"{SUNO}/generate_midi": {"id", "status", "instruments"},
    f"{SUNO}/generate_artwork": {"id", "status", "covers"},
    f"{SUNO}/visualize_music": {"id", "status", "video_url"},
    f"{SUNO}/voice_to_validation_phrase": {"id", "status", "provider_status", "validation_phrase"},
    f"{SUNO}/regenerate_validation_phrase": {"id", "status", "provider_status", "validation_phrase"},
    f"{SUNO}/generate_voice": {"id", "status", "provider_status", "voice_id"},
    f"{ELEVEN}/text_to_speech": ELEVEN_AUDIO,
    f"{ELEVEN}/text_to_dialogue": ELEVEN_AUDIO,
    f"{ELEVEN}/text_to_sound": ELEVEN_AUDIO,
    f"{ELEVEN}/speech_to_text": {"id", "status", "text"},
    f"{ELEVEN}/isolate_audio": ELEVEN_AUDIO,
}
# Keys present, empty, while processing and on failure (docs' Processing / Failed examples).
PLACEHOLDERS = {f"{SUNO}/generate_midi": "instruments", f"{SUNO}/generate_artwork": "covers"}
# Failed payloads: every key, in the docs' order (Suno music: as the failed callbacks).
FAILED_KEYS: dict[str, list[str]] = {
    **{path: ["id", "status", "generation_stage", "error"] for path in SUNO_MUSIC_PATHS},
    f"{SUNO}/voice_to_validation_phrase": ["id", "status", "provider_status", "error"],
    f"{SUNO}/regenerate_validation_phrase": ["id", "status", "provider_status", "error"],
    f"{SUNO}/generate_voice": ["id", "status", "provider_status", "error"],
    f"{SUNO}/generate_midi": ["id", "status", "error", "instruments"],
    f"{SUNO}/generate_artwork": ["id", "status", "error", "covers"],
}
SOUND_KEYS = AUDIO_KEYS - {"lyrics"} | {"prompt"}


# --- helpers ------------------------------------------------------------------------------------


def prepare(api: Api, clock: FakeClock, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    """``body`` (default: the docs' example) with ``task_id``/``audio_id`` naming a completed source."""
    body = dict((TASK_BODIES | DIRECT_BODIES)[path] if body is None else body)
    if body.get("task_id") == TASK:
        source = run(api, clock, SOURCES[path])
        body["task_id"] = source["id"]
        if body.get("audio_id") == AUDIO:
            body["audio_id"] = source["audios"][0]["id"]
    return body


def run(api: Api, clock: FakeClock, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    """Create a task (its sources first) and return its completed payload."""
    if body is None:
        body = BODIES[path] if path in BODIES else prepare(api, clock, path)
    payload = finish(api, clock, path, api.create(path, body))
    assert payload["status"] == "completed", payload
    return payload


def call(api: Api, path: str, body: dict[str, Any], **kwargs: Any) -> requests.Response:
    return api.post(path, body, **kwargs)


# --- the catalogue ------------------------------------------------------------------------------


OWN_FAMILIES = ("/api/v1/suno/", "/api/v1/elevenlabs/", "/api/v1/nano_banana/", "/api/v1/veo_3_1/")
"""The families whose rows are tested here (with conftest's BODIES); other groups check their own."""


NEWER_SUNO = frozenset(endpoint.path for endpoint in suno_rows(()))
"""Suno's rows newer than the docs: ``test_suno_official.py`` checks them."""


def test_every_endpoint_of_these_families_is_tested() -> None:
    own = [e for e in ENDPOINTS if e.path.startswith(OWN_FAMILIES) and e.path not in NEWER_SUNO]
    tested = set(BODIES) | set(TASK_BODIES) | set(DIRECT_BODIES)
    assert {endpoint.path for endpoint in own} == tested
    assert {endpoint.path for endpoint in own if endpoint.direct} == set(DIRECT_BODIES)


# --- task endpoints: life cycle and payloads -------------------------------------------------------


@pytest.mark.parametrize("path", list(TASK_BODIES))
def test_task_is_created_processing_then_completed_with_the_documented_keys(
    api: Api, fake_clock: FakeClock, path: str
) -> None:
    body = prepare(api, fake_clock, path)
    created = api.post(path, body)
    assert created.status_code == 202, created.text
    assert set(created.json()) == {"id", "status"} and created.json()["status"] == "processing"
    task_id = created.json()["id"]

    processing = api.get(f"{path}/{task_id}").json()
    placeholder: dict[str, list[Any]] = {PLACEHOLDERS[path]: []} if path in PLACEHOLDERS else {}
    assert processing == {"id": task_id, "status": "processing", **placeholder}

    done = finish(api, fake_clock, path, task_id)
    assert set(done) == COMPLETED_KEYS[path]
    assert (done["id"], done["status"]) == (task_id, "completed")
    assert finish(api, fake_clock, path, task_id) == done  # stable across polls
    assert api.get(f"{path}/00000000-0000-4000-8000-000000000000").status_code == 404


@pytest.mark.parametrize("path", SUNO_MUSIC_PATHS)
def test_suno_music_endpoints_pass_through_the_generation_stages(api: Api, fake_clock: FakeClock, path: str) -> None:
    task_id = api.create(path, TASK_BODIES[path])
    seen = []
    for _ in range(3):
        fake_clock.advance(COMPLETE_AFTER / 3 + 0.001)
        payload = api.get(f"{path}/{task_id}").json()
        seen.append((payload["status"], payload["generation_stage"], len(payload.get("audios", []))))
    assert seen == [
        ("processing", "text_generated", 0),
        ("processing", "first_audio_ready", 1),
        ("completed", "all_audios_ready", 2),
    ]
    for track in payload["audios"]:
        assert track["model_name"] == TASK_BODIES[path]["model"]
        if path == f"{SUNO}/text_to_sound":
            assert set(track) == SOUND_KEYS and track["prompt"] == TASK_BODIES[path]["prompt"]
        else:
            assert_audio(track, api.emulator)


def test_suno_tracks_reflect_the_request(api: Api, fake_clock: FakeClock) -> None:
    vocals = run(api, fake_clock, f"{SUNO}/add_vocals")["audios"][0]
    body = TASK_BODIES[f"{SUNO}/add_vocals"]
    assert (vocals["lyrics"], vocals["title"], vocals["tags"]) == (body["lyrics"], body["title"], ["Jazz"])
    instrumental = run(api, fake_clock, f"{SUNO}/add_instrumental")["audios"][0]
    assert instrumental["tags"] == ["Relaxing Piano", "Ambient", "Peaceful"]  # from the `tags` string


def test_replace_section_answers_one_track_for_the_replaced_audio(api: Api, fake_clock: FakeClock) -> None:
    body = prepare(api, fake_clock, f"{SUNO}/replace_section")
    track = run(api, fake_clock, f"{SUNO}/replace_section", body)["track"]
    assert_audio(track, api.emulator)
    assert (track["id"], track["lyrics"], track["tags"]) == (body["audio_id"], body["lyrics"], ["Jazz"])


@pytest.mark.parametrize(
    ("stem_type", "keys"),
    [
        (None, {"instrumental_url", "vocal_url"}),
        ("separate_vocal", {"instrumental_url", "vocal_url"}),
        (
            "split_stem",
            {
                f"{name}_url"
                for name in (
                    *("backing_vocals", "bass", "brass", "drums", "fx", "guitar", "keyboard"),
                    *("piano", "percussion", "strings", "synth", "vocal", "woodwinds"),
                )
            },
        ),
    ],
)
def test_stem_separation_answers_one_mp3_url_per_stem(
    api: Api, fake_clock: FakeClock, stem_type: str | None, keys: set[str]
) -> None:
    path = f"{SUNO}/separate_audio_stems"
    body = prepare(api, fake_clock, path)
    body.pop("type")
    if stem_type is not None:
        body["type"] = stem_type
    stems = run(api, fake_clock, path, body)["separated_audios"]
    assert set(stems) == keys
    assert len(set(stems.values())) == len(keys)
    for url in stems.values():
        assert_mp3(fetch(url))


def test_midi_answers_instruments_with_notes(api: Api, fake_clock: FakeClock) -> None:
    instruments = run(api, fake_clock, f"{SUNO}/generate_midi")["instruments"]
    assert instruments
    for instrument in instruments:
        assert set(instrument) == {"name", "notes"} and isinstance(instrument["name"], str)
        for note in instrument["notes"]:
            assert set(note) == {"pitch", "start_time", "end_time", "velocity"}
            assert isinstance(note["pitch"], int) and 0 <= note["pitch"] <= 127
            assert note["end_time"] > note["start_time"] >= 0


def test_custom_voice_chain(api: Api, fake_clock: FakeClock) -> None:
    phrase = run(api, fake_clock, f"{SUNO}/voice_to_validation_phrase")
    assert phrase["provider_status"] == "wait_validating" and phrase["validation_phrase"]
    again = run(api, fake_clock, f"{SUNO}/regenerate_validation_phrase", {"task_id": phrase["id"]})
    assert again["provider_status"] == "wait_validating" and again["validation_phrase"]
    voice = run(
        api, fake_clock, f"{SUNO}/generate_voice", {"task_id": again["id"], "verify_url": "https://x.test/a.mp3"}
    )
    assert voice["provider_status"] == "success"
    assert isinstance(voice["voice_id"], str) and voice["voice_id"]


@pytest.mark.parametrize("path", [path for path in TASK_BODIES if path.startswith(ELEVEN)])
def test_elevenlabs_payloads(api: Api, fake_clock: FakeClock, path: str) -> None:
    done = run(api, fake_clock, path)
    if path.endswith("speech_to_text"):
        assert isinstance(done["text"], str) and done["text"]
    else:
        [audio] = done["audios"]
        assert set(audio) == {"url"}
        assert_mp3(fetch(audio["url"]))


# --- failures and callbacks ---------------------------------------------------------------------


@pytest.mark.parametrize("path", list(TASK_BODIES))
def test_a_failing_task_answers_the_documented_failed_shape(api: Api, fake_clock: FakeClock, path: str) -> None:
    body = prepare(api, fake_clock, path)
    body["note"] = FAILURE_TOKEN  # any string parameter, even an unknown one
    task_id = api.create(path, body)
    failed = finish(api, fake_clock, path, task_id)
    assert list(failed) == FAILED_KEYS.get(path, ["id", "status", "error"])
    assert failed["status"] == "failed" and isinstance(failed["error"], str) and failed["error"]
    if path in PLACEHOLDERS:
        assert failed[PLACEHOLDERS[path]] == []
    if "generation_stage" in failed:
        assert failed["generation_stage"] == "failed"


@pytest.mark.parametrize(
    ("path", "stages"),
    [
        (f"{SUNO}/cover_audio", ["text_generated", "first_audio_ready", "all_audios_ready"]),
        (f"{SUNO}/voice_to_validation_phrase", ["completed"]),
        (f"{ELEVEN}/text_to_speech", ["completed"]),
    ],
)
def test_callbacks_one_per_stage(
    api: Api, fake_clock: FakeClock, receiver: Receiver, path: str, stages: list[str]
) -> None:
    task_id = api.create(path, dict(TASK_BODIES[path], callback_url=receiver.url))
    for _ in range(3):
        fake_clock.advance(COMPLETE_AFTER / 3 + 0.001)
    deliveries = api.emulator.wait_for_deliveries(len(stages))
    assert [d["stage"] for d in deliveries if d["task_id"] == task_id] == stages
    receiver.wait(len(stages))


# --- validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "drop", "missing"),
    [
        (f"{SUNO}/add_vocals", "upload_url", "upload_url"),
        (f"{SUNO}/add_vocals", "style", "style"),
        (f"{SUNO}/add_instrumental", "negative_tags", "negative_tags"),
        (f"{SUNO}/add_instrumental", "tags", "tags"),
        (f"{SUNO}/cover_audio", "vocal_mode", "vocal_mode"),
        (f"{SUNO}/cover_audio", "model", "model"),
        (f"{SUNO}/create_mashup", "upload_url_list", "upload_url_list"),
        (f"{SUNO}/text_to_sound", "prompt", "prompt"),
        (f"{SUNO}/text_to_sound", "model", "model"),
        (f"{SUNO}/replace_section", "infill_end_time", "infill_end_time"),
        (f"{SUNO}/replace_section", "task_id", "task_id"),
        (f"{SUNO}/separate_audio_stems", "audio_id", "audio_id"),
        (f"{SUNO}/convert_audio", "task_id", "task_id"),
        (f"{SUNO}/generate_midi", "task_id", "task_id"),
        (f"{SUNO}/generate_artwork", "task_id", "task_id"),
        (f"{SUNO}/visualize_music", "audio_id", "audio_id"),
        (f"{SUNO}/voice_to_validation_phrase", "vocal_end_seconds", "vocal_end_seconds"),
        (f"{SUNO}/regenerate_validation_phrase", "task_id", "task_id"),
        (f"{SUNO}/generate_voice", "verify_url", "verify_url"),
        (f"{ELEVEN}/text_to_speech", "text", "text"),
        (f"{ELEVEN}/text_to_speech", "model", "model"),
        (f"{ELEVEN}/text_to_dialogue", "dialogue", "dialogue"),
        (f"{ELEVEN}/text_to_sound", "text", "text"),
        (f"{ELEVEN}/speech_to_text", "source_audio_url", "source_audio_url"),
        (f"{ELEVEN}/isolate_audio", "source_audio_url", "source_audio_url"),
        (f"{SUNO}/check_voice", "task_id", "task_id"),
        (f"{SUNO}/boost_style", "description", "description"),
        (f"{SUNO}/get_timestamped_lyrics", "audio_id", "audio_id"),
        (f"{SUNO}/generate_persona", "name", "name"),
        (f"{SUNO}/generate_persona", "description", "description"),
    ],
)
def test_missing_required_parameter_is_400(api: Api, path: str, drop: str, missing: str) -> None:
    body = dict((TASK_BODIES | DIRECT_BODIES)[path])
    del body[drop]
    response = api.post(path, body)
    assert (response.status_code, response.json()) == (400, {"error": f"Missing required parameter: {missing}"})
    assert api.emulator.tasks() == []
    assert api.get("/api/v1/me/balance").json()["spent_cents_total"] == 0


def test_multilingual_speech_needs_a_voice_turbo_does_not(api: Api) -> None:
    path = f"{ELEVEN}/text_to_speech"
    multilingual = {"model": "text-to-speech-multilingual-v2", "text": "Hallo"}
    response = api.post(path, multilingual)
    assert (response.status_code, response.json()) == (400, {"error": "Missing required parameter: voice"})
    api.create(path, dict(multilingual, voice="Adam"))
    api.create(path, {"model": "text-to-speech-turbo-v2.5", "text": "Hello"})


@pytest.mark.parametrize(
    ("path", "field", "value"),
    [
        (f"{SUNO}/add_vocals", "model", "chirp-v3-5"),
        (f"{SUNO}/add_vocals", "vocal_gender", "robot"),
        (f"{SUNO}/add_instrumental", "model", "suno-v3"),
        (f"{SUNO}/cover_audio", "vocal_mode", "whistle"),
        (f"{SUNO}/cover_audio", "persona_type", "mood"),
        (f"{SUNO}/create_mashup", "vocal_mode", "rap"),
        (f"{SUNO}/text_to_sound", "model", "suno-v4"),
        (f"{SUNO}/text_to_sound", "sound_key", "H"),
        (f"{SUNO}/separate_audio_stems", "type", "split_everything"),
        (f"{SUNO}/voice_to_validation_phrase", "language", "xx"),
        (f"{SUNO}/generate_voice", "singer_skill_level", "legendary"),
        (f"{ELEVEN}/text_to_speech", "model", "eleven_v3"),
        (f"{ELEVEN}/text_to_dialogue", "stability", 0.7),
        (f"{ELEVEN}/text_to_dialogue", "stability", True),
    ],
)
def test_unknown_enum_value_is_422(api: Api, path: str, field: str, value: Any) -> None:
    response = api.post(path, dict(TASK_BODIES[path], **{field: value}))
    assert (response.status_code, response.json()) == (422, {"error": f"Invalid {field}: {value}"})
    assert api.emulator.tasks() == []


@pytest.mark.parametrize("key", ["Cm", "A#", "B", "Any"])
def test_documented_sound_keys_are_accepted(api: Api, key: str) -> None:
    api.create(f"{SUNO}/text_to_sound", dict(TASK_BODIES[f"{SUNO}/text_to_sound"], sound_key=key))


def test_mashup_needs_exactly_two_uploads(api: Api) -> None:
    path = f"{SUNO}/create_mashup"
    response = api.post(path, dict(TASK_BODIES[path], upload_url_list=[UPLOAD, UPLOAD, UPLOAD]))
    assert response.status_code == 422
    assert response.json() == {"error": "Invalid upload_url_list: expected 2 items, got 3"}


@pytest.mark.parametrize("path", [path for path in TASK_BODIES if path in SOURCES])
def test_task_id_must_name_a_completed_task_of_the_right_kind(api: Api, fake_clock: FakeClock, path: str) -> None:
    body = prepare(api, fake_clock, path)
    unknown = api.post(path, dict(body, task_id="00000000-0000-4000-8000-000000000000"))
    assert (unknown.status_code, unknown.json()) == (404, {"error": "Task not found"})
    lyrics = api.create(f"{SUNO}/generate_lyrics")  # a task of another kind
    fake_clock.advance(COMPLETE_AFTER)
    wrong = api.post(path, dict(body, task_id=lyrics))
    assert (wrong.status_code, wrong.json()) == (404, {"error": "Task not found"})
    busy_source = prepare(api, fake_clock, SOURCES[path]) if SOURCES[path] != MUSIC else BODIES[MUSIC]
    busy = api.post(path, dict(body, task_id=api.create(SOURCES[path], busy_source)))
    assert (busy.status_code, busy.json()) == (422, {"error": "Records are being generated"})


# --- extend_music: the two documented readings ------------------------------------------------------


def test_extend_music_accepts_an_upload_url_as_in_upload_and_extensions(api: Api, fake_clock: FakeClock) -> None:
    path = f"{SUNO}/extend_music"
    done = run(api, fake_clock, path, EXTEND_UPLOAD)
    assert set(done) == SUNO_MUSIC and done["audios"][0]["title"] == EXTEND_UPLOAD["title"]


@pytest.mark.parametrize(
    ("body", "missing"),
    [
        ({"parameter_mode": "source", "model": "suno-v5"}, "audio_id"),  # neither source
        ({"parameter_mode": "source", "upload_url": UPLOAD, "model": "suno-v5"}, "prompt"),  # B: source needs prompt
        (
            {
                "parameter_mode": "custom",
                "upload_url": UPLOAD,
                "model": "suno-v5",
                "style": "s",
                "title": "t",
                "continue_at": 6,
                "instrumental": False,
            },
            "prompt",  # B: not instrumental needs prompt
        ),
        ({"parameter_mode": "custom", "upload_url": UPLOAD, "model": "suno-v5", "prompt": "p"}, "style"),
    ],
)
def test_extend_music_requirements_by_reading(api: Api, body: dict[str, Any], missing: str) -> None:
    response = api.post(f"{SUNO}/extend_music", body)
    assert (response.status_code, response.json()) == (400, {"error": f"Missing required parameter: {missing}"})


def test_extend_music_reading_b_without_prompt_when_instrumental(api: Api) -> None:
    body = {k: v for k, v in EXTEND_UPLOAD.items() if k != "prompt"}
    api.create(f"{SUNO}/extend_music", dict(body, instrumental=True))
    api.create(f"{SUNO}/extend_music", {"parameter_mode": "source", "audio_id": "a1", "model": "suno-v5"})  # A


def test_extend_music_refuses_both_sources(api: Api) -> None:
    response = api.post(f"{SUNO}/extend_music", dict(EXTEND_UPLOAD, audio_id="a1"))
    assert response.status_code == 422
    assert response.json() == {"error": "Invalid upload_url: give only one of audio_id, upload_url"}


# --- direct endpoints -----------------------------------------------------------------------------


DIRECT_KEYS: dict[str, set[str]] = {
    f"{SUNO}/check_voice": {"is_available"},
    f"{SUNO}/boost_style": {"style"},
    f"{SUNO}/get_timestamped_lyrics": {"aligned_words", "waveform_data", "hoot_cer", "is_streamed"},
    f"{SUNO}/generate_persona": {"persona"},
}


@pytest.mark.parametrize("path", list(DIRECT_BODIES))
def test_direct_endpoint_answers_200_at_once_with_the_documented_keys(
    api: Api, fake_clock: FakeClock, path: str
) -> None:
    body = prepare(api, fake_clock, path)
    tasks_before = len(api.emulator.tasks())
    response = api.post(path, body)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "application/json"
    answer = response.json()
    assert set(answer) == DIRECT_KEYS[path]
    assert len(api.emulator.tasks()) == tasks_before  # no task
    assert api.get(f"{path}/00000000-0000-4000-8000-000000000000").json() == {"error": "Record does not exist"}


def test_direct_answers_follow_the_docs_shapes(api: Api, fake_clock: FakeClock) -> None:
    boosted = api.post(f"{SUNO}/boost_style", {"description": "Pop, Mysterious"}).json()
    assert boosted["style"].startswith("Pop, Mysterious")

    lyrics = api.post(f"{SUNO}/get_timestamped_lyrics", prepare(api, fake_clock, f"{SUNO}/get_timestamped_lyrics"))
    aligned = lyrics.json()
    for word in aligned["aligned_words"]:
        assert set(word) == {"word", "success", "start_time", "end_time", "palign"}
    assert all(isinstance(value, int | float) for value in aligned["waveform_data"])
    assert isinstance(aligned["hoot_cer"], float) and aligned["is_streamed"] is False

    body = prepare(api, fake_clock, f"{SUNO}/generate_persona")
    persona = api.post(f"{SUNO}/generate_persona", body).json()["persona"]
    assert set(persona) == {"id", "name", "description"}
    assert (persona["name"], persona["description"]) == (body["name"], body["description"])


def test_check_voice_is_available_only_once_the_voice_task_completed(api: Api, fake_clock: FakeClock) -> None:
    voice_body = prepare(api, fake_clock, f"{SUNO}/generate_voice")
    voice_id = api.create(f"{SUNO}/generate_voice", voice_body)
    check = f"{SUNO}/check_voice"
    assert api.post(check, {"task_id": voice_id}).json() == {"is_available": False}
    fake_clock.advance(COMPLETE_AFTER)
    assert api.post(check, {"task_id": voice_id}).json() == {"is_available": True}
    failing = api.create(f"{SUNO}/generate_voice", dict(voice_body, voice_name=FAILURE_TOKEN))
    fake_clock.advance(COMPLETE_AFTER)
    assert api.post(check, {"task_id": failing}).json() == {"is_available": False}
    unknown = api.post(check, {"task_id": "00000000-0000-4000-8000-000000000000"})
    assert (unknown.status_code, unknown.json()) == (404, {"error": "Task not found"})


def test_direct_failure_token_answers_a_failed_shape(api: Api) -> None:
    response = api.post(f"{SUNO}/boost_style", {"description": f"Pop {FAILURE_TOKEN}"})
    assert response.status_code == 200
    answer = response.json()
    assert list(answer) == ["id", "status", "error"] and answer["status"] == "failed"


def test_direct_calls_are_charged_and_idempotent(start_emulator: Callable[..., Emulator]) -> None:
    api = Api(start_emulator(initial_balance_cents=1))
    try:
        path, body = f"{SUNO}/boost_style", DIRECT_BODIES[f"{SUNO}/boost_style"]
        first = api.post(path, body, headers={"Idempotency-Key": "boost-1"})
        again = api.post(path, body, headers={"Idempotency-Key": "boost-1"})
        assert first.status_code == again.status_code == 200
        assert again.json() == first.json() and again.headers["Idempotent-Replayed"] == "true"
        assert api.get("/api/v1/me/balance").json() == {
            "balance_cents": 0,
            "paid_balance_cents": 0,
            "bonus_balance_cents": 0,
            "spent_cents_today": 1,
            "spent_cents_total": 1,
        }
        broke = api.post(path, body)
        assert (broke.status_code, broke.json()) == (402, {"error": "Insufficient credits"})
        other = api.post(path, {"description": "Rock"}, headers={"Idempotency-Key": "boost-1"})
        assert other.status_code == 409  # the key reused with different input (runapi-core 0.10.1 README)
    finally:
        api.close()


def test_faults_hit_direct_endpoints_too(api: Api) -> None:
    path = f"{SUNO}/boost_style"
    api.emulator.inject("rate_limit", method="POST", path=path, retry_after=2)
    limited = api.post(path, DIRECT_BODIES[path])
    assert (limited.status_code, limited.headers["Retry-After"]) == (429, "2")
    api.emulator.inject("server_error", path=path, after_handling=True)
    assert api.post(path, DIRECT_BODIES[path]).status_code == 500
    assert api.get("/api/v1/me/balance").json()["spent_cents_total"] == 1  # handled, then lost
    assert api.post(path, DIRECT_BODIES[path]).status_code == 200


# --- files ----------------------------------------------------------------------------------------


def test_wav_file_is_a_valid_riff_wave(api: Api, fake_clock: FakeClock) -> None:
    url = run(api, fake_clock, f"{SUNO}/convert_audio")["wav_url"]
    assert url.endswith(".wav")
    response = fetch(url)
    assert response.headers["Content-Type"] == "audio/wav"
    data = response.content
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    assert struct.unpack("<I", data[4:8])[0] == len(data) - 8
    with wave.open(io.BytesIO(data)) as audio:
        assert (audio.getnchannels(), audio.getsampwidth()) == (1, 2)
        assert audio.getnframes() > 0
    assert len(data) < 10_000


def test_artwork_covers_are_pngs(api: Api, fake_clock: FakeClock) -> None:
    covers = run(api, fake_clock, f"{SUNO}/generate_artwork")["covers"]
    assert len(covers) == 2 and [set(cover) for cover in covers] == [{"url"}, {"url"}]
    for cover in covers:
        assert_png(fetch(cover["url"]))


def test_music_video_is_an_mp4(api: Api, fake_clock: FakeClock) -> None:
    url = run(api, fake_clock, f"{SUNO}/visualize_music")["video_url"]
    assert_mp4(fetch(url))


@pytest.mark.parametrize("path", SUNO_MUSIC_PATHS)
def test_suno_music_files_are_mp3s_and_pngs(api: Api, fake_clock: FakeClock, path: str) -> None:
    for track in run(api, fake_clock, path)["audios"]:
        assert_mp3(fetch(track["audio_url"]))
        assert_png(fetch(track["image_url"]))
