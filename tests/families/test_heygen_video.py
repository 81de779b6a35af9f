"""HeyGen Video (``runapi.heygen_video``), checked against what the sources publish: the platform
contract (the two paths, "no model list published") and the official package ``runapi-heygen-video``
0.1.0 (its README's one example: ``model="heygen-video-1"``, ``prompt``, ``aspect_ratio="16:9"``;
its response model ``videos: [{url}]``).

The family is bound to a client directly (``HeyGenVideo(client)``) until it is registered on the
client. What no source names is left open: other fields go through ``extra_body``. HTTP is mocked.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest
import responses

import runapi
from runapi.heygen_video import MODELS, HeyGenVideo, Video, VideoTask

TASK_ID = "550e8400-e29b-41d4-a716-446655440000"
VIDEO_URL = "https://tempfile.runapi.ai/heygen-video/result.mp4"
IMAGE = "https://cdn.runapi.ai/public/samples/image.jpg"
# the official README's quick-start body
T2V = {
    "model": "heygen-video-1",
    "prompt": "A cinematic tracking shot through a rain-soaked city",
    "aspect_ratio": "16:9",
}
OPS = ("text_to_video", "image_to_video")


def path(op: str) -> str:
    return f"/api/v1/heygen_video/{op}"


def create(family: Any, op: str, kwargs: dict[str, Any]) -> list[Any]:
    """Create through the public API with HTTP mocked; the requests sent."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(family._client.base_url + path(op), status=202, json={"id": TASK_ID, "status": "processing"})
        getattr(family, op).create(**kwargs)
        return list(mock.calls)


def test_the_one_published_model() -> None:
    assert MODELS == ("heygen-video-1",)


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize(
    "kwargs",
    [T2V, {"model": "heygen-video-1"}, {**T2V, "aspect_ratio": "9:16", "callback_url": "https://example.com/cb"}],
    ids=["readme", "model-only", "other-ratio"],
)
def test_the_known_fields_are_accepted_without_a_warning_and_sent_as_given(client, op, kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error", runapi.UnknownValueWarning)
        (call,) = create(HeyGenVideo(client), op, kwargs)
    assert json.loads(call.request.body) == kwargs


def test_the_unnamed_first_frame_goes_through_extra_body(client):
    family = HeyGenVideo(client)
    with responses.RequestsMock() as mock:
        mock.post(client.base_url + path("image_to_video"), status=202, json={"id": TASK_ID})
        family.image_to_video.with_options(extra_body={"first_frame_image_url": IMAGE}).create(**T2V)
        (call,) = mock.calls
    assert json.loads(call.request.body) == {**T2V, "first_frame_image_url": IMAGE}


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize(
    ("kwargs", "field_name", "fragment"),
    [
        ({"prompt": "p"}, "model", "missing required parameter"),
        ({**T2V, "prompt": " "}, "prompt", "non-blank"),
        ({**T2V, "aspect_ratio": 16}, "aspect_ratio", "string"),
        ({**T2V, "first_frame_image_url": IMAGE}, "first_frame_image_url", "extra_body"),
        ({**T2V, "callback_url": "cb"}, "callback_url", "URL"),
    ],
    ids=["no-model", "blank-prompt", "ratio-number", "unnamed-field", "relative-callback"],
)
def test_mistakes_are_refused_before_any_request(client, op, kwargs, field_name, fragment):
    with pytest.raises(runapi.ValidationError) as info:
        create(HeyGenVideo(client), op, kwargs)
    assert info.value.field == field_name
    assert fragment in str(info.value)


def test_another_model_id_is_refused_when_strict_else_warned_and_sent(client):
    kwargs = {**T2V, "model": "heygen-video-2"}
    with pytest.raises(runapi.ValidationError):
        create(HeyGenVideo(client), "text_to_video", kwargs)  # the family tests' client is strict
    with pytest.warns(runapi.UnknownValueWarning, match="model"):
        (call,) = create(HeyGenVideo(client.with_options(strict=False)), "text_to_video", kwargs)
    assert json.loads(call.request.body)["model"] == "heygen-video-2"


def test_a_completed_answer_reads_as_typed_videos_and_run_polls_it(client):
    completed = {"id": TASK_ID, "status": "completed", "videos": [{"url": VIDEO_URL}]}
    assert VideoTask.from_dict(completed).videos == [Video(url=VIDEO_URL)]
    with responses.RequestsMock() as mock:
        mock.post(client.base_url + path("text_to_video"), status=202, json={"id": TASK_ID, "status": "processing"})
        mock.get(f"{client.base_url}{path('text_to_video')}/{TASK_ID}", json=completed)
        task = HeyGenVideo(client).text_to_video.run(**T2V)
    assert isinstance(task, VideoTask) and task.output_urls == [VIDEO_URL]
