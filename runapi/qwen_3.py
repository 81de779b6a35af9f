"""Qwen 3: text-to-image and image editing, standard and Pro models (official packages: Qwen 3).

Reached as ``client.qwen_3``::

    task = client.qwen_3.text_to_image.run(model="qwen-3-text-to-image", prompt="A neon street", aspect_ratio="16:9")
    edit = client.qwen_3.edit_image.run(
        model="qwen-3-pro-edit-image", prompt="Make it night", source_image_urls=task.output_urls
    )
    print(edit.output_urls)

Two task endpoints: ``text_to_image`` (``qwen-3-text-to-image``, ``qwen-3-pro-text-to-image``) and
``edit_image`` (``qwen-3-edit-image``, ``qwen-3-pro-edit-image``, 1-3 source images). Each create
answers 202 ``{id, status}`` and ``GET <path>/{id}`` reports the task.

Where each fact comes from (RunAPI's docs snapshot has no Qwen 3 section):

- the paths: the platform contract (``qwen-3/*``, "official-python-only") and the official package
  ``runapi-qwen-3`` 0.2.0 (its resources' ``ENDPOINT``);
- the model ids, and per model ``aspect_ratio`` (8 values), ``output_format`` (``png``, ``jpeg``),
  ``output_resolution`` (``1k``, ``2k``), ``source_image_urls`` (required, 1-3 items), ``prompt``
  (required, 1-800 characters), ``negative_prompt`` (0-5,000 characters) and ``seed`` (an integer
  0-2,147,483,647): the official repository's generated contract (``runapi-ai/qwen-3-sdk``,
  ``python/src/runapi/qwen_3/contract_gen.py``), whose models and enums the official CLI's newer
  ``contract_gen.go`` repeats;
- ``enable_prompt_expansion``, ``enable_safety_checker`` (booleans) and ``callback_url``: the same
  repository's parameter types (``js/src/types.ts``);
- the result (``id``, ``status``, ``images: [{url}]``, ``error``): the package's response models.

Readings and unknowns:

- The two models of an endpoint take the same values in every source, so there is no per-model
  table; a model's own limit, once published, would be one (``by("model", ...)``).
- No source prints a default: a parameter left out is off the wire and the server decides.
- ``negative_prompt``'s minimum is 0 characters: an empty string is accepted and sent.
- A source URL's size and format limits are not published (only the server can check a URL).
- Parameters no source names go through the operation's ``with_options(extra_body={...})``
  (``client.qwen_3.text_to_image.with_options(...)``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, field, integer, params, text, url_list

__all__ = [
    "ASPECT_RATIOS",
    "EDIT_IMAGE_MODELS",
    "MAX_SOURCE_IMAGES",
    "MODELS",
    "TEXT_TO_IMAGE_MODELS",
    "AspectRatio",
    "EditImageModel",
    "EditImageParams",
    "Image",
    "ImageTask",
    "Model",
    "OutputFormat",
    "OutputResolution",
    "Qwen3",
    "TextToImageModel",
    "TextToImageParams",
]

TextToImageModel = Literal["qwen-3-text-to-image", "qwen-3-pro-text-to-image"]
"""``text_to_image`` model ids (official contract ``qwen-3/text-to-image``)."""

EditImageModel = Literal["qwen-3-edit-image", "qwen-3-pro-edit-image"]
"""``edit_image`` model ids (official contract ``qwen-3/edit-image``)."""

Model = Literal["qwen-3-text-to-image", "qwen-3-pro-text-to-image", "qwen-3-edit-image", "qwen-3-pro-edit-image"]
"""Every Qwen 3 model id, of either endpoint."""

TEXT_TO_IMAGE_MODELS: tuple[TextToImageModel, ...] = get_args(TextToImageModel)
EDIT_IMAGE_MODELS: tuple[EditImageModel, ...] = get_args(EditImageModel)
MODELS: tuple[Model, ...] = get_args(Model)

AspectRatio = Literal["1:1", "3:2", "2:3", "4:3", "3:4", "16:9", "9:16", "21:9"]
"""Aspect ratios of both endpoints, every model (official contract)."""

ASPECT_RATIOS: tuple[AspectRatio, ...] = get_args(AspectRatio)

OutputFormat = Literal["png", "jpeg"]
"""Image file format, both endpoints."""

OutputResolution = Literal["1k", "2k"]
"""Output resolution, both endpoints."""

MAX_SOURCE_IMAGES = 3
"""Most ``source_image_urls`` of one edit (official contract: ``max_items`` 3)."""

_prompt = text(max_length=800)
_negative_prompt = text(min_length=0, max_length=5_000)
_seed = integer(0, 2_147_483_647)


# -- results ---------------------------------------------------------------------------------


Image = media.Image
"""One generated image: ``url`` to download it (official response model ``Image``)."""


@attrs.frozen(kw_only=True)
class ImageTask(media.ImageTask):
    """A ``text_to_image`` or ``edit_image`` task (official response model ``ImageTaskResponse``).

    Attributes:
        images: the generated images, once completed.
    """


# -- params ----------------------------------------------------------------------------------


@params
class TextToImageParams:
    """Params of ``POST /api/v1/qwen_3/text_to_image`` (official contract ``qwen-3/text-to-image``).

    Attributes:
        model: ``"qwen-3-text-to-image"`` or ``"qwen-3-pro-text-to-image"``.
        prompt: what the image shows, 1-800 characters.
        output_resolution: ``"1k"`` or ``"2k"``.
        aspect_ratio: one of :data:`ASPECT_RATIOS`.
        seed: random seed for reproducible results, an integer 0-2,147,483,647.
        output_format: ``"png"`` or ``"jpeg"``.
        enable_prompt_expansion: expand the prompt before generation.
        enable_safety_checker: turn the content safety check on or off.
        negative_prompt: what to keep out of the image, at most 5,000 characters.
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: a value outside the lists or ranges above.
    """

    model: TextToImageModel | str
    prompt: str = field(_prompt)
    output_resolution: OutputResolution | None = None
    aspect_ratio: AspectRatio | None = None
    seed: int | None = field(_seed, default=None)
    output_format: OutputFormat | None = None
    enable_prompt_expansion: bool | None = None
    enable_safety_checker: bool | None = None
    negative_prompt: str | None = field(_negative_prompt, default=None)
    callback_url: CallbackUrl | None = None


@params
class EditImageParams:
    """Params of ``POST /api/v1/qwen_3/edit_image`` (official contract ``qwen-3/edit-image``).

    Attributes:
        model: ``"qwen-3-edit-image"`` or ``"qwen-3-pro-edit-image"``.
        prompt: the edit instruction, 1-800 characters.
        source_image_urls: the images to edit, 1-3 absolute http(s) URLs (or local files, uploaded first).
        output_resolution: ``"1k"`` or ``"2k"``.
        aspect_ratio: one of :data:`ASPECT_RATIOS`.
        output_format: ``"png"`` or ``"jpeg"``.
        enable_prompt_expansion: expand the prompt before generation.
        seed: random seed for reproducible results, an integer 0-2,147,483,647.
        enable_safety_checker: turn the content safety check on or off.
        negative_prompt: what to keep out of the image, at most 5,000 characters.
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: a value outside the lists or ranges above, or not 1-3 source images.
    """

    model: EditImageModel | str
    prompt: str = field(_prompt)
    source_image_urls: Sequence[HttpUrl] = field(url_list(min_items=1, max_items=MAX_SOURCE_IMAGES))
    output_resolution: OutputResolution | None = None
    aspect_ratio: AspectRatio | None = None
    output_format: OutputFormat | None = None
    enable_prompt_expansion: bool | None = None
    seed: int | None = field(_seed, default=None)
    enable_safety_checker: bool | None = None
    negative_prompt: str | None = field(_negative_prompt, default=None)
    callback_url: CallbackUrl | None = None


# -- operations ------------------------------------------------------------------------------


class Qwen3(Family[ClientT]):
    """``client.qwen_3``: Qwen 3's image endpoints (official package ``runapi-qwen-3``).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` reads ``GET <path>/{id}``.
    """

    text_to_image = TaskOperation(
        "/api/v1/qwen_3/text_to_image", TextToImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Generate an image from a prompt (``qwen-3/text-to-image``)."""

    edit_image = TaskOperation("/api/v1/qwen_3/edit_image", EditImageParams, ImageTask, duration=DURATIONS["image"])
    """Edit 1-3 source images by an instruction (``qwen-3/edit-image``)."""
