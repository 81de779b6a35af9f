"""What a process imports: one operation looked up (``runapi run FAMILY.OPERATION``) loads only its family,
and the values every family shares do not load ``requests`` (only the blocking client's transport does), nor
an asyncio client ``requests`` or ``httpx`` (it sends with aiohttp).

Each check runs in a fresh interpreter (``sys.modules`` of this one already holds everything).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from runapi._families import FAMILIES, family_operations, operation

ROOT = Path(__file__).resolve().parents[1]
FAMILY_MODULES = {f"runapi.{family.name}" for family in FAMILIES}


def _loaded(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code`` (which may exit through click)."""
    script = (
        "import json, sys\n"
        "try:\n" + "".join(f"    {line}\n" for line in code.splitlines()) + "except SystemExit:\n    pass\n"
        "sys.stderr.write('\\nMODULES' + json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    return set(json.loads(done.stderr.rsplit("MODULES", 1)[1]))


def test_one_operations_help_imports_only_its_family() -> None:
    loaded = _loaded("from runapi.cli import main\nmain(['run', 'kling.text_to_video', '--help'])")
    assert loaded & FAMILY_MODULES == {"runapi.kling"}
    assert "requests" not in loaded  # no client is made for --help


def test_the_listing_of_every_operation_still_imports_every_family() -> None:
    loaded = _loaded("from runapi.cli import main\nmain(['run', '--help'])")
    assert loaded >= FAMILY_MODULES


def test_an_unknown_operation_imports_no_family() -> None:
    loaded = _loaded("from runapi.cli import main\nmain(['run', 'nosuch.text_to_video', '--help'])")
    assert not loaded & FAMILY_MODULES


def test_a_family_module_does_not_import_requests() -> None:
    loaded = _loaded("import runapi.kling")
    assert "requests" not in loaded and "urllib3" not in loaded


def test_an_asyncio_client_loads_aiohttp_and_neither_requests_nor_httpx() -> None:
    loaded = _loaded("import runapi\nrunapi.AsyncClient(api_key='sk-test').nano_banana.text_to_image")
    assert "aiohttp" in loaded
    assert not {"requests", "urllib3", "httpx"} & loaded


def test_a_blocking_client_loads_requests() -> None:
    loaded = _loaded("import runapi\nrunapi.Client(api_key='sk-test')")
    assert "requests" in loaded


def test_one_lookup_agrees_with_the_registry_of_all() -> None:
    from runapi._client import operations

    everything = operations()
    assert operation("kling.text_to_video") == everything["kling.text_to_video"]
    assert family_operations("suno") == {k: v for k, v in everything.items() if k.startswith("suno.")}
    assert operation("kling.nosuch") is None and operation("nosuch.text_to_video") is None
    assert operation("kling") is None and family_operations("nosuch") == {}


def test_a_batch_imports_only_the_families_of_its_jobs() -> None:
    code = (
        "import asyncio, runapi\n"
        "from runapi import batch\n"
        "async def main():\n"
        "    async with runapi.AsyncClient(api_key='sk-test', base_url='http://127.0.0.1:9') as client:\n"
        "        return await batch.run_async([batch.Job('kling.text_to_video', {'prompt': 5})], client=client)\n"
        "(result,) = asyncio.run(main())\n"
        "assert result.status == 'refused' and 'not sent' in result.error, result  # nothing was sent"
    )
    loaded = _loaded(code)
    assert loaded & FAMILY_MODULES == {"runapi.kling"}
