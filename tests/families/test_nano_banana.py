"""Nano Banana (``client.nano_banana``): what a re-read of the docs added to the family's checks.

This file holds the family's tests (its request parameters, result models and operations over
mocked HTTP, below), and its generic contract checks (every example sent as is or structured with nothing dropped,
run/failed/get on each status path) in ``test_every_family.py``. It also covers the docs' re-read additions:

- the Nano Banana examples printed outside the section, in the Quick Start's "Callbacks" and
  "Local webhook testing" parts (a create body with ``callback_url``, the callback payload, the
  ``runapi listen`` create body), and the V2 create body of the Ruby/Python/JavaScript examples
  (a shorter prompt than the curl one), copied under ``tests/fixtures/nano_banana/``: the
  callback payload read and unwrapped here;
- ``reference_image_urls`` and ``source_image_urls`` items are checked as http(s) URLs.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import responses

import runapi
from runapi import webhooks
from runapi.nano_banana import Image, ImageTask
from tests.conftest import API_KEY
from tests.families.conftest import (
    ACCEPTED,
    BASE_CALL,
    FRAME,
    OMIT,
    OP_FIXTURES,
    OPERATIONS,
    canonical,
    create_url,
    load_example,
    op_path,
    op_resource,
    ordered,
    payloads,
    pluck,
    refuse,
    send,
    task_class_of,
    task_url,
    with_overrides,
)
from tests.families.contract import assert_mirrors, strict_converter
from tests.families.platform_values import contract_models, contract_values

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


NANO_BANANA_OPERATIONS = [op for op in OPERATIONS if op.startswith("nano_banana.")]


# aspect_ratio lists as the docs print them (Base: 11 presets, Pro: 11, V2: 15)
NANO_BASE_RATIOS = ["1:1", "9:16", "16:9", "3:4", "4:3", "3:2", "2:3", "5:4", "4:5", "21:9", "auto"]
NANO_PRO_RATIOS = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9", "auto"]
NANO_V2_RATIOS = [
    "1:1", "1:4", "1:8", "2:3", "3:2", "3:4", "4:1", "4:3", "4:5", "5:4", "8:1", "9:16", "16:9", "21:9", "auto",
]  # fmt: skip
V2_ONLY_RATIOS = ["1:4", "1:8", "4:1", "8:1"]


# -- request parameters: bodies, the Idempotency-Key, None left off


def test_edit_image_body_follows_the_module_reading(client, http, example):
    # No docs section: source_image_urls, the base aspect ratios and png/jpeg per runapi/nano_banana.py.
    body = {
        "model": "nano-banana-edit",
        "prompt": "Add a space helmet to the cat",
        "source_image_urls": [IMAGE],
        "callback_url": "https://your-domain.com/api/callback",
        "aspect_ratio": "16:9",
        "output_format": "jpeg",
    }
    sent, request, _ = send(client, http, "nano_banana.edit_image", dict(body), example)
    assert canonical(sent) == canonical(body)
    assert request.url == f"{client.base_url}/api/v1/nano_banana/edit_image"


@pytest.mark.parametrize("op", NANO_BANANA_OPERATIONS)
def test_each_create_gets_its_own_idempotency_key(client, http, example, op):
    for _ in range(2):
        http.post(create_url(client, op), status=202, json=example(*ACCEPTED[op]))
        op_resource(client, op).create(**BASE_CALL[op])
    keys = [call.request.headers["Idempotency-Key"] for call in http.calls]
    assert len(keys) == 2
    assert all(keys)
    assert keys[0] != keys[1]


OPTIONAL_NONE = [
    pytest.param(
        "nano_banana.text_to_image",
        {
            "callback_url": None,
            "output_format": None,
            "aspect_ratio": None,
            "output_resolution": None,
            "reference_image_urls": None,
        },
        id="nano_banana.text_to_image",
    ),
    pytest.param(
        "nano_banana.edit_image",
        {"callback_url": None, "aspect_ratio": None, "output_format": None},
        id="nano_banana.edit_image",
    ),
]


@pytest.mark.parametrize(("op", "nones"), OPTIONAL_NONE)
def test_none_optionals_are_left_off_the_wire(client, http, example, op, nones):
    sent, _, _ = send(client, http, op, {**BASE_CALL[op], **nones}, example)
    assert canonical(sent) == canonical(BASE_CALL[op])
    assert not set(nones) & set(sent)


KEPT = [
    # falsy or default-looking values are the caller's choice and must reach the server
    pytest.param(
        "nano_banana.text_to_image",
        {"model": "nano-banana", "prompt": "A cute cat", "reference_image_urls": []},
        id="empty-reference_image_urls",
    ),
    pytest.param(
        "nano_banana.text_to_image",
        {"model": "nano-banana-pro", "prompt": "A lake", "output_resolution": "1k", "output_format": "png"},
        id="pro-defaults-spelled-out",
    ),
    pytest.param(
        "nano_banana.text_to_image",
        {"model": "nano-banana-2", "prompt": "A lake", "aspect_ratio": "auto", "output_format": "jpg"},
        id="v2-defaults-spelled-out",
    ),
]


@pytest.mark.parametrize(("op", "kwargs"), KEPT)
def test_given_values_are_all_sent(client, http, example, op, kwargs):
    sent, _, _ = send(client, http, op, dict(kwargs), example)
    assert canonical(sent) == canonical(kwargs)


def _accepted_cases() -> list[Any]:
    cases: list[Any] = []

    def add(case_id: str, op: str, **overrides: Any) -> None:
        cases.append(pytest.param(op, with_overrides(BASE_CALL[op], overrides), id=case_id))

    for model, ratios in (
        ("nano-banana", NANO_BASE_RATIOS),
        ("nano-banana-pro", NANO_PRO_RATIOS),
        ("nano-banana-2", NANO_V2_RATIOS),
    ):
        for ratio in ratios:
            add(f"{model}-aspect-{ratio}", "nano_banana.text_to_image", model=model, aspect_ratio=ratio)
        for fmt in ("png", "jpg"):
            add(f"{model}-format-{fmt}", "nano_banana.text_to_image", model=model, output_format=fmt)
    for model in ("nano-banana-pro", "nano-banana-2"):
        for res in ("1k", "2k", "4k"):
            add(f"{model}-resolution-{res}", "nano_banana.text_to_image", model=model, output_resolution=res)
    add("nano-banana-prompt-5000", "nano_banana.text_to_image", model="nano-banana", prompt="p" * 5000)
    add("nano-banana-pro-prompt-5000", "nano_banana.text_to_image", model="nano-banana-pro", prompt="p" * 5000)
    add("nano-banana-2-prompt-20000", "nano_banana.text_to_image", model="nano-banana-2", prompt="p" * 20000)
    add("nano-banana-8-refs", "nano_banana.text_to_image", model="nano-banana", reference_image_urls=[IMAGE] * 8)
    add(
        "nano-banana-pro-8-refs", "nano_banana.text_to_image", model="nano-banana-pro", reference_image_urls=[IMAGE] * 8
    )
    add("nano-banana-2-14-refs", "nano_banana.text_to_image", model="nano-banana-2", reference_image_urls=[IMAGE] * 14)
    for ratio in NANO_BASE_RATIOS:
        add(f"edit-aspect-{ratio}", "nano_banana.edit_image", aspect_ratio=ratio)
    for fmt in ("png", "jpeg"):
        add(f"edit-format-{fmt}", "nano_banana.edit_image", output_format=fmt)
    add("edit-two-sources", "nano_banana.edit_image", source_image_urls=[IMAGE, FRAME])
    # newer source, the platform contract: nano-banana-2-lite on both endpoints, jpeg on text-to-image
    lite = "nano-banana-2-lite"
    add("lite-10-refs", "nano_banana.text_to_image", model=lite, reference_image_urls=[IMAGE] * 10)
    add("edit-lite-10-sources", "nano_banana.edit_image", model=lite, source_image_urls=[IMAGE] * 10)
    for ratio in NANO_V2_RATIOS:
        add(f"edit-lite-aspect-{ratio}", "nano_banana.edit_image", model=lite, aspect_ratio=ratio)
    return cases


@pytest.mark.parametrize(("op", "model", "name", "value"), contract_values("nano-banana"))
def test_every_platform_contract_value_is_accepted_and_sent_as_given(client, http, example, op, model, name, value):
    # the platform contract (tests/contract/platform-contract.json), newer than the docs
    op = f"nano_banana.{op}"
    kwargs = with_overrides(BASE_CALL[op], {"model": model, name: value})
    sent, _, _ = send(client, http, op, dict(kwargs), example)
    assert canonical(sent) == canonical(kwargs)


@pytest.mark.parametrize(("op", "model"), contract_models("nano-banana"))
def test_every_platform_contract_model_is_accepted(client, http, example, op, model):
    op = f"nano_banana.{op}"
    sent, _, _ = send(client, http, op, with_overrides(BASE_CALL[op], {"model": model}), example)
    assert sent["model"] == model


@pytest.mark.parametrize(("op", "kwargs"), _accepted_cases())
def test_documented_values_are_accepted_and_sent(client, http, example, op, kwargs):
    sent, _, task = send(client, http, op, dict(kwargs), example)
    assert canonical(sent) == canonical(kwargs)
    assert task.status == "processing"


def _refused_cases() -> list[Any]:
    cases: list[Any] = []

    def add(
        case_id: str,
        op: str,
        field: str,
        fragments: tuple[str, ...],
        base: Mapping[str, Any] | None = None,
        **overrides: Any,
    ) -> None:
        kwargs = with_overrides(BASE_CALL[op] if base is None else base, overrides)
        cases.append(pytest.param(op, kwargs, field, fragments, id=case_id))

    t2i, edit = "nano_banana.text_to_image", "nano_banana.edit_image"
    models = "'nano-banana', 'nano-banana-pro', 'nano-banana-2', 'nano-banana-2-lite'"
    add("nano-model-unknown", t2i, "model", (models,), model="nano-banana-3")
    add("nano-model-edit-on-t2i", t2i, "model", (models,), model="nano-banana-edit")
    for model in ("nano-banana", "nano-banana-pro"):
        for ratio in V2_ONLY_RATIOS:
            add(
                f"{model}-aspect-{ratio}-is-v2-only",
                t2i,
                "aspect_ratio",
                (f"for model '{model}'", "'21:9'"),
                model=model,
                aspect_ratio=ratio,
            )
        add(
            f"{model}-prompt-5001",
            t2i,
            "prompt",
            ("1-5000 characters", f"for model '{model}'"),
            model=model,
            prompt="p" * 5001,
        )
        add(
            f"{model}-9-refs",
            t2i,
            "reference_image_urls",
            ("0-8", f"for model '{model}'"),
            model=model,
            reference_image_urls=[IMAGE] * 9,
        )
    add("nano-banana-2-aspect-2:1", t2i, "aspect_ratio", ("'8:1'",), model="nano-banana-2", aspect_ratio="2:1")
    add("nano-banana-2-prompt-20001", t2i, "prompt", ("1-20000 characters",), model="nano-banana-2", prompt="p" * 20001)
    add(
        "nano-banana-2-15-refs",
        t2i,
        "reference_image_urls",
        ("0-14",),
        model="nano-banana-2",
        reference_image_urls=[IMAGE] * 15,
    )
    add(
        "nano-banana-base-refuses-output_resolution",
        t2i,
        "output_resolution",
        ("nano-banana-pro", "nano-banana-2"),
        output_resolution="1k",
    )
    for model in ("nano-banana-pro", "nano-banana-2"):
        for res in ("8k", "4K", "1024"):
            add(
                f"{model}-resolution-{res}",
                t2i,
                "output_resolution",
                ("'1k', '2k', '4k'",),
                model=model,
                output_resolution=res,
            )
    for fmt in ("webp", "PNG", "JPEG"):
        add(f"nano-output_format-{fmt}", t2i, "output_format", ("'png', 'jpg', 'jpeg'",), output_format=fmt)
    # nano-banana-2-lite (the platform contract): the 15 presets, at most 10 reference images
    add(
        "lite-aspect-2:1",
        t2i,
        "aspect_ratio",
        ("'8:1'",),
        model="nano-banana-2-lite",
        aspect_ratio="2:1",
    )
    add(
        "lite-11-refs",
        t2i,
        "reference_image_urls",
        ("0-10", "for model 'nano-banana-2-lite'"),
        model="nano-banana-2-lite",
        reference_image_urls=[IMAGE] * 11,
    )
    add(
        "edit-lite-11-sources",
        edit,
        "source_image_urls",
        ("1-10", "for model 'nano-banana-2-lite'"),
        model="nano-banana-2-lite",
        source_image_urls=[IMAGE] * 11,
    )
    add("edit-lite-aspect-2:1", edit, "aspect_ratio", ("'8:1'",), model="nano-banana-2-lite", aspect_ratio="2:1")
    add("nano-refs-not-a-list", t2i, "reference_image_urls", ("a list",), reference_image_urls=IMAGE)
    add("nano-refs-empty-url", t2i, "reference_image_urls", ("non-blank strings",), reference_image_urls=[""])
    add("nano-prompt-missing", t2i, "prompt", ("missing required parameter",), prompt=OMIT)

    add(
        "edit-needs-source_image_urls",
        edit,
        "source_image_urls",
        ("missing required parameter",),
        source_image_urls=OMIT,
    )
    add("edit-source_image_urls-empty", edit, "source_image_urls", ("at least 1",), source_image_urls=[])
    add("edit-source_image_urls-string", edit, "source_image_urls", ("a list",), source_image_urls=IMAGE)
    add("edit-output_format-jpg", edit, "output_format", ("'png', 'jpeg'",), output_format="jpg")
    add("edit-aspect-v2-only", edit, "aspect_ratio", ("'21:9'", "for model 'nano-banana-edit'"), aspect_ratio="1:4")
    add("edit-model-t2i-model", edit, "model", ("'nano-banana-edit', 'nano-banana-2-lite'",), model="nano-banana")
    return cases


@pytest.mark.parametrize(("op", "kwargs", "field", "fragments"), _refused_cases())
def test_invalid_input_is_refused_before_any_request(client, http, op, kwargs, field, fragments):
    error = refuse(client, http, op, **kwargs)
    assert error.field == field
    message = str(error)
    assert field in message
    for fragment in fragments:
        assert fragment in message
    assert isinstance(error, ValueError)  # documented: ValidationError is also a ValueError


# Every parameter of the BASE_CALL calls is required by the docs.
REQUIRED = [pytest.param(op, name, id=f"{op}-{name}") for op in NANO_BANANA_OPERATIONS for name in BASE_CALL[op]]


@pytest.mark.parametrize(("op", "name"), REQUIRED)
def test_required_parameter_omitted_is_refused(client, http, op, name):
    kwargs = {k: v for k, v in BASE_CALL[op].items() if k != name}
    error = refuse(client, http, op, **kwargs)
    assert error.field == name
    assert name in str(error)


# A required parameter passed as None is refused too (it would otherwise be left off the wire).
@pytest.mark.parametrize(("op", "name"), REQUIRED)
def test_required_parameter_given_as_none_is_refused(client, http, op, name):
    error = refuse(client, http, op, **{**BASE_CALL[op], name: None})
    assert error.field == name


@pytest.mark.parametrize("op", NANO_BANANA_OPERATIONS)
def test_unknown_parameter_is_named_and_points_to_extra_body(client, http, op):
    error = refuse(client, http, op, **BASE_CALL[op], new_param=1)
    assert error.field == "new_param"
    assert "new_param" in str(error)
    assert "extra_body" in str(error)


@pytest.mark.parametrize("op", NANO_BANANA_OPERATIONS)
def test_positional_arguments_are_refused(client, http, op):
    error = refuse(client, http, op, dict(BASE_CALL[op]))
    assert "keyword" in str(error)


@pytest.mark.parametrize("op", NANO_BANANA_OPERATIONS)
def test_extra_body_adds_a_new_parameter(client, http, example, op):
    plain = op_resource(client, op)
    target = plain.with_options(extra_body={"new_param": 1})
    sent, _, _ = send(client, http, op, BASE_CALL[op], example, target)
    assert canonical(sent) == canonical({**BASE_CALL[op], "new_param": 1})

    # with_options returns a new resource: the plain one still sends only the parameters
    http.post(create_url(client, op), status=202, json=example(*ACCEPTED[op]))
    plain.create(**BASE_CALL[op])
    assert canonical(json.loads(http.calls[1].request.body)) == canonical(BASE_CALL[op])


@pytest.mark.parametrize("op", NANO_BANANA_OPERATIONS)
def test_extra_body_overrides_a_given_parameter(client, http, example, op):
    # extra_body is sent last: a key it shares with a declared parameter replaces that value
    name = next(iter(BASE_CALL[op]))
    given = BASE_CALL[op][name]
    newer = f"{given} (from extra_body)" if isinstance(given, str) else [given]
    target = op_resource(client, op).with_options(extra_body={name: newer})
    sent, _, _ = send(client, http, op, BASE_CALL[op], example, target)
    assert sent == {**BASE_CALL[op], name: newer}


# -- result models: typed fields, tolerance, malformed payloads


TYPED = [
    pytest.param(
        "nano_banana",
        "text_to_image_completed_quickstart",
        {"model": "nano-banana", "images.0.url": "https://file.runapi.ai/generated/image1.png"},
        id="nano-completed",
    ),
    pytest.param(
        "nano_banana",
        "text_to_image_accepted_quickstart",
        {"id": "281e5b0f...f39b9", "status": "processing", "images": [], "is_done": False},
        id="nano-accepted-id-only",
    ),
    pytest.param(
        "nano_banana",
        "text_to_image_callback_failed",
        {"error": "Generation failed due to content policy violation", "images": []},
        id="nano-callback-failed",
    ),
]


@pytest.mark.parametrize(("family", "name", "expected"), TYPED)
def test_typed_fields(family, name, expected):
    task = task_class_of(family, name).from_dict(load_example(family, name))
    for path, value in expected.items():
        got = pluck(task, path)
        assert got == value, f"{path}: {got!r} != {value!r}"
        assert type(got) is type(value), f"{path}: {type(got).__name__} instead of {type(value).__name__}"


NESTED_LISTS = [
    pytest.param("nano_banana", "text_to_image_completed_quickstart", "images", id="nano-images"),
]


@pytest.mark.parametrize(("family", "name", "key"), NESTED_LISTS)
def test_unknown_fields_are_tolerated_and_kept_in_raw(family, name, key):
    payload = load_example(family, name)
    cls = task_class_of(family, name)
    extended = {**payload, "new_field": 1, key: [{**item, "new_field": {"deep": [1, 2]}} for item in payload[key]]}

    task = cls.from_dict(extended)

    assert task == cls.from_dict(payload)  # the typed view is unchanged
    assert task.raw == extended
    assert task.raw["new_field"] == 1
    assert task.raw[key][0]["new_field"] == {"deep": [1, 2]}


MALFORMED = [
    pytest.param(ImageTask, {"status": "completed", "images": []}, id="image-no-id"),
]


@pytest.mark.parametrize(("cls", "payload"), MALFORMED)
def test_malformed_payload_raises_response_validation_error(cls, payload):
    with pytest.raises(runapi.APIResponseValidationError) as info:
        cls.from_dict(payload)
    assert info.value.body == payload


# -- create / get / wait / run over mocked HTTP


@pytest.mark.parametrize("op", NANO_BANANA_OPERATIONS)
@responses.activate
def test_create_returns_the_typed_new_task(client, op):
    cls, family, kwargs, (accepted_name, *_) = OP_FIXTURES[op]
    accepted = load_example(family, accepted_name)
    responses.post(client.base_url + op_path(op), status=202, json=accepted)

    task = op_resource(client, op).create(**kwargs)

    assert type(task) is cls
    assert task.id == accepted["id"]
    assert task.status == "processing"
    assert not task.is_done
    assert task.raw == accepted
    assert len(responses.calls) == 1
    assert responses.calls[0].request.method == "POST"
    assert json.loads(responses.calls[0].request.body) == kwargs


@pytest.mark.parametrize("op", NANO_BANANA_OPERATIONS)
@pytest.mark.parametrize("state", ["processing", "completed", "failed"])
@responses.activate
def test_get_fetches_the_task_by_id(client, op, state):
    cls = OP_FIXTURES[op][0]
    payload = payloads(op)[state]
    url = task_url(client, op, payload["id"])
    responses.get(url, json=payload)

    task = op_resource(client, op).get(payload["id"])

    assert type(task) is cls
    assert task == cls.from_dict(payload)
    assert task.status == state
    assert task.raw == payload
    assert len(responses.calls) == 1
    request = responses.calls[0].request
    assert request.method == "GET"
    assert request.url == url
    assert request.body is None
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"
    assert "Idempotency-Key" not in request.headers


@pytest.mark.parametrize("op", NANO_BANANA_OPERATIONS)
@ordered
def test_run_creates_then_polls_until_completed(client, fake_clock, op):
    cls, _, kwargs, _ = OP_FIXTURES[op]
    docs = payloads(op)
    url = task_url(client, op, docs["accepted"]["id"])
    responses.post(client.base_url + op_path(op), status=202, json=docs["accepted"])
    responses.get(url, json=docs["processing"])
    responses.get(url, json=docs["processing"])
    responses.get(url, json=docs["completed"])

    task = op_resource(client, op).run(**kwargs)

    assert type(task) is cls
    assert task == cls.from_dict(docs["completed"])
    assert task.is_completed
    assert task.raw == docs["completed"]
    calls = [(call.request.method, call.request.url) for call in responses.calls]
    assert calls == [("POST", client.base_url + op_path(op))] + [("GET", url)] * 3
    assert json.loads(responses.calls[0].request.body) == kwargs
    # polls shaped by the operation's expected duration: the first at its low end, then each
    # 1.25x later (so a finished task is noticed within 1.25x its run time); nothing slept for real
    low = op_resource(client, op)._operation.duration.low
    assert fake_clock.sleeps == pytest.approx([low, low * 0.25, low * 1.25 * 0.25])


@pytest.mark.parametrize("op", NANO_BANANA_OPERATIONS)
@ordered
def test_run_raises_task_failed_with_the_docs_reason(client, fake_clock, op):
    _, _, kwargs, _ = OP_FIXTURES[op]
    docs = payloads(op)
    url = task_url(client, op, docs["accepted"]["id"])
    responses.post(client.base_url + op_path(op), status=202, json=docs["accepted"])
    responses.get(url, json=docs["processing"])
    responses.get(url, json=docs["failed"])

    with pytest.raises(runapi.TaskFailedError) as info:
        op_resource(client, op).run(**kwargs)

    assert info.value.task_id == docs["failed"]["id"]
    assert info.value.error == docs["failed"]["error"]
    assert info.value.task.raw == docs["failed"]
    assert len(responses.calls) == 3
    low = op_resource(client, op)._operation.duration.low
    assert fake_clock.sleeps == pytest.approx([low, low * 0.25])
