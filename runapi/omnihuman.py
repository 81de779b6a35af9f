"""OmniHuman: audio-driven talking-head video, human identification and subject masks (official
packages: OmniHuman).

Reached as ``client.omnihuman``::

    masks = client.omnihuman.subject_detection.run(
        model="omnihuman-1.5-subject-detection", source_image_url="https://cdn.runapi.ai/public/samples/portrait.jpg"
    )
    video = client.omnihuman.audio_to_video.run(
        model="omnihuman-1.5",
        source_image_url="https://cdn.runapi.ai/public/samples/portrait.jpg",
        source_audio_url="https://cdn.runapi.ai/public/samples/voice.mp3",
        mask_urls=masks.output_urls[:1],
        output_resolution="720p",
    )
    print(video.output_urls)

Three task endpoints, each polled at ``GET <create path>/{id}`` (the official package runs each
as create + poll; none answers at once): ``audio_to_video`` (a portrait and an audio track make a
video, ``videos: [{url}]``), ``human_identification`` (whether an image holds a usable human
subject, ``subject_status``: an integer) and ``subject_detection`` (subject masks, ``masks:
[{url}]``, which ``audio_to_video`` takes as ``mask_urls``).

Where each fact comes from (RunAPI's docs snapshot has no OmniHuman section):

- the paths, kinds (task) and model ids (``omnihuman-1.5``, ``omnihuman-1.5-human-identification``,
  ``omnihuman-1.5-subject-detection``), ``output_resolution`` (``720p``, ``1080p``) and
  ``mask_urls`` (at most 5): the platform contract (the official CLI's ``contract_gen.go``);
- required ``source_image_url`` (every endpoint) and ``source_audio_url``, ``seed`` (an integer):
  the official repository's generated contract (``runapi-ai/omnihuman-sdk``,
  ``python/src/runapi/omnihuman/contract_gen.py``);
- ``prompt`` at most 300 characters: the repository's newest ``js/src/types.ts`` and its
  CHANGELOG (js/v0.2.11, python/v0.2.2, 2026-08-10: "Validate the 300-character prompt limit").
  Its generated contract says 1,000: the newer source wins;
- ``enable_fast_mode`` (a boolean), ``callback_url`` and what each field means: the same
  ``types.ts``;
- the results (``videos: [{url}]``; ``subject_status``: an integer; ``masks: [{url}]``; ``error``):
  the package's response models (``runapi-omnihuman`` 0.3.0 ``types.py``).

Readings and unknowns:

- What each ``subject_status`` value means is not published: it is kept as the integer sent.
- ``seed``'s range is not published (any integer is sent); ``output_resolution`` defaults to
  ``1080p`` on the server (``types.ts``); a mask's or source file's size and format limits are not
  published (only the server can check a URL).
- Parameters no source names go through ``with_options(extra_body={...})``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

import attrs

from ._core import media
from ._core.models import Task
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, field, params, text, url_list

__all__ = [
    "AUDIO_TO_VIDEO_MODELS",
    "HUMAN_IDENTIFICATION_MODELS",
    "MAX_MASKS",
    "MAX_PROMPT_LENGTH",
    "MODELS",
    "SUBJECT_DETECTION_MODELS",
    "AudioToVideoModel",
    "AudioToVideoParams",
    "HumanIdentificationModel",
    "HumanIdentificationParams",
    "HumanIdentificationTask",
    "Mask",
    "Model",
    "Omnihuman",
    "OutputResolution",
    "SubjectDetectionModel",
    "SubjectDetectionParams",
    "SubjectDetectionTask",
    "Video",
    "VideoTask",
]

AudioToVideoModel = Literal["omnihuman-1.5"]
"""``audio_to_video``'s model (platform contract ``omnihuman/audio-to-video``)."""

HumanIdentificationModel = Literal["omnihuman-1.5-human-identification"]
"""``human_identification``'s model (platform contract ``omnihuman/human-identification``)."""

SubjectDetectionModel = Literal["omnihuman-1.5-subject-detection"]
"""``subject_detection``'s model (platform contract ``omnihuman/subject-detection``)."""

Model = Literal["omnihuman-1.5", "omnihuman-1.5-human-identification", "omnihuman-1.5-subject-detection"]
"""Every OmniHuman model id, of any endpoint."""

AUDIO_TO_VIDEO_MODELS: tuple[AudioToVideoModel, ...] = get_args(AudioToVideoModel)
HUMAN_IDENTIFICATION_MODELS: tuple[HumanIdentificationModel, ...] = get_args(HumanIdentificationModel)
SUBJECT_DETECTION_MODELS: tuple[SubjectDetectionModel, ...] = get_args(SubjectDetectionModel)
MODELS: tuple[Model, ...] = get_args(Model)

OutputResolution = Literal["720p", "1080p"]
"""``audio_to_video``'s output resolution (platform contract); the server's default is ``1080p``."""

MAX_MASKS = 5
"""Most ``mask_urls`` of one ``audio_to_video`` (platform contract: ``max_items`` 5)."""

