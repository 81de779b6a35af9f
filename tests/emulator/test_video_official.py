"""The emulator's rows for the video families the docs do not cover, over real HTTP with plain ``requests``.

PixVerse: paths, the model id and the enums come from the platform contract
(``/work/shared/platform/platform-contract.json``, ``pixverse/*``), the required fields from the
official repository's contract (``runapi-ai/pixverse-sdk`` ``contract_gen.py``) and the result
(``videos: [{url}]``, ``source_task_id``) from the package's response models. Vidu: the official
package ``runapi-vidu`` 0.1.0 only (paths, the README's required fields and example body; no model
list, so no model is refused). Each create body is the official test's or README's example, with
the contract's required fields.
"""

from __future__ import annotations

from typing import Any

import pytest

from runapi.emulator._catalog import BY_PATH
from runapi.emulator._video import ENDPOINTS as VIDEO_ENDPOINTS

from .conftest import Api, FakeClock, complete as run, finish
from .test_media import assert_mp4, fetch

PIXVERSE = "/api/v1/pixverse"
VIDU = "/api/v1/vidu"
SAMPLES = "https://cdn.runapi.ai/public/samples"
TASK = "<task>"  # replaced by the id of a completed source task

# the official package's test bodies (runapi-ai/pixverse-sdk python/tests/test_client.py)
_PIXVERSE_COMMON = {
    "model": "pixverse-v6",
    "prompt": "A lantern crosses the night sky",
    "output_resolution": "720p",
    "duration_seconds": 5,
}

BODIES: dict[str, dict[str, Any]] = {
    f"{PIXVERSE}/text_to_video": {**_PIXVERSE_COMMON, "aspect_ratio": "16:9"},
    f"{PIXVERSE}/image_to_video": {**_PIXVERSE_COMMON, "first_frame_image_url": f"{SAMPLES}/first.png"},
    f"{PIXVERSE}/edit_video": {
        **_PIXVERSE_COMMON,
        "reference_image_urls": [f"{SAMPLES}/reference.png"],
        "aspect_ratio": "16:9",
    },
    f"{PIXVERSE}/transition_video": {
        **_PIXVERSE_COMMON,
        "first_frame_image_url": f"{SAMPLES}/first.png",
        "last_frame_image_url": f"{SAMPLES}/last.png",
    },
    f"{PIXVERSE}/extend_video": {**_PIXVERSE_COMMON, "source_task_id": TASK},
    # Vidu: the README's quick start (reference); the resource docstring's fields (image)
    f"{VIDU}/image_to_video": {"model": "vidu-q4-image-to-video", "first_frame_image_url": f"{SAMPLES}/image.jpg"},
    f"{VIDU}/reference_to_video": {
        "model": "vidu-q4-reference-to-video",
        "prompt": "Animate the referenced scene with a slow camera pan",
        "reference_image_urls": [f"{SAMPLES}/image.jpg"],
        "audio": False,
    },
}
PATHS = frozenset(BODIES)
"""The rows this module covers (``test_video.py`` covers the documented families' rows)."""

_PIXVERSE_REQUIRED = ("model", "prompt", "output_resolution", "duration_seconds")
REQUIRED = {
    f"{PIXVERSE}/text_to_video": (*_PIXVERSE_REQUIRED, "aspect_ratio"),
    f"{PIXVERSE}/image_to_video": (*_PIXVERSE_REQUIRED, "first_frame_image_url"),
    f"{PIXVERSE}/edit_video": (*_PIXVERSE_REQUIRED, "reference_image_urls", "aspect_ratio"),
    f"{PIXVERSE}/transition_video": (*_PIXVERSE_REQUIRED, "first_frame_image_url", "last_frame_image_url"),
    f"{PIXVERSE}/extend_video": (*_PIXVERSE_REQUIRED, "source_task_id"),
    f"{VIDU}/image_to_video": ("model", "first_frame_image_url"),
    f"{VIDU}/reference_to_video": ("model", "prompt", "reference_image_urls"),
}

