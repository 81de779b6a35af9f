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

Two checks run over every params class of every family at once (nested objects included):

- a number whose name says it cannot be negative (a duration, other seconds, a count, an index)
  refuses -1, and a duration refuses 0 (the core's rule, ``runapi._core.params.sign_rule``);
- the file-size limits the docs print ("max 10 MB", "30MB each", "10 MB total") are declared on
  exactly the documented fields, and refuse a local file one byte over (``FILE_LIMITS``).

Where the docs print one answer for several endpoints (``SHARED_ANSWERS``), the answer is checked
as a contract for the operation it is filed under only; the other operations' create, lifecycle
and ``get`` checks borrow it. Everything particular to a family (its rules and refusals, per-model
tables, typed reads of its answers, signatures, chained calls, its docs readings) is checked in
that family's own ``test_<family>.py``.
"""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
import types
import typing
import warnings
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import cattrs
import pytest
import responses
from responses import registries

import runapi
import runapi._client
from runapi._core import params as params_module
from runapi._core.operations import DirectOperation, Family, FamilyAttribute, TaskOperation
from runapi._core.options import DURATIONS
from runapi._core.params import MB, _nested, fields_of, local_files
from runapi.nano_banana import Image, ImageTask, NanoBanana
from runapi.suno import Audio, Lyrics, LyricsTask, MusicTask, Suno
from runapi.veo_3_1 import Source, Veo31, Video, VideoTask
from tests.conftest import API_KEY, FakeClock
from tests.families.conftest import OP_IDS, load_example, op_path, op_resource
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
        # runapi-suno 0.6.0 and the platform contract (no docs section)
        "blend_lyrics": ("LyricsTask", "lyrics"),
        "music_from_sample": ("MusicTask", "music"),
        "add_samples": ("MusicTask", "music"),
        "inspire_music": ("MusicTask", "music"),
        "remaster_audio": ("MusicTask", "music"),
        "stitch_audio": ("MusicTask", "music"),
        "audio_exports": ("WavTask", "default"),
        "music_visualizations": ("MusicVideoTask", "default"),
        "style_expansions": ("BoostedStyle", None),
        "timestamped_lyrics": ("TimestampedLyrics", None),
        "create_persona": ("CreatedPersona", None),
        "create_voice": ("CreatedVoice", None),
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
        # runapi-kling 0.5.1 (no docs section): the official test's edit body; extend_video's fields from types.ts
        "extend_video": ("VideoTask", "video"),
        "edit_video": ("VideoTask", "video"),
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
        "segment_map": ("SegmentMapTask", "image"),  # official runapi-grok-imagine 0.3.0 only (no docs example)
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
    "seedream": {
        "text_to_image": ("ImageTask", "image"),
        "edit_image": ("ImageTask", "image"),
        "decompose_layers": ("LayersTask", "image"),  # official runapi-seedream 0.5.0 only (no docs example)
    },
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
    "qwen_2_1": {"text_to_image": ("ImageTask", "image"), "edit_image": ("ImageTask", "image")},
    "qwen_3": {"text_to_image": ("ImageTask", "image"), "edit_image": ("ImageTask", "image")},
    "qwen_image": {
        "text_to_image": ("ImageTask", "image"),
        "remix_image": ("ImageTask", "image"),
        "edit_image": ("ImageTask", "image"),
    },
    "flux": {"text_to_image": ("ImageTask", "image"), "remix_image": ("ImageTask", "image")},
    "gpt_image_2_5": {"text_to_image": ("ImageTask", "image"), "edit_image": ("ImageTask", "image")},
    "pixverse": {
        op: ("VideoTask", "video")
        for op in ("text_to_video", "image_to_video", "edit_video", "transition_video", "extend_video")
    },
    "vidu": {"image_to_video": ("VideoTask", "video"), "reference_to_video": ("VideoTask", "video")},
    "heygen_video": {"text_to_video": ("VideoTask", "video"), "image_to_video": ("VideoTask", "video")},
    "minimax_h3": {"text_to_video": ("VideoTask", "video"), "image_to_video": ("VideoTask", "video")},
    "omnihuman": {
        "audio_to_video": ("VideoTask", "video"),
        "human_identification": ("HumanIdentificationTask", "image"),
        "subject_detection": ("SubjectDetectionTask", "image"),
    },
    "volcengine_lip_sync": {"lip_sync_video": ("VideoTask", "video")},
    "midjourney": {
        "text_to_image": ("ImageTask", "image"),
        "edit_image": ("ImageTask", "image"),
        "image_to_video": ("VideoTask", "video"),
        "extend_video": ("VideoTask", "video"),
        "get_seed": ("Seed", None),
        "image_to_prompt": ("Prompts", None),
        "shorten_prompt": ("Prompts", None),
    },
    "producer": {"text_to_music": ("MusicTask", "music")},
    "gemini_tts": {"text_to_speech": ("AudioTask", "lyrics")},
    "openai_tts": {"text_to_speech": ("SpeechResult", None)},
    "fish_audio": {"text_to_speech": ("SpeechResult", None), "create_voice": ("Voice", None)},
    "openai_transcription": {},  # an UploadOperation: not in operations()
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
    # the official test's 202 and completed answers, one shape for all five
    "pixverse": {op: ("text_to_video",) for op in ("image_to_video", "edit_video", "transition_video", "extend_video")},
    "midjourney": {"edit_image": ("text_to_image",), "image_to_video": ("extend_video",)},
    # the official package reads both answers as text-to-video responses (runapi-kling 0.5.1 EditVideo)
    "kling": {"extend_video": ("text_to_video",), "edit_video": ("text_to_video",)},
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
    with warnings.catch_warnings():  # a deprecated operation's warning is checked once, on its own
        if operations(family)[op].deprecated is not None:
            warnings.simplefilter("ignore", DeprecationWarning)
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


PATHS: dict[str, dict[str, str]] = {
    "suno": {  # runapi-suno 0.6.0's resources outside /api/v1/suno/ (platform contract: official-python)
        "music_from_sample": "/api/v1/music_from_sample",
        "audio_exports": "/api/v1/audio_exports",
        "music_visualizations": "/api/v1/music_visualizations",
        "style_expansions": "/api/v1/style_expansions",
        "timestamped_lyrics": "/api/v1/timestamped_lyrics",
        "create_persona": "/api/v1/personas",
        "create_voice": "/api/v1/voices",
    },
    "fish_audio": {"create_voice": "/api/v1/fish_audio/voices"},
}
"""Operations whose create path is not ``/api/v1/<family>/<op>``."""


def documented_path(family: str, op: str) -> str:
    return PATHS.get(family, {}).get(op, f"/api/v1/{family}/{op}")


@pytest.mark.parametrize("family", FAMILIES, ids=[f"{f}/endpoints" for f in FAMILIES])
def test_the_family_has_exactly_the_documented_endpoints(family):
    module_name, _ = families()[family]
    module = importlib.import_module(module_name)
    documented = ENDPOINTS[family]
    pairs = set()
    for op, operation in operations(family).items():
        assert op in documented, f"{family}.{op} is not a documented endpoint"
        result_name, duration = documented[op]
        assert operation.path == documented_path(family, op), op  # each operation is named as its path
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
    expected = {("POST", documented_path(family, op)) for op in documented}
    expected |= {("GET", documented_path(family, op) + "/{id}") for op, (_, duration) in documented.items() if duration}
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
        if operation.deprecated is not None:  # reaching it warns, naming its replacement (suno.add_samples)
            with pytest.warns(DeprecationWarning, match=operation.deprecated):
                bound = getattr(instance, op)
        else:
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
    envelope = getattr(operation, "envelope", None)
    answer = answer[envelope] if envelope else answer  # a direct answer wrapped as {"voice": {...}}
    assert result == cls.from_dict(answer) == strict_converter().structure(answer, cls)
    assert result.raw == answer
    if isinstance(result, runapi.Task) and isinstance(operation, TaskOperation):
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
    envelope = getattr(operation, "envelope", None)
    if envelope and kind == "response":  # a direct answer wrapped as {"voice": {...}}: the result is inside
        payload = payload[envelope]

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


# -- every params class: numbers that cannot be negative, documented file-size limits --------------------


@cache
def params_classes() -> tuple[tuple[str, type], ...]:
    """``(family, params class)`` for every operation of every family, nested params classes included."""
    found: dict[type, str] = {}
    todo = [(family, op.params) for family in FAMILIES for op in operations(family).values()]
    while todo:
        family, cls = todo.pop()
        if cls in found:
            continue
        found[cls] = family
        hints = typing.get_type_hints(cls, include_extras=True)
        todo += [(family, nested[0]) for name in fields_of(cls) if (nested := _nested(hints[name])) is not None]
    return tuple(sorted(((family, cls) for cls, family in found.items()), key=lambda item: item[1].__qualname__))


def scalar_number(hint: Any) -> bool:
    """An ``int`` or ``float`` field (``X | None`` and ``Annotated`` too); a ``Literal`` lists its own values."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        members = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        hint = members[0] if len(members) == 1 else None
    if typing.get_origin(hint) is typing.Annotated:
        hint = typing.get_args(hint)[0]
    return hint in (int, float)


def cannot_be_negative(name: str) -> str | None:
    """The rule, as the params module states it: ``"> 0"`` for a duration, ``">= 0"`` for other seconds,
    counts and indexes, ``None`` for any other name (``seed`` included: -1 is "random" for some models)."""
    words = name.split("_")
    if "duration" in words:
        return "> 0"
    if words[-1] in ("seconds", "count", "index") or words[0] == "num" or name == "n":
        return ">= 0"
    return None


def _quantities() -> list[Any]:
    cases = []
    for family, cls in params_classes():
        hints = typing.get_type_hints(cls, include_extras=True)
        for name in fields_of(cls):
            if scalar_number(hints[name]) and cannot_be_negative(name) is not None:
                cases.append(pytest.param(cls, name, id=f"{family}/{cls.__name__}.{name}"))
    return cases


QUANTITIES = _quantities()


@pytest.mark.parametrize(("cls", "name"), QUANTITIES)
def test_no_duration_count_or_index_takes_a_negative_number(cls: type, name: str) -> None:
    attribute = fields_of(cls)[name]
    refused = [-1, 0] if cannot_be_negative(name) == "> 0" else [-1]
    for value in refused:
        with pytest.raises(runapi.ValidationError) as info:
            attribute.validator(None, attribute, value)  # type: ignore[misc]  # the field's own checks
        assert info.value.field == name and f"got {value}" in str(info.value)


def test_the_rule_covers_the_fields_that_took_negatives() -> None:
    covered = {
        (cls.__module__.removeprefix("runapi."), cls.__name__, name) for cls, name in (p.values for p in QUANTITIES)
    }
    assert {  # Wan's durations had no range at all (duration_seconds=-5 was sent)
        ("wan", "TextToVideoParams", "duration_seconds"),
        ("wan", "ImageToVideoParams", "duration_seconds"),
        ("wan", "EditVideoParams", "duration_seconds"),
        ("kling", "Shot", "duration_seconds"),
        ("suno", "VoiceToValidationPhraseParams", "vocal_start_seconds"),
        ("veo_3_1", "UpscaleVideoParams", "index"),
        ("wan", "SpeechToVideoParams", "num_frames"),
        ("seedream", "TextToImageParams", "output_count"),
    } <= covered
    assert len(covered) >= 20


def test_a_negative_wan_duration_is_refused_before_any_request(client: runapi.Client, http: Any) -> None:
    body = {**load("wan", "text_to_video_request"), "duration_seconds": -5}
    with pytest.raises(runapi.ValidationError) as info:
        client.wan.text_to_video.create(**body)
    assert info.value.field == "duration_seconds"
    assert str(info.value) == "duration_seconds must be a number greater than 0; got -5"
    assert len(http.calls) == 0


def test_a_seed_keeps_its_documented_range() -> None:
    from runapi.seedance import TextToVideoParams

    attribute = fields_of(TextToVideoParams)["seed"]
    attribute.validator(None, attribute, -1)  # type: ignore[misc]  # docs: "[-1, 2147483647]; -1 = random"


# The file-size limits the docs print, by (module, params class, field): (bytes, for all files together).
FILE_LIMITS: dict[tuple[str, str, str], tuple[int, bool]] = {
    # Kling > Create Text-to-Video, kling_elements: "max 10 MB per image", "MP4 or MOV video URL, max 50 MB"
    ("kling", "KlingElement", "element_input_urls"): (10 * MB, False),
    ("kling", "KlingElement", "element_input_video_urls"): (50 * MB, False),
    # Kling > Create AI Avatar: "Max 10 MB" (image and audio)
    ("kling", "AiAvatarParams", "source_image_url"): (10 * MB, False),
    ("kling", "AiAvatarParams", "source_audio_url"): (10 * MB, False),
    # Nano Banana > text-to-image (base, Pro, V2): "30MB each"
    ("nano_banana", "TextToImageParams", "reference_image_urls"): (30 * MB, False),
    # Qwen 2 > remix and edit: "JPEG, PNG, and WebP up to 10 MB"
    ("qwen_2", "RemixImageParams", "source_image_url"): (10 * MB, False),
    ("qwen_2", "EditImageParams", "source_image_url"): (10 * MB, False),
    # Qwen Image > remix and edit: "JPEG/PNG/WebP up to 10 MB" (the official package's types.ts)
    ("qwen_image", "RemixImageParams", "source_image_url"): (10 * MB, False),
    ("qwen_image", "EditImageParams", "source_image_url"): (10 * MB, False),
    # Ideogram V3: source "max 10 MB"; character references "max 10 MB total"
    ("ideogram_v3", "TextToImageParams", "reference_image_urls"): (10 * MB, True),
    ("ideogram_v3", "EditImageParams", "source_image_url"): (10 * MB, False),
    ("ideogram_v3", "EditImageParams", "reference_image_urls"): (10 * MB, True),
    ("ideogram_v3", "RemixImageParams", "source_image_url"): (10 * MB, False),
    ("ideogram_v3", "RemixImageParams", "reference_image_urls"): (10 * MB, True),
    ("ideogram_v3", "ReframeImageParams", "source_image_url"): (10 * MB, False),
    # Gemini Omni: create_character "no larger than 20MB"; text_to_video "max 20MB each"
    ("gemini_omni", "CreateCharacterParams", "reference_image_url"): (20 * MB, False),
    ("gemini_omni", "TextToVideoParams", "reference_image_urls"): (20 * MB, False),
}


def test_the_documented_file_limits_are_declared_on_exactly_those_fields() -> None:
    declared = {
        (cls.__module__.removeprefix("runapi."), cls.__name__, name): limit
        for _, cls in params_classes()
        for name, limit in cls.__runapi_file_limits__.items()
    }
    assert declared == FILE_LIMITS


@pytest.fixture(scope="module")
def holes(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """``holes(size)``: a sparse file of ``size`` bytes (no disk used), made once per size."""
    folder = tmp_path_factory.mktemp("limits")
    made: dict[int, Path] = {}

    def make(size: int) -> Path:
        if size not in made:
            path = folder / f"{size}.png"
            with open(path, "wb") as file:
                file.truncate(size)
            made[size] = path
        return made[size]

    return make


@pytest.mark.parametrize(("where", "limit"), [pytest.param(k, v, id=".".join(k)) for k, v in FILE_LIMITS.items()])
def test_a_local_file_over_a_documented_limit_is_refused_naming_the_field(
    where: tuple[str, str, str], limit: tuple[int, bool], holes: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checked as a create checks it (local files stand in as placeholders); the 10 MB upload limit,
    which a create also applies, is lifted here so each parameter's own limit is what is seen."""
    monkeypatch.setattr(params_module, "MAX_UPLOAD_BYTES", None)
    module, class_name, name = where
    cls = getattr(importlib.import_module(f"runapi.{module}"), class_name)
    attribute = fields_of(cls)[name]
    size, total = limit
    many = "urls" in name
    count = 2 if name == "element_input_urls" else 1  # "2 to 4" images

    def check(value: Any) -> None:
        swapped, _ = local_files(cls, {name: value})
        attribute.validator(None, attribute, swapped[name])  # type: ignore[misc]  # the field's own checks

    with pytest.raises(runapi.ValidationError) as info:
        check([holes(size)] * (count - 1) + [holes(size + 1)] if many else holes(size + 1))
    assert info.value.field == (name if total or not many else f"{name}[{count - 1}]")
    assert f"{size:,} bytes" in str(info.value) and f"{size + 1:,} bytes" in str(info.value)
    check([holes(size)] * count if many else holes(size))  # exactly at the limit: taken


# -- the contract check itself, and the three by-aspect families together


def test_contract_check_does_catch_a_missing_field():
    # the strict converter is what makes the contract checks (test_every_family.py) meaningful: it
    # must refuse unknown keys, at the top and in nested objects
    payload = load_example("suno", "text_to_music_completed")
    strict = strict_converter()
    with pytest.raises(cattrs.BaseValidationError):
        strict.structure({**payload, "new_field": 1}, MusicTask)
    nested = {**payload, "audios": [{**payload["audios"][0], "new_field": 1}]}
    with pytest.raises(cattrs.BaseValidationError):
        strict.structure(nested, MusicTask)
    with pytest.raises(AssertionError, match="new_field"):
        assert_mirrors(MusicTask.from_dict(nested), nested, "task")


def test_nested_objects_are_model_classes():
    music = MusicTask.from_dict(load_example("suno", "text_to_music_completed"))
    lyrics = LyricsTask.from_dict(load_example("suno", "generate_lyrics_completed"))
    image = ImageTask.from_dict(load_example("nano_banana", "text_to_image_completed_quickstart"))
    video = VideoTask.from_dict(load_example("veo_3_1", "extend_video_completed"))
    assert isinstance(music.audios[0], Audio)
    assert isinstance(lyrics.lyrics[0], Lyrics)
    assert isinstance(image.images[0], Image)
    assert isinstance(video.videos[0], Video)
    assert isinstance(video.sources[0], Source)


MALFORMED = [
    pytest.param(runapi.Task, {}, id="task-empty"),
    pytest.param(runapi.Task, ["281e5b0"], id="task-not-an-object"),
]


@pytest.mark.parametrize(("cls", "payload"), MALFORMED)
def test_malformed_payload_raises_response_validation_error(cls, payload):
    with pytest.raises(runapi.APIResponseValidationError) as info:
        cls.from_dict(payload)
    assert info.value.body == payload


# -- the family accessors and lazy imports


def test_family_accessors_are_the_family_classes(client):
    assert isinstance(client.suno, Suno)
    assert isinstance(client.suno, runapi.suno.Suno)
    assert isinstance(client.nano_banana, NanoBanana)
    assert isinstance(client.veo_3_1, Veo31)
    assert client.suno is client.suno  # one namespace per client
    for op in OP_IDS:
        assert op_resource(client, op).path == op_path(op)


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)


def test_import_runapi_loads_no_family_and_no_requests():
    result = _python(
        "import runapi, sys; assert 'runapi.suno' not in sys.modules and 'requests' not in sys.modules, "
        "sorted(m for m in sys.modules if m.startswith(('runapi', 'requests')))"
    )
    assert result.returncode == 0, result.stderr


def test_family_module_is_imported_on_first_use():
    # the counterpart of the test above: the check does see a family module once it is used
    result = _python(
        "import runapi, sys; c = runapi.Client(api_key='test-key', base_url='https://api.test'); "
        "assert 'runapi.suno' not in sys.modules; c.suno; assert 'runapi.suno' in sys.modules; "
        "assert 'runapi.veo_3_1' not in sys.modules"
    )
    assert result.returncode == 0, result.stderr


def test_the_core_imports_no_family() -> None:
    # every module under runapi._core loaded: none of them may pull in a family module
    result = _python(
        "import pkgutil, importlib, sys, runapi._core as core\n"
        "for info in pkgutil.iter_modules(core.__path__):\n"
        "    importlib.import_module('runapi._core.' + info.name)\n"
        "families = [m for m in sys.modules if m.startswith('runapi.') and not m.startswith(('runapi._core', "
        "'runapi.errors', 'runapi._version', 'runapi._families'))]\n"  # _families: the names, no family
        "assert not families, families"
    )
    assert result.returncode == 0, result.stderr


def test_with_options_copies_get_families_bound_to_themselves() -> None:
    client = runapi.Client(api_key="test-key", base_url="https://api.test")
    first = client.suno
    assert client.suno is first  # cached on the client
    other = client.with_options(timeout=5)
    assert other.suno is not first and other.suno._client is other
    from runapi._core.operations import FamilyAttribute

    assert isinstance(runapi._client._Families.__dict__["suno"], FamilyAttribute)  # the lazy descriptor


def test_no_core_module_names_a_family_even_for_type_checking() -> None:
    from runapi._core.operations import FamilyAttribute

    families = [
        value.module.rsplit(".", 1)[1]
        for value in vars(runapi._client._Families).values()
        if isinstance(value, FamilyAttribute)
    ]
    assert {"suno", "nano_banana", "veo_3_1"} <= set(families)
    core = Path(runapi.__file__).parent / "_core"
    for source in core.glob("*.py"):
        imports = [
            line for line in source.read_text(encoding="utf-8").splitlines() if re.match(r"\s*(from|import) ", line)
        ]
        for name in families:
            assert not [line for line in imports if re.search(rf"\b{name}\b", line)], (source.name, name)


# -- every model field is open: any string for type checkers, sent with a warning at run time -----------


def _model_fields() -> list[Any]:
    return [
        pytest.param(cls, id=f"{family}/{cls.__name__}")
        for family, cls in params_classes()
        if "model" in fields_of(cls)
    ]


@pytest.mark.parametrize("cls", _model_fields())
def test_every_model_field_takes_an_unknown_id_typed_and_sent_with_a_warning(cls: type) -> None:
    from runapi._core.params import build_params, validators
    from runapi._core.params.rules import _literal_values

    hint = typing.get_type_hints(cls)["model"]
    attribute = fields_of(cls)["model"]
    if hint is str:  # a family that publishes no model ids (Vidu): any string, no list to warn against
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            attribute.validator(None, attribute, "model-from-the-future")  # type: ignore[misc]
        return
    known = _literal_values(hint)
    # the annotation is the family's Literal of known ids, or any str (openai's Union[str, ChatModel])
    assert typing.get_origin(hint) in (typing.Union, types.UnionType) and str in typing.get_args(hint)
    assert known and all(isinstance(value, str) for value in known)
    validators._WARNED.clear()  # as in a new process: nothing warned about yet
    with pytest.warns(runapi.UnknownValueWarning, match="model='model-from-the-future'"):
        attribute.validator(None, attribute, "model-from-the-future")  # type: ignore[misc]
    with pytest.raises(runapi.ValidationError, match="model must be one of"):
        build_params(cls, (), {"model": "model-from-the-future"}, "POST /x", strict=True)
    with pytest.raises(runapi.ValidationError, match="model must be one of"):
        attribute.validator(None, attribute, 42)  # type: ignore[misc]  # a type that is not a string: refused
    validators._WARNED.clear()
