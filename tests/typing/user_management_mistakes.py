"""Management mistakes both type checkers must flag, one per marked line (see test_user_scripts.py)."""

from __future__ import annotations

from runapi.management import ManagementClient


def main() -> None:
    admin = ManagementClient()
    admin.keys.create(credit_limit_reset_interval="yearly")  # error: not a reset interval
    admin.keys.update("token_123", guardrail_id="g")  # error: PATCH /keys takes no guardrail_id
    admin.keys.update("token_123", name=None)  # error: a name cannot be cleared
    admin.keys.update(name="x")  # error: the record id comes first
    admin.guardrails.create(description="no name")  # error: name is required
    admin.guardrail_assignments.update("a", guardrail_id="g")  # error: assignments have no update
    print(admin.keys.create(name="x").secret)  # error: the secret is .key
    ManagementClient(api_key="sk")  # error: a management client holds a management_key
