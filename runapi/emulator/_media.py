"""The small, valid media files the emulator serves as task outputs.

Every output URL (``<emulator url>/files/<task id>/<name>.<ext>``) serves one of three files,
chosen by extension:

- ``png``: a 64x64 solid-colour RGB PNG, built in Python with ``zlib`` and ``struct``;
- ``mp3``: ``media/sample.mp3``, a 1.04 second 440 Hz tone (MPEG-1 Layer III, 44.1 kHz mono, 32 kbit/s);
- ``mp4``: ``media/sample.mp4``, a 1 second 64x64 H.264 video with an AAC tone track.

The MP3 and MP4 ship as package data; they were made once with ffmpeg, which is not needed at run time.
"""

from __future__ import annotations

import functools
import struct
import zlib
from importlib import resources

__all__ = ["AUDIO_DURATION_SECONDS", "CONTENT_TYPES", "media_bytes", "png"]

AUDIO_DURATION_SECONDS = 1.04
"""Length of ``media/sample.mp3`` in seconds, reported as every Suno track's ``duration``."""

CONTENT_TYPES: dict[str, str] = {"png": "image/png", "mp3": "audio/mpeg", "mp4": "video/mp4"}
"""File extension -> ``Content-Type`` of the served file."""

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png(width: int = 64, height: int = 64, rgb: tuple[int, int, int] = (0xF2, 0xC1, 0x2E)) -> bytes:
    """Return a valid PNG of ``width`` x ``height`` pixels, all of colour ``rgb`` (8-bit truecolour)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # depth 8, colour type 2 (RGB)
    scanline = b"\x00" + bytes(rgb) * width  # filter byte 0, then the pixels
    return (
        _PNG_SIGNATURE
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(scanline * height, 9))
        + _png_chunk(b"IEND", b"")
    )


@functools.cache
def media_bytes(ext: str) -> bytes:
    """Return the file served for extension ``ext`` (a key of :data:`CONTENT_TYPES`).

    Raises:
        KeyError: ``ext`` is not ``png``, ``mp3`` or ``mp4``.
    """
    if ext not in CONTENT_TYPES:
        raise KeyError(ext)
    if ext == "png":
        return png()
    return (resources.files("runapi.emulator") / "media" / f"sample.{ext}").read_bytes()
