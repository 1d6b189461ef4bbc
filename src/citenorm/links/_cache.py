"""Results kept between runs, so a scheduled job re-checks only what is new or stale.

Only successes are kept (a failure is always checked again).  Saving takes an
exclusive lock (a `.lock` file beside the cache), merges what other runs wrote
since this one read the file, and replaces the file atomically, so concurrent
or interrupted runs neither corrupt it nor lose each other's entries.

A cache is a convenience, never a reason to lose a report: a file that is not
a link cache, a directory, an unreadable or unwritable path, or a lock held too
long gives a warning (in `problems`) and the run goes on as if the cache were
empty or not saved.  A file that holds other JSON, or a directory, is never
replaced; one that is not JSON at all (a damaged cache) is.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._io import write_atomic
from .._locking import try_lock, unlock
from ._model import LinkResult

_VERSION = 1
_KEPT = ("ok", "redirected")
LOCK_WAIT = 10.0
"""Seconds a save waits for another run's lock before giving up (with a warning)."""


class _NotACache(Exception):
    """The path holds something that must not be overwritten."""


class _Damaged(Exception):
    """The path holds bytes that are not JSON: a damaged cache, replaced on save."""


@dataclass
class LinkCache:
    """A JSON file of recent successes, by URL."""

    path: Path
    max_age: float = 86400.0
    clock: Callable[[], float] = time.time
    lock_wait: float = LOCK_WAIT
    problems: list[str] = field(default_factory=list)
    _entries: dict[str, dict[str, Any]] = field(default_factory=dict)

    def load(self) -> None:
        """Read the file; a missing one is an empty cache, a bad one too (with a warning)."""
        try:
            self._entries = _read(self.path)
        except (OSError, _NotACache, _Damaged) as error:
            self._warn(f"{_reason(error)}; checking without it")
            self._entries = {}

    def get(self, url: str) -> LinkResult | None:
        """A fresh success for `url`, if the cache has one."""
        entry = self._entries.get(url)
        if entry is None or self.clock() - entry["checked"] > self.max_age:
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
        """Under the lock: merge with the file as it is now (newest wins), replace it."""
        try:
            with _locked(self.path, self.lock_wait):
                try:
                    merged = _read(self.path)
                except _Damaged:
                    merged = {}
                for url, entry in self._entries.items():
                    if merged.get(url, {}).get("checked", -math.inf) <= entry["checked"]:
                        merged[url] = entry
                now = self.clock()
                fresh = {u: e for u, e in merged.items() if now - e["checked"] <= self.max_age}
                document = {"version": _VERSION, "entries": dict(sorted(fresh.items()))}
                write_atomic(self.path, json.dumps(document, indent=1, sort_keys=True) + "\n")
        except (OSError, _NotACache, TimeoutError) as error:
            self._warn(f"{_reason(error)}; results not saved")

    def _warn(self, text: str) -> None:
        self.problems.append(f"{self.path}: {text}")


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and not isinstance(error, TimeoutError):
        return f"cache cannot be used ({error.strerror or error})"
    return str(error)


def _read(path: Path) -> dict[str, dict[str, Any]]:
    """The valid entries of the cache at `path` ({} when there is no file).

    Raises OSError when it cannot be read, _Damaged when it is not JSON,
    _NotACache when it holds something else.
    """
    if path.is_dir():
        raise _NotACache("cache is a directory, not a file")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    if not raw.strip():
        return {}
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _Damaged("cache is damaged (not JSON); it will be replaced") from None
    if not isinstance(document, dict) or document.get("version") != _VERSION:
        raise _NotACache('not a citenorm link cache (no "version": 1)')
    entries = document.get("entries")
    if not isinstance(entries, dict):
        raise _NotACache('not a citenorm link cache ("entries" is not a table)')
    return {url: entry for url, entry in entries.items() if _valid(entry)}


def _valid(entry: object) -> bool:
    if not isinstance(entry, dict) or entry.get("status") not in _KEPT:
        return False
    checked, status = entry.get("checked"), entry.get("http_status")
    return (
        isinstance(checked, (int, float))
        and not isinstance(checked, bool)
        and math.isfinite(checked)
        and (status is None or (isinstance(status, int) and not isinstance(status, bool)))
        and isinstance(entry.get("final_url"), (str, type(None)))
        and isinstance(entry.get("message", ""), str)
    )


@contextlib.contextmanager
def _locked(path: Path, wait: float) -> Iterator[None]:
    """Hold an exclusive lock on `path`.lock, waiting at most `wait` seconds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        give_up = time.monotonic() + wait
        while not try_lock(descriptor):
            if time.monotonic() > give_up:
                raise TimeoutError(f"cache is locked by another run for over {wait:g} s")
            time.sleep(0.01)
        try:
            yield
        finally:
            unlock(descriptor)
    finally:
        os.close(descriptor)
