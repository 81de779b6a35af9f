"""Parameter classes: declared with attrs, checked before any request, turned into JSON bodies.

A family declares each endpoint's parameters as a class decorated with :func:`params`: frozen,
keyword-only attrs, with fields named exactly as RunAPI spells them. The **annotation is the
rule**: it is what type checkers and IDEs show, and the decorator derives the runtime check from
it, so no rule is written twice::

    Model = Literal["suno-v5", "suno-v4.5"]

    @params
    class GenerateLyricsParams:
        prompt: str = field(text(max_length=200))     # required; str -> a non-blank string
        model: Model = "suno-v5"                      # Literal -> one of the listed values
        callback_url: HttpUrl | None = None           # optional; None is left off the wire

What each annotation checks: ``str`` a non-blank string; ``int`` an integer (not ``bool``);
``float`` a finite number; ``bool`` ``True``/``False``; ``list[str]`` a list of non-blank
strings; ``Literal[...]`` one of its values (compared with type, so ``True`` is not ``1``);
``Annotated[T, validator, ...]`` T's check plus those validators (:data:`HttpUrl` is one). Extra
per-field validators go in :func:`field`. Required fields have no default; optional ones default
to ``None`` and are then left off the wire (nothing else is ever dropped).

A numeric field (``int`` or ``float``) whose **name says it cannot be negative** and which declares
no lower bound of its own gets one (see :func:`sign_rule`): a duration (a name holding the word
``duration``, ``duration_seconds``) must be greater than 0; other seconds (``*_seconds``), counts
(``num_*``, ``*_count``, ``count``, ``n``) and indexes (``index``, ``*_index``) at least 0. So
``duration_seconds=-5`` is refused in every family, whether or not its docs print a range. A
declared bound (``integer(1, 10)``, ``number(0.5, 22)``, a ``Literal`` of values) is the field's
own and stays as it is; ``seed`` is not covered (a seed of -1 means "random" for some models).

URL parameters come in two kinds. :data:`HttpUrl` (and ``Sequence[HttpUrl]``) is a file RunAPI
fetches (``source_image_url``): it also takes a local file as a ``pathlib.Path``, which a create
uploads first (``client.files.from_stream``) and replaces with its download URL
(:func:`local_files`, then :func:`with_urls`). :data:`CallbackUrl` is where RunAPI calls you
(``callback_url``): a URL only. :data:`FileInput` is the content of a file upload itself.

File sizes are checked before any byte moves. Every upload holds at most :data:`MAX_UPLOAD_BYTES`
(the docs' "max 10MB"): a :data:`FileInput` and each local file given for a URL parameter. A file
parameter with a documented limit of its own declares it with :func:`max_bytes`
(``source_image_url: HttpUrl = field(max_bytes(10 * MB))``), which refuses a local file over it;
a URL's file is the server's to measure.

Rules that span several fields go in ``__attrs_post_init__`` with :func:`require`, :func:`forbid`
and :func:`check`. Every refusal is a :class:`runapi.ValidationError` naming the field and what
is allowed.

Type checkers see the classes through :func:`typing.dataclass_transform`, so ``create()`` and
``run()``, which take the params class's keyword arguments, show every parameter with its type.
"""

from __future__ import annotations

import functools
import inspect
import math
import os
import sys
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import IO, Annotated, Any, Final, Literal, TypeVar, Union, get_args, get_origin
from urllib.parse import quote, urlsplit

import attrs

from ..errors import ValidationError

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # pragma: no cover - Python 3.10
    from typing_extensions import dataclass_transform

__all__ = [
    "MAX_UPLOAD_BYTES",
    "MB",
    "OMIT",
    "By",
    "CallbackUrl",
    "FileInput",
    "HttpUrl",
    "Omit",
    "Rules",
    "build_params",
    "by",
    "by_presence",
    "check",
    "field",
    "fields_of",
    "file_source",
    "file_url",
    "flag",
    "forbid",
    "http_url",
    "integer",
    "local_files",
    "max_bytes",
    "nested_params",
    "number",
    "one_of",
    "params",
    "require",
    "rules",
    "sign_rule",
    "size_text",
    "text",
    "text_list",
    "to_body",
    "url_list",
    "with_urls",
]

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]
C = TypeVar("C", bound=type)

_MISSING: Any = attrs.NOTHING

