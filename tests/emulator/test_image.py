"""Every endpoint of the image families over real HTTP: Seedream, Imagen 4, Flux Kontext, Flux 2,
Qwen 2, Recraft, Z-Image, Ideogram V3, GPT Image, GPT Image 2 and GPT-4o Image; and the Nano Banana
rules of its docs section (its rows live in ``_catalog``).

Bodies are the docs' curl examples (``callback_url`` left out; tests add it where needed). The
expected required fields, choices, payload keys, image counts, formats and failure texts are written
here from the docs, not read from the emulator's rows. Served images are checked as PNG, JPEG or
WebP bytes of the requested format (see ``test_media``). Tasks complete by moving the fake clock;
nothing sleeps.
"""

from __future__ import annotations

from typing import Any

import pytest

from runapi.emulator import FAILURE_TOKEN
from runapi.emulator._catalog import BY_PATH, ENDPOINTS
from runapi.emulator._image import ENDPOINTS as IMAGE_ENDPOINTS

from .conftest import COMPLETE_AFTER, Api, FakeClock, Receiver, complete as run, finish
from .test_image_official import PATHS as OFFICIAL_PATHS
from .test_image_platform import PATHS as PLATFORM_PATHS
from .test_media import assert_image, fetch

SEEDREAM = "/api/v1/seedream"
IMAGEN = "/api/v1/imagen_4"
KONTEXT = "/api/v1/flux_kontext"
FLUX_2 = "/api/v1/flux_2"
QWEN = "/api/v1/qwen_2"
RECRAFT = "/api/v1/recraft"
Z_IMAGE = "/api/v1/z_image"
IDEOGRAM = "/api/v1/ideogram_v3"
GPT_IMAGE = "/api/v1/gpt_image"
GPT_IMAGE_2 = "/api/v1/gpt_image_2"
GPT_4O = "/api/v1/gpt_4o_image"
NANO = "/api/v1/nano_banana"
FAMILIES = (SEEDREAM, IMAGEN, KONTEXT, FLUX_2, QWEN, RECRAFT, Z_IMAGE, IDEOGRAM, GPT_IMAGE, GPT_IMAGE_2, GPT_4O)

UNKNOWN = "00000000-0000-4000-8000-000000000000"
SAMPLES = "https://cdn.runapi.ai/public/samples"
IMAGE = f"{SAMPLES}/image.jpg"
PORTRAIT = f"{SAMPLES}/portrait.jpg"
PYTHON_PNG = "https://raw.githubusercontent.com/github/explore/main/topics/python/python.png"

# One documented create body per task path (the first curl example of its section).
TASK_BODIES: dict[str, dict[str, Any]] = {
    f"{SEEDREAM}/text_to_image": {
        "model": "seedream-4.5-text-to-image",
        "prompt": "A cinematic portrait of a traveler crossing a rainy neon street",
        "aspect_ratio": "16:9",
        "output_quality": "basic",
    },
    f"{SEEDREAM}/edit_image": {
        "model": "seedream-v4-edit",
        "prompt": "Place the logo on a blue outdoor cap",
        "source_image_urls": [IMAGE],
        "aspect_ratio": "1:1",
        "output_resolution": "4k",
        "output_count": 1,
        "enable_safety_checker": False,
    },
    f"{IMAGEN}/text_to_image": {
        "model": "imagen-4-fast",
        "prompt": "A warm editorial photo of a glass studio",
        "aspect_ratio": "16:9",
    },
    f"{IMAGEN}/remix_image": {
        "model": "imagen-4-pro-remix-image",
        "prompt": "Restyle the reference image as a clean editorial poster",
        "source_image_urls": ["https://upload.wikimedia.org/wikipedia/commons/a/a9/Example.jpg"],
        "aspect_ratio": "auto",
        "output_resolution": "2k",
        "output_format": "png",
    },
    f"{KONTEXT}/text_to_image": {
        "model": "flux-kontext-pro",
        "prompt": "A futuristic cityscape at sunset with flying cars and neon lights",
        "aspect_ratio": "16:9",
        "output_format": "png",
    },
    f"{FLUX_2}/text_to_image": {
        "model": "flux-2-pro-text-to-image",
        "prompt": "A photorealistic portrait of an astronaut floating in space with Earth in the background",
        "aspect_ratio": "16:9",
        "output_resolution": "2k",
    },
    f"{FLUX_2}/remix_image": {
        "model": "flux-2-pro-remix-image",
        "prompt": "Transform this photo into an oil painting style with warm tones",
        "source_image_urls": [IMAGE],
        "aspect_ratio": "auto",
    },
    f"{QWEN}/text_to_image": {
        "model": "qwen-2-text-to-image",
        "prompt": "A cinematic glass city at sunrise, high detail",
        "aspect_ratio": "16:9",
        "output_format": "png",
    },
    f"{QWEN}/remix_image": {
        "model": "qwen-2-remix-image",
        "prompt": "Turn this scene into a soft watercolor illustration",
        "source_image_url": IMAGE,
        "strength": 0.8,
        "output_format": "png",
    },
    f"{QWEN}/edit_image": {
        "model": "qwen-2-edit-image",
        "prompt": "Replace the background with a neon-lit city skyline",
        "source_image_url": IMAGE,
        "aspect_ratio": "16:9",
        "output_format": "png",
    },
    f"{RECRAFT}/upscale_image": {"model": "recraft-crisp-upscale", "source_image_url": f"{SAMPLES}/upscale.jpg"},
    f"{RECRAFT}/remove_background": {
        "model": "recraft-remove-background",
        "source_image_url": f"{SAMPLES}/remove-bg.jpg",
    },
    f"{Z_IMAGE}/text_to_image": {
        "model": "z-image",
        "prompt": "Generate a photorealistic image of a cafe terrace in Paris on a crisp spring morning",
        "aspect_ratio": "1:1",
        "enable_safety_checker": True,
    },
    f"{IDEOGRAM}/text_to_image": {
        "model": "ideogram-v3-text-to-image",
        "prompt": "A cinematic lakeside at twilight with neon reeds",
        "rendering_speed": "balanced",
        "style": "realistic",
        "aspect_ratio": "1:1",
    },
    f"{IDEOGRAM}/edit_image": {
        "model": "ideogram-v3-edit",
        "prompt": "A dog wearing a cowboy hat",
        "source_image_url": IMAGE,
        "mask_url": f"{SAMPLES}/mask.png",
        "rendering_speed": "balanced",
    },
    f"{IDEOGRAM}/remix_image": {
        "model": "ideogram-v3-remix",
        "prompt": "Change the cube into a sphere",
        "source_image_url": IMAGE,
        "rendering_speed": "balanced",
        "strength": 0.8,
        "output_count": 1,
    },
    f"{IDEOGRAM}/reframe_image": {
        "model": "ideogram-v3-reframe",
        "source_image_url": IMAGE,
        "aspect_ratio": "3:4",
        "rendering_speed": "balanced",
        "style": "auto",
        "output_count": 1,
    },
    f"{GPT_IMAGE}/text_to_image": {
        "model": "gpt-image-1.5",
        "prompt": "A photorealistic portrait of an astronaut floating in space with Earth in the background",
        "aspect_ratio": "1:1",
        "quality": "high",
    },
    f"{GPT_IMAGE}/edit_image": {
        "model": "gpt-image-1.5",
        "prompt": "Transform this photo into a vibrant oil painting with warm autumn colors",
        "source_image_urls": [IMAGE],
        "aspect_ratio": "3:2",
        "quality": "high",
    },
    f"{GPT_IMAGE_2}/text_to_image": {
        "model": "gpt-image-2",
        "prompt": "A cinematic night city poster with neon reflections on a rainy street",
        "aspect_ratio": "16:9",
        "output_resolution": "2k",
    },
    f"{GPT_IMAGE_2}/edit_image": {
        "model": "gpt-image-2",
        "prompt": "Transform this product image into a premium e-commerce poster style",
        "source_image_urls": [PYTHON_PNG],
        "aspect_ratio": "16:9",
        "output_resolution": "2k",
    },
    f"{GPT_4O}/text_to_image": {
        "model": "gpt-4o-image",
        "prompt": "A premium watch product photo on black stone",
        "aspect_ratio": "1:1",
        "source_image_urls": [PYTHON_PNG],
        "output_count": 2,
    },
}