MAX_PROMPT_LENGTH = 300
"""Most characters of ``audio_to_video``'s ``prompt`` (official ``types.ts`` and CHANGELOG, 2026-08-10)."""


# -- results ---------------------------------------------------------------------------------


Video = media.Video
"""One generated video: ``url`` to download it (official response model ``Video``)."""


@attrs.frozen(kw_only=True)
class VideoTask(media.VideoTask):
    """An ``audio_to_video`` task (official response model ``AudioToVideoResponse``).

    Attributes:
        videos: the generated talking-head videos, once completed.
    """


@attrs.frozen(kw_only=True)
class Mask:
    """One subject mask: ``url`` to download it (official response model ``Mask``); give it to
    ``audio_to_video`` as an item of ``mask_urls``. Download it soon: result files are temporary."""

    url: str | None = None


@attrs.frozen(kw_only=True)
class HumanIdentificationTask(Task):
    """A ``human_identification`` task (official response model ``HumanIdentificationResponse``).

    Attributes:
        subject_status: the identification's verdict, an integer, once completed (the values'
            meanings are not published).
    """

    subject_status: int | None = None

    @property
    def output_urls(self) -> list[str]:
        """Always empty: the result is a status, with no file to download."""
        return []


@attrs.frozen(kw_only=True)
class SubjectDetectionTask(Task):
    """A ``subject_detection`` task (official response model ``SubjectDetectionResponse``).

    Attributes:
        masks: the detected subjects' masks, once completed.
    """

    masks: list[Mask] = attrs.Factory(list)

    @property
    def output_urls(self) -> list[str]:
        """Each mask's ``url`` that is set, in order (what ``client.download_outputs`` saves)."""
        return [mask.url for mask in self.masks if mask.url]


# -- params ----------------------------------------------------------------------------------


@params
class AudioToVideoParams:
    """Params of ``POST /api/v1/omnihuman/audio_to_video`` (platform contract ``omnihuman/audio-to-video``).

    Attributes:
        model: ``"omnihuman-1.5"``.
        source_image_url: the image holding the person to animate (an absolute http(s) URL or a
            local file, uploaded first).
        source_audio_url: the audio that drives the motion and timing.
        mask_urls: at most 5 masks from ``subject_detection``, choosing who speaks.
        prompt: optional guidance, at most 300 characters.
        output_resolution: ``"720p"`` or ``"1080p"`` (the server's default).
        enable_fast_mode: the faster generation mode, where available.
        seed: an integer, for reproducible results.
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: a value outside the lists or ranges above.
    """

    model: AudioToVideoModel | str
    source_image_url: HttpUrl
    source_audio_url: HttpUrl
    mask_urls: Sequence[HttpUrl] | None = field(url_list(max_items=MAX_MASKS), default=None)
    prompt: str | None = field(text(max_length=MAX_PROMPT_LENGTH), default=None)
    output_resolution: OutputResolution | None = None
    enable_fast_mode: bool | None = None
    seed: int | None = None
    callback_url: CallbackUrl | None = None


@params
class HumanIdentificationParams:
    """Params of ``POST /api/v1/omnihuman/human_identification`` (platform contract
    ``omnihuman/human-identification``).

    Attributes:
        model: ``"omnihuman-1.5-human-identification"``.
        source_image_url: the image to analyze for human regions.
        callback_url: where RunAPI POSTs the result.
    """

    model: HumanIdentificationModel | str
    source_image_url: HttpUrl
    callback_url: CallbackUrl | None = None


@params
class SubjectDetectionParams:
    """Params of ``POST /api/v1/omnihuman/subject_detection`` (platform contract
    ``omnihuman/subject-detection``).

    Attributes:
        model: ``"omnihuman-1.5-subject-detection"``.
        source_image_url: the image to analyze for subject masks.
        callback_url: where RunAPI POSTs the result.
    """

    model: SubjectDetectionModel | str
    source_image_url: HttpUrl
    callback_url: CallbackUrl | None = None


# -- operations ------------------------------------------------------------------------------


class Omnihuman(Family[ClientT]):
    """``client.omnihuman``: OmniHuman's endpoints (official package ``runapi-omnihuman``).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` reads ``GET <path>/{id}``.
    The two helper endpoints analyze one image; the duration class ``image`` is an assumption (no
    source gives their running time).
    """

    audio_to_video = TaskOperation(
        "/api/v1/omnihuman/audio_to_video", AudioToVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Animate a portrait from an audio track (``omnihuman/audio-to-video``)."""

    human_identification = TaskOperation(
        "/api/v1/omnihuman/human_identification",
        HumanIdentificationParams,
        HumanIdentificationTask,
        duration=DURATIONS["image"],
    )
    """Identify the human subject of an image (``omnihuman/human-identification``)."""

    subject_detection = TaskOperation(
        "/api/v1/omnihuman/subject_detection",
        SubjectDetectionParams,
        SubjectDetectionTask,
        duration=DURATIONS["image"],
    )
    """Detect subject masks in an image, for ``audio_to_video``'s ``mask_urls`` (``omnihuman/subject-detection``)."""
