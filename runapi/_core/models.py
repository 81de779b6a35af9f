"""Result models: attrs classes built from RunAPI's JSON (plain values directly, nested ones when read or by cattrs).

Every task status payload has ``id``, ``status`` and, when failed, ``error`` (docs: Errors >
Task-Specific Errors); families subclass :class:`Task` to add their typed outputs (``audios``,
``images``, ``videos``, ``lyrics``). Structuring is tolerant: unknown keys are ignored and the
whole payload stays on ``task.raw``, so a field RunAPI adds tomorrow is never lost. A nested
value of a shape sure to structure (``images``, ``usage``) is built from ``raw`` on its first read
and cached (see ``_LazyField``), so a held task costs little more than its payload.
"""

from __future__ import annotations

import copy
import functools
import threading
import types
import typing
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import attrs

from ..errors import APIResponseValidationError, header_task_id

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "Result",
    "Task",
    "TaskResult",
    "TaskResultResponse",
    "TaskStatus",
    "TaskUsage",
    "structure",
    "unstructure",
    "with_headers",
]

T = TypeVar("T")
ResultT = TypeVar("ResultT", bound="Result")


class TaskStatus:
    """The task statuses the docs name. Other values may appear; treat them as "still running"."""

    PROCESSING: ClassVar[str] = "processing"
    COMPLETED: ClassVar[str] = "completed"
    FAILED: ClassVar[str] = "failed"


class _NoHeaders(Mapping[str, str]):
    """The empty ``response_headers`` of a result read from no answer: one shared, read-only value.

    Not an empty dict per result: a process holding many tasks built by :meth:`Result.from_dict`
    (a queue, a webhook store) would pay 64 bytes for each. Equal to ``{}``; pickles and copies
    as this same value.
    """

    __slots__ = ()

    def __getitem__(self, key: str) -> str:
        raise KeyError(key)

    def __iter__(self) -> typing.Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "{}"

    def __reduce__(self) -> str:
        return "_NO_HEADERS"


_NO_HEADERS = _NoHeaders()


@attrs.frozen(kw_only=True)
class Result:
    """What an endpoint answered, typed; the base of :class:`Task` and of direct answers.

    Direct endpoints (``client.suno.boost_style(...)``) answer 200 with their result at once;
    each declares a subclass with the documented fields.

    Attributes:
        raw: the JSON payload exactly as received, unknown fields included. Nested fields are
            built from it on their first read: treat it as read-only.
        response_headers: the headers of the answer this result was read from (case-insensitive:
            ``result.response_headers["x-runapi-task-id"]``), as runapi-core 0.10.1 keeps them on
            its models; empty for a result built by hand, by :meth:`from_dict` or by
            ``attrs.evolve``. Response metadata, not data: not an argument, not compared by
            ``==``, not in :meth:`to_dict` nor in the ``repr``.
    """

    raw: Mapping[str, Any] = attrs.field(factory=dict, repr=False, eq=False)
    response_headers: Mapping[str, str] = attrs.field(default=_NO_HEADERS, init=False, repr=False, eq=False)

    @property
    def runapi_task_id(self) -> str | None:
        """The RunAPI task the answer named in its ``X-RunAPI-Task-Id`` header, or ``None``.

        Every answer carries it (runapi-core 0.10.1 README, "Request identifiers"): for a task,
        its id; for a direct result (``client.suno.boost_style(...)``), the task RunAPI stored
        for the call, which support and reconciliation go by.
        """
        return header_task_id(self.response_headers)

    def to_dict(self) -> dict[str, Any]:
        """This result as a JSON-ready dict that :meth:`from_dict` turns back into an equal one.

        Fields the SDK does not model (kept on ``raw``) are included; fields that are ``None``
        and were absent from the payload are left out. Use it to store a task (a queue, a
        database row) and rebuild it later.
        """
        if self.raw and structure(self.raw, type(self)) == self:
            return copy.deepcopy(dict(self.raw))  # still the payload as received, unknown fields and all
        fields = unstructure(self)
        return {**copy.deepcopy(dict(self.raw)), **{k: v for k, v in fields.items() if v is not None}}

    @classmethod
    def from_dict(cls: type[ResultT], payload: Mapping[str, Any]) -> ResultT:
        """Structure a payload (a status answer, a callback body from ``runapi.webhooks.verify``).

        Raises:
            APIResponseValidationError: the payload does not fit (for a task: not an object with a
                string ``id``), or a field has a type the docs rule out.
        """
        return structure(payload, cls)

    @classmethod
    def from_text(cls: type[ResultT], text: str) -> ResultT:
        """A result read from a text answer (plain text, SRT, VTT), where the endpoint may answer one.

        A result that can be read from text (a transcript) overrides this; the base refuses.

        Raises:
            APIResponseValidationError: this result is JSON only.
        """
        raise APIResponseValidationError(f"expected a JSON object for {cls.__name__}, not text", body=text[:500])


