"""The one module that talks to ``requests``: send a request, get bytes, status and headers back.

Everything above this layer (retries, status → error, parsing) works on the plain
:class:`Request` and :class:`Response` values defined here, so an ``httpx`` transport for the
async client can be added beside :class:`RequestsTransport` without touching the rest.

``requests`` exceptions are translated into :class:`runapi.APIConnectionError` /
:class:`runapi.APITimeoutError`, with ``request_sent`` telling whether the server may have seen
the request (which decides whether a create may be retried).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from ..errors import APIConnectionError, APIStatusError, APITimeoutError, status_error
from .retry import parse_retry_after

if TYPE_CHECKING:
    import requests
    import requests.adapters
    from requests.hooks import dispatch_hook
    from requests.structures import CaseInsensitiveDict
    from urllib3.exceptions import NewConnectionError

    from .download import Download
    from .multipart import Multipart, MultipartStream


def _load_requests() -> None:
    """Import ``requests`` (once) into this module's names: on a blocking transport's construction or an error.

    The values here (:class:`Timeout`, :class:`Request`, :class:`Response`) are imported by every
    family and by the async client, which never send with ``requests``: importing it there would
    cost ``runapi run FAMILY.OPERATION --help`` and every ``AsyncClient`` user about 50 ms
    (``python -X importtime``).
    """
    global requests, dispatch_hook, CaseInsensitiveDict, NewConnectionError
    import requests
    import requests.adapters
    from requests.hooks import dispatch_hook
    from requests.structures import CaseInsensitiveDict
    from urllib3.exceptions import NewConnectionError


__all__ = ["Request", "RequestsTransport", "Response", "Timeout", "download_error"]


@attrs.frozen
class Timeout:
    """Separate connect and read timeouts, in seconds.

    ``Client(timeout=30)`` sets both; ``Client(timeout=Timeout(connect=5, read=120))`` sets each.
    The read timeout is the longest silence allowed between bytes of the answer, not a total.
    """

    connect: float = 10.0
    read: float = 60.0

    @classmethod
    def of(cls, value: Timeout | float | tuple[float, float]) -> Timeout:
        """Coerce a float (both), a ``(connect, read)`` tuple or a Timeout into a Timeout."""
        if isinstance(value, Timeout):
            return value
        if isinstance(value, tuple):
            return cls(float(value[0]), float(value[1]))
        return cls(float(value), float(value))


DEFAULT_TIMEOUT = Timeout()


class Request(NamedTuple):
    """One HTTP request, fully built: URL, headers (auth included), and a body of one kind.

    The body is ``json`` (a value sent as ``application/json``) or ``multipart`` (a
    :class:`~runapi._core.multipart.Multipart`, streamed as ``multipart/form-data``: a file is
    read in small blocks while it is sent, never whole into memory), or neither.

    :class:`Request` and :class:`Response` are named tuples (cheap to build on every call).
    """

    method: str
    url: str
    headers: Mapping[str, str]
    json: Any = None
    timeout: Timeout = DEFAULT_TIMEOUT
    multipart: Multipart | None = None

    def __repr__(self) -> str:  # headers hold the API key: never show them
        return f"Request({self.method} {self.url})"


class Response(NamedTuple):
    """One HTTP answer: status, headers (case-insensitive) and the body's bytes."""

    status_code: int
    headers: Mapping[str, str]
    content: bytes
    reason: str = ""

    @property
    def retry_after(self) -> str | None:
        """The ``Retry-After`` header's raw value, if any."""
        store = getattr(self.headers, "_store", None)  # requests' CaseInsensitiveDict: {lower name: (name, value)}
        if store is not None:
            pair = store.get("retry-after")
            return None if pair is None else pair[1]
        return self.headers.get("Retry-After")


