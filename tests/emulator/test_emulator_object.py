"""The Python object: life cycle, arguments, and what it refuses."""

from __future__ import annotations

import base64

import pytest
import requests

from runapi.emulator import Emulator
from runapi.emulator.__main__ import main


def test_context_manager_starts_and_stops() -> None:
    with Emulator() as emu:
        assert emu.url.startswith("http://127.0.0.1:")
        assert requests.get(f"{emu.url}/api/v1/me/balance", headers={"Authorization": "Bearer x"}, timeout=5).ok
        url = emu.url
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{url}/api/v1/me/balance", timeout=5)
    emu.stop()  # stopping twice is harmless


def test_url_before_start_and_second_start_are_errors() -> None:
    emu = Emulator()
    with pytest.raises(RuntimeError):
        _ = emu.url
    emu.start()
    try:
        with pytest.raises(RuntimeError):
            emu.start()
    finally:
        emu.stop()
    with pytest.raises(RuntimeError):
        emu.start()


def test_generated_callback_secret_is_24_random_bytes_in_base64() -> None:
    first, second = Emulator().callback_secret, Emulator().callback_secret
    assert len(base64.b64decode(first, validate=True)) == 24
    assert first != second


@pytest.mark.parametrize(
    "options",
    [
        {"callback_secret": "not base64!"},
        {"callback_secret": ""},
        {"api_key": " "},
        {"complete_after": -1},
        {"complete_after": float("nan")},
        {"complete_after_polls": 0},
        {"redelivery_delays": (1, -1)},
        {"redelivery_delays": (1, float("inf"))},
        {"redelivery_delays": (1,) * 11},
        {"initial_balance_cents": -1},
        {"initial_balance_cents": 12.5},
        {"initial_balance_cents": True},
        {"callback_timeout": 0},
        {"callback_timeout": float("nan")},
        {"callback_workers": 0},
        {"callback_workers": 2.0},
        {"idle_timeout": 0},
        {"idle_timeout": float("inf")},
    ],
)
def test_invalid_options_raise_value_error_naming_the_option(options: dict[str, object]) -> None:
    [name] = options
    with pytest.raises(ValueError, match=name):
        Emulator(**options)  # type: ignore[arg-type]


def test_ten_redelivery_delays_and_a_zero_balance_are_accepted() -> None:
    with Emulator(redelivery_delays=(0.5,) * 10, initial_balance_cents=0, callback_workers=1) as emu:
        headers = {"Authorization": "Bearer x"}
        assert requests.get(f"{emu.url}/api/v1/me/balance", headers=headers, timeout=5).json()["balance_cents"] == 0
        created = requests.post(
            f"{emu.url}/api/v1/suno/generate_lyrics", json={"prompt": "x"}, headers=headers, timeout=5
        )
        assert (created.status_code, created.json()) == (402, {"error": "Insufficient credits"})


def test_secret_is_not_in_the_repr_or_errors() -> None:
    emu = Emulator(callback_secret="c2VjcmV0LWZvci10aGUtZW11bGF0b3ItdGVzdHM=", api_key="hidden-key")
    assert "c2VjcmV0" not in repr(emu) and "hidden-key" not in repr(emu)
    with pytest.raises(ValueError) as excinfo:
        Emulator(callback_secret="oops-not-b64!")
    assert "oops-not-b64!" not in str(excinfo.value)


def test_busy_port_raises_os_error_and_the_cli_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with Emulator() as emu:
        port = emu.url.rsplit(":", 1)[1]
        with pytest.raises(OSError):
            Emulator(port=int(port)).start()
        assert main(["--port", port]) == 2
        assert "in use" in capsys.readouterr().err
