"""Every Midjourney operation, called through the SDK against the emulator over real HTTP, on both clients.

The family is not registered on the client yet, so each test binds it directly
(``runapi.midjourney.Midjourney(client)``; on the async client, the family of the async client, seen
as blocking). The task operations run to downloadable media; the three hybrid helpers are called
both ways the platform may answer them: at once, and ``202`` + ``Location`` followed to the stored
answer (the emulator answers so when asked with ``Prefer: respond-async``). The SDK's tables and
the emulator's were written independently from the platform contract and the official packages, so
each run checks both. The client's sleep is the fake clock, so nothing here sleeps for real.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import runapi
from runapi._core.operations import DirectOperation, TaskOperation
from runapi.emulator import Emulator
from runapi.midjourney import ImageTask, Midjourney, Prompts, Seed, VideoTask
from tests.conftest import FakeClock
from tests.integration.clients import Blocking, open_client
from tests.integration.conftest import EMULATOR_KEY
from tests.integration.helpers import assert_typed, is_mp4, is_png, saved, sent

pytestmark = pytest.mark.integration

IMAGE = "https://cdn.runapi.ai/public/samples/image.jpg"
T2I = {"model": "midjourney-v8.1", "prompt": "A cobalt blue ceramic vase on white marble"}  # the README's
_HELPERS = ("get_seed", "image_to_prompt", "shorten_prompt")


def bind(client: Any) -> Any:
    """Midjourney bound to ``client``: on the async client, to the async client itself, seen as blocking."""
    if isinstance(client, Blocking):
        return Blocking(Midjourney(client._target))
    return Midjourney(client)


@pytest.fixture(params=["sync", "async"])
def accepting(request: pytest.FixtureRequest, emu: Emulator, clock: FakeClock) -> Iterator[Any]:
    """A client whose direct calls ask the emulator for ``202`` + ``Location`` (``Prefer: respond-async``)."""
    headers = {"Prefer": "respond-async"}
    with open_client(request.param, clock, api_key=EMULATOR_KEY, base_url=emu.url, default_headers=headers) as c:
        yield c


@pytest.mark.parametrize(
    ("params", "count"),
    [(T2I, 1), ({**T2I, "include_split_images": True, "enable_prompt_translation": True}, 5)],
    ids=["grid", "split"],
)
def test_text_to_image_runs_to_downloadable_pngs_with_an_image_id(
    client: runapi.Client, emu: Emulator, tmp_path: Path, params: dict[str, Any], count: int
) -> None:
    task = bind(client).text_to_image.run(**params)
    assert isinstance(task, ImageTask) and task.is_completed
    assert len(task.images) == count and task.image_id and isinstance(task.progress, int)
    assert all(is_png(data) for data in saved(client, task, tmp_path))
    assert sent(emu, task) == params


def test_edit_image_runs_to_a_downloadable_png(client: runapi.Client, emu: Emulator, tmp_path: Path) -> None:
    params = {
        "model": "midjourney-edit-image",
        "prompt": "Make it a watercolor",
        "source_image_url": IMAGE,
        "mask_url": IMAGE,
    }
    task = bind(client).edit_image.run(**params)
    assert isinstance(task, ImageTask) and len(task.images) == 1 and task.image_id
    assert all(is_png(data) for data in saved(client, task, tmp_path))
    assert sent(emu, task) == params


def test_image_to_video_then_extend_video_run_to_downloadable_mp4s(
    client: runapi.Client, emu: Emulator, tmp_path: Path
) -> None:
    midjourney = bind(client)
    params = {
        "model": "midjourney-image-to-video",
        "source_image_url": IMAGE,
        "last_frame_image_url": IMAGE,
        "prompt": "A product render",
        "output_resolution": "480p",
        "enable_loop": True,
    }
    video = midjourney.image_to_video.run(**params)
    assert isinstance(video, VideoTask) and len(video.videos) == 1 and video.video_id
    assert all(is_mp4(data) for data in saved(client, video, tmp_path / "video"))
    assert sent(emu, video) == params

    extended = midjourney.extend_video.run(source_task_id=video.id, prompt="Continue the camera orbit")
    assert isinstance(extended, VideoTask) and extended.video_id != video.video_id
    assert all(is_mp4(data) for data in saved(client, extended, tmp_path / "extended"))
    assert sent(emu, extended) == {"source_task_id": video.id, "prompt": "Continue the camera orbit"}


def test_an_extension_of_an_extension_is_not_found(client: runapi.Client) -> None:
    midjourney = bind(client)
    video = midjourney.image_to_video.run(model="midjourney-image-to-video", source_image_url=IMAGE)
    extended = midjourney.extend_video.run(source_task_id=video.id)
    with pytest.raises(runapi.NotFoundError):
        midjourney.extend_video.create(source_task_id=extended.id)


def _helpers(client: Any) -> tuple[Seed, Prompts, Prompts]:
    midjourney = bind(client)
    image = midjourney.text_to_image.run(**T2I)
    assert image.image_id
    seed = midjourney.get_seed(image_id=image.image_id)
    described = midjourney.image_to_prompt(source_image_url=IMAGE)
    shortened = midjourney.shorten_prompt(prompt="A detailed cinematic mountain landscape at dawn")
    return seed, described, shortened


def _assert_helpers(seed: Seed, described: Prompts, shortened: Prompts) -> None:
    assert isinstance(seed, Seed) and isinstance(seed.seed, int) and seed.error is None
    assert_typed(seed, seed.raw)
    assert isinstance(described, Prompts) and len(described.prompts) == 4
    assert isinstance(shortened, Prompts) and shortened.prompts
    assert len(shortened.prompts[0]) < len("A detailed cinematic mountain landscape at dawn")


def test_the_helpers_answer_at_once_typed(client: runapi.Client, emu: Emulator) -> None:
    before = len(emu.requests())
    _assert_helpers(*_helpers(client))
    helper_calls = [e for e in emu.requests()[before:] if e["path"].rsplit("/", 1)[-1] in _HELPERS]
    assert [(e["method"], e["status"]) for e in helper_calls] == [("POST", 200)] * 3


def test_the_helpers_accepted_with_202_follow_the_location_to_the_same_typed_answers(
    accepting: Any, emu: Emulator, clock: FakeClock
) -> None:
    before = len(emu.requests())
    _assert_helpers(*_helpers(accepting))
    requests = emu.requests()[before:]
    helper_posts = [(e["path"].rsplit("/", 1)[-1], e["status"]) for e in requests if e["method"] == "POST"][1:]
    assert helper_posts == [(name, 202) for name in _HELPERS]  # after text_to_image's create
    calls = [(e["method"], e["path"].rsplit("/", 1)[0], e["status"]) for e in requests]
    assert calls[-3:] == [
        ("POST", "/api/v1/midjourney", 202),
        ("GET", "/api/v1/tasks", 200),  # processing, Retry-After: 1
        ("GET", "/api/v1/tasks", 200),  # completed: the stored answer
    ]


def test_a_seed_of_an_unknown_image_is_not_found_and_a_failed_helper_raises(
    client: runapi.Client, accepting: Any
) -> None:
    with pytest.raises(runapi.NotFoundError):
        bind(client).get_seed(image_id="not-an-image")
    for c in (client, accepting):
        with pytest.raises(runapi.TaskFailedError) as info:
            bind(c).shorten_prompt(prompt="emulator:fail")
        assert info.value.task.error == "Generation failed"


def test_a_rule_of_the_sources_is_refused_before_any_request(client: runapi.Client, emu: Emulator) -> None:
    before = len(emu.requests())
    with pytest.raises(runapi.ValidationError) as info:
        bind(client).extend_video.create(source_task_id="x", model="midjourney-image-to-video")
    assert info.value.field == "model"
    with pytest.raises(runapi.ValidationError) as info:
        bind(client).image_to_prompt(source_image_url="image.jpg")
    assert info.value.field == "source_image_url"
    assert len(emu.requests()) == before


def test_every_operation_is_run_here() -> None:
    """A new Midjourney operation without an end-to-end test here fails."""
    declared = {name for name, value in vars(Midjourney).items() if isinstance(value, TaskOperation | DirectOperation)}
    assert declared == {"text_to_image", "edit_image", "image_to_video", "extend_video", *_HELPERS}
