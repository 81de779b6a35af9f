"""Kling: text-to-video, image-to-video, talking avatars and motion transfer (docs: Kling).

Reached as ``client.kling``::

    video = client.kling.text_to_video.run(
        model="kling-3.0", prompt="A drone shot of a lake", aspect_ratio="16:9", duration_seconds=8
    )
    print(video.videos[0].url)

Four task operations, each polled at ``GET <create path>/{id}``: ``text_to_video`` (``kling-3.0``,
single-shot or multi-shot with :class:`Shot` items and :class:`KlingElement` references, plus the
V2.1 Master and V2.5 Turbo text-to-video models), ``image_to_video`` (the four V2.1 / V2.5
image-to-video models), ``ai_avatar`` and ``motion_control``. What each model accepts is data:
:data:`TEXT_TO_VIDEO_RULES`, :data:`SHOT_RULES` and :data:`IMAGE_TO_VIDEO_RULES`.

Readings of the docs where they are silent or disagree:

- The endpoints table lists only ``kling-3.0`` for text-to-video, and both V2.x parameter tables
  sit under ``POST /api/v1/kling/image_to_video``; but the V2.x examples send
  ``kling-v2.1-master-text-to-video`` and ``kling-v2.5-turbo-text-to-video-pro`` to
  ``/api/v1/kling/text_to_video``. The examples win: ``text_to_video`` takes ``kling-3.0`` and the
  two V2.x text-to-video models, ``image_to_video`` the four V2.x image-to-video models. The V2.x
  status section prints only ``/image_to_video/{id}``; a V2.x text-to-video task is polled at
  ``/text_to_video/{id}``, its create path, as every other task.
- ``kling-3.0``'s image-to-video (the intro) is ``text_to_video`` with ``first_frame_image_url``:
  the endpoints table gives ``image_to_video`` no ``kling-3.0``.
- ``aspect_ratio`` is marked "Conditional" ("Optional when first_frame_image_url is provided"),
  and the docs' element-reference example sends ``kling_elements`` with neither a first frame nor
  a ratio: for ``kling-3.0`` it is required unless ``first_frame_image_url`` or ``kling_elements``
  is given (single- and multi-shot alike). The V2.x models list it as optional.
- ``duration_seconds`` is typed "number" everywhere but its values are whole seconds (3 through
  15; 5 or 10; shots "integer from 1 to 12"): it takes integers.
- Multi-shot (``multi_shots=True``) needs ``multi_prompt`` and ``enable_sound=True`` ("must be
  true"); ``prompt`` (each shot carries its own) and ``last_frame_image_url`` ("for single-shot
  mode") are refused there, and ``multi_prompt`` is refused without ``multi_shots=True`` (it would
  be ignored). The shots make up the video, so their durations must total 3-15 seconds (the
  range of the total ``duration_seconds``), and ``duration_seconds``, when also given, must equal
  that total.
- Fields a model's table does not list are refused for that model rather than sent and ignored:
  the V2.x models take no ``enable_sound``, ``output_resolution``, ``multi_shots``,
  ``multi_prompt``, ``first_frame_image_url``, ``last_frame_image_url`` or ``kling_elements`` on
  ``text_to_video``; ``kling-3.0`` takes no ``negative_prompt`` or ``cfg_scale``;
  ``last_frame_image_url`` on ``image_to_video`` is ``kling-v2.1-pro`` and
  ``kling-v2.5-turbo-image-to-video-pro`` only.
- ``kling-3.0``'s ``prompt`` has no documented length limit (a shot's prompt has 500
  characters). ``image_to_video``'s ``negative_prompt`` is at most 500 characters for every model
  (its table), while ``text_to_video`` allows 2,500 for V2.5 Turbo (its table).
- ``ai_avatar``'s ``prompt`` is "Required" yet "Can be empty": it must be given, and ``""`` is
  accepted and sent (at most 5,000 characters).
- Media limits the SDK cannot see from a URL (formats, pixel sizes, megabytes) are not checked;
  an element with neither images nor a video is sent as is (both lists are optional).
- "HTTPS callback URL": any absolute http(s) URL is accepted, as in every family.
- No processing status is printed: the 202 answer (``{"id", "status": "processing"}``) is its
  shape; status answers and callback bodies are the same objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import (
    MB,
    CallbackUrl,
    HttpUrl,
    by,
    field,
    forbid,
    integer,
    max_bytes,
    number,
    one_of,
    params,
    require,
    rules,
    text,
    url_list,
)
from .errors import ValidationError

__all__ = [
    "ASPECT_RATIOS",
    "AVATAR_MODELS",
    "IMAGE_TO_VIDEO_MODELS",
    "IMAGE_TO_VIDEO_RULES",
    "MAX_TOTAL_SECONDS",
    "MIN_TOTAL_SECONDS",
    "MODELS",
    "MOTION_CONTROL_MODELS",
    "SHOT_RULES",
    "TEXT_TO_VIDEO_MODELS",
    "TEXT_TO_VIDEO_RULES",
    "AiAvatarParams",
    "AspectRatio",
    "AvatarModel",
    "ImageToVideoModel",
    "ImageToVideoParams",
    "Kling",
    "KlingElement",
    "Model",
    "MotionControlModel",
    "MotionControlParams",
    "Shot",
    "TextToVideoModel",
    "TextToVideoParams",
    "Video",
    "VideoTask",
]

Model = Literal[
    "kling-3.0",
    "kling-ai-avatar-pro",
    "kling-ai-avatar-standard",
    "kling-ai-avatar-v1-pro",
    "kling-v1-avatar-standard",
    "kling-v2.1-pro",
    "kling-v2.1-standard",
    "kling-v2.1-master-text-to-video",
    "kling-v2.1-master-image-to-video",
    "kling-v2.5-turbo-text-to-video-pro",
    "kling-v2.5-turbo-image-to-video-pro",
]
"""Every Kling model id (docs: Kling > Model Variants); each endpoint takes some of them."""

MODELS: tuple[Model, ...] = get_args(Model)

TextToVideoModel = Literal["kling-3.0", "kling-v2.1-master-text-to-video", "kling-v2.5-turbo-text-to-video-pro"]
"""``text_to_video``'s models; what each accepts is in :data:`TEXT_TO_VIDEO_RULES`."""

