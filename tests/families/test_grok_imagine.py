"""Grok Imagine (``client.grok_imagine``), checked against the docs' Grok-Imagine section.

The examples under ``tests/fixtures/grok_imagine/`` are the section's payloads, copied as data: the
seven create bodies (curl examples; ``image_to_video`` has two, from image URLs and from a prior
task), the 202 answer (printed once per endpoint, identical), and the three status examples
(completed video, completed image, failed). The docs print no processing status and no callback
body of its own: the 202 answer stands in for "processing" (its documented shape), and a callback
is "the same body as the completed/failed response".

The generic contract checks (the endpoints and their duration classes, ``client.grok_imagine``,
every example sent as is or structured with nothing dropped, run/failed/get on the six status
paths, each borrowing the status examples it is documented with) live in ``test_every_family.py``.
This file keeps what is particular to Grok Imagine: its models and rules, refusals, typed reads of
its answers, callbacks and its signatures, each call going through the public API with HTTP mocked
by ``responses``, so "refused before any request" is observed.
"""

from __future__ import annotations

import inspect
import json
import typing
from pathlib import Path
from typing import Any

import cattrs
import pytest
import responses

import runapi
from runapi import webhooks
from runapi._core.params.rules import _literal_values  # the known values of an open (Literal | str) id
from runapi.grok_imagine import (
    ASPECT_RATIOS,
    MODELS,
    EditImageParams,
    GrokImagineTask,
    Image,
    ImageToVideoParams,
    Segment,
    SegmentMapParams,
    SegmentMapTask,
    TextToImageParams,
    TextToVideoParams,
    Video,
)
from tests.families.contract import strict_converter

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "grok_imagine"
BASE = "/api/v1/grok_imagine"

OPS = ["text_to_video", "image_to_video", "text_to_image", "edit_image", "extend_video", "upscale_image"]

VIDEO_URL = "https://file.runapi.ai/grok-imagine/generated-video.mp4"
IMAGE_URL = "https://file.runapi.ai/grok-imagine/generated-image.png"


def load(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def path(op: str) -> str:
    return f"{BASE}/{op}"


def accepted(op: str) -> Any:
    """The 202 answer: the docs' example, or for segment_map (no docs example) the platform's ``{id, status}``."""
    return {"id": "task_segments", "status": "processing"} if op == "segment_map" else load(f"{op}_accepted")


def requests_of(op: str) -> list[str]:
    return sorted(p.stem for p in EXAMPLES.glob(f"{op}_request*.json"))


# -- the family's surface ----------------------------------------------------------------------


FAST, PREVIEW = "grok-imagine-video-1.5-fast", "grok-imagine-video-1.5-preview"


def test_every_model_is_accepted_by_its_endpoints():
    accepted = []
    for cls in (TextToVideoParams, ImageToVideoParams, TextToImageParams, EditImageParams, SegmentMapParams):
        accepted += _literal_values(typing.get_type_hints(cls)["model"])
    assert sorted(set(accepted)) == sorted(MODELS)
    # the two 1.5 models serve both video endpoints (newer source: the platform contract); the others one each
    assert sorted(accepted) == sorted([*MODELS, FAST, PREVIEW])


def test_create_shows_the_real_parameters(client):
    signature = inspect.signature(client.grok_imagine.text_to_video.create)
    assert list(signature.parameters)[:2] == ["model", "prompt"]
    assert signature.parameters["motion_style"].default is None
    extend = inspect.signature(client.grok_imagine.extend_video.run).parameters
    assert [name for name, p in extend.items() if p.default is inspect.Parameter.empty] == [
        "source_task_id",
        "prompt",
        "start_seconds",
        "extension_duration_seconds",
    ]


# -- the documented requests --------------------------------------------------------------------


def test_every_operation_has_a_documented_request_and_answer():
    for op in OPS:
        assert requests_of(op), op
        assert (EXAMPLES / f"{op}_accepted.json").exists(), op
    assert requests_of("image_to_video") == ["image_to_video_request_task", "image_to_video_request_urls"]


# -- the documented answers, as a user reads them ------------------------------------------------


def test_the_strict_check_does_catch_an_unmodelled_field():
    payload = load("text_to_video_completed")
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "model": "grok-imagine-text-to-video"}, GrokImagineTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "videos": [{"url": "u", "duration": 6}]}, GrokImagineTask)


