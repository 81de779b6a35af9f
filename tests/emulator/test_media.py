"""Output files: valid media served by the emulator, no auth needed.

JPEG and WebP files are checked structurally in pure Python (markers, segment lengths, Huffman
tables and a full entropy decode of the JPEG scan; the RIFF container and the VP8L bitstream of the
WebP), and, when Pillow happens to be installed, decoded by it too. Pillow is not a dependency.
"""

from __future__ import annotations

import io
import struct
import zlib
from typing import Any

import pytest
import requests

from runapi.emulator import _media

from .conftest import COMPLETE_AFTER, NANO, SUNO, VEO, Api, FakeClock

try:  # optional: a second, independent decoder when available
    from PIL import Image
except ImportError:  # pragma: no cover - depends on the environment
    Image = None


def fetch(url: str) -> requests.Response:
    response = requests.get(url, timeout=5)  # no Authorization header, like a browser or <audio> tag
    assert response.status_code == 200
    assert int(response.headers["Content-Length"]) == len(response.content) > 0
    return response


def completed(api: Api, clock: FakeClock, path: str) -> dict[str, object]:
    task_id = api.create(path, api.body_for(path, clock))
    clock.advance(COMPLETE_AFTER)
    payload = api.get(f"{path}/{task_id}").json()
    assert payload["status"] == "completed"
    return dict(payload)


def assert_png(response: requests.Response) -> None:
    assert response.headers["Content-Type"] == "image/png"
    data = response.content
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert (length, kind) == (13, b"IHDR")
    width, height = struct.unpack(">II", data[16:24])
    assert width > 0 and height > 0
    assert struct.unpack(">I", data[29:33])[0] == zlib.crc32(data[12:29])  # IHDR checksum
    assert data.endswith(b"IEND\xaeB`\x82")


# --- JPEG: a structural check and an entropy decode of baseline files (ITU T.81) ---------------------


class _MsbBits:
    """Bits of a JPEG scan, most significant first."""

    def __init__(self, data: bytes) -> None:
        self.value, self.left = int.from_bytes(data, "big"), 8 * len(data)

    def read(self, count: int) -> int:
        assert count <= self.left, "the scan ends inside a block"
        self.left -= count
        return (self.value >> self.left) & ((1 << count) - 1)

    def symbol(self, table: dict[tuple[int, int], int]) -> int:
        code = 0
        for length in range(1, 17):
            code = (code << 1) | self.read(1)
            if (length, code) in table:
                return table[length, code]
        raise AssertionError("not a code of the Huffman table")


def _huffman_tables(payload: bytes) -> dict[int, dict[tuple[int, int], int]]:
    """DHT payload -> {class << 4 | id: {(length, code): symbol}}, checking each table is well formed."""
    tables: dict[int, dict[tuple[int, int], int]] = {}
    pos = 0
    while pos < len(payload):
        kind, counts = payload[pos], payload[pos + 1 : pos + 17]
        values = payload[pos + 17 : pos + 17 + sum(counts)]
        assert kind >> 4 in (0, 1) and kind & 15 <= 3 and len(values) == sum(counts) > 0
        table, code, symbols = {}, 0, iter(values)
        for length, count in enumerate(counts, start=1):
            for _ in range(count):
                assert code < (1 << length) - 1 or (code < 1 << length and length == 1), "over-subscribed table"
                table[length, code] = next(symbols)
                code += 1
            code <<= 1
        tables[kind] = table
        pos += 17 + sum(counts)
    return tables


def _extend(value: int, size: int) -> int:
    return value - (1 << size) + 1 if size and value < 1 << (size - 1) else value


