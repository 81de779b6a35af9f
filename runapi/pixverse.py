"""PixVerse V6: text-to-video, image-to-video, reference-guided edits, transitions and extensions
(official package: PixVerse).

Reached as ``client.pixverse``::

    video = client.pixverse.text_to_video.run(
        model="pixverse-v6",
        prompt="A lighthouse above a stormy sea",
        output_resolution="720p",
        duration_seconds=5,
        aspect_ratio="16:9",
    )
    longer = client.pixverse.extend_video.run(
        model="pixverse-v6",
        prompt="The storm clears",
        output_resolution="720p",
        duration_seconds=5,
        source_task_id=video.id,
    )
    print(longer.output_urls)

Five task endpoints, one model (``pixverse-v6``): ``text_to_video``, ``image_to_video`` (a first
frame), ``edit_video`` (1-7 reference images), ``transition_video`` (a first and a last frame) and
``extend_video`` (a completed PixVerse task). Each create answers 202 ``{id, status}`` and
``GET <path>/{id}`` reports the task; none answers at once (the official package polls every one).

Where each fact comes from (RunAPI's docs snapshot has no PixVerse section):

- the paths, the model id and per action ``aspect_ratio`` (8 values, ``text_to_video`` and
  ``edit_video``), ``output_resolution`` (``360p``, ``540p``, ``720p``, ``1080p``) and
  ``reference_image_urls`` (1-7): the platform contract (``pixverse/*``, from the official CLI's
  ``contract_gen.go``) and the official package ``runapi-pixverse`` 0.2.0 (its resources'
  ``ENDPOINT``);
- which fields are required, ``prompt`` (3-5,000 characters), ``duration_seconds`` (an integer
  1-15), ``seed`` (an integer 0-2,147,483,647) and ``enable_audio`` (a boolean, on all five
  actions): the official repository's generated contract (``runapi-ai/pixverse-sdk``,
  ``python/src/runapi/pixverse/contract_gen.py`` and ``js/src/contract_gen.ts``, the version of
  the Ruby 0.1.3 release, 2026-08-18). The platform contract (CLI ``contract_gen.go``, from the
  0.8.7 / 0.9.0 releases of early August) lists ``enable_audio`` on ``text_to_video`` and
  ``image_to_video`` only; the repository's contract is newer and wins: every action takes it;
- ``enable_multi_clip`` (a boolean, ``text_to_video`` and ``image_to_video``), ``callback_url``,
  ``first_frame_image_url``, ``last_frame_image_url`` and ``source_task_id``: the same
  repository's parameter types (``js/src/types.ts``);
- the result (``id``, ``status``, ``videos: [{url}]``, ``source_task_id``, ``error``): the
  package's response models (``VideoTaskResponse``).

Readings and unknowns:

- No source prints a default: a parameter left out is off the wire and the server decides.
- Which tasks ``extend_video`` can continue is not published beyond "a completed PixVerse task"
  (the official skill); the SDK sends any id and the server checks it.
- A URL's size and format limits are not published (only the server can check a URL).
- Parameters no source names go through the operation's ``with_options(extra_body={...})``
  (``client.pixverse.text_to_video.with_options(...)``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, field, integer, params, text, url_list

__all__ = [
    "ASPECT_RATIOS",
    "MAX_REFERENCE_IMAGES",
    "MODELS",
    "OUTPUT_RESOLUTIONS",
    "AspectRatio",
    "EditVideoParams",
    "ExtendVideoParams",
    "ImageToVideoParams",
    "Model",
    "OutputResolution",
    "PixVerse",
    "TextToVideoParams",
    "TransitionVideoParams",
    "Video",
    "VideoTask",
]

Model = Literal["pixverse-v6"]
"""The PixVerse model id, the only one of every action (platform contract ``pixverse/*``)."""

MODELS: tuple[Model, ...] = get_args(Model)

AspectRatio = Literal["16:9", "4:3", "1:1", "3:4", "9:16", "2:3", "3:2", "21:9"]
"""Aspect ratios of ``text_to_video`` and ``edit_video`` (platform contract)."""

ASPECT_RATIOS: tuple[AspectRatio, ...] = get_args(AspectRatio)

OutputResolution = Literal["360p", "540p", "720p", "1080p"]
"""Output resolutions of every action (platform contract)."""

OUTPUT_RESOLUTIONS: tuple[OutputResolution, ...] = get_args(OutputResolution)

MAX_REFERENCE_IMAGES = 7
"""Most ``reference_image_urls`` of one ``edit_video`` (platform contract: ``max_items`` 7)."""

_prompt = text(min_length=3, max_length=5_000)
_duration = integer(1, 15)
_seed = integer(0, 2_147_483_647)


# -- results ---------------------------------------------------------------------------------


Video = media.Video
"""One generated video: ``url`` to download it (official response model ``MediaUrl``)."""


@attrs.frozen(kw_only=True)
class VideoTask(media.VideoTask):
    """A PixVerse task of any action (official response model ``VideoTaskResponse``).

    Attributes:
        videos: the generated videos, once completed.
        source_task_id: the task an ``extend_video`` continues, when the answer names it.
    """

    source_task_id: str | None = None


# -- params ----------------------------------------------------------------------------------


@params
class TextToVideoParams:
    """Params of ``POST /api/v1/pixverse/text_to_video`` (contract ``pixverse/text-to-video``).

    Attributes:
        model: ``"pixverse-v6"``.
        prompt: what the video shows, 3-5,000 characters.
        output_resolution: one of :data:`OUTPUT_RESOLUTIONS`.
        duration_seconds: video length in seconds, an integer 1-15.
        aspect_ratio: one of :data:`ASPECT_RATIOS`.
        enable_audio: generate sound with the video.
        enable_multi_clip: PixVerse's multi-clip switch (named by the official types; its
            effect is not described).
        seed: random seed for reproducible results, an integer 0-2,147,483,647.
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: a missing required field, or a value outside the lists or ranges above.
    """

    model: Model | str
    prompt: str = field(_prompt)
    output_resolution: OutputResolution
    duration_seconds: int = field(_duration)
    aspect_ratio: AspectRatio
    enable_audio: bool | None = None
    enable_multi_clip: bool | None = None
    seed: int | None = field(_seed, default=None)
    callback_url: CallbackUrl | None = None


@params
class ImageToVideoParams:
    """Params of ``POST /api/v1/pixverse/image_to_video`` (contract ``pixverse/image-to-video``).

    Attributes:
        model: ``"pixverse-v6"``.
        prompt: how the image comes alive, 3-5,000 characters.
        first_frame_image_url: the image the video starts from (a URL, or a local file uploaded first).
        output_resolution: one of :data:`OUTPUT_RESOLUTIONS`.
        duration_seconds: video length in seconds, an integer 1-15.
        enable_audio: generate sound with the video.
        enable_multi_clip: PixVerse's multi-clip switch (named by the official types; its
            effect is not described).
        seed: random seed for reproducible results, an integer 0-2,147,483,647.
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: a missing required field, or a value outside the lists or ranges above.
    """

    model: Model | str
    prompt: str = field(_prompt)
    first_frame_image_url: HttpUrl
    output_resolution: OutputResolution
    duration_seconds: int = field(_duration)
    enable_audio: bool | None = None
    enable_multi_clip: bool | None = None
    seed: int | None = field(_seed, default=None)
    callback_url: CallbackUrl | None = None


@params
class EditVideoParams:
    """Params of ``POST /api/v1/pixverse/edit_video`` (contract ``pixverse/edit-video``): a video
    guided by reference images.

    Attributes:
        model: ``"pixverse-v6"``.
        prompt: what the video shows, 3-5,000 characters.
        reference_image_urls: 1-7 reference images (URLs, or local files uploaded first).
        output_resolution: one of :data:`OUTPUT_RESOLUTIONS`.
        duration_seconds: video length in seconds, an integer 1-15.
        aspect_ratio: one of :data:`ASPECT_RATIOS`.
        enable_audio: generate sound with the video.
        seed: random seed for reproducible results, an integer 0-2,147,483,647.
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: a missing required field, not 1-7 reference images, or a value outside
            the lists or ranges above.
    """

    model: Model | str
    prompt: str = field(_prompt)
    reference_image_urls: Sequence[HttpUrl] = field(url_list(min_items=1, max_items=MAX_REFERENCE_IMAGES))
    output_resolution: OutputResolution
    duration_seconds: int = field(_duration)
    aspect_ratio: AspectRatio
    enable_audio: bool | None = None
    seed: int | None = field(_seed, default=None)
    callback_url: CallbackUrl | None = None


@params
class TransitionVideoParams:
    """Params of ``POST /api/v1/pixverse/transition_video`` (contract ``pixverse/transition-video``).

    Attributes:
        model: ``"pixverse-v6"``.
        prompt: how the first frame turns into the last, 3-5,000 characters.
        first_frame_image_url: the image the video starts from (a URL, or a local file uploaded first).
        last_frame_image_url: the image the video ends on (a URL, or a local file uploaded first).
        output_resolution: one of :data:`OUTPUT_RESOLUTIONS`.
        duration_seconds: video length in seconds, an integer 1-15.
        enable_audio: generate sound with the video.
        seed: random seed for reproducible results, an integer 0-2,147,483,647.
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: a missing required field, or a value outside the lists or ranges above.
    """

    model: Model | str
    prompt: str = field(_prompt)
    first_frame_image_url: HttpUrl
    last_frame_image_url: HttpUrl
    output_resolution: OutputResolution
    duration_seconds: int = field(_duration)
    enable_audio: bool | None = None
    seed: int | None = field(_seed, default=None)
    callback_url: CallbackUrl | None = None


@params
class ExtendVideoParams:
    """Params of ``POST /api/v1/pixverse/extend_video`` (contract ``pixverse/extend-video``).

    Attributes:
        model: ``"pixverse-v6"``.
        prompt: how the video goes on, 3-5,000 characters.
        source_task_id: the id of the completed PixVerse task to extend.
        output_resolution: one of :data:`OUTPUT_RESOLUTIONS`.
        duration_seconds: length of the extension in seconds, an integer 1-15.
        enable_audio: generate sound with the video.
        seed: random seed for reproducible results, an integer 0-2,147,483,647.
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: a missing required field, or a value outside the lists or ranges above.
    """

    model: Model | str
    prompt: str = field(_prompt)
    source_task_id: str
    output_resolution: OutputResolution
    duration_seconds: int = field(_duration)
    enable_audio: bool | None = None
    seed: int | None = field(_seed, default=None)
    callback_url: CallbackUrl | None = None


# -- operations ------------------------------------------------------------------------------


class PixVerse(Family[ClientT]):
    """``client.pixverse``: PixVerse V6's video endpoints (official package ``runapi-pixverse``).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` reads ``GET <path>/{id}``.
    """

    text_to_video = TaskOperation(
        "/api/v1/pixverse/text_to_video", TextToVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Generate a video from a prompt (``pixverse/text-to-video``)."""

    image_to_video = TaskOperation(
        "/api/v1/pixverse/image_to_video", ImageToVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Animate a first-frame image (``pixverse/image-to-video``)."""

    edit_video = TaskOperation("/api/v1/pixverse/edit_video", EditVideoParams, VideoTask, duration=DURATIONS["video"])
    """Generate a video guided by 1-7 reference images (``pixverse/edit-video``)."""

    transition_video = TaskOperation(
        "/api/v1/pixverse/transition_video", TransitionVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Generate a transition from a first to a last frame (``pixverse/transition-video``)."""

    extend_video = TaskOperation(
        "/api/v1/pixverse/extend_video", ExtendVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Continue a completed PixVerse video (``pixverse/extend-video``)."""
