"""What the dialects share: the lifting state and the placeholders they leave behind."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .._locate import Locator
from .._model import Diagnostic, Source

NOTE_REF = "note_ref"
"""The token type every dialect puts where a note marker stood."""


@dataclass
class RawMarker:
    """A marker as lifted: the key it cites and where it stands."""

    key: str
    source_label: str
    line: int
    column: int
    token: Token


@dataclass
class RawDefinition:
    """A note definition as lifted: its key, label, block tokens and position."""

    key: str
    source_label: str
    tokens: list[Token]
    line: int
    column: int
    inline: bool = False


@dataclass
class LiftState:
    """The chapter being lifted: dialects replace markup in `tokens` and record notes."""

    md: MarkdownIt
    source: Source
    text: str
    tokens: list[Token]
    env: dict[str, object]
    locator: Locator
    markers: list[RawMarker] = field(default_factory=list)
    definitions: list[RawDefinition] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def inline_blocks(self) -> Iterator[Token]:
        """Every inline token, in the body and inside lifted definitions."""
        for token in self.tokens:
            if token.type == "inline":
                yield token
        for definition in self.definitions:
            for token in definition.tokens:
                if token.type == "inline":
                    yield token

    def add_marker(self, key: str, source_label: str, raw: str, position: tuple[int, int]) -> Token:
        """Record a marker and return the `note_ref` token that replaces it."""
        line, column = position
        offset = self.locator.offset_of_line(line - 1 - self.locator.line_offset) + column - 1
        token = Token(NOTE_REF, "", 0, meta={"key": key, "raw": raw, "offset": offset})
        self.markers.append(RawMarker(key, source_label, position[0], position[1], token))
        return token

    def parse_fragment(self, text: str, first_line: int) -> list[Token]:
        """Parse part of the body (starting at 0-based body line `first_line`) as Markdown."""
        tokens = self.md.parse(text, self.env)
        for token in tokens:
            if token.map:
                token.map = [token.map[0] + first_line, token.map[1] + first_line]
        return tokens

    def parse_inline(self, text: str) -> list[Token]:
        """Parse text as the children of one inline token (a note's or a paragraph's)."""
        children: list[Token] = []
        self.md.inline.parse(text, self.md, self.env, children)
        return joined_text(children)

    def warn(self, code: str, line: int, column: int, message: str) -> None:
        """Record a warning diagnostic at a file position."""
        self.diagnostics.append(
            Diagnostic("warning", code, self.source.path, line, column, message)
        )


def joined_text(children: list[Token]) -> list[Token]:
    """Inline children parsed outside markdown-it's core chain, whose `text_join` would
    have made their escapes and entities (`text_special`) plain text: made so here."""
    for child in children:
        if child.type == "text_special":
            child.type = "text"
    return children
