"""A Django project made here, with ``runapi.contrib.django`` installed, against the emulator over real HTTP.

Not collected by the suite (its name is no ``test_*.py``): ``test_django_app.py`` runs it in a fresh
interpreter, because Django's settings are configured once per process and other tests configure a
project without the app. SQLite through Django's real database layer (a file: the WSGI server's
thread has its own connection), migrated by ``migrate``; the callbacks come from the emulator to the
app served by a threaded WSGI server; tasks move on the emulator's poll count (``complete_after_polls``)
and the SDK's fake clock, never on real time.
"""

from __future__ import annotations

import base64
import json
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import django
import pytest
import requests
from django.conf import settings

import runapi
from runapi import webhooks
from runapi.emulator import Emulator
from tests.conftest import FakeClock

KEY = "emu-django-app-key"
SECRET = base64.b64encode(b"django-app-callback-secret-0123").decode()
TMP = Path(tempfile.mkdtemp(prefix="runapi-django-app-"))
STAGES = ["text_generated", "first_audio_ready", "all_audios_ready"]
MUSIC = {"vocal_mode": "auto_lyrics", "prompt": "A chill lo-fi beat", "model": "suno-v5"}
URL_TOKEN = "s3cret-url-token"

settings.configure(
    DEBUG=False,
    SECRET_KEY="django-app-test-only",
    ALLOWED_HOSTS=["*"],
    USE_TZ=True,
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[
        "django.contrib.admin",
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
        "runapi.contrib.django",
    ],
    MIDDLEWARE=[
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
    ],
    TEMPLATES=[
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "APP_DIRS": True,
            "OPTIONS": {
                "context_processors": [
                    "django.template.context_processors.request",
                    "django.contrib.auth.context_processors.auth",
                    "django.contrib.messages.context_processors.messages",
                ]
            },
        }
    ],
    DATABASES={
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(TMP / "db.sqlite3"),
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    },
    STORAGES={
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(TMP / "media"), "base_url": "/media/"},
        },
        "outputs": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(TMP / "outputs"), "base_url": "/outputs/"},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
    STATIC_URL="/static/",
    RUNAPI_CALLBACK_SECRET=SECRET,
    RUNAPI_API_KEY=KEY,
)
django.setup()

from django.contrib import admin  # noqa: E402  (after setup)
from django.core.management import call_command  # noqa: E402
from django.http import HttpRequest, JsonResponse  # noqa: E402
from django.test import Client as DjangoClient, override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402
from django.utils import timezone  # noqa: E402

from runapi.contrib.django import journal, submit  # noqa: E402
from runapi.contrib.django.models import RunAPIStep, RunAPITask  # noqa: E402
from runapi.contrib.django.signals import task_finished, task_stage  # noqa: E402
from runapi.contrib.django.views import task_callback_view  # noqa: E402


def new_song(request: HttpRequest) -> JsonResponse:
    """The user's view: submit a music task for their object, answer the row."""
    row = submit("suno.text_to_music", owner="shop.Song:7", **MUSIC)
    return JsonResponse({"row": row.pk, "status": row.status, "task_id": row.task_id})


def broken(request: HttpRequest) -> JsonResponse:
    """A callback endpoint that is down: answers 500 to every delivery."""
    return JsonResponse({}, status=500)


from django.views.decorators.csrf import csrf_exempt  # noqa: E402

urlpatterns = [
    path("admin/", admin.site.urls),
    path("runapi/", include("runapi.contrib.django.urls")),
    path("other-worker/callback", task_callback_view()),  # another process: its own in-memory store
    path("songs/new", new_song),
    path("broken", csrf_exempt(broken)),
]

call_command("migrate", verbosity=0)


# -- fixtures --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(api_key=KEY, callback_secret=SECRET, complete_after_polls=3, redelivery_delays=(0.01,) * 3) as e:
        yield e


@pytest.fixture(scope="module")
def live() -> Iterator[str]:
    from django.core.handlers.wsgi import WSGIHandler
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, WSGIHandler(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.port}"
    server.shutdown()
    thread.join(5)


