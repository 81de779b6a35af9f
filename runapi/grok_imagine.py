"""Grok Imagine: text-to-video, image-to-video, text-to-image, image editing, video extension and upscaling
(docs: Grok-Imagine).

Reached as ``client.grok_imagine``::

    clip = client.grok_imagine.text_to_video.run(model="grok-imagine-text-to-video", prompt="A neon dragon")
    more = client.grok_imagine.extend_video.run(
        source_task_id=clip.id, prompt="It soars", start_seconds=6, extension_duration_seconds=6
    )
    print(more.videos[0].url)

Every operation is a task: the create answers 202 ``{id, status}`` and ``GET <path>/{id}`` reports it
(docs: Grok-Imagine > Get Grok-Imagine Task Status). ``extend_video`` and ``upscale_image`` work on a
prior video task, named by its id (``source_task_id``); ``image_to_video`` can animate an image of a
prior ``text_to_image`` task the same way (``source_task_id`` and ``index``).

Readings of the docs:

- ``upscale_image`` is documented as "Upscale Grok-Imagine Video" ("Upscale a prior video"; its
  ``source_task_id`` is "a prior Grok-Imagine video task ... Only 480p source videos"), on the path
  ``/api/v1/grok_imagine/upscale_image``. The SDK keeps the documented path and name and treats it
  as a video operation (polled like video). The docs print no upscale result: it is read as a video
  in ``videos``, and since all six operations share one documented status schema (``videos`` for
  video tasks, ``images`` for image tasks), :class:`GrokImagineTask` types both lists, so whichever
  one the answer fills is typed and downloaded.
- ``image_to_video`` takes exactly one source: ``source_image_urls`` (a list of exactly one URL) or
  ``source_task_id``; giving both is refused (the docs make each "required unless" the other is
  given and do not say which would win). ``index`` ("when using source_task_id", 0-5) is refused
  without ``source_task_id``; ``motion_style="spicy"`` is refused with ``source_image_urls`` ("not
  available"), instead of being sent to fail or be ignored.
- ``text_to_image``'s ``enable_pro`` is described as "Enable Pro quality mode. Content safety check
  toggle": the second sentence is read as a copy of ``enable_safety_checker``'s; it is the Pro mode
  switch.
- ``extend_video``'s ``start_seconds`` is a whole number of seconds, at least 0; whether it lies
  inside the source video is the server's check. Ranges written "6 through 30" and "0-5" are inclusive.
- "HTTPS callback URL": like everywhere else in the SDK any absolute http(s) URL is accepted.
- A source task id's kind ("a prior grok-imagine-text-to-image task", "a prior Grok-Imagine video
  task ... owned by the same account") cannot be checked by the SDK: any non-blank id is sent.
- Prompts without a documented limit (``image_to_video``, ``edit_image``, ``extend_video``) are any
  non-blank text.

Newer sources win over the docs where they differ: the platform contract (``runapi-ai/cli``
``contract_gen.go``), the official ``runapi-grok-imagine`` 0.3.0 package and its repository
``runapi-ai/grok-imagine-sdk`` (``contract_gen.py``, ``types.ts``, ``CHANGELOG.md``):

- ``text_to_video`` and ``image_to_video`` also serve ``grok-imagine-video-1.5-fast`` and
  ``grok-imagine-video-1.5-preview`` (:data:`VIDEO_MODEL_RULES`): both refuse ``motion_style`` and
  ``enable_safety_checker`` (and, for ``image_to_video``, ``source_task_id`` and ``index``: they take a
  source image); ``aspect_ratio`` may be ``"auto"`` for ``-preview`` only; ``duration_seconds`` is 1-30
  (``-fast``) or 1-15 (``-preview``), the classic models keeping 6-30; ``-preview`` prompts hold at most
  4,096 characters. ``output_resolution`` ``1080p`` is accepted for ``-preview`` (the repository's
  changelog, "Accept Preview 1080p output"; the contract copy lists 480p and 720p). Both take optional
  ``reference_image_urls`` (``-preview``: at most 7 for text-to-video, 6 for image-to-video), which the
  classic models refuse.
- ``segment_map`` (``POST /api/v1/grok_imagine/segment_map``, only in the official packages) makes an
  editable segmentation map of an image: the 0.3.0 package takes ``image_url`` and still accepts
  ``source_task_id`` (a completed Image 2.0 text-to-image task) "as a compatibility input"; at least
  one of the two is required (a map needs an image). Its ``model`` (``grok-imagine-image-2-0`` in the
  repository's contract) is optional and sent only when given. It answers ``segments``
  (``[{url, name, index}]``, :class:`SegmentMapTask`).
- The official image-to-video request names its source ``source_image_url`` (one URL); this SDK keeps
  the docs' ``source_image_urls`` list.
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
    By,
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
    text,
    url_list,
)
from .errors import ValidationError

__all__ = [
    "ASPECT_RATIOS",
    "MAX_PROMPT_LENGTH",
    "MODELS",
    "VIDEO_MODEL_RULES",
    "AspectRatio",
    "EditImageModel",
    "EditImageParams",
    "ExtendVideoParams",
    "GrokImagine",
    "GrokImagineTask",
    "Image",
    "ImageToVideoModel",
    "ImageToVideoParams",
    "Model",
    "MotionStyle",
    "Segment",
    "SegmentMapModel",
    "SegmentMapParams",
    "SegmentMapTask",
    "TextToImageModel",
    "TextToImageParams",
    "TextToVideoModel",
    "TextToVideoParams",
    "UpscaleImageParams",
    "Video",
    "VideoAspectRatio",
    "VideoResolution",
]

TextToVideoModel = Literal[
    "grok-imagine-text-to-video", "grok-imagine-video-1.5-fast", "grok-imagine-video-1.5-preview"
]
"""``text_to_video``'s models (docs: Grok-Imagine > Model Variants; the 1.5 ids: newer source, the
platform contract)."""

ImageToVideoModel = Literal[
    "grok-imagine-image-to-video", "grok-imagine-video-1.5-fast", "grok-imagine-video-1.5-preview"
]
"""``image_to_video``'s models (the 1.5 ids: newer source, the platform contract)."""

