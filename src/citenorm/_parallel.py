"""Processing chapters on every core: a process pool over chapter files.

Chapters are independent until the bibliography, so each worker reads, lifts,
reconciles and lays out its chapters, and parses what their notes cite, into
finished data with no token trees (`Chapter`, `ParsedNote`).  Cross-chapter work
(the bibliography, cross-chapter anchors) runs after, in the calling process.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat

from markdown_it import MarkdownIt

from ._collector import paused_collector
from ._errors import InputError
from ._interrupts import interrupts_held
from ._model import Chapter, Diagnostic, Numbering
from ._parse import make_parser
from ._pipeline import load_chapter, unreadable
from ._read import ChapterFile
from .bibliography import ParsedNote, parse_notes

Loaded = tuple[Chapter, list[ParsedNote]] | Diagnostic
"""A chapter with what its notes cite, or the error that stands for an unreadable file."""

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
    cites: bool = False,
    progress: Callable[[], None] | None = None,
    finished: Callable[[Loaded], None] | None = None,
) -> list[Loaded]:
    """Every chapter of `files` in order, with what its notes cite as written (if `cites`).

    `jobs` processes (None: one per core) share the work; `progress` is called
    once per chapter processed (a progress bar's step).  `finished` is called in
    this process with each result in order: with worker processes as each one
    arrives, so that the main process, idle otherwise, can write it while later
    chapters are processed; in one process, after the last chapter (creating
    files between chapters slowed the processing itself by about 7 %).  A file
    that cannot be read or processed gives an `unreadable` error diagnostic in
    its place, so one bad file stops nothing.
    """
    ticked = progress or _nothing
    workers = min(jobs or os.cpu_count() or 1, len(files))
    if workers <= 1 or len(files) < SERIAL_BELOW:
        md = make_parser()
        results = [_ticked(_work(file, numbering, max_bytes, cites, md), ticked) for file in files]
        if finished is not None:
            for done in results:
                finished(done)
        return results
    chunk = max(1, len(files) // (workers * 32))  # small: the last chunks end together
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker)
    try:
        arguments = (files, repeat(numbering), repeat(max_bytes), repeat(cites))
        # Ctrl-C held back while the pool starts its workers and takes the work: an
        # interrupt before the pool's manager thread runs left the workers waiting
        # for work nobody sends, and the interpreter's exit waiting for them.
        # Raised once the pool runs, shutting the pool down ends every worker.
        with interrupts_held():
            arriving = pool.map(_work, *arguments, chunksize=chunk)
        with paused_collector():  # see `_work`; unpickled chapters hold no cycles either
            return [_arrived(done, ticked, finished) for done in arriving]
    finally:
        # On Ctrl-C (or an error) drop the chapters not started: the run ends now.
        pool.shutdown(wait=True, cancel_futures=True)


def _nothing() -> None:
    pass


def _ticked(done: Loaded, progress: Callable[[], None]) -> Loaded:
    progress()
    return done


def _arrived(
    done: Loaded, progress: Callable[[], None], finished: Callable[[Loaded], None] | None
) -> Loaded:
    progress()
    if finished is not None:
        finished(done)
    return done


def _start_worker() -> None:
    # Ctrl-C is the main process's to handle: a worker stops when the pool is shut down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _parser.append(make_parser())


def _work(
    file: ChapterFile,
    numbering: Numbering,
    max_bytes: int,
    cites: bool,
    md: MarkdownIt | None = None,
) -> Loaded:
    # The collector off for the whole chapter: parsing its notes makes many small
    # objects, and each collection would walk every object the process keeps
    # (the parser's caches; in one process, every finished chapter).
    with paused_collector():
        try:
            chapter = load_chapter(md or _parser[0], file, numbering, max_bytes)
        except InputError as error:
            return unreadable(error)
        return chapter, parse_notes(chapter) if cites else []
