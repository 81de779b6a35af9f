"""``runapi.management.AsyncManagementClient``: the management collections on the asyncio core (imports httpx)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping

import httpx

from ._core.async_client import AsyncClientCore
from ._core.settings import DEFAULT_MAX_CONNECTIONS, DEFAULT_TIMEOUT, ClientSettings
from ._core.transport import Timeout
from .management import _Management

__all__ = ["AsyncManagementClient"]


class AsyncManagementClient(_Management["AsyncManagementClient"], AsyncClientCore):
    """:class:`runapi.management.ManagementClient` on asyncio: the same collections, each call awaited.

    It takes :class:`~runapi.management.ManagementClient`'s arguments, with ``http_client`` (an
    ``httpx.AsyncClient``) in place of ``session`` and an async ``sleep``. ``async with`` or
    ``await client.aclose()`` releases its connections.

    Raises:
        MissingManagementKeyError: no ``management_key`` and no ``RUNAPI_MANAGEMENT_KEY``.
        ValidationError: an option is out of range or of the wrong type, naming it.
    """

    def __init__(
        self,
        management_key: str | None = None,
        *,
        base_url: str | None = None,
        timeout: Timeout | float | tuple[float, float] = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        settings = ClientSettings.build(
            self.credential,
            management_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            max_connections=max_connections,
            sleep=sleep,
            clock=clock,
            strict=True,  # account settings, not models: a value the SDK does not know is a mistake, refused
        )
        super().__init__(settings, http_client)