def _never_sent(exc: BaseException) -> bool:
    """True when the chain under a requests ConnectionError shows the connection never opened."""
    _load_requests()
    seen: list[BaseException] = []
    todo: list[Any] = [exc]
    while todo and len(seen) < 12:
        item = todo.pop()
        if not isinstance(item, BaseException) or item in seen:
            continue
        seen.append(item)
        if isinstance(item, NewConnectionError | ConnectionRefusedError):
            return True
        todo.extend([getattr(item, "reason", None), item.__cause__, item.__context__, *item.args])
    return False


def translate(exc: requests.RequestException, method: str, url: str) -> APIConnectionError:
    """Map a ``requests`` exception to the SDK's connection errors (no headers in the message)."""
    _load_requests()
    if isinstance(exc, requests.ConnectTimeout):
        return APITimeoutError(f"connect timeout: {method} {url}", method=method, url=url, request_sent=False)
    if isinstance(exc, requests.Timeout):
        return APITimeoutError(f"read timeout: {method} {url}", method=method, url=url, request_sent=True)
    sent = not _never_sent(exc)
    what = "connection lost" if sent else "could not connect"
    return APIConnectionError(
        f"{what}: {method} {url} ({type(exc).__name__})", method=method, url=url, request_sent=sent
    )


def download_error(status: int, first: bytes, headers: Mapping[str, str], reason: str, url: str) -> APIStatusError:
    """The error for a file server's non-2xx answer to a download (``first``: its body's first bytes)."""
    _load_requests()
    return status_error(
        status,
        first[:500].decode("utf-8", "replace"),
        CaseInsensitiveDict(headers),
        reason=reason,
        retry_after=parse_retry_after(headers.get("Retry-After")),
        method="GET",
        url=url,
    )


_SESSION_METHODS = frozenset({"request", "send", "prepare_request", "merge_environment_settings", "get_adapter"})
"""The ``Session`` methods the lean path stands in for: overridden by a subclass or on the instance
(``session.request = functools.partial(...)``), they are honoured by sending through ``session.request``."""


class _Route(NamedTuple):
    """What ``Session.request`` would work out for one origin, worked out once.

    It holds the session settings it was computed from; a route whose session has since changed
    (``trust_env``, ``verify``, ``cert``, ``proxies``) is computed again.
    """

    trust_env: bool
    verify: Any
    cert: Any
    proxies: dict[str, str]
    send_kwargs: dict[str, Any]

    def current(self, session: requests.Session) -> bool:
        """Whether ``session``'s settings are still the ones this route was computed from."""
        return (
            self.trust_env == session.trust_env
            and self.verify == session.verify
            and self.cert == session.cert
            and self.proxies == session.proxies
        )


