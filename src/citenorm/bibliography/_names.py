"""Author lists in every common order, persons apart from organisations.

Reads inverted (`Family, Given`), natural (`Given Family`), APA (`Family, G. G.`),
IEEE (`G. Family`), Vancouver (`Family GG`) and mixed Chicago lists
(`Family, Given, Given Family, and Given Family`), with particles (`van`,
`de la`), suffixes (`Jr.`, `III`), `et al.` and organisations (`W.K. Kellogg
Foundation`).  Pure string work, linear in the list's length.
"""

from __future__ import annotations

import functools
import re

from ._model import Name

_ORGANISATION_WORDS = frozenset(
    {
        "association", "coalition", "institute", "institution", "library", "libraries",
        "museum", "museums", "university", "college", "council", "network", "society",
        "department", "center", "centre", "foundation", "office", "board", "services",
        "service", "committee", "agency", "commission", "inc", "llc", "ltd", "press",
        "ministry", "organization", "organisation", "alliance", "federation", "group", "trust",
        "bureau", "project", "unesco", "government", "corporation", "company", "consortium",
        "partnership", "league", "union", "academy", "school", "schools", "program",
        "programme", "initiative", "system", "division", "authority", "archives", "archive",
        "collections", "collaborative", "team", "staff", "editors", "fund", "nations", "world",
        "national", "international", "research", "laboratory", "lab", "gallery", "galleries",
        "commons", "wikipedia", "wikimedia", "oclc", "ifla", "ala", "aam", "imls", "neh",
        "nea", "jisc", "europeana", "smithsonian", "news", "times", "magazine", "journal",
        "blog", "media", "studio", "studios", "web", "digital",
    }
)  # fmt: skip
_FUNCTION_WORDS = frozenset({"for", "of", "to", "on", "in", "the", "at"})
_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "le", "la", "ten", "ter",
     "dos", "das", "do", "st.", "bin", "al", "el"}
)  # fmt: skip
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "2nd", "3rd"})
_ETAL = re.compile(r"[,;]?\s*(?:\bet\s+al\b\.?|\band\s+others\b|…)", re.IGNORECASE)
_EDITORS = re.compile(
    r"\(\s*(?:eds?|editors?|hrsg|dir)\.?\s*\)|,?\s*\b(?:eds?|editors?)\.?\s*$|^\s*(?:edited\s+by|ed\.\s+by)\s+",
    re.IGNORECASE,
)
_AND = re.compile(r"\s*(?:&|\band\b)\s*", re.IGNORECASE)


def _words(text: str) -> list[str]:
    return text.split()


def _is_initials(text: str) -> bool:
    """`A.`, `M. D.`, `R.D.`, `J.-W.`, `Ij. J.`: given names written as initials."""
    letters = text.replace(".", " ").replace("-", " ").split()
    return (
        bool(letters)
        and all(
            len(w) <= 2 and w[0].isupper() and (len(w) == 1 or w[1].islower() or w[1].isupper())
            for w in letters
        )
        and ("." in text or len(letters) == 1 or all(len(w) == 1 for w in letters))
    )


def _is_packed_initials(word: str) -> bool:
    """Vancouver `MD`, `J`, `IjJ`: up to four capitals, no periods."""
    return (
        0 < len(word) <= 4 and word[0].isupper() and sum(c.isupper() for c in word) >= len(word) - 1
    )


def _is_given(text: str) -> bool:
    words = _words(text)
    return (
        0 < len(words) <= 3
        and all(w[:1].isupper() for w in words)
        and not any(w.lower() in _ORGANISATION_WORDS for w in words)
    )


def _is_family(text: str) -> bool:
    words = [w for w in _words(text) if w.lower() not in _PARTICLES]
    return (
        0 < len(words) <= 3
        and all(w[:1].isupper() and "." not in w and len(w) > 1 for w in words)
        and not (len(words) > 1 and _is_packed_initials(words[-1]))
    )


@functools.lru_cache(maxsize=4096)
def is_organisation(text: str) -> bool:
    """Whether an author string names an organisation rather than people.

    Organisation words (Association, Library…) or the small words of a body's
    name (`for`, `of the`), which person names do not hold, say so.  A reference
    asks this of the same string several times: the answer is kept (bounded).
    """
    words = [w.strip(".,;:()").lower() for w in _words(text)]
    if any(w in _ORGANISATION_WORDS for w in words):
        return True
    return len(words) > 2 and any(w in _FUNCTION_WORDS for w in words[1:-1])


