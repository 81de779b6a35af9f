"""The generic contract checks, once for every family on ``runapi.Client`` and every docs example.

The families are read from the client's table (its ``FamilyAttribute`` attributes), each family's
operations from its module (the ``TaskOperation`` and ``DirectOperation`` attributes of its
``Family`` class), and the examples from ``tests/fixtures/<family>/<op>_<kind>[_<variant>].json``.
Test ids read ``<family>/<op>/<check>``; the checks are:

- ``<family>/endpoints``: the family has exactly the documented method+path pairs (``ENDPOINTS``),
  each operation with its result class, its params class and its duration class;
- ``<family>/client``: ``client.<family>`` is the family (cached, importable from ``runapi``),
  with a task resource (``create``/``get``/``wait``/``run``) or a callable per operation;
- ``<family>/fixtures``: every example names one of the family's operations and a known kind;
- ``<family>/<op>/request[_<variant>]``: the documented body goes on the wire unchanged (same JSON
  types, one POST, ``Authorization``, ``Idempotency-Key``) and the answer comes back typed;
- ``<family>/<op>/<kind>[_<variant>]`` for every answer (``accepted``, ``processing``,
  ``completed``, ``failed``, ``callback_*``, ``response``): it structures strictly into the
  operation's result class (``contract.strict_converter``: a documented key the model lacks
  fails), every key mirrored (``contract.assert_mirrors``), ``raw`` kept;
- ``<family>/<op>/run[_<variant>]``: ``run()`` creates, polls the status path until the completed
  answer and returns it typed, waiting on the fake clock only (``wait`` when no body is printed);
- ``<family>/<op>/failed[_<variant>]``: a failed answer (the family's, or the platform's general
  one) raises ``TaskFailedError`` with its error; a direct call answered so raises it too;
- ``<family>/<op>/get``: ``get()`` reads one task from the status path.

Where the docs print one answer for several endpoints (``SHARED_ANSWERS``), the answer is checked
as a contract for the operation it is filed under only; the other operations' create, lifecycle
and ``get`` checks borrow it. Everything particular to a family (its rules and refusals, per-model
tables, typed reads of its answers, signatures, chained calls, its docs readings) is checked in
that family's own ``test_<family>.py``.
"""

from __future__ import annotations

import importlib
import json
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import responses
from responses import registries

import runapi
import runapi._client
from runapi._core.operations import DirectOperation, Family, FamilyAttribute, TaskOperation
from runapi._core.options import DURATIONS
from tests.conftest import API_KEY, FakeClock
from tests.families.contract import assert_mirrors, strict_converter

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ordered = responses.activate(registry=registries.OrderedRegistry)

Operation = TaskOperation[Any, Any] | DirectOperation[Any, Any]

