"""What the SDK reaches of the platform's current contract (``tests/contract/platform-contract.json``).

For each action of the contract: the operation with its method and path; for each model id of the action, whether
the operation's ``model`` field knows it; for each constrained field of each model, which ``enum`` values the
operation knows for that model (the field's own check and the model's row of a ``by("model", ...)`` table). "Knows"
means accepted with no ``UnknownValueWarning`` and no refusal. ``python -m tests.contract.coverage`` prints the counts.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from runapi._core.params.fields import _Named

CONTRACT = Path(__file__).resolve().parent / "platform-contract.json"


def contract() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CONTRACT.read_text(encoding="utf-8"))
    return data


def operations_by_path() -> dict[tuple[str, str], Any]:
    """Every task, direct and upload operation of every family, by ``(method, path)``."""
    import importlib

    from runapi._client import operations
    from runapi._core.operations import UploadOperation
    from runapi._families import FAMILIES

    found = {("POST", operation.path): operation for _, _, operation in operations().values()}
    for family in FAMILIES:  # uploads (a multipart transcription) are not in the registry of calls
        cls = getattr(importlib.import_module(f"runapi.{family.name}"), family.cls)
        for value in vars(cls).values():
            if isinstance(value, UploadOperation):
                found[("POST", value.path)] = value
    return found


def _tables(cls: type) -> Iterator[Any]:
    tables = getattr(cls, "__rules__", ())
    yield from (tables,) if hasattr(tables, "table") else tables


def knows(cls: type, field: str, value: Any, model: str | None) -> bool:
    """Whether params class ``cls`` takes ``value`` for ``field`` (under ``model``) as a known value."""

    fields = attrs.fields_dict(cls)  # type: ignore[arg-type]
    if field not in fields:
        return False
    attribute = fields[field]
    from runapi._core.params.problems import _STRICT

    strict = _STRICT.set(True)  # strict: a value the SDK does not know is refused (its warning comes once only)
    try:
        return _knows(cls, attribute, field, value, model)
    finally:
        _STRICT.reset(strict)


def _knows(cls: type, attribute: Any, field: str, value: Any, model: str | None) -> bool:
    from runapi.errors import ValidationError

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an unknown value's warning counts as not known
        try:
            if attribute.validator is not None:
                attribute.validator(None, attribute, value)
            for table in _tables(cls):
                if getattr(table, "presence", False) or table.field != "model" or model is None:
                    continue
                entry = table.table.get(model)
                if entry is None:
                    continue
                if field in entry.refused:
                    return False
                check = entry.checks.get(field)
                if check is not None:
                    check(None, _Named(field), value)  # what the rule tables pass a validator
        except (ValidationError, Warning):
            return False
    return True


@attrs.frozen
class Coverage:
    actions: int
    actions_reached: int
    pairs: int
    pairs_reached: int
    values: int
    values_reached: int
    gaps: dict[str, list[str]]


def coverage() -> Coverage:
    data = contract()
    ops = operations_by_path()
    actions = reached = pairs = pairs_reached = values = values_reached = 0
    gaps: dict[str, list[str]] = {"actions": [], "models": [], "values": []}
    for action in data["actions"]:
        actions += 1
        operation = ops.get((action["method"], action["path"]))
        if operation is not None:
            reached += 1
        else:
            gaps["actions"].append(action["action"])
        cls = None if operation is None else operation.params
        for model, constrained in action["fields_by_model"].items():
            selector = None if model == data_placeholder(data) else model
            if selector is not None:
                pairs += 1
                if cls is not None and knows(cls, "model", selector, selector):
                    pairs_reached += 1
                else:
                    gaps["models"].append(f"{action['action']} {model}")
            for field, facts in constrained.items():
                for value in facts.get("enum", ()):
                    values += 1
                    if cls is not None and knows(cls, field, value, selector):
                        values_reached += 1
                    else:
                        gaps["values"].append(f"{action['action']} {model} {field}={value!r}")
    return Coverage(actions, reached, pairs, pairs_reached, values, values_reached, gaps)


def data_placeholder(data: dict[str, Any]) -> str:
    """The key ``fields_by_model`` uses for an action that takes no model (``"_"``)."""
    text = str(data.get("model_placeholder", "_"))
    return text.split(" ", 1)[0].strip("'\"") or "_"


def write_gaps() -> None:
    """Record today's gaps beside the contract (``gaps.json``), with the counts."""
    found = coverage()
    data = {
        "counts": {
            "actions": [found.actions_reached, found.actions],
            "action_models": [found.pairs_reached, found.pairs],
            "enum_values": [found.values_reached, found.values],
        },
        **{kind: sorted(found.gaps[kind]) for kind in ("actions", "models", "values")},
    }
    CONTRACT.with_name("gaps.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    import sys

    if "--write" in sys.argv:
        write_gaps()
    found = coverage()
    print(
        f"actions {found.actions_reached}/{found.actions}, action-models {found.pairs_reached}/{found.pairs}, "
        f"enum values {found.values_reached}/{found.values}"
    )
