"""Callback views as users write them (Flask, Django, Starlette), driven through each framework's test tools."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from runapi import webhooks
from runapi.suno import MusicTask

from .conftest import BODY, NOW, OLD_SECRET, PAYLOAD, SECRET, signed

BAD_CALLBACKS = {
    "tampered-body": (BODY.replace(b"completed", b"failed"), signed()),
    "wrong-secret": (BODY, signed(secret=OLD_SECRET)),
    "stale": (BODY, signed(timestamp=NOW - 3600)),
    "no-signature": (BODY, {k: v for k, v in signed().items() if k != "X-Callback-Signature"}),
    "no-headers": (BODY, {}),
}


@pytest.fixture
def flask_app() -> tuple[Any, list[Any]]:
    from flask import Flask, request

    app = Flask(__name__)
    received: list[Any] = []

    @app.post("/callbacks/runapi")
    def runapi_callback() -> tuple[str, int]:
        try:
            callback = webhooks.unwrap(request.get_data(), request.headers, SECRET, task_type=MusicTask, now=NOW)
        except webhooks.WebhookVerificationError as exc:
            received.append(exc.reason)
            return "", 400
        received.append(callback)
        return "", 204

    return app, received


def test_flask_view_answers_204_to_a_signed_callback(flask_app: tuple[Any, list[Any]]) -> None:
    app, received = flask_app
    response = app.test_client().post("/callbacks/runapi", data=BODY, headers=signed(), content_type="application/json")
    assert response.status_code == 204
    (callback,) = received
    assert isinstance(callback.task, MusicTask)
    assert callback.task.audios[0].audio_url == PAYLOAD["audios"][0]["audio_url"]  # type: ignore[index]
    assert (callback.id, callback.timestamp, callback.payload) == ("cb_1", NOW, PAYLOAD)


@pytest.mark.parametrize(("body", "headers"), BAD_CALLBACKS.values(), ids=BAD_CALLBACKS.keys())
def test_flask_view_answers_400_to_a_bad_callback(
    flask_app: tuple[Any, list[Any]], body: bytes, headers: dict[str, str]
) -> None:
    app, received = flask_app
    response = app.test_client().post("/callbacks/runapi", data=body, headers=headers, content_type="application/json")
    assert response.status_code == 400
    assert received and isinstance(received[0], str)


def _django_view() -> Any:
    from django.http import HttpResponse, HttpResponseBadRequest
    from django.views.decorators.csrf import csrf_exempt

    @csrf_exempt
    def runapi_callback(request: Any) -> Any:
        try:
            payload = webhooks.verify(request.body, request.headers, SECRET, now=NOW)
        except webhooks.WebhookVerificationError:
            return HttpResponseBadRequest()
        return HttpResponse(payload["status"], status=204 if payload["status"] == "completed" else 200)

    return runapi_callback


def _django_post(body: bytes, headers: dict[str, str]) -> Any:
    from django.test import RequestFactory

    return RequestFactory().post("/callbacks/runapi", data=body, content_type="application/json", headers=headers)


def test_django_view_answers_204_to_a_signed_callback(django_settings: None) -> None:
    assert _django_view()(_django_post(BODY, signed())).status_code == 204


@pytest.mark.parametrize(("body", "headers"), BAD_CALLBACKS.values(), ids=BAD_CALLBACKS.keys())
def test_django_view_answers_400_to_a_bad_callback(django_settings: None, body: bytes, headers: dict[str, str]) -> None:
    assert _django_view()(_django_post(body, headers)).status_code == 400


def test_django_meta_works_in_a_view_too(django_settings: None) -> None:
    request = _django_post(BODY, signed())
    assert webhooks.unwrap(request.body, request.META, SECRET, now=NOW).task.id == PAYLOAD["id"]


def _starlette_app() -> Any:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    async def runapi_callback(request: Request) -> Response:
        try:
            webhooks.verify(await request.body(), request.headers, SECRET, now=NOW)
        except webhooks.WebhookVerificationError:
            return Response(status_code=400)
        return Response(status_code=204)

    return Starlette(routes=[Route("/callbacks/runapi", runapi_callback, methods=["POST"])])


def test_starlette_view_answers_204_then_400() -> None:
    """Driven through httpx's ASGI transport (Starlette's TestClient warns about httpx)."""
    import httpx

    async def post_both() -> list[int]:
        transport = httpx.ASGITransport(app=_starlette_app())
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            good = await client.post("/callbacks/runapi", content=BODY, headers=signed())
            bad = await client.post("/callbacks/runapi", content=BODY.replace(b"1", b"2"), headers=signed())
        return [good.status_code, bad.status_code]

    assert asyncio.run(post_both()) == [204, 400]
