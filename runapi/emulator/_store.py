"""Tasks, their life cycle, the balance and idempotency keys: the emulator's state, behind one lock.

Life cycle (docs: task status ``processing`` -> ``completed`` or ``failed``): a task passes
through its endpoint's stages (Suno music: ``text_generated``, ``first_audio_ready``,
``all_audios_ready``; others: ``completed``), each reached at a fraction of the life cycle:

- time-based (default): stage ``s`` is reached when ``clock() - created_at >= s.at * complete_after``;
- poll-based (``complete_after_polls=N``): when the task's status GETs reach ``s.at * N``; the
  N-th GET answers the final state.

A task whose string parameters contain :data:`FAILURE_TOKEN` skips the intermediate stages and
ends ``failed``. Each stage reached is announced through ``on_stage`` exactly once (the
callback), in order, whether it is noticed by a status GET or by :meth:`Store.tick`.

Direct endpoints (:meth:`Store.call`) create no task: the answer is built at once, charged like
a create, and replayed for a repeated ``Idempotency-Key``.
"""

from __future__ import annotations

import copy
import datetime
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from . import _payloads
from ._endpoint import FAILED, Endpoint, Stage
from ._errors import ApiError

__all__ = ["FAILURE_TOKEN", "Store"]

FAILURE_TOKEN = "emulator:fail"
"""Put this in any string parameter (e.g. the prompt) to make the task fail."""

StageListener = Callable[[str, str, str, bytes], None]
"""``on_stage(task_id, callback_url, stage_name, body)``: a task with a callback reached a stage."""


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@dataclass
class _Task:
    id: str
    endpoint: Endpoint
    params: dict[str, Any]
    created_at: float
    callback_url: str | None
    will_fail: bool
    cost_cents: int
    idempotency_key: str | None
    client_request_id: str | None = None
    polls: int = 0
    reached: int = 0  # how many of `milestones` have been reached

    @property
    def milestones(self) -> tuple[Stage, ...]:
        return (FAILED,) if self.will_fail else self.endpoint.stages

    @property
    def stage(self) -> Stage | None:
        return self.milestones[self.reached - 1] if self.reached else None

    @property
    def done(self) -> bool:
        return self.reached >= len(self.milestones)

    @property
    def status(self) -> str:
        if not self.done:
            return "processing"
        return "failed" if self.will_fail else "completed"


@dataclass(frozen=True)
class _Seen:
    params: dict[str, Any]
    task_id: str
    answer: dict[str, Any] | None = None  # a direct call's answer


