"""A reference string as tokens with their layout: italics, quotes, brackets, position.

The sequence model labels these tokens; rules read URLs and DOIs whole, so a
URL or DOI is one token.  Everything here is a single left-to-right pass
(linear in the length of the text): no regular expression with nested
quantifiers runs over user text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# One token: a URL or DOI (whole), a word (letters, with inner apostrophes), a run of
# digits, or any other single non-space character.  Each alternative is a flat run.
_TOKEN = re.compile(
    r"(?P<url>(?:https?://|www\.)[^\s<>]+|(?:doi:\s?)?10\.\d{4,9}/[^\s<>]+)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)?)"
    r"|(?P<digits>\d+)"
    r"|(?P<other>\S)",
    re.IGNORECASE,
)
_TRAILING = ".,;:)]>’”\"'*_"
_EMPHASIS = "*_"
_MARK = re.compile(r"[\\*_]")
_BEFORE_QUOTE = ("", " ", "(", "[", "\n", "\u00a0")
"""What may stand before a British opening quote `‘` (elsewhere it is no quote)."""


@dataclass(frozen=True)
class Token:
    """One token of a reference string and the layout it stands in."""

    text: str
    start: int
    end: int
    kind: str  # url | word | digits | other
    italic: bool = False
    quoted: bool = False
    bracketed: int = 0  # depth inside ( ) and [ ]
    space_before: bool = True


def emphasis_spans(text: str) -> list[bool]:
    """Per character: inside `_…_` / `*…*` emphasis (delimiters marked False too).

    Only `\\`, `_` and `*` matter, so the scan jumps from one to the next.
    """
    length = len(text)
    inside = [False] * length
    open_at = -1
    open_char = ""
    index = 0
    while True:
        mark = _MARK.search(text, index)
        if mark is None:
            break
        index = mark.start()
        char = text[index]
        if char == "\\":
            index += 2
            continue
        end = index + 1
        while end < length and text[end] == char:
            end += 1
        before = text[index - 1] if index else " "
        after = text[end] if end < length else " "
        left = not after.isspace() and (not before.isalnum() or char == "*")
        right = not before.isspace() and (not after.isalnum() or char == "*")
        if open_at >= 0 and right and char == open_char:
            inside[open_at:index] = [True] * (index - open_at)  # delimiters stay outside
            open_at = -1
        elif left and open_at < 0:
            open_at = end
            open_char = char
        index = end
    return inside


def tokenize(text: str, limit: int | None = None) -> list[Token]:
    """The tokens of a reference string, with italics, quotes and brackets as layout.

    With `limit`, no more than about that many tokens are made (bounded time on hostile text).
    """
    italic = emphasis_spans(text)
    tokens: list[Token] = []
    quoted = False
    closer = ""
    depth = 0
    previous_end = 0
    for match in _TOKEN.finditer(text):
        if limit is not None and len(tokens) >= limit:
            break
        kind = match.lastgroup or "other"
        start, end = match.span()
        value = match.group()
        if kind == "word" or kind == "digits":  # no quote, bracket or emphasis mark
            tokens.append(
                Token(value, start, end, kind, italic[start], quoted, depth, start > previous_end)
            )
            previous_end = end
            continue
        if kind == "url":
            value = value.rstrip(_TRAILING)
            tail = text[start + len(value) : end]
            end = start + len(value)
            tokens.append(
                Token(value, start, end, kind, italic[start], quoted, depth, start > previous_end)
            )
            for offset, char in enumerate(tail):
                if char not in _EMPHASIS:
                    position = end + offset
                    tokens.append(
                        Token(
                            char,
                            position,
                            position + 1,
                            "other",
                            italic[position],
                            quoted,
                            depth,
                            False,
                        )
                    )
            previous_end = end + len(tail)
            continue
        if kind == "other" and value in _EMPHASIS and not italic[start]:
            continue
        opens_single = value == "‘" and not quoted and text[start - 1 : start] in _BEFORE_QUOTE
        if value in "“«" or (value == '"' and not quoted) or opens_single:
            tokens.append(
                Token(value, start, end, kind, italic[start], quoted, depth, start > previous_end)
            )
            quoted = True
            closer = "’" if opens_single else '”»"'
            previous_end = end
            continue
        if quoted and value in closer:
            quoted = False
        if value in "([":
            depth += 1
        tokens.append(
            Token(value, start, end, kind, italic[start], quoted, depth, start > previous_end)
        )
        if value in ")]" and depth:
            depth -= 1
        previous_end = end
    return tokens
