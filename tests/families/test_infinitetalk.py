"""InfiniteTalk (``client.infinitetalk``), checked against the docs' InfiniteTalk section.

The examples under ``tests/fixtures/infinitetalk/`` are the section's payloads, copied as data:
the create body (curl example), its 202 answer and the completed status answer. The docs print no
processing, failed or callback example: the 202 answer stands in for "processing" (its documented
shape), a failure is the platform's general shape (docs: Errors > Task-Specific Errors), and a
callback body is the status answer (docs: Callbacks > Callback payload).

The generic contract checks (the endpoint, ``client.infinitetalk``, the example sent as is, every
answer structured with nothing dropped, run/failed/get on the status path) live in
``test_every_family.py``. This file keeps what is particular to InfiniteTalk: its model and rules,
refusals, typed reads of its answers and its signature.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import cattrs
import pytest
import responses

import runapi
from runapi._core.params.rules import _literal_values  # the known values of an open (Literal | str) id
from runapi.infinitetalk import MODELS, AudioToVideoParams, Video, VideoTask
from tests.families.contract import strict_converter

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "infinitetalk"
PATH = "/api/v1/infinitetalk/audio_to_video"

VIDEO_URL = "https://file.runapi.ai/infinitetalk/video.mp4"


def load(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


REQUEST = load("audio_to_video_request")
ACCEPTED = load("audio_to_video_accepted")
COMPLETED = load("audio_to_video_completed")
MINIMAL = {k: REQUEST[k] for k in ("model", "source_image_url", "source_audio_url", "prompt")}


# -- the family's surface ----------------------------------------------------------------------


def test_the_one_model_is_the_params_model():
    assert MODELS == ("infinitetalk-from-audio",)
    assert _literal_values(inspect.get_annotations(AudioToVideoParams, eval_str=True)["model"]) == MODELS


def test_create_shows_the_real_parameters(client):
    parameters = inspect.signature(client.infinitetalk.audio_to_video.create).parameters
    assert list(parameters)[:4] == ["model", "source_image_url", "source_audio_url", "prompt"]
    assert all(parameters[name].default is None for name in ("output_resolution", "seed", "callback_url"))


# -- the documented answers, as a user reads them ------------------------------------------------


def test_the_strict_check_does_catch_an_unmodelled_field():
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**COMPLETED, "model": "infinitetalk-from-audio"}, VideoTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**COMPLETED, "videos": [{"url": "u", "duration": 3}]}, VideoTask)


def test_completed_answer_reads_as_typed_videos():
    task = VideoTask.from_dict(COMPLETED)
    assert task.is_completed and task.error is None
    assert task.videos == [Video(url=VIDEO_URL)]
    assert task.output_urls == [VIDEO_URL]
    assert VideoTask.from_dict(ACCEPTED).output_urls == []


# -- what the endpoint accepts --------------------------------------------------------------------

ACCEPTED_CALLS = [
    pytest.param(MINIMAL, id="minimal"),
    pytest.param({**MINIMAL, "output_resolution": "720p"}, id="720p"),
    pytest.param({**MINIMAL, "output_resolution": "480p"}, id="480p"),
    pytest.param({**MINIMAL, "seed": 10_000}, id="seed-lowest"),
    pytest.param({**MINIMAL, "seed": 1_000_000}, id="seed-highest"),
    pytest.param({**MINIMAL, "prompt": "p" * 5000}, id="prompt-5000"),
]


@pytest.mark.parametrize("kwargs", ACCEPTED_CALLS)
@responses.activate
def test_valid_values_are_accepted_and_sent_unchanged(client, kwargs):
    responses.post(client.base_url + PATH, status=202, json=ACCEPTED)

    client.infinitetalk.audio_to_video.create(**kwargs)

    assert json.loads(responses.calls[0].request.body) == kwargs


REFUSED = [
    *[
        pytest.param(
            {k: v for k, v in MINIMAL.items() if k != name},
            name,
            f"missing required parameter '{name}'",
            id=f"needs-{name}",
        )
        for name in MINIMAL
    ],
    pytest.param({**MINIMAL, "model": "infinitetalk"}, "model", "one of 'infinitetalk-from-audio'"),
    pytest.param({**MINIMAL, "source_image_url": "portrait.jpg"}, "source_image_url", "http(s) URL"),
    pytest.param({**MINIMAL, "source_audio_url": "s3://bucket/voice.mp3"}, "source_audio_url", "http(s) URL"),
    pytest.param({**MINIMAL, "prompt": "p" * 5001}, "prompt", "1-5000 characters; got 5001"),
    pytest.param({**MINIMAL, "prompt": "   "}, "prompt", "a non-blank string"),
    pytest.param({**MINIMAL, "output_resolution": "1080p"}, "output_resolution", "one of '480p', '720p'"),
    pytest.param({**MINIMAL, "seed": 9_999}, "seed", "an integer from 10000 to 1000000"),
    pytest.param({**MINIMAL, "seed": 1_000_001}, "seed", "from 10000 to"),
    pytest.param({**MINIMAL, "seed": 12345.0}, "seed", "an integer"),
    pytest.param({**MINIMAL, "callback_url": "example.com/callback"}, "callback_url", "http(s) URL"),
    pytest.param({**MINIMAL, "source_image_urls": ["https://a.io/x.jpg"]}, "source_image_urls", "unknown parameter"),
]


@pytest.mark.parametrize(("kwargs", "field_name", "fragment"), REFUSED)
@responses.activate
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, kwargs, field_name, fragment):
    responses.post(client.base_url + PATH, status=202, json=ACCEPTED)

    with pytest.raises(runapi.ValidationError) as info:
        client.infinitetalk.audio_to_video.create(**kwargs)

    assert info.value.field == field_name
    assert field_name in str(info.value)
    assert fragment in str(info.value)
    assert len(responses.calls) == 0
