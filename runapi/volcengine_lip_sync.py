"""Volcengine Lip Sync: re-time a source video's lip movement to an audio track (official packages:
Volcengine Lip Sync).

Reached as ``client.volcengine_lip_sync``::

    video = client.volcengine_lip_sync.lip_sync_video.run(
        model="volcengine-lip-sync",
        mode="lite",
        source_video_url="https://cdn.runapi.ai/public/samples/volcengine-lip-sync-source.mp4",
        source_audio_url="https://cdn.runapi.ai/public/samples/volcengine-lip-sync-voice-adam.mp3",
    )
    print(video.output_urls)

One task endpoint, ``lip_sync_video``, polled at ``GET /api/v1/volcengine_lip_sync/lip_sync_video/{id}``
(the official package runs it as create + poll); a completed task carries ``videos: [{url}]``.

Where each fact comes from (RunAPI's docs snapshot has no Volcengine Lip Sync section):

- the path, kind (task), model id ``volcengine-lip-sync`` and ``mode`` (``lite``, ``basic``): the
  platform contract (the official CLI's ``contract_gen.go``);
- required ``mode``, ``source_video_url`` and ``source_audio_url``; ``template_start_seconds`` at
  least 0; the mode rules (``lite`` takes no ``enable_scene_detection``; ``basic`` takes no
  ``align_audio``, ``align_audio_reverse`` or ``template_start_seconds``) and ``align_audio_reverse``
  true requiring ``align_audio``: the official repository's generated contract
  (``runapi-ai/volcengine-lip-sync-sdk``, ``python/src/runapi/volcengine_lip_sync/contract_gen.py``);
- the boolean fields (``enable_vocal_separation``, ``enable_scene_detection``, ``align_audio``,
  ``align_audio_reverse``), ``template_start_seconds`` as a number of seconds, ``callback_url`` and
  what each means: the repository's ``js/src/types.ts``;
- the result (``videos: [{url}]``, ``error``): the package's response models
  (``runapi-volcengine-lip-sync`` 0.3.0 ``types.py``).

Readings and unknowns:

- ``align_audio_reverse=True`` needs ``align_audio`` given (the contract's ``required``); the
  contract does not say it must be ``True``, so any value is sent.
- ``template_start_seconds`` has no published maximum (the source video's length is the server's
  to check); no default is printed for any field, so a field left out is off the wire.
- A source file's size and format limits are not published.
- Parameters no source names go through ``with_options(extra_body={...})``.
"""

from __future__ import annotations

from typing import Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, by, field, number, params, require, rules

__all__ = [
    "MODELS",
    "MODES",
    "MODE_RULES",
    "LipSyncVideoParams",
    "Mode",
    "Model",
    "Video",
    "VideoTask",
    "VolcengineLipSync",
]

Model = Literal["volcengine-lip-sync"]
"""The model id (platform contract ``volcengine-lip-sync/lip-sync-video``)."""

MODELS: tuple[Model, ...] = get_args(Model)

Mode = Literal["lite", "basic"]
"""``lite`` for frontal single-person videos, ``basic`` for more complex scenes (platform contract;
meanings from the official ``types.ts``)."""

MODES: tuple[Mode, ...] = get_args(Mode)

MODE_RULES = by(
    "mode",
    {
        "lite": rules(refused=["enable_scene_detection"]),
        "basic": rules(refused=["align_audio", "align_audio_reverse", "template_start_seconds"]),
    },
)
"""What each ``mode`` takes (official contract's rules): scene detection is ``basic`` only; audio
alignment and the template start are ``lite`` only."""


# -- results ---------------------------------------------------------------------------------


Video = media.Video
"""One lip-synced video: ``url`` to download it (official response model ``Video``)."""


@attrs.frozen(kw_only=True)
class VideoTask(media.VideoTask):
    """A ``lip_sync_video`` task (official response model ``LipSyncVideoResponse``).

    Attributes:
        videos: the lip-synced video, once completed.
    """


# -- params ----------------------------------------------------------------------------------


@params
class LipSyncVideoParams:
    """Params of ``POST /api/v1/volcengine_lip_sync/lip_sync_video`` (platform contract
    ``volcengine-lip-sync/lip-sync-video``).

    Per-mode rules: :data:`MODE_RULES`.

    Attributes:
        model: ``"volcengine-lip-sync"``.
        mode: ``"lite"`` (frontal, single person) or ``"basic"`` (more complex scenes).
        source_video_url: the video whose lips move (an absolute http(s) URL or a local file).
        source_audio_url: the audio that drives the lip movement.
        enable_vocal_separation: suppress background noise by separating the vocals.
        enable_scene_detection: segment scenes (``basic`` only).
        align_audio: loop the video when the audio is longer (``lite`` only).
        align_audio_reverse: loop it in reverse; needs ``align_audio`` (``lite`` only).
        template_start_seconds: where in the source video to start, seconds >= 0 (``lite`` only).
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: a value outside the lists or ranges above, a field the mode does not take,
            or ``align_audio_reverse=True`` without ``align_audio``.
    """

    model: Model | str
    mode: Mode
    source_video_url: HttpUrl
    source_audio_url: HttpUrl
    enable_vocal_separation: bool | None = None
    enable_scene_detection: bool | None = None
    align_audio: bool | None = None
    align_audio_reverse: bool | None = None
    template_start_seconds: float | None = field(number(0), default=None)
    callback_url: CallbackUrl | None = None

    __rules__ = MODE_RULES

    def __attrs_post_init__(self) -> None:
        if self.align_audio_reverse is True:
            require(self, ["align_audio"], when="when align_audio_reverse is true")


# -- operations ------------------------------------------------------------------------------


class VolcengineLipSync(Family[ClientT]):
    """``client.volcengine_lip_sync``: Volcengine Lip Sync (official package ``runapi-volcengine-lip-sync``).

    ``lip_sync_video`` has ``create``, ``get``, ``wait`` and ``run``; ``get`` reads ``GET <path>/{id}``.
    """

    lip_sync_video = TaskOperation(
        "/api/v1/volcengine_lip_sync/lip_sync_video", LipSyncVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Drive a source video's lip movement from an audio track (``volcengine-lip-sync/lip-sync-video``)."""
