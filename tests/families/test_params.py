"""Request parameters of the Suno, Nano Banana and Veo 3.1 operations, checked against RunAPI's docs.

Every example body comes from the docs' curl examples (``tests/fixtures``; that each goes on the wire
unchanged is checked for every family in ``test_every_family.py``); every enum, range and
conditional rule from the parameter tables. Nano Banana's ``edit_image`` has no section in the docs:
its rules follow the reading stated in ``runapi/nano_banana.py``'s docstring.

Each test sends through the public API (``client.<family>.<operation>.create(...)``) with HTTP mocked
by ``responses``, so "refused before any request" is observed, not assumed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import pytest
import responses

import runapi

# -- helpers ------------------------------------------------------------------------------------

# What each operation's 202 answer is in tests/fixtures (edit_image is undocumented: the docs' 202
# answer is the same for every task endpoint, so text_to_image's is used).
ACCEPTED = {
    "suno.text_to_music": ("suno", "text_to_music_accepted"),
    "suno.extend_music": ("suno", "extend_music_accepted"),
    "suno.generate_lyrics": ("suno", "generate_lyrics_accepted"),
    "nano_banana.text_to_image": ("nano_banana", "text_to_image_accepted"),
    "nano_banana.edit_image": ("nano_banana", "text_to_image_accepted"),
    "veo_3_1.text_to_video": ("veo_3_1", "text_to_video_accepted"),
    "veo_3_1.extend_video": ("veo_3_1", "extend_video_accepted"),
    "veo_3_1.upscale_video": ("veo_3_1", "upscale_video_accepted"),
}
OPERATIONS = list(ACCEPTED)

DOG = "A dog playing in a park on a sunny day, running through grass with a ball in its mouth"
SOURCE_TASK = "550e8400-e29b-41d4-a716-446655440000"
AUDIO_ID = "2902e564-9001-427c-a6fa-585b86a864fe"
FRAME = "https://cdn.runapi.ai/public/samples/image-to-video.jpg"
REFS = [
    "https://cdn.runapi.ai/public/samples/reference-1.jpg",
    "https://cdn.runapi.ai/public/samples/reference-2.jpg",
    "https://cdn.runapi.ai/public/samples/reference-3.jpg",
]
IMAGE = "https://file.runapi.ai/generated/image1.png"

# The smallest valid call of each operation (docs' values); the refusal cases below change one thing.
BASE: dict[str, dict[str, Any]] = {
    "suno.text_to_music": {
        "vocal_mode": "auto_lyrics",
        "prompt": "A chill lo-fi beat with soft vocals",
        "model": "suno-v5",
    },
    "suno.extend_music": {"parameter_mode": "source", "audio_id": AUDIO_ID, "model": "suno-v4"},
    "suno.generate_lyrics": {"prompt": "A song about peaceful night in the city"},
    "nano_banana.text_to_image": {"model": "nano-banana", "prompt": "A cute cat wearing a space helmet"},
    "nano_banana.edit_image": {
        "model": "nano-banana-edit",
        "prompt": "Add a space helmet to the cat",
        "source_image_urls": [IMAGE],
    },
    "veo_3_1.text_to_video": {"prompt": DOG, "model": "veo-3.1-fast"},
    "veo_3_1.extend_video": {"source_task_id": SOURCE_TASK, "prompt": "The dog continues running through the park"},
    "veo_3_1.upscale_video": {"source_task_id": SOURCE_TASK, "output_resolution": "1080p"},
}
# The custom-mode extend call from the docs' curl example, as a base for custom-mode rules.
EXTEND_CUSTOM = {
    "parameter_mode": "custom",
    "audio_id": AUDIO_ID,
    "prompt": "Extend the music with more relaxing notes",
    "style": "Classical",
    "title": "Peaceful Piano Extended",
    "continue_at": 60,
    "model": "suno-v4",
}

OMIT = object()  # in an override: leave this parameter out


def resource(client: runapi.Client, op: str) -> Any:
    family, name = op.split(".")
    return getattr(getattr(client, family), name)


def url(client: runapi.Client, op: str) -> str:
    family, name = op.split(".")
    return f"{client.base_url}/api/v1/{family}/{name}"


def with_overrides(base: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    kwargs = {**base, **overrides}
    return {k: v for k, v in kwargs.items() if v is not OMIT}


def canonical(value: Any) -> str:
    """JSON text with sorted keys: equal only if the values and their JSON types are equal (60 != 60.0)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def send(
    client: runapi.Client,
    http: responses.RequestsMock,
    op: str,
    kwargs: Mapping[str, Any],
    example: Callable[[str, str], Any],
    target: Any = None,
) -> tuple[dict[str, Any], Any, Any]:
    """Create through ``target`` (default: the plain operation); return (wire body, request, task)."""
    http.post(url(client, op), status=202, json=example(*ACCEPTED[op]))
    task = (target or resource(client, op)).create(**kwargs)
    assert len(http.calls) == 1
    request = http.calls[0].request
    return json.loads(request.body), request, task


