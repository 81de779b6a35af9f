"""The Celery app the worker subprocesses of tests/contrib/test_celery_workers.py run (``celery -A`` this module).

Settings come from the environment the test gives each worker: the broker (a redis-server the test
started), the emulator as ``RUNAPI_BASE_URL``, and short timings so a job ends after one or two polls.
"""

from __future__ import annotations

import os

from runapi.contrib.celery import make_app

OPTIONS = {
    "visibility_timeout": 4.0,  # a killed worker's message goes to another within seconds
    "transport_options": {"unacked_restore_interval": 1, "unacked_restore_throttle": 1},
    "lease": 5.0,
    "poll_interval": 0.05,
}

app = make_app(os.environ.get("RUNAPI_TEST_CELERY_BROKER", "redis://127.0.0.1:1/0"), **OPTIONS)
