"""Run RunAPI's official Python packages against a RunAPI server; print a JSON report. Never imported by the suite.

Runs under ``.venv-official`` (``scripts/official-venv``), where ``runapi`` is the official namespace package
(``runapi.core``, ``runapi.<family>``), not this project: started as ``python -I tests/official/drive.py BASE_URL
CASES_JSON`` with ``RUNAPI_API_KEY`` set, by ``tests/official/test_official_on_emulator.py``.

Each case names an official package, its client class, a resource on it and a method (``run``: create and poll
to completion, or call a direct endpoint; ``run``/``get``: read a record), and keyword arguments, some of which
may come from an earlier case's result (``"from"``: a source task's id, a track's id, a voice's id) or name a
small local file made here (``"files"``: a multipart upload's file); or, for the core calls, a ``core`` step list.
Every call carries an ``X-Official-Case: <case id>`` header so the caller can pick the case's requests out of the
server's request log. Polling never sleeps for real: ``time.sleep`` is replaced by a recorder (the emulator
completes a task on its first status read). The report, on stdout, is one JSON object::

    {"cases": {"<case id>": {"ok": bool, "error": "Type: message" | null, "status": str | null}},
     "kwargs": {"<case id>": the keyword arguments sent (after "from" substitution)},
     "sleeps": [seconds, ...],
     "inventory": {"<package>": {"<resource attribute>": "<endpoint path>"}}}

The inventory lists every official package installed and the endpoint of each resource on its client, so the
caller can check that every operation both SDKs have is covered.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import time
import traceback
from typing import Any

SLEEPS: list[float] = []


def _no_sleep(seconds: float) -> None:
    SLEEPS.append(seconds)


def _status(result: Any) -> Any:
    """The result's ``status`` (a model attribute or a dict key), or None."""
    if isinstance(result, dict):
        return result.get("status")
    value = getattr(result, "status", None)
    return value if isinstance(value, (str, type(None))) else str(value)


def _plain(result: Any) -> Any:
    """A result as plain JSON data (a model's ``to_dict()``)."""
    return result.to_dict() if hasattr(result, "to_dict") else result


def _kwargs(case: dict[str, Any], results: dict[str, Any], workdir: str) -> dict[str, Any]:
    """The case's keyword arguments, with each ``"from"`` entry (``"<earlier case id>:<dotted path>"``, e.g.
    ``"suno.text_to_music:audios.0.id"``) replaced by that value of the earlier case's result, and each
    ``"files"`` entry (``{"file": "audio.mp3"}``: a multipart upload's file) by the path of a small local
    file of that name, made here (the caller sends the same file through runapi)."""
    kwargs = dict(case["kwargs"])
    for name, filename in case.get("files", {}).items():
        folder = os.path.join(workdir, case["id"])
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, filename)
        with open(path, "wb") as handle:
            handle.write(b"official driver audio bytes")
        kwargs[name] = path
    for name, source in case.get("from", {}).items():
        case_id, _, path = source.partition(":")
        value = results[case_id]
        for key in path.split("."):
            value = value[int(key)] if isinstance(value, list) else value[key]
        kwargs[name] = value
    return kwargs


def _family_call(case: dict[str, Any], kwargs: dict[str, Any], base_url: str, options: Any) -> Any:
    spec = case["official"]
    module = importlib.import_module(f"runapi.{spec['package']}")
    client = getattr(module, spec["client"])(base_url=base_url, max_retries=0)
    resource = getattr(client, spec["resource"])
    return getattr(resource, spec["call"])(options=options, **kwargs)


def _core_call(case: dict[str, Any], base_url: str, options: Any, workdir: str) -> Any:
    """Steps on one provider client's core resources (``files``, ``uploads``, ``pricing``, a resource's
    ``subscribe``). In a string argument, ``{$n.attr}`` is step n's result attribute; ``"files"`` names keyword
    arguments given the path of a small local file."""
    import re

    from runapi.nano_banana import NanoBananaClient  # any provider client carries the core resources

    client = NanoBananaClient(base_url=base_url, max_retries=0)
    results: list[Any] = []

    def lookup(match: Any) -> str:
        found = results[int(match.group(1))]
        return str(found[match.group(2)] if isinstance(found, dict) else getattr(found, match.group(2)))

    def resolve(value: Any) -> Any:
        if isinstance(value, str):
            return re.sub(r"\{\$(\d+)\.(\w+)\}", lookup, value)
        if isinstance(value, list):
            return [resolve(v) for v in value]
        if isinstance(value, dict):
            return {k: resolve(v) for k, v in value.items()}
        return value

    for step in case["core"]:
        target = client
        for name in step["call"].split("."):
            target = getattr(target, name)
        args = [resolve(a) for a in step.get("args", [])]
        kwargs = {k: resolve(v) for k, v in step.get("kwargs", {}).items()}
        for name in step.get("files", []):
            path = os.path.join(workdir, f"{case['id']}-{name}.txt")
            with open(path, "wb") as handle:
                handle.write(b"official driver bytes")
            kwargs[name] = path
        if step.get("options", True):
            kwargs["options"] = options
        results.append(target(*args, **kwargs))
    return results[-1] if results else None


def _inventory() -> dict[str, dict[str, str]]:
    """Every installed official family package: its client's resources and their endpoint paths."""
    import pkgutil

    from runapi.core import ProviderClient

    import runapi

    found: dict[str, dict[str, str]] = {}
    for module_info in pkgutil.iter_modules(list(runapi.__path__)):
        if module_info.name == "core":
            continue
        module = importlib.import_module(f"runapi.{module_info.name}")
        classes = [v for v in vars(module).values() if isinstance(v, type) and issubclass(v, ProviderClient)]
        client = classes[0](api_key="inventory", base_url="http://127.0.0.1:9")
        found[module_info.name] = {
            name: value.ENDPOINT
            for name, value in vars(client).items()
            if isinstance(getattr(value, "ENDPOINT", None), str)
        }
    return found


def main(argv: list[str]) -> int:
    base_url, cases_path = argv[1], argv[2]
    time.sleep = _no_sleep  # the official polling loop and retry backoff call time.sleep
    from runapi.core import RequestOptions

    with open(cases_path, encoding="utf-8") as handle:
        cases = json.load(handle)
    report: dict[str, Any] = {"cases": {}, "kwargs": {}, "sleeps": SLEEPS, "inventory": _inventory()}
    results: dict[str, Any] = {}
    for case in cases:
        options = RequestOptions(headers={"X-Official-Case": case["id"]})
        try:
            if "core" in case:
                result = _core_call(case, base_url, options, os.getcwd())
            else:
                kwargs = _kwargs(case, results, os.getcwd())
                report["kwargs"][case["id"]] = kwargs
                result = _family_call(case, kwargs, base_url, options)
                results[case["id"]] = _plain(result)
        except Exception as exc:  # reported, not raised: one failing package must not hide the others
            report["cases"][case["id"]] = {
                "ok": False,
                "error": f"{type(exc).__name__}: {exc}",
                "traceback": traceback.format_exc(limit=4),
                "status": None,
            }
        else:
            report["cases"][case["id"]] = {"ok": True, "error": None, "status": _status(result)}
    json.dump(report, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