# The other documented create examples, and the documented models and modes without one.
OTHER_EXAMPLES: list[tuple[str, dict[str, Any]]] = [
    (  # Seedream v4 text-to-image request
        f"{SEEDREAM}/text_to_image",
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
    (f"{SEEDREAM}/text_to_image", {"model": "seedream-v4-text-to-image", "prompt": "p"}),  # ratio optional on v4
    (
        f"{SEEDREAM}/text_to_image",
        {"model": "seedream-5-lite-text-to-image", "prompt": "A fox", "aspect_ratio": "21:9", "output_quality": "high"},
    ),
    *(
        (
            f"{SEEDREAM}/edit_image",
            {
                "model": model,
                "prompt": "Place the logo on a cap",
                "source_image_urls": [IMAGE],
                "aspect_ratio": "2:3",
                "output_quality": "basic",
            },
        )
        for model in ("seedream-4.5-edit", "seedream-5-lite-edit")
    ),
    (
        f"{SEEDREAM}/edit_image",
        {"model": "seedream-v4-edit", "prompt": "p", "source_image_urls": [IMAGE, IMAGE], "output_count": 6},
    ),
    (
        f"{IMAGEN}/text_to_image",
        {
            "model": "imagen-4",
            "prompt": "A glass studio",
            "negative_prompt": "people",
            "seed": 7,
            "aspect_ratio": "3:4",
        },
    ),
    (f"{IMAGEN}/text_to_image", {"model": "imagen-4-ultra", "prompt": "A glass studio", "aspect_ratio": "1:1"}),
    (f"{IMAGEN}/text_to_image", {"model": "imagen-4-fast", "prompt": "A glass studio", "output_count": 4}),
    (
        f"{IMAGEN}/remix_image",
        {"model": "imagen-4-pro-remix-image", "prompt": "p", "source_image_urls": [IMAGE], "output_format": "jpg"},
    ),
    (  # Flux Kontext source-image editing
        f"{KONTEXT}/text_to_image",
        {
            "model": "flux-kontext-pro",
            "prompt": "Change the background to a tropical beach",
            "source_image_url": IMAGE,
            "safety_tolerance": 2,
        },
    ),
    (
        f"{KONTEXT}/text_to_image",
        {
            "model": "flux-kontext-max",
            "prompt": "A lighthouse",
            "aspect_ratio": "21:9",
            "output_format": "jpeg",
            "enable_translation": True,
            "enable_prompt_expansion": True,
            "watermark": "demo",
        },
    ),
    (
        f"{FLUX_2}/text_to_image",
        {
            "model": "flux-2-flex-text-to-image",
            "prompt": "A lighthouse",
            "aspect_ratio": "2:3",
            "output_resolution": "1k",
        },
    ),
    (
        f"{FLUX_2}/remix_image",
        {"model": "flux-2-flex-remix-image", "prompt": "Oil paint", "source_image_urls": [IMAGE]},
    ),
    (
        f"{QWEN}/remix_image",
        {
            "model": "qwen-2-remix-image",
            "prompt": "Watercolor",
            "source_image_url": IMAGE,
            "output_format": "jpeg",
            "acceleration": "high",
            "negative_prompt": "blur",
            "num_inference_steps": 30,
            "guidance_scale": 2.5,
        },
    ),
    (
        f"{IDEOGRAM}/text_to_image",
        {
            "model": "ideogram-v3-character",
            "prompt": "The character reading in a cafe",
            "reference_image_urls": [PORTRAIT],
            "style": "fiction",
            "output_count": 2,
        },
    ),
    (
        f"{IDEOGRAM}/edit_image",
        {
            "model": "ideogram-v3-character-edit",
            "prompt": "The character in the masked area",
            "source_image_url": IMAGE,
            "mask_url": f"{SAMPLES}/mask.png",
            "reference_image_urls": [PORTRAIT],
            "style": "realistic",
            "output_count": 3,
        },
    ),
    (
        f"{IDEOGRAM}/remix_image",
        {
            "model": "ideogram-v3-character-remix",
            "prompt": "The character as a knight",
            "source_image_url": IMAGE,
            "reference_image_urls": [PORTRAIT],
            "style_reference_image_urls": [IMAGE],
            "reference_mask_urls": [f"{SAMPLES}/mask.png"],
            "style": "fiction",
            "strength": 0.5,
            "output_count": 4,
        },
    ),
    (f"{GPT_IMAGE_2}/text_to_image", {"model": "gpt-image-2", "prompt": "p"}),  # unset ratio: 1k only
    (
        f"{GPT_IMAGE_2}/text_to_image",
        {"model": "gpt-image-2", "prompt": "p", "aspect_ratio": "1:1", "output_resolution": "2k"},
    ),
    (
        f"{GPT_IMAGE_2}/edit_image",
        {
            "model": "gpt-image-2",
            "prompt": "p",
            "source_image_urls": [IMAGE],
            "aspect_ratio": "auto",
            "output_resolution": "1k",
        },
    ),
    (f"{GPT_4O}/text_to_image", {"model": "gpt-4o-image", "prompt": "A watch", "aspect_ratio": "3:2"}),  # prompt only
    (  # a variant: source images, no prompt
        f"{GPT_4O}/text_to_image",
        {"model": "gpt-4o-image", "aspect_ratio": "2:3", "source_image_urls": [IMAGE], "output_count": 4},
    ),
    (
        f"{GPT_4O}/text_to_image",
        {
            "model": "gpt-4o-image",
            "prompt": "Make the strap red",
            "aspect_ratio": "1:1",
            "source_image_urls": [IMAGE],
            "mask_url": f"{SAMPLES}/mask.png",
            "enable_prompt_expansion": True,
        },
    ),
]

# Where the docs document an image count: path -> the models it applies to (None: every model), at most.
COUNTED: dict[str, tuple[tuple[str, ...] | None, int]] = {
    f"{SEEDREAM}/text_to_image": (("seedream-v4-text-to-image",), 6),  # "v4 only; 1-6 images"
    f"{SEEDREAM}/edit_image": (("seedream-v4-edit",), 6),
    f"{IMAGEN}/text_to_image": (("imagen-4-fast",), 4),  # "imagen-4-fast image count: 1, 2, 3, or 4"
    f"{IDEOGRAM}/text_to_image": (None, 4),
    f"{IDEOGRAM}/edit_image": (None, 4),
    f"{IDEOGRAM}/remix_image": (None, 4),
    f"{IDEOGRAM}/reframe_image": (None, 4),
    f"{GPT_4O}/text_to_image": (None, 4),  # 1, 2 or 4
}

# The keys of every completed payload and of its images (docs: each family's completed example).
COMPLETED_KEYS = {"id", "status", "images"}
IMAGE_KEYS: dict[str, list[str]] = {f"{KONTEXT}/text_to_image": ["url", "origin_url"]}

# The docs' failure texts ("Generation failed" where a family prints no failed example).
FAILURES: dict[str, str] = {path: "Generation failed" for path in TASK_BODIES} | {
    f"{SEEDREAM}/text_to_image": "Prompt rejected",
    f"{SEEDREAM}/edit_image": "Prompt rejected",
    f"{KONTEXT}/text_to_image": "Generation failed due to content policy violation",
    f"{IDEOGRAM}/text_to_image": "Prompt rejected",
    f"{IDEOGRAM}/edit_image": "Prompt rejected",  # "Response shape matches the text-to-image status endpoint"
    f"{IDEOGRAM}/remix_image": "Prompt rejected",
    f"{IDEOGRAM}/reframe_image": "Prompt rejected",
    f"{GPT_IMAGE}/text_to_image": "Generation failed.",  # the status example (the callback's says "Task failed")
    f"{GPT_IMAGE}/edit_image": "Edit failed.",  # the status example (the callback's says "Edit failed")
}

# The docs' "Yes" fields of each endpoint, in the docs' order (conditional ones where the body needs them).
REQUIRED: dict[str, list[str]] = {
    f"{SEEDREAM}/text_to_image": ["model", "prompt", "aspect_ratio", "output_quality"],  # the last two: 4.5
    f"{SEEDREAM}/edit_image": ["model", "prompt", "source_image_urls"],
    f"{IMAGEN}/text_to_image": ["model", "prompt"],
    f"{IMAGEN}/remix_image": ["model", "prompt", "source_image_urls"],
    f"{KONTEXT}/text_to_image": ["model", "prompt"],
    f"{FLUX_2}/text_to_image": ["model", "prompt"],
    f"{FLUX_2}/remix_image": ["model", "prompt", "source_image_urls"],
    f"{QWEN}/text_to_image": ["model", "prompt"],
    f"{QWEN}/remix_image": ["model", "prompt", "source_image_url"],
    f"{QWEN}/edit_image": ["model", "prompt", "source_image_url"],
    f"{RECRAFT}/upscale_image": ["model", "source_image_url"],
    f"{RECRAFT}/remove_background": ["model", "source_image_url"],
    f"{Z_IMAGE}/text_to_image": ["model", "prompt", "aspect_ratio"],
    f"{IDEOGRAM}/text_to_image": ["model", "prompt"],
    f"{IDEOGRAM}/edit_image": ["model", "prompt", "source_image_url", "mask_url"],
    f"{IDEOGRAM}/remix_image": ["model", "prompt", "source_image_url"],
    f"{IDEOGRAM}/reframe_image": ["model", "source_image_url", "aspect_ratio"],
    f"{GPT_IMAGE}/text_to_image": ["model", "prompt", "aspect_ratio", "quality"],
    f"{GPT_IMAGE}/edit_image": ["model", "prompt", "source_image_urls", "aspect_ratio", "quality"],
    f"{GPT_IMAGE_2}/text_to_image": ["model", "prompt"],
    f"{GPT_IMAGE_2}/edit_image": ["model", "prompt", "source_image_urls"],
    f"{GPT_4O}/text_to_image": ["model", "aspect_ratio"],  # prompt: only without source_image_urls
}

# Values outside the documented choices: (path, field, value).
BAD_VALUES: list[tuple[str, str, Any]] = [
    (f"{SEEDREAM}/text_to_image", "model", "seedream-v4-edit"),  # an edit model
    (f"{SEEDREAM}/text_to_image", "aspect_ratio", "5:4"),
    (f"{SEEDREAM}/text_to_image", "output_quality", "ultra"),
    (f"{SEEDREAM}/text_to_image", "output_resolution", "8k"),
    (f"{SEEDREAM}/edit_image", "model", "seedream-4.5-text-to-image"),
    (f"{SEEDREAM}/edit_image", "aspect_ratio", "auto"),
    (f"{SEEDREAM}/edit_image", "output_resolution", "3k"),
    (f"{IMAGEN}/text_to_image", "model", "imagen-4-pro-remix-image"),
    (f"{IMAGEN}/text_to_image", "aspect_ratio", "21:9"),
    (f"{IMAGEN}/text_to_image", "output_count", 5),
    (f"{IMAGEN}/remix_image", "model", "imagen-4"),
    (f"{IMAGEN}/remix_image", "aspect_ratio", "1:4"),
    (f"{IMAGEN}/remix_image", "output_resolution", "8k"),
    (f"{IMAGEN}/remix_image", "output_format", "jpeg"),  # png or jpg here
    (f"{KONTEXT}/text_to_image", "model", "flux-kontext-ultra"),
    (f"{KONTEXT}/text_to_image", "aspect_ratio", "2:3"),
    (f"{KONTEXT}/text_to_image", "output_format", "jpg"),  # jpeg or png here
    (f"{FLUX_2}/text_to_image", "model", "flux-2-pro-remix-image"),
    (f"{FLUX_2}/text_to_image", "aspect_ratio", "auto"),  # remix only
    (f"{FLUX_2}/text_to_image", "output_resolution", "4k"),
    (f"{FLUX_2}/remix_image", "model", "flux-2-pro-text-to-image"),
    (f"{FLUX_2}/remix_image", "aspect_ratio", "21:9"),
    (f"{FLUX_2}/remix_image", "output_resolution", "4k"),
    (f"{QWEN}/text_to_image", "model", "qwen-2-edit-image"),
    (f"{QWEN}/text_to_image", "aspect_ratio", "21:9"),
    (f"{QWEN}/text_to_image", "output_format", "webp"),
    (f"{QWEN}/remix_image", "model", "qwen-2-text-to-image"),
    (f"{QWEN}/remix_image", "output_format", "jpg"),
    (f"{QWEN}/remix_image", "acceleration", "turbo"),
    (f"{QWEN}/edit_image", "model", "qwen-2-remix-image"),
    (f"{QWEN}/edit_image", "aspect_ratio", "5:4"),
    (f"{QWEN}/edit_image", "output_format", "gif"),
    (f"{RECRAFT}/upscale_image", "model", "recraft-remove-background"),
    (f"{RECRAFT}/remove_background", "model", "recraft-crisp-upscale"),
    (f"{Z_IMAGE}/text_to_image", "model", "z-image-turbo"),
    (f"{Z_IMAGE}/text_to_image", "aspect_ratio", "21:9"),
    (f"{IDEOGRAM}/text_to_image", "model", "ideogram-v3-edit"),
    (f"{IDEOGRAM}/text_to_image", "rendering_speed", "fast"),
    (f"{IDEOGRAM}/text_to_image", "style", "anime"),
    (f"{IDEOGRAM}/text_to_image", "style", "fiction"),  # ideogram-v3-character only
    (f"{IDEOGRAM}/text_to_image", "aspect_ratio", "21:9"),
    (f"{IDEOGRAM}/text_to_image", "output_count", 5),
    (f"{IDEOGRAM}/edit_image", "model", "ideogram-v3-remix"),
    (f"{IDEOGRAM}/edit_image", "rendering_speed", "slow"),
    (f"{IDEOGRAM}/edit_image", "style", "design"),  # character-edit styles: auto, realistic, fiction
    (f"{IDEOGRAM}/edit_image", "output_count", 0),
    (f"{IDEOGRAM}/remix_image", "model", "ideogram-v3-character"),
    (f"{IDEOGRAM}/remix_image", "style", "fiction"),  # ideogram-v3-character-remix only
    (f"{IDEOGRAM}/remix_image", "aspect_ratio", "2:3"),
    (f"{IDEOGRAM}/remix_image", "output_count", 8),
    (f"{IDEOGRAM}/reframe_image", "model", "ideogram-v3-remix"),
    (f"{IDEOGRAM}/reframe_image", "aspect_ratio", "21:9"),
    (f"{IDEOGRAM}/reframe_image", "style", "fiction"),
    (f"{IDEOGRAM}/reframe_image", "rendering_speed", "fast"),
    (f"{GPT_IMAGE}/text_to_image", "model", "gpt-image-1"),
    (f"{GPT_IMAGE}/text_to_image", "aspect_ratio", "16:9"),
    (f"{GPT_IMAGE}/text_to_image", "quality", "low"),
    (f"{GPT_IMAGE}/edit_image", "model", "gpt-image-2"),
    (f"{GPT_IMAGE}/edit_image", "aspect_ratio", "4:3"),
    (f"{GPT_IMAGE}/edit_image", "quality", "standard"),
    (f"{GPT_IMAGE_2}/text_to_image", "model", "gpt-image-1.5"),
    (f"{GPT_IMAGE_2}/text_to_image", "aspect_ratio", "7:3"),  # the contract's 16 ratios, not this one
    (f"{GPT_IMAGE_2}/text_to_image", "output_resolution", "8k"),
    (f"{GPT_IMAGE_2}/edit_image", "model", "gpt-4o-image"),
    (f"{GPT_IMAGE_2}/edit_image", "aspect_ratio", "4:1"),
    (f"{GPT_4O}/text_to_image", "model", "gpt-image-2"),
    (f"{GPT_4O}/text_to_image", "aspect_ratio", "16:9"),
    (f"{GPT_4O}/text_to_image", "output_count", 3),
]

# Every documented output_format value of every endpoint that takes one: (path, body, format).
FORMATS: list[tuple[str, dict[str, Any], str]] = [
    (path, TASK_BODIES[path], fmt)
    for path, formats in {
        f"{IMAGEN}/remix_image": ("png", "jpg"),
        f"{KONTEXT}/text_to_image": ("jpeg", "png"),
        f"{QWEN}/text_to_image": ("png", "jpeg"),
        f"{QWEN}/remix_image": ("png", "jpeg"),
        f"{QWEN}/edit_image": ("jpeg", "png"),
    }.items()
    for fmt in formats
] + [
    (f"{NANO}/text_to_image", {"model": model, "prompt": "A banana"}, fmt)
    for model in ("nano-banana", "nano-banana-pro", "nano-banana-2")
    for fmt in ("png", "jpg")
]


# --- helpers ------------------------------------------------------------------------------------


def expected_count(path: str, body: dict[str, Any]) -> int:
    models, _most = COUNTED.get(path, ((), 1))
    counted = models is None or body.get("model") in models
    return int(body.get("output_count", 1)) if counted else 1


def assert_images(payload: dict[str, Any], path: str, body: dict[str, Any], api: Api) -> None:
    """The completed payload's images: the documented keys, the expected count, each URL this task's
    own, ending in the requested format (PNG by default) and serving a valid file of that format."""
    ext = body.get("output_format", "png")
    prefix = f"{api.emulator.url}/files/{payload['id']}/"
    assert len(payload["images"]) == expected_count(path, body)
    urls = [image[key] for image in payload["images"] for key in IMAGE_KEYS.get(path, ["url"])]
    assert len(set(urls)) == len(urls)  # every image (and origin) its own file
    for image in payload["images"]:
        assert list(image) == IMAGE_KEYS.get(path, ["url"])
    for url in urls:
        assert url.startswith(prefix) and url.endswith(f".{ext}"), url
        assert_image(fetch(url), ext)


# --- the catalogue ------------------------------------------------------------------------------


def test_every_image_endpoint_is_tested() -> None:
    rows = {
        endpoint.path: endpoint
        for endpoint in ENDPOINTS
        if endpoint.path.startswith(tuple(f"{f}/" for f in FAMILIES)) and endpoint.path not in PLATFORM_PATHS
    }
    assert set(rows) == set(TASK_BODIES) == set(REQUIRED) == set(FAILURES)
    assert len(rows) == 22
    assert not any(endpoint.direct for endpoint in rows.values())  # all tasks, read at GET <path>/{id}
    # all from _image, all gathered (the undocumented families' rows: test_image_official.py)
    assert {endpoint.path for endpoint in IMAGE_ENDPOINTS} == set(rows) | OFFICIAL_PATHS | PLATFORM_PATHS
    assert all(BY_PATH[path] is endpoint for path, endpoint in rows.items())
    assert {path for path, _ in OTHER_EXAMPLES} <= set(TASK_BODIES)
    assert {path for path, _, _ in BAD_VALUES} == set(TASK_BODIES)  # each has a refused value


def test_image_rows_cost_positive_cents() -> None:
    for endpoint in IMAGE_ENDPOINTS:
        assert isinstance(endpoint.cost_cents, int) and endpoint.cost_cents >= 1, endpoint.path


# --- task endpoints: life cycle and payloads -----------------------------------------------------


@pytest.mark.parametrize("path", list(TASK_BODIES))
def test_documented_body_is_created_processing_then_completed_with_the_documented_keys(
    api: Api, fake_clock: FakeClock, path: str
) -> None:
    body = TASK_BODIES[path]
    spent = api.get("/api/v1/me/balance").json()["spent_cents_total"]
    created = api.post(path, body)
    assert created.status_code == 202, created.text
    assert set(created.json()) == {"id", "status"} and created.json()["status"] == "processing"
    task_id = created.json()["id"]
    assert api.get("/api/v1/me/balance").json()["spent_cents_total"] == spent + BY_PATH[path].cost_cents

    assert api.get(f"{path}/{task_id}").json() == {"id": task_id, "status": "processing"}

    done = finish(api, fake_clock, path, task_id)
    assert list(done) == ["id", "status", "images"]  # the docs' order
    assert set(done) == COMPLETED_KEYS
    assert (done["id"], done["status"]) == (task_id, "completed")
    assert finish(api, fake_clock, path, task_id) == done  # stable across polls
    assert api.get(f"{path}/{UNKNOWN}").status_code == 404
    assert_images(done, path, body, api)


@pytest.mark.parametrize(("path", "body"), OTHER_EXAMPLES, ids=lambda value: str(value)[:60])
def test_other_documented_examples_models_and_modes_complete(
    api: Api, fake_clock: FakeClock, path: str, body: dict[str, Any]
) -> None:
    done = run(api, fake_clock, path, body)
    assert set(done) == COMPLETED_KEYS
    assert_images(done, path, body, api)


def test_imagen_remix_is_read_at_its_own_status_path(api: Api, fake_clock: FakeClock) -> None:
    # The docs print no status endpoint for remix_image; it is GET <path>/{id}, as for every family.
    path = f"{IMAGEN}/remix_image"
    task_id = api.create(path, TASK_BODIES[path])
    assert api.get(f"{IMAGEN}/text_to_image/{task_id}").status_code == 404  # not the text-to-image path
    assert finish(api, fake_clock, path, task_id)["status"] == "completed"


def test_flux_kontext_images_carry_an_origin_url(api: Api, fake_clock: FakeClock) -> None:
    path = f"{KONTEXT}/text_to_image"
    [image] = run(api, fake_clock, path, TASK_BODIES[path])["images"]
    assert list(image) == ["url", "origin_url"] and image["url"] != image["origin_url"]


# --- output counts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "body", "count"),
    [
        (f"{SEEDREAM}/text_to_image", {"model": "seedream-v4-text-to-image", "prompt": "p", "output_count": 6}, 6),
        (  # "v4 only": a 4.5 model answers one image
            f"{SEEDREAM}/text_to_image",
            dict(TASK_BODIES[f"{SEEDREAM}/text_to_image"], output_count=3),
            1,
        ),
        (f"{SEEDREAM}/edit_image", dict(TASK_BODIES[f"{SEEDREAM}/edit_image"], output_count=2), 2),
        (f"{IMAGEN}/text_to_image", dict(TASK_BODIES[f"{IMAGEN}/text_to_image"], output_count=3), 3),
        (f"{IMAGEN}/text_to_image", {"model": "imagen-4-ultra", "prompt": "p", "output_count": 4}, 1),  # fast only
        (f"{IDEOGRAM}/text_to_image", dict(TASK_BODIES[f"{IDEOGRAM}/text_to_image"], output_count=4), 4),
        (f"{IDEOGRAM}/edit_image", dict(TASK_BODIES[f"{IDEOGRAM}/edit_image"], output_count=2), 2),
        (f"{IDEOGRAM}/remix_image", dict(TASK_BODIES[f"{IDEOGRAM}/remix_image"], output_count=3), 3),
        (f"{IDEOGRAM}/reframe_image", dict(TASK_BODIES[f"{IDEOGRAM}/reframe_image"], output_count=4), 4),
        (f"{GPT_4O}/text_to_image", TASK_BODIES[f"{GPT_4O}/text_to_image"], 2),
        (f"{GPT_4O}/text_to_image", dict(TASK_BODIES[f"{GPT_4O}/text_to_image"], output_count=4), 4),
        (f"{GPT_IMAGE}/text_to_image", dict(TASK_BODIES[f"{GPT_IMAGE}/text_to_image"], output_count=3), 1),  # none
    ],
    ids=str,
)
def test_output_count_images_are_answered_where_documented(
    api: Api, fake_clock: FakeClock, path: str, body: dict[str, Any], count: int
) -> None:
    done = run(api, fake_clock, path, body)
    assert len(done["images"]) == count
    assert_images(done, path, body, api)


