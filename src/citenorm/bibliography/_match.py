"""Matching references to each other, and the citation keys they get.

Two citations of one work rarely agree field by field, so they are matched on
robust keys: the first author's family name (or organisation), the main title
(before any subtitle) and the year, all folded to ASCII lower case without
punctuation, `&` read as `and`.
"""

from __future__ import annotations

import itertools
import re
import string
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from ._model import Name, Reference

_STOPWORDS = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "on",
    "in",
    "at",
    "to",
    "for",
    "with",
    "by",
    "from",
    "as",
    "is",
    "are",
    "be",
    "how",
    "what",
    "why",
    "when",
    "your",
    "our",
    "its",
    "into",
    "about",
}
_ORGANISATION_STOP = _STOPWORDS | {"association", "institute", "society", "council"}


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def _ascii_fold(character: str) -> str:
    if character == "&":
        return " and "
    return character.lower() if character.isalnum() else " "


_ASCII_FOLD = str.maketrans({c: _ascii_fold(c) for c in map(chr, range(128))})
"""`fold` of each ASCII character, before spaces are collapsed."""


def fold(text: str) -> str:
    """ASCII lower case, `&` as `and`, punctuation as space, spaces collapsed."""
    if text.isascii():  # one table look-up per character: nothing to decompose
        return " ".join(text.translate(_ASCII_FOLD).split())
    text = unicodedata.normalize("NFKD", text.replace("&", " and "))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NOT_ALNUM.sub(" ", text.lower()).split())


def main_title(title: str) -> str:
    """The folded title before its subtitle."""
    return fold(re.split(r"[:?!]\s", title, maxsplit=1)[0])


_LOWER_PARTICLE = re.compile(r"^(?:(?:van|von|de|der|den|del|della|di|da|du|le|la|ten|ter)\s+)+")


def author_key(name: Name | None) -> str:
    """The folded family name of a person, or the folded name of an organisation.

    A lower-case particle is left out (`van Beethoven` and `Beethoven, Ludwig van`
    key alike, as Better BibTeX keys them); a capitalised one stays (`Van Noorden`).
    """
    if name is None:
        return ""
    if name.literal:
        return fold(name.literal)
    return fold(_LOWER_PARTICLE.sub("", name.family))


def work_key(reference: Reference) -> tuple[str, str]:
    """What two citations of one work share: the first author's key and the main title."""
    first = reference.author[0] if reference.author else None
    return author_key(first), main_title(reference.title)


def years_agree(one: Reference, other: Reference) -> bool:
    """Whether two references' years allow one work (equal, or one of them has none)."""
    return one.year is None or other.year is None or one.year == other.year


def same_work(one: Reference, other: Reference) -> bool:
    """Whether two references cite the same work (author, main title, year when both have one)."""
    return work_key(one) == work_key(other) and years_agree(one, other)


def merge(one: Reference, other: Reference) -> Reference:
    """One record with the richest value of every field of two records of one work."""
    base, extra = (one, other) if one.filled() >= other.filled() else (other, one)
    values: dict[str, object] = {}
    for field in (
        "title",
        "container_title",
        "publisher",
        "publisher_place",
        "volume",
        "issue",
        "page",
        "url",
        "doi",
        "note",
        "medium",
    ):
        mine, theirs = getattr(base, field), getattr(extra, field)
        values[field] = theirs if len(theirs) > len(mine) else mine
    author = extra.author if _name_length(extra.author) > _name_length(base.author) else base.author
    return Reference(
        type=base.type if base.type != "document" else extra.type,
        author=author,
        year=base.year if base.year is not None else extra.year,
        month=base.month if base.month is not None else extra.month,
        id=base.id or extra.id,
        **values,  # type: ignore[arg-type]
    )


def _name_length(names: Sequence[Name]) -> int:
    return sum(len(n.family) + len(n.given) + len(n.literal) for n in names)


def last_word(folded: str) -> str:
    """The last word of a folded name: the family name of `alan m turing`."""
    return folded[folded.rfind(" ") + 1 :]


def short_form_matches(
    families: Sequence[str], title: str, reference: Reference, year: int | None = None
) -> bool:
    """Whether a short note (`Cassell and Weibel, “Celebrating…”`, or `Morais, 2017`
    with `year`) abbreviates `reference`."""
    if not reference.author or not families:
        return False
    first, key = fold(families[0]), author_key(reference.author[0])
    if first != key and last_word(first) != key:  # `Alan M. Turing, ‘Digital…’`
        return False
    if year is not None:
        return reference.year == year
    if not title:
        return True  # `op. cit.`: the works are asked last cited first
    short = fold(title)
    full = fold(reference.title)
    return bool(short) and (full == short or full.startswith(short + " "))


def base_key(reference: Reference) -> str:
    """Better BibTeX's default shape: first author's family name, year, first title word."""
    return _base_key(reference, fold(reference.title))


def _base_key(reference: Reference, title: str) -> str:
    """`base_key`, given the reference's folded title."""
    first = reference.author[0] if reference.author else None
    if first is None:
        author = "anon"
    elif first.literal:
        words = [w for w in fold(first.literal).split() if w not in _ORGANISATION_STOP]
        author = words[0] if words else "anon"
    else:
        author = author_key(first).replace(" ", "")
    words = [w for w in title.split() if w not in _STOPWORDS]
    year = str(reference.year) if reference.year is not None else ""
    return f"{author}{year}{words[0] if words else ''}"


def _suffixes() -> Iterator[str]:
    """a … z, aa, ab … zz, aaa …: Better BibTeX's disambiguation suffixes, never ending."""
    length = 1
    while True:
        for letters in itertools.product(string.ascii_lowercase, repeat=length):
            yield "".join(letters)
        length += 1


def assign_keys(references: Iterable[Reference], taken: Iterable[str]) -> list[str]:
    """Stable, unique keys in `references` order: every clash gets a, b, … in a fixed order."""
    items = list(references)
    titles = [fold(reference.title) for reference in items]
    used = set(taken)
    groups: dict[str, list[int]] = defaultdict(list)
    for index, reference in enumerate(items):
        groups[_base_key(reference, titles[index])].append(index)
    keys = [""] * len(items)
    for base in sorted(groups):
        members = groups[base]
        if len(members) > 1:
            members = sorted(members, key=lambda i: (titles[i], items[i].year or 0, i))
        if len(members) == 1 and base not in used:
            keys[members[0]] = base
            used.add(base)
            continue
        suffixes = _suffixes()
        for index in members:
            key = base + next(suffixes)
            while key in used:
                key = base + next(suffixes)
            keys[index] = key
            used.add(key)
    return keys
