"""Batches on Celery workers across many machines, paying once per job (extra ``runapi-sdk[celery]``).

::

    # jobs.py, imported by every worker: celery -A jobs worker --pool prefork
    from runapi.contrib.celery import make_app
    app = make_app("redis://redis.internal:6379/0")   # or configure(your_app, redis_url=...)

    # anywhere: send the batch, follow it, get one JobResult per job
    from runapi import batch
    from runapi.contrib.celery import run_batch
    from runapi.contrib.redis import RedisJournal
    results = run_batch(app, jobs, journal=RedisJournal(redis_client, "images"), rate=5, download="/shared/out")
    print(batch.summary(results))

Each job runs as a chain of short Celery task messages, never sleeping in a worker: *create*
(the ``Idempotency-Key`` written to the shared journal before the create is sent; a create of
unknown outcome is re-sent with that key and RunAPI answers the task it made), then *poll*:
one status request per message, the next poll re-queued with ``apply_async(countdown=...)`` at
the operation's poll schedule (:meth:`runapi._core.options.PollPolicy.waits`, or the answer's
``Retry-After``), then *download* and record. :func:`wake` (from a callback handler) runs a
job's next poll at once.

A step whose message the broker lost (kombu's Redis transport can lose one taken by a worker killed
at that instant) is sent again by :func:`run_batch` once it is ``stall_after`` seconds overdue.

Exactly one chain runs per job, whatever Celery redelivers: each message carries a step token
that must equal the job's current token in Redis, and a per-job lease (``SET NX PX``) keeps two
deliveries of one message from running together. The next message is sent *before* the token
moves on, so a worker killed at any point leaves either its own message (unacked:
``acks_late``, ``reject_on_worker_lost``, redelivered after the broker's visibility timeout)
or the next one: the job goes on on another worker, and the journal's ``creating`` row makes a
resent create idempotent.

Creates are paced for every worker of every machine at once: ``rate`` creates per second
through one Redis slot counter (``Retry-After``-style reservations: a job is re-queued to its
slot, never slept), and a 429 (or a 503 with ``Retry-After``) sets a Redis pause that every
worker honours before its next create. Celery's own ``rate_limit`` is per worker: not used.
"""

from __future__ import annotations

import json
import os
import random
import time
import uuid
import weakref
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from ...batch import (
    DEFAULT_CREATE_RETRIES,
    Job,
    JobResult,
    JournalLike,
    Status,
    _canonical,
    _Counts,
    _Display,
    _keyed,
    _refused_before_anything_was_made,
    _unknown_advice,
)
from ...errors import APIError, RateLimitError, TaskFailedError, ValidationError

__all__ = ["TASK_NAME", "CelerySetup", "configure", "make_app", "run_batch", "wake"]

TASK_NAME = "runapi.contrib.celery.step"
"""The Celery task every step of every job runs as (one queue: ``task_default_queue`` unless routed)."""

DEFAULT_LEASE = 120.0
"""Seconds a worker holds a job while it runs one step (a create, a poll, or a download). A step
that outlives it may run beside a redelivery of its message: keep it above your longest download."""

_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local start = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'), tonumber(redis.call('GET', KEYS[2]) or '0'))
local gap = tonumber(ARGV[1])
if gap > 0 then
  redis.call('SET', KEYS[1], string.format('%.6f', start + gap), 'PX', math.ceil((start + gap - now) * 1000) + 60000)
end
return string.format('%.6f', start - now)
"""

_PAUSE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local untill = now + tonumber(ARGV[1])
if untill > tonumber(redis.call('GET', KEYS[1]) or '0') then
  redis.call('SET', KEYS[1], string.format('%.6f', untill), 'PX', math.ceil(tonumber(ARGV[1]) * 1000) + 1000)
end
return string.format('%.6f', math.max(0, tonumber(redis.call('GET', KEYS[1]) or '0') - now))
"""

