"""Kling (``client.kling``), checked against the docs' Kling section (``tests/fixtures/kling``).

The generic contract checks live in ``test_every_family.py``: the 8 documented method+path pairs
(4 creates, 4 status GETs), every documented request body (kling-3.0 single-shot, multi-shot and
element references, the V2.1 and V2.5 text-to-video and image-to-video examples, AI Avatar, Motion
Control) sent unchanged, every documented answer (202, status, callback; completed and failed)
fitting :class:`VideoTask` exactly, and run/failed/get on each status path. This file keeps what is
particular to Kling:

- every operation has its examples (the five text-to-video bodies, the three image-to-video ones);
- shots and elements as objects or mappings; typed reads of the answers;
- every enum, range, length, per-model and multi-shot rule: documented values are sent unchanged,
  a bad call is refused before any request, naming the field (``multi_prompt[1].duration_seconds``
  for a shot) and what is allowed.

The docs print no processing status: the 202 answer (``{"id", "status": "processing"}``) stands in.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import cattrs
import pytest

import runapi
from runapi.kling import (
    ASPECT_RATIOS,
    AVATAR_MODELS,
    EDIT_VIDEO_MODELS,
    EXTEND_VIDEO_MODELS,
    IMAGE_TO_VIDEO_MODELS,
    IMAGE_TO_VIDEO_RULES,
    MODELS,
    MOTION_CONTROL_MODELS,
    MOTION_CONTROL_RULES,
    SHOT_RULES,
    TEXT_TO_VIDEO_MODELS,
    TEXT_TO_VIDEO_RULES,
    KlingElement,
    Shot,
    TextToVideoParams,
    Video,
    VideoTask,
)
from tests.families.contract import strict_converter

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "kling"
BASE = "/api/v1/kling"
DOCUMENTED_OPS = ("text_to_video", "image_to_video", "ai_avatar", "motion_control")
NEWER_OPS = ("extend_video", "edit_video")  # runapi-kling 0.5.1: a request example each, answers as text_to_video's
OPS = (*DOCUMENTED_OPS, *NEWER_OPS)

# docs: Kling > Model Variants, written out
DOCUMENTED_MODELS = {
    "kling-3.0",
    "kling-ai-avatar-pro",
    "kling-ai-avatar-standard",
    "kling-ai-avatar-v1-pro",
    "kling-v1-avatar-standard",
    "kling-v2.1-pro",
    "kling-v2.1-standard",
    "kling-v2.1-master-text-to-video",
    "kling-v2.1-master-image-to-video",
    "kling-v2.5-turbo-text-to-video-pro",
    "kling-v2.5-turbo-image-to-video-pro",
}
# newer source: the platform contract (tests/contract/platform-contract.json) and runapi-kling 0.5.1's repository
NEWER_MODELS = {
    "kling-o1",
    "kling-v2.6",
    "kling-v3-omni",
    "kling-v3-omni-reference",
    "kling-v3-turbo-text-to-video",
    "kling-v3-turbo-image-to-video",
    "kling-v3-omni-edit",
}

# what each operation's completed example holds, as a user reads it
COMPLETED_URL = {
    "text_to_video": "https://tempfile.runapi.ai/generated-video.mp4",
    "image_to_video": "https://tempfile.runapi.ai/turbo-video.mp4",
    "ai_avatar": "https://tempfile.runapi.ai/avatar-video.mp4",
    "motion_control": "https://tempfile.runapi.ai/motion-control-video.mp4",
}

KINDS = ("callback_completed", "callback_failed", "request", "accepted", "completed", "failed")


def split(stem: str) -> tuple[str, str, str]:
    """``"text_to_video_request_multi_shot"`` -> ``("text_to_video", "request", "_multi_shot")``."""
    op = next((name for name in OPS if stem.startswith(name + "_")), None)
    assert op is not None, f"fixture {stem} names no Kling operation"
    rest = stem[len(op) + 1 :]
    kind = next((k for k in KINDS if rest == k or rest.startswith(k + "_")), None)
    assert kind is not None, f"fixture {stem}: unknown kind {rest!r}"
    return op, kind, rest[len(kind) :]


def load(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


STEMS = sorted(path.stem for path in FIXTURES.glob("*.json"))
REQUESTS = [stem for stem in STEMS if split(stem)[1] == "request"]


def canonical(value: Any) -> str:
    """JSON text with sorted keys: equal only if values and JSON types are equal (5 != 5.0)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def url(client: runapi.Client, op: str, task_id: str | None = None) -> str:
    path = f"{client.base_url}{BASE}/{op}"
    return path if task_id is None else f"{path}/{task_id}"


# -- the family's surface -------------------------------------------------------------------


def test_every_fixture_belongs_to_an_operation_and_every_operation_has_its_examples():
    seen: dict[str, set[str]] = {op: set() for op in OPS}
    for stem in STEMS:
        op, kind, _ = split(stem)  # fails on a fixture no operation claims
        seen[op].add(kind)
    for op in DOCUMENTED_OPS:
        assert seen[op] == set(KINDS), op
    for op in NEWER_OPS:
        assert seen[op] == {"request"}, op
    # the five text_to_video bodies of the docs: single-shot, multi-shot, elements, V2.1 Master, V2.5 Turbo
    assert len([s for s in REQUESTS if s.startswith("text_to_video_")]) == 5
    assert len([s for s in REQUESTS if s.startswith("image_to_video_")]) == 3


def test_create_shows_the_real_parameters(client):
    signature = inspect.signature(client.kling.text_to_video.create)
    assert next(iter(signature.parameters)) == "model"
    assert signature.parameters["multi_prompt"].default is None
    assert {"kling_elements", "negative_prompt", "cfg_scale", "callback_url"} <= set(signature.parameters)
    avatar = inspect.signature(client.kling.ai_avatar.run)
    assert list(avatar.parameters)[:4] == ["model", "source_image_url", "source_audio_url", "prompt"]
    motion = inspect.signature(client.kling.motion_control.create)
    assert motion.parameters["prompt"].default is None


