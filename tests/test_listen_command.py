"""``runapi listen`` through click's ``CliRunner``: a listen session on the emulator, events forwarded to a local
receiver with one line each, Ctrl-C (exit code 130) deleting the session, and clear errors for an unreachable
RunAPI or a bad URL. The listener's waits run on a fake clock; the key never appears in any output."""

from __future__ import annotations

import functools
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

import runapi
import runapi._listen
from runapi import webhooks
from runapi.cli import main
from runapi.emulator import Emulator

KEY = "emu-listen-cli-key-5522"


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(api_key=KEY, complete_after_polls=1) as e:
        yield e


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[tuple[dict[str, str], bytes]]]]:
    got: list[tuple[dict[str, str], bytes]] = []

    def app(environ: Any, start_response: Any) -> Any:
        request = Request(environ)
        got.append((dict(request.headers.items()), request.get_data()))
        return Response(status=204)(environ, start_response)

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}/webhooks", got
    finally:
        server.shutdown()
        thread.join(5)


def invoke(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, base_url: str, *args: str, sleep: Callable[[float], None]
) -> Any:
    """``runapi listen ARGS`` with the key in RUNAPI_API_KEY, the listener's waits going to ``sleep``."""
    monkeypatch.setenv("RUNAPI_API_KEY", KEY)
    monkeypatch.setenv("RUNAPI_BASE_URL", base_url)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(runapi._listen, "Listener", functools.partial(runapi._listen.Listener, sleep=sleep))
    result = CliRunner().invoke(main, ["listen", *args], catch_exceptions=False)
    assert KEY not in result.stdout and KEY not in result.stderr
    return result


def test_listen_forwards_events_prints_a_line_each_and_ctrl_c_deletes_the_session(
    emu: Emulator,
    receiver: tuple[str, list[tuple[dict[str, str], bytes]]],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    url, got = receiver
    task_ids: list[str] = []

    def sleep(seconds: float) -> None:  # the first idle wait: a task completes; the second: Ctrl-C
        if task_ids:
            raise KeyboardInterrupt
        with runapi.Client(KEY, base_url=emu.url, sleep=lambda s: None) as client:
            task_ids.append(client.suno.generate_lyrics.run(prompt="listened").id)

    result = invoke(monkeypatch, tmp_path, emu.url, "--forward-to", url, sleep=sleep)

    assert result.exit_code == 130
    lines = result.stderr.splitlines()
    secret = next(line for line in lines if line.startswith("Ready! Listen Signing Secret: ")).rpartition(": ")[2]
    assert f"Forwarding to {url}" in lines
    assert f"[1] task={task_ids[0]} status=completed → {url} 204" in lines
    assert lines[-1] == "Stopped; the listen session is closed."
    ((headers, body),) = got
    assert webhooks.verify(body, headers, secret)["id"] == task_ids[0]
    assert result.stdout.splitlines() == [body.decode()]  # each handled event's body on stdout
    deleted = [r for r in emu.requests() if r["method"] == "DELETE" and "/listen_sessions/" in r["path"]]
    assert [r["status"] for r in deleted] == [204]


def test_listen_takes_the_url_as_an_argument_without_a_scheme(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt

    result = invoke(monkeypatch, tmp_path, emu.url, "localhost:3000/webhooks", sleep=interrupt)
    assert result.exit_code == 130
    assert "Forwarding to http://localhost:3000/webhooks" in result.stderr.splitlines()


def test_listen_without_a_reachable_runapi_says_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"  # nothing listens there
    result = invoke(monkeypatch, tmp_path, closed, "--forward-to", "http://localhost:3000/hook", sleep=lambda s: None)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: cannot reach RunAPI at {closed} (")
    assert "runapi emulator" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--forward-to", "ftp://localhost/hook"], "forward_to must be an http(s) URL with a host"),
        (["http://localhost:1/a", "--forward-to", "http://localhost:1/b"], "give the local URL once"),
    ],
)
def test_listen_refuses_a_bad_url_before_any_request(
    args: list[str], message: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    result = invoke(monkeypatch, tmp_path, "http://127.0.0.1:9", *args, sleep=lambda s: None)
    assert result.exit_code == 2
    assert message in result.stderr
