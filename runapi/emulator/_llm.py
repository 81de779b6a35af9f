"""The LLM endpoints: Anthropic Messages, OpenAI Chat Completions and Responses, Gemini (docs: Overview >
Base URL; Claude; GPT; Gemini; DeepSeek), so the official ``anthropic`` and ``openai`` SDKs run against
the emulator unmodified (``runapi.llm`` builds them).

Routes (the base URL of each SDK is in brackets):

- [Anthropic SDK: ``<url>``] ``POST /v1/messages`` (Claude and DeepSeek models; ``"stream": true``
  answers the six documented SSE events), ``POST /v1/messages/count_tokens``, ``GET /v1/models``
  and ``GET /v1/models/{id}``;
- [OpenAI SDK: ``<url>/v1``] ``POST /v1/chat/completions`` (``gpt-5.2``, DeepSeek; SSE chunks and
  ``data: [DONE]`` when streaming, a usage chunk with ``stream_options.include_usage``),
  ``POST /v1/responses`` (``gpt-5.5``, ``gpt-5.4``, Codex; the Responses stream events when
  streaming), ``GET /v1/models`` and ``GET /v1/models/{id}``;
- [OpenAI SDK: ``<url>/v1beta/openai``] ``POST /v1beta/openai/chat/completions`` (Gemini chat
  models), ``GET /v1beta/openai/models`` and ``/{id}``;
- Gemini's native contents API: ``POST /v1beta/models/{model}:streamGenerateContent``
  (``gemini-3.5-flash``, ``gemini-3-flash-preview``; SSE with ``?alt=sse``, else a streamed JSON
  array), ``GET /v1beta/models`` and ``/{model}`` (Google's list format).

``GET /v1/models`` serves both SDKs' list formats, as the docs say: Anthropic's (``type``,
``display_name``, ``created_at``, ``has_more``, ``first_id``, ``last_id``; Claude and DeepSeek) when
the request carries ``anthropic-version`` (the Anthropic SDK always sends it) or authenticates with
``x-api-key`` alone (the docs' Claude example), else OpenAI's (GPT and DeepSeek).

Auth: ``Authorization: Bearer <key>`` or ``x-api-key: <key>`` (both documented), and
``x-goog-api-key`` (what Google's SDK sends) under ``/v1beta/``; ``App`` checks the key.

Answers are deterministic: the text is ``"Emulated reply to: <the last user message's text>"``,
the model is echoed (a Claude alias as its dated id: the docs canonicalize aliases), and token
counts are estimates (a token per 4 characters, 3 per message, 512 per image block: the count_tokens
docs' heuristic). A ``max_tokens`` (``max_completion_tokens``, ``max_output_tokens``,
``generationConfig.maxOutputTokens``) below the reply's size cuts it there, with the API's stop reason
(``max_tokens``, ``length``, ``incomplete``, ``MAX_TOKENS``). Errors use each official API's shape
(the docs give none for these endpoints): Anthropic ``{"type": "error", "error": {"type", "message"}}``,
OpenAI ``{"error": {"message", "type", "param", "code"}}``, Google ``{"error": {"code", "message",
"status"}}``; an unknown model (or one served by another endpoint) is 404, a missing field 400.
LLM calls are not charged to the emulator's balance.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from werkzeug.wrappers import Request, Response

__all__ = ["header_key", "is_llm_path", "route"]

Handler = Callable[[Request], Response]
ErrorFactory = Callable[[int, str], Response]

# --- the catalogue (docs: Claude > Models, GPT > Models, Gemini > Models, DeepSeek > Models) --------

CLAUDE_MODELS = {
    "claude-opus-4-7": "Claude Opus 4.7",
    "claude-opus-4-6": "Claude Opus 4.6",
    "claude-sonnet-4-6": "Claude Sonnet 4.6",
    "claude-opus-4-5-20251101": "Claude Opus 4.5",
    "claude-sonnet-4-5-20250929": "Claude Sonnet 4.5",
    "claude-haiku-4-5-20251001": "Claude Haiku 4.5",
}
CLAUDE_ALIASES = {
    "claude-opus-4-5": "claude-opus-4-5-20251101",
    "claude-sonnet-4-5": "claude-sonnet-4-5-20250929",
    "claude-haiku-4-5": "claude-haiku-4-5-20251001",
}
DEEPSEEK_MODELS = {"deepseek-v4-flash": "DeepSeek V4 Flash", "deepseek-v4-pro": "DeepSeek V4 Pro"}
GPT_CHAT_MODELS = ("gpt-5.2",)
GPT_RESPONSES_MODELS = (
    "gpt-5.5",
    "gpt-5.4",
    "gpt-5-codex",
    "gpt-5.1-codex",
    "gpt-5.2-codex",
    "gpt-5.3-codex",
    "gpt-5.4-codex",
)
GPT_MODELS = ("gpt-5.5", "gpt-5.2", "gpt-5.4", *GPT_RESPONSES_MODELS[2:])
"""Every GPT model, in the docs' order (GPT > Models)."""
GEMINI_CHAT_MODELS = {
    "gemini-2.5-flash": "Gemini 2.5 Flash",
    "gemini-2.5-pro": "Gemini 2.5 Pro",
    "gemini-3.1-pro-preview": "Gemini 3.1 Pro",
    "gemini-3-flash-preview": "Gemini 3 Flash",
    "gemini-3-pro-preview": "Gemini 3 Pro",
}
GEMINI_NATIVE_MODELS = {"gemini-3.5-flash": "Gemini 3.5 Flash", "gemini-3-flash-preview": "Gemini 3 Flash"}

