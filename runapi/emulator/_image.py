"""Emulated endpoints of the image families: their rows (:data:`ENDPOINTS`) and result builders.

Seedream, Imagen 4, Flux Kontext, Flux 2, Qwen 2, Recraft, Z-Image, Ideogram V3, GPT Image,
GPT Image 2 and GPT-4o Image, as RunAPI's docs describe them, and Qwen 2.1, Qwen 3, Qwen Image, Flux
and GPT Image 2.5, which the docs do not cover, as the platform contract and the official packages
do (Nano Banana's rows are in :mod:`._catalog`). Gathered into the catalogue by :mod:`._catalog`; each row is an
:class:`._endpoint.Endpoint`. The tables here are written from the docs, independently of the
SDK's family modules, so that the emulator checks the SDK.

Conventions of these rows (as in :mod:`._video`):

- every endpoint is a task: ``POST <path>`` creates it, ``GET <path>/{id}`` reads it. The docs
  print no status endpoint for Imagen 4 ``remix_image``; it is read like every other family's;
- ``required`` lists the docs' "Yes" fields in the docs' order, and their "Conditional" /
  "Yes for <model>" fields with the condition the docs state;
- ``choices`` are the documented enumerations of a field; where they differ per model (Ideogram
  styles) or per another field (GPT Image 2 resolutions), ``allowed`` narrows them for those bodies
  (:func:`._endpoint.allow`). Ranges (``1-6 images``, ``0-6``, ``0 to 1``), lengths, maximum counts
  and fields documented as "<model> only" are not checked, as elsewhere in the emulator;
- a completed task answers ``images: [{"url"}]`` (Flux Kontext adds ``origin_url``); the URLs end
  in the requested ``output_format`` (``png``, ``jpg``, ``jpeg``) and serve a file of that format,
  PNG when none is asked for. ``output_count`` images are answered where the docs document a count
  for the model;
- failure texts are the docs' failed examples; a family whose docs print none fails with the
  platform's most common wording, ``Generation failed`` (marked ``general wording`` below);
- costs are the emulator's own choice (the docs give prices on pricing pages only): plausible
  cents, a little more for premium models than for post-processing.
"""

from __future__ import annotations

from typing import Any

from . import _payloads as p
from ._endpoint import Condition, Endpoint, Requirement, allow, among, any_of, equals, error, given, need, not_

__all__ = ["ENDPOINTS", "flux_kontext_images", "images"]

GENERAL_FAILURE = "Generation failed"
"""The platform's most common failure text, used where a family's docs print no failed example
(Imagen 4, Flux 2, Qwen 2, Recraft, Z-Image, GPT Image 2, GPT-4o Image)."""

SEEDREAM = "/api/v1/seedream"
IMAGEN_4 = "/api/v1/imagen_4"
FLUX_KONTEXT = "/api/v1/flux_kontext"
FLUX_2 = "/api/v1/flux_2"
QWEN_2 = "/api/v1/qwen_2"
RECRAFT = "/api/v1/recraft"
Z_IMAGE = "/api/v1/z_image"
IDEOGRAM_V3 = "/api/v1/ideogram_v3"
GPT_IMAGE = "/api/v1/gpt_image"
GPT_IMAGE_2 = "/api/v1/gpt_image_2"
GPT_4O_IMAGE = "/api/v1/gpt_4o_image"
QWEN_2_1 = "/api/v1/qwen_2_1"
QWEN_3 = "/api/v1/qwen_3"
QWEN_IMAGE = "/api/v1/qwen_image"
FLUX = "/api/v1/flux"
GPT_IMAGE_2_5 = "/api/v1/gpt_image_2_5"

