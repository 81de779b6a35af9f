"""``runapi.llm``: the factories build the official SDK clients with RunAPI's key and base URL.

No request is sent here (``tests/integration/test_llm_on_emulator.py`` sends them): these check the
settings (arguments, then ``RUNAPI_API_KEY`` / ``RUNAPI_BASE_URL``, never the SDKs' own variables),
the pass-through options, the missing-extra message, that the key shows nowhere, that importing
``runapi.llm`` imports no SDK, and the types both checkers see.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest

import runapi
import runapi.llm
from runapi.errors import MissingAPIKeyError, ValidationError

from .typing.test_types import HERE, _mypy, _pyright

anthropic = pytest.importorskip("anthropic")
openai = pytest.importorskip("openai")

KEY = "sk-llm-unit-7f3c9b2e"

# factory, the class it returns, the path it appends to the origin, the extra that provides it
FACTORIES: list[tuple[Callable[..., Any], type, str, str]] = [
    (runapi.llm.anthropic, anthropic.Anthropic, "", "anthropic"),
    (runapi.llm.async_anthropic, anthropic.AsyncAnthropic, "", "anthropic"),
    (runapi.llm.openai, openai.OpenAI, "/v1", "openai"),
    (runapi.llm.async_openai, openai.AsyncOpenAI, "/v1", "openai"),
    (runapi.llm.gemini_openai, openai.OpenAI, "/v1beta/openai", "openai"),
    (runapi.llm.async_gemini_openai, openai.AsyncOpenAI, "/v1beta/openai", "openai"),
]
each_factory = pytest.mark.parametrize(
    ("factory", "cls", "path", "extra"), FACTORIES, ids=[factory.__name__ for factory, *_ in FACTORIES]
)


def base(client: Any) -> str:
    return str(client.base_url).rstrip("/")


@pytest.fixture(autouse=True)
def _no_sdk_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The SDKs' own settings from the machine play no part."""
    for name in (
        "ANTHROPIC_API_KEY",
        "ANTHROPIC_AUTH_TOKEN",
        "ANTHROPIC_BASE_URL",
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
    ):
        monkeypatch.delenv(name, raising=False)


@each_factory
def test_arguments_give_the_key_and_the_sdks_base_url(factory: Any, cls: type, path: str, extra: str) -> None:
    client = factory(KEY, base_url="http://127.0.0.1:8910")
    assert type(client) is cls
    assert client.api_key == KEY
    assert base(client) == "http://127.0.0.1:8910" + path


