"""Midjourney: images, edits, image-to-video and its extension, three prompt helpers (official packages: Midjourney).

Reached as ``client.midjourney``::

    task = client.midjourney.text_to_image.run(model="midjourney-v8.1", prompt="A cobalt blue vase on marble")
    print(task.output_urls, task.image_id)

    video = client.midjourney.image_to_video.run(
        model="midjourney-image-to-video", source_image_url=task.output_urls[0]
    )
    longer = client.midjourney.extend_video.run(source_task_id=video.id, prompt="Continue the camera orbit")

    print(client.midjourney.get_seed(image_id=task.image_id).seed)  # direct: no task to poll
    print(client.midjourney.shorten_prompt(prompt="A very detailed cinematic mountain landscape").prompts)

Four task endpoints (``create``/``get``/``wait``/``run``; status at ``GET <path>/{id}``):
``text_to_image`` (``midjourney-v8.1``: an image grid from a prompt), ``edit_image``
(``midjourney-edit-image``: one source image, an optional mask), ``image_to_video``
(``midjourney-image-to-video``) and ``extend_video`` (continues the first video of a completed
``image_to_video`` task of the same account; extensions cannot be chained). Three endpoints are
called directly and answer at once: ``get_seed``, ``image_to_prompt`` and ``shorten_prompt``.
They are hybrid: RunAPI may instead answer ``202 Accepted`` with a ``Location``, which the call
follows to the same typed answer (the official package runs them through ``_run_hybrid``).

Where each fact comes from (RunAPI's docs snapshot has no Midjourney section):

- the paths, the kinds (four tasks, three direct), the model id of each task endpoint and
  ``output_resolution`` (only ``"480p"``, ``image_to_video``): the platform contract
  (``midjourney/*``, from the official CLI's ``contract_gen.go``) and the official package
  ``runapi-midjourney`` 0.6.0 (its resources' ``ENDPOINT``; ``_run_hybrid`` for the three helpers);
- each endpoint's parameters and which are required: RunAPI's generated contract in the official
  core repository (``runapi-ai/core-sdk``, ``java/.../contract/ContractGen.java``), whose names the
  PHP package's parameter types (``runapi-ai/midjourney-php``, ``src/Resources/*.php``) and the
  MCP server's contract (``runapi-ai/midjourney-mcp``, ``data/contract.json``: the booleans' types)
  repeat; ``extend_video`` takes ``source_task_id``, ``prompt`` and ``callback_url`` only, no
  ``model`` (the PHP package's test "uses only public continuation fields", and the official
  agent skill, ``runapi-ai/midjourney``: "Do not pass a video ID, index, model, resolution");
- the answers: the package's response models (``ImageTaskResponse``: ``images[].url``,
  ``image_id``, ``actions``, ``progress``; ``VideoTaskResponse``: ``videos[].url``, ``video_id``,
  ``progress``; ``GetSeedResponse``: ``seed``; ``ImageToPromptResponse`` and
  ``ShortenPromptResponse``: ``prompts``; each may carry ``error``): all JSON, none text.

Readings and unknowns:

- ``model`` is required on the three task endpoints that have one, as on every family here (it
  selects the model's field table); the generated contract leaves it optional, the PHP types
  require it, and every example passes it.
- The platform contract lists ``midjourney-image-to-video`` as ``extend_video``'s model: the
  model of the source task, not a parameter (see above); it is :data:`EXTEND_VIDEO_MODEL`.
- ``get_seed`` takes an ``image_id`` of a completed ``text_to_image`` or ``edit_image`` task of
  the same account (the agent skill); the SDK cannot check which task an id came from.
- A helper's ``2xx`` answer ``{"error": "..."}`` without a result is returned as is (its
  ``error`` set; the PHP package's test keeps it too); a failed-shaped answer
  (``{"status": "failed", "error"}``) raises :class:`runapi.TaskFailedError`.
- No source publishes a length limit (prompts), a default (the MCP contract's ``false`` and
  ``"480p"`` are the server's: a parameter left out is off the wire), the values of ``actions``,
  what ``include_split_images`` adds to ``images``, or how long the helpers take (their poll
  window, when accepted, is the 5-30 s one of text answers: assumed).
- Parameters no source names go through the operation's ``with_options(extra_body={...})``.
"""

from __future__ import annotations

from typing import Literal, get_args

import attrs

from ._core import media
from ._core.models import Result
from ._core.operations import ClientT, DirectOperation, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, params

__all__ = [
    "EDIT_IMAGE_MODELS",
    "EXTEND_VIDEO_MODEL",
    "IMAGE_TO_VIDEO_MODELS",
    "MODELS",
    "OUTPUT_RESOLUTIONS",
    "TEXT_TO_IMAGE_MODELS",
    "EditImageModel",
    "EditImageParams",
    "ExtendVideoParams",
    "GetSeedParams",
    "Image",
    "ImageTask",
    "ImageToPromptParams",
    "ImageToVideoModel",
    "ImageToVideoParams",
    "Midjourney",
    "Model",
    "OutputResolution",
    "Prompts",
    "Seed",
    "ShortenPromptParams",
    "TextToImageModel",
    "TextToImageParams",
    "Video",
    "VideoTask",
]