TEXT_TO_VIDEO_MODELS: tuple[TextToVideoModel, ...] = get_args(TextToVideoModel)

ImageToVideoModel = Literal[
    "kling-v2.1-pro", "kling-v2.1-standard", "kling-v2.1-master-image-to-video", "kling-v2.5-turbo-image-to-video-pro"
]
"""``image_to_video``'s models; what each accepts is in :data:`IMAGE_TO_VIDEO_RULES`."""

IMAGE_TO_VIDEO_MODELS: tuple[ImageToVideoModel, ...] = get_args(ImageToVideoModel)

AvatarModel = Literal[
    "kling-ai-avatar-pro", "kling-ai-avatar-standard", "kling-ai-avatar-v1-pro", "kling-v1-avatar-standard"
]
"""``ai_avatar``'s models (docs: Kling > Create AI Avatar); they take the same parameters."""

AVATAR_MODELS: tuple[AvatarModel, ...] = get_args(AvatarModel)

MotionControlModel = Literal["kling-3.0"]
"""``motion_control``'s one model (docs: Kling > Create Motion Control, "Must be kling-3.0")."""

MOTION_CONTROL_MODELS: tuple[MotionControlModel, ...] = get_args(MotionControlModel)

AspectRatio = Literal["16:9", "9:16", "1:1"]
"""The aspect ratios of ``text_to_video`` and ``image_to_video`` (every model)."""

ASPECT_RATIOS: tuple[AspectRatio, ...] = get_args(AspectRatio)

MIN_TOTAL_SECONDS = 3
MAX_TOTAL_SECONDS = 15
"""A ``kling-3.0`` video lasts 3 through 15 seconds in all: its ``duration_seconds``, or its shots' sum."""


# -- results ---------------------------------------------------------------------------------


Video = media.Video
"""One generated video: ``url`` to download it (MP4; ``tempfile.runapi.ai`` links, so download it soon)."""


@attrs.frozen(kw_only=True)
class VideoTask(media.VideoTask):
    """A ``text_to_video``, ``image_to_video``, ``ai_avatar`` or ``motion_control`` task.

    Attributes:
        videos: the generated videos (once completed).
    """


# -- nested params ---------------------------------------------------------------------------


@params
class Shot:
    """One shot of a multi-shot ``kling-3.0`` video: an item of ``multi_prompt``.

    ``text_to_video`` also takes each shot as a mapping ``{"prompt": ..., "duration_seconds": ...}``.

    Attributes:
        prompt: what this shot shows, at most 500 characters (may name elements as ``@name``).
        duration_seconds: this shot's length, a whole number of seconds from 1 to 12.
    """

    prompt: str = field(text(max_length=500))
    duration_seconds: int = field(integer(1, 12))


