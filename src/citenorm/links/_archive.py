"""Archived copies: the closest snapshot from a Wayback-style availability API.

The look-ups are requests like any other: through the engine, so the address
policy, the per-host and global limits and the whole-request timeout apply,
and the answer is read only up to `ANSWER_LIMIT` bytes (it is a small JSON
document; anything larger is not an answer).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from urllib.parse import urlencode

from ._engine import Engine

DEFAULT_ENDPOINT = "https://archive.org/wayback/available"
ANSWER_LIMIT = 64 * 1024
"""Bytes of an availability answer read at most."""


async def find_snapshots(
    urls: Iterable[str], endpoint: str, engine: Engine, *, within: float | None = None
) -> dict[str, str]:
    """The closest available snapshot URL for each URL the archive knows.

    Look-ups unfinished after `within` seconds are dropped (no snapshot).
    """
    found: dict[str, str] = {}
    joiner = "&" if "?" in endpoint else "?"

    async def lookup(url: str) -> None:
        query = endpoint + joiner + urlencode({"url": url})
        try:
            answer = await engine.get_json(query, ANSWER_LIMIT)
        except Exception:  # refused, failed, too large, not JSON: no snapshot, nothing else
            return
        snapshot = _closest(answer)
        if snapshot:
            found[url] = snapshot

    tasks = [asyncio.ensure_future(lookup(url)) for url in urls]
    if tasks:
        _, pending = await asyncio.wait(tasks, timeout=within)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
    return found


def _closest(answer: object) -> str | None:
    """`archived_snapshots.closest.url` when the archive says it is available."""
    snapshots = answer.get("archived_snapshots") if isinstance(answer, dict) else None
    closest = snapshots.get("closest") if isinstance(snapshots, dict) else None
    if isinstance(closest, dict) and closest.get("available") is True:
        url = closest.get("url")
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            return url
    return None
