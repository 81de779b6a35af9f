"""Both clients behind one blocking face, so the operation tests run on ``runapi.Client`` and ``runapi.AsyncClient``.

:func:`open_client` gives a ``runapi.Client``, or a :class:`Blocking` view of a ``runapi.AsyncClient``
whose awaitables are awaited on an event loop in a thread of its own. The test bodies are written
once, against the blocking API; the ``client`` fixtures are parametrized over both kinds. Both sleep
on the suite's fake clock.
"""

from __future__ import annotations

import asyncio
import inspect
import threading
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from typing import Any

import runapi
from runapi._core.client import ClientBase
from runapi._core.operations import Family, _Resource
from runapi._core.pricing import _PricingBase
from tests.conftest import FakeClock

KINDS = ["sync", "async"]


class LoopThread:
    """An event loop running in a daemon thread; :meth:`run` awaits a coroutine on it and returns its result."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="async-client-loop", daemon=True)
        self._thread.start()

    def run(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=120)


_LOOP: LoopThread | None = None


def loop_thread() -> LoopThread:
    global _LOOP
    if _LOOP is None:
        _LOOP = LoopThread()
    return _LOOP


class Blocking:
    """An async client, family or resource seen as blocking: what it returns is awaited, and what it
    hands out (families, resources, ``with_options`` copies, bound methods) is wrapped the same way."""

    def __init__(self, target: Any) -> None:
        self._target = target

    def __getattr__(self, name: str) -> Any:
        return _wrap(getattr(self._target, name))

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return _wrap(self._target(*args, **kwargs))

    def __repr__(self) -> str:
        return f"Blocking({self._target!r})"


def _wrap(value: Any) -> Any:
    if inspect.iscoroutine(value):
        value = loop_thread().run(value)
    if isinstance(value, ClientBase | Family | _Resource | _PricingBase) or inspect.ismethod(value):
        return Blocking(value)
    return value


@contextmanager
def open_client(kind: str, clock: FakeClock, **options: Any) -> Iterator[Any]:
    """A ``runapi.Client`` (``kind == "sync"``) or a :class:`Blocking` ``runapi.AsyncClient``, with ``options``."""
    if kind == "sync":
        with runapi.Client(sleep=clock.sleep, clock=clock, **options) as client:
            yield client
        return

    async def sleep(seconds: float) -> None:
        clock.sleep(seconds)

    async def make() -> runapi.AsyncClient:  # httpx's client is made inside the loop that will use it
        return runapi.AsyncClient(sleep=sleep, clock=clock, **options)

    loop = loop_thread()
    client = loop.run(make())
    try:
        yield Blocking(client)
    finally:
        loop.run(client.aclose())
