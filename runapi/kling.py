"""Kling: text-to-video, image-to-video, video editing and extension, talking avatars and motion transfer (docs: Kling).

Reached as ``client.kling``::

    video = client.kling.text_to_video.run(
        model="kling-3.0", prompt="A drone shot of a lake", aspect_ratio="16:9", duration_seconds=8
    )
    print(video.videos[0].url)

Six task operations, each polled at ``GET <create path>/{id}``: ``text_to_video`` (``kling-3.0``,
single-shot or multi-shot with :class:`Shot` items and :class:`KlingElement` references; ``kling-o1``
with reference media; the V2.1 Master, V2.5 Turbo, V2.6 and V3 Omni / Omni Reference / Turbo
text-to-video models), ``image_to_video``, ``ai_avatar``, ``motion_control``, ``extend_video`` and
``edit_video``. What each model accepts is data: :data:`TEXT_TO_VIDEO_RULES`, :data:`SHOT_RULES`,
:data:`IMAGE_TO_VIDEO_RULES`, :data:`MOTION_CONTROL_RULES`, :data:`EDIT_VIDEO_RULES`.

Newer source (the platform contract, ``tests/contract/platform-contract.json``; the official package
``runapi-kling`` 0.5.1 and its repository ``runapi-ai/kling-sdk``: ``contract_gen.py``, ``types.ts``,
``o1_reference_validation.py``), which wins over the seed docs where they differ:

- models the docs do not list: ``kling-o1``, ``kling-v2.6``, ``kling-v3-omni`` and
  ``kling-v3-turbo-text-to-video`` / ``-image-to-video`` on ``text_to_video`` / ``image_to_video``;
  ``kling-v3-omni-reference`` on ``text_to_video`` (the official contract and README; not in the
  platform's CLI contract); ``kling-v2.6`` on ``motion_control`` (requires ``character_orientation`` and
  ``output_resolution``, refuses ``background_source``);
- their fields and per-model enums: ``mode`` (``std``/``pro``), ``reference_image_urls`` (1-7),
  ``reference_video_url``, ``reference_video_type`` (``base``/``feature``),
  ``preserve_reference_video_audio``; durations 5 (``kling-o1``), 5 or 10 (``kling-v2.6``), 3-15 (V3);
  resolutions up to ``4k`` (V3 Omni) or ``1080p`` (V3 Turbo); the fields each model's rules forbid;
- ``kling-o1``'s reference rules (the package's README and ``o1_reference_validation``): sound off, images
  named ``<<<image_N>>>`` and the video ``<<<video_1>>>`` in the prompt, at most 4 images with a video, no
  last frame with references, a ``"base"`` video (the default) with no frame image;
- ``kling-v2.6``: ``enable_sound=True`` and (image-to-video) ``last_frame_image_url`` need ``mode="pro"``;
  a last frame needs 5 seconds (also ``kling-v3-omni``) (``types.ts``);
- ``extend_video`` (``source_task_id``, ``mode``, ``prompt``): the contract keys its ``mode`` by the source
  task's V2.5 Turbo model, which the official package does not send: ``model`` is optional here;
- ``edit_video`` (``kling-v3-omni-edit`` / ``kling-v3-omni-reference``, exactly one of
  ``source_video_url`` / ``source_task_id``; ``aspect_ratio`` ``"auto"`` and 5 seconds without
  reference images, a fixed ratio with 1-4): the official contract; the platform contract lists the
  path only.

The newer sources still name ``motion_control``'s subject image ``source_image_url``, where the docs
(and this module) say ``source_first_frame_image_url``: not changed here (reported, unverified).

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
- Fields a model's table does not list are refused for that model rather than sent and ignored
  (also ``mode`` for the models whose contract rows list none: ``kling-3.0``, V2.1, V2.5, V3):
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
- Newer-source readings: ``kling-v3-omni-reference`` on ``text_to_video`` is "for image-only
  reference inputs" (README): its reference video fields are refused. The official O1 check's URL
  tests (public hosts, JPG/PNG/MP4/MOV extensions) are media limits and not repeated. ``edit_video``'s
  modes are the same for both models, so they apply to any model; ``extend_video``'s and
  ``edit_video``'s ``source_task_id`` is any non-blank task id (the platform checks the task).
- No processing status is printed: the 202 answer (``{"id", "status": "processing"}``) is its
  shape; status answers and callback bodies are the same objects.
"""

from __future__ import annotations

