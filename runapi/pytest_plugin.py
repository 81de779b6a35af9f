"""pytest fixtures to test your app against the local RunAPI emulator: no network, no credits, no real waiting.

Installed with the package (entry point ``pytest11``), active in any project that has
``runapi-sdk[emulator]`` installed; disable it with ``-p no:runapi``. Fixtures:

- ``runapi_emulator``: a running :class:`runapi.emulator.Emulator` (one per test), with fault
  injection (``.inject(...)``), inspection (``.tasks()``, ``.requests()``, ``.deliveries()``) and
  ``.wait_for_callback(task_id)`` to block until a signed callback reached your app. Its
  ``.url`` is the base URL, and ``.callback_secret`` the secret it signs callbacks with.
- ``runapi_clock``: the emulator's clock (task ages), a :class:`ManualClock` the clients below
  also sleep on: a ``wait()`` advances it instead of sleeping, so tasks complete at once.
  ``runapi_clock.advance(seconds)`` moves it by hand.
- ``runapi_client`` / ``runapi_async_client``: a :class:`runapi.Client` / :class:`runapi.AsyncClient`
  bound to the emulator (never to ``RUNAPI_BASE_URL``), sleeping on ``runapi_clock``.
- ``runapi_settings``: ``RUNAPI_API_KEY``, ``RUNAPI_BASE_URL`` and ``RUNAPI_CALLBACK_SECRET`` set
  to the emulator's for the test, for app code that builds its own client or callback adapter.
- ``runapi_wait_for_callback``: ``runapi_wait_for_callback(task_id, stage=None, timeout=5.0)``
  finishes the task at once (it moves ``runapi_clock`` past every task's run time) and blocks until
  its callback (of that ``stage``) was answered 2xx by your app; returns the delivery. Use it when
  your app creates a task with a ``callback_url`` and nothing in the test waits for the task.

Configure the emulator per test with a marker (keyword arguments of ``Emulator``)::

    @pytest.mark.runapi_emulator(complete_after=30, initial_balance_cents=50)
    def test_low_balance(runapi_client): ...
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    import runapi
    from runapi.emulator import Emulator

__all__ = [
    "ManualClock",
    "runapi_async_client",
    "runapi_client",
    "runapi_clock",
    "runapi_emulator",
    "runapi_settings",
    "runapi_wait_for_callback",
]

API_KEY = "runapi-emulator-test-key"
"""The key the fixtures' emulator accepts and their clients send."""


class ManualClock:
    """Monotonic seconds that move only when asked: ``advance(s)``, or a client ``sleep(s)`` on it. Thread-safe."""

    def __init__(self, start: float = 1_000.0) -> None:
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        """The current time, seconds."""
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        """Move the clock forward by ``seconds`` (>= 0)."""
        if seconds < 0:
            raise ValueError("a clock only moves forward")
        with self._lock:
            self._now += seconds

    def sleep(self, seconds: float) -> None:
        """What a blocking client calls instead of ``time.sleep``: the clock moves, nobody waits."""
        self.advance(seconds)

    async def async_sleep(self, seconds: float) -> None:
        """What an async client awaits instead of ``asyncio.sleep``: the clock moves, the loop runs on."""
        self.advance(seconds)
        await asyncio.sleep(0)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "runapi_emulator(**options): keyword arguments for the runapi_emulator fixture's Emulator"
    )


@pytest.fixture
def runapi_clock() -> ManualClock:
    """The emulator's task clock, also the clients' sleep: waiting advances it."""
    return ManualClock()


@pytest.fixture
def runapi_emulator(request: pytest.FixtureRequest, runapi_clock: ManualClock) -> Iterator[Emulator]:
    """A running local RunAPI emulator for one test (options from ``@pytest.mark.runapi_emulator(...)``)."""
    try:
        from runapi.emulator import Emulator
    except ImportError as exc:  # pragma: no cover - depends on the install
        pytest.skip(f"the RunAPI emulator needs its extra: pip install 'runapi-sdk[emulator]' ({exc})")
    options: dict[str, Any] = {"api_key": API_KEY, "clock": runapi_clock}
    for marker in reversed(list(request.node.iter_markers("runapi_emulator"))):
        options.update(marker.kwargs)
    with Emulator(**options) as emulator:
        yield emulator


@pytest.fixture
def runapi_client(runapi_emulator: Emulator, runapi_clock: ManualClock) -> Iterator[runapi.Client]:
    """A :class:`runapi.Client` on the emulator; its waits advance ``runapi_clock`` instead of sleeping."""
    import runapi

    with runapi.Client(API_KEY, base_url=runapi_emulator.url, sleep=runapi_clock.sleep, clock=runapi_clock) as client:
        yield client


@pytest.fixture
def runapi_async_client(runapi_emulator: Emulator, runapi_clock: ManualClock) -> Iterator[runapi.AsyncClient]:
    """A :class:`runapi.AsyncClient` on the emulator, for ``async def`` tests (pytest-asyncio, anyio) or
    ``asyncio.run`` in a plain test; its waits advance ``runapi_clock`` instead of sleeping."""
    import runapi

    client = runapi.AsyncClient(
        API_KEY, base_url=runapi_emulator.url, sleep=runapi_clock.async_sleep, clock=runapi_clock
    )
    yield client
    with contextlib.suppress(RuntimeError, OSError):  # its connections belong to the test's loop, maybe closed
        asyncio.run(client.aclose())


@pytest.fixture
def runapi_wait_for_callback(runapi_emulator: Emulator, runapi_clock: ManualClock) -> Callable[..., dict[str, Any]]:
    """``wait(task_id, stage=None, timeout=5.0)``: finish the emulator's tasks now, then await the task's callback."""

    def wait(task_id: str, stage: str | None = None, timeout: float = 5.0) -> dict[str, Any]:
        runapi_clock.advance(24 * 3600)  # every task's stages are due: the emulator's ticker sends their callbacks
        return runapi_emulator.wait_for_callback(task_id, stage=stage, timeout=timeout)

    return wait


@pytest.fixture
def runapi_settings(runapi_emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> Emulator:
    """The emulator as your app's environment: ``RUNAPI_API_KEY``, ``RUNAPI_BASE_URL``, ``RUNAPI_CALLBACK_SECRET``."""
    monkeypatch.setenv("RUNAPI_API_KEY", API_KEY)
    monkeypatch.setenv("RUNAPI_BASE_URL", runapi_emulator.url)
    monkeypatch.setenv("RUNAPI_CALLBACK_SECRET", runapi_emulator.callback_secret)
    return runapi_emulator
