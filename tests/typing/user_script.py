"""A user's script with the README's calls: both type checkers must accept it, with the types asserted.

Not collected by pytest (no test_ prefix); ``test_types.py`` runs mypy --strict and pyright on it.
"""

from __future__ import annotations

import sys

import runapi
from runapi.nano_banana import ImageTask
from runapi.suno import LyricsTask, MusicTask
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


if __name__ == "__main__":
    main()
