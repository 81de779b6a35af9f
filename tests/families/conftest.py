"""Fixtures for the family tests: the docs' examples, mocked HTTP, and the shared fake clock and client.

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

from tests.conftest import FakeClock

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def load_example(family: str, name: str) -> Any:
    """A fresh copy of ``tests/fixtures/<family>/<name>.json``."""
    return json.loads((FIXTURES / family / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture
def fake_clock(clock: FakeClock) -> FakeClock:
    """The suite-wide fake clock (tests/conftest.py), under the name these tests use."""
    return clock


@pytest.fixture
def http() -> Iterator[responses.RequestsMock]:
    """HTTP mocked with ``responses``: an unregistered request fails instead of reaching a socket."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def example() -> Callable[[str, str], Any]:
    """``example("suno", "text_to_music_request")``: a docs example payload, freshly loaded."""
    return load_example
