"""Every operation of the image families and Nano Banana, called through the SDK against the emulator over real HTTP.

Seedream, Imagen 4, Flux Kontext, Flux 2, Qwen 2, Recraft, Z-Image, Ideogram V3, GPT Image,
GPT Image 2 and GPT-4o Image, and Nano Banana's two operations: one test per operation, with the
docs' example bodies and the main per-model modes (Seedream v4 against 4.5 and 5-Lite, Flux Kontext
generation and editing, Ideogram's character models, GPT Image 2's aspect ratio and resolution
pairs, GPT-4o Image's prompt-only, image-guided and variant requests). Each checks what a user reads
off the typed result (completed, one image per ``output_count``, every answered field typed), that
the emulator received exactly the params sent, and that ``client.download_outputs`` saves images
of the requested ``output_format`` (PNG, JPEG; WebP would be checked too, no image family documents
it as an output). The SDK's and the emulator's tables were written independently from the docs, so
each run checks both. The client's sleep is the fake clock, so nothing here sleeps for real.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import runapi
from runapi._core.models import Task
from runapi.emulator import Emulator
from tests.integration.helpers import (
    IMAGE_FORMATS,
    download,
    not_run,
    operations_of,
    saved,
    sent,
)

pytestmark = pytest.mark.integration

SAMPLES = "https://cdn.runapi.ai/public/samples"
IMAGE = f"{SAMPLES}/image.jpg"
MASK = f"{SAMPLES}/mask.png"
PORTRAIT = f"{SAMPLES}/portrait.jpg"
PORTRAIT_2 = f"{SAMPLES}/portrait-2.jpg"
REFERENCE_1 = f"{SAMPLES}/reference-1.jpg"
REFERENCE_2 = f"{SAMPLES}/reference-2.jpg"
UPSCALE = f"{SAMPLES}/upscale.jpg"
REMOVE_BG = f"{SAMPLES}/remove-bg.jpg"
PYTHON_PNG = "https://raw.githubusercontent.com/github/explore/main/topics/python/python.png"
EXAMPLE_JPG = "https://upload.wikimedia.org/wikipedia/commons/a/a9/Example.jpg"


def is_image(data: bytes, output_format: str | None) -> bool:
    """``data`` is an image of the requested ``output_format``; with none requested, the server
    chooses (the docs' defaults differ per family: PNG, JPEG), so any served image format passes."""
    if output_format is None:
        return any(check(data) for check in IMAGE_FORMATS.values())
    return IMAGE_FORMATS[output_format](data)


def saves_images(client: runapi.Client, task: Task, folder: Path, output_format: str | None = None) -> bool:
    """Every output is saved as an image of ``output_format`` (any image format when ``None``)."""
    return all(is_image(data, output_format) for data in saved(client, task, folder))


def runs_to_images(
    client: runapi.Client, emu: Emulator, family: str, operation: str, params: dict[str, Any], tmp_path: Path
) -> Any:
    """Run ``client.<family>.<operation>`` with ``params``: one image per ``output_count`` (1 when not
    given), each saved in the requested ``output_format``, and the body received is ``params``."""
    task = getattr(getattr(client, family), operation).run(**params)
    assert len(task.images) == params.get("output_count", 1)
    assert saves_images(client, task, tmp_path, params.get("output_format"))
    assert sent(emu, task) == params
    return task


# -- Seedream -------------------------------------------------------------------------------------

SEEDREAM: list[tuple[str, dict[str, Any]]] = [
    (  # the docs' example: 4.5 requires aspect_ratio and output_quality
        "text_to_image",
        {
            "model": "seedream-4.5-text-to-image",
            "prompt": "A cinematic portrait of a traveler crossing a rainy neon street",
            "aspect_ratio": "16:9",
            "output_quality": "basic",
        },
    ),
    (
        "text_to_image",
        {
            "model": "seedream-5-lite-text-to-image",
            "prompt": "A minimalist poster of a red kite over dunes",
            "aspect_ratio": "21:9",
            "output_quality": "high",
            "enable_safety_checker": True,
        },
    ),
    (  # the docs' v4 example: v4-only output_resolution, output_count and seed
        "text_to_image",
        {
            "model": "seedream-v4-text-to-image",
            "prompt": "A precise product render of a glass teapot on white marble",
            "aspect_ratio": "16:9",
            "output_resolution": "2k",
            "output_count": 3,
            "seed": 12345,
            "enable_safety_checker": True,
        },
    ),
    (  # v4: aspect_ratio is optional
        "text_to_image",
        {"model": "seedream-v4-text-to-image", "prompt": "A lighthouse in a storm", "output_count": 6},
    ),
    (  # the docs' example
        "edit_image",
        {
            "model": "seedream-v4-edit",
            "prompt": "Place the logo on a blue outdoor cap",
            "source_image_urls": [IMAGE],
            "aspect_ratio": "1:1",
            "output_resolution": "4k",
            "output_count": 1,
            "enable_safety_checker": False,
        },
    ),
    (  # v4 edit: no aspect_ratio ("optional for v4"), several sources, several images
        "edit_image",
        {
            "model": "seedream-v4-edit",
            "prompt": "Put both people on one beach",
            "source_image_urls": [PORTRAIT, PORTRAIT_2],
            "output_count": 2,
            "seed": 7,
        },
    ),
    (
        "edit_image",
        {
            "model": "seedream-4.5-edit",
            "prompt": "Turn the scene into a winter morning",
            "source_image_urls": [IMAGE],
            "aspect_ratio": "4:3",
            "output_quality": "high",
        },
    ),
    (
        "edit_image",
        {
            "model": "seedream-5-lite-edit",
            "prompt": "Blend the two references into one product shot",
            "source_image_urls": [REFERENCE_1, REFERENCE_2],
            "aspect_ratio": "9:16",
            "output_quality": "basic",
        },
    ),
]


@pytest.mark.parametrize(
    ("operation", "params"),
    SEEDREAM,
    ids=["t2i-4.5", "t2i-5-lite", "t2i-v4", "t2i-v4-no-ratio", "edit-v4", "edit-v4-sources", "edit-4.5", "edit-5-lite"],
)
def test_seedream_operations_run_to_downloadable_images(
    client: runapi.Client, emu: Emulator, operation: str, params: dict[str, Any], tmp_path: Path
) -> None:
    runs_to_images(client, emu, "seedream", operation, params, tmp_path)


# -- newer than the docs: the platform contract's models and values, and Seedream decompose_layers ----

PLATFORM: list[tuple[str, str, dict[str, Any]]] = [
    (
        "seedream",
        "text_to_image",
        {
            "model": "seedream-5-pro-text-to-image",
            "prompt": "A lighthouse at dusk",
            "aspect_ratio": "21:9",
            "output_quality": "high",
            "output_format": "jpeg",
        },
    ),
    (
        "seedream",
        "edit_image",
        {
            "model": "seedream-5-pro-edit",
            "prompt": "Make it night",
            "source_image_urls": [IMAGE],
            "aspect_ratio": "1:1",
            "output_quality": "basic",
            "output_format": "png",
        },
    ),
    ("flux_2", "text_to_image", {"model": "flux-2-max-text-to-image", "prompt": "An astronaut", "output_count": 1}),
    (
        "flux_2",
        "remix_image",
        {"model": "flux-2-max-remix-image", "prompt": "As an oil painting", "source_image_urls": [IMAGE]},
    ),
    ("imagen_4", "text_to_image", {"model": "imagen-4-fast", "prompt": "A fox", "aspect_ratio": "auto"}),
    ("nano_banana", "text_to_image", {"model": "nano-banana-2-lite", "prompt": "A banana", "aspect_ratio": "8:1"}),
    (
        "nano_banana",
        "edit_image",
        {"model": "nano-banana-2-lite", "prompt": "Add a hat", "source_image_urls": [IMAGE], "aspect_ratio": "1:4"},
    ),
    ("nano_banana", "text_to_image", {"model": "nano-banana-pro", "prompt": "A banana", "output_format": "jpeg"}),
    ("gpt_image_2", "text_to_image", {"model": "gpt-image-2", "prompt": "A poster", "aspect_ratio": "9:21"}),
]


@pytest.mark.parametrize(
    ("family", "operation", "params"),
    PLATFORM,
    ids=[f"{family}-{params['model']}-{operation}" for family, operation, params in PLATFORM],
)
def test_the_platform_contracts_newer_models_and_values_run_to_downloadable_images(
    client: runapi.Client, emu: Emulator, family: str, operation: str, params: dict[str, Any], tmp_path: Path
) -> None:
    runs_to_images(client, emu, family, operation, params, tmp_path)


@pytest.mark.parametrize("output_format", ["png", "jpeg"])
def test_seedream_decompose_layers_runs_to_a_base_image_and_layers(
    client: runapi.Client, emu: Emulator, output_format: str, tmp_path: Path
) -> None:
    params = {
        "model": "seedream-5-pro-layer-decomposition",
        "image_url": IMAGE,
        "prompt": "The cup, the plant and the books",
        "size": "1.5K",
        "output_format": output_format,
    }
    task = client.seedream.decompose_layers.run(**params)
    assert task.is_completed
    assert task.base_image is not None and task.base_image.url
    assert [layer.z_index for layer in task.layers] == [1, 2]
    assert len(task.output_urls) == 3  # the base image, then each layer
    assert saves_images(client, task, tmp_path, output_format)
    assert sent(emu, task) == params


# -- Imagen 4 -------------------------------------------------------------------------------------

IMAGEN_4: list[tuple[str, dict[str, Any]]] = [
    (  # the docs' example
        "text_to_image",
        {"model": "imagen-4-fast", "prompt": "A warm editorial photo of a glass studio", "aspect_ratio": "16:9"},
    ),
    (  # "imagen-4-fast image count"
        "text_to_image",
        {
            "model": "imagen-4-fast",
            "prompt": "Four takes on a ceramic vase",
            "output_count": 4,
            "seed": 42,
            "negative_prompt": "text, watermark",
        },
    ),
    (
        "text_to_image",
        {"model": "imagen-4", "prompt": "A koi pond at dawn", "aspect_ratio": "9:16", "negative_prompt": "people"},
    ),
    ("text_to_image", {"model": "imagen-4-ultra", "prompt": "A macro shot of frost on a leaf", "aspect_ratio": "4:3"}),
    (  # the docs' example
        "remix_image",
        {
            "model": "imagen-4-pro-remix-image",
            "prompt": "Restyle the reference image as a clean editorial poster",
            "source_image_urls": [EXAMPLE_JPG],
            "aspect_ratio": "auto",
            "output_resolution": "2k",
            "output_format": "png",
        },
    ),
    (
        "remix_image",
        {
            "model": "imagen-4-pro-remix-image",
            "prompt": "Combine both references into one cinematic frame",
            "source_image_urls": [REFERENCE_1, REFERENCE_2],
            "aspect_ratio": "21:9",
            "output_resolution": "4k",
            "output_format": "jpg",
        },
    ),
]


@pytest.mark.parametrize(
    ("operation", "params"), IMAGEN_4, ids=["t2i-fast", "t2i-fast-4", "t2i-4", "t2i-ultra", "remix-png", "remix-jpg"]
)
def test_imagen_4_operations_run_to_downloadable_images(
    client: runapi.Client, emu: Emulator, operation: str, params: dict[str, Any], tmp_path: Path
) -> None:
    runs_to_images(client, emu, "imagen_4", operation, params, tmp_path)


# -- Flux Kontext ----------------------------------------------------------------------------------

FLUX_KONTEXT: list[dict[str, Any]] = [
    {  # the docs' generation example
        "model": "flux-kontext-pro",
        "prompt": "A futuristic cityscape at sunset with flying cars and neon lights",
        "aspect_ratio": "16:9",
        "output_format": "png",
    },
    {  # generation: safety_tolerance up to 6
        "model": "flux-kontext-max",
        "prompt": "Un phare sous la pluie",
        "aspect_ratio": "21:9",
        "output_format": "jpeg",
        "enable_translation": True,
        "enable_prompt_expansion": True,
        "safety_tolerance": 6,
        "watermark": "runapi-demo",
    },
    {  # the docs' editing example: source_image_url selects editing, safety_tolerance 0-2
        "model": "flux-kontext-pro",
        "prompt": "Change the background to a tropical beach",
        "source_image_url": IMAGE,
        "safety_tolerance": 2,
    },
    {
        "model": "flux-kontext-max",
        "prompt": "Make it night with a full moon",
        "source_image_url": IMAGE,
        "safety_tolerance": 0,
        "output_format": "jpeg",
        "aspect_ratio": "3:4",
    },
]


@pytest.mark.parametrize("params", FLUX_KONTEXT, ids=["generation-pro", "generation-max", "editing-pro", "editing-max"])
def test_flux_kontext_text_to_image_generation_and_editing(
    client: runapi.Client, emu: Emulator, params: dict[str, Any], tmp_path: Path
) -> None:
    task = runs_to_images(client, emu, "flux_kontext", "text_to_image", params, tmp_path)
    [image] = task.images
    assert image.origin_url and image.origin_url != image.url  # the original file, not an output
    assert is_image(download(client, image.origin_url, tmp_path / "origin"), params.get("output_format"))


# -- Flux 2 ---------------------------------------------------------------------------------------

FLUX_2: list[tuple[str, dict[str, Any]]] = [
    (  # the docs' example
        "text_to_image",
        {
            "model": "flux-2-pro-text-to-image",
            "prompt": "A photorealistic portrait of an astronaut floating in space with Earth in the background",
            "aspect_ratio": "16:9",
            "output_resolution": "2k",
        },
    ),
    (
        "text_to_image",
        {
            "model": "flux-2-flex-text-to-image",
            "prompt": "A hand-lettered cafe menu board",
            "aspect_ratio": "3:2",
            "output_resolution": "1k",
            "enable_safety_checker": False,
        },
    ),
    (  # the docs' example
        "remix_image",
        {
            "model": "flux-2-pro-remix-image",
            "prompt": "Transform this photo into an oil painting style with warm tones",
            "source_image_urls": [IMAGE],
            "aspect_ratio": "auto",
        },
    ),
    (
        "remix_image",
        {
            "model": "flux-2-flex-remix-image",
            "prompt": "Dress the person in the outfit of the second image",
            "source_image_urls": [PORTRAIT, REFERENCE_1],
            "aspect_ratio": "2:3",
            "output_resolution": "2k",
            "enable_safety_checker": True,
        },
    ),
]


@pytest.mark.parametrize(("operation", "params"), FLUX_2, ids=["t2i-pro", "t2i-flex", "remix-pro", "remix-flex"])
def test_flux_2_operations_run_to_downloadable_images(
    client: runapi.Client, emu: Emulator, operation: str, params: dict[str, Any], tmp_path: Path
) -> None:
    runs_to_images(client, emu, "flux_2", operation, params, tmp_path)


# -- Qwen 2 ---------------------------------------------------------------------------------------

QWEN_2: list[tuple[str, dict[str, Any]]] = [
    (  # the docs' example
        "text_to_image",
        {
            "model": "qwen-2-text-to-image",
            "prompt": "A cinematic glass city at sunrise, high detail",
            "aspect_ratio": "16:9",
            "output_format": "png",
        },
    ),
    (
        "text_to_image",
        {
            "model": "qwen-2-text-to-image",
            "prompt": "A bowl of ramen, top view",
            "aspect_ratio": "3:4",
            "seed": 99,
            "output_format": "jpeg",
            "enable_safety_checker": True,
        },
    ),
    (  # the docs' example
        "remix_image",
        {
            "model": "qwen-2-remix-image",
            "prompt": "Turn this scene into a soft watercolor illustration",
            "source_image_url": IMAGE,
            "strength": 0.8,
            "output_format": "png",
        },
    ),
    (
        "remix_image",
        {
            "model": "qwen-2-remix-image",
            "prompt": "Make it a comic book panel",
            "source_image_url": IMAGE,
            "strength": 0.5,
            "output_format": "jpeg",
            "acceleration": "high",
            "negative_prompt": "blurry",
            "seed": 3,
            "num_inference_steps": 40,
            "guidance_scale": 4.5,
            "enable_safety_checker": False,
        },
    ),
    (  # the docs' example
        "edit_image",
        {
            "model": "qwen-2-edit-image",
            "prompt": "Replace the background with a neon-lit city skyline",
            "source_image_url": IMAGE,
            "aspect_ratio": "16:9",
            "output_format": "png",
        },
    ),
    (
        "edit_image",
        {
            "model": "qwen-2-edit-image",
            "prompt": "Remove the people in the background",
            "source_image_url": IMAGE,
            "aspect_ratio": "21:9",
            "output_format": "jpeg",
            "seed": 11,
        },
    ),
]


@pytest.mark.parametrize(
    ("operation", "params"), QWEN_2, ids=["t2i-png", "t2i-jpeg", "remix-png", "remix-jpeg", "edit-png", "edit-jpeg"]
)
def test_qwen_2_operations_run_to_downloadable_images(
    client: runapi.Client, emu: Emulator, operation: str, params: dict[str, Any], tmp_path: Path
) -> None:
    runs_to_images(client, emu, "qwen_2", operation, params, tmp_path)


# -- Recraft, Z-Image -------------------------------------------------------------------------------

RECRAFT: list[tuple[str, dict[str, Any]]] = [
    ("upscale_image", {"model": "recraft-crisp-upscale", "source_image_url": UPSCALE}),  # the docs' examples
    ("remove_background", {"model": "recraft-remove-background", "source_image_url": REMOVE_BG}),
]


@pytest.mark.parametrize(("operation", "params"), RECRAFT, ids=["upscale", "remove-background"])
def test_recraft_operations_run_to_downloadable_images(
    client: runapi.Client, emu: Emulator, operation: str, params: dict[str, Any], tmp_path: Path
) -> None:
    runs_to_images(client, emu, "recraft", operation, params, tmp_path)


def test_z_image_text_to_image(client: runapi.Client, emu: Emulator, tmp_path: Path) -> None:
    params: dict[str, Any] = {  # the docs' example; aspect_ratio is required here
        "model": "z-image",
        "prompt": "Generate a photorealistic image of a cafe terrace in Paris on a crisp spring morning",
        "aspect_ratio": "1:1",
        "enable_safety_checker": True,
    }
    task = client.z_image.text_to_image.run(**params)
    assert len(task.images) == 1 and saves_images(client, task, tmp_path)
    assert sent(emu, task) == params


# -- Ideogram V3 ------------------------------------------------------------------------------------

IDEOGRAM_V3: list[tuple[str, dict[str, Any]]] = [
    (  # the docs' example
        "text_to_image",
        {
            "model": "ideogram-v3-text-to-image",
            "prompt": "A cinematic lakeside at twilight with neon reeds",
            "rendering_speed": "balanced",
            "style": "realistic",
            "aspect_ratio": "1:1",
        },
    ),
    (
        "text_to_image",
        {
            "model": "ideogram-v3-text-to-image",
            "prompt": "A bold typographic poster that reads OPEN LATE",
            "rendering_speed": "turbo",
            "style": "design",
            "enable_prompt_expansion": True,
            "aspect_ratio": "9:16",
            "output_count": 4,
            "seed": 2024,
            "negative_prompt": "blurry letters",
        },
    ),
    (  # "Character requests require reference_image_urls and may use style: "fiction" plus output_count"
        "text_to_image",
        {
            "model": "ideogram-v3-character",
            "prompt": "The character reading a map in a rainy train station",
            "reference_image_urls": [PORTRAIT],
            "style": "fiction",
            "output_count": 2,
            "aspect_ratio": "16:9",
        },
    ),
    (  # the docs' example
        "edit_image",
        {
            "model": "ideogram-v3-edit",
            "prompt": "A dog wearing a cowboy hat",
            "source_image_url": IMAGE,
            "mask_url": MASK,
            "rendering_speed": "balanced",
        },
    ),
    (  # style is for ideogram-v3-character-edit only
        "edit_image",
        {
            "model": "ideogram-v3-character-edit",
            "prompt": "The character waving from the window",
            "source_image_url": IMAGE,
            "mask_url": MASK,
            "reference_image_urls": [PORTRAIT],
            "style": "realistic",
            "rendering_speed": "quality",
            "output_count": 3,
            "seed": 5,
        },
    ),
    (  # the docs' example
        "remix_image",
        {
            "model": "ideogram-v3-remix",
            "prompt": "Change the cube into a sphere",
            "source_image_url": IMAGE,
            "rendering_speed": "balanced",
            "strength": 0.8,
            "output_count": 1,
        },
    ),
    (  # strength 0.1-1, negative_prompt up to 500, and the character-remix-only reference fields
        "remix_image",
        {
            "model": "ideogram-v3-character-remix",
            "prompt": "The character as a knight in a storybook castle",
            "source_image_url": IMAGE,
            "reference_image_urls": [PORTRAIT],
            "style_reference_image_urls": [REFERENCE_1],
            "reference_mask_urls": [MASK],
            "style": "fiction",
            "strength": 0.3,
            "negative_prompt": "modern clothes",
            "aspect_ratio": "4:3",
            "output_count": 2,
        },
    ),
    (  # the docs' example
        "reframe_image",
        {
            "model": "ideogram-v3-reframe",
            "source_image_url": IMAGE,
            "aspect_ratio": "3:4",
            "rendering_speed": "balanced",
            "style": "auto",
            "output_count": 1,
        },
    ),
    (
        "reframe_image",
        {
            "model": "ideogram-v3-reframe",
            "source_image_url": IMAGE,
            "aspect_ratio": "16:9",
            "rendering_speed": "turbo",
            "style": "general",
            "output_count": 4,
            "seed": 8,
        },
    ),
]


@pytest.mark.parametrize(
    ("operation", "params"),
    IDEOGRAM_V3,
    ids=[
        "t2i",
        "t2i-four",
        "t2i-character",
        "edit",
        "edit-character",
        "remix",
        "remix-character",
        "reframe",
        "reframe-four",
    ],
)
def test_ideogram_v3_operations_run_to_downloadable_images(
    client: runapi.Client, emu: Emulator, operation: str, params: dict[str, Any], tmp_path: Path
) -> None:
    runs_to_images(client, emu, "ideogram_v3", operation, params, tmp_path)


# -- GPT Image, GPT Image 2, GPT-4o Image -------------------------------------------------------------

GPT_IMAGE: list[tuple[str, dict[str, Any]]] = [
    (  # the docs' example
        "text_to_image",
        {
            "model": "gpt-image-1.5",
            "prompt": "A photorealistic portrait of an astronaut floating in space with Earth in the background",
            "aspect_ratio": "1:1",
            "quality": "high",
        },
    ),
    (
        "text_to_image",
        {"model": "gpt-image-1.5", "prompt": "A watercolor fox", "aspect_ratio": "2:3", "quality": "medium"},
    ),
    (  # the docs' example
        "edit_image",
        {
            "model": "gpt-image-1.5",
            "prompt": "Transform this photo into a vibrant oil painting with warm autumn colors",
            "source_image_urls": [IMAGE],
            "aspect_ratio": "3:2",
            "quality": "high",
        },
    ),
    (
        "edit_image",
        {
            "model": "gpt-image-1.5",
            "prompt": "Put the two people side by side in one studio portrait",
            "source_image_urls": [PORTRAIT, PORTRAIT_2],
            "aspect_ratio": "1:1",
            "quality": "medium",
        },
    ),
]


@pytest.mark.parametrize(("operation", "params"), GPT_IMAGE, ids=["t2i-high", "t2i-medium", "edit", "edit-two"])
def test_gpt_image_operations_run_to_downloadable_images(
    client: runapi.Client, emu: Emulator, operation: str, params: dict[str, Any], tmp_path: Path
) -> None:
    runs_to_images(client, emu, "gpt_image", operation, params, tmp_path)


GPT_IMAGE_2: list[tuple[str, dict[str, Any]]] = [
    (  # the docs' example
        "text_to_image",
        {
            "model": "gpt-image-2",
            "prompt": "A cinematic night city poster with neon reflections on a rainy street",
            "aspect_ratio": "16:9",
            "output_resolution": "2k",
        },
    ),
    (  # 9:16, 16:9, 4:3 and 3:4 may be 4k
        "text_to_image",
        {"model": "gpt-image-2", "prompt": "A tall waterfall", "aspect_ratio": "9:16", "output_resolution": "4k"},
    ),
    (  # "A 1:1 image cannot be 4k": 2k is the most
        "text_to_image",
        {
            "model": "gpt-image-2",
            "prompt": "An app icon of a paper plane",
            "aspect_ratio": "1:1",
            "output_resolution": "2k",
        },
    ),
    (  # "auto/unset only supports 1k"
        "text_to_image",
        {"model": "gpt-image-2", "prompt": "A still life", "aspect_ratio": "auto", "output_resolution": "1k"},
    ),
    ("text_to_image", {"model": "gpt-image-2", "prompt": "A still life", "output_resolution": "1k"}),
    ("text_to_image", {"model": "gpt-image-2", "prompt": "A still life, the server's choice of size"}),
    (  # the docs' example
        "edit_image",
        {
            "model": "gpt-image-2",
            "prompt": "Transform this product image into a premium e-commerce poster style",
            "source_image_urls": [PYTHON_PNG],
            "aspect_ratio": "16:9",
            "output_resolution": "2k",
        },
    ),
    (
        "edit_image",
        {
            "model": "gpt-image-2",
            "prompt": "Arrange the three products on one shelf",
            "source_image_urls": [REFERENCE_1, REFERENCE_2, IMAGE],
            "aspect_ratio": "3:4",
            "output_resolution": "4k",
        },
    ),
    (
        "edit_image",
        {
            "model": "gpt-image-2",
            "prompt": "Crop to a square avatar",
            "source_image_urls": [PORTRAIT],
            "aspect_ratio": "1:1",
            "output_resolution": "1k",
        },
    ),
]


@pytest.mark.parametrize(
    ("operation", "params"),
    GPT_IMAGE_2,
    ids=[
        "t2i-16:9-2k",
        "t2i-9:16-4k",
        "t2i-1:1-2k",
        "t2i-auto-1k",
        "t2i-unset-1k",
        "t2i-unset",
        "edit-16:9-2k",
        "edit-3:4-4k",
        "edit-1:1-1k",
    ],
)
def test_gpt_image_2_operations_every_resolution_rule(
    client: runapi.Client, emu: Emulator, operation: str, params: dict[str, Any], tmp_path: Path
) -> None:
    runs_to_images(client, emu, "gpt_image_2", operation, params, tmp_path)


GPT_4O_IMAGE: list[dict[str, Any]] = [
    {  # the docs' example: image-guided
        "model": "gpt-4o-image",
        "prompt": "A premium watch product photo on black stone",
        "aspect_ratio": "1:1",
        "source_image_urls": [PYTHON_PNG],
        "output_count": 2,
    },
    {  # prompt-only
        "model": "gpt-4o-image",
        "prompt": "A cozy reading nook with warm lamplight",
        "aspect_ratio": "3:2",
        "output_count": 4,
        "enable_prompt_expansion": True,
    },
    {  # prompt-only with a blank source list: "Required when source_image_urls is blank"
        "model": "gpt-4o-image",
        "prompt": "A paper crane on a desk",
        "aspect_ratio": "1:1",
        "source_image_urls": [],
    },
    {  # variants: source images and no prompt
        "model": "gpt-4o-image",
        "aspect_ratio": "2:3",
        "source_image_urls": [PORTRAIT, PORTRAIT_2],
        "output_count": 1,
    },
    {  # image-guided with a mask for selective changes
        "model": "gpt-4o-image",
        "prompt": "Replace the sky with an aurora",
        "aspect_ratio": "3:2",
        "source_image_urls": [IMAGE],
        "mask_url": MASK,
    },
]


@pytest.mark.parametrize(
    "params", GPT_4O_IMAGE, ids=["image-guided", "prompt-only", "prompt-only-blank-sources", "variants", "masked"]
)
def test_gpt_4o_image_prompt_only_image_guided_and_variants(
    client: runapi.Client, emu: Emulator, params: dict[str, Any], tmp_path: Path
) -> None:
    runs_to_images(client, emu, "gpt_4o_image", "text_to_image", params, tmp_path)


# -- Nano Banana ----------------------------------------------------------------------------------

NANO_BANANA: list[tuple[str, dict[str, Any]]] = [
    (  # the docs' examples, callback_url left out (no receiver here)
        "text_to_image",
        {
            "model": "nano-banana",
            "prompt": "A surreal painting of a giant banana floating in space, stars and galaxies in the background, "
            "vibrant colors, digital art",
            "output_format": "png",
            "aspect_ratio": "1:1",
            "reference_image_urls": [],
        },
    ),
    (
        "text_to_image",
        {
            "model": "nano-banana-pro",
            "prompt": "A serene mountain landscape at sunset with vibrant orange and purple skies",
            "aspect_ratio": "16:9",
            "output_resolution": "4k",
            "output_format": "png",
            "reference_image_urls": [],
        },
    ),
    (
        "text_to_image",
        {
            "model": "nano-banana-2",
            "prompt": "Comic poster: cool banana hero in shades leaps from sci-fi pad. Six panels showcasing 4K "
            "landscapes, multilingual text, holograms, camera controls, frame ratios, and consistent banana poses.",
            "aspect_ratio": "auto",
            "output_resolution": "2k",
            "output_format": "jpg",
            "reference_image_urls": [],
        },
    ),
    (  # V2 only: the extra presets (1:8) and references
        "text_to_image",
        {
            "model": "nano-banana-2",
            "prompt": "A tall banner of the banana hero",
            "aspect_ratio": "1:8",
            "output_resolution": "1k",
            "reference_image_urls": [REFERENCE_1, REFERENCE_2],
        },
    ),
    (
        "edit_image",
        {
            "model": "nano-banana-edit",
            "prompt": "Give the cat a red scarf",
            "source_image_urls": [IMAGE],
            "aspect_ratio": "4:5",
            "output_format": "jpeg",
        },
    ),
    (
        "edit_image",
        {
            "model": "nano-banana-edit",
            "prompt": "Merge both photos",
            "source_image_urls": [PORTRAIT, PORTRAIT_2],
            "output_format": "png",
        },
    ),
]


@pytest.mark.parametrize(
    ("operation", "params"),
    NANO_BANANA,
    ids=["t2i-base", "t2i-pro", "t2i-v2", "t2i-v2-references", "edit-jpeg", "edit-png"],
)
def test_nano_banana_operations_run_to_downloadable_images(
    client: runapi.Client, emu: Emulator, operation: str, params: dict[str, Any], tmp_path: Path
) -> None:
    task = runs_to_images(client, emu, "nano_banana", operation, params, tmp_path)
    # the text-to-image answer echoes the model (docs: Quick Start); the edit answer does not
    assert task.model == (params["model"] if operation == "text_to_image" else None)


# -- chained: an output of one family is the source of the next ---------------------------------------


def test_generated_image_is_edited_reframed_and_upscaled(client: runapi.Client, emu: Emulator, tmp_path: Path) -> None:
    first = client.seedream.text_to_image.run(
        model="seedream-4.5-text-to-image", prompt="A red bicycle", aspect_ratio="1:1", output_quality="high"
    )
    edited = client.flux_kontext.text_to_image.run(
        model="flux-kontext-pro", prompt="Paint the bicycle blue", source_image_url=first.output_urls[0]
    )
    wider = client.ideogram_v3.reframe_image.run(
        model="ideogram-v3-reframe", source_image_url=edited.output_urls[0], aspect_ratio="16:9"
    )
    upscaled = client.recraft.upscale_image.run(model="recraft-crisp-upscale", source_image_url=wider.output_urls[0])
    assert sent(emu, upscaled)["source_image_url"] == wider.output_urls[0]
    assert saves_images(client, upscaled, tmp_path)


# -- failures ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("family", "operation", "params", "error"),
    [
        ("seedream", "text_to_image", SEEDREAM[0][1], "Prompt rejected"),  # docs: Seedream > Failed response
        ("flux_kontext", "text_to_image", FLUX_KONTEXT[0], "Generation failed due to content policy violation"),
        ("ideogram_v3", "remix_image", IDEOGRAM_V3[5][1], "Prompt rejected"),  # "Response shape matches"
        ("gpt_image", "text_to_image", GPT_IMAGE[0][1], "Generation failed."),  # docs: the polled failure
        ("gpt_image", "edit_image", GPT_IMAGE[2][1], "Edit failed."),
        ("nano_banana", "text_to_image", NANO_BANANA[1][1], "Generation failed due to content policy violation"),
        ("recraft", "upscale_image", RECRAFT[0][1], "Generation failed"),  # no failed example: the general wording
    ],
    ids=["seedream", "flux-kontext", "ideogram", "gpt-image", "gpt-image-edit", "nano-banana", "recraft"],
)
def test_a_failed_image_task_raises_task_failed_error_with_the_docs_text(
    client: runapi.Client, family: str, operation: str, params: dict[str, Any], error: str
) -> None:
    text_field = "prompt" if "prompt" in params else "source_image_url"
    failing = dict(params, **{text_field: f"{params[text_field]}#emulator:fail"})
    with pytest.raises(runapi.TaskFailedError) as info:
        getattr(getattr(client, family), operation).run(**failing)
    assert info.value.error == error and info.value.task.is_failed and not info.value.task.output_urls


