"""The main job: a Suno song, a Nano Banana image and a Veo 3.1 video, end to end.

By default everything runs on this machine: the local RunAPI emulator (``runapi.emulator``)
answers the API, a small receiver verifies the signed callbacks, and the outputs are downloaded
to ``./outputs/``. ``--live`` runs the same calls against runapi.ai with ``RUNAPI_API_KEY``
(this spends credits; callbacks are only verified there if you pass ``--callback-url`` to a
public receiver, which this script cannot provide).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import runapi
from runapi import webhooks


class CallbackReceiver:
    """A tiny callback endpoint on 127.0.0.1 that verifies every POST with runapi.webhooks.verify."""

    def __init__(self, secret: str) -> None:
        self.verified: list[dict[str, Any]] = []
        self.refused: list[str] = []
        self._changed = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                try:
                    payload = webhooks.verify(raw, dict(self.headers.items()), secret)
                except webhooks.WebhookVerificationError as exc:
                    with receiver._changed:
                        receiver.refused.append(exc.reason)
                    self.send_response(400)
                else:
                    with receiver._changed:
                        receiver.verified.append(payload)
                        receiver._changed.notify_all()
                    self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/callbacks"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def wait_until(self, done: Callable[[list[dict[str, Any]]], bool], timeout: float) -> bool:
        """Block until ``done(verified)`` holds or ``timeout`` seconds pass."""
        with self._changed:
            return self._changed.wait_for(lambda: done(self.verified), timeout=timeout)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextmanager
def live_backend() -> Iterator[tuple[runapi.Client, CallbackReceiver | None]]:
    """runapi.ai itself, with RUNAPI_API_KEY; no local callback receiver (it would not be reachable)."""
    with runapi.Client() as client:
        print(f"Live run against {client.base_url}: this spends credits.")
        yield client, None


@contextmanager
def local_backend() -> Iterator[tuple[runapi.Client, CallbackReceiver | None]]:
    """The emulator and a callback receiver, both on loopback, torn down afterwards."""
    from runapi.emulator import Emulator

    with Emulator(complete_after=1.5) as emu:
        receiver = CallbackReceiver(emu.callback_secret)
        try:
            with runapi.Client(api_key="demo-key", base_url=emu.url, poll_interval=0.5) as client:
                print(f"RunAPI emulator at {emu.url}; callbacks to {receiver.url}")
                yield client, receiver
        finally:
            receiver.close()


def final_callbacks(verified: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Task id -> its final (completed or failed) verified callback."""
    return {p["id"]: p for p in verified if p.get("status") in ("completed", "failed")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--live", action="store_true", help="use runapi.ai with RUNAPI_API_KEY (spends credits)")
    parser.add_argument("--callback-url", help="with --live: a public URL that receives callbacks")
    parser.add_argument("--outputs", default="outputs", help="where to save the files (default ./outputs)")
    args = parser.parse_args(argv)
    outputs = Path(args.outputs)
    started = time.monotonic()

    if args.live and not os.environ.get("RUNAPI_API_KEY"):
        print("--live needs RUNAPI_API_KEY in the environment", file=sys.stderr)
        return 2

    try:
        return run(args, outputs, started)
    except runapi.APIConnectionError as exc:
        print(f"demo: cannot reach RunAPI ({exc.message}); check the network, or drop --live", file=sys.stderr)
    except runapi.RunAPIError as exc:
        print(f"demo: {type(exc).__name__}: {exc}", file=sys.stderr)
    return 1


def run(args: argparse.Namespace, outputs: Path, started: float) -> int:
    """The job itself; RunAPI errors go up to :func:`main`, which prints them as one line."""
    with live_backend() if args.live else local_backend() as (client, receiver):
        callback_url = receiver.url if receiver else args.callback_url

        def stage(task: runapi.suno.MusicTask) -> None:
            print(f"  suno: {task.status} ({task.generation_stage or '-'})")

        print("1/3 Suno: text_to_music")
        song = client.suno.text_to_music.with_options(on_progress=stage).run(
            vocal_mode="auto_lyrics",
            prompt="A chill lo-fi beat with soft vocals about a rainy city night",
            model="suno-v5",
            callback_url=callback_url,
        )
        print("2/3 Nano Banana: text_to_image")
        image = client.nano_banana.text_to_image.run(
            model="nano-banana",
            prompt="A cute cat wearing a space helmet, digital art",
            aspect_ratio="1:1",
            output_format="png",
            callback_url=callback_url,
        )
        print("3/3 Veo 3.1: text_to_video")
        video = client.veo_3_1.text_to_video.run(
            prompt="A dog playing in a park on a sunny day, running through grass with a ball",
            model="veo-3.1-fast",
            aspect_ratio="16:9",
            duration_seconds=8,
            callback_url=callback_url,
        )
        tasks = {"suno": song, "nano_banana": image, "veo_3_1": video}

        ok = all(t.is_completed for t in tasks.values())
        callbacks: dict[str, dict[str, Any]] = {}
        if receiver is not None:
            ids = {t.id for t in tasks.values()}
            receiver.wait_until(lambda v: ids <= set(final_callbacks(v)), timeout=15)
            callbacks = final_callbacks(receiver.verified)
            ok = ok and ids <= set(callbacks) and not receiver.refused

        files = {
            "suno": (song.audios[0].audio_url, outputs / f"suno-{song.id}.mp3"),
            "nano_banana": (image.images[0].url, outputs / f"nano_banana-{image.id}.png"),
            "veo_3_1": (video.videos[0].url, outputs / f"veo_3_1-{video.id}.mp4"),
        }
        saved = {name: client.download(url, path) for name, (url, path) in files.items() if url}
        ok = ok and len(saved) == 3

        print("\nSummary")
        for name, task in tasks.items():
            download = saved.get(name)
            path = download.path if download else None
            size = f"{download.bytes_written} bytes" if download else "not downloaded"
            if receiver is None:
                cb = "not checked (no local receiver with --live)"
            elif task.id in callbacks:
                cb = "verified"
            else:
                cb = "missing"
            print(f"  {name:<12} task {task.id}  status={task.status}  callback={cb}  file={path} ({size})")
        if receiver is not None:
            stages = [p.get("generation_stage") for p in receiver.verified if p["id"] == song.id]
            print(f"  {len(receiver.verified)} signed callbacks verified, {len(receiver.refused)} refused")
            print(f"  suno callback stages: {json.dumps(stages)}")
        print(f"  done in {time.monotonic() - started:.1f}s: {'OK' if ok else 'FAILED'}")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