def test_a_completed_video_reads_as_typed_videos():
    task = GrokImagineTask.from_dict(load("text_to_video_completed"))
    assert task.is_completed and task.error is None
    assert task.videos == [Video(url=VIDEO_URL)]
    assert task.images == []
    assert task.output_urls == [VIDEO_URL]


def test_a_completed_image_reads_as_typed_images():
    task = GrokImagineTask.from_dict(load("text_to_image_completed"))
    assert task.images == [Image(url=IMAGE_URL)]
    assert task.videos == []
    assert task.output_urls == [IMAGE_URL]


def test_a_failed_answer_reads_its_error_and_has_no_outputs():
    task = GrokImagineTask.from_dict(load("text_to_video_failed"))
    assert task.is_failed
    assert task.error == "Generation failed"
    assert task.output_urls == []


def test_a_callback_body_is_a_status_answer():
    # docs: "a POST request with the same body as the completed/failed response above"
    body = json.dumps(load("text_to_image_completed")).encode()
    secret = "c2VjcmV0LWZvci10ZXN0cw=="
    headers = webhooks.sign(body, secret, callback_id="cb-1", timestamp=1_700_000_000)
    callback = webhooks.unwrap(body, headers, secret, task_type=GrokImagineTask, now=1_700_000_000)
    assert type(callback.task) is GrokImagineTask
    assert callback.task.output_urls == [IMAGE_URL]


def test_a_segment_map_reads_as_typed_segments():
    # the official runapi-grok-imagine 0.3.0 SegmentMapTaskResponse: segments [{url, name, index}]
    completed = {
        "id": "task_segments",
        "status": "completed",
        "segments": [
            {"url": "https://file.runapi.ai/s1.png", "name": "cat", "index": 1},
            {"url": "https://file.runapi.ai/s2.png", "name": "sofa", "index": 2},
        ],
    }
    task = SegmentMapTask.from_dict(completed)
    assert task.is_completed
    assert task.segments == [
        Segment(url="https://file.runapi.ai/s1.png", name="cat", index=1),
        Segment(url="https://file.runapi.ai/s2.png", name="sofa", index=2),
    ]
    assert task.output_urls == ["https://file.runapi.ai/s1.png", "https://file.runapi.ai/s2.png"]
    assert strict_converter().structure(completed, SegmentMapTask).segments == task.segments  # nothing unmodelled
    failed = SegmentMapTask.from_dict({"id": "task_segments", "status": "failed", "error": "Generation failed"})
    assert failed.is_failed and failed.error == "Generation failed" and failed.output_urls == []


def test_run_segment_map_polls_its_status_path(client):
    completed = {"id": "task_segments", "status": "completed", "segments": [{"url": IMAGE_URL, "index": 1}]}
    with responses.RequestsMock() as mock:
        mock.post(client.base_url + path("segment_map"), status=202, json=accepted("segment_map"))
        mock.get(client.base_url + path("segment_map") + "/task_segments", json=completed)
        task = client.grok_imagine.segment_map.run(**SEGMENT)
    assert type(task) is SegmentMapTask
    assert task.output_urls == [IMAGE_URL]


# -- what each endpoint accepts ------------------------------------------------------------------