# -- Qwen 2.1, Qwen 3, Qwen Image, Flux, GPT Image 2.5 (from the platform contract and the official packages) ---


OFFICIAL_ONLY: list[tuple[str, str, dict[str, Any]]] = [  # the official READMEs' quick-start bodies, and variants
    (
        "qwen_2_1",
        "text_to_image",
        {
            "model": "qwen-2.1-text-to-image",
            "prompt": "A neon city street after rain, cinematic",
            "aspect_ratio": "16:9",
        },
    ),
    (
        "qwen_2_1",
        "edit_image",
        {"model": "qwen-2.1-edit-image", "prompt": "Replace the background", "source_image_urls": [IMAGE]},
    ),
    (
        "qwen_3",
        "text_to_image",
        {
            "model": "qwen-3-pro-text-to-image",
            "prompt": "A neon city street after rain, cinematic",
            "aspect_ratio": "21:9",
            "output_resolution": "2k",
            "output_format": "jpeg",
            "enable_prompt_expansion": True,
            "negative_prompt": "people",
            "seed": 7,
        },
    ),
    (
        "qwen_3",
        "edit_image",
        {"model": "qwen-3-edit-image", "prompt": "Replace the background", "source_image_urls": [IMAGE, PORTRAIT]},
    ),
    (
        "qwen_image",
        "text_to_image",
        {"model": "qwen-image-text-to-image", "prompt": "A serene mountain lake at dawn", "aspect_ratio": "16:9"},
    ),
    (
        "qwen_image",
        "remix_image",
        {
            "model": "qwen-image-remix-image",
            "prompt": "As a watercolor",
            "source_image_url": IMAGE,
            "strength": 0.8,
            "output_format": "jpeg",
        },
    ),
    (
        "qwen_image",
        "edit_image",
        {"model": "qwen-image-edit-image", "prompt": "Replace the background", "source_image_url": IMAGE, "seed": 3},
    ),
    (
        "flux",
        "text_to_image",
        {"model": "flux-2-klein", "prompt": "A cinematic product photo on warm paper", "output_count": 1},
    ),
    (
        "flux",
        "remix_image",
        {
            "model": "flux-pro",
            "prompt": "Turn this product shot into a warm editorial photo",
            "source_image_url": IMAGE,
            "aspect_ratio": "1:1",
        },
    ),
    (
        "gpt_image_2_5",
        "text_to_image",
        {
            "model": "gpt-image-2.5-flare",
            "prompt": "A precise product render on white marble",
            "aspect_ratio": "1:1",
            "output_resolution": "2k",
        },
    ),
    (
        "gpt_image_2_5",
        "edit_image",
        {
            "model": "gpt-image-2.5-sunburst",
            "prompt": "Change the background to a botanical studio",
            "source_image_urls": [IMAGE],
            "aspect_ratio": "16:9",
            "output_resolution": "4k",
        },
    ),
]


