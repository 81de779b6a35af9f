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
"""

from __future__ import annotations

import datetime
import re

import attrs

from .models import Result
from .operations import ClientT, Family, UploadOperation
from .params import FileInput, field, http_url, params, text

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
            (``open(path, "rb")``; read from its current position, left open).
        file_name: a name for the stored file; by default the file's own name.
    """

    file: FileInput
    file_name: str | None = field(text(max_length=1024), default=None)


@params
class FromBase64Params:
    """Params of ``POST /api/v1/files/from_base64`` (docs: File Upload > Upload via Base64).

    Attributes:
        base64_data: the file's bytes in base64, with or without a data URL prefix
            (``"data:image/png;base64,iVBORw0KGgo..."``).
        file_name: a name for the stored file.
    """

    base64_data: str = field(_base64_text)
    file_name: str | None = field(text(max_length=1024), default=None)


class Files(Family[ClientT]):
    """``client.files``: store a file on RunAPI and get its temporary ``download_url`` (docs: File Upload).

    ::

        uploaded = client.files.from_stream(file=Path("song.mp3"))
        client.suno.add_vocals.run(upload_url=uploaded.download_url, ...)

    Uploaded files expire after 24 hours (:attr:`UploadedFile.expires_at`).
    """

    from_url = UploadOperation("/api/v1/files/from_url", FromUrlParams, UploadedFile)
    """Fetch a file from a URL and store it."""
    from_stream = UploadOperation("/api/v1/files/from_stream", FromStreamParams, UploadedFile)
    """Upload a local file, bytes or a binary stream (streamed ``multipart/form-data``)."""
    from_base64 = UploadOperation("/api/v1/files/from_base64", FromBase64Params, UploadedFile)
    """Store base64 data (with or without a ``data:`` URL prefix)."""
