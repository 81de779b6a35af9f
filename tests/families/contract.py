"""Contract checks shared by the family tests: a docs example must fit its result model exactly.

The SDK's own converter ignores keys a model lacks (so RunAPI can add fields without breaking
users); these checks do not, so a field the docs show that a model forgot fails a test.
"""

from __future__ import annotations

from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, override

from runapi import Result

__all__ = ["assert_mirrors", "strict_converter"]


def strict_converter() -> cattrs.Converter:
    """A converter like the SDK's, but refusing any key the models do not declare (at any depth)."""
    strict = cattrs.Converter(forbid_extra_keys=True)
    strict.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, Result),
        lambda t: make_dict_structure_fn(t, strict, raw=override(omit=True)),
    )
    return strict


def assert_mirrors(obj: Any, data: Any, where: str) -> None:
    """Every key of ``data`` is a field of ``obj`` holding the same value, recursively.

    Types must match too, except that a JSON integer in a ``float`` field reads as a float
    (``"velocity": 1`` is ``1.0``).
    """
    if isinstance(data, dict):
        assert attrs.has(type(obj)), f"{where}: expected a model object, got {obj!r}"
        fields = attrs.fields_dict(type(obj))
        for key, value in data.items():
            assert key in fields, f"{where}.{key} is in the docs example but {type(obj).__name__} has no such field"
            assert_mirrors(getattr(obj, key), value, f"{where}.{key}")
    elif isinstance(data, list):
        assert isinstance(obj, list), f"{where}: expected a list, got {obj!r}"
        assert len(obj) == len(data), f"{where}: {len(obj)} items, docs show {len(data)}"
        for i, (item, value) in enumerate(zip(obj, data, strict=True)):
            assert_mirrors(item, value, f"{where}[{i}]")
    else:
        assert obj == data, f"{where}: {obj!r} != {data!r}"
        widened = type(data) is int and type(obj) is float
        assert type(obj) is type(data) or widened, f"{where}: {type(obj).__name__} instead of {type(data).__name__}"
