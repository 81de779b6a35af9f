"""Live pricing: ``client.pricing.schedules()``, ``client.pricing.quote()`` and each operation's ``quote()``.

The facts (runapi-core 0.10.1, ``runapi/core/pricing.py`` and its README "Universal resources"):
``GET /api/v1/price_schedules`` (filters ``service``, ``action``, ``model``) answers
``{"as_of", "price_schedules": [...]}``; ``POST /api/v1/price_quotes`` with ``{service, action,
model, params}`` answers ``{"price_quote": {..., "reservation_amount_cents", "estimate_basis",
"as_of"}}`` and creates no task. Neither needs an API key for an ordinary quote (the client sends
its own anyway; a quote about an existing task needs that task's account's key). A schedule
answer carries an ``ETag``; sent back as ``If-None-Match``, an unchanged schedule answers 304.

Service and action names: the pricing API names an endpoint by its path's two segments,
``/api/v1/<service>/<action>`` (``"suno"``, ``"convert_audio"``; ``"grok_imagine"``,
``"extend_video"``: the official CLI's ``cmd/runapi/pricing_test.go``). The platform contract's
``path_rule`` (``<service '-'->'_'>/<action '-'->'_'>``) is the inverse of this; its two overrides
(``kling/avatar`` is ``/api/v1/kling/ai_avatar``, ``grok-imagine/extend`` is
``/api/v1/grok_imagine/extend_video``) name the CLI's hyphenated actions, whose pricing names are
again the path's (``ai_avatar``, ``extend_video``). So every operation's names come from its path
(:func:`price_names`); a path that does not fit the rule would be listed in :data:`PRICE_NAMES`.

Flows here are sans-IO like :mod:`runapi._core.flows`; :class:`Pricing` and :class:`AsyncPricing`
drive the same ones.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import attrs

from ..errors import APIStatusError, ValidationError
from .flows import Call, Flow, request
from .models import Result, structure
from .options import RequestOptions

if TYPE_CHECKING:
    from .async_client import AsyncBaseClient
    from .client import BaseClient

__all__ = [
    "PRICE_NAMES",
    "AsyncPricing",
    "PriceQuote",
    "PriceSchedule",
    "PriceSchedules",
    "Pricing",
    "price_names",
]

SCHEDULES_PATH = "/api/v1/price_schedules"
QUOTES_PATH = "/api/v1/price_quotes"

PRICE_NAMES: dict[str, tuple[str, str]] = {
    "/api/v1/audio_exports": ("suno", "audio_exports"),
    "/api/v1/music_from_sample": ("suno", "music_from_sample"),
    "/api/v1/music_visualizations": ("suno", "music_visualizations"),
    "/api/v1/personas": ("suno", "personas"),
    "/api/v1/style_expansions": ("suno", "style_expansions"),
    "/api/v1/timestamped_lyrics": ("suno", "timestamped_lyrics"),
    "/api/v1/voices": ("suno", "voices"),
    "/v1/audio/transcriptions": ("openai_transcription", "speech_to_text"),
}
"""``{path: (service, action)}`` for an operation whose path does not read ``/api/v1/<service>/<action>``.

