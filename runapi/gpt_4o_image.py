"""GPT-4o Image: prompt-only, image-guided and variant image tasks with ``gpt-4o-image`` (docs: GPT-4o Image).

Reached as ``client.gpt_4o_image``::

    task = client.gpt_4o_image.text_to_image.run(
        model="gpt-4o-image", prompt="A watch on black stone", aspect_ratio="1:1", output_count=2
    )
    print(task.output_urls)

One task endpoint, ``text_to_image``, in three kinds of request (docs: "Prompt-only, image-guided, or
variant request"), told apart by what is given:

- prompt-only: a ``prompt``, no ``source_image_urls`` (left out, or an empty list);
- image-guided: a ``prompt`` and 1-5 ``source_image_urls`` (optionally a ``mask_url`` for selective
  changes);
- variants: 1-5 ``source_image_urls`` and no ``prompt``.

The create answers 202 ``{id, status}``; ``GET /api/v1/gpt_4o_image/text_to_image/{id}`` reports the
task. What depends on ``source_image_urls`` is data, :data:`SOURCE_RULES`, checked before the request.

Readings of the docs:

- ``prompt`` is "Required when source_image_urls is blank". "Blank" is left out or an empty list:
  the field takes "Up to 5" URLs (no minimum), and the docs' wording expects a blank list to be
  sent. So ``source_image_urls=[]`` is accepted and sent as given, and a task without source
  images (none given, or an empty list) needs a ``prompt``.
- ``mask_url`` ("Mask image URL for selective changes") masks a source image: it is refused without
  source images (``source_image_urls`` left out or empty), where it would have nothing to apply to.
- The status endpoint is described in one line ("Returns the current task status, progress, and
  images when the task completes") with no example. :class:`ImageTask` reads it as the other image
  families' answers are printed (``id``, ``status``, ``images[].url``, ``error``) plus ``progress``,
  whose type the docs do not give: it is kept as sent. Any other key stays on ``task.raw``. No
  callback example is printed: a callback body is the final status answer (docs: Callbacks).
- The one model accepts the same values in every kind of request, so there is no per-model table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, by_presence, field, forbid, params, require, rules, url_list

__all__ = [
    "ASPECT_RATIOS",
    "MODELS",
    "OUTPUT_COUNTS",
    "SOURCE_RULES",
    "AspectRatio",
    "Gpt4oImage",
    "Image",
    "ImageTask",
    "Model",
    "OutputCount",
    "TextToImageParams",
]

Model = Literal["gpt-4o-image"]
"""The model (docs: GPT-4o Image > Models)."""

MODELS: tuple[Model, ...] = get_args(Model)

AspectRatio = Literal["1:1", "3:2", "2:3"]
"""Output aspect ratios (docs: GPT-4o Image > Request Parameters)."""

ASPECT_RATIOS: tuple[AspectRatio, ...] = get_args(AspectRatio)

OutputCount = Literal[1, 2, 4]
"""How many images a task makes (docs: "Number of generated images: 1, 2, or 4")."""

OUTPUT_COUNTS: tuple[OutputCount, ...] = get_args(OutputCount)

MAX_SOURCE_IMAGES = 5
"""Most ``source_image_urls`` a task takes (docs: "Up to 5 source image URLs")."""

SOURCE_RULES = by_presence("source_image_urls", absent=rules(required=["prompt"], refused=["mask_url"]))
"""What depends on ``source_image_urls``: without source images (a prompt-only task) ``prompt`` is
required (docs: "Required when source_image_urls is blank") and ``mask_url`` is refused. An empty
list is blank too: :class:`TextToImageParams` applies the same two rules to it."""


# -- results ---------------------------------------------------------------------------------


Image = media.Image
"""One generated image: ``url`` to download it."""


@attrs.frozen(kw_only=True)
class ImageTask(media.ImageTask):
    """A ``text_to_image`` task (docs: GPT-4o Image Get Text-to-Image Status).

    Attributes:
        images: the images (``output_count`` of them), once completed.
        progress: how far the task is, as RunAPI reports it (the docs name it without a type or
            example, so the value is kept as sent); ``None`` when the answer does not carry it.
    """

    progress: Any = None


# -- params ----------------------------------------------------------------------------------


@params
class TextToImageParams:
    """Params of ``POST /api/v1/gpt_4o_image/text_to_image`` (docs: GPT-4o Image Create Text-to-Image).

    Rules that depend on ``source_image_urls``: :data:`SOURCE_RULES`.

    Attributes:
        model: ``"gpt-4o-image"``.
        aspect_ratio: ``"1:1"``, ``"3:2"`` or ``"2:3"`` (required).
        prompt: the image description, or how to guide the source images; required without
            ``source_image_urls``, optional with them (leave it out for variants).
        source_image_urls: up to 5 absolute http(s) URLs of source images (image-guided or
            variants); an empty list is blank, as leaving it out.
        mask_url: a mask image URL for selective changes of the source image; needs
            ``source_image_urls`` (not blank).
        output_count: how many images: 1, 2 or 4.
        enable_prompt_expansion: let RunAPI expand the prompt.
        callback_url: where RunAPI POSTs the result.
    """

    model: Model | str
    aspect_ratio: AspectRatio
    prompt: str | None = None
    source_image_urls: Sequence[HttpUrl] | None = field(url_list(max_items=MAX_SOURCE_IMAGES), default=None)
    mask_url: HttpUrl | None = None
    output_count: OutputCount | None = None
    enable_prompt_expansion: bool | None = None
    callback_url: CallbackUrl | None = None

    __rules__ = SOURCE_RULES

    def __attrs_post_init__(self) -> None:
        # an empty list is blank too: SOURCE_RULES' "not given" rules, for source_image_urls=[]
        if self.source_image_urls is not None and not self.source_image_urls:
            require(self, ["prompt"], when="when source_image_urls is empty")
            forbid(self, ["mask_url"], unless="when source_image_urls is not empty")


# -- operations ------------------------------------------------------------------------------


class Gpt4oImage(Family[ClientT]):
    """``client.gpt_4o_image``: GPT-4o Image's endpoint (docs: GPT-4o Image).

    ``text_to_image`` has ``create``, ``get``, ``wait`` and ``run``; ``get`` reads
    ``GET /api/v1/gpt_4o_image/text_to_image/{id}``.
    """

    text_to_image = TaskOperation(
        "/api/v1/gpt_4o_image/text_to_image", TextToImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Generate images from a prompt, guided by source images, or as variants of them (docs: GPT-4o Image
    Create Text-to-Image; Get Text-to-Image Status)."""
