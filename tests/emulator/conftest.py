"""Fixtures for the emulator's tests: a fake task clock, emulators on free ports, a plain HTTP
client (``requests``, not the SDK) and a local callback receiver.

Nothing here sleeps: time-based tasks advance with :class:`FakeClock`, callbacks are awaited with
``Emulator.wait_for_deliveries`` or :meth:`Receiver.wait`, and a held receiver waits on an event.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import requests

from runapi.emulator import Emulator

API_KEY = "emu-test-key-3c1f"
COMPLETE_AFTER = 10.0  # seconds of the fake clock

# A minimal valid create body per task path (sources are filled in by `Api.create_all`).
SUNO = "/api/v1/suno"
NANO = "/api/v1/nano_banana"
VEO = "/api/v1/veo_3_1"
BODIES: dict[str, dict[str, Any]] = {
    f"{SUNO}/text_to_music": {"vocal_mode": "auto_lyrics", "prompt": "A chill lo-fi beat", "model": "suno-v5"},
    f"{SUNO}/extend_music": {"parameter_mode": "source", "audio_id": "2902e564", "model": "suno-v4"},
    f"{SUNO}/generate_lyrics": {"prompt": "A song about a peaceful night in the city"},
    f"{NANO}/text_to_image": {"model": "nano-banana", "prompt": "A cute cat wearing a space helmet"},
    f"{NANO}/edit_image": {
        "model": "nano-banana-edit",
        "prompt": "Add a hat",
        "source_image_urls": ["https://example.com/cat.png"],
    },
    f"{VEO}/text_to_video": {"prompt": "A dog playing in a park", "model": "veo-3.1-fast"},
    f"{VEO}/extend_video": {"source_task_id": "<completed video>", "prompt": "The dog keeps running"},
    f"{VEO}/upscale_video": {"source_task_id": "<completed video>", "output_resolution": "1080p"},
}
NEEDS_SOURCE = {f"{VEO}/extend_video", f"{VEO}/upscale_video"}


class FakeClock:
    """The emulator's task clock; moves only when a test calls :meth:`advance`."""

    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Api:
    """``requests`` against an emulator, with the bearer key set."""

    def __init__(self, emulator: Emulator, key: str = API_KEY) -> None:
        self.emulator = emulator
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {key}"

    def post(self, path: str, body: Any, **kwargs: Any) -> requests.Response:
        return self.session.post(self.emulator.url + path, json=body, timeout=5, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", 5)
        return self.session.get(self.emulator.url + path, **kwargs)

    def create(self, path: str, body: dict[str, Any] | None = None) -> str:
        """Create a task (a valid body by default); return its id."""
        response = self.post(path, BODIES[path] if body is None else body)
        assert response.status_code == 202, response.text
        return str(response.json()["id"])

    def completed_video(self, clock: FakeClock) -> str:
        """Id of a completed Veo text_to_video task (advances the clock)."""
        task_id = self.create(f"{VEO}/text_to_video")
        clock.advance(COMPLETE_AFTER)
        assert self.get(f"{VEO}/text_to_video/{task_id}").json()["status"] == "completed"
        return task_id

    def body_for(self, path: str, clock: FakeClock, **extra: Any) -> dict[str, Any]:
        """A valid body for ``path`` (with a completed source video when one is needed)."""
        body = dict(BODIES[path], **extra)
        if path in NEEDS_SOURCE:
            body["source_task_id"] = self.completed_video(clock)
        return body

    def close(self) -> None:
        self.session.close()


@dataclass
class Received:
    """One request the receiver got: the raw body bytes exactly as sent, and the headers."""

    path: str
    headers: dict[str, str]
    body: bytes


class Receiver:
    """A callback endpoint: stdlib ``http.server`` on 127.0.0.1 (a thread per request), answering
    scripted statuses. Requests to a path in ``held`` are recorded at once but answered only
    after :attr:`release` is set (at the latest when the receiver closes)."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.statuses: list[int] = []  # answered in order; 200 once used up
        self.held: set[str] = set()
        self.release = threading.Event()
        self._changed = threading.Condition()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with receiver._changed:
                    receiver.received.append(Received(self.path, dict(self.headers.items()), body))
                    status = receiver.statuses.pop(0) if receiver.statuses else 200
                    receiver._changed.notify_all()
                if self.path in receiver.held:
                    receiver.release.wait(10)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.01})
        self._thread.start()
        self.origin = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.url = f"{self.origin}/callbacks"

    def wait(self, count: int, timeout: float = 5.0) -> list[Received]:
        """Block until ``count`` requests arrived; return them all."""
        with self._changed:
            assert self._changed.wait_for(lambda: len(self.received) >= count, timeout), self.received
            return list(self.received)

    def close(self) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def start_emulator(fake_clock: FakeClock) -> Iterator[Callable[..., Emulator]]:
    """Start an emulator (stopped after the test): key ``API_KEY``, the fake clock, tasks
    completing after ``COMPLETE_AFTER`` clock seconds, fast redelivery; override any option."""
    started: list[Emulator] = []

    def start(**options: Any) -> Emulator:
        options.setdefault("api_key", API_KEY)
        options.setdefault("clock", fake_clock)
        options.setdefault("complete_after", COMPLETE_AFTER)
        options.setdefault("redelivery_delays", (0.01, 0.01, 0.01))
        emulator = Emulator(**options).start()
        started.append(emulator)
        return emulator

    yield start
    for emulator in started:
        emulator.stop()


@pytest.fixture
def emu(start_emulator: Callable[..., Emulator]) -> Emulator:
    return start_emulator()


@pytest.fixture
def api(emu: Emulator) -> Iterator[Api]:
    client = Api(emu)
    yield client
    client.close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    yield server
    server.close()


def finish(api: Api, clock: FakeClock, path: str, task_id: str) -> dict[str, Any]:
    """Advance the fake clock past the task's life and return its status payload (200 expected).

    A completed payload's ``usage`` (runapi-core 0.10.1: ``{"cost": USD}``, the task's settlement)
    is checked here against the task's cost and taken out, so the callers compare the rest with
    the docs' shapes; any other payload must not carry it.
    """
    clock.advance(COMPLETE_AFTER)
    response = api.get(f"{path}/{task_id}")
    assert response.status_code == 200, response.text
    return without_usage(api, dict(response.json()))


def without_usage(api: Api, payload: dict[str, Any]) -> dict[str, Any]:
    """``payload`` without its ``usage``, which is checked: on a completed task only, ``cost`` = its cost in USD."""
    if payload.get("status") != "completed":
        assert "usage" not in payload, payload
        return payload
    usage = payload.pop("usage")
    [cost_cents] = [task["cost_cents"] for task in api.emulator.tasks() if task["id"] == payload["id"]]
    assert usage["cost"] == cost_cents / 100 and set(usage) <= {"cost", "generated_images"}, usage
    return payload


def complete(api: Api, clock: FakeClock, path: str, body: dict[str, Any]) -> dict[str, Any]:
    """Create a task with ``body`` and return its completed payload."""
    payload = finish(api, clock, path, api.create(path, body))
    assert payload["status"] == "completed", payload
    return payload
