"""RunAPI's official Python packages against our emulator, and the requests they send against runapi's.

The official packages (``runapi-core``, ``runapi-<family>`` on PyPI, pinned in ``tests/official/versions.txt``)
import as ``runapi`` like this project, so they live in ``./.venv-official`` (``scripts/official-venv``, built once
and cached) and run in a process of their own: ``tests/official/drive.py`` makes every call of
``tests/official/cases.json`` there, against one emulator started here, and prints a JSON report. Then:

- ``<case>/completes``: the official call completed (a task: created and polled to ``completed``);
- ``<case>/same_request``: the request it sent (method, path, JSON body, from the emulator's request log; a
  record read's query; a multipart upload's text parts and file name and type) is the one ``runapi.Client``
  sends for the same inputs, but for the differences recorded, each with its reason, in
  ``tests/official/known_differences.json`` (a new difference, or a recorded one gone, fails); runapi sends an
  ``Idempotency-Key`` on every create, and the official package does too unless recorded as omitting it;
- ``core/<case>``: runapi-core's own calls (files, uploads, pricing, subscribe); those whose emulator endpoints
  are still missing are strict expected failures in ``cases_core.json``, so they turn green (and then fail,
  asking for the mark to go) as the endpoints land;
- every operation runapi has (tasks, direct calls, record reads, uploads) whose path an official package also
  serves has a case.

Inputs come from RunAPI's docs examples (``tests/fixtures``) or the official READMEs (each case says which), with
``callback_url`` left out (the emulator would call it). Selected alone with ``-m official``; runs in the default
suite. Building the venv needs PyPI the first time: a failed build fails these tests, never skips them.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import runapi
from runapi._client import operations
from runapi._core.operations import UploadOperation
from runapi._core.records import GetOperation, ListOperation
from runapi._families import FAMILIES
from runapi.emulator import Emulator
from runapi.emulator._app import RequestLog
from tests.conftest import FakeClock

pytestmark = pytest.mark.official

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
KEY = "official-emu-key"
CASE_HEADER = "x-official-case"

CASES: list[dict[str, Any]] = json.loads((HERE / "cases.json").read_text(encoding="utf-8"))
CORE_CASES: list[dict[str, Any]] = json.loads((HERE / "cases_core.json").read_text(encoding="utf-8"))
KNOWN: dict[str, Any] = json.loads((HERE / "known_differences.json").read_text(encoding="utf-8"))
BODIES: dict[str, Any] = KNOWN["bodies"]
OMITS_IDEMPOTENCY_KEY: set[str] = set(KNOWN["idempotency_key"]["official_omits"])


@pytest.fixture(scope="session")
def official_python() -> str:
    """The python of ``.venv-official``, built (or found up to date) by ``scripts/official-venv``."""
    if sys.platform == "win32":  # pragma: no cover - the script is bash
        pytest.fail("scripts/official-venv is a bash script: run these tests on Linux or macOS")
    built = subprocess.run(
        [str(ROOT / "scripts" / "official-venv")], capture_output=True, text=True, timeout=900, check=False
    )
    if built.returncode != 0:
        pytest.fail(f"scripts/official-venv failed ({built.returncode}):\n{built.stderr[-4000:]}")
    return built.stdout.strip().splitlines()[-1]


def _logging_forms(add: Any) -> Any:
    """``RequestLog.add`` that also logs a multipart request's form, once its endpoint has parsed it.

    The emulator's request log never reads an upload (``json`` is ``None``); for the comparison the
    entry gains ``form`` (each text part's values) and ``files`` (each file part's name and type).
    The cases run one request at a time (no callbacks), so the newest entry is this request's.
    """

    def recording(log: RequestLog, request: Any, status: int | None, fault: Any) -> None:
        add(log, request, status, fault)
        if "form" not in request.__dict__ or request.mimetype != "multipart/form-data":
            return  # not a multipart request its endpoint read
        with log._lock:
            entry = log._entries[-1]
            assert (entry["method"], entry["path"]) == (request.method, request.path)
            entry["form"] = {name: request.form.getlist(name) for name in sorted(request.form)}
            entry["files"] = {
                name: {"filename": part.filename, "content_type": part.content_type}
                for name, part in sorted(request.files.items())
            }

    return recording


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    """One emulator for the module: a task completes on its first status read, so nothing waits."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(RequestLog, "add", _logging_forms(RequestLog.add))
        with Emulator(api_key=KEY, complete_after_polls=1) as e:
            yield e