# The docs' endpoints of each family, written out rather than derived: operation -> (result class,
# duration class). ``None`` marks a direct endpoint (one POST answering the result, no status GET);
# every other operation is a task: ``POST /api/v1/<family>/<op>`` and ``GET .../<op>/{id}``.
ENDPOINTS: dict[str, dict[str, tuple[str, str | None]]] = {
    "suno": {
        "text_to_music": ("MusicTask", "music"),
        "extend_music": ("MusicTask", "music"),
        "generate_lyrics": ("LyricsTask", "lyrics"),
        "add_vocals": ("MusicTask", "music"),
        "add_instrumental": ("MusicTask", "music"),
        "separate_audio_stems": ("StemsTask", "default"),
        "convert_audio": ("WavTask", "default"),
        "generate_midi": ("MidiTask", "default"),
        "voice_to_validation_phrase": ("ValidationPhraseTask", "default"),
        "regenerate_validation_phrase": ("ValidationPhraseTask", "default"),
        "generate_voice": ("VoiceTask", "default"),
        "check_voice": ("VoiceAvailability", None),
        "generate_artwork": ("ArtworkTask", "image"),
        "visualize_music": ("MusicVideoTask", "default"),
        "boost_style": ("BoostedStyle", None),
        "get_timestamped_lyrics": ("TimestampedLyrics", None),
        "generate_persona": ("PersonaResult", None),
        "replace_section": ("SectionTask", "music"),
        "cover_audio": ("MusicTask", "music"),
        "create_mashup": ("MusicTask", "music"),
        "text_to_sound": ("MusicTask", "music"),
    },
    # edit_image has no docs section beyond its name (runapi/nano_banana.py's reading)
    "nano_banana": {"text_to_image": ("ImageTask", "image"), "edit_image": ("ImageTask", "image")},
    "veo_3_1": {
        "text_to_video": ("VideoTask", "video"),
        "extend_video": ("VideoTask", "video"),
        "upscale_video": ("VideoTask", "video"),
    },
    "elevenlabs": {
        "text_to_speech": ("AudioTask", "lyrics"),
        "text_to_dialogue": ("AudioTask", "lyrics"),
        "text_to_sound": ("AudioTask", "lyrics"),
        "speech_to_text": ("TranscriptTask", "default"),
        "isolate_audio": ("AudioTask", "default"),
    },
    "runway": {"text_to_video": ("VideoTask", "video"), "extend_video": ("VideoTask", "video")},
    "runway_aleph": {"edit_video": ("VideoTask", "video")},
    "luma": {"modify_video": ("VideoTask", "video")},
    "seedance": {"text_to_video": ("VideoTask", "video")},
    # the status paths are not printed: read as every family's <create path>/{id}
    "hailuo": {"text_to_video": ("VideoTask", "video"), "image_to_video": ("VideoTask", "video")},
    "kling": {
        "text_to_video": ("VideoTask", "video"),
        "image_to_video": ("VideoTask", "video"),
        "ai_avatar": ("VideoTask", "video"),
        "motion_control": ("VideoTask", "video"),
    },
    "wan": {
        "text_to_video": ("VideoTask", "video"),
        "image_to_video": ("VideoTask", "video"),
        "speech_to_video": ("VideoTask", "video"),
        "animate": ("VideoTask", "video"),
        "text_to_image": ("ImageTask", "image"),
        "edit_video": ("VideoTask", "video"),
    },
    "happyhorse": {
        "text_to_video": ("VideoTask", "video"),
        "image_to_video": ("VideoTask", "video"),
        "edit_video": ("VideoTask", "video"),
    },
    # docs: the "Created via / Status endpoint" table; upscale_image upscales a Grok Imagine video
    "grok_imagine": {
        "text_to_video": ("GrokImagineTask", "video"),
        "image_to_video": ("GrokImagineTask", "video"),
        "text_to_image": ("GrokImagineTask", "image"),
        "edit_image": ("GrokImagineTask", "image"),
        "extend_video": ("GrokImagineTask", "video"),
        "upscale_image": ("GrokImagineTask", "video"),
    },
    "topaz": {"upscale_image": ("ImageTask", "image"), "upscale_video": ("VideoTask", "video")},
    "infinitetalk": {"audio_to_video": ("VideoTask", "video")},
    "gemini_omni": {
        "create_audio": ("AudioResult", None),
        "create_character": ("CharacterResult", None),
        "text_to_video": ("VideoTask", "video"),
    },
    "flux_kontext": {"text_to_image": ("ImageTask", "image")},
    "flux_2": {"text_to_image": ("ImageTask", "image"), "remix_image": ("ImageTask", "image")},
    "seedream": {"text_to_image": ("ImageTask", "image"), "edit_image": ("ImageTask", "image")},
    # remix_image's status path is not printed: the one assumed pair (read as text_to_image's)
    "imagen_4": {"text_to_image": ("ImageTask", "image"), "remix_image": ("ImageTask", "image")},
    "z_image": {"text_to_image": ("ImageTask", "image")},
    "gpt_image": {"text_to_image": ("ImageTask", "image"), "edit_image": ("ImageTask", "image")},
    "gpt_image_2": {"text_to_image": ("ImageTask", "image"), "edit_image": ("ImageTask", "image")},
    "gpt_4o_image": {"text_to_image": ("ImageTask", "image")},
    "qwen_2": {
        "text_to_image": ("ImageTask", "image"),
        "remix_image": ("ImageTask", "image"),
        "edit_image": ("ImageTask", "image"),
    },
    "recraft": {"upscale_image": ("ImageTask", "image"), "remove_background": ("ImageTask", "image")},
    "ideogram_v3": {
        "text_to_image": ("ImageTask", "image"),
        "edit_image": ("ImageTask", "image"),
        "remix_image": ("ImageTask", "image"),
        "reframe_image": ("ImageTask", "image"),
    },
}

