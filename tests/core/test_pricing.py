"""Pricing and cost in the core, without a server: ``responses`` (blocking) and ``httpx.MockTransport`` (asyncio).

The facts are runapi-core 0.10.1's: ``TaskUsage`` (cost in USD, generated_images), ``GET
/api/v1/price_schedules`` (ETag, 304), ``POST /api/v1/price_quotes``; the service/action names
are the path's two segments (the official CLI's pricing tests: ``grok_imagine``/``extend_video``).
"""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
import responses
from responses import matchers

import runapi
from runapi._client import operations
from runapi._core.pricing import price_names
from tests.conftest import API_KEY, BASE_URL, FakeClock

SCHEDULES = f"{BASE_URL}/api/v1/price_schedules"
QUOTES = f"{BASE_URL}/api/v1/price_quotes"
SCHEDULE = {
    "service": "kling",
    "action": "text_to_video",
    "model": "kling-3.0",
    "pricing_status": "available",
    "catalog_status": "active",
    "currency": "USD",
    "billing_unit": "second",
    "unit_price_cents": 12,
    "billing_config": {"per": "second"},
}
QUOTE = {
    "service": "kling",
    "action": "text_to_video",
    "model": "kling-3.0",
    "pricing_status": "available",
    "currency": "USD",
    "reservation_amount_cents": 60,
    "estimate_basis": "exact",
    "as_of": "2026-07-23T00:00:00.000000Z",
}


# -- usage ------------------------------------------------------------------------------------------


def test_usage_is_typed_on_a_completed_task_and_none_before() -> None:
    done = runapi.Task.from_dict({"id": "t", "status": "completed", "usage": {"cost": 1, "generated_images": 2}})
    assert done.usage == runapi.TaskUsage(cost=1.0, generated_images=2) and isinstance(done.usage.cost, float)
    assert runapi.Task.from_dict({"id": "t", "status": "processing"}).usage is None
    assert runapi.Task.from_dict(done.to_dict()) == done


def test_a_usage_without_cost_is_refused_as_an_unexpected_payload() -> None:
    with pytest.raises(runapi.APIResponseValidationError, match="cost"):
        runapi.Task.from_dict({"id": "t", "status": "completed", "usage": {"generated_images": 1}})


def test_every_family_task_has_usage() -> None:
    from runapi.kling import VideoTask

    task = VideoTask.from_dict({"id": "t", "status": "completed", "videos": [], "usage": {"cost": 0.35}})
    assert task.usage is not None and task.usage.cost == 0.35


# -- names --------------------------------------------------------------------------------------------


def test_every_operation_has_pricing_names_from_its_path() -> None:
    from runapi._core.pricing import PRICE_NAMES

    for name, (_, _, operation) in operations().items():
        service, action = price_names(operation.path)
        if operation.path in PRICE_NAMES:  # a resource outside /api/v1/<service>/ (Suno's personas, ...)
            assert name.split(".")[0] == service, name
            continue
        assert operation.path == f"/api/v1/{service}/{action}", name
    assert price_names("/api/v1/kling/ai_avatar") == ("kling", "ai_avatar")  # the contract's kling/avatar
    assert price_names("/api/v1/grok_imagine/extend_video") == ("grok_imagine", "extend_video")


def test_a_path_off_the_rule_is_refused() -> None:
    with pytest.raises(runapi.ValidationError, match="/api/v1/some_records"):
        price_names("/api/v1/some_records")


# -- the blocking client ------------------------------------------------------------------------------


@responses.activate
def test_schedules_remember_the_etag_per_filter_set_and_return_the_cached_answer_on_304(
    client: runapi.Client,
) -> None:
    body = {"as_of": "2026-07-23T00:00:00.000000Z", "price_schedules": [SCHEDULE]}
    responses.get(
        SCHEDULES,
        json=body,
        headers={"ETag": '"v1"'},
        match=[matchers.query_param_matcher({"service": "kling"})],
    )
    first = client.pricing.schedules(service="kling")
    assert first.price_schedules[0].unit_price_cents == 12 and first.price_schedules[0].billing_config == {
        "per": "second"
    }
    assert (first.etag, first.not_modified) == ('"v1"', False)
    assert "If-None-Match" not in responses.calls[0].request.headers

    responses.replace(responses.GET, SCHEDULES, status=304, headers={"ETag": '"v1"'})
    again = client.pricing.schedules(service="kling")
    assert responses.calls[1].request.headers["If-None-Match"] == '"v1"'
    assert again == first and again.not_modified

    responses.replace(responses.GET, SCHEDULES, json={"as_of": "x", "price_schedules": []}, headers={"ETag": '"a"'})
    client.pricing.schedules(service="kling", action="text_to_video")  # another filter set: no ETag yet
    assert "If-None-Match" not in responses.calls[2].request.headers


