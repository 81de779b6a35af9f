"""``runapi.contrib.celery`` with real ``celery worker`` processes on a real redis-server, against the emulator.

Every worker is a ``celery -A tests.contrib.celery_app worker --pool solo`` subprocess started (and, in the
kill test, SIGKILLed) by the test; nothing runs in eager mode. What a user checks: each job's task is
created once on the emulator (its prompt is unique), every job ends completed, every output is stored
once, creates keep to the global rate, a 429 pauses every worker, and a run again keeps everything.
"""

from __future__ import annotations

import collections
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from click.testing import CliRunner

from runapi import batch
from runapi.contrib.celery import make_app, run_batch
from runapi.contrib.redis import RedisJournal
from runapi.emulator import Emulator
from tests.contrib.celery_app import OPTIONS

ROOT = Path(__file__).resolve().parents[2]
KEY = "celery-test-key"
CREATE = "/api/v1/nano_banana/text_to_image"


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(api_key=KEY, complete_after_polls=1) as running:
        yield running


@pytest.fixture
def app(redis_url: str) -> object:
    return make_app(redis_url, **OPTIONS)  # the workers' app (same task, same settings), to send from here


Workers = Callable[[int], list[subprocess.Popen[bytes]]]


@pytest.fixture
def workers(redis_url: str, emu: Emulator, tmp_path: Path) -> Iterator[Workers]:
    started: list[subprocess.Popen[bytes]] = []
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "RUNAPI_TEST_CELERY_BROKER": redis_url,
        "RUNAPI_API_KEY": KEY,
        "RUNAPI_BASE_URL": emu.url,
    }

    def start(count: int) -> list[subprocess.Popen[bytes]]:
        new = []
        for _ in range(count):
            number = len(started)
            log = open(tmp_path / f"worker-{number}.log", "wb")  # noqa: SIM115
            args = [sys.executable, "-m", "celery", "-A", "tests.contrib.celery_app", "worker", "--pool", "solo"]
            args += ["--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel", "WARNING"]
            args += ["-n", f"w{number}@test"]
            process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
            log.close()
            started.append(process)
            new.append(process)
        return new

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def jobs(count: int, prefix: str = "cat") -> list[batch.Job]:
    return [
        batch.Job("nano_banana.text_to_image", {"model": "nano-banana", "prompt": f"{prefix} {i}"}, f"j{i}")
        for i in range(count)
    ]


def tasks_per_prompt(emu: Emulator) -> collections.Counter[str]:
    return collections.Counter(task["params"]["prompt"] for task in emu.tasks())


def create_times(emu: Emulator) -> list[float]:
    return sorted(r["time"] for r in emu.requests() if r["method"] == "POST" and r["path"] == CREATE)


def test_jobs_run_on_workers_once_and_a_second_run_keeps_them(
    app: object, workers: Workers, emu: Emulator, redis_url: str, tmp_path: Path
) -> None:
    workers(2)
    journal = RedisJournal(redis.Redis.from_url(redis_url), "cats")
    out = tmp_path / "out"
    seen: list[str] = []
    results = run_batch(
        app, jobs(12), journal=journal, download=out, timeout=60, on_result=lambda r: seen.append(r.key)
    )
    assert [r.status for r in results] == ["completed"] * 12, batch.summary(results)
    assert sorted(seen) == sorted(f"j{i}" for i in range(12))
    assert set(tasks_per_prompt(emu).values()) == {1} and len(emu.tasks()) == 12
    assert all(r.task_id and r.task is not None and r.task.id == r.task_id for r in results)
    files = sorted(p.name for p in out.iterdir())
    assert files == sorted(p.name for r in results for p in r.files) and len(files) == 12
    assert [row["state"] for row in journal.rows()] == ["completed"] * 12

    again = run_batch(app, jobs(12), journal=journal, download=out, timeout=30)
    assert all(r.status == "completed" and r.from_journal for r in again)
    assert len(emu.tasks()) == 12


def test_creates_keep_to_the_global_rate_across_workers(
    app: object, workers: Workers, emu: Emulator, redis_url: str
) -> None:
    workers(3)
    rate = 8.0
    results = run_batch(
        app, jobs(24), journal=RedisJournal(redis.Redis.from_url(redis_url), "r"), rate=rate, timeout=60
    )
    assert [r.status for r in results] == ["completed"] * 24
    times = create_times(emu)
    assert len(times) == 24
    busiest = max(sum(1 for t in times if start <= t < start + 1.0) for start in times)
    assert busiest <= rate + 1  # one slot every 1/rate s, whichever worker creates
    assert times[-1] - times[0] >= (24 - 1) / rate * 0.9


def test_a_429_pauses_every_worker(app: object, workers: Workers, emu: Emulator, redis_url: str) -> None:
    workers(2)
    emu.inject("rate_limit", times=1, method="POST", path=CREATE, retry_after=1.5)
    results = run_batch(app, jobs(15), journal=RedisJournal(redis.Redis.from_url(redis_url), "p"), rate=20, timeout=60)
    assert [r.status for r in results] == ["completed"] * 15
    limited = [r["time"] for r in emu.requests() if r["fault"] == "rate_limit"]
    assert len(limited) == 1
    during = [t for t in create_times(emu) if limited[0] + 0.2 < t < limited[0] + 1.4]
    assert during == []  # every worker held its creates for the Retry-After
    assert set(tasks_per_prompt(emu).values()) == {1}


