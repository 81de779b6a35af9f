"""Veo 3.1: video generation, extension and upscaling (docs: Veo 3.1).

Reached as ``client.veo_3_1``::

    video = client.veo_3_1.text_to_video.run(prompt="A dog running in a park", model="veo-3.1-fast")
    hd = client.veo_3_1.upscale_video.run(source_task_id=video.id, output_resolution="1080p")
    print(hd.videos[0].url)

``text_to_video`` has three modes on one endpoint, chosen by ``input_mode``: ``"text"`` (the
default), ``"first_and_last_frames"`` (animate from one or two images) and ``"reference"`` (1-3
reference images; ``veo-3.1-fast`` and 16:9 only).

Readings of the docs: image fields sent without the matching ``input_mode`` would be ignored
(the server defaults to ``text``), so they are refused with a message naming the mode to set.

Newer source: the platform contract (``runapi-ai/cli`` ``contract_gen.go``) lists a third model,
``veo-3.1-lite``, whose ``aspect_ratio`` is ``16:9`` or ``9:16`` (no ``auto``) and whose durations and
input modes are the others' (:data:`MODEL_RULES`). Reference mode stays ``veo-3.1-fast`` only, as the
docs and the official package's types say (the contract lists ``input_mode`` values per model, not
which combinations the server takes).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

import attrs

from ._core import media
from ._core.models import Task
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import (
    CallbackUrl,
    HttpUrl,
    by,
    check,
    field,
    forbid,
    integer,
    one_of,
    params,
    require,
    rules,
    text_list,
)

__all__ = [
    "MODELS",
    "MODEL_RULES",
    "ExtendVideoParams",
    "Model",
    "Source",
    "TextToVideoParams",
    "UpscaleVideoParams",
    "Veo31",
    "Video",
    "VideoTask",
]

Model = Literal["veo-3.1", "veo-3.1-fast", "veo-3.1-lite"]
"""``veo-3.1`` (quality) and ``veo-3.1-fast`` (docs: Veo 3.1 > Model Variants); ``veo-3.1-lite`` (newer
source: the platform contract)."""

MODELS: tuple[Model, ...] = get_args(Model)

MODEL_RULES = by("model", {"veo-3.1-lite": rules(aspect_ratio=one_of("16:9", "9:16"))})
"""Per-model narrowing of ``text_to_video`` (newer source: the platform contract): ``veo-3.1-lite``
takes ``aspect_ratio`` ``16:9`` or ``9:16`` only."""

_seeds = integer(10_000, 99_999)


# -- results ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Video(media.Video):
    """One generated video: the shared :class:`runapi._core.media.Video` plus ``resolution`` and ``has_audio``.

    Attributes:
        url: MP4 download URL.
        resolution: ``"720p"``, ``"1080p"`` or ``"4k"``.
        has_audio: whether the video has a sound track (not reported by upscale tasks).
    """

    resolution: str | None = None
    has_audio: bool | None = None


@attrs.frozen(kw_only=True)
class Source:
    """An input of the task (for ``extend_video``: the original video's ``url``)."""

    url: str | None = None


@attrs.frozen(kw_only=True)
class VideoTask(Task):
    """A ``text_to_video``, ``extend_video`` or ``upscale_video`` task.

    Attributes:
        videos: the generated videos (once completed).
        sources: input media URLs, when the answer lists them (extend, image-to-video).
        source_task_id: the task that was upscaled (``upscale_video`` only).
    """

    videos: list[Video] = attrs.Factory(list)
    sources: list[Source] = attrs.Factory(list)
    source_task_id: str | None = None

    @property
    def output_urls(self) -> list[str]:
        """Each video's MP4 ``url`` that is set, in order (what ``client.download_outputs`` saves)."""
        return [video.url for video in self.videos if video.url]


# -- params ----------------------------------------------------------------------------------


@params
class TextToVideoParams:
    """Params of ``POST /api/v1/veo_3_1/text_to_video`` (docs: Veo 3.1 > Generate Video).

    Attributes:
        prompt: what the video shows (or, with images, how they animate).
        model: ``"veo-3.1"``, ``"veo-3.1-fast"`` or ``"veo-3.1-lite"``; reference mode needs ``veo-3.1-fast``.
        input_mode: ``"text"`` (server default), ``"first_and_last_frames"`` or ``"reference"``.
        first_frame_image_url: first frame; required for ``first_and_last_frames``.
        last_frame_image_url: last frame (optional, with a first frame).
        reference_image_urls: 1-3 image URLs; required for ``reference``.
        aspect_ratio: ``"16:9"`` (default), ``"9:16"`` or ``"auto"`` (not for ``veo-3.1-lite``); reference
            mode takes 16:9 only.
        duration_seconds: 4, 6 or 8 (default 8), seconds.
        seeds: random seed, 10000-99999.
        enable_translation: translate the prompt to English first (server default true).
        watermark: watermark text.
        callback_url: where RunAPI POSTs the result.
    """

    prompt: str
    model: Model | str
    input_mode: Literal["text", "first_and_last_frames", "reference"] | None = None
    first_frame_image_url: HttpUrl | None = None
    last_frame_image_url: HttpUrl | None = None
    reference_image_urls: Sequence[HttpUrl] | None = field(text_list(min_items=1, max_items=3), default=None)
    aspect_ratio: Literal["16:9", "9:16", "auto"] | None = None
    duration_seconds: Literal[4, 6, 8] | None = None
    seeds: int | None = field(_seeds, default=None)
    enable_translation: bool | None = None
    watermark: str | None = None
    callback_url: CallbackUrl | None = None

    __rules__ = MODEL_RULES

    def __attrs_post_init__(self) -> None:
        mode = self.input_mode or "text"
        if mode == "first_and_last_frames":
            require(self, ["first_frame_image_url"], when="when input_mode is 'first_and_last_frames'")
        else:
            forbid(
                self,
                ["first_frame_image_url", "last_frame_image_url"],
                unless="when input_mode is 'first_and_last_frames'",
            )
        if mode == "reference":
            require(self, ["reference_image_urls"], when="when input_mode is 'reference'")
            check(self, "model", one_of("veo-3.1-fast"), when="when input_mode is 'reference'")
            check(self, "aspect_ratio", one_of("16:9"), when="when input_mode is 'reference'")
        else:
            forbid(self, ["reference_image_urls"], unless="when input_mode is 'reference'")


@params
class ExtendVideoParams:
    """Params of ``POST /api/v1/veo_3_1/extend_video`` (docs: Veo 3.1 > Extend Video).

    Attributes:
        source_task_id: the id of the Veo 3.1 task whose video is extended.
        prompt: what happens in the extension.
        seeds: random seed, 10000-99999.
        watermark: watermark text.
        callback_url: where RunAPI POSTs the result.
    """

    source_task_id: str
    prompt: str
    seeds: int | None = field(_seeds, default=None)
    watermark: str | None = None
    callback_url: CallbackUrl | None = None


@params
class UpscaleVideoParams:
    """Params of ``POST /api/v1/veo_3_1/upscale_video`` (docs: Veo 3.1 > Request 1080P / 4K Video).

    Attributes:
        source_task_id: a completed video generation task.
        output_resolution: ``"1080p"`` or ``"4k"``.
        index: which video of the source task, from 0 (default 0).
        callback_url: where RunAPI POSTs the result.
    """

    source_task_id: str
    output_resolution: Literal["1080p", "4k"]
    index: int | None = field(integer(0), default=None)
    callback_url: CallbackUrl | None = None


# -- operations ------------------------------------------------------------------------------


class Veo31(Family[ClientT]):
    """``client.veo_3_1``: Veo 3.1's video endpoints (docs: Veo 3.1)."""

    text_to_video = TaskOperation(
        "/api/v1/veo_3_1/text_to_video", TextToVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Generate a video from text, from first/last frames, or from reference images."""

    extend_video = TaskOperation(
        "/api/v1/veo_3_1/extend_video", ExtendVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Extend a generated video with new content."""

    upscale_video = TaskOperation(
        "/api/v1/veo_3_1/upscale_video", UpscaleVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Get a 1080p or 4K version of a completed video."""