# --- output formats ------------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "body", "fmt"), FORMATS, ids=lambda value: str(value)[:40])
def test_images_are_served_in_the_requested_format(
    api: Api, fake_clock: FakeClock, path: str, body: dict[str, Any], fmt: str
) -> None:
    body = dict(body, output_format=fmt)
    done = run(api, fake_clock, path, body)
    for image in done["images"]:
        for url in image.values():
            assert url.endswith(f".{fmt}")
            assert_image(fetch(url), fmt)


def test_without_output_format_images_are_pngs(api: Api, fake_clock: FakeClock) -> None:
    # The emulator answers PNG when no format is asked for, even where the docs' default differs
    # (Flux Kontext: jpeg; nano-banana-2: jpg).
    path = f"{KONTEXT}/text_to_image"
    body = {key: value for key, value in TASK_BODIES[path].items() if key != "output_format"}
    for image in run(api, fake_clock, path, body)["images"]:
        assert image["url"].endswith(".png") and image["origin_url"].endswith(".png")
        assert_image(fetch(image["url"]), "png")


def test_nano_banana_edit_serves_any_requested_image_format(api: Api, fake_clock: FakeClock) -> None:
    # edit_image is not detailed in the docs: its output_format is not checked, and a WebP is served
    body = {"model": "nano-banana-edit", "prompt": "Add a hat", "source_image_urls": [IMAGE], "output_format": "webp"}
    [image] = run(api, fake_clock, f"{NANO}/edit_image", body)["images"]
    assert image["url"].endswith(".webp")
    assert_image(fetch(image["url"]), "webp")


