"""Z-Image: text-to-image (docs: Z-Image).

Reached as ``client.z_image``::

    task = client.z_image.text_to_image.run(model="z-image", prompt="A cafe terrace in Paris", aspect_ratio="1:1")
    print(task.output_urls)

One endpoint, one model (``z-image``, 1 credit): ``text_to_image`` is a task; the create answers
202 ``{id, status}`` and ``GET /api/v1/z_image/text_to_image/{id}`` reports it.

Readings of the docs:

- ``model`` is required and "must be z-image": it stays a parameter (typed ``Literal["z-image"]``)
  rather than being filled in, so the body is the documented one.
- ``prompt`` "up to 1000 characters" is inclusive. ``enable_safety_checker`` has no printed default.
- No failed or callback example is printed: a failed task is the platform's
  ``{"id", "status": "failed", "error"}`` (docs: Errors > Task-Specific Errors) and a callback body
  is the final status answer (docs: Callbacks).
"""

from __future__ import annotations

from typing import Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, field, params, text

__all__ = [
    "ASPECT_RATIOS",
    "MODELS",
    "AspectRatio",
    "Image",
    "ImageTask",
    "Model",
    "TextToImageParams",
    "ZImage",
]

Model = Literal["z-image"]
"""The one model id (docs: Z-Image > Models)."""

MODELS: tuple[Model, ...] = get_args(Model)

AspectRatio = Literal["1:1", "4:3", "3:4", "16:9", "9:16"]
"""The five aspect ratios (docs: Z-Image > Create Text-to-Image)."""

ASPECT_RATIOS: tuple[AspectRatio, ...] = get_args(AspectRatio)


# -- results ---------------------------------------------------------------------------------


Image = media.Image
"""One generated image: ``url`` to download it (a PNG in the docs' example)."""


@attrs.frozen(kw_only=True)
class ImageTask(media.ImageTask):
    """A ``text_to_image`` task.

    Attributes:
        images: the generated images, once completed.
    """


# -- params ----------------------------------------------------------------------------------


@params
class TextToImageParams:
    """Params of ``POST /api/v1/z_image/text_to_image`` (docs: Z-Image > Create Text-to-Image).

    Attributes:
        model: ``"z-image"``.
        prompt: the image description, at most 1,000 characters.
        aspect_ratio: one of :data:`ASPECT_RATIOS`.
        enable_safety_checker: run the content safety check.
        callback_url: where RunAPI POSTs the result.
    """

    model: Model | str
    prompt: str = field(text(max_length=1_000))
    aspect_ratio: AspectRatio
    enable_safety_checker: bool | None = None
    callback_url: CallbackUrl | None = None


# -- operations ------------------------------------------------------------------------------


class ZImage(Family[ClientT]):
    """``client.z_image``: Z-Image's text-to-image endpoint (docs: Z-Image).

    ``text_to_image`` has ``create``, ``get``, ``wait`` and ``run``; ``get`` reads ``GET <path>/{id}``.
    """

    text_to_image = TaskOperation(
        "/api/v1/z_image/text_to_image", TextToImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Generate an image from a prompt (docs: Z-Image > Create Text-to-Image; Get Text-to-Image Status)."""
