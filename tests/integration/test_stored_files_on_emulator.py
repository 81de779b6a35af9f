"""Persistent files (``/v1/files``), multipart uploads (``/v1/uploads``) and direct uploads
(``/api/v1/files/prepare`` → PUT → ``confirm``) through both clients against the emulator.

The wire shapes are runapi-core 0.10.1's (``runapi/core/files.py``, ``uploads.py``): each test checks
the method, path and body the emulator logged. A part that fails once is resumed without re-sending
the parts already stored; a 1 GB sparse file goes up in parts with flat memory.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import textwrap
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import runapi
from runapi.emulator import Emulator
from tests.integration.clients import loop_thread

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def logged(emu: Emulator, since: int) -> list[dict[str, Any]]:
    return emu.requests()[since:]


def every(items: Iterator[Any] | AsyncIterator[Any]) -> list[Any]:
    """The items of ``files.iterate()`` on either client (an async iterator is drained on the client's loop)."""
    if hasattr(items, "__aiter__"):

        async def drain() -> list[Any]:
            return [item async for item in items]

        return loop_thread().run(drain())  # type: ignore[no-any-return]
    return list(items)


# -- files -------------------------------------------------------------------------------------------


def test_create_retrieve_content_download_and_delete(client: runapi.Client, emu: Emulator, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"persistent bytes\n" * 100)
    since = len(emu.requests())
    stored = client.files.create(notes, purpose="assistants")
    [sent] = logged(emu, since)
    assert (sent["method"], sent["path"]) == ("POST", "/v1/files")
    assert sent["headers"]["Content-Type"].startswith("multipart/form-data; boundary=")
    assert "Idempotency-Key" not in sent["headers"]  # none in the official core: never replayed blindly
    assert (stored.filename, stored.purpose, stored.bytes) == ("notes.txt", "assistants", 1700)  # both fields arrived
    assert client.files.create(b"abc", filename="abc.bin").purpose == "user_data"  # the official default

    assert client.files.retrieve(stored.id) == stored
    assert client.files.content(stored.id) == notes.read_bytes()
    done = client.files.download_content(stored.id, tmp_path / "out" / "copy.txt")
    assert done.path.read_bytes() == notes.read_bytes() and done.bytes_written == 1700
    with pytest.raises(FileExistsError):
        client.files.download_content(stored.id, done.path)
    content = [e for e in logged(emu, since) if e["path"].endswith("/content")]
    assert [e["method"] for e in content] == ["GET", "GET"] and all(e["headers"]["Authorization"] for e in content)

    deleted = client.files.delete(stored.id)
    assert (deleted.id, deleted.deleted) == (stored.id, True)
    assert logged(emu, since)[-1]["method"] == "DELETE"
    with pytest.raises(runapi.NotFoundError):
        client.files.retrieve(stored.id)


def test_list_pages_and_iterate_every_page(client: runapi.Client, emu: Emulator) -> None:
    purpose = "paging-" + uuid.uuid4().hex[:8]  # the module's emulator is shared: this test's files only
    ids = [client.files.create(f"file {n}".encode(), filename=f"f{n}.txt", purpose=purpose).id for n in range(5)]
    newest_first = ids[::-1]
    since = len(emu.requests())
    page = client.files.list(limit=2, purpose=purpose)
    assert [f.id for f in page.data] == newest_first[:2] and page.has_more and page.last_id == newest_first[1]
    following = client.files.list(after=page.last_id, limit=2, purpose=purpose)
    assert [f.id for f in following.data] == newest_first[2:4]
    queries = [e["query"] for e in logged(emu, since)]
    assert queries == [f"limit=2&purpose={purpose}", f"after={page.last_id}&limit=2&purpose={purpose}"]

    since = len(emu.requests())
    assert [f.id for f in every(client.files.iterate(limit=2, purpose=purpose))] == newest_first
    assert len(logged(emu, since)) == 3  # 2 + 2 + 1: one request per page, none after the last
    assert [f.id for f in every(client.files.iterate(order="asc", purpose=purpose))] == ids


def test_bad_arguments_are_refused_before_any_request(client: runapi.Client, emu: Emulator) -> None:
    since = len(emu.requests())
    cases: list[tuple[Callable[[], object], str]] = [
        (lambda: client.files.retrieve(" "), "file_id"),
        (lambda: client.files.list(limit=0), "limit"),
        (lambda: client.files.create(42), "file"),  # type: ignore[arg-type]
        (lambda: client.uploads.complete("upload-1", "part-1"), "part_ids"),
        (lambda: client.uploads.upload(b"x", part_size=0), "part_size"),
    ]
    for call, field in cases:
        with pytest.raises(runapi.ValidationError) as info:
            call()
        assert info.value.field == field
    read, write = os.pipe()
    os.close(write)
    with open(read, "rb") as pipe, pytest.raises(runapi.ValidationError, match="seekable") as info:
        client.uploads.upload(pipe)
    assert info.value.field == "file"
    assert logged(emu, since) == []


# -- uploads ---------------------------------------------------------------------------------------


def test_the_four_upload_calls_send_the_official_shapes(client: runapi.Client, emu: Emulator) -> None:
    since = len(emu.requests())
    upload = client.uploads.create(bytes=6, filename="six.bin", mime_type="application/octet-stream")
    first = client.uploads.add_part(upload.id, b"abc")
    second = client.uploads.add_part(upload.id, b"def", filename="two.bin")
    done = client.uploads.complete(upload.id, [first.id, second.id])
    other = client.uploads.create(bytes=1, filename="x", mime_type="text/plain", purpose="batch")
    cancelled = client.uploads.cancel(other.id)
    shapes = [(e["method"], e["path"], e["json"]) for e in logged(emu, since)]
    assert shapes == [
        (
            "POST",
            "/v1/uploads",
            {"bytes": 6, "filename": "six.bin", "mime_type": "application/octet-stream", "purpose": "user_data"},
        ),
        ("POST", f"/v1/uploads/{upload.id}/parts", None),  # multipart: a ``data`` part (the emulator needs it)
        ("POST", f"/v1/uploads/{upload.id}/parts", None),
        ("POST", f"/v1/uploads/{upload.id}/complete", {"part_ids": [first.id, second.id]}),
        ("POST", "/v1/uploads", {"bytes": 1, "filename": "x", "mime_type": "text/plain", "purpose": "batch"}),
        ("POST", f"/v1/uploads/{other.id}/cancel", {}),
    ]
    assert (upload.status, done.status, cancelled.status) == ("pending", "completed", "cancelled")
    assert first.upload_id == upload.id and done.file is not None
    assert client.files.content(done.file.id) == b"abcdef"


def test_a_part_failing_once_is_resumed_without_resending_the_parts_done(
    client: runapi.Client, emu: Emulator, tmp_path: Path
) -> None:
    data = bytes(range(256)) * 40  # 10,240 bytes: 4 parts of 3,000 and one of 1,240
    source = tmp_path / "data.bin"
    source.write_bytes(data)
    journal: list[dict[str, Any]] = []

    def record(progress: runapi.UploadProgress) -> None:
        journal.append(progress.to_dict())
        if progress.parts_done == 2:  # the third part will fail once, with a 500 (an unknown outcome)
            emu.inject("server_error", path=f"/v1/uploads/{progress.upload_id}/parts", times=1)

    since = len(emu.requests())
    with pytest.raises(runapi.UploadInterruptedError) as info:
        client.uploads.upload(source, part_size=3_000, on_progress=record)
    progress = info.value.progress
    assert isinstance(info.value.error, runapi.InternalServerError) and info.value.__cause__ is info.value.error
    assert progress.parts_done == 2 and progress.parts_left == [2, 3]
    assert progress.upload_id in str(info.value) and "resume" in str(info.value)
    parts = [e for e in logged(emu, since) if e["path"].endswith("/parts")]
    assert [e["status"] for e in parts] == [200, 200, 500]  # a POST without a key: not retried by the driver

    since = len(emu.requests())
    resumed = runapi.UploadProgress.from_dict(json.loads(json.dumps(journal[-1])))  # a journal line, read back
    assert resumed == progress
    done = client.uploads.upload(source, part_size=3_000, resume=resumed)
    sent = [e for e in logged(emu, since) if e["path"].endswith("/parts")]
    assert len(sent) == 2  # parts 3 and 4 only: parts 1 and 2 were never sent again
    assert not any(e["path"] == "/v1/uploads" for e in logged(emu, since))  # no second upload
    assert done.status == "completed" and done.file is not None
    assert client.files.content(done.file.id) == data

    with pytest.raises(runapi.ValidationError) as refused:
        client.uploads.upload(source, part_size=4_000, resume=resumed)
    assert refused.value.field == "resume"


# -- the direct path (prepare -> PUT -> confirm) ------------------------------------------------------


def test_a_direct_upload_puts_the_bytes_with_the_issued_headers_and_no_key(
    client: runapi.Client, emu: Emulator, tmp_path: Path
) -> None:
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG" + bytes(5000))
    since = len(emu.requests())
    stored = client.files.upload_direct(image)
    prepare, put, confirm = logged(emu, since)
    assert (prepare["method"], prepare["path"]) == ("POST", "/api/v1/files/prepare")
    assert prepare["json"] == {"filename": "photo.png", "byte_size": 5004, "checksum": prepare["json"]["checksum"]}
    assert put["method"] == "PUT" and put["path"].startswith("/files/direct/") and put["status"] == 200
    assert "Authorization" not in put["headers"]  # the pre-authorized URL never gets the API key
    assert put["headers"]["Content-Md5"] == prepare["json"]["checksum"]  # the issued headers, as issued
    assert put["headers"]["Content-Type"] == "image/png"
    assert (confirm["path"], confirm["json"]["signed_id"].startswith("signed-")) == ("/api/v1/files/confirm", True)
    assert (stored.file_name, stored.size_bytes, stored.mime_type) == ("photo.png", 5004, "image/png")
    assert client.download(stored.url, tmp_path / "back.png").path.read_bytes() == image.read_bytes()

    emu.inject("unavailable", path="/files/direct/", times=1)
    since = len(emu.requests())
    with pytest.raises(runapi.ServiceUnavailableError):
        client.files.upload_direct(b"once", file_name="once.txt")
    assert [e["method"] for e in logged(emu, since)] == ["POST", "PUT"]  # the PUT is never retried, no confirm


# -- memory -----------------------------------------------------------------------------------------

_MEMORY_SCRIPT = textwrap.dedent(
    """
    import json, sys, tempfile
    from pathlib import Path
    import runapi
    from runapi.emulator import Emulator

    def kib(key):
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(key + ":"):
                    return int(line.split()[1])

    size = int(sys.argv[1])
    with tempfile.TemporaryDirectory() as folder, Emulator(api_key="k") as emu:
        big = Path(folder) / "big.bin"
        with open(big, "wb") as out:
            out.truncate(size)  # a sparse file: no disk written, same bytes read
        client = runapi.Client(api_key="k", base_url=emu.url)
        client.uploads.upload(b"warm-up", filename="w.bin")  # every module loaded, pools made
        base = kib("VmRSS")
        try:
            with open("/proc/self/clear_refs", "w") as clear:
                clear.write("5")  # the peak (VmHWM) starts again from here
            reset = True
        except OSError:
            reset = False
        parts = []
        done = client.uploads.upload(big, part_size=64 * 1024 * 1024, on_progress=parts.append)
        peak = kib("VmHWM")
    parts = len(parts[-1].part_ids)
    result = {"base_kib": base, "peak_kib": peak, "reset": reset, "stored": done.file.bytes, "parts": parts}
    print(json.dumps(result))
    """
)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmRSS/VmHWM from /proc (Linux)")
def test_a_1_gb_upload_in_parts_keeps_memory_flat() -> None:
    """Client and emulator in one fresh process: 1 GB in 16 parts of 64 MiB, each streamed from the
    file; the peak RSS stays within 50 MB of what it was before."""
    size = 1024 * 1024 * 1024
    done = subprocess.run(
        [sys.executable, "-c", _MEMORY_SCRIPT, str(size)], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["stored"] == size and result["parts"] == 16
    growth_mb = (result["peak_kib"] - result["base_kib"]) / 1024
    print(f"1 GB upload in parts: peak RSS growth {growth_mb:.1f} MB (VmHWM reset: {result['reset']})")
    assert growth_mb < 50


def test_asyncio_client_iterates_with_async_for(emu: Emulator) -> None:
    async def main() -> list[str]:
        async with runapi.AsyncClient(api_key="emu-key", base_url=emu.url) as client:
            made = await client.files.create(b"async", filename="async.txt", purpose="async-only")
            return [f.id async for f in client.files.iterate(purpose="async-only")] + [made.id]

    first, made = asyncio.run(main())
    assert first == made
