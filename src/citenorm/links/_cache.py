"""Results kept between runs, so a scheduled job re-checks only what is new or stale.

Only successes are kept (a failure is always checked again).  The file is
replaced atomically, after merging what another run may have written since it
was read, so concurrent or interrupted runs never leave it corrupt.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._io import write_atomic
from ._model import LinkResult

_VERSION = 1
_KEPT = ("ok", "redirected")


@dataclass
class LinkCache:
    """A JSON file of recent successes, by URL."""

    path: Path
    max_age: float = 86400.0
    clock: Callable[[], float] = time.time
    _entries: dict[str, dict[str, Any]] = field(default_factory=dict)

    def load(self) -> None:
        """Read the file; a missing or unreadable one is an empty cache."""
        self._entries = _read(self.path)

    def get(self, url: str) -> LinkResult | None:
        """A fresh success for `url`, if the cache has one."""
        entry = self._entries.get(url)
        if entry is None or self.clock() - float(entry.get("checked", 0)) > self.max_age:
            return None
        return LinkResult(
            url,
            entry["status"],
            entry.get("http_status"),
            entry.get("final_url"),
            message=entry.get("message", ""),
        )

    def put(self, result: LinkResult) -> None:
        """Remember a success (anything else is forgotten, to be checked again)."""
        if result.status in _KEPT:
            self._entries[result.url] = {
                "status": result.status,
                "http_status": result.http_status,
                "final_url": result.final_url,
                "message": result.message,
                "checked": self.clock(),
            }
        else:
            self._entries.pop(result.url, None)

    def save(self) -> None:
        """Merge with the file as it is now (newest entry wins) and replace it atomically."""
        merged = _read(self.path)
        for url, entry in self._entries.items():
            if float(merged.get(url, {}).get("checked", 0)) <= float(entry["checked"]):
                merged[url] = entry
        now = self.clock()
        fresh = {u: e for u, e in merged.items() if now - float(e["checked"]) <= self.max_age}
        document = {"version": _VERSION, "entries": dict(sorted(fresh.items()))}
        write_atomic(self.path, json.dumps(document, indent=1, sort_keys=True) + "\n")


def _read(path: Path) -> dict[str, dict[str, Any]]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(document, dict) or document.get("version") != _VERSION:
        return {}
    entries = document.get("entries", {})
    return {
        url: entry
        for url, entry in entries.items()
        if isinstance(entry, dict) and entry.get("status") in _KEPT and "checked" in entry
    }