@pytest.mark.parametrize(
    ("family", "operation", "params"), OFFICIAL_ONLY, ids=[f"{f}.{op}" for f, op, _ in OFFICIAL_ONLY]
)
def test_official_only_image_families_run_to_downloadable_images(
    client: runapi.Client, emu: Emulator, family: str, operation: str, params: dict[str, Any], tmp_path: Path
) -> None:
    task = getattr(getattr(client, family), operation).run(**params)
    assert task.is_completed and len(task.images) == 1
    assert saves_images(client, task, tmp_path, params.get("output_format"))
    assert sent(emu, task) == params


# -- coverage -------------------------------------------------------------------------------------

FAMILIES: dict[str, set[str]] = {
    "seedream": {op for op, _ in SEEDREAM},
    "imagen_4": {op for op, _ in IMAGEN_4},
    "flux_kontext": {"text_to_image"},  # FLUX_KONTEXT: both modes of the one operation
    "flux_2": {op for op, _ in FLUX_2},
    "qwen_2": {op for op, _ in QWEN_2},
    "recraft": {op for op, _ in RECRAFT},
    "z_image": set(),
    "ideogram_v3": {op for op, _ in IDEOGRAM_V3},
    "gpt_image": {op for op, _ in GPT_IMAGE},
    "gpt_image_2": {op for op, _ in GPT_IMAGE_2},
    "gpt_4o_image": {"text_to_image"},  # GPT_4O_IMAGE: every kind of request of the one operation
    "nano_banana": {op for op, _ in NANO_BANANA},
    **{family: {op for f, op, _ in OFFICIAL_ONLY if f == family} for family in ("qwen_2_1", "qwen_3", "qwen_image")},
    **{family: {op for f, op, _ in OFFICIAL_ONLY if f == family} for family in ("flux", "gpt_image_2_5")},
}
"""The image families, each with the operations its parametrized tables run (the rest are called by name)."""


@pytest.mark.parametrize(("family", "parametrized"), FAMILIES.items(), ids=list(FAMILIES))
def test_every_operation_of_the_family_is_run_end_to_end(family: str, parametrized: set[str]) -> None:
    """A new operation of an image family without an end-to-end test on the emulator fails here."""
    assert operations_of(family)
    assert not_run(family, [Path(__file__)], parametrized) == set()


def test_the_image_families_have_36_operations() -> None:
    """The sixteen families' 34 task operations (the emulator's image rows; Seedream's decompose_layers, from the
    official package, among them) and Nano Banana's 2."""
    assert sum(len(operations_of(family)) for family in FAMILIES) == 36
