"""The lean hot path sends what ``Session.request`` would: proxies, certificates, adapters, hooks.

The transport resolves per origin, once, what ``requests`` recomputes on every call. These tests
check that a user's settings still apply: environment proxies and ``NO_PROXY`` (over real HTTP,
through a recording proxy), the session's own ``proxies``/``verify``/``cert``/headers, mounted
adapters, response hooks, and sessions that override how requests are sent.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import requests
import requests.adapters
from requests.structures import CaseInsensitiveDict

import runapi

from ..conftest import API_KEY

TASK = {"id": "t1", "status": "processing"}


class RecordingAdapter(requests.adapters.BaseAdapter):
    """A mounted adapter that answers every request with ``TASK`` and records what it was given."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[dict[str, Any]] = []

    def send(  # type: ignore[override]
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: Any = True,
        cert: Any = None,
        proxies: Any = None,
    ) -> requests.Response:
        self.calls.append({"request": request, "timeout": timeout, "verify": verify, "cert": cert, "proxies": proxies})
        answer = requests.Response()
        answer.status_code = 200
        answer.reason = "OK"
        answer._content = json.dumps(TASK).encode()
        answer.headers = CaseInsensitiveDict({"Content-Type": "application/json"})
        answer.request = request
        answer.url = request.url or ""
        return answer

    def close(self) -> None:
        pass


def session_with(adapter: RecordingAdapter, prefix: str = "https://") -> requests.Session:
    session = requests.Session()
    session.mount(prefix, adapter)
    return session


@pytest.fixture
def no_proxy_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


# -- a real server and a real (recording) forward proxy ------------------------------------------


class _Recorder(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen: list[tuple[str, str, dict[str, str]]]

    def do_GET(self) -> None:
        self.seen.append(("GET", self.path, dict(self.headers)))
        body = json.dumps(TASK).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def serve() -> Iterator[Any]:
    """Start recording HTTP servers on loopback; each returns (origin, seen requests)."""
    servers: list[ThreadingHTTPServer] = []

    def start() -> tuple[str, list[tuple[str, str, dict[str, str]]]]:
        seen: list[tuple[str, str, dict[str, str]]] = []
        handler = type("Handler", (_Recorder,), {"seen": seen})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}", seen

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_http_proxy_from_the_environment_carries_the_request(
    serve: Any, monkeypatch: pytest.MonkeyPatch, no_proxy_env: None
) -> None:
    proxy, seen = serve()
    monkeypatch.setenv("HTTP_PROXY", proxy)
    # api.runapi.invalid cannot resolve: only the proxy can answer
    with runapi.Client(api_key=API_KEY, base_url="http://api.runapi.invalid", max_retries=0) as client:
        task = client.suno.generate_lyrics.get("t1")
    assert task.id == "t1"
    assert [(method, path) for method, path, _ in seen] == [
        ("GET", "http://api.runapi.invalid/api/v1/suno/generate_lyrics/t1")  # absolute form: a proxy request
    ]
    assert seen[0][2]["Authorization"] == f"Bearer {API_KEY}"


def test_no_proxy_sends_straight_to_the_origin(serve: Any, monkeypatch: pytest.MonkeyPatch, no_proxy_env: None) -> None:
    proxy, through_proxy = serve()
    origin, direct = serve()
    monkeypatch.setenv("HTTP_PROXY", proxy)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with runapi.Client(api_key=API_KEY, base_url=origin) as client:
        client.suno.generate_lyrics.get("t1")
    assert through_proxy == []
    assert [(method, path) for method, path, _ in direct] == [("GET", "/api/v1/suno/generate_lyrics/t1")]


def test_the_sessions_own_proxies_apply(serve: Any, no_proxy_env: None) -> None:
    proxy, seen = serve()
    session = requests.Session()
    session.proxies = {"http": proxy}
    with runapi.Client(api_key=API_KEY, base_url="http://api.runapi.invalid", session=session) as client:
        client.suno.generate_lyrics.get("t1")
    assert [path for _, path, _ in seen] == ["http://api.runapi.invalid/api/v1/suno/generate_lyrics/t1"]


def test_a_proxy_set_on_the_session_after_the_first_call_applies_to_the_next(serve: Any, no_proxy_env: None) -> None:
    origin, direct = serve()
    proxy, through_proxy = serve()
    session = requests.Session()
    with runapi.Client(api_key=API_KEY, base_url=origin, session=session) as client:
        client.suno.generate_lyrics.get("t1")
        session.proxies["http"] = proxy
        client.suno.generate_lyrics.get("t2")
    assert [path for _, path, _ in direct] == ["/api/v1/suno/generate_lyrics/t1"]
    assert [path for _, path, _ in through_proxy] == [f"{origin}/api/v1/suno/generate_lyrics/t2"]


# -- settings handed to the adapter ---------------------------------------------------------------


def test_the_sessions_verify_cert_and_the_environment_ca_bundle_reach_the_adapter(
    monkeypatch: pytest.MonkeyPatch, no_proxy_env: None
) -> None:
    adapter = RecordingAdapter()
    session = session_with(adapter)
    session.cert = ("/etc/client.pem", "/etc/client.key")
    with runapi.Client(api_key=API_KEY, base_url="https://api.test", session=session) as client:
        session.verify = "/etc/corp-ca.pem"
        client.suno.generate_lyrics.get("t1")
        session.verify = True
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/env-ca.pem")
        client.with_options(base_url="https://other.test").suno.generate_lyrics.get("t1")
    assert [(c["verify"], c["cert"]) for c in adapter.calls] == [
        ("/etc/corp-ca.pem", ("/etc/client.pem", "/etc/client.key")),
        ("/etc/env-ca.pem", ("/etc/client.pem", "/etc/client.key")),
    ]


