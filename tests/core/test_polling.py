"""wait()/run(): the poll schedule, the deadline, failed tasks and statuses the SDK does not know."""

from __future__ import annotations

import pytest
import responses
from responses.registries import OrderedRegistry

import runapi
from runapi._core.flows import Call, Reply, Sleep, simulate_wait, wait_task
from runapi._core.options import DURATIONS, PollPolicy
from runapi.veo_3_1 import VideoTask
from tests.conftest import BASE_URL, FakeClock

VIDEO = f"{BASE_URL}/api/v1/veo_3_1/text_to_video"
PROCESSING = {"id": "v1", "status": "processing"}
COMPLETED = {
    "id": "v1",
    "status": "completed",
    "videos": [{"url": "https://file.runapi.ai/videos/video1.mp4", "resolution": "1080p", "has_audio": True}],
}


def test_the_flow_polls_then_sleeps_with_capped_backoff(clock: FakeClock) -> None:
    """Drive the sans-IO flow by hand: every effect it asks for is visible."""
    policy = PollPolicy(timeout=100, interval=2, max_interval=4, backoff=1.5)
    flow = wait_task("/api/v1/veo_3_1/text_to_video", "v1", VideoTask, policy, clock)

    effects = []
    effect = next(flow)
    for _ in range(4):
        effects.append(effect)
        assert effect == Call("GET", "/api/v1/veo_3_1/text_to_video/v1", retry=False)
        effect = flow.send(Reply(200, PROCESSING))
        effects.append(effect)
        assert isinstance(effect, Sleep)
        clock.sleep(effect.seconds)
        effect = flow.send(None)
    with pytest.raises(StopIteration) as done:
        flow.send(Reply(200, COMPLETED))

    assert [e.seconds for e in effects if isinstance(e, Sleep)] == [2, 3, 4, 4]
    assert done.value.value.videos[0].resolution == "1080p"


def test_the_flow_uses_retry_after_from_a_status_answer(clock: FakeClock) -> None:
    flow = wait_task("/p", "v1", VideoTask, PollPolicy(interval=2), clock)
    next(flow)
    effect = flow.send(Reply(200, PROCESSING, retry_after=9.0))
    assert effect == Sleep(9.0)


def test_task_ids_are_escaped_in_the_path(clock: FakeClock) -> None:
    flow = wait_task("/p", "a/b c", VideoTask, PollPolicy(), clock)
    assert next(flow) == Call("GET", "/p/a%2Fb%20c", retry=False)


@responses.activate(registry=OrderedRegistry)
def test_run_creates_then_polls_until_completed(client: runapi.Client, clock: FakeClock) -> None:
    responses.post(VIDEO, status=202, json=PROCESSING)
    for _ in range(3):
        responses.get(f"{VIDEO}/v1", json=PROCESSING)
    responses.get(f"{VIDEO}/v1", json=COMPLETED)

    task = client.veo_3_1.text_to_video.run(prompt="a dog in a park", model="veo-3.1-fast")

    assert task.is_completed
    assert task.videos[0].url == "https://file.runapi.ai/videos/video1.mp4"
    # video tasks take minutes: the first poll at 60 s, then each 1.25x later than the one before
    assert clock.sleeps == pytest.approx([60.0, 15.0, 18.75, 23.4375])
    assert [c.request.method for c in responses.calls] == ["POST", "GET", "GET", "GET", "GET"]


@responses.activate
def test_wait_raises_task_timeout_at_the_deadline(client: runapi.Client, clock: FakeClock) -> None:
    responses.get(f"{VIDEO}/v1", json=PROCESSING)

    with pytest.raises(runapi.TaskTimeoutError) as info:
        client.veo_3_1.text_to_video.wait("v1", timeout=30, poll_interval=5, max_poll_interval=5)

    assert info.value.task_id == "v1"
    assert info.value.last_status == "processing"
    assert info.value.timeout == 30
    assert sum(clock.sleeps) == 30  # never sleeps past the deadline
    assert len(responses.calls) == 7  # at 0, 5, ..., 30 s


@responses.activate(registry=OrderedRegistry)
def test_failed_task_raises_task_failed_error_with_the_reason(client: runapi.Client) -> None:
    failed = {"id": "v1", "status": "failed", "error": "Your prompt was flagged as violating content policies."}
    responses.get(f"{VIDEO}/v1", json=PROCESSING)
    responses.get(f"{VIDEO}/v1", json=failed)

    with pytest.raises(runapi.TaskFailedError) as info:
        client.veo_3_1.text_to_video.wait("v1")

    assert info.value.task_id == "v1"
    assert info.value.error == "Your prompt was flagged as violating content policies."
    assert info.value.task.raw == failed
    assert info.value.code is None


@responses.activate
def test_failed_task_with_a_code_keeps_it(client: runapi.Client) -> None:
    responses.get(
        f"{BASE_URL}/api/v1/suno/text_to_music/s1", json={"id": "s1", "status": "failed", "error": "REFUNDED"}
    )
    with pytest.raises(runapi.TaskFailedError) as info:
        client.suno.text_to_music.wait("s1")
    assert info.value.code == "REFUNDED"


