"""The emulator's rows against the platform contract (``tests/contract/platform-contract.json``) for GPT Image 2,
Nano Banana, Seedream, Flux 2, Imagen 4 and ElevenLabs, over real HTTP with plain ``requests``; and Seedream's
``decompose_layers`` row (the official ``runapi-seedream`` package's endpoint, no docs section).

Every model id and enum value the contract lists for an action is accepted (202); values outside the newer lists are
refused as before (422). The bodies below are minimal valid bodies built from the official packages' required fields.
"""

from __future__ import annotations

from typing import Any

import pytest

from runapi.emulator._catalog import BY_PATH
from tests.contract.coverage import contract, data_placeholder

from .conftest import Api, FakeClock, complete as run
from .test_media import assert_image, fetch

IMAGE = "https://cdn.runapi.ai/public/samples/image.jpg"
AUDIO = "https://cdn.runapi.ai/public/samples/audio.mp3"
LAYERS_PATH = "/api/v1/seedream/decompose_layers"
PATHS = frozenset({LAYERS_PATH})
"""The rows this module covers alone (``test_image.py`` covers the documented families' rows)."""

FAMILIES = ("gpt-image-2", "nano-banana", "seedream", "flux-2", "imagen-4", "elevenlabs")

# A minimal valid body per path (model filled in per case); fields some models require are added below.
BASES: dict[str, dict[str, Any]] = {
    "/api/v1/gpt_image_2/text_to_image": {"prompt": "A poster"},
    "/api/v1/gpt_image_2/edit_image": {"prompt": "Make it blue", "source_image_urls": [IMAGE]},
    "/api/v1/nano_banana/text_to_image": {"prompt": "A banana"},
    "/api/v1/nano_banana/edit_image": {"prompt": "Add a hat", "source_image_urls": [IMAGE]},
    "/api/v1/seedream/text_to_image": {"prompt": "A lighthouse"},
    "/api/v1/seedream/edit_image": {"prompt": "A lighthouse", "source_image_urls": [IMAGE]},
    LAYERS_PATH: {"image_url": IMAGE},
    "/api/v1/flux_2/text_to_image": {"prompt": "An astronaut"},
    "/api/v1/flux_2/remix_image": {"prompt": "As an oil painting", "source_image_urls": [IMAGE]},
    "/api/v1/imagen_4/text_to_image": {"prompt": "A fox"},
    "/api/v1/imagen_4/remix_image": {"prompt": "A fox", "source_image_urls": [IMAGE]},
    "/api/v1/elevenlabs/text_to_speech": {"text": "Hello", "voice": "Rachel"},
    "/api/v1/elevenlabs/text_to_dialogue": {"dialogue": [{"text": "Hi", "voice": "Rachel"}]},
    "/api/v1/elevenlabs/text_to_sound": {"text": "Rain on a tin roof"},
    "/api/v1/elevenlabs/speech_to_text": {"source_audio_url": AUDIO},
    "/api/v1/elevenlabs/isolate_audio": {"source_audio_url": AUDIO},
}
SEEDREAM_QUALITY = {"aspect_ratio": "1:1", "output_quality": "high"}  # required for 4.5, 5-Lite and 5 Pro


def body(path: str, model: str | None, **fields: Any) -> dict[str, Any]:
    result: dict[str, Any] = {**BASES[path], **({} if model is None else {"model": model})}
    if path.startswith("/api/v1/seedream/") and path != LAYERS_PATH and model is not None and "-v4-" not in model:
        result.update(SEEDREAM_QUALITY)
    return {**result, **fields}


def _actions() -> list[dict[str, Any]]:
    return [action for action in contract()["actions"] if action["family"] in FAMILIES]


MODEL_CASES = [
    pytest.param(action["path"], model, id=f"{action['action']}-{model}")
    for action in _actions()
    for model in action["models"]
]
VALUE_CASES = [
    pytest.param(
        action["path"],
        None if model == data_placeholder(contract()) else model,
        name,
        value,
        id=f"{action['action']}-{model}-{name}-{value}",
    )
    for action in _actions()
    for model, fields in action["fields_by_model"].items()
    for name, facts in fields.items()
    for value in facts.get("enum", ())
]


def test_every_path_of_the_families_has_a_base_body_and_a_row() -> None:
    paths = {action["path"] for action in _actions()} | PATHS
    assert paths == set(BASES)
    assert all(path in BY_PATH for path in paths)


@pytest.mark.parametrize(("path", "model"), MODEL_CASES)
def test_every_platform_contract_model_is_accepted(api: Api, path: str, model: str) -> None:
    response = api.post(path, body(path, model))
    assert response.status_code == 202, response.text


