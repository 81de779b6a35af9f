"""``webhooks.Receiver``: verify, type by task class or operation, de-duplicate, and release on a failed handler."""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any

import pytest

import runapi
from runapi import webhooks
from runapi.nano_banana import ImageTask
from runapi.suno import MusicTask

from .conftest import BODY, OLD_SECRET, PAYLOAD, SECRET

IMAGE = {"id": "img-1", "status": "completed", "images": [{"url": "https://file.runapi.ai/images/x.png"}]}


def fresh(
    payload: dict[str, Any] = PAYLOAD, callback_id: str = "cb_1", secret: str = SECRET
) -> tuple[bytes, dict[str, str]]:
    """A body and headers signed now, as RunAPI sends a (re)delivery."""
    body = json.dumps(payload).encode()
    return body, webhooks.sign(body, secret, callback_id=callback_id)


@pytest.fixture(autouse=True)
def _secret_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNAPI_CALLBACK_SECRET", SECRET)


def test_a_missing_secret_fails_when_the_receiver_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RUNAPI_CALLBACK_SECRET")
    with pytest.raises(webhooks.MissingCallbackSecretError, match="RUNAPI_CALLBACK_SECRET"):
        webhooks.Receiver()


def test_an_unusable_secret_fails_when_the_receiver_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNAPI_CALLBACK_SECRET", "not base64 !!")
    with pytest.raises(webhooks.WebhookVerificationError) as caught:
        webhooks.Receiver()
    assert caught.value.reason == "invalid_secret" and "not base64" not in str(caught.value)


def test_the_secret_comes_from_the_environment_and_never_shows() -> None:
    receiver = webhooks.Receiver(task_type=MusicTask)
    assert SECRET not in repr(receiver)
    receipt = receiver.receive(*fresh())
    assert isinstance(receipt.task, MusicTask) and receipt.task.audios[0].id == "a1"
    assert (receipt.duplicate, receipt.callback.id) == (False, "cb_1")


def test_a_redelivery_is_in_progress_until_handled_then_a_duplicate() -> None:
    receiver = webhooks.Receiver(task_type=MusicTask)
    receipt = receiver.receive(*fresh())
    assert (receipt.claimed, receipt.duplicate, receipt.in_progress) == (True, False, False)
    assert receiver.receive(*fresh()).in_progress  # same X-Callback-Id, signed again, while it is handled
    with receiver.handling(receipt):
        pass
    assert receiver.receive(*fresh()).duplicate


def test_each_suno_stage_is_handled_once() -> None:
    receiver = webhooks.Receiver(task_type=MusicTask)
    stages = ["text_generated", "first_audio_ready", "all_audios_ready", "all_audios_ready"]
    handled: list[str | None] = []
    for stage in stages:
        receiver.respond(
            *fresh({**PAYLOAD, "generation_stage": stage}), lambda task: handled.append(task.generation_stage)
        )
    assert handled == stages[:3]


def test_a_forged_callback_claims_nothing() -> None:
    receiver = webhooks.Receiver(task_type=MusicTask)
    with pytest.raises(webhooks.WebhookVerificationError):
        receiver.receive(*fresh(secret=OLD_SECRET))
    assert receiver.receive(*fresh()).duplicate is False


def test_the_operation_types_the_task() -> None:
    by_name = webhooks.Receiver(operation="nano_banana.text_to_image")
    assert isinstance(by_name.receive(*fresh(IMAGE)).task, ImageTask)
    client = runapi.Client(api_key="k")
    by_object = webhooks.Receiver(operation=client.nano_banana.edit_image)
    assert by_object.task_type is ImageTask
    per_call = webhooks.Receiver()
    assert isinstance(per_call.receive(*fresh(IMAGE, "cb_2"), operation="nano_banana.text_to_image").task, ImageTask)
    assert type(per_call.receive(*fresh(IMAGE, "cb_3")).task) is runapi.Task