# --- failures -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", list(TASK_BODIES))
def test_a_failing_task_answers_the_documented_failed_shape(api: Api, fake_clock: FakeClock, path: str) -> None:
    body = dict(TASK_BODIES[path], note=FAILURE_TOKEN)  # any string parameter, even an unknown one
    task_id = api.create(path, body)
    assert api.get(f"{path}/{task_id}").json() == {"id": task_id, "status": "processing"}
    failed = finish(api, fake_clock, path, task_id)
    assert failed == {"id": task_id, "status": "failed", "error": FAILURES[path]}
    assert list(failed) == ["id", "status", "error"]


def test_failure_token_in_a_source_url_fails_an_edit(api: Api, fake_clock: FakeClock) -> None:
    path = f"{QWEN}/edit_image"
    body = dict(TASK_BODIES[path], source_image_url=f"https://x.test/{FAILURE_TOKEN}.png")
    assert finish(api, fake_clock, path, api.create(path, body))["error"] == "Generation failed"


def test_images_arrive_by_callback_too(api: Api, fake_clock: FakeClock, receiver: Receiver) -> None:
    path = f"{KONTEXT}/text_to_image"
    task_id = api.create(path, dict(TASK_BODIES[path], callback_url=receiver.url))
    fake_clock.advance(COMPLETE_AFTER)
    [delivery] = api.emulator.wait_for_deliveries(1)
    assert (delivery["task_id"], delivery["stage"]) == (task_id, "completed")
    [received] = receiver.wait(1)
    assert received.body == api.get(f"{path}/{task_id}").content.rstrip(b"\n")


