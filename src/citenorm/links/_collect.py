"""Link targets of a corpus: each unique target once, with every place that cites it.

External targets are keyed by URL.  Internal ones (relative files, `#fragments`,
root-relative paths) are resolved against the chapter that cites them, and keyed
by what they resolve to, shown relative to the current directory.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from .._links import has_scheme
from .._model import Chapter
from ._model import Place, Target


@dataclass(frozen=True)
class Internal:
    """An internal target: the chapter it is checked against, the file, the fragment."""

    chapter: str
    root: str
    file: str
    fragment: str
    root_relative: bool


def collect(chapters: Sequence[Chapter]) -> tuple[list[Target], dict[str, Internal]]:
    """Unique targets in order of first citation, and how each internal one resolves."""
    places: dict[str, list[Place]] = {}
    kinds: dict[str, str] = {}
    internal: dict[str, Internal] = {}
    for chapter in chapters:
        for link in chapter.links:
            key = link.url
            if link.kind != "external" and not has_scheme(link.url):
                resolved = _resolve(chapter, link.url)
                key = _display(resolved)
                internal[key] = resolved
            places.setdefault(key, []).append(Place(chapter.path, link.line, link.column))
            kinds.setdefault(key, link.kind)
    targets = [
        Target(url, kinds[url], tuple(sources))  # type: ignore[arg-type]
        for url, sources in places.items()
    ]
    return targets, internal


def _root(chapter: Chapter) -> str:
    path = PurePosixPath(chapter.path.replace("\\", "/"))
    depth = len(PurePosixPath(chapter.relative_path).parts) if chapter.relative_path else 1
    return str(path.parents[depth - 1]) if depth <= len(path.parents) else "."


def _resolve(chapter: Chapter, url: str) -> Internal:
    parts = urlsplit(url)
    fragment = unquote(parts.fragment)
    root = _root(chapter)
    if not parts.path:
        return Internal(chapter.path, root, chapter.path, fragment, False)
    if parts.path.startswith("/"):
        return Internal(chapter.path, root, unquote(parts.path), fragment, True)
    base = posixpath.dirname(chapter.path.replace("\\", "/"))
    file = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    return Internal(chapter.path, root, file, fragment, False)


def _display(target: Internal) -> str:
    shown = ("<root>" + target.file) if target.root_relative else target.file
    return shown + (f"#{target.fragment}" if target.fragment else "")


def anchors(chapter: Chapter) -> frozenset[str]:
    """Ids a `#fragment` may name in a chapter (found by its worker, see `_anchors`)."""
    return chapter.anchors
