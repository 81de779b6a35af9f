"""The emulator's file uploads (docs: File Upload) over real HTTP, with plain ``requests``.

``from_stream`` (multipart, with a length or chunked), ``from_base64`` and ``from_url`` store a
file in a temporary directory and answer the docs' 201 body; the file is served at its
``download_url`` without auth until 24 hours of the emulator's clock have passed.
"""

from __future__ import annotations

import base64
import http.client
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests

from runapi.emulator import Emulator
from runapi.emulator._files import EXPIRES_AFTER_SECONDS, MAX_UPLOAD_BYTES
from runapi.emulator._media import jpeg, png

from .conftest import API_KEY, NANO, Api, FakeClock

FROM_URL = "/api/v1/files/from_url"
FROM_STREAM = "/api/v1/files/from_stream"
FROM_BASE64 = "/api/v1/files/from_base64"
ANSWER_KEYS = {"file_name", "download_url", "file_size", "mime_type", "uploaded_at"}
TOO_LARGE = {"error": "File size exceeds maximum allowed size"}  # docs: Errors, 413
LIMIT = 10 * 1024 * 1024  # "max 10MB", read as 10,485,760 bytes


def stream(api: Api, content: bytes | Iterator[bytes], *, name: str = "file.png", **form: str) -> requests.Response:
    files = {"file": (name, content)}
    return api.session.post(api.emulator.url + FROM_STREAM, files=files, data=form, timeout=5)


def test_from_stream_stores_the_file_and_serves_it_without_auth(api: Api, emu: Emulator) -> None:
    content = png() * 3
    answer = stream(api, content, file_name="my-uploaded-image.png")
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert set(body) == ANSWER_KEYS
    assert body["file_name"] == "my-uploaded-image.png" and body["file_size"] == len(content)
    assert body["mime_type"] == "image/png" and body["uploaded_at"].endswith("Z")
    assert body["download_url"].startswith(emu.url + "/files/uploads/")
    served = requests.get(body["download_url"], timeout=5)  # no Authorization header
    assert served.status_code == 200 and served.content == content
    assert served.headers["Content-Type"] == "image/png"
    assert requests.head(body["download_url"], timeout=5).status_code == 200
    (upload,) = emu.uploads()
    assert upload["source"] == "from_stream" and upload["file_size"] == len(content)
    assert Path(upload["path"]).read_bytes() == content and upload["expires_in"] == EXPIRES_AFTER_SECONDS


def test_from_stream_names_and_types_the_file_from_its_part(api: Api) -> None:
    body = stream(api, b"ID3...", name="song.mp3").json()
    assert body["file_name"] == "song.mp3" and body["mime_type"] == "audio/mpeg"
    answer = api.session.post(
        api.emulator.url + FROM_STREAM, files={"file": ("blob", b"x", "video/mp4")}, timeout=5
    ).json()
    assert answer["file_name"] == "blob" and answer["mime_type"] == "video/mp4"