SegmentMapModel = Literal["grok-imagine-image-2-0"]
"""``segment_map``'s model (the official repository's ``contract_gen.py``; optional in the 0.3.0 package)."""

TextToImageModel = Literal["grok-imagine-text-to-image"]
"""``text_to_image``'s one model."""

EditImageModel = Literal["grok-imagine-edit-image"]
"""``edit_image``'s one model."""

Model = Literal[
    "grok-imagine-text-to-video",
    "grok-imagine-image-to-video",
    "grok-imagine-video-1.5-fast",
    "grok-imagine-video-1.5-preview",
    "grok-imagine-text-to-image",
    "grok-imagine-edit-image",
    "grok-imagine-image-2-0",
]
"""Every Grok Imagine model id; each endpoint takes its own (``extend_video`` and ``upscale_image`` take
none; the two 1.5 video models serve both video endpoints)."""

MODELS: tuple[Model, ...] = get_args(Model)

AspectRatio = Literal["2:3", "3:2", "1:1", "16:9", "9:16"]
"""The aspect ratios of the video and image endpoints (defaults: 2:3 text-to-video, 16:9
image-to-video, 1:1 text-to-image)."""

ASPECT_RATIOS: tuple[AspectRatio, ...] = get_args(AspectRatio)

VideoAspectRatio = Literal["2:3", "3:2", "1:1", "16:9", "9:16", "auto"]
"""The video endpoints' aspect ratios: :data:`AspectRatio` and ``"auto"`` (``grok-imagine-video-1.5-preview`` only)."""

VideoResolution = Literal["480p", "720p", "1080p"]
"""The video endpoints' resolutions: ``480p`` and ``720p``; ``1080p`` for ``grok-imagine-video-1.5-preview`` only."""

MotionStyle = Literal["fun", "normal", "spicy"]
"""Motion styles of the video endpoints (server default ``normal``; ``spicy`` not with source images)."""

MAX_PROMPT_LENGTH = 5_000
"""Most characters of a ``text_to_video`` or ``text_to_image`` prompt."""

_durations = integer(1, 30)
_RATIOS = one_of(*ASPECT_RATIOS)
_SD = one_of("480p", "720p")
_CLASSIC_ONLY = ["motion_style", "enable_safety_checker"]


def _video_rules(classic: str, *, preview_references: int, refused: Sequence[str] = ()) -> By:
    new = [*_CLASSIC_ONLY, *refused]
    return by(
        "model",
        {
            classic: rules(
                aspect_ratio=_RATIOS,
                output_resolution=_SD,
                duration_seconds=integer(6, 30),
                refused=["reference_image_urls"],
            ),
            "grok-imagine-video-1.5-fast": rules(aspect_ratio=_RATIOS, output_resolution=_SD, refused=new),
            "grok-imagine-video-1.5-preview": rules(
                prompt=text(max_length=4_096),
                duration_seconds=integer(1, 15),
                reference_image_urls=url_list(min_items=1, max_items=preview_references),
                refused=new,
            ),
        },
    )


