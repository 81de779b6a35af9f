"""The platform as it serves today (the contract copied in ``tests/contract/``) against the operations:
every action, model id and enum value the SDK does not know yet is listed in ``gaps.json`` beside the contract, so a
change that reaches more shows here (update the list: ``python -m tests.contract.coverage --write``) and a change
that reaches less fails."""

from __future__ import annotations

import json

from tests.contract.coverage import CONTRACT, coverage

GAPS = CONTRACT.with_name("gaps.json")


def test_every_gap_to_the_platform_contract_is_known_and_none_is_new() -> None:
    found = coverage()
    recorded = json.loads(GAPS.read_text(encoding="utf-8"))
    for kind in ("actions", "models", "values"):
        new = sorted(set(found.gaps[kind]) - set(recorded[kind]))
        closed = sorted(set(recorded[kind]) - set(found.gaps[kind]))
        assert not new, f"{kind} the SDK no longer reaches: {new}"
        assert not closed, f"{kind} now reached: remove them from {GAPS.name} ({closed[:10]}...)"
    assert recorded["counts"] == {
        "actions": [found.actions_reached, found.actions],
        "action_models": [found.pairs_reached, found.pairs],
        "enum_values": [found.values_reached, found.values],
    }


def test_the_contract_copy_names_its_sources() -> None:
    data = json.loads(CONTRACT.read_text(encoding="utf-8"))
    assert "runapi-ai/cli" in data["sources"]["cli_contract"] and data["counts"]["cli_actions"] == 114
    assert len(data["actions"]) == 139
