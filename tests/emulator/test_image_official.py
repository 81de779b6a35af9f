"""The emulator's rows for the image families the docs do not cover: Qwen 2.1, Qwen 3, Qwen Image,
Flux and GPT Image 2.5, over real HTTP with plain ``requests``.

Their facts come from the platform contract (``/work/shared/platform/platform-contract.json``:
paths, model ids, per-model enums) and the official packages (required fields, ``images: [{url}]``
results). Each create body below is the official README's quick-start example of its endpoint (or,
where the README prints none, one built from the contract's values).
"""

from __future__ import annotations

from typing import Any

import pytest

from runapi.emulator._catalog import BY_PATH
from runapi.emulator._image import ENDPOINTS as IMAGE_ENDPOINTS

from .conftest import Api, FakeClock, complete as run
from .test_media import assert_image, fetch

IMAGE = "https://cdn.runapi.ai/public/samples/image.jpg"
QWEN_2_1 = "/api/v1/qwen_2_1"
QWEN_3 = "/api/v1/qwen_3"
QWEN_IMAGE = "/api/v1/qwen_image"
FLUX = "/api/v1/flux"
GPT_IMAGE_2_5 = "/api/v1/gpt_image_2_5"

BODIES: dict[str, dict[str, Any]] = {
    f"{QWEN_2_1}/text_to_image": {
        "model": "qwen-2.1-text-to-image",
        "prompt": "A neon city street after rain, cinematic",
        "aspect_ratio": "16:9",
    },
    f"{QWEN_2_1}/edit_image": {
        "model": "qwen-2.1-edit-image",
        "prompt": "Replace the background with a neon-lit city skyline",
        "source_image_urls": [IMAGE],
    },
    f"{QWEN_3}/text_to_image": {
        "model": "qwen-3-text-to-image",
        "prompt": "A neon city street after rain, cinematic",
        "aspect_ratio": "16:9",
    },
    f"{QWEN_3}/edit_image": {
        "model": "qwen-3-edit-image",
        "prompt": "Replace the background with a neon-lit city skyline",
        "source_image_urls": [IMAGE],
    },
    f"{QWEN_IMAGE}/text_to_image": {
        "model": "qwen-image-text-to-image",
        "prompt": "A neon city street after rain, cinematic",
        "aspect_ratio": "16:9",
    },
    f"{QWEN_IMAGE}/remix_image": {
        "model": "qwen-image-remix-image",
        "prompt": "As a watercolor",
        "source_image_url": IMAGE,
        "strength": 0.8,
    },
    f"{QWEN_IMAGE}/edit_image": {
        "model": "qwen-image-edit-image",
        "prompt": "Replace the background with a neon-lit city skyline",
        "source_image_url": IMAGE,
    },
    f"{FLUX}/text_to_image": {
        "model": "flux-pro",
        "prompt": "A cinematic product photo on warm paper",
        "aspect_ratio": "1:1",
    },
    f"{FLUX}/remix_image": {
        "model": "flux-pro",
        "prompt": "Turn this product shot into a warm editorial photo",
        "source_image_url": IMAGE,
        "aspect_ratio": "1:1",
    },
    f"{GPT_IMAGE_2_5}/text_to_image": {
        "model": "gpt-image-2.5-flare",
        "prompt": "A precise product render on white marble",
        "aspect_ratio": "1:1",
        "output_resolution": "1k",
    },
    f"{GPT_IMAGE_2_5}/edit_image": {
        "model": "gpt-image-2.5-sunburst",
        "prompt": "Change the background to a botanical studio",
        "source_image_urls": [IMAGE],
    },
}
PATHS = frozenset(BODIES)
"""The rows this module covers (``test_image.py`` covers the documented families' rows)."""

REQUIRED = {
    f"{QWEN_2_1}/text_to_image": ("model", "prompt"),
    f"{QWEN_2_1}/edit_image": ("model", "prompt", "source_image_urls"),
    f"{QWEN_3}/text_to_image": ("model", "prompt"),
    f"{QWEN_3}/edit_image": ("model", "prompt", "source_image_urls"),
    f"{QWEN_IMAGE}/text_to_image": ("model", "prompt"),
    f"{QWEN_IMAGE}/remix_image": ("model", "prompt", "source_image_url"),
    f"{QWEN_IMAGE}/edit_image": ("model", "prompt", "source_image_url"),
    f"{FLUX}/text_to_image": ("model", "prompt"),
    f"{FLUX}/remix_image": ("model", "prompt", "source_image_url"),
    f"{GPT_IMAGE_2_5}/text_to_image": ("model", "prompt"),
    f"{GPT_IMAGE_2_5}/edit_image": ("model", "prompt", "source_image_urls"),
}

