"""Callback verification (docs: Callbacks > Verify callback signatures)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import pytest

from runapi import webhooks
from runapi.webhooks import WebhookVerificationError, sign, verify

SECRET = base64.b64encode(b"callback-secret-0123456789abcdef").decode()
OLD_SECRET = base64.b64encode(b"previous-secret-fedcba9876543210").decode()
NOW = 1_760_000_000
PAYLOAD = {
    "id": "281e5b0f39b9",
    "status": "completed",
    "model": "nano-banana",
    "images": [{"url": "https://file.runapi.ai/generated/image1.png"}],
}
BODY = json.dumps(PAYLOAD, separators=(",", ":"), ensure_ascii=False).encode()


def headers_for(body: bytes = BODY, secret: str | list[str] = SECRET, timestamp: int = NOW) -> dict[str, str]:
    return sign(body, secret, callback_id="cb_1", timestamp=timestamp)


def test_signature_matches_the_documented_algorithm() -> None:
    """Computed independently here: base64(HMAC-SHA256(b64decode(secret), "id.ts.body"))."""
    expected = base64.b64encode(
        hmac.new(base64.b64decode(SECRET), b"cb_1.%d." % NOW + BODY, hashlib.sha256).digest()
    ).decode()
    assert headers_for() == {
        "X-Callback-Id": "cb_1",
        "X-Callback-Timestamp": str(NOW),
        "X-Callback-Signature": expected,
    }


def test_a_valid_callback_returns_its_payload() -> None:
    assert verify(BODY, headers_for(), SECRET, now=NOW) == PAYLOAD


def test_a_str_body_is_verified_as_its_utf8_bytes() -> None:
    body = json.dumps({"id": "t", "status": "completed", "title": "钢铁侠"}, ensure_ascii=False)
    assert verify(body, headers_for(body.encode()), SECRET, now=NOW)["title"] == "钢铁侠"


def test_the_raw_bytes_are_signed_not_a_reserialized_payload() -> None:
    spaced = json.dumps(PAYLOAD, indent=2).encode()  # same JSON, other bytes
    with pytest.raises(WebhookVerificationError) as info:
        verify(spaced, headers_for(BODY), SECRET, now=NOW)
    assert info.value.reason == "no_matching_signature"


def test_the_docs_python_sample_bug_is_not_repeated() -> None:
    """The docs' sample signs f"{id}.{ts}.{raw_body}" with raw_body as bytes, i.e. "b'...'"."""
    buggy_content = f"cb_1.{NOW}.{BODY!r}".encode()
    buggy = base64.b64encode(hmac.new(base64.b64decode(SECRET), buggy_content, hashlib.sha256).digest()).decode()
    headers = {**headers_for(), "X-Callback-Signature": buggy}
    with pytest.raises(WebhookVerificationError):
        verify(BODY, headers, SECRET, now=NOW)


def test_a_tampered_body_is_refused() -> None:
    tampered = BODY.replace(b"completed", b"failed")
    with pytest.raises(WebhookVerificationError) as info:
        verify(tampered, headers_for(), SECRET, now=NOW)
    assert info.value.reason == "no_matching_signature"


@pytest.mark.parametrize("header", ["X-Callback-Id", "X-Callback-Timestamp"])
def test_tampered_signed_headers_are_refused(header: str) -> None:
    headers = headers_for()
    headers[header] = "cb_2" if header == "X-Callback-Id" else str(NOW + 1)
    with pytest.raises(WebhookVerificationError) as info:
        verify(BODY, headers, SECRET, now=NOW)
    assert info.value.reason == "no_matching_signature"


def test_the_wrong_secret_is_refused() -> None:
    with pytest.raises(WebhookVerificationError) as info:
        verify(BODY, headers_for(secret=OLD_SECRET), SECRET, now=NOW)
    assert info.value.reason == "no_matching_signature"


def test_several_signatures_pass_if_any_matches() -> None:
    """During a secret rotation RunAPI may sign with old and new secrets, comma-separated."""
    headers = headers_for(secret=[OLD_SECRET, SECRET])
    assert "," in headers["X-Callback-Signature"]
    assert verify(BODY, headers, SECRET, now=NOW) == PAYLOAD
    assert verify(BODY, headers, OLD_SECRET, now=NOW) == PAYLOAD


def test_several_secrets_on_our_side_pass_if_any_matches() -> None:
    headers = headers_for(secret=OLD_SECRET)
    assert verify(BODY, headers, [SECRET, OLD_SECRET], now=NOW) == PAYLOAD


def test_signatures_with_spaces_and_empty_items_are_tolerated() -> None:
    headers = headers_for()
    headers["X-Callback-Signature"] = f" bogus== , ,{headers['X-Callback-Signature']} "
    assert verify(BODY, headers, SECRET, now=NOW) == PAYLOAD


