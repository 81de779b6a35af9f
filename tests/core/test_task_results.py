"""Task results (runapi-core 0.10.1): ``202`` + ``Location`` followed, ``client.tasks.get/wait/subscribe``.

Each test runs on ``runapi.Client`` and on ``runapi.AsyncClient`` (seen as blocking), both answered by
one scripted wire (a ``requests`` adapter, an ``httpx.MockTransport``) and sleeping on the fake clock.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import attrs
import httpx
import pytest
import requests
import requests.adapters
from requests.structures import CaseInsensitiveDict

import runapi
from runapi._core.models import Result
from runapi._core.operations import DirectOperation, Family
from runapi._core.params import params
from tests.conftest import API_KEY, BASE_URL, FakeClock
from tests.integration.clients import Blocking, loop_thread

PATH = "/api/v1/test/boost_style"
LOCATION = BASE_URL + "/api/v1/tasks/task-1"


@params
class BoostParams:
    """Params of the test endpoint.

    Attributes:
        description: style keywords.
    """

    description: str


@attrs.frozen(kw_only=True)
class Boosted(Result):
    style: str | None = None


class StyleFamily(Family[Any]):
    boost_style = DirectOperation(PATH, BoostParams, Boosted)


Answer = tuple[int, dict[str, str], Any]


class Wire:
    """Scripted answers in turn (the last repeats): ``(status, headers, JSON value or bytes)``; records requests."""

    def __init__(self, *answers: Answer) -> None:
        self.answers = list(answers)
        self.seen: list[tuple[str, str]] = []

    def answer(self, method: str, url: str) -> tuple[int, dict[str, str], bytes]:
        self.seen.append((method, url))
        status, headers, body = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(body, bytes):
            return status, headers, body
        return status, {"Content-Type": "application/json", **headers}, json.dumps(body).encode()


class _Adapter(requests.adapters.BaseAdapter):
    def __init__(self, wire: Wire) -> None:
        super().__init__()
        self.wire = wire

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        status, headers, body = self.wire.answer(str(request.method), str(request.url))
        response = requests.Response()
        response.status_code, response._content, response.url = status, body, str(request.url)
        response.headers = CaseInsensitiveDict(headers)
        response.request, response.reason = request, "OK"
        return response

    def close(self) -> None:
        pass


def accepted(retry_after: str | None = None, location: str = LOCATION) -> Answer:
    headers = {"Location": location}
    if retry_after is not None:
        headers["Retry-After"] = retry_after
    return (202, headers, {"id": "task-1", "status": "processing"})


def result(status: str = "processing", response: dict[str, Any] | None = None, **extra: Any) -> Answer:
    body: dict[str, Any] = {"id": "task-1", "status": status, **extra}
    if response is not None:
        body["response"] = response
    return (200, {}, body)


def stored(body: Any, content_type: str = "application/json", status: int = 200) -> Answer:
    return result("completed", {"status": status, "content_type": content_type, "headers": {}, "body": body})


@pytest.fixture(params=["sync", "async"])
def connect(request: pytest.FixtureRequest, clock: FakeClock) -> Iterator[Any]:
    """``connect(wire, **options)``: a client (or a blocking view of an async one) answered by ``wire``."""
    opened: list[Any] = []

    def make(wire: Wire, **options: Any) -> Any:
        if request.param == "sync":
            session = requests.Session()
            session.mount("https://", _Adapter(wire))
            client: Any = runapi.Client(
                API_KEY, base_url=BASE_URL, session=session, sleep=clock.sleep, clock=clock, **options
            )
            opened.append(client.close)
            return client

        async def sleep(seconds: float) -> None:
            clock.sleep(seconds)

        def handler(req: httpx.Request) -> httpx.Response:
            status, headers, body = wire.answer(req.method, str(req.url))
            return httpx.Response(status, headers=headers, content=body)

        async def build() -> runapi.AsyncClient:
            http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
            return runapi.AsyncClient(API_KEY, base_url=BASE_URL, http_client=http, sleep=sleep, clock=clock, **options)

        made = loop_thread().run(build())
        opened.append(lambda: loop_thread().run(made.aclose()))
        return Blocking(made)

    yield make
    for close in opened:
        close()


def boost(client: Any) -> Any:
    return StyleFamily(client._target if isinstance(client, Blocking) else client).boost_style


def call_boost(client: Any, **kwargs: Any) -> Any:
    resource = boost(client)
    return Blocking(resource)(**kwargs) if isinstance(client, Blocking) else resource(**kwargs)


def test_a_direct_call_answered_202_follows_its_location_to_the_typed_result(connect: Any, clock: FakeClock) -> None:
    wire = Wire(accepted(), result("pending"), stored({"style": "pop, upbeat"}))
    client = connect(wire, poll_interval=2.0)
    boosted = call_boost(client, description="pop")
    assert isinstance(boosted, Boosted) and boosted.style == "pop, upbeat"
    assert wire.seen == [("POST", BASE_URL + PATH), ("GET", LOCATION), ("GET", LOCATION)]
    assert clock.sleeps == [2.0, 3.0]  # the client's schedule: 2 s, then 1.5x


def test_the_202_answers_retry_after_is_the_first_polls_delay(connect: Any, clock: FakeClock) -> None:
    wire = Wire(accepted(retry_after="7"), stored({"style": "pop"}))
    call_boost(connect(wire, poll_interval=2.0), description="pop")
    assert clock.sleeps == [7.0]


def test_a_status_answers_retry_after_sets_the_next_gap(connect: Any, clock: FakeClock) -> None:
    processing = (200, {"Retry-After": "5"}, {"id": "task-1", "status": "processing"})
    wire = Wire(processing, stored("plain words", "text/plain"))
    assert connect(wire, poll_interval=2.0).tasks.subscribe(LOCATION) == "plain words"
    assert clock.sleeps == [5.0]  # the first poll is immediate; the answer asked for 5 s


@pytest.mark.parametrize(
    ("content_type", "body", "expected"),
    [
        ("text/plain; charset=utf-8", "la la", "la la"),
        ("text/vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nhi", "WEBVTT\n\n00:00.000 --> 00:01.000\nhi"),
        ("application/x-subrip", "1\n00:00:00,000 --> 00:00:01,000\nhi", "1\n00:00:00,000 --> 00:00:01,000\nhi"),
        ("application/srt", "1\n", "1\n"),
        ("audio/mpeg", "ID3", b"ID3"),
        ("application/problem+json", {"style": "x"}, {"style": "x"}),
    ],
)
def test_subscribe_decodes_by_content_type(connect: Any, content_type: str, body: Any, expected: Any) -> None:
    answer = connect(Wire(stored(body, content_type))).tasks.subscribe(LOCATION)
    assert answer == expected and type(answer) is type(expected)


def test_subscribe_types_a_json_answer_as_asked(connect: Any) -> None:
    answer = connect(Wire(stored({"style": "pop"}))).tasks.subscribe("/api/v1/tasks/task-1", as_=Boosted)
    assert answer == Boosted(style="pop")


def test_as_is_refused_for_an_answer_that_is_not_json(connect: Any) -> None:
    with pytest.raises(runapi.APIResponseValidationError, match="JSON object for Boosted, not text"):
        connect(Wire(stored("words", "text/plain"))).tasks.subscribe(LOCATION, as_=Boosted)
    with pytest.raises(runapi.APIResponseValidationError, match="image/png"):  # neither JSON nor text
        connect(Wire(stored("pixels", "image/png"))).tasks.subscribe(LOCATION, as_=Boosted)


def test_a_result_that_reads_text_is_made_from_a_stored_text_answer(connect: Any) -> None:
    from runapi.openai_transcription import Transcription

    srt = "1\n00:00:00,000 --> 00:00:01,000\nhello\n"
    answer = connect(Wire(stored(srt, "application/x-subrip"))).tasks.subscribe(LOCATION, as_=Transcription)
    assert isinstance(answer, Transcription) and answer.text == srt


@pytest.mark.parametrize(
    ("status", "error_class"),
    [(400, runapi.BadRequestError), (404, runapi.NotFoundError), (500, runapi.InternalServerError)],
)
@pytest.mark.parametrize("task_status", ["completed", "failed"])
def test_a_stored_error_answer_raises_the_mapped_error(
    connect: Any, status: int, error_class: type[runapi.APIStatusError], task_status: str
) -> None:
    answer = {"status": status, "content_type": "application/json", "headers": {}, "body": {"error": "bad style"}}
    wire = Wire(accepted(), result(task_status, answer, error="bad style"))
    with pytest.raises(error_class) as caught:
        call_boost(connect(wire), description="pop")
    assert caught.value.status_code == status
    assert "bad style" in str(caught.value) and caught.value.body == {"error": "bad style"}
    assert caught.value.task_id == "task-1" and not caught.value.task_may_exist  # it ended with that answer


def test_a_failed_task_without_an_error_answer_raises_task_failed(connect: Any) -> None:
    wire = Wire(result("failed", error="Content policy"))
    with pytest.raises(runapi.TaskFailedError) as caught:
        connect(wire).tasks.subscribe(LOCATION)
    assert (caught.value.task_id, caught.value.error) == ("task-1", "Content policy")


def test_a_stored_failed_task_envelope_raises_task_failed(connect: Any) -> None:
    envelope = {"id": "task-1", "status": "failed", "error": "no lyrics"}
    wire = Wire(accepted(), result("failed", {"status": 200, "content_type": "application/json", "body": envelope}))
    with pytest.raises(runapi.TaskFailedError, match="no lyrics"):
        call_boost(connect(wire), description="pop")


def test_tasks_get_returns_the_typed_task_result(connect: Any) -> None:
    wire = Wire(stored({"style": "pop"}))
    task = connect(wire).tasks.get("task-1")
    assert isinstance(task, runapi.TaskResult) and task.is_completed
    assert task.response == runapi.TaskResultResponse(
        status=200, content_type="application/json", body={"style": "pop"}
    )
    assert wire.seen == [("GET", LOCATION)]


def test_tasks_wait_polls_until_the_task_ended_and_returns_a_failed_one(connect: Any, clock: FakeClock) -> None:
    wire = Wire(result("pending"), result("processing"), result("failed", error="Refunded"))
    task = connect(wire, poll_interval=2.0).tasks.wait("task-1")
    assert (task.status, task.error, task.response) == ("failed", "Refunded", None)
    assert len(wire.seen) == 3 and clock.sleeps == [2.0, 3.0]


def test_the_wait_deadline_raises_task_timeout_with_the_task_id(connect: Any, clock: FakeClock) -> None:
    wire = Wire(accepted(), result("processing"))
    with pytest.raises(runapi.TaskTimeoutError) as caught:
        call_boost(connect(wire, poll_interval=2.0, wait_timeout=10.0), description="pop")
    assert (caught.value.task_id, caught.value.last_status, caught.value.location) == ("task-1", "processing", LOCATION)
    assert sum(clock.sleeps) == pytest.approx(10.0)


def test_tasks_wait_timeout_argument(connect: Any, clock: FakeClock) -> None:
    with pytest.raises(runapi.TaskTimeoutError, match="task-1"):
        connect(Wire(result("processing"))).tasks.wait("task-1", timeout=5.0, poll_interval=1.0)
    assert sum(clock.sleeps) == pytest.approx(5.0)


@pytest.mark.parametrize(
    "location",
    [
        "https://evil.example/api/v1/tasks/task-1",
        "http://api.test/api/v1/tasks/task-1",  # another scheme
        "https://api.test:8443/api/v1/tasks/task-1",  # another port
        "//evil.example/api/v1/tasks/task-1",
        "api/v1/tasks/task-1",
        " ",
    ],
)
def test_subscribe_refuses_another_origin_before_any_request(connect: Any, location: str) -> None:
    wire = Wire(stored({"style": "pop"}))
    with pytest.raises(runapi.ValidationError) as caught:
        connect(wire).tasks.subscribe(location)
    assert caught.value.field == "location"
    assert wire.seen == []


def test_a_202_location_on_another_origin_is_not_followed(connect: Any) -> None:
    wire = Wire(accepted(location="https://evil.example/api/v1/tasks/task-1"), stored({"style": "pop"}))
    with pytest.raises(runapi.APIResponseValidationError, match="not followed") as caught:
        call_boost(connect(wire), description="pop")
    assert caught.value.task_may_exist
    assert wire.seen == [("POST", BASE_URL + PATH)]


def test_a_202_without_location_is_an_invalid_answer(connect: Any) -> None:
    wire = Wire((202, {}, {"id": "task-1", "status": "processing"}))
    with pytest.raises(runapi.APIResponseValidationError, match="without a Location"):
        call_boost(connect(wire), description="pop")


def test_a_password_in_the_location_never_shows(connect: Any) -> None:
    wire = Wire(stored({}))
    with pytest.raises(runapi.ValidationError) as caught:
        connect(wire).tasks.subscribe("https://user:hunter2@evil.example/api/v1/tasks/x")
    assert "hunter2" not in str(caught.value)
