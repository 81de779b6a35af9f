"""File uploads (docs: File Upload): ``client.files.from_url``, ``from_stream`` and ``from_base64``.

Each stores a file on RunAPI and answers 201 with its record, an :class:`UploadedFile`: the
``download_url`` to pass to any endpoint that takes a file URL (Suno's ``upload_url``, image and
video inputs). Uploaded files and their links "are temporary and expire after 24 hours".

``from_stream`` sends the documented ``multipart/form-data`` body, streamed: a file is read 64 KiB
at a time while it is sent, whatever its size (a path or a seekable file object is sent with its
``Content-Length``; a pipe is sent chunked). Uploads are retried only where the server cannot have
stored the file (as creates are: see ``runapi._core.retry``).

A create parameter typed as a file URL also takes a local ``pathlib.Path``: the create uploads it
through ``from_stream`` first (see ``BaseClient._upload_local``).

One file holds at most :data:`~runapi._core.params.MAX_UPLOAD_BYTES`, 10 MB read as 10,485,760 bytes (docs: Errors,
"413 ... Uploaded file is too large (max 10MB)"; why the larger megabyte: see
:data:`runapi._core.params.MB`). A larger file is refused with a :class:`runapi.ValidationError`
naming the field, the file's size and the limit, before a byte is sent: a path, bytes or a
seekable file object (``from_stream``; its size is read without reading it), base64 data
(``from_base64``; its decoded size). A stream of unknown size (a pipe) is counted while it is sent
and the upload stopped, with the same error, as soon as it passes the limit. ``from_url`` is
fetched by RunAPI: only the server can measure that file.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from typing import TYPE_CHECKING, Any, overload

import attrs

from . import params as _params
from .models import Result
from .operations import ClientT, Family, UploadOperation
from .params import FileInput, field, http_url, params, size_text, text
from .stored_files import DeletedFile, DirectUpload, FileList, FileObject

if TYPE_CHECKING:
    from .async_client import AsyncClientCore
    from .client import ClientCore
    from .download import Download
    from .multipart import FileSource

__all__ = [
    "EXPIRES_AFTER",
    "Files",
    "FromBase64Params",
    "FromStreamParams",
    "FromUrlParams",
    "UploadedFile",
]

EXPIRES_AFTER = datetime.timedelta(hours=24)
"""How long an uploaded file and its ``download_url`` live (docs: File Upload: "expire after 24 hours")."""

_DATA_URL = re.compile(r"^data:[^,;]*(;[^,;=]+=[^,;]*)*;base64,", re.IGNORECASE)


@attrs.frozen(kw_only=True)
class UploadedFile(Result):
    """A stored file, as an upload answers it (docs: File Upload > Response, HTTP 201).

    Attributes:
        download_url: the file's temporary link; pass it to any parameter that takes a file URL.
        file_name: the stored file's name (``file_name`` if you gave one).
        file_size: its size in bytes.
        mime_type: its media type (``"image/png"``).
        uploaded_at: when it was stored, as answered (ISO 8601, ``"2025-01-24T10:30:00Z"``).
        raw: the answer as received, fields the SDK does not model included.
    """

    download_url: str
    file_name: str | None = None
    file_size: int | None = None
    mime_type: str | None = None
    uploaded_at: str | None = None

    @property
    def expires_at(self) -> datetime.datetime | None:
        """When the file and its link expire: ``uploaded_at`` plus 24 hours (the docs' rule), an aware
        datetime (UTC when ``uploaded_at`` has no offset); ``None`` when ``uploaded_at`` is absent or unreadable."""
        value = self.uploaded_at
        if not value:
            return None
        try:
            when = datetime.datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=datetime.timezone.utc)
        return when + EXPIRES_AFTER


def _base64_text(_: object, attribute: attrs.Attribute[object], value: object) -> None:
    """Base64 text, with or without a data URL prefix (``data:image/png;base64,``); not blank."""
    from ..errors import ValidationError

    if value is None:
        return
    allowed = "base64 text, with or without a data URL prefix ('data:image/png;base64,...')"
    if not isinstance(value, str) or not value.strip():
        shown = repr(value)[:80]
        raise ValidationError(f"{attribute.name} must be {allowed}; got {shown}", field=attribute.name, allowed=allowed)
    data = _DATA_URL.sub("", value.strip(), count=1)
    if not data or re.search(r"[^A-Za-z0-9+/=_\-\s]", data[:100_000]):
        raise ValidationError(
            f"{attribute.name} must be {allowed}; it holds characters base64 does not use",
            field=attribute.name,
            allowed=allowed,
        )


def decoded_size(text: str) -> int:
    """The bytes base64 text decodes to (a ``data:`` URL prefix and whitespace left out), without decoding it."""
    data = _DATA_URL.sub("", text.strip(), count=1)
    length = len(data) - sum(data.count(space) for space in " \t\r\n\f\v")
    padding = len(data.rstrip()) - len(data.rstrip().rstrip("="))
    return max(0, (length - padding) * 3 // 4)


def _base64_size(_: object, attribute: attrs.Attribute[object], value: object) -> None:
    """Base64 data that decodes to at most ``MAX_UPLOAD_BYTES`` (checked after :func:`_base64_text`)."""
    from ..errors import ValidationError

    limit = _params.MAX_UPLOAD_BYTES  # read per call: a module setting
    if limit is None or not isinstance(value, str):
        return
    size = decoded_size(value)
    if size > limit:
        allowed = f"base64 of a file of at most {size_text(limit)}"
        raise ValidationError(
            f"{attribute.name} must be {allowed}, the most RunAPI takes in one upload; it decodes to {size_text(size)}",
            field=attribute.name,
            allowed=allowed,
        )


@params
class FromUrlParams:
    """Params of ``POST /api/v1/files/from_url`` (docs: File Upload > Upload via URL).

    Attributes:
        file_url: the file to fetch and store (the docs ask for an HTTPS URL).
        file_name: a name for the stored file.
    """

    file_url: str = field(http_url())  # a URL only: a local file goes to from_stream
    file_name: str | None = field(text(max_length=1024), default=None)


@params
class FromStreamParams:
    """Params of ``POST /api/v1/files/from_stream`` (docs: File Upload > Upload via Stream).

    Attributes:
        file: the file: a path (``str`` or ``pathlib.Path``), bytes, or a binary file object
            (``open(path, "rb")``; read from its current position, left open); at most
            :data:`~runapi._core.params.MAX_UPLOAD_BYTES` (10,485,760 bytes).
        file_name: a name for the stored file; by default the file's own name.
    """

    file: FileInput
    file_name: str | None = field(text(max_length=1024), default=None)


@params
class FromBase64Params:
    """Params of ``POST /api/v1/files/from_base64`` (docs: File Upload > Upload via Base64).

    Attributes:
        base64_data: the file's bytes in base64, with or without a data URL prefix
            (``"data:image/png;base64,iVBORw0KGgo..."``); the file decoded holds at most
            :data:`~runapi._core.params.MAX_UPLOAD_BYTES` (10,485,760 bytes).
        file_name: a name for the stored file.
    """

    base64_data: str = field(_base64_text, _base64_size)
    file_name: str | None = field(text(max_length=1024), default=None)


class Files(Family[ClientT]):
    """``client.files``: store a file on RunAPI and get its temporary ``download_url`` (docs: File Upload).

    ::

        uploaded = client.files.from_stream(file=Path("song.mp3"))
        client.suno.add_vocals.run(upload_url=uploaded.download_url, ...)

    Uploaded files expire after 24 hours (:attr:`UploadedFile.expires_at`). One file holds at most
    :data:`~runapi._core.params.MAX_UPLOAD_BYTES` (10 MB, 10,485,760 bytes); a larger one is refused before it is sent.

    Raises (each call, besides the errors of any upload: see ``UploadResource``):
        ValidationError: a file over :data:`~runapi._core.params.MAX_UPLOAD_BYTES` (``field`` ``"file"`` or
            ``"base64_data"``; the message gives its size and the limit in MB and bytes), before
            any request; for a stream of unknown size, once it passes the limit while it is sent.
        PayloadTooLargeError: RunAPI's own 413, should its limit be lower than the SDK's reading.
    """

    from_url = UploadOperation("/api/v1/files/from_url", FromUrlParams, UploadedFile)
    """Fetch a file from a URL and store it (RunAPI fetches it: its size is the server's to check)."""
    from_stream = UploadOperation("/api/v1/files/from_stream", FromStreamParams, UploadedFile)
    """Upload a local file, bytes or a binary stream (streamed ``multipart/form-data``), of at most
    10,485,760 bytes: a larger one of known size raises :class:`runapi.ValidationError` before a
    byte is sent; a stream of unknown size raises it once it passes the limit while being sent."""
    from_base64 = UploadOperation("/api/v1/files/from_base64", FromBase64Params, UploadedFile)
    """Store base64 data (with or without a ``data:`` URL prefix) of a file of at most 10,485,760
    bytes decoded; larger raises :class:`runapi.ValidationError` before anything is sent."""

    # -- persistent files (/v1/files; runapi-core 0.10.1, see runapi._core.stored_files) -------------
    # Each method drives one flow on the client: a value on runapi.Client, an awaitable on
    # runapi.AsyncClient (the overloads tell type checkers which).

    @overload
    def create(
        self: Files[AsyncClientCore], file: FileSource, *, purpose: str = ..., filename: str | None = ...
    ) -> Coroutine[Any, Any, FileObject]: ...
    @overload
    def create(
        self: Files[ClientCore], file: FileSource, *, purpose: str = ..., filename: str | None = ...
    ) -> FileObject: ...
    def create(self, file: FileSource, *, purpose: str = "user_data", filename: str | None = None) -> Any:
        """Store a file for good: ``POST /v1/files``, ``multipart/form-data`` with ``purpose`` then ``file``.

        ``file`` is a path, bytes or a binary file object (read from its position, left open);
        it is streamed 64 KiB at a time, so memory stays flat whatever its size. ``filename``
        names the part (default: the path's or file object's own name, else ``"file"``). No size
        limit is checked here (the official README points to runapi.ai/docs/resources/files for
        limits, which this SDK has not seen): the server's 413 raises ``PayloadTooLargeError``.
        Retried only where the server cannot have stored it (no ``Idempotency-Key``, as in
        runapi-core 0.10.1), never after a pipe was read.

        Returns:
            The stored :class:`FileObject` (``id``, ``bytes``, ``filename``, ``purpose``, ...).

        Raises:
            ValidationError: ``file`` is not a file source or cannot be read, or ``purpose`` /
                ``filename`` is blank (before any request).
            APIStatusError: a non-2xx answer; APIConnectionError: no answer.
        """
        from .stored_files import create_file

        return self._drive(create_file(file, purpose, filename))

    @overload
    def list(
        self: Files[AsyncClientCore],
        *,
        after: str | None = ...,
        limit: int | None = ...,
        order: str | None = ...,
        purpose: str | None = ...,
    ) -> Coroutine[Any, Any, FileList]: ...
    @overload
    def list(
        self: Files[ClientCore],
        *,
        after: str | None = ...,
        limit: int | None = ...,
        order: str | None = ...,
        purpose: str | None = ...,
    ) -> FileList: ...
    def list(
        self,
        *,
        after: str | None = None,
        limit: int | None = None,
        order: str | None = None,
        purpose: str | None = None,
    ) -> Any:
        """One page of stored files: ``GET /v1/files?after=&limit=&order=&purpose=`` (only those given).

        ``after`` is a file id (the previous page's ``last_id``); ``limit`` the most files on the
        page (>= 1; the server's default and maximum are not documented here). For every file
        across pages, use :meth:`iterate`.

        Raises:
            ValidationError: a blank text or a ``limit`` under 1 (before any request).
        """
        from .stored_files import list_files

        return self._drive(list_files(after, limit, order, purpose))

    @overload
    def iterate(
        self: Files[AsyncClientCore],
        *,
        after: str | None = ...,
        limit: int | None = ...,
        order: str | None = ...,
        purpose: str | None = ...,
    ) -> AsyncIterator[FileObject]: ...
    @overload
    def iterate(
        self: Files[ClientCore],
        *,
        after: str | None = ...,
        limit: int | None = ...,
        order: str | None = ...,
        purpose: str | None = ...,
    ) -> Iterator[FileObject]: ...
    def iterate(
        self,
        *,
        after: str | None = None,
        limit: int | None = None,
        order: str | None = None,
        purpose: str | None = None,
    ) -> Any:
        """Every stored file, page after page (``for f in client.files.iterate()``; ``async for`` on the async client).

        Asks for the next page (``after=<last_id>``) while the page says ``has_more``; ``limit``
        is the page size. Pages are fetched as the loop reaches them.
        """
        from .stored_files import list_files

        def page(cursor: str | None) -> Any:
            return list_files(cursor, limit, order, purpose)

        if self._client.is_async:
            return _pages_async(self._drive, page, after)
        return _pages(self._drive, page, after)

    @overload
    def retrieve(self: Files[AsyncClientCore], file_id: str) -> Coroutine[Any, Any, FileObject]: ...
    @overload
    def retrieve(self: Files[ClientCore], file_id: str) -> FileObject: ...
    def retrieve(self, file_id: str) -> Any:
        """One stored file's record: ``GET /v1/files/{file_id}`` (``NotFoundError`` if there is none)."""
        from .stored_files import retrieve_file

        return self._drive(retrieve_file(file_id))

    @overload
    def content(self: Files[AsyncClientCore], file_id: str) -> Coroutine[Any, Any, bytes]: ...
    @overload
    def content(self: Files[ClientCore], file_id: str) -> bytes: ...
    def content(self, file_id: str) -> Any:
        """A stored file's bytes, in memory: ``GET /v1/files/{file_id}/content`` (large: :meth:`download_content`)."""
        from .stored_files import file_content

        return self._drive(file_content(file_id))

    @overload
    def download_content(
        self: Files[AsyncClientCore], file_id: str, path: str | os.PathLike[str], *, overwrite: bool = ...
    ) -> Coroutine[Any, Any, Download]: ...
    @overload
    def download_content(
        self: Files[ClientCore], file_id: str, path: str | os.PathLike[str], *, overwrite: bool = ...
    ) -> Download: ...
    def download_content(self, file_id: str, path: str | os.PathLike[str], *, overwrite: bool = False) -> Any:
        """Stream a stored file's bytes to ``path`` (``GET /v1/files/{file_id}/content``, with the API key).

        The download machinery of ``client.download``: 64 KiB at a time, into a temporary file
        put in place at the end (no partial file is left; an existing file is never replaced
        unless ``overwrite``), retried like a GET.

        Returns:
            The :class:`runapi.Download` (``path``, ``bytes_written``, ``content_type``).

        Raises:
            FileExistsError: ``path`` exists and ``overwrite`` is false (before any request).
            NotFoundError: no such file; APIStatusError, APIConnectionError as for any call.
        """
        from pathlib import Path

        from .download import ensure_free
        from .stored_files import content_path

        client: Any = self._client
        url = client.base_url + content_path(file_id)
        dest = Path(path)
        if not overwrite:
            ensure_free(dest)
        return client._download(url, dest, overwrite=overwrite, headers=client._headers())

    @overload
    def delete(self: Files[AsyncClientCore], file_id: str) -> Coroutine[Any, Any, DeletedFile]: ...
    @overload
    def delete(self: Files[ClientCore], file_id: str) -> DeletedFile: ...
    def delete(self, file_id: str) -> Any:
        """Delete a stored file: ``DELETE /v1/files/{file_id}``; returns its :class:`DeletedFile`."""
        from .stored_files import delete_file

        return self._drive(delete_file(file_id))

    @overload
    def upload_direct(
        self: Files[AsyncClientCore], file: FileSource, *, file_name: str | None = ...
    ) -> Coroutine[Any, Any, DirectUpload]: ...
    @overload
    def upload_direct(self: Files[ClientCore], file: FileSource, *, file_name: str | None = ...) -> DirectUpload: ...
    def upload_direct(self, file: FileSource, *, file_name: str | None = None) -> Any:
        """A temporary upload straight to storage, as runapi-core 0.10.1's ``FilesClient.create(file=...)`` does it.

        ``POST /api/v1/files/prepare`` with ``{filename, byte_size, checksum}`` (the base64 MD5,
        computed reading the file once in 64 KiB blocks), then a PUT of the bytes to the issued
        ``upload_url`` with exactly the issued ``headers``: no API key, no retries (the URL is
        single-use), streamed; then ``POST /api/v1/files/confirm`` with ``{signed_id}``.
        ``file`` is a path, bytes or a seekable binary file object. :meth:`from_stream` is unchanged
        (the File Upload docs' endpoint); no source says to move it to this path.

        Returns:
            The :class:`DirectUpload` (its ``url``, ``size_bytes``, ``expires_at``).

        Raises:
            ValidationError: ``file`` cannot be read, or is a pipe (its size and checksum come first).
            APIStatusError: from ``prepare``, the storage's PUT or ``confirm``.
        """
        from .stored_files import upload_direct

        return self._drive(upload_direct(file, file_name))

    def _drive(self, flow: Any) -> Any:
        """Run ``flow`` on the client: its value (blocking client) or an awaitable (asyncio client)."""
        from .options import RequestOptions

        client: Any = self._client
        return client._run(flow, RequestOptions())


def _pages(drive: Callable[[Any], Any], page: Callable[[str | None], Any], after: str | None) -> Iterator[FileObject]:
    cursor = after
    while True:
        found: FileList = drive(page(cursor))
        yield from found.data
        if not found.has_more or not found.data:
            return
        cursor = found.last_id or found.data[-1].id


async def _pages_async(
    drive: Callable[[Any], Any], page: Callable[[str | None], Any], after: str | None
) -> AsyncIterator[FileObject]:
    cursor = after
    while True:
        found: FileList = await drive(page(cursor))
        for item in found.data:
            yield item
        if not found.has_more or not found.data:
            return
        cursor = found.last_id or found.data[-1].id
