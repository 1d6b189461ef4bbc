"""Archived copies: the closest snapshot from a Wayback-style availability API."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

import httpx

DEFAULT_ENDPOINT = "https://archive.org/wayback/available"


async def find_snapshots(
    urls: Iterable[str], endpoint: str, *, timeout: float = 20.0, concurrency: int = 4
) -> dict[str, str]:
    """The closest available snapshot URL for each URL the archive knows."""
    found: dict[str, str] = {}
    slots = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(timeout=timeout, trust_env=False) as client:

        async def lookup(url: str) -> None:
            async with slots:
                try:
                    response = await client.get(endpoint, params={"url": url})
                    closest = response.json().get("archived_snapshots", {}).get("closest", {})
                except (httpx.HTTPError, ValueError, AttributeError):
                    return
            if isinstance(closest, dict) and closest.get("available") and closest.get("url"):
                found[url] = str(closest["url"])

        await asyncio.gather(*(lookup(url) for url in urls))
    return found
