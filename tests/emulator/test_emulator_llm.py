"""The emulator's LLM endpoints over plain HTTP (``requests``): the wire formats the official SDKs read.

Anthropic Messages (JSON and SSE), count_tokens and both ``GET /v1/models`` formats; OpenAI Chat
Completions (JSON and SSE with ``[DONE]``), Responses (JSON and its event stream); Gemini's
OpenAI-compatible surface and its native contents stream; auth headers, error shapes, token limits.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests

from runapi.emulator import Emulator

from .conftest import API_KEY, Api

ANTHROPIC = {"x-api-key": API_KEY, "anthropic-version": "2023-06-01"}
BEARER = {"Authorization": f"Bearer {API_KEY}"}
HELLO = [{"role": "user", "content": "Hello, Claude!"}]


def post(
    emu: Emulator, path: str, body: Any, headers: dict[str, str] | None = None, **kwargs: Any
) -> requests.Response:
    return requests.post(emu.url + path, json=body, headers=BEARER if headers is None else headers, timeout=5, **kwargs)


def get(emu: Emulator, path: str, headers: dict[str, str] | None = None, **kwargs: Any) -> requests.Response:
    return requests.get(emu.url + path, headers=BEARER if headers is None else headers, timeout=5, **kwargs)


def sse(response: requests.Response) -> list[tuple[str | None, str]]:
    """The (event, data) pairs of a server-sent-events body."""
    assert response.headers["Content-Type"].startswith("text/event-stream")
    events = []
    for block in response.text.split("\n\n"):
        if not block.strip():
            continue
        fields = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((fields.get("event"), fields["data"]))
    return events


# --- Anthropic Messages -----------------------------------------------------------------------


def test_a_message_echoes_the_last_user_message_with_the_documented_shape(emu: Emulator) -> None:
    messages = [
        {"role": "user", "content": "First question"},
        {"role": "assistant", "content": "First answer"},
        {"role": "user", "content": [{"type": "text", "text": "Explain quantum computing in simple terms."}]},
    ]
    body = {"model": "claude-sonnet-4-6", "max_tokens": 1024, "system": "You are helpful.", "messages": messages}
    response = post(emu, "/v1/messages", body, ANTHROPIC)
    assert response.status_code == 200, response.text
    message = response.json()
    assert message["id"].startswith("msg_")
    assert {key: message[key] for key in ("type", "role", "model", "stop_reason", "stop_sequence")} == {
        "type": "message",
        "role": "assistant",
        "model": "claude-sonnet-4-6",
        "stop_reason": "end_turn",
        "stop_sequence": None,
    }
    assert message["content"] == [
        {"type": "text", "text": "Emulated reply to: Explain quantum computing in simple terms."}
    ]
    assert message["usage"]["output_tokens"] == 16  # 61 characters, a token per 4
    assert message["usage"]["input_tokens"] > 3 * 3


def test_the_bearer_header_is_accepted_too_and_deepseek_models_are_served(emu: Emulator) -> None:
    body = {"model": "deepseek-v4-pro", "max_tokens": 64, "messages": HELLO}
    response = post(emu, "/v1/messages", body, BEARER)
    assert response.status_code == 200, response.text
    assert response.json()["model"] == "deepseek-v4-pro"


def test_a_claude_alias_is_answered_as_its_dated_id(emu: Emulator) -> None:
    body = {"model": "claude-haiku-4-5", "max_tokens": 64, "messages": HELLO}
    assert post(emu, "/v1/messages", body, ANTHROPIC).json()["model"] == "claude-haiku-4-5-20251001"


def test_max_tokens_cuts_the_reply_with_the_max_tokens_stop_reason(emu: Emulator) -> None:
    message = post(
        emu, "/v1/messages", {"model": "claude-opus-4-7", "max_tokens": 3, "messages": HELLO}, ANTHROPIC
    ).json()
    assert message["stop_reason"] == "max_tokens"
    assert message["usage"]["output_tokens"] == 3
    assert message["content"][0]["text"] == "Emulated rep"


def test_a_streamed_message_sends_the_six_documented_event_types_in_order(emu: Emulator) -> None:
    body = {"model": "claude-sonnet-4-6", "max_tokens": 1024, "stream": True, "messages": HELLO}
    events = sse(post(emu, "/v1/messages", body, ANTHROPIC, stream=True))
    names = [name for name, _ in events]
    assert names[:2] == ["message_start", "content_block_start"]
    assert names[-3:] == ["content_block_stop", "message_delta", "message_stop"]
    assert set(names[2:-3]) == {"content_block_delta"}
    data = [json.loads(payload) for _, payload in events]
    assert [event["type"] for event in data] == names  # each data names its event, as the SDKs expect
    assert data[0]["message"]["content"] == [] and data[0]["message"]["model"] == "claude-sonnet-4-6"
    text = "".join(event["delta"]["text"] for event in data if event["type"] == "content_block_delta")
    assert text == "Emulated reply to: Hello, Claude!"
    assert data[-2]["delta"]["stop_reason"] == "end_turn"
    assert data[-2]["usage"]["output_tokens"] == 9


def test_count_tokens_answers_the_docs_example_and_512_per_image(emu: Emulator) -> None:
    body = {
        "model": "claude-sonnet-4-6",
        "messages": [{"role": "user", "content": "Count the tokens for this request."}],
    }
    response = post(emu, "/v1/messages/count_tokens", body, ANTHROPIC)
    assert response.status_code == 200
    assert response.json() == {"input_tokens": 12}  # the docs' example answer
    image = {"type": "image_url", "image_url": {"url": "https://cdn.runapi.ai/public/samples/image.jpg"}}
    body["messages"] = [
        {"role": "user", "content": [{"type": "text", "text": "Count the tokens for this request."}, image]}
    ]
    assert post(emu, "/v1/messages/count_tokens", body, ANTHROPIC).json() == {"input_tokens": 12 + 512}


@pytest.mark.parametrize(
    ("body", "status", "kind", "message"),
    [
        (
            {"model": "claude-x", "max_tokens": 1, "messages": HELLO},
            404,
            "not_found_error",
            "`claude-x` does not exist",
        ),
        ({"model": "gpt-5.2", "max_tokens": 1, "messages": HELLO}, 404, "not_found_error", "POST /v1/chat/completions"),
        ({"max_tokens": 1, "messages": HELLO}, 400, "invalid_request_error", "model: Field required"),
        ({"model": "claude-sonnet-4-6", "messages": HELLO}, 400, "invalid_request_error", "max_tokens: Field required"),
        (
            {"model": "claude-sonnet-4-6", "max_tokens": 0, "messages": HELLO},
            400,
            "invalid_request_error",
            "max_tokens",
        ),
        ({"model": "claude-sonnet-4-6", "max_tokens": 9, "messages": []}, 400, "invalid_request_error", "messages"),
    ],
)
def test_refused_messages_use_anthropics_error_shape(
    emu: Emulator, body: dict[str, Any], status: int, kind: str, message: str
) -> None:
    response = post(emu, "/v1/messages", body, ANTHROPIC)
    assert response.status_code == status
    error = response.json()
    assert error["type"] == "error" and error["error"]["type"] == kind
    assert message in error["error"]["message"]


def test_a_body_that_is_not_a_json_object_is_400(emu: Emulator) -> None:
    response = requests.post(emu.url + "/v1/messages", data=b"{nope", headers=ANTHROPIC, timeout=5)
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "invalid_request_error"
    chat = requests.post(emu.url + "/v1/chat/completions", data=b"[1]", headers=BEARER, timeout=5)
    assert chat.status_code == 400 and chat.json()["error"]["type"] == "invalid_request_error"


# --- auth ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"x-api-key": "wrong"},
        {"Authorization": "Bearer wrong"},
        {"Authorization": API_KEY},
        {"x-goog-api-key": API_KEY},
    ],
    ids=["none", "wrong x-api-key", "wrong bearer", "no scheme", "x-goog-api-key outside /v1beta"],
)
def test_llm_paths_need_the_key(emu: Emulator, headers: dict[str, str]) -> None:
    response = post(emu, "/v1/messages", {"model": "claude-sonnet-4-6", "max_tokens": 9, "messages": HELLO}, headers)
    assert response.status_code == 401
    assert response.json() == {"error": "Unauthorized"}


def test_x_api_key_does_not_open_the_task_api(emu: Emulator) -> None:
    assert get(emu, "/api/v1/me/balance", {"x-api-key": API_KEY}).status_code == 401


def test_the_gemini_native_surface_takes_x_goog_api_key(emu: Emulator) -> None:
    assert get(emu, "/v1beta/models", {"x-goog-api-key": API_KEY}).status_code == 200
    assert get(emu, "/v1beta/models", {"x-goog-api-key": "wrong"}).status_code == 401


def test_the_request_log_redacts_the_sdk_key_headers(emu: Emulator) -> None:
    post(emu, "/v1/messages/count_tokens", {"model": "claude-sonnet-4-6", "messages": HELLO}, ANTHROPIC)
    get(emu, "/v1beta/models", {"x-goog-api-key": API_KEY})
    logged = [entry["headers"] for entry in emu.requests()]
    assert logged[0]["X-Api-Key"] == "[REDACTED]"
    assert logged[1]["X-Goog-Api-Key"] == "[REDACTED]"
    assert API_KEY not in json.dumps(emu.requests())


def test_faults_hit_the_llm_paths_too(emu: Emulator) -> None:
    emu.inject("rate_limit", path="/v1/chat/completions", retry_after=2)
    body = {"model": "gpt-5.2", "messages": [{"role": "user", "content": "Hello!"}]}
    limited = post(emu, "/v1/chat/completions", body)
    assert limited.status_code == 429 and limited.headers["Retry-After"] == "2"
    assert post(emu, "/v1/chat/completions", body).status_code == 200


# --- models ----------------------------------------------------------------------------------------


def test_v1_models_answers_anthropics_format_to_the_anthropic_sdk(emu: Emulator) -> None:
    for headers in (ANTHROPIC, {"x-api-key": API_KEY}, {**BEARER, "anthropic-version": "2023-06-01"}):
        listed = get(emu, "/v1/models", headers).json()
        ids = [model["id"] for model in listed["data"]]
        assert ids[0] == "claude-opus-4-7" and ids[-2:] == ["deepseek-v4-flash", "deepseek-v4-pro"]
        assert listed["data"][0] == {
            "type": "model",
            "id": "claude-opus-4-7",
            "display_name": "Claude Opus 4.7",
            "created_at": "2026-05-05T08:00:00Z",
        }
        assert (listed["has_more"], listed["first_id"], listed["last_id"]) == (False, ids[0], ids[-1])


def test_anthropics_model_list_pages_with_limit_after_id_and_before_id(emu: Emulator) -> None:
    first = get(emu, "/v1/models", ANTHROPIC, params={"limit": 3}).json()
    assert first["has_more"] is True and len(first["data"]) == 3
    second = get(emu, "/v1/models", ANTHROPIC, params={"limit": 3, "after_id": first["last_id"]}).json()
    assert second["data"][0]["id"] == "claude-opus-4-5-20251101"
    back = get(emu, "/v1/models", ANTHROPIC, params={"limit": 3, "before_id": second["first_id"]}).json()
    assert back["data"] == first["data"]
    assert get(emu, "/v1/models", ANTHROPIC, params={"limit": 0}).status_code == 400


def test_v1_models_answers_openais_format_to_a_bearer_request(emu: Emulator) -> None:
    listed = get(emu, "/v1/models").json()
    assert listed["object"] == "list"
    assert listed["data"][0] == {"id": "gpt-5.5", "object": "model", "created": 1714900000, "owned_by": "system"}
    ids = [model["id"] for model in listed["data"]]
    assert {"gpt-5.2", "gpt-5.4", "gpt-5.4-codex", "deepseek-v4-flash", "deepseek-v4-pro"} <= set(ids)
    assert not any(model.startswith("claude") for model in ids)


def test_one_model_is_retrieved_in_the_callers_format(emu: Emulator) -> None:
    assert get(emu, "/v1/models/claude-sonnet-4-5", ANTHROPIC).json()["id"] == "claude-sonnet-4-5-20250929"
    assert get(emu, "/v1/models/gpt-5.2").json()["object"] == "model"
    assert get(emu, "/v1/models/gpt-5.2", ANTHROPIC).status_code == 404
    missing = get(emu, "/v1/models/nope")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "model_not_found"


# --- OpenAI Chat Completions -----------------------------------------------------------------


def test_a_chat_completion_has_the_documented_shape(emu: Emulator) -> None:
    body = {"model": "gpt-5.2", "messages": [{"role": "user", "content": "Explain quantum computing in one sentence."}]}
    response = post(emu, "/v1/chat/completions", body)
    assert response.status_code == 200, response.text
    completion = response.json()
    assert completion["id"].startswith("chatcmpl-") and completion["object"] == "chat.completion"
    assert completion["model"] == "gpt-5.2" and isinstance(completion["created"], int)
    (choice,) = completion["choices"]
    assert choice["index"] == 0 and choice["finish_reason"] == "stop"
    assert choice["message"]["role"] == "assistant"
    assert choice["message"]["content"] == "Emulated reply to: Explain quantum computing in one sentence."
    usage = completion["usage"]
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]


def test_a_streamed_chat_completion_ends_with_a_usage_chunk_and_done(emu: Emulator) -> None:
    body = {
        "model": "deepseek-v4-flash",
        "stream": True,
        "stream_options": {"include_usage": True},
        "messages": [{"role": "user", "content": "Write a haiku about coding."}],
    }
    events = sse(post(emu, "/v1/chat/completions", body, stream=True))
    assert all(name is None for name, _ in events)
    assert events[-1][1] == "[DONE]"
    chunks = [json.loads(data) for _, data in events[:-1]]
    assert {chunk["object"] for chunk in chunks} == {"chat.completion.chunk"}
    assert len({chunk["id"] for chunk in chunks}) == 1
    assert chunks[0]["choices"][0]["delta"] == {"role": "assistant", "content": ""}
    text = "".join(chunk["choices"][0]["delta"].get("content", "") for chunk in chunks if chunk["choices"])
    assert text == "Emulated reply to: Write a haiku about coding."
    assert chunks[-2]["choices"][0]["finish_reason"] == "stop"
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["completion_tokens"] == 12


def test_max_completion_tokens_cuts_a_chat_reply_with_length(emu: Emulator) -> None:
    body = {"model": "gpt-5.2", "max_completion_tokens": 2, "messages": [{"role": "user", "content": "Hi"}]}
    choice = post(emu, "/v1/chat/completions", body).json()["choices"][0]
    assert choice["finish_reason"] == "length" and choice["message"]["content"] == "Emulated"


@pytest.mark.parametrize(
    ("path", "model", "hint"),
    [
        ("/v1/chat/completions", "gpt-5.4", "POST /v1/responses"),
        ("/v1/chat/completions", "claude-sonnet-4-6", "POST /v1/messages"),
        ("/v1/chat/completions", "gemini-2.5-flash", "POST /v1beta/openai/chat/completions"),
        ("/v1/chat/completions", "gpt-4", "does not exist"),
        ("/v1beta/openai/chat/completions", "gemini-3.5-flash", ":streamGenerateContent"),
    ],
)
def test_a_model_of_another_endpoint_is_404_naming_its_endpoint(
    emu: Emulator, path: str, model: str, hint: str
) -> None:
    response = post(emu, path, {"model": model, "messages": [{"role": "user", "content": "Hi"}]})
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["type"] == "invalid_request_error" and error["code"] == "model_not_found"
    assert hint in error["message"]


def test_a_chat_completion_without_messages_is_400(emu: Emulator) -> None:
    response = post(emu, "/v1/chat/completions", {"model": "gpt-5.2"})
    assert response.status_code == 400 and "messages" in response.json()["error"]["message"]


# --- OpenAI Responses --------------------------------------------------------------------------


def test_a_response_has_the_documented_fields_and_the_sdks_required_ones(emu: Emulator) -> None:
    body = {"model": "gpt-5.4", "input": "Explain the theory of relativity.", "reasoning": {"effort": "medium"}}
    response = post(emu, "/v1/responses", body, {"x-api-key": API_KEY})
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["status"] == "completed" and answer["object"] == "response" and answer["model"] == "gpt-5.4"
    (item,) = answer["output"]
    assert (item["type"], item["role"], item["status"]) == ("message", "assistant", "completed")
    assert item["content"] == [
        {"type": "output_text", "text": "Emulated reply to: Explain the theory of relativity.", "annotations": []}
    ]
    usage = answer["usage"]
    assert usage["total_tokens"] == usage["input_tokens"] + usage["output_tokens"]
    assert {"id", "created_at", "parallel_tool_calls", "tool_choice", "tools"} <= set(answer)


def test_a_response_takes_an_input_array_with_content_parts(emu: Emulator) -> None:
    parts = [
        {"type": "input_text", "text": "Describe this image"},
        {"type": "input_image", "image_url": "https://cdn.runapi.ai/public/samples/image.jpg"},
    ]
    body = {"model": "gpt-5.5", "input": [{"role": "user", "content": parts}]}
    answer = post(emu, "/v1/responses", body).json()
    assert answer["output"][0]["content"][0]["text"] == "Emulated reply to: Describe this image"
    assert answer["usage"]["input_tokens"] >= 512


def test_a_streamed_response_sends_the_responses_events_with_sequence_numbers(emu: Emulator) -> None:
    body = {"model": "gpt-5.4", "stream": True, "input": "Write a haiku about coding."}
    events = sse(post(emu, "/v1/responses", body, stream=True))
    data = [json.loads(payload) for _, payload in events]
    assert [name for name, _ in events] == [event["type"] for event in data]
    assert [event["sequence_number"] for event in data] == list(range(len(data)))
    types = [event["type"] for event in data]
    assert types[:4] == [
        "response.created",
        "response.in_progress",
        "response.output_item.added",
        "response.content_part.added",
    ]
    assert types[-4:] == [
        "response.output_text.done",
        "response.content_part.done",
        "response.output_item.done",
        "response.completed",
    ]
    deltas = "".join(event["delta"] for event in data if event["type"] == "response.output_text.delta")
    assert deltas == "Emulated reply to: Write a haiku about coding."
    assert data[-1]["response"]["output"][0]["content"][0]["text"] == deltas
    assert data[0]["response"]["id"] == data[-1]["response"]["id"]


def test_max_output_tokens_makes_an_incomplete_response(emu: Emulator) -> None:
    answer = post(emu, "/v1/responses", {"model": "gpt-5.4", "input": "Hi", "max_output_tokens": 2}).json()
    assert answer["status"] == "incomplete"
    assert answer["incomplete_details"] == {"reason": "max_output_tokens"}
    events = sse(
        post(emu, "/v1/responses", {"model": "gpt-5.4", "input": "Hi", "max_output_tokens": 2, "stream": True})
    )
    assert events[-1][0] == "response.incomplete"


def test_a_response_needs_input_and_a_responses_model(emu: Emulator) -> None:
    assert post(emu, "/v1/responses", {"model": "gpt-5.4"}).status_code == 400
    wrong = post(emu, "/v1/responses", {"model": "deepseek-v4-flash", "input": "Hi"})
    assert wrong.status_code == 404 and "POST /v1/chat/completions" in wrong.json()["error"]["message"]


# --- Gemini --------------------------------------------------------------------------------------


def test_gemini_chat_completions_and_models_on_the_openai_compatible_surface(emu: Emulator) -> None:
    body = {"model": "gemini-2.5-pro", "messages": [{"role": "user", "content": "Summarize the latest AI news."}]}
    completion = post(emu, "/v1beta/openai/chat/completions", body, {"x-api-key": API_KEY}).json()
    assert completion["model"] == "gemini-2.5-pro"
    assert completion["choices"][0]["message"]["content"] == "Emulated reply to: Summarize the latest AI news."
    listed = get(emu, "/v1beta/openai/models").json()
    assert [model["id"] for model in listed["data"]] == [
        "gemini-2.5-flash",
        "gemini-2.5-pro",
        "gemini-3.1-pro-preview",
        "gemini-3-flash-preview",
        "gemini-3-pro-preview",
    ]
    assert get(emu, "/v1beta/openai/models/gemini-3-pro-preview").json()["owned_by"] == "google"


def test_gemini_native_models_list_has_the_documented_format(emu: Emulator) -> None:
    listed = get(emu, "/v1beta/models", {"x-api-key": API_KEY}).json()
    assert listed["models"][0] == {
        "name": "models/gemini-3.5-flash",
        "version": "001",
        "displayName": "Gemini 3.5 Flash",
        "description": "Gemini 3.5 Flash language model",
        "inputTokenLimit": 1048576,
        "outputTokenLimit": 65536,
        "supportedGenerationMethods": ["streamGenerateContent"],
    }
    assert get(emu, "/v1beta/models/gemini-3-flash-preview").json()["name"] == "models/gemini-3-flash-preview"
    assert get(emu, "/v1beta/models/gemini-2.5-flash").json()["error"]["status"] == "NOT_FOUND"


CONTENTS = {
    "stream": True,
    "contents": [{"role": "user", "parts": [{"text": "What is the weather in Beijing today?"}]}],
}


def test_stream_generate_content_answers_sse_chunks_with_alt_sse(emu: Emulator) -> None:
    response = post(emu, "/v1beta/models/gemini-3.5-flash:streamGenerateContent?alt=sse", CONTENTS)
    chunks = [json.loads(data) for _, data in sse(response)]
    text = "".join(chunk["candidates"][0]["content"]["parts"][0]["text"] for chunk in chunks)
    assert text == "Emulated reply to: What is the weather in Beijing today?"
    assert {chunk["modelVersion"] for chunk in chunks} == {"gemini-3.5-flash"}
    assert chunks[-1]["candidates"][0]["finishReason"] == "STOP"
    usage = chunks[-1]["usageMetadata"]
    assert usage["totalTokenCount"] == usage["promptTokenCount"] + usage["candidatesTokenCount"]


def test_stream_generate_content_answers_a_json_array_without_alt(emu: Emulator) -> None:
    body = dict(CONTENTS, generationConfig={"maxOutputTokens": 2})
    response = post(emu, "/v1beta/models/gemini-3-flash-preview:streamGenerateContent", body)
    chunks = response.json()
    assert isinstance(chunks, list) and chunks[-1]["candidates"][0]["finishReason"] == "MAX_TOKENS"


def test_stream_generate_content_refuses_other_models_in_googles_error_shape(emu: Emulator) -> None:
    response = post(emu, "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", CONTENTS)
    assert response.status_code == 404
    assert response.json()["error"]["status"] == "NOT_FOUND"
    assert "POST /v1beta/openai/chat/completions" in response.json()["error"]["message"]
    empty = post(emu, "/v1beta/models/gemini-3.5-flash:streamGenerateContent", {"contents": []})
    assert empty.status_code == 400 and empty.json()["error"]["status"] == "INVALID_ARGUMENT"


def test_unknown_llm_routes_are_404_record_does_not_exist(api: Api) -> None:
    for method, path in [
        ("GET", "/v1/messages"),
        ("POST", "/v1/embeddings"),
        ("POST", "/v1beta/models/x:generateContent"),
    ]:
        response = api.session.request(method, api.emulator.url + path, json={}, timeout=5)
        assert response.status_code == 404
        assert response.json() == {"error": "Record does not exist"}
