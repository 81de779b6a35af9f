"""How a family declares its endpoints, and what every endpoint then offers.

A family module declares a :class:`Family` subclass whose attributes are :class:`TaskOperation`
values: a path, a params class and a task class. Nothing else::

    class Suno(Family):
        text_to_music = TaskOperation("/api/v1/suno/text_to_music", TextToMusicParams, MusicTask)

Reached through a client (``client.suno.text_to_music``), each becomes a :class:`TaskResource` with
``create``, ``get``, ``wait`` and ``run``. ``create`` and ``run`` take exactly the params class's
keyword arguments: type checkers see them through the ``ParamSpec`` ``P`` (the params class is a
``dataclass_transform`` class), and at run time each operation gets its own small
:class:`TaskResource` subclass whose ``create``/``run`` carry the real ``inspect.signature`` and the
params' documentation, so ``help()`` and IDEs that introspect show every parameter too (the
signature forwarding at the end of this module).

Where the rest lives: :class:`Family`, :class:`FamilyAttribute` and :data:`ClientT` in
:mod:`runapi._core.families`; the resource classes (what a call does) in
:mod:`runapi._core.resources`; the record kinds in :mod:`runapi._core.records`. Their names stay
importable from here.
"""

from __future__ import annotations

import inspect
import re
import types
import typing
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, TypeVar, overload

import attrs

from .families import ClientT, Family, FamilyAttribute
from .models import Result, Task
from .options import DURATIONS, Duration
from .params import FileInput, fields_of
from .resources import (
    AsyncDirectResource,
    AsyncTaskResource,
    AsyncUploadResource,
    DirectResource,
    TaskResource,
    UploadResource,
    _Resource,
    new_idempotency_key,
)

if TYPE_CHECKING:
    from .async_client import AsyncClientCore
    from .client import ClientCore

__all__ = [
    "AsyncDirectResource",
    "AsyncTaskResource",
    "AsyncUploadResource",
    "ClientT",
    "DirectOperation",
    "DirectResource",
    "Family",
    "FamilyAttribute",
    "TaskOperation",
    "TaskResource",
    "UploadOperation",
    "UploadResource",
    "_Resource",
    "new_idempotency_key",
]

P = ParamSpec("P")
T = TypeVar("T", bound=Task)
R = TypeVar("R", bound=Result)


class _Operation:
    """What every operation kind shares: a path, a params class, a name, and a resource per client.

    Reached through a family instance, an operation becomes its resource (bound to the client),
    built from a per-operation subclass of ``resource_base`` whose ``forwarded`` methods carry the
    params' real signature (see :func:`_resource_class`).
    """

    resource_base: type
    async_resource_base: type
    forwarded: tuple[str, ...]

    leading: tuple[inspect.Parameter, ...] = ()
    """Parameters the forwarded methods take before the params' own (an update's ``record_id``)."""

    deprecated: str | None = None
    """The operation to use instead, where this one is deprecated: reaching it warns (``DeprecationWarning``)."""

    def __init__(self, path: str, params: Callable[..., object], returns: type) -> None:
        self.path = path
        self.params = params
        self.returns = returns
        self.name = path.rsplit("/", 1)[-1]
        self._resource_classes: dict[bool, type] = {}

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def _bind(self, family: Family[Any]) -> Any:
        if self.deprecated is not None:  # warned at the user's line: client.<family>.<operation>
            message = f"{self.name} is deprecated: use {self.deprecated} instead ({self.path})"
            warnings.warn(message, DeprecationWarning, stacklevel=3)
        is_async = family._client.is_async
        cls = self._resource_classes.get(is_async)
        if cls is None:
            cls = self._resource_classes[is_async] = _resource_class(self, is_async)
        resource = cls(family._client, self)
        family.__dict__[self.name] = resource  # later lookups skip this descriptor
        return resource

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}: {self.path}>"


