"""The emulated endpoints, as one declarative table (:data:`ENDPOINTS`), and its validation.

Each :class:`Endpoint` row says, for one path: which fields are required and in which documented
order (some only under a condition on the other fields, some satisfied by either of two fields),
which values are allowed (``model`` and other enumerations), what a call costs, how the result is
built, the documented failure message, and, for a task, the stages it passes through and the shape
extras of its payloads.

Two kinds of rows:

- **task** (the default): create = ``POST <path>`` answers 202 ``{"id", "status": "processing"}``,
  status = ``GET <path>/{id}``;
- **direct** (``direct=True``): ``POST <path>`` answers 200 with the result at once; there is no
  task and no status path (Suno check_voice, boost_style, get_timestamped_lyrics, generate_persona).

Nothing here is family-specific code: adding an endpoint means adding a row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from . import _payloads as p
from ._errors import ApiError

__all__ = [
    "BY_PATH",
    "ENDPOINTS",
    "FAILED",
    "Condition",
    "Endpoint",
    "Requirement",
    "Stage",
    "all_of",
    "any_of",
    "equals",
    "given",
    "not_",
    "validate",
]

Condition = Callable[[Mapping[str, Any]], bool]
"""A predicate on a create body (see :func:`equals`, :func:`given`, :func:`all_of`, ...)."""


def _missing(value: Any) -> bool:
    return value is None or value == "" or value == []


def equals(name: str, value: Any) -> Condition:
    """``body[name] == value`` (a boolean ``value`` matches only that boolean, not 0 or 1)."""
    if isinstance(value, bool):
        return lambda params: params.get(name) is value
    return lambda params: params.get(name) == value


def given(name: str) -> Condition:
    """``body[name]`` is present (not absent, null, an empty string or an empty array)."""
    return lambda params: not _missing(params.get(name))


def all_of(*conditions: Condition) -> Condition:
    """Every one of ``conditions`` holds."""
    return lambda params: all(condition(params) for condition in conditions)


def any_of(*conditions: Condition) -> Condition:
    """At least one of ``conditions`` holds."""
    return lambda params: any(condition(params) for condition in conditions)


def not_(condition: Condition) -> Condition:
    """``condition`` does not hold."""
    return lambda params: not condition(params)


@dataclass(frozen=True)
class Requirement:
    """A required body field.

    Attributes:
        name: the field, named in ``Missing required parameter: <name>``.
        when: if set, the field is required only for bodies where this condition holds.
        alternatives: other fields that satisfy the requirement as well (``audio_id`` or
            ``upload_url``): it is missing only when all of them are.
    """

    name: str
    when: Condition | None = None
    alternatives: tuple[str, ...] = ()

    def applies(self, params: Mapping[str, Any]) -> bool:
        """Whether this field is required for a request with body ``params``."""
        return self.when is None or self.when(params)

    def missing_in(self, params: Mapping[str, Any]) -> bool:
        """Whether ``params`` lacks this field and all its alternatives."""
        return all(_missing(params.get(name)) for name in (self.name, *self.alternatives))


@dataclass(frozen=True)
class Stage:
    """A point in a task's life cycle.

    Attributes:
        name: the stage name: Suno's ``generation_stage`` value, else ``"completed"`` or ``"failed"``.
        at: fraction of the life cycle (of ``complete_after`` seconds, or of the polls) at which the
            task reaches it; the last stage of an endpoint is at 1 and completes the task.
        outputs: for an intermediate stage, how many items of the result list are already ready.
    """

    name: str
    at: Fraction
    outputs: int = 0


FAILED = Stage("failed", Fraction(1))
"""The only stage of a task that fails (its parameters contain the failure token)."""

COMPLETED = (Stage("completed", Fraction(1)),)
SUNO_STAGES = (
    Stage("text_generated", Fraction(1, 3)),
    Stage("first_audio_ready", Fraction(2, 3), outputs=1),
    Stage("all_audios_ready", Fraction(1)),
)


@dataclass(frozen=True)
class Endpoint:
    """One emulated endpoint (one row of :data:`ENDPOINTS`).

    Attributes:
        path: the create path, e.g. ``/api/v1/suno/text_to_music``.
        required: required body fields, in documented order (the first missing one is reported).
        cost_cents: what a create (or a direct call) deducts from the balance.
        result: builds the completed payload's result keys (a direct call's whole answer).
        failure_error: the docs' ``error`` text of a failed task, or a function of the parameters.
        choices: field -> allowed values; another value is refused with 422 ``Invalid <field>: <value>``.
        exclusive: groups of fields of which at most one may be given (the two readings of
            extend_music: ``audio_id`` or ``upload_url``); 422 when more are.
        sizes: list field -> the documented number of items (mashup: exactly 2); 422 otherwise.
        direct: a direct endpoint: ``POST`` answers 200 with :attr:`result` at once, no task.
        stages: the life-cycle stages; one callback is sent per stage.
        stage_key: payload key carrying the stage name (Suno: ``generation_stage``), if any.
        outputs_key: the result list an intermediate stage may already carry in part.
        echo: parameters echoed right after ``status`` in every payload (``source_task_id``).
        placeholders: keys present, empty, while processing and on failure (``lyrics: []``).
        failed_extras: keys a failed payload carries before ``error`` (``provider_status``).
        source_paths: if set, the :attr:`source_field` parameter must name a task created on one
            of these paths (unknown: 404 ``Task not found``; not completed: 422, unless
            :attr:`source_any_status`).
        source_field: the parameter naming the source task.
        source_any_status: accept a source task in any state (check_voice reports it instead).
    """

    path: str
    required: tuple[Requirement, ...]
    cost_cents: int
    result: p.ResultBuilder
    failure_error: Callable[[Mapping[str, Any]], str]
    choices: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    exclusive: tuple[tuple[str, ...], ...] = ()
    sizes: Mapping[str, int] = field(default_factory=dict)
    direct: bool = False
    stages: tuple[Stage, ...] = COMPLETED
    stage_key: str | None = None
    outputs_key: str | None = None
    echo: tuple[str, ...] = ()
    placeholders: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    failed_extras: Mapping[str, Any] = field(default_factory=dict)
    source_paths: tuple[str, ...] = ()
    source_field: str = "source_task_id"
    source_any_status: bool = False


def _need(
    *names: str, when: tuple[str, Any] | Condition | None = None, alternatives: tuple[str, ...] = ()
) -> tuple[Requirement, ...]:
    condition = equals(*when) if isinstance(when, tuple) else when
    return tuple(Requirement(name, condition, alternatives) for name in names)


def _error(message: str) -> Callable[[Mapping[str, Any]], str]:
    return lambda params: message


def _error_by(key: str, messages: Mapping[str, str], default: str) -> Callable[[Mapping[str, Any]], str]:
    return lambda params: messages.get(str(params.get(key)), default)


# Model lists (docs: Suno > Model Versions; Nano Banana > Version Comparison; Veo 3.1 > Model Variants;
# ElevenLabs > the endpoint table). Suno's music endpoints list five models; suno-v5.5 is in Model
# Versions and accepted too (the docs disagree; refusing it would reject what users expect to work).
SUNO_MODELS = ("suno-v5.5", "suno-v5", "suno-v4.5-plus", "suno-v4.5-all", "suno-v4.5", "suno-v4")
SUNO_SOUND_MODELS = ("suno-v5", "suno-v5.5")
NANO_BANANA_MODELS = ("nano-banana", "nano-banana-pro", "nano-banana-2")
NANO_BANANA_EDIT_MODELS = ("nano-banana-edit",)
VEO_MODELS = ("veo-3.1", "veo-3.1-fast")
TTS_MODELS = ("text-to-speech-turbo-v2.5", "text-to-speech-multilingual-v2")

# Other documented enumerations
VOCAL_MODES = ("auto_lyrics", "exact_lyrics", "instrumental")
SUNO_KNOBS: Mapping[str, tuple[str, ...]] = {"vocal_gender": ("male", "female")}
PERSONA: Mapping[str, tuple[str, ...]] = {"persona_type": ("style", "voice")}
PHRASE_LANGUAGES = ("en", "zh", "es", "fr", "pt", "de", "ja", "ko", "hi", "ru")
SKILL_LEVELS = ("beginner", "intermediate", "advanced", "professional")
SOUND_KEYS = (
    *(f"{note}m" for note in ("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B")),
    *("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"),
    "Any",  # the documented default, not in the list: accepted when sent explicitly
)

VEO = "/api/v1/veo_3_1"
SUNO = "/api/v1/suno"
NANO_BANANA = "/api/v1/nano_banana"
ELEVENLABS = "/api/v1/elevenlabs"

SUNO_MUSIC_PATHS = tuple(
    f"{SUNO}/{name}"
    for name in (
        "text_to_music",
        "extend_music",
        "add_vocals",
        "add_instrumental",
        "cover_audio",
        "create_mashup",
        "text_to_sound",
        "replace_section",
    )
)
"""Suno tasks whose id is a "music generation task ID" (``task_id`` of stems, WAV, video, ...)."""

SUNO_PHRASE_PATHS = (f"{SUNO}/voice_to_validation_phrase", f"{SUNO}/regenerate_validation_phrase")

# extend_music, two documented readings on one path ("Extend Music", "Upload and Extensions"):
# the source is `audio_id` (a generated track) or `upload_url` (your own file), not both.
_EXTEND_CUSTOM = equals("parameter_mode", "custom")
_EXTEND_PROMPT = any_of(
    all_of(given("audio_id"), _EXTEND_CUSTOM),  # reading A: prompt required in custom mode
    # reading B: "required when parameter_mode is source or when instrumental is false"
    all_of(given("upload_url"), not_(all_of(_EXTEND_CUSTOM, equals("instrumental", True)))),
)


def _suno_music(name: str, required: tuple[Requirement, ...], failure: str, **extra: Any) -> Endpoint:
    """A Suno endpoint answering ``audios`` through the three generation stages."""
    extra.setdefault("result", p.suno_audios)
    extra.setdefault("cost_cents", 6)
    return Endpoint(
        path=f"{SUNO}/{name}",
        required=required,
        failure_error=_error(failure),
        stages=SUNO_STAGES,
        stage_key="generation_stage",
        outputs_key="audios",
        **extra,
    )


def _elevenlabs(name: str, required: tuple[Requirement, ...], failure: str, **extra: Any) -> Endpoint:
    """An ElevenLabs task (the docs give no failure text; these follow Suno's wording)."""
    extra.setdefault("result", p.audio_urls)
    extra.setdefault("cost_cents", 2)
    return Endpoint(path=f"{ELEVENLABS}/{name}", required=required, failure_error=_error(failure), **extra)


ENDPOINTS: tuple[Endpoint, ...] = (
    # --- Suno: music -----------------------------------------------------------------------------
    _suno_music(  # docs: Suno > Generate Music
        "text_to_music",
        _need("vocal_mode", "model"),
        "Generation failed",
        choices={"vocal_mode": VOCAL_MODES, "model": SUNO_MODELS, **PERSONA, **SUNO_KNOBS},
    ),
    _suno_music(  # docs: Suno > Extend Music (audio_id) and Upload and Extensions (upload_url)
        "extend_music",
        _need("parameter_mode")
        + _need("audio_id", alternatives=("upload_url",))
        + _need("model")
        + _need("prompt", when=_EXTEND_PROMPT)
        + _need("style", "title", "continue_at", when=_EXTEND_CUSTOM),
        "Extension generation failed.",
        choices={"parameter_mode": ("source", "custom"), "model": SUNO_MODELS, **PERSONA, **SUNO_KNOBS},
        exclusive=(("audio_id", "upload_url"),),
    ),
    _suno_music(  # docs: Suno > Add Vocals
        "add_vocals",
        _need("upload_url", "lyrics", "title", "style", "model"),
        "Vocal generation failed.",
        choices={"model": SUNO_MODELS, **SUNO_KNOBS},
    ),
    _suno_music(  # docs: Suno > Add Instrumental (negative_tags is required here only)
        "add_instrumental",
        _need("upload_url", "title", "tags", "negative_tags", "model"),
        "Instrumental generation failed.",
        choices={"model": SUNO_MODELS, **SUNO_KNOBS},
    ),
    _suno_music(  # docs: Suno > Upload and Covers
        "cover_audio",
        _need("upload_url", "model", "vocal_mode"),
        "Cover generation failed.",
        choices={"vocal_mode": VOCAL_MODES, "model": SUNO_MODELS, **PERSONA, **SUNO_KNOBS},
    ),
    _suno_music(  # docs: Suno > Mashup ("exactly 2 required")
        "create_mashup",
        _need("upload_url_list", "model", "vocal_mode"),
        "Mashup generation failed.",
        choices={"vocal_mode": VOCAL_MODES, "model": SUNO_MODELS, **PERSONA, **SUNO_KNOBS},
        sizes={"upload_url_list": 2},
    ),
    _suno_music(  # docs: Suno > Generate Sound (items carry `prompt` instead of `lyrics`)
        "text_to_sound",
        _need("prompt", "model"),
        "Generation failed, please retry.",
        choices={"model": SUNO_SOUND_MODELS, "sound_key": SOUND_KEYS},
        result=p.suno_sounds,
        cost_cents=3,
    ),
    Endpoint(  # docs: Suno > Replace Music Section (one `track`, no stages)
        path=f"{SUNO}/replace_section",
        required=_need("task_id", "audio_id", "lyrics", "tags", "title", "infill_start_time", "infill_end_time"),
        cost_cents=5,
        result=p.suno_track,
        failure_error=_error("Audio generation failed."),
        source_paths=SUNO_MUSIC_PATHS,
        source_field="task_id",
    ),
    Endpoint(  # docs: Suno > Generate Lyrics
        path=f"{SUNO}/generate_lyrics",
        required=_need("prompt"),
        cost_cents=1,
        result=p.lyrics,
        failure_error=_error("Lyrics generation failed."),
        placeholders={"lyrics": ()},
    ),
    # --- Suno: from a generated track ----------------------------------------------------------
    Endpoint(  # docs: Suno > Vocal & Instrument Separation
        path=f"{SUNO}/separate_audio_stems",
        required=_need("task_id", "audio_id"),
        choices={"type": ("separate_vocal", "split_stem")},
        cost_cents=2,
        result=p.stems,
        failure_error=_error("Vocal separation failed."),
        source_paths=SUNO_MUSIC_PATHS,
        source_field="task_id",
    ),
    Endpoint(  # docs: Suno > Convert to WAV Format
        path=f"{SUNO}/convert_audio",
        required=_need("task_id", "audio_id"),
        cost_cents=1,
        result=p.wav,
        failure_error=_error("WAV conversion failed."),
        source_paths=SUNO_MUSIC_PATHS,
        source_field="task_id",
    ),
    Endpoint(  # docs: Suno > Generate MIDI from Audio (task_id of a stem separation task)
        path=f"{SUNO}/generate_midi",
        required=_need("task_id"),
        cost_cents=2,
        result=p.midi_notes,
        failure_error=_error("MIDI generation failed."),
        placeholders={"instruments": ()},
        source_paths=(f"{SUNO}/separate_audio_stems",),
        source_field="task_id",
    ),
    Endpoint(  # docs: Suno > Generate Music Cover (cover images)
        path=f"{SUNO}/generate_artwork",
        required=_need("task_id"),
        cost_cents=1,
        result=p.artwork,
        failure_error=_error("Cover generation failed."),
        placeholders={"covers": ()},
        source_paths=SUNO_MUSIC_PATHS,
        source_field="task_id",
    ),
    Endpoint(  # docs: Suno > Create Music Video
        path=f"{SUNO}/visualize_music",
        required=_need("task_id", "audio_id"),
        cost_cents=2,
        result=p.music_video,
        failure_error=_error("Video generation failed."),
        source_paths=SUNO_MUSIC_PATHS,
        source_field="task_id",
    ),
    # --- Suno: custom voices -------------------------------------------------------------------
    Endpoint(  # docs: Suno > Voice Validation Phrase
        path=f"{SUNO}/voice_to_validation_phrase",
        required=_need("voice_url", "vocal_start_seconds", "vocal_end_seconds"),
        choices={"language": PHRASE_LANGUAGES},
        cost_cents=1,
        result=p.validation_phrase,
        failure_error=_error("Validation phrase generation failed."),
        failed_extras={"provider_status": "processing_validate_fail"},
    ),
    Endpoint(  # docs: Suno > Regenerate Validation Phrase (no failed example: as the phrase task)
        path=f"{SUNO}/regenerate_validation_phrase",
        required=_need("task_id"),
        cost_cents=1,
        result=p.validation_phrase,
        failure_error=_error("Validation phrase generation failed."),
        failed_extras={"provider_status": "processing_validate_fail"},
        source_paths=SUNO_PHRASE_PATHS,
        source_field="task_id",
    ),
    Endpoint(  # docs: Suno > Generate Voice
        path=f"{SUNO}/generate_voice",
        required=_need("task_id", "verify_url"),
        choices={"singer_skill_level": SKILL_LEVELS},
        cost_cents=5,
        result=p.custom_voice,
        failure_error=_error("Custom voice generation failed."),
        failed_extras={"provider_status": "fail"},
        source_paths=SUNO_PHRASE_PATHS,
        source_field="task_id",
    ),
    # --- Suno: direct (answered at once, no task) ---------------------------------------------
    Endpoint(  # docs: Suno > Check Voice; a voice task still processing or failed is not available
        path=f"{SUNO}/check_voice",
        required=_need("task_id"),
        cost_cents=0,
        result=p.voice_check,
        failure_error=_error("Voice check failed."),
        direct=True,
        source_paths=(f"{SUNO}/generate_voice",),
        source_field="task_id",
        source_any_status=True,
    ),
    Endpoint(  # docs: Suno > Boost Music Style
        path=f"{SUNO}/boost_style",
        required=_need("description"),
        cost_cents=1,
        result=p.boosted_style,
        failure_error=_error("Style boost failed."),
        direct=True,
    ),
    Endpoint(  # docs: Suno > Get Timestamped Lyrics
        path=f"{SUNO}/get_timestamped_lyrics",
        required=_need("task_id", "audio_id"),
        cost_cents=0,
        result=p.timestamped_lyrics,
        failure_error=_error("Timestamped lyrics generation failed."),
        direct=True,
        source_paths=SUNO_MUSIC_PATHS,
        source_field="task_id",
    ),
    Endpoint(  # docs: Suno > Generate Persona
        path=f"{SUNO}/generate_persona",
        required=_need("task_id", "audio_id", "name", "description"),
        cost_cents=1,
        result=p.persona,
        failure_error=_error("Persona generation failed."),
        direct=True,
        source_paths=SUNO_MUSIC_PATHS,
        source_field="task_id",
    ),
    # --- ElevenLabs -----------------------------------------------------------------------------
    _elevenlabs(  # docs: ElevenLabs > Create speech; voice "required for multilingual, optional for turbo"
        "text_to_speech",
        _need("model", "text") + _need("voice", when=("model", "text-to-speech-multilingual-v2")),
        "Speech generation failed.",
        choices={"model": TTS_MODELS},
    ),
    _elevenlabs(  # docs: ElevenLabs > Create dialogue (stability is 0, 0.5 or 1 here)
        "text_to_dialogue",
        _need("dialogue"),
        "Dialogue generation failed.",
        choices={"stability": (0, 0.5, 1)},
        cost_cents=3,
    ),
    _elevenlabs("text_to_sound", _need("text"), "Sound generation failed."),  # docs: Create text-to-sound
    _elevenlabs(  # docs: ElevenLabs > Create speech-to-text (the transcript is in the payload)
        "speech_to_text",
        _need("source_audio_url"),
        "Transcription failed.",
        result=p.transcript,
    ),
    _elevenlabs("isolate_audio", _need("source_audio_url"), "Audio isolation failed."),  # docs: isolate-audio
    # --- Nano Banana ----------------------------------------------------------------------------
    Endpoint(  # docs: Nano Banana > Create Text-to-Image (Base, Pro, V2)
        path=f"{NANO_BANANA}/text_to_image",
        required=_need("model", "prompt"),
        choices={"model": NANO_BANANA_MODELS},
        cost_cents=4,
        result=p.images(echo_model=True),
        failure_error=_error("Generation failed due to content policy violation"),
    ),
    Endpoint(  # Nano Banana > Edit Image (not detailed in the docs; see the package docstring)
        path=f"{NANO_BANANA}/edit_image",
        required=_need("model", "prompt", "source_image_urls"),
        choices={"model": NANO_BANANA_EDIT_MODELS},
        cost_cents=4,
        result=p.images(echo_model=False),
        failure_error=_error("Generation failed due to content policy violation"),
    ),
    # --- Veo 3.1 --------------------------------------------------------------------------------
    Endpoint(  # docs: Veo 3.1 > Generate Video (Text to Video, Image to Video, Reference Images)
        path=f"{VEO}/text_to_video",
        required=_need("prompt")
        + _need("first_frame_image_url", when=("input_mode", "first_and_last_frames"))
        + _need("reference_image_urls", when=("input_mode", "reference"))
        + _need("model"),
        choices={"model": VEO_MODELS, "input_mode": ("text", "first_and_last_frames", "reference")},
        cost_cents=30,
        result=p.generated_videos,
        failure_error=_error("Video generation failed"),
    ),
    Endpoint(  # docs: Veo 3.1 > Extend Video
        path=f"{VEO}/extend_video",
        required=_need("source_task_id", "prompt"),
        cost_cents=30,
        result=p.extended_videos,
        failure_error=_error("Video extension failed."),
        source_paths=(f"{VEO}/text_to_video", f"{VEO}/extend_video"),
    ),
    Endpoint(  # docs: Veo 3.1 > Request 1080P Video, Request 4K Video
        path=f"{VEO}/upscale_video",
        required=_need("source_task_id", "output_resolution"),
        choices={"output_resolution": ("1080p", "4k")},
        cost_cents=10,
        result=p.upscaled_videos,
        failure_error=_error_by(
            "output_resolution", {"4k": "The 4K version of this video is unavailable."}, "Video generation failed."
        ),
        echo=("source_task_id",),
        source_paths=(f"{VEO}/text_to_video", f"{VEO}/extend_video"),
    ),
)
"""Every emulated endpoint, task and direct."""

BY_PATH: dict[str, Endpoint] = {endpoint.path: endpoint for endpoint in ENDPOINTS}
"""Create path -> endpoint."""


def _allowed(value: Any, allowed: tuple[Any, ...]) -> bool:
    if isinstance(value, bool):  # True == 1: a boolean matches only a boolean choice
        return any(choice is value for choice in allowed)
    return value in allowed


def validate(endpoint: Endpoint, params: Mapping[str, Any]) -> None:
    """Check a create (or direct) body against ``endpoint``'s row; unknown extra fields are ignored.

    Raises:
        ApiError: 400 ``Missing required parameter: <name>`` for the first missing (absent, null,
            empty string or empty array) required field in documented order; then 422 for two
            fields of an ``exclusive`` group given together, for a value outside ``choices``
            (``Invalid <field>: <value>``, e.g. ``Invalid model: x``) and for a list of another
            size than documented.
    """
    for requirement in endpoint.required:
        if requirement.applies(params) and requirement.missing_in(params):
            raise ApiError(400, f"Missing required parameter: {requirement.name}")
    for group in endpoint.exclusive:
        present = [name for name in group if not _missing(params.get(name))]
        if len(present) > 1:
            raise ApiError(422, f"Invalid {present[-1]}: give only one of {', '.join(group)}")
    for name, allowed in endpoint.choices.items():
        value = params.get(name)
        if value is not None and not _allowed(value, allowed):
            raise ApiError(422, f"Invalid {name}: {value}")
    for name, size in endpoint.sizes.items():
        value = params.get(name)
        if isinstance(value, list) and len(value) != size:
            raise ApiError(422, f"Invalid {name}: expected {size} items, got {len(value)}")
