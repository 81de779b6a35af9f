"""What an operation does once reached through a client: the resource classes, sync and async.

``client.suno.text_to_music`` is a :class:`TaskResource` (``create``/``get``/``wait``/``run``),
``client.suno.boost_style`` a :class:`DirectResource` and ``client.files.from_stream`` an
:class:`UploadResource`; each has an ``Async`` twin whose methods are ``await``-ed. The sync and
async classes share every flow (``_TaskResourceBase``, ``_DirectResourceBase``,
``_UploadResourceBase``) and differ only in calling ``client._run`` or awaiting it. The operation
kinds that hand these out are in :mod:`runapi._core.operations`; this module needs them only for
type checking. Also here: the body and ``Idempotency-Key`` of a POST, and local files uploaded
first.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, TypeVar

import attrs

from ..errors import APIError, ValidationError
from . import params as _params
from .flows import Flow, Follow, call_direct, create_task, get_task, upload_file, wait_task
from .models import Result, Task
from .options import PollPolicy, RequestOptions
from .params import build_params, local_files, to_body, with_urls
from .transport import Timeout

if TYPE_CHECKING:
    from typing_extensions import Self

    from .async_client import AsyncBaseClient
    from .base import APIClientBase, ClientBase
    from .client import BaseClient
    from .multipart import Multipart
    from .operations import DirectOperation, TaskOperation, UploadOperation, _Operation  # noqa: F401  # in strings
    from .pricing import PriceQuote

__all__ = [
    "AsyncDirectResource",
    "AsyncTaskResource",
    "AsyncUploadResource",
    "DirectResource",
    "TaskResource",
    "UploadResource",
    "new_idempotency_key",
]

P = ParamSpec("P")
T = TypeVar("T", bound=Task)
R = TypeVar("R", bound=Result)
X = TypeVar("X")
OperationT = TypeVar("OperationT", bound="_Operation")


class _Resource(Generic[OperationT]):
    """What every resource shares: the client, the operation and the per-call options."""

    _client: ClientBase

    def __init__(self, client: Any, operation: OperationT, options: RequestOptions | None = None) -> None:
        self._client = client
        self._operation = operation
        self._options = options or RequestOptions()

    @property
    def path(self) -> str:
        """The operation's path (a task's status path is ``f"{path}/{task_id}"``)."""
        return self._operation.path

    def __repr__(self) -> str:
        kind = next(cls.__name__ for cls in type(self).__mro__ if cls.__module__ == __name__)
        return f"<{kind} {self._operation.name}: {self.path}>"

    def _quote_flow(self, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> Flow[PriceQuote]:
        """``quote()``'s flow: the params checked as the create checks them, then ``POST /api/v1/price_quotes``.

        The service and action come from the path (:func:`runapi._core.pricing.price_names`), the
        model from the params' ``model`` if they have one. Local files are not uploaded for a
        quote: their placeholder URLs are sent.
        """
        from .pricing import price_names, quote_flow

        params = self._operation.params
        kwargs, _ = local_files(params, kwargs)  # type: ignore[arg-type]  # params is a params class
        built = build_params(params, args, kwargs, f"POST {self.path}", strict=_strict(self._client, self._options))
        body = to_body(built, self._options.extra_body)
        service, action = price_names(self.path)
        model = body.pop("model", None)
        return quote_flow(service, action, model if isinstance(model, str) else None, body)


class _TaskResourceBase(_Resource["TaskOperation[P, T]"], Generic[P, T]):
    """What :class:`TaskResource` and :class:`AsyncTaskResource` share: options and every flow."""

    _client: BaseClient | AsyncBaseClient

    def with_options(
        self,
        *,
        timeout: Timeout | float | tuple[float, float] | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
        wait_timeout: float | None = None,
        poll_interval: float | None = None,
        max_poll_interval: float | None = None,
        on_progress: Callable[[T], None] | None = None,
        strict: bool | None = None,
        client_request_id: str | None = None,
    ) -> Self:
        """This endpoint with per-call options (see :class:`runapi.RequestOptions`)::

        client.veo_3_1.text_to_video.with_options(wait_timeout=1200, on_progress=print).run(...)
        """
        changes = RequestOptions(
            timeout=timeout,
            max_retries=max_retries,
            extra_headers=extra_headers,
            extra_body=extra_body,
            idempotency_key=idempotency_key,
            wait_timeout=wait_timeout,
            poll_interval=poll_interval,
            max_poll_interval=max_poll_interval,
            on_progress=on_progress,
            strict=strict,
            client_request_id=client_request_id,
        )
        return type(self)(self._client, self._operation, self._options.merged(changes))

    def _create_flow(self, args: tuple[Any, ...], kwargs: Mapping[str, Any], *, key: str | None = None) -> Flow[T]:
        """The create's flow, its params checked now (see :func:`_body_and_key`, which ``key`` is passed to)."""
        body, key, local = _body_and_key(
            self._client, self.path, self._operation.params, self._options, args, kwargs, key
        )
        task = self._operation.task
        if not local:
            return create_task(self.path, body, task, key)
        return _after_uploads(self._client, body, local, key, lambda sent: create_task(self.path, sent, task, key))

    def _wait_flow(self, task_id: str, options: RequestOptions, *, just_created: bool = False) -> Flow[T]:
        policy = options.poll_policy(self._client.poll_policy)
        if policy.interval is None and policy.expected is not self._operation.duration:
            policy = attrs.evolve(policy, expected=self._operation.duration)
        return wait_task(
            self.path,
            task_id,
            self._operation.task,
            policy,
            self._client._clock,
            options.on_progress,
            just_created=just_created,
        )

    def _wait_call(
        self,
        task_id: str,
        timeout: float | None,
        poll_interval: float | None,
        max_poll_interval: float | None,
        on_progress: Callable[[T], None] | None,
    ) -> tuple[Flow[T], RequestOptions]:
        """``wait()``'s flow and options: the call's poll settings over the endpoint's and the client's."""
        options = self._options.merged(
            RequestOptions(
                wait_timeout=timeout,
                poll_interval=poll_interval,
                max_poll_interval=max_poll_interval,
                on_progress=on_progress,
            )
        )
        return self._wait_flow(task_id, options), options

    def _run_flow(self, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> Flow[T]:
        """``run()``'s flow: the create's, then the wait's on the task it made."""
        create = self._create_flow(args, kwargs)
        task = yield from create
        return (yield from self._wait_flow(task.id, self._options, just_created=True))


class TaskResource(_TaskResourceBase[P, T]):
    """An endpoint bound to a client: ``create``, ``get``, ``wait`` and ``run``.

    Errors raised by every method: :class:`runapi.ValidationError` (bad parameters, before any
    request), :class:`runapi.APIStatusError` subclasses (non-2xx answers, after retries),
    :class:`runapi.APIConnectionError` (no answer), :class:`runapi.APIResponseValidationError`
    (a 2xx body not shaped as documented).
    """

    _client: BaseClient

    def create(self, *args: P.args, **kwargs: P.kwargs) -> T:
        """Create a task; return it at once (``status == "processing"``).

        Parameters are keyword-only and spelled as RunAPI spells them; ``None`` values are left
        off the wire. The request carries an ``Idempotency-Key`` reused on any retry; by default
        (``idempotent_creates``) a create whose outcome is unknown is re-sent with it, and RunAPI
        answers the task that key made. A reused key with other input raises
        :class:`runapi.IdempotencyConflictError` (409).

        Returns:
            The new task (its ``id`` is what ``get``/``wait`` take).
        """
        return self._client._run(self._create_flow(args, kwargs), self._options)

    def get(self, task_id: str) -> T:
        """Return the task's current state (one status request, retried on transient errors)."""
        return self._client._run(get_task(self.path, task_id, self._operation.task), self._options)

    def wait(
        self,
        task_id: str,
        *,
        timeout: float | None = None,
        poll_interval: float | None = None,
        max_poll_interval: float | None = None,
        on_progress: Callable[[T], None] | None = None,
    ) -> T:
        """Poll until the task completes and return it.

        Args:
            task_id: the id from ``create``.
            timeout: deadline in seconds (client default 900).
            poll_interval: a fixed schedule: first gap between polls, seconds, growing 1.5x per
                poll. By default polls are shaped by the operation's expected duration instead
                (see ``runapi._core.options.PollPolicy``): the first poll is immediate.
            max_poll_interval: cap on the gap between polls, seconds (15 with ``poll_interval``,
                else 120).
            on_progress: called with every polled task, e.g. to log Suno's ``generation_stage``.

        Raises:
            TaskFailedError: the task ended ``failed`` (``.task``, ``.error``, ``.code``).
            TaskTimeoutError: the deadline passed (``.task_id``, ``.last_status``); the task goes on.
        """
        flow, options = self._wait_call(task_id, timeout, poll_interval, max_poll_interval, on_progress)
        return self._client._run(flow, options)

    def run(self, *args: P.args, **kwargs: P.kwargs) -> T:
        """Create a task and wait for it: ``create`` then ``wait``, with the same errors.

        Polling settings come from ``with_options(wait_timeout=..., poll_interval=...,
        on_progress=...)`` or the client's defaults.
        """
        return self._client._run(self._run_flow(args, kwargs), self._options)

    def quote(self, *args: P.args, **kwargs: P.kwargs) -> PriceQuote:
        """What a create with these parameters would reserve (``POST /api/v1/price_quotes``); no task is made.

        The parameters are checked exactly as :meth:`create` checks them (a ``ValidationError``
        before any request); the pricing service and action are the path's
        (``/api/v1/kling/text_to_video`` -> ``kling``, ``text_to_video``), the model the ``model``
        parameter's.

        Returns:
            :class:`runapi.PriceQuote`: ``reservation_amount_cents`` (US cents), ``reservation_usd``.
        """
        return self._client._run(self._quote_flow(args, kwargs), self._options)


class AsyncTaskResource(_TaskResourceBase[P, T]):
    """An endpoint bound to an :class:`runapi.AsyncClient`: ``await`` its ``create``, ``get``, ``wait`` and ``run``.

    The same parameters, flows, options and errors as :class:`TaskResource`; polls wait with the
    client's ``sleep`` (``asyncio.sleep``), so many thousand waits share one event loop.
    """

    _client: AsyncBaseClient

    async def create(self, *args: P.args, **kwargs: P.kwargs) -> T:
        """Create a task; return it at once (see :meth:`TaskResource.create`)."""
        return await self._client._run(self._create_flow(args, kwargs), self._options)

    async def get(self, task_id: str) -> T:
        """Return the task's current state (see :meth:`TaskResource.get`)."""
        return await self._client._run(get_task(self.path, task_id, self._operation.task), self._options)

    async def wait(
        self,
        task_id: str,
        *,
        timeout: float | None = None,
        poll_interval: float | None = None,
        max_poll_interval: float | None = None,
        on_progress: Callable[[T], None] | None = None,
    ) -> T:
        """Poll until the task completes and return it (see :meth:`TaskResource.wait`)."""
        flow, options = self._wait_call(task_id, timeout, poll_interval, max_poll_interval, on_progress)
        return await self._client._run(flow, options)

    async def run(self, *args: P.args, **kwargs: P.kwargs) -> T:
        """Create a task and wait for it (see :meth:`TaskResource.run`)."""
        return await self._client._run(self._run_flow(args, kwargs), self._options)

    async def quote(self, *args: P.args, **kwargs: P.kwargs) -> PriceQuote:
        """What a create with these parameters would reserve (see :meth:`TaskResource.quote`)."""
        return await self._client._run(self._quote_flow(args, kwargs), self._options)


class _PostResource(_Resource[OperationT]):
    """What a resource called once per request shares (direct and upload): its per-call options."""

    def with_options(
        self,
        *,
        timeout: Timeout | float | tuple[float, float] | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
        strict: bool | None = None,
        client_request_id: str | None = None,
    ) -> Self:
        """This endpoint with per-call options (see :class:`runapi.RequestOptions`)."""
        changes = RequestOptions(
            timeout=timeout,
            max_retries=max_retries,
            extra_headers=extra_headers,
            extra_body=extra_body,
            idempotency_key=idempotency_key,
            strict=strict,
            client_request_id=client_request_id,
        )
        return type(self)(self._client, self._operation, self._options.merged(changes))

    def _follow(self) -> Follow | None:
        """How an answer ``202`` + ``Location`` is followed: the client's poll settings (``wait_timeout``,
        ``poll_interval``), polls shaped by the operation's ``duration``; ``None`` on a client that
        does not poll (the management client's record creates)."""
        policy: PollPolicy | None = getattr(self._client, "poll_policy", None)
        if policy is None:
            return None
        duration = getattr(self._operation, "duration", None)  # an upload declares none: the client's schedule
        if duration is not None and policy.interval is None and policy.expected is not duration:
            policy = attrs.evolve(policy, expected=duration)
        return Follow(self._client.base_url, policy, self._client._clock)


class _DirectResourceBase(_PostResource["DirectOperation[P, R]"], Generic[P, R]):
    """What :class:`DirectResource` and :class:`AsyncDirectResource` share: options and the flow."""

    _client: BaseClient | AsyncBaseClient

    def _flow(self, args: tuple[Any, ...], kwargs: Mapping[str, Any], *, key: str | None = None) -> Flow[R]:
        """The call's flow, its params checked now (see :func:`_body_and_key`, which ``key`` is passed to)."""
        body, key, local = _body_and_key(
            self._client, self.path, self._operation.params, self._options, args, kwargs, key
        )
        result, envelope, follow = self._operation.result, self._operation.envelope, self._follow()
        if not local:
            return call_direct(self.path, body, result, key, envelope, follow)
        return _after_uploads(
            self._client, body, local, key, lambda sent: call_direct(self.path, sent, result, key, envelope, follow)
        )


class DirectResource(_DirectResourceBase[P, R]):
    """A direct endpoint bound to a client: call it with the params, get the result back.

    The call is one POST with an ``Idempotency-Key``; it is retried as a create is: by default
    (``idempotent_creates``) also after an unknown outcome, with the same key, which RunAPI
    de-duplicates; with ``idempotent_creates=False``, never where the server may have acted. The
    result keeps the answer's headers (``result.response_headers``, ``result.runapi_task_id``).

    Raises:
        ValidationError: bad parameters, before any request.
        TaskFailedError: the answer is shaped as a failed task (``"status": "failed"``).
        APIStatusError: a non-2xx answer, after retries (``.idempotency_key``, ``.task_may_exist``).
        APIConnectionError: no answer.
        APIResponseValidationError: a 2xx body not shaped as documented.
    """

    _client: BaseClient

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        """Call the endpoint and return its result.

        Parameters are keyword-only and spelled as RunAPI spells them; ``None`` values are left
        off the wire.
        """
        return self._client._run(self._flow(args, kwargs), self._options)

    def quote(self, *args: P.args, **kwargs: P.kwargs) -> PriceQuote:
        """What a call with these parameters would reserve (see :meth:`TaskResource.quote`); nothing is called."""
        return self._client._run(self._quote_flow(args, kwargs), self._options)


class AsyncDirectResource(_DirectResourceBase[P, R]):
    """A direct endpoint bound to an :class:`runapi.AsyncClient`: ``await`` it (see :class:`DirectResource`)."""

    _client: AsyncBaseClient

    async def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        """Call the endpoint and return its result (see :meth:`DirectResource.__call__`)."""
        return await self._client._run(self._flow(args, kwargs), self._options)

    async def quote(self, *args: P.args, **kwargs: P.kwargs) -> PriceQuote:
        """What a call with these parameters would reserve (see :meth:`TaskResource.quote`)."""
        return await self._client._run(self._quote_flow(args, kwargs), self._options)


class _UploadResourceBase(_PostResource["UploadOperation[P, R]"], Generic[P, R]):
    """What :class:`UploadResource` and :class:`AsyncUploadResource` share: the flow.

    ``with_options(extra_body=...)`` adds JSON fields, or text parts of a multipart upload. A large
    file needs no longer ``timeout``: the read timeout is the longest silence, not a total.
    """

    def _flow(self, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> Flow[R]:
        """The upload as a flow (the create flows of other operations run it for local files)."""
        operation = self._operation
        where = f"POST {self.path}"
        strict = _strict(self._client, self._options)
        values = to_body(build_params(operation.params, args, kwargs, where, strict=strict), self._options.extra_body)
        file_field = operation.file_field
        if file_field is None:
            body: Mapping[str, Any] | Multipart = values
            fingerprint = values
        else:
            from .multipart import Multipart, source_identity

            source = values.pop(file_field)
            name = values.get("file_name")
            fields = _form_fields(values)
            limit = _params.MAX_UPLOAD_BYTES  # read per call: a module setting
            try:
                body = Multipart(fields, file_field, source, filename=_filename(source, name), max_file_bytes=limit)
            except OSError as exc:  # the file went away (or became unreadable) since it was checked
                raise ValidationError(f"{file_field} cannot be read: {exc}", field=file_field) from None
            if limit is not None and body.file_size is not None and body.file_size > limit:  # it grew since
                allowed = f"a file of at most {_params.size_text(limit)}"
                raise ValidationError(
                    f"{file_field} must be {allowed}; it grew to {_params.size_text(body.file_size)} once checked",
                    field=file_field,
                    allowed=allowed,
                )
            fingerprint = {**values, file_field: source_identity(source)}
        key = self._options.idempotency_key
        if key is None:
            key = new_idempotency_key()
        else:
            self._client._keys.claim(key, self.path, fingerprint)
        return upload_file(self.path, body, operation.result, key, self._follow())


class UploadResource(_UploadResourceBase[P, R]):
    """An upload endpoint bound to a client: call it with the params, get the stored file's record back.

    The call is one POST with an ``Idempotency-Key``; it is retried only where the server cannot
    have stored the file (the connection never opened, 429, 503; never after a non-seekable stream
    was read), whatever ``idempotent_creates`` says: RunAPI promises to de-duplicate task creates
    by key, not uploads (the official ``FilesClient.create`` sends no key).

    Raises:
        ValidationError: bad parameters, before any request: a file that does not exist, or one
            larger than an upload may be (``runapi._core.params.MAX_UPLOAD_BYTES``, 10 MB) where
            its size is known (a path, bytes, a seekable file object), naming the field, the
            file's size and the limit. A stream of unknown size (a pipe) is counted while it is
            sent instead: once it passes the limit the upload is stopped and this is raised then.
        APIStatusError: a non-2xx answer, after retries (``.idempotency_key``; ``.task_may_exist``
            when the file may have been stored anyway).
        APIConnectionError: no answer.
        APIResponseValidationError: a 2xx body not shaped as documented.
    """

    _client: BaseClient

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        """Upload the file and return the stored file's record (its ``download_url``).

        Parameters are keyword-only and spelled as RunAPI spells them; ``None`` values are left
        off the wire.
        """
        return self._client._run(self._flow(args, kwargs), self._options)


class AsyncUploadResource(_UploadResourceBase[P, R]):
    """An upload endpoint bound to an :class:`runapi.AsyncClient`: ``await`` it (see :class:`UploadResource`)."""

    _client: AsyncBaseClient

    async def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        """Upload the file and return the stored file's record (see :meth:`UploadResource.__call__`)."""
        return await self._client._run(self._flow(args, kwargs), self._options)


def _form_fields(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The text parts of a multipart body: a string as it is, a list as one ``name[]`` part per item (as
    OpenAI's form endpoints and the official packages send arrays), anything else as JSON (``true``, ``0.5``)."""
    parts: list[tuple[str, str]] = []
    for key, value in values.items():
        items = value if isinstance(value, list | tuple) else None
        for item in [value] if items is None else items:
            parts.append((key if items is None else f"{key}[]", item if isinstance(item, str) else json.dumps(item)))
    return parts


def _filename(source: object, file_name: object) -> str | None:
    """The file part's ``filename``: the source's own name, else the ``file_name`` asked for."""
    from .multipart import file_name_of

    own = file_name_of(source)
    if own is not None:
        return own
    return file_name if isinstance(file_name, str) else None


def _after_uploads(
    client: APIClientBase,
    body: dict[str, Any],
    local: Mapping[str, os.PathLike[str]],
    key: str,
    then: Callable[[dict[str, Any]], Flow[X]],
) -> Flow[X]:
    """Upload each local file of ``body`` (``files.from_stream``), put the download URLs in, then run ``then``.

    An upload that fails raises its error with the create's ``idempotency_key`` and
    ``task_may_exist`` false: the create itself was never sent.
    """
    urls: dict[str, str] = {}
    try:
        for marker, path in local.items():
            urls[marker] = yield from client._upload_local(path)
    except APIError as exc:
        exc.idempotency_key = key
        exc.task_may_exist = False
        raise
    except OSError as exc:  # the file went away since it was checked
        raise ValidationError(f"{os.fspath(path)!r} cannot be read: {exc}") from None
    return (yield from then(with_urls(body, urls)))


def _body_and_key(
    client: ClientBase,
    path: str,
    params: Callable[..., object],
    options: RequestOptions,
    args: tuple[Any, ...],
    kwargs: Mapping[str, Any],
    given_key: str | None = None,
) -> tuple[dict[str, Any], str, dict[str, os.PathLike[str]]]:
    """A POST's JSON body, its ``Idempotency-Key`` and the local files it names, checked before any request.

    Local files given for URL parameters (``pathlib.Path``) stand in the body as placeholders,
    which the caller swaps for download URLs once it uploaded them (:func:`_after_uploads`).

    The key is ``given_key`` when set: an SDK caller's own (``runapi.batch``: a new key, or the one
    its journal recorded for this same input), sent as it is, not checked against the client's
    ledger of keys; else ``options.idempotency_key`` (a user's key: claimed for this body), else a
    new one.

    Raises:
        ValidationError: a bad parameter (a local file that does not exist included), or a key
            of your own already used for another body.
    """
    kwargs, local = local_files(params, kwargs)  # type: ignore[arg-type]  # params is a params class
    built = build_params(params, args, kwargs, f"POST {path}", strict=_strict(client, options))
    body = to_body(built, options.extra_body)
    if given_key is not None:
        return body, given_key, local
    key = options.idempotency_key
    if key is None:
        return body, new_idempotency_key(), local
    client._keys.claim(key, path, body)
    return body, key, local


def _strict(client: ClientBase, options: RequestOptions) -> bool:
    """Whether this call refuses values the SDK does not know: the call's ``strict``, else the client's."""
    return client._settings.strict if options.strict is None else options.strict


_key_bits = random.Random()  # seeded from os.urandom; never the global generator a user may seed
os.register_at_fork(after_in_child=_key_bits.seed)  # a forked worker must not repeat its parent's keys


def new_idempotency_key() -> str:
    """A random (version 4) UUID string for one create's ``Idempotency-Key``.

    Drawn from a private generator seeded by the OS (re-seeded in a forked child), not
    ``uuid.uuid4()``: that asks the kernel for randomness on every call, the one system call a
    create would add to a bare HTTP request. ``random.seed(...)`` in user code does not touch it.
    """
    bits = _key_bits.getrandbits(128) & ~(0xF << 76 | 0x3 << 62) | (0x4 << 76 | 0x2 << 62)
    hex_ = f"{bits:032x}"
    return f"{hex_[:8]}-{hex_[8:12]}-{hex_[12:16]}-{hex_[16:20]}-{hex_[20:]}"
