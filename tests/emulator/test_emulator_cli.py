"""``python -m runapi.emulator``: starts, prints what it should (and no secrets it was given), takes its
flags, refuses bad ones with exit code 2 and one line, stops."""

from __future__ import annotations

import base64
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import requests

from runapi.emulator.__main__ import main

from .conftest import Receiver


@contextmanager
def cli(*args: str, stop: signal.Signals = signal.SIGTERM) -> Iterator[tuple[subprocess.Popen[str], list[str]]]:
    """Run the CLI on a free port; yield the process and its first output lines (URL first)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "runapi.emulator", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()

    def read_lines() -> None:
        for line in process.stdout or ():
            lines.put(line)

    reader = threading.Thread(target=read_lines, daemon=True)
    reader.start()
    try:
        output: list[str] = []
        while not output or not output[-1].startswith("Press Ctrl-C"):
            output.append(lines.get(timeout=20).rstrip("\n"))
        yield process, output
    finally:
        process.send_signal(stop)
        process.wait(timeout=10)
        reader.join(timeout=5)
        if process.stdout:
            process.stdout.close()
        if process.stderr:
            assert "Traceback" not in process.stderr.read()
            process.stderr.close()


def url_of(output: list[str]) -> str:
    words = output[0].split()
    return next(word for word in words if word.startswith("http://"))


def test_cli_banner_prints_the_base_url_the_client_takes_and_balance_sets_the_starting_balance() -> None:
    with cli("--balance", "1234") as (process, output):
        url = url_of(output)
        assert output[0] == f"RunAPI emulator listening on {url}"
        assert output[1] == f"Use: RUNAPI_BASE_URL={url} RUNAPI_API_KEY=<any key>"
        assert not any("/api/v1" in line for line in output)  # the SDK appends /api/v1/... itself
        answer = requests.get(f"{url}/api/v1/me/balance", headers={"Authorization": "Bearer k"}, timeout=5)
        assert answer.json() == {
            "balance_cents": 1234,
            "paid_balance_cents": 1234,
            "bonus_balance_cents": 0,
            "spent_cents_today": 0,
            "spent_cents_total": 0,
        }
    assert process.returncode == 0


def deliveries(url: str, count: int) -> list[dict[str, Any]]:
    """Poll ``GET /_emulator/deliveries`` (briefly) until ``count`` attempts are listed."""
    deadline = time.monotonic() + 10
    while True:
        listed: list[dict[str, Any]] = requests.get(f"{url}/_emulator/deliveries", timeout=5).json()["deliveries"]
        if len(listed) >= count or time.monotonic() > deadline:
            return listed
        time.sleep(0.01)


def complete_one_task_with_callback(url: str, callback_url: str) -> None:
    """Create a lyrics task with ``callback_url`` and poll it once (the CLI runs with --complete-after-polls 1)."""
    headers = {"Authorization": "Bearer k"}
    body = {"prompt": "x", "callback_url": callback_url}
    created = requests.post(f"{url}/api/v1/suno/generate_lyrics", json=body, headers=headers, timeout=5)
    assert created.status_code == 202
    requests.get(f"{url}/api/v1/suno/generate_lyrics/{created.json()['id']}", headers=headers, timeout=5)


def test_cli_redelivery_delays_are_used() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_url = f"http://127.0.0.1:{probe.getsockname()[1]}/callbacks"  # nothing listens there
    with cli("--complete-after-polls", "1", "--redelivery-delays", "0.01, 0.02") as (process, output):
        url = url_of(output)
        complete_one_task_with_callback(url, closed_url)
        attempts = deliveries(url, 3)
        assert [(a["attempt"], a["retry_in"]) for a in attempts] == [(1, 0.01), (2, 0.02), (3, None)]
        assert all(a["error"] and not a["delivered"] for a in attempts)
    assert process.returncode == 0


def test_cli_callback_timeout_is_used_and_empty_redelivery_delays_mean_no_redelivery(receiver: Receiver) -> None:
    receiver.held.add("/callbacks")  # the receiver takes longer than the timeout to answer
    args = ("--complete-after-polls", "1", "--callback-timeout", "0.1", "--redelivery-delays", "")
    with cli(*args) as (process, output):
        url = url_of(output)
        complete_one_task_with_callback(url, receiver.url)
        [attempt] = deliveries(url, 1)
        assert (attempt["attempt"], attempt["status"], attempt["retry_in"]) == (1, None, None)
        assert "timed out" in attempt["error"]
    assert process.returncode == 0


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (["--balance", "-1"], "--balance"),
        (["--balance", "12.5"], "--balance"),
        (["--balance", "lots"], "--balance"),
        (["--redelivery-delays", "1,2,x"], "--redelivery-delays"),
        (["--redelivery-delays", "1,-2"], "--redelivery-delays"),
        (["--redelivery-delays", "1,inf"], "--redelivery-delays"),
        (["--redelivery-delays", ",".join(["1"] * 11)], "--redelivery-delays"),
        (["--callback-timeout", "0"], "--callback-timeout"),
        (["--callback-timeout", "nan"], "--callback-timeout"),
        (["--callback-workers", "0"], "--callback-workers"),
        (["--idle-timeout", "0"], "--idle-timeout"),
        (["--idle-timeout", "inf"], "--idle-timeout"),
        (["--complete-after", "-1"], "--complete-after"),
        (["--port", "70000"], "--port"),
        (["--no-such-flag"], "--no-such-flag"),
    ],
)
def test_cli_refuses_bad_flags_with_exit_code_2_and_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], flag: str
) -> None:
    assert main(["--port", "0", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    [line] = captured.err.splitlines()
    assert line.startswith("runapi-emulator: error: ") and flag in line


def test_cli_refuses_bad_flags_as_a_process_too() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "runapi.emulator", "--redelivery-delays", ",".join(["1"] * 11)],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "runapi-emulator: error: argument --redelivery-delays: at most 10 delays"
        " (the docs promise up to 10 retries), got 11 (see --help)"
    ]


def test_cli_serves_prints_the_generated_secret_and_never_the_api_key() -> None:
    args = ("--api-key", "cli-secret-key-77", "--complete-after-polls", "1")
    with cli(*args, stop=signal.SIGINT) as (process, output):  # SIGINT: Ctrl-C
        url = url_of(output)
        assert url.startswith("http://127.0.0.1:")
        headers = {"Authorization": "Bearer cli-secret-key-77"}
        created = requests.post(f"{url}/api/v1/suno/generate_lyrics", json={"prompt": "x"}, headers=headers, timeout=5)
        assert created.status_code == 202
        status = requests.get(f"{url}/api/v1/suno/generate_lyrics/{created.json()['id']}", headers=headers, timeout=5)
        assert status.json()["status"] == "completed"  # --complete-after-polls 1
        assert requests.get(f"{url}/api/v1/me/balance", timeout=5).status_code == 401

        assert output[1] == f"Use: RUNAPI_BASE_URL={url} RUNAPI_API_KEY=<your --api-key>"
        [secret_line] = [line for line in output if "secret" in line.lower()]
        secret = secret_line.rsplit(" ", 1)[-1]
        assert len(base64.b64decode(secret, validate=True)) == 24
        assert not any("cli-secret-key-77" in line for line in output)
    assert process.returncode == 0


def test_cli_does_not_print_a_callback_secret_it_was_given() -> None:
    given = "Z2l2ZW4tY2FsbGJhY2stc2VjcmV0LTEyMzQ1Ng=="
    with cli("--callback-secret", given) as (process, output):
        assert requests.get(f"{url_of(output)}/api/v1/me/balance", headers={"Authorization": "Bearer k"}, timeout=5).ok
        assert not any(given in line or "secret" in line.lower() for line in output)
    assert process.returncode == 0


def test_cli_refuses_a_callback_secret_that_is_not_base64(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--port", "0", "--callback-secret", "not base64!"]) == 2
    captured = capsys.readouterr()
    assert "base64" in captured.err
    assert "not base64!" not in captured.err + captured.out
