"""``client.files`` (docs: File Upload): the three upload endpoints, their requests and typed answers.

The request and answer bodies are the docs' examples. HTTP goes through ``responses``.
"""

from __future__ import annotations

import base64
import datetime
import inspect
import io
import json
from pathlib import Path

import pytest
import requests
import responses
from werkzeug.formparser import MultiPartParser

import runapi
from runapi._core.files import Files, UploadedFile
from tests.conftest import API_KEY, BASE_URL

FROM_URL = BASE_URL + "/api/v1/files/from_url"
FROM_STREAM = BASE_URL + "/api/v1/files/from_stream"
FROM_BASE64 = BASE_URL + "/api/v1/files/from_base64"

# docs: File Upload > Upload via URL / Stream / Base64 > Response (HTTP 201)
URL_ANSWER = {
    "file_name": "downloaded-image.png",
    "download_url": "https://your-cdn.com/...",
    "file_size": 204800,
    "mime_type": "image/png",
    "uploaded_at": "2025-01-24T10:30:00Z",
}
STREAM_ANSWER = {**URL_ANSWER, "file_name": "my-uploaded-image.png"}
BASE64_ANSWER = {**URL_ANSWER, "file_name": "base64-image.png", "file_size": 68}
PNG_DATA_URL = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAA"


def multipart(request: requests.PreparedRequest) -> tuple[dict[str, str], dict[str, tuple[str | None, bytes]]]:
    body = request.body
    data = body if isinstance(body, bytes) else b"".join(iter(body))  # type: ignore[arg-type]
    boundary = str(request.headers["Content-Type"]).split("boundary=", 1)[1].encode()
    form, files = MultiPartParser().parse(io.BytesIO(data), boundary, len(data))
    parts = {}
    for name, part in files.items():
        parts[name] = (part.filename, part.read())
        part.close()
    return dict(form), parts


@responses.activate
def test_from_url_sends_the_docs_body_and_returns_the_stored_file(client: runapi.Client) -> None:
    responses.post(FROM_URL, status=201, json=URL_ANSWER)
    stored = client.files.from_url(
        file_url="https://cdn.runapi.ai/public/samples/image.jpg", file_name="downloaded-image.png"
    )
    assert isinstance(stored, runapi.UploadedFile)
    assert stored.download_url == "https://your-cdn.com/..." and stored.file_size == 204800
    assert stored.file_name == "downloaded-image.png" and stored.mime_type == "image/png"
    assert stored.raw == URL_ANSWER
    (call,) = responses.calls
    assert json.loads(call.request.body or b"") == {
        "file_url": "https://cdn.runapi.ai/public/samples/image.jpg",
        "file_name": "downloaded-image.png",
    }
    assert call.request.headers["Authorization"] == f"Bearer {API_KEY}"
    assert call.request.headers["Content-Type"] == "application/json"


@responses.activate
def test_from_stream_sends_the_documented_multipart_form(client: runapi.Client, tmp_path: Path) -> None:
    image = tmp_path / "file.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" * 100)
    responses.post(FROM_STREAM, status=201, json=STREAM_ANSWER)
    stored = client.files.from_stream(file=image, file_name="my-uploaded-image.png")
    assert stored.file_name == "my-uploaded-image.png"
    (call,) = responses.calls
    form, files = multipart(call.request)
    assert form == {"file_name": "my-uploaded-image.png"}
    assert files == {"file": ("file.png", image.read_bytes())}
    assert call.request.headers["Content-Length"] == str(len(call.request.body or b""))


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda p: str(p), id="str path"),
        pytest.param(lambda p: p.read_bytes(), id="bytes"),
        pytest.param(lambda p: bytearray(p.read_bytes()), id="bytearray"),
        pytest.param(lambda p: io.BytesIO(p.read_bytes()), id="BytesIO"),
        pytest.param(lambda p: open(p, "rb"), id="open file"),  # noqa: SIM115 - closed below
    ],
)
@responses.activate
def test_from_stream_takes_paths_bytes_and_binary_files(client: runapi.Client, tmp_path: Path, make: object) -> None:
    song = tmp_path / "song.mp3"
    song.write_bytes(b"ID3" + bytes(1000))
    responses.post(FROM_STREAM, status=201, json=STREAM_ANSWER)
    source = make(song)  # type: ignore[operator]
    try:
        client.files.from_stream(file=source, file_name="song.mp3")
    finally:
        if hasattr(source, "close"):
            source.close()
    _, files = multipart(responses.calls[0].request)
    assert files["file"] == ("song.mp3", song.read_bytes())


