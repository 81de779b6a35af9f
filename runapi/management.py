"""API keys, guardrails and guardrail assignments, managed with a management key (docs: Management Keys,
Guardrails, Guardrail Assignments).

These endpoints take a **management key**, not the API key that creates tasks: a
:class:`ManagementClient` holds one (``management_key=`` or ``RUNAPI_MANAGEMENT_KEY``) and never
reads ``RUNAPI_API_KEY``, and :class:`runapi.Client` never reads the management key. So a
management key is never sent where the docs ask for the API key, nor the reverse::

    from runapi.management import ManagementClient

    with ManagementClient() as admin:  # reads RUNAPI_MANAGEMENT_KEY
        key = admin.keys.create(name="Production", credit_limit_cents=100, credit_limit_reset_interval="daily")
        print(key.key)  # the secret: answered once, on creation
        tier = admin.guardrails.create(name="Tier 1", allowed_models=["gpt-5.4"])
        admin.guardrail_assignments.create(guardrail_id=tier.id, api_token_id=key.id)
        admin.keys.update(key.id, enabled=False)  # revoke at once
        admin.keys.delete(key.id)

Each collection offers ``list()``, ``create(...)``, ``get(id)``, ``update(id, ...)`` (keys and
guardrails) and ``delete(id)`` as documented. An update sends only the fields you pass; ``None``
clears a field that can be cleared (sent as ``null``), and a field left out keeps its value. A
delete answers ``None``; a record that does not exist raises :class:`runapi.NotFoundError` unless
``missing_ok=True``. Creates are POSTs: like task creates, they are never replayed where the
server may have acted (a second key would be created). Updates and deletes are safe to repeat
and are retried like GETs.

Amounts are in US cents; times are as answered (ISO 8601 strings, ``"2026-04-08T02:58:00Z"``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, Literal

import attrs
import requests

from ._core.base import ClientBase
from ._core.client import ClientCore
from ._core.models import Result
from ._core.operations import ClientT, DirectOperation, Family, FamilyAttribute
from ._core.params import OMIT, Omit, field, integer, params, require
from ._core.records import DeleteOperation, GetOperation, ListOperation, UpdateOperation
from ._core.settings import DEFAULT_MAX_CONNECTIONS, DEFAULT_TIMEOUT, ClientSettings, Credential
from ._core.transport import Timeout
from .errors import MissingManagementKeyError, ValidationError

if TYPE_CHECKING:
    from typing_extensions import Self

    from ._async_management import AsyncManagementClient

__all__ = [
    "MANAGEMENT_KEY",
    "APIKey",
    "AsyncManagementClient",
    "CreateGuardrailAssignmentParams",
    "CreateGuardrailParams",
    "CreateKeyParams",
    "CreatedAPIKey",
    "Guardrail",
    "GuardrailAssignment",
    "GuardrailAssignments",
    "Guardrails",
    "Keys",
    "ManagementClient",
    "MatchMode",
    "ModelBudget",
    "ModelBudgetParams",
    "ResetInterval",
    "UpdateGuardrailParams",
    "UpdateKeyParams",
]

ResetInterval = Literal["daily", "weekly", "monthly"]
"""How often a credit limit resets (docs: Create API Key, Create Guardrail). No interval: a lifetime cap."""

MatchMode = Literal["include", "exclude"]
"""Which models a model budget counts: only the listed ones, or every model but them (docs: Create Guardrail)."""

MANAGEMENT_KEY = Credential("management_key", "RUNAPI_MANAGEMENT_KEY", MissingManagementKeyError, "management key")
"""The key of :class:`ManagementClient` (docs: Management Keys > Authentication)."""

# -- records --------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class APIKey(Result):
    """A standard API key, as listed and fetched (docs: Management Keys > List / Get API Key).

    Attributes:
        id: the key's id (``"token_123"``); what ``get``, ``update`` and ``delete`` take.
        name: its friendly name.
        masked_token: the key with its middle hidden (``"abcd••••••••wxyz"``); the key itself is
            answered only once, by ``create`` (:class:`CreatedAPIKey`).
        enabled: ``False`` when requests made with it are refused (401).
        credit_limit_cents: its spending cap, US cents; ``None``: no cap.
        credit_limit_reset_interval: ``"daily"``, ``"weekly"`` or ``"monthly"``; ``None``: the cap
            is a lifetime budget.
        allowed_models: the only models it may call; ``None`` (or empty): every model.
        guardrail_id: the guardrail attached to it, if any.
        created_at: when it was created; last_used_at: when it was last used (``None``: never).
        credit_usage_cents_total, credit_usage_cents_today, credit_usage_cents_this_week,
        credit_usage_cents_this_month: what it spent, US cents (answered by ``get`` only).
    """

    id: str
    name: str | None = None
    masked_token: str | None = None
    enabled: bool = True
    credit_limit_cents: int | None = None
    credit_limit_reset_interval: str | None = None
    allowed_models: list[str] | None = None
    guardrail_id: str | None = None
    created_at: str | None = None
    last_used_at: str | None = None
    credit_usage_cents_total: int | None = None
    credit_usage_cents_today: int | None = None
    credit_usage_cents_this_week: int | None = None
    credit_usage_cents_this_month: int | None = None


@attrs.frozen(kw_only=True)
class CreatedAPIKey(APIKey):
    """A key just created (docs: Create API Key): an :class:`APIKey` plus the key itself.

    Attributes:
        key: the secret to authenticate with (``Authorization: Bearer <key>``). "The key value is
            only returned once": store it now. It is left out of ``repr()``.
    """

    key: str = attrs.field(repr=False)


@attrs.frozen(kw_only=True)
class ModelBudget:
    """A spending cap on some models within a guardrail (docs: Create Guardrail > model_budgets).

    Attributes:
        match_mode: ``"include"`` counts only ``models``; ``"exclude"`` counts every model but them.
        models: the models listed.
        credit_limit_cents: the cap, US cents.
        credit_limit_reset_interval: ``"daily"``, ``"weekly"``, ``"monthly"``, or ``None`` (lifetime).
    """

    match_mode: str
    models: list[str] = attrs.field(factory=list)
    credit_limit_cents: int | None = None
    credit_limit_reset_interval: str | None = None


@attrs.frozen(kw_only=True)
class Guardrail(Result):
    """A reusable policy of model rules and spending caps (docs: Guardrails > List Guardrails).

    Attributes:
        id: the guardrail's id (``"guardrail_abc123"``).
        name: unique within the account (case-insensitive); description: free text.
        enabled: whether it is applied.
        credit_limit_cents: total cap across every key and member it is assigned to, US cents;
            credit_limit_reset_interval: its reset cadence.
        allowed_models, blocked_models, allowed_providers, blocked_providers: access rules (empty:
            no rule; a block always wins over an allow).
        model_budgets: scoped caps (:class:`ModelBudget`).
        assignment_count: how many keys and members it is assigned to.
        created_at: when it was created.
    """

    id: str
    name: str | None = None
    description: str | None = None
    enabled: bool = True
    credit_limit_cents: int | None = None
    credit_limit_reset_interval: str | None = None
    allowed_models: list[str] = attrs.field(factory=list)
    blocked_models: list[str] = attrs.field(factory=list)
    allowed_providers: list[str] = attrs.field(factory=list)
    blocked_providers: list[str] = attrs.field(factory=list)
    model_budgets: list[ModelBudget] = attrs.field(factory=list)
    assignment_count: int | None = None
    created_at: str | None = None


@attrs.frozen(kw_only=True)
class GuardrailAssignment(Result):
    """A guardrail attached to one API key or one account member (docs: Guardrail Assignments).

    Attributes:
        id: the assignment's id (``"guardrail_assignment_xyz"``).
        guardrail_id: the guardrail.
        api_token_id: the API key it applies to, or ``None``.
        account_user_id: the account member it applies to, or ``None``.
        created_at: when it was created.
    """

    id: str
    guardrail_id: str
    api_token_id: str | None = None
    account_user_id: str | None = None
    created_at: str | None = None


# -- params ---------------------------------------------------------------------------------------

_cents = integer(minimum=0)


@params
class CreateKeyParams:
    """Parameters of ``POST /api/v1/keys`` (docs: Management Keys > Create API Key).

    Args:
        name: a friendly name.
        credit_limit_cents: a spending cap, US cents (>= 0). Without
            ``credit_limit_reset_interval`` it is a lifetime budget that never refreshes.
        credit_limit_reset_interval: ``"daily"``, ``"weekly"`` or ``"monthly"``: the cap resets
            each window.
        allowed_models: the only models the key may call (``["gpt-5.4", "claude-opus-4-6"]``);
            others are refused with 422. ``None`` or ``[]``: every model.
        enabled: ``False`` creates it disabled (its requests get 401). Default ``True``.
        guardrail_id: a guardrail to attach (``"guardrail_abc123"``).
    """

    name: str | None = None
    credit_limit_cents: int | None = field(_cents, default=None)
    credit_limit_reset_interval: ResetInterval | None = None
    allowed_models: list[str] | None = None
    enabled: bool | None = None
    guardrail_id: str | None = None


@params
class UpdateKeyParams:
    """Parameters of ``PATCH /api/v1/keys/:id`` (docs: Management Keys > Update API Key).

    Only the fields passed are sent; a field left out keeps its value.

    Args:
        name: a new name.
        credit_limit_cents: a new cap, US cents; ``None`` clears it (no cap).
        credit_limit_reset_interval: a new cadence; ``None`` makes the cap a lifetime budget.
        allowed_models: replaces the whole list; ``None`` or ``[]`` allows every model again.
        enabled: ``False`` revokes the key at once; ``True`` re-enables it.

    To attach, replace or remove a guardrail, use ``guardrail_assignments`` (this endpoint does
    not take ``guardrail_id``).
    """

    name: str | Omit = OMIT
    credit_limit_cents: int | Omit | None = field(_cents, default=OMIT)
    credit_limit_reset_interval: ResetInterval | Omit | None = OMIT
    allowed_models: list[str] | Omit | None = OMIT
    enabled: bool | Omit = OMIT


@params
class ModelBudgetParams:
    """One entry of a guardrail's ``model_budgets`` (docs: Create Guardrail).

    Args:
        match_mode: ``"include"`` counts only ``models``; ``"exclude"`` counts every model except
            them (new models are then counted by default).
        models: the models listed (at least one).
        credit_limit_cents: the cap, US cents (>= 0).
        credit_limit_reset_interval: ``"daily"``, ``"weekly"``, ``"monthly"``; ``None``: lifetime.
    """

    match_mode: MatchMode
    models: list[str]
    credit_limit_cents: int = field(_cents)
    credit_limit_reset_interval: ResetInterval | None = None


def _cap_with_interval(instance: object) -> None:
    """A guardrail's total cap "must be set together with credit_limit_reset_interval" (docs: Create Guardrail)."""
    cap = getattr(instance, "credit_limit_cents")  # noqa: B009  # both params classes have it
    interval = getattr(instance, "credit_limit_reset_interval")  # noqa: B009
    if isinstance(cap, int) and not isinstance(interval, str):
        require(instance, ["credit_limit_reset_interval"], when="when credit_limit_cents is set")
    if isinstance(interval, str) and not isinstance(cap, int):
        require(instance, ["credit_limit_cents"], when="when credit_limit_reset_interval is set")


