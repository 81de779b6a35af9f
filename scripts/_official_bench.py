"""The official SDK's side of scripts/bench_async.py and scripts/bench_batch.py: a pool of threads on one client.

Runs ONLY under ``.venv-official`` (``scripts/official-venv``), where ``runapi`` is RunAPI's official namespace
package (``runapi.core``, ``runapi.nano_banana``), never in the project's venv; the benchmarks start it as
``.venv-official/bin/python -I scripts/_official_bench.py MODE ...`` and read one JSON line from stdout:
``{"seconds": wall seconds of the measured part, "cpu": this process's CPU seconds (user + system) in it}``.

Modes:

``runs URL KEY N THREADS``
    ``N`` ``NanoBananaClient.text_to_image.run()`` calls (create + polls until completed) from a pool of
    ``THREADS`` threads on one client. Polls do not sleep (the polling module's ``sleep`` is a no-op),
    as the runapi side's injected ``sleep`` only yields.
``batch URL KEY JOBS THREADS POLL FOLDER``
    The jobs of a JSON Lines file (``{"params": {...}, "key": ...}``, Nano Banana text-to-image) as
    ``run()`` + download of every output image into ``FOLDER`` (``KEY-INDEX.png``), from a pool of ``THREADS``
    threads, polling every ``POLL`` seconds (slept for real, as ``runapi batch --poll-interval`` does; its
    ``run()`` takes no polling options, so the polling module's ``sleep`` is shortened to that).
"""

from __future__ import annotations

import json
import sys
import time
import types
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from runapi.core import polling  # type: ignore[import-not-found]

from runapi.nano_banana import NanoBananaClient  # type: ignore[import-not-found]


def _outputs(result: Any) -> list[str]:
    data = result.to_dict() if hasattr(result, "to_dict") else result
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "url" and isinstance(item, str):
                    found.append(item)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    return found


def _poll_sleep(sleep: Any) -> None:
    """The polling module's ``time``, with ``sleep`` replaced (nothing else in the process is touched)."""
    polling.time = types.SimpleNamespace(monotonic=time.monotonic, sleep=sleep)


def runs(url: str, key: str, n: int, threads: int) -> float:
    _poll_sleep(lambda seconds: None)
    client = NanoBananaClient(api_key=key, base_url=url)
    params = {"model": "nano-banana", "prompt": "A cute cat wearing a space helmet, digital art"}
    with ThreadPoolExecutor(threads) as pool:
        started = time.perf_counter()
        done = list(pool.map(lambda _: client.text_to_image.run(**params), range(n)))
        elapsed = time.perf_counter() - started
    assert all(str(result["status"]).lower() == "completed" for result in done)
    return elapsed


def batch(url: str, key: str, jobs_path: str, threads: int, poll: float, folder: str) -> float:
    import httpx

    jobs = [json.loads(line) for line in Path(jobs_path).read_text().splitlines() if line.strip()]
    client = NanoBananaClient(api_key=key, base_url=url)
    files = httpx.Client(timeout=60)  # output URLs are plain GETs, without the API key
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    _poll_sleep(lambda seconds: time.sleep(min(seconds, poll)))

    def one(job: dict[str, Any]) -> int:
        result = client.text_to_image.run(**job["params"])
        for index, link in enumerate(_outputs(result)):
            with files.stream("GET", link) as answer, (out / f"{job['key']}-{index}.png").open("wb") as sink:
                answer.raise_for_status()
                for chunk in answer.iter_bytes(1 << 16):
                    sink.write(chunk)
        return 1

    with ThreadPoolExecutor(threads) as pool:
        started = time.perf_counter()
        finished = sum(pool.map(one, jobs))
        elapsed = time.perf_counter() - started
    assert finished == len(jobs)
    return elapsed


def main() -> None:
    mode, args = sys.argv[1], sys.argv[2:]
    cpu = time.process_time()
    if mode == "runs":
        seconds = runs(args[0], args[1], int(args[2]), int(args[3]))
    elif mode == "batch":
        seconds = batch(args[0], args[1], args[2], int(args[3]), float(args[4]), args[5])
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    print(json.dumps({"seconds": seconds, "cpu": time.process_time() - cpu}))


if __name__ == "__main__":
    main()
