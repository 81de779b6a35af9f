"""The emulator's Midjourney rows, over real HTTP with plain ``requests``.

Their facts come from the platform contract (``/work/shared/platform/platform-contract.json``:
paths, kinds, model ids, ``output_resolution``) and the official packages (``runapi-midjourney``
0.6.0's response models; RunAPI's generated contract in ``runapi-ai/core-sdk``: required fields;
the PHP package's tests: example bodies and answers). The bodies below are the PHP package's test
bodies (``edit_image``, which none prints, is built from its parameter list).
"""

from __future__ import annotations

from typing import Any

import pytest

from runapi.emulator._catalog import BY_PATH
from runapi.emulator._midjourney import ENDPOINTS as MIDJOURNEY_ENDPOINTS

from .conftest import COMPLETE_AFTER, Api, FakeClock, complete as run
from .test_media import assert_image, assert_mp4, fetch

IMAGE = "https://cdn.runapi.ai/public/samples/image.jpg"
MJ = "/api/v1/midjourney"
T2I = f"{MJ}/text_to_image"
EDIT = f"{MJ}/edit_image"
I2V = f"{MJ}/image_to_video"
EXTEND = f"{MJ}/extend_video"
GET_SEED = f"{MJ}/get_seed"
IMAGE_TO_PROMPT = f"{MJ}/image_to_prompt"
SHORTEN = f"{MJ}/shorten_prompt"

BODIES: dict[str, dict[str, Any]] = {
    T2I: {
        "model": "midjourney-v8.1",
        "enable_prompt_translation": True,
        "include_split_images": True,
        "prompt": "A product render",
    },
    EDIT: {"model": "midjourney-edit-image", "prompt": "Make it a watercolor", "source_image_url": IMAGE},
    I2V: {
        "model": "midjourney-image-to-video",
        "enable_loop": True,
        "last_frame_image_url": IMAGE,
        "output_resolution": "480p",
        "prompt": "A product render",
        "source_image_url": IMAGE,
    },
    EXTEND: {"source_task_id": "<a completed image_to_video task>", "prompt": "Continue the camera orbit"},
    GET_SEED: {"image_id": "<a completed image task's image_id>"},
    IMAGE_TO_PROMPT: {"source_image_url": IMAGE},
    SHORTEN: {"prompt": "A detailed cinematic mountain landscape"},
}
TASKS = (T2I, EDIT, I2V, EXTEND)
DIRECT = (GET_SEED, IMAGE_TO_PROMPT, SHORTEN)

REQUIRED = {
    T2I: ("model", "prompt"),
    EDIT: ("model", "prompt", "source_image_url"),
    I2V: ("model", "source_image_url"),
    EXTEND: ("source_task_id",),
    GET_SEED: ("image_id",),
    IMAGE_TO_PROMPT: ("source_image_url",),
    SHORTEN: ("prompt",),
}

BAD_VALUES = [
    (T2I, "model", "midjourney-v7"),
    (EDIT, "model", "midjourney-v8.1"),
    (I2V, "model", "midjourney-v8.1"),
    (I2V, "output_resolution", "720p"),
]