import re
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
    by_presence,
    check,
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
    "EDIT_VIDEO_MODELS",
    "EDIT_VIDEO_MODEL_RULES",
    "EDIT_VIDEO_RULES",
    "EXTEND_VIDEO_MODELS",
    "IMAGE_TO_VIDEO_MODELS",
    "IMAGE_TO_VIDEO_RULES",
    "MAX_TOTAL_SECONDS",
    "MIN_TOTAL_SECONDS",
    "MODELS",
    "MOTION_CONTROL_MODELS",
    "MOTION_CONTROL_RULES",
    "SHOT_RULES",
    "TEXT_TO_VIDEO_MODELS",
    "TEXT_TO_VIDEO_RULES",
    "AiAvatarParams",
    "AspectRatio",
    "AvatarModel",
    "EditAspectRatio",
    "EditVideoModel",
    "EditVideoParams",
    "ExtendVideoModel",
    "ExtendVideoParams",
    "ImageToVideoModel",
    "ImageToVideoParams",
    "Kling",
    "KlingElement",
    "Mode",
    "Model",
    "MotionControlModel",
    "MotionControlParams",
    "OutputResolution",
    "ReferenceVideoType",
    "Shot",
    "TextToVideoModel",
    "TextToVideoParams",
    "Video",
    "VideoTask",
]

TextToVideoModel = Literal[
    "kling-3.0",
    "kling-o1",
    "kling-v2.1-master-text-to-video",
    "kling-v2.5-turbo-text-to-video-pro",
    "kling-v2.6",
    "kling-v3-omni",
    "kling-v3-omni-reference",
    "kling-v3-turbo-text-to-video",
]
"""``text_to_video``'s models (newer source: the platform contract and ``runapi-kling`` 0.5.1); what each
accepts is in :data:`TEXT_TO_VIDEO_RULES`."""

TEXT_TO_VIDEO_MODELS: tuple[TextToVideoModel, ...] = get_args(TextToVideoModel)

ImageToVideoModel = Literal[
    "kling-o1",
    "kling-v2.1-pro",
    "kling-v2.1-standard",
    "kling-v2.1-master-image-to-video",
    "kling-v2.5-turbo-image-to-video-pro",
    "kling-v2.6",
    "kling-v3-omni",
    "kling-v3-turbo-image-to-video",
]
"""``image_to_video``'s models (newer source: the platform contract); what each accepts is in
:data:`IMAGE_TO_VIDEO_RULES`."""

IMAGE_TO_VIDEO_MODELS: tuple[ImageToVideoModel, ...] = get_args(ImageToVideoModel)

AvatarModel = Literal[
    "kling-ai-avatar-pro", "kling-ai-avatar-standard", "kling-ai-avatar-v1-pro", "kling-v1-avatar-standard"
]
"""``ai_avatar``'s models (docs: Kling > Create AI Avatar); they take the same parameters."""

AVATAR_MODELS: tuple[AvatarModel, ...] = get_args(AvatarModel)

MotionControlModel = Literal["kling-3.0", "kling-v2.6"]
"""``motion_control``'s models: the docs' ``kling-3.0`` and (newer source: the platform contract) ``kling-v2.6``;
what each accepts is in :data:`MOTION_CONTROL_RULES`."""

MOTION_CONTROL_MODELS: tuple[MotionControlModel, ...] = get_args(MotionControlModel)

ExtendVideoModel = Literal["kling-v2.5-turbo-image-to-video-pro", "kling-v2.5-turbo-text-to-video-pro"]
"""The models of the task ``extend_video`` continues (the platform contract; the official package sends no model)."""

EXTEND_VIDEO_MODELS: tuple[ExtendVideoModel, ...] = get_args(ExtendVideoModel)

EditVideoModel = Literal["kling-v3-omni-edit", "kling-v3-omni-reference"]
"""``edit_video``'s models (``runapi-ai/kling-sdk``'s generated contract; the platform contract lists none)."""

EDIT_VIDEO_MODELS: tuple[EditVideoModel, ...] = get_args(EditVideoModel)

Model = Literal[TextToVideoModel, ImageToVideoModel, AvatarModel, MotionControlModel, ExtendVideoModel, EditVideoModel]
"""Every Kling model id (docs: Kling > Model Variants; newer source: the platform contract and the official
package); each endpoint takes some of them."""

MODELS: tuple[Model, ...] = tuple(dict.fromkeys(get_args(Model)))

AspectRatio = Literal["16:9", "9:16", "1:1"]
"""The aspect ratios of ``text_to_video`` and ``image_to_video`` (every model)."""

ASPECT_RATIOS: tuple[AspectRatio, ...] = get_args(AspectRatio)

EditAspectRatio = Literal["auto", "16:9", "9:16", "1:1"]
"""``edit_video``'s aspect ratios: ``"auto"`` (keep the source's) without reference images, a fixed ratio with them."""

OutputResolution = Literal["720p", "1080p", "4k"]
"""Output resolutions; the V3 Turbo models and ``motion_control`` stop at ``"1080p"``."""

