"""The connections of a run: every one resolved and deny-list checked here.

The checker talks to httpcore (httpx's engine) directly: a connection pool per
origin, each built on our *network backend*, httpcore's documented extension
point for opening connections.  Ours resolves the name itself, refuses denied
addresses, connects to the checked address, and records which hosts answered
(the offline test).  Its streams are plain asyncio streams: the per-operation
timeouts of a generic backend are not needed, because every request of the
checker runs under one overall timeout.  TLS still verifies the certificate
against the host name, which httpcore passes separately.
"""

from __future__ import annotations

import asyncio
import select
import ssl
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Optional
from urllib.parse import quote, urlsplit

import httpcore

from .denylist import DeniedAddress, DenyList, ResolveError, resolve

# Every httpcore exception a request can end with (it has no common base class).
HTTP_ERRORS = (
    httpcore.TimeoutException,
    httpcore.NetworkError,
    httpcore.ProtocolError,
    httpcore.UnsupportedProtocol,
    httpcore.ProxyError,
)
_NO_TIMEOUTS = {"connect": None, "read": None, "write": None, "pool": None}


class _Stream(httpcore.AsyncNetworkStream):
    """One TCP (or TLS) connection as an asyncio stream pair."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader, self._writer = reader, writer

    async def read(self, max_bytes: int, timeout: Optional[float] = None) -> bytes:
        try:
            if timeout is None:
                return await self._reader.read(max_bytes)
            async with asyncio.timeout(timeout):
                return await self._reader.read(max_bytes)
        except TimeoutError:
            raise httpcore.ReadTimeout(f"no data for {timeout}s") from None
        except OSError as exc:
            raise httpcore.ReadError(str(exc) or type(exc).__name__) from None

    async def write(self, buffer: bytes, timeout: Optional[float] = None) -> None:
        if not buffer:
            return
        try:
            self._writer.write(buffer)
            await self._writer.drain()
        except OSError as exc:
            raise httpcore.WriteError(str(exc) or type(exc).__name__) from None

    async def aclose(self) -> None:
        # No wait for a TLS close_notify: a hostile server could hold us there.
        self._writer.close()

    async def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: Optional[str] = None, timeout: Optional[float] = None
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                await self._writer.start_tls(ssl_context, server_hostname=server_hostname)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"TLS handshake took over {timeout}s") from None
        except (OSError, ssl.SSLError) as exc:
            raise httpcore.ConnectError(f"SSL: {exc}") from None
        return self

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            # A kept-alive connection the server closed reads as ready (EOF):
            # httpcore then opens a new one instead of failing on it.
            sock = self._writer.get_extra_info("socket")
            if sock is None or sock.fileno() < 0:
                return True
            return bool(select.select([sock.fileno()], [], [], 0)[0])
        name = {"client_addr": "sockname", "server_addr": "peername"}.get(info, info)
        return self._writer.get_extra_info(name)


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves once per host and run, checks the deny-list, records who answered."""

    def __init__(self, denylist: DenyList, dns_timeout: float, connect_timeout: Optional[float] = None) -> None:
        self.denylist = denylist
        self.dns_timeout = dns_timeout
        self.connect_timeout = connect_timeout if connect_timeout is not None else dns_timeout
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
        socket_options: Any = None,
    ) -> httpcore.AsyncNetworkStream:
        self.denylist.check_name(host)
        addresses = await self.addresses(host, port)
        for address in addresses:
            why = self.denylist.reason(address)
            if why:
                # One denied address taints the name: a DNS answer may rotate.
                raise DeniedAddress(host, address, why)
        last: Optional[Exception] = None
        for address in addresses:
            try:
                async with asyncio.timeout(timeout or self.connect_timeout):
                    reader, writer = await asyncio.open_connection(address, port)
            except TimeoutError:
                last = httpcore.ConnectTimeout(f"no connection to {address} within {self.connect_timeout:g}s")
                continue
            except OSError as exc:
                last = httpcore.ConnectError(exc.strerror or str(exc))
                continue
            self.connected.add(host)
            return _Stream(reader, writer)
        if last is None:
            raise ResolveError(host, "no address", missing=True)
        raise last

    async def connect_unix_socket(
        self, path: str, timeout: Optional[float] = None, socket_options: Any = None
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("the link checker does not use Unix sockets")

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


def request_target(url: str) -> tuple[bytes, bytes, Optional[int], bytes]:
    """(scheme, host, port, target) of an http(s) URL, non-ASCII parts encoded.

    Citations hold IRIs (``/wiki/Москва``, ``bücher.de``): the host goes
    through IDNA, the path and query are percent-encoded as a browser does.
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        raw_host = host.encode("ascii")
    except UnicodeEncodeError:
        raw_host = host.encode("idna")
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=~-._")
    target = path + (f"?{quote(parts.query, safe='/?%:@!$&()*+,;=~-._')}" if parts.query else "")
    return parts.scheme.encode("ascii"), raw_host, parts.port, target.encode("ascii")


@dataclass
class Answer:
    """A response's status and headers (names lower-cased), body not read yet."""

    status: int
    headers: dict[str, str]
    _response: httpcore.Response

    async def chunks(self) -> AsyncIterator[bytes]:
        async for chunk in self._response.aiter_stream():
            yield chunk


class Pools:
    """A small connection pool per origin instead of one big pool.

    httpcore's pool rescans all its connections for every request, which
    costs O(connections) per request: with hundreds of connections across
    hosts that scan dominated the run.  Requests are limited per host anyway,
    so a pool per origin, sized to the host's concurrency, loses nothing.
    """

    def __init__(self, backend: GuardedBackend, connections_for: Callable[[str], int], verify: bool = True) -> None:
        self.backend = backend
        self.connections_for = connections_for
        self.verify = verify
        self._ssl_context: Optional[ssl.SSLContext] = None  # loading CA certificates is slow: once a run
        self._pools: dict[tuple[bytes, bytes, Optional[int]], httpcore.AsyncConnectionPool] = {}

    def _pool(self, scheme: bytes, host: bytes, port: Optional[int]) -> httpcore.AsyncConnectionPool:
        key = (scheme, host, port)
        pool = self._pools.get(key)
        if pool is None:
            context = None
            if scheme == b"https":  # plain http never loads the CA certificates
                if self._ssl_context is None:
                    self._ssl_context = httpcore.default_ssl_context()
                    if not self.verify:
                        self._ssl_context.check_hostname = False
                        self._ssl_context.verify_mode = ssl.CERT_NONE
                context = self._ssl_context
            size = self.connections_for(host.decode("ascii", "replace").lower())
            pool = self._pools[key] = httpcore.AsyncConnectionPool(
                ssl_context=context,
                max_connections=size,
                max_keepalive_connections=size,
                keepalive_expiry=5.0,
                http1=True,
                http2=False,
                network_backend=self.backend,
            )
        return pool

    @asynccontextmanager
    async def open(
        self, method: str, url: str, headers: list[tuple[bytes, bytes]], trace: Optional[Callable] = None
    ) -> AsyncIterator[Answer]:
        """Send one request; the body is streamed from the ``Answer`` and dropped on exit."""
        scheme, host, port, target = request_target(url)
        pool = self._pool(scheme, host, port)
        extensions: dict[str, Any] = {"timeout": _NO_TIMEOUTS}
        if trace is not None:
            extensions["trace"] = trace
        address = httpcore.URL(scheme=scheme, host=host, port=port, target=target)
        async with pool.stream(method.encode("ascii"), address, headers=headers, extensions=extensions) as response:
            names = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in response.headers}
            yield Answer(response.status, names, response)

    async def aclose(self) -> None:
        for pool in self._pools.values():
            await pool.aclose()
        self._pools.clear()


def make_pools(
    denylist: DenyList, *, connections_for: Callable[[str], int], connect_timeout: float, verify: bool = True
) -> Pools:
    """Pools whose every connection goes through a GuardedBackend.

    Redirects are followed by the checker, hop by hop, so each one is seen,
    recorded and, through the backend, deny-list checked.  Proxies from the
    environment are not used: through a proxy the deny-list would check the
    proxy's address, not the target's.
    """
    backend = GuardedBackend(denylist, dns_timeout=connect_timeout, connect_timeout=connect_timeout)
    return Pools(backend, connections_for, verify)
