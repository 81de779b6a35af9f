"""Emulated endpoints of the video families: their rows (:data:`ENDPOINTS`) and result builders.

Kling, Seedance, Runway, Runway Aleph, Wan, Luma, Hailuo, HappyHorse, Grok Imagine, Topaz,
InfiniteTalk and Gemini Omni, as RunAPI's docs describe them, and PixVerse and Vidu, which the docs
do not cover, as the platform contract and the official packages do. Gathered into the catalogue by
:mod:`._catalog`; each row is an :class:`._endpoint.Endpoint`. The tables here are written from the
docs, independently of the SDK's family modules, so that the emulator checks the SDK.

Conventions of these rows:

- ``required`` lists the docs' "Yes" fields in the docs' order, and their "Conditional" /
  "Required for <model>" fields with the condition the docs state;
- ``choices`` are the documented enumerations of a field; where they differ per model or per mode,
  ``allowed`` narrows them for those bodies (:func:`._endpoint.allow`). Ranges ("3 through 15",
  "0-5") and lengths are not checked, as elsewhere in the emulator;
- failure texts are the docs' failed examples; a family whose docs print none fails with the
  platform's most common wording, ``Generation failed`` (marked ``general wording`` below);
- costs are the emulator's own choice (the docs give prices on pricing pages only): plausible
  cents, more for premium video than for images.
"""

from __future__ import annotations

import uuid
from typing import Any

from . import _payloads as p
from ._endpoint import (
    Endpoint,
    Requirement,
    all_of,
    allow,
    among,
    any_of,
    equals,
    error,
    given,
    need,
    not_,
)

__all__ = [
    "ENDPOINTS",
    "gemini_audio",
    "gemini_character",
    "images",
    "luma_videos",
    "runway_videos",
    "seedance_videos",
    "segments",
    "videos",
]

GENERAL_FAILURE = "Generation failed"
"""The platform's most common failure text (Kling, Grok Imagine, ...), used where a family's docs
print no failed example (Runway, Wan, Hailuo, HappyHorse, Topaz, InfiniteTalk, Gemini Omni)."""

KLING = "/api/v1/kling"
SEEDANCE = "/api/v1/seedance"
RUNWAY = "/api/v1/runway"
RUNWAY_ALEPH = "/api/v1/runway_aleph"
WAN = "/api/v1/wan"
LUMA = "/api/v1/luma"
HAILUO = "/api/v1/hailuo"
HAPPYHORSE = "/api/v1/happyhorse"
GROK = "/api/v1/grok_imagine"
TOPAZ = "/api/v1/topaz"
INFINITETALK = "/api/v1/infinitetalk"
GEMINI_OMNI = "/api/v1/gemini_omni"

# --- Kling (docs: Kling > Model Variants, Kling Endpoints) ------------------------------------------
# newer source (the platform contract; runapi-kling 0.5.1 and runapi-ai/kling-sdk's generated contract):
# kling-o1, kling-v2.6, the V3 Omni / Turbo models, extend_video and edit_video
KLING_3 = "kling-3.0"
KLING_O1 = "kling-o1"
KLING_V26 = "kling-v2.6"
KLING_V2_TEXT_MODELS = ("kling-v2.1-master-text-to-video", "kling-v2.5-turbo-text-to-video-pro")
KLING_V3_TEXT_MODELS = ("kling-v3-omni", "kling-v3-omni-reference", "kling-v3-turbo-text-to-video")
KLING_TEXT_MODELS = (KLING_3, KLING_O1, *KLING_V2_TEXT_MODELS, KLING_V26, *KLING_V3_TEXT_MODELS)
KLING_V2_IMAGE_MODELS = (
    "kling-v2.1-pro",
    "kling-v2.1-standard",
    "kling-v2.1-master-image-to-video",
    "kling-v2.5-turbo-image-to-video-pro",
)
KLING_V3_IMAGE_MODELS = ("kling-v3-omni", "kling-v3-turbo-image-to-video")
KLING_IMAGE_MODELS = (KLING_O1, *KLING_V2_IMAGE_MODELS, KLING_V26, *KLING_V3_IMAGE_MODELS)
KLING_V3_TURBO = ("kling-v3-turbo-text-to-video", "kling-v3-turbo-image-to-video")
KLING_EXTEND_MODELS = ("kling-v2.5-turbo-image-to-video-pro", "kling-v2.5-turbo-text-to-video-pro")
KLING_EDIT_MODELS = ("kling-v3-omni-edit", "kling-v3-omni-reference")
KLING_V3_DURATIONS = tuple(range(3, 16))
KLING_RESOLUTIONS = ("720p", "1080p", "4k")
KLING_KNOBS: dict[str, tuple[Any, ...]] = {
    "aspect_ratio": ("16:9", "9:16", "1:1"),
    "output_resolution": KLING_RESOLUTIONS,
    "mode": ("std", "pro"),
    "reference_video_type": ("base", "feature"),
}
_KLING_DURATIONS = (
    allow("duration_seconds", 5, 10, when=among("model", *KLING_V2_TEXT_MODELS, *KLING_V2_IMAGE_MODELS, KLING_V26)),
    allow("duration_seconds", 5, when=equals("model", KLING_O1)),
    allow(
        "duration_seconds",
        *KLING_V3_DURATIONS,
        when=among("model", KLING_3, *KLING_V3_TEXT_MODELS, *KLING_V3_IMAGE_MODELS),
    ),
    allow("output_resolution", "720p", "1080p", when=among("model", *KLING_V3_TURBO)),
)
"""Each model's durations and the V3 Turbo resolutions (the platform contract's per-model enums)."""
KLING_AVATAR_MODELS = (
    "kling-ai-avatar-pro",
    "kling-ai-avatar-standard",
    "kling-ai-avatar-v1-pro",
    "kling-v1-avatar-standard",
)
KLING_RATIOS = ("16:9", "9:16", "1:1")
KLING_FAILURE = "Generation failed"  # every Kling failed example
GROK_FAILURE = "Generation failed"  # docs: Grok-Imagine > Failed response example
_MULTI_SHOTS = equals("multi_shots", True)
_KLING_RATIO_OPTIONAL = any_of(given("first_frame_image_url"), given("kling_elements"))
"""kling-3.0 bodies that may leave out ``aspect_ratio``: with a first frame (the table) or with elements
(the docs' element-reference example sends neither a first frame nor a ratio)."""

