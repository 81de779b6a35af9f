"""Upload mistakes both type checkers must flag, one per marked line (see test_user_scripts.py)."""

from __future__ import annotations

from pathlib import Path

import runapi


def main() -> None:
    client = runapi.Client()
    photo = Path("photo.png")
    client.nano_banana.edit_image.create(
        model="nano-banana-edit",
        prompt="x",
        source_image_urls=[photo],
        callback_url=photo,  # error: a callback URL is a URL, never a local file
    )
    client.files.from_url(file_url=photo)  # error: a local file goes to from_stream
    client.files.from_stream(file=42)  # error: not a file
    client.files.from_base64(base64_data=b"iVBOR")  # error: base64 text, not bytes
    stored = client.files.from_stream(file=photo)
    print(stored.url)  # error: it is download_url
    client.files.create(file=photo, purpose=1)  # error: purpose is text
    client.files.list(limit="10")  # error: limit is an int
    content: str = client.files.content("file-1")  # error: content is bytes
    client.uploads.create(bytes=6, filename="a.bin")  # error: mime_type is required
    client.uploads.complete("upload-1", part_ids=None)  # error: part_ids is a list of ids
    client.uploads.upload(photo, resume={"upload_id": "u"})  # error: resume is an UploadProgress
    maps = client.grok_imagine.segment_map.run(image_url=photo)
    print(maps.videos)  # error: a segment map has segments, no videos
    print(content)
