"""Parse a note's text into citations: full references, short forms and *Ibid.*

Covers Chicago notes-bibliography (bibliography and note forms), Chicago
author-date and APA reference strings for articles, books, reports, web pages
and webinars.  A note may cite several works separated by `;` and may wrap a
citation in commentary ("For a fuller account, see …"); a part that cites
nothing is commentary.  Built to be measured: see tests/bibliography.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from typing import Any

from ._crf import label_tokens
from ._labelled import reference
from ._model import (
    FullCitation,
    IbidCitation,
    ParsedCitation,
    ParsedNote,
    Reference,
    Segment,
    ShortCitation,
)
from ._names import family_names
from ._text import LINK_CLOSE, LINK_OPEN, for_model, plain, split_top_level
from ._tokens import tokenize

MAX_TOKENS = 400  # longer than any reference: the model reads no further (bounded time)
_LINK_ONLY = re.compile(
    r"\[([^\[\]]{1,300})\]\(<?([^()\s<>]{1,2000})>?\)(?:,\s*([^,.;]{1,40}))?\.?"
)
_YEAR = re.compile(r"(?<![\d/])(1[5-9]\d\d|20\d\d)[a-z]?(?![\d/])")
_IBID = re.compile(r"\s*\x02?\s*ibid\b\.?\s*\x03?\.?,?", re.IGNORECASE)
_LOCATOR = re.compile(r"^(?:pp?\.\s*)?(?:\d+|[ivxlc]+)(?:\s*[–-]\s*\d+)?\.?$", re.IGNORECASE)
# A lead-in (`For a fuller account, see …`) is short and stands at the start or after a comma.
_COMMENTARY = re.compile(
    r"^(?P<prefix>(?:[^;,.“\"\x02\x04]{0,60},\s*)?(?:see(?: also)?|cf\.|quoted in|adapted from|"
    r"cited in|source:|from:|as reported in|reprinted in))\s+",
    re.IGNORECASE,
)


def parse_note(markdown: str) -> ParsedNote:
    """Every citation in a note, with its span in the note's Markdown."""
    segments: list[Segment] = []
    commentary = False
    for start, end in _citation_spans(markdown):
        part = markdown[start:end]
        stripped = part.strip()
        if not stripped:
            continue
        offset = start + (len(part) - len(part.lstrip()))
        prefix = _COMMENTARY.match(stripped)
        citation = parse_citation(stripped[prefix.end() :]) if prefix else None
        if citation is not None and prefix:
            offset += prefix.end()
            stripped = stripped[prefix.end() :]
            commentary = True
        else:
            citation = parse_citation(stripped)
        if citation is None:
            commentary = True
            continue
        segments.append(Segment(citation, offset, offset + len(stripped.rstrip().rstrip("."))))
    return ParsedNote(tuple(segments), commentary)


def _citation_spans(markdown: str) -> list[tuple[int, int]]:
    """Parts between `;`s, except a `;` that runs on (`2015 Oct 1;13(1)`, `; or, the …`)."""
    spans: list[tuple[int, int]] = []
    for start, end in _paragraphs(markdown):
        if spans and _runs_on(markdown, spans[-1][1]):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _paragraphs(markdown: str) -> list[tuple[int, int]]:
    """`split_top_level` within each paragraph: a blank line ends a citation too."""
    spans: list[tuple[int, int]] = []
    start = 0
    while start <= len(markdown):
        end = markdown.find("\n\n", start)
        end = len(markdown) if end < 0 else end
        spans.extend((start + a, start + b) for a, b in split_top_level(markdown[start:end]))
        start = end + 2
    return spans


def _runs_on(text: str, index: int) -> bool:
    if text[index : index + 1] != ";":
        return False
    after = text[index + 1 : index + 3].lstrip()[:1]
    return after.isdigit() or after.islower()


def parse_citation(markdown: str) -> ParsedCitation | None:
    """One citation in any supported form, or None when the text cites nothing."""
    return _citation(markdown)


@functools.lru_cache(maxsize=4096)
def _citation(markdown: str) -> ParsedCitation | None:
    """`parse_citation`, kept for the last few thousand strings read.

    A book repeats its citations word for word (a work's first citation in each
    chapter is in full; short forms and *Ibid.* recur); the result is immutable.
    """
    text = plain(markdown)
    body = text.text
    ibid = _IBID.match(body)
    if ibid:
        return IbidCitation(_clean_locator(body[ibid.end() :].strip().strip(",.").strip()))
    if not _YEAR.search(body) and not text.url and not text.doi:
        return _short(body)
    link = _LINK_ONLY.fullmatch(markdown.strip())
    if link:  # `[projectoutcome.org](https://…)`, perhaps `, table 3`: a web page, by its link
        page = Reference(type="webpage", title=link.group(1).strip('“”" '), url=link.group(2))
        return FullCitation(page, _clean_locator(link.group(3) or ""))
    found, locator = _parse_full(for_model(markdown), text.url)
    if found is None:
        return None
    if (text.url and not found.url) or (text.doi and not found.doi):
        found = replace(found, url=found.url or text.url, doi=found.doi or text.doi)
    return FullCitation(found, locator)


