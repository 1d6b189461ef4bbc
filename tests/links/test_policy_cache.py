"""The address policy and the result cache, on their own."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path
from typing import Any

import pytest

from citenorm.links import AddressPolicy, LinkResult
from citenorm.links._cache import LinkCache, _locked


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
        ("::ffff:0:7f00:1", "127.0.0.1"),  # IPv4-translated
        ("64:ff9b:1::7f00:1", "127.0.0.1"),  # local-use NAT64
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


def test_two_runs_merge_and_a_damaged_file_is_an_empty_cache(tmp_path: Path) -> None:
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
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.json", "c.json.lock"]
    path.write_text("{not json", encoding="utf-8")
    broken = LinkCache(path)
    broken.load()
    assert broken.get("https://a/") is None
    assert "damaged" in broken.problems[0]
    broken.put(LinkResult("https://c/", "ok", 200))
    broken.save()
    assert set(json.loads(path.read_text(encoding="utf-8"))["entries"]) == {"https://c/"}


def _run_and_save(path: str, run: int, barrier: Any) -> None:
    cache = LinkCache(Path(path))
    cache.load()
    for i in range(15):
        cache.put(LinkResult(f"https://host{run}.example/{i}", "ok", 200))
    barrier.wait(timeout=30)
    cache.save()
    assert not cache.problems, cache.problems


def test_concurrent_processes_on_one_cache_lose_no_entries(tmp_path: Path) -> None:
    """Eight processes save at the same moment; every one of their 120 entries survives."""
    path = tmp_path / "cache.json"
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    barrier = context.Barrier(8)
    runs = [
        context.Process(target=_run_and_save, args=(str(path), run, barrier)) for run in range(8)
    ]
    for process in runs:
        process.start()
    for process in runs:
        process.join(timeout=60)
    assert [process.exitcode for process in runs] == [0] * 8
    entries = json.loads(path.read_text(encoding="utf-8"))["entries"]
    assert len(entries) == 120


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("[]", 'no "version": 1'),
        ('{"version": 2, "entries": {}}', 'no "version": 1'),
        ('{"version": 1, "entries": []}', '"entries" is not a table'),
        ('"just a string"', 'no "version": 1'),
        ("\xff\xfe", "damaged"),
        ("[" * 100_000, "damaged"),
    ],
)
def test_a_file_that_is_not_a_cache_is_a_warning_and_an_empty_cache(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "c.json"
    path.write_bytes(content.encode("latin-1"))
    cache = LinkCache(path)
    cache.load()
    assert cache.get("https://a/") is None
    assert problem in cache.problems[0]
    assert str(path) in cache.problems[0]
    cache.put(LinkResult("https://a/", "ok", 200))
    cache.save()
    if "damaged" not in problem:
        assert path.read_bytes() == content.encode("latin-1"), "someone else's JSON was replaced"
        assert "not saved" in cache.problems[-1]


def test_malformed_entries_are_dropped_quietly(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    entries = {
        "https://good/": {"status": "ok", "checked": 1000.0, "http_status": 200},
        "https://text-time/": {"status": "ok", "checked": "yesterday"},
        "https://nan-time/": {"status": "ok", "checked": float("nan")},
        "https://broken/": {"status": "broken", "checked": 1000.0},
        "https://list/": ["ok"],
        "https://bad-code/": {"status": "ok", "checked": 1000.0, "http_status": "200"},
    }
    path.write_text(json.dumps({"version": 1, "entries": entries}), encoding="utf-8")
    cache = LinkCache(path, clock=lambda: 1001.0)
    cache.load()
    assert not cache.problems
    assert [url for url in entries if cache.get(url)] == ["https://good/"]


def test_a_directory_or_an_unwritable_place_is_a_warning(tmp_path: Path) -> None:
    directory = tmp_path / "cache-dir"
    directory.mkdir()
    cache = LinkCache(directory)
    cache.load()
    cache.put(LinkResult("https://a/", "ok", 200))
    cache.save()
    assert "directory" in cache.problems[0]
    assert "not saved" in cache.problems[1]
    assert directory.is_dir()
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    unwritable = LinkCache(tmp_path / "a-file" / "cache.json")
    unwritable.load()
    unwritable.put(LinkResult("https://a/", "ok", 200))
    unwritable.save()
    assert "not saved" in unwritable.problems[-1]


def test_a_lock_held_too_long_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    holder = LinkCache(path)
    with _locked(path, 1.0):
        waiting = LinkCache(path, lock_wait=0.2)
        waiting.put(LinkResult("https://a/", "ok", 200))
        waiting.save()
    assert "locked by another run" in waiting.problems[0]
    holder.save()
    assert not holder.problems
