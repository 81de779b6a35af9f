"""The de-duplication store contract, run on every store: ``MemoryStore``, Django's ``CacheStore`` (locmem
cache) and ``RedisStore`` (a real redis-server the tests start: tests/redis_server.py). A key is claimed
once (atomically), is *handling* until finished (*done*) or released (absent), and a *handling* claim
lapses after its lease."""

from __future__ import annotations

import threading
import types
from collections.abc import Iterator
from typing import Any

import pytest

from runapi import webhooks
from runapi.suno import MusicTask
from tests.redis_server import redis_server, redis_url

from .conftest import SECRET

__all__ = ["redis_server", "redis_url"]  # fixtures

STORES = ["memory", "django", "redis"]


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest) -> Iterator[webhooks.DedupStore]:
    if request.param == "memory":
        yield webhooks.MemoryStore()
    elif request.param == "django":
        request.getfixturevalue("django_settings")
        from django.core.cache import caches

        from runapi.contrib.django import CacheStore

        caches["default"].clear()
        yield CacheStore()
        caches["default"].clear()
    else:
        import redis

        from runapi.contrib.redis import RedisStore

        client = redis.Redis.from_url(request.getfixturevalue("redis_url"))
        yield RedisStore(client)
        client.close()


# -- the contract ----------------------------------------------------------------------------------


def test_a_key_is_claimed_once_then_handling_then_done(store: webhooks.DedupStore) -> None:
    assert store.claim("cb_1", 60) == "claimed"
    assert store.claim("cb_1", 60) == "handling"
    store.finish("cb_1", 3600)
    assert store.claim("cb_1", 60) == "done"
    assert store.claim("cb_1", 60) == "done"  # claiming a done key leaves it done


def test_a_released_key_is_claimed_again(store: webhooks.DedupStore) -> None:
    assert store.claim("cb_1", 60) == "claimed"
    store.release("cb_1")
    assert store.claim("cb_1", 60) == "claimed"
    store.release("cb_never")  # releasing an absent key is a no-op
    assert store.claim("cb_never", 60) == "claimed"


def test_keys_are_independent(store: webhooks.DedupStore) -> None:
    assert store.claim("cb_1:text_generated", 60) == "claimed"
    store.finish("cb_1:text_generated", 3600)
    assert store.claim("cb_1:first_audio_ready", 60) == "claimed"
    assert store.claim("cb_2", 60) == "claimed"
    assert store.claim("cb_1:text_generated", 60) == "done"


def test_finish_marks_done_whatever_the_state(store: webhooks.DedupStore) -> None:
    """A handler that outlived its lease, after which the key was claimed again, still marks it done."""
    store.finish("cb_1", 3600)
    assert store.claim("cb_1", 60) == "done"


