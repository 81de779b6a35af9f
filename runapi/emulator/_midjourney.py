"""Emulated endpoints of Midjourney: their rows (:data:`ENDPOINTS`) and result builders.

Midjourney, which RunAPI's docs snapshot does not cover, as the platform contract
(``/work/shared/platform/platform-contract.json``: paths, kinds, model ids, ``output_resolution``)
and the official packages describe it (``runapi-midjourney`` 0.6.0 and its PHP, MCP and agent-skill
siblings under ``runapi-ai/``; RunAPI's generated contract in ``runapi-ai/core-sdk``: required
fields). Gathered into the catalogue by :mod:`._catalog`; each row is an :class:`._endpoint.Endpoint`.
Written from those sources, independently of the SDK's family module, so that the emulator checks
the SDK.

- Four tasks: ``text_to_image`` and ``edit_image`` answer ``images: [{"url"}]`` (PNG) with
  ``image_id`` and ``progress``; ``image_to_video`` and ``extend_video`` answer ``videos:
  [{"url"}]`` (MP4) with ``video_id`` and ``progress`` (the official response models).
  ``include_split_images: true`` adds the grid's four quadrants after the grid (the emulator's
  reading of a flag no source explains). ``actions`` (values unpublished) is not answered.
- ``extend_video``'s ``source_task_id`` must name a completed ``image_to_video`` task ("extension
  tasks cannot be chained": an ``extend_video`` task is not found as a source).
- Three direct rows, the official package's hybrid helpers: ``get_seed`` (``{"seed"}``),
  ``image_to_prompt`` and ``shorten_prompt`` (``{"prompts"}``). Like every direct row they answer
  ``202`` + ``Location`` when asked with ``Prefer: respond-async`` (:mod:`._task_results`).
  ``get_seed`` takes "an image_id returned by a completed Midjourney text-to-image or edit-image
  task owned by the current account" (the agent skill): the emulator's ``image_id`` is its task's
  id, so the row checks it names a completed image task (unknown: 404, not completed: 422).
- No source prints a failed example: failures use the platform's most common wording. Costs are
  the emulator's own choice. Lengths are not checked, as elsewhere in the emulator.
"""

from __future__ import annotations

import hashlib
from typing import Any

from . import _payloads as p
from ._endpoint import Endpoint, Requirement, error, need

__all__ = ["ENDPOINTS", "images", "prompts", "seed", "shortened", "videos"]

GENERAL_FAILURE = "Generation failed"
"""The platform's most common failure text; no Midjourney source prints a failed example."""

MIDJOURNEY = "/api/v1/midjourney"
IMAGE_PATHS = (f"{MIDJOURNEY}/text_to_image", f"{MIDJOURNEY}/edit_image")
SPLIT_IMAGES = 4
"""Quadrants of a grid answered with ``include_split_images: true`` (the emulator's reading)."""


# --- result builders -------------------------------------------------------------------------------


def images(job: p.Job) -> dict[str, Any]:
    """``images: [{"url"}]`` (the grid, then its quadrants when asked), ``image_id`` (the task's id), ``progress``."""
    count = 1 + (SPLIT_IMAGES if job.params.get("include_split_images") is True else 0)
    return {
        "images": [{"url": job.file_url(f"{n}.png")} for n in range(count)],
        "image_id": job.id,
        "progress": 100,
    }


def videos(job: p.Job) -> dict[str, Any]:
    """``videos: [{"url"}]`` (one MP4), ``video_id`` (the task's id), ``progress``."""
    return {"videos": [{"url": job.file_url(p.VIDEO_FILE)}], "video_id": job.id, "progress": 100}


def seed(job: p.Job) -> dict[str, Any]:
    """``get_seed``: ``{"seed"}``, a whole number derived from ``image_id`` (the same image, the same seed)."""
    digest = hashlib.sha256(job.text("image_id").encode("utf-8")).digest()
    return {"seed": int.from_bytes(digest[:4], "big")}


def prompts(job: p.Job) -> dict[str, Any]:
    """``image_to_prompt``: ``{"prompts"}``, four suggestions (the PHP package's example answers four)."""
    return {"prompts": [f"An emulated description of the image, variant {n}" for n in range(1, 5)]}


def shortened(job: p.Job) -> dict[str, Any]:
    """``shorten_prompt``: ``{"prompts"}``, one shorter prompt: the first words of ``prompt``."""
    words = job.text("prompt").split()
    return {"prompts": [" ".join(words[: max(1, len(words) // 2)])]}


def _row(path: str, required: tuple[Requirement, ...], cost_cents: int, **extra: Any) -> Endpoint:
    return Endpoint(
        path=f"{MIDJOURNEY}/{path}",
        required=required,
        cost_cents=cost_cents,
        failure_error=error(GENERAL_FAILURE),
        **extra,
    )


ENDPOINTS: tuple[Endpoint, ...] = (
    _row("text_to_image", need("model", "prompt"), 5, result=images, choices={"model": ("midjourney-v8.1",)}),
    _row(
        "edit_image",
        need("model", "prompt", "source_image_url"),
        5,
        result=images,
        choices={"model": ("midjourney-edit-image",)},
    ),
    _row(
        "image_to_video",
        need("model", "source_image_url"),
        20,
        result=videos,
        choices={"model": ("midjourney-image-to-video",), "output_resolution": ("480p",)},
    ),
    _row(
        "extend_video",
        need("source_task_id"),
        20,
        result=videos,
        source_paths=(f"{MIDJOURNEY}/image_to_video",),
    ),
    _row(
        "get_seed",
        need("image_id"),
        0,
        result=seed,
        direct=True,
        source_paths=IMAGE_PATHS,
        source_field="image_id",
    ),
    _row("image_to_prompt", need("source_image_url"), 1, result=prompts, direct=True),
    _row("shorten_prompt", need("prompt"), 1, result=shortened, direct=True),
)
"""Midjourney's endpoints (4 tasks, 3 direct)."""