@pytest.fixture
def sdk(emu: Emulator, clock: FakeClock) -> Iterator[runapi.Client]:
    with runapi.Client(KEY, base_url=emu.url, sleep=clock.sleep, clock=clock) as client:
        yield client


@pytest.fixture
def app(emu: Emulator, live: str, clock: FakeClock) -> Iterator[str]:
    """The app's settings for a test: its client on the emulator, its callback URL on the live server."""
    RunAPITask.objects.all().delete()
    options = {"base_url": emu.url, "sleep": clock.sleep, "clock": clock}
    with override_settings(
        RUNAPI_CLIENT_OPTIONS=options, RUNAPI_CALLBACK_URL=f"{live}/runapi/callback?token={URL_TOKEN}"
    ):
        yield live


class Signals:
    """Records the app's signals, and whether each came inside a transaction."""

    def __init__(self) -> None:
        self.stages: list[tuple[str, str]] = []
        self.finished: list[tuple[str, str]] = []
        self.in_transaction: list[bool] = []
        self.lock = threading.Lock()

    def on_stage(self, sender: Any, row: RunAPITask, stage: str, **_: Any) -> None:
        self._seen(self.stages, (row.task_id, stage))

    def on_finished(self, sender: Any, row: RunAPITask, **_: Any) -> None:
        self._seen(self.finished, (row.task_id, row.status))

    def _seen(self, into: list[tuple[str, str]], item: tuple[str, str]) -> None:
        from django.db import transaction

        with self.lock:
            into.append(item)
            self.in_transaction.append(transaction.get_connection().in_atomic_block)


@pytest.fixture
def signals() -> Iterator[Signals]:
    seen = Signals()
    task_stage.connect(seen.on_stage)
    task_finished.connect(seen.on_finished)
    yield seen
    task_stage.disconnect(seen.on_stage)
    task_finished.disconnect(seen.on_finished)


def stored_bytes(row: RunAPITask, where: str = "media") -> list[bytes]:
    return [(TMP / where / name).read_bytes() for name in row.stored_files]


def files_in(where: str) -> list[str]:
    folder = TMP / where / "runapi"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def attempts_of(emu: Emulator, task_id: str, n: int, timeout: float = 5.0) -> list[dict[str, Any]]:
    """Block (on the emulator's log, no sleeping) until ``task_id`` had ``n`` callback attempts; return them."""
    deadline = time.monotonic() + timeout
    while True:
        log = emu.deliveries()
        mine = [d for d in log if d["task_id"] == task_id]
        if len(mine) >= n:
            return mine
        emu.wait_for_deliveries(len(log) + 1, timeout=max(0.0, deadline - time.monotonic()), successful=False)


def tasks_with_key(emu: Emulator, key: str) -> list[dict[str, Any]]:
    return [t for t in emu.tasks() if t["idempotency_key"] == key]


# -- tests -----------------------------------------------------------------------------------------


def test_the_shipped_migrations_match_the_models() -> None:
    call_command("makemigrations", "runapi", "--check", "--dry-run", verbosity=0)  # SystemExit(1) on a change
    from django.db.migrations.loader import MigrationLoader

    shipped = {name for app, name in MigrationLoader(None).disk_migrations if app == "runapi"}
    assert shipped == {"0001_initial"}  # runapi/contrib/django/migrations/0001_initial.py, and nothing unshipped


