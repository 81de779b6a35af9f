"""Params, layer 4: the ``@params`` compiler and the body. :func:`params` turns an annotated class
into frozen keyword-only attrs with its checks; :func:`build_params` builds one call's params
(every problem at once); :func:`to_body` gives the JSON body."""

from __future__ import annotations

import inspect
import sys
import types
import typing
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

import attrs

from ...errors import ValidationError
from .fields import _MISSING, OMIT, C, Omit, Validator, _FieldSpec, _required, field, fields_of
from .problems import _PROBLEMS, _STRICT, _gathering, _Problems
from .rules import By, _add_rules, _literal_values
from .validators import _sign_check, _url_kind, flag, integer, nested_params, number, one_of, text, text_list, url_list

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # pragma: no cover - Python 3.10
    from typing_extensions import dataclass_transform


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field,))
def params(cls: C) -> C:
    """Class decorator for a parameter class: frozen, keyword-only attrs, checked from its annotations.

    Raises:
        TypeError: an annotation cannot be resolved (a name used in it is not defined yet).
    """
    hints = typing.get_type_hints(cls, include_extras=True)
    nullable: set[str] = set()
    file_limits: dict[str, tuple[int, bool]] = {}
    for name, written in inspect.get_annotations(cls).items():
        declared = cls.__dict__.get(name, _MISSING)
        spec = declared if isinstance(declared, _FieldSpec) else _FieldSpec(declared, ())
        omittable = spec.default is OMIT
        clearable = False
        if omittable:
            hints[name], clearable = _without_omit(name, hints[name])
            if clearable:
                nullable.add(name)
        hints[name] = hint = _as_written(cls, written, hints[name])
        if get_origin(hint) is typing.ClassVar:
            continue
        # the field's own validators first: they are the most specific (and check the type too);
        # an implied check of the same kind (``text()`` for ``str``) is theirs to make
        kinds = {getattr(check, "kind", None) for check in spec.validators} - {None}
        implied = [check for check in _validators_for(hint) if getattr(check, "kind", None) not in kinds]
        checks = (*spec.validators, *implied, *_sign_check(name, hint, (*spec.validators, *implied)))
        file_limits.update((name, check.file_limit) for check in checks if hasattr(check, "file_limit"))
        nested = _nested(hint)
        validator = _all(checks) if checks else None
        converter = None if nested is None else _nested_converter(name, *nested)
        if omittable:
            validator, converter = _unless_omitted(name, validator, clearable), _omit_passes(converter)
        if validator is not None:
            validator = _gathering(validator)
        setattr(cls, name, attrs.field(default=spec.default, validator=validator, converter=converter))
    cls.__runapi_nullable__ = frozenset(nullable)  # type: ignore[attr-defined]  # update fields sent as null
    cls.__runapi_file_limits__ = types.MappingProxyType(file_limits)  # type: ignore[attr-defined]  # see max_bytes
    cls.__runapi_params__ = True  # type: ignore[attr-defined]  # marks a params class: another may nest it
    tables = cls.__dict__.get("__rules__", ())
    if tables:
        _add_rules(cls, (tables,) if isinstance(tables, By) else tuple(tables), hints)
    return attrs.frozen(kw_only=True)(cls)


def _without_omit(name: str, hint: Any) -> tuple[Any, bool]:
    """An update field's annotation without :class:`Omit`, and whether it takes ``None`` (to clear it).

    Raises:
        TypeError: a field defaulting to ``OMIT`` is not annotated with ``| Omit``.
    """
    members = get_args(hint) if get_origin(hint) in (Union, types.UnionType) else (hint,)
    if Omit not in members:
        raise TypeError(f"{name} defaults to OMIT, so its annotation must include Omit (X | Omit or X | None | Omit)")
    rest = tuple(member for member in members if member is not Omit)
    return (rest[0] if len(rest) == 1 else Union[rest]), type(None) in rest  # noqa: UP007  # a runtime tuple


