"""A ready Celery app for ``runapi batch --workers celery``, configured from the environment.

::

    RUNAPI_API_KEY=... RUNAPI_CELERY_BROKER_URL=redis://redis.internal:6379/0 \\
        celery -A runapi.contrib.celery.app worker --pool prefork --concurrency 8

Environment: ``RUNAPI_CELERY_BROKER_URL`` (default ``redis://localhost:6379/0``; the broker and,
unless ``RUNAPI_CELERY_REDIS_URL`` names another, the Redis of the journal, tokens and rate
slots), ``RUNAPI_CELERY_VISIBILITY_TIMEOUT`` (seconds, default 3600), ``RUNAPI_CELERY_LEASE``
(seconds, default 120), ``RUNAPI_POLL_INTERVAL`` (a fixed poll schedule's first gap, seconds),
and the client's ``RUNAPI_API_KEY``, ``RUNAPI_BASE_URL``.
"""

from __future__ import annotations

import os
from typing import Any

from . import DEFAULT_LEASE, make_app


def _seconds(name: str, default: float | None) -> float | None:
    value = os.environ.get(name)
    return default if not value else float(value)


def from_environment() -> Any:
    """A new app from the environment variables above (what ``runapi batch --workers celery`` sends with)."""
    return make_app(
        visibility_timeout=_seconds("RUNAPI_CELERY_VISIBILITY_TIMEOUT", 3600.0) or 3600.0,
        lease=_seconds("RUNAPI_CELERY_LEASE", DEFAULT_LEASE) or DEFAULT_LEASE,
        poll_interval=_seconds("RUNAPI_POLL_INTERVAL", None),
    )


app = from_environment()