# KEYS: last create, pause. ARGV: gap. Grants a create now (gap after the last granted one), else the wait.
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local gap = tonumber(ARGV[1])
local ready = math.max(tonumber(redis.call('GET', KEYS[1]) or '0') + gap, tonumber(redis.call('GET', KEYS[2]) or '0'))
if ready > now then return string.format('%.6f', ready - now) end
if gap > 0 then redis.call('SET', KEYS[1], string.format('%.6f', now), 'PX', math.ceil(gap * 1000) + 60000) end
return '0'
"""

_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""

# KEYS: a job's step record. ARGV: the record read, the record to write. Writes only over the one read.
_SWAP = """
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end
return 0
"""


def _text(value: Any) -> Any:
    return value.decode("utf-8") if isinstance(value, bytes | bytearray) else value


class CelerySetup:
    """What :func:`configure` registered on a Celery app: its Redis, its task, and how workers build clients.

    Attributes:
        redis: the ``redis.Redis`` for tokens, leases, the rate slots and the 429 pause.
        task: the registered Celery task (:data:`TASK_NAME`).
        prefix: prepended to every Redis key (default ``"runapi:celery:"``).
        lease: seconds a worker holds a job during one step (:data:`DEFAULT_LEASE`).
    """

    def __init__(
        self,
        redis_client: Any,
        *,
        prefix: str,
        lease: float,
        client_factory: Callable[[], Any] | None,
        journal_factory: Callable[[str], JournalLike] | None,
        poll_interval: float | None,
    ) -> None:
        self.redis = redis_client
        self.prefix = prefix
        self.lease = lease
        self.task: Any = None
        self._client_factory = client_factory
        self._journal_factory = journal_factory
        self._poll_interval = poll_interval
        self._clients: dict[int, Any] = {}
        self._journals: dict[str, JournalLike] = {}
        self._reserve = redis_client.register_script(_RESERVE)
        self._pause = redis_client.register_script(_PAUSE)
        self._release = redis_client.register_script(_RELEASE)
        self._swap = redis_client.register_script(_SWAP)
        self._acquire = redis_client.register_script(_ACQUIRE)

    def client(self) -> Any:
        """This process's :class:`runapi.Client` (one per process: prefork children make their own).

        By default from the environment (``RUNAPI_API_KEY``, ``RUNAPI_BASE_URL``) with
        ``max_retries=0``: a worker never sleeps between retries, it re-queues the step instead.
        """
        pid = os.getpid()
        found = self._clients.get(pid)
        if found is None:
            if self._client_factory is not None:
                found = self._client_factory()
            else:
                import runapi

                found = runapi.Client(max_retries=0, poll_interval=self._poll_interval)
            self._clients = {pid: found}
        return found

    def journal(self, name: str) -> JournalLike:
        """The journal named ``name``: ``journal_factory(name)``, else a RedisJournal on :attr:`redis`."""
        found = self._journals.get(name)
        if found is None:
            if self._journal_factory is not None:
                found = self._journal_factory(name)
            else:
                from ..redis import RedisJournal

                found = RedisJournal(self.redis, name)
            self._journals[name] = found
        return found

    def _base(self, batch: str) -> str:
        return f"{self.prefix}{batch}:"

    def reserve(self, rate: float | None) -> float:
        """Reserve the next create slot shared by every worker; seconds until it (0: now)."""
        keys = [self.prefix + "rate:next", self.prefix + "pause"]
        return float(_text(self._reserve(keys=keys, args=[0.0 if not rate else 1.0 / rate])))

    def acquire(self, rate: float | None) -> float:
        """Take the right to create now (0.0), spaced ``1/rate`` s from the last create of any worker
        and after the shared pause; else the seconds to wait (nothing taken)."""
        keys = [self.prefix + "rate:last", self.prefix + "pause"]
        return float(_text(self._acquire(keys=keys, args=[0.0 if not rate else 1.0 / rate])))

    def pause(self, seconds: float) -> float:
        """No worker creates for ``seconds`` (a 429's ``Retry-After``); seconds the pause lasts now."""
        return float(_text(self._pause(keys=[self.prefix + "pause"], args=[max(0.0, seconds)])))

    def paused(self) -> float:
        """Seconds left of the shared create pause (0 when none)."""
        return self.pause(0.0)


_SETUPS: weakref.WeakKeyDictionary[Any, CelerySetup] = weakref.WeakKeyDictionary()


def configure(
    app: Any,
    *,
    redis_url: str | None = None,
    redis_client: Any = None,
    client_factory: Callable[[], Any] | None = None,
    journal_factory: Callable[[str], JournalLike] | None = None,
    lease: float = DEFAULT_LEASE,
    poll_interval: float | None = None,
    prefix: str = "runapi:celery:",
    max_retries: int = 10,
) -> CelerySetup:
    """Register the job task on ``app`` (a ``celery.Celery``) and set what it needs; import it in every worker.

    Sets ``task_acks_late`` and ``task_reject_on_worker_lost`` (a killed worker's message goes to
    another), ``worker_prefetch_multiplier=1`` and JSON serialization.

    Args:
        app: the Celery app (its broker: any; Redis is the tested one).
        redis_url: the Redis for tokens, leases, rate slots, the 429 pause and (by default) the
            journal; default ``RUNAPI_CELERY_REDIS_URL``, else the app's broker URL.
        redis_client: a ``redis.Redis`` to use instead of ``redis_url``.
        client_factory: builds each worker process's :class:`runapi.Client` (default: from the
            environment, ``max_retries=0``).
        journal_factory: ``name -> JournalLike`` (default: ``RedisJournal(redis, name)``).
        lease: seconds one step may hold a job (:data:`DEFAULT_LEASE`).
        poll_interval: a fixed poll schedule's first gap in seconds for the default client
            (``None``: shaped by each operation's expected duration).
        prefix: Redis key prefix.
        max_retries: Celery retries of a step that raised unexpectedly (a Redis error, ...),
            with backoff; past them the job ends ``unknown`` or ``unfinished`` with the error.

    Raises:
        ValidationError: ``lease`` is not a number of seconds > 0.
    """
    import redis as redis_lib

    if isinstance(lease, bool) or not isinstance(lease, int | float) or not lease > 0:
        raise ValidationError(f"lease must be a number of seconds > 0; got {lease!r}", field="lease")
    if redis_client is None:
        url = redis_url or os.environ.get("RUNAPI_CELERY_REDIS_URL") or app.conf.broker_url
        redis_client = redis_lib.Redis.from_url(url)
    setup = CelerySetup(
        redis_client,
        prefix=prefix,
        lease=float(lease),
        client_factory=client_factory,
        journal_factory=journal_factory,
        poll_interval=poll_interval,
    )
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
    )

    def step(self: Any, job: dict[str, Any]) -> None:
        _Step(setup, self, job).run()

    options = {"name": TASK_NAME, "bind": True, "acks_late": True, "reject_on_worker_lost": True}
    setup.task = app.task(max_retries=max_retries, **options)(step)
    _SETUPS[app] = setup
    return setup


