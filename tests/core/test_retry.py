"""Retries: which failures are retried, how long we wait, and that a create never makes a second task."""

from __future__ import annotations

import json

import pytest
import requests
import responses
from responses.registries import OrderedRegistry
from urllib3.exceptions import NewConnectionError, ProtocolError

import runapi
from runapi._core.retry import RetryPolicy, parse_retry_after, should_retry, wait_seconds
from tests.conftest import BASE_URL, FakeClock

LYRICS = f"{BASE_URL}/api/v1/suno/generate_lyrics"
ACCEPTED = {"id": "task-1", "status": "processing"}


def status(code: int, retry_after: float | None = None) -> runapi.APIStatusError:
    return runapi.errors.status_error(code, {"error": "x"}, {}, retry_after=retry_after)


def refused() -> requests.ConnectionError:
    return requests.ConnectionError(NewConnectionError(None, "Connection refused"))  # type: ignore[arg-type]


def dropped() -> requests.ConnectionError:
    return requests.ConnectionError(ProtocolError("Connection aborted.", ConnectionResetError(104, "reset")))


# -- the decisions, as tables ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3", 3.0),
        ("0", 0.0),
        ("1.5", 1.5),
        ("-4", 0.0),
        ("Wed, 21 Oct 2015 07:28:30 GMT", 30.0),
        ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),
        ("soon", None),
        ("", None),
        (None, None),
        ("inf", None),
    ],
)
def test_parse_retry_after_reads_seconds_and_http_dates(value: str | None, expected: float | None) -> None:
    now = 1445412480.0  # Wed, 21 Oct 2015 07:28:00 GMT
    assert parse_retry_after(value, now=now) == expected


GET, CREATE = True, False


@pytest.mark.parametrize(
    ("exc", "idempotent", "retry"),
    [
        (status(408), GET, True),
        (status(429), GET, True),
        (status(500), GET, True),
        (status(502), GET, True),
        (status(503), GET, True),
        (status(504), GET, True),
        (status(400), GET, False),
        (status(401), GET, False),
        (status(404), GET, False),
        (status(422), GET, False),
        (status(531), GET, False),
        (status(429), CREATE, True),
        (status(503), CREATE, True),
        (status(500), CREATE, False),
        (status(502), CREATE, False),
        (status(504), CREATE, False),
        (status(408), CREATE, False),
        (runapi.APIConnectionError("refused", request_sent=False), CREATE, True),
        (runapi.APIConnectionError("reset", request_sent=True), CREATE, False),
        (runapi.APIConnectionError("reset", request_sent=True), GET, True),
        (runapi.APITimeoutError("read timeout", request_sent=True), CREATE, False),
        (runapi.APITimeoutError("read timeout", request_sent=True), GET, True),
        (runapi.APITimeoutError("connect timeout", request_sent=False), CREATE, True),
        (status(429, retry_after=61), GET, False),
        (status(429, retry_after=60), GET, True),
        (ValueError("not ours"), GET, False),
    ],
    ids=lambda v: getattr(v, "status_code", None) or type(v).__name__ if not isinstance(v, bool) else str(v),
)
def test_should_retry_table(exc: BaseException, idempotent: bool, retry: bool) -> None:
    assert should_retry(exc, idempotent=idempotent, policy=RetryPolicy()) is retry


def test_idempotent_creates_retries_a_create_like_a_get() -> None:
    policy = RetryPolicy(idempotent_creates=True)
    assert should_retry(status(500), idempotent=False, policy=policy)
    assert should_retry(runapi.APIConnectionError("reset", request_sent=True), idempotent=False, policy=policy)


@pytest.mark.parametrize(
    ("attempt", "jitter", "expected"),
    [(1, 0.0, 0.5), (2, 0.0, 1.0), (3, 0.0, 2.0), (3, 1.0, 2.5), (6, 0.0, 8.0), (10, 1.0, 8.0)],
)
def test_backoff_doubles_with_jitter_and_is_capped(attempt: int, jitter: float, expected: float) -> None:
    assert wait_seconds(RetryPolicy(), attempt, status(500), jitter) == expected


