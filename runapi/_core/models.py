"""Result models: attrs classes structured from RunAPI's JSON by one cattrs converter.

Every task status payload has ``id``, ``status`` and, when failed, ``error`` (docs: Errors >
Task-Specific Errors); families subclass :class:`Task` to add their typed outputs (``audios``,
``images``, ``videos``, ``lyrics``). Structuring is tolerant: unknown keys are ignored and the
whole payload stays on ``task.raw``, so a field RunAPI adds tomorrow is never lost.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ..errors import APIResponseValidationError

__all__ = ["Task", "TaskStatus", "converter", "structure"]

T = TypeVar("T")
TaskT = TypeVar("TaskT", bound="Task")


class TaskStatus:
    """The task statuses the docs name. Other values may appear; treat them as "still running"."""

    PROCESSING: ClassVar[str] = "processing"
    COMPLETED: ClassVar[str] = "completed"
    FAILED: ClassVar[str] = "failed"


@attrs.frozen(kw_only=True)
class Task:
    """A RunAPI task, as answered by a create (202) or status (200) endpoint, or sent to a callback.

    Attributes:
        id: the task id.
        status: ``"processing"``, ``"completed"`` or ``"failed"`` (kept as a string: a status the
            SDK does not know yet is passed through, not refused). Create answers may omit it
            (docs: Quick Start); a task just created is ``"processing"``.
        error: the failure reason, only when ``status == "failed"``.
        raw: the JSON payload exactly as received, unknown fields included.
    """

    id: str
    status: str = TaskStatus.PROCESSING
    error: str | None = None
    raw: Mapping[str, Any] = attrs.field(factory=dict, repr=False, eq=False)

    @property
    def output_urls(self) -> list[str]:
        """The task's output file URLs, in order (empty here; each family's task lists its own)."""
        return []

    @property
    def is_completed(self) -> bool:
        """``True`` when ``status == "completed"``."""
        return self.status == TaskStatus.COMPLETED

    @property
    def is_failed(self) -> bool:
        """``True`` when ``status == "failed"``."""
        return self.status == TaskStatus.FAILED

    @property
    def is_done(self) -> bool:
        """``True`` once the task reached a final status (completed or failed)."""
        return self.is_completed or self.is_failed

    def to_dict(self) -> dict[str, Any]:
        """This task as a JSON-ready dict that :meth:`from_dict` turns back into an equal task.

        Fields the SDK does not model (kept on ``raw``) are included; fields that are ``None``
        and were absent from the payload are left out. Use it to store a task (a queue, a
        database row) and rebuild it later.
        """
        if self.raw and structure(self.raw, type(self)) == self:
            return copy.deepcopy(dict(self.raw))  # still the payload as received, unknown fields and all
        fields = converter.unstructure(self)
        return {**copy.deepcopy(dict(self.raw)), **{k: v for k, v in fields.items() if v is not None}}

    @classmethod
    def from_dict(cls: type[TaskT], payload: Mapping[str, Any]) -> TaskT:
        """Structure a status or callback payload (e.g. the dict from ``runapi.webhooks.verify``).

        Raises:
            APIResponseValidationError: the payload is not an object with a string ``id``, or a
                field has a type the docs rule out.
        """
        return structure(payload, cls)


def _list_hook(value: Any, type_: Any) -> list[Any]:
    # A list must be a JSON array: a string is never split into characters, except that a bare
    # string where the docs show a list of strings (Suno's "tags") becomes a one-item list.
    (item_type,) = getattr(type_, "__args__", (Any,))
    if isinstance(value, str) and item_type is str:
        return [value]
    if not isinstance(value, (list, tuple)):
        raise ValueError(f"expected a list, got {type(value).__name__}")
    return [converter.structure(item, item_type) for item in value]


def _is_list(type_: Any) -> bool:
    return getattr(type_, "__origin__", None) is list


def _is_object(type_: Any) -> bool:
    return isinstance(type_, type) and attrs.has(type_) and not issubclass(type_, Task)


def _object_hook_factory(type_: type) -> Any:
    # Without this, cattrs reads a string such as "n" as an object whose keys are all missing.
    base: Any = make_dict_structure_fn(type_, converter)

    def structure_object(value: Any, _: Any) -> Any:
        if type(value) is not dict and not isinstance(value, Mapping):
            raise ValueError(f"expected an object, got {type(value).__name__}")
        return base(value, type_)

    return structure_object


def _is_task(type_: Any) -> bool:
    return isinstance(type_, type) and issubclass(type_, Task)


def _task_hook_factory(type_: type[Task]) -> Any:
    base = make_dict_structure_fn(type_, converter, raw=override(omit=True))

    def structure_task(value: Any, _: Any) -> Task:
        task = base(value, type_)
        object.__setattr__(task, "raw", value)  # as attrs' own frozen __init__ sets fields; no copy
        return task

    return structure_task


def _bool_hook(value: Any, _: Any) -> bool:
    # bool("false") is True: only real booleans (and the strings "true"/"false") are accepted.
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise ValueError(f"expected a boolean, got {value!r}")


def _task_unstructure_factory(type_: type[Task]) -> Any:
    return make_dict_unstructure_fn(type_, converter, raw=override(omit=True))


converter = cattrs.Converter()
"""The SDK's one converter. Unknown keys are ignored (``forbid_extra_keys`` is off)."""
converter.register_structure_hook(bool, _bool_hook)
converter.register_structure_hook_func(_is_list, _list_hook)
converter.register_structure_hook_factory(_is_object, _object_hook_factory)
converter.register_structure_hook_factory(_is_task, _task_hook_factory)
converter.register_unstructure_hook_factory(_is_task, _task_unstructure_factory)


def structure(payload: object, cls: type[T]) -> T:
    """Structure a decoded JSON payload into ``cls``.

    Raises:
        APIResponseValidationError: the payload does not fit ``cls`` (the message names the field).
    """
    if _is_task(cls) and not (isinstance(payload, Mapping) and isinstance(payload.get("id"), str)):
        raise APIResponseValidationError("expected a task object with a string 'id'", body=payload)
    if not isinstance(payload, Mapping):
        raise APIResponseValidationError(f"expected a JSON object for {cls.__name__}", body=payload)
    try:
        return converter.structure(dict(payload), cls)
    except Exception as exc:
        detail = "; ".join(cattrs.transform_error(exc)) if isinstance(exc, cattrs.BaseValidationError) else exc
        raise APIResponseValidationError(f"unexpected {cls.__name__} payload: {detail}", body=payload) from exc
