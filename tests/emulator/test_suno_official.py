"""The emulator's rows for the Suno operations RunAPI added after its docs snapshot, over real HTTP with
plain ``requests``: blend_lyrics, music_from_sample (and the deprecated add_samples), inspire_music,
remaster_audio, stitch_audio, audio_exports, music_visualizations (tasks); style_expansions,
timestamped_lyrics, personas, voices (direct); and the persona and voice records.

Facts: the platform contract (paths, kinds, model ids) and runapi-suno 0.6.0 with its repository
``runapi-ai/suno-sdk`` (required fields, response models). Bodies are the repository's test
examples (``js/tests/unit/*.test.ts``) where it prints one.
"""

from __future__ import annotations

from typing import Any

import pytest

from runapi.emulator._catalog import BY_PATH, SUNO_MUSIC_PATHS
from runapi.emulator._suno import MUSIC_PATHS, endpoints
from tests.contract.coverage import contract

from .conftest import Api, FakeClock, complete as run, finish
from .test_media import assert_mp3, fetch

SUNO = "/api/v1/suno"
SAMPLE = "https://cdn.runapi.ai/public/samples/source.mp3"
SOURCE = "<completed music task>"
AUDIO = "<its first track>"

BODIES: dict[str, dict[str, Any]] = {
    f"{SUNO}/blend_lyrics": {"lyrics_a": "[Verse]\nCity lights fade into dawn", "lyrics_b": "[Chorus]\nWe rise"},
    "/api/v1/music_from_sample": {
        "model": "suno-v5",
        "audio_url": SAMPLE,
        "prompt": "Add a crisp handclap sample to the chorus",
        "start_seconds": 5,
        "end_seconds": 20,
    },
    f"{SUNO}/add_samples": {"model": "suno-v5", "audio_url": SAMPLE, "start_seconds": 5, "end_seconds": 20},
    f"{SUNO}/inspire_music": {
        "model": "suno-v5",
        "audio_urls": ["https://file.runapi.ai/inspiration-one.mp3", "https://file.runapi.ai/inspiration-two.mp3"],
    },
    f"{SUNO}/remaster_audio": {
        "model": "suno-v5.5",
        "source_task_id": SOURCE,
        "audio_id": AUDIO,
        "variation_category": "high",
    },
    f"{SUNO}/stitch_audio": {"model": "suno-v5", "source_task_id": SOURCE, "audio_id": AUDIO},
    "/api/v1/audio_exports": {"source_audio_id": AUDIO, "source_task_id": SOURCE},
    "/api/v1/music_visualizations": {"source_audio_id": AUDIO, "source_task_id": SOURCE, "author": "RunAPI"},
}
DIRECT: dict[str, dict[str, Any]] = {
    "/api/v1/style_expansions": {"description": "upbeat summer pop with acoustic guitar"},
    "/api/v1/timestamped_lyrics": {"source_audio_id": AUDIO, "source_task_id": SOURCE},
    "/api/v1/personas": {
        "source_task_id": SOURCE,
        "source_audio_id": AUDIO,
        "name": "Warm Baritone",
        "description": "A warm male lead vocal",
    },
    "/api/v1/voices": {"source_audio_url": "https://cdn.runapi.ai/public/samples/voice-take.mp3", "name": "Narrator"},
}
REQUIRED = {
    f"{SUNO}/blend_lyrics": ("lyrics_a", "lyrics_b"),
    "/api/v1/music_from_sample": ("model", "audio_url", "start_seconds", "end_seconds"),
    f"{SUNO}/add_samples": ("model", "audio_url", "start_seconds", "end_seconds"),
    f"{SUNO}/inspire_music": ("model", "audio_urls"),
    f"{SUNO}/remaster_audio": ("model", "source_task_id", "audio_id"),
    f"{SUNO}/stitch_audio": ("model", "source_task_id", "audio_id"),
    "/api/v1/audio_exports": ("source_audio_id",),
    "/api/v1/music_visualizations": ("source_audio_id",),
    "/api/v1/style_expansions": ("description",),
    "/api/v1/timestamped_lyrics": ("source_audio_id",),
    "/api/v1/personas": ("source_task_id", "source_audio_id", "name", "description"),
    "/api/v1/voices": ("source_audio_url",),
}
MUSIC = frozenset(MUSIC_PATHS)