# Answers the docs print once for several endpoints: operation -> the operations they are filed
# under, searched in order. A 202 or processing answer (``{"id", "status"}``) is borrowed whatever the result class; a
# completed or failed one only by an operation with the same result class.
SHARED_ANSWERS: dict[str, dict[str, tuple[str, ...]]] = {
    # edit_image is undocumented beyond its name; the 202 answer is every task endpoint's
    "nano_banana": {"edit_image": ("text_to_image",)},
    # one 202 answer printed (text_to_speech), the family's one task interface
    "elevenlabs": {
        op: ("text_to_speech",) for op in ("text_to_dialogue", "text_to_sound", "speech_to_text", "isolate_audio")
    },
    # extend_video prints only its parameter table; its answers are read as text_to_video's
    "runway": {"extend_video": ("text_to_video",)},
    # one 202 and one completed answer, under text_to_video (text_to_image borrows the 202 only)
    "wan": {
        op: ("text_to_video",) for op in ("image_to_video", "speech_to_video", "animate", "text_to_image", "edit_video")
    },
    # one status section for all six: the completed video, the completed image, the failed answer
    "grok_imagine": {
        "image_to_video": ("text_to_video",),
        "extend_video": ("text_to_video",),
        "upscale_image": ("text_to_video",),  # "Upscale Grok-Imagine Video"
        "text_to_image": ("text_to_video",),
        "edit_image": ("text_to_image", "text_to_video"),
    },
    # the 202 answer is printed for text_to_image; remix_image is read as the same
    "flux_2": {"remix_image": ("text_to_image",)},
    # the three answers are printed once, under "Edit Image", for both endpoints
    "seedream": {"text_to_image": ("edit_image",)},
    # no answer printed for remix_image: read as a task like text_to_image
    "imagen_4": {"remix_image": ("text_to_image",)},
    # the answers are printed once, under "Create Edit Image", for all three endpoints
    "qwen_2": {"text_to_image": ("edit_image",), "remix_image": ("edit_image",)},
    # "Poll an upscale task"; the Response Fields table covers both endpoints
    "recraft": {"remove_background": ("upscale_image",)},
    # "Response shape matches the text-to-image status endpoint"
    "ideogram_v3": {op: ("text_to_image",) for op in ("edit_image", "remix_image", "reframe_image")},
}

TASK_ID = "550e8400-e29b-41d4-a716-446655440000"
# The platform's answers where a family prints none: a new task (docs: Quick Start) and a failed
# one (docs: Errors > Task-Specific Errors).
GENERAL_PROCESSING = {"id": TASK_ID, "status": "processing"}
GENERAL_FAILURE = "Generation failed due to content policy violation"
GENERAL_FAILED = {"id": TASK_ID, "status": "failed", "error": GENERAL_FAILURE}

# ``callback_*`` before ``callback`` (the Quick Start's bare callback example), and every kind
# before its own prefix, so ``split`` reads the longest.
KINDS = (
    "callback_completed",
    "callback_failed",
    "callback",
    "request",
    "accepted",
    "processing",
    "completed",
    "failed",
    "response",
)
COMPLETED_KINDS = ("completed", "callback_completed")
FAILED_KINDS = ("failed", "callback_failed")
STATUS_KINDS = ("completed", "callback_completed", "processing", "accepted", "failed", "callback_failed")


# -- the families, their operations and their examples ----------------------------------------


@cache
def families() -> dict[str, tuple[str, type[Family]]]:
    """Every family on ``runapi.Client``: attribute -> (module name, family class)."""
    table = {}
    for attribute, value in vars(runapi._client._Families).items():
        if isinstance(value, FamilyAttribute):
            table[attribute] = (value.module, getattr(importlib.import_module(value.module), value.name))
    return table


@cache
def operations(family: str) -> dict[str, Operation]:
    """The family's operations, by name, as its ``Family`` class declares them."""
    _, cls = families()[family]
    return {name: value for name, value in vars(cls).items() if isinstance(value, (TaskOperation, DirectOperation))}


@cache
def stems(family: str) -> frozenset[str]:
    return frozenset(path.stem for path in (FIXTURES / family).glob("*.json"))