Mode = Literal["std", "pro"]
"""Quality mode of ``kling-o1``, ``kling-v2.6`` and ``extend_video`` (the platform contract)."""

ReferenceVideoType = Literal["base", "feature"]
"""How ``kling-o1`` uses its reference video: ``"base"`` (the default; no frame inputs) or ``"feature"``."""

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

_REFERENCES = ("reference_image_urls", "reference_video_url", "reference_video_type", "preserve_reference_video_audio")
"""``kling-o1``'s reference media (``kling-v3-omni-reference`` takes the images only)."""
_SHOT_FIELDS = ("multi_shots", "multi_prompt", "first_frame_image_url", "last_frame_image_url", "kling_elements")
_V3_ONLY = ("enable_sound", "output_resolution", *_SHOT_FIELDS)
_V2_ONLY = ("negative_prompt", "cfg_scale")
_V2_DURATIONS = one_of(5, 10)
_O1_DURATIONS = one_of(5)  # "O1 requests are five seconds" (runapi-kling 0.5.1 README)
_V3_DURATIONS = integer(MIN_TOTAL_SECONDS, MAX_TOTAL_SECONDS)  # the contract's enum: 3, 4, ... 15
_PROMPT_2500 = text(max_length=2_500)
_TURBO_RESOLUTIONS = one_of("720p", "1080p")
_NO_SOUND = one_of(False)  # "keep sound disabled" (runapi-kling 0.5.1 README)

TEXT_TO_VIDEO_RULES = by(
    "model",
    {
        "kling-3.0": rules(duration_seconds=_V3_DURATIONS, refused=(*_V2_ONLY, "mode", *_REFERENCES)),
        "kling-o1": rules(
            required=["prompt"],
            prompt=_PROMPT_2500,
            duration_seconds=_O1_DURATIONS,
            enable_sound=_NO_SOUND,
            refused=("output_resolution", *_V2_ONLY, *_SHOT_FIELDS),
        ),
        "kling-v2.1-master-text-to-video": rules(
            required=["prompt"],
            prompt=text(max_length=5_000),
            negative_prompt=text(max_length=500),
            duration_seconds=_V2_DURATIONS,
            refused=(*_V3_ONLY, "mode", *_REFERENCES),
        ),
        "kling-v2.5-turbo-text-to-video-pro": rules(
            required=["prompt"],
            prompt=text(max_length=2_500),
            negative_prompt=text(max_length=2_500),
            duration_seconds=_V2_DURATIONS,
            refused=(*_V3_ONLY, "mode", *_REFERENCES),
        ),
        "kling-v2.6": rules(
            required=["prompt"],
            prompt=_PROMPT_2500,
            duration_seconds=_V2_DURATIONS,
            refused=("output_resolution", *_V2_ONLY, *_SHOT_FIELDS, *_REFERENCES),
        ),
        "kling-v3-omni": rules(
            required=["prompt"],
            prompt=_PROMPT_2500,
            duration_seconds=_V3_DURATIONS,
            refused=(*_V2_ONLY, "mode", *_SHOT_FIELDS, *_REFERENCES),
        ),
        "kling-v3-omni-reference": rules(
            required=["prompt", "aspect_ratio", "reference_image_urls"],
            prompt=_PROMPT_2500,
            duration_seconds=_V3_DURATIONS,
            refused=(*_V2_ONLY, "mode", *_SHOT_FIELDS, *_REFERENCES[1:]),
        ),
        "kling-v3-turbo-text-to-video": rules(
            required=["prompt"],
            prompt=_PROMPT_2500,
            duration_seconds=_V3_DURATIONS,
            output_resolution=_TURBO_RESOLUTIONS,
            refused=("enable_sound", *_V2_ONLY, "mode", *_SHOT_FIELDS, *_REFERENCES),
        ),
    },
)
"""What each ``text_to_video`` model accepts (docs: Kling > Create Kling Text-to-Video; Create V2.1
and V2.5 Video > Request Parameters (Text-to-Video); newer source: the platform contract and
``runapi-ai/kling-sdk``'s generated contract for ``kling-o1``, ``kling-v2.6``, ``kling-v3-omni``,
``kling-v3-omni-reference`` and ``kling-v3-turbo-text-to-video``): ``kling-3.0`` lasts 3-15 seconds and has
sound, resolution, multi-shot, frame and element fields; the V2.1/V2.5 models last 5 or 10 seconds,
require a prompt (5,000 / 2,500 characters) and take ``negative_prompt`` (500 / 2,500) and
``cfg_scale``; ``kling-v2.6`` lasts 5 or 10 seconds with a ``mode``; ``kling-o1`` lasts 5 seconds, has no
sound and takes reference media; the V3 Omni and Turbo models last 3-15 seconds (Turbo: no sound, at
most 1080p); ``kling-v3-omni-reference`` needs ``aspect_ratio`` and 1-7 ``reference_image_urls``."""

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
_I2V_V2_REFUSED = ("output_resolution", "enable_sound", "mode", *_REFERENCES)