@params
class KlingElement:
    """A reusable subject or style for ``kling-3.0``, named in prompts as ``@name``: an item of ``kling_elements``.

    ``text_to_video`` also takes each element as a mapping (docs: Kling > Element References).

    Attributes:
        name: the element's name; prompts reference it as ``@name``.
        description: a human-readable description of the element.
        element_input_urls: 2 to 4 JPG or PNG image URLs (at least 300x300 pixels, 10 MB each).
        element_input_video_urls: exactly 1 MP4 or MOV video URL (at most 50 MB).
    """

    name: str
    description: str
    element_input_urls: Sequence[HttpUrl] | None = field(
        url_list(min_items=2, max_items=4), max_bytes(10 * MB), default=None
    )
    element_input_video_urls: Sequence[HttpUrl] | None = field(
        url_list(min_items=1, max_items=1), max_bytes(50 * MB), default=None
    )


# -- params ----------------------------------------------------------------------------------

_V3_ONLY = (
    "enable_sound",
    "output_resolution",
    "multi_shots",
    "multi_prompt",
    "first_frame_image_url",
    "last_frame_image_url",
    "kling_elements",
)
_V2_ONLY = ("negative_prompt", "cfg_scale")
_V2_DURATIONS = one_of(5, 10)

TEXT_TO_VIDEO_RULES = by(
    "model",
    {
        "kling-3.0": rules(duration_seconds=integer(MIN_TOTAL_SECONDS, MAX_TOTAL_SECONDS), refused=_V2_ONLY),
        "kling-v2.1-master-text-to-video": rules(
            required=["prompt"],
            prompt=text(max_length=5_000),
            negative_prompt=text(max_length=500),
            duration_seconds=_V2_DURATIONS,
            refused=_V3_ONLY,
        ),
        "kling-v2.5-turbo-text-to-video-pro": rules(
            required=["prompt"],
            prompt=text(max_length=2_500),
            negative_prompt=text(max_length=2_500),
            duration_seconds=_V2_DURATIONS,
            refused=_V3_ONLY,
        ),
    },
)
"""What each ``text_to_video`` model accepts (docs: Kling > Create Kling Text-to-Video; Create V2.1
and V2.5 Video > Request Parameters (Text-to-Video)): ``kling-3.0`` lasts 3-15 seconds and has
sound, resolution, multi-shot, frame and element fields; the V2.x models last 5 or 10 seconds,
require a prompt (5,000 / 2,500 characters) and take ``negative_prompt`` (500 / 2,500) and
``cfg_scale``."""

SHOT_RULES = by(
    "multi_shots",
    {
        True: rules(
            required=["multi_prompt", "enable_sound"],
            refused=["prompt", "last_frame_image_url"],
            enable_sound=one_of(True),
        ),
    },
)
"""Multi-shot mode (docs: Kling > Create Kling Text-to-Video > Request Parameters): ``multi_prompt``
and ``enable_sound=True`` are required, ``prompt`` and ``last_frame_image_url`` (single-shot only)
are refused. Single-shot mode (``multi_shots`` omitted or false) is checked by
:class:`TextToVideoParams` itself: ``prompt`` required, ``multi_prompt`` refused."""

_V21_PROMPT = text(max_length=5_000)

IMAGE_TO_VIDEO_RULES = by(
    "model",
    {
        "kling-v2.1-pro": rules(prompt=_V21_PROMPT),
        "kling-v2.1-standard": rules(prompt=_V21_PROMPT, refused=["last_frame_image_url"]),
        "kling-v2.1-master-image-to-video": rules(prompt=_V21_PROMPT, refused=["last_frame_image_url"]),
        "kling-v2.5-turbo-image-to-video-pro": rules(prompt=text(max_length=2_500)),
    },
)
"""What each ``image_to_video`` model accepts (docs: Kling > Create V2.1 and V2.5 Video > Request
Parameters (Image-to-Video)): the prompt's length (5,000 characters for V2.1, 2,500 for V2.5
Turbo) and ``last_frame_image_url`` (``kling-v2.1-pro`` and ``kling-v2.5-turbo-image-to-video-pro``
only)."""


