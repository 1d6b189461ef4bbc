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
    Name,
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
_IBID = re.compile(
    r"\s*\x02?\s*(?:ibid(?:em)?\b\.?|ebd\.|id\.)\s*\x03?\.?,?", re.IGNORECASE
)  # `Ebd.` is German's ibid., `Id.` the law's
_LOCATOR = re.compile(r"^(?:pp?\.\s*)?(?:\d+|[ivxlc]+)(?:\s*[–-]\s*\d+)?\.?$", re.IGNORECASE)
_PLACE = (
    r"(?:(?:pp?|pages?|chap|ch|chapter|vol|nn?|notes?|figs?|para|paras|sec|secs|col|cols|"
    r"at|s|loc|fols?|table|tab|lines?|ll?|bk|book|pt|part)\.?\s*|§\s*)?"
    r"[\dixvlc]+(?:[:.]\d+)*[a-z]?(?:nn?\.?\s?\d+)?(?:\s?ff?\.?)?(?:\s*\([^()]{1,60}\))?"
)
_PINPOINT = re.compile(rf"{_PLACE}(?:\s*(?:[–—,-]|and|&)\s*{_PLACE})*\.?", re.IGNORECASE)
"""What may follow *Ibid.* as the place cited (`, 12`, `pp. 3–4`, `chap. 2 (Title)`, `at 4`,
`S. 10f`); anything else after it is commentary.  Each repeat needs a separator."""
_MAX_PINPOINT = 80
_PRONOUN = re.compile(r"(?:his|her|their)\s+(?=[*_“\"‘\x02\x04A-Z])", re.IGNORECASE)
_NAME = r"[^\d()\[\],;:.“”\"\x02-\x05]{1,80}"
_NAMES = rf"(?P<names>{_NAME}(?:[;,]{_NAME}){{0,3}})"
"""Up to four names (separated by `;` `,` `/` `&` `and`), no digits, quotes or marks."""
_PLACE_CITED = r"(?:,\s*(?P<place>[^;]{1,80}))?"
_AUTHOR_YEAR = re.compile(
    rf"{_NAMES}(?P<comma>,)?\s*(?P<open>\()?(?P<year>1[5-9]\d\d|20\d\d)[a-z]?\)?{_PLACE_CITED}"
)
"""Names, a year, perhaps `(2017)`, then perhaps a place: an author-date short note."""
_OP_CIT = re.compile(rf"{_NAMES},?\s*\x02?(?:op|loc)\.\s?cit\.?\x03?{_PLACE_CITED}", re.IGNORECASE)
_MAX_SHORT_NOTE = 160
_CAPITALS = re.compile(r"\s*[A-ZÀ-Ý][A-ZÀ-Ý'’-]{1,40}\b")
_NAME_SEPARATORS = re.compile(r"\s*(?:[;,/&]|\band\b|\bund\b|\be\b)\s*")
_FAMILY_GIVEN = re.compile(
    r"\s*[A-Z][\w'’-]{0,40},(?:\s+[A-Z][\w'’-]{0,40}\.?){1,4}(?=\s|[;,(.]|$)"
)
"""`Hart, Linda`, `Moss, Peter J.`: a person's name, family first (no title, no year)."""
_SIGNAL = re.compile(r"[.?!][”\"’)*_]*\s+(?=(?:See|Cf\.|Compare|Also,? see|Vgl\.)\s)")
"""A sentence's end before a sentence that opens with a signal: a new citation starts."""
# A lead-in (`For a fuller account, see …`) is short and stands at the start or after a comma.
_COMMENTARY = re.compile(
    r"^(?P<prefix>(?:[^;,.“\"\x02\x04]{0,60},\s*)?(?:see(?: also)?|cf\.|quoted in|adapted from|"
    r"cited in|source:|from:|as reported in|reprinted in|vgl\.|compare))\s+",
    re.IGNORECASE,
)


def parse_note(markdown: str) -> ParsedNote:
    """Every citation in a note, with its span in the note's Markdown."""
    segments: list[Segment] = []
    commentary = False
    spans = _citation_spans(markdown)
    spans.reverse()
    while spans:
        start, end = spans.pop()
        part = markdown[start:end]
        stripped = part.strip()
        if not stripped:
            continue
        offset = start + (len(part) - len(part.lstrip()))
        ibid = _ibid_then_commentary(stripped)
        if ibid:  # `Ibid. The survey was re-run…`: the commentary is read on its own
            written = stripped[:ibid].rstrip().rstrip(",.").rstrip()
            segments.append(Segment(IbidCitation(""), offset, offset + len(written)))
            if _COMMENTARY.match(stripped[ibid:].lstrip()):  # `Ibid. See also Price, …`
                spans.append((offset + ibid, end))
            commentary = True
            continue
        prefix = _COMMENTARY.match(stripped)
        citation = parse_citation(stripped[prefix.end() :]) if prefix else None
        if citation is not None and prefix:
            offset += prefix.end()
            stripped = stripped[prefix.end() :]
            commentary = True
        else:
            citation = parse_citation(stripped)
        citation = _by_the_same_authors(stripped, segments) or citation
        if citation is None:
            commentary = True
            continue
        segments.append(Segment(citation, offset, offset + len(stripped.rstrip().rstrip("."))))
    return ParsedNote(tuple(segments), commentary)


