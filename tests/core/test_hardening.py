"""What a first real user hit: orphaned tasks, creates of unknown outcome, options, base URLs, keys, tracebacks.

Each test here failed on the SDK before the hardening issue (see CHANGELOG) and states what a user checks.
"""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import math
import pickle
import traceback
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import requests
import responses
from responses.registries import OrderedRegistry
from urllib3.exceptions import ProtocolError

import runapi
from runapi.suno import LyricsTask, MusicTask
from tests.conftest import API_KEY, BASE_URL, FakeClock

LYRICS = f"{BASE_URL}/api/v1/suno/generate_lyrics"
ACCEPTED = {"id": "task-1", "status": "processing"}
PROCESSING = {"id": "task-1", "status": "processing"}
DONE = {"id": "task-1", "status": "completed", "lyrics": [{"title": "Night", "text": "[Verse] ..."}]}


def dropped() -> requests.ConnectionError:
    return requests.ConnectionError(ProtocolError("Connection aborted.", ConnectionResetError(104, "reset")))


# -- 3. a created task is never orphaned -------------------------------------------------------


@responses.activate(registry=OrderedRegistry)
def test_wait_polls_through_a_long_outage_until_the_task_completes(client: runapi.Client, clock: FakeClock) -> None:
    responses.post(LYRICS, status=202, json=ACCEPTED)
    for _ in range(9):  # three times one GET's retry budget, all failing
        responses.get(f"{LYRICS}/task-1", status=503, json={"error": "Service unavailable"})
    responses.get(f"{LYRICS}/task-1", body=dropped())
    responses.get(f"{LYRICS}/task-1", body=requests.ReadTimeout("read timed out"))
    responses.get(f"{LYRICS}/task-1", status=200, json=DONE)

    task = client.suno.generate_lyrics.run(prompt="night city")

    assert task.is_completed and task.lyrics[0].title == "Night"
    assert len(responses.calls) == 1 + 12  # the create, 11 failed polls, the answer
    assert clock.now - 1000.0 < 900  # inside the default wait deadline


@responses.activate
def test_a_wait_that_runs_out_during_an_outage_is_a_timeout_with_the_task_id(
    client: runapi.Client, clock: FakeClock
) -> None:
    responses.get(f"{LYRICS}/task-1", status=502, json={"error": "Bad gateway"})

    with pytest.raises(runapi.TaskTimeoutError) as info:
        client.suno.generate_lyrics.wait("task-1", timeout=60)

    assert info.value.task_id == "task-1"
    assert isinstance(info.value.__cause__, runapi.APIStatusError)
    assert info.value.__cause__.status_code == 502
    assert clock.now - 1000.0 == pytest.approx(60)


@responses.activate(registry=OrderedRegistry)
def test_a_final_error_while_waiting_carries_the_task_id(client: runapi.Client) -> None:
    responses.post(LYRICS, status=202, json=ACCEPTED)
    responses.get(f"{LYRICS}/task-1", status=200, json=PROCESSING)
    responses.get(f"{LYRICS}/task-1", status=401, json={"error": "Invalid API key"})

    with pytest.raises(runapi.AuthenticationError) as info:
        client.suno.generate_lyrics.run(prompt="night city")

    assert info.value.task_id == "task-1"
    assert "task-1" in str(info.value)
    assert len(responses.calls) == 3  # a 401 is not polled through


@responses.activate(registry=OrderedRegistry)
def test_a_status_answer_of_the_wrong_shape_carries_the_task_id(client: runapi.Client) -> None:
    responses.get(f"{LYRICS}/task-1", status=200, json=["not", "a", "task"])
    with pytest.raises(runapi.APIResponseValidationError) as info:
        client.suno.generate_lyrics.wait("task-1")
    assert info.value.task_id == "task-1"


@responses.activate
def test_get_errors_carry_the_task_id(client: runapi.Client) -> None:
    responses.get(f"{LYRICS}/task-9", status=404, json={"error": "Task not found"})
    with pytest.raises(runapi.NotFoundError) as info:
        client.suno.generate_lyrics.get("task-9")
    assert info.value.task_id == "task-9"


