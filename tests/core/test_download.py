"""Downloading output files: folders vs files, no silent overwrite, stable names, streaming, cleanup."""

from __future__ import annotations

import errno
import io
import os
import re
from pathlib import Path

import pytest
import requests
import responses

import runapi
from runapi.nano_banana import ImageTask
from runapi.suno import LyricsTask, MusicTask
from runapi.veo_3_1 import VideoTask
from tests.conftest import FakeClock

FILES = "https://file.runapi.ai/files"
PNG = b"\x89PNG\r\n\x1a\n" + b"pixels" * 10


class Body(io.RawIOBase):
    """A response body that hands out ``data`` and records each read; can drop after ``fail_at`` bytes."""

    def __init__(self, data: bytes, fail_at: int | None = None) -> None:
        self.data, self.pos, self.fail_at = data, 0, fail_at
        self.reads: list[int] = []

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self.fail_at is not None and self.pos >= self.fail_at:
            raise ConnectionResetError("connection reset by peer")
        end = len(self.data) if self.fail_at is None else self.fail_at
        n = min(len(buffer), end - self.pos)
        buffer[:n] = self.data[self.pos : self.pos + n]
        self.pos += n
        self.reads.append(n)
        return n


def files_in(folder: Path) -> list[str]:
    """Every file under ``folder`` (hidden temp files included), relative, sorted."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


# -- where the file lands ---------------------------------------------------------------------


@pytest.mark.parametrize("sep", sorted({"/", os.sep}))
def test_a_path_ending_in_a_separator_is_a_folder_created_if_missing(
    client: runapi.Client, tmp_path: Path, sep: str
) -> None:
    with responses.RequestsMock() as mock:
        mock.get(f"{FILES}/t1/0.png", body=PNG)
        saved = client.download(f"{FILES}/t1/0.png", f"{tmp_path}{sep}outputs{sep}")
    assert (tmp_path / "outputs").is_dir()
    assert saved.path == tmp_path / "outputs" / "0.png"
    assert (tmp_path / "outputs" / "0.png").read_bytes() == PNG
    assert files_in(tmp_path) == [os.path.join("outputs", "0.png")]


def test_missing_parent_folders_of_a_folder_path_are_created(client: runapi.Client, tmp_path: Path) -> None:
    with responses.RequestsMock() as mock:
        mock.get(f"{FILES}/t1/0.png", body=PNG)
        saved = client.download(f"{FILES}/t1/0.png", f"{tmp_path}/a/b/")
    assert files_in(tmp_path) == [os.path.join("a", "b", "0.png")]
    assert saved.path == tmp_path / "a" / "b" / "0.png" and saved.path.read_bytes() == PNG


def test_an_existing_directory_is_a_folder(client: runapi.Client, tmp_path: Path) -> None:
    with responses.RequestsMock() as mock:
        mock.get(f"{FILES}/t1/image%201.png", body=PNG)
        saved = client.download(f"{FILES}/t1/image%201.png", tmp_path)  # a Path: no trailing separator
    assert files_in(tmp_path) == ["image 1.png"]  # the URL's name, percent-decoded
    assert saved.path == tmp_path / "image 1.png"


def test_a_plain_path_is_the_file_and_its_parents_are_created(client: runapi.Client, tmp_path: Path) -> None:
    with responses.RequestsMock() as mock:
        mock.get(f"{FILES}/t1/0.mp3", body=b"ID3 tune", headers={"Content-Type": "audio/mpeg"})
        saved = client.download(f"{FILES}/t1/0.mp3", tmp_path / "music" / "song.mp3")
    assert files_in(tmp_path) == [os.path.join("music", "song.mp3")]
    assert saved.path == tmp_path / "music" / "song.mp3"
    assert (saved.url, saved.content_type) == (f"{FILES}/t1/0.mp3", "audio/mpeg")


def test_the_result_is_usable_as_a_path_and_reports_the_bytes_written(client: runapi.Client, tmp_path: Path) -> None:
    with responses.RequestsMock() as mock:
        mock.get(f"{FILES}/t1/0.png", body=PNG)
        saved = client.download(f"{FILES}/t1/0.png", tmp_path / "cat.png")
    assert saved.bytes_written == len(PNG) == os.path.getsize(saved)
    with open(saved, "rb") as f:
        assert f.read() == PNG
    assert Path(saved) == tmp_path / "cat.png"


@pytest.mark.parametrize(
    ("url", "name"),
    [
        (f"{FILES}/t1/..", "download"),
        (f"{FILES}/t1/%2E%2E", "download"),
        (f"{FILES}/t1/", "download"),
        ("https://file.runapi.ai", "download"),
        (f"{FILES}/t1/..%2F..%2Fescape.png", "_.._escape.png"),
        (f"{FILES}/t1/a%5Cb%00c.png", "a_b_c.png"),
    ],
)
def test_a_url_without_a_usable_name_gets_a_safe_one(
    client: runapi.Client, tmp_path: Path, url: str, name: str
) -> None:
    folder = tmp_path / "outputs"
    with responses.RequestsMock() as mock:
        mock.get(re.compile(r"https://file\.runapi\.ai.*"), body=b"data")
        saved = client.download(url, f"{folder}/")
    assert files_in(tmp_path) == [os.path.join("outputs", name)]  # nothing outside the folder
    assert saved.path == folder / name


# -- never overwritten silently ---------------------------------------------------------------


def test_an_existing_file_is_not_overwritten_and_nothing_is_downloaded(client: runapi.Client, tmp_path: Path) -> None:
    target = tmp_path / "song.mp3"
    target.write_bytes(b"my old song")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(f"{FILES}/t1/0.mp3", body=b"new")
        with pytest.raises(FileExistsError) as caught:
            client.download(f"{FILES}/t1/0.mp3", target)
        assert len(mock.calls) == 0
    assert caught.value.filename == str(target) and caught.value.errno == errno.EEXIST
    assert str(target) in str(caught.value) and "overwrite=True" in str(caught.value)
    assert target.read_bytes() == b"my old song"
    assert files_in(tmp_path) == ["song.mp3"]


def test_a_second_url_with_the_same_name_into_one_folder_raises(client: runapi.Client, tmp_path: Path) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(f"{FILES}/t1/0.png", body=b"first")
        mock.get(f"{FILES}/t2/0.png", body=b"second")
        client.download(f"{FILES}/t1/0.png", tmp_path)
        with pytest.raises(FileExistsError, match="download_outputs"):
            client.download(f"{FILES}/t2/0.png", tmp_path)
    assert (tmp_path / "0.png").read_bytes() == b"first"


def test_overwrite_true_replaces_the_file(client: runapi.Client, tmp_path: Path) -> None:
    target = tmp_path / "cat.png"
    target.write_bytes(b"an old, longer file than the new one")
    with responses.RequestsMock() as mock:
        mock.get(f"{FILES}/t1/0.png", body=PNG)
        saved = client.download(f"{FILES}/t1/0.png", target, overwrite=True)
    assert target.read_bytes() == PNG and saved.bytes_written == len(PNG)
    assert files_in(tmp_path) == ["cat.png"]


@pytest.mark.parametrize("hard_links", [True, False], ids=["hard-links", "no-hard-links"])
def test_a_file_created_while_downloading_is_not_clobbered(
    client: runapi.Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hard_links: bool
) -> None:
    if not hard_links:  # e.g. FAT or some network shares: the fallback must not clobber either

        def no_link(src: object, dst: object) -> None:
            raise PermissionError(errno.EPERM, "hard links not supported")

        monkeypatch.setattr(os, "link", no_link)
    target = tmp_path / "cat.png"

    def someone_else_writes_first(request: requests.PreparedRequest) -> tuple[int, dict[str, str], bytes]:
        target.write_bytes(b"theirs")  # after our existence check, before our file is in place
        return 200, {}, PNG

    with responses.RequestsMock() as mock:
        mock.add_callback("GET", f"{FILES}/t1/0.png", callback=someone_else_writes_first)
        with pytest.raises(FileExistsError):
            client.download(f"{FILES}/t1/0.png", target)
    assert target.read_bytes() == b"theirs"
    assert files_in(tmp_path) == ["cat.png"]  # no temp file left


def test_without_hard_links_a_free_target_is_still_written(
    client: runapi.Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_link(src: object, dst: object) -> None:
        raise OSError(errno.EOPNOTSUPP, "operation not supported")

    monkeypatch.setattr(os, "link", no_link)
    with responses.RequestsMock() as mock:
        mock.get(f"{FILES}/t1/0.png", body=PNG)
        saved = client.download(f"{FILES}/t1/0.png", tmp_path)
    assert saved.path.read_bytes() == PNG and files_in(tmp_path) == ["0.png"]


# -- download_outputs: stable, distinct names ------------------------------------------------


def test_three_tasks_into_one_folder_leave_three_files_with_predictable_names(
    client: runapi.Client, tmp_path: Path
) -> None:
    tasks = [
        ImageTask.from_dict({"id": tid, "status": "completed", "images": [{"url": f"{FILES}/{tid}/0.png"}]})
        for tid in ("task-a", "task-b", "task-c")
    ]
    folder = tmp_path / "outputs"
    with responses.RequestsMock() as mock:
        for task in tasks:
            mock.get(f"{FILES}/{task.id}/0.png", body=f"image of {task.id}".encode())
        saved = [d for task in tasks for d in client.download_outputs(task, folder)]
    assert files_in(folder) == ["task-a-0.png", "task-b-0.png", "task-c-0.png"]
    for task, download in zip(tasks, saved, strict=True):
        assert download.path == folder / f"{task.id}-0.png"
        assert download.path.read_bytes() == f"image of {task.id}".encode()
        assert download.bytes_written == download.path.stat().st_size


def test_download_outputs_names_every_output_in_order(client: runapi.Client, tmp_path: Path) -> None:
    song = MusicTask.from_dict(
        {
            "id": "song1",
            "status": "completed",
            "audios": [
                {"audio_url": f"{FILES}/song1/0.mp3"},
                {"audio_url": None},
                {"audio_url": f"{FILES}/song1/1.mp3"},
            ],
        }
    )
    with responses.RequestsMock() as mock:
        mock.get(f"{FILES}/song1/0.mp3", body=b"first")
        mock.get(f"{FILES}/song1/1.mp3", body=b"second")
        saved = client.download_outputs(song, tmp_path)
    assert [(d.path.name, d.path.read_bytes()) for d in saved] == [
        ("song1-0.mp3", b"first"),
        ("song1-1.mp3", b"second"),
    ]


def test_rerunning_download_outputs_gives_the_same_names(client: runapi.Client, tmp_path: Path) -> None:
    video = VideoTask.from_dict({"id": "v1", "status": "completed", "videos": [{"url": f"{FILES}/v1/0.mp4"}]})
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(f"{FILES}/v1/0.mp4", body=b"video")
        first = client.download_outputs(video, tmp_path)
        with pytest.raises(FileExistsError, match="overwrite=True"):
            client.download_outputs(video, tmp_path)
        assert len(mock.calls) == 1  # the rerun stopped before downloading anything
        again = client.download_outputs(video, tmp_path, overwrite=True)
    assert [d.path for d in again] == [d.path for d in first] == [tmp_path / "v1-0.mp4"]
    assert files_in(tmp_path) == ["v1-0.mp4"]


@pytest.mark.parametrize(
    ("content_type", "name"), [("audio/mpeg", "t1-0.mp3"), ("image/png; charset=binary", "t1-0.png"), (None, "t1-0")]
)
def test_the_extension_comes_from_the_content_type_when_the_url_has_none(
    client: runapi.Client, tmp_path: Path, content_type: str | None, name: str
) -> None:
    task = ImageTask.from_dict({"id": "t1", "images": [{"url": f"{FILES}/t1/output"}]})
    with responses.RequestsMock() as mock:
        mock.get(f"{FILES}/t1/output", body=b"data", content_type=content_type)  # None: no Content-Type
        (saved,) = client.download_outputs(task, tmp_path)
    assert saved.path == tmp_path / name and files_in(tmp_path) == [name]


def test_task_ids_are_made_safe_file_names(client: runapi.Client, tmp_path: Path) -> None:
    task = ImageTask.from_dict({"id": "../../evil/id", "images": [{"url": f"{FILES}/x/0.png"}]})
    folder = tmp_path / "outputs"
    with responses.RequestsMock() as mock:
        mock.get(f"{FILES}/x/0.png", body=PNG)
        (saved,) = client.download_outputs(task, folder)
    (written,) = files_in(tmp_path)
    assert saved.path.parent == folder and re.fullmatch(r"outputs/_\.\._evil_id~[0-9a-f]{10}-0\.png", written)


def test_output_urls_per_family() -> None:
    assert runapi.Task(id="t").output_urls == []
    assert LyricsTask.from_dict({"id": "t", "lyrics": [{"text": "la"}]}).output_urls == []
    music = MusicTask.from_dict({"id": "t", "audios": [{"audio_url": "https://f/0.mp3"}, {"stream_audio_url": "s"}]})
    assert music.output_urls == ["https://f/0.mp3"]
    image = ImageTask.from_dict({"id": "t", "images": [{"url": "https://f/0.png"}, {"url": "https://f/1.png"}]})
    assert image.output_urls == ["https://f/0.png", "https://f/1.png"]
    assert VideoTask.from_dict({"id": "t", "videos": [{"url": "https://f/0.mp4"}]}).output_urls == ["https://f/0.mp4"]


def test_a_task_without_outputs_downloads_nothing(client: runapi.Client, tmp_path: Path) -> None:
    assert client.download_outputs(ImageTask(id="t1"), tmp_path / "outputs") == []


# -- failures leave nothing behind ------------------------------------------------------------


def test_a_connection_dropped_mid_body_leaves_no_partial_or_temp_file(
    client: runapi.Client, tmp_path: Path, clock: FakeClock
) -> None:
    bodies: list[Body] = []

    def drops_halfway(request: requests.PreparedRequest) -> tuple[int, dict[str, str], io.BufferedReader]:
        bodies.append(Body(b"v" * 200_000, fail_at=100_000))
        return 200, {}, io.BufferedReader(bodies[-1])

    with responses.RequestsMock() as mock:
        mock.add_callback("GET", f"{FILES}/t1/0.mp4", callback=drops_halfway)
        with pytest.raises(runapi.APIConnectionError, match="connection lost"):
            client.download(f"{FILES}/t1/0.mp4", tmp_path / "out" / "video.mp4")
    assert len(bodies) == 3 and all(b.pos == 100_000 for b in bodies)  # each attempt got half-way
    assert clock.sleeps == [0.5, 1.0]  # retried like a status call
    assert files_in(tmp_path) == []


def test_a_dropped_download_is_retried_and_completes(client: runapi.Client, tmp_path: Path) -> None:
    data = b"v" * 200_000
    bodies = [Body(data, fail_at=50_000), Body(data)]
    with responses.RequestsMock() as mock:
        mock.add_callback("GET", f"{FILES}/t1/0.mp4", callback=lambda r: (200, {}, io.BufferedReader(bodies.pop(0))))
        saved = client.download(f"{FILES}/t1/0.mp4", tmp_path)
    assert saved.bytes_written == len(data) and saved.path.read_bytes() == data
    assert files_in(tmp_path) == ["0.mp4"]


def test_a_connection_error_before_any_byte_leaves_nothing(client: runapi.Client, tmp_path: Path) -> None:
    with responses.RequestsMock() as mock:
        mock.get(f"{FILES}/t1/0.png", body=requests.ConnectionError("reset"))
        with pytest.raises(runapi.APIConnectionError):
            client.download(f"{FILES}/t1/0.png", f"{tmp_path}/outputs/")
    assert list(tmp_path.iterdir()) == []


def test_a_404_raises_not_found_and_leaves_nothing(client: runapi.Client, tmp_path: Path) -> None:
    with responses.RequestsMock() as mock:
        mock.get(f"{FILES}/t1/0.mp4", status=404, body="expired")
        with pytest.raises(runapi.NotFoundError) as caught:
            client.download(f"{FILES}/t1/0.mp4", tmp_path / "out" / "video.mp4")
        assert len(mock.calls) == 1  # a 404 is not retried
    assert caught.value.status_code == 404
    assert list(tmp_path.iterdir()) == []  # not even the folder


# -- the request ------------------------------------------------------------------------------


def test_the_api_key_is_never_sent(client: runapi.Client, tmp_path: Path) -> None:
    task = ImageTask.from_dict({"id": "t1", "images": [{"url": f"{FILES}/t1/0.png"}, {"url": f"{FILES}/t1/1.png"}]})
    with responses.RequestsMock() as mock:
        mock.get(re.compile(rf"{re.escape(FILES)}/t1/\d\.png"), body=PNG)
        client.download(f"{FILES}/t1/0.png", tmp_path / "single.png")
        client.download_outputs(task, tmp_path)
        sent = [call.request.headers for call in mock.calls]
    assert len(sent) == 3
    for headers in sent:
        assert "Authorization" not in headers
        assert headers["User-Agent"].startswith("runapi-python/")


def test_a_large_body_is_streamed_in_chunks(
    client: runapi.Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = os.urandom(3 * 1024 * 1024 + 123)
    body = Body(data)

    def whole_body(self: requests.Response) -> bytes:
        raise AssertionError("the whole body was loaded into memory")

    monkeypatch.setattr(requests.Response, "content", property(whole_body))
    with responses.RequestsMock() as mock:
        mock.add_callback("GET", f"{FILES}/t1/0.mp4", callback=lambda r: (200, {}, io.BufferedReader(body)))
        saved = client.download(f"{FILES}/t1/0.mp4", tmp_path)
    assert saved.bytes_written == len(data) == saved.path.stat().st_size
    assert saved.path.read_bytes() == data
    assert len(body.reads) > 10 and max(body.reads) <= 1 << 16  # read piece by piece, never all at once


# -- output names: distinct keys, distinct files ---------------------------------------------------------


def test_a_safe_short_name_is_its_own_stem() -> None:
    from runapi._core.download import output_name, output_stem

    assert output_stem("task_abc123") == "task_abc123"
    assert output_name("img-0", 2, "https://file.runapi.ai/x.png", None) == "img-0-2.png"


@pytest.mark.parametrize(
    "pair",
    [
        ("a/b", "a_b"),  # sanitising made them equal
        ("a:b", "a?b"),  # two different unsafe characters
        (".hidden", "hidden"),  # a leading dot is dropped
        ("CON", "_CON"),  # a Windows device name gets a prefix
        ("x" * 300 + "1", "x" * 300 + "2"),  # cut to the same prefix
        ("é" * 200 + "a", "é" * 200 + "b"),  # cut inside multi-byte characters
    ],
)
def test_names_that_sanitising_or_cutting_would_merge_stay_apart(pair: tuple[str, str]) -> None:
    from runapi._core.download import MAX_NAME_BYTES, output_name, safe_name

    first, second = (output_name(name, 11, "https://f/x.mp3", None) for name in pair)
    assert first != second
    for name in (first, second):
        assert safe_name(name) == name  # a valid file name as it is
        assert name.endswith("-11.mp3") and len(name.encode()) <= MAX_NAME_BYTES


def test_remove_stale_parts_removes_only_part_files(tmp_path: Path) -> None:
    from runapi._core.download import remove_stale_parts

    (tmp_path / ".runapi-00aa.part").write_bytes(b"x")
    (tmp_path / "a-0.png").write_bytes(b"y")
    (tmp_path / "notes.part").write_bytes(b"z")
    assert [p.name for p in remove_stale_parts(tmp_path)] == [".runapi-00aa.part"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-0.png", "notes.part"]
    assert remove_stale_parts(tmp_path / "missing") == []
