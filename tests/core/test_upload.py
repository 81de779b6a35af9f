"""The core's file uploads: the streamed multipart body, the upload operation kind, and local files
given for URL parameters (uploaded first, sent as their download URL).

A small family declared here stands in for the documented ones, so these tests check the core
once for every family: its params use ``HttpUrl``, ``Sequence[HttpUrl]``, ``CallbackUrl`` and a
nested params class with a URL. HTTP goes through ``responses``; nothing sleeps for real.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest
import requests
import responses
from responses.registries import OrderedRegistry
from werkzeug.formparser import MultiPartParser

import runapi
import runapi._client
from runapi._core import params as params_module
from runapi._core.models import Result, Task
from runapi._core.multipart import CHUNK, Multipart
from runapi._core.operations import DirectOperation, Family, TaskOperation, UploadOperation
from runapi._core.params import MB, CallbackUrl, FileInput, HttpUrl, field, max_bytes, params, size_text, text, url_list
from runapi._core.transport import Request, RequestsTransport
from tests.conftest import API_KEY, BASE_URL, FakeClock

FROM_STREAM = BASE_URL + "/api/v1/files/from_stream"
CREATE_PATH = "/api/v1/test/edit"
CREATE = BASE_URL + CREATE_PATH
DIRECT = BASE_URL + "/api/v1/test/describe"
UPLOAD_JSON = BASE_URL + "/api/v1/test/upload_json"
UPLOAD_FILE = BASE_URL + "/api/v1/test/upload_file"
SIZED = BASE_URL + "/api/v1/test/sized"
LIMIT = 10 * 1024 * 1024  # the docs' "max 10MB", as the SDK reads it


# -- a test family -----------------------------------------------------------------------------


@params
class Clip:
    url: HttpUrl
    seconds: float | None = None


@params
class EditParams:
    prompt: str = field(text(max_length=20))
    source_image_url: HttpUrl | None = None
    reference_image_urls: Sequence[HttpUrl] | None = field(url_list(max_items=3), default=None)
    clips: list[Clip] | None = None
    callback_url: CallbackUrl | None = None


@params
class SizedParams:
    """File URL parameters with documented size limits (1,000 bytes here, to keep the files small)."""

    source_image_url: HttpUrl = field(max_bytes(1_000))
    reference_image_urls: Sequence[HttpUrl] | None = field(url_list(max_items=3), max_bytes(1_000), default=None)
    character_urls: Sequence[HttpUrl] | None = field(max_bytes(1_500, total=True), default=None)


@params
class JsonUploadParams:
    file_url: str
    file_name: str | None = None


@params
class FileUploadParams:
    file: FileInput
    file_name: str | None = None
    folder: str | None = None


@attrs.frozen(kw_only=True)
class Described(Result):
    text: str | None = None


@attrs.frozen(kw_only=True)
class Stored(Result):
    download_url: str
    file_size: int | None = None


class EditFamily(Family):
    edit = TaskOperation(CREATE_PATH, EditParams, Task)
    sized = TaskOperation("/api/v1/test/sized", SizedParams, Task)
    describe = DirectOperation("/api/v1/test/describe", EditParams, Described)
    upload_json = UploadOperation("/api/v1/test/upload_json", JsonUploadParams, Stored)
    upload_file = UploadOperation("/api/v1/test/upload_file", FileUploadParams, Stored)


@pytest.fixture
def family(client: runapi.Client) -> EditFamily:
    return EditFamily(client)


@pytest.fixture
def image(tmp_path: Path) -> Path:
    path = tmp_path / "cat.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    return path


def parse(body: bytes, content_type: str) -> tuple[dict[str, str], dict[str, tuple[str | None, str, bytes]]]:
    """A multipart body's text fields and files (``name -> (filename, content type, bytes)``), as werkzeug reads it."""
    boundary = content_type.split("boundary=", 1)[1].encode()
    form, files = MultiPartParser().parse(io.BytesIO(body), boundary, len(body))
    parts = {}
    for name, part in files.items():
        parts[name] = (part.filename, part.mimetype, part.read())
        part.close()
    return dict(form), parts


