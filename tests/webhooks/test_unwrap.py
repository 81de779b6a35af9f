"""unwrap(): verify like verify(), then return a typed Callback with the structured task."""

from __future__ import annotations

import json
import subprocess
import sys

import attrs
import pytest

import runapi
from runapi.suno import Audio, LyricsTask, MusicTask
from runapi.webhooks import Callback, WebhookVerificationError, unwrap, verify

from .conftest import BODY, HEADERS, NOW, OLD_SECRET, PAYLOAD, SECRET, signed


def test_unwrap_returns_a_callback_with_the_base_task_by_default() -> None:
    callback = unwrap(BODY, HEADERS, SECRET, now=NOW)
    assert type(callback) is Callback
    assert type(callback.task) is runapi.Task
    assert (callback.id, callback.timestamp, callback.payload) == ("cb_1", NOW, PAYLOAD)
    assert (callback.task.id, callback.task.status, callback.task.is_completed) == (PAYLOAD["id"], "completed", True)
    assert callback.task.raw == PAYLOAD  # unknown fields are kept


def test_unwrap_structures_into_the_given_task_type() -> None:
    callback = unwrap(BODY, HEADERS, SECRET, task_type=MusicTask, now=NOW)
    assert isinstance(callback.task, MusicTask)
    assert callback.task.generation_stage == "all_audios_ready"
    assert callback.task.audios == [Audio(id="a1", audio_url="https://file.runapi.ai/generated/a1.mp3", duration=184.5)]
    assert callback.task.output_urls == ["https://file.runapi.ai/generated/a1.mp3"]
    assert callback.task == MusicTask.from_dict(verify(BODY, HEADERS, SECRET, now=NOW))


def test_the_callback_is_frozen_and_its_repr_is_short() -> None:
    callback = unwrap(BODY, HEADERS, SECRET, now=NOW)
    assert attrs.has(Callback)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        callback.id = "cb_2"  # type: ignore[misc]
    assert repr(callback).startswith("Callback(id='cb_1', timestamp=1760000000, task=Task(")
    assert "payload" not in repr(callback) and SECRET not in repr(callback)


def test_the_callback_class_is_generic() -> None:
    assert Callback[MusicTask].__origin__ is Callback  # type: ignore[attr-defined]


def test_a_verified_payload_that_does_not_fit_the_task_type_is_invalid_body() -> None:
    body = json.dumps({"id": "t1", "status": "completed", "audios": "not a list of audios"}).encode()
    with pytest.raises(WebhookVerificationError, match="MusicTask") as info:
        unwrap(body, signed(body), SECRET, task_type=MusicTask, now=NOW)
    assert info.value.reason == "invalid_body"
    assert isinstance(info.value.__cause__, runapi.APIResponseValidationError)


def test_a_payload_without_a_string_id_is_invalid_body_for_the_base_task() -> None:
    body = json.dumps({"id": 7, "status": "completed"}).encode()
    with pytest.raises(WebhookVerificationError) as info:
        unwrap(body, signed(body), SECRET, now=NOW)
    assert info.value.reason == "invalid_body"
    assert isinstance(info.value.__cause__, runapi.APIResponseValidationError)


def test_another_family_task_type_takes_what_it_knows() -> None:
    """A LyricsTask from a music payload: tolerant structuring keeps the id/status, raw keeps the rest."""
    callback = unwrap(BODY, HEADERS, SECRET, task_type=LyricsTask, now=NOW)
    assert (callback.task.id, callback.task.lyrics, callback.task.raw) == (PAYLOAD["id"], [], PAYLOAD)


@pytest.mark.parametrize("task_type", [dict, str, "MusicTask", MusicTask(id="x"), Audio], ids=repr)
def test_a_task_type_that_is_not_a_task_class_is_a_validation_error(task_type: object) -> None:
    with pytest.raises(runapi.ValidationError) as info:
        unwrap(BODY, HEADERS, SECRET, task_type=task_type, now=NOW)  # type: ignore[call-overload]
    assert info.value.field == "task_type"


@pytest.mark.parametrize(
    ("body", "headers", "secret", "reason"),
    [
        (BODY.replace(b"completed", b"failed"), HEADERS, SECRET, "no_matching_signature"),
        (BODY, signed(secret=OLD_SECRET), SECRET, "no_matching_signature"),
        (BODY, signed(timestamp=NOW - 301), SECRET, "timestamp_outside_tolerance"),
        (BODY, {}, SECRET, "missing_header"),
        (BODY, None, SECRET, "invalid_header"),
        (BODY, HEADERS, None, "invalid_secret"),
        (b"[]", signed(b"[]"), SECRET, "invalid_body"),
    ],
    ids=["tampered", "wrong-secret", "stale", "no-headers", "not-headers", "no-secret", "array"],
)
def test_unwrap_refuses_exactly_what_verify_refuses(body: bytes, headers: object, secret: object, reason: str) -> None:
    for call in (verify, unwrap):
        with pytest.raises(WebhookVerificationError) as info:
            call(body, headers, secret, now=NOW)  # type: ignore[operator]
        assert info.value.reason == reason


def test_unwrap_passes_tolerance_and_now_through() -> None:
    stale = signed(timestamp=NOW - 10_000)
    assert unwrap(BODY, stale, SECRET, tolerance=None, now=NOW).timestamp == NOW - 10_000
    assert unwrap(BODY, stale, SECRET, tolerance=10_000, now=NOW).id == "cb_1"
    with pytest.raises(WebhookVerificationError):
        unwrap(BODY, stale, SECRET, tolerance=9_999, now=NOW)


def test_importing_webhooks_does_not_load_cattrs() -> None:
    """verify() needs no models; unwrap() loads them on first use, and cattrs only for nested payloads."""
    code = (
        "import sys, runapi.webhooks as w\n"
        "assert 'cattrs' not in sys.modules, 'cattrs imported'\n"
        "assert 'runapi._core.models' not in sys.modules, 'models imported'\n"
        "import base64\n"
        "s = base64.b64encode(b'k' * 32).decode()\n"
        'b = b\'{"id": "t"}\'\n'
        "w.verify(b, w.sign(b, s), s)\n"
        "assert 'cattrs' not in sys.modules\n"
        "assert w.unwrap(b, w.sign(b, s), s).task.id == 't'\n"
        "assert 'runapi._core.models' in sys.modules\n"
        "assert 'cattrs' not in sys.modules, 'a payload of plain values needs no converter'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
