"""The shared result shapes (``runapi._core.media``): declared once, reused by every family whose docs show them."""

from __future__ import annotations

import importlib
import typing

import attrs
import pytest

import runapi
from runapi._core import media
from runapi._core.models import Task
from runapi._families import FAMILIES

ITEMS = {"Image": media.Image, "Video": media.Video, "Audio": media.Audio}
TASKS = {"images": media.ImageTask, "videos": media.VideoTask, "audios": media.AudioTask}
ITEM_OF = {"images": media.Image, "videos": media.Video, "audios": media.Audio}


def family_classes() -> list[tuple[str, str, type]]:
    """``(family, name, class)`` of every attrs class a family module exports."""
    found = []
    for family in FAMILIES:
        module = importlib.import_module(f"runapi.{family.name}")
        for name in module.__all__:
            value = getattr(module, name)
            if isinstance(value, type) and attrs.has(value):
                found.append((family.name, name, value))
    return found


def own_fields(cls: type) -> set[str]:
    return {field.name for field in attrs.fields(cls)} - {"raw"}


def test_an_item_of_only_a_url_is_the_shared_class() -> None:
    copies = [
        f"runapi.{family}.{name}"
        for family, name, cls in family_classes()
        if name in ITEMS and own_fields(cls) == {"url"} and cls is not ITEMS[name]
    ]
    assert copies == [], "declare these as `<Name> = media.<Name>` (runapi/_core/media.py)"


def test_a_task_listing_one_kind_of_shared_item_subclasses_the_shared_task() -> None:
    copies = []
    for family, name, cls in family_classes():
        if not (issubclass(cls, Task) and cls.__module__ == f"runapi.{family}"):
            continue
        hints = typing.get_type_hints(cls)
        kinds = [key for key in TASKS if key in hints]  # a mixed task (Grok Imagine's) keeps its own class
        if len(kinds) == 1 and hints[kinds[0]] == list[ITEM_OF[kinds[0]]] and not issubclass(cls, TASKS[kinds[0]]):
            copies.append(f"runapi.{family}.{name}")
    assert copies == [], "subclass runapi._core.media's task (class VideoTask(media.VideoTask))"


@pytest.mark.parametrize(
    ("family", "task", "item", "key"),
    [
        ("hailuo", "VideoTask", "Video", "videos"),
        ("kling", "VideoTask", "Video", "videos"),
        ("wan", "VideoTask", "Video", "videos"),
        ("wan", "ImageTask", "Image", "images"),
        ("flux_2", "ImageTask", "Image", "images"),
        ("elevenlabs", "AudioTask", "Audio", "audios"),
        ("seedance", "VideoTask", "Video", "videos"),
        ("nano_banana", "ImageTask", "Image", "images"),
    ],
)
def test_a_family_task_keeps_its_name_and_reads_the_shared_items(family: str, task: str, item: str, key: str) -> None:
    module = getattr(runapi, family)
    cls, item_cls = getattr(module, task), getattr(module, item)
    payload = {"id": "t1", "status": "completed", key: [{"url": "https://x/1"}, {"url": None}, {"url": "https://x/2"}]}

    made = cls.from_dict(payload)

    assert type(made) is cls and cls.__module__ == f"runapi.{family}" and cls.__name__ == task
    assert isinstance(made, TASKS[key]) and isinstance(made, runapi.Task)
    assert item_cls is ITEMS[item]
    assert all(type(one) is item_cls for one in getattr(made, key))
    assert made.output_urls == ["https://x/1", "https://x/2"]
    assert made.to_dict() == payload and cls.from_dict(made.to_dict()) == made
    assert cls(id="t1", **{key: [item_cls(url="https://x/1")]}).output_urls == ["https://x/1"]
    assert cls.__doc__ and cls.__doc__ != TASKS[key].__doc__  # the family's own docstring


def test_a_task_of_one_family_is_not_another_family_s() -> None:
    task = runapi.hailuo.VideoTask.from_dict({"id": "t1", "videos": [{"url": "https://x/1"}]})
    assert not isinstance(task, runapi.kling.VideoTask)
    assert task != runapi.kling.VideoTask.from_dict(task.to_dict())  # attrs equality includes the class


def test_an_item_with_more_fields_extends_the_shared_one() -> None:
    assert issubclass(runapi.flux_kontext.Image, media.Image)
    assert own_fields(runapi.flux_kontext.Image) == {"url", "origin_url"}
    assert issubclass(runapi.veo_3_1.Video, media.Video)
    assert own_fields(runapi.veo_3_1.Video) == {"url", "resolution", "has_audio"}