MB: Final = 1024 * 1024
"""A megabyte as the docs' file-size limits are read here: 1,048,576 bytes (``10 * MB`` is 10,485,760).

The docs write "max 10MB" without saying which megabyte. The larger reading is taken so that the
SDK never refuses a file RunAPI may accept: a file of 10,000,001-10,485,760 bytes is sent, and
RunAPI's own answer decides it (a 413, :class:`runapi.PayloadTooLargeError`, if it counts in millions).
"""

MAX_UPLOAD_BYTES: int | None = 10 * MB
"""The most bytes one uploaded file may hold: 10,485,760 (10 :data:`MB`).

docs: Errors > Common Error Messages, "413 File size exceeds maximum allowed size: Uploaded file is
too large (max 10MB)". Checked before anything is sent: a ``files.from_stream`` file (a path, bytes
or a file object of known size), ``files.from_base64`` data (its decoded size), and every local
file given for a URL parameter (which is uploaded first); a stream of unknown size is counted
while it is sent and stopped once it passes. Read at each call, so a process may set it (the
emulator's memory test does; ``None`` is no limit).
"""


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


def sign_rule(name: str) -> bool | None:
    """Whether a numeric field named ``name`` must be greater than 0 (``True``), at least 0
    (``False``), or is left as declared (``None``), read from the words of its name.

    The rule, for every family: a number whose name says it measures a length of time, counts
    things or points into a list cannot be negative, whatever its docs print.

    - a duration, a name with the word ``duration`` (``duration_seconds``,
      ``extension_duration_seconds``): greater than 0, as nothing lasts no time;
    - other seconds, a name ending in ``seconds`` (``start_seconds``, ``vocal_end_seconds``): a
      point in time, at least 0;
    - a count, ``num_*``, ``*_count``, ``count`` or ``n`` (``num_frames``, ``output_count``): at least 0;
    - an index, ``index`` or ``*_index``: at least 0.

    ``seed`` is none of these: some models document -1 as "random" (Seedance). The rule applies
    only to an ``int`` or ``float`` field that declares no lower bound itself (see
    :func:`params`); a declared one (``integer(1, 12)``, ``Literal[5, 10]``) is the field's own.
    """
    words = name.split("_")
    if "duration" in words:
        return True
    if words[-1] in ("seconds", "count", "index") or words[0] == "num" or name == "n":
        return False
    return None


def _numeric(hint: Any) -> str | None:
    """``"an integer"`` for an ``int`` annotation, ``"a number"`` for ``float`` (``X | None``, ``Annotated`` too)."""
    if get_origin(hint) in (Union, types.UnionType):
        members = [arg for arg in get_args(hint) if arg is not type(None)]
        if len(members) != 1:
            return None
        hint = members[0]
    if get_origin(hint) is Annotated:
        hint = get_args(hint)[0]
    return "an integer" if hint is int else "a number" if hint is float else None


def _sign_check(name: str, hint: Any, checks: tuple[Validator, ...]) -> tuple[Validator, ...]:
    """The bound :func:`sign_rule` adds to a numeric field that declares none: ``(validator,)`` or ``()``."""
    what = _numeric(hint)
    strict = sign_rule(name)
    if what is None or strict is None or any(getattr(check, "bounded_below", False) for check in checks):
        return ()
    return (_not_negative(what, strict),)


