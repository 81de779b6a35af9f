"""The ``runapi`` command line on the emulator: through click's ``CliRunner`` for each command, and once as the
installed console script in a subprocess. The key never appears in any output."""

from __future__ import annotations

import asyncio
import base64
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from runapi import webhooks
from runapi.cli import main
from runapi.emulator import Emulator

KEY = "emu-cli-key-4411"
SECRET = base64.b64encode(b"cli-callback-secret-0123456789ab").decode()


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(api_key=KEY, complete_after_polls=1, callback_secret=SECRET) as e:
        yield e


@pytest.fixture
def cli(emu: Emulator, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    monkeypatch.setenv("RUNAPI_API_KEY", KEY)
    monkeypatch.setenv("RUNAPI_BASE_URL", emu.url)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no config file of the machine's
    import runapi
    import runapi.cli

    def client(self: runapi.cli.Settings) -> runapi.Client:  # polls without sleeping for real
        return runapi.Client(**self.client_options(), sleep=lambda seconds: None)

    monkeypatch.setattr(runapi.cli.Settings, "client", client)

    async def no_wait(seconds: float) -> None:  # the batch's AsyncClient polls without sleeping for real
        await asyncio.sleep(0)

    real_async_client = runapi.AsyncClient
    monkeypatch.setattr(runapi, "AsyncClient", lambda *a, **k: real_async_client(*a, sleep=no_wait, **k))
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None) -> Any:
        result = runner.invoke(main, list(args), input=input, catch_exceptions=False)
        assert KEY not in result.output and KEY not in (result.stderr or "")
        return result

    return invoke


def test_run_waits_and_prints_the_task_as_json(cli: Any) -> None:
    result = cli("run", "suno.generate_lyrics", "--prompt", "A song about the sea", "--json")
    assert result.exit_code == 0, result.output
    task = json.loads(result.stdout)
    assert task["status"] == "completed" and task["lyrics"]


def test_run_takes_enums_numbers_lists_and_downloads(cli: Any, tmp_path: Path) -> None:
    result = cli(
        "run", "nano_banana.edit_image", "--model", "nano-banana-edit", "--prompt", "Add a hat",
        "--source_image_urls", "https://example.com/a.png", "--source_image_urls", "https://example.com/b.png",
        "--download", str(tmp_path / "out"),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("task ") and "completed" in result.stdout
    assert len(list((tmp_path / "out").iterdir())) >= 1


def test_no_wait_returns_the_task_at_once_and_get_and_wait_find_it(cli: Any) -> None:
    created = json.loads(cli("run", "suno.generate_lyrics", "--prompt", "x", "--no-wait", "--json").stdout)
    assert created["status"] == "processing"
    fetched = json.loads(cli("get", "suno.generate_lyrics", created["id"], "--json").stdout)
    assert fetched["id"] == created["id"]
    done = json.loads(cli("wait", "suno.generate_lyrics", created["id"], "--json").stdout)
    assert done["status"] == "completed"


def test_a_direct_operation_prints_its_answer(cli: Any) -> None:
    result = cli("run", "suno.boost_style", "--description", "Pop, Mysterious", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)


def test_a_refused_parameter_is_one_line_and_exit_code_2(cli: Any) -> None:
    result = cli("run", "suno.text_to_music", "--vocal_mode", "exact_lyrics", "--model", "suno-v5")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ") and "lyrics" in result.stderr
    bad_choice = cli("run", "suno.text_to_music", "--vocal_mode", "sometimes", "--model", "suno-v5")
    assert bad_choice.exit_code == 2 and "sometimes" in bad_choice.stderr


def test_every_operation_is_listed_with_its_parameters(cli: Any) -> None:
    from runapi.cli import _operations

    listing = cli("run", "--help").stdout
    assert all(name in listing for name in _operations())
    assert len(_operations()) > 80  # every create; their get/wait are the same names
    detail = cli("run", "veo_3_1.text_to_video", "--help").stdout
    assert "--model [veo-3.1-fast|veo-3.1|" in detail.replace("\n", " ") or "--model" in detail
    assert "--prompt" in detail and "[required]" in detail


def test_balance(cli: Any) -> None:
    result = cli("balance", "--json")
    assert json.loads(result.stdout)["balance_cents"] > 0
    assert "USD" in cli("balance").stdout


def test_a_wrong_key_is_exit_code_1_and_never_shown(cli: Any) -> None:
    result = cli("--api-key", "wrong-key-9", "balance")
    assert result.exit_code == 1 and "401" in result.stderr and "wrong-key-9" not in result.output + result.stderr


def test_the_key_can_come_from_the_config_file(cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import runapi.cli

    monkeypatch.delenv("RUNAPI_API_KEY")
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"api_key": KEY}))
    monkeypatch.setattr(runapi.cli, "CONFIG_PATH", config)
    assert cli("balance", "--json").exit_code == 0


