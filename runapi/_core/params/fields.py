"""Params, layer 1: fields. What a field is (:func:`field`, its validators, :data:`OMIT`), and the
field tables of a params class (:func:`fields_of`). Imports no other layer."""

from __future__ import annotations

import os
import typing
from collections.abc import Callable
from typing import Any, Final, Literal, TypeVar

import attrs

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


C = TypeVar("C", bound=type)


_MISSING: Any = attrs.NOTHING


@typing.final
class Omit:
    """The type of :data:`OMIT`: "leave this field as it is" in an update (a PATCH)."""

    _instance: typing.ClassVar[Omit | None] = None

    def __new__(cls) -> Omit:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "OMIT"

    def __reduce__(self) -> str:
        return "OMIT"


OMIT: Final = Omit()
"""The default of an update's fields: a field left at ``OMIT`` is not sent, so the server keeps its value.

An update (``PATCH``) tells three things apart where a create tells two: leave a field as it is
(``OMIT``, by not passing it), clear it (``None``, sent as JSON ``null``) and set it. So a field
annotated ``X | None | Omit = OMIT`` sends ``None`` as ``null``; a field annotated ``X | Omit =
OMIT`` (one that cannot be cleared) takes no ``None``. Everywhere else ``None`` is left off the wire.
"""


@attrs.frozen
class _FieldSpec:
    """What :func:`field` returns: read (and replaced by an attrs field) by :func:`params`."""

    default: Any
    validators: tuple[Validator, ...]


def field(*validators: Validator, default: Any = _MISSING) -> Any:
    """Declare one parameter with extra validators; with no ``default`` it is required.

    These validators run before the annotation's own check (see the module docstring), so their
    more specific message wins; ``None`` values skip them all.
    """
    return _FieldSpec(default, validators)


_FIELDS: dict[type, dict[str, attrs.Attribute[Any]]] = {}


_REQUIRED: dict[type, tuple[str, ...]] = {}


def fields_of(cls: type) -> dict[str, attrs.Attribute[Any]]:
    """``attrs.fields_dict(cls)``, computed once per params class."""
    fields = _FIELDS.get(cls)
    if fields is None:
        fields = _FIELDS[cls] = attrs.fields_dict(cls)
    return fields


def _required(cls: type) -> tuple[str, ...]:
    """The names of ``cls``'s fields without a default, computed once per params class."""
    names = _REQUIRED.get(cls)
    if names is None:
        names = _REQUIRED[cls] = tuple(n for n, a in fields_of(cls).items() if a.default is attrs.NOTHING)
    return names


class _LocalFile(str):
    """A local file's stand-in while params are checked: a URL-shaped ``str`` (so every check of a
    URL passes) whose ``repr`` is the path's, so a message about the value shows what the caller gave."""

    __slots__ = ("path",)

    path: os.PathLike[str]

    def __repr__(self) -> str:
        return repr(self.path)


class _Named:
    """Stands in for the ``attrs.Attribute`` a validator reads its field name from."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


def _kind(validator: Validator, kind: str) -> Validator:
    """Tag ``validator`` with the kind of check it makes: an annotation's implied check of the same
    kind (``integer()`` for ``int``) is then left to the field's own, narrower one."""
    validator.kind = kind  # type: ignore[attr-defined]
    return validator


def _bounded(validator: Validator, bounded: bool) -> Validator:
    """Mark whether ``validator`` sets a lower bound (a minimum, or a list of the values allowed):
    a field declaring one keeps it, and :func:`sign_rule` adds none."""
    validator.bounded_below = bounded  # type: ignore[attr-defined]
    return validator