def test_a_step_the_broker_lost_is_sent_again(app: object, workers: Workers, emu: Emulator, redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    done: list[list[batch.JobResult]] = []

    def follow() -> None:
        journal = RedisJournal(client, "lost")
        done.append(run_batch(app, jobs(3, "lost"), journal=journal, timeout=60, stall_after=1.0))

    coordinator = threading.Thread(target=follow)
    coordinator.start()
    deadline = time.monotonic() + 30
    while client.llen("celery") < 3 and time.monotonic() < deadline:  # the three first steps, queued (no worker yet)
        time.sleep(0.01)
    assert client.rpop("celery") is not None  # one is lost, as when the worker taking it dies at that instant
    workers(1)
    coordinator.join(90)
    [results] = done
    assert [r.status for r in results] == ["completed"] * 3  # the lost step was sent again
    assert sorted(tasks_per_prompt(emu).values()) == [1, 1, 1]  # and nothing was made twice


def test_a_part_file_a_killed_worker_left_is_removed_when_the_run_ends(
    app: object, workers: Workers, emu: Emulator, redis_url: str, tmp_path: Path
) -> None:
    workers(1)
    out = tmp_path / "out"
    left = out / ".runapi-killed-mid-download.part"

    def killed_mid_download(result: batch.JobResult) -> None:  # as a worker SIGKILLed while it streamed a file
        left.write_bytes(b"half an image")

    journal = RedisJournal(redis.Redis.from_url(redis_url), "parts")
    results = run_batch(app, jobs(3, "part"), journal=journal, download=out, timeout=60, on_result=killed_mid_download)
    assert [r.status for r in results] == ["completed"] * 3
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for r in results for p in r.files)


def test_killed_workers_lose_no_job_and_pay_once(
    app: object, workers: Workers, emu: Emulator, redis_url: str, tmp_path: Path
) -> None:
    count = int(os.environ.get("RUNAPI_TEST_CELERY_JOBS", "500"))
    for seed, kind in enumerate(("unavailable", "server_error", "drop")):
        emu.inject(kind, rate=0.02, seed=seed)
    emu.inject("server_error", rate=0.02, seed=7, after_handling=True)
    emu.inject("drop", rate=0.02, seed=8, after_handling=True)  # the create happened, its answer is lost
    first = workers(4)
    out = tmp_path / "out"
    journal = RedisJournal(redis.Redis.from_url(redis_url), "kill")
    killed: list[int] = []

    def kill_two(result: batch.JobResult) -> None:
        if not killed and len(emu.tasks()) >= count // 3:
            for process in first[:2]:
                process.send_signal(signal.SIGKILL)
                killed.append(process.pid)
            workers(2)

    started = time.monotonic()
    results = run_batch(app, jobs(count), journal=journal, download=out, timeout=120, on_result=kill_two)
    elapsed = time.monotonic() - started
    assert len(killed) == 2, "the workers were not killed mid-run"
    statuses = collections.Counter(r.status for r in results)
    assert statuses == {"completed": count}, batch.summary(results)
    per_prompt = tasks_per_prompt(emu)
    assert len(per_prompt) == count and max(per_prompt.values()) == 1  # 0 duplicate tasks, 0 lost jobs
    names = [p.name for p in out.iterdir()]
    assert len(names) == count and sorted(names) == sorted(p.name for r in results for p in r.files)
    assert not [n for n in names if n.startswith(".runapi-")]
    faults = sum(1 for r in emu.requests() if r["fault"])
    assert faults > 0
    print(f"{count} jobs, 4 workers (2 SIGKILLed, 2 started), {faults} faults: {elapsed:.1f} s")


def test_runapi_batch_workers_celery(
    workers: Workers, emu: Emulator, redis_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from runapi.cli import main

    workers(2)
    lines = [json.dumps({"operation": j.operation, "params": dict(j.params), "key": j.key}) for j in jobs(5, "dog")]
    (tmp_path / "jobs.jsonl").write_text("\n".join(lines) + "\n")
    monkeypatch.setenv("RUNAPI_CELERY_BROKER_URL", redis_url)
    monkeypatch.setenv("RUNAPI_API_KEY", KEY)
    monkeypatch.setenv("RUNAPI_BASE_URL", emu.url)
    args = ["batch", str(tmp_path / "jobs.jsonl"), "--workers", "celery", "--journal", "dogs", "--no-progress"]
    first = CliRunner().invoke(main, [*args, "--download", str(tmp_path / "out")])
    assert first.exit_code == 0, first.output
    records = [json.loads(line) for line in first.stdout.splitlines()]
    assert sorted(r["key"] for r in records) == [f"j{i}" for i in range(5)]
    assert {r["status"] for r in records} == {"completed"}
    assert "5 jobs: completed 5" in first.stderr
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0, again.output
    assert all(json.loads(line)["from_journal"] for line in again.stdout.splitlines())
    assert len(emu.tasks()) == 5
