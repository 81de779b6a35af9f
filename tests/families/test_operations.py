"""create / get / wait / run of every family operation, over HTTP mocked with ``responses``.

The client's ``sleep`` is a fake that advances a fake clock, so polling takes no real time. Status
payloads are the docs' examples from ``tests/fixtures``, with their ``id`` set to the created task's
(the docs' examples mix a redacted 202 id with other ids) so a sequence reads like one real task.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import responses
from responses import registries

import runapi
import runapi._client
from runapi.nano_banana import ImageTask, NanoBanana
from runapi.suno import LyricsTask, MusicTask, Suno
from runapi.veo_3_1 import Veo31, VideoTask
from tests.conftest import API_KEY

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ordered = responses.activate(registry=registries.OrderedRegistry)


def load(family: str, name: str) -> Any:
    return json.loads((FIXTURES / family / f"{name}.json").read_text(encoding="utf-8"))


# op -> (task class, create kwargs, accepted, processing, completed, failed) as fixture names.
# Nano Banana documents no status payload while processing: its 202 answer ({"id", "status":
# "processing"}) stands in. edit_image is undocumented beyond its name and shares ImageTask.
OPS: dict[str, tuple[type[runapi.Task], str, dict[str, Any], tuple[str, str, str, str]]] = {
    "suno.text_to_music": (
        MusicTask,
        "suno",
        {"vocal_mode": "auto_lyrics", "prompt": "A chill lo-fi beat with soft vocals", "model": "suno-v5"},
        ("text_to_music_accepted", "text_to_music_processing", "text_to_music_completed", "text_to_music_failed"),
    ),
    "suno.extend_music": (
        MusicTask,
        "suno",
        {"parameter_mode": "source", "audio_id": "2902e564-9001-427c-a6fa-585b86a864fe", "model": "suno-v4"},
        ("extend_music_accepted", "extend_music_processing", "extend_music_completed", "extend_music_failed"),
    ),
    "suno.generate_lyrics": (
        LyricsTask,
        "suno",
        {"prompt": "A song about peaceful night in the city"},
        (
            "generate_lyrics_accepted",
            "generate_lyrics_processing",
            "generate_lyrics_completed",
            "generate_lyrics_failed",
        ),
    ),
    "nano_banana.text_to_image": (
        ImageTask,
        "nano_banana",
        {"model": "nano-banana", "prompt": "A cute cat wearing a space helmet"},
        (
            "text_to_image_accepted",
            "text_to_image_accepted",
            "text_to_image_completed_quickstart",
            "text_to_image_callback_failed",
        ),
    ),
    "nano_banana.edit_image": (
        ImageTask,
        "nano_banana",
        {
            "model": "nano-banana-edit",
            "prompt": "Add a space helmet to the cat",
            "source_image_urls": ["https://file.runapi.ai/generated/image1.png"],
        },
        (
            "text_to_image_accepted",
            "text_to_image_accepted",
            "text_to_image_callback_completed",
            "text_to_image_callback_failed",
        ),
    ),
    "veo_3_1.text_to_video": (
        VideoTask,
        "veo_3_1",
        {"prompt": "A dog playing in a park on a sunny day", "model": "veo-3.1-fast"},
        ("text_to_video_accepted", "text_to_video_processing", "text_to_video_completed", "text_to_video_failed"),
    ),
    "veo_3_1.extend_video": (
        VideoTask,
        "veo_3_1",
        {
            "source_task_id": "550e8400-e29b-41d4-a716-446655440000",
            "prompt": "The dog continues running through the park, jumping over obstacles",
        },
        ("extend_video_accepted", "extend_video_processing", "extend_video_completed", "extend_video_failed"),
    ),
    "veo_3_1.upscale_video": (
        VideoTask,
        "veo_3_1",
        {"source_task_id": "550e8400-e29b-41d4-a716-446655440000", "output_resolution": "4k", "index": 0},
        (
            "upscale_video_accepted",
            "upscale_video_processing",
            "upscale_video_completed_4k",
            "upscale_video_failed_4k",
        ),
    ),
}
OP_IDS = list(OPS)


def resource(client: runapi.Client, op: str) -> Any:
    family, name = op.split(".")
    return getattr(getattr(client, family), name)


def path(op: str) -> str:
    family, name = op.split(".")
    return f"/api/v1/{family}/{name}"


def task_url(client: runapi.Client, op: str, task_id: str) -> str:
    """The status URL: the id is one path segment, percent-encoded (the docs' redacted ids hold '*')."""
    return f"{client.base_url}{path(op)}/{quote(task_id, safe='')}"


def payloads(op: str) -> dict[str, dict[str, Any]]:
    """The op's docs payloads, all carrying the id of the completed example (one coherent task)."""
    _, family, _, names = OPS[op]
    accepted, processing, completed, failed = (load(family, name) for name in names)
    task_id = completed["id"]
    return {
        "accepted": {**accepted, "id": task_id},
        "processing": {**processing, "id": task_id},
        "completed": completed,
        "failed": {**failed, "id": task_id},
    }


# -- create / get -----------------------------------------------------------------------------


@pytest.mark.parametrize("op", OP_IDS)
@responses.activate
def test_create_returns_the_typed_new_task(client, op):
    cls, family, kwargs, (accepted_name, *_) = OPS[op]
    accepted = load(family, accepted_name)
    responses.post(client.base_url + path(op), status=202, json=accepted)

    task = resource(client, op).create(**kwargs)

    assert type(task) is cls
    assert task.id == accepted["id"]
    assert task.status == "processing"
    assert not task.is_done
    assert task.raw == accepted
    assert len(responses.calls) == 1
    assert responses.calls[0].request.method == "POST"
    assert json.loads(responses.calls[0].request.body) == kwargs


@pytest.mark.parametrize("op", OP_IDS)
@pytest.mark.parametrize("state", ["processing", "completed", "failed"])
@responses.activate
def test_get_fetches_the_task_by_id(client, op, state):
    cls = OPS[op][0]
    payload = payloads(op)[state]
    url = task_url(client, op, payload["id"])
    responses.get(url, json=payload)

    task = resource(client, op).get(payload["id"])

    assert type(task) is cls
    assert task == cls.from_dict(payload)
    assert task.status == state
    assert task.raw == payload
    assert len(responses.calls) == 1
    request = responses.calls[0].request
    assert request.method == "GET"
    assert request.url == url
    assert request.body is None
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"
    assert "Idempotency-Key" not in request.headers


@responses.activate
def test_get_sends_the_id_as_one_path_segment(client):
    payload = load("veo_3_1", "text_to_video_completed")
    responses.get(f"{client.base_url}/api/v1/veo_3_1/text_to_video/a%2Fb%3Fc", json=payload)
    task = client.veo_3_1.text_to_video.get("a/b?c")
    assert task.videos[0].resolution == "1080p"
    assert len(responses.calls) == 1


@pytest.mark.parametrize("bad_id", ["", "   ", None, 123])
@responses.activate
def test_get_refuses_an_empty_task_id_without_a_request(client, bad_id):
    with pytest.raises(runapi.ValidationError) as info:
        client.veo_3_1.text_to_video.get(bad_id)
    assert info.value.field == "task_id"
    assert len(responses.calls) == 0


# -- run = create + poll ------------------------------------------------------------------------


@pytest.mark.parametrize("op", OP_IDS)
@ordered
def test_run_creates_then_polls_until_completed(client, fake_clock, op):
    cls, _, kwargs, _ = OPS[op]
    docs = payloads(op)
    url = task_url(client, op, docs["accepted"]["id"])
    responses.post(client.base_url + path(op), status=202, json=docs["accepted"])
    responses.get(url, json=docs["processing"])
    responses.get(url, json=docs["processing"])
    responses.get(url, json=docs["completed"])

    task = resource(client, op).run(**kwargs)

    assert type(task) is cls
    assert task == cls.from_dict(docs["completed"])
    assert task.is_completed
    assert task.raw == docs["completed"]
    calls = [(call.request.method, call.request.url) for call in responses.calls]
    assert calls == [("POST", client.base_url + path(op))] + [("GET", url)] * 3
    assert json.loads(responses.calls[0].request.body) == kwargs
    # polls shaped by the operation's expected duration: the first at its low end, then each
    # 1.25x later (so a finished task is noticed within 1.25x its run time); nothing slept for real
    low = resource(client, op)._operation.duration.low
    assert fake_clock.sleeps == pytest.approx([low, low * 0.25, low * 1.25 * 0.25])


@pytest.mark.parametrize("op", OP_IDS)
@ordered
def test_run_raises_task_failed_with_the_docs_reason(client, fake_clock, op):
    _, _, kwargs, _ = OPS[op]
    docs = payloads(op)
    url = task_url(client, op, docs["accepted"]["id"])
    responses.post(client.base_url + path(op), status=202, json=docs["accepted"])
    responses.get(url, json=docs["processing"])
    responses.get(url, json=docs["failed"])

    with pytest.raises(runapi.TaskFailedError) as info:
        resource(client, op).run(**kwargs)

    assert info.value.task_id == docs["failed"]["id"]
    assert info.value.error == docs["failed"]["error"]
    assert info.value.task.raw == docs["failed"]
    assert len(responses.calls) == 3
    low = resource(client, op)._operation.duration.low
    assert fake_clock.sleeps == pytest.approx([low, low * 0.25])


@ordered
def test_wait_reports_each_generation_stage_in_order(client):
    docs = payloads("suno.text_to_music")
    task_id = docs["completed"]["id"]
    url = f"{client.base_url}/api/v1/suno/text_to_music/{task_id}"
    # the docs' processing example, then the stage the docs' callback section names next
    responses.get(url, json=docs["processing"])
    responses.get(url, json={**docs["processing"], "generation_stage": "first_audio_ready"})
    responses.get(url, json=docs["completed"])
    seen: list[MusicTask] = []

    task = client.suno.text_to_music.wait(task_id, on_progress=seen.append)

    assert [t.generation_stage for t in seen] == ["text_generated", "first_audio_ready", "all_audios_ready"]
    assert all(type(t) is MusicTask for t in seen)
    assert seen[-1] is task
    assert task.audios[0].duration == 198.44
    assert len(responses.calls) == 3


@ordered
def test_wait_keeps_polling_through_an_unknown_status(client):
    docs = payloads("veo_3_1.text_to_video")
    task_id = docs["completed"]["id"]
    url = f"{client.base_url}/api/v1/veo_3_1/text_to_video/{task_id}"
    responses.get(url, json={**docs["processing"], "status": "queued"})
    responses.get(url, json=docs["completed"])

    task = client.veo_3_1.text_to_video.wait(task_id)

    assert task.videos[0].has_audio is True
    assert len(responses.calls) == 2


@responses.activate
def test_wait_gives_up_at_its_deadline_on_the_fake_clock(client, fake_clock):
    docs = payloads("veo_3_1.upscale_video")
    task_id = docs["completed"]["id"]
    responses.get(f"{client.base_url}/api/v1/veo_3_1/upscale_video/{task_id}", json=docs["processing"])

    with pytest.raises(runapi.TaskTimeoutError) as info:
        client.veo_3_1.upscale_video.wait(task_id, timeout=10, poll_interval=2, max_poll_interval=4)

    assert info.value.task_id == task_id
    assert info.value.last_status == "processing"
    assert sum(fake_clock.sleeps) == 10  # waited exactly up to the deadline, on the fake clock
    assert max(fake_clock.sleeps) <= 4
    assert len(responses.calls) == len(fake_clock.sleeps) + 1


# -- the family accessors and lazy imports -------------------------------------------------------


def test_family_accessors_are_the_family_classes(client):
    assert isinstance(client.suno, Suno)
    assert isinstance(client.suno, runapi.suno.Suno)
    assert isinstance(client.nano_banana, NanoBanana)
    assert isinstance(client.veo_3_1, Veo31)
    assert client.suno is client.suno  # one namespace per client
    for op in OP_IDS:
        assert resource(client, op).path == path(op)


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)


