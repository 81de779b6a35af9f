"""Qwen Image: text-to-image, prompt-guided remixing and image editing (official packages: Qwen Image).

Reached as ``client.qwen_image``::

    task = client.qwen_image.text_to_image.run(model="qwen-image-text-to-image", prompt="A neon street")
    edit = client.qwen_image.edit_image.run(
        model="qwen-image-edit-image", prompt="Make it night", source_image_url=task.output_urls[0]
    )
    print(edit.output_urls)

Three task endpoints, one model each: ``text_to_image`` (``qwen-image-text-to-image``),
``remix_image`` (``qwen-image-remix-image``) and ``edit_image`` (``qwen-image-edit-image``). Each
create answers 202 ``{id, status}`` and ``GET <path>/{id}`` reports the task.

Where each fact comes from (RunAPI's docs snapshot has no Qwen Image section):

- the paths, the model ids, ``aspect_ratio`` (five values, ``text_to_image`` and ``edit_image``) and
  ``output_format`` (``png``, ``jpeg``, every endpoint): the platform contract (``qwen-image/*``,
  from the official CLI's contract) and the official package ``runapi-qwen-image`` 0.3.0;
- ``prompt`` (required; 1-5,000 characters for ``text_to_image`` and ``remix_image``, 1-2,000 for
  ``edit_image``), ``source_image_url`` (required), ``strength`` (0-1) and ``seed`` (an integer):
  the official repository's generated contract (``runapi-ai/qwen-image-sdk``,
  ``python/src/runapi/qwen_image/contract_gen.py``);
- "JPEG/PNG/WebP, up to 10 MB" (``source_image_url``), ``callback_url`` and which endpoint takes
  which parameter: the same repository's parameter types (``js/src/types.ts``);
- the result (``id``, ``status``, ``images: [{url}]``, ``error``): the package's response models.

Readings and unknowns:

- The 10 MB limit is checked on a local file (``pathlib.Path``, uploaded first); a URL's size and
  format are the server's check.
- The defaults the types mention (aspect ratio 1:1, ``strength`` 0.8) are the server's: a
  parameter left out is off the wire. ``seed`` has no published range (any integer).
- ``remix_image`` takes no ``aspect_ratio`` (no source lists one for it).
- Parameters no source names go through the operation's ``with_options(extra_body={...})``
  (``client.qwen_image.text_to_image.with_options(...)``).
"""

from __future__ import annotations

from typing import Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import MB, CallbackUrl, HttpUrl, field, max_bytes, number, params, text

__all__ = [
    "ASPECT_RATIOS",
    "MODELS",
    "AspectRatio",
    "EditImageModel",
    "EditImageParams",
    "Image",
    "ImageTask",
    "Model",
    "OutputFormat",
    "QwenImage",
    "RemixImageModel",
    "RemixImageParams",
    "TextToImageModel",
    "TextToImageParams",
]

TextToImageModel = Literal["qwen-image-text-to-image"]
"""The one ``text_to_image`` model (platform contract ``qwen-image/text-to-image``)."""

RemixImageModel = Literal["qwen-image-remix-image"]
"""The one ``remix_image`` model (platform contract ``qwen-image/remix-image``)."""

EditImageModel = Literal["qwen-image-edit-image"]
"""The one ``edit_image`` model (platform contract ``qwen-image/edit-image``)."""

Model = Literal["qwen-image-text-to-image", "qwen-image-remix-image", "qwen-image-edit-image"]
"""Every Qwen Image model id."""

MODELS: tuple[Model, ...] = get_args(Model)

AspectRatio = Literal["1:1", "3:4", "9:16", "4:3", "16:9"]
"""``text_to_image`` and ``edit_image`` aspect ratios (platform contract)."""

ASPECT_RATIOS: tuple[AspectRatio, ...] = get_args(AspectRatio)

OutputFormat = Literal["png", "jpeg"]
"""Image file format of every endpoint (platform contract)."""