@params
class CreateGuardrailParams:
    """Parameters of ``POST /api/v1/guardrails`` (docs: Guardrails > Create Guardrail).

    Args:
        name: unique within the account (case-insensitive). Required.
        description: free text.
        enabled: default ``True``.
        credit_limit_cents: total cap across everything it is assigned to, US cents; must come
            with ``credit_limit_reset_interval``.
        credit_limit_reset_interval: ``"daily"``, ``"weekly"`` or ``"monthly"``.
        allowed_models, blocked_models: model allowlist and blocklist (public model ids); a block
            always wins. Empty: no rule.
        allowed_providers, blocked_providers: the same for provider names.
        model_budgets: scoped caps: :class:`ModelBudgetParams` objects or mappings with their fields.
    """

    name: str
    description: str | None = None
    enabled: bool | None = None
    credit_limit_cents: int | None = field(_cents, default=None)
    credit_limit_reset_interval: ResetInterval | None = None
    allowed_models: list[str] | None = None
    blocked_models: list[str] | None = None
    allowed_providers: list[str] | None = None
    blocked_providers: list[str] | None = None
    model_budgets: list[ModelBudgetParams] | None = None

    def __attrs_post_init__(self) -> None:
        _cap_with_interval(self)


@params
class UpdateGuardrailParams:
    """Parameters of ``PATCH /api/v1/guardrails/:id`` (docs: Guardrails > Update Guardrail).

    Only the fields passed are sent. Scalars are overwritten; the rule lists and
    ``model_budgets`` are replaced whole, and ``None`` or ``[]`` clears them. Needs an account
    admin's management key unless the guardrail is yours and assigned only to your own keys.

    Args:
        name, description, enabled: new values (``description=None`` clears it).
        credit_limit_cents: a new total cap, US cents; ``None`` clears it.
        credit_limit_reset_interval: a new cadence; ``None`` clears it.
        allowed_models, blocked_models, allowed_providers, blocked_providers: replacement lists.
        model_budgets: replacement budgets (:class:`ModelBudgetParams` objects or mappings).
    """

    name: str | Omit = OMIT
    description: str | Omit | None = OMIT
    enabled: bool | Omit = OMIT
    credit_limit_cents: int | Omit | None = field(_cents, default=OMIT)
    credit_limit_reset_interval: ResetInterval | Omit | None = OMIT
    allowed_models: list[str] | Omit | None = OMIT
    blocked_models: list[str] | Omit | None = OMIT
    allowed_providers: list[str] | Omit | None = OMIT
    blocked_providers: list[str] | Omit | None = OMIT
    model_budgets: list[ModelBudgetParams] | Omit | None = OMIT


