"""Flux Kontext: Black Forest Labs image generation and editing on one endpoint (docs: Flux Kontext).

Reached as ``client.flux_kontext``::

    task = client.flux_kontext.text_to_image.run(model="flux-kontext-pro", prompt="A neon city", aspect_ratio="16:9")
    edit = client.flux_kontext.text_to_image.run(
        model="flux-kontext-max", prompt="Make it night", source_image_url=task.images[0].url
    )
    print(edit.output_urls)

``text_to_image`` works in two modes (:data:`MODES`), chosen by ``source_image_url``: without it the
model generates from the prompt (``"generation"``); with it the model edits that image
(``"editing"``). What differs between the modes is data, :data:`MODE_RULES`, checked before the
request: ``safety_tolerance`` is 0-6 for generation and 0-2 for editing (lower is stricter).

Readings of the docs:

- The mode is the presence of ``source_image_url``, not a parameter: the docs' "When
  source_image_url is provided, the model edits that source image; otherwise it generates from
  text". No ``mode`` field is sent.
- Only ``safety_tolerance`` is documented as differing between the modes. ``aspect_ratio``,
  ``output_format``, ``enable_translation`` and ``enable_prompt_expansion`` are documented without
  a mode, so they are accepted in both (the editing example simply does not send them).
- Server defaults (``aspect_ratio`` 1:1, ``output_format`` jpeg) are not sent: a parameter left
  out is off the wire, and the server applies its own default.
- ``prompt`` has no documented length limit: any non-blank text. ``watermark`` is a free string
  ("Watermark identifier").
- The section's "Status Values" heading lists nothing; the statuses are the ones of the Response
  Fields table (processing, completed, failed). The callback examples are the status answers, so
  one task class types both.
- ``images[].origin_url`` is the original high-resolution file, valid for 10 minutes;
  :attr:`ImageTask.output_urls` (what ``client.download_outputs`` saves) lists the CDN ``url``
  instead, which does not expire that soon.
"""

from __future__ import annotations

from typing import Literal, get_args

import attrs

from ._core import media
from ._core.models import Task
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, by_presence, field, integer, params, rules

__all__ = [
    "ASPECT_RATIOS",
    "MODELS",
    "MODES",
    "MODE_RULES",
    "AspectRatio",
    "FluxKontext",
    "Image",
    "ImageTask",
    "Mode",
    "Model",
    "TextToImageParams",
    "mode_of",
]

Model = Literal["flux-kontext-pro", "flux-kontext-max"]
"""``flux-kontext-pro`` (standard quality) and ``flux-kontext-max`` (enhanced quality) (docs: Flux Kontext > Models)."""

MODELS: tuple[Model, ...] = get_args(Model)

AspectRatio = Literal["21:9", "16:9", "4:3", "1:1", "3:4", "9:16"]
"""Output aspect ratios (docs: Flux Kontext > Create Text-to-Image); the server default is ``1:1``."""

ASPECT_RATIOS: tuple[AspectRatio, ...] = get_args(AspectRatio)

Mode = Literal["generation", "editing"]
"""``"generation"`` (prompt only) or ``"editing"`` (``source_image_url`` given): see :func:`mode_of`."""

MODES: tuple[Mode, ...] = get_args(Mode)

MODE_RULES = by_presence(
    "source_image_url",
    absent=rules(safety_tolerance=integer(0, 6)),  # generation
    given=rules(safety_tolerance=integer(0, 2)),  # editing
)
"""What each mode accepts, keyed on whether ``source_image_url`` is given (docs: Flux Kontext >
Request Parameters, ``safety_tolerance``: "0-6 for generation, 0-2 for editing (lower is
stricter)"). Every other parameter is the same in both modes."""


def mode_of(source_image_url: object | None) -> Mode:
    """The mode a request runs in: ``"editing"`` when a ``source_image_url`` is given, else ``"generation"``."""
    return "generation" if source_image_url is None else "editing"


# -- results ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Image(media.Image):
    """One generated (or edited) image: the shared :class:`runapi._core.media.Image` plus ``origin_url``.

    Attributes:
        url: CDN URL of the image.
        origin_url: the original high-resolution file; valid for 10 minutes only.
    """

    origin_url: str | None = None


@attrs.frozen(kw_only=True)
class ImageTask(Task):
    """A ``text_to_image`` task, as the status endpoint answers it and as callbacks deliver it.

    Attributes:
        images: the images, once completed (docs: Flux Kontext > Get Text-to-Image Status).
    """

    images: list[Image] = attrs.Factory(list)

    @property
    def output_urls(self) -> list[str]:
        """Each image's CDN ``url`` that is set, in order (what ``client.download_outputs`` saves).

        ``origin_url`` (valid 10 minutes) is left out: read it from :attr:`images` right away.
        """
        return [image.url for image in self.images if image.url]


# -- params ----------------------------------------------------------------------------------


@params
class TextToImageParams:
    """Params of ``POST /api/v1/flux_kontext/text_to_image`` (docs: Flux Kontext > Create Text-to-Image).

    Attributes:
        model: ``"flux-kontext-pro"`` or ``"flux-kontext-max"``.
        prompt: what the image shows, or (with ``source_image_url``) the edit to make.
        aspect_ratio: one of :data:`ASPECT_RATIOS` (server default ``1:1``).
        output_format: ``"jpeg"`` (server default) or ``"png"``.
        source_image_url: the image to edit (an http(s) URL RunAPI can fetch); giving it selects
            editing mode.
        enable_translation: translate a non-English prompt automatically.
        enable_prompt_expansion: expand the prompt with more detail.
        safety_tolerance: content safety level, lower is stricter: 0-6 in generation mode, 0-2 in
            editing mode (:data:`MODE_RULES`).
        callback_url: where RunAPI POSTs the result.
        watermark: watermark identifier for the generated image.

    Raises:
        ValidationError: a value outside the lists above, or a ``safety_tolerance`` outside its
            mode's range.
    """

    model: Model | str
    prompt: str
    aspect_ratio: AspectRatio | None = None
    output_format: Literal["jpeg", "png"] | None = None
    source_image_url: HttpUrl | None = None
    enable_translation: bool | None = None
    enable_prompt_expansion: bool | None = None
    safety_tolerance: int | None = field(integer(0, 6), default=None)
    callback_url: CallbackUrl | None = None
    watermark: str | None = None

    @property
    def mode(self) -> Mode:
        """``"editing"`` with a ``source_image_url``, else ``"generation"``."""
        return mode_of(self.source_image_url)

    __rules__ = MODE_RULES


# -- operations ------------------------------------------------------------------------------


class FluxKontext(Family[ClientT]):
    """``client.flux_kontext``: Flux Kontext's image endpoint (docs: Flux Kontext).

    ``text_to_image`` has ``create``, ``get``, ``wait`` and ``run``; ``get`` polls
    ``GET /api/v1/flux_kontext/text_to_image/{id}``.
    """

    text_to_image = TaskOperation(
        "/api/v1/flux_kontext/text_to_image", TextToImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Generate an image from a prompt, or edit ``source_image_url`` (docs: Flux Kontext > Create Text-to-Image)."""
