"""Saving output files: where a download lands, what it is called, and placing it without clobbering.

Pure file-system logic, no HTTP (the streaming is each transport's ``download``, which feeds a
:class:`Sink`):

- :func:`is_folder` / :func:`resolve_target`: ``"outputs/"`` (a trailing separator) or an existing
  directory is a folder, which keeps the URL's file name; anything else is the file's own path.
- :func:`name_from_url`, :func:`safe_name`, :func:`output_name`: file names that never hold a
  path separator, never climb out of the folder (``..``) and are never empty;
  :func:`output_stem` keeps the names of different tasks (or batch job keys) apart.
- :func:`remove_stale_parts`: the temporary files of downloads that were killed midway.
- :func:`place`: move a finished temporary file to its name; without ``overwrite`` an existing
  file is never replaced, even one created a moment before by another process.
"""

from __future__ import annotations

import errno
import hashlib
import mimetypes
import os
import re
import uuid
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import IO
from urllib.parse import unquote, urlsplit

import attrs

__all__ = [
    "Download",
    "Sink",
    "check_folder",
    "ensure_free",
    "is_folder",
    "name_from_url",
    "output_name",
    "output_stem",
    "place",
    "remove_stale_parts",
    "resolve_target",
    "safe_name",
    "suffix_for",
    "temp_path",
]

MAX_NAME_BYTES = 240
"""Longest file name written (UTF-8 bytes); file systems allow 255."""

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
"""Path separators, control characters and what Windows refuses in a name: each becomes ``_``."""

_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}")
"""A file extension worth keeping (``.png``, ``.mp3``, ``.mp4``)."""

_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
)


@attrs.frozen(kw_only=True)
class Download:
    """A file saved by :meth:`runapi.Client.download` or :meth:`runapi.Client.download_outputs`.

    Usable wherever a path is (``open(d)``, ``Path(d)``, ``os.fspath(d)``).

    Attributes:
        path: where the file was written.
        bytes_written: the file's size in bytes (the body as received, after any transfer decoding).
        url: the URL it was downloaded from.
        content_type: the server's ``Content-Type`` header (e.g. ``"image/png"``), if it sent one.
    """

    path: Path
    bytes_written: int
    url: str
    content_type: str | None = None

    def __fspath__(self) -> str:
        return str(self.path)


