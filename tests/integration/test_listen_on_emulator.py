"""``runapi listen``'s loop (runapi/_listen.py) against the emulator's listen protocol (runapi/emulator/_listen.py),
over real HTTP, forwarding to a local WSGI receiver. The emulator and the loop share a fake clock: nothing sleeps
for real. Each test has its own emulator, so no event is left over from another."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

import runapi
from runapi import webhooks
from runapi._listen import IDLE_WAIT, RETRY_EVENT_WAIT, Listener, ListenError
from runapi.emulator import Emulator
from runapi.emulator._listen import SESSION_IDLE
from tests.conftest import FakeClock

pytestmark = pytest.mark.integration

KEY = "emu-listen-key-0123456789"
SESSIONS = "/api/v1/cli/listen_sessions"


class Receiver:
    """The user's local endpoint: records each POST (headers, body) and answers the next queued status (else 200)."""

    def __init__(self) -> None:
        self.got: list[tuple[dict[str, str], bytes]] = []
        self.answers: list[int] = []
        self.lock = threading.Lock()

    def __call__(self, environ: Any, start_response: Any) -> Any:
        request = Request(environ)
        with self.lock:
            self.got.append((dict(request.headers.items()), request.get_data()))
            status = self.answers.pop(0) if self.answers else 200
        return Response("database down" if status >= 300 else "", status=status)(environ, start_response)


@pytest.fixture
def receiver() -> Iterator[tuple[str, Receiver]]:
    app = Receiver()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}/webhooks", app
    finally:
        server.shutdown()
        thread.join(5)


@pytest.fixture
def emu(clock: FakeClock) -> Iterator[Emulator]:
    with Emulator(api_key=KEY, complete_after_polls=1, clock=clock) as e:
        yield e


class Run:
    """A listener on ``emu`` forwarding to the receiver, its printed lines and bodies, and a client to make tasks."""

    def __init__(self, emu: Emulator, url: str, clock: FakeClock, **options: Any) -> None:
        self.emu, self.url, self.clock = emu, url, clock
        self.lines: list[str] = []
        self.bodies: list[str] = []
        self.listener = Listener(
            api_key=KEY,
            base_url=emu.url,
            forward_to=url,
            sleep=clock.sleep,
            random=lambda: 0.5,  # no jitter: waits are exact
            say=self.lines.append,
            emit=self.bodies.append,
            **options,
        )

    def secret(self) -> str:
        """The listen secret as the user reads it: from the printed ready line."""
        line = next(line for line in self.lines if line.startswith("Ready! Listen Signing Secret: "))
        return line.rpartition(": ")[2]

    def task(self, prompt: str = "listen") -> str:
        """A task made without a callback_url and completed (its callback is due): its id."""
        with runapi.Client(KEY, base_url=self.emu.url, sleep=self.clock.sleep, clock=self.clock) as client:
            return client.suno.generate_lyrics.run(prompt=prompt).id

    def requests(self, method: str, path_start: str) -> list[dict[str, Any]]:
        return [r for r in self.emu.requests() if r["method"] == method and r["path"].startswith(path_start)]

    def acks(self) -> list[dict[str, Any]]:
        return [r for r in self.requests("POST", "/api/v1/cli/listen_events/") if r["path"].endswith("/ack")]


@pytest.fixture
def run(emu: Emulator, receiver: tuple[str, Receiver], clock: FakeClock) -> Run:
    return Run(emu, receiver[0], clock)


def test_events_are_forwarded_signed_with_the_printed_listen_secret(run: Run, receiver: tuple[str, Receiver]) -> None:
    url, app = receiver
    run.listener.open()
    secret = run.secret()
    task_id = run.task()

    assert run.listener.step() == 0.0  # a poll with events: the next one at once
    assert len(app.got) == 1
    headers, body = app.got[0]
    assert webhooks.verify(body, headers, secret)["id"] == task_id
    assert headers["Content-Type"] == "application/json"
    with pytest.raises(webhooks.WebhookVerificationError):  # the listen secret, not the callback secret
        webhooks.verify(body, headers, run.emu.callback_secret)
    assert f"[1] task={task_id} status=completed → {url} 200" in run.lines
    assert run.bodies == [body.decode()]
    assert [r["status"] for r in run.acks()] == [204]

    assert run.listener.step() == IDLE_WAIT  # acknowledged: it does not come again
    assert run.listener.step() == 2 * IDLE_WAIT  # the second empty poll in a row waits longer
    assert len(app.got) == 1
    assert not any(KEY in line for line in run.lines)


def test_the_emulator_drops_callbacks_while_no_listener_runs(run: Run, receiver: tuple[str, Receiver]) -> None:
    run.task("before any session")  # docs: no callback_url and no listener running: the callback is dropped
    run.listener.open()
    assert run.listener.step() == IDLE_WAIT
    assert receiver[1].got == []


