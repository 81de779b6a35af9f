"""Seedream: text-to-image and image editing (docs: Seedream).

Reached as ``client.seedream``::

    task = client.seedream.text_to_image.run(
        model="seedream-4.5-text-to-image", prompt="A rainy neon street", aspect_ratio="16:9", output_quality="high"
    )
    print(task.output_urls)

Two documented endpoints, each serving three model generations (a fourth, 5 Pro, and a third
endpoint are the newer sources' below): ``text_to_image`` (``seedream-4.5-text-to-image``,
``seedream-5-lite-text-to-image``, ``seedream-v4-text-to-image``) and ``edit_image``
(``seedream-4.5-edit``, ``seedream-5-lite-edit``, ``seedream-v4-edit``). Both are tasks: the create
answers 202 ``{id, status}`` and ``GET <path>/{id}`` reports it. What each model accepts differs
(prompt length, required and refused fields, how many source images); those rules are tables
(:data:`TEXT_TO_IMAGE_RULES`, :data:`EDIT_IMAGE_RULES`), checked before the request:

- 4.5 and 5-Lite models require ``aspect_ratio`` and ``output_quality`` and refuse the v4-only
  ``output_resolution``, ``output_count`` and ``seed``;
- prompts are 1-3,000 characters (4.5), 3-3,000 (5-Lite) or 1-5,000 (v4);
- ``seedream-v4-edit`` takes at most 10 ``source_image_urls``.

Newer source: the platform contract (RunAPI's CLI contract, ``seedream/text-to-image``,
``seedream/edit-image``) and the official ``runapi-seedream`` package (0.5.0; its repository
``runapi-ai/seedream-sdk``, ``contract_gen`` and CHANGELOG: "Add Seedream 5 Pro ... Add optional
Seedream 5-Lite ``output_format``") add what the seed docs do not have:

- models ``seedream-5-pro-text-to-image`` and ``seedream-5-pro-edit``: ``aspect_ratio`` and
  ``output_quality`` (``basic``/``high``) required, prompt 3-5,000 characters, ``output_resolution``,
  ``output_count`` and ``seed`` refused, at most 10 ``source_image_urls`` (edit);
- ``output_format`` (``png`` or ``jpeg``) for the 5-Lite and 5 Pro models, refused for 4.5 and v4
  (the official contract's ``forbidden`` rules);
- at most 14 ``source_image_urls`` for ``seedream-4.5-edit`` and ``seedream-5-lite-edit``;
- a third endpoint, ``decompose_layers`` (``POST /api/v1/seedream/decompose_layers``, in the official
  packages only, with model ``seedream-5-pro-layer-decomposition``): one image (``image_url``,
  required) split into a base image and ordered transparent layers; ``prompt`` at most 5,000
  characters, ``size`` ``auto``/``1K``/``1.5K``/``2K``, ``output_format`` ``png``/``jpeg``. Its
  answer is :class:`LayersTask` (``base_image``, ``layers[]`` with ``url``, ``z_index``,
  ``bounding_box``, ``name``, ``description``: the official package's response model).

The official package also lists ``output_quality`` ``"ultra"`` for the 5-Lite models; the platform
contract does not, so it is not added (it goes out with a warning).

Readings of the docs:

- ``output_quality`` is described only as "Required for 4.5 and 5-Lite" models, while
  ``aspect_ratio`` next to it says "optional for v4" and v4 has its own knobs (``output_resolution``,
  ``output_count``, ``seed``, each "v4 only"). ``output_quality`` is read as the 4.5/5-Lite
  counterpart of ``output_resolution`` and refused for v4 models, where it would be ignored
  (``with_options(extra_body=...)`` can still send it).
- ``aspect_ratio`` is optional for ``seedream-v4-text-to-image``: the text-to-image table requires it
  only for 4.5 and 5-Lite (the edit table says "optional for v4" outright).
- ``source_image_urls``: at least one URL; the limit of 10 is printed for v4 edit only, so no limit
  is enforced for 4.5 and 5-Lite edits (the server has the last word).
- Ranges ("1-3000 chars", "1-6 images") are inclusive; ``seed`` is any integer (no range printed).
- The 202 answer and the completed and failed status answers are printed once, after both endpoints:
  they are read as the answers of both. No callback example is printed: a callback body is the
  final status answer (docs: Callbacks).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

import attrs

from ._core import media
from ._core.models import Task
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, by, field, integer, params, rules, text, text_list

__all__ = [
    "ASPECT_RATIOS",
    "DECOMPOSE_LAYERS_MODELS",
    "EDIT_IMAGE_MODELS",
    "EDIT_IMAGE_RULES",
    "MODELS",
    "TEXT_TO_IMAGE_MODELS",
    "TEXT_TO_IMAGE_RULES",
    "AspectRatio",
    "BoundingBox",
    "DecomposeLayersModel",
    "DecomposeLayersParams",
    "EditImageModel",
    "EditImageParams",
    "Image",
    "ImageTask",
    "Layer",
    "LayerSize",
    "LayersTask",
    "OutputFormat",
    "OutputQuality",
    "OutputResolution",
    "Seedream",
    "TextToImageModel",
    "TextToImageParams",
]

TextToImageModel = Literal[
    "seedream-4.5-text-to-image",
    "seedream-5-lite-text-to-image",
    "seedream-v4-text-to-image",
    "seedream-5-pro-text-to-image",
]
"""``text_to_image`` model ids (docs: Seedream > Models; 5 Pro: the newer platform contract); rules in
:data:`TEXT_TO_IMAGE_RULES`."""

EditImageModel = Literal["seedream-4.5-edit", "seedream-5-lite-edit", "seedream-v4-edit", "seedream-5-pro-edit"]
"""``edit_image`` model ids (docs: Seedream > Models; 5 Pro: the newer platform contract); rules in
:data:`EDIT_IMAGE_RULES`."""

DecomposeLayersModel = Literal["seedream-5-pro-layer-decomposition"]
"""``decompose_layers`` model id (the official package's contract; the platform contract lists none)."""

TEXT_TO_IMAGE_MODELS: tuple[TextToImageModel, ...] = get_args(TextToImageModel)
EDIT_IMAGE_MODELS: tuple[EditImageModel, ...] = get_args(EditImageModel)
DECOMPOSE_LAYERS_MODELS: tuple[DecomposeLayersModel, ...] = get_args(DecomposeLayersModel)
MODELS: tuple[TextToImageModel | EditImageModel | DecomposeLayersModel, ...] = (
    *TEXT_TO_IMAGE_MODELS,
    *EDIT_IMAGE_MODELS,
    *DECOMPOSE_LAYERS_MODELS,
)
"""Every Seedream model id, text-to-image first."""

AspectRatio = Literal["1:1", "4:3", "3:4", "16:9", "9:16", "2:3", "3:2", "21:9"]
"""The eight aspect ratios of both endpoints."""

ASPECT_RATIOS: tuple[AspectRatio, ...] = get_args(AspectRatio)

OutputQuality = Literal["basic", "high"]
"""``output_quality`` of the 4.5 and 5-Lite models."""

OutputResolution = Literal["1k", "2k", "4k"]
"""``output_resolution`` of the v4 models (server default ``1k``)."""

OutputFormat = Literal["png", "jpeg"]
"""``output_format`` of the 5-Lite and 5 Pro models and of ``decompose_layers`` (the platform contract)."""

LayerSize = Literal["auto", "1K", "1.5K", "2K"]
"""``size`` of ``decompose_layers`` (the official package's contract)."""

# -- what each model accepts (docs: Seedream > Create Seedream Text-to-Image / Edit Image) ----

_V4_ONLY = ("output_resolution", "output_count", "seed")
_REQUIRED_45_AND_5_LITE = ("aspect_ratio", "output_quality")
_PROMPT_45 = text(max_length=3_000)
_PROMPT_5_LITE = text(min_length=3, max_length=3_000)
_PROMPT_V4 = text(max_length=5_000)
_PROMPT_5_PRO = text(min_length=3, max_length=5_000)
_NO_FORMAT = ("output_format",)  # official contract: "forbidden" for 4.5 and v4
_REFUSED_5_PRO = (*_V4_ONLY,)

TEXT_TO_IMAGE_RULES = by(
    "model",
    {
        "seedream-4.5-text-to-image": rules(
            prompt=_PROMPT_45, required=_REQUIRED_45_AND_5_LITE, refused=(*_V4_ONLY, *_NO_FORMAT)
        ),
        "seedream-5-lite-text-to-image": rules(
            prompt=_PROMPT_5_LITE, required=_REQUIRED_45_AND_5_LITE, refused=_V4_ONLY
        ),
        "seedream-v4-text-to-image": rules(prompt=_PROMPT_V4, refused=["output_quality", *_NO_FORMAT]),
        "seedream-5-pro-text-to-image": rules(
            prompt=_PROMPT_5_PRO, required=_REQUIRED_45_AND_5_LITE, refused=_REFUSED_5_PRO
        ),
    },
)
"""Per ``text_to_image`` model: prompt length (characters), required fields, refused fields (5 Pro and
``output_format``: the newer platform contract and official package)."""

EDIT_IMAGE_RULES = by(
    "model",
    {
        "seedream-4.5-edit": rules(
            prompt=_PROMPT_45,
            source_image_urls=text_list(min_items=1, max_items=14),
            required=_REQUIRED_45_AND_5_LITE,
            refused=(*_V4_ONLY, *_NO_FORMAT),
        ),
        "seedream-5-lite-edit": rules(
            prompt=_PROMPT_5_LITE,
            source_image_urls=text_list(min_items=1, max_items=14),
            required=_REQUIRED_45_AND_5_LITE,
            refused=_V4_ONLY,
        ),
        "seedream-v4-edit": rules(
            prompt=_PROMPT_V4,
            source_image_urls=text_list(min_items=1, max_items=10),
            refused=["output_quality", *_NO_FORMAT],
        ),
        "seedream-5-pro-edit": rules(
            prompt=_PROMPT_5_PRO,
            source_image_urls=text_list(min_items=1, max_items=10),
            required=_REQUIRED_45_AND_5_LITE,
            refused=_REFUSED_5_PRO,
        ),
    },
)
"""Per ``edit_image`` model: prompt length, most source images (v4 and 5 Pro: 10; 4.5 and 5-Lite: 14,
the platform contract), required and refused fields."""


# -- results ---------------------------------------------------------------------------------


Image = media.Image
"""One generated image: ``url`` to download it (a PNG in the docs' example)."""


@attrs.frozen(kw_only=True)
class ImageTask(media.ImageTask):
    """A ``text_to_image`` or ``edit_image`` task.

    Attributes:
        images: the generated images, once completed (v4 models make ``output_count`` of them).
    """


@attrs.frozen(kw_only=True)
class BoundingBox:
    """Where a layer sits in the base image (the official package's ``BoundingBox``).

    Attributes:
        absolute: the box in pixels, as integers.
        normalized: the box on a normalized scale, as integers.
    """

    absolute: list[int] = attrs.Factory(list)
    normalized: list[int] = attrs.Factory(list)


@attrs.frozen(kw_only=True)
class Layer:
    """One transparent layer of a decomposed image (the official package's ``Layer``).

    Attributes:
        url: the layer's image file.
        z_index: its place in the stack (higher is in front).
        bounding_box: where it sits in the base image, when given.
        name: a short name of what it shows, when given.
        description: a longer description, when given.
    """

    url: str | None = None
    z_index: int | None = None
    bounding_box: BoundingBox | None = None
    name: str | None = None
    description: str | None = None


@attrs.frozen(kw_only=True)
class LayersTask(Task):
    """A ``decompose_layers`` task (the official package's ``DecomposeLayersResponse``).

    Attributes:
        base_image: the base image with the layers taken out, once completed.
        layers: the layers, once completed.
    """

    base_image: Image | None = None
    layers: list[Layer] = attrs.Factory(list)

    @property
    def output_urls(self) -> list[str]:
        """The base image's ``url``, then each layer's, where set (what ``client.download_outputs`` saves)."""
        base = [self.base_image.url] if self.base_image is not None and self.base_image.url else []
        return base + [layer.url for layer in self.layers if layer.url]


# -- params ----------------------------------------------------------------------------------


@params
class TextToImageParams:
    """Params of ``POST /api/v1/seedream/text_to_image`` (docs: Seedream > Create Seedream Text-to-Image).

    Per-model rules: :data:`TEXT_TO_IMAGE_RULES`.

    Attributes:
        model: ``"seedream-4.5-text-to-image"``, ``"seedream-5-lite-text-to-image"``,
            ``"seedream-v4-text-to-image"`` or ``"seedream-5-pro-text-to-image"``.
        prompt: the image description: 1-3,000 characters (4.5), 3-3,000 (5-Lite), 1-5,000 (v4),
            3-5,000 (5 Pro).
        aspect_ratio: one of :data:`ASPECT_RATIOS`; required for 4.5 and 5-Lite, optional for v4.
        output_quality: ``"basic"`` or ``"high"``; required for 4.5 and 5-Lite, refused for v4.
        callback_url: where RunAPI POSTs the result.
        output_resolution: ``"1k"``, ``"2k"`` or ``"4k"`` (server default 1k); v4 only.
        output_count: how many images, 1-6 (server default 1); v4 only.
        seed: random seed for reproducible output (an integer); v4 only.
        enable_safety_checker: run the content safety check (server default false).
        output_format: ``"png"`` or ``"jpeg"``; 5-Lite and 5 Pro only (the platform contract).
    """

    model: TextToImageModel | str
    prompt: str = field(_PROMPT_V4)
    aspect_ratio: AspectRatio | None = None
    output_quality: OutputQuality | None = None
    callback_url: CallbackUrl | None = None
    output_resolution: OutputResolution | None = None
    output_count: int | None = field(integer(1, 6), default=None)
    seed: int | None = None
    enable_safety_checker: bool | None = None
    output_format: OutputFormat | None = None

    __rules__ = TEXT_TO_IMAGE_RULES


@params
class EditImageParams:
    """Params of ``POST /api/v1/seedream/edit_image`` (docs: Seedream > Create Seedream Edit Image).

    Per-model rules: :data:`EDIT_IMAGE_RULES`.

    Attributes:
        model: ``"seedream-4.5-edit"``, ``"seedream-5-lite-edit"``, ``"seedream-v4-edit"`` or
            ``"seedream-5-pro-edit"``.
        prompt: the edit instruction: 1-3,000 characters (4.5), 3-3,000 (5-Lite), 1-5,000 (v4),
            3-5,000 (5 Pro).
        source_image_urls: the image(s) to edit, at least one URL; at most 10 for ``seedream-v4-edit``
            and ``seedream-5-pro-edit``, 14 for 4.5 and 5-Lite.
        aspect_ratio: one of :data:`ASPECT_RATIOS`; required for 4.5 and 5-Lite, optional for v4.
        output_quality: ``"basic"`` or ``"high"``; required for 4.5 and 5-Lite, refused for v4.
        callback_url: where RunAPI POSTs the result.
        output_resolution: ``"1k"``, ``"2k"`` or ``"4k"`` (server default 1k); v4 only.
        output_count: how many images, 1-6 (server default 1); v4 only.
        seed: random seed for reproducible output (an integer); v4 only.
        enable_safety_checker: run the content safety check (server default false).
        output_format: ``"png"`` or ``"jpeg"``; 5-Lite and 5 Pro only (the platform contract).
    """

    model: EditImageModel | str
    prompt: str = field(_PROMPT_V4)
    source_image_urls: Sequence[HttpUrl] = field(text_list(min_items=1))
    aspect_ratio: AspectRatio | None = None
    output_quality: OutputQuality | None = None
    callback_url: CallbackUrl | None = None
    output_resolution: OutputResolution | None = None
    output_count: int | None = field(integer(1, 6), default=None)
    seed: int | None = None
    enable_safety_checker: bool | None = None
    output_format: OutputFormat | None = None

    __rules__ = EDIT_IMAGE_RULES


@params
class DecomposeLayersParams:
    """Params of ``POST /api/v1/seedream/decompose_layers`` (the official ``runapi-seedream`` package's
    ``DecomposeLayers``; its repository's contract for the fields).

    Attributes:
        model: ``"seedream-5-pro-layer-decomposition"``.
        image_url: the image to split into layers (an absolute http(s) URL, or a local file uploaded first).
        prompt: which elements to separate, at most 5,000 characters (left out: the model decides).
        size: ``"auto"``, ``"1K"``, ``"1.5K"`` or ``"2K"``.
        output_format: ``"png"`` or ``"jpeg"``.
        callback_url: where RunAPI POSTs the result.
    """

    model: DecomposeLayersModel | str
    image_url: HttpUrl
    prompt: str | None = field(text(max_length=5_000), default=None)
    size: LayerSize | None = None
    output_format: OutputFormat | None = None
    callback_url: CallbackUrl | None = None


# -- operations ------------------------------------------------------------------------------


class Seedream(Family[ClientT]):
    """``client.seedream``: Seedream's image endpoints (docs: Seedream).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` reads ``GET <path>/{id}``.
    """

    text_to_image = TaskOperation(
        "/api/v1/seedream/text_to_image", TextToImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Generate images from a prompt (docs: Seedream > Create Seedream Text-to-Image; Get Seedream
    Text-to-Image Status)."""

    edit_image = TaskOperation("/api/v1/seedream/edit_image", EditImageParams, ImageTask, duration=DURATIONS["image"])
    """Edit source images by a prompt (docs: Seedream > Create Seedream Edit Image; Get Seedream Edit
    Image Status)."""

    decompose_layers = TaskOperation(
        "/api/v1/seedream/decompose_layers", DecomposeLayersParams, LayersTask, duration=DURATIONS["image"]
    )
    """Split one image into a base image and ordered transparent layers (the official package's
    ``DecomposeLayers``; no seed docs)."""
