"""BibTeX/BibLaTeX in and out, through bibtexparser v2.

Organisations are written with double braces (`{{Coalition …}}`) so that
pandoc and BibLaTeX do not read them as a person called "Museums, C.".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares import SeparateCoAuthors
from bibtexparser.model import Entry
from pylatexenc.latex2text import LatexNodes2Text

from ._model import Name, Reference

_ENTRY_TYPES = {
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "book": "book",
    "chapter": "incollection",
    "paper-conference": "inproceedings",
    "report": "report",
    "thesis": "thesis",
    "webpage": "online",
    "speech": "misc",
}
_SUBTYPES = {"article-magazine": "magazine", "article-newspaper": "newspaper"}
_SPECIAL = re.compile(r"([&%#_$])")
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_EMPHASIS = re.compile(r"(?<![\w\\])[*_]+(?=\S)|(?<=\S)[*_]+(?!\w)")
_TOUCHED = re.compile(r"[\\{}&%#_$*]")
"""Every character `_escape` removes or escapes: text without any is written as it is."""


def _container_field(kind: str) -> str:
    if kind.startswith("article"):
        return "journal"
    return "booktitle" if kind in ("chapter", "paper-conference") else "series"


def to_bibtex(references: Sequence[Reference]) -> str:
    """The references as BibLaTeX, one entry per reference in the given order.

    Written here, in bibtexparser v2's layout (two-space indent, `key = {value}`,
    one blank line between entries) without building its library: its writer and
    middleware cost 0.8 s on a 2,000-chapter corpus, this 0.1 s, for the same bytes
    (`tests/bibliography/test_bibtex.py` checks them against bibtexparser's).
    Raises ValueError on a repeated key, as bibtexparser does.
    """
    seen: set[str] = set()
    entries: list[str] = []
    for reference in references:
        if reference.id in seen:
            raise ValueError(f"Duplicate keys found: {[reference.id]}.")
        seen.add(reference.id)
        lines = [f"  {key} = {{{value}}}" for key, value in _fields(reference)]
        kind = _ENTRY_TYPES.get(reference.type, "misc")
        entries.append("".join([f"@{kind}{{{reference.id},\n", *_ended(lines), "}\n"]))
    return "\n".join(entries).strip() + "\n"


def _ended(lines: list[str]) -> list[str]:
    """Field lines as bibtexparser ends them: a comma after all but the last, then a newline."""
    return [line + ",\n" for line in lines[:-1]] + [line + "\n" for line in lines[-1:]]


def _fields(reference: Reference) -> list[tuple[str, str]]:
    """The entry's fields, in the order written, empty ones left out."""
    values: list[tuple[str, str]] = []
    if reference.type in _SUBTYPES:
        values.append(("entrysubtype", _SUBTYPES[reference.type]))
    if reference.author:
        values.append(("author", " and ".join(_name(name) for name in reference.author)))
    entry_type = _ENTRY_TYPES.get(reference.type, "misc")
    publisher = {"report": "institution", "thesis": "institution", "misc": "organization"}.get(
        entry_type, "publisher"
    )
    if entry_type == "report":  # biber's data model requires a report's type
        values.append(("type", _escape(reference.genre or "Report")))
    if entry_type == "thesis":
        values.append(("type", _escape(reference.genre or "Thesis")))
    issuer = reference.publisher
    if not issuer and publisher == "institution" and reference.author:
        # biber requires a report's or thesis's institution; an organisation that
        # wrote it is the one that issued it.
        issuer = reference.author[0].literal
    values += [
        ("title", _escape(reference.title)),
        (_container_field(reference.type), _escape(reference.container_title)),
        (publisher, _protect_and(_escape(issuer))),
        ("address", _protect_and(_escape(reference.publisher_place))),
        ("year", str(reference.year) if reference.year is not None else ""),
        ("month", str(reference.month) if reference.month is not None else ""),
        ("volume", reference.volume),
        ("number", reference.issue),
        ("pages", reference.page.replace("–", "--")),
        ("doi", reference.doi),
        ("url", reference.url),
        ("howpublished", _escape(reference.medium)),
        ("note", _escape(reference.note)),
    ]
    return [(key, value) for key, value in values if value]


def _name(name: Name) -> str:
    if name.literal:
        return "{" + _escape(name.literal) + "}"
    return _escape(f"{name.family}, {name.given}" if name.given else name.family)


def _protect_and(text: str) -> str:
    """`{and}` in a BibLaTeX list field (publisher, institution, address), where `and` splits."""
    return re.sub(r"\band\b", "{and}", text)


def _escape(text: str) -> str:
    """LaTeX-safe text from a value that may still hold Markdown.

    Markdown escapes, then emphasis marks go first (`\\_Library Journal\\_`, `*Title\\*.*`),
    so no backslash is left to escape the entry's closing brace; braces that remain
    are escaped, so every entry reads back.
    """
    if not _TOUCHED.search(text):
        return text
    text = _EMPHASIS.sub("", _MARKDOWN_ESCAPE.sub(r"\1", text))
    text = text.replace("\\", "\\textbackslash ").replace("{", "\\{").replace("}", "\\}")
    return _SPECIAL.sub(r"\\\1", text)


def from_bibtex(text: str) -> list[Reference]:
    """References from BibTeX text; raises ValueError naming the entries that did not parse."""
    library = parse_string(text, append_middleware=[SeparateCoAuthors()])
    if library.failed_blocks:
        lines = ", ".join(str((block.start_line or 0) + 1) for block in library.failed_blocks)
        raise ValueError(f"cannot parse the BibTeX entries at line(s) {lines}")
    return [_reference(entry) for entry in library.entries]


def _reference(entry: Entry) -> Reference:
    fields = {key.lower(): value for key, value in entry.fields_dict.items()}
    decode = LatexNodes2Text()

    def text(*names: str) -> str:
        for name in names:
            if name in fields and fields[name].value:
                return str(decode.latex_to_text(str(fields[name].value))).strip()
        return ""

    raw = fields["author"].value if "author" in fields else []
    authors = tuple(_parse_name(str(a), decode) for a in (raw if isinstance(raw, list) else [raw]))
    kind = _csl_type(entry.entry_type.lower(), text("entrysubtype"), text("howpublished"))
    year = text("year", "date")[:4]
    month = text("month")
    return Reference(
        type=kind,
        author=authors,
        title=text("title"),
        container_title=text("journal", "journaltitle", "booktitle", "series"),
        publisher=text("publisher", "institution", "organization", "school"),
        publisher_place=text("address", "location"),
        year=int(year) if year.isdigit() else None,
        month=int(month) if month.isdigit() else None,
        volume=text("volume"),
        issue=text("number", "issue"),
        page=text("pages").replace("--", "–"),
        url=str(fields["url"].value).strip() if "url" in fields else "",
        doi=text("doi"),
        note=text("note"),
        medium=text("howpublished"),
        genre=_genre(entry.entry_type.lower(), text("type")),
        id=entry.key,
    )


def _genre(entry_type: str, value: str) -> str:
    """A report's or thesis's `type`, unless it is the one written for want of one."""
    if entry_type in ("report", "thesis") and value.lower() not in ("report", "thesis"):
        return value
    return ""


def _parse_name(raw: str, decode: LatexNodes2Text) -> Name:
    raw = raw.strip()
    if raw.startswith("{") and raw.endswith("}"):
        return Name(literal=str(decode.latex_to_text(raw[1:-1])).strip())
    text = str(decode.latex_to_text(raw)).strip()
    if "," in text:
        family, _, given = text.partition(",")
        return Name(family=family.strip(), given=given.strip())
    given, _, family = text.rpartition(" ")
    return Name(family=family, given=given.strip()) if given else Name(family=text)


def _csl_type(entry_type: str, subtype: str, howpublished: str) -> str:
    if entry_type == "article":
        return {"magazine": "article-magazine", "newspaper": "article-newspaper"}.get(
            subtype, "article-journal"
        )
    inverse = {v: k for k, v in _ENTRY_TYPES.items() if not k.startswith("article")}
    inverse.update({"techreport": "report", "phdthesis": "thesis", "mastersthesis": "thesis"})
    if entry_type == "misc":
        return "speech" if howpublished else "document"
    return inverse.get(entry_type, "document")
