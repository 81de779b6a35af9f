"""The README's family table lists every operation each family declares, and marks the direct ones."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import runapi
import runapi._client
from runapi._core.operations import DirectOperation, FamilyAttribute, TaskOperation

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_the_family_table_lists_every_operation() -> None:
    families = [value for value in vars(runapi._client._Families).values() if isinstance(value, FamilyAttribute)]
    assert len(families) >= 4
    for attribute in families:
        family = getattr(importlib.import_module(attribute.module), attribute.name)
        (row,) = [line for line in README.splitlines() if line.startswith("| ") and f"`{attribute.module}`" in line]
        listed = dict(re.findall(r"`(\w+)`( \(direct\))?", row.split("|")[3]))
        for name, operation in vars(family).items():
            if isinstance(operation, TaskOperation | DirectOperation):
                assert name in listed, f"README's {attribute.module} row lacks {name}"
                assert bool(listed[name]) == isinstance(operation, DirectOperation), f"{name}: direct mark"
