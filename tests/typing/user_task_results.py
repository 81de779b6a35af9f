"""A user's script on task results: ``client.tasks`` (sync and async) and a direct call's result, typed."""

from __future__ import annotations

import asyncio

from typing_extensions import assert_type

import runapi
from runapi.suno import BoostedStyle


def main() -> None:
    client = runapi.Client()
    result = client.tasks.get("task_123")
    assert_type(result, runapi.TaskResult)
    status: str = result.status
    if result.response is not None:
        stored: runapi.TaskResultResponse = result.response
        code: int = stored.status
        print(status, code, stored.content_type, stored.headers, stored.body)
    ended = client.tasks.wait("task_123", timeout=600, poll_interval=5)
    assert_type(ended, runapi.TaskResult)
    typed = client.tasks.subscribe("https://runapi.ai/api/v1/tasks/task_123", as_=BoostedStyle)
    assert_type(typed, BoostedStyle)
    raw = client.tasks.subscribe("https://runapi.ai/api/v1/tasks/task_123", timeout=120)
    if isinstance(raw, str):
        print(raw.upper())
    elif isinstance(raw, bytes):
        print(len(raw))
    boosted = client.with_options(wait_timeout=300).suno.boost_style(description="pop")
    assert_type(boosted, BoostedStyle)
    try:
        client.suno.boost_style(description="pop")
    except runapi.TaskTimeoutError as exc:
        location: str | None = exc.location
        print(location)


async def main_async() -> None:
    async with runapi.AsyncClient() as client:
        result = await client.tasks.get("task_123")
        assert_type(result, runapi.TaskResult)
        ended = await client.tasks.wait("task_123", timeout=600)
        assert_type(ended, runapi.TaskResult)
        typed = await client.tasks.subscribe("/api/v1/tasks/task_123", as_=BoostedStyle)
        assert_type(typed, BoostedStyle)


if __name__ == "__main__":
    main()
    asyncio.run(main_async())
