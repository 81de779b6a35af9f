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
import re

import attrs

from . import params as _params
from .models import Result
from .operations import ClientT, Family, UploadOperation
from .params import FileInput, field, http_url, params, size_text, text

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