# --- Seedance (docs: Seedance > Create Seedance Text-to-Video) --------------------------------------
SEEDANCE_1_5 = "seedance-1.5-pro"
SEEDANCE_2 = ("seedance-2.0", "seedance-2.0-fast", "seedance-2-mini")  # 2-mini: newer source, the contract
SEEDANCE_V1_TEXT = ("seedance-v1-pro",)  # text- and image-to-video (the contract no longer lists v1-lite)
SEEDANCE_V1_PRO_FAST = "seedance-v1-pro-fast"  # image-to-video only
SEEDANCE_V1 = (*SEEDANCE_V1_TEXT, SEEDANCE_V1_PRO_FAST)
SEEDANCE_MODELS = (SEEDANCE_1_5, *SEEDANCE_2, *SEEDANCE_V1)
SEEDANCE_2_RATIOS = ("1:1", "4:3", "3:4", "16:9", "9:16", "21:9", "auto")
SEEDANCE_V1_PRO_RATIOS = ("1:1", "4:3", "3:4", "16:9", "9:16", "21:9")  # and seedance-1.5-pro's (the contract)
_SEEDANCE_V1_IMAGE_MODE = all_of(among("model", *SEEDANCE_V1), given("first_frame_image_url"))

# --- Wan (docs: Wan > Models and each endpoint's model list) ---------------------------------------
WAN_25_TEXT = "wan-2.5-text-to-video"
WAN_R2V = "wan-2.7-r2v"
WAN_TEXT_MODELS = (
    "wan-2.2-a14b-text-to-video-turbo",
    WAN_25_TEXT,
    "wan-2.6-text-to-video",
    "wan-2.7-text-to-video",
    WAN_R2V,
)
WAN_22_IMAGE = "wan-2.2-a14b-image-to-video-turbo"
WAN_25_IMAGE = "wan-2.5-image-to-video"
WAN_26_IMAGE = ("wan-2.6-image-to-video", "wan-2.6-flash-image-to-video")
WAN_27_IMAGE = "wan-2.7-image-to-video"
WAN_IMAGE_MODELS = (WAN_22_IMAGE, WAN_25_IMAGE, *WAN_26_IMAGE, WAN_27_IMAGE)
WAN_SPEECH_MODELS = ("wan-2.2-a14b-speech-to-video-turbo",)
WAN_ANIMATE_MODELS = ("wan-2.2-animate-move", "wan-2.2-animate-replace")
WAN_TEXT_TO_IMAGE_MODELS = ("wan-2.7-image", "wan-2.7-image-pro")
WAN_26_EDIT = ("wan-2.6-edit-video", "wan-2.6-flash-edit-video")
WAN_27_EDIT = "wan-2.7-edit-video"
WAN_EDIT_MODELS = (*WAN_26_EDIT, WAN_27_EDIT)
WAN_VIDEO_RATIOS = ("16:9", "9:16", "1:1", "4:3", "3:4")
WAN_IMAGE_RATIOS = ("1:1", "16:9", "4:3", "21:9", "3:4", "9:16", "8:1", "1:8")

# --- Hailuo (docs: Hailuo > Models) -----------------------------------------------------------------
HAILUO_TEXT_MODELS = ("hailuo-02-text-to-video-pro", "hailuo-02-text-to-video-standard")
HAILUO_02_IMAGE_STANDARD = "hailuo-02-image-to-video-standard"
HAILUO_23_IMAGE = ("hailuo-2.3-image-to-video-pro", "hailuo-2.3-image-to-video-standard")
HAILUO_IMAGE_MODELS = ("hailuo-02-image-to-video-pro", HAILUO_02_IMAGE_STANDARD, *HAILUO_23_IMAGE)
HAILUO_DURATIONS = (6, 10)

