"""HappyHorse: text-to-video, character-guided video, image-to-video and video edits, 720p or 1080p (docs: HappyHorse).

Reached as ``client.happyhorse``::

    video = client.happyhorse.text_to_video.run(model="happyhorse-text-to-video", prompt="A paper horse gallops")
    print(video.videos[0].url)

Every operation is a task: ``POST /api/v1/happyhorse/<operation>`` answers 202 ``{id, status}``
and ``GET /api/v1/happyhorse/<operation>/{id}`` reports it; with ``callback_url`` the completed
or failed status body is POSTed there too. ``text_to_video`` serves two models: ``happyhorse-character``
needs ``reference_image_urls`` (their order maps to ``character1``, ``character2``...) and
``happyhorse-text-to-video`` takes none (:data:`TEXT_TO_VIDEO_RULES`, a table).

Readings of the docs where they are silent or loose:

- Prompts are "max 5000 non-Chinese characters or 2500 Chinese characters": a Chinese (Han)
  character counts as two, others as one, and the total must be at most 5,000. That is exactly
  the documented limit for a prompt in one script, and the natural one for a mixed prompt.
  Punctuation counts as one (a full-width comma too), so a borderline prompt may still be
  refused by RunAPI, never the other way round.
- ``reference_image_urls`` with ``happyhorse-text-to-video`` would be ignored: it is refused.
- Defaults the docs state (1080p, 16:9, 5 seconds, audio ``auto``) are the server's: nothing is
  sent unless given.
- ``callback_url`` is documented as an HTTPS URL; like everywhere else in the SDK any absolute
  http(s) URL is accepted (the server has the last word). The source video's format (MP4 or
  MOV) and length (3-60 seconds) cannot be checked before the request.
- No failed example is printed: a failure is the platform's general
  ``{"id", "status": "failed", "error"}`` (docs: Errors > Task-Specific Errors).

Newer source: the platform contract (``runapi-ai/cli`` ``contract_gen.go``) lists three models the
docs do not: ``happyhorse-1.0-t2v`` and ``happyhorse-1.0-r2v`` for ``text_to_video`` (the same
ratios and resolutions as the other two; ``happyhorse-1.0-r2v`` takes 1-9 ``reference_image_urls``,
so they are required for it, as for ``happyhorse-character``) and ``happyhorse-1.0-i2v`` for
``image_to_video``. The contract is silent on ``reference_image_urls`` for ``happyhorse-1.0-t2v``:
no rule is made up, they are sent as given and the server has the last word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, by, field, integer, params, rules, text_list
from .errors import ValidationError

__all__ = [
    "ASPECT_RATIOS",
    "EDIT_VIDEO_MODELS",
    "IMAGE_TO_VIDEO_MODELS",
    "MAX_PROMPT_UNITS",
    "MODELS",
    "TEXT_TO_VIDEO_MODELS",
    "TEXT_TO_VIDEO_RULES",
    "AspectRatio",
    "EditVideoModel",
    "EditVideoParams",
    "HappyHorse",
    "ImageToVideoModel",
    "ImageToVideoParams",
    "Model",
    "Resolution",
    "TextToVideoModel",
    "TextToVideoParams",
    "Video",
    "VideoTask",
    "prompt_units",
]

TextToVideoModel = Literal[
    "happyhorse-text-to-video", "happyhorse-character", "happyhorse-1.0-t2v", "happyhorse-1.0-r2v"
]
"""``text_to_video`` models; ``happyhorse-character`` and ``happyhorse-1.0-r2v`` are guided by ordered
reference images (the 1.0 ids: newer source, the platform contract)."""

ImageToVideoModel = Literal["happyhorse-image-to-video", "happyhorse-1.0-i2v"]
"""``image_to_video`` models (``happyhorse-1.0-i2v``: newer source, the platform contract)."""

EditVideoModel = Literal["happyhorse-edit-video"]
"""The one ``edit_video`` model."""

Model = Literal[TextToVideoModel, ImageToVideoModel, EditVideoModel]
"""Every HappyHorse model id (docs: HappyHorse > HappyHorse Endpoints)."""

TEXT_TO_VIDEO_MODELS: tuple[TextToVideoModel, ...] = get_args(TextToVideoModel)
IMAGE_TO_VIDEO_MODELS: tuple[ImageToVideoModel, ...] = get_args(ImageToVideoModel)
EDIT_VIDEO_MODELS: tuple[EditVideoModel, ...] = get_args(EditVideoModel)
MODELS: tuple[Model, ...] = (*TEXT_TO_VIDEO_MODELS, *IMAGE_TO_VIDEO_MODELS, *EDIT_VIDEO_MODELS)

Resolution = Literal["720p", "1080p"]
"""Output resolutions (server default ``1080p``)."""

AspectRatio = Literal["16:9", "9:16", "1:1", "4:3", "3:4"]
"""``text_to_video``'s aspect ratios (server default ``16:9``)."""