@params
class CreateGuardrailAssignmentParams:
    """Parameters of ``POST /api/v1/guardrail_assignments`` (docs: Guardrail Assignments > Create Assignment).

    Give exactly one target. A target already holding a guardrail is refused (422): delete its
    assignment first, then create the new one.

    Args:
        guardrail_id: the guardrail (``"guardrail_abc123"``). Required.
        api_token_id: the API key to attach it to (``"token_123"``).
        account_user_id: the account member to attach it to (account admins only).
    """

    guardrail_id: str
    api_token_id: str | None = None
    account_user_id: str | None = None

    def __attrs_post_init__(self) -> None:
        if (self.api_token_id is None) == (self.account_user_id is None):
            raise ValidationError(
                "give exactly one of api_token_id (an API key) or account_user_id (an account member)",
                field="api_token_id",
                allowed="exactly one of api_token_id, account_user_id",
            )


# -- the collections -------------------------------------------------------------------------------


class Keys(Family[ClientT]):
    """Standard API keys (docs: Management Keys): ``list``, ``create``, ``get``, ``update``, ``delete``."""

    list = ListOperation("/api/v1/keys", APIKey)
    create = DirectOperation("/api/v1/keys", CreateKeyParams, CreatedAPIKey)
    get = GetOperation("/api/v1/keys", APIKey)
    update = UpdateOperation("/api/v1/keys", UpdateKeyParams, APIKey)
    delete = DeleteOperation("/api/v1/keys")


