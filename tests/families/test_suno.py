"""Every Suno endpoint of the docs, checked against the docs' own examples (``tests/fixtures/suno``).

The generic contract checks live in ``test_every_family.py``: the 38 documented method+path pairs
(21 POST, 17 status GETs), every documented request body sent unchanged, every documented answer
(202, status, callback, direct) fitting its result class exactly, task lifecycles over mocked HTTP
on the fake clock, documented failures raising ``TaskFailedError``. This file keeps what is
particular to Suno:

- every operation has its examples, and which ones print a failure;
- typed reads of the answers (nested objects, output URLs, split stems);
- direct calls: their typed results, their ``Idempotency-Key`` and options;
- every enum, range, length and conditional rule: documented values are sent, a bad call is
  refused before any request.
- for text_to_music, extend_music and generate_lyrics: None left off the wire, required and unknown
  parameters, ``extra_body``, the typed tasks and create / get / wait / run over mocked HTTP.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

import cattrs
import pytest
import responses

import runapi
from runapi._core.models import Result
from runapi._core.operations import DirectOperation, TaskOperation
from runapi.suno import (
    AUDIO_ACTION_MODELS,
    MODELS,
    STEM_NAMES,
    AdvancedStemAudio,
    AdvancedStemPair,
    AlignedWord,
    ArtworkTask,
    Audio,
    BoostedStyle,
    Cover,
    CreatedPersona,
    CreatedVoice,
    Instrument,
    LyricsTask,
    MidiNote,
    MidiTask,
    MusicTask,
    MusicVideoTask,
    Persona,
    PersonaRecord,
    PersonaResource,
    PersonaResult,
    SectionTask,
    SeparatedAudios,
    StemsTask,
    SunoTask,
    TimestampedLyrics,
    ValidationPhraseTask,
    VoiceAvailability,
    VoiceRecord,
    VoiceResource,
    VoiceTask,
    WavTask,
)
from tests.conftest import API_KEY, FakeClock
from tests.families.conftest import (
    ACCEPTED,
    AUDIO_ID,
    BASE_CALL,
    OMIT,
    OP_FIXTURES,
    OPERATIONS,
    create_url,
    load_example,
    op_path,
    op_resource,
    ordered,
    payloads,
    refuse,
    send,
    task_class_of,
    task_url,
    with_overrides,
)
from tests.families.contract import strict_converter

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "suno"
BASE = "/api/v1/suno"

TASK_OPS: dict[str, type[runapi.Task]] = {
    "text_to_music": MusicTask,
    "extend_music": MusicTask,
    "generate_lyrics": LyricsTask,
    "add_vocals": MusicTask,
    "add_instrumental": MusicTask,
    "separate_audio_stems": StemsTask,
    "convert_audio": WavTask,
    "generate_midi": MidiTask,
    "voice_to_validation_phrase": ValidationPhraseTask,
    "regenerate_validation_phrase": ValidationPhraseTask,
    "generate_voice": VoiceTask,
    "generate_artwork": ArtworkTask,
    "visualize_music": MusicVideoTask,
    "replace_section": SectionTask,
    "cover_audio": MusicTask,
    "create_mashup": MusicTask,
    "text_to_sound": MusicTask,
}
DIRECT_OPS: dict[str, type[Result]] = {
    "check_voice": VoiceAvailability,
    "boost_style": BoostedStyle,
    "get_timestamped_lyrics": TimestampedLyrics,
    "generate_persona": PersonaResult,
}
# The operations newer than the docs (runapi-suno 0.6.0, the platform contract): their examples are
# the official repository's test bodies and the package's response models (no callbacks, no failures).
NEWER_TASK_OPS: dict[str, type[runapi.Task]] = {
    "blend_lyrics": LyricsTask,
    "music_from_sample": MusicTask,
    "add_samples": MusicTask,
    "inspire_music": MusicTask,
    "remaster_audio": MusicTask,
    "stitch_audio": MusicTask,
    "audio_exports": WavTask,
    "music_visualizations": MusicVideoTask,
}
NEWER_DIRECT_OPS: dict[str, type[Result]] = {
    "style_expansions": BoostedStyle,
    "timestamped_lyrics": TimestampedLyrics,
    "create_persona": CreatedPersona,
    "create_voice": CreatedVoice,
}
OPS = {**TASK_OPS, **DIRECT_OPS, **NEWER_TASK_OPS, **NEWER_DIRECT_OPS}

KINDS = (
    "callback_completed",
    "callback_failed",
    "request",
    "accepted",
    "processing",
    "completed",
    "failed",
    "response",
)


def split(stem: str) -> tuple[str, str, str]:
    """``"extend_music_callback_failed_upload"`` -> ``("extend_music", "callback_failed", "_upload")``."""
    op = max((name for name in OPS if stem.startswith(name + "_")), key=len, default=None)
    assert op is not None, f"fixture {stem} names no Suno operation"
    rest = stem[len(op) + 1 :]
    kind = next((k for k in KINDS if rest == k or rest.startswith(k + "_")), None)
    assert kind is not None, f"fixture {stem}: unknown kind {rest!r}"
    return op, kind, rest[len(kind) :]


def load(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


STEMS = sorted(path.stem for path in FIXTURES.glob("*.json"))


def canonical(value: Any) -> str:
    """JSON text with sorted keys: equal only if values and JSON types are equal (60 != 60.0)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def url(client: runapi.Client, op: str, task_id: str | None = None) -> str:
    path = f"{client.base_url}{BASE}/{op}"
    return path if task_id is None else f"{path}/{quote(task_id, safe='')}"


def call(client: runapi.Client, op: str, **kwargs: Any) -> Any:
    """``create`` for a task endpoint, the call itself for a direct one."""
    target = getattr(client.suno, op)
    return target.create(**kwargs) if op in TASK_OPS else target(**kwargs)


# -- the family's surface -------------------------------------------------------------------


def test_every_fixture_belongs_to_an_operation_and_every_operation_has_its_examples():
    seen: dict[str, set[str]] = {op: set() for op in OPS}
    for stem in STEMS:
        op, kind, _ = split(stem)  # fails on a fixture no operation claims
        seen[op].add(kind)
    for op in TASK_OPS:
        assert {"request", "accepted", "callback_completed"} <= seen[op], op
        assert "response" not in seen[op], op
    for op in DIRECT_OPS:
        assert {"request", "response"} <= seen[op], op
        assert seen[op] <= {"request", "response", "failed"}, op
    for op in NEWER_TASK_OPS:
        assert seen[op] == {"request", "accepted", "completed"}, op
    for op in NEWER_DIRECT_OPS:
        assert seen[op] == {"request", "response"}, op


def test_every_task_operation_but_one_prints_a_failure():
    # regenerate_validation_phrase is the one task endpoint whose docs show no failed payload
    failing = {op for op, kind, _ in map(split, STEMS) if kind in ("failed", "callback_failed")}
    assert failing & set(TASK_OPS) == set(TASK_OPS) - {"regenerate_validation_phrase"}


# -- (1) the documented answers, as a user reads them ---------------------------------------


def test_the_strict_check_catches_an_undocumented_nested_key():
    # what makes the contract checks (test_every_family.py) meaningful: unknown keys are refused, nested too
    payload = load("separate_audio_stems_callback_completed_split_stem")
    extended = {**payload, "separated_audios": {**payload["separated_audios"], "harp_url": "https://x/harp.mp3"}}
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure(extended, StemsTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**load("boost_style_response"), "tokens": 3}, BoostedStyle)
    # while the SDK itself keeps such a stem on raw instead of refusing the answer
    task = StemsTask.from_dict(extended)
    assert task.raw["separated_audios"]["harp_url"] == "https://x/harp.mp3"
    assert task.separated_audios == StemsTask.from_dict(payload).separated_audios


TYPED = [
    pytest.param(
        "text_to_sound_completed",
        {"audios.0.prompt": "Rain on a tin roof, distant thunder", "audios.0.lyrics": None, "audios.0.duration": 32.5},
        id="sound-prompt-not-lyrics",
    ),
    pytest.param(
        "add_instrumental_completed",
        {"generation_stage": "all_audios_ready", "audios.0.tags": ["Relaxing Piano", "Ambient", "Peaceful"]},
        id="instrumental-tags-list",
    ),
    pytest.param(
        "separate_audio_stems_callback_completed_split_stem",
        {
            "separated_audios.piano_url": "https://file.runapi.ai/s/b1c2****3d4e_Piano.mp3",
            "separated_audios.instrumental_url": None,
        },
        id="stems-split",
    ),
    pytest.param(
        "generate_midi_callback_completed",
        {
            "instruments.1.name": "Electric Bass (finger)",
            "instruments.0.notes.0.pitch": 73,
            "instruments.0.notes.0.velocity": 1.0,
            "instruments.1.notes.0.start_time": 7.6875,
        },
        id="midi-notes",
    ),
    pytest.param(
        "voice_to_validation_phrase_callback_failed",
        {"provider_status": "processing_validate_fail", "validation_phrase": None, "is_failed": True},
        id="phrase-failed",
    ),
    pytest.param(
        "regenerate_validation_phrase_completed",
        {"validation_phrase": "Silver echoes drift across the midnight ocean", "provider_status": "wait_validating"},
        id="phrase-regenerated",
    ),
    pytest.param("generate_voice_completed", {"voice_id": "voice_custom_123"}, id="voice-id"),
    pytest.param("generate_artwork_failed", {"covers": [], "error": "Cover generation failed."}, id="artwork-failed"),
    pytest.param(
        "replace_section_completed",
        {"track.id": "6949072e-5cdb-43a3-b093-56d16e582aeb", "track.tags": ["Jazz"], "track.duration": 198.44},
        id="section-track",
    ),
    pytest.param(
        "extend_music_failed_upload",
        {"generation_stage": None, "error": "Extension generation failed."},
        id="extend-upload-failed-no-stage",
    ),
    pytest.param(
        "get_timestamped_lyrics_response",
        {
            "aligned_words.0.word": "[Verse]\nWaggin'",
            "aligned_words.0.success": True,
            "aligned_words.1.end_time": 1.95,
            "aligned_words.0.palign": 0.0,
            "waveform_data": [0.0, 1.0, 0.5, 0.75],
            "is_streamed": False,
        },
        id="timestamped-lyrics",
    ),
    pytest.param(
        "generate_persona_response",
        {"persona.id": "abc123def456", "persona.name": "Electronic Pop Singer"},
        id="persona",
    ),
    pytest.param("check_voice_response", {"is_available": True}, id="voice-available"),
]


