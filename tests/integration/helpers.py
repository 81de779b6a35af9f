"""What the SDK-on-emulator tests check on a result: media kinds, typed fields, what was sent, coverage."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import runapi
import runapi._client
from runapi._core.models import Task
from runapi._core.operations import DirectOperation, TaskOperation
from runapi.emulator import Emulator


def is_mp3(data: bytes) -> bool:
    return data[:3] == b"ID3" or (data[0] == 0xFF and data[1] & 0xE0 == 0xE0)


def is_mp4(data: bytes) -> bool:
    return data[4:8] == b"ftyp"


def is_png(data: bytes) -> bool:
    return data.startswith(b"\x89PNG\r\n\x1a\n")


def is_jpeg(data: bytes) -> bool:
    return data.startswith(b"\xff\xd8\xff")


def is_webp(data: bytes) -> bool:
    return data[:4] == b"RIFF" and data[8:12] == b"WEBP"


IMAGE_FORMATS: dict[str, Callable[[bytes], bool]] = {"png": is_png, "jpg": is_jpeg, "jpeg": is_jpeg, "webp": is_webp}
"""``output_format`` -> the check of a file of that format."""


def assert_typed(result: object, payload: Mapping[str, Any], where: str = "") -> None:
    """Every field of the answer is an attribute of the typed result, objects and lists of objects too."""
    for key, value in payload.items():
        assert hasattr(result, key), f"{type(result).__name__} has no field {where}{key}"
        typed = getattr(result, key)
        if isinstance(value, dict):
            assert_typed(typed, value, f"{where}{key}.")
        elif isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            assert len(typed) == len(value), f"{where}{key}"
            for index, (typed_item, item) in enumerate(zip(typed, value, strict=True)):
                assert_typed(typed_item, item, f"{where}{key}[{index}].")


def saved(client: runapi.Client, task: Task, folder: Path) -> list[bytes]:
    """What ``download_outputs`` saves of a completed task: one file per output URL, in order."""
    assert task.is_completed, task.error
    assert task.output_urls, "the completed task has no output URL"
    assert_typed(task, task.raw)
    files = client.download_outputs(task, folder)
    assert [file.url for file in files] == task.output_urls
    return [file.path.read_bytes() for file in files]


def download(client: runapi.Client, url: str | None, folder: Path) -> bytes:
    """The bytes of one output file, downloaded with ``client.download``."""
    assert url, "the result has no file URL"
    return client.download(url, folder).path.read_bytes()


def sent(emu: Emulator, task: Task) -> dict[str, Any]:
    """The create body the emulator received for ``task``."""
    [params] = [t["params"] for t in emu.tasks() if t["id"] == task.id]
    return dict(params)


def operations_of(family: str) -> set[str]:
    """The names of ``client.<family>``'s task and direct operations."""
    attribute = vars(runapi._client._Families)[family]
    family_class = getattr(importlib.import_module(attribute.module), attribute.name)
    return {name for name, value in vars(family_class).items() if isinstance(value, TaskOperation | DirectOperation)}


def not_run(family: str, sources: list[Path], parametrized: set[str]) -> set[str]:
    """The operations of ``family`` that neither ``sources`` call as ``client.<family>.<op>`` nor
    their parametrized tables run (empty when every operation has an end-to-end test)."""
    source = "".join(path.read_text() for path in sources)
    return operations_of(family) - set(re.findall(rf"client\.{family}\.(\w+)", source)) - parametrized
