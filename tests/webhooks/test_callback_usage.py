"""A callback's ``usage``: typed on completed callbacks (``task.usage.cost``, USD), absent before.

runapi-core 0.10.1 README: "Completed Task query and webhook envelopes expose ``usage.cost`` as a
float USD amount for that Task. Create, processing, and failed envelopes omit ``usage``."
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

import runapi
from runapi.emulator import Emulator
from runapi.nano_banana import ImageTask
from runapi.suno import MusicTask
from runapi.webhooks import unwrap
from tests.emulator.conftest import Receiver

from .conftest import NOW, PAYLOAD, SECRET, signed


def test_a_completed_callback_types_its_cost_in_usd() -> None:
    body = json.dumps({**PAYLOAD, "usage": {"cost": 0.12}}).encode()
    callback = unwrap(body, signed(body), SECRET, task_type=MusicTask, now=NOW)
    assert callback.task.usage == runapi.TaskUsage(cost=0.12)


def test_a_processing_callback_has_no_usage() -> None:
    body = json.dumps({**PAYLOAD, "status": "processing", "generation_stage": "text_generated"}).encode()
    assert unwrap(body, signed(body), SECRET, task_type=MusicTask, now=NOW).task.usage is None


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    yield server
    server.close()


def test_the_emulators_completed_callback_carries_the_tasks_cost(receiver: Receiver) -> None:
    with Emulator(api_key="k", callback_secret=SECRET, complete_after_polls=1) as emu:
        with runapi.Client(api_key="k", base_url=emu.url, sleep=lambda seconds: None) as client:
            done = client.nano_banana.text_to_image.run(model="nano-banana", prompt="a cat", callback_url=receiver.url)
        [received] = receiver.wait(1)
        callback = unwrap(received.body, received.headers, SECRET, task_type=ImageTask)
        [task] = emu.tasks()
    assert callback.task.id == done.id and callback.task.is_completed
    assert callback.task.usage == done.usage == runapi.TaskUsage(cost=task["cost_cents"] / 100, generated_images=1)
