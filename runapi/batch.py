"""Batch runs that never pay twice: many jobs, bounded concurrency, a rate limit, and a journal to resume from.

::

    from runapi import batch

    jobs = [batch.Job("nano_banana.text_to_image", {"model": "nano-banana", "prompt": p}) for p in prompts]
    results = batch.run(jobs, journal="images.db", concurrency=16, rate=5, download="outputs/")
    for result in results:
        print(result.key, result.status, [str(f) for f in result.files])
    print(batch.summary(results))

Each job is one operation (``"family.operation"``) with its params and a key (the caller's, else
one derived from the operation and params). The **journal** (one SQLite file) records each job's
``Idempotency-Key`` *before* its create is sent, its task id right after, then its outcome. Running
the same jobs again with the same journal never creates a task twice, and loses none:

- ``completed``: done; its result comes from the journal, nothing is run again;
- ``failed`` (final): its task failed on RunAPI; kept as it is, unless ``retry_failed=True``
  (``runapi batch --retry-failed``) creates a new task (and pays again);
- ``refused``: no task exists. The create was refused before anything was made: invalid params
  (never sent), a 4xx, or a 429 / 503 / connection refused that outlasted ``create_retries``
  resends within the run. The next run tries it again, with the params given then (fix them
  and re-run with the same key);
- ``unknown``: a task may exist (a crash, a dropped connection or a 5xx mid-create). By default
  the create is re-sent with the same key, within the run and on the next one, and RunAPI answers
  the task that key made (it de-duplicates creates by ``Idempotency-Key``: runapi-core 0.10.1
  README), so a job ends ``unknown`` only when those resends ran out. With a client that does not
  rely on the key (``AsyncClient(idempotent_creates=False)``, ``runapi batch
  --no-idempotent-creates``) it is not sent again: check for its task, then forget the job
  (:meth:`Journal.forget`, ``runapi batch --forget KEY``) to create it anew;
- ``unfinished``: its task exists but did not finish in this run (a wait deadline, a poll that
  failed for good, or a failed download): the next run resumes waiting and downloading.

``concurrency`` jobs run at once (create, wait, download); creates start at most ``rate`` per
second. A create refused before anything was made (429, 503, a connection refused) is sent again
with the same key after a backoff (``Retry-After`` when the server sends one), up to
``create_retries`` times; a 429 (or a 503 with ``Retry-After``) pauses every create of the batch
for that long, not only that job's. Outputs are saved as ``{job key}-{index}{ext}``
(:func:`runapi._core.download.output_stem` keeps the names of different keys apart), and a run
first removes the ``.runapi-*.part`` files an interrupted download left in its folder. Built on
:class:`runapi.AsyncClient`: :func:`run_async` is the batch; :func:`run` runs it on an event loop.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import inspect
import json
import sqlite3
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, Protocol, runtime_checkable

import attrs

from .errors import (
    APIConnectionError,
    APIError,
    RateLimitError,
    ServiceUnavailableError,
    TaskFailedError,
    TaskTimeoutError,
    ValidationError,
)

if TYPE_CHECKING:
    from ._async_client import AsyncClient
    from ._core.models import Result, Task

__all__ = ["STATUSES", "Job", "JobResult", "Journal", "JournalLike", "Status", "run", "run_async", "summary"]

Status = Literal["completed", "failed", "refused", "unknown", "unfinished"]
"""How a job ended this run (see the module doc for what the next run does with each):

