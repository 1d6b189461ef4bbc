"""Parse a note's text into citations: full references, short forms and *Ibid.*

Covers Chicago notes-bibliography (bibliography and note forms), Chicago
author-date and APA reference strings for articles, books, reports, web pages
and webinars.  A note may cite several works separated by `;` and may wrap a
citation in commentary ("For a fuller account, see …"); a part that cites
nothing is commentary.  Built to be measured: see tests/bibliography.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ._model import (
    FullCitation,
    IbidCitation,
    ParsedCitation,
    ParsedNote,
    Reference,
    Segment,
    ShortCitation,
)
from ._names import family_names, parse_authors
from ._text import ITALIC_CLOSE, ITALIC_OPEN, LINK_CLOSE, LINK_OPEN, plain, split_top_level

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_YEAR = re.compile(r"(?<![\d/])(1[5-9]\d\d|20\d\d)[a-z]?(?![\d/])")
_MONTH_YEAR = re.compile(r"\b([A-Z][a-z]{2,8})\.?\s+(?:\d{1,2},\s+)?(1[5-9]\d\d|20\d\d)\b")
_PLACE_PUBLISHER = re.compile(
    r"(?P<place>(?:St\.|[A-Z][\w'’-]*)(?: (?:St\.|[A-Z][\w'’-]*))*"
    r"(?:,\s*[A-Z]{2}\b|,\s*[A-Z][a-z]+)?):\s*"
    r"(?P<publisher>[^:;()]+?)"
    r"(?:,\s*(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2},\s*)?(?P<year>1[5-9]\d\d|20\d\d))?"
    r"(?=[.)]|$)"
)
_VOLUME_ISSUE = re.compile(
    r"(?:\bvol\.\s*)?\b(?P<volume>\d+)(?:,\s*no\.\s*(?P<issue>[\w-]+)|\s*\((?P<apa_issue>[\w-]+)\))"
)
_VOLUME_ONLY = re.compile(r"\x03,?\s*(?:vol\.\s*)?(?P<volume>\d+)\b(?!\d*[–-])")
_PAGES = re.compile(r"(?:\):\s*|,\s*(?:pp?\.\s*)?)(?P<page>\d+\s*[–-]\s*\d+)")
_JOURNAL_PAGES = re.compile(r"\):\s*(?P<page>\d+(?:\s*[–-]\s*\d+)?)")
_LOCATOR = re.compile(
    r"(?:\)|\b(?:1[5-9]|20)\d\d)\s*,\s*(?P<locator>(?:pp?\.\s*)?[\divxlc]+(?:\s*[–-]\s*\d+)?)\.?\s*$"
)
_NAME_AND_YEAR = re.compile(
    r"^(?P<name>[^:]+?),\s*(?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2},\s*)?(1[5-9]\d\d|20\d\d)$"
)
_ACCESSED = re.compile(r"\b(?:accessed|retrieved|last modified|viewed)\b[^.]*\.?", re.IGNORECASE)
_APA_CONTAINER = re.compile(
    r"\x02(?P<container>[^\x03]+?),\s*(?P<volume>\d+)\x03\s*(?:\((?P<issue>[\w-]+)\))?"
)
_IBID = re.compile(
    r"^\s*\x02?\s*ibid\.?\s*\x03?\.?(?:,?\s*(?P<locator>.+?))?\.?\s*$", re.IGNORECASE
)
_SHORT = re.compile(
    r"^(?P<authors>[^,“\"\x02\x04\d][^,“\"\x02\x04]{0,80}?),\s*"
    r"(?P<title>“[^”]+”|\"[^\"]+\"|\x02[^\x03]+\x03|[^,\d][^,]{0,80}?)"
    r"(?:,?\s*(?P<locator>(?:pp?\.\s*)?[\divxlc]+(?:\s*[–-]\s*\d+)?))?\.?\s*$",
    re.IGNORECASE,
)
_COMMENTARY = re.compile(
    r"^(?P<prefix>(?:[^;]*?\b)?(?:see(?: also)?|cf\.|quoted in|adapted from|cited in|"
    r"source:|from:?|as reported in|reprinted in))\s+",
    re.IGNORECASE,
)
_BRACKET_NOTE = re.compile(r"\[([^\[\]\x04\x05]{3,80})\]\.?")
_MEDIUM = re.compile(
    r"\b(?:[\w ]+ recording|recorded webinar|webinar|podcast|video|audio(?: recording)?|"
    r"slides?|presentation|pdf|dvd|e-?book|kindle edition|online video)\b",
    re.IGNORECASE,
)
_SPEECH = re.compile(
    r"\b(?:webinar|recording|presentation|conference session|keynote|lecture|talk)\b", re.I
)
_REPORT = re.compile(r"\b(?:report|white paper|working paper|guide|toolkit|brief)\b", re.I)
_QUOTED = re.compile(r"^[“\"](?P<title>.+?)[,.!?]?[”\"]\s*(?P<rest>.*)$", re.S)
_MARKED = re.compile(
    r"^(?P<open>[\x02\x04])(?P<title>[^\x03\x05]+)[\x03\x05][.,]?\s*(?P<rest>.*)$", re.S
)
_NOTE_AUTHORS = re.compile(
    r"^(?P<authors>[^“\"\x02\x04,]+(?:,\s*[^\s“\"\x02\x04,][^“\"\x02\x04,]*)*?),\s*(?=[“\"\x02\x04])"
)
_APA_YEAR = re.compile(
    r"^(?P<authors>.+?)\s*\((?P<year>1[5-9]\d\d|20\d\d|n\.d\.)[a-z]?(?:,[^)]*)?\)\.\s*(?P<rest>.*)$"
)
_AUTHOR_DATE = re.compile(
    r"^(?P<authors>.+?)\.\s+(?P<year>1[5-9]\d\d|20\d\d)[a-z]?\.\s+(?P<rest>.*)$"
)


def parse_note(markdown: str) -> ParsedNote:
    """Every citation in a note, with its span in the note's Markdown."""
    segments: list[Segment] = []
    commentary = False
    for start, end in split_top_level(markdown):
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


