"""Qwen 2: text-to-image, prompt-guided image remixing and image editing (docs: Qwen 2).

Reached as ``client.qwen_2``::

    task = client.qwen_2.text_to_image.run(model="qwen-2-text-to-image", prompt="A glass city at sunrise")
    edit = client.qwen_2.edit_image.run(
        model="qwen-2-edit-image", prompt="Make it night", source_image_url=task.output_urls[0]
    )
    print(edit.output_urls)

Three endpoints, one model each: ``text_to_image`` (``qwen-2-text-to-image``), ``remix_image``
(``qwen-2-remix-image``) and ``edit_image`` (``qwen-2-edit-image``). Each is a task: the create
answers 202 ``{id, status}`` and ``GET <path>/{id}`` reports it (docs: Qwen 2 > Qwen 2 Endpoints,
which prints all three status paths).

Readings of the docs:

- ``model`` is required and "must be" the endpoint's one model: it stays a parameter, typed with
  that one value, so the body is the documented one.
- The limits differ per endpoint and are kept apart: ``prompt`` is at most 800 characters for
  ``text_to_image`` and ``edit_image`` but 5,000 for ``remix_image``; ``aspect_ratio`` takes five
  values for ``text_to_image`` and eight for ``edit_image``; ``remix_image`` has no ``aspect_ratio``.
  Ranges ("from 0 to 1", "from 2 to 250", "from 0 to 20", "up to 800 characters") are inclusive.
- Defaults the docs state (``aspect_ratio`` 16:9, ``output_format`` png, ``strength`` 0.8,
  ``acceleration`` none, ``num_inference_steps`` 30, ``guidance_scale`` 2.5) are the server's: a
  parameter left out is off the wire. ``seed`` is any integer (no range printed).
- "JPEG, PNG, and WebP up to 10 MB" (``source_image_url``): the size is checked on a local file
  (``pathlib.Path``); a URL's size and format are properties of the file, which only the server can
  check (the SDK checks that the URL is an absolute http(s) URL).
- The 202 answer and the completed answer ("Polling and webhook responses use the same shape") are
  printed once, after the three endpoints: they are the answers of all three. No failed example is
  printed: a failure is the platform's ``{"id", "status": "failed", "error"}`` (docs: Errors >
  Task-Specific Errors), and a callback body is the status answer (docs: Callbacks).
"""

from __future__ import annotations

from typing import Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import MB, CallbackUrl, HttpUrl, field, integer, max_bytes, number, params, text

__all__ = [
    "EDIT_IMAGE_ASPECT_RATIOS",
    "MODELS",
    "TEXT_TO_IMAGE_ASPECT_RATIOS",
    "Acceleration",
    "EditImageAspectRatio",
    "EditImageModel",
    "EditImageParams",
    "Image",
    "ImageTask",
    "Model",
    "OutputFormat",
    "Qwen2",
    "RemixImageModel",
    "RemixImageParams",
    "TextToImageAspectRatio",
    "TextToImageModel",
    "TextToImageParams",
]

TextToImageModel = Literal["qwen-2-text-to-image"]
"""The one ``text_to_image`` model (docs: Qwen 2 > Models)."""

RemixImageModel = Literal["qwen-2-remix-image"]
"""The one ``remix_image`` model."""

EditImageModel = Literal["qwen-2-edit-image"]
"""The one ``edit_image`` model."""

Model = Literal[TextToImageModel, RemixImageModel, EditImageModel]
"""Every Qwen 2 model id."""

MODELS: tuple[Model, ...] = get_args(Model)

TextToImageAspectRatio = Literal["1:1", "3:4", "4:3", "9:16", "16:9"]
"""``text_to_image`` aspect ratios (server default ``16:9``)."""

EditImageAspectRatio = Literal["1:1", "2:3", "3:2", "3:4", "4:3", "9:16", "16:9", "21:9"]
"""``edit_image`` aspect ratios (no default printed)."""

TEXT_TO_IMAGE_ASPECT_RATIOS: tuple[TextToImageAspectRatio, ...] = get_args(TextToImageAspectRatio)
EDIT_IMAGE_ASPECT_RATIOS: tuple[EditImageAspectRatio, ...] = get_args(EditImageAspectRatio)

OutputFormat = Literal["png", "jpeg"]
"""Image file format of every endpoint (server default ``png``)."""

Acceleration = Literal["none", "regular", "high"]
"""``remix_image`` speed-up (server default ``none``)."""

_short_prompt = text(max_length=800)


# -- results ---------------------------------------------------------------------------------


Image = media.Image
"""One generated image: ``url`` to download it (a PNG in the docs' example)."""


