"""Params, layer 3: rules that span fields. Per-value tables (:func:`by`, :func:`by_presence`,
:func:`rules`) compiled into ``__attrs_post_init__``, and :func:`require` / :func:`forbid` /
:func:`check` for a class's own rules."""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterable, Mapping
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import attrs

from ...errors import ValidationError
from .fields import Validator, _Named, fields_of
from .problems import _STRICT, _report, _settled
from .validators import _show


@attrs.frozen
class Rules:
    """What one value of a selector field (``model``, a mode) changes about the other fields.

    Built with :func:`rules`; collected per value in a :func:`by` table.

    Attributes:
        checks: field name -> validator, run (on values that are not ``None``) after the field's
            own checks: the narrower limits of this value (``prompt=text(max_length=5_000)``).
        required: fields that must be given for this value.
        refused: fields that must not be given for this value (they would be ignored).
    """

    checks: Mapping[str, Validator] = attrs.field(factory=dict)
    required: tuple[str, ...] = ()
    refused: tuple[str, ...] = ()


def rules(*, required: Iterable[str] = (), refused: Iterable[str] = (), **checks: Validator) -> Rules:
    """One entry of a :func:`by` table: ``rules(prompt=text(max_length=5_000), refused=["output_resolution"])``."""
    return Rules(checks=checks, required=tuple(required), refused=tuple(refused))


@attrs.frozen
class By:
    """A table of :class:`Rules` keyed by the value of one field (see :func:`by`), or by whether it
    is given (``presence``: keys ``True``/``False``, see :func:`by_presence`)."""

    field: str
    table: Mapping[Any, Rules]
    presence: bool = False


def by(field: str, table: Mapping[Any, Rules]) -> By:
    """Rules that depend on the value of ``field``, as data: a params class's ``__rules__``::

        @params
        class TextToImageParams:
            model: Model
            prompt: str
            output_resolution: Literal["1k", "2k", "4k"] | None = None

            __rules__ = by("model", {
                "nano-banana": rules(prompt=text(max_length=5_000), refused=["output_resolution"]),
                "nano-banana-pro": rules(prompt=text(max_length=5_000)),
            })

    ``__rules__`` is one table or a sequence of them (checked in order, before the class's own
    ``__attrs_post_init__``, which stays the place for rules no table can say). A value missing
    from the table has no extra rules; so has a value the SDK does not know (a model newer than
    it, sent with a :class:`runapi.UnknownValueWarning`): the tables describe known models only.
    A table's checks hold a known value to its narrower lists strictly. Messages name the field
    and the selector's value: ``"prompt must be a non-blank string of 1-5000 characters; got 6000 characters (for model
    'nano-banana')"``; a refusal also names the values that accept the field.
    """
    return By(field, dict(table))


def by_presence(field: str, *, given: Rules | None = None, absent: Rules | None = None) -> By:
    """Rules that depend on whether ``field`` is given (not ``None``), as data: the mode of an
    endpoint that has no mode field (an image URL makes it image-to-video)::

        __rules__ = by_presence(
            "first_frame_image_url",
            absent=rules(required=["aspect_ratio"]),
            given=rules(refused=["negative_prompt"]),
        )

    Messages say ``"aspect_ratio is required when first_frame_image_url is not given"``.
    """
    table = {key: entry for key, entry in ((True, given), (False, absent)) if entry is not None}
    return By(field, table, presence=True)


def _add_rules(cls: Any, tables: tuple[By, ...], hints: Mapping[str, Any]) -> None:
    """Compile ``tables`` once into the class's ``__attrs_post_init__`` (a dict lookup per table per call)."""
    compiled = []
    for table in tables:
        # every value the selector may take, in the order its Literal lists them (for refusal messages)
        known = [*table.table, *(v for v in _literal_values(hints[table.field]) if v not in table.table)]
        entries = {value: _compile(table, value, known) for value in table.table}
        compiled.append((table.field, table.presence, entries))
    own = cls.__dict__.get("__attrs_post_init__")

    def __attrs_post_init__(self: Any) -> None:
        for selector, presence, entries in compiled:
            if not _settled(self, selector):  # a refused selector (an unknown model) selects no rules
                continue
            value = getattr(self, selector)
            entry = entries.get(value is not None if presence else value)
            if entry is not None:
                entry(self)
        if own is not None:
            own(self)

    cls.__attrs_post_init__ = __attrs_post_init__


