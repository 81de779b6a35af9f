"""Task results (runapi-core 0.10.1): ``client.tasks.get``, ``wait`` and ``subscribe``.

Every task has a stored result at ``GET /api/v1/tasks/{id}``, a :class:`~runapi._core.models.TaskResult`:
``id``, ``status`` (``pending``, ``processing``, ``completed``, ``failed``), ``error``, and once it
ended the ``response`` its endpoint would have answered (``status``, ``content_type``, ``headers``,
``body``). An endpoint that answers ``202 Accepted`` names that resource in its ``Location`` header
(optionally with ``Retry-After``, the first poll's delay); a direct call answered that way follows
it by itself, and :meth:`Tasks.subscribe` follows a ``Location`` kept from an interrupted call.

The sync (:class:`Tasks`, ``client.tasks``) and async (:class:`AsyncTasks`,
``async_client.tasks``) classes share every flow (:mod:`runapi._core.flows`:
``wait_task_result``, ``follow_location``, ``decode_task_result``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, overload

from ..errors import ValidationError
from .families import Family
from .flows import (
    TASKS_PATH,
    Flow,
    Follow,
    _task_path as task_path,
    decode_task_result,
    follow_location,
    get_task,
    wait_task_result,
)
from .models import Result, TaskResult
from .options import RequestOptions

if TYPE_CHECKING:
    from .async_client import AsyncBaseClient  # noqa: F401  # in strings
    from .base import APIClientBase
    from .client import BaseClient  # noqa: F401  # in strings

__all__ = ["AsyncTasks", "TaskOutput", "Tasks"]

R = TypeVar("R", bound=Result)
C = TypeVar("C", bound="APIClientBase", covariant=True)

TaskOutput = dict[str, Any] | list[Any] | str | bytes | int | float | bool | None
"""What :meth:`Tasks.subscribe` returns without ``as_``: the JSON value for a JSON answer, ``str``
for text (``text/*``, SRT, VTT), ``bytes`` for anything else."""


class _TasksBase(Family[C]):
    """What :class:`Tasks` and :class:`AsyncTasks` share: the flows, built from the call's poll settings."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {TASKS_PATH}/{{id}}>"

    def _follow(self, timeout: float | None, poll_interval: float | None, max_poll_interval: float | None) -> Follow:
        options = RequestOptions(wait_timeout=timeout, poll_interval=poll_interval, max_poll_interval=max_poll_interval)
        return Follow(self._client.base_url, options.poll_policy(self._client.poll_policy), self._client._clock)

    def _get_flow(self, task_id: str) -> Flow[TaskResult]:
        return get_task(TASKS_PATH, task_id, TaskResult)

    def _wait_flow(
        self, task_id: str, timeout: float | None, poll_interval: float | None, max_poll_interval: float | None
    ) -> Flow[TaskResult]:
        follow = self._follow(timeout, poll_interval, max_poll_interval)
        return wait_task_result(task_path(TASKS_PATH, task_id), task_id, follow.policy, follow.clock)

    def _subscribe_flow(
        self,
        location: str,
        as_: type[R] | None,
        timeout: float | None,
        poll_interval: float | None,
        max_poll_interval: float | None,
    ) -> Flow[Any]:
        given: object = as_  # typed callers pass a class; others may not
        if given is not None and not (isinstance(given, type) and issubclass(given, Result)):
            raise ValidationError(f"as_ must be a result class (a runapi Result subclass); got {given!r}", field="as_")
        flow = follow_location(location, self._follow(timeout, poll_interval, max_poll_interval))
        result = yield from flow
        return decode_task_result(result, as_)


class Tasks(_TasksBase["BaseClient"]):
    """``client.tasks``: stored task results (``GET /api/v1/tasks/{id}``; runapi-core 0.10.1 ``TaskResult``)."""

    def get(self, task_id: str) -> TaskResult:
        """Return the task's stored result as it is now: ``GET /api/v1/tasks/{task_id}``, one request.

        Works for any task (a task endpoint's or a direct call's). Retried on transient errors.

        Returns:
            A :class:`~runapi.TaskResult` (``status``; ``response`` once it ended).

        Raises:
            ValidationError: ``task_id`` is empty, before any request.
            NotFoundError: no such task for this API key (``.task_id``).
        """
        return self._client._run(self._get_flow(task_id), RequestOptions())

    def wait(
        self,
        task_id: str,
        *,
        timeout: float | None = None,
        poll_interval: float | None = None,
        max_poll_interval: float | None = None,
    ) -> TaskResult:
        """Poll ``GET /api/v1/tasks/{task_id}`` until the task ended; return its result, completed or failed.

        A failed task is returned, not raised (its ``status``, ``error`` and stored ``response``
        say why); :meth:`subscribe` raises instead. The first poll is immediate; then the
        client's schedule (or ``poll_interval``), a ``Retry-After`` on an answer setting the next
        gap; transient errors (no answer, 408, 429, 5xx) poll on until the deadline.

        Args:
            task_id: the task's id.
            timeout: deadline in seconds (the client's ``wait_timeout``, 900, by default).
            poll_interval: a fixed schedule's first gap, seconds (growing 1.5x per poll).
            max_poll_interval: cap on the gap between polls, seconds.

        Raises:
            TaskTimeoutError: the deadline passed (``.task_id``, ``.last_status``); the task goes on.
            APIStatusError: a non-transient error answer (``NotFoundError``: no such task).
        """
        flow = self._wait_flow(task_id, timeout, poll_interval, max_poll_interval)
        return self._client._run(flow, RequestOptions())

    @overload
    def subscribe(
        self,
        location: str,
        *,
        as_: type[R],
        timeout: float | None = None,
        poll_interval: float | None = None,
        max_poll_interval: float | None = None,
    ) -> R: ...
    @overload
    def subscribe(
        self,
        location: str,
        *,
        as_: None = None,
        timeout: float | None = None,
        poll_interval: float | None = None,
        max_poll_interval: float | None = None,
    ) -> TaskOutput: ...
    def subscribe(
        self,
        location: str,
        *,
        as_: type[R] | None = None,
        timeout: float | None = None,
        poll_interval: float | None = None,
        max_poll_interval: float | None = None,
    ) -> Any:
        """Follow a task result URL (a ``202`` answer's ``Location``) to the value its task ended with.

        Keep the ``Location`` of a call that was interrupted after RunAPI accepted it, and pass it
        here later to recover the result (runapi-core 0.10.1 README, "Recovering Interrupted
        Requests"). ``location`` is the URL (``https://runapi.ai/api/v1/tasks/{id}``) or its path;
        a URL on another origin than the client's base URL is refused before any request (the API
        key goes only there). Polls as :meth:`wait` does.

        Args:
            location: the ``Location`` header's value.
            as_: a result class (``runapi.suno.BoostedStyle``) to structure a JSON answer into.
            timeout: deadline in seconds (the client's ``wait_timeout`` by default).
            poll_interval: a fixed schedule's first gap, seconds.
            max_poll_interval: cap on the gap between polls, seconds.

        Returns:
            With ``as_``: that class. Without: the stored answer's JSON value (a ``dict``) for a
            JSON content type; ``str`` for ``text/*``, ``application/srt`` and
            ``application/x-subrip`` (SRT, VTT); ``bytes`` for anything else.

        Raises:
            ValidationError: ``location`` is not a URL or path, or is on another origin (before any
                request); ``as_`` is not a result class.
            APIStatusError: the task stored a non-2xx answer: the subclass a live answer with its
                status raises (``BadRequestError`` for 400, ...), ``.task_id`` set.
            TaskFailedError: the task failed without a stored error answer, or stored a failed
                task (``{"status": "failed", "error"}``).
            TaskTimeoutError: the deadline passed (``.task_id``, ``.location``); the task goes on.
            APIResponseValidationError: ``as_`` was given for an answer that is not JSON, or the
                answer does not fit it.
        """
        flow = self._subscribe_flow(location, as_, timeout, poll_interval, max_poll_interval)
        return self._client._run(flow, RequestOptions())


class AsyncTasks(_TasksBase["AsyncBaseClient"]):
    """``async_client.tasks``: :class:`Tasks` for the :class:`runapi.AsyncClient`; ``await`` each call."""

    async def get(self, task_id: str) -> TaskResult:
        """Return the task's stored result as it is now (see :meth:`Tasks.get`)."""
        return await self._client._run(self._get_flow(task_id), RequestOptions())

    async def wait(
        self,
        task_id: str,
        *,
        timeout: float | None = None,
        poll_interval: float | None = None,
        max_poll_interval: float | None = None,
    ) -> TaskResult:
        """Poll until the task ended; return its result, completed or failed (see :meth:`Tasks.wait`)."""
        flow = self._wait_flow(task_id, timeout, poll_interval, max_poll_interval)
        return await self._client._run(flow, RequestOptions())

    @overload
    async def subscribe(
        self,
        location: str,
        *,
        as_: type[R],
        timeout: float | None = None,
        poll_interval: float | None = None,
        max_poll_interval: float | None = None,
    ) -> R: ...
    @overload
    async def subscribe(
        self,
        location: str,
        *,
        as_: None = None,
        timeout: float | None = None,
        poll_interval: float | None = None,
        max_poll_interval: float | None = None,
    ) -> TaskOutput: ...
    async def subscribe(
        self,
        location: str,
        *,
        as_: type[R] | None = None,
        timeout: float | None = None,
        poll_interval: float | None = None,
        max_poll_interval: float | None = None,
    ) -> Any:
        """Follow a task result URL to the value its task ended with (see :meth:`Tasks.subscribe`)."""
        flow = self._subscribe_flow(location, as_, timeout, poll_interval, max_poll_interval)
        return await self._client._run(flow, RequestOptions())