@attrs.frozen(kw_only=True)
class TaskUsage:
    """What a completed task cost (``task.usage``; runapi-core 0.10.1 ``TaskUsage`` and its README).

    "Completed Task query and webhook envelopes expose ``usage.cost`` as a float USD amount for
    that Task. Create, processing, and failed envelopes omit ``usage``. The value is the recorded
    settlement for that Task and is never recalculated from the current price schedule."

    Attributes:
        cost: the settled cost of the task, in US dollars (a float: ``0.12``).
        generated_images: how many images the task generated, where the answer says.
    """

    cost: float
    generated_images: int | None = None


@attrs.frozen(kw_only=True)
class Task(Result):
    """A RunAPI task, as answered by a create (202) or status (200) endpoint, or sent to a callback.

    Attributes:
        id: the task id.
        status: ``"processing"``, ``"completed"`` or ``"failed"`` (kept as a string: a status the
            SDK does not know yet is passed through, not refused). Create answers may omit it
            (docs: Quick Start); a task just created is ``"processing"``.
        error: the failure reason, only when ``status == "failed"``.
        usage: what the task cost (:class:`TaskUsage`: ``usage.cost`` in USD), on completed status
            answers and callbacks only; ``None`` on create, processing and failed ones
            (runapi-core 0.10.1 README; the older docs snapshot shows no ``usage``: newer wins).
        raw: the JSON payload exactly as received, unknown fields included.
    """

    id: str
    status: str = TaskStatus.PROCESSING
    error: str | None = None
    usage: TaskUsage | None = None

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


def _list_hook(value: Any, type_: Any) -> list[Any]:
    # A list must be a JSON array: a string is never split into characters, except that a bare
    # string where the docs show a list of strings (Suno's "tags") becomes a one-item list.
    (item_type,) = getattr(type_, "__args__", (Any,))
    if isinstance(value, str) and item_type is str:
        return [value]
    if not isinstance(value, (list, tuple)):
        raise ValueError(f"expected a list, got {type(value).__name__}")
    structure_item = _converter().structure
    return [structure_item(item, item_type) for item in value]


def _is_list(type_: Any) -> bool:
    return getattr(type_, "__origin__", None) is list


def _is_object(type_: Any) -> bool:
    return isinstance(type_, type) and attrs.has(type_) and not issubclass(type_, Result)


def _is_result(type_: Any) -> bool:
    return isinstance(type_, type) and issubclass(type_, Result)


def _bool_hook(value: Any, _: Any) -> bool:
    # bool("false") is True: only real booleans (and the strings "true"/"false") are accepted.
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise ValueError(f"expected a boolean, got {value!r}")


