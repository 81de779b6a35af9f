"""``runapi batch`` on the emulator: the three outcomes that need you (failed, refused, unknown), ``--forget``,
``--retry-failed`` and the summary. The batch's client sleeps on nothing: polls and backoffs pass at once."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import runapi
from runapi.cli import main
from runapi.emulator import Emulator

KEY = "emu-batch-cli-key-7"
LYRICS = "/api/v1/suno/generate_lyrics"


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(api_key=KEY, complete_after_polls=1) as e:
        yield e


@pytest.fixture
def cli(emu: Emulator, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    monkeypatch.setenv("RUNAPI_API_KEY", KEY)
    monkeypatch.setenv("RUNAPI_BASE_URL", emu.url)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))

    async def no_wait(seconds: float) -> None:
        await asyncio.sleep(0)

    real = runapi.AsyncClient

    def instant(*args: Any, **kwargs: Any) -> runapi.AsyncClient:
        return real(*args, sleep=no_wait, **kwargs)

    monkeypatch.setattr(runapi, "AsyncClient", instant)
    runner = CliRunner()

    def invoke(*args: str) -> Any:
        result = runner.invoke(main, [*args, "--no-progress"], catch_exceptions=False)
        assert KEY not in result.output and KEY not in (result.stderr or "")
        return result

    return invoke


def write_jobs(path: Path, prompts: dict[str, str]) -> Path:
    lines = [{"operation": "suno.generate_lyrics", "params": {"prompt": p}, "key": k} for k, p in prompts.items()]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return path


def statuses(result: Any) -> dict[str, str]:
    return {record["key"]: record["status"] for record in map(json.loads, result.stdout.splitlines())}


def test_the_summary_names_each_outcome_and_what_to_do(cli: Any, emu: Emulator, tmp_path: Path) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", {"ok": "the sea", "bad": "", "doomed": "emulator:fail"})
    result = cli("batch", str(jobs), "--journal", str(tmp_path / "j.db"))
    assert result.exit_code == 1
    assert statuses(result) == {"ok": "completed", "bad": "refused", "doomed": "failed"}
    summary = result.stderr.splitlines()
    assert summary[0] == "3 jobs: completed 1, failed 1, refused 1, unknown 0, unfinished 0"
    assert any(line.startswith("  refused 'bad'") and "run the batch again" in line for line in summary)
    assert any(line.startswith("  failed 'doomed'") and "--retry-failed" in line for line in summary)


def test_fixed_params_and_retry_failed_finish_the_batch(cli: Any, emu: Emulator, tmp_path: Path) -> None:
    journal = str(tmp_path / "j.db")
    first = write_jobs(tmp_path / "a.jsonl", {"ok": "the sea", "bad": "", "doomed": "emulator:fail"})
    cli("batch", str(first), "--journal", journal)
    fixed = write_jobs(tmp_path / "b.jsonl", {"ok": "the sea", "bad": "the hills", "doomed": "emulator:fail"})
    kept = cli("batch", str(fixed), "--journal", journal)
    assert statuses(kept) == {"ok": "completed", "bad": "completed", "doomed": "failed"}  # failed is final
    fixed = write_jobs(tmp_path / "c.jsonl", {"ok": "the sea", "bad": "the hills", "doomed": "the sky"})
    refused = cli("batch", str(fixed), "--journal", journal)  # another input for a key with a task: asked, not guessed
    assert refused.exit_code == 2 and "--retry-failed" in refused.stderr
    retried = cli("batch", str(fixed), "--journal", journal, "--retry-failed")
    assert retried.exit_code == 0 and set(statuses(retried).values()) == {"completed"}
    assert sorted(t["params"]["prompt"] for t in emu.tasks()) == ["emulator:fail", "the hills", "the sea", "the sky"]


def test_forget_lets_an_unknown_job_be_created_anew(cli: Any, emu: Emulator, tmp_path: Path) -> None:
    journal = str(tmp_path / "j.db")
    jobs = write_jobs(tmp_path / "jobs.jsonl", {"lost": "the sea"})
    emu.inject("drop", method="POST", path=LYRICS, after_handling=True)  # made, but the answer is lost
    unknown = cli("batch", str(jobs), "--journal", journal, "--no-idempotent-creates")
    assert statuses(unknown) == {"lost": "unknown"} and "--forget" in unknown.stderr
    again = cli("batch", str(jobs), "--journal", journal, "--no-idempotent-creates")  # not sent again
    assert statuses(again) == {"lost": "unknown"} and len(emu.tasks()) == 1
    resumed = cli("batch", str(jobs), "--journal", journal)  # the default re-sends it by its key
    assert statuses(resumed) == {"lost": "completed"} and len(emu.tasks()) == 1  # the same task, by its key
    forgotten = cli("batch", str(jobs), "--journal", journal, "--forget", "lost", "--forget", "nobody")
    assert "forgot 'lost'" in forgotten.stderr and "'nobody' was not in the journal" in forgotten.stderr
    assert statuses(forgotten) == {"lost": "completed"} and len(emu.tasks()) == 2  # created anew, as asked


def test_an_unknown_create_is_resumed_by_its_key_by_default(cli: Any, emu: Emulator, tmp_path: Path) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", {"lost": "the sea"})
    emu.inject("drop", method="POST", path=LYRICS, after_handling=True)  # made, but the answer is lost
    done = cli("batch", str(jobs), "--journal", str(tmp_path / "j.db"))
    assert done.exit_code == 0 and statuses(done) == {"lost": "completed"} and len(emu.tasks()) == 1
    old_flag = cli("batch", str(jobs), "--journal", str(tmp_path / "k.db"), "--idempotent-creates")  # still taken
    assert old_flag.exit_code == 0 and statuses(old_flag) == {"lost": "completed"} and len(emu.tasks()) == 2


def test_forget_needs_a_journal(cli: Any, tmp_path: Path) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", {"a": "x"})
    result = cli("batch", str(jobs), "--forget", "a")
    assert result.exit_code == 2 and "--forget needs --journal" in result.stderr


def test_a_503_burst_is_ridden_out_within_the_run(cli: Any, emu: Emulator, tmp_path: Path) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", {f"j{i}": f"song {i}" for i in range(4)})
    emu.inject("unavailable", method="POST", path=LYRICS, times=5)
    result = cli("batch", str(jobs), "--concurrency", "2")
    assert result.exit_code == 0 and set(statuses(result).values()) == {"completed"}
    assert len(emu.tasks()) == 4
