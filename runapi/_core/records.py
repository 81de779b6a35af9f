"""Operations on stored records, not tasks: list, get, update and delete (docs: Management Keys, Guardrails).

Some endpoints manage things an account keeps (API keys, guardrails) rather than start tasks. A
family declares them as it declares task operations, one attribute per documented method and
path; a create is a :class:`~runapi._core.operations.DirectOperation` (a POST answering the new
record)::

    class Guardrails(Family):
        list = ListOperation("/api/v1/guardrails", Guardrail, envelope="guardrails")
        create = DirectOperation("/api/v1/guardrails", CreateGuardrailParams, Guardrail, envelope="guardrail")
        get = GetOperation("/api/v1/guardrails", Guardrail, envelope="guardrail")
        update = UpdateOperation("/api/v1/guardrails", UpdateGuardrailParams, Guardrail, envelope="guardrail")
        delete = DeleteOperation("/api/v1/guardrails")

``envelope`` is the key an answer wraps its record (or list) in, where the docs show one.

What each does on the wire, and how it is retried:

- list: ``GET path`` (``GET path?page_number=2`` with a ``query`` params class), retried as every GET;
- get: ``GET path/{record_id}``, the same;
- update: ``PATCH path/{record_id}`` with the fields given (an update params class: fields left out
  are not sent, ``None`` clears, see :data:`~runapi._core.params.OMIT`); retried as a GET, since
  RunAPI's PATCHes overwrite what they name;
- delete: ``DELETE path/{record_id}``, answered ``204``; retried as a GET, and a 404 heard by a
  retry counts as done (the record is gone). A 404 on the first attempt is a
  :class:`~runapi.NotFoundError`, unless ``missing_ok=True``.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, TypeVar, overload
from urllib.parse import urlencode

from .families import Family
from .flows import delete_record, get_record, list_records, update_record
from .models import Result
from .operations import _Operation
from .options import RequestOptions
from .params import build_params, params, to_body
from .resources import _Resource
from .transport import Timeout

if TYPE_CHECKING:
    from typing_extensions import Self

    from .async_client import AsyncClientCore
    from .client import ClientCore
    from .flows import Flow

__all__ = [
    "AsyncDeleteResource",
    "AsyncGetResource",
    "AsyncListResource",
    "AsyncUpdateResource",
    "DeleteOperation",
    "DeleteResource",
    "GetOperation",
    "GetResource",
    "ListOperation",
    "ListResource",
    "UpdateOperation",
    "UpdateResource",
]

P = ParamSpec("P")
R = TypeVar("R", bound=Result)


@params
class NoParams:
    """An operation that takes no parameters beyond the record id."""


class _RecordOperation(_Operation):
    """An operation on ``path`` (a list) or ``path/{record_id}`` (one record)."""

    def __init__(self, path: str, params: Callable[..., object], returns: type, *, envelope: str | None = None) -> None:
        super().__init__(path, params, returns)
        self.envelope = envelope


OpT = TypeVar("OpT", bound=_RecordOperation)


class _RecordResource(_Resource[OpT]):
    """What every record resource offers: per-call transport options."""

    def with_options(
        self,
        *,
        timeout: Timeout | float | tuple[float, float] | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Self:
        """This endpoint with per-call options (see :class:`runapi.RequestOptions`)."""
        changes = RequestOptions(timeout=timeout, max_retries=max_retries, extra_headers=extra_headers)
        return type(self)(self._client, self._operation, self._options.merged(changes))


class ListOperation(_RecordOperation, Generic[P, R]):
    """``GET path``: every record of a kind (``client.keys.list()``), or one page of them.

    Args:
        path: the collection's path, e.g. ``"/api/v1/keys"``.
        record: the :class:`~runapi._core.models.Result` subclass each item structures into.
        envelope: the key the answer wraps its array in (``{"guardrails": [...]}``), if any.
        query: a params class of query parameters (a page number and size), if the list takes
            any: its keyword arguments become the call's, checked before the request and sent as
            ``GET path?name=value&...`` (``None`` left out; booleans as ``true``/``false``).
    """

    @overload
    def __init__(self: ListOperation[[], R], path: str, record: type[R], *, envelope: str | None = None) -> None: ...  # pyright: ignore[reportInvalidTypeVarUse]
    @overload
    def __init__(
        self, path: str, record: type[R], *, envelope: str | None = None, query: Callable[P, object]
    ) -> None: ...
    def __init__(
        self, path: str, record: type[R], *, envelope: str | None = None, query: Callable[..., object] | None = None
    ) -> None:
        super().__init__(path, NoParams if query is None else query, record, envelope=envelope)
        self.record = record
        self.shown_returns = list[record]  # type: ignore[valid-type]  # what help() shows the call returns
        if query is not None:
            self.forwarded = ("__call__",)  # help() and IDEs show the query parameters

    @overload
    def __get__(self, family: None, owner: type | None = None) -> ListOperation[P, R]: ...
    @overload
    def __get__(self, family: Family[AsyncClientCore], owner: type | None = None) -> AsyncListResource[P, R]: ...
    @overload
    def __get__(self, family: Family[ClientCore], owner: type | None = None) -> ListResource[P, R]: ...
    def __get__(self, family: Family[Any] | None, owner: type | None = None) -> Any:
        return self if family is None else self._bind(family)


class _ListBase(_RecordResource["ListOperation[P, R]"], Generic[P, R]):
    """What :class:`ListResource` and :class:`AsyncListResource` share: the flow."""

    def _flow(self, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> Flow[list[R]]:
        operation = self._operation
        path = self.path
        if operation.params is not NoParams or args or kwargs:
            values = to_body(build_params(operation.params, args, kwargs, f"GET {path}"))
            if values:
                pairs = [(k, json.dumps(v) if isinstance(v, bool) else str(v)) for k, v in values.items()]
                path = f"{path}?{urlencode(pairs)}"
        return list_records(path, operation.record, operation.envelope)


class ListResource(_ListBase[P, R]):
    """A collection bound to a client: call it (with its query parameters, if it takes any) to list its records.

    Raises:
        ValidationError: a bad query parameter, before any request.
        APIStatusError: a non-2xx answer, after retries (``AuthenticationError`` for a wrong key).
        APIConnectionError: no answer.
        APIResponseValidationError: the answer is not a list of records.
    """

    _client: ClientCore

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> list[R]:
        """Every record (of the page asked for), in the order the server answers them."""
        return self._client._run(self._flow(args, kwargs), self._options)


class AsyncListResource(_ListBase[P, R]):
    """:class:`ListResource` on an asyncio client: ``await`` it."""

    _client: AsyncClientCore

    async def __call__(self, *args: P.args, **kwargs: P.kwargs) -> list[R]:
        """Every record (of the page asked for), in the order the server answers them."""
        return await self._client._run(self._flow(args, kwargs), self._options)


class GetOperation(_RecordOperation, Generic[R]):
    """``GET path/{record_id}``: one record (``client.keys.get("token_123")``).

    Args:
        path: the collection's path; the record's is ``f"{path}/{record_id}"``.
        record: the :class:`~runapi._core.models.Result` subclass the answer structures into.
        envelope: the key the answer wraps the record in (``{"guardrail": {...}}``), if any.
    """

    def __init__(self, path: str, record: type[R], *, envelope: str | None = None) -> None:
        super().__init__(path, NoParams, record, envelope=envelope)
        self.record = record

    @overload
    def __get__(self, family: None, owner: type | None = None) -> GetOperation[R]: ...
    @overload
    def __get__(self, family: Family[AsyncClientCore], owner: type | None = None) -> AsyncGetResource[R]: ...
    @overload
    def __get__(self, family: Family[ClientCore], owner: type | None = None) -> GetResource[R]: ...
    def __get__(self, family: Family[Any] | None, owner: type | None = None) -> Any:
        return self if family is None else self._bind(family)


class _GetBase(_RecordResource["GetOperation[R]"], Generic[R]):
    """What :class:`GetResource` and :class:`AsyncGetResource` share: the flow."""

    def _flow(self, record_id: str) -> Flow[R]:
        return get_record(self.path, record_id, self._operation.record, self._operation.envelope)


class GetResource(_GetBase[R]):
    """One record by id, bound to a client.

    Raises:
        ValidationError: ``record_id`` is not a non-empty string, before any request.
        NotFoundError: no record has this id.
        APIStatusError: another non-2xx answer, after retries.
        APIConnectionError: no answer.
    """

    _client: ClientCore

    def __call__(self, record_id: str) -> R:
        """The record with this id."""
        return self._client._run(self._flow(record_id), self._options)


class AsyncGetResource(_GetBase[R]):
    """:class:`GetResource` on an asyncio client: ``await`` it."""

    _client: AsyncClientCore

    async def __call__(self, record_id: str) -> R:
        """The record with this id."""
        return await self._client._run(self._flow(record_id), self._options)


class UpdateOperation(_RecordOperation, Generic[P, R]):
    """``PATCH path/{record_id}``: change some fields of a record, return it (``client.keys.update(...)``).

    Args:
        path: the collection's path; the record's is ``f"{path}/{record_id}"``.
        params: an update params class: every field defaults to ``OMIT`` (left unchanged).
        record: the :class:`~runapi._core.models.Result` subclass the answer structures into.
        envelope: the key the answer wraps the record in, if any.
    """

    leading = (inspect.Parameter("record_id", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=str),)

    def __init__(self, path: str, params: Callable[P, object], record: type[R], *, envelope: str | None = None) -> None:
        super().__init__(path, params, record, envelope=envelope)
        self.record = record

    @overload
    def __get__(self, family: None, owner: type | None = None) -> UpdateOperation[P, R]: ...
    @overload
    def __get__(self, family: Family[AsyncClientCore], owner: type | None = None) -> AsyncUpdateResource[P, R]: ...
    @overload
    def __get__(self, family: Family[ClientCore], owner: type | None = None) -> UpdateResource[P, R]: ...
    def __get__(self, family: Family[Any] | None, owner: type | None = None) -> Any:
        return self if family is None else self._bind(family)


class _UpdateBase(_RecordResource["UpdateOperation[P, R]"], Generic[P, R]):
    """What :class:`UpdateResource` and :class:`AsyncUpdateResource` share: the flow."""

    def _flow(self, record_id: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> Flow[R]:
        operation = self._operation
        body = to_body(build_params(operation.params, args, kwargs, f"PATCH {self.path}/{{id}}"))
        return update_record(self.path, record_id, body, operation.record, operation.envelope)


class UpdateResource(_UpdateBase[P, R]):
    """An update bound to a client: ``update(record_id, field=value, ...)`` returns the record as it is now.

    Only the fields you pass are sent: a field left out keeps its value, and ``None`` clears a
    field that can be cleared (sent as JSON ``null``). Sending the same update twice ends the same,
    so it is retried like a GET.

    Raises:
        ValidationError: bad parameters, before any request (a field that cannot be cleared given
            ``None`` included).
        NotFoundError: no record has this id.
        APIStatusError: another non-2xx answer (``UnprocessableEntityError`` when the server
            refuses the values), after retries.
        APIConnectionError: no answer.
    """

    _client: ClientCore

    def __call__(self, record_id: str, /, *args: P.args, **kwargs: P.kwargs) -> R:
        """Send the fields given; return the updated record."""
        return self._client._run(self._flow(record_id, args, kwargs), self._options)


class AsyncUpdateResource(_UpdateBase[P, R]):
    """:class:`UpdateResource` on an asyncio client: ``await`` it."""

    _client: AsyncClientCore

    async def __call__(self, record_id: str, /, *args: P.args, **kwargs: P.kwargs) -> R:
        """Send the fields given; return the updated record."""
        return await self._client._run(self._flow(record_id, args, kwargs), self._options)


class DeleteOperation(_RecordOperation):
    """``DELETE path/{record_id}``: remove a record (``204 No Content``).

    Args:
        path: the collection's path; the record's is ``f"{path}/{record_id}"``.
    """

    def __init__(self, path: str) -> None:
        super().__init__(path, NoParams, type(None))

    @overload
    def __get__(self, family: None, owner: type | None = None) -> DeleteOperation: ...
    @overload
    def __get__(self, family: Family[AsyncClientCore], owner: type | None = None) -> AsyncDeleteResource: ...
    @overload
    def __get__(self, family: Family[ClientCore], owner: type | None = None) -> DeleteResource: ...
    def __get__(self, family: Family[Any] | None, owner: type | None = None) -> Any:
        return self if family is None else self._bind(family)


class _DeleteBase(_RecordResource[DeleteOperation]):
    """What :class:`DeleteResource` and :class:`AsyncDeleteResource` share: the flow."""

    def _flow(self, record_id: str, missing_ok: bool) -> Flow[None]:
        return delete_record(self.path, record_id, missing_ok=missing_ok)


class DeleteResource(_DeleteBase):
    """A delete bound to a client: ``delete(record_id)`` removes the record and returns ``None``.

    Retried like a GET; a 404 heard by a retry counts as done (the record is gone, most likely
    removed by the attempt whose answer was lost).

    Raises:
        ValidationError: ``record_id`` is not a non-empty string, before any request.
        NotFoundError: no record had this id (on the first attempt), unless ``missing_ok=True``.
        APIStatusError: another non-2xx answer, after retries (``PermissionDeniedError`` when
            the key may not delete it).
        APIConnectionError: no answer.
    """

    _client: ClientCore

    def __call__(self, record_id: str, *, missing_ok: bool = False) -> None:
        """Delete the record; with ``missing_ok``, a record that does not exist is not an error."""
        self._client._run(self._flow(record_id, missing_ok), self._options)


class AsyncDeleteResource(_DeleteBase):
    """:class:`DeleteResource` on an asyncio client: ``await`` it."""

    _client: AsyncClientCore

    async def __call__(self, record_id: str, *, missing_ok: bool = False) -> None:
        """Delete the record; with ``missing_ok``, a record that does not exist is not an error."""
        await self._client._run(self._flow(record_id, missing_ok), self._options)


ListOperation.resource_base, ListOperation.async_resource_base = ListResource, AsyncListResource
GetOperation.resource_base, GetOperation.async_resource_base = GetResource, AsyncGetResource
UpdateOperation.resource_base, UpdateOperation.async_resource_base = UpdateResource, AsyncUpdateResource
DeleteOperation.resource_base, DeleteOperation.async_resource_base = DeleteResource, AsyncDeleteResource
ListOperation.forwarded = GetOperation.forwarded = DeleteOperation.forwarded = ()
UpdateOperation.forwarded = ("__call__",)
