"""The admin of :class:`RunAPITask`: read-only (rows are written by the app only), filtered by status and operation.

Search by task id or idempotency key; the cost column is in USD; outputs link to RunAPI's URLs and
stored files to the storage's URLs.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from .journal import storage
from .models import RunAPIStep, RunAPITask


class RunAPIStepInline(admin.TabularInline):  # type: ignore[misc]  # Django ships no types
    model = RunAPIStep
    extra = 0
    can_delete = False
    fields = readonly_fields = ("step", "source", "callback_id", "applied_at")

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(RunAPITask)
class RunAPITaskAdmin(admin.ModelAdmin):  # type: ignore[misc]  # Django ships no types
    list_display = ("task_id", "operation", "status", "stage", "cost_usd", "owner", "created_at", "finished_at")
    list_filter = ("status", "operation")
    search_fields = ("task_id", "idempotency_key")
    date_hierarchy = "created_at"
    inlines = (RunAPIStepInline,)
    fields = readonly_fields = (
        "operation",
        "task_id",
        "idempotency_key",
        "owner",
        "status",
        "stage",
        "cost_usd",
        "params",
        "output_links",
        "stored_file_links",
        "error",
        "created_at",
        "updated_at",
        "finished_at",
        "callback_due_at",
    )

    @admin.display(description="cost (USD)", ordering="cost")  # type: ignore[untyped-decorator]
    def cost_usd(self, row: RunAPITask) -> str:
        return "-" if row.cost is None else f"${row.cost:.4f}"

    @admin.display(description="outputs")  # type: ignore[untyped-decorator]
    def output_links(self, row: RunAPITask) -> str:
        return _links((url, url) for url in row.outputs or [])

    @admin.display(description="stored files")  # type: ignore[untyped-decorator]
    def stored_file_links(self, row: RunAPITask) -> str:
        where = storage()
        return _links((where.url(name), name) for name in row.stored_files or [])

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


def _links(pairs: Any) -> str:
    html: str = format_html_join(mark_safe("<br>"), '<a href="{}" rel="noopener">{}</a>', pairs) or "-"
    return html