MESSAGES = "/v1/messages"
COUNT_TOKENS = "/v1/messages/count_tokens"
MODELS = "/v1/models"
CHAT = "/v1/chat/completions"
RESPONSES = "/v1/responses"
GEMINI_CHAT = "/v1beta/openai/chat/completions"
GEMINI_OPENAI_MODELS = "/v1beta/openai/models"
GEMINI_MODELS = "/v1beta/models"
_GENERATE = re.compile(r"/v1beta/models/(?P<model>[^/:]+):streamGenerateContent")

# which endpoint serves which models: to refuse the others with a pointer to the right one
_SERVED: dict[str, tuple[str, ...]] = {
    MESSAGES: (*CLAUDE_MODELS, *CLAUDE_ALIASES, *DEEPSEEK_MODELS),
    CHAT: (*GPT_CHAT_MODELS, *DEEPSEEK_MODELS),
    RESPONSES: GPT_RESPONSES_MODELS,
    GEMINI_CHAT: tuple(GEMINI_CHAT_MODELS),
    "/v1beta/models/{model}:streamGenerateContent": tuple(GEMINI_NATIVE_MODELS),
}

MODELS_CREATED_AT = "2026-05-05T08:00:00Z"
"""``created_at`` of every model in Anthropic's list format (the docs' example value)."""

MODELS_CREATED = 1714900000
"""``created`` of every model in OpenAI's list format (the docs' example value)."""

IMAGE_TOKENS = 512
"""Input tokens counted per image block (docs: Claude > Count Tokens)."""

MESSAGE_TOKENS = 3
"""Input tokens counted per message, for its role and framing."""

_IMAGE_BLOCKS = frozenset({"image", "image_url", "input_image", "document", "input_file", "file"})


# --- auth and routing ------------------------------------------------------------------------


def is_llm_path(path: str) -> bool:
    """Whether ``path`` is under the SDK-compatible prefixes ``/v1/`` or ``/v1beta/``."""
    return path.startswith(("/v1/", "/v1beta/"))


def header_key(request: Request) -> str:
    """The key of an SDK-style auth header on an LLM path (``x-api-key``; ``x-goog-api-key`` under
    ``/v1beta/``), or ``""``."""
    if not is_llm_path(request.path):
        return ""
    key = request.headers.get("x-api-key", "").strip()
    if not key and request.path.startswith("/v1beta/"):
        key = request.headers.get("x-goog-api-key", "").strip()
    return key


def route(method: str, path: str) -> Handler | None:
    """The handler of an LLM endpoint, or ``None`` if ``method path`` is none."""
    if method == "POST":
        if path in _POSTS:
            return _POSTS[path]
        generate = _GENERATE.fullmatch(path)
        if generate:
            model = generate["model"]
            return lambda request: _stream_generate_content(request, model)
        return None
    if method != "GET":
        return None
    if path in _LISTS:
        return _LISTS[path]
    parent, _, model = path.rpartition("/")
    if model and parent in _RETRIEVES:
        retrieve = _RETRIEVES[parent]
        return lambda request: retrieve(request, model)
    return None


# --- shared helpers ----------------------------------------------------------------------------


def _json(status: int, body: Any) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), status=status, mimetype="application/json")


def _anthropic_error(status: int, message: str) -> Response:
    kind = {400: "invalid_request_error", 404: "not_found_error"}.get(status, "api_error")
    return _json(status, {"type": "error", "error": {"type": kind, "message": message}})