def pluck(obj: Any, path: str) -> Any:
    for part in path.split("."):
        obj = obj[int(part)] if part.isdigit() else getattr(obj, part)
    return obj


@pytest.mark.parametrize(("stem", "expected"), TYPED)
def test_typed_fields(stem, expected):
    result = OPS[split(stem)[0]].from_dict(load(stem))
    for path, value in expected.items():
        got = pluck(result, path)
        assert got == value, f"{path}: {got!r} != {value!r}"
        assert type(got) is type(value), f"{path}: {type(got).__name__} instead of {type(value).__name__}"


def test_nested_objects_are_model_classes():
    assert isinstance(StemsTask.from_dict(load("separate_audio_stems_completed")).separated_audios, SeparatedAudios)
    midi = MidiTask.from_dict(load("generate_midi_completed"))
    assert isinstance(midi.instruments[0], Instrument)
    assert isinstance(midi.instruments[0].notes[0], MidiNote)
    assert isinstance(ArtworkTask.from_dict(load("generate_artwork_completed")).covers[0], Cover)
    assert isinstance(SectionTask.from_dict(load("replace_section_completed")).track, Audio)
    assert isinstance(
        TimestampedLyrics.from_dict(load("get_timestamped_lyrics_response")).aligned_words[0], AlignedWord
    )
    assert isinstance(PersonaResult.from_dict(load("generate_persona_response")).persona, Persona)


OUTPUT_URLS = [
    pytest.param("add_vocals_completed", ["https://file.runapi.ai/****.mp3"], id="music"),
    pytest.param("text_to_sound_callback_completed", ["https://file.runapi.ai/****.mp3"], id="sound"),
    pytest.param(
        "separate_audio_stems_completed",
        [
            "https://file.runapi.ai/s/d92a****5528_Instrumental.mp3",
            "https://file.runapi.ai/s/3d70****b172_Vocals.mp3",
        ],
        id="stems-vocal",
    ),
    pytest.param("convert_audio_completed", ["https://file.runapi.ai/s/04e6****e727.wav"], id="wav"),
    pytest.param(
        "generate_artwork_completed",
        [
            "https://tempfile.runapi.ai/s/1753958521_6c1b3015141849d1a9bf17b738ce9347.png",
            "https://tempfile.runapi.ai/s/1753958524_c153143acc6340908431cf0e90cbce9e.png",
        ],
        id="artwork",
    ),
    pytest.param("visualize_music_completed", ["https://file.runapi.ai/videos/video_847715e66259.mp4"], id="video"),
    pytest.param("replace_section_completed", ["https://file.runapi.ai/****.mp3"], id="section"),
    # no downloadable files: note data, a phrase, a voice id
    pytest.param("generate_midi_completed", [], id="midi"),
    pytest.param("voice_to_validation_phrase_completed", [], id="phrase"),
    pytest.param("generate_voice_completed", [], id="voice"),
]


@pytest.mark.parametrize(("stem", "urls"), OUTPUT_URLS)
def test_output_urls_list_the_downloadable_files_in_order(stem, urls):
    task = OPS[split(stem)[0]].from_dict(load(stem))
    assert task.output_urls == urls


def test_split_stem_output_urls_are_every_stem():
    payload = load("separate_audio_stems_callback_completed_split_stem")
    task = StemsTask.from_dict(payload)
    assert task.separated_audios is not None
    assert task.separated_audios.urls == payload["separated_audios"]
    assert sorted(task.output_urls) == sorted(payload["separated_audios"].values())
    assert len(task.output_urls) == 13


# -- (2) direct operations --------------------------------------------------------------------

DIRECT_CASES = [
    pytest.param("check_voice", lambda r: r.is_available is True, id="check_voice"),
    pytest.param("boost_style", lambda r: r.style.startswith("Pop, Mysterious, Upbeat"), id="boost_style"),
    pytest.param(
        "get_timestamped_lyrics",
        lambda r: [w.word for w in r.aligned_words] == ["[Verse]\nWaggin'", "my"] and r.hoot_cer > 0.38,
        id="get_timestamped_lyrics",
    ),
    pytest.param(
        "generate_persona",
        lambda r: r.persona.id == "abc123def456" and r.persona.description.startswith("A modern electronic"),
        id="generate_persona",
    ),
]


@pytest.mark.parametrize(("op", "check"), DIRECT_CASES)
def test_direct_call_returns_the_typed_result_at_once(client, http, clock: FakeClock, op, check):
    answer = load(f"{op}_response")
    http.post(url(client, op), status=200, json=answer)

    result = getattr(client.suno, op)(**load(f"{op}_request"))

    assert type(result) is DIRECT_OPS[op]
    assert check(result)
    assert result.raw == answer
    assert len(http.calls) == 1  # no task, no polling
    assert clock.sleeps == []


def test_direct_call_gets_an_idempotency_key_and_options(client, http):
    http.post(url(client, "boost_style"), status=200, json=load("boost_style_response"))
    client.suno.boost_style.with_options(idempotency_key="boost-1", extra_body={"lang": "en"})(description="Pop")
    request = http.calls[0].request
    assert request.headers["Idempotency-Key"] == "boost-1"
    assert json.loads(request.body) == {"description": "Pop", "lang": "en"}


# -- (3) accepted values: documented enum values and range bounds --------------------------

UPLOAD = "https://cdn.runapi.ai/public/samples/music.mp3"
EXTEND_UPLOAD = load("extend_music_request_upload")


def _accepted_cases() -> list[Any]:
    cases: list[Any] = []

    def add(case_id: str, op: str, base: str | None = None, omit: tuple[str, ...] = (), **overrides: Any) -> None:
        kwargs = {**load(base or f"{op}_request"), **overrides}
        cases.append(pytest.param(op, {k: v for k, v in kwargs.items() if k not in omit}, id=case_id))

    models = ("suno-v5.5", "suno-v5", "suno-v4.5-plus", "suno-v4.5-all", "suno-v4.5", "suno-v4")
    for op in ("add_vocals", "add_instrumental", "cover_audio", "create_mashup"):
        for model in models:
            add(f"{op}-model-{model}", op, model=model)
    add("extend-upload-model-v4", "extend_music", "extend_music_request_upload", model="suno-v4")
    add("extend-upload-custom-instrumental-no-prompt", "extend_music", "extend_music_request_upload",
        omit=("prompt",), instrumental=True)  # fmt: skip
    add("extend-upload-custom-vocal", "extend_music", "extend_music_request_upload", instrumental=False)
    add("extend-upload-source-with-prompt", "extend_music", "extend_music_request_upload",
        omit=("style", "title", "continue_at"), parameter_mode="source")  # fmt: skip
    add("extend-upload-custom-persona-voice", "extend_music", "extend_music_request_upload",
        persona_id="voice_custom_123", persona_type="voice", vocal_gender="female")  # fmt: skip
    add("extend-audio-custom-instrumental", "extend_music", instrumental=True)
    for model in ("suno-v5", "suno-v5.5"):
        add(f"sound-model-{model}", "text_to_sound", model=model)
    for key in ("Cm", "C#m", "Dm", "D#m", "Em", "Fm", "F#m", "Gm", "G#m", "Am", "A#m", "Bm",
                "C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"):  # fmt: skip
        add(f"sound-key-{key}", "text_to_sound", sound_key=key)
    for tempo in (1, 300):
        add(f"sound-tempo-{tempo}", "text_to_sound", sound_tempo=tempo)
    add("sound-prompt-500", "text_to_sound", prompt="r" * 500, sound_loop=False, grab_lyrics=True)
    add("sound-minimal", "text_to_sound", omit=("sound_loop", "sound_tempo", "sound_key", "grab_lyrics"))
    for kind in ("separate_vocal", "split_stem"):
        add(f"stems-{kind}", "separate_audio_stems", type=kind)
    add("stems-type-omitted", "separate_audio_stems", omit=("type",))
    for language in ("en", "zh", "es", "fr", "pt", "de", "ja", "ko", "hi", "ru"):
        add(f"phrase-language-{language}", "voice_to_validation_phrase", language=language)
    add("phrase-window-0-1", "voice_to_validation_phrase", vocal_start_seconds=0, vocal_end_seconds=1)
    for level in ("beginner", "intermediate", "advanced", "professional"):
        add(f"voice-level-{level}", "generate_voice", singer_skill_level=level)
    add("voice-minimal", "generate_voice", omit=("voice_name", "description", "style", "singer_skill_level"))
    add("video-50-chars", "visualize_music", author="a" * 50, domain_name="d" * 50)
    add("section-window-from-0", "replace_section", infill_start_time=0, infill_end_time=0.01)
    add("section-all-optionals", "replace_section", negative_tags="Metal", full_lyrics="[Verse]\nAll of it")
    add("cover-auto_lyrics", "cover_audio", vocal_mode="auto_lyrics", prompt="A soft cover")
    add("cover-exact_lyrics", "cover_audio", vocal_mode="exact_lyrics", lyrics="[Verse]\nLa la")
    add("cover-persona-voice-v5", "cover_audio", persona_id="p-1", persona_type="voice", negative_tags="Metal",
        vocal_gender="male", style_weight=0, weirdness_constraint=1, audio_weight=0.65)  # fmt: skip
    add("mashup-instrumental", "create_mashup", vocal_mode="instrumental", omit=("lyrics",))
    add("mashup-auto_lyrics", "create_mashup", vocal_mode="auto_lyrics", prompt="Blend them", omit=("lyrics",))
    add("mashup-persona-style-v4", "create_mashup", persona_id="p-1", persona_type="style")
    add("add_instrumental-controls", "add_instrumental", vocal_gender="female", style_weight=0.5)
    add("add_vocals-controls", "add_vocals", negative_tags="Metal", audio_weight=1)
    add("lyrics-timestamps-any-ids", "get_timestamped_lyrics", task_id="t", audio_id="a")
    return cases


