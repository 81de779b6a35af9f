"""The test suite's own layout: one test home per family, and no two test modules with the same name.

Every family (``runapi._families.FAMILIES``) has its module of tests,
``tests/families/test_<family>.py``; and no two test modules anywhere under ``tests/`` share a file
name, so a name in a report or a ``-k`` says which module it is.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from runapi._families import FAMILIES

TESTS = Path(__file__).resolve().parent


def family_names() -> list[str]:
    """``suno``, ``veo_3_1``, ...: the module under ``runapi`` of every family."""
    return [family.name for family in FAMILIES]


def test_the_family_list_is_read() -> None:
    names = family_names()
    assert {"suno", "nano_banana", "veo_3_1"} <= set(names)
    assert len(names) == len(set(names)) >= 27


def test_every_family_has_its_test_module() -> None:
    missing = [name for name in family_names() if not (TESTS / "families" / f"test_{name}.py").is_file()]
    assert not missing, f"no tests/families/test_<family>.py for {missing}"


def test_no_two_test_modules_share_a_file_name() -> None:
    modules = sorted(path.relative_to(TESTS) for path in TESTS.rglob("test_*.py"))
    counts = Counter(path.name for path in modules)
    shared = {name: [str(p) for p in modules if p.name == name] for name, n in counts.items() if n > 1}
    assert not shared, shared
