"""The installable Django app ``runapi.contrib.django``, in a Django project of its own (``project.py``).

Django's settings are configured once per process, and other tests configure a project without the
app, so the project's tests run in a fresh interpreter (pytest on ``project.py``); this test passes
when every one of them does, and shows their output when one does not.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
PROJECT = Path(__file__).with_name("project.py")


def test_the_app_in_a_django_project_of_its_own() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(PROJECT.relative_to(ROOT))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
    assert " passed" in done.stdout and "skipped" not in done.stdout
