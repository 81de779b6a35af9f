"""Persistent Files (``/v1/files``), multipart Uploads (``/v1/uploads``) and direct uploads: models and flows.

The facts, from runapi-core 0.10.1 (``runapi/core/files.py``, ``uploads.py``, ``http_client.py``
and its README "Files"):

- ``POST /v1/files``: ``multipart/form-data`` with a ``purpose`` field (default ``"user_data"``)
  and a ``file`` part; answers a :class:`FileObject`. ``GET /v1/files`` (query ``after``,
  ``limit``, ``order``, ``purpose``) answers a :class:`FileList`; ``GET /v1/files/{id}`` a
  :class:`FileObject`; ``GET /v1/files/{id}/content`` the file's bytes; ``DELETE /v1/files/{id}``
  a :class:`DeletedFile`.
- ``POST /v1/uploads`` with ``{bytes, filename, mime_type, purpose}`` answers an
  :class:`UploadObject`; ``POST /v1/uploads/{id}/parts`` (multipart, one ``data`` part) an
  :class:`UploadPart`; ``POST /v1/uploads/{id}/complete`` with ``{part_ids}`` and
  ``POST /v1/uploads/{id}/cancel`` with ``{}`` an :class:`UploadObject`.
- The temporary upload's direct path: ``POST /api/v1/files/prepare`` with ``{filename, byte_size,
  checksum}`` (``checksum``: the base64 MD5 of the bytes) answers ``{upload_url, headers,
  signed_id}``; the bytes are PUT to ``upload_url`` with exactly ``headers``, no API key and no
  retries ("the URL is single-use and the body is not safe to replay"); ``POST
  /api/v1/files/confirm`` with ``{signed_id}`` answers a :class:`DirectUpload`.
- None of these POSTs carries an ``Idempotency-Key`` in the official code, and its transport
  retries a POST only when one is set: so here they are retried only where the server cannot have
  acted (the connection never opened, 429, 503), never after an unknown outcome.

Limits: the official README sends readers to https://runapi.ai/docs/resources/files "for limits";
that page is not among this SDK's sources, so no size limit is enforced here (the 10 MB of
``from_stream`` is the older File Upload endpoints' limit, not these). A file the server refuses
raises its error (413: :class:`runapi.PayloadTooLargeError`).

Flows here are sans-IO like :mod:`runapi._core.flows`: both clients drive the same ones.
"""

from __future__ import annotations

import base64
import hashlib
import io
import mimetypes
import os
from collections.abc import Callable, Mapping, Sequence
from typing import IO, Any, cast
from urllib.parse import quote, urlencode

import attrs

from ..errors import APIError, RunAPIError, ValidationError
from .flows import Call, Flow
from .models import Result, structure
from .multipart import FileSource, Multipart, file_name_of, is_binary_stream, source_size

__all__ = [
    "DEFAULT_PART_SIZE",
    "DeletedFile",
    "DirectUpload",
    "FileList",
    "FileObject",
    "UploadInterruptedError",
    "UploadObject",
    "UploadPart",
    "UploadProgress",
]

FILES_PATH = "/v1/files"
UPLOADS_PATH = "/v1/uploads"
PREPARE_PATH = "/api/v1/files/prepare"
CONFIRM_PATH = "/api/v1/files/confirm"

DEFAULT_PART_SIZE = 8 * 1024 * 1024
"""Bytes per part of :meth:`Uploads.upload` by default: 8 MiB (8,388,608). The SDK's choice, not a
server limit (none is known: see the module docstring); each part is streamed from the file in
64 KiB blocks, so it costs no memory."""


# -- models (runapi-core 0.10.1: files.py, uploads.py) ------------------------------------------


@attrs.frozen(kw_only=True)
class FileObject(Result):
    """A persistent file (``/v1/files``; runapi-core 0.10.1 ``FileObject``).

    Attributes:
        id: the file's id (``client.files.retrieve(id)``).
        object: the kind of object, as answered.
        bytes: its size in bytes.
        created_at: when it was stored, Unix seconds.
        expires_at: when it expires, Unix seconds; ``None`` when it does not (or the answer omits it).
        filename: its name.
        purpose: what it is for (``"user_data"``).
    """

    id: str
    object: str
    bytes: int
    created_at: int
    filename: str
    purpose: str
    expires_at: int | None = None


