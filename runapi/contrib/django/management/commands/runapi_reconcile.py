"""``manage.py runapi_reconcile``: finish the rows whose callback is overdue; resend creates a crash left unsent.

Run it from cron (every few minutes) beside the callback view; no task queue needed::

    */5 * * * * cd /srv/app && python manage.py runapi_reconcile --limit 200
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ... import journal
from ...backend import reconcile


class Command(BaseCommand):  # type: ignore[misc]  # Django ships no types
    help = (
        "Poll the RunAPI tasks whose callback is overdue (callback_due_at passed) and resend, by their "
        "Idempotency-Key, the creates that have no task id; apply what they show exactly once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than",
            type=float,
            default=None,
            metavar="SECONDS",
            help="every unfinished row created at least SECONDS ago, instead of those whose callback is overdue",
        )
        parser.add_argument("--limit", type=int, default=None, metavar="N", help="at most N rows, oldest first")
        parser.add_argument("--dry-run", action="store_true", help="list the rows, poll nothing, change nothing")

    def handle(self, *args: Any, older_than: float | None, limit: int | None, dry_run: bool, **options: Any) -> None:
        if older_than is not None and older_than < 0:
            from django.core.management.base import CommandError

            raise CommandError("--older-than must be a number of seconds >= 0")
        if dry_run:
            rows = journal.rows_due(older_than=older_than, limit=limit)
            for row in rows:
                action = "poll" if row.task_id else "resend create"
                self.stdout.write(f"{action} {row.operation} {row.task_id or row.idempotency_key} ({row.status})")
            self.stdout.write(f"{len(rows)} row(s) due (dry run: nothing sent)")
            return
        results = reconcile(older_than=older_than, limit=limit)
        for row, what in results:
            self.stdout.write(f"{row.operation} {row.task_id or row.idempotency_key}: {what}")
        self.stdout.write(f"{len(results)} row(s) reconciled")
