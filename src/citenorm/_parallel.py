"""Processing chapters on every core: a process pool over chapter files.

Chapters are independent until the bibliography, so workers read, lift,
reconcile and (when asked) render them, and send them back without their
token trees, which are large to pickle and rebuilt from the source on demand.
Cross-chapter work (the bibliography) runs after, in the calling process.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat

from markdown_it import MarkdownIt

from ._model import Chapter, Numbering
from ._parse import make_parser
from ._pipeline import load_chapter
from ._read import ChapterFile
from .bibliography import ParsedNote, parse_notes
from .emit.markdown import chapter_markdown

SERIAL_BELOW = 16
"""Fewer chapters than this are not worth starting worker processes for."""

_parser: list[MarkdownIt] = []
"""The worker process's own parser, made once by `_start_worker` (one per process)."""


def process_files(
    files: Sequence[ChapterFile],
    numbering: Numbering,
    max_bytes: int,
    *,
    jobs: int | None,
    render: bool,
) -> list[tuple[Chapter, list[ParsedNote]]]:
    """Every chapter of `files` in order, with what its notes cite as written.

    `jobs` processes (None: one per core) share the work.
    """
    workers = min(jobs or os.cpu_count() or 1, len(files))
    if workers <= 1 or len(files) < SERIAL_BELOW:
        md = make_parser()
        return [_finish(load_chapter(md, file, numbering, max_bytes), render) for file in files]
    chunk = max(1, len(files) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker) as pool:
        return list(
            pool.map(
                _work, files, repeat(numbering), repeat(max_bytes), repeat(render), chunksize=chunk
            )
        )


def _start_worker() -> None:
    _parser.append(make_parser())


def _finish(chapter: Chapter, render: bool) -> tuple[Chapter, list[ParsedNote]]:
    if render:
        chapter.markdown = chapter_markdown(chapter)
    return chapter, parse_notes(chapter)


def _work(
    file: ChapterFile, numbering: Numbering, max_bytes: int, render: bool
) -> tuple[Chapter, list[ParsedNote]]:
    chapter, parsed = _finish(load_chapter(_parser[0], file, numbering, max_bytes), render)
    chapter.tokens = []
    chapter.note_tokens = []
    return chapter, parsed
