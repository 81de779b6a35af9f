"""A user's callback code: receivers, receipts and the batch results are typed for both checkers.

Not collected by pytest (no test_ prefix); ``test_user_scripts.py`` runs mypy --strict and pyright on it.
"""

from __future__ import annotations

import sys

from runapi import batch, webhooks
from runapi._core.models import Task
from runapi.contrib.redis import RedisStore
from runapi.suno import MusicTask

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


def on_music(body: bytes, headers: dict[str, str]) -> int:
    receiver = webhooks.Receiver(task_type=MusicTask, store=webhooks.MemoryStore(max_keys=1000), lease=30.0)
    receipt = receiver.receive(body, headers)
    assert_type(receipt.task, MusicTask)
    assert_type(receipt.duplicate, bool)
    assert_type(receipt.in_progress, bool)
    assert_type(receipt.state, webhooks.ClaimState)
    if receipt.in_progress:
        return 503
    if receipt.claimed:
        with receiver.handling(receipt):
            print(receipt.task.audios)
    generic = webhooks.Receiver(operation="suno.text_to_music", store=RedisStore(object()))
    assert_type(generic.receive(body, headers).task, Task)
    answer = receiver.respond(body, headers, lambda task: print(task.id))
    assert_type(answer, webhooks.Answer)
    print(dict(answer.headers), receiver.retry_after + 1)
    return answer.status


def run_jobs() -> None:
    results = batch.run([batch.Job("suno.generate_lyrics", {"prompt": "x"}, key="a")], journal="jobs.db", rate=2.0)
    assert_type(results, list[batch.JobResult])
    for result in results:
        status: batch.Status = result.status
        print(status, result.files, webhooks.callback_url("https://app.example/cb", "suno.text_to_music"))
