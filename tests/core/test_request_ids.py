"""Idempotency keys, client request ids and the RunAPI task id, on both clients with mocked transports.

Facts from runapi-core 0.10.1 (README, "Request identifiers"): task creates take an opaque
``Idempotency-Key`` of at most 512 characters, de-duplicated by RunAPI, and reusing one with
different input answers ``409 Conflict``; ``X-Client-Request-Id`` (printable ASCII, at most 512)
is echoed and stored with the task; answers carry ``X-RunAPI-Task-Id``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

import httpx
import pytest
import requests
import responses
from responses.registries import OrderedRegistry
from urllib3.exceptions import ProtocolError

import runapi
from tests.conftest import BASE_URL, FakeClock

T = TypeVar("T")

KEY = "sk-request-ids-7f3e"
LYRICS = f"{BASE_URL}/api/v1/suno/generate_lyrics"
BOOST = f"{BASE_URL}/api/v1/suno/boost_style"
CONFLICT = {"error": "Idempotency-Key was already used with different input"}


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


class Wire:
    """httpx's mock transport: answers in turn (the last repeats), requests recorded."""

    def __init__(self, *answers: httpx.Response | Exception) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer


def async_client(wire: Wire, clock: FakeClock, **options: Any) -> runapi.AsyncClient:
    async def sleep(seconds: float) -> None:
        clock.sleep(seconds)

    http = httpx.AsyncClient(transport=httpx.MockTransport(wire))
    return runapi.AsyncClient(KEY, base_url=BASE_URL, http_client=http, sleep=sleep, clock=clock, **options)


@pytest.fixture
def sync(clock: FakeClock) -> runapi.Client:
    client = runapi.Client(KEY, base_url=BASE_URL, sleep=clock.sleep, clock=clock)
    client._random = lambda: 0.0
    return client


# -- the default: an unknown outcome is re-sent with the same key ----------------------------------


def test_the_clients_rely_on_the_idempotency_key_by_default(clock: FakeClock) -> None:
    assert runapi.Client(KEY).retry_policy.idempotent_creates is True
    assert runapi.AsyncClient(KEY).retry_policy.idempotent_creates is True
    assert runapi.Client(KEY).with_options(idempotent_creates=False).retry_policy.idempotent_creates is False
    assert runapi.ManagementClient("mk-1").retry_policy.idempotent_creates is False  # not promised there


@responses.activate(registry=OrderedRegistry)
def test_a_dropped_create_is_re_sent_once_with_the_same_key_and_makes_one_task(
    sync: runapi.Client, clock: FakeClock
) -> None:
    dropped = requests.ConnectionError(ProtocolError("Connection aborted.", ConnectionResetError(104, "reset")))
    responses.post(LYRICS, body=dropped)
    responses.post(LYRICS, status=202, json={"id": "t1"}, headers={"X-RunAPI-Task-Id": "t1"})
    task = sync.suno.generate_lyrics.create(prompt="night city")
    assert task.id == "t1" and task.runapi_task_id == "t1"
    keys = [call.request.headers["Idempotency-Key"] for call in responses.calls]
    assert len(keys) == 2 and keys[0] == keys[1]
    assert clock.sleeps == [0.5]  # one backoff, never a real sleep


def test_async_a_read_timeout_on_create_is_re_sent_with_the_same_key(clock: FakeClock) -> None:
    wire = Wire(httpx.ReadTimeout("silent"), httpx.Response(202, json={"id": "t1", "status": "processing"}))
    task = run(async_client(wire, clock).suno.generate_lyrics.create(prompt="p"))
    assert task.id == "t1"
    assert len(wire.requests) == 2 and len({r.headers["Idempotency-Key"] for r in wire.requests}) == 1


