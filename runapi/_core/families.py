"""A family: a namespace of operations on a client (``client.suno``), and the client attribute that loads it.

:class:`Family` is generic in its client (:data:`ClientT`), so one declaration serves both
clients; :class:`FamilyAttribute` is how a client's table names a family without importing its
module until first use. The operation kinds a family declares are in
:mod:`runapi._core.operations` (and :mod:`runapi._core.records`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

if TYPE_CHECKING:
    from .base import ClientBase

__all__ = ["ClientT", "Family", "FamilyAttribute"]

ClientT = TypeVar("ClientT", bound="ClientBase", covariant=True)
"""The client a family is reached through: it decides whether its operations are called or awaited."""


class Family(Generic[ClientT]):
    """A namespace of operations on a client (``client.suno``, ``client.files``); subclasses declare them.

    A family is generic in its client, ``class Suno(Family[ClientT])``: reached through a
    :class:`runapi.Client` its operations return results, through a :class:`runapi.AsyncClient`
    they return awaitables. The declaration is the same; only the resource classes differ.
    """

    def __init__(self, client: ClientT) -> None:
        self._client = client

    def __repr__(self) -> str:
        from .operations import _Operation  # the kinds build on this module: imported when shown

        ops = [name for name, value in vars(type(self)).items() if isinstance(value, _Operation)]
        return f"<{type(self).__module__}.{type(self).__name__} operations={ops}>"


F = TypeVar("F", bound="Family[Any]")


class FamilyAttribute(Generic[F]):
    """A client attribute that imports its family's module on first access (``client.suno``).

    Declared once per family in ``runapi.Client``'s table::

        suno: FamilyAttribute[Suno] = FamilyAttribute("runapi.suno", "Suno")

    The family instance is then cached on the client (``with_options`` copies drop it, so each
    copy gets families bound to itself).
    """

    def __init__(self, module: str, name: str) -> None:
        self.module = module
        self.name = name
        self.attribute = name

    def __set_name__(self, owner: type, attribute: str) -> None:
        self.attribute = attribute

    @overload
    def __get__(self, client: None, owner: type | None = None) -> FamilyAttribute[F]: ...
    @overload
    def __get__(self, client: ClientBase, owner: type | None = None) -> F: ...
    def __get__(self, client: ClientBase | None, owner: type | None = None) -> Any:
        if client is None:
            return self
        family_class = getattr(importlib.import_module(self.module), self.name)
        family = family_class(client)
        client.__dict__[self.attribute] = family  # later lookups skip this descriptor
        return family

    def __repr__(self) -> str:
        return f"<family {self.module}.{self.name}>"
