"""Open to what ships next, on the emulator, with both clients: a model id the SDK does not know is sent
(with one ``runapi.UnknownValueWarning``), ``strict=True`` refuses it, and the raw ``client.post``/``client.get``
reach any path of the base URL with the key, retries, idempotency keys and polling."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest

import runapi
from runapi._core.params import validators
from runapi.emulator import Emulator

pytestmark = pytest.mark.integration

VEO = "/api/v1/veo_3_1/text_to_video"
PROMPT = "A lighthouse at dawn"


@pytest.fixture(autouse=True)
def _fresh_warnings() -> Iterator[None]:
    """Each test starts as a new process would: no (params class, field, value) warned about yet."""
    validators._WARNED.clear()
    yield
    validators._WARNED.clear()


def _sent(emu: Emulator, path: str) -> list[dict[str, Any]]:
    return [request for request in emu.requests() if request["path"] == path and request["method"] == "POST"]


def test_an_unknown_model_is_sent_with_one_warning_and_the_platform_decides(
    client: runapi.Client, emu: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    before = len(_sent(emu, VEO))
    caplog.set_level(logging.INFO, logger="runapi")
    # the emulator serves the models it was written for: a newer id is the platform's to refuse
    with (
        pytest.warns(runapi.UnknownValueWarning, match=r"model='veo-3\.2' is not known") as caught,
        pytest.raises(runapi.APIStatusError) as refused,
    ):
        client.veo_3_1.text_to_video.create(prompt=PROMPT, model="veo-3.2")
    assert refused.value.status_code in (400, 422) and "veo-3.2" in str(refused.value)
    assert [w.message.field for w in caught] == ["model"]  # type: ignore[union-attr]
    assert [w.message.value for w in caught] == ["veo-3.2"]  # type: ignore[union-attr]
    sent = _sent(emu, VEO)[before:]
    assert [request["json"] for request in sent] == [{"prompt": PROMPT, "model": "veo-3.2"}]
    assert any("veo-3.2" in record.getMessage() for record in caplog.records if record.name == "runapi")

    # the same field and value again: sent again, and no second warning
    with pytest.raises(runapi.APIStatusError):
        client.veo_3_1.text_to_video.create(prompt=PROMPT, model="veo-3.2")
    assert len(_sent(emu, VEO)) == before + 2


def test_a_strict_client_refuses_an_unknown_model_before_sending(client: runapi.Client, emu: Emulator) -> None:
    before = len(_sent(emu, VEO))
    strict = client.with_options(strict=True)
    with pytest.raises(runapi.ValidationError, match=r"model must be one of 'veo-3\.1', 'veo-3\.1-fast'") as info:
        strict.veo_3_1.text_to_video.create(prompt=PROMPT, model="veo-3.2")
    assert info.value.field == "model"
    with pytest.raises(runapi.ValidationError):  # per call too
        client.veo_3_1.text_to_video.with_options(strict=True).create(prompt=PROMPT, model="veo-3.2")
    assert len(_sent(emu, VEO)) == before
    # a known model passes either way
    task = strict.veo_3_1.text_to_video.create(prompt=PROMPT, model="veo-3.1-fast")
    assert task.status == "processing"


def test_extra_body_replaces_a_declared_field(client: runapi.Client, emu: Emulator) -> None:
    before = len(_sent(emu, VEO))
    target = client.veo_3_1.text_to_video.with_options(extra_body={"duration_seconds": 6})
    target.create(prompt=PROMPT, model="veo-3.1", duration_seconds=8)
    assert _sent(emu, VEO)[before]["json"] == {"prompt": PROMPT, "model": "veo-3.1", "duration_seconds": 6}


# -- the raw hatch: client.post / client.get -----------------------------------------------------


def test_raw_get_decodes_the_answer_and_is_retried_on_a_transient_failure(client: runapi.Client, emu: Emulator) -> None:
    emu.inject("unavailable", times=1, method="GET", path="/api/v1/me/balance")
    balance = client.get("/api/v1/me/balance")
    assert isinstance(balance, dict) and isinstance(balance["balance_cents"], int)
    hits = [r for r in emu.requests() if r["path"] == "/api/v1/me/balance"][-2:]
    assert [r["status"] for r in hits] == [503, 200]
    assert all(r["headers"].get("Authorization") == "[REDACTED]" for r in hits)


def test_raw_post_as_a_task_creates_polls_and_completes(client: runapi.Client, emu: Emulator) -> None:
    task = client.post(VEO, json={"prompt": PROMPT, "model": "veo-3.1"}, task=True)
    assert isinstance(task, runapi.Task) and task.status == "processing"
    done = client.post(VEO, json={"prompt": PROMPT, "model": "veo-3.1-fast"}, task=True, wait=True)
    assert done.status == "completed" and done.raw["videos"][0]["url"].startswith("http")
    creates = _sent(emu, VEO)[-2:]
    keys = [request["headers"].get("Idempotency-Key") for request in creates]
    assert all(keys) and keys[0] != keys[1]
    polls = [r for r in emu.requests() if r["method"] == "GET" and r["path"] == f"{VEO}/{done.id}"]
    assert len(polls) == 2  # the emulator completes a task on its second poll


def test_raw_post_follows_the_create_retry_rules_after_a_server_error(client: runapi.Client, emu: Emulator) -> None:
    body = {"prompt": PROMPT, "model": "veo-3.1"}
    # careful mode: never replayed where the server may have acted
    before = len(_sent(emu, VEO))
    emu.inject("server_error", times=1, method="POST", path=VEO)
    careful = client.with_options(idempotent_creates=False)
    with pytest.raises(runapi.InternalServerError) as info:
        careful.post(VEO, json=body, task=True, idempotency_key="raw-create-1")
    assert info.value.idempotency_key == "raw-create-1"
    assert info.value.task_may_exist is True
    assert len(_sent(emu, VEO)) == before + 1
    # relying on the Idempotency-Key: re-sent with the same key
    emu.inject("server_error", times=1, method="POST", path=VEO)
    task = client.with_options(idempotent_creates=True).post(VEO, json=body, task=True, idempotency_key="raw-create-2")
    sent = _sent(emu, VEO)[before + 1 :]
    assert [r["status"] for r in sent] == [500, 202]
    assert [r["headers"]["Idempotency-Key"] for r in sent] == ["raw-create-2", "raw-create-2"]
    assert task.status == "processing"


def test_raw_post_is_retried_where_nothing_was_created(client: runapi.Client, emu: Emulator) -> None:
    before = len(_sent(emu, VEO))
    emu.inject("rate_limit", times=1, method="POST", path=VEO, retry_after=0.5)
    answer = client.post(VEO, json={"prompt": PROMPT, "model": "veo-3.1"})
    assert answer["status"] == "processing"
    sent = _sent(emu, VEO)[before:]
    assert [r["status"] for r in sent] == [429, 202]
    assert sent[0]["headers"]["Idempotency-Key"] == sent[1]["headers"]["Idempotency-Key"]


@pytest.mark.parametrize(
    "path",
    [
        "https://elsewhere.example/api/v1/me",
        "//elsewhere.example/api/v1/me",
        "api/v1/me",
        "/api/v1/../../admin",
        "/api/v1/me\r\nX-Evil: 1",
    ],
)
def test_raw_requests_refuse_paths_off_the_base_url_before_sending(
    client: runapi.Client, emu: Emulator, path: str
) -> None:
    before = len(emu.requests())
    with pytest.raises(runapi.ValidationError) as info:
        client.get(path)
    assert info.value.field == "path"
    with pytest.raises(runapi.ValidationError):
        client.post(path, json={})
    assert len(emu.requests()) == before


def test_raw_requests_take_an_absolute_url_on_the_base_url(client: runapi.Client, emu: Emulator) -> None:
    assert isinstance(client.get(emu.url + "/api/v1/me/balance")["balance_cents"], int)
