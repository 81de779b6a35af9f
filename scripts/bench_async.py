"""Benchmark ``runapi.AsyncClient`` on the local emulator: ``run()`` throughput, and memory per in-flight task.

Prints, as Markdown, beside baselines measured in the same run (ratios, not absolute times):

1. ``run()`` per second (create + polls until completed, each task) for N concurrent tasks on one
   ``AsyncClient`` (``asyncio.gather``), beside the blocking ``Client`` driven by a pool of 64 threads
   over the same N tasks. The emulator (Werkzeug, threaded) answers both, so it bounds both.
2. Memory per in-flight task: N ``wait()`` calls parked between polls on one client (``tracemalloc``,
   bytes held while they wait / N), beside N bare asyncio tasks each awaiting an event (the floor of
   anything asyncio does per task), and the stack a thread per task would reserve.

Polls wait on an injected ``sleep`` that only yields to the event loop, so nothing sleeps for real.

Usage::

    .venv/bin/python scripts/bench_async.py            # about half a minute
    .venv/bin/python scripts/bench_async.py --quick    # a few seconds, for a smoke test
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import platform
import threading
import time
import tracemalloc
from concurrent.futures import ThreadPoolExecutor

import runapi
from runapi.emulator import Emulator

KEY = "bench-key"
PARAMS = {"model": "nano-banana", "prompt": "A cute cat wearing a space helmet, digital art"}


async def _yield(seconds: float) -> None:
    await asyncio.sleep(0)


def async_runs(url: str, n: int) -> float:
    """Seconds for ``n`` concurrent ``run()`` calls on one AsyncClient."""

    async def main() -> float:
        async with runapi.AsyncClient(KEY, base_url=url, sleep=_yield) as client:
            started = time.perf_counter()
            done = await asyncio.gather(*(client.nano_banana.text_to_image.run(**PARAMS) for _ in range(n)))
            elapsed = time.perf_counter() - started
            assert all(task.is_completed for task in done)
            return elapsed

    return asyncio.run(main())


def threaded_runs(url: str, n: int, threads: int = 64) -> float:
    """Seconds for ``n`` ``run()`` calls on one blocking Client from a pool of ``threads`` threads."""
    with runapi.Client(KEY, base_url=url, sleep=lambda seconds: None) as client, ThreadPoolExecutor(threads) as pool:
        started = time.perf_counter()
        done = list(pool.map(lambda _: client.nano_banana.text_to_image.run(**PARAMS), range(n)))
        elapsed = time.perf_counter() - started
    assert all(task.is_completed for task in done)
    return elapsed


def parked_waits(url: str, n: int) -> float:
    """Bytes held per ``wait()`` parked between polls, ``n`` at once on one client (tracemalloc)."""

    async def main() -> float:
        release = asyncio.Event()
        parked = 0

        async def park(seconds: float) -> None:
            nonlocal parked
            parked += 1
            await release.wait()

        async with runapi.AsyncClient(KEY, base_url=url, sleep=park) as client:
            ids = [(await client.nano_banana.text_to_image.create(**PARAMS)).id for _ in range(n)]
            resource = client.nano_banana.text_to_image.with_options(poll_interval=5.0)
            gc.collect()
            tracemalloc.start()
            before = tracemalloc.get_traced_memory()[0]
            waits = [asyncio.ensure_future(resource.wait(task_id)) for task_id in ids]
            while parked < n:  # every wait has polled once and is now sleeping
                await asyncio.sleep(0.01)
            held = tracemalloc.get_traced_memory()[0] - before
            tracemalloc.stop()
            release.set()
            await asyncio.gather(*waits)
            return held / n

    return asyncio.run(main())


def bare_tasks(n: int) -> float:
    """Bytes held per bare asyncio task awaiting an event, ``n`` at once (the floor)."""

    async def main() -> float:
        release = asyncio.Event()
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        tasks = [asyncio.ensure_future(release.wait()) for _ in range(n)]
        await asyncio.sleep(0)
        held = tracemalloc.get_traced_memory()[0] - before
        tracemalloc.stop()
        release.set()
        await asyncio.gather(*tasks)
        return held / n

    return asyncio.run(main())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small task counts, for a smoke test")
    args = parser.parse_args()
    counts = [50, 200] if args.quick else [100, 500, 2000]

    print("# runapi AsyncClient benchmark\n")
    print(f"{platform.platform()}, Python {platform.python_version()}, runapi {runapi.__version__}; emulator\n")
    with Emulator(api_key=KEY, complete_after_polls=2, initial_balance_cents=10**9) as emu:
        print("## run() per second (create + 2 polls each), one client\n")
        print("| concurrent tasks | AsyncClient runs/s | Client + 64 threads runs/s | async / threads |")
        print("|---|---|---|---|")
        for n in counts:
            async_rate = n / async_runs(emu.url, n)
            thread_rate = n / threaded_runs(emu.url, n)
            print(f"| {n:,} | {async_rate:,.0f} | {thread_rate:,.0f} | {async_rate / thread_rate:.2f}x |")

        print("\n## Memory per in-flight task (wait() parked between polls)\n")
        print("| in-flight tasks | AsyncClient wait() | bare asyncio task | wait() / bare | a thread's stack |")
        print("|---|---|---|---|---|")
        stack = threading.stack_size() or 8 * 1024 * 1024
        for n in counts:
            per_wait = parked_waits(emu.url, n)
            per_bare = bare_tasks(n)
            print(
                f"| {n:,} | {per_wait / 1024:.1f} KiB | {per_bare / 1024:.2f} KiB | {per_wait / per_bare:.1f}x "
                f"| {stack / 1024:,.0f} KiB (virtual) |"
            )


if __name__ == "__main__":
    main()