def _openai_error(status: int, message: str) -> Response:
    code = "model_not_found" if status == 404 else None
    return _json(status, {"error": {"message": message, "type": "invalid_request_error", "param": None, "code": code}})


def _google_error(status: int, message: str) -> Response:
    state = {400: "INVALID_ARGUMENT", 404: "NOT_FOUND"}.get(status, "INTERNAL")
    return _json(status, {"error": {"code": status, "message": message, "status": state}})


class _Refused(Exception):
    """A request the endpoint refuses: HTTP ``status`` and a message, shaped by the endpoint's error factory."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _endpoint(error: ErrorFactory, handler: Callable[[Request], Response]) -> Handler:
    """``handler`` with :class:`_Refused` answered in the endpoint's error shape."""

    def handle(request: Request) -> Response:
        try:
            return handler(request)
        except _Refused as refused:
            return error(refused.status, refused.message)

    return handle


def _body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(request.get_data(cache=True))
    except ValueError:  # includes JSONDecodeError and UnicodeDecodeError
        body = None
    if not isinstance(body, dict):
        raise _Refused(400, "The request body is not a valid JSON object.")
    return body


def _required(body: Mapping[str, Any], name: str) -> Any:
    if body.get(name) is None:
        raise _Refused(400, f"{name}: Field required")
    return body[name]


def _model(body: Mapping[str, Any], endpoint: str) -> str:
    """The body's model if ``endpoint`` serves it (a Claude alias as its dated id), else a 404."""
    model = _required(body, "model")
    if not isinstance(model, str) or not model:
        raise _Refused(400, "model: must be a non-empty string")
    return _served_model(model, endpoint)


def _served_model(model: str, endpoint: str) -> str:
    if model in _SERVED[endpoint]:
        return CLAUDE_ALIASES.get(model, model)
    elsewhere = [other for other, models in _SERVED.items() if model in models]
    if elsewhere:
        where = " or ".join(f"POST {other}" for other in elsewhere)
        raise _Refused(404, f"The model `{model}` is not served at POST {endpoint}; it is served at {where}.")
    raise _Refused(404, f"The model `{model}` does not exist or you do not have access to it.")


def _limit(body: Mapping[str, Any], *names: str) -> int | None:
    """The first of ``names`` the body gives: a token limit, an integer >= 1."""
    for name in names:
        value = body.get(name)
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise _Refused(400, f"{name}: must be an integer >= 1")
        return value
    return None


def _messages(body: Mapping[str, Any]) -> list[Any]:
    messages = _required(body, "messages")
    if not isinstance(messages, list) or not messages:
        raise _Refused(400, "messages: must be a non-empty list of messages")
    return messages


