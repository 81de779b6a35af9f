"""MiniMax H3: text-to-video (prompt-only or reference media) and first/last-frame image-to-video
(official packages: MiniMax H3).

Reached as ``client.minimax_h3``::

    video = client.minimax_h3.text_to_video.run(
        model="minimax-h3", prompt="A cinematic tracking shot through a rain-soaked city", aspect_ratio="16:9"
    )
    print(video.output_urls)

Two task endpoints, each polled at ``GET <create path>/{id}``: ``text_to_video`` (a prompt, with
optional reference images, videos and audio) and ``image_to_video`` (a first frame, a last frame,
or both). Each create answers 202 ``{id, status}``; a completed task carries ``videos: [{url}]``.

Where each fact comes from (RunAPI's docs snapshot has no MiniMax H3 section):

- the paths: the platform contract (``minimax-h3/*``, "official-python-only") and the official
  package ``runapi-minimax-h3`` 0.2.1 (its resources' ``ENDPOINT``);
- the model id ``minimax-h3`` and, for both endpoints, ``duration_seconds`` (whole seconds 4-15),
  ``output_resolution`` (``768p``, ``2k``) and ``prompt`` (required, 1-7,000 characters);
  ``text_to_video``'s ``aspect_ratio`` (``adaptive`` and six ratios) and its reference lists
  (at most 9 images, 3 videos, 3 audio files): the official repository's generated contract
  (``runapi-ai/minimax-h3-sdk``, ``python/src/runapi/minimax_h3/contract_gen.py``), whose models
  and enums a newer official CLI contract repeats;
- the cross-field rules, from the same contract: reference audio needs reference images or videos;
  without reference images or videos, ``aspect_ratio`` is required and may not be ``adaptive``;
  ``image_to_video`` needs ``first_frame_image_url`` or ``last_frame_image_url``;
- ``first_frame_image_url``, ``last_frame_image_url``, the reference fields' names and
  ``callback_url``: the repository's parameter types (``js/src/types.ts``);
- the result (``id``, ``status``, ``videos: [{url}]``, ``error``): the package's response models.

Readings and unknowns:

- The platform contract lists no model for these endpoints (the package names none in Python);
  the repository's contract names ``minimax-h3`` for both, and newer ids are sent with a warning
  (refused when ``strict``).
- ``adaptive`` follows the reference media, so it is accepted only with reference images or videos
  (the contract's second rule narrows the ratios without them).
- No source prints a default or a media size/format limit: parameters left out are off the wire
  and the server decides; a URL's file is the server's to check.
- Parameters no source names go through ``with_options(extra_body={...})``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, check, field, one_of, params, require, text, url_list
from .errors import ValidationError

__all__ = [
    "ASPECT_RATIOS",
    "DURATIONS_SECONDS",
    "MAX_REFERENCE_AUDIOS",
    "MAX_REFERENCE_IMAGES",
    "MAX_REFERENCE_VIDEOS",
    "MODELS",
    "AspectRatio",
    "ImageToVideoParams",
    "MiniMaxH3",
    "Model",
    "OutputResolution",
    "TextToVideoParams",
    "Video",
    "VideoTask",
]

Model = Literal["minimax-h3"]
"""The MiniMax H3 model id, both endpoints (official contract ``minimax-h3/*``)."""

MODELS: tuple[Model, ...] = get_args(Model)

AspectRatio = Literal["adaptive", "21:9", "16:9", "4:3", "1:1", "3:4", "9:16"]
"""``text_to_video``'s aspect ratios (official contract); ``adaptive`` only with reference media."""

ASPECT_RATIOS: tuple[AspectRatio, ...] = get_args(AspectRatio)

OutputResolution = Literal["768p", "2k"]
"""Output resolution, both endpoints (official contract)."""

DurationSeconds = Literal[4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]
"""The video's length in whole seconds, both endpoints (official contract: integers 4-15)."""

DURATIONS_SECONDS: tuple[int, ...] = get_args(DurationSeconds)

MAX_REFERENCE_IMAGES = 9
MAX_REFERENCE_VIDEOS = 3
MAX_REFERENCE_AUDIOS = 3
"""Most reference images, videos and audio files of one ``text_to_video`` (official contract ``max_items``)."""

_prompt = text(max_length=7_000)
_FIXED_RATIOS = one_of(*(ratio for ratio in ASPECT_RATIOS if ratio != "adaptive"))


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
    """Params of ``POST /api/v1/minimax_h3/text_to_video`` (official contract ``minimax-h3/text-to-video``).

    Attributes:
        model: ``"minimax-h3"``.
        prompt: what the video shows, 1-7,000 characters.
        aspect_ratio: one of :data:`ASPECT_RATIOS`; required without reference images or videos,
            where ``"adaptive"`` is refused.
        duration_seconds: the video's length, a whole number of seconds 4-15.
        output_resolution: ``"768p"`` or ``"2k"``.
        reference_image_urls: at most 9 reference images (absolute http(s) URLs or local files).
        reference_video_urls: at most 3 reference videos.
        reference_audio_urls: at most 3 reference audio files; only with reference images or videos.
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: a value outside the lists or ranges above, a missing ``aspect_ratio``
            without reference media, or reference audio without reference images or videos.
    """

    model: Model | str
    prompt: str = field(_prompt)
    aspect_ratio: AspectRatio | None = None
    duration_seconds: DurationSeconds | None = None
    output_resolution: OutputResolution | None = None
    reference_image_urls: Sequence[HttpUrl] | None = field(url_list(max_items=MAX_REFERENCE_IMAGES), default=None)
    reference_video_urls: Sequence[HttpUrl] | None = field(url_list(max_items=MAX_REFERENCE_VIDEOS), default=None)
    reference_audio_urls: Sequence[HttpUrl] | None = field(url_list(max_items=MAX_REFERENCE_AUDIOS), default=None)
    callback_url: CallbackUrl | None = None

    def __attrs_post_init__(self) -> None:
        visual = bool(self.reference_image_urls) or bool(self.reference_video_urls)
        if visual:
            return
        when = "without reference_image_urls or reference_video_urls"
        require(self, ["aspect_ratio"], when=when)
        check(self, "aspect_ratio", _FIXED_RATIOS, when=f"({when})")
        if self.reference_audio_urls:
            raise ValidationError(
                "reference_audio_urls needs reference_image_urls or reference_video_urls",
                field="reference_audio_urls",
                allowed="no value unless reference_image_urls or reference_video_urls is given",
            )


@params
class ImageToVideoParams:
    """Params of ``POST /api/v1/minimax_h3/image_to_video`` (official contract ``minimax-h3/image-to-video``).

    Attributes:
        model: ``"minimax-h3"``.
        prompt: how the frames come alive, 1-7,000 characters.
        first_frame_image_url: the first frame (an absolute http(s) URL or a local file).
        last_frame_image_url: the last frame; at least one of the two frames is required.
        duration_seconds: the video's length, a whole number of seconds 4-15.
        output_resolution: ``"768p"`` or ``"2k"``.
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: a value outside the lists or ranges above, or neither frame given.
    """

    model: Model | str
    prompt: str = field(_prompt)
    first_frame_image_url: HttpUrl | None = None
    last_frame_image_url: HttpUrl | None = None
    duration_seconds: DurationSeconds | None = None
    output_resolution: OutputResolution | None = None
    callback_url: CallbackUrl | None = None

    def __attrs_post_init__(self) -> None:
        if self.first_frame_image_url is None and self.last_frame_image_url is None:
            raise ValidationError(
                "missing required parameter: first_frame_image_url or last_frame_image_url (or both)",
                field="first_frame_image_url",
                allowed="a first frame, a last frame, or both",
            )


# -- operations ------------------------------------------------------------------------------


class MiniMaxH3(Family[ClientT]):
    """``client.minimax_h3``: MiniMax H3's video endpoints (official package ``runapi-minimax-h3``).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` reads ``GET <path>/{id}``.
    """

    text_to_video = TaskOperation(
        "/api/v1/minimax_h3/text_to_video", TextToVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Generate a video from a prompt, optionally guided by reference media (``minimax-h3/text-to-video``)."""

    image_to_video = TaskOperation(
        "/api/v1/minimax_h3/image_to_video", ImageToVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Generate a video from a first frame, a last frame, or both (``minimax-h3/image-to-video``)."""