def test_an_unknown_operation_is_refused() -> None:
    with pytest.raises(runapi.ValidationError, match=r"unknown operation 'suno\.nothing'"):
        webhooks.Receiver(operation="suno.nothing")
    with pytest.raises(webhooks.WebhookVerificationError) as caught:
        webhooks.Receiver().receive(*fresh(), operation="suno.nothing")
    assert caught.value.reason == "invalid_body"


def test_callback_url_names_the_operation_and_keeps_the_query() -> None:
    client = runapi.Client(api_key="k")
    url = webhooks.callback_url("https://app.example/cb?tenant=7", client.suno.text_to_music)
    assert url == "https://app.example/cb?tenant=7&runapi_operation=suno.text_to_music"
    assert webhooks.callback_url("https://app.example/cb", "veo_3_1.extend_video").endswith(
        "?runapi_operation=veo_3_1.extend_video"
    )
    with pytest.raises(runapi.ValidationError):
        webhooks.callback_url("https://app.example/cb", "veo_3_1.nope")


def test_respond_calls_the_handler_once_and_answers_204_or_400() -> None:
    receiver = webhooks.Receiver(task_type=MusicTask)
    handled: list[str] = []
    assert receiver.respond(*fresh(), handled.append) == webhooks.Answer(204, {})
    assert receiver.respond(*fresh(), handled.append).status == 204
    assert receiver.respond(BODY, {}, handled.append) == webhooks.Answer(400, {})
    assert len(handled) == 1


def test_a_failed_handler_lets_the_redelivery_through() -> None:
    receiver = webhooks.Receiver(task_type=MusicTask)
    calls: list[int] = []

    def handler(task: MusicTask) -> None:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database down")

    with pytest.raises(RuntimeError):
        receiver.respond(*fresh(), handler)
    assert receiver.respond(*fresh(), handler).status == 204
    assert len(calls) == 2
    assert receiver.respond(*fresh(), handler).status == 204 and len(calls) == 2


def test_respond_async_awaits_a_coroutine_handler() -> None:
    receiver = webhooks.Receiver(task_type=MusicTask)
    handled: list[str] = []

    async def handler(task: MusicTask) -> None:
        await asyncio.sleep(0)
        handled.append(task.id)

    async def twice() -> list[int]:
        return [(await receiver.respond_async(*fresh(), handler)).status for _ in range(2)]

    assert asyncio.run(twice()) == [204, 204]
    assert handled == [PAYLOAD["id"]]


def test_respond_async_runs_a_plain_handler_off_the_event_loop() -> None:
    receiver = webhooks.Receiver(task_type=MusicTask)
    threads: list[int] = []

    def handler(task: MusicTask) -> None:  # a blocking handler (a database write) must not stall the loop
        threads.append(threading.get_ident())

    async def deliver() -> tuple[int, int]:
        answer = await receiver.respond_async(*fresh(), handler)
        return answer.status, threading.get_ident()

    status, loop_thread = asyncio.run(deliver())
    assert status == 204 and len(threads) == 1 and threads[0] != loop_thread


def test_respond_async_releases_the_callback_when_a_plain_handler_raises() -> None:
    receiver = webhooks.Receiver(task_type=MusicTask)

    def handler(task: MusicTask) -> None:
        raise RuntimeError("database down")

    with pytest.raises(RuntimeError):
        asyncio.run(receiver.respond_async(*fresh(), handler))
    assert receiver.receive(*fresh()).claimed  # released: a redelivery is handled again


# -- at least once: handling -> done, or released; never a 2xx before the handling succeeded -------


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


KEY = "cb_1:all_audios_ready"  # the X-Callback-Id plus Suno's stage


def test_the_key_is_handling_while_the_handler_runs_then_done() -> None:
    store = webhooks.MemoryStore()
    receiver = webhooks.Receiver(task_type=MusicTask, store=store)
    seen: list[object] = []
    assert store.state(KEY) is None
    assert receiver.respond(*fresh(), lambda task: seen.append(store.state(KEY))).status == 204
    assert seen == ["handling"]
    assert store.state(KEY) == "done"