@functools.cache
def _converter() -> cattrs.Converter:
    """The SDK's one converter, built on first use (so a process that never needs it never imports cattrs).

    Unknown keys are ignored (``forbid_extra_keys`` is off); lists must be arrays, nested objects
    must be objects, booleans must be booleans; a task's ``raw`` is the payload itself.
    """
    import cattrs
    from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

    converter = cattrs.Converter()

    def object_hook_factory(type_: type) -> Any:
        # Without this, cattrs reads a string such as "n" as an object whose keys are all missing.
        base: Any = make_dict_structure_fn(type_, converter)

        def structure_object(value: Any, _: Any) -> Any:
            if type(value) is not dict and not isinstance(value, Mapping):
                raise ValueError(f"expected an object, got {type(value).__name__}")
            return base(value, type_)

        return structure_object

    def result_hook_factory(type_: type[Result]) -> Any:
        base = make_dict_structure_fn(type_, converter, raw=override(omit=True))

        def structure_result(value: Any, _: Any) -> Result:
            result = base(value, type_)
            object.__setattr__(result, "raw", value)  # as attrs' own frozen __init__ sets fields; no copy
            return result

        return structure_result

    def result_unstructure_factory(type_: type[Result]) -> Any:
        return make_dict_unstructure_fn(type_, converter, raw=override(omit=True))

    converter.register_structure_hook(bool, _bool_hook)
    converter.register_structure_hook_func(_is_list, _list_hook)
    converter.register_structure_hook_factory(_is_object, object_hook_factory)
    converter.register_structure_hook_factory(_is_result, result_hook_factory)
    converter.register_unstructure_hook_factory(_is_result, result_unstructure_factory)
    return converter


_ANY: frozenset[type] = frozenset({object})
"""A field whose annotation is ``Any``: every value is taken as it is."""

_NONE = type(None)


def _members(hint: Any) -> tuple[Any, ...]:
    """The members of a union annotation (``str | None`` -> ``(str, NoneType)``), else the annotation alone."""
    return typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)


# -- nested fields structured on first read ----------------------------------------------------------
#
# A completed task's nested values (``images: list[Image]``, ``usage: TaskUsage``) are where a held
# task costs more memory than its payload: a list and an object per item, beside ``raw``, which holds
# the same data. When ``from_dict`` (or a status answer) finds such a value in a shape that is sure to
# structure (a list of dicts whose known keys hold JSON scalars of the declared types, required keys
# present), the field holds the shared marker ``_DEFERRED`` instead, and the class's slot for that
# field is wrapped in a ``_LazyField``: the first read structures the value from ``raw`` and caches
# it in the slot (the same object on every later read). Any other shape is structured at once by the
# converter, so a malformed payload still raises ``APIResponseValidationError`` when it is read in,
# never on a later attribute read. ``==``, ``repr``, ``attrs.asdict``, ``attrs.evolve``, ``to_dict``,
# hashing, ``copy`` and ``pickle`` all read fields through the attribute, so they see the structured
# value; no type annotation changes.