def _music_track(api: Api, clock: FakeClock) -> tuple[str, str]:
    """A completed text_to_music task's id and its first track's id."""
    done = run(api, clock, f"{SUNO}/text_to_music", {"vocal_mode": "instrumental", "model": "suno-v5"})
    return done["id"], done["audios"][0]["id"]


def _filled(body: dict[str, Any], source: tuple[str, str]) -> dict[str, Any]:
    values = {SOURCE: source[0], AUDIO: source[1]}
    return {k: values.get(v, v) if isinstance(v, str) else v for k, v in body.items()}


def test_every_row_is_tested_and_gathered() -> None:
    rows = {e.path: e for e in endpoints(SUNO_MUSIC_PATHS)}
    assert set(rows) == set(BODIES) | set(DIRECT) == set(REQUIRED)
    assert all(
        (BY_PATH[path].required, BY_PATH[path].direct) == (row.required, row.direct) for path, row in rows.items()
    )
    assert {path for path, row in rows.items() if row.direct} == set(DIRECT)
    assert set(SUNO_MUSIC_PATHS) >= MUSIC  # their ids are music task ids for stems, WAV, video, ...


@pytest.mark.parametrize("path", sorted(BODIES))
def test_each_task_is_created_then_completed_with_its_result(api: Api, fake_clock: FakeClock, path: str) -> None:
    body = _filled(BODIES[path], _music_track(api, fake_clock))
    created = api.post(path, body)
    assert created.status_code == 202, created.text
    done = finish(api, fake_clock, path, created.json()["id"])
    assert done["status"] == "completed", done
    if path in MUSIC:
        assert done["generation_stage"] == "all_audios_ready"
        assert len(done["audios"]) == 2 and fetch(done["audios"][0]["audio_url"])
    elif path.endswith("blend_lyrics"):
        (sheet,) = done["lyrics"]
        assert "City lights fade into dawn" in sheet["text"] and "We rise" in sheet["text"]
    elif path.endswith("audio_exports"):
        assert done["wav_url"].endswith(".wav") and fetch(done["wav_url"])
        assert done["original_task_id"] == body["source_task_id"]
    else:
        assert done["video_url"].endswith(".mp4") and fetch(done["video_url"])
        assert done["original_task_id"] == body["source_task_id"]


def test_a_music_task_reports_its_first_stage_with_one_track(api: Api, fake_clock: FakeClock) -> None:
    path = "/api/v1/music_from_sample"
    task_id = api.create(path, BODIES[path])
    fake_clock.advance(7)  # of 10: past two thirds
    payload = api.get(f"{path}/{task_id}").json()
    assert (payload["status"], payload["generation_stage"], len(payload["audios"])) == (
        "processing",
        "first_audio_ready",
        1,
    )


@pytest.mark.parametrize("path", sorted(DIRECT))
def test_each_direct_call_answers_at_once(api: Api, fake_clock: FakeClock, path: str) -> None:
    response = api.post(path, _filled(DIRECT[path], _music_track(api, fake_clock)))
    assert response.status_code == 200, response.text
    answer = response.json()
    expected = {
        "/api/v1/style_expansions": {"style"},
        "/api/v1/timestamped_lyrics": {"aligned_words", "waveform_data", "hoot_cer", "is_streamed"},
        "/api/v1/personas": {"persona"},
        "/api/v1/voices": {"voice"},
    }[path]
    assert expected <= set(answer)


def test_a_persona_is_read_back_by_its_id(api: Api, fake_clock: FakeClock) -> None:
    created = api.post("/api/v1/personas", _filled(DIRECT["/api/v1/personas"], _music_track(api, fake_clock)))
    persona = created.json()["persona"]
    assert (persona["name"], persona["description"]) == ("Warm Baritone", "A warm male lead vocal")

    read = api.get(f"/api/v1/personas/{persona['id']}")
    assert (read.status_code, read.json()) == (200, {"persona": persona, "status": "available"})


def test_a_voice_is_read_back_by_its_id_and_an_unknown_id_is_404(api: Api) -> None:
    voice = api.post("/api/v1/voices", DIRECT["/api/v1/voices"]).json()["voice"]
    assert voice["name"] == "Narrator"
    assert api.get(f"/api/v1/voices/{voice['id']}").json() == {"voice": voice, "status": "available"}

    assert api.get("/api/v1/voices/voice_00000000-0000-4000-8000-000000000000").status_code == 404
    assert api.get(f"/api/v1/personas/{voice['id']}").status_code == 404  # a voice id is no persona
    assert api.get("/api/v1/voices/anything").status_code == 404


