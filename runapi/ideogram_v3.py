"""Ideogram V3: text-to-image, inpainting edits, remixes and reframing, plain or character-guided (docs: Ideogram V3).

Reached as ``client.ideogram_v3``::

    task = client.ideogram_v3.text_to_image.run(model="ideogram-v3-text-to-image", prompt="A neon lakeside")
    wide = client.ideogram_v3.reframe_image.run(
        model="ideogram-v3-reframe", source_image_url=task.output_urls[0], aspect_ratio="16:9"
    )
    print(wide.output_urls)

Four endpoints, each a task (the create answers 202 ``{id, status}``, ``GET <path>/{id}`` reports
it): ``text_to_image``, ``edit_image`` (inpaint the area of ``mask_url``), ``remix_image`` and
``reframe_image`` (a new aspect ratio). The first three each serve a plain model and a
character-guided one (:data:`CHARACTER_MODELS`), which needs ``reference_image_urls``. What each
model accepts is data, one ``by("model", ...)`` table per endpoint (:data:`TEXT_TO_IMAGE_RULES`,
:data:`EDIT_IMAGE_RULES`, :data:`REMIX_IMAGE_RULES`, :data:`REFRAME_IMAGE_RULES`), checked before the
request:

- character models require ``reference_image_urls``; the plain models refuse it;
- ``style``: ``auto``, ``general``, ``realistic`` or ``design`` for the plain models (and reframe);
  ``auto``, ``realistic`` or ``fiction`` for the character models; ``edit_image`` takes ``style``
  with ``ideogram-v3-character-edit`` only;
- ``remix_image``: ``strength`` 0.01-1 and ``negative_prompt`` up to 5,000 characters for
  ``ideogram-v3-remix``; 0.1-1 and up to 500 for ``ideogram-v3-character-remix``, which alone takes
  ``style_reference_image_urls`` and ``reference_mask_urls``.

Readings of the docs:

- Each parameter table says ``model`` "Must be" the plain model (``ideogram-v3-text-to-image``,
  ``ideogram-v3-edit``, ``ideogram-v3-remix``), while the note under it and the Models table put the
  character model on the same endpoint. Both are accepted; the character model's rules are the
  ones the table and its note describe.
- ``reference_image_urls`` is "Yes for" the character model only, and is a character reference: a
  plain model would ignore it, so it is refused there (with a message naming the model that takes
  it), as are ``style_reference_image_urls`` and ``reference_mask_urls`` with ``ideogram-v3-remix``
  ("ideogram-v3-character-remix only") and ``style`` with ``ideogram-v3-edit``.
- "Only the first image is used" (``reference_image_urls``): at least one URL is required; more are
  accepted and sent (the field is an array), and RunAPI uses the first. "Max 10 MB total"
  (``reference_image_urls``) and "max 10 MB" (``source_image_url``) are checked on local files
  (``pathlib.Path``); a URL's size, the file formats and "must match source dimensions"
  (``mask_url``) are properties of the files, which only the server can check.
- ``reference_mask_urls`` is "ignored without reference_image_urls"; the one model that takes it
  requires ``reference_image_urls``, so the rule always holds. How many masks go with how many
  references is not documented: not checked. The URL lists hold at least one URL each.
- ``output_count`` is typed "number" but lists 1, 2, 3, 4: it takes exactly those integers (``2.0``
  is refused with the list of values). ``aspect_ratio``, ``enable_prompt_expansion``,
  ``output_count`` and ``negative_prompt`` on ``text_to_image`` are documented without a model, so
  both of its models take them (``negative_prompt`` up to 5,000 characters for both).
- ``edit_image`` has no ``aspect_ratio`` or ``negative_prompt`` (its table lists neither);
  ``reframe_image`` has no ``prompt``, and requires ``aspect_ratio``.
- Ranges ("0.01-1", "up to 5000 characters") are inclusive. Defaults the docs state
  (``rendering_speed`` ``balanced``) are the server's: nothing is sent unless given. ``seed`` is any
  integer (no range printed).
- Completed and failed answers are printed for ``text_to_image``; the other status endpoints'
  "Response shape matches the text-to-image status endpoint", so one :class:`ImageTask` types all
  four. No callback example is printed: a callback body is the status answer (docs: Callbacks).
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
    number,
    one_of,
    params,
    rules,
    text,
    url_list,
)

__all__ = [
    "ASPECT_RATIOS",
    "CHARACTER_MODELS",
    "CHARACTER_STYLES",
    "EDIT_IMAGE_MODELS",
    "EDIT_IMAGE_RULES",
    "GENERAL_STYLES",
    "MODELS",
    "REFRAME_IMAGE_MODELS",
    "REFRAME_IMAGE_RULES",
    "REMIX_IMAGE_MODELS",
    "REMIX_IMAGE_RULES",
    "STYLES",
    "TEXT_TO_IMAGE_MODELS",
    "TEXT_TO_IMAGE_RULES",
    "AspectRatio",
    "CharacterStyle",
    "EditImageModel",
    "EditImageParams",
    "GeneralStyle",
    "IdeogramV3",
    "Image",
    "ImageTask",
    "Model",
    "OutputCount",
    "ReframeImageModel",
    "ReframeImageParams",
    "RemixImageModel",
    "RemixImageParams",
    "RenderingSpeed",
    "Style",
    "TextToImageModel",
    "TextToImageParams",
]

TextToImageModel = Literal["ideogram-v3-text-to-image", "ideogram-v3-character"]
"""``text_to_image`` models: plain, and character-guided (docs: Ideogram V3 > Models)."""

EditImageModel = Literal["ideogram-v3-edit", "ideogram-v3-character-edit"]
"""``edit_image`` models: inpainting, and character-guided inpainting."""

RemixImageModel = Literal["ideogram-v3-remix", "ideogram-v3-character-remix"]
"""``remix_image`` models: remix, and character-guided remix."""

ReframeImageModel = Literal["ideogram-v3-reframe"]
"""The one ``reframe_image`` model."""

Model = Literal[TextToImageModel, EditImageModel, RemixImageModel, ReframeImageModel]
"""Every Ideogram V3 model id (the docs' Models table lists seven)."""

TEXT_TO_IMAGE_MODELS: tuple[TextToImageModel, ...] = get_args(TextToImageModel)
EDIT_IMAGE_MODELS: tuple[EditImageModel, ...] = get_args(EditImageModel)
REMIX_IMAGE_MODELS: tuple[RemixImageModel, ...] = get_args(RemixImageModel)
REFRAME_IMAGE_MODELS: tuple[ReframeImageModel, ...] = get_args(ReframeImageModel)
MODELS: tuple[Model, ...] = get_args(Model)

CHARACTER_MODELS: tuple[Model, ...] = (
    "ideogram-v3-character",
    "ideogram-v3-character-edit",
    "ideogram-v3-character-remix",
)
"""The character-guided models: each requires ``reference_image_urls``."""

RenderingSpeed = Literal["turbo", "balanced", "quality"]
"""Speed against quality, every endpoint (server default ``balanced``)."""

GeneralStyle = Literal["auto", "general", "realistic", "design"]
"""Styles of the plain models and of ``ideogram-v3-reframe``."""

CharacterStyle = Literal["auto", "realistic", "fiction"]
"""Styles of the character models."""

Style = Literal[GeneralStyle, CharacterStyle]
"""Every style; which ones a model takes is in its endpoint's rules table."""

GENERAL_STYLES: tuple[GeneralStyle, ...] = get_args(GeneralStyle)
CHARACTER_STYLES: tuple[CharacterStyle, ...] = get_args(CharacterStyle)
STYLES: tuple[Style, ...] = get_args(Style)

AspectRatio = Literal["1:1", "3:4", "9:16", "4:3", "16:9"]
"""Aspect ratios of ``text_to_image``, ``remix_image`` and ``reframe_image``."""

ASPECT_RATIOS: tuple[AspectRatio, ...] = get_args(AspectRatio)

OutputCount = Literal[1, 2, 3, 4]
"""How many images one request makes."""

_prompt = text(max_length=5_000)
_references = url_list(min_items=1)  # "only the first image is used": one is enough, more are sent as given
_source_size = max_bytes(10 * MB)  # source_image_url: "JPEG/PNG/WEBP, max 10 MB"
_references_size = max_bytes(10 * MB, total=True)  # reference_image_urls: "max 10 MB total"

# -- what each model accepts (docs: Ideogram V3 > Create Text-to-Image / Edit / Remix / Reframe) -

TEXT_TO_IMAGE_RULES = by(
    "model",
    {
        "ideogram-v3-text-to-image": rules(style=one_of(*GENERAL_STYLES), refused=["reference_image_urls"]),
        "ideogram-v3-character": rules(style=one_of(*CHARACTER_STYLES), required=["reference_image_urls"]),
    },
)
"""Per ``text_to_image`` model: the styles it takes, and whether ``reference_image_urls`` is required or refused."""

EDIT_IMAGE_RULES = by(
    "model",
    {
        "ideogram-v3-edit": rules(refused=["reference_image_urls", "style"]),
        "ideogram-v3-character-edit": rules(required=["reference_image_urls"]),
    },
)
"""Per ``edit_image`` model: ``reference_image_urls`` (required or refused) and ``style`` (character edit only)."""

REMIX_IMAGE_RULES = by(
    "model",
    {
        "ideogram-v3-remix": rules(
            style=one_of(*GENERAL_STYLES),
            refused=["reference_image_urls", "style_reference_image_urls", "reference_mask_urls"],
        ),
        "ideogram-v3-character-remix": rules(
            style=one_of(*CHARACTER_STYLES),
            strength=number(0.1, 1),
            negative_prompt=text(max_length=500),
            required=["reference_image_urls"],
        ),
    },
)
"""Per ``remix_image`` model: styles, ``strength`` (0.01-1, character 0.1-1), ``negative_prompt``
length (5,000, character 500), and the character-only reference fields."""

REFRAME_IMAGE_RULES = by("model", {"ideogram-v3-reframe": rules()})
"""``reframe_image`` has one model, with no rules beyond :class:`ReframeImageParams`' own checks."""


# -- results ---------------------------------------------------------------------------------


Image = media.Image
"""One generated image: ``url`` to download it (a PNG in the docs' example)."""


@attrs.frozen(kw_only=True)
class ImageTask(media.ImageTask):
    """A task of any Ideogram V3 endpoint (docs: Ideogram V3 > Get Ideogram V3 Text-to-Image Status).

    Attributes:
        images: the generated images, once completed (``output_count`` of them).
    """


# -- params ----------------------------------------------------------------------------------


@params
class TextToImageParams:
    """Params of ``POST /api/v1/ideogram_v3/text_to_image`` (docs: Ideogram V3 > Create Ideogram V3 Text-to-Image).

    Per-model rules: :data:`TEXT_TO_IMAGE_RULES`.

    Attributes:
        model: ``"ideogram-v3-text-to-image"`` or ``"ideogram-v3-character"`` (character-guided).
        prompt: what the image shows, at most 5,000 characters.
        reference_image_urls: character reference images (JPEG/PNG/WEBP, 10 MB in all); required
            for ``ideogram-v3-character``, refused for the plain model. Only the first is used.
        callback_url: where RunAPI POSTs the result.
        rendering_speed: ``"turbo"``, ``"balanced"`` (server default) or ``"quality"``.
        style: ``"auto"``, ``"general"``, ``"realistic"`` or ``"design"``; for
            ``ideogram-v3-character`` ``"auto"``, ``"realistic"`` or ``"fiction"``.
        enable_prompt_expansion: expand the prompt with MagicPrompt.
        aspect_ratio: one of :data:`ASPECT_RATIOS`.
        output_count: how many images, 1-4.
        seed: random seed (an integer).
        negative_prompt: what to keep out of the image, at most 5,000 characters.
    """

    model: TextToImageModel | str
    prompt: str = field(_prompt)
    reference_image_urls: Sequence[HttpUrl] | None = field(_references, _references_size, default=None)
    callback_url: CallbackUrl | None = None
    rendering_speed: RenderingSpeed | None = None
    style: Style | None = None
    enable_prompt_expansion: bool | None = None
    aspect_ratio: AspectRatio | None = None
    output_count: OutputCount | None = None
    seed: int | None = None
    negative_prompt: str | None = field(_prompt, default=None)

    __rules__ = TEXT_TO_IMAGE_RULES


@params
class EditImageParams:
    """Params of ``POST /api/v1/ideogram_v3/edit_image`` (docs: Ideogram V3 > Create Ideogram V3 Edit).

    Per-model rules: :data:`EDIT_IMAGE_RULES`.

    Attributes:
        model: ``"ideogram-v3-edit"`` or ``"ideogram-v3-character-edit"`` (character-guided inpainting).
        prompt: what to fill the masked area with, at most 5,000 characters.
        source_image_url: the image to edit (JPEG/PNG/WEBP, at most 10 MB).
        mask_url: the inpaint mask, of the source image's dimensions.
        reference_image_urls: character reference images (JPEG/PNG/WEBP, 10 MB in all); required
            for ``ideogram-v3-character-edit``, refused for ``ideogram-v3-edit``. Only the first is used.
        callback_url: where RunAPI POSTs the result.
        rendering_speed: ``"turbo"``, ``"balanced"`` (server default) or ``"quality"``.
        style: ``"auto"``, ``"realistic"`` or ``"fiction"``; ``ideogram-v3-character-edit`` only.
        enable_prompt_expansion: expand the prompt with MagicPrompt.
        output_count: how many images, 1-4.
        seed: random seed (an integer).
    """

    model: EditImageModel | str
    prompt: str = field(_prompt)
    source_image_url: HttpUrl = field(_source_size)
    mask_url: HttpUrl
    reference_image_urls: Sequence[HttpUrl] | None = field(_references, _references_size, default=None)
    callback_url: CallbackUrl | None = None
    rendering_speed: RenderingSpeed | None = None
    style: CharacterStyle | None = None
    enable_prompt_expansion: bool | None = None
    output_count: OutputCount | None = None
    seed: int | None = None

    __rules__ = EDIT_IMAGE_RULES


@params
class RemixImageParams:
    """Params of ``POST /api/v1/ideogram_v3/remix_image`` (docs: Ideogram V3 > Create Ideogram V3 Remix).

    Per-model rules: :data:`REMIX_IMAGE_RULES`.

    Attributes:
        model: ``"ideogram-v3-remix"`` or ``"ideogram-v3-character-remix"`` (character-guided).
        prompt: how to remix the source image, at most 5,000 characters.
        source_image_url: the image to remix (JPEG/PNG/WEBP, at most 10 MB).
        reference_image_urls: character reference images (JPEG/PNG/WEBP, 10 MB in all); required
            for ``ideogram-v3-character-remix``, refused for ``ideogram-v3-remix``. Only the first is used.
        callback_url: where RunAPI POSTs the result.
        rendering_speed: ``"turbo"``, ``"balanced"`` (server default) or ``"quality"``.
        style: ``"auto"``, ``"general"``, ``"realistic"`` or ``"design"``; for
            ``ideogram-v3-character-remix`` ``"auto"``, ``"realistic"`` or ``"fiction"``.
        enable_prompt_expansion: expand the prompt with MagicPrompt.
        aspect_ratio: one of :data:`ASPECT_RATIOS`.
        output_count: how many images, 1-4.
        seed: random seed (an integer).
        strength: how far to move from the source image: 0.01-1 (``ideogram-v3-remix``), 0.1-1
            (``ideogram-v3-character-remix``).
        negative_prompt: what to keep out of the image: at most 5,000 characters
            (``ideogram-v3-remix``), 500 (``ideogram-v3-character-remix``).
        style_reference_image_urls: style reference images; ``ideogram-v3-character-remix`` only.
        reference_mask_urls: masks for the character references; ``ideogram-v3-character-remix`` only.
    """

    model: RemixImageModel | str
    prompt: str = field(_prompt)
    source_image_url: HttpUrl = field(_source_size)
    reference_image_urls: Sequence[HttpUrl] | None = field(_references, _references_size, default=None)
    callback_url: CallbackUrl | None = None
    rendering_speed: RenderingSpeed | None = None
    style: Style | None = None
    enable_prompt_expansion: bool | None = None
    aspect_ratio: AspectRatio | None = None
    output_count: OutputCount | None = None
    seed: int | None = None
    strength: float | None = field(number(0.01, 1), default=None)
    negative_prompt: str | None = field(_prompt, default=None)
    style_reference_image_urls: Sequence[HttpUrl] | None = field(_references, default=None)
    reference_mask_urls: Sequence[HttpUrl] | None = field(_references, default=None)

    __rules__ = REMIX_IMAGE_RULES


@params
class ReframeImageParams:
    """Params of ``POST /api/v1/ideogram_v3/reframe_image`` (docs: Ideogram V3 > Create Ideogram V3 Reframe).

    Attributes:
        model: ``"ideogram-v3-reframe"``.
        source_image_url: the image to reframe (JPEG/PNG/WEBP, at most 10 MB).
        aspect_ratio: the new aspect ratio, one of :data:`ASPECT_RATIOS`.
        callback_url: where RunAPI POSTs the result.
        rendering_speed: ``"turbo"``, ``"balanced"`` (server default) or ``"quality"``.
        style: ``"auto"``, ``"general"``, ``"realistic"`` or ``"design"``.
        output_count: how many images, 1-4.
        seed: random seed (an integer).
    """

    model: ReframeImageModel | str
    source_image_url: HttpUrl = field(_source_size)
    aspect_ratio: AspectRatio
    callback_url: CallbackUrl | None = None
    rendering_speed: RenderingSpeed | None = None
    style: GeneralStyle | None = None
    output_count: OutputCount | None = None
    seed: int | None = None

    __rules__ = REFRAME_IMAGE_RULES


# -- operations ------------------------------------------------------------------------------


class IdeogramV3(Family[ClientT]):
    """``client.ideogram_v3``: Ideogram V3's image endpoints (docs: Ideogram V3).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` reads ``GET <path>/{id}``.
    """

    text_to_image = TaskOperation(
        "/api/v1/ideogram_v3/text_to_image", TextToImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Generate images from a prompt, optionally guided by a character reference (docs: Ideogram V3 >
    Create Ideogram V3 Text-to-Image; Get Ideogram V3 Text-to-Image Status)."""

    edit_image = TaskOperation(
        "/api/v1/ideogram_v3/edit_image", EditImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Inpaint the masked area of an image (docs: Ideogram V3 > Create Ideogram V3 Edit; Get Ideogram
    V3 Edit Status)."""

    remix_image = TaskOperation(
        "/api/v1/ideogram_v3/remix_image", RemixImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Remix an image by a prompt (docs: Ideogram V3 > Create Ideogram V3 Remix; Get Ideogram V3 Remix
    Status)."""

    reframe_image = TaskOperation(
        "/api/v1/ideogram_v3/reframe_image", ReframeImageParams, ImageTask, duration=DURATIONS["image"]
    )
    """Extend an image to a new aspect ratio (docs: Ideogram V3 > Create Ideogram V3 Reframe; Get
    Ideogram V3 Reframe Status)."""