def test_from_stream_takes_a_chunked_body(api: Api) -> None:
    def pieces() -> Iterator[bytes]:
        boundary = b"b0undary"
        yield b"--" + boundary + b'\r\nContent-Disposition: form-data; name="file"; filename="c.bin"\r\n\r\n'
        for _ in range(10):
            yield b"\x00" * 100_000
        yield b"\r\n--" + boundary + b"--\r\n"

    answer = api.session.post(
        api.emulator.url + FROM_STREAM,
        data=pieces(),
        headers={"Content-Type": "multipart/form-data; boundary=b0undary"},
        timeout=5,
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["file_size"] == 1_000_000


def test_from_stream_without_a_file_is_the_docs_400(api: Api) -> None:
    answer = api.session.post(api.emulator.url + FROM_STREAM, files={"other": ("a", b"x")}, timeout=5)
    assert answer.status_code == 400 and answer.json() == {"error": "Missing required parameter: file"}
    assert api.post(FROM_STREAM, {"file": "x"}).status_code == 400  # JSON is not the documented form


def test_from_base64_decodes_with_or_without_a_data_url_prefix(api: Api) -> None:
    content = png()
    encoded = base64.b64encode(content).decode()
    body = api.post(FROM_BASE64, {"base64_data": f"data:image/png;base64,{encoded}"}).json()
    assert body["file_name"] == "file.png" and body["mime_type"] == "image/png"
    assert body["file_size"] == len(content)
    assert requests.get(body["download_url"], timeout=5).content == content
    named = api.post(FROM_BASE64, {"base64_data": encoded, "file_name": "base64-image.png"}).json()
    assert named["file_name"] == "base64-image.png" and named["file_size"] == len(content)


def test_from_base64_refuses_what_it_cannot_decode(api: Api) -> None:
    missing = api.post(FROM_BASE64, {"file_name": "a.png"})
    assert missing.status_code == 400 and missing.json() == {"error": "Missing required parameter: base64_data"}
    assert api.post(FROM_BASE64, {"base64_data": "not base64!"}).json() == {"error": "Invalid base64_data"}
    assert api.post(FROM_BASE64, {"base64_data": 5}).status_code == 400


def test_from_url_stores_a_placeholder_of_the_urls_type(api: Api) -> None:
    body = api.post(
        FROM_URL,
        {"file_url": "https://cdn.runapi.ai/public/samples/image.jpg", "file_name": "downloaded-image.png"},
    ).json()
    assert body["file_name"] == "downloaded-image.png" and body["mime_type"] == "image/png"  # the docs' example
    assert requests.get(body["download_url"], timeout=5).content == jpeg()  # offline: the emulator's own JPEG
    other = api.post(FROM_URL, {"file_url": "https://example.com/data/report?id=1"}).json()
    assert other["file_name"] == "report" and other["mime_type"] == "application/octet-stream"
    assert b"placeholder" in requests.get(other["download_url"], timeout=5).content


def test_from_url_copies_the_emulators_own_files(api: Api, fake_clock: FakeClock) -> None:
    content = b"\x89PNG own bytes"
    uploaded = stream(api, content, name="mine.png").json()
    copied = api.post(FROM_URL, {"file_url": uploaded["download_url"]}).json()
    assert copied["download_url"] != uploaded["download_url"] and copied["file_name"] == "mine.png"
    assert requests.get(copied["download_url"], timeout=5).content == content
    task_id = api.create(f"{NANO}/text_to_image")
    fake_clock.advance(60)
    output = api.get(f"{NANO}/text_to_image/{task_id}").json()["images"][0]["url"]
    from_output = api.post(FROM_URL, {"file_url": output}).json()
    assert requests.get(from_output["download_url"], timeout=5).content == requests.get(output, timeout=5).content
    gone = api.post(FROM_URL, {"file_url": api.emulator.url + "/files/uploads/nope/x.png"})
    assert gone.status_code == 400


def test_from_url_refuses_a_missing_or_bad_url(api: Api) -> None:
    missing = api.post(FROM_URL, {"file_name": "a.png"})
    assert missing.status_code == 400 and missing.json() == {"error": "Missing required parameter: file_url"}
    assert api.post(FROM_URL, {"file_url": "ftp://example.com/a.png"}).json() == {"error": "Invalid file_url"}
    assert api.post(FROM_URL, {"file_url": "https://example.com/a.png", "file_name": "../x"}).status_code == 400


def test_uploads_need_the_key_downloads_do_not(api: Api, emu: Emulator) -> None:
    anonymous = requests.post(emu.url + FROM_STREAM, files={"file": ("a.png", b"x")}, timeout=5)
    assert anonymous.status_code == 401
    assert requests.post(emu.url + FROM_URL, json={"file_url": "https://e.com/a.png"}, timeout=5).status_code == 401
    assert requests.get(emu.url + "/files/uploads/unknown/a.png", timeout=5).status_code == 404
    assert emu.uploads() == []


def test_a_file_expires_24_hours_after_it_was_stored(api: Api, emu: Emulator, fake_clock: FakeClock) -> None:
    body = stream(api, b"short-lived").json()
    (upload,) = emu.uploads()
    fake_clock.advance(EXPIRES_AFTER_SECONDS - 1)
    assert requests.get(body["download_url"], timeout=5).status_code == 200
    fake_clock.advance(1)
    expired = requests.get(body["download_url"], timeout=5)
    assert expired.status_code == 404 and expired.json() == {"error": "Record does not exist"}
    assert emu.uploads() == [] and not os.path.exists(upload["path"])


def test_stopping_removes_the_stored_files(start_emulator: object) -> None:
    emulator = start_emulator()  # type: ignore[operator]
    api = Api(emulator)
    stream(api, b"bytes")
    folder = Path(emulator.uploads()[0]["path"]).parent
    assert folder.is_dir()
    emulator.stop()
    api.close()
    assert not folder.exists()


def test_uploads_are_logged_without_their_bytes_and_cost_nothing(api: Api, emu: Emulator) -> None:
    before = api.get("/api/v1/me/balance").json()
    stream(api, b"x" * 100_000)
    api.post(FROM_BASE64, {"base64_data": "aGk=", "file_name": "hi.txt"})
    entries = [e for e in emu.requests() if e["path"].startswith("/api/v1/files/")]
    assert [(e["path"], e["status"]) for e in entries] == [(FROM_STREAM, 201), (FROM_BASE64, 201)]
    assert entries[0]["json"] is None and entries[1]["json"] == {"base64_data": "aGk=", "file_name": "hi.txt"}
    assert api.get("/api/v1/me/balance").json() == before


def test_faults_hit_uploads_like_any_request(api: Api, emu: Emulator) -> None:
    emu.inject("rate_limit", path=FROM_STREAM)
    refused = stream(api, b"x" * 1000)
    assert refused.status_code == 429 and emu.uploads() == []
    emu.inject("drop", path=FROM_STREAM, after_handling=True)
    with pytest.raises(requests.ConnectionError):
        stream(api, b"stored, then lost")
    assert len(emu.uploads()) == 1  # handled: the file is stored although no answer came back


def test_a_wrong_key_is_refused(emu: Emulator) -> None:
    with requests.post(
        emu.url + FROM_BASE64, json={"base64_data": "aGk="}, headers={"Authorization": "Bearer nope"}, timeout=5
    ) as answer:
        assert answer.status_code == 401
    assert API_KEY != "nope"


# -- the upload limit: "413 File size exceeds maximum allowed size ... (max 10MB)" (docs: Errors) ---------


def chunked_file(size: int, *, boundary: bytes = b"b0undary") -> Iterator[bytes]:
    """A multipart body with one file part of ``size`` zero bytes, in 64 KiB pieces (sent chunked)."""
    yield b"--" + boundary + b'\r\nContent-Disposition: form-data; name="file"; filename="z.bin"\r\n\r\n'
    left = size
    while left:
        piece = min(left, 1 << 16)
        yield bytes(piece)
        left -= piece
    yield b"\r\n--" + boundary + b"--\r\n"


def post_chunked(api: Api, body: Iterator[bytes]) -> requests.Response:
    headers = {"Content-Type": "multipart/form-data; boundary=b0undary"}
    return api.session.post(api.emulator.url + FROM_STREAM, data=body, headers=headers, timeout=10)


def test_an_announced_2_gb_upload_is_the_docs_413_before_its_body_is_read(api: Api, emu: Emulator) -> None:
    host, port = emu.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=5)
    connection.putrequest("POST", FROM_STREAM)
    connection.putheader("Authorization", f"Bearer {API_KEY}")
    connection.putheader("Content-Type", "multipart/form-data; boundary=b0undary")
    connection.putheader("Content-Length", str(2 * 1024 * 1024 * 1024))
    connection.endheaders()  # the headers only: the answer cannot wait for 2 GB that never come
    answer = connection.getresponse()
    assert answer.status == 413 and answer.read() == b'{"error": "File size exceeds maximum allowed size"}'
    connection.close()
    assert emu.uploads() == []
    (entry,) = [e for e in emu.requests() if e["path"] == FROM_STREAM]
    assert entry["status"] == 413 and entry["json"] is None


