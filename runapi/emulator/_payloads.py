"""The JSON the emulator answers and POSTs: status payloads, shaped like the docs' examples.

Result builders turn a task (:class:`Job`) into the keys a completed payload adds after
``id`` and ``status``; :func:`status_payload` assembles the full payload of a task in any state.
Only values differ from the docs (ids, URLs pointing at the emulator); keys and nesting match.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._media import AUDIO_DURATION_SECONDS, IMAGE_FORMATS

if TYPE_CHECKING:
    from ._endpoint import Endpoint, Stage

__all__ = [
    "MIDI_INSTRUMENTS",
    "SPLIT_STEMS",
    "VIDEO_FILE",
    "Job",
    "ResultBuilder",
    "artwork",
    "audio_urls",
    "boosted_style",
    "custom_voice",
    "direct_failure",
    "encode",
    "extended_videos",
    "generated_videos",
    "image_file",
    "images",
    "lyrics",
    "midi_notes",
    "music_video",
    "persona",
    "status_payload",
    "stems",
    "suno_audios",
    "suno_sounds",
    "suno_track",
    "timestamped_lyrics",
    "transcript",
    "upscaled_videos",
    "validation_phrase",
    "voice_check",
    "wav",
]

VIDEO_FILE = "0.mp4"
"""File name of a Veo task's (only) video under ``/files/<task id>/``."""

SUNO_TRACKS = 2
"""Tracks per Suno music task."""

SPLIT_STEMS = (
    "backing_vocals",
    "bass",
    "brass",
    "drums",
    "fx",
    "guitar",
    "keyboard",
    "piano",
    "percussion",
    "strings",
    "synth",
    "vocal",
    "woodwinds",
)
"""The stems of a ``split_stem`` separation, in the order of the docs' example (``<stem>_url`` keys)."""

MIDI_INSTRUMENTS = ("Drums", "Electric Bass (finger)")
"""The instruments a generate_midi task reports (the docs' example)."""


@dataclass(frozen=True)
class Job:
    """What a result builder sees of a task.

    Attributes:
        id: the task id (a UUID4 string).
        params: the JSON body the task was created with.
        base_url: the emulator's base URL, e.g. ``http://127.0.0.1:8910``.
        source_status: for a direct call with a source task, that task's status when called.
    """

    id: str
    params: Mapping[str, Any]
    base_url: str
    source_status: str | None = None

    def file_url(self, name: str, task_id: str | None = None) -> str:
        """URL of output file ``name`` of this task (or of task ``task_id``)."""
        return f"{self.base_url}/files/{task_id or self.id}/{name}"

    def text(self, name: str, default: str = "") -> str:
        """The string parameter ``name``, or ``default`` when absent or not a string."""
        value = self.params.get(name)
        return value if isinstance(value, str) and value else default


ResultBuilder = Callable[[Job], dict[str, Any]]
"""Builds the result keys of a completed payload, in the docs' order."""


def direct_failure(endpoint: Endpoint, job: Job) -> dict[str, Any]:
    """The answer of a direct call that fails: shaped like a failed task, as the docs show for
    get_timestamped_lyrics (``{"id", "status": "failed", "error"}``)."""
    return {"id": job.id, "status": "failed", "error": endpoint.failure_error(job.params)}


def encode(obj: Any) -> bytes:
    """Serialize ``obj`` as the UTF-8 JSON the emulator sends (answers and callback bodies)."""
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def _child_id(job: Job, name: str) -> str:
    # stable across polls: derived from the task id
    return str(uuid.uuid5(uuid.UUID(job.id), name))


def _words(job: Job) -> str:
    vocal_mode = job.text("vocal_mode")
    if vocal_mode == "instrumental":
        return ""
    if vocal_mode == "exact_lyrics" or (not vocal_mode and job.text("lyrics")):
        return job.text("lyrics")
    return f"[Verse]\n{job.text('prompt', 'An emulated song')}\n\n[Chorus]\nLa la la, emulated"


def _tags(job: Job) -> list[str]:
    # `style` on most endpoints; `tags` (a comma-separated string) on add_instrumental, replace_section
    styles = job.text("style") or job.text("tags")
    return [tag.strip() for tag in styles.split(",") if tag.strip()] or ["emulated"]


def _track(job: Job, n: int, text: tuple[str, str], title: str) -> dict[str, Any]:
    """One Suno audio item; ``text`` is its ``("lyrics", ...)`` or ``("prompt", ...)`` entry."""
    return {
        "id": _child_id(job, f"audio-{n}"),
        "audio_url": job.file_url(f"{n}.mp3"),
        "stream_audio_url": job.file_url(f"{n}-stream.mp3"),
        "image_url": job.file_url(f"{n}.png"),
        text[0]: text[1],
        "model_name": job.text("model", "chirp-v3-5"),  # no `model` (replace_section): the docs' example value
        "title": title,
        "tags": _tags(job),
        "duration": AUDIO_DURATION_SECONDS,
    }


