"""2,000 concurrent ``AsyncClient.run()`` calls on one client against the emulator: no error, no thread per
task, bounded memory. Polls wait on a fake sleep that only yields to the event loop (nothing sleeps for real).
"""

from __future__ import annotations

import asyncio
import resource
import threading
from collections.abc import Iterator

import pytest

import runapi
from runapi.emulator import Emulator

pytestmark = pytest.mark.integration

KEY = "emu-concurrency-key"
TASKS = 2_000


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(api_key=KEY, complete_after_polls=2) as e:
        yield e


def test_two_thousand_concurrent_runs_finish_without_error(emu: Emulator) -> None:
    threads_seen: list[int] = []

    async def sleep(seconds: float) -> None:
        threads_seen.append(threading.active_count())
        await asyncio.sleep(0)

    async def main() -> list[object]:
        async with runapi.AsyncClient(KEY, base_url=emu.url, sleep=sleep, max_connections=50) as client:
            runs = [
                client.nano_banana.text_to_image.run(model="nano-banana", prompt=f"cat number {i}")
                for i in range(TASKS)
            ]
            return await asyncio.gather(*runs, return_exceptions=True)

    threads_before = threading.active_count()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    results = asyncio.run(main())
    rss_growth_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024

    errors = [result for result in results if isinstance(result, BaseException)]
    assert errors == []
    assert all(isinstance(r, runapi.nano_banana.ImageTask) and r.is_completed for r in results)
    assert len({r.id for r in results if isinstance(r, runapi.Task)}) == TASKS
    # the client adds no thread per task: what grows is the emulator's connection threads (<= 50 connections)
    assert max(threads_seen) - threads_before <= 60
    assert rss_growth_mb < 150, f"peak RSS grew {rss_growth_mb:.0f} MB for {TASKS} tasks"
