"""The receiving layer of :mod:`runapi.webhooks`: verify, type and de-duplicate callbacks.

:class:`Receiver` builds on the signing layer (``_signing.py``): it verifies with ``unwrap``, types
the task by ``task_type`` or by operation name (:func:`callback_url`, :func:`task_type_for`: they
load the families on first use), reads the secret (:func:`read_secret`, ``RUNAPI_CALLBACK_SECRET``)
and claims each callback's key in a ``DedupStore`` (``_stores.py``). The framework adapters in
:mod:`runapi.contrib` are glue around it. Import the public names from :mod:`runapi.webhooks`.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Generic, overload

import attrs

from ..errors import ValidationError
from ._signing import (
    DEFAULT_TOLERANCE,
    Body,
    Callback,
    HeadersLike,
    SecretLike,
    WebhookVerificationError,
    _keys,
    _seconds,
    _TaskT_co,
    unwrap,
)
from ._stores import _CLAIM_STATES, ClaimState, DedupStore, MemoryStore, _whole_seconds

if TYPE_CHECKING:
    from .._core.models import Task

__all__ = [
    "DEFAULT_DEDUP_TTL",
    "DEFAULT_LEASE",
    "OPERATION_PARAM",
    "SECRET_ENV",
    "Answer",
    "MissingCallbackSecretError",
    "Receipt",
    "Receiver",
    "callback_url",
    "operation_name",
    "read_secret",
    "task_type_for",
]

_logger = logging.getLogger("runapi")


# -- receiving: verify, type, de-duplicate -------------------------------------------------------

SECRET_ENV = "RUNAPI_CALLBACK_SECRET"
"""The environment variable (and the Django / Flask setting) a :class:`Receiver` reads its secret from."""

OPERATION_PARAM = "runapi_operation"
"""The query parameter :func:`callback_url` adds, naming the operation a callback's task came from."""

DEFAULT_DEDUP_TTL = 24 * 3600.0
"""Seconds a handled callback is remembered: RunAPI's redeliveries (up to 10) come well within a day."""

DEFAULT_LEASE = 60.0
"""Seconds a callback is held as *being handled* while its handler runs (see :class:`Receiver`)."""


class MissingCallbackSecretError(ValidationError):
    """No callback secret is configured: set ``RUNAPI_CALLBACK_SECRET`` (or the framework setting of that name).

    Raised when a :class:`Receiver` (or a framework adapter) is built, so a misconfigured app fails
    at startup rather than answering 500 to every callback later.
    """


@attrs.frozen(kw_only=True)
class Receipt(Generic[_TaskT_co]):
    """A verified callback and the state its key was found in, as :meth:`Receiver.receive` returns it.

    Attributes:
        callback: the verified :class:`Callback` (its ``task`` typed).
        key: the de-duplication key (``X-Callback-Id``, plus Suno's ``generation_stage``).
        state: what the claim found (see :data:`ClaimState`): ``"claimed"`` (handle it now, inside
            :meth:`Receiver.handling`), ``"handling"`` (another delivery of it is being handled:
            answer 503 so RunAPI redelivers) or ``"done"`` (it was handled: answer 2xx).
    """

    callback: Callback[_TaskT_co]
    key: str
    state: ClaimState

    @property
    def task(self) -> _TaskT_co:
        """The callback's task."""
        return self.callback.task

    @property
    def claimed(self) -> bool:
        """``True`` when this delivery holds the key: run your handler (inside :meth:`Receiver.handling`)."""
        return self.state == "claimed"

    @property
    def duplicate(self) -> bool:
        """``True`` when this callback was already handled: answer 2xx and do nothing."""
        return self.state == "done"

    @property
    def in_progress(self) -> bool:
        """``True`` when another delivery of this callback is being handled: answer 503 (not 2xx), do nothing."""
        return self.state == "handling"


@attrs.frozen
class Answer:
    """The HTTP answer to give a callback request, as :meth:`Receiver.respond` returns it.

    Attributes:
        status: ``204`` (handled now, or before), ``400`` (no valid callback) or ``503`` (being
            handled by another delivery: RunAPI redelivers it later).
        headers: response headers to send: ``{"Retry-After": "60"}`` (whole seconds) with a 503,
            else empty.
    """

    status: int
    headers: Mapping[str, str] = attrs.field(factory=dict)


