"""The address policy and the result cache, on their own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citenorm.links import AddressPolicy, LinkResult
from citenorm.links._cache import LinkCache


@pytest.mark.parametrize(
    ("address", "allow_private", "refused"),
    [
        ("127.0.0.1", False, True),
        ("127.0.0.1", True, False),
        ("10.1.2.3", False, True),
        ("192.168.1.1", True, False),
        ("169.254.169.254", True, True),
        ("fe80::1", True, True),
        ("::ffff:169.254.169.254", True, True),
        ("::1", False, True),
        ("93.184.216.34", False, False),
    ],
)
def test_policy(address: str, allow_private: bool, refused: bool) -> None:
    policy = AddressPolicy.build(allow_private=allow_private, block=[])
    assert (policy.refusal(address) is not None) is refused


NEVER = [
    "0.0.0.0",
    "0.1.2.3",
    "::",
    "[::]",
    "224.0.0.1",
    "239.255.255.250",
    "ff02::1",
    "ff0e::1",
    "255.255.255.255",
    "169.254.169.254",
    "fe80::1%eth0",
    "::ffff:0.0.0.0",
    "64:ff9b::a9fe:a9fe",
    "2002:a9fe:a9fe::1",
]


@pytest.mark.parametrize("address", NEVER)
@pytest.mark.parametrize("block", [[], ["127.0.0.0/8"], ["::1/128", "127.0.0.0/8"]])
def test_never_contacted_whatever_the_settings(address: str, block: list[str]) -> None:
    """Unspecified (Linux delivers it to loopback), link-local and multicast never pass."""
    assert AddressPolicy.build(allow_private=True, block=block).refusal(address) is not None
    assert AddressPolicy.build(allow_private=False, block=block).refusal(address) is not None


@pytest.mark.parametrize(
    ("address", "carried"),
    [
        ("64:ff9b::7f00:1", "127.0.0.1"),  # NAT64
        ("64:ff9b::a00:1", "10.0.0.1"),
        ("2002:7f00:1::1", "127.0.0.1"),  # 6to4
        ("2002:c0a8:101::", "192.168.1.1"),
        ("::7f00:1", "127.0.0.1"),  # IPv4-compatible
        ("::ffff:127.0.0.1", "127.0.0.1"),  # IPv4-mapped
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", "127.0.0.1"),  # Teredo client
    ],
)
def test_ipv6_forms_carrying_a_refused_ipv4_are_refused(address: str, carried: str) -> None:
    assert AddressPolicy().refusal(address) is not None
    blocking = AddressPolicy.build(allow_private=True, block=[f"{carried}/32"])
    assert carried in str(blocking.refusal(address))


@pytest.mark.parametrize("address", ["64:ff9b::5db8:d822", "2002:5db8:d822::1", "2606:4700::1"])
def test_ipv6_forms_carrying_a_public_ipv4_pass(address: str) -> None:
    assert AddressPolicy().refusal(address) is None


@pytest.mark.parametrize(
    "address", ["fec0::1", "64:ff9b:1::5db8:d822", "::5db8:d822", "fd00::1", "100.64.0.1"]
)
def test_site_local_and_other_non_public_forms_need_allow_private(address: str) -> None:
    assert AddressPolicy().refusal(address) is not None
    assert AddressPolicy(allow_private=True).refusal(address) is None


def test_a_name_is_not_an_address() -> None:
    with pytest.raises(ValueError, match="does not appear"):
        AddressPolicy().refusal("example.org")


def test_blocked_networks() -> None:
    policy = AddressPolicy.build(allow_private=True, block=["127.0.0.2/32", "2001:db8::/32"])
    assert policy.refusal("127.0.0.2") is not None
    assert policy.refusal("127.0.0.3") is None
    assert policy.refusal("2001:db8::1") is not None
    with pytest.raises(ValueError, match="does not appear"):
        AddressPolicy.build(allow_private=True, block=["nonsense"])


def test_cache_keeps_fresh_successes_only(tmp_path: Path) -> None:
    now = [1000.0]
    cache = LinkCache(tmp_path / "c.json", max_age=60, clock=lambda: now[0])
    cache.put(LinkResult("https://a/", "ok", 200))
    cache.put(LinkResult("https://b/", "broken", 404))
    cache.save()
    fresh = LinkCache(tmp_path / "c.json", max_age=60, clock=lambda: now[0])
    fresh.load()
    assert fresh.get("https://a/") == LinkResult("https://a/", "ok", 200)
    assert fresh.get("https://b/") is None
    now[0] += 61
    assert fresh.get("https://a/") is None


def test_concurrent_runs_merge_and_a_corrupt_file_is_an_empty_cache(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    one, two = LinkCache(path), LinkCache(path)
    one.load()
    two.load()
    one.put(LinkResult("https://a/", "ok", 200))
    two.put(LinkResult("https://b/", "ok", 200))
    one.save()
    two.save()
    assert set(json.loads(path.read_text(encoding="utf-8"))["entries"]) == {
        "https://a/",
        "https://b/",
    }
    assert [p.name for p in tmp_path.iterdir()] == ["c.json"]
    path.write_text("{not json", encoding="utf-8")
    broken = LinkCache(path)
    broken.load()
    assert broken.get("https://a/") is None
