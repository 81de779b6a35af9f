"""The official ``anthropic`` and ``openai`` SDKs, built by ``runapi.llm``, against the emulator over loopback.

Nothing here is RunAPI code but the factories and the emulator: the SDKs are unmodified, so each
test checks that the emulator speaks their wire formats (JSON, SSE) and that the factories point
them at the right base URLs with the right key. Retries are off where a failure is expected, so
nothing sleeps for real.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

import runapi
import runapi.llm
from runapi.emulator import Emulator

anthropic = pytest.importorskip("anthropic")
openai = pytest.importorskip("openai")

pytestmark = pytest.mark.integration

KEY = "llm-emu-key-5e2a"
HELLO = [{"role": "user", "content": "Hello, Claude!"}]


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(api_key=KEY) as e:
        yield e


@pytest.fixture
def settings(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    """The emulator as RUNAPI_BASE_URL / RUNAPI_API_KEY: what a user's app would set."""
    emu.clear_faults()
    monkeypatch.setenv("RUNAPI_BASE_URL", emu.url)
    monkeypatch.setenv("RUNAPI_API_KEY", KEY)


@pytest.fixture
def claude(settings: None) -> Iterator[anthropic.Anthropic]:
    with runapi.llm.anthropic(max_retries=0) as client:
        yield client


@pytest.fixture
def gpt(settings: None) -> Iterator[openai.OpenAI]:
    with runapi.llm.openai(max_retries=0) as client:
        yield client


# --- Anthropic SDK: /v1/messages, /v1/messages/count_tokens, /v1/models -----------------------------


def test_messages_create(claude: anthropic.Anthropic) -> None:
    message = claude.messages.create(
        model="claude-sonnet-4-6", max_tokens=1024, system="You are a helpful assistant.", messages=HELLO
    )
    assert isinstance(message, anthropic.types.Message)
    assert message.content[0].type == "text"
    assert message.content[0].text == "Emulated reply to: Hello, Claude!"
    assert message.model == "claude-sonnet-4-6" and message.stop_reason == "end_turn"
    assert message.usage.output_tokens == 9 and message.usage.input_tokens > 0


def test_messages_stream_text_and_final_message(claude: anthropic.Anthropic) -> None:
    with claude.messages.stream(
        model="claude-sonnet-4-6",
        max_tokens=1024,
        messages=[{"role": "user", "content": "Write a haiku about coding."}],
    ) as stream:
        pieces = list(stream.text_stream)
        final = stream.get_final_message()
    assert len(pieces) > 1
    assert "".join(pieces) == final.content[0].text == "Emulated reply to: Write a haiku about coding."
    assert final.stop_reason == "end_turn" and final.usage.output_tokens == 12


def test_messages_create_stream_true_yields_the_raw_events(claude: anthropic.Anthropic) -> None:
    events = list(claude.messages.create(model="deepseek-v4-flash", max_tokens=64, messages=HELLO, stream=True))
    types = [event.type for event in events]
    assert types[0] == "message_start" and types[-1] == "message_stop"
    assert "content_block_delta" in types and "message_delta" in types


def test_messages_count_tokens(claude: anthropic.Anthropic) -> None:
    counted = claude.messages.count_tokens(
        model="claude-sonnet-4-6", messages=[{"role": "user", "content": "Count the tokens for this request."}]
    )
    assert counted.input_tokens == 12  # the docs' example


def test_models_list_pages_through_claude_and_deepseek(claude: anthropic.Anthropic) -> None:
    ids = [model.id for model in claude.models.list(limit=3)]  # auto-pagination over after_id
    assert ids == [
        "claude-opus-4-7",
        "claude-opus-4-6",
        "claude-sonnet-4-6",
        "claude-opus-4-5-20251101",
        "claude-sonnet-4-5-20250929",
        "claude-haiku-4-5-20251001",
        "deepseek-v4-flash",
        "deepseek-v4-pro",
    ]
    assert claude.models.retrieve("claude-haiku-4-5").display_name == "Claude Haiku 4.5"


def test_an_unknown_model_is_the_sdks_not_found_error(claude: anthropic.Anthropic) -> None:
    with pytest.raises(anthropic.NotFoundError) as caught:
        claude.messages.create(model="claude-unknown", max_tokens=9, messages=HELLO)
    assert caught.value.status_code == 404
    body = caught.value.body
    assert isinstance(body, dict) and body["type"] == "error" and body["error"]["type"] == "not_found_error"


def test_a_wrong_key_is_the_sdks_authentication_error(emu: Emulator) -> None:
    claude = runapi.llm.anthropic(api_key="not-the-key", base_url=emu.url, max_retries=0)
    with claude, pytest.raises(anthropic.AuthenticationError):
        claude.messages.create(model="claude-sonnet-4-6", max_tokens=9, messages=HELLO)
    gpt = runapi.llm.openai(api_key="not-the-key", base_url=emu.url, max_retries=0)
    with gpt, pytest.raises(openai.AuthenticationError):
        gpt.models.list()
    assert "not-the-key" not in str(emu.requests())