# -- the models: every table entry is a documented model, and the other way round ----------------


def test_every_model_in_the_rules_tables_is_in_models_and_vice_versa():
    assert set(TEXT_TO_VIDEO_RULES.table) == set(TEXT_TO_VIDEO_MODELS)
    assert set(IMAGE_TO_VIDEO_RULES.table) == set(IMAGE_TO_VIDEO_MODELS)
    assert set(MOTION_CONTROL_RULES.table) == set(MOTION_CONTROL_MODELS)
    endpoint_models = {
        *TEXT_TO_VIDEO_MODELS,
        *IMAGE_TO_VIDEO_MODELS,
        *AVATAR_MODELS,
        *MOTION_CONTROL_MODELS,
        *EXTEND_VIDEO_MODELS,
        *EDIT_VIDEO_MODELS,
    }
    assert endpoint_models == set(MODELS) == DOCUMENTED_MODELS | NEWER_MODELS
    assert len(MODELS) == len(DOCUMENTED_MODELS | NEWER_MODELS)  # no duplicates
    assert set(SHOT_RULES.table) == {True}
    assert MOTION_CONTROL_MODELS == ("kling-3.0", "kling-v2.6")
    assert EDIT_VIDEO_MODELS == ("kling-v3-omni-edit", "kling-v3-omni-reference")
    assert ASPECT_RATIOS == ("16:9", "9:16", "1:1")


# -- (1) shots and elements: objects or mappings -------------------------------------------------


def test_shots_and_elements_may_be_objects_and_are_sent_as_json_objects(client, http):
    multi = load("text_to_video_request_multi_shot")
    elements = load("text_to_video_request_elements")
    http.post(url(client, "text_to_video"), status=202, json=load("text_to_video_accepted"))

    client.kling.text_to_video.create(**{**multi, "multi_prompt": [Shot(**shot) for shot in multi["multi_prompt"]]})
    client.kling.text_to_video.create(
        **{**elements, "kling_elements": [KlingElement(**item) for item in elements["kling_elements"]]}
    )

    assert canonical(json.loads(http.calls[0].request.body)) == canonical(multi)
    assert canonical(json.loads(http.calls[1].request.body)) == canonical(elements)


def test_mappings_become_shot_and_element_objects():
    params = TextToVideoParams(**load("text_to_video_request_multi_shot"))
    assert params.multi_prompt is not None
    assert [type(shot) for shot in params.multi_prompt] == [Shot, Shot, Shot]
    assert [shot.duration_seconds for shot in params.multi_prompt] == [4, 5, 3]
    elements = TextToVideoParams(**load("text_to_video_request_elements")).kling_elements
    assert elements is not None
    assert [(type(e), e.name) for e in elements] == [(KlingElement, "alice"), (KlingElement, "bob")]


# -- (2) the documented answers, as a user reads them ---------------------------------------


def test_the_strict_check_catches_an_undocumented_key():
    # what makes the contract checks (test_every_family.py) meaningful: unknown keys are refused, at the top and nested
    payload = load("text_to_video_completed")
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "model": "kling-3.0"}, VideoTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "videos": [{"url": "u", "duration": 8}]}, VideoTask)
    # while the SDK itself keeps such keys on raw instead of refusing the answer
    task = VideoTask.from_dict({**payload, "videos": [{"url": "u", "duration": 8}]})
    assert task.raw["videos"][0]["duration"] == 8
    assert task.output_urls == ["u"]


@pytest.mark.parametrize("op", DOCUMENTED_OPS)
@pytest.mark.parametrize("kind", ["completed", "callback_completed"])
def test_completed_answer_reads_as_typed_videos(op, kind):
    task = VideoTask.from_dict(load(f"{op}_{kind}"))

    assert task.is_completed
    assert task.error is None
    assert all(type(video) is Video for video in task.videos)
    assert task.output_urls == [COMPLETED_URL[op]]


@pytest.mark.parametrize("op", DOCUMENTED_OPS)
@pytest.mark.parametrize("kind", ["accepted", "failed", "callback_failed"])
def test_unfinished_or_failed_tasks_have_no_output_urls(op, kind):
    task = VideoTask.from_dict(load(f"{op}_{kind}"))
    assert task.videos == []
    assert task.output_urls == []


# -- (3) accepted values: documented enum values and range bounds ---------------------------

SINGLE = "text_to_video_request_single_shot"
MULTI = "text_to_video_request_multi_shot"
ELEMENTS = "text_to_video_request_elements"
V21_MASTER = "text_to_video_request_v2_1_master"
V25_TURBO = "text_to_video_request_v2_5_turbo"
I2V_PRO = "image_to_video_request_v2_1_pro"
I2V_MASTER = "image_to_video_request_v2_1_master"
I2V_TURBO = "image_to_video_request_v2_5_turbo"
IMAGE = "https://cdn.runapi.ai/public/samples/portrait.jpg"
IMAGES = [IMAGE, "https://cdn.runapi.ai/public/samples/portrait-2.jpg"]
VIDEO = "https://cdn.runapi.ai/public/samples/video.mp4"
FRAME = "https://cdn.runapi.ai/public/samples/first-frame.jpg"
LAST = "https://cdn.runapi.ai/public/samples/last-frame.jpg"


def shots(*durations: Any) -> list[dict[str, Any]]:
    return [{"prompt": f"Shot {i + 1}", "duration_seconds": d} for i, d in enumerate(durations)]


def element(**overrides: Any) -> dict[str, Any]:
    return {"name": "alice", "description": "A young woman in a red jacket", "element_input_urls": IMAGES, **overrides}