def parse_citation(markdown: str) -> ParsedCitation | None:
    """One citation in any supported form, or None when the text cites nothing."""
    text = plain(markdown)
    body = text.text
    ibid = _IBID.match(body)
    if ibid:
        return IbidCitation(_clean_locator(ibid.group("locator") or ""))
    if not _YEAR.search(body) and not text.url and not text.doi:
        short = _SHORT.match(body)
        if short and _looks_like_authors(short.group("authors")):
            title = short.group("title").strip('“”"\x02\x03 ').rstrip(",.")
            return ShortCitation(
                family_names(short.group("authors")),
                title,
                _clean_locator(short.group("locator") or ""),
            )
        return None
    reference, locator = _parse_full(body)
    if reference is None:
        return None
    reference = replace(reference, url=text.url or reference.url, doi=text.doi or reference.doi)
    return FullCitation(reference, locator)


def _parse_full(body: str) -> tuple[Reference | None, str]:
    note, body = _take_bracket_note(body)
    authors_text, title, title_kind, rest, year = _split_head(body)
    if not title:
        return None, ""
    if not authors_text and title_kind == "plain" and not _YEAR.search(rest):
        return None, ""
    authors = parse_authors(authors_text) if authors_text else ()
    fields = _publication(_ACCESSED.sub("", rest), title_kind)
    year = year or fields.pop("year", None)
    locator = fields.pop("locator", "")
    kind = _type(title_kind, fields, body + " " + note)
    reference = Reference(
        type=kind,
        author=authors,
        title=title,
        container_title=str(fields.get("container_title", "")),
        publisher=str(fields.get("publisher", "")),
        publisher_place=str(fields.get("publisher_place", "")),
        year=int(year) if year is not None and str(year).isdigit() else None,
        month=fields.get("month"),
        volume=str(fields.get("volume", "")),
        issue=str(fields.get("issue", "")),
        page=str(fields.get("page", "")),
        note=note,
        medium=str(fields.get("medium", "")),
    )
    return reference, str(locator)


def _take_bracket_note(body: str) -> tuple[str, str]:
    notes = [m.group(1).strip() for m in _BRACKET_NOTE.finditer(body)]
    return "; ".join(notes), _BRACKET_NOTE.sub("", body).strip()


