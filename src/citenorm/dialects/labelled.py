"""Notes written as a paragraph that starts with the marker's own superscript.

Markers: Unicode superscript digits typed in the text (`pack ¹`) or
`<sup>1</sup>`.  Definitions: a paragraph that opens with the same label
(`¹ see the FAQ`, `<sup>1</sup> Source: …`).  A marker cites the first such
paragraph after it with its label, so two sections may each have their own
`¹`.  A superscript with no such paragraph after it is not a note (an exponent,
`m²`) and stays as written.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from markdown_it.token import Token

from .._parse import closing_index
from ._spellings import UNICODE_SUPERSCRIPTS, is_notes_heading, label_of, reads_as_exponent
from ._state import LiftState, RawDefinition
from .anchors import drop_orphan_heading

NAME = "labelled"

_BRACKETED_SUP = -2
"""Marker start of a `<sup>[1]</sup>` run (-1: any other `<sup>` run)."""
_LIST_SUP = -10
"""Marker start of the k-th label of a `<sup>1,2</sup>` run: _LIST_SUP - k."""
_LABEL_LIST = re.compile(r"\s*\d{1,4}(?:\s*[,;]\s*\d{1,4})+\s*")
_DIGITS = re.compile(r"\d+")

_UNICODE = re.compile(f"[{UNICODE_SUPERSCRIPTS}]+")
_UNICODE_START = re.compile(f"^([{UNICODE_SUPERSCRIPTS}]+)[.)]?[ \\t\\u00a0]+")
_BRACKET_START = re.compile(r"^\[([^\]\s]{1,6})\][ \t\u00a0]+")
_SUP_OPEN = re.compile(r"<sup>", re.IGNORECASE)
_SUP_CLOSE = re.compile(r"</sup>", re.IGNORECASE)


def detect(text: str) -> bool:
    """A chapter may hold such notes if it has superscript digits or `<sup>`."""
    return "<sup>" in text.lower() or any(digit in text for digit in UNICODE_SUPERSCRIPTS)


@dataclass(eq=False)
class _Note:
    """A note written with its label in front: a paragraph, one line of one, or a list item."""

    label: str
    place: tuple[int, int]
    build: Callable[[], list[Token]]
    remove: range
    line: int
    unicode_only: bool = False
    bracketed: bool = False
    numbered_list: int | None = None
    """For an item of a numbered notes list: where the list opens."""


def lift(state: LiftState) -> None:
    """Pair each superscript with the next note opening with its label; lift both."""
    tokens = state.tokens
    notes = _notes(tokens)
    if not notes:
        return
    places: dict[str, list[tuple[int, int]]] = {}
    by_place: dict[tuple[str, tuple[int, int]], _Note] = {}
    for note in notes:
        places.setdefault(note.label, []).append(note.place)
        by_place[(note.label, note.place)] = note
    skip = {index for note in notes for index in note.remove}
    cited: dict[int, list[tuple[Token, int, int, int]]] = {}
    for index, token in enumerate(tokens):
        if token.type != "inline" or index in skip or not token.children:
            continue
        for child_index, start, end, label in _split_runs(_markers(token.children), places):
            following = places.get(label, [])
            at = bisect.bisect_right(following, (index, len(tokens)))
            if at < len(following):
                note = by_place[(label, following[at])]
                if note.unicode_only and start < 0:
                    continue
                if note.bracketed and start != _BRACKETED_SUP:
                    continue
                cited.setdefault(id(note), []).append((token, child_index, start, end))
    cited = _without_partly_cited_lists(state, notes, _whole_lists(cited))
    if cited:
        _lift(state, [note for note in notes if id(note) in cited], cited)


def _without_partly_cited_lists(
    state: LiftState, notes: list[_Note], cited: dict[int, list[tuple[Token, int, int, int]]]
) -> dict[int, list[tuple[Token, int, int, int]]]:
    """Citations without those of a numbered notes list some item of which nothing
    cites: `N³` beside a list of references is an exponent, and lifting part of a
    list renumbers the rest.  Such a list stays whole; a superscript-mismatch
    warning says so unless every superscript that cites it reads as an exponent
    (after a digit, a bracket or a one-letter variable) and its first item is not
    cited."""
    lists: dict[int, list[_Note]] = {}
    for note in notes:
        if note.numbered_list is not None:
            lists.setdefault(note.numbered_list, []).append(note)
    for start, items in lists.items():
        found = [note for note in items if id(note) in cited]
        if not found or len(found) == len(items):
            continue
        exponents = all(_reads_as_exponent(*mark[:3]) for n in found for mark in cited[id(n)])
        for note in found:
            del cited[id(note)]
        if items[0] in found or not exponents:
            line = (state.tokens[start].map or [0])[0] + 1 + state.source.line_offset
            numbers = [note.label for note in found]
            state.warn(
                "superscript-mismatch",
                line,
                1,
                f"superscripts {numbers} cite {len(found)} of the {len(items)} notes listed "
                "here; left as written",
            )
    return cited


def _reads_as_exponent(token: Token, child_index: int, start: int) -> bool:
    """Whether a Unicode superscript at `start` of a text child reads as an exponent."""
    if start <= 0:
        return False
    content = (token.children or [])[child_index].content
    return reads_as_exponent(content[max(start - 2, 0) : start])


def _whole_lists(
    cited: dict[int, list[tuple[Token, int, int, int]]],
) -> dict[int, list[tuple[Token, int, int, int]]]:
    """Citations without those of a `<sup>1,2</sup>` list some label of which cites nothing:
    such a list stays as written, whole."""
    counts: dict[tuple[int, int], int] = {}
    for marks in cited.values():
        for token, child_index, start, _ in marks:
            if start <= _LIST_SUP:
                counts[(id(token), child_index)] = counts.get((id(token), child_index), 0) + 1
    broken = set()
    for marks in cited.values():
        for token, child_index, start, _ in marks:
            place = (id(token), child_index)
            if start <= _LIST_SUP:
                labels = _DIGITS.findall((token.children or [])[child_index + 1].content)
                if counts[place] != len(labels):
                    broken.add(place)
    result = {}
    for note, marks in cited.items():
        kept = [m for m in marks if m[2] > _LIST_SUP or (id(m[0]), m[1]) not in broken]
        if kept:
            result[note] = kept
    return result


def _split_runs(
    found: list[tuple[int, int, int, str]], places: dict[str, list[tuple[int, int]]]
) -> list[tuple[int, int, int, str]]:
    """`¹²` is two markers when notes ¹ and ² exist and no note ¹² does."""
    result = []
    for child_index, start, end, label in found:
        singles = [(child_index, start + i, start + i + 1, ch) for i, ch in enumerate(label)]
        if (
            start >= 0
            and len(label) > 1
            and label not in places
            and all(ch in places for ch in label)
        ):
            result.extend(singles)
        else:
            result.append((child_index, start, end, label))
    return result


def _notes(tokens: list[Token]) -> list[_Note]:
    """Every paragraph, paragraph line and list item that opens with a superscript label."""
    found: list[_Note] = []
    numbered: int | None = None
    list_start = 0
    for index, token in enumerate(tokens[:-2]):
        if token.type == "ordered_list_open" and token.level == 0:
            if is_notes_heading(tokens, index - 3):
                numbered = int(token.attrGet("start") or 1)
                list_start = index
        elif token.type == "ordered_list_close" and token.level == 0:
            numbered = None
        if token.type == "paragraph_open" and token.level == 0:
            found.extend(_paragraph_notes(tokens, index))
        elif token.type == "list_item_open" and token.level == 1:
            note = _item_note(tokens, index)
            if note is None and numbered is not None:
                note = _numbered_note(tokens, index, numbered, list_start)
            if note is not None:
                found.append(note)
            if numbered is not None:
                numbered += 1
    return found


def _numbered_note(tokens: list[Token], index: int, number: int, list_start: int) -> _Note:
    """An item of an ordered list under a notes heading: its number is its label."""
    end = closing_index(tokens, index)
    where = tokens[index].map
    return _Note(
        str(number),
        (index, 0),
        partial(_dedented, tokens[index + 1 : end]),
        range(index, end + 1),
        where[0] if where else 0,
        unicode_only=True,
        numbered_list=list_start,
    )


def _dedented(inner: list[Token]) -> list[Token]:
    for token in inner:
        token.level = max(token.level - 2, 0)
    return inner


def _paragraph_notes(tokens: list[Token], index: int) -> list[_Note]:
    opening, inline, closing = tokens[index : index + 3]
    lines: list[list[Token]] = [[]]
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            lines.append([])
        else:
            lines[-1].append(child)
    first_line = opening.map[0] if opening.map else 0
    groups: list[tuple[str, int, list[Token]]] = []
    bracketed = False
    for number, line in enumerate(lines):
        label = _leading_label(line)
        if label is None and (number == 0 or bracketed):
            label = _bracket_label(line)
            bracketed = bracketed or (label is not None)
        if label is not None:
            groups.append((label, number, list(line)))
        elif not groups:
            return []
        else:
            groups[-1][2].extend([Token("softbreak", "br", 0), *line])
    return [
        _Note(
            label,
            (index, number),
            partial(_paragraph, opening, inline, closing, children),
            range(index, index + 3),
            first_line + number,
            bracketed=bracketed,
        )
        for label, number, children in groups
    ]


def _item_note(tokens: list[Token], index: int) -> _Note | None:
    if tokens[index + 1].type != "paragraph_open":
        return None
    label = _leading_label(tokens[index + 2].children or [])
    if label is None:
        return None
    end = closing_index(tokens, index)
    where = tokens[index].map
    line = where[0] if where else 0
    return _Note(
        label, (index, 0), partial(_item, tokens[index + 1 : end]), range(index, end + 1), line
    )


def _item(inner: list[Token]) -> list[Token]:
    inner[1].children = _without_label(inner[1].children or [])
    for token in inner:
        token.level = max(token.level - 2, 0)
    return inner


def _paragraph(opening: Token, inline: Token, closing: Token, children: list[Token]) -> list[Token]:
    new_inline = Token("inline", "", 0, content=inline.content, children=_without_label(children))
    new_inline.map = inline.map
    return [opening, new_inline, closing]


def _without_label(children: list[Token]) -> list[Token]:
    children = list(children)
    if children and children[0].type == "text":
        content, count = _UNICODE_START.subn("", children[0].content, count=1)
        if not count:
            content = _BRACKET_START.sub("", content, count=1)
        children[0] = Token("text", "", 0, content=content)
    else:
        children = children[3:]
        if children and children[0].type == "text":
            children[0].content = children[0].content.lstrip(" \t\u00a0.)")
    return [c for c in children if c.type != "text" or c.content]


def _bracket_label(children: list[Token]) -> str | None:
    """The label of a note line written `[1] text`: cited only by `<sup>[1]</sup>`."""
    first = children[0] if children else None
    if first is None or first.type != "text":
        return None
    match = _BRACKET_START.match(first.content)
    return label_of(match.group(1)) if match else None


def _leading_label(children: list[Token]) -> str | None:
    if not children:
        return None
    first = children[0]
    if first.type == "text":
        match = _UNICODE_START.match(first.content)
        return label_of(match.group(1)) if match else None
    if (
        len(children) > 3
        and first.type == "html_inline"
        and _SUP_OPEN.fullmatch(first.content)
        and children[1].type == "text"
        and children[2].type == "html_inline"
        and _SUP_CLOSE.fullmatch(children[2].content)
        and children[3].type == "text"
        and children[3].content[:1] in (" ", "\t", "\u00a0", ".", ")")
    ):
        # `<sup>1</sup> Source: …` is a note; `<sup>13</sup>C spectra` is not.
        return label_of(children[1].content)
    return None


def _markers(children: list[Token]) -> list[tuple[int, int, int, str]]:
    """(child index, start, end, label) of every superscript label; start/end in a text
    child for Unicode digits, -1 for a `<sup>` run of three children."""
    found = []
    depth = 0
    for index, child in enumerate(children):
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            depth -= 1
        if depth:
            continue
        if child.type == "text":
            for match in _UNICODE.finditer(child.content):
                label = label_of(match.group(0))
                if label is not None:
                    found.append((index, match.start(), match.end(), label))
        elif (
            child.type == "html_inline"
            and _SUP_OPEN.fullmatch(child.content)
            and index + 2 < len(children)
            and children[index + 1].type == "text"
            and children[index + 2].type == "html_inline"
            and _SUP_CLOSE.fullmatch(children[index + 2].content)
        ):
            text = children[index + 1].content
            label = label_of(text)
            if _LABEL_LIST.fullmatch(text):
                for k, item in enumerate(_DIGITS.findall(text)):
                    found.append((index, _LIST_SUP - k, _LIST_SUP - k, item))
            elif label is not None and label.isdecimal():
                kind = _BRACKETED_SUP if text.strip().startswith("[") else -1
                found.append((index, kind, kind, label))
    return found


def _lift(
    state: LiftState,
    notes: list[_Note],
    cited: dict[int, list[tuple[Token, int, int, int]]],
) -> None:
    tokens = state.tokens
    replacements: dict[int, list[tuple[int, int, int, str, str]]] = {}
    drop: set[int] = set()
    for note in notes:
        key = f"labelled:{note.place[0]}:{note.place[1]}"
        position = state.locator.position(state.locator.offset_of_line(note.line))
        state.definitions.append(RawDefinition(key, note.label, note.build(), *position))
        drop.update(note.remove)
        for token, child_index, start, end in cited[id(note)]:
            replacements.setdefault(id(token), []).append(
                (child_index, start, end, key, note.label)
            )
    for token in tokens:
        if token.type == "inline" and id(token) in replacements:
            _replace(state, token, replacements[id(token)])
    kept = [t for i, t in enumerate(tokens) if i not in drop]
    state.tokens = drop_orphan_heading(drop_empty_lists(kept))


def _replace(state: LiftState, token: Token, marks: list[tuple[int, int, int, str, str]]) -> None:
    """Replace the marked superscripts of one inline, right to left."""
    children = list(token.children or [])
    scanner = state.locator.scanner(token)
    positions: dict[tuple[int, int], tuple[str, tuple[int, int]]] = {}
    runs: dict[int, tuple[str, tuple[int, int]]] = {}
    for child_index, start, end, _, _ in sorted(marks, key=_in_text_order):
        child = children[child_index]
        raw = (
            child.content[start:end]
            if start >= 0
            else "".join(c.content for c in children[child_index : child_index + 3])
        )
        if start > _LIST_SUP:
            positions[(child_index, start)] = (raw, scanner.find(raw))
            continue
        if child_index not in runs:
            runs[child_index] = (raw, scanner.find(raw))
        raw, (line, column) = runs[child_index]
        positions[(child_index, start)] = (raw, (line, column + _LIST_SUP - start))
    made: dict[int, list[Token]] = {}
    for child_index, start, end, key, label in sorted(marks, key=_in_text_order, reverse=True):
        raw, position = positions[(child_index, start)]
        marker = state.add_marker(key, label, raw, position)
        if start <= _LIST_SUP:
            # A list's labels come last first; its run is whole at its first label.
            run = made.setdefault(child_index, [])
            run[:0] = [marker, Token("text", "", 0, content=",")] if run else [marker]
            if start == _LIST_SUP:
                children[child_index : child_index + 3] = run
            continue
        if start < 0:
            children[child_index : child_index + 3] = [marker]
            continue
        text = children[child_index]
        before = Token("text", "", 0, content=text.content[:start])
        after = Token("text", "", 0, content=text.content[end:])
        children[child_index : child_index + 1] = [
            t for t in (before, marker, after) if t.type != "text" or t.content
        ]
    token.children = children


def _in_text_order(mark: tuple[int, int, int, str, str]) -> tuple[int, int]:
    """Marks as they stand in the text: a list's k-th label after its (k-1)-th."""
    child_index, start = mark[0], mark[1]
    return (child_index, _LIST_SUP - start if start <= _LIST_SUP else start)


def drop_empty_lists(tokens: list[Token]) -> list[Token]:
    """The token stream without lists whose every item was lifted out."""
    result: list[Token] = []
    for token in tokens:
        if (
            token.type in ("bullet_list_close", "ordered_list_close")
            and result
            and (result[-1].type == token.type.replace("_close", "_open"))
        ):
            result.pop()
            continue
        result.append(token)
    return result
