"""Recraft: image post-processing, crisp upscaling and background removal (docs: Recraft).

Reached as ``client.recraft``::

    task = client.recraft.remove_background.run(
        model="recraft-remove-background", source_image_url="https://example.com/portrait.jpg"
    )
    print(task.output_urls)

Two endpoints, one model each (1 credit): ``upscale_image`` (``recraft-crisp-upscale``) and
``remove_background`` (``recraft-remove-background``). Each is a task: the create answers 202
``{id, status}`` and ``GET <path>/{id}`` reports it (docs: Recraft > Get Recraft Task Status, which
prints both status paths).

Readings of the docs:

- ``model`` is required and "must be" the endpoint's one model: it stays a parameter, typed with
  that one value, so the body is the documented one.
- ``source_image_url`` has no documented format or size limit: any absolute http(s) URL is sent;
  whether RunAPI can fetch and process it is the server's check.
- The completed answer is printed for an upscale task only; the Response Fields table under "Get
  Recraft Task Status" covers both endpoints, so both are read as one task shape
  (``{id, status, images: [{url}], error}``). No failed example is printed: a failure is the
  platform's ``{"id", "status": "failed", "error"}`` (docs: Errors > Task-Specific Errors), and a
  callback body is the status answer (docs: Callbacks).
- The answers carry the docs' redacted id (``281e5b0*********************f39b9``); an id is sent
  in the status path as one percent-encoded segment, whatever characters it holds.
"""

from __future__ import annotations

from typing import Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, params

__all__ = [
    "MODELS",
    "Image",
    "ImageTask",
    "Model",
    "Recraft",
    "RemoveBackgroundModel",
    "RemoveBackgroundParams",
    "UpscaleImageModel",
    "UpscaleImageParams",
]

UpscaleImageModel = Literal["recraft-crisp-upscale"]
"""The one ``upscale_image`` model (docs: Recraft > Models)."""

RemoveBackgroundModel = Literal["recraft-remove-background"]
"""The one ``remove_background`` model."""

Model = Literal[UpscaleImageModel, RemoveBackgroundModel]
"""Every Recraft model id."""

MODELS: tuple[Model, ...] = get_args(Model)


# -- results ---------------------------------------------------------------------------------


Image = media.Image
"""One processed image: ``url``, its CDN URL (docs: Recraft > Response Fields, ``images[].url``)."""


@attrs.frozen(kw_only=True)
class ImageTask(media.ImageTask):
    """An ``upscale_image`` or ``remove_background`` task (docs: Recraft > Get Recraft Task Status).

    Attributes:
        images: the processed images, once completed.
    """


# -- params ----------------------------------------------------------------------------------


@params
class UpscaleImageParams:
    """Params of ``POST /api/v1/recraft/upscale_image`` (docs: Recraft > Upscale Recraft Image).

    Attributes:
        model: ``"recraft-crisp-upscale"``.
        source_image_url: the image to upscale.
        callback_url: where RunAPI POSTs the result.
    """

    model: UpscaleImageModel | str
    source_image_url: HttpUrl
    callback_url: CallbackUrl | None = None


@params
class RemoveBackgroundParams:
    """Params of ``POST /api/v1/recraft/remove_background`` (docs: Recraft > Remove Recraft Background).

    Attributes:
        model: ``"recraft-remove-background"``.
        source_image_url: the image whose background is removed.
        callback_url: where RunAPI POSTs the result.
    """

    model: RemoveBackgroundModel | str
    source_image_url: HttpUrl
    callback_url: CallbackUrl | None = None


# -- operations ------------------------------------------------------------------------------


class Recraft(Family[ClientT]):
    """``client.recraft``: Recraft's image post-processing endpoints (docs: Recraft).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` reads ``GET <path>/{id}``.
    """

    upscale_image = TaskOperation(
        "/api/v1/recraft/upscale_image", UpscaleImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Upscale an image with ``recraft-crisp-upscale`` (docs: Recraft > Upscale Recraft Image; Get
    Recraft Task Status)."""

    remove_background = TaskOperation(
        "/api/v1/recraft/remove_background", RemoveBackgroundParams, ImageTask, duration=DURATIONS["image"]
    )
    """Remove an image's background with ``recraft-remove-background`` (docs: Recraft > Remove Recraft
    Background; Get Recraft Task Status)."""
