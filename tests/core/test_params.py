"""The params core: annotations are the rules (types, Literal enums, Annotated validators), checked before a request."""

from __future__ import annotations

from typing import Annotated, Literal

import pytest
import responses

import runapi
from runapi import ValidationError
from runapi._core.params import (
    OMIT,
    HttpUrl,
    Omit,
    build_params,
    by,
    by_presence,
    field,
    integer,
    number,
    one_of,
    params,
    rules,
    sign_rule,
    text,
    text_list,
    to_body,
    url_list,
)


@params
class _Params:
    prompt: str
    mode: Literal["a", "b"]
    size: Literal[4, 6] | None = None
    count: int | None = None
    weight: float | None = None
    flag: bool | None = None
    urls: list[str] | None = None
    callback_url: HttpUrl | None = None
    seed: Annotated[int, integer(1, 9)] | None = None
    tagged: str | None = field(default=None)


def _build(**kwargs: object) -> _Params:
    # strict: these tests hold values to the declared ones (tests/core/test_open_values.py: the open default)
    return build_params(_Params, (), kwargs, "POST /test", strict=True)


@pytest.mark.parametrize(
    ("kwargs", "field_name", "fragment"),
    [
        ({"prompt": "", "mode": "a"}, "prompt", "non-blank string"),
        ({"prompt": "   \n\t", "mode": "a"}, "prompt", "non-blank string"),
        ({"prompt": 3, "mode": "a"}, "prompt", "non-blank string"),
        ({"prompt": "x", "mode": "c"}, "mode", "one of 'a', 'b'"),
        ({"prompt": "x", "mode": "a", "size": 5}, "size", "one of 4, 6"),
        ({"prompt": "x", "mode": "a", "size": 4.0}, "size", "one of 4, 6"),
        ({"prompt": "x", "mode": "a", "count": True}, "count", "an integer"),
        ({"prompt": "x", "mode": "a", "count": 1.5}, "count", "an integer"),
        ({"prompt": "x", "mode": "a", "weight": float("nan")}, "weight", "a number"),
        ({"prompt": "x", "mode": "a", "flag": "yes"}, "flag", "true or false"),
        ({"prompt": "x", "mode": "a", "urls": "https://a"}, "urls", "a list"),
        ({"prompt": "x", "mode": "a", "urls": ["https://a", " "]}, "urls", "non-blank strings"),
        ({"prompt": "x", "mode": "a", "seed": 10}, "seed", "from 1 to 9"),
        ({"prompt": "x", "mode": "a", "tagged": " "}, "tagged", "non-blank string"),
    ],
)
def test_annotations_are_checked(kwargs, field_name, fragment):
    with pytest.raises(runapi.ValidationError) as caught:
        _build(**kwargs)
    assert caught.value.field == field_name
    assert fragment in str(caught.value)


@pytest.mark.parametrize(
    "url",
    [
        "example.com/cb",
        "/callbacks/runapi",
        "ftp://example.com/cb",
        "https://",
        "https:///path",
        " https://example.com/cb",
        "https://exa mple.com/cb",
        "javascript:alert(1)",
        "http://[::1",
    ],
)
def test_callback_url_must_be_an_absolute_http_url(url):
    with pytest.raises(runapi.ValidationError) as caught:
        _build(prompt="x", mode="a", callback_url=url)
    assert caught.value.field == "callback_url"
    assert "absolute http(s) URL" in str(caught.value)


@pytest.mark.parametrize("url", ["https://example.com/cb", "http://127.0.0.1:8000/runapi?x=1", "https://[::1]:8443/c"])
def test_good_callback_urls_pass(url):
    assert _build(prompt="x", mode="a", callback_url=url).callback_url == url


def test_valid_params_become_the_body_without_none_values():
    built = _build(prompt="x", mode="b", size=6, weight=1, urls=["https://a"], flag=False)
    assert to_body(built) == {"prompt": "x", "mode": "b", "size": 6, "weight": 1, "urls": ["https://a"], "flag": False}


@pytest.mark.parametrize("prompt", ["", "   "])
def test_a_blank_prompt_is_refused_before_any_request(client, prompt):
    with responses.RequestsMock() as http:  # any request would fail the test: none is registered
        with pytest.raises(runapi.ValidationError) as caught:
            client.suno.text_to_music.create(vocal_mode="auto_lyrics", model="suno-v5", prompt=prompt)
        assert len(http.calls) == 0
    assert caught.value.field == "prompt"


