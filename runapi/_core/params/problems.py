"""Params: gathering every problem of one call (see :func:`runapi._core.params.compiler.build_params`).

While a call's params are built, each refusal is recorded here instead of raised, so the call
learns of all its mistakes at once (:attr:`runapi.ValidationError.errors`)."""

from __future__ import annotations

import contextvars
import sys
from typing import Any

import attrs

from ...errors import ValidationError
from .fields import Validator

if sys.version_info >= (3, 11):
    pass
else:  # pragma: no cover - Python 3.10
    pass


class _Problems:
    """Every :class:`ValidationError` found while one call's params are built (see :func:`build_params`).

    While a collector is active, the field validators, rule tables and :func:`require` /
    :func:`forbid` / :func:`check` report each problem here instead of raising the first, so a
    call learns of all its mistakes at once. A field with a problem is not checked again by
    later rules (one mistake, one message).
    """

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []
        self.failed: set[str] = set()

    def add(self, error: ValidationError) -> None:
        if any((seen.field, str(seen)) == (error.field, str(error)) for seen in self.errors):
            return
        self.errors.append(error)
        for problem in error.errors:
            if problem.field:
                self.failed.add(problem.field.split(".", 1)[0].split("[", 1)[0])


_PROBLEMS: contextvars.ContextVar[_Problems | None] = contextvars.ContextVar("runapi_params_problems", default=None)


def _report(error: ValidationError) -> None:
    """Raise ``error``, or record it when the whole call's problems are being gathered."""
    problems = _PROBLEMS.get()
    if problems is None:
        raise error
    problems.add(error)


def _settled(instance: object, name: str) -> bool:
    """Whether later rules may read field ``name``: it holds a value, and no problem was found in it."""
    problems = _PROBLEMS.get()
    return problems is None or name not in problems.failed


def _gathering(validator: Validator) -> Validator:
    """``validator`` for one field, reporting its refusal (see :class:`_Problems`) when problems are gathered."""

    def validate(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        problems = _PROBLEMS.get()
        if problems is None:
            validator(instance, attribute, value)
            return
        if attribute.name in problems.failed:
            return
        try:
            validator(instance, attribute, value)
        except ValidationError as error:
            problems.add(error)
            problems.failed.add(attribute.name)

    return validate
