"""BibTeX out and in: bibtexparser reads what we write, organisations stay organisations."""

from __future__ import annotations

from dataclasses import replace

import pytest
from bibtexparser.entrypoint import parse_string
from hypothesis import given, settings
from hypothesis import strategies as st

from citenorm.bibliography import Name, Reference, from_bibtex, to_bibtex

COALITION = Reference(
    type="report",
    author=(Name(literal="Coalition to Advance Learning in Archives, Libraries and Museums"),),
    title="Best Practices in Collaboration",
    publisher="Coalition to Advance Learning in Archives, Libraries and Museums",
    year=2016,
    url="http://www.coalitiontoadvancelearning.org/why-collaborate/",
    id="coalition2016best",
)
ARTICLE = Reference(
    type="article-journal",
    author=(Name("Jaeger", "Paul T."), Name("Bertot", "John Carlo")),
    title="Wake Up the Nation: Policy & Discourse at 100%",
    container_title="The Library Quarterly",
    volume="83",
    issue="1",
    page="61–72",
    year=2013,
    month=1,
    doi="10.1086/668582",
    id="jaeger2013wake",
)


def test_bibtexparser_reads_our_output() -> None:
    library = parse_string(to_bibtex([COALITION, ARTICLE]))
    assert not library.failed_blocks
    assert [entry.key for entry in library.entries] == ["coalition2016best", "jaeger2013wake"]
    author = library.entries[0].fields_dict["author"].value
    assert author == "{Coalition to Advance Learning in Archives, Libraries and Museums}"


def test_round_trip_is_lossless() -> None:
    assert from_bibtex(to_bibtex([COALITION, ARTICLE])) == [COALITION, ARTICLE]


def test_special_characters_are_escaped() -> None:
    text = to_bibtex([ARTICLE])
    assert r"Policy \& Discourse at 100\%" in text
    assert "pages = {61--72}" in text


def test_markdown_escapes_leave_no_trailing_backslash() -> None:
    odd = Reference(
        type="article-journal",
        title=r"*Title\*.*",
        container_title=r"\_Library Journal\_",
        publisher="A {brace",
        year=2001,
        id="odd2001title",
    )
    text = to_bibtex([odd])
    library = parse_string(text)
    assert not library.failed_blocks
    fields = library.entries[0].fields_dict
    assert fields["title"].value == "Title."
    assert fields["journal"].value == "Library Journal"
    assert "\\}" not in text.replace("\\{", "")


def test_reports_carry_a_type_and_misc_no_publisher() -> None:
    speech = Reference(type="speech", title="Talk", publisher="AAM", year=2020, id="aam2020talk")
    text = to_bibtex([COALITION, speech])
    library = parse_string(text)
    report, misc = library.entries
    assert report.entry_type == "report"
    assert report.fields_dict["type"].value == "Report"
    assert misc.entry_type == "misc"
    assert "publisher" not in misc.fields_dict
    assert misc.fields_dict["organization"].value == "AAM"


def test_a_report_by_an_organisation_names_it_as_institution() -> None:
    from citenorm.bibliography import Name, Reference, to_bibtex

    report = Reference(
        type="report",
        id="pla2016",
        title="Project Outcome",
        author=(Name(literal="Public Library Association"),),
        year=2016,
    )
    assert "institution = {Public Library Association}" in to_bibtex([report])


def _through_bibtexparser(references: list[Reference]) -> str:
    """What `to_bibtex` wrote when bibtexparser's library and writer wrote it."""
    from bibtexparser.entrypoint import write_string
    from bibtexparser.library import Library
    from bibtexparser.middlewares import default_unparse_stack
    from bibtexparser.model import Entry, Field
    from bibtexparser.writer import BibtexFormat

    from citenorm.bibliography._bibtex import _ENTRY_TYPES, _fields

    library = Library()
    for reference in references:
        fields = [Field(key, value) for key, value in _fields(reference)]
        library.add(Entry(_ENTRY_TYPES.get(reference.type, "misc"), reference.id, fields))
    bibtex_format = BibtexFormat()  # type: ignore[no-untyped-call]
    bibtex_format.indent = "  "
    bibtex_format.block_separator = "\n"
    stack = default_unparse_stack(allow_inplace_modification=True)
    return write_string(library, unparse_stack=stack, bibtex_format=bibtex_format).strip() + "\n"


_KINDS = ["book", "report", "thesis", "speech", "document", "webpage", "article-newspaper"]
_NAMES = st.sampled_from(
    [Name("Jaeger", "Paul T."), Name(literal="Public Library Association"), Name("van Dyk")]
)
_TEXT = st.text(alphabet="ab &%#_$*\\{}–\n:é", max_size=12)


@given(
    st.lists(
        st.builds(
            Reference,
            type=st.sampled_from(_KINDS),
            author=st.lists(_NAMES, max_size=2).map(tuple),
            title=_TEXT,
            container_title=_TEXT,
            publisher=_TEXT,
            publisher_place=_TEXT,
            year=st.none() | st.integers(1, 2100),
            month=st.none() | st.integers(1, 12),
            page=_TEXT,
            note=_TEXT,
            medium=_TEXT,
            genre=_TEXT,
        ),
        max_size=4,
    )
)
@settings(max_examples=150, deadline=None)
def test_writes_the_bytes_bibtexparser_wrote(references: list[Reference]) -> None:
    keyed = [replace(reference, id=f"key{i}") for i, reference in enumerate(references)]
    assert to_bibtex(keyed) == _through_bibtexparser(keyed)


def test_an_entry_with_no_fields_and_an_empty_bibliography_as_bibtexparser_wrote() -> None:
    bare = [Reference(id="bare"), COALITION]
    assert to_bibtex(bare) == _through_bibtexparser(bare)
    assert to_bibtex([]) == _through_bibtexparser([]) == "\n"


def test_a_repeated_key_is_refused() -> None:
    with pytest.raises(ValueError, match="coalition2016best"):
        to_bibtex([COALITION, COALITION])