@responses.activate(registry=OrderedRegistry)
def test_an_upload_is_not_replayed_after_an_unknown_outcome_even_by_default(sync: runapi.Client) -> None:
    responses.post(f"{BASE_URL}/api/v1/files/from_url", status=500, json={"error": "Internal server error"})
    responses.post(f"{BASE_URL}/api/v1/files/from_url", status=201, json={"download_url": "https://f/never"})
    with pytest.raises(runapi.InternalServerError) as info:
        sync.files.from_url(file_url="https://example.com/cat.png")
    assert len(responses.calls) == 1 and info.value.task_may_exist  # the key is promised for task creates only


# -- 409: the key reused with different input ------------------------------------------------------


@responses.activate
def test_a_409_is_an_idempotency_conflict_naming_the_key_never_the_api_key(sync: runapi.Client) -> None:
    responses.post(LYRICS, status=409, json=CONFLICT)
    with pytest.raises(runapi.IdempotencyConflictError) as info:
        sync.suno.generate_lyrics.with_options(idempotency_key="order-42").create(prompt="night city")
    error = info.value
    assert isinstance(error, runapi.APIStatusError) and error.status_code == 409
    assert error.idempotency_key == "order-42" and error.task_may_exist is False
    assert "'order-42'" in str(error) and "already used with different input" in str(error)
    assert KEY not in str(error) and KEY not in repr(error) and KEY not in error.message
    assert len(responses.calls) == 1  # a refusal: not retried


def test_async_a_409_on_a_direct_call_is_an_idempotency_conflict(clock: FakeClock) -> None:
    wire = Wire(httpx.Response(409, json=CONFLICT))
    with pytest.raises(runapi.IdempotencyConflictError) as info:
        run(async_client(wire, clock).suno.boost_style(description="Pop"))
    sent = wire.requests[0].headers["Idempotency-Key"]
    assert info.value.idempotency_key == sent and sent in str(info.value)
    assert len(wire.requests) == 1


def test_409_has_its_class_in_the_status_table() -> None:
    error = runapi.errors.status_error(409, CONFLICT, {})
    assert type(error) is runapi.IdempotencyConflictError and error.message == CONFLICT["error"]


@pytest.mark.parametrize(
    ("value", "why"),
    [("k" * 513, "513 characters"), ("order\n42", "non-printable"), ("", "blank"), ("clé", "non-printable")],
)
def test_an_idempotency_key_is_checked_before_any_request(sync: runapi.Client, value: str, why: str) -> None:
    with responses.RequestsMock() as mock:  # any request would fail the test: none is registered
        with pytest.raises(runapi.ValidationError, match=why) as info:
            sync.suno.generate_lyrics.with_options(idempotency_key=value).create(prompt="x")
        assert info.value.field == "idempotency_key" and len(mock.calls) == 0


@responses.activate
def test_an_idempotency_key_of_512_characters_is_sent(sync: runapi.Client) -> None:
    responses.post(LYRICS, status=202, json={"id": "t1"})
    sync.suno.generate_lyrics.with_options(idempotency_key="k" * 512).create(prompt="x")
    assert responses.calls[0].request.headers["Idempotency-Key"] == "k" * 512


# -- X-Client-Request-Id -----------------------------------------------------------------------------


@responses.activate
def test_a_client_request_id_is_sent_on_every_api_request_of_the_client(clock: FakeClock) -> None:
    responses.post(LYRICS, status=202, json={"id": "t1"}, headers={"X-Client-Request-Id": "batch-7"})
    responses.get(f"{LYRICS}/t1", json={"id": "t1", "status": "completed"})
    responses.get(f"{BASE_URL}/api/v1/me/balance", json={"balance_cents": 5})
    client = runapi.Client(KEY, base_url=BASE_URL, client_request_id="batch-7", sleep=clock.sleep, clock=clock)
    task = client.suno.generate_lyrics.create(prompt="x")
    client.suno.generate_lyrics.get(task.id)
    client.get_balance()
    assert [call.request.headers["X-Client-Request-Id"] for call in responses.calls] == ["batch-7"] * 3
    assert task.response_headers["x-client-request-id"] == "batch-7"  # the echo, read case-insensitively
    assert "batch-7" in repr(client._settings) and KEY not in repr(client._settings)