- ``completed``: its task completed (or its direct call answered);
- ``failed``: its task failed on RunAPI (final);
- ``refused``: no task exists: the create was refused before anything was made (retried next run);
- ``unknown``: a task may exist: its create's outcome is unknown (resumed by key, or reported);
- ``unfinished``: its task exists but did not finish in this run (resumed next run).
"""

STATUSES: tuple[Status, ...] = ("completed", "failed", "refused", "unknown", "unfinished")
"""Every :data:`Status`, in the order reports list them."""

DEFAULT_CREATE_RETRIES = 6
"""Resends of a refused create (429, 503, connection refused) within one run: with the client's
default backoff (0.5 s doubling, capped at 8 s) about 30 s of trying before the job is ``refused``."""


@attrs.frozen
class Job:
    """One unit of a batch: an operation, its params, and a key naming the job across runs.

    Attributes:
        operation: ``"family.operation"``, as ``client.family.operation`` (``"suno.text_to_music"``).
        params: the operation's keyword arguments, as its ``create`` takes them.
        key: your name for the job (unique in the batch; used in the journal and output file
            names). ``None``: derived from ``operation`` and ``params`` (a repeated job gets
            ``-2``, ``-3``, ... in input order).
    """

    operation: str
    params: Mapping[str, Any] = attrs.field(factory=dict)
    key: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Job:
        """A job from a JSON object: ``{"operation": "suno.generate_lyrics", "params": {...}, "key": "a1"}``.

        Raises:
            ValidationError: ``operation`` is missing or not a ``"family.operation"`` string, or
                ``params`` is not an object.
        """
        operation = data.get("operation")
        if not isinstance(operation, str) or operation.count(".") != 1:
            raise ValidationError(
                f"a job needs an operation such as 'suno.generate_lyrics'; got {operation!r}", field="operation"
            )
        params = data.get("params", {})
        if not isinstance(params, Mapping):
            raise ValidationError(f"a job's params must be an object; got {type(params).__name__}", field="params")
        key = data.get("key")
        return cls(operation, dict(params), None if key is None else str(key))


@attrs.frozen(kw_only=True)
class JobResult:
    """What became of one job.

    Attributes:
        key: the job's key.
        operation: ``"family.operation"``.
        status: ``"completed"``, ``"failed"``, ``"refused"``, ``"unknown"`` or ``"unfinished"``
            (see :data:`Status`).
        task_id: the task's id, once created.
        task: the task (or direct result) as last seen, typed as the operation's result class.
        error: why it failed, was refused, is unknown or unfinished, and what to do about it.
        files: the downloaded outputs, ``{key}-{index}{ext}`` in the download folder.
        from_journal: ``True`` when the job had finished in an earlier run and was not run again.
        idempotency_key: the ``Idempotency-Key`` its create was (or will again be) sent with.
        cost: what its task cost in US dollars, settled by RunAPI (``task.usage.cost``: completed
            tasks only; ``None`` until then or where the answer has no ``usage``).
    """

    key: str
    operation: str
    status: Status
    task_id: str | None = None
    task: Result | None = None
    error: str | None = None
    files: tuple[Path, ...] = ()
    from_journal: bool = False
    idempotency_key: str | None = None

    @property
    def cost(self) -> float | None:
        """The task's settled cost in USD (``task.usage.cost``), or ``None`` where not known."""
        usage = getattr(self.task, "usage", None)
        return None if usage is None else usage.cost

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (one JSON Lines record of ``runapi batch --out``)."""
        return {**self._fields(), "task": None if self.task is None else self.task.to_dict()}

    def _fields(self) -> dict[str, Any]:
        """What :meth:`to_dict` gives but the task."""
        return {
            "key": self.key,
            "operation": self.operation,
            "status": self.status,
            "task_id": self.task_id,
            "error": self.error,
            "files": [str(path) for path in self.files],
            "from_journal": self.from_journal,
            "idempotency_key": self.idempotency_key,
            "cost": self.cost,
        }

    def _json(self) -> str:
        """``json.dumps(self.to_dict(), ensure_ascii=False)`` (the line ``runapi batch --out`` writes), cheaper.

        For a task as the batch holds it (parsed from an answer or from the journal, never changed
        since), ``task.to_dict()`` is a deep copy of ``task.raw`` made after parsing it again to
        check that: here ``raw`` is written as it is, with no copy and no second parse. A task
        without ``raw`` (built in code) goes through ``to_dict()``.
        """
        task = self.task
        record = self.to_dict() if task is None or not task.raw else {**self._fields(), "task": dict(task.raw)}
        return json.dumps(record, ensure_ascii=False)


def summary(results: Sequence[JobResult]) -> str:
    """A report of a batch's results: the counts by status, then one line per job that needs you.

    ``"40 jobs: completed 37, failed 1, refused 1, unknown 1, unfinished 0"``, then for each
    job that is not completed, its key, task id and what the next step is (run again, check for
    its task, or ``--retry-failed``).

    When any task reports its cost (``usage.cost``, completed tasks), a second line totals it:
    ``"settled cost: 0.36 USD (3 tasks)"`` (jobs kept from the journal included).
    """
    counts = dict.fromkeys(STATUSES, 0)
    for result in results:
        counts[result.status] += 1
    lines = [f"{len(results)} jobs: " + ", ".join(f"{status} {counts[status]}" for status in STATUSES)]
    costs = [result.cost for result in results if result.cost is not None]
    if costs:
        lines.append(f"settled cost: {_usd(sum(costs))} USD ({len(costs)} task{'' if len(costs) == 1 else 's'})")
    advice = {
        "failed": "its task failed on RunAPI; --retry-failed (retry_failed=True) creates a new one",
        "refused": "no task was made; run the batch again to retry it (fix its params first if they were refused)",
        "unknown": "a task may exist; run again (without --no-idempotent-creates) to resume it by its key, or "
        "check for its task, then --forget it (Journal.forget) to create it anew",
        "unfinished": "its task exists; run the batch again to resume waiting and downloading",
    }
    for result in results:
        if result.status != "completed":
            task = f" task {result.task_id}" if result.task_id else ""
            lines.append(f"  {result.status} {result.key!r}{task}: {advice[result.status]}")
    return "\n".join(lines)


def _usd(amount: float) -> str:
    """An amount of US dollars to print: cents where that is exact (``0.36``), else up to 6 decimals."""
    amount = round(amount, 6)  # sums of floats: 0.1 + 0.2 is 0.30000000000000004
    return f"{amount:.2f}" if round(amount, 2) == amount else f"{amount:g}"


# -- the journal ------------------------------------------------------------------------------------


class Journal:
    """Where a batch records each job, in one SQLite file: safe to kill at any point and run again.

    A row per job key: the operation and params it was created with, the ``Idempotency-Key`` (written
    before the create is sent), the task id (written right after), then the outcome (``state``:
    ``creating``, ``created``, ``completed``, ``failed`` or ``refused``), payload and files.

    Commits (SQLite in WAL mode): a ``creating`` row is committed before :meth:`creating` returns,
    so no create is ever sent without its key on disk. The rows that follow it (an outcome, a
    refusal; the task id too when ``defer_created`` is set, as a batch of idempotent creates sets
    it) are committed in groups: with the next ``creating`` row, by :meth:`flush` (a batch calls it
    every ``commit_within`` seconds, 0.5 by default) or at :meth:`close`. One commit for many rows
    costs a third less CPU per job than one each (``scripts/bench_batch_bookkeeping.py``). A killed
    process loses at most those rows: their jobs resume where the journal says they stood (a
    task id by its key, an outcome by polling its task again); no task is made twice.
    A batch given a path opens the journal itself and holds it alone until it ends (SQLite's
    exclusive locking mode): a second run on the same file is refused at once
    (``ValidationError``, ``field="journal"``) rather than creating tasks twice, and each commit
    skips SQLite's shared-memory locking. The creates of one event-loop turn share the commit of
    their ``creating`` rows, made before any of them is sent.
    ``":memory:"`` keeps it in memory (no resuming). A context manager: ``with
    Journal("jobs.db") as journal: ...`` closes it.
    """

    defer_created = False
    """Whether :meth:`created` rows wait for the next commit too (safe only when a lost one is resumed by its
    ``Idempotency-Key``: ``runapi.batch`` sets it for a client of idempotent creates, the default)."""
    commit_within = 0.5
    """Seconds a waiting row may stay uncommitted while rows keep being written (a batch also flushes this often)."""

    def __init__(self, path: str | Path = ":memory:", *, timeout: float = 5.0) -> None:
        """Open (or create) the journal at ``path``; ``timeout``: seconds to wait for a file another connection
        is writing (SQLite's busy timeout).

        Raises:
            sqlite3.OperationalError: the file could not be opened, or stayed locked for ``timeout``.
        """
        self.path = str(path)
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=timeout)
        self._lock = threading.Lock()
        self._since = 0.0  # time.monotonic() when the open group of rows began
        try:
            with self._lock:
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute(
                    "CREATE TABLE IF NOT EXISTS jobs (key TEXT PRIMARY KEY, operation TEXT NOT NULL,"
                    " params TEXT NOT NULL, idempotency_key TEXT, task_id TEXT, state TEXT NOT NULL, payload TEXT,"
                    " error TEXT, files TEXT, updated REAL NOT NULL)"
                )
        except BaseException:
            self._db.close()
            raise

    def __repr__(self) -> str:
        return f"<runapi.batch.Journal {self.path}>"

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Commit the rows waiting for a commit, then close the SQLite connection."""
        try:
            self.flush()
        finally:
            self._db.close()

    def flush(self) -> None:
        """Commit the rows written and not yet committed (a no-op when there are none)."""
        with self._lock:
            if self._db.in_transaction:
                self._db.execute("COMMIT")

    def _write(self, sql: str, *args: Any, wait: bool = False) -> None:
        """Run one statement (``?1``: the current time; ``?2``...: ``args``). Committed before it returns, with the
        rows waiting before it; with ``wait``, committed with a later write or :meth:`flush` instead."""
        with self._lock:
            db = self._db
            if wait and not db.in_transaction:
                db.execute("BEGIN")
                self._since = time.monotonic()
            db.execute(sql, (time.time(), *args))
            if db.in_transaction and (not wait or time.monotonic() - self._since >= self.commit_within):
                db.execute("COMMIT")

    def _hold(self) -> None:
        """Keep the file to this connection until :meth:`close` (SQLite's exclusive locking mode): no other
        process reads or writes it meanwhile, and each commit skips the shared-memory locking (a third of
        its CPU). A batch holds the journal it opened, so that two runs never share one.

        Raises:
            ValidationError: (``field="journal"``) another connection holds the file (a batch running on it).
        """
        with self._lock:
            try:
                self._db.execute("PRAGMA locking_mode=EXCLUSIVE")
                self._db.execute("BEGIN IMMEDIATE")  # takes the lock now, and keeps it
                self._db.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise ValidationError(
                    f"journal {self.path} is in use by another batch (SQLite: {exc}); two runs on one journal could "
                    "create a task twice: wait for the other run to end, or give this one another journal",
                    field="journal",
                ) from None

    def _is_empty(self) -> bool:
        """Whether the journal holds no row (a new file, or every key forgotten)."""
        with self._lock:
            return self._db.execute("SELECT 1 FROM jobs LIMIT 1").fetchone() is None

    def get(self, key: str) -> dict[str, Any] | None:
        """The row of ``key``: ``operation``, ``params``, ``idempotency_key``, ``task_id``, ``state``,
        ``payload``, ``error``, ``files``; or ``None``."""
        with self._lock:
            cursor = self._db.execute(
                "SELECT operation, params, idempotency_key, task_id, state, payload, error, files"
                " FROM jobs WHERE key=?",
                (key,),
            )
            row = cursor.fetchone()
        if row is None:
            return None
        names = ("operation", "params", "idempotency_key", "task_id", "state", "payload", "error", "files")
        return dict(zip(names, row, strict=True))

    def rows(self) -> list[dict[str, Any]]:
        """Every row: ``key``, ``operation``, ``state``, ``task_id`` (for reports and tests)."""
        with self._lock:
            cursor = self._db.execute("SELECT key, operation, state, task_id FROM jobs ORDER BY rowid")
            return [dict(zip(("key", "operation", "state", "task_id"), row, strict=True)) for row in cursor]

    def creating(self, key: str, operation: str, params: str, idempotency_key: str, *, commit: bool = True) -> None:
        """Record that ``key``'s create is about to be sent with ``idempotency_key`` (and these params).

        Committed before it returns; with ``commit=False`` the caller commits it (:meth:`flush`) before
        sending the create (``runapi.batch`` commits the rows of one event-loop turn together).
        """
        self._write(
            "INSERT INTO jobs (key, operation, params, idempotency_key, state, updated)"
            " VALUES (?2, ?3, ?4, ?5, 'creating', ?1)"
            " ON CONFLICT(key) DO UPDATE SET operation=excluded.operation, params=excluded.params,"
            " idempotency_key=excluded.idempotency_key, task_id=NULL, state='creating', payload=NULL, error=NULL,"
            " files=NULL, updated=excluded.updated",
            key,
            operation,
            params,
            idempotency_key,
            wait=not commit,
        )

    def created(self, key: str, task_id: str) -> None:
        """Record ``key``'s task id, right after its create answered (committed at once, unless ``defer_created``)."""
        self._write(
            "UPDATE jobs SET task_id=?3, state='created', updated=?1 WHERE key=?2",
            key,
            task_id,
            wait=self.defer_created,
        )

    def refused(self, key: str, operation: str, params: str, idempotency_key: str | None, error: str) -> None:
        """Record that no task exists for ``key``: its create was refused (the next run sends it again; committed in
        a group)."""
        self._write(
            "INSERT INTO jobs (key, operation, params, idempotency_key, state, error, updated)"
            " VALUES (?2, ?3, ?4, ?5, 'refused', ?6, ?1)"
            " ON CONFLICT(key) DO UPDATE SET operation=excluded.operation, params=excluded.params,"
            " idempotency_key=excluded.idempotency_key, task_id=NULL, state='refused', payload=NULL,"
            " error=excluded.error, files=NULL, updated=excluded.updated",
            key,
            operation,
            params,
            idempotency_key,
            error,
            wait=True,
        )

    def finished(
        self, key: str, state: str, payload: Mapping[str, Any] | None, error: str | None, files: list[str]
    ) -> None:
        """Record ``key``'s final state (``"completed"`` or ``"failed"``), payload and files (committed in a group)."""
        self._write(
            "UPDATE jobs SET state=?3, payload=?4, error=?5, files=?6, updated=?1 WHERE key=?2",
            key,
            state,
            None if payload is None else json.dumps(dict(payload)),
            error,
            json.dumps(files),
            wait=True,
        )

    def forget(self, key: str) -> bool:
        """Remove ``key``, so the next run creates its task anew (after you checked it has none).

        Returns:
            ``True`` if the journal held ``key``.
        """
        with self._lock:
            cursor = self._db.execute("DELETE FROM jobs WHERE key=?", (key,))
            return cursor.rowcount > 0


@runtime_checkable
class JournalLike(Protocol):
    """What a batch needs of its journal: :class:`Journal` (SQLite, one machine) and
    ``runapi.contrib.redis.RedisJournal`` (Redis, shared by every worker of every machine) implement it.

    A row per job key with the fields :meth:`get` lists; ``state`` is ``creating``, ``created``,
    ``completed``, ``failed`` or ``refused``. Each write is atomic; :meth:`creating` (with the
    ``Idempotency-Key``) is durable once it returns, for it is written *before* a create is sent,
    and :meth:`created` (the task id) is written right after it answered. A later write may be made
    durable a little later (:class:`Journal` commits them in groups): losing one only makes its job
    resume from the row before it, never create a second task.
    """

    def get(self, key: str) -> dict[str, Any] | None:
        """The row of ``key`` (``operation``, ``params``, ``idempotency_key``, ``task_id``, ``state``,
        ``payload``, ``error``, ``files``; JSON text where :class:`Journal` stores JSON), or ``None``."""
        ...

    def rows(self) -> list[dict[str, Any]]:
        """Every row: ``key``, ``operation``, ``state``, ``task_id``, in the order keys were first written."""
        ...

    def creating(self, key: str, operation: str, params: str, idempotency_key: str) -> None:
        """Record that ``key``'s create is about to be sent with ``idempotency_key`` (and these params)."""
        ...

    def created(self, key: str, task_id: str) -> None:
        """Record ``key``'s task id, right after its create answered (a no-op for a key not held)."""
        ...

    def refused(self, key: str, operation: str, params: str, idempotency_key: str | None, error: str) -> None:
        """Record that no task exists for ``key``: its create was refused."""
        ...

    def finished(
        self, key: str, state: str, payload: Mapping[str, Any] | None, error: str | None, files: list[str]
    ) -> None:
        """Record ``key``'s final state (``"completed"`` or ``"failed"``), payload and files."""
        ...

    def forget(self, key: str) -> bool:
        """Remove ``key``; ``True`` if it was held."""
        ...


# -- pacing -----------------------------------------------------------------------------------------


class _Pace:
    """At most ``rate`` creates per second for the whole batch, and a shared pause after a 429."""

    def __init__(self, rate: float | None, clock: Callable[[], float], sleep: Callable[[float], Awaitable[None]]):
        self._gap = 0.0 if not rate else 1.0 / rate
        self._next = 0.0
        self._paused_until = 0.0
        self._clock = clock
        self._sleep = sleep

    async def slot(self) -> None:
        """Wait for this create's turn."""
        while True:
            now = self._clock()
            start = max(now, self._next, self._paused_until)
            if start <= now:
                self._next = now + self._gap
                return
            await self._sleep(start - now)

    def pause(self, seconds: float) -> None:
        """No create starts for ``seconds`` (a 429's ``Retry-After``), whichever job heard it."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)


# -- the batch --------------------------------------------------------------------------------------


def _is_path(journal: object) -> bool:
    """``journal`` names a SQLite file (or is ``None``: in memory) rather than being a journal object."""
    return journal is None or isinstance(journal, str | Path)


def _canonical(params: Mapping[str, Any]) -> str:
    return json.dumps(params, sort_keys=True, separators=(",", ":"), default=str)


def _keyed(jobs: Iterable[Job | Mapping[str, Any]]) -> Iterable[tuple[str, Job]]:
    """Each job with its key: the caller's, else a digest of its operation and params (``-2``... on repeats)."""
    seen: dict[str, int] = {}
    for item in jobs:
        job = item if isinstance(item, Job) else Job.from_dict(item)
        if job.key is not None:
            key = job.key
        else:
            digest = hashlib.sha256(f"{job.operation}\n{_canonical(job.params)}".encode()).hexdigest()[:16]
            seen[digest] = seen.get(digest, 0) + 1
            key = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"
        yield key, job


class _Counts:
    """Jobs created and running now, and how many ended in each :data:`Status`, for the progress display."""

    def __init__(self) -> None:
        self.created = self.running = 0
        self.ended: dict[Status, int] = dict.fromkeys(STATUSES, 0)

    @property
    def finished(self) -> int:
        return sum(self.ended.values())


async def run_async(
    jobs: Iterable[Job | Mapping[str, Any]],
    *,
    client: AsyncClient | None = None,
    journal: str | Path | JournalLike | None = None,
    concurrency: int = 8,
    rate: float | None = None,
    download: str | Path | None = None,
    on_result: Callable[[JobResult], object] | None = None,
    progress: bool = False,
    create_retries: int = DEFAULT_CREATE_RETRIES,
    retry_failed: bool = False,
    max_cost: float | None = None,
) -> list[JobResult]:
    """Run ``jobs`` (see the module doc) and return one :class:`JobResult` per job, in input order.

    Args:
        jobs: :class:`Job` values or mappings (``{"operation", "params", "key"}``); read lazily
            (the progress display shows a total when ``jobs`` has a length).
        client: the :class:`runapi.AsyncClient` to use (closed by you); by default one is made
            from the environment (``RUNAPI_API_KEY``, ``RUNAPI_BASE_URL``) and closed at the end.
            Its ``idempotent_creates`` (``True`` by default) says whether unknown creates are sent
            again by key; its retry policy's backoff paces resends of refused creates.
        journal: a SQLite file path (created if missing), a :class:`Journal` or any
            :class:`JournalLike` such as ``runapi.contrib.redis.RedisJournal`` (closed by you), or
            ``None`` (in memory: nothing to resume from).
        concurrency: jobs in flight at once (create, wait, download), at least 1.
        rate: creates per second for the whole batch (``None``: no limit).
        download: a folder to save every output into, as ``{job key}-{index}{ext}``.
        on_result: called with each :class:`JobResult` as its job ends (a coroutine function is
            awaited).
        progress: show a progress bar (``rich``, on stderr): jobs finished of the total, created
            and running now, and how many ended in each status.
        create_retries: resends of a create refused before anything was made (429, 503, a
            connection refused; and, under ``idempotent_creates`` (the default), an unknown
            outcome), with the same ``Idempotency-Key``, before the job ends ``refused``
            (``unknown``) for this run.
        retry_failed: create a new task for jobs whose task failed in an earlier run (pays again).
        max_cost: a budget for this run in US dollars (``None``: none). Before the first create,
            every job still to run is quoted (``POST /api/v1/price_quotes``, one quote per job,
            through its operation's ``quote()``; amounts in cents turned into USD); above the
            budget nothing starts. While it runs, a create is sent only if the settled cost of the
            jobs ended this run (``usage.cost``; the quote for one that ended without it) plus the
            quotes of the jobs in flight plus its own quote stay within the budget; the others end
            ``refused`` (no task made; the next run tries them again). Jobs with invalid params
            are not quoted (they end ``refused`` anyway).

    Raises:
        ValidationError: a bad argument, a malformed job, or a job key reused for another job;
            ``field="max_cost"`` when the jobs are quoted above ``max_cost`` (the message gives
            the total quoted; nothing was created).
        MissingAPIKeyError: no ``client`` and no ``RUNAPI_API_KEY``.
        APIError: a quote failed (with ``max_cost`` only): the budget cannot be checked.
    """
    if not isinstance(concurrency, int) or isinstance(concurrency, bool) or concurrency < 1:
        raise ValidationError(f"concurrency must be an integer >= 1; got {concurrency!r}", field="concurrency")
    if rate is not None and (not isinstance(rate, int | float) or isinstance(rate, bool) or not rate > 0):
        raise ValidationError(f"rate must be a number of creates per second > 0; got {rate!r}", field="rate")
    if not isinstance(create_retries, int) or isinstance(create_retries, bool) or create_retries < 0:
        raise ValidationError(f"create_retries must be an integer >= 0; got {create_retries!r}", field="create_retries")
    if max_cost is not None and (
        not isinstance(max_cost, int | float) or isinstance(max_cost, bool) or not 0 < max_cost < float("inf")
    ):
        raise ValidationError(f"max_cost must be a number of US dollars > 0; got {max_cost!r}", field="max_cost")
    folder = None if download is None else Path(download)
    own_client = client is None
    if client is None:
        from ._async_client import AsyncClient

        client = AsyncClient()
    book: JournalLike | None = None
    display: _Display | None = None
    try:
        if journal is None or isinstance(journal, str | Path):
            book = _own_journal(":memory:" if journal is None else journal)
        else:
            book = journal
        if folder is not None:
            from ._core.download import remove_stale_parts

            remove_stale_parts(folder)
        counts = _Counts()
        runner = _Runner(client, book, _Pace(rate, client._clock, client._sleep), counts, folder)
        runner.create_retries, runner.retry_failed = create_retries, retry_failed
        # a journal this run opened and found empty holds no row but those this run writes, one key per job
        runner.fresh = isinstance(book, Journal) and _is_path(journal) and book._is_empty()
        if isinstance(book, Journal) and _is_path(journal):  # the run's own journal
            book.defer_created = client.retry_policy.idempotent_creates  # a lost task id is found again by its key
            runner.committer = _Committer(book)
        results: dict[str, JobResult] = {}
        order: list[str] = []
        taken: set[str] = set()
        total = len(jobs) if isinstance(jobs, Sequence) else None
        keyed: Iterable[tuple[str, Job]] = _keyed(jobs)
        if max_cost is not None:
            keyed = list(keyed)  # every job is quoted before the first create
            runner.budget = await _Budget.start(runner, keyed, max_cost, concurrency)
        source = iter(keyed)
        display = _Display(counts, total) if progress else None

        async def report(result: JobResult) -> None:
            if runner.budget is not None:
                runner.budget.settle(result)
            results[result.key] = result
            counts.ended[result.status] += 1
            if display is not None:
                display.update()
            if on_result is not None:
                outcome = on_result(result)
                if inspect.isawaitable(outcome):
                    await outcome

        async def worker() -> None:
            for key, job in source:  # one shared iterator: each job is taken by one worker
                if key in taken:
                    raise ValidationError(f"job key {key!r} is used by two jobs; keys name one job each", field="key")
                taken.add(key)
                order.append(key)
                await report(await runner.run(key, job))

        if display is not None:
            display.start()
        workers = [asyncio.ensure_future(worker()) for _ in range(concurrency)]
        flushing = asyncio.ensure_future(_flush_every(book)) if isinstance(book, Journal) else None
        try:
            await asyncio.gather(*workers)
        except BaseException:  # one failed (or we were cancelled): stop the others before closing the client
            for running in workers:
                running.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
            raise
        finally:
            if flushing is not None:
                flushing.cancel()
    finally:
        if display is not None:
            display.stop()
        if own_client:
            await client.aclose()
        if isinstance(book, Journal):  # every row committed when the run returns
            if _is_path(journal):
                book.close()
            else:
                book.flush()
    return [results[key] for key in order]


def _own_journal(path: str | Path) -> Journal:
    """The journal a run opens at ``path``, held by this run alone until it ends (:meth:`Journal._hold`).

    Raises:
        ValidationError: (``field="journal"``) another run holds it; said at once, without waiting.
    """
    try:
        journal = Journal(path, timeout=0)
    except sqlite3.OperationalError as exc:
        raise ValidationError(
            f"journal {path} is in use by another batch (SQLite: {exc}); two runs on one journal could create a "
            "task twice: wait for the other run to end, or give this one another journal",
            field="journal",
        ) from None
    try:
        journal._hold()
    except BaseException:
        journal.close()
        raise
    return journal


async def _flush_every(journal: Journal) -> None:
    """Commit the journal's waiting rows every ``commit_within`` seconds while a batch runs (cancelled at its end)."""
    while True:
        await asyncio.sleep(journal.commit_within)
        journal.flush()


def run(
    jobs: Iterable[Job | Mapping[str, Any]],
    *,
    client: AsyncClient | None = None,
    journal: str | Path | JournalLike | None = None,
    concurrency: int = 8,
    rate: float | None = None,
    download: str | Path | None = None,
    on_result: Callable[[JobResult], object] | None = None,
    progress: bool = False,
    create_retries: int = DEFAULT_CREATE_RETRIES,
    retry_failed: bool = False,
    max_cost: float | None = None,
) -> list[JobResult]:
    """:func:`run_async` on a new event loop, for blocking code (scripts); the same arguments and errors."""
    return asyncio.run(
        run_async(
            jobs,
            client=client,
            journal=journal,
            concurrency=concurrency,
            rate=rate,
            download=download,
            on_result=on_result,
            progress=progress,
            create_retries=create_retries,
            retry_failed=retry_failed,
            max_cost=max_cost,
        )
    )


def _resource(client: Any, operation: str) -> Any:
    """``client.family.operation`` for a ``"family.operation"`` name, or a ValidationError.

    Imports only that operation's family (:func:`runapi._families.operation`), not every family:
    a batch of one family does not pay for importing the others (about 0.4 s of CPU).
    """
    from ._families import operation as lookup

    entry = lookup(operation)
    if entry is None:
        raise ValidationError(
            f"unknown operation {operation!r}; use 'family.operation', e.g. 'suno.generate_lyrics'", field="operation"
        )
    return getattr(getattr(client, entry[0]), entry[1])


def _refused_before_anything_was_made(exc: APIError) -> bool:
    """A create answer after which sending it again is safe and may succeed: 429, 503, a connection refused."""
    if isinstance(exc, APIConnectionError):
        return not exc.request_sent
    return isinstance(exc, RateLimitError | ServiceUnavailableError)


def _unknown_advice(key: str) -> str:
    """What to do about a job whose create's outcome is unknown."""
    return (
        "A task may exist: run again with idempotent creates (the default; not --no-idempotent-creates, not "
        "AsyncClient(idempotent_creates=False)) to resume it by its key, or check for its task, then forget the "
        f"job (runapi batch --forget {key!r}, Journal.forget) to create it anew"
    )


class _Runner:
    """Runs one job from wherever the journal says it stands; shared by the batch's workers."""

    create_retries = DEFAULT_CREATE_RETRIES
    retry_failed = False
    budget: _Budget | None = None
    fresh = False
    """The journal held no row when the run began and nobody else writes to it: no job's row is looked up."""
    committer: _Committer | None = None
    """For the :class:`Journal` the run opened: commits the ``creating`` rows of one event-loop turn together."""

    def __init__(self, client: AsyncClient, book: JournalLike, pace: _Pace, counts: _Counts, folder: Path | None):
        self.client, self.book, self.pace, self.counts, self.folder = client, book, pace, counts, folder
        self._resources: dict[str, tuple[Any, Any]] = {}

    def resource(self, operation: str) -> tuple[Any, Any]:
        """``client.family.operation``, and the same as the batch sends its creates; looked up once per name.

        A task's create is sent with ``max_retries=0`` (the batch resends it itself, see :meth:`_create`);
        a direct call keeps the client's retries. Each create's ``Idempotency-Key`` is given to its
        flow (``_create_flow(..., key=...)``), not set with ``with_options`` per job.

        Raises:
            ValidationError: no such operation.
        """
        found = self._resources.get(operation)
        if found is None:
            resource = _resource(self.client, operation)
            creates = resource.with_options(max_retries=0) if hasattr(resource, "wait") else resource
            found = self._resources[operation] = (resource, creates)
        return found

    async def run(self, key: str, job: Job) -> JobResult:
        """The job's :class:`JobResult`; raises only for a key that names another job in the journal."""
        params_text = _canonical(job.params)
        row = None if self.fresh else self.book.get(key)
        outcome = _Outcome(key, job, row)
        try:
            resource, creates = self.resource(job.operation)
        except ValidationError as exc:
            return outcome.result("refused", error=str(exc))
        state = None if row is None else row["state"]
        replaced = row is not None and (row["operation"], row["params"]) != (job.operation, params_text)
        if replaced and state != "refused" and not (state == "failed" and self.retry_failed):
            remedy = "--retry-failed (retry_failed=True) to create it anew" if state == "failed" else "another key"
            raise ValidationError(
                f"job key {key!r} names another job in this journal (its task was made with other params); "
                f"give this job {remedy}, or forget the old one (runapi batch --forget {key!r})",
                field="key",
            )
        if state in ("completed", "failed") and not (state == "failed" and self.retry_failed):
            assert row is not None
            returns = resource._operation.returns
            task = None if row["payload"] is None else returns.from_dict(json.loads(row["payload"]))
            kept = tuple(Path(f) for f in json.loads(row["files"] or "[]"))
            return attrs.evolve(outcome.result(state, task, row["error"], kept), from_journal=True)
        if row is None or state in ("creating", "refused", "failed"):
            created = await self._create(outcome, creates, job, params_text)
            if created is not None:
                return created
        return await self._finish(outcome, resource)

    async def _create(self, outcome: _Outcome, resource: Any, job: Job, params_text: str) -> JobResult | None:
        """Create the job's task (or call its direct operation) with ``resource`` (as :meth:`resource` gives it
        for creates); a :class:`JobResult` if it ends here.

        The params are checked once, where the create's flow is built (before the journal's
        ``creating`` row and before anything is sent); that flow is the one sent. A resend builds
        its flow anew (checking the params again: a local file may have changed meanwhile).
        """
        from ._core.resources import new_idempotency_key

        client, book, key, row = self.client, self.book, outcome.key, outcome.row
        is_task = hasattr(resource, "wait")
        state = None if row is None else row["state"]
        if state == "creating" and not client.retry_policy.idempotent_creates:
            return outcome.result(
                "unknown",
                error="the create's outcome is unknown (interrupted mid-create) and the client does not rely on "
                f"Idempotency-Key (idempotent_creates=False), so it was not sent again. {_unknown_advice(key)}",
            )
        same_input = row is not None and (row["operation"], row["params"]) == (job.operation, params_text)
        if state in ("creating", "refused") and same_input and row is not None and row["idempotency_key"]:
            outcome.idempotency_key = row["idempotency_key"]  # the same input keeps its key: nothing is made twice
        else:
            outcome.idempotency_key = new_idempotency_key()
        build = functools.partial(
            resource._create_flow if is_task else resource._flow, (), job.params, key=outcome.idempotency_key
        )
        flow: Any
        try:  # checks the params (and finds local files) without sending anything: the flow is sent below
            flow = build()
        except ValidationError as exc:
            book.refused(key, job.operation, params_text, None, str(exc))
            return outcome.result("refused", error=f"not sent: {exc}")
        over = None if self.budget is None else self.budget.admit(key)
        if over is not None:
            book.refused(key, job.operation, params_text, None, over)
            return outcome.result("refused", error=f"not sent: {over}")
        if self.committer is not None:  # committed with the other creates of this loop turn, before any is sent
            self.committer.journal.creating(key, job.operation, params_text, outcome.idempotency_key, commit=False)
            await self.committer.committed()
        else:
            book.creating(key, job.operation, params_text, outcome.idempotency_key)  # before anything is sent
        resends = 0
        while True:
            await self.pace.slot()
            try:
                if flow is None:  # a resend: the flow sent before is spent
                    flow = build()
                answer = await client._run(flow, resource._options)
                break
            except ValidationError as exc:  # found while sending (a local file that changed): nothing was sent
                book.refused(key, job.operation, params_text, None, str(exc))
                return outcome.result("refused", error=f"not sent: {exc}")
            except APIError as exc:
                refused = _refused_before_anything_was_made(exc)
                resend = refused or (exc.task_may_exist and client.retry_policy.idempotent_creates)
                if resend and resends < self.create_retries:
                    resends += 1
                    flow = None
                    await self._back_off(exc, resends)
                    continue
                if not exc.task_may_exist:  # the SDK's reading of the answer: no task was made
                    book.refused(key, job.operation, params_text, outcome.idempotency_key, str(exc))
                    tried = f" (sent {resends + 1} times)" if resends else ""
                    return outcome.result("refused", error=f"no task was made{tried}: {exc}")
                return outcome.result("unknown", error=f"{exc}. {_unknown_advice(key)}")
        if not is_task:  # a direct operation: its answer is the result
            book.finished(key, "completed", answer.raw, None, [])
            return outcome.result("completed", answer)
        book.created(key, answer.id)
        outcome.task_id, outcome.created_now = answer.id, True
        self.counts.created += 1
        return None

    async def _back_off(self, exc: APIError, resends: int) -> None:
        """Wait before resend ``resends``: ``Retry-After`` (pausing every create), else the client's backoff."""
        from ._core.retry import wait_seconds

        seconds = wait_seconds(self.client.retry_policy, resends, exc, self.client._random())
        if isinstance(exc, RateLimitError) or getattr(exc, "retry_after", None) is not None:
            self.pace.pause(seconds)  # the server asked every caller to wait: the whole batch slows down
        else:
            await self.client._sleep(seconds)

    async def _finish(self, outcome: _Outcome, resource: Any) -> JobResult:
        """Wait for the job's task, download its outputs, record it."""
        client, key, task_id = self.client, outcome.key, outcome.task_id
        assert task_id is not None
        self.counts.running += 1
        try:
            if outcome.created_now:  # polled as run() polls: the first poll after the first gap of the schedule
                flow = resource._wait_flow(task_id, resource._options, just_created=True)
                done: Task = await client._run(flow, resource._options)
            else:  # a task of an earlier run, of unknown age: the first poll is immediate
                done = await resource.wait(task_id)
        except TaskFailedError as exc:
            self.book.finished(key, "failed", exc.task.raw, exc.error, [])
            return outcome.result("failed", exc.task, exc.error)
        except (TaskTimeoutError, APIError) as exc:
            return outcome.result("unfinished", error=f"{exc}; run the batch again to resume it")
        finally:
            self.counts.running -= 1
        files: tuple[Path, ...] = ()
        if self.folder is not None:
            try:
                saved = await client.download_outputs(done, self.folder, overwrite=True, name=key)
            except (APIError, OSError) as exc:
                return outcome.result("unfinished", done, f"download failed: {exc}; run the batch again to resume it")
            files = tuple(item.path for item in saved)
        self.book.finished(key, "completed", done.raw, None, [str(path) for path in files])
        return outcome.result("completed", done, files=files)


class _Committer:
    """Group commit of a :class:`Journal`'s ``creating`` rows: the jobs that write theirs in one turn of the event
    loop await one commit, made at the start of the next turn; none sends its create before it is done.

    A failed commit fails every job waiting on it (nothing is sent); a job cancelled while it waits
    sends nothing either (its row, committed or not, says ``creating``: the next run resends by key).
    """

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self._pending: asyncio.Future[None] | None = None

    async def committed(self) -> None:
        pending = self._pending
        if pending is None:
            loop = asyncio.get_running_loop()
            pending = self._pending = loop.create_future()
            loop.call_soon(self._commit)
        await asyncio.shield(pending)  # one waiter cancelled does not cancel the others' commit

    def _commit(self) -> None:
        pending, self._pending = self._pending, None
        assert pending is not None
        try:
            self.journal.flush()
        except BaseException as exc:  # handed to every waiter
            pending.set_exception(exc)
        else:
            pending.set_result(None)


class _Budget:
    """``max_cost``: the jobs' quotes (US cents), the quotes of the jobs in flight, and the cost settled this run."""

    def __init__(self, max_cost: float, quotes: dict[str, int], held: dict[str, int]) -> None:
        self.max_cost = max_cost
        self.quotes = quotes
        self.held = held  # key -> quote (cents) of each job created (or resumed) and not ended yet
        self.settled_cents = 0.0

    @classmethod
    async def start(
        cls, runner: _Runner, keyed: Sequence[tuple[str, Job]], max_cost: float, concurrency: int
    ) -> _Budget:
        """Quote every job still to run (``concurrency`` quotes at once); refuse to start above ``max_cost``."""
        gate = asyncio.Semaphore(concurrency)
        held: dict[str, int] = {}

        async def quote(key: str, job: Job) -> tuple[str, int] | None:
            row = runner.book.get(key)
            state = None if row is None else row["state"]
            if state == "completed" or (state == "failed" and not runner.retry_failed):
                return None  # kept from the journal: nothing to pay this run
            try:
                resource = runner.resource(job.operation)[0]
                async with gate:
                    found = await resource.quote(**job.params)
            except ValidationError:
                return None  # bad params: it ends refused, never created
            if state == "created":
                held[key] = found.reservation_amount_cents  # its task exists: it will settle this run
            return key, found.reservation_amount_cents

        quoted = [item for item in await asyncio.gather(*(quote(key, job) for key, job in keyed)) if item]
        total = sum(cents for _, cents in quoted)
        if total > max_cost * 100:
            raise ValidationError(
                f"max_cost: the {len(quoted)} jobs to run are quoted at {_usd(total / 100)} USD in total, "
                f"above max_cost {_usd(max_cost)} USD; nothing was created",
                field="max_cost",
            )
        return cls(max_cost, dict(quoted), held)

    def admit(self, key: str) -> str | None:
        """Hold the job's quote and return ``None``; or why creating it would pass the budget."""
        quote = self.quotes.get(key, 0)
        in_flight = sum(self.held.values())
        if self.settled_cents + in_flight + quote > self.max_cost * 100:
            return (
                f"max_cost {_usd(self.max_cost)} USD would be passed: settled {_usd(self.settled_cents / 100)} USD "
                f"+ quoted for jobs in flight {_usd(in_flight / 100)} USD + this job's quote {_usd(quote / 100)} USD; "
                "no task was made (run the batch again, with a larger --max-cost, to create it)"
            )
        self.held[key] = quote
        return None

    def settle(self, result: JobResult) -> None:
        """Count an ended job: its ``usage.cost``, else its quote where a task may have cost something."""
        quote = self.held.pop(result.key, None)
        if quote is None or result.from_journal:
            return  # never created this run
        if result.cost is not None:
            self.settled_cents += result.cost * 100
        elif result.status != "refused":
            self.settled_cents += quote  # no settlement known (failed, unknown, unfinished): count the quote


class _Outcome:
    """What one job knows as it runs (its key, journal row, idempotency key, task id), and its result."""

    def __init__(self, key: str, job: Job, row: dict[str, Any] | None) -> None:
        self.key, self.job, self.row = key, job, row
        self.task_id: str | None = None if row is None else row["task_id"]
        self.idempotency_key: str | None = None if row is None else row["idempotency_key"]
        self.created_now = False

    def result(
        self, status: Status, task: Any = None, error: str | None = None, files: tuple[Path, ...] = ()
    ) -> JobResult:
        task_id = getattr(task, "id", None) or self.task_id
        return JobResult(
            key=self.key,
            operation=self.job.operation,
            status=status,
            task_id=task_id,
            task=task,
            error=error,
            files=files,
            idempotency_key=self.idempotency_key,
        )


class _Display:
    """A ``rich`` display on stderr: a bar of jobs finished (of the total, when known) with elapsed
    time and ETA, and below it the jobs created and running now and how many ended in each status."""

    def __init__(self, counts: _Counts, total: int | None) -> None:
        from rich.console import Console, Group
        from rich.live import Live
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.text import Text

        self._counts = counts
        self._text = Text()
        self._progress = Progress(
            TextColumn("jobs"),
            BarColumn(),
            MofNCompleteColumn() if total is not None else TextColumn("{task.completed}"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
        )
        self._task = self._progress.add_task("jobs", total=total)
        stderr = Console(stderr=True)  # stdout may carry the results (runapi batch --out -)
        self._live = Live(Group(self._progress, self._text), console=stderr, refresh_per_second=4)
        self.update()

    def _describe(self) -> str:
        c = self._counts
        ended = "  ".join(f"{status} {c.ended[status]}" for status in STATUSES)
        return f"created {c.created}  running {c.running}  {ended}"

    def start(self) -> None:
        self._live.start()

    def update(self) -> None:
        self._progress.update(self._task, completed=self._counts.finished)
        self._text.plain = self._describe()

    def stop(self) -> None:
        self.update()
        self._live.refresh()
        self._live.stop()