def test_a_mounted_adapter_gets_the_request_with_session_headers_and_the_timeout(no_proxy_env: None) -> None:
    adapter = RecordingAdapter()
    session = session_with(adapter, "https://api.test/")
    session.headers["X-Team"] = "media"
    session.headers["Accept-Encoding"] = None  # type: ignore[assignment]  # requests' way to drop a header
    with runapi.Client(api_key=API_KEY, base_url="https://api.test", session=session, timeout=(2, 9)) as client:
        client.suno.generate_lyrics.create(prompt="night city")
    (call,) = adapter.calls
    request: requests.PreparedRequest = call["request"]
    assert (request.method, request.url) == ("POST", "https://api.test/api/v1/suno/generate_lyrics")
    assert request.headers["x-team"] == "media"  # case-insensitive, as requests builds them
    assert "Accept-Encoding" not in request.headers
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.body or b"") == {"prompt": "night city"}
    assert request.headers["Content-Length"] == str(len(request.body or b""))
    assert call["timeout"] == (2.0, 9.0)


def test_session_headers_changed_between_calls_apply_to_the_next(no_proxy_env: None) -> None:
    adapter = RecordingAdapter()
    session = session_with(adapter, "https://api.test/")
    with runapi.Client(api_key=API_KEY, base_url="https://api.test", session=session) as client:
        session.headers["X-Team"] = "media"
        client.suno.generate_lyrics.get("t1")
        session.headers["X-Team"] = "audio"
        session.headers["X-Region"] = "eu"
        client.suno.generate_lyrics.get("t1")
        del session.headers["X-Team"]
        client.suno.generate_lyrics.get("t1")
        session.headers = {"X-Plain": "dict", "Accept-Encoding": None}  # type: ignore[assignment,dict-item]
        client.suno.generate_lyrics.get("t1")
    sent = [call["request"].headers for call in adapter.calls]
    assert [headers.get("X-Team") for headers in sent] == ["media", "audio", None, None]
    assert [headers.get("x-region") for headers in sent] == [None, "eu", "eu", None]
    assert sent[3]["X-Plain"] == "dict" and "Accept-Encoding" not in sent[3]
    assert all(headers["Authorization"] == f"Bearer {API_KEY}" for headers in sent)


def test_response_hooks_on_the_session_run(no_proxy_env: None) -> None:
    adapter = RecordingAdapter()
    session = session_with(adapter)
    seen: list[int] = []

    def hook(response: requests.Response, **kwargs: Any) -> None:
        seen.append(response.status_code)

    session.hooks["response"].append(hook)
    with runapi.Client(api_key=API_KEY, base_url="https://api.test", session=session) as client:
        client.suno.generate_lyrics.get("t1")
    assert seen == [200]


def test_a_netrc_entry_never_replaces_the_api_key(
    serve: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch, no_proxy_env: None
) -> None:
    origin, seen = serve()
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login someone password hunter2\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    with runapi.Client(api_key=API_KEY, base_url=origin) as client:
        client.suno.generate_lyrics.get("t1")
    assert seen[0][2]["Authorization"] == f"Bearer {API_KEY}"


# -- sessions that change how requests are sent go through session.request ----------------------


class CountingSession(requests.Session):
    def __init__(self) -> None:
        super().__init__()
        self.requests = 0

    def request(self, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        self.requests += 1
        return super().request(*args, **kwargs)


def test_a_session_subclass_that_overrides_request_is_used(no_proxy_env: None) -> None:
    adapter = RecordingAdapter()
    session = CountingSession()
    session.mount("https://", adapter)
    with runapi.Client(api_key=API_KEY, base_url="https://api.test", session=session) as client:
        client.suno.generate_lyrics.get("t1")
    assert session.requests == 1 and len(adapter.calls) == 1


def test_a_request_method_replaced_on_the_instance_is_used(no_proxy_env: None) -> None:
    adapter = RecordingAdapter()
    session = session_with(adapter)
    calls: list[str] = []
    original = session.request

    def logged(method: str, url: str, **kwargs: Any) -> requests.Response:
        calls.append(f"{method} {url}")
        return original(method, url, **kwargs)

    session.request = logged  # type: ignore[method-assign]
    with runapi.Client(api_key=API_KEY, base_url="https://api.test", session=session) as client:
        client.suno.generate_lyrics.get("t1")
    assert calls == ["GET https://api.test/api/v1/suno/generate_lyrics/t1"]


def test_session_cookies_are_still_sent(no_proxy_env: None) -> None:
    adapter = RecordingAdapter()
    session = session_with(adapter)
    session.cookies.set("gateway", "abc", domain="api.test")
    with runapi.Client(api_key=API_KEY, base_url="https://api.test", session=session) as client:
        client.suno.generate_lyrics.get("t1")
    assert adapter.calls[0]["request"].headers["Cookie"] == "gateway=abc"