def refuse(
    client: runapi.Client, http: responses.RequestsMock, op: str, *args: Any, target: Any = None, **kwargs: Any
) -> runapi.ValidationError:
    """Assert ``create`` raises ValidationError and sends nothing; return the error."""
    http.post(url(client, op), status=202, json={"id": "never-used", "status": "processing"})
    with pytest.raises(runapi.ValidationError) as info:
        (target or resource(client, op)).create(*args, **kwargs)
    assert len(http.calls) == 0, "a refused call must not reach the network"
    return info.value


# -- (a) bodies beyond the docs' curl examples, and the Idempotency-Key ------------------------------


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


@pytest.mark.parametrize("op", OPERATIONS)
def test_each_create_gets_its_own_idempotency_key(client, http, example, op):
    for _ in range(2):
        http.post(url(client, op), status=202, json=example(*ACCEPTED[op]))
        resource(client, op).create(**BASE[op])
    keys = [call.request.headers["Idempotency-Key"] for call in http.calls]
    assert len(keys) == 2
    assert all(keys)
    assert keys[0] != keys[1]


def test_idempotency_key_option_is_sent(client, http, example):
    target = client.suno.generate_lyrics.with_options(idempotency_key="lyrics-night-city-1")
    _, request, _ = send(client, http, "suno.generate_lyrics", BASE["suno.generate_lyrics"], example, target)
    assert request.headers["Idempotency-Key"] == "lyrics-night-city-1"


# -- (b) None is left off; nothing else is dropped -------------------------------------------

