"""Emulated endpoints of the audio families that RunAPI's docs snapshot does not cover.

Producer, Gemini TTS, OpenAI TTS, Fish Audio and OpenAI Transcription (``openai_transcription``), as
the platform contract, the official CLI's newer contract and the official packages
(``runapi-<family>``) describe them.
Written from those sources, independently of the SDK's family modules, so that the emulator
checks the SDK. Two parts:

- :data:`ENDPOINTS`: catalogue rows (:class:`._endpoint.Endpoint`), gathered by :mod:`._catalog`:
  ``producer/text_to_music`` and ``gemini_tts/text_to_speech`` are tasks (``POST`` answers 202,
  ``GET <path>/{id}`` reads it); ``openai_tts/text_to_speech`` and ``fish_audio/text_to_speech``
  are direct (``POST`` answers 200 ``{"id", "status": "completed", "audios": [{"url", "format",
  "mime_type", "size_bytes"}]}``, the official ``TextToSpeechResponse``), whose audio URL serves an
  MP3 (a WAV for Fish Audio's ``output_format: "wav"``);
- :class:`AudioRoutes`, what a row cannot say, reached from the app's ``_route``: Fish Audio's
  voices (``POST /api/v1/fish_audio/voices`` answers ``{"voice": {voice_id, name, state}}``, state
  ``training``; ``GET .../voices/{voice_id}`` answers it ``trained`` from then on; ``GET
  .../voices?page_number=&page_size=`` a page ``{"voices", "total", "page_number", "page_size"}``),
  and ``POST /v1/audio/transcriptions`` (``multipart/form-data``: a ``file`` part, text parts, lists
  as ``name[]`` parts), answering JSON (``{"text"}``; ``verbose_json`` adds ``language`` and
  ``duration``) or text by ``response_format`` (``text/plain``, ``application/x-subrip`` for SRT,
  ``text/vtt``).

Conventions as in :mod:`._image`: ``choices`` are the sources' enumerations (per model where they
differ: ``allowed``); lengths and ranges are not checked; costs are the emulator's own choice. The
voices and transcriptions are not billed and keep no idempotency record (the sources say nothing
of either); their ``emulator:fail`` token is not honoured.
"""

from __future__ import annotations

import re
import threading
import uuid
from collections.abc import Callable
from typing import Any

from werkzeug.wrappers import Request, Response

from . import _payloads as p
from ._endpoint import Endpoint, allow, equals, error, need, not_
from ._errors import ApiError
from ._media import AUDIO_DURATION_SECONDS, CONTENT_TYPES, media_bytes

__all__ = ["ENDPOINTS", "FISH_VOICES", "TRANSCRIPTIONS", "AudioRoutes", "managed_audio", "producer_audios"]

PRODUCER = "/api/v1/producer"
GEMINI_TTS = "/api/v1/gemini_tts"
OPENAI_TTS = "/api/v1/openai_tts"
FISH_AUDIO = "/api/v1/fish_audio"
FISH_VOICES = f"{FISH_AUDIO}/voices"
TRANSCRIPTIONS = "/v1/audio/transcriptions"

GENERAL_FAILURE = "Generation failed"
"""No source prints a failure text for these families: the platform's most common wording."""

# platform contract producer/text-to-music; vocal_mode the same for every model
PRODUCER_MODELS = (
    "fuzz-0.8", "fuzz-1.0", "fuzz-1.0-pro", "fuzz-1.1", "fuzz-1.1-pro", "fuzz-2.0", "fuzz-2.0-pro", "fuzz-2.0-raw",
)  # fmt: skip
GEMINI_TTS_MODELS = ("gemini-2.5-pro-tts", "gemini-3.1-flash-tts")
OPENAI_TTS_MODELS = ("tts-1", "tts-1-hd")
# the CLI's newer contract and the official repository add s2.1-pro to the platform contract's two
FISH_MODELS = ("s1", "s2-pro", "s2.1-pro")
FISH_MP3 = not_(equals("output_format", "wav"))  # mp3, or no output_format (MP3 is the default)
# official CLI's newer contract openai-transcription/speech-to-text
TRANSCRIPTION_FORMATS = {
    "whisper-1": ("json", "text", "srt", "verbose_json", "vtt"),
    "gpt-transcribe": ("json", "text"),
}
_TEXT_ANSWERS = {"text": "text/plain", "srt": "application/x-subrip", "vtt": "text/vtt"}


