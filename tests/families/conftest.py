"""Fixtures for the family tests: the docs' examples, mocked HTTP, and the shared fake clock and client; and the
operation tables and helpers that the Suno, Nano Banana and Veo 3.1 test modules share.

The JSON files under ``tests/fixtures/<family>/`` are RunAPI's documented example payloads, copied
as data: create bodies from the curl examples, the 202 answer, the status and callback examples.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import responses
from responses import registries

import runapi
from runapi.nano_banana import ImageTask
from runapi.suno import LyricsTask, MusicTask
from runapi.veo_3_1 import VideoTask
from tests.conftest import FakeClock

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def load_example(family: str, name: str) -> Any:
    """A fresh copy of ``tests/fixtures/<family>/<name>.json``."""
    return json.loads((FIXTURES / family / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture
def fake_clock(clock: FakeClock) -> FakeClock:
    """The suite-wide fake clock (tests/conftest.py), under the name these tests use."""
    return clock


@pytest.fixture
def client(clock: FakeClock) -> Iterator[runapi.Client]:
    """A strict client (``strict=True``): the family tests hold each family to the values it documents.

    By default a model id or enum value the SDK does not know is sent with a warning
    (``runapi.UnknownValueWarning``); tests/core/test_open_values.py checks that default. Here
    every value outside a family's lists is refused, which is what these tests assert.
    """
    from tests.conftest import API_KEY, BASE_URL

    with runapi.Client(api_key=API_KEY, base_url=BASE_URL, sleep=clock.sleep, clock=clock, strict=True) as c:
        c._random = lambda: 0.0  # no jitter: backoff waits become exact
        yield c


@pytest.fixture
def http() -> Iterator[responses.RequestsMock]:
    """HTTP mocked with ``responses``: an unregistered request fails instead of reaching a socket."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def example() -> Callable[[str, str], Any]:
    """``example("suno", "text_to_music_request")``: a docs example payload, freshly loaded."""
    return load_example


# -- Suno, Nano Banana and Veo 3.1: the operation tables and helpers their family modules share -----------


# What each operation's 202 answer is in tests/fixtures (edit_image is undocumented: the docs' 202
# answer is the same for every task endpoint, so text_to_image's is used).
ACCEPTED = {
    "suno.text_to_music": ("suno", "text_to_music_accepted"),
    "suno.extend_music": ("suno", "extend_music_accepted"),
    "suno.generate_lyrics": ("suno", "generate_lyrics_accepted"),
    "nano_banana.text_to_image": ("nano_banana", "text_to_image_accepted"),
    "nano_banana.edit_image": ("nano_banana", "text_to_image_accepted"),
    "veo_3_1.text_to_video": ("veo_3_1", "text_to_video_accepted"),
    "veo_3_1.extend_video": ("veo_3_1", "extend_video_accepted"),
    "veo_3_1.upscale_video": ("veo_3_1", "upscale_video_accepted"),
}
OPERATIONS = list(ACCEPTED)

DOG = "A dog playing in a park on a sunny day, running through grass with a ball in its mouth"
SOURCE_TASK = "550e8400-e29b-41d4-a716-446655440000"
AUDIO_ID = "2902e564-9001-427c-a6fa-585b86a864fe"
FRAME = "https://cdn.runapi.ai/public/samples/image-to-video.jpg"
REFS = [
    "https://cdn.runapi.ai/public/samples/reference-1.jpg",
    "https://cdn.runapi.ai/public/samples/reference-2.jpg",
    "https://cdn.runapi.ai/public/samples/reference-3.jpg",
]
IMAGE = "https://file.runapi.ai/generated/image1.png"


# The smallest valid call of each operation (docs' values); the refusal cases below change one thing.
BASE_CALL: dict[str, dict[str, Any]] = {
    "suno.text_to_music": {
        "vocal_mode": "auto_lyrics",
        "prompt": "A chill lo-fi beat with soft vocals",
        "model": "suno-v5",
    },
    "suno.extend_music": {"parameter_mode": "source", "audio_id": AUDIO_ID, "model": "suno-v4"},
    "suno.generate_lyrics": {"prompt": "A song about peaceful night in the city"},
    "nano_banana.text_to_image": {"model": "nano-banana", "prompt": "A cute cat wearing a space helmet"},
    "nano_banana.edit_image": {
        "model": "nano-banana-edit",
        "prompt": "Add a space helmet to the cat",
        "source_image_urls": [IMAGE],
    },
    "veo_3_1.text_to_video": {"prompt": DOG, "model": "veo-3.1-fast"},
    "veo_3_1.extend_video": {"source_task_id": SOURCE_TASK, "prompt": "The dog continues running through the park"},
    "veo_3_1.upscale_video": {"source_task_id": SOURCE_TASK, "output_resolution": "1080p"},
}