def _literal_values(hint: Any) -> tuple[Any, ...]:
    """The values of a ``Literal`` (also inside ``X | None`` or ``Annotated``); ``()`` for other hints."""
    if get_origin(hint) in (Union, types.UnionType):
        return tuple(v for arg in get_args(hint) for v in _literal_values(arg))
    if get_origin(hint) is Annotated:
        return _literal_values(get_args(hint)[0])
    return get_args(hint) if get_origin(hint) is Literal else ()


def _compile(table: By, value: Any, known: list[Any]) -> Callable[[Any], None]:
    entry = table.table[value]
    checks = [(name, typing.cast(Any, _Named(name)), validator) for name, validator in entry.checks.items()]
    refusals = []
    if table.presence:
        when = f"when {table.field} is {'given' if value else 'not given'}"
        for name in entry.refused:
            refusals.append((name, f"{name} is not accepted {when}", f"no value {when}"))
    else:
        when = f"for {table.field} {value!r}"
        for name in entry.refused:
            accepting = [v for v in known if name not in table.table.get(v, Rules()).refused]
            only = f"; only for {_show(accepting)}" if accepting else ""
            refusals.append((name, f"{name} is not accepted {when}{only}", f"no value {when}"))

    def apply(instance: Any) -> None:
        for name in entry.required:
            if getattr(instance, name) is None and _settled(instance, name):
                _report(ValidationError(f"{name} is required {when}", field=name, allowed=f"a value {when}"))
        for name, message, allowed in refusals:
            if getattr(instance, name) is not None and _settled(instance, name):
                _report(ValidationError(message, field=name, allowed=allowed))
        strict = _STRICT.set(True)  # a known value's narrower list: a value outside it is refused
        try:
            for name, attribute, validator in checks:
                given = getattr(instance, name)
                if given is None or not _settled(instance, name):
                    continue
                try:
                    validator(instance, attribute, given)
                except ValidationError as exc:
                    _report(ValidationError(f"{exc} ({when})", field=exc.field, allowed=f"{exc.allowed} {when}"))
        finally:
            _STRICT.reset(strict)

    return apply


def require(instance: object, names: Iterable[str], *, when: str) -> None:
    """Refuse each of ``names`` left ``None`` (:class:`ValidationError`; all of them at once in a call).

    ``when`` completes the message: ``"prompt is required when parameter_mode is 'custom'"``.
    """
    for name in names:
        if getattr(instance, name) is None and _settled(instance, name):
            _report(ValidationError(f"{name} is required {when}", field=name, allowed=f"a value {when}"))


def forbid(instance: object, names: Iterable[str], *, unless: str) -> None:
    """Refuse each of ``names`` that is set, as it would be ignored (:class:`ValidationError`).

    ``unless`` completes the message: ``"lyrics is only used when vocal_mode is 'exact_lyrics'"``.
    """
    for name in names:
        if getattr(instance, name) is not None and _settled(instance, name):
            _report(ValidationError(f"{name} is only used {unless}", field=name, allowed=f"no value unless {unless}"))


def check(instance: Any, name: str, *validators: Validator, when: str = "") -> None:
    """Run extra validators on one field after construction (rules that depend on another field).

    ``when`` is appended to the message, e.g. ``"(for model 'nano-banana')"``. A field already
    refused in this call, or holding a value the SDK does not know (sent with a warning), is not
    checked again; the validators run strict (a rule narrows known values: ``one_of`` refuses).
    """
    if not _settled(instance, name):
        return
    attribute = fields_of(type(instance))[name]
    value = getattr(instance, name)
    strict = _STRICT.set(True)  # rules narrow known values: a value outside their list is refused
    try:
        for validator in validators:
            try:
                validator(instance, attribute, value)
            except ValidationError as exc:
                if not when:
                    _report(exc)
                else:
                    _report(ValidationError(f"{exc} {when}", field=exc.field, allowed=f"{exc.allowed} {when}"))
                return
    finally:
        _STRICT.reset(strict)