# --- validation -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "field"), [(path, field) for path, fields in REQUIRED.items() for field in fields], ids=str
)
def test_missing_required_parameter_is_400(api: Api, path: str, field: str) -> None:
    body = dict(TASK_BODIES[path])
    del body[field]
    spent = api.get("/api/v1/me/balance").json()["spent_cents_total"]
    response = api.post(path, body)
    assert (response.status_code, response.json()) == (400, {"error": f"Missing required parameter: {field}"})
    assert api.emulator.tasks() == []
    assert api.get("/api/v1/me/balance").json()["spent_cents_total"] == spent


@pytest.mark.parametrize("value", [None, "", []])
def test_null_or_empty_required_parameter_is_missing(api: Api, value: Any) -> None:
    path = f"{GPT_IMAGE}/edit_image"
    response = api.post(path, dict(TASK_BODIES[path], source_image_urls=value))
    assert response.json() == {"error": "Missing required parameter: source_image_urls"}


@pytest.mark.parametrize(
    ("path", "body", "missing"),
    [
        # Seedream: aspect_ratio and output_quality for the 4.5 and 5-Lite models, not for v4
        (f"{SEEDREAM}/text_to_image", {"model": "seedream-5-lite-text-to-image", "prompt": "p"}, "aspect_ratio"),
        (
            f"{SEEDREAM}/text_to_image",
            {"model": "seedream-5-lite-text-to-image", "prompt": "p", "aspect_ratio": "1:1"},
            "output_quality",
        ),
        (f"{SEEDREAM}/text_to_image", {"model": "seedream-v4-text-to-image", "prompt": "p"}, None),
        (
            f"{SEEDREAM}/edit_image",
            {"model": "seedream-4.5-edit", "prompt": "p", "source_image_urls": [IMAGE]},
            "aspect_ratio",
        ),
        (
            f"{SEEDREAM}/edit_image",
            {"model": "seedream-5-lite-edit", "prompt": "p", "source_image_urls": [IMAGE], "aspect_ratio": "1:1"},
            "output_quality",
        ),
        (f"{SEEDREAM}/edit_image", {"model": "seedream-v4-edit", "prompt": "p", "source_image_urls": [IMAGE]}, None),
        # Ideogram character models need their references
        (f"{IDEOGRAM}/text_to_image", {"model": "ideogram-v3-character", "prompt": "p"}, "reference_image_urls"),
        (
            f"{IDEOGRAM}/edit_image",
            {"model": "ideogram-v3-character-edit", "prompt": "p", "source_image_url": IMAGE, "mask_url": IMAGE},
            "reference_image_urls",
        ),
        (
            f"{IDEOGRAM}/remix_image",
            {"model": "ideogram-v3-character-remix", "prompt": "p", "source_image_url": IMAGE},
            "reference_image_urls",
        ),
        (f"{IDEOGRAM}/text_to_image", {"model": "ideogram-v3-text-to-image", "prompt": "p"}, None),
        # GPT-4o Image: prompt "Required when source_image_urls is blank"
        (f"{GPT_4O}/text_to_image", {"model": "gpt-4o-image", "aspect_ratio": "1:1"}, "prompt"),
        (
            f"{GPT_4O}/text_to_image",
            {"model": "gpt-4o-image", "aspect_ratio": "1:1", "source_image_urls": []},
            "prompt",
        ),
        (
            f"{GPT_4O}/text_to_image",
            {"model": "gpt-4o-image", "aspect_ratio": "1:1", "source_image_urls": [IMAGE]},
            None,
        ),
        # Flux Kontext: source_image_url is optional (editing mode when given)
        (f"{KONTEXT}/text_to_image", {"model": "flux-kontext-max", "prompt": "p"}, None),
    ],
    ids=str,
)
def test_conditional_requirements_follow_model_and_mode(
    api: Api, path: str, body: dict[str, Any], missing: str | None
) -> None:
    response = api.post(path, body)
    if missing is None:
        assert response.status_code == 202, response.text
    else:
        assert (response.status_code, response.json()) == (400, {"error": f"Missing required parameter: {missing}"})


