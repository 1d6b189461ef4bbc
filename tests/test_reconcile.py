"""Reconciliation: numbering policies and the diagnostics for what does not match."""

from __future__ import annotations

import citenorm
from tests.dialects.helpers import chapter_of

TEXT = "A[^x] B[^9] C[^1]\n\n[^1]: One.\n\n[^x]: Ex.\n\n[^orphan]: O.\n\n[^1]: Again.\n"


def test_renumbering_skips_labels_of_unresolved_markers() -> None:
    out = citenorm.normalize("A[^a] B[^2] C[^b]\n\n[^a]: Alpha.\n\n[^b]: Beta.\n")
    assert out == "A[^1] B[^2] C[^3]\n\n[^1]: Alpha.\n\n[^3]: Beta.\n"


def test_keep_numbering_keeps_source_labels_and_makes_duplicates_unique() -> None:
    out = citenorm.normalize(TEXT, numbering="keep")
    assert out.split("\n\n")[1:] == ["[^x]: Ex.", "[^1]: One.", "[^orphan]: O.", "[^1-2]: Again.\n"]
    assert citenorm.normalize(out, numbering="keep") == out


def test_every_outcome_has_its_diagnostic() -> None:
    chapter = chapter_of(TEXT)
    found = [(d.severity, d.code, d.line, d.column) for d in chapter.diagnostics]
    assert found == [
        ("error", "missing-definition", 1, 8),
        ("warning", "unreferenced-definition", 7, 1),
        ("error", "duplicate-definition", 9, 1),
    ]
    assert [(n.label, n.source_label, len(n.markers)) for n in chapter.notes] == [
        ("1", "x", 1),
        ("2", "1", 1),
        ("3", "orphan", 0),
        ("4", "1", 0),
    ]


def test_nothing_is_dropped() -> None:
    out = citenorm.normalize(TEXT)
    for text in ["One.", "Ex.", "O.", "Again.", "[^9]"]:
        assert text in out


def test_an_unused_link_definition_is_reported() -> None:
    chapter = chapter_of("Text [used][a].\n\n[a]: https://a.org\n[Unused Ref]: https://b.org\n")
    [diagnostic] = chapter.diagnostics
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("unused-link-definition", 4, 1)
    assert "[unused ref]" in diagnostic.message


def test_a_link_only_pandoc_reads_before_a_note_keeps_its_definition() -> None:
    """`[switch][^why]` is text and a note to CommonMark, a link and a note to pandoc:
    the definition stays so that each reads what it read before."""
    text = "Add a [switch][^why] here.\n\n[switch]: https://example.org/s\n\n[^why]: Why.\n"
    out = citenorm.normalize(text)
    assert out == "Add a [switch][^1] here.\n\n[^1]: Why.\n\n[switch]: https://example.org/s\n"
    assert not chapter_of(text).diagnostics
    escaped = text.replace("[switch][", "\\[switch\\][")
    assert [d.code for d in chapter_of(escaped).diagnostics] == ["unused-link-definition"]


def test_an_empty_note_is_kept_and_reported() -> None:
    """GitBook and some Word exports lose a note's text and leave `[^1]:` behind."""
    chapter = chapter_of("Claim.[^1] Other.[^2]\n\n[^1]:\n\n[^2]: Text.\n")
    found = [(d.severity, d.code, d.line) for d in chapter.diagnostics]
    assert found == [("warning", "empty-note", 3)]
    assert [n.text for n in chapter.notes] == ["", "Text."]