# --- HappyHorse, Grok Imagine, Topaz, InfiniteTalk, Gemini Omni ---------------------------------------
HAPPYHORSE_CHARACTER = "happyhorse-character"
HAPPYHORSE_R2V = "happyhorse-1.0-r2v"  # newer source: the platform contract (with happyhorse-1.0-t2v, -1.0-i2v)
HAPPYHORSE_TEXT_MODELS = ("happyhorse-text-to-video", HAPPYHORSE_CHARACTER, "happyhorse-1.0-t2v", HAPPYHORSE_R2V)
HAPPYHORSE_RESOLUTIONS = ("720p", "1080p")
HAPPYHORSE_RATIOS = ("16:9", "9:16", "1:1", "4:3", "3:4")
GROK_RATIOS = ("2:3", "3:2", "1:1", "16:9", "9:16")
GROK_MOTION_STYLES = ("fun", "normal", "spicy")
GROK_RESOLUTIONS = ("480p", "720p")
GROK_15_FAST = "grok-imagine-video-1.5-fast"  # the 1.5 models: newer source, the platform contract and
GROK_15_PREVIEW = "grok-imagine-video-1.5-preview"  # the official runapi-ai/grok-imagine-sdk contract_gen.py
GROK_15 = (GROK_15_FAST, GROK_15_PREVIEW)
_GROK_CLASSIC = not_(among("model", *GROK_15))
_GROK_15_REFUSED = tuple(
    allow(name, when=among("model", *GROK_15)) for name in ("motion_style", "enable_safety_checker")
)
_GROK_15_NARROW = (
    allow("aspect_ratio", *GROK_RATIOS, when=_GROK_CLASSIC),  # "auto": -preview only
    allow("aspect_ratio", *GROK_RATIOS, when=("model", GROK_15_FAST)),
    allow("output_resolution", *GROK_RESOLUTIONS, when=not_(equals("model", GROK_15_PREVIEW))),  # 1080p
    allow("reference_image_urls", when=_GROK_CLASSIC),
)
GROK_VIDEO_PATHS = (f"{GROK}/text_to_video", f"{GROK}/image_to_video")
"""The Grok Imagine tasks extend_video names ("grok-imagine-text-to-video or -image-to-video")."""
GEMINI_DURATIONS = (4, 6, 8, 10)
GEMINI_FLASH = "gemini-omni-flash-preview"  # newer source: the platform contract, official contract_gen.py
GEMINI_FLASH_REFUSED = ("reference_image_urls", "audio_ids", "video_list", "character_ids", "duration_seconds", "seed")

# --- PixVerse, Vidu (no docs section: the platform contract and the official packages) ----------------
PIXVERSE = "/api/v1/pixverse"
VIDU = "/api/v1/vidu"
PIXVERSE_RATIOS = ("16:9", "4:3", "1:1", "3:4", "9:16", "2:3", "3:2", "21:9")
PIXVERSE_KNOBS: dict[str, tuple[Any, ...]] = {
    "model": ("pixverse-v6",),
    "output_resolution": ("360p", "540p", "720p", "1080p"),
}
PIXVERSE_COMMON = ("model", "prompt", "output_resolution", "duration_seconds")
"""Required on every PixVerse action (official repository's contract, runapi-ai/pixverse-sdk)."""
PIXVERSE_VIDEO_PATHS = tuple(
    f"{PIXVERSE}/{name}"
    for name in ("text_to_video", "image_to_video", "edit_video", "transition_video", "extend_video")
)
"""The tasks extend_video may continue: "a completed PixVerse task" (the official skill), any action."""


# --- result builders -------------------------------------------------------------------------------


def _child_id(job: p.Job, name: str) -> str:
    # stable across polls: derived from the task id
    return str(uuid.uuid5(uuid.UUID(job.id), name))


def _video(job: p.Job) -> dict[str, Any]:
    return {"url": job.file_url(p.VIDEO_FILE)}


def videos(job: p.Job) -> dict[str, Any]:
    """Most video tasks: ``videos: [{"url"}]``, one MP4 (docs: e.g. Kling > Get Kling Text-to-Video Status)."""
    return {"videos": [_video(job)]}


def images(job: p.Job) -> dict[str, Any]:
    """Image tasks (Wan text_to_image, Grok Imagine text_to_image and edit_image, Topaz
    upscale_image): ``images: [{"url"}]``; Wan's ``output_count`` images when given (1 to 10)."""
    count = job.params.get("output_count")
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= 10:
        count = 1
    return {"images": [{"url": job.file_url(f"{n}.png")} for n in range(count)]}


def segments(job: p.Job) -> dict[str, Any]:
    """Grok Imagine segment_map: ``segments: [{"url", "name", "index"}]`` (official runapi-grok-imagine
    0.3.0 ``SegmentMapTaskResponse``); two segments, indexed from 1."""
    return {
        "segments": [
            {"url": job.file_url(f"segment-{n}.png"), "name": name, "index": n}
            for n, name in enumerate(("subject", "background"), start=1)
        ]
    }


