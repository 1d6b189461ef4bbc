"""Reference strings in, structured references out: what `normalize refs` does.

One reference string a line (Markdown or plain); each is read by the sequence
model and written as CSL-JSON (what pandoc and Zotero read), BibLaTeX, or a
plain table for a person to check.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ._bibtex import to_bibtex
from ._match import assign_keys
from ._model import FullCitation, Reference
from ._parse import parse_citation

FORMATS = ("csl-json", "biblatex", "table")
_COLUMNS = ("key", "type", "author", "year", "title", "container", "publisher", "volume", "issue",
            "pages", "DOI/URL")  # fmt: skip


def parse_references(lines: Iterable[str]) -> list[Reference]:
    """A reference per non-blank line, keyed as the bibliography keys works."""
    found: list[Reference] = []
    for line in lines:
        text = line.strip()
        if not text:
            continue
        citation = parse_citation(text)
        if isinstance(citation, FullCitation):
            found.append(citation.reference)
        else:  # a string the model cannot read whole still comes out, as its own title
            found.append(Reference(title=text))
    keys = assign_keys(found, ())
    return [replace(reference, id=key) for reference, key in zip(found, keys, strict=True)]


def format_references(references: Sequence[Reference], to: str) -> str:
    """The references as `csl-json`, `biblatex` or a tab-separated `table`."""
    if to == "csl-json":
        return json.dumps([r.to_csl() for r in references], ensure_ascii=False, indent=2) + "\n"
    if to == "biblatex":
        return to_bibtex(references) if references else ""
    if to == "table":
        rows = ["\t".join(_COLUMNS)]
        rows.extend("\t".join(_row(reference)) for reference in references)
        return "\n".join(rows) + "\n"
    raise ValueError(f"unknown format {to!r} (one of {', '.join(FORMATS)})")


def _row(reference: Reference) -> list[str]:
    authors = "; ".join(
        n.literal or (f"{n.family}, {n.given}" if n.given else n.family) for n in reference.author
    )
    values = [
        reference.id,
        reference.type,
        authors,
        str(reference.year or ""),
        reference.title,
        reference.container_title,
        reference.publisher,
        reference.volume,
        reference.issue,
        reference.page,
        reference.doi or reference.url,
    ]
    return [v.replace("\t", " ").replace("\n", " ") for v in values]
