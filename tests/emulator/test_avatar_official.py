"""The emulator's rows for the avatar and talking-video families the docs do not cover: HeyGen Video,
MiniMax H3, OmniHuman and Volcengine Lip Sync, over real HTTP with plain ``requests``.

Their facts come from the platform contract (``/work/shared/platform/platform-contract.json``:
paths, kinds, model ids, per-model enums) and the official packages and repositories (required
fields, cross-field rules, response models). Each create body below is the official README's
quick-start example of its endpoint (or, where the README prints none, one built from the sources).
"""

from __future__ import annotations

from typing import Any

import pytest

from runapi.emulator._avatar import ENDPOINTS as AVATAR_ENDPOINTS
from runapi.emulator._catalog import BY_PATH

from .conftest import Api, FakeClock, complete as run
from .test_media import assert_image, assert_mp4, fetch

PORTRAIT = "https://cdn.runapi.ai/public/samples/portrait.jpg"
VOICE = "https://cdn.runapi.ai/public/samples/voice.mp3"
CLIP = "https://cdn.runapi.ai/public/samples/volcengine-lip-sync-source.mp4"
HEYGEN = "/api/v1/heygen_video"
MINIMAX = "/api/v1/minimax_h3"
OMNIHUMAN = "/api/v1/omnihuman"
LIP_SYNC = "/api/v1/volcengine_lip_sync/lip_sync_video"

BODIES: dict[str, dict[str, Any]] = {
    f"{HEYGEN}/text_to_video": {
        "model": "heygen-video-1",
        "prompt": "A cinematic tracking shot through a rain-soaked city",
        "aspect_ratio": "16:9",
    },
    f"{HEYGEN}/image_to_video": {"model": "heygen-video-1", "prompt": "The portrait starts to smile"},
    f"{MINIMAX}/text_to_video": {
        "model": "minimax-h3",
        "prompt": "A cinematic tracking shot through a rain-soaked city",
        "aspect_ratio": "16:9",
    },
    f"{MINIMAX}/image_to_video": {"model": "minimax-h3", "prompt": "It smiles", "first_frame_image_url": PORTRAIT},
    f"{OMNIHUMAN}/audio_to_video": {
        "model": "omnihuman-1.5",
        "source_image_url": PORTRAIT,
        "source_audio_url": VOICE,
        "output_resolution": "720p",
    },
    f"{OMNIHUMAN}/human_identification": {"model": "omnihuman-1.5-human-identification", "source_image_url": PORTRAIT},
    f"{OMNIHUMAN}/subject_detection": {"model": "omnihuman-1.5-subject-detection", "source_image_url": PORTRAIT},
    LIP_SYNC: {
        "model": "volcengine-lip-sync",
        "mode": "lite",
        "source_video_url": CLIP,
        "source_audio_url": VOICE,
    },
}
PATHS = frozenset(BODIES)
VIDEO_PATHS = sorted(PATHS - {f"{OMNIHUMAN}/human_identification", f"{OMNIHUMAN}/subject_detection"})

REQUIRED = {
    f"{HEYGEN}/text_to_video": ("model",),
    f"{HEYGEN}/image_to_video": ("model",),
    f"{MINIMAX}/text_to_video": ("model", "prompt", "aspect_ratio"),
    f"{MINIMAX}/image_to_video": ("model", "prompt", "first_frame_image_url"),
    f"{OMNIHUMAN}/audio_to_video": ("model", "source_image_url", "source_audio_url"),
    f"{OMNIHUMAN}/human_identification": ("model", "source_image_url"),
    f"{OMNIHUMAN}/subject_detection": ("model", "source_image_url"),
    LIP_SYNC: ("model", "mode", "source_video_url", "source_audio_url"),
}

BAD_VALUES = [
    (f"{MINIMAX}/text_to_video", "aspect_ratio", "2:3"),
    (f"{MINIMAX}/text_to_video", "duration_seconds", 3),
    (f"{MINIMAX}/image_to_video", "output_resolution", "1080p"),
    (f"{OMNIHUMAN}/audio_to_video", "output_resolution", "480p"),
    (f"{OMNIHUMAN}/human_identification", "model", "omnihuman-1.5"),
    (f"{OMNIHUMAN}/subject_detection", "model", "omnihuman-1.5-human-identification"),
    (LIP_SYNC, "mode", "pro"),
    (LIP_SYNC, "model", "lip-sync"),
]


def test_every_row_is_tested_and_gathered() -> None:
    assert {e.path for e in AVATAR_ENDPOINTS} == PATHS == set(REQUIRED)
    assert all(BY_PATH[path].path == path and not BY_PATH[path].direct for path in PATHS)