@pytest.mark.parametrize(("header", "expected"), [("0", 1.0), ("3600", 60.0), ("-5", 1.0), ("7", 7.0)])
@responses.activate(registry=OrderedRegistry)
def test_retry_after_on_a_status_answer_is_kept_within_bounds(
    client: runapi.Client, clock: FakeClock, header: str, expected: float
) -> None:
    responses.get(f"{LYRICS}/task-1", status=200, json=PROCESSING, headers={"Retry-After": header})
    responses.get(f"{LYRICS}/task-1", status=200, json=DONE)

    client.suno.generate_lyrics.wait("task-1")

    assert clock.sleeps == [expected]  # never a busy loop (at least 1 s), never past the 60 s cap


# -- 4. a create whose outcome is unknown says so ---------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        {"status": 500, "json": {"error": "Internal server error"}},
        {"status": 504, "json": {"error": "Gateway timeout"}},
        {"body": dropped()},
        {"body": requests.ReadTimeout("read timed out")},
        {"status": 202, "body": "<html>oops</html>"},
    ],
    ids=["500", "504", "dropped", "read-timeout", "unreadable-2xx"],
)
@responses.activate
def test_a_create_of_unknown_outcome_says_the_task_may_exist(client: runapi.Client, answer: dict[str, object]) -> None:
    responses.post(LYRICS, **answer)  # type: ignore[arg-type]

    with pytest.raises(runapi.APIError) as info:
        client.suno.generate_lyrics.create(prompt="night city")

    error = info.value
    sent_keys = {call.request.headers["Idempotency-Key"] for call in responses.calls}
    assert error.task_may_exist is True
    assert error.request_sent is True
    assert sent_keys == {error.idempotency_key}  # every attempt carried the one key
    assert "task may have been created" in str(error)
    assert error.idempotency_key is not None and error.idempotency_key in str(error)
    # re-sent with that key by default (RunAPI de-duplicates) until the retries ran out; a 2xx
    # whose body could not be read was answered, so it is not sent again
    unreadable = answer.get("status") == 202
    assert len(responses.calls) == error.attempts == (1 if unreadable else 3)


@pytest.mark.parametrize(
    "answer",
    [{"status": 500, "json": {"error": "Internal server error"}}, {"body": dropped()}],
    ids=["500", "dropped"],
)
@responses.activate
def test_without_idempotent_creates_a_create_of_unknown_outcome_is_sent_once(
    client: runapi.Client, answer: dict[str, object]
) -> None:
    responses.post(LYRICS, **answer)  # type: ignore[arg-type]
    with pytest.raises(runapi.APIError) as info:
        client.with_options(idempotent_creates=False).suno.generate_lyrics.create(prompt="night city")
    assert info.value.task_may_exist is True
    assert len(responses.calls) == 1  # not replayed


@pytest.mark.parametrize(
    ("status", "error_type"),
    [(400, runapi.BadRequestError), (402, runapi.PaymentRequiredError), (422, runapi.UnprocessableEntityError)],
)
@responses.activate
def test_a_refused_create_says_no_task_exists(client: runapi.Client, status: int, error_type: type) -> None:
    responses.post(LYRICS, status=status, json={"error": "refused"})
    with pytest.raises(error_type) as info:
        client.suno.generate_lyrics.create(prompt="night city")
    assert info.value.task_may_exist is False
    assert info.value.idempotency_key == responses.calls[0].request.headers["Idempotency-Key"]
    assert "may have been created" not in str(info.value)


@responses.activate(registry=OrderedRegistry)
def test_retrying_with_the_errors_idempotency_key_resends_the_same_key(client: runapi.Client) -> None:
    responses.post(LYRICS, status=500, json={"error": "Internal server error"})
    responses.post(LYRICS, status=202, json=ACCEPTED)
    endpoint = client.with_options(idempotent_creates=False).suno.generate_lyrics

    with pytest.raises(runapi.InternalServerError) as info:
        endpoint.create(prompt="night city")
    task = endpoint.with_options(idempotency_key=info.value.idempotency_key).create(prompt="night city")

    assert task.id == "task-1"
    keys = [call.request.headers["Idempotency-Key"] for call in responses.calls]
    assert keys[0] == keys[1]