def callback_url(url: str, operation: object) -> str:
    """``url`` with the operation a task comes from added (``?runapi_operation=suno.text_to_music``).

    Give it as the create's ``callback_url``; a :class:`Receiver` without a fixed ``task_type``
    then types the callback as that operation's task (the framework adapters read the query). The
    parameter is not signed, but it only chooses how the signed body is parsed.

    Args:
        url: your callback endpoint.
        operation: ``"suno.text_to_music"``, or the operation itself (``client.suno.text_to_music``).
    """
    from urllib.parse import urlencode, urlsplit, urlunsplit

    name = operation_name(operation)
    parts = urlsplit(url)
    query = f"{parts.query}&" if parts.query else ""
    return urlunsplit(parts._replace(query=query + urlencode({OPERATION_PARAM: name})))


def operation_name(operation: object) -> str:
    """``"family.operation"`` for a name or an operation reached through a client (``client.suno.text_to_music``)."""
    if isinstance(operation, str):
        task_type_for(operation)  # checks it
        return operation
    target = getattr(operation, "_operation", operation)
    path = getattr(target, "path", None)
    if isinstance(path, str):
        for name, found in _task_operations().items():
            if found.path == path:
                return name
    raise ValidationError(
        f"operation must be a 'family.operation' name or a task operation, got {type(operation).__name__}",
        field="operation",
        allowed="'suno.text_to_music' or client.suno.text_to_music",
    )


def task_type_for(operation: str) -> type[Task]:
    """The task class of an operation named ``"family.operation"`` (``"suno.text_to_music"`` -> ``MusicTask``).

    Raises:
        runapi.ValidationError: no task operation has that name.
    """
    found = _task_operations().get(operation)
    if found is None:
        raise ValidationError(
            f"unknown operation {operation!r}; name a task operation as 'family.operation', e.g. 'suno.text_to_music'",
            field="operation",
            allowed="a 'family.operation' name of a task operation",
        )
    task: type[Task] = found.task
    return task


def _task_operations() -> dict[str, Any]:
    """Every task operation of every family, by ``"family.operation"`` (imports the families once)."""
    from .._core.operations import TaskOperation
    from .._families import operations

    return {name: entry[2] for name, entry in operations().items() if isinstance(entry[2], TaskOperation)}


def read_secret(value: SecretLike | None = None, *, where: str = "the environment") -> SecretLike:
    """The callback secret: ``value`` if given, else ``RUNAPI_CALLBACK_SECRET`` from the environment.

    Raises:
        MissingCallbackSecretError: neither is set (``where`` says what else was looked at).
    """
    import os

    secret = value if value is not None else os.environ.get(SECRET_ENV)
    if secret is None or (isinstance(secret, str | bytes) and not secret.strip()):
        raise MissingCallbackSecretError(
            f"no callback secret: set {SECRET_ENV} in {where} (the secret from the RunAPI dashboard, base64)",
            field=SECRET_ENV,
        )
    _keys(secret)  # fails now (invalid_secret) rather than on the first callback
    return secret


