"""Flux: Black Forest Labs' Flux Dev, Flux Pro and Flux 2 Klein image models (official packages: Flux).

Reached as ``client.flux``::

    task = client.flux.text_to_image.run(model="flux-pro", prompt="A product photo on warm paper", aspect_ratio="1:1")
    remix = client.flux.remix_image.run(
        model="flux-dev", prompt="As a warm editorial photo", source_image_url=task.output_urls[0]
    )
    print(remix.output_urls)

Two task endpoints: ``text_to_image`` (``flux-2-klein``, ``flux-dev``, ``flux-pro``) and
``remix_image`` (``flux-dev``, ``flux-pro``; exactly one source image). Each create answers 202
``{id, status}`` and ``GET <path>/{id}`` reports the task. (Flux 2's own endpoints are
``client.flux_2``; Flux Kontext's ``client.flux_kontext``.)

Where each fact comes from (RunAPI's docs snapshot has no Flux section):

- the paths, the model ids of each endpoint, ``aspect_ratio`` (seven values) and ``output_count``
  (only ``1``), per model: the platform contract (``flux/*``, from the official CLI's contract) and
  the official package ``runapi-flux`` 0.3.0;
- ``prompt`` (required, 3-5,000 characters) and ``source_image_url`` (required, ``remix_image``):
  the official repository's generated contract (``runapi-ai/flux-sdk``,
  ``python/src/runapi/flux/contract_gen.py``); ``callback_url``: its parameter types
  (``js/src/types.ts``);
- the result (``id``, ``status``, ``images: [{url}]``, ``error``): the package's response models.

Readings and unknowns:

- Every model of an endpoint takes the same values in every source, so there is no per-model
  table; a model's own limit, once published, would be one (``by("model", ...)``).
- The types mention a default aspect ratio of 1:1: the server's; a parameter left out is off the
  wire.
- A source URL's size and format limits are not published (only the server can check a URL).
- Parameters no source names go through the operation's ``with_options(extra_body={...})``
  (``client.flux.text_to_image.with_options(...)``).
"""

from __future__ import annotations

from typing import Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, field, params, text

__all__ = [
    "ASPECT_RATIOS",
    "MODELS",
    "OUTPUT_COUNTS",
    "REMIX_IMAGE_MODELS",
    "TEXT_TO_IMAGE_MODELS",
    "AspectRatio",
    "Flux",
    "Image",
    "ImageTask",
    "Model",
    "OutputCount",
    "RemixImageModel",
    "RemixImageParams",
    "TextToImageModel",
    "TextToImageParams",
]

TextToImageModel = Literal["flux-2-klein", "flux-dev", "flux-pro"]
"""``text_to_image`` model ids (platform contract ``flux/text-to-image``)."""

RemixImageModel = Literal["flux-dev", "flux-pro"]
"""``remix_image`` model ids (platform contract ``flux/remix-image``)."""

Model = Literal["flux-2-klein", "flux-dev", "flux-pro"]
"""Every Flux model id, of either endpoint."""

TEXT_TO_IMAGE_MODELS: tuple[TextToImageModel, ...] = get_args(TextToImageModel)
REMIX_IMAGE_MODELS: tuple[RemixImageModel, ...] = get_args(RemixImageModel)
MODELS: tuple[Model, ...] = get_args(Model)

AspectRatio = Literal["1:1", "4:3", "3:4", "16:9", "9:16", "3:2", "2:3"]
"""Aspect ratios of both endpoints, every model (platform contract)."""

ASPECT_RATIOS: tuple[AspectRatio, ...] = get_args(AspectRatio)

OutputCount = Literal[1]
"""Images per task: only 1 (platform contract ``output_count`` enum ``[1]``, every model)."""

OUTPUT_COUNTS: tuple[OutputCount, ...] = get_args(OutputCount)

_prompt = text(min_length=3, max_length=5_000)


# -- results ---------------------------------------------------------------------------------


Image = media.Image
"""One generated image: ``url``, its CDN URL (official response model ``Image``)."""


@attrs.frozen(kw_only=True)
class ImageTask(media.ImageTask):
    """A ``text_to_image`` or ``remix_image`` task (official ``TextToImageResponse``, ``RemixImageResponse``).

    Attributes:
        images: the generated images, once completed.
    """


# -- params ----------------------------------------------------------------------------------


@params
class TextToImageParams:
    """Params of ``POST /api/v1/flux/text_to_image`` (platform contract ``flux/text-to-image``).

    Attributes:
        model: ``"flux-2-klein"``, ``"flux-dev"`` or ``"flux-pro"``.
        prompt: what the image shows, 3-5,000 characters.
        aspect_ratio: one of :data:`ASPECT_RATIOS`.
        output_count: images to make; only ``1``.
        callback_url: where RunAPI POSTs the result.
    """

    model: TextToImageModel | str
    prompt: str = field(_prompt)
    aspect_ratio: AspectRatio | None = None
    output_count: OutputCount | None = None
    callback_url: CallbackUrl | None = None


@params
class RemixImageParams:
    """Params of ``POST /api/v1/flux/remix_image`` (platform contract ``flux/remix-image``).

    Attributes:
        model: ``"flux-dev"`` or ``"flux-pro"``.
        prompt: how to change the source image, 3-5,000 characters.
        source_image_url: the one source image (an absolute http(s) URL, or a local file uploaded first).
        aspect_ratio: one of :data:`ASPECT_RATIOS`.
        output_count: images to make; only ``1``.
        callback_url: where RunAPI POSTs the result.
    """

    model: RemixImageModel | str
    prompt: str = field(_prompt)
    source_image_url: HttpUrl
    aspect_ratio: AspectRatio | None = None
    output_count: OutputCount | None = None
    callback_url: CallbackUrl | None = None


# -- operations ------------------------------------------------------------------------------


class Flux(Family[ClientT]):
    """``client.flux``: Flux's image endpoints (official package ``runapi-flux``).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` reads ``GET <path>/{id}``.
    """

    text_to_image = TaskOperation(
        "/api/v1/flux/text_to_image", TextToImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Generate an image from a prompt (``flux/text-to-image``)."""

    remix_image = TaskOperation("/api/v1/flux/remix_image", RemixImageParams, ImageTask, duration=DURATIONS["image"])
    """Change one source image by a prompt (``flux/remix-image``)."""
