"""Every Suno and ElevenLabs operation, called through the SDK against the emulator over real HTTP.

One test per operation (direct ones included), each checking what a user reads off the typed
result and, where there is a file, that the URL serves the right kind of media. Tasks that name a
source task (stems, WAV, MIDI, voices, ...) are chained exactly as a user would chain them. The
client's sleep is the fake clock, so nothing here sleeps for real.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import runapi
from runapi.emulator import Emulator
from runapi.suno import MusicTask
from tests.integration.helpers import (
    download,
    is_mp3,
    not_run,
)

pytestmark = pytest.mark.integration

UPLOAD = "https://cdn.runapi.ai/public/samples/music.mp3"
VOICE = "https://cdn.runapi.ai/public/samples/voice.mp3"
VERSE = "[Verse]\nA calm and relaxing piano track"


@pytest.fixture
def song(client: runapi.Client) -> MusicTask:
    """A completed text_to_music task: the source of the operations that take a ``task_id``."""
    return client.suno.text_to_music.run(vocal_mode="auto_lyrics", prompt="A calm piano night", model="suno-v5")


# -- Suno: tasks that make tracks -------------------------------------------------------------------


SUNO_MUSIC: dict[str, dict[str, Any]] = {
    "add_vocals": {"upload_url": UPLOAD, "lyrics": VERSE, "title": "Piano", "style": "Jazz", "model": "suno-v4.5-plus"},
    "add_instrumental": {
        "upload_url": UPLOAD,
        "title": "Piano",
        "tags": "Relaxing Piano, Ambient",
        "negative_tags": "Heavy Metal",
        "model": "suno-v4.5-plus",
    },
    "cover_audio": {
        "upload_url": UPLOAD,
        "vocal_mode": "instrumental",
        "style": "Classical",
        "title": "Peaceful Piano",
        "model": "suno-v5",
    },
    "create_mashup": {
        "upload_url_list": [UPLOAD, UPLOAD],
        "vocal_mode": "exact_lyrics",
        "lyrics": VERSE,
        "style": "Jazz",
        "title": "Relaxing Piano",
        "model": "suno-v4",
    },
    "text_to_sound": {"prompt": "Rain on a tin roof", "model": "suno-v5", "sound_loop": True, "sound_key": "Cm"},
}


@pytest.mark.parametrize("operation", list(SUNO_MUSIC))
def test_suno_track_operations_run_to_downloadable_tracks(
    client: runapi.Client, operation: str, tmp_path: Path
) -> None:
    stages: list[str | None] = []
    endpoint = getattr(client.suno, operation).with_options(on_progress=lambda t: stages.append(t.generation_stage))
    task = endpoint.run(**SUNO_MUSIC[operation])
    assert isinstance(task, MusicTask) and task.is_completed
    assert task.generation_stage == "all_audios_ready" and stages[-1] == "all_audios_ready"
    assert task.audios and all(audio.id and audio.duration for audio in task.audios)
    assert is_mp3(download(client, task.audios[0].audio_url, tmp_path))


def test_suno_extend_music_of_an_uploaded_file(client: runapi.Client) -> None:
    """The second reading of extend_music ("Upload and Extensions"): the source is ``upload_url``."""
    task = client.suno.extend_music.run(
        upload_url=UPLOAD,
        parameter_mode="custom",
        prompt="more relaxing piano notes",
        style="Classical",
        title="Peaceful Piano Extended",
        continue_at=60,
        model="suno-v5",
    )
    assert task.is_completed and task.audios[0].audio_url


def test_suno_replace_section_gives_one_track(client: runapi.Client, song: MusicTask, tmp_path: Path) -> None:
    task = client.suno.replace_section.run(
        task_id=song.id,
        audio_id=song.audios[0].id or "",
        lyrics="[Verse]\nA brighter line",
        tags="Jazz",
        title="Relaxing Piano",
        infill_start_time=10.5,
        infill_end_time=20.75,
    )
    assert task.is_completed and task.track is not None
    assert is_mp3(download(client, task.track.audio_url, tmp_path))


# -- Suno: tasks on a generated track ---------------------------------------------------------------


def test_suno_separate_vocals_then_split_stems_then_midi(
    client: runapi.Client, song: MusicTask, tmp_path: Path
) -> None:
    audio_id = song.audios[0].id or ""
    two = client.suno.separate_audio_stems.run(task_id=song.id, audio_id=audio_id, type="separate_vocal")
    assert two.separated_audios is not None
    assert is_mp3(download(client, two.separated_audios.vocal_url, tmp_path / "vocal"))
    assert is_mp3(download(client, two.separated_audios.instrumental_url, tmp_path / "instrumental"))

    stems = client.suno.separate_audio_stems.run(task_id=song.id, audio_id=audio_id, type="split_stem")
    assert stems.separated_audios is not None and stems.separated_audios.drums_url

    midi = client.suno.generate_midi.run(task_id=stems.id)
    assert midi.is_completed and midi.instruments
    notes = [note for instrument in midi.instruments for note in instrument.notes]
    assert notes and all(
        note.pitch is not None and note.start_time is not None and note.end_time is not None for note in notes
    )


def test_suno_convert_audio_gives_a_wav(client: runapi.Client, song: MusicTask, tmp_path: Path) -> None:
    task = client.suno.convert_audio.run(task_id=song.id, audio_id=song.audios[0].id or "")
    wav = download(client, task.wav_url, tmp_path)
    assert wav[:4] == b"RIFF" and wav[8:12] == b"WAVE"


def test_suno_generate_artwork_gives_png_covers(client: runapi.Client, song: MusicTask, tmp_path: Path) -> None:
    task = client.suno.generate_artwork.run(task_id=song.id)
    assert task.covers
    assert download(client, task.covers[0].url, tmp_path).startswith(b"\x89PNG\r\n\x1a\n")


def test_suno_visualize_music_gives_an_mp4(client: runapi.Client, song: MusicTask, tmp_path: Path) -> None:
    task = client.suno.visualize_music.run(
        task_id=song.id, audio_id=song.audios[0].id or "", author="Suno Artist", domain_name="music.example.com"
    )
    assert download(client, task.video_url, tmp_path)[4:8] == b"ftyp"


# -- Suno: custom voices (tasks and a direct check) -------------------------------------------------


def test_suno_custom_voice_from_phrase_to_available_voice(client: runapi.Client) -> None:
    phrase = client.suno.voice_to_validation_phrase.run(
        voice_url=VOICE, vocal_start_seconds=2, vocal_end_seconds=12, language="en"
    )
    assert phrase.is_completed and phrase.validation_phrase

    again = client.suno.regenerate_validation_phrase.run(task_id=phrase.id)
    assert again.is_completed and again.validation_phrase

    voice = client.suno.generate_voice.create(
        task_id=phrase.id,
        verify_url="https://file.runapi.ai/verify-read.mp3",
        voice_name="Warm",
        singer_skill_level="advanced",
    )
    assert client.suno.check_voice(task_id=voice.id).is_available is False  # direct: not ready yet
    done = client.suno.generate_voice.wait(voice.id)
    assert done.is_completed and done.voice_id
    assert client.suno.check_voice(task_id=voice.id).is_available is True


# -- Suno: the other direct operations --------------------------------------------------------------


def test_suno_boost_style_answers_at_once(client: runapi.Client, emu: Emulator) -> None:
    seen = len(emu.requests())
    boosted = client.suno.boost_style(description="Pop, Mysterious")
    assert boosted.style and boosted.style.startswith("Pop, Mysterious")
    assert boosted.raw["style"] == boosted.style
    calls = [(r["method"], r["path"]) for r in emu.requests()[seen:]]
    assert calls == [("POST", "/api/v1/suno/boost_style")]  # one call, no status polling


def test_suno_get_timestamped_lyrics_gives_word_timings(client: runapi.Client, song: MusicTask) -> None:
    lyrics = client.suno.get_timestamped_lyrics(task_id=song.id, audio_id=song.audios[0].id or "")
    assert lyrics.aligned_words
    starts = [word.start_time for word in lyrics.aligned_words]
    assert all(start is not None for start in starts) and starts == sorted(starts)  # type: ignore[type-var]


def test_suno_generate_persona_gives_a_persona_id(client: runapi.Client, song: MusicTask) -> None:
    result = client.suno.generate_persona(
        task_id=song.id, audio_id=song.audios[0].id or "", name="Electronic Pop Singer", description="Modern pop"
    )
    assert result.persona is not None and result.persona.id and result.persona.name == "Electronic Pop Singer"
    # the persona is usable at once in a generation
    task = client.suno.text_to_music.create(
        vocal_mode="auto_lyrics", prompt="A song", model="suno-v5", persona_id=result.persona.id, persona_type="voice"
    )
    assert task.id


def test_a_failing_direct_call_raises_task_failed_error(client: runapi.Client) -> None:
    with pytest.raises(runapi.TaskFailedError) as info:
        client.suno.boost_style(description="emulator:fail")
    assert info.value.error


def test_without_idempotent_creates_a_direct_call_answered_500_after_acting_is_not_replayed(
    client: runapi.Client, emu: Emulator
) -> None:
    path = "/api/v1/suno/boost_style"
    posts_before = [r for r in emu.requests() if r["method"] == "POST" and r["path"] == path]
    emu.inject("server_error", method="POST", path=path, after_handling=True)
    with pytest.raises(runapi.InternalServerError) as info:
        client.with_options(idempotent_creates=False).suno.boost_style(description="charge me once")
    posts = [r for r in emu.requests() if r["method"] == "POST" and r["path"] == path]
    assert len(posts) == len(posts_before) + 1 and info.value.task_may_exist


def test_by_default_a_direct_call_answered_500_after_acting_is_re_sent_with_its_key_and_answered_once(
    client: runapi.Client, emu: Emulator
) -> None:
    path = "/api/v1/suno/boost_style"
    posts_before = len([r for r in emu.requests() if r["method"] == "POST" and r["path"] == path])
    emu.inject("server_error", method="POST", path=path, after_handling=True)
    style = client.suno.boost_style(description="charge me once")
    posts = [r for r in emu.requests() if r["method"] == "POST" and r["path"] == path][posts_before:]
    assert len(posts) == 2 and len({r["headers"]["Idempotency-Key"] for r in posts}) == 1  # the same key
    assert style.style  # RunAPI answered the call it had made, from its record


# -- ElevenLabs -------------------------------------------------------------------------------------


ELEVENLABS_AUDIO: list[tuple[str, dict[str, Any]]] = [
    ("text_to_speech", {"model": "text-to-speech-turbo-v2.5", "text": "Hello from RunAPI"}),
    ("text_to_speech", {"model": "text-to-speech-multilingual-v2", "text": "Bonjour", "voice": "EkK5I93UQWFDigLMpZcX"}),
    ("text_to_dialogue", {"dialogue": [{"text": "Hello", "voice": "Adam"}, {"text": "Hi!", "voice": "Brian"}]}),
    ("text_to_sound", {"text": "Thunder crash and heavy rain", "output_format": "mp3_44100_128"}),
    ("isolate_audio", {"source_audio_url": VOICE}),
]


@pytest.mark.parametrize(
    ("operation", "params"),
    ELEVENLABS_AUDIO,
    ids=["speech-turbo", "speech-multilingual", "dialogue", "sound", "isolate"],
)
def test_elevenlabs_audio_operations_run_to_downloadable_audio(
    client: runapi.Client, operation: str, params: dict[str, Any], tmp_path: Path
) -> None:
    task = getattr(client.elevenlabs, operation).run(**params)
    assert task.is_completed and task.audios
    (file,) = client.download_outputs(task, tmp_path)
    assert is_mp3(file.path.read_bytes())


def test_elevenlabs_speech_to_text_gives_the_transcript(client: runapi.Client) -> None:
    task = client.elevenlabs.speech_to_text.run(source_audio_url=VOICE, diarize=True)
    assert task.is_completed and task.text


@pytest.mark.parametrize(
    ("operation", "params"),
    [
        ("text_to_dialogue", {"dialogue": [{"text": "Hello", "voice": "Adam"}], "model": "text-to-dialogue-v3"}),
        ("text_to_sound", {"text": "Rain", "model": "sound-effect-v2", "output_format": "mp3_22050_32"}),
        ("speech_to_text", {"source_audio_url": VOICE, "model": "speech-to-text"}),
        ("isolate_audio", {"source_audio_url": VOICE, "model": "audio-isolation"}),
    ],
    ids=["dialogue", "sound", "stt", "isolate"],
)
def test_elevenlabs_models_of_the_platform_contract_are_sent_and_accepted(
    client: runapi.Client, emu: Emulator, operation: str, params: dict[str, Any]
) -> None:
    # newer than the docs: the platform contract names one model per endpoint (optional: the official package
    # sends none)
    task = getattr(client.elevenlabs, operation).run(**params)
    assert task.is_completed
    [received] = [t["params"] for t in emu.tasks() if t["id"] == task.id]
    assert dict(received) == params


# -- coverage -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("family", "parametrized"), [("suno", set(SUNO_MUSIC)), ("elevenlabs", {op for op, _ in ELEVENLABS_AUDIO})]
)
def test_every_operation_of_the_family_is_run_end_to_end(family: str, parametrized: set[str]) -> None:
    """A new operation without an end-to-end test on the emulator fails here (this file, the general
    one for text_to_music, extend_music by ``audio_id`` and generate_lyrics, or the one of Suno's
    operations newer than the docs)."""
    here = Path(__file__).parent
    sources = [here / Path(__file__).name, here / "test_sdk_on_emulator.py", here / "test_suno_official_on_emulator.py"]
    assert not_run(family, sources, parametrized) == set()
