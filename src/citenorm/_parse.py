"""Parse stage: one configured markdown-it-py parser, and the block-level repairs.

The parser reads CommonMark with pipe tables, footnotes (definitions kept where
they stand, every `[^x]` a reference even without a definition, so that the
lifting stage sees and reports them all) and `{#id .class}` heading attributes.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from ._inline_rules import use_linear_rules
from ._model import Diagnostic, Source
from ._tables import repair_tables

_ATTRIBUTE = r"(?:#[^\s{}]+|\.[^\s{}]+|[\w-]+=[^\s{}]+)"
# Attributes are separated by blanks, so each is one run of non-blanks: no two ways to split.
# `{: #id}` is kramdown's and Python-Markdown attr_list's spelling of `{#id}`.
_HEADING_ATTRS = re.compile(rf"\{{:?[ \t]*({_ATTRIBUTE}(?:[ \t]+{_ATTRIBUTE})*)[ \t]*\}}")


MAX_NESTING = 100
"""Deepest nesting of blockquotes and lists read.  markdown-it drops whatever lies
deeper without a word, so a chapter that reaches it is refused instead."""


class TooDeep(ValueError):
    """The chapter nests blocks deeper than `MAX_NESTING`."""


class TooDense(TooDeep):
    """The chapter holds so much inline markup that its token tree would not fit the
    memory budget (refused like a chapter nested too deep, and reported the same way)."""


MARKUP = "*_[]<`&!^\\"
"""Characters each of which may become an inline token of its own."""
BYTES_PER_MARKUP = 1000
"""Measured peak memory per markup character (token, render tree node, strings)."""
MEMORY_BUDGET_PER_BYTE = 64
MEMORY_BUDGET_FLOOR = 256_000_000
"""A chapter may cost `MEMORY_BUDGET_PER_BYTE` times its size, or this much, whichever is
more: it is refused only when it holds over 256,000 markup characters and they are over
6.4 % of its text.  Prose holds 1-4 % markup (and costs about 40x its size)."""


def make_parser() -> MarkdownIt:
    """Build the parser every stage shares; make one per process and pass it along."""
    md = MarkdownIt("commonmark", {"store_labels": True, "maxNesting": MAX_NESTING})
    md.enable("table")
    md.use(footnote_plugin, move_to_end=False, always_match_refs=True)
    use_linear_rules(md)
    md.core.ruler.before("inline", "heading_attrs", _heading_attrs)
    md.core.ruler.before("text_join", "record_escapes", _record_escapes)
    return md


ESCAPES = "citenorm_escapes"
"""Key of an inline token's `meta`: its backslash escapes and character references as
the parser read them, `(markup, text)` in order (see `_record_escapes`)."""


def _record_escapes(state: StateCore) -> None:
    """Keep, on each inline token, the escapes and character references read in it.

    `text_join` folds them into plain text; the record lets a block be written
    back from its source with only these edited (`_verbatim`) instead of rendered.
    """
    for token in state.tokens:
        if token.type == "inline" and ("\\" in token.content or "&" in token.content):
            token.meta[ESCAPES] = tuple(
                (child.markup, child.content)
                for child in token.children or ()
                if child.type == "text_special"
            )


@dataclass
class Parsed:
    """The body's token stream, the text it was parsed from, and what repairs said."""

    tokens: list[Token]
    text: str
    env: dict[str, object]
    diagnostics: list[Diagnostic]


def parse(md: MarkdownIt, source: Source) -> Parsed:
    """Parse a chapter body, repairing ragged tables first so no cell is lost."""
    _check_density(source)
    env: dict[str, object] = {}
    tokens = md.parse(source.text, env)
    deepest = max(
        (token for token in tokens if token.nesting == 1), key=lambda t: t.level, default=None
    )
    if deepest is not None and deepest.level >= MAX_NESTING - 2:
        line = (deepest.map[0] if deepest.map else 0) + 1 + source.line_offset
        raise TooDeep(
            f"blocks nested more than {MAX_NESTING - 2} deep at line {line}; "
            "the parser would drop what lies deeper"
        )
    text, diagnostics = repair_tables(source, tokens)
    if text != source.text:
        spliced = _reparse_tables(md, source.text, text, tokens, env)
        if spliced is None:
            env = {}
            tokens = []  # free the first parse before the second (they are 16x the text each)
            tokens = md.parse(text, env)
        else:
            tokens = spliced
    return Parsed(tokens, text, env, diagnostics + _duplicate_definitions(source, env))


