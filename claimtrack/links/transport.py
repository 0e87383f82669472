"""The httpx client of a run: every connection resolved and deny-list checked here.

httpx resolves names inside its connection pool, out of our sight.  The pool
takes a *network backend* (httpcore's own extension point) that opens the TCP
connections; ours resolves the name itself, refuses denied addresses, and
connects to the checked address.  TLS still verifies the certificate against
the host name, which httpcore passes separately.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Callable
from typing import Optional

import httpcore
import httpx
from httpcore._backends.auto import AutoBackend

from .denylist import DeniedAddress, DenyList, ResolveError, resolve


class GuardedBackend(AutoBackend):
    """Resolves once per host and run, checks the deny-list, records who answered."""

    def __init__(self, denylist: DenyList, dns_timeout: float) -> None:
        super().__init__()
        self.denylist = denylist
        self.dns_timeout = dns_timeout
        self._addresses: dict[str, asyncio.Future[list[str]]] = {}
        self.connected: set[str] = set()  # hosts a TCP connection was made to

    async def addresses(self, host: str, port: int) -> list[str]:
        future = self._addresses.get(host)
        if future is None:
            future = asyncio.ensure_future(resolve(host, port, self.dns_timeout))
            self._addresses[host] = future
        return list(await asyncio.shield(future))

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: Optional[float] = None,
        local_address: Optional[str] = None,
        socket_options=None,
    ) -> httpcore.AsyncNetworkStream:
        self.denylist.check_name(host)
        addresses = await self.addresses(host, port)
        for address in addresses:
            why = self.denylist.reason(address)
            if why:
                # One denied address taints the name: a DNS answer may rotate.
                raise DeniedAddress(host, address, why)
        last: Optional[BaseException] = None
        for address in addresses:
            try:
                stream = await super().connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
                continue
            self.connected.add(host)
            return stream
        if last is None:
            raise ResolveError(host, "no address", missing=True)
        raise last


def _guarded_transport(
    backend: GuardedBackend, connections: int, ssl_context: ssl.SSLContext
) -> httpx.AsyncHTTPTransport:
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    transport = httpx.AsyncHTTPTransport(limits=limits, verify=ssl_context, trust_env=False)
    # httpx does not take a network backend; the pool it wraps does.  Swap the
    # pool for one built with the same limits and our backend.
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=ssl_context,
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        http1=True,
        http2=False,
        network_backend=backend,
    )
    return transport


class HostPools(httpx.AsyncBaseTransport):
    """A small connection pool per origin instead of one big pool.

    httpcore's pool rescans all its connections for every request, which
    costs O(connections) per request: with hundreds of connections across
    hosts that scan dominated the run.  Requests are limited per host anyway,
    so a pool per origin, sized to the host's concurrency, loses nothing.
    """

    def __init__(self, backend: GuardedBackend, connections_for: Callable[[str], int], verify: bool) -> None:
        self.backend = backend
        self.connections_for = connections_for
        self.verify = verify
        self._ssl_context: Optional[ssl.SSLContext] = None  # loading CA certificates is slow: once a run
        self._pools: dict[tuple[bytes, bytes, int | None], httpx.AsyncHTTPTransport] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        key = (request.url.raw_scheme, request.url.raw_host, request.url.port)
        pool = self._pools.get(key)
        if pool is None:
            size = self.connections_for(request.url.host)
            if self._ssl_context is None:
                self._ssl_context = httpx.create_ssl_context(verify=self.verify)
            pool = self._pools[key] = _guarded_transport(self.backend, size, self._ssl_context)
        return await pool.handle_async_request(request)

    async def aclose(self) -> None:
        for pool in self._pools.values():
            await pool.aclose()
        self._pools.clear()


def make_client(
    denylist: DenyList,
    *,
    connections_for: Callable[[str], int],
    timeout: float,
    connect_timeout: float,
    verify: bool = True,
) -> tuple[httpx.AsyncClient, GuardedBackend]:
    """An AsyncClient whose every connection goes through a GuardedBackend.

    Redirects are followed by the checker, hop by hop, so each one is seen,
    recorded and, through the backend, deny-list checked.  Proxies from the
    environment are not used: through a proxy the deny-list would check the
    proxy's address, not the target's.
    """
    backend = GuardedBackend(denylist, dns_timeout=connect_timeout)
    client = httpx.AsyncClient(
        transport=HostPools(backend, connections_for, verify),
        timeout=httpx.Timeout(timeout, connect=connect_timeout),
        follow_redirects=False,
        trust_env=False,
    )
    return client, backend
