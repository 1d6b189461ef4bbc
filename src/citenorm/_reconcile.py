"""Reconcile stage: match markers to definitions, number the notes, report the rest.

Nothing is dropped: a marker without a definition stays as written (error), a
definition nothing cites is kept and numbered after the cited ones (warning),
and a second definition of a label is kept as its own unreferenced note (error).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ._model import Diagnostic, Marker, Note, Numbering
from ._render import footnote_markers, render
from .dialects import RawDefinition, RawMarker


@dataclass(frozen=True)
class Reconciled:
    """The chapter's notes in output order, the label of each marker key, the findings."""

    notes: list[Note]
    labels: dict[str, str]
    definitions: list[tuple[str, RawDefinition]]
    diagnostics: list[Diagnostic]


def reconcile(
    path: str,
    markers: Sequence[RawMarker],
    definitions: Sequence[RawDefinition],
    numbering: Numbering,
    references: Mapping[str, Any] | None = None,
) -> Reconciled:
    """Match markers to definitions by key and choose every note's output label."""
    diagnostics: list[Diagnostic] = []
    by_key: dict[str, RawDefinition] = {}
    duplicates: list[RawDefinition] = []
    for definition in definitions:
        if definition.key in by_key:
            first = by_key[definition.key]
            duplicates.append(definition)
            diagnostics.append(
                Diagnostic(
                    "error",
                    "duplicate-definition",
                    path,
                    definition.line,
                    definition.column,
                    f"note [^{definition.source_label}] is defined again (first at line "
                    f"{first.line}); the markers cite the first, this one is kept unreferenced",
                )
            )
        else:
            by_key[definition.key] = definition

    ordered_markers = sorted(markers, key=lambda m: (m.line, m.column))
    cited: dict[str, list[RawMarker]] = {}
    unresolved: list[RawMarker] = []
    for marker in ordered_markers:
        if marker.key in by_key:
            cited.setdefault(marker.key, []).append(marker)
        else:
            unresolved.append(marker)
            diagnostics.append(
                Diagnostic(
                    "error",
                    "missing-definition",
                    path,
                    marker.line,
                    marker.column,
                    f"note marker {marker.token.meta['raw']} has no definition; left as written",
                )
            )

    uncited = [d for key, d in by_key.items() if key not in cited]
    for definition in uncited:
        diagnostics.append(
            Diagnostic(
                "warning",
                "unreferenced-definition",
                path,
                definition.line,
                definition.column,
                f"note [^{definition.source_label}] is cited by no marker; kept at the end",
            )
        )

    order = [by_key[key] for key in cited] + uncited + duplicates
    # An unresolved `[^x]` is written back as `[^x]`, so no note may take label x;
    # unresolved HTML markers are written back as HTML and collide with nothing.
    taken = {m.source_label for m in unresolved if m.token.meta["raw"] == f"[^{m.source_label}]"}
    # An uncited note is paired with an unresolved marker of its label on the next
    # build (see `_lift._pair_by_label`), so it takes no such label either.
    loose = {m.source_label for m in unresolved}
    labels = _choose_labels(order, numbering, taken, loose, first_uncited=len(cited))
    marker_labels = {key: labels[index] for index, key in enumerate(cited)}
    marker_texts = footnote_markers(marker_labels)
    notes = [
        Note(
            label=label,
            source_label=definition.source_label,
            text=render(definition.tokens, marker_texts, references, finalize=False),
            markers=tuple(
                Marker(m.line, m.column)
                for m in (
                    cited.get(definition.key, []) if by_key[definition.key] is definition else []
                )
            ),
            inline=definition.inline,
            line=definition.line,
            column=definition.column,
        )
        for label, definition in zip(labels, order, strict=True)
    ]
    diagnostics.extend(
        Diagnostic(
            "warning",
            "empty-note",
            path,
            note.line,
            note.column,
            f"note [^{note.source_label}] has no text (lost in an export?); kept empty",
        )
        for note in notes
        if not note.text.strip()
    )
    return Reconciled(notes, marker_labels, list(zip(labels, order, strict=True)), diagnostics)


def _choose_labels(
    order: Sequence[RawDefinition],
    numbering: Numbering,
    taken: set[str],
    loose: Collection[str] = (),
    first_uncited: int = 0,
) -> list[str]:
    """Output labels in note order: 1..n, or the source labels made unique.

    Labels still used by unresolved markers are skipped (`taken`; from the
    note at `first_uncited` on, `loose` as well), so that a rebuild never turns
    a dangling marker into a citation of the wrong note.
    """
    labels: list[str] = []
    used = set(taken)
    number = 0
    for index, definition in enumerate(order):
        if index == first_uncited:
            used.update(loose)
        if numbering is Numbering.KEEP and definition.source_label:
            base = label = _safe_label(definition.source_label)
            suffix = 1
            while label in used:
                suffix += 1
                label = f"{base}-{suffix}"
        else:
            number += 1
            while str(number) in used:
                number += 1
            label = str(number)
        used.add(label)
        labels.append(label)
    return labels


def _safe_label(label: str) -> str:
    """A label the footnote syntax can hold: no spaces or brackets."""
    return re.sub(r"[\s\[\]^]+", "-", label).strip("-") or "note"
