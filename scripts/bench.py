"""Benchmark runapi beside the official RunAPI SDK, in one run on one machine (ratios, not absolute times).

The official SDK (``runapi-core`` + ``runapi-nano-banana``, pinned in ``tests/official/versions.txt``) imports
as ``runapi`` like this project, so it never shares a process with it: it runs in ``./.venv-official``
(built by ``scripts/official-venv`` when missing) as a child process of this script, which it answers over a
pipe. Every measurement alternates the two, round by round, so both see the same load.

Prints, as Markdown:

1. CPU microseconds per call (thread CPU time, both pinned to one core, a loopback server in another
   process on another core): create / get / run (create + one poll, no sleeping), runapi beside the
   official SDK, and a prepared ``requests`` request sent through ``HTTPAdapter.send`` for scale.
   Medians of ``--rounds`` rounds of ``--calls`` calls.
2. Creates per second from ``--threads`` threads sharing one client, runapi beside the official SDK.
3. Cold process: import + client + one create, as installed (bytecode cached), runapi beside the
   official SDK; wall and CPU milliseconds, medians of ``--rounds`` pairs of fresh processes.
4. Polling: the real ``wait()`` flow driven on a fake clock against tasks that finish after 3 s to
   10 min: time-to-notice / duration and polls, per operation's declared duration.
5. Memory per held completed task: 20,000 Nano Banana ``ImageTask`` from ``from_dict`` of a completed
   payload (one image, ``usage``) beside the 20,000 ``json.loads`` dicts of it, ``tracemalloc`` bytes per item.
6. Webhook verify: ``runapi.webhooks.verify`` of a 2 KB body with 3 signatures and 9 headers beside the floor
   (one HMAC-SHA256 of the signed content, a constant-time compare, ``json.loads``), thread CPU time,
   alternating, median of per-round ratios with their interquartile range.

Sections 5 and 6 need no network and no official SDK: ``--only memory,verify`` runs them alone.

Usage::

    .venv/bin/python scripts/bench.py                  # a few minutes
    .venv/bin/python scripts/bench.py --quick          # a smoke test
    .venv/bin/python scripts/bench.py --only memory,verify   # the two local sections, seconds

Targets (the performance issue): create, get and run at most 0.8x the official SDK's CPU per call;
threaded creates/s at least 1.25x the official SDK's; cold process at most 0.9x; polling within
1.25x time-to-notice inside each operation's window and at most 12 polls under 10 minutes; a held
completed task at most 1.1x the memory of its dict; verify at most 1.5x the HMAC + JSON floor.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

ACCEPTED = json.dumps({"id": "task_abc123", "status": "processing"}).encode()
COMPLETED = json.dumps(
    {"id": "task_abc123", "status": "completed", "images": [{"url": "https://file.runapi.ai/images/abc123.png"}]}
).encode()
PATH = "/api/v1/nano_banana/text_to_image"
PARAMS = {"model": "nano-banana", "prompt": "A cute cat wearing a space helmet, digital art", "aspect_ratio": "1:1"}


# -- the loopback server (a separate process) ---------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def _answer(self, code: int, body: bytes) -> None:
        head = (f"HTTP/1.1 {code} OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode()
        self.wfile.write(head + body)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self._answer(202, ACCEPTED)

    def do_GET(self) -> None:
        self._answer(200, COMPLETED)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


def _pin(cpu: int) -> None:
    if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > 1:
        os.sched_setaffinity(0, {cpu % (os.cpu_count() or 1)})


# -- measurements -------------------------------------------------------------------------------


def cpu_us(fn: Callable[[], object], rounds: int, calls: int) -> float:
    """Median over rounds of this thread's CPU time per call, in microseconds."""
    for _ in range(min(50, calls)):
        fn()
    samples = []
    for _ in range(rounds):
        started = time.thread_time()
        for _ in range(calls):
            fn()
        samples.append((time.thread_time() - started) / calls * 1e6)
    return statistics.median(samples)


def per_second(fn: Callable[[], object], threads: int, total: int) -> float:
    """Calls per second (wall) with ``threads`` threads sharing ``fn``'s client."""
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(lambda _: fn(), range(threads * 4)))  # warm every thread's connection
        started = time.perf_counter()
        list(pool.map(lambda _: fn(), range(total)))
        return total / (time.perf_counter() - started)