@pytest.mark.parametrize(("op", "kwargs"), _accepted_cases())
def test_documented_values_are_accepted_and_sent(client, http, op, kwargs):
    if op in TASK_OPS:
        http.post(url(client, op), status=202, json={"id": "t-1", "status": "processing"})
    else:
        http.post(url(client, op), status=200, json=load(f"{op}_response"))
    call(client, op, **kwargs)
    assert canonical(json.loads(http.calls[0].request.body)) == canonical(kwargs)


# -- (4) refused before any request, naming the field and what is allowed ----------------------


def _refused_cases() -> list[Any]:
    cases: list[Any] = []

    def add(
        case_id: str,
        op: str,
        field: str,
        fragments: tuple[str, ...],
        base: str | None = None,
        omit: tuple[str, ...] = (),
        **overrides: Any,
    ) -> None:
        kwargs = {**load(base or f"{op}_request"), **overrides}
        kwargs = {k: v for k, v in kwargs.items() if k not in omit}
        cases.append(pytest.param(op, kwargs, field, fragments, id=case_id))

    upload = "extend_music_request_upload"
    # extend_music: one source, and the upload reading's prompt rules
    add("extend-no-source", "extend_music", "audio_id", ("audio_id", "upload_url"), omit=("audio_id",))
    add("extend-two-sources", "extend_music", "upload_url", ("exactly one",), upload_url=UPLOAD)
    add("extend-upload-not-a-url", "extend_music", "upload_url", ("absolute http(s) URL",), upload,
        upload_url="music.mp3")  # fmt: skip
    add("extend-upload-custom-needs-prompt", "extend_music", "prompt", ("required", "custom", "instrumental"), upload,
        omit=("prompt",))  # fmt: skip
    add("extend-upload-custom-vocal-needs-prompt", "extend_music", "prompt", ("required", "custom"), upload,
        omit=("prompt",), instrumental=False)  # fmt: skip
    add("extend-upload-source-needs-prompt", "extend_music", "prompt", ("required", "source", "upload_url"), upload,
        omit=("prompt", "style", "title", "continue_at"), parameter_mode="source")  # fmt: skip
    add("extend-upload-custom-needs-continue_at", "extend_music", "continue_at", ("required", "custom"), upload,
        omit=("continue_at",))  # fmt: skip
    add("extend-upload-custom-needs-title", "extend_music", "title", ("required", "custom"), upload, omit=("title",))
    add("extend-instrumental-not-bool", "extend_music", "instrumental", ("true or false",), upload, instrumental="no")
    add("extend-upload-source-refuses-vocal_gender", "extend_music", "vocal_gender", ("'custom'",), upload,
        omit=("style", "title", "continue_at"), parameter_mode="source", vocal_gender="male")  # fmt: skip
    add("extend-upload-model-unknown", "extend_music", "model", ("'suno-v5'", "'suno-v4'"), upload, model="suno-v6")

    # add_vocals / add_instrumental
    add("vocals-model-unknown", "add_vocals", "model", ("'suno-v4.5-plus'",), model="chirp-v4-5")
    add("vocals-needs-lyrics", "add_vocals", "lyrics", ("missing required parameter",), omit=("lyrics",))
    add("vocals-needs-style", "add_vocals", "style", ("missing required parameter",), omit=("style",))
    add("vocals-upload-not-a-url", "add_vocals", "upload_url", ("absolute http(s) URL",), upload_url="/tmp/a.mp3")
    add("vocals-vocal_gender", "add_vocals", "vocal_gender", ("'male', 'female'",), vocal_gender="any")
    add("vocals-style_weight", "add_vocals", "style_weight", ("from 0 to 1",), style_weight=1.5)
    add("vocals-no-persona", "add_vocals", "persona_id", ("unknown parameter",), persona_id="p")
    add("instrumental-needs-negative_tags", "add_instrumental", "negative_tags", ("missing required parameter",),
        omit=("negative_tags",))  # fmt: skip
    add("instrumental-tags-is-a-string", "add_instrumental", "tags", ("a non-blank string",), tags=["Piano"])
    add("instrumental-no-style", "add_instrumental", "style", ("unknown parameter",), style="Jazz")
    add("instrumental-audio_weight", "add_instrumental", "audio_weight", ("from 0 to 1",), audio_weight=-0.1)

    # separate_audio_stems / convert_audio / generate_midi
    add("stems-type-unknown", "separate_audio_stems", "type", ("'separate_vocal', 'split_stem'",), type="split")
    add("stems-needs-audio_id", "separate_audio_stems", "audio_id", ("missing required parameter",),
        omit=("audio_id",))  # fmt: skip
    add("wav-needs-task_id", "convert_audio", "task_id", ("missing required parameter",), omit=("task_id",))
    add("wav-audio_id-blank", "convert_audio", "audio_id", ("a non-blank string",), audio_id=" ")
    add("wav-no-format", "convert_audio", "format", ("unknown parameter",), format="flac")
    add("midi-needs-task_id", "generate_midi", "task_id", ("missing required parameter",), omit=("task_id",))
    add("midi-callback-not-a-url", "generate_midi", "callback_url", ("absolute http(s) URL",), callback_url="x")

    # the voice endpoints
    phrase = "voice_to_validation_phrase"
    add("phrase-language-unknown", phrase, "language", ("'en'", "'ru'"), language="it")
    add("phrase-end-before-start", phrase, "vocal_end_seconds", ("greater than vocal_start_seconds", "at least 3"),
        vocal_start_seconds=2, vocal_end_seconds=1)  # fmt: skip
    add("phrase-end-equals-start", phrase, "vocal_end_seconds", ("greater than vocal_start_seconds",),
        vocal_start_seconds=5, vocal_end_seconds=5)  # fmt: skip
    add("phrase-start-negative", phrase, "vocal_start_seconds", ("at least 0",), vocal_start_seconds=-1)
    add("phrase-seconds-whole", phrase, "vocal_end_seconds", ("an integer",), vocal_end_seconds=12.5)
    add("phrase-needs-voice_url", phrase, "voice_url", ("missing required parameter",), omit=("voice_url",))
    add("regenerate-needs-task_id", "regenerate_validation_phrase", "task_id", ("missing required parameter",),
        omit=("task_id",))  # fmt: skip
    add("voice-skill-unknown", "generate_voice", "singer_skill_level",
        ("'beginner', 'intermediate', 'advanced', 'professional'",), singer_skill_level="expert")  # fmt: skip
    add("voice-verify_url-not-a-url", "generate_voice", "verify_url", ("absolute http(s) URL",), verify_url="rec.mp3")
    add("voice-needs-verify_url", "generate_voice", "verify_url", ("missing required parameter",),
        omit=("verify_url",))  # fmt: skip
    add("check-voice-needs-task_id", "check_voice", "task_id", ("missing required parameter",), omit=("task_id",))
    add("check-voice-no-callback", "check_voice", "callback_url", ("unknown parameter",),
        callback_url="https://your-app.com/callbacks/suno")  # fmt: skip

    # artwork, video, direct endpoints
    add("artwork-needs-task_id", "generate_artwork", "task_id", ("missing required parameter",), omit=("task_id",))
    add("video-author-51", "visualize_music", "author", ("1-50 characters", "51"), author="a" * 51)
    add("video-domain-51", "visualize_music", "domain_name", ("1-50 characters",), domain_name="d" * 51)
    add("video-needs-audio_id", "visualize_music", "audio_id", ("missing required parameter",), omit=("audio_id",))
    add("boost-description-blank", "boost_style", "description", ("a non-blank string",), description="")
    add("boost-needs-description", "boost_style", "description", ("missing required parameter",),
        omit=("description",))  # fmt: skip
    add("timestamps-needs-audio_id", "get_timestamped_lyrics", "audio_id", ("missing required parameter",),
        omit=("audio_id",))  # fmt: skip
    add("persona-needs-name", "generate_persona", "name", ("missing required parameter",), omit=("name",))
    add("persona-needs-description", "generate_persona", "description", ("missing required parameter",),
        omit=("description",))  # fmt: skip

    # replace_section
    add("section-end-before-start", "replace_section", "infill_end_time", ("greater than infill_start_time", "20.75"),
        infill_start_time=20.75, infill_end_time=10.5)  # fmt: skip
    add("section-end-equals-start", "replace_section", "infill_end_time", ("greater than",),
        infill_start_time=10.5, infill_end_time=10.5)  # fmt: skip
    add("section-start-negative", "replace_section", "infill_start_time", ("at least 0",), infill_start_time=-1)
    add("section-time-string", "replace_section", "infill_end_time", ("a number",), infill_end_time="20.75")
    add("section-needs-lyrics", "replace_section", "lyrics", ("missing required parameter",), omit=("lyrics",))
    add("section-tags-is-a-string", "replace_section", "tags", ("a non-blank string",), tags=["Jazz"])

    # cover_audio and create_mashup: vocal_mode shapes and personas
    modes = "'auto_lyrics', 'exact_lyrics', 'instrumental'"
    add("cover-vocal_mode-unknown", "cover_audio", "vocal_mode", (modes,), vocal_mode="cover")
    add("cover-auto_lyrics-needs-prompt", "cover_audio", "prompt", ("required", "auto_lyrics"),
        vocal_mode="auto_lyrics")  # fmt: skip
    add("cover-exact_lyrics-needs-lyrics", "cover_audio", "lyrics", ("required", "exact_lyrics"),
        vocal_mode="exact_lyrics")  # fmt: skip
    add("cover-instrumental-refuses-lyrics", "cover_audio", "lyrics", ("not accepted", "'exact_lyrics'"),
        lyrics="[Verse]\nLa")  # fmt: skip
    add("cover-persona_type-needs-persona_id", "cover_audio", "persona_type", ("persona_id",), persona_type="style")
    add("cover-persona-voice-needs-v5", "cover_audio", "persona_type", ("suno-v5",), model="suno-v4.5",
        persona_id="p", persona_type="voice")  # fmt: skip
    add("cover-needs-upload_url", "cover_audio", "upload_url", ("missing required parameter",), omit=("upload_url",))
    add("cover-model-unknown", "cover_audio", "model", ("'suno-v5'",), model="v5")
    add("mashup-one-url", "create_mashup", "upload_url_list", ("exactly 2",), upload_url_list=[UPLOAD])
    add("mashup-three-urls", "create_mashup", "upload_url_list", ("exactly 2",), upload_url_list=[UPLOAD] * 3)
    add("mashup-urls-a-string", "create_mashup", "upload_url_list", ("exactly 2",), upload_url_list=UPLOAD)
    add("mashup-urls-not-urls", "create_mashup", "upload_url_list[0]", ("absolute http(s) URL",),
        upload_url_list=["a.mp3", "b.mp3"])  # fmt: skip
    add("mashup-auto-refuses-lyrics", "create_mashup", "lyrics", ("not accepted", "'exact_lyrics'"),
        vocal_mode="auto_lyrics", prompt="Blend")  # fmt: skip
    add("mashup-exact-needs-lyrics", "create_mashup", "lyrics", ("required", "exact_lyrics"), omit=("lyrics",))
    add("mashup-no-negative_tags", "create_mashup", "negative_tags", ("unknown parameter",), negative_tags="Metal")
    add("mashup-persona-voice-needs-v5", "create_mashup", "persona_type", ("suno-v5",), persona_id="p",
        persona_type="voice")  # fmt: skip

    # text_to_sound
    add("sound-prompt-501", "text_to_sound", "prompt", ("1-500 characters", "501"), prompt="r" * 501)
    add("sound-model-v4", "text_to_sound", "model", ("'suno-v5', 'suno-v5.5'",), model="suno-v4")
    add("sound-tempo-0", "text_to_sound", "sound_tempo", ("from 1 to 300",), sound_tempo=0)
    add("sound-tempo-301", "text_to_sound", "sound_tempo", ("from 1 to 300",), sound_tempo=301)
    add("sound-tempo-float", "text_to_sound", "sound_tempo", ("an integer",), sound_tempo=90.0)
    add("sound-key-lowercase", "text_to_sound", "sound_key", ("'Cm'", "'Any'"), sound_key="any")
    add("sound-key-lowercase", "text_to_sound", "sound_key", ("'Cm'",), sound_key="cm")
    add("sound-loop-string", "text_to_sound", "sound_loop", ("true or false",), sound_loop="true")
    add("sound-grab_lyrics-int", "text_to_sound", "grab_lyrics", ("true or false",), grab_lyrics=0)
    return cases


