"""Topaz: image and video upscaling (docs: Topaz).

Reached as ``client.topaz``::

    task = client.topaz.upscale_image.run(
        model="topaz-upscale-image", source_image_url="https://example.com/photo.jpg", upscale_factor=4
    )
    print(task.images[0].url)

Both operations are tasks: the create answers ``{id, status}`` and ``GET <path>/{id}`` reports it
(docs: Topaz > Topaz Get Upscale Image Status, Topaz Get Upscale Video Status).

Readings of the docs where they are silent:

- The docs print no status, completed, failed or callback example for Topaz, only that the status
  answer "returns the current task status and images" (videos for ``upscale_video``). The result
  is read as the platform's shape: ``images`` / ``videos``, lists of ``{"url"}`` objects (docs: Quick
  Start; every other family's completed answer), and a failure as ``{"id", "status": "failed",
  "error"}`` (docs: Errors > Task-Specific Errors). Anything else RunAPI sends stays on ``task.raw``.
- The create answers are printed under "Response" without a status code: they are read as the
  platform's 202 task answer.
- ``upscale_factor`` is typed "number" but lists whole values only (1, 2, 4 or 8 for images; 1, 2
  or 4 for videos): it takes exactly those integers (``2.0`` is refused with the list of values).
- "URL for completion callback": any absolute http(s) URL, as everywhere in the SDK.
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
    "ImageModel",
    "ImageTask",
    "Model",
    "Topaz",
    "UpscaleImageParams",
    "UpscaleVideoParams",
    "Video",
    "VideoModel",
    "VideoTask",
]

ImageModel = Literal["topaz-upscale-image"]
"""``upscale_image``'s one model (docs: Topaz > Models)."""

VideoModel = Literal["topaz-upscale-video"]
"""``upscale_video``'s one model (docs: Topaz > Models)."""

Model = Literal["topaz-upscale-image", "topaz-upscale-video"]
"""Every Topaz model id; each endpoint takes its own one."""

MODELS: tuple[Model, ...] = get_args(Model)


# -- results ---------------------------------------------------------------------------------


Image = media.Image
"""One upscaled image: ``url`` to download it."""


Video = media.Video
"""One upscaled video: ``url`` to download it."""


@attrs.frozen(kw_only=True)
class ImageTask(media.ImageTask):
    """An ``upscale_image`` task.

    Attributes:
        images: the upscaled images, once completed (the docs' shape is read as a list of
            ``{"url"}``; see the module's readings).
    """


@attrs.frozen(kw_only=True)
class VideoTask(media.VideoTask):
    """An ``upscale_video`` task.

    Attributes:
        videos: the upscaled videos, once completed (the docs' shape is read as a list of
            ``{"url"}``; see the module's readings).
    """


# -- params ----------------------------------------------------------------------------------


@params
class UpscaleImageParams:
    """Params of ``POST /api/v1/topaz/upscale_image`` (docs: Topaz > Topaz Upscale Image).

    Attributes:
        model: ``"topaz-upscale-image"``.
        source_image_url: public URL of the image to upscale.
        upscale_factor: how many times larger: 1, 2, 4 or 8.
        callback_url: where RunAPI POSTs the result.
    """

    model: ImageModel | str
    source_image_url: HttpUrl
    upscale_factor: Literal[1, 2, 4, 8]
    callback_url: CallbackUrl | None = None


@params
class UpscaleVideoParams:
    """Params of ``POST /api/v1/topaz/upscale_video`` (docs: Topaz > Topaz Upscale Video).

    Attributes:
        model: ``"topaz-upscale-video"``.
        source_video_url: public URL of the video to upscale.
        upscale_factor: how many times larger: 1, 2 or 4 (omitted: the service's default).
        callback_url: where RunAPI POSTs the result.
    """

    model: VideoModel | str
    source_video_url: HttpUrl
    upscale_factor: Literal[1, 2, 4] | None = None
    callback_url: CallbackUrl | None = None


# -- operations ------------------------------------------------------------------------------


class Topaz(Family[ClientT]):
    """``client.topaz``: Topaz's upscaling endpoints (docs: Topaz).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` polls ``GET <path>/{id}``.
    """

    upscale_image = TaskOperation(
        "/api/v1/topaz/upscale_image", UpscaleImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Upscale an image 1x-8x (docs: Topaz > Topaz Upscale Image, Topaz Get Upscale Image Status)."""

    upscale_video = TaskOperation(
        "/api/v1/topaz/upscale_video", UpscaleVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Upscale a video 1x-4x (docs: Topaz > Topaz Upscale Video, Topaz Get Upscale Video Status)."""
