"""The :class:`Emulator`: RunAPI over real HTTP on loopback, with its server, ticker and callback threads."""

from __future__ import annotations

import base64
import binascii
import contextlib
import io
import logging
import math
import os
import selectors
import socket
import threading
import time
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

from werkzeug.serving import ThreadedWSGIServer, WSGIRequestHandler

from ._app import App, RequestLog
from ._callbacks import CallbackDispatcher
from ._faults import Fault, FaultBook
from ._files import MAX_UPLOAD_BYTES, FileStore
from ._listen import ONLY, ListenHub, on_stages
from ._store import Store

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

logger = logging.getLogger("runapi.emulator")

__all__ = [
    "DEFAULT_BALANCE_CENTS",
    "DEFAULT_REDELIVERY_DELAYS",
    "IDLE_TIMEOUT",
    "KEEP_ALIVE_MAX_BODY",
    "MAX_REDELIVERIES",
    "Emulator",
]

DEFAULT_REDELIVERY_DELAYS: tuple[float, ...] = (1, 2, 4, 8, 16, 32, 60, 120, 300, 600)
"""Seconds between callback attempts: up to 10 redeliveries (docs: Callbacks > Retry policy)."""

MAX_REDELIVERIES = 10
"""The most redeliveries ``redelivery_delays`` may ask for: the docs promise "up to 10" retries."""

TICK_SECONDS = 0.025
"""How often the ticker looks for time-based tasks that reached a new stage."""

CALLBACK_TIMEOUT = 5.0
"""Default seconds a callback receiver has to answer before the attempt counts as failed."""

CALLBACK_WORKERS = 8
"""Default number of callbacks delivered at once (worker threads)."""

DEFAULT_BALANCE_CENTS = 10_000
"""Default starting balance, in cents (the docs' example balance)."""


KEEP_ALIVE_MAX_BODY = 1024 * 1024
"""The largest request body, in bytes (its ``Content-Length``), that lets the connection stay open.

Such a body is read whole before the app runs, so the next request line on the connection is never
mistaken for body the app left unread (the reason Werkzeug's server closes every connection). A
larger body, a chunked one (``Transfer-Encoding``) or one sent after ``Expect: 100-continue`` streams
to the app unbuffered as before (an over-limit upload still gets its 413 from the ``Content-Length``
alone), and the connection closes after the answer."""

IDLE_TIMEOUT = 30.0
"""Default seconds a kept-alive connection may wait for its next request before the emulator closes it.

The emulator's own choice (the platform's idle timeout is not documented): clients' pools check a
pooled connection before reusing it, and an idle one must not hold a server thread forever."""


class _Connections:
    """The open client connections of one emulator, each idle (awaiting a request) or busy; thread-safe.

    :meth:`close` (on stop) shuts the idle ones down at once; a busy one answers its request with
    ``Connection: close`` and closes, and none is served after that.
    """

    def __init__(self, idle_timeout: float) -> None:
        self.idle_timeout = idle_timeout
        self._lock = threading.Lock()
        self._idle: set[socket.socket] = set()
        self._busy: set[socket.socket] = set()
        self.closing = False

    def idle(self, sock: socket.socket) -> bool:
        """``sock`` awaits its next request; ``False``: the emulator stops, end the connection."""
        with self._lock:
            self._busy.discard(sock)
            if self.closing:
                return False
            self._idle.add(sock)
            return True

    def busy(self, sock: socket.socket) -> bool:
        """``sock`` has a request to serve; ``False``: the emulator stops, end it unanswered."""
        with self._lock:
            self._idle.discard(sock)
            if self.closing:
                return False
            self._busy.add(sock)
            return True

    def forget(self, sock: socket.socket) -> None:
        with self._lock:
            self._idle.discard(sock)
            self._busy.discard(sock)

    def close(self) -> None:
        """Serve no more requests: shut every idle connection down (the client sees it closed)."""
        with self._lock:
            self.closing = True
            idle, self._idle = self._idle, set()
        for sock in idle:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _Server(ThreadedWSGIServer):
    """Werkzeug's threaded server (a thread per connection), with the open connections tracked."""

    connections: _Connections


