"""The app's tables: :class:`RunAPITask` (one row per task, the journal) and :class:`RunAPIStep` (the once-guard).

The row is written in this order (``journal.py``): the ``idempotency_key`` first (status
``"pending"``, before the create is sent), the ``task_id`` right after the create answered
(``"processing"``), then each step the task reaches (a Suno stage, ``"completed"``, ``"failed"``),
each inserted as a :class:`RunAPIStep` whose ``(task, step)`` pair is unique: a second delivery of
the same step (a redelivered callback, a poll racing a callback) hits the database constraint and
changes nothing.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils import timezone

__all__ = ["RunAPIStep", "RunAPITask"]


class RunAPITask(models.Model):  # type: ignore[misc]  # Django ships no types
    """One RunAPI task, from before its create to its stored outputs.

    Attributes:
        operation: ``"family.operation"`` (``"suno.text_to_music"``).
        task_id: the RunAPI task id; ``None`` until the create answered.
        idempotency_key: the ``Idempotency-Key`` the create is (and, by ``runapi_reconcile``, is
            again) sent with; written first.
        owner: your object, as ``"app_label.Model:pk"`` (:func:`runapi.contrib.django.owner_ref`),
            or ``""``; see the package docstring for why a string.
        params: the create's parameters as JSON, without secrets (the API key is never in them;
            the query values of ``callback_url`` but ``runapi_operation`` are replaced by ``"***"``).
        status: ``"pending"`` (key written, no task id yet), ``"processing"``, ``"completed"`` or
            ``"failed"`` (by RunAPI, or refused at create: then ``task_id`` stays ``None``).
        stage: Suno's ``generation_stage`` last reached, else ``""``.
        cost: what the task cost in USD (``task.usage.cost``, on completed tasks), else ``None``.
        outputs: the output URLs (``task.output_urls``), as RunAPI answered them.
        stored_files: the names of the outputs saved in the app's storage
            (``runapi/<task id>-<index><ext>``), in the order of ``outputs``.
        error: why the task failed (or the create's error), else ``""``.
        created_at, updated_at, finished_at: when the row was written, last changed, and ended.
        callback_due_at: when a callback is overdue: ``runapi_reconcile`` polls the row from then on.
    """

    PENDING = "pending"
    PROCESSING = "processing"
    COMPLETED = "completed"
    FAILED = "failed"
    STATUSES = ((PENDING, "pending"), (PROCESSING, "processing"), (COMPLETED, "completed"), (FAILED, "failed"))

    operation = models.CharField(max_length=100, db_index=True)
    task_id = models.CharField(max_length=200, unique=True, null=True, blank=True)
    idempotency_key = models.CharField(max_length=200, unique=True)
    owner = models.CharField(max_length=255, blank=True, default="", db_index=True)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=STATUSES, default=PENDING, db_index=True)
    stage = models.CharField(max_length=50, blank=True, default="")
    cost = models.DecimalField(max_digits=12, decimal_places=6, null=True, blank=True, help_text="USD")
    outputs = models.JSONField(default=list, blank=True)
    stored_files = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    callback_due_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "RunAPI task"
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.operation} {self.task_id or self.idempotency_key} ({self.status})"

    @property
    def is_done(self) -> bool:
        """``True`` once the row is ``"completed"`` or ``"failed"``: no step changes it any more."""
        return self.status in (self.COMPLETED, self.FAILED)

    def owner_object(self) -> Any:
        """The object ``owner`` names, through the app registry; ``None`` if none, or it is gone.

        Raises:
            LookupError: the model it names is not installed (renamed without a data migration).
        """
        if not self.owner:
            return None
        from django.apps import apps

        label, _, pk = self.owner.rpartition(":")
        return apps.get_model(label)._default_manager.filter(pk=pk).first()


class RunAPIStep(models.Model):  # type: ignore[misc]  # Django ships no types
    """A step a task reached, applied once: unique per ``(task, step)`` in the database.

    Attributes:
        task: the :class:`RunAPITask`.
        step: a Suno ``generation_stage``, or ``"completed"`` / ``"failed"``.
        source: ``"callback"`` or ``"poll"`` (``runapi_reconcile``, a worker).
        callback_id: the ``X-Callback-Id`` it came with, for a callback.
        applied_at: when it was applied.
    """

    task = models.ForeignKey(RunAPITask, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(max_length=50)
    source = models.CharField(max_length=20, default="callback")
    callback_id = models.CharField(max_length=200, blank=True, default="")
    applied_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "RunAPI task step"
        constraints: ClassVar[list[Any]] = [models.UniqueConstraint(fields=["task", "step"], name="runapi_step_once")]

    def __str__(self) -> str:
        return f"{self.step} ({self.source})"