def make_app(
    broker_url: str | None = None,
    *,
    visibility_timeout: float = 3600.0,
    transport_options: Mapping[str, Any] | None = None,
    **settings: Any,
) -> Any:
    """A ``celery.Celery`` app on a Redis broker with the job task registered (:func:`configure`).

    Args:
        broker_url: default ``RUNAPI_CELERY_BROKER_URL``, else ``redis://localhost:6379/0``.
        visibility_timeout: seconds after which the Redis broker hands an unacknowledged message
            (its worker was killed) to another worker. Keep it above the longest countdown you
            expect (poll gaps, rate slots): a message held longer is delivered twice, which is
            safe (the step token drops the copy) but wasteful.
        transport_options: more ``broker_transport_options`` (e.g. ``unacked_restore_interval``,
            how often, in seconds, workers look for messages of killed workers; kombu's default 10).
        settings: passed to :func:`configure`.
    """
    from celery import Celery

    url = broker_url or os.environ.get("RUNAPI_CELERY_BROKER_URL") or "redis://localhost:6379/0"
    app = Celery("runapi", broker=url)
    app.conf.update(
        broker_transport_options={"visibility_timeout": visibility_timeout, **(transport_options or {})},
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
    )
    configure(app, **settings)
    return app


def _setup(app: Any) -> CelerySetup:
    found = _SETUPS.get(app)
    if found is None:
        raise ValidationError(
            "this Celery app has no runapi job task: call runapi.contrib.celery.configure(app) first", field="app"
        )
    return found


