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

from ._media import AUDIO_DURATION_SECONDS

if TYPE_CHECKING:
    from ._catalog import Endpoint, Stage

__all__ = [
    "VIDEO_FILE",
    "Job",
    "ResultBuilder",
    "encode",
    "extended_videos",
    "generated_videos",
    "images",
    "lyrics",
    "status_payload",
    "suno_audios",
    "upscaled_videos",
]

VIDEO_FILE = "0.mp4"
"""File name of a Veo task's (only) video under ``/files/<task id>/``."""

SUNO_TRACKS = 2
"""Tracks per Suno music task."""


@dataclass(frozen=True)
class Job:
    """What a result builder sees of a task.

    Attributes:
        id: the task id (a UUID4 string).
        params: the JSON body the task was created with.
        base_url: the emulator's base URL, e.g. ``http://127.0.0.1:8910``.
    """

    id: str
    params: Mapping[str, Any]
    base_url: str

    def file_url(self, name: str, task_id: str | None = None) -> str:
        """URL of output file ``name`` of this task (or of task ``task_id``)."""
        return f"{self.base_url}/files/{task_id or self.id}/{name}"

    def text(self, name: str, default: str = "") -> str:
        """The string parameter ``name``, or ``default`` when absent or not a string."""
        value = self.params.get(name)
        return value if isinstance(value, str) and value else default


ResultBuilder = Callable[[Job], dict[str, Any]]
"""Builds the result keys of a completed payload, in the docs' order."""


def encode(obj: Any) -> bytes:
    """Serialize ``obj`` as the UTF-8 JSON the emulator sends (answers and callback bodies)."""
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def _child_id(job: Job, name: str) -> str:
    # stable across polls: derived from the task id
    return str(uuid.uuid5(uuid.UUID(job.id), name))


def suno_audios(job: Job) -> dict[str, Any]:
    """Suno text_to_music / extend_music: ``audios``, two tracks (docs: Suno > Generate Music)."""
    vocal_mode = job.text("vocal_mode")
    if vocal_mode == "instrumental":
        words = ""
    elif vocal_mode == "exact_lyrics":
        words = job.text("lyrics")
    else:
        words = f"[Verse]\n{job.text('prompt', 'An emulated song')}\n\n[Chorus]\nLa la la, emulated"
    style = job.text("style")
    tags = [tag.strip() for tag in style.split(",") if tag.strip()] or ["emulated"]
    title = job.text("title", "Emulated Track")
    return {
        "audios": [
            {
                "id": _child_id(job, f"audio-{n}"),
                "audio_url": job.file_url(f"{n}.mp3"),
                "stream_audio_url": job.file_url(f"{n}-stream.mp3"),
                "image_url": job.file_url(f"{n}.png"),
                "lyrics": words,
                "model_name": job.text("model"),
                "title": title,
                "tags": tags,
                "duration": AUDIO_DURATION_SECONDS,
            }
            for n in range(SUNO_TRACKS)
        ]
    }


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


def images(*, echo_model: bool) -> ResultBuilder:
    """Nano Banana: ``images: [{"url"}]``, preceded by ``model`` when ``echo_model`` (docs: Quick Start)."""

    def build(job: Job) -> dict[str, Any]:
        result: dict[str, Any] = {"model": job.text("model")} if echo_model else {}
        result["images"] = [{"url": job.file_url("0.png")}]
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

    ``failed`` tasks answer ``status: "failed"`` with the endpoint's documented ``error`` text.
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
        payload["error"] = endpoint.failure_error(job.params)
    elif stage is not None and stage.outputs and endpoint.outputs_key is not None:
        payload[endpoint.outputs_key] = endpoint.result(job)[endpoint.outputs_key][: stage.outputs]
    payload.update({key: list(value) for key, value in endpoint.placeholders.items()})
    return payload
