"""API keys, guardrails and guardrail assignments, kept in memory (docs: Management Keys, Guardrails,
Guardrail Assignments), plus ``GET /api/v1/me``.

Routes, all ``application/json`` and all authenticated with the **management key** (``App`` checks it;
the API key is refused here, and the management key is refused on every other API path):

- ``GET /api/v1/keys`` (a bare array), ``POST /api/v1/keys`` (201, the record plus its ``key``, answered
  once), ``GET /api/v1/keys/{id}`` (the record plus ``credit_usage_cents_*``), ``PATCH /api/v1/keys/{id}``
  (200, the record; ``guardrail_id`` refused with 422), ``DELETE /api/v1/keys/{id}`` (204);
- ``GET|POST /api/v1/guardrails`` (``{"guardrails": [...]}``; 201 ``{"guardrail": {...}}``),
  ``GET|PATCH|DELETE /api/v1/guardrails/{id}`` (a delete removes its assignments and frees the name);
- ``GET|POST /api/v1/guardrail_assignments`` (``{"guardrail_assignments": [...]}``; 201
  ``{"guardrail_assignment": {...}}``), ``DELETE /api/v1/guardrail_assignments/{id}``.

An unknown id answers 404 ``Record does not exist``; a missing required field 400 ``Missing required
parameter: <name>``; a value the docs rule out, a duplicate guardrail name or a target that already
holds a guardrail 422. Keys created here authenticate the task endpoints while enabled (a disabled one
gets 401 there). Spending caps, model rules and the admin / non-admin split are stored and answered, not
enforced: the emulator's management key acts as an account admin.

``GET /api/v1/me`` (API key) answers ``{"id", "name"}``: the docs name the path but not its answer, so
this shape is the emulator's own.
"""

from __future__ import annotations

import datetime
import re
import secrets
import threading
from collections.abc import Callable, Mapping
from typing import Any

from werkzeug.wrappers import Request

from ._errors import ApiError

__all__ = ["ME_PATH", "Management"]

ME_PATH = "/api/v1/me"
KEYS = "/api/v1/keys"
GUARDRAILS = "/api/v1/guardrails"
ASSIGNMENTS = "/api/v1/guardrail_assignments"
INTERVALS = ("daily", "weekly", "monthly")
MATCH_MODES = ("include", "exclude")
_RECORD = re.compile(r"(?P<collection>/api/v1/(?:keys|guardrails|guardrail_assignments))(?:/(?P<id>[^/]+))?")

Answer = tuple[int, Any]
"""A status and a JSON body (``None``: no body, 204)."""


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _string(body: Mapping[str, Any], name: str, *, required: bool = False, nullable: bool = True) -> None:
    if name not in body or (body[name] is None and nullable and not required):
        if required:
            raise ApiError(400, f"Missing required parameter: {name}")
        return
    value = body[name]
    if not isinstance(value, str) or not value.strip():
        raise ApiError(422, f"{name} must be a non-empty string")


def _cents(body: Mapping[str, Any], name: str, *, empty_clears: bool = False) -> None:
    value = body.get(name)
    if value is None or (empty_clears and value == ""):
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ApiError(422, f"{name} must be a whole number of cents >= 0")


def _interval(body: Mapping[str, Any], name: str = "credit_limit_reset_interval") -> None:
    value = body.get(name)
    if value is not None and value not in INTERVALS:
        raise ApiError(422, f"{name} must be one of daily, weekly, monthly")


def _names(body: Mapping[str, Any], name: str) -> None:
    value = body.get(name)
    if value is None:
        return
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise ApiError(422, f"{name} must be an array of strings")


def _flag(body: Mapping[str, Any], name: str) -> None:
    if name in body and not isinstance(body[name], bool):
        raise ApiError(422, f"{name} must be true or false")


def _budgets(body: Mapping[str, Any]) -> None:
    value = body.get("model_budgets")
    if value is None:
        return
    if not isinstance(value, list):
        raise ApiError(422, "model_budgets must be an array")
    for index, budget in enumerate(value):
        where = f"model_budgets[{index}]"
        if not isinstance(budget, dict):
            raise ApiError(422, f"{where} must be an object")
        if budget.get("match_mode") not in MATCH_MODES:
            raise ApiError(422, f"{where}.match_mode must be include or exclude")
        if not isinstance(budget.get("models"), list) or not budget["models"]:
            raise ApiError(422, f"{where}.models must be a non-empty array of strings")
        _names(budget, "models")
        if budget.get("credit_limit_cents") is None:
            raise ApiError(422, f"{where}.credit_limit_cents is required")
        _cents(budget, "credit_limit_cents")
        _interval(budget)