def cold_pair(ours: list[str], official: list[str], rounds: int, env: dict[str, str]) -> dict[str, list[float]]:
    """Fresh processes of both programs, alternating: wall and CPU (user + system) milliseconds of each."""
    found: dict[str, list[float]] = {"ours_wall": [], "ours_cpu": [], "official_wall": [], "official_cpu": []}
    for command in (ours, official):  # a first run of each fills the bytecode caches
        subprocess.run(command, check=True, env=env, cwd=ROOT)
    for _ in range(rounds):
        for name, command in (("ours", ours), ("official", official)):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(command, check=True, env=env, cwd=ROOT)
            found[f"{name}_wall"].append((time.perf_counter() - started) * 1e3)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            found[f"{name}_cpu"].append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1e3)
    return found


def official_python() -> str:
    """The python of ``./.venv-official`` (``scripts/official-venv`` builds it when missing or out of date)."""
    built = subprocess.run([str(ROOT / "scripts" / "official-venv")], capture_output=True, text=True, check=False)
    if built.returncode != 0:
        raise SystemExit(f"scripts/official-venv failed ({built.returncode}):\n{built.stderr[-2000:]}")
    return built.stdout.strip().splitlines()[-1]


class Official:
    """The official SDK in its own venv, in a child process pinned like this one: one request per line."""

    def __init__(self, python: str, base: str) -> None:
        # -I: neither this checkout nor PYTHONPATH on its path, so `runapi` is the official package
        self.process = subprocess.Popen(
            [python, "-I", __file__, "--official", base], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.version = self.ask("version")

    def ask(self, *words: object) -> Any:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(" ".join(map(str, words)) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def official_child(base: str) -> None:
    """``--official BASE``: runs under ``.venv-official``; answers ``calls NAME N``, ``threads T N``, ``version``."""
    _pin(0)
    import importlib

    # the official package, named through importlib: a checker of this checkout would take it for ours
    polling = importlib.import_module("runapi.core.polling")
    __version__ = importlib.import_module("runapi.core").__version__
    NanoBananaClient = importlib.import_module("runapi.nano_banana").NanoBananaClient

    polling.time.sleep = lambda seconds: None  # run(): CPU, not waits
    endpoint = NanoBananaClient(api_key="sk-bench", base_url=base, max_retries=0).text_to_image
    calls: dict[str, Callable[[], object]] = {
        "create": lambda: endpoint.create(**PARAMS),
        "get": lambda: endpoint.get("task_abc123"),
        "run": lambda: endpoint.run(**PARAMS),
    }
    for line in sys.stdin:
        words = line.split()
        if words[0] == "version":
            answer: object = __version__
        elif words[0] == "calls":
            answer = cpu_us(calls[words[1]], 1, int(words[2]))
        else:
            answer = per_second(calls["create"], int(words[1]), int(words[2]))
        print(json.dumps(answer), flush=True)


def polling_table() -> list[dict[str, Any]]:
    """The real wait flow on a simulated clock, for each declared duration class."""
    from runapi._core.flows import simulate_wait
    from runapi._core.options import DURATIONS, PollPolicy

    rows = []
    durations = [3 * 200 ** (i / 399) for i in range(400)]  # 3 s .. 600 s, log-spaced
    for name, expected in DURATIONS.items():
        policy = PollPolicy(expected=expected)
        probe = set(durations)
        now = 0.0
        for wait in _first_waits(policy, 60):  # every instant just after a poll: the worst cases
            now += wait
            if 3 <= now + 1e-6 <= 600:
                probe.add(now + 1e-6)
        results = [(d, *simulate_wait(policy, d)) for d in sorted(probe)]
        in_range = [(at / d, polls) for d, at, polls in results if expected.low <= d <= expected.high]
        past_low = [at / d for d, at, _ in results if d >= expected.low]
        rows.append(
            {
                "class": name,
                "expected_s": (expected.low, expected.high),
                "source": expected.source,
                "in_range_ratio": max(r for r, _ in in_range),
                "in_range_polls": max(p for _, p in in_range),
                "ratio_low_10min": max(past_low),
                "ratio_3s_10min": max(at / d for d, at, _ in results),
                "polls_3s_10min": max(p for _, _, p in results),
            }
        )
    return rows


def _first_waits(policy: Any, count: int) -> list[float]:
    waits = policy.waits()
    return [next(waits) for _ in range(count)]


def adapter_baseline(base: str) -> Callable[[], object]:
    """A prepared POST sent through the session's mounted adapter, answer decoded as JSON (for scale)."""
    import requests

    session = requests.Session()
    headers = {"Authorization": "Bearer sk-bench", "Accept": "application/json"}
    post = session.prepare_request(requests.Request("POST", base + PATH, json=PARAMS, headers=headers))
    adapter = session.get_adapter(base)
    return lambda: json.loads(adapter.send(post, timeout=(10, 60)).content)


def _spread(ratios: list[float]) -> str:
    """A list of per-round ratios as ``median (min-max)``."""
    return f"{statistics.median(ratios):.2f}x ({min(ratios):.2f}-{max(ratios):.2f})"


# -- sections that need no network: memory per held task, webhook verify -------------------------

LOCAL = ("memory", "verify")

MEMORY_PAYLOAD = json.dumps({**json.loads(COMPLETED), "usage": {"cost": 0.02}})
"""A completed Nano Banana status answer: one image and the task's cost (runapi-core 0.10.1 ``usage``)."""


def _local_sections(value: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in value.split(",") if name.strip())
    unknown = [name for name in names if name not in LOCAL]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"sections are {', '.join(LOCAL)}; got {value!r}")
    return names


def held_bytes(make: Callable[[], object], count: int) -> float:
    """``tracemalloc`` bytes per item still allocated while ``count`` items made by ``make`` are held."""
    import gc
    import tracemalloc

    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        items = [make() for _ in range(count)]
        gc.collect()
        size = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    del items
    return size / count


def memory_table(count: int = 20_000, rounds: int = 3) -> dict[str, list[float]]:
    """Bytes per held item: completed tasks from ``from_dict`` and the plain dicts, alternating."""
    from runapi.nano_banana import ImageTask

    ImageTask.from_dict(json.loads(MEMORY_PAYLOAD))  # classes and caches built before measuring
    found: dict[str, list[float]] = {"task": [], "dict": []}
    for _ in range(rounds):
        found["task"].append(held_bytes(lambda: ImageTask.from_dict(json.loads(MEMORY_PAYLOAD)), count))
        found["dict"].append(held_bytes(lambda: json.loads(MEMORY_PAYLOAD), count))
    return found


def verify_calls() -> tuple[Callable[[], object], Callable[[], object]]:
    """``runapi.webhooks.verify`` of a 2 KB signed body, and the floor it is compared with (same body, key)."""
    import base64
    import hashlib
    import hmac

    from runapi import webhooks

    # a completed task of 16 images (url, size, type) and its cost, filled to 2,048 bytes by its prompt: what a
    # callback decodes is many small objects (a body of one long string decodes 4x faster: verify is ~1.7x that)
    images = [
        {
            "url": f"https://file.runapi.ai/images/abc123_{n}.png",
            "width": 1024,
            "height": 1024,
            "content_type": "image/png",
        }
        for n in range(16)
    ]
    payload = {**json.loads(COMPLETED), "images": images, "usage": {"cost": 0.32, "generated_images": 16}, "prompt": ""}
    payload["prompt"] = "A cute cat wearing a space helmet, digital art"[: 2048 - len(json.dumps(payload))]
    payload["prompt"] += " " * (2048 - len(json.dumps(payload)))
    body = json.dumps(payload).encode()
    secrets = [base64.b64encode(bytes([n]) * 32).decode() for n in (1, 2, 3)]  # a rotation: 3 signatures
    timestamp = 1_700_000_000
    signed = webhooks.sign(body, secrets, callback_id="cb_bench", timestamp=timestamp)
    headers = {
        "Host": "example.com",
        "User-Agent": "RunAPI-Webhook/1.0",
        "Content-Type": "application/json",
        "Content-Length": str(len(body)),
        "Accept": "*/*",
        "Accept-Encoding": "gzip",
        **signed,
    }
    assert len(body) == 2048 and len(headers) == 9 and signed["X-Callback-Signature"].count(",") == 2
    secret = secrets[1]
    webhooks.verify(body, headers, secret, now=timestamp)  # it passes (and its caches are warm)

    key = base64.b64decode(secret)
    expected = base64.b64decode(signed["X-Callback-Signature"].split(",")[1])

    def floor() -> object:
        content = b"cb_bench.%d." % timestamp + body
        if not hmac.compare_digest(hmac.new(key, content, hashlib.sha256).digest(), expected):
            raise AssertionError("the floor's signature does not match")
        return json.loads(body)

    return (lambda: webhooks.verify(body, headers, secret, now=timestamp)), floor


def verify_table(rounds: int, calls: int) -> dict[str, list[float]]:
    """CPU µs per call (this thread) of verify and of its floor, alternating round by round."""
    ours, floor = verify_calls()
    found: dict[str, list[float]] = {"verify": [], "floor": []}
    for _ in range(rounds):
        found["verify"].append(cpu_us(ours, 1, calls))
        found["floor"].append(cpu_us(floor, 1, calls))
    return found


def local_report(sections: tuple[str, ...], *, quick: bool) -> int:
    """Print the sections that need no network: memory per held task, webhook verify."""
    if "memory" in sections:
        count = 20_000
        found = memory_table(count, rounds=1 if quick else 3)
        task, plain = statistics.median(found["task"]), statistics.median(found["dict"])
        print(f"## Memory per held completed task ({count:,} held, tracemalloc bytes per item, median of rounds)\n")
        print("| held | runapi `ImageTask.from_dict` | `json.loads` dict | task / dict | target |")
        print("|---|---|---|---|---|")
        row = f"{count:,} completed Nano Banana tasks | {task:,.0f} | {plain:,.0f} | **{task / plain:.2f}x**"
        print(f"| {row} | <= 1.10x |\n")
    if "verify" in sections:
        rounds, calls = (10, 500) if quick else (40, 2000)
        found = verify_table(rounds, calls)
        ratios = [a / b for a, b in zip(found["verify"], found["floor"], strict=True)]
        low, _, high = statistics.quantiles(ratios, n=4)
        print(f"## Webhook verify: 2 KB body, 3 signatures, 9 headers (CPU µs per call, {rounds} alternating rounds)\n")
        print(
            "| runapi `webhooks.verify` | floor: HMAC, compare, `json.loads` | verify / floor: median (IQR) | target |"
        )
        print("|---|---|---|---|")
        print(
            f"| {statistics.median(found['verify']):,.1f} | {statistics.median(found['floor']):,.1f} | "
            f"**{statistics.median(ratios):.2f}x ({low:.2f}-{high:.2f})** | <= 1.50x |\n"
        )
    return 0


# -- main ---------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--quick", action="store_true", help="3 rounds of 100 calls")
    parser.add_argument(
        "--only",
        type=_local_sections,
        metavar="SECTIONS",
        help=f"run only these sections, which need no network nor official SDK (comma-separated: {','.join(LOCAL)})",
    )
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--official", metavar="BASE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.official:
        official_child(args.official)
        return 0
    if args.serve:
        _pin(1)
        serve()
        return 0
    if args.quick:
        args.rounds, args.calls = 3, 100
    if args.only:
        print(f"# runapi benchmark\n\n{platform.platform()}, Python {platform.python_version()}\n")
        return local_report(args.only, quick=args.quick)

    python = official_python()
    server = subprocess.Popen([sys.executable, __file__, "--serve"], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        base = f"http://127.0.0.1:{port}"
        socket.create_connection(("127.0.0.1", port)).close()
        _pin(0)
        official = Official(python, base)
        try:
            status = report(args, base, official, python)
        finally:
            official.close()
    finally:
        server.terminate()
        server.wait()
    print()
    return status or local_report(LOCAL, quick=args.quick)


def report(args: argparse.Namespace, base: str, official: Official, python: str) -> int:
    import requests

    import runapi

    client = runapi.Client(api_key="sk-bench", base_url=base, sleep=lambda seconds: None)  # run(): CPU, not waits
    endpoint = client.nano_banana.text_to_image
    ours: dict[str, Callable[[], object]] = {
        "create": lambda: endpoint.create(**PARAMS),
        "get": lambda: endpoint.get("task_abc123"),
        "run": lambda: endpoint.run(**PARAMS),
    }
    adapter = adapter_baseline(base)
    samples: dict[str, dict[str, list[float]]] = {name: {"ours": [], "official": []} for name in ours}
    adapter_us: list[float] = []
    for _ in range(args.rounds):  # alternating, round by round
        for name, call in ours.items():
            samples[name]["ours"].append(cpu_us(call, 1, args.calls))
            samples[name]["official"].append(official.ask("calls", name, args.calls))
        adapter_us.append(cpu_us(adapter, 1, args.calls))

    print(
        f"# runapi benchmark\n\n{platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start; runapi {runapi.__version__} "
        f"(requests {requests.__version__}); official SDK runapi-core {official.version} (httpx) in "
        f"{Path(python).parent.parent.name}; {args.rounds} alternating rounds x {args.calls} calls\n"
    )
    print("## CPU per call (µs, client thread, median of rounds)\n")
    print("| call | runapi | official SDK | runapi / official: median (min-max of rounds) | target |")
    print("|---|---|---|---|---|")
    for name, found in samples.items():
        ratios = [a / b for a, b in zip(found["ours"], found["official"], strict=True)]
        print(
            f"| {name} | {statistics.median(found['ours']):,.0f} | {statistics.median(found['official']):,.0f} | "
            f"**{_spread(ratios)}** | <= 0.80x |"
        )
    print(
        f"| for scale: a prepared `requests` POST through `HTTPAdapter.send` | {statistics.median(adapter_us):,.0f} "
        "| | | |\n"
    )

    total = args.calls * 4
    rps: dict[str, list[float]] = {"ours": [], "official": []}
    for _ in range(max(3, args.rounds // 3)):
        rps["ours"].append(per_second(ours["create"], args.threads, total))
        rps["official"].append(official.ask("threads", args.threads, total))
    ratios = [a / b for a, b in zip(rps["ours"], rps["official"], strict=True)]
    print(f"## {args.threads} threads, one shared client: creates per second (median of rounds)\n")
    print("| runapi | official SDK | runapi / official: median (min-max of rounds) | target |")
    print("|---|---|---|---|")
    print(
        f"| {statistics.median(rps['ours']):,.0f} | {statistics.median(rps['official']):,.0f} | "
        f"**{_spread(ratios)}** | >= 1.25x |\n"
    )

    env = {**os.environ, "RUNAPI_API_KEY": "sk-bench", "RUNAPI_BASE_URL": base}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled modules cached (pip writes them)
    body = json.dumps(PARAMS)
    ours_cold = [sys.executable, "-c", f"import runapi; runapi.Client().nano_banana.text_to_image.create(**{body})"]
    official_cold = [
        python,
        "-I",
        "-c",
        f"from runapi.nano_banana import NanoBananaClient; NanoBananaClient(base_url='{base}')"
        f".text_to_image.create(**{body})",
    ]
    import tempfile

    with tempfile.TemporaryDirectory() as pycache:
        cold = cold_pair(ours_cold, official_cold, max(args.rounds, 5) * 2, {**env, "PYTHONPYCACHEPREFIX": pycache})
    print("## Cold process: import + client + one create (ms, median of alternating pairs)\n")
    print("| measure | runapi | official SDK | runapi / official: median (min-max of pairs) | target |")
    print("|---|---|---|---|---|")
    for measure in ("wall", "cpu"):
        mine, theirs = cold[f"ours_{measure}"], cold[f"official_{measure}"]
        ratios = [a / b for a, b in zip(mine, theirs, strict=True)]
        label = "wall" if measure == "wall" else "CPU (user + system)"
        print(
            f"| {label} | {statistics.median(mine):,.0f} | {statistics.median(theirs):,.0f} | "
            f"**{_spread(ratios)}** | <= 0.90x |"
        )
    print()

    print("## Polling: the real wait() flow on a fake clock, tasks of 3 s to 10 min\n")
    print(
        "| duration class | expected (s) | worst notice / duration in range | polls in range | "
        "worst 3 s-10 min | polls under 10 min |"
    )
    print("|---|---|---|---|---|---|")
    for row in polling_table():
        lo, hi = row["expected_s"]
        print(
            f"| {row['class']} | {lo:g}-{hi:g} | {row['in_range_ratio']:.2f}x | {row['in_range_polls']} | "
            f"{row['ratio_3s_10min']:.2f}x | {row['polls_3s_10min']} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
