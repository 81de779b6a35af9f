"""The emulator's task results over plain HTTP: ``GET /api/v1/tasks/{id}`` and ``Prefer: respond-async``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from runapi.emulator import Emulator

KEY = "emu-task-results"
AUTH = {"Authorization": f"Bearer {KEY}"}
BOOST = "/api/v1/suno/boost_style"


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(api_key=KEY, complete_after_polls=2) as e:
        yield e


def test_a_task_has_a_task_result_that_ends_with_its_final_status_payload(emu: Emulator) -> None:
    created = requests.post(f"{emu.url}/api/v1/suno/generate_lyrics", json={"prompt": "night"}, headers=AUTH)
    task_id = created.json()["id"]
    first = requests.get(f"{emu.url}/api/v1/tasks/{task_id}", headers=AUTH)
    assert first.status_code == 200 and first.json() == {"id": task_id, "status": "processing"}
    ended = requests.get(f"{emu.url}/api/v1/tasks/{task_id}", headers=AUTH).json()
    assert ended["status"] == "completed" and ended["id"] == task_id
    response = ended["response"]
    assert (response["status"], response["content_type"], response["headers"]) == (200, "application/json", {})
    assert response["body"]["id"] == task_id and response["body"]["status"] == "completed"


def test_a_direct_call_with_prefer_respond_async_is_answered_202_with_a_location(emu: Emulator) -> None:
    headers = {**AUTH, "Prefer": "respond-async"}
    accepted = requests.post(f"{emu.url}{BOOST}", json={"description": "pop"}, headers=headers)
    assert accepted.status_code == 202 and accepted.json()["status"] == "processing"
    location = accepted.headers["Location"]
    assert location == f"{emu.url}/api/v1/tasks/{accepted.json()['id']}"
    assert accepted.headers["Retry-After"] == "1"
    first = requests.get(location, headers=AUTH)
    assert first.json()["status"] == "processing" and first.headers["Retry-After"] == "1"
    ended = requests.get(location, headers=AUTH).json()
    assert ended["status"] == "completed"
    assert ended["response"]["body"]["style"]  # the direct answer, stored


def test_without_the_preference_a_direct_call_answers_at_once_and_is_stored(emu: Emulator) -> None:
    answered = requests.post(f"{emu.url}{BOOST}", json={"description": "pop"}, headers=AUTH)
    assert answered.status_code == 200
    call_id = answered.headers["X-RunAPI-Task-Id"]
    stored = requests.get(f"{emu.url}/api/v1/tasks/{call_id}", headers=AUTH).json()
    assert stored["status"] == "completed" and stored["response"]["body"] == answered.json()


def test_a_failed_direct_call_has_a_failed_result(emu: Emulator) -> None:
    headers = {**AUTH, "Prefer": "respond-async"}
    accepted = requests.post(f"{emu.url}{BOOST}", json={"description": "emulator:fail"}, headers=headers)
    location = accepted.headers["Location"]
    requests.get(location, headers=AUTH)
    ended = requests.get(location, headers=AUTH).json()
    assert ended["status"] == "failed" and ended["error"]
    assert ended["response"]["body"]["status"] == "failed"


def test_task_results_need_the_key_and_an_existing_task(emu: Emulator) -> None:
    assert requests.get(f"{emu.url}/api/v1/tasks/nope").status_code == 401
    missing = requests.get(f"{emu.url}/api/v1/tasks/nope", headers=AUTH)
    assert missing.status_code == 404 and missing.json() == {"error": "Task not found"}


def test_a_bad_body_is_refused_before_accepting(emu: Emulator) -> None:
    headers = {**AUTH, "Prefer": "respond-async"}
    refused = requests.post(f"{emu.url}{BOOST}", data=b"nope", headers=headers)
    assert refused.status_code == 400 and "Location" not in refused.headers