@attrs.frozen(kw_only=True)
class FileList(Result):
    """One page of ``GET /v1/files`` (runapi-core 0.10.1 ``FileList``).

    Attributes:
        object: the kind of object, as answered (``"list"``).
        data: the files on this page.
        first_id: the first file's id, if any.
        last_id: the last file's id, if any: the next page's ``after``.
        has_more: whether a page follows (``client.files.list(after=page.last_id)``).
    """

    object: str
    data: list[FileObject]
    has_more: bool
    first_id: str | None = None
    last_id: str | None = None


@attrs.frozen(kw_only=True)
class DeletedFile(Result):
    """What ``DELETE /v1/files/{id}`` answers (runapi-core 0.10.1 ``DeletedFile``).

    Attributes:
        id: the file's id.
        object: the kind of object, as answered.
        deleted: whether it was deleted.
    """

    id: str
    object: str
    deleted: bool


@attrs.frozen(kw_only=True)
class UploadObject(Result):
    """A multipart upload (``/v1/uploads``; runapi-core 0.10.1 ``UploadObject``).

    Attributes:
        id: the upload's id (``add_part``, ``complete``, ``cancel`` take it).
        object: the kind of object, as answered.
        bytes: the size declared at creation, in bytes.
        created_at: Unix seconds.
        filename: the file name declared.
        purpose: the purpose declared.
        status: its state, as answered (the official code types it as free text; the emulator
            answers ``"pending"``, ``"completed"``, ``"cancelled"``).
        expires_at: when an unfinished upload expires, Unix seconds.
        file: the :class:`FileObject` made by ``complete``; ``None`` before.
    """

    id: str
    object: str
    bytes: int
    created_at: int
    filename: str
    purpose: str
    status: str
    expires_at: int
    file: FileObject | None = None


@attrs.frozen(kw_only=True)
class UploadPart(Result):
    """One part of an upload (runapi-core 0.10.1 ``UploadPart``).

    Attributes:
        id: the part's id (``complete`` lists them, in order).
        object: the kind of object, as answered.
        created_at: Unix seconds.
        upload_id: the upload it belongs to.
    """

    id: str
    object: str
    created_at: int
    upload_id: str


@attrs.frozen(kw_only=True)
class DirectUpload(Result):
    """A temporary file stored through ``prepare`` → PUT → ``confirm`` (runapi-core 0.10.1 ``UploadResponse``).

    Attributes:
        file_name: the stored file's name.
        url: its URL, to pass to any parameter that takes a file URL.
        size_bytes: its size in bytes.
        mime_type: its media type.
        created_at: when it was stored, as answered (ISO 8601).
        expires_at: when it expires, as answered (ISO 8601).
    """

    file_name: str
    url: str
    size_bytes: int
    mime_type: str
    created_at: str
    expires_at: str


# -- resuming an upload ------------------------------------------------------------------------


