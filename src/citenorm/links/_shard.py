"""Sharding a link check over CI runners, and merging the shards' reports.

A URL's shard is decided by its host alone, so every URL of one host is
checked by one runner and the per-host limit holds across shards.  Internal
targets (no host) belong to shard 1.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from urllib.parse import urlsplit

from ._model import LinkResult, Place, Target


def parse_shard(text: str) -> tuple[int, int]:
    """`K/N` → (K, N) with 1 <= K <= N; raises ValueError otherwise."""
    index, _, count = text.partition("/")
    k, n = int(index), int(count)
    if not 1 <= k <= n:
        raise ValueError(f"shard {text!r} must be K/N with 1 <= K <= N")
    return k, n


def shard_of(url: str, shards: int) -> int:
    """The 1-based shard of a URL: a stable hash of its host (shard 1 without a host)."""
    try:
        host = (urlsplit(url).hostname or "").lower() if "://" in url else ""
    except ValueError:  # not a URL (`http://[x`): reported broken by shard 1
        host = ""
    if not host:
        return 1
    return int(hashlib.sha256(host.encode()).hexdigest(), 16) % shards + 1


def select(targets: Iterable[Target], shard: tuple[int, int]) -> list[Target]:
    """The targets that shard K of N checks."""
    k, n = shard
    return [target for target in targets if shard_of(target.url, n) == k]


def ordered(results: Iterable[LinkResult]) -> list[LinkResult]:
    """Results in report order: by first citing place, then URL."""
    return sorted(results, key=_first_place)


def _first_place(result: LinkResult) -> tuple[str, int, int, str]:
    first = result.sources[0] if result.sources else Place("", 0, 0)
    return first.path, first.line, first.column, result.url


def merge_reports(texts: Sequence[str]) -> list[LinkResult]:
    """The results of several JSON reports as one report; raises ValueError on a bad one."""
    merged: dict[str, LinkResult] = {}
    for text in texts:
        document = json.loads(text)
        for link in document["links"]:
            sources = tuple(Place(s["path"], s["line"], s["column"]) for s in link["sources"])
            result = LinkResult(
                link["url"],
                link["status"],
                link.get("http_status"),
                link.get("final_url"),
                link.get("archived"),
                link.get("message", ""),
                sources,
            )
            if result.url in merged:
                known = merged[result.url]
                extra = tuple(s for s in sources if s not in known.sources)
                result = replace(known, sources=known.sources + extra)
            merged[result.url] = result
    return ordered(merged.values())