T2V = {"model": "grok-imagine-text-to-video", "prompt": "A neon dragon"}
I2V_URLS = {"model": "grok-imagine-image-to-video", "source_image_urls": ["https://cdn.runapi.ai/a.jpg"]}
I2V_TASK = {"model": "grok-imagine-image-to-video", "source_task_id": "a1b2c3d4-e5f6-7890-abcd-1234567890ab"}
T2I = {"model": "grok-imagine-text-to-image", "prompt": "A cyberpunk fox"}
EDIT = {"model": "grok-imagine-edit-image", "source_image_url": "https://cdn.runapi.ai/public/samples/image.jpg"}
EXTEND = {
    "source_task_id": "a1b2c3d4-e5f6-7890-abcd-1234567890ab",
    "prompt": "Continue",
    "start_seconds": 6,
    "extension_duration_seconds": 6,
}
UPSCALE = {"source_task_id": "a1b2c3d4-e5f6-7890-abcd-1234567890ab"}
SEGMENT = {"image_url": "https://cdn.runapi.ai/public/samples/image.jpg"}


def _accepted_calls() -> list[Any]:
    cases: list[Any] = []

    def add(case_id: str, op: str, kwargs: dict[str, Any]) -> None:
        cases.append(pytest.param(op, kwargs, id=case_id))

    for ratio in ASPECT_RATIOS:
        add(f"t2v-aspect-{ratio}", "text_to_video", {**T2V, "aspect_ratio": ratio})
        add(f"i2v-aspect-{ratio}", "image_to_video", {**I2V_URLS, "aspect_ratio": ratio})
        add(f"t2i-aspect-{ratio}", "text_to_image", {**T2I, "aspect_ratio": ratio})
    for style in ("fun", "normal", "spicy"):
        add(f"t2v-motion-{style}", "text_to_video", {**T2V, "motion_style": style})
        add(f"i2v-task-motion-{style}", "image_to_video", {**I2V_TASK, "motion_style": style})
    for style in ("fun", "normal"):
        add(f"i2v-urls-motion-{style}", "image_to_video", {**I2V_URLS, "motion_style": style})
    for seconds in (6, 30):
        add(f"t2v-duration-{seconds}", "text_to_video", {**T2V, "duration_seconds": seconds})
        add(f"i2v-duration-{seconds}", "image_to_video", {**I2V_URLS, "duration_seconds": seconds})
    for resolution in ("480p", "720p"):
        add(f"t2v-{resolution}", "text_to_video", {**T2V, "output_resolution": resolution})
        add(f"i2v-{resolution}", "image_to_video", {**I2V_TASK, "output_resolution": resolution})
    for index in (0, 5):
        add(f"i2v-index-{index}", "image_to_video", {**I2V_TASK, "index": index})
    add("t2v-prompt-5000", "text_to_video", {**T2V, "prompt": "d" * 5000, "enable_safety_checker": True})
    add("t2i-prompt-5000", "text_to_image", {**T2I, "prompt": "f" * 5000, "enable_pro": False})
    add("i2v-task-minimal", "image_to_video", I2V_TASK)
    add("i2v-urls-minimal", "image_to_video", I2V_URLS)
    add("edit-minimal", "edit_image", EDIT)
    add(
        "edit-all",
        "edit_image",
        {**EDIT, "prompt": "Oil", "enable_safety_checker": True, "callback_url": "http://x.io/c"},
    )
    for seconds in (6, 10):
        add(f"extend-{seconds}s", "extend_video", {**EXTEND, "extension_duration_seconds": seconds})
    add("extend-from-0", "extend_video", {**EXTEND, "start_seconds": 0})
    add("upscale-minimal", "upscale_image", UPSCALE)
    # newer source, the platform contract: the 1.5 models and each ratio and resolution it lists for them
    for model, ratios in ((FAST, ASPECT_RATIOS), (PREVIEW, (*ASPECT_RATIOS, "auto"))):
        for ratio in ratios:
            add(f"t2v-{model}-{ratio}", "text_to_video", {**T2V, "model": model, "aspect_ratio": ratio})
            add(f"i2v-{model}-{ratio}", "image_to_video", {**I2V_URLS, "model": model, "aspect_ratio": ratio})
        for resolution in ("480p", "720p"):
            add(f"t2v-{model}-{resolution}", "text_to_video", {**T2V, "model": model, "output_resolution": resolution})
            add(
                f"i2v-{model}-{resolution}",
                "image_to_video",
                {**I2V_URLS, "model": model, "output_resolution": resolution},
            )
    # the official repository's contract: durations, references, the -preview prompt and 1080p
    for seconds in (1, 30):
        add(f"t2v-fast-{seconds}s", "text_to_video", {**T2V, "model": FAST, "duration_seconds": seconds})
    for seconds in (1, 15):
        add(f"i2v-preview-{seconds}s", "image_to_video", {**I2V_URLS, "model": PREVIEW, "duration_seconds": seconds})
    add("t2v-preview-1080p", "text_to_video", {**T2V, "model": PREVIEW, "output_resolution": "1080p"})
    add("t2v-preview-prompt-4096", "text_to_video", {**T2V, "model": PREVIEW, "prompt": "p" * 4096})
    add("t2v-preview-7-references", "text_to_video", {**T2V, "model": PREVIEW, "reference_image_urls": [IMAGE_URL] * 7})
    add(
        "i2v-preview-6-references",
        "image_to_video",
        {**I2V_URLS, "model": PREVIEW, "reference_image_urls": [IMAGE_URL] * 6},
    )
    add("i2v-fast-references", "image_to_video", {**I2V_URLS, "model": FAST, "reference_image_urls": [IMAGE_URL] * 8})
    add("segment-map-image", "segment_map", SEGMENT)
    add("segment-map-task", "segment_map", {"source_task_id": "t2i-task", "model": "grok-imagine-image-2-0"})
    add(
        "segment-map-all",
        "segment_map",
        {**SEGMENT, "model": "grok-imagine-image-2-0", "callback_url": "https://x.io/c"},
    )
    return cases


