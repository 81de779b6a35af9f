"""``runapi price`` (quotes and schedules), the cost line of ``runapi get``, ``runapi batch --max-cost`` and the
balance's parts, on the emulator (whose prices are its per-create costs)."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import runapi
from runapi.cli import main
from runapi.emulator import Emulator

KEY = "emu-price-cli-key-3"


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
    monkeypatch.setattr(runapi, "AsyncClient", lambda *a, **k: real(*a, sleep=no_wait, **k))
    runner = CliRunner()

    def invoke(*args: str) -> Any:
        result = runner.invoke(main, list(args), catch_exceptions=False)
        assert KEY not in result.output and KEY not in (result.stderr or "")
        return result

    return invoke


def quotes_sent(emu: Emulator) -> list[dict[str, Any]]:
    return [r["json"] for r in emu.requests() if r["path"] == "/api/v1/price_quotes"]


def test_price_quotes_an_operation_with_the_run_commands_options(cli: Any, emu: Emulator) -> None:
    result = cli("price", "kling.text_to_video", "--model", "kling-3.0", "--prompt", "a cat", "--aspect_ratio", "16:9")
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"kling/text_to_video kling-3\.0: 0\.30 USD \(30 cents, exact, as of \S+\)\n", result.stdout), (
        result.stdout
    )
    assert quotes_sent(emu) == [
        {
            "service": "kling",
            "action": "text_to_video",
            "model": "kling-3.0",
            "params": {"prompt": "a cat", "aspect_ratio": "16:9"},
        }
    ]
    assert emu.tasks() == []  # a quote makes no task
    as_json = cli("price", "suno.generate_lyrics", "--prompt", "x", "--json")
    assert json.loads(as_json.stdout)["reservation_amount_cents"] == 1


def test_price_refuses_bad_options_as_run_does_before_any_request(cli: Any, emu: Emulator) -> None:
    result = cli("price", "kling.text_to_video", "--model", "kling-3.0", "--prompt", "a cat")
    assert result.exit_code == 2 and "aspect_ratio" in result.stderr
    assert quotes_sent(emu) == []
    unknown = cli("price", "kling.text_to_video", "--colour", "red")
    assert unknown.exit_code == 2 and "--colour" in unknown.output


def test_price_help_lists_the_operations_parameters(cli: Any) -> None:
    result = cli("price", "kling.text_to_video", "--help")
    assert result.exit_code == 0 and "--aspect_ratio" in result.stdout and "--wait" not in result.stdout


def test_price_schedules_lists_prices_in_usd_and_filters(cli: Any, emu: Emulator) -> None:
    result = cli("price", "--schedules", "--service", "suno", "--action", "generate_lyrics")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"price schedules as of \S+: 1", lines[0])
    assert lines[1:] == ["suno/generate_lyrics: 0.01 USD per request (available)"]
    every = cli("price", "--schedules", "--json")
    listed = json.loads(every.stdout)["price_schedules"]
    assert {(s["service"], s["action"]) for s in listed} >= {("kling", "text_to_video"), ("suno", "boost_style")}


def test_get_prints_the_cost_of_a_completed_task(cli: Any, emu: Emulator) -> None:
    with runapi.Client(api_key=KEY, base_url=emu.url) as client:
        task = client.suno.generate_lyrics.create(prompt="the sea")
    result = cli("get", "suno.generate_lyrics", task.id)
    assert result.stdout == f"task {task.id}: completed\ncost: 0.01 USD\n"


def write_jobs(path: Path, n: int) -> str:
    lines = [{"operation": "suno.generate_lyrics", "params": {"prompt": f"p{i}"}, "key": f"k{i}"} for i in range(n)]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return str(path)


def test_batch_max_cost_refuses_to_start_above_the_budget_and_totals_the_cost_within(
    cli: Any, emu: Emulator, tmp_path: Path
) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", 3)  # 1 cent each
    over = cli("batch", jobs, "--max-cost", "0.02", "--no-progress")
    assert over.exit_code == 2 and "max_cost" in over.stderr and "0.03 USD" in over.stderr
    assert emu.tasks() == []
    within = cli("batch", jobs, "--max-cost", "0.03", "--no-progress")
    assert within.exit_code == 0, within.output
    assert within.stderr.splitlines()[1] == "settled cost: 0.03 USD (3 tasks)"
    assert [json.loads(line)["cost"] for line in within.stdout.splitlines()] == [0.01, 0.01, 0.01]


def test_balance_shows_its_paid_and_bonus_parts(cli: Any) -> None:
    text = cli("balance")
    assert "(paid 10000 cents, bonus 0 cents)" in text.stdout
    as_json = json.loads(cli("balance", "--json").stdout)
    assert (as_json["paid_balance_cents"], as_json["bonus_balance_cents"]) == (10000, 0)
