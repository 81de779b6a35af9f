"""Hailuo: text-to-video and image-to-video (docs: Hailuo).

Reached as ``client.hailuo``::

    video = client.hailuo.text_to_video.run(model="hailuo-02-text-to-video-standard", prompt="A fox in the snow")
    clip = client.hailuo.image_to_video.run(
        model="hailuo-2.3-image-to-video-pro",
        prompt="The fox turns its head",
        first_frame_image_url="https://example.com/fox.png",
    )
    print(clip.videos[0].url)

Two task endpoints, each serving several models; what each model takes is checked before the
request (:data:`TEXT_TO_VIDEO_RULES`, :data:`IMAGE_TO_VIDEO_RULES`, tables). The pro models of
Hailuo 02 are "fixed profiles": they take no ``duration_seconds`` (nor, for image-to-video, any
``output_resolution``).

Readings of the docs where they are silent or disagree:

- The docs print no status path ("Query Task Status" shows only a completed answer): both
  operations are polled at ``GET <create path>/{id}``
  (``/api/v1/hailuo/text_to_video/{id}``, ``/api/v1/hailuo/image_to_video/{id}``), the pattern of
  every other family. That one completed example stands for both operations.
- No request, 202, processing or failed example is printed: the platform's general shapes apply
  (``{"id", "status": "processing"}`` when accepted; ``{"id", "status": "failed", "error"}``).
- ``last_frame_image_url`` and ``prompt_optimizer`` are "hailuo-02-* only" (parameter table), so
  both ``hailuo-02-image-to-video-pro`` and ``-standard`` take them, although the model table
  mentions the last frame for the standard model only; the 2.3 models refuse them.
- ``duration_seconds`` is typed "number" with the values 6 and 10: exactly ``6`` or ``10`` is
  accepted. ``text_to_video``'s documented default (6) is the server's: nothing is sent for it.
"""

from __future__ import annotations

from typing import Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, by, field, one_of, params, rules, text

__all__ = [
    "IMAGE_TO_VIDEO_MODELS",
    "IMAGE_TO_VIDEO_RULES",
    "MODELS",
    "TEXT_TO_VIDEO_MODELS",
    "TEXT_TO_VIDEO_RULES",
    "Hailuo",
    "ImageToVideoModel",
    "ImageToVideoParams",
    "Model",
    "TextToVideoModel",
    "TextToVideoParams",
    "Video",
    "VideoTask",
]

TextToVideoModel = Literal["hailuo-02-text-to-video-pro", "hailuo-02-text-to-video-standard"]
"""``text_to_video`` model ids (docs: Hailuo > Models); rules in :data:`TEXT_TO_VIDEO_RULES`."""

ImageToVideoModel = Literal[
    "hailuo-02-image-to-video-pro",
    "hailuo-02-image-to-video-standard",
    "hailuo-2.3-image-to-video-pro",
    "hailuo-2.3-image-to-video-standard",
]
"""``image_to_video`` model ids (docs: Hailuo > Models); rules in :data:`IMAGE_TO_VIDEO_RULES`."""

Model = Literal[TextToVideoModel, ImageToVideoModel]
"""Every Hailuo model id, of either endpoint."""

TEXT_TO_VIDEO_MODELS: tuple[TextToVideoModel, ...] = get_args(TextToVideoModel)
IMAGE_TO_VIDEO_MODELS: tuple[ImageToVideoModel, ...] = get_args(ImageToVideoModel)
MODELS: tuple[Model, ...] = (*TEXT_TO_VIDEO_MODELS, *IMAGE_TO_VIDEO_MODELS)

_HAILUO_02_PROMPT = text(max_length=1_500)

TEXT_TO_VIDEO_RULES = by(
    "model",
    {
        "hailuo-02-text-to-video-pro": rules(refused=["duration_seconds"]),  # a fixed profile
        "hailuo-02-text-to-video-standard": rules(),  # duration_seconds 6 or 10 (server default 6)
    },
)
"""What each ``text_to_video`` model takes (docs: Hailuo > Create Text-to-Video): only
``hailuo-02-text-to-video-standard`` takes ``duration_seconds``."""

IMAGE_TO_VIDEO_RULES = by(
    "model",
    {
        "hailuo-02-image-to-video-pro": rules(
            prompt=_HAILUO_02_PROMPT, refused=["duration_seconds", "output_resolution"]
        ),
        "hailuo-02-image-to-video-standard": rules(prompt=_HAILUO_02_PROMPT, output_resolution=one_of("512p", "768p")),
        "hailuo-2.3-image-to-video-pro": rules(
            output_resolution=one_of("768p", "1080p"), refused=["last_frame_image_url", "prompt_optimizer"]
        ),
        "hailuo-2.3-image-to-video-standard": rules(
            output_resolution=one_of("768p", "1080p"), refused=["last_frame_image_url", "prompt_optimizer"]
        ),
    },
)
"""What each ``image_to_video`` model takes (docs: Hailuo > Models, Create Image-to-Video): prompts
of 1,500 characters on hailuo-02 and 5,000 on 2.3; ``output_resolution`` 512p/768p on
``hailuo-02-image-to-video-standard``, 768p/1080p on 2.3; the hailuo-02 pro model is a fixed
profile (no duration or resolution); last frame and prompt optimizer on hailuo-02 only."""