class _Step:
    """One message of one job: lease, token check, one create or poll, then the next message or the end."""

    def __init__(self, setup: CelerySetup, task: Any, job: dict[str, Any]) -> None:
        self.setup, self.task, self.job = setup, task, job
        self.key: str = job["key"]
        self.base = setup._base(job["batch"])
        self.redis = setup.redis

    # -- the frame: lease, token, next message ------------------------------------------------

    def run(self) -> None:
        me = uuid.uuid4().hex
        lease = self.base + "lease:" + self.key
        if not self.redis.set(lease, me, nx=True, px=int(self.setup.lease * 1000)):
            left = self.redis.pttl(lease)
            self._send(dict(self.job), min(max(left, 50), 1000) / 1000)  # same token: it runs when the holder ends
            return
        try:
            if _text(self.redis.get(self.base + "token:" + self.key)) != self.job["token"]:
                return  # a stale copy: a newer step of this job exists
            if self.redis.hexists(self.base + "ended:" + self.job["run"], self.key):
                self.redis.delete(self.base + "token:" + self.key)
                return
            try:
                self._act()
            except Exception as exc:  # a Redis error, a journal error, a bug: retried, then reported
                if self.task.request.retries < self.task.max_retries:
                    raise self.task.retry(exc=exc, countdown=min(2**self.task.request.retries, 30)) from exc
                row = self.setup.journal(self.job["batch"]).get(self.key)
                state = None if row is None else row["state"]
                status: Status = "unknown" if state == "creating" else "unfinished" if state == "created" else "refused"
                self._end(status, f"the worker failed {self.task.max_retries + 1} times: {exc!r}")
        finally:
            self.setup._release(keys=[lease], args=[me])

    def _again(self, countdown: float, **changes: Any) -> None:
        """Send this job's next step (a new token) in ``countdown`` seconds, then make it the current one."""
        nxt = {**self.job, **changes, "token": uuid.uuid4().hex}
        self._send(nxt, countdown)
        pipe = self.redis.pipeline(transaction=True)  # after the send: a kill between loses nothing
        pipe.set(self.base + "token:" + self.key, nxt["token"])
        pipe.set(self.base + "step:" + self.key, json.dumps({"job": nxt, "due": time.time() + max(0.0, countdown)}))
        pipe.execute()

    def _send(self, job: dict[str, Any], countdown: float) -> None:
        self.task.apply_async(kwargs={"job": job}, countdown=max(0.0, countdown))

    def _end(self, status: Status, error: str | None = None) -> None:
        record = json.dumps({"status": status, "error": error})
        pipe = self.redis.pipeline(transaction=True)
        pipe.hset(self.base + "ended:" + self.job["run"], self.key, record)
        pipe.delete(self.base + "token:" + self.key, self.base + "step:" + self.key)
        pipe.execute()

    # -- the job ------------------------------------------------------------------------------

    def _act(self) -> None:
        from ...batch import _resource

        job, key = self.job, self.key
        journal = self.setup.journal(job["batch"])
        client = self.setup.client()
        try:
            resource = _resource(client, job["operation"])
        except ValidationError as exc:
            self._end("refused", str(exc))
            return
        row = journal.get(key)
        state = None if row is None else row["state"]
        fresh = bool(job.get("fresh"))
        if state in ("completed", "failed") and not (state == "failed" and fresh):
            assert row is not None
            self._end(state, row["error"])
            return
        if row is None or state in ("creating", "refused", "failed"):
            self._create(client, journal, resource, row)
        else:
            self._poll(client, journal, resource, row)

    def _create(self, client: Any, journal: JournalLike, resource: Any, row: dict[str, Any] | None) -> None:
        from ..._core.operations import new_idempotency_key
        from ..._core.retry import wait_seconds

        job, key = self.job, self.key
        params = job["params"]
        params_text = _canonical(params)
        is_task = hasattr(resource, "wait")
        state = None if row is None else row["state"]
        if state == "creating" and not client.retry_policy.idempotent_creates:
            self._end("unknown", f"the create's outcome is unknown (interrupted mid-create). {_unknown_advice(key)}")
            return
        same_input = row is not None and (row["operation"], row["params"]) == (job["operation"], params_text)
        if state in ("creating", "refused") and same_input and row is not None and row["idempotency_key"]:
            idempotency_key = row["idempotency_key"]  # the same input keeps its key: nothing is made twice
        else:
            idempotency_key = new_idempotency_key()
        once = resource.with_options(idempotency_key=idempotency_key, max_retries=0)
        try:  # checks the params without sending anything
            once._create_flow((), params) if is_task else once._flow((), params)
        except ValidationError as exc:
            journal.refused(key, job["operation"], params_text, None, str(exc))
            self._end("refused", f"not sent: {exc}")
            return
        if not job.get("slot"):  # first its place in the line: a slot reserved for it, re-queued to that time
            delay = self.setup.reserve(job.get("rate"))
            if delay > 0.005:
                self._again(delay, slot=True)
                return
        wait = self.setup.acquire(job.get("rate"))  # then the create itself, spaced from every other worker's
        if wait > 0:
            self._again(wait, slot=True)
            return
        journal.creating(key, job["operation"], params_text, idempotency_key)  # before anything is sent
        try:
            answer = once.create(**params) if is_task else once(**params)
        except ValidationError as exc:
            journal.refused(key, job["operation"], params_text, None, str(exc))
            self._end("refused", f"not sent: {exc}")
            return
        except APIError as exc:
            resends = int(job.get("resends", 0))
            resend = _refused_before_anything_was_made(exc) or (
                exc.task_may_exist and client.retry_policy.idempotent_creates
            )
            if resend and resends < int(job.get("create_retries", DEFAULT_CREATE_RETRIES)):
                seconds = wait_seconds(client.retry_policy, resends + 1, exc, random.random())
                if isinstance(exc, RateLimitError) or getattr(exc, "retry_after", None) is not None:
                    seconds = max(seconds, self.setup.pause(seconds))  # every worker waits, not only this job
                self._again(seconds, slot=False, resends=resends + 1)
                return
            if not exc.task_may_exist:
                journal.refused(key, job["operation"], params_text, idempotency_key, str(exc))
                tried = f" (sent {resends + 1} times)" if resends else ""
                self._end("refused", f"no task was made{tried}: {exc}")
                return
            self._end("unknown", f"{exc}. {_unknown_advice(key)}")
            return
        if not is_task:  # a direct operation: its answer is the result
            journal.finished(key, "completed", answer.raw, None, [])
            self._end("completed")
            return
        journal.created(key, answer.id)
        policy = self._policy(client, resource)
        waits = policy.waits()
        self._again(next(waits), slot=False, resends=0, gaps=1, deadline=time.time() + policy.timeout)

    def _policy(self, client: Any, resource: Any) -> Any:
        import attrs

        policy = resource._options.poll_policy(client.poll_policy)
        if policy.interval is None and policy.expected is not resource._operation.duration:
            policy = attrs.evolve(policy, expected=resource._operation.duration)
        return policy

    def _poll(self, client: Any, journal: JournalLike, resource: Any, row: dict[str, Any]) -> None:
        from ..._core.flows import transient

        job, key, task_id = self.job, self.key, row["task_id"]
        policy = self._policy(client, resource)
        deadline = job.get("deadline") or time.time() + policy.timeout  # a task of an earlier run: polled now
        retry_after: float | None = None
        try:
            task = resource.with_options(max_retries=0).get(task_id)
        except APIError as exc:
            if not transient(exc):
                self._end("unfinished", f"{exc}; run the batch again to resume it")
                return
            retry_after, note = getattr(exc, "retry_after", None), f"{exc}"
        else:
            if task.is_failed:
                error = TaskFailedError(task).error
                journal.finished(key, "failed", task.raw, error, [])
                self._end("failed", error)
                return
            if task.is_completed:
                try:
                    files = self._download(client, task)
                except (APIError, OSError) as exc:
                    note = f"download failed: {exc}"
                else:
                    journal.finished(key, "completed", task.raw, None, files)
                    self._end("completed")
                    return
            else:
                note = f"task {task_id} still {task.status}"
                retry_after = _retry_after(task)
        gaps = int(job.get("gaps", 0))
        waits = policy.waits()
        gap = next(waits)
        for _ in range(gaps):
            gap = next(waits)
        countdown = gap if retry_after is None else policy.honour(retry_after)
        left = deadline - time.time()
        if left <= 0:
            self._end(
                "unfinished", f"{note}; not finished within {policy.timeout:g} s: run the batch again to resume it"
            )
            return
        self._again(min(countdown, left), gaps=gaps + 1, deadline=deadline)

    def _download(self, client: Any, task: Any) -> list[str]:
        folder = self.job.get("download")
        if not folder:
            return []
        saved = client.download_outputs(task, Path(folder), overwrite=True, name=self.key)
        return [str(item.path) for item in saved]


