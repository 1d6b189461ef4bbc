"""The whole pipeline for one chapter: read → parse → lift → reconcile → model."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.token import Token

from ._anchors import anchors
from ._collector import paused_collector
from ._errors import InputError
from ._inline_rules import MATH
from ._lift import lift
from ._links import collect_links
from ._locate import Locator
from ._model import Chapter, Diagnostic, Numbering, Source
from ._parse import TooDeep, parse
from ._read import MAX_CHAPTER_BYTES, ChapterFile, read_source
from ._reconcile import reconcile
from ._verbatim import snapshot
from .dialects import NOTE_REF
from .emit.markdown import layout

_DEFINITION_START = re.compile(r"^ {0,3}\[((?:[^\[\]\\\n]|\\.){1,999})\]:", re.MULTILINE)
_TITLE = re.compile(r"^title:[ \t]*(\S(?:[^\n]*\S)?)", re.MULTILINE)


def load_chapter(
    md: MarkdownIt, file: ChapterFile, numbering: Numbering, max_bytes: int = MAX_CHAPTER_BYTES
) -> Chapter:
    """Read and process one chapter file.

    A failure inside the pipeline on a strange file becomes an `InputError`
    naming the file, so one bad chapter gives a one-line message, not a traceback.
    """
    source = read_source(file, max_bytes)
    try:
        chapter = process(md, source, numbering)
    except TooDeep as error:
        raise InputError(file.path, str(error)) from None
    except RecursionError:
        raise InputError(file.path, "nested too deeply to process") from None
    except Exception as error:
        raise InputError(
            file.path, f"could not be processed ({type(error).__name__}: {error})"
        ) from error
    return replace(chapter, relative_path=file.relative.as_posix())


def unreadable(error: InputError) -> Diagnostic:
    """The error diagnostic that stands for a chapter file that could not be read."""
    return Diagnostic("error", "unreadable", error.path, 1, 1, error.message)


def process(md: MarkdownIt, source: Source, numbering: Numbering = Numbering.RENUMBER) -> Chapter:
    """Turn a chapter's source into its finished, reconciled model (no I/O)."""
    with paused_collector():
        return _process(md, source, numbering)


def _process(md: MarkdownIt, source: Source, numbering: Numbering) -> Chapter:
    """The chapter's stages, one after the other.

    Everything that needs the token trees (layout, links, anchors) happens here, so
    the trees never leave the process that parsed them.
    """
    parsed = parse(md, source)
    pristine = snapshot(parsed.tokens)
    state = lift(md, source, parsed)
    references = parsed.env.get("references")
    link_references = dict(references) if isinstance(references, dict) else {}
    result = reconcile(source.path, state.markers, state.definitions, numbering, link_references)
    note_tokens = [definition.tokens for _, definition in result.definitions]
    blocks = list(state.tokens)
    for tokens in note_tokens:
        blocks.extend(tokens)
    used = _used_link_labels(blocks)
    pandoc_used = _pandoc_link_labels(blocks, link_references) - used
    unused = _unused_link_definitions(
        source.path, state.locator, used | pandoc_used, link_references
    )
    return Chapter(
        source=source,
        title=_title(source, state.tokens),
        notes=tuple(result.notes),
        links=tuple(collect_links(blocks, state.locator)),
        labels=tuple(result.labels.items()),
        anchors=anchors(blocks),
        layout=layout(
            parsed.text,
            state.tokens,
            pristine,
            result.labels,
            note_tokens,
            link_references,
            used,
            pandoc_used,
        ),
        diagnostics=tuple(
            sorted(
                [*source.diagnostics, *state.diagnostics, *result.diagnostics, *unused],
                key=lambda d: (d.line, d.column, d.code),
            )
        ),
    )


def _used_link_labels(blocks: list[Token]) -> set[str]:
    """The labels of the link reference definitions that links and images use."""
    return {
        str(child.meta["label"])
        for block in blocks
        for child in block.children or []
        if child.type in ("link_open", "image") and child.meta.get("label")
    }


def _pandoc_link_labels(blocks: list[Token], references: dict[str, object]) -> set[str]:
    """Labels of `[word][^1]`: text to CommonMark, a link followed by a note to pandoc.

    CommonMark reads no shortcut link where a label follows; pandoc reads the note
    marker as no label.  The definition stays, so each reads what it read before.
    """
    found = set()
    for block in blocks:
        for text, marker in itertools.pairwise(block.children or ()):
            if (
                marker.type == NOTE_REF
                and str(marker.meta.get("raw", "")).startswith("[^")
                and text.type == "text"
                and text.content.endswith("]")
            ):
                written = text.content[text.content.rfind("[") :]
                label = normalizeReference(written[1:-1])
                if label in references and written + str(marker.meta["raw"]) in block.content:
                    found.add(label)  # as written, not `\[word\][^1]`, which links nowhere
    return found


def _unused_link_definitions(
    path: str, locator: Locator, used: set[str], references: dict[str, object]
) -> list[Diagnostic]:
    """A link reference definition no link uses renders to nothing and is not written: say so."""
    unused = set(references) - used
    if not unused:
        return []
    # One pass over the definition-like lines, not one search of the text per label.
    starts: dict[str, int] = {}
    for found in _DEFINITION_START.finditer(locator.text):
        label = normalizeReference(found.group(1))
        starts.setdefault(label, found.start())
    diagnostics = []
    for label in sorted(unused):
        start = starts.get(label)
        line, column = locator.position(start) if start is not None else (1, 1)
        diagnostics.append(
            Diagnostic(
                "warning",
                "unused-link-definition",
                path,
                line,
                column,
                f"link reference definition [{label.lower()}] is used by no link; not written",
            )
        )
    return diagnostics


def _title(source: Source, tokens: list[Token]) -> str:
    """The front matter's `title`, else the text of the first heading."""
    match = _TITLE.search(source.front_matter)
    if match:
        return match.group(1).strip("\"'")
    for opening, inline in itertools.pairwise(tokens):
        if opening.type == "heading_open" and inline.children is not None:
            return "".join(
                child.content
                for child in inline.children
                if child.type in ("text", "code_inline", MATH)
            ).strip()
    return ""
