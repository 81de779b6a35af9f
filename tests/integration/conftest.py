"""Fixtures shared by the SDK-on-emulator tests: one emulator per module and a client on it.

Tasks complete after two polls and the client sleeps on the suite's fake clock, so nothing here
sleeps for real. A module that needs another emulator (other poll counts, its own clock) defines
its own ``emu`` fixture, which takes precedence.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import runapi
from runapi.emulator import Emulator
from tests.conftest import FakeClock
from tests.integration.clients import KINDS, open_client

EMULATOR_KEY = "emu-key"


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    """A running emulator (tasks complete after two polls), shared by the module's tests."""
    with Emulator(api_key=EMULATOR_KEY, complete_after_polls=2) as e:
        yield e


@pytest.fixture(params=KINDS)
def client(request: pytest.FixtureRequest, emu: Emulator, clock: FakeClock) -> Iterator[runapi.Client]:
    """A client on ``emu`` (blocking, or the async one seen as blocking), no faults left, on the fake clock."""
    emu.clear_faults()
    with open_client(request.param, clock, api_key=EMULATOR_KEY, base_url=emu.url) as c:
        yield c