def _retry_after(task: Any) -> float | None:
    headers = getattr(task, "response_headers", None) or {}
    value = next((v for k, v in dict(headers).items() if k.lower() == "retry-after"), None)
    try:
        return None if value is None else float(value)
    except ValueError:
        return None


def wake(app: Any, batch: str, task_id: str) -> bool:
    """Run the next poll of the job whose task is ``task_id`` now (call it from your callback handler).

    The job's current step token is sent again with no countdown: whichever copy runs first
    polls (and downloads, once completed), the other is dropped. Needs a journal with
    ``key_for_task`` (:class:`runapi.contrib.redis.RedisJournal`).

    Returns:
        ``True`` if a job of ``batch`` has that task and is still running.
    """
    setup = _setup(app)
    finder = getattr(setup.journal(batch), "key_for_task", None)
    key = None if finder is None else finder(task_id)
    if key is None:
        return False
    base = setup._base(batch)
    token = _text(setup.redis.get(base + "token:" + key))
    spec = _text(setup.redis.get(base + "spec:" + key))
    if token is None or spec is None:
        return False
    setup.task.apply_async(kwargs={"job": {**json.loads(spec), "token": token, "gaps": 0}}, countdown=0)
    return True


def run_batch(
    app: Any,
    jobs: Iterable[Job | Mapping[str, Any]],
    *,
    journal: JournalLike,
    rate: float | None = None,
    download: str | Path | None = None,
    on_result: Callable[[JobResult], object] | None = None,
    progress: bool = False,
    create_retries: int = DEFAULT_CREATE_RETRIES,
    retry_failed: bool = False,
    timeout: float | None = None,
    check_every: float = 0.2,
    stall_after: float | None = None,
) -> list[JobResult]:
    """Send ``jobs`` to the Celery workers of ``app`` and return one :class:`runapi.batch.JobResult` per job.

    The same contract as :func:`runapi.batch.run` (the five outcomes, resuming with the same
    journal, ``completed``/``failed`` jobs kept from the journal and not sent), with the work on
    the workers: this process only reads the journal, sends one message per job still to run and
    follows the shared records until every job ended. Killing it loses nothing: the workers go on,
    and running it again with the same journal picks up where they are.

    Args:
        app: a Celery app passed through :func:`configure` (or made by :func:`make_app`).
        jobs: :class:`runapi.batch.Job` values or mappings.
        journal: the shared journal (``RedisJournal(redis, "name")``); its name names the batch in
            Redis, so the workers' default journal factory finds it. It must be the one the
            workers open for that name.
        rate: creates per second across every worker (``None``: no limit).
        download: the folder every worker saves outputs into (``{key}-{index}{ext}``): shared
            storage when workers run on several machines.
        on_result: called with each result as its job ends.
        progress: a progress bar on stderr (``rich``), read from the shared records.
        create_retries: resends of a refused (or, by key, unknown) create per job and run.
        retry_failed: create a new task for jobs whose task failed in an earlier run.
        timeout: seconds to follow the batch at most (``None``: until every job ended); jobs still
            running then are reported ``unfinished`` (the workers go on with them).
        check_every: seconds between reads of the shared records.
        stall_after: seconds after its step was due past which a job whose step no worker has taken
            is sent again (a message the broker lost: kombu's Redis transport can lose one taken by a
            worker killed at that instant). Safe: the step keeps its token, so whichever copy runs
            second is dropped. Default: the broker's ``visibility_timeout`` + the lease + 30 s (after
            which the broker would have handed an unacknowledged message to another worker).

    Raises:
        ValidationError: a bad argument, a malformed job, a key used twice or naming another job
            in the journal (before anything is sent).
    """
    from ..._families import operations

    setup = _setup(app)
    if rate is not None and (isinstance(rate, bool) or not isinstance(rate, int | float) or not rate > 0):
        raise ValidationError(f"rate must be a number of creates per second > 0; got {rate!r}", field="rate")
    if isinstance(create_retries, bool) or not isinstance(create_retries, int) or create_retries < 0:
        raise ValidationError(f"create_retries must be an integer >= 0; got {create_retries!r}", field="create_retries")
    name = getattr(journal, "name", None)
    if not isinstance(name, str) or not name:
        raise ValidationError("the journal needs a name (RedisJournal(client, name))", field="journal")
    folder = None if download is None else str(Path(download).resolve())
    if folder is not None:
        from ..._core.download import remove_stale_parts

        remove_stale_parts(Path(folder))
    known = operations()
    run = uuid.uuid4().hex
    base = setup._base(name)
    results: dict[str, JobResult] = {}
    order: list[str] = []
    plans: list[tuple[str, dict[str, Any]]] = []
    for key, job in _keyed(jobs):
        if key in results or any(key == planned for planned, _ in plans):
            raise ValidationError(f"job key {key!r} is used by two jobs; keys name one job each", field="key")
        order.append(key)
        row = journal.get(key)
        state = None if row is None else row["state"]
        params_text = _canonical(job.params)
        replaced = row is not None and (row["operation"], row["params"]) != (job.operation, params_text)
        if replaced and state != "refused" and not (state == "failed" and retry_failed):
            remedy = "--retry-failed (retry_failed=True) to create it anew" if state == "failed" else "another key"
            raise ValidationError(
                f"job key {key!r} names another job in this journal (its task was made with other params); "
                f"give this job {remedy}, or forget the old one (runapi batch --forget {key!r})",
                field="key",
            )
        if job.operation not in known:
            error = f"unknown operation {job.operation!r}; use 'family.operation', e.g. 'suno.generate_lyrics'"
            results[key] = _result(key, job.operation, "refused", row, error, None)
            continue
        if state in ("completed", "failed") and not (state == "failed" and retry_failed):
            assert row is not None
            results[key] = _result(key, job.operation, state, row, row["error"], known[job.operation][2], True)
            continue
        spec = {
            "key": key,
            "operation": job.operation,
            "params": json.loads(params_text),
            "batch": name,
            "run": run,
            "rate": rate,
            "download": folder,
            "create_retries": create_retries,
        }
        plans.append((key, {**spec, "fresh": state == "failed", "token": uuid.uuid4().hex}))
    counts = _Counts()
    for result in results.values():
        counts.ended[result.status] += 1
        if on_result is not None:
            on_result(result)
    for key, message in plans:  # the token first: the message is current the moment it arrives
        spec = {k: v for k, v in message.items() if k not in ("token", "fresh")}
        pipe = setup.redis.pipeline(transaction=True)
        pipe.set(base + "token:" + key, message["token"])
        pipe.set(base + "spec:" + key, json.dumps(spec))
        pipe.set(base + "step:" + key, json.dumps({"job": message, "due": time.time()}))
        pipe.execute()
        setup.task.apply_async(kwargs={"job": message})
    display = _Display(counts, len(order)) if progress else None
    pending = {key: message for key, message in plans}
    started = time.monotonic()
    if stall_after is None:
        options = getattr(app.conf, "broker_transport_options", None) or {}
        stall_after = float(options.get("visibility_timeout", 3600.0)) + setup.lease + 30.0
    stall_check = max(check_every, min(5.0, stall_after / 4))
    next_check = started + stall_check
    if display is not None:
        display.start()
    try:
        while pending:
            ended = setup.redis.hgetall(base + "ended:" + run)
            for raw_key, raw in ended.items():
                key = _text(raw_key)
                if key not in pending:
                    continue
                message = pending.pop(key)
                record = json.loads(_text(raw))
                row = journal.get(key)
                result = _result(
                    key, message["operation"], record["status"], row, record["error"], known[message["operation"]][2]
                )
                results[key] = result
                counts.ended[result.status] += 1
                if on_result is not None:
                    on_result(result)
            if display is not None:
                rows = {row["key"]: row for row in journal.rows()}
                counts.running = sum(1 for key in pending if (rows.get(key) or {}).get("state") == "created")
                counts.created = counts.running
                display.update()
            if not pending:
                if folder is not None:  # every job of the run ended: no download of it is running, and a part
                    remove_stale_parts(Path(folder))  # file left is a killed worker's (its job downloaded again)
                break
            if timeout is not None and time.monotonic() - started > timeout:
                for key, message in pending.items():
                    row = journal.get(key)
                    error = f"still running on the workers after {timeout:g} s; run the batch again to follow it"
                    results[key] = _result(
                        key, message["operation"], "unfinished", row, error, known[message["operation"]][2]
                    )
                break
            if time.monotonic() >= next_check:
                next_check = time.monotonic() + stall_check
                _resend_stalled(setup, base, list(pending), stall_after)
            time.sleep(check_every)
    finally:
        if display is not None:
            display.stop()
    return [results[key] for key in order]


