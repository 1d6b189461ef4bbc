"""From a note's Markdown to the plain text the citation parser reads.

Links, URLs and DOIs are taken out (and kept); emphasis and link text are
wrapped in sentinel characters, because italics and links tell titles apart.
"""

from __future__ import annotations

import functools
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
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:])")
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

    # Each pattern runs only where its first characters are (the same result, less scanning).
    text = _LINK.sub(link, markdown) if "](" in markdown else markdown
    if "<" in text:
        text = _AUTOLINK.sub(autolink, text)
    if "http" in text or "www." in text:
        text = _BARE_URL.sub(autolink, text)
    doi = ""
    for url in urls:
        found = _DOI.search(url)
        if found and not doi:
            doi = found.group(1)
    found = _DOI.search(text) if "10." in text else None
    if found:
        doi = doi or found.group(1)
        text = text[: found.start()] + text[found.end() :]
    if "**" in text or "__" in text:
        text = _STRONG.sub(r"\2", text)
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub(_italic, text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    text = " ".join(text.split())
    text = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)
    web = [u for u in urls if not _DOI.search(u)]
    return PlainText(text, web[0] if web else "", doi)


def _italic(match: re.Match[str]) -> str:
    return f"{ITALIC_OPEN}{match.group(2)}{ITALIC_CLOSE}"


def for_model(markdown: str) -> str:
    """A note's Markdown as the sequence model was trained to read it.

    Link text stays and its target goes (`plain` keeps the URL); escapes and
    entities are undone; strong emphasis is dropped; italics stay, since they
    tell titles and containers apart.
    """
    text = _LINK.sub(_link_text, markdown) if "](" in markdown else markdown
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
    if "**" in text or "__" in text:
        text = _STRONG.sub(r"\2", text)
    text = html.unescape(text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return " ".join(text.split())


def _link_text(match: re.Match[str]) -> str:
    return match.group(1)


def split_top_level(text: str, separator: str = ";") -> list[tuple[int, int]]:
    """Spans of `text` between separators that stand outside brackets, quotes and links."""
    spans: list[tuple[int, int]] = []
    stack: list[str] = []
    start = 0
    for match in _structure(separator).finditer(text):  # only these characters count
        char = match.group()
        if stack and char == stack[-1]:
            stack.pop()
        elif char in _OPENERS:
            stack.append(_OPENERS[char])
        elif char == separator and not stack:
            index = match.start()
            spans.append((start, index))
            start = index + 1
    spans.append((start, len(text)))
    return spans


@functools.lru_cache(maxsize=16)
def _structure(separator: str) -> re.Pattern[str]:
    """The characters `split_top_level` reads: openers, closers and the separator."""
    marks = "".join(_OPENERS) + "".join(_OPENERS.values()) + separator * (len(separator) == 1)
    return re.compile("[" + re.escape(marks) + "]")
