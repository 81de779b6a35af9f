"""RunAPI's LLMs through the official SDKs: factories that return them configured for RunAPI.

RunAPI serves its language models on SDK-compatible paths (docs: Overview > Base URL; Claude,
GPT, Gemini, DeepSeek), so this module does not re-implement any chat API. Each factory returns
the official client, pointed at RunAPI and holding your RunAPI key::

    import runapi.llm

    claude = runapi.llm.anthropic()  # an anthropic.Anthropic
    message = claude.messages.create(
        model="claude-sonnet-4-6", max_tokens=1024, messages=[{"role": "user", "content": "Hello, Claude!"}]
    )

    gpt = runapi.llm.openai()  # an openai.OpenAI
    reply = gpt.chat.completions.create(model="gpt-5.2", messages=[{"role": "user", "content": "Hello!"}])

- ``anthropic()`` / ``async_anthropic()``: ``anthropic.Anthropic`` / ``AsyncAnthropic`` on the origin
  (``https://runapi.ai``), which the SDK extends to ``/v1/messages`` (Claude and DeepSeek models,
  streaming), ``/v1/messages/count_tokens`` and ``/v1/models``;
- ``openai()`` / ``async_openai()``: ``openai.OpenAI`` / ``AsyncOpenAI`` on ``<origin>/v1``:
  ``/chat/completions`` (GPT 5.2, DeepSeek), ``/responses`` (GPT 5.5, GPT 5.4, Codex), ``/models``;
- ``gemini_openai()`` / ``async_gemini_openai()``: ``openai.OpenAI`` / ``AsyncOpenAI`` on
  ``<origin>/v1beta/openai``: ``/chat/completions`` and ``/models`` for Gemini.

Settings are those of :class:`runapi.Client`: ``api_key`` (else ``RUNAPI_API_KEY``) and
``base_url``, the RunAPI origin (else ``RUNAPI_BASE_URL``, else ``https://runapi.ai``); the
factory appends the SDK's path. A ``base_url`` spelled as the docs spell it for an SDK
(``https://runapi.ai/v1``, ``https://runapi.ai/v1beta/openai``, or ``https://runapi.ai/api/v1``)
is accepted too: the suffix is replaced by the one the factory needs. So
``RUNAPI_BASE_URL=http://127.0.0.1:8910`` points every factory at the local emulator, which
answers these endpoints. The SDKs' own variables (``ANTHROPIC_API_KEY``, ``OPENAI_API_KEY``,
``ANTHROPIC_BASE_URL``, ``OPENAI_BASE_URL``) are never used for the key or the URL: a key meant
for another provider is never sent to RunAPI (the SDKs still read their other variables, such as
``OPENAI_ORG_ID``, ``OPENAI_PROJECT_ID`` and ``*_CUSTOM_HEADERS``, and send what they set).
Every other keyword argument goes to the official constructor unchanged (``timeout``,
``max_retries``, ``default_headers``, ``http_client``, ...): retries, timeouts and errors are the
official SDK's, not runapi's.

The SDKs are optional extras, imported only when a factory is called (``import runapi.llm``
imports neither): ``pip install 'runapi-sdk[anthropic]'``, ``pip install 'runapi-sdk[openai]'``
(the ``openai`` extra also serves Gemini's OpenAI-compatible surface). A factory whose SDK is
missing raises :class:`ImportError` naming that command.

**Gemini's native API** (``POST /v1beta/models/{model}:streamGenerateContent``,
``GET /v1beta/models``): :func:`gemini` returns Google's ``google.genai.Client`` on ``<origin>``
with API version ``v1beta`` (the key goes in ``x-goog-api-key``); its ``.aio`` is the async client.
``pip install 'runapi-sdk[gemini]'``. (google-genai caps ``tenacity`` below 9.2, which is why runapi
asks only for ``tenacity>=9.0``.)

The API key is never part of a repr, a log line or an error message of this module.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .errors import MissingAPIKeyError

if TYPE_CHECKING:
    from anthropic import Anthropic, AsyncAnthropic
    from google.genai import Client as GenaiClient
    from openai import AsyncOpenAI, OpenAI

__all__ = [
    "ANTHROPIC_PATH",
    "GEMINI_API_VERSION",
    "GEMINI_OPENAI_PATH",
    "OPENAI_PATH",
    "anthropic",
    "async_anthropic",
    "async_gemini_openai",
    "async_openai",
    "gemini",
    "gemini_openai",
    "openai",
]

ANTHROPIC_PATH = ""
"""Appended to the origin for the Anthropic SDK, which adds ``/v1/messages`` itself (docs: Base URL)."""

OPENAI_PATH = "/v1"
"""Appended to the origin for the OpenAI SDK, which adds ``/chat/completions``, ``/responses``, ``/models``."""

GEMINI_API_VERSION = "v1beta"
"""The API version google-genai puts after the origin: ``<origin>/v1beta/models/...`` (docs: Gemini)."""

GEMINI_OPENAI_PATH = "/v1beta/openai"
"""Appended to the origin for the OpenAI SDK on Gemini's OpenAI-compatible surface."""

