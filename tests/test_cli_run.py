"""``runapi run`` and ``runapi wait`` on the emulator: the task id first, progress on stderr, Ctrl-C that
prints the command resuming the task (exit code 130), ``--poll-interval``, URL and local-file options, the
missing-key line, ``python -m runapi``. Polls sleep on a fake clock, except in the one real Ctrl-C process."""

from __future__ import annotations

import json
import os
import queue
import re
import shlex
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import runapi
import runapi.cli
from runapi.cli import main
from runapi.emulator import Emulator
from runapi.pytest_plugin import ManualClock

from .conftest import FakeClock

KEY = "emu-cli-run-key-5522"
POLLS = 3  # the emulator's tasks complete on their third status request


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(api_key=KEY, complete_after_polls=POLLS) as e:
        yield e


class InterruptingClock(FakeClock):
    """A fake clock whose sleep number ``at`` (from 1) raises KeyboardInterrupt: Ctrl-C while waiting."""

    def __init__(self, at: int | None = None) -> None:
        super().__init__()
        self.at = at

    def sleep(self, seconds: float) -> None:
        super().sleep(seconds)
        if self.at is not None and len(self.sleeps) == self.at:
            raise KeyboardInterrupt


@pytest.fixture
def clock() -> InterruptingClock:
    return InterruptingClock()


