"""Params: gathering every problem of one call (see :func:`runapi._core.params.compiler.build_params`),
and whether the call is strict.

While a call's params are built, each refusal is recorded here instead of raised, so the call
learns of all its mistakes at once (:attr:`runapi.ValidationError.errors`).

A call is strict (``Client(strict=True)``, ``with_options(strict=True)``) or open (the default):
the validators of one call read :data:`_STRICT`, set by ``build_params`` for that call, to decide
whether a value the SDK does not know (a model id, an enum value newer than it) is refused or sent
with a :class:`runapi.UnknownValueWarning` (see :func:`runapi._core.params.validators.one_of`).
A field whose value was sent unknown is not checked by later rules (they describe known values)."""

from __future__ import annotations

import contextvars
from typing import Any

import attrs

from ...errors import ValidationError
from .fields import Validator


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
        self.unknown: set[str] = set()
        """Fields whose value the SDK does not know and sends as given: no later rule reads them."""

    def add(self, error: ValidationError) -> None:
        if any((seen.field, str(seen)) == (error.field, str(error)) for seen in self.errors):
            return
        self.errors.append(error)
        for problem in error.errors:
            if problem.field:
                self.failed.add(problem.field.split(".", 1)[0].split("[", 1)[0])


_PROBLEMS: contextvars.ContextVar[_Problems | None] = contextvars.ContextVar("runapi_params_problems", default=None)

_STRICT: contextvars.ContextVar[bool] = contextvars.ContextVar("runapi_params_strict", default=False)
"""Whether the params being built refuse values the SDK does not know (``strict=True``), for one call."""


def _unknown(name: str) -> None:
    """Note that field ``name`` holds a value the SDK does not know (sent as given): later rules skip it."""
    problems = _PROBLEMS.get()
    if problems is not None:
        problems.unknown.add(name)


def _report(error: ValidationError) -> None:
    """Raise ``error``, or record it when the whole call's problems are being gathered."""
    problems = _PROBLEMS.get()
    if problems is None:
        raise error
    problems.add(error)


def _settled(instance: object, name: str) -> bool:
    """Whether later rules may read field ``name``: no problem was found in it, and its value is a known one."""
    problems = _PROBLEMS.get()
    return problems is None or (name not in problems.failed and name not in problems.unknown)


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
