"""The callback secret: missing, empty, malformed, rotated; and never shown in a message, repr or log."""

from __future__ import annotations

import base64
import logging
import pickle
import traceback

import pytest

from runapi import webhooks
from runapi.webhooks import WebhookVerificationError, compute_signature, sign, unwrap, verify

from .conftest import BODY, HEADERS, KEY_TEXT, NOW, OLD_SECRET, PAYLOAD, SECRET, signed

FOREIGN_SECRET = base64.b64encode(b"someone-else-entirely-0000000000").decode()

NOT_A_SECRET = {
    "None": None,
    "empty": "",
    "spaces": "   ",
    "newline": "\n",
    "not-base64": "not base64!!",
    "bad-padding": "abc",
    "only-padding": "====",
    "non-ascii": "sécret==",
    "lone-surrogate": "\ud800abc",
    "bytes-not-ascii": b"\xff\xfe",
    "empty-bytes": b"",
    "int": 12345,
    "float": 1.5,
    "empty-list": [],
    "empty-tuple": (),
    "list-of-bad": ["", None, "!!", 7],
    "dict": {"current": SECRET},
    "object": object(),
}


@pytest.mark.parametrize("secret", NOT_A_SECRET.values(), ids=NOT_A_SECRET.keys())
def test_an_unusable_secret_is_invalid_secret_not_a_type_error(secret: object) -> None:
    with pytest.raises(WebhookVerificationError) as info:
        verify(BODY, HEADERS, secret, now=NOW)  # type: ignore[arg-type]
    assert info.value.reason == "invalid_secret"
    assert "secret" in str(info.value)


def test_the_secret_is_checked_before_the_request() -> None:
    """A misconfigured secret fails the same way on every callback, even one with no headers."""
    with pytest.raises(WebhookVerificationError) as info:
        verify(b"", {}, None, now=NOW)  # type: ignore[arg-type]
    assert info.value.reason == "invalid_secret"
    assert "None" in str(info.value)


@pytest.mark.parametrize(
    "bad",
    ["", "   ", "not base64!!", None, 42, b"\xff", "\ud800", ["nested"]],
    ids=["empty", "spaces", "not-base64", "None", "int", "bytes-not-ascii", "surrogate", "list"],
)
def test_one_bad_entry_in_a_list_of_secrets_is_skipped(bad: object) -> None:
    assert verify(BODY, HEADERS, [bad, SECRET], now=NOW) == PAYLOAD  # type: ignore[list-item]
    assert verify(BODY, HEADERS, (SECRET, bad), now=NOW) == PAYLOAD  # type: ignore[arg-type]


def test_a_list_whose_only_good_secret_does_not_match_says_bad_ones_were_skipped() -> None:
    with pytest.raises(WebhookVerificationError, match="1 unusable secret") as info:
        verify(BODY, HEADERS, ["!!", OLD_SECRET], now=NOW)
    assert info.value.reason == "no_matching_signature"


def test_secrets_may_come_from_any_iterable_and_as_bytes() -> None:
    assert verify(BODY, HEADERS, iter([OLD_SECRET, SECRET]), now=NOW) == PAYLOAD
    assert verify(BODY, HEADERS, SECRET.encode(), now=NOW) == PAYLOAD
    assert verify(BODY, HEADERS, f"  {SECRET}\n", now=NOW) == PAYLOAD  # pasted from a .env file


def test_sign_refuses_an_unusable_secret_rather_than_skipping_it() -> None:
    for secret in (None, "", ["!!", SECRET]):
        with pytest.raises(WebhookVerificationError) as info:
            sign(BODY, secret, callback_id="cb_1", timestamp=NOW)  # type: ignore[arg-type]
        assert info.value.reason == "invalid_secret"
    with pytest.raises(WebhookVerificationError):
        compute_signature(BODY, None, callback_id="cb_1", timestamp=NOW)  # type: ignore[arg-type]


