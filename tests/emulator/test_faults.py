"""Injected faults (Python API and HTTP control endpoints), and the request log."""

from __future__ import annotations

import json

import pytest
import requests

from runapi.emulator import FAULT_KINDS, Emulator

from .conftest import API_KEY, BODIES, NANO, SUNO, Api

LYRICS = f"{SUNO}/generate_lyrics"


def test_rate_limit_answers_429_with_retry_after_then_recovers(api: Api) -> None:
    api.emulator.inject("rate_limit")
    limited = api.get("/api/v1/me/balance")
    assert limited.status_code == 429
    assert limited.headers["Retry-After"] == "1"
    assert limited.json() == {"error": "Rate limit exceeded"}
    assert api.get("/api/v1/me/balance").status_code == 200


def test_rate_limit_with_custom_retry_after_and_times(api: Api) -> None:
    api.emulator.inject("rate_limit", times=2, retry_after=7)
    answers = [api.get("/api/v1/me/balance") for _ in range(3)]
    assert [a.status_code for a in answers] == [429, 429, 200]
    assert [a.headers.get("Retry-After") for a in answers] == ["7", "7", None]


def test_fractional_retry_after_is_sent_as_is(api: Api) -> None:
    api.emulator.inject("rate_limit", retry_after=0.25)
    assert api.get("/api/v1/me/balance").headers["Retry-After"] == "0.25"


def test_server_error_answers_500(api: Api) -> None:
    api.emulator.inject("server_error")
    response = api.post(LYRICS, BODIES[LYRICS])
    assert (response.status_code, response.json()) == (500, {"error": "Internal server error"})
    assert api.emulator.tasks() == []  # answered before handling: nothing was created


@pytest.mark.parametrize(("retry_after", "header"), [(None, None), (3, "3")])
def test_unavailable_answers_503_with_retry_after_only_if_given(
    api: Api, retry_after: float | None, header: str | None
) -> None:
    api.emulator.inject("unavailable", retry_after=retry_after)
    response = api.get("/api/v1/me/balance")
    assert (response.status_code, response.json()) == (503, {"error": "Service unavailable"})
    assert response.headers.get("Retry-After") == header


def test_drop_closes_the_connection_without_an_answer_and_the_server_keeps_serving(
    api: Api, capfd: pytest.CaptureFixture[str]
) -> None:
    api.emulator.inject("drop")
    with pytest.raises(requests.ConnectionError):
        api.post(LYRICS, BODIES[LYRICS])
    assert api.emulator.tasks() == []
    assert api.get("/api/v1/me/balance").status_code == 200
    assert api.post(LYRICS, BODIES[LYRICS]).status_code == 202
    assert [r["status"] for r in api.emulator.requests()] == [None, 200, 202]
    assert api.emulator.requests()[0]["fault"] == "drop"
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err + captured.out


def test_slow_holds_the_answer_back_past_a_short_client_timeout(api: Api) -> None:
    api.emulator.inject("slow", delay=0.5)
    with pytest.raises(requests.Timeout):
        api.get("/api/v1/me/balance", timeout=0.05)
    assert api.get("/api/v1/me/balance").status_code == 200


def test_slow_with_a_tiny_delay_answers_normally(api: Api) -> None:
    api.emulator.inject("slow", delay=0.01)
    response = api.post(LYRICS, BODIES[LYRICS])
    assert response.status_code == 202
    assert len(api.emulator.tasks()) == 1


def test_faults_only_hit_matching_method_and_path_prefix(api: Api) -> None:
    api.emulator.inject("server_error", method="post", path=SUNO)
    assert api.get("/api/v1/me/balance").status_code == 200
    assert api.post(f"{NANO}/text_to_image", BODIES[f"{NANO}/text_to_image"]).status_code == 202
    assert api.post(LYRICS, BODIES[LYRICS]).status_code == 500
    assert api.post(LYRICS, BODIES[LYRICS]).status_code == 202


def test_faults_are_used_in_injection_order(api: Api) -> None:
    api.emulator.inject("unavailable")
    api.emulator.inject("rate_limit")
    assert [api.get("/api/v1/me/balance").status_code for _ in range(3)] == [503, 429, 200]


