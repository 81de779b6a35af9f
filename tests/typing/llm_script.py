"""A user's script with ``runapi.llm``: both type checkers must see the official SDKs' own classes.

Not collected by pytest (no test_ prefix); ``tests/test_llm.py`` runs mypy --strict and pyright on it.
"""

from __future__ import annotations

import sys

import anthropic
import openai
from google import genai

import runapi
import runapi.llm

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


def main() -> None:
    claude = runapi.llm.anthropic(timeout=30.0, max_retries=1)
    assert_type(claude, anthropic.Anthropic)
    message = claude.messages.create(
        model="claude-sonnet-4-6", max_tokens=1024, messages=[{"role": "user", "content": "Hello, Claude!"}]
    )
    assert_type(message, anthropic.types.Message)
    assert_type(runapi.llm.async_anthropic(), anthropic.AsyncAnthropic)

    gpt = runapi.llm.openai(api_key="sk-...", base_url="http://127.0.0.1:8910")
    assert_type(gpt, openai.OpenAI)
    reply = gpt.chat.completions.create(model="gpt-5.2", messages=[{"role": "user", "content": "Hello!"}])
    content: str | None = reply.choices[0].message.content
    print(content, gpt.responses.create(model="gpt-5.4", input="Hello!").output_text)
    assert_type(runapi.llm.async_openai(), openai.AsyncOpenAI)
    assert_type(runapi.llm.gemini_openai(), openai.OpenAI)
    assert_type(runapi.llm.async_gemini_openai(), openai.AsyncOpenAI)
    gemini = runapi.llm.gemini(http_options={"timeout": 30_000})
    assert_type(gemini, genai.Client)
    for chunk in gemini.models.generate_content_stream(model="gemini-3.5-flash", contents="Hello"):
        text: str | None = chunk.text
        print(text)


if __name__ == "__main__":
    main()
