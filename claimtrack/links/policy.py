"""How politely and how patiently links are checked.

Settings come from ``[tool.claimtrack.links]`` and are overridden by flags.
Names follow lychee's (``max_concurrency``, ``host_concurrency``,
``host_request_interval``, ``timeout``) so users can carry theirs over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Optional, Union
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import InputError

# Browser-like by default: many sites answer a bot wall to anything else, and a
# citation checker that cries "403" on every news site is worse than useless.
BROWSER_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0 Safari/537.36 claimtrack-links"
)

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0, None: 1.0}

Duration = Union[str, float, int]


def parse_duration(value: Duration) -> float:
    """Seconds from ``50ms``, ``1s``, ``1.5``, ``10m``, ``2h`` or ``7d`` (a bare number is seconds)."""
    if isinstance(value, bool):
        raise ValueError(f"not a duration: {value!r}")
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError(f"a duration cannot be negative: {value!r}")
        return float(value)
    match = _DURATION.match(str(value))
    if not match:
        raise ValueError(f"not a duration: {value!r} (use e.g. 50ms, 1s, 10m, 7d)")
    return float(match.group(1)) * _UNITS[match.group(2)]


class HostSettings(BaseModel):
    """``[tool.claimtrack.links.hosts."example.org"]``: overrides for one host."""

    model_config = ConfigDict(extra="forbid")

    host_concurrency: Optional[int] = Field(default=None, ge=1)
    host_request_interval: Optional[Duration] = None
    timeout: Optional[Duration] = None
    user_agent: Optional[str] = None

    _durations = field_validator("host_request_interval", "timeout")(
        lambda v: None if v is None else parse_duration(v)
    )


class LinkSettings(BaseModel):
    """``[tool.claimtrack.links]``; every key is optional."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    max_concurrency: int = Field(default=64, ge=1)
    host_concurrency: int = Field(default=2, ge=1)
    host_request_interval: Duration = "250ms"
    timeout: Duration = 20
    connect_timeout: Duration = 10
    run_timeout: Duration = "15m"
    max_retries: int = Field(default=2, ge=0)
    retry_wait: Duration = "1s"
    retry_after_cap: Duration = "30s"
    max_redirects: int = Field(default=10, ge=0)
    max_body: int = Field(default=65536, ge=1024)  # bytes read of a page at most
    method: str = "auto"
    include_fragments: bool = False
    user_agent: str = BROWSER_USER_AGENT
    exclude: list[str] = Field(default_factory=list)
    deny: list[str] = Field(default_factory=list)
    deny_private: bool = False
    deny_loopback: bool = False
    fail_on: list[str] = Field(default_factory=list)
    fail_after: int = Field(default=1, ge=1)
    cache: bool = True
    cache_max_age: dict[str, Duration] = Field(default_factory=dict)
    archive_api: str = "https://archive.org/wayback/available"
    hosts: dict[str, HostSettings] = Field(default_factory=dict)

    _durations = field_validator(
        "host_request_interval", "timeout", "connect_timeout", "run_timeout", "retry_wait", "retry_after_cap"
    )(lambda v: parse_duration(v))

    @field_validator("cache_max_age")
    @classmethod
    def _ages(cls, value: dict[str, Duration]) -> dict[str, float]:
        unknown = set(value) - set(DEFAULT_CACHE_MAX_AGE)
        if unknown:
            raise ValueError(
                f"no cache for verdict(s) {sorted(unknown)}; use {sorted(DEFAULT_CACHE_MAX_AGE)}"
            )
        return {k: parse_duration(v) for k, v in value.items()}

    @field_validator("method")
    @classmethod
    def _method(cls, value: str) -> str:
        if value not in ("auto", "head", "get"):
            raise ValueError(f"method must be auto, head or get, not {value!r}")
        return value

    @field_validator("fail_on")
    @classmethod
    def _fail_on(cls, value: list[str]) -> list[str]:
        bad = [v for v in value if v not in FAIL_ON_CHOICES]
        if bad:
            raise ValueError(f"fail_on takes {', '.join(FAIL_ON_CHOICES)}, not {', '.join(bad)}")
        return value


FAIL_ON_CHOICES = ("blocked", "error")

# Transient failures (error, rate limits) are never cached; see cache.py.
DEFAULT_CACHE_MAX_AGE = {
    "alive": 7 * 86400.0,
    "redirected": 7 * 86400.0,
    "dead": 86400.0,
    "blocked": 86400.0,
    "invalid": 30 * 86400.0,
}


@dataclass(frozen=True)
class HostPolicy:
    concurrency: int
    interval: float  # seconds between the starts of two requests to the host
    timeout: float
    user_agent: str