@pytest.mark.parametrize("path", VIDEO_PATHS)
def test_the_example_body_is_created_then_completed_with_a_served_mp4(
    api: Api, fake_clock: FakeClock, path: str
) -> None:
    created = api.post(path, BODIES[path])
    assert created.status_code == 202, created.text
    assert created.json()["status"] == "processing"

    done = run(api, fake_clock, path, BODIES[path])
    assert {"id", "status", "videos"} <= set(done)  # (the platform may add keys such as usage)
    (video,) = done["videos"]
    assert list(video) == ["url"] and video["url"].endswith(".mp4")
    assert_mp4(fetch(video["url"]))


def test_human_identification_completes_with_an_integer_subject_status(api: Api, fake_clock: FakeClock) -> None:
    path = f"{OMNIHUMAN}/human_identification"
    done = run(api, fake_clock, path, BODIES[path])
    assert type(done["subject_status"]) is int
    assert "videos" not in done and "masks" not in done


def test_subject_detection_completes_with_a_served_png_mask(api: Api, fake_clock: FakeClock) -> None:
    path = f"{OMNIHUMAN}/subject_detection"
    done = run(api, fake_clock, path, BODIES[path])
    (mask,) = done["masks"]
    assert list(mask) == ["url"] and mask["url"].endswith(".png")
    assert_image(fetch(mask["url"]), "png")
    # the mask feeds audio_to_video's mask_urls
    body = dict(BODIES[f"{OMNIHUMAN}/audio_to_video"], mask_urls=[mask["url"]])
    assert api.post(f"{OMNIHUMAN}/audio_to_video", body).status_code == 202


@pytest.mark.parametrize(("path", "field"), [(p, f) for p, fields in REQUIRED.items() for f in fields], ids=str)
def test_missing_required_parameter_is_400(api: Api, path: str, field: str) -> None:
    body = {k: v for k, v in BODIES[path].items() if k != field}
    response = api.post(path, body)
    assert (response.status_code, response.json()) == (400, {"error": f"Missing required parameter: {field}"})
    assert api.emulator.tasks() == []


@pytest.mark.parametrize(("path", "field", "value"), BAD_VALUES, ids=str)
def test_value_outside_the_contract_choices_is_422(api: Api, path: str, field: str, value: Any) -> None:
    response = api.post(path, dict(BODIES[path], **{field: value}))
    assert (response.status_code, response.json()) == (422, {"error": f"Invalid {field}: {value}"})
    assert api.emulator.tasks() == []


def test_heygen_video_model_and_ratio_are_not_checked_since_none_are_published(api: Api) -> None:
    body = dict(BODIES[f"{HEYGEN}/text_to_video"], model="heygen-video-2", aspect_ratio="7:3")
    assert api.post(f"{HEYGEN}/text_to_video", body).status_code == 202


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"aspect_ratio": "adaptive"}, 422),  # no reference media: a fixed ratio
        ({"reference_image_urls": [PORTRAIT]}, 202),  # references: no ratio needed
        ({"reference_video_urls": [CLIP], "aspect_ratio": "adaptive"}, 202),
        ({"aspect_ratio": "16:9", "reference_audio_urls": [VOICE]}, 422),  # audio needs images or videos
        ({"reference_image_urls": [PORTRAIT], "reference_audio_urls": [VOICE]}, 202),
    ],
)
def test_minimax_h3_reference_media_rules(api: Api, body: dict[str, Any], status: int) -> None:
    response = api.post(f"{MINIMAX}/text_to_video", {"model": "minimax-h3", "prompt": "p", **body})
    assert response.status_code == status, response.text


def test_minimax_h3_image_to_video_takes_a_last_frame_alone(api: Api) -> None:
    body = {"model": "minimax-h3", "prompt": "p", "last_frame_image_url": PORTRAIT}
    assert api.post(f"{MINIMAX}/image_to_video", body).status_code == 202


@pytest.mark.parametrize(
    ("extra", "status"),
    [
        ({"mode": "lite", "enable_scene_detection": True}, 422),
        ({"mode": "basic", "enable_scene_detection": True}, 202),
        ({"mode": "basic", "align_audio": True}, 422),
        ({"mode": "basic", "align_audio_reverse": False}, 422),
        ({"mode": "basic", "template_start_seconds": 1}, 422),
        ({"mode": "lite", "align_audio": True, "align_audio_reverse": True, "template_start_seconds": 1.5}, 202),
    ],
)
def test_volcengine_lip_sync_mode_rules(api: Api, extra: dict[str, Any], status: int) -> None:
    response = api.post(LIP_SYNC, dict(BODIES[LIP_SYNC], **extra))
    assert response.status_code == status, response.text


def test_volcengine_lip_sync_reverse_alignment_needs_align_audio(api: Api) -> None:
    response = api.post(LIP_SYNC, dict(BODIES[LIP_SYNC], align_audio_reverse=True))
    assert (response.status_code, response.json()) == (400, {"error": "Missing required parameter: align_audio"})
