"""A user's script with uploads and local files for URL parameters; both type checkers must accept it."""

from __future__ import annotations

import io
from pathlib import Path

import runapi


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