def is_folder(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` names a folder: it ends with a path separator, or is an existing directory."""
    text = os.fspath(path)
    separators = tuple(sep for sep in ("/", os.sep, os.altsep) if sep)
    return text.endswith(separators) or Path(text).is_dir()


def safe_name(name: str, default: str = "download") -> str:
    """``name`` made safe as one file name in any folder, on any OS.

    Separators, control and Windows-reserved characters become ``_``; leading dots and surrounding
    spaces are dropped (so ``..`` and hidden names cannot appear); a name that ends up empty becomes
    ``default``; Windows device names (``CON``, ``NUL``, ...) get a ``_`` prefix; names longer than
    :data:`MAX_NAME_BYTES` are shortened, keeping the extension.
    """
    cleaned = _UNSAFE.sub("_", name).strip().lstrip(".").rstrip(". ")
    if not cleaned:
        return default
    if cleaned.split(".", 1)[0].upper() in _WINDOWS_RESERVED:
        cleaned = "_" + cleaned
    if len(cleaned.encode("utf-8")) > MAX_NAME_BYTES:
        suffix = _suffix_of(cleaned)
        budget = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
        stem = cleaned[: len(cleaned) - len(suffix)].encode("utf-8")[:budget].decode("utf-8", "ignore")
        cleaned = stem + suffix
    return cleaned


def name_from_url(url: str) -> str:
    """The URL's last path segment, percent-decoded and made safe (``"download"`` if there is none).

    ``https://file.runapi.ai/generated/image%201.png?sig=x`` gives ``"image 1.png"``; a URL ending
    in ``/`` or ``..``, or one whose segment decodes to ``../../etc``, never names a file outside
    the folder.
    """
    segment = urlsplit(url).path.rsplit("/", 1)[-1]
    return safe_name(unquote(segment))


def suffix_for(url: str, content_type: str | None) -> str:
    """The extension for a file from ``url``: the URL's own (``".png"``), else one for the
    ``Content-Type`` (``audio/mpeg`` → ``".mp3"``), else ``""``."""
    suffix = _suffix_of(unquote(urlsplit(url).path.rsplit("/", 1)[-1]))
    if suffix:
        return suffix.lower()
    if content_type:
        guessed = mimetypes.guess_extension(content_type.split(";", 1)[0].strip().lower())
        if guessed and _SUFFIX.fullmatch(guessed):
            return guessed
    return ""


MAX_STEM_BYTES = MAX_NAME_BYTES - 24
"""Longest stem :func:`output_stem` gives (UTF-8 bytes): room for ``-{index}{ext}`` after it."""

_DIGEST_CHARS = 10
"""Hex digits of SHA-256 that tell apart names that :func:`output_stem` had to change."""


def output_stem(name: str) -> str:
    """The file-name stem of a task id (or a batch job key): distinct names give distinct stems.

    A name that is already a safe file name of at most :data:`MAX_STEM_BYTES` bytes is its own
    stem (task ids always are). Any other is made safe (:func:`safe_name`), cut to fit, and
    followed by ``~`` and 10 hex digits of its SHA-256: ``a/b`` → ``a_b~<digest>``, while the key
    ``a_b`` stays ``a_b``, and two long keys that share their first 200 bytes stay apart. (Names
    that differ only in letter case, ``A`` and ``a``, stay as they are: on a case-insensitive file
    system, macOS's or Windows' default, they share files; use keys that differ otherwise there.)
    """
    cleaned = safe_name(name, default="task")
    if cleaned == name and len(name.encode("utf-8", "surrogatepass")) <= MAX_STEM_BYTES:
        return name
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:_DIGEST_CHARS]
    budget = MAX_STEM_BYTES - _DIGEST_CHARS - 1
    cut = cleaned.encode("utf-8")[:budget].decode("utf-8", "ignore").rstrip(". ")
    return f"{cut}~{digest}"


def output_name(task_id: str, index: int, url: str, content_type: str | None) -> str:
    """``{stem}-{index}{ext}``: the file name :meth:`Client.download_outputs` gives output ``index``.

    Stable (the same task gives the same names on every run) and distinct across tasks: the stem
    is :func:`output_stem` of the task id (or of the ``name`` given), and the ``-{index}`` is never
    cut, so every output of a task keeps its own file.
    """
    return f"{output_stem(task_id)}-{index}{suffix_for(url, content_type)}"


def remove_stale_parts(folder: str | os.PathLike[str]) -> list[Path]:
    """Delete the ``.runapi-*.part`` files in ``folder``: downloads that were killed before finishing.

    A batch calls it on its own output folder as it starts (no download of it is running then).
    A missing folder holds none.

    Returns:
        The paths removed.
    """
    removed: list[Path] = []
    try:
        candidates = list(Path(folder).glob(".runapi-*.part"))
    except OSError:
        return removed
    for path in candidates:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
    return removed


def resolve_target(url: str, path: str | os.PathLike[str]) -> Path:
    """Where :meth:`Client.download` writes ``url``: ``path/<name from url>`` if ``path`` is a
    folder (see :func:`is_folder`), else ``path`` itself.

    Raises:
        NotADirectoryError: ``path`` ends with a separator but is an existing file.
    """
    if is_folder(path):
        return check_folder(path) / name_from_url(url)
    return Path(path)


def check_folder(folder: str | os.PathLike[str]) -> Path:
    """``folder`` as a Path, if it is a directory or does not exist yet.

    Raises:
        NotADirectoryError: ``folder`` is an existing file.
    """
    path = Path(folder)
    if path.exists() and not path.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder (it is a file)", str(path))
    return path


def ensure_free(dest: Path) -> None:
    """Raise :class:`FileExistsError` if ``dest`` exists (a file, a folder or a dangling link).

    Raises:
        FileExistsError: naming ``dest``, and how to proceed.
    """
    if os.path.lexists(dest):
        raise _exists(dest)


def temp_path(dest: Path) -> Path:
    """A fresh hidden ``.part`` name next to ``dest`` (same folder, so placing it is a rename)."""
    return dest.with_name(f".runapi-{uuid.uuid4().hex[:16]}.part")


def place(tmp: Path, dest: Path, *, overwrite: bool) -> None:
    """Move the finished file ``tmp`` to ``dest``, in one step; ``tmp`` is gone afterwards either way.

    With ``overwrite``, ``os.replace`` (an existing ``dest`` is replaced atomically). Without, a
    hard link ``dest`` → ``tmp``, which the OS refuses if ``dest`` exists; where hard links are
    unsupported (FAT, some network shares), ``dest`` is first claimed by creating it exclusively
    and then replaced by ``tmp``. Either way a file another process created at ``dest``, even
    after any earlier check, is never replaced.

    Raises:
        FileExistsError: ``dest`` exists and ``overwrite`` is false.
        OSError: the file system refused the move.
    """
    try:
        if overwrite:
            os.replace(tmp, dest)
            return
        try:
            os.link(tmp, dest)
        except FileExistsError:
            raise _exists(dest) from None
        except (OSError, NotImplementedError, AttributeError):  # no hard links here: claim, then replace
            try:
                os.close(os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            except FileExistsError:
                raise _exists(dest) from None
            try:
                os.replace(tmp, dest)
            except BaseException:
                dest.unlink(missing_ok=True)
                raise
    finally:
        tmp.unlink(missing_ok=True)


class Sink:
    """Where one download's body goes, whichever transport streams it: a temporary file, then its name.

    A transport calls :meth:`start` once the server answered 2xx (with its ``Content-Type``),
    :meth:`write` per chunk, then :meth:`finish`; and :meth:`discard` in a ``finally``, which
    removes the temporary file unless it was placed. So neither a partial file nor the temporary
    one is ever left, whatever fails.

    Args:
        url: what is downloaded (for the :class:`Download` record).
        dest: the target path, or a function of the answer's ``Content-Type`` that returns one.
        overwrite: replace an existing target (else :func:`place` refuses it).
    """

    def __init__(self, url: str, dest: Path | Callable[[str | None], Path], *, overwrite: bool) -> None:
        self._url = url
        self._dest = dest
        self._overwrite = overwrite
        self._target: Path | None = None
        self._tmp: Path | None = None
        self._file: IO[bytes] | None = None
        self._content_type: str | None = None
        self._written = 0

    def start(self, content_type: str | None) -> None:
        """Open the temporary file beside the target (its folder is created, parents too)."""
        self._content_type = content_type or None
        target = self._dest(self._content_type) if callable(self._dest) else self._dest
        target.parent.mkdir(parents=True, exist_ok=True)
        self._target, self._tmp = target, temp_path(target)
        self._file = open(self._tmp, "xb")  # noqa: SIM115  # closed by finish/discard; honours the umask

    def write(self, chunk: bytes) -> None:
        assert self._file is not None, "start() first"
        self._file.write(chunk)
        self._written += len(chunk)

    def finish(self) -> Download:
        """Close the file and put it in place (see :func:`place`); return the record."""
        assert self._file is not None and self._tmp is not None and self._target is not None, "start() first"
        self._file.close()
        place(self._tmp, self._target, overwrite=self._overwrite)
        return Download(path=self._target, bytes_written=self._written, url=self._url, content_type=self._content_type)

    def discard(self) -> None:
        """Close and remove the temporary file, if any is left (a no-op after :meth:`finish`)."""
        if self._file is not None:
            self._file.close()
        if self._tmp is not None:
            self._tmp.unlink(missing_ok=True)


def _suffix_of(name: str) -> str:
    suffix = PurePosixPath(name).suffix
    return suffix if _SUFFIX.fullmatch(suffix) else ""


def _exists(dest: Path) -> FileExistsError:
    return FileExistsError(
        errno.EEXIST,
        "file exists and was left as it is; pass overwrite=True to replace it, or another path "
        "(Client.download_outputs names each file after its task id)",
        str(dest),
    )
