"""``runapi.batch`` on the emulator: every job once, resumed after a crash at every point with no task created
twice, paced, and reported. Polls and pauses sleep on a fake clock: nothing here waits for real."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import runapi
from runapi import batch
from runapi.emulator import Emulator
from tests.conftest import FakeClock

KEY = "emu-batch-key"
LYRICS = "/api/v1/suno/generate_lyrics"
IMAGE = "/api/v1/nano_banana/text_to_image"


class Crash(Exception):
    """Stands for the process dying at a chosen point."""


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(api_key=KEY, complete_after_polls=2) as e:
        yield e


def jobs(n: int = 6) -> list[batch.Job]:
    half = n // 2
    lyrics = [batch.Job("suno.generate_lyrics", {"prompt": f"song {i}"}, key=f"lyrics-{i}") for i in range(half)]
    images = [
        batch.Job("nano_banana.text_to_image", {"model": "nano-banana", "prompt": f"cat {i}"}, key=f"img-{i}")
        for i in range(n - half)
    ]
    return lyrics + images


def created_on(emu: Emulator) -> list[dict[str, Any]]:
    return [t for t in emu.tasks() if t["path"] in (LYRICS, IMAGE)]


def run(
    emu: Emulator, clock: FakeClock, job_list: list[batch.Job], *, idempotent: bool = True, **options: Any
) -> list[batch.JobResult]:
    async def sleep(seconds: float) -> None:
        clock.sleep(seconds)
        await asyncio.sleep(0)

    async def main() -> list[batch.JobResult]:
        async with runapi.AsyncClient(
            KEY,
            base_url=emu.url,
            sleep=options.pop("sleep", sleep),
            clock=clock,
            idempotent_creates=idempotent,
        ) as client:
            setup = options.pop("setup", None)
            if setup is not None:
                setup(client)
            return await batch.run_async(job_list, client=client, **options)

    return asyncio.run(main())


def test_every_job_runs_once_and_its_outputs_are_saved_by_job_key(
    emu: Emulator, clock: FakeClock, tmp_path: Path
) -> None:
    seen: list[str] = []
    results = run(
        emu, clock, jobs(), journal=tmp_path / "j.db", download=tmp_path / "out", on_result=lambda r: seen.append(r.key)
    )
    assert [r.key for r in results] == [j.key for j in jobs()]
    assert {r.status for r in results} == {"completed"}
    assert sorted(seen) == sorted(r.key for r in results)
    assert len(created_on(emu)) == 6
    image = next(r for r in results if r.key == "img-0")
    assert [p.name for p in image.files] == ["img-0-0.png"] and image.files[0].read_bytes().startswith(b"\x89PNG")
    assert isinstance(image.task, runapi.nano_banana.ImageTask)
    json.dumps([r.to_dict() for r in results])  # JSON Lines records


def test_running_the_same_batch_again_creates_nothing(emu: Emulator, clock: FakeClock, tmp_path: Path) -> None:
    journal = tmp_path / "j.db"
    first = run(emu, clock, jobs(), journal=journal)
    again = run(emu, clock, jobs(), journal=journal)
    assert len(created_on(emu)) == 6
    assert all(r.from_journal and r.status == "completed" for r in again)
    assert [r.task_id for r in again] == [r.task_id for r in first]
    assert type(again[0].task) is type(first[0].task) and again[0].task == first[0].task


class CrashingJournal(batch.Journal):
    """A journal that dies at one point of one job: ``creating`` (key written, create not sent), or ``created``
    (task made, its id not written)."""

    def __init__(self, path: Path, at: str, key: str) -> None:
        super().__init__(path)
        self.at, self.key = at, key

    def creating(self, key: str, operation: str, params: str, idempotency_key: str) -> None:
        super().creating(key, operation, params, idempotency_key)
        if self.at == "creating" and key == self.key:
            raise Crash("killed after the key was written, before the create was sent")

    def created(self, key: str, task_id: str) -> None:
        if self.at == "created" and key == self.key:
            raise Crash("killed after the create, before its task id was written")
        super().created(key, task_id)


@pytest.mark.parametrize("at", ["creating", "created"])
def test_a_crash_mid_create_resumes_by_key_with_nothing_unknown_by_default(
    emu: Emulator, clock: FakeClock, tmp_path: Path, at: str
) -> None:
    path = tmp_path / "j.db"
    with CrashingJournal(path, at, "lyrics-1") as crashing, pytest.raises(Crash):
        run(emu, clock, jobs(), journal=crashing, concurrency=1)
    with batch.Journal(path) as journal:
        assert {row["key"]: row["state"] for row in journal.rows()}["lyrics-1"] == "creating"
    resumed = {r.key: r for r in run(emu, clock, jobs(), journal=path, concurrency=2)}  # the default client
    assert {r.status for r in resumed.values()} == {"completed"}  # 0 unknown
    assert len(created_on(emu)) == 6 and len({t["id"] for t in created_on(emu)}) == 6  # none made twice
    lyrics_1 = [t for t in created_on(emu) if t["params"]["prompt"] == "song 1"]
    assert [t["id"] for t in lyrics_1] == [resumed["lyrics-1"].task_id]
    assert lyrics_1[0]["idempotency_key"] == resumed["lyrics-1"].idempotency_key  # the key written before the crash


@pytest.mark.parametrize("at", ["creating", "created"])
def test_a_crash_around_a_create_never_makes_a_second_task(
    emu: Emulator, clock: FakeClock, tmp_path: Path, at: str
) -> None:
    path = tmp_path / "j.db"
    with CrashingJournal(path, at, "lyrics-1") as crashing, pytest.raises(Crash):
        run(emu, clock, jobs(), journal=crashing, concurrency=1)
    made = len(created_on(emu))
    # with a client that does not rely on Idempotency-Key, the job is reported, not sent again
    cautious = {r.key: r for r in run(emu, clock, jobs(), journal=path, concurrency=2, idempotent=False)}
    assert cautious["lyrics-1"].status == "unknown" and "not sent again" in (cautious["lyrics-1"].error or "")
    assert "--forget 'lyrics-1'" in (cautious["lyrics-1"].error or "")
    assert all(r.status == "completed" for k, r in cautious.items() if k != "lyrics-1")
    assert len(created_on(emu)) == made + 4  # the jobs never started, and nothing for lyrics-1
    # by default the key is relied on: it is sent again with the same key, the emulator answers the same task
    bold = {r.key: r for r in run(emu, clock, jobs(), journal=path)}
    assert bold["lyrics-1"].status == "completed"
    assert len(created_on(emu)) == 6
    assert len({t["id"] for t in created_on(emu)}) == 6


def test_a_crash_while_waiting_resumes_the_wait(emu: Emulator, clock: FakeClock, tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    sleeps = 0

    async def dying_sleep(seconds: float) -> None:
        nonlocal sleeps
        sleeps += 1
        if sleeps == 3:
            raise Crash("killed while waiting")
        clock.sleep(seconds)

    with pytest.raises(Crash):  # one job at a time: no create is in flight when it dies
        run(emu, clock, jobs(), journal=path, sleep=dying_sleep, concurrency=1)
    with batch.Journal(path) as journal:
        states = [row["state"] for row in journal.rows()]
    assert states[-1] == "created"  # it died waiting for this one
    results = run(emu, clock, jobs(), journal=path)
    assert {r.status for r in results} == {"completed"}
    assert len(created_on(emu)) == 6


def test_a_crash_while_downloading_downloads_again_under_the_same_names(
    emu: Emulator, clock: FakeClock, tmp_path: Path
) -> None:
    path, out = tmp_path / "j.db", tmp_path / "out"

    def break_downloads(client: runapi.AsyncClient) -> None:
        real = client.download_outputs

        async def dying(*args: Any, **kwargs: Any) -> Any:
            if kwargs.get("name") == "img-1":
                raise Crash("killed mid-download")
            return await real(*args, **kwargs)

        client.download_outputs = dying  # type: ignore[method-assign]

    with pytest.raises(Crash):
        run(emu, clock, jobs(), journal=path, download=out, setup=break_downloads, concurrency=1)
    results = {r.key: r for r in run(emu, clock, jobs(), journal=path, download=out)}
    assert results["img-1"].status == "completed" and not results["img-1"].from_journal
    assert [p.name for p in results["img-1"].files] == ["img-1-0.png"]
    assert sorted(p.name for p in out.iterdir()) == ["img-0-0.png", "img-1-0.png", "img-2-0.png"]
    assert len(created_on(emu)) == 6


def test_a_dropped_create_is_unknown_then_resent_with_the_same_key(
    emu: Emulator, clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "j.db"
    emu.inject("drop", method="POST", path=LYRICS, after_handling=True)  # made, but the answer is lost
    first = {r.key: r for r in run(emu, clock, jobs(), journal=path, concurrency=1, idempotent=False)}
    assert first["lyrics-0"].status == "unknown"
    second = {r.key: r for r in run(emu, clock, jobs(), journal=path)}
    assert second["lyrics-0"].status == "completed"
    assert len(created_on(emu)) == 6


def test_a_429_pauses_every_create_and_makes_nothing_twice(emu: Emulator, clock: FakeClock) -> None:
    emu.inject("rate_limit", method="POST", path=IMAGE, retry_after=7, times=1)
    results = run(emu, clock, jobs(), concurrency=3)
    assert {r.status for r in results} == {"completed"}
    assert 7 in clock.sleeps  # the batch waited the Retry-After
    assert len(created_on(emu)) == 6


def test_the_pace_spaces_creates_and_a_pause_holds_every_one(clock: FakeClock) -> None:
    from runapi.batch import _Pace

    async def sleep(seconds: float) -> None:
        clock.sleep(seconds)

    async def slots(pace: _Pace, n: int) -> list[float]:
        times = []
        for _ in range(n):
            await pace.slot()
            times.append(clock())
        return times

    start = clock()
    paced = asyncio.run(slots(_Pace(2.0, clock, sleep), 4))
    assert [round(t - start, 6) for t in paced] == [0.0, 0.5, 1.0, 1.5]
    paused = _Pace(None, clock, sleep)
    paused.pause(7)
    before = clock()
    assert asyncio.run(slots(paused, 2)) == [before + 7, before + 7]  # no rate: only the pause holds them


def test_bad_jobs_are_refused_alone_and_nothing_is_sent_for_them(emu: Emulator, clock: FakeClock) -> None:
    job_list = [
        batch.Job("suno.generate_lyrics", {"prompt": ""}, key="empty"),
        batch.Job("suno.no_such_thing", {}, key="unknown-op"),
        batch.Job("suno.generate_lyrics", {"prompt": "fine"}, key="fine"),
    ]
    results = {r.key: r for r in run(emu, clock, job_list)}
    assert results["empty"].status == "refused" and "prompt" in (results["empty"].error or "")
    assert results["unknown-op"].status == "refused" and "unknown operation" in (results["unknown-op"].error or "")
    assert results["fine"].status == "completed"
    assert len(created_on(emu)) == 1
    assert [r["method"] for r in emu.requests() if r["path"] == LYRICS] == ["POST"]


def test_a_key_names_one_job(emu: Emulator, clock: FakeClock, tmp_path: Path) -> None:
    twice = [
        batch.Job("suno.generate_lyrics", {"prompt": "a"}, key="k"),
        batch.Job("suno.generate_lyrics", {"prompt": "b"}, key="k"),
    ]
    with pytest.raises(runapi.ValidationError, match="used by two jobs"):
        run(emu, clock, twice, concurrency=1)
    path = tmp_path / "j.db"
    run(emu, clock, [twice[0]], journal=path)
    with pytest.raises(runapi.ValidationError, match="names another job"):
        run(emu, clock, [twice[1]], journal=path)


def test_jobs_without_keys_get_stable_ones(emu: Emulator, clock: FakeClock) -> None:
    same = [batch.Job("suno.generate_lyrics", {"prompt": "x"})] * 2
    keys = [r.key for r in run(emu, clock, same)]
    assert keys[1] == keys[0] + "-2" and len(keys[0]) == 16
    assert [r.key for r in run(emu, clock, same)] == keys


def test_a_direct_operation_is_a_job_too(emu: Emulator, clock: FakeClock) -> None:
    (result,) = run(emu, clock, [batch.Job("suno.boost_style", {"description": "Pop"}, key="style")])
    assert result.status == "completed" and isinstance(result.task, runapi.suno.BoostedStyle)


def test_progress_shows_the_counts_on_stderr(
    emu: Emulator, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    results = run(emu, clock, jobs(4), progress=True)
    assert {r.status for r in results} == {"completed"}
    shown = capsys.readouterr()
    assert "4/4" in shown.err and shown.out == ""
    for status in batch.STATUSES:  # every state is named, none hides under "other"
        assert f"{status} " in shown.err
    assert "completed 4" in shown.err and "refused 0" in shown.err


# -- nothing lost: refusals, unknown creates, failed tasks, output names ------------------------------


def keys_sent(emu: Emulator, path: str) -> list[str]:
    """The Idempotency-Key of every create received on ``path``, in order."""
    return [r["headers"].get("Idempotency-Key") for r in emu.requests() if r["method"] == "POST" and r["path"] == path]


def test_a_503_on_a_create_is_sent_again_with_the_same_key_within_the_run(emu: Emulator, clock: FakeClock) -> None:
    emu.inject("unavailable", method="POST", path=LYRICS, times=2)
    results = {r.key: r for r in run(emu, clock, jobs(2), concurrency=1)}
    assert {r.status for r in results.values()} == {"completed"}
    sent = keys_sent(emu, LYRICS)
    assert len(sent) == 3 and len(set(sent)) == 1  # two refusals, then the same key once more
    assert sent[0] == results["lyrics-0"].idempotency_key
    assert len(created_on(emu)) == 2


def test_a_503_with_retry_after_pauses_every_create_for_that_long(emu: Emulator, clock: FakeClock) -> None:
    emu.inject("unavailable", method="POST", path=IMAGE, times=1, retry_after=11)
    results = run(emu, clock, jobs(), concurrency=3)
    assert {r.status for r in results} == {"completed"}
    assert 11 in clock.sleeps
    assert len(created_on(emu)) == 6


def test_a_create_refused_past_the_budget_is_refused_then_retried_by_the_next_run(
    emu: Emulator, clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "j.db"
    emu.inject("unavailable", method="POST", path=LYRICS, times=4)
    first = {r.key: r for r in run(emu, clock, jobs(2), journal=path, create_retries=2)}
    assert first["lyrics-0"].status == "refused"
    assert "no task was made (sent 3 times)" in (first["lyrics-0"].error or "")
    assert first["img-0"].status == "completed"
    with batch.Journal(path) as journal:
        assert journal.get("lyrics-0")["state"] == "refused"  # type: ignore[index]
    assert created_on(emu) == [t for t in created_on(emu) if t["path"] == IMAGE]
    second = {r.key: r for r in run(emu, clock, jobs(2), journal=path)}  # one refusal left, then it goes through
    assert second["lyrics-0"].status == "completed" and not second["lyrics-0"].from_journal
    assert second["img-0"].from_journal
    assert len(set(keys_sent(emu, LYRICS))) == 1  # the same key all along: the same input
    assert len(created_on(emu)) == 2


def test_a_job_refused_by_validation_can_be_fixed_and_run_again_under_its_key(
    emu: Emulator, clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "j.db"
    (bad,) = run(emu, clock, [batch.Job("suno.generate_lyrics", {"prompt": ""}, key="a")], journal=path)
    assert bad.status == "refused" and bad.error and bad.error.startswith("not sent:")
    assert keys_sent(emu, LYRICS) == []
    (fixed,) = run(emu, clock, [batch.Job("suno.generate_lyrics", {"prompt": "the sea"}, key="a")], journal=path)
    assert fixed.status == "completed"
    assert [t["params"]["prompt"] for t in created_on(emu)] == ["the sea"]


def test_a_key_whose_task_exists_still_names_one_job(emu: Emulator, clock: FakeClock, tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    run(emu, clock, [batch.Job("suno.generate_lyrics", {"prompt": "a"}, key="k")], journal=path)
    with pytest.raises(runapi.ValidationError, match="--forget"):
        run(emu, clock, [batch.Job("suno.generate_lyrics", {"prompt": "b"}, key="k")], journal=path)
    with batch.Journal(path) as journal:
        assert journal.forget("k") is True and journal.forget("k") is False
    (again,) = run(emu, clock, [batch.Job("suno.generate_lyrics", {"prompt": "b"}, key="k")], journal=path)
    assert again.status == "completed" and len(created_on(emu)) == 2


def test_a_failed_task_is_final_unless_retry_failed(emu: Emulator, clock: FakeClock, tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    failing = [batch.Job("suno.generate_lyrics", {"prompt": "emulator:fail"}, key="f")]
    (first,) = run(emu, clock, failing, journal=path)
    assert first.status == "failed" and first.task_id is not None
    (kept,) = run(emu, clock, failing, journal=path)
    assert kept.status == "failed" and kept.from_journal and len(created_on(emu)) == 1
    fixed = [batch.Job("suno.generate_lyrics", {"prompt": "the sea"}, key="f")]
    (retried,) = run(emu, clock, fixed, journal=path, retry_failed=True)
    assert retried.status == "completed" and retried.task_id != first.task_id
    assert retried.idempotency_key != first.idempotency_key  # other input, another key
    assert len(created_on(emu)) == 2


def test_by_default_an_unknown_create_is_resent_within_the_run(emu: Emulator, clock: FakeClock, tmp_path: Path) -> None:
    emu.inject("drop", method="POST", path=LYRICS, after_handling=True, times=2)  # made, but the answers are lost
    results = run(emu, clock, jobs(), journal=tmp_path / "j.db", concurrency=2)
    assert {r.status for r in results} == {"completed"}
    assert len(created_on(emu)) == 6  # the emulator answered the resends with the tasks it had made
    assert len(keys_sent(emu, LYRICS)) == 5


def test_without_idempotent_creates_an_unknown_create_is_reported_with_its_key(emu: Emulator, clock: FakeClock) -> None:
    emu.inject("server_error", method="POST", path=LYRICS, times=1)
    results = {r.key: r for r in run(emu, clock, jobs(2), concurrency=1, idempotent=False)}
    unknown = results["lyrics-0"]
    assert unknown.status == "unknown" and unknown.idempotency_key == keys_sent(emu, LYRICS)[0]
    report = batch.summary(list(results.values()))
    assert report.splitlines()[0] == "2 jobs: completed 1, failed 0, refused 0, unknown 1, unfinished 0"
    assert "unknown 'lyrics-0'" in report and "--no-idempotent-creates" in report and "--forget" in report


def test_output_names_of_different_keys_never_collide(emu: Emulator, clock: FakeClock, tmp_path: Path) -> None:
    out = tmp_path / "out"
    long_a, long_b = "x" * 300 + "a", "x" * 300 + "b"
    keyed = [
        batch.Job("nano_banana.text_to_image", {"model": "nano-banana", "prompt": f"cat {key}"}, key=key)
        for key in ("a/b", "a_b", long_a, long_b)
    ]
    results = {r.key: r for r in run(emu, clock, keyed, download=out)}
    names = [p.name for r in results.values() for p in r.files]
    assert len(names) == 4 and len(set(names)) == 4 and sorted(names) == sorted(p.name for p in out.iterdir())
    assert results["a_b"].files[0].name == "a_b-0.png"
    assert all(len(name.encode()) <= 240 and name.endswith("-0.png") for name in names)
    import requests

    for result in results.values():  # each file holds its own job's image, as the emulator serves it
        (url,) = result.task.output_urls  # type: ignore[union-attr]
        assert result.files[0].read_bytes() == requests.get(url, timeout=5).content


def test_a_long_key_keeps_every_output_index(emu: Emulator, clock: FakeClock, tmp_path: Path) -> None:
    key = "song-" + "y" * 400
    job = batch.Job("suno.text_to_music", {"vocal_mode": "auto_lyrics", "prompt": "waves", "model": "suno-v5"}, key=key)
    (result,) = run(emu, clock, [job], download=tmp_path / "out")
    assert result.status == "completed" and len(result.task.audios) == 2  # type: ignore[union-attr]
    assert [p.name[-6:] for p in result.files] == ["-0.mp3", "-1.mp3"]
    assert len(set(result.files)) == 2 and all(p.is_file() for p in result.files)


def test_a_run_removes_the_part_files_a_killed_download_left(emu: Emulator, clock: FakeClock, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".runapi-0123456789abcdef.part").write_bytes(b"half a file")
    (out / "keep.txt").write_text("not ours")
    run(emu, clock, jobs(2), download=out)
    assert sorted(p.name for p in out.iterdir()) == ["img-0-0.png", "keep.txt"]


def test_the_journal_is_closed_when_a_job_raises(
    emu: Emulator, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    opened: list[sqlite3.Connection] = []
    real_connect = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        opened.append(real_connect(*args, **kwargs))
        return opened[-1]

    monkeypatch.setattr(batch.sqlite3, "connect", connect)
    twice = [batch.Job("suno.generate_lyrics", {"prompt": "a"}, key="k")] * 2
    with pytest.raises(runapi.ValidationError):
        run(emu, clock, twice, journal=tmp_path / "j.db", concurrency=1)
    assert len(opened) == 1
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):  # the batch closed the journal it opened
        opened[0].execute("SELECT 1")


# -- what a job costs: its params checked once, its record written without copies ----------------------


def test_a_jobs_params_are_checked_once_and_again_only_for_a_resend(
    emu: Emulator, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from runapi._core.params import build_params as real_build

    checked: list[str] = []

    def build_params(params: Any, args: Any, kwargs: Any, where: str, **options: Any) -> Any:
        checked.append(kwargs["prompt"])
        return real_build(params, args, kwargs, where, **options)

    monkeypatch.setattr("runapi._core.resources.build_params", build_params)  # where a create checks its params
    emu.inject("unavailable", method="POST", path=LYRICS, times=1)  # the first create is refused, then resent
    results = {r.key: r for r in run(emu, clock, jobs(2), concurrency=1)}
    assert {r.status for r in results.values()} == {"completed"}
    assert sorted(checked) == ["cat 0", "song 0", "song 0"]  # lyrics-0 sent twice, img-0 once; no dry check
    assert len(keys_sent(emu, LYRICS)) == 2 and len(created_on(emu)) == 2


def test_a_results_json_line_is_its_to_dict(emu: Emulator, clock: FakeClock, tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    job_list = [
        *jobs(2),
        batch.Job("suno.generate_lyrics", {"prompt": "emulator:fail"}, key="fails"),
        batch.Job("suno.generate_lyrics", {"prompt": ""}, key="refused"),
        batch.Job("suno.boost_style", {"description": "Pop"}, key="direct"),
    ]
    first = run(emu, clock, job_list, journal=path, download=tmp_path / "out")
    again = run(emu, clock, job_list, journal=path)  # completed and failed ones come from the journal
    assert {r.status for r in first} == {"completed", "failed", "refused"}
    assert any(r.from_journal for r in again) and any(r.files for r in first)
    for result in first + again:
        line = result._json()
        assert "\n" not in line
        assert json.loads(line) == json.loads(json.dumps(result.to_dict(), ensure_ascii=False))


def _committed(path: Path) -> dict[str, str]:
    """Each key's state as another process sees the journal: only what was committed."""
    import sqlite3

    db = sqlite3.connect(path)
    try:
        return dict(db.execute("SELECT key, state FROM jobs ORDER BY rowid").fetchall())
    finally:
        db.close()


