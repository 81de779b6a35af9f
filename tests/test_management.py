"""``runapi.management``: the management key, and keys / guardrails / assignments as the docs define them.

Payloads are the docs' examples (Management Keys, Guardrails, Guardrail Assignments).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
import responses

import runapi
from runapi.management import (
    APIKey,
    CreatedAPIKey,
    Guardrail,
    GuardrailAssignment,
    ManagementClient,
    ModelBudget,
    ModelBudgetParams,
)
from tests.conftest import API_KEY, BASE_URL, FakeClock

MANAGEMENT_KEY = "mk-test-0a1b2c3d4e5f"

KEY = {
    "name": "Production",
    "last_used_at": "2026-04-08T02:58:00Z",
    "created_at": "2026-04-08T02:58:00Z",
    "credit_limit_cents": 100,
    "credit_limit_reset_interval": "daily",
    "allowed_models": None,
    "enabled": True,
    "id": "token_123",
    "masked_token": "abcd••••••••wxyz",
    "guardrail_id": "guardrail_abc123",
}
CREATED_KEY = {
    **KEY,
    "last_used_at": None,
    "allowed_models": ["gpt-5.4", "claude-opus-4-6"],
    "key": "abcd1234efgh5678",
}
KEY_WITH_USAGE = {
    **CREATED_KEY,
    "credit_usage_cents_total": 25,
    "credit_usage_cents_today": 25,
    "credit_usage_cents_this_week": 25,
    "credit_usage_cents_this_month": 25,
}
del KEY_WITH_USAGE["key"]
GUARDRAIL = {
    "id": "guardrail_abc123",
    "name": "Tier 1",
    "description": "Standard developer tier",
    "enabled": True,
    "credit_limit_cents": 100000,
    "credit_limit_reset_interval": "monthly",
    "allowed_models": ["gpt-5.4", "claude-sonnet-4-6"],
    "blocked_models": [],
    "allowed_providers": [],
    "blocked_providers": [],
    "model_budgets": [
        {
            "match_mode": "exclude",
            "models": ["gpt-5.4", "claude-sonnet-4-6"],
            "credit_limit_cents": 1000,
            "credit_limit_reset_interval": None,
        }
    ],
    "assignment_count": 4,
    "created_at": "2026-05-05T10:00:00Z",
}
ASSIGNMENT = {
    "id": "guardrail_assignment_xyz",
    "guardrail_id": "guardrail_abc123",
    "api_token_id": "token_123",
    "account_user_id": None,
    "created_at": "2026-05-05T10:00:00Z",
}


@pytest.fixture
def admin(clock: FakeClock) -> Iterator[ManagementClient]:
    with ManagementClient(MANAGEMENT_KEY, base_url=BASE_URL, sleep=clock.sleep, clock=clock) as c:
        c._random = lambda: 0.0
        yield c


# -- the two keys never cross ------------------------------------------------------------------


def test_the_management_key_comes_from_its_own_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNAPI_MANAGEMENT_KEY", MANAGEMENT_KEY)
    with responses.RequestsMock() as mock:
        mock.get("https://runapi.ai/api/v1/keys", json=[])
        ManagementClient().keys.list()
        assert mock.calls[0].request.headers["Authorization"] == f"Bearer {MANAGEMENT_KEY}"


def test_the_api_key_is_never_taken_as_a_management_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNAPI_API_KEY", API_KEY)
    with pytest.raises(runapi.MissingManagementKeyError, match="RUNAPI_MANAGEMENT_KEY") as caught:
        ManagementClient()
    assert API_KEY not in str(caught.value)
    assert isinstance(caught.value, runapi.MissingAPIKeyError)


def test_the_management_key_is_never_taken_as_an_api_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNAPI_MANAGEMENT_KEY", MANAGEMENT_KEY)
    with pytest.raises(runapi.MissingAPIKeyError, match="RUNAPI_API_KEY") as caught:
        runapi.Client()
    assert not isinstance(caught.value, runapi.MissingManagementKeyError)


def test_each_client_reaches_only_its_own_endpoints(admin: ManagementClient, client: runapi.Client) -> None:
    assert not hasattr(client, "keys") and not hasattr(client, "guardrails")
    for name in ("suno", "files", "get_balance", "download"):
        assert not hasattr(admin, name)


def test_the_management_key_never_shows(admin: ManagementClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="runapi")
    with responses.RequestsMock() as mock:
        mock.get(BASE_URL + "/api/v1/keys", json={"error": "Unauthorized"}, status=401)
        with pytest.raises(runapi.AuthenticationError) as caught:
            admin.keys.list()
    shown = [repr(admin), str(caught.value), repr(caught.value), caplog.text, repr(admin.with_options(timeout=3))]
    assert not any(MANAGEMENT_KEY in text for text in shown)


def test_with_options_swaps_the_management_key(admin: ManagementClient) -> None:
    other = admin.with_options(management_key="mk-other", max_retries=0)
    with responses.RequestsMock() as mock:
        mock.get(BASE_URL + "/api/v1/keys", json=[])
        other.keys.list()
        assert mock.calls[0].request.headers["Authorization"] == "Bearer mk-other"
    assert other.retry_policy.max_retries == 0 and admin.retry_policy.max_retries == 2


def test_a_management_key_with_a_line_break_is_refused_without_showing_it() -> None:
    with pytest.raises(runapi.ValidationError, match="management_key holds") as caught:
        ManagementClient("mk-secret\nvalue")
    assert "mk-secret" not in str(caught.value)


# -- API keys ------------------------------------------------------------------------------------


@responses.activate
def test_list_keys_reads_the_docs_example(admin: ManagementClient) -> None:
    responses.get(BASE_URL + "/api/v1/keys", json=[KEY])
    (key,) = admin.keys.list()
    assert key == APIKey(
        id="token_123",
        name="Production",
        masked_token="abcd••••••••wxyz",
        enabled=True,
        credit_limit_cents=100,
        credit_limit_reset_interval="daily",
        allowed_models=None,
        guardrail_id="guardrail_abc123",
        created_at="2026-04-08T02:58:00Z",
        last_used_at="2026-04-08T02:58:00Z",
    )


@responses.activate
def test_create_key_sends_the_docs_request_and_keeps_the_secret_out_of_repr(admin: ManagementClient) -> None:
    responses.post(BASE_URL + "/api/v1/keys", json=CREATED_KEY, status=201)
    created = admin.keys.create(
        name="Production",
        credit_limit_cents=100,
        credit_limit_reset_interval="daily",
        allowed_models=["gpt-5.4", "claude-opus-4-6"],
    )
    assert json.loads(responses.calls[0].request.body) == {
        "name": "Production",
        "credit_limit_cents": 100,
        "credit_limit_reset_interval": "daily",
        "allowed_models": ["gpt-5.4", "claude-opus-4-6"],
    }
    assert isinstance(created, CreatedAPIKey)
    assert created.key == "abcd1234efgh5678"
    assert "abcd1234efgh5678" not in repr(created)


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"credit_limit_cents": -1}, "credit_limit_cents", "at least 0"),
        ({"credit_limit_reset_interval": "yearly"}, "credit_limit_reset_interval", "'daily', 'weekly', 'monthly'"),
        ({"allowed_models": "gpt-5.4"}, "allowed_models", "list"),
        ({"enabled": "yes"}, "enabled", "true or false"),
    ],
)
def test_create_key_refuses_bad_values_before_any_request(
    admin: ManagementClient, kwargs: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(runapi.ValidationError, match=message) as caught:
        admin.keys.create(**kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


@responses.activate
def test_get_key_types_the_usage_figures(admin: ManagementClient) -> None:
    responses.get(BASE_URL + "/api/v1/keys/token_123", json=KEY_WITH_USAGE)
    key = admin.keys.get("token_123")
    assert (key.credit_usage_cents_total, key.credit_usage_cents_this_month) == (25, 25)
    assert key.allowed_models == ["gpt-5.4", "claude-opus-4-6"]


@responses.activate
def test_update_key_sends_the_docs_example(admin: ManagementClient) -> None:
    responses.patch(BASE_URL + "/api/v1/keys/token_123", json={**KEY, "name": "Production (rotated)"})
    key = admin.keys.update(
        "token_123",
        name="Production (rotated)",
        credit_limit_cents=500,
        credit_limit_reset_interval="weekly",
        allowed_models=["gpt-5.4"],
    )
    assert key.name == "Production (rotated)"
    assert json.loads(responses.calls[0].request.body) == {
        "name": "Production (rotated)",
        "credit_limit_cents": 500,
        "credit_limit_reset_interval": "weekly",
        "allowed_models": ["gpt-5.4"],
    }


@responses.activate
def test_update_key_clears_with_none_and_revokes_with_enabled_false(admin: ManagementClient) -> None:
    responses.patch(BASE_URL + "/api/v1/keys/token_123", json=KEY)
    admin.keys.update("token_123", credit_limit_cents=None, allowed_models=None, enabled=False)
    body = json.loads(responses.calls[0].request.body)
    assert body == {"credit_limit_cents": None, "allowed_models": None, "enabled": False}


def test_update_key_takes_no_guardrail_id(admin: ManagementClient) -> None:
    with pytest.raises(runapi.ValidationError, match="unknown parameter 'guardrail_id'"):
        admin.keys.update("token_123", guardrail_id="guardrail_abc123")  # type: ignore[call-arg]


@responses.activate
def test_delete_key_answers_none_and_a_missing_key_is_not_found(admin: ManagementClient) -> None:
    responses.delete(BASE_URL + "/api/v1/keys/token_123", status=204)
    responses.delete(BASE_URL + "/api/v1/keys/token_404", json={"error": "Record does not exist"}, status=404)
    assert admin.keys.delete("token_123") is None
    with pytest.raises(runapi.NotFoundError):
        admin.keys.delete("token_404")
    assert admin.keys.delete("token_404", missing_ok=True) is None


# -- guardrails ------------------------------------------------------------------------------------


@responses.activate
def test_list_guardrails_reads_the_docs_example(admin: ManagementClient) -> None:
    responses.get(BASE_URL + "/api/v1/guardrails", json={"guardrails": [GUARDRAIL]})
    (guardrail,) = admin.guardrails.list()
    assert isinstance(guardrail, Guardrail)
    assert guardrail.model_budgets == [
        ModelBudget(
            match_mode="exclude",
            models=["gpt-5.4", "claude-sonnet-4-6"],
            credit_limit_cents=1000,
            credit_limit_reset_interval=None,
        )
    ]
    assert (guardrail.assignment_count, guardrail.blocked_models) == (4, [])


@responses.activate
def test_create_guardrail_sends_the_docs_example_and_unwraps_the_answer(admin: ManagementClient) -> None:
    responses.post(BASE_URL + "/api/v1/guardrails", json={"guardrail": GUARDRAIL}, status=201)
    guardrail = admin.guardrails.create(
        name="Tier 1",
        credit_limit_cents=100000,
        credit_limit_reset_interval="monthly",
        allowed_models=["gpt-5.4", "claude-sonnet-4-6"],
        model_budgets=[
            {"match_mode": "exclude", "models": ["gpt-5.4", "claude-sonnet-4-6"], "credit_limit_cents": 1000}
        ],
    )
    assert guardrail.id == "guardrail_abc123"
    assert json.loads(responses.calls[0].request.body)["model_budgets"] == [
        {"match_mode": "exclude", "models": ["gpt-5.4", "claude-sonnet-4-6"], "credit_limit_cents": 1000}
    ]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"credit_limit_cents": 100}, "credit_limit_reset_interval"),
        ({"credit_limit_reset_interval": "daily"}, "credit_limit_cents"),
        (
            {"model_budgets": [{"match_mode": "some", "models": ["x"], "credit_limit_cents": 1}]},
            "model_budgets[0].match_mode",
        ),
        ({"model_budgets": [{"match_mode": "include", "credit_limit_cents": 1}]}, "model_budgets[0].models"),
    ],
)
def test_create_guardrail_refuses_what_the_docs_rule_out(
    admin: ManagementClient, kwargs: dict[str, object], field: str
) -> None:
    with pytest.raises(runapi.ValidationError) as caught:
        admin.guardrails.create(name="Tier 1", **kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_create_guardrail_needs_a_name(admin: ManagementClient) -> None:
    with pytest.raises(runapi.ValidationError, match="missing required parameter 'name'"):
        admin.guardrails.create()  # type: ignore[call-arg]


@responses.activate
def test_update_guardrail_replaces_lists_and_clears_with_none(admin: ManagementClient) -> None:
    responses.patch(BASE_URL + "/api/v1/guardrails/guardrail_abc123", json={"guardrail": GUARDRAIL})
    admin.guardrails.update(
        "guardrail_abc123",
        blocked_models=[],
        allowed_providers=None,
        model_budgets=[ModelBudgetParams(match_mode="include", models=["gpt-5.4"], credit_limit_cents=5)],
        description=None,
    )
    assert json.loads(responses.calls[0].request.body) == {
        "description": None,
        "blocked_models": [],
        "allowed_providers": None,
        "model_budgets": [{"match_mode": "include", "models": ["gpt-5.4"], "credit_limit_cents": 5}],
    }


@responses.activate
def test_get_and_delete_guardrail(admin: ManagementClient) -> None:
    responses.get(BASE_URL + "/api/v1/guardrails/guardrail_abc123", json={"guardrail": GUARDRAIL})
    responses.delete(BASE_URL + "/api/v1/guardrails/guardrail_abc123", status=204)
    assert admin.guardrails.get("guardrail_abc123").name == "Tier 1"
    assert admin.guardrails.delete("guardrail_abc123") is None


# -- guardrail assignments -------------------------------------------------------------------------


@responses.activate
def test_assignments_list_create_delete(admin: ManagementClient) -> None:
    url = BASE_URL + "/api/v1/guardrail_assignments"
    responses.get(url, json={"guardrail_assignments": [ASSIGNMENT]})
    responses.post(url, json={"guardrail_assignment": ASSIGNMENT}, status=201)
    responses.delete(url + "/guardrail_assignment_xyz", status=204)
    assert admin.guardrail_assignments.list() == [GuardrailAssignment(**{k: v for k, v in ASSIGNMENT.items()})]
    made = admin.guardrail_assignments.create(guardrail_id="guardrail_abc123", api_token_id="token_123")
    assert made.api_token_id == "token_123"
    assert json.loads(responses.calls[1].request.body) == {
        "guardrail_id": "guardrail_abc123",
        "api_token_id": "token_123",
    }
    assert admin.guardrail_assignments.delete("guardrail_assignment_xyz") is None


@pytest.mark.parametrize(
    "targets", [{}, {"api_token_id": "token_123", "account_user_id": "user_1"}], ids=["none", "both"]
)
def test_an_assignment_needs_exactly_one_target(admin: ManagementClient, targets: dict[str, str]) -> None:
    with pytest.raises(runapi.ValidationError, match="exactly one of api_token_id"):
        admin.guardrail_assignments.create(guardrail_id="guardrail_abc123", **targets)


def test_assignments_offer_no_update_or_get(admin: ManagementClient) -> None:
    assert not hasattr(admin.guardrail_assignments, "update")
    assert not hasattr(admin.guardrail_assignments, "get")


@responses.activate
def test_a_target_that_already_has_a_guardrail_is_a_422(admin: ManagementClient) -> None:
    responses.post(
        BASE_URL + "/api/v1/guardrail_assignments", json={"error": "Target already has a guardrail"}, status=422
    )
    with pytest.raises(runapi.UnprocessableEntityError, match="already has a guardrail"):
        admin.guardrail_assignments.create(guardrail_id="guardrail_abc123", api_token_id="token_123")


# -- the account (GET /api/v1/me) ------------------------------------------------------------------


@responses.activate
def test_get_account_keeps_the_undocumented_answer_on_raw(client: runapi.Client) -> None:
    responses.get(BASE_URL + "/api/v1/me", json={"id": "acct_1", "email": "a@example.com"})
    account = client.get_account()
    assert isinstance(account, runapi.Account)
    assert account.raw == {"id": "acct_1", "email": "a@example.com"}
    assert responses.calls[0].request.headers["Authorization"] == f"Bearer {API_KEY}"
