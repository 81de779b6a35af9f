"""Nano Banana: image generation and editing (docs: Nano Banana).

Reached as ``client.nano_banana``::

    task = client.nano_banana.text_to_image.run(model="nano-banana-pro", prompt="A serene lake", output_resolution="4k")
    print(task.images[0].url)

The text-to-image variants share one endpoint and differ in what they accept; each rule of
the docs' "Version Comparison" is checked before the request (:data:`MODEL_RULES`, a table).

Newer source: the platform contract (RunAPI's CLI contract, ``nano-banana/text-to-image`` and
``nano-banana/edit-image``) and the official ``runapi-nano-banana`` package (0.3.0, whose default model
on both endpoints is ``nano-banana-2-lite``) add what the seed docs do not have:

- model ``nano-banana-2-lite`` on both endpoints: the 15 aspect ratios of ``nano-banana-2``; at most
  10 ``reference_image_urls`` (text-to-image) and 1-10 ``source_image_urls`` (edit). The contract
  lists no other constraint for it (``output_format``, ``output_resolution``, prompt length): those
  are left to the server, not refused;
- ``output_format`` ``"jpeg"`` on text-to-image, beside ``"png"`` and ``"jpg"``, for the base, Pro and
  V2 models.

The model stays required here (the official package fills in ``nano-banana-2-lite`` when none is
given; this SDK sends no guessed default).

Readings of the docs where they are silent:

- Image editing (model ``nano-banana-edit``) is listed in "Nano Banana Endpoints" without its own
  section. Its path ``/api/v1/nano_banana/edit_image`` and fields (``source_image_urls`` required;
  the base aspect ratios; ``output_format`` ``png`` or ``jpeg``) follow RunAPI's published contract
  for this endpoint and the shape of its sibling edit endpoints.
- ``output_resolution`` is documented for Pro and V2 only; it is refused for the base model
  rather than sent and ignored.
- ``reference_image_urls`` and ``source_image_urls`` are "image URLs": each item must be an absolute
  http(s) URL (a mistake names its index, ``reference_image_urls[2]``). The size (30 MB each) is
  checked on local files (``pathlib.Path``); a URL's size and, for ``nano-banana-2``, the formats
  (jpeg, png, webp) cannot be seen from a URL and are left to the server.
- The status path ``GET /api/v1/nano_banana/text_to_image/{id}`` is printed only in the Quick Start;
  its completed answer there also echoes ``model`` (:attr:`ImageTask.model`). The create answer may
  carry only ``id`` (Quick Start; the section's Response table lists ``id`` alone): such a task
  reads as ``"processing"``. "Get Edit Status" is listed without a path: it is read as
  ``GET /api/v1/nano_banana/edit_image/{id}``, the status path of every task endpoint.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import (
    MB,
    CallbackUrl,
    HttpUrl,
    by,
    field,
    max_bytes,
    one_of,
    params,
    rules,
    text,
    text_list,
    url_list,
)

__all__ = [
    "ASPECT_RATIOS",
    "EDIT_MODEL_RULES",
    "MODEL_RULES",
    "AspectRatio",
    "BaseAspectRatio",
    "EditImageParams",
    "EditModel",
    "Image",
    "ImageTask",
    "Model",
    "NanoBanana",
    "TextToImageParams",
]

Model = Literal["nano-banana", "nano-banana-pro", "nano-banana-2", "nano-banana-2-lite"]
"""Text-to-image model ids (``nano-banana-2-lite``: the newer platform contract); what each accepts is in
:data:`MODEL_RULES`."""

EditModel = Literal["nano-banana-edit", "nano-banana-2-lite"]
"""Edit model ids (``nano-banana-2-lite``: the newer platform contract); rules in :data:`EDIT_MODEL_RULES`."""

BaseAspectRatio = Literal["1:1", "9:16", "16:9", "3:4", "4:3", "3:2", "2:3", "5:4", "4:5", "21:9", "auto"]
"""The 11 presets of the base and Pro models (and of ``nano-banana-edit``)."""

AspectRatio = Literal[
    "1:1", "1:4", "1:8", "2:3", "3:2", "3:4", "4:1", "4:3", "4:5", "5:4", "8:1", "9:16", "16:9", "21:9", "auto",
]  # fmt: skip
"""Every preset of any model (``nano-banana-2`` and ``nano-banana-2-lite`` accept all 15)."""

ASPECT_RATIOS: tuple[BaseAspectRatio, ...] = get_args(BaseAspectRatio)
_V2_ASPECT_RATIOS: tuple[AspectRatio, ...] = get_args(AspectRatio)


_RESOLUTIONS = one_of("1k", "2k", "4k")

MODEL_RULES = by(
    "model",
    {
        "nano-banana": rules(
            prompt=text(max_length=5_000),
            aspect_ratio=one_of(*ASPECT_RATIOS),
            reference_image_urls=text_list(max_items=8),
            refused=["output_resolution"],
        ),
        "nano-banana-pro": rules(
            prompt=text(max_length=5_000),
            aspect_ratio=one_of(*ASPECT_RATIOS),
            reference_image_urls=text_list(max_items=8),
            output_resolution=_RESOLUTIONS,
        ),
        "nano-banana-2": rules(
            prompt=text(max_length=20_000),
            aspect_ratio=one_of(*_V2_ASPECT_RATIOS),
            reference_image_urls=text_list(max_items=14),
            output_resolution=_RESOLUTIONS,
        ),
        # newer source: the platform contract (no other constraint listed for this model)
        "nano-banana-2-lite": rules(
            aspect_ratio=one_of(*_V2_ASPECT_RATIOS),
            reference_image_urls=text_list(max_items=10),
        ),
    },
)
"""What each text-to-image model accepts (docs: Nano Banana > Version Comparison): prompt length
(characters), aspect ratios, most reference images (30 MB each), and ``output_resolution``
(Pro and V2 only); ``nano-banana-2-lite``'s row is the platform contract's (15 aspect ratios, at most
10 reference images)."""

EDIT_MODEL_RULES = by(
    "model",
    {
        "nano-banana-edit": rules(aspect_ratio=one_of(*ASPECT_RATIOS)),
        "nano-banana-2-lite": rules(
            aspect_ratio=one_of(*_V2_ASPECT_RATIOS),
            source_image_urls=text_list(min_items=1, max_items=10),
        ),
    },
)
"""What each edit model accepts (the platform contract, ``nano-banana/edit-image``): ``nano-banana-edit``
the 11 base aspect ratios; ``nano-banana-2-lite`` the 15 of ``nano-banana-2`` and 1-10 source images."""


# -- results ---------------------------------------------------------------------------------


Image = media.Image
"""One generated image: ``url`` to download it (PNG or JPG as requested)."""


@attrs.frozen(kw_only=True)
class ImageTask(media.ImageTask):
    """A ``text_to_image`` or ``edit_image`` task.

    Attributes:
        images: the generated images (once completed).
        model: the model id, when the answer echoes it.
    """

    model: str | None = None


# -- params ----------------------------------------------------------------------------------


@params
class TextToImageParams:
    """Params of ``POST /api/v1/nano_banana/text_to_image`` (docs: Nano Banana > Create Text-to-Image).

    Attributes:
        model: ``"nano-banana"`` (base, up to 1024 px), ``"nano-banana-pro"`` or ``"nano-banana-2"``
            (both up to 4K), or ``"nano-banana-2-lite"`` (the platform contract).
        prompt: the image description; at most 5,000 characters (20,000 for ``nano-banana-2``).
        callback_url: where RunAPI POSTs the result.
        output_format: ``"png"``, ``"jpg"`` or ``"jpeg"`` (``jpeg``: the platform contract; server
            default png; jpg for ``nano-banana-2``).
        aspect_ratio: one of the model's presets (:data:`MODEL_RULES`); server default ``1:1``
            (``auto`` for ``nano-banana-2``).
        output_resolution: ``"1k"``, ``"2k"`` or ``"4k"``; Pro and V2 only (server default 1k).
        reference_image_urls: up to 8 absolute http(s) image URLs (14 for ``nano-banana-2``, jpeg,
            png or webp; 10 for ``nano-banana-2-lite``), 30 MB each.
    """

    model: Model | str
    prompt: str = field(text(max_length=20_000))
    callback_url: CallbackUrl | None = None
    output_format: Literal["png", "jpg", "jpeg"] | None = None
    aspect_ratio: AspectRatio | None = None
    output_resolution: Literal["1k", "2k", "4k"] | None = None
    # the count (and blank items) first, then each item as a URL (an error names its index)
    reference_image_urls: Sequence[HttpUrl] | None = field(
        text_list(max_items=14), url_list(), max_bytes(30 * MB), default=None
    )

    __rules__ = MODEL_RULES


@params
class EditImageParams:
    """Params of ``POST /api/v1/nano_banana/edit_image`` (docs: Nano Banana > Nano Banana Endpoints).

    Attributes:
        model: ``"nano-banana-edit"`` or ``"nano-banana-2-lite"`` (the platform contract).
        prompt: the edit instruction.
        source_image_urls: the image(s) to edit, at least one absolute http(s) URL (1-10 for
            ``nano-banana-2-lite``).
        callback_url: where RunAPI POSTs the result.
        aspect_ratio: one of :data:`ASPECT_RATIOS` (``nano-banana-edit``), or of the 15 presets of
            ``nano-banana-2`` (``nano-banana-2-lite``): :data:`EDIT_MODEL_RULES`.
        output_format: ``"png"`` or ``"jpeg"``.
    """

    model: EditModel | str
    prompt: str
    source_image_urls: Sequence[HttpUrl] = field(text_list(min_items=1), url_list())
    callback_url: CallbackUrl | None = None
    aspect_ratio: AspectRatio | None = None
    output_format: Literal["png", "jpeg"] | None = None

    __rules__ = EDIT_MODEL_RULES


# -- operations ------------------------------------------------------------------------------


class NanoBanana(Family[ClientT]):
    """``client.nano_banana``: Nano Banana's image endpoints (docs: Nano Banana)."""

    text_to_image = TaskOperation(
        "/api/v1/nano_banana/text_to_image", TextToImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Generate images with ``nano-banana``, ``nano-banana-pro``, ``nano-banana-2`` or ``nano-banana-2-lite``."""

    edit_image = TaskOperation(
        "/api/v1/nano_banana/edit_image", EditImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Edit images with ``nano-banana-edit`` or ``nano-banana-2-lite``."""
