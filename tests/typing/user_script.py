"""A user's script with the README's calls: both type checkers must accept it, with the types asserted.

Not collected by pytest (no test_ prefix); ``test_types.py`` runs mypy --strict and pyright on it.
"""

from __future__ import annotations

import sys

import runapi
from runapi.nano_banana import ImageTask
from runapi.suno import BoostedStyle, LyricsTask, MusicTask, StemsTask, TimestampedLyrics
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

    words = client.suno.get_timestamped_lyrics.with_options(timeout=30)(task_id=song.id, audio_id="a1")
    assert_type(words, TimestampedLyrics)
    start: float | None = words.aligned_words[0].start_time
    print(start)

    sound = client.suno.text_to_sound.create(prompt="Rain on a tin roof", model="suno-v5.5", sound_key="C#m")
    assert_type(sound, MusicTask)


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
