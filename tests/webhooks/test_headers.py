"""verify() reads the callback headers from every framework's real headers class, built for real here."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest

from runapi.webhooks import WebhookVerificationError, sign, verify

from .conftest import BODY, HEADERS, NOW, OLD_SECRET, PAYLOAD, SECRET


def _werkzeug_environ() -> dict[str, Any]:
    from werkzeug.test import EnvironBuilder

    builder = EnvironBuilder(path="/callbacks", method="POST", data=BODY, headers=HEADERS)
    try:
        return builder.get_environ()
    finally:
        builder.close()


def _werkzeug_environ_headers() -> object:
    from werkzeug.datastructures import EnvironHeaders

    return EnvironHeaders(_werkzeug_environ())


def _werkzeug_headers() -> object:
    from werkzeug.datastructures import Headers

    return Headers(HEADERS)


def _django_request(headers: dict[str, str] = HEADERS) -> Any:
    from django.test import RequestFactory

    return RequestFactory().post("/callbacks", data=BODY, content_type="application/json", headers=headers)


def _starlette_headers() -> object:
    from starlette.datastructures import Headers

    return Headers(headers=HEADERS)


def _starlette_raw_headers() -> object:
    from starlette.datastructures import Headers

    return Headers(raw=[(name.lower().encode(), value.encode()) for name, value in HEADERS.items()])


def _requests_headers() -> object:
    from requests.structures import CaseInsensitiveDict

    return CaseInsensitiveDict(HEADERS)


def _httpx_headers() -> object:
    import httpx

    return httpx.Headers(HEADERS)


def _http_server_headers() -> object:
    """``http.server.BaseHTTPRequestHandler.headers``: an ``email.message.Message``."""
    import http.client

    raw = "".join(f"{name}: {value}\r\n" for name, value in HEADERS.items()) + "\r\n"
    return http.client.parse_headers(io.BytesIO(raw.encode("latin-1")))


FACTORIES = {
    "werkzeug-EnvironHeaders": _werkzeug_environ_headers,
    "werkzeug-Headers": _werkzeug_headers,
    "wsgi-environ": _werkzeug_environ,
    "starlette-Headers": _starlette_headers,
    "starlette-Headers-raw": _starlette_raw_headers,
    "requests-CaseInsensitiveDict": _requests_headers,
    "httpx-Headers": _httpx_headers,
    "http.server-HTTPMessage": _http_server_headers,
    "dict": lambda: dict(HEADERS),
    "dict-lowercase": lambda: {name.lower(): value for name, value in HEADERS.items()},
    "list-of-pairs": lambda: list(HEADERS.items()),
    "tuple-of-pairs": lambda: tuple(HEADERS.items()),
    "asgi-bytes-pairs": lambda: [(name.lower().encode(), value.encode()) for name, value in HEADERS.items()],
    "dict-items-view": lambda: dict(HEADERS).items(),
}


@pytest.mark.parametrize("factory", FACTORIES.values(), ids=FACTORIES.keys())
def test_each_real_headers_class_is_accepted(factory: Any) -> None:
    assert verify(BODY, factory(), SECRET, now=NOW) == PAYLOAD


def test_werkzeug_environ_headers_is_not_a_mapping_yet_is_accepted() -> None:
    """The case that refused every real Flask callback before: EnvironHeaders is no Mapping."""
    from collections.abc import Mapping

    headers = _werkzeug_environ_headers()
    assert not isinstance(headers, Mapping)
    assert verify(BODY, headers, SECRET, now=NOW) == PAYLOAD  # type: ignore[arg-type]


def test_django_request_headers_and_meta_are_accepted(django_settings: None) -> None:
    request = _django_request()
    assert type(request.headers).__name__ == "HttpHeaders"
    assert request.META["HTTP_X_CALLBACK_ID"] == "cb_1"
    assert verify(request.body, request.headers, SECRET, now=NOW) == PAYLOAD
    assert verify(request.body, request.META, SECRET, now=NOW) == PAYLOAD


@pytest.mark.parametrize("factory", FACTORIES.values(), ids=FACTORIES.keys())
def test_each_headers_class_still_refuses_a_tampered_body(factory: Any) -> None:
    with pytest.raises(WebhookVerificationError) as info:
        verify(BODY.replace(b"completed", b"failed"), factory(), SECRET, now=NOW)
    assert info.value.reason == "no_matching_signature"


@pytest.mark.parametrize(
    "name",
    ["X-Callback-Id", "x-callback-id", "X-CALLBACK-ID", "x-CaLlBaCk-Id", "HTTP_X_CALLBACK_ID", "http_x_callback_id"],
)
def test_header_names_match_in_any_case_and_in_the_wsgi_spelling(name: str) -> None:
    headers = {k: v for k, v in HEADERS.items() if k != "X-Callback-Id"}
    headers[name] = HEADERS["X-Callback-Id"]
    assert verify(BODY, headers, SECRET, now=NOW) == PAYLOAD


def test_surrounding_whitespace_in_values_is_ignored() -> None:
    headers = {name: f" {value}\t" for name, value in HEADERS.items()}
    assert verify(BODY, headers, SECRET, now=NOW) == PAYLOAD


def test_signature_headers_sent_twice_are_combined() -> None:
    """HTTP lets a list header be split over several lines; Werkzeug/Starlette keep both."""
    from werkzeug.datastructures import Headers

    headers = Headers(HEADERS)
    headers["X-Callback-Signature"] = sign(BODY, OLD_SECRET, callback_id="cb_1", timestamp=NOW)["X-Callback-Signature"]
    headers.add("X-Callback-Signature", HEADERS["X-Callback-Signature"])
    assert verify(BODY, headers, SECRET, now=NOW) == PAYLOAD


@pytest.mark.parametrize("header", ["X-Callback-Id", "X-Callback-Timestamp"])
def test_an_id_or_timestamp_sent_twice_with_different_values_is_refused(header: str) -> None:
    pairs = [*HEADERS.items(), (header.lower(), "cb_2" if header == "X-Callback-Id" else str(NOW - 1))]
    with pytest.raises(WebhookVerificationError, match=header) as info:
        verify(BODY, pairs, SECRET, now=NOW)
    assert info.value.reason == "invalid_header"


def test_the_same_value_sent_twice_is_fine() -> None:
    pairs = [*HEADERS.items(), ("x-callback-id", HEADERS["X-Callback-Id"])]
    assert verify(BODY, pairs, SECRET, now=NOW) == PAYLOAD


def _failing_items() -> Iterator[tuple[str, str]]:
    yield ("X-Callback-Id", "cb_1")
    raise RuntimeError("connection lost while reading headers")


class _BrokenHeaders:
    def items(self) -> Iterator[tuple[str, str]]:
        return _failing_items()


class _ItemsNotIterable:
    def items(self) -> int:
        return 3


NOT_HEADERS = {
    "None": None,
    "int": 42,
    "str": "X-Callback-Id: cb_1",
    "bytes": b"X-Callback-Id: cb_1",
    "object": object(),
    "list-of-strings": ["X-Callback-Id", "cb_1"],
    "list-of-1-tuples": [("X-Callback-Id",)],
    "list-of-3-tuples": [("X-Callback-Id", "cb_1", "extra")],
    "list-of-ints": [1, 2, 3],
    "items-raises": _BrokenHeaders(),
    "items-not-iterable": _ItemsNotIterable(),
}


@pytest.mark.parametrize("headers", NOT_HEADERS.values(), ids=NOT_HEADERS.keys())
def test_anything_that_is_not_headers_is_a_clear_refusal(headers: object) -> None:
    with pytest.raises(WebhookVerificationError, match="headers") as info:
        verify(BODY, headers, SECRET, now=NOW)  # type: ignore[arg-type]
    assert info.value.reason == "invalid_header"


@pytest.mark.parametrize("value", [None, 42, 1.5, ["cb_1"], object()], ids=repr)
def test_a_callback_header_value_that_is_not_text_is_refused(value: object) -> None:
    headers: dict[str, object] = {**HEADERS, "X-Callback-Id": value}
    with pytest.raises(WebhookVerificationError, match="X-Callback-Id header is not text") as info:
        verify(BODY, headers, SECRET, now=NOW)  # type: ignore[arg-type]
    assert info.value.reason == "invalid_header"


def test_other_headers_with_odd_values_are_ignored() -> None:
    """A WSGI environ / Django META carries non-text values (wsgi.input, a tuple version): not ours."""
    headers: dict[object, object] = {**HEADERS, "wsgi.input": io.BytesIO(), "wsgi.version": (1, 0), 7: "seven"}
    assert verify(BODY, headers, SECRET, now=NOW) == PAYLOAD  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["", "   ", "\t"], ids=["empty", "spaces", "tab"])
@pytest.mark.parametrize("header", ["X-Callback-Id", "X-Callback-Timestamp", "X-Callback-Signature"])
def test_blank_callback_headers_are_missing(header: str, value: str) -> None:
    with pytest.raises(WebhookVerificationError, match=f"missing {header}") as info:
        verify(BODY, {**HEADERS, header: value}, SECRET, now=NOW)
    assert info.value.reason == "missing_header"


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"x-callback-id": "cb_other"},  # the same header twice in two cases: refused either way
        {"HTTP_X-CALLBACK_ID": HEADERS["X-Callback-Id"]},  # a mixed WSGI spelling
        {"X-Callbac\u212a-Id": "cb_other"},  # a Kelvin sign lower-cases to "k": the same name
        {b"x-callback-id": b"cb_other"},  # a bytes name in a dict
        {"X-Callback-Ids": "cb_other", "X-Callback": "cb_other"},  # near names: other headers
    ],
    ids=["plain", "two-cases", "mixed-wsgi", "kelvin-sign", "bytes-name", "near-names"],
)
def test_a_dict_is_read_as_its_pairs_are(extra: dict[Any, Any]) -> None:
    """A plain dict is read on a faster path (names of the right length only): same answers as its pairs."""
    headers = {**HEADERS, **extra}

    def outcome(given: Any) -> object:
        try:
            return verify(BODY, given, SECRET, now=NOW)
        except WebhookVerificationError as exc:
            return (exc.reason, str(exc))

    assert outcome(headers) == outcome(list(headers.items()))