@functools.cache
def _not_negative(what: str, strict: bool) -> Validator:
    """A number above 0 (``strict``) or at least 0; other values are the type check's to refuse."""
    allowed = f"{what} greater than 0" if strict else f"{what} of at least 0"

    def validate(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return
        if value < 0 or (strict and value == 0):
            raise _fail(attribute.name, allowed, value)

    return _bounded(_kind(validate, "sign"), True)


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


def _validators_for(hint: Any) -> list[Validator]:
    """The checks an annotation implies (``X | None`` checks X; ``None`` values always pass)."""
    if get_origin(hint) in (Union, types.UnionType):
        members = [arg for arg in get_args(hint) if arg is not type(None)]
        if len(members) != 1:
            return []
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
                return build_params(item, (), value, where)
            except ValidationError as exc:
                path = f"{where}.{exc.field}" if exc.field else where
                raise ValidationError(f"{where}: {exc}", field=path, allowed=exc.allowed) from None
        return value

    def convert(value: Any) -> Any:
        if many and isinstance(value, list | tuple):
            return [one(entry, f"{name}[{index}]") for index, entry in enumerate(value)]
        if not many:
            return one(value, name)
        return value

    return convert


@functools.cache
def nested_params(item: type, many: bool) -> Validator:
    """A nested params object (``many``: a list of them), given as the class or as a mapping."""
    allowed = f"a list of {item.__name__} objects (or mappings)" if many else f"a {item.__name__} (or a mapping)"

    def validate(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        if many:
            fits = isinstance(value, list | tuple) and all(isinstance(entry, item) for entry in value)
        else:
            fits = isinstance(value, item)
        if not fits:
            raise _fail(attribute.name, allowed, value)

    return validate


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


def _fail(name: str, allowed: str, value: object) -> ValidationError:
    shown = repr(value)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    return ValidationError(f"{name} must be {allowed}; got {shown}", field=name, allowed=allowed)


def _show(values: Iterable[object]) -> str:
    return ", ".join(repr(v) for v in values)


@functools.cache
def one_of(*values: object) -> Validator:
    """The value must be one of ``values`` (compared with type, so ``True`` is not ``1``).

    Validator factories are cached: a rule built per call (``one_of(*variant.aspect_ratios)`` in
    ``__attrs_post_init__``) costs a dictionary lookup.
    """
    allowed = f"one of {_show(values)}"
    members = frozenset((type(v), v) for v in values)

    def validate(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        try:
            known = (type(value), value) in members
        except TypeError:  # unhashable, so not one of the (hashable) values
            known = False
        if not known:
            raise _fail(attribute.name, allowed, value)

    return _bounded(validate, True)


@functools.cache
def text(*, max_length: int | None = None, min_length: int = 1) -> Validator:
    """A string of ``min_length``..``max_length`` characters, not blank (whitespace only).

    ``min_length=0`` allows the empty string (and blanks): for a field the docs call required but
    "can be empty". On a ``str`` field it replaces the annotation's own non-blank check.
    """
    if min_length == 0:
        allowed = "a string" + (f" of at most {max_length} characters" if max_length is not None else "")
    else:
        allowed = "a non-blank string" + (
            f" of {min_length}-{max_length} characters"
            if max_length is not None
            else ("" if min_length == 1 else f" of at least {min_length} characters")
        )

    def validate(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, str) or len(value) < min_length or (min_length and not value.strip()):
            raise _fail(attribute.name, allowed, value)
        if max_length is not None and len(value) > max_length:
            raise ValidationError(
                f"{attribute.name} must be {allowed}; got {len(value)} characters",
                field=attribute.name,
                allowed=allowed,
            )

    return _kind(validate, "text")


def _count_text(noun: str, min_items: int, max_items: int | None) -> str:
    """``"a list of 1-3 <noun>"``, ``"a list of exactly 1 <noun>"``, ``"a list of at least 0 <noun>"``."""
    if max_items is None:
        return f"a list of at least {min_items} {noun}"
    if min_items == max_items:
        return f"a list of exactly {min_items} {noun}"
    return f"a list of {min_items}-{max_items} {noun}"


def _non_blank(item: Any) -> bool:
    return isinstance(item, str) and bool(item.strip())


def _items_check(allowed: str, min_items: int, max_items: int | None, item_ok: Callable[[Any], bool]) -> Validator:
    """A list (or tuple) whose items pass ``item_ok``, ``min_items``..``max_items`` long."""

    def validate(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        if isinstance(value, str | bytes) or not isinstance(value, Sequence):
            raise _fail(attribute.name, allowed, value)
        if not all(item_ok(item) for item in value):
            raise _fail(attribute.name, allowed, value)
        if len(value) < min_items or (max_items is not None and len(value) > max_items):
            raise ValidationError(
                f"{attribute.name} must be {allowed}; got {len(value)} items",
                field=attribute.name,
                allowed=allowed,
            )

    return validate


@functools.cache
def text_list(*, min_items: int = 0, max_items: int | None = None) -> Validator:
    """A list (or tuple) of non-blank strings, ``min_items``..``max_items`` long."""
    allowed = _count_text("non-blank strings", min_items, max_items)
    return _kind(_items_check(allowed, min_items, max_items, _non_blank), "list")


@functools.cache
def url_list(*, min_items: int = 0, max_items: int | None = None) -> Validator:
    """A list (or tuple) of absolute http(s) URLs, ``min_items``..``max_items`` long.

    Implied by a ``list[HttpUrl]`` annotation (any length); give it to :func:`field` for a count.
    A bad item is reported under its index: ``source_image_urls[1]``. An item may be a local
    file (an existing ``os.PathLike``, see :data:`HttpUrl`).
    """
    allowed = _count_text("absolute http(s) URLs", min_items, max_items)
    count = _items_check(allowed, min_items, max_items, _url_item)
    url = http_url()

    def validate(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        count(instance, attribute, value)
        for index, item in enumerate(value):
            if isinstance(item, os.PathLike):
                _local_file(f"{attribute.name}[{index}]", item)
                continue
            try:
                url(instance, attribute, item)
            except ValidationError as error:
                raise ValidationError(
                    f"{attribute.name}[{index}] must be an absolute http(s) URL; got {item!r}",
                    field=f"{attribute.name}[{index}]",
                    allowed=error.allowed,
                ) from None

    return _kind(validate, "url_list")


@functools.cache
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

    return _bounded(_kind(validate, "integer"), minimum is not None)


@functools.cache
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

    return _bounded(_kind(validate, "number"), minimum is not None)


@functools.cache
def flag() -> Validator:
    """A ``bool``."""

    def validate(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and not isinstance(value, bool):
            raise _fail(attribute.name, "true or false", value)

    return validate


@functools.cache
def http_url() -> Validator:
    """An absolute ``http://`` or ``https://`` URL with a host (where RunAPI can reach you)."""
    allowed = "an absolute http(s) URL, e.g. 'https://example.com/callbacks/runapi'"

    def validate(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, str) or value != value.strip():
            raise _fail(attribute.name, allowed, value)
        try:
            parts = urlsplit(value)
            host = parts.hostname
        except ValueError:
            raise _fail(attribute.name, allowed, value) from None
        if parts.scheme not in ("http", "https") or not host or any(c.isspace() for c in value):
            raise _fail(attribute.name, allowed, value)

    return validate


def _is_file(value: str | os.PathLike[str]) -> bool:
    """Whether ``value`` names an existing regular file (``False`` for a path no OS accepts)."""
    try:
        return os.path.isfile(value)
    except (TypeError, ValueError):  # a path holding a NUL byte, or an os.PathLike of bytes
        return False


def _local_file(name: str, value: os.PathLike[str]) -> None:
    """Refuse a local path that is not an existing regular file (it could not be uploaded)."""
    if not _is_file(value):
        allowed = "an absolute http(s) URL or an existing local file"
        raise ValidationError(f"{name} must be {allowed}; got {value!r}, which is no file", field=name, allowed=allowed)


def size_text(size: int) -> str:
    """A size in bytes as messages show it: ``"10 MB (10,485,760 bytes)"``, ``"11.5 MB (12,058,624 bytes)"``;
    under a tenth of a :data:`MB`, bytes alone (``"1,000 bytes"``)."""
    if size < MB // 10:
        return f"{size:,} bytes"
    megabytes = f"{size / MB:.1f}".removesuffix(".0")
    return f"{megabytes} MB ({size:,} bytes)"


def _file_path(item: object) -> os.PathLike[str] | None:
    """The local file a URL field's value names: a ``pathlib.Path``, or a create's placeholder for one."""
    if isinstance(item, _LocalFile):
        return item.path
    return item if isinstance(item, os.PathLike) else None


def _size_of(path: os.PathLike[str]) -> int | None:
    try:
        return os.stat(path).st_size
    except (OSError, TypeError, ValueError):  # missing or unreadable: the existence check says so
        return None


@functools.cache
def max_bytes(limit: int, *, total: bool = False) -> Validator:
    """A file URL parameter's documented size limit, ``limit`` bytes: ``field(max_bytes(10 * MB))``.

    For an :data:`HttpUrl` field or a list of them. A local file (``pathlib.Path``) larger than
    ``limit`` is refused, naming the field (``reference_image_urls[1]`` in a list), the file's
    size and the limit, before anything is uploaded; a URL's file is left to the server, which
    alone can measure it. With ``total``, the limit is on all the local files of a list together
    ("max 10 MB total"). Read "N MB" in the docs as ``N * MB`` (see :data:`MB`). Every upload is
    also held to :data:`MAX_UPLOAD_BYTES` (a local file is uploaded first), checked by
    :func:`local_files`. A params class lists its fields' limits in ``__runapi_file_limits__``
    (``{name: (limit, total)}``).

    Raises (when the field is checked):
        ValidationError: a local file, or the local files of a list together, larger than ``limit``.
    """
    allowed = f"files of at most {size_text(limit)}" + (" in all" if total else " each")

    def validate(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        many = isinstance(value, list | tuple)
        items = list(value) if many else [value]
        name = attribute.name
        summed = 0
        for index, item in enumerate(items):
            path = _file_path(item)
            size = None if path is None else _size_of(path)
            if size is None:
                continue
            summed += size
            where = f"{name}[{index}]" if many else name
            if not total and size > limit:
                raise ValidationError(
                    f"{where} must be a file of at most {size_text(limit)}; got {path!r} of {size_text(size)}",
                    field=where,
                    allowed=allowed,
                )
        if total and summed > limit:
            raise ValidationError(
                f"{name} must be {allowed}; its local files add up to {size_text(summed)}",
                field=name,
                allowed=allowed,
            )

    validate.file_limit = (limit, total)  # type: ignore[attr-defined]  # read into __runapi_file_limits__
    return _kind(validate, "max_bytes")


def _upload_limit(name: str, size: int | None, shown: str, why: str = "", advice: str = "") -> None:
    """Refuse a file of ``size`` bytes that an upload cannot take (over :data:`MAX_UPLOAD_BYTES`).

    ``shown`` is the value as the message shows it (``PosixPath('a.png')``; empty for bytes); ``why``
    says why it is uploaded, ``advice`` what to do instead.
    """
    limit = MAX_UPLOAD_BYTES
    if limit is None or size is None or size <= limit:
        return
    allowed = f"a file of at most {size_text(limit)}"
    raise ValidationError(
        f"{name} must be {allowed}, the most RunAPI takes in one upload{why}; "
        f"got {f'{shown} of ' if shown else ''}{size_text(size)}{advice}",
        field=name,
        allowed=allowed,
    )


def _url_item(item: Any) -> bool:
    return isinstance(item, os.PathLike) or _non_blank(item)


@functools.cache
def file_url() -> Validator:
    """An absolute http(s) URL (checked as :func:`http_url` does), or a local file that exists.

    The check implied by :data:`HttpUrl`. A local file is an ``os.PathLike`` (``pathlib.Path``),
    never a plain string: ``"photo.png"`` is a mistyped URL, not a file to upload.
    """
    url = http_url()

    def validate(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if isinstance(value, os.PathLike):
            _local_file(attribute.name, value)
        else:
            url(instance, attribute, value)

    return validate


HttpUrl = Annotated[str | os.PathLike[str], file_url()]
"""A file URL parameter (``source_image_url``; lists are ``Sequence[HttpUrl]``): an absolute
http(s) URL, or a local file as a ``pathlib.Path``, which a create uploads first and sends as its
download URL (one upload per file: see ``BaseClient._upload_local``)."""

CallbackUrl = Annotated[str, http_url()]
"""A URL RunAPI calls (``callback_url``): an absolute http(s) URL, never a local file."""


def file_source(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A file's content for an upload: a path (``str`` or ``pathlib.Path``) of an existing file,
    bytes, or a binary file object (``open(path, "rb")``, ``io.BytesIO``), of at most
    :data:`MAX_UPLOAD_BYTES` where its size can be known without reading it (a path, bytes, a
    seekable file object: from its current position). A stream of unknown size (a pipe) is
    counted while it is sent instead (see ``runapi._core.multipart``)."""
    from .multipart import is_binary_stream, source_size

    allowed = "a path of an existing file (str or pathlib.Path), bytes, or a binary file object (open(path, 'rb'))"
    if value is None:
        return
    if isinstance(value, bytes | bytearray | memoryview):
        _upload_limit(attribute.name, source_size(value), "")
        return
    if is_binary_stream(value):
        _upload_limit(attribute.name, source_size(value), "a file object")
        return
    if isinstance(value, str | os.PathLike):
        if _is_file(value):
            _upload_limit(attribute.name, source_size(value), repr(value))
            return
        message = f"{attribute.name} must be {allowed}; got {value!r}, which is no file"
        raise ValidationError(message, field=attribute.name, allowed=allowed)
    raise _fail(attribute.name, allowed, value)


FileInput = Annotated[str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes], file_source]
"""The content of a file upload (``client.files.from_stream(file=...)``), sent as a streamed
``multipart/form-data`` part: a path, bytes, or a binary file object, of at most
:data:`MAX_UPLOAD_BYTES` (see :func:`file_source`)."""


def _url_kind(hint: Any) -> str | None:
    """``"url"`` for an :data:`HttpUrl` annotation, ``"urls"`` for a list or sequence of them (``X | None`` too)."""
    if get_origin(hint) in (Union, types.UnionType):
        members = [arg for arg in get_args(hint) if arg is not type(None)]
        if len(members) != 1:
            return None
        hint = members[0]
    if hint == HttpUrl:
        return "url"
    if get_origin(hint) in (list, Sequence) and get_args(hint) == (HttpUrl,):
        return "urls"
    return None


_LOCAL_PREFIX = "https://local-file.invalid/"
"""Stands in for a local file's URL while the params are checked (``.invalid`` never resolves)."""


@functools.cache
def _upload_fields(cls: type) -> tuple[tuple[str, str, type | None], ...]:
    """``(name, kind, nested class)`` of the fields of ``cls`` that may hold local files:
    ``"url"``/``"urls"`` (:data:`HttpUrl`, ``Sequence[HttpUrl]``), ``"one"``/``"many"`` (a nested
    params class, or a list of them, with such fields)."""
    hints = typing.get_type_hints(cls, include_extras=True)
    found: list[tuple[str, str, type | None]] = []
    for name in fields_of(cls):
        hint = hints[name]
        kind = _url_kind(hint)
        if kind is not None:
            found.append((name, kind, None))
            continue
        nested = _nested(hint)
        if nested is not None and _upload_fields(nested[0]):
            found.append((name, "many" if nested[1] else "one", nested[0]))
    return tuple(found)


class _LocalFile(str):
    """A local file's stand-in while params are checked: a URL-shaped ``str`` (so every check of a
    URL passes) whose ``repr`` is the path's, so a message about the value shows what the caller gave."""

    __slots__ = ("path",)

    path: os.PathLike[str]

    def __repr__(self) -> str:
        return repr(self.path)


def _placeholder(path: os.PathLike[str], where: str, found: dict[str, os.PathLike[str]]) -> str:
    _local_file(where, path)
    _upload_limit(
        where,
        _size_of(path),
        repr(path),
        " (a local file is uploaded first, with files.from_stream)",
        ". Give the file's URL instead: RunAPI fetches a URL itself",
    )
    marker = _LocalFile(_LOCAL_PREFIX + quote(os.path.abspath(path)))
    marker.path = path
    found.setdefault(marker, path)
    return marker


def _swap(cls: type, values: Mapping[str, Any], found: dict[str, os.PathLike[str]], prefix: str) -> Mapping[str, Any]:
    """``values`` with each local file in a URL field replaced by its placeholder (recorded in ``found``).

    A nested object given as a params instance that holds a local file becomes a mapping of its
    fields (with placeholders), which the nested field's converter builds and checks again.
    """
    changed: dict[str, Any] | None = None
    for name, kind, nested in _upload_fields(cls):
        value = values.get(name)
        if value is None:
            continue
        new = value
        if kind == "url" and isinstance(value, os.PathLike):
            new = _placeholder(value, prefix + name, found)
        elif kind == "urls" and isinstance(value, list | tuple) and any(isinstance(v, os.PathLike) for v in value):
            new = [
                _placeholder(v, f"{prefix}{name}[{i}]", found) if isinstance(v, os.PathLike) else v
                for i, v in enumerate(value)
            ]
        elif nested is not None and kind == "one":
            new = _swap_nested(nested, value, found, f"{prefix}{name}.")
        elif nested is not None and kind == "many" and isinstance(value, list | tuple):
            items = [_swap_nested(nested, v, found, f"{prefix}{name}[{i}].") for i, v in enumerate(value)]
            if any(a is not b for a, b in zip(items, value, strict=True)):
                new = items
        if new is not value:
            if changed is None:
                changed = dict(values)
            changed[name] = new
    return values if changed is None else changed


def _swap_nested(cls: type, value: Any, found: dict[str, os.PathLike[str]], prefix: str) -> Any:
    if isinstance(value, Mapping):
        return _swap(cls, value, found, prefix)
    if isinstance(value, cls):
        fields = {name: getattr(value, name) for name in fields_of(cls)}
        swapped = _swap(cls, fields, found, prefix)
        return value if swapped is fields else swapped
    return value


def local_files(cls: type, kwargs: Mapping[str, Any]) -> tuple[Mapping[str, Any], dict[str, os.PathLike[str]]]:
    """Swap the local files given for URL fields (``pathlib.Path`` values) for placeholder URLs.

    So every check of the params (lengths, per-model tables, a family's own validators) runs
    before anything is uploaded, on values shaped like the URLs that will be sent. Fields typed
    :data:`HttpUrl` or ``Sequence[HttpUrl]`` are looked at, in nested objects (mappings or params
    objects) too. The placeholders are stable (made from the absolute path), so an idempotency
    key's fingerprint names the files.

    Returns:
        The arguments with placeholders, and ``{placeholder: path}`` (empty when no local file
        was given: the arguments are returned as they are).

    Raises:
        ValidationError: a local file that does not exist, or that is larger than an upload may be
            (:data:`MAX_UPLOAD_BYTES`), named by its path (``video_list[0].url``).
    """
    found: dict[str, os.PathLike[str]] = {}
    return _swap(cls, kwargs, found, ""), found


def with_urls(body: Any, urls: Mapping[str, str]) -> Any:
    """A JSON body with each placeholder string replaced by its URL from ``urls``."""
    if isinstance(body, str):
        return urls.get(body, body)
    if isinstance(body, Mapping):
        return {key: with_urls(item, urls) for key, item in body.items()}
    if isinstance(body, list | tuple):
        return [with_urls(item, urls) for item in body]
    return body


def _bound(value: float) -> str:
    """A limit as a user wrote it: ``2147483647`` (not ``2.14748e+09``), ``0.5``, ``1``."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _range_text(kind: str, minimum: float | None, maximum: float | None) -> str:
    if minimum is not None and maximum is not None:
        return f"{kind} from {_bound(minimum)} to {_bound(maximum)}"
    if minimum is not None:
        return f"{kind} of at least {_bound(minimum)}"
    if maximum is not None:
        return f"{kind} of at most {_bound(maximum)}"
    return kind


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
    from the table has no extra rules. Messages name the field and the selector's value:
    ``"prompt must be a non-blank string of 1-5000 characters; got 6000 characters (for model
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
            if getattr(instance, name) is None:
                raise ValidationError(f"{name} is required {when}", field=name, allowed=f"a value {when}")
        for name, message, allowed in refusals:
            if getattr(instance, name) is not None:
                raise ValidationError(message, field=name, allowed=allowed)
        for name, attribute, validator in checks:
            given = getattr(instance, name)
            if given is None:
                continue
            try:
                validator(instance, attribute, given)
            except ValidationError as exc:
                raise ValidationError(f"{exc} ({when})", field=exc.field, allowed=f"{exc.allowed} {when}") from None

    return apply


class _Named:
    """Stands in for the ``attrs.Attribute`` a validator reads its field name from."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


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
    attribute = fields_of(type(instance))[name]
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
    fields = fields_of(cls)  # type: ignore[arg-type]  # cls is an attrs params class
    if not fields.keys() >= kwargs.keys():
        name = next(name for name in kwargs if name not in fields)
        raise ValidationError(
            f"unknown parameter {name!r} for {where}; known: {', '.join(fields)}. "
            "Parameters newer than this SDK go in with_options(extra_body={...}).",
            field=name,
            allowed=f"one of {', '.join(fields)}",
        )
    for name in _required(cls):  # type: ignore[arg-type]
        if kwargs.get(name) is None:
            given = " (None given)" if name in kwargs else ""
            raise ValidationError(f"missing required parameter {name!r} for {where}{given}", field=name)
    return cls(**kwargs)


def to_body(instance: Any, extra_body: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The JSON body for a params instance: every field that is not ``None``, plus ``extra_body``.

    An update's fields (annotated ``| Omit``, see :data:`OMIT`) are left off when ``OMIT``, and
    sent as ``null`` when ``None`` where the annotation also says ``| None``.

    Raises:
        ValidationError: ``extra_body`` repeats a parameter that was also passed normally (one of
            the two values would otherwise be lost).
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
    for key, value in (extra_body or {}).items():
        if key in body:
            raise ValidationError(f"{key!r} is given both as a parameter and in extra_body; pass it once", field=key)
        body[key] = value
    return body
