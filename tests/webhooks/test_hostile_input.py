"""Inputs a fuzz run found escaping as raw Python errors: each is now a refusal with a reason."""

from __future__ import annotations

import json
import math
from fractions import Fraction

import pytest

import runapi
from runapi.webhooks import WebhookVerificationError, sign, unwrap, verify

from .conftest import BODY, HEADERS, NOW, PAYLOAD, SECRET, signed


def _refusal(body: object = BODY, headers: object = HEADERS, **kwargs: object) -> WebhookVerificationError:
    with pytest.raises(WebhookVerificationError) as info:
        verify(body, headers, SECRET, now=NOW, **kwargs)  # type: ignore[arg-type]
    return info.value


# -- X-Callback-Timestamp ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "timestamp",
    [
        "9" * 400,  # was OverflowError (int -> float in the skew)
        "1" * 13,  # 13 digits: past the year 33658
        "¹",  # superscript one: str.isdigit() accepts it, int() refuses it (was ValueError)
        "١٧٦٠٠٠٠٠٠٠",  # Arabic-Indic digits: int() reads them, RunAPI never sends them
        "１７６００００００００",  # fullwidth digits
        "-5",
        "+1760000000",
        "1760000000.0",
        "1.76e9",
        "0x68E3",
        "1_760_000_000",
        "1760000000,1760000000",
        "17600 00000",
        "\ud800",
    ],
    ids=[
        "400-digits",
        "13-digits",
        "superscript",
        "arabic-indic",
        "fullwidth",
        "negative",
        "plus-sign",
        "decimal",
        "exponent",
        "hex",
        "underscores",
        "comma-list",
        "inner-space",
        "surrogate",
    ],
)
def test_a_timestamp_that_is_not_1_to_12_ascii_digits_is_invalid_timestamp(timestamp: str) -> None:
    exc = _refusal(headers={**HEADERS, "X-Callback-Timestamp": timestamp})
    assert exc.reason == "invalid_timestamp"
    assert len(str(exc)) < 200  # a 400-digit value is not echoed in full


def test_twelve_digits_are_still_read_and_judged_by_the_window() -> None:
    exc = _refusal(headers=signed(timestamp=999_999_999_999))
    assert exc.reason == "timestamp_outside_tolerance"
    assert verify(BODY, signed(timestamp=999_999_999_999), SECRET, now=999_999_999_999) == PAYLOAD


def test_leading_zeros_are_signed_as_sent() -> None:
    headers = sign(BODY, SECRET, callback_id="cb_1", timestamp=NOW)
    headers["X-Callback-Timestamp"] = "00" + headers["X-Callback-Timestamp"]  # same time, other signed bytes
    assert _refusal(headers=headers).reason == "no_matching_signature"


# -- surrogates and non-ASCII -----------------------------------------------------------------------


def test_a_lone_surrogate_in_the_callback_id_is_invalid_header() -> None:
    """Was UnicodeEncodeError while building the signed content."""
    exc = _refusal(headers={**HEADERS, "X-Callback-Id": "cb_\ud800"})
    assert exc.reason == "invalid_header"
    assert "X-Callback-Id" in str(exc)


def test_a_lone_surrogate_in_a_str_body_is_invalid_body() -> None:
    exc = _refusal(body=BODY.decode() + "\udcff")
    assert exc.reason == "invalid_body"
    assert "raw request bytes" in str(exc)


@pytest.mark.parametrize(
    "signature",
    ["sïgnature", "\ud800", "签名", HEADERS["X-Callback-Signature"][:-1] + "é", "\x00" * 44],
    ids=["latin", "surrogate", "cjk", "almost", "nul"],
)
def test_non_ascii_in_the_signature_header_is_no_matching_signature(signature: str) -> None:
    assert _refusal(headers={**HEADERS, "X-Callback-Signature": signature}).reason == "no_matching_signature"


def test_a_non_ascii_callback_id_is_signed_as_utf8() -> None:
    headers = sign(BODY, SECRET, callback_id="cb_é", timestamp=NOW)
    assert verify(BODY, headers, SECRET, now=NOW) == PAYLOAD


