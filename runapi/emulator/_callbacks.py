"""Signed callback delivery, with redelivery (docs: Callbacks > Verify callback signatures, Retry policy).

A small pool of worker threads POSTs each callback body with ``Content-Type: application/json``
and the three headers of :func:`runapi.webhooks.sign`. A non-2xx answer, a connection error or a
timeout schedules another attempt after ``redelivery_delays[attempt - 1]`` seconds, until the
delays run out (so at most ``len(redelivery_delays) + 1`` attempts). Every attempt of one callback
carries the same ``X-Callback-Id`` (receivers can deduplicate on it) with a fresh timestamp and
signature. Delays are real seconds (``time.monotonic``), independent of the emulator's task clock.

Order: callbacks of different tasks are delivered concurrently (a slow receiver holds up only
its own task), but the callbacks of one task form a queue: a task's next callback (e.g. Suno's
``first_audio_ready`` after ``text_generated``) gets its first attempt only once the previous
one is settled, i.e. delivered with a 2xx answer or given up after its last redelivery. So one
task's callbacks never arrive out of stage order, and at most one attempt per task is in flight;
the price is that a failing receiver delays that task's later callbacks by the redelivery schedule.
"""

from __future__ import annotations

import collections
import contextlib
import heapq
import http.client
import itertools
import logging
import secrets
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .._version import __version__
from ..webhooks._signing import sign

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
    """Delivers callbacks from a pool of worker threads, each task's callbacks in order.

    Args:
        secret: the base64 callback secret the bodies are signed with.
        redelivery_delays: seconds to wait before each redelivery.
        timeout: seconds to wait for the receiver (connect, then answer) before counting the
            attempt failed.
        workers: how many callbacks can be in flight at once (threads).
    """

    def __init__(
        self, *, secret: str, redelivery_delays: Sequence[float], timeout: float = 5.0, workers: int = 8
    ) -> None:
        self._secret = secret
        self._delays = tuple(float(delay) for delay in redelivery_delays)
        self._timeout = timeout
        self._workers = workers
        self._queue: list[_Attempt] = []  # attempts scheduled: only the head callback of each lane
        self._lanes: dict[str, collections.deque[_Callback]] = {}  # task id -> its unsettled callbacks
        self._in_flight: set[socket.socket] = set()
        self._seq = itertools.count()
        self._wakeup = threading.Condition()
        self._log: list[dict[str, Any]] = []
        self._logged = threading.Condition()
        self._stopped = False
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        """Start the worker threads."""
        for number in range(self._workers):
            thread = threading.Thread(target=self._run, name=f"runapi-emulator-callbacks-{number}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        """Stop the workers; callbacks not yet delivered are dropped and attempts in flight cut short."""
        with self._wakeup:
            self._stopped = True
            self._wakeup.notify_all()
            for sock in self._in_flight:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)  # wakes a worker blocked on a slow receiver
        # The threads are daemons: one still connecting after this is left behind (its outcome is not logged).
        deadline = time.monotonic() + min(self._timeout + 1, 3.0)
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))

    def enqueue(self, task_id: str, url: str, stage: str, body: bytes) -> None:
        """Queue a callback (does not block): its first attempt is due now, or once the task's
        previous callbacks are settled."""
        callback = _Callback(task_id, url, stage, body, callback_id=f"cb_{secrets.token_hex(12)}")
        with self._wakeup:
            lane = self._lanes.setdefault(task_id, collections.deque())
            lane.append(callback)
            if len(lane) == 1:
                self._push(callback, number=1, delay=0.0)

    def deliveries(self) -> list[dict[str, Any]]:
        """Every attempt so far, in the order they finished (see :meth:`runapi.emulator.Emulator.deliveries`)."""
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

    def wait_for(self, match: Callable[[dict[str, Any]], bool], timeout: float, what: str) -> dict[str, Any]:
        """Block until an attempt for which ``match`` is true is logged; return the first such attempt.

        Raises:
            TimeoutError: none after ``timeout`` seconds (``what`` names what was awaited).
        """

        def found() -> dict[str, Any] | None:
            return next((dict(entry) for entry in self._log if match(entry)), None)

        with self._logged:
            if not self._logged.wait_for(lambda: found() is not None, timeout):
                raise TimeoutError(f"no {what} within {timeout:g}s")
            entry = found()
            assert entry is not None
            return entry

    # --- workers --------------------------------------------------------------------------

    def _push(self, callback: _Callback, *, number: int, delay: float) -> None:
        """Schedule an attempt (``self._wakeup`` held)."""
        heapq.heappush(self._queue, _Attempt(time.monotonic() + delay, next(self._seq), callback, number))
        self._wakeup.notify()

    def _run(self) -> None:
        while True:
            with self._wakeup:
                while True:
                    if self._stopped:
                        return
                    if not self._queue:
                        self._wakeup.wait()
                        continue
                    wait = self._queue[0].due - time.monotonic()
                    if wait <= 0:
                        break
                    self._wakeup.wait(wait)
                attempt = heapq.heappop(self._queue)
                if self._queue:
                    self._wakeup.notify()  # another idle worker may take the next one
            self._attempt(attempt)

    def _attempt(self, attempt: _Attempt) -> None:
        callback = attempt.callback
        status: int | None = None
        error: str | None = None
        try:
            status = self._post(callback)
        except Exception as exc:  # any failure to get an answer is the attempt's outcome, then redelivered
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
        with self._wakeup:
            if self._stopped:
                return  # cut short by stop(): not an outcome of the receiver's
        logger.info(
            "callback task=%s stage=%s attempt=%d -> %s %s",
            callback.task_id,
            callback.stage,
            attempt.number,
            callback.url,
            status if status is not None else error,
        )
        with self._logged:  # logged before the task's next callback can start: the log keeps stage order
            self._log.append(entry)
            self._logged.notify_all()
        with self._wakeup:
            if retry_in is not None:
                self._push(callback, number=attempt.number + 1, delay=retry_in)
                return
            lane = self._lanes[callback.task_id]  # settled: the task's next callback, if any, is due now
            lane.popleft()
            if lane:
                self._push(lane[0], number=1, delay=0.0)
            else:
                del self._lanes[callback.task_id]

    def _post(self, callback: _Callback) -> int:
        url = urllib.parse.urlsplit(callback.url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ValueError(f"callback_url is not an http(s) URL: {callback.url!r}")
        connection_class = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
        connection = connection_class(url.hostname, url.port, timeout=self._timeout)
        headers = {
            "Content-Type": "application/json",
            "User-Agent": f"runapi-emulator/{__version__}",
            **sign(callback.body, self._secret, callback_id=callback.callback_id),
        }
        target = url.path or "/"
        if url.query:
            target += f"?{url.query}"
        try:
            connection.connect()
            sock = connection.sock
            with self._wakeup:
                if self._stopped:
                    raise ConnectionAbortedError("emulator stopped")
                self._in_flight.add(sock)
            try:
                connection.request("POST", target, body=callback.body, headers=headers)
                response = connection.getresponse()
                response.read()
                return response.status
            finally:
                with self._wakeup:
                    self._in_flight.discard(sock)
        finally:
            connection.close()
