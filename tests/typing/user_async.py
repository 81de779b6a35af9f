"""A user's asyncio script: both type checkers must see every operation as awaitable, with its params and result.

Not collected by pytest (no test_ prefix); ``test_user_scripts.py`` runs mypy --strict and pyright on it.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import runapi
from runapi.suno import MusicTask
from runapi.veo_3_1 import VideoTask

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


async def main() -> None:
    async with runapi.AsyncClient(timeout=30.0, max_connections=200) as client:
        music = await client.suno.text_to_music.run(vocal_mode="instrumental", model="suno-v5", prompt="lo-fi")
        assert_type(music, MusicTask)
        created = await client.veo_3_1.text_to_video.create(prompt="A dog", model="veo-3.1-fast")
        assert_type(created, VideoTask)
        newer = await client.veo_3_1.text_to_video.create(prompt="A dog", model="veo-3.2")  # open: a newer id
        assert_type(newer, VideoTask)
        raw = await client.with_options(strict=True).post("/api/v1/veo_3_1/text_to_video", json={}, task=True)
        assert_type(raw, runapi.Task)
        print(await client.get("/api/v1/me/balance"))
        done = await client.veo_3_1.text_to_video.with_options(wait_timeout=1200).wait(created.id)
        assert_type(done, VideoTask)
        videos = await asyncio.gather(
            *(client.veo_3_1.text_to_video.run(prompt=f"shot {i}", model="veo-3.1-fast") for i in range(3))
        )
        assert_type(videos, list[VideoTask])
        style = await client.suno.boost_style(description="Pop")
        print(style.raw)
        stored = await client.files.from_stream(file=Path("cat.png"))
        assert_type(stored, runapi.UploadedFile)
        balance = await client.get_balance()
        assert_type(balance, runapi.Balance)
        saved = await client.download_outputs(music, "outputs/")
        assert_type(saved, list[runapi.Download])
        other = client.with_options(max_retries=0)
        assert_type(other, runapi.AsyncClient)
    with runapi.Client() as blocking:
        assert_type(blocking.suno.text_to_music.run(vocal_mode="instrumental", model="suno-v5", prompt="x"), MusicTask)


if __name__ == "__main__":
    asyncio.run(main())