def test_the_journal_commits_a_creating_row_at_once_and_groups_the_rows_after_it(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with batch.Journal(path) as journal:
        journal.creating("a", "suno.generate_lyrics", "{}", "key-a")
        assert _committed(path) == {"a": "creating"}  # on disk before the create is sent
        journal.created("a", "task_a")
        assert _committed(path) == {"a": "created"}  # by default a task id is committed at once too
        journal.finished("a", "completed", {"id": "task_a"}, None, [])
        assert _committed(path) == {"a": "created"}  # an outcome waits for the next commit
        journal.creating("b", "suno.generate_lyrics", '{"p":1}', "key-b")
        assert _committed(path) == {"a": "completed", "b": "creating"}  # ... which the next creating row makes
        journal.defer_created = True  # what a batch of idempotent creates sets: a lost task id is found by its key
        journal.created("b", "task_b")
        assert _committed(path)["b"] == "creating"
        journal.flush()
        assert _committed(path)["b"] == "created"
        journal.refused("c", "suno.generate_lyrics", '{"p":2}', None, "no task was made")
        assert "c" not in _committed(path)
        assert journal.get("c") is not None  # the journal itself reads what it wrote
    assert _committed(path) == {"a": "completed", "b": "created", "c": "refused"}  # close commits the rest


def test_a_waiting_row_is_committed_by_the_next_write_once_commit_within_has_passed(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with batch.Journal(path) as journal:
        journal.commit_within = 0.0  # every row is already old enough: nothing waits
        journal.refused("a", "suno.generate_lyrics", "{}", None, "no task was made")
        assert _committed(path) == {"a": "refused"}


@pytest.mark.parametrize("own", [True, False])
def test_every_row_is_committed_when_a_batch_returns(
    emu: Emulator, clock: FakeClock, tmp_path: Path, own: bool
) -> None:
    path = tmp_path / "j.db"
    if own:  # a path: the batch opens and closes the journal
        results = run(emu, clock, jobs(), journal=path)
    else:  # a journal of yours, still open when the batch returns
        with batch.Journal(path) as journal:
            results = run(emu, clock, jobs(), journal=journal)
            assert set(_committed(path).values()) == {"completed"}
    assert {r.status for r in results} == {"completed"} and len(_committed(path)) == 6


def test_no_create_is_sent_before_its_creating_row_is_committed(
    emu: Emulator, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: set[str] = set()  # keys of creating rows written, not yet committed
    committed: set[str] = set()

    class Seen(batch.Journal):
        def creating(self, key: str, operation: str, params: str, idempotency_key: str, *, commit: bool = True) -> None:
            super().creating(key, operation, params, idempotency_key, commit=commit)
            (committed if commit else written).add(idempotency_key)

        def flush(self) -> None:
            super().flush()
            committed.update(written)
            written.clear()

    monkeypatch.setattr(batch, "Journal", Seen)
    sent: list[bool] = []

    def setup(client: runapi.AsyncClient) -> None:
        send = client._transport.send

        async def checked(request: Any) -> Any:
            if request.method == "POST":  # a create: its key must be committed already
                sent.append(request.headers["Idempotency-Key"] in committed)
            return await send(request)

        client._transport.send = checked  # type: ignore[method-assign]

    results = run(emu, clock, jobs(12), journal=tmp_path / "j.db", concurrency=6, setup=setup)
    assert {r.status for r in results} == {"completed"}
    assert sent == [True] * 12  # the creates of one loop turn share one commit, made before any is sent


def test_a_journal_in_use_by_another_run_is_refused_at_once(emu: Emulator, clock: FakeClock, tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with batch.Journal(path) as other:
        other._hold()  # another batch runs on it
        with pytest.raises(runapi.ValidationError) as refused:
            run(emu, clock, jobs(), journal=path)
    assert refused.value.field == "journal" and "in use by another batch" in str(refused.value)
    assert created_on(emu) == []
    assert {r.status for r in run(emu, clock, jobs(), journal=path)} == {"completed"}  # free again once it ended


def test_a_failed_commit_sends_none_of_the_creates_waiting_on_it(
    emu: Emulator, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    def disk_full(self: batch.Journal) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(batch.Journal, "flush", disk_full)
    with pytest.raises(sqlite3.OperationalError):
        run(emu, clock, jobs(6), journal=tmp_path / "j.db", concurrency=3)
    assert created_on(emu) == []  # nothing was created: no create is sent without its key on disk
