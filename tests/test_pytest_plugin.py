"""The pytest plugin as a user meets it: a fresh project's tests, run by pytest in a subprocess, get the
fixtures from the installed package's ``pytest11`` entry point (no conftest, no import of the plugin)."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

USER_TESTS = """
import asyncio
import threading

import pytest
import requests
from werkzeug.serving import make_server

import runapi
from runapi.suno import MusicTask


def test_a_task_runs_to_completion_without_waiting(runapi_client, runapi_clock):
    before = runapi_clock()
    song = runapi_client.suno.text_to_music.run(vocal_mode="instrumental", model="suno-v5", prompt="lo-fi")
    assert song.is_completed and song.audios
    assert runapi_clock() > before  # the wait advanced the emulator's clock instead of sleeping


def test_faults_can_be_injected(runapi_client, runapi_emulator):
    runapi_emulator.inject("unavailable", method="POST", times=5)
    with pytest.raises(runapi.ServiceUnavailableError):
        runapi_client.suno.generate_lyrics.create(prompt="x")


@pytest.mark.runapi_emulator(initial_balance_cents=0)
def test_the_marker_configures_the_emulator(runapi_client):
    with pytest.raises(runapi.PaymentRequiredError):
        runapi_client.suno.generate_lyrics.create(prompt="x")


def test_the_async_client(runapi_async_client):
    async def main():
        return await runapi_async_client.nano_banana.text_to_image.run(model="nano-banana", prompt="a cat")

    assert asyncio.run(main()).is_completed


def test_my_flask_app_receives_the_callback(runapi_settings, runapi_client):
    from flask import Flask
    from runapi.contrib.flask import callback_view

    received = []
    app = Flask("myapp")
    app.post("/callbacks/suno")(callback_view(task_type=MusicTask)(received.append))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        task = runapi_client.suno.text_to_music.run(
            vocal_mode="instrumental", model="suno-v5", prompt="lo-fi",
            callback_url=f"http://127.0.0.1:{server.port}/callbacks/suno",
        )
        delivery = runapi_settings.wait_for_callback(task.id, stage="all_audios_ready")
    finally:
        server.shutdown()
    assert delivery["status"] == 204
    assert "all_audios_ready" in [t.generation_stage for t in received]


def test_a_callback_for_a_task_nobody_waits_for(runapi_settings, runapi_wait_for_callback):
    from flask import Flask
    from runapi.contrib.flask import callback_view

    received = []
    app = Flask("myapp2")
    app.post("/callbacks/images")(callback_view(operation="nano_banana.text_to_image")(received.append))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with runapi.Client() as client:  # the app's own client, from runapi_settings' environment
            task = client.nano_banana.text_to_image.create(
                model="nano-banana", prompt="a cat", callback_url=f"http://127.0.0.1:{server.port}/callbacks/images"
            )
        delivery = runapi_wait_for_callback(task.id)
    finally:
        server.shutdown()
    assert delivery["status"] == 204 and received[0].id == task.id and received[0].images


def test_the_settings_point_the_apps_own_client_at_the_emulator(runapi_settings):
    with runapi.Client() as client:
        assert client.base_url == runapi_settings.url
        assert client.get_balance().balance_cents > 0
"""


def test_a_fresh_project_gets_the_fixtures(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNAPI_API_KEY", "a-real-key-that-must-never-be-used")
    monkeypatch.setenv("RUNAPI_BASE_URL", "https://runapi.ai")
    pytester.makepyfile(test_my_app=USER_TESTS)
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=7)


def test_the_plugin_can_be_turned_off(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_off="def test_uses_it(runapi_client):\n    pass\n")
    result = pytester.runpytest_subprocess("-q", "-p", "no:runapi", "-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*fixture 'runapi_client' not found*"])