@pytest.fixture(scope="module")
def report(official_python: str, emu: Emulator, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The driver's report, after one run of every case (families and core) in one official process."""
    workdir = tmp_path_factory.mktemp("official")
    cases_file = workdir / "cases.json"
    cases_file.write_text(json.dumps(CASES + CORE_CASES), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RUNAPI_", "PYTHON"))}
    env["RUNAPI_API_KEY"] = KEY
    ran = subprocess.run(
        [official_python, "-I", str(HERE / "drive.py"), emu.url, str(cases_file)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=workdir,  # -I and a neutral folder: this project's runapi/ is never on the official path
        env=env,
        check=False,
    )
    assert ran.returncode == 0, f"driver failed ({ran.returncode}):\n{ran.stderr[-4000:]}"
    result: dict[str, Any] = json.loads(ran.stdout)
    return result


def case_requests(emu: Emulator, case_id: str) -> list[dict[str, Any]]:
    """The requests the driver sent for one case (tagged with its header), oldest first."""
    return [
        entry
        for entry in emu.requests()
        if {k.lower(): v for k, v in entry["headers"].items()}.get(CASE_HEADER) == case_id
    ]


def wire(entry: dict[str, Any]) -> dict[str, Any]:
    """What is compared of one request: method, path and JSON body; a GET's query; a multipart form's parts."""
    found = {"method": entry["method"], "path": entry["path"], "json": entry["json"]}
    if entry["method"] == "GET":
        found["query"] = entry["query"]
    if "form" in entry:
        found.update(form=entry["form"], files=entry["files"])
    return found


READS = {"get", "list"}
"""Case kinds that read records (a GET, no Idempotency-Key); the others create (a POST)."""


def sent_method(case: dict[str, Any]) -> str:
    return "GET" if case["runapi"]["kind"] in READS else "POST"


def has_idempotency_key(entry: dict[str, Any]) -> bool:
    return any(k.lower() == "idempotency-key" and str(v).strip() for k, v in entry["headers"].items())


def runapi_request(emu: Emulator, case: dict[str, Any], kwargs: dict[str, Any]) -> dict[str, Any]:
    """The request ``runapi.Client`` sends for ``kwargs`` (a create's POST, a record read's GET): its log entry,
    or ``{"error": ...}``. A record read (``get``) takes the case's one keyword argument as its record id."""
    spec = case["runapi"]
    before = len(emu.requests())
    clock = FakeClock()
    with runapi.Client(api_key=KEY, base_url=emu.url, sleep=clock.sleep, clock=clock, max_retries=0) as client:
        # a deprecated operation still sends its request, with a DeprecationWarning naming what replaces it
        warns = pytest.warns(DeprecationWarning) if spec.get("deprecated") else contextlib.nullcontext()
        try:
            with warns:
                operation = getattr(getattr(client, spec["family"]), spec["operation"])
                if spec["kind"] == "task":
                    operation.create(**kwargs)
                elif spec["kind"] == "get":
                    (record_id,) = kwargs.values()
                    operation(record_id)
                else:
                    operation(**kwargs)
        except (TypeError, runapi.errors.RunAPIError) as exc:
            if len(emu.requests()) == before:  # refused before any request
                return {"error": f"{type(exc).__name__}: {exc}"}
    sent = [entry for entry in emu.requests()[before:] if entry["method"] == sent_method(case)]
    assert len(sent) == 1, sent
    return sent[0]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['id']}/completes" for c in CASES])
def test_official_call_completes(report: dict[str, Any], case: dict[str, Any]) -> None:
    outcome = report["cases"][case["id"]]
    assert outcome["ok"], f"{case['id']}: {outcome['error']}\n{outcome.get('traceback', '')}"
    if case["runapi"]["kind"] == "task":
        assert outcome["status"] == "completed"


@pytest.mark.parametrize("case", CASES, ids=[f"{c['id']}/same_request" for c in CASES])
def test_official_and_runapi_send_the_same_request(report: dict[str, Any], emu: Emulator, case: dict[str, Any]) -> None:
    case_id = case["id"]
    method = sent_method(case)
    official_sent = [entry for entry in case_requests(emu, case_id) if entry["method"] == method]
    assert len(official_sent) == 1, f"{case_id}: the official call sent {len(official_sent)} {method}s"
    official = official_sent[0]
    ours = runapi_request(emu, case, report["kwargs"][case_id])  # the official call's inputs, sources resolved

    theirs_wire = wire(official)
    ours_wire = ours if "error" in ours else wire(ours)
    if case["runapi"]["kind"] == "upload":  # a multipart form its endpoint read: the parts are compared
        assert "form" in theirs_wire and ("error" in ours or "form" in ours_wire), case_id
    if case_id in BODIES:
        known = BODIES[case_id]
        assert (theirs_wire, ours_wire) == (known["official"], known["runapi"]), (
            f"{case_id}: the recorded difference changed (update tests/official/known_differences.json)"
        )
    else:
        assert theirs_wire == ours_wire, f"{case_id}: a new difference (official, runapi)"

    if method == "GET":  # a read carries no Idempotency-Key
        assert not has_idempotency_key(official), case_id
        assert "error" in ours or not has_idempotency_key(ours), case_id
        return
    if "error" not in ours:
        assert has_idempotency_key(ours), f"{case_id}: runapi sent no Idempotency-Key"
    assert has_idempotency_key(official) == (case_id not in OMITS_IDEMPOTENCY_KEY), case_id


def every_operation() -> dict[str, Any]:
    """Every operation of every family by ``"family.operation"``: ``operations()`` (tasks, direct calls) and the
    record reads and uploads besides."""
    found = {key: op for key, (_, _, op) in operations().items()}
    for listed in FAMILIES:
        family = getattr(importlib.import_module(f"runapi.{listed.name}"), listed.cls)
        for name, op in vars(family).items():
            if isinstance(op, GetOperation | ListOperation | UploadOperation):
                found[f"{listed.name}.{name}"] = op
    return found


def test_every_operation_both_sdks_have_is_covered(report: dict[str, Any]) -> None:
    official_paths = {path for resources in report["inventory"].values() for path in resources.values()}
    both = {key for key, op in every_operation().items() if op.path in official_paths}
    covered = {case["id"] for case in CASES}
    assert both - covered == set(), "operations of both SDKs with no case in cases.json"
    assert covered - both == set(), "cases naming no operation of both SDKs"
    packages = {case["official"]["package"] for case in CASES}
    assert packages <= set(report["inventory"]), "cases naming a package that is not installed"


def normalized(name: str) -> str:
    """A distribution name as PyPI compares them (PEP 503): ``runapi-gpt-image-2.5`` is ``runapi-gpt-image-2-5``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_pinned_packages_are_installed(official_python: str) -> None:
    pins = {
        line.split("==")[0]: line.split("==")[1]
        for line in (HERE / "versions.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    listed = subprocess.run(
        [official_python, "-I", "-m", "pip", "list", "--format=json", "--disable-pip-version-check"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    installed = {
        normalized(p["name"]): p["version"] for p in json.loads(listed.stdout) if p["name"].startswith("runapi")
    }
    assert installed == {normalized(name): version for name, version in pins.items()}


@pytest.mark.parametrize("case", CORE_CASES, ids=[f"core/{c['id']}" for c in CORE_CASES])
def test_official_core_call_completes(
    report: dict[str, Any], case: dict[str, Any], request: pytest.FixtureRequest
) -> None:
    if case.get("expected_failure"):
        request.applymarker(pytest.mark.xfail(strict=True, reason=case["expected_failure"]))
    outcome = report["cases"][case["id"]]
    assert outcome["ok"], f"{case['id']}: {outcome['error']}\n{outcome.get('traceback', '')}"