def test_import_runapi_loads_no_family_and_no_requests():
    result = _python(
        "import runapi, sys; assert 'runapi.suno' not in sys.modules and 'requests' not in sys.modules, "
        "sorted(m for m in sys.modules if m.startswith(('runapi', 'requests')))"
    )
    assert result.returncode == 0, result.stderr


def test_family_module_is_imported_on_first_use():
    # the counterpart of the test above: the check does see a family module once it is used
    result = _python(
        "import runapi, sys; c = runapi.Client(api_key='test-key', base_url='https://api.test'); "
        "assert 'runapi.suno' not in sys.modules; c.suno; assert 'runapi.suno' in sys.modules; "
        "assert 'runapi.veo_3_1' not in sys.modules"
    )
    assert result.returncode == 0, result.stderr


def test_the_core_imports_no_family() -> None:
    # every module under runapi._core loaded: none of them may pull in a family module
    result = _python(
        "import pkgutil, importlib, sys, runapi._core as core\n"
        "for info in pkgutil.iter_modules(core.__path__):\n"
        "    importlib.import_module('runapi._core.' + info.name)\n"
        "families = [m for m in sys.modules if m.startswith('runapi.') and not m.startswith(('runapi._core', "
        "'runapi.errors', 'runapi._version'))]\n"
        "assert not families, families"
    )
    assert result.returncode == 0, result.stderr


def test_with_options_copies_get_families_bound_to_themselves() -> None:
    client = runapi.Client(api_key="test-key", base_url="https://api.test")
    first = client.suno
    assert client.suno is first  # cached on the client
    other = client.with_options(timeout=5)
    assert other.suno is not first and other.suno._client is other
    assert type(runapi._client._Families.__dict__["suno"]).__name__ == "FamilyAttribute"


def test_no_core_module_names_a_family_even_for_type_checking() -> None:
    from runapi._core.operations import FamilyAttribute

    families = [
        value.module.rsplit(".", 1)[1]
        for value in vars(runapi._client._Families).values()
        if isinstance(value, FamilyAttribute)
    ]
    assert {"suno", "nano_banana", "veo_3_1"} <= set(families)
    core = Path(runapi.__file__).parent / "_core"
    for source in core.glob("*.py"):
        imports = [
            line for line in source.read_text(encoding="utf-8").splitlines() if re.match(r"\s*(from|import) ", line)
        ]
        for name in families:
            assert not [line for line in imports if re.search(rf"\b{name}\b", line)], (source.name, name)