BAD_VALUES = [
    (f"{PIXVERSE}/text_to_video", "aspect_ratio", "5:4"),
    (f"{PIXVERSE}/image_to_video", "output_resolution", "4k"),
    (f"{PIXVERSE}/edit_video", "model", "pixverse-v5"),
    (f"{PIXVERSE}/transition_video", "output_resolution", "480p"),
    (f"{PIXVERSE}/extend_video", "model", "pixverse-v5"),
]


def prepare(api: Api, clock: FakeClock, path: str) -> dict[str, Any]:
    """The path's body, with a ``source_task_id`` naming a completed text_to_video task."""
    body = dict(BODIES[path])
    if body.get("source_task_id") == TASK:
        source = f"{PIXVERSE}/text_to_video"
        body["source_task_id"] = run(api, clock, source, BODIES[source])["id"]
    return body


def test_every_row_is_tested_and_gathered() -> None:
    families = (f"{PIXVERSE}/", f"{VIDU}/")
    rows = {e.path for e in VIDEO_ENDPOINTS if e.path.startswith(families)}
    assert rows == PATHS == set(REQUIRED)
    assert {path for path, _, _ in BAD_VALUES} == {path for path in PATHS if path.startswith(PIXVERSE)}
    assert all(BY_PATH[path].path == path and not BY_PATH[path].direct for path in PATHS)


@pytest.mark.parametrize("path", sorted(PATHS))
def test_the_example_body_is_created_then_completed_with_a_served_mp4(
    api: Api, fake_clock: FakeClock, path: str
) -> None:
    body = prepare(api, fake_clock, path)
    created = api.post(path, body)
    assert created.status_code == 202, created.text
    assert set(created.json()) == {"id", "status"} and created.json()["status"] == "processing"

    done = finish(api, fake_clock, path, created.json()["id"])
    assert done["status"] == "completed"
    assert {"id", "status", "videos"} <= set(done)  # (the platform may add keys such as usage)
    (video,) = done["videos"]
    assert list(video) == ["url"] and video["url"].endswith(".mp4")
    assert_mp4(fetch(video["url"]))


def test_pixverse_extend_video_names_its_source_task(api: Api, fake_clock: FakeClock) -> None:
    path = f"{PIXVERSE}/extend_video"
    body = prepare(api, fake_clock, path)
    done = run(api, fake_clock, path, body)
    assert done["source_task_id"] == body["source_task_id"]
    assert list(done)[:3] == ["id", "status", "source_task_id"]


def test_pixverse_extend_video_of_an_unknown_task_is_404(api: Api) -> None:
    path = f"{PIXVERSE}/extend_video"
    body = dict(BODIES[path], source_task_id="00000000-0000-4000-8000-000000000000")
    response = api.post(path, body)
    assert response.status_code == 404, response.text
    assert api.emulator.tasks() == []


@pytest.mark.parametrize(
    "source",
    [f"{PIXVERSE}/image_to_video", f"{PIXVERSE}/edit_video", f"{PIXVERSE}/transition_video"],
)
def test_pixverse_extend_video_continues_a_task_of_any_action(api: Api, fake_clock: FakeClock, source: str) -> None:
    source_id = run(api, fake_clock, source, BODIES[source])["id"]
    body = dict(BODIES[f"{PIXVERSE}/extend_video"], source_task_id=source_id)
    assert api.post(f"{PIXVERSE}/extend_video", body).status_code == 202


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


@pytest.mark.parametrize("path", [f"{VIDU}/image_to_video", f"{VIDU}/reference_to_video"])
def test_vidu_models_are_not_checked_since_no_list_is_published(api: Api, path: str) -> None:
    assert api.post(path, dict(BODIES[path], model="vidu-q5-preview")).status_code == 202