@pytest.mark.parametrize(("op", "kwargs", "field", "fragments"), _refused_cases())
def test_invalid_input_is_refused_before_any_request(client, http, op, kwargs, field, fragments):
    http.post(url(client, op), status=202, json={"id": "never-used", "status": "processing"})
    with pytest.raises(runapi.ValidationError) as info:
        call(client, op, **kwargs)
    assert len(http.calls) == 0, "a refused call must not reach the network"
    assert info.value.field == field
    message = str(info.value)
    assert field in message
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"


SUNO_OPERATIONS = [op for op in OPERATIONS if op.startswith("suno.")]


SUNO_MODELS = ["suno-v5.5", "suno-v5", "suno-v4.5-plus", "suno-v4.5-all", "suno-v4.5", "suno-v4"]
# The custom-mode extend call from the docs' curl example, as a base for custom-mode rules.
EXTEND_CUSTOM = {
    "parameter_mode": "custom",
    "audio_id": AUDIO_ID,
    "prompt": "Extend the music with more relaxing notes",
    "style": "Classical",
    "title": "Peaceful Piano Extended",
    "continue_at": 60,
    "model": "suno-v4",
}


# -- request parameters: bodies, the Idempotency-Key, None left off


def test_idempotency_key_option_is_sent(client, http, example):
    target = client.suno.generate_lyrics.with_options(idempotency_key="lyrics-night-city-1")
    _, request, _ = send(client, http, "suno.generate_lyrics", BASE_CALL["suno.generate_lyrics"], example, target)
    assert request.headers["Idempotency-Key"] == "lyrics-night-city-1"


@pytest.mark.parametrize("op", SUNO_OPERATIONS)
def test_each_create_gets_its_own_idempotency_key(client, http, example, op):
    for _ in range(2):
        http.post(create_url(client, op), status=202, json=example(*ACCEPTED[op]))
        op_resource(client, op).create(**BASE_CALL[op])
    keys = [call.request.headers["Idempotency-Key"] for call in http.calls]
    assert len(keys) == 2
    assert all(keys)
    assert keys[0] != keys[1]


OPTIONAL_NONE = [
    pytest.param(
        "suno.text_to_music",
        {
            "lyrics": None,
            "style": None,
            "title": None,
            "callback_url": None,
            "persona_id": None,
            "persona_type": None,
            "negative_tags": None,
            "vocal_gender": None,
            "style_weight": None,
            "weirdness_constraint": None,
            "audio_weight": None,
        },
        id="suno.text_to_music",
    ),
    pytest.param(
        "suno.extend_music",
        {
            "callback_url": None,
            "prompt": None,
            "style": None,
            "title": None,
            "continue_at": None,
            "persona_id": None,
            "persona_type": None,
            "negative_tags": None,
            "vocal_gender": None,
            "style_weight": None,
            "weirdness_constraint": None,
            "audio_weight": None,
        },
        id="suno.extend_music",
    ),
    pytest.param("suno.generate_lyrics", {"callback_url": None}, id="suno.generate_lyrics"),
]


@pytest.mark.parametrize(("op", "nones"), OPTIONAL_NONE)
def test_none_optionals_are_left_off_the_wire(client, http, example, op, nones):
    sent, _, _ = send(client, http, op, {**BASE_CALL[op], **nones}, example)
    assert canonical(sent) == canonical(BASE_CALL[op])
    assert not set(nones) & set(sent)


KEPT = [
    # falsy or default-looking values are the caller's choice and must reach the server
    pytest.param(
        "suno.text_to_music",
        {
            "vocal_mode": "instrumental",
            "model": "suno-v5",
            "style_weight": 0,
            "weirdness_constraint": 0.0,
            "audio_weight": 1,
        },
        id="suno-weights-at-bounds",
    ),
    pytest.param("suno.extend_music", {**EXTEND_CUSTOM, "continue_at": 0}, id="extend-continue_at-0"),
]


@pytest.mark.parametrize(("op", "kwargs"), KEPT)
def test_given_values_are_all_sent(client, http, example, op, kwargs):
    sent, _, _ = send(client, http, op, dict(kwargs), example)
    assert canonical(sent) == canonical(kwargs)


def _music_and_lyrics_accepted_cases() -> list[Any]:
    cases: list[Any] = []

    def add(case_id: str, op: str, **overrides: Any) -> None:
        cases.append(pytest.param(op, with_overrides(BASE_CALL[op], overrides), id=case_id))

    for model in SUNO_MODELS:
        add(f"suno.text_to_music-model-{model}", "suno.text_to_music", model=model)
        add(f"suno.extend_music-model-{model}", "suno.extend_music", model=model)
    add("suno-vocal_mode-auto_lyrics", "suno.text_to_music", vocal_mode="auto_lyrics")
    add("suno-vocal_mode-exact_lyrics", "suno.text_to_music", vocal_mode="exact_lyrics", prompt=OMIT, lyrics="[Verse]")
    add("suno-vocal_mode-instrumental", "suno.text_to_music", vocal_mode="instrumental", style="Classical")
    add("suno-persona-style", "suno.text_to_music", persona_id="persona-1", persona_type="style", model="suno-v4")
    add("suno-persona-voice-v5", "suno.text_to_music", persona_id="persona-1", persona_type="voice")
    for gender in ("male", "female"):
        add(f"suno-vocal_gender-{gender}", "suno.text_to_music", vocal_gender=gender)
    add(
        "suno-weights-two-decimals", "suno.text_to_music", style_weight=0.65, weirdness_constraint=0.5, audio_weight=1.0
    )
    add(
        "suno-all-text-fields",
        "suno.text_to_music",
        style="Lo-fi",
        title="Night",
        negative_tags="Metal",
        callback_url="https://your-app.com/callbacks/suno",
    )
    add("extend-source-with-common-fields", "suno.extend_music", negative_tags="Metal", style_weight=0.5)
    cases.append(pytest.param("suno.extend_music", dict(EXTEND_CUSTOM), id="extend-custom"))
    cases.append(
        pytest.param(
            "suno.extend_music",
            {
                **EXTEND_CUSTOM,
                "model": "suno-v5",
                "persona_id": "p-1",
                "persona_type": "voice",
                "vocal_gender": "female",
            },
            id="extend-custom-persona-voice-gender",
        )
    )
    add("lyrics-prompt-200-chars", "suno.generate_lyrics", prompt="x" * 200)
    return cases