def test_latin1_header_bytes_are_read_as_servers_read_them() -> None:
    pairs = [(name.encode(), value.encode("latin-1")) for name, value in HEADERS.items()]
    pairs.append((b"x-other", b"\xff\xfe"))
    assert verify(BODY, pairs, SECRET, now=NOW) == PAYLOAD


# -- tolerance and now --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tolerance",
    ["300", b"300", -1, -0.5, math.nan, math.inf, -math.inf, 10**400, True, [300], object()],
    ids=["str", "bytes", "negative", "negative-float", "nan", "inf", "-inf", "huge-int", "bool", "list", "object"],
)
def test_a_tolerance_that_is_not_finite_seconds_is_a_validation_error(tolerance: object) -> None:
    """nan used to turn the window off silently; "300" raised TypeError; 10**400 OverflowError."""
    with pytest.raises(runapi.ValidationError) as info:
        verify(BODY, HEADERS, SECRET, tolerance=tolerance, now=NOW)  # type: ignore[arg-type]
    assert info.value.field == "tolerance"
    assert info.value.allowed == "a finite number of seconds >= 0, or None to turn the replay window off"
    assert "tolerance" in str(info.value) and "None" in str(info.value)
    assert not isinstance(info.value, WebhookVerificationError)  # the caller's bug, not a bad callback


@pytest.mark.parametrize("tolerance", [0, 0.0, 300, 12.5, Fraction(1, 2), None], ids=repr)
def test_finite_non_negative_tolerances_and_none_are_allowed(tolerance: float | None) -> None:
    assert verify(BODY, HEADERS, SECRET, tolerance=tolerance, now=NOW) == PAYLOAD


def test_a_zero_tolerance_accepts_only_the_exact_second() -> None:
    with pytest.raises(WebhookVerificationError) as info:
        verify(BODY, HEADERS, SECRET, tolerance=0, now=NOW + 1)
    assert info.value.reason == "timestamp_outside_tolerance"


@pytest.mark.parametrize(
    "now", ["1760000000", math.nan, math.inf, 10**400, True, object()], ids=["str", "nan", "inf", "huge", "bool", "obj"]
)
def test_a_now_that_is_not_finite_seconds_is_a_validation_error(now: object) -> None:
    with pytest.raises(runapi.ValidationError) as info:
        verify(BODY, HEADERS, SECRET, now=now)  # type: ignore[arg-type]
    assert info.value.field == "now"


def test_arguments_are_checked_before_the_request() -> None:
    """A bad tolerance fails the same way on every callback, valid or not."""
    with pytest.raises(runapi.ValidationError):
        verify(None, None, SECRET, tolerance=math.nan)  # type: ignore[arg-type]
    with pytest.raises(runapi.ValidationError):
        unwrap(None, None, SECRET, tolerance="300")  # type: ignore[call-overload]


# -- bodies that verify but do not decode -------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        b'{"id": ' + b"1" * 5000 + b"}",  # Python refuses to read a 5000-digit int: a ValueError, not JSONDecodeError
        b"[" * 100_000 + b"]" * 100_000,  # deeper than the recursion limit
        b"\xff\xfe{",
        b"",
        b"null",
        b'"text"',
        b"NaN",
    ],
    ids=["long-int", "deep-nesting", "bad-utf", "empty", "null", "string", "nan"],
)
def test_a_validly_signed_body_that_is_not_a_json_object_is_invalid_body(body: bytes) -> None:
    with pytest.raises(WebhookVerificationError) as info:
        verify(body, signed(body), SECRET, now=NOW)
    assert info.value.reason == "invalid_body"


def test_bytearray_and_memoryview_bodies_are_their_bytes() -> None:
    assert verify(bytearray(BODY), HEADERS, SECRET, now=NOW) == PAYLOAD
    assert verify(memoryview(BODY), HEADERS, SECRET, now=NOW) == PAYLOAD


def test_a_utf16_json_body_is_decoded_once_verified() -> None:
    body = json.dumps(PAYLOAD).encode("utf-16")
    assert verify(body, signed(body), SECRET, now=NOW) == PAYLOAD