class Store:
    """All tasks and account state; every public method is thread-safe.

    Args:
        clock: returns the current time in seconds (monotonic); tasks are timed with it.
        complete_after: seconds from create until a task completes (time-based life cycle).
        complete_after_polls: if set, the life cycle is driven by status GETs instead.
        initial_balance_cents: the starting balance.
        base_url: returns the emulator's base URL, for output file URLs.
        on_stage: called (under the store's lock; it must not call back into the store) when a
            task with a ``callback_url`` reaches a stage.
        forward_to: where the callbacks of tasks created without a ``callback_url`` go (``runapi
            listen``); ``None``: nowhere.
    """

    def __init__(
        self,
        *,
        clock: Callable[[], float],
        complete_after: float,
        complete_after_polls: int | None,
        initial_balance_cents: int,
        base_url: Callable[[], str],
        on_stage: StageListener,
        forward_to: str | None = None,
    ) -> None:
        self._forward_to = forward_to
        self._clock = clock
        self._complete_after = complete_after
        self._complete_after_polls = complete_after_polls
        self._base_url = base_url
        self._on_stage = on_stage
        self._lock = threading.Lock()
        self._tasks: dict[str, _Task] = {}
        self._pending: dict[str, _Task] = {}  # tasks still processing
        self._idempotency: dict[tuple[str, str], _Seen] = {}
        self._direct_ids: set[str] = set()  # ids of direct answers (their output files are served)
        self._answers: dict[str, dict[str, Any]] = {}  # every direct call's answer, by call id (GET /api/v1/tasks/{id})
        self._balance_cents = initial_balance_cents
        self._charges: list[tuple[datetime.date, int]] = []

    # --- API operations -------------------------------------------------------------------

    def create(
        self,
        endpoint: Endpoint,
        params: dict[str, Any],
        *,
        idempotency_key: str | None,
        client_request_id: str | None = None,
    ) -> tuple[str, bool]:
        """Create a task from a validated body; return ``(task_id, replayed)``.

        ``replayed`` is true when ``idempotency_key`` was already used on this path with an
        equal body: the original task's id is returned and nothing is created or charged (nor
        its stored ``client_request_id`` changed). A new task stores ``client_request_id``.

        Raises:
            ApiError: 409 (key reused with a different body: runapi-core 0.10.1 README), 422
                (source task still processing), 404 ``Task not found`` (unknown source task),
                402 ``Insufficient credits``.
        """
        with self._lock:
            seen = self._replay(endpoint, params, idempotency_key)
            if seen is not None:
                return seen.task_id, True
            self._check_source(endpoint, params)
            self._charge(endpoint.cost_cents)
            callback_url = params.get("callback_url")
            task = _Task(
                id=str(uuid.uuid4()),
                endpoint=endpoint,
                params=copy.deepcopy(params),
                created_at=self._clock(),
                callback_url=callback_url if isinstance(callback_url, str) and callback_url else None,
                will_fail=any(FAILURE_TOKEN in text for text in _strings(params)),
                cost_cents=endpoint.cost_cents,
                idempotency_key=idempotency_key,
                client_request_id=client_request_id,
            )
            self._tasks[task.id] = self._pending[task.id] = task
            if idempotency_key is not None:
                self._idempotency[(endpoint.path, idempotency_key)] = _Seen(copy.deepcopy(params), task.id)
            self._advance(task)
            return task.id, False

    def call(
        self, endpoint: Endpoint, params: dict[str, Any], *, idempotency_key: str | None
    ) -> tuple[dict[str, Any], bool]:
        """Answer a validated call of a direct endpoint; return ``(answer, replayed)`` (see :meth:`direct`)."""
        answer, replayed, _ = self.direct(endpoint, params, idempotency_key=idempotency_key)
        return answer, replayed

    def direct(
        self, endpoint: Endpoint, params: dict[str, Any], *, idempotency_key: str | None
    ) -> tuple[dict[str, Any], bool, str]:
        """Answer a validated call of a direct endpoint; return ``(answer, replayed, call_id)``.

        The answer is the endpoint's result, or, when the body contains :data:`FAILURE_TOKEN`, a
        failed-task-shaped ``{"id", "status": "failed", "error"}``. A repeated ``idempotency_key``
        with an equal body replays the first answer and charges nothing. ``call_id`` names the
        call (its answer's ``X-RunAPI-Task-Id``; the same on a replay).

        Raises:
            ApiError: as :meth:`create` (409 key reused with a different body; 404 unknown source
                task; 422 source still processing, unless the endpoint accepts any state; 402).
        """
        with self._lock:
            seen = self._replay(endpoint, params, idempotency_key)
            if seen is not None and seen.answer is not None:
                return copy.deepcopy(seen.answer), True, seen.task_id
            source = self._check_source(endpoint, params)
            self._charge(endpoint.cost_cents)
            job = _payloads.Job(
                id=str(uuid.uuid4()),
                params=copy.deepcopy(params),
                base_url=self._base_url(),
                source_status=source.status if source is not None else None,
            )
            if any(FAILURE_TOKEN in text for text in _strings(params)):
                answer = _payloads.direct_failure(endpoint, job)
            else:
                answer = endpoint.result(job)
                self._direct_ids.add(job.id)
            self._answers[job.id] = copy.deepcopy(answer)
            if idempotency_key is not None:
                self._idempotency[(endpoint.path, idempotency_key)] = _Seen(
                    copy.deepcopy(params), job.id, copy.deepcopy(answer)
                )
            return answer, False, job.id

    def status(self, endpoint: Endpoint, task_id: str) -> dict[str, Any]:
        """Count a status GET of ``task_id`` on ``endpoint`` and return its status payload.

        Raises:
            ApiError: 404 ``Task not found``: unknown id, or an id created on another path.
        """
        with self._lock:
            task = self._tasks.get(task_id)
            if task is None or task.endpoint is not endpoint:
                raise ApiError(404, "Task not found")
            task.polls += 1
            self._advance(task)
            return self._payload(task)

    def balance(self) -> dict[str, int]:
        """``{"balance_cents", "paid_balance_cents", "bonus_balance_cents", "spent_cents_today",
        "spent_cents_total"}`` (docs: Get Balance; the paid and bonus parts: runapi-core 0.10.1).

        The emulator's credits are all paid: the bonus part is 0.
        """
        with self._lock:
            today = datetime.date.today()
            return {
                "balance_cents": self._balance_cents,
                "paid_balance_cents": self._balance_cents,
                "bonus_balance_cents": 0,
                "spent_cents_today": sum(cents for day, cents in self._charges if day == today),
                "spent_cents_total": sum(cents for _, cents in self._charges),
            }

    def has_task(self, task_id: str) -> bool:
        """Whether a task with this id exists (on any path)."""
        with self._lock:
            return task_id in self._tasks

    def answer_of(self, call_id: str) -> dict[str, Any] | None:
        """A copy of the answer of the direct call ``call_id``, or ``None`` for no such call."""
        with self._lock:
            answer = self._answers.get(call_id)
            return None if answer is None else copy.deepcopy(answer)

    def path_of(self, task_id: str) -> str | None:
        """The path the task ``task_id`` was created on, or ``None`` for no such task (``GET /api/v1/tasks/{id}``)."""
        with self._lock:
            task = self._tasks.get(task_id)
            return None if task is None else task.endpoint.path

    def has_files(self, owner_id: str) -> bool:
        """Whether ``/files/<owner_id>/...`` exists: a task, or a direct answer with output URLs
        (Gemini Omni create_character's ``images``), of this id."""
        with self._lock:
            return owner_id in self._tasks or owner_id in self._direct_ids

    # --- time and inspection --------------------------------------------------------------

    def tick(self) -> None:
        """Advance every processing task to the stage its age has reached (time-based only)."""
        if self._complete_after_polls is not None:
            return
        with self._lock:
            for task in list(self._pending.values()):
                self._advance(task)

    def snapshots(self) -> list[dict[str, Any]]:
        """Every task, oldest first: ``id``, ``path``, ``params``, ``status``, ``stage`` (last stage
        reached or ``None``), ``created_at`` (clock seconds), ``polls``, ``callback_url``,
        ``idempotency_key``, ``client_request_id`` (the create's accepted ``X-Client-Request-Id``,
        or ``None``), ``cost_cents``, ``will_fail``, ``payload`` (what a GET would show, without
        counting as a poll)."""
        self.tick()
        with self._lock:
            return [
                {
                    "id": task.id,
                    "path": task.endpoint.path,
                    "params": copy.deepcopy(task.params),
                    "status": task.status,
                    "stage": task.stage.name if task.stage else None,
                    "created_at": task.created_at,
                    "polls": task.polls,
                    "callback_url": task.callback_url,
                    "idempotency_key": task.idempotency_key,
                    "client_request_id": task.client_request_id,
                    "cost_cents": task.cost_cents,
                    "will_fail": task.will_fail,
                    "payload": self._payload(task),
                }
                for task in self._tasks.values()
            ]

    # --- internals (lock held) ------------------------------------------------------------

    def _replay(self, endpoint: Endpoint, params: dict[str, Any], idempotency_key: str | None) -> _Seen | None:
        """The earlier request with this key on this path, if any.

        Raises:
            ApiError: 409 when its body differs: "Reusing the value with different input returns
                ``409 Conflict``" (runapi-core 0.10.1 README, "Request identifiers").
        """
        if idempotency_key is None:
            return None
        seen = self._idempotency.get((endpoint.path, idempotency_key))
        if seen is not None and seen.params != params:
            raise ApiError(409, "Idempotency-Key was already used with different input")
        return seen

    def _charge(self, cents: int) -> None:
        if self._balance_cents < cents:
            raise ApiError(402, "Insufficient credits")
        self._balance_cents -= cents
        self._charges.append((datetime.date.today(), cents))

    def _check_source(self, endpoint: Endpoint, params: Mapping[str, Any]) -> _Task | None:
        """The source task ``params[endpoint.source_field]`` names, if the endpoint has one."""
        if not endpoint.source_paths:
            return None
        source_id = params.get(endpoint.source_field)
        if source_id is None and endpoint.source_optional:
            return None
        source = self._tasks.get(source_id) if isinstance(source_id, str) else None
        if source is None or source.endpoint.path not in endpoint.source_paths:
            raise ApiError(404, "Task not found")
        self._advance(source)
        if source.status != "completed" and not endpoint.source_any_status:
            raise ApiError(422, "Records are being generated")
        return source

    def _due(self, task: _Task) -> int:
        """How many of the task's milestones are due now."""
        if self._complete_after_polls is not None:
            progress = Fraction(task.polls, self._complete_after_polls)
            return sum(1 for stage in task.milestones if stage.at <= progress)
        elapsed = self._clock() - task.created_at
        return sum(1 for stage in task.milestones if elapsed >= float(stage.at) * self._complete_after)

    def _advance(self, task: _Task) -> None:
        due = self._due(task)
        while task.reached < due:
            task.reached += 1
            url = task.callback_url or self._forward_to
            if url is not None:
                stage = task.milestones[task.reached - 1]
                self._on_stage(task.id, url, stage.name, _payloads.encode(self._payload(task)))
        if task.done:
            self._pending.pop(task.id, None)

    def _payload(self, task: _Task) -> dict[str, Any]:
        job = _payloads.Job(id=task.id, params=task.params, base_url=self._base_url())
        payload = _payloads.status_payload(task.endpoint, job, task.stage, failed=task.will_fail and task.done)
        if payload.get("status") == "completed":
            # runapi-core 0.10.1 README: completed task and webhook envelopes carry usage.cost (USD, the
            # task's settlement); create, processing and failed ones omit it.
            usage: dict[str, Any] = {"cost": task.cost_cents / 100}
            if isinstance(payload.get("images"), list):
                usage["generated_images"] = len(payload["images"])
            payload["usage"] = usage
        return payload
