"""The link checker's plain data: targets with their citing places, and results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Status = Literal[
    "ok", "redirected", "broken", "timeout", "rate-limited", "blocked", "excluded", "unchecked"
]
STATUSES: tuple[Status, ...] = (
    "broken",
    "timeout",
    "rate-limited",
    "blocked",
    "redirected",
    "unchecked",
    "excluded",
    "ok",
)
FAILING: frozenset[Status] = frozenset({"broken", "timeout"})


@dataclass(frozen=True)
class Place:
    """Where a link target is cited: chapter path, 1-based line and column."""

    path: str
    line: int
    column: int


@dataclass(frozen=True)
class Target:
    """One unique link target and every place that cites it."""

    url: str
    kind: Literal["external", "internal", "image"]
    sources: tuple[Place, ...]


@dataclass(frozen=True)
class LinkResult:
    """What checking one target found: exactly one status, and the evidence."""

    url: str
    status: Status
    http_status: int | None = None
    final_url: str | None = None
    archived: str | None = None
    message: str = ""
    sources: tuple[Place, ...] = field(default_factory=tuple)