IMAGE_TO_VIDEO_RULES = by(
    "model",
    {
        "kling-o1": rules(
            prompt=_PROMPT_2500,
            duration_seconds=_O1_DURATIONS,
            enable_sound=_NO_SOUND,
            refused=("output_resolution", *_V2_ONLY),
        ),
        "kling-v2.1-pro": rules(prompt=_V21_PROMPT, duration_seconds=_V2_DURATIONS, refused=_I2V_V2_REFUSED),
        "kling-v2.1-standard": rules(
            prompt=_V21_PROMPT, duration_seconds=_V2_DURATIONS, refused=("last_frame_image_url", *_I2V_V2_REFUSED)
        ),
        "kling-v2.1-master-image-to-video": rules(
            prompt=_V21_PROMPT, duration_seconds=_V2_DURATIONS, refused=("last_frame_image_url", *_I2V_V2_REFUSED)
        ),
        "kling-v2.5-turbo-image-to-video-pro": rules(
            prompt=text(max_length=2_500), duration_seconds=_V2_DURATIONS, refused=_I2V_V2_REFUSED
        ),
        "kling-v2.6": rules(
            prompt=_PROMPT_2500,
            duration_seconds=_V2_DURATIONS,
            refused=("output_resolution", *_V2_ONLY, *_REFERENCES),
        ),
        "kling-v3-omni": rules(
            prompt=_PROMPT_2500, duration_seconds=_V3_DURATIONS, refused=(*_V2_ONLY, "mode", *_REFERENCES)
        ),
        "kling-v3-turbo-image-to-video": rules(
            prompt=_PROMPT_2500,
            duration_seconds=_V3_DURATIONS,
            output_resolution=_TURBO_RESOLUTIONS,
            refused=("enable_sound", "aspect_ratio", *_V2_ONLY, "mode", "last_frame_image_url", *_REFERENCES),
        ),
    },
)
"""What each ``image_to_video`` model accepts (docs: Kling > Create V2.1 and V2.5 Video > Request
Parameters (Image-to-Video); newer source: the platform contract and ``runapi-ai/kling-sdk``'s generated
contract for ``kling-o1``, ``kling-v2.6``, ``kling-v3-omni`` and ``kling-v3-turbo-image-to-video``): the
prompt's length (5,000 characters for V2.1, 2,500 for the others), the durations (5 or 10 seconds for
V2.x, 5 for ``kling-o1``, 3-15 for V3), ``last_frame_image_url`` (not for ``kling-v2.1-standard``,
``kling-v2.1-master-image-to-video`` or V3 Turbo), sound, resolution, mode and reference media."""

MOTION_CONTROL_RULES = by(
    "model",
    {
        "kling-3.0": rules(),
        "kling-v2.6": rules(required=["character_orientation", "output_resolution"], refused=["background_source"]),
    },
)
"""What each ``motion_control`` model accepts (docs: Kling > Create Motion Control; newer source:
``runapi-ai/kling-sdk``'s generated contract for ``kling-v2.6``): ``kling-v2.6`` requires
``character_orientation`` and ``output_resolution`` and takes no ``background_source``."""

_O1_IMAGE_MARKER = re.compile(r"<<<image_(\d+)>>>")
_O1_VIDEO_MARKER = re.compile(r"<<<video_([^>]+)>>>")


def _refuse(name: str, message: str, allowed: str) -> None:
    raise ValidationError(f"{name} {message}", field=name, allowed=allowed)


