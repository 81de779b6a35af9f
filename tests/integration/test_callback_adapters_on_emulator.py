"""The callback adapters over real HTTP, with the emulator sending the signed callbacks: Flask and Django on a
threaded WSGI server, FastAPI on uvicorn. Each receives every Suno stage once, typed; drops a redelivery; refuses
a forged request; handles the redelivery RunAPI makes after its handler failed; and never answers 2xx to a
redelivery that arrives while the handler of an earlier delivery still runs (and may yet fail)."""

from __future__ import annotations

import asyncio
import base64
import json
import sys
import threading
import time
import types
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

import runapi
from runapi import webhooks
from runapi.emulator import Emulator
from runapi.suno import MusicTask
from tests.conftest import FakeClock

pytestmark = pytest.mark.integration

KEY = "emu-callbacks-key"
SECRET = base64.b64encode(b"adapter-callback-secret-0123456").decode()
STAGES = ["text_generated", "first_audio_ready", "all_audios_ready"]


class Handler:
    """What the user's callback function does: record the task; fail on request."""

    def __init__(self) -> None:
        self.tasks: list[MusicTask] = []
        self.fail_next = False
        self.lock = threading.Lock()

    def __call__(self, task: MusicTask, **_: Any) -> None:
        with self.lock:
            if self.fail_next:
                self.fail_next = False
                raise RuntimeError("database down")
            self.tasks.append(task)


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(api_key=KEY, callback_secret=SECRET, complete_after_polls=3, redelivery_delays=(0.01,) * 3) as e:
        yield e


@pytest.fixture(autouse=True)
def _secret_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNAPI_CALLBACK_SECRET", SECRET)


def wsgi_server(app: Any) -> tuple[str, Callable[[], None]]:
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        thread.join(5)

    return f"http://127.0.0.1:{server.port}", stop


def flask_site(handler: Callable[..., Any]) -> tuple[str, Callable[[], None]]:
    from flask import Flask

    from runapi.contrib.flask import callback_view

    app = Flask("callbacks")
    app.post("/callbacks/suno")(callback_view(task_type=MusicTask)(handler))
    return wsgi_server(app)


def django_site(handler: Callable[..., Any]) -> tuple[str, Callable[[], None]]:
    from django.conf import settings

    if not settings.configured:
        settings.configure(DEBUG=False, SECRET_KEY="django-test-only", INSTALLED_APPS=[], USE_TZ=True)
    import django
    from django.core.handlers.wsgi import WSGIHandler
    from django.test.utils import override_settings
    from django.urls import path

    django.setup()
    from runapi.contrib.django import callback_view

    override = override_settings(ROOT_URLCONF="tests_runapi_callback_urls", ALLOWED_HOSTS=["*"])
    override.enable()
    urls = types.ModuleType("tests_runapi_callback_urls")
    # no task_type: the callback URL's runapi_operation query types the task
    urls.urlpatterns = [path("callbacks/suno", callback_view()(handler))]  # type: ignore[attr-defined]
    sys.modules[urls.__name__] = urls
    url, stop_server = wsgi_server(WSGIHandler())

    def stop() -> None:
        stop_server()
        override.disable()
        del sys.modules[urls.__name__]

    return url, stop


def fastapi_site(handler: Callable[..., Any]) -> tuple[str, Callable[[], None]]:
    import uvicorn
    from fastapi import FastAPI

    from runapi.contrib.starlette import callback_endpoint

    app = FastAPI()
    app.add_api_route("/callbacks/suno", callback_endpoint(handler, operation="suno.text_to_music"), methods=["POST"])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)  # startup of a real server thread, not a timing check
    port = server.servers[0].sockets[0].getsockname()[1]

    def stop() -> None:
        server.should_exit = True
        thread.join(5)

    return f"http://127.0.0.1:{port}", stop


SITES = {"flask": flask_site, "django": django_site, "fastapi": fastapi_site}


@pytest.fixture(params=SITES)
def site(request: pytest.FixtureRequest) -> Iterator[tuple[str, Handler]]:
    handler = Handler()
    url, stop = SITES[request.param](handler)
    try:
        yield url + "/callbacks/suno", handler
    finally:
        stop()


def run_music(emu: Emulator, clock: FakeClock, callback: str) -> MusicTask:
    with runapi.Client(KEY, base_url=emu.url, sleep=clock.sleep, clock=clock) as client:
        url = webhooks.callback_url(callback, client.suno.text_to_music)
        return client.suno.text_to_music.run(
            vocal_mode="auto_lyrics", prompt="A chill lo-fi beat", model="suno-v5", callback_url=url
        )


def delivered_to(emu: Emulator, task_id: str) -> list[dict[str, Any]]:
    return [d for d in emu.deliveries() if d["task_id"] == task_id]


def test_every_stage_arrives_once_typed_and_redeliveries_are_dropped(
    emu: Emulator, clock: FakeClock, site: tuple[str, Handler]
) -> None:
    url, handler = site
    before = len([d for d in emu.deliveries() if d["delivered"]])
    task = run_music(emu, clock, url)
    emu.wait_for_deliveries(before + 3)
    assert [t.generation_stage for t in handler.tasks] == STAGES
    assert all(isinstance(t, MusicTask) and t.id == task.id for t in handler.tasks)
    assert handler.tasks[-1].audios and handler.tasks[-1].audios[0].audio_url

    last = delivered_to(emu, task.id)[-1]  # RunAPI redelivers with the same id, signed anew
    body = last["body"].encode()
    headers = webhooks.sign(body, SECRET, callback_id=last["callback_id"])
    assert requests.post(url, data=body, headers=headers, timeout=5).status_code == 204
    assert len(handler.tasks) == 3

    forged = json.dumps({**json.loads(body), "status": "failed"}).encode()
    assert requests.post(url, data=forged, headers=headers, timeout=5).status_code == 400
    assert requests.post(url, data=body, headers={}, timeout=5).status_code == 400
    assert len(handler.tasks) == 3