@dataclass(frozen=True)
class Policy:
    """The resolved settings of one run: settings file, then flags."""

    max_concurrency: int = 64
    host_concurrency: int = 2
    host_request_interval: float = 0.25
    timeout: float = 20.0
    connect_timeout: float = 10.0
    run_timeout: float = 900.0
    max_retries: int = 2
    retry_wait: float = 1.0
    retry_after_cap: float = 30.0
    max_redirects: int = 10
    max_body: int = 65536
    method: str = "auto"
    include_fragments: bool = False  # check #fragments against the page (lychee's flag)
    user_agent: str = BROWSER_USER_AGENT
    exclude: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    deny_private: bool = False
    deny_loopback: bool = False
    fail_on: frozenset[str] = frozenset()
    fail_after: int = 1
    cache: bool = True
    cache_max_age: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_CACHE_MAX_AGE))
    archive_api: str = "https://archive.org/wayback/available"
    hosts: dict[str, HostSettings] = field(default_factory=dict)

    def for_host(self, host: str) -> HostPolicy:
        over = self.hosts.get(host) or self.hosts.get(host.removeprefix("www."))
        return HostPolicy(
            concurrency=(over and over.host_concurrency) or self.host_concurrency,
            interval=self.host_request_interval
            if over is None or over.host_request_interval is None
            else float(over.host_request_interval),
            timeout=self.timeout if over is None or over.timeout is None else float(over.timeout),
            user_agent=(over and over.user_agent) or self.user_agent,
        )

    def with_overrides(self, **flags: Any) -> Policy:
        """A copy with the flags the user gave (None means not given)."""
        given = {k: v for k, v in flags.items() if v is not None}
        return replace(self, **given)


def from_settings(links: dict[str, Any], source: str = "pyproject.toml") -> Policy:
    """The policy for ``[tool.claimtrack.links]``; a bad value is an InputError naming the key."""
    try:
        s = LinkSettings.model_validate(links or {})
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise InputError(f"[tool.claimtrack.links] {where}: {err['msg']}", source) from None
    ages = dict(DEFAULT_CACHE_MAX_AGE)
    ages.update(s.cache_max_age)  # type: ignore[arg-type]
    return Policy(
        max_concurrency=s.max_concurrency,
        host_concurrency=s.host_concurrency,
        host_request_interval=float(s.host_request_interval),
        timeout=float(s.timeout),
        connect_timeout=float(s.connect_timeout),
        run_timeout=float(s.run_timeout),
        max_retries=s.max_retries,
        retry_wait=float(s.retry_wait),
        retry_after_cap=float(s.retry_after_cap),
        max_redirects=s.max_redirects,
        max_body=s.max_body,
        method=s.method,
        include_fragments=s.include_fragments,
        user_agent=s.user_agent,
        exclude=tuple(s.exclude),
        deny=tuple(s.deny),
        deny_private=s.deny_private,
        deny_loopback=s.deny_loopback,
        fail_on=frozenset(s.fail_on),
        fail_after=s.fail_after,
        cache=s.cache,
        cache_max_age=ages,
        archive_api=s.archive_api,
        hosts=dict(s.hosts),
    )


def with_flags(policy: Policy, **flags: Any) -> Policy:
    """``policy`` with the command-line flags given (None: not given) applied.

    Flags replace settings, except --exclude and --deny, which add to them.
    A bad value raises UsageError naming the flag.
    """
    from ..errors import UsageError
    from .denylist import DenyList

    interval = flags.pop("host_request_interval", None)
    if interval is not None:
        try:
            flags["host_request_interval"] = parse_duration(interval)
        except ValueError as exc:
            raise UsageError(f"--host-request-interval: {exc}") from None
    fail_on = flags.pop("fail_on", None)
    if fail_on:
        chosen = {v.strip() for item in fail_on for v in item.split(",") if v.strip()}
        bad = chosen - set(FAIL_ON_CHOICES)
        if bad:
            raise UsageError(
                f"--fail-on takes {' and/or '.join(FAIL_ON_CHOICES)}, not {', '.join(sorted(bad))}"
            )
        flags["fail_on"] = frozenset(chosen)
    for name in ("exclude", "deny"):
        values = flags.pop(name, None)
        if values:
            flags[name] = tuple(getattr(policy, name)) + tuple(values)
    policy = policy.with_overrides(**flags)
    if policy.method not in ("auto", "head", "get"):
        raise UsageError(f"--method takes auto, head or get, not {policy.method!r}")
    try:
        DenyList.build(private=policy.deny_private, loopback=policy.deny_loopback, extra=policy.deny)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return policy


@lru_cache(maxsize=65536)  # asked several times per URL and hop
def host_key(url: str) -> str:
    """The host a URL's requests count against (politeness, sharding)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def parse_shard(value: str) -> tuple[int, int]:
    """``I/N`` (1-based) -> (I, N)."""
    match = re.match(r"^\s*(\d+)\s*/\s*(\d+)\s*$", value or "")
    if not match:
        raise ValueError(f"--shard takes I/N, e.g. 1/4, not {value!r}")
    index, total = int(match.group(1)), int(match.group(2))
    if total < 1 or not 1 <= index <= total:
        raise ValueError(f"--shard {value}: I must be between 1 and N")
    return index, total