def split(family: str, stem: str) -> tuple[str, str, str] | None:
    """``"extend_music_callback_failed_upload"`` -> ``("extend_music", "callback_failed", "_upload")``."""
    op = max((name for name in operations(family) if stem.startswith(name + "_")), key=len, default=None)
    if op is None:
        return None
    rest = stem[len(op) + 1 :]
    kind = next((k for k in KINDS if rest == k or rest.startswith(k + "_")), None)
    return None if kind is None else (op, kind, rest[len(kind) :])


@cache
def examples(family: str) -> tuple[tuple[str, str, str, str], ...]:
    """The family's examples that name an operation and a kind: (stem, op, kind, variant)."""
    found = []
    for stem in sorted(stems(family)):
        parts = split(family, stem)
        if parts is not None:
            found.append((stem, *parts))
    return tuple(found)


def load(family: str, stem: str) -> Any:
    return json.loads((FIXTURES / family / f"{stem}.json").read_text(encoding="utf-8"))


def find(family: str, op: str, kinds: tuple[str, ...], variant: str = "") -> str | None:
    """The example ``op`` answers with, of the first of ``kinds`` printed: its own (``variant``'s,
    then the plain one), else one filed under an operation it shares its answers with."""
    for owner in (op, *SHARED_ANSWERS.get(family, {}).get(op, ())):
        same_class = operations(family)[owner].returns is operations(family)[op].returns
        for kind in kinds:
            if owner != op and not same_class and kind not in ("accepted", "processing"):
                continue
            for stem in (f"{owner}_{kind}{variant}", f"{owner}_{kind}"):
                if stem in stems(family):
                    return stem
    return None


def requests_of(family: str, op: str) -> list[tuple[str, str]]:
    """The op's documented request bodies: (stem, variant)."""
    return [(stem, variant) for stem, name, kind, variant in examples(family) if name == op and kind == "request"]