def runway_videos(job: p.Job) -> dict[str, Any]:
    """Runway text_to_video and extend_video: ``videos: [{"id", "url"}]`` and the cover image as
    ``images: [{"url"}]`` (docs: Runway > Get Text To Video)."""
    return {
        "videos": [{"id": _child_id(job, "video-1"), **_video(job)}],
        "images": [{"url": job.file_url("cover.png")}],
    }


def video_and_image(job: p.Job) -> dict[str, Any]:
    """Runway Aleph edit_video: ``videos: [{"url"}]`` and ``images: [{"url"}]`` (docs: Get Edit Video)."""
    return {"videos": [_video(job)], "images": [{"url": job.file_url("0.png")}]}


def seedance_videos(job: p.Job) -> dict[str, Any]:
    """Seedance text_to_video: ``videos: [{"url"}]``, then ``last_frame_image_url`` (a PNG) when the
    request gave a last frame image (docs: Get Seedance Text-to-Video Status, Response Fields)."""
    result = videos(job)
    if job.text("last_frame_image_url"):
        result["last_frame_image_url"] = job.file_url("last-frame.png")
    return result


def luma_videos(job: p.Job) -> dict[str, Any]:
    """Luma modify_video: ``videos: [{"url"}]`` and ``sources: [{"url"}]``, the source video as
    sent (docs: Luma > Get Luma Video Modification)."""
    return {"videos": [_video(job)], "sources": [{"url": job.text("source_video_url")}]}


def gemini_audio(job: p.Job) -> dict[str, Any]:
    """Gemini Omni create_audio (direct): ``{"id", "audio": {"id", "name"}}`` (docs: Create Gemini Omni Audio)."""
    return {"id": job.id, "audio": {"id": job.id, "name": job.text("name")}}


def gemini_character(job: p.Job) -> dict[str, Any]:
    """Gemini Omni create_character (direct): ``{"id", "character": {"id", "name", "images":
    [{"url"}]}}``, the name being ``character_name`` (docs: Create Gemini Omni Character)."""
    return {
        "id": job.id,
        "character": {
            "id": job.id,
            "name": job.text("character_name"),
            "images": [{"url": job.file_url("character.png")}],
        },
    }


def _row(path: str, required: tuple[Requirement, ...], cost_cents: int, failure: str, **extra: Any) -> Endpoint:
    """A video-family task answering ``videos: [{"url"}]`` unless another ``result`` is given."""
    extra.setdefault("result", videos)
    return Endpoint(path=path, required=required, cost_cents=cost_cents, failure_error=error(failure), **extra)