# -- results ---------------------------------------------------------------------------------


Video = media.Video
"""One generated video: ``url`` to download it (MP4 in the docs' example, on ``tempfile.runapi.ai``)."""


@attrs.frozen(kw_only=True)
class VideoTask(media.VideoTask):
    """A ``text_to_video`` or ``image_to_video`` task (docs: Hailuo > Query Task Status).

    Attributes:
        videos: the generated videos, once completed.
    """


# -- params ----------------------------------------------------------------------------------


@params
class TextToVideoParams:
    """Params of ``POST /api/v1/hailuo/text_to_video`` (docs: Hailuo > Create Text-to-Video).

    Attributes:
        model: ``"hailuo-02-text-to-video-pro"`` or ``"hailuo-02-text-to-video-standard"``.
        prompt: what the video shows, at most 1,500 characters.
        duration_seconds: video length, 6 or 10 seconds (``hailuo-02-text-to-video-standard``
            only; the server uses 6 when it is omitted).
        prompt_optimizer: let Hailuo optimise the prompt.
        enable_safety_checker: the content safety check toggle.
        callback_url: where RunAPI POSTs the result (HTTPS).

    Raises:
        ValidationError: an unknown model, a prompt over 1,500 characters, another duration, or
            ``duration_seconds`` with the pro model.
    """

    model: TextToVideoModel | str
    prompt: str = field(text(max_length=1_500))
    duration_seconds: Literal[6, 10] | None = None
    prompt_optimizer: bool | None = None
    enable_safety_checker: bool | None = None
    callback_url: CallbackUrl | None = None

    __rules__ = TEXT_TO_VIDEO_RULES


@params
class ImageToVideoParams:
    """Params of ``POST /api/v1/hailuo/image_to_video`` (docs: Hailuo > Create Image-to-Video).

    Attributes:
        model: one of :data:`IMAGE_TO_VIDEO_MODELS`.
        prompt: how the image comes alive: at most 1,500 characters on hailuo-02, 5,000 on 2.3.
        first_frame_image_url: the public image the video starts from.
        last_frame_image_url: the image the video ends on (hailuo-02 models only).
        duration_seconds: video length, 6 or 10 seconds (not the fixed ``hailuo-02-image-to-video-pro``).
        output_resolution: ``"512p"`` or ``"768p"`` on ``hailuo-02-image-to-video-standard``;
            ``"768p"`` or ``"1080p"`` on the 2.3 models; not the fixed hailuo-02 pro model.
        prompt_optimizer: let Hailuo optimise the prompt (hailuo-02 models only).
        enable_safety_checker: the content safety check toggle.
        callback_url: where RunAPI POSTs the result (HTTPS).

    Raises:
        ValidationError: an unknown model, a prompt too long for the model, or a field or value
            the model does not take (the message names the models that do).
    """

    model: ImageToVideoModel | str
    prompt: str = field(text(max_length=5_000))
    first_frame_image_url: HttpUrl
    last_frame_image_url: HttpUrl | None = None
    duration_seconds: Literal[6, 10] | None = None
    output_resolution: Literal["512p", "768p", "1080p"] | None = None
    prompt_optimizer: bool | None = None
    enable_safety_checker: bool | None = None
    callback_url: CallbackUrl | None = None

    __rules__ = IMAGE_TO_VIDEO_RULES


# -- operations ------------------------------------------------------------------------------


class Hailuo(Family[ClientT]):
    """``client.hailuo``: Hailuo's video endpoints (docs: Hailuo).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` polls ``GET <path>/{id}``
    (not printed by the docs: the pattern of every family).
    """

    text_to_video = TaskOperation(
        "/api/v1/hailuo/text_to_video", TextToVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Generate a video from a prompt (docs: Hailuo > Create Text-to-Video). Status at
    ``GET /api/v1/hailuo/text_to_video/{id}``: not printed by the docs, read from the pattern every
    family follows."""

    image_to_video = TaskOperation(
        "/api/v1/hailuo/image_to_video", ImageToVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Animate a first frame (optionally to a last frame) from a prompt (docs: Hailuo > Create
    Image-to-Video). Status at ``GET /api/v1/hailuo/image_to_video/{id}``: not printed by the docs,
    read from the pattern every family follows."""
