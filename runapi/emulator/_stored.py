"""Persistent Files, multipart Uploads and direct uploads (runapi-core 0.10.1: ``files.py``, ``uploads.py``).

Routes (all need the API key, but the PUT target and the confirmed file's URL):

- ``POST /v1/files`` (``multipart/form-data``: ``purpose``, default ``"user_data"``, and a ``file``
  part) → 200 FileObject ``{id, object: "file", bytes, created_at, filename, purpose}``;
  ``GET /v1/files`` (``after``, ``limit``, ``order``, ``purpose``) → ``{object: "list", data,
  first_id, last_id, has_more}``; ``GET /v1/files/{id}``; ``GET /v1/files/{id}/content`` (the
  bytes); ``DELETE /v1/files/{id}`` → ``{id, object: "file", deleted: true}``.
- ``POST /v1/uploads`` ``{bytes, filename, mime_type, purpose}`` → an upload ``{id, object:
  "upload", bytes, created_at, filename, purpose, status: "pending", expires_at, file: null}``;
  ``POST /v1/uploads/{id}/parts`` (a ``data`` part) → ``{id, object: "upload.part", created_at,
  upload_id}``; ``POST /v1/uploads/{id}/complete`` ``{part_ids}`` → the upload, ``status:
  "completed"`` and its ``file``; ``POST /v1/uploads/{id}/cancel`` → ``status: "cancelled"``.
- ``POST /api/v1/files/prepare`` ``{filename, byte_size, checksum}`` → ``{upload_url, headers,
  signed_id}``; ``PUT <upload_url>`` (no auth: an ``Authorization`` header is refused, 400, as a
  pre-signed storage URL refuses a second auth; the issued ``Content-MD5`` must match the body;
  single use, 403 after) ; ``POST /api/v1/files/confirm`` ``{signed_id}`` → ``{file_name, url,
  size_bytes, mime_type, created_at, expires_at}`` (ISO 8601; 24 hours, the temporary uploads'
  rule), the file served at ``url`` without auth.

The emulator's readings where the official code is silent (it only names the fields): the
``object`` strings, the statuses, an hour for an unfinished upload's ``expires_at``, lists newest
first by default with ``limit`` 20 (1-10,000), and a ``complete`` whose parts do not add up to the
declared ``bytes`` answering 400. No size limit (none is known). Bodies are streamed to disk, in a
temporary directory of its own removed with the emulator; ``complete`` appends the parts into the
first one, so a 1 GB upload holds 1 GB of disk at most.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import hashlib
import json
import mimetypes
import os
import re
import shutil
import tempfile
import threading
import time
import uuid
import weakref
from collections.abc import Callable
from typing import IO, Any
from urllib.parse import quote

from werkzeug.exceptions import ClientDisconnected
from werkzeug.formparser import FormDataParser
from werkzeug.utils import send_file
from werkzeug.wrappers import Request, Response

from . import _payloads
from ._errors import ApiError

__all__ = ["DIRECT_PREFIX", "StoredFiles"]

FILES = "/v1/files"
UPLOADS = "/v1/uploads"
PREPARE = "/api/v1/files/prepare"
CONFIRM = "/api/v1/files/confirm"
DIRECT_PREFIX = "/files/direct/"
"""Where the pre-authorized PUT goes (``/files/direct/<token>``) and the confirmed file is served
(``/files/direct/<token>/<name>``)."""

_FILE = re.compile(r"/v1/files/(?P<id>[^/]+)(?P<content>/content)?")
_UPLOAD = re.compile(r"/v1/uploads/(?P<id>[^/]+)/(?P<action>parts|complete|cancel)")
_MAX_FIELDS_MEMORY = 1 << 20


def _json(status: int, body: Any) -> Response:
    return Response(_payloads.encode(body), status=status, mimetype="application/json")


def _object(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(request.get_data(cache=True) or b"{}")
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise ApiError(400, "Invalid JSON body")
    return body


def _text(body: dict[str, Any], name: str, default: str | None = None) -> str:
    value = body.get(name, default)
    if not isinstance(value, str) or not value.strip():
        raise ApiError(400, f"Missing required parameter: {name}")
    return value


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


class StoredFiles:
    """The three stores (files, uploads, direct uploads), on disk; thread-safe."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock  # wall clock: created_at is Unix seconds
        self._lock = threading.Lock()
        self._files: dict[str, dict[str, Any]] = {}
        self._uploads: dict[str, dict[str, Any]] = {}
        self._direct: dict[str, dict[str, Any]] = {}
        self._dir: str | None = None

    # --- routing --------------------------------------------------------------------------

    def route(self, method: str, path: str) -> Callable[[Request], Response] | None:
        """The handler of one of these API paths (auth is the app's), else ``None``."""
        if path == FILES:
            return {"POST": self._create_file, "GET": self._list_files}.get(method)
        if path == UPLOADS:
            return self._create_upload if method == "POST" else None
        if path in (PREPARE, CONFIRM):
            return (self._prepare if path == PREPARE else self._confirm) if method == "POST" else None
        found = _FILE.fullmatch(path)
        if found:
            file_id, content = found["id"], found["content"]
            if method == "GET":
                return lambda request: self._file(request, file_id, bool(content))
            if method == "DELETE" and not content:
                return lambda request: self._delete(file_id)
            return None
        found = _UPLOAD.fullmatch(path)
        if found and method == "POST":
            upload_id, action = found["id"], found["action"]
            return lambda request: self._upload_action(request, upload_id, action)
        return None

    def public(self, request: Request) -> Response | None:
        """The PUT target and the confirmed files (no auth), else ``None``."""
        if not request.path.startswith(DIRECT_PREFIX):
            return None
        rest = request.path[len(DIRECT_PREFIX) :]
        try:
            if request.method == "PUT" and "/" not in rest:
                return self._put(request, rest)
            if request.method in ("GET", "HEAD") and "/" in rest:
                with self._lock:
                    entry = self._direct.get(rest.split("/", 1)[0])
                if entry is None or not entry.get("confirmed"):
                    raise ApiError(404, "Record does not exist")
                return send_file(entry["path"], request.environ, mimetype=entry["mime_type"], conditional=False)
        except ApiError as exc:
            return _json(exc.status, {"error": exc.message})
        return None

    # --- storage --------------------------------------------------------------------------

    def _directory(self) -> str:
        with self._lock:
            if self._dir is None:
                self._dir = tempfile.mkdtemp(prefix="runapi-emulator-files-")
                weakref.finalize(self, shutil.rmtree, self._dir, True)
            return self._dir

    def _form(self, request: Request, part: str) -> tuple[dict[str, str], str, str]:
        """Parse a ``multipart/form-data`` body; ``(fields, the part's temporary path, its filename)``."""
        if request.mimetype != "multipart/form-data":
            raise ApiError(400, f"Missing required parameter: {part}")
        opened: list[IO[bytes]] = []

        def stream_factory(*_: Any, **__: Any) -> IO[bytes]:
            file = tempfile.NamedTemporaryFile(dir=self._directory(), prefix="part-", delete=False)  # noqa: SIM115
            opened.append(file)
            return file

        parser = FormDataParser(stream_factory=stream_factory, max_form_memory_size=_MAX_FIELDS_MEMORY)
        kept = None
        try:
            try:
                _, form, files = parser.parse(
                    request.stream, request.mimetype, request.content_length, request.mimetype_params
                )
            except OSError as exc:
                if exc.errno is not None:
                    raise
                raise ClientDisconnected() from None
            for file in opened:
                file.close()
            upload = files.get(part)
            if upload is None:
                raise ApiError(400, f"Missing required parameter: {part}")
            kept = upload.stream.name
            return {key: form[key] for key in form}, kept, os.path.basename(upload.filename or "") or "file"
        finally:
            for file in opened:
                file.close()
                if file.name != kept:
                    _remove(file.name)

    def _record(self, path: str, filename: str, purpose: str) -> dict[str, Any]:
        file_id = "file-" + uuid.uuid4().hex[:24]
        final = os.path.join(os.path.dirname(path), file_id)
        os.replace(path, final)
        record = {
            "id": file_id,
            "object": "file",
            "bytes": os.path.getsize(final),
            "created_at": int(self._clock()),
            "filename": filename,
            "purpose": purpose,
            "_path": final,
        }
        with self._lock:
            self._files[file_id] = record
        return record

    @staticmethod
    def _public(record: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in record.items() if not key.startswith("_")}

    # --- files ----------------------------------------------------------------------------

    def _create_file(self, request: Request) -> Response:
        fields, path, filename = self._form(request, "file")
        purpose = fields.get("purpose") or "user_data"
        return _json(200, self._public(self._record(path, filename, purpose)))

    def _list_files(self, request: Request) -> Response:
        args = request.args
        order = args.get("order", "desc")
        if order not in ("asc", "desc"):
            raise ApiError(400, "Invalid order")
        try:
            limit = int(args.get("limit", "20"))
        except ValueError:
            raise ApiError(400, "Invalid limit") from None
        if not 1 <= limit <= 10_000:
            raise ApiError(400, "Invalid limit")
        with self._lock:
            records = list(self._files.values())
        if order == "desc":
            records.reverse()
        purpose = args.get("purpose")
        if purpose:
            records = [r for r in records if r["purpose"] == purpose]
        after = args.get("after")
        if after:
            ids = [r["id"] for r in records]
            if after not in ids:
                raise ApiError(400, "Invalid after")
            records = records[ids.index(after) + 1 :]
        page = [self._public(r) for r in records[:limit]]
        return _json(
            200,
            {
                "object": "list",
                "data": page,
                "first_id": page[0]["id"] if page else None,
                "last_id": page[-1]["id"] if page else None,
                "has_more": len(records) > limit,
            },
        )

    def _found(self, file_id: str) -> dict[str, Any]:
        with self._lock:
            record = self._files.get(file_id)
        if record is None:
            raise ApiError(404, "Record does not exist")
        return record

    def _file(self, request: Request, file_id: str, content: bool) -> Response:
        record = self._found(file_id)
        if not content:
            return _json(200, self._public(record))
        kind = mimetypes.guess_type(record["filename"])[0] or "application/octet-stream"
        return send_file(record["_path"], request.environ, mimetype=kind, conditional=False, max_age=None)

    def _delete(self, file_id: str) -> Response:
        record = self._found(file_id)
        with self._lock:
            self._files.pop(file_id, None)
        _remove(record["_path"])
        return _json(200, {"id": file_id, "object": "file", "deleted": True})

    # --- uploads --------------------------------------------------------------------------

    def _create_upload(self, request: Request) -> Response:
        body = _object(request)
        size = body.get("bytes")
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise ApiError(400, "Missing required parameter: bytes")
        now = int(self._clock())
        upload_id = "upload-" + uuid.uuid4().hex[:24]
        upload: dict[str, Any] = {
            "id": upload_id,
            "object": "upload",
            "bytes": size,
            "created_at": now,
            "filename": _text(body, "filename"),
            "purpose": _text(body, "purpose", "user_data"),
            "status": "pending",
            "expires_at": now + 3600,
            "file": None,
            "_mime_type": _text(body, "mime_type"),
            "_parts": {},
        }
        with self._lock:
            self._uploads[upload_id] = upload
        return _json(200, self._public(upload))

    def _upload_action(self, request: Request, upload_id: str, action: str) -> Response:
        with self._lock:
            upload = self._uploads.get(upload_id)
        if upload is None:
            raise ApiError(404, "Record does not exist")
        if upload["status"] != "pending":
            raise ApiError(400, f"Upload is {upload['status']}")
        if action == "parts":
            _, path, _ = self._form(request, "data")
            part = {
                "id": "part-" + uuid.uuid4().hex[:24],
                "object": "upload.part",
                "created_at": int(self._clock()),
                "upload_id": upload_id,
            }
            with self._lock:
                upload["_parts"][part["id"]] = path
            return _json(200, part)
        if action == "cancel":
            self._drop_parts(upload, [])
            upload["status"] = "cancelled"
            return _json(200, self._public(upload))
        return self._complete(request, upload)

    def _complete(self, request: Request, upload: dict[str, Any]) -> Response:
        ids = _object(request).get("part_ids")
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
            raise ApiError(400, "Missing required parameter: part_ids")
        parts: dict[str, str] = upload["_parts"]
        unknown = [i for i in ids if i not in parts]
        if unknown or len(set(ids)) != len(ids):
            raise ApiError(400, f"Invalid part_ids: {', '.join(unknown) or 'a part is listed twice'}")
        total = sum(os.path.getsize(parts[i]) for i in ids)
        if total != upload["bytes"]:
            raise ApiError(400, f"The parts add up to {total} bytes; the upload declared {upload['bytes']}")
        first = parts[ids[0]]
        with open(first, "ab") as out:
            for part_id in ids[1:]:
                with open(parts[part_id], "rb") as piece:
                    shutil.copyfileobj(piece, out, 1 << 20)
                _remove(parts[part_id])
        record = self._record(first, upload["filename"], upload["purpose"])
        self._drop_parts(upload, ids)
        upload["status"] = "completed"
        upload["file"] = self._public(record)
        return _json(200, self._public(upload))

    def _drop_parts(self, upload: dict[str, Any], used: list[str]) -> None:
        """Remove the parts not used (a cancel, or strays a complete did not list)."""
        with self._lock:
            parts = dict(upload["_parts"])
            upload["_parts"] = {}
        for part_id, path in parts.items():
            if part_id not in used:
                _remove(path)

    # --- direct uploads (prepare -> PUT -> confirm) -----------------------------------------

    def _prepare(self, request: Request) -> Response:
        body = _object(request)
        filename = _text(body, "filename")
        size = body.get("byte_size")
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise ApiError(400, "Missing required parameter: byte_size")
        checksum = _text(body, "checksum")
        token = uuid.uuid4().hex
        kind = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        headers = {"Content-Type": kind, "Content-MD5": checksum}
        with self._lock:
            self._direct[token] = {"filename": filename, "size": size, "headers": headers, "mime_type": kind}
        return _json(
            200,
            {
                "upload_url": request.host_url.rstrip("/") + DIRECT_PREFIX + token,
                "headers": headers,
                "signed_id": "signed-" + token,
            },
        )

    def _put(self, request: Request, token: str) -> Response:
        with self._lock:
            entry = self._direct.get(token)
        if entry is None:
            raise ApiError(404, "Record does not exist")
        if "Authorization" in request.headers:
            raise ApiError(400, "Only one auth mechanism allowed: the URL is pre-authorized")
        if entry.get("path"):
            raise ApiError(403, "Upload URL already used")
        for name, value in entry["headers"].items():
            if request.headers.get(name) != value:
                raise ApiError(400, f"Header {name} does not match the one issued")
        digest = hashlib.md5(usedforsecurity=False)
        with tempfile.NamedTemporaryFile(dir=self._directory(), prefix="direct-", delete=False) as out:
            while block := request.stream.read(1 << 16):
                digest.update(block)
                out.write(block)
        if base64.b64encode(digest.digest()).decode() != entry["headers"]["Content-MD5"]:
            _remove(out.name)
            raise ApiError(400, "Content-MD5 does not match the body")
        if os.path.getsize(out.name) != entry["size"]:
            _remove(out.name)
            raise ApiError(400, "Body size does not match byte_size")
        entry["path"] = out.name
        return Response(status=200)

    def _confirm(self, request: Request) -> Response:
        signed = _text(_object(request), "signed_id")
        token = signed.removeprefix("signed-")
        with self._lock:
            entry = self._direct.get(token)
        if entry is None or not entry.get("path"):
            raise ApiError(422, "Invalid signed_id: nothing was uploaded for it")
        entry["confirmed"] = True
        now = datetime.datetime.now(datetime.timezone.utc)
        stamp = "%Y-%m-%dT%H:%M:%SZ"
        return _json(
            200,
            {
                "file_name": entry["filename"],
                "url": request.host_url.rstrip("/") + DIRECT_PREFIX + token + "/" + quote(entry["filename"]),
                "size_bytes": entry["size"],
                "mime_type": entry["mime_type"],
                "created_at": now.strftime(stamp),
                "expires_at": (now + datetime.timedelta(hours=24)).strftime(stamp),
            },
        )

    # --- inspection -----------------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Files, uploads (with their part ids) and direct uploads, for tests."""
        with self._lock:
            return {
                "files": [self._public(r) for r in self._files.values()],
                "uploads": [{**self._public(u), "part_ids": list(u["_parts"])} for u in self._uploads.values()],
                "direct": len(self._direct),
            }
