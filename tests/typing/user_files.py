"""A user's script with uploads and local files for URL parameters; both type checkers must accept it."""

from __future__ import annotations

import asyncio
import io
import json
import sys
from pathlib import Path

import runapi

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


def main() -> None:
    client = runapi.Client()
    photo = Path("photo.png")
    stored: runapi.UploadedFile = client.files.from_stream(file=photo, file_name="cat.png")
    print(stored.download_url, stored.file_size, stored.mime_type, stored.expires_at)
    client.files.from_stream(file="photo.png")
    client.files.from_stream(file=b"\x89PNG")
    with open(photo, "rb") as handle:
        client.files.from_stream(file=handle)
    client.files.from_stream(file=io.BytesIO(b"x"), file_name="x.bin")
    client.files.from_url(file_url="https://cdn.runapi.ai/public/samples/image.jpg", file_name="image.png")
    client.files.from_base64(base64_data="data:image/png;base64,iVBORw0KGgo=")
    client.files.from_stream.with_options(timeout=120)(file=photo)

    urls: list[str] = ["https://example.com/a.png"]  # a list[str] still fits a list of URLs
    client.nano_banana.edit_image.create(model="nano-banana-edit", prompt="Add a hat", source_image_urls=urls)
    task = client.nano_banana.edit_image.create(
        model="nano-banana-edit",
        prompt="Add a hat",
        source_image_urls=[photo, "https://example.com/b.png"],
        callback_url="https://example.com/callbacks/runapi",
    )
    print(task.id)
    client.suno.add_vocals.create(
        upload_url=Path("piano.mp3"), lyrics="[Verse]", title="Piano", style="Jazz", model="suno-v4.5-plus"
    )
    client.veo_3_1.text_to_video.create(
        prompt="A dog", model="veo-3.1-fast", input_mode="first_and_last_frames", first_frame_image_url=photo
    )
    client.gemini_omni.create_character(descriptions="A hero", reference_image_url=photo)
    segments = client.grok_imagine.segment_map.run(image_url=photo)  # official runapi-grok-imagine 0.3.0
    assert_type(segments, runapi.grok_imagine.SegmentMapTask)
    print([(s.url, s.name, s.index) for s in segments.segments], segments.output_urls)

    # persistent files and multipart uploads (runapi-core 0.10.1)
    kept = client.files.create(photo, purpose="user_data")
    assert_type(kept, runapi.FileObject)
    print(kept.id, kept.bytes, kept.filename, kept.expires_at)
    page = client.files.list(after=kept.id, limit=10)
    assert_type(page, runapi.FileList)
    print(page.has_more, page.last_id, [f.id for f in page.data])
    for each in client.files.iterate(limit=100):
        assert_type(each, runapi.FileObject)
    assert_type(client.files.retrieve(kept.id), runapi.FileObject)
    assert_type(client.files.content(kept.id), bytes)
    print(client.files.download_content(kept.id, Path("copy.png")).bytes_written)
    assert_type(client.files.delete(kept.id), runapi.DeletedFile)
    assert_type(client.files.upload_direct(photo), runapi.DirectUpload)

    upload = client.uploads.create(bytes=6, filename="a.bin", mime_type="application/octet-stream")
    part = client.uploads.add_part(upload.id, b"abcdef")
    assert_type(part, runapi.UploadPart)
    assert_type(client.uploads.complete(upload.id, [part.id]), runapi.UploadObject)
    client.uploads.cancel(upload.id)

    def journal(progress: runapi.UploadProgress) -> None:
        print(json.dumps(progress.to_dict()))

    try:
        done = client.uploads.upload(Path("archive.bin"), part_size=16 * 1024 * 1024, on_progress=journal)
    except runapi.UploadInterruptedError as exc:
        done = client.uploads.upload(Path("archive.bin"), part_size=16 * 1024 * 1024, resume=exc.progress)
    assert_type(done, runapi.UploadObject)
    print(done.file.id if done.file else None)


async def main_async() -> None:
    async with runapi.AsyncClient() as client:
        kept = await client.files.create(b"bytes", filename="a.txt")
        assert_type(kept, runapi.FileObject)
        async for each in client.files.iterate():
            assert_type(each, runapi.FileObject)
        assert_type(await client.files.content(kept.id), bytes)
        done = await client.uploads.upload(Path("archive.bin"))
        assert_type(done, runapi.UploadObject)


if __name__ == "__main__":
    asyncio.run(main_async())