def _refusals(secret: object) -> list[WebhookVerificationError]:
    """A refusal for every reason, each made while verifying with ``secret``."""
    foreign = signed(secret=FOREIGN_SECRET)  # signed with a key the receiver does not hold
    cases = [
        (BODY, foreign, secret),  # no_matching_signature
        (BODY.replace(b"completed", b"failed"), foreign, secret),  # no_matching_signature
        (BODY, {**foreign, "X-Callback-Timestamp": str(NOW - 999)}, secret),  # timestamp_outside_tolerance
        (BODY, {**foreign, "X-Callback-Timestamp": "soon"}, secret),  # invalid_timestamp
        (BODY, {}, secret),  # missing_header
        (BODY, None, secret),  # invalid_header
        (BODY, {**foreign, "X-Callback-Id": "\ud800"}, secret),  # invalid_header
        (None, foreign, secret),  # invalid_body
        (b"[1]", sign(b"[1]", [secret, FOREIGN_SECRET], callback_id="cb_1", timestamp=NOW), secret),  # invalid_body
        (BODY, foreign, [secret, "!!"]),  # no_matching_signature with a skipped entry
        (BODY, foreign, str(secret) + "!"),  # invalid_secret: the secret itself is malformed
        (BODY, foreign, [str(secret) + "!", ""]),  # invalid_secret: none usable
    ]
    refusals = []
    for body, headers, key in cases:
        try:
            verify(body, headers, key, now=NOW)  # type: ignore[arg-type]
        except WebhookVerificationError as exc:
            refusals.append(exc)
    return refusals


@pytest.mark.parametrize("secret", [SECRET, OLD_SECRET], ids=["receiver-secret", "other-secret"])
def test_no_refusal_shows_the_secret_in_str_repr_traceback_or_pickle(secret: str) -> None:
    refusals = _refusals(secret)
    assert len(refusals) == 12
    assert {exc.reason for exc in refusals} >= {
        "no_matching_signature",
        "timestamp_outside_tolerance",
        "invalid_timestamp",
        "missing_header",
        "invalid_header",
        "invalid_body",
        "invalid_secret",
    }
    decoded = base64.b64decode(secret).decode()
    for exc in refusals:
        shown = [str(exc), repr(exc), "".join(traceback.format_exception(exc)), repr(pickle.loads(pickle.dumps(exc)))]
        for text in shown:
            assert secret not in text and decoded not in text and secret.rstrip("=") not in text, exc.reason


def test_a_malformed_secret_is_not_echoed_either() -> None:
    for secret in ("not base64 but secret!!", "c2VjcmV0\ud800", "hunter2-hunter2"):
        with pytest.raises(WebhookVerificationError) as info:
            verify(BODY, HEADERS, secret, now=NOW)
        assert secret not in str(info.value) and secret not in repr(info.value)


def test_unwrap_refusals_do_not_show_the_secret() -> None:
    for headers in (signed(secret=OLD_SECRET), {}):
        with pytest.raises(WebhookVerificationError) as info:
            unwrap(BODY, headers, SECRET, now=NOW)
        assert SECRET not in str(info.value) + repr(info.value) and KEY_TEXT not in str(info.value)


def test_nothing_is_logged_with_the_secret(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    _refusals(SECRET)
    verify(BODY, HEADERS, ["!!", SECRET], now=NOW)
    assert SECRET not in caplog.text and KEY_TEXT not in caplog.text


def test_the_error_pickles_with_its_reason() -> None:
    exc = pickle.loads(pickle.dumps(WebhookVerificationError("missing X-Callback-Id header", reason="missing_header")))
    assert isinstance(exc, webhooks.WebhookVerificationError)
    assert (str(exc), exc.reason) == ("missing X-Callback-Id header", "missing_header")
    assert repr(exc) == "WebhookVerificationError('missing X-Callback-Id header', reason='missing_header')"
