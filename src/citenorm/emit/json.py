"""The JSON export: chapters with their notes and links, references, diagnostics.

Its shape is fixed by `citenorm/schemas/export.schema.json`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields
from importlib import resources
from typing import Any

import orjson

from .._model import Chapter, Diagnostic, Link, Note

_LINK_FIELDS = tuple(f.name for f in fields(Link))
_DIAGNOSTIC_FIELDS = tuple(f.name for f in fields(Diagnostic))


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
        "links": [{name: getattr(link, name) for name in _LINK_FIELDS} for link in chapter.links],
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
        "diagnostics": [
            {name: getattr(diagnostic, name) for name in _DIAGNOSTIC_FIELDS}
            for diagnostic in diagnostics
        ],
    }


def dumps(document: object, *, sort_keys: bool = True) -> str:
    """Serialise deterministically: two-space indent, UTF-8 text, final newline.

    The text is what `json.dumps(document, ensure_ascii=False, indent=2,
    sort_keys=sort_keys)` writes, plus the newline; orjson writes it in C (the
    standard library's encoder falls back to pure Python when indenting).  The
    two agree on every document of strings, integers, booleans, None, lists and
    dicts (the exports hold no floats, whose spelling differs); what orjson
    refuses (a lone surrogate, an integer past 64 bits, a key that is not a
    string) is written by the standard library, as before.
    """
    option = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
    if sort_keys:
        option |= orjson.OPT_SORT_KEYS
    try:
        return orjson.dumps(document, option=option).decode("utf-8")
    except orjson.JSONEncodeError:
        return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=sort_keys) + "\n"


def schema() -> dict[str, Any]:
    """The JSON Schema of the export, as shipped in the package."""
    text = resources.files("citenorm").joinpath("schemas/export.schema.json").read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document