def test_exactly_one_of_concurrent_claims_wins(store: webhooks.DedupStore) -> None:
    barrier = threading.Barrier(8)
    results: list[str] = []
    lock = threading.Lock()

    def claim() -> None:
        barrier.wait(5)
        state = store.claim("cb_race", 60)
        with lock:
            results.append(state)

    threads = [threading.Thread(target=claim) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert sorted(results) == ["claimed"] + ["handling"] * 7


def test_a_receiver_on_the_store_answers_503_while_handling_then_204(
    store: webhooks.DedupStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    monkeypatch.setenv("RUNAPI_CALLBACK_SECRET", SECRET)
    receiver = webhooks.Receiver(task_type=MusicTask, store=store)
    body = json.dumps({"id": "t1", "status": "completed", "generation_stage": "text_generated"}).encode()

    def deliver() -> tuple[bytes, dict[str, str]]:
        return body, webhooks.sign(body, SECRET, callback_id="cb_store")

    inner: list[webhooks.Answer] = []

    def handler(task: MusicTask) -> None:
        inner.append(receiver.respond(*deliver(), handler))

    assert receiver.respond(*deliver(), handler).status == 204
    assert inner == [webhooks.Answer(503, {"Retry-After": "60"})]
    assert receiver.respond(*deliver(), handler).status == 204 and len(inner) == 1


# -- each backend: expiry, values, and what it does on a race the contract allows -------------------


class Clock:
    def __init__(self, now: float = 0.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_memory_store_leases_and_ttls_expire() -> None:
    clock = Clock()
    store = webhooks.MemoryStore(clock=clock)
    assert store.claim("cb_1", 0.5) == "claimed"
    clock.now = 0.49
    assert store.claim("cb_1", 0.5) == "handling" and store.state("cb_1") == "handling"
    clock.now = 0.5
    assert store.state("cb_1") is None
    assert store.claim("cb_1", 0.5) == "claimed"  # the lease lapsed
    store.finish("cb_1", 10)
    clock.now = 10.49
    assert store.claim("cb_1", 0.5) == "done"
    clock.now = 10.5
    assert store.claim("cb_1", 0.5) == "claimed"  # forgotten after its ttl


def test_django_cache_store_expires_leases_in_whole_seconds(
    django_settings: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The locmem cache's wall clock is faked, so the leases and ttls Django holds are checked without waiting."""
    from django.core.cache import caches
    from django.core.cache.backends import base, locmem

    from runapi.contrib.django import CacheStore

    clock = Clock(1_760_000_000.0)
    fake_time = types.SimpleNamespace(time=clock)
    monkeypatch.setattr(base, "time", fake_time)
    monkeypatch.setattr(locmem, "time", fake_time)
    caches["default"].clear()
    store = CacheStore()
    assert store.claim("cb_1", 0.3) == "claimed"  # held for 1 s: Django caches take whole seconds
    clock.now += 0.9
    assert store.claim("cb_1", 0.3) == "handling"
    clock.now += 0.1
    assert store.claim("cb_1", 60) == "claimed"
    store.finish("cb_1", 3600)
    clock.now += 3599
    assert store.claim("cb_1", 60) == "done"
    clock.now += 1
    assert store.claim("cb_1", 60) == "claimed"
    caches["default"].clear()


def test_django_cache_store_is_shared_through_the_cache_and_reads_old_keys_as_done(django_settings: None) -> None:
    from django.core.cache import caches

    from runapi.contrib.django import CacheStore

    cache = caches["default"]
    cache.clear()
    assert CacheStore().claim("cb_42", 60) == "claimed"
    assert CacheStore().claim("cb_42", 60) == "handling"  # another instance, same cache
    assert cache.get("runapi:callback:cb_42") == "handling"
    CacheStore().finish("cb_42", 60)
    assert cache.get("runapi:callback:cb_42") == "done"
    cache.set("runapi:callback:cb_old", 1)  # what earlier versions stored once a callback was claimed
    assert CacheStore().claim("cb_old", 60) == "done"
    assert CacheStore(prefix="other:").claim("cb_42", 60) == "claimed"
    cache.clear()


def test_django_cache_store_counts_a_key_that_vanished_after_the_add_as_handling(
    django_settings: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.core.cache import caches

    from runapi.contrib.django import CacheStore

    cache = caches["default"]
    cache.clear()
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)  # it was held, and expired before the get
    assert CacheStore().claim("cb_gone", 60) == "handling"


def test_redis_store_sets_leases_and_ttls_in_whole_seconds(redis_url: str) -> None:
    import redis

    from runapi.contrib.redis import RedisStore

    client = redis.Redis.from_url(redis_url)
    store = RedisStore(client)
    assert store.claim("cb_1", 0.3) == "claimed"
    assert (client.get("runapi:callback:cb_1"), client.ttl("runapi:callback:cb_1")) == (b"handling", 1)
    assert store.claim("cb_2", 60) == "claimed" and client.ttl("runapi:callback:cb_2") == 60
    store.finish("cb_2", 86400)
    assert (client.get("runapi:callback:cb_2"), client.ttl("runapi:callback:cb_2")) == (b"done", 86400)
    store.release("cb_2")
    assert client.exists("runapi:callback:cb_2") == 0


def test_redis_store_reads_text_replies_and_old_keys(redis_url: str) -> None:
    import redis

    from runapi.contrib.redis import RedisStore

    client = redis.Redis.from_url(redis_url, decode_responses=True)
    store = RedisStore(client, prefix="app:")
    assert store.claim("cb_1", 60) == "claimed" and store.claim("cb_1", 60) == "handling"
    store.finish("cb_1", 60)
    assert store.claim("cb_1", 60) == "done"
    client.set("app:cb_old", 1, ex=60)  # what earlier versions stored once a callback was claimed
    assert store.claim("cb_old", 60) == "done"


def test_redis_store_is_duck_typed_and_counts_a_vanished_key_as_handling() -> None:
    """Any client with set/get/delete works; a key held at the SET NX but gone by the GET is "handling"."""
    from runapi.contrib.redis import RedisStore

    class VanishingClient:
        def __init__(self) -> None:
            self.calls: list[tuple[Any, ...]] = []

        def set(self, name: str, value: str, nx: bool = False, ex: int | None = None) -> bool | None:
            self.calls.append(("set", name, value, nx, ex))
            return None  # NX refused: the key was there

        def get(self, name: str) -> None:
            self.calls.append(("get", name))
            return None  # ... and expired since

        def delete(self, name: str) -> int:
            self.calls.append(("delete", name))
            return 0

    client = VanishingClient()
    store = RedisStore(client)
    assert store.claim("cb_1", 60) == "handling"
    store.finish("cb_1", 3600.5)
    store.release("cb_1")
    assert client.calls == [
        ("set", "runapi:callback:cb_1", "handling", True, 60),
        ("get", "runapi:callback:cb_1"),
        ("set", "runapi:callback:cb_1", "done", False, 3601),
        ("delete", "runapi:callback:cb_1"),
    ]