def _accepted_cases() -> list[Any]:
    cases: list[Any] = []

    def add(case_id: str, base: str, omit: tuple[str, ...] = (), **overrides: Any) -> None:
        kwargs = {**load(base), **overrides}
        kwargs = {k: v for k, v in kwargs.items() if k not in omit}
        cases.append(pytest.param(split(base)[0], kwargs, id=case_id))

    # kling-3.0 single-shot
    for seconds in (3, 15):
        add(f"v3-duration-{seconds}", SINGLE, duration_seconds=seconds)
    for ratio in ("16:9", "9:16", "1:1"):
        add(f"v3-aspect-{ratio}", SINGLE, aspect_ratio=ratio)
    for resolution in ("720p", "1080p", "4k"):
        add(f"v3-resolution-{resolution}", SINGLE, output_resolution=resolution)
    add("v3-minimal", SINGLE, omit=("duration_seconds", "output_resolution", "callback_url"))
    add("v3-first-frame-adapts-aspect", SINGLE, omit=("aspect_ratio",), first_frame_image_url=FRAME)
    add("v3-first-and-last-frames", SINGLE, first_frame_image_url=FRAME, last_frame_image_url=LAST)
    add("v3-single-shot-explicit", SINGLE, multi_shots=False, enable_sound=False)
    add("v3-sound", SINGLE, enable_sound=True)
    add("v3-long-prompt", SINGLE, prompt="p" * 10_000)  # no documented limit for kling-3.0
    # kling-3.0 multi-shot
    add("multi-total-3", MULTI, multi_prompt=shots(1, 2))
    add("multi-total-15", MULTI, multi_prompt=shots(12, 3))
    add("multi-one-shot", MULTI, multi_prompt=shots(5))
    add("multi-shot-bounds", MULTI, multi_prompt=shots(1, 12))
    add("multi-shot-prompt-500", MULTI, multi_prompt=[{"prompt": "s" * 500, "duration_seconds": 4}])
    add("multi-duration-equals-total", MULTI, duration_seconds=12)
    add("multi-first-frame", MULTI, first_frame_image_url=FRAME)
    add("multi-with-elements", MULTI, kling_elements=[element()], callback_url="https://your-domain.com/api/callback")
    # elements
    add("elements-4-images", ELEMENTS, kling_elements=[element(element_input_urls=[IMAGE] * 4)])
    add("elements-video", ELEMENTS, kling_elements=[element(element_input_urls=None, element_input_video_urls=[VIDEO])])
    add("elements-images-and-video", ELEMENTS, kling_elements=[element(element_input_video_urls=[VIDEO])])
    add("elements-description-only", ELEMENTS, kling_elements=[{"name": "bob", "description": "A tall man"}])
    add("elements-with-aspect", ELEMENTS, aspect_ratio="9:16")  # the docs' example sends none: optional here
    add("multi-elements-no-aspect", MULTI, omit=("aspect_ratio",), kling_elements=[element()])
    # V2.x text-to-video
    add("v21-master-duration-10", V21_MASTER, duration_seconds=10)
    add("v21-master-prompt-5000", V21_MASTER, prompt="p" * 5_000, negative_prompt="n" * 500)
    add("v21-master-cfg-0", V21_MASTER, cfg_scale=0, aspect_ratio="9:16")
    add("v21-master-cfg-1", V21_MASTER, cfg_scale=1.0, aspect_ratio="1:1")
    add("v21-master-minimal", V21_MASTER, omit=("duration_seconds", "aspect_ratio", "negative_prompt", "cfg_scale"))
    add("v25-turbo-limits", V25_TURBO, prompt="p" * 2_500, negative_prompt="n" * 2_500, duration_seconds=10)
    # image-to-video
    for model in ("kling-v2.1-pro", "kling-v2.1-standard", "kling-v2.1-master-image-to-video",
                  "kling-v2.5-turbo-image-to-video-pro"):  # fmt: skip
        add(f"i2v-model-{model}", I2V_MASTER, model=model)
    add("i2v-pro-last-frame", I2V_PRO)
    add("i2v-turbo-last-frame", I2V_TURBO, last_frame_image_url=LAST)
    add("i2v-standard-prompt-5000", I2V_MASTER, model="kling-v2.1-standard", prompt="p" * 5_000)
    add("i2v-turbo-prompt-2500", I2V_TURBO, prompt="p" * 2_500, negative_prompt="n" * 500)
    add("i2v-duration-10", I2V_TURBO, duration_seconds=10, aspect_ratio="1:1", cfg_scale=1)
    add("i2v-minimal", I2V_MASTER, omit=("duration_seconds", "cfg_scale", "callback_url"))
    # AI avatar
    for model in AVATAR_MODELS:
        add(f"avatar-model-{model}", "ai_avatar_request", model=model)
    add("avatar-prompt-5000", "ai_avatar_request", prompt="p" * 5_000, omit=("callback_url",))
    add("avatar-prompt-empty", "ai_avatar_request", prompt="")  # "Required ... Can be empty"
    # motion control
    add("motion-minimal", "motion_control_request",
        omit=("prompt", "output_resolution", "character_orientation", "background_source", "callback_url"))  # fmt: skip
    add("motion-720p-image", "motion_control_request", output_resolution="720p", character_orientation="image",
        background_source="image", prompt="p" * 2_500)  # fmt: skip
    return cases


@pytest.mark.parametrize(("op", "kwargs"), _accepted_cases())
def test_documented_values_are_accepted_and_sent_unchanged(client, http, op, kwargs):
    http.post(url(client, op), status=202, json=load(f"{op}_accepted"))

    getattr(client.kling, op).create(**kwargs)

    sent = json.loads(http.calls[0].request.body)
    expected = {k: v for k, v in kwargs.items() if v is not None}
    if "kling_elements" in expected:  # an element's None lists are left off the wire too
        expected["kling_elements"] = [{k: v for k, v in e.items() if v is not None} for e in expected["kling_elements"]]
    assert canonical(sent) == canonical(expected)  # nothing added (no guessed defaults)


