"""HeyGen Video: text-to-video and image-to-video (official packages: HeyGen Video).

Reached as ``client.heygen_video``::

    video = client.heygen_video.text_to_video.run(
        model="heygen-video-1", prompt="A cinematic tracking shot through a rain-soaked city", aspect_ratio="16:9"
    )
    print(video.output_urls)

Two task endpoints, each polled at ``GET <create path>/{id}``: ``text_to_video`` ("prompt-only or
reference-media generation") and ``image_to_video`` ("with a first-frame image"). Each create
answers 202 ``{id, status}``; a completed task carries ``videos: [{url}]``.

Where each fact comes from (RunAPI's docs snapshot has no HeyGen Video section, the official CLI's
contract has no ``heygen-video`` service, and the official source repository is not published):

- the paths: the platform contract (``heygen-video/*``, "official-python-only": "no model list
  published") and the official package ``runapi-heygen-video`` 0.1.0 (its resources' ``ENDPOINT``);
- the model id ``heygen-video-1`` and the parameters ``model``, ``prompt`` and ``aspect_ratio``
  (``"16:9"``): the package README's quick-start example, the only request it prints;
- the result (``id``, ``status``, ``videos: [{url}]``, ``error``): the package's response models.

What is unknown, and therefore left open (nothing here is invented):

- which fields are required: only ``model`` is (every RunAPI task names its model; both of the
  package's examples pass it); ``prompt`` and ``aspect_ratio`` are typed but optional, and the
  server decides;
- the aspect ratios accepted (only ``"16:9"`` is printed): any non-blank string is sent;
- the first-frame image's field name of ``image_to_video``, the reference-media fields of
  ``text_to_video``, and any duration, resolution or seed: no source names them. Send them with
  ``with_options(extra_body={...})``, e.g.
  ``client.heygen_video.image_to_video.with_options(extra_body={"<field>": url}).run(...)``;
- other model ids: ``heygen-video-1`` is the only one printed; another is sent with a warning
  (refused when ``strict``).
"""

from __future__ import annotations

from typing import Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, params

__all__ = [
    "MODELS",
    "HeyGenVideo",
    "ImageToVideoParams",
    "Model",
    "TextToVideoParams",
    "Video",
    "VideoTask",
]

Model = Literal["heygen-video-1"]
"""The one model id printed (official README's example); the platform publishes no model list."""

MODELS: tuple[Model, ...] = get_args(Model)


# -- results ---------------------------------------------------------------------------------


Video = media.Video
"""One generated video: ``url`` to download it (official response model ``MediaUrl``)."""


@attrs.frozen(kw_only=True)
class VideoTask(media.VideoTask):
    """A ``text_to_video`` or ``image_to_video`` task (official response model ``VideoTaskResponse``).

    Attributes:
        videos: the generated videos, once completed.
    """


# -- params ----------------------------------------------------------------------------------


@params
class TextToVideoParams:
    """Params of ``POST /api/v1/heygen_video/text_to_video`` (official package ``runapi-heygen-video``).

    Attributes:
        model: ``"heygen-video-1"``.
        prompt: what the video shows (no published limit).
        aspect_ratio: e.g. ``"16:9"`` (the accepted values are not published).
        callback_url: where RunAPI POSTs the result.

    Reference media and other fields are not named by any source: ``with_options(extra_body=...)``.
    """

    model: Model | str
    prompt: str | None = None
    aspect_ratio: str | None = None
    callback_url: CallbackUrl | None = None


@params
class ImageToVideoParams:
    """Params of ``POST /api/v1/heygen_video/image_to_video`` (official package ``runapi-heygen-video``).

    Attributes:
        model: ``"heygen-video-1"``.
        prompt: how the image comes alive (no published limit).
        aspect_ratio: e.g. ``"16:9"`` (the accepted values are not published).
        callback_url: where RunAPI POSTs the result.

    The first-frame image's field is not named by any source: give it with
    ``with_options(extra_body={...})``.
    """

    model: Model | str
    prompt: str | None = None
    aspect_ratio: str | None = None
    callback_url: CallbackUrl | None = None


# -- operations ------------------------------------------------------------------------------


class HeyGenVideo(Family[ClientT]):
    """``client.heygen_video``: HeyGen Video's endpoints (official package ``runapi-heygen-video``).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` reads ``GET <path>/{id}``.
    """

    text_to_video = TaskOperation(
        "/api/v1/heygen_video/text_to_video", TextToVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Generate a video from a prompt (``heygen-video/text-to-video``)."""

    image_to_video = TaskOperation(
        "/api/v1/heygen_video/image_to_video", ImageToVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Generate a video from a first-frame image (``heygen-video/image-to-video``)."""
