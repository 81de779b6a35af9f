"""The small, valid media files the emulator serves as task outputs.

Every output URL (``<emulator url>/files/<task id>/<name>.<ext>``) serves one of four files,
chosen by extension:

- ``png``: a 64x64 solid-colour RGB PNG, built in Python with ``zlib`` and ``struct``;
- ``wav``: a 0.25 second 440 Hz tone, RIFF/WAVE PCM (8 kHz mono 16-bit), built in Python with ``struct``;
- ``mp3``: ``media/sample.mp3``, a 1.04 second 440 Hz tone (MPEG-1 Layer III, 44.1 kHz mono, 32 kbit/s);
- ``mp4``: ``media/sample.mp4``, a 1 second 64x64 H.264 video with an AAC tone track.

The MP3 and MP4 ship as package data; they were made once with ffmpeg, which is not needed at run time.
"""

from __future__ import annotations

import functools
import math
import struct
import zlib
from importlib import resources

__all__ = ["AUDIO_DURATION_SECONDS", "CONTENT_TYPES", "media_bytes", "png", "wav"]

AUDIO_DURATION_SECONDS = 1.04
"""Length of ``media/sample.mp3`` in seconds, reported as every Suno track's ``duration``."""

CONTENT_TYPES: dict[str, str] = {"png": "image/png", "mp3": "audio/mpeg", "mp4": "video/mp4", "wav": "audio/wav"}
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


def wav(seconds: float = 0.25, rate: int = 8000, frequency: float = 440.0) -> bytes:
    """Return a valid RIFF/WAVE file: ``seconds`` of a sine tone, 16-bit PCM mono at ``rate`` Hz."""
    count = round(seconds * rate)
    samples = struct.pack(
        f"<{count}h", *(round(8000 * math.sin(2 * math.pi * frequency * n / rate)) for n in range(count))
    )
    fmt = struct.pack("<HHIIHH", 1, 1, rate, rate * 2, 2, 16)  # PCM, mono, rate, byte rate, block align, bits
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(samples)) + samples
    return b"RIFF" + struct.pack("<I", len(body)) + body


@functools.cache
def media_bytes(ext: str) -> bytes:
    """Return the file served for extension ``ext`` (a key of :data:`CONTENT_TYPES`).

    Raises:
        KeyError: ``ext`` is not ``png``, ``wav``, ``mp3`` or ``mp4``.
    """
    if ext not in CONTENT_TYPES:
        raise KeyError(ext)
    if ext == "png":
        return png()
    if ext == "wav":
        return wav()
    return (resources.files("runapi.emulator") / "media" / f"sample.{ext}").read_bytes()