# -- (4) refused before any request, naming the field and what is allowed ----------------------


def _refused_cases() -> list[Any]:
    cases: list[Any] = []

    def add(
        case_id: str, base: str, field: str, fragments: tuple[str, ...], omit: tuple[str, ...] = (), **overrides: Any
    ) -> None:
        kwargs = {**load(base), **overrides}
        kwargs = {k: v for k, v in kwargs.items() if k not in omit}
        cases.append(pytest.param(split(base)[0], kwargs, field, fragments, id=case_id))

    t2v_models = ", ".join(repr(model) for model in TEXT_TO_VIDEO_MODELS)
    ratios = "'16:9', '9:16', '1:1'"
    # kling-3.0 single-shot: enums, ranges, types
    add("t2v-model-unknown", SINGLE, "model", (t2v_models,), model="kling-2.6")
    add("t2v-model-of-image_to_video", SINGLE, "model", (t2v_models,), model="kling-v2.1-pro")
    add("t2v-model-of-avatar", SINGLE, "model", (t2v_models,), model="kling-ai-avatar-pro")
    add("v3-aspect-4:3", SINGLE, "aspect_ratio", (ratios,), aspect_ratio="4:3")
    add("v3-resolution-2k", SINGLE, "output_resolution", ("'720p', '1080p', '4k'",), output_resolution="2k")
    add("v3-duration-2", SINGLE, "duration_seconds", ("from 3 to 15", "'kling-3.0'"), duration_seconds=2)
    add("v3-duration-16", SINGLE, "duration_seconds", ("from 3 to 15", "got 16"), duration_seconds=16)
    add("v3-duration-float", SINGLE, "duration_seconds", ("an integer",), duration_seconds=8.5)
    add("v3-duration-string", SINGLE, "duration_seconds", ("an integer",), duration_seconds="8")
    add("v3-needs-prompt", SINGLE, "prompt", ("required", "single-shot"), omit=("prompt",))
    add("v3-needs-aspect_ratio", SINGLE, "aspect_ratio",
        ("aspect_ratio is required", "without first_frame_image_url or kling_elements"),
        omit=("aspect_ratio",))  # fmt: skip
    add("v3-empty-elements-need-aspect_ratio", SINGLE, "aspect_ratio", ("aspect_ratio is required",),
        omit=("aspect_ratio",), kling_elements=[])  # fmt: skip
    add("multi-needs-aspect_ratio", MULTI, "aspect_ratio", ("aspect_ratio is required",), omit=("aspect_ratio",))
    add("v3-prompt-blank", SINGLE, "prompt", ("a non-blank string",), prompt="  ")
    add("v3-sound-string", SINGLE, "enable_sound", ("true or false",), enable_sound="true")
    add("v3-multi_shots-int", SINGLE, "multi_shots", ("true or false",), multi_shots=1)
    add("v3-first-frame-not-url", SINGLE, "first_frame_image_url", ("absolute http(s) URL",),
        first_frame_image_url="first-frame.jpg")  # fmt: skip
    add("v3-last-frame-not-url", SINGLE, "last_frame_image_url", ("absolute http(s) URL",),
        last_frame_image_url="ftp://cdn/last.jpg")  # fmt: skip
    add("v3-callback-not-url", SINGLE, "callback_url", ("absolute http(s) URL",), callback_url="your-domain.com/cb")
    add("v3-refuses-negative_prompt", SINGLE, "negative_prompt",
        ("not accepted for model 'kling-3.0'", "only for 'kling-v2.1-master-text-to-video'"),
        negative_prompt="blur")  # fmt: skip
    add("v3-refuses-cfg_scale", SINGLE, "cfg_scale", ("not accepted for model 'kling-3.0'",), cfg_scale=0.5)
    add("v3-unknown-param", SINGLE, "seed", ("unknown parameter 'seed'",), seed=1)
    add("v3-refuses-mode", SINGLE, "mode", ("not accepted for model 'kling-3.0'", "only for 'kling-o1', 'kling-v2.6'"),
        mode="pro")  # fmt: skip
    add("single-refuses-multi_prompt", SINGLE, "multi_prompt", ("only used when multi_shots is true",),
        multi_prompt=shots(4, 4))  # fmt: skip
    add("single-false-refuses-multi_prompt", SINGLE, "multi_prompt", ("only used when multi_shots is true",),
        multi_shots=False, multi_prompt=shots(4, 4))  # fmt: skip
    # kling-3.0 multi-shot: required and refused fields, the shots, their total
    add("multi-needs-multi_prompt", MULTI, "multi_prompt", ("required for multi_shots True",), omit=("multi_prompt",))
    add("multi-needs-enable_sound", MULTI, "enable_sound", ("required for multi_shots True",), omit=("enable_sound",))
    add(
        "multi-sound-false", MULTI, "enable_sound", ("one of True", "got False", "multi_shots True"), enable_sound=False
    )
    add("multi-refuses-prompt", MULTI, "prompt", ("not accepted for multi_shots True",), prompt="A moon landing")
    add("multi-refuses-last-frame", MULTI, "last_frame_image_url", ("not accepted for multi_shots True",),
        last_frame_image_url=LAST)  # fmt: skip
    add("multi-total-16", MULTI, "multi_prompt", ("total 3-15 seconds", "got 16 seconds over 2 shots"),
        multi_prompt=shots(12, 4))  # fmt: skip
    add("multi-total-2", MULTI, "multi_prompt", ("total 3-15 seconds", "got 2 seconds over 2 shots"),
        multi_prompt=shots(1, 1))  # fmt: skip
    add("multi-no-shots", MULTI, "multi_prompt", ("total 3-15 seconds", "got 0 seconds over 0 shots"), multi_prompt=[])
    add("multi-duration-not-total", MULTI, "duration_seconds", ("must equal", "(12)", "got 10"), duration_seconds=10)
    add("multi-duration-out-of-range", MULTI, "duration_seconds", ("from 3 to 15",), duration_seconds=20)
    add("multi-prompt-a-string", MULTI, "multi_prompt", ("a list of Shot objects",), multi_prompt="Shot 1")
    add("shot-duration-0", MULTI, "multi_prompt[1].duration_seconds", ("an integer from 1 to 12", "got 0"),
        multi_prompt=shots(4, 0, 3))  # fmt: skip
    add("shot-duration-13", MULTI, "multi_prompt[0].duration_seconds", ("an integer from 1 to 12", "got 13"),
        multi_prompt=shots(13, 1))  # fmt: skip
    add("shot-duration-float", MULTI, "multi_prompt[2].duration_seconds", ("an integer from 1 to 12",),
        multi_prompt=shots(4, 5, 3.5))  # fmt: skip
    add("shot-prompt-501", MULTI, "multi_prompt[0].prompt", ("1-500 characters", "got 501"),
        multi_prompt=[{"prompt": "s" * 501, "duration_seconds": 4}])  # fmt: skip
    add("shot-needs-duration", MULTI, "multi_prompt[1].duration_seconds", ("missing required parameter",),
        multi_prompt=[*shots(4), {"prompt": "Shot 2"}])  # fmt: skip
    add("shot-needs-prompt", MULTI, "multi_prompt[0].prompt", ("missing required parameter",),
        multi_prompt=[{"duration_seconds": 4}])  # fmt: skip
    add("shot-unknown-key", MULTI, "multi_prompt[0].duration", ("unknown parameter 'duration'",),
        multi_prompt=[{"prompt": "Shot 1", "duration": 4}])  # fmt: skip
    # elements
    add("element-1-image", ELEMENTS, "kling_elements[0].element_input_urls", ("2-4 absolute http(s) URLs",),
        kling_elements=[element(element_input_urls=[IMAGE])])  # fmt: skip
    add("element-5-images", ELEMENTS, "kling_elements[0].element_input_urls", ("2-4 absolute http(s) URLs",),
        kling_elements=[element(element_input_urls=[IMAGE] * 5)])  # fmt: skip
    add("element-image-not-url", ELEMENTS, "kling_elements[1].element_input_urls[1]", ("absolute http(s) URL",),
        kling_elements=[element(), element(name="bob", element_input_urls=[IMAGE, "portrait.jpg"])])  # fmt: skip
    add("element-2-videos", ELEMENTS, "kling_elements[0].element_input_video_urls", ("exactly 1 absolute",),
        kling_elements=[element(element_input_video_urls=[VIDEO, VIDEO])])  # fmt: skip
    add("element-0-videos", ELEMENTS, "kling_elements[0].element_input_video_urls", ("exactly 1 absolute",),
        kling_elements=[element(element_input_video_urls=[])])  # fmt: skip
    add("element-video-a-string", ELEMENTS, "kling_elements[0].element_input_video_urls", ("exactly 1 absolute",),
        kling_elements=[element(element_input_video_urls=VIDEO)])  # fmt: skip
    add("element-needs-name", ELEMENTS, "kling_elements[0].name", ("missing required parameter 'name'",),
        kling_elements=[{"description": "A tall man", "element_input_urls": IMAGES}])  # fmt: skip
    add("element-needs-description", ELEMENTS, "kling_elements[1].description", ("missing required parameter",),
        kling_elements=[element(), {"name": "bob"}])  # fmt: skip
    add("element-unknown-key", ELEMENTS, "kling_elements[0].image_urls", ("unknown parameter 'image_urls'",),
        kling_elements=[{**element(), "image_urls": IMAGES}])  # fmt: skip
    add("elements-not-a-list", ELEMENTS, "kling_elements", ("a list of KlingElement objects",),
        kling_elements=element())  # fmt: skip
    # V2.x text-to-video: each model's limits, and kling-3.0's fields refused
    master, turbo = "'kling-v2.1-master-text-to-video'", "'kling-v2.5-turbo-text-to-video-pro'"
    add("v21-needs-prompt", V21_MASTER, "prompt", ("required for model " + master,), omit=("prompt",))
    add("v21-prompt-5001", V21_MASTER, "prompt", ("1-5000 characters", "got 5001", master), prompt="p" * 5_001)
    add("v21-negative-501", V21_MASTER, "negative_prompt", ("1-500 characters", master), negative_prompt="n" * 501)
    add("v21-duration-8", V21_MASTER, "duration_seconds", ("one of 5, 10", "got 8", master), duration_seconds=8)
    add("v21-cfg-1.5", V21_MASTER, "cfg_scale", ("a number from 0 to 1",), cfg_scale=1.5)
    add("v21-cfg-negative", V21_MASTER, "cfg_scale", ("a number from 0 to 1",), cfg_scale=-0.1)
    add("v21-aspect-21:9", V21_MASTER, "aspect_ratio", (ratios,), aspect_ratio="21:9")
    for name, value in (
        ("enable_sound", True),
        ("output_resolution", "1080p"),
        ("multi_shots", True),
        ("multi_prompt", shots(5)),
        ("first_frame_image_url", FRAME),
        ("last_frame_image_url", LAST),
        ("kling_elements", [element()]),
    ):
        add(f"v21-refuses-{name}", V21_MASTER, name, (f"not accepted for model {master}", "only for 'kling-3.0'"),
            **{name: value})  # fmt: skip
        add(f"v25-refuses-{name}", V25_TURBO, name, (f"not accepted for model {turbo}",), **{name: value})
    add("v25-prompt-2501", V25_TURBO, "prompt", ("1-2500 characters", turbo), prompt="p" * 2_501)
    add("v25-negative-2501", V25_TURBO, "negative_prompt", ("1-2500 characters", turbo), negative_prompt="n" * 2_501)
    add("v25-duration-15", V25_TURBO, "duration_seconds", ("one of 5, 10",), duration_seconds=15)
    # image-to-video
    i2v_models = "'kling-v2.1-pro', 'kling-v2.1-standard', 'kling-v2.1-master-image-to-video'"
    add("i2v-model-kling-3.0", I2V_PRO, "model", (i2v_models,), model="kling-3.0")
    add("i2v-model-of-t2v", I2V_TURBO, "model", (i2v_models,), model="kling-v2.5-turbo-text-to-video-pro")
    add("i2v-needs-prompt", I2V_PRO, "prompt", ("missing required parameter 'prompt'",), omit=("prompt",))
    add("i2v-needs-first-frame", I2V_PRO, "first_frame_image_url", ("missing required parameter",),
        omit=("first_frame_image_url",))  # fmt: skip
    add("i2v-first-frame-not-url", I2V_MASTER, "first_frame_image_url", ("absolute http(s) URL",),
        first_frame_image_url="image-to-video.jpg")  # fmt: skip
    for model in ("kling-v2.1-standard", "kling-v2.1-master-image-to-video"):
        add(f"i2v-{model}-refuses-last-frame", I2V_PRO, "last_frame_image_url",
            (f"not accepted for model '{model}'", "'kling-v2.1-pro', 'kling-v2.5-turbo-image-to-video-pro'"),
            model=model)  # fmt: skip
    add("i2v-v21-prompt-5001", I2V_PRO, "prompt", ("1-5000 characters", "'kling-v2.1-pro'"), prompt="p" * 5_001)
    add("i2v-v25-prompt-2501", I2V_TURBO, "prompt", ("1-2500 characters", "got 2501"), prompt="p" * 2_501)
    add("i2v-negative-501", I2V_TURBO, "negative_prompt", ("1-500 characters",), negative_prompt="n" * 501)
    add("i2v-duration-8", I2V_MASTER, "duration_seconds", ("one of 5, 10", "got 8"), duration_seconds=8)
    add("i2v-duration-float", I2V_MASTER, "duration_seconds", ("an integer",), duration_seconds=5.0)
    add("i2v-aspect-4:3", I2V_TURBO, "aspect_ratio", (ratios,), aspect_ratio="4:3")
    add("i2v-cfg-2", I2V_TURBO, "cfg_scale", ("a number from 0 to 1",), cfg_scale=2)
    add("i2v-v25-refuses-enable_sound", I2V_TURBO, "enable_sound", ("not accepted for model",), enable_sound=True)
    # AI avatar
    avatar = "ai_avatar_request"
    add("avatar-model-kling-3.0", avatar, "model", ("'kling-ai-avatar-pro'", "'kling-v1-avatar-standard'"),
        model="kling-3.0")  # fmt: skip
    add("avatar-needs-image", avatar, "source_image_url", ("missing required parameter",), omit=("source_image_url",))
    add("avatar-needs-audio", avatar, "source_audio_url", ("missing required parameter",), omit=("source_audio_url",))
    add("avatar-audio-not-url", avatar, "source_audio_url", ("absolute http(s) URL",), source_audio_url="voice.mp3")
    add("avatar-needs-prompt", avatar, "prompt", ("missing required parameter 'prompt'",), omit=("prompt",))
    add("avatar-prompt-5001", avatar, "prompt", ("at most 5000 characters", "got 5001"), prompt="p" * 5_001)
    add("avatar-no-duration", avatar, "duration_seconds", ("unknown parameter",), duration_seconds=5)
    # motion control
    motion = "motion_control_request"
    add("motion-model-v21", motion, "model", ("one of 'kling-3.0'",), model="kling-v2.1-pro")
    add("motion-needs-image", motion, "source_first_frame_image_url", ("missing required parameter",),
        omit=("source_first_frame_image_url",))  # fmt: skip
    add("motion-needs-video", motion, "reference_video_url", ("missing required parameter",),
        omit=("reference_video_url",))  # fmt: skip
    add("motion-video-not-url", motion, "reference_video_url", ("absolute http(s) URL",), reference_video_url="v.mp4")
    add("motion-prompt-2501", motion, "prompt", ("1-2500 characters",), prompt="p" * 2_501)
    add("motion-resolution-4k", motion, "output_resolution", ("'720p', '1080p'",), output_resolution="4k")
    add("motion-orientation", motion, "character_orientation", ("'video', 'image'",), character_orientation="auto")
    add("motion-background", motion, "background_source", ("'video', 'image'",), background_source="none")
    return cases


