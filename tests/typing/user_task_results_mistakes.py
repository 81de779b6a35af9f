"""Mistakes with task results that type checkers flag (each marked line)."""

from __future__ import annotations

import runapi
from runapi.suno import BoostedStyle


async def main() -> None:
    client = runapi.Client()
    client.tasks.get(123)  # error: the id is a str
    client.tasks.wait("task_123", 600)  # error: timeout is keyword-only
    client.tasks.subscribe("https://runapi.ai/api/v1/tasks/t", as_=str)  # error: as_ is a result class
    client.tasks.subscribe("https://runapi.ai/api/v1/tasks/t").upper()  # error: may be bytes or a dict
    typed = client.tasks.subscribe("https://runapi.ai/api/v1/tasks/t", as_=BoostedStyle)
    print(typed.nonexistent)  # error: no such attribute
    result = client.tasks.get("task_123")
    print(result.response.status)  # error: response may be None
    async_client = runapi.AsyncClient()
    fetched: runapi.TaskResult = async_client.tasks.get("task_123")  # error: not awaited
    print(fetched)
