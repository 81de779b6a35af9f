"""``runapi._core.params`` in layers: each module imports only the layers above it, and every name the family
modules (and the rest of the SDK) import from the package is still there."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import runapi
import runapi._core.params as params

PACKAGE = Path(params.__file__).parent
LAYERS = ["fields", "problems", "sizes", "validators", "rules", "compiler"]
"""Top to bottom: a layer may import the ones before it in this list, never one after."""


def imported_layers(module: str) -> set[str]:
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_each_layer_imports_only_the_layers_above_it() -> None:
    for depth, module in enumerate(LAYERS):
        assert imported_layers(module) <= set(LAYERS[:depth]), module
    assert {path.stem for path in PACKAGE.glob("*.py")} == {*LAYERS, "__init__"}  # a new module joins the list


def test_every_name_imported_from_the_package_is_there() -> None:
    root = PACKAGE.parent.parent.parent
    wanted: set[str] = set()
    for path in [*root.joinpath("runapi").rglob("*.py"), *root.joinpath("tests").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("_core.params"):
                wanted |= {alias.name for alias in node.names}
    assert len(wanted) > 20
    for name in sorted(wanted):
        assert getattr(params, name) is not None, name
    for name in params.__all__:
        assert getattr(params, name) is not None


def test_the_upload_limit_is_read_from_the_package_at_each_call(monkeypatch: pytest.MonkeyPatch) -> None:
    sizes = importlib.import_module("runapi._core.params.sizes")
    monkeypatch.setattr(params, "MAX_UPLOAD_BYTES", 10)
    with pytest.raises(runapi.ValidationError) as caught:
        sizes._upload_limit("file", 11, "")
    assert "11 bytes" in str(caught.value) and "10 bytes" in str(caught.value)
    monkeypatch.setattr(params, "MAX_UPLOAD_BYTES", None)
    sizes._upload_limit("file", 10**12, "")  # no limit: nothing raised