@pytest.mark.parametrize(("op", "kwargs", "field", "fragments"), _refused_cases())
def test_invalid_input_is_refused_before_any_request(client, http, op, kwargs, field, fragments):
    http.post(url(client, op), status=202, json=load(f"{op}_accepted"))  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.kling, op).create(**kwargs)

    assert len(http.calls) == 0, "a refused call must not reach the network"
    assert info.value.field == field
    message = str(info.value)
    # a shot's or element's mistake reads "multi_prompt[1]: duration_seconds must be ...": both parts named
    assert all(part in message for part in field.split("."))
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"


def test_a_refusal_says_what_is_allowed(client):
    with pytest.raises(runapi.ValidationError) as info:
        client.kling.text_to_video.create(
            model="kling-3.0", multi_shots=True, enable_sound=True, aspect_ratio="16:9", multi_prompt=shots(9, 9)
        )
    assert info.value.allowed == "shots whose duration_seconds total 3-15 seconds"
    with pytest.raises(runapi.ValidationError) as info:
        client.kling.text_to_video.create(
            model="kling-3.0",
            multi_shots=True,
            enable_sound=True,
            aspect_ratio="16:9",
            multi_prompt=shots(5, 6),
            duration_seconds=12,
        )
    assert info.value.allowed == "11 (or no value) when multi_shots is true"