@pytest.mark.parametrize(("path", "field", "value"), BAD_VALUES, ids=str)
def test_value_outside_the_documented_choices_is_422(api: Api, path: str, field: str, value: Any) -> None:
    response = api.post(path, dict(TASK_BODIES[path], **{field: value}))
    assert (response.status_code, response.json()) == (422, {"error": f"Invalid {field}: {value}"})
    assert api.emulator.tasks() == []


CHARACTER = {"model": "ideogram-v3-character", "prompt": "p", "reference_image_urls": [PORTRAIT]}
CHARACTER_REMIX = {**CHARACTER, "model": "ideogram-v3-character-remix", "source_image_url": IMAGE}
GPT_2 = {"model": "gpt-image-2", "prompt": "p"}
GPT_2_EDIT = {**GPT_2, "source_image_urls": [IMAGE]}


@pytest.mark.parametrize(
    ("path", "body", "field", "value", "ok"),
    [
        # Ideogram: the character models have their own styles
        (f"{IDEOGRAM}/text_to_image", CHARACTER, "style", "fiction", True),
        (f"{IDEOGRAM}/text_to_image", CHARACTER, "style", "design", False),
        (f"{IDEOGRAM}/text_to_image", {"model": "ideogram-v3-text-to-image", "prompt": "p"}, "style", "general", True),
        (f"{IDEOGRAM}/remix_image", CHARACTER_REMIX, "style", "general", False),
        (f"{IDEOGRAM}/remix_image", CHARACTER_REMIX, "style", "fiction", True),
        (f"{IDEOGRAM}/remix_image", TASK_BODIES[f"{IDEOGRAM}/remix_image"], "style", "design", True),
        # GPT Image 2: "A 1:1 image cannot be 4k; auto/unset only supports 1k"
        (f"{GPT_IMAGE_2}/text_to_image", {**GPT_2, "aspect_ratio": "1:1"}, "output_resolution", "4k", False),
        (f"{GPT_IMAGE_2}/text_to_image", {**GPT_2, "aspect_ratio": "1:1"}, "output_resolution", "2k", True),
        (f"{GPT_IMAGE_2}/text_to_image", {**GPT_2, "aspect_ratio": "auto"}, "output_resolution", "2k", False),
        (f"{GPT_IMAGE_2}/text_to_image", GPT_2, "output_resolution", "4k", False),
        (f"{GPT_IMAGE_2}/text_to_image", {**GPT_2, "aspect_ratio": "9:16"}, "output_resolution", "4k", True),
        (f"{GPT_IMAGE_2}/edit_image", GPT_2_EDIT, "output_resolution", "2k", False),
        (f"{GPT_IMAGE_2}/edit_image", {**GPT_2_EDIT, "aspect_ratio": "4:3"}, "output_resolution", "4k", True),
    ],
    ids=str,
)
def test_choices_that_depend_on_the_model_or_another_field(
    api: Api, path: str, body: dict[str, Any], field: str, value: Any, ok: bool
) -> None:
    response = api.post(path, dict(body, **{field: value}))
    if ok:
        assert response.status_code == 202, response.text
    else:
        assert (response.status_code, response.json()) == (422, {"error": f"Invalid {field}: {value}"})


