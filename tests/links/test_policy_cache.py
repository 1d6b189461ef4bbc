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
