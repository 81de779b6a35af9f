"""Params: file sizes. The upload limit (:data:`MAX_UPLOAD_BYTES`), documented per-parameter limits
(:func:`max_bytes`) and how sizes read in messages (:func:`size_text`)."""

from __future__ import annotations

import functools
import os
import sys
from typing import Any, Final

import attrs

from ...errors import ValidationError
from .fields import Validator, _kind, _LocalFile

MB: Final = 1024 * 1024
"""A megabyte as the docs' file-size limits are read here: 1,048,576 bytes (``10 * MB`` is 10,485,760).

The docs write "max 10MB" without saying which megabyte. The larger reading is taken so that the
SDK never refuses a file RunAPI may accept: a file of 10,000,001-10,485,760 bytes is sent, and
RunAPI's own answer decides it (a 413, :class:`runapi.PayloadTooLargeError`, if it counts in millions).
"""


MAX_UPLOAD_BYTES: int | None = 10 * MB
"""The most bytes one uploaded file may hold: 10,485,760 (10 :data:`MB`).

docs: Errors > Common Error Messages, "413 File size exceeds maximum allowed size: Uploaded file is
too large (max 10MB)". Checked before anything is sent: a ``files.from_stream`` file (a path, bytes
or a file object of known size), ``files.from_base64`` data (its decoded size), and every local
file given for a URL parameter (which is uploaded first); a stream of unknown size is counted
while it is sent and stopped once it passes. Read at each call from ``runapi._core.params``, so a
process may set it there (the emulator's memory test does; ``None`` is no limit).
"""


def size_text(size: int) -> str:
    """A size in bytes as messages show it: ``"10 MB (10,485,760 bytes)"``, ``"11.5 MB (12,058,624 bytes)"``;
    under a tenth of a :data:`MB`, bytes alone (``"1,000 bytes"``)."""
    if size < MB // 10:
        return f"{size:,} bytes"
    megabytes = f"{size / MB:.1f}".removesuffix(".0")
    return f"{megabytes} MB ({size:,} bytes)"


def _file_path(item: object) -> os.PathLike[str] | None:
    """The local file a URL field's value names: a ``pathlib.Path``, or a create's placeholder for one."""
    if isinstance(item, _LocalFile):
        return item.path
    return item if isinstance(item, os.PathLike) else None


def _size_of(path: os.PathLike[str]) -> int | None:
    try:
        return os.stat(path).st_size
    except (OSError, TypeError, ValueError):  # missing or unreadable: the existence check says so
        return None


@functools.cache
def max_bytes(limit: int, *, total: bool = False) -> Validator:
    """A file URL parameter's documented size limit, ``limit`` bytes: ``field(max_bytes(10 * MB))``.

    For an :data:`HttpUrl` field or a list of them. A local file (``pathlib.Path``) larger than
    ``limit`` is refused, naming the field (``reference_image_urls[1]`` in a list), the file's
    size and the limit, before anything is uploaded; a URL's file is left to the server, which
    alone can measure it. With ``total``, the limit is on all the local files of a list together
    ("max 10 MB total"). Read "N MB" in the docs as ``N * MB`` (see :data:`MB`). Every upload is
    also held to :data:`MAX_UPLOAD_BYTES` (a local file is uploaded first), checked by
    :func:`local_files`. A params class lists its fields' limits in ``__runapi_file_limits__``
    (``{name: (limit, total)}``).

    Raises (when the field is checked):
        ValidationError: a local file, or the local files of a list together, larger than ``limit``.
    """
    allowed = f"files of at most {size_text(limit)}" + (" in all" if total else " each")

    def validate(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        many = isinstance(value, list | tuple)
        items = list(value) if many else [value]
        name = attribute.name
        summed = 0
        for index, item in enumerate(items):
            path = _file_path(item)
            size = None if path is None else _size_of(path)
            if size is None:
                continue
            summed += size
            where = f"{name}[{index}]" if many else name
            if not total and size > limit:
                raise ValidationError(
                    f"{where} must be a file of at most {size_text(limit)}; got {path!r} of {size_text(size)}",
                    field=where,
                    allowed=allowed,
                )
        if total and summed > limit:
            raise ValidationError(
                f"{name} must be {allowed}; its local files add up to {size_text(summed)}",
                field=name,
                allowed=allowed,
            )

    validate.file_limit = (limit, total)  # type: ignore[attr-defined]  # read into __runapi_file_limits__
    return _kind(validate, "max_bytes")


def _upload_limit(name: str, size: int | None, shown: str, why: str = "", advice: str = "") -> None:
    """Refuse a file of ``size`` bytes that an upload cannot take (over :data:`MAX_UPLOAD_BYTES`).

    ``shown`` is the value as the message shows it (``PosixPath('a.png')``; empty for bytes); ``why``
    says why it is uploaded, ``advice`` what to do instead.
    """
    limit = sys.modules["runapi._core.params"].MAX_UPLOAD_BYTES  # the package's setting, read per call
    if limit is None or size is None or size <= limit:
        return
    allowed = f"a file of at most {size_text(limit)}"
    raise ValidationError(
        f"{name} must be {allowed}, the most RunAPI takes in one upload{why}; "
        f"got {f'{shown} of ' if shown else ''}{size_text(size)}{advice}",
        field=name,
        allowed=allowed,
    )
