"""Every operation of HeyGen Video, MiniMax H3, OmniHuman and Volcengine Lip Sync, called through the
SDK against the emulator over real HTTP, on both clients.

The families are not registered on the client yet, so each test binds its family directly
(``runapi.omnihuman.Omnihuman(client)``; on the async client, the family of the async client, seen as
blocking). Each checks what a user reads off the typed result (completed, output URLs, every
answered field typed), that ``client.download_outputs`` saves valid media (MP4, PNG masks), and
that the create body the emulator received is what was passed. The SDK's tables and the emulator's
were written independently from the platform contract and the official packages, so each run checks
both. The client's sleep is the fake clock, so nothing here sleeps for real.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import runapi
from runapi._core.operations import DirectOperation, TaskOperation
from runapi.emulator import Emulator
from runapi.heygen_video import HeyGenVideo
from runapi.minimax_h3 import MiniMaxH3
from runapi.omnihuman import HumanIdentificationTask, Omnihuman, SubjectDetectionTask
from runapi.volcengine_lip_sync import VolcengineLipSync
from tests.integration.clients import Blocking
from tests.integration.helpers import assert_typed, is_mp4, is_png, saved, sent

pytestmark = pytest.mark.integration

SAMPLES = "https://cdn.runapi.ai/public/samples"
PORTRAIT = f"{SAMPLES}/portrait.jpg"
FIRST_FRAME = f"{SAMPLES}/first-frame.jpg"
LAST_FRAME = f"{SAMPLES}/last-frame.jpg"
VOICE = f"{SAMPLES}/voice.mp3"
CLIP = f"{SAMPLES}/volcengine-lip-sync-source.mp4"
CITY = "A cinematic tracking shot through a rain-soaked city"


def bind(client: Any, family: type) -> Any:
    """``family`` bound to ``client``: on the async client, to the async client itself, seen as blocking."""
    if isinstance(client, Blocking):
        return Blocking(family(client._target))
    return family(client)


def runs_to_videos(
    client: runapi.Client, emu: Emulator, family: type, op: str, params: dict[str, Any], folder: Path
) -> Any:
    task = getattr(bind(client, family), op).run(**params)
    assert task.is_completed and len(task.videos) == 1
    assert all(is_mp4(data) for data in saved(client, task, folder))
    assert sent(emu, task) == params
    return task


VIDEO_RUNS: list[tuple[type, str, dict[str, Any]]] = [  # the official READMEs' bodies, and variants
    (HeyGenVideo, "text_to_video", {"model": "heygen-video-1", "prompt": CITY, "aspect_ratio": "16:9"}),
    (HeyGenVideo, "image_to_video", {"model": "heygen-video-1", "prompt": "The portrait starts to smile"}),
    (MiniMaxH3, "text_to_video", {"model": "minimax-h3", "prompt": CITY, "aspect_ratio": "16:9"}),
    (
        MiniMaxH3,
        "text_to_video",
        {
            "model": "minimax-h3",
            "prompt": "The dancer from the reference, on a rooftop",
            "aspect_ratio": "adaptive",
            "reference_image_urls": [PORTRAIT],
            "reference_audio_urls": [VOICE],
            "duration_seconds": 15,
            "output_resolution": "2k",
        },
    ),
    (
        MiniMaxH3,
        "image_to_video",
        {
            "model": "minimax-h3",
            "prompt": "The sun sets over the bay",
            "first_frame_image_url": FIRST_FRAME,
            "last_frame_image_url": LAST_FRAME,
            "duration_seconds": 4,
            "output_resolution": "768p",
        },
    ),
    (
        Omnihuman,
        "audio_to_video",
        {
            "model": "omnihuman-1.5",
            "source_image_url": PORTRAIT,
            "source_audio_url": VOICE,
            "output_resolution": "720p",
        },
    ),
    (
        VolcengineLipSync,
        "lip_sync_video",
        {"model": "volcengine-lip-sync", "mode": "lite", "source_video_url": CLIP, "source_audio_url": VOICE},
    ),
    (
        VolcengineLipSync,
        "lip_sync_video",
        {
            "model": "volcengine-lip-sync",
            "mode": "basic",
            "source_video_url": CLIP,
            "source_audio_url": VOICE,
            "enable_scene_detection": True,
            "enable_vocal_separation": True,
        },
    ),
]


@pytest.mark.parametrize(
    ("family", "operation", "params"),
    VIDEO_RUNS,
    ids=["heygen-t2v", "heygen-i2v", "h3-t2v", "h3-t2v-references", "h3-i2v", "omnihuman-a2v", "lite", "basic"],
)
def test_video_operations_run_to_downloadable_videos(
    client: runapi.Client, emu: Emulator, family: type, operation: str, params: dict[str, Any], tmp_path: Path
) -> None:
    runs_to_videos(client, emu, family, operation, params, tmp_path)


def test_heygen_image_to_video_sends_an_unnamed_first_frame_through_extra_body(
    client: runapi.Client, emu: Emulator
) -> None:
    params = {"model": "heygen-video-1", "prompt": "The portrait starts to smile"}
    operation = bind(client, HeyGenVideo).image_to_video.with_options(extra_body={"image_url": PORTRAIT})
    task = operation.run(**params)
    assert task.is_completed and sent(emu, task) == {**params, "image_url": PORTRAIT}


def test_omnihuman_identifies_detects_masks_and_animates_with_them(
    client: runapi.Client, emu: Emulator, tmp_path: Path
) -> None:
    omnihuman = bind(client, Omnihuman)
    identified = omnihuman.human_identification.run(
        model="omnihuman-1.5-human-identification", source_image_url=PORTRAIT
    )
    assert isinstance(identified, HumanIdentificationTask) and identified.is_completed
    assert isinstance(identified.subject_status, int) and identified.output_urls == []
    assert_typed(identified, identified.raw)

    detected = omnihuman.subject_detection.run(model="omnihuman-1.5-subject-detection", source_image_url=PORTRAIT)
    assert isinstance(detected, SubjectDetectionTask) and len(detected.masks) == 1
    assert all(is_png(data) for data in saved(client, detected, tmp_path / "masks"))

    params = {
        "model": "omnihuman-1.5",
        "source_image_url": PORTRAIT,
        "source_audio_url": VOICE,
        "mask_urls": detected.output_urls,
        "prompt": "Speak warmly",
        "output_resolution": "1080p",
        "enable_fast_mode": True,
        "seed": 42,
    }
    runs_to_videos(client, emu, Omnihuman, "audio_to_video", params, tmp_path / "video")


def test_a_rule_of_the_sources_is_refused_before_any_request(client: runapi.Client, emu: Emulator) -> None:
    before = len(emu.tasks())
    with pytest.raises(runapi.ValidationError) as info:
        bind(client, VolcengineLipSync).lip_sync_video.create(
            model="volcengine-lip-sync", mode="basic", source_video_url=CLIP, source_audio_url=VOICE, align_audio=True
        )
    assert info.value.field == "align_audio"
    with pytest.raises(runapi.ValidationError) as info:
        bind(client, MiniMaxH3).text_to_video.create(model="minimax-h3", prompt=CITY)
    assert info.value.field == "aspect_ratio"
    assert len(emu.tasks()) == before


OPERATIONS: dict[type, set[str]] = {
    HeyGenVideo: {"text_to_video", "image_to_video"},
    MiniMaxH3: {"text_to_video", "image_to_video"},
    Omnihuman: {"audio_to_video", "human_identification", "subject_detection"},
    VolcengineLipSync: {"lip_sync_video"},
}


@pytest.mark.parametrize("family", list(OPERATIONS), ids=lambda f: f.__name__)
def test_every_operation_of_the_four_families_is_run_here(family: type) -> None:
    """A new operation of one of these families without an end-to-end test here fails."""
    declared = {name for name, value in vars(family).items() if isinstance(value, TaskOperation | DirectOperation)}
    run_here = {op for f, op, _ in VIDEO_RUNS if f is family}
    if family is Omnihuman:
        run_here |= {"human_identification", "subject_detection"}  # the chained test
    assert declared == OPERATIONS[family] == run_here