def test_batch_runs_a_jsonl_file_and_resumes_from_its_journal(cli: Any, emu: Emulator, tmp_path: Path) -> None:
    jobs = tmp_path / "jobs.jsonl"
    lines = [{"operation": "suno.generate_lyrics", "params": {"prompt": f"song {i}"}, "key": f"j{i}"} for i in range(5)]
    jobs.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    journal, out = tmp_path / "jobs.db", tmp_path / "results.jsonl"
    before = len(emu.tasks())
    first = cli("batch", str(jobs), "--journal", str(journal), "--out", str(out), "--no-progress", "--concurrency", "3")
    assert first.exit_code == 0, first.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(r["key"] for r in records) == [f"j{i}" for i in range(5)]
    assert {r["status"] for r in records} == {"completed"} and "completed 5" in first.stderr
    again = cli("batch", str(jobs), "--journal", str(journal), "--no-progress")
    assert again.exit_code == 0
    assert all(json.loads(line)["from_journal"] for line in again.stdout.splitlines())
    assert len(emu.tasks()) == before + 5


def test_batch_refuses_a_line_that_is_no_json_object(cli: Any, tmp_path: Path) -> None:
    jobs = tmp_path / "jobs.jsonl"
    jobs.write_text('{"operation": "suno.generate_lyrics", "params": {"prompt": "x"}}\nnot json\n')
    result = cli("batch", str(jobs), "--no-progress")
    assert result.exit_code == 2 and "jobs.jsonl:2" in result.stderr


def test_verify_checks_a_captured_request(cli: Any) -> None:
    body = b'{"id": "t1", "status": "completed"}'
    headers = webhooks.sign(body, SECRET)
    request = b"POST /callbacks HTTP/1.1\r\n" + b"".join(f"{k}: {v}\r\n".encode() for k, v in headers.items())
    request += b"Content-Type: application/json\r\n\r\n" + body
    good = cli("verify", "--secret", SECRET, input=request)
    assert good.exit_code == 0 and json.loads(good.stdout) == {"id": "t1", "status": "completed"}
    forged = cli("verify", "--secret", SECRET, input=request.replace(b"completed", b"failed"))
    assert forged.exit_code == 1 and "no_matching_signature" in forged.stderr and SECRET not in forged.stderr


def test_the_console_script_is_installed() -> None:
    found = subprocess.run(
        [str(Path(sys.executable).with_name("runapi")), "run", "suno.generate_lyrics", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert found.returncode == 0 and "--prompt" in found.stdout


def test_listen_forwards_callbacks_of_tasks_without_a_callback_url(tmp_path: Path) -> None:
    """``Emulator(forward_to=...)`` (``runapi emulator --forward-to``): tasks without callback_url call it, signed."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    got: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers["Content-Length"]))
            got.append(webhooks.verify(raw, dict(self.headers.items()), SECRET))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{receiver.server_address[1]}/hook"
        with Emulator(api_key=KEY, callback_secret=SECRET, complete_after_polls=1, forward_to=url) as emu:
            import runapi

            with runapi.Client(KEY, base_url=emu.url, sleep=lambda s: None) as client:
                task = client.suno.generate_lyrics.run(prompt="forwarded")
            emu.wait_for_callback(task.id)
    finally:
        receiver.shutdown()
        receiver.server_close()
    assert got and got[0]["id"] == task.id


def test_the_emulator_command_starts_an_emulator_that_forwards() -> None:
    """The emulator's direct forwarding moved from ``runapi listen`` (now a listen session) to ``runapi emulator``."""
    process = subprocess.Popen(
        [sys.executable, "-m", "runapi.cli", "emulator", "--forward-to", "http://127.0.0.1:9/hook", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(3)]
    finally:
        process.terminate()
        process.communicate(timeout=10)
    assert lines[0].startswith("RunAPI emulator listening on http://127.0.0.1:")
    assert "Forwarding callbacks" in "".join(lines) and "http://127.0.0.1:9/hook" in "".join(lines)


def test_a_batch_killed_halfway_resumes_with_one_task_per_job(emu: Emulator, tmp_path: Path) -> None:
    """SIGKILL, not an exception: the journal is all that survives."""
    import os
    import signal

    jobs, journal, out = tmp_path / "jobs.jsonl", tmp_path / "jobs.db", tmp_path / "first.jsonl"
    n = 60
    jobs.write_text(
        "".join(
            json.dumps({"operation": "suno.generate_lyrics", "params": {"prompt": f"k{i}"}}) + "\n" for i in range(n)
        )
    )
    env = {**os.environ, "RUNAPI_API_KEY": KEY, "RUNAPI_BASE_URL": emu.url}
    command = [str(Path(sys.executable).with_name("runapi")), "batch", str(jobs), "--journal", str(journal)]
    command += ["--concurrency", "8", "--no-progress", "--poll-interval", "0.01"]
    before = len(emu.tasks())
    victim = subprocess.Popen(
        [*command, "--out", str(out)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while victim.poll() is None and (not out.exists() or out.read_text().count("\n") < n // 3):
            pass  # busy-wait on the child's progress (no timing is checked)
        victim.send_signal(signal.SIGKILL)
    finally:
        victim.wait(30)
    resumed = subprocess.run(
        [*command, "--idempotent-creates", "--out", str(tmp_path / "second.jsonl")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resumed.returncode == 0, resumed.stderr
    records = [json.loads(line) for line in (tmp_path / "second.jsonl").read_text().splitlines()]
    assert len(records) == n and {r["status"] for r in records} == {"completed"}
    assert len(emu.tasks()) - before == n


def test_the_emulator_command_is_the_emulators_own_command_line(cli: Any) -> None:
    result = CliRunner().invoke(main, ["emulator", "--help"])
    assert result.exit_code == 0 and "--complete-after-polls" in result.output and "--forward-to" in result.output