def _short(body: str) -> ShortCitation | None:
    """`Family, Family, and Family, “Short Title,” 36.` or `Family, Short Title, 36.`"""
    body = body.strip().rstrip(".")
    opener = next((i for i, c in enumerate(body) if c in '“"\x02\x04'), -1)
    if opener > 0:
        closer = {"“": "”", '"': '"', "\x02": "\x03", "\x04": "\x05"}[body[opener]]
        end = body.find(closer, opener + 1)
        if end < 0:
            return None
        authors = body[:opener].strip().rstrip(",").strip()
        title = body[opener + 1 : end]
        rest = body[end + 1 :].strip().lstrip(",").strip()
    else:
        chunks = [c.strip() for c in body.split(",")]
        rest = chunks.pop() if len(chunks) > 2 and _LOCATOR.match(chunks[-1]) else ""
        if len(chunks) < 2:
            return None
        title = chunks.pop()
        authors = ", ".join(chunks)
        if not title[:1].isupper() and not title[:1].isdigit():
            return None  # `Unfortunately, the data were lost.`: a sentence, not a title
    if rest and not _LOCATOR.match(rest):
        return None
    title = _strip_marks(title).strip().rstrip(",.").strip()
    if not title or not authors or not _looks_like_authors(authors):
        return None
    return ShortCitation(family_names(authors), title, _clean_locator(rest))


def _parse_full(
    markdown: str, url: str = "", *, strict: bool = True
) -> tuple[Reference | None, str]:
    """A full reference read by the sequence model (see _crf and _labelled).

    `url` is a link target the Markdown held (`[title](url)`), which the model does not see.
    """
    tokens = tokenize(markdown, MAX_TOKENS)[:MAX_TOKENS]
    if not tokens:
        return None, ""
    ref, locator = reference(markdown, tokens, label_tokens(tokens))
    if url and not ref.url and not ref.doi:
        ref = replace(ref, url=url)
    if not ref.title and not ref.container_title and not ref.url and not ref.doi:
        return None, ""
    named = ref.author or ref.editor or ref.container_title or ref.publisher
    dated_link = ref.year is not None and (ref.url or ref.doi)
    if strict and not named and not dated_link:  # in a note: prose, perhaps with a link in it
        return None, ""
    return ref, locator


def parse_reference(text: str) -> dict[str, Any]:
    """One reference string (Markdown or plain) as a CSL-JSON item.

    The shape pandoc and Zotero read: `type`, `author` as name objects,
    `title`, `container-title`, `issued` as date-parts, and so on.  A string
    that names no work comes back as `{"type": "document", "title": text}`.
    """
    text = text.strip()
    ref, _ = _parse_full(for_model(text), strict=False) if text else (None, "")
    if ref is None:
        return {"type": "document", "title": text} if text else {"type": "document"}
    item = ref.to_csl()
    item.pop("id", None)
    return item


# Lower-case words a list of names may hold: particles, `and`, `et al.`, `eds.`.
_NAME_WORDS = frozenset({
    "and", "&", "et", "al", "al.", "eds", "eds.", "ed", "ed.", "van", "von", "de", "der",
    "den", "del", "della", "di", "da", "das", "dos", "du", "la", "le", "y", "bin", "ibn",
})  # fmt: skip
# Words that open a sentence before a comma, and are not names.
_LEAD_WORDS = frozenset({
    "however", "indeed", "thus", "therefore", "moreover", "furthermore", "also", "here",
    "note", "see", "still", "yet", "instead", "similarly", "finally", "first", "second",
    "third", "again", "besides", "meanwhile", "otherwise", "nevertheless", "nonetheless",
    "hence", "accordingly", "consequently", "unfortunately", "fortunately", "technically",
    "interestingly", "actually", "clearly", "notably", "importantly", "originally",
    "alternatively", "specifically", "generally", "typically", "today", "now", "then",
    "later", "earlier", "previously", "currently", "recently", "apparently", "obviously",
    "admittedly", "surprisingly", "ironically", "incidentally", "regardless", "conversely",
    "likewise", "overall", "ultimately", "essentially", "basically", "initially", "lastly",
    "next", "additionally",
})  # fmt: skip


def _looks_like_authors(text: str) -> bool:
    """Names: capitalised words, particles and `and`; not a sentence's opening words."""
    words = _strip_marks(text).replace(",", " ").split()
    if not 0 < len(words) <= 16 or _YEAR.search(text) or words[0].lower() in _LEAD_WORDS:
        return False
    return all(word[:1].isupper() or word.lower() in _NAME_WORDS for word in words)


def _strip_marks(text: str) -> str:
    return re.sub("[\x02-\x05]", "", text)


def _clean_locator(text: str) -> str:
    return re.sub(r"^pp?\.\s*", "", text.strip().rstrip(".")).replace("-", "–")


__all__ = ["LINK_CLOSE", "LINK_OPEN", "parse_citation", "parse_note"]