The platform contract (the official CLI's and packages', ``tests/contract/platform-contract.json``)
names these actions ``suno/music-from-sample``, ``openai-transcription/speech-to-text``, ...; read
with the path rule's spelling (``-`` as ``_``), as the official CLI's pricing tests send names.
A reading: no source shows a quote for one of these.
"""

_RULE = re.compile(r"/api/v1/([a-z0-9_]+)/([a-z0-9_]+)")


def price_names(path: str) -> tuple[str, str]:
    """The pricing API's ``(service, action)`` of the operation at ``path``.

    ``"/api/v1/kling/text_to_video"`` -> ``("kling", "text_to_video")`` (see the module docstring).

    Raises:
        ValidationError: ``path`` neither fits ``/api/v1/<service>/<action>`` nor is in :data:`PRICE_NAMES`.
    """
    named = PRICE_NAMES.get(path)
    if named is not None:
        return named
    matched = _RULE.fullmatch(path)
    if matched is None:
        raise ValidationError(f"no pricing service/action is known for {path!r}", field="path")
    return matched.group(1), matched.group(2)


@attrs.frozen(kw_only=True)
class PriceSchedule(Result):
    """One endpoint's current price (runapi-core 0.10.1 ``PriceSchedule``). Amounts in US cents.

    Attributes:
        service: the pricing service (``"kling"``).
        action: the pricing action (``"text_to_video"``).
        model: the model id, where the price depends on it.
        pricing_status: e.g. ``"available"``.
        catalog_status: the endpoint's catalogue status.
        currency: ``"USD"``.
        billing_unit: what one unit is (per request, per second, ...), where given.
        billing_strategy: how the price is computed, where given.
        unit_price_cents: the price of one unit, in US cents.
        input_price_per_1m_cents, output_price_per_1m_cents: per million tokens (LLM endpoints).
        cache_read_price_per_1m_cents, cache_write_price_per_1m_cents,
        cache_write_5m_price_per_1m_cents, cache_write_1h_price_per_1m_cents: cached tokens, per million.
        billing_config: further pricing detail, as given (untyped in the official package).
    """

    service: str
    action: str
    model: str | None = None
    pricing_status: str
    catalog_status: str
    currency: str
    billing_unit: str | None = None
    billing_strategy: str | None = None
    unit_price_cents: int | None = None
    input_price_per_1m_cents: int | None = None
    output_price_per_1m_cents: int | None = None
    cache_read_price_per_1m_cents: int | None = None
    cache_write_price_per_1m_cents: int | None = None
    cache_write_5m_price_per_1m_cents: int | None = None
    cache_write_1h_price_per_1m_cents: int | None = None
    billing_config: Any = None


@attrs.frozen(kw_only=True)
class PriceSchedules(Result):
    """``GET /api/v1/price_schedules``'s answer (runapi-core 0.10.1 ``PriceScheduleListResponse``).

    Attributes:
        as_of: when the schedules were read (an ISO 8601 timestamp string).
        price_schedules: the schedules that match the filters.
        etag: the answer's ``ETag`` (sent back as ``If-None-Match`` by the next same-filter call).
        not_modified: ``True`` when this is the remembered answer, the server having said 304.
    """

    as_of: str
    price_schedules: list[PriceSchedule] = attrs.field(factory=list)
    etag: str | None = attrs.field(default=None, eq=False)
    not_modified: bool = attrs.field(default=False, eq=False)


@attrs.frozen(kw_only=True)
class PriceQuote(Result):
    """``POST /api/v1/price_quotes``'s ``price_quote`` (runapi-core 0.10.1 ``PriceQuote``): no task is created.

    Attributes:
        service: the pricing service quoted.
        action: the pricing action quoted.
        model: the model quoted, if any.
        pricing_status: e.g. ``"available"``.
        currency: ``"USD"``.
        reservation_amount_cents: what a create would reserve, in US cents.
        estimate_basis: how the amount was estimated (``"exact"``, ...).
        as_of: when the price was read (ISO 8601 string).
    """

    service: str
    action: str
    model: str | None = None
    pricing_status: str
    currency: str
    reservation_amount_cents: int
    estimate_basis: str
    as_of: str

    @property
    def reservation_usd(self) -> float:
        """:attr:`reservation_amount_cents` in US dollars."""
        return self.reservation_amount_cents / 100


def _filters(service: str | None, action: str | None, model: str | None) -> tuple[tuple[str, str], ...]:
    found = []
    for name, value in (("service", service), ("action", action), ("model", model)):
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(f"{name} must be a non-empty string; got {value!r}", field=name)
        found.append((name, value))
    return tuple(found)


def schedules_flow(filters: tuple[tuple[str, str], ...], cached: PriceSchedules | None) -> Flow[PriceSchedules]:
    """``GET /api/v1/price_schedules?<filters>``; a 304 returns ``cached`` (marked ``not_modified``)."""
    path = SCHEDULES_PATH + (f"?{urlencode(filters)}" if filters else "")
    try:
        reply = yield from request(Call("GET", path))
    except APIStatusError as exc:
        if exc.status_code == 304 and cached is not None:
            return attrs.evolve(cached, not_modified=True)
        raise
    made = structure(reply.data, PriceSchedules)
    etag = None if reply.headers is None else reply.headers.get("ETag")
    return attrs.evolve(made, etag=etag, not_modified=False)


def quote_flow(service: str, action: str, model: str | None, params: Mapping[str, Any] | None) -> Flow[PriceQuote]:
    """``POST /api/v1/price_quotes``; the ``price_quote`` typed. No ``Idempotency-Key``: no task is made."""
    body: dict[str, Any] = {"service": service, "action": action, "params": dict(params or {})}
    if model is not None:
        body["model"] = model
    reply = yield from request(Call("POST", QUOTES_PATH, body))
    data = reply.data
    if not isinstance(data, Mapping) or not isinstance(data.get("price_quote"), Mapping):
        from ..errors import APIResponseValidationError

        raise APIResponseValidationError("expected {'price_quote': {...}}", body=data)
    return structure(data["price_quote"], PriceQuote)


def _quote_args(service: object, action: object, model: object, params: object) -> tuple[str, str, str | None]:
    for name, value in (("service", service), ("action", action)):
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(f"{name} must be a non-empty string; got {value!r}", field=name)
    if model is not None and (not isinstance(model, str) or not model.strip()):
        raise ValidationError(f"model must be a non-empty string or None; got {model!r}", field="model")
    if params is not None and not isinstance(params, Mapping):
        raise ValidationError(f"params must be a mapping; got {type(params).__name__}", field="params")
    return service, action, model  # type: ignore[return-value]  # checked above


class _PricingBase:
    """What :class:`Pricing` and :class:`AsyncPricing` share: the ETag memory and the flows."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self._remembered: dict[tuple[tuple[str, str], ...], PriceSchedules] = {}

    def _schedules_call(
        self, service: str | None, action: str | None, model: str | None
    ) -> tuple[tuple[tuple[str, str], ...], Flow[PriceSchedules], RequestOptions]:
        filters = _filters(service, action, model)
        cached = self._remembered.get(filters)
        headers = {"If-None-Match": cached.etag} if cached is not None and cached.etag else None
        return filters, schedules_flow(filters, cached), RequestOptions(extra_headers=headers)

    def _remember(self, filters: tuple[tuple[str, str], ...], found: PriceSchedules) -> PriceSchedules:
        if found.etag:
            self._remembered[filters] = found
        return found

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {SCHEDULES_PATH}, {QUOTES_PATH}>"