def _tokens(text: str) -> int:
    """A token per 4 characters, rounded up."""
    return -(-len(text) // 4)


def _content(content: Any) -> tuple[str, int]:
    """The text of a message's content (a string, or a list of blocks or parts) and its image blocks."""
    if isinstance(content, str):
        return content, 0
    texts: list[str] = []
    images = 0
    for block in content if isinstance(content, list) else ():
        if isinstance(block, str):
            texts.append(block)
        elif isinstance(block, dict):
            if isinstance(block.get("text"), str):
                texts.append(block["text"])
            elif block.get("type") in _IMAGE_BLOCKS or "inlineData" in block or "fileData" in block:
                images += 1
    return " ".join(texts), images


def _input_tokens(messages: Iterable[Any], *system: Any) -> int:
    total = 0
    for part in system:
        text, images = _content(part)
        total += _tokens(text) + IMAGE_TOKENS * images
    for message in messages:
        content = message.get("content", message.get("parts")) if isinstance(message, dict) else message
        text, images = _content(content)
        total += MESSAGE_TOKENS + _tokens(text) + IMAGE_TOKENS * images
    return total


def _last_user_text(messages: Iterable[Any]) -> str:
    text = ""
    for message in messages:
        if isinstance(message, str):
            text = message
        elif (
            isinstance(message, dict)
            and message.get("role", "user") == "user"
            and ("content" in message or "parts" in message)
        ):
            text = _content(message.get("content", message.get("parts")))[0]  # not a tool output or a reasoning item
    return text


def _reply(messages: Iterable[Any], limit: int | None) -> tuple[str, int, bool]:
    """The reply text, its output tokens, and whether ``limit`` cut it."""
    text = f"Emulated reply to: {_last_user_text(messages) or '(no text)'}"
    tokens = _tokens(text)
    if limit is not None and tokens > limit:
        return text[: 4 * limit], limit, True
    return text, tokens, False


def _pieces(text: str) -> list[str]:
    """``text`` cut into the deltas a stream sends: a word and the spaces after it."""
    return re.findall(r"\s*\S+\s*", text) or [text]


def _new_id(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex}"


def _sse(events: Iterable[tuple[str | None, Any]]) -> Response:
    """Server-sent events: ``event:`` (when named) and one ``data:`` line of JSON (or text) each."""

    def chunks() -> Iterator[bytes]:
        for name, data in events:
            text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
            yield ((f"event: {name}\n" if name else "") + f"data: {text}\n\n").encode("utf-8")

    return Response(chunks(), status=200, mimetype="text/event-stream", headers={"Cache-Control": "no-cache"})


def _wants_stream(body: Mapping[str, Any]) -> bool:
    stream = body.get("stream", False)
    if not isinstance(stream, bool):
        raise _Refused(400, "stream: must be a boolean")
    return stream


# --- Anthropic Messages (docs: Claude; DeepSeek) ---------------------------------------------------


def _anthropic_messages(request: Request) -> Response:
    body = _body(request)
    model = _model(body, MESSAGES)
    messages = _messages(body)
    max_tokens = _limit(body, "max_tokens")
    if max_tokens is None:
        raise _Refused(400, "max_tokens: Field required")
    stream = _wants_stream(body)
    input_tokens = _input_tokens(messages, body.get("system"))
    text, output_tokens, cut = _reply(messages, max_tokens)
    stop_reason = "max_tokens" if cut else "end_turn"
    message: dict[str, Any] = {
        "id": _new_id("msg_"),
        "type": "message",
        "role": "assistant",
        "content": [{"type": "text", "text": text}],
        "model": model,
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "usage": {"input_tokens": input_tokens, "output_tokens": output_tokens},
    }
    if not stream:
        return _json(200, message)
    start = dict(message, content=[], stop_reason=None, usage={"input_tokens": input_tokens, "output_tokens": 1})
    events: list[tuple[str | None, Any]] = [
        ("message_start", {"type": "message_start", "message": start}),
        (
            "content_block_start",
            {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
        ),
    ]
    events += [
        (
            "content_block_delta",
            {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": piece}},
        )
        for piece in _pieces(text)
    ]
    events += [
        ("content_block_stop", {"type": "content_block_stop", "index": 0}),
        (
            "message_delta",
            {
                "type": "message_delta",
                "delta": {"stop_reason": stop_reason, "stop_sequence": None},
                "usage": {"output_tokens": output_tokens},
            },
        ),
        ("message_stop", {"type": "message_stop"}),
    ]
    return _sse(events)


def _count_tokens(request: Request) -> Response:
    body = _body(request)
    _model(body, MESSAGES)
    return _json(200, {"input_tokens": _input_tokens(_messages(body), body.get("system"))})


def _anthropic_style(request: Request) -> bool:
    """Whether a ``/v1/models`` request wants Anthropic's format (see the module docstring)."""
    headers = request.headers
    return "anthropic-version" in headers or ("x-api-key" in headers and "authorization" not in headers)


def _anthropic_model(model: str) -> dict[str, Any]:
    name = CLAUDE_MODELS.get(model) or DEEPSEEK_MODELS[model]
    return {"type": "model", "id": model, "display_name": name, "created_at": MODELS_CREATED_AT}


def _openai_model(model: str, owner: str = "system") -> dict[str, Any]:
    return {"id": model, "object": "model", "created": MODELS_CREATED, "owned_by": owner}


def _v1_models(request: Request) -> Response:
    if not _anthropic_style(request):
        return _json(200, {"object": "list", "data": [_openai_model(m) for m in (*GPT_MODELS, *DEEPSEEK_MODELS)]})
    ids = [*CLAUDE_MODELS, *DEEPSEEK_MODELS]
    try:
        limit = int(request.args.get("limit", "20"))
    except ValueError:
        limit = 0
    if not 1 <= limit <= 1000:
        return _anthropic_error(400, "limit: must be an integer from 1 to 1000")
    after, before = request.args.get("after_id"), request.args.get("before_id")
    if before in ids:
        page = ids[: ids.index(before)][-limit:]
        has_more = len(ids[: ids.index(before)]) > limit
    else:
        rest = ids[ids.index(after) + 1 :] if after in ids else ids
        page, has_more = rest[:limit], len(rest) > limit
    data = [_anthropic_model(m) for m in page]
    first, last = (page[0], page[-1]) if page else (None, None)
    return _json(200, {"data": data, "has_more": has_more, "first_id": first, "last_id": last})


def _v1_model(request: Request, model: str) -> Response:
    if _anthropic_style(request):
        canonical = CLAUDE_ALIASES.get(model, model)
        if canonical in CLAUDE_MODELS or canonical in DEEPSEEK_MODELS:
            return _json(200, _anthropic_model(canonical))
        return _anthropic_error(404, f"model: {model}")
    if model in GPT_MODELS or model in DEEPSEEK_MODELS:
        return _json(200, _openai_model(model))
    return _openai_error(404, f"The model `{model}` does not exist or you do not have access to it.")


# --- OpenAI Chat Completions (docs: GPT; DeepSeek; Gemini via the OpenAI SDK) ----------------------


def _chat(endpoint: str) -> Handler:
    def handle(request: Request) -> Response:
        body = _body(request)
        model = _model(body, endpoint)
        messages = _messages(body)
        limit = _limit(body, "max_completion_tokens", "max_tokens")
        stream = _wants_stream(body)
        prompt_tokens = _input_tokens(messages)
        text, completion_tokens, cut = _reply(messages, limit)
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        }
        finish_reason = "length" if cut else "stop"
        head = {"id": _new_id("chatcmpl-"), "created": int(time.time()), "model": model}
        if not stream:
            choice = {
                "index": 0,
                "message": {"role": "assistant", "content": text, "refusal": None},
                "finish_reason": finish_reason,
                "logprobs": None,
            }
            return _json(200, {**head, "object": "chat.completion", "choices": [choice], "usage": usage})
        options = body.get("stream_options")
        with_usage = isinstance(options, dict) and options.get("include_usage") is True

        def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
            choice = {"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}
            return {
                **head,
                "object": "chat.completion.chunk",
                "choices": [choice],
                **({"usage": None} if with_usage else {}),
            }

        chunks = [chunk({"role": "assistant", "content": ""})]
        chunks += [chunk({"content": piece}) for piece in _pieces(text)]
        chunks.append(chunk({}, finish_reason))
        if with_usage:
            chunks.append({**head, "object": "chat.completion.chunk", "choices": [], "usage": usage})
        return _sse([*((None, c) for c in chunks), (None, "[DONE]")])

    return _endpoint(_openai_error, handle)


# --- OpenAI Responses (docs: GPT > Responses) --------------------------------------------------


def _responses_input(body: Mapping[str, Any]) -> list[Any]:
    given = _required(body, "input")
    if isinstance(given, str):
        return [{"role": "user", "content": given}]
    if not isinstance(given, list) or not given:
        raise _Refused(400, "input: must be a string or a non-empty list of input items")
    return given


def _responses(request: Request) -> Response:
    body = _body(request)
    model = _model(body, RESPONSES)
    items = _responses_input(body)
    limit = _limit(body, "max_output_tokens")
    stream = _wants_stream(body)
    input_tokens = _input_tokens(items, body.get("instructions"))
    text, output_tokens, cut = _reply(items, limit)
    status = "incomplete" if cut else "completed"
    part = {"type": "output_text", "text": text, "annotations": []}
    item = {"type": "message", "id": _new_id("msg_"), "status": status, "role": "assistant", "content": [part]}
    response: dict[str, Any] = {
        "id": _new_id("resp_"),
        "object": "response",
        "created_at": int(time.time()),
        "status": status,
        "model": model,
        "output": [item],
        "usage": {
            "input_tokens": input_tokens,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": output_tokens,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": input_tokens + output_tokens,
        },
        "error": None,
        "incomplete_details": {"reason": "max_output_tokens"} if cut else None,
        "instructions": body.get("instructions"),
        "metadata": body.get("metadata") or {},
        "parallel_tool_calls": body.get("parallel_tool_calls", True),
        "tool_choice": body.get("tool_choice", "auto"),
        "tools": body.get("tools") or [],
    }
    if not stream:
        return _json(200, response)
    started = dict(response, status="in_progress", output=[], usage=None, incomplete_details=None)
    where = {"item_id": item["id"], "output_index": 0, "content_index": 0}
    events: list[dict[str, Any]] = [
        {"type": "response.created", "response": started},
        {"type": "response.in_progress", "response": started},
        {"type": "response.output_item.added", "output_index": 0, "item": dict(item, status="in_progress", content=[])},
        {"type": "response.content_part.added", **where, "part": dict(part, text="")},
    ]
    events += [{"type": "response.output_text.delta", **where, "delta": p, "logprobs": []} for p in _pieces(text)]
    events += [
        {"type": "response.output_text.done", **where, "text": text, "logprobs": []},
        {"type": "response.content_part.done", **where, "part": part},
        {"type": "response.output_item.done", "output_index": 0, "item": item},
        {"type": f"response.{status}", "response": response},
    ]
    return _sse((event["type"], dict(event, sequence_number=number)) for number, event in enumerate(events))


# --- Gemini (docs: Gemini) ---------------------------------------------------------------------


def _gemini_openai_models(request: Request) -> Response:
    return _json(200, {"object": "list", "data": [_openai_model(m, "google") for m in GEMINI_CHAT_MODELS]})


def _gemini_openai_model(request: Request, model: str) -> Response:
    if model in GEMINI_CHAT_MODELS:
        return _json(200, _openai_model(model, "google"))
    return _openai_error(404, f"The model `{model}` does not exist or you do not have access to it.")


def _google_model(model: str) -> dict[str, Any]:
    name = GEMINI_NATIVE_MODELS[model]
    return {
        "name": f"models/{model}",
        "version": "001",
        "displayName": name,
        "description": f"{name} language model",
        "inputTokenLimit": 1048576,
        "outputTokenLimit": 65536,
        "supportedGenerationMethods": ["streamGenerateContent"],
    }


def _gemini_models(request: Request) -> Response:
    return _json(200, {"models": [_google_model(m) for m in GEMINI_NATIVE_MODELS]})


def _gemini_model(request: Request, model: str) -> Response:
    if model in GEMINI_NATIVE_MODELS:
        return _json(200, _google_model(model))
    return _google_error(404, f"models/{model} is not found for API version v1beta.")


def _stream_generate_content(request: Request, model: str) -> Response:
    try:
        body = _body(request)
        _served_model(model, "/v1beta/models/{model}:streamGenerateContent")
        contents = body.get("contents")
        if not isinstance(contents, list) or not contents:
            raise _Refused(400, "contents: must be a non-empty list")
        config = body.get("generationConfig")
        limit = _limit(config, "maxOutputTokens") if isinstance(config, dict) else None
    except _Refused as refused:
        return _google_error(refused.status, refused.message)
    system = body.get("systemInstruction")
    prompt_tokens = _input_tokens(contents, *([system.get("parts")] if isinstance(system, dict) else []))
    text, output_tokens, cut = _reply(contents, limit)
    response_id = _new_id("")
    pieces = _pieces(text)
    chunks = []
    for number, piece in enumerate(pieces, start=1):
        candidate: dict[str, Any] = {"content": {"role": "model", "parts": [{"text": piece}]}, "index": 0}
        usage = {"promptTokenCount": prompt_tokens}
        if number == len(pieces):
            candidate["finishReason"] = "MAX_TOKENS" if cut else "STOP"
            usage.update(candidatesTokenCount=output_tokens, totalTokenCount=prompt_tokens + output_tokens)
        chunks.append(
            {"candidates": [candidate], "usageMetadata": usage, "modelVersion": model, "responseId": response_id}
        )
    if request.args.get("alt") == "sse":
        return _sse((None, chunk) for chunk in chunks)
    array = "[" + ",\r\n".join(json.dumps(chunk, ensure_ascii=False) for chunk in chunks) + "]"
    return Response(array, status=200, mimetype="application/json")


# --- the tables ------------------------------------------------------------------------------------

_POSTS: dict[str, Handler] = {
    MESSAGES: _endpoint(_anthropic_error, _anthropic_messages),
    COUNT_TOKENS: _endpoint(_anthropic_error, _count_tokens),
    CHAT: _chat(CHAT),
    RESPONSES: _endpoint(_openai_error, _responses),
    GEMINI_CHAT: _chat(GEMINI_CHAT),
}
_LISTS: dict[str, Handler] = {
    MODELS: _v1_models,
    GEMINI_OPENAI_MODELS: _gemini_openai_models,
    GEMINI_MODELS: _gemini_models,
}
_RETRIEVES: dict[str, Callable[[Request, str], Response]] = {
    MODELS: _v1_model,
    GEMINI_OPENAI_MODELS: _gemini_openai_model,
    GEMINI_MODELS: _gemini_model,
}