class TaskOperation(_Operation, Generic[P, T]):
    """One asynchronous endpoint: ``POST path`` creates a task, ``GET path/{id}`` reports it.

    Args:
        path: the create path, e.g. ``"/api/v1/veo_3_1/text_to_video"``.
        params: the params class; its keyword arguments become ``create()``'s.
        task: the task class the create, status and callback payloads structure into.
        duration: how long its tasks typically take (``DURATIONS["image"]``, ...): ``wait()``
            and ``run()`` shape their polls around it (see :class:`PollPolicy`).
        deprecated: the name of the operation that replaces this one, if it is deprecated:
            reaching it (``client.suno.add_samples``) warns with a ``DeprecationWarning`` naming
            the replacement, once per family instance; it still works.
    """

    resource_base = TaskResource
    async_resource_base = AsyncTaskResource
    forwarded = ("create", "run", "quote")

    def __init__(
        self,
        path: str,
        params: Callable[P, object],
        task: type[T],
        *,
        duration: Duration = DURATIONS["default"],
        deprecated: str | None = None,
    ) -> None:
        super().__init__(path, params, task)
        self.task = task
        self.duration = duration
        self.deprecated = deprecated

    @overload
    def __get__(self, family: None, owner: type | None = None) -> TaskOperation[P, T]: ...
    @overload
    def __get__(self, family: Family[AsyncClientCore], owner: type | None = None) -> AsyncTaskResource[P, T]: ...
    @overload
    def __get__(self, family: Family[ClientCore], owner: type | None = None) -> TaskResource[P, T]: ...
    def __get__(self, family: Family[Any] | None, owner: type | None = None) -> Any:
        return self if family is None else self._bind(family)


class DirectOperation(_Operation, Generic[P, R]):
    """One synchronous endpoint: ``POST path`` answers 2xx with the result itself; no task, no status path.

    Reached as a callable: ``client.suno.boost_style(description="Pop")`` returns the typed result.

    Args:
        path: the endpoint's path, e.g. ``"/api/v1/suno/boost_style"``.
        params: the params class; its keyword arguments become the call's.
        result: the :class:`runapi._core.models.Result` subclass the answer structures into.
        envelope: the key the answer wraps the result in (``{"guardrail": {...}}``), if any.
        duration: how long its work typically takes, where it may answer ``202 Accepted`` with a
            ``Location`` to poll instead (runapi-core 0.10.1 ``_run_hybrid``): the polls are shaped
            around it as a task's are.
    """

    resource_base = DirectResource
    async_resource_base = AsyncDirectResource
    forwarded = ("__call__", "quote")

    def __init__(
        self,
        path: str,
        params: Callable[P, object],
        result: type[R],
        *,
        envelope: str | None = None,
        duration: Duration = DURATIONS["default"],
    ) -> None:
        super().__init__(path, params, result)
        self.result = result
        self.envelope = envelope
        self.duration = duration

    @overload
    def __get__(self, family: None, owner: type | None = None) -> DirectOperation[P, R]: ...
    @overload
    def __get__(self, family: Family[AsyncClientCore], owner: type | None = None) -> AsyncDirectResource[P, R]: ...
    @overload
    def __get__(self, family: Family[ClientCore], owner: type | None = None) -> DirectResource[P, R]: ...
    def __get__(self, family: Family[Any] | None, owner: type | None = None) -> Any:
        return self if family is None else self._bind(family)


