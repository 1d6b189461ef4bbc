"""Source positions for things markdown-it gives no position of.

Block tokens carry line ranges (`map`) but inline tokens do not, so markers and
links are found by searching their raw text in the source, left to right,
starting from the line their block starts on.
"""

from __future__ import annotations

import bisect
import re

from markdown_it.token import Token

_SLACK = 4096


class Locator:
    """Turns offsets in a chapter body into 1-based file lines and columns."""

    def __init__(self, text: str, line_offset: int = 0) -> None:
        self.text = text
        self.line_offset = line_offset
        self._starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def offset_of_line(self, line: int) -> int:
        """The offset where 0-based body line `line` starts (clamped to the text)."""
        return self._starts[min(max(line, 0), len(self._starts) - 1)]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the file for a body offset."""
        index = bisect.bisect_right(self._starts, offset) - 1
        return index + 1 + self.line_offset, offset - self._starts[index] + 1

    def scanner(self, block: Token) -> Scanner:
        """A left-to-right search over the lines of one block token.

        The search stops a little after the block's last line (`_SLACK`: some
        blocks, such as notes rebuilt from HTML, carry a one-line map), so a
        raw string the parser normalised costs the block, not the rest of the
        chapter: otherwise a chapter of such markers costs its size squared.
        """
        if not block.map:
            return Scanner(self, 0)
        end = self.offset_of_line(block.map[1]) + _SLACK
        return Scanner(self, self.offset_of_line(block.map[0]), end)


class Scanner:
    """Finds successive raw strings of one block in source order."""

    def __init__(self, locator: Locator, start: int, end: int | None = None) -> None:
        self._locator = locator
        self._cursor = start
        self._end = len(locator.text) if end is None else end

    def find(self, raw: str) -> tuple[int, int]:
        """Position of the next occurrence of `raw`; the cursor moves past it.

        When `raw` is not in the source as written (the parser normalised it),
        the cursor's own position is the best answer there is.
        """
        found = self._locator.text.find(raw, self._cursor, self._end) if raw else -1
        if found < 0:
            return self._locator.position(self._cursor)
        self._cursor = found + len(raw)
        return self._locator.position(found)

    def find_first(self, *raws: str) -> tuple[int, int]:
        """`find` of the first of `raws` that is in the source (a URL as written,
        then as markdown-it normalised it)."""
        for raw in raws:
            found = self._locator.text.find(raw, self._cursor, self._end) if raw else -1
            if found >= 0:
                self._cursor = found + len(raw)
                return self._locator.position(found)
        return self._locator.position(self._cursor)

    def skip(self, child: Token) -> None:
        """Move past an inline child whose raw text could hide a false match (code spans)."""
        if child.type == "code_inline":
            self.find(child.markup + child.content)
