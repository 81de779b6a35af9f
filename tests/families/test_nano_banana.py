"""Nano Banana (``client.nano_banana``): what a re-read of the docs added to the family's checks.

The family's main tests are in ``test_params.py``, ``test_results.py`` and ``test_operations.py``,
and its generic contract checks (every example sent as is or structured with nothing dropped,
run/failed/get on each status path) in ``test_every_family.py``. This file covers the additions:

- the Nano Banana examples printed outside the section, in the Quick Start's "Callbacks" and
  "Local webhook testing" parts (a create body with ``callback_url``, the callback payload, the
  ``runapi listen`` create body), and the V2 create body of the Ruby/Python/JavaScript examples
  (a shorter prompt than the curl one), copied under ``tests/fixtures/nano_banana/``: the
  callback payload read and unwrapped here;
- ``reference_image_urls`` and ``source_image_urls`` items are checked as http(s) URLs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import runapi
from runapi import webhooks
from runapi.nano_banana import Image, ImageTask
from tests.families.contract import assert_mirrors, strict_converter

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "nano_banana"
SECRET = "c2VjcmV0LWZvci10ZXN0cw=="
IMAGE = "https://file.runapi.ai/generated/image1.png"


def load(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def path(op: str) -> str:
    return f"/api/v1/nano_banana/{op}"


# -- the examples outside the section --------------------------------------------------------


def test_the_quick_start_callback_payload_is_modelled():
    payload = load("text_to_image_callback_quickstart")

    task = ImageTask.from_dict(payload)

    assert strict_converter().structure(payload, ImageTask) == task
    assert_mirrors(task, payload, "callback")
    assert task.is_completed
    assert task.model == "nano-banana"
    assert task.images == [Image(url=IMAGE)]
    assert task.output_urls == [IMAGE]


def test_the_quick_start_callback_unwraps_into_the_task_class():
    raw = (EXAMPLES / "text_to_image_callback_quickstart.json").read_bytes()
    headers = webhooks.sign(raw, SECRET, timestamp=1_700_000_000)

    callback = webhooks.unwrap(raw, headers, SECRET, task_type=ImageTask, now=1_700_000_000)

    assert type(callback.task) is ImageTask
    assert callback.task.model == "nano-banana"
    assert callback.task.output_urls == [IMAGE]


# -- image URLs are URLs ---------------------------------------------------------------------

T2I = {"model": "nano-banana-2", "prompt": "A banana hero"}
EDIT = {"model": "nano-banana-edit", "prompt": "Make it blue", "source_image_urls": [IMAGE]}


@pytest.mark.parametrize(
    ("op", "kwargs", "field_name", "message"),
    [
        pytest.param(
            "text_to_image",
            {**T2I, "reference_image_urls": [IMAGE, "images/ref.png"]},
            "reference_image_urls[1]",
            "reference_image_urls[1] must be an absolute http(s) URL; got 'images/ref.png'",
            id="relative-reference",
        ),
        pytest.param(
            "text_to_image",
            {**T2I, "model": "nano-banana", "reference_image_urls": ["file:///tmp/ref.png"]},
            "reference_image_urls[0]",
            "reference_image_urls[0] must be an absolute http(s) URL; got 'file:///tmp/ref.png'",
            id="file-reference",
        ),
        pytest.param(
            "edit_image",
            {**EDIT, "source_image_urls": ["s3://bucket/a.png"]},
            "source_image_urls[0]",
            "source_image_urls[0] must be an absolute http(s) URL; got 's3://bucket/a.png'",
            id="s3-source",
        ),
    ],
)
def test_an_image_url_that_is_not_http_is_refused_before_any_request(client, http, op, kwargs, field_name, message):
    http.post(client.base_url + path(op), status=202, json=load("text_to_image_accepted"))  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.nano_banana, op).create(**kwargs)

    assert info.value.field == field_name
    assert str(info.value) == message
    assert len(http.calls) == 0


@pytest.mark.parametrize(
    ("op", "kwargs"),
    [
        pytest.param("text_to_image", {**T2I, "reference_image_urls": [IMAGE, "http://example.com/r.webp"]}, id="refs"),
        pytest.param("text_to_image", {**T2I, "reference_image_urls": []}, id="no-refs"),  # as the docs send it
        pytest.param("edit_image", {**EDIT, "source_image_urls": [IMAGE, "http://example.com/b.jpg"]}, id="sources"),
    ],
)
def test_http_image_urls_are_accepted_and_sent_unchanged(client, http, op, kwargs):
    http.post(client.base_url + path(op), status=202, json=load("text_to_image_accepted"))

    getattr(client.nano_banana, op).create(**kwargs)

    assert json.loads(http.calls[0].request.body) == kwargs


def test_the_counts_are_checked_before_the_urls():
    # too many items is reported as a count (the per-model limit), whatever the items are
    with pytest.raises(runapi.ValidationError) as info:
        runapi.nano_banana.TextToImageParams(model="nano-banana-2", prompt="p", reference_image_urls=["not a url"] * 15)
    assert info.value.field == "reference_image_urls"
    assert "got 15 items" in str(info.value)