def _check_o1(params: TextToVideoParams | ImageToVideoParams) -> None:
    """``kling-o1``'s reference rules (``runapi-kling`` 0.5.1 README, "Kling O1 reference media"; the
    official ``o1_reference_validation``): images named ``<<<image_1>>>``... in the prompt in order, the
    video ``<<<video_1>>>``; with a video at most 4 images; no last frame with references; a ``"base"``
    video (the default type) with no frame input; the video's type and audio only with a video."""
    images = list(params.reference_image_urls or ())
    video = params.reference_video_url
    prompt = params.prompt or ""
    if params.last_frame_image_url is not None and (images or video is not None):
        _refuse(
            "last_frame_image_url",
            "cannot be combined with reference_image_urls or reference_video_url (for model 'kling-o1')",
            "no value with reference media",
        )
    if video is not None and len(images) > 4:
        _refuse(
            "reference_image_urls",
            f"must have at most 4 items when reference_video_url is given (for model 'kling-o1'); got {len(images)}",
            "at most 4 URLs with a reference video",
        )
    for index in range(len(images)):
        if f"<<<image_{index + 1}>>>" not in prompt:
            _refuse(
                "prompt",
                f"must name reference_image_urls[{index}] as <<<image_{index + 1}>>> (for model 'kling-o1')",
                "a prompt naming every reference image",
            )
    for marker in _O1_IMAGE_MARKER.findall(prompt):
        if not 1 <= int(marker) <= len(images):
            _refuse(
                "prompt",
                f"names <<<image_{marker}>>> but reference_image_urls has {len(images)} items (for model 'kling-o1')",
                "markers of given images only",
            )
    videos = _O1_VIDEO_MARKER.findall(prompt)
    if video is None:
        forbid(params, ["reference_video_type", "preserve_reference_video_audio"], unless="with reference_video_url")
        if videos:
            _refuse("prompt", "names a reference video but no reference_video_url is given", "no <<<video_N>>> marker")
        return
    if "1" not in videos or any(marker != "1" for marker in videos):
        _refuse(
            "prompt",
            "must name reference_video_url as <<<video_1>>>, and no other video (for model 'kling-o1')",
            "a prompt naming <<<video_1>>>",
        )
    frames = params.first_frame_image_url is not None or params.last_frame_image_url is not None
    if frames and (params.reference_video_type or "base") == "base":
        _refuse(
            "reference_video_type",
            "'base' (the default) cannot be combined with first_frame_image_url or last_frame_image_url; "
            "use 'feature' (for model 'kling-o1')",
            "'feature' with a frame image",
        )


def _check_v26(params: TextToVideoParams | ImageToVideoParams) -> None:
    """``kling-v2.6``: sound needs ``mode="pro"`` (official ``types.ts``: "true requires mode pro")."""
    if params.enable_sound is True:
        when = "when enable_sound is true (for model 'kling-v2.6')"
        require(params, ["mode"], when=when)
        check(params, "mode", one_of("pro"), when=when)