VIDEO_MODEL_RULES = {
    "text_to_video": _video_rules("grok-imagine-text-to-video", preview_references=7),
    "image_to_video": _video_rules(
        "grok-imagine-image-to-video", preview_references=6, refused=["source_task_id", "index"]
    ),
}
"""What each video model takes, per video endpoint (newer source: the platform contract and the official
repository's ``contract_gen.py``); in ``image_to_video`` the 1.5 models also refuse ``source_task_id``
and ``index`` (they animate a source image only)."""


# -- results ---------------------------------------------------------------------------------


Video = media.Video
"""One generated video: ``url`` to download it (MP4 in the docs' example)."""


Image = media.Image
"""One generated image: ``url`` to download it (PNG in the docs' example)."""


@attrs.frozen(kw_only=True)
class GrokImagineTask(Task):
    """A task of any Grok Imagine operation (docs: Grok-Imagine > Get Grok-Imagine Task Status).

    Attributes:
        videos: the generated videos, when a video task completes (``text_to_video``,
            ``image_to_video``, ``extend_video``, ``upscale_image``).
        images: the generated images, when an image task completes (``text_to_image``,
            ``edit_image``).
    """

    videos: list[Video] = attrs.Factory(list)
    images: list[Image] = attrs.Factory(list)

    @property
    def output_urls(self) -> list[str]:
        """Each video's then each image's ``url`` that is set, in order (what ``client.download_outputs`` saves)."""
        return [video.url for video in self.videos if video.url] + [image.url for image in self.images if image.url]


@attrs.frozen(kw_only=True)
class Segment:
    """One segment of a segment map (official ``runapi-grok-imagine`` 0.3.0 ``Segment``).

    Attributes:
        url: the segment's image URL.
        name: the segment's name.
        index: its index (the official repository calls edit indexes one-based).
    """

    url: str | None = None
    name: str | None = None
    index: int | None = None


@attrs.frozen(kw_only=True)
class SegmentMapTask(Task):
    """A ``segment_map`` task (official ``runapi-grok-imagine`` 0.3.0 ``SegmentMapTaskResponse``).

    Attributes:
        segments: the segments of the map, once completed.
    """

    segments: list[Segment] = attrs.Factory(list)

    @property
    def output_urls(self) -> list[str]:
        """Each segment's ``url`` that is set, in order (what ``client.download_outputs`` saves)."""
        return [segment.url for segment in self.segments if segment.url]


# -- params ----------------------------------------------------------------------------------


@params
class TextToVideoParams:
    """Params of ``POST /api/v1/grok_imagine/text_to_video`` (docs: Grok-Imagine > Create Grok-Imagine Text-to-Video).

    Attributes:
        model: ``"grok-imagine-text-to-video"``, ``"grok-imagine-video-1.5-fast"`` or
            ``"grok-imagine-video-1.5-preview"`` (rules: :data:`VIDEO_MODEL_RULES`).
        prompt: what the video shows, at most 5,000 characters (4,096 for ``-preview``).
        aspect_ratio: one of :data:`ASPECT_RATIOS` (server default ``"2:3"``); ``"auto"`` for
            ``-preview`` only.
        motion_style: ``"fun"``, ``"normal"`` (server default) or ``"spicy"``; not for the 1.5 models.
        duration_seconds: length of the video in whole seconds: 6-30, 1-30 for ``-fast``, 1-15 for
            ``-preview``.
        output_resolution: ``"480p"`` (server default) or ``"720p"``; also ``"1080p"`` for ``-preview``.
        reference_image_urls: reference images guiding the video (1.5 models only; at most 7 for
            ``-preview``).
        enable_safety_checker: turn the content safety check on or off; not for the 1.5 models.
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: a value or field the model does not take (the message names the models that do).
    """

    model: TextToVideoModel | str
    prompt: str = field(text(max_length=MAX_PROMPT_LENGTH))
    aspect_ratio: VideoAspectRatio | None = None
    motion_style: MotionStyle | None = None
    duration_seconds: int | None = field(_durations, default=None)
    output_resolution: VideoResolution | None = None
    reference_image_urls: Sequence[HttpUrl] | None = field(url_list(min_items=1), default=None)
    enable_safety_checker: bool | None = None
    callback_url: CallbackUrl | None = None

    __rules__ = VIDEO_MODEL_RULES["text_to_video"]


