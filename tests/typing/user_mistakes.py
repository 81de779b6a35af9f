"""Mistakes both type checkers must flag, one per marked line; test_types.py checks each is flagged."""

from __future__ import annotations

import runapi


def main() -> None:
    client = runapi.Client()
    client.suno.text_to_music.create(vocal_mode="auto", model="suno-v5")  # error: not a vocal_mode
    client.suno.text_to_music.create(vocal_mode="instrumental", model=9)  # error: a model id is a string
    client.veo_3_1.text_to_video.create(prompt="x", model="veo-3.2", aspect_ratio="21:9")  # error: enums stay strict
    client.veo_3_1.text_to_video.create(prompt="x", model="veo-3.2", aspect_ratio="21:9")  # type: ignore[arg-type]  # pyright: ignore
    client.post("https://elsewhere.example/x", json=["a"])  # error: json is a JSON object (a mapping)
    client.post("/api/v1/x", wait=True)  # error: wait needs task=True
    client.with_options(strict="yes")  # error: strict is a bool
    client.suno.text_to_music.create(vocal_mode="instrumental")  # error: model is required
    client.veo_3_1.text_to_video.create(prompt="x", model="veo-3.1", duration_seconds=5)  # error: 4, 6 or 8
    client.veo_3_1.text_to_video.create(prompt="x", model="veo-3.1", promt="typo")  # error: unknown parameter
    client.nano_banana.text_to_image.create(model="nano-banana", prompt=42)  # error: prompt is a str
    client.seedream.decompose_layers.create(model="m", image_url="u", size="4K")  # error: one of four sizes
    client.suno.text_to_music.run("A chill beat", vocal_mode="auto_lyrics", model="suno-v5")  # error: positional
    song = client.suno.text_to_music.run(vocal_mode="instrumental", model="suno-v5")
    print(song.audios[0].nonexistent)  # error: no such attribute
    client.suno.check_voice(task_id="t1", callback_url="https://x.example")  # error: direct: no callback_url
    client.with_options(client_request_id=42)  # error: a client request id is a str
    client.suno.generate_lyrics.with_options(client_request_id=b"order-42")  # error: a str, not bytes
    song.response_headers = {}  # error: a result is frozen
    remaster = client.suno.remaster_audio
    remaster.create(model="suno-v5", source_task_id="t", audio_id="a", variation_category="max")  # error: no such
    client.suno.get_voice(voice_id="v1")  # error: the id is positional (record_id)
    client.suno.separate_audio_stems.create(task_id="t", audio_id="a", stem_name="bass")  # error: one of 98 names
