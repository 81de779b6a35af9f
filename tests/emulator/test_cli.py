"""``python -m runapi.emulator``: starts, prints what it should (and no secrets it was given), stops."""

from __future__ import annotations

import base64
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import requests

from runapi.emulator.__main__ import main


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