def test_a_failing_handler_gets_the_redelivery(emu: Emulator, clock: FakeClock, site: tuple[str, Handler]) -> None:
    url, handler = site
    handler.fail_next = True
    before = len([d for d in emu.deliveries() if d["delivered"]])
    task = run_music(emu, clock, url)
    emu.wait_for_deliveries(before + 3)
    attempts = delivered_to(emu, task.id)
    assert [a["status"] for a in attempts][:2] == [500, 204]  # the first stage failed, then was redelivered
    assert attempts[0]["callback_id"] == attempts[1]["callback_id"]
    assert [t.generation_stage for t in handler.tasks] == STAGES


# -- at least once: a redelivery while the first delivery's handler still runs ---------------------

RACE_TIMEOUT = 0.3
"""The sender's callback_timeout in the race below: the first handler outlasts it, so RunAPI redelivers."""


@pytest.fixture(scope="module")
def impatient_emu() -> Iterator[Emulator]:
    """An emulator that waits only 0.3 s for an answer; redeliveries come quickly, then slower (bounded)."""
    delays = (0.05, 0.1, 0.2, 0.4, 0.8, 1.0, 1.0, 1.0, 1.0, 1.0)
    with Emulator(
        api_key=KEY,
        callback_secret=SECRET,
        complete_after_polls=3,
        callback_timeout=RACE_TIMEOUT,
        redelivery_delays=delays,
    ) as e:
        yield e


class SlowThenFailing:
    """A handler whose first call outlasts the sender's timeout (until the test lets it go), then raises.

    Each successful call records the statuses the sender had been answered for that callback so far.
    """

    def __init__(self, emu: Emulator) -> None:
        self.emu = emu
        self.started = threading.Event()
        self.let_go = threading.Event()
        self.failures = 0
        self.tasks: list[MusicTask] = []
        self.seen_before_success: list[list[int | None]] = []
        self.lock = threading.Lock()

    def __call__(self, task: MusicTask, **_: Any) -> None:
        with self.lock:
            first = not self.started.is_set()
            self.started.set()
        if first:
            assert self.let_go.wait(5), "the test never let the first handler go"
            with self.lock:
                self.failures += 1
            raise RuntimeError("database down")
        answered = [
            d["status"]
            for d in self.emu.deliveries()
            if d["task_id"] == task.id and d["stage"] == task.generation_stage
        ]
        with self.lock:
            self.seen_before_success.append(answered)
            self.tasks.append(task)

    async def on_async(self, task: MusicTask) -> None:
        """For uvicorn: the blocking handler runs in a thread, so it does not block the event loop."""
        await asyncio.to_thread(self, task)


def wait_for_answer(emu: Emulator, task_id: str, timeout: float = 5.0) -> list[dict[str, Any]]:
    """Block (on the emulator's log, no sleeping) until an attempt for ``task_id`` was answered 503 or 2xx."""
    deadline = time.monotonic() + timeout
    while True:
        log = emu.deliveries()
        attempts = [d for d in log if d["task_id"] == task_id]
        if any(a["status"] == 503 or a["delivered"] for a in attempts):
            return attempts
        emu.wait_for_deliveries(len(log) + 1, timeout=max(0.0, deadline - time.monotonic()), successful=False)


@pytest.mark.parametrize("framework", SITES)
def test_a_redelivery_while_the_handler_runs_is_not_acknowledged_before_the_handling_succeeded(
    impatient_emu: Emulator, clock: FakeClock, framework: str
) -> None:
    emu = impatient_emu
    handler = SlowThenFailing(emu)
    endpoint: Callable[..., Any] = handler.on_async if framework == "fastapi" else handler
    base, stop = SITES[framework](endpoint)
    url = base + "/callbacks/suno"
    try:
        task = run_music(emu, clock, url)
        assert handler.started.wait(5)
        # The sender timed out on the first delivery and redelivered while its handler still runs: 503.
        attempts = wait_for_answer(emu, task.id)
        assert attempts[0]["status"] is None and attempts[0]["error"]  # the first delivery timed out
        assert [a["status"] for a in attempts][-1] == 503 and not any(a["delivered"] for a in attempts)
        # RunAPI's next redelivery, sent by hand: the answer carries Retry-After (the lease, 60 s by default).
        body, callback_id = attempts[0]["body"].encode(), attempts[0]["callback_id"]
        response = requests.post(
            url, data=body, headers=webhooks.sign(body, SECRET, callback_id=callback_id), timeout=5
        )
        assert (response.status_code, response.headers.get("Retry-After")) == (503, "60")
        handler.let_go.set()  # the first handler now fails: its key is released, and a redelivery is handled
        emu.wait_for_callback(task.id, stage="all_audios_ready", timeout=10)
    finally:
        handler.let_go.set()
        stop()

    assert handler.failures == 1
    assert [t.generation_stage for t in handler.tasks] == STAGES  # each stage handled successfully exactly once
    assert all(
        not any(status is not None and 200 <= status < 300 for status in seen) for seen in handler.seen_before_success
    )
    stage_one = [d for d in delivered_to(emu, task.id) if d["stage"] == STAGES[0]]
    assert len({d["callback_id"] for d in stage_one}) == 1  # all of them redeliveries of one callback
    statuses = [d["status"] for d in stage_one]
    assert statuses[-1] == 204 and 503 in statuses
    assert not any(d["delivered"] for d in stage_one[:-1])  # no 2xx before the one after the successful handling
