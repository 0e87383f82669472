"""The httpx client of a run: every connection resolved and deny-list checked here.

httpx resolves names inside its connection pool, out of our sight.  The pool
takes a *network backend* (httpcore's own extension point) that opens the TCP
connections; ours resolves the name itself, refuses denied addresses, and
connects to the checked address.  TLS still verifies the certificate against
the host name, which httpcore passes separately.
"""

from __future__ import annotations

import asyncio
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


def make_client(
    denylist: DenyList,
    *,
    max_connections: int,
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
    limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections)
    transport = httpx.AsyncHTTPTransport(limits=limits, verify=verify, trust_env=False)
    ssl_context = httpx.create_ssl_context(verify=verify)
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
    client = httpx.AsyncClient(
        transport=transport,
        timeout=httpx.Timeout(timeout, connect=connect_timeout),
        follow_redirects=False,
        trust_env=False,
    )
    return client, backend