def test_a_redelivery_while_the_handler_runs_gets_503_with_retry_after_and_no_handler_call() -> None:
    """RunAPI timed out on the first delivery and redelivers while its handler still runs (another thread)."""
    receiver = webhooks.Receiver(task_type=MusicTask)
    started, finish = threading.Event(), threading.Event()
    calls: list[str] = []

    def slow(task: MusicTask) -> None:
        calls.append(task.id)
        started.set()
        assert finish.wait(5)

    first: list[webhooks.Answer] = []
    thread = threading.Thread(target=lambda: first.append(receiver.respond(*fresh(), slow)))
    thread.start()
    try:
        assert started.wait(5)
        redelivery = receiver.respond(*fresh(), slow)
        assert redelivery == webhooks.Answer(503, {"Retry-After": "60"})
        receipt = receiver.receive(*fresh())
        assert (receipt.in_progress, receipt.duplicate, receipt.claimed, receipt.state) == (
            True,
            False,
            False,
            "handling",
        )
    finally:
        finish.set()
        thread.join(5)
    assert first == [webhooks.Answer(204, {})]
    assert calls == [PAYLOAD["id"]]  # the redeliveries did not call it
    assert receiver.respond(*fresh(), slow).status == 204 and len(calls) == 1  # done now: a duplicate


def test_after_the_first_handler_fails_the_redelivery_is_handled() -> None:
    """The race that must not lose a callback: a redelivery during a handler that then fails gets no 2xx."""
    receiver = webhooks.Receiver(task_type=MusicTask)
    answers: list[int] = []
    done: list[str] = []

    def handler(task: MusicTask) -> None:
        if not answers:  # the first delivery: a redelivery comes in while it runs, then it fails
            answers.append(receiver.respond(*fresh(), handler).status)
            raise RuntimeError("database down")
        done.append(task.id)

    with pytest.raises(RuntimeError, match="database down"):
        receiver.respond(*fresh(), handler)
    assert answers == [503]  # the sender was not told the callback was handled
    assert receiver.respond(*fresh(), handler).status == 204
    assert done == [PAYLOAD["id"]]
    assert receiver.respond(*fresh(), handler).status == 204 and len(done) == 1  # a duplicate now


def test_respond_async_answers_503_to_a_redelivery_while_its_handler_runs() -> None:
    receiver = webhooks.Receiver(task_type=MusicTask, lease=2.5)
    inner: list[webhooks.Answer] = []

    async def handler(task: MusicTask) -> None:
        if not inner:
            inner.append(await receiver.respond_async(*fresh(), handler))

    async def deliver() -> webhooks.Answer:
        return await receiver.respond_async(*fresh(), handler)

    assert asyncio.run(deliver()).status == 204
    assert inner == [webhooks.Answer(503, {"Retry-After": "3"})]  # the lease, rounded up to whole seconds


def test_an_expired_lease_lets_a_redelivery_claim() -> None:
    """The process died mid-handler: its claim lapses after ``lease`` seconds, and a redelivery is handled."""
    clock = Clock()
    receiver = webhooks.Receiver(task_type=MusicTask, store=webhooks.MemoryStore(clock=clock), lease=30)
    assert receiver.receive(*fresh()).claimed  # ... and never handled nor released
    clock.now = 29.9
    assert receiver.receive(*fresh()).in_progress
    clock.now = 30.0
    handled: list[str] = []
    assert receiver.respond(*fresh(), lambda task: handled.append(task.id)).status == 204
    assert handled == [PAYLOAD["id"]]


def test_a_done_callback_is_remembered_for_ttl_seconds() -> None:
    clock = Clock()
    receiver = webhooks.Receiver(task_type=MusicTask, store=webhooks.MemoryStore(clock=clock), ttl=3600, lease=30)
    handled: list[str] = []
    assert receiver.respond(*fresh(), handled.append).status == 204
    clock.now = 3599
    assert receiver.receive(*fresh()).duplicate
    clock.now = 3600
    assert receiver.receive(*fresh()).claimed


