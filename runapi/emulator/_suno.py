"""Emulated Suno endpoints RunAPI added after its docs snapshot: their rows (:func:`endpoints`), result
builders, and the persona and voice records (:class:`SunoRecords`).

Sources, as the SDK's are, but read here independently of the SDK's family module (so that the
emulator checks it): the platform contract (``/work/shared/platform/platform-contract.json``: paths,
kinds, model ids) and the official package runapi-suno 0.6.0 with its repository
``runapi-ai/suno-sdk`` (required fields, ``variation_category``'s values, response models).

- tasks (202 ``{id, status}``, then ``GET <path>/{id}``): ``blend_lyrics`` (``lyrics``);
  ``music_from_sample``, ``add_samples`` (deprecated for it), ``inspire_music``,
  ``remaster_audio``, ``stitch_audio`` (``audios`` through Suno's three generation stages);
  ``audio_exports`` (``wav_url``) and ``music_visualizations`` (``video_url``), both with
  ``original_task_id`` when the body names ``source_task_id``;
- direct (200 at once; ``Prefer: respond-async`` makes any of them 202 + ``Location``, as
  :mod:`._task_results` does for every direct row): ``style_expansions`` (``style``),
  ``timestamped_lyrics`` (``aligned_words`` ...), ``personas`` (``persona``, hybrid on RunAPI) and
  ``voices`` (``voice``);
- records: ``GET /api/v1/personas/{id}`` and ``GET /api/v1/voices/{id}`` answer
  ``{"persona"|"voice": {...}, "status": "available"}`` for an id this emulator made, else 404;
- the newer values of two older rows (in ``._catalog``): ``separate_audio_stems``' type
  ``split_stem_advanced`` with its ``stem_name`` (:data:`STEM_NAMES`, required with that type),
  answered by :func:`stems` as ``separated_audios.pairs`` (``AdvancedStemPair``); and
  ``replace_section``'s second source, ``upload_url`` + ``model`` (the contract's model ids), given
  instead of ``task_id`` + ``audio_id`` (runapi-ai/suno-sdk's validators: one pair, whole, not both).

Ranges (``start_seconds`` < ``end_seconds``) and lengths are not checked, as elsewhere in the
emulator. No source prints a failed example: failures use Suno's wording. Costs are the emulator's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from werkzeug.wrappers import Request, Response

from . import _payloads as p
from ._endpoint import Endpoint, Stage, error, need
from ._media import AUDIO_DURATION_SECONDS
from ._store import Store

__all__ = ["MUSIC_PATHS", "PERSONAS", "STEM_NAMES", "STEM_TYPES", "VOICES", "SunoRecords", "endpoints", "stems"]

SUNO = "/api/v1/suno"
PERSONAS = "/api/v1/personas"
VOICES = "/api/v1/voices"

SUNO_MODELS = ("suno-v5.5", "suno-v5", "suno-v4.5-plus", "suno-v4.5-all", "suno-v4.5", "suno-v4")
AUDIO_ACTION_MODELS = ("suno-v5.5", "suno-v5", "suno-v4.5-plus", "suno-v4.5", "suno-v4")
"""add_samples, remaster_audio, stitch_audio (platform contract: every music model but suno-v4.5-all)."""
VARIATION_CATEGORIES = ("subtle", "normal", "high")
STEM_TYPES = ("separate_vocal", "split_stem", "split_stem_advanced")
"""separate_audio_stems' ``type`` (the docs' two, and ``split_stem_advanced`` from the platform contract)."""
STEM_NAMES = (
    "Lead Vocal", "Drum Kit", "Kick", "Snare", "Risers", "Bass", "Backing Vocals", "Piano", "Electric Guitar",
    "Percussion", "String Section", "Synth", "Acoustic Guitar", "Sound Effects", "Synth Pad", "Synth Bass",
    "Guitar", "Brass Section", "Organ", "Electronic Drum Kit", "Lead Electric Guitar", "Synth Keys",
    "Rhythm Electric Guitar", "Electric Piano", "Upright Bass", "Keyboards", "Distorted Electric Guitar",
    "Synth Strings", "Synth Lead", "Woodwinds", "Rhythm Acoustic Guitar", "Flute", "Harp", "Tambourine",
    "Trumpet", "Arpeggiator", "Accordion", "Fiddle", "Pedal Steel Guitar", "Synth Voice", "Violin",
    "Digital Piano", "Synth Brass", "Mandolin", "Choir", "Banjo", "Bells", "Clarinet", "Tenor Saxophone",
    "Trombone", "Shaker", "French Horn", "Glockenspiel", "Electric Bass", "Cello", "Timpani", "Harmonica",
    "Marimba", "Vibraphone", "Lap Steel Guitar", "Saxophone", "Orchestra", "Horns", "Cymbals", "Hand Clap",
    "Oboe", "Celesta", "Congas", "Drone", "Alto Saxophone", "Double Bass", "Ukulele", "Harpsichord",
    "Baritone Saxophone", "Xylophone", "Tuba", "Bass Guitar", "Whistle", "Lead Guitar", "Rhodes", "808",
    "Bongos", "Bassoon", "Cowbell", "Viola", "Sitar", "Steel Drums", "Piccolo", "Theremin", "Bagpipes",
    "Hi-Hat", "Music Box", "Melodica", "Tabla", "Koto", "Djembe", "Taiko", "Didgeridoo",
)  # fmt: skip
"""separate_audio_stems' ``stem_name`` for ``split_stem_advanced`` (the platform contract's 98 values)."""

MUSIC_PATHS = (
    "/api/v1/music_from_sample",
    f"{SUNO}/add_samples",
    f"{SUNO}/inspire_music",
    f"{SUNO}/remaster_audio",
    f"{SUNO}/stitch_audio",
)
"""The new tasks that make tracks: their ids are music task ids for the endpoints taking one."""

STAGES = (
    Stage("text_generated", Fraction(1, 3)),
    Stage("first_audio_ready", Fraction(2, 3), outputs=1),
    Stage("all_audios_ready", Fraction(1)),
)


# --- result builders -------------------------------------------------------------------------------


def blended_lyrics(job: p.Job) -> dict[str, Any]:
    """blend_lyrics: ``lyrics``, one ``{"title", "text"}`` sheet made of both texts (``BlendLyricsResponse``)."""
    return {"lyrics": [{"title": "Emulated Blend", "text": f"{job.text('lyrics_a')}\n\n{job.text('lyrics_b')}"}]}


def _original(job: p.Job) -> dict[str, Any]:
    source = job.text("source_task_id")
    return {"original_task_id": source} if source else {}


def exported_wav(job: p.Job) -> dict[str, Any]:
    """audio_exports: ``wav_url`` (and ``original_task_id``) (``AudioExportResponse``)."""
    return {**p.wav(job), **_original(job)}


def visualization(job: p.Job) -> dict[str, Any]:
    """music_visualizations: ``video_url`` (and ``original_task_id``) (``MusicVisualizationResponse``)."""
    return {**p.music_video(job), **_original(job)}


def stems(job: p.Job) -> dict[str, Any]:
    """separate_audio_stems: ``split_stem_advanced`` answers ``separated_audios.pairs``, one
    ``{"stem_name", "extracted_audio", "remaining_audio"}`` (each ``{"id", "duration_seconds",
    "audio_url"}``, runapi-suno 0.6.0 ``AdvancedStemPair``); the docs' two types answer ``<stem>_url``
    keys (:func:`._payloads.stems`)."""
    if job.params.get("type") != "split_stem_advanced":
        return p.stems(job)
    name = job.text("stem_name")
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")

    def audio(kind: str) -> dict[str, Any]:
        return {
            "id": f"{job.id}-{kind}",
            "duration_seconds": AUDIO_DURATION_SECONDS,
            "audio_url": job.file_url(f"{kind}.mp3"),
        }

    pair = {"stem_name": name, "extracted_audio": audio(slug), "remaining_audio": audio(f"without-{slug}")}
    return {"separated_audios": {"pairs": [pair]}}


def persona(job: p.Job) -> dict[str, Any]:
    """personas: ``persona: {"id", "name", "description"}`` (``PersonaCreationResponse``); the id
    names this call, so ``GET /api/v1/personas/{id}`` finds it."""
    return {"persona": {"id": f"persona_{job.id}", "name": job.text("name"), "description": job.text("description")}}


def voice(job: p.Job) -> dict[str, Any]:
    """voices: ``voice: {"id", "name"}`` (``VoiceCreationResponse``); the id names this call."""
    created: dict[str, Any] = {"id": f"voice_{job.id}"}
    if job.text("name"):
        created["name"] = job.text("name")
    return {"voice": created}


# --- rows ------------------------------------------------------------------------------------------


def _music(path: str, required: tuple[Any, ...], failure: str, **extra: Any) -> Endpoint:
    return Endpoint(
        path=path,
        required=required,
        cost_cents=extra.pop("cost_cents", 6),
        result=p.suno_audios,
        failure_error=error(failure),
        stages=STAGES,
        stage_key="generation_stage",
        outputs_key="audios",
        **extra,
    )


def endpoints(music_paths: tuple[str, ...]) -> tuple[Endpoint, ...]:
    """The rows; ``music_paths``: every path whose tasks' ids are music task ids (``source_task_id``)."""
    sample = need("model", "audio_url", "start_seconds", "end_seconds")
    from_track = need("model", "source_task_id", "audio_id")
    by_audio_id: dict[str, Any] = {"source_paths": music_paths, "source_optional": True}
    return (
        Endpoint(  # runapi-suno 0.6.0 BlendLyrics (required: ruby contract_gen.rb)
            path=f"{SUNO}/blend_lyrics",
            required=need("lyrics_a", "lyrics_b"),
            cost_cents=1,
            result=blended_lyrics,
            failure_error=error("Lyrics generation failed."),
            placeholders={"lyrics": ()},
        ),
        _music(
            "/api/v1/music_from_sample",
            sample,
            "Generation failed",
            choices={"model": SUNO_MODELS},
        ),
        _music(  # deprecated for music_from_sample; the same body
            f"{SUNO}/add_samples",
            sample,
            "Generation failed",
            choices={"model": AUDIO_ACTION_MODELS},
        ),
        _music(
            f"{SUNO}/inspire_music",
            need("model", "audio_urls"),
            "Generation failed",
            choices={"model": SUNO_MODELS},
        ),
        _music(
            f"{SUNO}/remaster_audio",
            from_track,
            "Generation failed",
            choices={"model": AUDIO_ACTION_MODELS, "variation_category": VARIATION_CATEGORIES},
            source_paths=music_paths,
        ),
        _music(
            f"{SUNO}/stitch_audio",
            from_track,
            "Generation failed",
            choices={"model": AUDIO_ACTION_MODELS},
            source_paths=music_paths,
        ),
        Endpoint(
            path="/api/v1/audio_exports",
            required=need("source_audio_id"),
            cost_cents=1,
            result=exported_wav,
            failure_error=error("WAV conversion failed."),
            **by_audio_id,
        ),
        Endpoint(
            path="/api/v1/music_visualizations",
            required=need("source_audio_id"),
            cost_cents=2,
            result=visualization,
            failure_error=error("Video generation failed."),
            **by_audio_id,
        ),
        Endpoint(
            path="/api/v1/style_expansions",
            required=need("description"),
            cost_cents=1,
            result=p.boosted_style,
            failure_error=error("Style boost failed."),
            direct=True,
        ),
        Endpoint(
            path="/api/v1/timestamped_lyrics",
            required=need("source_audio_id"),
            cost_cents=0,
            result=p.timestamped_lyrics,
            failure_error=error("Timestamped lyrics generation failed."),
            direct=True,
            **by_audio_id,
        ),
        Endpoint(
            path=PERSONAS,
            required=need("source_task_id", "source_audio_id", "name", "description"),
            cost_cents=1,
            result=persona,
            failure_error=error("Persona generation failed."),
            direct=True,
            source_paths=music_paths,
        ),
        Endpoint(
            path=VOICES,
            required=need("source_audio_url"),
            cost_cents=5,
            result=voice,
            failure_error=error("Custom voice generation failed."),
            direct=True,
        ),
    )


