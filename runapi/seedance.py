"""Seedance: text-to-video and image-to-video with six models on one endpoint (docs: Seedance).

Reached as ``client.seedance``::

    video = client.seedance.text_to_video.run(
        model="seedance-1.5-pro", prompt="A drone shot of a mountain lake at sunrise", aspect_ratio="16:9",
        duration_seconds=8,
    )
    print(video.videos[0].url)

One task endpoint serves every model (``POST /api/v1/seedance/text_to_video``, status at
``GET /api/v1/seedance/text_to_video/{id}``). What a request may carry depends on the model; each
rule of the docs' parameter table is checked before the request (:data:`MODEL_RULES`, a table):

- ``seedance-1.5-pro``: text-to-video, or image-to-video from up to two ``source_image_urls``;
  ``aspect_ratio`` and ``duration_seconds`` (4-12) are required.
- ``seedance-2.0`` / ``seedance-2.0-fast`` / ``seedance-2-mini``: text-to-video, *frame mode*
  (``first_frame_image_url``, optionally ``last_frame_image_url``) or *reference mode*
  (``reference_image_urls``, ``reference_video_urls``, ``reference_audio_urls``); ``duration_seconds``
  4-15 is optional.
- ``seedance-v1-pro``: text-to-video (``aspect_ratio`` required) or, with ``first_frame_image_url``,
  image-to-video (``aspect_ratio`` refused: it comes from the image). ``duration_seconds`` (5 or 10)
  is required.
- ``seedance-v1-pro-fast``: image-to-video only: ``first_frame_image_url`` and ``duration_seconds``
  (5 or 10) are required, ``aspect_ratio`` is refused.

Newer sources win over the docs where they differ: the platform contract (``runapi-ai/cli``
``contract_gen.go``) and the official ``runapi-ai/seedance-sdk`` (``contract_gen.py``, ``types.ts``):

- ``seedance-2-mini`` is a 2.x model: ratios as 2.x, ``480p``/``720p``, 4-15 seconds, the 2.x
  reference limits, and no ``source_image_urls``, ``lock_camera``, ``seed`` or
  ``enable_safety_checker``; the docs give no prompt length for it, so none is checked.
- ``seedance-v1-lite`` and its ``9:21`` ratio are no longer listed: they are sent with an
  ``UnknownValueWarning`` (refused in strict mode), and no rule of the docs' is applied to them.
- ``seedance-2.0`` also takes ``output_resolution="4k"``; every other model keeps its own list.
- ``seedance-1.5-pro``'s ratios are ``1:1``, ``4:3``, ``3:4``, ``16:9``, ``9:16``, ``21:9`` (the docs
  listed none) and its ``duration_seconds`` is any whole number 4-12 (the docs said 4, 8 or 12).
- 2.x reference mode takes at most 9 ``reference_image_urls`` and 3 ``reference_audio_urls``.
- The official repository also has a ``seedance-2.5`` model the platform contract does not list yet:
  it is not offered (sent with a warning if given).

Readings of the docs where they are silent or garbled:
- The 2.x duration reads "integer 415": a lost dash, read as 4-15 seconds inclusive.
- ``first_frame_image_url`` and ``last_frame_image_url`` are documented for the 2.x models and
  the v1 image-to-video mode only; ``seedance-1.5-pro`` takes its images as ``source_image_urls``,
  so the frame fields are refused for it. ``last_frame_image_url`` needs a
  ``first_frame_image_url`` (an end frame of a video that starts from a first frame).
- The docs name the 2.x inputs "frame mode" and "reference mode": a request mixing frame and
  reference fields is refused rather than guessing which mode the server would pick.
- ``reference_audio_urls`` "requires at least one image or video": a reference image or video.
- ``reference_video_urls``' "total ≤ 15s" cannot be checked here (the SDK does not fetch media);
  the server checks it.
- ``last_frame_image_url`` on the task is "present when the request included a last frame
  image"; whether it is a generated frame or the input echoed back is not said, so
  :attr:`VideoTask.output_urls` lists the videos only.
- No processing or failed status example is printed: the failed callback's shape
  (``{"id", "status": "failed", "error"}``) is read as the failed status answer too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import (
    CallbackUrl,
    HttpUrl,
    by,
    field,
    forbid,
    integer,
    one_of,
    params,
    require,
    rules,
    text,
    text_list,
)
from .errors import ValidationError

__all__ = [
    "ASPECT_RATIOS",
    "MODELS",
    "MODEL_RULES",
    "AspectRatio",
    "Model",
    "Resolution",
    "Seedance",
    "TextToVideoParams",
    "Video",
    "VideoTask",
]

Model = Literal[
    "seedance-1.5-pro",
    "seedance-2.0",
    "seedance-2.0-fast",
    "seedance-2-mini",
    "seedance-v1-pro",
    "seedance-v1-pro-fast",
]
"""The six model ids of ``text_to_video`` (newer source: the platform contract, which adds ``seedance-2-mini``
and no longer lists the docs' ``seedance-v1-lite``, now sent with an ``UnknownValueWarning``); rules in
:data:`MODEL_RULES`."""

MODELS: tuple[Model, ...] = get_args(Model)

AspectRatio = Literal["1:1", "4:3", "3:4", "16:9", "9:16", "21:9", "auto"]
"""Every ``aspect_ratio`` some model takes; each model's own list is in :data:`MODEL_RULES` (``9:21``, the
docs' ``seedance-v1-lite`` ratio, is no longer listed by the platform contract)."""

ASPECT_RATIOS: tuple[AspectRatio, ...] = get_args(AspectRatio)

Resolution = Literal["480p", "720p", "1080p", "4k"]
"""Every ``output_resolution`` some model takes; each model's own list is in :data:`MODEL_RULES`."""

_RATIOS = one_of("1:1", "4:3", "3:4", "16:9", "9:16", "21:9")
_2X_RATIOS = one_of("1:1", "4:3", "3:4", "16:9", "9:16", "21:9", "auto")
_REFERENCE_IMAGES = text_list(min_items=1, max_items=9)  # the platform contract's max_items for every 2.x model
_REFERENCE_AUDIOS = text_list(min_items=1, max_items=3)
_SD_720 = one_of("480p", "720p")
_SD_1080 = one_of("480p", "720p", "1080p")
_2X_ONLY = ["reference_image_urls", "reference_video_urls", "reference_audio_urls", "web_search"]
_V1_ONLY = ["seed"]
_FRAMES = ["first_frame_image_url", "last_frame_image_url"]
_REFERENCES = ["reference_image_urls", "reference_video_urls", "reference_audio_urls"]

MODEL_RULES = by(
    "model",
    {
        "seedance-1.5-pro": rules(
            prompt=text(min_length=3, max_length=2_500),
            aspect_ratio=_RATIOS,
            output_resolution=_SD_1080,
            duration_seconds=integer(4, 12),
            required=["aspect_ratio", "duration_seconds"],
            refused=[*_FRAMES, *_2X_ONLY, *_V1_ONLY],
        ),
        "seedance-2.0": rules(
            prompt=text(min_length=3, max_length=20_000),
            aspect_ratio=_2X_RATIOS,
            duration_seconds=integer(4, 15),
            reference_image_urls=_REFERENCE_IMAGES,
            reference_audio_urls=_REFERENCE_AUDIOS,
            refused=["source_image_urls", "lock_camera", *_V1_ONLY],
        ),
        "seedance-2.0-fast": rules(
            prompt=text(min_length=3, max_length=20_000),
            aspect_ratio=_2X_RATIOS,
            output_resolution=_SD_720,
            duration_seconds=integer(4, 15),
            reference_image_urls=_REFERENCE_IMAGES,
            reference_audio_urls=_REFERENCE_AUDIOS,
            refused=["source_image_urls", "lock_camera", *_V1_ONLY],
        ),
        "seedance-2-mini": rules(  # newer source: the platform contract and the official seedance-sdk contract
            aspect_ratio=_2X_RATIOS,
            output_resolution=_SD_720,
            duration_seconds=integer(4, 15),
            reference_image_urls=_REFERENCE_IMAGES,
            reference_audio_urls=_REFERENCE_AUDIOS,
            refused=["source_image_urls", "lock_camera", "enable_safety_checker", *_V1_ONLY],
        ),
        "seedance-v1-pro": rules(
            prompt=text(min_length=3, max_length=10_000),
            aspect_ratio=_RATIOS,
            output_resolution=_SD_1080,
            duration_seconds=one_of(5, 10),
            required=["duration_seconds"],
            refused=["generate_audio", "source_image_urls", "last_frame_image_url", *_2X_ONLY],
        ),
        "seedance-v1-pro-fast": rules(
            prompt=text(min_length=3, max_length=10_000),
            output_resolution=one_of("720p", "1080p"),
            duration_seconds=one_of(5, 10),
            required=["first_frame_image_url", "duration_seconds"],
            refused=[
                "aspect_ratio",
                "generate_audio",
                "source_image_urls",
                "lock_camera",
                "last_frame_image_url",
                *_2X_ONLY,
                *_V1_ONLY,
            ],
        ),
    },
)
"""What each model takes (docs: Seedance > Create Seedance Text-to-Video, Request Parameters):
prompt length, aspect ratios, resolutions, durations, and which fields it requires or refuses.
The v1 text-to-video / image-to-video switch (``aspect_ratio`` required without a first frame,
refused with one) depends on two fields and is checked by :class:`TextToVideoParams` itself."""

_MODE_BY_FIRST_FRAME: frozenset[str] = frozenset({"seedance-v1-pro"})
"""Models whose mode is chosen by ``first_frame_image_url``: without it text-to-video
(``aspect_ratio`` required), with it image-to-video (``aspect_ratio`` refused)."""


# -- results ---------------------------------------------------------------------------------


Video = media.Video
"""One generated video: ``url`` to download it (MP4 in the docs' examples, on ``tempfile.runapi.ai``)."""


@attrs.frozen(kw_only=True)
class VideoTask(media.VideoTask):
    """A ``text_to_video`` task (docs: Seedance > Get Seedance Text-to-Video Status).

    Attributes:
        videos: the generated videos, once completed.
        last_frame_image_url: an image URL, present when the request included a last frame image.
    """

    last_frame_image_url: str | None = None


# -- params ----------------------------------------------------------------------------------


@params
class TextToVideoParams:
    """Params of ``POST /api/v1/seedance/text_to_video`` (docs: Seedance > Create Seedance Text-to-Video).

    Attributes:
        model: one of :data:`MODELS`.
        prompt: the text prompt; 3-2,500 characters on ``seedance-1.5-pro``, 3-20,000 on the 2.x
            models, 3-10,000 on the v1 models.
        callback_url: where RunAPI POSTs the result (HTTPS).
        aspect_ratio: required for ``seedance-1.5-pro`` and for v1-pro text-to-video;
            2.x: ``1:1``, ``4:3``, ``3:4``, ``16:9``, ``9:16``, ``21:9``, ``auto``; 1.5-pro and v1-pro:
            ``1:1``, ``4:3``, ``3:4``, ``16:9``, ``9:16``, ``21:9``. Refused in v1 image-to-video (taken
            from the image).
        output_resolution: ``480p``, ``720p`` or ``1080p``; ``seedance-2.0`` also ``4k``;
            ``seedance-2.0-fast`` and ``seedance-2-mini``: ``480p``/``720p``; ``seedance-v1-pro-fast``:
            ``720p``/``1080p``.
        duration_seconds: video length in seconds: 4-12 on ``seedance-1.5-pro`` (required);
            4-15 on the 2.x models; 5 or 10 on the v1 models (required).
        generate_audio: generate a sound track (``seedance-1.5-pro`` and 2.x only).
        enable_safety_checker: the content safety check toggle (not ``seedance-2-mini``).
        source_image_urls: 1-2 image URLs for image-to-video (``seedance-1.5-pro`` only).
        lock_camera: lock camera movement (``seedance-1.5-pro``, ``seedance-v1-pro``).
        seed: random seed, -1 (random) to 2147483647 (``seedance-v1-pro``).
        first_frame_image_url: the first frame: 2.x frame mode; v1 image-to-video (required for
            ``seedance-v1-pro-fast``).
        last_frame_image_url: the last frame, with a first frame (2.x frame mode).
        reference_image_urls: 1-9 reference image URLs (2.x reference mode).
        reference_video_urls: 1-3 reference video URLs, 15 seconds in all (2.x reference mode).
        reference_audio_urls: 1-3 reference audio URLs, with at least one reference image or video
            (2.x reference mode).
        web_search: the web search toggle (2.x only).

    Raises:
        ValidationError: a value or field the model does not take (the message names the models
            that do), a required field missing, frame and reference fields mixed, or
            ``reference_audio_urls`` without a reference image or video.
    """

    model: Model | str
    prompt: str
    callback_url: CallbackUrl | None = None
    aspect_ratio: AspectRatio | None = None
    output_resolution: Resolution | None = None
    duration_seconds: int | None = None
    generate_audio: bool | None = None
    enable_safety_checker: bool | None = None
    source_image_urls: Sequence[HttpUrl] | None = field(text_list(min_items=1, max_items=2), default=None)
    lock_camera: bool | None = None
    seed: int | None = field(integer(-1, 2_147_483_647), default=None)
    first_frame_image_url: HttpUrl | None = None
    last_frame_image_url: HttpUrl | None = None
    reference_image_urls: Sequence[HttpUrl] | None = field(text_list(min_items=1), default=None)
    reference_video_urls: Sequence[HttpUrl] | None = field(text_list(min_items=1, max_items=3), default=None)
    reference_audio_urls: Sequence[HttpUrl] | None = field(text_list(min_items=1), default=None)
    web_search: bool | None = None

    __rules__ = MODEL_RULES

    def __attrs_post_init__(self) -> None:
        # Rules that span two fields (run after MODEL_RULES, so each field is one its model takes).
        if self.model in _MODE_BY_FIRST_FRAME:
            if self.first_frame_image_url is None:
                require(
                    self, ["aspect_ratio"], when=f"for model {self.model!r} text-to-video (no first_frame_image_url)"
                )
            else:
                forbid(
                    self,
                    ["aspect_ratio"],
                    unless=f"in text-to-video for model {self.model!r}: with first_frame_image_url "
                    "(image-to-video) the ratio comes from the image",
                )
        if self.last_frame_image_url is not None:
            require(self, ["first_frame_image_url"], when="with last_frame_image_url (frames start from a first frame)")
        frame = next((name for name in _FRAMES if getattr(self, name) is not None), None)
        reference = next((name for name in _REFERENCES if getattr(self, name) is not None), None)
        if frame is not None and reference is not None:
            allowed = "frame fields (first/last frame) or reference fields, not both"
            raise ValidationError(
                f"{reference} cannot be combined with {frame}: use frame mode or reference mode, not both",
                field=reference,
                allowed=allowed,
            )
        has_visual_reference = self.reference_image_urls is not None or self.reference_video_urls is not None
        if self.reference_audio_urls is not None and not has_visual_reference:
            allowed = "reference audio with at least one reference_image_urls or reference_video_urls item"
            raise ValidationError(
                "reference_audio_urls needs at least one reference image or video: "
                "give reference_image_urls or reference_video_urls too",
                field="reference_audio_urls",
                allowed=allowed,
            )


# -- operations ------------------------------------------------------------------------------


class Seedance(Family[ClientT]):
    """``client.seedance``: Seedance's video endpoint (docs: Seedance).

    ``text_to_video`` has ``create``, ``get``, ``wait`` and ``run``; ``get`` polls
    ``GET /api/v1/seedance/text_to_video/{id}``.
    """

    text_to_video = TaskOperation(
        "/api/v1/seedance/text_to_video", TextToVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Generate a video from text, images, first/last frames or references, with any of the six
    models (docs: Seedance > Create Seedance Text-to-Video, Get Seedance Text-to-Video Status)."""
