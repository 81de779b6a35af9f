"""The platform contract's models and enum values of one family, as test cases (``tests/contract/``), and the
mocked create those cases are sent through.

A family test module parametrizes over :func:`contract_values` and :func:`contract_models` so that every model id
and every enum value the platform serves today for an action is accepted by the strict client and sent as given;
:func:`sent_creates` is the create each such test makes.
"""

from __future__ import annotations

from typing import Any

import pytest
import responses

import runapi
from tests.contract.coverage import contract, data_placeholder


def sent_creates(client: runapi.Client, family: Any, op: str, kwargs: dict[str, Any]) -> list[Any]:
    """``family(client).<op>.create(**kwargs)`` with HTTP mocked (RunAPI answers 202, processing): the requests sent.

    A refused create raises its ``runapi.ValidationError`` before any request, as the client does.
    """
    resource = getattr(family(client), op)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(client.base_url + resource.path, status=202, json={"id": "task-created", "status": "processing"})
        resource.create(**kwargs)
        return list(mock.calls)


def _actions(family: str) -> list[dict[str, Any]]:
    return [action for action in contract()["actions"] if action["family"] == family]


def operation_name(action: dict[str, Any]) -> str:
    """``"seedream/decompose-layers"`` -> ``"decompose_layers"`` (the operation's attribute)."""
    return str(action["action"]).split("/", 1)[1].replace("-", "_")


def contract_models(family: str) -> list[Any]:
    """``pytest.param(op, model)`` for each (action, model) pair of ``family`` in the contract."""
    return [
        pytest.param(operation_name(action), model, id=f"{operation_name(action)}-{model}")
        for action in _actions(family)
        for model in action["models"]
    ]


def contract_values(family: str) -> list[Any]:
    """``pytest.param(op, model, field, value)`` for each enum value of each model of ``family`` in the contract
    (``model`` is ``None`` for an action that takes none)."""
    data = contract()
    placeholder = data_placeholder(data)
    return [
        pytest.param(
            operation_name(action),
            None if model == placeholder else model,
            name,
            value,
            id=f"{operation_name(action)}-{model}-{name}-{value}",
        )
        for action in _actions(family)
        for model, fields in action["fields_by_model"].items()
        for name, facts in fields.items()
        for value in facts.get("enum", ())
    ]