# --- Seedream (docs: Seedream > Models, Create Seedream Text-to-Image, Create Seedream Edit Image) ----
SEEDREAM_V4_TEXT = "seedream-v4-text-to-image"
SEEDREAM_V4_EDIT = "seedream-v4-edit"
SEEDREAM_NEW_TEXT = ("seedream-4.5-text-to-image", "seedream-5-lite-text-to-image")  # "4.5 and 5-Lite text models"
SEEDREAM_NEW_EDIT = ("seedream-4.5-edit", "seedream-5-lite-edit")
# Newer source: the platform contract and the official runapi-seedream package (0.5.0): 5 Pro on both endpoints
# (aspect_ratio and output_quality required, as for 4.5 and 5-Lite), output_format png/jpeg for 5-Lite and 5 Pro
# (refused for 4.5 and v4), and decompose_layers with its one model.
SEEDREAM_PRO_TEXT = "seedream-5-pro-text-to-image"
SEEDREAM_PRO_EDIT = "seedream-5-pro-edit"
SEEDREAM_NO_FORMAT = ("seedream-4.5-text-to-image", "seedream-4.5-edit", SEEDREAM_V4_TEXT, SEEDREAM_V4_EDIT)
SEEDREAM_LAYERS_MODELS = ("seedream-5-pro-layer-decomposition",)
SEEDREAM_RATIOS = ("1:1", "4:3", "3:4", "16:9", "9:16", "2:3", "3:2", "21:9")
SEEDREAM_KNOBS: dict[str, tuple[Any, ...]] = {
    "aspect_ratio": SEEDREAM_RATIOS,
    "output_quality": ("basic", "high"),
    "output_resolution": ("1k", "2k", "4k"),
    "output_format": ("png", "jpeg"),
}
SEEDREAM_FAILURE = "Prompt rejected"  # docs: Seedream > Failed response

# --- Imagen 4 -----------------------------------------------------------------------------------
IMAGEN_FAST = "imagen-4-fast"
IMAGEN_TEXT_MODELS = ("imagen-4", IMAGEN_FAST, "imagen-4-ultra")
IMAGEN_RATIOS = ("1:1", "16:9", "9:16", "3:4", "4:3")
IMAGEN_REMIX_RATIOS = ("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9", "auto")

# --- Flux Kontext, Flux 2 -------------------------------------------------------------------------
FLUX_KONTEXT_MODELS = ("flux-kontext-pro", "flux-kontext-max")
FLUX_KONTEXT_RATIOS = ("21:9", "16:9", "4:3", "1:1", "3:4", "9:16")
FLUX_KONTEXT_FAILURE = "Generation failed due to content policy violation"  # docs: Flux Kontext > Failed
FLUX_2_RATIOS = ("1:1", "4:3", "3:4", "16:9", "9:16", "3:2", "2:3")
# Newer source, the platform contract: a Max model on each Flux 2 endpoint, 1k and one image only (and no "auto"
# aspect ratio on remix); output_count is listed for Max only, so it is not checked for Pro and Flex.
FLUX_2_MAX_TEXT = "flux-2-max-text-to-image"
FLUX_2_MAX_REMIX = "flux-2-max-remix-image"


def _flux_2_max(model: str) -> tuple[Any, ...]:
    """The Max model's narrower lists (the platform contract)."""
    return (allow("output_resolution", "1k", when=("model", model)), allow("output_count", 1, when=("model", model)))


# --- Qwen 2 ---------------------------------------------------------------------------------------
QWEN_FORMATS = ("png", "jpeg")

# --- Ideogram V3 (docs: Ideogram V3 > Models; each endpoint takes its model and its character model) -
IDEOGRAM_RATIOS = ("1:1", "3:4", "9:16", "4:3", "16:9")
IDEOGRAM_SPEEDS = ("turbo", "balanced", "quality")
IDEOGRAM_STYLES = ("auto", "general", "realistic", "design")
IDEOGRAM_CHARACTER_STYLES = ("auto", "realistic", "fiction")
IDEOGRAM_COUNTS = (1, 2, 3, 4)
IDEOGRAM_FAILURE = "Prompt rejected"  # docs: Ideogram V3 > Failed response ("Response shape matches" for the rest)

# --- GPT Image, GPT Image 2, GPT-4o Image -----------------------------------------------------------
GPT_IMAGE_KNOBS: dict[str, tuple[Any, ...]] = {
    "model": ("gpt-image-1.5",),
    "aspect_ratio": ("1:1", "2:3", "3:2"),
    "quality": ("medium", "high"),
}
GPT_IMAGE_2_KNOBS: dict[str, tuple[Any, ...]] = {
    "model": ("gpt-image-2",),
    # the docs' six and, newer, the platform contract's ten more (gpt-image-2/text-to-image, edit-image)
    "aspect_ratio": (
        *("auto", "1:1", "9:16", "16:9", "4:3", "3:4"),
        *("3:2", "2:3", "5:4", "4:5", "2:1", "1:2", "3:1", "1:3", "21:9", "9:21"),
    ),
    "output_resolution": ("1k", "2k", "4k"),
}
# "A 1:1 image cannot be 4k; auto/unset only supports 1k"
GPT_IMAGE_2_RESOLUTIONS = (
    allow("output_resolution", "1k", "2k", when=("aspect_ratio", "1:1")),
    allow("output_resolution", "1k", when=any_of(equals("aspect_ratio", "auto"), not_(given("aspect_ratio")))),
)

