"""Veo 3.1: request parameters, result models and create / get / wait / run of its three operations.

Every example body comes from the docs' curl examples (``tests/fixtures/veo_3_1``; that each goes on
the wire unchanged, and that every example structures into its task class, is checked for every
family in ``test_every_family.py``); every enum, range and conditional rule from the parameter
tables. Each test sends through the public API (``client.veo_3_1.<operation>``) with HTTP mocked by
``responses``; polling runs on the fake clock.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pytest
import responses

import runapi
from runapi.veo_3_1 import VideoTask
from tests.conftest import API_KEY
from tests.families.conftest import (
    ACCEPTED,
    BASE_CALL,
    DOG,
    FRAME,
    IMAGE,
    OMIT,
    OP_FIXTURES,
    OPERATIONS,
    REFS,
    SOURCE_TASK,
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

VEO_3_1_OPERATIONS = [op for op in OPERATIONS if op.startswith("veo_3_1.")]


# -- request parameters: bodies, the Idempotency-Key, None left off


@pytest.mark.parametrize("op", VEO_3_1_OPERATIONS)
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
        "veo_3_1.text_to_video",
        {
            "input_mode": None,
            "first_frame_image_url": None,
            "last_frame_image_url": None,
            "reference_image_urls": None,
            "aspect_ratio": None,
            "duration_seconds": None,
            "seeds": None,
            "enable_translation": None,
            "watermark": None,
            "callback_url": None,
        },
        id="veo_3_1.text_to_video",
    ),
    pytest.param(
        "veo_3_1.extend_video", {"seeds": None, "watermark": None, "callback_url": None}, id="veo_3_1.extend_video"
    ),
    pytest.param("veo_3_1.upscale_video", {"index": None, "callback_url": None}, id="veo_3_1.upscale_video"),
]


@pytest.mark.parametrize(("op", "nones"), OPTIONAL_NONE)
def test_none_optionals_are_left_off_the_wire(client, http, example, op, nones):
    sent, _, _ = send(client, http, op, {**BASE_CALL[op], **nones}, example)
    assert canonical(sent) == canonical(BASE_CALL[op])
    assert not set(nones) & set(sent)


KEPT = [
    # falsy or default-looking values are the caller's choice and must reach the server
    pytest.param(
        "veo_3_1.text_to_video", {"prompt": DOG, "model": "veo-3.1", "enable_translation": False}, id="translation-off"
    ),
    pytest.param(
        "veo_3_1.text_to_video",
        {"prompt": DOG, "model": "veo-3.1", "duration_seconds": 8, "aspect_ratio": "16:9", "input_mode": "text"},
        id="veo-defaults-spelled-out",
    ),
    pytest.param(
        "veo_3_1.upscale_video",
        {"source_task_id": SOURCE_TASK, "output_resolution": "4k", "index": 0},
        id="upscale-index-0",
    ),
]


@pytest.mark.parametrize(("op", "kwargs"), KEPT)
def test_given_values_are_all_sent(client, http, example, op, kwargs):
    sent, _, _ = send(client, http, op, dict(kwargs), example)
    assert canonical(sent) == canonical(kwargs)


def test_tuple_of_urls_is_sent_as_a_json_list(client, http, example):
    kwargs = {**BASE_CALL["veo_3_1.text_to_video"], "input_mode": "reference", "reference_image_urls": tuple(REFS)}
    sent, _, _ = send(client, http, "veo_3_1.text_to_video", kwargs, example)
    assert sent["reference_image_urls"] == REFS


def _accepted_cases() -> list[Any]:
    cases: list[Any] = []

    def add(case_id: str, op: str, **overrides: Any) -> None:
        cases.append(pytest.param(op, with_overrides(BASE_CALL[op], overrides), id=case_id))

    for model in ("veo-3.1", "veo-3.1-fast", "veo-3.1-lite"):  # -lite: newer source, the platform contract
        add(f"veo-model-{model}", "veo_3_1.text_to_video", model=model)
    # the contract's values for veo-3.1-lite: 16:9 and 9:16 (no auto), 4/6/8 seconds, every input mode
    for ratio in ("16:9", "9:16"):
        add(f"veo-lite-aspect-{ratio}", "veo_3_1.text_to_video", model="veo-3.1-lite", aspect_ratio=ratio)
    for seconds in (4, 6, 8):
        add(f"veo-lite-duration-{seconds}", "veo_3_1.text_to_video", model="veo-3.1-lite", duration_seconds=seconds)
    add("veo-lite-input-mode-text", "veo_3_1.text_to_video", model="veo-3.1-lite", input_mode="text")
    add(
        "veo-lite-frames",
        "veo_3_1.text_to_video",
        model="veo-3.1-lite",
        input_mode="first_and_last_frames",
        first_frame_image_url=FRAME,
    )
    for seconds in (4, 6, 8):
        add(f"veo-duration-{seconds}", "veo_3_1.text_to_video", duration_seconds=seconds)
    for ratio in ("16:9", "9:16", "auto"):
        add(f"veo-aspect-{ratio}", "veo_3_1.text_to_video", aspect_ratio=ratio)
    for seed in (10000, 99999):
        add(f"veo-seeds-{seed}", "veo_3_1.text_to_video", seeds=seed)
        add(f"extend-seeds-{seed}", "veo_3_1.extend_video", seeds=seed)
    add("veo-input_mode-text", "veo_3_1.text_to_video", input_mode="text", watermark="MyBrand")
    add(
        "veo-first-frame-only", "veo_3_1.text_to_video", input_mode="first_and_last_frames", first_frame_image_url=FRAME
    )
    add(
        "veo-first-and-last-frames",
        "veo_3_1.text_to_video",
        model="veo-3.1",
        input_mode="first_and_last_frames",
        first_frame_image_url=FRAME,
        last_frame_image_url=IMAGE,
        aspect_ratio="9:16",
    )
    for n in (1, 2, 3):
        add(f"veo-reference-{n}-images", "veo_3_1.text_to_video", input_mode="reference", reference_image_urls=REFS[:n])
    for res in ("1080p", "4k"):
        add(f"upscale-{res}", "veo_3_1.upscale_video", output_resolution=res)
    add("upscale-index-1", "veo_3_1.upscale_video", index=1)
    return cases


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

    t2v, ext, up = "veo_3_1.text_to_video", "veo_3_1.extend_video", "veo_3_1.upscale_video"
    add("veo-model-unknown", t2v, "model", ("'veo-3.1', 'veo-3.1-fast'",), model="veo-3")
    add("veo-model-missing", t2v, "model", ("missing required parameter",), model=OMIT)
    add("veo-prompt-missing", t2v, "prompt", ("missing required parameter",), prompt=OMIT)
    for value, label in ((5, "5"), (10, "10"), (8.0, "8.0"), ("8", "str-8"), (True, "True"), (0, "0")):
        add(f"veo-duration-{label}", t2v, "duration_seconds", ("one of 4, 6, 8",), duration_seconds=value)
    for value, label in ((9999, "9999"), (100000, "100000"), (12345.0, "float"), (True, "True"), ("12345", "str")):
        add(f"veo-seeds-{label}", t2v, "seeds", ("from 10000 to 99999",), seeds=value)
        add(f"extend-seeds-{label}", ext, "seeds", ("from 10000 to 99999",), seeds=value)
    for ratio in ("1:1", "4:3", "16:10"):
        add(f"veo-aspect-{ratio}", t2v, "aspect_ratio", ("'16:9', '9:16', 'auto'",), aspect_ratio=ratio)
    add(
        "veo-input_mode-unknown",
        t2v,
        "input_mode",
        ("'text', 'first_and_last_frames', 'reference'",),
        input_mode="image",
    )
    add("veo-enable_translation-string", t2v, "enable_translation", ("true or false",), enable_translation="true")
    add("veo-enable_translation-int", t2v, "enable_translation", ("true or false",), enable_translation=1)
    frames = "first_and_last_frames"
    add("veo-frames-needs-first-frame", t2v, "first_frame_image_url", ("required", frames), input_mode=frames)
    add(
        "veo-frames-last-without-first",
        t2v,
        "first_frame_image_url",
        ("required", frames),
        input_mode=frames,
        last_frame_image_url=IMAGE,
    )
    add("veo-first-frame-needs-mode", t2v, "first_frame_image_url", (frames,), first_frame_image_url=FRAME)
    add(
        "veo-last-frame-in-text-mode",
        t2v,
        "last_frame_image_url",
        (frames,),
        input_mode="text",
        last_frame_image_url=IMAGE,
    )
    add(
        "veo-first-frame-in-reference-mode",
        t2v,
        "first_frame_image_url",
        (frames,),
        input_mode="reference",
        reference_image_urls=REFS,
        first_frame_image_url=FRAME,
    )
    add("veo-reference-needs-images", t2v, "reference_image_urls", ("required", "reference"), input_mode="reference")
    add(
        "veo-reference-0-images", t2v, "reference_image_urls", ("1-3",), input_mode="reference", reference_image_urls=[]
    )
    add(
        "veo-reference-4-images",
        t2v,
        "reference_image_urls",
        ("1-3", "4 items"),
        input_mode="reference",
        reference_image_urls=[*REFS, FRAME],
    )
    add(
        "veo-reference-needs-fast",
        t2v,
        "model",
        ("veo-3.1-fast",),
        model="veo-3.1",
        input_mode="reference",
        reference_image_urls=REFS,
    )
    for ratio in ("9:16", "auto"):
        add(
            f"veo-reference-aspect-{ratio}",
            t2v,
            "aspect_ratio",
            ("16:9",),
            input_mode="reference",
            reference_image_urls=REFS,
            aspect_ratio=ratio,
        )
    add("veo-reference-images-need-mode", t2v, "reference_image_urls", ("reference",), reference_image_urls=REFS)
    add(  # newer source, the platform contract: veo-3.1-lite lists 16:9 and 9:16 only
        "veo-lite-aspect-auto",
        t2v,
        "aspect_ratio",
        ("'16:9', '9:16'", "for model 'veo-3.1-lite'"),
        model="veo-3.1-lite",
        aspect_ratio="auto",
    )
    add(
        "veo-reference-images-in-frames-mode",
        t2v,
        "reference_image_urls",
        ("reference",),
        input_mode=frames,
        first_frame_image_url=FRAME,
        reference_image_urls=REFS,
    )
    add("extend-source_task_id-missing", ext, "source_task_id", ("missing required parameter",), source_task_id=OMIT)
    add("extend-prompt-empty", ext, "prompt", ("non-blank",), prompt="")
    for res in ("720p", "4K", "2160p", "1080P"):
        add(f"upscale-resolution-{res}", up, "output_resolution", ("'1080p', '4k'",), output_resolution=res)
    add("upscale-resolution-missing", up, "output_resolution", ("missing required parameter",), output_resolution=OMIT)
    add("upscale-index-negative", up, "index", ("at least 0",), index=-1)
    add("upscale-index-bool", up, "index", ("an integer",), index=True)
    add("upscale-index-float", up, "index", ("an integer",), index=0.0)
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
REQUIRED = [pytest.param(op, name, id=f"{op}-{name}") for op in VEO_3_1_OPERATIONS for name in BASE_CALL[op]]


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


@pytest.mark.parametrize("op", VEO_3_1_OPERATIONS)
def test_unknown_parameter_is_named_and_points_to_extra_body(client, http, op):
    error = refuse(client, http, op, **BASE_CALL[op], new_param=1)
    assert error.field == "new_param"
    assert "new_param" in str(error)
    assert "extra_body" in str(error)


@pytest.mark.parametrize("op", VEO_3_1_OPERATIONS)
def test_positional_arguments_are_refused(client, http, op):
    error = refuse(client, http, op, dict(BASE_CALL[op]))
    assert "keyword" in str(error)


@pytest.mark.parametrize("op", VEO_3_1_OPERATIONS)
def test_extra_body_adds_a_new_parameter(client, http, example, op):
    plain = op_resource(client, op)
    target = plain.with_options(extra_body={"new_param": 1})
    sent, _, _ = send(client, http, op, BASE_CALL[op], example, target)
    assert canonical(sent) == canonical({**BASE_CALL[op], "new_param": 1})

    # with_options returns a new resource: the plain one still sends only the parameters
    http.post(create_url(client, op), status=202, json=example(*ACCEPTED[op]))
    plain.create(**BASE_CALL[op])
    assert canonical(json.loads(http.calls[1].request.body)) == canonical(BASE_CALL[op])


@pytest.mark.parametrize("op", VEO_3_1_OPERATIONS)
def test_extra_body_overrides_a_given_parameter(client, http, example, op):
    # extra_body is sent last: a key it shares with a declared parameter replaces that value
    name = next(iter(BASE_CALL[op]))
    given = BASE_CALL[op][name]
    newer = f"{given} (from extra_body)" if isinstance(given, str) else [given]
    target = op_resource(client, op).with_options(extra_body={name: newer})
    sent, _, _ = send(client, http, op, BASE_CALL[op], example, target)
    assert sent == {**BASE_CALL[op], name: newer}


def test_documented_parameter_of_another_endpoint_is_unknown(client, http):
    # extend_video has no model parameter in the docs (it extends the source task's video)
    error = refuse(client, http, "veo_3_1.extend_video", **BASE_CALL["veo_3_1.extend_video"], model="veo-3.1")
    assert error.field == "model"


def test_extra_body_may_carry_a_parameter_not_given(client, http, example):
    # the SDK passes extra_body through as-is, unchecked
    target = client.veo_3_1.upscale_video.with_options(
        extra_body={"callback_url": "https://your-domain.com/api/callback"}
    )
    sent, _, _ = send(client, http, "veo_3_1.upscale_video", BASE_CALL["veo_3_1.upscale_video"], example, target)
    assert sent == {**BASE_CALL["veo_3_1.upscale_video"], "callback_url": "https://your-domain.com/api/callback"}


# -- result models: typed fields, tolerance, malformed payloads


TYPED = [
    pytest.param(
        "veo_3_1",
        "text_to_video_completed",
        {
            "videos.0.url": "https://file.runapi.ai/videos/video1.mp4",
            "videos.0.resolution": "1080p",
            "videos.0.has_audio": True,
            "sources": [],
        },
        id="veo-completed",
    ),
    pytest.param(
        "veo_3_1",
        "text_to_video_callback_failed",
        {"error": "Your prompt was flagged as violating content policies.", "videos": []},
        id="veo-callback-failed",
    ),
    pytest.param(
        "veo_3_1",
        "extend_video_completed",
        {
            "videos.0.url": "https://file.runapi.ai/videos/extended_video1.mp4",
            "sources.0.url": "https://file.runapi.ai/videos/original_video1.mp4",
        },
        id="veo-extend-completed",
    ),
    pytest.param(
        "veo_3_1",
        "upscale_video_completed_4k",
        {
            "source_task_id": "550e8400-e29b-41d4-a716-446655440000",
            "videos.0.resolution": "4k",
            "videos.0.url": "https://tempfile.runapi.ai/example_4k.mp4",
            "videos.0.has_audio": None,  # upscale answers do not report it
        },
        id="veo-upscale-4k",
    ),
    pytest.param(
        "veo_3_1",
        "upscale_video_processing",
        {"source_task_id": "550e8400-e29b-41d4-a716-446655440000", "videos": [], "is_done": False},
        id="veo-upscale-processing",
    ),
    pytest.param(
        "veo_3_1",
        "upscale_video_failed_1080p",
        {"source_task_id": "550e8400-e29b-41d4-a716-446655440000", "error": "Video generation failed."},
        id="veo-upscale-failed",
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
    pytest.param("veo_3_1", "text_to_video_completed", "videos", id="veo-videos"),
    pytest.param("veo_3_1", "extend_video_completed", "sources", id="veo-sources"),
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


def test_unknown_status_is_passed_through():
    payload = {**load_example("veo_3_1", "text_to_video_processing"), "status": "queued"}
    task = VideoTask.from_dict(payload)
    assert task.status == "queued"
    assert not task.is_done
    assert not task.is_completed
    assert not task.is_failed


MALFORMED = [
    pytest.param(VideoTask, {"status": "completed", "videos": []}, id="video-no-id"),
    pytest.param(VideoTask, {"id": 550, "status": "completed"}, id="video-numeric-id"),
]


@pytest.mark.parametrize(("cls", "payload"), MALFORMED)
def test_malformed_payload_raises_response_validation_error(cls, payload):
    with pytest.raises(runapi.APIResponseValidationError) as info:
        cls.from_dict(payload)
    assert info.value.body == payload


def test_a_boolean_sent_as_a_string_is_read_as_meant_not_as_truthiness():
    payload = {"id": "v1", "status": "completed", "videos": [{"url": "u", "has_audio": "false"}]}
    assert VideoTask.from_dict(payload).videos[0].has_audio is False
    with pytest.raises(runapi.APIResponseValidationError):
        VideoTask.from_dict({"id": "v1", "status": "completed", "videos": [{"url": "u", "has_audio": "no"}]})


# -- create / get / wait / run over mocked HTTP


@pytest.mark.parametrize("op", VEO_3_1_OPERATIONS)
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


@pytest.mark.parametrize("op", VEO_3_1_OPERATIONS)
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


@responses.activate
def test_get_sends_the_id_as_one_path_segment(client):
    payload = load_example("veo_3_1", "text_to_video_completed")
    responses.get(f"{client.base_url}/api/v1/veo_3_1/text_to_video/a%2Fb%3Fc", json=payload)
    task = client.veo_3_1.text_to_video.get("a/b?c")
    assert task.videos[0].resolution == "1080p"
    assert len(responses.calls) == 1


@pytest.mark.parametrize("bad_id", ["", "   ", None, 123])
@responses.activate
def test_get_refuses_an_empty_task_id_without_a_request(client, bad_id):
    with pytest.raises(runapi.ValidationError) as info:
        client.veo_3_1.text_to_video.get(bad_id)
    assert info.value.field == "task_id"
    assert len(responses.calls) == 0


@pytest.mark.parametrize("op", VEO_3_1_OPERATIONS)
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


@pytest.mark.parametrize("op", VEO_3_1_OPERATIONS)
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


@ordered
def test_wait_keeps_polling_through_an_unknown_status(client):
    docs = payloads("veo_3_1.text_to_video")
    task_id = docs["completed"]["id"]
    url = f"{client.base_url}/api/v1/veo_3_1/text_to_video/{task_id}"
    responses.get(url, json={**docs["processing"], "status": "queued"})
    responses.get(url, json=docs["completed"])

    task = client.veo_3_1.text_to_video.wait(task_id)

    assert task.videos[0].has_audio is True
    assert len(responses.calls) == 2


@responses.activate
def test_wait_gives_up_at_its_deadline_on_the_fake_clock(client, fake_clock):
    docs = payloads("veo_3_1.upscale_video")
    task_id = docs["completed"]["id"]
    responses.get(f"{client.base_url}/api/v1/veo_3_1/upscale_video/{task_id}", json=docs["processing"])

    with pytest.raises(runapi.TaskTimeoutError) as info:
        client.veo_3_1.upscale_video.wait(task_id, timeout=10, poll_interval=2, max_poll_interval=4)

    assert info.value.task_id == task_id
    assert info.value.last_status == "processing"
    assert sum(fake_clock.sleeps) == 10  # waited exactly up to the deadline, on the fake clock
    assert max(fake_clock.sleeps) <= 4
    assert len(responses.calls) == len(fake_clock.sleeps) + 1