@pytest.mark.parametrize(("op", "kwargs"), _music_and_lyrics_accepted_cases())
def test_documented_music_and_lyrics_values_are_accepted_and_sent(client, http, example, op, kwargs):
    sent, _, task = send(client, http, op, dict(kwargs), example)
    assert canonical(sent) == canonical(kwargs)
    assert task.status == "processing"


def _music_and_lyrics_refused_cases() -> list[Any]:
    cases: list[Any] = []

    def add(
        case_id: str,
        op: str,
        field: str,
        fragments: tuple[str, ...],
        base: Mapping[str, Any] | None = None,
        **overrides: Any,
    ) -> None:
        kwargs = with_overrides(BASE_CALL[op] if base is None else base, overrides)
        cases.append(pytest.param(op, kwargs, field, fragments, id=case_id))

    music, extend, lyrics = "suno.text_to_music", "suno.extend_music", "suno.generate_lyrics"
    modes = "'auto_lyrics', 'exact_lyrics', 'instrumental'"
    add("suno-vocal_mode-unknown", music, "vocal_mode", (modes,), vocal_mode="custom")
    add("suno-vocal_mode-case", music, "vocal_mode", (modes,), vocal_mode="Instrumental")
    add("suno-model-unknown", music, "model", ("'suno-v5'", "'suno-v4'"), model="suno-v3")
    add("suno-model-upstream-name", music, "model", ("'suno-v5'",), model="chirp-v3-5")
    add("suno-auto_lyrics-needs-prompt", music, "prompt", ("required", "auto_lyrics"), prompt=OMIT)
    add("suno-exact_lyrics-needs-lyrics", music, "lyrics", ("required", "exact_lyrics"), vocal_mode="exact_lyrics")
    add("suno-lyrics-only-for-exact", music, "lyrics", ("exact_lyrics",), lyrics="[Verse] la la")
    add(
        "suno-lyrics-not-instrumental",
        music,
        "lyrics",
        ("exact_lyrics",),
        vocal_mode="instrumental",
        lyrics="[Verse] la la",
    )
    add("suno-persona_type-unknown", music, "persona_type", ("'style', 'voice'",), persona_id="p", persona_type="vocal")
    add("suno-persona_type-needs-persona_id", music, "persona_type", ("persona_id",), persona_type="style")
    add(
        "suno-persona-voice-needs-v5",
        music,
        "persona_type",
        ("suno-v5",),
        model="suno-v4.5-plus",
        persona_id="p",
        persona_type="voice",
    )
    add("suno-vocal_gender-unknown", music, "vocal_gender", ("'male', 'female'",), vocal_gender="m")
    add("suno-vocal_gender-case", music, "vocal_gender", ("'male', 'female'",), vocal_gender="Female")
    for name in ("style_weight", "weirdness_constraint", "audio_weight"):
        add(f"suno-{name}-above-1", music, name, ("from 0 to 1",), **{name: 1.01})
        add(f"suno-{name}-below-0", music, name, ("from 0 to 1",), **{name: -0.01})
        add(f"suno-{name}-bool", music, name, ("a number",), **{name: True})
        add(f"suno-{name}-string", music, name, ("a number",), **{name: "0.5"})
        add(f"extend-{name}-above-1", extend, name, ("from 0 to 1",), **{name: 2})
    add("suno-style_weight-nan", music, "style_weight", ("a number",), style_weight=float("nan"))
    add("suno-prompt-empty", music, "prompt", ("non-blank",), prompt="")
    add("suno-model-missing", music, "model", ("missing required parameter",), model=OMIT)
    add("suno-vocal_mode-missing", music, "vocal_mode", ("missing required parameter",), vocal_mode=OMIT)

    add("extend-parameter_mode-unknown", extend, "parameter_mode", ("'source', 'custom'",), parameter_mode="inherit")
    add("extend-audio_id-missing", extend, "audio_id", ("missing required parameter",), audio_id=OMIT)
    add("extend-model-unknown", extend, "model", ("'suno-v5'",), model="v5")
    for name in ("prompt", "style", "title", "continue_at"):
        add(f"extend-custom-needs-{name}", extend, name, ("required", "custom"), base=EXTEND_CUSTOM, **{name: OMIT})
    add("extend-continue_at-negative", extend, "continue_at", ("at least 0",), base=EXTEND_CUSTOM, continue_at=-1)
    add("extend-continue_at-string", extend, "continue_at", ("a number",), base=EXTEND_CUSTOM, continue_at="60")
    add("extend-source-refuses-persona_id", extend, "persona_id", ("custom",), persona_id="p")
    add("extend-source-refuses-vocal_gender", extend, "vocal_gender", ("custom",), vocal_gender="male")
    add(
        "extend-persona-voice-needs-v5",
        extend,
        "persona_type",
        ("suno-v5",),
        base=EXTEND_CUSTOM,
        persona_id="p",
        persona_type="voice",
    )

    add("lyrics-prompt-201-chars", lyrics, "prompt", ("1-200 characters", "201"), prompt="x" * 201)
    add("lyrics-prompt-missing", lyrics, "prompt", ("missing required parameter",), prompt=OMIT)
    add("lyrics-prompt-not-text", lyrics, "prompt", ("a non-blank string",), prompt=["night"])
    return cases


@pytest.mark.parametrize(("op", "kwargs", "field", "fragments"), _music_and_lyrics_refused_cases())
def test_invalid_music_and_lyrics_input_is_refused_before_any_request(client, http, op, kwargs, field, fragments):
    error = refuse(client, http, op, **kwargs)
    assert error.field == field
    message = str(error)
    assert field in message
    for fragment in fragments:
        assert fragment in message
    assert isinstance(error, ValueError)  # documented: ValidationError is also a ValueError


# Every parameter of the BASE_CALL calls is required by the docs, except text_to_music's prompt (which only
# vocal_mode 'auto_lyrics' requires; covered above).
REQUIRED = [
    pytest.param(op, name, id=f"{op}-{name}")
    for op in SUNO_OPERATIONS
    for name in BASE_CALL[op]
    if (op, name) != ("suno.text_to_music", "prompt")
]


@pytest.mark.parametrize(("op", "name"), REQUIRED)
def test_required_parameter_omitted_is_refused(client, http, op, name):
    kwargs = {k: v for k, v in BASE_CALL[op].items() if k != name}
    error = refuse(client, http, op, **kwargs)
    assert error.field == name
    assert name in str(error)


# A required parameter passed as None is refused too (it would otherwise be left off the wire).
@pytest.mark.parametrize(("op", "name"), REQUIRED)
def test_required_parameter_given_as_none_is_refused(client, http, op, name):
    error = refuse(client, http, op, **{**BASE_CALL[op], name: None})
    assert error.field == name


@pytest.mark.parametrize("op", SUNO_OPERATIONS)
def test_unknown_parameter_is_named_and_points_to_extra_body(client, http, op):
    error = refuse(client, http, op, **BASE_CALL[op], new_param=1)
    assert error.field == "new_param"
    assert "new_param" in str(error)
    assert "extra_body" in str(error)


@pytest.mark.parametrize("op", SUNO_OPERATIONS)
def test_positional_arguments_are_refused(client, http, op):
    error = refuse(client, http, op, dict(BASE_CALL[op]))
    assert "keyword" in str(error)


@pytest.mark.parametrize("op", SUNO_OPERATIONS)
def test_extra_body_adds_a_new_parameter(client, http, example, op):
    plain = op_resource(client, op)
    target = plain.with_options(extra_body={"new_param": 1})
    sent, _, _ = send(client, http, op, BASE_CALL[op], example, target)
    assert canonical(sent) == canonical({**BASE_CALL[op], "new_param": 1})

    # with_options returns a new resource: the plain one still sends only the parameters
    http.post(create_url(client, op), status=202, json=example(*ACCEPTED[op]))
    plain.create(**BASE_CALL[op])
    assert canonical(json.loads(http.calls[1].request.body)) == canonical(BASE_CALL[op])


@pytest.mark.parametrize("op", SUNO_OPERATIONS)
def test_extra_body_overrides_a_given_parameter(client, http, example, op):
    # extra_body is sent last: a key it shares with a declared parameter replaces that value
    name = next(iter(BASE_CALL[op]))
    given = BASE_CALL[op][name]
    newer = f"{given} (from extra_body)" if isinstance(given, str) else [given]
    target = op_resource(client, op).with_options(extra_body={name: newer})
    sent, _, _ = send(client, http, op, BASE_CALL[op], example, target)
    assert sent == {**BASE_CALL[op], name: newer}


# -- result models: typed fields, tolerance, malformed payloads