class Uploads:
    """A ``responses`` callback for the upload endpoint: records each body, answers 201 with a URL per upload."""

    def __init__(self, statuses: Sequence[int] = ()) -> None:
        self.bodies: list[bytes] = []
        self.headers: list[dict[str, str]] = []
        self.statuses = list(statuses)

    def __call__(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        body = request.body
        data = body if isinstance(body, bytes) else b"".join(iter(body))  # type: ignore[arg-type]
        self.bodies.append(data)
        self.headers.append(dict(request.headers))
        if self.statuses:
            status = self.statuses.pop(0)
            if status >= 300:
                return status, {}, json.dumps({"error": "nope"})
        n = len(self.bodies)
        answer = {"download_url": f"https://cdn.test/u/{n}/file", "file_size": len(data), "mime_type": "image/png"}
        return 201, {}, json.dumps(answer)

    def files(self, index: int = -1) -> dict[str, tuple[str | None, str, bytes]]:
        return parse(self.bodies[index], self.headers[index]["Content-Type"])[1]


def sparse(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no disk (a hole): cheap at any size, read as zeros."""
    with open(path, "wb") as file:
        file.truncate(size)
    return path


def add_uploads(uploads: Uploads, url: str = FROM_STREAM) -> Uploads:
    responses.add_callback(responses.POST, url, callback=uploads)
    return uploads


def sent(url: str) -> list[dict[str, Any]]:
    return [json.loads(c.request.body or b"") for c in responses.calls if c.request.url == url]


# -- the multipart body ------------------------------------------------------------------------


def test_a_body_from_bytes_is_the_documented_form_with_its_exact_length() -> None:
    body = Multipart([("file_name", "my-uploaded-image.png")], "file", b"\x00\x01data", filename="a.png")
    assert body.open().read(0) == b""
    whole = b"".join(iter(body.open()))
    assert len(whole) == body.length and body.content_type.startswith("multipart/form-data; boundary=")
    form, files = parse(whole, body.content_type)
    assert form == {"file_name": "my-uploaded-image.png"}
    assert files == {"file": ("a.png", "image/png", b"\x00\x01data")}


def test_a_path_is_read_from_disk_on_each_open_and_closed_after(image: Path) -> None:
    body = Multipart([], "file", image)
    assert body.filename == "cat.png" and body.file_content_type == "image/png"
    assert body.file_size == image.stat().st_size and body.rewindable
    first = body.open()
    one = b"".join(iter(first))
    assert first._file is None  # closed once read to the end
    two = b"".join(iter(body.open()))
    assert one == two and parse(one, body.content_type)[1]["file"][2] == image.read_bytes()


def test_reads_never_ask_the_file_for_more_than_the_http_library_asked(tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    with open(big, "wb") as out:
        out.truncate(5 * CHUNK + 7)

    asked: list[int] = []

    class Spy(io.FileIO):
        def read(self, size: int = -1) -> bytes:
            asked.append(size)
            return super().read(size)

    with Spy(big, "rb") as source:
        stream = Multipart([], "file", source).open()
        total = 0
        while chunk := stream.read(16384):
            assert len(chunk) <= 16384
            total += len(chunk)
    assert max(asked) <= 16384 and all(size >= 0 for size in asked)
    assert total == Multipart([], "file", big).length


def test_a_seekable_file_object_is_sent_from_its_position_and_rewound_for_a_retry() -> None:
    source = io.BytesIO(b"skip|payload")
    source.seek(5)
    body = Multipart([], "file", source, filename="p.bin")
    assert body.file_size == 7 and body.rewindable
    for _ in range(2):
        assert parse(b"".join(iter(body.open())), body.content_type)[1]["file"][2] == b"payload"
    assert not source.closed  # the caller's object is left open


def test_a_non_seekable_stream_has_no_length_and_is_sent_once() -> None:
    read, write = os.pipe()
    os.write(write, b"from a pipe")
    os.close(write)
    with open(read, "rb", buffering=0) as pipe:
        body = Multipart([], "file", pipe, filename="pipe.bin")
        assert body.length is None and not body.rewindable
        stream = body.open()
        assert not hasattr(stream, "__len__")  # so requests sends it chunked
        assert parse(b"".join(iter(stream)), body.content_type)[1]["file"][2] == b"from a pipe"
        with pytest.raises(OSError, match="cannot be sent twice"):
            body.open()


def test_names_are_quoted_and_the_type_defaults_to_octet_stream() -> None:
    body = Multipart([("note", "x")], "file", b"1", filename='a"b\r\nc')
    whole = b"".join(iter(body.open()))
    assert b'filename="a%22b%0D%0Ac"' in whole and b"application/octet-stream" in whole
    assert Multipart([], "file", b"").filename == "file"


def test_a_text_file_or_another_object_is_refused(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_text("hi")
    with open(tmp_path / "t.txt") as text_file, pytest.raises(TypeError, match="binary file object"):
        Multipart([], "file", text_file)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Multipart([], "file", 42)  # type: ignore[arg-type]


def test_a_file_that_shrinks_while_it_is_sent_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(b"x" * 100)
    stream = Multipart([], "file", path).open()
    stream.read(10**6)  # the head
    path.write_bytes(b"x" * 10)
    stream.read(10**6)
    with pytest.raises(OSError, match="90 bytes early"):
        stream.read(10**6)
    stream.close()


# -- the transport -----------------------------------------------------------------------------


@responses.activate
def test_the_transport_streams_the_body_with_its_length(image: Path) -> None:
    uploads = add_uploads(Uploads(), UPLOAD_FILE)
    body = Multipart([("file_name", "x.png")], "file", image)
    answer = RequestsTransport().send(Request("POST", UPLOAD_FILE, {"Authorization": "Bearer k"}, multipart=body))
    assert answer.status_code == 201
    (headers,) = uploads.headers
    assert headers["Content-Length"] == str(body.length) and headers["Content-Type"] == body.content_type
    assert uploads.files()["file"][2] == image.read_bytes()


@responses.activate
def test_a_body_of_unknown_size_goes_without_a_length() -> None:
    uploads = add_uploads(Uploads(), UPLOAD_FILE)
    read, write = os.pipe()
    os.write(write, b"pipe")
    os.close(write)
    with open(read, "rb", buffering=0) as pipe:
        body = Multipart([], "file", pipe)
        RequestsTransport().send(Request("POST", UPLOAD_FILE, {}, multipart=body))
    assert "Content-Length" not in uploads.headers[0]
    assert uploads.files()["file"][2] == b"pipe"


@responses.activate
def test_a_session_with_cookies_sends_the_stream_through_session_request(image: Path) -> None:
    uploads = add_uploads(Uploads(), UPLOAD_FILE)
    session = requests.Session()
    session.cookies.set("c", "1")
    body = Multipart([], "file", image)
    RequestsTransport(session).send(Request("POST", UPLOAD_FILE, {}, multipart=body))
    assert uploads.headers[0]["Content-Length"] == str(body.length)
    assert uploads.files()["file"][2] == image.read_bytes()


# -- the upload operation kind -----------------------------------------------------------------


@responses.activate
def test_an_upload_without_a_file_field_is_json(family: EditFamily) -> None:
    responses.post(UPLOAD_JSON, status=201, json={"download_url": "https://cdn.test/a", "extra": 1})
    stored = family.upload_json(file_url="https://example.com/a.png", file_name="b.png")
    assert stored == Stored(download_url="https://cdn.test/a") and stored.raw["extra"] == 1
    assert sent(UPLOAD_JSON) == [{"file_url": "https://example.com/a.png", "file_name": "b.png"}]
    assert responses.calls[0].request.headers["Idempotency-Key"]


@responses.activate
def test_an_upload_with_a_file_field_is_streamed_multipart(family: EditFamily, image: Path) -> None:
    uploads = add_uploads(Uploads(), UPLOAD_FILE)
    stored = family.upload_file.with_options(extra_body={"tag": 7})(file=image, file_name="x.png", folder="in")
    assert stored.download_url == "https://cdn.test/u/1/file"
    form, files = parse(uploads.bodies[0], uploads.headers[0]["Content-Type"])
    assert form == {"file_name": "x.png", "folder": "in", "tag": "7"}
    assert files["file"] == ("cat.png", "image/png", image.read_bytes())
    assert uploads.headers[0]["Authorization"] == f"Bearer {API_KEY}"


@responses.activate
def test_bytes_take_the_file_name_as_their_part_name(family: EditFamily) -> None:
    uploads = add_uploads(Uploads(), UPLOAD_FILE)
    family.upload_file(file=b"abc", file_name="notes.txt")
    assert uploads.files()["file"] == ("notes.txt", "text/plain", b"abc")


@responses.activate
def test_an_upload_refused_with_503_is_sent_again_from_its_first_byte(family: EditFamily, image: Path) -> None:
    uploads = add_uploads(Uploads(statuses=[503, 201]), UPLOAD_FILE)
    family.upload_file(file=image)
    assert len(uploads.bodies) == 2 and uploads.bodies[0] == uploads.bodies[1]  # the same bytes again
    assert uploads.headers[0]["Idempotency-Key"] == uploads.headers[1]["Idempotency-Key"]


@responses.activate
def test_an_upload_that_may_be_stored_is_not_sent_again(family: EditFamily, image: Path) -> None:
    uploads = add_uploads(Uploads(statuses=[500, 201]), UPLOAD_FILE)
    with pytest.raises(runapi.InternalServerError) as info:
        family.upload_file(file=image)
    assert len(uploads.bodies) == 1 and info.value.task_may_exist
    assert "the file may have been stored" in str(info.value) and "task" not in str(info.value)


@responses.activate(registry=OrderedRegistry)
def test_a_refused_connection_is_retried_a_dropped_one_is_not(family: EditFamily, image: Path) -> None:
    responses.post(UPLOAD_FILE, body=requests.ConnectionError(ConnectionRefusedError(111, "refused")))
    uploads = add_uploads(Uploads(), UPLOAD_FILE)
    assert family.upload_file(file=image).download_url.startswith("https://cdn.test/")
    assert len(responses.calls) == 2 and len(uploads.bodies) == 1

    responses.post(UPLOAD_FILE, body=requests.ConnectionError(ConnectionResetError(104, "reset")))
    with pytest.raises(runapi.APIConnectionError) as info:
        family.upload_file(file=image)
    assert info.value.task_may_exist and info.value.request_sent


@responses.activate
def test_a_stream_that_cannot_rewind_is_never_retried(family: EditFamily) -> None:
    uploads = add_uploads(Uploads(statuses=[503, 201]), UPLOAD_FILE)
    read, write = os.pipe()
    os.write(write, b"once")
    os.close(write)
    with open(read, "rb", buffering=0) as pipe, pytest.raises(runapi.ServiceUnavailableError) as info:
        family.upload_file(file=pipe)
    assert len(uploads.bodies) == 1 and not info.value.task_may_exist


@responses.activate
def test_upload_params_are_checked_before_anything_is_sent(family: EditFamily, tmp_path: Path) -> None:
    with pytest.raises(runapi.ValidationError, match="which is no file") as info:
        family.upload_file(file=tmp_path / "missing.png")
    assert info.value.field == "file"
    with pytest.raises(runapi.ValidationError, match="binary file object"):
        family.upload_file(file=12)  # type: ignore[arg-type]
    with open(tmp_path / "t.txt", "w") as text_file, pytest.raises(runapi.ValidationError):
        family.upload_file(file=text_file)  # type: ignore[arg-type]
    assert len(responses.calls) == 0


@responses.activate
def test_a_key_of_your_own_names_one_upload(family: EditFamily, image: Path, tmp_path: Path) -> None:
    add_uploads(Uploads(), UPLOAD_FILE)
    endpoint = family.upload_file.with_options(idempotency_key="up-1")
    endpoint(file=image)
    endpoint(file=image)  # a retry of the same upload
    other = tmp_path / "dog.png"
    other.write_bytes(b"dog")
    with pytest.raises(runapi.ValidationError, match="idempotency_key"):
        endpoint(file=other)
    assert {c.request.headers["Idempotency-Key"] for c in responses.calls} == {"up-1"}


def test_an_upload_operation_takes_at_most_one_file_field() -> None:
    @params
    class Two:
        a: FileInput
        b: FileInput

    with pytest.raises(TypeError, match="more than one FileInput"):
        UploadOperation("/x", Two, Stored)


# -- local files for URL parameters ------------------------------------------------------------


@responses.activate(registry=OrderedRegistry)
def test_a_path_for_a_url_parameter_is_uploaded_first(family: EditFamily, image: Path) -> None:
    uploads = add_uploads(Uploads())
    responses.post(CREATE, status=202, json={"id": "t1", "status": "processing"})
    task = family.edit.create(prompt="hat", source_image_url=image)
    assert task.id == "t1"
    assert [c.request.url for c in responses.calls] == [FROM_STREAM, CREATE]
    assert sent(CREATE) == [{"prompt": "hat", "source_image_url": "https://cdn.test/u/1/file"}]
    assert uploads.files()["file"] == ("cat.png", "image/png", image.read_bytes())


@responses.activate
def test_lists_nested_objects_and_repeats_upload_each_file_once(
    family: EditFamily, image: Path, tmp_path: Path
) -> None:
    uploads = add_uploads(Uploads())
    responses.post(CREATE, status=202, json={"id": "t1"})
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"mp4")
    family.edit.create(
        prompt="hat",
        reference_image_urls=[image, "https://example.com/b.png", image],
        clips=[{"url": clip, "seconds": 2}, Clip(url=clip)],
    )
    assert len(uploads.bodies) == 2  # cat.png and clip.mp4
    (body,) = sent(CREATE)
    cat, clip_url = "https://cdn.test/u/1/file", "https://cdn.test/u/2/file"
    assert body["reference_image_urls"] == [cat, "https://example.com/b.png", cat]
    assert body["clips"] == [{"url": clip_url, "seconds": 2}, {"url": clip_url}]


@responses.activate
def test_a_direct_call_uploads_too(family: EditFamily, image: Path) -> None:
    add_uploads(Uploads())
    responses.post(DIRECT, json={"text": "a cat"})
    assert family.describe(prompt="what", source_image_url=image).text == "a cat"
    assert sent(DIRECT) == [{"prompt": "what", "source_image_url": "https://cdn.test/u/1/file"}]


@responses.activate
def test_run_uploads_creates_and_polls(family: EditFamily, image: Path) -> None:
    add_uploads(Uploads())
    responses.post(CREATE, status=202, json={"id": "t1"})
    responses.get(CREATE + "/t1", json={"id": "t1", "status": "completed"})
    assert family.edit.run(prompt="hat", source_image_url=image).is_completed


@responses.activate
def test_mistakes_are_refused_before_any_upload(family: EditFamily, image: Path, tmp_path: Path) -> None:
    with pytest.raises(runapi.ValidationError, match="callback_url must be an absolute http") as info:
        family.edit.create(prompt="hat", callback_url=image)  # type: ignore[arg-type]
    assert info.value.field == "callback_url"
    with pytest.raises(runapi.ValidationError, match="which is no file") as info:
        family.edit.create(prompt="hat", reference_image_urls=[image, tmp_path / "nope.png"])
    assert info.value.field == "reference_image_urls[1]"
    with pytest.raises(runapi.ValidationError, match="which is no file") as info:
        family.edit.create(prompt="hat", clips=[{"url": tmp_path / "nope.mp4"}])
    assert info.value.field == "clips[0].url"
    with pytest.raises(runapi.ValidationError, match="prompt"):
        family.edit.create(prompt="x" * 21, source_image_url=image)  # another field: nothing uploaded
    with pytest.raises(runapi.ValidationError) as info:
        family.edit.create(prompt="hat", reference_image_urls=[image, 5])  # type: ignore[list-item]
    assert f"got [{type(image).__name__}('" in str(info.value)  # the caller's values, not their stand-ins
    assert "local-file.invalid" not in str(info.value)
    with pytest.raises(runapi.ValidationError, match="absolute http"):
        family.edit.create(prompt="hat", source_image_url=str(image))  # a str is a URL, never a path
    assert len(responses.calls) == 0


@responses.activate
def test_a_failed_upload_raises_with_no_task_and_the_creates_key(family: EditFamily, image: Path) -> None:
    add_uploads(Uploads(statuses=[500]))
    with pytest.raises(runapi.InternalServerError) as info:
        family.edit.with_options(idempotency_key="job-7").create(prompt="hat", source_image_url=image)
    assert not info.value.task_may_exist and info.value.idempotency_key == "job-7"
    assert info.value.url == FROM_STREAM
    assert [c.request.url for c in responses.calls] == [FROM_STREAM]


@responses.activate
def test_the_creates_options_apply_to_its_uploads(family: EditFamily, image: Path) -> None:
    uploads = add_uploads(Uploads())
    responses.post(CREATE, status=202, json={"id": "t1"})
    family.edit.with_options(extra_headers={"X-Trace": "t9"}).create(prompt="hat", source_image_url=image)
    assert uploads.headers[0]["X-Trace"] == "t9"
    assert responses.calls[1].request.headers["X-Trace"] == "t9"


@responses.activate
def test_an_unchanged_file_is_uploaded_once_per_client_for_23_hours(
    family: EditFamily, client: runapi.Client, clock: FakeClock, image: Path
) -> None:
    uploads = add_uploads(Uploads())
    responses.post(CREATE, status=202, json={"id": "t1"})

    def create(on: EditFamily = family) -> str:
        on.edit.create(prompt="hat", source_image_url=image)
        return str(sent(CREATE)[-1]["source_image_url"])

    first = create()
    assert create() == first and len(uploads.bodies) == 1
    assert create(EditFamily(client.with_options(timeout=5))) == first  # a copy shares the uploads
    clock.now += 23 * 3600
    assert create() != first and len(uploads.bodies) == 2  # too close to the docs' 24-hour expiry
    second = create()
    image.write_bytes(b"changed")
    os.utime(image, ns=(1, 1))
    assert create() != second and len(uploads.bodies) == 3
    other = EditFamily(client.with_options(base_url="https://other.test"))
    responses.add_callback(responses.POST, "https://other.test/api/v1/files/from_stream", callback=uploads)
    responses.post("https://other.test" + CREATE_PATH, status=202, json={"id": "t2"})
    other.edit.create(prompt="hat", source_image_url=image)
    assert len(uploads.bodies) == 4  # another server: uploaded there


@responses.activate
def test_a_retry_with_the_same_key_sends_the_same_body(family: EditFamily, image: Path, tmp_path: Path) -> None:
    add_uploads(Uploads())
    responses.post(CREATE, status=202, json={"id": "t1"})
    endpoint = family.edit.with_options(idempotency_key="job-1")
    endpoint.create(prompt="hat", source_image_url=image)
    endpoint.create(prompt="hat", source_image_url=image)
    first, second = sent(CREATE)
    assert first == second
    other = tmp_path / "dog.png"
    other.write_bytes(b"dog")
    with pytest.raises(runapi.ValidationError, match="idempotency_key"):
        endpoint.create(prompt="hat", source_image_url=other)


def test_a_params_object_takes_a_local_file_where_a_url_goes(image: Path, tmp_path: Path) -> None:
    assert Clip(url=image).url == image
    assert EditParams(prompt="p", reference_image_urls=(image, "https://e.com/a")).reference_image_urls
    with pytest.raises(runapi.ValidationError, match="which is no file"):
        Clip(url=tmp_path / "missing")
    with pytest.raises(runapi.ValidationError, match="callback_url"):
        EditParams(prompt="p", callback_url=image)  # type: ignore[arg-type]


# -- every family ------------------------------------------------------------------------------


def _family_params() -> list[type]:
    import importlib

    from runapi._core.operations import FamilyAttribute, _Operation

    found: list[type] = []
    for attribute in vars(runapi._client._Families).values():
        if isinstance(attribute, FamilyAttribute):
            family = getattr(importlib.import_module(attribute.module), attribute.name)
            found += [op.params for op in vars(family).values() if isinstance(op, _Operation)]  # type: ignore[misc]
    return found


def test_every_family_takes_local_files_for_its_file_urls_and_never_for_callback_url() -> None:
    import typing

    from runapi._core.params import _nested, _url_kind, fields_of

    checked = 0
    seen: set[type] = set()
    todo = _family_params()
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        hints = typing.get_type_hints(cls, include_extras=True)
        for name in fields_of(cls):
            nested = _nested(hints[name])
            if nested is not None:
                todo.append(nested[0])
            if name == "callback_url":
                assert _url_kind(hints[name]) is None, f"{cls.__qualname__}.callback_url must be CallbackUrl"
            elif name.endswith(("_url", "_urls", "_url_list")) or name == "url":
                assert _url_kind(hints[name]) is not None, f"{cls.__module__}.{cls.__qualname__}.{name}: HttpUrl"
                checked += 1
    assert checked > 80


# -- file sizes: the upload limit and the parameters' documented limits -----------------------------


def test_the_upload_limit_is_the_docs_10_mb_read_as_mebibytes() -> None:
    assert params_module.MAX_UPLOAD_BYTES == 10 * MB == LIMIT == 10_485_760
    assert size_text(LIMIT) == "10 MB (10,485,760 bytes)"
    assert size_text(11 * MB + MB // 2) == "11.5 MB (12,058,624 bytes)"
    assert size_text(2 * 1024 * MB) == "2048 MB (2,147,483,648 bytes)"
    assert size_text(1_000) == "1,000 bytes"


@responses.activate
def test_a_file_over_the_upload_limit_is_refused_before_a_byte_moves(family: EditFamily, tmp_path: Path) -> None:
    huge = sparse(tmp_path / "huge.bin", 2 * 1024 * MB)  # 2 GB, as a hole on disk
    with pytest.raises(runapi.ValidationError) as info:
        family.upload_file(file=huge)
    assert info.value.field == "file" and info.value.allowed == "a file of at most 10 MB (10,485,760 bytes)"
    assert "2048 MB (2,147,483,648 bytes)" in str(info.value) and "10 MB (10,485,760 bytes)" in str(info.value)
    with pytest.raises(runapi.ValidationError, match="file must be a file of at most 10 MB"):
        family.upload_file(file=str(huge))
    with open(huge, "rb") as opened, pytest.raises(runapi.ValidationError, match="got a file object of 2048 MB"):
        family.upload_file(file=opened)
    assert len(responses.calls) == 0


@responses.activate
def test_a_file_at_the_upload_limit_is_sent(family: EditFamily, tmp_path: Path) -> None:
    uploads = add_uploads(Uploads(), UPLOAD_FILE)
    family.upload_file(file=sparse(tmp_path / "ten.bin", LIMIT))
    (headers,) = uploads.headers
    assert int(headers["Content-Length"]) > LIMIT  # the whole file, with the form around it
    assert len(uploads.files()["file"][2]) == LIMIT


@responses.activate
def test_bytes_and_file_objects_are_measured_from_where_they_start(
    family: EditFamily, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(params_module, "MAX_UPLOAD_BYTES", 1_000)  # a module setting, read per call
    uploads = add_uploads(Uploads(), UPLOAD_FILE)
    with pytest.raises(runapi.ValidationError, match=r"; got 1,001 bytes$"):
        family.upload_file(file=b"x" * 1_001)
    source = io.BytesIO(b"x" * 1_001)
    with pytest.raises(runapi.ValidationError, match="got a file object"):
        family.upload_file(file=source)
    source.seek(1)  # what is left from its position: 1,000 bytes
    family.upload_file(file=source)
    assert len(uploads.bodies) == 1 and uploads.files()["file"][2] == b"x" * 1_000


def test_a_stream_of_unknown_size_is_stopped_once_it_passes_the_limit() -> None:
    read, write = os.pipe()
    os.write(write, b"x" * 3_000)
    os.close(write)
    with open(read, "rb", buffering=0) as pipe:
        body = Multipart([], "file", pipe, max_file_bytes=1_000)
        assert body.length is None  # unknown: sent chunked, counted as it goes
        stream = body.open()
        sent = b""
        with pytest.raises(runapi.ValidationError) as info:
            while chunk := stream.read(512):
                sent += chunk
    assert info.value.field == "file" and "more than 1,000 bytes" in str(info.value)
    assert sent.count(b"x") <= 1_000  # never more than the limit went out
    assert b"--\r\n" not in sent[-8:]  # and the body was not closed: the server cannot store it


@responses.activate
def test_an_upload_of_a_stream_past_the_limit_raises_and_sends_nothing_more(
    family: EditFamily, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(params_module, "MAX_UPLOAD_BYTES", 1_000)
    add_uploads(Uploads(), UPLOAD_FILE)
    read, write = os.pipe()
    os.write(write, b"x" * 3_000)
    os.close(write)
    with open(read, "rb", buffering=0) as pipe, pytest.raises(runapi.ValidationError) as info:
        family.upload_file(file=pipe)
    assert info.value.field == "file"
    read, write = os.pipe()
    os.write(write, b"x" * 1_000)
    os.close(write)
    with open(read, "rb", buffering=0) as pipe:
        assert family.upload_file(file=pipe).file_size  # at the limit: sent


@responses.activate
def test_a_local_file_over_the_upload_limit_is_refused_before_any_upload(family: EditFamily, tmp_path: Path) -> None:
    huge = sparse(tmp_path / "huge.png", 2 * 1024 * MB)
    small = sparse(tmp_path / "small.png", 10)
    with pytest.raises(runapi.ValidationError) as info:
        family.edit.create(prompt="hat", source_image_url=huge)
    assert info.value.field == "source_image_url"
    assert "2048 MB (2,147,483,648 bytes)" in str(info.value) and "10 MB (10,485,760 bytes)" in str(info.value)
    assert "URL instead" in str(info.value)
    with pytest.raises(runapi.ValidationError) as info:
        family.edit.create(prompt="hat", reference_image_urls=[small, huge])  # the small one is not uploaded either
    assert info.value.field == "reference_image_urls[1]"
    with pytest.raises(runapi.ValidationError) as info:
        family.describe(prompt="hat", clips=[{"url": small}, {"url": huge}])
    assert info.value.field == "clips[1].url"
    assert len(responses.calls) == 0


@responses.activate
def test_a_local_file_at_the_upload_limit_is_uploaded(family: EditFamily, tmp_path: Path) -> None:
    uploads = add_uploads(Uploads())
    responses.post(CREATE, status=202, json={"id": "t1"})
    family.edit.create(prompt="hat", source_image_url=sparse(tmp_path / "ten.png", LIMIT))
    assert len(uploads.files()["file"][2]) == LIMIT
    assert sent(CREATE) == [{"prompt": "hat", "source_image_url": "https://cdn.test/u/1/file"}]


@responses.activate
def test_a_parameters_documented_limit_refuses_a_larger_local_file(family: EditFamily, tmp_path: Path) -> None:
    over = sparse(tmp_path / "over.png", 1_001)
    at = sparse(tmp_path / "at.png", 1_000)
    with pytest.raises(runapi.ValidationError) as info:
        family.sized.create(source_image_url=over)
    assert info.value.field == "source_image_url" and info.value.allowed == "files of at most 1,000 bytes each"
    assert str(info.value) == f"source_image_url must be a file of at most 1,000 bytes; got {over!r} of 1,001 bytes"
    with pytest.raises(runapi.ValidationError) as info:
        family.sized.create(source_image_url=at, reference_image_urls=["https://e.com/big.png", at, over])
    assert info.value.field == "reference_image_urls[2]"
    with pytest.raises(runapi.ValidationError, match="its local files add up to 1,501 bytes") as info:
        family.sized.create(source_image_url=at, character_urls=[at, sparse(tmp_path / "b.png", 501)])
    assert info.value.field == "character_urls" and info.value.allowed == "files of at most 1,500 bytes in all"
    with pytest.raises(runapi.ValidationError, match="source_image_url"):
        SizedParams(source_image_url=over)  # a params object checks it too
    assert len(responses.calls) == 0


@responses.activate
def test_a_file_at_a_parameters_limit_and_any_url_pass(family: EditFamily, tmp_path: Path) -> None:
    add_uploads(Uploads())
    responses.post(SIZED, status=202, json={"id": "t1"})
    at = sparse(tmp_path / "at.png", 1_000)
    family.sized.create(
        source_image_url=at,
        reference_image_urls=[at, "https://e.com/huge.png"],  # a URL's file: the server's to measure
        character_urls=[sparse(tmp_path / "a.png", 700), sparse(tmp_path / "b.png", 800), "https://e.com/c.png"],
    )
    (body,) = sent(SIZED)
    assert body["reference_image_urls"][1] == "https://e.com/huge.png" and len(body["character_urls"]) == 3