# --- Nano Banana: the rules of its docs section (rows in _catalog) -----------------------------------

NANO_BODIES = [  # Create Text-to-Image (Base, Pro, V2), callback_url left out
    {
        "model": "nano-banana",
        "prompt": "A surreal painting of a giant banana floating in space, stars and galaxies in the background, "
        "vibrant colors, digital art",
        "output_format": "png",
        "aspect_ratio": "1:1",
        "reference_image_urls": [],
    },
    {
        "model": "nano-banana-pro",
        "prompt": "A serene mountain landscape at sunset with vibrant orange and purple skies",
        "aspect_ratio": "16:9",
        "output_resolution": "4k",
        "output_format": "png",
        "reference_image_urls": [],
    },
    {
        "model": "nano-banana-2",
        "prompt": "Comic poster: cool banana hero in shades leaps from sci-fi pad. Six panels showcasing 4K "
        "landscapes, multilingual text, holograms, camera controls, frame ratios, and consistent banana poses.",
        "aspect_ratio": "auto",
        "output_resolution": "2k",
        "output_format": "jpg",
        "reference_image_urls": [],
    },
]


@pytest.mark.parametrize("body", NANO_BODIES, ids=lambda body: body["model"])
def test_nano_banana_documented_bodies_complete_in_their_format(
    api: Api, fake_clock: FakeClock, body: dict[str, Any]
) -> None:
    done = run(api, fake_clock, f"{NANO}/text_to_image", body)
    assert list(done) == ["id", "status", "model", "images"]  # `model` as in the Quick Start's response
    assert done["model"] == body["model"]
    [image] = done["images"]
    assert list(image) == ["url"] and image["url"].endswith(f".{body['output_format']}")
    assert_image(fetch(image["url"]), body["output_format"])


