"""The JSON export: chapters with their notes and links, references, diagnostics.

Its shape is fixed by `citenorm/schemas/export.schema.json`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
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


def corpus_sections(
    chapters: Iterable[Chapter],
    references: Iterable[dict[str, Any]],
    diagnostics: Iterable[Diagnostic],
) -> dict[str, Iterable[dict[str, Any]]]:
    """The export document's three lists, each item made only when it is read."""
    return {
        "chapters": (chapter_dict(chapter) for chapter in chapters),
        "references": references,
        "diagnostics": (
            {name: getattr(diagnostic, name) for name in _DIAGNOSTIC_FIELDS}
            for diagnostic in diagnostics
        ),
    }


def corpus_dict(
    chapters: Sequence[Chapter],
    references: Sequence[dict[str, Any]],
    diagnostics: Sequence[Diagnostic],
) -> dict[str, Any]:
    """The whole export document."""
    return {
        key: list(items)
        for key, items in corpus_sections(chapters, references, diagnostics).items()
    }


def corpus_json(
    chapters: Iterable[Chapter],
    references: Iterable[dict[str, Any]],
    diagnostics: Iterable[Diagnostic],
) -> str:
    """`dumps(corpus_dict(...))`, written one chapter, reference and diagnostic at a time."""
    return dumps_sections(corpus_sections(chapters, references, diagnostics))


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


def dumps_items(items: Iterable[object], *, sort_keys: bool = True) -> str:
    """`dumps(list(items))`, each item made and written on its own.

    A large export is never held whole as Python data: each item's dicts are
    freed once written, so the garbage collector does not walk them again and
    again while the rest is built (half the time of a 2,000-chapter JSON export).
    """
    written = [_nested(item, "  ", sort_keys) for item in items]
    return "[\n  " + ",\n  ".join(written) + "\n]\n" if written else "[]\n"


def dumps_sections(sections: Mapping[str, Iterable[object]], *, sort_keys: bool = True) -> str:
    """`dumps` of a dict of lists (`{key: list(items)}`), each item written on its own."""
    parts = []
    for key in sorted(sections) if sort_keys else sections:
        written = [_nested(item, "    ", sort_keys) for item in sections[key]]
        value = "[\n    " + ",\n    ".join(written) + "\n  ]" if written else "[]"
        parts.append(f"  {_nested(key, '', sort_keys)}: {value}")
    return "{\n" + ",\n".join(parts) + "\n}\n" if parts else "{}\n"


def _nested(value: object, indent: str, sort_keys: bool) -> str:
    """`dumps(value)` as written `indent` deep in an enclosing document.

    JSON text holds no raw newline inside a string, so every newline in it
    starts one of the value's own lines: indenting them nests the value.
    """
    return dumps(value, sort_keys=sort_keys)[:-1].replace("\n", "\n" + indent)


def schema() -> dict[str, Any]:
    """The JSON Schema of the export, as shipped in the package."""
    text = resources.files("citenorm").joinpath("schemas/export.schema.json").read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document
