"""runapi.webhooks is two layers: signing (pure) and receiving (built on it); one public namespace."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import runapi
from runapi import webhooks
from runapi.webhooks import _receiving, _signing, _stores

PACKAGE = Path(webhooks.__file__).parent
EMULATOR = Path(runapi.__file__).parent / "emulator"


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)


def _runapi_imports(source: Path, *, package: str) -> list[tuple[str, bool]]:
    """``(absolute module, at import time)`` for every runapi module ``source`` imports, lazily or not."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    deferred = [  # what runs later than the import: function bodies, ``if TYPE_CHECKING:`` blocks
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        or (isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test))
    ]
    lazy = {id(inner) for node in deferred for inner in ast.walk(node) if inner is not node}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            names = [module] if node.module else [f"{module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found += [(name, id(node) not in lazy) for name in names if name.split(".")[0] == "runapi"]
    return found


def test_the_package_exports_the_same_names_as_the_module_did() -> None:
    assert set(webhooks.__all__) == set(_signing.__all__) | set(_receiving.__all__) | set(_stores.__all__)
    for module in (_signing, _receiving, _stores):
        for name in module.__all__:
            assert getattr(webhooks, name) is getattr(module, name), name


def test_importing_the_signing_layer_loads_no_other_runapi_module() -> None:
    # beyond what ``import runapi`` loads (errors, _version, _families): the package and the layer
    result = _python(
        "import sys, runapi\n"
        "before = set(sys.modules)\n"
        "import base64\n"
        "from runapi.webhooks import _signing\n"
        "s = base64.b64encode(b'k' * 32).decode()\n"
        "_signing.verify(b'{}', _signing.sign(b'{}', s), s)\n"
        "new = sorted(m for m in set(sys.modules) - before if m.startswith('runapi'))\n"
        "assert new == ['runapi.webhooks', 'runapi.webhooks._signing'], new\n"
        "assert 'attrs' in sys.modules and 'cattrs' not in sys.modules\n"
    )
    assert result.returncode == 0, result.stderr


def test_the_signing_layer_imports_only_runapi_errors_when_imported() -> None:
    imports = _runapi_imports(PACKAGE / "_signing.py", package="runapi.webhooks")
    assert {name for name, eager in imports if eager} == {"runapi.errors"}
    # unwrap() structures the task: the models, on its first call only
    assert {name for name, eager in imports if not eager} == {"runapi._core.models"}


def test_the_stores_import_no_runapi_module() -> None:
    assert _runapi_imports(PACKAGE / "_stores.py", package="runapi.webhooks") == []


def test_importing_the_emulator_does_not_load_the_receiving_layer() -> None:
    result = _python(
        "import sys, runapi.emulator\n"
        "assert 'runapi.webhooks._signing' in sys.modules, 'the emulator signs its callbacks'\n"
        "loaded = [m for m in ('runapi.webhooks._receiving', 'runapi.webhooks._stores', 'runapi._core.models', "
        "'runapi._client') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    assert result.returncode == 0, result.stderr


def test_the_receiving_layer_loads_on_first_use_of_one_of_its_names() -> None:
    # the counterpart of the test above: the check does see the receiving layer once it is used
    result = _python(
        "import sys\n"
        "from runapi import webhooks\n"
        "assert 'runapi.webhooks._receiving' not in sys.modules\n"
        "webhooks.sign, webhooks.verify, webhooks.WebhookVerificationError\n"
        "assert 'runapi.webhooks._receiving' not in sys.modules\n"
        "from runapi.webhooks import Receiver\n"
        "assert 'runapi.webhooks._receiving' in sys.modules\n"
        "assert Receiver is webhooks.Receiver is sys.modules['runapi.webhooks._receiving'].Receiver\n"
    )
    assert result.returncode == 0, result.stderr


def test_the_emulator_imports_only_the_signing_layer_of_webhooks() -> None:
    for source in sorted(EMULATOR.glob("*.py")):
        for name, _eager in _runapi_imports(source, package="runapi.emulator"):
            if name.startswith("runapi.webhooks"):
                assert name == "runapi.webhooks._signing", (source.name, name)


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    try:
        webhooks.Reciever  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "Reciever" in str(exc)
    else:
        raise AssertionError("webhooks.Reciever resolved")
    assert {"Receiver", "sign", "MemoryStore"} <= set(dir(webhooks))


def test_a_pickle_made_before_the_split_still_loads() -> None:
    import pickle

    # what pickle.dumps(WebhookVerificationError(...)) wrote when the module was runapi/webhooks.py
    old = b"crunapi.webhooks\n_rebuild_error\n(Vhello\nVmissing_header\ntR."  # protocol 0, as text
    exc = pickle.loads(old)
    assert isinstance(exc, webhooks.WebhookVerificationError)
    assert (str(exc), exc.reason) == ("hello", "missing_header")
