"""The small, valid media files the emulator serves as task outputs.

Every output URL (``<emulator url>/files/<task id>/<name>.<ext>``) serves one of these files,
chosen by extension:

- ``png``: a 64x64 solid-colour RGB PNG, built in Python with ``zlib`` and ``struct``;
- ``jpg``, ``jpeg``: a 64x64 solid-colour baseline JPEG (JFIF, YCbCr), built in Python;
- ``webp``: a 64x64 solid-colour lossless WebP (VP8L), built in Python;
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

__all__ = ["AUDIO_DURATION_SECONDS", "CONTENT_TYPES", "IMAGE_FORMATS", "jpeg", "media_bytes", "png", "wav", "webp"]

AUDIO_DURATION_SECONDS = 1.04
"""Length of ``media/sample.mp3`` in seconds, reported as every Suno track's ``duration``."""

CONTENT_TYPES: dict[str, str] = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "webp": "image/webp",
    "mp3": "audio/mpeg",
    "mp4": "video/mp4",
    "wav": "audio/wav",
}
"""File extension -> ``Content-Type`` of the served file."""

IMAGE_FORMATS = ("png", "jpg", "jpeg", "webp")
"""The image extensions served; an ``output_format`` of one of these names the output's extension."""

COLOUR = (0xF2, 0xC1, 0x2E)
"""The colour of every served image."""

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png(width: int = 64, height: int = 64, rgb: tuple[int, int, int] = COLOUR) -> bytes:
    """Return a valid PNG of ``width`` x ``height`` pixels, all of colour ``rgb`` (8-bit truecolour)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # depth 8, colour type 2 (RGB)
    scanline = b"\x00" + bytes(rgb) * width  # filter byte 0, then the pixels
    return (
        _PNG_SIGNATURE
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(scanline * height, 9))
        + _png_chunk(b"IEND", b"")
    )


# --- JPEG -----------------------------------------------------------------------------------------

_JPEG_DC_BITS = (0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0)
"""Code counts per length (1..16) of the DC table: the docs' (ITU T.81) Annex K.3 luminance DC table."""
_JPEG_DC_VALUES = bytes(range(12))
_JPEG_AC_BITS = (1, *(0,) * 15)
"""The AC table has one symbol, end-of-block (0x00), coded ``0``: every block of one colour is DC only."""
_JPEG_AC_VALUES = b"\x00"


def _huffman_codes(bits: tuple[int, ...], values: bytes) -> dict[int, tuple[int, int]]:
    """Symbol -> (code, length) of a JPEG Huffman table given as code counts per length (T.81 C.2)."""
    codes: dict[int, tuple[int, int]] = {}
    code, symbols = 0, iter(values)
    for length, count in enumerate(bits, start=1):
        for _ in range(count):
            codes[next(symbols)] = (code, length)
            code += 1
        code <<= 1
    return codes


