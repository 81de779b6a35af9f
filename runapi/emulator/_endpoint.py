"""What one emulated endpoint is (:class:`Endpoint`), the helpers that declare rows, and validation.

The rows themselves live in the catalogue: :mod:`._catalog` (Suno, ElevenLabs, Nano Banana,
Veo 3.1) and one module per group of families it gathers (:mod:`._video`, :mod:`._image`). Two kinds of rows:

- **task** (the default): create = ``POST <path>`` answers 202 ``{"id", "status": "processing"}``,
  status = ``GET <path>/{id}``;
- **direct** (``direct=True``): ``POST <path>`` answers 200 with the result at once; there is no
  task and no status path (Suno check_voice, boost_style, get_timestamped_lyrics, generate_persona;
  Gemini Omni create_audio, create_character).

Nothing here is family-specific: adding an endpoint means adding a row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from . import _payloads as p
from ._errors import ApiError

__all__ = [
    "COMPLETED",
    "FAILED",
    "Allowed",
    "Condition",
    "Endpoint",
    "Requirement",
    "Stage",
    "all_of",
    "allow",
    "among",
    "any_of",
    "equals",
    "error",
    "error_by",
    "given",
    "need",
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


def among(name: str, *values: Any) -> Condition:
    """``body[name]`` is one of ``values`` (e.g. one of several models; booleans as in :func:`equals`)."""
    return lambda params: name in params and _allowed(params[name], values)


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
        allow_empty: an empty string or array counts as given (required, "can be empty", as
            Kling ai_avatar's ``prompt``); only an absent or null field is missing.
    """

    name: str
    when: Condition | None = None
    alternatives: tuple[str, ...] = ()
    allow_empty: bool = False

    def applies(self, params: Mapping[str, Any]) -> bool:
        """Whether this field is required for a request with body ``params``."""
        return self.when is None or self.when(params)

    def missing_in(self, params: Mapping[str, Any]) -> bool:
        """Whether ``params`` lacks this field and all its alternatives."""
        if self.allow_empty:
            return all(params.get(name) is None for name in (self.name, *self.alternatives))
        return all(_missing(params.get(name)) for name in (self.name, *self.alternatives))


@dataclass(frozen=True)
class Allowed:
    """Allowed values of a field for the bodies where a condition holds (per-model choices).

    Attributes:
        name: the field.
        values: its allowed values there; empty: the field may not be given at all there (a
            Seedance v1 image-to-video body refuses ``aspect_ratio``).
        when: the bodies this applies to, e.g. ``among("model", "seedance-2.0-fast")``.
    """

    name: str
    values: tuple[Any, ...]
    when: Condition

    def refuses(self, params: Mapping[str, Any]) -> bool:
        """Whether ``params`` gives this field a value that is not allowed for it."""
        value = params.get(self.name)
        return value is not None and self.when(params) and not _allowed(value, self.values)


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


@dataclass(frozen=True)
class Endpoint:
    """One emulated endpoint (one row of the catalogue, ``_catalog.ENDPOINTS``).

    Attributes:
        path: the create path, e.g. ``/api/v1/suno/text_to_music``.
        required: required body fields, in documented order (the first missing one is reported).
        cost_cents: what a create (or a direct call) deducts from the balance.
        result: builds the completed payload's result keys (a direct call's whole answer).
        failure_error: the docs' ``error`` text of a failed task, or a function of the parameters.
        choices: field -> allowed values; another value is refused with 422 ``Invalid <field>: <value>``.
        allowed: choices that hold only for some bodies (per model, per mode), checked after
            :attr:`choices`, refused the same way (see :func:`allow`).
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
        source_optional: the source field may be left out (another field gives the input, as
            Grok image_to_video's ``source_image_urls``); it is checked only when given.
    """

    path: str
    required: tuple[Requirement, ...]
    cost_cents: int
    result: p.ResultBuilder
    failure_error: Callable[[Mapping[str, Any]], str]
    choices: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    allowed: tuple[Allowed, ...] = ()
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
    source_optional: bool = False


def _condition(when: tuple[str, Any] | Condition | None) -> Condition | None:
    return equals(*when) if isinstance(when, tuple) else when


def need(
    *names: str,
    when: tuple[str, Any] | Condition | None = None,
    alternatives: tuple[str, ...] = (),
    allow_empty: bool = False,
) -> tuple[Requirement, ...]:
    """Requirements for ``names`` (required only ``when`` a condition or ``(field, value)`` holds)."""
    condition = _condition(when)
    return tuple(Requirement(name, condition, alternatives, allow_empty) for name in names)


def allow(name: str, *values: Any, when: tuple[str, Any] | Condition) -> Allowed:
    """Field ``name`` takes only ``values`` in bodies where ``when`` (a condition or
    ``(field, value)``) holds; with no ``values``, it may not be given there at all."""
    return Allowed(name, values, equals(*when) if isinstance(when, tuple) else when)


def error(message: str) -> Callable[[Mapping[str, Any]], str]:
    """A failure text that is always ``message``."""
    return lambda params: message


def error_by(key: str, messages: Mapping[str, str], default: str) -> Callable[[Mapping[str, Any]], str]:
    """A failure text chosen by the value of parameter ``key`` (``default`` for other values)."""
    return lambda params: messages.get(str(params.get(key)), default)


def _allowed(value: Any, allowed: tuple[Any, ...]) -> bool:
    if isinstance(value, bool):  # True == 1: a boolean matches only a boolean choice
        return any(choice is value for choice in allowed)
    return any(choice == value and not isinstance(choice, bool) for choice in allowed)  # and 1 not True


def validate(endpoint: Endpoint, params: Mapping[str, Any]) -> None:
    """Check a create (or direct) body against ``endpoint``'s row; unknown extra fields are ignored.

    Raises:
        ApiError: 400 ``Missing required parameter: <name>`` for the first missing (absent, null,
            empty string or empty array) required field in documented order; then 422 for two
            fields of an ``exclusive`` group given together, for a value outside ``choices``
            (``Invalid <field>: <value>``, e.g. ``Invalid model: x``), the same for a value outside
            the ``allowed`` values that apply to this body, and for a list of another size than
            documented.
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
    for rule in endpoint.allowed:
        if rule.refuses(params):
            raise ApiError(422, f"Invalid {rule.name}: {params[rule.name]}")
    for name, size in endpoint.sizes.items():
        value = params.get(name)
        if isinstance(value, list) and len(value) != size:
            raise ApiError(422, f"Invalid {name}: expected {size} items, got {len(value)}")
