"""Cost and pricing on the emulator, through both clients: ``task.usage``, ``client.pricing`` and operation quotes."""

from __future__ import annotations

import pytest

import runapi
from runapi.emulator import FAILURE_TOKEN, Emulator

LYRICS = "/api/v1/suno/generate_lyrics"
KLING = "/api/v1/kling/text_to_video"


def test_a_completed_task_carries_its_settled_cost_and_a_created_one_none(client: runapi.Client, emu: Emulator) -> None:
    created = client.suno.generate_lyrics.create(prompt="the sea")
    assert created.usage is None  # create envelopes omit usage
    assert client.suno.generate_lyrics.get(created.id).usage is None  # still processing
    done = client.suno.generate_lyrics.wait(created.id)
    [task] = [t for t in emu.tasks() if t["id"] == created.id]
    assert done.usage == runapi.TaskUsage(cost=task["cost_cents"] / 100)
    assert isinstance(done.usage.cost, float) and done.to_dict()["usage"] == {"cost": task["cost_cents"] / 100}


def test_generated_images_is_typed_where_the_answer_gives_it(client: runapi.Client) -> None:
    done = client.nano_banana.text_to_image.run(model="nano-banana", prompt="a cat")
    assert done.usage is not None and done.usage.generated_images == len(done.images) == 1


def test_a_failed_task_has_no_usage(client: runapi.Client) -> None:
    with pytest.raises(runapi.TaskFailedError) as failed:
        client.suno.generate_lyrics.run(prompt=f"the sea {FAILURE_TOKEN}")
    assert failed.value.task.usage is None


def test_schedules_are_typed_and_a_second_read_sends_the_etag_and_gets_304(
    client: runapi.Client, emu: Emulator
) -> None:
    first = client.pricing.schedules(service="suno", action="generate_lyrics")
    assert [(s.service, s.action, s.currency, s.unit_price_cents) for s in first.price_schedules] == [
        ("suno", "generate_lyrics", "USD", 1)
    ]
    assert first.as_of and first.etag and not first.not_modified
    again = client.pricing.schedules(service="suno", action="generate_lyrics")
    assert again == first and again.not_modified
    sent = [r for r in emu.requests() if r["path"] == "/api/v1/price_schedules"][-2:]
    assert "If-None-Match" not in sent[0]["headers"]
    assert sent[1]["headers"]["If-None-Match"] == first.etag and sent[1]["status"] == 304
    other = client.pricing.schedules(service="kling")  # another filter set: its own ETag, none sent yet
    assert {s.action for s in other.price_schedules} >= {"text_to_video"} and not other.not_modified


def test_an_operation_quote_checks_params_like_create_and_sends_the_paths_names(
    client: runapi.Client, emu: Emulator
) -> None:
    before = len(emu.requests())
    with pytest.raises(runapi.ValidationError, match="aspect_ratio"):
        client.kling.text_to_video.quote(model="kling-3.0", prompt="a cat")  # create refuses this too
    assert len(emu.requests()) == before  # refused before any request
    tasks = len(emu.tasks())
    quote = client.kling.text_to_video.quote(model="kling-3.0", prompt="a cat", aspect_ratio="16:9")
    assert isinstance(quote, runapi.PriceQuote)
    assert (quote.service, quote.action, quote.model, quote.reservation_amount_cents) == (
        "kling",
        "text_to_video",
        "kling-3.0",
        30,
    )
    assert quote.reservation_usd == 0.3
    [sent] = [r for r in emu.requests()[before:] if r["path"] == "/api/v1/price_quotes"]
    assert sent["json"] == {
        "service": "kling",
        "action": "text_to_video",
        "model": "kling-3.0",
        "params": {"prompt": "a cat", "aspect_ratio": "16:9"},
    }
    assert len(emu.tasks()) == tasks  # a quote makes no task


def test_a_direct_operation_quotes_too(client: runapi.Client) -> None:
    quote = client.suno.boost_style.quote(description="Pop")
    assert (quote.service, quote.action) == ("suno", "boost_style")


def test_a_quote_by_names(client: runapi.Client) -> None:
    quote = client.pricing.quote(service="suno", action="generate_lyrics", params={"prompt": "x"})
    assert quote.reservation_amount_cents == 1 and quote.estimate_basis == "exact"
    with pytest.raises(runapi.ValidationError, match="action"):
        client.pricing.quote(service="suno", action="")


def test_the_balance_has_its_paid_and_bonus_parts(client: runapi.Client) -> None:
    balance = client.get_balance()
    assert balance.paid_balance_cents == balance.balance_cents and balance.bonus_balance_cents == 0


def test_pricing_needs_no_key(emu: Emulator) -> None:
    import requests

    assert requests.get(f"{emu.url}/api/v1/price_schedules", timeout=5).status_code == 200
    answer = requests.post(
        f"{emu.url}/api/v1/price_quotes", json={"service": "suno", "action": "generate_lyrics"}, timeout=5
    )
    assert answer.status_code == 400 and "prompt" in answer.json()["error"]  # checked, not refused for the key