@pytest.mark.parametrize(
    ("model", "field", "value", "ok"),
    [
        ("nano-banana", "aspect_ratio", "5:4", True),
        ("nano-banana", "aspect_ratio", "1:4", False),  # V2 only
        ("nano-banana-pro", "aspect_ratio", "8:1", False),
        ("nano-banana-2", "aspect_ratio", "1:8", True),
        ("nano-banana-2", "aspect_ratio", "7:3", False),
        ("nano-banana-pro", "output_resolution", "2k", True),
        ("nano-banana-2", "output_resolution", "8k", False),
        ("nano-banana", "output_format", "jpg", True),
        ("nano-banana", "output_format", "jpeg", True),  # png or jpg; jpeg too (the platform contract)
        ("nano-banana-2-lite", "aspect_ratio", "8:1", True),  # the platform contract
        ("nano-banana-2-lite", "aspect_ratio", "7:3", False),
        ("nano-banana-2", "output_format", "webp", False),
    ],
    ids=str,
)
def test_nano_banana_choices_follow_the_model(api: Api, model: str, field: str, value: str, ok: bool) -> None:
    response = api.post(f"{NANO}/text_to_image", {"model": model, "prompt": "A banana", field: value})
    if ok:
        assert response.status_code == 202, response.text
    else:
        assert (response.status_code, response.json()) == (422, {"error": f"Invalid {field}: {value}"})