def canonical(value: Any) -> str:
    """JSON text with sorted keys: equal only if values and JSON types are equal (5 != 5.0)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def url(client: runapi.Client, operation: Operation, task_id: str | None = None) -> str:
    """The create URL, or the status URL (the id percent-encoded as one path segment)."""
    base = client.base_url + operation.path
    return base if task_id is None else f"{base}/{quote(task_id, safe='')}"


def resource(client: runapi.Client, family: str, op: str) -> Any:
    return getattr(getattr(client, family), op)


def with_id(payload: dict[str, Any], task_id: str) -> dict[str, Any]:
    """An answer of the same task (the docs' examples mix a redacted 202 id with other ids)."""
    return {**payload, "id": task_id}


def case_id(family: str, op: str, check: str) -> str:
    return f"{family}/{op}/{check}"


# -- the cases -----------------------------------------------------------------------------------

FAMILIES = sorted(families())


def _request_cases() -> list[Any]:
    return [
        pytest.param(family, op, stem, variant, id=case_id(family, op, f"request{variant}"))
        for family in FAMILIES
        for stem, op, kind, variant in examples(family)
        if kind == "request"
    ]


def _answer_cases() -> list[Any]:
    return [
        pytest.param(family, op, stem, kind, id=case_id(family, op, kind + variant))
        for family in FAMILIES
        for stem, op, kind, variant in examples(family)
        if kind != "request"
    ]


def _run_cases() -> list[Any]:
    """A run per documented body (with its variant's completed answer), then per completed answer
    no body reached (with the op's first body, or ``wait`` when none is printed)."""
    cases = []
    for family in FAMILIES:
        for op, operation in operations(family).items():
            if not isinstance(operation, TaskOperation):
                continue
            bodies = requests_of(family, op)
            done: set[str | None] = set()
            for stem, variant in bodies:
                completed = find(family, op, COMPLETED_KINDS, variant)
                if completed is not None:
                    done.add(completed)
                    cases.append(
                        pytest.param(family, op, stem, completed, variant, id=case_id(family, op, f"run{variant}"))
                    )
            answers = [(s, v) for s, name, kind, v in examples(family) if name == op and kind == "completed"]
            if not bodies and not answers and (shared := find(family, op, COMPLETED_KINDS)) is not None:
                answers = [(shared, "")]
            for completed, variant in answers:
                if completed in done:
                    continue
                done.add(completed)
                body = next((s for s, v in bodies if v == variant), bodies[0][0] if bodies else None)
                check = ("run" if body else "wait") + variant
                cases.append(pytest.param(family, op, body, completed, variant, id=case_id(family, op, check)))
    return cases


def _failed_cases() -> list[Any]:
    """A failure per failed answer of each task operation (the general one where none is printed),
    and per direct operation."""
    cases = []
    for family in FAMILIES:
        for op, operation in operations(family).items():
            bodies = requests_of(family, op)
            if isinstance(operation, DirectOperation):
                failed = find(family, op, ("failed",))
                body = bodies[0][0] if bodies else None
                cases.append(pytest.param(family, op, body, failed, "", id=case_id(family, op, "call_failed")))
                continue
            variants = sorted({v for _, name, kind, v in examples(family) if name == op and kind in FAILED_KINDS})
            seen: set[str | None] = set()
            for variant in variants or [""]:
                failed = find(family, op, FAILED_KINDS, variant)
                if failed in seen:
                    continue
                seen.add(failed)
                body = next((s for s, v in bodies if v == variant), bodies[0][0] if bodies else None)
                check = ("run" if body else "wait") + "_failed" + variant
                cases.append(pytest.param(family, op, body, failed, variant, id=case_id(family, op, check)))
    return cases


def _task_cases() -> list[Any]:
    return [
        pytest.param(family, op, id=case_id(family, op, "get"))
        for family in FAMILIES
        for op, operation in operations(family).items()
        if isinstance(operation, TaskOperation)
    ]


# -- the family's surface ------------------------------------------------------------------------


def test_every_family_on_the_client_is_documented_here_and_has_its_examples():
    assert set(FAMILIES) == set(ENDPOINTS)
    assert {path.name for path in FIXTURES.iterdir() if path.is_dir()} == set(FAMILIES)
    for family, shared in SHARED_ANSWERS.items():
        for op, owners in shared.items():
            assert {op, *owners} <= set(operations(family)), f"{family}: {op} shares answers with {owners}"


@pytest.mark.parametrize("family", FAMILIES, ids=[f"{f}/endpoints" for f in FAMILIES])
def test_the_family_has_exactly_the_documented_endpoints(family):
    module_name, _ = families()[family]
    module = importlib.import_module(module_name)
    documented = ENDPOINTS[family]
    pairs = set()
    for op, operation in operations(family).items():
        assert op in documented, f"{family}.{op} is not a documented endpoint"
        result_name, duration = documented[op]
        assert operation.path == f"/api/v1/{family}/{op}", op  # each operation is named as its path
        assert operation.returns is getattr(module, result_name), op
        params = "".join(part.capitalize() for part in op.split("_")) + "Params"
        assert operation.params is getattr(module, params), op
        if duration is None:
            assert isinstance(operation, DirectOperation), f"{op} is a direct endpoint"
            assert operation.result is operation.returns
            pairs.add(("POST", operation.path))
        else:
            assert isinstance(operation, TaskOperation), f"{op} is a task endpoint"
            assert operation.task is operation.returns
            assert operation.duration is DURATIONS[duration], op
            pairs |= {("POST", operation.path), ("GET", operation.path + "/{id}")}
    expected = {("POST", f"/api/v1/{family}/{op}") for op in documented}
    expected |= {("GET", f"/api/v1/{family}/{op}/{{id}}") for op, (_, duration) in documented.items() if duration}
    assert pairs == expected


def test_the_duration_classes_start_where_the_docs_say():
    # docs: Quick Start, images take "usually 10-30 seconds"; a video takes minutes (the first poll of
    # a new video task waits a minute)
    assert (DURATIONS["image"].low, DURATIONS["image"].high) == (10, 30)
    assert DURATIONS["video"].low == 60


@pytest.mark.parametrize("family", FAMILIES, ids=[f"{f}/client" for f in FAMILIES])
def test_the_client_attribute_is_the_family(client, family):
    module_name, cls = families()[family]
    instance = getattr(client, family)
    assert isinstance(instance, cls)
    assert getattr(client, family) is instance  # imported once, then cached on the client
    assert getattr(runapi, family) is importlib.import_module(module_name)
    assert getattr(getattr(runapi, family), cls.__name__) is cls
    assert family in dir(runapi)
    for op, operation in operations(family).items():
        bound = getattr(instance, op)
        assert bound.path == operation.path
        if isinstance(operation, TaskOperation):
            assert {"create", "get", "wait", "run"} <= set(dir(bound)), op
        else:
            assert callable(bound) and not hasattr(bound, "wait"), op


@pytest.mark.parametrize("family", FAMILIES, ids=[f"{f}/fixtures" for f in FAMILIES])
def test_every_example_names_an_operation_and_a_kind(family):
    unclaimed = sorted(stem for stem in stems(family) if split(family, stem) is None)
    assert unclaimed == [], f"examples naming no {family} operation or no known kind"
    for stem, op, kind, _ in examples(family):
        if isinstance(operations(family)[op], DirectOperation):
            assert kind in ("request", "response", "failed"), stem
        else:
            assert kind != "response", stem


# -- the documented requests go on the wire unchanged ----------------------------------------------


@pytest.mark.parametrize(("family", "op", "stem", "variant"), _request_cases())
def test_documented_request_is_sent_unchanged(client, http, clock: FakeClock, family, op, stem, variant):
    operation = operations(family)[op]
    cls = operation.returns
    body = load(family, stem)
    if isinstance(operation, TaskOperation):
        answer_name = find(family, op, ("accepted", "processing"), variant)
        answer = GENERAL_PROCESSING if answer_name is None else load(family, answer_name)
        http.post(url(client, operation), status=202, json=answer)
        result = resource(client, family, op).create(**body)
    else:
        answer_name = find(family, op, ("response",), variant)
        assert answer_name is not None, f"no documented answer for the direct call {op}"
        answer = load(family, answer_name)
        http.post(url(client, operation), status=200, json=answer)
        result = resource(client, family, op)(**body)

    assert len(http.calls) == 1
    request = http.calls[0].request
    assert (request.method, request.url) == ("POST", url(client, operation))
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Idempotency-Key"].strip()
    assert canonical(json.loads(request.body)) == canonical(body)  # nothing dropped or added, same JSON types
    assert type(result) is cls
    assert result == cls.from_dict(answer) == strict_converter().structure(answer, cls)
    assert result.raw == answer
    if isinstance(result, runapi.Task):
        assert result.id == answer["id"]
        assert result.status == answer.get("status", "processing")  # a new task is processing
        assert not result.is_done
        assert result.output_urls == []
    else:
        assert clock.sleeps == []  # a direct call: no task, no polling


# -- every documented answer fits its operation's result class exactly ----------------------------


@pytest.mark.parametrize(("family", "op", "stem", "kind"), _answer_cases())
def test_documented_answer_structures_with_nothing_dropped(family, op, stem, kind):
    operation = operations(family)[op]
    # a direct call answered with a failed task is read as a plain Task (it raises TaskFailedError)
    cls = runapi.Task if kind == "failed" and isinstance(operation, DirectOperation) else operation.returns
    payload = load(family, stem)

    strict = strict_converter().structure(payload, cls)  # raises on a documented key the model lacks
    result = cls.from_dict(payload)

    assert strict == result  # the SDK's own converter agrees
    assert type(result) is cls
    assert result.raw == payload
    assert_mirrors(result, payload, stem)  # every documented key holds the same value and JSON type
    assert result.to_dict() == payload  # and it turns back into the payload it came from
    if isinstance(result, runapi.Task):
        assert result.id == payload["id"]
        assert result.status == payload.get("status", "processing")  # the Quick Start's 202 has only an id
        assert result.error == payload.get("error")
        assert result.is_completed is (result.status == "completed")
        assert result.is_failed is (result.status == "failed")
        if kind in COMPLETED_KINDS:
            assert result.is_completed
        if kind in FAILED_KINDS:
            assert result.is_failed
            assert result.output_urls == []
        if kind in ("accepted", "processing"):
            assert not result.is_done
            assert result.output_urls == []


# -- task lifecycles over mocked HTTP, on the fake clock -----------------------------------------


@pytest.mark.parametrize(("family", "op", "body_name", "completed_name", "variant"), _run_cases())
@ordered
def test_run_polls_the_status_path_until_completed(
    client, clock: FakeClock, family, op, body_name, completed_name, variant
):
    operation = operations(family)[op]
    cls = operation.returns
    accepted_name = find(family, op, ("accepted",), variant)
    accepted = GENERAL_PROCESSING if accepted_name is None else load(family, accepted_name)
    task_id = accepted["id"]
    processing_name = find(family, op, ("processing", "accepted"), variant)
    processing = with_id(GENERAL_PROCESSING if processing_name is None else load(family, processing_name), task_id)
    completed = with_id(load(family, completed_name), task_id)
    status_url = url(client, operation, task_id)
    if body_name is not None:
        body = load(family, body_name)
        responses.post(url(client, operation), status=202, json=accepted)
    responses.get(status_url, json=processing)  # still running
    responses.get(status_url, json=completed)

    if body_name is not None:
        task = resource(client, family, op).run(**body)
    else:
        task = resource(client, family, op).wait(task_id)

    assert type(task) is cls
    assert task == cls.from_dict(completed)
    assert task.raw == completed
    assert task.is_completed
    calls = [(call.request.method, call.request.url) for call in responses.calls]
    polls = [("GET", status_url), ("GET", status_url)]
    if body_name is None:
        assert calls == polls
        assert len(clock.sleeps) == 1  # the first poll at once, a wait before the second
    else:
        assert calls == [("POST", url(client, operation)), *polls]
        assert canonical(json.loads(responses.calls[0].request.body)) == canonical(body)
        # a wait before each poll, on the fake clock (nothing slept for real), the first the low end
        # of the operation's expected duration
        assert len(clock.sleeps) == 2
        assert clock.sleeps[0] == operation.duration.low


@pytest.mark.parametrize(("family", "op", "body_name", "failed_name", "variant"), _failed_cases())
@ordered
def test_a_failed_task_raises_task_failed_error(client, clock: FakeClock, family, op, body_name, failed_name, variant):
    operation = operations(family)[op]
    failed = GENERAL_FAILED if failed_name is None else load(family, failed_name)
    body = None if body_name is None else load(family, body_name)

    if isinstance(operation, DirectOperation):
        assert body is not None, f"no documented body for the direct call {op}"
        responses.post(url(client, operation), status=200, json=failed)
        with pytest.raises(runapi.TaskFailedError) as info:
            resource(client, family, op)(**body)
        assert len(responses.calls) == 1
        assert info.value.task_id == failed["id"]
        assert info.value.error == failed["error"]
        assert info.value.task.raw == failed
        assert clock.sleeps == []
        return

    cls = operation.returns
    accepted_name = find(family, op, ("accepted",), variant)
    accepted = GENERAL_PROCESSING if accepted_name is None else load(family, accepted_name)
    task_id = accepted["id"] if body is not None else failed["id"]
    failed = with_id(failed, task_id)
    status_url = url(client, operation, task_id)
    if body is not None:
        responses.post(url(client, operation), status=202, json=accepted)
    responses.get(status_url, json=failed)

    with pytest.raises(runapi.TaskFailedError) as info:
        if body is not None:
            resource(client, family, op).run(**body)
        else:
            resource(client, family, op).wait(task_id)

    assert info.value.task_id == task_id
    assert info.value.error == failed["error"]
    assert type(info.value.task) is cls
    assert info.value.task.raw == failed
    assert info.value.task == strict_converter().structure(failed, cls)  # the failed shape fits the class
    assert info.value.task.output_urls == []
    calls = [(call.request.method, call.request.url) for call in responses.calls]
    assert calls == ([("POST", url(client, operation))] if body is not None else []) + [("GET", status_url)]
    if body is not None:  # and waiting on the task later (by its id) raises the same, after one poll
        responses.get(status_url, json=failed)
        with pytest.raises(runapi.TaskFailedError) as again:
            resource(client, family, op).wait(task_id)
        assert (again.value.task_id, again.value.error, again.value.task.raw) == (task_id, failed["error"], failed)
        assert len(responses.calls) == len(calls) + 1


@pytest.mark.parametrize(("family", "op"), _task_cases())
def test_get_reads_one_task(client, http, family, op):
    operation = operations(family)[op]
    cls = operation.returns
    answer_name = find(family, op, STATUS_KINDS)
    answer = GENERAL_PROCESSING if answer_name is None else load(family, answer_name)
    status_url = url(client, operation, answer["id"])
    http.get(status_url, json=answer)

    task = resource(client, family, op).get(answer["id"])

    assert type(task) is cls
    assert task == cls.from_dict(answer)
    assert task.raw == answer
    assert len(http.calls) == 1
    request = http.calls[0].request
    assert (request.method, request.url) == ("GET", status_url)
    assert request.body is None
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"
