"""GPT Image 2: text-to-image and image editing with ``gpt-image-2`` (docs: GPT Image 2).

Reached as ``client.gpt_image_2``::

    task = client.gpt_image_2.text_to_image.run(
        model="gpt-image-2", prompt="A neon night city poster", aspect_ratio="16:9", output_resolution="2k"
    )
    print(task.output_urls)

Two task endpoints, one model (``gpt-image-2``) on both: ``text_to_image`` and ``edit_image`` (1-16
source images). Each create answers 202 ``{id, status}``; ``GET <path>/{id}`` reports the task.

Which ``output_resolution`` an image may have depends on its ``aspect_ratio`` (docs: "A 1:1 image
cannot be 4k; auto/unset only supports 1k"). That rule is data, :data:`RESOLUTION_RULES`, checked
before the request:

- ``aspect_ratio`` ``"1:1"``: ``1k`` or ``2k``;
- ``aspect_ratio`` ``"auto"`` or not given: ``1k`` only;
- every other ratio (``9:16``, ``16:9``, ``4:3``, ``3:4`` in the docs; ``3:2``, ``2:3``, ``5:4``, ``4:5``,
  ``2:1``, ``1:2``, ``3:1``, ``1:3``, ``21:9``, ``9:21`` added by the newer source below): ``1k``, ``2k`` or
  ``4k``.

Newer source: the platform contract (RunAPI's CLI contract, ``gpt-image-2/text-to-image`` and
``gpt-image-2/edit-image``; the official ``runapi-gpt-image-2`` package sends what it is given) lists
16 aspect ratios on both endpoints where the seed docs list six: :data:`ASPECT_RATIOS` follows the
contract. It says nothing about which resolution the ten new ratios allow, so no rule is added for them.

Readings of the docs:

- The status endpoints are described in one line ("Returns the current task status and images when
  the task completes") with no example. :class:`ImageTask` reads them as the other image families'
  answers are printed (GPT Image's among them): ``id``, ``status``, ``images[].url`` once completed,
  ``error`` once failed. Any other key stays on ``task.raw``. No callback example is printed either: a
  callback body is the final status answer (docs: Callbacks).
- The ``aspect_ratio``/``output_resolution`` rule is enforced as printed, including when
  ``aspect_ratio`` is left out ("unset only supports 1k"): ``output_resolution="2k"`` then needs an
  explicit aspect ratio. Leaving both out is accepted (the server picks).
- ``prompt`` is at most 20,000 characters (non-blank); ``source_image_urls`` is required, "maximum 16
  images": 1-16 absolute http(s) URLs.
- The model has one entry on each endpoint and accepts the same values on both, so there is no
  per-model table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, by, by_presence, field, one_of, params, rules, text, url_list

__all__ = [
    "ASPECT_RATIOS",
    "MODELS",
    "OUTPUT_RESOLUTIONS",
    "RESOLUTION_RULES",
    "AspectRatio",
    "EditImageParams",
    "GptImage2",
    "Image",
    "ImageTask",
    "Model",
    "OutputResolution",
    "TextToImageParams",
]

Model = Literal["gpt-image-2"]
"""The model of both endpoints (docs: GPT Image 2 > Models)."""

MODELS: tuple[Model, ...] = get_args(Model)

AspectRatio = Literal[
    "auto", "1:1", "9:16", "16:9", "4:3", "3:4", "3:2", "2:3", "5:4", "4:5", "2:1", "1:2", "3:1", "1:3", "21:9", "9:21",
]  # fmt: skip
"""Output aspect ratios of both endpoints: the docs' six (GPT Image 2 > Request Parameters) and ten more
from the newer platform contract (``3:2`` ... ``9:21``)."""

ASPECT_RATIOS: tuple[AspectRatio, ...] = get_args(AspectRatio)

OutputResolution = Literal["1k", "2k", "4k"]
"""Output resolutions of both endpoints; which ones an aspect ratio allows is :data:`RESOLUTION_RULES`."""

OUTPUT_RESOLUTIONS: tuple[OutputResolution, ...] = get_args(OutputResolution)

MAX_PROMPT_LENGTH = 20_000
"""Most characters in a ``prompt`` (docs: "Text prompt, maximum 20,000 characters")."""

MAX_SOURCE_IMAGES = 16
"""Most ``source_image_urls`` an ``edit_image`` task takes (docs: "maximum 16 images")."""

_ONLY_1K = rules(output_resolution=one_of("1k"))

RESOLUTION_RULES = (
    by("aspect_ratio", {"1:1": rules(output_resolution=one_of("1k", "2k")), "auto": _ONLY_1K}),
    by_presence("aspect_ratio", absent=_ONLY_1K),
)
"""Which ``output_resolution`` each ``aspect_ratio`` allows (docs: "A 1:1 image cannot be 4k; auto/unset
only supports 1k"). An aspect ratio missing from the first table allows all of :data:`OUTPUT_RESOLUTIONS`."""


# -- results ---------------------------------------------------------------------------------


Image = media.Image
"""One generated or edited image: ``url`` to download it."""


@attrs.frozen(kw_only=True)
class ImageTask(media.ImageTask):
    """A ``text_to_image`` or ``edit_image`` task (docs: GPT Image 2 > Get Text-to-Image Status / Get Edit Status).

    Attributes:
        images: the images, once completed.
    """


# -- params ----------------------------------------------------------------------------------


@params
class TextToImageParams:
    """Params of ``POST /api/v1/gpt_image_2/text_to_image`` (docs: GPT Image 2 Create Text-to-Image).

    Attributes:
        model: ``"gpt-image-2"``.
        prompt: the image description, at most 20,000 characters.
        aspect_ratio: one of :data:`ASPECT_RATIOS`.
        output_resolution: ``"1k"``, ``"2k"`` or ``"4k"``: 1:1 cannot be 4k; ``auto`` or no
            ``aspect_ratio`` allows 1k only (:data:`RESOLUTION_RULES`).
        callback_url: where RunAPI POSTs the result.
    """

    model: Model | str
    prompt: str = field(text(max_length=MAX_PROMPT_LENGTH))
    aspect_ratio: AspectRatio | None = None
    output_resolution: OutputResolution | None = None
    callback_url: CallbackUrl | None = None

    __rules__ = RESOLUTION_RULES


@params
class EditImageParams:
    """Params of ``POST /api/v1/gpt_image_2/edit_image`` (docs: GPT Image 2 Edit).

    Attributes:
        model: ``"gpt-image-2"``.
        prompt: the edit instruction, at most 20,000 characters.
        source_image_urls: the image(s) to edit: 1-16 absolute http(s) URLs.
        aspect_ratio: one of :data:`ASPECT_RATIOS`.
        output_resolution: ``"1k"``, ``"2k"`` or ``"4k"``: 1:1 cannot be 4k; ``auto`` or no
            ``aspect_ratio`` allows 1k only (:data:`RESOLUTION_RULES`).
        callback_url: where RunAPI POSTs the result.
    """

    model: Model | str
    prompt: str = field(text(max_length=MAX_PROMPT_LENGTH))
    source_image_urls: Sequence[HttpUrl] = field(url_list(min_items=1, max_items=MAX_SOURCE_IMAGES))
    aspect_ratio: AspectRatio | None = None
    output_resolution: OutputResolution | None = None
    callback_url: CallbackUrl | None = None

    __rules__ = RESOLUTION_RULES


# -- operations ------------------------------------------------------------------------------


class GptImage2(Family[ClientT]):
    """``client.gpt_image_2``: GPT Image 2's endpoints (docs: GPT Image 2).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` reads ``GET <path>/{id}``.
    """

    text_to_image = TaskOperation(
        "/api/v1/gpt_image_2/text_to_image", TextToImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Generate an image from a prompt (docs: GPT Image 2 Create Text-to-Image; Get Text-to-Image Status)."""

    edit_image = TaskOperation(
        "/api/v1/gpt_image_2/edit_image", EditImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Edit 1-16 source images by a prompt (docs: GPT Image 2 Edit; Get Edit Status)."""
