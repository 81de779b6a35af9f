"""Fixtures for the family tests: a fake clock, a client that never sleeps, and the docs' examples.

The JSON files under ``tests/fixtures/<family>/`` are RunAPI's documented example payloads, copied
as data: create bodies from the curl examples, the 202 answer, the status and callback examples.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import responses

import runapi

API_KEY = "test-key"
BASE_URL = "https://api.test"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


class FakeClock:
    """Monotonic seconds that only move when :meth:`sleep` is called; every sleep is recorded."""

    def __init__(self) -> None:
        self.now = 500.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0, f"asked to sleep a negative time: {seconds}"
        self.sleeps.append(seconds)
        self.now += seconds


def load_example(family: str, name: str) -> Any:
    """A fresh copy of ``tests/fixtures/<family>/<name>.json``."""
    return json.loads((FIXTURES / family / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def client(fake_clock: FakeClock) -> Iterator[runapi.Client]:
    with runapi.Client(api_key=API_KEY, base_url=BASE_URL, sleep=fake_clock.sleep, clock=fake_clock) as c:
        yield c


@pytest.fixture
def http() -> Iterator[responses.RequestsMock]:
    """HTTP mocked with ``responses``: an unregistered request fails instead of reaching a socket."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def example() -> Callable[[str, str], Any]:
    """``example("suno", "text_to_music_request")``: a docs example payload, freshly loaded."""
    return load_example