class UploadOperation(_Operation, Generic[P, R]):
    """One endpoint that stores a file: ``POST path`` answers 2xx (201) with the stored file's record.

    Reached as a callable, like a direct operation: ``client.files.from_url(file_url=...)``. A
    params class with a :data:`~runapi._core.params.FileInput` field is sent as a streamed
    ``multipart/form-data`` body (that field is the file part, the other fields are text parts);
    any other params class is sent as JSON. Retried as a create (never replayed where the server
    may have stored the file); a failed upload's ``task_may_exist`` means the file may be stored.

    Args:
        path: the endpoint's path, e.g. ``"/api/v1/files/from_stream"``.
        params: the params class; its keyword arguments become the call's.
        result: the :class:`runapi._core.models.Result` subclass the answer structures into.
    """

    resource_base = UploadResource
    async_resource_base = AsyncUploadResource
    forwarded = ("__call__",)

    def __init__(self, path: str, params: Callable[P, object], result: type[R]) -> None:
        super().__init__(path, params, result)
        self.result = result
        hints = typing.get_type_hints(params, include_extras=True)
        files = [name for name in fields_of(params) if hints[name] == FileInput]  # type: ignore[arg-type]
        if len(files) > 1:
            raise TypeError(f"{getattr(params, '__name__', params)} has more than one FileInput field: {files}")
        self.file_field: str | None = files[0] if files else None

    @overload
    def __get__(self, family: None, owner: type | None = None) -> UploadOperation[P, R]: ...
    @overload
    def __get__(self, family: Family[AsyncClientCore], owner: type | None = None) -> AsyncUploadResource[P, R]: ...
    @overload
    def __get__(self, family: Family[ClientCore], owner: type | None = None) -> UploadResource[P, R]: ...
    def __get__(self, family: Family[Any] | None, owner: type | None = None) -> Any:
        return self if family is None else self._bind(family)


def _signature(operation: _Operation) -> inspect.Signature:
    """``(self, *, <required params>, <optional params>=None) -> <result class>`` for one operation."""
    cls: Any = operation.params
    hints = typing.get_type_hints(cls)
    fields = attrs.fields(cls)
    ordered = [f for f in fields if f.default is attrs.NOTHING] + [f for f in fields if f.default is not attrs.NOTHING]
    parameters = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY), *operation.leading]
    for f in ordered:
        default = inspect.Parameter.empty if f.default is attrs.NOTHING else f.default
        parameters.append(
            inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=hints[f.name])
        )
    shown = getattr(operation, "shown_returns", operation.returns)  # a list's: list[Record]
    return inspect.Signature(parameters, return_annotation=shown)


def _params_doc(params: object) -> str:
    """A params class's docstring as a method's: its ``Attributes:`` section headed ``Args:``, so that
    ``help()`` and IDEs list the parameters as the method's arguments."""
    return re.sub(r"^Attributes:$", "Args:", inspect.getdoc(params) or "", count=1, flags=re.MULTILINE)


def _forward(generic: Callable[..., Any], name: str, operation: _Operation, owner: str) -> Callable[..., Any]:
    """A copy of a resource method that shows ``operation``'s parameters and their docs.

    The same code object under a new function (not a wrapper calling it): no extra call per request.
    """
    method = types.FunctionType(generic.__code__, generic.__globals__, name, generic.__defaults__, generic.__closure__)
    method.__kwdefaults__ = generic.__kwdefaults__
    method.__qualname__ = f"{owner}.{name}"
    method.__module__ = generic.__module__
    signature = _signature(operation)
    if name == "quote":  # a quote takes the create's params and answers a PriceQuote
        from .pricing import PriceQuote

        signature = signature.replace(return_annotation=PriceQuote)
    method.__signature__ = signature  # type: ignore[attr-defined]
    method.__doc__ = f"{inspect.getdoc(generic)}\n\n{_params_doc(operation.params)}"
    return method


def _class_name(operation: _Operation) -> str:
    return "".join(part.capitalize() for part in operation.name.split("_")) + "Resource"


def _resource_class(operation: _Operation, is_async: bool) -> type:
    """A subclass of the operation's resource class whose methods taking the params show their real signature."""
    base = operation.async_resource_base if is_async else operation.resource_base
    owner = ("Async" if is_async else "") + _class_name(operation)
    namespace: dict[str, Any] = {
        name: _forward(getattr(base, name), name, operation, owner) for name in operation.forwarded
    }
    namespace["__doc__"] = f"``{operation.path}``, bound to a client.\n\n{inspect.getdoc(base)}"
    namespace["__module__"] = getattr(operation.returns, "__module__", __name__)
    return type(owner, (base,), namespace)
