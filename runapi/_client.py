"""``runapi.Client``: the client core plus one lazily imported attribute per model family.

The typed table of families (``_Families``) lives in :mod:`runapi._family_table`, shared with
``runapi.AsyncClient`` (``runapi/_async_client.py``); each family's module is imported the first time
its attribute is read, so ``import runapi`` and a client stay cheap however many families there are.
"""

from __future__ import annotations

from ._core.client import BaseClient
from ._families import FAMILIES, operations
from ._family_table import _Families

__all__ = ["Client", "operations"]


class Client(_Families["Client"], BaseClient):
    """A RunAPI client: auth, retries, task polling, and every model family as an attribute.

    One client holds one connection pool; share it across threads and requests (e.g. one per
    Django process). Use it as a context manager, or call :meth:`close`, to release connections.
    The constructor's options are described on :class:`runapi._core.client.BaseClient`; every
    family attribute below is imported on first use.

    A client is not copied or pickled: ``copy.copy(client)``, ``copy.deepcopy(client)`` and
    ``pickle.dumps(client)`` raise ``TypeError`` (it holds a connection pool and the API key).
    ``client.with_options(...)`` is the copy, sharing the pool; another process makes its own client.
    """


def _families_doc() -> str:
    """The ``Families:`` section of :class:`Client`'s docstring, from :data:`runapi._families.FAMILIES`."""
    lines = ["", "    Families:"]
    lines += [f"        {f.name}: {f.title}: {f.summary} (``runapi.{f.name}``)." for f in FAMILIES]
    return "\n".join(lines) + "\n"


Client.__doc__ = (Client.__doc__ or "").rstrip() + "\n" + _families_doc()