def _unless_omitted(name: str, validator: Validator | None, clearable: bool) -> Validator:
    """``validator`` for an update field: ``OMIT`` passes, and ``None`` only where the field can be cleared."""

    def validate(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is OMIT:
            return
        if value is None and not clearable:
            raise ValidationError(
                f"{name} cannot be cleared (None); leave it out to keep its value", field=name, allowed="a value"
            )
        if validator is not None:
            validator(instance, attribute, value)

    return validate


def _omit_passes(converter: Callable[[Any], Any] | None) -> Callable[[Any], Any] | None:
    if converter is None:
        return None
    return lambda value: value if value is OMIT else converter(value)


def _as_written(cls: type, written: object, hint: Any) -> Any:
    """``hint`` with its ``Literal`` values in the order the annotation writes them.

    ``Literal["png", "jpeg"] | None`` may evaluate to a union cached for ``Literal["jpeg", "png"]``
    (typing compares literals as sets), so messages would list values in another module's order.
    The members of a written union are evaluated one by one instead; ``None`` is dropped, as every
    check lets ``None`` pass.
    """
    if not isinstance(written, str) or not _literal_values(hint):
        return hint  # only a union holding a Literal can come back from the cache in another order
    parts, depth, start = [], 0, 0
    for i, char in enumerate(written):
        if char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(written[start:i])
            start = i + 1
    parts.append(written[start:])
    members = [part.strip() for part in parts if part.strip() not in ("None", "Omit")]
    if len(members) != 1:
        return hint
    try:
        member = eval(members[0], vars(sys.modules[cls.__module__]), dict(vars(cls)))  # the class's own annotation
    except Exception:  # an annotation only typing can read: keep typing's answer
        return hint
    return member if _literal_values(member) else hint


def _all(checks: tuple[Validator, ...]) -> Validator:
    """One validator running ``checks`` in order (cheaper per call than attrs' ``and_``)."""
    if len(checks) == 1:
        return checks[0]

    def validate(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        for check in checks:
            check(instance, attribute, value)

    return validate


def _open_literal(members: list[Any]) -> Any:
    """The ``Literal`` of an open enum, ``Literal[...] | str`` (a model id: known ids, any string), else ``None``."""
    literals = [member for member in members if get_origin(member) is Literal]
    if len(members) == 2 and len(literals) == 1 and str in members:
        return literals[0]
    return None


def _validators_for(hint: Any) -> list[Validator]:
    """The checks an annotation implies (``X | None`` checks X; ``None`` values always pass).

    ``Literal[...] | str`` (an open model id) is checked as the ``Literal``: a string it does not
    list is sent with a warning, or refused in a strict call (see :func:`one_of`).
    """
    if get_origin(hint) in (Union, types.UnionType):
        members = [arg for arg in get_args(hint) if arg is not type(None)]
        if len(members) != 1:
            literal = _open_literal(members)
            return [] if literal is None else [one_of(*get_args(literal))]
        hint = members[0]
    extra: list[Validator] = []
    if get_origin(hint) is Annotated:
        hint, *metadata = get_args(hint)
        extra = [item for item in metadata if callable(item)]
    base: Validator | None = None
    if get_origin(hint) is Literal:
        base = one_of(*get_args(hint))
    elif hint is str:
        base = text()
    elif hint is bool:
        base = flag()
    elif hint is int:
        base = integer()
    elif hint is float:
        base = number()
    elif get_origin(hint) is list and get_args(hint) == (str,):
        base = text_list()
    elif _url_kind(hint) == "urls":
        base = url_list()
    elif _nested(hint) is not None:
        base = nested_params(*_nested(hint))  # type: ignore[misc]
    return [*extra, base] if base is not None else extra


def _is_params(cls: object) -> bool:
    return isinstance(cls, type) and cls.__dict__.get("__runapi_params__") is True


def _nested(hint: Any) -> tuple[type, bool] | None:
    """``(params class, is a list)`` for a field holding another params class or a list of them."""
    if get_origin(hint) in (Union, types.UnionType):
        members = [arg for arg in get_args(hint) if arg is not type(None)]
        if len(members) != 1:
            return None
        hint = members[0]
    if get_origin(hint) is Annotated:
        hint = get_args(hint)[0]
    if _is_params(hint):
        return hint, False
    if get_origin(hint) is list and len(get_args(hint)) == 1 and _is_params(get_args(hint)[0]):
        return get_args(hint)[0], True
    return None


def _nested_converter(name: str, item: type, many: bool) -> Callable[[Any], Any]:
    """Turn a mapping (or a list of mappings) given for a nested params field into params instances.

    A nested object's mistake is reported under its path: ``dialogue[1].voice``.
    """

    def one(value: Any, where: str) -> Any:
        if isinstance(value, Mapping):
            try:
                return build_params(item, (), value, where, strict=_STRICT.get())  # a strict call is strict inside
            except ValidationError as exc:
                found = [
                    ValidationError(
                        f"{where}: {problem.message}",
                        field=f"{where}.{problem.field}" if problem.field else where,
                        allowed=problem.allowed,
                    )
                    for problem in exc.errors
                ]
                problems = _PROBLEMS.get()
                if problems is None:
                    raise ValidationError.of(found) from None
                for error in found:
                    problems.add(error)
                problems.failed.add(name)
        return value

    def convert(value: Any) -> Any:
        if many and isinstance(value, list | tuple):
            return [one(entry, f"{name}[{index}]") for index, entry in enumerate(value)]
        if not many:
            return one(value, name)
        return value

    return convert


P = TypeVar("P")


def build_params(
    cls: Callable[..., P], args: tuple[Any, ...], kwargs: Mapping[str, Any], where: str, *, strict: bool = False
) -> P:
    """Construct ``cls(**kwargs)``, turning every mistake into one :class:`ValidationError`.

    Every problem of the call is found before raising: unknown parameters and missing required
    ones are named (attrs would raise a bare ``TypeError`` for the first), each value is checked,
    and so is each rule that spans parameters; the error's ``.errors`` lists them all, in that
    order, and its ``.field`` is the first.

    A value the SDK does not know (a model id or enum value newer than it, of the right kind) is
    kept and sent, with a :class:`runapi.UnknownValueWarning` once per process, unless ``strict``
    (see :func:`one_of`); rules for known values skip it.

    Args:
        cls: the params class.
        args: positional arguments, refused: parameters are keyword-only.
        kwargs: the caller's parameters.
        where: the endpoint, for messages (``"POST /api/v1/suno/text_to_music"``).
        strict: refuse values the SDK does not know (``Client(strict=True)``), for this call.

    Raises:
        ValidationError: the call's parameters are refused.
    """
    if args:
        raise ValidationError(f"{where} takes keyword arguments only, e.g. prompt='...'")
    fields = fields_of(cls)  # type: ignore[arg-type]  # cls is an attrs params class
    problems = _Problems()
    for name in kwargs:
        if name not in fields:
            problems.add(
                ValidationError(
                    f"unknown parameter {name!r} for {where}; known: {', '.join(fields)}. "
                    "Parameters newer than this SDK go in with_options(extra_body={...}).",
                    field=name,
                    allowed=f"one of {', '.join(fields)}",
                )
            )
    given = {name: value for name, value in kwargs.items() if name in fields}
    for name in _required(cls):  # type: ignore[arg-type]
        if given.get(name) is None:
            shown = " (None given)" if name in kwargs else ""
            problems.add(ValidationError(f"missing required parameter {name!r} for {where}{shown}", field=name))
            problems.failed.add(name)
            given[name] = None  # a stand-in, so that every other value is checked too
    token = _PROBLEMS.set(problems)
    strictness = _STRICT.set(strict)
    try:
        instance = cls(**given)
    except ValidationError as error:  # raised by a rule of the class's own: the last problem it finds
        root = (error.field or "").split(".", 1)[0].split("[", 1)[0]
        if root not in problems.failed:  # one mistake, one message: a refused field's rule says no more
            problems.add(error)
    except (TypeError, AttributeError, ValueError):
        if not problems.errors:  # a class's own rule tripped over a refused or missing value: reported already
            raise
    finally:
        _STRICT.reset(strictness)
        _PROBLEMS.reset(token)
    if problems.errors:
        raise ValidationError.of(problems.errors)
    return instance


def to_body(instance: Any, extra_body: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The JSON body for a params instance: every field that is not ``None``, plus ``extra_body``.

    An update's fields (annotated ``| Omit``, see :data:`OMIT`) are left off when ``OMIT``, and
    sent as ``null`` when ``None`` where the annotation also says ``| None``.

    ``extra_body`` is sent as given, last: a key it shares with a declared field **replaces** that
    field's value (the escape hatch for a parameter whose documented shape changed since this
    SDK: ``with_options(extra_body={"duration_seconds": 15})``). Its values are not checked.
    """
    body: dict[str, Any] = {}
    for name in fields_of(type(instance)):
        value = getattr(instance, name)
        if value is None or value is OMIT:
            if value is None and name in type(instance).__runapi_nullable__:
                body[name] = None  # an update clearing the field
            continue
        if isinstance(value, list | tuple):
            body[name] = [to_body(item) if _is_params(type(item)) else item for item in value]
        else:
            body[name] = to_body(value) if _is_params(type(value)) else value
    if extra_body:
        body.update(extra_body)  # the extra value wins over a declared field's
    return body