@params
class TextToVideoParams:
    """Params of ``POST /api/v1/kling/text_to_video`` (docs: Kling > Create Kling Text-to-Video; Create
    V2.1 and V2.5 Video; newer source: the platform contract and ``runapi-kling`` 0.5.1).

    Per-model rules: :data:`TEXT_TO_VIDEO_RULES`; multi-shot rules: :data:`SHOT_RULES`.

    Attributes:
        model: one of :data:`TEXT_TO_VIDEO_MODELS` (``"kling-3.0"``, ``"kling-o1"``, the V2.x and V3 models).
        prompt: what the video shows; required except in multi-shot mode, where it is refused. At
            most 5,000 characters for V2.1 Master, 2,500 for the others except ``kling-3.0`` (no
            documented limit). Elements are named ``@name``; ``kling-o1``'s references
            ``<<<image_1>>>``... and ``<<<video_1>>>``.
        enable_sound: generate sound (``kling-3.0``, ``kling-v2.6`` with ``mode="pro"``, ``kling-v3-omni``;
            ``kling-o1``: ``False`` only); must be ``True`` in multi-shot mode.
        duration_seconds: the video's total length, whole seconds: 3-15 for ``kling-3.0`` (in
            multi-shot mode, if given, the sum of the shots) and the V3 models, 5 or 10 for V2.x
            (server default 5), 5 for ``kling-o1``.
        aspect_ratio: ``"16:9"``, ``"9:16"`` or ``"1:1"``; required for ``kling-3.0`` unless
            ``first_frame_image_url`` (the ratio adapts to it) or ``kling_elements`` is given, and for
            ``kling-v3-omni-reference``.
        output_resolution: ``"720p"``, ``"1080p"`` or ``"4k"`` (``kling-3.0``, ``kling-v3-omni``,
            ``kling-v3-omni-reference``); ``"720p"`` or ``"1080p"`` (``kling-v3-turbo-text-to-video``).
        mode: ``"std"`` or ``"pro"`` (``kling-o1``, ``kling-v2.6``).
        multi_shots: ``True`` for multi-shot mode (``kling-3.0``; default single-shot).
        multi_prompt: the shots, in order: :class:`Shot` objects or ``{"prompt",
            "duration_seconds"}`` mappings; required in multi-shot mode, their durations totalling
            3-15 seconds.
        first_frame_image_url: the first frame (``kling-3.0``).
        last_frame_image_url: the last frame (``kling-3.0``, single-shot mode).
        kling_elements: reusable subjects or styles: :class:`KlingElement` objects or mappings
            (``kling-3.0``).
        reference_image_urls: 1-7 reference images (``kling-o1``, at most 4 with a video;
            ``kling-v3-omni-reference``, required), named in the prompt.
        reference_video_url: a reference video (MP4 or MOV, ``kling-o1``).
        reference_video_type: ``"base"`` (default) or ``"feature"`` (``kling-o1``, with a video).
        preserve_reference_video_audio: keep the reference video's audio (``kling-o1``, with a video).
        negative_prompt: what to avoid (V2.1/V2.5): at most 500 characters for V2.1 Master, 2,500 for
            V2.5 Turbo.
        cfg_scale: creativity (0) to prompt adherence (1) (V2.1/V2.5).
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: a value out of its range, a field the model or mode does not take, a
            missing ``prompt``/``multi_prompt``/``enable_sound``/``aspect_ratio``, shots not totalling 3-15 seconds,
            a ``kling-o1`` reference rule broken, or a shot's or element's mistake under its path
            (``multi_prompt[1].duration_seconds``).
    """

    model: TextToVideoModel | str
    prompt: str | None = None
    enable_sound: bool | None = None
    duration_seconds: int | None = None
    aspect_ratio: AspectRatio | None = None
    output_resolution: OutputResolution | None = None
    mode: Mode | None = None
    multi_shots: bool | None = None
    multi_prompt: list[Shot] | None = None
    first_frame_image_url: HttpUrl | None = None
    last_frame_image_url: HttpUrl | None = None
    kling_elements: list[KlingElement] | None = None
    reference_image_urls: Sequence[HttpUrl] | None = field(url_list(min_items=1, max_items=7), default=None)
    reference_video_url: HttpUrl | None = None
    reference_video_type: ReferenceVideoType | None = None
    preserve_reference_video_audio: bool | None = None
    negative_prompt: str | None = None
    cfg_scale: float | None = field(number(0, 1), default=None)
    callback_url: CallbackUrl | None = None

    __rules__ = (TEXT_TO_VIDEO_RULES, SHOT_RULES)

    def __attrs_post_init__(self) -> None:
        if self.model == "kling-3.0" and self.first_frame_image_url is None and not self.kling_elements:
            require(
                self, ["aspect_ratio"], when="for model 'kling-3.0' without first_frame_image_url or kling_elements"
            )
        if self.model == "kling-o1":
            _check_o1(self)
        elif self.model == "kling-v2.6":
            _check_v26(self)
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
    """Params of ``POST /api/v1/kling/image_to_video`` (docs: Kling > Create V2.1 and V2.5 Video; newer
    source: the platform contract and ``runapi-kling`` 0.5.1).

    Per-model rules: :data:`IMAGE_TO_VIDEO_RULES`.

    Attributes:
        model: one of :data:`IMAGE_TO_VIDEO_MODELS` (V2.1, V2.5 Turbo, ``"kling-o1"``, ``"kling-v2.6"``,
            ``"kling-v3-omni"``, ``"kling-v3-turbo-image-to-video"``).
        prompt: how the image comes alive: at most 5,000 characters for V2.1, 2,500 for the others.
        first_frame_image_url: the image to animate.
        last_frame_image_url: the final frame (``kling-v2.1-pro``, V2.5 Turbo, ``kling-o1`` without
            references, ``kling-v2.6`` with ``mode="pro"`` and 5 seconds, ``kling-v3-omni`` with 5 seconds).
        duration_seconds: 5 or 10 seconds for V2.x (server default 5), 5 for ``kling-o1``, 3-15 for V3.
        aspect_ratio: ``"16:9"``, ``"9:16"`` or ``"1:1"`` (not ``kling-v3-turbo-image-to-video``).
        output_resolution: ``"720p"``, ``"1080p"`` or ``"4k"`` (``kling-v3-omni``); ``"720p"`` or
            ``"1080p"`` (``kling-v3-turbo-image-to-video``).
        mode: ``"std"`` or ``"pro"`` (``kling-o1``, ``kling-v2.6``).
        enable_sound: generate sound (``kling-v2.6`` with ``mode="pro"``, ``kling-v3-omni``;
            ``kling-o1``: ``False`` only).
        reference_image_urls: 1-7 reference images named ``<<<image_1>>>``... (``kling-o1``; at most 4 with a video).
        reference_video_url: a reference video named ``<<<video_1>>>`` (``kling-o1``).
        reference_video_type: ``"base"`` (default; no frame images) or ``"feature"`` (``kling-o1``).
        preserve_reference_video_audio: keep the reference video's audio (``kling-o1``).
        negative_prompt: what to avoid, at most 500 characters (V2.1, V2.5 Turbo).
        cfg_scale: creativity (0) to prompt adherence (1) (V2.1, V2.5 Turbo).
        callback_url: where RunAPI POSTs the result.
    """

    model: ImageToVideoModel | str
    prompt: str
    first_frame_image_url: HttpUrl
    last_frame_image_url: HttpUrl | None = None
    duration_seconds: int | None = None
    aspect_ratio: AspectRatio | None = None
    output_resolution: OutputResolution | None = None
    mode: Mode | None = None
    enable_sound: bool | None = None
    reference_image_urls: Sequence[HttpUrl] | None = field(url_list(min_items=1, max_items=7), default=None)
    reference_video_url: HttpUrl | None = None
    reference_video_type: ReferenceVideoType | None = None
    preserve_reference_video_audio: bool | None = None
    negative_prompt: str | None = field(text(max_length=500), default=None)
    cfg_scale: float | None = field(number(0, 1), default=None)
    callback_url: CallbackUrl | None = None

    __rules__ = IMAGE_TO_VIDEO_RULES

    def __attrs_post_init__(self) -> None:
        if self.model == "kling-o1":
            _check_o1(self)
            return
        if self.model not in ("kling-v2.6", "kling-v3-omni"):
            return
        if self.model == "kling-v2.6":
            _check_v26(self)
        if self.last_frame_image_url is None:
            return
        # official types.ts: "Final frame URL; requires mode pro and duration_seconds 5" (v2.6), "requires
        # duration_seconds 5" (v3-omni). A duration left out is the server's default; only another one is refused.
        when = f"with last_frame_image_url (for model '{self.model}')"
        if self.model == "kling-v2.6":
            require(self, ["mode"], when=when)
            check(self, "mode", one_of("pro"), when=when)
        check(self, "duration_seconds", one_of(5), when=when)


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

    model: AvatarModel | str
    source_image_url: HttpUrl = field(max_bytes(10 * MB))
    source_audio_url: HttpUrl = field(max_bytes(10 * MB))
    prompt: str = field(text(min_length=0, max_length=5_000))
    callback_url: CallbackUrl | None = None