@params
class TextToVideoParams:
    """Params of ``POST /api/v1/kling/text_to_video`` (docs: Kling > Create Kling Text-to-Video; Create
    V2.1 and V2.5 Video).

    Per-model rules: :data:`TEXT_TO_VIDEO_RULES`; multi-shot rules: :data:`SHOT_RULES`.

    Attributes:
        model: ``"kling-3.0"``, ``"kling-v2.1-master-text-to-video"`` or
            ``"kling-v2.5-turbo-text-to-video-pro"``.
        prompt: what the video shows; required except in multi-shot mode, where it is refused. At
            most 5,000 characters for V2.1 Master, 2,500 for V2.5 Turbo. Elements are named ``@name``.
        enable_sound: generate sound (``kling-3.0``); must be ``True`` in multi-shot mode.
        duration_seconds: the video's total length, whole seconds: 3-15 for ``kling-3.0`` (in
            multi-shot mode, if given, the sum of the shots), 5 or 10 for V2.x (server default 5).
        aspect_ratio: ``"16:9"``, ``"9:16"`` or ``"1:1"``; required for ``kling-3.0`` unless
            ``first_frame_image_url`` (the ratio adapts to it) or ``kling_elements`` is given.
        output_resolution: ``"720p"``, ``"1080p"`` or ``"4k"`` (``kling-3.0``).
        multi_shots: ``True`` for multi-shot mode (``kling-3.0``; default single-shot).
        multi_prompt: the shots, in order: :class:`Shot` objects or ``{"prompt",
            "duration_seconds"}`` mappings; required in multi-shot mode, their durations totalling
            3-15 seconds.
        first_frame_image_url: the first frame (``kling-3.0``).
        last_frame_image_url: the last frame (``kling-3.0``, single-shot mode).
        kling_elements: reusable subjects or styles: :class:`KlingElement` objects or mappings
            (``kling-3.0``).
        negative_prompt: what to avoid (V2.x): at most 500 characters for V2.1 Master, 2,500 for
            V2.5 Turbo.
        cfg_scale: creativity (0) to prompt adherence (1) (V2.x).
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: a value out of its range, a field the model or mode does not take, a
            missing ``prompt``/``multi_prompt``/``enable_sound``/``aspect_ratio``, shots not totalling 3-15 seconds,
            or a shot's or element's mistake under its path (``multi_prompt[1].duration_seconds``).
    """

    model: TextToVideoModel
    prompt: str | None = None
    enable_sound: bool | None = None
    duration_seconds: int | None = None
    aspect_ratio: AspectRatio | None = None
    output_resolution: Literal["720p", "1080p", "4k"] | None = None
    multi_shots: bool | None = None
    multi_prompt: list[Shot] | None = None
    first_frame_image_url: HttpUrl | None = None
    last_frame_image_url: HttpUrl | None = None
    kling_elements: list[KlingElement] | None = None
    negative_prompt: str | None = None
    cfg_scale: float | None = field(number(0, 1), default=None)
    callback_url: CallbackUrl | None = None

    __rules__ = (TEXT_TO_VIDEO_RULES, SHOT_RULES)

    def __attrs_post_init__(self) -> None:
        if self.model == "kling-3.0" and self.first_frame_image_url is None and not self.kling_elements:
            require(
                self, ["aspect_ratio"], when="for model 'kling-3.0' without first_frame_image_url or kling_elements"
            )
        if self.multi_shots is not True:
            require(self, ["prompt"], when="in single-shot mode (multi_shots not true)")
            forbid(self, ["multi_prompt"], unless="when multi_shots is true")
            return
        # multi-shot: the shots are the video, so their sum is its total (SHOT_RULES made multi_prompt required)
        shots = self.multi_prompt or []
        total = sum(shot.duration_seconds for shot in shots)
        if not MIN_TOTAL_SECONDS <= total <= MAX_TOTAL_SECONDS:
            allowed = f"shots whose duration_seconds total {MIN_TOTAL_SECONDS}-{MAX_TOTAL_SECONDS} seconds"
            raise ValidationError(
                f"multi_prompt must have {allowed} (the video's length); got {total} seconds over {len(shots)} shots",
                field="multi_prompt",
                allowed=allowed,
            )
        if self.duration_seconds is not None and self.duration_seconds != total:
            raise ValidationError(
                f"duration_seconds must equal the multi_prompt durations' total ({total}) when multi_shots is "
                f"true; got {self.duration_seconds}",
                field="duration_seconds",
                allowed=f"{total} (or no value) when multi_shots is true",
            )


