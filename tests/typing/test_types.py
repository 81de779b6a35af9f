"""The SDK as type checkers see it: mypy --strict and pyright on a user's script, and runtime introspection.

These run the real checkers in a subprocess (a few seconds); they are what an IDE user relies on.
"""

from __future__ import annotations

import inspect
import pydoc
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import runapi

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SCRIPT = HERE / "user_script.py"
MISTAKES = HERE / "user_mistakes.py"


def _expected_error_lines() -> set[int]:
    lines = MISTAKES.read_text(encoding="utf-8").splitlines()
    return {number for number, line in enumerate(lines, start=1) if "# error" in line}


def _mypy(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--config-file", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def _pyright(path: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("pyright", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.fail("pyright is not installed: it is a dev dependency (pip install -e '.[dev]')")
    return subprocess.run(
        [exe, "--pythonpath", sys.executable, str(path)], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


def _error_lines(output: str, path: Path) -> set[int]:
    name = re.escape(path.name)
    found = set()
    for match in re.finditer(rf"{name}:(\d+)(?::\d+)?:? -? ?error", output):
        found.add(int(match.group(1)))
    return found


def test_mypy_strict_accepts_the_readme_calls_with_their_types():
    result = _mypy(SCRIPT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pyright_accepts_the_readme_calls_with_their_types():
    result = _pyright(SCRIPT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Unknown" not in result.stdout


def test_mypy_flags_each_mistake():
    result = _mypy(MISTAKES)
    assert _error_lines(result.stdout, MISTAKES) == _expected_error_lines(), result.stdout


def test_pyright_flags_each_mistake():
    result = _pyright(MISTAKES)
    assert _error_lines(result.stdout, MISTAKES) == _expected_error_lines(), result.stdout


def test_create_and_run_show_their_parameters_at_run_time():
    client = runapi.Client(api_key="sk-test")
    for method in (client.suno.text_to_music.create, client.suno.text_to_music.run):
        signature = inspect.signature(method)
        params = signature.parameters
        assert list(params)[:2] == ["vocal_mode", "model"]  # required first
        assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params.values())
        assert params["prompt"].default is None
        assert params["vocal_mode"].default is inspect.Parameter.empty
        assert "auto_lyrics" in str(params["vocal_mode"].annotation)
        assert signature.return_annotation is runapi.suno.MusicTask


def test_help_shows_the_parameters_and_their_docs():
    client = runapi.Client(api_key="sk-test")
    text = pydoc.render_doc(client.veo_3_1.text_to_video.create, renderer=pydoc.plaintext)
    assert "duration_seconds: Optional[Literal[4, 6, 8]] = None" in text or "duration_seconds: Literal[4, 6, 8]" in text
    assert "reference_image_urls" in text
    assert "docs: Veo 3.1 > Generate Video" in text
    assert "-> runapi.veo_3_1.VideoTask" in text


def test_each_endpoint_is_one_object_per_family():
    client = runapi.Client(api_key="sk-test")
    assert client.suno.text_to_music is client.suno.text_to_music
    assert client.with_options(max_retries=0).suno.text_to_music._client is not client