# --- records ---------------------------------------------------------------------------------------

_RECORD = re.compile(r"/api/v1/(?P<kind>personas|voices)/(?P<id>(?:persona|voice)_[0-9a-f-]+)")


def _json(status: int, body: Any) -> Response:
    return Response(p.encode(body), status=status, mimetype="application/json")


class SunoRecords:
    """``GET /api/v1/personas/{id}`` and ``GET /api/v1/voices/{id}``, read from the store's direct answers.

    Args:
        store: the emulator's tasks and direct calls.
    """

    def __init__(self, store: Store) -> None:
        self._store = store

    def route(self, method: str, path: str) -> Callable[[Request], Response] | None:
        """The handler of a persona or voice read, or ``None`` for any other request."""
        if method != "GET" or not path.startswith((f"{PERSONAS}/", f"{VOICES}/")):
            return None
        return lambda request: self._read(path)

    def _read(self, path: str) -> Response:
        match = _RECORD.fullmatch(path)
        key = {"personas": "persona", "voices": "voice"}[match["kind"]] if match else ""
        if match is None or not match["id"].startswith(f"{key}_"):
            return _json(404, {"error": "Record does not exist"})
        answer = self._store.answer_of(match["id"].removeprefix(f"{key}_"))
        record = answer.get(key) if answer is not None else None
        if not isinstance(record, dict) or record.get("id") != match["id"]:
            return _json(404, {"error": "Record does not exist"})
        return _json(200, {key: record, "status": "available"})
