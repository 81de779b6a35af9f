"""A ``multipart/form-data`` body that is streamed, never built in memory (no HTTP here).

:class:`Multipart` describes the body: text fields plus one file part, whose content comes from
a path, bytes or a binary file object. :meth:`Multipart.open` returns a :class:`MultipartStream`,
a file-like object the transport hands to the HTTP library, which reads it in small blocks: a
500 MB file is read 64 KiB at a time, so memory stays flat whatever the file's size.

The body's length is known (and sent as ``Content-Length``) for a path, bytes and a seekable file
object; a non-seekable stream (a pipe, a socket) is sent with ``Transfer-Encoding: chunked`` and
cannot be sent twice, so a request carrying one is never retried (:attr:`Multipart.rewindable`).
Each :meth:`~Multipart.open` starts the body from its beginning: a retry sends the same bytes.

A body may carry a size limit for its file (``max_file_bytes``): a file of known size over it is
refused by whoever builds the body (before any request); a stream of unknown size is counted while
it is sent, and the send is abandoned with a :class:`runapi.ValidationError` as soon as the file
passes the limit (never more than the limit is sent; the server gets a body cut short, which it
cannot store).
"""

from __future__ import annotations

import io
import mimetypes
import os
import uuid
from collections.abc import Iterator, Sequence
from typing import IO

__all__ = [
    "FileSource",
    "Multipart",
    "MultipartStream",
    "SizedMultipartStream",
    "file_name_of",
    "is_binary_stream",
    "source_identity",
    "source_size",
]

FileSource = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]
"""What a file part's content can be: a path (``str`` or ``pathlib.Path``), bytes, or a binary file object."""

CHUNK = 1 << 16
"""Bytes read from a file at a time (64 KiB)."""


def is_binary_stream(value: object) -> bool:
    """A readable file object in binary mode (``open(path, "rb")``, ``io.BytesIO``, a socket file)."""
    return callable(getattr(value, "read", None)) and not isinstance(value, io.TextIOBase)


def _stream_span(stream: IO[bytes]) -> tuple[int, int] | None:
    """``(position, bytes left from it)`` of a seekable stream (left where it was), or ``None`` when it cannot seek."""
    try:
        if not stream.seekable():
            return None
        start = stream.tell()
        end = stream.seek(0, os.SEEK_END)
        stream.seek(start)
    except (AttributeError, OSError, ValueError):
        return None
    return start, max(0, end - start)


def source_size(source: object) -> int | None:
    """The bytes a file source would send, found without reading it: a path's size (``os.stat``),
    bytes' length, what is left of a seekable stream from its position (seek to the end and back).

    ``None`` when the size cannot be known before reading (a pipe, a socket), for a path that
    cannot be read, and for an object that is no file source.
    """
    if isinstance(source, str | os.PathLike):
        try:
            return os.stat(source).st_size
        except (OSError, TypeError, ValueError):
            return None
    if isinstance(source, bytes | bytearray | memoryview):
        return memoryview(source).nbytes
    if is_binary_stream(source):
        span = _stream_span(source)  # type: ignore[arg-type]  # checked: a binary stream
        return None if span is None else span[1]
    return None


def file_name_of(source: object) -> str | None:
    """The file name a source carries: a path's last part, a file object's ``name`` (if a path); else ``None``."""
    if isinstance(source, str | os.PathLike):
        return os.path.basename(os.fspath(source)) or None
    attribute: object = getattr(source, "name", None)
    if isinstance(attribute, str | bytes | os.PathLike):
        text = os.path.basename(os.fsdecode(attribute))
        return text if text and not text.startswith("<") else None  # "<stdin>" is no file name
    return None


def source_identity(source: object) -> str:
    """A short, stable description of a source, for idempotency-key fingerprints (never the bytes themselves)."""
    if isinstance(source, str | os.PathLike):
        return "path:" + os.path.abspath(os.fspath(source))
    if isinstance(source, bytes | bytearray | memoryview):
        import hashlib

        return f"bytes:{len(source)}:" + hashlib.blake2b(source, digest_size=16).hexdigest()
    return f"stream:{id(source)}"


def _quote(value: str) -> str:
    """A form-data parameter value in quotes: ``"``, CR and LF percent-encoded (the WHATWG form rule)."""
    return '"' + value.replace("\r", "%0D").replace("\n", "%0A").replace('"', "%22") + '"'


