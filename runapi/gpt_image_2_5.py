"""GPT Image 2.5: text-to-image and image editing with the Flare and Sunburst models (official packages).

Reached as ``client.gpt_image_2_5``::

    task = client.gpt_image_2_5.text_to_image.run(
        model="gpt-image-2.5-flare", prompt="A render on marble", aspect_ratio="1:1", output_resolution="2k"
    )
    edit = client.gpt_image_2_5.edit_image.run(
        model="gpt-image-2.5-sunburst", prompt="A botanical studio background", source_image_urls=task.output_urls
    )
    print(edit.output_urls)

Two task endpoints, both models on each: ``text_to_image`` and ``edit_image`` (1-16 source images).
Each create answers 202 ``{id, status}``; ``GET <path>/{id}`` reports the task.

Which ``output_resolution`` an image may have depends on its ``aspect_ratio``: data,
:data:`RESOLUTION_RULES`, checked before the request:

- ``aspect_ratio`` ``"1:1"``: ``1k`` or ``2k``;
- ``aspect_ratio`` ``"auto"`` or not given: ``1k`` only;
- every other aspect ratio: ``1k``, ``2k`` or ``4k``.

Where each fact comes from (RunAPI's docs snapshot has no GPT Image 2.5 section, and the platform
contract lists the two paths with no models, "official-python-only"):

- the paths: the platform contract and the official package ``runapi-gpt-image-2.5`` 0.3.0;
- the model ids (``gpt-image-2.5-flare``, ``gpt-image-2.5-sunburst``): the package's README;
- per model ``aspect_ratio`` (16 values), ``output_resolution`` (``1k``, ``2k``, ``4k``), ``prompt``
  and ``source_image_urls`` required, ``source_image_urls`` at most 16, and the resolution rules
  above: the official repository's generated contract (``runapi-ai/gpt-image-2.5-sdk``,
  ``python/src/runapi/gpt_image_2_5/contract_gen.py``); "1-16" source images, ``callback_url`` and
  "1:1 cannot be 4k; auto/unset only supports 1k": its parameter types (``js/src/types.ts``);
- the result (``id``, ``status``, ``images: [{url}]``, ``error``, ``task_replayed``): the package's
  response model ``TextToImageResponse`` (``EditImageResponse`` is the same class).

Readings and unknowns:

- Both models take the same values in every source, so there is no per-model table.
- No source gives ``prompt`` a length limit: any non-blank string is sent.
- A source URL's size and format limits are not published (only the server can check a URL).
- Parameters no source names go through the operation's ``with_options(extra_body={...})``
  (``client.gpt_image_2_5.text_to_image.with_options(...)``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, by, by_presence, field, one_of, params, rules, url_list

__all__ = [
    "ASPECT_RATIOS",
    "MAX_SOURCE_IMAGES",
    "MODELS",
    "OUTPUT_RESOLUTIONS",
    "RESOLUTION_RULES",
    "AspectRatio",
    "EditImageParams",
    "GptImage25",
    "Image",
    "ImageTask",
    "Model",
    "OutputResolution",
    "TextToImageParams",
]

Model = Literal["gpt-image-2.5-flare", "gpt-image-2.5-sunburst"]
"""The models of both endpoints (official README; official contract ``models``)."""

MODELS: tuple[Model, ...] = get_args(Model)

AspectRatio = Literal[
    "auto", "1:1", "3:2", "2:3", "4:3", "3:4", "5:4", "4:5", "16:9", "9:16", "2:1", "1:2", "3:1", "1:3", "21:9", "9:21"
]
"""Output aspect ratios of both endpoints, both models (official contract); ``auto`` lets the model choose."""

ASPECT_RATIOS: tuple[AspectRatio, ...] = get_args(AspectRatio)

OutputResolution = Literal["1k", "2k", "4k"]
"""Output resolutions; which ones an aspect ratio allows is :data:`RESOLUTION_RULES`."""

OUTPUT_RESOLUTIONS: tuple[OutputResolution, ...] = get_args(OutputResolution)

MAX_SOURCE_IMAGES = 16
"""Most ``source_image_urls`` of one edit (official contract ``max_items`` 16; types: "1-16")."""

_ONLY_1K = rules(output_resolution=one_of("1k"))

RESOLUTION_RULES = (
    by("aspect_ratio", {"1:1": rules(output_resolution=one_of("1k", "2k")), "auto": _ONLY_1K}),
    by_presence("aspect_ratio", absent=_ONLY_1K),
)
"""Which ``output_resolution`` each ``aspect_ratio`` allows (official contract ``rules``: 1:1 with 4k,
auto with 2k or 4k, and 2k or 4k without an aspect ratio are refused). An aspect ratio missing from the
first table allows all of :data:`OUTPUT_RESOLUTIONS`."""


# -- results ---------------------------------------------------------------------------------


Image = media.Image
"""One generated or edited image: ``url``, its CDN URL (official response model ``Image``)."""


@attrs.frozen(kw_only=True)
class ImageTask(media.ImageTask):
    """A ``text_to_image`` or ``edit_image`` task (official response model ``TextToImageResponse``).

    Attributes:
        images: the images, once completed.
        task_replayed: ``True`` when the create's ``Idempotency-Key`` reused an earlier task
            (official types: "True when this idempotency key reused the original task").
    """

    task_replayed: bool | None = None


# -- params ----------------------------------------------------------------------------------


@params
class TextToImageParams:
    """Params of ``POST /api/v1/gpt_image_2_5/text_to_image`` (official contract ``text-to-image``).

    Attributes:
        model: ``"gpt-image-2.5-flare"`` or ``"gpt-image-2.5-sunburst"``.
        prompt: the image description (non-blank; no published maximum).
        aspect_ratio: one of :data:`ASPECT_RATIOS`.
        output_resolution: ``"1k"``, ``"2k"`` or ``"4k"``: 1:1 cannot be 4k; ``auto`` or no
            ``aspect_ratio`` allows 1k only (:data:`RESOLUTION_RULES`).
        callback_url: where RunAPI POSTs the result.
    """

    model: Model | str
    prompt: str
    aspect_ratio: AspectRatio | None = None
    output_resolution: OutputResolution | None = None
    callback_url: CallbackUrl | None = None

    __rules__ = RESOLUTION_RULES


@params
class EditImageParams:
    """Params of ``POST /api/v1/gpt_image_2_5/edit_image`` (official contract ``edit-image``).

    Attributes:
        model: ``"gpt-image-2.5-flare"`` or ``"gpt-image-2.5-sunburst"``.
        prompt: the edit instruction (non-blank; no published maximum).
        source_image_urls: the images to edit: 1-16 absolute http(s) URLs (or local files, uploaded first).
        aspect_ratio: one of :data:`ASPECT_RATIOS`.
        output_resolution: ``"1k"``, ``"2k"`` or ``"4k"``: 1:1 cannot be 4k; ``auto`` or no
            ``aspect_ratio`` allows 1k only (:data:`RESOLUTION_RULES`).
        callback_url: where RunAPI POSTs the result.
    """

    model: Model | str
    prompt: str
    source_image_urls: Sequence[HttpUrl] = field(url_list(min_items=1, max_items=MAX_SOURCE_IMAGES))
    aspect_ratio: AspectRatio | None = None
    output_resolution: OutputResolution | None = None
    callback_url: CallbackUrl | None = None

    __rules__ = RESOLUTION_RULES


# -- operations ------------------------------------------------------------------------------


class GptImage25(Family[ClientT]):
    """``client.gpt_image_2_5``: GPT Image 2.5's endpoints (official package ``runapi-gpt-image-2.5``).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` reads ``GET <path>/{id}``.
    """

    text_to_image = TaskOperation(
        "/api/v1/gpt_image_2_5/text_to_image", TextToImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Generate an image from a prompt (``gpt-image-2-5/text-to-image``)."""

    edit_image = TaskOperation(
        "/api/v1/gpt_image_2_5/edit_image", EditImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Edit 1-16 source images by a prompt (``gpt-image-2-5/edit-image``)."""
