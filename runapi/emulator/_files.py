"""File uploads (docs: File Upload): ``POST /api/v1/files/from_url|from_stream|from_base64``.

Each stores a file and answers 201 ``{"file_name", "download_url", "file_size", "mime_type",
"uploaded_at"}``; the file is then served, without auth, at its ``download_url``
(``<emulator url>/files/uploads/<id>/<file name>``) until it expires, 24 hours (of the emulator's
clock) after it was stored (docs: "Uploaded files and their returned download_url links are
temporary and expire after 24 hours"); after that the URL answers 404.

- ``from_stream`` takes the documented ``multipart/form-data`` body (a ``file`` part and an
  optional ``file_name`` field), ``Content-Length`` or chunked; the file part is streamed into a
  temporary directory as it arrives, never held in memory.
- ``from_base64`` takes ``{"base64_data", "file_name"?}``; the data may start with a data URL
  prefix (``data:image/png;base64,``).
- ``from_url`` takes ``{"file_url", "file_name"?}``. The emulator works offline, so it never
  fetches: a URL of the emulator itself (a task output under ``/files/<task id>/...`` or another
  upload) is copied from its own store; any other URL is stored as a placeholder of the type its
  extension names (the emulator's small PNG, JPEG, WebP, MP3, MP4 or WAV), or as a short text
  placeholder when the extension names none of those.

An uploaded file holds at most ``max_upload_bytes`` (:data:`MAX_UPLOAD_BYTES`, 10 MB read as
10,485,760 bytes, by default; docs: Errors, "413 File size exceeds maximum allowed size: Uploaded
file is too large (max 10MB)"): a larger one answers 413 ``{"error": "File size exceeds maximum
allowed size"}`` and nothing is stored. ``from_stream`` answers it from the ``Content-Length``
alone when the body is longer than the limit plus 1 MiB of form fields (nothing is read), and
otherwise counts the file part while it streams it to disk, stopping at the limit (a chunked body
too); ``from_base64`` the same, from the ``Content-Length`` (base64 is 4/3 of the bytes) and then
from the decoded size. The rest of a refused body is read and discarded by the server (werkzeug),
never kept.

``mime_type`` comes from the stored file's name (its extension), else from the type the upload
declared (the part's ``Content-Type``, the data URL's type), else ``application/octet-stream``.
Without a ``file_name`` the name is the part's file name, the URL's last path segment, or
``file`` (plus an extension for a data URL's type). Uploads cost nothing and ignore
``Idempotency-Key`` (the docs promise neither). Missing parameters answer 400 with the docs'
``{"error": "Missing required parameter: file_url"}`` wording.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime
import json
import mimetypes
import os
import re
import shutil
import tempfile
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import quote, unquote, urlsplit

from werkzeug.exceptions import ClientDisconnected, RequestEntityTooLarge
from werkzeug.formparser import FormDataParser
from werkzeug.utils import send_file
from werkzeug.wrappers import Request, Response

from . import _payloads
from ._errors import ApiError
from ._media import CONTENT_TYPES, media_bytes

__all__ = [
    "EXPIRES_AFTER_SECONDS",
    "FROM_BASE64",
    "FROM_STREAM",
    "FROM_URL",
    "MAX_UPLOAD_BYTES",
    "TOO_LARGE",
    "UPLOADS_PREFIX",
    "FileStore",
]

FROM_URL = "/api/v1/files/from_url"
FROM_STREAM = "/api/v1/files/from_stream"
FROM_BASE64 = "/api/v1/files/from_base64"
UPLOADS_PREFIX = "/files/uploads/"
"""Download URLs are ``<emulator url>/files/uploads/<id>/<file name>``."""

EXPIRES_AFTER_SECONDS = 24 * 3600.0
"""Uploaded files expire this many seconds (of the emulator's clock) after they were stored."""

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
"""The most bytes an uploaded file may hold by default: the docs' "max 10MB", read as 10,485,760
(the larger megabyte: the emulator refuses nothing the real API may take)."""

TOO_LARGE = "File size exceeds maximum allowed size"
"""The 413 answer's ``error`` (docs: Errors > Common Error Messages)."""

_OUTPUT_PATH = re.compile(
    r"/files/(?P<task_id>[^/]+)/(?P<name>[A-Za-z0-9_-]+)\.(?P<ext>" + "|".join(map(re.escape, CONTENT_TYPES)) + ")"
)
_DATA_URL = re.compile(r"^data:(?P<type>[^,;]*)(?:;[^,;=]+=[^,;]*)*;base64,", re.IGNORECASE)
_MAX_FIELDS_MEMORY = 1 << 20
"""Bytes of non-file form fields held in memory at most (``file_name``); also the slack allowed over
the file limit in a body's ``Content-Length`` (the multipart head, the fields, the tail)."""


class _TooLarge(Exception):
    """Raised out of the multipart parser once the file part passes the limit."""


class _Counted:
    """The file a part is streamed into, counting what is written: past ``limit`` it raises
    :class:`_TooLarge` instead of writing (so no more than the limit reaches the disk)."""

    def __init__(self, file: IO[bytes], limit: int | None) -> None:
        self._file = file
        self._limit = limit
        self._written = 0

    def write(self, data: bytes) -> int:
        self._written += len(data)
        if self._limit is not None and self._written > self._limit:
            raise _TooLarge
        return self._file.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)


