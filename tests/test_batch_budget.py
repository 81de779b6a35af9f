"""``batch.run(max_cost=...)``: every job quoted before the first create, no start above the budget, and no
create that would pass it. On the emulator (quotes equal costs) and on a scripted server whose tasks settle
above their quotes. Nothing sleeps for real."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest

import runapi
from runapi import batch
from runapi.emulator import Emulator
from tests.conftest import BASE_URL, FakeClock

KEY = "emu-budget-key"
LYRICS = "/api/v1/suno/generate_lyrics"
IMAGE = "/api/v1/nano_banana/text_to_image"
QUOTES = "/api/v1/price_quotes"


def jobs() -> list[batch.Job]:  # on the emulator: lyrics cost 1 cent, images 4: 15 cents in all
    lyrics = [batch.Job("suno.generate_lyrics", {"prompt": f"song {i}"}, key=f"lyrics-{i}") for i in range(3)]
    images = [
        batch.Job("nano_banana.text_to_image", {"model": "nano-banana", "prompt": f"cat {i}"}, key=f"img-{i}")
        for i in range(3)
    ]
    return lyrics + images


def run_on(base_url: str, clock: FakeClock, job_list: list[batch.Job], **options: Any) -> list[batch.JobResult]:
    async def sleep(seconds: float) -> None:
        clock.sleep(seconds)
        await asyncio.sleep(0)

    async def main() -> list[batch.JobResult]:
        http = options.pop("http_client", None)
        async with runapi.AsyncClient(KEY, base_url=base_url, sleep=sleep, clock=clock, http_client=http) as client:
            return await batch.run_async(job_list, client=client, **options)

    return asyncio.run(main())


def test_above_the_budget_nothing_starts_and_the_error_gives_the_total_quoted(clock: FakeClock) -> None:
    with Emulator(api_key=KEY, complete_after_polls=1) as emu:
        with pytest.raises(runapi.ValidationError) as refused:
            run_on(emu.url, clock, jobs(), max_cost=0.14)
        assert emu.tasks() == []
        assert [r["path"] for r in emu.requests()] == [QUOTES] * 6  # one quote per job, nothing else
    assert refused.value.field == "max_cost"
    assert "0.15 USD" in str(refused.value) and "max_cost 0.14 USD" in str(refused.value)


def test_within_the_budget_every_job_is_quoted_first_then_runs_and_the_summary_totals_the_cost(
    clock: FakeClock,
) -> None:
    with Emulator(api_key=KEY, complete_after_polls=1) as emu:
        results = run_on(emu.url, clock, jobs(), max_cost=0.15, concurrency=2)
        paths = [r["path"] for r in emu.requests() if r["method"] == "POST"]
        costs = {t["params"]["prompt"]: t["cost_cents"] for t in emu.tasks()}
    assert paths[:6] == [QUOTES] * 6 and QUOTES not in paths[6:]  # quoted before the first create
    assert {r.status for r in results} == {"completed"}
    assert {r.key: r.cost for r in results} == {
        **{f"lyrics-{i}": costs[f"song {i}"] / 100 for i in range(3)},
        **{f"img-{i}": costs[f"cat {i}"] / 100 for i in range(3)},
    }
    assert results[0].to_dict()["cost"] == 0.01
    assert batch.summary(results).splitlines()[1] == "settled cost: 0.15 USD (6 tasks)"


def test_max_cost_must_be_a_positive_number(clock: FakeClock) -> None:
    for bad in (0, -1, float("nan"), True):
        with pytest.raises(runapi.ValidationError, match="max_cost"):
            run_on(BASE_URL, clock, jobs(), max_cost=bad)


class Server:
    """Quotes ``quote_cents`` for a lyrics job; its tasks complete at once and settle at ``cost`` USD."""

    def __init__(self, quote_cents: int, cost: float) -> None:
        self.quote_cents, self.cost = quote_cents, cost
        self.created: list[str] = []
        self.requests: list[tuple[str, str]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append((request.method, request.url.path))
        if request.url.path == QUOTES:
            quote = {
                "service": "suno",
                "action": "generate_lyrics",
                "pricing_status": "available",
                "currency": "USD",
                "reservation_amount_cents": self.quote_cents,
                "estimate_basis": "exact",
                "as_of": "2026-07-23T00:00:00Z",
            }
            return httpx.Response(200, json={"price_quote": quote})
        if request.method == "POST":
            self.created.append(json.loads(request.read())["prompt"])
            return httpx.Response(202, json={"id": f"t{len(self.created)}", "status": "processing"})
        task_id = request.url.path.rsplit("/", 1)[1]
        done = {"id": task_id, "status": "completed", "lyrics": [], "usage": {"cost": self.cost}}
        return httpx.Response(200, json=done)


def test_creating_stops_before_settled_plus_in_flight_plus_the_next_quote_would_pass_the_budget(
    clock: FakeClock,
) -> None:
    server = Server(quote_cents=5, cost=0.10)  # each task settles at twice its quote
    three = [batch.Job("suno.generate_lyrics", {"prompt": f"song {i}"}, key=f"k{i}") for i in range(3)]
    http = httpx.AsyncClient(transport=httpx.MockTransport(server))
    results = run_on(BASE_URL, clock, three, max_cost=0.20, concurrency=1, http_client=http)
    # quoted 15 cents <= 20: it starts; k0 settles 10, k1 (10 + 5 <= 20) settles 10, k2 (20 + 5 > 20) is refused
    assert [r.status for r in results] == ["completed", "completed", "refused"]
    assert server.created == ["song 0", "song 1"]
    refused = results[2]
    assert refused.task_id is None and refused.error is not None
    assert "max_cost 0.20 USD would be passed" in refused.error and "settled 0.20 USD" in refused.error
    assert "no task was made" in refused.error
    assert batch.summary(results).splitlines()[1] == "settled cost: 0.20 USD (2 tasks)"


def test_a_refused_job_is_created_by_the_next_run_with_room_in_its_budget(clock: FakeClock, tmp_path: Any) -> None:
    server = Server(quote_cents=5, cost=0.10)
    three = [batch.Job("suno.generate_lyrics", {"prompt": f"song {i}"}, key=f"k{i}") for i in range(3)]
    journal = tmp_path / "j.db"
    first = httpx.AsyncClient(transport=httpx.MockTransport(server))
    run_on(BASE_URL, clock, three, max_cost=0.20, concurrency=1, http_client=first, journal=journal)
    again = httpx.AsyncClient(transport=httpx.MockTransport(server))
    results = run_on(BASE_URL, clock, three, max_cost=0.20, concurrency=1, http_client=again, journal=journal)
    assert [(r.status, r.from_journal) for r in results] == [
        ("completed", True),
        ("completed", True),
        ("completed", False),
    ]
    assert server.created == ["song 0", "song 1", "song 2"]  # k0 and k1 are kept, not quoted or paid again
    assert server.requests[-3:][0] == ("POST", QUOTES) and server.requests.count(("POST", QUOTES)) == 4
