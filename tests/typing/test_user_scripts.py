"""Users' scripts as type checkers see them: each script must pass mypy --strict and pyright, and each
marked line of its mistakes file must be flagged by both (and nothing else).

- ``user_files.py``: a ``pathlib.Path`` fits every file URL parameter (and a ``list[str]`` still fits
  a list of URLs), never ``callback_url``; ``client.files`` is typed.
- ``user_management.py``: ``ManagementClient``'s collections, their parameters and records.
- ``user_async.py``: ``AsyncClient``'s operations are awaitable, with the same params and results.
- ``user_callbacks.py``: ``webhooks.Receiver`` and its receipts, typed by ``task_type``; batch results.
- ``user_pricing.py``: ``task.usage``, ``client.pricing``, operation quotes, ``batch.run(max_cost=...)``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.typing.test_types import _error_lines, _mypy, _pyright

HERE = Path(__file__).resolve().parent
PAIRS = {
    "files": (HERE / "user_files.py", HERE / "user_files_mistakes.py"),
    "management": (HERE / "user_management.py", HERE / "user_management_mistakes.py"),
    "async": (HERE / "user_async.py", HERE / "user_async_mistakes.py"),
    "callbacks": (HERE / "user_callbacks.py", HERE / "user_callbacks_mistakes.py"),
    "task_results": (HERE / "user_task_results.py", HERE / "user_task_results_mistakes.py"),
    "pricing": (HERE / "user_pricing.py", HERE / "user_pricing_mistakes.py"),
    "families": (HERE / "user_families.py", HERE / "user_families_mistakes.py"),
}
CHECKERS = {"mypy": _mypy, "pyright": _pyright}


def _expected(mistakes: Path) -> set[int]:
    lines = mistakes.read_text(encoding="utf-8").splitlines()
    return {number for number, line in enumerate(lines, start=1) if "# error" in line}


@pytest.mark.parametrize("checker", CHECKERS)
@pytest.mark.parametrize("pair", PAIRS)
def test_the_script_type_checks(pair: str, checker: str) -> None:
    result = CHECKERS[checker](PAIRS[pair][0])
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("checker", CHECKERS)
@pytest.mark.parametrize("pair", PAIRS)
def test_each_mistake_is_flagged(pair: str, checker: str) -> None:
    mistakes = PAIRS[pair][1]
    result = CHECKERS[checker](mistakes)
    assert _error_lines(result.stdout, mistakes) == _expected(mistakes), result.stdout