def test_a_view_submits_and_each_callback_updates_the_row_once(
    emu: Emulator, app: str, sdk: runapi.Client, signals: Signals
) -> None:
    answer = DjangoClient().get("/songs/new").json()
    row = RunAPITask.objects.get(pk=answer["row"])
    assert (row.status, row.operation, row.owner) == ("processing", "suno.text_to_music", "shop.Song:7")
    (made,) = tasks_with_key(emu, row.idempotency_key)  # one task, created with the row's key
    assert made["id"] == row.task_id == answer["task_id"]
    assert made["callback_url"] == f"{app}/runapi/callback?token={URL_TOKEN}&runapi_operation=suno.text_to_music"
    assert row.params["callback_url"] == f"{app}/runapi/callback?token=***&runapi_operation=suno.text_to_music"
    assert URL_TOKEN not in json.dumps(row.params) and KEY not in json.dumps(row.params)

    task = sdk.suno.text_to_music.wait(row.task_id)  # the polls move the task; the emulator calls the app back
    emu.wait_for_callback(row.task_id, stage="all_audios_ready")
    row.refresh_from_db()
    assert (row.status, row.stage, row.error) == ("completed", "all_audios_ready", "")
    assert row.cost == Decimal(str(task.usage.cost)) and row.cost > 0
    assert row.outputs == task.output_urls and len(row.outputs) >= 1
    assert row.stored_files == [f"runapi/{row.task_id}-{i}.mp3" for i in range(len(row.outputs))]
    assert stored_bytes(row) == [requests.get(url, timeout=5).content for url in row.outputs]
    assert row.finished_at is not None
    assert signals.stages == [(row.task_id, stage) for stage in STAGES]
    assert signals.finished == [(row.task_id, "completed")]
    assert not any(signals.in_transaction)  # sent after the commit
    steps = list(row.steps.order_by("pk").values_list("step", "source"))
    assert steps == [(s, "callback") for s in [*STAGES, "completed"]]

    # RunAPI redelivers the last callback, signed anew, to another worker (whose in-process store never
    # saw it): the database constraint makes it a no-op
    last = [d for d in emu.deliveries() if d["task_id"] == row.task_id][-1]
    body = last["body"].encode()
    files = files_in("media")
    for url in (f"{app}/other-worker/callback", f"{app}/runapi/callback"):
        sent = requests.post(url, data=body, headers=webhooks.sign(body, SECRET, callback_id=last["callback_id"]))
        assert sent.status_code == 204
    assert len(signals.finished) == 1 and len(signals.stages) == 3
    assert files_in("media") == files and RunAPIStep.objects.filter(task=row).count() == 4
    forged = requests.post(f"{app}/runapi/callback", data=body, headers={"X-Callback-Id": "x"})
    assert forged.status_code == 400


def test_validation_errors_write_no_row_and_send_nothing(emu: Emulator, app: str, sdk: runapi.Client) -> None:
    sent_before = len(emu.requests())
    with pytest.raises(runapi.ValidationError) as missing:
        submit("suno.text_to_music", client=sdk, vocal_mode="auto_lyrics", model="suno-v5")
    assert missing.value.field == "prompt"
    with pytest.raises(runapi.ValidationError) as unknown:
        submit("suno.no_such_thing", client=sdk, **MUSIC)
    assert unknown.value.field == "operation"
    with pytest.raises(runapi.ValidationError) as own_url:
        submit("suno.text_to_music", client=sdk, callback_url="https://example.com/cb", **MUSIC)
    assert own_url.value.field == "callback_url"
    with pytest.raises(runapi.ValidationError) as owner:
        submit("suno.text_to_music", client=sdk, owner="not-a-reference", **MUSIC)
    assert owner.value.field == "owner"
    assert RunAPITask.objects.count() == 0
    assert len(emu.requests()) == sent_before


def test_a_lost_create_answer_leaves_the_key_and_reconcile_finishes_it_with_one_task(
    emu: Emulator, app: str, sdk: runapi.Client, signals: Signals
) -> None:
    path = "/api/v1/nano_banana/text_to_image"
    emu.inject("drop", method="POST", path=path, after_handling=True)  # the task is made, its answer lost
    with override_settings(RUNAPI_CALLBACK_URL=None):
        row = submit(
            "nano_banana.text_to_image",
            client=sdk.with_options(max_retries=0),
            prompt="A red kite",
            model="nano-banana",
        )
        assert (row.status, row.task_id) == ("pending", None) and row.idempotency_key
        assert row.error  # why: the dropped answer
        (made,) = tasks_with_key(emu, row.idempotency_key)
        assert journal.rows_due() == []  # not overdue yet

        for _ in range(3):  # the emulator completes a task on its 3rd poll; each run polls once
            _command("--older-than", "0")
    row.refresh_from_db()
    assert (row.status, row.task_id) == ("completed", made["id"])
    assert len(tasks_with_key(emu, row.idempotency_key)) == 1  # the resend by key made no second task
    assert stored_bytes(row) == [requests.get(url, timeout=5).content for url in row.outputs]
    assert signals.finished == [(made["id"], "completed")]
    assert list(row.steps.values_list("step", "source")) == [("completed", "poll")]


