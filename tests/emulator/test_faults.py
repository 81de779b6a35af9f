"""Injected faults (Python API and HTTP control endpoints), and the request log."""

from __future__ import annotations

import http.client
import json
import random

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
    assert lost.headers["X-RunAPI-Task-Id"] == task["id"]  # the body is lost, the header names the task

    retried = api.post(LYRICS, BODIES[LYRICS], headers=headers)  # a safe retry replays, no second task
    assert retried.status_code == 202
    assert retried.json() == {"id": task["id"], "status": "processing"}
    assert retried.headers["Idempotent-Replayed"] == "true"
    assert len(api.emulator.tasks()) == 1


def test_a_server_error_before_handling_names_no_task(api: Api) -> None:
    api.emulator.inject("server_error", method="POST")
    lost = api.post(LYRICS, BODIES[LYRICS])
    assert lost.status_code == 500 and "X-RunAPI-Task-Id" not in lost.headers
    assert api.emulator.tasks() == []


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


# --- faults by rate -----------------------------------------------------------------------------


def hit_indices(emu: Emulator, count: int) -> list[int]:
    """Send ``count`` balance GETs on one keep-alive connection; return the indices answered 500."""
    host, port = emu.url.removeprefix("http://").rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=5)
    statuses = []
    try:
        for _ in range(count):
            connection.request("GET", "/api/v1/me/balance", headers={"Authorization": f"Bearer {API_KEY}"})
            response = connection.getresponse()
            response.read()
            statuses.append(response.status)
    finally:
        connection.close()
    assert set(statuses) <= {200, 500}
    return [index for index, status in enumerate(statuses) if status == 500]


def test_seeded_rate_fault_hits_about_that_share_and_the_same_requests_on_every_run(emu: Emulator) -> None:
    emu.inject("server_error", rate=0.1, seed=2024)
    first = hit_indices(emu, 400)
    assert 25 <= len(first) <= 55  # about 10% of 400
    [listed] = emu.faults()
    assert (listed["rate"], listed["seed"], listed["times"], listed["hits"]) == (0.1, 2024, None, len(first))

    emu.clear_faults()
    emu.inject("server_error", rate=0.1, seed=2024)
    assert hit_indices(emu, 400) == first  # same seed, same requests: same hits

    emu.clear_faults()
    emu.inject("server_error", rate=0.1, seed=2025)
    assert hit_indices(emu, 100) != [index for index in first if index < 100]  # another seed, other hits


def test_rate_draws_come_from_random_random_of_the_seed(emu: Emulator) -> None:
    draws = random.Random(7)
    expected = [index for index in range(60) if draws.random() < 0.3]
    emu.inject("server_error", rate=0.3, seed=7)
    assert hit_indices(emu, 60) == expected


def test_times_and_rate_together_stop_after_times_hits(emu: Emulator) -> None:
    draws = random.Random(11)
    expected = [index for index in range(80) if draws.random() < 0.5][:3]
    emu.inject("server_error", rate=0.5, seed=11, times=3)
    assert hit_indices(emu, 80) == expected
    assert emu.faults() == []  # used up


def test_rate_fault_without_times_stays_until_cleared(emu: Emulator) -> None:
    emu.inject("server_error", rate=1)
    assert hit_indices(emu, 5) == [0, 1, 2, 3, 4]
    assert [(f["times"], f["hits"]) for f in emu.faults()] == [(None, 5)]
    emu.clear_faults()
    assert hit_indices(emu, 2) == []


def test_a_rate_fault_that_misses_lets_the_next_fault_hit(api: Api) -> None:
    draws = random.Random(3)
    first_miss = next(index for index in range(100) if draws.random() >= 0.5)
    api.emulator.inject("server_error", rate=0.5, seed=3)
    api.emulator.inject("unavailable")
    statuses = [api.get("/api/v1/me/balance").status_code for _ in range(first_miss + 2)]
    assert statuses[:first_miss] == [500] * first_miss
    assert statuses[first_miss] == 503
    assert statuses[first_miss + 1] in (200, 500)


def test_rate_fault_without_seed_picks_one_and_lists_it(emu: Emulator) -> None:
    emu.inject("server_error", rate=0.2)
    seed = emu.faults()[0]["seed"]
    assert isinstance(seed, int)
    first = hit_indices(emu, 50)
    emu.clear_faults()
    emu.inject("server_error", rate=0.2, seed=seed)
    assert hit_indices(emu, 50) == first


@pytest.mark.parametrize(
    ("options", "word"),
    [
        ({"rate": 0}, "rate"),
        ({"rate": 1.5}, "rate"),
        ({"rate": -0.1}, "rate"),
        ({"rate": True}, "rate"),
        ({"rate": "0.1"}, "rate"),
        ({"rate": float("nan")}, "rate"),
        ({"rate": 0.1, "seed": 1.5}, "seed"),
        ({"rate": 0.1, "seed": "7"}, "seed"),
        ({"rate": 0.1, "seed": True}, "seed"),
        ({"seed": 7}, "seed"),
        ({"rate": 0.5, "times": 0}, "times"),
    ],
)
def test_invalid_rate_seed_and_times_are_refused(emu: Emulator, options: dict[str, object], word: str) -> None:
    with pytest.raises(ValueError, match=word):
        emu.inject("server_error", **options)  # type: ignore[arg-type]
    assert emu.faults() == []


@pytest.mark.parametrize(
    ("body", "word"),
    [
        ({"kind": "drop", "rate": 0}, "rate"),
        ({"kind": "drop", "rate": 2}, "rate"),
        ({"kind": "drop", "rate": "10%"}, "rate"),
        ({"kind": "drop", "rate": 0.1, "seed": 0.5}, "seed"),
        ({"kind": "drop", "rate": 0.1, "seed": "42"}, "seed"),
        ({"kind": "drop", "seed": 42}, "seed"),
        ({"kind": "drop", "times": 0, "rate": 0.1}, "times"),
    ],
)
def test_invalid_rate_seed_and_times_over_http_are_400(emu: Emulator, body: dict[str, object], word: str) -> None:
    response = requests.post(f"{emu.url}/_emulator/faults", json=body, timeout=5)
    assert response.status_code == 400
    assert word in response.json()["error"]
    assert requests.get(f"{emu.url}/_emulator/faults", timeout=5).json() == {"faults": []}


def test_rate_faults_over_http(emu: Emulator) -> None:
    control = f"{emu.url}/_emulator/faults"
    body = {"kind": "server_error", "rate": 0.1, "seed": 2024, "method": "GET", "path": "/api/v1/me"}
    added = requests.post(control, json=body, timeout=5)
    assert added.status_code == 201
    expected = {
        "kind": "server_error",
        "times": None,
        "rate": 0.1,
        "seed": 2024,
        "method": "GET",
        "path": "/api/v1/me",
        "retry_after": None,
        "delay": None,
        "after_handling": False,
        "hits": 0,
    }
    assert added.json() == {"fault": expected}
    hits = hit_indices(emu, 100)
    assert requests.get(control, timeout=5).json() == {"faults": [dict(expected, hits=len(hits))]}

    requests.delete(control, timeout=5)
    emu.inject("server_error", rate=0.1, seed=2024)  # the Python API draws the same way
    assert hit_indices(emu, 100) == hits