class Multipart:
    """A ``multipart/form-data`` body: text ``fields`` then one file part named ``file_field``.

    Args:
        fields: ``(name, value)`` text fields, sent before the file (in this order).
        file_field: the file part's form name (``"file"``).
        source: the content: a path (``str`` or ``os.PathLike``), bytes, or a binary file object
            (read from its current position).
        filename: the file part's ``filename``; defaults to the source's own name, else ``"file"``.
        content_type: the file part's ``Content-Type``; defaults to a guess from ``filename``,
            else ``application/octet-stream``.
        max_file_bytes: the most bytes the file may hold, or ``None`` (no limit). Only a stream of
            unknown size is checked here, while it is sent (see :class:`MultipartStream`); a
            source of known size (:attr:`file_size`) is the caller's to check before sending.

    Raises:
        OSError: a path that cannot be read (checked when the body is built: its size is needed).
        TypeError: a source of another kind (a file object in text mode included).
    """

    def __init__(
        self,
        fields: Sequence[tuple[str, str]],
        file_field: str,
        source: FileSource,
        *,
        filename: str | None = None,
        content_type: str | None = None,
        max_file_bytes: int | None = None,
    ) -> None:
        self.boundary = "runapi-" + uuid.uuid4().hex
        self.max_file_bytes = max_file_bytes
        self._file_field = file_field
        self.filename = filename or file_name_of(source) or "file"
        self.file_content_type = content_type or mimetypes.guess_type(self.filename)[0] or "application/octet-stream"
        self._source = source
        self._start = 0
        size: int | None
        if isinstance(source, str | os.PathLike):
            size = os.stat(source).st_size
        elif isinstance(source, bytes | bytearray | memoryview):
            size = memoryview(source).nbytes
        elif is_binary_stream(source):
            size = self._stream_size(source)
        else:
            raise TypeError(
                f"a file must be a path, bytes or a binary file object (open(path, 'rb')); got {type(source).__name__}"
            )
        self.file_size = size
        head = []
        for name, value in fields:
            head.append(
                f"--{self.boundary}\r\nContent-Disposition: form-data; name={_quote(name)}\r\n\r\n{value}\r\n".encode()
            )
        head.append(
            (
                f"--{self.boundary}\r\nContent-Disposition: form-data; name={_quote(file_field)}; "
                f"filename={_quote(self.filename)}\r\nContent-Type: {self.file_content_type}\r\n\r\n"
            ).encode()
        )
        self._head = b"".join(head)
        self._tail = f"\r\n--{self.boundary}--\r\n".encode()
        self._opened = 0

    def _stream_size(self, stream: IO[bytes]) -> int | None:
        """Bytes left from the stream's current position, or ``None`` when it cannot seek."""
        span = _stream_span(stream)
        if span is None:
            return None
        self._start, size = span
        return size

    @property
    def content_type(self) -> str:
        """The request's ``Content-Type`` header, boundary included."""
        return f"multipart/form-data; boundary={self.boundary}"

    @property
    def length(self) -> int | None:
        """The whole body's size in bytes (``Content-Length``), or ``None`` for a non-seekable stream."""
        if self.file_size is None:
            return None
        return len(self._head) + self.file_size + len(self._tail)

    @property
    def rewindable(self) -> bool:
        """Whether the body can be sent more than once (a retry): every source but a non-seekable stream."""
        return self.file_size is not None

    def open(self) -> MultipartStream:
        """A stream of the whole body, from its first byte; close it when done (the transport does).

        Raises:
            OSError: the file cannot be opened, or a non-seekable stream was already sent once.
        """
        source = self._source
        self._opened += 1
        file: IO[bytes]
        owned = False
        if isinstance(source, str | os.PathLike):
            file = open(source, "rb")  # noqa: SIM115 - closed by MultipartStream.close
            owned = True
        elif isinstance(source, bytes | bytearray | memoryview):
            file = io.BytesIO(source)  # one copy at most: bytes in memory are the caller's choice
            owned = True
        else:
            file = source
            if self.file_size is not None:
                file.seek(self._start)
            elif self._opened > 1:
                raise OSError("a non-seekable stream cannot be sent twice")
        if self.file_size is None:
            limit = None if self.max_file_bytes is None else (self.max_file_bytes, self._file_field)
            return MultipartStream(self._head, file, None, self._tail, owned=owned, limit=limit)
        return SizedMultipartStream(self._head, file, self.file_size, self._tail, owned=owned)

    def __repr__(self) -> str:
        size = "unknown size" if self.file_size is None else f"{self.file_size} bytes"
        return f"<Multipart {self.filename!r} ({self.file_content_type}, {size})>"


