"""The JSON export: chapters with their notes and links, references, diagnostics.

Its shape is fixed by `citenorm/schemas/export.schema.json`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from importlib import resources
from typing import Any

from .._model import Chapter, Diagnostic, Note


def note_dict(note: Note) -> dict[str, Any]:
    """One note as exported."""
    return {
        "label": note.label,
        "source_label": note.source_label,
        "text": note.text,
        "markers": [{"line": m.line, "column": m.column} for m in note.markers],
        "inline": note.inline,
        "references": [{"id": c.id, "locator": c.locator} for c in note.references],
    }


def chapter_dict(chapter: Chapter) -> dict[str, Any]:
    """One chapter as exported."""
    return {
        "path": chapter.path,
        "title": chapter.title,
        "encoding": chapter.encoding,
        "notes": [note_dict(note) for note in chapter.notes],
        "links": [asdict(link) for link in chapter.links],
    }


def corpus_dict(
    chapters: Sequence[Chapter],
    references: Sequence[dict[str, Any]],
    diagnostics: Sequence[Diagnostic],
) -> dict[str, Any]:
    """The whole export document."""
    return {
        "chapters": [chapter_dict(chapter) for chapter in chapters],
        "references": list(references),
        "diagnostics": [asdict(diagnostic) for diagnostic in diagnostics],
    }


def dumps(document: dict[str, Any]) -> str:
    """Serialise deterministically: sorted keys, two-space indent, UTF-8 text, final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def schema() -> dict[str, Any]:
    """The JSON Schema of the export, as shipped in the package."""
    text = resources.files("citenorm").joinpath("schemas/export.schema.json").read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document
