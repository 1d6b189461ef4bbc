"""The bibliography stage: citations parsed, resolved, merged, keyed, and written out."""

from ._bibtex import from_bibtex, to_bibtex
from ._model import FullCitation, IbidCitation, Name, ParsedNote, Reference, ShortCitation
from ._parse import parse_citation, parse_note, parse_reference
from ._refs import FORMATS as REFERENCE_FORMATS
from ._refs import format_references, parse_references
from ._resolve import Bibliography, build_bibliography, cite_notes, parse_notes

__all__ = [
    "REFERENCE_FORMATS",
    "Bibliography",
    "FullCitation",
    "IbidCitation",
    "Name",
    "ParsedNote",
    "Reference",
    "ShortCitation",
    "build_bibliography",
    "cite_notes",
    "format_references",
    "from_bibtex",
    "parse_citation",
    "parse_note",
    "parse_notes",
    "parse_reference",
    "parse_references",
    "to_bibtex",
]