def _natural(text: str) -> Name:
    """`Given Family`, `G. Family`, `Family GG` (Vancouver), or an organisation."""
    words = _words(text)
    if not words:
        return Name()
    if is_organisation(text):
        return Name(literal=text)
    suffix = ""
    if len(words) > 1 and words[-1].lower() in _SUFFIXES:
        suffix = words.pop()
    if len(words) == 1:
        return Name(family=words[0] + (f" {suffix}" if suffix else ""))
    if _is_packed_initials(words[-1]) and not _is_packed_initials(words[0]):
        return Name(family=" ".join(words[:-1]), given=words[-1])
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    if start == 1 and words[0].lower() in _PARTICLES:
        start = 0
    family = " ".join(words[start:])
    return Name(family=family, given=" ".join(words[:start]))


def _split_people(text: str) -> list[str]:
    """Comma chunks, with `and`/`&` as a separator too."""
    return [chunk for chunk, _ in _split_marked(text)]


def _split_marked(text: str) -> list[tuple[str, bool]]:
    """Chunks, each with whether a comma (not `and`) follows it."""
    chunks: list[tuple[str, bool]] = []
    for piece in text.replace(";", ",").split(","):
        parts = [p.strip() for p in _AND.split(piece)]
        for index, part in enumerate(parts):
            if part:
                chunks.append((part, index == len(parts) - 1))
            elif index == len(parts) - 1 and chunks and index:
                chunks[-1] = (chunks[-1][0], False)
    return chunks


@functools.lru_cache(maxsize=4096)
def parse_authors(text: str) -> tuple[Name, ...]:
    """Parse an author (or editor) list in any of the common orders.

    A book's notes cite the same authors again and again: the last few thousand
    lists read are kept (the result is immutable).
    """
    text = _EDITORS.sub("", text)
    text = _ETAL.sub("", text).strip().strip(",;:").strip()
    text = text.replace("_", "").replace("*", "")
    if text.endswith(".") and not _ends_with_initial(text):
        text = text[:-1].strip()
    if not text:
        return ()
    if "," not in text and ";" not in text and is_organisation(text):
        return (Name(literal=text),)
    marked = _split_marked(text)
    chunks = [chunk for chunk, _ in marked]
    if _one_organisation(chunks):
        return (Name(literal=text),)
    names: list[Name] = []
    index = 0
    while index < len(chunks):
        chunk = chunks[index]
        following = chunks[index + 1] if index + 1 < len(chunks) and marked[index][1] else ""
        if chunk.lower().rstrip(".") + "." in _SUFFIXES or chunk.lower() in _SUFFIXES:
            if names:
                last = names[-1]
                names[-1] = Name(family=last.family, given=f"{last.given}, {chunk}".strip(", "))
            index += 1
            continue
        if is_organisation(chunk) and not (following and _is_initials(following)):
            names.append(Name(literal=chunk))
            index += 1
            continue
        if (
            following
            and _is_family(chunk)
            and (
                _is_initials(following)
                or (index == 0 and _one_word(chunk) and _is_given(following))
            )
        ):
            family = chunk
            given = following
            index += 2
            if index < len(chunks) and chunks[index].lower() in _SUFFIXES:
                given = f"{given}, {chunks[index]}"
                index += 1
            names.append(Name(family=family, given=given))
            continue
        if following and _is_family(chunk) and _is_given(following) and _inverted_list(chunks):
            names.append(Name(family=chunk, given=following))
            index += 2
            continue
        names.append(_natural(chunk))
        index += 1
    return tuple(n for n in names if n.family or n.literal)


def _one_organisation(chunks: list[str]) -> bool:
    """`Coalition to … in Archives, Libraries and Museums`: one body, commas and all."""
    if len(chunks) < 2 or len(chunks) > 5 or not is_organisation(chunks[0]):
        return False
    small = any(w in _FUNCTION_WORDS for w in chunks[0].lower().split()[1:])
    return (
        small
        and all(is_organisation(c) or len(_words(c)) == 1 for c in chunks[1:])
        and not any(_is_initials(c) for c in chunks)
    )


def _one_word(text: str) -> bool:
    """A family name of one word but for its particles (`Heer`, `Van Noorden`, `Murray-Rust`)."""
    return len([w for w in _words(text) if w.lower() not in _PARTICLES]) == 1


def _ends_with_initial(text: str) -> bool:
    word = text.rsplit(None, 1)[-1]
    return _is_initials(word) or word.lower() in _SUFFIXES


def _inverted_list(chunks: list[str]) -> bool:
    """Every name inverted (`Family, Given, Family, Given`): even count, families single."""
    return len(chunks) % 2 == 0 and all(
        _is_family(chunks[k]) and len(_words(chunks[k])) == 1 for k in range(0, len(chunks), 2)
    )


def family_names(text: str) -> tuple[str, ...]:
    """Family names of a short note's author part (`Cassell and Weibel`, `Yarrow, Clubb, and
    Draper`): each part is a family name or an organisation, never a given name."""
    text = _ETAL.sub("", text).strip().strip(",;:").strip()
    return tuple(chunk for chunk in _split_people(text) if chunk)