def test_a_chunked_upload_is_counted_and_refused_once_past_10_mb(api: Api, emu: Emulator) -> None:
    refused = post_chunked(api, chunked_file(LIMIT + 1))  # no Content-Length: only counting can tell
    assert refused.status_code == 413 and refused.json() == TOO_LARGE
    assert emu.uploads() == []
    kept = stream(api, b"small")
    assert kept.status_code == 201
    (upload,) = emu.uploads()
    assert os.listdir(Path(upload["path"]).parent) == [upload["id"]]  # the refused part left no file behind


def test_an_upload_of_exactly_10_mb_is_stored(api: Api, emu: Emulator) -> None:
    assert MAX_UPLOAD_BYTES == LIMIT
    answer = post_chunked(api, chunked_file(LIMIT))
    assert answer.status_code == 201, answer.text
    assert answer.json()["file_size"] == LIMIT and emu.uploads()[0]["file_size"] == LIMIT


def test_base64_over_10_mb_decoded_is_the_docs_413(api: Api, emu: Emulator) -> None:
    over = api.post(FROM_BASE64, {"base64_data": base64.b64encode(bytes(LIMIT + 1)).decode()})
    assert over.status_code == 413 and over.json() == TOO_LARGE and emu.uploads() == []
    at = api.post(FROM_BASE64, {"base64_data": base64.b64encode(bytes(LIMIT)).decode(), "file_name": "ten.bin"})
    assert at.status_code == 201 and at.json()["file_size"] == LIMIT


def test_the_limit_is_an_emulator_option(start_emulator: Callable[..., Emulator]) -> None:
    small = Api(start_emulator(max_upload_bytes=1_000))
    assert stream(small, bytes(1_001)).status_code == 413
    assert small.post(FROM_BASE64, {"base64_data": base64.b64encode(bytes(1_001)).decode()}).status_code == 413
    assert stream(small, bytes(1_000)).status_code == 201
    small.close()
    for bad in (0, -1, 1.5, "10MB"):
        with pytest.raises(ValueError, match="max_upload_bytes"):
            Emulator(max_upload_bytes=bad)  # type: ignore[arg-type]
