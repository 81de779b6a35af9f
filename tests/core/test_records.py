"""The record operation kinds (list, get, update, delete) and update params (OMIT), on a family of the test's own.

The core knows no management endpoint: these tests declare a small family here, so they check
the generic kinds, not ``runapi.management`` (tested in ``tests/test_management.py``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Literal

import attrs
import pytest
import requests
import responses

import runapi
from runapi._core.models import Result
from runapi._core.operations import DirectOperation, Family, FamilyAttribute
from runapi._core.params import OMIT, Omit, build_params, field, integer, params, to_body
from runapi._core.records import DeleteOperation, GetOperation, ListOperation, UpdateOperation
from tests.conftest import API_KEY, BASE_URL, FakeClock

PATH = "/api/v1/widgets"
URL = BASE_URL + PATH


@attrs.frozen(kw_only=True)
class Widget(Result):
    id: str
    name: str | None = None
    size: int | None = None


@params
class CreateWidgetParams:
    name: str
    size: int | None = None


@params
class UpdateWidgetParams:
    name: str | Omit = OMIT
    size: int | Omit | None = field(integer(minimum=1), default=OMIT)
    colour: Literal["red", "blue"] | Omit | None = OMIT


class Widgets(Family):
    list = ListOperation(PATH, Widget, envelope="widgets")
    create = DirectOperation(PATH, CreateWidgetParams, Widget, envelope="widget")
    get = GetOperation(PATH, Widget, envelope="widget")
    update = UpdateOperation(PATH, UpdateWidgetParams, Widget, envelope="widget")
    delete = DeleteOperation(PATH)


class WidgetClient(runapi.Client):
    widgets: FamilyAttribute[Widgets] = FamilyAttribute(__name__, "Widgets")


@pytest.fixture
def wc(clock: FakeClock) -> Iterator[WidgetClient]:
    with WidgetClient(api_key=API_KEY, base_url=BASE_URL, sleep=clock.sleep, clock=clock) as c:
        c._random = lambda: 0.0
        yield c


# -- update params: OMIT, None and values ----------------------------------------------------------


def test_an_update_sends_only_the_fields_given_and_none_as_null() -> None:
    assert to_body(UpdateWidgetParams()) == {}
    assert to_body(UpdateWidgetParams(size=None, colour="red")) == {"size": None, "colour": "red"}


def test_an_update_field_that_cannot_be_cleared_refuses_none() -> None:
    with pytest.raises(runapi.ValidationError, match="name cannot be cleared") as caught:
        UpdateWidgetParams(name=None)  # type: ignore[arg-type]
    assert caught.value.field == "name"


def test_an_update_field_keeps_its_checks() -> None:
    with pytest.raises(runapi.ValidationError, match="size must be an integer of at least 1"):
        UpdateWidgetParams(size=0)
    with pytest.raises(runapi.ValidationError, match="colour must be one of 'red', 'blue'"):
        build_params(UpdateWidgetParams, (), {"colour": "green"}, "PATCH /widgets", strict=True)
    with pytest.raises(runapi.ValidationError, match="colour must be one of 'red', 'blue'"):
        UpdateWidgetParams(colour=3)  # type: ignore[arg-type]  # not a string: refused even when not strict


def test_omit_is_one_falsy_value_shown_as_omit() -> None:
    assert Omit() is OMIT
    assert not OMIT
    assert repr(UpdateWidgetParams()) == "UpdateWidgetParams(name=OMIT, size=OMIT, colour=OMIT)"


def test_a_field_defaulting_to_omit_must_say_omit_in_its_annotation() -> None:
    with pytest.raises(TypeError, match="must include Omit"):

        @params
        class Wrong:
            name: str | None = OMIT


# -- the operations on the wire ------------------------------------------------------------------


@responses.activate
def test_list_unwraps_its_envelope_and_types_each_record(wc: WidgetClient) -> None:
    responses.get(URL, json={"widgets": [{"id": "w1", "name": "a", "extra": 1}, {"id": "w2"}]})
    widgets = wc.widgets.list()
    assert [w.id for w in widgets] == ["w1", "w2"]
    assert widgets[0].raw["extra"] == 1
    assert responses.calls[0].request.headers["Authorization"] == f"Bearer {API_KEY}"


@responses.activate
def test_list_refuses_an_answer_that_is_not_a_list(wc: WidgetClient) -> None:
    responses.get(URL, json={"widgets": {"id": "w1"}})
    with pytest.raises(runapi.APIResponseValidationError, match="JSON array of Widget"):
        wc.widgets.list()


@responses.activate
def test_get_quotes_the_id_and_unwraps(wc: WidgetClient) -> None:
    responses.get(URL + "/w%2F1", json={"widget": {"id": "w/1", "name": "a"}})
    assert wc.widgets.get("w/1") == Widget(id="w/1", name="a")


@responses.activate
def test_get_without_the_envelope_is_a_response_validation_error(wc: WidgetClient) -> None:
    responses.get(URL + "/w1", json={"id": "w1"})
    with pytest.raises(runapi.APIResponseValidationError, match="'widget' key"):
        wc.widgets.get("w1")


def test_a_blank_record_id_is_refused_before_any_request(wc: WidgetClient) -> None:
    with pytest.raises(runapi.ValidationError, match="record_id must be a non-empty string"):
        wc.widgets.delete(" ")


@responses.activate
def test_create_posts_with_an_idempotency_key_and_unwraps(wc: WidgetClient) -> None:
    responses.post(URL, json={"widget": {"id": "w1", "name": "a"}}, status=201)
    assert wc.widgets.create(name="a").id == "w1"
    request = responses.calls[0].request
    assert json.loads(request.body) == {"name": "a"}
    assert request.headers["Idempotency-Key"]


@responses.activate
def test_without_idempotent_creates_a_create_that_got_a_500_is_not_replayed(wc: WidgetClient) -> None:
    responses.post(URL, json={"error": "boom"}, status=500)
    with pytest.raises(runapi.InternalServerError) as caught:
        wc.with_options(idempotent_creates=False).widgets.create(name="a")
    assert len(responses.calls) == 1
    assert caught.value.task_may_exist


@responses.activate
def test_update_patches_only_the_given_fields_and_returns_the_answer(wc: WidgetClient) -> None:
    responses.patch(URL + "/w1", json={"widget": {"id": "w1", "size": None}})
    widget = wc.widgets.update("w1", size=None)
    assert widget.size is None
    assert json.loads(responses.calls[0].request.body) == {"size": None}
    assert "Idempotency-Key" not in responses.calls[0].request.headers


@responses.activate
def test_an_update_answered_204_fetches_the_record(wc: WidgetClient) -> None:
    responses.patch(URL + "/w1", status=204)
    responses.get(URL + "/w1", json={"widget": {"id": "w1", "name": "b"}})
    assert wc.widgets.update("w1", name="b").name == "b"
    assert [c.request.method for c in responses.calls] == ["PATCH", "GET"]


@responses.activate
def test_an_update_is_retried_after_a_500(wc: WidgetClient, clock: FakeClock) -> None:
    responses.patch(URL + "/w1", json={"error": "boom"}, status=500)
    responses.patch(URL + "/w1", json={"widget": {"id": "w1", "name": "b"}})
    assert wc.widgets.update("w1", name="b").name == "b"
    assert len(responses.calls) == 2
    assert clock.sleeps == [0.5]


def test_update_refuses_unknown_fields_before_any_request(wc: WidgetClient) -> None:
    with pytest.raises(runapi.ValidationError, match="unknown parameter 'weight'"):
        wc.widgets.update("w1", weight=3)  # type: ignore[call-arg]


@responses.activate
def test_delete_sends_delete_and_returns_none(wc: WidgetClient) -> None:
    responses.delete(URL + "/w1", status=204)
    assert wc.widgets.delete("w1") is None
    assert responses.calls[0].request.method == "DELETE"


@responses.activate
def test_deleting_a_record_that_does_not_exist_raises_not_found(wc: WidgetClient) -> None:
    responses.delete(URL + "/w1", json={"error": "Record does not exist"}, status=404)
    with pytest.raises(runapi.NotFoundError, match="404 Record does not exist"):
        wc.widgets.delete("w1")


@responses.activate
def test_missing_ok_makes_a_missing_record_no_error(wc: WidgetClient) -> None:
    responses.delete(URL + "/w1", json={"error": "Record does not exist"}, status=404)
    assert wc.widgets.delete("w1", missing_ok=True) is None


@responses.activate
def test_a_404_heard_by_a_retried_delete_counts_as_done(wc: WidgetClient) -> None:
    responses.delete(URL + "/w1", body=requests.ConnectionError("reset"))
    responses.delete(URL + "/w1", json={"error": "Record does not exist"}, status=404)
    assert wc.widgets.delete("w1") is None
    assert len(responses.calls) == 2


@responses.activate
def test_an_error_says_how_many_attempts_were_made(wc: WidgetClient) -> None:
    responses.get(URL, json={"error": "down"}, status=503)
    with pytest.raises(runapi.ServiceUnavailableError) as caught:
        wc.widgets.list()
    assert caught.value.attempts == 3


def test_the_update_signature_shows_the_record_id_then_the_fields(wc: WidgetClient) -> None:
    import inspect

    parameters = list(inspect.signature(wc.widgets.update).parameters)
    assert parameters == ["record_id", "name", "size", "colour"]