def _by_the_same_authors(text: str, earlier: list[Segment]) -> FullCitation | None:
    """`… 2007. Also, see his *Unit Operations* (…, 2006)`: a work of the authors the
    note cited just before, or None when `text` opens with no such pronoun."""
    pronoun = _PRONOUN.match(text)
    if pronoun is None or not earlier or not isinstance(earlier[-1].citation, FullCitation):
        return None
    found = parse_citation(text[pronoun.end() :])
    if not isinstance(found, FullCitation) or found.reference.author:
        return None
    authors = earlier[-1].citation.reference.author
    return FullCitation(replace(found.reference, author=authors), found.locator)


def _citation_spans(markdown: str) -> list[tuple[int, int]]:
    """Parts between `;`s, except a `;` that runs on (`2015 Oct 1;13(1)`, `; or, the …`)."""
    spans: list[tuple[int, int]] = []
    for start, end in _paragraphs(markdown):
        if spans and (
            _runs_on(markdown, spans[-1][1]) or _between_names(markdown, *spans[-1], end)
        ):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _paragraphs(markdown: str) -> list[tuple[int, int]]:
    """`split_top_level` within each paragraph (a blank line ends a citation too), and
    each part cut before a sentence that opens with a signal (`… mention. See Ortega, …`)."""
    spans: list[tuple[int, int]] = []
    start = 0
    while start <= len(markdown):
        end = markdown.find("\n\n", start)
        end = len(markdown) if end < 0 else end
        for a, b in split_top_level(markdown[start:end]):
            cut = start + a
            for signal in _SIGNAL.finditer(markdown, start + a, start + b):
                spans.append((cut, signal.start() + 1))
                cut = signal.end()
            spans.append((cut, start + b))
        start = end + 2
    return spans


def _between_names(text: str, start: int, index: int, end: int) -> bool:
    """A `;` between authors written `Family, Given` (`Hart, Linda; Moss, Peter J. (2015)`)
    or in capitals (`MORAIS; LIMA, 2019`)."""
    if text[index : index + 1] != ";":
        return False
    after = text[index + 1 : end].lstrip()
    if _FAMILY_GIVEN.fullmatch(text, start, index):
        return _FAMILY_GIVEN.match(after) is not None
    return bool(_CAPITALS.fullmatch(text, start, index) and _CAPITALS.match(after))


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
        rest = body[ibid.end() :].strip().strip(",.").strip()
        return IbidCitation(_clean_locator(rest) if _is_pinpoint(rest) else "")
    if not _YEAR.search(body) and not text.url and not text.doi:
        return _op_cit(body) or _short(body)
    cited = _author_year(body)
    if cited is not None:
        return cited
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


def _closing(body: str, closer: str, start: int) -> int:
    """Where a quote closes: a `’` followed by a letter is an apostrophe (`Women’s`)."""
    end = body.find(closer, start)
    while closer == "’" and end >= 0 and body[end + 1 : end + 2].isalpha():
        end = body.find(closer, end + 1)
    return end


def _is_pinpoint(text: str) -> bool:
    return not text or (len(text) <= _MAX_PINPOINT and _PINPOINT.fullmatch(text) is not None)


def _ibid_then_commentary(part: str) -> int:
    """The length of a leading *Ibid.* that commentary follows (`Ibid. The survey…`),
    or 0: such a part cites the previous work, and the rest is read on its own."""
    match = _IBID.match(part)
    if match is None:
        return 0
    rest = part[match.end() :].strip().strip(",.").strip()
    return 0 if _is_pinpoint(plain(rest).text) else match.end()


def _op_cit(body: str) -> ShortCitation | None:
    """`Smith, op. cit., 45`: a short form with no title, which cites the work of
    these authors cited last."""
    found = _names_and_place(_OP_CIT, body)
    if found is None:
        return None
    match, families = found
    return ShortCitation(families, "", _clean_locator(match.group("place") or ""))


