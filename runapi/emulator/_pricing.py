"""Live pricing on the emulator: ``GET /api/v1/price_schedules`` and ``POST /api/v1/price_quotes``.

The facts are runapi-core 0.10.1's (``runapi/core/pricing.py`` and its README): schedules answer
``{"as_of", "price_schedules": [...]}`` filtered by ``service``, ``action``, ``model``; a quote
answers ``{"price_quote": {..., "reservation_amount_cents", "estimate_basis", "as_of"}}`` and
creates no task; neither needs an API key. A schedule answer carries an ``ETag``; a request whose
``If-None-Match`` names it is answered 304 without a body.

The emulator's prices are its own: one schedule per endpoint it serves, named by the path's two
segments (``/api/v1/<service>/<action>``, as the official CLI's pricing tests name them), whose
``unit_price_cents`` is what a create (or direct call) of it deducts (``Endpoint.cost_cents``); a
quote reserves that amount, ``estimate_basis: "exact"``. It imports nothing of the SDK.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from werkzeug.wrappers import Request, Response

from . import _payloads
from ._catalog import BY_PATH, validate
from ._errors import ApiError

__all__ = ["AS_OF", "QUOTES_PATH", "SCHEDULES_PATH", "answer", "schedules"]

SCHEDULES_PATH = "/api/v1/price_schedules"
QUOTES_PATH = "/api/v1/price_quotes"
AS_OF = "2026-01-01T00:00:00.000000Z"
"""When the emulator's prices were set: they never change while it runs."""


def _names(path: str) -> tuple[str, str] | None:
    parts = path.split("/")
    if len(parts) != 5 or parts[:3] != ["", "api", "v1"]:
        return None
    return parts[3], parts[4]


def schedules() -> list[dict[str, Any]]:
    """Every schedule the emulator serves, one per endpoint, in catalogue order."""
    found = []
    for path, endpoint in BY_PATH.items():
        names = _names(path)
        if names is None:
            continue
        found.append(
            {
                "service": names[0],
                "action": names[1],
                "model": None,
                "pricing_status": "available",
                "catalog_status": "active",
                "currency": "USD",
                "billing_unit": "request",
                "billing_strategy": "fixed",
                "unit_price_cents": endpoint.cost_cents,
            }
        )
    return found


def answer(request: Request) -> Response | None:
    """The answer to a pricing request, or ``None`` when ``request`` is not one (no key is checked)."""
    try:
        if request.path == SCHEDULES_PATH and request.method in ("GET", "HEAD"):
            return _schedules(request)
        if request.path == QUOTES_PATH and request.method == "POST":
            return _quote(request)
    except ApiError as exc:
        return _json(exc.status, {"error": exc.message})
    return None


def _json(status: int, body: Any) -> Response:
    return Response(_payloads.encode(body), status=status, mimetype="application/json")


def _schedules(request: Request) -> Response:
    wanted = {name: request.args[name] for name in ("service", "action", "model") if name in request.args}
    listed = [item for item in schedules() if all(item.get(name) == value for name, value in wanted.items())]
    body = {"as_of": AS_OF, "price_schedules": listed}
    etag = '"' + hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:32] + '"'
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = Response(status=304)
    else:
        response = _json(200, body)
    response.headers["ETag"] = etag
    return response


def _quote(request: Request) -> Response:
    try:
        body = json.loads(request.get_data(cache=True))
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise ApiError(400, "Invalid JSON body")
    service, action, model = body.get("service"), body.get("action"), body.get("model")
    for name, value in (("service", service), ("action", action)):
        if not isinstance(value, str) or not value:
            raise ApiError(400, f"Missing required parameter: {name}")
    params = body.get("params")
    if params is None:
        params = {}
    if not isinstance(params, dict):
        raise ApiError(422, "Invalid params: expected an object")
    endpoint = BY_PATH.get(f"/api/v1/{service}/{action}")
    if endpoint is None:
        raise ApiError(404, f"No price schedule for {service}/{action}")
    if model is not None:
        params = {**params, "model": model}
    validate(endpoint, params)
    quote = {
        "service": service,
        "action": action,
        "model": model,
        "pricing_status": "available",
        "currency": "USD",
        "reservation_amount_cents": endpoint.cost_cents,
        "estimate_basis": "exact",
        "as_of": AS_OF,
    }
    return _json(200, {"price_quote": quote})
