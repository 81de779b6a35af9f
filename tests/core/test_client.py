"""The client's configuration, headers, errors, and keeping the API key secret."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import requests
import responses
from responses import matchers

import runapi
from tests.conftest import API_KEY, BASE_URL, FakeClock

LYRICS = f"{BASE_URL}/api/v1/suno/generate_lyrics"


def test_missing_api_key_is_a_clear_error() -> None:
    with pytest.raises(runapi.MissingAPIKeyError, match="RUNAPI_API_KEY"):
        runapi.Client()


def test_api_key_and_base_url_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNAPI_API_KEY", "env-key")
    monkeypatch.setenv("RUNAPI_BASE_URL", "http://127.0.0.1:8910/")
    with responses.RequestsMock() as mock:
        mock.get(
            "http://127.0.0.1:8910/api/v1/me/balance",
            json={"balance_cents": 10000, "spent_cents_today": 150, "spent_cents_total": 5420},
            match=[matchers.header_matcher({"Authorization": "Bearer env-key"})],
        )
        balance = runapi.Client().get_balance()
    assert balance == runapi.Balance(balance_cents=10000, spent_cents_today=150, spent_cents_total=5420)


def test_default_base_url_is_runapi_ai() -> None:
    assert runapi.Client(api_key="k").base_url == "https://runapi.ai"


@pytest.mark.parametrize("url", ["runapi.ai", "ftp://runapi.ai", ""])
def test_bad_base_url_is_refused(url: str) -> None:
    with pytest.raises(runapi.ValidationError, match="base_url"):
        runapi.Client(api_key="k", base_url=url or "http://")


@responses.activate
def test_requests_carry_bearer_auth_user_agent_and_extra_headers(client: runapi.Client) -> None:
    responses.get(f"{LYRICS}/t1", json={"id": "t1", "status": "processing"})

    client.suno.generate_lyrics.with_options(extra_headers={"X-Trace": "abc"}).get("t1")

    headers = responses.calls[0].request.headers
    assert headers["Authorization"] == f"Bearer {API_KEY}"
    assert headers["User-Agent"].startswith(f"runapi-python/{runapi.__version__}")
    assert headers["X-Trace"] == "abc"
    assert "Idempotency-Key" not in headers  # only creates carry one


@responses.activate
def test_extra_headers_cannot_replace_authorization(client: runapi.Client) -> None:
    responses.get(f"{LYRICS}/t1", json={"id": "t1", "status": "processing"})
    client.suno.generate_lyrics.with_options(extra_headers={"Authorization": "Bearer other"}).get("t1")
    assert responses.calls[0].request.headers["Authorization"] == f"Bearer {API_KEY}"


def test_timeouts_are_separate_connect_and_read() -> None:
    assert runapi.Client(api_key="k").timeout == runapi.Timeout(connect=10.0, read=60.0)
    assert runapi.Client(api_key="k", timeout=5).timeout.read == 5.0
    assert runapi.Client(api_key="k", timeout=(2, 30)).timeout.connect == 2.0


def test_the_timeout_reaches_requests(client: runapi.Client, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = {}

    def fake_request(method: str, url: str, **kwargs: object) -> requests.Response:
        seen["timeout"] = kwargs["timeout"]
        raise requests.ConnectTimeout("boom")

    monkeypatch.setattr(client._transport.session, "request", fake_request)
    with pytest.raises(runapi.APITimeoutError):
        client.suno.generate_lyrics.with_options(timeout=(1.5, 7), max_retries=0).get("t1")
    assert seen["timeout"] == (1.5, 7.0)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, runapi.BadRequestError),
        (401, runapi.AuthenticationError),
        (402, runapi.PaymentRequiredError),
        (403, runapi.PermissionDeniedError),
        (404, runapi.NotFoundError),
        (408, runapi.RequestTimeoutError),
        (409, runapi.IdempotencyConflictError),
        (413, runapi.PayloadTooLargeError),
        (415, runapi.UnsupportedMediaTypeError),
        (422, runapi.UnprocessableEntityError),
        (429, runapi.RateLimitError),
        (500, runapi.InternalServerError),
        (502, runapi.ServerError),
        (503, runapi.ServiceUnavailableError),
        (531, runapi.ServerError),
        (418, runapi.APIStatusError),
    ],
)
@responses.activate
def test_each_documented_status_has_its_error_class(
    client: runapi.Client, status: int, cls: type[runapi.APIStatusError]
) -> None:
    responses.post(LYRICS, status=status, json={"error": "Insufficient credits"}, headers={"X-Request-Id": "req_1"})

    with pytest.raises(cls) as info:
        client.with_options(max_retries=0).suno.generate_lyrics.create(prompt="x")

    err = info.value
    assert type(err) is cls
    assert isinstance(err, runapi.APIError) and isinstance(err, runapi.RunAPIError)
    assert err.status_code == status
    assert err.message == "Insufficient credits"
    assert err.body == {"error": "Insufficient credits"}
    assert err.headers["x-request-id"] == "req_1"
    assert err.request_id == "req_1"
    assert str(err).startswith(f"{status} Insufficient credits (POST {LYRICS})")


@pytest.mark.parametrize(
    ("status", "body", "code"),
    [
        (400, {"error": "SENSITIVE_WORD_ERROR"}, "SENSITIVE_WORD_ERROR"),
        (402, {"error": "INSUFFICIENT_QUOTA"}, "INSUFFICIENT_QUOTA"),
        (531, {"error": "REFUNDED"}, "REFUNDED"),
        (400, {"code": "SENSITIVE_WORD_ERROR", "error": "Prompt contains sensitive words."}, "SENSITIVE_WORD_ERROR"),
        (400, {"error": "Missing required parameter: prompt"}, None),
    ],
)
@responses.activate
def test_suno_error_codes_survive_as_code(client: runapi.Client, status: int, body: dict[str, str], code: str) -> None:
    responses.post(f"{BASE_URL}/api/v1/suno/text_to_music", status=status, json=body)
    with pytest.raises(runapi.APIStatusError) as info:
        client.with_options(max_retries=0).suno.text_to_music.create(vocal_mode="instrumental", model="suno-v5")
    assert info.value.code == code


@responses.activate
def test_a_non_json_error_body_is_kept_as_text(client: runapi.Client) -> None:
    responses.get(f"{LYRICS}/t1", status=502, body="<html>Bad gateway</html>")
    with pytest.raises(runapi.ServerError) as info:
        client.with_options(max_retries=0).suno.generate_lyrics.get("t1")
    assert info.value.body == "<html>Bad gateway</html>"


@responses.activate
def test_a_2xx_that_is_not_json_is_a_response_validation_error(client: runapi.Client) -> None:
    responses.get(f"{LYRICS}/t1", body="OK")
    with pytest.raises(runapi.APIResponseValidationError):
        client.suno.generate_lyrics.get("t1")


@responses.activate
def test_any_2xx_is_success(client: runapi.Client) -> None:
    responses.post(LYRICS, status=201, json={"id": "t1"})
    task = client.suno.generate_lyrics.create(prompt="x")
    assert (task.id, task.status) == ("t1", "processing")  # Quick Start's create answer has no status


def test_download_writes_the_file_and_sends_no_api_key(client: runapi.Client, tmp_path: Path) -> None:
    with responses.RequestsMock() as mock:
        mock.get("https://file.runapi.ai/generated/image1.png", body=b"\x89PNG\r\n\x1a\nrest")
        download = client.download("https://file.runapi.ai/generated/image1.png", tmp_path)
        assert "Authorization" not in mock.calls[0].request.headers
    assert download.path == tmp_path / "image1.png"
    assert download.path.read_bytes() == b"\x89PNG\r\n\x1a\nrest"
    assert download.bytes_written == 12


def test_failed_download_leaves_no_partial_file(client: runapi.Client, tmp_path: Path) -> None:
    with responses.RequestsMock() as mock:
        mock.get("https://file.runapi.ai/x.mp4", status=404, body="gone")
        with pytest.raises(runapi.NotFoundError):
            client.download("https://file.runapi.ai/x.mp4", tmp_path / "x.mp4")
    assert list(tmp_path.iterdir()) == []


def test_context_manager_closes_the_session() -> None:
    closed = []
    with runapi.Client(api_key="k") as c:
        c._transport.session.close = lambda: closed.append(True)  # type: ignore[method-assign]
    assert closed == [True]


def test_a_callers_session_is_used_and_left_open() -> None:
    session = requests.Session()
    closed = []
    session.close = lambda: closed.append(True)  # type: ignore[method-assign]
    with runapi.Client(api_key="k", session=session) as c:
        assert c._transport.session is session
    assert closed == []


def test_with_options_shares_the_pool_and_keeps_the_original(client: runapi.Client) -> None:
    assert client.suno._client is client  # cache the accessor before cloning
    other = client.with_options(max_retries=5, poll_interval=0.5)
    assert other.suno._client is other and client.suno._client is client
    assert other._transport is client._transport
    assert other.retry_policy.max_retries == 5 and client.retry_policy.max_retries == 2
    assert other.poll_policy.interval == 0.5 and client.poll_policy.interval is None


@pytest.mark.parametrize("bad", [-1, 1.5, True])
def test_bad_max_retries_is_refused(bad: object) -> None:
    with pytest.raises(runapi.ValidationError, match="max_retries"):
        runapi.Client(api_key="k", max_retries=bad)  # type: ignore[arg-type]


# -- the API key never shows -------------------------------------------------------------------


@responses.activate
def test_api_key_is_absent_from_reprs_logs_and_errors(
    client: runapi.Client, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="runapi")
    responses.post(LYRICS, status=429, json={"error": "Rate limit exceeded"}, headers={"Retry-After": "1"})
    responses.post(LYRICS, status=401, json={"error": "Unauthorized"})
    responses.get(f"{LYRICS}/t1", body=requests.ConnectionError("reset"))

    with pytest.raises(runapi.AuthenticationError) as auth:
        client.suno.generate_lyrics.create(prompt="x")
    with pytest.raises(runapi.APIConnectionError) as conn:
        client.suno.generate_lyrics.get("t1")

    seen = [
        repr(client),
        str(client.__dict__.get("base_url")),
        repr(client.suno),
        repr(client.suno.generate_lyrics),
        str(auth.value),
        repr(auth.value),
        repr(auth.value.__dict__),
        str(conn.value),
        repr(conn.value),
        caplog.text,
    ]
    assert "retrying POST /api/v1/suno/generate_lyrics" in caplog.text  # the logs did say something
    for text in seen:
        assert API_KEY not in text
