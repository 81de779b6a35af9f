"""Signed callbacks: what is sent, when, how it verifies, and redelivery."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Callable

from runapi import webhooks
from runapi.emulator import FAILURE_TOKEN, Emulator

from .conftest import BODIES, COMPLETE_AFTER, NANO, SUNO, Api, FakeClock, Received, Receiver


def with_callback(path: str, url: str, **extra: object) -> dict[str, object]:
    return dict(BODIES[path], callback_url=url, **extra)


def test_completed_task_posts_one_signed_callback_with_the_status_payload(
    api: Api, fake_clock: FakeClock, receiver: Receiver
) -> None:
    path = f"{NANO}/text_to_image"
    task_id = api.create(path, with_callback(path, receiver.url))
    fake_clock.advance(COMPLETE_AFTER)  # nobody polls: the emulator notices on its own

    [delivery] = api.emulator.wait_for_deliveries(1)
    [received] = receiver.wait(1)
    assert received.path == "/callbacks"
    assert received.headers["Content-Type"] == "application/json"
    payload = webhooks.verify(received.body, received.headers, api.emulator.callback_secret)
    assert payload == api.get(f"{path}/{task_id}").json()
    assert payload["status"] == "completed"
    assert received.body.decode() == delivery["body"]
    assert delivery["task_id"] == task_id
    assert (delivery["url"], delivery["stage"], delivery["attempt"], delivery["status"]) == (
        receiver.url,
        "completed",
        1,
        200,
    )
    assert delivery["callback_id"] == received.headers["X-Callback-Id"]


def test_signature_does_not_verify_with_another_secret(api: Api, fake_clock: FakeClock, receiver: Receiver) -> None:
    path = f"{SUNO}/generate_lyrics"
    api.create(path, with_callback(path, receiver.url))
    fake_clock.advance(COMPLETE_AFTER)
    [received] = receiver.wait(1)
    try:
        webhooks.verify(received.body, received.headers, "b3RoZXItc2VjcmV0LW90aGVyLXNlY3JldA==")
    except webhooks.WebhookVerificationError as exc:
        assert exc.reason == "no_matching_signature"
    else:
        raise AssertionError("a callback verified with the wrong secret")


def test_given_callback_secret_is_used(
    start_emulator: Callable[..., Emulator], receiver: Receiver, fake_clock: FakeClock
) -> None:
    secret = "c2VjcmV0LWZvci10aGUtZW11bGF0b3ItdGVzdHM="
    emu = start_emulator(callback_secret=secret)
    assert emu.callback_secret == secret
    api = Api(emu)
    try:
        api.create(f"{SUNO}/generate_lyrics", with_callback(f"{SUNO}/generate_lyrics", receiver.url))
        fake_clock.advance(COMPLETE_AFTER)
        [received] = receiver.wait(1)
        assert webhooks.verify(received.body, received.headers, secret)["status"] == "completed"
    finally:
        api.close()


def test_suno_music_posts_one_callback_per_generation_stage(
    api: Api, fake_clock: FakeClock, receiver: Receiver
) -> None:
    path = f"{SUNO}/text_to_music"
    task_id = api.create(path, with_callback(path, receiver.url))
    for count in (1, 2, 3):
        fake_clock.advance(COMPLETE_AFTER / 3 + 0.001)
        receiver.wait(count)
    api.emulator.wait_for_deliveries(3)

    payloads = [webhooks.verify(r.body, r.headers, api.emulator.callback_secret) for r in receiver.received]
    assert [(p["status"], p["generation_stage"]) for p in payloads] == [
        ("processing", "text_generated"),
        ("processing", "first_audio_ready"),
        ("completed", "all_audios_ready"),
    ]
    assert len(payloads[1]["audios"]) == 1 and len(payloads[2]["audios"]) == 2
    assert payloads[2] == api.get(f"{path}/{task_id}").json()
    assert [d["stage"] for d in api.emulator.deliveries()] == [
        "text_generated",
        "first_audio_ready",
        "all_audios_ready",
    ]
    assert len({r.headers["X-Callback-Id"] for r in receiver.received}) == 3


def test_stages_skipped_by_one_poll_are_still_each_announced(
    start_emulator: Callable[..., Emulator], receiver: Receiver
) -> None:
    api = Api(start_emulator(complete_after_polls=1))
    try:
        path = f"{SUNO}/extend_music"
        task_id = api.create(path, with_callback(path, receiver.url))
        assert api.get(f"{path}/{task_id}").json()["status"] == "completed"
        stages = [d["stage"] for d in api.emulator.wait_for_deliveries(3)]
        assert stages == ["text_generated", "first_audio_ready", "all_audios_ready"]
    finally:
        api.close()


def test_failed_task_posts_a_failed_callback(api: Api, fake_clock: FakeClock, receiver: Receiver) -> None:
    path = f"{SUNO}/text_to_music"
    task_id = api.create(path, with_callback(path, receiver.url, prompt=FAILURE_TOKEN))
    fake_clock.advance(COMPLETE_AFTER)
    [delivery] = api.emulator.wait_for_deliveries(1)
    [received] = receiver.wait(1)
    payload = webhooks.verify(received.body, received.headers, api.emulator.callback_secret)
    assert payload == {"id": task_id, "status": "failed", "generation_stage": "failed", "error": "Generation failed"}
    assert delivery["stage"] == "failed"


def test_no_callback_without_callback_url(api: Api, fake_clock: FakeClock, receiver: Receiver) -> None:
    api.create(f"{NANO}/text_to_image")
    path = f"{SUNO}/generate_lyrics"
    api.create(path, with_callback(path, receiver.url))
    fake_clock.advance(COMPLETE_AFTER)
    deliveries = api.emulator.wait_for_deliveries(1)
    assert [d["url"] for d in deliveries] == [receiver.url]
    assert len(receiver.received) == 1


def test_callback_is_redelivered_after_a_non_2xx_answer(api: Api, fake_clock: FakeClock, receiver: Receiver) -> None:
    receiver.statuses = [500, 503]
    path = f"{NANO}/text_to_image"
    api.create(path, with_callback(path, receiver.url))
    fake_clock.advance(COMPLETE_AFTER)

    [delivered] = api.emulator.wait_for_deliveries(1)
    attempts = api.emulator.deliveries()
    assert [(a["attempt"], a["status"], a["delivered"]) for a in attempts] == [
        (1, 500, False),
        (2, 503, False),
        (3, 200, True),
    ]
    assert [a["retry_in"] for a in attempts] == [0.01, 0.01, None]
    assert delivered == attempts[-1]
    # every attempt carries the same body and callback id, and each one verifies
    bodies = {r.body for r in receiver.wait(3)}
    assert len(bodies) == 1
    assert len({r.headers["X-Callback-Id"] for r in receiver.received}) == 1
    for received in receiver.received:
        webhooks.verify(received.body, received.headers, api.emulator.callback_secret)


def test_redelivery_gives_up_after_the_last_delay(api: Api, fake_clock: FakeClock, receiver: Receiver) -> None:
    receiver.statuses = [500] * 10
    path = f"{SUNO}/generate_lyrics"
    api.create(path, with_callback(path, receiver.url))
    fake_clock.advance(COMPLETE_AFTER)

    attempts = api.emulator.wait_for_deliveries(4, successful=False)
    assert [(a["attempt"], a["status"], a["retry_in"]) for a in attempts] == [
        (1, 500, 0.01),
        (2, 500, 0.01),
        (3, 500, 0.01),
        (4, 500, None),  # 3 delays: 1 attempt + 3 redeliveries, then no more
    ]


def test_unreachable_receiver_is_logged_as_an_error_and_retried(api: Api, fake_clock: FakeClock) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_url = f"http://127.0.0.1:{probe.getsockname()[1]}/callbacks"  # nothing listens there
    path = f"{SUNO}/generate_lyrics"
    api.create(path, with_callback(path, closed_url))
    fake_clock.advance(COMPLETE_AFTER)

    attempts = api.emulator.wait_for_deliveries(4, successful=False)
    assert all(a["status"] is None and a["error"] and not a["delivered"] for a in attempts)
    assert "Connection" in attempts[0]["error"]


def test_wait_for_deliveries_times_out(api: Api) -> None:
    try:
        api.emulator.wait_for_deliveries(1, timeout=0.05)
    except TimeoutError as exc:
        assert "expected 1" in str(exc)
    else:
        raise AssertionError("no TimeoutError")


def test_deliveries_are_readable_over_http(api: Api, fake_clock: FakeClock, receiver: Receiver) -> None:
    path = f"{SUNO}/generate_lyrics"
    api.create(path, with_callback(path, receiver.url))
    fake_clock.advance(COMPLETE_AFTER)
    api.emulator.wait_for_deliveries(1)
    listed = api.session.get(f"{api.emulator.url}/_emulator/deliveries", timeout=5).json()["deliveries"]
    assert listed == api.emulator.deliveries()
    assert json.loads(listed[0]["body"])["status"] == "completed"


# --- concurrent delivery and order --------------------------------------------------------------


def stage_of(received: Received) -> str:
    return str(json.loads(received.body)["generation_stage"])


def test_a_receiver_that_hangs_does_not_hold_up_another_tasks_callback(
    start_emulator: Callable[..., Emulator], fake_clock: FakeClock, receiver: Receiver
) -> None:
    api = Api(start_emulator(callback_timeout=30))
    try:
        receiver.held.add("/slow")
        path = f"{NANO}/text_to_image"
        api.create(path, with_callback(path, f"{receiver.origin}/slow"))
        fake_clock.advance(1)
        api.create(path, with_callback(path, f"{receiver.origin}/fast"))
        fake_clock.advance(COMPLETE_AFTER - 1)  # the first task completes; its receiver hangs
        receiver.wait(1)
        fake_clock.advance(1)  # now the second one completes

        assert [r.path for r in receiver.wait(2, timeout=3)] == ["/slow", "/fast"]  # while /slow still hangs
        [fast] = api.emulator.wait_for_deliveries(1)
        assert fast["url"].endswith("/fast")

        receiver.release.set()
        assert sorted(d["url"][-4:] for d in api.emulator.wait_for_deliveries(2)) == ["fast", "slow"]
    finally:
        api.close()


def test_one_tasks_stages_wait_for_each_other_and_arrive_in_order(
    start_emulator: Callable[..., Emulator], receiver: Receiver
) -> None:
    api = Api(start_emulator(complete_after_polls=1, callback_timeout=30))
    try:
        receiver.held.add("/slow")
        music = f"{SUNO}/text_to_music"
        task_id = api.create(music, with_callback(music, f"{receiver.origin}/slow"))
        api.get(f"{music}/{task_id}")  # one poll: all three stages are reached at once
        receiver.wait(1)  # text_generated arrived and hangs

        lyrics = f"{SUNO}/generate_lyrics"
        other_id = api.create(lyrics, with_callback(lyrics, f"{receiver.origin}/fast"))
        api.get(f"{lyrics}/{other_id}")
        api.emulator.wait_for_deliveries(1)  # other tasks' callbacks flow meanwhile...
        assert [r.path for r in receiver.received] == ["/slow", "/fast"]  # ...but not this task's next stage

        receiver.release.set()
        api.emulator.wait_for_deliveries(4)
        slow = [r for r in receiver.received if r.path == "/slow"]
        assert [stage_of(r) for r in slow] == ["text_generated", "first_audio_ready", "all_audios_ready"]
    finally:
        api.close()


def test_a_later_stage_waits_for_the_redelivery_of_an_earlier_one(
    start_emulator: Callable[..., Emulator], receiver: Receiver
) -> None:
    api = Api(start_emulator(complete_after_polls=1, redelivery_delays=(0.1,)))
    try:
        receiver.statuses = [500]  # the first attempt of text_generated fails
        path = f"{SUNO}/text_to_music"
        task_id = api.create(path, with_callback(path, receiver.url))
        api.get(f"{path}/{task_id}")
        attempts = api.emulator.wait_for_deliveries(3)
        assert [stage_of(r) for r in receiver.wait(4)] == [
            "text_generated",
            "text_generated",
            "first_audio_ready",
            "all_audios_ready",
        ]
        log = api.emulator.deliveries()
        assert [(d["stage"], d["attempt"], d["status"]) for d in log] == [
            ("text_generated", 1, 500),
            ("text_generated", 2, 200),
            ("first_audio_ready", 1, 200),
            ("all_audios_ready", 1, 200),
        ]
        assert attempts == log[1:]
    finally:
        api.close()


def test_a_receiver_slower_than_callback_timeout_counts_as_failed_and_is_redelivered(
    start_emulator: Callable[..., Emulator], fake_clock: FakeClock, receiver: Receiver
) -> None:
    api = Api(start_emulator(callback_timeout=0.1, redelivery_delays=(0.01,)))
    try:
        receiver.held.add("/slow")
        path = f"{SUNO}/generate_lyrics"
        api.create(path, with_callback(path, f"{receiver.origin}/slow"))
        fake_clock.advance(COMPLETE_AFTER)
        first, second = api.emulator.wait_for_deliveries(2, successful=False)
        assert (first["attempt"], first["status"], first["retry_in"]) == (1, None, 0.01)
        assert "timed out" in first["error"]
        assert (second["attempt"], second["status"], second["retry_in"]) == (2, None, None)
    finally:
        api.close()


def test_empty_redelivery_delays_mean_one_attempt(
    start_emulator: Callable[..., Emulator], fake_clock: FakeClock, receiver: Receiver
) -> None:
    api = Api(start_emulator(redelivery_delays=()))
    try:
        receiver.statuses = [500]
        path = f"{SUNO}/generate_lyrics"
        api.create(path, with_callback(path, receiver.url))
        fake_clock.advance(COMPLETE_AFTER)
        [attempt] = api.emulator.wait_for_deliveries(1, successful=False)
        assert (attempt["status"], attempt["retry_in"]) == (500, None)
    finally:
        api.close()


def test_stop_cuts_a_hanging_callback_short(start_emulator: Callable[..., Emulator], receiver: Receiver) -> None:
    emu = start_emulator(complete_after_polls=1, callback_timeout=30)
    api = Api(emu)
    try:
        receiver.held.add("/slow")
        path = f"{SUNO}/generate_lyrics"
        task_id = api.create(path, with_callback(path, f"{receiver.origin}/slow"))
        api.get(f"{path}/{task_id}")
        receiver.wait(1)
        started = time.monotonic()
        emu.stop()
        assert time.monotonic() - started < 2
        assert emu.deliveries() == []  # cut short by stop(): not logged as the receiver's outcome
    finally:
        api.close()