@dataclass
class _Upload:
    id: str
    file_name: str
    mime_type: str
    size: int
    path: str
    stored_at: float  # the emulator's clock
    uploaded_at: str  # wall clock, ISO 8601 UTC
    source: str  # "from_url", "from_stream" or "from_base64"


def _json(status: int, body: Any) -> Response:
    return Response(_payloads.encode(body), status=status, mimetype="application/json")


def _json_object(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(request.get_data(cache=True))
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise ApiError(400, "Invalid JSON body")
    return body


def _optional_name(value: object) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not value.strip() or "/" in value or "\\" in value or "\x00" in value:
        raise ApiError(400, "Invalid file_name")
    return value.strip()


def _type_of(name: str, declared: str | None) -> str:
    """The MIME type of a stored file: from its name's extension, else the declared type, else octet-stream."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    guessed = CONTENT_TYPES.get(ext) or mimetypes.guess_type(name)[0]
    if guessed:
        return guessed
    if declared and "/" in declared:
        return declared.split(";", 1)[0].strip().lower()
    return "application/octet-stream"


class FileStore:
    """Uploaded files, on disk in a temporary directory made on the first upload; thread-safe.

    Args:
        clock: the emulator's clock (seconds); files expire :data:`EXPIRES_AFTER_SECONDS` after
            they were stored.
        base_url: returns the emulator's base URL, for download URLs; ``None``: the request's host.
        has_outputs: whether ``/files/<id>/...`` task outputs exist for an id (``Store.has_files``),
            for ``from_url`` of the emulator's own output URLs.
        max_upload_bytes: the most bytes an uploaded file may hold (413 above it); ``None``: no limit.
    """

    def __init__(
        self,
        *,
        clock: Callable[[], float],
        base_url: Callable[[], str] | None = None,
        has_outputs: Callable[[str], bool] = lambda _: False,
        max_upload_bytes: int | None = MAX_UPLOAD_BYTES,
    ) -> None:
        self._max_upload_bytes = max_upload_bytes
        self._clock = clock
        self._base_url = base_url
        self._has_outputs = has_outputs
        self._lock = threading.Lock()
        self._uploads: dict[str, _Upload] = {}
        self._dir: str | None = None

    # --- routing (hooked into App) --------------------------------------------------------

    def route(self, method: str, path: str) -> Callable[[Request], Response] | None:
        """The handler of an upload endpoint (needs auth), or ``None`` for other paths."""
        if method != "POST":
            return None
        handler = {FROM_URL: self._from_url, FROM_STREAM: self._from_stream, FROM_BASE64: self._from_base64}.get(path)
        return handler

    def public(self, request: Request) -> Response | None:
        """The answer to ``GET``/``HEAD`` of a download URL (no auth), or ``None`` for other requests."""
        if request.method not in ("GET", "HEAD") or not request.path.startswith(UPLOADS_PREFIX):
            return None
        upload_id = request.path[len(UPLOADS_PREFIX) :].split("/", 1)[0]
        upload = self._live(upload_id)
        if upload is None:
            return _json(404, {"error": "Record does not exist"})
        return send_file(upload.path, request.environ, mimetype=upload.mime_type, conditional=False, max_age=None)

    # --- handlers -------------------------------------------------------------------------

    def _refuse_length(self, request: Request, limit: int | None) -> None:
        """413 at once when the body's ``Content-Length`` alone exceeds ``limit`` (nothing read)."""
        if limit is not None and request.content_length is not None and request.content_length > limit:
            raise ApiError(413, TOO_LARGE)

    def _from_stream(self, request: Request) -> Response:
        if request.mimetype != "multipart/form-data":
            raise ApiError(400, "Missing required parameter: file")
        limit = self._max_upload_bytes
        self._refuse_length(request, None if limit is None else limit + _MAX_FIELDS_MEMORY)
        opened: list[IO[bytes]] = []

        def stream_factory(
            total_content_length: int | None,
            content_type: str | None,
            filename: str | None,
            content_length: int | None = None,
        ) -> IO[bytes]:
            file = tempfile.NamedTemporaryFile(dir=self._directory(), prefix="part-", delete=False)  # noqa: SIM115
            opened.append(file)
            return _Counted(file, limit)  # type: ignore[return-value]  # a file, as far as the parser goes

        parser = FormDataParser(stream_factory=stream_factory, max_form_memory_size=_MAX_FIELDS_MEMORY)
        try:
            try:
                _, form, files = parser.parse(
                    request.stream, request.mimetype, request.content_length, request.mimetype_params
                )
            except (_TooLarge, RequestEntityTooLarge):  # the file part, or the fields, passed their limit
                raise ApiError(413, TOO_LARGE) from None
            except OSError as exc:
                if exc.errno is not None:  # the disk, not the body
                    raise
                raise ClientDisconnected() from None  # a chunked body cut short ("Invalid chunk header")
            for file in opened:
                file.close()
            part = files.get("file")
            if part is None:
                raise ApiError(400, "Missing required parameter: file")
            name = _optional_name(form.get("file_name")) or _optional_name(os.path.basename(part.filename or ""))
            upload = self._keep(part.stream.name, name or "file", part.mimetype or None, "from_stream")
        finally:
            for file in opened:  # every part not kept (the kept one was moved: nothing to remove)
                file.close()
                _remove(file.name)
        return _json(201, self._answer(upload, request))

    def _from_base64(self, request: Request) -> Response:
        limit = self._max_upload_bytes
        self._refuse_length(request, None if limit is None else -(-limit // 3) * 4 + _MAX_FIELDS_MEMORY)
        body = _json_object(request)
        data = body.get("base64_data")
        if data is None or data == "":
            raise ApiError(400, "Missing required parameter: base64_data")
        if not isinstance(data, str):
            raise ApiError(400, "Invalid base64_data")
        declared = None
        match = _DATA_URL.match(data.strip())
        if match:
            declared = match["type"] or None
            data = data.strip()[match.end() :]
        try:
            content = base64.b64decode("".join(data.split()), validate=True)
        except (binascii.Error, ValueError):
            raise ApiError(400, "Invalid base64_data") from None
        if limit is not None and len(content) > limit:
            raise ApiError(413, TOO_LARGE)
        name = _optional_name(body.get("file_name"))
        if name is None:
            ext = mimetypes.guess_extension(declared or "") or ""
            name = "file" + (".jpg" if ext == ".jpe" else ext)
        upload = self._write(content, name, declared, "from_base64")
        return _json(201, self._answer(upload, request))

    def _from_url(self, request: Request) -> Response:
        body = _json_object(request)
        url = body.get("file_url")
        if url is None or url == "":
            raise ApiError(400, "Missing required parameter: file_url")
        try:
            parts = urlsplit(url) if isinstance(url, str) else None
        except ValueError:
            parts = None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            raise ApiError(400, "Invalid file_url")
        name = _optional_name(body.get("file_name"))
        own_name = os.path.basename(unquote(parts.path)) or "file"
        if name is None:
            name = _optional_name(own_name) or "file"
        own = self._own_file(url, request)
        if own is not None:
            if isinstance(own, _Upload):
                with open(own.path, "rb") as source:
                    upload = self._copy(source, name, own.mime_type, "from_url")
            else:
                upload = self._write(own[0], name, own[1], "from_url")
        else:
            ext = own_name.rsplit(".", 1)[-1].lower() if "." in own_name else ""
            if ext in CONTENT_TYPES:
                upload = self._write(media_bytes(ext), name, CONTENT_TYPES[ext], "from_url")
            else:
                placeholder = f"RunAPI emulator placeholder for {url}\n".encode()
                upload = self._write(placeholder, name, None, "from_url")
        return _json(201, self._answer(upload, request))

    def _own_file(self, url: str, request: Request) -> _Upload | tuple[bytes, str] | None:
        """The emulator's own file a URL names: an upload, or a task output's ``(bytes, type)``."""
        base = (self._base_url() if self._base_url else request.host_url).rstrip("/")
        if not url.startswith(base + "/"):
            return None
        path = urlsplit(url).path
        if path.startswith(UPLOADS_PREFIX):
            upload = self._live(path[len(UPLOADS_PREFIX) :].split("/", 1)[0])
            if upload is None:
                raise ApiError(400, "Could not download file_url: 404")
            return upload
        output = _OUTPUT_PATH.fullmatch(path)
        if output is not None and self._has_outputs(output["task_id"]):
            return media_bytes(output["ext"]), CONTENT_TYPES[output["ext"]]
        raise ApiError(400, "Could not download file_url: 404")

    # --- storage --------------------------------------------------------------------------

    def _directory(self) -> str:
        with self._lock:
            if self._dir is None:
                self._dir = tempfile.mkdtemp(prefix="runapi-emulator-uploads-")
            return self._dir

    def _write(self, content: bytes, name: str, declared: str | None, source: str) -> _Upload:
        with tempfile.NamedTemporaryFile(dir=self._directory(), prefix="part-", delete=False) as file:
            file.write(content)
        return self._keep(file.name, name, declared, source)

    def _copy(self, source: IO[bytes], name: str, declared: str | None, origin: str) -> _Upload:
        with tempfile.NamedTemporaryFile(dir=self._directory(), prefix="part-", delete=False) as file:
            shutil.copyfileobj(source, file, 1 << 16)
        return self._keep(file.name, name, declared, origin)

    def _keep(self, path: str, name: str, declared: str | None, source: str) -> _Upload:
        upload_id = uuid.uuid4().hex
        now = datetime.datetime.now(datetime.timezone.utc)
        upload = _Upload(
            id=upload_id,
            file_name=name,
            mime_type=_type_of(name, declared),
            size=os.path.getsize(path),
            path=os.path.join(os.path.dirname(path), upload_id),
            stored_at=self._clock(),
            uploaded_at=now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            source=source,
        )
        os.replace(path, upload.path)
        with self._lock:
            self._purge()
            self._uploads[upload_id] = upload
        return upload

    def _answer(self, upload: _Upload, request: Request) -> dict[str, Any]:
        base = (self._base_url() if self._base_url else request.host_url).rstrip("/")
        return {
            "file_name": upload.file_name,
            "download_url": f"{base}{UPLOADS_PREFIX}{upload.id}/{quote(upload.file_name)}",
            "file_size": upload.size,
            "mime_type": upload.mime_type,
            "uploaded_at": upload.uploaded_at,
        }

    def _live(self, upload_id: str) -> _Upload | None:
        with self._lock:
            self._purge()
            return self._uploads.get(upload_id)

    def _purge(self) -> None:
        """Forget and delete the files that expired (lock held)."""
        now = self._clock()
        for upload_id, upload in list(self._uploads.items()):
            if now - upload.stored_at >= EXPIRES_AFTER_SECONDS:
                del self._uploads[upload_id]
                _remove(upload.path)

    # --- inspection and life cycle --------------------------------------------------------

    def snapshots(self) -> list[dict[str, Any]]:
        """The live uploads, oldest first (see :meth:`runapi.emulator.Emulator.uploads`)."""
        with self._lock:
            self._purge()
            now = self._clock()
            return [
                {
                    "id": upload.id,
                    "file_name": upload.file_name,
                    "mime_type": upload.mime_type,
                    "file_size": upload.size,
                    "path": upload.path,
                    "source": upload.source,
                    "uploaded_at": upload.uploaded_at,
                    "expires_in": EXPIRES_AFTER_SECONDS - (now - upload.stored_at),
                }
                for upload in self._uploads.values()
            ]

    def close(self) -> None:
        """Delete every stored file and the temporary directory."""
        with self._lock:
            self._uploads.clear()
            directory, self._dir = self._dir, None
        if directory is not None:
            shutil.rmtree(directory, ignore_errors=True)


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
