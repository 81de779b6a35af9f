"""Async mistakes both type checkers must flag, one per marked line (see test_user_scripts.py)."""

from __future__ import annotations

import runapi
from runapi.suno import MusicTask


async def main() -> None:
    client = runapi.AsyncClient()
    task: MusicTask = client.suno.text_to_music.create(vocal_mode="auto_lyrics", prompt="x")  # error: not awaited
    await client.suno.text_to_music.create(vocal_mode="sometimes", prompt="x")  # error: not a vocal mode
    await client.veo_3_1.text_to_video.create(prompt="A dog", model=9)  # error: a model id is a string
    await client.veo_3_1.text_to_video.create(prompt="x", model="veo-9", aspect_ratio="2:1")  # error: strict enum
    await client.post("/api/v1/veo_3_1/text_to_video", json={}, wait=True)  # error: wait needs task=True
    runapi.AsyncClient(session=None)  # error: the async client takes http_client, not session
    blocking = runapi.Client()
    await blocking.get_balance()  # error: the blocking client's calls are not awaitable
    print(task)