def _masked(key: str) -> str:
    return f"{key[:4]}{'•' * 8}{key[-4:]}"


class Management:
    """The account's keys, guardrails and assignments; thread-safe. ``created_at`` is wall-clock UTC."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._keys: dict[str, dict[str, Any]] = {}
        self._secrets: dict[str, str] = {}  # key value -> key id
        self._guardrails: dict[str, dict[str, Any]] = {}
        self._assignments: dict[str, dict[str, Any]] = {}
        self._replays: dict[tuple[str, str], Answer] = {}

    # -- routing ----------------------------------------------------------------------------------

    @staticmethod
    def handles(path: str) -> bool:
        """Whether ``path`` is a management path (the management key's, not the API key's)."""
        return _RECORD.fullmatch(path) is not None

    def route(self, method: str, path: str) -> Callable[[Request, dict[str, Any] | None], Answer] | None:
        """The handler of ``method path`` (called with the request and its JSON body), or ``None``."""
        match = _RECORD.fullmatch(path)
        if match is None:
            return None
        collection, record_id = match["collection"], match["id"]
        table: dict[tuple[str, bool], Callable[..., Answer]] = {
            (f"GET {KEYS}", False): self._list_keys,
            (f"POST {KEYS}", False): self._create_key,
            (f"GET {KEYS}", True): self._get_key,
            (f"PATCH {KEYS}", True): self._update_key,
            (f"DELETE {KEYS}", True): self._delete_key,
            (f"GET {GUARDRAILS}", False): self._list_guardrails,
            (f"POST {GUARDRAILS}", False): self._create_guardrail,
            (f"GET {GUARDRAILS}", True): self._get_guardrail,
            (f"PATCH {GUARDRAILS}", True): self._update_guardrail,
            (f"DELETE {GUARDRAILS}", True): self._delete_guardrail,
            (f"GET {ASSIGNMENTS}", False): self._list_assignments,
            (f"POST {ASSIGNMENTS}", False): self._create_assignment,
            (f"DELETE {ASSIGNMENTS}", True): self._delete_assignment,
        }
        handler = table.get((f"{method} {collection}", record_id is not None))
        if handler is None:
            return None
        if record_id is None:
            return lambda request, body: self._create(handler, request, body) if method == "POST" else handler()
        return lambda request, body: handler(record_id, body) if method == "PATCH" else handler(record_id)

    def _create(self, handler: Callable[[dict[str, Any]], Answer], request: Request, body: Any) -> Answer:
        if not isinstance(body, dict):
            raise ApiError(400, "Invalid JSON body")
        key = request.headers.get("Idempotency-Key") or ""
        with self._lock:
            if key and (request.path, key) in self._replays:
                return self._replays[(request.path, key)]
            answer = handler(body)
            if key:
                self._replays[(request.path, key)] = answer
            return answer

    # -- what the API routes ask ------------------------------------------------------------------

    def key_state(self, value: str) -> bool | None:
        """``True``/``False`` for a key created here (enabled or not), ``None`` for any other value."""
        with self._lock:
            key_id = self._secrets.get(value)
            return None if key_id is None else bool(self._keys[key_id]["enabled"])

    # -- keys -------------------------------------------------------------------------------------

    def _key_view(self, key: dict[str, Any], *, usage: bool = False) -> dict[str, Any]:
        view = {name: value for name, value in key.items() if not name.startswith("_")}
        view["guardrail_id"] = self._guardrail_of("api_token_id", key["id"])
        if usage:
            view.update(
                credit_usage_cents_total=0,
                credit_usage_cents_today=0,
                credit_usage_cents_this_week=0,
                credit_usage_cents_this_month=0,
            )
        return view

    def _found_key(self, key_id: str) -> dict[str, Any]:
        key = self._keys.get(key_id)
        if key is None:
            raise ApiError(404, "Record does not exist")
        return key

    def _list_keys(self) -> Answer:
        with self._lock:
            return 200, [self._key_view(key) for key in self._keys.values()]

    def _check_key_fields(self, body: Mapping[str, Any]) -> None:
        _string(body, "name")
        _cents(body, "credit_limit_cents", empty_clears=True)
        _interval(body)
        _names(body, "allowed_models")
        _flag(body, "enabled")

    def _create_key(self, body: dict[str, Any]) -> Answer:
        self._check_key_fields(body)
        guardrail_id = body.get("guardrail_id")
        if guardrail_id is not None and guardrail_id not in self._guardrails:
            raise ApiError(422, "guardrail_id does not name a guardrail of this account")
        secret = f"rk-{secrets.token_hex(16)}"
        key_id = f"token_{secrets.token_hex(6)}"
        key = {
            "name": body.get("name"),
            "last_used_at": None,
            "created_at": _now(),
            "credit_limit_cents": body.get("credit_limit_cents"),
            "credit_limit_reset_interval": body.get("credit_limit_reset_interval"),
            "allowed_models": body.get("allowed_models") or None,
            "enabled": body.get("enabled", True),
            "id": key_id,
            "masked_token": _masked(secret),
        }
        self._keys[key_id] = key
        self._secrets[secret] = key_id
        if guardrail_id is not None:
            self._assign(guardrail_id, "api_token_id", key_id)
        return 201, {**self._key_view(key), "key": secret}

    def _get_key(self, key_id: str) -> Answer:
        with self._lock:
            return 200, self._key_view(self._found_key(key_id), usage=True)

    def _update_key(self, key_id: str, body: Any) -> Answer:
        if not isinstance(body, dict):
            raise ApiError(400, "Invalid JSON body")
        if "guardrail_id" in body:
            raise ApiError(422, "guardrail_id is not accepted here; use the guardrail assignments endpoints")
        if "name" in body and body["name"] is None:
            raise ApiError(422, "name must be a non-empty string")
        self._check_key_fields(body)
        with self._lock:
            key = self._found_key(key_id)
            for name in ("name", "credit_limit_reset_interval", "enabled"):
                if name in body:
                    key[name] = body[name]
            if "credit_limit_cents" in body:
                key["credit_limit_cents"] = (
                    None if body["credit_limit_cents"] in (None, "") else body["credit_limit_cents"]
                )
            if "allowed_models" in body:
                key["allowed_models"] = body["allowed_models"] or None
            return 200, self._key_view(key)

    def _delete_key(self, key_id: str) -> Answer:
        with self._lock:
            self._found_key(key_id)
            del self._keys[key_id]
            self._secrets = {value: owner for value, owner in self._secrets.items() if owner != key_id}
            self._assignments = {aid: a for aid, a in self._assignments.items() if a["api_token_id"] != key_id}
            return 204, None

    # -- guardrails -------------------------------------------------------------------------------

    def _guardrail_view(self, guardrail: dict[str, Any]) -> dict[str, Any]:
        count = sum(1 for a in self._assignments.values() if a["guardrail_id"] == guardrail["id"])
        return {**guardrail, "assignment_count": count}

    def _found_guardrail(self, guardrail_id: str) -> dict[str, Any]:
        guardrail = self._guardrails.get(guardrail_id)
        if guardrail is None:
            raise ApiError(404, "Record does not exist")
        return guardrail

    def _list_guardrails(self) -> Answer:
        with self._lock:
            return 200, {"guardrails": [self._guardrail_view(g) for g in self._guardrails.values()]}

    def _check_guardrail_fields(self, body: Mapping[str, Any], *, current: Mapping[str, Any] | None) -> None:
        _string(body, "name", required=current is None, nullable=False)
        if "description" in body and body["description"] is not None and not isinstance(body["description"], str):
            raise ApiError(422, "description must be a string")
        _flag(body, "enabled")
        _cents(body, "credit_limit_cents")
        _interval(body)
        for name in ("allowed_models", "blocked_models", "allowed_providers", "blocked_providers"):
            _names(body, name)
        _budgets(body)
        merged = {**(current or {}), **body}
        if (merged.get("credit_limit_cents") is None) != (merged.get("credit_limit_reset_interval") is None):
            raise ApiError(422, "credit_limit_cents must be set together with credit_limit_reset_interval")
        wanted = body.get("name")
        if isinstance(wanted, str):
            for other in self._guardrails.values():
                if other is not current and other["name"].lower() == wanted.lower():
                    raise ApiError(422, "Name has already been taken")

    def _create_guardrail(self, body: dict[str, Any]) -> Answer:
        self._check_guardrail_fields(body, current=None)
        guardrail_id = f"guardrail_{secrets.token_hex(6)}"
        guardrail = {
            "id": guardrail_id,
            "name": body["name"],
            "description": body.get("description"),
            "enabled": body.get("enabled", True),
            "credit_limit_cents": body.get("credit_limit_cents"),
            "credit_limit_reset_interval": body.get("credit_limit_reset_interval"),
            "allowed_models": body.get("allowed_models") or [],
            "blocked_models": body.get("blocked_models") or [],
            "allowed_providers": body.get("allowed_providers") or [],
            "blocked_providers": body.get("blocked_providers") or [],
            "model_budgets": [_budget(b) for b in body.get("model_budgets") or []],
            "created_at": _now(),
        }
        self._guardrails[guardrail_id] = guardrail
        return 201, {"guardrail": self._guardrail_view(guardrail)}

    def _get_guardrail(self, guardrail_id: str) -> Answer:
        with self._lock:
            return 200, {"guardrail": self._guardrail_view(self._found_guardrail(guardrail_id))}

    def _update_guardrail(self, guardrail_id: str, body: Any) -> Answer:
        if not isinstance(body, dict):
            raise ApiError(400, "Invalid JSON body")
        with self._lock:
            guardrail = self._found_guardrail(guardrail_id)
            self._check_guardrail_fields(body, current=guardrail)
            for name in ("name", "description", "enabled", "credit_limit_cents", "credit_limit_reset_interval"):
                if name in body:
                    guardrail[name] = body[name]
            for name in ("allowed_models", "blocked_models", "allowed_providers", "blocked_providers"):
                if name in body:
                    guardrail[name] = body[name] or []
            if "model_budgets" in body:
                guardrail["model_budgets"] = [_budget(b) for b in body["model_budgets"] or []]
            return 200, {"guardrail": self._guardrail_view(guardrail)}

    def _delete_guardrail(self, guardrail_id: str) -> Answer:
        with self._lock:
            self._found_guardrail(guardrail_id)
            del self._guardrails[guardrail_id]
            self._assignments = {aid: a for aid, a in self._assignments.items() if a["guardrail_id"] != guardrail_id}
            return 204, None

    # -- assignments ------------------------------------------------------------------------------

    def _guardrail_of(self, target: str, target_id: str) -> str | None:
        for assignment in self._assignments.values():
            if assignment[target] == target_id:
                return str(assignment["guardrail_id"])
        return None

    def _assign(self, guardrail_id: str, target: str, target_id: str) -> dict[str, Any]:
        if self._guardrail_of(target, target_id) is not None:
            raise ApiError(422, "The target already has a guardrail assignment; delete it first")
        assignment_id = f"guardrail_assignment_{secrets.token_hex(6)}"
        assignment = {
            "id": assignment_id,
            "guardrail_id": guardrail_id,
            "api_token_id": target_id if target == "api_token_id" else None,
            "account_user_id": target_id if target == "account_user_id" else None,
            "created_at": _now(),
        }
        self._assignments[assignment_id] = assignment
        return assignment

    def _list_assignments(self) -> Answer:
        with self._lock:
            return 200, {"guardrail_assignments": list(self._assignments.values())}

    def _create_assignment(self, body: dict[str, Any]) -> Answer:
        _string(body, "guardrail_id", required=True, nullable=False)
        targets = [name for name in ("api_token_id", "account_user_id") if body.get(name) is not None]
        if len(targets) != 1:
            raise ApiError(422, "Provide exactly one of api_token_id or account_user_id")
        (target,) = targets
        _string(body, target, nullable=False)
        if body["guardrail_id"] not in self._guardrails:
            raise ApiError(404, "Record does not exist")
        if target == "api_token_id" and body[target] not in self._keys:
            raise ApiError(404, "Record does not exist")
        return 201, {"guardrail_assignment": self._assign(body["guardrail_id"], target, body[target])}

    def _delete_assignment(self, assignment_id: str) -> Answer:
        with self._lock:
            if assignment_id not in self._assignments:
                raise ApiError(404, "Record does not exist")
            del self._assignments[assignment_id]
            return 204, None


def _budget(budget: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "match_mode": budget["match_mode"],
        "models": list(budget["models"]),
        "credit_limit_cents": budget["credit_limit_cents"],
        "credit_limit_reset_interval": budget.get("credit_limit_reset_interval"),
    }