def test_a_relative_callback_url_is_refused_before_any_request(client):
    with responses.RequestsMock() as http:
        with pytest.raises(runapi.ValidationError) as caught:
            client.veo_3_1.text_to_video.create(prompt="a dog", model="veo-3.1", callback_url="/callbacks/veo")
        assert len(http.calls) == 0
    assert caught.value.field == "callback_url"


# -- rules that depend on another field's value, declared as a table --------------------------


@params
class _Ruled:
    model: Literal["small", "large", "draft"]
    mode: Literal["text", "frames"] = "text"
    prompt: str | None = None
    size: Literal["1k", "2k", "4k"] | None = None
    frame_url: str | None = None
    steps: int | None = None

    __rules__ = (
        by(
            "model",
            {
                "small": rules(prompt=text(max_length=10), refused=["size"]),
                "large": rules(size=one_of("2k", "4k"), required=["prompt"]),
            },
        ),
        by("mode", {"frames": rules(required=["frame_url"]), "text": rules(refused=["frame_url"])}),
    )

    def __attrs_post_init__(self) -> None:  # a rule no table can say still has its place
        if self.steps is not None and self.prompt is not None and self.steps > len(self.prompt):
            raise runapi.ValidationError("steps must not exceed the prompt's length", field="steps")


def _ruled(**kwargs: object) -> _Ruled:
    return build_params(_Ruled, (), {"model": "small", **kwargs}, "POST /test", strict=True)


@pytest.mark.parametrize(
    ("kwargs", "field_name", "fragments"),
    [
        ({"prompt": "x" * 11}, "prompt", ["1-10 characters", "(for model 'small')"]),
        ({"size": "2k"}, "size", ["size is not accepted for model 'small'", "only for 'large', 'draft'"]),
        ({"model": "large"}, "prompt", ["prompt is required for model 'large'"]),
        ({"model": "large", "prompt": "p", "size": "1k"}, "size", ["one of '2k', '4k'", "(for model 'large')"]),
        ({"mode": "frames"}, "frame_url", ["frame_url is required for mode 'frames'"]),
        ({"frame_url": "https://f/x.png"}, "frame_url", ["not accepted for mode 'text'", "only for 'frames'"]),
        ({"prompt": "abc", "steps": 4}, "steps", ["exceed"]),
    ],
)
def test_a_rules_table_refuses_by_the_selectors_value(
    kwargs: dict[str, object], field_name: str, fragments: list[str]
) -> None:
    with pytest.raises(runapi.ValidationError) as info:
        _ruled(**kwargs)
    assert info.value.field == field_name
    for fragment in fragments:
        assert fragment in str(info.value)


def test_a_rules_table_accepts_what_each_value_allows() -> None:
    assert _ruled(prompt="x" * 10).prompt == "x" * 10
    assert _ruled(model="large", prompt="x" * 500, size="4k").size == "4k"
    assert _ruled(model="draft", prompt="x" * 500, size="1k").size == "1k"  # not in the table: no extra rules
    assert _ruled(mode="frames", frame_url="https://f/x.png").frame_url == "https://f/x.png"
    # the field's own check still runs first: the table only narrows it
    with pytest.raises(runapi.ValidationError, match="one of '1k', '2k', '4k'"):
        _ruled(model="draft", size="8k")


# -- nested params: an object, or a list of them, declared as another params class ------------


@params
class _Line:
    text: str = field(text(max_length=20))
    voice: str | None = None


@params
class _Dialogue:
    lines: list[_Line]
    lead: _Line | None = None


def test_nested_params_take_objects_or_mappings_and_send_json_objects() -> None:
    built = build_params(
        _Dialogue, (), {"lines": [_Line(text="Hi"), {"text": "Hello", "voice": "Adam"}], "lead": {"text": "Go"}}, "x"
    )
    assert built.lines == [_Line(text="Hi"), _Line(text="Hello", voice="Adam")]
    assert to_body(built) == {"lines": [{"text": "Hi"}, {"text": "Hello", "voice": "Adam"}], "lead": {"text": "Go"}}


@pytest.mark.parametrize(
    ("kwargs", "field_name", "fragment"),
    [
        ({"lines": [{"text": "Hi"}, {"text": "x" * 21}]}, "lines[1].text", "1-20 characters"),
        ({"lines": [{"text": "Hi", "speaker": "A"}]}, "lines[0].speaker", "unknown parameter 'speaker'"),
        ({"lines": [{"voice": "Adam"}]}, "lines[0].text", "missing required parameter 'text'"),
        ({"lines": ["Hi"]}, "lines", "a list of _Line objects"),
        ({"lines": {"text": "Hi"}}, "lines", "a list of _Line objects"),
        ({"lines": [], "lead": "Go"}, "lead", "a _Line (or a mapping)"),
    ],
)
def test_a_nested_mistake_names_its_path(kwargs: dict[str, object], field_name: str, fragment: str) -> None:
    with pytest.raises(runapi.ValidationError) as info:
        build_params(_Dialogue, (), kwargs, "POST /test")
    assert info.value.field == field_name
    assert fragment in str(info.value)