def test_a_persona_may_be_accepted_then_followed_to_the_same_record(api: Api, fake_clock: FakeClock) -> None:
    body = _filled(DIRECT["/api/v1/personas"], _music_track(api, fake_clock))
    accepted = api.post("/api/v1/personas", body, headers={"Prefer": "respond-async"})
    assert accepted.status_code == 202 and accepted.headers["Location"].endswith(
        f"/api/v1/tasks/{accepted.json()['id']}"
    )
    result = api.get(f"/api/v1/tasks/{accepted.json()['id']}").json()
    if result["status"] != "completed":  # processing on the first GET, ended from the second
        result = api.get(f"/api/v1/tasks/{accepted.json()['id']}").json()
    persona = result["response"]["body"]["persona"]
    assert api.get(f"/api/v1/personas/{persona['id']}").json()["persona"] == persona


@pytest.mark.parametrize(("path", "field"), [(p, f) for p, fields in REQUIRED.items() for f in fields], ids=str)
def test_missing_required_parameter_is_400(api: Api, path: str, field: str) -> None:
    body = {k: v for k, v in {**BODIES, **DIRECT}[path].items() if k != field}
    response = api.post(path, body)
    assert (response.status_code, response.json()) == (400, {"error": f"Missing required parameter: {field}"})
    assert api.emulator.tasks() == []


@pytest.mark.parametrize(
    ("path", "field", "value"),
    [
        (f"{SUNO}/add_samples", "model", "suno-v4.5-all"),  # every music model but this one
        (f"{SUNO}/remaster_audio", "model", "suno-v4.5-all"),
        (f"{SUNO}/stitch_audio", "model", "suno-v4.5-all"),
        ("/api/v1/music_from_sample", "model", "suno-v3"),
        (f"{SUNO}/inspire_music", "model", "suno-v3"),
        (f"{SUNO}/remaster_audio", "variation_category", "extreme"),
    ],
    ids=str,
)
def test_a_value_outside_the_sources_choices_is_422(
    api: Api, fake_clock: FakeClock, path: str, field: str, value: Any
) -> None:
    body = _filled(BODIES[path], _music_track(api, fake_clock))
    response = api.post(path, dict(body, **{field: value}))
    assert (response.status_code, response.json()) == (422, {"error": f"Invalid {field}: {value}"})


def test_a_source_task_that_does_not_exist_is_404(api: Api) -> None:
    body = dict(BODIES[f"{SUNO}/stitch_audio"], source_task_id="00000000-0000-4000-8000-000000000000", audio_id="a")
    assert api.post(f"{SUNO}/stitch_audio", body).status_code == 404
    exported = api.post("/api/v1/audio_exports", {"source_audio_id": "a"})  # source_task_id is optional here
    assert exported.status_code == 202, exported.text


def test_stems_take_the_id_of_a_newer_music_task(api: Api, fake_clock: FakeClock) -> None:
    sample = run(api, fake_clock, "/api/v1/music_from_sample", BODIES["/api/v1/music_from_sample"])
    body = {"task_id": sample["id"], "audio_id": sample["audios"][0]["id"]}
    assert api.post(f"{SUNO}/separate_audio_stems", body).status_code == 202


# -- the newer values of the older separate_audio_stems and replace_section (platform contract) ------------------


def _contract_enum(action: str, name: str) -> list[Any]:
    (row,) = [a for a in contract()["actions"] if a["action"] == action]
    return list(row["fields_by_model"]["_"][name]["enum"])


STEM_NAMES = _contract_enum("suno/separate-audio-stems", "stem_name")
REPLACE_MODELS = _contract_enum("suno/replace-section", "model")
UPLOADED_SECTION = {
    "upload_url": "https://cdn.runapi.ai/public/samples/music.mp3",
    "model": "suno-v5.5",
    "lyrics": "solo",
    "full_lyrics": "[Verse] solo",
    "tags": "rock",
    "title": "Song",
    "infill_start_time": 10,
    "infill_end_time": 20,
}  # runapi-ai/suno-sdk's ruby spec (replace_section_spec.rb, uploaded_params)