def _split_head(body: str) -> tuple[str, str, str, str, str | None]:
    """(authors, title, how the title was marked, the rest, year if it follows the authors)."""
    apa = _APA_YEAR.match(body)
    if apa and _looks_like_authors(apa.group("authors")):
        title, kind, rest = _title(apa.group("rest"), apa_style=True)
        year = apa.group("year")
        return apa.group("authors"), title, kind, rest, year if year.isdigit() else None
    author_date = _AUTHOR_DATE.match(body)
    if author_date and _looks_like_authors(author_date.group("authors")):
        title, kind, rest = _title(author_date.group("rest"))
        authors = author_date.group("authors")
        if re.search(r"\b[A-Z]$", authors):
            authors += "."
        return authors, title, kind, rest, author_date.group("year")
    if body[:1] in '“"\x02\x04':
        title, kind, rest = _title(body)
        return "", title, kind, rest, None
    note_form = _NOTE_AUTHORS.match(body)
    sentences = _sentences(body)
    if note_form and (len(sentences) < 2 or len(sentences[0]) > note_form.end()):
        title, kind, rest = _title(body[note_form.end() :])
        return note_form.group("authors"), title, kind, rest, None
    if len(sentences) < 2:
        return "", "", "", body, None
    title, kind, rest = _title(" ".join(sentences[1:]))
    return sentences[0], title, kind, rest, None


def _title(text: str, *, apa_style: bool = False) -> tuple[str, str, str]:
    """(title, "quoted"|"italic"|"link"|"plain", rest) from text that starts with a title."""
    text = text.strip()
    quoted = _QUOTED.match(text)
    if quoted:
        return _clean_title(quoted.group("title")), "quoted", quoted.group("rest")
    marked = _MARKED.match(text)
    if marked:
        kind = "italic" if marked.group("open") == ITALIC_OPEN else "link"
        title = _strip_marks(marked.group("title")).strip()
        if title[:1] in '“"':
            kind = "quoted"
        return _clean_title(title), kind, marked.group("rest")
    sentences = _sentences(text)
    if not sentences:
        return "", "", ""
    title = _strip_marks(sentences[0]).rstrip(".")
    return title, "apa" if apa_style else "plain", " ".join(sentences[1:])


def _publication(rest: str, title_kind: str) -> dict[str, Any]:
    """Container, publisher, place, date, volume, issue, pages, medium, locator of the rest."""
    fields: dict[str, Any] = {}
    apa = _APA_CONTAINER.search(rest)
    if apa:
        fields["container_title"] = _strip_marks(apa.group("container")).strip()
        fields["volume"] = apa.group("volume")
        if apa.group("issue"):
            fields["issue"] = apa.group("issue")
    italic = re.search(f"{ITALIC_OPEN}([^{ITALIC_CLOSE}]+){ITALIC_CLOSE}", rest)
    if italic and not apa:
        fields["container_title"] = _strip_marks(italic.group(1)).strip().rstrip(".,")
    place = _PLACE_PUBLISHER.search(rest)
    if place:
        fields["publisher_place"] = place.group("place").strip()
        fields["publisher"] = _strip_marks(place.group("publisher")).strip()
        fields["year"] = place.group("year")
    month = _MONTH_YEAR.search(rest)
    if month and month.group(1).lower() in _MONTHS:
        fields["month"] = _MONTHS[month.group(1).lower()]
    years = _YEAR.findall(rest)
    if years and "year" not in fields:
        fields["year"] = years[0]
    volume = None if apa else _VOLUME_ISSUE.search(rest)
    if volume and volume.group("volume") not in years:
        fields["volume"] = volume.group("volume")
        fields["issue"] = volume.group("issue") or volume.group("apa_issue")
    elif italic and not apa:
        only = _VOLUME_ONLY.search(rest)
        if only and only.group("volume") not in years:
            fields["volume"] = only.group("volume")
    tail = _strip_marks(rest).rstrip()
    locator = None if title_kind == "apa" else _LOCATOR.search(tail)
    pages = _JOURNAL_PAGES.search(rest) or (None if locator else _PAGES.search(rest))
    if pages:
        fields["page"] = pages.group("page").replace(" ", "").replace("-", "–")
    elif locator:
        fields["locator"] = _clean_locator(locator.group("locator"))
    medium = _MEDIUM.search(_strip_marks(rest))
    if medium:
        fields["medium"] = medium.group(0)
    sentences = [s.strip() for s in _sentences(rest)]
    if "container_title" not in fields:
        fields.update(_unmarked_container(sentences, fields, title_kind))
    return fields


