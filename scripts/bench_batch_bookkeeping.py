"""Measure what ``runapi.batch`` itself costs per job, apart from HTTP: CPU per job of the batch against a
bare ``asyncio.gather`` of ``AsyncClient.run``, both on one in-process fake transport.

The transport answers every create (``202``, processing) and every poll (``200``, completed) at once,
from memory, and the client's ``sleep`` only yields to the loop: what is left is the SDK's own work
per job (flows, parsing, retries' bookkeeping) in both runs, and in the batch's also its journal
(SQLite on disk), pacing, results and the JSON Lines record ``runapi batch --out`` writes per
result. The difference is the batch's bookkeeping. No download (it is the same call in both).

Rounds alternate the runs (the machine is shared and noisy: compare within a round). ``--compare
BATCH_PY`` runs another version of ``runapi/batch.py`` too (an earlier one, to measure a change);
``--profile`` adds a cProfile of one batch run (top functions by own time); ``--startup`` measures
the CPU of a ``runapi batch`` process on an empty jobs file against ``import runapi`` and
``import runapi.batch`` alone (the process start-up the batch adds).

Usage::

    .venv/bin/python scripts/bench_batch_bookkeeping.py                 # 2,000 jobs, 5 rounds
    git show HEAD:runapi/batch.py > /tmp/batch_head.py
    .venv/bin/python scripts/bench_batch_bookkeeping.py --compare /tmp/batch_head.py --profile --startup
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import importlib.util
import io
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import runapi
from runapi import batch
from runapi._core.transport import Request, Response

URL = "http://fake.invalid"
HEADERS = {"content-type": "application/json"}


class InstantTransport:
    """Answers creates and polls of Nano Banana at once, from memory (the transport's ``send`` interface)."""

    def __init__(self) -> None:
        self.created = 0

    async def send(self, request: Request) -> Response:
        if request.method == "POST":
            self.created += 1
            body = f'{{"id": "t{self.created}", "status": "processing"}}'
            return Response(202, HEADERS, body.encode())
        task_id = request.url.rsplit("/", 1)[1]
        body = (
            f'{{"id": "{task_id}", "status": "completed", "model": "nano-banana", "images": '
            f'[{{"url": "{URL}/files/{task_id}/0.png"}}], "usage": {{"cost": 0.04, "generated_images": 1}}}}'
        )
        return Response(200, HEADERS, body.encode())

    async def aclose(self) -> None:
        return None


async def _yield(seconds: float) -> None:
    await asyncio.sleep(0)


def _client() -> runapi.AsyncClient:
    client = runapi.AsyncClient("bench-key", base_url=URL, poll_interval=0.05, sleep=_yield)
    client._transport = InstantTransport()  # type: ignore[assignment]  # the same send/aclose interface
    return client


def _jobs(n: int) -> list[dict[str, object]]:
    return [
        {
            "operation": "nano_banana.text_to_image",
            "params": {"model": "nano-banana", "prompt": f"cat {i}"},
            "key": f"j{i}",
        }
        for i in range(n)
    ]


async def _gather(jobs: list[dict[str, object]]) -> None:
    gate = asyncio.Semaphore(64)
    async with _client() as client:

        async def one(job: dict[str, object]) -> runapi.nano_banana.ImageTask:
            async with gate:
                return await client.nano_banana.text_to_image.run(**job["params"])  # type: ignore[arg-type]

        done = await asyncio.gather(*(one(job) for job in jobs))
    assert all(task.is_completed for task in done)


async def _batch(jobs: list[dict[str, object]], folder: Path, module: Any = batch) -> None:
    """As ``runapi batch JOBS --journal J --out O --no-progress`` does: read the jobs, run them, write each result."""
    job_list = [module.Job.from_dict(job) for job in jobs]
    with open(folder / "out.jsonl", "w", encoding="utf-8") as target:

        def write(result: Any) -> None:  # the CLI's writer (runapi.cli.batch_command)
            line = result._json() if hasattr(result, "_json") else json.dumps(result.to_dict(), ensure_ascii=False)
            target.write(line + "\n")
            target.flush()

        async with _client() as client:
            results = await module.run_async(
                job_list, client=client, journal=folder / "j.db", concurrency=64, on_result=write
            )
    assert all(result.status == "completed" for result in results), module.summary(results)


def _other_batch(path: str) -> Any:
    """Another version of ``runapi/batch.py`` (``git show HEAD:runapi/batch.py > /tmp/batch_head.py``), loaded
    as ``runapi._batch_compared`` (its relative imports resolve in this runapi) to run beside the current one."""
    spec = importlib.util.spec_from_file_location("runapi._batch_compared", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _cpu(run: Coroutine[Any, Any, None]) -> float:
    started = time.process_time()
    asyncio.run(run)
    return time.process_time() - started


def _startup() -> None:
    """CPU (user + system) of a ``runapi batch`` process on an empty jobs file, against bare imports."""
    folder = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    (folder / "empty.jsonl").write_text("")
    env = {**os.environ, "RUNAPI_API_KEY": "bench-key", "RUNAPI_BASE_URL": URL}
    cli = str(Path(sys.executable).with_name("runapi"))
    runs = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "import runapi": [sys.executable, "-c", "import runapi"],
        "import runapi.batch + AsyncClient": [sys.executable, "-c", "import runapi.batch, runapi; runapi.AsyncClient"],
        "runapi batch empty.jsonl --no-progress": [cli, "batch", str(folder / "empty.jsonl"), "--no-progress"],
    }
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(5):
        for name, argv in runs.items():
            process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(process.pid, 0)
            assert status == 0 or name.startswith("runapi batch"), f"{name} exited with {status}"
            cpu[name].append(usage.ru_utime + usage.ru_stime)
    print("\n## Process start-up: CPU ms (user + system), median of 5\n")
    print("| process | CPU ms |")
    print("|---|---|")
    for name, values in cpu.items():
        print(f"| `{name}` | {1000 * statistics.median(values):.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=5, help="rounds, each running the gather then the batch")
    parser.add_argument(
        "--compare", metavar="BATCH_PY", help="another runapi/batch.py (e.g. git show HEAD:runapi/batch.py) run too"
    )
    parser.add_argument("--profile", action="store_true", help="also cProfile one batch run")
    parser.add_argument("--startup", action="store_true", help="also measure the batch command's start-up")
    args = parser.parse_args()
    jobs = _jobs(args.jobs)
    runs: dict[str, Callable[[list[dict[str, object]]], Coroutine[Any, Any, None]]] = {
        "gather": _gather,
        "batch": lambda some: _batch(some, Path(tempfile.mkdtemp(prefix="bench-bookkeeping-"))),
    }
    if args.compare:
        other = _other_batch(args.compare)
        runs["compared"] = lambda some: _batch(some, Path(tempfile.mkdtemp(prefix="bench-bookkeeping-")), other)
    for run in runs.values():
        _cpu(run(jobs[:200]))  # warm up: imports, the family's first use
    rounds = [{name: _cpu(run(jobs)) for name, run in runs.items()} for _ in range(args.repeat)]
    n = args.jobs
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"# runapi.batch bookkeeping: {n:,} jobs, concurrency 64, in-process instant transport; load {load}\n")
    print("CPU ms per job; batch - gather is the batch's own cost (compare it with a real gather's CPU per job)\n")
    booked = [name for name in runs if name != "gather"]
    print("| round | gather | " + " | ".join(f"{name} | {name} - gather" for name in booked) + " |")
    print("|---|---|" + "---|---|" * len(booked))

    def row(label: str, values: dict[str, float]) -> str:
        cells = [
            f"{1000 * values[name] / n:.3f} | {1000 * (values[name] - values['gather']) / n:.3f}" for name in booked
        ]
        return f"| {label} | {1000 * values['gather'] / n:.3f} | " + " | ".join(cells) + " |"

    for i, values in enumerate(rounds, 1):
        print(row(str(i), values))
    print(row("median", {name: statistics.median(r[name] for r in rounds) for name in runs}))
    if args.compare:
        ratios = [(r["batch"] - r["gather"]) / (r["compared"] - r["gather"]) for r in rounds]
        print(
            f"\nbatch's own cost / compared's, per round: median {statistics.median(ratios):.2f} "
            f"({min(ratios):.2f}-{max(ratios):.2f})"
        )
    if args.profile:
        profile = cProfile.Profile()
        folder = Path(tempfile.mkdtemp(prefix="bench-bookkeeping-"))
        profile.enable()
        asyncio.run(_batch(jobs, folder))
        profile.disable()
        text = io.StringIO()
        pstats.Stats(profile, stream=text).sort_stats("tottime").print_stats(30)
        print("\n## cProfile of one batch run (by own time)\n")
        print("```\n" + text.getvalue().strip() + "\n```")
    if args.startup:
        _startup()


if __name__ == "__main__":
    main()