OPTIONAL_NONE = [
    pytest.param(
        "suno.text_to_music",
        {
            "lyrics": None,
            "style": None,
            "title": None,
            "callback_url": None,
            "persona_id": None,
            "persona_type": None,
            "negative_tags": None,
            "vocal_gender": None,
            "style_weight": None,
            "weirdness_constraint": None,
            "audio_weight": None,
        },
        id="suno.text_to_music",
    ),
    pytest.param(
        "suno.extend_music",
        {
            "callback_url": None,
            "prompt": None,
            "style": None,
            "title": None,
            "continue_at": None,
            "persona_id": None,
            "persona_type": None,
            "negative_tags": None,
            "vocal_gender": None,
            "style_weight": None,
            "weirdness_constraint": None,
            "audio_weight": None,
        },
        id="suno.extend_music",
    ),
    pytest.param("suno.generate_lyrics", {"callback_url": None}, id="suno.generate_lyrics"),
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
    sent, _, _ = send(client, http, op, {**BASE[op], **nones}, example)
    assert canonical(sent) == canonical(BASE[op])
    assert not set(nones) & set(sent)


KEPT = [
    # falsy or default-looking values are the caller's choice and must reach the server
    pytest.param(
        "nano_banana.text_to_image",
        {"model": "nano-banana", "prompt": "A cute cat", "reference_image_urls": []},
        id="empty-reference_image_urls",
    ),
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
    pytest.param(
        "suno.text_to_music",
        {
            "vocal_mode": "instrumental",
            "model": "suno-v5",
            "style_weight": 0,
            "weirdness_constraint": 0.0,
            "audio_weight": 1,
        },
        id="suno-weights-at-bounds",
    ),
    pytest.param("suno.extend_music", {**EXTEND_CUSTOM, "continue_at": 0}, id="extend-continue_at-0"),
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


def test_tuple_of_urls_is_sent_as_a_json_list(client, http, example):
    kwargs = {**BASE["veo_3_1.text_to_video"], "input_mode": "reference", "reference_image_urls": tuple(REFS)}
    sent, _, _ = send(client, http, "veo_3_1.text_to_video", kwargs, example)
    assert sent["reference_image_urls"] == REFS


# -- accepted values: every documented enum value and range bound ------------------------------

# aspect_ratio lists as the docs print them (Base: 11 presets, Pro: 11, V2: 15)
NANO_BASE_RATIOS = ["1:1", "9:16", "16:9", "3:4", "4:3", "3:2", "2:3", "5:4", "4:5", "21:9", "auto"]
NANO_PRO_RATIOS = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9", "auto"]
NANO_V2_RATIOS = [
    "1:1", "1:4", "1:8", "2:3", "3:2", "3:4", "4:1", "4:3", "4:5", "5:4", "8:1", "9:16", "16:9", "21:9", "auto",
]  # fmt: skip
V2_ONLY_RATIOS = ["1:4", "1:8", "4:1", "8:1"]
SUNO_MODELS = ["suno-v5.5", "suno-v5", "suno-v4.5-plus", "suno-v4.5-all", "suno-v4.5", "suno-v4"]


def _accepted_cases() -> list[Any]:
    cases: list[Any] = []

    def add(case_id: str, op: str, **overrides: Any) -> None:
        cases.append(pytest.param(op, with_overrides(BASE[op], overrides), id=case_id))

    for model in SUNO_MODELS:
        add(f"suno.text_to_music-model-{model}", "suno.text_to_music", model=model)
        add(f"suno.extend_music-model-{model}", "suno.extend_music", model=model)
    add("suno-vocal_mode-auto_lyrics", "suno.text_to_music", vocal_mode="auto_lyrics")
    add("suno-vocal_mode-exact_lyrics", "suno.text_to_music", vocal_mode="exact_lyrics", prompt=OMIT, lyrics="[Verse]")
    add("suno-vocal_mode-instrumental", "suno.text_to_music", vocal_mode="instrumental", style="Classical")
    add("suno-persona-style", "suno.text_to_music", persona_id="persona-1", persona_type="style", model="suno-v4")
    add("suno-persona-voice-v5", "suno.text_to_music", persona_id="persona-1", persona_type="voice")
    for gender in ("male", "female"):
        add(f"suno-vocal_gender-{gender}", "suno.text_to_music", vocal_gender=gender)
    add(
        "suno-weights-two-decimals", "suno.text_to_music", style_weight=0.65, weirdness_constraint=0.5, audio_weight=1.0
    )
    add(
        "suno-all-text-fields",
        "suno.text_to_music",
        style="Lo-fi",
        title="Night",
        negative_tags="Metal",
        callback_url="https://your-app.com/callbacks/suno",
    )
    add("extend-source-with-common-fields", "suno.extend_music", negative_tags="Metal", style_weight=0.5)
    cases.append(pytest.param("suno.extend_music", dict(EXTEND_CUSTOM), id="extend-custom"))
    cases.append(
        pytest.param(
            "suno.extend_music",
            {
                **EXTEND_CUSTOM,
                "model": "suno-v5",
                "persona_id": "p-1",
                "persona_type": "voice",
                "vocal_gender": "female",
            },
            id="extend-custom-persona-voice-gender",
        )
    )
    add("lyrics-prompt-200-chars", "suno.generate_lyrics", prompt="x" * 200)

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

    for model in ("veo-3.1", "veo-3.1-fast"):
        add(f"veo-model-{model}", "veo_3_1.text_to_video", model=model)
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


# -- (c) refused before any request, naming the field and what is allowed --------------------


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
        kwargs = with_overrides(BASE[op] if base is None else base, overrides)
        cases.append(pytest.param(op, kwargs, field, fragments, id=case_id))

    music, extend, lyrics = "suno.text_to_music", "suno.extend_music", "suno.generate_lyrics"
    modes = "'auto_lyrics', 'exact_lyrics', 'instrumental'"
    add("suno-vocal_mode-unknown", music, "vocal_mode", (modes,), vocal_mode="custom")
    add("suno-vocal_mode-case", music, "vocal_mode", (modes,), vocal_mode="Instrumental")
    add("suno-model-unknown", music, "model", ("'suno-v5'", "'suno-v4'"), model="suno-v3")
    add("suno-model-upstream-name", music, "model", ("'suno-v5'",), model="chirp-v3-5")
    add("suno-auto_lyrics-needs-prompt", music, "prompt", ("required", "auto_lyrics"), prompt=OMIT)
    add("suno-exact_lyrics-needs-lyrics", music, "lyrics", ("required", "exact_lyrics"), vocal_mode="exact_lyrics")
    add("suno-lyrics-only-for-exact", music, "lyrics", ("exact_lyrics",), lyrics="[Verse] la la")
    add(
        "suno-lyrics-not-instrumental",
        music,
        "lyrics",
        ("exact_lyrics",),
        vocal_mode="instrumental",
        lyrics="[Verse] la la",
    )
    add("suno-persona_type-unknown", music, "persona_type", ("'style', 'voice'",), persona_id="p", persona_type="vocal")
    add("suno-persona_type-needs-persona_id", music, "persona_type", ("persona_id",), persona_type="style")
    add(
        "suno-persona-voice-needs-v5",
        music,
        "persona_type",
        ("suno-v5",),
        model="suno-v4.5-plus",
        persona_id="p",
        persona_type="voice",
    )
    add("suno-vocal_gender-unknown", music, "vocal_gender", ("'male', 'female'",), vocal_gender="m")
    add("suno-vocal_gender-case", music, "vocal_gender", ("'male', 'female'",), vocal_gender="Female")
    for name in ("style_weight", "weirdness_constraint", "audio_weight"):
        add(f"suno-{name}-above-1", music, name, ("from 0 to 1",), **{name: 1.01})
        add(f"suno-{name}-below-0", music, name, ("from 0 to 1",), **{name: -0.01})
        add(f"suno-{name}-bool", music, name, ("a number",), **{name: True})
        add(f"suno-{name}-string", music, name, ("a number",), **{name: "0.5"})
        add(f"extend-{name}-above-1", extend, name, ("from 0 to 1",), **{name: 2})
    add("suno-style_weight-nan", music, "style_weight", ("a number",), style_weight=float("nan"))
    add("suno-prompt-empty", music, "prompt", ("non-blank",), prompt="")
    add("suno-model-missing", music, "model", ("missing required parameter",), model=OMIT)
    add("suno-vocal_mode-missing", music, "vocal_mode", ("missing required parameter",), vocal_mode=OMIT)

    add("extend-parameter_mode-unknown", extend, "parameter_mode", ("'source', 'custom'",), parameter_mode="inherit")
    add("extend-audio_id-missing", extend, "audio_id", ("missing required parameter",), audio_id=OMIT)
    add("extend-model-unknown", extend, "model", ("'suno-v5'",), model="v5")
    for name in ("prompt", "style", "title", "continue_at"):
        add(f"extend-custom-needs-{name}", extend, name, ("required", "custom"), base=EXTEND_CUSTOM, **{name: OMIT})
    add("extend-continue_at-negative", extend, "continue_at", ("at least 0",), base=EXTEND_CUSTOM, continue_at=-1)
    add("extend-continue_at-string", extend, "continue_at", ("a number",), base=EXTEND_CUSTOM, continue_at="60")
    add("extend-source-refuses-persona_id", extend, "persona_id", ("custom",), persona_id="p")
    add("extend-source-refuses-vocal_gender", extend, "vocal_gender", ("custom",), vocal_gender="male")
    add(
        "extend-persona-voice-needs-v5",
        extend,
        "persona_type",
        ("suno-v5",),
        base=EXTEND_CUSTOM,
        persona_id="p",
        persona_type="voice",
    )

    add("lyrics-prompt-201-chars", lyrics, "prompt", ("1-200 characters", "201"), prompt="x" * 201)
    add("lyrics-prompt-missing", lyrics, "prompt", ("missing required parameter",), prompt=OMIT)
    add("lyrics-prompt-not-text", lyrics, "prompt", ("a non-blank string",), prompt=["night"])

    t2i, edit = "nano_banana.text_to_image", "nano_banana.edit_image"
    models = "'nano-banana', 'nano-banana-pro', 'nano-banana-2'"
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
    for fmt in ("jpeg", "webp", "PNG"):
        add(f"nano-output_format-{fmt}", t2i, "output_format", ("'png', 'jpg'",), output_format=fmt)
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
    add("edit-aspect-v2-only", edit, "aspect_ratio", ("'21:9'",), aspect_ratio="1:4")
    add("edit-model-t2i-model", edit, "model", ("'nano-banana-edit'",), model="nano-banana")

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


# Every parameter of the BASE calls is required by the docs, except text_to_music's prompt (which only
# vocal_mode 'auto_lyrics' requires; covered above).
REQUIRED = [
    pytest.param(op, name, id=f"{op}-{name}")
    for op in OPERATIONS
    for name in BASE[op]
    if (op, name) != ("suno.text_to_music", "prompt")
]


@pytest.mark.parametrize(("op", "name"), REQUIRED)
def test_required_parameter_omitted_is_refused(client, http, op, name):
    kwargs = {k: v for k, v in BASE[op].items() if k != name}
    error = refuse(client, http, op, **kwargs)
    assert error.field == name
    assert name in str(error)


# A required parameter passed as None is refused too (it would otherwise be left off the wire).
@pytest.mark.parametrize(("op", "name"), REQUIRED)
def test_required_parameter_given_as_none_is_refused(client, http, op, name):
    error = refuse(client, http, op, **{**BASE[op], name: None})
    assert error.field == name


# -- unknown parameters, positional arguments, extra_body ----------------------------------


@pytest.mark.parametrize("op", OPERATIONS)
def test_unknown_parameter_is_named_and_points_to_extra_body(client, http, op):
    error = refuse(client, http, op, **BASE[op], new_param=1)
    assert error.field == "new_param"
    assert "new_param" in str(error)
    assert "extra_body" in str(error)


def test_documented_parameter_of_another_endpoint_is_unknown(client, http):
    # extend_video has no model parameter in the docs (it extends the source task's video)
    error = refuse(client, http, "veo_3_1.extend_video", **BASE["veo_3_1.extend_video"], model="veo-3.1")
    assert error.field == "model"


@pytest.mark.parametrize("op", OPERATIONS)
def test_positional_arguments_are_refused(client, http, op):
    error = refuse(client, http, op, dict(BASE[op]))
    assert "keyword" in str(error)


@pytest.mark.parametrize("op", OPERATIONS)
def test_extra_body_adds_a_new_parameter(client, http, example, op):
    plain = resource(client, op)
    target = plain.with_options(extra_body={"new_param": 1})
    sent, _, _ = send(client, http, op, BASE[op], example, target)
    assert canonical(sent) == canonical({**BASE[op], "new_param": 1})

    # with_options returns a new resource: the plain one still sends only the parameters
    http.post(url(client, op), status=202, json=example(*ACCEPTED[op]))
    plain.create(**BASE[op])
    assert canonical(json.loads(http.calls[1].request.body)) == canonical(BASE[op])


@pytest.mark.parametrize("op", OPERATIONS)
def test_extra_body_repeating_a_given_parameter_is_refused(client, http, op):
    name = next(iter(BASE[op]))
    target = resource(client, op).with_options(extra_body={name: BASE[op][name]})
    error = refuse(client, http, op, target=target, **BASE[op])
    assert error.field == name
    assert "extra_body" in str(error)


def test_extra_body_may_carry_a_parameter_not_given(client, http, example):
    # the SDK passes extra_body through as-is: only a clash with a given parameter is refused
    target = client.veo_3_1.upscale_video.with_options(
        extra_body={"callback_url": "https://your-domain.com/api/callback"}
    )
    sent, _, _ = send(client, http, "veo_3_1.upscale_video", BASE["veo_3_1.upscale_video"], example, target)
    assert sent == {**BASE["veo_3_1.upscale_video"], "callback_url": "https://your-domain.com/api/callback"}