def producer_audios(job: p.Job) -> dict[str, Any]:
    """Producer text_to_music: ``generation_stage`` and ``audios``, one track with the official ``Audio`` keys."""
    track: dict[str, Any] = {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{job.id}/audio-0")),
        "audio_url": job.file_url("0.mp3"),
        "image_url": job.file_url("0.png"),
        "model_name": job.text("model"),
        "title": job.text("title", "Untitled"),
        "duration_seconds": AUDIO_DURATION_SECONDS,
    }
    if job.text("lyrics"):
        track["lyrics"] = job.text("lyrics")
    return {"generation_stage": "all_audios_ready", "audios": [track]}


def managed_audio(job: p.Job) -> dict[str, Any]:
    """A direct speech answer (official ``TextToSpeechResponse``): the whole completed task."""
    ext = "wav" if job.params.get("output_format") == "wav" else "mp3"
    size = len(media_bytes(ext))
    audio = {"url": job.file_url(f"0.{ext}"), "format": ext, "mime_type": CONTENT_TYPES[ext], "size_bytes": size}
    return {"id": job.id, "status": "completed", "audios": [audio]}


ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint(  # platform contract producer/text-to-music; official contract rules on lyrics
        path=f"{PRODUCER}/text_to_music",
        required=need("model", "vocal_mode", "prompt") + need("lyrics", when=("vocal_mode", "exact_lyrics")),
        choices={"model": PRODUCER_MODELS, "vocal_mode": ("exact_lyrics", "instrumental")},
        allowed=(allow("lyrics", when=("vocal_mode", "instrumental")),),
        cost_cents=10,
        result=producer_audios,
        failure_error=error(GENERAL_FAILURE),
    ),
    Endpoint(  # platform contract gemini-tts/text-to-speech (speakers, dialogue_turns: at least 1 item)
        path=f"{GEMINI_TTS}/text_to_speech",
        required=need("model", "speakers", "dialogue_turns"),
        choices={"model": GEMINI_TTS_MODELS},
        cost_cents=2,
        result=p.audio_urls,
        failure_error=error(GENERAL_FAILURE),
    ),
    Endpoint(  # platform contract openai-tts/text-to-speech (direct)
        path=f"{OPENAI_TTS}/text_to_speech",
        required=need("model", "text"),
        choices={"model": OPENAI_TTS_MODELS},
        cost_cents=2,
        result=managed_audio,
        failure_error=error(GENERAL_FAILURE),
        direct=True,
    ),
    Endpoint(  # platform contract fish-audio/text-to-speech (direct); official contract rules
        path=f"{FISH_AUDIO}/text_to_speech",
        required=need("model", "text"),
        choices={
            "model": FISH_MODELS,
            "output_format": ("mp3", "wav"),
            "sample_rate_hz": (8000, 16000, 24000, 32000, 44100),
            "bitrate_kbps": (64, 128, 192),
        },
        allowed=(
            allow("bitrate_kbps", when=("output_format", "wav")),
            allow("sample_rate_hz", 32000, 44100, when=FISH_MP3),
        ),
        cost_cents=2,
        result=managed_audio,
        failure_error=error(GENERAL_FAILURE),
        direct=True,
    ),
)
"""The rows of the audio families, gathered into the catalogue."""


def _json(status: int, body: Any) -> Response:
    return Response(p.encode(body), status=status, mimetype="application/json")