@pytest.mark.parametrize(("path", "model", "name", "value"), VALUE_CASES)
def test_every_platform_contract_value_is_accepted(
    api: Api, path: str, model: str | None, name: str, value: Any
) -> None:
    fields: dict[str, Any] = {name: value}
    if path.startswith("/api/v1/gpt_image_2/") and name == "output_resolution":
        fields["aspect_ratio"] = "16:9"  # "A 1:1 image cannot be 4k; auto/unset only supports 1k"
    response = api.post(path, body(path, model, **fields))
    assert response.status_code == 202, response.text


@pytest.mark.parametrize(
    ("path", "model", "field", "value"),
    [
        ("/api/v1/nano_banana/edit_image", "nano-banana-edit", "aspect_ratio", "1:4"),  # nano-banana-2-lite only
        ("/api/v1/nano_banana/edit_image", "nano-banana-2-lite", "aspect_ratio", "2:1"),
        ("/api/v1/nano_banana/edit_image", "nano-banana-2", "model", "nano-banana-2"),  # text-to-image only
        ("/api/v1/seedream/text_to_image", "seedream-4.5-text-to-image", "output_format", "png"),  # 5-Lite, 5 Pro
        ("/api/v1/seedream/edit_image", "seedream-v4-edit", "output_format", "jpeg"),
        ("/api/v1/seedream/text_to_image", "seedream-5-pro-text-to-image", "output_format", "webp"),
        ("/api/v1/flux_2/text_to_image", "flux-2-max-text-to-image", "output_resolution", "2k"),  # max: 1k only
        ("/api/v1/flux_2/remix_image", "flux-2-max-remix-image", "aspect_ratio", "auto"),
        ("/api/v1/flux_2/text_to_image", "flux-2-max-text-to-image", "output_count", 2),
        ("/api/v1/imagen_4/text_to_image", "imagen-4", "aspect_ratio", "auto"),  # imagen-4-fast only
        ("/api/v1/gpt_image_2/text_to_image", "gpt-image-2", "aspect_ratio", "7:3"),
        ("/api/v1/elevenlabs/text_to_sound", "sound-effect-v2", "model", "sound-effect-v1"),
        ("/api/v1/elevenlabs/text_to_sound", "sound-effect-v2", "output_format", "mp3_44100_320"),
        ("/api/v1/elevenlabs/isolate_audio", "audio-isolation", "model", "speech-to-text"),
        (LAYERS_PATH, "seedream-5-pro-layer-decomposition", "size", "4K"),
        (LAYERS_PATH, "seedream-5-pro-layer-decomposition", "model", "seedream-5-pro-edit"),
    ],
    ids=str,
)
def test_a_value_outside_the_newer_lists_is_422(api: Api, path: str, model: str, field: str, value: Any) -> None:
    response = api.post(path, {**body(path, model), field: value})
    assert (response.status_code, response.json()) == (422, {"error": f"Invalid {field}: {value}"})
    assert api.emulator.tasks() == []


def test_elevenlabs_tasks_without_a_model_are_still_accepted(api: Api) -> None:
    # the official package sends no model for these four; the contract names one each
    for name in ("text_to_dialogue", "text_to_sound", "speech_to_text", "isolate_audio"):
        path = f"/api/v1/elevenlabs/{name}"
        assert api.post(path, BASES[path]).status_code == 202, name


# -- Seedream decompose_layers (the official runapi-seedream package) ---------------------------------


@pytest.mark.parametrize("fmt", ["png", "jpeg"])
def test_decompose_layers_completes_with_a_base_image_and_layers_in_the_requested_format(
    api: Api, fake_clock: FakeClock, fmt: str
) -> None:
    done = run(api, fake_clock, LAYERS_PATH, body(LAYERS_PATH, "seedream-5-pro-layer-decomposition", output_format=fmt))
    assert {"id", "status", "base_image", "layers"} <= set(done)
    assert done["base_image"]["url"].endswith(f".{fmt}")
    assert_image(fetch(done["base_image"]["url"]), fmt)
    assert [layer["z_index"] for layer in done["layers"]] == [1, 2]
    for layer in done["layers"]:
        assert_image(fetch(layer["url"]), fmt)


@pytest.mark.parametrize("field", ["model", "image_url"])
def test_decompose_layers_needs_its_model_and_image(api: Api, field: str) -> None:
    sent = {k: v for k, v in body(LAYERS_PATH, "seedream-5-pro-layer-decomposition").items() if k != field}
    response = api.post(LAYERS_PATH, sent)
    assert (response.status_code, response.json()) == (400, {"error": f"Missing required parameter: {field}"})