@params
class ImageToVideoParams:
    """Params of ``POST /api/v1/grok_imagine/image_to_video`` (docs: Grok-Imagine > Create Grok-Imagine Image-to-Video).

    Give exactly one source: ``source_image_urls`` or ``source_task_id`` (the 1.5 models take
    ``source_image_urls`` only).

    Attributes:
        model: ``"grok-imagine-image-to-video"``, ``"grok-imagine-video-1.5-fast"`` or
            ``"grok-imagine-video-1.5-preview"`` (rules: :data:`VIDEO_MODEL_RULES`).
        source_image_urls: a list of exactly one image URL to animate.
        source_task_id: the id of a prior ``text_to_image`` task whose image to animate (classic model).
        index: which image of that task, 0-5 (only with ``source_task_id``).
        prompt: motion guidance (at most 4,096 characters for ``-preview``).
        motion_style: ``"fun"``, ``"normal"`` or ``"spicy"``; ``spicy`` is not available with
            ``source_image_urls``; not for the 1.5 models.
        duration_seconds: length of the video in whole seconds: 6-30, 1-30 for ``-fast``, 1-15 for
            ``-preview``.
        output_resolution: ``"480p"`` or ``"720p"``; also ``"1080p"`` for ``-preview``.
        aspect_ratio: one of :data:`ASPECT_RATIOS` (server default ``"16:9"``); ``"auto"`` for
            ``-preview`` only.
        reference_image_urls: reference images guiding the video (1.5 models only; at most 6 for
            ``-preview``).
        enable_safety_checker: turn the content safety check on or off; not for the 1.5 models.
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: no source or both sources, ``index`` without ``source_task_id``,
            ``spicy`` with ``source_image_urls``, or a value or field the model does not take.
    """

    model: ImageToVideoModel | str
    source_image_urls: Sequence[HttpUrl] | None = field(url_list(min_items=1, max_items=1), default=None)
    source_task_id: str | None = None
    index: int | None = field(integer(0, 5), default=None)
    prompt: str | None = None
    motion_style: MotionStyle | None = None
    duration_seconds: int | None = field(_durations, default=None)
    output_resolution: VideoResolution | None = None
    aspect_ratio: VideoAspectRatio | None = None
    reference_image_urls: Sequence[HttpUrl] | None = field(url_list(min_items=1), default=None)
    enable_safety_checker: bool | None = None
    callback_url: CallbackUrl | None = None

    __rules__ = VIDEO_MODEL_RULES["image_to_video"]

    def __attrs_post_init__(self) -> None:
        if self.source_image_urls is None and self.source_task_id is None:
            raise ValidationError(
                "missing required parameter: source_image_urls (one image URL) "
                "or source_task_id (a text_to_image task)",
                field="source_image_urls",
                allowed="exactly one of source_image_urls and source_task_id",
            )
        if self.source_image_urls is not None and self.source_task_id is not None:
            raise ValidationError(
                "source_task_id cannot be given with source_image_urls: give exactly one source to animate",
                field="source_task_id",
                allowed="exactly one of source_image_urls and source_task_id",
            )
        if self.source_task_id is None:
            forbid(self, ["index"], unless="with source_task_id (it picks one of that task's images)")
        if self.source_image_urls is not None:
            check(self, "motion_style", one_of("fun", "normal"), when="(spicy is not available with source_image_urls)")


@params
class TextToImageParams:
    """Params of ``POST /api/v1/grok_imagine/text_to_image`` (docs: Grok-Imagine > Create Grok-Imagine Text-to-Image).

    Attributes:
        model: ``"grok-imagine-text-to-image"``.
        prompt: what the image shows, at most 5,000 characters.
        aspect_ratio: one of :data:`ASPECT_RATIOS` (server default ``"1:1"``).
        enable_pro: Pro quality mode.
        enable_safety_checker: turn the content safety check on or off.
        callback_url: where RunAPI POSTs the result.
    """

    model: TextToImageModel | str
    prompt: str = field(text(max_length=MAX_PROMPT_LENGTH))
    aspect_ratio: AspectRatio | None = None
    enable_pro: bool | None = None
    enable_safety_checker: bool | None = None
    callback_url: CallbackUrl | None = None


@params
class EditImageParams:
    """Params of ``POST /api/v1/grok_imagine/edit_image`` (docs: Grok-Imagine > Create Grok-Imagine Edit Image).

    Attributes:
        model: ``"grok-imagine-edit-image"``.
        source_image_url: the image to edit.
        prompt: how to edit it.
        enable_safety_checker: turn the content safety check on or off.
        callback_url: where RunAPI POSTs the result.
    """

    model: EditImageModel | str
    source_image_url: HttpUrl
    prompt: str | None = None
    enable_safety_checker: bool | None = None
    callback_url: CallbackUrl | None = None


