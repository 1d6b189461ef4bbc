"""Author lists: inverted (`Family, Given`), natural (`Given Family`), APA, organisations."""

from __future__ import annotations

import re

from ._model import Name

_ORGANISATION_WORDS = re.compile(
    r"\b(?:association|coalition|institute|institution|library|libraries|museum|museums|"
    r"university|college|council|network|society|department|center|centre|foundation|"
    r"office|board|services|committee|agency|commission|inc|llc|ltd|press|ministry|"
    r"organization|organisation|alliance|federation|group|trust|bureau|project|unesco|"
    r"government|corporation|company|consortium|partnership|league|union|academy|"
    r"school|schools|program|programme|initiative|system|division|authority)\b",
    re.IGNORECASE,
)
_FUNCTION_WORDS = re.compile(r"\s(?:for|of|to|on|in|the|at)\s")
_PARTICLES = {"van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "le", "la", "st."}
_SEPARATORS = re.compile(r",?\s+(?:and|&)\s+|;\s*", re.IGNORECASE)
_ETAL = re.compile(r",?\s+(?:et al\.?|and others)$", re.IGNORECASE)
_INITIALS = re.compile(r"^(?:[A-Z]\.\s*(?:-\s*)?)+$")


def is_organisation(text: str) -> bool:
    """Whether an author string names an organisation rather than people.

    Organisation words (Association, Library…) or the small words of a body's
    name (`for`, `of the`), which person names do not hold, say so.
    """
    return bool(_ORGANISATION_WORDS.search(text) or _FUNCTION_WORDS.search(text))


def parse_authors(text: str) -> tuple[Name, ...]:
    """Parse an author list in any of the common orders."""
    text = _ETAL.sub("", text.strip().rstrip(",").strip())
    if text.endswith(".") and not re.search(r"\b[A-Z]\.$", text):
        text = text[:-1]
    if not text:
        return ()
    if is_organisation(text) and not _looks_inverted_list(text):
        return (Name(literal=text),)
    parts = [p.strip() for p in _SEPARATORS.split(text) if p.strip()]
    names: list[Name] = []
    first = parts[0]
    chunks = [c.strip() for c in first.split(",") if c.strip()]
    if len(chunks) >= 2 and _is_given(chunks[1]):
        names.append(Name(family=chunks[0], given=chunks[1]))
        rest = chunks[2:]
        # APA lists every author inverted: "Family, G., Family, G."
        while len(rest) >= 2 and _INITIALS.match(rest[1]):
            names.append(Name(family=rest[0], given=rest[1]))
            rest = rest[2:]
        names.extend(_natural_or_inverted(chunk) for chunk in rest)
    else:
        names.extend(_natural_or_inverted(chunk) for chunk in chunks)
    names.extend(_natural_or_inverted(part) for part in parts[1:])
    return tuple(n for n in names if n.family or n.literal)


def _looks_inverted_list(text: str) -> bool:
    chunks = [c.strip() for c in text.split(",")]
    return len(chunks) >= 2 and len(chunks[0].split()) <= 2 and _is_given(chunks[1])


def _is_given(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 3 and all(w[:1].isupper() for w in words)


def _natural_or_inverted(text: str) -> Name:
    """`Given Family`, or `Family, Given` when a comma is left in it."""
    if "," in text:
        family, _, given = text.partition(",")
        return Name(family=family.strip(), given=given.strip())
    if is_organisation(text):
        return Name(literal=text)
    words = text.split()
    if len(words) == 1:
        return Name(family=words[0])
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return Name(family=" ".join(words[start:]), given=" ".join(words[:start]))


def family_names(text: str) -> tuple[str, ...]:
    """Family names of a short note's author part (`Cassell and Weibel`)."""
    return tuple(name.sort_name for name in parse_authors(text))
