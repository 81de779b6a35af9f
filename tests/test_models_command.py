"""``runapi models``: what the platform serves now (its price schedules) against what this SDK types."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from runapi.cli import _typed_models, main
from runapi.emulator import Emulator

KEY = "emu-models-key-5522"
CONTRACT = Path("/work/shared/platform/platform-contract.json")


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(api_key=KEY) as e:
        yield e


@pytest.fixture
def cli(emu: Emulator, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    monkeypatch.setenv("RUNAPI_API_KEY", KEY)
    monkeypatch.setenv("RUNAPI_BASE_URL", emu.url)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no config file of the machine's

    def invoke(*args: str) -> Any:
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        assert KEY not in result.output
        return result

    return invoke


def test_models_lists_the_schedules_and_the_operations_that_reach_them(cli: Any, emu: Emulator) -> None:
    result = cli("models", "--json")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    veo = [row for row in rows if (row["service"], row["action"]) == ("veo_3_1", "text_to_video")]
    assert veo == [
        {
            "service": "veo_3_1",
            "action": "text_to_video",
            "model": None,
            "operation": "veo_3_1.text_to_video",
            "model_known": None,
        }
    ]
    asked = [r for r in emu.requests() if r["path"] == "/api/v1/price_schedules"]
    assert asked and asked[-1]["method"] == "GET"


def test_models_passes_its_filters_as_the_query(cli: Any, emu: Emulator) -> None:
    result = cli("models", "--service", "suno", "--action", "text_to_music")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["suno/text_to_music\t-\tsuno.text_to_music"]
    assert result.stderr == "1 schedules; 1 on an operation this SDK types\n"
    asked = [r for r in emu.requests() if r["path"] == "/api/v1/price_schedules"][-1]
    assert asked["query"] in ("service=suno&action=text_to_music", {"service": "suno", "action": "text_to_music"})


def test_platform_names_map_to_operations_and_model_ids_are_marked_known_or_new() -> None:
    rows = _typed_models(
        [
            {"service": "veo-3-1", "action": "text-to-video", "model": "veo-3.1-fast"},  # '-' -> '_'
            {"service": "veo-3-1", "action": "text-to-video", "model": "veo-3.2-preview"},  # served, not typed yet
            {"service": "kling", "action": "avatar", "model": "kling-ai-avatar-pro"},  # an override: /kling/ai_avatar
            {"service": "brand-new", "action": "thing", "model": "x-1"},  # no operation at all
            {"service": "veo-3-1", "action": "upscale-video", "model": None},
            "not a schedule",
        ]
    )
    assert [(row["operation"], row["model_known"]) for row in rows] == [
        ("veo_3_1.text_to_video", True),
        ("veo_3_1.text_to_video", False),
        ("kling.ai_avatar", rows[2]["model_known"]),
        (None, False),
        ("veo_3_1.upscale_video", None),
    ]
    assert rows[2]["operation"] is not None


@pytest.mark.skipif(not CONTRACT.exists(), reason="the platform contract is a shared fact file")
def test_every_action_of_the_platform_contract_maps_to_the_path_it_names() -> None:
    from runapi._client import operations

    paths = {name: operation.path for name, (_, _, operation) in operations().items()}
    actions = json.loads(CONTRACT.read_text(encoding="utf-8"))["actions"]
    schedules = [
        {"service": a["action"].split("/")[0], "action": a["action"].split("/")[1], "model": None}
        for a in actions
        if a["method"] == "POST"
    ]
    for action, row in zip([a for a in actions if a["method"] == "POST"], _typed_models(schedules), strict=True):
        if row["operation"] is not None:
            assert paths[row["operation"]] == action["path"], action["action"]
