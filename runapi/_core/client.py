"""The client: configuration, the effect driver, and one lazy attribute per model family."""

from __future__ import annotations

import copy
import json
import logging
import os
import platform
import random
import time
from collections.abc import Callable, Mapping
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

import attrs
import requests

from .._version import __version__
from ..errors import APIResponseValidationError, MissingAPIKeyError, ValidationError, status_error
from .flows import Call, Flow, Reply, Sleep, request
from .models import structure
from .operations import Family
from .options import PollPolicy, RequestOptions
from .retry import RetryPolicy, parse_retry_after, retrying
from .transport import Request, RequestsTransport, Response, Timeout

if TYPE_CHECKING:
    from ..nano_banana import NanoBanana
    from ..suno import Suno
    from ..veo_3_1 import Veo31

__all__ = ["DEFAULT_BASE_URL", "Balance", "Client", "RequestOptions", "Timeout"]

T = TypeVar("T")
logger = logging.getLogger("runapi")

DEFAULT_BASE_URL = "https://runapi.ai"
"""Used when neither ``base_url`` nor ``RUNAPI_BASE_URL`` is set (docs: Overview > Base URL)."""

DEFAULT_TIMEOUT = Timeout(connect=10.0, read=60.0)
"""10 s to connect, 60 s of silence while reading an answer."""

USER_AGENT = f"runapi-python/{__version__} (Python {platform.python_version()}; requests {requests.__version__})"
"""Sent with every request, so RunAPI can tell this SDK and its version apart."""


@attrs.frozen(kw_only=True)
class Balance:
    """The account's credit balance (docs: Common > Get Balance). Amounts in US cents.

    Attributes:
        balance_cents: credits left.
        spent_cents_today: spent since midnight.
        spent_cents_total: spent since the account opened.
    """

    balance_cents: int
    spent_cents_today: int = 0
    spent_cents_total: int = 0


