"""A client's settings as one value: :class:`ClientSettings`, checked once when a client is made.

The public constructors (``runapi.Client``, ``runapi.AsyncClient``, ``ManagementClient`` and
``AsyncManagementClient``) still write out every keyword argument, each with its default and its
docstring entry, because that is what users, ``help()``, IDEs and type checkers read: a
``**settings`` signature would hide the parameters, and ``Unpack[TypedDict]`` cannot carry
defaults. So each public class lists them once, in its ``__init__``, and hands them straight to
:meth:`ClientSettings.build`. Below that line the layers take the one value: the shared half
(``runapi._core.base.ClientBase``) reads it, each driver (``ClientCore``, ``AsyncClientCore``) adds
its transport, and ``with_options`` derives a new value with :meth:`ClientSettings.replace`.

Also here: which key a client holds (:class:`Credential`), and the checks of a base URL. No I/O.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

import attrs

from ..errors import MissingAPIKeyError, ValidationError, redact_url
from .options import PollPolicy, RequestOptions, check_count, opt_client_request_id, timeout_option
from .retry import RetryPolicy
from .transport import Timeout

__all__ = [
    "API_KEY",
    "CLIENT_REQUEST_ID",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_CONNECTIONS",
    "DEFAULT_TIMEOUT",
    "ClientSettings",
    "Credential",
]

DEFAULT_BASE_URL = "https://runapi.ai"
"""Used when neither ``base_url`` nor ``RUNAPI_BASE_URL`` is set (docs: Overview > Base URL)."""

API_PREFIX = "/api/v1"
"""Every documented path starts with this; a ``base_url`` that ends with it has it stripped."""

DEFAULT_MAX_CONNECTIONS = 100
"""Pooled connections per host for the default session: more threads than this wait for one."""

DEFAULT_TIMEOUT = Timeout(connect=10.0, read=60.0)
"""10 s to connect, 60 s of silence while reading an answer."""

CLIENT_REQUEST_ID = "X-Client-Request-Id"
"""The optional request header RunAPI echoes in its answer and stores with the task (runapi-core
0.10.1 README, "Request identifiers"); set by ``client_request_id``."""


@attrs.frozen
class Credential:
    """Which key a client holds: its argument's name, its environment variable, and the error when neither is set.

    Attributes:
        argument: the constructor argument (``"api_key"``).
        env: the environment variable read when the argument is not given (``"RUNAPI_API_KEY"``).
        missing: raised when neither is set.
        what: how messages name the key (``"API key"``).
    """

    argument: str
    env: str
    missing: type[MissingAPIKeyError]
    what: str

    def read(self, value: str | None) -> str:
        """The key from ``value``, else from :attr:`env`, stripped; or an error that never shows it.

        Raises:
            MissingAPIKeyError: (:attr:`missing`) neither is set.
            ValidationError: the key holds characters no HTTP header can carry.
        """
        if value is None:
            value = os.environ.get(self.env)
        if not value or not isinstance(value, str) or not value.strip():
            raise self.missing(f"no {self.what}: pass {self.argument}=... or set the {self.env} environment variable")
        key = value.strip()
        if not key.isascii() or not key.isprintable() or any(c.isspace() for c in key):
            raise ValidationError(
                f"{self.argument} holds a space, a line break, a control or a non-ASCII character; "
                f"copy the key again from the dashboard (the key is not shown here)",
                field=self.argument,
                allowed="printable ASCII without spaces",
            )
        return key


API_KEY = Credential("api_key", "RUNAPI_API_KEY", MissingAPIKeyError, "API key")
"""The key of :class:`~runapi._core.base.APIClientBase` and ``runapi.llm`` (docs: Overview > Authentication)."""


@attrs.frozen(kw_only=True, repr=False, eq=False)
class ClientSettings:
    """Everything a client is configured with, checked: made by :meth:`build`, changed by :meth:`replace`.

    Its ``repr`` never shows the key, masks a password in ``base_url`` and names the default
    headers without their values. The transport's own object (``session``, ``http_client``) is not
    a setting: each driver takes it beside this value.

    Attributes:
        credential: which key this is (the API key or the management key).
        key: the key itself, stripped (never shown).
        base_url: the origin the documented ``/api/v1/...`` paths are appended to.
        timeout: connect and read timeouts.
        retry_policy: ``max_retries`` and ``idempotent_creates`` (see :class:`RetryPolicy`).
        poll_policy: ``wait_timeout``, ``poll_interval``, ``max_poll_interval`` (used by the
            API-key clients, which poll tasks).
        default_headers: sent with every API request (read-only).
        max_connections: pooled connections per host for a transport the client makes itself.
        sleep: how the driver waits (``time.sleep``, ``asyncio.sleep`` or a test's fake).
        clock: monotonic seconds, for poll deadlines and reuse windows.
        strict: refuse values the SDK does not know (a model id or enum value newer than it) with
            a ``ValidationError``; by default they are sent with a ``runapi.UnknownValueWarning``.
        client_request_id: the ``X-Client-Request-Id`` sent with every API request (checked:
            1 to 512 printable ASCII characters), or ``None``.
    """

    credential: Credential
    key: str
    base_url: str
    timeout: Timeout
    retry_policy: RetryPolicy
    poll_policy: PollPolicy
    default_headers: Mapping[str, str]
    max_connections: int
    sleep: Callable[[float], Any]
    clock: Callable[[], float]
    strict: bool = False
    client_request_id: str | None = None

    @classmethod
    def build(
        cls,
        credential: Credential,
        key: str | None,
        *,
        base_url: str | None = None,
        timeout: Timeout | float | tuple[float, float] = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        idempotent_creates: bool = False,
        wait_timeout: float = 900.0,
        poll_interval: float | None = None,
        max_poll_interval: float | None = None,
        default_headers: Mapping[str, str] | None = None,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        sleep: Callable[[float], Any],
        clock: Callable[[], float],
        strict: bool = False,
        client_request_id: str | None = None,
    ) -> ClientSettings:
        """The settings from a public constructor's keyword arguments, each checked (see ``runapi.Client``).

        ``key`` is read through ``credential`` (its argument, else its environment variable);
        ``base_url`` falls back to ``RUNAPI_BASE_URL``, else :data:`DEFAULT_BASE_URL`.
        ``idempotent_creates`` is ``False`` unless given: ``runapi.Client`` and ``runapi.AsyncClient``
        pass ``True`` (their default: RunAPI de-duplicates task creates by ``Idempotency-Key``); the
        management clients leave it out (their creates are not promised to be de-duplicated).

        Raises:
            MissingAPIKeyError: (``credential.missing``) no key given nor in the environment.
            ValidationError: an option is out of range or of the wrong type, naming the option.
        """
        checked_key = credential.read(key)
        url = _base_url(base_url or os.environ.get("RUNAPI_BASE_URL") or DEFAULT_BASE_URL)
        checked_timeout = timeout_option(timeout)
        retry_policy = RetryPolicy(
            max_retries=check_count("max_retries", max_retries, minimum=0),
            idempotent_creates=_flag("idempotent_creates", idempotent_creates),
        )
        headers = RequestOptions(extra_headers=default_headers).extra_headers
        check_count("max_connections", max_connections, minimum=1)
        if not callable(sleep) or not callable(clock):
            raise ValidationError(
                "sleep and clock must be callables", field="sleep" if not callable(sleep) else "clock"
            )
        poll_policy = PollPolicy(timeout=wait_timeout, interval=poll_interval, max_interval=max_poll_interval)
        return cls(
            credential=credential,
            key=checked_key,
            base_url=url,
            timeout=checked_timeout,
            retry_policy=retry_policy,
            poll_policy=poll_policy,
            default_headers=MappingProxyType(dict(headers or {})),
            max_connections=max_connections,
            sleep=sleep,
            clock=clock,
            strict=_flag("strict", strict),
            client_request_id=opt_client_request_id(client_request_id),
        )

    def replace(
        self,
        *,
        key: str | None = None,
        base_url: str | None = None,
        timeout: Timeout | float | tuple[float, float] | None = None,
        max_retries: int | None = None,
        idempotent_creates: bool | None = None,
        wait_timeout: float | None = None,
        poll_interval: float | None = None,
        max_poll_interval: float | None = None,
        default_headers: Mapping[str, str] | None = None,
        strict: bool | None = None,
        client_request_id: str | None = None,
    ) -> ClientSettings:
        """These settings with the given ones changed, as ``with_options`` takes them.

        ``None`` keeps a value; ``default_headers`` are added to these; only what is given is
        checked (a new ``key`` through :attr:`credential`, so it is the same kind of key).

        Raises:
            ValidationError: a changed option is out of range or of the wrong type, naming it.
        """
        changes: dict[str, Any] = {}
        if key is not None:
            changes["key"] = self.credential.read(key)
        if base_url is not None:
            changes["base_url"] = _base_url(base_url)
        options = RequestOptions(timeout=timeout, max_retries=max_retries, extra_headers=default_headers)
        if options.timeout is not None:
            changes["timeout"] = options.timeout
        retry_policy = self.retry_policy
        if options.max_retries is not None:
            retry_policy = attrs.evolve(retry_policy, max_retries=options.max_retries)
        if idempotent_creates is not None:
            retry_policy = attrs.evolve(
                retry_policy, idempotent_creates=_flag("idempotent_creates", idempotent_creates)
            )
        if retry_policy is not self.retry_policy:
            changes["retry_policy"] = retry_policy
        if options.extra_headers is not None:
            changes["default_headers"] = MappingProxyType({**self.default_headers, **options.extra_headers})
        polls = RequestOptions(
            wait_timeout=wait_timeout, poll_interval=poll_interval, max_poll_interval=max_poll_interval
        )
        poll_policy = polls.poll_policy(self.poll_policy)
        if poll_policy is not self.poll_policy:
            changes["poll_policy"] = poll_policy
        if strict is not None:
            changes["strict"] = _flag("strict", strict)
        if client_request_id is not None:
            changes["client_request_id"] = opt_client_request_id(client_request_id)
        return attrs.evolve(self, **changes) if changes else self

    def __repr__(self) -> str:
        retry, polls = self.retry_policy, self.poll_policy
        return (
            f"ClientSettings({self.credential.argument}=***, base_url={redact_url(self.base_url)!r}, "
            f"timeout={self.timeout!r}, max_retries={retry.max_retries}, "
            f"idempotent_creates={retry.idempotent_creates}, wait_timeout={polls.timeout:g}, "
            f"poll_interval={polls.interval!r}, max_poll_interval={polls.max_interval!r}, "
            f"default_headers={sorted(self.default_headers)!r}, max_connections={self.max_connections}, "
            f"strict={self.strict}, client_request_id={self.client_request_id!r})"
        )


def _flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(f"{name} must be True or False; got {value!r}", field=name, allowed="True or False")
    return value


def _api_key(value: str | None) -> str:
    """The API key (argument, else ``RUNAPI_API_KEY``), stripped, or an error that never shows it."""
    return API_KEY.read(value)


def _base_url(value: str) -> str:
    """The origin (and any path prefix) the documented ``/api/v1/...`` paths are appended to.

    Spaces around it are dropped; one inside it, or a control character (a line break), is refused,
    as is anything but an absolute http(s) URL without a query or fragment. Messages show the value
    ``repr``-escaped (``'\\r\\n'``, never a raw line break) with any password masked (``user:***@``).

    Raises:
        ValidationError: (``field`` ``"base_url"``) any of the above.
    """
    allowed = "an http(s) URL without spaces or control characters, e.g. 'https://runapi.ai' or 'http://127.0.0.1:8910'"
    if not isinstance(value, str):
        raise ValidationError(
            f"base_url must be a string; got {type(value).__name__}", field="base_url", allowed=allowed
        )
    url = value.strip().rstrip("/")
    if url.endswith(API_PREFIX):
        url = url[: -len(API_PREFIX)].rstrip("/")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    unsafe = next((c for c in url if c.isspace() or not c.isprintable()), None)
    if unsafe is not None or parts is None or not host or parts.scheme not in ("http", "https"):
        what = "" if unsafe is None else f" (it holds {unsafe!r})"
        raise ValidationError(
            f"base_url must be {allowed}; got {redact_url(value)!r}{what}", field="base_url", allowed=allowed
        )
    if parts.query or parts.fragment:
        raise ValidationError(
            f"base_url must be {allowed}, without a query or fragment; got {redact_url(value)!r}",
            field="base_url",
            allowed=allowed,
        )
    return url
