"""Benchmark ``runapi batch`` on the local emulator: jobs per second, CPU per job, peak memory, and a resume
after a kill halfway (tasks created in total must equal the number of jobs).

Runs the emulator in its own process (``python -m runapi.emulator``), writes N Nano Banana text-to-image
jobs as JSON Lines (each: create, wait, download its image), then, ``--repeat`` rounds taking turns:

1. ``runapi batch`` with a journal, ``--concurrency 64 --download``: wall time, the batch process's CPU time
   (user + system) per job and its peak RSS;
2. the same jobs with no journal, bookkeeping or progress: ``asyncio.gather`` of ``AsyncClient.run`` +
   ``download_outputs`` under a semaphore of 64 (what the batch adds is journal, pacing and reporting);
3. RunAPI's official SDK (``runapi-nano-banana``) in a pool of 64 threads, ``run()`` + a download of each
   image, as a child process under ``.venv-official`` (``scripts/official-venv``; never imported here);

and reports the medians (of the rounds after a first, uncounted one that warms the emulator and the
caches of all three). Then:

4. ``runapi batch`` killed (SIGKILL) once half its results are written, then run again with the same
   journal (unknown creates are re-sent by their ``Idempotency-Key`` by default, which the emulator
   honours): tasks created on the emulator for this run must equal N.

Usage::

    .venv/bin/python scripts/bench_batch.py               # 2,000 jobs, 3 rounds: a few minutes
    .venv/bin/python scripts/bench_batch.py --jobs 300 --repeat 1    # a smoke test
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import statistics
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

async def main(path, url, key, folder):
    jobs = [json.loads(line) for line in open(path)]
    gate = asyncio.Semaphore(64)
    async with runapi.AsyncClient(api_key=key, base_url=url, poll_interval=0.05) as client:
        async def one(job):
            async with gate:
                task = await client.nano_banana.text_to_image.run(**job["params"])
                await client.download_outputs(task, folder, overwrite=True, name=job["key"])
                return task
        done = await asyncio.gather(*(one(job) for job in jobs))
    assert all(task.is_completed for task in done)

asyncio.run(main(*sys.argv[1:5]))
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


def cpu_of(pid: int) -> float:
    """CPU seconds (user + system) a running process has used so far (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measured(argv: list[str], env: dict[str, str], server: int) -> tuple[float, float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MiB) of one child process, and the CPU seconds the
    emulator (process ``server``) spent meanwhile."""
    served = cpu_of(server)
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    assert status == 0, f"{argv[:4]} exited with {status}"
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, cpu_of(server) - served


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3, help="rounds of the three runs (the median is shown)")
    args = parser.parse_args()
    n = args.jobs
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    official = subprocess.run(
        [str(ROOT / "scripts" / "official-venv")], capture_output=True, text=True, check=True
    ).stdout.strip()
    runapi_cli = str(Path(sys.executable).with_name("runapi"))
    folder = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    jobs = folder / "jobs.jsonl"
    jobs.write_text(
        "".join(
            json.dumps(
                {
                    "operation": "nano_banana.text_to_image",
                    "params": {"model": "nano-banana", "prompt": f"cat {i}"},
                    "key": f"j{i}",
                }
            )
            + "\n"
            for i in range(n)
        )
    )
    emulator, url = start_emulator()
    env = {**os.environ, "RUNAPI_API_KEY": KEY, "RUNAPI_BASE_URL": url, "PYTHONPYCACHEPREFIX": str(folder / "pycache")}
    # as installed: modules compiled once and cached (pip writes them; the official SDK's are), not on every run
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "runapi")], env=env, check=True)
    batch = [runapi_cli, "batch", str(jobs), "--concurrency", "64", "--no-progress", "--poll-interval", "0.05"]
    runs: dict[str, list[tuple[float, float, float, float]]] = {"batch": [], "gather": [], "official": []}
    try:
        created_full = 0
        for round_ in range(args.repeat + 1):  # round 0 warms the emulator and the caches of all three: not counted
            before = tasks_on(url)
            out = folder / f"full{round_}"
            runs["batch"].append(
                measured(
                    [*batch, "--journal", f"{out}.db", "--out", f"{out}.jsonl", "--download", str(out)],
                    env,
                    emulator.pid,
                )
            )
            created_full = tasks_on(url) - before
            runs["gather"].append(
                measured(
                    [sys.executable, "-c", BASELINE, str(jobs), url, KEY, str(folder / f"gather{round_}")],
                    env,
                    emulator.pid,
                )
            )
            runs["official"].append(
                measured(
                    [official, "-I", str(ROOT / "scripts" / "_official_bench.py"), "batch", url, KEY, str(jobs), "64",
                     "0.05", str(folder / f"official{round_}")],
                    env,
                    emulator.pid,
                )
            )  # fmt: skip
        runs = {name: measured_runs[1:] for name, measured_runs in runs.items()}
        wall, cpu, rss, served = (statistics.median(r[i] for r in runs["batch"]) for i in range(4))
        base_wall, base_cpu, base_rss, base_served = (statistics.median(r[i] for r in runs["gather"]) for i in range(4))
        off_wall, off_cpu, off_rss, off_served = (statistics.median(r[i] for r in runs["official"]) for i in range(4))

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
            [*batch, "--journal", journal, "--out", str(folder / "resumed.jsonl")],
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
    print(f"{machine}, load average {load} before the run; emulator in its own process\n")
    print(
        f"## {n:,} Nano Banana jobs (create, wait, download), concurrency 64, polls every 0.05 s; "
        f"median of {args.repeat} rounds\n"
    )
    print(
        "| run | jobs/s [min-max] | CPU ms per job (whole process) | emulator CPU ms per job | peak RSS "
        "| tasks created |"
    )
    print("|---|---|---|---|---|---|")

    def spread(key: str) -> str:
        rates = [n / r[0] for r in runs[key]]
        return f"[{min(rates):,.0f}-{max(rates):,.0f}]"

    rows = [
        ("`runapi batch` (journal, download)", "batch", wall, cpu, served, rss, f"{created_full:,}"),
        ("`gather` of `AsyncClient.run` + download", "gather", base_wall, base_cpu, base_served, base_rss, ""),
        ("official SDK, 64 threads, `run()` + download", "official", off_wall, off_cpu, off_served, off_rss, ""),
    ]
    for name, key, w, c, e, r, created in rows:
        print(
            f"| {name} | {n / w:,.0f} {spread(key)} | {1000 * c / n:.2f} | {1000 * e / n:.2f} | {r:.0f} MiB "
            f"| {created} |"
        )
    print(
        f"| batch / official | {off_wall / wall:.2f}x | {cpu / off_cpu:.2f}x | {served / off_served:.2f}x "
        f"| {rss / off_rss:.2f}x | |"
    )
    print(
        f"| batch / gather (bookkeeping) | {base_wall / wall:.2f}x | {cpu / base_cpu:.2f}x "
        f"(+{100 * (cpu / base_cpu - 1):.0f}% CPU) | | {rss / base_rss:.2f}x | |"
    )
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
