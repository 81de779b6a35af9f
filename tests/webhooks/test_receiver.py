"""``webhooks.Receiver``: verify, type by task class or operation, de-duplicate, and release on a failed handler."""

from __future__ import annotations

import asyncio
import json
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


def test_a_redelivery_is_a_duplicate() -> None:
    receiver = webhooks.Receiver(task_type=MusicTask)
    assert receiver.receive(*fresh()).duplicate is False
    assert receiver.receive(*fresh()).duplicate is True  # same X-Callback-Id, signed again


def test_each_suno_stage_is_handled_once() -> None:
    receiver = webhooks.Receiver(task_type=MusicTask)
    stages = ["text_generated", "first_audio_ready", "all_audios_ready", "all_audios_ready"]
    seen = [receiver.receive(*fresh({**PAYLOAD, "generation_stage": stage})).duplicate for stage in stages]
    assert seen == [False, False, False, True]


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
    assert receiver.respond(*fresh(), handled.append) == 204
    assert receiver.respond(*fresh(), handled.append) == 204
    assert receiver.respond(BODY, {}, handled.append) == 400
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
    assert receiver.respond(*fresh(), handler) == 204
    assert len(calls) == 2
    assert receiver.respond(*fresh(), handler) == 204 and len(calls) == 2


def test_respond_async_awaits_a_coroutine_handler() -> None:
    receiver = webhooks.Receiver(task_type=MusicTask)
    handled: list[str] = []

    async def handler(task: MusicTask) -> None:
        await asyncio.sleep(0)
        handled.append(task.id)

    async def twice() -> list[int]:
        return [await receiver.respond_async(*fresh(), handler) for _ in range(2)]

    assert asyncio.run(twice()) == [204, 204]
    assert handled == [PAYLOAD["id"]]


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_memory_store_forgets_after_its_ttl_and_beyond_its_bound() -> None:
    clock = Clock()
    store = webhooks.MemoryStore(max_keys=2, clock=clock)
    assert store.add("a", ttl=10) and not store.add("a", ttl=10)
    clock.now = 11
    assert store.add("a", ttl=10)  # expired: new again
    store.add("b", 10)
    store.add("c", 10)
    assert len(store) == 2 and store.add("a", 10)  # "a" was the oldest, so it went first


def test_the_redis_store_claims_atomically_and_releases() -> None:
    fakeredis = pytest.importorskip("fakeredis")
    from runapi.contrib.redis import RedisStore

    store = RedisStore(fakeredis.FakeRedis())
    assert store.add("cb_1", 60) and not store.add("cb_1", 60)
    assert store.client.ttl("runapi:callback:cb_1") == 60
    store.delete("cb_1")
    assert store.add("cb_1", 60)
    receiver = webhooks.Receiver(task_type=MusicTask, store=store)
    assert [receiver.receive(*fresh(callback_id="cb_9")).duplicate for _ in range(2)] == [False, True]