# -- 6. base URL -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "given",
    ["https://runapi.ai/api/v1", "https://runapi.ai/api/v1/", "https://runapi.ai/", " https://runapi.ai "],
)
def test_the_docs_base_url_is_accepted(given: str) -> None:
    assert runapi.Client(api_key="k", base_url=given).base_url == "https://runapi.ai"


@responses.activate
def test_a_base_url_with_api_v1_reaches_the_documented_path() -> None:
    responses.get("http://127.0.0.1:8910/api/v1/me/balance", json={"balance_cents": 5})
    client = runapi.Client(api_key="k", base_url="http://127.0.0.1:8910/api/v1")
    assert client.get_balance().balance_cents == 5


@pytest.mark.parametrize("given", ["runapi.ai", "ftp://runapi.ai", "https://", "https://runapi.ai?x=1", "http://[::1"])
def test_a_base_url_that_is_not_an_http_url_is_refused(given: str) -> None:
    with pytest.raises(runapi.ValidationError) as info:
        runapi.Client(api_key="k", base_url=given)
    assert info.value.field == "base_url"
    assert "https://runapi.ai" in str(info.value)


def _clients() -> list[Any]:
    """Every client kind, each made from keyword arguments (the key under each one's own name)."""
    return [
        pytest.param(lambda **kw: runapi.Client(api_key=API_KEY, **kw), id="Client"),
        pytest.param(lambda **kw: runapi.AsyncClient(api_key=API_KEY, **kw), id="AsyncClient"),
        pytest.param(lambda **kw: runapi.ManagementClient(management_key=API_KEY, **kw), id="ManagementClient"),
        pytest.param(lambda **kw: runapi.AsyncManagementClient(management_key=API_KEY, **kw), id="AsyncManagement"),
    ]


@pytest.mark.parametrize("make", _clients())
@pytest.mark.parametrize(
    "given",
    [
        "http://exa mple.com",
        "https://runapi.ai/\r\nX-Injected: 1",
        "https://run\tapi.ai",
        "https://runapi.ai/v1\x00",
        "https://runapi.ai/\u200bx",
    ],
)
def test_a_base_url_with_a_space_or_a_control_character_is_refused(make: Callable[..., Any], given: str) -> None:
    with pytest.raises(runapi.ValidationError) as info:
        make(base_url=given)
    message = str(info.value)
    assert info.value.field == "base_url" and "without spaces or control characters" in message
    assert repr(given) in message  # shown escaped: never a raw line break or tab in the message
    assert not any(c in message for c in "\r\n\t\x00")
    with pytest.raises(runapi.ValidationError, match="base_url"):
        make().with_options(base_url=given)


def test_white_space_around_a_base_url_is_dropped() -> None:
    assert runapi.Client(api_key="k", base_url=" https://runapi.ai/\n").base_url == "https://runapi.ai"  # an env file


@pytest.mark.parametrize("make", _clients())
def test_a_password_in_the_base_url_is_masked_in_the_repr_and_in_messages(make: Callable[..., Any]) -> None:
    client = make(base_url="https://user:s3cret-pw@proxy.test/")
    assert repr(client) == f"<runapi.{type(client).__name__} base_url='https://user:***@proxy.test'>"
    with pytest.raises(runapi.ValidationError) as info:
        make(base_url="https://user:s3cret-pw@proxy.test/?x=1")
    assert info.value.field == "base_url" and "user:***@proxy.test" in str(info.value)
    with pytest.raises(runapi.ValidationError) as info:
        make(base_url="https://user:s3 cret@proxy.test")  # a space even in the password: refused, still masked
    assert "s3" not in str(info.value) and "'https://user:***@proxy.test'" in str(info.value)
    with pytest.raises(runapi.ValidationError) as info:
        make(base_url="https://tok-3f9a@proxy.test?x")  # a lone user is often a token: masked too
    assert "tok-3f9a" not in str(info.value) and "https://***@proxy.test" in str(info.value)