OMIT = object()  # in an override: leave this parameter out


def op_resource(client: runapi.Client, op: str) -> Any:
    family, name = op.split(".")
    return getattr(getattr(client, family), name)


def create_url(client: runapi.Client, op: str) -> str:
    family, name = op.split(".")
    return f"{client.base_url}/api/v1/{family}/{name}"


def with_overrides(base: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    kwargs = {**base, **overrides}
    return {k: v for k, v in kwargs.items() if v is not OMIT}


def canonical(value: Any) -> str:
    """JSON text with sorted keys: equal only if the values and their JSON types are equal (60 != 60.0)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def send(
    client: runapi.Client,
    http: responses.RequestsMock,
    op: str,
    kwargs: Mapping[str, Any],
    example: Callable[[str, str], Any],
    target: Any = None,
) -> tuple[dict[str, Any], Any, Any]:
    """Create through ``target`` (default: the plain operation); return (wire body, request, task)."""
    http.post(create_url(client, op), status=202, json=example(*ACCEPTED[op]))
    task = (target or op_resource(client, op)).create(**kwargs)
    assert len(http.calls) == 1
    request = http.calls[0].request
    return json.loads(request.body), request, task


def refuse(
    client: runapi.Client, http: responses.RequestsMock, op: str, *args: Any, target: Any = None, **kwargs: Any
) -> runapi.ValidationError:
    """Assert ``create`` raises ValidationError and sends nothing; return the error."""
    http.post(create_url(client, op), status=202, json={"id": "never-used", "status": "processing"})
    with pytest.raises(runapi.ValidationError) as info:
        (target or op_resource(client, op)).create(*args, **kwargs)
    assert len(http.calls) == 0, "a refused call must not reach the network"
    return info.value


ordered = responses.activate(registry=registries.OrderedRegistry)


# op -> (task class, create kwargs, accepted, processing, completed, failed) as fixture names.
# Nano Banana documents no status payload while processing: its 202 answer ({"id", "status":
# "processing"}) stands in. edit_image is undocumented beyond its name and shares ImageTask.
OP_FIXTURES: dict[str, tuple[type[runapi.Task], str, dict[str, Any], tuple[str, str, str, str]]] = {
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


OP_IDS = list(OP_FIXTURES)


def op_path(op: str) -> str:
    family, name = op.split(".")
    return f"/api/v1/{family}/{name}"


def task_url(client: runapi.Client, op: str, task_id: str) -> str:
    """The status URL: the id is one path segment, percent-encoded (the docs' redacted ids hold '*')."""
    return f"{client.base_url}{op_path(op)}/{quote(task_id, safe='')}"


def payloads(op: str) -> dict[str, dict[str, Any]]:
    """The op's docs payloads, all carrying the id of the completed example (one coherent task)."""
    _, family, _, names = OP_FIXTURES[op]
    accepted, processing, completed, failed = (load_example(family, name) for name in names)
    task_id = completed["id"]
    return {
        "accepted": {**accepted, "id": task_id},
        "processing": {**processing, "id": task_id},
        "completed": completed,
        "failed": {**failed, "id": task_id},
    }


TASK_CLASS = {
    ("suno", "text_to_music"): MusicTask,
    ("suno", "extend_music"): MusicTask,
    ("suno", "generate_lyrics"): LyricsTask,
    ("nano_banana", "text_to_image"): ImageTask,
    ("veo_3_1", "text_to_video"): VideoTask,
    ("veo_3_1", "extend_video"): VideoTask,
    ("veo_3_1", "upscale_video"): VideoTask,
}


def task_class_of(family: str, name: str) -> type[runapi.Task]:
    for (fam, operation), cls in TASK_CLASS.items():
        if fam == family and name.startswith(operation + "_"):
            return cls
    raise AssertionError(f"no task class for fixture {family}/{name}")


def pluck(obj: Any, path: str) -> Any:
    """``pluck(task, "audios.0.duration")``."""
    for part in path.split("."):
        obj = obj[int(part)] if part.isdigit() else getattr(obj, part)
    return obj
