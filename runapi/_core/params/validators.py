"""Params, layer 2: validators. Checks of one value (types, ranges, lists, URLs, file sizes), the
annotations that imply them (:data:`HttpUrl`, :data:`CallbackUrl`, :data:`FileInput`) and the sign
rule read from a field's name (:func:`sign_rule`)."""

from __future__ import annotations

import functools
import logging
import math
import os
import sys
import types
import warnings
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Annotated, Any, Union, get_args, get_origin
from urllib.parse import urlsplit

import attrs

from ...errors import UnknownValueWarning, ValidationError
from .fields import Validator, _bounded, _kind
from .problems import _STRICT, _unknown
from .sizes import _upload_limit

logger = logging.getLogger("runapi")


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


def _fail(name: str, allowed: str, value: object) -> ValidationError:
    shown = repr(value)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    return ValidationError(f"{name} must be {allowed}; got {shown}", field=name, allowed=allowed)


def _show(values: Iterable[object]) -> str:
    return ", ".join(repr(v) for v in values)


@functools.cache
def one_of(*values: object) -> Validator:
    """The value must be one of ``values`` (compared with type, so ``True`` is not ``1``), or be sent
    as given with a warning when it is a value of the same kind the SDK does not know.

    RunAPI adds models and options faster than SDKs ship, so a value outside ``values`` that has
    their shape (a non-blank string where the values are strings, a non-negative integer where
    they are integers) is **sent as given**: a :class:`runapi.UnknownValueWarning` is emitted
    once per (params class, field, value) in a process and logged on the ``runapi`` logger, and
    later rules of the call skip the field (a per-model table selects nothing for an unknown
    model). A value of another kind (``5`` for a model id, a list for a string) is refused. When
    the call is strict (``Client(strict=True)``, ``with_options(strict=True)``; see
    :data:`~runapi._core.params.problems._STRICT`), every value outside ``values`` is refused, as
    are values outside the narrower lists rules give for known values (those run strict).

    Validator factories are cached: a rule built per call (``one_of(*variant.aspect_ratios)`` in
    ``__attrs_post_init__``) costs a dictionary lookup.
    """
    allowed = f"one of {_show(values)}"
    members = frozenset((type(v), v) for v in values)
    kinds = frozenset(type(v) for v in values if type(v) in (str, int))

    def validate(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        try:
            known = (type(value), value) in members
        except TypeError:  # unhashable, so not one of the (hashable) values
            known = False
        if known:
            return
        if _STRICT.get() or type(value) not in kinds or not _plausible(value):
            raise _fail(attribute.name, allowed, value)
        _warn_unknown(type(instance).__name__, attribute.name, value, allowed)

    return _bounded(validate, True)


def _plausible(value: Any) -> bool:
    """Whether an unknown value has the shape of a value: a non-blank string, or an integer >= 0."""
    return bool(value.strip()) and value == value.strip() if isinstance(value, str) else value >= 0


_WARNED: set[tuple[str, str, object]] = set()
"""The (params class, field, value) triples warned about in this process (see :func:`one_of`)."""


def _warn_unknown(owner: str, name: str, value: object, allowed: str) -> None:
    """Say once per process that ``value`` of field ``name`` is unknown to this SDK and sent as given."""
    _unknown(name)
    key = (owner, name, value)
    if key in _WARNED:
        return
    _WARNED.add(key)
    message = (
        f"{name}={value!r} is not known to this SDK (it knows {allowed.removeprefix('one of ')}); "
        f"sent as given, so RunAPI decides. Pass strict=True to the client or with_options() to refuse such values"
    )
    logger.info("%s (%s)", message, owner)  # INFO: the warning is what a user sees; no second copy on stderr
    warnings.warn(UnknownValueWarning(message, field=name, value=value), stacklevel=_caller_level())


def _caller_level() -> int:
    """The ``stacklevel`` that points a warning at the user's line: the first frame, from the caller of
    :func:`warnings.warn`'s caller outwards, that is not the SDK's (``runapi``) nor attrs' generated code."""
    frame: types.FrameType | None = sys._getframe(2)  # the function that called warnings.warn
    level = 2
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        internal = module == "runapi" or module.startswith(("runapi.", "attr.", "attrs."))
        if not (internal or frame.f_code.co_filename.startswith("<attrs generated")):
            return level
        frame, level = frame.f_back, level + 1
    return 2


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
    from ..multipart import is_binary_stream, source_size

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