class _CountingWriter(io.BufferedIOBase):
    """The response stream of one kept-alive request: passes bytes on and counts them."""

    def __init__(self, raw: io.BufferedIOBase) -> None:
        super().__init__()
        self._raw = raw
        self.written = 0

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer, /) -> int:
        self._raw.write(data)
        with memoryview(data) as view:
            self.written += view.nbytes
            return view.nbytes

    def flush(self) -> None:
        if not self._raw.closed:
            self._raw.flush()


def _length(value: str | None) -> int | None:
    """A ``Content-Length`` value as a number of bytes; ``None`` if absent or not plain digits."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() else None


class _Handler(WSGIRequestHandler):
    """Werkzeug's handler, keeping HTTP/1.1 connections alive when it safely can.

    Werkzeug answers every request with ``Connection: close``. This handler leaves the connection
    open when the request is HTTP/1.1, does not ask ``Connection: close``, and has no body or a
    ``Content-Length`` of at most :data:`KEEP_ALIVE_MAX_BODY` bytes (read whole before the app runs),
    and when the answer has a ``Content-Length`` (not chunked), was sent whole, and the emulator is not
    stopping. Anything else (large, chunked or ``Expect: 100-continue`` bodies, HTTP/1.0, streamed
    answers, the ``drop`` fault) is served as before and closes. A kept-alive connection waits
    :data:`IDLE_TIMEOUT` seconds (the emulator's ``idle_timeout``) for its next request, then closes
    quietly.
    """

    server: _Server
    protocol_version = "HTTP/1.1"
    _keep_alive = False  # this request's answer may leave the connection open
    _answer_status = 0
    _answer_length: int | None = None

    def connection_dropped(self, error: BaseException, environ: Any = None) -> None:
        self.close_connection = True  # the app abandoned the connection (``drop``) or the client went away

    def setup(self) -> None:
        super().setup()
        with contextlib.suppress(OSError):  # an answer's head and body go out as two writes: no Nagle delay
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def handle_one_request(self) -> None:
        self._keep_alive = False
        connections = self.server.connections
        if not (connections.idle(self.connection) and self._request_comes(connections.idle_timeout)):
            self.close_connection = True
            return
        if not connections.busy(self.connection):
            self.close_connection = True
            return
        super().handle_one_request()

    def _request_comes(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for the next request's first byte; ``False``: closed, reset or idle."""
        rfile = self.rfile
        if not isinstance(rfile, io.BufferedReader):
            return True
        self.connection.settimeout(timeout)
        try:
            return bool(rfile.peek(1))
        except OSError:  # TimeoutError (idle too long) or a reset: the connection ends quietly
            return False
        finally:
            with contextlib.suppress(OSError):
                self.connection.settimeout(None)  # reading the request and answering: no timeout, as before

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.connections.forget(self.connection)

    def run_wsgi(self) -> None:
        body = self._small_body()
        if body is None:
            super().run_wsgi()
            return
        rfile, wfile = self.rfile, self.wfile
        writer = _CountingWriter(wfile)
        self.rfile, self.wfile = io.BytesIO(body), writer  # the app reads the body read here, and only it
        self._answer_status, self._answer_length = 0, None
        try:
            super().run_wsgi()
        finally:
            self.rfile, self.wfile = rfile, wfile
        bodiless = self.command == "HEAD" or self._answer_status < 200 or self._answer_status in (204, 304)
        if (0 if bodiless else self._answer_length) != writer.written:  # cut short: the connection cannot go on
            self.close_connection = True

    def _small_body(self) -> bytes | None:
        """The whole request body, if the connection may stay open after the answer; ``None`` otherwise."""
        headers = self.headers
        if self.close_connection or self.request_version != "HTTP/1.1":
            return None
        if "Transfer-Encoding" in headers or "Expect" in headers:
            return None
        declared = headers.get_all("Content-Length") or []
        if not declared:
            self._keep_alive = True
            return b""
        length = _length(declared[0]) if len(declared) == 1 else None
        if length is None or length > KEEP_ALIVE_MAX_BODY:
            return None
        body = self.rfile.read(length) if length else b""
        self._keep_alive = len(body) == length  # short: the client went away; the app sees what came
        return body

    def send_response(self, code: int, message: str | None = None) -> None:
        self._answer_status = code
        super().send_response(code, message)

    def send_header(self, keyword: str, value: str) -> None:
        name = keyword.lower()
        if name == "transfer-encoding":
            self._keep_alive = False  # a streamed (chunked) answer: closes, as before
        elif name == "content-length":
            self._answer_length = _length(value)
        elif name == "connection" and value.lower() == "close" and self._keeps_open():
            return  # Werkzeug's blanket ``Connection: close``: left out, the connection stays open
        super().send_header(keyword, value)

    def _keeps_open(self) -> bool:
        return self._keep_alive and not self.server.connections.closing

    def end_headers(self) -> None:
        super().end_headers()
        if isinstance(self.wfile, _CountingWriter):
            self.wfile.written = 0  # from here on: the answer's body


class _QuietHandler(_Handler):
    """Logs nothing (no per-request lines)."""

    def log(self, type: str, message: str, *args: Any) -> None:
        pass


def _listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port``.

    Raises:
        OSError: the address cannot be bound (e.g. the port is in use).
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        if os.name != "nt":  # on Windows SO_REUSEADDR would allow two servers on one port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except BaseException:
        sock.close()
        raise
    return sock


def _seconds(value: object) -> bool:
    """Whether ``value`` is a finite, non-negative number (not a bool)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and value >= 0


def _integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _url_host(host: str) -> str:
    if host in ("", "0.0.0.0"):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


class Emulator:
    """A local RunAPI (runapi.ai) over real HTTP, for tests and demos: no credits spent.

    It serves the documented task endpoints of Suno (text_to_music, extend_music,
    generate_lyrics), Nano Banana (text_to_image, edit_image) and Veo 3.1 (text_to_video,
    extend_video, upscale_video), plus ``GET /api/v1/me/balance``, under ``<url>/api/v1``; tasks
    complete with small real media files served by the emulator, and signed callbacks are POSTed
    to ``callback_url`` with redelivery. Any string parameter containing ``emulator:fail`` makes
    the task fail. Use it as a context manager::

        with Emulator(api_key="test") as emu:
            client = runapi.Client(api_key="test", base_url=emu.url)

    Args:
        host: interface to listen on.
        port: TCP port; 0 picks a free one (read it back from :attr:`url`).
        api_key: the only bearer key accepted; ``None`` accepts any non-empty key (but the
            management key).
        management_key: the only key the management paths (API keys, guardrails, guardrail
            assignments) accept; ``None`` accepts any non-empty key there but ``api_key``. Never
            accepted on the other API paths.
        callback_secret: base64 secret callbacks are signed with; ``None`` generates one
            (24 random bytes), readable from :attr:`callback_secret`.
        complete_after: seconds (of ``clock``) from create until a task completes.
        complete_after_polls: if set, status GETs drive the life cycle instead of time: the N-th
            GET of a task answers its final state (Suno stages come at 1/3 and 2/3 of N).
        redelivery_delays: seconds to wait before each redelivery of a callback that got a non-2xx
            answer, a timeout or a connection error: at most 10 values (the docs promise up to 10
            retries), so at most ``len + 1`` attempts; empty: no redelivery.
        initial_balance_cents: starting balance in cents (``GET /api/v1/me/balance`` answers it as
            ``balance_cents``); each create deducts a few cents, and a create it cannot pay for
            answers 402 ``Insufficient credits``.
        callback_timeout: seconds a callback receiver may take to accept the connection, and
            then to answer (a socket timeout), before the attempt counts as failed (and is
            redelivered).
        callback_workers: how many callbacks are delivered at once (threads): a slow receiver holds
            up only its own task's callbacks. One task's callbacks always go one at a time, in stage
            order: the next gets its first attempt once the previous was delivered or given up.
        clock: monotonic time in seconds used for task ages; inject a fake to advance time in tests.
        forward_to: a URL that receives, signed, the callbacks of tasks created without a
            ``callback_url`` straight from the emulator (``runapi emulator --forward-to``); ``None``:
            none. Independently, the emulator serves ``runapi listen``'s protocol (sessions,
            events signed with :attr:`listen_secret`; :mod:`runapi.emulator._listen`).
        verbose: log each request (werkzeug's access log) and each callback attempt (logger
            ``runapi.emulator``, level INFO).
        max_upload_bytes: the most bytes one uploaded file may hold (``from_stream``,
            ``from_base64``); larger answers 413 ``{"error": "File size exceeds maximum allowed
            size"}``. Defaults to the docs' 10 MB (10,485,760 bytes); ``None``: no limit.
        idle_timeout: seconds a kept-alive connection may wait for its next request before the
            emulator closes it (default :data:`IDLE_TIMEOUT`, the emulator's own choice). The
            emulator keeps HTTP/1.1 connections alive, like real servers, for requests with at most
            :data:`KEEP_ALIVE_MAX_BODY` bytes of body; larger or chunked bodies, HTTP/1.0,
            ``Connection: close``, streamed answers and the ``drop`` fault close the connection.

    Raises:
        ValueError: an invalid argument (e.g. a callback secret that is not base64, a negative
            balance, more than 10 redelivery delays); the message names it.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        api_key: str | None = None,
        management_key: str | None = None,
        callback_secret: str | None = None,
        complete_after: float = 2.0,
        complete_after_polls: int | None = None,
        redelivery_delays: Sequence[float] = DEFAULT_REDELIVERY_DELAYS,
        initial_balance_cents: int = DEFAULT_BALANCE_CENTS,
        callback_timeout: float = CALLBACK_TIMEOUT,
        callback_workers: int = CALLBACK_WORKERS,
        clock: Callable[[], float] = time.monotonic,
        verbose: bool = False,
        forward_to: str | None = None,
        max_upload_bytes: int | None = MAX_UPLOAD_BYTES,
        idle_timeout: float = IDLE_TIMEOUT,
    ) -> None:
        if api_key is not None and not api_key.strip():
            raise ValueError("api_key must be a non-empty string or None")
        if management_key is not None and (not management_key.strip() or management_key == api_key):
            raise ValueError("management_key must be a non-empty string other than api_key, or None")
        if not _seconds(complete_after):
            raise ValueError("complete_after must be a number of seconds >= 0")
        if complete_after_polls is not None and (not _integer(complete_after_polls) or complete_after_polls < 1):
            raise ValueError("complete_after_polls must be an integer >= 1")
        redelivery_delays = tuple(redelivery_delays)
        if not all(_seconds(delay) for delay in redelivery_delays):
            raise ValueError("redelivery_delays must be numbers of seconds >= 0")
        if len(redelivery_delays) > MAX_REDELIVERIES:
            raise ValueError(
                f"redelivery_delays has {len(redelivery_delays)} values; at most {MAX_REDELIVERIES}"
                " (the docs promise up to 10 retries)"
            )
        if not _integer(initial_balance_cents) or initial_balance_cents < 0:
            raise ValueError("initial_balance_cents must be an integer number of cents >= 0")
        if not _seconds(callback_timeout) or callback_timeout <= 0:
            raise ValueError("callback_timeout must be a number of seconds > 0")
        if not _integer(callback_workers) or callback_workers < 1:
            raise ValueError("callback_workers must be an integer >= 1")
        if forward_to is not None and not forward_to.startswith(("http://", "https://")):
            raise ValueError("forward_to must be an http(s) URL")
        if max_upload_bytes is not None and (not _integer(max_upload_bytes) or max_upload_bytes < 1):
            raise ValueError("max_upload_bytes must be an integer number of bytes >= 1, or None")
        if not _seconds(idle_timeout) or idle_timeout <= 0:
            raise ValueError("idle_timeout must be a number of seconds > 0")
        if callback_secret is None:
            callback_secret = base64.b64encode(os.urandom(24)).decode("ascii")
        else:
            try:
                if not base64.b64decode(callback_secret, validate=True):
                    raise ValueError
            except (binascii.Error, ValueError):
                raise ValueError("callback_secret must be a non-empty base64 string") from None
        self._host = host
        self._port = port
        self._verbose = verbose
        self._connections = _Connections(idle_timeout)
        self._complete_after_polls = complete_after_polls
        self._callback_secret = callback_secret
        self._url: str | None = None
        self._server: _Server | None = None
        self._threads: list[threading.Thread] = []
        self._wake_reader: socket.socket
        self._wake_writer: socket.socket
        self._stopping = threading.Event()
        self._dispatcher = CallbackDispatcher(
            secret=callback_secret,
            redelivery_delays=redelivery_delays,
            timeout=callback_timeout,
            workers=callback_workers,
        )
        self._faults = FaultBook()
        self._listen = ListenHub(clock=clock)
        self._requests = RequestLog()
        self._store = Store(
            clock=clock,
            complete_after=complete_after,
            complete_after_polls=complete_after_polls,
            initial_balance_cents=initial_balance_cents,
            base_url=lambda: self.url,
            on_stage=on_stages(self._dispatcher.enqueue, self._listen),  # callbacks, and runapi listen's events
            forward_to=forward_to or ONLY,
        )
        self._files = FileStore(
            clock=clock,
            base_url=lambda: self.url,
            has_outputs=self._store.has_files,
            max_upload_bytes=max_upload_bytes,
        )
        self._app = App(
            store=self._store,
            faults=self._faults,
            request_log=self._requests,
            deliveries=self._dispatcher.deliveries,
            api_key=api_key,
            management_key=management_key,
            stopping=self._stopping,
            files=self._files,
            listen=self._listen,
        )

    def __repr__(self) -> str:
        return f"<Emulator url={self._url or 'not started'}>"

    # --- life cycle -----------------------------------------------------------------------

    def start(self) -> Emulator:
        """Bind the port and start serving in background threads; return ``self``.

        Raises:
            RuntimeError: already started, or stopped (an emulator runs once).
            OSError: the port could not be bound.
        """
        if self._server is not None or self._stopping.is_set():
            raise RuntimeError("an Emulator can be started once")
        handler = _Handler if self._verbose else _QuietHandler
        listener = _listen(self._host, self._port)  # ourselves: werkzeug would sys.exit() on a busy port
        try:
            server = _Server(self._host, self._port, self._app, handler, fd=listener.fileno())  # as make_server does
        finally:
            listener.close()  # the server holds its own duplicate of the socket
        server.connections = self._connections
        self._server = server
        self._url = f"http://{_url_host(self._host)}:{server.port}"
        self._wake_reader, self._wake_writer = socket.socketpair()
        self._dispatcher.start()
        self._spawn("server", self._serve_forever)
        if self._complete_after_polls is None:
            self._spawn("ticker", self._tick_forever)
        return self

    def stop(self) -> None:
        """Stop serving, the ticker and callback delivery (undelivered callbacks are dropped).

        Idempotent; in-flight ``slow`` answers are cut short. Kept-alive connections end: one
        waiting for its next request is closed at once, one being answered closes after its answer.
        """
        if self._server is None or self._stopping.is_set():
            return
        self._connections.close()  # first: kept-alive connections' threads would serve them on; answers now close
        self._stopping.set()
        with contextlib.suppress(OSError):
            self._wake_writer.send(b"x")  # wakes the server loop at once
        for thread in self._threads:
            thread.join(5)
        self._server.server_close()
        self._wake_reader.close()
        self._wake_writer.close()
        self._dispatcher.stop()
        self._files.close()  # uploaded files live in a temporary directory: removed with the emulator

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def _spawn(self, name: str, target: Callable[[], None]) -> None:
        thread = threading.Thread(target=target, name=f"runapi-emulator-{name}", daemon=True)
        thread.start()
        self._threads.append(thread)

    def _serve_forever(self) -> None:
        # Like serve_forever(), but woken by stop() through a socket pair instead of polling.
        server = self._server
        assert server is not None
        server.timeout = 0  # handle_request() only runs once the listening socket is readable
        with selectors.DefaultSelector() as selector:
            selector.register(server, selectors.EVENT_READ)
            selector.register(self._wake_reader, selectors.EVENT_READ)
            while not self._stopping.is_set():
                for key, _ in selector.select():
                    if key.fileobj is server and not self._stopping.is_set():
                        server.handle_request()

    def _tick_forever(self) -> None:
        while not self._stopping.wait(TICK_SECONDS):
            try:
                self._store.tick()
            except Exception:  # keep ticking: one bad tick (e.g. a failing clock) must not end the thread
                logger.exception("emulator ticker error")

    # --- properties -----------------------------------------------------------------------

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:8910``; API paths are under ``/api/v1/``.

        Raises:
            RuntimeError: not started yet.
        """
        if self._url is None:
            raise RuntimeError("the Emulator is not started; call start() or use it as a context manager")
        return self._url

    @property
    def callback_secret(self) -> str:
        """The base64 secret callbacks are signed with (verify with :func:`runapi.webhooks.verify`)."""
        return self._callback_secret

    @property
    def listen_secret(self) -> str:
        """The base64 secret ``runapi listen``'s events are signed with (the ``listen_secret`` its sessions get)."""
        return self._listen.secret

    # --- faults ---------------------------------------------------------------------------

    def inject(
        self,
        kind: str,
        *,
        times: int | None = None,
        rate: float | None = None,
        seed: int | None = None,
        method: str | None = None,
        path: str | None = None,
        retry_after: float | None = None,
        delay: float | None = None,
        after_handling: bool = False,
    ) -> None:
        """Make matching API requests fail: the next ``times`` of them, or a seeded fraction.

        Args:
            kind: ``"rate_limit"`` (429 with ``Retry-After``, default 1 s), ``"server_error"``
                (500), ``"unavailable"`` (503, ``Retry-After`` if ``retry_after``), ``"drop"``
                (close the TCP connection with no HTTP answer) or ``"slow"`` (answer normally
                after ``delay`` seconds, default 1).
            times: how many requests it hits, then it is gone. ``None`` (default): 1 without
                ``rate``; unbounded with ``rate`` (until :meth:`clear_faults`).
            rate: hit each matching request with this probability (``0 < rate <= 1``; 0.1 is 10%),
                drawn from a ``random.Random(seed)`` of the fault's own; ``None`` hits every one.
            seed: integer seed for those draws (only with ``rate``). The same seed and the same
                sequence of requests hit the same requests; ``None`` picks a seed at random, shown
                by ``GET /_emulator/faults``.
            method: only requests with this method (any if ``None``).
            path: only requests whose path starts with this prefix (any if ``None``).
            retry_after: ``Retry-After`` seconds (a fraction is sent as e.g. ``"0.5"``).
            delay: seconds for ``slow``.
            after_handling: handle the request for real first (a create does create its task),
                then replace its answer with the fault: the answer is lost, the effect is not.

        Faults are tried in injection order; the first that matches and hits is used (a ``rate``
        fault draws once per matching request that no earlier fault hit). Control endpoints
        (``/_emulator/...``) are never hit.

        Raises:
            ValueError: unknown ``kind`` or an invalid option (e.g. ``rate`` outside (0, 1],
                a ``seed`` that is not an integer or given without ``rate``, ``times`` < 1).
        """
        self._faults.add(
            Fault(
                kind,
                times=times,
                rate=rate,
                seed=seed,
                method=method,
                path=path,
                retry_after=retry_after,
                delay=delay,
                after_handling=after_handling,
            )
        )

    def clear_faults(self) -> None:
        """Remove every injected fault not used up yet."""
        self._faults.clear()

    def faults(self) -> list[dict[str, Any]]:
        """The active faults, in injection order, as ``GET /_emulator/faults`` lists them.

        Keys: ``kind``, ``times`` (hits left; ``None``: unbounded), ``rate``, ``seed`` (the one in
        use, also when it was picked at random), ``method``, ``path``, ``retry_after``, ``delay``,
        ``after_handling``, ``hits`` (requests hit so far).
        """
        return self._faults.active()

    # --- inspection -----------------------------------------------------------------------

    def tasks(self) -> list[dict[str, Any]]:
        """Snapshots of every task, oldest first.

        Keys: ``id``, ``path``, ``params`` (the create body), ``status``, ``stage`` (last stage
        reached, or ``None``), ``created_at`` (``clock`` seconds), ``polls`` (status GETs so far),
        ``callback_url``, ``idempotency_key``, ``cost_cents``, ``will_fail``, ``payload`` (the
        current status payload; reading it does not count as a poll).
        """
        return self._store.snapshots()

    def uploads(self) -> list[dict[str, Any]]:
        """The uploaded files not expired yet, oldest first (``POST /api/v1/files/...``).

        Keys: ``id``, ``file_name``, ``mime_type``, ``file_size`` (bytes), ``path`` (where the
        emulator keeps it, in a temporary directory removed by :meth:`stop`), ``source``
        (``"from_url"``, ``"from_stream"`` or ``"from_base64"``), ``uploaded_at`` (as answered),
        ``expires_in`` (seconds of ``clock`` left of its 24 hours).
        """
        return self._files.snapshots()

    def requests(self) -> list[dict[str, Any]]:
        """The API and file requests received (control endpoints excluded), oldest first.

        Keys: ``method``, ``path``, ``query``, ``status`` (answered; ``None`` when dropped),
        ``fault`` (the injected fault kind that hit it, or ``None``), ``headers`` (with
        ``Authorization``, ``x-api-key`` and ``x-goog-api-key`` replaced by ``"[REDACTED]"``),
        ``json`` (the parsed body or ``None``),
        ``time`` (Unix seconds).
        """
        return self._requests.entries()

    def deliveries(self) -> list[dict[str, Any]]:
        """Every callback attempt, in the order the attempts finished.

        Keys: ``task_id``, ``url``, ``stage`` (Suno's ``generation_stage``, else ``"completed"``
        or ``"failed"``), ``attempt`` (1-based), ``status`` (the receiver's HTTP status, or
        ``None``), ``error`` (why no status: connection error, timeout; else ``None``),
        ``delivered`` (2xx), ``retry_in`` (seconds until the next attempt, ``None`` if none),
        ``callback_id`` (same for every attempt of one callback), ``body`` (the exact JSON text sent).
        """
        return self._dispatcher.deliveries()

    def wait_for_callback(self, task_id: str, *, stage: str | None = None, timeout: float = 5.0) -> dict[str, Any]:
        """Block until a callback of ``task_id`` (of ``stage``, if given) was delivered with a 2xx; return it.

        The delivery is one of :meth:`deliveries` (its ``body``, ``stage``, ``callback_id``,
        ``status``). Stages are Suno's ``generation_stage`` values, else ``"completed"`` or
        ``"failed"``.

        Raises:
            TimeoutError: none after ``timeout`` seconds.
        """

        def match(entry: dict[str, Any]) -> bool:
            return bool(entry["delivered"]) and entry["task_id"] == task_id and stage in (None, entry["stage"])

        what = f"delivered callback for task {task_id}" + (f" at stage {stage!r}" if stage else "")
        return self._dispatcher.wait_for(match, timeout, what)

    def wait_for_deliveries(self, n: int, timeout: float = 5.0, *, successful: bool = True) -> list[dict[str, Any]]:
        """Block until ``n`` callbacks were delivered with a 2xx answer; return the delivered ones.

        With ``successful=False``, wait for ``n`` attempts of any outcome and return all attempts.

        Raises:
            TimeoutError: fewer than ``n`` after ``timeout`` seconds.
        """
        return self._dispatcher.wait(n, timeout, successful=successful)