@responses.activate
def test_api_errors_mask_the_base_urls_password(clock: FakeClock, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="runapi")
    base = "https://user:s3cret-pw@proxy.test"
    responses.get(f"{base}/api/v1/me/balance", status=500, json={"error": "Internal server error"})
    responses.post(f"{base}/api/v1/suno/generate_lyrics", body=requests.ConnectionError("reset"))
    client = runapi.Client(api_key=API_KEY, base_url=base, max_retries=0, sleep=clock.sleep, clock=clock)
    with pytest.raises(runapi.InternalServerError) as status:
        client.get_balance()
    with pytest.raises(runapi.APIConnectionError) as lost:
        client.suno.generate_lyrics.create(prompt="night")
    assert status.value.url == "https://user:***@proxy.test/api/v1/me/balance"
    assert str(status.value) == "500 Internal server error (GET https://user:***@proxy.test/api/v1/me/balance)"
    assert lost.value.url == "https://user:***@proxy.test/api/v1/suno/generate_lyrics"
    for text in (str(status.value), repr(status.value), str(lost.value), repr(lost.value.__dict__), caplog.text):
        assert "s3cret-pw" not in text
    assert "GET https://user:***@proxy.test/api/v1/me/balance -> 500" in caplog.text


def test_async_api_errors_mask_the_base_urls_password() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(503, json={"error": "Service unavailable"}))
    client = runapi.AsyncClient(
        api_key=API_KEY,
        base_url="https://user:s3cret-pw@proxy.test",
        http_client=httpx.AsyncClient(transport=transport),
        max_retries=0,
    )
    with pytest.raises(runapi.ServiceUnavailableError) as info:
        asyncio.run(client.get_balance())
    assert info.value.url == "https://user:***@proxy.test/api/v1/me/balance"
    assert "s3cret-pw" not in str(info.value) and "user:***@proxy.test" in str(info.value)


# -- clients are not copied or pickled: with_options is the copy ---------------------------------------


@pytest.mark.parametrize("make", _clients())
@pytest.mark.parametrize(
    ("how", "attempt"),
    [
        ("copied", copy.copy),
        ("deep-copied", copy.deepcopy),
        ("pickled", pickle.dumps),
    ],
)
def test_a_client_refuses_to_be_copied_or_pickled_and_names_with_options(
    make: Callable[..., Any], how: str, attempt: Callable[[Any], Any]
) -> None:
    client = make(default_headers={"X-Team": "t"})
    with pytest.raises(TypeError) as info:
        attempt(client)
    message = str(info.value)
    assert f"cannot be {how}" in message and "with_options(" in message and type(client).__name__ in message
    assert API_KEY not in message and API_KEY not in repr(info.value)
    other = client.with_options(max_retries=5)  # the copy there is: same pool, its own settings
    assert other._transport is client._transport and other.retry_policy.max_retries == 5
    assert other.default_headers == {"X-Team": "t"}


def test_a_deep_copy_of_what_holds_a_client_says_so(client: runapi.Client) -> None:
    with pytest.raises(TypeError, match=r"runapi\.Client cannot be deep-copied"):
        copy.deepcopy({"settings": {"client": client}})


