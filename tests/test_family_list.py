"""The families are listed once (``runapi._families.FAMILIES``); every other place that names them is derived
from the list or held against it here: the typed client table, the type checkers' imports, ``runapi.__all__``,
the lazy submodules, the operation registry, the ``Client`` docstring and the README's family table."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import runapi
import runapi._client
import runapi._family_table
from runapi._core.operations import Family, FamilyAttribute
from runapi._families import FAMILIES

ROOT = Path(__file__).resolve().parent.parent
NAMES = [family.name for family in FAMILIES]


def type_checking_imports(path: Path) -> list[tuple[str | None, str]]:
    """``(module, name)`` of every ``from . import`` / ``from .m import`` under ``if TYPE_CHECKING:`` in ``path``."""
    found: list[tuple[str | None, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom) and statement.level == 1:
                    found += [(statement.module, alias.name) for alias in statement.names]
    return found


def test_the_list_names_each_family_once_and_each_module_defines_its_class() -> None:
    assert len(NAMES) == len(set(NAMES)) >= 27
    for family in FAMILIES:
        cls = getattr(importlib.import_module(f"runapi.{family.name}"), family.cls)
        assert issubclass(cls, Family), family


def test_the_typed_client_table_is_the_list_in_its_order() -> None:
    table = [name for name, value in vars(runapi._family_table._Families).items() if isinstance(value, FamilyAttribute)]
    assert table == NAMES
    client = runapi.Client(api_key="k", base_url="https://api.test")
    for family in FAMILIES:
        assert type(getattr(client, family.name)).__name__ == family.cls


def test_the_type_checkers_import_every_family() -> None:
    client_imports = set(type_checking_imports(ROOT / "runapi" / "_family_table.py"))
    assert {(family.name, family.cls) for family in FAMILIES} <= client_imports
    package_imports = {name for module, name in type_checking_imports(ROOT / "runapi" / "__init__.py") if not module}
    assert set(NAMES) <= package_imports


def test_the_package_exports_and_lazily_imports_every_family() -> None:
    assert set(NAMES) <= set(runapi.__all__)
    for name in NAMES:
        assert getattr(runapi, name) is importlib.import_module(f"runapi.{name}")


def test_the_registry_and_the_docs_are_derived_from_the_list() -> None:
    from runapi._core.operations import DirectOperation, TaskOperation

    registry = {name.split(".")[0] for name in runapi._client.operations()}
    with_calls = {  # families with a task or direct operation (an upload-only family is not in the registry)
        family.name
        for family in FAMILIES
        for value in vars(getattr(importlib.import_module(f"runapi.{family.name}"), family.cls)).values()
        if isinstance(value, TaskOperation | DirectOperation)
    }
    assert registry == with_calls and len(with_calls) >= len(NAMES) - 1
    doc = runapi.Client.__doc__ or ""
    for family in FAMILIES:
        assert f"{family.name}: {family.title}:" in doc and f"``runapi.{family.name}``" in doc


def test_the_readme_table_lists_the_families_in_order() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = [line.split("|") for line in readme.splitlines() if line.startswith("| ") and "| `runapi." in line]
    listed = [(cells[1].strip(), cells[2].strip().strip("`")) for cells in rows if cells[2].strip() != "module"]
    assert listed[: len(FAMILIES)] == [(family.title, f"runapi.{family.name}") for family in FAMILIES]