@attrs.frozen(kw_only=True)
class ImageTask(media.ImageTask):
    """A ``text_to_image``, ``remix_image`` or ``edit_image`` task (docs: Qwen 2 > Response).

    Attributes:
        images: the generated images, once completed.
    """


# -- params ----------------------------------------------------------------------------------


@params
class TextToImageParams:
    """Params of ``POST /api/v1/qwen_2/text_to_image`` (docs: Qwen 2 > Create Text-to-Image).

    Attributes:
        model: ``"qwen-2-text-to-image"``.
        prompt: what the image shows, at most 800 characters.
        aspect_ratio: one of :data:`TEXT_TO_IMAGE_ASPECT_RATIOS` (server default ``16:9``).
        seed: random seed for reproducible results (an integer).
        output_format: ``"png"`` (server default) or ``"jpeg"``.
        enable_safety_checker: turn the content safety check on or off.
        callback_url: where RunAPI POSTs the result.
    """

    model: TextToImageModel | str
    prompt: str = field(_short_prompt)
    aspect_ratio: TextToImageAspectRatio | None = None
    seed: int | None = None
    output_format: OutputFormat | None = None
    enable_safety_checker: bool | None = None
    callback_url: CallbackUrl | None = None


@params
class RemixImageParams:
    """Params of ``POST /api/v1/qwen_2/remix_image`` (docs: Qwen 2 > Create Remix Image).

    Attributes:
        model: ``"qwen-2-remix-image"``.
        prompt: how to remix the source image, at most 5,000 characters.
        source_image_url: the image to remix (JPEG, PNG or WebP, at most 10 MB).
        strength: denoising strength, 0-1 (server default 0.8).
        output_format: ``"png"`` (server default) or ``"jpeg"``.
        acceleration: ``"none"`` (server default), ``"regular"`` or ``"high"``.
        negative_prompt: what to keep out of the image, at most 500 characters.
        seed: random seed for reproducible results (an integer).
        num_inference_steps: inference steps, 2-250 (server default 30).
        guidance_scale: prompt adherence, 0-20 (server default 2.5).
        enable_safety_checker: turn the content safety check on or off.
        callback_url: where RunAPI POSTs the result.
    """

    model: RemixImageModel | str
    prompt: str = field(text(max_length=5_000))
    source_image_url: HttpUrl = field(max_bytes(10 * MB))
    strength: float | None = field(number(0, 1), default=None)
    output_format: OutputFormat | None = None
    acceleration: Acceleration | None = None
    negative_prompt: str | None = field(text(max_length=500), default=None)
    seed: int | None = None
    num_inference_steps: int | None = field(integer(2, 250), default=None)
    guidance_scale: float | None = field(number(0, 20), default=None)
    enable_safety_checker: bool | None = None
    callback_url: CallbackUrl | None = None


@params
class EditImageParams:
    """Params of ``POST /api/v1/qwen_2/edit_image`` (docs: Qwen 2 > Create Edit Image).

    Attributes:
        model: ``"qwen-2-edit-image"``.
        prompt: the edit instruction, at most 800 characters.
        source_image_url: the image to edit (JPEG, PNG or WebP, at most 10 MB).
        aspect_ratio: one of :data:`EDIT_IMAGE_ASPECT_RATIOS`.
        output_format: ``"png"`` (server default) or ``"jpeg"``.
        seed: random seed for reproducible results (an integer).
        enable_safety_checker: turn the content safety check on or off.
        callback_url: where RunAPI POSTs the result.
    """

    model: EditImageModel | str
    prompt: str = field(_short_prompt)
    source_image_url: HttpUrl = field(max_bytes(10 * MB))
    aspect_ratio: EditImageAspectRatio | None = None
    output_format: OutputFormat | None = None
    seed: int | None = None
    enable_safety_checker: bool | None = None
    callback_url: CallbackUrl | None = None


# -- operations ------------------------------------------------------------------------------


class Qwen2(Family[ClientT]):
    """``client.qwen_2``: Qwen 2's image endpoints (docs: Qwen 2).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` reads ``GET <path>/{id}``.
    """

    text_to_image = TaskOperation(
        "/api/v1/qwen_2/text_to_image", TextToImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Generate an image from a prompt (docs: Qwen 2 > Create Text-to-Image; GET ``.../text_to_image/:id``)."""

    remix_image = TaskOperation("/api/v1/qwen_2/remix_image", RemixImageParams, ImageTask, duration=DURATIONS["image"])
    """Remix a source image by a prompt (docs: Qwen 2 > Create Remix Image; GET ``.../remix_image/:id``)."""

    edit_image = TaskOperation("/api/v1/qwen_2/edit_image", EditImageParams, ImageTask, duration=DURATIONS["image"])
    """Edit a source image by an instruction (docs: Qwen 2 > Create Edit Image; GET ``.../edit_image/:id``)."""