def suno_audios(job: Job) -> dict[str, Any]:
    """Suno music (text_to_music, extend_music, add_vocals, add_instrumental, cover_audio,
    create_mashup): ``audios``, two tracks (docs: Suno > Generate Music)."""
    words, title = _words(job), job.text("title", "Emulated Track")
    return {"audios": [_track(job, n, ("lyrics", words), title) for n in range(SUNO_TRACKS)]}


def suno_sounds(job: Job) -> dict[str, Any]:
    """Suno text_to_sound: ``audios`` whose items carry ``prompt`` instead of ``lyrics``
    (docs: Suno > Generate Sound)."""
    prompt, title = job.text("prompt"), job.text("title", "Emulated Sound")
    return {"audios": [_track(job, n, ("prompt", prompt), title) for n in range(SUNO_TRACKS)]}


def suno_track(job: Job) -> dict[str, Any]:
    """Suno replace_section: one ``track`` object, whose ``id`` is the source ``audio_id`` as in
    the docs' example (docs: Suno > Replace Music Section)."""
    track = _track(job, 0, ("lyrics", job.text("lyrics")), job.text("title", "Emulated Track"))
    track["id"] = job.text("audio_id", track["id"])
    return {"track": track}


def stems(job: Job) -> dict[str, Any]:
    """Suno separate_audio_stems: ``separated_audios``, one ``<stem>_url`` per stem: vocals and
    instrumental for ``separate_vocal`` (the default), 13 stems for ``split_stem``."""
    names = SPLIT_STEMS if job.params.get("type") == "split_stem" else ("instrumental", "vocal")
    return {"separated_audios": {f"{name}_url": job.file_url(f"{name}.mp3") for name in names}}


def wav(job: Job) -> dict[str, Any]:
    """Suno convert_audio: ``wav_url`` (docs: Suno > Convert to WAV Format)."""
    return {"wav_url": job.file_url("0.wav")}


def midi_notes(job: Job) -> dict[str, Any]:
    """Suno generate_midi: ``instruments: [{"name", "notes": [{"pitch", "start_time", "end_time",
    "velocity"}]}]`` (the docs answer note data, no MIDI file)."""
    return {
        "instruments": [
            {
                "name": name,
                "notes": [
                    {"pitch": pitch, "start_time": start, "end_time": start + 0.25, "velocity": 1}
                    for start, pitch in ((0.0, base), (0.5, base + 4), (1.0, base + 7))
                ],
            }
            for name, base in zip(MIDI_INSTRUMENTS, (36, 40), strict=True)
        ]
    }


def artwork(job: Job) -> dict[str, Any]:
    """Suno generate_artwork: ``covers: [{"url"}]``, two PNG images (docs: Generate Music Cover)."""
    return {"covers": [{"url": job.file_url(f"cover-{n}.png")} for n in range(2)]}


def music_video(job: Job) -> dict[str, Any]:
    """Suno visualize_music: ``video_url`` (docs: Suno > Create Music Video)."""
    return {"video_url": job.file_url(VIDEO_FILE)}


def validation_phrase(job: Job) -> dict[str, Any]:
    """Suno voice_to_validation_phrase, regenerate_validation_phrase: ``provider_status`` and
    ``validation_phrase`` (docs: Voice Validation Phrase)."""
    return {"provider_status": "wait_validating", "validation_phrase": "Harmonies fill the emulated night"}


def custom_voice(job: Job) -> dict[str, Any]:
    """Suno generate_voice: ``provider_status: "success"`` and ``voice_id`` (docs: Generate Voice)."""
    return {"provider_status": "success", "voice_id": f"voice_{uuid.UUID(_child_id(job, 'voice')).hex[:12]}"}


def voice_check(job: Job) -> dict[str, Any]:
    """Suno check_voice (direct): ``is_available``, true once the Generate Voice task completed."""
    return {"is_available": job.source_status == "completed"}


def boosted_style(job: Job) -> dict[str, Any]:
    """Suno boost_style (direct): ``style``, the description with more tags (docs: Boost Music Style)."""
    return {"style": f"{job.text('description', 'Pop')}, Upbeat, Catchy hooks, Emulated"}


def timestamped_lyrics(job: Job) -> dict[str, Any]:
    """Suno get_timestamped_lyrics (direct): ``aligned_words``, ``waveform_data``, ``hoot_cer``,
    ``is_streamed`` (docs: Get Timestamped Lyrics)."""
    words = ("[Verse]\nEmulated", "lyrics", "in", "time")
    return {
        "aligned_words": [
            {"word": word, "success": True, "start_time": 0.25 * n, "end_time": 0.25 * (n + 1), "palign": 0}
            for n, word in enumerate(words)
        ],
        "waveform_data": [0, 1, 0.5, 0.75],
        "hoot_cer": 0.0,
        "is_streamed": False,
    }


