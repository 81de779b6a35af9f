"""Qwen 2.1: text-to-image and image editing (official package: Qwen 2.1).

Reached as ``client.qwen_2_1``::

    task = client.qwen_2_1.text_to_image.run(model="qwen-2.1-text-to-image", prompt="A neon city", aspect_ratio="16:9")
    edit = client.qwen_2_1.edit_image.run(
        model="qwen-2.1-edit-image", prompt="A neon skyline behind it", source_image_urls=task.output_urls
    )
    print(edit.output_urls)

Two task endpoints, one model each: ``text_to_image`` (``qwen-2.1-text-to-image``) and
``edit_image`` (``qwen-2.1-edit-image``). Each create answers 202 ``{id, status}`` and
``GET <path>/{id}`` reports the task.

Little is published about Qwen 2.1. Where each fact comes from:

- the paths: the platform contract (``qwen-2-1/*``, "official-python-only", no model list) and the
  official package ``runapi-qwen-2-1`` 0.1.0 (its resources' ``ENDPOINT``);
- the model ids, and the parameter names ``model``, ``prompt``, ``aspect_ratio`` (the example sends
  ``"16:9"``) and ``source_image_urls`` (a list of URLs): that package's README and its resources'
  docstrings ("model, prompt, ..." and "model, prompt, source_image_urls, ...");
- ``callback_url``: the platform's general Callbacks section (docs: Callbacks), which every task
  takes;
- the result (``id``, ``status``, ``images: [{url}]``, ``error``): the package's response models.

Unknowns (left open, not guessed):

- ``aspect_ratio``'s values: no source lists them, so any non-blank string is sent as given;
- ``prompt``'s length limit, and how many ``source_image_urls`` an edit takes (each item is checked
  to be an absolute http(s) URL or a local file; the count is the server's check);
- the package's summary mentions "transparent-background, and mask-based image editing" but names
  no parameter for either: send them with
  ``client.qwen_2_1.edit_image.with_options(extra_body={...})``;
- defaults: none published; a parameter left out is off the wire.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, params

__all__ = [
    "MODELS",
    "EditImageModel",
    "EditImageParams",
    "Image",
    "ImageTask",
    "Model",
    "Qwen21",
    "TextToImageModel",
    "TextToImageParams",
]

TextToImageModel = Literal["qwen-2.1-text-to-image"]
"""The ``text_to_image`` model (official README's example)."""

EditImageModel = Literal["qwen-2.1-edit-image"]
"""The ``edit_image`` model (official README's example)."""

Model = Literal["qwen-2.1-text-to-image", "qwen-2.1-edit-image"]
"""Every Qwen 2.1 model id the official package names."""

MODELS: tuple[Model, ...] = get_args(Model)


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
    """Params of ``POST /api/v1/qwen_2_1/text_to_image`` (official package ``runapi-qwen-2-1``).

    Attributes:
        model: ``"qwen-2.1-text-to-image"``.
        prompt: what the image shows (non-blank; no published maximum).
        aspect_ratio: e.g. ``"16:9"`` (the values are not published: sent as given).
        callback_url: where RunAPI POSTs the result.
    """

    model: TextToImageModel | str
    prompt: str
    aspect_ratio: str | None = None
    callback_url: CallbackUrl | None = None


@params
class EditImageParams:
    """Params of ``POST /api/v1/qwen_2_1/edit_image`` (official package ``runapi-qwen-2-1``).

    Attributes:
        model: ``"qwen-2.1-edit-image"``.
        prompt: the edit instruction (non-blank; no published maximum).
        source_image_urls: the images to edit: absolute http(s) URLs (or local files, uploaded first).
        aspect_ratio: e.g. ``"16:9"`` (the values are not published: sent as given).
        callback_url: where RunAPI POSTs the result.
    """

    model: EditImageModel | str
    prompt: str
    source_image_urls: Sequence[HttpUrl]
    aspect_ratio: str | None = None
    callback_url: CallbackUrl | None = None


# -- operations ------------------------------------------------------------------------------


class Qwen21(Family[ClientT]):
    """``client.qwen_2_1``: Qwen 2.1's image endpoints (official package ``runapi-qwen-2-1``).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` reads ``GET <path>/{id}``.
    """

    text_to_image = TaskOperation(
        "/api/v1/qwen_2_1/text_to_image", TextToImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Generate an image from a prompt (``qwen-2-1/text-to-image``)."""

    edit_image = TaskOperation("/api/v1/qwen_2_1/edit_image", EditImageParams, ImageTask, duration=DURATIONS["image"])
    """Edit source images by an instruction (``qwen-2-1/edit-image``)."""