@params
class MotionControlParams:
    """Params of ``POST /api/v1/kling/motion_control`` (docs: Kling > Create Motion Control; newer source:
    the platform contract for ``kling-v2.6``).

    Per-model rules: :data:`MOTION_CONTROL_RULES`.

    Attributes:
        model: ``"kling-3.0"`` or ``"kling-v2.6"``.
        source_first_frame_image_url: the subject image.
        reference_video_url: the video whose motion the subject performs.
        prompt: guidance, at most 2,500 characters.
        output_resolution: ``"720p"`` or ``"1080p"`` (required for ``kling-v2.6``).
        character_orientation: which source sets the character's orientation: ``"video"`` or ``"image"``
            (required for ``kling-v2.6``).
        background_source: which source provides the background: ``"video"`` or ``"image"`` (``kling-3.0``).
        callback_url: where RunAPI POSTs the result.
    """

    model: MotionControlModel | str
    source_first_frame_image_url: HttpUrl
    reference_video_url: HttpUrl
    prompt: str | None = field(text(max_length=2_500), default=None)
    output_resolution: Literal["720p", "1080p"] | None = None
    character_orientation: Literal["video", "image"] | None = None
    background_source: Literal["video", "image"] | None = None
    callback_url: CallbackUrl | None = None

    __rules__ = MOTION_CONTROL_RULES


@params
class ExtendVideoParams:
    """Params of ``POST /api/v1/kling/extend_video``: continue a completed V2.5 Turbo video task (newer
    source: the platform contract and ``runapi-kling`` 0.5.1 ``ExtendVideo``; the seed docs have no such endpoint).

    Attributes:
        source_task_id: the completed ``kling-v2.5-turbo-text-to-video-pro`` or
            ``kling-v2.5-turbo-image-to-video-pro`` task to continue.
        model: the source task's model (optional: the official package sends none; the contract lists
            the two V2.5 Turbo models).
        mode: ``"std"`` or ``"pro"``.
        prompt: what happens next.
        callback_url: where RunAPI POSTs the result.
    """

    source_task_id: str
    model: ExtendVideoModel | str | None = None
    mode: Mode | None = None
    prompt: str | None = None
    callback_url: CallbackUrl | None = None


EDIT_VIDEO_RULES = by_presence(
    "reference_image_urls",
    given=rules(required=["aspect_ratio"], aspect_ratio=one_of(*ASPECT_RATIOS)),
    absent=rules(required=["aspect_ratio"], aspect_ratio=one_of("auto"), duration_seconds=one_of(5)),
)
"""``edit_video``'s modes (``runapi-ai/kling-sdk``'s generated contract, the same for both models): with
reference images a fixed ``aspect_ratio`` (``"16:9"``, ``"9:16"``, ``"1:1"``); without them
``aspect_ratio="auto"`` and, if given, ``duration_seconds=5``."""

EDIT_VIDEO_MODEL_RULES = by(
    "model", {"kling-v3-omni-edit": rules(), "kling-v3-omni-reference": rules(enable_sound=_NO_SOUND)}
)
"""``kling-v3-omni-reference`` keeps sound off on a source video (``runapi-kling`` 0.5.1 README)."""