# --- Qwen 2.1, Qwen 3, Qwen Image, Flux, GPT Image 2.5 (no docs section: the platform contract and the
# official packages; no failed example anywhere: general wording). Qwen 2.1's aspect ratios are not
# published, so they are not checked. ---------------------------------------------------------------
QWEN_3_KNOBS: dict[str, tuple[Any, ...]] = {
    "aspect_ratio": ("1:1", "3:2", "2:3", "4:3", "3:4", "16:9", "9:16", "21:9"),
    "output_format": QWEN_FORMATS,
    "output_resolution": ("1k", "2k"),
}
QWEN_IMAGE_RATIOS = ("1:1", "3:4", "9:16", "4:3", "16:9")
FLUX_KNOBS: dict[str, tuple[Any, ...]] = {"aspect_ratio": FLUX_2_RATIOS, "output_count": (1,)}
GPT_IMAGE_2_5_KNOBS: dict[str, tuple[Any, ...]] = {
    "model": ("gpt-image-2.5-flare", "gpt-image-2.5-sunburst"),
    "aspect_ratio": (
        "auto",
        "1:1",
        "3:2",
        "2:3",
        "4:3",
        "3:4",
        "5:4",
        "4:5",
        "16:9",
        "9:16",
        "2:1",
        "1:2",
        "3:1",
        "1:3",
        "21:9",
        "9:21",
    ),
    "output_resolution": ("1k", "2k", "4k"),
}


# --- result builders -------------------------------------------------------------------------------


def _count(job: p.Job, most: int, counted: Condition | None) -> int:
    """``output_count`` when the model has a documented count and it is 1 to ``most``; else 1."""
    count = job.params.get("output_count")
    if most == 1 or (counted is not None and not counted(job.params)):
        return 1
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= most:
        return 1
    return count


def images(*, most: int = 1, counted: Condition | None = None) -> p.ResultBuilder:
    """Image tasks: ``images: [{"url"}]`` (docs: e.g. Seedream > Completed response), one image per
    ``output_count`` (up to ``most``, for the bodies where ``counted`` holds, if given), in the
    requested ``output_format``."""

    def build(job: p.Job) -> dict[str, Any]:
        count = _count(job, most, counted)
        return {"images": [{"url": job.file_url(p.image_file(job, str(n)))} for n in range(count)]}

    return build


def flux_kontext_images(job: p.Job) -> dict[str, Any]:
    """Flux Kontext text_to_image: ``images: [{"url", "origin_url"}]``, the original high-resolution
    file as a second served file (docs: Flux Kontext > Get Text-to-Image Status, Response Fields)."""
    return {
        "images": [
            {"url": job.file_url(p.image_file(job, "0")), "origin_url": job.file_url(p.image_file(job, "0-origin"))}
        ]
    }


def layers(job: p.Job) -> dict[str, Any]:
    """Seedream decompose_layers: ``base_image: {"url"}`` and ``layers: [{"url", "z_index"}]`` (the official
    runapi-seedream package's ``DecomposeLayersResponse``), two layers in the requested ``output_format``."""
    return {
        "base_image": {"url": job.file_url(p.image_file(job, "base"))},
        "layers": [{"url": job.file_url(p.image_file(job, f"layer-{n}")), "z_index": n} for n in (1, 2)],
    }


def _row(path: str, required: tuple[Requirement, ...], cost_cents: int, failure: str, **extra: Any) -> Endpoint:
    """An image task answering one image (``images: [{"url"}]``) unless another ``result`` is given."""
    extra.setdefault("result", images())
    return Endpoint(path=path, required=required, cost_cents=cost_cents, failure_error=error(failure), **extra)