# -- text that may be empty ---------------------------------------------------------------------


@params
class _MaybeEmpty:
    prompt: str = field(text(min_length=0, max_length=5))
    title: str | None = field(text(max_length=5), default=None)


def test_a_required_text_declared_min_length_0_may_be_empty() -> None:
    assert _MaybeEmpty(prompt="").prompt == ""
    assert _MaybeEmpty(prompt="  ").prompt == "  "


def test_a_text_that_may_be_empty_still_checks_its_type_and_length() -> None:
    with pytest.raises(ValidationError, match=r"prompt must be a string of at most 5 characters; got 6 characters"):
        _MaybeEmpty(prompt="abcdef")
    with pytest.raises(ValidationError, match="prompt must be a string of at most 5 characters"):
        _MaybeEmpty(prompt=5)  # type: ignore[arg-type]


def test_other_text_fields_stay_non_blank() -> None:
    with pytest.raises(ValidationError, match="title must be a non-blank string of 1-5 characters"):
        _MaybeEmpty(prompt="", title=" ")


# -- enum order and URL lists -------------------------------------------------------------------


@params
class _JpegFirst:
    output_format: Literal["jpeg", "png"] | None = None


@params
class _PngFirst:
    output_format: Literal["png", "jpeg"] | None = None  # the same set: typing may reuse the union above


def test_an_enum_message_lists_values_in_the_order_the_class_writes_them() -> None:
    with pytest.raises(ValidationError, match=r"one of 'jpeg', 'png'"):
        build_params(_JpegFirst, (), {"output_format": "gif"}, "POST /test", strict=True)
    with pytest.raises(ValidationError, match=r"one of 'png', 'jpeg'"):
        build_params(_PngFirst, (), {"output_format": "gif"}, "POST /test", strict=True)


@params
class _Urls:
    any_urls: list[HttpUrl] | None = None
    few_urls: list[HttpUrl] | None = field(url_list(min_items=1, max_items=2), default=None)
    counted: list[HttpUrl] | None = field(text_list(max_items=1), default=None)


def test_a_list_of_http_urls_checks_every_item_and_names_it() -> None:
    assert _Urls(any_urls=["https://a.test/1.png", "http://b.test/2.png"]).any_urls is not None
    with pytest.raises(ValidationError, match=r"any_urls\[1\] must be an absolute http\(s\) URL; got 'b.png'") as info:
        _Urls(any_urls=["https://a.test/1.png", "b.png"])
    assert info.value.field == "any_urls[1]"


def test_a_url_list_with_a_count_checks_both() -> None:
    with pytest.raises(ValidationError, match=r"few_urls must be a list of 1-2 absolute http\(s\) URLs; got 3 items"):
        _Urls(few_urls=["https://a.test/1", "https://a.test/2", "https://a.test/3"])
    with pytest.raises(ValidationError, match=r"few_urls\[0\] must be an absolute http\(s\) URL"):
        _Urls(few_urls=["ftp://a.test/1"])


def test_a_text_list_count_on_a_url_list_keeps_the_url_check() -> None:
    with pytest.raises(ValidationError, match=r"counted\[0\] must be an absolute http\(s\) URL"):
        _Urls(counted=["not a url"])
    with pytest.raises(ValidationError, match="counted must be a list of 0-1 non-blank strings; got 2 items"):
        _Urls(counted=["https://a.test/1", "https://a.test/2"])


# -- rules by presence ----------------------------------------------------------------------------


@params
class _Frames:
    prompt: str
    first_frame_image_url: HttpUrl | None = None
    aspect_ratio: str | None = None
    negative_prompt: str | None = None

    __rules__ = by_presence(
        "first_frame_image_url",
        absent=rules(required=["aspect_ratio"]),
        given=rules(refused=["negative_prompt"], prompt=text(max_length=5)),
    )


def test_rules_by_presence_apply_the_absent_entry_without_the_field() -> None:
    assert _Frames(prompt="a long prompt", aspect_ratio="16:9").aspect_ratio == "16:9"
    with pytest.raises(ValidationError, match="aspect_ratio is required when first_frame_image_url is not given"):
        _Frames(prompt="p")


