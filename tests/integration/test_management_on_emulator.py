"""``ManagementClient`` and ``Client.get_account`` against the emulator over loopback: every management
operation runs for real, and each key reaches only its own endpoints."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import runapi
from runapi.emulator import Emulator
from runapi.management import ManagementClient
from tests.conftest import FakeClock

API_KEY = "emu-api-key-81"
MANAGEMENT_KEY = "emu-management-key-82"


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(api_key=API_KEY, management_key=MANAGEMENT_KEY, complete_after_polls=1) as e:
        yield e


@pytest.fixture
def admin(emu: Emulator, clock: FakeClock) -> Iterator[ManagementClient]:
    emu.clear_faults()
    with ManagementClient(MANAGEMENT_KEY, base_url=emu.url, sleep=clock.sleep, clock=clock) as c:
        yield c


def test_keys_from_create_to_delete(admin: ManagementClient, emu: Emulator) -> None:
    created = admin.keys.create(name="Production", credit_limit_cents=100, credit_limit_reset_interval="daily")
    assert created.key and created.key not in repr(created)
    assert created.id in [key.id for key in admin.keys.list()]
    updated = admin.keys.update(created.id, name="Production (rotated)", credit_limit_cents=None)
    assert (updated.name, updated.credit_limit_cents, updated.credit_limit_reset_interval) == (
        "Production (rotated)",
        None,
        "daily",
    )
    assert admin.keys.get(created.id).credit_usage_cents_total == 0
    admin.keys.delete(created.id)
    with pytest.raises(runapi.NotFoundError):
        admin.keys.get(created.id)
    with pytest.raises(runapi.NotFoundError):
        admin.keys.delete(created.id)
    admin.keys.delete(created.id, missing_ok=True)
    sent = [entry for entry in emu.requests() if entry["path"].startswith("/api/v1/keys")]
    assert {entry["headers"]["Authorization"] for entry in sent} == {"[REDACTED]"}


def test_a_key_made_by_the_management_client_works_for_the_api_until_revoked(
    admin: ManagementClient, emu: Emulator, clock: FakeClock
) -> None:
    created = admin.keys.create(name="Worker")
    with runapi.Client(created.key, base_url=emu.url, sleep=clock.sleep, clock=clock) as worker:
        assert worker.get_balance().balance_cents >= 0
        admin.keys.update(created.id, enabled=False)
        with pytest.raises(runapi.AuthenticationError):
            worker.get_balance()


def test_neither_key_is_accepted_in_the_others_place(emu: Emulator, clock: FakeClock) -> None:
    wrong = ManagementClient(API_KEY, base_url=emu.url, sleep=clock.sleep, clock=clock)
    with wrong, pytest.raises(runapi.AuthenticationError):
        wrong.keys.list()
    wrong_client = runapi.Client(MANAGEMENT_KEY, base_url=emu.url, sleep=clock.sleep, clock=clock)
    with wrong_client, pytest.raises(runapi.AuthenticationError):
        wrong_client.get_account()


def test_guardrails_and_assignments(admin: ManagementClient) -> None:
    tier = admin.guardrails.create(
        name="Tier 2",
        credit_limit_cents=100000,
        credit_limit_reset_interval="monthly",
        allowed_models=["gpt-5.4"],
        model_budgets=[{"match_mode": "exclude", "models": ["gpt-5.4"], "credit_limit_cents": 1000}],
    )
    assert tier.model_budgets[0].credit_limit_cents == 1000
    key = admin.keys.create(name="Tiered")
    link = admin.guardrail_assignments.create(guardrail_id=tier.id, api_token_id=key.id)
    assert admin.keys.get(key.id).guardrail_id == tier.id
    with pytest.raises(runapi.UnprocessableEntityError):
        admin.guardrail_assignments.create(guardrail_id=tier.id, api_token_id=key.id)
    assert link.id in [a.id for a in admin.guardrail_assignments.list()]

    changed = admin.guardrails.update(tier.id, allowed_models=None, description="for interns")
    assert (changed.allowed_models, changed.description, changed.credit_limit_cents) == ([], "for interns", 100000)
    assert admin.guardrails.get(tier.id).assignment_count == 1

    admin.guardrail_assignments.delete(link.id)
    assert admin.keys.get(key.id).guardrail_id is None
    admin.guardrails.delete(tier.id)
    assert tier.id not in [g.id for g in admin.guardrails.list()]


def test_a_delete_whose_answer_was_lost_is_retried_and_counts_as_done(admin: ManagementClient, emu: Emulator) -> None:
    key = admin.keys.create(name="Doomed")
    emu.inject("drop", method="DELETE", path="/api/v1/keys/", after_handling=True)  # deleted, answer lost
    admin.keys.delete(key.id)  # the retry hears 404: done, not an error
    statuses = [e["status"] for e in emu.requests() if e["method"] == "DELETE" and e["path"].endswith(key.id)]
    assert statuses == [None, 404]


def test_a_key_create_whose_answer_was_lost_is_not_replayed(admin: ManagementClient, emu: Emulator) -> None:
    before = len(admin.keys.list())
    emu.inject("server_error", method="POST", path="/api/v1/keys", after_handling=True)
    with pytest.raises(runapi.InternalServerError) as caught:
        admin.keys.create(name="Once only")
    assert caught.value.task_may_exist and caught.value.idempotency_key
    assert len(admin.keys.list()) == before + 1  # created once, never twice


def test_get_account_on_the_api_key(emu: Emulator, clock: FakeClock) -> None:
    with runapi.Client(API_KEY, base_url=emu.url, sleep=clock.sleep, clock=clock) as client:
        assert client.get_account().raw["id"] == "acct_emulator"


def test_the_async_management_client(emu: Emulator, clock: FakeClock) -> None:
    import asyncio

    from runapi.management import AsyncManagementClient

    async def sleep(seconds: float) -> None:
        clock.sleep(seconds)

    async def main() -> tuple[str, bool, list[str]]:
        async with AsyncManagementClient(MANAGEMENT_KEY, base_url=emu.url, sleep=sleep, clock=clock) as admin:
            created = await admin.keys.create(name="Async")
            updated = await admin.keys.update(created.id, enabled=False)
            tier = await admin.guardrails.create(name="Async tier")
            await admin.guardrail_assignments.create(guardrail_id=tier.id, api_token_id=created.id)
            await admin.keys.delete(created.id)
            await admin.keys.delete(created.id, missing_ok=True)
            await admin.guardrails.delete(tier.id)
            return created.id, updated.enabled, [key.id for key in await admin.keys.list()]

    key_id, enabled, remaining = asyncio.run(main())
    assert enabled is False and key_id not in remaining