@responses.activate
def test_from_base64_sends_the_data_as_given(client: runapi.Client) -> None:
    responses.post(FROM_BASE64, status=201, json=BASE64_ANSWER)
    stored = client.files.from_base64(base64_data=PNG_DATA_URL, file_name="base64-image.png")
    assert stored.file_size == 68
    assert json.loads(responses.calls[0].request.body or b"") == {
        "base64_data": PNG_DATA_URL,
        "file_name": "base64-image.png",
    }


def test_an_uploaded_file_expires_24_hours_after_it_was_uploaded() -> None:
    stored = UploadedFile.from_dict(URL_ANSWER)
    assert stored.expires_at == datetime.datetime(2025, 1, 25, 10, 30, tzinfo=datetime.timezone.utc)
    assert UploadedFile(download_url="u", uploaded_at="2025-01-24T10:30:00+02:00").expires_at == datetime.datetime(
        2025, 1, 25, 8, 30, tzinfo=datetime.timezone.utc
    )
    assert UploadedFile(download_url="u").expires_at is None
    assert UploadedFile(download_url="u", uploaded_at="yesterday").expires_at is None
    assert UploadedFile.from_dict(stored.to_dict()) == stored


@responses.activate
def test_an_answer_without_a_download_url_is_refused(client: runapi.Client) -> None:
    responses.post(FROM_BASE64, status=201, json={"file_name": "x.png"})
    with pytest.raises(runapi.APIResponseValidationError) as info:
        client.files.from_base64(base64_data="aGk=")
    assert info.value.task_may_exist  # a 2xx: the file was stored


@responses.activate
def test_the_docs_error_answers_raise_typed_errors(client: runapi.Client, tmp_path: Path) -> None:
    responses.post(FROM_URL, status=400, json={"error": "Missing required parameter: file_url"})
    with pytest.raises(runapi.BadRequestError, match="Missing required parameter: file_url") as info:
        client.files.from_url(file_url="https://example.com/a.png")
    assert not info.value.task_may_exist and info.value.idempotency_key
    responses.post(FROM_STREAM, status=413, json={"error": "File too large"})
    with pytest.raises(runapi.PayloadTooLargeError):
        client.files.from_stream(file=b"x")
    responses.post(FROM_BASE64, status=401, json={"error": "Unauthorized"})
    with pytest.raises(runapi.AuthenticationError):
        client.files.from_base64(base64_data="aGk=")


@responses.activate
def test_bad_arguments_are_refused_before_any_request(client: runapi.Client, tmp_path: Path) -> None:
    with pytest.raises(runapi.ValidationError, match="file_url must be an absolute http"):
        client.files.from_url(file_url="image.jpg")
    with pytest.raises(runapi.ValidationError, match="file_url"):
        client.files.from_url(file_url=tmp_path / "a.png")  # type: ignore[arg-type]  # a local file: from_stream
    with pytest.raises(runapi.ValidationError, match="missing required parameter 'file'"):
        client.files.from_stream()  # type: ignore[call-arg]
    with pytest.raises(runapi.ValidationError, match="which is no file"):
        client.files.from_stream(file=tmp_path / "missing.png")
    with pytest.raises(runapi.ValidationError, match="base64"):
        client.files.from_base64(base64_data="not base64!")
    with pytest.raises(runapi.ValidationError, match="base64_data"):
        client.files.from_base64(base64_data="  ")
    with pytest.raises(runapi.ValidationError, match="keyword arguments only"):
        client.files.from_url("https://example.com/a.png")  # type: ignore[misc]
    assert len(responses.calls) == 0


