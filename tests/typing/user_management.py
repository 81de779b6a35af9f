"""A user's script managing keys and guardrails: both type checkers must see every parameter and result.

Not collected by pytest (no test_ prefix); ``test_user_scripts.py`` runs mypy --strict and pyright on it.
"""

from __future__ import annotations

import sys

import runapi
from runapi.management import (
    APIKey,
    AsyncManagementClient,
    CreatedAPIKey,
    Guardrail,
    GuardrailAssignment,
    ManagementClient,
    ModelBudget,
    ModelBudgetParams,
)

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


def main() -> None:
    with ManagementClient(timeout=30.0) as admin:
        created = admin.keys.create(name="Production", credit_limit_cents=100, credit_limit_reset_interval="daily")
        assert_type(created, CreatedAPIKey)
        secret: str = created.key
        assert_type(admin.keys.list(), list[APIKey])
        key = admin.keys.update(created.id, credit_limit_cents=None, enabled=False, allowed_models=["gpt-5.4"])
        assert_type(key, APIKey)
        usage: int | None = admin.keys.get(key.id).credit_usage_cents_today
        admin.keys.delete(key.id, missing_ok=True)

        tier = admin.guardrails.create(
            name="Tier 1",
            model_budgets=[ModelBudgetParams(match_mode="exclude", models=["gpt-5.4"], credit_limit_cents=1000)],
        )
        assert_type(tier, Guardrail)
        budgets: list[ModelBudget] = tier.model_budgets
        admin.guardrails.update(tier.id, description=None, blocked_models=[])
        link = admin.guardrail_assignments.create(guardrail_id=tier.id, api_token_id=created.id)
        assert_type(link, GuardrailAssignment)
        assert_type(admin.guardrail_assignments.list(), list[GuardrailAssignment])
        admin.with_options(max_retries=0).guardrails.delete(tier.id)
        print(secret, usage, budgets)

    account = runapi.Client().get_account()
    assert_type(account, runapi.Account)


async def rotate() -> None:
    async with AsyncManagementClient() as admin:
        key = await admin.keys.create(name="Rotated")
        assert_type(key, CreatedAPIKey)
        assert_type(await admin.keys.list(), list[APIKey])
        assert_type(await admin.keys.update(key.id, enabled=False), APIKey)
        await admin.keys.delete(key.id, missing_ok=True)
        assert_type(await admin.guardrails.get("guardrail_abc123"), Guardrail)


if __name__ == "__main__":
    main()
