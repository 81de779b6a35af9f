"""Seedream: text-to-image and image editing (docs: Seedream).

Reached as ``client.seedream``::

    task = client.seedream.text_to_image.run(
        model="seedream-4.5-text-to-image", prompt="A rainy neon street", aspect_ratio="16:9", output_quality="high"
    )
    print(task.output_urls)

Two endpoints, each serving three model generations: ``text_to_image`` (``seedream-4.5-text-to-image``,
``seedream-5-lite-text-to-image``, ``seedream-v4-text-to-image``) and ``edit_image``
(``seedream-4.5-edit``, ``seedream-5-lite-edit``, ``seedream-v4-edit``). Both are tasks: the create
answers 202 ``{id, status}`` and ``GET <path>/{id}`` reports it. What each model accepts differs
(prompt length, required and refused fields, how many source images); those rules are tables
(:data:`TEXT_TO_IMAGE_RULES`, :data:`EDIT_IMAGE_RULES`), checked before the request:

- 4.5 and 5-Lite models require ``aspect_ratio`` and ``output_quality`` and refuse the v4-only
  ``output_resolution``, ``output_count`` and ``seed``;
- prompts are 1-3,000 characters (4.5), 3-3,000 (5-Lite) or 1-5,000 (v4);
- ``seedream-v4-edit`` takes at most 10 ``source_image_urls``.

Readings of the docs:

- ``output_quality`` is described only as "Required for 4.5 and 5-Lite" models, while
  ``aspect_ratio`` next to it says "optional for v4" and v4 has its own knobs (``output_resolution``,
  ``output_count``, ``seed``, each "v4 only"). ``output_quality`` is read as the 4.5/5-Lite
  counterpart of ``output_resolution`` and refused for v4 models, where it would be ignored
  (``with_options(extra_body=...)`` can still send it).
- ``aspect_ratio`` is optional for ``seedream-v4-text-to-image``: the text-to-image table requires it
  only for 4.5 and 5-Lite (the edit table says "optional for v4" outright).
- ``source_image_urls``: at least one URL; the limit of 10 is printed for v4 edit only, so no limit
  is enforced for 4.5 and 5-Lite edits (the server has the last word).
- Ranges ("1-3000 chars", "1-6 images") are inclusive; ``seed`` is any integer (no range printed).
- The 202 answer and the completed and failed status answers are printed once, after both endpoints:
  they are read as the answers of both. No callback example is printed: a callback body is the
  final status answer (docs: Callbacks).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, by, field, integer, params, rules, text, text_list

__all__ = [
    "ASPECT_RATIOS",
    "EDIT_IMAGE_MODELS",
    "EDIT_IMAGE_RULES",
    "MODELS",
    "TEXT_TO_IMAGE_MODELS",
    "TEXT_TO_IMAGE_RULES",
    "AspectRatio",
    "EditImageModel",
    "EditImageParams",
    "Image",
    "ImageTask",
    "OutputQuality",
    "OutputResolution",
    "Seedream",
    "TextToImageModel",
    "TextToImageParams",
]

TextToImageModel = Literal["seedream-4.5-text-to-image", "seedream-5-lite-text-to-image", "seedream-v4-text-to-image"]
"""``text_to_image`` model ids (docs: Seedream > Models); rules in :data:`TEXT_TO_IMAGE_RULES`."""

EditImageModel = Literal["seedream-4.5-edit", "seedream-5-lite-edit", "seedream-v4-edit"]
"""``edit_image`` model ids (docs: Seedream > Models); rules in :data:`EDIT_IMAGE_RULES`."""

TEXT_TO_IMAGE_MODELS: tuple[TextToImageModel, ...] = get_args(TextToImageModel)
EDIT_IMAGE_MODELS: tuple[EditImageModel, ...] = get_args(EditImageModel)
MODELS: tuple[TextToImageModel | EditImageModel, ...] = (*TEXT_TO_IMAGE_MODELS, *EDIT_IMAGE_MODELS)
"""Every Seedream model id, text-to-image first."""

AspectRatio = Literal["1:1", "4:3", "3:4", "16:9", "9:16", "2:3", "3:2", "21:9"]
"""The eight aspect ratios of both endpoints."""

ASPECT_RATIOS: tuple[AspectRatio, ...] = get_args(AspectRatio)

OutputQuality = Literal["basic", "high"]
"""``output_quality`` of the 4.5 and 5-Lite models."""

OutputResolution = Literal["1k", "2k", "4k"]
"""``output_resolution`` of the v4 models (server default ``1k``)."""

# -- what each model accepts (docs: Seedream > Create Seedream Text-to-Image / Edit Image) ----

_V4_ONLY = ("output_resolution", "output_count", "seed")
_REQUIRED_45_AND_5_LITE = ("aspect_ratio", "output_quality")
_PROMPT_45 = text(max_length=3_000)
_PROMPT_5_LITE = text(min_length=3, max_length=3_000)
_PROMPT_V4 = text(max_length=5_000)

TEXT_TO_IMAGE_RULES = by(
    "model",
    {
        "seedream-4.5-text-to-image": rules(prompt=_PROMPT_45, required=_REQUIRED_45_AND_5_LITE, refused=_V4_ONLY),
        "seedream-5-lite-text-to-image": rules(
            prompt=_PROMPT_5_LITE, required=_REQUIRED_45_AND_5_LITE, refused=_V4_ONLY
        ),
        "seedream-v4-text-to-image": rules(prompt=_PROMPT_V4, refused=["output_quality"]),
    },
)
"""Per ``text_to_image`` model: prompt length (characters), required fields, refused fields."""

EDIT_IMAGE_RULES = by(
    "model",
    {
        "seedream-4.5-edit": rules(prompt=_PROMPT_45, required=_REQUIRED_45_AND_5_LITE, refused=_V4_ONLY),
        "seedream-5-lite-edit": rules(prompt=_PROMPT_5_LITE, required=_REQUIRED_45_AND_5_LITE, refused=_V4_ONLY),
        "seedream-v4-edit": rules(
            prompt=_PROMPT_V4,
            source_image_urls=text_list(min_items=1, max_items=10),
            refused=["output_quality"],
        ),
    },
)
"""Per ``edit_image`` model: prompt length, most source images (v4: 10), required and refused fields."""


# -- results ---------------------------------------------------------------------------------


Image = media.Image
"""One generated image: ``url`` to download it (a PNG in the docs' example)."""


@attrs.frozen(kw_only=True)
class ImageTask(media.ImageTask):
    """A ``text_to_image`` or ``edit_image`` task.

    Attributes:
        images: the generated images, once completed (v4 models make ``output_count`` of them).
    """


# -- params ----------------------------------------------------------------------------------


@params
class TextToImageParams:
    """Params of ``POST /api/v1/seedream/text_to_image`` (docs: Seedream > Create Seedream Text-to-Image).

    Per-model rules: :data:`TEXT_TO_IMAGE_RULES`.

    Attributes:
        model: ``"seedream-4.5-text-to-image"``, ``"seedream-5-lite-text-to-image"`` or
            ``"seedream-v4-text-to-image"``.
        prompt: the image description: 1-3,000 characters (4.5), 3-3,000 (5-Lite), 1-5,000 (v4).
        aspect_ratio: one of :data:`ASPECT_RATIOS`; required for 4.5 and 5-Lite, optional for v4.
        output_quality: ``"basic"`` or ``"high"``; required for 4.5 and 5-Lite, refused for v4.
        callback_url: where RunAPI POSTs the result.
        output_resolution: ``"1k"``, ``"2k"`` or ``"4k"`` (server default 1k); v4 only.
        output_count: how many images, 1-6 (server default 1); v4 only.
        seed: random seed for reproducible output (an integer); v4 only.
        enable_safety_checker: run the content safety check (server default false).
    """

    model: TextToImageModel
    prompt: str = field(_PROMPT_V4)
    aspect_ratio: AspectRatio | None = None
    output_quality: OutputQuality | None = None
    callback_url: CallbackUrl | None = None
    output_resolution: OutputResolution | None = None
    output_count: int | None = field(integer(1, 6), default=None)
    seed: int | None = None
    enable_safety_checker: bool | None = None

    __rules__ = TEXT_TO_IMAGE_RULES


@params
class EditImageParams:
    """Params of ``POST /api/v1/seedream/edit_image`` (docs: Seedream > Create Seedream Edit Image).

    Per-model rules: :data:`EDIT_IMAGE_RULES`.

    Attributes:
        model: ``"seedream-4.5-edit"``, ``"seedream-5-lite-edit"`` or ``"seedream-v4-edit"``.
        prompt: the edit instruction: 1-3,000 characters (4.5), 3-3,000 (5-Lite), 1-5,000 (v4).
        source_image_urls: the image(s) to edit, at least one URL; at most 10 for ``seedream-v4-edit``.
        aspect_ratio: one of :data:`ASPECT_RATIOS`; required for 4.5 and 5-Lite, optional for v4.
        output_quality: ``"basic"`` or ``"high"``; required for 4.5 and 5-Lite, refused for v4.
        callback_url: where RunAPI POSTs the result.
        output_resolution: ``"1k"``, ``"2k"`` or ``"4k"`` (server default 1k); v4 only.
        output_count: how many images, 1-6 (server default 1); v4 only.
        seed: random seed for reproducible output (an integer); v4 only.
        enable_safety_checker: run the content safety check (server default false).
    """

    model: EditImageModel
    prompt: str = field(_PROMPT_V4)
    source_image_urls: Sequence[HttpUrl] = field(text_list(min_items=1))
    aspect_ratio: AspectRatio | None = None
    output_quality: OutputQuality | None = None
    callback_url: CallbackUrl | None = None
    output_resolution: OutputResolution | None = None
    output_count: int | None = field(integer(1, 6), default=None)
    seed: int | None = None
    enable_safety_checker: bool | None = None

    __rules__ = EDIT_IMAGE_RULES


# -- operations ------------------------------------------------------------------------------


class Seedream(Family[ClientT]):
    """``client.seedream``: Seedream's image endpoints (docs: Seedream).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` reads ``GET <path>/{id}``.
    """

    text_to_image = TaskOperation(
        "/api/v1/seedream/text_to_image", TextToImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Generate images from a prompt (docs: Seedream > Create Seedream Text-to-Image; Get Seedream
    Text-to-Image Status)."""

    edit_image = TaskOperation("/api/v1/seedream/edit_image", EditImageParams, ImageTask, duration=DURATIONS["image"])
    """Edit source images by a prompt (docs: Seedream > Create Seedream Edit Image; Get Seedream Edit
    Image Status)."""