def test_a_dropped_callback_is_finished_by_reconcile_into_the_named_storage(
    emu: Emulator, app: str, sdk: runapi.Client, signals: Signals
) -> None:
    with override_settings(RUNAPI_CALLBACK_URL=f"{app}/broken", RUNAPI_STORAGE="outputs"):
        row = submit("nano_banana.text_to_image", client=sdk, prompt="A blue kite", model="nano-banana")
        sdk.nano_banana.text_to_image.wait(row.task_id)  # completes; every delivery answered 500
        mine = attempts_of(emu, row.task_id, 4)
        assert [a["status"] for a in mine] == [500] * 4 and mine[-1]["retry_in"] is None  # RunAPI gave up
        row.refresh_from_db()
        assert row.status == "processing"

        assert journal.rows_due() == []
        later = timezone.now() + timedelta(seconds=601)  # the callback is overdue 10 minutes after the create
        assert journal.rows_due(now=later) == [row]

        out = _command("--dry-run", "--older-than", "0")
        assert f"poll nano_banana.text_to_image {row.task_id} (processing)" in out and "1 row(s) due" in out
        row.refresh_from_db()
        assert row.status == "processing" and not signals.finished

        out = _command("--older-than", "0", "--limit", "5")
    assert f"{row.task_id}: completed" in out
    row.refresh_from_db()
    assert row.status == "completed" and row.cost is not None
    assert stored_bytes(row, "outputs") == [requests.get(url, timeout=5).content for url in row.outputs]
    assert signals.finished == [(row.task_id, "completed")]
    assert "0 row(s) reconciled" in _command("--older-than", "0")  # an ended row is never polled again


def _command(*args: str) -> str:
    import io

    out = io.StringIO()
    call_command("runapi_reconcile", *args, stdout=out)
    return out.getvalue()


def test_the_admin_lists_filters_searches_and_shows_a_task(emu: Emulator, app: str, sdk: runapi.Client) -> None:
    from django.contrib.auth.models import User

    row = submit("nano_banana.text_to_image", client=sdk, prompt="A green kite", model="nano-banana")
    sdk.nano_banana.text_to_image.wait(row.task_id)
    emu.wait_for_callback(row.task_id)
    row.refresh_from_db()
    assert row.status == "completed"
    other = submit("suno.text_to_music", client=sdk, **MUSIC)

    user = User.objects.filter(username="admin").first() or User.objects.create_superuser(
        "admin", "a@example.com", "pw"
    )
    browser = DjangoClient()
    browser.force_login(user)
    listing = browser.get("/admin/runapi/runapitask/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert row.task_id in page and other.task_id in page and f"${row.cost:.4f}" in page
    completed = browser.get("/admin/runapi/runapitask/", {"status__exact": "completed"}).content.decode()
    assert row.task_id in completed and other.task_id not in completed
    by_operation = browser.get("/admin/runapi/runapitask/", {"operation": "suno.text_to_music"}).content.decode()
    assert other.task_id in by_operation and row.task_id not in by_operation
    found = browser.get("/admin/runapi/runapitask/", {"q": other.idempotency_key}).content.decode()
    assert other.task_id in found and row.task_id not in found

    change = browser.get(f"/admin/runapi/runapitask/{row.pk}/change/")
    assert change.status_code == 200
    shown = change.content.decode()
    assert f'href="{row.outputs[0]}"' in shown and f'href="/media/{row.stored_files[0]}"' in shown
    assert 'name="status"' not in shown  # read-only: no form field
    assert browser.get("/admin/runapi/runapitask/add/").status_code == 403
