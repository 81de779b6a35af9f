"""Kill-and-resume check of ``runapi batch``: nothing paid twice, nothing lost, every file once with its bytes.

A benchmark, not a test: it runs real processes and SIGKILLs them. For each round (3 by default) and each mode
(with ``--no-idempotent-creates`` and by default, which re-sends unknown creates by their ``Idempotency-Key``):

1. a fresh emulator in its own process (``python -m runapi.emulator``), with ~10% faults on every API and file
   request: 503s (half with ``Retry-After``), 429s, 500s, connections dropped before and after the server acted;
2. 300 jobs over three families (Suno text to music: two MP3s each; Nano Banana text to image; Veo 3.1 text to
   video), one journal, one output folder;
3. ``runapi batch`` started 15 times and SIGKILLed each time at a chosen point, in turn: while a create is in flight
   (the journal holds a ``creating`` row newer than the start), while tasks wait (``created`` rows), and while a
   file downloads (a ``.runapi-*.part`` file exists); each run resumes with the same journal;
4. then run to the end: again while any job is ``refused`` or ``unfinished`` (a refusal that outlasted its resends,
   a poll that kept failing), at most 10 times.

It then checks, from the emulator's own records and the files on disk:

- **duplicate tasks**: jobs with more than one task on the emulator (each job's prompt is unique): must be 0;
- **lost jobs**: jobs whose last status is neither ``completed`` nor a reported ``unknown`` (with its key and what
  to do): must be 0; ``failed``: must be 0 (no task is made to fail);
- **outputs**: every completed job's files exist, each once, with the bytes the emulator serves for its URL, and
  the folder holds nothing else: no ``.part`` files, no file of no job.

With ``--no-idempotent-creates`` a create whose answer was lost is ``unknown`` (reported, never re-sent); the table
also counts the tasks those jobs left on the emulator (orphans, recoverable by their key). By default (RunAPI
de-duplicates creates by ``Idempotency-Key``: runapi-core 0.10.1 README) such a create is re-sent with its key and
the emulator answers the task it made: the default mode must show 0 unknown.

Usage::

    .venv/bin/python scripts/bench_batch_kill.py                 # 3 rounds x 2 modes, 300 jobs, 15 kills each
    .venv/bin/python scripts/bench_batch_kill.py --rounds 1 --jobs 60 --kills 5   # a smoke test
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import platform
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

KEY = "bench-kill-key"
FAMILIES = (
    ("suno.text_to_music", lambda i: {"vocal_mode": "auto_lyrics", "prompt": f"song {i}", "model": "suno-v5"}),
    ("nano_banana.text_to_image", lambda i: {"model": "nano-banana", "prompt": f"cat {i}"}),
    ("veo_3_1.text_to_video", lambda i: {"model": "veo-3.1-fast", "prompt": f"dog {i}"}),
)
TARGETS = ("create", "wait", "download")


def start_emulator() -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [
            sys.executable, "-m", "runapi.emulator", "--port", "0", "--api-key", KEY,
            "--complete-after-polls", "2", "--balance", "1000000000", "--redelivery-delays", "",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert process.stdout is not None
    line = process.stdout.readline()
    return process, line.rsplit(" ", 1)[-1].strip()


def inject_faults(url: str, seed: int) -> None:
    """About 10% of API and file requests fail, in every way the batch must survive."""
    faults = [
        {"kind": "unavailable", "rate": 0.02},
        {"kind": "unavailable", "rate": 0.01, "retry_after": 0.2},
        {"kind": "rate_limit", "rate": 0.01, "retry_after": 0.2},
        {"kind": "server_error", "rate": 0.02},
        {"kind": "drop", "rate": 0.02},
        {"kind": "drop", "rate": 0.02, "after_handling": True},
    ]
    for number, fault in enumerate(faults):
        answer = requests.post(f"{url}/_emulator/faults", json={**fault, "seed": seed * 100 + number}, timeout=10)
        answer.raise_for_status()


def journal_states(path: Path) -> collections.Counter[str]:
    if not path.exists():
        return collections.Counter()
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.2) as db:
            return collections.Counter(state for (state,) in db.execute("SELECT state FROM jobs"))
    except sqlite3.Error:
        return collections.Counter()


def creating_rows(path: Path) -> int:
    return journal_states(path)["creating"]


def target_reached(target: str, journal: Path, out: Path, creating_at_start: int) -> bool:
    if target == "create":
        return creating_rows(journal) > creating_at_start
    if target == "wait":
        return journal_states(journal)["created"] > 0
    return any(out.glob(".runapi-*.part"))


def batch_command(jobs: Path, journal: Path, out: Path, results: Path, idempotent: bool) -> list[str]:
    command = [
        str(Path(sys.executable).with_name("runapi")), "batch", str(jobs), "--journal", str(journal),
        "--download", str(out), "--out", str(results), "--concurrency", "16", "--poll-interval", "0.02",
        "--no-progress",
    ]  # fmt: skip
    return command if idempotent else [*command, "--no-idempotent-creates"]


def scenario(n: int, kills: int, seed: int, idempotent: bool, folder: Path) -> dict[str, Any]:
    rng = random.Random(seed)
    emulator, url = start_emulator()
    env = {**os.environ, "RUNAPI_API_KEY": KEY, "RUNAPI_BASE_URL": url}
    jobs, journal, out = folder / "jobs.jsonl", folder / "journal.db", folder / "out"
    prompts: dict[str, str] = {}
    with jobs.open("w") as stream:
        for i in range(n):
            operation, params = FAMILIES[i % len(FAMILIES)]
            key = f"job-{i:04d}"
            values = params(i)
            prompts[values["prompt"]] = key
            stream.write(json.dumps({"operation": operation, "params": values, "key": key}) + "\n")
    landed = collections.Counter[str]()
    runs = 0
    try:
        inject_faults(url, seed)
        for kill in range(kills):
            target = TARGETS[kill % len(TARGETS)]
            start_creating = creating_rows(journal)
            process = subprocess.Popen(
                batch_command(jobs, journal, out, folder / f"results-{runs}.jsonl", idempotent),
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            runs += 1
            deadline = time.monotonic() + 60
            while process.poll() is None and time.monotonic() < deadline:
                if target_reached(target, journal, out, start_creating):
                    time.sleep(rng.uniform(0, 0.01))  # a little further into it
                    break
                time.sleep(0.001)
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                landed[target] += 1
            process.wait()
        last: dict[str, dict[str, Any]] = {}
        for _ in range(10):
            results = folder / f"results-{runs}.jsonl"
            finished = subprocess.run(
                batch_command(jobs, journal, out, results, idempotent), env=env, capture_output=True, text=True
            )
            runs += 1
            last = {record["key"]: record for record in map(json.loads, results.read_text().splitlines())}
            if finished.returncode not in (0, 1):
                raise RuntimeError(f"runapi batch exited {finished.returncode}: {finished.stderr[-800:]}")
            if not any(record["status"] in ("refused", "unfinished") for record in last.values()):
                break
        requests.delete(f"{url}/_emulator/faults", timeout=10).raise_for_status()  # the checks below see no fault
        tasks = requests.get(f"{url}/_emulator/tasks", timeout=60).json()["tasks"]
        per_job = collections.Counter(prompts[task["params"]["prompt"]] for task in tasks)
        statuses = collections.Counter(record["status"] for record in last.values())
        listed: list[Path] = []
        wrong_bytes = 0
        for record in last.values():
            if record["status"] != "completed":
                continue
            urls = _output_urls(record["task"])
            files = [Path(f) for f in record["files"]]
            listed.extend(files)
            if len(files) != len(urls):
                wrong_bytes += 1
                continue
            for path, file_url in zip(files, urls, strict=True):
                if not path.is_file() or path.read_bytes() != requests.get(file_url, timeout=60).content:
                    wrong_bytes += 1
        on_disk = sorted(p.name for p in out.iterdir()) if out.exists() else []
        unknown = [key for key, record in last.items() if record["status"] == "unknown"]
        return {
            "runs": runs,
            "kills": dict(landed),
            "tasks": len(tasks),
            "duplicates": sum(1 for count in per_job.values() if count > 1),
            "lost": sum(1 for r in last.values() if r["status"] not in ("completed", "unknown")) + n - len(last),
            "failed": statuses["failed"],
            "unknown": len(unknown),
            "unknown_reported": sum(1 for key in unknown if last[key]["error"] and "forget" in last[key]["error"]),
            "orphans": sum(per_job[key] for key in unknown),
            "completed": statuses["completed"],
            "files": len(listed),
            "files_twice": len(listed) - len(set(listed)),
            "wrong_bytes": wrong_bytes,
            "stray": sorted(set(on_disk) - {p.name for p in listed}),
        }
    finally:
        emulator.send_signal(signal.SIGTERM)
        emulator.wait(30)


def _output_urls(task: dict[str, Any]) -> list[str]:
    for field, key in (("audios", "audio_url"), ("images", "url"), ("videos", "url")):
        items = task.get(field)
        if items:
            return [item[key] for item in items]
    raise ValueError(f"no outputs in {sorted(task)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=300)
    parser.add_argument("--kills", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print("# runapi batch: killed and resumed\n")
    print(f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs; emulator in its own")
    print(f"process, ~10% faults; {args.jobs} jobs over 3 families; {args.kills} SIGKILLs per scenario\n")
    print(
        "| mode | round | runs | kills (create/wait/download) | tasks | duplicate tasks | lost jobs | failed "
        "| completed | unknown (reported) | orphans | files | files twice | wrong bytes | stray files |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    bad = False
    for idempotent in (False, True):
        for round_number in range(args.rounds):
            with tempfile.TemporaryDirectory(prefix="bench-kill-") as folder:
                found = scenario(args.jobs, args.kills, 1000 + round_number, idempotent, Path(folder))
            kills = "/".join(str(found["kills"].get(target, 0)) for target in TARGETS)
            mode = "default (idempotent creates)" if idempotent else "`--no-idempotent-creates`"
            print(
                f"| {mode} | {round_number + 1} | {found['runs']} | {kills} | {found['tasks']} "
                f"| {found['duplicates']} | {found['lost']} | {found['failed']} | {found['completed']} "
                f"| {found['unknown']} ({found['unknown_reported']}) | {found['orphans']} | {found['files']} "
                f"| {found['files_twice']} | {found['wrong_bytes']} | {len(found['stray'])} |"
            )
            bad |= bool(found["duplicates"] or found["lost"] or found["failed"] or found["files_twice"])
            bad |= bool(found["wrong_bytes"] or found["stray"] or found["unknown"] != found["unknown_reported"])
            bad |= idempotent and found["unknown"] > 0
    if bad:
        print("\nFAILED: see the row above")
        sys.exit(1)


if __name__ == "__main__":
    main()
