"""Mistakes both type checkers must flag, one per marked line; test_types.py checks each is flagged."""

from __future__ import annotations

import runapi


def main() -> None:
    client = runapi.Client()
    client.suno.text_to_music.create(vocal_mode="auto", model="suno-v5")  # error: not a vocal_mode
    client.suno.text_to_music.create(vocal_mode="instrumental", model="suno-v9")  # error: not a model
    client.suno.text_to_music.create(vocal_mode="instrumental")  # error: model is required
    client.veo_3_1.text_to_video.create(prompt="x", model="veo-3.1", duration_seconds=5)  # error: 4, 6 or 8
    client.veo_3_1.text_to_video.create(prompt="x", model="veo-3.1", promt="typo")  # error: unknown parameter
    client.nano_banana.text_to_image.create(model="nano-banana", prompt=42)  # error: prompt is a str
    client.suno.text_to_music.run("A chill beat", vocal_mode="auto_lyrics", model="suno-v5")  # error: positional
    song = client.suno.text_to_music.run(vocal_mode="instrumental", model="suno-v5")
    print(song.audios[0].nonexistent)  # error: no such attribute
    client.suno.check_voice(task_id="t1", callback_url="https://x.example")  # error: direct: no callback_url
