"""Emulated endpoints of the video families: their rows (:data:`ENDPOINTS`) and result builders.

Kling, Seedance, Runway, Runway Aleph, Wan, Luma, Hailuo, HappyHorse, Grok Imagine, Topaz,
InfiniteTalk and Gemini Omni, as RunAPI's docs describe them. Gathered into the catalogue by
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
KLING_3 = "kling-3.0"
KLING_V2_TEXT_MODELS = ("kling-v2.1-master-text-to-video", "kling-v2.5-turbo-text-to-video-pro")
KLING_TEXT_MODELS = (KLING_3, *KLING_V2_TEXT_MODELS)
KLING_IMAGE_MODELS = (
    "kling-v2.1-pro",
    "kling-v2.1-standard",
    "kling-v2.1-master-image-to-video",
    "kling-v2.5-turbo-image-to-video-pro",
)
KLING_AVATAR_MODELS = (
    "kling-ai-avatar-pro",
    "kling-ai-avatar-standard",
    "kling-ai-avatar-v1-pro",
    "kling-v1-avatar-standard",
)
KLING_RATIOS = ("16:9", "9:16", "1:1")
KLING_V2_DURATIONS = (5, 10)
KLING_FAILURE = "Generation failed"  # every Kling failed example
GROK_FAILURE = "Generation failed"  # docs: Grok-Imagine > Failed response example
_MULTI_SHOTS = equals("multi_shots", True)
_KLING_RATIO_OPTIONAL = any_of(given("first_frame_image_url"), given("kling_elements"))
"""kling-3.0 bodies that may leave out ``aspect_ratio``: with a first frame (the table) or with elements
(the docs' element-reference example sends neither a first frame nor a ratio)."""

# --- Seedance (docs: Seedance > Create Seedance Text-to-Video) --------------------------------------
SEEDANCE_1_5 = "seedance-1.5-pro"
SEEDANCE_2 = ("seedance-2.0", "seedance-2.0-fast")
SEEDANCE_V1_TEXT = ("seedance-v1-lite", "seedance-v1-pro")  # text- and image-to-video
SEEDANCE_V1_PRO_FAST = "seedance-v1-pro-fast"  # image-to-video only
SEEDANCE_V1 = (*SEEDANCE_V1_TEXT, SEEDANCE_V1_PRO_FAST)
SEEDANCE_MODELS = (SEEDANCE_1_5, *SEEDANCE_2, *SEEDANCE_V1)
SEEDANCE_2_RATIOS = ("1:1", "4:3", "3:4", "16:9", "9:16", "21:9", "auto")
SEEDANCE_V1_LITE_RATIOS = ("1:1", "4:3", "3:4", "16:9", "9:16", "9:21")
SEEDANCE_V1_PRO_RATIOS = ("1:1", "4:3", "3:4", "16:9", "9:16", "21:9")
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
HAPPYHORSE_TEXT_MODELS = ("happyhorse-text-to-video", HAPPYHORSE_CHARACTER)
HAPPYHORSE_RESOLUTIONS = ("720p", "1080p")
HAPPYHORSE_RATIOS = ("16:9", "9:16", "1:1", "4:3", "3:4")
GROK_RATIOS = ("2:3", "3:2", "1:1", "16:9", "9:16")
GROK_MOTION_STYLES = ("fun", "normal", "spicy")
GROK_RESOLUTIONS = ("480p", "720p")
GROK_VIDEO_PATHS = (f"{GROK}/text_to_video", f"{GROK}/image_to_video")
"""The Grok Imagine tasks extend_video names ("grok-imagine-text-to-video or -image-to-video")."""
GEMINI_DURATIONS = (4, 6, 8, 10)


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
        + need("multi_prompt", when=_MULTI_SHOTS),
        30,
        KLING_FAILURE,
        choices={
            "model": KLING_TEXT_MODELS,
            "aspect_ratio": KLING_RATIOS,
            "output_resolution": ("720p", "1080p", "4k"),
        },
        allowed=(
            allow("enable_sound", True, when=_MULTI_SHOTS),
            allow("duration_seconds", *KLING_V2_DURATIONS, when=among("model", *KLING_V2_TEXT_MODELS)),
        ),
    ),
    _row(  # docs: Kling > Create V2.1 and V2.5 Video, Request Parameters (Image-to-Video)
        f"{KLING}/image_to_video",
        need("model", "prompt", "first_frame_image_url"),
        30,
        KLING_FAILURE,
        choices={"model": KLING_IMAGE_MODELS, "duration_seconds": KLING_V2_DURATIONS, "aspect_ratio": KLING_RATIOS},
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
        need("model", "source_first_frame_image_url", "reference_video_url"),
        25,
        KLING_FAILURE,
        choices={
            "model": (KLING_3,),
            "output_resolution": ("720p", "1080p"),
            "character_orientation": ("video", "image"),
            "background_source": ("video", "image"),
        },
    ),
    # --- Seedance -------------------------------------------------------------------------------
    _row(  # docs: Seedance > Create Seedance Text-to-Video (six models, one path)
        f"{SEEDANCE}/text_to_video",
        need("model", "prompt")
        # "Required for seedance-1.5-pro and for seedance-v1-lite / seedance-v1-pro text-to-video"
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
        choices={"model": SEEDANCE_MODELS, "output_resolution": ("480p", "720p", "1080p")},
        allowed=(
            allow("aspect_ratio", when=_SEEDANCE_V1_IMAGE_MODE),  # "Rejected in v1 image-to-video mode"
            allow("aspect_ratio", *SEEDANCE_2_RATIOS, when=among("model", *SEEDANCE_2)),
            allow("aspect_ratio", *SEEDANCE_V1_LITE_RATIOS, when=("model", "seedance-v1-lite")),
            allow("aspect_ratio", *SEEDANCE_V1_PRO_RATIOS, when=("model", "seedance-v1-pro")),
            allow("output_resolution", "480p", "720p", when=("model", "seedance-2.0-fast")),
            allow("output_resolution", "720p", "1080p", when=("model", SEEDANCE_V1_PRO_FAST)),
            allow("duration_seconds", 4, 8, 12, when=("model", SEEDANCE_1_5)),  # 2.x: a range, not checked
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
        choices={"duration_seconds": (5, 10), "output_resolution": ("720p", "1080p")},
    ),
    _row(  # docs: Runway > Create Extend Video (completed shape not printed: as text_to_video)
        f"{RUNWAY}/extend_video",
        need("source_task_id", "prompt", "output_resolution"),
        20,
        GENERAL_FAILURE,
        result=runway_videos,
        choices={"output_resolution": ("720p", "1080p")},
        source_paths=(f"{RUNWAY}/text_to_video", f"{RUNWAY}/extend_video"),
    ),
    _row(  # docs: Runway Aleph > Create Edit Video
        f"{RUNWAY_ALEPH}/edit_video",
        need("prompt", "source_video_url"),
        25,
        GENERAL_FAILURE,
        result=video_and_image,
        choices={"aspect_ratio": ("16:9", "9:16", "4:3", "3:4", "1:1", "21:9")},
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
        need("model", "prompt") + need("reference_image_urls", when=("model", HAPPYHORSE_CHARACTER)),
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
        choices={"model": ("happyhorse-image-to-video",), "output_resolution": HAPPYHORSE_RESOLUTIONS},
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
            "model": ("grok-imagine-text-to-video",),
            "aspect_ratio": GROK_RATIOS,
            "motion_style": GROK_MOTION_STYLES,
            "output_resolution": GROK_RESOLUTIONS,
        },
    ),
    _row(  # docs: Grok-Imagine > Create Image-to-Video: one image URL, or a prior text_to_image task
        f"{GROK}/image_to_video",
        need("model") + need("source_image_urls", alternatives=("source_task_id",)),
        10,
        GROK_FAILURE,
        choices={
            "model": ("grok-imagine-image-to-video",),
            "motion_style": GROK_MOTION_STYLES,
            "output_resolution": GROK_RESOLUTIONS,
            "aspect_ratio": GROK_RATIOS,
        },
        # "spicy is not available when source_image_urls is used"
        allowed=(allow("motion_style", "fun", "normal", when=given("source_image_urls")),),
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
        need("prompt") + need("duration_seconds", when=not_(given("video_list"))),
        30,
        GENERAL_FAILURE,
        choices={
            "duration_seconds": GEMINI_DURATIONS,
            "aspect_ratio": ("16:9", "9:16"),
            "output_resolution": ("720p", "1080p", "4k"),
        },
    ),
    _row(  # docs: Gemini Omni > Create Gemini Omni Audio (direct: 200 with the voice)
        f"{GEMINI_OMNI}/create_audio",
        need("audio_id", "name"),  # audio_id: "such as achernar, ...", an open list: not checked
        1,
        GENERAL_FAILURE,  # no failed example: general wording (a direct failure answers the failed shape)
        result=gemini_audio,
        direct=True,
    ),
    _row(  # docs: Gemini Omni > Create Gemini Omni Character (direct: 200 with the character)
        f"{GEMINI_OMNI}/create_character",
        need("descriptions", "reference_image_url"),
        1,
        GENERAL_FAILURE,  # no failed example: general wording
        result=gemini_character,
        direct=True,
    ),
)
"""The video families' endpoints (32 rows: 30 tasks, 2 direct)."""
