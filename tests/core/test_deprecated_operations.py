"""A deprecated operation (``TaskOperation(..., deprecated="<replacement>")``): reaching it warns with a
``DeprecationWarning`` naming its replacement, at the caller's line, once per family instance, and it
still works; an operation that is not deprecated never warns."""

from __future__ import annotations

import warnings

import pytest
import responses

import runapi
from runapi._core.models import Task
from runapi._core.operations import ClientT, Family, TaskOperation
from runapi._core.params import params
from tests.conftest import API_KEY

BASE_URL = "https://api.example.test"


@params
class MakeParams:
    prompt: str


class Toy(Family[ClientT]):
    make = TaskOperation("/api/v1/toy/make", MakeParams, Task)
    old_make = TaskOperation("/api/v1/toy/old_make", MakeParams, Task, deprecated="make")


def test_reaching_a_deprecated_operation_warns_naming_its_replacement_at_the_callers_line() -> None:
    with runapi.Client(api_key=API_KEY, base_url=BASE_URL) as client:
        toy = Toy(client)
        with pytest.warns(DeprecationWarning, match=r"old_make is deprecated: use make instead") as caught:
            resource = toy.old_make
        assert len(caught) == 1 and caught[0].filename == __file__
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert toy.old_make is resource  # cached on the family: warned once
            toy.make  # noqa: B018  (not deprecated: no warning)


def test_a_deprecated_operation_still_creates_its_task() -> None:
    with runapi.Client(api_key=API_KEY, base_url=BASE_URL) as client, responses.RequestsMock() as mock:
        mock.post(BASE_URL + "/api/v1/toy/old_make", status=202, json={"id": "t1", "status": "processing"})
        with pytest.warns(DeprecationWarning):
            task = Toy(client).old_make.create(prompt="p")
    assert task.id == "t1"


def test_the_async_client_warns_the_same() -> None:
    client = runapi.AsyncClient(api_key=API_KEY, base_url=BASE_URL)
    with pytest.warns(DeprecationWarning, match="use make"):
        Toy(client).old_make  # noqa: B018
