"""Pricing mistakes both type checkers must flag, one per marked line (see test_user_scripts.py)."""

from __future__ import annotations

import runapi
from runapi import batch


async def main() -> None:
    client = runapi.Client()
    task = client.suno.generate_lyrics.run(prompt="the sea")
    cost: float = task.usage.cost  # error: usage is None until the task completed
    client.kling.text_to_video.quote(model="kling-3.0", colour="red")  # error: not a parameter of the create
    client.kling.text_to_video.quote(model=3)  # error: model is a string
    cents: str = client.suno.generate_lyrics.quote(prompt="x").reservation_amount_cents  # error: cents are an int
    client.pricing.schedules("kling")  # error: the filters are keyword-only
    client.pricing.quote(service="suno")  # error: action is required
    batch.run([], max_cost="1")  # error: max_cost is a number of USD
    async_client = runapi.AsyncClient()
    quote: runapi.PriceQuote = async_client.suno.generate_lyrics.quote(prompt="x")  # error: it must be awaited
    print(cost, cents, quote)