@pytest.mark.parametrize(("op", "kwargs"), _accepted_calls())
@responses.activate
def test_valid_values_are_accepted_and_sent_unchanged(client, op, kwargs):
    responses.post(client.base_url + path(op), status=202, json=accepted(op))

    getattr(client.grok_imagine, op).create(**kwargs)

    assert json.loads(responses.calls[0].request.body) == kwargs  # nothing added (no guessed defaults)


RATIOS = "'2:3', '3:2', '1:1', '16:9', '9:16'"
REFUSED = [
    # text_to_video
    pytest.param(
        "text_to_video", {**T2V, "model": "grok-imagine-text-to-image"}, "model", "'grok-imagine-text-to-video'"
    ),
    pytest.param("text_to_video", {"model": T2V["model"]}, "prompt", "missing required parameter 'prompt'"),
    pytest.param("text_to_video", {**T2V, "prompt": "d" * 5001}, "prompt", "1-5000 characters; got 5001"),
    pytest.param("text_to_video", {**T2V, "aspect_ratio": "4:3"}, "aspect_ratio", RATIOS),
    pytest.param("text_to_video", {**T2V, "motion_style": "wild"}, "motion_style", "'fun', 'normal', 'spicy'"),
    pytest.param("text_to_video", {**T2V, "duration_seconds": 5}, "duration_seconds", "from 6 to 30"),
    pytest.param("text_to_video", {**T2V, "duration_seconds": 31}, "duration_seconds", "from 1 to 30"),
    pytest.param("text_to_video", {**T2V, "duration_seconds": 8.5}, "duration_seconds", "an integer"),
    pytest.param("text_to_video", {**T2V, "output_resolution": "1080p"}, "output_resolution", "'480p', '720p'"),
    pytest.param("text_to_video", {**T2V, "enable_safety_checker": "false"}, "enable_safety_checker", "true or false"),
    pytest.param("text_to_video", {**T2V, "callback_url": "your-domain.com/cb"}, "callback_url", "http(s) URL"),
    # image_to_video: one source, index with a task, no spicy with URLs, the list of one URL
    pytest.param("image_to_video", {"model": I2V_URLS["model"]}, "source_image_urls", "source_task_id"),
    pytest.param(
        "image_to_video",
        {**I2V_URLS, **I2V_TASK},
        "source_task_id",
        "give exactly one source",
    ),
    pytest.param("image_to_video", {**I2V_URLS, "index": 0}, "index", "only used with source_task_id"),
    pytest.param("image_to_video", {**I2V_TASK, "index": 6}, "index", "from 0 to 5"),
    pytest.param("image_to_video", {**I2V_TASK, "index": -1}, "index", "from 0 to 5"),
    pytest.param(
        "image_to_video",
        {**I2V_URLS, "motion_style": "spicy"},
        "motion_style",
        "spicy is not available with source_image_urls",
    ),
    pytest.param(
        "image_to_video",
        {**I2V_URLS, "source_image_urls": ["https://a.io/1.jpg", "https://a.io/2.jpg"]},
        "source_image_urls",
        "exactly 1 absolute http(s) URL",
    ),
    pytest.param("image_to_video", {**I2V_URLS, "source_image_urls": []}, "source_image_urls", "exactly 1"),
    pytest.param(
        "image_to_video", {**I2V_URLS, "source_image_urls": "https://a.io/1.jpg"}, "source_image_urls", "a list of"
    ),
    pytest.param(
        "image_to_video", {**I2V_URLS, "source_image_urls": ["image.jpg"]}, "source_image_urls[0]", "http(s) URL"
    ),
    pytest.param("image_to_video", {**I2V_TASK, "source_task_id": " "}, "source_task_id", "a non-blank string"),
    pytest.param("image_to_video", {**I2V_TASK, "duration_seconds": 40}, "duration_seconds", "from 1 to 30"),
    pytest.param("image_to_video", {**I2V_TASK, "duration_seconds": 2}, "duration_seconds", "from 6 to 30"),
    pytest.param("image_to_video", {**I2V_TASK, "aspect_ratio": "21:9"}, "aspect_ratio", RATIOS),
    pytest.param("image_to_video", {**I2V_TASK, "model": "grok-imagine-text-to-video"}, "model", "image-to-video"),
    # text_to_image / edit_image
    pytest.param("text_to_image", {**T2I, "prompt": "f" * 5001}, "prompt", "1-5000 characters"),
    pytest.param("text_to_image", {**T2I, "aspect_ratio": "auto"}, "aspect_ratio", RATIOS),
    pytest.param("text_to_image", {**T2I, "enable_pro": 1}, "enable_pro", "true or false"),
    pytest.param("text_to_image", {**T2I, "output_resolution": "720p"}, "output_resolution", "unknown parameter"),
    pytest.param("edit_image", {"model": EDIT["model"]}, "source_image_url", "missing required parameter"),
    pytest.param("edit_image", {**EDIT, "source_image_url": "image.jpg"}, "source_image_url", "http(s) URL"),
    pytest.param("edit_image", {**EDIT, "source_image_urls": ["https://a.io/1.jpg"]}, "source_image_urls", "unknown"),
    pytest.param("edit_image", {**EDIT, "model": "grok-imagine-text-to-image"}, "model", "'grok-imagine-edit-image'"),
    # extend_video
    *[
        pytest.param(
            "extend_video",
            {k: v for k, v in EXTEND.items() if k != name},
            name,
            f"missing required parameter '{name}'",
            id=f"extend-needs-{name}",
        )
        for name in EXTEND
    ],
    pytest.param("extend_video", {**EXTEND, "extension_duration_seconds": 8}, "extension_duration_seconds", "6, 10"),
    pytest.param("extend_video", {**EXTEND, "extension_duration_seconds": 6.0}, "extension_duration_seconds", "6, 10"),
    pytest.param("extend_video", {**EXTEND, "start_seconds": -1}, "start_seconds", "at least 0"),
    pytest.param("extend_video", {**EXTEND, "start_seconds": 1.5}, "start_seconds", "an integer"),
    pytest.param("extend_video", {**EXTEND, "model": "grok-imagine-text-to-video"}, "model", "unknown parameter"),
    # upscale_image
    pytest.param("upscale_image", {}, "source_task_id", "missing required parameter 'source_task_id'"),
    pytest.param(
        "upscale_image", {**UPSCALE, "source_image_url": EDIT["source_image_url"]}, "source_image_url", "unknown"
    ),
    pytest.param("upscale_image", {**UPSCALE, "callback_url": "ftp://x.io/cb"}, "callback_url", "http(s) URL"),
    # the 1.5 models (newer source: the platform contract and the official repository's contract)
    pytest.param(
        "text_to_video", {**T2V, "model": FAST, "aspect_ratio": "auto"}, "aspect_ratio", f"for model {FAST!r}"
    ),
    pytest.param(
        "text_to_video", {**T2V, "aspect_ratio": "auto"}, "aspect_ratio", "for model 'grok-imagine-text-to-video'"
    ),
    pytest.param(
        "text_to_video", {**T2V, "model": FAST, "output_resolution": "1080p"}, "output_resolution", "'480p', '720p'"
    ),
    pytest.param(
        "text_to_video", {**T2V, "model": PREVIEW, "duration_seconds": 16}, "duration_seconds", "from 1 to 15"
    ),
    pytest.param("text_to_video", {**T2V, "model": PREVIEW, "prompt": "p" * 4097}, "prompt", "1-4096 characters"),
    pytest.param(
        "text_to_video",
        {**T2V, "model": PREVIEW, "reference_image_urls": [IMAGE_URL] * 8},
        "reference_image_urls",
        "1-7",
    ),
    pytest.param(
        "image_to_video",
        {**I2V_URLS, "model": PREVIEW, "reference_image_urls": [IMAGE_URL] * 7},
        "reference_image_urls",
        "1-6",
    ),
    pytest.param(
        "text_to_video", {**T2V, "reference_image_urls": [IMAGE_URL]}, "reference_image_urls", f"only for {FAST!r}"
    ),
    *[
        pytest.param(
            op,
            {**base, "model": model, name: value},
            name,
            f"not accepted for model {model!r}",
            id=f"{op}-{model}-{name}",
        )
        for op, base in (("text_to_video", T2V), ("image_to_video", I2V_URLS))
        for model in (FAST, PREVIEW)
        for name, value in (("motion_style", "fun"), ("enable_safety_checker", True))
    ],
    *[
        pytest.param(
            "image_to_video",
            {**I2V_TASK, "model": model},
            "source_task_id",
            f"not accepted for model {model!r}",
            id=f"i2v-{model}-task",
        )
        for model in (FAST, PREVIEW)
    ],
    # segment_map: an image, given as a URL or as a prior Image 2.0 task
    pytest.param("segment_map", {}, "image_url", "or source_task_id"),
    pytest.param("segment_map", {"image_url": "image.jpg"}, "image_url", "http(s) URL"),
    pytest.param(
        "segment_map", {**SEGMENT, "model": "grok-imagine-text-to-image"}, "model", "'grok-imagine-image-2-0'"
    ),
]


@pytest.mark.parametrize(("op", "kwargs", "field_name", "fragment"), REFUSED)
@responses.activate
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, op, kwargs, field_name, fragment):
    responses.post(client.base_url + path(op), status=202, json=accepted(op))  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        getattr(client.grok_imagine, op).create(**kwargs)

    assert info.value.field == field_name
    assert field_name in str(info.value)
    assert fragment in str(info.value)
    assert len(responses.calls) == 0