class _Deferred:
    """The value a nested field holds until its first read; never seen outside this module."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<deferred>"


_DEFERRED: Any = _Deferred()
_DEFER_LOCK = threading.Lock()


class _LazyField:
    """A data descriptor over a slotted field's own slot: a :data:`_DEFERRED` value is structured on first read.

    Installed (once, on the class that declares the slot) by :func:`_plain_fields` for each field a
    payload may leave deferred; every other value passes through as the plain slot would give it.
    """

    __slots__ = ("_name", "_slot")

    def __init__(self, slot: Any, name: str) -> None:
        self._slot = slot
        self._name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = self._slot.__get__(instance, owner)
        if value is not _DEFERRED:
            return value
        value = _read_deferred(instance, self._name)
        with _DEFER_LOCK:  # two threads reading it first both get the one value stored
            current = self._slot.__get__(instance, owner)
            if current is not _DEFERRED:
                return current
            self._slot.__set__(instance, value)
            return value

    def __set__(self, instance: Any, value: Any) -> None:
        self._slot.__set__(instance, value)

    def __delete__(self, instance: Any) -> None:
        self._slot.__delete__(instance)


class _Flat:
    """An attrs class whose fields all take JSON scalars as they come (``Image``, ``TaskUsage``).

    :meth:`fits` says whether the converter would structure a value into ``cls`` without error;
    :meth:`make` builds, from a value that fits, what the converter would give for it.
    """

    __slots__ = ("_cls", "_direct", "_floats", "_inits", "_required", "_types")

    def __init__(self, cls: type, fields: dict[str, tuple[str, frozenset[type], bool]], required: tuple[str, ...]):
        self._cls = cls
        self._types = {key: types for key, (_, types, _) in fields.items()}
        self._inits = {key: init for key, (init, _, _) in fields.items()}
        self._floats = tuple(init for init, _, to_float in fields.values() if to_float)  # an int becomes a float
        self._required = required
        self._direct = all(key == init for key, init in self._inits.items())

    def fits(self, value: Any) -> bool:
        if type(value) is not dict:
            return False
        known = self._types
        for key, item in value.items():
            allowed = known.get(key)
            if allowed is not None and type(item) not in allowed and allowed is not _ANY:
                return False
        return all(map(value.__contains__, self._required))

    def make(self, value: dict[str, Any]) -> Any:
        inits = self._inits
        if self._direct and value.keys() <= inits.keys():
            kwargs = value  # only known keys, each its own argument: passed as they are (not changed)
        else:
            kwargs = {inits[key]: item for key, item in value.items() if key in inits}
        for init in self._floats:
            if type(kwargs.get(init)) is int:
                kwargs = {**kwargs, init: float(kwargs[init])}
        return self._cls(**kwargs)


def _scalar(hint: Any) -> tuple[frozenset[type], bool] | None:
    """The exact JSON scalar types the converter takes unchanged for ``hint`` (and whether an int becomes a float)."""
    if hint is Any:
        return _ANY, False
    members = _members(hint)
    if all(member in (str, int, bool, _NONE) for member in members):
        return frozenset(members), False
    if float in members and all(member in (float, _NONE) for member in members):
        return frozenset({*members, int}), True
    return None


@functools.cache
def _flat(cls: Any) -> _Flat | None:
    """``cls`` as a :class:`_Flat`, or ``None`` when one of its fields converts, validates or nests."""
    if not _is_object(cls) or hasattr(cls, "__attrs_pre_init__") or hasattr(cls, "__attrs_post_init__"):
        return None
    hints = typing.get_type_hints(cls)
    fields: dict[str, tuple[str, frozenset[type], bool]] = {}
    required = []
    for field in attrs.fields(cls):
        scalar = _scalar(hints[field.name])
        if not field.init or field.validator is not None or field.converter is not None or scalar is None:
            return None
        fields[field.name] = (field.alias or field.name, *scalar)
        if field.default is attrs.NOTHING:
            required.append(field.name)
    return _Flat(cls, fields, tuple(required))


class _Nested:
    """How a field holding a flat object, or a list of them, is checked at once and structured on first read."""

    __slots__ = ("factory", "fits", "hint", "make")

    def __init__(self, hint: Any, item: _Flat, many: bool, factory: Callable[[], Any] | None) -> None:
        self.hint = hint
        self.factory = factory  # the field's default, made on first read when the key is absent
        self.fits: Callable[[Any], bool] = item.fits
        self.make: Callable[[Any], Any] = item.make
        if many:  # a list of them
            fits, make = item.fits, item.make

            def fits_list(value: Any) -> bool:
                return type(value) is list and all(map(fits, value))

            self.fits = fits_list
            self.make = lambda value: list(map(make, value))


def _nested(field: attrs.Attribute[Any], hint: Any) -> _Nested | None:
    if field.validator is not None or field.converter is not None:
        return None
    members = [member for member in _members(hint) if member is not _NONE]
    if len(members) != 1:
        return None
    many = _is_list(members[0])  # list[Image]; a bare list has no item type and is not flat
    item = _flat(typing.get_args(members[0])[0] if many else members[0])
    if item is None:
        return None
    default: Any = field.default
    factory = default.factory if isinstance(default, attrs.Factory) and not default.takes_self else None  # type: ignore[arg-type]
    return _Nested(hint, item, many, factory)


def _lazy_slot(cls: type, name: str) -> bool:
    """Wrap the slot of field ``name`` (on the class of ``cls``'s MRO that declares it) in a :class:`_LazyField`."""
    for owner in cls.__mro__:
        slot = owner.__dict__.get(name)
        if slot is None:
            continue
        with _DEFER_LOCK:
            slot = owner.__dict__[name]
            if isinstance(slot, types.MemberDescriptorType):
                setattr(owner, name, _LazyField(slot, name))
                return True
            return isinstance(slot, _LazyField)
    return False


def _read_deferred(instance: Result, name: str) -> Any:
    """The structured value of ``instance``'s deferred field ``name``, read from ``instance.raw``."""
    nested = _plain_fields(type(instance)).fields[name][2]  # type: ignore[arg-type]  # classes are hashable
    assert nested is not None  # only a field with a _Nested spec is ever deferred
    value = instance.raw.get(name, _MISSING)
    if value is _MISSING:
        assert nested.factory is not None
        return nested.factory()
    if nested.fits(value):
        return nested.make(value)
    import cattrs  # raw was changed after the task was read in (it is the payload itself): check it again

    try:
        return _converter().structure(value, nested.hint)
    except Exception as exc:
        detail = "; ".join(cattrs.transform_error(exc)) if isinstance(exc, cattrs.BaseValidationError) else exc
        raise APIResponseValidationError(f"unexpected {name!r} in raw: {detail}", body=value) from exc


_MISSING: Any = object()


class _Shape(typing.NamedTuple):
    """What :func:`_structure_plain` needs to know of a class (see :func:`_plain_fields`)."""

    fields: dict[str, tuple[str, frozenset[type], _Nested | None]]  # key -> (init argument, exact types, nested)
    absent: tuple[tuple[str, str], ...]  # (key, init argument) of nested fields whose factory waits for a read


@functools.cache
def _plain_fields(cls: type) -> _Shape:
    """For each field of ``cls``: its ``__init__`` argument, the value types that need no converting, its nesting.

    A value of one of those exact types is what the converter would return unchanged (a ``str``
    for ``str``, ``None`` for an optional field, an ``int`` for ``int``, anything for ``Any``).
    Fields of other shapes (lists, nested objects, ``Literal``, ``float``, which turns ints into
    floats) get an empty set (``{None}`` when optional). On a :class:`Result` with slots, a field
    holding a flat attrs object or a list of them (``images``, ``usage``) also gets a
    :class:`_Nested`: a value that fits it is structured on first read; anything else goes through
    the converter.
    """
    hints = typing.get_type_hints(cls)
    fields: dict[str, tuple[str, frozenset[type], _Nested | None]] = {}
    absent = []
    for field in attrs.fields(cls):
        if (field.name == "raw" and issubclass(cls, Result)) or not field.init:  # raw, response_headers
            continue
        hint = hints[field.name]
        members = _members(hint)
        if hint is Any:
            allowed = _ANY
        elif all(member in (str, int, bool, _NONE) for member in members):
            allowed = frozenset(members)
        else:
            allowed = frozenset({_NONE}) if _NONE in members else frozenset()
        nested = _nested(field, hint) if issubclass(cls, Result) else None
        if nested is not None and not _lazy_slot(cls, field.name):
            nested = None  # not a slotted class: structured at once
        init = field.alias or field.name
        fields[field.name] = (init, allowed, nested)
        if nested is not None and nested.factory is not None:
            absent.append((field.name, init))
    return _Shape(fields, tuple(absent))


def _structure_plain(payload: dict[str, Any], cls: type[T]) -> T | None:
    """``cls`` built straight from a payload whose fields all hold plain values, else ``None``.

    The result is the one the converter would give (see :func:`_plain_fields`): every create
    answer (``{"id", "status"}``) and most status answers of running tasks take this path, so
    structuring them costs a constructor call and a cold process never imports cattrs for them.
    A nested value that fits its field's shape (a completed task's ``images``, its ``usage``) is
    left for its first read (:class:`_LazyField`), as is an absent one whose default is a new list.
    """
    shape = _plain_fields(cls)  # type: ignore[arg-type]  # classes are hashable; mypy sees an unbound TypeVar
    kwargs = {}
    for key, value in payload.items():
        spec = shape.fields.get(key)
        if spec is None:
            continue  # unknown keys are ignored (and kept on raw)
        if type(value) not in spec[1] and spec[1] is not _ANY:
            nested = spec[2]
            if nested is None or not nested.fits(value):
                return None
            value = _DEFERRED
        kwargs[spec[0]] = value
    for key, init in shape.absent:
        if key not in payload:
            kwargs[init] = _DEFERRED
    if issubclass(cls, Result):
        kwargs["raw"] = payload  # in __init__, so an __attrs_post_init__ reading a deferred field finds it
    try:
        return cls(**kwargs)
    except TypeError:
        return None  # a required field is missing: the converter explains which


def structure(payload: object, cls: type[T]) -> T:
    """Structure a decoded JSON payload into ``cls``.

    Plain values are passed to the class directly; a nested value of a shape sure to structure is
    left for its first read (``task.images``), built then from ``raw``; anything else goes through
    the converter (cattrs, imported on first use).

    Raises:
        APIResponseValidationError: the payload does not fit ``cls`` (the message names the field).
    """
    is_mapping = type(payload) is dict or isinstance(payload, Mapping)  # decoded JSON is a dict: skip the ABC check
    if issubclass(cls, Task) and not (is_mapping and isinstance(payload.get("id"), str)):  # type: ignore[attr-defined]
        raise APIResponseValidationError("expected a task object with a string 'id'", body=payload)
    if not is_mapping:
        raise APIResponseValidationError(f"expected a JSON object for {cls.__name__}", body=payload)
    data = dict(payload)  # type: ignore[call-overload]
    made = _structure_plain(data, cls)
    if made is not None:
        return made
    import cattrs

    try:
        return _converter().structure(data, cls)
    except Exception as exc:
        detail = "; ".join(cattrs.transform_error(exc)) if isinstance(exc, cattrs.BaseValidationError) else exc
        raise APIResponseValidationError(f"unexpected {cls.__name__} payload: {detail}", body=payload) from exc


def with_headers(result: T, headers: Mapping[str, str] | None) -> T:
    """``result`` with the answer's ``headers`` as its ``response_headers`` (a :class:`Result`; else as it is).

    Set in place, as attrs' own frozen ``__init__`` sets fields: the result was just structured
    from that answer and nothing else holds it yet.
    """
    if headers and isinstance(result, Result):
        object.__setattr__(result, "response_headers", headers)
    return result


def unstructure(value: Any) -> Any:
    """``value`` (a task or a result object) as JSON-ready data, through the converter."""
    return _converter().unstructure(value)


@attrs.frozen(kw_only=True)
class TaskResultResponse(Result):
    """The answer a task stored once it ended: what its endpoint would have answered (runapi-core 0.10.1).

    Attributes:
        status: the stored answer's HTTP status (``200``; a 4xx/5xx for a failure).
        content_type: its ``Content-Type`` (``"application/json"``, ``"text/vtt"``, ``"audio/mpeg"``).
        headers: its headers.
        body: its body: a decoded JSON value for a JSON content type, else the text.
    """

    status: int
    content_type: str = "application/json"
    headers: dict[str, str] = attrs.field(factory=dict)
    body: Any = None


@attrs.frozen(kw_only=True)
class TaskResult(Task):
    """A task's stored result, ``GET /api/v1/tasks/{id}`` (runapi-core 0.10.1 ``TaskResult``).

    The resource an endpoint answering ``202 Accepted`` points its ``Location`` header at, for
    every task (``client.tasks.get(task_id)``).

    Attributes:
        id: the task id.
        status: ``"pending"``, ``"processing"``, ``"completed"`` or ``"failed"`` (an unknown
            status is kept and read as "still running").
        error: the failure reason, when failed.
        response: the stored answer (:class:`TaskResultResponse`), once the task ended; ``None``
            before.
    """

    response: TaskResultResponse | None = None
