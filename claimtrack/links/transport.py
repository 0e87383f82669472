"""The HTTP client of a run (aiohttp): every connection resolved and deny-list checked.

aiohttp resolves names through a *resolver*, its documented extension point;
ours resolves each name once per run, refuses denied addresses, and hands
aiohttp only checked addresses to connect to.  Literal IP addresses skip any
resolver, so they are checked here before the request.  Redirects are not
followed by aiohttp: the checker follows them hop by hop, so every hop passes
through here again.  TLS still verifies the certificate against the host name.

Per-host politeness is the checker's (``HostGate``); aiohttp's own connection
limits are off.  aiohttp's tracing hooks let the gate hold a request back
between "connection ready" and "request written", so the interval between two
requests to a host is kept on the wire (see ``HostGate``).
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any, Optional, Protocol

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult

from .denylist import DeniedAddress, DenyList, literal_address, resolve

# Every aiohttp exception a request can end with, besides asyncio's TimeoutError.
HTTP_ERRORS = (aiohttp.ClientError,)


class WireGate(Protocol):
    """What the tracing hooks call on the host's gate (see checker.HostGate)."""

    async def wire_start(self, owner: object) -> None: ...
    def wire_end(self, owner: object) -> None: ...


class GuardedResolver(AbstractResolver):
    """Resolves once per host and run and refuses names with a denied address."""

    def __init__(self, denylist: DenyList, dns_timeout: float) -> None:
        self.denylist = denylist
        self.dns_timeout = dns_timeout
        self._addresses: dict[str, asyncio.Future[list[str]]] = {}

    async def addresses(self, host: str, port: int) -> list[str]:
        future = self._addresses.get(host)
        if future is None:
            future = asyncio.ensure_future(resolve(host, port, self.dns_timeout))
            self._addresses[host] = future
        return list(await asyncio.shield(future))

    async def resolve(self, host: str, port: int = 0, family: int = socket.AF_INET) -> list[ResolveResult]:
        self.denylist.check_name(host)
        addresses = await self.addresses(host, port)
        for address in addresses:
            why = self.denylist.reason(address)
            if why:
                # One denied address taints the name: a DNS answer may rotate.
                raise DeniedAddress(host, address, why)
        return [
            {
                "hostname": host,
                "host": address,
                "port": port,
                "family": socket.AF_INET6 if ":" in address else socket.AF_INET,
                "proto": 0,
                "flags": socket.AI_NUMERICHOST,
            }
            for address in addresses
        ]

    async def close(self) -> None:
        pass


class Answer:
    """A response's status and headers (case-insensitive), body not read yet.

    ``chunks`` is one iterator over the (decompressed) body: reading can stop
    and go on later.  ``response`` is aiohttp's, for callers that record the
    whole exchange (reason, version, request headers).
    """

    __slots__ = ("status", "headers", "chunks", "response")

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self.response = response
        self.status = response.status
        self.headers: Mapping[str, str] = response.headers
        self.chunks: AsyncIterator[bytes] = response.content.iter_any()


async def _connection_ready(session: Any, context: Any, params: Any) -> None:
    if context.trace_request_ctx is not None:
        gate, owner = context.trace_request_ctx
        await gate.wire_start(owner)


async def _request_written(session: Any, context: Any, params: Any) -> None:
    if context.trace_request_ctx is not None:
        gate, owner = context.trace_request_ctx
        gate.wire_end(owner)


def _pacing_hooks() -> aiohttp.TraceConfig:
    hooks = aiohttp.TraceConfig()
    hooks.on_connection_create_end.append(_connection_ready)
    hooks.on_connection_reuseconn.append(_connection_ready)
    hooks.on_request_headers_sent.append(_request_written)
    hooks.on_request_exception.append(_request_written)
    return hooks


class Client:
    """One aiohttp session for the run, with the deny-list in front of every connection."""

    def __init__(
        self, denylist: DenyList, *, connect_timeout: float, paced: bool, verify: bool = True
    ) -> None:
        self.denylist = denylist
        self.resolver = GuardedResolver(denylist, dns_timeout=connect_timeout)
        connector = aiohttp.TCPConnector(
            resolver=self.resolver,
            limit=0,  # the checker's gates limit requests, per host and in all
            limit_per_host=0,
            use_dns_cache=False,  # the resolver keeps one answer per name and run
            ssl=None if verify else False,
            keepalive_timeout=5.0,
        )
        self.session = aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.DummyCookieJar(),  # no cookies carried from one site to another
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=connect_timeout),
            trace_configs=[_pacing_hooks()] if paced else None,
            trust_env=False,  # through a proxy the deny-list would check the proxy, not the site
        )
        self.connected: set[str] = set()  # hosts that answered at the TCP level
        self._refused: dict[str, Optional[DeniedAddress]] = {}  # host -> why it is denied (checked once)

    def _check_host(self, host: str) -> None:
        if host not in self._refused:
            refused = None
            literal = literal_address(host)
            try:
                if literal:
                    why = self.denylist.reason(literal)
                    refused = DeniedAddress(host, literal, why) if why else None
                else:
                    self.denylist.check_name(host)
            except DeniedAddress as exc:
                refused = exc
            self._refused[host] = refused
        refused = self._refused[host]
        if refused is not None:
            raise DeniedAddress(refused.host, refused.address, refused.reason)

    @asynccontextmanager
    async def open(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        host: str,
        gate: Optional[WireGate] = None,
        owner: object = None,
    ) -> AsyncIterator[Answer]:
        """Send one request; the body is streamed from the ``Answer`` and dropped on exit."""
        self._check_host(host)
        try:
            async with self.session.request(
                method,
                url,
                headers=headers,
                allow_redirects=False,
                trace_request_ctx=(gate, owner) if gate is not None else None,
            ) as response:
                self.connected.add(host)
                yield Answer(response)
        except (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError) as exc:
            if isinstance(exc, aiohttp.ClientConnectorCertificateError | aiohttp.ClientConnectorSSLError):
                self.connected.add(host)  # TCP connected; TLS failed
            raise
        except aiohttp.ClientError:
            self.connected.add(host)  # an answer came, just not a usable one
            raise

    async def aclose(self) -> None:
        await self.session.close()
