"""The emulated endpoints, as one declarative table (:data:`ENDPOINTS`), and its validation.

Each :class:`Endpoint` row says, for one task path (create = ``POST <path>``, status =
``GET <path>/{id}``): which fields are required and in which documented order (some only when
another field has a given value), which values are allowed (``model`` and other enumerations),
what a task costs, how the completed result is built, the documented failure message, the
stages a task passes through, and the shape extras of its payloads. Nothing here is
family-specific code: adding an endpoint means adding a row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from . import _payloads as p
from ._errors import ApiError

__all__ = ["BY_PATH", "ENDPOINTS", "FAILED", "Endpoint", "Requirement", "Stage", "validate"]


@dataclass(frozen=True)
class Requirement:
    """A required body field; with ``when=(field, value)`` required only if ``body[field] == value``."""

    name: str
    when: tuple[str, str] | None = None

    def applies(self, params: Mapping[str, Any]) -> bool:
        """Whether this field is required for a request with body ``params``."""
        return self.when is None or params.get(self.when[0]) == self.when[1]


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
    """One emulated task endpoint (one row of :data:`ENDPOINTS`).

    Attributes:
        path: the create path, e.g. ``/api/v1/suno/text_to_music``.
        required: required body fields, in documented order (the first missing one is reported).
        choices: field -> allowed values; another value is refused with 422 ``Invalid <field>: <value>``.
        cost_cents: what creating a task deducts from the balance.
        result: builds the completed payload's result keys.
        failure_error: the docs' ``error`` text of a failed task, or a function of the parameters.
        stages: the life-cycle stages; one callback is sent per stage.
        stage_key: payload key carrying the stage name (Suno: ``generation_stage``), if any.
        outputs_key: the result list an intermediate stage may already carry in part.
        echo: parameters echoed right after ``status`` in every payload (``source_task_id``).
        placeholders: keys present, empty, while processing and on failure (``lyrics: []``).
        source_paths: if set, ``source_task_id`` must name a completed task created on one of
            these paths (unknown: 404 ``Task not found``; not completed: 422).
    """

    path: str
    required: tuple[Requirement, ...]
    cost_cents: int
    result: p.ResultBuilder
    failure_error: Callable[[Mapping[str, Any]], str]
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    stages: tuple[Stage, ...] = COMPLETED
    stage_key: str | None = None
    outputs_key: str | None = None
    echo: tuple[str, ...] = ()
    placeholders: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    source_paths: tuple[str, ...] = ()


def _need(*names: str, when: tuple[str, str] | None = None) -> tuple[Requirement, ...]:
    return tuple(Requirement(name, when) for name in names)


def _error(message: str) -> Callable[[Mapping[str, Any]], str]:
    return lambda params: message


def _error_by(key: str, messages: Mapping[str, str], default: str) -> Callable[[Mapping[str, Any]], str]:
    return lambda params: messages.get(str(params.get(key)), default)


# Model lists (docs: Suno > Model Versions; Nano Banana > Version Comparison; Veo 3.1 > Model Variants)
SUNO_MODELS = ("suno-v5.5", "suno-v5", "suno-v4.5-plus", "suno-v4.5-all", "suno-v4.5", "suno-v4")
NANO_BANANA_MODELS = ("nano-banana", "nano-banana-pro", "nano-banana-2")
NANO_BANANA_EDIT_MODELS = ("nano-banana-edit",)
VEO_MODELS = ("veo-3.1", "veo-3.1-fast")

VEO = "/api/v1/veo_3_1"
SUNO = "/api/v1/suno"
NANO_BANANA = "/api/v1/nano_banana"

ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint(  # docs: Suno > Generate Music
        path=f"{SUNO}/text_to_music",
        required=_need("vocal_mode", "model"),
        choices={"vocal_mode": ("auto_lyrics", "exact_lyrics", "instrumental"), "model": SUNO_MODELS},
        cost_cents=6,
        result=p.suno_audios,
        failure_error=_error("Generation failed"),
        stages=SUNO_STAGES,
        stage_key="generation_stage",
        outputs_key="audios",
    ),
    Endpoint(  # docs: Suno > Extend Music
        path=f"{SUNO}/extend_music",
        required=_need("parameter_mode", "audio_id", "model")
        + _need("prompt", "style", "title", "continue_at", when=("parameter_mode", "custom")),
        choices={"parameter_mode": ("source", "custom"), "model": SUNO_MODELS},
        cost_cents=6,
        result=p.suno_audios,
        failure_error=_error("Extension generation failed."),
        stages=SUNO_STAGES,
        stage_key="generation_stage",
        outputs_key="audios",
    ),
    Endpoint(  # docs: Suno > Generate Lyrics
        path=f"{SUNO}/generate_lyrics",
        required=_need("prompt"),
        cost_cents=1,
        result=p.lyrics,
        failure_error=_error("Lyrics generation failed."),
        placeholders={"lyrics": ()},
    ),
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
"""Every emulated task endpoint."""

BY_PATH: dict[str, Endpoint] = {endpoint.path: endpoint for endpoint in ENDPOINTS}
"""Create path -> endpoint."""


def _missing(value: Any) -> bool:
    return value is None or value == "" or value == []


def validate(endpoint: Endpoint, params: Mapping[str, Any]) -> None:
    """Check a create body against ``endpoint``'s row; unknown extra fields are ignored.

    Raises:
        ApiError: 400 ``Missing required parameter: <name>`` for the first missing (absent, null,
            empty string or empty array) required field in documented order; then 422
            ``Invalid <field>: <value>`` for a value outside ``choices`` (``Invalid model: x``).
    """
    for requirement in endpoint.required:
        if requirement.applies(params) and _missing(params.get(requirement.name)):
            raise ApiError(400, f"Missing required parameter: {requirement.name}")
    for name, allowed in endpoint.choices.items():
        value = params.get(name)
        if value is not None and value not in allowed:
            raise ApiError(422, f"Invalid {name}: {value}")