def _reparse_tables(
    md: MarkdownIt, before: str, after: str, tokens: list[Token], env: dict[str, object]
) -> list[Token] | None:
    """`tokens` with each repaired top-level table parsed again from its own lines.

    A repair pads a table's header and delimiter rows and changes no other line,
    so the table keeps its extent and the blocks around it parse as they did:
    parsing its lines alone is enough, where parsing the whole chapter again
    cost a third more time on chapters with a ragged table.  None when a
    repaired table is nested (its lines hold a container's markers) or does not
    come back as exactly one table: the caller then parses the whole text again.
    """
    old_lines, new_lines = before.split("\n"), after.split("\n")
    result: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type != "table_open" or token.map is None:
            result.append(token)
            index += 1
            continue
        close = closing_index(tokens, index)
        start, end = token.map
        if old_lines[start] == new_lines[start]:
            result.extend(tokens[index : close + 1])
        elif token.level != 0:
            return None
        else:
            table = md.parse("\n".join(new_lines[start:end]), env)
            if not table or table[0].type != "table_open" or table[-1].type != "table_close":
                return None
            if closing_index(table, 0) != len(table) - 1 or table[0].map != [0, end - start]:
                return None
            for part in table:
                if part.map is not None:
                    part.map = [part.map[0] + start, part.map[1] + start]
            result.extend(table)
        index = close + 1
    return result


def closing_index(tokens: list[Token], opening: int) -> int:
    """The index of the token that closes `tokens[opening]` (the last token if none does)."""
    depth = 0
    for index in range(opening, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


def _check_density(source: Source) -> None:
    """Refuse a chapter whose inline markup would cost more memory than the budget."""
    markup = sum(map(source.text.count, MARKUP))
    budget = max(MEMORY_BUDGET_PER_BYTE * len(source.text), MEMORY_BUDGET_FLOOR)
    if markup * BYTES_PER_MARKUP > budget:
        raise TooDense(
            f"{markup:,} inline markup characters ({markup / max(len(source.text), 1):.0%} "
            f"of the text) would need about {markup * BYTES_PER_MARKUP / 1e6:,.0f} MB to "
            f"parse; the limit is {budget / 1e6:,.0f} MB"
        )


def _duplicate_definitions(source: Source, env: dict[str, object]) -> list[Diagnostic]:
    """A second link reference definition of a label is ignored by every reader
    (the first wins) and so is not written: say so."""
    duplicates = env.get("duplicate_refs")
    if not isinstance(duplicates, list):
        return []
    return [
        Diagnostic(
            "warning",
            "duplicate-link-definition",
            source.path,
            duplicate["map"][0] + 1 + source.line_offset,
            1,
            f"link reference definition [{str(duplicate['label']).lower()}] is defined "
            "again here; the first definition wins and this one is not written",
        )
        for duplicate in duplicates
    ]


def heading_attributes(content: str) -> tuple[str, list[tuple[str, str]]]:
    """Split a trailing `{#id .class key=value}` (or `{: …}`) off a heading's text."""
    # Only the last brace can open trailing attributes: match there, not at every position.
    match = _HEADING_ATTRS.fullmatch(content, max(content.rfind("{"), 0))
    if not match:
        return content, []
    attrs: list[tuple[str, str]] = []
    classes: list[str] = []
    for part in match.group(1).split():
        if part.startswith("#"):
            attrs.append(("id", part[1:]))
        elif part.startswith("."):
            classes.append(part[1:])
        else:
            key, _, value = part.partition("=")
            attrs.append((key, value.strip("\"'")))
    if classes:
        attrs.append(("class", " ".join(classes)))
    return content[: match.start()].rstrip(), attrs


def _heading_attrs(state: StateCore) -> None:
    for opening, inline in itertools.pairwise(state.tokens):
        if opening.type == "heading_open" and inline.type == "inline":
            inline.content, attrs = heading_attributes(inline.content)
            for key, value in attrs:
                opening.attrSet(key, value)
