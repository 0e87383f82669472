"""Address ranges the checker never connects to, redirects included.

The check happens where the connection is made (see ``transport.py``): the
host name is resolved here, every address is checked, and the connection goes
to the checked address itself, so neither a redirect nor a DNS answer that
changes between check and connect can lead the checker to a denied address.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Optional, Union

IPAddress = Union[ipaddress.IPv4Address, ipaddress.IPv6Address]
IPNetwork = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]

# Refused always: link-local (where cloud metadata services live) and the
# metadata addresses that are not link-local.
LINK_LOCAL = ("169.254.0.0/16", "fe80::/10")
METADATA = (
    "100.100.100.200/32",  # Alibaba Cloud metadata
    "168.63.129.16/32",  # Azure wire server
    "fd00:ec2::254/128",  # AWS metadata over IPv6
)
METADATA_NAMES = frozenset({"metadata.google.internal", "metadata", "instance-data"})
PRIVATE = ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7")
LOOPBACK = ("127.0.0.0/8", "::1/128")


class DeniedAddress(Exception):
    """A connection to a deny-listed address was refused before it was made."""

    def __init__(self, host: str, address: str, reason: str) -> None:
        super().__init__(f"{host} resolves to {address} ({reason}), which is deny-listed")
        self.host, self.address, self.reason = host, address, reason


class ResolveError(Exception):
    """The host name could not be resolved; ``missing`` when it does not exist."""

    def __init__(self, host: str, message: str, missing: bool) -> None:
        super().__init__(f"DNS: {host}: {message}")
        self.host, self.missing = host, missing


@dataclass(frozen=True)
class DenyList:
    ranges: tuple[tuple[IPNetwork, str], ...]

    @classmethod
    def build(cls, *, private: bool = False, loopback: bool = False, extra: Iterable[str] = ()) -> DenyList:
        named: list[tuple[str, str]] = [(r, "link-local") for r in LINK_LOCAL]
        named += [(r, "cloud metadata") for r in METADATA]
        if private:
            named += [(r, "private") for r in PRIVATE]
        if loopback:
            named += [(r, "loopback") for r in LOOPBACK]
        named += [(r, "denied by settings") for r in extra]
        ranges = []
        for text, reason in named:
            try:
                ranges.append((ipaddress.ip_network(text, strict=False), reason))
            except ValueError as exc:
                raise ValueError(f"deny: {text!r} is not an address range: {exc}") from None
        return cls(tuple(ranges))

    def reason(self, address: str) -> Optional[str]:
        """Why ``address`` is denied, or None if it may be contacted."""
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped  # ::ffff:169.254.169.254 is the same machine
        for network, why in self.ranges:
            if ip.version == network.version and ip in network:
                return why
        return None

    def check_name(self, host: str) -> None:
        if host.lower().rstrip(".") in METADATA_NAMES:
            raise DeniedAddress(host, host, "cloud metadata")


def literal_address(host: str) -> Optional[str]:
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None


async def resolve(host: str, port: int, timeout: Optional[float]) -> list[str]:
    """The addresses of ``host``, without a DNS query for names that cannot exist.

    ``.invalid`` never resolves (RFC 6761), so it is answered here; ``localhost``
    is loopback by definition.
    """
    literal = literal_address(host)
    if literal:
        return [literal]
    name = host.lower().rstrip(".")
    if name == "invalid" or name.endswith(".invalid"):
        raise ResolveError(host, "name does not exist (reserved .invalid domain)", missing=True)
    if name == "localhost" or name.endswith(".localhost"):
        return ["127.0.0.1"]
    import asyncio  # here: the settings check imports this module on runs that send nothing

    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(timeout):
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except TimeoutError:
        raise ResolveError(host, "lookup timed out", missing=False) from None
    except socket.gaierror as exc:
        missing = exc.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", -5))
        raise ResolveError(host, exc.strerror or str(exc), missing=missing) from None
    except (UnicodeError, OSError) as exc:
        raise ResolveError(host, str(exc), missing=False) from None
    seen: list[str] = []
    for *_, sockaddr in infos:
        if sockaddr[0] not in seen:
            seen.append(sockaddr[0])
    return seen