def test_retry_after_replaces_backoff() -> None:
    assert wait_seconds(RetryPolicy(), 1, status(429, retry_after=7), 0.9) == 7.0


# -- through the client ----------------------------------------------------------------------


@responses.activate(registry=OrderedRegistry)
def test_429_then_success_waits_the_retry_after_seconds(client: runapi.Client, clock: FakeClock) -> None:
    responses.get(f"{LYRICS}/task-1", status=429, json={"error": "Rate limit exceeded"}, headers={"Retry-After": "3"})
    responses.get(f"{LYRICS}/task-1", json={"id": "task-1", "status": "processing", "lyrics": []})

    task = client.suno.generate_lyrics.get("task-1")

    assert task.status == "processing"
    assert clock.sleeps == [3.0]
    assert len(responses.calls) == 2


@responses.activate(registry=OrderedRegistry)
def test_5xx_exhausted_raises_the_typed_error_after_max_retries(client: runapi.Client, clock: FakeClock) -> None:
    for _ in range(3):
        responses.get(f"{LYRICS}/task-1", status=500, json={"error": "Internal server error"})

    with pytest.raises(runapi.InternalServerError) as info:
        client.suno.generate_lyrics.get("task-1")

    assert info.value.status_code == 500
    assert info.value.message == "Internal server error"
    assert len(responses.calls) == 3  # 1 attempt + max_retries=2
    assert clock.sleeps == [0.5, 1.0]  # exponential backoff, no jitter in this fixture


@responses.activate(registry=OrderedRegistry)
def test_retried_create_resends_the_same_idempotency_key(client: runapi.Client, clock: FakeClock) -> None:
    responses.post(LYRICS, status=429, json={"error": "Rate limit exceeded"}, headers={"Retry-After": "1"})
    responses.post(LYRICS, status=503, json={"error": "Service unavailable"})
    responses.post(LYRICS, status=202, json=ACCEPTED)

    task = client.suno.generate_lyrics.create(prompt="night city")

    assert task.id == "task-1"
    keys = [call.request.headers["Idempotency-Key"] for call in responses.calls]
    assert len(keys) == 3
    assert len(set(keys)) == 1 and keys[0]
    assert clock.sleeps == [1.0, 1.0]


@responses.activate
def test_each_logical_create_gets_its_own_idempotency_key(client: runapi.Client) -> None:
    responses.post(LYRICS, status=202, json=ACCEPTED)
    client.suno.generate_lyrics.create(prompt="one")
    client.suno.generate_lyrics.create(prompt="two")
    keys = [call.request.headers["Idempotency-Key"] for call in responses.calls]
    assert keys[0] != keys[1]


@responses.activate
def test_caller_supplied_idempotency_key_is_sent(client: runapi.Client) -> None:
    responses.post(LYRICS, status=202, json=ACCEPTED)
    client.suno.generate_lyrics.with_options(idempotency_key="order-42-lyrics").create(prompt="x")
    assert responses.calls[0].request.headers["Idempotency-Key"] == "order-42-lyrics"


@responses.activate(registry=OrderedRegistry)
def test_without_idempotent_creates_a_create_that_got_a_500_is_not_replayed(
    client: runapi.Client, clock: FakeClock
) -> None:
    responses.post(LYRICS, status=500, json={"error": "Internal server error"})
    responses.post(LYRICS, status=202, json=ACCEPTED)  # must never be reached

    with pytest.raises(runapi.InternalServerError):
        client.with_options(idempotent_creates=False).suno.generate_lyrics.create(prompt="night city")

    assert len(responses.calls) == 1
    assert clock.sleeps == []


@responses.activate(registry=OrderedRegistry)
def test_without_idempotent_creates_a_create_whose_connection_dropped_is_not_replayed(client: runapi.Client) -> None:
    responses.post(LYRICS, body=dropped())
    responses.post(LYRICS, status=202, json=ACCEPTED)

    with pytest.raises(runapi.APIConnectionError) as info:
        client.with_options(idempotent_creates=False).suno.generate_lyrics.create(prompt="x")

    assert info.value.request_sent is True
    assert len(responses.calls) == 1


