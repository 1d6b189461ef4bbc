"""The bibliography's plain data: names, references and parsed citations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Name:
    """A person (`family`, `given`) or an organisation (`literal`)."""

    family: str = ""
    given: str = ""
    literal: str = ""

    def to_csl(self) -> dict[str, str]:
        """The CSL-JSON name object."""
        if self.literal:
            return {"literal": self.literal}
        return (
            {"family": self.family, "given": self.given} if self.given else {"family": self.family}
        )

    @property
    def sort_name(self) -> str:
        """The family name, or the organisation's name."""
        return self.literal or self.family


@dataclass(frozen=True)
class Reference:
    """One work, with the CSL-JSON fields citenorm reads and writes."""

    type: str = "document"
    author: tuple[Name, ...] = ()
    title: str = ""
    container_title: str = ""
    publisher: str = ""
    publisher_place: str = ""
    year: int | None = None
    month: int | None = None
    volume: str = ""
    issue: str = ""
    page: str = ""
    url: str = ""
    doi: str = ""
    note: str = ""
    medium: str = ""
    id: str = ""
    editor: tuple[Name, ...] = ()
    collection_title: str = ""
    genre: str = ""
    event_title: str = ""
    number: str = ""
    accessed: str = ""
    day: int | None = None
    isbn: str = ""

    def to_csl(self) -> dict[str, Any]:
        """The CSL-JSON item (empty fields left out)."""
        item: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.author:
            item["author"] = [name.to_csl() for name in self.author]
        if self.editor:
            item["editor"] = [name.to_csl() for name in self.editor]
        for csl_name, value in [
            ("title", self.title),
            ("container-title", self.container_title),
            ("publisher", self.publisher),
            ("publisher-place", self.publisher_place),
            ("volume", self.volume),
            ("issue", self.issue),
            ("page", self.page),
            ("URL", self.url),
            ("DOI", self.doi),
            ("note", self.note),
            ("medium", self.medium),
            ("collection-title", self.collection_title),
            ("genre", self.genre),
            ("event-title", self.event_title),
            ("number", self.number),
            ("ISBN", self.isbn),
        ]:
            if value:
                item[csl_name] = value
        if self.year is not None:
            parts = [self.year] if self.month is None else [self.year, self.month]
            if self.month is not None and self.day is not None:
                parts.append(self.day)
            item["issued"] = {"date-parts": [parts]}
        if self.accessed:
            item["accessed"] = {"raw": self.accessed}
        return item

    def filled(self) -> int:
        """How many fields hold something (used to prefer the richer of two records)."""
        return sum(1 for value in vars(self).values() if value not in ("", None, ()))

    def keyed(self, key: str) -> Reference:
        """This reference with citation key `key`: `dataclasses.replace` at half its cost
        (a corpus stage gives thousands of works their keys)."""
        return Reference(**{**vars(self), "id": key})


@dataclass(frozen=True)
class FullCitation:
    """A citation that names the work in full."""

    reference: Reference
    locator: str = ""


@dataclass(frozen=True)
class ShortCitation:
    """A short note: author family names and a short title (Chicago), or the year
    (author-date: `Morais, 2017, p. 31`, `Gould 1966, S. 6`), and a locator."""

    families: tuple[str, ...]
    title: str
    locator: str = ""
    year: int | None = None


@dataclass(frozen=True)
class IbidCitation:
    """*Ibid.*: the work of the previous citing note, perhaps at a new locator."""

    locator: str = ""


ParsedCitation = FullCitation | ShortCitation | IbidCitation


@dataclass(frozen=True)
class Segment:
    """One citation found in a note's Markdown, and where it stands there."""

    citation: ParsedCitation
    start: int
    end: int


@dataclass(frozen=True)
class ParsedNote:
    """What a note cites; `commentary` is true when it says more than its citations."""

    segments: tuple[Segment, ...] = field(default_factory=tuple)
    commentary: bool = False