class Guardrails(Family[ClientT]):
    """Guardrail policies (docs: Guardrails): ``list``, ``create``, ``get``, ``update``, ``delete``.

    Deleting one also removes its assignments, and frees its name.
    """

    list = ListOperation("/api/v1/guardrails", Guardrail, envelope="guardrails")
    create = DirectOperation("/api/v1/guardrails", CreateGuardrailParams, Guardrail, envelope="guardrail")
    get = GetOperation("/api/v1/guardrails", Guardrail, envelope="guardrail")
    update = UpdateOperation("/api/v1/guardrails", UpdateGuardrailParams, Guardrail, envelope="guardrail")
    delete = DeleteOperation("/api/v1/guardrails")


class GuardrailAssignments(Family[ClientT]):
    """Which guardrail applies to which key or member (docs: Guardrail Assignments): ``list``, ``create``, ``delete``.

    The docs offer no update and no get by id: to replace a target's guardrail, delete its
    assignment and create another.
    """

    list = ListOperation("/api/v1/guardrail_assignments", GuardrailAssignment, envelope="guardrail_assignments")
    create = DirectOperation(
        "/api/v1/guardrail_assignments",
        CreateGuardrailAssignmentParams,
        GuardrailAssignment,
        envelope="guardrail_assignment",
    )
    delete = DeleteOperation("/api/v1/guardrail_assignments")