# -- the upload limit: "413 File size exceeds maximum allowed size ... (max 10MB)" (docs: Errors) ---------

LIMIT = 10 * 1024 * 1024  # "max 10MB", read as 10,485,760 bytes


def sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as file:
        file.truncate(size)  # a hole: no disk used, read as zeros
    return path


@responses.activate
def test_from_stream_refuses_a_file_over_10_mb_before_sending_anything(client: runapi.Client, tmp_path: Path) -> None:
    big = sparse(tmp_path / "big.mp4", 11 * 1024 * 1024)
    with pytest.raises(runapi.ValidationError) as info:
        client.files.from_stream(file=big, file_name="big.mp4")
    assert info.value.field == "file"
    assert str(info.value) == (
        "file must be a file of at most 10 MB (10,485,760 bytes), the most RunAPI takes in one upload; "
        f"got {big!r} of 11 MB (11,534,336 bytes)"
    )
    with open(big, "rb") as opened, pytest.raises(runapi.ValidationError, match="got a file object of 11 MB"):
        client.files.from_stream(file=opened)
    with pytest.raises(runapi.ValidationError, match=r"got 10 MB \(10,485,761 bytes\)$"):
        client.files.from_stream(file=bytes(LIMIT + 1))
    assert len(responses.calls) == 0


@responses.activate
def test_from_stream_sends_a_file_of_exactly_10_mb(client: runapi.Client, tmp_path: Path) -> None:
    responses.post(FROM_STREAM, status=201, json=STREAM_ANSWER)
    client.files.from_stream(file=sparse(tmp_path / "ten.bin", LIMIT))
    (call,) = responses.calls
    _, files = multipart(call.request)
    assert len(files["file"][1]) == LIMIT


@responses.activate
def test_from_base64_refuses_data_that_decodes_to_over_10_mb(client: runapi.Client) -> None:
    over = "data:video/mp4;base64," + base64.b64encode(bytes(LIMIT + 1)).decode()
    with pytest.raises(runapi.ValidationError) as info:
        client.files.from_base64(base64_data=over)
    assert info.value.field == "base64_data" and "it decodes to 10 MB (10,485,761 bytes)" in str(info.value)
    assert len(responses.calls) == 0
    responses.post(FROM_BASE64, status=201, json=BASE64_ANSWER)
    client.files.from_base64(base64_data=base64.encodebytes(bytes(LIMIT)).decode())  # with line breaks: 10 MB
    assert len(responses.calls) == 1


@responses.activate
def test_with_options_applies_to_an_upload(client: runapi.Client) -> None:
    responses.post(FROM_STREAM, status=201, json=STREAM_ANSWER)
    upload = client.files.from_stream.with_options(extra_headers={"X-Trace": "f1"}, idempotency_key="up-9", timeout=5)
    upload(file=b"abc", file_name="a.txt")
    headers = responses.calls[0].request.headers
    assert headers["X-Trace"] == "f1" and headers["Idempotency-Key"] == "up-9"
    copy = client.with_options(default_headers={"X-Team": "t"})
    assert copy.files is not client.files and copy.files._client is copy
    copy.files.from_stream(file=b"abc")
    assert responses.calls[1].request.headers["X-Team"] == "t"


def test_the_namespace_shows_its_operations_and_parameters(client: runapi.Client) -> None:
    assert isinstance(client.files, Files) and client.files is client.files
    assert "from_stream" in repr(client.files)
    assert list(inspect.signature(client.files.from_stream).parameters) == ["file", "file_name"]
    assert list(inspect.signature(client.files.from_url).parameters) == ["file_url", "file_name"]
    assert list(inspect.signature(client.files.from_base64).parameters) == ["base64_data", "file_name"]
    assert inspect.signature(client.files.from_url).return_annotation is UploadedFile
    assert repr(client.files.from_url) == "<UploadResource from_url: /api/v1/files/from_url>"
