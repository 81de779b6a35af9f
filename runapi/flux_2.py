"""Flux 2: Black Forest Labs image generation from a prompt, or guided by source images (docs: Flux 2).

Reached as ``client.flux_2``::

    task = client.flux_2.text_to_image.run(model="flux-2-pro-text-to-image", prompt="An astronaut in orbit")
    remix = client.flux_2.remix_image.run(
        model="flux-2-flex-remix-image", prompt="As an oil painting", source_image_urls=task.output_urls
    )
    print(task.images[0].url, remix.output_urls)

Two endpoints, each with its own models: ``text_to_image`` (``flux-2-pro-text-to-image``,
``flux-2-flex-text-to-image``) and ``remix_image`` (``flux-2-pro-remix-image``,
``flux-2-flex-remix-image``, 1-8 source images). Each is a task: the create answers 202
``{id, status}`` and ``GET <path>/{id}`` reports it.

Newer source: the platform contract (RunAPI's CLI contract, ``flux-2/text-to-image`` and
``flux-2/remix-image``; the official ``runapi-flux-2`` 0.4.0 package sends what it is given) adds a
third model on each endpoint, ``flux-2-max-text-to-image`` and ``flux-2-max-remix-image``, with
narrower lists: ``output_resolution`` ``1k`` only, no ``auto`` aspect ratio, exactly one
``source_image_urls`` (remix), and an ``output_count`` field whose one value is ``1``. The contract
lists ``output_count`` for the Max models only; for Pro and Flex it is not constrained (an integer,
sent as given; the server decides).

Readings of the docs:

- The docs document no difference between the Pro and Flex models of an endpoint: same parameters,
  ranges and values. :data:`TEXT_TO_IMAGE_RULES` and :data:`REMIX_IMAGE_RULES` therefore have one
  entry per model with no extra rules; a model's own limit, once documented, goes there.
- Only ``text_to_image`` prints its 202 answer, and only ``remix_image`` its Response Fields table;
  no status or callback example is printed. Both endpoints are read as the same task shape: the
  202 is ``{id, status: "processing"}``, a status answer (and a callback body, per the general
  Callbacks section) is ``{id, status, images: [{url}], error}``. Other keys stay on ``task.raw``.
- "3-5000 characters" (``prompt``) and "1-8 images" (``source_image_urls``) are inclusive; a
  whitespace-only prompt is refused.
- ``aspect_ratio``, ``output_resolution`` and ``enable_safety_checker`` have no documented default:
  left out, nothing is sent and the server decides. ``auto`` is a remix value only.
- ``source_image_urls`` items are sent as given (non-blank strings); whether RunAPI can fetch them
  is the server's check.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, by, field, one_of, params, rules, text, text_list

__all__ = [
    "ASPECT_RATIOS",
    "MAX_SOURCE_IMAGES",
    "MODELS",
    "REMIX_ASPECT_RATIOS",
    "REMIX_IMAGE_MODELS",
    "REMIX_IMAGE_RULES",
    "TEXT_TO_IMAGE_MODELS",
    "TEXT_TO_IMAGE_RULES",
    "AspectRatio",
    "Flux2",
    "Image",
    "ImageTask",
    "Model",
    "OutputResolution",
    "RemixAspectRatio",
    "RemixImageModel",
    "RemixImageParams",
    "TextToImageModel",
    "TextToImageParams",
]

TextToImageModel = Literal["flux-2-pro-text-to-image", "flux-2-flex-text-to-image", "flux-2-max-text-to-image"]
"""``text_to_image`` model ids (docs: Flux 2 > Models; Max: the newer platform contract); rules in
:data:`TEXT_TO_IMAGE_RULES`."""

RemixImageModel = Literal["flux-2-pro-remix-image", "flux-2-flex-remix-image", "flux-2-max-remix-image"]
"""``remix_image`` model ids (docs: Flux 2 > Models; Max: the newer platform contract); rules in
:data:`REMIX_IMAGE_RULES`."""

Model = Literal[
    "flux-2-pro-text-to-image",
    "flux-2-flex-text-to-image",
    "flux-2-max-text-to-image",
    "flux-2-pro-remix-image",
    "flux-2-flex-remix-image",
    "flux-2-max-remix-image",
]
"""Every Flux 2 model id, of either endpoint."""

TEXT_TO_IMAGE_MODELS: tuple[TextToImageModel, ...] = get_args(TextToImageModel)
REMIX_IMAGE_MODELS: tuple[RemixImageModel, ...] = get_args(RemixImageModel)
MODELS: tuple[Model, ...] = get_args(Model)

AspectRatio = Literal["1:1", "4:3", "3:4", "16:9", "9:16", "3:2", "2:3"]
"""``text_to_image`` aspect ratios (docs: Flux 2 > Create Text-to-Image)."""

RemixAspectRatio = Literal["1:1", "4:3", "3:4", "16:9", "9:16", "3:2", "2:3", "auto"]
"""``remix_image`` aspect ratios: those of ``text_to_image`` and ``auto`` (docs: Flux 2 > Create Remix Image)."""

ASPECT_RATIOS: tuple[AspectRatio, ...] = get_args(AspectRatio)
REMIX_ASPECT_RATIOS: tuple[RemixAspectRatio, ...] = get_args(RemixAspectRatio)

OutputResolution = Literal["1k", "2k"]
"""Output image resolution, both endpoints."""

MAX_SOURCE_IMAGES = 8
"""Most ``source_image_urls`` of one remix (docs: "1-8 images")."""

_prompt = text(min_length=3, max_length=5_000)

TEXT_TO_IMAGE_RULES = by(
    "model",
    {
        "flux-2-pro-text-to-image": rules(),
        "flux-2-flex-text-to-image": rules(),
        "flux-2-max-text-to-image": rules(output_resolution=one_of("1k"), output_count=one_of(1)),
    },
)
"""What each ``text_to_image`` model accepts beyond :class:`TextToImageParams`' own checks: nothing
different for Pro and Flex (the docs give both one parameter table); Max (the platform contract):
``output_resolution`` ``1k`` and ``output_count`` ``1`` only."""

REMIX_IMAGE_RULES = by(
    "model",
    {
        "flux-2-pro-remix-image": rules(),
        "flux-2-flex-remix-image": rules(),
        "flux-2-max-remix-image": rules(
            aspect_ratio=one_of(*ASPECT_RATIOS),
            output_resolution=one_of("1k"),
            output_count=one_of(1),
            source_image_urls=text_list(min_items=1, max_items=1),
        ),
    },
)
"""What each ``remix_image`` model accepts beyond :class:`RemixImageParams`' own checks: nothing
different for Pro and Flex (the docs give both one parameter table); Max (the platform contract): no
``auto`` aspect ratio, ``output_resolution`` ``1k``, ``output_count`` ``1``, exactly one source image."""


# -- results ---------------------------------------------------------------------------------


Image = media.Image
"""One generated image: ``url``, its CDN URL."""


@attrs.frozen(kw_only=True)
class ImageTask(media.ImageTask):
    """A ``text_to_image`` or ``remix_image`` task (docs: Flux 2 > Get Remix Image Status, Response Fields).

    Attributes:
        images: the generated images, once completed.
    """


# -- params ----------------------------------------------------------------------------------


@params
class TextToImageParams:
    """Params of ``POST /api/v1/flux_2/text_to_image`` (docs: Flux 2 > Create Text-to-Image).

    Attributes:
        model: ``"flux-2-pro-text-to-image"``, ``"flux-2-flex-text-to-image"`` or
            ``"flux-2-max-text-to-image"``.
        prompt: what the image shows, 3-5,000 characters.
        aspect_ratio: one of :data:`ASPECT_RATIOS`.
        output_resolution: ``"1k"`` or ``"2k"`` (Max: ``"1k"`` only).
        output_count: how many images; Max: ``1`` only (the platform contract lists no value for
            Pro and Flex: sent as given).
        enable_safety_checker: turn the content safety check on or off.
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: a value outside the lists above, or a prompt outside 3-5,000 characters.
    """

    model: TextToImageModel | str
    prompt: str = field(_prompt)
    aspect_ratio: AspectRatio | None = None
    output_resolution: OutputResolution | None = None
    output_count: int | None = None
    enable_safety_checker: bool | None = None
    callback_url: CallbackUrl | None = None

    __rules__ = TEXT_TO_IMAGE_RULES


@params
class RemixImageParams:
    """Params of ``POST /api/v1/flux_2/remix_image`` (docs: Flux 2 > Create Remix Image).

    Attributes:
        model: ``"flux-2-pro-remix-image"``, ``"flux-2-flex-remix-image"`` or ``"flux-2-max-remix-image"``.
        prompt: how to remix the source images, 3-5,000 characters.
        source_image_urls: the images that guide the result, 1-8 URLs (Max: exactly 1).
        aspect_ratio: one of :data:`REMIX_ASPECT_RATIOS` (``"auto"`` included; not for Max).
        output_resolution: ``"1k"`` or ``"2k"`` (Max: ``"1k"`` only).
        output_count: how many images; Max: ``1`` only (see ``TextToImageParams``).
        enable_safety_checker: turn the content safety check on or off.
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: a value outside the lists above, a prompt outside 3-5,000 characters, or
            no source image or more than 8.
    """

    model: RemixImageModel | str
    prompt: str = field(_prompt)
    source_image_urls: Sequence[HttpUrl] = field(text_list(min_items=1, max_items=MAX_SOURCE_IMAGES))
    aspect_ratio: RemixAspectRatio | None = None
    output_resolution: OutputResolution | None = None
    output_count: int | None = None
    enable_safety_checker: bool | None = None
    callback_url: CallbackUrl | None = None

    __rules__ = REMIX_IMAGE_RULES


# -- operations ------------------------------------------------------------------------------


class Flux2(Family[ClientT]):
    """``client.flux_2``: Flux 2's image endpoints (docs: Flux 2).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` polls ``GET <path>/{id}``.
    """

    text_to_image = TaskOperation(
        "/api/v1/flux_2/text_to_image", TextToImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Generate an image from a prompt (docs: Flux 2 > Create Text-to-Image, Get Text-to-Image Status)."""

    remix_image = TaskOperation("/api/v1/flux_2/remix_image", RemixImageParams, ImageTask, duration=DURATIONS["image"])
    """Make an image guided by 1-8 source images (docs: Flux 2 > Create Remix Image, Get Remix Image Status)."""