def _part_ids(value: Sequence[str | None]) -> tuple[str | None, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class UploadProgress:
    """Where :meth:`Uploads.upload` stands: the upload's id and the parts sent, to resume it part by part.

    Handed to ``on_progress`` after the upload is created and after each part, and carried by
    :class:`UploadInterruptedError`. Pass it back as ``upload(..., resume=progress)`` to send only
    the parts not done (with the same file, ``part_size`` and size). :meth:`to_dict` /
    :meth:`from_dict` make it a JSON journal line.

    Attributes:
        upload_id: the upload (``POST /v1/uploads``'s ``id``).
        size: the file's size, in bytes.
        part_size: bytes per part (the last part holds the rest).
        part_ids: one entry per part, in order: its id once the server stored it, else ``None``.
    """

    upload_id: str
    size: int
    part_size: int
    part_ids: tuple[str | None, ...] = attrs.field(converter=_part_ids)

    @property
    def parts_done(self) -> int:
        """How many parts the server has stored."""
        return sum(1 for part in self.part_ids if part is not None)

    @property
    def parts_left(self) -> list[int]:
        """The indexes (from 0) of the parts still to send."""
        return [index for index, part in enumerate(self.part_ids) if part is None]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict that :meth:`from_dict` turns back into an equal value."""
        return {
            "upload_id": self.upload_id,
            "size": self.size,
            "part_size": self.part_size,
            "part_ids": list(self.part_ids),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> UploadProgress:
        """The value :meth:`to_dict` wrote.

        Raises:
            ValidationError: ``data`` is not shaped as :meth:`to_dict` writes it (field ``resume``).
        """
        try:
            progress = cls(
                upload_id=data["upload_id"],
                size=data["size"],
                part_size=data["part_size"],
                part_ids=data["part_ids"],
            )
        except (KeyError, TypeError) as exc:
            raise ValidationError(f"resume must be an UploadProgress or its to_dict(); {exc}", field="resume") from None
        _check_progress(progress)
        return progress


def _check_progress(progress: UploadProgress) -> None:
    ok = (
        isinstance(progress.upload_id, str)
        and progress.upload_id.strip() != ""
        and _count(progress.size, 1)
        and _count(progress.part_size, 1)
        and len(progress.part_ids) == _parts(progress.size, progress.part_size)
        and all(part is None or (isinstance(part, str) and part) for part in progress.part_ids)
    )
    if not ok:
        raise ValidationError(
            "resume is not a consistent UploadProgress (an upload id, a size and part size >= 1, one entry per part)",
            field="resume",
        )


class UploadInterruptedError(RunAPIError):
    """:meth:`Uploads.upload` stopped after the upload was created: some parts, or ``complete``, failed.

    Nothing is lost: the server keeps the parts it stored (until the upload expires, see
    :attr:`UploadObject.expires_at`). ``upload(same file, resume=exc.progress)`` sends the parts
    not done and completes; ``client.uploads.cancel(exc.progress.upload_id)`` gives up.

    A part whose outcome was unknown (a read timeout, a dropped connection, a 500) may still have
    been stored; its id never reached the SDK, so the resumed upload sends the part again and
    ``complete`` names only the parts whose ids it holds: the stray copy is not part of the file.

    Attributes:
        progress: the :class:`UploadProgress` to resume from.
        error: the :class:`runapi.APIError` that stopped it (also ``__cause__``).
    """

    def __init__(self, progress: UploadProgress, error: APIError, stage: str) -> None:
        total = len(progress.part_ids)
        super().__init__(
            f"upload {progress.upload_id} stopped {stage} ({progress.parts_done} of {total} parts stored): {error}; "
            "resume it with client.uploads.upload(<same file>, resume=exc.progress)"
        )
        self.progress = progress
        self.error = error


# -- checks --------------------------------------------------------------------------------------


def _count(value: object, least: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= least


def _parts(size: int, part_size: int) -> int:
    return max(1, -(-size // part_size))


def check_text(name: str, value: object) -> str:
    """``value`` if it is non-blank text, else a :class:`ValidationError` naming ``name``."""
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"{name} must be a non-empty string; got {value!r}", field=name)
    return value


def check_count(name: str, value: object, least: int = 1) -> int:
    if not _count(value, least):
        raise ValidationError(f"{name} must be an integer >= {least}; got {value!r}", field=name)
    return value  # type: ignore[return-value]  # checked


def _item_path(base: str, item_id: object, name: str) -> str:
    return f"{base}/{quote(check_text(name, item_id), safe='')}"


def _multipart(
    fields: Sequence[tuple[str, str]], name: str, source: object, filename: str | None, field: str
) -> Multipart:
    """A streamed body for ``source``, its problems named as ``field``."""
    if not (isinstance(source, str | os.PathLike | bytes | bytearray | memoryview) or is_binary_stream(source)):
        raise ValidationError(
            f"{field} must be a path, bytes or a binary file object (open(path, 'rb')); got {type(source).__name__}",
            field=field,
        )
    try:
        return Multipart(fields, name, source, filename=filename)  # type: ignore[arg-type]  # checked above
    except OSError as exc:
        raise ValidationError(f"{field} cannot be read: {exc}", field=field) from None


# -- files --------------------------------------------------------------------------------------


def create_file(file: FileSource, purpose: str, filename: str | None) -> Flow[FileObject]:
    """``POST /v1/files``: a ``purpose`` field, then the ``file`` part, streamed."""
    check_text("purpose", purpose)
    if filename is not None:
        check_text("filename", filename)
    body = _multipart([("purpose", purpose)], "file", file, filename, "file")
    reply = yield Call("POST", FILES_PATH, body)
    return structure(reply.data, FileObject)


def list_files(after: str | None, limit: int | None, order: str | None, purpose: str | None) -> Flow[FileList]:
    """``GET /v1/files`` with the query parameters given (none when all are ``None``)."""
    query: dict[str, object] = {}  # the official order: after, limit, order, purpose
    if after is not None:
        query["after"] = check_text("after", after)
    if limit is not None:
        query["limit"] = check_count("limit", limit)
    for name, value in (("order", order), ("purpose", purpose)):
        if value is not None:
            query[name] = check_text(name, value)
    path = FILES_PATH + (f"?{urlencode(query)}" if query else "")
    reply = yield Call("GET", path)
    return structure(reply.data, FileList)


def retrieve_file(file_id: str) -> Flow[FileObject]:
    reply = yield Call("GET", _item_path(FILES_PATH, file_id, "file_id"))
    return structure(reply.data, FileObject)


def file_content(file_id: str) -> Flow[bytes]:
    """``GET /v1/files/{id}/content``: the bytes as answered (no JSON decoding)."""
    reply = yield Call("GET", _item_path(FILES_PATH, file_id, "file_id") + "/content", raw=True)
    data: bytes = reply.data
    return data


def content_path(file_id: str) -> str:
    return _item_path(FILES_PATH, file_id, "file_id") + "/content"


def delete_file(file_id: str) -> Flow[DeletedFile]:
    reply = yield Call("DELETE", _item_path(FILES_PATH, file_id, "file_id"))
    return structure(reply.data, DeletedFile)


# -- direct (prepare -> PUT -> confirm) ---------------------------------------------------------


class RawBody(Multipart):
    """A request body that is a file's bytes as they are (no form), streamed: the PUT of a direct upload.

    Stands where the transports take a :class:`Multipart` (it has its ``open``/``length``/
    ``content_type``/``rewindable``); ``content_type`` is the one the server issued (the
    transports set ``Content-Type`` from it), else ``application/octet-stream``.
    """

    def __init__(self, source: IO[bytes], size: int, content_type: str | None) -> None:  # no super(): no form
        self._source = self._handle = source
        self._start = source.tell()
        self.file_size = size
        self.filename = "file"
        self.file_content_type = content_type or "application/octet-stream"
        self.max_file_bytes = None
        self.boundary = ""
        self._head = b""
        self._tail = b""
        self._opened = 0

    @property
    def content_type(self) -> str:
        return self.file_content_type

    def open(self) -> Any:
        from .multipart import SizedMultipartStream

        self._handle.seek(self._start)
        return SizedMultipartStream(b"", self._handle, self.file_size or 0, b"", owned=False)


def _md5_base64(file: IO[bytes]) -> str:
    """The base64 MD5 of ``file`` from its position to its end (read in 64 KiB blocks), left where it was."""
    start = file.tell()
    digest = hashlib.md5(usedforsecurity=False)
    while block := file.read(1 << 16):
        digest.update(block)
    file.seek(start)
    return base64.b64encode(digest.digest()).decode("ascii")


def upload_direct(file: FileSource, file_name: str | None) -> Flow[DirectUpload]:
    """``prepare`` → PUT the bytes to the issued URL with the issued headers (no key, no retry) → ``confirm``."""
    if file_name is not None:
        check_text("file_name", file_name)
    with _opened(file, "file") as (handle, size):
        name = file_name or file_name_of(file) or "file"
        prepared = yield Call(
            "POST", PREPARE_PATH, {"filename": name, "byte_size": size, "checksum": _md5_base64(handle)}
        )
        data = prepared.data
        if not (
            isinstance(data, dict)
            and isinstance(data.get("upload_url"), str)
            and isinstance(data.get("signed_id"), str)
            and isinstance(data.get("headers", {}), dict)
        ):
            from ..errors import APIResponseValidationError

            raise APIResponseValidationError("expected {upload_url, headers, signed_id} from files/prepare", body=data)
        issued = {str(key): str(value) for key, value in (data.get("headers") or {}).items()}
        content_type = next((value for key, value in issued.items() if key.lower() == "content-type"), None)
        body = RawBody(handle, size, content_type)
        yield Call("PUT", data["upload_url"], body, retry=False, raw=True, bare_headers=issued)
    reply = yield Call("POST", CONFIRM_PATH, {"signed_id": data["signed_id"]})
    return structure(reply.data, DirectUpload)


# -- multipart uploads --------------------------------------------------------------------------


def create_upload(size: int, filename: str, mime_type: str, purpose: str) -> Flow[UploadObject]:
    body = {
        "bytes": check_count("bytes", size, 0),
        "filename": check_text("filename", filename),
        "mime_type": check_text("mime_type", mime_type),
        "purpose": check_text("purpose", purpose),
    }
    reply = yield Call("POST", UPLOADS_PATH, body)
    return structure(reply.data, UploadObject)


def add_part(upload_id: str, data: FileSource, filename: str | None = None) -> Flow[UploadPart]:
    """``POST /v1/uploads/{id}/parts``: one streamed ``data`` part."""
    path = _item_path(UPLOADS_PATH, upload_id, "upload_id") + "/parts"
    body = _multipart([], "data", data, filename, "data")  # a pipe is sent once, never retried (the driver's rule)
    reply = yield Call("POST", path, body)
    return structure(reply.data, UploadPart)


def complete_upload(upload_id: str, part_ids: Sequence[str]) -> Flow[UploadObject]:
    path = _item_path(UPLOADS_PATH, upload_id, "upload_id") + "/complete"
    if isinstance(part_ids, str) or not isinstance(part_ids, Sequence):
        raise ValidationError(f"part_ids must be a list of part ids; got {part_ids!r}", field="part_ids")
    ids = [check_text(f"part_ids[{index}]", part) for index, part in enumerate(part_ids)]
    reply = yield Call("POST", path, {"part_ids": ids})
    return structure(reply.data, UploadObject)


def cancel_upload(upload_id: str) -> Flow[UploadObject]:
    path = _item_path(UPLOADS_PATH, upload_id, "upload_id") + "/cancel"
    reply = yield Call("POST", path, {})
    return structure(reply.data, UploadObject)


class FileSlice(io.RawIOBase):
    """``length`` bytes of ``file`` from ``offset``, as a seekable binary file of its own (positions from 0).

    One part of a large file, read in the transport's blocks while it is sent: nothing is copied.
    The underlying file is the caller's (not closed here).
    """

    def __init__(self, file: IO[bytes], offset: int, length: int) -> None:
        super().__init__()
        self._file = file
        self._offset = offset
        self._length = length
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._position, os.SEEK_END: self._length}[whence]
        self._position = min(max(0, base + offset), self._length)
        return self._position

    def read(self, size: int = -1) -> bytes:
        left = self._length - self._position
        want = left if size is None or size < 0 else min(size, left)
        if want <= 0:
            return b""
        self._file.seek(self._offset + self._position)
        data = self._file.read(want)
        self._position += len(data)
        return data

    def readinto(self, buffer: Any) -> int:  # pragma: no cover - read() is what the body uses
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class _opened:
    """``with _opened(source, field) as (file, size)``: a path opened (and closed after), or a seekable
    file object / bytes as a file; its size from its position. A non-seekable stream is refused."""

    def __init__(self, source: object, field: str) -> None:
        self._source = source
        self._field = field
        self._owned: IO[bytes] | None = None

    def __enter__(self) -> tuple[IO[bytes], int]:
        source, field = self._source, self._field
        if isinstance(source, str | os.PathLike):
            try:
                self._owned = open(source, "rb")
            except OSError as exc:
                raise ValidationError(f"{field} cannot be read: {exc}", field=field) from None
            handle: IO[bytes] = self._owned
        elif isinstance(source, bytes | bytearray | memoryview):
            handle = self._owned = io.BytesIO(source)
        elif is_binary_stream(source):
            handle = source  # type: ignore[assignment]  # checked: a binary stream
        else:
            raise ValidationError(
                f"{field} must be a path, bytes or a seekable binary file object; got {type(source).__name__}",
                field=field,
            )
        size = source_size(handle)
        if size is None:
            raise ValidationError(
                f"{field} must be seekable (a path, bytes or a file opened with open(path, 'rb')): its size is "
                "needed first and a part must be re-readable to resume; a pipe is not",
                field=field,
            )
        return handle, size

    def __exit__(self, *exc: object) -> None:
        if self._owned is not None:
            self._owned.close()


def upload_in_parts(
    file: FileSource,
    *,
    part_size: int,
    filename: str | None,
    mime_type: str | None,
    purpose: str,
    resume: UploadProgress | None,
    on_progress: Callable[[UploadProgress], None] | None,
) -> Flow[UploadObject]:
    """Create an upload (unless resuming), send each part not done (streamed from the file), complete.

    Raises:
        ValidationError: bad arguments, or a ``resume`` that does not fit this file (before any request).
        UploadInterruptedError: a part or ``complete`` failed once the upload existed (``.progress``).
        APIError: the upload's creation failed (nothing to resume).
    """
    check_count("part_size", part_size)
    check_text("purpose", purpose)
    if resume is not None:
        if not isinstance(resume, UploadProgress):
            raise ValidationError("resume must be an UploadProgress (or UploadProgress.from_dict(...))", field="resume")
        _check_progress(resume)
    with _opened(file, "file") as (handle, size):
        start = handle.tell()
        name = filename or file_name_of(file) or "file"
        check_text("filename", name)
        kind = mime_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
        check_text("mime_type", kind)
        if resume is not None:
            if resume.size != size or resume.part_size != part_size:
                raise ValidationError(
                    f"resume is for {resume.size:,} bytes in parts of {resume.part_size:,}; this file has "
                    f"{size:,} bytes and part_size is {part_size:,}: pass the same file and part_size",
                    field="resume",
                )
            progress = resume
        else:
            upload = yield from create_upload(size, name, kind, purpose)
            progress = UploadProgress(
                upload_id=upload.id, size=size, part_size=part_size, part_ids=[None] * _parts(size, part_size)
            )
            if on_progress is not None:
                on_progress(progress)
        parts_path = _item_path(UPLOADS_PATH, progress.upload_id, "upload_id") + "/parts"
        for index in progress.parts_left:
            offset = index * part_size
            piece = FileSlice(handle, start + offset, min(part_size, size - offset))
            body = Multipart([], "data", cast("IO[bytes]", piece), filename=f"{name}.part-{index + 1:05d}")
            try:
                reply = yield Call("POST", parts_path, body)
                part = structure(reply.data, UploadPart)
            except APIError as exc:
                raise UploadInterruptedError(progress, exc, f"at part {index + 1}") from exc
            ids = list(progress.part_ids)
            ids[index] = part.id
            progress = attrs.evolve(progress, part_ids=ids)
            if on_progress is not None:
                on_progress(progress)
    try:
        return (yield from complete_upload(progress.upload_id, [part for part in progress.part_ids if part]))
    except APIError as exc:
        raise UploadInterruptedError(progress, exc, "at complete") from exc