MUSIC_AND_LYRICS_TYPED = [
    pytest.param(
        "suno",
        "text_to_music_completed",
        {
            "generation_stage": "all_audios_ready",
            "audios.0.id": "8551****662c",
            "audios.0.duration": 198.44,
            "audios.0.tags": ["electrifying", "rock"],
            "audios.0.title": "钢铁侠",
            "audios.0.lyrics": "[Verse] 夜晚城市 灯火辉煌",
            "audios.0.model_name": "chirp-v3-5",
            "audios.0.audio_url": "https://file.runapi.ai/****.mp3",
            "audios.0.stream_audio_url": "https://file.runapi.ai/****",
            "audios.0.image_url": "https://file.runapi.ai/****.jpeg",
        },
        id="suno-music-completed",
    ),
    pytest.param(
        "suno",
        "text_to_music_processing",
        {"generation_stage": "text_generated", "audios": [], "is_done": False},
        id="suno-music-processing",
    ),
    pytest.param(
        "suno",
        "text_to_music_failed",
        {"generation_stage": "failed", "error": "Generation failed", "is_failed": True, "is_done": True},
        id="suno-music-failed",
    ),
    pytest.param(
        "suno",
        "text_to_music_callback_completed",
        {"audios.0.id": "audio-id-1", "audios.0.tags": ["genre1", "genre2"], "audios.0.duration": 198.44},
        id="suno-music-callback",
    ),
    pytest.param(
        "suno",
        "extend_music_completed",
        {"audios.0.title": "Iron Man Extended", "audios.0.duration": 278.44, "is_completed": True},
        id="suno-extend-completed",
    ),
    pytest.param(
        "suno",
        "extend_music_processing",
        {"generation_stage": None, "audios": [], "status": "processing"},
        id="suno-extend-processing-no-stage",
    ),
    pytest.param(
        "suno",
        "extend_music_callback_failed",
        {"generation_stage": "failed", "error": "Failed to extend music, invalid audio source"},
        id="suno-extend-callback-failed",
    ),
    pytest.param(
        "suno",
        "generate_lyrics_completed",
        {
            "lyrics.0.title": "Starry Night Dreams",
            "lyrics.0.text": "[Verse]\nMoonlight spreads across the windowsill...",
        },
        id="suno-lyrics-completed",
    ),
    pytest.param(
        "suno",
        "generate_lyrics_failed",
        {"lyrics": [], "error": "Lyrics generation failed.", "is_failed": True},
        id="suno-lyrics-failed",
    ),
]


@pytest.mark.parametrize(("family", "name", "expected"), MUSIC_AND_LYRICS_TYPED)
def test_typed_fields_of_music_and_lyrics(family, name, expected):
    task = task_class_of(family, name).from_dict(load_example(family, name))
    for path, value in expected.items():
        got = pluck(task, path)
        assert got == value, f"{path}: {got!r} != {value!r}"
        assert type(got) is type(value), f"{path}: {type(got).__name__} instead of {type(value).__name__}"


NESTED_LISTS = [
    pytest.param("suno", "text_to_music_completed", "audios", id="suno-audios"),
    pytest.param("suno", "generate_lyrics_completed", "lyrics", id="suno-lyrics"),
]


@pytest.mark.parametrize(("family", "name", "key"), NESTED_LISTS)
def test_unknown_fields_are_tolerated_and_kept_in_raw(family, name, key):
    payload = load_example(family, name)
    cls = task_class_of(family, name)
    extended = {**payload, "new_field": 1, key: [{**item, "new_field": {"deep": [1, 2]}} for item in payload[key]]}

    task = cls.from_dict(extended)

    assert task == cls.from_dict(payload)  # the typed view is unchanged
    assert task.raw == extended
    assert task.raw["new_field"] == 1
    assert task.raw[key][0]["new_field"] == {"deep": [1, 2]}


def test_bare_string_tags_become_a_one_item_list():
    payload = load_example("suno", "text_to_music_completed")
    payload["audios"][0]["tags"] = "rock"
    task = MusicTask.from_dict(payload)
    assert task.audios[0].tags == ["rock"]


MALFORMED = [
    pytest.param(MusicTask, {"status": "completed", "audios": []}, id="music-no-id"),
    pytest.param(LyricsTask, {"status": "processing", "lyrics": []}, id="lyrics-no-id"),
    pytest.param(MusicTask, {"id": "t", "status": "completed", "audios": 5}, id="music-audios-not-a-list"),
]


@pytest.mark.parametrize(("cls", "payload"), MALFORMED)
def test_malformed_payload_raises_response_validation_error(cls, payload):
    with pytest.raises(runapi.APIResponseValidationError) as info:
        cls.from_dict(payload)
    assert info.value.body == payload


# -- create / get / wait / run over mocked HTTP


@pytest.mark.parametrize("op", SUNO_OPERATIONS)
@responses.activate
def test_create_returns_the_typed_new_task(client, op):
    cls, family, kwargs, (accepted_name, *_) = OP_FIXTURES[op]
    accepted = load_example(family, accepted_name)
    responses.post(client.base_url + op_path(op), status=202, json=accepted)

    task = op_resource(client, op).create(**kwargs)

    assert type(task) is cls
    assert task.id == accepted["id"]
    assert task.status == "processing"
    assert not task.is_done
    assert task.raw == accepted
    assert len(responses.calls) == 1
    assert responses.calls[0].request.method == "POST"
    assert json.loads(responses.calls[0].request.body) == kwargs


@pytest.mark.parametrize("op", SUNO_OPERATIONS)
@pytest.mark.parametrize("state", ["processing", "completed", "failed"])
@responses.activate
def test_get_fetches_the_task_by_id(client, op, state):
    cls = OP_FIXTURES[op][0]
    payload = payloads(op)[state]
    url = task_url(client, op, payload["id"])
    responses.get(url, json=payload)

    task = op_resource(client, op).get(payload["id"])

    assert type(task) is cls
    assert task == cls.from_dict(payload)
    assert task.status == state
    assert task.raw == payload
    assert len(responses.calls) == 1
    request = responses.calls[0].request
    assert request.method == "GET"
    assert request.url == url
    assert request.body is None
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"
    assert "Idempotency-Key" not in request.headers


@pytest.mark.parametrize("op", SUNO_OPERATIONS)
@ordered
def test_run_creates_then_polls_until_completed(client, fake_clock, op):
    cls, _, kwargs, _ = OP_FIXTURES[op]
    docs = payloads(op)
    url = task_url(client, op, docs["accepted"]["id"])
    responses.post(client.base_url + op_path(op), status=202, json=docs["accepted"])
    responses.get(url, json=docs["processing"])
    responses.get(url, json=docs["processing"])
    responses.get(url, json=docs["completed"])

    task = op_resource(client, op).run(**kwargs)

    assert type(task) is cls
    assert task == cls.from_dict(docs["completed"])
    assert task.is_completed
    assert task.raw == docs["completed"]
    calls = [(call.request.method, call.request.url) for call in responses.calls]
    assert calls == [("POST", client.base_url + op_path(op))] + [("GET", url)] * 3
    assert json.loads(responses.calls[0].request.body) == kwargs
    # polls shaped by the operation's expected duration: the first at its low end, then each
    # 1.25x later (so a finished task is noticed within 1.25x its run time); nothing slept for real
    low = op_resource(client, op)._operation.duration.low
    assert fake_clock.sleeps == pytest.approx([low, low * 0.25, low * 1.25 * 0.25])


@pytest.mark.parametrize("op", SUNO_OPERATIONS)
@ordered
def test_run_raises_task_failed_with_the_docs_reason(client, fake_clock, op):
    _, _, kwargs, _ = OP_FIXTURES[op]
    docs = payloads(op)
    url = task_url(client, op, docs["accepted"]["id"])
    responses.post(client.base_url + op_path(op), status=202, json=docs["accepted"])
    responses.get(url, json=docs["processing"])
    responses.get(url, json=docs["failed"])

    with pytest.raises(runapi.TaskFailedError) as info:
        op_resource(client, op).run(**kwargs)

    assert info.value.task_id == docs["failed"]["id"]
    assert info.value.error == docs["failed"]["error"]
    assert info.value.task.raw == docs["failed"]
    assert len(responses.calls) == 3
    low = op_resource(client, op)._operation.duration.low
    assert fake_clock.sleeps == pytest.approx([low, low * 0.25])


@ordered
def test_wait_reports_each_generation_stage_in_order(client):
    docs = payloads("suno.text_to_music")
    task_id = docs["completed"]["id"]
    url = f"{client.base_url}/api/v1/suno/text_to_music/{task_id}"
    # the docs' processing example, then the stage the docs' callback section names next
    responses.get(url, json=docs["processing"])
    responses.get(url, json={**docs["processing"], "generation_stage": "first_audio_ready"})
    responses.get(url, json=docs["completed"])
    seen: list[MusicTask] = []

    task = client.suno.text_to_music.wait(task_id, on_progress=seen.append)

    assert [t.generation_stage for t in seen] == ["text_generated", "first_audio_ready", "all_audios_ready"]
    assert all(type(t) is MusicTask for t in seen)
    assert seen[-1] is task
    assert task.audios[0].duration == 198.44
    assert len(responses.calls) == 3


# -- (5) the operations newer than the docs (runapi-suno 0.6.0, the platform contract) -------

NEWER_PATHS = {
    "blend_lyrics": "/api/v1/suno/blend_lyrics",
    "music_from_sample": "/api/v1/music_from_sample",
    "add_samples": "/api/v1/suno/add_samples",
    "inspire_music": "/api/v1/suno/inspire_music",
    "remaster_audio": "/api/v1/suno/remaster_audio",
    "stitch_audio": "/api/v1/suno/stitch_audio",
    "audio_exports": "/api/v1/audio_exports",
    "music_visualizations": "/api/v1/music_visualizations",
    "style_expansions": "/api/v1/style_expansions",
    "timestamped_lyrics": "/api/v1/timestamped_lyrics",
    "create_persona": "/api/v1/personas",
    "create_voice": "/api/v1/voices",
}


def newer(client: runapi.Client, op: str) -> Any:
    """The operation as reached on the client (add_samples' deprecation warning taken)."""
    if op == "add_samples":
        with pytest.warns(DeprecationWarning):
            return client.suno.add_samples
    return getattr(client.suno, op)