def test_an_injected_fault_reaches_the_sdk_as_its_own_error(emu: Emulator, claude: anthropic.Anthropic) -> None:
    emu.inject("server_error", path="/v1/messages")
    with pytest.raises(anthropic.InternalServerError):
        claude.messages.create(model="claude-sonnet-4-6", max_tokens=9, messages=HELLO)


def test_async_anthropic(settings: None) -> None:
    async def main() -> tuple[str, list[str]]:
        async with runapi.llm.async_anthropic() as client:
            message = await client.messages.create(model="claude-opus-4-7", max_tokens=64, messages=HELLO)
            async with client.messages.stream(model="claude-opus-4-7", max_tokens=64, messages=HELLO) as stream:
                pieces = [text async for text in stream.text_stream]
            block = message.content[0]
            assert block.type == "text"
            return block.text, pieces

    text, pieces = asyncio.run(main())
    assert text == "".join(pieces) == "Emulated reply to: Hello, Claude!"


# --- OpenAI SDK: /v1/chat/completions, /v1/responses, /v1/models -----------------------------------


def test_chat_completions_create(gpt: openai.OpenAI) -> None:
    completion = gpt.chat.completions.create(model="gpt-5.2", messages=[{"role": "user", "content": "Hello!"}])
    assert completion.choices[0].message.content == "Emulated reply to: Hello!"
    assert completion.choices[0].finish_reason == "stop"
    assert completion.model == "gpt-5.2"
    assert completion.usage is not None and completion.usage.total_tokens == 12


def test_chat_completions_stream_with_usage(gpt: openai.OpenAI) -> None:
    stream = gpt.chat.completions.create(
        model="deepseek-v4-flash",
        messages=[{"role": "user", "content": "Write a haiku about coding."}],
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)
    assert text == "Emulated reply to: Write a haiku about coding."
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens == 12


def test_chat_completions_stream_helper_accumulates(gpt: openai.OpenAI) -> None:
    with gpt.chat.completions.stream(model="gpt-5.2", messages=[{"role": "user", "content": "Hi"}]) as stream:
        deltas = [event.delta for event in stream if event.type == "content.delta"]
        final = stream.get_final_completion()
    assert "".join(deltas) == final.choices[0].message.content == "Emulated reply to: Hi"


def test_responses_create(gpt: openai.OpenAI) -> None:
    response = gpt.responses.create(
        model="gpt-5.4", input="Explain the theory of relativity.", reasoning={"effort": "medium"}
    )
    assert response.output_text == "Emulated reply to: Explain the theory of relativity."
    assert response.status == "completed" and response.model == "gpt-5.4"
    assert response.usage is not None and response.usage.output_tokens == 13


def test_responses_stream_helper_and_stream_true(gpt: openai.OpenAI) -> None:
    with gpt.responses.stream(model="gpt-5.5", input="Write a haiku about coding.") as stream:
        deltas = [event.delta for event in stream if event.type == "response.output_text.delta"]
        final = stream.get_final_response()
    assert "".join(deltas) == final.output_text == "Emulated reply to: Write a haiku about coding."
    events = list(gpt.responses.create(model="gpt-5-codex", input="Hi", stream=True))
    assert events[0].type == "response.created" and events[-1].type == "response.completed"


def test_models_list_in_openai_format(gpt: openai.OpenAI) -> None:
    ids = [model.id for model in gpt.models.list()]
    assert ids[:3] == ["gpt-5.5", "gpt-5.2", "gpt-5.4"]
    assert {"deepseek-v4-flash", "deepseek-v4-pro"} <= set(ids)
    assert gpt.models.retrieve("gpt-5.2").owned_by == "system"


def test_a_model_of_another_endpoint_is_the_sdks_not_found_error(gpt: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError, match="POST /v1/chat/completions"):
        gpt.responses.create(model="gpt-5.2", input="Hi")


def test_async_openai(settings: None) -> None:
    async def main() -> tuple[str | None, str]:
        async with runapi.llm.async_openai() as client:
            completion = await client.chat.completions.create(
                model="deepseek-v4-pro", messages=[{"role": "user", "content": "Hello!"}]
            )
            response = await client.responses.create(model="gpt-5.4-codex", input="Hello!")
            return completion.choices[0].message.content, response.output_text

    assert asyncio.run(main()) == ("Emulated reply to: Hello!", "Emulated reply to: Hello!")


# --- OpenAI SDK on Gemini's OpenAI-compatible surface: /v1beta/openai/... --------------------------


