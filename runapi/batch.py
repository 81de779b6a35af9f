"""Batch runs that never pay twice: many jobs, bounded concurrency, a rate limit, and a journal to resume from.

::

    from runapi import batch

    jobs = [batch.Job("nano_banana.text_to_image", {"model": "nano-banana", "prompt": p}) for p in prompts]
    results = batch.run(jobs, journal="images.db", concurrency=16, rate=5, download="outputs/")
    for result in results:
        print(result.key, result.status, [str(f) for f in result.files])

Each job is one operation (``"family.operation"``) with its params and a key (the caller's, else
one derived from the operation and params). The **journal** (one SQLite file) records each job's
``Idempotency-Key`` *before* its create is sent, its task id right after, then its final state,
payload and files. Running the same jobs again with the same journal never creates a task twice:

- a finished job (completed or failed) is not run again; its result comes from the journal;
- a job with a task id resumes waiting (and downloading);
- a job whose create outcome is unknown (a crash, or a dropped connection, mid-create) is sent
  again with the same ``Idempotency-Key`` only if the client says the server honours it
  (``AsyncClient(idempotent_creates=True)``); otherwise its status is ``"unknown"`` and it is
  not retried: check for its task, then remove it from the journal (:meth:`Journal.forget`) to
  run it again;
- a new job is created.

``concurrency`` jobs run at once (create, wait, download); creates start at most ``rate`` per
second; a 429 on a create pauses every create for its ``Retry-After`` (the whole batch slows down,
not one job), then the create is sent again with the same key (a 429 creates nothing). Built on
:class:`runapi.AsyncClient`: :func:`run_async` is the batch; :func:`run` runs it on an event loop.
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import json
import sqlite3
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from .errors import APIError, RateLimitError, TaskFailedError, TaskTimeoutError, ValidationError

if TYPE_CHECKING:
    from ._async_client import AsyncClient
    from ._core.models import Result, Task

__all__ = ["Job", "JobResult", "Journal", "Status", "run", "run_async"]

Status = Literal["completed", "failed", "unknown", "unfinished"]
"""How a job ended this run:

- ``completed``: its task completed (or its direct call answered);
- ``failed``: its task failed, or its create was refused (a 4xx, a validation error);
- ``unknown``: its create's outcome is unknown and was not sent again (see the module doc);
- ``unfinished``: its task exists but did not finish in this run (a wait deadline, a poll that
  failed for good, or a failed download): the next run resumes it.
"""


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
        status: ``"completed"``, ``"failed"``, ``"unknown"`` or ``"unfinished"`` (see :data:`Status`).
        task_id: the task's id, once created.
        task: the task (or direct result) as last seen, typed as the operation's result class.
        error: why it failed, is unknown or unfinished.
        files: the downloaded outputs, ``{key}-{index}{ext}`` in the download folder.
        from_journal: ``True`` when the job had finished in an earlier run and was not run again.
    """

    key: str
    operation: str
    status: Status
    task_id: str | None = None
    task: Result | None = None
    error: str | None = None
    files: tuple[Path, ...] = ()
    from_journal: bool = False

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (one JSON Lines record of ``runapi batch --out``)."""
        return {
            "key": self.key,
            "operation": self.operation,
            "status": self.status,
            "task_id": self.task_id,
            "error": self.error,
            "files": [str(path) for path in self.files],
            "from_journal": self.from_journal,
            "task": None if self.task is None else self.task.to_dict(),
        }


# -- the journal ------------------------------------------------------------------------------------


class Journal:
    """Where a batch records each job, in one SQLite file: safe to kill at any point and run again.

    A row per job key: the operation and params it was created with, the ``Idempotency-Key`` (written
    before the create is sent), the task id (written right after), then the final state, payload and
    files. Every write is its own committed transaction (WAL), so a killed process loses at most the
    write it was making. ``":memory:"`` keeps it in memory (no resuming).

    Raises:
        ValidationError: a job key already names another operation or other params in this journal.
    """

    def __init__(self, path: str | Path = ":memory:") -> None:
        self.path = str(path)
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._lock = threading.Lock()
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS jobs (key TEXT PRIMARY KEY, operation TEXT NOT NULL, params TEXT NOT NULL,"
                " idempotency_key TEXT, task_id TEXT, state TEXT NOT NULL, payload TEXT, error TEXT, files TEXT,"
                " updated REAL NOT NULL)"
            )

    def __repr__(self) -> str:
        return f"<runapi.batch.Journal {self.path}>"

    def close(self) -> None:
        """Close the SQLite connection (everything written is already committed)."""
        self._db.close()

    def _write(self, sql: str, *args: Any) -> None:
        """Run one statement (its own committed transaction); ``:now`` is the current time."""
        with self._lock:
            self._db.execute(sql, {"now": time.time(), **{f"a{i}": arg for i, arg in enumerate(args)}})

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

    def creating(self, key: str, operation: str, params: str, idempotency_key: str) -> None:
        """Record that ``key``'s create is about to be sent with ``idempotency_key``."""
        self._write(
            "INSERT INTO jobs (key, operation, params, idempotency_key, state, updated)"
            " VALUES (:a0, :a1, :a2, :a3, 'creating', :now)"
            " ON CONFLICT(key) DO UPDATE SET idempotency_key=excluded.idempotency_key, state='creating',"
            " updated=excluded.updated",
            key,
            operation,
            params,
            idempotency_key,
        )

    def created(self, key: str, task_id: str) -> None:
        """Record ``key``'s task id, right after its create answered."""
        self._write("UPDATE jobs SET task_id=:a1, state='created', updated=:now WHERE key=:a0", key, task_id)

    def finished(
        self, key: str, state: str, payload: Mapping[str, Any] | None, error: str | None, files: list[str]
    ) -> None:
        """Record ``key``'s final state (``"completed"`` or ``"failed"``), payload and files."""
        self._write(
            "UPDATE jobs SET state=:a1, payload=:a2, error=:a3, files=:a4, updated=:now WHERE key=:a0",
            key,
            state,
            None if payload is None else json.dumps(dict(payload)),
            error,
            json.dumps(files),
        )

    def forget(self, key: str) -> None:
        """Remove ``key``, so the next run creates its task anew (after you checked it has none)."""
        self._write("DELETE FROM jobs WHERE key=:a0", key)


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
    """created / running / done / failed, for the progress display and the summary."""

    def __init__(self) -> None:
        self.created = self.running = self.done = self.failed = self.other = 0


