"""Imagen 4: text-to-image and pro remix image (docs: Imagen 4).

Reached as ``client.imagen_4``::

    task = client.imagen_4.text_to_image.run(model="imagen-4-fast", prompt="A glass studio", output_count=2)
    remix = client.imagen_4.remix_image.run(
        model="imagen-4-pro-remix-image", prompt="Restyle as a poster", source_image_urls=task.output_urls[:1]
    )
    print(remix.output_urls)

``text_to_image`` serves ``imagen-4``, ``imagen-4-fast`` and ``imagen-4-ultra``; only
``imagen-4-fast`` takes ``output_count`` (:data:`TEXT_TO_IMAGE_RULES`, a table, checked before the
request). ``remix_image`` serves ``imagen-4-pro-remix-image`` and restyles 1-8 source images.

Newer source: the platform contract (RunAPI's CLI contract, ``imagen-4/text-to-image``) and the official
``runapi-imagen-4`` package's contract list ``aspect_ratio`` ``"auto"`` for ``imagen-4-fast`` (not for
``imagen-4`` or ``imagen-4-ultra``): it is added for that model only (:data:`TEXT_TO_IMAGE_RULES`).

Readings of the docs:

- ``remix_image`` documents no status endpoint and prints no answer. It is read as a task like
  ``text_to_image``, polled at ``GET /api/v1/imagen_4/remix_image/{id}`` (assumed: the pattern of
  every RunAPI task endpoint), with the same answers (``images[].url``). The evidence: the family
  "supports pro remix image tasks", the section says "Create a prompt-guided remix image task",
  and its ``callback_url`` is "notified when the task finishes", which only an asynchronous task
  needs; nothing shows a result answered directly.
- ``output_count`` (typed "number", values 1, 2, 3 or 4) is documented as "imagen-4-fast image
  count": it is an integer 1-4, refused for ``imagen-4`` and ``imagen-4-ultra``, where it would be
  ignored. ``seed`` (typed "number") is read as an integer, with no range printed.
- ``negative_prompt`` is "for Imagen 4 text-to-image models": all three accept it; ``remix_image``
  has none.
- "Up to 5000 characters" / "up to 10000 characters" / "up to 8 images" are inclusive limits; a
  remix needs at least one source image.
- No defaults are printed for ``aspect_ratio``, ``output_resolution`` or ``output_format``: left
  out, the server chooses.
- No failed or callback example is printed: a failed task is the platform's
  ``{"id", "status": "failed", "error"}`` (docs: Errors > Task-Specific Errors) and a callback body
  is the final status answer (docs: Callbacks).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, by, field, integer, one_of, params, rules, text, text_list

__all__ = [
    "MODELS",
    "REMIX_ASPECT_RATIOS",
    "REMIX_IMAGE_MODELS",
    "TEXT_TO_IMAGE_ASPECT_RATIOS",
    "TEXT_TO_IMAGE_MODELS",
    "TEXT_TO_IMAGE_RULES",
    "Image",
    "ImageTask",
    "Imagen4",
    "RemixAspectRatio",
    "RemixImageModel",
    "RemixImageParams",
    "TextToImageAspectRatio",
    "TextToImageModel",
    "TextToImageParams",
]

TextToImageModel = Literal["imagen-4", "imagen-4-fast", "imagen-4-ultra"]
"""``text_to_image`` model ids (docs: Imagen 4); rules in :data:`TEXT_TO_IMAGE_RULES`."""

RemixImageModel = Literal["imagen-4-pro-remix-image"]
"""``remix_image``'s one model id (docs: Imagen 4 > Create Pro Remix Image)."""

TEXT_TO_IMAGE_MODELS: tuple[TextToImageModel, ...] = get_args(TextToImageModel)
REMIX_IMAGE_MODELS: tuple[RemixImageModel, ...] = get_args(RemixImageModel)
MODELS: tuple[TextToImageModel | RemixImageModel, ...] = (*TEXT_TO_IMAGE_MODELS, *REMIX_IMAGE_MODELS)
"""Every Imagen 4 model id, as the docs' model table lists them."""

TextToImageAspectRatio = Literal["1:1", "16:9", "9:16", "3:4", "4:3", "auto"]
"""``text_to_image``'s five aspect ratios, and ``"auto"`` for ``imagen-4-fast`` only (the newer platform contract)."""

RemixAspectRatio = Literal["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9", "auto"]
"""``remix_image``'s ten aspect ratios and ``"auto"``."""