ENDPOINTS: tuple[Endpoint, ...] = (
    # --- Kling ----------------------------------------------------------------------------------
    _row(  # docs: Kling > Create Kling Text-to-Video (kling-3.0), Create V2.1 and V2.5 Video (text)
        f"{KLING}/text_to_video",
        need("model")
        + need("prompt", when=not_(_MULTI_SHOTS))  # "Required in single-shot mode"
        + need("enable_sound", when=_MULTI_SHOTS)  # "Must be true when multi_shots is true"
        # kling-3.0: "Optional when first_frame_image_url is provided"; V2.x: optional. The docs'
        # element-reference example sends kling_elements with neither a first frame nor a ratio: optional there too
        + need("aspect_ratio", when=all_of(equals("model", KLING_3), not_(_KLING_RATIO_OPTIONAL)))
        + need("multi_prompt", when=_MULTI_SHOTS)
        # kling-v3-omni-reference: aspect_ratio and reference_image_urls required (official contract)
        + need("aspect_ratio", "reference_image_urls", when=equals("model", "kling-v3-omni-reference")),
        30,
        KLING_FAILURE,
        choices={"model": KLING_TEXT_MODELS, **KLING_KNOBS},
        allowed=(allow("enable_sound", True, when=_MULTI_SHOTS), *_KLING_DURATIONS),
    ),
    _row(  # docs: Kling > Create V2.1 and V2.5 Video, Request Parameters (Image-to-Video)
        f"{KLING}/image_to_video",
        need("model", "prompt", "first_frame_image_url"),
        30,
        KLING_FAILURE,
        choices={"model": KLING_IMAGE_MODELS, **KLING_KNOBS},
        allowed=_KLING_DURATIONS,
    ),
    _row(  # docs: Kling > Create AI Avatar (prompt: "Required ... Can be empty")
        f"{KLING}/ai_avatar",
        need("model", "source_image_url", "source_audio_url") + need("prompt", allow_empty=True),
        20,
        KLING_FAILURE,
        choices={"model": KLING_AVATAR_MODELS},
    ),
    _row(  # docs: Kling > Create Motion Control
        f"{KLING}/motion_control",
        need("model", "source_first_frame_image_url", "reference_video_url")
        # kling-v2.6 (platform contract; official contract: both required, no background_source)
        + need("character_orientation", "output_resolution", when=equals("model", KLING_V26)),
        25,
        KLING_FAILURE,
        choices={
            "model": (KLING_3, KLING_V26),
            "output_resolution": ("720p", "1080p"),
            "character_orientation": ("video", "image"),
            "background_source": ("video", "image"),
        },
        allowed=(allow("background_source", when=equals("model", KLING_V26)),),
    ),
    _row(  # runapi-kling 0.5.1 ExtendVideo: continue a completed V2.5 Turbo task (model: optional, not sent)
        f"{KLING}/extend_video",
        need("source_task_id"),
        20,
        KLING_FAILURE,
        choices={"model": KLING_EXTEND_MODELS, "mode": ("std", "pro")},
        source_paths=(f"{KLING}/text_to_video", f"{KLING}/image_to_video"),
    ),
    _row(  # runapi-kling 0.5.1 EditVideo; runapi-ai/kling-sdk's contract: its models and modes
        f"{KLING}/edit_video",
        need("model", "prompt", "aspect_ratio") + need("source_video_url", alternatives=("source_task_id",)),
        30,
        KLING_FAILURE,
        choices={
            "model": KLING_EDIT_MODELS,
            "aspect_ratio": ("auto", *KLING_RATIOS),
            "duration_seconds": KLING_V3_DURATIONS,
            "output_resolution": KLING_RESOLUTIONS,
        },
        allowed=(
            allow("aspect_ratio", *KLING_RATIOS, when=given("reference_image_urls")),
            allow("aspect_ratio", "auto", when=not_(given("reference_image_urls"))),
            allow("duration_seconds", 5, when=not_(given("reference_image_urls"))),
            allow("enable_sound", False, when=equals("model", "kling-v3-omni-reference")),
        ),
        # "a completed compatible task ID" (runapi-kling 0.5.1): any finished Kling video task
        source_paths=tuple(f"{KLING}/{op}" for op in ("text_to_video", "image_to_video", "extend_video", "edit_video")),
        source_optional=True,
    ),
    # --- Seedance -------------------------------------------------------------------------------
    _row(  # docs: Seedance > Create Seedance Text-to-Video (six models, one path)
        f"{SEEDANCE}/text_to_video",
        need("model", "prompt")
        # "Required for seedance-1.5-pro and for seedance-v1-pro text-to-video" (v1-lite: no longer listed)
        + need(
            "aspect_ratio",
            when=any_of(
                equals("model", SEEDANCE_1_5),
                all_of(among("model", *SEEDANCE_V1_TEXT), not_(given("first_frame_image_url"))),
            ),
        )
        + need("duration_seconds", when=among("model", SEEDANCE_1_5, *SEEDANCE_V1))
        + need("first_frame_image_url", when=("model", SEEDANCE_V1_PRO_FAST)),
        25,
        "Task failed",
        result=seedance_videos,
        choices={"model": SEEDANCE_MODELS, "output_resolution": ("480p", "720p", "1080p", "4k")},
        allowed=(
            allow("aspect_ratio", when=_SEEDANCE_V1_IMAGE_MODE),  # "Rejected in v1 image-to-video mode"
            allow("aspect_ratio", *SEEDANCE_2_RATIOS, when=among("model", *SEEDANCE_2)),
            allow("aspect_ratio", *SEEDANCE_V1_PRO_RATIOS, when=among("model", SEEDANCE_1_5, "seedance-v1-pro")),
            allow("output_resolution", "480p", "720p", "1080p", when=not_(equals("model", "seedance-2.0"))),  # 4k
            allow("output_resolution", "480p", "720p", when=among("model", "seedance-2.0-fast", "seedance-2-mini")),
            allow("output_resolution", "720p", "1080p", when=("model", SEEDANCE_V1_PRO_FAST)),
            allow("enable_safety_checker", when=("model", "seedance-2-mini")),
            # 1.5-pro: 4-12 (newer source: the official seedance-sdk contract); 2.x: a range, not checked
            allow("duration_seconds", *range(4, 13), when=("model", SEEDANCE_1_5)),
            allow("duration_seconds", 5, 10, when=among("model", *SEEDANCE_V1)),
        ),
    ),
    # --- Runway, Runway Aleph (no failed examples: general wording) -------------------------------
    _row(  # docs: Runway > Create Text To Video (aspect_ratio "Required for text-to-video")
        f"{RUNWAY}/text_to_video",
        need("prompt", "duration_seconds", "output_resolution")
        + need("aspect_ratio", when=not_(given("first_frame_image_url"))),
        20,
        GENERAL_FAILURE,
        result=runway_videos,
        choices={  # model and aspect_ratio: newer source, the platform contract (model optional)
            "model": ("runway",),
            "duration_seconds": (5, 10),
            "output_resolution": ("720p", "1080p"),
            "aspect_ratio": ("16:9", "9:16", "1:1", "4:3", "3:4"),
        },
    ),
    _row(  # docs: Runway > Create Extend Video (completed shape not printed: as text_to_video)
        f"{RUNWAY}/extend_video",
        need("source_task_id", "prompt", "output_resolution"),
        20,
        GENERAL_FAILURE,
        result=runway_videos,
        choices={"model": ("runway",), "output_resolution": ("720p", "1080p")},
        source_paths=(f"{RUNWAY}/text_to_video", f"{RUNWAY}/extend_video"),
    ),
    _row(  # docs: Runway Aleph > Create Edit Video
        f"{RUNWAY_ALEPH}/edit_video",
        need("prompt", "source_video_url"),
        25,
        GENERAL_FAILURE,
        result=video_and_image,
        choices={"model": ("runway-aleph",), "aspect_ratio": ("16:9", "9:16", "4:3", "3:4", "1:1", "21:9")},
    ),
    # --- Wan (no failed example: general wording) ---------------------------------------------------
    _row(  # docs: Wan > Wan Text to Video, Wan 2.7 R2V Text to Video
        f"{WAN}/text_to_video",
        need("model", "prompt")
        + need("duration_seconds", when=("model", WAN_25_TEXT))  # "Required for wan-2.5-*"
        # r2v: "At least one reference image or video URL is required"
        + need("reference_image_urls", when=("model", WAN_R2V), alternatives=("reference_video_urls",)),
        20,
        GENERAL_FAILURE,
        choices={"model": WAN_TEXT_MODELS, "aspect_ratio": WAN_VIDEO_RATIOS},
    ),
    _row(  # docs: Wan > Wan Image to Video
        f"{WAN}/image_to_video",
        need("model")
        + need("prompt", when=among("model", *WAN_26_IMAGE, WAN_27_IMAGE))  # wan-2.6-*, wan-2.7-*, flash
        + need("first_frame_image_url", when=among("model", WAN_22_IMAGE, WAN_25_IMAGE, *WAN_26_IMAGE))
        + need("duration_seconds", when=("model", WAN_25_IMAGE)),
        20,
        GENERAL_FAILURE,
        choices={"model": WAN_IMAGE_MODELS},
    ),
    _row(  # docs: Wan > Wan Speech to Video
        f"{WAN}/speech_to_video",
        need("model", "source_image_url", "source_audio_url"),
        15,
        GENERAL_FAILURE,
        choices={"model": WAN_SPEECH_MODELS},
    ),
    _row(  # docs: Wan > Wan Animation
        f"{WAN}/animate",
        need("model", "reference_video_url", "source_image_url"),
        15,
        GENERAL_FAILURE,
        choices={"model": WAN_ANIMATE_MODELS},
    ),
    _row(  # docs: Wan > Wan Image Generation (answers `images`)
        f"{WAN}/text_to_image",
        need("model", "prompt"),
        3,
        GENERAL_FAILURE,
        result=images,
        choices={"model": WAN_TEXT_TO_IMAGE_MODELS, "aspect_ratio": WAN_IMAGE_RATIOS},
    ),
    _row(  # docs: Wan > Wan Video Edit (one URL for 2.7, a list for 2.6)
        f"{WAN}/edit_video",
        need("model")
        + need("source_video_url", when=("model", WAN_27_EDIT))
        + need("source_video_urls", when=among("model", *WAN_26_EDIT)),
        20,
        GENERAL_FAILURE,
        choices={"model": WAN_EDIT_MODELS},
    ),
    # --- Luma ---------------------------------------------------------------------------------------
    _row(  # docs: Luma > Create Luma Video Modification
        f"{LUMA}/modify_video",
        need("prompt", "source_video_url"),
        25,
        "Modify record generation failed.",
        result=luma_videos,
        choices={"model": ("luma-modify-video",)},  # newer source: the platform contract (model optional)
    ),
    # --- Hailuo (no failed example: general wording) ------------------------------------------------
    _row(  # docs: Hailuo > Create Text-to-Video
        f"{HAILUO}/text_to_video",
        need("model", "prompt"),
        15,
        GENERAL_FAILURE,
        choices={"model": HAILUO_TEXT_MODELS, "duration_seconds": HAILUO_DURATIONS},
    ),
    _row(  # docs: Hailuo > Create Image-to-Video
        f"{HAILUO}/image_to_video",
        need("model", "prompt", "first_frame_image_url"),
        15,
        GENERAL_FAILURE,
        choices={
            "model": HAILUO_IMAGE_MODELS,
            "duration_seconds": HAILUO_DURATIONS,
            "output_resolution": ("512p", "768p", "1080p"),
        },
        allowed=(
            allow("output_resolution", "512p", "768p", when=("model", HAILUO_02_IMAGE_STANDARD)),
            allow("output_resolution", "768p", "1080p", when=among("model", *HAILUO_23_IMAGE)),
        ),
    ),
    # --- HappyHorse (no failed example: general wording) --------------------------------------------
    _row(  # docs: HappyHorse > Create HappyHorse Text-to-Video (and the character model)
        f"{HAPPYHORSE}/text_to_video",
        need("model", "prompt")
        + need("reference_image_urls", when=among("model", HAPPYHORSE_CHARACTER, HAPPYHORSE_R2V)),
        20,
        GENERAL_FAILURE,
        choices={
            "model": HAPPYHORSE_TEXT_MODELS,
            "output_resolution": HAPPYHORSE_RESOLUTIONS,
            "aspect_ratio": HAPPYHORSE_RATIOS,
        },
    ),
    _row(  # docs: HappyHorse > Create HappyHorse Image-to-Video
        f"{HAPPYHORSE}/image_to_video",
        need("model", "first_frame_image_url"),
        20,
        GENERAL_FAILURE,
        choices={
            "model": ("happyhorse-image-to-video", "happyhorse-1.0-i2v"),
            "output_resolution": HAPPYHORSE_RESOLUTIONS,
        },
    ),
    _row(  # docs: HappyHorse > Create HappyHorse Edit Video
        f"{HAPPYHORSE}/edit_video",
        need("model", "prompt", "source_video_url"),
        20,
        GENERAL_FAILURE,
        choices={
            "model": ("happyhorse-edit-video",),
            "output_resolution": HAPPYHORSE_RESOLUTIONS,
            "audio_setting": ("auto", "original"),
        },
    ),
    # --- Grok Imagine -------------------------------------------------------------------------------
    _row(  # docs: Grok-Imagine > Create Grok-Imagine Text-to-Video
        f"{GROK}/text_to_video",
        need("model", "prompt"),
        10,
        GROK_FAILURE,
        choices={
            "model": ("grok-imagine-text-to-video", *GROK_15),
            "aspect_ratio": (*GROK_RATIOS, "auto"),
            "motion_style": GROK_MOTION_STYLES,
            "output_resolution": (*GROK_RESOLUTIONS, "1080p"),
        },
        allowed=(*_GROK_15_REFUSED, *_GROK_15_NARROW),
    ),
    _row(  # docs: Grok-Imagine > Create Image-to-Video: one image URL, or a prior text_to_image task
        f"{GROK}/image_to_video",
        need("model") + need("source_image_urls", alternatives=("source_task_id",)),
        10,
        GROK_FAILURE,
        choices={
            "model": ("grok-imagine-image-to-video", *GROK_15),
            "motion_style": GROK_MOTION_STYLES,
            "output_resolution": (*GROK_RESOLUTIONS, "1080p"),
            "aspect_ratio": (*GROK_RATIOS, "auto"),
        },
        allowed=(
            # "spicy is not available when source_image_urls is used"
            allow("motion_style", "fun", "normal", when=given("source_image_urls")),
            *_GROK_15_REFUSED,
            *_GROK_15_NARROW,
            allow("source_task_id", when=among("model", *GROK_15)),  # the 1.5 models take a source image
            allow("index", when=among("model", *GROK_15)),
        ),
        sizes={"source_image_urls": 1},  # "Exactly one source image URL"
        source_paths=(f"{GROK}/text_to_image",),
        source_optional=True,
    ),
    _row(  # docs: Grok-Imagine > Create Grok-Imagine Text-to-Image (answers `images`)
        f"{GROK}/text_to_image",
        need("model", "prompt"),
        2,
        GROK_FAILURE,
        result=images,
        choices={"model": ("grok-imagine-text-to-image",), "aspect_ratio": GROK_RATIOS},
    ),
    _row(  # docs: Grok-Imagine > Create Grok-Imagine Edit Image (answers `images`)
        f"{GROK}/edit_image",
        need("model", "source_image_url"),
        2,
        GROK_FAILURE,
        result=images,
        choices={"model": ("grok-imagine-edit-image",)},
    ),
    _row(  # docs: Grok-Imagine > Extend Grok-Imagine Video
        f"{GROK}/extend_video",
        need("source_task_id", "prompt", "start_seconds", "extension_duration_seconds"),
        10,
        GROK_FAILURE,
        choices={"extension_duration_seconds": (6, 10)},
        source_paths=GROK_VIDEO_PATHS,
    ),
    _row(  # docs: Grok-Imagine > Upscale Grok-Imagine Video: the path says image, the output is a video
        f"{GROK}/upscale_image",
        need("source_task_id"),
        5,
        GROK_FAILURE,
        source_paths=(*GROK_VIDEO_PATHS, f"{GROK}/extend_video"),  # "a prior Grok-Imagine video task"
    ),
    _row(  # official runapi-grok-imagine 0.3.0 SegmentMap: image_url, or source_task_id (an image task)
        f"{GROK}/segment_map",
        need("image_url", alternatives=("source_task_id",)),
        2,
        GROK_FAILURE,
        result=segments,
        choices={"model": ("grok-imagine-image-2-0",)},
        source_paths=(f"{GROK}/text_to_image",),
        source_optional=True,
    ),
    # --- Topaz (no failed example: general wording; completed: "images" / "videos") --------------------
    _row(  # docs: Topaz > Topaz Upscale Image
        f"{TOPAZ}/upscale_image",
        need("model", "source_image_url", "upscale_factor"),
        3,
        GENERAL_FAILURE,
        result=images,
        choices={"model": ("topaz-upscale-image",), "upscale_factor": (1, 2, 4, 8)},
    ),
    _row(  # docs: Topaz > Topaz Upscale Video
        f"{TOPAZ}/upscale_video",
        need("model", "source_video_url"),
        10,
        GENERAL_FAILURE,
        choices={"model": ("topaz-upscale-video",), "upscale_factor": (1, 2, 4)},
    ),
    # --- InfiniteTalk, Gemini Omni (no failed examples: general wording) ---------------------------
    _row(  # docs: InfiniteTalk > Create InfiniteTalk From Audio
        f"{INFINITETALK}/audio_to_video",
        need("model", "source_image_url", "source_audio_url", "prompt"),
        15,
        GENERAL_FAILURE,
        choices={"model": ("infinitetalk-from-audio",), "output_resolution": ("480p", "720p")},
    ),
    _row(  # docs: Gemini Omni > Gemini Omni Text-to-Video (duration "ignored when video_list is provided")
        f"{GEMINI_OMNI}/text_to_video",
        need("prompt")
        + need("duration_seconds", when=all_of(not_(given("video_list")), not_(equals("model", GEMINI_FLASH)))),
        30,
        GENERAL_FAILURE,
        choices={
            "model": ("gemini-omni-text-to-video", GEMINI_FLASH),  # optional (newer source: the contract)
            "duration_seconds": GEMINI_DURATIONS,
            "aspect_ratio": ("16:9", "9:16"),
            "output_resolution": ("720p", "1080p", "4k"),
        },
        allowed=(
            allow("output_resolution", "720p", when=("model", GEMINI_FLASH)),
            *(allow(name, when=("model", GEMINI_FLASH)) for name in GEMINI_FLASH_REFUSED),
        ),
    ),
    _row(  # docs: Gemini Omni > Create Gemini Omni Audio (direct: 200 with the voice)
        f"{GEMINI_OMNI}/create_audio",
        need("audio_id", "name"),  # audio_id: "such as achernar, ...", an open list: not checked
        1,
        GENERAL_FAILURE,  # no failed example: general wording (a direct failure answers the failed shape)
        result=gemini_audio,
        choices={"model": ("gemini-omni-audio",)},  # optional (newer source: the platform contract)
        direct=True,
    ),
    _row(  # docs: Gemini Omni > Create Gemini Omni Character (direct: 200 with the character)
        f"{GEMINI_OMNI}/create_character",
        need("descriptions", "reference_image_url"),
        1,
        GENERAL_FAILURE,  # no failed example: general wording
        result=gemini_character,
        choices={"model": ("gemini-omni-character",)},  # optional (newer source: the platform contract)
        direct=True,
    ),
    # --- PixVerse (platform contract pixverse/*; required fields from the official repository's
    # contract; no failed example anywhere: general wording) ---------------------------------------
    _row(
        f"{PIXVERSE}/text_to_video",
        need(*PIXVERSE_COMMON, "aspect_ratio"),
        20,
        GENERAL_FAILURE,
        choices={**PIXVERSE_KNOBS, "aspect_ratio": PIXVERSE_RATIOS},
    ),
    _row(
        f"{PIXVERSE}/image_to_video",
        need(*PIXVERSE_COMMON, "first_frame_image_url"),
        20,
        GENERAL_FAILURE,
        choices=PIXVERSE_KNOBS,
    ),
    _row(
        f"{PIXVERSE}/edit_video",
        need(*PIXVERSE_COMMON, "reference_image_urls", "aspect_ratio"),
        20,
        GENERAL_FAILURE,
        choices={**PIXVERSE_KNOBS, "aspect_ratio": PIXVERSE_RATIOS},
    ),
    _row(
        f"{PIXVERSE}/transition_video",
        need(*PIXVERSE_COMMON, "first_frame_image_url", "last_frame_image_url"),
        20,
        GENERAL_FAILURE,
        choices=PIXVERSE_KNOBS,
    ),
    _row(  # the answer names the task it continues (official response model: source_task_id)
        f"{PIXVERSE}/extend_video",
        need(*PIXVERSE_COMMON, "source_task_id"),
        20,
        GENERAL_FAILURE,
        choices=PIXVERSE_KNOBS,
        echo=("source_task_id",),
        source_paths=PIXVERSE_VIDEO_PATHS,
    ),
    # --- Vidu (official package runapi-vidu: paths and the README's required fields; no model list is
    # published, so the model is not checked; no failed example: general wording) -------------------
    _row(
        f"{VIDU}/image_to_video",
        need("model", "first_frame_image_url"),
        20,
        GENERAL_FAILURE,
    ),
    _row(
        f"{VIDU}/reference_to_video",
        need("model", "prompt", "reference_image_urls"),
        20,
        GENERAL_FAILURE,
    ),
)
"""The video families' endpoints (39 rows: 37 tasks, 2 direct)."""
