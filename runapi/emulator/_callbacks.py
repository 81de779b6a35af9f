"""Signed callback delivery, with redelivery (docs: Callbacks > Verify callback signatures, Retry policy).

A background worker POSTs each callback body with ``Content-Type: application/json`` and the
three headers of :func:`runapi.webhooks.sign`. A non-2xx answer, a connection error or a timeout
schedules another attempt after ``redelivery_delays[attempt - 1]`` seconds, until the delays run
out (so at most ``len(redelivery_delays) + 1`` attempts). Every attempt of one callback carries
the same ``X-Callback-Id`` (receivers can deduplicate on it) with a fresh timestamp and signature.
Delays are real seconds (``time.monotonic``), independent of the emulator's task clock.
"""

from __future__ import annotations

import heapq
import http.client
import itertools
import logging
import secrets
import threading
import time
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import webhooks
from .._version import __version__

__all__ = ["CallbackDispatcher"]

logger = logging.getLogger("runapi.emulator")


@dataclass(frozen=True)
class _Callback:
    task_id: str
    url: str
    stage: str
    body: bytes
    callback_id: str


@dataclass(order=True)
class _Attempt:
    due: float
    seq: int
    callback: _Callback = field(compare=False)
    number: int = field(compare=False)


class CallbackDispatcher:
    """Delivers callbacks from one worker thread, in the order they became due.

    Args:
        secret: the base64 callback secret the bodies are signed with.
        redelivery_delays: seconds to wait before each redelivery.
        timeout: seconds to wait for the receiver's answer before counting the attempt failed.
    """

    def __init__(self, *, secret: str, redelivery_delays: Sequence[float], timeout: float = 5.0) -> None:
        self._secret = secret
        self._delays = tuple(float(delay) for delay in redelivery_delays)
        self._timeout = timeout
        self._queue: list[_Attempt] = []
        self._seq = itertools.count()
        self._wakeup = threading.Condition()
        self._log: list[dict[str, Any]] = []
        self._logged = threading.Condition()
        self._stopped = False
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the worker thread."""
        self._thread = threading.Thread(target=self._run, name="runapi-emulator-callbacks", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the worker; callbacks not yet delivered are dropped."""
        with self._wakeup:
            self._stopped = True
            self._wakeup.notify_all()
        if self._thread is not None:
            self._thread.join(self._timeout + 1)

    def enqueue(self, task_id: str, url: str, stage: str, body: bytes) -> None:
        """Schedule the first attempt of a callback now (does not block)."""
        callback = _Callback(task_id, url, stage, body, callback_id=f"cb_{secrets.token_hex(12)}")
        self._schedule(callback, number=1, delay=0.0)

    def deliveries(self) -> list[dict[str, Any]]:
        """Every attempt so far, oldest first (see :meth:`runapi.emulator.Emulator.deliveries`)."""
        with self._logged:
            return [dict(entry) for entry in self._log]

    def wait(self, count: int, timeout: float, *, successful: bool) -> list[dict[str, Any]]:
        """Block until ``count`` attempts (only 2xx ones if ``successful``) are logged; return those.

        Raises:
            TimeoutError: fewer after ``timeout`` seconds.
        """

        def matching() -> list[dict[str, Any]]:
            return [dict(entry) for entry in self._log if entry["delivered"] or not successful]

        with self._logged:
            if not self._logged.wait_for(lambda: len(matching()) >= count, timeout):
                kind = "successful callback deliveries" if successful else "callback delivery attempts"
                raise TimeoutError(f"expected {count} {kind} within {timeout:g}s, got {len(matching())}")
            return matching()

    # --- worker ---------------------------------------------------------------------------

    def _schedule(self, callback: _Callback, *, number: int, delay: float) -> None:
        with self._wakeup:
            heapq.heappush(self._queue, _Attempt(time.monotonic() + delay, next(self._seq), callback, number))
            self._wakeup.notify_all()

    def _run(self) -> None:
        while True:
            with self._wakeup:
                while not self._stopped and (not self._queue or self._queue[0].due > time.monotonic()):
                    self._wakeup.wait(self._queue[0].due - time.monotonic() if self._queue else None)
                if self._stopped:
                    return
                attempt = heapq.heappop(self._queue)
            self._attempt(attempt)

    def _attempt(self, attempt: _Attempt) -> None:
        callback = attempt.callback
        status: int | None = None
        error: str | None = None
        try:
            status = self._post(callback)
        except (OSError, http.client.HTTPException, ValueError) as exc:
            error = f"{type(exc).__name__}: {exc}"
        delivered = status is not None and 200 <= status < 300
        retry_in = None if delivered or attempt.number > len(self._delays) else self._delays[attempt.number - 1]
        entry = {
            "task_id": callback.task_id,
            "url": callback.url,
            "stage": callback.stage,
            "attempt": attempt.number,
            "status": status,
            "error": error,
            "delivered": delivered,
            "retry_in": retry_in,
            "callback_id": callback.callback_id,
            "body": callback.body.decode("utf-8"),
        }
        outcome = status if status is not None else error
        logger.info(
            "callback task=%s stage=%s attempt=%d -> %s %s",
            callback.task_id,
            callback.stage,
            attempt.number,
            callback.url,
            outcome,
        )
        with self._logged:
            self._log.append(entry)
            self._logged.notify_all()
        if retry_in is not None:
            self._schedule(callback, number=attempt.number + 1, delay=retry_in)

    def _post(self, callback: _Callback) -> int:
        url = urllib.parse.urlsplit(callback.url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ValueError(f"callback_url is not an http(s) URL: {callback.url!r}")
        connection_class = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
        connection = connection_class(url.hostname, url.port, timeout=self._timeout)
        headers = {
            "Content-Type": "application/json",
            "User-Agent": f"runapi-emulator/{__version__}",
            **webhooks.sign(callback.body, self._secret, callback_id=callback.callback_id),
        }
        target = url.path or "/"
        if url.query:
            target += f"?{url.query}"
        try:
            connection.request("POST", target, body=callback.body, headers=headers)
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()
