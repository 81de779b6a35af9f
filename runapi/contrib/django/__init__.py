"""RunAPI in Django: callback views, a cache store, and an installable app that keeps your tasks.

Two ways to use it:

- **Glue only** (no app, no tables): ``@callback_view`` turns ``handler(task)`` into a view and
  :class:`CacheStore` shares its de-duplication through Django's cache (see ``_adapter.py``)::

      @callback_view(task_type=MusicTask, store=CacheStore())  # settings.RUNAPI_CALLBACK_SECRET
      def on_music(task: MusicTask) -> None: ...

- **The app** (``INSTALLED_APPS = [..., "runapi.contrib.django"]``, label ``runapi``, then
  ``manage.py migrate``): a :class:`~runapi.contrib.django.models.RunAPITask` row per task, written
  before the create; :func:`submit` creates tasks; the view ``runapi.contrib.django.views.callback``
  (``path("runapi/", include("runapi.contrib.django.urls"))``) applies each signed callback to its
  row exactly once, stores the outputs in a Django storage and sends the signals ``task_stage`` and
  ``task_finished`` (``runapi.contrib.django.signals``) after the commit; ``manage.py
  runapi_reconcile`` (cron) polls the rows whose callback is overdue and resends the creates a
  crash left unsent. No Celery needed; ``runapi.contrib.django.journal`` holds the write steps as
  small functions a worker can call.

Settings (all optional but the secret, which the callback view needs):

- ``RUNAPI_CALLBACK_SECRET``: the callback secret (base64, from the dashboard), or the environment
  variable of that name.
- ``RUNAPI_CALLBACK_URL``: the absolute URL of the callback view (``https://example.com/runapi/callback``);
  set, every :func:`submit` sends it as ``callback_url`` (with ``?runapi_operation=...``).
- ``RUNAPI_API_KEY``, ``RUNAPI_CLIENT_OPTIONS`` (a ``dict`` of ``runapi.Client`` keyword arguments):
  the client :func:`submit`, the view (downloads) and the command use when none is given; the API
  key else comes from the ``RUNAPI_API_KEY`` environment variable.
- ``RUNAPI_STORAGE``: the alias in ``STORAGES`` outputs are saved to (default: ``default_storage``).
- ``RUNAPI_CALLBACK_DUE``: seconds after the create when a callback is overdue and the row is
  reconciled (default 600: RunAPI stops redelivering after 10 tries, and drops callbacks nobody
  listens to); ``RUNAPI_POLL_AGAIN``: seconds before a row polled still processing is due again
  (default 60).

**Why the owner is a reference string, not a generic relation.** A row points at your own object
with ``owner = "shop.Order:42"`` (``model._meta.label`` and the primary key; :func:`owner_ref`), a
plain indexed ``CharField``. A contenttypes ``GenericForeignKey`` was the alternative. The string:
works in projects without ``django.contrib.contenttypes``; is queried with one indexed equality
(``RunAPITask.objects.filter(owner=owner_ref(order))``, no join, no ``content_type_id`` lookup,
also from SQL and other services that read the table); and points across databases. What it
gives up: it does not follow a model rename by itself (a generic relation's ``ContentType`` row
is renamed by ``migrate``), so a rename needs one data migration
(``RunAPITask.objects.filter(owner__startswith="shop.Order:").update(...)``), and there is no
cascade (a row outlives its owner, which for a paid task's record is what one wants).
``row.owner_object()`` resolves it through the app registry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._adapter import CacheStore, callback_view

if TYPE_CHECKING:
    from .backend import get_client, owner_ref, reconcile, submit

__all__ = ["CacheStore", "callback_view", "get_client", "owner_ref", "reconcile", "submit"]

# the app's names need the app registry (models): imported on first use, so that the glue above
# works in projects that do not install the app
_LAZY = {"get_client", "owner_ref", "reconcile", "submit"}

if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        if name not in _LAZY:
            raise AttributeError(f"module 'runapi.contrib.django' has no attribute {name!r}")
        from . import backend

        return getattr(backend, name)