@params
class EditVideoParams:
    """Params of ``POST /api/v1/kling/edit_video``: edit a source video with a V3 Omni model (newer source:
    ``runapi-kling`` 0.5.1 ``EditVideo`` and ``runapi-ai/kling-sdk``'s generated contract; the seed docs and
    the platform contract print no parameters).

    Rules: :data:`EDIT_VIDEO_RULES`, :data:`EDIT_VIDEO_MODEL_RULES`; exactly one of ``source_video_url`` and
    ``source_task_id``.

    Attributes:
        model: ``"kling-v3-omni-edit"`` or ``"kling-v3-omni-reference"``.
        prompt: the edit, 1-2,500 characters.
        source_video_url: the video to edit (or ``source_task_id``).
        source_task_id: a completed compatible task whose video to edit (or ``source_video_url``).
        reference_image_urls: 1-4 reference images.
        aspect_ratio: ``"auto"`` without reference images, ``"16:9"``, ``"9:16"`` or ``"1:1"`` with them; required.
        duration_seconds: 3-15 seconds with reference images; 5 without.
        output_resolution: ``"720p"``, ``"1080p"`` or ``"4k"``.
        enable_sound: generate sound (``kling-v3-omni-edit``; ``kling-v3-omni-reference``: ``False`` only).
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: a value out of its list, both or neither source given, or a mode's rule broken.
    """

    model: EditVideoModel | str
    prompt: str = field(text(max_length=2_500))
    source_video_url: HttpUrl | None = None
    source_task_id: str | None = None
    reference_image_urls: Sequence[HttpUrl] | None = field(url_list(min_items=1, max_items=4), default=None)
    aspect_ratio: EditAspectRatio | None = None
    duration_seconds: int | None = field(integer(MIN_TOTAL_SECONDS, MAX_TOTAL_SECONDS), default=None)
    output_resolution: OutputResolution | None = None
    enable_sound: bool | None = None
    callback_url: CallbackUrl | None = None

    __rules__ = (EDIT_VIDEO_MODEL_RULES, EDIT_VIDEO_RULES)

    def __attrs_post_init__(self) -> None:
        if self.source_video_url is not None:
            forbid(self, ["source_task_id"], unless="without source_video_url (give one source)")
        elif self.source_task_id is None:
            raise ValidationError(
                "source_video_url or source_task_id is required (the video to edit)",
                field="source_video_url",
                allowed="a video URL, or a completed task's id as source_task_id",
            )


# -- operations ------------------------------------------------------------------------------

_KLING = "/api/v1/kling"


class Kling(Family[ClientT]):
    """``client.kling``: Kling's video endpoints (docs: Kling; newer source: ``runapi-kling`` 0.5.1 for
    ``extend_video`` and ``edit_video``).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` polls ``GET <path>/{id}``.
    """

    text_to_video = TaskOperation(f"{_KLING}/text_to_video", TextToVideoParams, VideoTask, duration=DURATIONS["video"])
    """Generate a video from text (``kling-3.0`` single- or multi-shot, ``kling-o1`` with reference media,
    V2.1 Master, V2.5 Turbo, V2.6, V3 Omni / Omni Reference / Turbo) (docs: Kling > Create Kling
    Text-to-Video; Create V2.1 and V2.5 Video; the platform contract)."""

    image_to_video = TaskOperation(
        f"{_KLING}/image_to_video", ImageToVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Animate an image (V2.1, V2.5 Turbo, ``kling-o1``, V2.6, V3 Omni, V3 Turbo) (docs: Kling > Create V2.1
    and V2.5 Video; the platform contract)."""

    ai_avatar = TaskOperation(f"{_KLING}/ai_avatar", AiAvatarParams, VideoTask, duration=DURATIONS["video"])
    """Make a portrait speak an audio track (docs: Kling > Create AI Avatar)."""

    motion_control = TaskOperation(
        f"{_KLING}/motion_control", MotionControlParams, VideoTask, duration=DURATIONS["video"]
    )
    """Transfer a reference video's motion onto a subject image (docs: Kling > Create Motion Control)."""

    extend_video = TaskOperation(f"{_KLING}/extend_video", ExtendVideoParams, VideoTask, duration=DURATIONS["video"])
    """Continue a completed V2.5 Turbo video task (``runapi-kling`` 0.5.1 ``ExtendVideo``)."""

    edit_video = TaskOperation(f"{_KLING}/edit_video", EditVideoParams, VideoTask, duration=DURATIONS["video"])
    """Edit a source video with a V3 Omni model (``runapi-kling`` 0.5.1 ``EditVideo``)."""
