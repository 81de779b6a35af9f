"""Parameter classes: declared with attrs, checked before any request, turned into JSON bodies.

A family declares each endpoint's parameters as a class decorated with :func:`params`: frozen,
keyword-only attrs, with fields named exactly as RunAPI spells them. The **annotation is the
rule**: it is what type checkers and IDEs show, and the decorator derives the runtime check from
it, so no rule is written twice::

    Model = Literal["suno-v5", "suno-v4.5"]

    @params
    class GenerateLyricsParams:
        prompt: str = field(text(max_length=200))     # required; str -> a non-blank string
        model: Model = "suno-v5"                      # Literal -> one of the listed values
        callback_url: HttpUrl | None = None           # optional; None is left off the wire

What each annotation checks: ``str`` a non-blank string; ``int`` an integer (not ``bool``);
``float`` a finite number; ``bool`` ``True``/``False``; ``list[str]`` a list of non-blank
strings; ``Literal[...]`` one of its values (compared with type, so ``True`` is not ``1``);
``Annotated[T, validator, ...]`` T's check plus those validators (:data:`HttpUrl` is one). Extra
per-field validators go in :func:`field`. Required fields have no default; optional ones default
to ``None`` and are then left off the wire (nothing else is ever dropped).

A numeric field (``int`` or ``float``) whose **name says it cannot be negative** and which declares
no lower bound of its own gets one (see :func:`sign_rule`): a duration (a name holding the word
``duration``, ``duration_seconds``) must be greater than 0; other seconds (``*_seconds``), counts
(``num_*``, ``*_count``, ``count``, ``n``) and indexes (``index``, ``*_index``) at least 0. So
``duration_seconds=-5`` is refused in every family, whether or not its docs print a range. A
declared bound (``integer(1, 10)``, ``number(0.5, 22)``, a ``Literal`` of values) is the field's
own and stays as it is; ``seed`` is not covered (a seed of -1 means "random" for some models).

URL parameters come in two kinds. :data:`HttpUrl` (and ``Sequence[HttpUrl]``) is a file RunAPI
fetches (``source_image_url``): it also takes a local file as a ``pathlib.Path``, which a create
uploads first (``client.files.from_stream``) and replaces with its download URL
(:func:`local_files`, then :func:`with_urls`). :data:`CallbackUrl` is where RunAPI calls you
(``callback_url``): a URL only. :data:`FileInput` is the content of a file upload itself.

File sizes are checked before any byte moves. Every upload holds at most :data:`MAX_UPLOAD_BYTES`
(the docs' "max 10MB"): a :data:`FileInput` and each local file given for a URL parameter. A file
parameter with a documented limit of its own declares it with :func:`max_bytes`
(``source_image_url: HttpUrl = field(max_bytes(10 * MB))``), which refuses a local file over it;
a URL's file is the server's to measure.

Rules that span several fields go in ``__attrs_post_init__`` with :func:`require`, :func:`forbid`
and :func:`check`. Every refusal is a :class:`runapi.ValidationError` naming the field and what
is allowed.

Type checkers see the classes through :func:`typing.dataclass_transform`, so ``create()`` and
``run()``, which take the params class's keyword arguments, show every parameter with its type.

The layers, each a module that imports only those above it:

- :mod:`.fields`: what a field is (:func:`field`, :data:`OMIT`) and a class's field tables;
- :mod:`.problems`: gathering every problem of one call;
- :mod:`.sizes`: the upload limit and documented per-parameter file sizes (:func:`max_bytes`);
- :mod:`.validators`: checks of one value, the annotations that imply them, the sign rule;
- :mod:`.rules`: rules spanning fields (:func:`by`, :func:`by_presence`, :func:`require`, ...);
- :mod:`.compiler`: the ``@params`` compiler, :func:`build_params` and :func:`to_body`.

Local files given for URL parameters live beside the upload code, in :mod:`runapi._core.local_files`
(re-exported here as :func:`local_files` and :func:`with_urls`). Family modules import from
``runapi._core.params`` only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .compiler import _is_params as _is_params, _nested as _nested, build_params, params, to_body
from .fields import OMIT, Omit, _LocalFile as _LocalFile, field, fields_of
from .problems import _PROBLEMS as _PROBLEMS
from .rules import By, Rules, by, by_presence, check, forbid, require, rules
from .sizes import MAX_UPLOAD_BYTES, MB, max_bytes, size_text
from .validators import (
    CallbackUrl,
    FileInput,
    HttpUrl,
    _is_file as _is_file,
    _url_kind as _url_kind,
    file_source,
    file_url,
    flag,
    http_url,
    integer,
    nested_params,
    number,
    one_of,
    sign_rule,
    text,
    text_list,
    url_list,
)

if TYPE_CHECKING:
    from ..local_files import local_files, with_urls

__all__ = [
    "MAX_UPLOAD_BYTES",
    "MB",
    "OMIT",
    "By",
    "CallbackUrl",
    "FileInput",
    "HttpUrl",
    "Omit",
    "Rules",
    "build_params",
    "by",
    "by_presence",
    "check",
    "field",
    "fields_of",
    "file_source",
    "file_url",
    "flag",
    "forbid",
    "http_url",
    "integer",
    "local_files",
    "max_bytes",
    "nested_params",
    "number",
    "one_of",
    "params",
    "require",
    "rules",
    "sign_rule",
    "size_text",
    "text",
    "text_list",
    "to_body",
    "url_list",
    "with_urls",
]


def __getattr__(name: str) -> Any:
    """``local_files`` and ``with_urls``, from :mod:`runapi._core.local_files` (imported on first use:
    it builds on this package, so importing it here would be a cycle)."""
    if name in ("local_files", "with_urls"):
        from .. import local_files as module

        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