class Client:
    """A RunAPI client: auth, retries, task polling, and every model family as an attribute.

    One client holds one connection pool; share it across threads and requests (e.g. one per
    Django process). Use it as a context manager, or call :meth:`close`, to release connections.

    Args:
        api_key: the API key; defaults to ``RUNAPI_API_KEY``. Never logged or shown in reprs.
        base_url: defaults to ``RUNAPI_BASE_URL``, else ``https://runapi.ai``. Point it at
            ``runapi.emulator`` to test without spending credits.
        timeout: seconds; a float sets connect and read, or pass ``(connect, read)`` or
            :class:`runapi.Timeout` (default 10 s connect, 60 s read).
        max_retries: retries after a failed attempt (default 2). See ``runapi._core.retry`` for
            what is retried; creates are never replayed where the server may have started a task.
        idempotent_creates: also retry creates after 5xx, read timeouts and dropped connections,
            relying on the ``Idempotency-Key`` header. Only if your RunAPI honours it: the docs do
            not promise that.
        wait_timeout: default deadline of ``wait()``/``run()``, seconds (900).
        poll_interval: first wait between polls, seconds (2); grows 1.5x per poll.
        max_poll_interval: cap on the wait between polls, seconds (15).
        default_headers: headers sent with every API request.
        session: a ``requests.Session`` of your own (proxies, certificates); not closed by us.
        max_connections: connection pool size per host (20) for the default session.
        sleep: how to wait, ``time.sleep`` by default (tests pass a fake: nothing sleeps for real).
        clock: monotonic seconds for poll deadlines, ``time.monotonic`` by default.

    Raises:
        MissingAPIKeyError: no ``api_key`` and no ``RUNAPI_API_KEY``.
        ValidationError: an option is out of range (e.g. a negative ``max_retries``).
    """

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        timeout: Timeout | float | tuple[float, float] = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        idempotent_creates: bool = False,
        wait_timeout: float = 900.0,
        poll_interval: float = 2.0,
        max_poll_interval: float = 15.0,
        default_headers: Mapping[str, str] | None = None,
        session: requests.Session | None = None,
        max_connections: int = 20,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        key = api_key if api_key is not None else os.environ.get("RUNAPI_API_KEY")
        if not key or not key.strip():
            raise MissingAPIKeyError(
                "no API key: pass Client(api_key=...) or set the RUNAPI_API_KEY environment variable"
            )
        if not isinstance(max_retries, int) or isinstance(max_retries, bool) or max_retries < 0:
            raise ValidationError("max_retries must be an integer >= 0", field="max_retries")
        self.__api_key = key.strip()
        url = (base_url or os.environ.get("RUNAPI_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
            raise ValidationError(f"base_url must be an http(s) URL; got {url!r}", field="base_url")
        self.base_url = url
        self.timeout = Timeout.of(timeout)
        self.retry_policy = RetryPolicy(max_retries=max_retries, idempotent_creates=idempotent_creates)
        self.poll_policy = PollPolicy(timeout=wait_timeout, interval=poll_interval, max_interval=max_poll_interval)
        self.default_headers: Mapping[str, str] = dict(default_headers or {})
        self._transport = RequestsTransport(session, max_connections=max_connections)
        self._sleep = sleep
        self._clock = clock
        self._random: Callable[[], float] = random.random

    # -- families: one lazy accessor each; the module is imported on first use ---------------

    @cached_property
    def suno(self) -> Suno:
        """Suno music: ``text_to_music``, ``extend_music``, ``generate_lyrics`` (``runapi.suno``)."""
        from ..suno import Suno

        return Suno(self)

    @cached_property
    def nano_banana(self) -> NanoBanana:
        """Nano Banana images: ``text_to_image``, ``edit_image`` (``runapi.nano_banana``)."""
        from ..nano_banana import NanoBanana

        return NanoBanana(self)

    @cached_property
    def veo_3_1(self) -> Veo31:
        """Veo 3.1 video: ``text_to_video``, ``extend_video``, ``upscale_video`` (``runapi.veo_3_1``)."""
        from ..veo_3_1 import Veo31

        return Veo31(self)

    # -- account and files ----------------------------------------------------------------------

    def get_balance(self) -> Balance:
        """Return the account balance (``GET /api/v1/me/balance``; docs: Common > Get Balance)."""

        def flow() -> Flow[Balance]:
            reply = yield from request(Call("GET", "/api/v1/me/balance"))
            return structure(reply.data, Balance)

        return self._run(flow(), RequestOptions())

    def download(self, url: str, path: str | os.PathLike[str]) -> Path:
        """Download an output file (``audio_url``, ``images[].url``, ``videos[].url``) to ``path``.

        If ``path`` is an existing directory, the file keeps the URL's file name. The file is
        written to a temporary name and renamed when complete. No API key is sent: output URLs
        are plain file links. Transient failures are retried like status calls.

        Returns:
            The path written.

        Raises:
            APIStatusError: the file server answered non-2xx (e.g. 404 once a link expired).
            APIConnectionError: the download failed; no partial file is left behind.
        """
        dest = Path(path)
        if dest.is_dir():
            name = Path(urlsplit(url).path).name or "download"
            dest = dest / name
        controller = retrying(
            self.retry_policy, idempotent=True, sleep=self._sleep, what=f"GET {url}", random=self._random
        )
        headers = {"User-Agent": USER_AGENT}
        size = controller(self._transport.download, url, dest, timeout=self.timeout, headers=headers)
        logger.debug("downloaded %s -> %s (%d bytes)", url, dest, size)
        return dest

    # -- configuration ------------------------------------------------------------------------

    def with_options(
        self,
        *,
        timeout: Timeout | float | tuple[float, float] | None = None,
        max_retries: int | None = None,
        wait_timeout: float | None = None,
        poll_interval: float | None = None,
        max_poll_interval: float | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> Client:
        """A copy of this client with other defaults, sharing its connection pool."""
        clone = copy.copy(self)
        for name, value in list(clone.__dict__.items()):
            if isinstance(value, Family):  # cached family accessors still point at self
                del clone.__dict__[name]
        if timeout is not None:
            clone.timeout = Timeout.of(timeout)
        if max_retries is not None:
            clone.retry_policy = attrs.evolve(self.retry_policy, max_retries=max_retries)
        clone.poll_policy = RequestOptions(
            wait_timeout=wait_timeout, poll_interval=poll_interval, max_poll_interval=max_poll_interval
        ).poll_policy(self.poll_policy)
        if default_headers is not None:
            clone.default_headers = {**self.default_headers, **default_headers}
        return clone

    def close(self) -> None:
        """Release pooled connections (a session passed in by you is left open)."""
        self._transport.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<runapi.Client base_url={self.base_url!r}>"

    # -- the driver ---------------------------------------------------------------------------

    def _run(self, flow: Flow[T], options: RequestOptions) -> T:
        """Perform a flow's effects: send each Call (with retries) and sleep each Sleep."""
        try:
            effect = next(flow)
            while True:
                if isinstance(effect, Sleep):
                    self._sleep(effect.seconds)
                    effect = flow.send(None)
                else:
                    effect = flow.send(self._send(effect, options))
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]
        finally:
            flow.close()

    def _build(self, call: Call, options: RequestOptions) -> Request:
        headers = {
            "Accept": "application/json",
            "User-Agent": USER_AGENT,
            **self.default_headers,
            **(options.extra_headers or {}),
            "Authorization": f"Bearer {self.__api_key}",
        }
        if call.body is not None:
            headers["Content-Type"] = "application/json"
        if call.idempotency_key is not None:
            headers["Idempotency-Key"] = call.idempotency_key
        return Request(call.method, self.base_url + call.path, headers, call.body, options.timeout or self.timeout)

    def _send(self, call: Call, options: RequestOptions) -> Reply:
        built = self._build(call, options)
        policy = self.retry_policy
        if options.max_retries is not None:
            policy = attrs.evolve(policy, max_retries=options.max_retries)
        controller = retrying(
            policy,
            idempotent=call.idempotent,
            sleep=self._sleep,
            what=f"{call.method} {call.path}",
            random=self._random,
        )
        response: Response = controller(self._attempt, built)
        return Reply(
            response.status_code,
            _decode(response, built),
            parse_retry_after(response.headers.get("Retry-After")),
        )

    def _attempt(self, built: Request) -> Response:
        started = time.monotonic()
        response = self._transport.send(built)
        logger.debug("%s %s -> %d (%.3fs)", built.method, built.url, response.status_code, time.monotonic() - started)
        if not 200 <= response.status_code < 300:
            raise status_error(
                response.status_code,
                _body(response),
                response.headers,
                reason=response.reason,
                retry_after=parse_retry_after(response.headers.get("Retry-After")),
                method=built.method,
                url=built.url,
            )
        return response


def _body(response: Response) -> Any:
    """An error body: decoded JSON if it is JSON, else the text."""
    try:
        return json.loads(response.content)
    except ValueError:
        return response.content.decode("utf-8", "replace")


def _decode(response: Response, built: Request) -> Any:
    try:
        return json.loads(response.content)
    except ValueError:
        raise APIResponseValidationError(
            f"{built.method} {built.url} answered {response.status_code} with a body that is not JSON",
            body=response.content[:500].decode("utf-8", "replace"),
            method=built.method,
            url=built.url,
        ) from None
