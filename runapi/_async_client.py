"""``runapi.AsyncClient``: the asyncio core plus the same family table as ``runapi.Client``.

A module of its own so that aiohttp is imported only by programs that use the async client (and ``requests``,
the blocking client's transport, is not).
"""

from __future__ import annotations

from ._core.async_client import AsyncBaseClient
from ._family_table import _Families

__all__ = ["AsyncClient"]


class AsyncClient(_Families["AsyncClient"], AsyncBaseClient):
    """The asyncio RunAPI client: every family of :class:`Client`, each call awaited.

    ::

        async with runapi.AsyncClient() as client:
            task = await client.suno.text_to_music.run(vocal_mode="instrumental", model="suno-v5", prompt="lo-fi")

    It takes :class:`Client`'s arguments, with ``http_client`` (an ``httpx.AsyncClient``) in place
    of ``session`` and an async ``sleep``; its families, operations, options, errors, retries and
    polling are :class:`Client`'s, driven by the same flows. Thousands of concurrent ``run()`` or
    ``wait()`` calls on one client are cheap: each is a suspended coroutine, and they share
    ``max_connections`` pooled connections.
    """