def test_after_handling_creates_the_task_but_loses_the_answer(api: Api) -> None:
    api.emulator.inject("server_error", method="POST", after_handling=True)
    headers = {"Idempotency-Key": "order-42"}
    lost = api.post(LYRICS, BODIES[LYRICS], headers=headers)
    assert lost.status_code == 500
    [task] = api.emulator.tasks()
    assert task["path"] == LYRICS

    retried = api.post(LYRICS, BODIES[LYRICS], headers=headers)  # a safe retry replays, no second task
    assert retried.status_code == 202
    assert retried.json() == {"id": task["id"], "status": "processing"}
    assert retried.headers["Idempotent-Replayed"] == "true"
    assert len(api.emulator.tasks()) == 1


def test_drop_after_handling_creates_the_task(api: Api) -> None:
    api.emulator.inject("drop", after_handling=True)
    with pytest.raises(requests.ConnectionError):
        api.post(LYRICS, BODIES[LYRICS])
    assert [task["path"] for task in api.emulator.tasks()] == [LYRICS]


def test_clear_faults(api: Api) -> None:
    api.emulator.inject("server_error", times=5)
    api.emulator.clear_faults()
    assert api.get("/api/v1/me/balance").status_code == 200


@pytest.mark.parametrize(
    "options",
    [{"kind": "explode"}, {"kind": "drop", "times": 0}, {"kind": "slow", "delay": -1}, {"kind": "drop", "times": True}],
)
def test_invalid_faults_are_refused(emu: Emulator, options: dict[str, object]) -> None:
    kind = str(options.pop("kind"))
    with pytest.raises(ValueError):
        emu.inject(kind, **options)  # type: ignore[arg-type]


def test_fault_kinds_are_the_documented_ones() -> None:
    assert set(FAULT_KINDS) == {"rate_limit", "server_error", "unavailable", "drop", "slow"}


# --- HTTP control endpoints -------------------------------------------------------------------


def test_faults_can_be_managed_over_http_without_auth(emu: Emulator) -> None:
    control = f"{emu.url}/_emulator/faults"
    added = requests.post(
        control, json={"kind": "rate_limit", "times": 2, "retry_after": 5, "path": "/api/v1/me"}, timeout=5
    )
    assert added.status_code == 201
    assert added.json()["fault"]["kind"] == "rate_limit"
    assert [f["times"] for f in requests.get(control, timeout=5).json()["faults"]] == [2]

    headers = {"Authorization": f"Bearer {API_KEY}"}
    limited = requests.get(f"{emu.url}/api/v1/me/balance", headers=headers, timeout=5)
    assert (limited.status_code, limited.headers["Retry-After"]) == (429, "5")

    assert requests.delete(control, timeout=5).json() == {"cleared": 1}
    assert requests.get(f"{emu.url}/api/v1/me/balance", headers=headers, timeout=5).status_code == 200


@pytest.mark.parametrize("body", [{"kind": "nope"}, {"times": 1}, {"kind": "drop", "color": "red"}, [1]])
def test_invalid_fault_over_http_is_400(emu: Emulator, body: object) -> None:
    response = requests.post(f"{emu.url}/_emulator/faults", json=body, timeout=5)
    assert response.status_code == 400
    assert response.json()["error"]


def test_control_endpoints_are_not_hit_by_faults(emu: Emulator) -> None:
    emu.inject("server_error", times=3)
    assert requests.get(f"{emu.url}/_emulator/tasks", timeout=5).json() == {"tasks": []}
    assert requests.delete(f"{emu.url}/_emulator/faults", timeout=5).status_code == 200


def test_tasks_and_requests_are_readable_over_http(api: Api) -> None:
    task_id = api.create(LYRICS)
    tasks = requests.get(f"{api.emulator.url}/_emulator/tasks", timeout=5).json()["tasks"]
    assert [(t["id"], t["path"], t["params"], t["status"]) for t in tasks] == [
        (task_id, LYRICS, BODIES[LYRICS], "processing")
    ]
    logged = requests.get(f"{api.emulator.url}/_emulator/requests", timeout=5).json()["requests"]
    assert [(r["method"], r["path"], r["status"], r["json"]) for r in logged] == [("POST", LYRICS, 202, BODIES[LYRICS])]


# --- request log ------------------------------------------------------------------------------


def test_request_log_redacts_the_api_key(api: Api) -> None:
    api.create(LYRICS)
    api.get("/api/v1/me/balance")
    log = api.emulator.requests()
    assert [(r["method"], r["path"], r["status"]) for r in log] == [
        ("POST", LYRICS, 202),
        ("GET", "/api/v1/me/balance", 200),
    ]
    assert log[0]["headers"]["Authorization"] == "[REDACTED]"
    assert log[0]["json"] == BODIES[LYRICS]
    assert API_KEY not in json.dumps(log)
    assert API_KEY not in json.dumps(api.emulator.tasks())