def test_gemini_openai_chat_stream_and_models(settings: None) -> None:
    with runapi.llm.gemini_openai() as gemini:
        completion = gemini.chat.completions.create(
            model="gemini-2.5-flash", messages=[{"role": "user", "content": "Hello!"}]
        )
        assert completion.choices[0].message.content == "Emulated reply to: Hello!"
        stream = gemini.chat.completions.create(
            model="gemini-3-pro-preview", messages=[{"role": "user", "content": "Hi"}], stream=True
        )
        assert "".join(chunk.choices[0].delta.content or "" for chunk in stream) == "Emulated reply to: Hi"
        assert [model.id for model in gemini.models.list()][:2] == ["gemini-2.5-flash", "gemini-2.5-pro"]


def test_async_gemini_openai(settings: None) -> None:
    async def main() -> str | None:
        async with runapi.llm.async_gemini_openai() as gemini:
            completion = await gemini.chat.completions.create(
                model="gemini-3.1-pro-preview", messages=[{"role": "user", "content": "Hello!"}]
            )
            return completion.choices[0].message.content

    assert asyncio.run(main()) == "Emulated reply to: Hello!"


def test_each_factory_lands_on_the_documented_paths(emu: Emulator, settings: None) -> None:
    before = len(emu.requests())
    with runapi.llm.anthropic() as claude:
        claude.messages.create(model="claude-sonnet-4-6", max_tokens=9, messages=HELLO)
        claude.messages.count_tokens(model="claude-sonnet-4-6", messages=HELLO)
        claude.models.list()
    with runapi.llm.openai() as gpt:
        gpt.chat.completions.create(model="gpt-5.2", messages=[{"role": "user", "content": "Hi"}])
        gpt.responses.create(model="gpt-5.4", input="Hi")
        gpt.models.list()
    with runapi.llm.gemini_openai() as gemini:
        gemini.chat.completions.create(model="gemini-2.5-flash", messages=[{"role": "user", "content": "Hi"}])
        gemini.models.list()
    made = emu.requests()[before:]
    assert [(entry["method"], entry["path"], entry["status"]) for entry in made] == [
        ("POST", "/v1/messages", 200),
        ("POST", "/v1/messages/count_tokens", 200),
        ("GET", "/v1/models", 200),
        ("POST", "/v1/chat/completions", 200),
        ("POST", "/v1/responses", 200),
        ("GET", "/v1/models", 200),
        ("POST", "/v1beta/openai/chat/completions", 200),
        ("GET", "/v1beta/openai/models", 200),
    ]
    assert KEY not in str(made)  # the request log redacts every key header


# --- Google's google-genai SDK: the native Gemini API (/v1beta/models) ------------------------------


def test_gemini_native_stream_and_models(emu: Emulator, settings: None) -> None:
    genai = pytest.importorskip("google.genai")
    before = len(emu.requests())
    client = runapi.llm.gemini()
    assert isinstance(client, genai.Client)
    chunks = client.models.generate_content_stream(model="gemini-3.5-flash", contents="Hello there")
    assert "".join(chunk.text or "" for chunk in chunks) == "Emulated reply to: Hello there"
    assert [model.name for model in client.models.list()] == [
        "models/gemini-3.5-flash",
        "models/gemini-3-flash-preview",
    ]
    made = emu.requests()[before:]
    assert [(entry["method"], entry["path"], entry["status"]) for entry in made] == [
        ("POST", "/v1beta/models/gemini-3.5-flash:streamGenerateContent", 200),
        ("GET", "/v1beta/models", 200),
    ]


def test_gemini_native_async(settings: None) -> None:
    pytest.importorskip("google.genai")

    async def main() -> str:
        client = runapi.llm.gemini()
        stream = await client.aio.models.generate_content_stream(model="gemini-3-flash-preview", contents="Hi")
        return "".join([chunk.text or "" async for chunk in stream])

    assert asyncio.run(main()) == "Emulated reply to: Hi"


def test_gemini_never_uses_googles_own_settings(emu: Emulator, settings: None, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("google.genai")
    monkeypatch.setenv("GOOGLE_API_KEY", "another-providers-key")
    monkeypatch.setenv("GEMINI_API_KEY", "another-providers-key")
    monkeypatch.setenv("GOOGLE_GENAI_USE_VERTEXAI", "true")
    client = runapi.llm.gemini(http_options={"headers": {"X-Trace": "t-9"}})
    assert next(model.name for model in client.models.list()) == "models/gemini-3.5-flash"  # the emulator took KEY
    assert emu.requests()[-1]["headers"].get("X-Trace") == "t-9"


def test_gemini_with_a_wrong_key_is_the_sdks_error(emu: Emulator) -> None:
    errors = pytest.importorskip("google.genai.errors")
    client = runapi.llm.gemini("not-the-key", base_url=emu.url)
    with pytest.raises(errors.ClientError) as caught:
        client.models.list()
    assert caught.value.code == 401