TextToImageModel = Literal["midjourney-v8.1"]
"""``text_to_image`` model ids (platform contract ``midjourney/text-to-image``)."""

EditImageModel = Literal["midjourney-edit-image"]
"""``edit_image`` model ids (platform contract ``midjourney/edit-image``)."""

ImageToVideoModel = Literal["midjourney-image-to-video"]
"""``image_to_video`` model ids (platform contract ``midjourney/image-to-video``)."""

Model = Literal["midjourney-v8.1", "midjourney-edit-image", "midjourney-image-to-video"]
"""Every Midjourney model id, of any endpoint."""

TEXT_TO_IMAGE_MODELS: tuple[TextToImageModel, ...] = get_args(TextToImageModel)
EDIT_IMAGE_MODELS: tuple[EditImageModel, ...] = get_args(EditImageModel)
IMAGE_TO_VIDEO_MODELS: tuple[ImageToVideoModel, ...] = get_args(ImageToVideoModel)
MODELS: tuple[Model, ...] = get_args(Model)

EXTEND_VIDEO_MODEL: ImageToVideoModel = "midjourney-image-to-video"
"""The model the platform contract lists for ``extend_video``: its source task's; not a parameter."""

OutputResolution = Literal["480p"]
"""``image_to_video``'s output resolution: only ``"480p"`` (platform contract)."""

OUTPUT_RESOLUTIONS: tuple[OutputResolution, ...] = get_args(OutputResolution)


# -- results ---------------------------------------------------------------------------------


Image = media.Image
"""One generated image: ``url`` to download it (official response model ``MediaUrl``)."""

Video = media.Video
"""One generated video: ``url`` to download it (official response model ``MediaUrl``)."""


@attrs.frozen(kw_only=True)
class ImageTask(media.ImageTask):
    """A ``text_to_image`` or ``edit_image`` task (official response model ``ImageTaskResponse``).

    Attributes:
        images: the generated images, once completed.
        image_id: the generated image's id: what ``get_seed`` takes.
        actions: the follow-up actions the image offers, as answered (values not published).
        progress: how far the task is, as answered (a percentage, presumably: not published).
    """

    image_id: str | None = None
    actions: list[str] = attrs.Factory(list)
    progress: int | None = None


@attrs.frozen(kw_only=True)
class VideoTask(media.VideoTask):
    """An ``image_to_video`` or ``extend_video`` task (official response model ``VideoTaskResponse``).

    Attributes:
        videos: the generated videos, once completed.
        video_id: the generated video's id.
        progress: how far the task is, as answered (not published further).
    """

    video_id: str | None = None
    progress: int | None = None


@attrs.frozen(kw_only=True)
class Seed(Result):
    """What ``get_seed`` answers (official response model ``GetSeedResponse``).

    Attributes:
        seed: the seed the image was generated with; ``None`` when the lookup gave none.
        error: why the lookup gave no seed, when the answer says so.
    """

    seed: int | None = None
    error: str | None = None


@attrs.frozen(kw_only=True)
class Prompts(Result):
    """What ``image_to_prompt`` and ``shorten_prompt`` answer (official response models
    ``ImageToPromptResponse`` and ``ShortenPromptResponse``, the same fields).

    Attributes:
        prompts: the suggested prompts (``image_to_prompt``: prompts describing the image;
            ``shorten_prompt``: shorter versions of the prompt).
        error: a reason, when the answer carries one.
    """

    prompts: list[str] = attrs.Factory(list)
    error: str | None = None


# -- params ----------------------------------------------------------------------------------


@params
class TextToImageParams:
    """Params of ``POST /api/v1/midjourney/text_to_image`` (platform contract ``midjourney/text-to-image``).

    Attributes:
        model: ``"midjourney-v8.1"``.
        prompt: what the image grid shows.
        enable_prompt_translation: translate the prompt before generation.
        include_split_images: also answer the grid's images split apart.
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: ``prompt`` missing or blank, a flag that is not a boolean, another model (strict).
    """

    model: TextToImageModel | str
    prompt: str
    enable_prompt_translation: bool | None = None
    include_split_images: bool | None = None
    callback_url: CallbackUrl | None = None


@params
class EditImageParams:
    """Params of ``POST /api/v1/midjourney/edit_image`` (platform contract ``midjourney/edit-image``).

    Attributes:
        model: ``"midjourney-edit-image"``.
        prompt: how to transform the source image.
        source_image_url: the image to edit (an absolute http(s) URL, or a local file uploaded first).
        mask_url: a mask of the area to edit (a URL, or a local file uploaded first).
        include_split_images: also answer the grid's images split apart.
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: ``prompt`` or ``source_image_url`` missing, a URL that is not absolute
            http(s), another model (strict).
    """

    model: EditImageModel | str
    prompt: str
    source_image_url: HttpUrl
    mask_url: HttpUrl | None = None
    include_split_images: bool | None = None
    callback_url: CallbackUrl | None = None