@responses.activate
def test_a_schedule_answer_changed_since_replaces_the_remembered_one(client: runapi.Client) -> None:
    responses.get(SCHEDULES, json={"as_of": "1", "price_schedules": []}, headers={"ETag": '"v1"'})
    client.pricing.schedules()
    responses.replace(
        responses.GET, SCHEDULES, json={"as_of": "2", "price_schedules": [SCHEDULE]}, headers={"ETag": '"v2"'}
    )
    changed = client.pricing.schedules()
    assert (changed.as_of, changed.etag, changed.not_modified) == ("2", '"v2"', False)
    responses.replace(responses.GET, SCHEDULES, status=304)
    assert client.pricing.schedules().as_of == "2"
    assert responses.calls[2].request.headers["If-None-Match"] == '"v2"'


def test_schedule_filters_are_checked_before_any_request(client: runapi.Client) -> None:
    with responses.RequestsMock(), pytest.raises(runapi.ValidationError, match="service"):  # none registered
        client.pricing.schedules(service=" ")


@responses.activate
def test_an_operation_quote_sends_the_paths_names_the_model_and_the_checked_params(client: runapi.Client) -> None:
    responses.post(QUOTES, json={"price_quote": QUOTE})
    quote = client.kling.text_to_video.quote(model="kling-3.0", prompt="a cat", aspect_ratio="16:9")
    assert quote == runapi.PriceQuote(**QUOTE) and quote.reservation_usd == 0.6
    sent = json.loads(responses.calls[0].request.body)
    assert sent == {
        "service": "kling",
        "action": "text_to_video",
        "model": "kling-3.0",
        "params": {"prompt": "a cat", "aspect_ratio": "16:9"},
    }
    assert "Idempotency-Key" not in responses.calls[0].request.headers  # a quote makes nothing


def test_an_operation_quote_refuses_bad_params_before_any_request(client: runapi.Client) -> None:
    with responses.RequestsMock(), pytest.raises(runapi.ValidationError) as refused:  # no request registered
        client.kling.text_to_video.quote(model="kling-3.0", prompt="a cat")  # kling-3.0 needs an aspect_ratio
    assert refused.value.field == "aspect_ratio"


@responses.activate
def test_a_quote_answer_without_price_quote_is_an_unexpected_payload(client: runapi.Client) -> None:
    responses.post(QUOTES, json={"quote": QUOTE})
    with pytest.raises(runapi.APIResponseValidationError, match="price_quote"):
        client.pricing.quote(service="kling", action="text_to_video")


@responses.activate
def test_the_balance_takes_its_paid_and_bonus_parts_and_does_without_them(client: runapi.Client) -> None:
    old = {"balance_cents": 100, "spent_cents_today": 1, "spent_cents_total": 2}  # the older docs' answer
    responses.get(f"{BASE_URL}/api/v1/me/balance", json=old)
    assert client.get_balance().paid_balance_cents is None
    responses.replace(
        responses.GET,
        f"{BASE_URL}/api/v1/me/balance",
        json={**old, "paid_balance_cents": 70, "bonus_balance_cents": 30},
    )
    balance = client.get_balance()
    assert (balance.paid_balance_cents, balance.bonus_balance_cents) == (70, 30)


# -- the asyncio client -------------------------------------------------------------------------------


def test_the_async_client_remembers_etags_and_quotes_operations(clock: FakeClock) -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        request.read()
        seen.append(request)
        if request.url.path == "/api/v1/price_quotes":
            return httpx.Response(200, json={"price_quote": QUOTE})
        if request.headers.get("If-None-Match") == '"v1"':
            return httpx.Response(304)
        return httpx.Response(200, json={"as_of": "1", "price_schedules": [SCHEDULE]}, headers={"ETag": '"v1"'})

    async def no_sleep(seconds: float) -> None:
        clock.sleep(seconds)

    async def go() -> None:
        transport = httpx.MockTransport(answer)
        async with (
            httpx.AsyncClient(transport=transport) as http,
            runapi.AsyncClient(
                api_key=API_KEY, base_url=BASE_URL, http_client=http, sleep=no_sleep, clock=clock
            ) as client,
        ):
            first = await client.pricing.schedules(model="kling-3.0")
            again = await client.pricing.schedules(model="kling-3.0")
            assert again == first and again.not_modified and not first.not_modified
            with pytest.raises(runapi.ValidationError):
                await client.kling.text_to_video.quote(model="kling-3.0")
            quote = await client.kling.text_to_video.quote(model="kling-3.0", prompt="a cat", aspect_ratio="1:1")
            assert quote.reservation_amount_cents == 60

    asyncio.run(go())
    assert [r.url.path for r in seen] == ["/api/v1/price_schedules"] * 2 + ["/api/v1/price_quotes"]
    assert seen[1].headers["If-None-Match"] == '"v1"'
    assert json.loads(seen[2].content)["action"] == "text_to_video"
