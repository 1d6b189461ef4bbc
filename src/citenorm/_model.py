"""The plain data that flows through the pipeline.

Every stage takes and returns these types; only the edges (reading files, the
CLI) do I/O.  Frozen wherever the data is finished when it is made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Literal

Severity = Literal["error", "warning", "info"]
LinkKind = Literal["external", "internal", "image"]


class Numbering(str, Enum):
    """How output note labels are chosen: renumbered 1..n, or the source labels kept."""

    RENUMBER = "renumber"
    KEEP = "keep"


@dataclass(frozen=True)
class Diagnostic:
    """Something the user should know about a place in a source file."""

    severity: Severity
    code: str
    path: str
    line: int
    column: int
    message: str

    def format(self) -> str:
        """The `path:line:col: code message` form printed by the CLI."""
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"


@dataclass(frozen=True)
class Source:
    """A chapter file read into text.

    `text` is the body with LF line endings and no BOM; `front_matter` is the
    YAML block (with its fences) kept aside verbatim, and `line_offset` is the
    number of source lines it occupied, so body positions map to file lines.
    `canonical` is false when the bytes were not plain UTF-8 with LF newlines
    (a BOM, CRLF, another encoding), so equal text does not mean equal bytes.
    """

    path: str
    text: str
    encoding: str
    front_matter: str = ""
    line_offset: int = 0
    diagnostics: tuple[Diagnostic, ...] = ()
    canonical: bool = True

    @property
    def full_text(self) -> str:
        """Front matter and body together, as read (LF newlines)."""
        return self.front_matter + self.text


@dataclass(frozen=True)
class Marker:
    """Where a note is cited: 1-based line and column in the source file."""

    line: int
    column: int


@dataclass(frozen=True)
class Citation:
    """A note's pointer into the bibliography (filled by the bibliography stage).

    `start` and `end` delimit the citation in the note's Markdown text, so that
    `--citations pandoc` can put `[@id]` in its place.
    """

    id: str
    locator: str = ""
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Note:
    """One footnote of a chapter, whatever markup it came from.

    `label` is the label written in the output, `source_label` the one the
    reader saw in the source (empty for inline notes), `text` the note's
    Markdown, `markers` every place that cites it (empty: unreferenced).
    """

    label: str
    source_label: str
    text: str
    markers: tuple[Marker, ...]
    inline: bool = False
    references: tuple[Citation, ...] = ()
    line: int = 0
    column: int = 0


@dataclass(frozen=True)
class Link:
    """A link target found in a chapter, with where it stands."""

    url: str
    line: int
    column: int
    kind: LinkKind


@dataclass(frozen=True)
class Layout:
    """A chapter's normal form with its note markers left open, finished in its worker.

    `body` is the rendered body in which every resolved marker stands as
    `open + index + close`, `index` counting `Chapter.labels` in order (the
    delimiters are strings the chapter does not contain); `blocks` gives the
    type of each note's first block (how `[^n]:` may stand before it), and
    `link_definitions` the chapter's used link reference definitions as written
    at its end.  Both citation modes are plain substitutions into this.
    """

    body: str = ""
    open: str = "\ue100"
    close: str = "\ue101"
    blocks: tuple[str, ...] = ()
    link_definitions: str = ""


@dataclass(frozen=True)
class Chapter:
    """A reconciled chapter as its worker finished it: notes, links, anchors, layout.

    `labels` maps each resolved marker's key to the label of the note it cites;
    `anchors` holds the ids a `#fragment` may name in it; `relative_path` is the
    chapter's path below the directory it was found in (where `build` writes it).
    """

    source: Source
    title: str
    notes: tuple[Note, ...]
    links: tuple[Link, ...]
    labels: tuple[tuple[str, str], ...] = ()
    anchors: frozenset[str] = frozenset()
    layout: Layout = field(default_factory=Layout)
    diagnostics: tuple[Diagnostic, ...] = ()
    relative_path: str = ""

    @property
    def path(self) -> str:
        """The chapter file's path, as the user reached it."""
        return self.source.path

    @property
    def encoding(self) -> str:
        """The encoding the chapter file was read with."""
        return self.source.encoding
