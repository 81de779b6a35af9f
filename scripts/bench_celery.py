"""Batches on Celery workers against one-machine ``runapi batch``: jobs per second, and the create rate RunAPI saw.

A benchmark, not a test: it starts a redis-server on a free port (``scripts/install-redis`` installs it), an
emulator in this process (tasks complete on their first poll), N real ``celery worker`` processes
(``tests/contrib/celery_app.py``: poll gap 0.05 s), and runs the same jobs two ways:

- ``celery``: :func:`runapi.contrib.celery.run_batch`, journal in Redis, ``--rate`` creates/s across every worker,
  ~10% faults (503, 500, dropped connections, some after the server acted), 2 workers SIGKILLed at a third of the
  creates and 2 started;
- ``local``: :func:`runapi.batch.run` (one process, AsyncClient, ``--concurrency``), the same rate and faults.

It prints jobs/s for each, the create rate the emulator observed (POST creates per second over the busiest 1 s
window, and on average) against the limit, duplicate tasks (must be 0) and jobs not completed (must be 0).

Usage::

    .venv/bin/python scripts/bench_celery.py                       # 2,000 jobs, 4 workers, rate 100/s
    .venv/bin/python scripts/bench_celery.py --jobs 500 --rate 50
"""

from __future__ import annotations

import argparse
import collections
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import redis  # noqa: E402

import runapi  # noqa: E402
from runapi import batch  # noqa: E402
from runapi.contrib.celery import make_app, run_batch  # noqa: E402
from runapi.contrib.redis import RedisJournal  # noqa: E402
from runapi.emulator import Emulator  # noqa: E402
from tests.contrib.celery_app import OPTIONS  # noqa: E402
from tests.redis_server import free_port  # noqa: E402

KEY = "bench-celery-key"
CREATE = "/api/v1/nano_banana/text_to_image"


def faults(emu: Emulator) -> None:
    for seed, kind in enumerate(("unavailable", "server_error", "drop")):
        emu.inject(kind, rate=0.02, seed=seed)
    emu.inject("server_error", rate=0.02, seed=7, after_handling=True)
    emu.inject("drop", rate=0.02, seed=8, after_handling=True)


def jobs(count: int, tag: str) -> list[batch.Job]:
    return [
        batch.Job("nano_banana.text_to_image", {"model": "nano-banana", "prompt": f"{tag} {i}"}, f"j{i}")
        for i in range(count)
    ]


def observed(emu: Emulator) -> dict[str, Any]:
    times = sorted(r["time"] for r in emu.requests() if r["method"] == "POST" and r["path"] == CREATE)
    busiest = max((sum(1 for t in times if s <= t < s + 1.0) for s in times), default=0)
    span = times[-1] - times[0] if len(times) > 1 else 0.0
    per_prompt = collections.Counter(t["params"]["prompt"] for t in emu.tasks())
    return {
        "creates": len(times),
        "busiest_1s": busiest,
        "mean_rate": (len(times) - 1) / span if span else 0.0,
        "duplicates": sum(1 for n in per_prompt.values() if n > 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--concurrency", type=int, default=64, help="the local run's jobs in flight")
    args = parser.parse_args()
    binary = shutil.which("redis-server")
    if not binary:
        sys.exit("redis-server not found: run scripts/install-redis")
    with tempfile.TemporaryDirectory(prefix="bench-celery-") as folder:
        port = free_port()
        server = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", folder, "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        url = f"redis://127.0.0.1:{port}/0"
        time.sleep(0.5)
        procs: list[subprocess.Popen[bytes]] = []
        try:
            # -- celery --------------------------------------------------------------------------
            with Emulator(api_key=KEY, complete_after_polls=1) as emu:
                faults(emu)
                env = {**os.environ, "PYTHONPATH": str(ROOT), "RUNAPI_TEST_CELERY_BROKER": url}
                env |= {"RUNAPI_API_KEY": KEY, "RUNAPI_BASE_URL": emu.url}

                def start() -> subprocess.Popen[bytes]:
                    cmd = [sys.executable, "-m", "celery", "-A", "tests.contrib.celery_app", "worker", "--pool", "solo"]
                    cmd += ["--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel", "ERROR"]
                    cmd += ["-n", f"w{len(procs)}@bench"]
                    proc = subprocess.Popen(
                        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                    )
                    procs.append(proc)
                    return proc

                first = [start() for _ in range(args.workers)]
                app = make_app(url, **OPTIONS)
                journal = RedisJournal(redis.Redis.from_url(url), "bench")
                killed: list[int] = []

                def kill(_: batch.JobResult) -> None:
                    if not killed and len(emu.tasks()) >= args.jobs // 3:
                        for proc in first[:2]:
                            proc.send_signal(signal.SIGKILL)
                            killed.append(proc.pid)
                        start(), start()

                time.sleep(3)  # let the workers come up: measure the batch, not Python's start-up
                began = time.monotonic()
                out = Path(folder) / "celery-out"
                results = run_batch(
                    app, jobs(args.jobs, "c"), journal=journal, rate=args.rate, download=out, on_result=kill
                )
                took = time.monotonic() - began
                seen = observed(emu)
                lost = sum(1 for r in results if r.status != "completed")
                print(
                    f"celery  {args.workers} workers ({len(killed)} SIGKILLed, replaced): {args.jobs} jobs"
                    f" in {took:.1f} s ="
                    f" {args.jobs / took:.0f} jobs/s; creates seen {seen['creates']}, busiest 1 s {seen['busiest_1s']},"
                    f" mean {seen['mean_rate']:.1f}/s (limit {args.rate:g}/s); duplicates {seen['duplicates']}; not"
                    f" completed {lost}; files {len(list(out.iterdir()))}"
                )
            # -- one machine ---------------------------------------------------------------------
            with Emulator(api_key=KEY, complete_after_polls=1) as emu:
                faults(emu)
                began = time.monotonic()
                client = runapi.AsyncClient(api_key=KEY, base_url=emu.url, poll_interval=OPTIONS["poll_interval"])
                out = Path(folder) / "local-out"
                results = batch.run(
                    jobs(args.jobs, "l"), client=client, concurrency=args.concurrency, rate=args.rate, download=out
                )
                took = time.monotonic() - began
                seen = observed(emu)
                lost = sum(1 for r in results if r.status != "completed")
                print(
                    f"local   1 process, concurrency {args.concurrency}: {args.jobs} jobs in {took:.1f} s ="
                    f" {args.jobs / took:.0f} jobs/s; creates seen {seen['creates']}, busiest 1 s {seen['busiest_1s']},"
                    f" mean {seen['mean_rate']:.1f}/s (limit {args.rate:g}/s); duplicates {seen['duplicates']}; not"
                    f" completed {lost}"
                )
        finally:
            for proc in procs:
                if proc.poll() is None:
                    proc.kill()
                proc.wait()
            server.kill()
            server.wait()


if __name__ == "__main__":
    main()
