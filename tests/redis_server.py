"""A real Redis server for the tests, started by the tests themselves: ``redis-server`` on a free port.

Import the fixtures where they are used (``from tests.redis_server import redis_server, redis_url``).
``redis-server`` is found on PATH (or ``RUNAPI_TEST_REDIS_SERVER``); when it is missing the fixture
fails with the one line that installs it (``.ci/run`` installs it before the suite): never a skip.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator

import pytest

INSTALL = (
    "redis-server not found on PATH: install it (Debian/Ubuntu: sudo apt-get install -y redis-server; "
    "macOS: brew install redis) or set RUNAPI_TEST_REDIS_SERVER to its path"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def redis_server() -> Iterator[str]:
    """The URL (``redis://127.0.0.1:PORT``) of a Redis server that lives for the session (no persistence)."""
    binary = os.environ.get("RUNAPI_TEST_REDIS_SERVER") or shutil.which("redis-server")
    if not binary:
        pytest.fail(INSTALL, pytrace=False)
    with tempfile.TemporaryDirectory(prefix="runapi-redis-") as folder:
        port = free_port()
        args = [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", folder, "--save", "", "--appendonly", "no"]
        server = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 10
            while True:
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                        sock.sendall(b"PING\r\n")
                        if sock.recv(16).startswith(b"+PONG"):
                            break
                except OSError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"redis-server ({binary}) did not start on port {port}", pytrace=False)
                time.sleep(0.05)
            yield f"redis://127.0.0.1:{port}"
        finally:
            server.kill()
            server.wait()


@pytest.fixture
def redis_url(redis_server: str) -> Iterator[str]:
    """The session's Redis server, database 0 emptied before the test."""
    import redis

    client = redis.Redis.from_url(redis_server)
    client.flushall()
    client.close()
    yield f"{redis_server}/0"