@params
class ImageToVideoParams:
    """Params of ``POST /api/v1/kling/image_to_video`` (docs: Kling > Create V2.1 and V2.5 Video).

    Per-model rules: :data:`IMAGE_TO_VIDEO_RULES`.

    Attributes:
        model: ``"kling-v2.1-pro"``, ``"kling-v2.1-standard"``, ``"kling-v2.1-master-image-to-video"``
            or ``"kling-v2.5-turbo-image-to-video-pro"``.
        prompt: how the image comes alive: at most 5,000 characters for V2.1, 2,500 for V2.5 Turbo.
        first_frame_image_url: the image to animate.
        last_frame_image_url: the final frame (``kling-v2.1-pro`` and
            ``kling-v2.5-turbo-image-to-video-pro`` only).
        duration_seconds: 5 or 10 seconds (server default 5).
        aspect_ratio: ``"16:9"``, ``"9:16"`` or ``"1:1"``.
        negative_prompt: what to avoid, at most 500 characters.
        cfg_scale: creativity (0) to prompt adherence (1).
        callback_url: where RunAPI POSTs the result.
    """

    model: ImageToVideoModel
    prompt: str
    first_frame_image_url: HttpUrl
    last_frame_image_url: HttpUrl | None = None
    duration_seconds: Literal[5, 10] | None = None
    aspect_ratio: AspectRatio | None = None
    negative_prompt: str | None = field(text(max_length=500), default=None)
    cfg_scale: float | None = field(number(0, 1), default=None)
    callback_url: CallbackUrl | None = None

    __rules__ = IMAGE_TO_VIDEO_RULES


@params
class AiAvatarParams:
    """Params of ``POST /api/v1/kling/ai_avatar`` (docs: Kling > Create AI Avatar).

    Attributes:
        model: ``"kling-ai-avatar-pro"``, ``"kling-ai-avatar-standard"``, ``"kling-ai-avatar-v1-pro"``
            or ``"kling-v1-avatar-standard"``.
        source_image_url: the portrait (JPEG or PNG, at most 10 MB).
        source_audio_url: the speech (MP3, WAV, AAC, MP4 or OGG, at most 10 MB).
        prompt: how the avatar moves, at most 5,000 characters; required, but may be ``""``.
        callback_url: where RunAPI POSTs the result.
    """

    model: AvatarModel
    source_image_url: HttpUrl = field(max_bytes(10 * MB))
    source_audio_url: HttpUrl = field(max_bytes(10 * MB))
    prompt: str = field(text(min_length=0, max_length=5_000))
    callback_url: CallbackUrl | None = None


@params
class MotionControlParams:
    """Params of ``POST /api/v1/kling/motion_control`` (docs: Kling > Create Motion Control).

    Attributes:
        model: ``"kling-3.0"`` (the only one).
        source_first_frame_image_url: the subject image.
        reference_video_url: the video whose motion the subject performs.
        prompt: guidance, at most 2,500 characters.
        output_resolution: ``"720p"`` or ``"1080p"``.
        character_orientation: which source sets the character's orientation: ``"video"`` or ``"image"``.
        background_source: which source provides the background: ``"video"`` or ``"image"``.
        callback_url: where RunAPI POSTs the result.
    """

    model: MotionControlModel
    source_first_frame_image_url: HttpUrl
    reference_video_url: HttpUrl
    prompt: str | None = field(text(max_length=2_500), default=None)
    output_resolution: Literal["720p", "1080p"] | None = None
    character_orientation: Literal["video", "image"] | None = None
    background_source: Literal["video", "image"] | None = None
    callback_url: CallbackUrl | None = None


# -- operations ------------------------------------------------------------------------------

_KLING = "/api/v1/kling"


class Kling(Family[ClientT]):
    """``client.kling``: Kling's video endpoints (docs: Kling).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` polls ``GET <path>/{id}``.
    """

    text_to_video = TaskOperation(f"{_KLING}/text_to_video", TextToVideoParams, VideoTask, duration=DURATIONS["video"])
    """Generate a video from text (``kling-3.0`` single- or multi-shot, V2.1 Master, V2.5 Turbo)
    (docs: Kling > Create Kling Text-to-Video; Create V2.1 and V2.5 Video)."""

    image_to_video = TaskOperation(
        f"{_KLING}/image_to_video", ImageToVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Animate an image with a V2.1 or V2.5 Turbo model (docs: Kling > Create V2.1 and V2.5 Video)."""

    ai_avatar = TaskOperation(f"{_KLING}/ai_avatar", AiAvatarParams, VideoTask, duration=DURATIONS["video"])
    """Make a portrait speak an audio track (docs: Kling > Create AI Avatar)."""

    motion_control = TaskOperation(
        f"{_KLING}/motion_control", MotionControlParams, VideoTask, duration=DURATIONS["video"]
    )
    """Transfer a reference video's motion onto a subject image (docs: Kling > Create Motion Control)."""
