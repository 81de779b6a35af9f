"""The HTTP surface: auth, routing, create answers, validation errors, balance, idempotency."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests

from runapi.emulator import Emulator

from .conftest import API_KEY, BODIES, NANO, SUNO, VEO, Api, FakeClock

ALL_PATHS = list(BODIES)


# --- auth and routing -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer ", "Basic " + API_KEY, "Bearer wrong-key", API_KEY],
    ids=["missing", "empty", "empty-key", "other-scheme", "wrong-key", "no-scheme"],
)
def test_bad_or_missing_key_is_401(emu: Emulator, authorization: str | None) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    for response in (
        requests.get(f"{emu.url}/api/v1/me/balance", headers=headers, timeout=5),
        requests.post(
            f"{emu.url}{NANO}/text_to_image", json=BODIES[f"{NANO}/text_to_image"], headers=headers, timeout=5
        ),
    ):
        assert response.status_code == 401
        assert response.json() == {"error": "Unauthorized"}
    assert emu.tasks() == []


def test_without_configured_key_any_bearer_key_works(start_emulator: Callable[..., Emulator]) -> None:
    emu = start_emulator(api_key=None)
    ok = requests.get(f"{emu.url}/api/v1/me/balance", headers={"Authorization": "Bearer anything"}, timeout=5)
    missing = requests.get(f"{emu.url}/api/v1/me/balance", timeout=5)
    assert ok.status_code == 200
    assert missing.status_code == 401


def test_bearer_scheme_is_case_insensitive(emu: Emulator) -> None:
    response = requests.get(f"{emu.url}/api/v1/me/balance", headers={"Authorization": f"bearer {API_KEY}"}, timeout=5)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/nope"),
        ("POST", "/api/v1/suno/make_a_hit"),
        ("GET", f"{SUNO}/text_to_music"),
        ("DELETE", f"{SUNO}/text_to_music/abc"),
        ("GET", "/"),
    ],
)
def test_unknown_route_is_404_record_does_not_exist(api: Api, method: str, path: str) -> None:
    response = api.session.request(method, api.emulator.url + path, timeout=5)
    assert response.status_code == 404
    assert response.json() == {"error": "Record does not exist"}


@pytest.mark.parametrize("raw", [b"", b"not json", b"[1, 2]", b'"text"', b"null", b"{\xff}"])
def test_body_that_is_not_a_json_object_is_400(api: Api, raw: bytes) -> None:
    response = api.session.post(
        f"{api.emulator.url}{SUNO}/generate_lyrics", data=raw, headers={"Content-Type": "application/json"}, timeout=5
    )
    assert response.status_code == 400
    assert response.json() == {"error": "Invalid JSON body"}


# --- create and status ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL_PATHS)
def test_create_answers_202_with_a_uuid_and_processing(api: Api, fake_clock: FakeClock, path: str) -> None:
    response = api.post(path, api.body_for(path, fake_clock))
    assert response.status_code == 202
    assert response.headers["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"id", "status"}
    assert body["status"] == "processing"
    assert len(body["id"]) == 36 and body["id"].count("-") == 4
    assert body["id"] in {task["id"] for task in api.emulator.tasks()}


@pytest.mark.parametrize("path", ALL_PATHS)
def test_status_of_an_unknown_id_is_404_task_not_found(api: Api, path: str) -> None:
    response = api.get(f"{path}/00000000-0000-4000-8000-000000000000")
    assert response.status_code == 404
    assert response.json() == {"error": "Task not found"}


def test_status_on_another_path_than_the_create_is_404(api: Api) -> None:
    task_id = api.create(f"{NANO}/text_to_image")
    assert api.get(f"{NANO}/text_to_image/{task_id}").status_code == 200
    response = api.get(f"{NANO}/edit_image/{task_id}")
    assert response.status_code == 404
    assert response.json() == {"error": "Task not found"}


def test_unknown_extra_fields_are_accepted_and_ignored(api: Api) -> None:
    body = dict(BODIES[f"{NANO}/text_to_image"], brand_new_option={"x": 1}, aspect_ratio="16:9")
    task_id = api.create(f"{NANO}/text_to_image", body)
    assert api.get(f"{NANO}/text_to_image/{task_id}").json() == {"id": task_id, "status": "processing"}


# --- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "body", "missing"),
    [
        (f"{SUNO}/text_to_music", {}, "vocal_mode"),
        (f"{SUNO}/text_to_music", {"vocal_mode": "instrumental"}, "model"),
        (f"{SUNO}/text_to_music", {"vocal_mode": "", "model": "suno-v5"}, "vocal_mode"),
        (f"{SUNO}/extend_music", {"model": "suno-v5"}, "parameter_mode"),
        (f"{SUNO}/extend_music", {"parameter_mode": "source", "model": "suno-v5"}, "audio_id"),
        (f"{SUNO}/extend_music", {"parameter_mode": "source", "audio_id": "a1"}, "model"),
        (f"{SUNO}/extend_music", {"parameter_mode": "custom", "audio_id": "a1", "model": "suno-v5"}, "prompt"),
        (
            f"{SUNO}/extend_music",
            {
                "parameter_mode": "custom",
                "audio_id": "a1",
                "model": "suno-v5",
                "prompt": "p",
                "style": "s",
                "title": "t",
            },
            "continue_at",
        ),
        (f"{SUNO}/generate_lyrics", {"callback_url": "https://example.com/cb"}, "prompt"),
        (f"{NANO}/text_to_image", {"prompt": "cat"}, "model"),
        (f"{NANO}/text_to_image", {"model": "nano-banana"}, "prompt"),
        (f"{NANO}/edit_image", {"model": "nano-banana-edit", "prompt": "hat"}, "source_image_urls"),
        (
            f"{NANO}/edit_image",
            {"model": "nano-banana-edit", "prompt": "hat", "source_image_urls": []},
            "source_image_urls",
        ),
        (f"{VEO}/text_to_video", {"model": "veo-3.1"}, "prompt"),
        (f"{VEO}/text_to_video", {"prompt": "dog"}, "model"),
        (f"{VEO}/text_to_video", {"prompt": "dog", "input_mode": "first_and_last_frames"}, "first_frame_image_url"),
        (
            f"{VEO}/text_to_video",
            {"prompt": "dog", "input_mode": "reference", "model": "veo-3.1-fast"},
            "reference_image_urls",
        ),
        (f"{VEO}/extend_video", {"prompt": "more"}, "source_task_id"),
        (f"{VEO}/extend_video", {"source_task_id": "x"}, "prompt"),
        (f"{VEO}/upscale_video", {"output_resolution": "4k"}, "source_task_id"),
        (f"{VEO}/upscale_video", {"source_task_id": "x"}, "output_resolution"),
    ],
)
def test_missing_required_parameter_is_400_naming_the_first_missing(
    api: Api, path: str, body: dict[str, Any], missing: str
) -> None:
    response = api.post(path, body)
    assert response.status_code == 400
    assert response.json() == {"error": f"Missing required parameter: {missing}"}
    assert api.emulator.tasks() == []


def test_conditional_parameters_are_not_required_in_other_modes(api: Api) -> None:
    api.create(f"{SUNO}/extend_music", {"parameter_mode": "source", "audio_id": "a1", "model": "suno-v5"})
    api.create(f"{VEO}/text_to_video", {"prompt": "dog", "model": "veo-3.1", "input_mode": "text"})
    api.create(
        f"{SUNO}/extend_music",
        {
            "parameter_mode": "custom",
            "audio_id": "a1",
            "model": "suno-v5",
            "prompt": "p",
            "style": "s",
            "title": "t",
            "continue_at": 60,
        },
    )


@pytest.mark.parametrize(
    ("path", "model"),
    [
        (f"{SUNO}/text_to_music", "suno-v3"),
        (f"{SUNO}/extend_music", "chirp-v3-5"),
        (f"{NANO}/text_to_image", "nano-banana-edit"),
        (f"{NANO}/edit_image", "nano-banana"),
        (f"{VEO}/text_to_video", "veo-2"),
    ],
)
def test_unknown_model_is_422_invalid_model(api: Api, path: str, model: str) -> None:
    response = api.post(path, dict(BODIES[path], model=model))
    assert response.status_code == 422
    assert response.json() == {"error": f"Invalid model: {model}"}


@pytest.mark.parametrize("model", ["suno-v5.5", "suno-v5", "suno-v4.5-plus", "suno-v4.5-all", "suno-v4.5", "suno-v4"])
def test_every_documented_suno_model_is_accepted(api: Api, model: str) -> None:
    api.create(f"{SUNO}/text_to_music", dict(BODIES[f"{SUNO}/text_to_music"], model=model))


def test_other_enumerations_are_checked_too(api: Api) -> None:
    response = api.post(f"{SUNO}/text_to_music", dict(BODIES[f"{SUNO}/text_to_music"], vocal_mode="whistle"))
    assert (response.status_code, response.json()) == (422, {"error": "Invalid vocal_mode: whistle"})


# --- source tasks (upscale, extend) -----------------------------------------------------------


@pytest.mark.parametrize("path", [f"{VEO}/upscale_video", f"{VEO}/extend_video"])
def test_source_task_unknown_is_404_and_still_processing_is_422(api: Api, fake_clock: FakeClock, path: str) -> None:
    unknown = api.post(path, dict(BODIES[path], source_task_id="00000000-0000-4000-8000-000000000000"))
    assert (unknown.status_code, unknown.json()) == (404, {"error": "Task not found"})

    not_a_video = api.create(f"{NANO}/text_to_image")
    fake_clock.advance(60)
    wrong_kind = api.post(path, dict(BODIES[path], source_task_id=not_a_video))
    assert (wrong_kind.status_code, wrong_kind.json()) == (404, {"error": "Task not found"})

    video = api.create(f"{VEO}/text_to_video")
    busy = api.post(path, dict(BODIES[path], source_task_id=video))
    assert (busy.status_code, busy.json()) == (422, {"error": "Records are being generated"})

    fake_clock.advance(60)
    assert api.post(path, dict(BODIES[path], source_task_id=video)).status_code == 202


def test_upscale_rejects_an_undocumented_resolution(api: Api, fake_clock: FakeClock) -> None:
    body = api.body_for(f"{VEO}/upscale_video", fake_clock, output_resolution="8k")
    response = api.post(f"{VEO}/upscale_video", body)
    assert (response.status_code, response.json()) == (422, {"error": "Invalid output_resolution: 8k"})


# --- balance ----------------------------------------------------------------------------------


def test_balance_starts_full_and_each_task_costs_cents(api: Api) -> None:
    assert api.get("/api/v1/me/balance").json() == {
        "balance_cents": 10_000,
        "paid_balance_cents": 10_000,  # runapi-core 0.10.1: the balance's paid and bonus parts
        "bonus_balance_cents": 0,
        "spent_cents_today": 0,
        "spent_cents_total": 0,
    }
    api.create(f"{SUNO}/generate_lyrics")
    api.create(f"{NANO}/text_to_image")
    balance = api.get("/api/v1/me/balance").json()
    spent = sum(task["cost_cents"] for task in api.emulator.tasks())
    assert spent > 0
    assert balance == {
        "balance_cents": 10_000 - spent,
        "paid_balance_cents": 10_000 - spent,
        "bonus_balance_cents": 0,
        "spent_cents_today": spent,
        "spent_cents_total": spent,
    }


def test_create_beyond_the_balance_is_402_and_charges_nothing(start_emulator: Callable[..., Emulator]) -> None:
    emu = start_emulator(initial_balance_cents=5)
    api = Api(emu)
    try:
        api.create(f"{SUNO}/generate_lyrics")  # costs less than 5 cents
        before = api.get("/api/v1/me/balance").json()
        response = api.post(f"{VEO}/text_to_video", BODIES[f"{VEO}/text_to_video"])
        assert (response.status_code, response.json()) == (402, {"error": "Insufficient credits"})
        assert api.get("/api/v1/me/balance").json() == before
        assert [task["path"] for task in emu.tasks()] == [f"{SUNO}/generate_lyrics"]
    finally:
        api.close()


def test_validation_errors_are_not_charged(api: Api) -> None:
    api.post(f"{NANO}/text_to_image", {"model": "nano-banana"})
    assert api.get("/api/v1/me/balance").json()["spent_cents_total"] == 0


# --- idempotency ------------------------------------------------------------------------------


def test_repeated_idempotency_key_with_same_body_replays_the_original_answer(api: Api) -> None:
    path, body = f"{SUNO}/text_to_music", BODIES[f"{SUNO}/text_to_music"]
    first = api.post(path, body, headers={"Idempotency-Key": "key-1"})
    balance = api.get("/api/v1/me/balance").json()
    again = api.post(path, dict(reversed(list(body.items()))), headers={"Idempotency-Key": "key-1"})

    assert first.status_code == again.status_code == 202
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert len(api.emulator.tasks()) == 1
    assert api.get("/api/v1/me/balance").json() == balance


def test_idempotency_key_reused_with_a_different_body_is_409(api: Api) -> None:
    # runapi-core 0.10.1 README: "Reusing the value with different input returns 409 Conflict".
    path = f"{NANO}/text_to_image"
    api.post(path, BODIES[path], headers={"Idempotency-Key": "key-2"})
    balance = api.get("/api/v1/me/balance").json()
    response = api.post(path, dict(BODIES[path], prompt="A dog instead"), headers={"Idempotency-Key": "key-2"})
    assert response.status_code == 409
    assert response.json() == {"error": "Idempotency-Key was already used with different input"}
    assert len(api.emulator.tasks()) == 1
    assert api.get("/api/v1/me/balance").json() == balance  # nothing charged


# --- request identifiers (runapi-core 0.10.1 README, "Request identifiers") -------------------------


def test_create_status_and_direct_answers_name_their_task(api: Api) -> None:
    path = f"{SUNO}/generate_lyrics"
    created = api.post(path, BODIES[path])
    task_id = created.json()["id"]
    assert created.headers["X-RunAPI-Task-Id"] == task_id
    assert api.get(f"{path}/{task_id}").headers["X-RunAPI-Task-Id"] == task_id
    direct = api.post(f"{SUNO}/boost_style", {"description": "Pop"}, headers={"Idempotency-Key": "b-1"})
    again = api.post(f"{SUNO}/boost_style", {"description": "Pop"}, headers={"Idempotency-Key": "b-1"})
    assert direct.status_code == again.status_code == 200
    assert direct.headers["X-RunAPI-Task-Id"] == again.headers["X-RunAPI-Task-Id"]  # the replay names the same call
    assert "X-RunAPI-Task-Id" not in api.get("/api/v1/me/balance").headers  # no task there


def test_a_client_request_id_is_echoed_and_stored_with_the_task(api: Api) -> None:
    path = f"{SUNO}/generate_lyrics"
    created = api.post(path, BODIES[path], headers={"X-Client-Request-Id": "order-42", "Idempotency-Key": "k"})
    assert created.headers["X-Client-Request-Id"] == "order-42"
    replay = api.post(path, BODIES[path], headers={"X-Client-Request-Id": "order-43", "Idempotency-Key": "k"})
    assert replay.headers["X-Client-Request-Id"] == "order-43"  # each answer echoes its own request's
    [task] = api.emulator.tasks()
    assert task["client_request_id"] == "order-42"  # the task keeps its create's
    status = api.get(f"{path}/{task['id']}", headers={"X-Client-Request-Id": "poll-1"})
    assert status.headers["X-Client-Request-Id"] == "poll-1"
    assert "X-Client-Request-Id" not in api.get("/api/v1/me/balance").headers  # none sent, none echoed


@pytest.mark.parametrize("value", ["x" * 513, "caf\u00e9"])
def test_a_client_request_id_outside_the_rules_is_neither_echoed_nor_stored(api: Api, value: str) -> None:
    path = f"{SUNO}/generate_lyrics"
    created = api.post(path, BODIES[path], headers={"X-Client-Request-Id": value.encode().decode("latin-1")})
    assert created.status_code == 202 and "X-Client-Request-Id" not in created.headers
    assert api.emulator.tasks()[0]["client_request_id"] is None
    longest = api.post(path, BODIES[path], headers={"X-Client-Request-Id": "y" * 512})
    assert longest.headers["X-Client-Request-Id"] == "y" * 512


def test_idempotency_keys_are_per_path_and_optional(api: Api) -> None:
    lyrics = api.post(f"{SUNO}/generate_lyrics", {"prompt": "x"}, headers={"Idempotency-Key": "shared"})
    image = api.post(f"{NANO}/text_to_image", BODIES[f"{NANO}/text_to_image"], headers={"Idempotency-Key": "shared"})
    assert image.status_code == 202 and image.json()["id"] != lyrics.json()["id"]
    plain = [api.create(f"{SUNO}/generate_lyrics", {"prompt": "x"}) for _ in range(2)]
    assert plain[0] != plain[1]
    assert len(api.emulator.tasks()) == 4