class MultipartStream:
    """The body of one :class:`Multipart` send: the head, the file (read as asked), the tail.

    A file-like object (``read(n)``) and an iterator of chunks, which is what ``requests`` and
    ``urllib3`` accept as a streamed body. A body of known size is a :class:`SizedMultipartStream`,
    whose ``len()`` makes ``requests`` send a ``Content-Length``; this class has no ``len()``, so
    a body of unknown size is sent with chunked transfer encoding.

    ``limit`` is ``(max bytes, the file's name in messages)`` for a file of unknown size: its bytes
    are counted as they are read, and a read that would pass the limit raises instead of returning
    them, so at most that many bytes of the file go out.

    Raises (from ``read``):
        OSError: the file ended before the size it had when the body was built (it shrank while
            being sent), so the ``Content-Length`` already sent cannot be honoured.
        ValidationError: a file of unknown size passed ``limit`` (the HTTP libraries let it through
            unchanged, and the connection is dropped, not reused).
    """

    def __init__(
        self,
        head: bytes,
        file: IO[bytes],
        size: int | None,
        tail: bytes,
        *,
        owned: bool,
        limit: tuple[int, str] | None = None,
    ) -> None:
        self._head_left = memoryview(head)
        self._file: IO[bytes] | None = file
        self._file_left = size
        self._tail_left = memoryview(tail)
        self._owned = owned
        self._limit = limit
        self._file_read = 0

    def read(self, size: int | None = -1) -> bytes:
        """Up to ``size`` bytes of the body, ``b""`` at its end; all that is left when ``size`` is negative
        or ``None`` (the file-object rule: HTTP libraries ask for blocks; only a test double reads it whole)."""
        if size is None or size < 0:
            return b"".join(iter(self))
        if self._head_left:
            piece, self._head_left = self._head_left[:size], self._head_left[size:]
            return bytes(piece)
        if self._file is not None:
            want = size if self._file_left is None else min(size, self._file_left)
            data = self._file.read(want) if want > 0 else b""
            if data:
                if self._file_left is not None:
                    self._file_left -= len(data)
                elif self._limit is not None:
                    self._count(len(data))
                return data
            if self._file_left:
                raise OSError(f"the file ended {self._file_left} bytes early: it shrank while being uploaded")
            self._close_file()
        piece, self._tail_left = self._tail_left[:size], self._tail_left[size:]
        return bytes(piece)

    def _count(self, read: int) -> None:
        """Add ``read`` bytes of a file of unknown size; refuse it once it passes the limit."""
        self._file_read += read
        if self._limit is None or self._file_read <= self._limit[0]:
            return
        from ..errors import ValidationError
        from .params import size_text

        limit, label = self._limit
        self._close_file()
        raise ValidationError(
            f"{label} holds more than {size_text(limit)}, the most one upload may hold; the upload was stopped "
            "there (the server got an incomplete body, which it cannot store)",
            field=label,
            allowed=f"a file of at most {size_text(limit)}",
        )

    def __iter__(self) -> Iterator[bytes]:
        """The rest of the body in blocks of at most 64 KiB."""
        while chunk := self.read(CHUNK):
            yield chunk

    def _close_file(self) -> None:
        file, self._file = self._file, None
        if file is not None and self._owned:
            file.close()

    def close(self) -> None:
        """Close the file if the body opened it (a path); a file object of the caller's stays open."""
        self._close_file()


class SizedMultipartStream(MultipartStream):
    """A :class:`MultipartStream` of known size: ``len()`` is the ``Content-Length``."""

    def __init__(self, head: bytes, file: IO[bytes], size: int, tail: bytes, *, owned: bool) -> None:
        super().__init__(head, file, size, tail, owned=owned)
        self._length = len(head) + size + len(tail)

    def __len__(self) -> int:
        return self._length
