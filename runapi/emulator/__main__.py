"""Command line: run the RunAPI emulator as a separate process.

``python -m runapi.emulator --host 127.0.0.1 --port 8910 [--api-key K] [--callback-secret S]
[--complete-after SECONDS] [--complete-after-polls N] [--verbose]`` (also ``runapi-emulator``).

It prints the URL and, only when it generated the callback secret itself, that secret (so you
can verify callbacks, like ``runapi listen`` does). It never prints a key or secret you passed.
Ctrl-C (or SIGTERM) stops it.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType
from typing import Any

from ._emulator import Emulator

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="runapi-emulator",
        description="Run a local emulator of the RunAPI (runapi.ai) HTTP API.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default: %(default)s)")
    parser.add_argument("--port", type=int, default=8910, help="TCP port, 0 for a free one (default: %(default)s)")
    parser.add_argument("--api-key", help="accept only this bearer key (default: any non-empty key)")
    parser.add_argument(
        "--callback-secret", help="base64 secret to sign callbacks with (default: generate and print one)"
    )
    parser.add_argument(
        "--complete-after",
        type=float,
        default=2.0,
        metavar="SECONDS",
        help="seconds until a task completes (default: %(default)s)",
    )
    parser.add_argument(
        "--complete-after-polls",
        type=int,
        metavar="N",
        help="complete tasks on their N-th status GET instead of after a time",
    )
    parser.add_argument("--verbose", action="store_true", help="log every request and callback attempt")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the emulator until interrupted; return the process exit code (0, or 2 on bad options)."""
    args = _parser().parse_args(argv)
    if args.verbose:
        logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        emulator = Emulator(
            host=args.host,
            port=args.port,
            api_key=args.api_key,
            callback_secret=args.callback_secret,
            complete_after=args.complete_after,
            complete_after_polls=args.complete_after_polls,
            verbose=args.verbose,
        ).start()
    except (ValueError, OSError) as exc:
        print(f"runapi-emulator: error: {exc}", file=sys.stderr)
        return 2

    print(f"RunAPI emulator listening on {emulator.url} (API base URL {emulator.url}/api/v1)", flush=True)
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
