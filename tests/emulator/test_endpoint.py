"""The row machinery's generic features, on rows made up for the test (no family's rows):
conditions, per-body choices (``allowed``), requirements that may be empty, optional source
tasks and the output files of direct answers."""

from __future__ import annotations

from typing import Any

import pytest

from runapi.emulator import _payloads as p
from runapi.emulator._endpoint import Endpoint, allow, among, equals, error, given, need, validate
from runapi.emulator._errors import ApiError
from runapi.emulator._store import FAILURE_TOKEN, Store


def row(**extra: Any) -> Endpoint:
    extra.setdefault("required", ())
    return Endpoint(
        path="/api/v1/test/op", cost_cents=1, result=lambda job: {"ok": True}, failure_error=error("x"), **extra
    )


def refused(endpoint: Endpoint, body: dict[str, Any]) -> tuple[int, str] | None:
    try:
        validate(endpoint, body)
    except ApiError as exc:
        return exc.status, exc.message
    return None


# --- conditions -----------------------------------------------------------------------------------


def test_among_matches_any_of_the_values() -> None:
    condition = among("model", "a", "b")
    assert condition({"model": "a"}) and condition({"model": "b"})
    assert not condition({"model": "c"}) and not condition({}) and not condition({"model": None})


def test_among_matches_booleans_only_by_identity() -> None:
    assert among("flag", True)({"flag": True})
    assert not among("flag", True)({"flag": 1})
    assert not among("n", 1)({"n": True})


# --- allowed: choices that hold for some bodies only -----------------------------------------------


def test_allowed_values_apply_only_where_the_condition_holds() -> None:
    endpoint = row(allowed=(allow("size", "s", "m", when=("model", "small")),))
    assert refused(endpoint, {"model": "small", "size": "l"}) == (422, "Invalid size: l")
    assert refused(endpoint, {"model": "small", "size": "m"}) is None
    assert refused(endpoint, {"model": "large", "size": "l"}) is None
    assert refused(endpoint, {"model": "small"}) is None  # absent: nothing to check
    assert refused(endpoint, {"model": "small", "size": None}) is None


def test_allowed_without_values_refuses_the_field_there() -> None:
    endpoint = row(allowed=(allow("ratio", when=given("image")),))
    assert refused(endpoint, {"image": "x", "ratio": "16:9"}) == (422, "Invalid ratio: 16:9")
    assert refused(endpoint, {"ratio": "16:9"}) is None


def test_several_allowed_rules_and_choices_all_apply_choices_first() -> None:
    endpoint = row(
        choices={"size": ("s", "m", "l", "xl")},
        allowed=(
            allow("size", "s", "m", when=among("model", "a", "b")),
            allow("size", "m", when=equals("model", "b")),
        ),
    )
    assert refused(endpoint, {"model": "b", "size": "s"}) == (422, "Invalid size: s")
    assert refused(endpoint, {"model": "a", "size": "s"}) is None
    assert refused(endpoint, {"model": "c", "size": "xxl"}) == (422, "Invalid size: xxl")  # the general choices
    assert refused(endpoint, {"model": "c", "size": "xl"}) is None


def test_allowed_booleans_match_only_booleans() -> None:
    endpoint = row(allowed=(allow("sound", True, when=("multi", True)),))
    assert refused(endpoint, {"multi": True, "sound": True}) is None
    assert refused(endpoint, {"multi": True, "sound": 1}) == (422, "Invalid sound: 1")
    assert refused(endpoint, {"multi": True, "sound": False}) == (422, "Invalid sound: False")


def test_missing_fields_are_reported_before_refused_values() -> None:
    endpoint = row(required=need("prompt"), allowed=(allow("size", "s", when=given("size")),))
    assert refused(endpoint, {"size": "l"}) == (400, "Missing required parameter: prompt")


# --- requirements that may be empty ----------------------------------------------------------------


