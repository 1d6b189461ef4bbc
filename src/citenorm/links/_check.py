"""A whole link check: collect targets, apply rules, check, look up archives, cache."""

from __future__ import annotations

import asyncio
import posixpath
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .._model import Chapter
from ._archive import DEFAULT_ENDPOINT, find_snapshots
from ._cache import LinkCache
from ._collect import Internal, anchors, collect
from ._engine import CheckOptions, Engine
from ._model import LinkResult
from ._shard import ordered, select


@dataclass(frozen=True)
class LinkOptions:
    """Everything a link check can be told (CLI flags and config)."""

    engine: CheckOptions = field(default_factory=CheckOptions)
    offline: bool = False
    exclude: tuple[str, ...] = ()
    root: Path | None = None
    cache: Path | None = Path(".citenorm/link-cache.json")
    cache_max_age: float = 86400.0
    archive_endpoint: str | None = DEFAULT_ENDPOINT


def check_links(
    chapters: Sequence[Chapter],
    options: LinkOptions,
    on_result: Callable[[LinkResult], None] | None = None,
    shard: tuple[int, int] | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> list[LinkResult]:
    """Check every link target of the chapters (or of one shard); one result per target.

    Results come in report order: by first citing place, then URL.  Problems
    that do not change a result (a cache that cannot be used) go to
    `on_warning`, by default one line each on stderr.
    """
    warn = on_warning or _print_warning
    targets, internal = collect(chapters)
    if shard is not None:
        targets = select(targets, shard)
    by_path = {chapter.path: chapter for chapter in chapters}
    results: dict[str, LinkResult] = {}
    to_fetch: list[str] = []
    cache = LinkCache(options.cache, options.cache_max_age) if options.cache else None
    if cache:
        cache.load()
        _flush(cache.problems, warn)
    patterns = [re.compile(pattern) for pattern in options.exclude]
    for target in targets:
        if any(p.search(target.url) for p in patterns):
            results[target.url] = LinkResult(target.url, "excluded", message="excluded by a rule")
        elif target.url in internal:
            results[target.url] = _check_internal(
                target.url, internal[target.url], by_path, options.root
            )
        elif not target.url.lower().startswith(("http://", "https://", "//")):
            scheme = target.url.split(":", 1)[0]
            results[target.url] = LinkResult(
                target.url, "unchecked", message=f"{scheme}: links are not fetched"
            )
        elif options.offline:
            results[target.url] = LinkResult(target.url, "unchecked", message="offline")
        elif cache and (cached := cache.get(target.url)):
            results[target.url] = replace(cached, message=(cached.message + " (cached)").strip())
        else:
            to_fetch.append(target.url)
    if to_fetch:
        fetched = asyncio.run(_fetch(to_fetch, options, on_result))
        results.update(fetched)
        if cache:
            for url in to_fetch:
                cache.put(fetched[url])
            cache.save()
            _flush(cache.problems, warn)
    return ordered(replace(results[t.url], sources=t.sources) for t in targets)


async def _fetch(
    urls: list[str], options: LinkOptions, on_result: Callable[[LinkResult], None] | None
) -> dict[str, LinkResult]:
    started = time.monotonic()
    absolute = {url: ("https:" + url if url.startswith("//") else url) for url in urls}
    checked = await Engine(options.engine).check_all(absolute.values(), on_result)
    results = {url: replace(checked[absolute[url]], url=url) for url in urls}
    failed = [url for url, result in results.items() if result.status in ("broken", "timeout")]
    deadline = options.engine.deadline
    left = None if deadline is None else deadline - (time.monotonic() - started)
    if failed and options.archive_endpoint and (left is None or left > 0):
        engine = Engine(options.engine)
        try:
            snapshots = await find_snapshots(failed, options.archive_endpoint, engine, within=left)
        finally:
            await engine.close()
        for url, snapshot in snapshots.items():
            results[url] = replace(results[url], archived=snapshot)
    return results


def _print_warning(text: str) -> None:
    print(f"normalize: warning: {text}", file=sys.stderr)


def _flush(problems: list[str], warn: Callable[[str], None]) -> None:
    for problem in problems:
        warn(problem)
    problems.clear()


_FOLDER_PAGES = ("index.md", "README.md", "readme.md", "_index.md")
"""The page a site serves for a folder (MkDocs, Docusaurus, GitHub, Hugo)."""


def _not_a_chapter(file: str) -> str:
    if file.lower().endswith((".md", ".markdown")):
        return f"fragment of {file}, which is not among the chapters read (name it or its folder)"
    return "fragment of a file that is not a chapter"


def _folder_page(folder: str, chapters: dict[str, Chapter]) -> Chapter | None:
    """The chapter a link to a folder (`guide/#intro`) shows, if the corpus has it."""
    for name in _FOLDER_PAGES:
        chapter = chapters.get(posixpath.join(folder, name))
        if chapter is not None:
            return chapter
    return None


def _check_internal(
    url: str, target: Internal, chapters: dict[str, Chapter], root: Path | None
) -> LinkResult:
    """Check an internal target offline; `url` is how the report shows it."""
    if target.root_relative:
        if root is None:
            return LinkResult(
                url, "unchecked", message="root-relative link; give --root DIR to check it"
            )
        path = root / target.file.lstrip("/")
        return (
            LinkResult(url, "ok")
            if path.exists()
            else LinkResult(url, "broken", message=f"{path} does not exist")
        )
    corpus_root = Path(target.root).resolve()
    resolved = Path(target.file).resolve()
    if corpus_root != resolved and corpus_root not in resolved.parents:
        return LinkResult(url, "broken", message=f"leaves the corpus root {target.root}; not read")
    if target.file not in chapters and not resolved.exists():
        return LinkResult(url, "broken", message=f"{target.file} does not exist")
    if target.fragment:
        chapter = chapters.get(target.file) or _folder_page(target.file, chapters)
        if chapter is None:
            return LinkResult(url, "unchecked", message=_not_a_chapter(target.file))
        if target.fragment not in anchors(chapter) and target.fragment.lower() != "top":
            # `#top` with no such id is the top of the page (HTML's rule for fragments).
            return LinkResult(
                url, "broken", message=f"no heading or id '{target.fragment}' in {target.file}"
            )
    return LinkResult(url, "ok")
