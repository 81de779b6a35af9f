"""Direct operations: a POST that answers 2xx with the result itself (no task, no polling).

A small family declared here stands in for the documented ones (Suno's ``boost_style`` and the
like), so these tests check the core's behaviour once for every family that uses it.
"""

from __future__ import annotations

import inspect
import json
import uuid

import attrs
import pytest
import requests
import responses
from responses.registries import OrderedRegistry
from urllib3.exceptions import ProtocolError

import runapi
from runapi._core.models import Result
from runapi._core.operations import DirectOperation, Family
from runapi._core.params import field as param, params, text
from tests.conftest import API_KEY, BASE_URL, FakeClock

PATH = "/api/v1/test/boost_style"
URL = BASE_URL + PATH


@params
class BoostParams:
    """Params of the test endpoint.

    Attributes:
        description: style keywords.
    """

    description: str = param(text(max_length=50))
    temperature: float | None = None


@attrs.frozen(kw_only=True)
class Boosted(Result):
    style: str | None = None


class StyleFamily(Family):
    boost_style = DirectOperation(PATH, BoostParams, Boosted)


@pytest.fixture
def family(client: runapi.Client) -> StyleFamily:
    return StyleFamily(client)


@responses.activate
def test_a_call_returns_the_typed_result_with_unknown_fields_on_raw(family: StyleFamily) -> None:
    responses.post(URL, json={"style": "Pop, Upbeat", "tokens": 12})
    result = family.boost_style(description="Pop")
    assert isinstance(result, Boosted)
    assert result.style == "Pop, Upbeat"
    assert result.raw == {"style": "Pop, Upbeat", "tokens": 12}
    (call,) = responses.calls
    assert json.loads(call.request.body or b"") == {"description": "Pop"}
    assert call.request.headers["Authorization"] == f"Bearer {API_KEY}"
    assert uuid.UUID(str(call.request.headers["Idempotency-Key"])).version == 4


@responses.activate
def test_bad_params_are_refused_before_any_request(family: StyleFamily) -> None:
    with pytest.raises(runapi.ValidationError) as info:
        family.boost_style(description="x" * 51)
    assert info.value.field == "description"
    with pytest.raises(runapi.ValidationError, match="unknown parameter 'style'"):
        family.boost_style(description="Pop", style="x")  # type: ignore[call-arg]
    assert len(responses.calls) == 0


@responses.activate(registry=OrderedRegistry)
def test_without_idempotent_creates_a_500_is_not_replayed_and_says_the_server_may_have_acted(
    client: runapi.Client,
) -> None:
    responses.post(URL, status=500, json={"error": "Internal server error"})
    responses.post(URL, json={"style": "never reached"})
    with pytest.raises(runapi.InternalServerError) as info:
        StyleFamily(client.with_options(idempotent_creates=False)).boost_style(description="Pop")
    assert len(responses.calls) == 1
    assert info.value.task_may_exist is True
    assert info.value.idempotency_key == responses.calls[0].request.headers["Idempotency-Key"]


@responses.activate(registry=OrderedRegistry)
def test_by_default_a_500_is_re_sent_with_the_same_key_and_the_answer_read(family: StyleFamily) -> None:
    responses.post(URL, status=500, json={"error": "Internal server error"})
    responses.post(URL, json={"style": "Pop"}, headers={"X-RunAPI-Task-Id": "call-7"})
    result = family.boost_style(description="Pop")
    assert result.style == "Pop" and result.runapi_task_id == "call-7"
    keys = {call.request.headers["Idempotency-Key"] for call in responses.calls}
    assert len(responses.calls) == 2 and len(keys) == 1


@responses.activate(registry=OrderedRegistry)
def test_a_503_and_a_refused_connection_are_retried_with_the_same_key(family: StyleFamily, clock: FakeClock) -> None:
    responses.post(URL, status=503, json={"error": "Service temporarily unavailable"})
    responses.post(URL, body=requests.ConnectionError(ConnectionRefusedError(111, "refused")))
    responses.post(URL, json={"style": "Pop"})
    assert family.boost_style(description="Pop").style == "Pop"
    keys = {call.request.headers["Idempotency-Key"] for call in responses.calls}
    assert len(responses.calls) == 3 and len(keys) == 1
    assert clock.sleeps  # backed off on the fake clock, never for real


@responses.activate
def test_without_idempotent_creates_a_dropped_connection_after_sending_is_not_replayed(client: runapi.Client) -> None:
    dropped = requests.ConnectionError(ProtocolError("Connection aborted.", ConnectionResetError(104, "reset")))
    responses.post(URL, body=dropped)
    with pytest.raises(runapi.APIConnectionError) as info:
        StyleFamily(client.with_options(idempotent_creates=False)).boost_style(description="Pop")
    assert len(responses.calls) == 1 and info.value.task_may_exist is True


@responses.activate
def test_an_answer_shaped_as_a_failed_task_raises(family: StyleFamily) -> None:
    failed = {"id": "03fe3e68", "status": "failed", "error": "Timestamped lyrics generation failed."}
    responses.post(URL, json=failed)
    with pytest.raises(runapi.TaskFailedError) as info:
        family.boost_style(description="Pop")
    assert info.value.error == "Timestamped lyrics generation failed."
    assert info.value.task_id == "03fe3e68" and info.value.task.raw == failed


@responses.activate
def test_with_options_adds_body_headers_and_a_key_of_your_own(family: StyleFamily) -> None:
    responses.post(URL, json={"style": "Pop"})
    endpoint = family.boost_style.with_options(
        extra_body={"seed": 7}, extra_headers={"X-Trace": "t1"}, idempotency_key="boost-1", timeout=5
    )
    endpoint(description="Pop")
    (call,) = responses.calls
    assert json.loads(call.request.body or b"") == {"description": "Pop", "seed": 7}
    assert call.request.headers["X-Trace"] == "t1" and call.request.headers["Idempotency-Key"] == "boost-1"


def test_the_call_shows_its_parameters_and_docs(family: StyleFamily) -> None:
    signature = inspect.signature(family.boost_style)
    assert list(signature.parameters) == ["description", "temperature"]
    assert signature.parameters["description"].kind is inspect.Parameter.KEYWORD_ONLY
    assert signature.return_annotation is Boosted
    assert "style keywords" in (type(family.boost_style).__call__.__doc__ or "")
    assert repr(family.boost_style) == f"<DirectResource boost_style: {PATH}>"
    assert "boost_style" in repr(family)


def test_a_result_round_trips_through_to_dict() -> None:
    result = Boosted.from_dict({"style": "Pop", "tokens": 12})
    assert result.to_dict() == {"style": "Pop", "tokens": 12}
    assert Boosted.from_dict(result.to_dict()) == result