def test_every_contract_stem_type_and_stem_name_is_accepted(api: Api, fake_clock: FakeClock) -> None:
    assert len(STEM_NAMES) == 98
    task_id, audio_id = _music_track(api, fake_clock)
    path = f"{SUNO}/separate_audio_stems"
    for stem_type in _contract_enum("suno/separate-audio-stems", "type"):
        extra = {"stem_name": "Bass"} if stem_type == "split_stem_advanced" else {}
        response = api.post(path, {"task_id": task_id, "audio_id": audio_id, "type": stem_type, **extra})
        assert response.status_code == 202, (stem_type, response.text)
    for name in STEM_NAMES:
        body = {"task_id": task_id, "audio_id": audio_id, "type": "split_stem_advanced", "stem_name": name}
        assert api.post(path, body).status_code == 202, name


def test_advanced_separation_answers_the_stem_and_the_rest_as_a_pair(api: Api, fake_clock: FakeClock) -> None:
    task_id, audio_id = _music_track(api, fake_clock)
    body = {"task_id": task_id, "audio_id": audio_id, "type": "split_stem_advanced", "stem_name": "Lead Vocal"}
    done = run(api, fake_clock, f"{SUNO}/separate_audio_stems", body)
    (pair,) = done["separated_audios"]["pairs"]
    assert set(done["separated_audios"]) == {"pairs"}
    assert pair["stem_name"] == "Lead Vocal"
    extracted, remaining = pair["extracted_audio"], pair["remaining_audio"]
    assert set(extracted) == set(remaining) == {"id", "duration_seconds", "audio_url"}  # AdvancedStemAudio
    assert extracted["id"] != remaining["id"] and extracted["audio_url"] != remaining["audio_url"]
    for audio in (extracted, remaining):
        assert audio["duration_seconds"] > 0
        assert_mp3(fetch(audio["audio_url"]))


def test_advanced_separation_needs_a_known_stem_name(api: Api, fake_clock: FakeClock) -> None:
    task_id, audio_id = _music_track(api, fake_clock)
    path = f"{SUNO}/separate_audio_stems"
    body = {"task_id": task_id, "audio_id": audio_id, "type": "split_stem_advanced"}
    missing = api.post(path, body)
    assert (missing.status_code, missing.json()) == (400, {"error": "Missing required parameter: stem_name"})
    unknown = api.post(path, dict(body, stem_name="bass"))  # the contract's names are capitalised
    assert (unknown.status_code, unknown.json()) == (422, {"error": "Invalid stem_name: bass"})
    assert api.post(path, dict(body, type="split_stem_pro", stem_name="Bass")).status_code == 422


@pytest.mark.parametrize("model", REPLACE_MODELS)
def test_replace_section_takes_an_uploaded_file_with_every_contract_model(
    api: Api, fake_clock: FakeClock, model: str
) -> None:
    done = run(api, fake_clock, f"{SUNO}/replace_section", dict(UPLOADED_SECTION, model=model))
    assert done["track"]["model_name"] == model
    assert_mp3(fetch(done["track"]["audio_url"]))


@pytest.mark.parametrize(
    ("change", "status", "error"),
    [
        ({"model": None}, 400, "Missing required parameter: model"),
        ({"upload_url": None}, 400, "Missing required parameter: task_id"),
        ({"model": "suno-v3"}, 422, "Invalid model: suno-v3"),
        ({"task_id": "<completed music task>"}, 422, "Invalid upload_url: give only one of task_id, upload_url"),
    ],
    ids=["upload-without-model", "model-without-upload", "model-unknown", "both-sources"],
)
def test_replace_section_takes_one_whole_source(
    api: Api, fake_clock: FakeClock, change: dict[str, Any], status: int, error: str
) -> None:
    body = {k: v for k, v in dict(UPLOADED_SECTION, **change).items() if v is not None}
    if body.get("task_id") == SOURCE:
        body["task_id"], body["audio_id"] = _music_track(api, fake_clock)
    response = api.post(f"{SUNO}/replace_section", body)
    assert (response.status_code, response.json()) == (status, {"error": error})


def test_replace_section_refuses_a_model_with_a_generated_track(api: Api, fake_clock: FakeClock) -> None:
    task_id, audio_id = _music_track(api, fake_clock)
    body = {k: v for k, v in UPLOADED_SECTION.items() if k != "upload_url"}
    response = api.post(f"{SUNO}/replace_section", dict(body, task_id=task_id, audio_id=audio_id))
    assert response.status_code == 422
    assert (
        api.post(f"{SUNO}/replace_section", dict(body, model=None, task_id=task_id, audio_id=audio_id)).status_code
        == 202
    )