# -- the client ------------------------------------------------------------------------------------


class _Management(ClientBase, Generic[ClientT]):
    """What :class:`ManagementClient` and :class:`AsyncManagementClient` share: the key, the collections, options."""

    credential = MANAGEMENT_KEY
    keys: FamilyAttribute[Keys[ClientT]] = FamilyAttribute("runapi.management", "Keys")
    guardrails: FamilyAttribute[Guardrails[ClientT]] = FamilyAttribute("runapi.management", "Guardrails")
    guardrail_assignments: FamilyAttribute[GuardrailAssignments[ClientT]] = FamilyAttribute(
        "runapi.management", "GuardrailAssignments"
    )

    def with_options(
        self,
        *,
        management_key: str | None = None,
        base_url: str | None = None,
        timeout: Timeout | float | tuple[float, float] | None = None,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> Self:
        """A copy of this client with other defaults, sharing its connection pool (``None`` keeps a value).

        Raises:
            ValidationError: as the constructor does, naming the option.
        """
        changed = self._settings.replace(
            key=management_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
        )
        return self._copy(changed)


class ManagementClient(_Management["ManagementClient"], ClientCore):
    """A client for the management endpoints, holding a management key (never the API key).

    Shares :class:`runapi.Client`'s transport, retries, errors and options; it has no model
    families, and ``runapi.Client`` has none of these collections. Its values are checked strictly
    (an interval or match mode the SDK does not know is refused, not sent with a warning: these are
    account settings, where a typo costs more than a newer value). It is not copied or pickled
    (``copy.copy``, ``copy.deepcopy`` and ``pickle.dumps`` raise ``TypeError``): ``with_options()``
    is its copy, sharing the pool.

    Args:
        management_key: defaults to ``RUNAPI_MANAGEMENT_KEY`` (``RUNAPI_API_KEY`` is never read).
            Never logged or shown in reprs.
        base_url: defaults to ``RUNAPI_BASE_URL``, else ``https://runapi.ai``.
        timeout: seconds, ``(connect, read)`` or :class:`runapi.Timeout` (10 s connect, 60 s read).
        max_retries: retries after a failed attempt (default 2); creates are retried only where
            the server cannot have acted.
        default_headers: headers sent with every request.
        session: a ``requests.Session`` of your own; not closed by us.
        max_connections: pooled connections per host for the default session (100).
        sleep: how to wait between retries (tests pass a fake).
        clock: monotonic seconds.

    Attributes:
        keys: :class:`Keys`. guardrails: :class:`Guardrails`.
        guardrail_assignments: :class:`GuardrailAssignments`.

    Raises:
        MissingManagementKeyError: no ``management_key`` and no ``RUNAPI_MANAGEMENT_KEY``.
        ValidationError: an option is out of range or of the wrong type, naming it.
    """

    def __init__(
        self,
        management_key: str | None = None,
        *,
        base_url: str | None = None,
        timeout: Timeout | float | tuple[float, float] = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        default_headers: Mapping[str, str] | None = None,
        session: requests.Session | None = None,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        settings = ClientSettings.build(
            self.credential,
            management_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            max_connections=max_connections,
            sleep=sleep,
            clock=clock,
            strict=True,  # account settings, not models: a value the SDK does not know is a mistake, refused
        )
        super().__init__(settings, session)


def __getattr__(name: str) -> Any:  # AsyncManagementClient imports httpx: only when asked for
    if name == "AsyncManagementClient":
        from ._async_management import AsyncManagementClient

        return AsyncManagementClient
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
