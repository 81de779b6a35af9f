"""Wan (``client.wan``), checked against the docs' Wan section.

The examples under ``tests/fixtures/wan/`` are the section's payloads, copied as data: the seven
create bodies (curl examples, the R2V one included), the one printed 202 answer
(``{"id": "task_abc123"}``, without a status) and the one completed status answer. The docs print
no processing, failed or callback example for Wan, and no completed image answer: a task still
running is ``{"id", "status": "processing"}`` (the status row's values), a failure is the
platform's general shape (docs: Errors > Task-Specific Errors), and an image answer carries
``images`` of ``{url}`` (the Image Generation response table).

The generic contract checks (the endpoints and their task classes, ``client.wan``, every example
sent as is or structured with nothing dropped, run/failed/get on the six status paths with the
shared answers) live in ``test_every_family.py``. This file keeps what is particular to Wan: its
examples per operation, the image answer read from its response table (modelled, typed, and what
``run`` polls until), typed reads, its signatures, and which model takes which parameter, written
out below from the docs' parameter tables, not read from the module, so the per-model tables are
checked against the docs, cell by cell.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import cattrs
import pytest
import responses
from responses import registries

import runapi
from runapi._core.options import DURATIONS
from runapi.wan import (
    ANIMATE_MODELS,
    EDIT_VIDEO_MODELS,
    EDIT_VIDEO_RULES,
    IMAGE_TO_VIDEO_MODELS,
    IMAGE_TO_VIDEO_RULES,
    MODELS,
    SPEECH_TO_VIDEO_MODELS,
    TEXT_TO_IMAGE_MODELS,
    TEXT_TO_IMAGE_RULES,
    TEXT_TO_VIDEO_MODELS,
    TEXT_TO_VIDEO_RULES,
    Image,
    ImageTask,
    PaletteColor,
    Video,
    VideoTask,
)
from tests.families.contract import assert_mirrors, strict_converter

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "wan"
BASE = "/api/v1/wan"
ordered = responses.activate(registry=registries.OrderedRegistry)

# operation -> (task class, duration class)
OPERATIONS: dict[str, tuple[type[runapi.Task], str]] = {
    "text_to_video": (VideoTask, "video"),
    "image_to_video": (VideoTask, "video"),
    "speech_to_video": (VideoTask, "video"),
    "animate": (VideoTask, "video"),
    "text_to_image": (ImageTask, "image"),
    "edit_video": (VideoTask, "video"),
}
OPS = list(OPERATIONS)

# The docs' Models table, in its order.
DOCUMENTED_MODELS = [
    "wan-2.2-a14b-text-to-video-turbo",
    "wan-2.5-text-to-video",
    "wan-2.6-text-to-video",
    "wan-2.7-text-to-video",
    "wan-2.2-a14b-image-to-video-turbo",
    "wan-2.5-image-to-video",
    "wan-2.6-image-to-video",
    "wan-2.6-flash-image-to-video",
    "wan-2.7-image-to-video",
    "wan-2.6-edit-video",
    "wan-2.6-flash-edit-video",
    "wan-2.2-a14b-speech-to-video-turbo",
    "wan-2.2-animate-move",
    "wan-2.2-animate-replace",
    "wan-2.7-image",
    "wan-2.7-image-pro",
    "wan-2.7-r2v",
    "wan-2.7-edit-video",
]


IMG = "https://cdn.runapi.ai/public/samples/portrait.jpg"
VID = "https://cdn.runapi.ai/public/samples/video.mp4"
AUDIO = "https://cdn.runapi.ai/public/samples/voice.mp3"


def load(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def url(client: runapi.Client, op: str, task_id: str | None = None) -> str:
    path = f"{client.base_url}{BASE}/{op}"
    return path if task_id is None else f"{path}/{task_id}"


def accepted() -> dict[str, Any]:
    """The documented 202 answer (printed for text_to_video; every endpoint answers alike)."""
    return load("text_to_video_accepted")


def completed(op: str) -> dict[str, Any]:
    """The documented completed answer; for text_to_image, the same built from its response table."""
    if op == "text_to_image":
        return {"id": "task_abc123", "status": "completed", "images": [{"url": "https://file.runapi.ai/result.png"}]}
    return load("text_to_video_completed")


def request_op(stem: str) -> str:
    """``"text_to_video_request_r2v"`` -> ``"text_to_video"``."""
    return stem.split("_request")[0]


STEMS = sorted(path.stem for path in EXAMPLES.glob("*.json"))
REQUESTS = [stem for stem in STEMS if "_request" in stem]


# -- the family's surface -------------------------------------------------------------------


def test_every_request_fixture_names_an_operation_and_every_operation_has_one():
    assert {request_op(stem) for stem in REQUESTS} == set(OPS)
    assert set(STEMS) - set(REQUESTS) == {"text_to_video_accepted", "text_to_video_completed"}


def test_create_shows_the_real_parameters(client):
    signature = inspect.signature(client.wan.text_to_video.create)
    assert list(signature.parameters)[:2] == ["model", "prompt"]
    assert signature.parameters["reference_video_urls"].default is None
    assert list(inspect.signature(client.wan.speech_to_video.run).parameters)[:3] == [
        "model",
        "source_image_url",
        "source_audio_url",
    ]
    assert "color_palette" in inspect.signature(client.wan.text_to_image.create).parameters


# -- the answers read from the docs' tables, and as a user reads them ------------------------------

# the answers read from the docs' tables (the printed ones and the general failed one: test_every_family.py)
ANSWERS = [
    pytest.param(completed("text_to_image"), ImageTask, id="image-completed"),
    pytest.param({"id": "task_abc123", "status": "processing"}, VideoTask, id="processing"),
]


@pytest.mark.parametrize(("payload", "cls"), ANSWERS)
def test_every_documented_field_is_modelled(payload, cls):
    strict = strict_converter().structure(payload, cls)  # raises on a documented key the model lacks
    task = cls.from_dict(payload)

    assert strict == task
    assert_mirrors(task, payload, "payload")  # every documented key holds the same value and JSON type
    assert task.raw == payload
    assert task.id == payload["id"]
    assert task.status == payload.get("status", "processing")
    assert task.error == payload.get("error")


def test_the_strict_check_does_catch_an_unmodelled_field():
    payload = load("text_to_video_completed")
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "seed": 42}, VideoTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "videos": [{"url": "u", "duration": 5}]}, VideoTask)


def test_a_completed_video_reads_as_typed_outputs():
    task = VideoTask.from_dict(load("text_to_video_completed"))
    assert task.is_completed
    assert task.videos == [Video(url="https://file.runapi.ai/result.mp4")]
    assert task.output_urls == ["https://file.runapi.ai/result.mp4"]


def test_a_completed_image_reads_as_typed_outputs():
    task = ImageTask.from_dict(completed("text_to_image"))
    assert task.is_completed
    assert task.images == [Image(url="https://file.runapi.ai/result.png")]
    assert task.output_urls == ["https://file.runapi.ai/result.png"]


def test_a_running_task_has_no_outputs_and_unknown_data_stays_on_raw():
    assert VideoTask.from_dict(accepted()).output_urls == []
    payload = {**load("text_to_video_completed"), "videos": [{"url": None}, {"url": "https://x/2.mp4"}], "cost": 3}
    task = VideoTask.from_dict(payload)
    assert task.output_urls == ["https://x/2.mp4"]
    assert task.raw["cost"] == 3


# -- text_to_image: create -> wait -> completed, on its status path ------------------------------

MINIMAL = {
    "text_to_video": {"model": "wan-2.6-text-to-video", "prompt": "Cherry blossoms falling"},
    "image_to_video": {"model": "wan-2.2-a14b-image-to-video-turbo", "first_frame_image_url": IMG},
    "speech_to_video": {
        "model": "wan-2.2-a14b-speech-to-video-turbo",
        "source_image_url": IMG,
        "source_audio_url": AUDIO,
    },
    "animate": {"model": "wan-2.2-animate-replace", "reference_video_url": VID, "source_image_url": IMG},
    "text_to_image": {"model": "wan-2.7-image-pro", "prompt": "Floating islands", "thinking_mode": True},
    "edit_video": {"model": "wan-2.6-flash-edit-video", "source_video_urls": [VID], "audio": True},
}


# text_to_image's completed answer is read from its response table (the video operations run with
# the printed one in test_every_family.py)
@pytest.mark.parametrize("op", ["text_to_image"])
@ordered
def test_run_polls_the_status_path_until_completed(client, fake_clock, op):
    done = completed(op)
    status_url = url(client, op, done["id"])
    responses.post(url(client, op), status=202, json=accepted())
    responses.get(status_url, json={"id": done["id"], "status": "processing"})
    responses.get(status_url, json=done)

    task = getattr(client.wan, op).run(**MINIMAL[op])

    assert type(task) is OPERATIONS[op][0]
    assert task == OPERATIONS[op][0].from_dict(done)
    assert task.output_urls and task.output_urls[0].startswith("https://file.runapi.ai/")
    calls = [(call.request.method, call.request.url) for call in responses.calls]
    assert calls == [("POST", url(client, op)), ("GET", status_url), ("GET", status_url)]
    assert json.loads(responses.calls[0].request.body) == MINIMAL[op]
    # two waits before the two polls, on the fake clock, shaped by the operation's duration class
    assert len(fake_clock.sleeps) == 2
    assert fake_clock.sleeps[0] == DURATIONS[OPERATIONS[op][1]].low


# -- models and the per-model tables ----------------------------------------------------------


def test_models_are_the_documented_ids_and_each_table_covers_its_endpoint_exactly():
    assert sorted(MODELS) == sorted(DOCUMENTED_MODELS)
    assert len(set(MODELS)) == len(MODELS) == 18
    tables = {
        "text_to_video": (TEXT_TO_VIDEO_RULES, TEXT_TO_VIDEO_MODELS),
        "image_to_video": (IMAGE_TO_VIDEO_RULES, IMAGE_TO_VIDEO_MODELS),
        "text_to_image": (TEXT_TO_IMAGE_RULES, TEXT_TO_IMAGE_MODELS),
        "edit_video": (EDIT_VIDEO_RULES, EDIT_VIDEO_MODELS),
    }
    for op, (table, models) in tables.items():
        assert table.field == "model", op
        assert set(table.table) == set(models), op
        assert set(models) <= set(MODELS), op
    assert SPEECH_TO_VIDEO_MODELS == ("wan-2.2-a14b-speech-to-video-turbo",)
    assert set(ANIMATE_MODELS) == {"wan-2.2-animate-move", "wan-2.2-animate-replace"}


# The smallest valid call for each model (its required parameters, per the docs).
BASE_CALLS: dict[str, dict[str, dict[str, Any]]] = {
    "text_to_video": {
        "wan-2.2-a14b-text-to-video-turbo": {"prompt": "A fox"},
        "wan-2.5-text-to-video": {"prompt": "A fox", "duration_seconds": 5},
        "wan-2.6-text-to-video": {"prompt": "A fox"},
        "wan-2.7-text-to-video": {"prompt": "A fox"},
        "wan-2.7-r2v": {"prompt": "A fox", "reference_image_urls": [IMG]},
    },
    "image_to_video": {
        "wan-2.2-a14b-image-to-video-turbo": {"first_frame_image_url": IMG},
        "wan-2.5-image-to-video": {"first_frame_image_url": IMG, "duration_seconds": 5},
        "wan-2.6-image-to-video": {"prompt": "It moves", "first_frame_image_url": IMG},
        "wan-2.6-flash-image-to-video": {"prompt": "It moves", "first_frame_image_url": IMG},
        "wan-2.7-image-to-video": {"prompt": "It moves"},
    },
    "text_to_image": {
        "wan-2.7-image": {"prompt": "A lake"},
        "wan-2.7-image-pro": {"prompt": "A lake"},
    },
    "edit_video": {
        "wan-2.6-edit-video": {"source_video_urls": [VID]},
        "wan-2.6-flash-edit-video": {"source_video_urls": [VID]},
        "wan-2.7-edit-video": {"source_video_url": VID},
    },
}

# parameter -> the models the docs say it is for (each row's "... only" / "Supported by ...")
ONLY: dict[str, dict[str, set[str]]] = {
    "text_to_video": {
        # the docs' three, and wan-2.7-r2v (newer source: the platform contract lists its ratios)
        "aspect_ratio": {
            "wan-2.2-a14b-text-to-video-turbo",
            "wan-2.5-text-to-video",
            "wan-2.6-text-to-video",
            "wan-2.7-r2v",
        },
        "ratio": {"wan-2.7-text-to-video", "wan-2.7-r2v"},
        "negative_prompt": {"wan-2.5-text-to-video", "wan-2.7-text-to-video", "wan-2.7-r2v"},
        "reference_image_urls": {"wan-2.7-r2v"},
        "reference_video_urls": {"wan-2.7-r2v"},
        "first_frame_image_url": {"wan-2.7-r2v"},
        "reference_audio_url": {"wan-2.7-r2v"},
        "acceleration": {"wan-2.2-a14b-text-to-video-turbo"},
        "watermark": {"wan-2.7-text-to-video", "wan-2.7-r2v"},
        "background_audio_url": {"wan-2.7-text-to-video"},
    },
    "image_to_video": {
        "aspect_ratio": {"wan-2.2-a14b-image-to-video-turbo", "wan-2.5-image-to-video"},
        "ratio": {"wan-2.7-image-to-video"},
        "negative_prompt": {"wan-2.5-image-to-video", "wan-2.7-image-to-video"},
        "watermark": {"wan-2.7-image-to-video"},
        "audio": {"wan-2.6-flash-image-to-video"},
        "multi_shots": {"wan-2.6-flash-image-to-video"},
        "last_frame_image_url": {"wan-2.7-image-to-video"},
        "source_video_url": {"wan-2.7-image-to-video"},
        "driving_audio_url": {"wan-2.7-image-to-video"},
        "background_audio_url": {"wan-2.7-image-to-video"},
    },
    "text_to_image": {"thinking_mode": {"wan-2.7-image-pro"}},
    "edit_video": {
        "source_video_url": {"wan-2.7-edit-video"},
        "source_video_urls": {"wan-2.6-edit-video", "wan-2.6-flash-edit-video"},
        "audio": {"wan-2.6-flash-edit-video"},
        "multi_shots": {"wan-2.6-flash-edit-video"},
    },
}

SAMPLES: dict[str, Any] = {
    "aspect_ratio": "16:9",
    "ratio": "16:9",
    "negative_prompt": "blurry, low quality",
    "reference_image_urls": [IMG],
    "reference_video_urls": [VID],
    "first_frame_image_url": IMG,
    "reference_audio_url": AUDIO,
    "acceleration": "regular",
    "watermark": True,
    "background_audio_url": AUDIO,
    "audio": False,
    "multi_shots": True,
    "last_frame_image_url": IMG,
    "source_video_url": VID,
    "driving_audio_url": AUDIO,
    "thinking_mode": True,
    "source_video_urls": [VID, VID],
}

# model -> the parameters the docs require for it ("Required for ...")
REQUIRED: dict[str, dict[str, list[str]]] = {
    "text_to_video": {"wan-2.5-text-to-video": ["duration_seconds"]},
    "image_to_video": {
        "wan-2.2-a14b-image-to-video-turbo": ["first_frame_image_url"],
        "wan-2.5-image-to-video": ["first_frame_image_url", "duration_seconds"],
        "wan-2.6-image-to-video": ["prompt", "first_frame_image_url"],
        "wan-2.6-flash-image-to-video": ["prompt", "first_frame_image_url"],
        "wan-2.7-image-to-video": ["prompt"],
    },
    "edit_video": {
        "wan-2.6-edit-video": ["source_video_urls"],
        "wan-2.6-flash-edit-video": ["source_video_urls"],
        "wan-2.7-edit-video": ["source_video_url"],
    },
}


def test_the_written_out_docs_cover_every_model_of_each_table():
    for op, calls in BASE_CALLS.items():
        assert set(calls) == set(getattr(runapi.wan, f"{op.upper()}_MODELS")), op
        for param, models in ONLY[op].items():
            assert models <= set(calls), (op, param)


MODEL_CASES = [pytest.param(op, model, id=model) for op, calls in BASE_CALLS.items() for model in calls]


@pytest.mark.parametrize(("op", "model"), MODEL_CASES)
@responses.activate
def test_each_model_accepts_its_smallest_documented_call(client, op, model):
    kwargs = {"model": model, **BASE_CALLS[op][model]}
    responses.post(url(client, op), status=202, json=accepted())

    getattr(client.wan, op).create(**kwargs)

    assert json.loads(responses.calls[0].request.body) == kwargs  # nothing added (no guessed defaults)


SUPPORT_CASES = [
    pytest.param(op, model, param, model in accepting, id=f"{op}-{param}-{model}")
    for op, params in ONLY.items()
    for param, accepting in params.items()
    for model in BASE_CALLS[op]
]


@pytest.mark.parametrize(("op", "model", "param", "supported"), SUPPORT_CASES)
@responses.activate
def test_a_parameter_is_sent_for_the_models_it_is_documented_for_and_refused_for_the_others(
    client, op, model, param, supported
):
    kwargs = {"model": model, **BASE_CALLS[op][model], param: SAMPLES[param]}
    responses.post(url(client, op), status=202, json=accepted())

    if supported:
        getattr(client.wan, op).create(**kwargs)
        assert json.loads(responses.calls[0].request.body) == kwargs
        return
    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.wan, op).create(**kwargs)
    assert info.value.field == param
    assert f"{param} is not accepted for model {model!r}" in str(info.value)
    for other in sorted(ONLY[op][param]):  # the message names the models that do take it
        assert repr(other) in str(info.value)
    assert len(responses.calls) == 0


REQUIRED_CASES = [
    pytest.param(op, model, param, id=f"{op}-{model}-{param}")
    for op, models in REQUIRED.items()
    for model, names in models.items()
    for param in names
]


@pytest.mark.parametrize(("op", "model", "param"), REQUIRED_CASES)
@responses.activate
def test_a_parameter_required_for_a_model_is_refused_when_missing(client, op, model, param):
    kwargs = {"model": model, **BASE_CALLS[op][model]}
    del kwargs[param]
    responses.post(url(client, op), status=202, json=accepted())

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.wan, op).create(**kwargs)

    assert info.value.field == param
    assert f"{param} is required for model {model!r}" in str(info.value)
    assert len(responses.calls) == 0


# -- further accepted calls --------------------------------------------------------------------

ACCEPTED_CALLS = [
    pytest.param(
        "text_to_video",
        {"model": "wan-2.7-r2v", "prompt": "A fox", "reference_video_urls": [VID, VID]},
        id="r2v-videos-only",
    ),
    pytest.param(
        "text_to_video",
        {
            "model": "wan-2.7-text-to-video",
            "prompt": "A fox",
            "callback_url": "https://example.com/callback",
            "duration_seconds": 10,
            "output_resolution": "1080p",
            "enable_prompt_expansion": False,
            "seed": 0,
            "enable_safety_checker": True,
        },
        id="t2v-shared-params",
    ),
    *[
        pytest.param(
            "text_to_video",
            {"model": "wan-2.6-text-to-video", "prompt": "A fox", "aspect_ratio": ratio},
            id=f"t2v-aspect-{ratio}",
        )
        for ratio in ("16:9", "9:16", "1:1", "4:3", "3:4")
    ],
    *[  # newer source: the platform contract lists these five for wan-2.7-r2v
        pytest.param(
            "text_to_video",
            {"model": "wan-2.7-r2v", "prompt": "A fox", "reference_image_urls": [IMG], "aspect_ratio": ratio},
            id=f"r2v-aspect-{ratio}",
        )
        for ratio in ("16:9", "9:16", "1:1", "4:3", "3:4")
    ],
    pytest.param(
        "text_to_video",
        {"model": "wan-2.5-text-to-video", "prompt": "A fox", "duration_seconds": 7.5},
        id="t2v-duration-is-a-number",
    ),
    pytest.param(
        "speech_to_video",
        {
            "model": "wan-2.2-a14b-speech-to-video-turbo",
            "source_image_url": IMG,
            "source_audio_url": AUDIO,
            "prompt": "A news anchor",
            "callback_url": "https://example.com/callback",
            "num_frames": 81,
            "frames_per_second": 1,
            "output_resolution": "480p",
            "negative_prompt": "blur",
            "seed": 7,
            "num_inference_steps": 1,
            "guidance_scale": 3.5,
            "shift": 5,
            "enable_safety_checker": False,
        },
        id="speech-every-param",
    ),
    pytest.param(
        "animate",
        {
            "model": "wan-2.2-animate-move",
            "reference_video_url": VID,
            "source_image_url": IMG,
            "callback_url": "https://example.com/callback",
            "output_resolution": "720p",
            "enable_safety_checker": True,
        },
        id="animate-every-param",
    ),
    *[
        pytest.param(
            "text_to_image", {"model": "wan-2.7-image", "prompt": "A lake", "aspect_ratio": ratio}, id=f"t2i-{ratio}"
        )
        for ratio in ("1:1", "16:9", "4:3", "21:9", "3:4", "9:16", "8:1", "1:8")
    ],
    pytest.param(
        "text_to_image",
        {
            "model": "wan-2.7-image-pro",
            "prompt": "A lake",
            "output_resolution": "2k",
            "output_count": 1,
            "enable_sequential": True,
            "thinking_mode": False,
            "watermark": False,
            "seed": 123,
            "enable_safety_checker": True,
            "source_image_urls": [IMG],
            "color_palette": [{"hex": "#1E90FF", "ratio": 0.6}, {"hex": "#FFFFFF", "ratio": 0.4}],
            "bbox_list": [[0, 0, 100, 100], {"x": 1}],
        },
        id="t2i-every-param",
    ),
    pytest.param(
        "edit_video",
        {
            "model": "wan-2.7-edit-video",
            "source_video_url": VID,
            "prompt": "Storm clouds",
            "negative_prompt": "sun",
            "reference_image_url": IMG,
            "output_resolution": "1080p",
            "aspect_ratio": "9:16",
            "duration_seconds": 5,
            "audio_setting": "origin",
            "enable_prompt_expansion": True,
            "watermark": True,
            "seed": 1,
            "enable_safety_checker": False,
        },
        id="edit-shared-params",
    ),
]


@pytest.mark.parametrize(("op", "kwargs"), ACCEPTED_CALLS)
@responses.activate
def test_valid_values_are_accepted_and_sent_unchanged(client, op, kwargs):
    responses.post(url(client, op), status=202, json=accepted())

    getattr(client.wan, op).create(**kwargs)

    assert json.loads(responses.calls[0].request.body) == kwargs


@responses.activate
def test_palette_colours_may_be_objects_and_are_sent_as_json_objects(client):
    responses.post(url(client, "text_to_image"), status=202, json=accepted())

    client.wan.text_to_image.create(
        model="wan-2.7-image",
        prompt="A lake",
        color_palette=[PaletteColor(hex="#1E90FF", ratio=0.6), PaletteColor(hex="#FFFFFF", ratio=0.4)],
    )

    sent = json.loads(responses.calls[0].request.body)
    assert sent["color_palette"] == [{"hex": "#1E90FF", "ratio": 0.6}, {"hex": "#FFFFFF", "ratio": 0.4}]


# -- refusals before any request -----------------------------------------------------------------

T2V = {"model": "wan-2.6-text-to-video", "prompt": "A fox"}
I2V = {"model": "wan-2.2-a14b-image-to-video-turbo", "first_frame_image_url": IMG}
S2V = MINIMAL["speech_to_video"]
ANIM = {"model": "wan-2.2-animate-move", "reference_video_url": VID, "source_image_url": IMG}
T2I = {"model": "wan-2.7-image", "prompt": "A lake"}
EDIT = {"model": "wan-2.7-edit-video", "source_video_url": VID}

REFUSED = [
    # models: each endpoint takes its own
    pytest.param("text_to_video", {**T2V, "model": "wan-2.7-image-to-video"}, "model", "one of", id="t2v-model"),
    pytest.param("image_to_video", {**I2V, "model": "wan-2.6-text-to-video"}, "model", "one of", id="i2v-model"),
    pytest.param("speech_to_video", {**S2V, "model": "wan-2.2-animate-move"}, "model", "one of", id="s2v-model"),
    pytest.param("animate", {**ANIM, "model": "wan-2.2-animate"}, "model", "one of", id="animate-model"),
    pytest.param("text_to_image", {**T2I, "model": "wan-2.7-image-plus"}, "model", "one of", id="t2i-model"),
    pytest.param("edit_video", {**EDIT, "model": "wan-2.7-r2v"}, "model", "one of", id="edit-model"),
    # the r2v rule no table says
    pytest.param(
        "text_to_video",
        {"model": "wan-2.7-r2v", "prompt": "A fox", "first_frame_image_url": IMG},
        "reference_image_urls",
        "reference_image_urls or reference_video_urls is required for model 'wan-2.7-r2v'",
        id="r2v-without-references",
    ),
    # required parameters of every endpoint
    pytest.param("text_to_video", {"model": "wan-2.6-text-to-video"}, "prompt", "missing required", id="t2v-prompt"),
    pytest.param("text_to_image", {"model": "wan-2.7-image"}, "prompt", "missing required", id="t2i-prompt"),
    pytest.param(
        "speech_to_video",
        {k: v for k, v in S2V.items() if k != "source_audio_url"},
        "source_audio_url",
        "missing required",
        id="s2v-audio",
    ),
    pytest.param(
        "animate",
        {k: v for k, v in ANIM.items() if k != "reference_video_url"},
        "reference_video_url",
        "missing required",
        id="animate-video",
    ),
    pytest.param("edit_video", {"source_video_url": VID}, "model", "missing required", id="edit-model-missing"),
    # enums
    pytest.param("text_to_video", {**T2V, "aspect_ratio": "21:9"}, "aspect_ratio", "one of '16:9'", id="t2v-ratio"),
    pytest.param("text_to_image", {**T2I, "aspect_ratio": "2:3"}, "aspect_ratio", "'8:1', '1:8'", id="t2i-ratio"),
    # types and URLs
    pytest.param("text_to_video", {**T2V, "seed": "42"}, "seed", "an integer", id="seed-string"),
    pytest.param("text_to_video", {**T2V, "seed": 4.2}, "seed", "an integer", id="seed-float"),
    pytest.param("text_to_video", {**T2V, "seed": True}, "seed", "an integer", id="seed-bool"),
    pytest.param(
        "text_to_video",
        {"model": "wan-2.5-text-to-video", "prompt": "A fox", "duration_seconds": "5"},
        "duration_seconds",
        "a number",
        id="duration-string",
    ),
    pytest.param("text_to_video", {**T2V, "enable_safety_checker": "no"}, "enable_safety_checker", "true or false"),
    pytest.param("text_to_video", {**T2V, "prompt": "   "}, "prompt", "a non-blank string", id="blank-prompt"),
    pytest.param("text_to_video", {**T2V, "callback_url": "example.com/cb"}, "callback_url", "http(s) URL"),
    pytest.param("image_to_video", {**I2V, "first_frame_image_url": "cat.jpg"}, "first_frame_image_url", "http(s)"),
    pytest.param("speech_to_video", {**S2V, "source_image_url": "file:///p.jpg"}, "source_image_url", "http(s) URL"),
    pytest.param("animate", {**ANIM, "source_image_url": "ftp://x/y.jpg"}, "source_image_url", "http(s) URL"),
    pytest.param("edit_video", {**EDIT, "reference_image_url": "ref.png"}, "reference_image_url", "http(s) URL"),
    # lists
    pytest.param(
        "text_to_video",
        {"model": "wan-2.7-r2v", "prompt": "A fox", "reference_image_urls": []},
        "reference_image_urls",
        "at least 1",
        id="r2v-empty-list",
    ),
    pytest.param(
        "text_to_video",
        {"model": "wan-2.7-r2v", "prompt": "A fox", "reference_image_urls": IMG},
        "reference_image_urls",
        "a list",
        id="r2v-string-not-list",
    ),
    pytest.param(
        "edit_video",
        {"model": "wan-2.6-edit-video", "source_video_urls": []},
        "source_video_urls",
        "at least 1",
        id="edit-empty-list",
    ),
    pytest.param("text_to_image", {**T2I, "source_image_urls": [""]}, "source_image_urls", "non-blank strings"),
    pytest.param("text_to_image", {**T2I, "bbox_list": "0,0,1,1"}, "bbox_list", "a list", id="bbox-not-list"),
    # counts
    pytest.param("text_to_image", {**T2I, "output_count": 0}, "output_count", "an integer of at least 1"),
    pytest.param("speech_to_video", {**S2V, "num_frames": 0}, "num_frames", "an integer of at least 1"),
    pytest.param("speech_to_video", {**S2V, "frames_per_second": -1}, "frames_per_second", "at least 1"),
    pytest.param("speech_to_video", {**S2V, "num_inference_steps": 0}, "num_inference_steps", "at least 1"),
    pytest.param("speech_to_video", {**S2V, "guidance_scale": "high"}, "guidance_scale", "a number"),
    # nested palette colours: errors name their path
    pytest.param(
        "text_to_image",
        {**T2I, "color_palette": [{"hex": "#fff", "ratio": 0.5}, {"hex": "#000"}]},
        "color_palette[1].ratio",
        "missing required parameter 'ratio'",
        id="palette-missing-ratio",
    ),
    pytest.param(
        "text_to_image",
        {**T2I, "color_palette": [{"hex": " ", "ratio": 0.5}]},
        "color_palette[0].hex",
        "a non-blank string",
        id="palette-blank-hex",
    ),
    pytest.param(
        "text_to_image",
        {**T2I, "color_palette": [{"hex": "#fff", "ratio": "50%"}]},
        "color_palette[0].ratio",
        "a number",
        id="palette-ratio-string",
    ),
    pytest.param(
        "text_to_image",
        {**T2I, "color_palette": [{"hex": "#fff", "ratio": 0.5, "name": "white"}]},
        "color_palette[0].name",
        "unknown parameter 'name'",
        id="palette-unknown-key",
    ),
    pytest.param(
        "text_to_image", {**T2I, "color_palette": "#fff"}, "color_palette", "a list of PaletteColor", id="palette-str"
    ),
    # parameters of other endpoints
    pytest.param("animate", {**ANIM, "prompt": "dance"}, "prompt", "unknown parameter 'prompt'", id="animate-prompt"),
    pytest.param("speech_to_video", {**S2V, "aspect_ratio": "16:9"}, "aspect_ratio", "unknown parameter"),
]


@pytest.mark.parametrize(("op", "kwargs", "field_name", "fragment"), REFUSED)
@responses.activate
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, op, kwargs, field_name, fragment):
    responses.post(url(client, op), status=202, json=accepted())  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.wan, op).create(**kwargs)

    assert info.value.field == field_name
    assert fragment in str(info.value)
    assert len(responses.calls) == 0