def test_handling_by_hand_marks_done_on_success_and_releases_on_failure() -> None:
    store = webhooks.MemoryStore()
    receiver = webhooks.Receiver(task_type=MusicTask, store=store)
    receipt = receiver.receive(*fresh())
    assert receipt.claimed
    with pytest.raises(RuntimeError), receiver.handling(receipt):
        raise RuntimeError("database down")
    assert store.state(KEY) is None
    receipt = receiver.receive(*fresh())
    with receiver.handling(receipt):
        assert store.state(KEY) == "handling"
    assert store.state(KEY) == "done"
    assert receiver.receive(*fresh()).duplicate


def test_handling_refuses_a_receipt_this_delivery_did_not_claim() -> None:
    """Code written for ``if not receipt.duplicate: with handling(...)`` fails (500, redelivered), never 2xx."""
    receiver = webhooks.Receiver(task_type=MusicTask)
    receiver.receive(*fresh())  # claimed by a delivery still running
    in_progress = receiver.receive(*fresh())
    with pytest.raises(runapi.ValidationError, match="being handled by another delivery") as caught:
        receiver.handling(in_progress)
    assert caught.value.field == "receipt"
    receiver.forget(in_progress)  # what a failed handler does: released
    with receiver.handling(receiver.receive(*fresh())):
        pass
    with pytest.raises(runapi.ValidationError, match="done"):
        receiver.handling(receiver.receive(*fresh()))


@pytest.mark.parametrize(("lease", "retry_after"), [(60, "60"), (0.3, "1"), (90.5, "91")])
def test_retry_after_is_the_lease_in_whole_seconds_rounded_up(lease: float, retry_after: str) -> None:
    receiver = webhooks.Receiver(task_type=MusicTask, lease=lease)
    assert receiver.retry_after == int(retry_after)
    receiver.receive(*fresh())
    assert receiver.respond(*fresh(), print).headers == {"Retry-After": retry_after}
    assert "lease=" in repr(receiver) and SECRET not in repr(receiver)


@pytest.mark.parametrize("field", ["lease", "ttl"])
@pytest.mark.parametrize("value", [0, -1, float("nan"), float("inf"), "60", True, None])
def test_lease_and_ttl_must_be_seconds_above_zero(field: str, value: object) -> None:
    with pytest.raises(runapi.ValidationError, match=f"{field} must be a finite number of seconds > 0") as caught:
        webhooks.Receiver(**{field: value})  # type: ignore[arg-type]
    assert caught.value.field == field


def test_a_store_without_claim_finish_release_is_refused() -> None:
    class OldStore:  # the add/delete stores of earlier versions
        def add(self, key: str, ttl: float) -> bool:
            return True

        def delete(self, key: str) -> None: ...

    with pytest.raises(runapi.ValidationError, match="OldStore has no claim, finish, release") as caught:
        webhooks.Receiver(store=OldStore())  # type: ignore[arg-type]
    assert caught.value.field == "store"


def test_the_memory_store_forgets_the_oldest_keys_beyond_its_bound() -> None:
    store = webhooks.MemoryStore(max_keys=2, clock=Clock())
    assert store.claim("a", 10) == "claimed"
    store.finish("a", 100)
    assert store.claim("b", 10) == "claimed"
    store.finish("a", 100)  # finishing makes "a" the newest again
    assert store.claim("c", 10) == "claimed"
    assert len(store) == 2 and store.state("b") is None and store.state("a") == "done"


def test_a_store_whose_claim_answers_something_else_fails_the_request_rather_than_acknowledge_it() -> None:
    class BoolStore(webhooks.MemoryStore):  # e.g. an add()-style store renamed: True/False, no state
        def claim(self, key: str, lease: float) -> Any:
            return False

    receiver = webhooks.Receiver(task_type=MusicTask, store=BoolStore())
    handled: list[object] = []
    with pytest.raises(runapi.ValidationError, match=r"BoolStore\.claim\(\) returned False") as caught:
        receiver.respond(*fresh(), handled.append)
    assert caught.value.field == "store" and handled == []
