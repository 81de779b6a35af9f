"""``docs/emulator.md`` stays true: its fault bodies and ``emu.inject`` lines are accepted as written,
its flags exist, and its self-contained examples run."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from runapi.emulator import Emulator
from runapi.emulator.__main__ import _parser

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "emulator.md"

pytestmark = pytest.mark.skipif(not GUIDE.exists(), reason="docs/emulator.md is not part of this install")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)


def fault_bodies() -> list[dict[str, object]]:
    """The fault JSON of the guide in document order: ``json`` blocks and ``curl -d '...'`` bodies."""
    text = GUIDE.read_text(encoding="utf-8")
    found = re.findall(r"```json\n(.*?)```|-d '(\{.*?\})'", text, re.S)
    bodies = [json.loads(block or inline) for block, inline in found]
    return [body for body in bodies if isinstance(body, dict) and "kind" in body]


def inject_lines() -> list[str]:
    return [line for block in blocks("python") for line in block.splitlines() if line.startswith("emu.inject(")]


def test_the_guide_has_fault_examples() -> None:
    assert len(fault_bodies()) >= 5
    assert len(inject_lines()) == len(fault_bodies())


@pytest.mark.parametrize("body", fault_bodies(), ids=lambda body: str(body["kind"]))
def test_each_fault_body_in_the_guide_is_accepted_over_http(emu: Emulator, body: dict[str, object]) -> None:
    added = requests.post(f"{emu.url}/_emulator/faults", json=body, timeout=5)
    assert added.status_code == 201, added.text
    fault = added.json()["fault"]
    assert {key: fault[key] for key in body} == {
        key: str(v).upper() if key == "method" else v for key, v in body.items()
    }


def test_each_inject_line_in_the_guide_matches_its_json_body(emu: Emulator) -> None:
    for line in inject_lines():
        exec(line, {"emu": emu})
    listed = emu.faults()
    for body, fault in zip(fault_bodies(), listed, strict=True):
        assert {key: fault[key] for key in body} == body


def test_every_flag_in_the_guide_exists() -> None:
    flags = set(re.findall(r"`(--[a-z-]+)", GUIDE.read_text(encoding="utf-8")))
    known = {option for action in _parser()._actions for option in action.option_strings}
    assert flags and flags <= known


def scripts() -> list[str]:
    """The guide's Python examples that run on their own (not fragments, not pytest modules)."""
    return [block for block in blocks("python") if block.startswith(("import", "from")) and "def test_" not in block]


@pytest.mark.parametrize("source", scripts(), ids=lambda source: source.split("\n\n")[-1][:30])
def test_self_contained_python_examples_run(source: str, capsys: pytest.CaptureFixture[str]) -> None:
    exec(compile(source, str(GUIDE), "exec"), {"__name__": "__example__"})
    for line in source.splitlines():  # a "print(...)  # expected" comment states what is printed
        if line.lstrip().startswith("print(") and "  # " in line:
            assert capsys.readouterr().out.strip() == line.rsplit("  # ", 1)[1]


def test_the_pytest_example_passes(tmp_path: Path) -> None:
    [source] = [block for block in blocks("python") if "def test_" in block]
    (tmp_path / "test_example.py").write_text(source, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