# -- (5) newer source: every model and enum value of the platform contract, and the official rules -------------

CONTRACT = json.loads((Path(__file__).resolve().parents[1] / "contract" / "platform-contract.json").read_text())
PROMPT_O1 = "Keep <<<image_1>>> beside the performer from <<<video_1>>>"
# the least each (operation, model) needs beside the value under test
MINIMAL: dict[tuple[str, str], dict[str, Any]] = {
    **{("text_to_video", m): {"prompt": "p"} for m in TEXT_TO_VIDEO_MODELS},
    ("text_to_video", "kling-3.0"): {"prompt": "p", "aspect_ratio": "16:9"},
    ("text_to_video", "kling-v3-omni-reference"): {
        "prompt": "p",
        "aspect_ratio": "1:1",
        "reference_image_urls": [IMAGE],
    },
    **{("image_to_video", m): {"prompt": "p", "first_frame_image_url": FRAME} for m in IMAGE_TO_VIDEO_MODELS},
    ("motion_control", "kling-3.0"): {"source_first_frame_image_url": IMAGE, "reference_video_url": VIDEO},
    ("motion_control", "kling-v2.6"): {
        "source_first_frame_image_url": IMAGE,
        "reference_video_url": VIDEO,
        "character_orientation": "video",
        "output_resolution": "720p",
    },
    **{("extend_video", m): {"source_task_id": "task_1"} for m in EXTEND_VIDEO_MODELS},
    **{("ai_avatar", m): {"source_image_url": IMAGE, "source_audio_url": VIDEO, "prompt": ""} for m in AVATAR_MODELS},
}
# what a value needs with it (kling-o1's reference rules: runapi-kling 0.5.1 README)
WITH = {
    "reference_video_type": {"prompt": "Follow <<<video_1>>>", "reference_video_url": VIDEO},
    "reference_image_urls": {"prompt": PROMPT_O1, "reference_video_url": VIDEO},
}


