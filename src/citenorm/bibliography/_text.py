"""From a note's Markdown to the plain text the citation parser reads.

Links, URLs and DOIs are taken out (and kept); emphasis and link text are
wrapped in sentinel characters, because italics and links tell titles apart.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

ITALIC_OPEN, ITALIC_CLOSE = "\x02", "\x03"
LINK_OPEN, LINK_CLOSE = "\x04", "\x05"

_LINK = re.compile(
    r"\[((?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)"
)
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+)>")
_BARE_URL = re.compile(r"(?<![(\w])((?:https?://|www\.)[^\s<>\x04\x05]*[^\s<>.,;:)\]\x04\x05])")
_DOI = re.compile(
    r"\b(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/[^\s\"<>\x05]+[^\s\"<>.,;\x05])", re.I
)
_STRONG = re.compile(r"(\*\*|__)(.+?)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_OPENERS = {"[": "]", "(": ")", "“": "”", "\x02": "\x03", "\x04": "\x05"}


@dataclass(frozen=True)
class PlainText:
    """A citation's text with sentinels, and the URL and DOI taken out of it."""

    text: str
    url: str = ""
    doi: str = ""


def plain(markdown: str) -> PlainText:
    """Reduce Markdown to sentinel-marked text, extracting the first URL and DOI."""
    urls: list[str] = []

    def link(match: re.Match[str]) -> str:
        urls.append(match.group(2))
        return f"{LINK_OPEN}{match.group(1)}{LINK_CLOSE}"

    def autolink(match: re.Match[str]) -> str:
        urls.append(match.group(1))
        return ""

    text = _LINK.sub(link, markdown)
    text = _AUTOLINK.sub(autolink, text)
    text = _BARE_URL.sub(autolink, text)
    doi = ""
    for url in urls:
        found = _DOI.search(url)
        if found and not doi:
            doi = found.group(1)
    found = _DOI.search(text)
    if found:
        doi = doi or found.group(1)
        text = text[: found.start()] + text[found.end() :]
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(lambda m: f"{ITALIC_OPEN}{m.group(2)}{ITALIC_CLOSE}", text)
    text = _ESCAPE.sub(r"\1", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([.,;:])", r"\1", text)
    web = [u for u in urls if not _DOI.search(u)]
    return PlainText(text, web[0] if web else "", doi)


def for_model(markdown: str) -> str:
    """A note's Markdown as the sequence model was trained to read it.

    Link text stays and its target goes (`plain` keeps the URL); escapes and
    entities are undone; strong emphasis is dropped; italics stay, since they
    tell titles and containers apart.
    """
    text = _LINK.sub(lambda m: m.group(1), markdown)
    text = _AUTOLINK.sub(r"\1", text)
    text = html.unescape(_STRONG.sub(r"\2", text))
    text = _ESCAPE.sub(r"\1", text)
    return " ".join(text.split())


def split_top_level(text: str, separator: str = ";") -> list[tuple[int, int]]:
    """Spans of `text` between separators that stand outside brackets, quotes and links."""
    spans: list[tuple[int, int]] = []
    stack: list[str] = []
    start = 0
    for index, char in enumerate(text):
        if stack and char == stack[-1]:
            stack.pop()
        elif char in _OPENERS:
            stack.append(_OPENERS[char])
        elif char == separator and not stack:
            spans.append((start, index))
            start = index + 1
    spans.append((start, len(text)))
    return spans
