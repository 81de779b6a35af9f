"""A user's script with the README's calls: both type checkers must accept it, with the types asserted.

Not collected by pytest (no test_ prefix); ``test_types.py`` runs mypy --strict and pyright on it.
"""

from __future__ import annotations

import sys

import runapi
from runapi.nano_banana import Image, ImageTask
from runapi.seedream import LayersTask
from runapi.suno import (
    AdvancedStemPair,
    BoostedStyle,
    CreatedPersona,
    LyricsTask,
    MusicTask,
    PersonaRecord,
    SectionTask,
    StemsTask,
    TimestampedLyrics,
    WavTask,
)
from runapi.veo_3_1 import VideoTask

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


def main() -> None:
    client = runapi.Client()

    song = client.suno.text_to_music.run(vocal_mode="auto_lyrics", prompt="A chill lo-fi beat", model="suno-v5")
    assert_type(song, MusicTask)
    title: str | None = song.audios[0].title
    duration: float | None = song.audios[0].duration
    print(title, duration, song.audios[0].audio_url, song.generation_stage)

    task = client.veo_3_1.text_to_video.create(
        prompt="A dog playing in a park", model="veo-3.1-fast", callback_url="https://example.com/callbacks/veo"
    )
    assert_type(task, VideoTask)
    video = client.veo_3_1.text_to_video.wait(task.id, timeout=1200)
    assert_type(video, VideoTask)
    print(video.videos[0].url)

    image = client.nano_banana.text_to_image.with_options(wait_timeout=120).run(
        model="nano-banana-pro", prompt="A serene lake", output_resolution="4k", aspect_ratio="16:9"
    )
    assert_type(image, ImageTask)
    # nested fields read from a stored payload keep their types (structured on first read)
    stored = ImageTask.from_dict({"id": "t1", "status": "completed", "images": [{"url": "https://f/a.png"}]})
    assert_type(stored.images, list[Image])
    assert_type(stored.usage, runapi.TaskUsage | None)
    first: Image = stored.images[0]
    print(first.url, stored.usage.cost if stored.usage else None)

    layered = client.seedream.decompose_layers.run(
        model="seedream-5-pro-layer-decomposition", image_url="https://example.com/a.jpg", size="1.5K"
    )
    assert_type(layered, LayersTask)
    z_index: int | None = layered.layers[0].z_index
    print(z_index)

    lyrics = client.suno.generate_lyrics.get("task_123")
    assert_type(lyrics, LyricsTask)

    hd = client.veo_3_1.upscale_video.run(source_task_id=video.id, output_resolution="1080p", index=0)
    assert_type(hd, VideoTask)

    balance = client.get_balance()
    assert_type(balance, runapi.Balance)

    try:
        client.suno.extend_music.create(parameter_mode="source", audio_id="a1", model="suno-v5")
    except runapi.TaskFailedError as exc:
        print(exc.task_id, exc.error)
    except runapi.APIStatusError as exc:
        print(exc.status_code, exc.message)

    boosted = client.suno.boost_style(description="Pop, Mysterious")
    assert_type(boosted, BoostedStyle)
    style: str | None = boosted.style
    print(style)

    stems = client.suno.separate_audio_stems.run(task_id=song.id, audio_id="a1", type="split_stem")
    assert_type(stems, StemsTask)
    vocal: str | None = stems.separated_audios.vocal_url if stems.separated_audios else None
    print(vocal, stems.output_urls)
    bass = client.suno.separate_audio_stems.run(
        task_id=song.id, audio_id="a1", type="split_stem_advanced", stem_name="Bass"
    )
    pairs: list[AdvancedStemPair] = bass.separated_audios.pairs if bass.separated_audios else []
    section = client.suno.replace_section.create(
        upload_url="https://example.com/take.mp3", model="suno-v5.5", lyrics="solo", tags="rock", title="Song",
        infill_start_time=10, infill_end_time=20.5,
    )  # fmt: skip
    assert_type(section, SectionTask)
    print(pairs, section.id)

    words = client.suno.get_timestamped_lyrics.with_options(timeout=30)(task_id=song.id, audio_id="a1")
    assert_type(words, TimestampedLyrics)
    start: float | None = words.aligned_words[0].start_time
    print(start)

    sound = client.suno.text_to_sound.create(prompt="Rain on a tin roof", model="suno-v5.5", sound_key="C#m")
    assert_type(sound, MusicTask)

    sample = client.suno.music_from_sample.run(
        model="suno-v5", audio_url="https://example.com/take.mp3", start_seconds=5, end_seconds=20.5
    )
    assert_type(sample, MusicTask)
    export = client.suno.audio_exports.run(source_audio_id="a1", source_task_id=sample.id)
    assert_type(export, WavTask)
    source: str | None = export.original_task_id
    persona = client.suno.create_persona(source_task_id=sample.id, source_audio_id="a1", name="N", description="D")
    assert_type(persona, CreatedPersona)
    record = client.suno.get_persona(persona.persona.id if persona.persona and persona.persona.id else "p1")
    assert_type(record, PersonaRecord)
    remastered = client.suno.remaster_audio.create(
        model="suno-v5.5", source_task_id=sample.id, audio_id="a1", variation_category="subtle"
    )
    print(source, record.status, remastered.generation_stage)

    # open to what ships next: a model id newer than the SDK type-checks (sent with a warning at run time);
    # strict=True refuses it; the raw hatch reaches any path of the base URL
    newer = client.veo_3_1.text_to_video.with_options(strict=False).create(prompt="A dog", model="veo-3.2")
    assert_type(newer, VideoTask)
    strict = runapi.Client(strict=True).with_options(strict=True)
    raw_task = strict.post("/api/v1/veo_3_1/text_to_video", json={"prompt": "A dog", "model": "veo-3.2"}, task=True)
    assert_type(raw_task, runapi.Task)
    done = client.post("/api/v1/veo_3_1/text_to_video", json={"prompt": "A dog"}, task=True, wait=True)
    assert_type(done, runapi.Task)
    schedules = client.get("/api/v1/price_schedules", params={"service": "veo_3_1"})
    print(schedules, client.post("/api/v1/suno/boost_style", json={"description": "Pop"}))

    # request identifiers (runapi-core 0.10.1 README): per client and per call, read back from the answer
    tagged = runapi.Client(client_request_id="batch-7", idempotent_creates=True).with_options(client_request_id="b-8")
    lyrics = tagged.suno.generate_lyrics.with_options(client_request_id="order-42", idempotency_key="order-42").create(
        prompt="night city"
    )
    assert_type(lyrics.runapi_task_id, str | None)
    echoed: str | None = lyrics.response_headers.get("X-Client-Request-Id")
    print(echoed, boosted.runapi_task_id)
    try:
        tagged.suno.boost_style.with_options(client_request_id="order-43")(description="Pop")
    except runapi.IdempotencyConflictError as conflict:
        assert_type(conflict.status_code, int)
        assert_type(conflict.task_id, str | None)
        print(conflict.idempotency_key)


if __name__ == "__main__":
    main()


def elevenlabs() -> None:
    from runapi.elevenlabs import AudioTask, DialogueLine, TranscriptTask

    client = runapi.Client()

    speech = client.elevenlabs.text_to_speech.run(
        model="text-to-speech-multilingual-v2", text="Hello from RunAPI", voice="Adam", speed=1.1
    )
    assert_type(speech, AudioTask)
    url: str | None = speech.audios[0].url
    print(url, speech.output_urls)

    dialogue = client.elevenlabs.text_to_dialogue.create(
        dialogue=[DialogueLine(text="Hello", voice="Adam"), DialogueLine(text="How are you?", voice="Brian")],
        stability=0.5,
    )
    assert_type(dialogue, AudioTask)

    transcript = client.elevenlabs.speech_to_text.run(source_audio_url="https://example.com/voice.mp3", diarize=True)
    assert_type(transcript, TranscriptTask)
    words: str | None = transcript.text
    print(words)
