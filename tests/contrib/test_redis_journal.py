"""``runapi.contrib.redis.RedisJournal`` on a real redis-server (started by the tests): the batch journal contract.

The same rows as the SQLite ``Journal``: ``creating`` (the Idempotency-Key, before the create is sent),
``created`` (the task id), ``refused``, ``finished``; ``forget``; ``rows()`` in first-written order; and a
batch run on it resumes without creating anything twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from runapi import batch
from runapi.contrib.redis import RedisJournal
from runapi.emulator import Emulator


@pytest.fixture(params=[False, True], ids=["bytes", "decoded"])
def client(request: pytest.FixtureRequest, redis_url: str) -> Iterator[redis.Redis]:
    found = redis.Redis.from_url(redis_url, decode_responses=request.param)
    yield found
    found.close()


def test_both_journals_are_journal_like(client: redis.Redis) -> None:
    assert isinstance(RedisJournal(client, "a"), batch.JournalLike)
    with batch.Journal() as sqlite:
        assert isinstance(sqlite, batch.JournalLike)


def test_a_row_goes_creating_created_finished(client: redis.Redis) -> None:
    journal = RedisJournal(client, "images")
    assert journal.get("a") is None
    journal.creating("a", "nano_banana.text_to_image", '{"prompt":"x"}', "key-1")
    assert journal.get("a") == {
        "operation": "nano_banana.text_to_image",
        "params": '{"prompt":"x"}',
        "idempotency_key": "key-1",
        "task_id": None,
        "state": "creating",
        "payload": None,
        "error": None,
        "files": None,
    }
    journal.created("a", "task-1")
    assert journal.key_for_task("task-1") == "a"
    journal.finished("a", "completed", {"id": "task-1", "status": "completed"}, None, ["out/a-0.png"])
    row = journal.get("a")
    assert row is not None
    assert (row["state"], row["task_id"], row["idempotency_key"]) == ("completed", "task-1", "key-1")
    assert json.loads(row["payload"]) == {"id": "task-1", "status": "completed"}
    assert json.loads(row["files"]) == ["out/a-0.png"]


def test_created_for_an_unknown_key_writes_nothing(client: redis.Redis) -> None:
    journal = RedisJournal(client, "images")
    journal.created("ghost", "task-9")
    assert journal.get("ghost") is None
    assert journal.rows() == []
    assert journal.key_for_task("task-9") is None


def test_creating_again_replaces_the_row_and_refused_keeps_no_task(client: redis.Redis) -> None:
    journal = RedisJournal(client, "j")
    journal.creating("a", "op.x", "{}", "k1")
    journal.created("a", "t1")
    journal.finished("a", "failed", {"id": "t1"}, "boom", [])
    journal.creating("a", "op.x", "{}", "k2")  # retry_failed: a new create
    row = journal.get("a")
    assert row is not None
    assert (row["state"], row["task_id"], row["idempotency_key"], row["error"]) == ("creating", None, "k2", None)
    journal.refused("a", "op.x", '{"n":1}', None, "HTTP 400")
    row = journal.get("a")
    assert row is not None
    assert (row["state"], row["task_id"], row["params"], row["error"]) == ("refused", None, '{"n":1}', "HTTP 400")


def test_rows_keep_first_written_order_and_forget_removes_one(client: redis.Redis) -> None:
    journal = RedisJournal(client, "j")
    for key in ("c", "a", "b"):
        journal.creating(key, "op.x", "{}", f"k-{key}")
    journal.creating("c", "op.x", "{}", "k-c2")  # rewritten: keeps its place
    journal.created("a", "t-a")
    assert journal.rows() == [
        {"key": "c", "operation": "op.x", "state": "creating", "task_id": None},
        {"key": "a", "operation": "op.x", "state": "created", "task_id": "t-a"},
        {"key": "b", "operation": "op.x", "state": "creating", "task_id": None},
    ]
    assert journal.forget("a") is True
    assert journal.forget("a") is False
    assert [row["key"] for row in journal.rows()] == ["c", "b"]
    assert RedisJournal(client, "other").rows() == []  # names keep batches apart


def test_a_batch_on_a_redis_journal_resumes_without_a_second_task(redis_url: str, tmp_path: Path) -> None:
    import runapi

    client = redis.Redis.from_url(redis_url)
    jobs = [
        batch.Job("nano_banana.text_to_image", {"model": "nano-banana", "prompt": f"cat {i}"}, f"j{i}")
        for i in range(4)
    ]
    with Emulator(api_key="k", complete_after_polls=1) as emu:

        def once() -> list[batch.JobResult]:
            async def go() -> list[batch.JobResult]:
                async with runapi.AsyncClient(api_key="k", base_url=emu.url, poll_interval=0.01) as api:
                    return await batch.run_async(
                        jobs, client=api, journal=RedisJournal(client, "cats"), download=tmp_path
                    )

            import asyncio

            return asyncio.run(go())

        first = once()
        assert [r.status for r in first] == ["completed"] * 4
        again = once()
        assert all(r.from_journal and r.status == "completed" for r in again)
        assert [r.files for r in again] == [r.files for r in first]
        assert len(emu.tasks()) == 4
    client.close()