def _unmarked_container(
    sentences: list[str], fields: dict[str, Any], title_kind: str
) -> dict[str, Any]:
    """Publisher (`NISE Network, 2015.`) or collection sentences with no italics.

    After a book's italic title a plain sentence names the publisher (APA);
    after an article's quoted or linked title, the collection it is part of.
    """
    found: dict[str, Any] = {}
    for sentence in sentences:
        plain_sentence = _strip_marks(sentence).strip().rstrip(".")
        if not plain_sentence or _MEDIUM.fullmatch(plain_sentence):
            continue
        with_year = re.match(
            r"^(?P<name>[^:]+?),\s*(?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2},\s*)?(1[5-9]\d\d|20\d\d)$",
            plain_sentence,
        )
        if with_year and "publisher" not in fields:
            found["publisher"] = with_year.group("name").strip()
            continue
        if _YEAR.search(plain_sentence) or ":" in plain_sentence:
            continue
        if title_kind in ("italic", "apa"):
            if "publisher" not in fields and "publisher" not in found:
                found["publisher"] = plain_sentence
        elif "container_title" not in found and "publisher" not in found:
            found["container_title"] = plain_sentence
    return found


def _type(title_kind: str, fields: dict[str, Any], body: str) -> str:
    if _SPEECH.search(body):
        return "speech"
    if re.search(r"\b(?:dissertation|thesis)\b", body, re.I):
        return "thesis"
    container = bool(fields.get("container_title"))
    if title_kind in ("quoted", "link", "apa") and container:
        if re.search(r"\bIn\s+\x02", body) or re.search(r"\bedited by\b", body, re.I):
            return "chapter"
        if "volume" in fields or "page" in fields:
            return "article-journal"
        return "article-magazine" if "month" in fields else "article-journal"
    if title_kind in ("italic", "apa") and not container:
        return "report" if _REPORT.search(body) else "book"
    if fields.get("publisher"):
        return "report"
    return "webpage"


def _sentences(text: str) -> list[str]:
    """Split at sentence ends outside quotes, italics and links; initials do not end one."""
    sentences: list[str] = []
    depth: list[str] = []
    start = 0
    index = 0
    while index < len(text):
        char = text[index]
        if depth and char == depth[-1]:
            depth.pop()
            if not depth and index > 0 and text[index - 1] in ".!?" and _boundary(text, index):
                sentences.append(text[start : index + 1].strip())
                start = index + 1
        elif char in "“\x02\x04" or (char == '"' and not depth):
            depth.append({"“": "”", "\x02": "\x03", "\x04": "\x05", '"': '"'}[char])
        elif (
            char == "." and not depth and _boundary(text, index) and not _abbreviation(text, index)
        ):
            sentences.append(text[start : index + 1].strip())
            start = index + 1
        index += 1
    if text[start:].strip():
        sentences.append(text[start:].strip())
    return [s for s in sentences if s]


def _boundary(text: str, index: int) -> bool:
    following = text[index + 1 : index + 2]
    return following == "" or following.isspace()


def _abbreviation(text: str, index: int) -> bool:
    """A period after an initial, or after `no`, `vol`, `ed`, `pp` and the like."""
    word = re.search(r"(\S+)$", text[:index])
    token = word.group(1) if word else ""
    if re.fullmatch(r"[A-Z]", token) or token.lower() in {
        "no",
        "vol",
        "ed",
        "eds",
        "pp",
        "p",
        "trans",
        "rev",
        "inc",
        "st",
        "dr",
        "mr",
        "mrs",
        "ms",
        "jr",
        "sr",
        "co",
        "univ",
        "dept",
        "n.d",
        "et al",
        "al",
        "ibid",
    }:
        next_char = text[index + 2 : index + 3]
        return not (next_char in '“"\x02\x04' or next_char.isdigit())
    return False


def _looks_like_authors(text: str) -> bool:
    words = _strip_marks(text).replace(",", " ").split()
    return 0 < len(words) <= 16 and words[0][:1].isupper() and not _YEAR.search(text)


def _clean_title(text: str) -> str:
    """A title without its quotes and the punctuation the citation style put after it."""
    return text.strip().strip('“”"').rstrip(".,").strip('“”"').strip()


def _strip_marks(text: str) -> str:
    return re.sub("[\x02-\x05]", "", text)


def _clean_locator(text: str) -> str:
    return re.sub(r"^pp?\.\s*", "", text.strip().rstrip(".")).replace("-", "–")


__all__ = ["LINK_CLOSE", "LINK_OPEN", "parse_citation", "parse_note"]
