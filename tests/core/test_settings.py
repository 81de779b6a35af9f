"""A client's settings as one value (``ClientSettings``), and the two drivers as peers over one shared half."""

from __future__ import annotations

import ast
import time
from pathlib import Path

import pytest

import runapi
from runapi._core.client import ClientCore
from runapi._core.settings import API_KEY, ClientSettings
from runapi.management import MANAGEMENT_KEY, ManagementClient

CORE = Path(runapi.__file__).parent / "_core"


def test_the_settings_are_checked_once_and_travel_as_one_value() -> None:
    client = runapi.Client(api_key="sk-secret", base_url="https://runapi.ai/api/v1", timeout=5, max_retries=1)
    settings = client._settings
    assert isinstance(settings, ClientSettings) and settings.credential is API_KEY
    assert settings.base_url == client.base_url == "https://runapi.ai"
    assert settings.timeout == client.timeout == runapi.Timeout(5, 5)
    assert settings.retry_policy is client.retry_policy and settings.poll_policy is client.poll_policy
    with pytest.raises(AttributeError):
        settings.base_url = "https://elsewhere.test"  # type: ignore[misc]  # frozen


def test_the_repr_never_shows_the_key_nor_a_password_nor_header_values() -> None:
    settings = ClientSettings.build(
        API_KEY,
        "sk-secret-value",
        base_url="https://user:hunter2@runapi.test",
        default_headers={"X-Team": "team-secret"},
        sleep=time.sleep,
        clock=time.monotonic,
    )
    text = repr(settings)
    assert "sk-secret-value" not in text and "hunter2" not in text and "team-secret" not in text
    assert "api_key=***" in text and "user:***@runapi.test" in text and "X-Team" in text


def test_replace_changes_only_what_is_given_and_keeps_the_original() -> None:
    settings = ClientSettings.build(API_KEY, "k", sleep=time.sleep, clock=time.monotonic)
    assert settings.replace() is settings
    other = settings.replace(max_retries=0, default_headers={"X-A": "1"}, poll_interval=2)
    assert other.retry_policy.max_retries == 0 and settings.retry_policy.max_retries == 2
    assert dict(other.default_headers) == {"X-A": "1"} and not settings.default_headers
    assert other.poll_policy.interval == 2 and settings.poll_policy.interval is None
    assert other.key == settings.key and other.base_url == settings.base_url
    with pytest.raises(runapi.ValidationError) as info:
        settings.replace(timeout=-1)
    assert info.value.field == "timeout"


def test_with_options_hands_a_new_value_to_the_copy() -> None:
    client = runapi.Client(api_key="k")
    other = client.with_options(api_key="k2", wait_timeout=30)
    assert other._settings is not client._settings and other._settings.key == "k2" and client._settings.key == "k"
    assert other.poll_policy.timeout == 30 and other._settings.poll_policy is other.poll_policy


def test_a_client_takes_only_settings_of_its_own_key() -> None:
    admin = ManagementClient(management_key="mk")
    assert admin._settings.credential is MANAGEMENT_KEY
    with pytest.raises(TypeError, match="holds the API key, not the management key"):
        ClientCore.__init__(object.__new__(runapi.Client), admin._settings)


def _imports(module: str) -> set[str]:
    tree = ast.parse((CORE / f"{module}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            found.add(node.module)
    return found


def test_the_two_drivers_are_peers_over_the_shared_half() -> None:
    # each imports the no-I/O half, neither imports the other (not even for type checking)
    assert {"base", "settings"} <= _imports("client") and "async_client" not in _imports("client")
    assert {"base", "settings"} <= _imports("async_client") and "client" not in _imports("async_client")
    assert not {"client", "async_client"} & (_imports("base") | _imports("settings"))