class Receiver(Generic[_TaskT_co]):
    """Verify, type and de-duplicate RunAPI callbacks, whatever the web framework.

    ::

        receiver = webhooks.Receiver(task_type=MusicTask)  # secret from RUNAPI_CALLBACK_SECRET

        def view(request):  # any framework
            answer = receiver.respond(request.body, request.headers, finish)  # finish(task) is yours
            return Response(status=answer.status, headers=answer.headers)

    The framework adapters (``runapi.contrib.flask``, ``.django``, ``.starlette``) do exactly this.
    By hand, :meth:`respond` is::

        try:
            receipt = receiver.receive(request.body, request.headers)
        except webhooks.WebhookVerificationError:
            return 400
        if receipt.in_progress:  # another delivery of it is being handled right now
            return 503, {"Retry-After": str(receiver.retry_after)}
        if receipt.claimed:
            with receiver.handling(receipt):  # done if your code returns, released if it raises
                finish(receipt.task)
        return 204

    A callback is processed at least once, and answered 2xx only once it was: RunAPI redelivers a
    callback (up to 10 times) until it gets a 2xx, with the same ``X-Callback-Id``; Suno sends one
    callback per stage (``generation_stage``). The key is the id plus the stage. After
    verification (a forged or stale request never touches the store) it is claimed in ``store``
    atomically: one delivery gets it and runs your handler; the key is then *handling* for
    ``lease`` seconds. When the handler returns, the key is marked *done* for ``ttl`` seconds and
    the answer is 204; redeliveries then get 204 at once. If the handler raises, the key is
    released and the exception propagates (500): the redelivery is handled again. A redelivery
    that arrives while the handler still runs (RunAPI timed out waiting for it) gets 503 with
    ``Retry-After``, never a 2xx: that first handler may yet fail.

    Handlers should be idempotent all the same: a handler running longer than ``lease``, or one
    whose process died, lets a redelivery run it again.

    Args:
        secret: the base64 callback secret (or several while rotating). Leave it out to read
            ``RUNAPI_CALLBACK_SECRET``: secrets belong in settings, not code.
        task_type: the task class callbacks are typed as (``runapi.suno.MusicTask``). Without
            it (and without ``operation``), each callback is typed by the ``operation`` passed
            to :meth:`receive` (the adapters pass the :func:`callback_url` query), else as
            :class:`runapi.Task`.
        operation: ``"suno.text_to_music"`` (or the operation): the same as its ``task_type``.
        store: a :class:`DedupStore`; a :class:`MemoryStore` by default.
        ttl: seconds a handled callback is remembered (default one day).
        lease: seconds a claimed callback is held as *being handled* (default 60). It bounds how
            long a process that died mid-handler keeps the callback from being handled again, so
            keep it short, but above your handler's longest run: a handler still running when its
            lease lapses may be run a second time by a redelivery. 60 seconds is well above a
            webhook handler's usual run (answer quickly; queue slow work), and a crash costs at most
            a minute of RunAPI's redelivery schedule. The 503's ``Retry-After`` is this, rounded
            up to whole seconds: by then the handler finished or its claim lapsed.
        tolerance: the accepted clock difference, seconds (see :func:`verify`).

    Raises:
        MissingCallbackSecretError: no ``secret`` and no ``RUNAPI_CALLBACK_SECRET``.
        WebhookVerificationError: the secret is unusable (reason ``"invalid_secret"``).
        runapi.ValidationError: an unknown ``operation``, a ``task_type`` that is no task class, a
            ``store`` without ``claim``/``finish``/``release``, or a ``ttl`` or ``lease`` that is
            not a finite number of seconds > 0.
    """

    @overload
    def __init__(
        self: Receiver[Task],
        secret: SecretLike | None = None,
        *,
        task_type: None = None,
        operation: object = None,
        store: DedupStore | None = None,
        ttl: float = DEFAULT_DEDUP_TTL,
        lease: float = DEFAULT_LEASE,
        tolerance: float | None = DEFAULT_TOLERANCE,
    ) -> None: ...
    @overload
    def __init__(
        self,
        secret: SecretLike | None = None,
        *,
        task_type: type[_TaskT_co],
        operation: None = None,
        store: DedupStore | None = None,
        ttl: float = DEFAULT_DEDUP_TTL,
        lease: float = DEFAULT_LEASE,
        tolerance: float | None = DEFAULT_TOLERANCE,
    ) -> None: ...
    @overload
    def __init__(
        self: Receiver[Any],
        secret: SecretLike | None = None,
        *,
        task_type: type[Task] | None = None,
        operation: object = None,
        store: DedupStore | None = None,
        ttl: float = DEFAULT_DEDUP_TTL,
        lease: float = DEFAULT_LEASE,
        tolerance: float | None = DEFAULT_TOLERANCE,
    ) -> None: ...
    def __init__(
        self,
        secret: SecretLike | None = None,
        *,
        task_type: type[Any] | None = None,
        operation: object = None,
        store: DedupStore | None = None,
        ttl: float = DEFAULT_DEDUP_TTL,
        lease: float = DEFAULT_LEASE,
        tolerance: float | None = DEFAULT_TOLERANCE,
    ) -> None:
        self._secret = read_secret(secret)
        if operation is not None and task_type is None:
            task_type = task_type_for(operation_name(operation))
        self.task_type: type[Task] | None = task_type
        if store is not None:
            missing = [name for name in ("claim", "finish", "release") if not callable(getattr(store, name, None))]
            if missing:
                allowed = "a runapi.webhooks.DedupStore: claim(key, lease), finish(key, ttl), release(key)"
                raise ValidationError(
                    f"store must be {allowed}; {type(store).__name__} has no {', '.join(missing)}",
                    field="store",
                    allowed=allowed,
                )
        self.store: DedupStore = store if store is not None else MemoryStore()
        self.ttl = _duration(ttl, "ttl")
        self.lease = _duration(lease, "lease")
        self.tolerance = tolerance

    @property
    def retry_after(self) -> int:
        """Seconds to tell a redelivery that came while the callback is being handled: ``lease``, rounded up."""
        return _whole_seconds(self.lease)

    def __repr__(self) -> str:
        kind = self.task_type.__name__ if self.task_type else "by operation"
        return f"<runapi.webhooks.Receiver {kind} store={type(self.store).__name__} lease={self.lease:g}s>"

    def receive(
        self, body: Body, headers: HeadersLike, *, operation: str | None = None, now: float | None = None
    ) -> Receipt[_TaskT_co]:
        """Verify the callback, type its task, and claim its key for ``lease`` seconds.

        A ``claimed`` receipt must then go through :meth:`handling` (which marks it done or
        releases it); otherwise its key stays *handling* until the lease lapses.

        Args:
            body: the raw body bytes, as received.
            headers: the request headers (any framework's object, see :func:`verify`).
            operation: ``"family.operation"`` to type the task by when the receiver has no
                ``task_type`` (the :data:`OPERATION_PARAM` query of a :func:`callback_url`).
            now: the current Unix time (tests).

        Returns:
            A :class:`Receipt`: ``claimed`` (handle it), ``in_progress`` (another delivery is
            handling it: answer 503) or ``duplicate`` (it was handled: answer 2xx).

        Raises:
            WebhookVerificationError: the request is not a valid callback (answer 400), including
                an unknown ``operation`` (reason ``"invalid_body"``).
            runapi.ValidationError: the store's ``claim`` returned something else than a
                :data:`ClaimState` (a broken custom store; answer 5xx).
            Exception: whatever the store raises (answer 5xx: RunAPI redelivers).
        """
        task_type: type[Task] | None = self.task_type
        if task_type is None and operation:
            try:
                task_type = task_type_for(operation)
            except ValidationError as exc:
                raise WebhookVerificationError(str(exc), reason="invalid_body") from None
        if task_type is None:
            callback: Callback[Any] = unwrap(body, headers, self._secret, tolerance=self.tolerance, now=now)
        else:
            callback = unwrap(body, headers, self._secret, task_type=task_type, tolerance=self.tolerance, now=now)
        stage = callback.payload.get("generation_stage")
        key = f"{callback.id}:{stage}" if isinstance(stage, str) and stage else callback.id
        state = self.store.claim(key, self.lease)
        if state not in _CLAIM_STATES:  # a 2xx for a callback nobody handled would lose it: refuse
            allowed = "'claimed', 'handling' or 'done'"
            raise ValidationError(
                f"{type(self.store).__name__}.claim() returned {state!r:.40}; a DedupStore's claim returns {allowed}",
                field="store",
                allowed=allowed,
            )
        return Receipt(callback=callback, key=key, state=state)

    def respond(
        self, body: Body, headers: HeadersLike, handler: Callable[[Any], object], *, operation: str | None = None
    ) -> Answer:
        """Receive a callback and, if this delivery claimed it, call ``handler(task)``; return the answer to give.

        What a framework adapter does per request. The :class:`Answer`'s ``status`` is:

        - 204 once ``handler`` returned (the callback is then marked done), or at once for a
          callback handled before (a duplicate);
        - 503, with ``headers`` ``{"Retry-After": "<lease in whole seconds>"}``, when another
          delivery of the callback is being handled: never a 2xx before the handling succeeded,
          so RunAPI redelivers it;
        - 400 for a request that is no valid callback (its reason logged at WARNING on the
          ``runapi`` logger, never the secret).

        Raises:
            Exception: whatever ``handler`` raises, after the callback was released (your framework
                answers 500; RunAPI redelivers and the redelivery is handled again); and whatever
                the store raises.
        """
        receipt = self._accept(body, headers, operation)
        if receipt is not None and receipt.claimed:
            with self.handling(receipt):
                handler(receipt.task)
        return self._answer(receipt)

    async def respond_async(
        self, body: Body, headers: HeadersLike, handler: Callable[[Any], object], *, operation: str | None = None
    ) -> Answer:
        """:meth:`respond` for asyncio frameworks: a coroutine function ``handler`` is awaited; a plain one runs
        in a worker thread (``asyncio.to_thread``, as Starlette and FastAPI run plain endpoints), so a
        blocking handler (a database write) never stalls the event loop; an awaitable it returns is awaited."""
        receipt = self._accept(body, headers, operation)
        if receipt is not None and receipt.claimed:
            with self.handling(receipt):
                if inspect.iscoroutinefunction(handler) or inspect.iscoroutinefunction(
                    getattr(handler, "__call__", None)  # noqa: B004  # an object with an async __call__
                ):
                    result = handler(receipt.task)
                else:
                    result = await asyncio.to_thread(handler, receipt.task)
                if inspect.isawaitable(result):
                    await result
        return self._answer(receipt)

    def _accept(self, body: Body, headers: HeadersLike, operation: str | None) -> Receipt[_TaskT_co] | None:
        """:meth:`receive`, or ``None`` (logged) for a request that is no valid callback."""
        try:
            return self.receive(body, headers, operation=operation)
        except WebhookVerificationError as exc:
            _logger.warning("refused a RunAPI callback: %s (%s)", exc.reason, exc)
            return None

    def _answer(self, receipt: Receipt[Any] | None) -> Answer:
        if receipt is None:
            return Answer(400)
        if receipt.in_progress:
            _logger.info("RunAPI callback %s is being handled by another delivery: answered 503", receipt.key)
            return Answer(503, {"Retry-After": str(self.retry_after)})
        return Answer(204)

    def forget(self, receipt: Receipt[Any]) -> None:
        """Release a receipt's key, so a redelivery of its callback is handled again."""
        self.store.release(receipt.key)

    def handling(self, receipt: Receipt[Any]) -> AbstractContextManager[None]:
        """A context manager around your handler of a ``claimed`` receipt.

        When the block ends normally, the callback is marked done for ``ttl`` seconds (redeliveries
        are duplicates from then on); when it raises, the callback is released (see :meth:`forget`)
        and the exception propagates.

        Raises:
            runapi.ValidationError: the receipt is not ``claimed`` (raised here, before your code
                runs): a duplicate needs no handling, and one ``in_progress`` is another delivery's.
        """
        if not receipt.claimed:
            allowed = "a receipt whose .claimed is True"
            what = "being handled by another delivery (answer 503)" if receipt.in_progress else "done (answer 204)"
            raise ValidationError(
                f"callback {receipt.key} was not claimed by this delivery: it is {what}",
                field="receipt",
                allowed=allowed,
            )
        return _Handling(self, receipt)


def _duration(value: object, field: str) -> float:
    allowed = "a finite number of seconds > 0"
    seconds = _seconds(value, field, allowed)
    if seconds is None or seconds <= 0:
        raise ValidationError(f"{field} must be {allowed}, got {value!r:.40}", field=field, allowed=allowed)
    return seconds


class _Handling(AbstractContextManager[None]):
    def __init__(self, receiver: Receiver[Any], receipt: Receipt[Any]) -> None:
        self._receiver = receiver
        self._receipt = receipt

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if exc_type is None:
            self._receiver.store.finish(self._receipt.key, self._receiver.ttl)
        else:
            self._receiver.forget(self._receipt)
