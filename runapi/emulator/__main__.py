"""Command line: run the RunAPI emulator as a separate process.

``python -m runapi.emulator [--host H] [--port P] [--api-key K] [--management-key M] [--callback-secret S]
[--forward-to URL] [--complete-after SECONDS | --complete-after-polls N] [--balance CENTS]
[--redelivery-delays S,S,...] [--callback-timeout SECONDS] [--callback-workers N] [--idle-timeout SECONDS]
[--verbose]``
(also ``runapi-emulator``).

It prints the URL, the environment a client needs (``RUNAPI_BASE_URL``, which is the URL itself:
the SDK appends ``/api/v1/...``) and, only when it generated the callback secret itself, that
secret (so you can verify callbacks, like ``runapi listen`` does). It never prints a key or
secret you passed. A bad option exits with code 2 and a one-line error on stderr. Ctrl-C (or
SIGTERM) stops it.
"""

from __future__ import annotations

import argparse
import logging
import math
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType
from typing import Any, NoReturn

from ._emulator import (
    CALLBACK_TIMEOUT,
    CALLBACK_WORKERS,
    DEFAULT_BALANCE_CENTS,
    DEFAULT_REDELIVERY_DELAYS,
    IDLE_TIMEOUT,
    MAX_REDELIVERIES,
    Emulator,
)

__all__ = ["main"]

PROG = "runapi-emulator"


class _UsageError(Exception):
    """A bad command line; the message is the one line printed after ``runapi-emulator: error:``."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse would print the usage too and sys.exit(2)
        raise _UsageError(f"{message} (see --help)")


def _number(text: str, what: str, *, positive: bool = False) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0 or (positive and value == 0):
        raise argparse.ArgumentTypeError(f"expected {what}, got {text!r}")
    return value


def _cents(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of cents >= 0, got {text!r}")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"expected a TCP port number (0-65535), got {text!r}")
    return value


def _timeout(text: str) -> float:
    return _number(text, "a number of seconds > 0", positive=True)


def _delays(text: str) -> tuple[float, ...]:
    if not text.strip():
        return ()  # no redelivery
    delays = tuple(_number(part.strip(), "comma-separated seconds >= 0, e.g. 1,2,4") for part in text.split(","))
    if len(delays) > MAX_REDELIVERIES:
        raise argparse.ArgumentTypeError(
            f"at most {MAX_REDELIVERIES} delays (the docs promise up to {MAX_REDELIVERIES} retries), got {len(delays)}"
        )
    return delays


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Run a local emulator of the RunAPI (runapi.ai) HTTP API.")
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default: %(default)s)")
    parser.add_argument(
        "--port", type=_port, default=8910, metavar="PORT", help="TCP port, 0 for a free one (default: %(default)s)"
    )
    parser.add_argument("--api-key", help="accept only this bearer key (default: any non-empty key)")
    parser.add_argument(
        "--management-key",
        help="accept only this key on the management paths: keys, guardrails (default: any key but the API key)",
    )
    parser.add_argument(
        "--callback-secret", help="base64 secret to sign callbacks with (default: generate and print one)"
    )
    parser.add_argument(
        "--forward-to",
        metavar="URL",
        help="send the callbacks of tasks created without a callback_url to this URL, signed (runapi listen)",
    )
    parser.add_argument(
        "--complete-after",
        type=lambda text: _number(text, "a number of seconds >= 0"),
        default=2.0,
        metavar="SECONDS",
        help="seconds until a task completes (default: %(default)s)",
    )
    parser.add_argument(
        "--complete-after-polls",
        type=_count,
        metavar="N",
        help="complete tasks on their N-th status GET instead of after a time (overrides --complete-after)",
    )
    parser.add_argument(
        "--balance",
        type=_cents,
        default=DEFAULT_BALANCE_CENTS,
        metavar="CENTS",
        help="starting balance in cents, as GET /api/v1/me/balance shows it (default: %(default)s)",
    )
    parser.add_argument(
        "--redelivery-delays",
        type=_delays,
        metavar="S,S,...",
        help=(
            f"seconds before each callback redelivery, comma-separated, at most {MAX_REDELIVERIES}; "
            f"an empty value turns redelivery off (default: {','.join(f'{d:g}' for d in DEFAULT_REDELIVERY_DELAYS)})"
        ),
    )
    parser.add_argument(
        "--callback-timeout",
        type=_timeout,
        default=CALLBACK_TIMEOUT,
        metavar="SECONDS",
        help="seconds a callback receiver has to connect and answer (default: %(default)s)",
    )
    parser.add_argument(
        "--callback-workers",
        type=_count,
        default=CALLBACK_WORKERS,
        metavar="N",
        help="callbacks delivered at once (default: %(default)s)",
    )
    parser.add_argument(
        "--idle-timeout",
        type=_timeout,
        default=IDLE_TIMEOUT,
        metavar="SECONDS",
        help="seconds a kept-alive connection may wait for its next request (default: %(default)s)",
    )
    parser.add_argument("--verbose", action="store_true", help="log every request and callback attempt")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the emulator until interrupted; return the process exit code (0, or 2 on bad options)."""
    try:
        args = _parser().parse_args(argv)
    except _UsageError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    if args.verbose:
        logging.basicConfig(level=logging.INFO, format="%(message)s")
    options: dict[str, Any] = {}
    if args.redelivery_delays is not None:
        options["redelivery_delays"] = args.redelivery_delays
    try:
        emulator = Emulator(
            host=args.host,
            port=args.port,
            api_key=args.api_key,
            management_key=args.management_key,
            callback_secret=args.callback_secret,
            forward_to=args.forward_to,
            complete_after=args.complete_after,
            complete_after_polls=args.complete_after_polls,
            initial_balance_cents=args.balance,
            callback_timeout=args.callback_timeout,
            callback_workers=args.callback_workers,
            idle_timeout=args.idle_timeout,
            verbose=args.verbose,
            **options,
        ).start()
    except (ValueError, OSError) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2

    key = "<your --api-key>" if args.api_key is not None else "<any key>"
    print(f"RunAPI emulator listening on {emulator.url}", flush=True)
    print(f"Use: RUNAPI_BASE_URL={emulator.url} RUNAPI_API_KEY={key}", flush=True)
    if args.forward_to is not None:
        print(f"Forwarding callbacks of tasks without a callback_url to {args.forward_to}", flush=True)
    if args.callback_secret is None:
        print(f"Callback signing secret: {emulator.callback_secret}", flush=True)
    print("Press Ctrl-C to stop.", flush=True)

    done = threading.Event()

    def on_sigterm(signum: int, frame: FrameType | None) -> None:
        done.set()

    previous: Any = None
    if threading.current_thread() is threading.main_thread():  # signal handlers live in the main thread
        previous = signal.signal(signal.SIGTERM, on_sigterm)
    try:
        while not done.wait(1.0):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        emulator.stop()
    print("RunAPI emulator stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