def send_newer(client: runapi.Client, op: str, **kwargs: Any) -> list[Any]:
    """Create or call ``op`` with HTTP mocked (its documented answer); the requests sent."""
    url = client.base_url + NEWER_PATHS[op]
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        if op in NEWER_TASK_OPS:
            mock.post(url, status=202, json=load(f"{op}_accepted"))
            newer(client, op).create(**kwargs)
        else:
            mock.post(url, status=200, json=load(f"{op}_response"))
            newer(client, op)(**kwargs)
        return list(mock.calls)


def test_the_newer_operations_are_at_their_paths_with_their_kinds(client):
    for op, path in NEWER_PATHS.items():
        operation = type(client.suno).__dict__[op]
        assert operation.path == path
        assert isinstance(operation, TaskOperation if op in NEWER_TASK_OPS else DirectOperation), op
        assert operation.returns is OPS[op]
    assert type(client.suno).__dict__["get_persona"].path == "/api/v1/personas"
    assert type(client.suno).__dict__["get_voice"].path == "/api/v1/voices"


CONTRACT_MODELS = [
    *[
        pytest.param(op, model, id=f"{op}-{model}")
        for op in ("add_samples", "remaster_audio", "stitch_audio")
        for model in ("suno-v4", "suno-v4.5", "suno-v4.5-plus", "suno-v5", "suno-v5.5")  # the contract's list
    ],
    *[pytest.param(op, model, id=f"{op}-{model}") for op in ("music_from_sample", "inspire_music") for model in MODELS],
]


@pytest.mark.parametrize(("op", "model"), CONTRACT_MODELS)
def test_every_contract_model_is_accepted_without_a_warning(client, op, model):
    assert AUDIO_ACTION_MODELS == ("suno-v5.5", "suno-v5", "suno-v4.5-plus", "suno-v4.5", "suno-v4")
    body = dict(load(f"{op}_request"), model=model)
    with warnings.catch_warnings():
        warnings.simplefilter("error", runapi.UnknownValueWarning)
        (call,) = send_newer(client, op, **body)
    assert json.loads(call.request.body) == body


@pytest.mark.parametrize("value", ["subtle", "normal", "high"])
def test_every_remaster_variation_category_is_sent(client, value):
    body = dict(load("remaster_audio_request"), variation_category=value)
    (call,) = send_newer(client, "remaster_audio", **body)
    assert json.loads(call.request.body)["variation_category"] == value


@pytest.mark.parametrize("op", sorted(NEWER_PATHS))
def test_each_newer_operation_sends_its_example_body_to_its_path(client, op):
    (call,) = send_newer(client, op, **load(f"{op}_request"))
    assert call.request.method == "POST"
    assert call.request.url == client.base_url + NEWER_PATHS[op]
    assert json.loads(call.request.body) == load(f"{op}_request")
    assert call.request.headers["Idempotency-Key"]


NEWER_REFUSALS = [
    pytest.param("add_samples", {"model": "suno-v4.5-all"}, "model", id="add_samples-v4.5-all"),
    pytest.param("remaster_audio", {"model": "suno-v4.5-all"}, "model", id="remaster-v4.5-all"),
    pytest.param("stitch_audio", {"model": "suno-v4.5-all"}, "model", id="stitch-v4.5-all"),
    pytest.param("remaster_audio", {"variation_category": "extreme"}, "variation_category", id="variation"),
    pytest.param("music_from_sample", {"end_seconds": 5}, "end_seconds", id="end-not-after-start"),
    pytest.param("music_from_sample", {"start_seconds": -1}, "start_seconds", id="negative-start"),
    pytest.param("add_samples", {"end_seconds": 4}, "end_seconds", id="samples-end-before-start"),
    pytest.param("music_from_sample", {"audio_url": "not a url"}, "audio_url", id="audio-url"),
    pytest.param("inspire_music", {"audio_urls": []}, "audio_urls", id="no-inspiration"),
    pytest.param("inspire_music", {"audio_urls": ["ftp://x/y.mp3"]}, "audio_urls[0]", id="inspiration-url"),
    pytest.param("blend_lyrics", {"lyrics_b": " "}, "lyrics_b", id="blank-lyrics"),
    pytest.param("audio_exports", {"source_audio_id": None}, "source_audio_id", id="export-no-audio"),
    pytest.param("music_visualizations", {"callback_url": "/relative"}, "callback_url", id="callback"),
    pytest.param("create_voice", {"source_audio_url": "voice.mp3"}, "source_audio_url", id="voice-url"),
    pytest.param("create_persona", {"name": None}, "name", id="persona-name"),
    pytest.param("style_expansions", {"description": ""}, "description", id="style"),
    pytest.param("timestamped_lyrics", {"source_audio_id": None}, "source_audio_id", id="timestamps"),
]


@pytest.mark.parametrize(("op", "change", "field"), NEWER_REFUSALS)
def test_a_bad_newer_call_is_refused_before_any_request(client, op, change, field):
    body = {**load(f"{op}_request"), **change}
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(client.base_url + NEWER_PATHS[op], status=202, json={"id": "never", "status": "processing"})
        target = newer(client, op)
        with pytest.raises(runapi.ValidationError) as info:
            target.create(**body) if op in NEWER_TASK_OPS else target(**body)
        assert len(mock.calls) == 0
    assert info.value.field == field


def test_add_samples_is_deprecated_for_music_from_sample_and_still_works(client):
    with pytest.warns(DeprecationWarning, match="add_samples is deprecated: use music_from_sample") as caught:
        resource = client.suno.add_samples
    assert caught[0].filename == __file__  # the warning points at the caller's line
    with responses.RequestsMock() as mock:
        mock.post(client.base_url + "/api/v1/suno/add_samples", status=202, json=load("add_samples_accepted"))
        task = resource.create(**load("add_samples_request"))
    assert (type(task), task.id) == (MusicTask, "samples-456")
    assert client.suno.music_from_sample.path == "/api/v1/music_from_sample"  # the replacement: no warning


def test_the_newer_task_answers_read_typed():
    blended = LyricsTask.from_dict(load("blend_lyrics_completed"))
    assert blended.lyrics[0].title == "Morning City" and "We rise" in (blended.lyrics[0].text or "")
    sample = MusicTask.from_dict(load("music_from_sample_completed"))
    assert (sample.generation_stage, len(sample.audios), sample.audios[0].duration) == ("all_audios_ready", 2, 198.44)
    assert sample.output_urls == ["https://file.runapi.ai/s/sample-0.mp3", "https://file.runapi.ai/s/sample-1.mp3"]
    export = WavTask.from_dict(load("audio_exports_completed"))
    assert (export.wav_url, export.original_task_id) == (
        "https://file.runapi.ai/s/export.wav",
        "550e8400-e29b-41d4-a716-446655440000",
    )
    assert export.output_urls == ["https://file.runapi.ai/s/export.wav"]
    video = MusicVideoTask.from_dict(load("music_visualizations_completed"))
    assert video.output_urls == ["https://file.runapi.ai/s/visualization.mp4"]
    assert video.original_task_id == "550e8400-e29b-41d4-a716-446655440000"


@pytest.mark.parametrize(
    ("cls", "payload", "field", "value"),
    [
        # issue 21: fields the official models type that were kept only in .raw
        (MusicTask, {"id": "t", "status": "completed", "original_task_id": "src"}, "original_task_id", "src"),
        (WavTask, {"id": "t", "status": "completed", "original_task_id": "src"}, "original_task_id", "src"),
        (MusicVideoTask, {"id": "t", "status": "completed", "original_task_id": "src"}, "original_task_id", "src"),
        (
            LyricsTask,
            {"id": "t", "status": "processing", "generation_stage": "text_generated"},
            "generation_stage",
            "text_generated",
        ),
        (StemsTask, {"id": "t", "status": "failed", "generation_stage": "failed"}, "generation_stage", "failed"),
        (VoiceTask, {"id": "t", "status": "processing", "generation_stage": "x"}, "generation_stage", "x"),
    ],
    ids=["extend-original", "wav-original", "video-original", "lyrics-stage", "stems-stage", "voice-stage"],
)
def test_official_task_fields_are_typed_not_only_raw(cls, payload, field, value):
    task = cls.from_dict(payload)
    assert getattr(task, field) == value
    assert getattr(cls.from_dict({"id": "t", "status": "processing"}), field) is None
    assert isinstance(task, SunoTask)


def test_the_newer_direct_answers_read_typed(client):
    with responses.RequestsMock() as mock:
        for op in NEWER_DIRECT_OPS:
            mock.post(client.base_url + NEWER_PATHS[op], json=load(f"{op}_response"))
        style = client.suno.style_expansions(**load("style_expansions_request"))
        words = client.suno.timestamped_lyrics(**load("timestamped_lyrics_request"))
        persona = client.suno.create_persona(**load("create_persona_request"))
        voice = client.suno.create_voice(**load("create_voice_request"))
    assert style.style == "Pop, Summer, Upbeat, Acoustic Guitar, Bright, Feel-good"
    assert (words.aligned_words[1].word, words.aligned_words[1].end_time, words.hoot_cer) == ("lights", 1.92, 0.38)
    assert persona.persona == PersonaResource(
        id="persona_123", name="Warm Baritone", description="A warm male lead vocal"
    )
    assert voice.voice == VoiceResource(id="voice_123", name="Deep Narrator")