@pytest.fixture
def cli(emu: Emulator, clock: InterruptingClock, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    monkeypatch.setenv("RUNAPI_API_KEY", KEY)
    monkeypatch.setenv("RUNAPI_BASE_URL", emu.url)
    monkeypatch.setattr(runapi.cli, "CONFIG_PATH", tmp_path / "no-config" / "config.json")

    def client(self: runapi.cli.Settings) -> runapi.Client:  # polls sleep on the fake clock
        return runapi.Client(**self.client_options(), sleep=clock.sleep, clock=clock)

    monkeypatch.setattr(runapi.cli.Settings, "client", client)
    runner = CliRunner()

    def invoke(*args: str) -> Any:
        result = runner.invoke(main, list(args), catch_exceptions=False)
        assert KEY not in result.output and KEY not in (result.stderr or "")
        return result

    return invoke


def task_of(emu: Emulator, task_id: str) -> dict[str, Any]:
    return next(task for task in emu.tasks() if task["id"] == task_id)


# -- progress and --poll-interval ----------------------------------------------------------------------------


def test_run_prints_the_task_id_at_once_then_progress_on_stderr_and_the_result_on_stdout(
    cli: Any, clock: InterruptingClock
) -> None:
    result = cli("run", "suno.generate_lyrics", "--prompt", "the sea", "--poll-interval", "2")
    assert result.exit_code == 0, result.output
    [head] = result.stdout.splitlines()[:1]
    task_id = re.fullmatch(r"task (\S+): completed", head)[1]  # type: ignore[index]
    assert result.stderr.splitlines() == [
        f"task {task_id}: processing",  # as soon as the create answered
        f"task {task_id}: processing, 2 s",
        f"task {task_id}: processing, 5 s",
        f"task {task_id}: completed, 9 s",
    ]
    assert "processing" not in result.stdout
    assert clock.sleeps == [2.0, 3.0, 4.5]  # --poll-interval 2: the fixed schedule, first gap 2 s, x1.5


def test_run_json_keeps_stdout_for_the_task(cli: Any) -> None:
    result = cli("run", "suno.generate_lyrics", "--prompt", "the sea", "--json")
    assert result.exit_code == 0, result.output
    task = json.loads(result.stdout)
    assert task["status"] == "completed" and f"task {task['id']}: processing" in result.stderr


def test_no_wait_prints_the_task_once_and_wait_takes_poll_interval_and_shows_progress(
    cli: Any, clock: InterruptingClock
) -> None:
    created = cli("run", "suno.generate_lyrics", "--prompt", "x", "--no-wait")
    assert created.exit_code == 0 and created.stderr == ""
    task_id = re.fullmatch(r"task (\S+): processing\n", created.stdout)[1]  # type: ignore[index]
    result = cli("wait", "suno.generate_lyrics", task_id, "--poll-interval", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"task {task_id}: completed\ncost: 0.01 USD\n"  # the emulator's lyrics cost 1 cent
    assert result.stderr.splitlines() == [
        f"task {task_id}: processing, 0 s",  # wait() polls a task of unknown age at once
        f"task {task_id}: processing, 1 s",
        f"task {task_id}: completed, 2 s",
    ]
    assert clock.sleeps == [1.0, 1.5]


def test_poll_interval_must_be_positive(cli: Any) -> None:
    result = cli("run", "suno.generate_lyrics", "--prompt", "x", "--poll-interval", "0")
    assert result.exit_code == 2 and "--poll-interval" in result.stderr


# -- Ctrl-C ------------------------------------------------------------------------------------------------


def test_ctrl_c_while_run_waits_prints_the_task_and_the_command_that_resumes_it(
    cli: Any, clock: InterruptingClock, emu: Emulator, tmp_path: Path
) -> None:
    clock.at = 2  # Ctrl-C during the second wait between polls
    out = tmp_path / "my outputs"
    before = len(emu.tasks())
    result = cli(
        "run", "nano_banana.text_to_image", "--model", "nano-banana", "--prompt", "a cat", "--download", str(out)
    )
    assert result.exit_code == 130
    assert result.stdout == "" and "Aborted" not in result.stderr
    task_id = emu.tasks()[-1]["id"]
    lines = result.stderr.splitlines()
    assert lines[0] == f"task {task_id}: processing"
    assert lines[-2].startswith("interrupted after ") and f"task {task_id} goes on" in lines[-2]
    command = lines[-1].strip()
    assert command == f"runapi wait nano_banana.text_to_image {task_id} --download {shlex.quote(str(out))}"

    clock.at = None
    resumed = cli(*shlex.split(command)[1:])
    assert resumed.exit_code == 0, resumed.output
    assert resumed.stdout.startswith(f"task {task_id}: completed") and "saved " in resumed.stderr
    assert len(list(out.iterdir())) >= 1
    assert len(emu.tasks()) == before + 1  # the paid task was picked up, not created again


def test_ctrl_c_while_wait_waits_exits_130_with_the_same_command(
    cli: Any, clock: InterruptingClock, emu: Emulator
) -> None:
    created = json.loads(cli("run", "suno.generate_lyrics", "--prompt", "x", "--no-wait", "--json").stdout)
    clock.at = 1
    result = cli("wait", "suno.generate_lyrics", created["id"], "--json", "--poll-interval", "3")
    assert result.exit_code == 130 and result.stdout == ""
    assert (
        result.stderr.splitlines()[-1] == f"  runapi wait suno.generate_lyrics {created['id']} --poll-interval 3 --json"
    )


def test_a_timeout_prints_the_command_that_resumes_the_task(cli: Any, emu: Emulator) -> None:
    result = cli("run", "suno.generate_lyrics", "--prompt", "x", "--timeout", "1", "--poll-interval", "1")
    assert result.exit_code == 1
    task_id = emu.tasks()[-1]["id"]
    lines = result.stderr.splitlines()
    assert lines[-3].startswith("error: ") and "did not finish within 1s" in lines[-3]
    assert lines[-1] == f"  runapi wait suno.generate_lyrics {task_id} --poll-interval 1"


def test_waiting_for_an_unknown_task_is_one_error_line_without_a_resume_command(cli: Any) -> None:
    result = cli("wait", "suno.generate_lyrics", "no-such-task")
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ") and "404" in line


def test_the_resume_command_names_a_base_url_given_as_an_option(
    cli: Any, clock: InterruptingClock, emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RUNAPI_BASE_URL")
    clock.at = 1
    result = cli("--base-url", emu.url, "run", "suno.generate_lyrics", "--prompt", "x")
    assert result.exit_code == 130
    task_id = emu.tasks()[-1]["id"]
    assert result.stderr.splitlines()[-1] == f"  runapi --base-url {emu.url} wait suno.generate_lyrics {task_id}"


def test_ctrl_c_in_a_real_process_then_the_printed_command_finishes_the_task(tmp_path: Path) -> None:
    """``python -m runapi run`` gets SIGINT while it waits; the command it prints picks the task up."""
    task_clock = ManualClock()  # the emulator's tasks stay processing until the test moves this clock
    with Emulator(api_key=KEY, clock=task_clock, complete_after=60) as emu:
        env = {**os.environ, "RUNAPI_API_KEY": KEY, "RUNAPI_BASE_URL": emu.url, "XDG_CONFIG_HOME": str(tmp_path)}
        args = ["run", "suno.generate_lyrics", "--prompt", "interrupted", "--poll-interval", "0.05"]
        previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # never inherit an ignored SIGINT
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "runapi", *args],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        finally:
            signal.signal(signal.SIGINT, previous)
        lines: queue.Queue[str] = queue.Queue()

        def read() -> None:
            for line in process.stderr or ():
                lines.put(line)

        reader = threading.Thread(target=read, daemon=True)
        with process:  # closes the pipes
            reader.start()
            try:
                first = lines.get(timeout=60)  # the child's start-up, bounded
                task_id = re.fullmatch(r"task (\S+): processing\n", first)[1]  # type: ignore[index]
                assert [task["status"] for task in emu.tasks()] == ["processing"]
                process.send_signal(signal.SIGINT)
                process.wait(timeout=30)
                stdout = process.stdout.read() if process.stdout else ""
            finally:
                if process.poll() is None:
                    process.kill()
                    process.wait(10)
                reader.join(10)
        rest: list[str] = []
        while not lines.empty():
            rest.append(lines.get())
        assert process.returncode == 130, rest
        assert stdout == "" and not any("Traceback" in line or "Aborted" in line for line in rest)
        assert any(f"task {task_id} goes on" in line for line in rest)
        command = shlex.split(rest[-1])
        assert command == ["python", "-m", "runapi", "wait", "suno.generate_lyrics", task_id, "--poll-interval", "0.05"]

        task_clock.advance(3600)  # the task finishes meanwhile
        resumed = subprocess.run([sys.executable, *command[1:]], env=env, capture_output=True, text=True, timeout=60)
        assert resumed.returncode == 0, resumed.stderr
        assert resumed.stdout.splitlines()[0] == f"task {task_id}: completed"
        assert len(emu.tasks()) == 1


# -- URL and local-file options --------------------------------------------------------------------------------


def test_a_single_url_option_takes_a_url(cli: Any, emu: Emulator) -> None:
    url = "https://example.com/voice.mp3"
    result = cli("run", "elevenlabs.isolate_audio", "--source_audio_url", url, "--no-wait", "--json")
    assert result.exit_code == 0, result.output
    assert task_of(emu, json.loads(result.stdout)["id"])["params"]["source_audio_url"] == url


def test_a_local_file_is_uploaded_once_and_the_create_carries_its_url(
    cli: Any, emu: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "voice.mp3").write_bytes(b"ID3" + bytes(64))
    uploads = len(emu.uploads())
    result = cli("run", "elevenlabs.isolate_audio", "--source_audio_url", "./voice.mp3", "--no-wait", "--json")
    assert result.exit_code == 0, result.output
    [upload] = emu.uploads()[uploads:]
    assert upload["file_name"] == "voice.mp3" and upload["file_size"] == 67
    sent = task_of(emu, json.loads(result.stdout)["id"])["params"]["source_audio_url"]
    assert sent.startswith(emu.url) and upload["id"] in sent


def test_a_list_url_option_takes_urls_and_local_files_per_item(
    cli: Any, emu: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    monkeypatch.setenv("HOME", str(tmp_path))
    uploads = len(emu.uploads())
    result = cli(
        "run", "nano_banana.edit_image", "--model", "nano-banana-edit", "--prompt", "Add a hat", "--no-wait", "--json",
        "--source_image_urls", str(tmp_path / "a.png"), "--source_image_urls", "https://example.com/b.png",
        "--source_image_urls", "~/a.png",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    [upload] = emu.uploads()[uploads:]  # the same file twice: uploaded once
    urls = task_of(emu, json.loads(result.stdout)["id"])["params"]["source_image_urls"]
    assert urls[1] == "https://example.com/b.png" and urls[0] == urls[2] and upload["id"] in urls[0]


@pytest.mark.parametrize("value", ["./missing.png", "missing.png", "~/missing.png", "/no/such/dir/cat.png"])
def test_a_local_file_that_does_not_exist_is_a_usage_error_naming_the_option(
    cli: Any, emu: Emulator, value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    before = len(emu.requests())
    result = cli("run", "elevenlabs.isolate_audio", "--source_audio_url", value)
    assert result.exit_code == 2
    assert "--source_audio_url" in result.stderr and repr(value) in result.stderr
    assert "Traceback" not in result.stderr and len(emu.requests()) == before  # nothing was sent


def test_a_folder_is_no_file(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pics").mkdir()
    result = cli(
        "run", "recraft.remove_background", "--model", "recraft-remove-background", "--source_image_url", "./pics"
    )
    assert result.exit_code == 2 and "--source_image_url" in result.stderr and "folder" in result.stderr


def test_the_help_shows_what_url_options_take(cli: Any) -> None:
    detail = " ".join(cli("run", "recraft.remove_background", "--help").stdout.split())
    assert "--source_image_url URL|FILE" in detail
    assert "URL or local file, e.g. https://example.com/cat.png or ./cat.png" in detail
    assert "--callback_url URL" in detail
    listing = " ".join(cli("run", "nano_banana.edit_image", "--help").stdout.split())
    assert "URLs or local files, e.g." in listing and "(repeat for each item)" in listing


def test_a_callback_url_is_passed_as_given(cli: Any, emu: Emulator) -> None:
    hook = "https://example.com/callbacks/runapi"
    result = cli("run", "suno.generate_lyrics", "--prompt", "x", "--callback_url", hook, "--no-wait", "--json")
    assert result.exit_code == 0, result.output
    assert task_of(emu, json.loads(result.stdout)["id"])["callback_url"] == hook


# -- the key, the base URL, python -m runapi ------------------------------------------------------------------


NO_KEY = "error: no API key: pass --api-key or set RUNAPI_API_KEY (or api_key in {config})\n"


@pytest.mark.parametrize(
    "args",
    [
        ["balance"],
        ["get", "suno.generate_lyrics", "t1"],
        ["wait", "suno.generate_lyrics", "t1"],
        ["run", "suno.generate_lyrics", "--prompt", "x"],
        ["batch", "JOBS", "--no-progress"],
    ],
)
def test_no_key_is_one_cli_worded_line_and_exit_code_2(
    cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, args: list[str]
) -> None:
    monkeypatch.delenv("RUNAPI_API_KEY")
    jobs = tmp_path / "jobs.jsonl"
    jobs.write_text(json.dumps({"operation": "suno.generate_lyrics", "params": {"prompt": "x"}}) + "\n")
    result = cli(*[str(jobs) if arg == "JOBS" else arg for arg in args])
    assert result.exit_code == 2
    assert result.stderr == NO_KEY.format(config=runapi.cli.CONFIG_PATH)
    assert result.stdout == ""


def test_the_message_names_the_config_file_under_home_with_a_tilde(
    cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("RUNAPI_API_KEY")
    monkeypatch.setattr(runapi.cli, "CONFIG_PATH", Path.home() / ".config" / "runapi" / "config.json")
    monkeypatch.setattr(runapi.cli, "_config", dict)  # whatever this machine has there
    assert cli("balance").stderr == NO_KEY.format(config="~/.config/runapi/config.json")


def test_an_empty_api_key_option_is_an_error_not_a_fallback(cli: Any) -> None:
    for empty in ("", "  "):
        result = cli("--api-key", empty, "balance")  # RUNAPI_API_KEY holds a good key
        assert result.exit_code == 2
        [line] = result.stderr.splitlines()
        assert line.startswith("error: --api-key is empty") and "RUNAPI_API_KEY" in line


def test_an_empty_environment_key_counts_as_unset(cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RUNAPI_API_KEY", "")
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"api_key": KEY}))
    monkeypatch.setattr(runapi.cli, "CONFIG_PATH", config)
    assert cli("balance", "--json").exit_code == 0


def test_a_refused_base_url_is_one_line(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    result = cli("--base-url", "not a url\nsecond line", "balance")
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("error: base_url")

    def refuse(*args: Any, **kwargs: Any) -> None:  # a message that quotes a value without escaping it
        raise runapi.ValidationError("base_url holds a line break: 'http://x\n\x1b[2Jy'", field="base_url")

    monkeypatch.setattr(runapi, "Client", refuse)
    monkeypatch.setattr(runapi.cli.Settings, "client", lambda self: runapi.Client(**self.client_options()))
    result = cli("balance")
    assert result.exit_code == 2
    assert result.stderr == "error: base_url holds a line break: 'http://x\\n\\x1b[2Jy'\n"


def test_python_dash_m_runapi_runs_the_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "runapi", "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: python -m runapi ") and "wait" in done.stdout and "run" in done.stdout


def test_import_runapi_loads_no_command_line() -> None:
    names = "('runapi.cli', 'runapi.__main__', 'click', 'rich')"
    code = f"import sys, runapi; print(sorted(m for m in {names} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stdout + done.stderr
