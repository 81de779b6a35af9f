"""Nested fields structured on first read: a held task keeps its payload, not a second copy of it.

A completed task's ``images`` (a list of ``Image``) and ``usage`` (a ``TaskUsage``) are built from
``task.raw`` the first time they are read, when the payload's shape is sure to structure; any other
shape is structured (or refused) by ``from_dict`` itself. What a user sees must not change: the
same refusals at ``from_dict``, the same values, equality, ``repr``, ``to_dict``, ``attrs.asdict``,
``attrs.evolve``, hashing, copies and pickles, and the same object on every read. Each test here
compares against the converter's eager structuring (``_converter().structure``), the behaviour
before.
"""

from __future__ import annotations

import copy
import gc
import pickle
import threading
from typing import Any

import attrs
import pytest

import runapi
from runapi import nano_banana, suno, veo_3_1
from runapi._core.media import Image
from runapi._core.models import Task, TaskUsage, _converter, structure
from runapi.errors import APIResponseValidationError

COMPLETED: dict[str, Any] = {
    "id": "task_1",
    "status": "completed",
    "model": "nano-banana",
    "images": [{"url": "https://file.runapi.ai/a.png"}, {"url": "https://file.runapi.ai/b.png", "width": 1024}],
    "usage": {"cost": 0.02, "generated_images": 2},
}

NESTED_PAYLOADS: list[dict[str, Any]] = [
    COMPLETED,
    {"id": "t", "images": []},
    {"id": "t", "images": [{}]},  # an image without url: url None
    {"id": "t", "images": [{"url": None}]},
    {"id": "t", "images": [{"url": 5}]},  # an int url: the converter's str(), at once
    {"id": "t", "images": ({"url": "https://f/a.png"},)},  # a tuple: the converter's list, at once
    {"id": "t", "usage": {"cost": 1}},  # an int cost becomes a float
    {"id": "t", "usage": {"cost": "0.5"}},  # a string cost: the converter's float(), at once
    {"id": "t", "usage": {"cost": 0.1, "generated_images": None, "currency": "USD"}},
    {"id": "t", "usage": None},
    {"id": "t", "status": "processing"},  # no images: an empty list
]

MALFORMED: list[dict[str, Any]] = [
    {"id": "t", "images": "https://f/a.png"},  # not a list
    {"id": "t", "images": {"url": "https://f/a.png"}},  # an object, not a list of them
    {"id": "t", "images": ["https://f/a.png"]},  # an item that is not an object
    {"id": "t", "images": [{"url": "https://f/a.png"}, 7]},
    {"id": "t", "usage": {}},  # cost is required
    {"id": "t", "usage": {"cost": "free"}},
    {"id": "t", "usage": {"cost": 0.1, "generated_images": "two"}},
    {"id": "t", "usage": [0.1]},
]


def _eager(payload: dict[str, Any], cls: type[Task]) -> Any:
    """The task the converter builds, every nested value structured at once (the behaviour before)."""
    return _converter().structure(dict(payload), cls)


@pytest.mark.parametrize("payload", MALFORMED, ids=repr)
def test_a_malformed_nested_value_is_refused_by_from_dict_not_by_a_later_read(payload: dict[str, Any]) -> None:
    with pytest.raises(APIResponseValidationError, match="ImageTask"):
        nano_banana.ImageTask.from_dict(payload)


@pytest.mark.parametrize("payload", NESTED_PAYLOADS, ids=repr)
def test_values_equality_repr_and_to_dict_are_the_converters(payload: dict[str, Any]) -> None:
    task = nano_banana.ImageTask.from_dict(payload)
    expected = _eager(payload, nano_banana.ImageTask)
    assert repr(task) == repr(expected)
    assert task == expected and expected == task
    assert attrs.asdict(task) == attrs.asdict(expected)
    assert task.to_dict() == expected.to_dict()
    assert nano_banana.ImageTask.from_dict(task.to_dict()) == task


def test_types_are_the_declared_ones() -> None:
    task = runapi.Task.from_dict({"id": "t", "usage": {"cost": 1}})
    assert type(task.usage) is TaskUsage and task.usage.cost == 1.0 and type(task.usage.cost) is float
    images = nano_banana.ImageTask.from_dict(COMPLETED).images
    assert type(images) is list and [type(image) for image in images] == [Image, Image]
    assert [image.url for image in images] == ["https://file.runapi.ai/a.png", "https://file.runapi.ai/b.png"]