class Pricing(_PricingBase):
    """``client.pricing``: current prices and quotes (runapi-core 0.10.1 ``Pricing``).

    ``schedules()`` remembers, per filter set, the last answer and its ``ETag`` and sends it back
    as ``If-None-Match``: when the server answers 304 (unchanged), the remembered answer is
    returned (``not_modified=True``) without a body being sent again. The memory is this client's
    (a ``with_options`` copy starts empty).
    """

    _client: BaseClient

    def schedules(
        self, *, service: str | None = None, action: str | None = None, model: str | None = None
    ) -> PriceSchedules:
        """The current price schedules (``GET /api/v1/price_schedules``), filtered.

        Args:
            service: e.g. ``"kling"`` (the path's segment after ``/api/v1/``).
            action: e.g. ``"text_to_video"``.
            model: a model id.

        Returns:
            :class:`PriceSchedules`: ``as_of`` and the typed ``price_schedules`` (amounts in US cents).

        Raises:
            ValidationError: a filter is not a non-empty string, before any request.
            APIStatusError: a non-2xx answer (other than the 304 this method handles).
        """
        filters, flow, options = self._schedules_call(service, action, model)
        return self._remember(filters, self._client._run(flow, options))

    def quote(
        self,
        *,
        service: str,
        action: str,
        model: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> PriceQuote:
        """What a create would reserve (``POST /api/v1/price_quotes``); no task is created.

        The params are sent as given (not checked: use an operation's own ``quote()``, e.g.
        ``client.kling.text_to_video.quote(...)``, to have them checked as its create does).

        Returns:
            :class:`PriceQuote` (``reservation_amount_cents``, ``reservation_usd``).

        Raises:
            ValidationError: ``service``/``action`` missing or blank, ``params`` not a mapping.
            APIStatusError: a non-2xx answer (e.g. 422 for params the server refuses).
        """
        service, action, model = _quote_args(service, action, model, params)
        return self._client._run(quote_flow(service, action, model, params), RequestOptions())


class AsyncPricing(_PricingBase):
    """``client.pricing`` of an :class:`runapi.AsyncClient`: ``await`` its calls (see :class:`Pricing`)."""

    _client: AsyncBaseClient

    async def schedules(
        self, *, service: str | None = None, action: str | None = None, model: str | None = None
    ) -> PriceSchedules:
        """The current price schedules (see :meth:`Pricing.schedules`)."""
        filters, flow, options = self._schedules_call(service, action, model)
        return self._remember(filters, await self._client._run(flow, options))

    async def quote(
        self,
        *,
        service: str,
        action: str,
        model: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> PriceQuote:
        """What a create would reserve (see :meth:`Pricing.quote`)."""
        service, action, model = _quote_args(service, action, model, params)
        return await self._client._run(quote_flow(service, action, model, params), RequestOptions())