@params
class ImageToVideoParams:
    """Params of ``POST /api/v1/midjourney/image_to_video`` (platform contract ``midjourney/image-to-video``).

    Attributes:
        model: ``"midjourney-image-to-video"``.
        source_image_url: the image to animate (a URL, or a local file uploaded first).
        prompt: how the image moves.
        last_frame_image_url: an image to end on (a URL, or a local file uploaded first).
        output_resolution: ``"480p"`` (the only value).
        enable_loop: make the video loop.
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: ``source_image_url`` missing, a URL that is not absolute http(s), another
            model or resolution (strict).
    """

    model: ImageToVideoModel | str
    source_image_url: HttpUrl
    prompt: str | None = None
    last_frame_image_url: HttpUrl | None = None
    output_resolution: OutputResolution | None = None
    enable_loop: bool | None = None
    callback_url: CallbackUrl | None = None


@params
class ExtendVideoParams:
    """Params of ``POST /api/v1/midjourney/extend_video`` (platform contract ``midjourney/extend-video``).

    No ``model``: the extension continues the source task's first video with its model.

    Attributes:
        source_task_id: the ``id`` of a completed ``image_to_video`` task of the same account (not
            of an ``extend_video`` task: extensions cannot be chained).
        prompt: how the video continues.
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: ``source_task_id`` missing or blank.
    """

    source_task_id: str
    prompt: str | None = None
    callback_url: CallbackUrl | None = None


@params
class GetSeedParams:
    """Params of ``POST /api/v1/midjourney/get_seed`` (platform contract ``midjourney/get-seed``).

    Attributes:
        image_id: an ``image_id`` a completed ``text_to_image`` or ``edit_image`` task of the same
            account answered (:attr:`ImageTask.image_id`).

    Raises:
        ValidationError: ``image_id`` missing or blank.
    """

    image_id: str


@params
class ImageToPromptParams:
    """Params of ``POST /api/v1/midjourney/image_to_prompt`` (platform contract ``midjourney/image-to-prompt``).

    Attributes:
        source_image_url: the image to describe (a URL, or a local file uploaded first).

    Raises:
        ValidationError: ``source_image_url`` missing or not an absolute http(s) URL.
    """

    source_image_url: HttpUrl


@params
class ShortenPromptParams:
    """Params of ``POST /api/v1/midjourney/shorten_prompt`` (platform contract ``midjourney/shorten-prompt``).

    Attributes:
        prompt: the prompt to shorten.

    Raises:
        ValidationError: ``prompt`` missing or blank.
    """

    prompt: str


# -- operations ------------------------------------------------------------------------------

_MIDJOURNEY = "/api/v1/midjourney"


class Midjourney(Family[ClientT]):
    """``client.midjourney``: Midjourney through RunAPI (official package ``runapi-midjourney``).

    The task operations have ``create``, ``get``, ``wait`` and ``run``; ``get`` reads
    ``GET <path>/{id}``. ``get_seed``, ``image_to_prompt`` and ``shorten_prompt`` are called
    directly and return their answer, following a ``202`` + ``Location`` when RunAPI answers so.
    """

    text_to_image = TaskOperation(
        f"{_MIDJOURNEY}/text_to_image", TextToImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Generate an image grid from a prompt (``midjourney/text-to-image``)."""

    edit_image = TaskOperation(f"{_MIDJOURNEY}/edit_image", EditImageParams, ImageTask, duration=DURATIONS["image"])
    """Transform one source image by a prompt, optionally inside a mask (``midjourney/edit-image``)."""

    image_to_video = TaskOperation(
        f"{_MIDJOURNEY}/image_to_video", ImageToVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Animate a source image (``midjourney/image-to-video``)."""

    extend_video = TaskOperation(
        f"{_MIDJOURNEY}/extend_video", ExtendVideoParams, VideoTask, duration=DURATIONS["video"]
    )
    """Continue the first video of a completed ``image_to_video`` task (``midjourney/extend-video``)."""

    get_seed = DirectOperation(f"{_MIDJOURNEY}/get_seed", GetSeedParams, Seed, duration=DURATIONS["lyrics"])
    """Look up a generated image's seed (``midjourney/get-seed``; hybrid: at once, or ``202`` + ``Location``)."""

    image_to_prompt = DirectOperation(
        f"{_MIDJOURNEY}/image_to_prompt", ImageToPromptParams, Prompts, duration=DURATIONS["lyrics"]
    )
    """Suggest prompts that describe an image (``midjourney/image-to-prompt``; hybrid)."""

    shorten_prompt = DirectOperation(
        f"{_MIDJOURNEY}/shorten_prompt", ShortenPromptParams, Prompts, duration=DURATIONS["lyrics"]
    )
    """Suggest shorter versions of a prompt (``midjourney/shorten-prompt``; hybrid)."""