_long_prompt = text(max_length=5_000)
_source = max_bytes(10 * MB)


# -- results ---------------------------------------------------------------------------------


Image = media.Image
"""One generated image: ``url`` to download it (official response model ``Image``)."""


@attrs.frozen(kw_only=True)
class ImageTask(media.ImageTask):
    """A ``text_to_image``, ``remix_image`` or ``edit_image`` task (official ``ImageTaskResponse``).

    Attributes:
        images: the generated images, once completed.
    """


# -- params ----------------------------------------------------------------------------------


@params
class TextToImageParams:
    """Params of ``POST /api/v1/qwen_image/text_to_image`` (official contract ``qwen-image/text-to-image``).

    Attributes:
        model: ``"qwen-image-text-to-image"``.
        prompt: what the image shows, 1-5,000 characters.
        aspect_ratio: one of :data:`ASPECT_RATIOS`.
        seed: random seed for reproducible results (an integer).
        output_format: ``"png"`` or ``"jpeg"``.
        callback_url: where RunAPI POSTs the result.
    """

    model: TextToImageModel | str
    prompt: str = field(_long_prompt)
    aspect_ratio: AspectRatio | None = None
    seed: int | None = None
    output_format: OutputFormat | None = None
    callback_url: CallbackUrl | None = None


@params
class RemixImageParams:
    """Params of ``POST /api/v1/qwen_image/remix_image`` (official contract ``qwen-image/remix-image``).

    Attributes:
        model: ``"qwen-image-remix-image"``.
        prompt: the variation to make, 1-5,000 characters.
        source_image_url: the image to remix (JPEG, PNG or WebP, at most 10 MB).
        strength: how far the output may move from the source, 0 (faithful) to 1 (creative).
        output_format: ``"png"`` or ``"jpeg"``.
        seed: random seed for reproducible results (an integer).
        callback_url: where RunAPI POSTs the result.
    """

    model: RemixImageModel | str
    prompt: str = field(_long_prompt)
    source_image_url: HttpUrl = field(_source)
    strength: float | None = field(number(0, 1), default=None)
    output_format: OutputFormat | None = None
    seed: int | None = None
    callback_url: CallbackUrl | None = None


@params
class EditImageParams:
    """Params of ``POST /api/v1/qwen_image/edit_image`` (official contract ``qwen-image/edit-image``).

    Attributes:
        model: ``"qwen-image-edit-image"``.
        prompt: the edit instruction, 1-2,000 characters.
        source_image_url: the image to edit (JPEG, PNG or WebP, at most 10 MB).
        aspect_ratio: one of :data:`ASPECT_RATIOS`.
        output_format: ``"png"`` or ``"jpeg"``.
        seed: random seed for reproducible results (an integer).
        callback_url: where RunAPI POSTs the result.
    """

    model: EditImageModel | str
    prompt: str = field(text(max_length=2_000))
    source_image_url: HttpUrl = field(_source)
    aspect_ratio: AspectRatio | None = None
    output_format: OutputFormat | None = None
    seed: int | None = None
    callback_url: CallbackUrl | None = None


# -- operations ------------------------------------------------------------------------------


class QwenImage(Family[ClientT]):
    """``client.qwen_image``: Qwen Image's endpoints (official package ``runapi-qwen-image``).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` reads ``GET <path>/{id}``.
    """

    text_to_image = TaskOperation(
        "/api/v1/qwen_image/text_to_image", TextToImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Generate an image from a prompt (``qwen-image/text-to-image``)."""

    remix_image = TaskOperation(
        "/api/v1/qwen_image/remix_image", RemixImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Make a prompt-guided variation of a source image (``qwen-image/remix-image``)."""

    edit_image = TaskOperation("/api/v1/qwen_image/edit_image", EditImageParams, ImageTask, duration=DURATIONS["image"])
    """Edit a source image by an instruction (``qwen-image/edit-image``)."""
