"""Parameter classes: declared with attrs, checked before any request, turned into JSON bodies.

A family declares each endpoint's parameters as a frozen, keyword-only attrs class whose fields
are named exactly as RunAPI spells them. Required fields have no default; optional ones default
to ``None`` and are then left off the wire (nothing else is ever dropped). Validators from this
module check types, enums, ranges and lengths, and raise :class:`runapi.ValidationError` naming
the field and what is allowed::

    @params
    class GenerateLyricsParams:
        prompt: str = field(text(max_length=200))
        callback_url: str | None = field(text(), default=None)

Rules that span several fields go in ``__attrs_post_init__`` with :func:`require` and :func:`check`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from ..errors import ValidationError

__all__ = [
    "build_params",
    "check",
    "field",
    "flag",
    "forbid",
    "integer",
    "number",
    "one_of",
    "params",
    "require",
    "text",
    "text_list",
    "to_body",
]

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]
C = TypeVar("C", bound=type)

_MISSING: Any = attrs.NOTHING


def params(cls: C) -> C:
    """Class decorator for a parameter class: frozen, keyword-only attrs."""
    return attrs.frozen(kw_only=True)(cls)


def field(*validators: Validator, default: Any = _MISSING) -> Any:
    """Declare one parameter; with no ``default`` it is required. ``None`` values skip validation."""
    return attrs.field(default=default, validator=list(validators))


def _fail(name: str, allowed: str, value: object) -> ValidationError:
    shown = repr(value)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    return ValidationError(f"{name} must be {allowed}; got {shown}", field=name, allowed=allowed)


def _show(values: Iterable[object]) -> str:
    return ", ".join(repr(v) for v in values)


def one_of(*values: object) -> Validator:
    """The value must be one of ``values`` (compared with type, so ``True`` is not ``1``)."""
    allowed = f"one of {_show(values)}"

    def validate(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        if not any(value == v and type(value) is type(v) for v in values):
            raise _fail(attribute.name, allowed, value)

    return validate


def text(*, max_length: int | None = None, min_length: int = 1) -> Validator:
    """A string of ``min_length``..``max_length`` characters."""
    allowed = "a string" + (
        f" of {min_length}-{max_length} characters"
        if max_length is not None
        else (" (not empty)" if min_length == 1 else f" of at least {min_length} characters")
    )

    def validate(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, str) or len(value) < min_length:
            raise _fail(attribute.name, allowed, value)
        if max_length is not None and len(value) > max_length:
            raise ValidationError(
                f"{attribute.name} must be {allowed}; got {len(value)} characters",
                field=attribute.name,
                allowed=allowed,
            )

    return validate


def text_list(*, min_items: int = 0, max_items: int | None = None) -> Validator:
    """A list (or tuple) of non-empty strings, ``min_items``..``max_items`` long."""
    if max_items is None:
        allowed = f"a list of at least {min_items} non-empty strings"
    else:
        allowed = f"a list of {min_items}-{max_items} non-empty strings"

    def validate(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        if isinstance(value, str | bytes) or not isinstance(value, Sequence):
            raise _fail(attribute.name, allowed, value)
        if not all(isinstance(item, str) and item for item in value):
            raise _fail(attribute.name, allowed, value)
        if len(value) < min_items or (max_items is not None and len(value) > max_items):
            raise ValidationError(
                f"{attribute.name} must be {allowed}; got {len(value)} items",
                field=attribute.name,
                allowed=allowed,
            )

    return validate


def integer(minimum: int | None = None, maximum: int | None = None) -> Validator:
    """An ``int`` (not ``bool``) within ``minimum``..``maximum`` inclusive."""
    allowed = _range_text("an integer", minimum, maximum)

    def validate(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int):
            raise _fail(attribute.name, allowed, value)
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            raise _fail(attribute.name, allowed, value)

    return validate


def number(minimum: float | None = None, maximum: float | None = None) -> Validator:
    """A finite ``int`` or ``float`` (not ``bool``) within ``minimum``..``maximum`` inclusive."""
    allowed = _range_text("a number", minimum, maximum)

    def validate(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise _fail(attribute.name, allowed, value)
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            raise _fail(attribute.name, allowed, value)

    return validate


def flag() -> Validator:
    """A ``bool``."""

    def validate(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and not isinstance(value, bool):
            raise _fail(attribute.name, "true or false", value)

    return validate


def _range_text(kind: str, minimum: float | None, maximum: float | None) -> str:
    if minimum is not None and maximum is not None:
        return f"{kind} from {minimum:g} to {maximum:g}"
    if minimum is not None:
        return f"{kind} of at least {minimum:g}"
    if maximum is not None:
        return f"{kind} of at most {maximum:g}"
    return kind


def require(instance: object, names: Iterable[str], *, when: str) -> None:
    """Raise :class:`ValidationError` for the first of ``names`` left ``None``.

    ``when`` completes the message: ``"prompt is required when parameter_mode is 'custom'"``.
    """
    for name in names:
        if getattr(instance, name) is None:
            raise ValidationError(f"{name} is required {when}", field=name, allowed=f"a value {when}")


def forbid(instance: object, names: Iterable[str], *, unless: str) -> None:
    """Raise :class:`ValidationError` for the first of ``names`` that is set: it would be ignored.

    ``unless`` completes the message: ``"lyrics is only used when vocal_mode is 'exact_lyrics'"``.
    """
    for name in names:
        if getattr(instance, name) is not None:
            raise ValidationError(f"{name} is only used {unless}", field=name, allowed=f"no value unless {unless}")


def check(instance: Any, name: str, *validators: Validator, when: str = "") -> None:
    """Run extra validators on one field after construction (rules that depend on another field).

    ``when`` is appended to the message, e.g. ``"(for model 'nano-banana')"``.
    """
    attribute = attrs.fields_dict(type(instance))[name]
    value = getattr(instance, name)
    for validator in validators:
        try:
            validator(instance, attribute, value)
        except ValidationError as exc:
            if not when:
                raise
            raise ValidationError(f"{exc} {when}", field=exc.field, allowed=f"{exc.allowed} {when}") from None


P = TypeVar("P")


def build_params(cls: Callable[..., P], args: tuple[Any, ...], kwargs: Mapping[str, Any], where: str) -> P:
    """Construct ``cls(**kwargs)``, turning every mistake into a :class:`ValidationError`.

    Unknown and missing parameters are named (attrs would raise a bare ``TypeError``); the
    class's validators then check values.

    Args:
        cls: the params class.
        args: positional arguments, refused: parameters are keyword-only.
        kwargs: the caller's parameters.
        where: the endpoint, for messages (``"POST /api/v1/suno/text_to_music"``).
    """
    if args:
        raise ValidationError(f"{where} takes keyword arguments only, e.g. prompt='...'")
    fields = attrs.fields_dict(cls)  # type: ignore[arg-type]  # cls is an attrs params class
    for name in kwargs:
        if name not in fields:
            raise ValidationError(
                f"unknown parameter {name!r} for {where}; known: {', '.join(fields)}. "
                "Parameters newer than this SDK go in with_options(extra_body={...}).",
                field=name,
                allowed=f"one of {', '.join(fields)}",
            )
    for name, attribute in fields.items():
        if attribute.default is attrs.NOTHING and kwargs.get(name) is None:
            given = " (None given)" if name in kwargs else ""
            raise ValidationError(f"missing required parameter {name!r} for {where}{given}", field=name)
    return cls(**kwargs)


def to_body(instance: Any, extra_body: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The JSON body for a params instance: every field that is not ``None``, plus ``extra_body``.

    Raises:
        ValidationError: ``extra_body`` repeats a parameter that was also passed normally (one of
            the two values would otherwise be lost).
    """
    body = attrs.asdict(instance, filter=lambda _, value: value is not None)
    for key, value in (extra_body or {}).items():
        if key in body:
            raise ValidationError(f"{key!r} is given both as a parameter and in extra_body; pass it once", field=key)
        body[key] = value
    return body
