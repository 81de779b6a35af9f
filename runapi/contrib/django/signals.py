"""The app's signals, sent after the transaction that applied a step committed (``transaction.on_commit``).

Each is sent once per row and step, whether the step came by callback or by ``runapi_reconcile``::

    from django.dispatch import receiver
    from runapi.contrib.django.signals import task_finished

    @receiver(task_finished)
    def on_done(sender, row, task, **kwargs):  # sender is RunAPITask
        if row.status == "completed":
            Order.objects.filter(pk=row.owner.split(":")[1]).update(song=row.stored_files[0])

- ``task_stage(sender=RunAPITask, row, stage, task)``: a Suno ``generation_stage`` was reached
  (``"text_generated"``, ``"first_audio_ready"``, ``"all_audios_ready"``).
- ``task_finished(sender=RunAPITask, row, task)``: the task ended, ``row.status`` is
  ``"completed"`` (outputs stored) or ``"failed"`` (``row.error``).

``row`` is the :class:`~runapi.contrib.django.models.RunAPITask` as saved; ``task`` the SDK's task.
A receiver that raises does not undo the row (it was committed); Django lets the exception through.
"""

from __future__ import annotations

from django.dispatch import Signal

__all__ = ["task_finished", "task_stage"]

task_stage = Signal()
task_finished = Signal()