def test_async_a_call_s_client_request_id_wins_over_the_client_s(clock: FakeClock) -> None:
    wire = Wire(httpx.Response(202, json={"id": "t1"}), httpx.Response(200, json={"style": "Pop"}))
    client = async_client(wire, clock).with_options(client_request_id="client-1")
    run(client.suno.generate_lyrics.with_options(client_request_id="call-2").create(prompt="p"))
    run(client.suno.boost_style(description="Pop"))
    assert [r.headers["X-Client-Request-Id"] for r in wire.requests] == ["call-2", "client-1"]
    assert wire.requests[0].headers["Idempotency-Key"] != "call-2"  # never derived from it


@pytest.mark.parametrize("value", ["r" * 513, "tab\there", "", "naïve"])
def test_a_client_request_id_is_checked_where_it_is_given(value: str) -> None:
    with pytest.raises(runapi.ValidationError) as made:
        runapi.Client(KEY, client_request_id=value)
    with pytest.raises(runapi.ValidationError) as copied:
        runapi.Client(KEY).with_options(client_request_id=value)
    with pytest.raises(runapi.ValidationError) as per_call:
        runapi.Client(KEY).suno.boost_style.with_options(client_request_id=value)
    assert made.value.field == copied.value.field == per_call.value.field == "client_request_id"
    assert "512 printable ASCII" in str(made.value)


# -- X-RunAPI-Task-Id on errors and results ---------------------------------------------------------


@responses.activate
def test_a_500_whose_body_was_lost_still_names_the_task(sync: runapi.Client) -> None:
    responses.post(LYRICS, status=500, body="<html>upstream error</html>", headers={"X-RunAPI-Task-Id": "t9"})
    with pytest.raises(runapi.InternalServerError) as info:
        sync.with_options(idempotent_creates=False).suno.generate_lyrics.create(prompt="x")
    assert info.value.task_id == "t9" and info.value.task_may_exist
    assert "[task t9]" in str(info.value)


@responses.activate
def test_an_unreadable_2xx_names_the_task_its_header_gives(sync: runapi.Client) -> None:
    responses.post(LYRICS, status=202, body="not json", headers={"X-RunAPI-Task-Id": "t3"})
    with pytest.raises(runapi.APIResponseValidationError) as info:
        sync.suno.generate_lyrics.create(prompt="x")
    assert info.value.task_id == "t3" and info.value.task_may_exist
    assert len(responses.calls) == 1  # answered: not sent again


def test_async_a_2xx_of_the_wrong_shape_names_the_task_its_header_gives(clock: FakeClock) -> None:
    wire = Wire(httpx.Response(202, json={"no": "id"}, headers={"X-RunAPI-Task-Id": "t4"}))
    with pytest.raises(runapi.APIResponseValidationError) as info:
        run(async_client(wire, clock).suno.generate_lyrics.create(prompt="p"))
    assert info.value.task_id == "t4" and info.value.idempotency_key


def test_async_an_error_without_the_header_names_no_task(clock: FakeClock) -> None:
    wire = Wire(httpx.Response(500, json={"error": "Internal server error"}))
    with pytest.raises(runapi.InternalServerError) as info:
        run(async_client(wire, clock, idempotent_creates=False).suno.generate_lyrics.create(prompt="p"))
    assert info.value.task_id is None


@responses.activate
def test_results_keep_their_answer_s_headers_as_metadata_not_data(sync: runapi.Client) -> None:
    responses.post(BOOST, json={"style": "Pop"}, headers={"X-RunAPI-Task-Id": "call-1", "X-Request-Id": "r1"})
    result = sync.suno.boost_style(description="Pop")
    assert result.runapi_task_id == "call-1" and result.response_headers["x-request-id"] == "r1"
    rebuilt = type(result).from_dict(result.to_dict())
    assert rebuilt == result and hash(rebuilt) == hash(result)  # equality and to_dict ignore the headers
    assert rebuilt.runapi_task_id is None and dict(rebuilt.response_headers) == {}
    assert result.to_dict() == {"style": "Pop"} and "call-1" not in repr(result)
