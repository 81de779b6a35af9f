"""The callback adapters over real HTTP, with the emulator sending the signed callbacks: Flask and Django on a
threaded WSGI server, FastAPI on uvicorn. Each receives every Suno stage once, typed; drops a redelivery; refuses
a forged request; and handles the redelivery RunAPI makes after its handler failed."""

from __future__ import annotations

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


def flask_site(handler: Handler) -> tuple[str, Callable[[], None]]:
    from flask import Flask

    from runapi.contrib.flask import callback_view

    app = Flask("callbacks")
    app.post("/callbacks/suno")(callback_view(task_type=MusicTask)(handler))
    return wsgi_server(app)


def django_site(handler: Handler) -> tuple[str, Callable[[], None]]:
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


def fastapi_site(handler: Handler) -> tuple[str, Callable[[], None]]:
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
