"""Runway Aleph: edit an existing video from a prompt (docs: Runway Aleph).

Reached as ``client.runway_aleph``::

    edited = client.runway_aleph.edit_video.run(
        prompt="Transform the scene into moody dusk lighting", source_video_url="https://example.com/clip.mp4"
    )
    print(edited.videos[0].url)

``edit_video`` is a task: the create answers 202 ``{id, status}`` and
``GET /api/v1/runway_aleph/edit_video/{id}`` reports it.

Readings of the docs where they are silent:

- No 202 answer is printed for this family: it is read as every task endpoint's ``{id, status}``.
- No failed or callback example is printed: the platform's general ones apply (a failed task is
  ``{"id", "status": "failed", "error"}``; a callback body is the status answer).
- ``seed`` is "Random seed" with no range: any integer is sent (the server has the last word).
- ``aspect_ratio`` is optional and has no documented default: left out, the server chooses.
- ``images`` of a completed task are read as a still of the edited video (``runway-aleph.png``),
  not an output: :attr:`VideoTask.output_urls` lists the videos only (the images stay on
  ``task.images``).
- The docs document no ``watermark`` (unlike Runway's endpoints): none is offered.

Newer source: the platform contract (``runapi-ai/cli`` ``contract_gen.go``) and the official
``runapi-runway-aleph`` 0.3.0 package list one model id, ``"runway-aleph"``, which the docs do not
document: ``model`` is offered as an optional field (the official package passes it through when
given and requires none), left off the wire unless given. The aspect ratios are the contract's too.
"""

from __future__ import annotations

from typing import Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, params

__all__ = ["ASPECT_RATIOS", "AspectRatio", "EditVideoParams", "Image", "Model", "RunwayAleph", "Video", "VideoTask"]

Model = Literal["runway-aleph"]
"""``edit_video``'s one model id (newer source: the platform contract; the docs name none)."""

AspectRatio = Literal["16:9", "9:16", "4:3", "3:4", "1:1", "21:9"]
"""``edit_video``'s aspect ratios (docs: Runway Aleph > Create Edit Video)."""

ASPECT_RATIOS: tuple[AspectRatio, ...] = get_args(AspectRatio)


# -- results ---------------------------------------------------------------------------------


Video = media.Video
"""One edited video: ``url`` to download the MP4 (docs: Runway Aleph > Get Edit Video)."""


Image = media.Image
"""An image of the edited video: ``url`` of a PNG (docs: Runway Aleph > Get Edit Video)."""


@attrs.frozen(kw_only=True)
class VideoTask(media.VideoTask):
    """An ``edit_video`` task.

    Attributes:
        videos: the edited videos, once completed.
        images: their still images, once completed (not part of :attr:`output_urls`).
    """

    images: list[Image] = attrs.Factory(list)


# -- params ----------------------------------------------------------------------------------


@params
class EditVideoParams:
    """Params of ``POST /api/v1/runway_aleph/edit_video`` (docs: Runway Aleph > Create Edit Video).

    Attributes:
        prompt: how to transform the video.
        source_video_url: the video to edit (an http(s) URL RunAPI can fetch).
        reference_image_url: a style reference image (an http(s) URL).
        aspect_ratio: ``"16:9"``, ``"9:16"``, ``"4:3"``, ``"3:4"``, ``"1:1"`` or ``"21:9"``.
        seed: random seed, any integer.
        model: ``"runway-aleph"`` (optional; left off the wire unless given).
        callback_url: where RunAPI POSTs the result.
    """

    prompt: str
    source_video_url: HttpUrl
    reference_image_url: HttpUrl | None = None
    aspect_ratio: AspectRatio | None = None
    seed: int | None = None
    model: Model | str | None = None
    callback_url: CallbackUrl | None = None


# -- operations ------------------------------------------------------------------------------


class RunwayAleph(Family[ClientT]):
    """``client.runway_aleph``: Runway Aleph's video editing endpoint (docs: Runway Aleph).

    ``edit_video`` has ``create``, ``get``, ``wait`` and ``run``; ``get`` polls ``GET <path>/{id}``.
    """

    edit_video = TaskOperation(
        "/api/v1/runway_aleph/edit_video", EditVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Transform a video from a prompt, optionally styled by a reference image (docs: Runway Aleph >
    Create Edit Video, Get Edit Video)."""
