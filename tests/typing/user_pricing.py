"""A user's script on cost and pricing: every value below is typed for mypy --strict and pyright."""

from __future__ import annotations

import asyncio

import runapi
from runapi import batch


def main() -> None:
    client = runapi.Client()
    task = client.suno.generate_lyrics.run(prompt="the sea")
    cost: float | None = task.usage.cost if task.usage is not None else None
    images: int | None = task.usage.generated_images if task.usage else None
    schedules: runapi.PriceSchedules = client.pricing.schedules(service="kling", action="text_to_video")
    as_of: str = schedules.as_of
    unit: int | None = schedules.price_schedules[0].unit_price_cents
    again: bool = client.pricing.schedules(service="kling").not_modified
    quote: runapi.PriceQuote = client.kling.text_to_video.quote(model="kling-3.0", prompt="a cat", aspect_ratio="16:9")
    cents: int = quote.reservation_amount_cents
    usd: float = quote.reservation_usd
    direct: runapi.PriceQuote = client.suno.boost_style.quote(description="Pop")
    named: runapi.PriceQuote = client.pricing.quote(service="suno", action="generate_lyrics", params={"prompt": "x"})
    balance = client.get_balance()
    paid: int | None = balance.paid_balance_cents
    results = batch.run([batch.Job("suno.generate_lyrics", {"prompt": "x"})], max_cost=0.5)
    settled: float | None = results[0].cost
    print(cost, images, as_of, unit, again, cents, usd, direct, named, paid, settled)


async def main_async() -> None:
    async with runapi.AsyncClient() as client:
        quote: runapi.PriceQuote = await client.veo_3_1.text_to_video.quote(prompt="sunrise", model="veo-3.1-fast")
        schedules: runapi.PriceSchedules = await client.pricing.schedules(model="veo-3.1-fast")
        print(quote.as_of, schedules.etag)


asyncio.run(main_async())