def completed(api: Api, clock: FakeClock, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    return run(api, clock, path, BODIES[path] if body is None else body)


def test_every_row_is_tested_and_gathered() -> None:
    assert {e.path for e in MIDJOURNEY_ENDPOINTS} == set(BODIES) == set(REQUIRED)
    assert all(BY_PATH[path].path == path for path in BODIES)
    assert {path for path in BODIES if BY_PATH[path].direct} == set(DIRECT)


@pytest.mark.parametrize(("path", "count"), [(T2I, 5), (EDIT, 1)], ids=["split", "grid"])
def test_an_image_task_completes_with_served_pngs_and_an_image_id(
    api: Api, fake_clock: FakeClock, path: str, count: int
) -> None:
    done = completed(api, fake_clock, path)
    assert {"id", "status", "images", "image_id", "progress"} <= set(done)
    assert done["image_id"] and type(done["progress"]) is int
    assert len(done["images"]) == count  # the grid, and its four quadrants with include_split_images
    for image in done["images"]:
        assert list(image) == ["url"] and image["url"].endswith(".png")
        assert_image(fetch(image["url"]), "png")


def test_image_to_video_then_extend_video_complete_with_served_mp4s(api: Api, fake_clock: FakeClock) -> None:
    video = completed(api, fake_clock, I2V)
    assert {"id", "status", "videos", "video_id", "progress"} <= set(video)
    extended = completed(api, fake_clock, EXTEND, dict(BODIES[EXTEND], source_task_id=video["id"]))
    for done in (video, extended):
        (item,) = done["videos"]
        assert list(item) == ["url"] and item["url"].endswith(".mp4")
        assert_mp4(fetch(item["url"]))
    assert extended["video_id"] != video["video_id"]


def test_extend_video_needs_a_completed_image_to_video_task_and_cannot_be_chained(
    api: Api, fake_clock: FakeClock
) -> None:
    pending = api.create(I2V, BODIES[I2V])
    response = api.post(EXTEND, dict(BODIES[EXTEND], source_task_id=pending))
    assert (response.status_code, response.json()) == (422, {"error": "Records are being generated"})
    fake_clock.advance(COMPLETE_AFTER)
    extension = completed(api, fake_clock, EXTEND, dict(BODIES[EXTEND], source_task_id=pending))
    chained = api.post(EXTEND, dict(BODIES[EXTEND], source_task_id=extension["id"]))
    assert (chained.status_code, chained.json()) == (404, {"error": "Task not found"})
    image = completed(api, fake_clock, EDIT)
    assert api.post(EXTEND, dict(BODIES[EXTEND], source_task_id=image["id"])).status_code == 404


def test_get_seed_answers_at_once_for_a_completed_images_id_and_the_same_seed_twice(
    api: Api, fake_clock: FakeClock
) -> None:
    image_id = completed(api, fake_clock, T2I)["image_id"]
    first = api.post(GET_SEED, {"image_id": image_id})
    assert first.status_code == 200, first.text
    assert type(first.json()["seed"]) is int
    assert api.post(GET_SEED, {"image_id": image_id}).json() == first.json()
    assert completed(api, fake_clock, EDIT)["image_id"] != image_id  # edit_image's ids are taken too
    unknown = api.post(GET_SEED, {"image_id": "not-an-image"})
    assert (unknown.status_code, unknown.json()) == (404, {"error": "Task not found"})


def test_get_seed_refuses_an_image_not_completed_yet(api: Api) -> None:
    pending = api.create(T2I, BODIES[T2I])
    response = api.post(GET_SEED, {"image_id": pending})
    assert (response.status_code, response.json()) == (422, {"error": "Records are being generated"})


@pytest.mark.parametrize("path", [IMAGE_TO_PROMPT, SHORTEN])
def test_the_prompt_helpers_answer_prompts_at_once(api: Api, path: str) -> None:
    response = api.post(path, BODIES[path])
    assert response.status_code == 200, response.text
    prompts = response.json()["prompts"]
    assert prompts and all(isinstance(p, str) and p for p in prompts)
    if path == SHORTEN:
        assert len(prompts[0]) < len(BODIES[SHORTEN]["prompt"])


def test_a_helper_asked_to_respond_async_is_accepted_then_stored(api: Api) -> None:
    response = api.post(SHORTEN, BODIES[SHORTEN], headers={"Prefer": "respond-async"})
    assert response.status_code == 202 and response.json()["status"] == "processing"
    location = response.headers["Location"]
    assert location.startswith(api.emulator.url + "/api/v1/tasks/") and response.headers["Retry-After"] == "1"
    path = location.removeprefix(api.emulator.url)
    assert api.get(path).json()["status"] == "processing"
    ended = api.get(path).json()
    assert ended["status"] == "completed"
    assert ended["response"]["content_type"] == "application/json"
    assert ended["response"]["body"]["prompts"]


def test_a_failed_helper_answers_a_failed_shaped_body(api: Api) -> None:
    response = api.post(SHORTEN, {"prompt": "emulator:fail"})
    assert response.status_code == 200
    assert response.json()["status"] == "failed" and response.json()["error"] == "Generation failed"


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
