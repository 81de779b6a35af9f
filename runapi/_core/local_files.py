"""Local files given for URL parameters: found in a call's params, uploaded first, replaced by their URLs.

A file-URL parameter (:data:`~runapi._core.params.HttpUrl`) also takes a ``pathlib.Path``:
:func:`local_files` swaps each for a placeholder (checking its size), the create uploads each
once (``client.files``), and :func:`with_urls` puts the download URLs in the body."""

from __future__ import annotations

import functools
import os
import typing
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from .params.compiler import _nested
from .params.fields import _LocalFile, fields_of
from .params.sizes import _size_of, _upload_limit
from .params.validators import _local_file, _url_kind

_LOCAL_PREFIX = "https://local-file.invalid/"
"""Stands in for a local file's URL while the params are checked (``.invalid`` never resolves)."""


@functools.cache
def _upload_fields(cls: type) -> tuple[tuple[str, str, type | None], ...]:
    """``(name, kind, nested class)`` of the fields of ``cls`` that may hold local files:
    ``"url"``/``"urls"`` (:data:`HttpUrl`, ``Sequence[HttpUrl]``), ``"one"``/``"many"`` (a nested
    params class, or a list of them, with such fields)."""
    hints = typing.get_type_hints(cls, include_extras=True)
    found: list[tuple[str, str, type | None]] = []
    for name in fields_of(cls):
        hint = hints[name]
        kind = _url_kind(hint)
        if kind is not None:
            found.append((name, kind, None))
            continue
        nested = _nested(hint)
        if nested is not None and _upload_fields(nested[0]):
            found.append((name, "many" if nested[1] else "one", nested[0]))
    return tuple(found)


def _placeholder(path: os.PathLike[str], where: str, found: dict[str, os.PathLike[str]]) -> str:
    _local_file(where, path)
    _upload_limit(
        where,
        _size_of(path),
        repr(path),
        " (a local file is uploaded first, with files.from_stream)",
        ". Give the file's URL instead: RunAPI fetches a URL itself",
    )
    marker = _LocalFile(_LOCAL_PREFIX + quote(os.path.abspath(path)))
    marker.path = path
    found.setdefault(marker, path)
    return marker


def _swap(cls: type, values: Mapping[str, Any], found: dict[str, os.PathLike[str]], prefix: str) -> Mapping[str, Any]:
    """``values`` with each local file in a URL field replaced by its placeholder (recorded in ``found``).

    A nested object given as a params instance that holds a local file becomes a mapping of its
    fields (with placeholders), which the nested field's converter builds and checks again.
    """
    changed: dict[str, Any] | None = None
    for name, kind, nested in _upload_fields(cls):
        value = values.get(name)
        if value is None:
            continue
        new = value
        if kind == "url" and isinstance(value, os.PathLike):
            new = _placeholder(value, prefix + name, found)
        elif kind == "urls" and isinstance(value, list | tuple) and any(isinstance(v, os.PathLike) for v in value):
            new = [
                _placeholder(v, f"{prefix}{name}[{i}]", found) if isinstance(v, os.PathLike) else v
                for i, v in enumerate(value)
            ]
        elif nested is not None and kind == "one":
            new = _swap_nested(nested, value, found, f"{prefix}{name}.")
        elif nested is not None and kind == "many" and isinstance(value, list | tuple):
            items = [_swap_nested(nested, v, found, f"{prefix}{name}[{i}].") for i, v in enumerate(value)]
            if any(a is not b for a, b in zip(items, value, strict=True)):
                new = items
        if new is not value:
            if changed is None:
                changed = dict(values)
            changed[name] = new
    return values if changed is None else changed


def _swap_nested(cls: type, value: Any, found: dict[str, os.PathLike[str]], prefix: str) -> Any:
    if isinstance(value, Mapping):
        return _swap(cls, value, found, prefix)
    if isinstance(value, cls):
        fields = {name: getattr(value, name) for name in fields_of(cls)}
        swapped = _swap(cls, fields, found, prefix)
        return value if swapped is fields else swapped
    return value


def local_files(cls: type, kwargs: Mapping[str, Any]) -> tuple[Mapping[str, Any], dict[str, os.PathLike[str]]]:
    """Swap the local files given for URL fields (``pathlib.Path`` values) for placeholder URLs.

    So every check of the params (lengths, per-model tables, a family's own validators) runs
    before anything is uploaded, on values shaped like the URLs that will be sent. Fields typed
    :data:`HttpUrl` or ``Sequence[HttpUrl]`` are looked at, in nested objects (mappings or params
    objects) too. The placeholders are stable (made from the absolute path), so an idempotency
    key's fingerprint names the files.

    Returns:
        The arguments with placeholders, and ``{placeholder: path}`` (empty when no local file
        was given: the arguments are returned as they are).

    Raises:
        ValidationError: a local file that does not exist, or that is larger than an upload may be
            (:data:`MAX_UPLOAD_BYTES`), named by its path (``video_list[0].url``).
    """
    found: dict[str, os.PathLike[str]] = {}
    return _swap(cls, kwargs, found, ""), found


def with_urls(body: Any, urls: Mapping[str, str]) -> Any:
    """A JSON body with each placeholder string replaced by its URL from ``urls``."""
    if isinstance(body, str):
        return urls.get(body, body)
    if isinstance(body, Mapping):
        return {key: with_urls(item, urls) for key, item in body.items()}
    if isinstance(body, list | tuple):
        return [with_urls(item, urls) for item in body]
    return body