@pytest.mark.parametrize(("value", "missing"), [("", False), ([], False), ("text", False), (None, True)])
def test_allow_empty_requirement_is_missing_only_when_absent_or_null(value: Any, missing: bool) -> None:
    endpoint = row(required=need("prompt", allow_empty=True))
    expected = (400, "Missing required parameter: prompt") if missing else None
    assert refused(endpoint, {"prompt": value}) == expected
    assert refused(endpoint, {}) == (400, "Missing required parameter: prompt")


def test_allow_empty_keeps_conditions_and_alternatives() -> None:
    endpoint = row(required=need("a", when=("mode", "x"), alternatives=("b",), allow_empty=True))
    assert refused(endpoint, {"mode": "x"}) == (400, "Missing required parameter: a")
    assert refused(endpoint, {"mode": "x", "b": ""}) is None
    assert refused(endpoint, {"mode": "y"}) is None


def test_requirements_are_not_empty_by_default() -> None:
    assert refused(row(required=need("prompt")), {"prompt": ""}) == (400, "Missing required parameter: prompt")


# --- store: optional source tasks and direct answers' files ------------------------------------------


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


def store(clock: Clock) -> Store:
    return Store(
        clock=clock,
        complete_after=1.0,
        complete_after_polls=None,
        initial_balance_cents=100,
        base_url=lambda: "http://emulator.test",
        on_stage=lambda *args: None,
    )


def test_optional_source_is_checked_only_when_given() -> None:
    clock = Clock()
    tasks = store(clock)
    source_row = row()
    optional = Endpoint(
        path="/api/v1/test/from",
        required=need("image", alternatives=("source_task_id",)),
        cost_cents=1,
        result=lambda job: {},
        failure_error=error("x"),
        source_paths=(source_row.path,),
        source_optional=True,
    )
    tasks.create(optional, {"image": "x"}, idempotency_key=None)  # no source named: fine
    with pytest.raises(ApiError) as unknown:
        tasks.create(optional, {"source_task_id": "nope"}, idempotency_key=None)
    assert (unknown.value.status, unknown.value.message) == (404, "Task not found")
    source_id, _ = tasks.create(source_row, {}, idempotency_key=None)
    with pytest.raises(ApiError) as busy:
        tasks.create(optional, {"source_task_id": source_id}, idempotency_key=None)
    assert busy.value.status == 422
    clock.now = 5.0
    tasks.create(optional, {"source_task_id": source_id}, idempotency_key=None)


def test_a_required_source_is_still_checked_when_absent() -> None:
    tasks = store(Clock())
    required = Endpoint(
        path="/api/v1/test/from",
        required=(),
        cost_cents=1,
        result=lambda job: {},
        failure_error=error("x"),
        source_paths=("/api/v1/test/op",),
    )
    with pytest.raises(ApiError) as missing:
        tasks.create(required, {}, idempotency_key=None)
    assert missing.value.status == 404


def test_direct_answers_own_their_files_failures_and_unknown_ids_do_not() -> None:
    tasks = store(Clock())
    direct = Endpoint(
        path="/api/v1/test/direct",
        required=(),
        cost_cents=0,
        result=lambda job: {"id": job.id, "url": job.file_url("0.png")},
        failure_error=error("x"),
        direct=True,
    )
    answer, _ = tasks.call(direct, {}, idempotency_key=None)
    assert tasks.has_files(answer["id"]) and not tasks.has_task(answer["id"])
    assert answer["url"] == f"http://emulator.test/files/{answer['id']}/0.png"
    failed, _ = tasks.call(direct, {"note": FAILURE_TOKEN}, idempotency_key=None)
    assert failed["status"] == "failed" and not tasks.has_files(failed["id"])
    assert not tasks.has_files("00000000-0000-4000-8000-000000000000")
    task_id, _ = tasks.create(row(), {}, idempotency_key=None)
    assert tasks.has_files(task_id)


def test_job_file_urls_are_per_owner() -> None:
    job = p.Job(id="abc", params={}, base_url="http://e")
    assert job.file_url("0.mp4") == "http://e/files/abc/0.mp4"
