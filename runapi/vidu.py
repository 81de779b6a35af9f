"""Vidu: image-to-video and reference-to-video (official package: Vidu).

Reached as ``client.vidu``::

    video = client.vidu.reference_to_video.run(
        model="vidu-q4-reference-to-video",
        prompt="Animate the referenced scene with a slow camera pan",
        reference_image_urls=["https://cdn.runapi.ai/public/samples/image.jpg"],
        audio=False,
    )
    print(video.videos[0].url)

Two task endpoints: ``image_to_video`` (a first-frame image) and ``reference_to_video`` (a prompt
and 1-15 reference images). Each create answers 202 ``{id, status}`` and ``GET <path>/{id}``
reports the task; neither answers at once (the official package polls both).

Where each fact comes from (RunAPI's docs snapshot has no Vidu section; the official CLI's contract
has no Vidu action; the platform contract lists both paths as "official-python-only" with no
models):

- the paths: the official package ``runapi-vidu`` 0.1.0 (its resources' ``ENDPOINT``);
- the model id ``vidu-q4-reference-to-video``, ``reference_to_video``'s required ``prompt`` and
  1-15 ``reference_image_urls``, and its boolean ``audio``: the package's README (quick start and
  "Reference generation requires a prompt and 1–15 image URLs");
- ``image_to_video``'s ``model`` and ``first_frame_image_url``: the package's resource docstring
  ("Image-to-video parameters (model, first_frame_image_url, ...)");
- the result (``id``, ``status``, ``videos: [{url}]``, ``error``): the package's response models.

Readings and unknowns:

- ``image_to_video``'s model ids are not published (the README links a model page named
  ``q4-image-to-video``, not an id): ``model`` is any non-blank string, sent as given.
- ``model`` is required on both endpoints: the package's docstrings name it first and every example
  sends one (no source says it may be left out).
- ``image_to_video``'s other parameters are not named anywhere. ``prompt`` is typed, optional
  (a reading: both resources describe their parameters as "Image-to-video parameters", and the
  reference endpoint's prompt is required); audio, duration, resolution or anything else goes
  through ``client.vidu.image_to_video.with_options(extra_body={...})``.
- The README says reference generation "accepts up to 3 MP3 reference audio URLs" (3-12 seconds,
  at most 50 MB each) but does not name the field: send it with
  ``client.vidu.reference_to_video.with_options(extra_body={...})`` under the name RunAPI's API
  reference gives.
- Images must be JPG/JPEG/PNG/WEBP of at most 50 MB (README); a URL's file is the server's to
  check ("Remote file properties are checked during provider processing, so a task can fail
  asynchronously"), and a local file given for a URL is uploaded first under the SDK's own
  upload limit.
- No prompt length, duration, resolution or aspect ratio is published.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, field, params, url_list

__all__ = [
    "MAX_REFERENCE_IMAGES",
    "REFERENCE_TO_VIDEO_MODELS",
    "ImageToVideoParams",
    "ReferenceToVideoModel",
    "ReferenceToVideoParams",
    "Video",
    "VideoTask",
    "Vidu",
]

ReferenceToVideoModel = Literal["vidu-q4-reference-to-video"]
"""``reference_to_video`` model ids (official README's quick start; no list is published)."""

REFERENCE_TO_VIDEO_MODELS: tuple[ReferenceToVideoModel, ...] = get_args(ReferenceToVideoModel)

MAX_REFERENCE_IMAGES = 15
"""Most ``reference_image_urls`` of one ``reference_to_video`` (official README: "1–15 image URLs")."""


# -- results ---------------------------------------------------------------------------------


Video = media.Video
"""One generated video: ``url`` to download it (official response model ``MediaUrl``)."""


@attrs.frozen(kw_only=True)
class VideoTask(media.VideoTask):
    """An ``image_to_video`` or ``reference_to_video`` task (official response model ``VideoResponse``).

    Attributes:
        videos: the generated videos, once completed.
    """


# -- params ----------------------------------------------------------------------------------


@params
class ImageToVideoParams:
    """Params of ``POST /api/v1/vidu/image_to_video`` (official package: ``ImageToVideo``).

    Attributes:
        model: a Vidu image-to-video model id (none is published; sent as given).
        first_frame_image_url: the image the video starts from (JPG/JPEG/PNG/WEBP; a URL, or a
            local file uploaded first).
        prompt: how the image comes alive (no length is published).
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: a missing ``model`` or ``first_frame_image_url``, or a value of another type.
    """

    model: str
    first_frame_image_url: HttpUrl
    prompt: str | None = None
    callback_url: CallbackUrl | None = None


@params
class ReferenceToVideoParams:
    """Params of ``POST /api/v1/vidu/reference_to_video`` (official package: ``ReferenceToVideo``).

    Attributes:
        model: ``"vidu-q4-reference-to-video"``.
        prompt: what the video shows (required; no length is published).
        reference_image_urls: 1-15 reference images (JPG/JPEG/PNG/WEBP, at most 50 MB each; URLs,
            or local files uploaded first).
        audio: generate sound with the video.
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: a missing ``model`` or ``prompt``, not 1-15 reference images, or a value
            of another type.
    """

    model: ReferenceToVideoModel | str
    prompt: str
    reference_image_urls: Sequence[HttpUrl] = field(url_list(min_items=1, max_items=MAX_REFERENCE_IMAGES))
    audio: bool | None = None
    callback_url: CallbackUrl | None = None


# -- operations ------------------------------------------------------------------------------


class Vidu(Family[ClientT]):
    """``client.vidu``: Vidu's video endpoints (official package ``runapi-vidu``).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` reads ``GET <path>/{id}``.
    """

    image_to_video = TaskOperation(
        "/api/v1/vidu/image_to_video", ImageToVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Animate a first-frame image (``vidu/image-to-video``)."""

    reference_to_video = TaskOperation(
        "/api/v1/vidu/reference_to_video", ReferenceToVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Generate a video from a prompt and 1-15 reference images (``vidu/reference-to-video``)."""
