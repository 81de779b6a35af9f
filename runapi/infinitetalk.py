"""InfiniteTalk: lip-sync videos from one image, a driving audio clip and a prompt (docs: InfiniteTalk).

Reached as ``client.infinitetalk``::

    task = client.infinitetalk.audio_to_video.run(
        model="infinitetalk-from-audio",
        source_image_url="https://example.com/portrait.jpg",
        source_audio_url="https://example.com/voice.mp3",
        prompt="A woman talking on a podcast",
    )
    print(task.videos[0].url)

The one operation is a task: the create answers 202 ``{id, status}`` and ``GET
/api/v1/infinitetalk/audio_to_video/{id}`` reports it (docs: InfiniteTalk > Get InfiniteTalk From
Audio Status, which prints that GET).

Readings of the docs where they are silent:

- No failed or callback example is printed: a failure is the platform's ``{"id", "status":
  "failed", "error"}`` (docs: Errors > Task-Specific Errors), and a callback body is the status
  answer (docs: Callbacks > Callback payload).
- ``seed``'s "Integer between 10000 and 1000000" is read as inclusive.
- "HTTPS callback URL": any absolute http(s) URL, as everywhere in the SDK.
"""

from __future__ import annotations

from typing import Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, field, integer, params, text

__all__ = [
    "MAX_PROMPT_LENGTH",
    "MODELS",
    "AudioToVideoParams",
    "InfiniteTalk",
    "Model",
    "Video",
    "VideoTask",
]

Model = Literal["infinitetalk-from-audio"]
"""``audio_to_video``'s one model (docs: InfiniteTalk > InfiniteTalk Endpoints)."""

MODELS: tuple[Model, ...] = get_args(Model)

MAX_PROMPT_LENGTH = 5_000
"""Most characters of a prompt."""


# -- results ---------------------------------------------------------------------------------


Video = media.Video
"""One generated video: ``url`` to download it (MP4 in the docs' example)."""


@attrs.frozen(kw_only=True)
class VideoTask(media.VideoTask):
    """An ``audio_to_video`` task.

    Attributes:
        videos: the lip-sync videos, once completed.
    """


# -- params ----------------------------------------------------------------------------------


@params
class AudioToVideoParams:
    """Params of ``POST /api/v1/infinitetalk/audio_to_video`` (docs: InfiniteTalk > Create InfiniteTalk From Audio).

    Attributes:
        model: ``"infinitetalk-from-audio"``.
        source_image_url: the face to animate (one image).
        source_audio_url: the audio that drives the lips.
        prompt: what the video shows, at most 5,000 characters.
        output_resolution: ``"480p"`` or ``"720p"``.
        seed: random seed, 10000-1000000.
        callback_url: where RunAPI POSTs the result.
    """

    model: Model | str
    source_image_url: HttpUrl
    source_audio_url: HttpUrl
    prompt: str = field(text(max_length=MAX_PROMPT_LENGTH))
    output_resolution: Literal["480p", "720p"] | None = None
    seed: int | None = field(integer(10_000, 1_000_000), default=None)
    callback_url: CallbackUrl | None = None


# -- operations ------------------------------------------------------------------------------


class InfiniteTalk(Family[ClientT]):
    """``client.infinitetalk``: InfiniteTalk's lip-sync endpoint (docs: InfiniteTalk).

    ``audio_to_video`` has ``create``, ``get``, ``wait`` and ``run``; ``get`` polls ``GET <path>/{id}``.
    """

    audio_to_video = TaskOperation(
        "/api/v1/infinitetalk/audio_to_video", AudioToVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Make a lip-sync video from an image, an audio clip and a prompt (docs: InfiniteTalk > Create
    InfiniteTalk From Audio, Get InfiniteTalk From Audio Status)."""