@params
class ExtendVideoParams:
    """Params of ``POST /api/v1/grok_imagine/extend_video`` (docs: Grok-Imagine > Extend Grok-Imagine Video).

    Attributes:
        source_task_id: a prior ``text_to_video`` or ``image_to_video`` task of the same account.
        prompt: what happens in the extension.
        start_seconds: where the extension begins, whole seconds into the source video (at least 0).
        extension_duration_seconds: length of the appended segment: 6 or 10 seconds.
        callback_url: where RunAPI POSTs the result.
    """

    source_task_id: str
    prompt: str
    start_seconds: int = field(integer(0))
    extension_duration_seconds: Literal[6, 10]
    callback_url: CallbackUrl | None = None


@params
class SegmentMapParams:
    """Params of ``POST /api/v1/grok_imagine/segment_map`` (official ``runapi-grok-imagine`` 0.3.0 ``SegmentMap``).

    Give ``image_url`` (the official package's preferred input) or ``source_task_id`` (still accepted
    there "as a compatibility input").

    Attributes:
        image_url: the image to segment (an http(s) URL, or a local file uploaded first).
        source_task_id: a completed Image 2.0 (``grok-imagine-image-2-0``) text-to-image task.
        model: ``"grok-imagine-image-2-0"`` (optional; left off the wire unless given).
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: neither ``image_url`` nor ``source_task_id``.
    """

    image_url: HttpUrl | None = None
    source_task_id: str | None = None
    model: SegmentMapModel | str | None = None
    callback_url: CallbackUrl | None = None

    def __attrs_post_init__(self) -> None:
        if self.image_url is None and self.source_task_id is None:
            require(
                self, ["image_url"], when="(or source_task_id, an Image 2.0 text-to-image task): a map needs an image"
            )


@params
class UpscaleImageParams:
    """Params of ``POST /api/v1/grok_imagine/upscale_image`` (docs: Grok-Imagine > Upscale Grok-Imagine Video).

    Despite the path's name, the source is a video task (see the module's readings).

    Attributes:
        source_task_id: a prior Grok Imagine video task of the same account; only 480p source
            videos can be upscaled.
        callback_url: where RunAPI POSTs the result.
    """

    source_task_id: str
    callback_url: CallbackUrl | None = None


# -- operations ------------------------------------------------------------------------------

_GROK = "/api/v1/grok_imagine"


class GrokImagine(Family[ClientT]):
    """``client.grok_imagine``: Grok Imagine's video and image endpoints (docs: Grok-Imagine).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` polls ``GET <path>/{id}``.
    """

    text_to_video = TaskOperation(
        f"{_GROK}/text_to_video", TextToVideoParams, GrokImagineTask, duration=DURATIONS["video"]
    )
    """Generate a video from a prompt (docs: Grok-Imagine > Create Grok-Imagine Text-to-Video)."""

    image_to_video = TaskOperation(
        f"{_GROK}/image_to_video", ImageToVideoParams, GrokImagineTask, duration=DURATIONS["video"]
    )
    """Animate an image, given by URL or as a prior text-to-image task (docs: Grok-Imagine > Create
    Grok-Imagine Image-to-Video)."""

    text_to_image = TaskOperation(
        f"{_GROK}/text_to_image", TextToImageParams, GrokImagineTask, duration=DURATIONS["image"]
    )
    """Generate images from a prompt (docs: Grok-Imagine > Create Grok-Imagine Text-to-Image)."""

    edit_image = TaskOperation(f"{_GROK}/edit_image", EditImageParams, GrokImagineTask, duration=DURATIONS["image"])
    """Edit one source image (docs: Grok-Imagine > Create Grok-Imagine Edit Image)."""

    extend_video = TaskOperation(
        f"{_GROK}/extend_video", ExtendVideoParams, GrokImagineTask, duration=DURATIONS["video"]
    )
    """Append 6 or 10 seconds to a prior video task (docs: Grok-Imagine > Extend Grok-Imagine Video)."""

    upscale_image = TaskOperation(
        f"{_GROK}/upscale_image", UpscaleImageParams, GrokImagineTask, duration=DURATIONS["video"]
    )
    """Upscale a prior 480p video task (docs: Grok-Imagine > Upscale Grok-Imagine Video; the path says
    ``upscale_image``)."""

    segment_map = TaskOperation(f"{_GROK}/segment_map", SegmentMapParams, SegmentMapTask, duration=DURATIONS["image"])
    """Make an editable segmentation map of an image (official ``runapi-grok-imagine`` 0.3.0
    ``SegmentMap``; not in the docs)."""