async def run_async(
    jobs: Iterable[Job | Mapping[str, Any]],
    *,
    client: AsyncClient | None = None,
    journal: str | Path | Journal | None = None,
    concurrency: int = 8,
    rate: float | None = None,
    download: str | Path | None = None,
    on_result: Callable[[JobResult], object] | None = None,
    progress: bool = False,
) -> list[JobResult]:
    """Run ``jobs`` (see the module doc) and return one :class:`JobResult` per job, in input order.

    Args:
        jobs: :class:`Job` values or mappings (``{"operation", "params", "key"}``); read lazily.
        client: the :class:`runapi.AsyncClient` to use (closed by you); by default one is made
            from the environment (``RUNAPI_API_KEY``, ``RUNAPI_BASE_URL``) and closed at the end.
            Its ``idempotent_creates`` says whether unknown creates may be sent again.
        journal: a SQLite file path (created if missing), a :class:`Journal`, or ``None`` (in
            memory: nothing to resume from).
        concurrency: jobs in flight at once (create, wait, download), at least 1.
        rate: creates per second for the whole batch (``None``: no limit).
        download: a folder to save every output into, as ``{job key}-{index}{ext}``.
        on_result: called with each :class:`JobResult` as its job ends (a coroutine function is
            awaited).
        progress: show a progress bar (``rich``) with created / running / done / failed counts and ETA.

    Raises:
        ValidationError: a bad argument, a malformed job, or a job key reused for another job.
        MissingAPIKeyError: no ``client`` and no ``RUNAPI_API_KEY``.
    """
    if not isinstance(concurrency, int) or isinstance(concurrency, bool) or concurrency < 1:
        raise ValidationError(f"concurrency must be an integer >= 1; got {concurrency!r}", field="concurrency")
    if rate is not None and (not isinstance(rate, int | float) or isinstance(rate, bool) or not rate > 0):
        raise ValidationError(f"rate must be a number of creates per second > 0; got {rate!r}", field="rate")
    own_client = client is None
    if client is None:
        from ._async_client import AsyncClient

        client = AsyncClient()
    book = journal if isinstance(journal, Journal) else Journal(":memory:" if journal is None else journal)
    pace = _Pace(rate, client._clock, client._sleep)
    counts = _Counts()
    folder = None if download is None else Path(download)
    results: dict[str, JobResult] = {}
    order: list[str] = []
    taken: set[str] = set()
    source = iter(_keyed(jobs))
    display = _Display(counts, len(jobs) if isinstance(jobs, list | tuple) else None) if progress else None

    async def report(result: JobResult) -> None:
        results[result.key] = result
        if result.status == "completed":
            counts.done += 1
        elif result.status == "failed":
            counts.failed += 1
        else:
            counts.other += 1
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
            await report(await _run_job(client, book, pace, counts, key, job, folder))

    try:
        if display is not None:
            display.start()
        workers = [asyncio.ensure_future(worker()) for _ in range(concurrency)]
        try:
            await asyncio.gather(*workers)
        except BaseException:  # one failed (or we were cancelled): stop the others before closing the client
            for running in workers:
                running.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
            raise
    finally:
        if display is not None:
            display.stop()
        if own_client:
            await client.aclose()
        if not isinstance(journal, Journal):
            book.close()
    return [results[key] for key in order]


def run(
    jobs: Iterable[Job | Mapping[str, Any]],
    *,
    client: AsyncClient | None = None,
    journal: str | Path | Journal | None = None,
    concurrency: int = 8,
    rate: float | None = None,
    download: str | Path | None = None,
    on_result: Callable[[JobResult], object] | None = None,
    progress: bool = False,
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
        )
    )