@pytest.mark.parametrize(
    ("skew", "ok"),
    [(0, True), (300, True), (-300, True), (301, False), (-301, False), (86_400, False)],
    ids=["now", "5min-old", "5min-ahead", "stale", "future", "a-day-old"],
)
def test_timestamps_outside_the_tolerance_are_refused(skew: int, ok: bool) -> None:
    headers = headers_for(timestamp=NOW - skew)
    if ok:
        assert verify(BODY, headers, SECRET, now=NOW) == PAYLOAD
    else:
        with pytest.raises(WebhookVerificationError) as info:
            verify(BODY, headers, SECRET, now=NOW)
        assert info.value.reason == "timestamp_outside_tolerance"


def test_tolerance_none_turns_the_window_off() -> None:
    assert verify(BODY, headers_for(timestamp=NOW - 10**6), SECRET, tolerance=None, now=NOW) == PAYLOAD


def test_a_custom_tolerance() -> None:
    with pytest.raises(WebhookVerificationError):
        verify(BODY, headers_for(timestamp=NOW - 61), SECRET, tolerance=60, now=NOW)


@pytest.mark.parametrize("missing", ["X-Callback-Id", "X-Callback-Timestamp", "X-Callback-Signature"])
def test_missing_headers_are_refused(missing: str) -> None:
    headers = headers_for()
    del headers[missing]
    with pytest.raises(WebhookVerificationError, match=missing) as info:
        verify(BODY, headers, SECRET, now=NOW)
    assert info.value.reason == "missing_header"


def test_an_empty_signature_header_is_refused() -> None:
    headers = {**headers_for(), "X-Callback-Signature": " , "}
    with pytest.raises(WebhookVerificationError) as info:
        verify(BODY, headers, SECRET, now=NOW)
    assert info.value.reason == "no_matching_signature"


def test_header_names_match_in_any_case() -> None:
    lower = {k.lower(): v for k, v in headers_for().items()}
    upper = {k.upper(): v for k, v in headers_for().items()}
    assert verify(BODY, lower, SECRET, now=NOW) == PAYLOAD
    assert verify(BODY, upper, SECRET, now=NOW) == PAYLOAD


def test_wsgi_and_django_meta_keys_work() -> None:
    meta = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers_for().items()}
    assert verify(BODY, meta, SECRET, now=NOW) == PAYLOAD


@pytest.mark.parametrize("timestamp", ["soon", "1.5e9", "", "-5"])
def test_a_malformed_timestamp_is_refused(timestamp: str) -> None:
    headers = {**headers_for(), "X-Callback-Timestamp": timestamp}
    with pytest.raises(WebhookVerificationError) as info:
        verify(BODY, headers, SECRET, now=NOW)
    assert info.value.reason in ("invalid_timestamp", "missing_header")


@pytest.mark.parametrize("secret", ["not base64!!", "", "   "])
def test_a_secret_that_is_not_base64_is_refused_without_echoing_it(secret: str) -> None:
    with pytest.raises(WebhookVerificationError) as info:
        verify(BODY, headers_for(), secret, now=NOW)
    assert info.value.reason == "invalid_secret"
    if secret.strip():
        assert secret not in str(info.value)


def test_a_valid_signature_over_a_non_json_body_is_refused() -> None:
    with pytest.raises(WebhookVerificationError) as info:
        verify(b"not json", headers_for(b"not json"), SECRET, now=NOW)
    assert info.value.reason == "invalid_body"


def test_a_json_array_body_is_refused() -> None:
    with pytest.raises(WebhookVerificationError) as info:
        verify(b"[1]", headers_for(b"[1]"), SECRET, now=NOW)
    assert info.value.reason == "invalid_body"


@pytest.mark.parametrize("body", [None, 42, {"id": "x"}])
def test_a_body_that_is_not_bytes_or_text_is_refused(body: object) -> None:
    with pytest.raises(WebhookVerificationError):
        verify(body, headers_for(), SECRET, now=NOW)  # type: ignore[arg-type]


def test_non_ascii_signature_garbage_is_a_refusal_not_a_crash() -> None:
    headers = {**headers_for(), "X-Callback-Signature": "sïgnature"}
    with pytest.raises(WebhookVerificationError):
        verify(BODY, headers, SECRET, now=NOW)


def test_the_secret_never_appears_in_any_refusal() -> None:
    messages = []
    for headers in (headers_for(secret=OLD_SECRET), headers_for(timestamp=NOW - 999), {}):
        with pytest.raises(WebhookVerificationError) as info:
            verify(BODY, headers, SECRET, now=NOW)
        messages.append(str(info.value) + repr(info.value))
    assert all(SECRET not in m and base64.b64decode(SECRET).decode() not in m for m in messages)


def test_verification_error_is_a_value_error_and_a_runapi_error() -> None:
    import runapi

    assert issubclass(WebhookVerificationError, ValueError)
    assert issubclass(WebhookVerificationError, runapi.RunAPIError)
    assert webhooks.DEFAULT_TOLERANCE == 300
