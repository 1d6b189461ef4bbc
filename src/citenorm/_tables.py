"""Ragged pipe tables: pad the header so that no body cell is dropped.

markdown-it (like every CommonMark table implementation and pandoc) sizes a
table by its header row and silently drops the body cells beyond it.  Padding
the header and delimiter rows in the source keeps every cell.
"""

from __future__ import annotations

from markdown_it.token import Token

from ._model import Diagnostic, Source


def split_cells(line: str) -> list[str]:
    """Split a table row into cells the way markdown-it does: a pipe right after a
    backslash does not split, even when that backslash is itself escaped (`\\\\|`)."""
    stripped = line.strip()
    if stripped.startswith("|"):
        stripped = stripped[1:]
    if stripped.endswith("|") and not stripped.endswith("\\|"):
        stripped = stripped[:-1]
    cells: list[str] = []
    current: list[str] = []
    escaped = False
    for char in stripped:
        if char == "|" and not escaped:
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
        escaped = char == "\\"
    cells.append("".join(current))
    return cells


def _pad_row(line: str, missing: int, filler: str) -> str:
    row = line.rstrip()
    if not row.endswith("|") or row.endswith("\\|"):
        row += " |"
    return row + f" {filler} |" * missing


def repair_tables(source: Source, tokens: list[Token]) -> tuple[str, list[Diagnostic]]:
    """Return the body text with every ragged table's header padded, and a diagnostic each."""
    lines = source.text.split("\n")
    diagnostics: list[Diagnostic] = []
    for token in tokens:
        if token.type != "table_open" or token.map is None:
            continue
        start, end = token.map
        header = len(split_cells(lines[start]))
        widest = max((len(split_cells(line)) for line in lines[start + 2 : end]), default=0)
        if widest <= header:
            continue
        missing = widest - header
        lines[start] = _pad_row(lines[start], missing, "")
        lines[start + 1] = _pad_row(lines[start + 1], missing, "---")
        diagnostics.append(
            Diagnostic(
                "warning",
                "table-ragged",
                source.path,
                start + 1 + source.line_offset,
                1,
                f"table header has {header} cell(s) but a row has {widest}; "
                f"header padded with {missing} empty cell(s) so no cell is dropped",
            )
        )
    return "\n".join(lines), diagnostics
