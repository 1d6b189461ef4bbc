"""BibTeX out and in: bibtexparser reads what we write, organisations stay organisations."""

from __future__ import annotations

from bibtexparser.entrypoint import parse_string

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
