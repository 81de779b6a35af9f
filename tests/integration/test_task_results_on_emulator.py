"""Task results on the emulator, on both clients: ``GET /api/v1/tasks/{id}`` and direct calls answered 202."""

from __future__ import annotations

from typing import Any

import pytest

import runapi
from runapi.emulator import Emulator
from tests.conftest import FakeClock
from tests.integration.clients import open_client
from tests.integration.conftest import EMULATOR_KEY

ASYNC = {"Prefer": "respond-async"}


@pytest.fixture(params=["sync", "async"])
def accepting(request: pytest.FixtureRequest, emu: Emulator, clock: FakeClock) -> Any:
    """A client whose direct calls ask the emulator for ``202`` + ``Location`` (``Prefer: respond-async``)."""
    with open_client(request.param, clock, api_key=EMULATOR_KEY, base_url=emu.url, default_headers=ASYNC) as c:
        yield c


def test_a_direct_call_answered_202_completes_typed(accepting: Any, emu: Emulator, clock: FakeClock) -> None:
    boosted = accepting.suno.boost_style(description="pop")
    assert isinstance(boosted, runapi.suno.BoostedStyle) and boosted.style
    calls = [(e["method"], e["path"].rsplit("/", 1)[0], e["status"]) for e in emu.requests()[-3:]]
    assert calls == [
        ("POST", "/api/v1/suno", 202),
        ("GET", "/api/v1/tasks", 200),  # processing, Retry-After: 1
        ("GET", "/api/v1/tasks", 200),  # completed
    ]
    assert clock.sleeps[-2:] == [1.0, 1.0]  # the emulator's Retry-After, both times


def test_a_failed_direct_call_answered_202_raises_task_failed(accepting: Any) -> None:
    with pytest.raises(runapi.TaskFailedError):
        accepting.suno.boost_style(description="emulator:fail")


def test_tasks_get_and_wait_on_a_task(client: Any) -> None:
    task = client.suno.generate_lyrics.create(prompt="night city")
    first = client.tasks.get(task.id)
    assert isinstance(first, runapi.TaskResult) and (first.id, first.status, first.response) == (
        task.id,
        "processing",
        None,
    )
    ended = client.tasks.wait(task.id)
    assert ended.is_completed and ended.response is not None
    assert (ended.response.status, ended.response.content_type) == (200, "application/json")
    assert ended.response.body["lyrics"]  # the task's final status payload


def test_tasks_subscribe_follows_a_location_to_the_stored_answer(client: Any, emu: Emulator) -> None:
    task = client.suno.generate_lyrics.create(prompt="night city")
    body = client.tasks.subscribe(f"{emu.url}/api/v1/tasks/{task.id}")
    assert body["id"] == task.id and body["status"] == "completed"
    typed = client.tasks.subscribe(f"/api/v1/tasks/{task.id}", as_=runapi.suno.LyricsTask)
    assert typed.id == task.id and typed.lyrics


def test_a_direct_calls_result_is_stored_too(client: Any, emu: Emulator) -> None:
    boosted = client.suno.boost_style(description="pop")
    call_id = boosted.runapi_task_id  # the X-RunAPI-Task-Id naming the call
    assert call_id
    stored = client.tasks.get(call_id)
    assert stored.is_completed and stored.response is not None and stored.response.body["style"] == boosted.style


def test_an_unknown_task_is_not_found(client: Any) -> None:
    with pytest.raises(runapi.NotFoundError) as caught:
        client.tasks.get("no-such-task")
    assert caught.value.task_id == "no-such-task"


def test_a_location_on_another_origin_is_refused_before_any_request(client: Any, emu: Emulator) -> None:
    before = len(emu.requests())
    with pytest.raises(runapi.ValidationError, match="origin"):
        client.tasks.subscribe("https://elsewhere.example/api/v1/tasks/abc")
    assert len(emu.requests()) == before