ASPECT_RATIOS: tuple[AspectRatio, ...] = get_args(AspectRatio)

MAX_PROMPT_UNITS = 5_000
"""A prompt's limit: 5,000 characters, a Chinese character counting as two (so 2,500 of them)."""

TEXT_TO_VIDEO_RULES = by(
    "model",
    {
        "happyhorse-text-to-video": rules(refused=["reference_image_urls"]),
        "happyhorse-character": rules(required=["reference_image_urls"]),
        "happyhorse-1.0-r2v": rules(required=["reference_image_urls"]),  # contract: min_items 1
    },
)
"""What each ``text_to_video`` model requires and refuses (docs: HappyHorse > Create HappyHorse
Text-to-Video): ``reference_image_urls`` is required for ``happyhorse-character`` and refused for
``happyhorse-text-to-video``; required for ``happyhorse-1.0-r2v`` (newer source: the platform contract's
``min_items`` 1)."""

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_seed = integer(0, 2_147_483_647)
_duration = integer(3, 15)


def prompt_units(prompt: str) -> int:
    """How much of :data:`MAX_PROMPT_UNITS` a prompt uses: 2 per Chinese (Han) character, 1 per other."""
    return len(prompt) + len(_HAN.findall(prompt))


def _prompt(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """At most 5,000 non-Chinese characters or 2,500 Chinese ones (mixed: Chinese counts double).

    Anything but a string is left to the field's type check, which names what is allowed.
    """
    if not isinstance(value, str):
        return
    units = prompt_units(value)
    if units > MAX_PROMPT_UNITS:
        allowed = (
            f"a non-blank string of at most {MAX_PROMPT_UNITS} characters, a Chinese character counting as 2 "
            f"(at most {MAX_PROMPT_UNITS // 2} Chinese characters)"
        )
        raise ValidationError(
            f"{attribute.name} must be {allowed}; got {len(value)} characters counting as {units}",
            field=attribute.name,
            allowed=allowed,
        )


# -- results ---------------------------------------------------------------------------------


Video = media.Video
"""One generated video: ``url`` to download it (MP4 in the docs' examples)."""


@attrs.frozen(kw_only=True)
class VideoTask(media.VideoTask):
    """A ``text_to_video``, ``image_to_video`` or ``edit_video`` task (also a callback's body).

    Attributes:
        videos: the generated videos, once completed.
    """


# -- params ----------------------------------------------------------------------------------


@params
class TextToVideoParams:
    """Params of ``POST /api/v1/happyhorse/text_to_video`` (docs: HappyHorse > Create HappyHorse Text-to-Video).

    Attributes:
        model: ``"happyhorse-text-to-video"``, ``"happyhorse-character"``, ``"happyhorse-1.0-t2v"`` or
            ``"happyhorse-1.0-r2v"``.
        prompt: what the video shows; at most 5,000 characters, or 2,500 Chinese characters.
        reference_image_urls: 1-9 public image URLs, in character order (``character1``,
            ``character2``...); required for ``happyhorse-character`` and ``happyhorse-1.0-r2v``,
            refused for ``happyhorse-text-to-video``.
        output_resolution: ``"720p"`` or ``"1080p"`` (server default ``1080p``).
        aspect_ratio: ``"16:9"`` (server default), ``"9:16"``, ``"1:1"``, ``"4:3"`` or ``"3:4"``.
        duration_seconds: whole seconds, 3-15 (server default 5).
        seed: 0-2147483647.
        callback_url: where RunAPI POSTs the completed or failed task.
    """

    model: TextToVideoModel | str
    prompt: str = field(_prompt)
    reference_image_urls: Sequence[HttpUrl] | None = field(text_list(min_items=1, max_items=9), default=None)
    output_resolution: Resolution | None = None
    aspect_ratio: AspectRatio | None = None
    duration_seconds: int | None = field(_duration, default=None)
    seed: int | None = field(_seed, default=None)
    callback_url: CallbackUrl | None = None

    __rules__ = TEXT_TO_VIDEO_RULES


@params
class ImageToVideoParams:
    """Params of ``POST /api/v1/happyhorse/image_to_video`` (docs: HappyHorse > Create HappyHorse Image-to-Video).

    Attributes:
        model: ``"happyhorse-image-to-video"`` or ``"happyhorse-1.0-i2v"``.
        first_frame_image_url: public URL of the first frame.
        prompt: how the frame comes to life; at most 5,000 characters, or 2,500 Chinese characters.
        output_resolution: ``"720p"`` or ``"1080p"`` (server default ``1080p``).
        duration_seconds: whole seconds, 3-15 (server default 5).
        seed: 0-2147483647.
        callback_url: where RunAPI POSTs the completed or failed task.
    """

    model: ImageToVideoModel | str
    first_frame_image_url: HttpUrl
    prompt: str | None = field(_prompt, default=None)
    output_resolution: Resolution | None = None
    duration_seconds: int | None = field(_duration, default=None)
    seed: int | None = field(_seed, default=None)
    callback_url: CallbackUrl | None = None


@params
class EditVideoParams:
    """Params of ``POST /api/v1/happyhorse/edit_video`` (docs: HappyHorse > Create HappyHorse Edit Video).

    Attributes:
        model: ``"happyhorse-edit-video"``.
        prompt: the edit instruction; at most 5,000 characters, or 2,500 Chinese characters.
        source_video_url: public URL of one MP4 or MOV video, 3-60 seconds long.
        reference_image_urls: 0-5 public reference image URLs.
        output_resolution: ``"720p"`` or ``"1080p"`` (server default ``1080p``).
        audio_setting: ``"auto"`` (server default) or ``"original"``.
        seed: 0-2147483647.
        callback_url: where RunAPI POSTs the completed or failed task.
    """

    model: EditVideoModel | str
    prompt: str = field(_prompt)
    source_video_url: HttpUrl
    reference_image_urls: Sequence[HttpUrl] | None = field(text_list(min_items=0, max_items=5), default=None)
    output_resolution: Resolution | None = None
    audio_setting: Literal["auto", "original"] | None = None
    seed: int | None = field(_seed, default=None)
    callback_url: CallbackUrl | None = None


# -- operations ------------------------------------------------------------------------------

_HAPPYHORSE = "/api/v1/happyhorse"


class HappyHorse(Family[ClientT]):
    """``client.happyhorse``: HappyHorse's video endpoints (docs: HappyHorse).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` polls ``GET <path>/{id}``.
    """

    text_to_video = TaskOperation(
        f"{_HAPPYHORSE}/text_to_video", TextToVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Generate a video from a prompt, or guided by ordered character images with
    ``happyhorse-character`` (docs: HappyHorse > Create HappyHorse Text-to-Video)."""

    image_to_video = TaskOperation(
        f"{_HAPPYHORSE}/image_to_video", ImageToVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Bring a first frame to life (docs: HappyHorse > Create HappyHorse Image-to-Video)."""

    edit_video = TaskOperation(f"{_HAPPYHORSE}/edit_video", EditVideoParams, VideoTask, duration=DURATIONS["video"])
    """Edit a video with an instruction and optional reference images (docs: HappyHorse > Create
    HappyHorse Edit Video)."""