BAD_VALUES = [
    (f"{QWEN_2_1}/text_to_image", "model", "qwen-2-text-to-image"),
    (f"{QWEN_2_1}/edit_image", "model", "qwen-2.1-text-to-image"),
    (f"{QWEN_3}/text_to_image", "aspect_ratio", "5:4"),
    (f"{QWEN_3}/edit_image", "output_resolution", "4k"),
    (f"{QWEN_IMAGE}/text_to_image", "aspect_ratio", "21:9"),
    (f"{QWEN_IMAGE}/remix_image", "output_format", "webp"),
    (f"{QWEN_IMAGE}/edit_image", "model", "qwen-image-remix-image"),
    (f"{FLUX}/text_to_image", "output_count", 2),
    (f"{FLUX}/remix_image", "model", "flux-2-klein"),  # text_to_image only
    (f"{GPT_IMAGE_2_5}/text_to_image", "model", "gpt-image-2"),
    (f"{GPT_IMAGE_2_5}/edit_image", "aspect_ratio", "7:5"),
]


def test_every_row_is_tested_and_gathered() -> None:
    rows = {e.path for e in IMAGE_ENDPOINTS if e.path.startswith(tuple(f"{p.rsplit('/', 1)[0]}/" for p in PATHS))}
    assert rows == PATHS == set(REQUIRED) == {path for path, _, _ in BAD_VALUES}
    assert all(BY_PATH[path].path == path and not BY_PATH[path].direct for path in PATHS)


@pytest.mark.parametrize("path", sorted(PATHS))
def test_the_example_body_is_created_then_completed_with_a_served_png(
    api: Api, fake_clock: FakeClock, path: str
) -> None:
    created = api.post(path, BODIES[path])
    assert created.status_code == 202, created.text
    assert created.json()["status"] == "processing"

    done = run(api, fake_clock, path, BODIES[path])
    assert done["status"] == "completed"
    assert {"id", "status", "images"} <= set(done)  # (the platform may add keys such as usage)
    (image,) = done["images"]
    assert list(image) == ["url"] and image["url"].endswith(".png")
    assert_image(fetch(image["url"]), "png")


@pytest.mark.parametrize(("path", "field"), [(p, f) for p, fields in REQUIRED.items() for f in fields], ids=str)
def test_missing_required_parameter_is_400(api: Api, path: str, field: str) -> None:
    body = {k: v for k, v in BODIES[path].items() if k != field}
    response = api.post(path, body)
    assert (response.status_code, response.json()) == (400, {"error": f"Missing required parameter: {field}"})
    assert api.emulator.tasks() == []


@pytest.mark.parametrize(("path", "field", "value"), BAD_VALUES, ids=str)
def test_value_outside_the_contract_choices_is_422(api: Api, path: str, field: str, value: Any) -> None:
    response = api.post(path, dict(BODIES[path], **{field: value}))
    assert (response.status_code, response.json()) == (422, {"error": f"Invalid {field}: {value}"})
    assert api.emulator.tasks() == []


def test_qwen_2_1_aspect_ratios_are_not_checked_since_none_are_published(api: Api) -> None:
    path = f"{QWEN_2_1}/text_to_image"
    assert api.post(path, dict(BODIES[path], aspect_ratio="7:3")).status_code == 202


@pytest.mark.parametrize(
    ("aspect_ratio", "resolution", "ok"),
    [("1:1", "2k", True), ("1:1", "4k", False), ("auto", "2k", False), (None, "2k", False), ("16:9", "4k", True)],
)
def test_gpt_image_2_5_resolution_follows_the_aspect_ratio(
    api: Api, aspect_ratio: str | None, resolution: str, ok: bool
) -> None:
    body: dict[str, Any] = {"model": "gpt-image-2.5-flare", "prompt": "p", "output_resolution": resolution}
    if aspect_ratio is not None:
        body["aspect_ratio"] = aspect_ratio
    response = api.post(f"{GPT_IMAGE_2_5}/text_to_image", body)
    assert response.status_code == (202 if ok else 422), response.text