# -- 7. options checked at construction ---------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("timeout", "abc"),
        ("timeout", -1),
        ("timeout", 0),
        ("timeout", (5, math.nan)),
        ("timeout", math.inf),
        ("wait_timeout", 0),
        ("wait_timeout", -5),
        ("wait_timeout", math.nan),
        ("poll_interval", 0),
        ("poll_interval", -1),
        ("max_poll_interval", 0),
        ("max_retries", -1),
        ("max_retries", 1.5),
        ("max_retries", True),
        ("max_connections", 0),
        ("default_headers", {"X-A": "a\r\nInjected: 1"}),
    ],
)
def test_bad_options_are_refused_everywhere_naming_the_option(option: str, value: object) -> None:
    with pytest.raises(runapi.ValidationError) as built:
        runapi.Client(api_key="k", **{option: value})  # type: ignore[arg-type]
    name = "extra_headers" if option == "default_headers" else option
    assert built.value.field == name
    if option == "max_connections":
        return
    client = runapi.Client(api_key="k")
    with pytest.raises(runapi.ValidationError):
        client.with_options(**{option: value})  # type: ignore[arg-type]
    if option in ("timeout", "max_retries", "wait_timeout", "poll_interval", "max_poll_interval"):
        with pytest.raises(runapi.ValidationError) as per_call:
            client.suno.generate_lyrics.with_options(**{option: value})  # type: ignore[arg-type]
        assert per_call.value.field == option


@pytest.mark.parametrize(("option", "value"), [("poll_interval", -1), ("wait_timeout", math.nan), ("timeout", "x")])
@responses.activate
def test_a_bad_wait_option_is_refused_before_run_creates_the_paid_task(
    client: runapi.Client, option: str, value: object
) -> None:
    responses.post(LYRICS, status=202, json=ACCEPTED)
    with pytest.raises(runapi.ValidationError):
        client.suno.generate_lyrics.with_options(**{option: value}).run(prompt="x")  # type: ignore[arg-type]
    assert len(responses.calls) == 0


def test_wait_checks_its_own_options(client: runapi.Client) -> None:
    with pytest.raises(runapi.ValidationError) as info:
        client.suno.generate_lyrics.wait("task-1", poll_interval=0)
    assert info.value.field == "poll_interval"


def test_client_with_options_takes_the_constructor_names(client: runapi.Client) -> None:
    other = client.with_options(
        base_url="http://127.0.0.1:8910/api/v1", timeout=5, max_retries=0, idempotent_creates=True, wait_timeout=30
    )
    assert other.base_url == "http://127.0.0.1:8910"
    assert other.timeout == runapi.Timeout(5, 5)
    assert other.retry_policy.max_retries == 0 and other.retry_policy.idempotent_creates
    assert other.poll_policy.timeout == 30
    assert client.base_url == BASE_URL and client.retry_policy.max_retries == 2  # the original is untouched


# -- 13. hostile input: keys, idempotency keys --------------------------------------------------


@pytest.mark.parametrize("key", ["sk-x\nY", "sk-x\rY", "sk-\x00x", "sk-ключ", "sk- x", "sk-x\tY"])
def test_an_api_key_no_header_can_carry_is_refused_without_showing_it(key: str) -> None:
    with pytest.raises(runapi.ValidationError) as info:
        runapi.Client(api_key=key)
    assert info.value.field == "api_key"
    text = "".join(traceback.format_exception(info.value))
    assert key not in text and key.strip()[3:] not in text


def test_the_same_idempotency_key_for_a_different_create_is_refused(client: runapi.Client) -> None:
    with responses.RequestsMock() as http:
        http.post(LYRICS, status=202, json=ACCEPTED)
        endpoint = client.suno.generate_lyrics.with_options(idempotency_key="order-42")
        endpoint.create(prompt="night city")
        endpoint.create(prompt="night city")  # the same create again: a retry, allowed
        with pytest.raises(runapi.ValidationError) as info:
            endpoint.create(prompt="another song")
        assert len(http.calls) == 2
    assert info.value.field == "idempotency_key"