# The docs' spellings of a base URL (per SDK, and the task API's), longest first: stripped to the origin.
_KNOWN_SUFFIXES = (GEMINI_OPENAI_PATH, "/api/v1", OPENAI_PATH)


def anthropic(api_key: str | None = None, *, base_url: str | None = None, **options: Any) -> Anthropic:
    """An :class:`anthropic.Anthropic` client on RunAPI (Claude and DeepSeek models).

    Args:
        api_key: your RunAPI key; defaults to ``RUNAPI_API_KEY``.
        base_url: the RunAPI origin; defaults to ``RUNAPI_BASE_URL``, else ``https://runapi.ai``.
        **options: passed to ``anthropic.Anthropic(...)`` unchanged (``timeout``, ``max_retries``,
            ``default_headers``, ``http_client``, ...).

    Raises:
        ImportError: the ``anthropic`` extra is not installed.
        MissingAPIKeyError: no ``api_key`` and no ``RUNAPI_API_KEY``.
        ValidationError: the key holds characters no header can carry, or ``base_url`` is no http(s) URL.
    """
    try:
        from anthropic import Anthropic
    except ImportError as exc:
        raise _missing("anthropic", "Anthropic", "anthropic") from exc
    key, url = _settings(api_key, base_url, ANTHROPIC_PATH, "anthropic")
    return Anthropic(api_key=key, base_url=url, **options)


def async_anthropic(api_key: str | None = None, *, base_url: str | None = None, **options: Any) -> AsyncAnthropic:
    """An :class:`anthropic.AsyncAnthropic` client on RunAPI; arguments as :func:`anthropic`."""
    try:
        from anthropic import AsyncAnthropic
    except ImportError as exc:
        raise _missing("async_anthropic", "Anthropic", "anthropic") from exc
    key, url = _settings(api_key, base_url, ANTHROPIC_PATH, "async_anthropic")
    return AsyncAnthropic(api_key=key, base_url=url, **options)


def openai(api_key: str | None = None, *, base_url: str | None = None, **options: Any) -> OpenAI:
    """An :class:`openai.OpenAI` client on RunAPI (GPT and DeepSeek models), base URL ``<origin>/v1``.

    Chat Completions serve ``gpt-5.2`` and the DeepSeek models; the Responses API serves
    ``gpt-5.5``, ``gpt-5.4`` and the Codex models (docs: GPT > Models).

    Args:
        api_key: your RunAPI key; defaults to ``RUNAPI_API_KEY`` (never ``OPENAI_API_KEY``).
        base_url: the RunAPI origin; defaults to ``RUNAPI_BASE_URL``, else ``https://runapi.ai``.
        **options: passed to ``openai.OpenAI(...)`` unchanged (``timeout``, ``max_retries``,
            ``default_headers``, ``http_client``, ...).

    Raises:
        ImportError: the ``openai`` extra is not installed.
        MissingAPIKeyError: no ``api_key`` and no ``RUNAPI_API_KEY``.
        ValidationError: the key holds characters no header can carry, or ``base_url`` is no http(s) URL.
    """
    try:
        from openai import OpenAI
    except ImportError as exc:
        raise _missing("openai", "OpenAI", "openai") from exc
    key, url = _settings(api_key, base_url, OPENAI_PATH, "openai")
    return OpenAI(api_key=key, base_url=url, **options)


def async_openai(api_key: str | None = None, *, base_url: str | None = None, **options: Any) -> AsyncOpenAI:
    """An :class:`openai.AsyncOpenAI` client on RunAPI, base URL ``<origin>/v1``; arguments as :func:`openai`."""
    try:
        from openai import AsyncOpenAI
    except ImportError as exc:
        raise _missing("async_openai", "OpenAI", "openai") from exc
    key, url = _settings(api_key, base_url, OPENAI_PATH, "async_openai")
    return AsyncOpenAI(api_key=key, base_url=url, **options)