def persona(job: Job) -> dict[str, Any]:
    """Suno generate_persona (direct): ``persona: {"id", "name", "description"}`` (docs: Generate Persona)."""
    return {
        "persona": {
            "id": uuid.UUID(_child_id(job, "persona")).hex[:12],
            "name": job.text("name"),
            "description": job.text("description"),
        }
    }


def audio_urls(job: Job) -> dict[str, Any]:
    """ElevenLabs text_to_speech, text_to_dialogue, text_to_sound, isolate_audio: ``audios: [{"url"}]``."""
    return {"audios": [{"url": job.file_url("0.mp3")}]}


def transcript(job: Job) -> dict[str, Any]:
    """ElevenLabs speech_to_text: ``text``, the transcript, in the payload (docs: Get speech-to-text)."""
    return {"text": "Hello from the RunAPI emulator"}


def lyrics(job: Job) -> dict[str, Any]:
    """Suno generate_lyrics: ``lyrics``, one ``{"title", "text"}`` entry (docs: Suno > Generate Lyrics)."""
    theme = job.text("prompt", "the night")
    return {
        "lyrics": [
            {
                "title": "Emulated Lyrics",
                "text": f"[Verse]\nA song about {theme}\n\n[Chorus]\nSung by the RunAPI emulator",
            }
        ]
    }


def image_file(job: Job, stem: str, default: str = "png") -> str:
    """File name of output image ``stem`` in the format the request asked for: ``<stem>.<output_format>``
    when ``output_format`` names a served image format (``png``, ``jpg``, ``jpeg``, ``webp``, any
    case), else ``<stem>.<default>``. The URL then ends in the requested extension and the file
    served is of that format."""
    requested = job.text("output_format").lower()
    return f"{stem}.{requested if requested in IMAGE_FORMATS else default}"


def images(*, echo_model: bool) -> ResultBuilder:
    """Nano Banana: ``images: [{"url"}]``, preceded by ``model`` when ``echo_model`` (docs: Quick Start),
    in the requested ``output_format`` (PNG when none is given)."""

    def build(job: Job) -> dict[str, Any]:
        result: dict[str, Any] = {"model": job.text("model")} if echo_model else {}
        result["images"] = [{"url": job.file_url(image_file(job, "0"))}]
        return result

    return build


def generated_videos(job: Job) -> dict[str, Any]:
    """Veo text_to_video: ``videos`` (720p, with audio); image-to-video also lists its input
    frames as ``sources`` (docs: Veo 3.1 > Generate Video, Callback Format)."""
    result: dict[str, Any] = {"videos": [{"url": job.file_url(VIDEO_FILE), "resolution": "720p", "has_audio": True}]}
    if job.params.get("input_mode") == "first_and_last_frames":
        frames = (job.text("first_frame_image_url"), job.text("last_frame_image_url"))
        result["sources"] = [{"url": url} for url in frames if url]
    return result


def extended_videos(job: Job) -> dict[str, Any]:
    """Veo extend_video: ``videos`` plus ``sources``: the original video (docs: Get Video Extension Status)."""
    return {
        "videos": [{"url": job.file_url(VIDEO_FILE), "resolution": "720p", "has_audio": True}],
        "sources": [{"url": job.file_url(VIDEO_FILE, task_id=job.text("source_task_id"))}],
    }


def upscaled_videos(job: Job) -> dict[str, Any]:
    """Veo upscale_video: ``videos: [{"url", "resolution"}]`` at the requested ``output_resolution``."""
    return {"videos": [{"url": job.file_url(VIDEO_FILE), "resolution": job.text("output_resolution")}]}


def status_payload(endpoint: Endpoint, job: Job, stage: Stage | None, *, failed: bool) -> dict[str, Any]:
    """The status payload of a task that has reached ``stage`` (``None``: none yet).

    ``failed`` tasks answer ``status: "failed"`` with the endpoint's documented ``error`` text
    (after its ``failed_extras``, e.g. Suno voice tasks' ``provider_status``).
    The same payload is the body of the callback sent when the stage is reached.
    """
    completed = not failed and stage is not None and stage.at >= 1
    status = "failed" if failed else "completed" if completed else "processing"
    payload: dict[str, Any] = {"id": job.id, "status": status}
    if endpoint.stage_key is not None and stage is not None:
        payload[endpoint.stage_key] = stage.name
    for key in endpoint.echo:
        payload[key] = job.params.get(key)
    if completed:
        payload.update(endpoint.result(job))
        return payload
    if failed:
        payload.update(endpoint.failed_extras)
        payload["error"] = endpoint.failure_error(job.params)
    elif stage is not None and stage.outputs and endpoint.outputs_key is not None:
        payload[endpoint.outputs_key] = endpoint.result(job)[endpoint.outputs_key][: stage.outputs]
    payload.update({key: list(value) for key, value in endpoint.placeholders.items()})
    return payload
