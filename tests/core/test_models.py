"""Structuring answers: plain payloads are built directly, nested ones by cattrs, with one result.

``structure`` builds a payload of plain values (every create answer, most status answers of a
running task) without the converter. These tests check that shortcut against the converter
itself: whatever the payload, the two give equal tasks (same fields, same ``raw``) or the same
refusal, and a cold process creates a task without importing cattrs.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import attrs
import pytest

from runapi import nano_banana, suno, veo_3_1
from runapi._core.models import Task, _converter, structure
from runapi.errors import APIResponseValidationError

TASK_TYPES: list[type[Task]] = [
    Task,
    nano_banana.ImageTask,
    suno.MusicTask,
    suno.LyricsTask,
    veo_3_1.VideoTask,
]

PAYLOADS: list[dict[str, Any]] = [
    {"id": "task_1"},
    {"id": "task_1", "status": "processing"},
    {"id": "task_1", "status": "failed", "error": "content policy"},
    {"id": "task_1", "status": "queued", "future_field": {"nested": [1, 2]}},  # unknown keys: kept on raw
    {"id": "task_1", "status": "processing", "model": "nano-banana", "generation_stage": "text"},
    {"id": "task_1", "status": None},  # None where a str is declared
    {"id": "task_1", "status": 7},  # an int where a str is declared: the converter's str()
    {"id": "task_1", "error": True},
    {"id": "task_1", "raw": "not the raw field"},
    {"id": "task_1", "status": "completed", "images": [{"url": "https://file.runapi.ai/a.png"}]},
    {"id": "task_1", "status": "completed", "audios": [{"id": "a1", "audio_url": "https://f/a.mp3"}]},
    {"id": "task_1", "status": "completed", "videos": "not a list"},
    {"id": "task_1", "images": None},
]


def _by_converter(payload: dict[str, Any], cls: type[Task]) -> Task | str:
    try:
        return _converter().structure(dict(payload), cls)
    except Exception as exc:  # whatever the converter refuses, structure() must refuse too
        return f"refused: {type(exc).__name__}"


@pytest.mark.parametrize("cls", TASK_TYPES, ids=lambda cls: cls.__name__)
@pytest.mark.parametrize("payload", PAYLOADS, ids=lambda payload: str(sorted(payload.items())))
def test_structure_gives_what_the_converter_gives(cls: type[Task], payload: dict[str, Any]) -> None:
    expected = _by_converter(payload, cls)
    if isinstance(expected, str):
        with pytest.raises(APIResponseValidationError):
            structure(payload, cls)
        return
    task = structure(payload, cls)
    assert type(task) is cls
    assert attrs.asdict(task, recurse=False) == attrs.asdict(expected, recurse=False)
    assert task.raw == payload
    assert task.raw is not payload  # a copy: changing the caller's dict does not change the task


def test_a_float_field_gets_a_float_from_an_int() -> None:
    @attrs.frozen(kw_only=True)
    class Clip(Task):
        seconds: float | None = None

    assert structure({"id": "t", "seconds": 8}, Clip).seconds == 8.0
    assert isinstance(structure({"id": "t", "seconds": 8}, Clip).seconds, float)


def test_a_missing_required_field_is_named() -> None:
    @attrs.frozen(kw_only=True)
    class Priced(Task):
        credits: int

    with pytest.raises(APIResponseValidationError, match="credits"):
        structure({"id": "t"}, Priced)


def test_a_cold_create_and_a_plain_completed_answer_do_not_import_cattrs_and_a_converted_one_does() -> None:
    code = """
import sys, runapi
from runapi._core.transport import Response
client = runapi.Client(api_key="sk-test", base_url="http://127.0.0.1:9")
answers = iter([
    Response(202, {}, b'{"id": "t1", "status": "processing"}'),
    Response(200, {}, b'{"id": "t1", "status": "completed", "images": [{"url": "https://f/x.png"}], '
                      b'"usage": {"cost": 0.02}}'),
    Response(200, {}, b'{"id": "t1", "status": "completed", "usage": {"cost": "0.02"}}'),
])
client._transport.send = lambda request: next(answers)
task = client.nano_banana.text_to_image.create(model="nano-banana", prompt="a cat")
assert task.id == "t1" and task.status == "processing", task
assert "cattrs" not in sys.modules, "a create imported cattrs"
done = client.nano_banana.text_to_image.get("t1")
assert done.images[0].url == "https://f/x.png" and done.usage.cost == 0.02, done
assert "cattrs" not in sys.modules, "a completed answer of plain values imported cattrs"
converted = client.nano_banana.text_to_image.get("t1")  # a string cost: the converter's float()
assert converted.usage.cost == 0.02, converted
assert "cattrs" in sys.modules
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