def test_create_persona_follows_an_accepted_answer_to_the_stored_persona(client):
    stored = {"persona": {"id": "persona_789", "name": "Bright Tenor", "description": "A bright tenor lead"}}
    with responses.RequestsMock() as mock:  # the official repository's hybrid example
        mock.post(
            client.base_url + "/api/v1/personas",
            status=202,
            json={"id": "task_789", "status": "pending"},
            headers={"Location": "/api/v1/tasks/task_789"},
        )
        mock.get(
            client.base_url + "/api/v1/tasks/task_789",
            json={
                "id": "task_789",
                "status": "completed",
                "response": {"status": 200, "content_type": "application/json", "headers": {}, "body": stored},
            },
        )
        persona = client.suno.create_persona(**load("create_persona_request"))
    assert (type(persona), persona.persona) == (CreatedPersona, PersonaResource(**stored["persona"]))


@pytest.mark.parametrize(
    ("op", "path", "answer", "cls"),
    [
        (
            "get_persona",
            "/api/v1/personas/persona_123",
            {
                "persona": {"id": "persona_123", "name": "Warm Baritone", "description": "A warm lead"},
                "status": "available",
            },
            PersonaRecord,
        ),
        (
            "get_voice",
            "/api/v1/voices/voice_123",
            {"voice": {"id": "voice_123", "name": "Deep Narrator"}, "status": "failed"},
            VoiceRecord,
        ),
    ],
)
def test_a_persona_or_voice_is_read_back_by_its_id(client, op, path, answer, cls):
    with responses.RequestsMock() as mock:
        mock.get(client.base_url + path, json=answer)
        record = getattr(client.suno, op)(path.rsplit("/", 1)[1])
        assert mock.calls[0].request.method == "GET"
    assert type(record) is cls and record.status == answer["status"] and record.raw == answer
    held = record.persona if op == "get_persona" else record.voice
    assert held is not None and held.id == path.rsplit("/", 1)[1]


def test_an_unknown_persona_raises_not_found(client):
    with responses.RequestsMock() as mock:
        mock.get(client.base_url + "/api/v1/personas/nope", status=404, json={"error": "Record does not exist"})
        with pytest.raises(runapi.NotFoundError):
            client.suno.get_persona("nope")


# -- the newer values of separate_audio_stems and replace_section (the platform contract) ------------------------

CONTRACT = json.loads((Path(__file__).resolve().parents[1] / "contract" / "platform-contract.json").read_text())


def contract_enum(action: str, name: str) -> list[Any]:
    (row,) = [a for a in CONTRACT["actions"] if a["action"] == action]
    return list(row["fields_by_model"]["_"][name]["enum"])


CONTRACT_STEM_NAMES = contract_enum("suno/separate-audio-stems", "stem_name")
CONTRACT_REPLACE_MODELS = contract_enum("suno/replace-section", "model")
STEMS_OP = "separate_audio_stems"
SECTION_OP = "replace_section"
# runapi-ai/suno-sdk's ruby spec (replace_section_spec.rb, uploaded_params): your own file and a model
UPLOADED_SECTION = {
    "upload_url": "https://cdn.runapi.ai/public/samples/music.mp3",
    "model": "suno-v5.5",
    "lyrics": "solo",
    "full_lyrics": "[Verse] solo",
    "tags": "rock",
    "title": "Song",
    "infill_start_time": 10,
    "infill_end_time": 20,
}


def create_sent(client: runapi.Client, op: str, **kwargs: Any) -> dict[str, Any]:
    """Create ``op`` with HTTP mocked; the one body sent."""
    with responses.RequestsMock() as mock:
        mock.post(url(client, op), status=202, json={"id": "t-1", "status": "processing"})
        getattr(client.suno, op).create(**kwargs)
        (sent,) = mock.calls
    body: dict[str, Any] = json.loads(sent.request.body)
    return body


def test_the_sdk_lists_exactly_the_contracts_stem_names_in_its_order():
    assert list(STEM_NAMES) == CONTRACT_STEM_NAMES
    assert len(STEM_NAMES) == 98


@pytest.mark.parametrize("stem_type", contract_enum("suno/separate-audio-stems", "type"))
def test_every_contract_stem_type_is_sent_as_given(client, stem_type):
    extra = {"stem_name": "Bass"} if stem_type == "split_stem_advanced" else {}
    body = {**load(f"{STEMS_OP}_request"), "type": stem_type, **extra}
    with warnings.catch_warnings():
        warnings.simplefilter("error", runapi.UnknownValueWarning)
        assert create_sent(client, STEMS_OP, **body) == body


@pytest.mark.parametrize("stem_name", CONTRACT_STEM_NAMES)
def test_every_contract_stem_name_is_sent_with_the_advanced_type(client, stem_name):
    body = {**load(f"{STEMS_OP}_request"), "type": "split_stem_advanced", "stem_name": stem_name}
    with warnings.catch_warnings():
        warnings.simplefilter("error", runapi.UnknownValueWarning)
        assert create_sent(client, STEMS_OP, **body) == body


def test_the_advanced_type_needs_a_stem_name(client, http):
    body = {**load(f"{STEMS_OP}_request"), "type": "split_stem_advanced"}
    with pytest.raises(runapi.ValidationError) as info:
        client.suno.separate_audio_stems.create(**body)
    assert info.value.field == "stem_name"
    assert "required" in str(info.value) and "split_stem_advanced" in str(info.value)
    assert len(http.calls) == 0


def test_a_stem_name_outside_the_contract_is_refused_when_strict_else_warned_and_sent(client, http):
    body = {**load(f"{STEMS_OP}_request"), "type": "split_stem_advanced", "stem_name": "Kazoo"}
    with pytest.raises(runapi.ValidationError) as info:
        client.suno.separate_audio_stems.create(**body)
    assert info.value.field == "stem_name" and "'Lead Vocal'" in str(info.value)
    assert len(http.calls) == 0
    with pytest.warns(runapi.UnknownValueWarning, match="stem_name"):
        assert create_sent(client.with_options(strict=False), STEMS_OP, **body)["stem_name"] == "Kazoo"


def test_an_advanced_separation_reads_as_a_typed_pair():
    # runapi-ai/suno-sdk's tests (every language): the completed split_stem_advanced answer
    payload = {
        "id": "advanced-stem-123",
        "status": "completed",
        "separated_audios": {
            "pairs": [
                {
                    "stem_name": "Bass",
                    "extracted_audio": {
                        "id": "audio-bass",
                        "duration_seconds": 116.28,
                        "audio_url": "https://file.runapi.ai/bass.mp3",
                    },
                    "remaining_audio": {
                        "id": "audio-without-bass",
                        "duration_seconds": 116.28,
                        "audio_url": "https://file.runapi.ai/without-bass.mp3",
                    },
                }
            ]
        },
    }
    task = StemsTask.from_dict(payload)
    assert task.separated_audios is not None
    (pair,) = task.separated_audios.pairs
    assert pair == AdvancedStemPair(
        stem_name="Bass",
        extracted_audio=AdvancedStemAudio(
            id="audio-bass", duration_seconds=116.28, audio_url="https://file.runapi.ai/bass.mp3"
        ),
        remaining_audio=AdvancedStemAudio(
            id="audio-without-bass", duration_seconds=116.28, audio_url="https://file.runapi.ai/without-bass.mp3"
        ),
    )
    assert task.separated_audios.urls == {}
    assert task.output_urls == ["https://file.runapi.ai/bass.mp3", "https://file.runapi.ai/without-bass.mp3"]


@pytest.mark.parametrize("model", CONTRACT_REPLACE_MODELS)
def test_every_contract_model_replaces_a_section_of_an_uploaded_file(client, model):
    assert set(CONTRACT_REPLACE_MODELS) == set(MODELS)
    body = {**UPLOADED_SECTION, "model": model}
    with warnings.catch_warnings():
        warnings.simplefilter("error", runapi.UnknownValueWarning)
        assert create_sent(client, SECTION_OP, **body) == body


def test_a_generated_track_is_still_a_source_without_a_model(client):
    body = load(f"{SECTION_OP}_request")
    sent = create_sent(client, SECTION_OP, **body)
    assert sent == body and "model" not in sent and "upload_url" not in sent


SECTION_SOURCES = [
    pytest.param({"model": None}, "model", ("required", "upload_url"), id="upload-without-model"),
    pytest.param({"upload_url": None}, "upload_url", ("required", "model"), id="model-without-upload"),
    pytest.param(
        {"upload_url": None, "model": None}, "task_id", ("task_id and audio_id", "upload_url and model"), id="no-source"
    ),
    pytest.param({"task_id": "t-1", "audio_id": "a-1"}, "upload_url", ("not both",), id="both-sources"),
    pytest.param(
        {"upload_url": None, "task_id": "t-1", "audio_id": "a-1"},
        "model",
        ("not both",),
        id="model-with-a-generated-track",
    ),
    pytest.param({"upload_url": "music.mp3"}, "upload_url", ("absolute http(s) URL",), id="upload-not-a-url"),
]


@pytest.mark.parametrize(("change", "field", "fragments"), SECTION_SOURCES)
def test_replace_section_takes_one_whole_source(client, http, change, field, fragments):
    body = {k: v for k, v in {**UPLOADED_SECTION, **change}.items() if v is not None}
    with pytest.raises(runapi.ValidationError) as info:
        client.suno.replace_section.create(**body)
    assert info.value.field == field
    for fragment in fragments:
        assert fragment in str(info.value)
    assert len(http.calls) == 0


def test_a_replace_section_model_outside_the_contract_is_refused_when_strict_else_warned_and_sent(client, http):
    body = {**UPLOADED_SECTION, "model": "suno-v6"}
    with pytest.raises(runapi.ValidationError) as info:
        client.suno.replace_section.create(**body)
    assert info.value.field == "model"
    with pytest.warns(runapi.UnknownValueWarning, match="model"):
        assert create_sent(client.with_options(strict=False), SECTION_OP, **body)["model"] == "suno-v6"