def _resource(client: AsyncClient, operation: str) -> Any:
    """``client.family.operation`` for a ``"family.operation"`` name, or a ValidationError."""
    from ._client import operations

    entry = operations().get(operation)
    if entry is None:
        raise ValidationError(
            f"unknown operation {operation!r}; use 'family.operation', e.g. 'suno.generate_lyrics'", field="operation"
        )
    return getattr(getattr(client, entry[0]), entry[1])


async def _run_job(
    client: AsyncClient, book: Journal, pace: _Pace, counts: _Counts, key: str, job: Job, folder: Path | None
) -> JobResult:
    """One job from wherever the journal says it stands."""

    def result(status: Status, task: Any = None, error: str | None = None, files: tuple[Path, ...] = ()) -> JobResult:
        task_id = getattr(task, "id", None) or task_id_known
        return JobResult(
            key=key, operation=job.operation, status=status, task_id=task_id, task=task, error=error, files=files
        )

    try:
        resource = _resource(client, job.operation)
    except ValidationError as exc:
        return JobResult(key=key, operation=job.operation, status="failed", error=str(exc))
    params_text = _canonical(job.params)
    row = book.get(key)
    task_id_known: str | None = None if row is None else row["task_id"]
    if row is not None and (row["operation"], row["params"]) != (job.operation, params_text):
        raise ValidationError(
            f"job key {key!r} names another job in this journal; give this job another key", field="key"
        )
    returns = resource._operation.returns
    if row is not None and row["state"] in ("completed", "failed"):
        task = None if row["payload"] is None else returns.from_dict(json.loads(row["payload"]))
        kept = tuple(Path(f) for f in json.loads(row["files"] or "[]"))
        return attrs.evolve(result(row["state"], task, row["error"], kept), from_journal=True)

    is_task = hasattr(resource, "wait")
    created_now = False
    if row is None or row["state"] == "creating":
        if row is not None and not client.retry_policy.idempotent_creates:
            return result(
                "unknown",
                error="the create's outcome is unknown (interrupted mid-create) and the client does not rely on "
                f"Idempotency-Key: not sent again. Check for its task, then Journal.forget({key!r}) to run it again",
            )
        from ._core.operations import new_idempotency_key

        idempotency_key = new_idempotency_key() if row is None else row["idempotency_key"]
        book.creating(key, job.operation, params_text, idempotency_key)  # before anything is sent
        once = resource.with_options(idempotency_key=idempotency_key, max_retries=0 if is_task else None)
        while True:
            await pace.slot()
            try:
                answer = await (once.create(**job.params) if is_task else once(**job.params))
                break
            except RateLimitError as exc:  # refused before anything was made: slow everyone down, send again
                pace.pause(exc.retry_after if exc.retry_after is not None else 1.0)
            except ValidationError as exc:
                book.finished(key, "failed", None, str(exc), [])
                return result("failed", error=str(exc))
            except APIError as exc:
                if exc.task_may_exist:
                    return result("unknown", error=str(exc))
                book.finished(key, "failed", None, str(exc), [])
                return result("failed", error=str(exc))
        if not is_task:  # a direct operation: its answer is the result
            book.finished(key, "completed", answer.raw, None, [])
            return result("completed", answer)
        book.created(key, answer.id)
        task_id_known = answer.id
        counts.created += 1
        created_now = True

    counts.running += 1
    try:
        if created_now:  # polled as run() polls: the first poll after the first gap of the schedule
            flow = resource._wait_flow(task_id_known, resource._options, just_created=True)
            done: Task = await client._run(flow, resource._options)
        else:  # a task of an earlier run, of unknown age: the first poll is immediate
            done = await resource.wait(task_id_known)
    except TaskFailedError as exc:
        book.finished(key, "failed", exc.task.raw, exc.error, [])
        return result("failed", exc.task, exc.error)
    except (TaskTimeoutError, APIError) as exc:
        return result("unfinished", error=str(exc))
    finally:
        counts.running -= 1
    files: tuple[Path, ...] = ()
    if folder is not None:
        try:
            saved = await client.download_outputs(done, folder, overwrite=True, name=key)
        except (APIError, OSError) as exc:
            return result("unfinished", done, f"download failed: {exc}")
        files = tuple(item.path for item in saved)
    book.finished(key, "completed", done.raw, None, [str(path) for path in files])
    return result("completed", done, files=files)


class _Display:
    """A ``rich`` progress bar: done of total (when known), created / running / done / failed, ETA."""

    def __init__(self, counts: _Counts, total: int | None) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        self._counts = counts
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed} jobs"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),  # stdout may carry the results (runapi batch --out -)
        )
        self._task = self._progress.add_task(self._describe(), total=total)

    def _describe(self) -> str:
        c = self._counts
        return f"created {c.created}  running {c.running}  done {c.done}  failed {c.failed}  other {c.other}"

    def start(self) -> None:
        self._progress.start()

    def update(self) -> None:
        c = self._counts
        self._progress.update(self._task, completed=c.done + c.failed + c.other, description=self._describe())

    def stop(self) -> None:
        self.update()
        self._progress.stop()
