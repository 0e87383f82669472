"""Polite HTTP to the registries: bounded concurrency, spacing, retries, ``Retry-After``.

One ``Transport`` serves a whole run.  Per registry it keeps at most
``concurrency`` requests in flight, spaces requests ``interval`` seconds apart,
retries 429, 5xx and dropped connections with backoff (honouring
``Retry-After`` up to a cap), and, once a registry proved unreachable (no
connection, no answer, a long ``Retry-After``, or three requests in a row
failing), fails its later requests at once instead of waiting out a timeout
for each reference.  A registry that could not answer raises ``Unreachable``: the
caller reports the reference as unchecked, never as not found.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field
from typing import Any, Optional

import httpx

from ..retryafter import retry_after
from .settings import RegistrySettings

_RETRY_STATUS = {429, 500, 502, 503, 504}
ABSENT_STATUS = {404, 410}  # the registry answered: it has no such record
DOWN_AFTER = 3  # requests failing in a row (after their retries) before a registry is left alone


class Unreachable(Exception):
    """A registry could not give an answer (down, timing out, rate limiting too long)."""

    def __init__(self, registry: str, reason: str) -> None:
        super().__init__(f"{registry}: {reason}")
        self.registry = registry
        self.reason = reason


@dataclass
class _Gate:
    """Per-registry politeness: a semaphore and the time the next request may start."""

    slots: asyncio.Semaphore
    interval: float
    next_at: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    down: Optional[str] = None  # why the registry is considered unreachable for this run
    failed_in_a_row: int = 0  # requests that got no answer after all their attempts

    async def wait_turn(self) -> None:
        async with self.lock:
            now = time.monotonic()
            delay = self.next_at - now
            self.next_at = max(now, self.next_at) + self.interval
        if delay > 0:
            await asyncio.sleep(delay)


def payload(registry: str, response: httpx.Response) -> dict[str, Any]:
    """The JSON object a registry answered with; Unreachable if it answered something else
    (an HTML error page served with 200, a truncated body)."""
    try:
        data = response.json()
    except ValueError:
        raise Unreachable(registry, f"answered with something that is not JSON ({response.url})") from None
    if not isinstance(data, dict):
        raise Unreachable(registry, f"answered with JSON that is not an object ({response.url})")
    return data


class Transport:
    def __init__(self, settings: RegistrySettings) -> None:
        self.settings = settings
        self.requests = 0
        self._gates: dict[str, _Gate] = {}
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(settings.timeout, connect=settings.connect_timeout),
            headers={"User-Agent": settings.user_agent()},
            follow_redirects=True,
            trust_env=False,
        )

    async def __aenter__(self) -> Transport:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()

    def _gate(self, registry: str) -> _Gate:
        gate = self._gates.get(registry)
        if gate is None:
            gate = _Gate(asyncio.Semaphore(self.settings.concurrency), self.settings.interval_of(registry))
            self._gates[registry] = gate
        return gate

    def down(self, registry: str) -> Optional[str]:
        gate = self._gates.get(registry)
        return gate.down if gate else None

    async def get(
        self, registry: str, path: str, params: Optional[dict[str, str]] = None
    ) -> Optional[httpx.Response]:
        """The registry's 200 answer, or None when it has no such record (404/410).

        Raises Unreachable when no answer could be had.
        """
        gate = self._gate(registry)
        if gate.down:
            raise Unreachable(registry, gate.down)
        url = self.settings.base(registry) + path
        attempts = self.settings.retries + 1
        reason = ""
        for attempt in range(attempts):
            async with gate.slots:
                await gate.wait_turn()
                if gate.down:
                    raise Unreachable(registry, gate.down)
                self.requests += 1
                try:
                    response = await self._client.get(url, params=params)
                except httpx.TimeoutException:
                    reason = f"no answer within {self.settings.timeout:g} s"
                    response = None
                except httpx.TransportError as exc:
                    reason = f"cannot connect ({type(exc).__name__}: {exc})".replace(" ()", "")
                    response = None
            if response is not None:
                if response.status_code == 200:
                    gate.failed_in_a_row = 0
                    return response
                if response.status_code in ABSENT_STATUS:
                    gate.failed_in_a_row = 0
                    return None
                if response.status_code not in _RETRY_STATUS:
                    # 400 and the like: this request will never work; the registry is fine.
                    raise Unreachable(registry, f"HTTP {response.status_code} for {url}")
                wait = retry_after(response.headers.get("Retry-After"))
                reason = f"HTTP {response.status_code}"
                if wait is not None and wait > self.settings.max_retry_after:
                    gate.down = f"rate limited (HTTP {response.status_code}, Retry-After {wait:g} s)"
                    raise Unreachable(registry, gate.down)
                if wait is not None:
                    reason += f" (Retry-After {wait:g} s)"
                    # Later requests to this registry wait too, not only this one.
                    async with gate.lock:
                        gate.next_at = max(gate.next_at, time.monotonic() + wait)
            if attempt + 1 < attempts:
                await asyncio.sleep(min(8.0, 0.25 * 2**attempt) * (0.5 + random.random()))
        why = f"{reason} after {attempts} attempt(s)"
        gate.failed_in_a_row += 1
        if gate.failed_in_a_row >= DOWN_AFTER or reason.startswith(("cannot connect", "no answer")):
            # Refused connections and silence are not moods: stop asking for this run.  A 5xx
            # may be one bad moment, so a few requests in a row must fail first.
            gate.down = why
        raise Unreachable(registry, why)