ENDPOINTS: tuple[Endpoint, ...] = (
    # --- Seedream -------------------------------------------------------------------------------
    _row(  # docs: Seedream > Create Seedream Text-to-Image
        f"{SEEDREAM}/text_to_image",
        need("model", "prompt")
        # "Required for 4.5 and 5-Lite text models"
        + need("aspect_ratio", "output_quality", when=among("model", *SEEDREAM_NEW_TEXT, SEEDREAM_PRO_TEXT)),
        3,
        SEEDREAM_FAILURE,
        result=images(most=6, counted=equals("model", SEEDREAM_V4_TEXT)),  # "v4 only; 1-6 images"
        choices={"model": (*SEEDREAM_NEW_TEXT, SEEDREAM_V4_TEXT, SEEDREAM_PRO_TEXT), **SEEDREAM_KNOBS},
        allowed=(allow("output_format", when=among("model", *SEEDREAM_NO_FORMAT)),),
    ),
    _row(  # docs: Seedream > Create Seedream Edit Image
        f"{SEEDREAM}/edit_image",
        need("model", "prompt", "source_image_urls")
        # "Required for 4.5 and 5-Lite edit models; optional for v4"
        + need("aspect_ratio", "output_quality", when=among("model", *SEEDREAM_NEW_EDIT, SEEDREAM_PRO_EDIT)),
        3,
        SEEDREAM_FAILURE,
        result=images(most=6, counted=equals("model", SEEDREAM_V4_EDIT)),
        choices={"model": (*SEEDREAM_NEW_EDIT, SEEDREAM_V4_EDIT, SEEDREAM_PRO_EDIT), **SEEDREAM_KNOBS},
        allowed=(allow("output_format", when=among("model", *SEEDREAM_NO_FORMAT)),),
    ),
    _row(  # the official runapi-seedream package's DecomposeLayers (no docs section, no failed example)
        f"{SEEDREAM}/decompose_layers",
        need("model", "image_url"),
        3,
        GENERAL_FAILURE,
        result=layers,
        choices={
            "model": SEEDREAM_LAYERS_MODELS,
            "size": ("auto", "1K", "1.5K", "2K"),
            "output_format": ("png", "jpeg"),
        },
    ),
    # --- Imagen 4 (no failed example: general wording) --------------------------------------------
    _row(  # docs: Imagen 4 > Create Imagen 4 Text-to-Image, Get Imagen 4 Text-to-Image
        f"{IMAGEN_4}/text_to_image",
        need("model", "prompt"),
        3,
        GENERAL_FAILURE,
        result=images(most=4, counted=equals("model", IMAGEN_FAST)),  # "imagen-4-fast image count"
        # "auto": imagen-4-fast only (newer source: the platform contract)
        choices={"model": IMAGEN_TEXT_MODELS, "aspect_ratio": (*IMAGEN_RATIOS, "auto"), "output_count": (1, 2, 3, 4)},
        allowed=(allow("aspect_ratio", *IMAGEN_RATIOS, when=among("model", "imagen-4", "imagen-4-ultra")),),
    ),
    _row(  # docs: Imagen 4 > Create Pro Remix Image (no status endpoint printed: GET <path>/{id} as everywhere)
        f"{IMAGEN_4}/remix_image",
        need("model", "prompt", "source_image_urls"),
        5,
        GENERAL_FAILURE,
        choices={
            "model": ("imagen-4-pro-remix-image",),
            "aspect_ratio": IMAGEN_REMIX_RATIOS,
            "output_resolution": ("1k", "2k", "4k"),
            "output_format": ("png", "jpg"),
        },
    ),
    # --- Flux Kontext ---------------------------------------------------------------------------
    _row(  # docs: Flux Kontext > Create Text-to-Image: generation, or editing when source_image_url is given
        f"{FLUX_KONTEXT}/text_to_image",
        need("model", "prompt"),
        4,
        FLUX_KONTEXT_FAILURE,
        result=flux_kontext_images,
        choices={"model": FLUX_KONTEXT_MODELS, "aspect_ratio": FLUX_KONTEXT_RATIOS, "output_format": ("jpeg", "png")},
    ),
    # --- Flux 2 (no completed or failed example: Response Fields; general wording) -----------------------
    _row(  # docs: Flux 2 > Create Text-to-Image
        f"{FLUX_2}/text_to_image",
        need("model", "prompt"),
        4,
        GENERAL_FAILURE,
        choices={
            "model": ("flux-2-pro-text-to-image", "flux-2-flex-text-to-image", FLUX_2_MAX_TEXT),
            "aspect_ratio": FLUX_2_RATIOS,
            "output_resolution": ("1k", "2k"),
        },
        allowed=_flux_2_max(FLUX_2_MAX_TEXT),
    ),
    _row(  # docs: Flux 2 > Create Remix Image
        f"{FLUX_2}/remix_image",
        need("model", "prompt", "source_image_urls"),
        5,
        GENERAL_FAILURE,
        choices={
            "model": ("flux-2-pro-remix-image", "flux-2-flex-remix-image", FLUX_2_MAX_REMIX),
            "aspect_ratio": (*FLUX_2_RATIOS, "auto"),
            "output_resolution": ("1k", "2k"),
        },
        allowed=(
            *_flux_2_max(FLUX_2_MAX_REMIX),
            allow("aspect_ratio", *FLUX_2_RATIOS, when=("model", FLUX_2_MAX_REMIX)),
        ),
    ),
    # --- Qwen 2 (no failed example: general wording) ------------------------------------------------
    _row(  # docs: Qwen 2 > Create Text-to-Image
        f"{QWEN_2}/text_to_image",
        need("model", "prompt"),
        2,
        GENERAL_FAILURE,
        choices={
            "model": ("qwen-2-text-to-image",),
            "aspect_ratio": ("1:1", "3:4", "4:3", "9:16", "16:9"),
            "output_format": QWEN_FORMATS,
        },
    ),
    _row(  # docs: Qwen 2 > Create Remix Image
        f"{QWEN_2}/remix_image",
        need("model", "prompt", "source_image_url"),
        2,
        GENERAL_FAILURE,
        choices={
            "model": ("qwen-2-remix-image",),
            "output_format": QWEN_FORMATS,
            "acceleration": ("none", "regular", "high"),
        },
    ),
    _row(  # docs: Qwen 2 > Create Edit Image
        f"{QWEN_2}/edit_image",
        need("model", "prompt", "source_image_url"),
        2,
        GENERAL_FAILURE,
        choices={
            "model": ("qwen-2-edit-image",),
            "aspect_ratio": ("1:1", "2:3", "3:2", "3:4", "4:3", "9:16", "16:9", "21:9"),
            "output_format": QWEN_FORMATS,
        },
    ),
    # --- Recraft (no failed example: general wording) -----------------------------------------------
    _row(  # docs: Recraft > Upscale Recraft Image, Get Recraft Task Status
        f"{RECRAFT}/upscale_image",
        need("model", "source_image_url"),
        1,
        GENERAL_FAILURE,
        choices={"model": ("recraft-crisp-upscale",)},
    ),
    _row(  # docs: Recraft > Remove Recraft Background
        f"{RECRAFT}/remove_background",
        need("model", "source_image_url"),
        1,
        GENERAL_FAILURE,
        choices={"model": ("recraft-remove-background",)},
    ),
    # --- Z-Image (no failed example: general wording) -----------------------------------------------
    _row(  # docs: Z-Image > Create Text-to-Image (aspect_ratio is required here)
        f"{Z_IMAGE}/text_to_image",
        need("model", "prompt", "aspect_ratio"),
        1,
        GENERAL_FAILURE,
        choices={"model": ("z-image",), "aspect_ratio": ("1:1", "4:3", "3:4", "16:9", "9:16")},
    ),
    # --- Ideogram V3 ------------------------------------------------------------------------------
    _row(  # docs: Ideogram V3 > Create Ideogram V3 Text-to-Image (and ideogram-v3-character)
        f"{IDEOGRAM_V3}/text_to_image",
        need("model", "prompt") + need("reference_image_urls", when=("model", "ideogram-v3-character")),
        5,
        IDEOGRAM_FAILURE,
        result=images(most=4),
        choices={
            "model": ("ideogram-v3-text-to-image", "ideogram-v3-character"),
            "rendering_speed": IDEOGRAM_SPEEDS,
            "style": (*IDEOGRAM_STYLES, "fiction"),
            "aspect_ratio": IDEOGRAM_RATIOS,
            "output_count": IDEOGRAM_COUNTS,
        },
        allowed=(
            allow("style", *IDEOGRAM_STYLES, when=("model", "ideogram-v3-text-to-image")),
            allow("style", *IDEOGRAM_CHARACTER_STYLES, when=("model", "ideogram-v3-character")),
        ),
    ),
    _row(  # docs: Ideogram V3 > Create Ideogram V3 Edit (and ideogram-v3-character-edit)
        f"{IDEOGRAM_V3}/edit_image",
        need("model", "prompt", "source_image_url", "mask_url")
        + need("reference_image_urls", when=("model", "ideogram-v3-character-edit")),
        5,
        IDEOGRAM_FAILURE,
        result=images(most=4),
        choices={
            "model": ("ideogram-v3-edit", "ideogram-v3-character-edit"),
            "rendering_speed": IDEOGRAM_SPEEDS,
            "style": IDEOGRAM_CHARACTER_STYLES,  # "ideogram-v3-character-edit only"
            "output_count": IDEOGRAM_COUNTS,
        },
    ),
    _row(  # docs: Ideogram V3 > Create Ideogram V3 Remix (and ideogram-v3-character-remix)
        f"{IDEOGRAM_V3}/remix_image",
        need("model", "prompt", "source_image_url")
        + need("reference_image_urls", when=("model", "ideogram-v3-character-remix")),
        5,
        IDEOGRAM_FAILURE,
        result=images(most=4),
        choices={
            "model": ("ideogram-v3-remix", "ideogram-v3-character-remix"),
            "rendering_speed": IDEOGRAM_SPEEDS,
            "style": (*IDEOGRAM_STYLES, "fiction"),
            "aspect_ratio": IDEOGRAM_RATIOS,
            "output_count": IDEOGRAM_COUNTS,
        },
        allowed=(
            allow("style", *IDEOGRAM_STYLES, when=("model", "ideogram-v3-remix")),
            allow("style", *IDEOGRAM_CHARACTER_STYLES, when=("model", "ideogram-v3-character-remix")),
        ),
    ),
    _row(  # docs: Ideogram V3 > Create Ideogram V3 Reframe
        f"{IDEOGRAM_V3}/reframe_image",
        need("model", "source_image_url", "aspect_ratio"),
        5,
        IDEOGRAM_FAILURE,
        result=images(most=4),
        choices={
            "model": ("ideogram-v3-reframe",),
            "aspect_ratio": IDEOGRAM_RATIOS,
            "rendering_speed": IDEOGRAM_SPEEDS,
            "style": IDEOGRAM_STYLES,
            "output_count": IDEOGRAM_COUNTS,
        },
    ),
    # --- GPT Image (two failed examples each: the status endpoint's, not the callback's) ------------------
    _row(  # docs: GPT Image > Create Text-to-Image ("Generation failed." polled, "Task failed" by callback)
        f"{GPT_IMAGE}/text_to_image",
        need("model", "prompt", "aspect_ratio", "quality"),
        6,
        "Generation failed.",
        choices=GPT_IMAGE_KNOBS,
    ),
    _row(  # docs: GPT Image > Edit Image ("Edit failed." polled, "Edit failed" by callback)
        f"{GPT_IMAGE}/edit_image",
        need("model", "prompt", "source_image_urls", "aspect_ratio", "quality"),
        6,
        "Edit failed.",
        choices=GPT_IMAGE_KNOBS,
    ),
    # --- GPT Image 2 (no completed or failed example: "images when the task completes"; general wording) --
    _row(  # docs: GPT Image 2 > GPT Image 2 Create Text-to-Image
        f"{GPT_IMAGE_2}/text_to_image",
        need("model", "prompt"),
        8,
        GENERAL_FAILURE,
        choices=GPT_IMAGE_2_KNOBS,
        allowed=GPT_IMAGE_2_RESOLUTIONS,
    ),
    _row(  # docs: GPT Image 2 > GPT Image 2 Edit
        f"{GPT_IMAGE_2}/edit_image",
        need("model", "prompt", "source_image_urls"),
        8,
        GENERAL_FAILURE,
        choices=GPT_IMAGE_2_KNOBS,
        allowed=GPT_IMAGE_2_RESOLUTIONS,
    ),
    # --- GPT-4o Image (no completed or failed example: "images when the task completes"; general wording) -
    _row(  # docs: GPT-4o Image > GPT-4o Image Create Text-to-Image (prompt-only, image-guided or variants)
        f"{GPT_4O_IMAGE}/text_to_image",
        need("model")
        + need("prompt", when=not_(given("source_image_urls")))  # "Required when source_image_urls is blank"
        + need("aspect_ratio"),
        5,
        GENERAL_FAILURE,
        result=images(most=4),
        choices={"model": ("gpt-4o-image",), "aspect_ratio": ("1:1", "3:2", "2:3"), "output_count": (1, 2, 4)},
    ),
    # --- Qwen 2.1 (official package runapi-qwen-2-1: paths, models, parameter names only) ------------
    _row(
        f"{QWEN_2_1}/text_to_image",
        need("model", "prompt"),
        2,
        GENERAL_FAILURE,
        choices={"model": ("qwen-2.1-text-to-image",)},
    ),
    _row(
        f"{QWEN_2_1}/edit_image",
        need("model", "prompt", "source_image_urls"),
        2,
        GENERAL_FAILURE,
        choices={"model": ("qwen-2.1-edit-image",)},
    ),
    # --- Qwen 3 (official contract: both models of an endpoint take the same values) ---------------
    _row(
        f"{QWEN_3}/text_to_image",
        need("model", "prompt"),
        3,
        GENERAL_FAILURE,
        choices={"model": ("qwen-3-text-to-image", "qwen-3-pro-text-to-image"), **QWEN_3_KNOBS},
    ),
    _row(
        f"{QWEN_3}/edit_image",
        need("model", "prompt", "source_image_urls"),
        3,
        GENERAL_FAILURE,
        choices={"model": ("qwen-3-edit-image", "qwen-3-pro-edit-image"), **QWEN_3_KNOBS},
    ),
    # --- Qwen Image (platform contract qwen-image/*) -------------------------------------------------
    _row(
        f"{QWEN_IMAGE}/text_to_image",
        need("model", "prompt"),
        2,
        GENERAL_FAILURE,
        choices={
            "model": ("qwen-image-text-to-image",),
            "aspect_ratio": QWEN_IMAGE_RATIOS,
            "output_format": QWEN_FORMATS,
        },
    ),
    _row(
        f"{QWEN_IMAGE}/remix_image",
        need("model", "prompt", "source_image_url"),
        2,
        GENERAL_FAILURE,
        choices={"model": ("qwen-image-remix-image",), "output_format": QWEN_FORMATS},
    ),
    _row(
        f"{QWEN_IMAGE}/edit_image",
        need("model", "prompt", "source_image_url"),
        2,
        GENERAL_FAILURE,
        choices={"model": ("qwen-image-edit-image",), "aspect_ratio": QWEN_IMAGE_RATIOS, "output_format": QWEN_FORMATS},
    ),
    # --- Flux (platform contract flux/*: flux-2-klein generates only) ----------------------------------
    _row(
        f"{FLUX}/text_to_image",
        need("model", "prompt"),
        3,
        GENERAL_FAILURE,
        choices={"model": ("flux-2-klein", "flux-dev", "flux-pro"), **FLUX_KNOBS},
    ),
    _row(
        f"{FLUX}/remix_image",
        need("model", "prompt", "source_image_url"),
        4,
        GENERAL_FAILURE,
        choices={"model": ("flux-dev", "flux-pro"), **FLUX_KNOBS},
    ),
    # --- GPT Image 2.5 (official contract: GPT Image 2's resolution rules) ------------------------------
    _row(
        f"{GPT_IMAGE_2_5}/text_to_image",
        need("model", "prompt"),
        8,
        GENERAL_FAILURE,
        choices=GPT_IMAGE_2_5_KNOBS,
        allowed=GPT_IMAGE_2_RESOLUTIONS,
    ),
    _row(
        f"{GPT_IMAGE_2_5}/edit_image",
        need("model", "prompt", "source_image_urls"),
        8,
        GENERAL_FAILURE,
        choices=GPT_IMAGE_2_5_KNOBS,
        allowed=GPT_IMAGE_2_RESOLUTIONS,
    ),
)
"""The image families' endpoints (33 tasks)."""