def _contract_cases() -> list[Any]:
    cases = []
    for action in CONTRACT["actions"]:
        if action["family"] != "kling":
            continue
        op = action["path"].rsplit("/", 1)[1]
        for model, fields in action["fields_by_model"].items():
            base = {"model": model, **MINIMAL[(op, model)]}
            cases.append(pytest.param(op, base, id=f"{op}-{model}"))
            for name, facts in fields.items():
                for value in facts.get("enum", ()):
                    body = {**base, **WITH.get(name, {}), name: value}
                    marks = ()
                    if (op, model, name, value) == ("image_to_video", "kling-o1", "reference_video_type", "base"):
                        # the official check refuses 'base' with a frame image, which image_to_video requires
                        marks = pytest.mark.xfail(raises=runapi.ValidationError, strict=True)
                    cases.append(pytest.param(op, body, id=f"{op}-{model}-{name}={value}", marks=marks))
    return cases


@pytest.mark.parametrize(("op", "kwargs"), _contract_cases())
def test_every_contract_model_and_value_is_accepted_and_sent_as_given(client, http, op, kwargs):
    path = f"{BASE}/{op}"
    http.post(f"{client.base_url}{path}", status=202, json=load("text_to_video_accepted"))

    getattr(client.kling, op).create(**kwargs)  # strict client: an unknown value would be refused

    assert canonical(json.loads(http.calls[0].request.body)) == canonical(kwargs)


def test_the_contract_covers_every_kling_action():
    paths = {action["path"] for action in CONTRACT["actions"] if action["family"] == "kling"}
    assert paths == {f"{BASE}/{op}" for op in OPS}