@responses.activate(registry=OrderedRegistry)
def test_by_default_a_create_whose_connection_dropped_is_re_sent_with_the_same_key(
    client: runapi.Client, clock: FakeClock
) -> None:
    responses.post(LYRICS, body=dropped())
    responses.post(LYRICS, status=202, json=ACCEPTED)  # RunAPI answers the task the key made

    assert client.suno.generate_lyrics.create(prompt="x").id == "task-1"

    keys = {call.request.headers["Idempotency-Key"] for call in responses.calls}
    assert len(responses.calls) == 2 and len(keys) == 1
    assert len(clock.sleeps) == 1  # one backoff, on the fake clock


@responses.activate(registry=OrderedRegistry)
def test_create_whose_connection_was_refused_is_retried(client: runapi.Client) -> None:
    responses.post(LYRICS, body=refused())
    responses.post(LYRICS, status=202, json=ACCEPTED)

    task = client.suno.generate_lyrics.create(prompt="x")

    assert task.id == "task-1"
    assert len(responses.calls) == 2


@responses.activate(registry=OrderedRegistry)
def test_by_default_a_create_that_got_a_500_is_re_sent_with_the_same_key(clock: FakeClock) -> None:
    responses.post(LYRICS, status=500, json={"error": "Internal server error"})
    responses.post(LYRICS, status=202, json=ACCEPTED)
    client = runapi.Client(api_key="k", base_url=BASE_URL, sleep=clock.sleep, clock=clock)
    assert client.retry_policy.idempotent_creates is True  # the default (runapi-core 0.10.1 README)

    assert client.suno.generate_lyrics.create(prompt="x").id == "task-1"
    keys = {call.request.headers["Idempotency-Key"] for call in responses.calls}
    assert len(responses.calls) == 2 and len(keys) == 1


@responses.activate(registry=OrderedRegistry)
def test_get_is_retried_after_a_read_timeout(client: runapi.Client) -> None:
    responses.get(f"{LYRICS}/task-1", body=requests.ReadTimeout("read timed out"))
    responses.get(f"{LYRICS}/task-1", json={"id": "task-1", "status": "completed", "lyrics": []})

    assert client.suno.generate_lyrics.get("task-1").status == "completed"
    assert len(responses.calls) == 2


@responses.activate
def test_timeouts_raise_api_timeout_error_when_retries_run_out(client: runapi.Client) -> None:
    responses.get(f"{LYRICS}/task-1", body=requests.ConnectTimeout("connect timed out"))
    with pytest.raises(runapi.APITimeoutError) as info:
        client.suno.generate_lyrics.get("task-1")
    assert info.value.request_sent is False
    assert len(responses.calls) == 3


@responses.activate
def test_retry_after_longer_than_the_cap_is_raised_not_waited(client: runapi.Client, clock: FakeClock) -> None:
    responses.get(f"{LYRICS}/task-1", status=429, json={"error": "Rate limit"}, headers={"Retry-After": "3600"})

    with pytest.raises(runapi.RateLimitError) as info:
        client.suno.generate_lyrics.get("task-1")

    assert info.value.retry_after == 3600.0
    assert clock.sleeps == []
    assert len(responses.calls) == 1


@responses.activate
def test_max_retries_zero_per_call(client: runapi.Client) -> None:
    responses.get(f"{LYRICS}/task-1", status=503, json={"error": "Service unavailable"})
    with pytest.raises(runapi.ServiceUnavailableError):
        client.suno.generate_lyrics.with_options(max_retries=0).get("task-1")
    assert len(responses.calls) == 1


@responses.activate
def test_client_errors_are_not_retried(client: runapi.Client) -> None:
    responses.post(LYRICS, status=400, json={"error": "Missing required parameter: prompt"})
    with pytest.raises(runapi.BadRequestError) as info:
        client.suno.generate_lyrics.create(prompt="x")
    assert info.value.message == "Missing required parameter: prompt"
    assert json.loads(responses.calls[0].request.body) == {"prompt": "x"}
    assert len(responses.calls) == 1