TEXT_TO_IMAGE_ASPECT_RATIOS: tuple[TextToImageAspectRatio, ...] = get_args(TextToImageAspectRatio)
REMIX_ASPECT_RATIOS: tuple[RemixAspectRatio, ...] = get_args(RemixAspectRatio)

_FIXED_RATIOS = one_of("1:1", "16:9", "9:16", "3:4", "4:3")  # every ratio but "auto"

TEXT_TO_IMAGE_RULES = by(
    "model",
    {
        "imagen-4": rules(aspect_ratio=_FIXED_RATIOS, refused=["output_count"]),
        "imagen-4-fast": rules(),  # output_count: 1, 2, 3 or 4; aspect_ratio "auto" too (the platform contract)
        "imagen-4-ultra": rules(aspect_ratio=_FIXED_RATIOS, refused=["output_count"]),
    },
)
"""What each ``text_to_image`` model accepts (docs: Imagen 4 > Create Imagen 4 Text-to-Image):
``output_count`` is "imagen-4-fast image count"; ``aspect_ratio`` ``"auto"`` is ``imagen-4-fast``'s only
(the newer platform contract); every other parameter is the same for all three."""


# -- results ---------------------------------------------------------------------------------


Image = media.Image
"""One generated image: ``url`` to download it (a PNG in the docs' example)."""


@attrs.frozen(kw_only=True)
class ImageTask(media.ImageTask):
    """A ``text_to_image`` or ``remix_image`` task.

    Attributes:
        images: the generated images, once completed (``imagen-4-fast`` makes ``output_count``).
    """


# -- params ----------------------------------------------------------------------------------


@params
class TextToImageParams:
    """Params of ``POST /api/v1/imagen_4/text_to_image`` (docs: Imagen 4 > Create Imagen 4 Text-to-Image).

    Attributes:
        model: ``"imagen-4"``, ``"imagen-4-fast"`` or ``"imagen-4-ultra"``.
        prompt: the image description, at most 5,000 characters.
        negative_prompt: what the image should not show.
        aspect_ratio: one of :data:`TEXT_TO_IMAGE_ASPECT_RATIOS` (``"auto"``: ``imagen-4-fast`` only).
        output_count: how many images, 1-4; ``imagen-4-fast`` only.
        seed: an integer seed, for reproducible images.
        callback_url: where RunAPI POSTs the result when the task finishes.
    """

    model: TextToImageModel | str
    prompt: str = field(text(max_length=5_000))
    negative_prompt: str | None = None
    aspect_ratio: TextToImageAspectRatio | None = None
    output_count: int | None = field(integer(1, 4), default=None)
    seed: int | None = None
    callback_url: CallbackUrl | None = None

    __rules__ = TEXT_TO_IMAGE_RULES


@params
class RemixImageParams:
    """Params of ``POST /api/v1/imagen_4/remix_image`` (docs: Imagen 4 > Create Pro Remix Image).

    Attributes:
        model: ``"imagen-4-pro-remix-image"``.
        prompt: how to remix the source images, at most 10,000 characters.
        source_image_urls: 1-8 public image URLs.
        aspect_ratio: one of :data:`REMIX_ASPECT_RATIOS` (``"auto"`` included).
        output_resolution: ``"1k"``, ``"2k"`` or ``"4k"``.
        output_format: ``"png"`` or ``"jpg"``.
        callback_url: where RunAPI POSTs the result when the task finishes.
    """

    model: RemixImageModel | str
    prompt: str = field(text(max_length=10_000))
    source_image_urls: Sequence[HttpUrl] = field(text_list(min_items=1, max_items=8))
    aspect_ratio: RemixAspectRatio | None = None
    output_resolution: Literal["1k", "2k", "4k"] | None = None
    output_format: Literal["png", "jpg"] | None = None
    callback_url: CallbackUrl | None = None


# -- operations ------------------------------------------------------------------------------


class Imagen4(Family[ClientT]):
    """``client.imagen_4``: Imagen 4's image endpoints (docs: Imagen 4).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` reads ``GET <path>/{id}``.
    """

    text_to_image = TaskOperation(
        "/api/v1/imagen_4/text_to_image", TextToImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Generate images from a prompt (docs: Imagen 4 > Create Imagen 4 Text-to-Image; Get Imagen 4
    Text-to-Image)."""

    remix_image = TaskOperation(
        "/api/v1/imagen_4/remix_image", RemixImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Remix source images by a prompt (docs: Imagen 4 > Create Pro Remix Image). Status at
    ``GET /api/v1/imagen_4/remix_image/{id}``: not printed by the docs, assumed from the pattern of
    every task endpoint."""
