"""GPT Image: text-to-image and image editing with ``gpt-image-1.5`` (docs: GPT Image).

Reached as ``client.gpt_image``::

    task = client.gpt_image.text_to_image.run(
        model="gpt-image-1.5", prompt="An astronaut in space", aspect_ratio="1:1", quality="high"
    )
    edit = client.gpt_image.edit_image.run(
        model="gpt-image-1.5", prompt="Make it an oil painting", source_image_urls=task.output_urls,
        aspect_ratio="3:2", quality="medium",
    )
    print(edit.output_urls)

Two task endpoints, one model (``gpt-image-1.5``) on both: ``text_to_image`` and ``edit_image`` (1-16
source images). Each create answers 202 ``{id, status}``; ``GET <path>/{id}`` reports the task, and a
``callback_url`` receives the same final payload. Both endpoints take the same ``aspect_ratio``
(:data:`ASPECT_RATIOS`) and ``quality`` (:data:`QUALITIES`) values, and both are required: the one
model accepts the same values on both, so there is no per-model table.

Readings of the docs:

- ``aspect_ratio`` and ``quality`` are marked "Required: Yes" on both endpoints and have no printed
  default: they are required here (no default is guessed or sent).
- ``source_image_urls`` says "max 16 images" and is required: 1-16 absolute http(s) URLs.
- ``prompt`` has no printed length limit: any non-blank text.
- Each "Status Values" heading lists nothing; the statuses are those of the Response Fields tables
  (processing, completed, failed). The callback examples have the status answers' shape, so one task
  class types both, for both endpoints.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, field, params, url_list

__all__ = [
    "ASPECT_RATIOS",
    "MODELS",
    "QUALITIES",
    "AspectRatio",
    "EditImageParams",
    "GptImage",
    "Image",
    "ImageTask",
    "Model",
    "Quality",
    "TextToImageParams",
]

Model = Literal["gpt-image-1.5"]
"""The model of both endpoints (docs: GPT Image > Models)."""

MODELS: tuple[Model, ...] = get_args(Model)

AspectRatio = Literal["1:1", "2:3", "3:2"]
"""Output aspect ratios of both endpoints (docs: GPT Image > Request Parameters)."""

ASPECT_RATIOS: tuple[AspectRatio, ...] = get_args(AspectRatio)

Quality = Literal["medium", "high"]
"""Output quality of both endpoints (docs: GPT Image > Request Parameters)."""

QUALITIES: tuple[Quality, ...] = get_args(Quality)

MAX_SOURCE_IMAGES = 16
"""Most ``source_image_urls`` an ``edit_image`` task takes (docs: GPT Image > Edit Image, "max 16 images")."""


# -- results ---------------------------------------------------------------------------------


Image = media.Image
"""One generated or edited image: ``url``, its CDN URL (a PNG in the docs' examples)."""


@attrs.frozen(kw_only=True)
class ImageTask(media.ImageTask):
    """A ``text_to_image`` or ``edit_image`` task, as the status endpoint answers it and as callbacks deliver it.

    Attributes:
        images: the images, only once completed (docs: GPT Image > Get Text-to-Image Status / Get Edit Status).
    """


# -- params ----------------------------------------------------------------------------------


@params
class TextToImageParams:
    """Params of ``POST /api/v1/gpt_image/text_to_image`` (docs: GPT Image > Create Text-to-Image).

    Attributes:
        model: ``"gpt-image-1.5"``.
        prompt: text description of the desired image.
        aspect_ratio: ``"1:1"``, ``"2:3"`` or ``"3:2"`` (required).
        quality: ``"medium"`` or ``"high"`` (required).
        callback_url: where RunAPI POSTs the result.
    """

    model: Model | str
    prompt: str
    aspect_ratio: AspectRatio
    quality: Quality
    callback_url: CallbackUrl | None = None


@params
class EditImageParams:
    """Params of ``POST /api/v1/gpt_image/edit_image`` (docs: GPT Image > Edit Image).

    Attributes:
        model: ``"gpt-image-1.5"``.
        prompt: text description of the desired edit.
        source_image_urls: the image(s) to edit: 1-16 absolute http(s) URLs.
        aspect_ratio: ``"1:1"``, ``"2:3"`` or ``"3:2"`` (required).
        quality: ``"medium"`` or ``"high"`` (required).
        callback_url: where RunAPI POSTs the result.
    """

    model: Model | str
    prompt: str
    source_image_urls: Sequence[HttpUrl] = field(url_list(min_items=1, max_items=MAX_SOURCE_IMAGES))
    aspect_ratio: AspectRatio
    quality: Quality
    callback_url: CallbackUrl | None = None


# -- operations ------------------------------------------------------------------------------


class GptImage(Family[ClientT]):
    """``client.gpt_image``: GPT Image's endpoints (docs: GPT Image).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` reads ``GET <path>/{id}``.
    """

    text_to_image = TaskOperation(
        "/api/v1/gpt_image/text_to_image", TextToImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Generate an image from a prompt (docs: GPT Image > Create Text-to-Image; Get Text-to-Image Status)."""

    edit_image = TaskOperation("/api/v1/gpt_image/edit_image", EditImageParams, ImageTask, duration=DURATIONS["image"])
    """Edit 1-16 source images by a prompt (docs: GPT Image > Edit Image; Get Edit Status)."""