def gemini_openai(api_key: str | None = None, *, base_url: str | None = None, **options: Any) -> OpenAI:
    """An :class:`openai.OpenAI` client on Gemini's OpenAI-compatible surface, ``<origin>/v1beta/openai``.

    ``chat.completions`` serves ``gemini-2.5-flash``, ``gemini-2.5-pro``, ``gemini-3.1-pro-preview``,
    ``gemini-3-flash-preview`` and ``gemini-3-pro-preview``; ``models.list()`` lists them
    (docs: Gemini). Arguments as :func:`openai`.
    """
    try:
        from openai import OpenAI
    except ImportError as exc:
        raise _missing("gemini_openai", "OpenAI", "openai") from exc
    key, url = _settings(api_key, base_url, GEMINI_OPENAI_PATH, "gemini_openai")
    return OpenAI(api_key=key, base_url=url, **options)


def async_gemini_openai(api_key: str | None = None, *, base_url: str | None = None, **options: Any) -> AsyncOpenAI:
    """An :class:`openai.AsyncOpenAI` client on ``<origin>/v1beta/openai``; arguments as :func:`openai`."""
    try:
        from openai import AsyncOpenAI
    except ImportError as exc:
        raise _missing("async_gemini_openai", "OpenAI", "openai") from exc
    key, url = _settings(api_key, base_url, GEMINI_OPENAI_PATH, "async_gemini_openai")
    return AsyncOpenAI(api_key=key, base_url=url, **options)


def gemini(api_key: str | None = None, *, base_url: str | None = None, **options: Any) -> GenaiClient:
    """A ``google.genai.Client`` on RunAPI's native Gemini API: ``<origin>/v1beta/models/...``.

    ``models.generate_content_stream`` reaches ``:streamGenerateContent`` (``gemini-3.5-flash``,
    ``gemini-3-flash-preview``) and ``models.list()`` lists them (docs: Gemini); ``client.aio`` is
    the async twin. The Gemini Developer API is used, never Vertex AI (``GOOGLE_GENAI_USE_VERTEXAI``
    is overridden), and ``GOOGLE_API_KEY``/``GEMINI_API_KEY`` are never read.

    Args:
        api_key: your RunAPI key; defaults to ``RUNAPI_API_KEY``.
        base_url: the RunAPI origin; defaults to ``RUNAPI_BASE_URL``, else ``https://runapi.ai``.
        **options: passed to ``genai.Client(...)``; ``http_options`` (a ``types.HttpOptions`` or a
            dict: ``timeout`` in milliseconds, ``headers``, ``retry_options``, ...) is kept, with
            its ``base_url`` and ``api_version`` set to RunAPI's.

    Raises:
        ImportError: the ``gemini`` extra is not installed.
        MissingAPIKeyError: no ``api_key`` and no ``RUNAPI_API_KEY``.
        ValidationError: the key holds characters no header can carry, or ``base_url`` is no http(s) URL.
    """
    try:
        from google import genai
        from google.genai import types
    except ImportError as exc:
        raise _missing("gemini", "Google Gen AI", "gemini") from exc
    key, url = _settings(api_key, base_url, "", "gemini")
    given = options.pop("http_options", None)
    http = types.HttpOptions.model_validate(given or {}) if not isinstance(given, types.HttpOptions) else given
    http = http.model_copy(update={"base_url": url, "api_version": GEMINI_API_VERSION})
    return genai.Client(api_key=key, vertexai=False, http_options=http, **options)


def _missing(factory: str, vendor: str, extra: str) -> ImportError:
    return ImportError(
        f"runapi.llm.{factory}() needs the official {vendor} SDK, an optional extra: pip install 'runapi-sdk[{extra}]'",
        name=extra,
    )


def _settings(api_key: str | None, base_url: str | None, path: str, factory: str) -> tuple[str, str]:
    """The RunAPI key and the SDK's base URL, read as :class:`runapi.Client` reads them."""
    from ._core.settings import DEFAULT_BASE_URL, _api_key, _base_url  # requests & co: loaded on first use

    try:
        key = _api_key(api_key if api_key is not None else os.environ.get("RUNAPI_API_KEY"))
    except MissingAPIKeyError:
        raise MissingAPIKeyError(
            f"no API key: pass runapi.llm.{factory}(api_key=...) or set the RUNAPI_API_KEY environment variable"
        ) from None
    origin = _base_url(base_url or os.environ.get("RUNAPI_BASE_URL") or DEFAULT_BASE_URL)
    for suffix in _KNOWN_SUFFIXES:
        if urlsplit(origin).path.endswith(suffix):
            origin = origin[: -len(suffix)]
            break
    return key, origin + path
