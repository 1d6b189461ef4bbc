"""Which addresses the checker may connect to.

Link-local networks (cloud metadata endpoints) are never allowed; loopback,
private and other special networks only with `allow_private`; extra networks
can be blocked.  The policy is applied to the resolved IP of every connection.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_LINK_LOCAL = (ipaddress.ip_network("169.254.0.0/16"), ipaddress.ip_network("fe80::/10"))


@dataclass(frozen=True)
class AddressPolicy:
    """Allowed and refused destinations."""

    allow_private: bool = False
    blocked: tuple[IPNetwork, ...] = ()

    @classmethod
    def build(cls, *, allow_private: bool, block: Iterable[str]) -> AddressPolicy:
        """A policy from settings; raises ValueError for a network that does not parse."""
        return cls(allow_private, tuple(ipaddress.ip_network(n, strict=False) for n in block))

    def refusal(self, address: str) -> str | None:
        """Why `address` may not be contacted, or None when it may."""
        ip: IPAddress = ipaddress.ip_address(address.split("%")[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        if any(ip in network for network in _LINK_LOCAL):
            return f"{ip} is link-local (never contacted)"
        for network in self.blocked:
            if ip.version == network.version and ip in network:
                return f"{ip} is in blocked network {network}"
        if not self.allow_private and not ip.is_global:
            return f"{ip} is not a public address (use --allow-private to check it)"
        return None