def _resend_stalled(setup: CelerySetup, base: str, keys: list[str], stall_after: float) -> int:
    """Send again the current step of each job in ``keys`` that no worker has taken ``stall_after`` seconds
    after it was due (its message lost); how many were sent. A step still current keeps its token, so
    the copy that runs second is dropped; a step that moved on meanwhile is left alone."""
    if not keys:
        return 0
    steps = setup.redis.mget([base + "step:" + key for key in keys])
    tokens = setup.redis.mget([base + "token:" + key for key in keys])
    now, sent = time.time(), 0
    for key, raw, token in zip(keys, steps, tokens, strict=True):
        if raw is None or token is None:
            continue
        step = json.loads(_text(raw))
        job = step["job"]
        if _text(token) != job["token"] or now < step["due"] + stall_after:
            continue
        renewed = json.dumps({"job": job, "due": now})
        if int(setup._swap(keys=[base + "step:" + key], args=[_text(raw), renewed])):  # not moved on meanwhile
            setup.task.apply_async(kwargs={"job": job})
            sent += 1
    return sent


def _result(
    key: str,
    operation: str,
    status: Status,
    row: Mapping[str, Any] | None,
    error: str | None,
    spec: Any,
    from_journal: bool = False,
) -> JobResult:
    """A :class:`JobResult` from the journal's row and how the job ended."""
    task = None
    files: tuple[Path, ...] = ()
    if row is not None and status in ("completed", "failed") and row.get("payload") and spec is not None:
        returns: Any = getattr(spec, "returns", None) or spec.task
        task = returns.from_dict(json.loads(row["payload"]))
    if row is not None and status == "completed":
        files = tuple(Path(f) for f in json.loads(row.get("files") or "[]"))
    return JobResult(
        key=key,
        operation=operation,
        status=status,
        task_id=None if row is None else row.get("task_id"),
        task=task,
        error=error,
        files=files,
        from_journal=from_journal,
        idempotency_key=None if row is None else row.get("idempotency_key"),
    )
