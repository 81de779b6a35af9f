"""The emulated endpoints, as one declarative table (:data:`ENDPOINTS`).

This module holds the rows of Suno, ElevenLabs, Nano Banana and Veo 3.1 and gathers the rows of
the other families from their own modules (:mod:`._video`, :mod:`._image`, :mod:`._avatar`). What a
row says is described on :class:`._endpoint.Endpoint`; adding an endpoint means adding a row, never code.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from . import _audio, _avatar, _image, _midjourney, _payloads as p, _suno, _video
from ._endpoint import (
    COMPLETED,
    FAILED,
    Endpoint,
    Requirement,
    Stage,
    all_of,
    allow,
    among,
    any_of,
    equals,
    error,
    error_by,
    given,
    need,
    not_,
    validate,
)

__all__ = ["BY_PATH", "COMPLETED", "ENDPOINTS", "FAILED", "Endpoint", "Stage", "validate"]

# Model lists (docs: Suno > Model Versions; Nano Banana > Version Comparison; Veo 3.1 > Model Variants;
# ElevenLabs > the endpoint table). Suno's music endpoints list five models; suno-v5.5 is in Model
# Versions and accepted too (the docs disagree; refusing it would reject what users expect to work).
SUNO_MODELS = ("suno-v5.5", "suno-v5", "suno-v4.5-plus", "suno-v4.5-all", "suno-v4.5", "suno-v4")
SUNO_SOUND_MODELS = ("suno-v5", "suno-v5.5")
NANO_BANANA_MODELS = ("nano-banana", "nano-banana-pro", "nano-banana-2", "nano-banana-2-lite")  # lite: the contract
NANO_BANANA_EDIT_MODELS = ("nano-banana-edit", "nano-banana-2-lite")  # the platform contract, nano-banana/edit-image
# Nano Banana > Create Text-to-Image (Base, Pro, V2): the 11 presets of Base and Pro, the 15 of V2
NANO_BANANA_RATIOS = ("1:1", "9:16", "16:9", "3:4", "4:3", "3:2", "2:3", "5:4", "4:5", "21:9", "auto")
NANO_BANANA_2_RATIOS = (*NANO_BANANA_RATIOS, "1:4", "1:8", "4:1", "8:1")
VEO_MODELS = ("veo-3.1", "veo-3.1-fast", "veo-3.1-lite")  # -lite: newer source, the platform contract
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
ELEVENLABS_SOUND_FORMATS = tuple(  # the platform contract, elevenlabs/text-to-sound (sound-effect-v2)
    ["mp3_22050_32", *(f"mp3_44100_{kbps}" for kbps in (32, 64, 96, 128, 192))]
    + [f"pcm_{hz}" for hz in (8000, 16000, 22050, 24000, 44100, 48000)]
    + ["ulaw_8000", "alaw_8000", *(f"opus_48000_{kbps}" for kbps in (32, 64, 96, 128, 192))]
)

SUNO_MUSIC_PATHS = (
    *(
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
    ),
    *_suno.MUSIC_PATHS,  # the newer music tasks (._suno)
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
        failure_error=error(failure),
        stages=SUNO_STAGES,
        stage_key="generation_stage",
        outputs_key="audios",
        **extra,
    )


def _elevenlabs(name: str, required: tuple[Requirement, ...], failure: str, **extra: Any) -> Endpoint:
    """An ElevenLabs task (the docs give no failure text; these follow Suno's wording)."""
    extra.setdefault("result", p.audio_urls)
    extra.setdefault("cost_cents", 2)
    return Endpoint(path=f"{ELEVENLABS}/{name}", required=required, failure_error=error(failure), **extra)


SUNO_STAGES = (
    Stage("text_generated", Fraction(1, 3)),
    Stage("first_audio_ready", Fraction(2, 3), outputs=1),
    Stage("all_audios_ready", Fraction(1)),
)


ENDPOINTS: tuple[Endpoint, ...] = (
    # --- Suno: music -----------------------------------------------------------------------------
    _suno_music(  # docs: Suno > Generate Music
        "text_to_music",
        need("vocal_mode", "model"),
        "Generation failed",
        choices={"vocal_mode": VOCAL_MODES, "model": SUNO_MODELS, **PERSONA, **SUNO_KNOBS},
    ),
    _suno_music(  # docs: Suno > Extend Music (audio_id) and Upload and Extensions (upload_url)
        "extend_music",
        need("parameter_mode")
        + need("audio_id", alternatives=("upload_url",))
        + need("model")
        + need("prompt", when=_EXTEND_PROMPT)
        + need("style", "title", "continue_at", when=_EXTEND_CUSTOM),
        "Extension generation failed.",
        choices={"parameter_mode": ("source", "custom"), "model": SUNO_MODELS, **PERSONA, **SUNO_KNOBS},
        exclusive=(("audio_id", "upload_url"),),
    ),
    _suno_music(  # docs: Suno > Add Vocals
        "add_vocals",
        need("upload_url", "lyrics", "title", "style", "model"),
        "Vocal generation failed.",
        choices={"model": SUNO_MODELS, **SUNO_KNOBS},
    ),
    _suno_music(  # docs: Suno > Add Instrumental (negative_tags is required here only)
        "add_instrumental",
        need("upload_url", "title", "tags", "negative_tags", "model"),
        "Instrumental generation failed.",
        choices={"model": SUNO_MODELS, **SUNO_KNOBS},
    ),
    _suno_music(  # docs: Suno > Upload and Covers
        "cover_audio",
        need("upload_url", "model", "vocal_mode"),
        "Cover generation failed.",
        choices={"vocal_mode": VOCAL_MODES, "model": SUNO_MODELS, **PERSONA, **SUNO_KNOBS},
    ),
    _suno_music(  # docs: Suno > Mashup ("exactly 2 required")
        "create_mashup",
        need("upload_url_list", "model", "vocal_mode"),
        "Mashup generation failed.",
        choices={"vocal_mode": VOCAL_MODES, "model": SUNO_MODELS, **PERSONA, **SUNO_KNOBS},
        sizes={"upload_url_list": 2},
    ),
    _suno_music(  # docs: Suno > Generate Sound (items carry `prompt` instead of `lyrics`)
        "text_to_sound",
        need("prompt", "model"),
        "Generation failed, please retry.",
        choices={"model": SUNO_SOUND_MODELS, "sound_key": SOUND_KEYS},
        result=p.suno_sounds,
        cost_cents=3,
    ),
    Endpoint(  # docs: Suno > Replace Music Section (one `track`, no stages)
        path=f"{SUNO}/replace_section",
        # newer source (the platform contract's `model`, runapi-ai/suno-sdk): the source is task_id +
        # audio_id (a generated track) or upload_url + model (your own file), one pair, not both
        required=need("task_id", alternatives=("upload_url",))
        + need("audio_id", when=given("task_id"))
        + need("model", when=given("upload_url"))
        + need("lyrics", "tags", "title", "infill_start_time", "infill_end_time"),
        choices={"model": SUNO_MODELS},
        exclusive=(("task_id", "upload_url"), ("audio_id", "upload_url"), ("task_id", "model"), ("audio_id", "model")),
        cost_cents=5,
        result=p.suno_track,
        failure_error=error("Audio generation failed."),
        source_paths=SUNO_MUSIC_PATHS,
        source_field="task_id",
        source_optional=True,
    ),
    Endpoint(  # docs: Suno > Generate Lyrics
        path=f"{SUNO}/generate_lyrics",
        required=need("prompt"),
        cost_cents=1,
        result=p.lyrics,
        failure_error=error("Lyrics generation failed."),
        placeholders={"lyrics": ()},
    ),
    # --- Suno: from a generated track ----------------------------------------------------------
    Endpoint(  # docs: Suno > Vocal & Instrument Separation
        path=f"{SUNO}/separate_audio_stems",
        # split_stem_advanced and its stem_name: newer source (the platform contract; ._suno)
        required=need("task_id", "audio_id") + need("stem_name", when=("type", "split_stem_advanced")),
        choices={"type": _suno.STEM_TYPES, "stem_name": _suno.STEM_NAMES},
        cost_cents=2,
        result=_suno.stems,
        failure_error=error("Vocal separation failed."),
        source_paths=SUNO_MUSIC_PATHS,
        source_field="task_id",
    ),
    Endpoint(  # docs: Suno > Convert to WAV Format
        path=f"{SUNO}/convert_audio",
        required=need("task_id", "audio_id"),
        cost_cents=1,
        result=p.wav,
        failure_error=error("WAV conversion failed."),
        source_paths=SUNO_MUSIC_PATHS,
        source_field="task_id",
    ),
    Endpoint(  # docs: Suno > Generate MIDI from Audio (task_id of a stem separation task)
        path=f"{SUNO}/generate_midi",
        required=need("task_id"),
        cost_cents=2,
        result=p.midi_notes,
        failure_error=error("MIDI generation failed."),
        placeholders={"instruments": ()},
        source_paths=(f"{SUNO}/separate_audio_stems",),
        source_field="task_id",
    ),
    Endpoint(  # docs: Suno > Generate Music Cover (cover images)
        path=f"{SUNO}/generate_artwork",
        required=need("task_id"),
        cost_cents=1,
        result=p.artwork,
        failure_error=error("Cover generation failed."),
        placeholders={"covers": ()},
        source_paths=SUNO_MUSIC_PATHS,
        source_field="task_id",
    ),
    Endpoint(  # docs: Suno > Create Music Video
        path=f"{SUNO}/visualize_music",
        required=need("task_id", "audio_id"),
        cost_cents=2,
        result=p.music_video,
        failure_error=error("Video generation failed."),
        source_paths=SUNO_MUSIC_PATHS,
        source_field="task_id",
    ),
    # --- Suno: custom voices -------------------------------------------------------------------
    Endpoint(  # docs: Suno > Voice Validation Phrase
        path=f"{SUNO}/voice_to_validation_phrase",
        required=need("voice_url", "vocal_start_seconds", "vocal_end_seconds"),
        choices={"language": PHRASE_LANGUAGES},
        cost_cents=1,
        result=p.validation_phrase,
        failure_error=error("Validation phrase generation failed."),
        failed_extras={"provider_status": "processing_validate_fail"},
    ),
    Endpoint(  # docs: Suno > Regenerate Validation Phrase (no failed example: as the phrase task)
        path=f"{SUNO}/regenerate_validation_phrase",
        required=need("task_id"),
        cost_cents=1,
        result=p.validation_phrase,
        failure_error=error("Validation phrase generation failed."),
        failed_extras={"provider_status": "processing_validate_fail"},
        source_paths=SUNO_PHRASE_PATHS,
        source_field="task_id",
    ),
    Endpoint(  # docs: Suno > Generate Voice
        path=f"{SUNO}/generate_voice",
        required=need("task_id", "verify_url"),
        choices={"singer_skill_level": SKILL_LEVELS},
        cost_cents=5,
        result=p.custom_voice,
        failure_error=error("Custom voice generation failed."),
        failed_extras={"provider_status": "fail"},
        source_paths=SUNO_PHRASE_PATHS,
        source_field="task_id",
    ),
    # --- Suno: direct (answered at once, no task) ---------------------------------------------
    Endpoint(  # docs: Suno > Check Voice; a voice task still processing or failed is not available
        path=f"{SUNO}/check_voice",
        required=need("task_id"),
        cost_cents=0,
        result=p.voice_check,
        failure_error=error("Voice check failed."),
        direct=True,
        source_paths=(f"{SUNO}/generate_voice",),
        source_field="task_id",
        source_any_status=True,
    ),
    Endpoint(  # docs: Suno > Boost Music Style
        path=f"{SUNO}/boost_style",
        required=need("description"),
        cost_cents=1,
        result=p.boosted_style,
        failure_error=error("Style boost failed."),
        direct=True,
    ),
    Endpoint(  # docs: Suno > Get Timestamped Lyrics
        path=f"{SUNO}/get_timestamped_lyrics",
        required=need("task_id", "audio_id"),
        cost_cents=0,
        result=p.timestamped_lyrics,
        failure_error=error("Timestamped lyrics generation failed."),
        direct=True,
        source_paths=SUNO_MUSIC_PATHS,
        source_field="task_id",
    ),
    Endpoint(  # docs: Suno > Generate Persona
        path=f"{SUNO}/generate_persona",
        required=need("task_id", "audio_id", "name", "description"),
        cost_cents=1,
        result=p.persona,
        failure_error=error("Persona generation failed."),
        direct=True,
        source_paths=SUNO_MUSIC_PATHS,
        source_field="task_id",
    ),
    *_suno.endpoints(SUNO_MUSIC_PATHS),  # Suno: the operations newer than the docs (._suno)
    # --- ElevenLabs -----------------------------------------------------------------------------
    _elevenlabs(  # docs: ElevenLabs > Create speech; voice "required for multilingual, optional for turbo"
        "text_to_speech",
        need("model", "text") + need("voice", when=("model", "text-to-speech-multilingual-v2")),
        "Speech generation failed.",
        choices={"model": TTS_MODELS},
    ),
    _elevenlabs(  # docs: ElevenLabs > Create dialogue (stability is 0, 0.5 or 1 here)
        "text_to_dialogue",
        need("dialogue"),
        "Dialogue generation failed.",
        # model: optional; the one the platform contract lists (as for the three below)
        choices={"stability": (0, 0.5, 1), "model": ("text-to-dialogue-v3",)},
        cost_cents=3,
    ),
    _elevenlabs(  # docs: Create text-to-sound; model and output_format: the platform contract
        "text_to_sound",
        need("text"),
        "Sound generation failed.",
        choices={"model": ("sound-effect-v2",), "output_format": ELEVENLABS_SOUND_FORMATS},
    ),
    _elevenlabs(  # docs: ElevenLabs > Create speech-to-text (the transcript is in the payload)
        "speech_to_text",
        need("source_audio_url"),
        "Transcription failed.",
        result=p.transcript,
        choices={"model": ("speech-to-text",)},
    ),
    _elevenlabs(  # docs: isolate-audio
        "isolate_audio", need("source_audio_url"), "Audio isolation failed.", choices={"model": ("audio-isolation",)}
    ),
    # --- Nano Banana ----------------------------------------------------------------------------
    Endpoint(  # docs: Nano Banana > Create Text-to-Image (Base, Pro, V2)
        # The completed payload echoes `model` as the Quick Start's status response and the Callbacks
        # example do (the section's own callback examples leave it out: a superset of both shapes).
        path=f"{NANO_BANANA}/text_to_image",
        required=need("model", "prompt"),
        choices={
            "model": NANO_BANANA_MODELS,
            "output_format": ("png", "jpg", "jpeg"),  # jpeg: the platform contract
            "aspect_ratio": NANO_BANANA_2_RATIOS,
            "output_resolution": ("1k", "2k", "4k"),  # Pro and V2; not listed for Base (not refused there)
        },
        allowed=(allow("aspect_ratio", *NANO_BANANA_RATIOS, when=among("model", "nano-banana", "nano-banana-pro")),),
        cost_cents=4,
        result=p.images(echo_model=True),
        failure_error=error("Generation failed due to content policy violation"),
    ),
    Endpoint(  # Nano Banana > Edit Image (not detailed in the docs; see the package docstring)
        path=f"{NANO_BANANA}/edit_image",
        required=need("model", "prompt", "source_image_urls"),
        choices={"model": NANO_BANANA_EDIT_MODELS, "aspect_ratio": NANO_BANANA_2_RATIOS},
        allowed=(allow("aspect_ratio", *NANO_BANANA_RATIOS, when=("model", "nano-banana-edit")),),
        cost_cents=4,
        result=p.images(echo_model=False),
        failure_error=error("Generation failed due to content policy violation"),
    ),
    # --- Veo 3.1 --------------------------------------------------------------------------------
    Endpoint(  # docs: Veo 3.1 > Generate Video (Text to Video, Image to Video, Reference Images)
        path=f"{VEO}/text_to_video",
        required=need("prompt")
        + need("first_frame_image_url", when=("input_mode", "first_and_last_frames"))
        + need("reference_image_urls", when=("input_mode", "reference"))
        + need("model"),
        choices={"model": VEO_MODELS, "input_mode": ("text", "first_and_last_frames", "reference")},
        allowed=(allow("aspect_ratio", "16:9", "9:16", when=("model", "veo-3.1-lite")),),
        cost_cents=30,
        result=p.generated_videos,
        failure_error=error("Video generation failed"),
    ),
    Endpoint(  # docs: Veo 3.1 > Extend Video
        path=f"{VEO}/extend_video",
        required=need("source_task_id", "prompt"),
        cost_cents=30,
        result=p.extended_videos,
        failure_error=error("Video extension failed."),
        source_paths=(f"{VEO}/text_to_video", f"{VEO}/extend_video"),
    ),
    Endpoint(  # docs: Veo 3.1 > Request 1080P Video, Request 4K Video
        path=f"{VEO}/upscale_video",
        required=need("source_task_id", "output_resolution"),
        choices={"output_resolution": ("1080p", "4k")},
        cost_cents=10,
        result=p.upscaled_videos,
        failure_error=error_by(
            "output_resolution", {"4k": "The 4K version of this video is unavailable."}, "Video generation failed."
        ),
        echo=("source_task_id",),
        source_paths=(f"{VEO}/text_to_video", f"{VEO}/extend_video"),
    ),
    *_video.ENDPOINTS,
    *_image.ENDPOINTS,
    *_avatar.ENDPOINTS,
    *_audio.ENDPOINTS,
    *_midjourney.ENDPOINTS,
)
"""Every emulated endpoint, task and direct."""

BY_PATH: dict[str, Endpoint] = {endpoint.path: endpoint for endpoint in ENDPOINTS}
"""Create path -> endpoint."""
