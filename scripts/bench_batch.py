"""Benchmark ``runapi batch`` on the local emulator: jobs per second, CPU per job, peak memory, and a resume
after a kill halfway (tasks created in total must equal the number of jobs).

Runs the emulator in its own process (``python -m runapi.emulator``), writes N lyrics jobs as JSON Lines, then:

1. ``runapi batch`` with a journal, ``--concurrency 64``: wall time, the batch process's CPU time
   (user + system) per job and its peak RSS;
2. the same jobs with no journal, bookkeeping or progress: ``asyncio.gather`` of ``AsyncClient.run``
   under a semaphore of 64 (the baseline: what the batch adds is journal, pacing and reporting);
3. ``runapi batch`` killed (SIGKILL) once half its results are written, then run again with the same
   journal and ``--idempotent-creates`` (the emulator honours ``Idempotency-Key``): tasks created
   on the emulator for this run must equal N.

Usage::

    .venv/bin/python scripts/bench_batch.py               # 10,000 jobs: a few minutes
    .venv/bin/python scripts/bench_batch.py --jobs 500    # a smoke test
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
KEY = "bench-batch-key"
BASELINE = """
import asyncio, json, sys
import runapi

async def main(path, url, key):
    jobs = [json.loads(line) for line in open(path)]
    gate = asyncio.Semaphore(64)
    async with runapi.AsyncClient(api_key=key, base_url=url, poll_interval=0.05) as client:
        async def one(job):
            async with gate:
                return await client.suno.generate_lyrics.run(**job["params"])
        done = await asyncio.gather(*(one(job) for job in jobs))
    assert all(task.is_completed for task in done)

asyncio.run(main(*sys.argv[1:4]))
"""


def start_emulator() -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [
            sys.executable, "-m", "runapi.emulator", "--port", "0", "--api-key", KEY,
            "--complete-after-polls", "1", "--balance", "1000000000", "--redelivery-delays", "",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert process.stdout is not None
    line = process.stdout.readline()
    return process, line.rsplit(" ", 1)[-1].strip()


def tasks_on(url: str) -> int:
    return len(requests.get(f"{url}/_emulator/tasks", timeout=60).json()["tasks"])


def measured(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MiB) of one child process."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    assert status == 0, f"{argv[:4]} exited with {status}"
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=10_000)
    args = parser.parse_args()
    n = args.jobs
    runapi_cli = str(Path(sys.executable).with_name("runapi"))
    folder = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    jobs = folder / "jobs.jsonl"
    jobs.write_text(
        "".join(
            json.dumps({"operation": "suno.generate_lyrics", "params": {"prompt": f"song {i}"}, "key": f"j{i}"}) + "\n"
            for i in range(n)
        )
    )
    emulator, url = start_emulator()
    env = {**os.environ, "RUNAPI_API_KEY": KEY, "RUNAPI_BASE_URL": url}
    batch = [runapi_cli, "batch", str(jobs), "--concurrency", "64", "--no-progress", "--poll-interval", "0.05"]
    try:
        before = tasks_on(url)
        wall, cpu, rss = measured(
            [*batch, "--journal", str(folder / "full.db"), "--out", str(folder / "full.jsonl")], env
        )
        created_full = tasks_on(url) - before
        base_wall, base_cpu, base_rss = measured([sys.executable, "-c", BASELINE, str(jobs), url, KEY], env)

        before = tasks_on(url)
        journal, out = str(folder / "killed.db"), folder / "killed.jsonl"
        victim = subprocess.Popen(
            [*batch, "--journal", journal, "--out", str(out)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        while not out.exists() or out.read_text().count("\n") < n // 2:
            time.sleep(0.05)  # a benchmark waiting for a real process, not a test
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        finished_before_kill = out.read_text().count("\n")
        resumed = subprocess.run(
            [*batch, "--journal", journal, "--out", str(folder / "resumed.jsonl"), "--idempotent-creates"],
            env=env,
            capture_output=True,
            text=True,
        )
        created_resumed = tasks_on(url) - before
        statuses: dict[str, int] = {}
        for line in (folder / "resumed.jsonl").read_text().splitlines():
            status = json.loads(line)["status"]
            statuses[status] = statuses.get(status, 0) + 1
    finally:
        emulator.send_signal(signal.SIGTERM)
        emulator.wait(30)

    print("# runapi batch benchmark\n")
    machine = f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs"
    print(f"{machine}; emulator in its own process\n")
    print(f"## {n:,} lyrics jobs, concurrency 64, polls every 0.05 s\n")
    print("| run | jobs/s | CPU ms per job | peak RSS | tasks created |")
    print("|---|---|---|---|---|")
    rows = [
        ("`runapi batch` (journal, progress off)", n / wall, 1000 * cpu / n, f"{rss:.0f} MiB", f"{created_full:,}"),
        ("baseline: `gather` of `AsyncClient.run`", n / base_wall, 1000 * base_cpu / n, f"{base_rss:.0f} MiB", ""),
    ]
    for name, rate, cpu_ms, memory, created in rows:
        print(f"| {name} | {rate:,.0f} | {cpu_ms:.2f} | {memory} | {created} |")
    print(f"| batch / baseline | {base_wall / wall:.2f}x | {cpu / base_cpu:.2f}x | {rss / base_rss:.2f}x | |")
    print()
    print("## Killed halfway, then resumed from the journal\n")
    print("| jobs finished before SIGKILL | resumed run: statuses | tasks created in total | jobs |")
    print("|---|---|---|---|")
    summary = ", ".join(f"{k} {v:,}" for k, v in sorted(statuses.items()))
    print(f"| {finished_before_kill:,} | {summary} | **{created_resumed:,}** | {n:,} |")
    if resumed.returncode != 0 or created_resumed != n:
        print(f"\nresumed run exited {resumed.returncode}: {resumed.stderr[-500:]}")
        sys.exit(1)


if __name__ == "__main__":
    main()