@each_factory
def test_the_environment_gives_them_otherwise(
    factory: Any, cls: type, path: str, extra: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNAPI_API_KEY", KEY)
    monkeypatch.setenv("RUNAPI_BASE_URL", "http://emulator.test:8910/")
    client = factory()
    assert client.api_key == KEY
    assert base(client) == "http://emulator.test:8910" + path


@each_factory
def test_arguments_win_over_the_environment_and_the_default_is_runapi(
    factory: Any, cls: type, path: str, extra: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNAPI_API_KEY", "sk-from-env")
    monkeypatch.setenv("RUNAPI_BASE_URL", "http://emulator.test")
    client = factory(api_key=KEY, base_url="https://proxy.test/runapi")
    assert (client.api_key, base(client)) == (KEY, "https://proxy.test/runapi" + path)
    monkeypatch.delenv("RUNAPI_BASE_URL")
    assert base(factory()) == "https://runapi.ai" + path


@each_factory
@pytest.mark.parametrize(
    "spelling",
    [
        "https://runapi.ai",
        "https://runapi.ai/",
        "https://runapi.ai/api/v1",
        "https://runapi.ai/v1",
        "https://runapi.ai/v1/",
        "https://runapi.ai/v1beta/openai",
    ],
)
def test_the_docs_spellings_of_a_base_url_all_reach_the_sdks_path(
    factory: Any, cls: type, path: str, extra: str, spelling: str
) -> None:
    assert base(factory(KEY, base_url=spelling)) == "https://runapi.ai" + path


@each_factory
def test_the_sdks_own_variables_are_never_used(
    factory: Any, cls: type, path: str, extra: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("ANTHROPIC_API_KEY", "OPENAI_API_KEY"):
        monkeypatch.setenv(name, "sk-another-providers-key")
    for name in ("ANTHROPIC_BASE_URL", "OPENAI_BASE_URL"):
        monkeypatch.setenv(name, "https://another-provider.test")
    with pytest.raises(MissingAPIKeyError, match=rf"runapi\.llm\.{factory.__name__}\(api_key=\.\.\.\).*RUNAPI_API_KEY"):
        factory()
    monkeypatch.setenv("RUNAPI_API_KEY", KEY)
    client = factory()
    assert client.api_key == KEY
    assert base(client) == "https://runapi.ai" + path


@each_factory
def test_other_keyword_arguments_go_to_the_official_constructor(factory: Any, cls: type, path: str, extra: str) -> None:
    client = factory(KEY, timeout=12.5, max_retries=0, default_headers={"X-Trace": "t-1"})
    assert client.timeout == 12.5
    assert client.max_retries == 0
    assert client.default_headers["X-Trace"] == "t-1"
    with pytest.raises(TypeError):
        factory(KEY, no_such_option=1)


def test_an_http_client_of_ones_own_is_used() -> None:
    import httpx2

    with httpx2.Client() as http, runapi.llm.openai(KEY, http_client=http) as client:
        assert client._client is http


@each_factory
def test_the_key_is_in_no_repr_and_no_error(factory: Any, cls: type, path: str, extra: str) -> None:
    client = factory(KEY)
    assert KEY not in repr(client) and KEY not in str(client)
    with pytest.raises(ValidationError) as bad_key:
        factory(KEY + "\u00e9")  # not ASCII: no header can carry it
    assert KEY not in str(bad_key.value)
    assert bad_key.value.field == "api_key"
    with pytest.raises(ValidationError, match="base_url") as bad_url:
        factory(KEY, base_url="ftp://runapi.ai")
    assert KEY not in str(bad_url.value)


@each_factory
def test_a_missing_extra_names_the_pip_command(
    factory: Any, cls: type, path: str, extra: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, extra, None)  # as if the SDK were not installed
    with pytest.raises(ImportError) as missing:
        factory(KEY)
    message = str(missing.value)
    assert f"runapi.llm.{factory.__name__}()" in message
    assert f"pip install 'runapi-sdk[{extra}]'" in message
    assert missing.value.name == extra
    assert isinstance(missing.value.__cause__, ImportError)
    assert KEY not in message


def test_importing_runapi_and_runapi_llm_imports_no_sdk() -> None:
    code = (
        "import sys, runapi, runapi.llm\n"
        "assert runapi.llm is sys.modules['runapi.llm']\n"
        "loaded = {'anthropic', 'openai', 'httpx2', 'google.genai'} & set(sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_runapi_llm_is_reachable_from_the_package() -> None:
    assert runapi.llm is sys.modules["runapi.llm"]
    assert "llm" in dir(runapi)


LLM_SCRIPT = HERE / "llm_script.py"


def test_mypy_strict_sees_the_official_classes() -> None:
    result = _mypy(LLM_SCRIPT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pyright_sees_the_official_classes() -> None:
    result = _pyright(LLM_SCRIPT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_gemini_without_its_extra_names_the_pip_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "google.genai", None)  # as if google-genai were not installed
    with pytest.raises(ImportError, match=r"pip install 'runapi-sdk\[gemini\]'") as missing:
        runapi.llm.gemini(KEY)
    assert KEY not in str(missing.value)


def test_gemini_reads_runapis_settings_only(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("google.genai")
    monkeypatch.setenv("GOOGLE_API_KEY", "sk-another-providers-key")
    with pytest.raises(MissingAPIKeyError, match=r"runapi\.llm\.gemini\(api_key=\.\.\.\)"):
        runapi.llm.gemini()
    with pytest.raises(ValidationError, match="base_url"):
        runapi.llm.gemini(KEY, base_url="ftp://runapi.ai")
