"""Luma: turn an existing video into a new variation guided by a prompt (docs: Luma).

Reached as ``client.luma``::

    task = client.luma.modify_video.run(
        prompt="Turn the street into a rainy cyberpunk night", source_video_url="https://example.com/street.mp4"
    )
    print(task.videos[0].url)

``modify_video`` is a task: the create answers 202 ``{id, status}`` and
``GET /api/v1/luma/modify_video/{id}`` reports it (``processing``, ``completed`` or ``failed``). With
``callback_url``, RunAPI POSTs the final status answer there.

Readings of the docs where they are silent or loose:

- ``prompt`` is "English prompt" and ``source_video_url`` "Supports MP4, MOV, and AVI": neither is
  checked here (a URL need not end in its file type; the server has the last word). The source
  must be publicly reachable.
- ``callback_url`` is an "HTTPS webhook URL": like everywhere else in the SDK any absolute http(s)
  URL is accepted (the server has the last word).
- "Luma's provider-specific callback failure state is normalized to completed because the
  generation itself has succeeded": a task whose provider reported a callback failure reads as
  ``completed`` with its videos; nothing in the SDK has to handle it.
- No processing status answer is printed: the 202 answer's shape (``{id, status: "processing"}``)
  stands in for it.

Newer source: the platform contract (``runapi-ai/cli`` ``contract_gen.go``) and the official
``runapi-luma`` 0.3.0 package list one model id, ``"luma-modify-video"``, which the docs do not
document: ``model`` is offered as an optional field (the official package's examples pass it; its
contract requires only ``prompt`` and ``source_video_url``), left off the wire unless given.
"""

from __future__ import annotations

from typing import Literal

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, params

__all__ = ["Luma", "Model", "ModifyVideoParams", "Source", "Video", "VideoTask"]

Model = Literal["luma-modify-video"]
"""``modify_video``'s one model id (newer source: the platform contract; the docs name none)."""


# -- results ---------------------------------------------------------------------------------


Video = media.Video
"""One generated video: ``url`` to download the MP4 (docs: Luma > Get Luma Video Modification).

Download it soon: the docs state no retention, and the examples point at ``tempfile.runapi.ai``.
"""


@attrs.frozen(kw_only=True)
class Source:
    """The source video the modification used: its ``url`` (docs: Luma > Get Luma Video Modification)."""

    url: str | None = None


@attrs.frozen(kw_only=True)
class VideoTask(media.VideoTask):
    """A ``modify_video`` task (docs: Luma > Get Luma Video Modification > Response Fields).

    Attributes:
        videos: the generated videos, once completed.
        sources: the source videos used for the modification.
    """

    sources: list[Source] = attrs.Factory(list)


# -- params ----------------------------------------------------------------------------------


@params
class ModifyVideoParams:
    """Params of ``POST /api/v1/luma/modify_video`` (docs: Luma > Create Luma Video Modification).

    Attributes:
        prompt: how to transform the source video, in English.
        source_video_url: a publicly reachable MP4, MOV or AVI video (an http(s) URL).
        callback_url: where RunAPI POSTs the result (HTTPS in the docs).
        watermark: a watermark identifier added to the generated video.
        model: ``"luma-modify-video"`` (optional; left off the wire unless given).
    """

    prompt: str
    source_video_url: HttpUrl
    callback_url: CallbackUrl | None = None
    watermark: str | None = None
    model: Model | str | None = None


# -- operations ------------------------------------------------------------------------------


class Luma(Family[ClientT]):
    """``client.luma``: Luma's video modification endpoint (docs: Luma).

    ``modify_video`` has ``create``, ``get``, ``wait`` and ``run``; ``get`` polls ``GET <path>/{id}``.
    """

    modify_video = TaskOperation("/api/v1/luma/modify_video", ModifyVideoParams, VideoTask, duration=DURATIONS["video"])
    """Make a new variation of a video from a prompt (docs: Luma > Create Luma Video Modification,
    Get Luma Video Modification)."""
