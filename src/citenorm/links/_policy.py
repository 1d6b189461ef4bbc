"""Which addresses the checker may connect to.

Three tiers, decided on the resolved IP of every connection (redirects included):

- **never** contacted, whatever the settings: the unspecified addresses
  (`0.0.0.0/8`, `::`, which Linux delivers to loopback), link-local networks
  (cloud metadata endpoints), multicast and the IPv4 broadcast address;
- **private**, contacted only with `allow_private`: everything that is not a
  public unicast address (loopback, RFC 1918, shared, reserved, documentation
  ranges, unique-local and site-local IPv6, local-use NAT64, IPv4-compatible
  `::a.b.c.d` and IPv4-translated `::ffff:0:a.b.c.d`);
- **blocked** networks the user names.

An IPv6 address that carries an IPv4 address (IPv4-mapped `::ffff:a.b.c.d`,
IPv4-compatible `::a.b.c.d`, IPv4-translated `::ffff:0:a.b.c.d`, NAT64
`64:ff9b::/96` and `64:ff9b:1::/48`, 6to4 `2002::/16`, Teredo)
is refused whenever the IPv4 address inside it would be, so a refused IPv4
cannot be reached through a translator or tunnel.  The decisions are plain
functions of the address: tests call them, never connect.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _networks(*pairs: tuple[str, str]) -> tuple[tuple[IPNetwork, str], ...]:
    return tuple((ipaddress.ip_network(network), label) for network, label in pairs)


_NEVER = _networks(
    ("0.0.0.0/8", "unspecified"),
    ("::/128", "unspecified"),
    ("169.254.0.0/16", "link-local"),
    ("fe80::/10", "link-local"),
    ("224.0.0.0/4", "multicast"),
    ("ff00::/8", "multicast"),
    ("255.255.255.255/32", "broadcast"),
)
_PRIVATE_TOO = _networks(
    ("fec0::/10", "site-local"),
    ("64:ff9b:1::/48", "local-use NAT64"),
    ("::/96", "IPv4-compatible"),
    ("::ffff:0:0:0/96", "IPv4-translated"),
)
_LAST_32_BITS = (
    ipaddress.ip_network("64:ff9b::/96"),  # NAT64, well-known prefix
    ipaddress.ip_network("64:ff9b:1::/48"),  # NAT64, local use (as a /96 mostly)
    ipaddress.ip_network("::ffff:0:0:0/96"),  # IPv4-translated (SIIT)
)
_COMPATIBLE = ipaddress.ip_network("::/96")


def embedded_ipv4(ip: IPAddress) -> tuple[ipaddress.IPv4Address, ...]:
    """The IPv4 addresses an IPv6 address carries.

    IPv4-mapped, IPv4-compatible, IPv4-translated, NAT64 (well-known and
    local-use prefixes), 6to4 and Teredo (server and client).
    """
    if isinstance(ip, ipaddress.IPv4Address):
        return ()
    found: list[ipaddress.IPv4Address] = []
    if ip.ipv4_mapped is not None:
        found.append(ip.ipv4_mapped)
    if any(ip in network for network in _LAST_32_BITS) or (ip in _COMPATIBLE and int(ip) > 1):
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    if ip.teredo is not None:
        found.extend(ip.teredo)
    return tuple(found)


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
        """Why `address` may not be contacted, or None when it may.

        Raises ValueError when `address` is not an IP address.
        """
        ip: IPAddress = ipaddress.ip_address(address.strip("[]").split("%")[0])
        reason = self._refusal(ip)
        if reason:
            return reason
        for inner in embedded_ipv4(ip):
            reason = self._refusal(inner)
            if reason:
                return f"{ip} carries {inner}: {reason}"
        return None

    def _refusal(self, ip: IPAddress) -> str | None:
        for network, label in _NEVER:
            if ip.version == network.version and ip in network:
                return f"{ip} is {label} (never contacted)"
        for network in self.blocked:
            if ip.version == network.version and ip in network:
                return f"{ip} is in blocked network {network}"
        if not self.allow_private and not _public(ip):
            return f"{ip} is not a public address (use --allow-private to check it)"
        return None


def _public(ip: IPAddress) -> bool:
    """A public unicast address; one that carries IPv4 is as public as what it carries."""
    if any(ip.version == network.version and ip in network for network, _ in _PRIVATE_TOO):
        return False
    inner = embedded_ipv4(ip)
    if inner and isinstance(ip, ipaddress.IPv6Address) and ip.teredo is None:
        return all(_public(address) for address in inner)
    return ip.is_global
