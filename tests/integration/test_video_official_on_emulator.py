"""Every operation of the video families the docs do not cover, called through the SDK against the emulator
over real HTTP: PixVerse's five and Vidu's two.

The families are bound to the client directly (``PixVerse(client)``, ``Vidu(client)``) until they are
registered on the client; each test runs on ``runapi.Client`` and on a blocking view of
``runapi.AsyncClient``. Each checks what a user reads off the typed result (completed, one video,
every answered field typed), that the emulator received exactly the params sent, and that
``client.download_outputs`` saves an MP4. PixVerse's extension is chained to a completed task as a
user would chain it. The SDK's tables (``runapi/pixverse.py``, ``runapi/vidu.py``) and the
emulator's rows (``runapi/emulator/_video.py``) were written independently from the same sources,
so each run checks both. The client's sleep is the fake clock, so nothing here sleeps for real.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import runapi
from runapi._core.models import Task
from runapi._core.operations import Family, TaskOperation
from runapi.emulator import Emulator
from runapi.pixverse import PixVerse, VideoTask as PixVerseTask
from runapi.vidu import VideoTask as ViduTask, Vidu
from tests.integration.clients import Blocking
from tests.integration.helpers import is_mp4, saved, sent

pytestmark = pytest.mark.integration

SAMPLES = "https://cdn.runapi.ai/public/samples"
IMAGE = f"{SAMPLES}/image.jpg"
FIRST = f"{SAMPLES}/first-frame.jpg"
LAST = f"{SAMPLES}/last-frame.jpg"
REFERENCE_1 = f"{SAMPLES}/reference-1.jpg"
REFERENCE_2 = f"{SAMPLES}/reference-2.jpg"


def bind(client: Any, family: type[Family[Any]]) -> Any:
    """``family`` on ``client``: a ``runapi.Client``, or the blocking view of a ``runapi.AsyncClient``."""
    if isinstance(client, Blocking):
        return Blocking(family(client._target))
    return family(client)


def saves_videos(client: runapi.Client, task: Task, folder: Path) -> bool:
    return all(is_mp4(data) for data in saved(client, task, folder))


# -- PixVerse ---------------------------------------------------------------------------------------

COMMON: dict[str, Any] = {
    "model": "pixverse-v6",
    "prompt": "A lighthouse above a stormy sea",
    "output_resolution": "720p",
    "duration_seconds": 5,
}
PIXVERSE: list[tuple[str, dict[str, Any]]] = [
    ("text_to_video", {**COMMON, "aspect_ratio": "16:9", "enable_audio": True, "seed": 42}),
    ("text_to_video", {**COMMON, "aspect_ratio": "21:9", "output_resolution": "1080p", "enable_multi_clip": True}),
    ("image_to_video", {**COMMON, "first_frame_image_url": FIRST, "enable_audio": False}),
    (
        "edit_video",
        {**COMMON, "reference_image_urls": [REFERENCE_1, REFERENCE_2], "aspect_ratio": "9:16", "enable_audio": True},
    ),
    (
        "transition_video",
        {**COMMON, "first_frame_image_url": FIRST, "last_frame_image_url": LAST, "output_resolution": "360p"},
    ),
]


@pytest.mark.parametrize(("operation", "params"), PIXVERSE, ids=[op for op, _ in PIXVERSE])
def test_pixverse_operations_run_to_downloadable_videos(
    client: runapi.Client, emu: Emulator, operation: str, params: dict[str, Any], tmp_path: Path
) -> None:
    task = getattr(bind(client, PixVerse), operation).run(**params)
    assert isinstance(task, PixVerseTask)
    assert task.is_completed and len(task.videos) == 1
    assert saves_videos(client, task, tmp_path)
    assert sent(emu, task) == params


def test_pixverse_text_to_video_then_extend_video(client: runapi.Client, emu: Emulator, tmp_path: Path) -> None:
    pixverse = bind(client, PixVerse)
    first = pixverse.text_to_video.run(**COMMON, aspect_ratio="16:9")
    params = {**COMMON, "prompt": "The storm clears", "source_task_id": first.id, "output_resolution": "540p"}
    longer = pixverse.extend_video.run(**params)
    assert isinstance(longer, PixVerseTask) and longer.is_completed
    assert longer.source_task_id == first.id  # the answer names the task it continues
    assert longer.output_urls != first.output_urls
    assert saves_videos(client, longer, tmp_path)
    assert sent(emu, longer) == params


def test_pixverse_extend_of_an_unknown_task_is_refused_by_the_server(client: runapi.Client) -> None:
    with pytest.raises(runapi.NotFoundError):
        bind(client, PixVerse).extend_video.create(**COMMON, source_task_id="00000000-0000-4000-8000-000000000000")


# -- Vidu -------------------------------------------------------------------------------------------

VIDU: list[tuple[str, dict[str, Any]]] = [
    (  # the official README's quick start
        "reference_to_video",
        {
            "model": "vidu-q4-reference-to-video",
            "prompt": "Animate the referenced scene with a slow camera pan",
            "reference_image_urls": [IMAGE],
            "audio": False,
        },
    ),
    (
        "reference_to_video",
        {
            "model": "vidu-q4-reference-to-video",
            "prompt": "Two friends walk along the beach",
            "reference_image_urls": [REFERENCE_1, REFERENCE_2],
            "audio": True,
        },
    ),
    ("image_to_video", {"model": "vidu-q4-image-to-video", "first_frame_image_url": IMAGE}),
    (
        "image_to_video",
        {"model": "vidu-q4-image-to-video", "first_frame_image_url": IMAGE, "prompt": "The camera slowly pans"},
    ),
]


@pytest.mark.parametrize(("operation", "params"), VIDU, ids=[op for op, _ in VIDU])
def test_vidu_operations_run_to_downloadable_videos(
    client: runapi.Client, emu: Emulator, operation: str, params: dict[str, Any], tmp_path: Path
) -> None:
    task = getattr(bind(client, Vidu), operation).run(**params)
    assert isinstance(task, ViduTask)
    assert task.is_completed and len(task.videos) == 1
    assert saves_videos(client, task, tmp_path)
    assert sent(emu, task) == params


def test_vidu_reference_audio_goes_through_extra_body(client: runapi.Client, emu: Emulator) -> None:
    # the README's reference audio URLs: no source names the field, so the caller does
    extra = {"reference_audio_urls": [f"{SAMPLES}/voice.mp3"]}
    params = dict(VIDU[0][1])
    task = bind(client, Vidu).reference_to_video.with_options(extra_body=extra).run(**params)
    assert task.is_completed
    assert sent(emu, task) == {**params, **extra}


# -- coverage -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("family", "table"), [(PixVerse, PIXVERSE), (Vidu, VIDU)], ids=["pixverse", "vidu"])
def test_every_operation_of_the_family_is_run_end_to_end(family: type[Family[Any]], table: list[Any]) -> None:
    """A new operation of these families without an end-to-end test on the emulator fails here."""
    operations = {name for name, value in vars(family).items() if isinstance(value, TaskOperation)}
    run_here = {op for op, _ in table} | ({"extend_video"} if family is PixVerse else set())
    assert operations == run_here
