"""Emulated endpoints of the avatar and talking-video families: their rows (:data:`ENDPOINTS`) and
result builders.

HeyGen Video, MiniMax H3, OmniHuman and Volcengine Lip Sync, which RunAPI's docs snapshot does not
cover, as the platform contract (``/work/shared/platform/platform-contract.json``: paths, kinds,
model ids, per-model enums and list sizes) and the official packages (``runapi-<family>`` on PyPI
and their source repositories ``runapi-ai/<family>-sdk``: required fields, cross-field rules and
response models) describe them. Gathered into the catalogue by :mod:`._catalog`; each row is an
:class:`._endpoint.Endpoint`. The tables here are written from those sources, independently of the
SDK's family modules, so that the emulator checks the SDK.

Conventions, as in :mod:`._video`: ``required`` lists the sources' required fields; ``choices`` the
published enumerations (none for HeyGen Video, whose package prints one example only, so its model
and aspect ratio are not checked); ``allowed`` the rules that narrow or refuse a field for some
bodies. Lengths and list sizes are not checked, as elsewhere in the emulator. No source prints a
failed example: failures use the platform's most common wording. Costs are the emulator's own choice.

Every row is a task (202 ``{id, status}``, then ``GET <path>/{id}``): the official packages run
each one as create + poll.
"""

from __future__ import annotations

from typing import Any

from . import _payloads as p
from ._endpoint import Endpoint, Requirement, all_of, allow, any_of, error, given, need, not_

__all__ = ["ENDPOINTS", "human_identification", "masks", "videos"]

GENERAL_FAILURE = "Generation failed"
"""The platform's most common failure text; none of these families' sources prints a failed example."""

HEYGEN_VIDEO = "/api/v1/heygen_video"
MINIMAX_H3 = "/api/v1/minimax_h3"
OMNIHUMAN = "/api/v1/omnihuman"
VOLCENGINE_LIP_SYNC = "/api/v1/volcengine_lip_sync"

# --- MiniMax H3 (official repository's contract_gen.py; the newer CLI contract repeats the enums) ----
MINIMAX_H3_KNOBS: dict[str, tuple[Any, ...]] = {
    "model": ("minimax-h3",),
    "duration_seconds": tuple(range(4, 16)),
    "output_resolution": ("768p", "2k"),
}
MINIMAX_H3_RATIOS = ("adaptive", "21:9", "16:9", "4:3", "1:1", "3:4", "9:16")
_MINIMAX_VISUAL = any_of(given("reference_image_urls"), given("reference_video_urls"))
"""A text_to_video body with reference images or videos (the contract's two rules hinge on it)."""

# --- OmniHuman (platform contract; required fields from the official repository's contract) ---------
OMNIHUMAN_RESOLUTIONS = ("720p", "1080p")

# --- Volcengine Lip Sync (platform contract; mode rules from the official repository's contract) -----
LIP_SYNC_MODES = ("lite", "basic")
_LITE = ("mode", "lite")
_BASIC = ("mode", "basic")


# --- result builders -------------------------------------------------------------------------------


def videos(job: p.Job) -> dict[str, Any]:
    """Every video row: ``videos: [{"url"}]``, one MP4 (the official response models' ``videos``)."""
    return {"videos": [{"url": job.file_url(p.VIDEO_FILE)}]}


def human_identification(job: p.Job) -> dict[str, Any]:
    """OmniHuman human_identification: ``subject_status``, an integer (official response model;
    its values' meanings are not published: the emulator answers ``1``)."""
    return {"subject_status": 1}


def masks(job: p.Job) -> dict[str, Any]:
    """OmniHuman subject_detection: ``masks: [{"url"}]``, one PNG mask (official response model)."""
    return {"masks": [{"url": job.file_url("mask-0.png")}]}


def _row(path: str, required: tuple[Requirement, ...], cost_cents: int, **extra: Any) -> Endpoint:
    """A task answering ``videos: [{"url"}]`` unless another ``result`` is given."""
    extra.setdefault("result", videos)
    return Endpoint(path=path, required=required, cost_cents=cost_cents, failure_error=error(GENERAL_FAILURE), **extra)


ENDPOINTS: tuple[Endpoint, ...] = (
    # --- HeyGen Video (official package runapi-heygen-video 0.1.0: paths and the README's example) --
    _row(f"{HEYGEN_VIDEO}/text_to_video", need("model"), 20),
    _row(f"{HEYGEN_VIDEO}/image_to_video", need("model"), 20),
    # --- MiniMax H3 -----------------------------------------------------------------------------------
    _row(
        f"{MINIMAX_H3}/text_to_video",
        need("model", "prompt")
        # "when reference_image_urls and reference_video_urls are absent: required aspect_ratio"
        + need("aspect_ratio", when=not_(_MINIMAX_VISUAL)),
        20,
        choices={**MINIMAX_H3_KNOBS, "aspect_ratio": MINIMAX_H3_RATIOS},
        allowed=(
            # ... and one of the six fixed ratios there
            allow("aspect_ratio", *MINIMAX_H3_RATIOS[1:], when=not_(_MINIMAX_VISUAL)),
            # "when reference_audio_urls is present: reference_image_urls or reference_video_urls"
            allow("reference_audio_urls", when=all_of(given("reference_audio_urls"), not_(_MINIMAX_VISUAL))),
        ),
    ),
    _row(
        f"{MINIMAX_H3}/image_to_video",
        need("model", "prompt") + need("first_frame_image_url", alternatives=("last_frame_image_url",)),
        20,
        choices=MINIMAX_H3_KNOBS,
    ),
    # --- OmniHuman --------------------------------------------------------------------------------------
    _row(
        f"{OMNIHUMAN}/audio_to_video",
        need("model", "source_image_url", "source_audio_url"),
        25,
        choices={"model": ("omnihuman-1.5",), "output_resolution": OMNIHUMAN_RESOLUTIONS},
    ),
    _row(
        f"{OMNIHUMAN}/human_identification",
        need("model", "source_image_url"),
        1,
        result=human_identification,
        choices={"model": ("omnihuman-1.5-human-identification",)},
    ),
    _row(
        f"{OMNIHUMAN}/subject_detection",
        need("model", "source_image_url"),
        1,
        result=masks,
        choices={"model": ("omnihuman-1.5-subject-detection",)},
    ),
    # --- Volcengine Lip Sync ------------------------------------------------------------------------------
    _row(
        f"{VOLCENGINE_LIP_SYNC}/lip_sync_video",
        need("model", "mode", "source_video_url", "source_audio_url")
        # "when align_audio_reverse is true: required align_audio"
        + need("align_audio", when=("align_audio_reverse", True)),
        15,
        choices={"model": ("volcengine-lip-sync",), "mode": LIP_SYNC_MODES},
        allowed=(
            allow("enable_scene_detection", when=_LITE),  # "when mode is lite: forbidden"
            allow("align_audio", when=_BASIC),  # "when mode is basic: forbidden" (these three)
            allow("align_audio_reverse", when=_BASIC),
            allow("template_start_seconds", when=_BASIC),
        ),
    ),
)
"""The avatar and talking-video families' endpoints (8 tasks)."""