class AudioRoutes:
    """Fish Audio's voices and the transcription form: the routes a catalogue row cannot declare."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._voices: dict[str, dict[str, Any]] = {}

    def route(self, method: str, path: str) -> Callable[[Request], Response] | None:
        """The handler of ``method path``, or ``None`` when it is not one of these routes."""
        if path == FISH_VOICES:
            return {"POST": self._create_voice, "GET": self._list_voices}.get(method)
        if method == "GET" and (match := re.fullmatch(re.escape(FISH_VOICES) + r"/([^/]+)", path)):
            voice_id = match[1]
            return lambda request: self._get_voice(voice_id)
        if method == "POST" and path == TRANSCRIPTIONS:
            return self._transcribe
        return None

    # --- Fish Audio voices (official package runapi-fish-audio: CreateVoice, GetVoice, ListVoices) ---

    def _create_voice(self, request: Request) -> Response:
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            raise ApiError(400, "Request body must be a JSON object")
        for name in ("name", "source_audio_url"):
            if not isinstance(body.get(name), str) or not body[name].strip():
                raise ApiError(400, f"Missing required parameter: {name}")
        voice = {"voice_id": f"voice_{uuid.uuid4().hex[:12]}", "name": body["name"], "state": "training"}
        with self._lock:
            self._voices[voice["voice_id"]] = dict(voice, state="trained")  # trained once read again
        return _json(200, {"voice": voice})

    def _get_voice(self, voice_id: str) -> Response:
        with self._lock:
            voice = self._voices.get(voice_id)
        if voice is None:
            raise ApiError(404, "Record does not exist")
        return _json(200, {"voice": dict(voice)})

    def _list_voices(self, request: Request) -> Response:
        number = _page_arg(request, "page_number", 1, 1, None)
        size = _page_arg(request, "page_size", 10, 1, 100)
        with self._lock:
            voices = [dict(v) for v in self._voices.values()]
        start = (number - 1) * size
        page = voices[start : start + size]
        return _json(200, {"voices": page, "total": len(voices), "page_number": number, "page_size": size})

    # --- POST /v1/audio/transcriptions (official package runapi-openai-transcription) ------------------

    def _transcribe(self, request: Request) -> Response:
        try:
            return self._transcription(request)
        finally:
            request.close()  # the form's spooled files

    def _transcription(self, request: Request) -> Response:
        if not (request.mimetype or "").startswith("multipart/form-data"):
            raise ApiError(400, "Request body must be multipart/form-data")
        upload = request.files.get("file")
        if upload is None:
            raise ApiError(400, "Missing required parameter: file")
        size = len(upload.read())
        model = request.form.get("model") or "whisper-1"
        if model not in TRANSCRIPTION_FORMATS:
            raise ApiError(422, f"Invalid model: {model}")
        answer = request.form.get("response_format") or "json"
        if answer not in TRANSCRIPTION_FORMATS[model]:
            raise ApiError(422, f"Invalid response_format: {answer}")
        if model == "whisper-1" and len(request.form.getlist("timestamp_granularities[]")) > 2:
            raise ApiError(422, "Invalid timestamp_granularities: at most 2 items")
        text = f"Emulated transcript of {upload.filename or 'file'} ({size} bytes)."
        if answer == "srt":
            return Response(f"1\n00:00:00,000 --> 00:00:01,040\n{text}\n", mimetype=_TEXT_ANSWERS[answer])
        if answer == "vtt":
            return Response(f"WEBVTT\n\n00:00:00.000 --> 00:00:01.040\n{text}\n", mimetype=_TEXT_ANSWERS[answer])
        if answer == "text":
            return Response(text, mimetype=_TEXT_ANSWERS[answer])
        if answer == "verbose_json":
            return _json(200, {"text": text, "language": "english", "duration": AUDIO_DURATION_SECONDS})
        return _json(200, {"text": text})


def _page_arg(request: Request, name: str, default: int, minimum: int, maximum: int | None) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) < minimum or (maximum is not None and int(raw) > maximum):
        raise ApiError(422, f"Invalid {name}: {raw}")
    return int(raw)