def test_each_create_gets_its_own_uuid4_key_even_after_random_seed(client: runapi.Client) -> None:
    """A batch script that calls random.seed(0) must not send the keys of its last run again."""
    import random
    import uuid

    def keys() -> list[str]:
        random.seed(0)
        with responses.RequestsMock() as http:
            http.post(LYRICS, status=202, json=ACCEPTED)
            for _ in range(3):
                client.suno.generate_lyrics.create(prompt="night city")
            return [str(call.request.headers["Idempotency-Key"]) for call in http.calls]

    first, second = keys(), keys()
    assert len(set(first + second)) == 6
    assert all(uuid.UUID(key).version == 4 and str(uuid.UUID(key)) == key for key in first + second)


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="os.fork is POSIX-only")
def test_a_forked_worker_does_not_repeat_its_parents_keys() -> None:
    import os

    from runapi._core.operations import new_idempotency_key

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: send its next key and leave at once
        os.write(write, new_idempotency_key().encode())
        os._exit(0)
    os.close(write)
    parent_key = new_idempotency_key()
    child_key = os.read(read, 100).decode()
    os.waitpid(pid, 0)
    os.close(read)
    assert len(child_key) == 36 and child_key != parent_key


@pytest.mark.parametrize("key", ["", "   ", "a\nb", "ключ"])
def test_a_malformed_idempotency_key_is_refused(client: runapi.Client, key: str) -> None:
    with pytest.raises(runapi.ValidationError) as info:
        client.suno.generate_lyrics.with_options(idempotency_key=key)
    assert info.value.field == "idempotency_key"


# -- 11. small things ----------------------------------------------------------------------------


@responses.activate
def test_tracebacks_end_in_the_sdk_not_in_the_retry_library(client: runapi.Client) -> None:
    responses.get(f"{LYRICS}/task-1", status=503, json={"error": "Service unavailable"})
    with pytest.raises(runapi.ServiceUnavailableError) as info:
        client.suno.generate_lyrics.get("task-1")
    frames = traceback.extract_tb(info.value.__traceback__)
    assert not any("tenacity" in frame.filename for frame in frames)
    assert len(frames) <= 8, [f"{f.filename}:{f.name}" for f in frames]


def test_tasks_round_trip_through_to_dict() -> None:
    for payload, cls in (
        ({**DONE, "future_field": {"x": 1}}, LyricsTask),
        (json.loads(json.dumps(DONE)), LyricsTask),
        ({"id": "m1", "status": "completed", "audios": [{"id": "a", "duration": 1.5, "tags": ["lo-fi"]}]}, MusicTask),
    ):
        task = cls.from_dict(payload)
        again = cls.from_dict(json.loads(json.dumps(task.to_dict())))
        assert again == task
        assert again.raw == payload
    built = MusicTask(id="m2", status="processing")
    assert MusicTask.from_dict(built.to_dict()) == built


def test_secrets_stay_out_of_logs(caplog: pytest.LogCaptureFixture, client: runapi.Client) -> None:
    caplog.set_level(logging.DEBUG, logger="runapi")
    with responses.RequestsMock() as http:
        http.get(f"{LYRICS}/task-1", status=503, json={"error": "x"})
        http.get(f"{LYRICS}/task-1", status=200, json=DONE)
        client.suno.generate_lyrics.get("task-1")
    assert API_KEY not in caplog.text


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_idempotent_creates_must_be_a_bool(value: object) -> None:
    with pytest.raises(runapi.ValidationError, match="idempotent_creates must be True or False") as info:
        runapi.Client(api_key="sk-x", idempotent_creates=value)  # type: ignore[arg-type]
    assert info.value.field == "idempotent_creates"


def test_a_pre_signed_urls_query_credentials_are_masked_in_errors() -> None:
    from runapi.errors import APIStatusError, redact_url, status_error

    url = "https://bucket.s3.example.com/up/1?X-Amz-Credential=AKIAEXAMPLE&X-Amz-Signature=deadbeef&partNumber=2"
    error = status_error(403, {"error": "Forbidden"}, {}, method="PUT", url=url)
    assert isinstance(error, APIStatusError)
    for text in (str(error), error.url or ""):
        assert "AKIAEXAMPLE" not in text and "deadbeef" not in text
        assert "partNumber=2" in text  # what is no credential stays readable
    assert redact_url("https://h/x?token=t0k&sig=s1g&api_key=k3y") == "https://h/x?token=***&sig=***&api_key=***"