@responses.activate(registry=OrderedRegistry)
def test_unknown_statuses_keep_polling(client: runapi.Client) -> None:
    responses.get(f"{VIDEO}/v1", json={"id": "v1", "status": "queued"})
    responses.get(f"{VIDEO}/v1", json={"id": "v1", "status": "upscaling", "eta_seconds": 12})
    responses.get(f"{VIDEO}/v1", json=COMPLETED)
    seen: list[str] = []

    task = client.veo_3_1.text_to_video.wait("v1", on_progress=lambda t: seen.append(t.status))

    assert task.is_completed
    assert seen == ["queued", "upscaling", "completed"]


@responses.activate(registry=OrderedRegistry)
def test_a_transient_error_during_polling_is_retried_not_fatal(client: runapi.Client) -> None:
    responses.get(f"{VIDEO}/v1", json=PROCESSING)
    responses.get(f"{VIDEO}/v1", status=503, json={"error": "Service unavailable"})
    responses.get(f"{VIDEO}/v1", json=COMPLETED)

    assert client.veo_3_1.text_to_video.wait("v1").is_completed


@responses.activate
def test_client_wide_poll_settings_apply(clock: FakeClock) -> None:
    responses.get(f"{VIDEO}/v1", json=PROCESSING)
    client = runapi.Client(
        api_key="k", base_url=BASE_URL, wait_timeout=3, poll_interval=1, sleep=clock.sleep, clock=clock
    )
    with pytest.raises(runapi.TaskTimeoutError):
        client.veo_3_1.text_to_video.wait("v1")
    assert clock.sleeps == [1.0, 1.5, 0.5]


def test_empty_task_id_is_refused_before_any_request(client: runapi.Client) -> None:
    with responses.RequestsMock() as mock:
        with pytest.raises(runapi.ValidationError) as info:
            client.veo_3_1.text_to_video.get("")
        assert info.value.field == "task_id"
        assert len(mock.calls) == 0


# -- the shaped schedule: simulated on the fake clock against tasks of known duration ------------


def _notice(policy: PollPolicy, duration: float) -> tuple[float, int]:
    """(time-to-notice / duration, polls) of run() against a task that completes after ``duration`` s."""
    noticed, polls = simulate_wait(policy, duration)
    return noticed / duration, polls


@pytest.mark.parametrize("name", sorted(DURATIONS))
def test_a_task_in_its_expected_window_is_noticed_within_a_quarter_of_its_run_time(name: str) -> None:
    expected = DURATIONS[name]
    policy = PollPolicy(expected=expected)
    waits = policy.waits()
    poll_times, now = [], 0.0
    for _ in range(12):
        now += next(waits)
        poll_times.append(now)
    # the worst cases are the instants just after a poll, and the window's ends
    probes = [expected.low, expected.high] + [t + 1e-6 for t in poll_times if expected.low <= t < expected.high]
    worst = max(_notice(policy, d)[0] for d in probes)
    assert worst <= 1.25 + 1e-9  # every class, the default one included (it was 1.32x at its 5 s edge)


@pytest.mark.parametrize("name", sorted(DURATIONS))
def test_each_edge_of_each_window_is_noticed_within_a_quarter_of_its_run_time(name: str) -> None:
    expected = DURATIONS[name]
    policy = PollPolicy(expected=expected)
    edges = [expected.low, expected.low + 1e-6, expected.low * 1.001, expected.high - 1e-6, expected.high]
    ratios = {edge: _notice(policy, edge)[0] for edge in edges}
    assert max(ratios.values()) <= 1.25 + 1e-9, ratios


@pytest.mark.parametrize("name", sorted(DURATIONS))
def test_each_window_fits_the_budget_at_a_quarter(name: str) -> None:
    """A window wider than 1.25**9 would get a faster-growing schedule (more than 1.25x) to keep 2 tail polls."""
    expected = DURATIONS[name]
    assert expected.high / expected.low <= 1.25**9


@pytest.mark.parametrize("name", sorted(DURATIONS))
def test_no_task_under_ten_minutes_costs_more_than_twelve_polls(name: str) -> None:
    policy = PollPolicy(expected=DURATIONS[name])
    durations = [3 * 200 ** (i / 199) for i in range(200)]  # 3 s .. 600 s
    assert max(_notice(policy, d)[1] for d in durations) <= 12


def test_a_fixed_interval_replaces_the_shaped_schedule(clock: FakeClock) -> None:
    policy = PollPolicy(interval=2, max_interval=4, expected=DURATIONS["video"])
    waits = policy.waits()
    assert [next(waits) for _ in range(5)] == [2, 3, 4, 4, 4]


def test_max_poll_interval_caps_every_gap_of_a_shaped_schedule() -> None:
    waits = PollPolicy(expected=DURATIONS["video"], max_interval=30).waits()
    assert max(next(waits) for _ in range(40)) == 30
