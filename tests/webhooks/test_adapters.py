"""The callback adapters in their real frameworks, through each framework's test tools: Flask, Django (WSGI
and ASGI), Starlette and FastAPI. Each must answer 204 to a signed callback (its handler called once with the
typed task), 204 to a redelivery without calling it again, 400 to a forged one, and let a failing handler's
redelivery through. Real HTTP with the emulator sending callbacks is in ``tests/integration``."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from runapi import webhooks
from runapi.suno import MusicTask

from .conftest import OLD_SECRET, PAYLOAD, SECRET


def delivery(
    callback_id: str = "cb_1", secret: str = SECRET, stage: str = "all_audios_ready"
) -> tuple[bytes, dict[str, str]]:
    body = json.dumps({**PAYLOAD, "generation_stage": stage}).encode()
    return body, {**webhooks.sign(body, secret, callback_id=callback_id), "Content-Type": "application/json"}


@pytest.fixture(autouse=True)
def _secret_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNAPI_CALLBACK_SECRET", SECRET)


def check_answers(post: Callable[[bytes, dict[str, str]], int], handled: list[Any]) -> None:
    """What every adapter must do, whatever the framework."""
    assert post(*delivery()) == 204
    assert post(*delivery()) == 204  # RunAPI's redelivery: same X-Callback-Id
    assert post(*delivery(stage="text_generated")) == 204  # Suno's next stage: a new callback
    assert post(*delivery(secret=OLD_SECRET)) == 400
    assert post(b"{}", {}) == 400
    assert [task.generation_stage for task in handled] == ["all_audios_ready", "text_generated"]
    assert all(isinstance(task, MusicTask) for task in handled)


# -- Flask -----------------------------------------------------------------------------------------


def flask_app(handled: list[Any], fail_first: bool = False, config: dict[str, Any] | None = None) -> Any:
    from flask import Flask

    from runapi.contrib.flask import callback_view

    app = Flask(__name__)

    @app.post("/callbacks/<tenant>/suno")
    @callback_view(task_type=MusicTask, config=config)
    def on_music(task: MusicTask, tenant: str) -> None:
        if fail_first and not handled:
            handled.append(None)
            raise RuntimeError("database down")
        assert tenant == "acme"
        handled.append(task)

    return app


def test_flask_view() -> None:
    handled: list[Any] = []
    client = flask_app(handled).test_client()
    check_answers(
        lambda body, headers: client.post("/callbacks/acme/suno", data=body, headers=headers).status_code, handled
    )


def test_flask_a_failing_handler_is_a_500_then_the_redelivery_is_handled() -> None:
    handled: list[Any] = []
    client = flask_app(handled, fail_first=True).test_client()
    assert client.post("/callbacks/acme/suno", data=delivery()[0], headers=delivery()[1]).status_code == 500
    assert client.post("/callbacks/acme/suno", data=delivery()[0], headers=delivery()[1]).status_code == 204
    assert isinstance(handled[-1], MusicTask)


def test_flask_reads_the_secret_from_app_config_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RUNAPI_CALLBACK_SECRET")
    with pytest.raises(webhooks.MissingCallbackSecretError, match=r"app\.config"):
        flask_app([])
    handled: list[Any] = []
    client = flask_app(handled, config={"RUNAPI_CALLBACK_SECRET": SECRET}).test_client()
    assert client.post("/callbacks/acme/suno", data=delivery()[0], headers=delivery()[1]).status_code == 204


# -- Django ----------------------------------------------------------------------------------------


def django_view(handled: list[Any], *, asynchronous: bool = False) -> Any:
    from django.test import override_settings

    from runapi.contrib.django import callback_view

    with override_settings(RUNAPI_CALLBACK_SECRET=SECRET):
        if asynchronous:

            @callback_view(task_type=MusicTask)
            async def on_music_async(task: MusicTask, tenant: str) -> None:
                await asyncio.sleep(0)
                handled.append(task)

            return on_music_async

        @callback_view(task_type=MusicTask)
        def on_music(task: MusicTask, tenant: str) -> None:
            handled.append(task)

        return on_music


def test_django_view_under_wsgi(django_settings: None) -> None:
    from django.test import RequestFactory

    handled: list[Any] = []
    view = django_view(handled)
    factory = RequestFactory(enforce_csrf_checks=True)

    def post(body: bytes, headers: dict[str, str]) -> int:
        request = factory.post("/cb", data=body, content_type="application/json", headers=headers)
        return int(view(request, tenant="acme").status_code)

    check_answers(post, handled)
    assert view(factory.get("/cb"), tenant="acme").status_code == 405
    assert getattr(view, "csrf_exempt", False) is True


def test_django_async_view_under_asgi(django_settings: None) -> None:
    from django.test import AsyncRequestFactory

    handled: list[Any] = []
    view = django_view(handled, asynchronous=True)
    factory = AsyncRequestFactory()

    def post(body: bytes, headers: dict[str, str]) -> int:
        request = factory.post("/cb", data=body, content_type="application/json", headers=headers)
        return int(asyncio.run(view(request, tenant="acme")).status_code)

    check_answers(post, handled)


def test_django_without_the_setting_fails_at_import_time(
    django_settings: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from runapi.contrib.django import callback_view

    monkeypatch.delenv("RUNAPI_CALLBACK_SECRET")
    with pytest.raises(webhooks.MissingCallbackSecretError, match="settings"):
        callback_view(task_type=MusicTask)


# -- Starlette and FastAPI -------------------------------------------------------------------------


def asgi_post(app: Any) -> Callable[[bytes, dict[str, str]], int]:
    def post(body: bytes, headers: dict[str, str]) -> int:
        async def send() -> int:
            transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
                return (await client.post("/callbacks/suno", content=body, headers=headers)).status_code

        return asyncio.run(send())

    return post


def test_starlette_endpoint() -> None:
    from starlette.applications import Starlette
    from starlette.routing import Route

    from runapi.contrib.starlette import callback_endpoint

    handled: list[Any] = []

    async def on_music(task: MusicTask) -> None:
        handled.append(task)

    endpoint = callback_endpoint(on_music, task_type=MusicTask)
    app = Starlette(routes=[Route("/callbacks/suno", endpoint, methods=["POST"])])
    check_answers(asgi_post(app), handled)


def test_fastapi_route_with_a_sync_handler_and_a_failing_first_try() -> None:
    from fastapi import FastAPI

    from runapi.contrib.starlette import callback_endpoint

    handled: list[Any] = []

    def on_music(task: MusicTask) -> None:
        if not handled:
            handled.append(None)
            raise RuntimeError("database down")
        handled.append(task)

    app = FastAPI()
    app.add_api_route("/callbacks/suno", callback_endpoint(on_music, operation="suno.text_to_music"), methods=["POST"])
    post = asgi_post(app)
    assert post(*delivery()) == 500
    assert post(*delivery()) == 204
    assert post(*delivery()) == 204
    assert handled[1:] and isinstance(handled[1], MusicTask) and len(handled) == 2


def test_the_endpoint_fails_at_startup_without_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    from runapi.contrib.starlette import callback_endpoint

    monkeypatch.delenv("RUNAPI_CALLBACK_SECRET")
    with pytest.raises(webhooks.MissingCallbackSecretError):
        callback_endpoint(lambda task: None)


def test_django_views_behind_the_asgi_handler(django_settings: None) -> None:
    """Both view kinds through ``django.core.handlers.asgi.ASGIHandler``, as an ASGI server runs them."""
    import sys
    import types

    from django.core.handlers.asgi import ASGIHandler
    from django.test.utils import override_settings
    from django.urls import path

    sync_handled: list[Any] = []
    async_handled: list[Any] = []
    urls = types.ModuleType("tests_runapi_asgi_urls")
    urls.urlpatterns = [  # type: ignore[attr-defined]
        path("callbacks/<tenant>/sync", django_view(sync_handled)),
        path("callbacks/<tenant>/async", django_view(async_handled, asynchronous=True)),
    ]
    sys.modules[urls.__name__] = urls
    try:
        with override_settings(ROOT_URLCONF=urls.__name__, ALLOWED_HOSTS=["*"]):

            async def send(kind: str, callback_id: str) -> list[int]:
                transport = httpx.ASGITransport(app=ASGIHandler())
                async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
                    body, headers = delivery(callback_id)
                    url = f"/callbacks/acme/{kind}"
                    return [(await client.post(url, content=body, headers=headers)).status_code for _ in range(2)]

            assert asyncio.run(send("sync", "cb_sync")) == [204, 204]
            assert asyncio.run(send("async", "cb_async")) == [204, 204]
    finally:
        del sys.modules[urls.__name__]
    assert len(sync_handled) == 1 and len(async_handled) == 1


# -- a redelivery while the handler still runs: 503 with Retry-After, never a 2xx -------------------
#
# RunAPI times out on a slow handler and redelivers while it still runs. Here the handler itself sends
# that redelivery (through the same framework) on its first call, then fails: the redelivery must be
# answered 503 + Retry-After (the lease, 30 s), and the next one handled. Real concurrency over HTTP, with
# the emulator's sender, is in tests/integration/test_callback_adapters_on_emulator.py.

Answered = tuple[int, str | None]  # status, Retry-After


class FailsAfterARedelivery:
    def __init__(self) -> None:
        self.post: Callable[[bytes, dict[str, str]], Answered] | None = None
        self.post_async: Callable[[bytes, dict[str, str]], Any] | None = None
        self.during: list[Answered] = []
        self.handled: list[MusicTask] = []

    def __call__(self, task: MusicTask, **_: Any) -> None:
        if not self.during:
            assert self.post is not None
            self.during.append(self.post(*delivery()))
            raise RuntimeError("database down")
        self.handled.append(task)

    async def on_async(self, task: MusicTask, **_: Any) -> None:
        if not self.during:
            assert self.post_async is not None
            self.during.append(await self.post_async(*delivery()))
            raise RuntimeError("database down")
        self.handled.append(task)


def check_no_2xx_while_handling(post: Callable[[bytes, dict[str, str]], Answered], handler: Any) -> None:
    assert post(*delivery())[0] == 500  # the first delivery's handler failed
    assert handler.during == [(503, "30")]  # the redelivery that came meanwhile was not told "done"
    assert post(*delivery()) == (204, None)  # handled now
    assert post(*delivery()) == (204, None)  # a duplicate
    assert len(handler.handled) == 1 and isinstance(handler.handled[0], MusicTask)


def test_flask_answers_503_with_retry_after_while_the_handler_runs() -> None:
    from flask import Flask

    from runapi.contrib.flask import callback_view

    handler = FailsAfterARedelivery()
    app = Flask(__name__)
    app.post("/cb")(callback_view(task_type=MusicTask, lease=30)(handler))
    client = app.test_client()

    def post(body: bytes, headers: dict[str, str]) -> Answered:
        response = client.post("/cb", data=body, headers=headers)
        return response.status_code, response.headers.get("Retry-After")

    handler.post = post
    check_no_2xx_while_handling(post, handler)


def test_django_views_answer_503_with_retry_after_while_the_handler_runs(django_settings: None) -> None:
    from django.test import AsyncRequestFactory, RequestFactory, override_settings

    from runapi.contrib.django import callback_view

    def answered(response: Any) -> Answered:
        return int(response.status_code), response.headers.get("Retry-After")

    sync_handler = FailsAfterARedelivery()
    with override_settings(RUNAPI_CALLBACK_SECRET=SECRET):
        sync_view = callback_view(task_type=MusicTask, lease=30)(sync_handler)

    def post(body: bytes, headers: dict[str, str]) -> Answered:
        request = RequestFactory().post("/cb", data=body, content_type="application/json", headers=headers)
        try:
            return answered(sync_view(request))
        except RuntimeError:
            return 500, None  # what Django's handler makes of it

    sync_handler.post = post
    check_no_2xx_while_handling(post, sync_handler)

    async_handler = FailsAfterARedelivery()

    async def on_music(task: MusicTask) -> None:
        await async_handler.on_async(task)

    with override_settings(RUNAPI_CALLBACK_SECRET=SECRET):
        async_view = callback_view(task_type=MusicTask, lease=30)(on_music)

    async def post_async(body: bytes, headers: dict[str, str]) -> Answered:
        request = AsyncRequestFactory().post("/cb", data=body, content_type="application/json", headers=headers)
        try:
            return answered(await async_view(request))
        except RuntimeError:
            return 500, None

    async_handler.post_async = post_async
    check_no_2xx_while_handling(lambda body, headers: asyncio.run(post_async(body, headers)), async_handler)


def test_starlette_answers_503_with_retry_after_while_the_handler_runs() -> None:
    from starlette.applications import Starlette
    from starlette.routing import Route

    from runapi.contrib.starlette import callback_endpoint

    handler = FailsAfterARedelivery()
    endpoint = callback_endpoint(handler.on_async, task_type=MusicTask, lease=30)
    app = Starlette(routes=[Route("/callbacks/suno", endpoint, methods=["POST"])])

    async def post_async(body: bytes, headers: dict[str, str]) -> Answered:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            response = await client.post("/callbacks/suno", content=body, headers=headers)
        return response.status_code, response.headers.get("Retry-After")

    handler.post_async = post_async
    check_no_2xx_while_handling(lambda body, headers: asyncio.run(post_async(body, headers)), handler)
