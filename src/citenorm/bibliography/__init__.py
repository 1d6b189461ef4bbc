"""The bibliography stage: citations parsed, resolved, merged, keyed, and written out."""

from ._bibtex import from_bibtex, to_bibtex
from ._model import FullCitation, IbidCitation, Name, ParsedNote, Reference, ShortCitation
from ._parse import parse_citation, parse_note
from ._resolve import Bibliography, build_bibliography, cite_notes, parse_notes

__all__ = [
    "Bibliography",
    "FullCitation",
    "IbidCitation",
    "Name",
    "ParsedNote",
    "Reference",
    "ShortCitation",
    "build_bibliography",
    "cite_notes",
    "from_bibtex",
    "parse_citation",
    "parse_note",
    "parse_notes",
    "to_bibtex",
]