def _author_year(body: str) -> ShortCitation | None:
    """`Morais, 2017, p. 31`, `Gould 1966, S. 6`, `Müller / Pfisterer 2011`: names, a
    year and at most a place in it (an author-date short note)."""
    found = _names_and_place(_AUTHOR_YEAR, body)
    if found is None:
        return None
    match, families = found
    comma = match.group("comma") or match.group("names").rstrip().endswith(",")
    if not (match.group("place") or comma or match.group("open")):
        return None  # `Windows 2000`, `World Cup 2014`: a name and a year, but no citation
    return ShortCitation(
        families, "", _clean_locator(match.group("place") or ""), int(match.group("year"))
    )


def _names_and_place(
    pattern: re.Pattern[str], body: str
) -> tuple[re.Match[str], tuple[str, ...]] | None:
    """A short note `pattern` reads whole, whose `names` are authors' and whose `place`
    (if any) is a place cited; with the family names (capitals as `Morais`)."""
    body = body.strip().rstrip(".")
    if len(body) > _MAX_SHORT_NOTE:
        return None
    match = pattern.fullmatch(body)
    if match is None or not _is_pinpoint(match.group("place") or ""):
        return None
    names = _NAME_SEPARATORS.sub(", ", match.group("names")).strip(" ,")
    if not names or not _looks_like_authors(names):
        return None
    if any(word in _LEAD_WORDS or word in _NOTE_NOUNS for word in names.lower().split()):
        return None  # `Interview, 2020.`, `However, op. cit.`: no author
    return match, tuple(name.title() if name.isupper() else name for name in names.split(", "))


def _short(body: str) -> ShortCitation | None:
    """`Family, Family, and Family, “Short Title,” 36.` or `Family, Short Title, 36.`"""
    body = body.strip().rstrip(".")
    opener = next((i for i, c in enumerate(body) if c in '“"\x02\x04‘'), -1)
    if opener > 0:
        closer = {"“": "”", '"': '"', "\x02": "\x03", "\x04": "\x05", "‘": "’"}[body[opener]]
        end = _closing(body, closer, opener + 1)
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
        if ". " in title:
            return None  # `Drinkwater, Doug. Web log post.`: a full entry with no date
    quoted = opener > 0
    if rest and not (_LOCATOR.match(rest) or (quoted and _is_pinpoint(_strip_marks(rest)))):
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
    if strict and any(_not_a_name(name) for name in ref.author):
        ref = replace(ref, author=())  # `` `map() `` or `see her …` read as a name
    if strict and any(_not_a_name(name) for name in ref.editor):
        ref = replace(ref, editor=())
    named = ref.author or ref.editor or ref.container_title or ref.publisher
    dated_link = ref.year is not None and (ref.url or ref.doi)
    if strict and not named and not dated_link:  # in a note: prose, perhaps with a link in it
        return None, ""
    return ref, locator


_NOT_IN_NAMES = re.compile(r"[`=<>{}|#$\\/@%]")
_DIGIT = re.compile(r"\d")


def _not_a_name(name: Name) -> bool:
    """What prose or code makes of a name: `` `map `` , `her`, `Output-token share`,
    `th percentile 71` (a person's name holds no digit, and its family name has a
    capital, `ter Braak`, unless the whole name is lower-case, `bell hooks`)."""
    written = name.family + name.given + name.literal
    if _NOT_IN_NAMES.search(written) or (not name.literal and _DIGIT.search(written)):
        return True
    family = name.family or name.literal
    if any(char.isupper() for char in family):  # `ter Braak`, `d’Alembert`
        return False
    return not name.given or not name.given[:1].islower()  # `bell hooks` is a name


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


# What a note says a fact came from, capitalised before a year as a name would be.
_NOTE_NOUNS = frozenset({
    "interview", "interviews", "conversation", "email", "e-mail", "letter", "letters",
    "survey", "report", "communication", "correspondence", "memo", "minutes", "meeting",
    "lecture", "speech", "talk", "press", "release", "data", "dataset", "source", "sources",
    "census", "statistics", "figure", "figures", "table", "photo", "photograph", "image",
    "video", "map", "chart", "archive", "archives", "collection", "notes", "note", "diary",
    "personal", "author", "authors", "editor", "staff", "field", "fieldwork", "observation",
    "estimate", "estimates", "calculation", "calculations", "analysis", "ibid", "id",
    "website", "web", "site", "page", "blog", "post", "tweet", "podcast", "episode",
    "updated", "accessed", "retrieved", "published", "posted", "revised", "modified",
    "version", "edition", "season", "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december", "spring", "summer",
    "autumn", "fall", "winter",
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
    return re.sub(r"^pp?\.\s*", "", _strip_marks(text).strip().rstrip(".")).replace("-", "–")


__all__ = ["LINK_CLOSE", "LINK_OPEN", "parse_citation", "parse_note"]