class RequestsTransport:
    """Sends :class:`Request` values over one ``requests.Session`` (connection pooling, thread-safe use).

    The hot path does what ``Session.request`` does, minus the work that gives the same answer on
    every call: the environment's proxies (``HTTP(S)_PROXY``, ``NO_PROXY``), ``REQUESTS_CA_BUNDLE``
    and the session's ``proxies``/``verify``/``cert`` are resolved once per origin (again if
    the session's settings change), then each prepared request goes through the session's mounted
    adapter (``session.get_adapter(url).send``), with the session's headers and ``response``
    hooks applied. Not done on that path: ``~/.netrc`` (the API key is the auth; requests would
    let a netrc entry replace it) and storing cookies the API sets (it uses none). Environment
    variables are read when a client first calls an origin; a client made afterwards sees changes.

    A session that carries cookies, ``auth`` or ``params``, a ``Session`` subclass that overrides
    how requests are sent, and a non-ASCII URL all go through ``session.request`` unchanged.

    Args:
        session: a session of your own (proxies, certificates, adapters); it is not closed by
            :meth:`close`. By default a new one is made with ``max_connections`` pooled
            connections per host.
        max_connections: pooled connections per host for the default session. The pool blocks:
            a thread that finds every connection busy waits for one to come back, so many threads
            sharing one client never open (and discard) connections beyond this number.
    """

    def __init__(self, session: requests.Session | None = None, *, max_connections: int = 100) -> None:
        _load_requests()
        self._owns_session = session is None
        if session is None:
            session = requests.Session()
            adapter = requests.adapters.HTTPAdapter(pool_connections=4, pool_maxsize=max_connections, pool_block=True)
            session.mount("https://", adapter)
            session.mount("http://", adapter)
        self.session = session
        cls = type(session)
        self._plain_class = all(getattr(cls, name) is getattr(requests.Session, name) for name in _SESSION_METHODS)
        self._routes: dict[str, _Route] = {}
        self._session_store: tuple[dict[str, Any], dict[str, tuple[str, Any]]] | None = None

    def send(self, request: Request) -> Response:
        """Send one request and return the answer, whatever its status.

        Raises:
            APIConnectionError: no answer (``request_sent`` says whether the server may have it).
            APITimeoutError: the connect or read timeout ran out.
        """
        session = self.session
        stream = None if request.multipart is None else request.multipart.open()
        try:
            if self._lean(session) and request.url.isascii():
                answer = self._send_prepared(request, session, stream)
            else:
                headers = dict(request.headers)
                if request.multipart is not None:
                    headers["Content-Type"] = request.multipart.content_type
                answer = session.request(
                    request.method,
                    request.url,
                    headers=headers,
                    json=request.json,
                    data=stream,  # requests sends its len() as Content-Length, else chunked
                    timeout=(request.timeout.connect, request.timeout.read),
                    allow_redirects=False,
                )
            content = answer.content
        except requests.RequestException as exc:
            raise translate(exc, request.method, request.url) from exc
        finally:
            if stream is not None:
                stream.close()
        return Response(answer.status_code, answer.headers, content, answer.reason or "")

    def _lean(self, session: requests.Session) -> bool:
        """Whether the lean path does exactly what ``session.request`` would (see the class doc)."""
        jar = getattr(session.cookies, "_cookies", session.cookies)  # the stdlib CookieJar's own dict: no iterating
        plain = self._plain_class and _SESSION_METHODS.isdisjoint(vars(session))
        return plain and not (jar or session.auth or session.params)

    def _send_prepared(
        self, request: Request, session: requests.Session, stream: MultipartStream | None = None
    ) -> requests.Response:
        """``Session.request`` for an ASCII URL, a JSON or streamed body, no redirects, per-origin work cached.

        A streamed body (``stream``, opened from ``request.multipart``) goes to the adapter as a
        file-like object, which urllib3 reads in blocks while sending: with its ``Content-Length``
        when the size is known, else with ``Transfer-Encoding: chunked`` (the adapter's choice
        when no ``Content-Length`` is set).
        """
        url = request.url
        prepared = requests.PreparedRequest()
        prepared.method = request.method
        prepared.url = url
        # CaseInsensitiveDict keeps {lower-case name: (name, value)}; merging into a copy of the
        # session's (cached) store is what CaseInsensitiveDict(session.headers).update() does.
        store = self._session_headers(session).copy()
        for name, value in request.headers.items():
            store[name.lower()] = (name, value)
        if request.json is not None:
            body = json.dumps(request.json, ensure_ascii=False, allow_nan=False).encode()
            if "content-type" not in store:
                store["content-type"] = ("Content-Type", "application/json")
            store["content-length"] = ("Content-Length", str(len(body)))
            prepared.body = body
        elif stream is not None and request.multipart is not None:
            store["content-type"] = ("Content-Type", request.multipart.content_type)
            length = request.multipart.length
            if length is not None:
                store["content-length"] = ("Content-Length", str(length))
            prepared.body = stream  # type: ignore[assignment]  # requests sends any file-like body
        elif request.method not in ("GET", "HEAD"):
            store["content-length"] = ("Content-Length", "0")
        headers: CaseInsensitiveDict[str] = CaseInsensitiveDict()
        headers._store = store  # type: ignore[attr-defined]  # its documented-in-source internal dict
        prepared.headers = headers
        kwargs = self._route(url, session)
        timeout = (request.timeout.connect, request.timeout.read)
        answer = session.get_adapter(url).send(prepared, timeout=timeout, **kwargs)
        if session.hooks["response"]:
            answer = dispatch_hook("response", session.hooks, answer, timeout=timeout, **kwargs)  # type: ignore[no-untyped-call]
        return answer

    def _session_headers(self, session: requests.Session) -> dict[str, tuple[str, Any]]:
        """The session's headers as a CaseInsensitiveDict store, those set to ``None`` left out (requests' rule).

        Worked out again only when the session's headers changed.
        """
        current = getattr(session.headers, "_store", None)
        cached = self._session_store
        if current is not None and cached is not None and cached[0] == current:
            return cached[1]
        source = dict(current) if current is not None else {k.lower(): (k, v) for k, v in session.headers.items()}
        merged = {key: pair for key, pair in source.items() if pair[1] is not None}
        if current is not None:
            self._session_store = (source, merged)
        return merged

    def _route(self, url: str, session: requests.Session) -> dict[str, Any]:
        """``stream``/``verify``/``cert``/``proxies`` for ``url``'s origin, as ``Session.request`` merges them."""
        path_at = url.find("/", url.find("//") + 2)
        origin = url if path_at < 0 else url[:path_at]
        route = self._routes.get(origin)
        if route is None or not route.current(session):
            settings: dict[str, Any] = dict(session.merge_environment_settings(origin + "/", {}, False, None, None))
            if origin.startswith("http://"):
                # TLS settings never touch a plain-http origin, but a CA bundle path (e.g. from
                # REQUESTS_CA_BUNDLE) would make the adapter stat it on every call.
                settings.update(verify=True, cert=None)
            route = _Route(session.trust_env, session.verify, session.cert, dict(session.proxies), settings)
            self._routes[origin] = route
        return route.send_kwargs

    def download(
        self,
        url: str,
        dest: Path | Callable[[str | None], Path],
        *,
        timeout: Timeout,
        headers: Mapping[str, str],
        overwrite: bool = False,
    ) -> Download:
        """Stream ``url`` to disk at ``dest`` in 64 KiB chunks (never the whole body in memory).

        ``dest`` is a path, or a function of the answer's ``Content-Type`` that returns one (so a
        name can take its extension from it). Its folder is created (parents too) once the server
        answered 2xx. The body goes to a hidden temporary file in that folder, which is then put
        in place by :func:`runapi._core.download.place`: without ``overwrite`` an existing file is
        never replaced. Whatever fails, neither a partial file nor the temporary one is left.

        Returns:
            The :class:`Download`: its path, ``bytes_written`` (bytes) and ``content_type``.

        Raises:
            APIStatusError: the file server answered non-2xx (nothing is written).
            APIConnectionError: the connection failed or dropped mid-file.
            FileExistsError: ``dest`` exists and ``overwrite`` is false.
        """
        from .download import Sink  # loaded on first download

        sink = Sink(url, dest, overwrite=overwrite)
        try:
            with self.session.get(
                url, headers=dict(headers), stream=True, timeout=(timeout.connect, timeout.read)
            ) as answer:
                if not 200 <= answer.status_code < 300:
                    first = next(answer.iter_content(chunk_size=500), b"")
                    raise download_error(answer.status_code, first, answer.headers, answer.reason or "", url)
                sink.start(answer.headers.get("Content-Type"))
                for chunk in answer.iter_content(chunk_size=1 << 16):
                    sink.write(chunk)
            return sink.finish()
        except requests.RequestException as exc:
            raise translate(exc, "GET", url) from exc
        finally:
            sink.discard()

    def close(self) -> None:
        """Close the session if this transport made it."""
        if self._owns_session:
            self.session.close()