def test_a_nested_field_read_twice_is_the_same_object() -> None:
    task = nano_banana.ImageTask.from_dict(COMPLETED)
    images, usage = task.images, task.usage
    assert task.images is images and task.usage is usage
    assert task == _eager(COMPLETED, nano_banana.ImageTask) and task.images is images  # comparing reads the same
    assert task.output_urls == ["https://file.runapi.ai/a.png", "https://file.runapi.ai/b.png"]
    assert task.images is images


def test_threads_reading_it_first_all_get_the_one_object() -> None:
    for _ in range(20):
        task = nano_banana.ImageTask.from_dict(COMPLETED)
        start = threading.Barrier(4)
        seen: list[object] = []

        def read(
            task: nano_banana.ImageTask = task, start: threading.Barrier = start, seen: list[object] = seen
        ) -> None:
            start.wait()
            seen.append(task.images)

        threads = [threading.Thread(target=read) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert all(images is task.images for images in seen)


def test_a_held_task_keeps_no_structured_copy_until_read() -> None:
    task = nano_banana.ImageTask.from_dict(COMPLETED)
    held = gc.get_referents(task)
    assert not any(isinstance(value, (list, TaskUsage)) for value in held), held  # only raw holds the data
    assert task.raw["images"] is not None and task.images[0].url == "https://file.runapi.ai/a.png"
    assert task.images in gc.get_referents(task)  # cached once read


def test_evolve_copy_pickle_and_hash_are_unchanged() -> None:
    task = nano_banana.ImageTask.from_dict(COMPLETED)
    expected = _eager(COMPLETED, nano_banana.ImageTask)
    assert attrs.evolve(task, status="failed") == attrs.evolve(expected, status="failed")
    assert attrs.evolve(task).images == expected.images
    for again in (copy.copy(task), copy.deepcopy(task), pickle.loads(pickle.dumps(task))):
        assert again == expected and again.raw == COMPLETED and again.images == expected.images
    with pytest.raises(TypeError):  # a list field: as unhashable as before
        hash(task)
    plain = runapi.Task.from_dict({"id": "t", "status": "completed", "usage": {"cost": 0.5}})
    assert hash(plain) == hash(_eager({"id": "t", "status": "completed", "usage": {"cost": 0.5}}, runapi.Task))


@pytest.mark.parametrize(
    ("cls", "payload"),
    [
        (suno.MusicTask, {"id": "t", "status": "completed", "audios": [{"id": "a1", "audio_url": "https://f/a.mp3"}]}),
        (veo_3_1.VideoTask, {"id": "t", "status": "completed", "videos": [{"url": "https://f/v.mp4"}]}),
        (runapi.TaskResult, {"id": "t", "status": "completed", "usage": {"cost": 0.3}}),
    ],
    ids=lambda value: getattr(value, "__qualname__", ""),
)
def test_other_families_tasks_read_the_same(cls: type[Task], payload: dict[str, Any]) -> None:
    task = structure(payload, cls)
    expected = _eager(payload, cls)
    assert task == expected and repr(task) == repr(expected) and task.to_dict() == expected.to_dict()


def test_a_value_changed_in_raw_before_the_first_read_is_checked_then() -> None:
    # raw is the payload itself: a caller who changes it under the task sees that on the first read
    task = nano_banana.ImageTask.from_dict({"id": "t", "images": [{"url": "https://f/a.png"}]})
    task.raw["images"] = "broken"  # type: ignore[index]  # raw is read-only by type: a misuse
    with pytest.raises(APIResponseValidationError, match="images"):
        task.images  # noqa: B018


def _https(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.startswith("https://"):
        raise ValueError(f"{attribute.name} must be https")


@attrs.frozen(kw_only=True)
class Checked:
    url: str = attrs.field(validator=_https)


@attrs.frozen(kw_only=True)
class CheckedTask(Task):
    files: list[Checked] = attrs.Factory(list)


def test_nested_classes_with_checks_of_their_own_are_structured_at_once() -> None:
    with pytest.raises(APIResponseValidationError, match="CheckedTask"):
        CheckedTask.from_dict({"id": "t", "files": [{"url": "http://f/a"}]})
    assert CheckedTask.from_dict({"id": "t", "files": [{"url": "https://f/a"}]}).files == [Checked(url="https://f/a")]


SEEN: list[object] = []


@attrs.frozen(kw_only=True)
class Watched(Task):
    images: list[Image] = attrs.Factory(list)

    def __attrs_post_init__(self) -> None:
        SEEN.append(self.images)


def test_a_post_init_reading_a_nested_field_sees_the_payload() -> None:
    SEEN.clear()
    task = Watched.from_dict({"id": "t", "images": [{"url": "https://f/a.png"}]})
    assert [[Image(url="https://f/a.png")]] == SEEN and task.images is SEEN[0]