def test_a_refused_event_comes_again_and_is_acked_only_after_a_2xx(run: Run, receiver: tuple[str, Receiver]) -> None:
    url, app = receiver
    app.answers = [500]
    run.listener.open()
    task_id = run.task()

    assert run.listener.step() == RETRY_EVENT_WAIT
    assert run.lines[-1] == (
        f"[1] task={task_id} status=completed → {url} 500 error: local endpoint returned 500: database down"
        "; not acknowledged, it comes again"
    )
    assert run.acks() == [] and run.bodies == []

    assert run.listener.step() == 0.0
    assert run.lines[-1] == f"[1] task={task_id} status=completed → {url} 200"
    assert [r["status"] for r in run.acks()] == [204]
    (first_headers, first_body), (second_headers, second_body) = app.got
    assert first_body == second_body
    assert first_headers["X-Callback-Id"] == second_headers["X-Callback-Id"]  # the same event, again
    assert webhooks.verify(second_body, second_headers, run.secret())["id"] == task_id
    assert run.listener.step() == IDLE_WAIT and len(app.got) == 2


def test_ack_before_forward_does_not_redeliver_a_refused_event(
    emu: Emulator, receiver: tuple[str, Receiver], clock: FakeClock
) -> None:
    url, app = receiver
    app.answers = [500]
    run = Run(emu, url, clock, ack_before_forward=True)
    run.listener.open()
    task_id = run.task()

    assert run.listener.step() == 0.0
    assert (
        run.lines[-1]
        == f"[1] task={task_id} status=completed → {url} 500 error: local endpoint returned 500: database down"
    )
    assert [r["status"] for r in run.acks()] == [204]
    assert run.listener.step() == IDLE_WAIT and len(app.got) == 1


def test_an_expired_session_is_renewed_and_unacked_events_come_again(
    run: Run, receiver: tuple[str, Receiver], clock: FakeClock
) -> None:
    run.listener.open()
    task_id = run.task()
    clock.now += SESSION_IDLE + 1  # the session lapses on the emulator's clock

    assert run.listener.step() == 0.0
    assert run.lines[-1] == "[session expired] creating new session..."
    assert len(run.requests("POST", SESSIONS)) == 2
    assert run.listener.step() == 0.0  # the new session starts from last_id=0: the event comes
    assert run.lines[-1].startswith(f"[1] task={task_id} status=completed → ")
    headers, body = receiver[1].got[0]
    assert webhooks.verify(body, headers, run.secret())["id"] == task_id  # same secret after renewal


def test_a_rotated_listen_secret_stops_the_listener(run: Run) -> None:
    run.listener.open()
    rotated = requests.patch(
        run.emu.url + "/api/v1/cli/listen_secret", headers={"X-API-Key": KEY}, timeout=5
    )  # ends every session
    assert rotated.status_code == 200

    with pytest.raises(ListenError, match="listen signing secret changed"):
        run.listener.step()
    created = run.requests("POST", SESSIONS)
    deleted = run.requests("DELETE", SESSIONS + "/")
    assert len(created) == 2 and [r["status"] for r in deleted] == [204]  # the new session is not left behind


def test_ctrl_c_deletes_the_session(run: Run) -> None:
    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt

    run.listener._sleep = interrupt  # Ctrl-C during the idle wait
    with pytest.raises(KeyboardInterrupt):
        run.listener.run()
    (deleted,) = run.requests("DELETE", SESSIONS + "/")
    assert deleted["status"] == 204
    token = deleted["path"].rpartition("/")[2]
    poll = requests.get(
        run.emu.url + "/api/v1/cli/listen_events?last_id=0",
        headers={"X-API-Key": KEY, "X-Session-Token": token},
        timeout=5,
    )
    assert poll.status_code == 404


def test_a_wrong_key_is_refused_without_showing_it(emu: Emulator, clock: FakeClock) -> None:
    listener = Listener(api_key="not-the-key-9876", base_url=emu.url, sleep=clock.sleep, say=lambda line: None)
    with pytest.raises(ListenError, match="failed to create listen session: POST listen_sessions: 401") as caught:
        listener.open()
    assert "not-the-key-9876" not in str(caught.value)


def test_an_unreachable_runapi_is_said_clearly(clock: FakeClock) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"  # nothing listens there
    listener = Listener(api_key=KEY, base_url=closed, sleep=clock.sleep, say=lambda line: None)
    with pytest.raises(ListenError, match=f"cannot reach RunAPI at {closed} ") as caught:
        listener.open()
    assert "runapi emulator" in str(caught.value) and KEY not in str(caught.value)
