"""``runapi.management`` as type checkers see it: every parameter and record is typed, and each mistake is flagged."""

from __future__ import annotations

from pathlib import Path

from tests.typing.test_types import _error_lines, _mypy, _pyright

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "user_management.py"
MISTAKES = HERE / "user_management_mistakes.py"


def _expected() -> set[int]:
    lines = MISTAKES.read_text(encoding="utf-8").splitlines()
    return {number for number, line in enumerate(lines, start=1) if "# error" in line}


def test_mypy_strict_sees_the_management_calls() -> None:
    result = _mypy(SCRIPT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pyright_sees_the_management_calls() -> None:
    result = _pyright(SCRIPT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_flags_each_management_mistake() -> None:
    result = _mypy(MISTAKES)
    assert _error_lines(result.stdout, MISTAKES) == _expected(), result.stdout


def test_pyright_flags_each_management_mistake() -> None:
    result = _pyright(MISTAKES)
    assert _error_lines(result.stdout, MISTAKES) == _expected(), result.stdout
