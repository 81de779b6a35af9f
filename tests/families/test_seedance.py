"""Seedance (``client.seedance``), checked against the docs' Seedance section.

The examples under ``tests/fixtures/seedance/`` are the section's payloads, copied as data: the
create body (curl example), the 202 answer, the completed status answer and the two callback
examples. The docs print no processing or failed *status* example: the 202 answer stands in for
"processing" (its documented shape) and the failed callback for a failed status answer.

The generic contract checks (the endpoint, ``client.seedance``, the example sent as is, every answer
structured with nothing dropped, run/failed/get on the status path) live in
``test_every_family.py``. This file keeps what is particular to Seedance: typed reads of its
answers, its signature, and its per-model rules and refusals.

The per-model tables below (aspect ratios, resolutions, durations, which model takes which field)
are written out from the docs' parameter table and, where newer, the platform contract
(``tests/contract/platform-contract.json``: ``seedance-2-mini``, ``4k`` for ``seedance-2.0``, the
1.5-pro ratios, no ``seedance-v1-lite`` or ``9:21``) and the official ``runapi-ai/seedance-sdk``
contract (1.5-pro durations 4-12, 2.x reference limits), not derived from ``runapi.seedance``, so a
wrong entry in the module's rules fails here. Every call goes through the public API with HTTP mocked by
``responses``.
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
from runapi.seedance import MODEL_RULES, MODELS, Video, VideoTask
from tests.families.contract import strict_converter

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "seedance"
PATH = "/api/v1/seedance/text_to_video"

IMG = "https://example.com/frame.png"
IMG2 = "https://example.com/end.png"
VID = "https://example.com/reference.mp4"
AUDIO = "https://example.com/reference.mp3"
PROMPT = "A paper boat drifting down a rainy street"


def load(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def url(client: runapi.Client, task_id: str | None = None) -> str:
    return client.base_url + PATH + ("" if task_id is None else f"/{task_id}")


def canonical(value: Any) -> str:
    """JSON text with sorted keys: equal only if values and JSON types are equal (8 != 8.0)."""
    return json.dumps(value, sort_keys=True)


# -- the family's surface ----------------------------------------------------------------------


def test_create_shows_the_real_parameters(client):
    signature = inspect.signature(client.seedance.text_to_video.create)
    assert list(signature.parameters)[:2] == ["model", "prompt"]
    assert signature.parameters["reference_video_urls"].default is None
    assert "first_frame_image_url" in inspect.signature(client.seedance.text_to_video.run).parameters


# -- the documented answers, as a user reads them ------------------------------------------------


def test_the_strict_check_does_catch_an_unmodelled_field():
    payload = load("text_to_video_completed")
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "seed": 42}, VideoTask)
    with pytest.raises(cattrs.BaseValidationError):
        strict_converter().structure({**payload, "videos": [{"url": "u", "duration": 5}]}, VideoTask)


def test_completed_answer_reads_as_typed_outputs():
    task = VideoTask.from_dict(load("text_to_video_completed"))

    assert task.is_completed
    assert task.error is None
    assert task.videos == [Video(url="https://tempfile.runapi.ai/generated-video.mp4")]
    assert task.output_urls == ["https://tempfile.runapi.ai/generated-video.mp4"]
    assert task.last_frame_image_url == "https://tempfile.runapi.ai/generated-last-frame.png"


def test_failed_callback_reads_as_a_failed_task_without_outputs():
    task = VideoTask.from_dict(load("text_to_video_callback_failed"))
    assert task.is_failed
    assert task.error == "Task failed"
    assert task.videos == []
    assert task.output_urls == []
    assert task.last_frame_image_url is None


# -- what each model accepts (docs: Create Seedance Text-to-Video > Request Parameters) -----------


def test_every_model_has_an_entry_in_the_rules_table():
    assert set(MODEL_RULES.table) == set(MODELS)
    assert MODELS == (
        "seedance-1.5-pro",
        "seedance-2.0",
        "seedance-2.0-fast",
        "seedance-2-mini",
        "seedance-v1-pro",
        "seedance-v1-pro-fast",
    )


# the smallest call each model takes (its required fields; v1-pro-fast is image-to-video only)
MINIMAL: dict[str, dict[str, Any]] = {
    "seedance-1.5-pro": {"model": "seedance-1.5-pro", "prompt": PROMPT, "aspect_ratio": "16:9", "duration_seconds": 8},
    "seedance-2.0": {"model": "seedance-2.0", "prompt": PROMPT},
    "seedance-2.0-fast": {"model": "seedance-2.0-fast", "prompt": PROMPT},
    "seedance-2-mini": {"model": "seedance-2-mini", "prompt": PROMPT},
    "seedance-v1-pro": {"model": "seedance-v1-pro", "prompt": PROMPT, "aspect_ratio": "16:9", "duration_seconds": 10},
    "seedance-v1-pro-fast": {
        "model": "seedance-v1-pro-fast",
        "prompt": PROMPT,
        "first_frame_image_url": IMG,
        "duration_seconds": 5,
    },
}
TWO_X = ("seedance-2.0", "seedance-2.0-fast", "seedance-2-mini")
V1 = ("seedance-v1-pro", "seedance-v1-pro-fast")

ASPECT_RATIOS = {
    "seedance-1.5-pro": ["1:1", "4:3", "3:4", "16:9", "9:16", "21:9"],
    "seedance-2.0": ["1:1", "4:3", "3:4", "16:9", "9:16", "21:9", "auto"],
    "seedance-2.0-fast": ["1:1", "4:3", "3:4", "16:9", "9:16", "21:9", "auto"],
    "seedance-2-mini": ["1:1", "4:3", "3:4", "16:9", "9:16", "21:9", "auto"],
    "seedance-v1-pro": ["1:1", "4:3", "3:4", "16:9", "9:16", "21:9"],
}
REFUSED_ASPECT_RATIOS = {"seedance-1.5-pro": ["auto"], "seedance-v1-pro": ["auto"]}
RESOLUTIONS = {
    "seedance-1.5-pro": ["480p", "720p", "1080p"],
    "seedance-2.0": ["480p", "720p", "1080p", "4k"],
    "seedance-2.0-fast": ["480p", "720p"],
    "seedance-2-mini": ["480p", "720p"],
    "seedance-v1-pro": ["480p", "720p", "1080p"],
    "seedance-v1-pro-fast": ["720p", "1080p"],
}
DURATIONS = {
    "seedance-1.5-pro": list(range(4, 13)),
    "seedance-2.0": list(range(4, 16)),
    "seedance-2.0-fast": list(range(4, 16)),
    "seedance-2-mini": list(range(4, 16)),
    "seedance-v1-pro": [5, 10],
    "seedance-v1-pro-fast": [5, 10],
}
PROMPT_LIMITS = {"seedance-1.5-pro": 2_500, "seedance-2.0": 20_000, "seedance-2.0-fast": 20_000}
PROMPT_LIMITS |= {model: 10_000 for model in V1}

# field -> (a value, the models that take it)
TAKEN_BY: dict[str, tuple[Any, tuple[str, ...]]] = {
    "aspect_ratio": ("16:9", ("seedance-1.5-pro", *TWO_X, "seedance-v1-pro")),
    "output_resolution": ("720p", MODELS),
    "generate_audio": (True, ("seedance-1.5-pro", *TWO_X)),
    "enable_safety_checker": (False, tuple(m for m in MODELS if m != "seedance-2-mini")),
    "source_image_urls": ([IMG, IMG2], ("seedance-1.5-pro",)),
    "lock_camera": (True, ("seedance-1.5-pro", "seedance-v1-pro")),
    "seed": (42, ("seedance-v1-pro",)),
    "first_frame_image_url": (IMG, (*TWO_X, *V1)),
    "last_frame_image_url": (IMG2, TWO_X),
    "reference_image_urls": ([IMG], TWO_X),
    "reference_video_urls": ([VID], TWO_X),
    "reference_audio_urls": ([AUDIO], TWO_X),
    "web_search": (True, TWO_X),
}


def call_with(model: str, **extra: Any) -> dict[str, Any]:
    """``model``'s minimal call plus ``extra``, shaped as a user writes it for the mode ``extra`` picks.

    A first frame makes v1-pro image-to-video (no aspect ratio); a last frame comes with a
    first frame; reference audio comes with a reference image.
    """
    kwargs = {**MINIMAL[model], **extra}
    if "last_frame_image_url" in extra and model != "seedance-1.5-pro":
        kwargs.setdefault("first_frame_image_url", IMG)
    if "reference_audio_urls" in extra:
        kwargs.setdefault("reference_image_urls", [IMG])
    if "first_frame_image_url" in kwargs and model == "seedance-v1-pro":
        kwargs.pop("aspect_ratio")
    return kwargs


def _accepted_cases() -> list[Any]:
    cases = [pytest.param(dict(kwargs), id=f"{model}-minimal") for model, kwargs in MINIMAL.items()]
    cases.append(pytest.param(load("text_to_video_request"), id="documented-request"))
    for model, values in ASPECT_RATIOS.items():
        cases += [pytest.param(call_with(model, aspect_ratio=v), id=f"{model}-aspect-{v}") for v in values]
    for model, values in RESOLUTIONS.items():
        cases += [pytest.param(call_with(model, output_resolution=v), id=f"{model}-{v}") for v in values]
    for model, values in DURATIONS.items():
        cases += [pytest.param(call_with(model, duration_seconds=v), id=f"{model}-{v}s") for v in values]
    for model, limit in PROMPT_LIMITS.items():
        cases.append(pytest.param(call_with(model, prompt="a" * limit), id=f"{model}-prompt-{limit}"))
        cases.append(pytest.param(call_with(model, prompt="abc"), id=f"{model}-prompt-3"))
    for name, (value, models) in TAKEN_BY.items():
        cases += [pytest.param(call_with(model, **{name: value}), id=f"{model}-{name}") for model in models]
    cases += [
        pytest.param(call_with("seedance-v1-pro", seed=-1), id="seed-minus-1-random"),
        pytest.param(call_with("seedance-2-mini", reference_image_urls=[IMG] * 9), id="nine-reference-images"),
        pytest.param(
            call_with("seedance-2.0", reference_image_urls=[IMG], reference_audio_urls=[AUDIO] * 3),
            id="three-reference-audios",
        ),
        pytest.param(call_with("seedance-v1-pro", seed=2_147_483_647), id="seed-max"),
        pytest.param(call_with("seedance-1.5-pro", source_image_urls=[IMG]), id="one-source-image"),
        pytest.param(call_with("seedance-2.0", reference_video_urls=[VID, VID, VID]), id="three-reference-videos"),
        pytest.param(
            {**MINIMAL["seedance-2.0-fast"], "reference_video_urls": [VID], "reference_audio_urls": [AUDIO]},
            id="audio-with-a-video-reference",
        ),
        pytest.param(
            call_with(
                "seedance-2.0",
                reference_image_urls=[IMG, IMG2],
                reference_video_urls=[VID],
                reference_audio_urls=[AUDIO],
                web_search=True,
                generate_audio=True,
                aspect_ratio="auto",
                duration_seconds=15,
                callback_url="https://example.com/callback",
            ),
            id="2.0-reference-mode-everything",
        ),
        pytest.param(
            call_with("seedance-v1-pro", first_frame_image_url=IMG, seed=7, lock_camera=True),
            id="v1-pro-image-to-video",
        ),
    ]
    return cases


@pytest.mark.parametrize("kwargs", _accepted_cases())
@responses.activate
def test_valid_values_are_accepted_and_sent_unchanged(client, kwargs):
    responses.post(url(client), status=202, json=load("text_to_video_accepted"))

    client.seedance.text_to_video.create(**kwargs)

    assert canonical(json.loads(responses.calls[0].request.body)) == canonical(kwargs)  # nothing added


def _refused_cases() -> list[Any]:
    cases: list[Any] = []

    def add(case_id: str, kwargs: dict[str, Any], field: str, *fragments: str) -> None:
        cases.append(pytest.param(kwargs, field, fragments, id=case_id))

    # per-model enums and ranges, with the model named in the message
    for model, values in REFUSED_ASPECT_RATIOS.items():
        for v in values:
            add(
                f"{model}-aspect-{v}",
                call_with(model, aspect_ratio=v),
                "aspect_ratio",
                f"for model {model!r}",
                "'16:9'",
            )
    for model, values in RESOLUTIONS.items():
        for v in ("480p", "720p", "1080p", "4k"):
            if v not in values:
                add(f"{model}-{v}", call_with(model, output_resolution=v), "output_resolution", f"for model {model!r}")
    for model, values in DURATIONS.items():
        for v in (3, 4, 5, 6, 8, 10, 12, 15, 16):
            if v not in values:
                add(f"{model}-{v}s", call_with(model, duration_seconds=v), "duration_seconds", f"for model {model!r}")
    add("duration-float", call_with("seedance-2.0", duration_seconds=8.5), "duration_seconds", "an integer")
    add("duration-bool", call_with("seedance-1.5-pro", duration_seconds=True), "duration_seconds", "an integer")
    for model, limit in PROMPT_LIMITS.items():
        add(f"{model}-prompt-long", call_with(model, prompt="a" * (limit + 1)), "prompt", f"3-{limit} characters")
        add(f"{model}-prompt-short", call_with(model, prompt="ab"), "prompt", f"3-{limit} characters")

    # fields a model does not take: refused, naming the models that do
    for name, (value, models) in TAKEN_BY.items():
        for model in MODELS:
            if model not in models:
                add(f"{model}-{name}", {**MINIMAL[model], name: value}, name, f"not accepted for model {model!r}")

    # required per model
    for model in ("seedance-1.5-pro", *V1):
        kwargs = {k: v for k, v in MINIMAL[model].items() if k != "duration_seconds"}
        add(f"{model}-no-duration", kwargs, "duration_seconds", f"required for model {model!r}")
    add(
        "1.5-pro-no-aspect",
        {"model": "seedance-1.5-pro", "prompt": PROMPT, "duration_seconds": 4},
        "aspect_ratio",
        "required for model 'seedance-1.5-pro'",
    )
    add(
        "v1-pro-fast-no-first-frame",
        {"model": "seedance-v1-pro-fast", "prompt": PROMPT, "duration_seconds": 5},
        "first_frame_image_url",
        "required for model 'seedance-v1-pro-fast'",
    )

    # the v1 text / image-to-video switch
    for model in ("seedance-v1-pro",):
        add(
            f"{model}-text-without-aspect",
            {"model": model, "prompt": PROMPT, "duration_seconds": 5},
            "aspect_ratio",
            f"required for model {model!r} text-to-video",
        )
        add(
            f"{model}-image-with-aspect",
            {**MINIMAL[model], "first_frame_image_url": IMG},
            "aspect_ratio",
            "first_frame_image_url",
            "from the image",
        )

    # frames, references and their companions
    for model in TWO_X:
        kwargs = {**MINIMAL[model], "last_frame_image_url": IMG2}
        add(f"{model}-last-frame-alone", kwargs, "first_frame_image_url", "required with last_frame_image_url")
    for model in TWO_X:
        for reference, value in (("reference_image_urls", [IMG]), ("reference_video_urls", [VID])):
            kwargs = {**MINIMAL[model], "first_frame_image_url": IMG, reference: value}
            add(f"{model}-frame-and-{reference}", kwargs, reference, "frame mode or reference mode")
        add(
            f"{model}-audio-alone",
            {**MINIMAL[model], "reference_audio_urls": [AUDIO]},
            "reference_audio_urls",
            "reference_image_urls or reference_video_urls",
        )
    add(
        "four-reference-videos",
        call_with("seedance-2.0", reference_video_urls=[VID] * 4),
        "reference_video_urls",
        "1-3",
        "got 4 items",
    )
    add(
        "ten-reference-images",
        call_with("seedance-2-mini", reference_image_urls=[IMG] * 10),
        "reference_image_urls",
        "for model 'seedance-2-mini'",
    )
    add(
        "four-reference-audios",
        call_with("seedance-2.0-fast", reference_image_urls=[IMG], reference_audio_urls=[AUDIO] * 4),
        "reference_audio_urls",
        "for model 'seedance-2.0-fast'",
    )
    add("no-reference-images", call_with("seedance-2.0", reference_image_urls=[]), "reference_image_urls", "at least 1")
    add("three-source-images", call_with("seedance-1.5-pro", source_image_urls=[IMG] * 3), "source_image_urls", "1-2")
    add("source-images-string", call_with("seedance-1.5-pro", source_image_urls=IMG), "source_image_urls", "a list")

    # plain types and ranges
    # (the upper bound's spelling is checked in test_the_seed_range_is_spelled_out)
    add("seed-below", call_with("seedance-v1-pro", seed=-2), "seed", "an integer from -1 to", "got -2")
    add(
        "seed-above",
        call_with("seedance-v1-pro", seed=2_147_483_648),
        "seed",
        "an integer from -1 to",
        "got 2147483648",
    )
    add("seed-string", call_with("seedance-v1-pro", seed="42"), "seed", "an integer")
    add("model-unknown", {**MINIMAL["seedance-2.0"], "model": "seedance-2"}, "model", "'seedance-2.0-fast'")
    add("no-prompt", {"model": "seedance-2.0"}, "prompt", "missing required parameter 'prompt'")
    add("blank-prompt", call_with("seedance-2.0", prompt="     "), "prompt", "non-blank")
    add("audio-string", call_with("seedance-2.0", generate_audio="false"), "generate_audio", "true or false")
    add("safety-int", call_with("seedance-2.0", enable_safety_checker=1), "enable_safety_checker", "true or false")
    add("callback-not-url", call_with("seedance-2.0", callback_url="your-domain.com/cb"), "callback_url", "http(s) URL")
    add(
        "frame-not-url",
        call_with("seedance-2.0", first_frame_image_url="frame.png"),
        "first_frame_image_url",
        "http(s)",
    )
    add("unknown-parameter", call_with("seedance-2.0", resolution="720p"), "resolution", "unknown parameter")
    return cases


@pytest.mark.parametrize(("kwargs", "field_name", "fragments"), _refused_cases())
@responses.activate
def test_a_value_the_docs_rule_out_is_refused_before_any_request(client, kwargs, field_name, fragments):
    responses.post(url(client), status=202, json=load("text_to_video_accepted"))  # would succeed if sent

    with pytest.raises(runapi.ValidationError) as info:
        client.seedance.text_to_video.create(**kwargs)

    assert len(responses.calls) == 0
    assert info.value.field == field_name
    message = str(info.value)
    assert field_name in message
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"


def test_a_refused_field_names_every_model_that_takes_it(client):
    with pytest.raises(runapi.ValidationError) as info:
        client.seedance.text_to_video.create(**MINIMAL["seedance-v1-pro-fast"], lock_camera=True)
    message = str(info.value)
    for model in TAKEN_BY["lock_camera"][1]:
        assert repr(model) in message
    assert "'seedance-2.0'" not in message


def test_the_seed_range_is_spelled_out(client):
    with pytest.raises(runapi.ValidationError) as info:
        client.seedance.text_to_video.create(**MINIMAL["seedance-v1-pro"], seed=2_147_483_648)
    assert "from -1 to 2147483647" in str(info.value)


DROPPED = [  # the docs' values the platform contract no longer lists for text_to_video
    pytest.param(
        {"model": "seedance-v1-lite", "prompt": PROMPT, "aspect_ratio": "16:9", "duration_seconds": 5},
        "model",
        id="model-seedance-v1-lite",
    ),
    pytest.param({**MINIMAL["seedance-2.0"], "aspect_ratio": "9:21"}, "aspect_ratio", id="aspect-9:21"),
]


@pytest.mark.parametrize(("kwargs", "field_name"), DROPPED)
def test_a_value_the_contract_dropped_is_refused_when_strict_else_warned_and_sent(client, kwargs, field_name):
    from runapi._core.params import validators

    with pytest.raises(runapi.ValidationError) as info:
        client.seedance.text_to_video.create(**kwargs)  # the family tests' client is strict
    assert info.value.field == field_name
    validators._WARNED.clear()  # as in a new process: nothing warned about yet
    with responses.RequestsMock() as mock:
        mock.post(url(client), status=202, json=load("text_to_video_accepted"))
        with pytest.warns(runapi.UnknownValueWarning, match=field_name):
            client.with_options(strict=False).seedance.text_to_video.create(**kwargs)
        assert canonical(json.loads(mock.calls[0].request.body)) == canonical(kwargs)
