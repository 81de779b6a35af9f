"""Wan: Alibaba's video and image models: text, image and speech to video, animation, images, video edits (docs: Wan).

Reached as ``client.wan``::

    video = client.wan.text_to_video.run(model="wan-2.6-text-to-video", prompt="Cherry blossoms falling")
    image = client.wan.text_to_image.run(model="wan-2.7-image", prompt="Floating islands", aspect_ratio="1:8")
    print(video.videos[0].url, image.images[0].url)

Every operation is a task: ``POST /api/v1/wan/<operation>`` answers with the task's ``id`` and
``GET /api/v1/wan/<operation>/{id}`` reports it (each status path is printed by the docs). Each
endpoint serves several model versions that accept different parameters; what each model
requires and refuses is a table per endpoint (:data:`TEXT_TO_VIDEO_RULES`,
:data:`IMAGE_TO_VIDEO_RULES`, :data:`TEXT_TO_IMAGE_RULES`, :data:`EDIT_VIDEO_RULES`), built from
which models each parameter is documented for, and checked before the request.

Readings of the docs where they are silent or loose:

- A parameter documented for some models only ("wan-2.7-* only", "Supported by wan-2.5-* and
  wan-2.7-*", "Flash models only") is refused for the other models, where it would be ignored.
  A pattern such as ``wan-2.7-*`` covers every model id of the endpoint with that prefix
  (``wan-2.7-r2v`` too); ``wan-2.6-*`` covers ``wan-2.6-flash-image-to-video``.
- ``text_to_video``: ``wan-2.7-r2v`` needs at least one of ``reference_image_urls`` and
  ``reference_video_urls`` (the docs' words); those two, ``first_frame_image_url`` and
  ``reference_audio_url`` ("for wan-2.7-r2v") are refused for the other models.
- ``image_to_video``: the prompt row reads "Required for wan-2.6-* and wan-2.7-*; required for
  flash models": ``prompt`` is required for ``wan-2.6-image-to-video``,
  ``wan-2.6-flash-image-to-video`` and ``wan-2.7-image-to-video`` and optional for 2.2 and 2.5.
  ``first_frame_image_url`` is required for every model but ``wan-2.7-image-to-video``.
- ``edit_video``: ``source_video_url`` (required for ``wan-2.7-edit-video``) and
  ``source_video_urls`` (required for the two 2.6 models) are each refused for the models that
  take the other one.
- Values the docs give only as examples or not at all stay free strings: ``output_resolution``
  ("e.g. 720p, 1080p"), ``ratio``, ``acceleration``, ``audio_setting``, and ``aspect_ratio`` of
  ``image_to_video`` and ``edit_video`` (only ``text_to_video`` and ``text_to_image`` list theirs).
- No range is documented for ``duration_seconds``, ``seed``, ``guidance_scale`` or ``shift``:
  any number (an integer for ``seed``) is sent, but a duration must be greater than 0 (the
  core's rule for every family's durations: ``runapi._core.params.sign_rule``). Counts
  (``output_count``, ``num_frames``, ``frames_per_second``, ``num_inference_steps``) are read as
  at least 1.
- ``text_to_image``: ``color_palette`` items are ``{hex, ratio}`` (:class:`PaletteColor`, both
  read as required, ``ratio`` a number); ``bbox_list``'s items have no documented shape, so any
  JSON list is sent as given.
- The docs print a 202 answer (``{"id": "task_abc123"}``, no ``status``) only for
  ``text_to_video``, one completed answer (``videos``), and the ``images`` field of
  ``text_to_image``; no failed or callback example. The other endpoints are read as answering
  the same way ("Same response format as Get Text-to-Video"); a failure is the platform's
  general ``{"id", "status": "failed", "error"}`` (docs: Errors > Task-Specific Errors).

Newer source: the platform contract (``runapi-ai/cli`` ``contract_gen.go``) lists ``aspect_ratio``
(``16:9``, ``9:16``, ``1:1``, ``4:3``, ``3:4``) for ``wan-2.7-r2v``, where the docs said "Not applicable
for wan-2.7-*": it is accepted for that model (still refused for ``wan-2.7-text-to-video``, which the
contract lists without one).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import By, CallbackUrl, HttpUrl, by, field, integer, params, rules, text_list
from .errors import ValidationError

__all__ = [
    "ANIMATE_MODELS",
    "EDIT_VIDEO_MODELS",
    "EDIT_VIDEO_RULES",
    "IMAGE_TO_VIDEO_MODELS",
    "IMAGE_TO_VIDEO_RULES",
    "MODELS",
    "SPEECH_TO_VIDEO_MODELS",
    "TEXT_TO_IMAGE_MODELS",
    "TEXT_TO_IMAGE_RULES",
    "TEXT_TO_VIDEO_MODELS",
    "TEXT_TO_VIDEO_RULES",
    "AnimateModel",
    "AnimateParams",
    "EditVideoModel",
    "EditVideoParams",
    "Image",
    "ImageAspectRatio",
    "ImageTask",
    "ImageToVideoModel",
    "ImageToVideoParams",
    "Model",
    "PaletteColor",
    "SpeechToVideoModel",
    "SpeechToVideoParams",
    "TextToImageModel",
    "TextToImageParams",
    "TextToVideoModel",
    "TextToVideoParams",
    "Video",
    "VideoAspectRatio",
    "VideoTask",
    "Wan",
]

# -- models (docs: Wan > Models, and each endpoint's ``model`` row) ----------------------------

TextToVideoModel = Literal[
    "wan-2.2-a14b-text-to-video-turbo",
    "wan-2.5-text-to-video",
    "wan-2.6-text-to-video",
    "wan-2.7-text-to-video",
    "wan-2.7-r2v",
]
"""``text_to_video`` models; ``wan-2.7-r2v`` is guided by reference images or videos."""

ImageToVideoModel = Literal[
    "wan-2.2-a14b-image-to-video-turbo",
    "wan-2.5-image-to-video",
    "wan-2.6-image-to-video",
    "wan-2.6-flash-image-to-video",
    "wan-2.7-image-to-video",
]
"""``image_to_video`` models; ``wan-2.6-flash-image-to-video`` is the flash model."""

SpeechToVideoModel = Literal["wan-2.2-a14b-speech-to-video-turbo"]
"""The one ``speech_to_video`` model."""

AnimateModel = Literal["wan-2.2-animate-move", "wan-2.2-animate-replace"]
"""``animate`` models."""

TextToImageModel = Literal["wan-2.7-image", "wan-2.7-image-pro"]
"""``text_to_image`` models."""

EditVideoModel = Literal["wan-2.6-edit-video", "wan-2.6-flash-edit-video", "wan-2.7-edit-video"]
"""``edit_video`` models; ``wan-2.6-flash-edit-video`` is the flash model."""

Model = Literal[TextToVideoModel, ImageToVideoModel, SpeechToVideoModel, AnimateModel, TextToImageModel, EditVideoModel]
"""Every Wan model id (the docs' Models table: 18 ids)."""

TEXT_TO_VIDEO_MODELS: tuple[TextToVideoModel, ...] = get_args(TextToVideoModel)
IMAGE_TO_VIDEO_MODELS: tuple[ImageToVideoModel, ...] = get_args(ImageToVideoModel)
SPEECH_TO_VIDEO_MODELS: tuple[SpeechToVideoModel, ...] = get_args(SpeechToVideoModel)
ANIMATE_MODELS: tuple[AnimateModel, ...] = get_args(AnimateModel)
TEXT_TO_IMAGE_MODELS: tuple[TextToImageModel, ...] = get_args(TextToImageModel)
EDIT_VIDEO_MODELS: tuple[EditVideoModel, ...] = get_args(EditVideoModel)
MODELS: tuple[Model, ...] = (
    *TEXT_TO_VIDEO_MODELS,
    *IMAGE_TO_VIDEO_MODELS,
    *SPEECH_TO_VIDEO_MODELS,
    *ANIMATE_MODELS,
    *TEXT_TO_IMAGE_MODELS,
    *EDIT_VIDEO_MODELS,
)
"""Every Wan model id, endpoint by endpoint."""

VideoAspectRatio = Literal["16:9", "9:16", "1:1", "4:3", "3:4"]
"""``text_to_video``'s aspect ratios (docs: Wan > Text to Video)."""

ImageAspectRatio = Literal["1:1", "16:9", "4:3", "21:9", "3:4", "9:16", "8:1", "1:8"]
"""``text_to_image``'s aspect ratios (docs: Wan > Image Generation)."""

_count = integer(1)


def _per_model(
    models: Sequence[str],
    *,
    only: Mapping[str, Sequence[str]],
    required: Mapping[str, Sequence[str]] | None = None,
) -> By:
    """A ``by("model", ...)`` table from the docs' own phrasing, parameter by parameter.

    Args:
        models: every model of the endpoint (each gets an entry, even with no rule).
        only: parameter -> the models it is documented for; every other model refuses it.
        required: model -> the parameters it requires.
    """
    return by(
        "model",
        {
            model: rules(
                required=(required or {}).get(model, ()),
                refused=[name for name, accepting in only.items() if model not in accepting],
            )
            for model in models
        },
    )


def _json_list(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A JSON array (list or tuple) of any items: for ``bbox_list``, whose item shape is undocumented."""
    if value is None or isinstance(value, list | tuple):
        return
    allowed = "a list"
    raise ValidationError(
        f"{attribute.name} must be {allowed}; got {repr(value)[:80]}", field=attribute.name, allowed=allowed
    )


# -- what each model takes (docs: each endpoint's Request Parameters) --------------------------

_T2V_22, _T2V_25, _T2V_26, _T2V_27, _R2V = TEXT_TO_VIDEO_MODELS

TEXT_TO_VIDEO_RULES = _per_model(
    TEXT_TO_VIDEO_MODELS,
    only={
        # docs: "Not applicable for wan-2.7-*"; newer source, the platform contract: wan-2.7-r2v takes one
        "aspect_ratio": (_T2V_22, _T2V_25, _T2V_26, _R2V),
        "ratio": (_T2V_27, _R2V),  # "wan-2.7-* only"
        "negative_prompt": (_T2V_25, _T2V_27, _R2V),  # "Supported by wan-2.5-* and wan-2.7-*"
        "reference_image_urls": (_R2V,),
        "reference_video_urls": (_R2V,),
        "first_frame_image_url": (_R2V,),
        "reference_audio_url": (_R2V,),
        "acceleration": (_T2V_22,),  # "wan-2.2-* only"
        "watermark": (_T2V_27, _R2V),  # "wan-2.7-* only"
        "background_audio_url": (_T2V_27,),  # "wan-2.7-text-to-video only"
    },
    required={_T2V_25: ["duration_seconds"]},  # "Required for wan-2.5-*"
)
"""What each ``text_to_video`` model requires and refuses (docs: Wan > Text to Video). Beyond the
table, ``wan-2.7-r2v`` needs ``reference_image_urls`` or ``reference_video_urls`` (at least one)."""

_REFERENCES = ("reference_image_urls", "reference_video_urls")
_NEEDS_A_REFERENCE: frozenset[str] = frozenset({_R2V})

_I2V_22, _I2V_25, _I2V_26, _I2V_FLASH, _I2V_27 = IMAGE_TO_VIDEO_MODELS

IMAGE_TO_VIDEO_RULES = _per_model(
    IMAGE_TO_VIDEO_MODELS,
    only={
        "aspect_ratio": (_I2V_22, _I2V_25),  # "Supported by wan-2.2-* and wan-2.5-*"
        "ratio": (_I2V_27,),
        "negative_prompt": (_I2V_25, _I2V_27),
        "watermark": (_I2V_27,),
        "audio": (_I2V_FLASH,),  # "Flash models only"
        "multi_shots": (_I2V_FLASH,),
        "last_frame_image_url": (_I2V_27,),
        "source_video_url": (_I2V_27,),
        "driving_audio_url": (_I2V_27,),
        "background_audio_url": (_I2V_27,),
    },
    required={
        _I2V_22: ["first_frame_image_url"],
        _I2V_25: ["first_frame_image_url", "duration_seconds"],
        _I2V_26: ["prompt", "first_frame_image_url"],
        _I2V_FLASH: ["prompt", "first_frame_image_url"],
        _I2V_27: ["prompt"],
    },
)
"""What each ``image_to_video`` model requires and refuses (docs: Wan > Image to Video)."""

_IMAGE, _IMAGE_PRO = TEXT_TO_IMAGE_MODELS

TEXT_TO_IMAGE_RULES = _per_model(TEXT_TO_IMAGE_MODELS, only={"thinking_mode": (_IMAGE_PRO,)})
"""``thinking_mode`` is for ``wan-2.7-image-pro`` only (docs: Wan > Image Generation)."""

_EDIT_26, _EDIT_FLASH, _EDIT_27 = EDIT_VIDEO_MODELS

EDIT_VIDEO_RULES = _per_model(
    EDIT_VIDEO_MODELS,
    only={
        "source_video_url": (_EDIT_27,),
        "source_video_urls": (_EDIT_26, _EDIT_FLASH),
        "audio": (_EDIT_FLASH,),  # "Flash model only"
        "multi_shots": (_EDIT_FLASH,),
    },
    required={
        _EDIT_26: ["source_video_urls"],
        _EDIT_FLASH: ["source_video_urls"],
        _EDIT_27: ["source_video_url"],
    },
)
"""What each ``edit_video`` model requires and refuses (docs: Wan > Video Edit)."""


# -- results ---------------------------------------------------------------------------------


Video = media.Video
"""One generated video: ``url`` to download it (MP4 in the docs' example)."""


@attrs.frozen(kw_only=True)
class VideoTask(media.VideoTask):
    """A ``text_to_video``, ``image_to_video``, ``speech_to_video``, ``animate`` or ``edit_video`` task.

    Attributes:
        videos: the generated videos, once completed.
    """


Image = media.Image
"""One generated image: ``url`` to download it."""


@attrs.frozen(kw_only=True)
class ImageTask(media.ImageTask):
    """A ``text_to_image`` task.

    Attributes:
        images: the generated images, once completed.
    """


# -- params ----------------------------------------------------------------------------------


@params
class TextToVideoParams:
    """Params of ``POST /api/v1/wan/text_to_video`` (docs: Wan > Text to Video; Wan 2.7 R2V Text to Video).

    Per-model rules: :data:`TEXT_TO_VIDEO_RULES`.

    Attributes:
        model: one of :data:`TEXT_TO_VIDEO_MODELS`.
        prompt: what the video shows.
        callback_url: where RunAPI POSTs the result.
        duration_seconds: length of the video, seconds (greater than 0); required for ``wan-2.5-text-to-video``.
        output_resolution: e.g. ``"720p"`` or ``"1080p"``.
        aspect_ratio: ``"16:9"``, ``"9:16"``, ``"1:1"``, ``"4:3"`` or ``"3:4"``; not for
            ``wan-2.7-text-to-video``.
        ratio: the wan-2.7 models' own ratio format (values undocumented).
        negative_prompt: what to avoid; wan-2.5 and wan-2.7 models.
        reference_image_urls: reference image URLs; ``wan-2.7-r2v`` only.
        reference_video_urls: reference video URLs; ``wan-2.7-r2v`` only. That model needs at
            least one reference image or video.
        first_frame_image_url: first frame image URL; ``wan-2.7-r2v`` only.
        reference_audio_url: reference audio URL; ``wan-2.7-r2v`` only.
        enable_prompt_expansion: let the model expand the prompt.
        seed: random seed, for reproducible output.
        acceleration: generation speed setting; ``wan-2.2-a14b-text-to-video-turbo`` only.
        enable_safety_checker: turn the content safety check on or off.
        watermark: add a watermark; wan-2.7 models only.
        background_audio_url: background audio URL; ``wan-2.7-text-to-video`` only.
    """

    model: TextToVideoModel | str
    prompt: str
    callback_url: CallbackUrl | None = None
    duration_seconds: float | None = None
    output_resolution: str | None = None
    aspect_ratio: VideoAspectRatio | None = None
    ratio: str | None = None
    negative_prompt: str | None = None
    reference_image_urls: Sequence[HttpUrl] | None = field(text_list(min_items=1), default=None)
    reference_video_urls: Sequence[HttpUrl] | None = field(text_list(min_items=1), default=None)
    first_frame_image_url: HttpUrl | None = None
    reference_audio_url: HttpUrl | None = None
    enable_prompt_expansion: bool | None = None
    seed: int | None = None
    acceleration: str | None = None
    enable_safety_checker: bool | None = None
    watermark: bool | None = None
    background_audio_url: HttpUrl | None = None

    __rules__ = TEXT_TO_VIDEO_RULES

    def __attrs_post_init__(self) -> None:
        # "At least one reference image or video URL is required": one of two fields, which no table says
        if self.model in _NEEDS_A_REFERENCE and all(getattr(self, name) is None for name in _REFERENCES):
            allowed = f"reference_image_urls or reference_video_urls (at least one) for model {self.model!r}"
            raise ValidationError(
                f"reference_image_urls or reference_video_urls is required for model {self.model!r}: "
                "at least one reference image or video URL",
                field="reference_image_urls",
                allowed=allowed,
            )


@params
class ImageToVideoParams:
    """Params of ``POST /api/v1/wan/image_to_video`` (docs: Wan > Image to Video).

    Per-model rules: :data:`IMAGE_TO_VIDEO_RULES`.

    Attributes:
        model: one of :data:`IMAGE_TO_VIDEO_MODELS`.
        prompt: how the image comes to life; required for the wan-2.6 (flash too) and wan-2.7 models.
        callback_url: where RunAPI POSTs the result.
        first_frame_image_url: the source image (first frame); required for every model but
            ``wan-2.7-image-to-video``, where it is optional frame anchoring.
        duration_seconds: length of the video, seconds (greater than 0); required for ``wan-2.5-image-to-video``.
        output_resolution: e.g. ``"720p"``.
        aspect_ratio: aspect ratio (values undocumented); wan-2.2 and wan-2.5 models only.
        ratio: the wan-2.7 model's ratio format (values undocumented).
        negative_prompt: what to avoid; wan-2.5 and wan-2.7 models.
        enable_prompt_expansion: let the model expand the prompt.
        seed: random seed.
        enable_safety_checker: turn the content safety check on or off.
        watermark: add a watermark; wan-2.7 only.
        audio: generate audio; flash model only.
        multi_shots: multi-shot mode; flash model only.
        last_frame_image_url: last frame image URL; wan-2.7 only.
        source_video_url: a video to continue; wan-2.7 only.
        driving_audio_url: driving audio URL; wan-2.7 only.
        background_audio_url: background audio URL; wan-2.7 only.
    """

    model: ImageToVideoModel | str
    prompt: str | None = None
    callback_url: CallbackUrl | None = None
    first_frame_image_url: HttpUrl | None = None
    duration_seconds: float | None = None
    output_resolution: str | None = None
    aspect_ratio: str | None = None
    ratio: str | None = None
    negative_prompt: str | None = None
    enable_prompt_expansion: bool | None = None
    seed: int | None = None
    enable_safety_checker: bool | None = None
    watermark: bool | None = None
    audio: bool | None = None
    multi_shots: bool | None = None
    last_frame_image_url: HttpUrl | None = None
    source_video_url: HttpUrl | None = None
    driving_audio_url: HttpUrl | None = None
    background_audio_url: HttpUrl | None = None

    __rules__ = IMAGE_TO_VIDEO_RULES


@params
class SpeechToVideoParams:
    """Params of ``POST /api/v1/wan/speech_to_video`` (docs: Wan > Speech to Video): a talking head.

    Attributes:
        model: ``"wan-2.2-a14b-speech-to-video-turbo"``.
        source_image_url: the portrait image URL.
        source_audio_url: the driving speech audio URL.
        prompt: additional description.
        callback_url: where RunAPI POSTs the result.
        num_frames: number of output frames (at least 1).
        frames_per_second: frames per second (at least 1).
        output_resolution: output resolution, e.g. ``"720p"``.
        negative_prompt: what to avoid.
        seed: random seed.
        num_inference_steps: denoising steps (at least 1).
        guidance_scale: classifier-free guidance scale.
        shift: noise shift.
        enable_safety_checker: turn the content safety check on or off.
    """

    model: SpeechToVideoModel | str
    source_image_url: HttpUrl
    source_audio_url: HttpUrl
    prompt: str | None = None
    callback_url: CallbackUrl | None = None
    num_frames: int | None = field(_count, default=None)
    frames_per_second: int | None = field(_count, default=None)
    output_resolution: str | None = None
    negative_prompt: str | None = None
    seed: int | None = None
    num_inference_steps: int | None = field(_count, default=None)
    guidance_scale: float | None = None
    shift: float | None = None
    enable_safety_checker: bool | None = None


@params
class AnimateParams:
    """Params of ``POST /api/v1/wan/animate`` (docs: Wan > Animation): animate a character from a motion video.

    Attributes:
        model: ``"wan-2.2-animate-move"`` or ``"wan-2.2-animate-replace"``.
        reference_video_url: the motion reference video URL.
        source_image_url: the character or subject image URL.
        callback_url: where RunAPI POSTs the result.
        output_resolution: output resolution, e.g. ``"720p"``.
        enable_safety_checker: turn the content safety check on or off.
    """

    model: AnimateModel | str
    reference_video_url: HttpUrl
    source_image_url: HttpUrl
    callback_url: CallbackUrl | None = None
    output_resolution: str | None = None
    enable_safety_checker: bool | None = None


@params
class PaletteColor:
    """One ``color_palette`` constraint of ``text_to_image``: a colour and its share.

    ``text_to_image`` also takes each as a mapping ``{"hex": ..., "ratio": ...}``.

    Attributes:
        hex: the colour as a hex code, e.g. ``"#1E90FF"``.
        ratio: its share of the image (a number; the docs give no scale).
    """

    hex: str
    ratio: float


@params
class TextToImageParams:
    """Params of ``POST /api/v1/wan/text_to_image`` (docs: Wan > Image Generation).

    Per-model rules: :data:`TEXT_TO_IMAGE_RULES`.

    Attributes:
        model: ``"wan-2.7-image"`` or ``"wan-2.7-image-pro"``.
        prompt: what the image shows.
        callback_url: where RunAPI POSTs the result.
        aspect_ratio: ``"1:1"``, ``"16:9"``, ``"4:3"``, ``"21:9"``, ``"3:4"``, ``"9:16"``, ``"8:1"``
            or ``"1:8"``.
        output_resolution: output resolution.
        output_count: number of images (at least 1).
        enable_sequential: sequential generation mode.
        thinking_mode: enhanced reasoning; ``wan-2.7-image-pro`` only.
        watermark: add a watermark.
        seed: random seed.
        enable_safety_checker: turn the content safety check on or off.
        source_image_urls: images to edit (at least one URL when given).
        color_palette: colour constraints: :class:`PaletteColor` objects or ``{hex, ratio}`` mappings.
        bbox_list: bounding box constraints, sent as given (the docs do not shape them).
    """

    model: TextToImageModel | str
    prompt: str
    callback_url: CallbackUrl | None = None
    aspect_ratio: ImageAspectRatio | None = None
    output_resolution: str | None = None
    output_count: int | None = field(_count, default=None)
    enable_sequential: bool | None = None
    thinking_mode: bool | None = None
    watermark: bool | None = None
    seed: int | None = None
    enable_safety_checker: bool | None = None
    source_image_urls: Sequence[HttpUrl] | None = field(text_list(min_items=1), default=None)
    color_palette: list[PaletteColor] | None = None
    bbox_list: list[Any] | None = field(_json_list, default=None)

    __rules__ = TEXT_TO_IMAGE_RULES


@params
class EditVideoParams:
    """Params of ``POST /api/v1/wan/edit_video`` (docs: Wan > Video Edit).

    Per-model rules: :data:`EDIT_VIDEO_RULES`.

    Attributes:
        model: one of :data:`EDIT_VIDEO_MODELS`.
        source_video_url: the video to edit; required for (and only for) ``wan-2.7-edit-video``.
        source_video_urls: the videos to edit (at least one); required for (and only for) the
            wan-2.6 models.
        prompt: the edit to make.
        callback_url: where RunAPI POSTs the result.
        negative_prompt: what to avoid.
        reference_image_url: a reference image for style guidance.
        output_resolution: output resolution.
        aspect_ratio: output aspect ratio (values undocumented).
        duration_seconds: output duration, seconds (greater than 0).
        audio_setting: audio handling setting (values undocumented).
        audio: generate audio; ``wan-2.6-flash-edit-video`` only.
        multi_shots: multi-shot mode; ``wan-2.6-flash-edit-video`` only.
        enable_prompt_expansion: let the model expand the prompt.
        watermark: add a watermark.
        seed: random seed.
        enable_safety_checker: turn the content safety check on or off.
    """

    model: EditVideoModel | str
    source_video_url: HttpUrl | None = None
    source_video_urls: Sequence[HttpUrl] | None = field(text_list(min_items=1), default=None)
    prompt: str | None = None
    callback_url: CallbackUrl | None = None
    negative_prompt: str | None = None
    reference_image_url: HttpUrl | None = None
    output_resolution: str | None = None
    aspect_ratio: str | None = None
    duration_seconds: float | None = None
    audio_setting: str | None = None
    audio: bool | None = None
    multi_shots: bool | None = None
    enable_prompt_expansion: bool | None = None
    watermark: bool | None = None
    seed: int | None = None
    enable_safety_checker: bool | None = None

    __rules__ = EDIT_VIDEO_RULES


# -- operations ------------------------------------------------------------------------------

_WAN = "/api/v1/wan"


class Wan(Family[ClientT]):
    """``client.wan``: Wan's video and image endpoints (docs: Wan).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` polls ``GET <path>/{id}``.
    """

    text_to_video = TaskOperation(f"{_WAN}/text_to_video", TextToVideoParams, VideoTask, duration=DURATIONS["video"])
    """Generate a video from a prompt, or from reference images/videos with ``wan-2.7-r2v`` (docs: Wan > Text
    to Video; Wan 2.7 R2V Text to Video)."""

    image_to_video = TaskOperation(f"{_WAN}/image_to_video", ImageToVideoParams, VideoTask, duration=DURATIONS["video"])
    """Bring an image to life (docs: Wan > Image to Video)."""

    speech_to_video = TaskOperation(
        f"{_WAN}/speech_to_video", SpeechToVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Make a talking-head video from a portrait and speech audio (docs: Wan > Speech to Video)."""

    animate = TaskOperation(f"{_WAN}/animate", AnimateParams, VideoTask, duration=DURATIONS["video"])
    """Animate a character image with a motion reference video (docs: Wan > Animation)."""

    text_to_image = TaskOperation(f"{_WAN}/text_to_image", TextToImageParams, ImageTask, duration=DURATIONS["image"])
    """Generate images from a prompt (docs: Wan > Image Generation)."""

    edit_video = TaskOperation(f"{_WAN}/edit_video", EditVideoParams, VideoTask, duration=DURATIONS["video"])
    """Edit a video with a prompt (docs: Wan > Video Edit)."""