def test_rules_by_presence_apply_the_given_entry_with_the_field() -> None:
    assert _Frames(prompt="p", first_frame_image_url="https://a.test/1.png").aspect_ratio is None
    with pytest.raises(ValidationError, match="negative_prompt is not accepted when first_frame_image_url is given"):
        _Frames(prompt="p", first_frame_image_url="https://a.test/1.png", negative_prompt="blur")
    with pytest.raises(ValidationError, match=r"prompt must be .* \(when first_frame_image_url is given\)"):
        _Frames(prompt="too long", first_frame_image_url="https://a.test/1.png")


# -- numbers that cannot be negative, found by their names ------------------------------------------


@params
class _Timed:
    duration_seconds: float | None = None
    clip_duration: int | None = None
    start_seconds: int | None = None
    num_frames: int | None = None
    output_count: int | None = None
    n: int | None = None
    index: int | None = None
    seed: int | None = None  # not a quantity: some models document -1 as "random"
    weight: float | None = None
    offset_seconds: int | None = field(integer(-10, 10), default=None)  # declared: kept as declared
    steps_count: int | None = field(integer(maximum=50), default=None)  # a maximum only: the rule adds a minimum
    total_duration: Literal[5, 10] | None = None  # a list of values is a declared range


@pytest.mark.parametrize(
    ("name", "value", "allowed"),
    [
        ("duration_seconds", -5, "a number greater than 0"),
        ("duration_seconds", 0, "a number greater than 0"),
        ("duration_seconds", -0.5, "a number greater than 0"),
        ("clip_duration", 0, "an integer greater than 0"),
        ("start_seconds", -1, "an integer of at least 0"),
        ("num_frames", -1, "an integer of at least 0"),
        ("output_count", -3, "an integer of at least 0"),
        ("n", -1, "an integer of at least 0"),
        ("index", -1, "an integer of at least 0"),
        ("steps_count", -1, "an integer of at least 0"),
    ],
)
def test_a_duration_count_or_index_refuses_a_negative_value_naming_it(name: str, value: float, allowed: str) -> None:
    with pytest.raises(ValidationError) as info:
        _Timed(**{name: value})
    assert info.value.field == name and info.value.allowed == allowed
    assert str(info.value) == f"{name} must be {allowed}; got {value!r}"


def test_the_sign_rule_leaves_zero_seeds_and_declared_ranges_alone() -> None:
    assert _Timed(start_seconds=0, num_frames=0, output_count=0, n=0, index=0).index == 0  # at least 0: 0 is fine
    assert _Timed(duration_seconds=0.5, clip_duration=1).duration_seconds == 0.5
    assert _Timed(seed=-1, weight=-2.5).seed == -1  # not quantities
    assert _Timed(offset_seconds=-10).offset_seconds == -10  # the field's own range wins
    with pytest.raises(ValidationError, match="from -10 to 10"):
        _Timed(offset_seconds=-11)
    with pytest.raises(ValidationError, match="one of 5, 10"):
        _Timed(total_duration=-5)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="an integer of at most 50"):
        _Timed(steps_count=51)
    with pytest.raises(ValidationError, match="an integer"):
        _Timed(num_frames=1.5)  # type: ignore[arg-type]  # the type check still comes first


def test_the_sign_rule_reads_the_words_of_a_name() -> None:
    assert [sign_rule(n) for n in ("duration", "duration_seconds", "extension_duration_seconds")] == [True] * 3
    at_least_zero = ("start_seconds", "vocal_end_seconds", "num_inference_steps", "output_count", "count", "n", "index")
    assert [sign_rule(n) for n in at_least_zero] == [False] * len(at_least_zero)
    others = (
        "seed",
        "seeds",
        "seconds_left_x",
        "weight",
        "guidance_scale",
        "frames_per_second",
        "nothing",
        "durations",
    )
    assert [sign_rule(n) for n in others] == [None] * len(others)


@params
class _Clip:
    duration_seconds: float


@params
class _Timeline:
    clips: list[_Clip]


@params
class _Update:
    num_frames: int | Omit | None = OMIT


def test_the_sign_rule_holds_in_nested_objects_and_updates() -> None:
    with pytest.raises(ValidationError) as info:
        build_params(_Timeline, (), {"clips": [{"duration_seconds": 2}, {"duration_seconds": -1}]}, "POST /t")
    assert info.value.field == "clips[1].duration_seconds"
    with pytest.raises(ValidationError, match="num_frames must be an integer of at least 0"):
        _Update(num_frames=-1)
    assert to_body(_Update()) == {} and to_body(_Update(num_frames=None)) == {"num_frames": None}
    assert number(0.5).bounded_below and not number(maximum=2).bounded_below  # type: ignore[attr-defined]
