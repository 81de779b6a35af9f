"""Benchmark ``runapi.AsyncClient`` on the local emulator: ``run()`` throughput, and memory per in-flight task.

Prints, as Markdown, beside baselines measured in the same run (ratios, not absolute times):

1. ``run()`` per second (create + polls until completed, each task) for N concurrent tasks on one
   ``AsyncClient`` (``asyncio.gather``), beside the blocking ``Client`` driven by a pool of 64 threads
   over the same N tasks, and RunAPI's official SDK (``runapi-nano-banana``) in a pool of 64 threads, run
   as a child process under ``.venv-official`` (``scripts/official-venv``; never imported here). The
   emulator runs in a process of its own and answers all three, so it bounds all three. Each figure is
   the median of ``--repeat`` rounds, the three taking turns within a round; the client's CPU time per
   run (user + system, its own process) is the steadier figure on a loaded machine.
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
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import runapi
from runapi.emulator import Emulator

ROOT = Path(__file__).resolve().parent.parent
KEY = "bench-key"
PARAMS = {"model": "nano-banana", "prompt": "A cute cat wearing a space helmet, digital art"}


async def _yield(seconds: float) -> None:
    await asyncio.sleep(0)


def async_runs(url: str, n: int) -> tuple[float, float]:
    """Wall and CPU seconds for ``n`` concurrent ``run()`` calls on one AsyncClient."""

    async def main() -> tuple[float, float]:
        async with runapi.AsyncClient(KEY, base_url=url, sleep=_yield) as client:
            cpu, started = time.process_time(), time.perf_counter()
            done = await asyncio.gather(*(client.nano_banana.text_to_image.run(**PARAMS) for _ in range(n)))
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            assert all(task.is_completed for task in done)
            return elapsed, cpu

    return asyncio.run(main())


def threaded_runs(url: str, n: int, threads: int = 64) -> tuple[float, float]:
    """Wall and CPU seconds for ``n`` ``run()`` calls on one blocking Client from a pool of ``threads`` threads."""
    with runapi.Client(KEY, base_url=url, sleep=lambda seconds: None) as client, ThreadPoolExecutor(threads) as pool:
        cpu, started = time.process_time(), time.perf_counter()
        done = list(pool.map(lambda _: client.nano_banana.text_to_image.run(**PARAMS), range(n)))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert all(task.is_completed for task in done)
    return elapsed, cpu


def official_python() -> str:
    """``.venv-official``'s python (made by ``scripts/official-venv`` if missing)."""
    made = subprocess.run([str(ROOT / "scripts" / "official-venv")], capture_output=True, text=True, check=True)
    return made.stdout.strip()


def official_runs(python: str, url: str, n: int, threads: int = 64) -> tuple[float, float]:
    """Wall and CPU seconds for ``n`` official ``run()`` calls from ``threads`` threads (a child process)."""
    argv = [python, "-I", str(ROOT / "scripts" / "_official_bench.py"), "runs", url, KEY, str(n), str(threads)]
    answer = json.loads(subprocess.run(argv, capture_output=True, text=True, check=True).stdout)
    return answer["seconds"], answer["cpu"]


def start_emulator() -> tuple[subprocess.Popen[str], str]:
    """The emulator in a process of its own (no client shares its interpreter); its URL."""
    process = subprocess.Popen(
        [
            sys.executable, "-m", "runapi.emulator", "--port", "0", "--api-key", KEY,
            "--complete-after-polls", "2", "--balance", "1000000000", "--redelivery-delays", "",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert process.stdout is not None
    return process, process.stdout.readline().rsplit(" ", 1)[-1].strip()


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
            # the pool's kept-alive connections are opened (at most max_connections, whatever n is) and traced
            # first: each holds its last answer's buffers until its next request replaces them, so the
            # figure is what each parked wait holds, not the pool's churn (a fixed cost of the client)
            tracemalloc.start()
            await asyncio.gather(*(client.nano_banana.text_to_image.create(**PARAMS) for _ in ids))
            gc.collect()
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
    parser.add_argument("--repeat", type=int, default=3, help="rounds per task count (the median is shown)")
    args = parser.parse_args()
    counts = [50, 200] if args.quick else [100, 1000]

    print("# runapi AsyncClient benchmark\n")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs, load average {load} "
        f"before the run; runapi {runapi.__version__}; emulator in its own process\n"
    )
    python = official_python()
    emulator, url = start_emulator()
    try:
        print(f"## run() per second (create + 2 polls each), one client; median of {args.repeat} rounds\n")
        print(
            "| concurrent tasks | AsyncClient runs/s (CPU ms/run) | Client + 64 threads | official SDK + 64 threads "
            "| async / official: runs/s (CPU) |"
        )
        print("|---|---|---|---|---|")
        for n in counts:
            rounds: dict[str, list[tuple[float, float]]] = {"async": [], "threads": [], "official": []}
            for _ in range(args.repeat):
                rounds["official"].append(official_runs(python, url, n))
                rounds["async"].append(async_runs(url, n))
                rounds["threads"].append(threaded_runs(url, n))
            rate = {k: statistics.median(n / wall for wall, _ in v) for k, v in rounds.items()}
            cpu = {k: statistics.median(1000 * c / n for _, c in v) for k, v in rounds.items()}
            spread = min(n / wall for wall, _ in rounds["async"]), max(n / wall for wall, _ in rounds["async"])
            cells = [f"{rate[k]:,.0f} ({cpu[k]:.2f})" for k in ("async", "threads", "official")]
            print(
                f"| {n:,} | {cells[0]} [{spread[0]:,.0f}-{spread[1]:,.0f}] | {cells[1]} | {cells[2]} "
                f"| {rate['async'] / rate['official']:.2f}x ({cpu['official'] / cpu['async']:.2f}x less) |"
            )
    finally:
        emulator.terminate()
        emulator.wait(30)

    with Emulator(api_key=KEY, complete_after_polls=2, initial_balance_cents=10**9) as emu:
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
