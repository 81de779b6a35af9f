"""Runway: text-to-video, image-to-video and video extension (docs: Runway).

Reached as ``client.runway``::

    video = client.runway.text_to_video.run(
        prompt="A camera glide through ocean mist", duration_seconds=5, output_resolution="720p", aspect_ratio="16:9"
    )
    longer = client.runway.extend_video.run(source_task_id=video.id, prompt="The sun rises", output_resolution="720p")
    print(longer.videos[0].url)

Both operations are tasks: the create answers 202 ``{id, status}`` and ``GET <path>/{id}`` reports
it. ``text_to_video`` is text-to-video without ``first_frame_image_url`` and image-to-video with
it; text-to-video needs an ``aspect_ratio`` (checked before the request).

Readings of the docs where they are silent:

- ``aspect_ratio`` is "Required for text-to-video" and optional otherwise: it is required when
  ``first_frame_image_url`` is left out, and still accepted with it. The docs list no values (the
  newer contract does, below).
- The docs tie no ``output_resolution`` to a ``duration_seconds``: every combination of the
  documented values (5 or 10 seconds; 720p or 1080p) is accepted.
- ``extend_video`` prints no example request or answer: its 202 and status answers are read as
  ``text_to_video``'s (a :class:`VideoTask`). Its ``source_task_id`` is read as a Runway video task
  (the SDK cannot check which kind of task an id names); it takes no ``duration_seconds``.
- No failed or callback example is printed: the platform's general ones apply (a failed task is
  ``{"id", "status": "failed", "error"}``; a callback body is the status answer).
- ``images`` of a completed task hold a cover image (``cover.png`` in the example), not an output:
  :attr:`VideoTask.output_urls` lists the videos only (the covers stay on ``task.images``).

Newer sources (the platform contract, ``runapi-ai/cli`` ``contract_gen.go``; the official ``runapi-runway`` 0.3.0
package and its repository's ``contract_gen.py``) win over the docs where they differ:

- both actions list one model id, ``"runway"``: ``model`` is offered as an optional field (the official package
  passes it through when given and requires none, so it is left off the wire unless given);
- ``text_to_video``'s ``aspect_ratio`` is one of ``16:9``, ``9:16``, ``1:1``, ``4:3``, ``3:4``
  (:data:`AspectRatio`); another ratio is sent with an ``UnknownValueWarning`` (refused in strict mode).
"""

from __future__ import annotations

from typing import Literal

import attrs

from ._core import media
from ._core.models import Task
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, by_presence, params, rules

__all__ = [
    "AspectRatio",
    "DurationSeconds",
    "ExtendVideoParams",
    "Image",
    "Model",
    "OutputResolution",
    "Runway",
    "TextToVideoParams",
    "Video",
    "VideoTask",
]

Model = Literal["runway"]
"""The one model id of both operations (newer source: the platform contract; the docs name none)."""

AspectRatio = Literal["16:9", "9:16", "1:1", "4:3", "3:4"]
"""``text_to_video`` aspect ratios (newer source: the platform contract; the docs list none)."""

DurationSeconds = Literal[5, 10]
"""``text_to_video`` lengths, in seconds (docs: Runway > Create Text To Video)."""

OutputResolution = Literal["720p", "1080p"]
"""Output resolutions of both operations (docs: Runway > Create Text To Video, Create Extend Video)."""


# -- results ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Video:
    """One generated video (docs: Runway > Get Text To Video).

    Attributes:
        id: the video's id (``"video-1"`` in the example).
        url: MP4 download URL.
    """

    id: str | None = None
    url: str | None = None


Image = media.Image
"""A cover image of the video: ``url`` of a PNG (docs: Runway > Get Text To Video)."""


@attrs.frozen(kw_only=True)
class VideoTask(Task):
    """A ``text_to_video`` or ``extend_video`` task.

    Attributes:
        videos: the generated videos, once completed.
        images: their cover images, once completed (not part of :attr:`output_urls`).
    """

    videos: list[Video] = attrs.Factory(list)
    images: list[Image] = attrs.Factory(list)

    @property
    def output_urls(self) -> list[str]:
        """Each video's MP4 ``url`` that is set, in order (what ``client.download_outputs`` saves)."""
        return [video.url for video in self.videos if video.url]


# -- params ----------------------------------------------------------------------------------


@params
class TextToVideoParams:
    """Params of ``POST /api/v1/runway/text_to_video`` (docs: Runway > Create Text To Video).

    Attributes:
        prompt: what the video shows (with a first frame: how it moves).
        duration_seconds: 5 or 10, seconds.
        output_resolution: ``"720p"`` or ``"1080p"``.
        first_frame_image_url: the first frame, for image-to-video (an http(s) URL RunAPI can fetch).
        aspect_ratio: one of :data:`AspectRatio`; required for text-to-video (without
            ``first_frame_image_url``).
        model: ``"runway"`` (optional; left off the wire unless given).
        watermark: watermark text.
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: a value outside the lists above, or no ``aspect_ratio`` for text-to-video.
    """

    prompt: str
    duration_seconds: DurationSeconds
    output_resolution: OutputResolution
    first_frame_image_url: HttpUrl | None = None
    aspect_ratio: AspectRatio | None = None
    model: Model | str | None = None
    watermark: str | None = None
    callback_url: CallbackUrl | None = None

    __rules__ = by_presence("first_frame_image_url", absent=rules(required=["aspect_ratio"]))  # text-to-video


@params
class ExtendVideoParams:
    """Params of ``POST /api/v1/runway/extend_video`` (docs: Runway > Create Extend Video).

    Attributes:
        source_task_id: the id of the Runway task whose video is extended.
        prompt: how the video continues.
        output_resolution: ``"720p"`` or ``"1080p"``.
        model: ``"runway"`` (optional; left off the wire unless given).
        watermark: watermark text.
        callback_url: where RunAPI POSTs the result.
    """

    source_task_id: str
    prompt: str
    output_resolution: OutputResolution
    model: Model | str | None = None
    watermark: str | None = None
    callback_url: CallbackUrl | None = None


# -- operations ------------------------------------------------------------------------------


class Runway(Family[ClientT]):
    """``client.runway``: Runway's video endpoints (docs: Runway).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` polls ``GET <path>/{id}``.
    """

    text_to_video = TaskOperation(
        "/api/v1/runway/text_to_video", TextToVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Generate a video from a prompt, or from a first frame (docs: Runway > Create Text To Video)."""

    extend_video = TaskOperation(
        "/api/v1/runway/extend_video", ExtendVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Continue a Runway video (docs: Runway > Create Extend Video, Get Extend Video)."""
