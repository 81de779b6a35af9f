"""Shared fixtures: a fake clock whose sleep advances it (nothing in the suite sleeps for real)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import runapi

API_KEY = "sk-test-9f8e7d6c5b4a"
BASE_URL = "https://api.test"


class FakeClock:
    """A monotonic clock that only moves when ``sleep`` is called; records every sleep."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0, f"negative sleep {seconds}"
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def client(clock: FakeClock) -> Iterator[runapi.Client]:
    with runapi.Client(api_key=API_KEY, base_url=BASE_URL, sleep=clock.sleep, clock=clock) as c:
        c._random = lambda: 0.0  # no jitter: backoff waits become exact
        yield c


@pytest.fixture(autouse=True)
def _no_env_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see no real RUNAPI_* settings from the machine they run on."""
    monkeypatch.delenv("RUNAPI_API_KEY", raising=False)
    monkeypatch.delenv("RUNAPI_MANAGEMENT_KEY", raising=False)
    monkeypatch.delenv("RUNAPI_BASE_URL", raising=False)
