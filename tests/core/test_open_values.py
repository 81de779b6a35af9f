"""Values newer than the SDK: sent with one ``runapi.UnknownValueWarning`` by default, refused with ``strict=True``;
types still checked; per-model rules for known models only; ``extra_body`` wins; the raw path's checks.

The same on the emulator, with both clients: tests/integration/test_open_values_on_emulator.py.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from typing import Any, Literal

import pytest
import responses

import runapi
from runapi._core.params import build_params, by, one_of, params, rules, validators
from runapi._core.raw import raw_path
from tests.conftest import API_KEY, BASE_URL, FakeClock

NANO = f"{BASE_URL}/api/v1/nano_banana/text_to_image"
ACCEPTED = {"id": "task-1", "status": "processing"}


@pytest.fixture(autouse=True)
def _fresh_warnings() -> Iterator[None]:
    """Each test starts as a new process would: nothing warned about yet."""
    validators._WARNED.clear()
    yield
    validators._WARNED.clear()


@params
class _Render:
    model: Literal["small", "large"] | str
    size: Literal["1k", "2k", "4k"] | None = None
    steps: Literal[10, 20] | None = None

    __rules__ = by("model", {"small": rules(size=one_of("1k"))})


def _build(strict: bool = False, **kwargs: object) -> _Render:
    return build_params(_Render, (), kwargs, "POST /render", strict=strict)


def _built(**kwargs: Any) -> object:
    """One field of the params built from ``kwargs``: ``_built(model="xl", size="8k")`` is ``"8k"`` (the last given)."""
    instance = _build(**kwargs)
    return getattr(instance, list(kwargs)[-1])


def test_an_unknown_model_is_kept_with_one_warning_per_field_and_value() -> None:
    with pytest.warns(runapi.UnknownValueWarning) as caught:
        assert _build(model="xl").model == "xl"
        assert _build(model="xl").model == "xl"  # the same (field, value): no second warning
        assert _build(model="xxl").model == "xxl"
    assert [(w.message.field, w.message.value) for w in caught] == [("model", "xl"), ("model", "xxl")]  # type: ignore[union-attr]
    assert issubclass(runapi.UnknownValueWarning, UserWarning)


@responses.activate
def test_the_warning_points_at_the_users_line_not_the_sdks(clock: FakeClock) -> None:
    responses.post(NANO, json=ACCEPTED)
    client = runapi.Client(API_KEY, base_url=BASE_URL, sleep=clock.sleep)
    with pytest.warns(runapi.UnknownValueWarning) as caught:
        client.nano_banana.text_to_image.create(model="nano-banana-9", prompt="x")  # the line a user sees
    assert caught[0].filename == __file__


def test_an_unknown_enum_value_is_kept_with_a_warning_naming_the_known_ones() -> None:
    with pytest.warns(
        runapi.UnknownValueWarning, match=r"size='8k' is not known to this SDK \(it knows '1k', '2k', '4k'\)"
    ):
        assert _built(model="large", size="8k") == "8k"
    with pytest.warns(runapi.UnknownValueWarning, match="steps=30"):
        assert _built(model="large", steps=30) == 30


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"model": 5}, "model"),  # a number where a model id goes
        ({"model": ["large"]}, "model"),  # a list where a string goes
        ({"model": "  "}, "model"),  # blank
        ({"model": "large", "size": 8}, "size"),
        ({"model": "large", "steps": "30"}, "steps"),  # a string where the values are integers
        ({"model": "large", "steps": -10}, "steps"),
        ({"model": "large", "steps": True}, "steps"),
    ],
)
def test_types_and_shapes_are_still_refused(kwargs: dict[str, object], field: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and no warning: a refusal
        with pytest.raises(runapi.ValidationError) as info:
            build_params(_Render, (), kwargs, "POST /render")
    assert info.value.field == field


def test_strict_refuses_what_it_does_not_know() -> None:
    with pytest.raises(runapi.ValidationError, match="model must be one of 'small', 'large'; got 'xl'") as info:
        _build(strict=True, model="xl", size="8k")
    assert [problem.field for problem in info.value.errors] == ["model", "size"]


def test_per_model_rules_apply_to_known_models_only() -> None:
    # a known model keeps its narrower list, strictly (no warning for a value the SDK knows)
    with pytest.raises(runapi.ValidationError, match=r"size must be one of '1k'; got '4k' \(for model 'small'\)"):
        _build(model="small", size="4k")
    # so does an unknown value for a known model's narrowed field: the field's own check warns, the table skips it
    with pytest.warns(runapi.UnknownValueWarning, match="size='8k'"):
        assert _built(model="small", size="8k") == "8k"
    # an unknown model selects no row of the table
    with pytest.warns(runapi.UnknownValueWarning, match="model='tiny'"):
        assert _build(model="tiny", size="4k").size == "4k"


def test_a_family_table_skips_an_unknown_model(client: runapi.Client) -> None:
    # nano-banana refuses output_resolution; a newer model is the server's to judge
    with pytest.raises(runapi.ValidationError, match="output_resolution is not accepted for model 'nano-banana'"):
        client.nano_banana.text_to_image.create(model="nano-banana", prompt="a cat", output_resolution="4k")
    with responses.RequestsMock() as http:
        http.post(NANO, status=202, json=ACCEPTED)
        with pytest.warns(runapi.UnknownValueWarning, match="model='nano-banana-3'"):
            client.nano_banana.text_to_image.create(model="nano-banana-3", prompt="a cat", output_resolution="4k")
        sent = json.loads(http.calls[0].request.body or b"")
    assert sent == {"model": "nano-banana-3", "prompt": "a cat", "output_resolution": "4k"}


def test_strict_is_a_client_setting_and_a_per_call_option(clock: FakeClock) -> None:
    with runapi.Client(api_key=API_KEY, base_url=BASE_URL, sleep=clock.sleep, clock=clock, strict=True) as strict:
        assert "strict=True" in repr(strict._settings)
        with pytest.raises(runapi.ValidationError, match="model must be one of"):
            strict.nano_banana.text_to_image.create(model="nano-banana-3", prompt="a cat")
        with responses.RequestsMock() as http:
            http.post(NANO, status=202, json=ACCEPTED)
            with pytest.warns(runapi.UnknownValueWarning):  # per call, the open default back
                strict.nano_banana.text_to_image.with_options(strict=False).create(model="nano-banana-3", prompt="a")
            with pytest.warns(runapi.UnknownValueWarning):
                strict.with_options(strict=False).nano_banana.text_to_image.create(model="nano-banana-4", prompt="b")
            assert len(http.calls) == 2
    with pytest.raises(runapi.ValidationError, match="strict must be True or False"):
        runapi.Client(api_key=API_KEY, strict="yes")  # type: ignore[arg-type]
    with pytest.raises(runapi.ValidationError, match="strict must be True or False"):
        runapi.AsyncClient(api_key=API_KEY, strict=1)  # type: ignore[arg-type]


def test_a_strict_async_client_refuses_before_sending() -> None:
    import asyncio

    async def attempt() -> None:
        async with runapi.AsyncClient(api_key=API_KEY, base_url=BASE_URL, strict=True) as client:
            await client.veo_3_1.text_to_video.create(prompt="x", model="veo-3.2")

    with pytest.raises(runapi.ValidationError, match=r"model must be one of 'veo-3\.1', 'veo-3\.1-fast'"):
        asyncio.run(attempt())


def test_extra_body_overrides_a_declared_field(client: runapi.Client) -> None:
    with responses.RequestsMock() as http:
        http.post(NANO, status=202, json=ACCEPTED)
        target = client.nano_banana.text_to_image.with_options(extra_body={"output_format": "webp", "seed": 7})
        target.create(model="nano-banana-pro", prompt="a cat", output_format="png")
        sent = json.loads(http.calls[0].request.body or b"")
    assert sent == {"model": "nano-banana-pro", "prompt": "a cat", "output_format": "webp", "seed": 7}


# -- the raw hatch's path ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params", "expected"),
    [
        ("/api/v1/me", None, "/api/v1/me"),
        ("/api/v1/price_schedules", {"service": "kling", "page": 2}, "/api/v1/price_schedules?service=kling&page=2"),
        ("/api/v1/x?a=1", {"b": [1, 2], "c": None, "d": True}, "/api/v1/x?a=1&b=1&b=2&d=true"),
        (f"{BASE_URL}/api/v1/me", None, "/api/v1/me"),
        ("/api/v1/a b".replace(" ", "%20"), None, "/api/v1/a%20b"),
    ],
)
def test_a_raw_path_is_a_path_of_the_base_url(path: str, params: dict[str, object] | None, expected: str) -> None:
    assert raw_path(BASE_URL, path, params) == expected


@pytest.mark.parametrize(
    "path",
    [
        "https://evil.example/api/v1/me",
        f"{BASE_URL}.evil.example/api/v1/me",  # the base URL's host as a prefix of another host
        "http://api.test/api/v1/me",  # another scheme is another origin
        "//evil.example/api/v1/me",
        "api/v1/me",
        "",
        "/api/v1/../me",
        "/api/v1/me#frag",
        "/api/v1/me\\..\\x",
        "/api/v1/me\nHost: evil",
        None,
    ],
)
def test_a_raw_path_elsewhere_is_refused(path: object) -> None:
    with pytest.raises(runapi.ValidationError) as info:
        raw_path(BASE_URL, path)
    assert info.value.field == "path"


def test_raw_post_checks_its_arguments_before_sending(client: runapi.Client) -> None:
    with responses.RequestsMock() as http:  # nothing registered: any request would fail loudly
        with pytest.raises(runapi.ValidationError, match="json must be a JSON object"):
            client.post("/api/v1/x", json=["a"])  # type: ignore[call-overload]
        with pytest.raises(runapi.ValidationError, match="wait=True needs task=True"):
            client.post("/api/v1/x", json={}, wait=True)  # type: ignore[call-overload]
        with pytest.raises(runapi.ValidationError, match="params"):
            client.get("/api/v1/x", params={"a": {"nested": 1}})
        assert not http.calls


def test_raw_post_answers_the_decoded_json_with_an_idempotency_key(client: runapi.Client) -> None:
    with responses.RequestsMock() as http:
        http.post(f"{BASE_URL}/api/v1/suno/boost_style", status=200, json={"result": "a brighter style"})
        answer = client.post("/api/v1/suno/boost_style", json={"description": "lo-fi"})
        request = http.calls[0].request
    assert answer == {"result": "a brighter style"}
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"
    assert request.headers["Idempotency-Key"]
    assert json.loads(request.body or b"") == {"description": "lo-fi"}
