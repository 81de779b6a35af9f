"""The emulator's management paths over HTTP with plain ``requests``: keys, guardrails, assignments, and
which key each path takes (docs: Management Keys, Guardrails, Guardrail Assignments)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from runapi.emulator import Emulator

API_KEY = "emu-api-key-71"
MANAGEMENT_KEY = "emu-management-key-72"


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(api_key=API_KEY, management_key=MANAGEMENT_KEY, complete_after_polls=1) as e:
        yield e


def call(emu: Emulator, method: str, path: str, body: Any = None, key: str = MANAGEMENT_KEY) -> requests.Response:
    return requests.request(method, emu.url + path, json=body, headers={"Authorization": f"Bearer {key}"}, timeout=5)


def test_management_paths_take_only_the_management_key(emu: Emulator) -> None:
    assert call(emu, "GET", "/api/v1/keys").status_code == 200
    for key in (API_KEY, "some-other-key"):
        answer = call(emu, "GET", "/api/v1/guardrails", key=key)
        assert (answer.status_code, answer.json()) == (401, {"error": "Unauthorized"})


def test_api_paths_refuse_the_management_key(emu: Emulator) -> None:
    assert call(emu, "GET", "/api/v1/me/balance", key=MANAGEMENT_KEY).status_code == 401
    assert call(emu, "GET", "/api/v1/me/balance", key=API_KEY).status_code == 200


def test_an_emulator_refuses_the_same_value_for_both_keys() -> None:
    with pytest.raises(ValueError, match="management_key"):
        Emulator(api_key="same", management_key="same")


def test_a_key_lives_through_create_get_update_and_delete(emu: Emulator) -> None:
    made = call(emu, "POST", "/api/v1/keys", {"name": "Production", "credit_limit_cents": 100})
    assert made.status_code == 201
    key = made.json()
    assert set(key) >= {"id", "key", "masked_token", "created_at", "enabled", "allowed_models", "guardrail_id"}
    assert key["masked_token"].startswith(key["key"][:4]) and "••••••••" in key["masked_token"]
    assert key["enabled"] is True and key["credit_limit_reset_interval"] is None

    listed = call(emu, "GET", "/api/v1/keys").json()
    mine = next(item for item in listed if item["id"] == key["id"])
    assert "key" not in mine and "credit_usage_cents_total" not in mine
    fetched = call(emu, "GET", f"/api/v1/keys/{key['id']}").json()
    assert fetched["credit_usage_cents_today"] == 0 and "key" not in fetched

    patched = call(emu, "PATCH", f"/api/v1/keys/{key['id']}", {"credit_limit_cents": None, "name": "Renamed"})
    assert patched.status_code == 200
    assert (patched.json()["credit_limit_cents"], patched.json()["name"]) == (None, "Renamed")

    assert call(emu, "DELETE", f"/api/v1/keys/{key['id']}").status_code == 204
    gone = call(emu, "GET", f"/api/v1/keys/{key['id']}")
    assert (gone.status_code, gone.json()) == (404, {"error": "Record does not exist"})
    assert call(emu, "DELETE", f"/api/v1/keys/{key['id']}").status_code == 404


def test_a_created_key_authenticates_the_api_until_it_is_disabled(emu: Emulator) -> None:
    key = call(emu, "POST", "/api/v1/keys", {"name": "Batch"}).json()
    assert call(emu, "GET", "/api/v1/me/balance", key=key["key"]).status_code == 200
    call(emu, "PATCH", f"/api/v1/keys/{key['id']}", {"enabled": False})
    assert call(emu, "GET", "/api/v1/me/balance", key=key["key"]).status_code == 401
    assert call(emu, "GET", "/api/v1/keys", key=key["key"]).status_code == 401  # never a management key


@pytest.mark.parametrize(
    ("path", "body", "status"),
    [
        ("/api/v1/keys", {"credit_limit_reset_interval": "yearly"}, 422),
        ("/api/v1/keys", {"credit_limit_cents": -5}, 422),
        ("/api/v1/keys", {"allowed_models": "gpt-5.4"}, 422),
        ("/api/v1/keys", {"guardrail_id": "guardrail_nope"}, 422),
        ("/api/v1/guardrails", {"description": "no name"}, 400),
        ("/api/v1/guardrails", {"name": "Capped", "credit_limit_cents": 100}, 422),
        ("/api/v1/guardrails", {"name": "Bad", "model_budgets": [{"match_mode": "all", "models": ["x"]}]}, 422),
        ("/api/v1/guardrail_assignments", {"guardrail_id": "guardrail_x"}, 422),
    ],
)
def test_values_the_docs_rule_out_are_refused(emu: Emulator, path: str, body: dict[str, Any], status: int) -> None:
    answer = call(emu, "POST", path, body)
    assert answer.status_code == status, answer.text
    assert isinstance(answer.json()["error"], str)


def test_patching_a_key_refuses_guardrail_id(emu: Emulator) -> None:
    key = call(emu, "POST", "/api/v1/keys", {}).json()
    answer = call(emu, "PATCH", f"/api/v1/keys/{key['id']}", {"guardrail_id": "guardrail_abc"})
    assert answer.status_code == 422 and "guardrail assignments" in answer.json()["error"]


def test_guardrails_assignments_and_their_life_cycle(emu: Emulator) -> None:
    body = {
        "name": "Tier 1",
        "credit_limit_cents": 100000,
        "credit_limit_reset_interval": "monthly",
        "allowed_models": ["gpt-5.4", "claude-sonnet-4-6"],
        "model_budgets": [
            {
                "match_mode": "exclude",
                "models": ["gpt-5.4", "claude-sonnet-4-6"],
                "credit_limit_cents": 1000,
                "credit_limit_reset_interval": None,
            }
        ],
    }
    made = call(emu, "POST", "/api/v1/guardrails", body)
    assert made.status_code == 201
    guardrail = made.json()["guardrail"]
    assert guardrail["model_budgets"] == body["model_budgets"]
    assert (guardrail["blocked_models"], guardrail["assignment_count"], guardrail["enabled"]) == ([], 0, True)
    duplicate = call(emu, "POST", "/api/v1/guardrails", {"name": "tier 1"})
    assert duplicate.status_code == 422  # names are unique, case-insensitively

    key = call(emu, "POST", "/api/v1/keys", {"name": "Dev"}).json()
    link = call(
        emu, "POST", "/api/v1/guardrail_assignments", {"guardrail_id": guardrail["id"], "api_token_id": key["id"]}
    )
    assert link.status_code == 201
    assignment = link.json()["guardrail_assignment"]
    assert (assignment["api_token_id"], assignment["account_user_id"]) == (key["id"], None)
    again = call(
        emu, "POST", "/api/v1/guardrail_assignments", {"guardrail_id": guardrail["id"], "api_token_id": key["id"]}
    )
    assert again.status_code == 422  # one direct guardrail per target
    assert call(emu, "GET", f"/api/v1/keys/{key['id']}").json()["guardrail_id"] == guardrail["id"]
    assert call(emu, "GET", f"/api/v1/guardrails/{guardrail['id']}").json()["guardrail"]["assignment_count"] == 1

    patched = call(emu, "PATCH", f"/api/v1/guardrails/{guardrail['id']}", {"allowed_models": None, "enabled": False})
    assert patched.json()["guardrail"]["allowed_models"] == [] and patched.json()["guardrail"]["enabled"] is False
    assert patched.json()["guardrail"]["credit_limit_cents"] == 100000  # omitted: kept

    assert call(emu, "DELETE", f"/api/v1/guardrails/{guardrail['id']}").status_code == 204
    listed = call(emu, "GET", "/api/v1/guardrail_assignments").json()["guardrail_assignments"]
    assert all(a["guardrail_id"] != guardrail["id"] for a in listed)  # its assignments went with it
    assert call(emu, "POST", "/api/v1/guardrails", {"name": "Tier 1"}).status_code == 201  # the name is free again


def test_a_create_with_the_same_idempotency_key_is_answered_once(emu: Emulator) -> None:
    headers = {"Authorization": f"Bearer {MANAGEMENT_KEY}", "Idempotency-Key": "k-1"}
    first = requests.post(emu.url + "/api/v1/keys", json={"name": "Once"}, headers=headers, timeout=5)
    second = requests.post(emu.url + "/api/v1/keys", json={"name": "Once"}, headers=headers, timeout=5)
    assert first.json()["id"] == second.json()["id"]


def test_me_answers_the_api_key_only(emu: Emulator) -> None:
    assert call(emu, "GET", "/api/v1/me", key=API_KEY).json() == {"id": "acct_emulator", "name": "RunAPI emulator"}
    assert call(emu, "GET", "/api/v1/me", key=MANAGEMENT_KEY).status_code == 401