def _newer_refused_cases() -> list[Any]:
    o1 = {"model": "kling-o1", "prompt": PROMPT_O1}
    i2v_o1 = {**o1, "first_frame_image_url": FRAME}
    v26 = {"model": "kling-v2.6", "prompt": "p", "first_frame_image_url": FRAME}
    edit = {"model": "kling-v3-omni-edit", "prompt": "p", "source_video_url": VIDEO, "aspect_ratio": "auto"}
    cases = [
        ("text_to_video", {**o1, "reference_image_urls": [IMAGE], "reference_video_url": VIDEO, "enable_sound": True},
         "enable_sound", ("one of False", "'kling-o1'")),
        ("text_to_video", {**o1, "duration_seconds": 10, "reference_image_urls": [IMAGE], "reference_video_url": VIDEO},
         "duration_seconds", ("one of 5",)),
        ("text_to_video", {**o1, "reference_image_urls": [IMAGE] * 5, "reference_video_url": VIDEO},
         "reference_image_urls", ("at most 4",)),
        ("text_to_video", {"model": "kling-o1", "prompt": "p", "reference_image_urls": [IMAGE]},
         "prompt", ("<<<image_1>>>",)),
        ("text_to_video", {"model": "kling-o1", "prompt": "<<<image_2>>>", "reference_image_urls": [IMAGE]},
         "prompt", ("<<<image_1>>>",)),
        ("text_to_video", {"model": "kling-o1", "prompt": "p <<<video_1>>>"}, "prompt", ("no reference_video_url",)),
        ("text_to_video", {"model": "kling-o1", "prompt": "p", "reference_video_url": VIDEO},
         "prompt", ("<<<video_1>>>",)),
        ("text_to_video", {"model": "kling-o1", "prompt": "p", "reference_video_type": "feature"},
         "reference_video_type", ("with reference_video_url",)),
        ("text_to_video", {"model": "kling-o1", "prompt": "p", "output_resolution": "1080p"},
         "output_resolution", ("not accepted for model 'kling-o1'",)),
        ("image_to_video", {**i2v_o1, "prompt": "<<<video_1>>>", "reference_video_url": VIDEO},
         "reference_video_type", ("'base' (the default)", "'feature'")),
        ("image_to_video", {**i2v_o1, "reference_image_urls": [IMAGE], "last_frame_image_url": LAST,
                            "reference_video_url": VIDEO, "reference_video_type": "feature"},
         "last_frame_image_url", ("cannot be combined",)),
        ("text_to_video", {"model": "kling-v2.6", "prompt": "p", "enable_sound": True, "mode": "std"},
         "mode", ("one of 'pro'", "enable_sound is true")),
        ("image_to_video", {**v26, "last_frame_image_url": LAST}, "mode", ("mode is required", "last_frame")),
        ("image_to_video", {**v26, "last_frame_image_url": LAST, "mode": "pro", "duration_seconds": 10},
         "duration_seconds", ("one of 5",)),
        ("image_to_video", {**v26, "negative_prompt": "blur"}, "negative_prompt", ("not accepted for model",)),
        ("image_to_video", {"model": "kling-v3-turbo-image-to-video", "prompt": "p", "first_frame_image_url": FRAME,
                            "aspect_ratio": "1:1"}, "aspect_ratio", ("not accepted",)),
        ("text_to_video", {"model": "kling-v3-turbo-text-to-video", "prompt": "p", "output_resolution": "4k"},
         "output_resolution", ("'720p', '1080p'",)),
        ("text_to_video", {"model": "kling-v3-omni", "prompt": "p", "duration_seconds": 16},
         "duration_seconds", ("from 3 to 15",)),
        ("text_to_video", {"model": "kling-v3-omni-reference", "prompt": "p", "aspect_ratio": "1:1"},
         "reference_image_urls", ("required for model 'kling-v3-omni-reference'",)),
        ("text_to_video", {"model": "kling-v3-omni", "prompt": "p" * 2_501}, "prompt", ("1-2500 characters",)),
        ("motion_control", {**MINIMAL[("motion_control", "kling-v2.6")], "model": "kling-v2.6",
                            "background_source": "video"}, "background_source", ("not accepted",)),
        ("motion_control", {"model": "kling-v2.6", "source_first_frame_image_url": IMAGE, "reference_video_url": VIDEO,
                            "output_resolution": "720p"}, "character_orientation", ("required for model",)),
        ("extend_video", {"source_task_id": "task_1", "mode": "fast"}, "mode", ("'std', 'pro'",)),
        ("extend_video", {"mode": "pro"}, "source_task_id", ("missing required parameter",)),
        ("edit_video", {**edit, "source_video_url": None}, "source_video_url", ("or source_task_id is required",)),
        ("edit_video", {**edit, "source_task_id": "task_1"}, "source_task_id", ("without source_video_url",)),
        ("edit_video", {**edit, "aspect_ratio": None}, "aspect_ratio", ("aspect_ratio is required",)),
        ("edit_video", {**edit, "aspect_ratio": "16:9"}, "aspect_ratio", ("one of 'auto'",)),
        ("edit_video", {**edit, "duration_seconds": 10}, "duration_seconds", ("one of 5",)),
        ("edit_video", {**edit, "reference_image_urls": [IMAGE]}, "aspect_ratio", ("'16:9', '9:16', '1:1'",)),
        ("edit_video", {**edit, "reference_image_urls": [IMAGE] * 5, "aspect_ratio": "1:1"},
         "reference_image_urls", ("1-4",)),
        ("edit_video", {**edit, "model": "kling-v3-omni-reference", "enable_sound": True},
         "enable_sound", ("one of False",)),
        ("edit_video", {**edit, "prompt": "p" * 2_501}, "prompt", ("1-2500 characters",)),
    ]  # fmt: skip
    return [pytest.param(op, kwargs, field, fragments, id=f"{op}-{field}-{i}") for i, (op, kwargs, field, fragments)
            in enumerate(cases)]  # fmt: skip


@pytest.mark.parametrize(("op", "kwargs", "field", "fragments"), _newer_refused_cases())
def test_newer_rules_refuse_before_any_request(client, http, op, kwargs, field, fragments):
    http.post(f"{client.base_url}{BASE}/{op}", status=202, json=load("text_to_video_accepted"))
    kwargs = {k: v for k, v in kwargs.items() if v is not None}

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.kling, op).create(**kwargs)

    assert len(http.calls) == 0
    assert info.value.field == field
    for fragment in fragments:
        assert fragment in str(info.value), f"{fragment!r} not in {info.value}"


def test_extend_video_sends_no_model_unless_given(client, http):
    http.post(f"{client.base_url}{BASE}/extend_video", status=202, json=load("text_to_video_accepted"))

    client.kling.extend_video.create(**load("extend_video_request"))
    client.kling.extend_video.create(source_task_id="task_1", model="kling-v2.5-turbo-text-to-video-pro")

    assert json.loads(http.calls[0].request.body) == load("extend_video_request")
    assert json.loads(http.calls[1].request.body) == {
        "source_task_id": "task_1",
        "model": "kling-v2.5-turbo-text-to-video-pro",
    }


def test_an_unknown_model_is_sent_with_a_warning_outside_strict_mode(http):
    lenient = runapi.Client(api_key="sk-test", base_url="https://api.example.test", strict=False)
    http.post(f"{lenient.base_url}{BASE}/edit_video", status=202, json=load("text_to_video_accepted"))

    with pytest.warns(runapi.UnknownValueWarning):
        lenient.kling.edit_video.create(**{**load("edit_video_request"), "model": "kling-v4-omni-edit"})

    assert json.loads(http.calls[0].request.body)["model"] == "kling-v4-omni-edit"