def check_jpeg(data: bytes) -> tuple[int, int, tuple[int, int, int]]:
    """Check a baseline JPEG as the emulator writes it; return its width, height and the RGB colour
    of its first block (decoded from the DC coefficients)."""
    assert data[:3] == b"\xff\xd8\xff" and data[-2:] == b"\xff\xd9"  # SOI, a marker, EOI
    segments: dict[int, list[bytes]] = {}
    pos = 2
    while True:  # the segments before the scan
        assert data[pos] == 0xFF, f"no marker at {pos}"
        marker, (length,) = data[pos + 1], struct.unpack(">H", data[pos + 2 : pos + 4])
        assert length >= 2 and pos + 2 + length <= len(data)
        segments.setdefault(marker, []).append(data[pos + 4 : pos + 2 + length])
        pos += 2 + length
        if marker == 0xDA:  # SOS: the scan follows
            break
    assert set(segments) >= {0xDB, 0xC0, 0xC4, 0xDA} and 0xC2 not in segments  # DQT, SOF0, DHT, SOS
    quant = {table[0] & 15: table[1 : 1 + 64] for table in segments[0xDB]}
    assert all(table[0] >> 4 == 0 and len(table) == 65 for table in segments[0xDB])  # 8-bit tables
    [frame] = segments[0xC0]
    precision, height, width, count = struct.unpack(">BHHB", frame[:6])
    assert precision == 8 and width > 0 and height > 0 and count in (1, 3) and len(frame) == 6 + 3 * count
    components = [frame[6 + 3 * n : 9 + 3 * n] for n in range(count)]
    assert all(sampling == 0x11 and q in quant for _, sampling, q in components)  # no subsampling
    tables: dict[int, dict[tuple[int, int], int]] = {}
    for payload in segments[0xC4]:
        tables.update(_huffman_tables(payload))
    [scan] = segments[0xDA]
    assert scan[0] == count and scan[-3:] == b"\x00\x3f\x00"  # every component, Ss 0, Se 63, Ah Al 0
    selectors = [scan[2 + 2 * n] for n in range(count)]
    assert [scan[1 + 2 * n] for n in range(count)] == [c[0] for c in components]
    assert all(s >> 4 in tables and (0x10 | s & 15) in tables for s in selectors)

    coded = data[pos:-2]
    assert all(coded[i + 1] == 0 for i in range(len(coded)) if coded[i] == 0xFF), "a marker inside the scan"
    bits = _MsbBits(coded.replace(b"\xff\x00", b"\xff"))
    predictions = [0] * count
    first: list[int] = []
    for _ in range(((width + 7) // 8) * ((height + 7) // 8)):  # one block per component per MCU
        for n, selector in enumerate(selectors):
            size = bits.symbol(tables[selector >> 4])
            assert size <= 11
            predictions[n] += _extend(bits.read(size), size)
            k = 1
            while k < 64:  # AC coefficients, up to end-of-block
                run_size = bits.symbol(tables[0x10 | selector & 15])
                run, size = run_size >> 4, run_size & 15
                if size == 0 and run != 15:
                    break
                k += run + 1
                bits.read(size)
            if len(first) < count:
                first.append(predictions[n])
    padding = bits.left
    assert padding < 8 and bits.read(padding) == (1 << padding) - 1  # padded with 1-bits
    values = [dc * quant[c[2]][0] / 8 + 128 for dc, c in zip(first, components, strict=True)]
    if count == 1:
        return width, height, (round(values[0]),) * 3  # type: ignore[return-value]
    y, cb, cr = values
    rgb = (y + 1.402 * (cr - 128), y - 0.344136 * (cb - 128) - 0.714136 * (cr - 128), y + 1.772 * (cb - 128))
    r, g, b = (min(255, max(0, round(v))) for v in rgb)
    return width, height, (r, g, b)


# --- WebP: the RIFF container and a lossless (VP8L) bitstream (RFC 9649) ---------------------------


def check_webp(data: bytes) -> tuple[int, int, tuple[int, int, int]]:
    """Check a lossless WebP as the emulator writes it; return its width, height and RGB colour."""
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    assert struct.unpack("<I", data[4:8])[0] == len(data) - 8  # the RIFF size
    assert data[12:16] == b"VP8L"
    size = struct.unpack("<I", data[16:20])[0]
    assert 20 + size + size % 2 == len(data)  # the chunk, padded to an even size
    stream, pos = int.from_bytes(data[20 : 20 + size], "little"), 0

    def read(count: int) -> int:
        nonlocal pos
        assert pos + count <= 8 * size, "the bitstream ends early"
        pos += count
        return (stream >> (pos - count)) & ((1 << count) - 1)

    assert read(8) == 0x2F  # signature
    width, height = read(14) + 1, read(14) + 1
    read(1)  # alpha_is_used, a hint
    assert read(3) == 0  # version
    assert (read(1), read(1), read(1)) == (0, 0, 0)  # no transform, no colour cache, no meta prefix codes
    symbols = []
    for _ in range(5):  # green, red, blue, alpha, distance
        assert read(1) == 1, "only simple prefix codes are written"
        assert read(1) == 0, "one symbol per code: a solid colour takes zero bits per pixel"
        symbols.append(read(8 if read(1) else 1))
    green, red, blue, alpha, _distance = symbols
    assert alpha == 0xFF
    assert 8 * size - pos < 8  # nothing but padding after the codes
    return width, height, (red, green, blue)


def _decoded(data: bytes, kind: str) -> tuple[int, int, tuple[int, int, int]] | None:
    """Width, height and first pixel as Pillow decodes them, if Pillow is installed."""
    if Image is None:
        return None
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.format == kind
    pixel: Any = image.convert("RGB").getpixel((0, 0))
    return image.size[0], image.size[1], tuple(pixel)  # type: ignore[return-value]


def close(colour: tuple[int, int, int], expected: tuple[int, int, int], tolerance: int = 3) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


def assert_jpeg(response: requests.Response) -> None:
    assert response.headers["Content-Type"] == "image/jpeg"
    width, height, colour = check_jpeg(response.content)
    assert (width, height) == (64, 64) and close(colour, _media.COLOUR)
    decoded = _decoded(response.content, "JPEG")
    assert decoded is None or (decoded[:2] == (64, 64) and close(decoded[2], _media.COLOUR))


def assert_webp(response: requests.Response) -> None:
    assert response.headers["Content-Type"] == "image/webp"
    assert check_webp(response.content) == (64, 64, _media.COLOUR)
    assert _decoded(response.content, "WEBP") in (None, (64, 64, _media.COLOUR))


def assert_image(response: requests.Response, ext: str) -> None:
    """``response`` serves a valid image of extension ``ext`` (png, jpg, jpeg or webp)."""
    {"png": assert_png, "jpg": assert_jpeg, "jpeg": assert_jpeg, "webp": assert_webp}[ext](response)


def assert_mp3(response: requests.Response) -> None:
    assert response.headers["Content-Type"] == "audio/mpeg"
    data = response.content
    assert data[:3] == b"ID3" or (data[0] == 0xFF and data[1] & 0xE0 == 0xE0)  # ID3 tag or frame sync


def assert_mp4(response: requests.Response) -> None:
    assert response.headers["Content-Type"] == "video/mp4"
    data = response.content
    assert data[4:8] == b"ftyp"
    assert b"moov" in data and b"mdat" in data


def test_suno_audio_stream_and_cover_files(api: Api, fake_clock: FakeClock) -> None:
    payload = completed(api, fake_clock, f"{SUNO}/text_to_music")
    for track in payload["audios"]:  # type: ignore[attr-defined]
        assert_mp3(fetch(track["audio_url"]))
        assert_mp3(fetch(track["stream_audio_url"]))
        assert_png(fetch(track["image_url"]))


@pytest.mark.parametrize("path", [f"{NANO}/text_to_image", f"{NANO}/edit_image"])
def test_nano_banana_images_are_pngs(api: Api, fake_clock: FakeClock, path: str) -> None:
    payload = completed(api, fake_clock, path)
    for image in payload["images"]:  # type: ignore[attr-defined]
        assert_png(fetch(image["url"]))


@pytest.mark.parametrize("path", [f"{VEO}/text_to_video", f"{VEO}/extend_video", f"{VEO}/upscale_video"])
def test_veo_videos_are_mp4s(api: Api, fake_clock: FakeClock, path: str) -> None:
    payload = completed(api, fake_clock, path)
    for video in payload["videos"]:  # type: ignore[attr-defined]
        assert_mp4(fetch(video["url"]))
    for source in payload.get("sources", []):  # type: ignore[attr-defined]
        assert_mp4(fetch(source["url"]))


def test_files_of_unknown_tasks_are_404(api: Api) -> None:
    response = requests.get(f"{api.emulator.url}/files/00000000-0000-4000-8000-000000000000/0.png", timeout=5)
    assert (response.status_code, response.json()) == (404, {"error": "Record does not exist"})


# --- the image encoders, without HTTP -------------------------------------------------------------

SIZES_AND_COLOURS = [
    (width, height, colour)
    for width, height in ((1, 1), (8, 8), (10, 7), (64, 64), (130, 33))
    for colour in ((0, 0, 0), (255, 255, 255), (255, 0, 0), (0, 0, 255), _media.COLOUR)
]


@pytest.mark.parametrize(("width", "height", "colour"), SIZES_AND_COLOURS, ids=str)
def test_jpeg_is_a_valid_baseline_jpeg_of_the_colour(width: int, height: int, colour: tuple[int, int, int]) -> None:
    data = _media.jpeg(width, height, colour)
    assert data[:4] == b"\xff\xd8\xff\xe0" and data[6:11] == b"JFIF\x00"  # SOI, APP0 JFIF
    decoded_width, decoded_height, decoded = check_jpeg(data)
    assert (decoded_width, decoded_height) == (width, height) and close(decoded, colour)
    pillow = _decoded(data, "JPEG")
    assert pillow is None or (pillow[:2] == (width, height) and close(pillow[2], colour))


@pytest.mark.parametrize(("width", "height", "colour"), SIZES_AND_COLOURS, ids=str)
def test_webp_is_a_valid_lossless_webp_of_the_colour(width: int, height: int, colour: tuple[int, int, int]) -> None:
    data = _media.webp(width, height, colour)
    assert data[:4] == b"RIFF" and data[8:16] == b"WEBPVP8L"
    assert check_webp(data) == (width, height, colour)
    assert _decoded(data, "WEBP") in (None, (width, height, colour))


def test_the_structural_checks_refuse_broken_files() -> None:
    jpeg, webp = _media.jpeg(), _media.webp()
    for broken in (jpeg[:-2], jpeg[:-6] + jpeg[-2:], jpeg.replace(b"\xff\xc0", b"\xff\xc2")):
        with pytest.raises(AssertionError):
            check_jpeg(broken)
    for broken in (webp[:-1], webp.replace(b"VP8L", b"VP8 "), webp[:20] + b"\x2e" + webp[21:]):
        with pytest.raises(AssertionError):
            check_webp(broken)


@pytest.mark.parametrize("ext", ["png", "jpg", "jpeg", "webp"])
def test_any_task_output_is_served_in_the_format_its_extension_names(api: Api, fake_clock: FakeClock, ext: str) -> None:
    payload = completed(api, fake_clock, f"{NANO}/text_to_image")
    assert_image(fetch(f"{api.emulator.url}/files/{payload['id']}/0.{ext}"), ext)
