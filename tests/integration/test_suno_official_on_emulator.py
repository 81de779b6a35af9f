"""Suno's operations newer than RunAPI's docs snapshot, called through the SDK against the emulator over
real HTTP: blend_lyrics, music_from_sample, add_samples (deprecated), inspire_music, remaster_audio,
stitch_audio, audio_exports, music_visualizations (tasks); style_expansions, timestamped_lyrics,
create_persona (hybrid: at once, or 202 + ``Location`` followed), create_voice (direct); get_persona and
get_voice (records).

Each test runs on ``runapi.Client`` and on a blocking view of ``runapi.AsyncClient``, reached as
``client.suno``. The SDK's declarations (``runapi/suno.py``) and the emulator's rows
(``runapi/emulator/_suno.py``) were written independently from the same sources (the platform
contract, runapi-suno 0.6.0 and its repository), so each run checks both. The client's sleep is the
fake clock: nothing here sleeps for real.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import runapi
from runapi.emulator import Emulator
from runapi.suno import (
    AdvancedStemPair,
    CreatedPersona,
    CreatedVoice,
    LyricsTask,
    MusicTask,
    PersonaRecord,
    SectionTask,
    StemsTask,
    VoiceRecord,
)
from tests.integration.helpers import assert_typed, is_mp3, is_mp4, saved, sent

pytestmark = pytest.mark.integration

SAMPLE = "https://cdn.runapi.ai/public/samples/music.mp3"
VOICE = "https://cdn.runapi.ai/public/samples/voice.mp3"


@pytest.fixture
def song(client: runapi.Client) -> MusicTask:
    """A completed music_from_sample task: the source of the operations that take a track."""
    return client.suno.music_from_sample.run(
        model="suno-v5", audio_url=SAMPLE, prompt="Add a crisp handclap", start_seconds=5, end_seconds=20
    )


def test_music_from_sample_gives_downloadable_tracks_through_the_stages(
    client: runapi.Client, emu: Emulator, tmp_path: Path
) -> None:
    stages: list[str | None] = []
    endpoint = client.suno.music_from_sample.with_options(on_progress=lambda t: stages.append(t.generation_stage))
    task = endpoint.run(model="suno-v5", audio_url=SAMPLE, start_seconds=5, end_seconds=20)
    assert type(task) is MusicTask and task.generation_stage == "all_audios_ready" and len(task.audios) == 2
    assert stages[-1] == "all_audios_ready"
    assert sent(emu, task) == {"model": "suno-v5", "audio_url": SAMPLE, "start_seconds": 5, "end_seconds": 20}
    assert all(is_mp3(data) for data in saved(client, task, tmp_path))


def test_add_samples_warns_and_still_makes_tracks(client: runapi.Client) -> None:
    with pytest.warns(DeprecationWarning, match="music_from_sample"):
        add_samples = client.suno.add_samples
    task = add_samples.run(model="suno-v4.5-plus", audio_url=SAMPLE, start_seconds=0, end_seconds=12.5)
    assert task.is_completed and len(task.audios) == 2


def test_inspire_music_from_two_tracks(client: runapi.Client, emu: Emulator) -> None:
    task = client.suno.inspire_music.run(model="suno-v5", audio_urls=[SAMPLE, VOICE])
    assert task.is_completed and len(task.audios) == 2
    assert sent(emu, task)["audio_urls"] == [SAMPLE, VOICE]


def test_remaster_and_stitch_a_generated_track(client: runapi.Client, emu: Emulator, song: MusicTask) -> None:
    audio_id = song.audios[0].id or ""
    remastered = client.suno.remaster_audio.run(
        model="suno-v5.5", source_task_id=song.id, audio_id=audio_id, variation_category="subtle"
    )
    stitched = client.suno.stitch_audio.run(model="suno-v5", source_task_id=song.id, audio_id=audio_id)
    assert remastered.is_completed and stitched.is_completed
    assert sent(emu, remastered)["variation_category"] == "subtle"
    assert_typed(stitched, stitched.raw)


def test_blend_lyrics_gives_one_sheet_of_both_texts(client: runapi.Client) -> None:
    task = client.suno.blend_lyrics.run(lyrics_a="[Verse]\nCity lights", lyrics_b="[Chorus]\nWe rise")
    assert type(task) is LyricsTask and task.is_completed
    assert "City lights" in (task.lyrics[0].text or "") and "We rise" in (task.lyrics[0].text or "")
    assert task.output_urls == []


def test_audio_exports_gives_a_wav_naming_its_source(client: runapi.Client, song: MusicTask, tmp_path: Path) -> None:
    task = client.suno.audio_exports.run(source_audio_id=song.audios[0].id or "", source_task_id=song.id)
    assert task.original_task_id == song.id
    (data,) = saved(client, task, tmp_path)
    assert data[:4] == b"RIFF"


def test_music_visualizations_gives_an_mp4(client: runapi.Client, song: MusicTask, tmp_path: Path) -> None:
    task = client.suno.music_visualizations.run(
        source_audio_id=song.audios[0].id or "", source_task_id=song.id, author="RunAPI"
    )
    assert task.original_task_id == song.id
    assert all(is_mp4(data) for data in saved(client, task, tmp_path))


def test_style_expansions_and_timestamped_lyrics_answer_at_once(client: runapi.Client, song: MusicTask) -> None:
    style = client.suno.style_expansions(description="Pop, Mysterious")
    assert (style.style or "").startswith("Pop, Mysterious")
    words = client.suno.timestamped_lyrics(source_audio_id=song.audios[0].id or "", source_task_id=song.id)
    assert words.aligned_words and words.aligned_words[0].end_time is not None
    assert_typed(words, words.raw)


def test_a_persona_is_created_then_read_back(client: runapi.Client, song: MusicTask) -> None:
    created = client.suno.create_persona(
        source_task_id=song.id, source_audio_id=song.audios[0].id or "", name="Warm", description="A warm lead"
    )
    assert type(created) is CreatedPersona and created.persona is not None and created.persona.id
    record = client.suno.get_persona(created.persona.id)
    assert type(record) is PersonaRecord and record.persona == created.persona and record.status == "available"


def test_an_accepted_persona_is_followed_to_its_stored_answer(
    client: runapi.Client, emu: Emulator, song: MusicTask
) -> None:
    later = client.suno.create_persona.with_options(extra_headers={"Prefer": "respond-async"})  # answered 202
    created = later(
        source_task_id=song.id, source_audio_id=song.audios[0].id or "", name="Later", description="Accepted"
    )
    assert type(created) is CreatedPersona and created.persona is not None and created.persona.name == "Later"
    paths = [(r["method"], r["path"].rsplit("/", 1)[0], r["status"]) for r in emu.requests()[-3:]]
    assert paths[0] == ("POST", "/api/v1", 202) and paths[1][:2] == ("GET", "/api/v1/tasks")


def test_a_voice_is_created_then_read_back(client: runapi.Client) -> None:
    created = client.suno.create_voice(source_audio_url=VOICE, name="Narrator")
    assert type(created) is CreatedVoice and created.voice is not None and created.voice.name == "Narrator"
    record = client.suno.get_voice(created.voice.id or "")
    assert type(record) is VoiceRecord and record.status == "available" and record.voice == created.voice


def test_an_unknown_voice_is_not_found(client: runapi.Client) -> None:
    with pytest.raises(runapi.NotFoundError):
        client.suno.get_voice("voice_00000000-0000-4000-8000-000000000000")


def test_the_emulator_refuses_what_the_sdk_would_when_not_strict(client: runapi.Client) -> None:
    loose = client.with_options(strict=False)
    with warnings.catch_warnings():  # the SDK warns once per process of a value it does not know
        warnings.simplefilter("ignore", runapi.UnknownValueWarning)
        with pytest.raises(runapi.UnprocessableEntityError, match=r"Invalid model: suno-v4\.5-all"):
            loose.suno.stitch_audio.create(model="suno-v4.5-all", source_task_id="x", audio_id="y")


# -- newer values of the older operations: split_stem_advanced + stem_name, replace_section's upload_url + model


def test_an_advanced_separation_gives_the_stem_and_the_rest(
    client: runapi.Client, emu: Emulator, song: MusicTask, tmp_path: Path
) -> None:
    audio_id = song.audios[0].id or ""
    task = client.suno.separate_audio_stems.run(
        task_id=song.id, audio_id=audio_id, type="split_stem_advanced", stem_name="Lead Vocal"
    )
    assert type(task) is StemsTask and task.separated_audios is not None
    (pair,) = task.separated_audios.pairs
    assert type(pair) is AdvancedStemPair and pair.stem_name == "Lead Vocal"
    assert pair.extracted_audio is not None and pair.remaining_audio is not None
    assert pair.extracted_audio.id != pair.remaining_audio.id
    assert sent(emu, task) == {
        "task_id": song.id,
        "audio_id": audio_id,
        "type": "split_stem_advanced",
        "stem_name": "Lead Vocal",
    }
    files = saved(client, task, tmp_path)  # the stem, then the track without it
    assert len(files) == 2 and all(is_mp3(data) for data in files)


def test_a_section_of_an_uploaded_file_is_replaced(client: runapi.Client, emu: Emulator, tmp_path: Path) -> None:
    body = {
        "upload_url": SAMPLE,
        "model": "suno-v4.5-all",
        "lyrics": "solo",
        "full_lyrics": "[Verse] solo",
        "tags": "rock",
        "title": "Song",
        "infill_start_time": 10,
        "infill_end_time": 20,
    }
    task = client.suno.replace_section.run(**body)
    assert type(task) is SectionTask and task.track is not None
    assert sent(emu, task) == body
    assert all(is_mp3(data) for data in saved(client, task, tmp_path))


def test_the_emulator_refuses_an_unknown_stem_name_when_the_sdk_does_not(
    client: runapi.Client, song: MusicTask
) -> None:
    loose = client.with_options(strict=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", runapi.UnknownValueWarning)
        with pytest.raises(runapi.UnprocessableEntityError, match="Invalid stem_name: Kazoo"):
            loose.suno.separate_audio_stems.create(
                task_id=song.id, audio_id=song.audios[0].id or "", type="split_stem_advanced", stem_name="Kazoo"
            )
