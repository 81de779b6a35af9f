"""All of a call's mistakes at once: one ``ValidationError`` lists every problem (``.errors``), before any
request; ``.field`` still names the first, for code that reads one."""

from __future__ import annotations

import asyncio

import httpx
import pytest
import responses

import runapi
from runapi import Problem
from runapi.seedance import TextToVideoParams


def refused(call: object) -> runapi.ValidationError:
    with responses.RequestsMock() as mock:  # any request would fail the test with a ConnectionError
        with pytest.raises(runapi.ValidationError) as caught:
            call()  # type: ignore[operator]
        assert len(mock.calls) == 0
    return caught.value


def test_a_call_with_three_mistakes_gets_one_error_listing_all_three(client: runapi.Client) -> None:
    error = refused(
        lambda: client.seedance.text_to_video.create(  # type: ignore[call-arg]
            model="seedance-1.5-pro", prompt="", aspect_ratio="1:1", duration_seconds=13, resolution="1080p"
        )
    )
    assert [problem.field for problem in error.errors] == ["resolution", "prompt", "duration_seconds"]
    assert str(error).startswith("3 problems: unknown parameter 'resolution'")
    assert "prompt must be a non-blank string" in str(error)
    assert "duration_seconds must be an integer from 4 to 12; got 13 (for model 'seedance-1.5-pro')" in str(error)
    assert "\n" not in str(error)  # one line: logs and the command line show it whole
    assert error.field == "resolution" and error.allowed == error.errors[0].allowed  # the first, as before
    assert all(isinstance(problem, Problem) for problem in error.errors)


def test_per_model_required_parameters_are_named_together(client: runapi.Client) -> None:
    error = refused(lambda: client.seedance.text_to_video.create(model="seedance-1.5-pro", prompt="a cat"))
    assert [(p.field, p.message) for p in error.errors] == [
        ("aspect_ratio", "aspect_ratio is required for model 'seedance-1.5-pro'"),
        ("duration_seconds", "duration_seconds is required for model 'seedance-1.5-pro'"),
    ]


def test_missing_and_unknown_parameters_are_all_named_with_the_bad_values(client: runapi.Client) -> None:
    error = refused(
        lambda: client.nano_banana.text_to_image.create(  # type: ignore[call-arg]
            aspect_ratio=27,  # a number where a ratio goes: refused (an unknown ratio string is sent)
            colour="red",
            size=3,
        )
    )
    fields = [problem.field for problem in error.errors]
    assert fields[:2] == ["colour", "size"]  # unknown, in the order given
    assert {"prompt", "model", "aspect_ratio"} <= set(fields)  # missing ones, and the refused value
    assert len(fields) == len(set(fields))  # one mistake, one message


def test_mistakes_in_nested_objects_are_named_by_their_path(client: runapi.Client) -> None:
    shots = [{"prompt": "", "duration_seconds": -1}, {"prompt": "ok", "duration_seconds": 3}]
    error = refused(
        lambda: client.kling.text_to_video.create(
            model="kling-3.0", aspect_ratio="16:9", multi_shots=True, enable_sound=True, multi_prompt=shots
        )
    )
    assert [problem.field for problem in error.errors] == ["multi_prompt[0].prompt", "multi_prompt[0].duration_seconds"]
    # a rule over the whole list (total duration) says nothing more about a list already refused
    assert len(error.errors) == 2


def test_a_single_mistake_is_a_plain_error() -> None:
    error = refused(lambda: runapi.Client(api_key="k").suno.generate_lyrics.create(prompt=""))
    assert len(error.errors) == 1 and not str(error).startswith("1 problem")
    assert error.errors[0] == Problem(error.field, str(error), error.allowed)


def test_building_a_params_class_directly_stops_at_the_first_mistake() -> None:
    with pytest.raises(runapi.ValidationError) as caught:
        TextToVideoParams(model="seedance-1.5-pro", prompt="", aspect_ratio="1:1", duration_seconds=13)  # type: ignore[arg-type]
    assert caught.value.field == "prompt" and len(caught.value.errors) == 1


def test_the_async_client_reports_them_all_too() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"no request may be sent: {request.url}")

    async def main() -> runapi.ValidationError:
        transport = httpx.MockTransport(refuse)
        async with runapi.AsyncClient(
            api_key="k", base_url="https://api.test", http_client=httpx.AsyncClient(transport=transport)
        ) as client:
            with pytest.raises(runapi.ValidationError) as caught:
                await client.seedance.text_to_video.create(model="seedance-1.5-pro", prompt="a cat")
            return caught.value

    error = asyncio.run(main())
    assert [problem.field for problem in error.errors] == ["aspect_ratio", "duration_seconds"]