def _jpeg_segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def _ycbcr(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    r, g, b = rgb
    components = (
        0.299 * r + 0.587 * g + 0.114 * b,
        128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
        128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
    )
    y, cb, cr = (min(255, max(0, round(value))) for value in components)
    return y, cb, cr


def jpeg(width: int = 64, height: int = 64, rgb: tuple[int, int, int] = COLOUR) -> bytes:
    """Return a valid baseline JPEG (JFIF) of ``width`` x ``height`` pixels, all of colour ``rgb``.

    Three components (Y, Cb, Cr), no subsampling, a quantization table of ones: each 8x8 block
    of a solid colour has only a DC coefficient, ``8 * (value - 128)``, which is coded as a
    difference from the previous block of its component (so all but the first are 0), followed
    by end-of-block.
    """
    dc_codes = _huffman_codes(_JPEG_DC_BITS, _JPEG_DC_VALUES)
    eob = _huffman_codes(_JPEG_AC_BITS, _JPEG_AC_VALUES)[0x00]
    bits, count = 0, 0

    def put(code: int, length: int) -> None:
        nonlocal bits, count
        bits, count = (bits << length) | code, count + length

    previous = [0, 0, 0]
    blocks = ((width + 7) // 8) * ((height + 7) // 8)
    for _ in range(blocks):  # one MCU per 8x8 block: a Y, a Cb and a Cr block
        for index, value in enumerate(_ycbcr(rgb)):
            dc = 8 * (value - 128)
            diff, previous[index] = dc - previous[index], dc
            size = abs(diff).bit_length()
            put(*dc_codes[size])
            put(diff if diff >= 0 else diff + (1 << size) - 1, size)  # T.81 F.1.2.1: negative as ones' complement
            put(*eob)
    pad = -count % 8
    scan = ((bits << pad) | ((1 << pad) - 1)).to_bytes((count + pad) // 8, "big")  # padded with 1-bits
    scan = scan.replace(b"\xff", b"\xff\x00")  # byte stuffing
    components = b"".join(bytes((component, 0x11, 0)) for component in (1, 2, 3))  # 1x1 sampling, table 0
    return (
        b"\xff\xd8"  # SOI
        + _jpeg_segment(0xE0, b"JFIF\x00\x01\x01\x00" + struct.pack(">HH", 1, 1) + b"\x00\x00")  # APP0
        + _jpeg_segment(0xDB, b"\x00" + b"\x01" * 64)  # DQT: table 0, 8-bit, all ones
        + _jpeg_segment(0xC0, struct.pack(">BHHB", 8, height, width, 3) + components)  # SOF0 (baseline)
        + _jpeg_segment(
            0xC4,  # DHT: DC table 0, then AC table 0
            b"\x00" + bytes(_JPEG_DC_BITS) + _JPEG_DC_VALUES + b"\x10" + bytes(_JPEG_AC_BITS) + _JPEG_AC_VALUES,
        )
        + _jpeg_segment(0xDA, bytes((3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0)))  # SOS: all three, tables 0
        + scan
        + b"\xff\xd9"  # EOI
    )


# --- WebP -----------------------------------------------------------------------------------------


def webp(width: int = 64, height: int = 64, rgb: tuple[int, int, int] = COLOUR) -> bytes:
    """Return a valid lossless WebP (a RIFF ``VP8L`` chunk) of ``width`` x ``height`` pixels of ``rgb``.

    No transforms, no colour cache, no meta prefix codes; each of the five prefix codes is a
    "simple" code of one symbol (green, red, blue, alpha 255, distance 0). A one-symbol code takes
    zero bits per use, so the pixels themselves take no bits at all (RFC 9649, section 3.7.2.1.1).
    """
    bits, count = 0, 0

    def put(value: int, length: int) -> None:  # VP8L packs bits least significant first
        nonlocal bits, count
        bits, count = bits | (value << count), count + length

    put(0x2F, 8)  # signature
    put(width - 1, 14)
    put(height - 1, 14)
    put(0, 1)  # alpha_is_used: no
    put(0, 3)  # version 0
    put(0, 1)  # no transform
    put(0, 1)  # no colour cache
    put(0, 1)  # no meta prefix codes
    r, g, b = rgb
    for symbol in (g, r, b, 0xFF):  # green, red, blue, alpha: simple code, 1 symbol, 8-bit symbol
        put(1, 1)
        put(0, 1)
        put(1, 1)
        put(symbol, 8)
    put(1, 1)  # distance: simple code, 1 symbol, 1-bit symbol 0
    put(0, 1)
    put(0, 1)
    put(0, 1)
    data = bits.to_bytes((count + 7) // 8, "little")
    chunk = b"VP8L" + struct.pack("<I", len(data)) + data + b"\x00" * (len(data) % 2)
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


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
        KeyError: ``ext`` is not one of ``png``, ``jpg``, ``jpeg``, ``webp``, ``wav``, ``mp3``, ``mp4``.
    """
    if ext not in CONTENT_TYPES:
        raise KeyError(ext)
    if ext == "png":
        return png()
    if ext in ("jpg", "jpeg"):
        return jpeg()
    if ext == "webp":
        return webp()
    if ext == "wav":
        return wav()
    return (resources.files("runapi.emulator") / "media" / f"sample.{ext}").read_bytes()
