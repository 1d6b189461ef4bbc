"""The citation parser on the forms a note takes: ibid, short forms, several works, commentary."""

from __future__ import annotations

import pytest

from citenorm.bibliography import FullCitation, IbidCitation, ShortCitation, parse_note
from citenorm.bibliography._names import parse_authors
from citenorm.bibliography._text import plain


@pytest.mark.parametrize(
    ("text", "locator"),
    [("Ibid.", ""), ("Ibid., 12.", "12"), ("*Ibid.*, 4–5.", "4–5"), ("ibid., pp. 3-4", "3–4")],
)
def test_ibid(text: str, locator: str) -> None:
    [segment] = parse_note(text).segments
    assert segment.citation == IbidCitation(locator)


@pytest.mark.parametrize(
    ("text", "families", "title", "locator"),
    [
        (
            "Cassell and Weibel, “Celebrating Women’s History Month,” 34.",
            ("Cassell", "Weibel"),
            "Celebrating Women’s History Month",
            "34",
        ),
        ("Lankes, *Atlas*, 65.", ("Lankes",), "Atlas", "65"),
        ("Smith, *Early Partnerships*, 10.", ("Smith",), "Early Partnerships", "10"),
    ],
)
def test_short_forms(text: str, families: tuple[str, ...], title: str, locator: str) -> None:
    [segment] = parse_note(text).segments
    assert segment.citation == ShortCitation(families, title, locator)


@pytest.mark.parametrize(
    ("text", "families"),
    [
        ("Smith, Power, 22.", ("Smith",)),
        ("Kelly and Daly, Open Access, 3.", ("Kelly", "Daly")),
        ("van der Berg, *the long war*, 12.", ("van der Berg",)),
        ("Smith et al., “what we keep,” 4.", ("Smith",)),
    ],
)
def test_short_forms_with_names_of_every_shape(text: str, families: tuple[str, ...]) -> None:
    [segment] = parse_note(text).segments
    assert isinstance(segment.citation, ShortCitation)
    assert segment.citation.families == families


@pytest.mark.parametrize(
    "text",
    [
        "Unfortunately, the data were lost.",
        "Technically, this makes the decoder a hidden model.",
        "In our example, the tax rate is lower.",
        "However, Smith disagrees.",
        "Note that this differs from the earlier version, which used tabs.",
        "A Word note with, italics.",
    ],
)
def test_a_sentence_with_a_comma_is_commentary_not_a_short_form(text: str) -> None:
    note = parse_note(text)
    assert note.segments == ()
    assert note.commentary


def test_several_works_and_their_spans() -> None:
    text = "Lankes, *Atlas*, 65; Klinenberg, *Palaces for the People* (New York: Crown, 2018), 4."
    note = parse_note(text)
    first, second = note.segments
    assert isinstance(first.citation, ShortCitation)
    assert isinstance(second.citation, FullCitation)
    assert text[first.start : first.end] == "Lankes, *Atlas*, 65"
    assert text[second.start : second.end].startswith("Klinenberg")
    assert not note.commentary


def test_commentary_around_a_citation() -> None:
    text = (
        "For a fuller account, see Wayne A. Wiegand, *Main Street Public Library* "
        "(Iowa City: University of Iowa Press, 2011)."
    )
    note = parse_note(text)
    [segment] = note.segments
    assert note.commentary
    assert text[segment.start :].startswith("Wayne A. Wiegand")


@pytest.mark.parametrize(
    "text",
    [
        "Interview with a branch manager, March 2019.",
        "Staff survey, 2018, question 7.",
        "See the module on evaluation.",
    ],
)
def test_commentary_alone_cites_nothing(text: str) -> None:
    note = parse_note(text)
    assert note.segments == ()
    assert note.commentary


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Cassell, Kay Ann, and Kathleen Weibel", [("Cassell", "Kay Ann"), ("Weibel", "Kathleen")]),
        ("Kay Ann Cassell and Kathleen Weibel", [("Cassell", "Kay Ann"), ("Weibel", "Kathleen")]),
        ("Cassell, K. A., & Weibel, K.", [("Cassell", "K. A."), ("Weibel", "K.")]),
        ("Ludwig van Beethoven", [("van Beethoven", "Ludwig")]),
        ("Coalition to Advance Learning in Archives, Libraries and Museums", [("", "")]),
    ],
)
def test_authors(text: str, names: list[tuple[str, str]]) -> None:
    parsed = parse_authors(text)
    if names == [("", "")]:
        assert parsed[0].literal == text
    else:
        assert [(n.family, n.given) for n in parsed] == names


def test_urls_and_dois_are_extracted() -> None:
    text = plain("See [x](https://a.org/p) and doi:10.1000/xyz123 then <https://b.org>.")
    assert (text.url, text.doi) == ("https://a.org/p", "10.1000/xyz123")


def test_three_author_short_form() -> None:
    text = "Yarrow, Clubb, and Draper, “Public Libraries, Archives and Museums,” 36."
    [segment] = parse_note(text).segments
    assert segment.citation == ShortCitation(
        ("Yarrow", "Clubb", "Draper"), "Public Libraries, Archives and Museums", "36"
    )


def test_a_semicolon_inside_a_vancouver_reference_does_not_split_it() -> None:
    text = "Schiermeier Q. Climate science is not settled. Nature. 2015 Oct 1;526(7572):173–4."
    assert len(parse_note(text).segments) == 1


def test_three_author_short_form_resolves_to_its_full_reference() -> None:
    from citenorm._api import cite
    from tests.dialects.helpers import chapter_of

    text = (
        "A.[^1] B.[^2] C.[^3]\n\n"
        "[^1]: Alexandra Yarrow, Barbara Clubb, and Jennifer-Lynn Draper, “Public Libraries, "
        "Archives and Museums: Trends in Collaboration and Cooperation” (The Hague: IFLA, "
        "2008), 3.\n\n"
        "[^2]: Yarrow, Clubb, and Draper, “Public Libraries, Archives and Museums,” 36.\n\n"
        "[^3]: Nobody, Other, and Someone, “Unknown Work,” 4.\n"
    )
    [chapter] = cite([chapter_of(text)], []).chapters
    first, second, third = (note.references for note in chapter.notes)
    assert len(first) == 1
    assert [c.id for c in second] == [first[0].id]
    assert third == ()
    assert "unresolved-short-form" in [d.code for d in chapter.diagnostics]


BOOK = "Maria Ortega, *Rivers of Salt* (Lima: Andes Press, 2004), 17."


@pytest.mark.parametrize(
    ("text", "locator"),
    [
        ("Ibid., chap. 2 (Harbours).", "chap. 2 (Harbours)"),
        ("Id. at 4.", "at 4"),
        ("Ebd., S. 18.", "S. 18"),
        ("Vgl. ebd., S. 10f.", "S. 10f"),
    ],
)
def test_ibid_in_other_words_and_places(text: str, locator: str) -> None:
    [segment] = parse_note(text).segments
    assert segment.citation == IbidCitation(locator)


@pytest.mark.parametrize(
    "text",
    [
        "Ibid. The survey was re-run in 1998; its error margin is discussed below.",
        'Ibid. "Active users grew more than fivefold in 2026."',
        "Ibid. Output share as of June 11, 2026: 99.8%, organisational 63.3%.",
    ],
)
def test_commentary_after_ibid_is_no_locator_and_no_work(text: str) -> None:
    """Before, everything after *Ibid.* was its locator, and `--citations pandoc`
    wrote the commentary into `[@key, …]`, deleting it from the note."""
    note = parse_note(text)
    [segment] = note.segments
    assert segment.citation == IbidCitation("")
    assert text[segment.start : segment.end] == "Ibid"
    assert note.commentary


def test_a_signal_after_ibid_or_prose_starts_a_citation() -> None:
    for text in [
        "Ibid. See also " + BOOK,
        "Local histories rarely mention it. See " + BOOK,
    ]:
        note = parse_note(text)
        cited = note.segments[-1]
        assert isinstance(cited.citation, FullCitation)
        assert text[cited.start :].startswith("Maria Ortega")
        assert note.commentary


def test_his_or_her_cites_the_same_authors() -> None:
    text = BOOK + " Also, see her *Salt Roads* (Lima: Andes Press, 2009)."
    first, second = parse_note(text).segments
    assert isinstance(first.citation, FullCitation)
    assert isinstance(second.citation, FullCitation)
    assert second.citation.reference.author == first.citation.reference.author
    assert second.citation.reference.title == "Salt Roads"


@pytest.mark.parametrize(
    "text",
    [
        "`map()` is a built-in function, see here: https://example.org/docs/map.",
        "Output-token share as of June 11, 2026: organisational 63.3%, individual 16.5%.",
    ],
)
def test_prose_or_code_with_a_date_or_link_is_no_work(text: str) -> None:
    assert parse_note(text).segments == ()


def test_authors_separated_by_a_semicolon_stay_one_citation() -> None:
    text = "Hart, Linda; Moss, Peter J. (2015). *Shared Shores*. Bay Publishing."
    [segment] = parse_note(text).segments
    assert isinstance(segment.citation, FullCitation)
    assert [n.family for n in segment.citation.reference.author] == ["Hart", "Moss"]


@pytest.mark.parametrize(
    ("text", "title", "locator"),
    [
        ("Calvino, ‘Cybernetics and Ghosts’, 11.", "Cybernetics and Ghosts", "11"),
        ("Banner, ‘Women’s Salt’, 4.", "Women’s Salt", "4"),
        (
            "Lind, *Networks of Trade*, Chapter 2 (Harbours).",
            "Networks of Trade",
            "Chapter 2 (Harbours)",
        ),
    ],
)
def test_short_forms_with_single_quotes_or_chapter_places(
    text: str, title: str, locator: str
) -> None:
    [segment] = parse_note(text).segments
    assert isinstance(segment.citation, ShortCitation)
    assert (segment.citation.title, segment.citation.locator) == (title, locator)


@pytest.mark.parametrize(
    "text",
    [
        'Ruth Banner, "Salt," in *Coastal Histories*, ed. Paul Vane (London: Verso, 2011), 40.',
        "Italo Calvino, *Numbers in the Dark*, trans. Paul Vane (London: Penguin, 1995), 2.",
    ],
)
def test_a_role_word_is_no_part_of_a_name(text: str) -> None:
    [segment] = parse_note(text).segments
    assert isinstance(segment.citation, FullCitation)
    [editor] = segment.citation.reference.editor
    assert (editor.family, editor.given) == ("Vane", "Paul")


@pytest.mark.parametrize(
    ("text", "families", "year", "locator"),
    [
        ("MORAIS, 2017, p. 31", ("Morais",), 2017, "31"),
        ("Gould 1966, S. 6.", ("Gould",), 1966, "S. 6"),
        ("Müller / Pfisterer 2011, S. 3.", ("Müller", "Pfisterer"), 2011, "S. 3"),
        ("Smith (2019), 45.", ("Smith",), 2019, "45"),
    ],
)
def test_author_date_short_notes(
    text: str, families: tuple[str, ...], year: int, locator: str
) -> None:
    [segment] = parse_note(text).segments
    assert segment.citation == ShortCitation(families, "", locator, year)


@pytest.mark.parametrize("text", ["Interview, 2020.", "However, 2019 was worse.", "Email, 2021."])
def test_a_source_noun_and_a_year_is_no_author_date_note(text: str) -> None:
    assert parse_note(text).segments == ()


def test_author_date_notes_and_ibid_resolve_in_order() -> None:
    """`Morais, 2017, p. 31` cites the 2017 work of Morais; an Ibid. after a citation
    that matched nothing is unresolved, not a citation of the work before it."""
    from citenorm._api import cite
    from tests.dialects.helpers import chapter_of

    text = (
        "A.[^1] B.[^2] C.[^3] D.[^4] E.[^5]\n\n"
        "[^1]: MORAIS, Ana. *Rios e portos*. São Paulo: Cia das Letras, 2017.\n\n"
        "[^2]: MORAIS, 2017, p. 31\n\n"
        "[^3]: MORAIS, 2015, p. 2\n\n"
        "[^4]: Ibid., p. 40\n\n"
        "[^5]: Alan Morais, ‘Rios e portos’, 12.\n"
    )
    [chapter] = cite([chapter_of(text)], []).chapters
    cited = [[c.id for c in note.references] for note in chapter.notes]
    key = cited[0][0]
    assert cited == [[key], [key], [], [], [key]]
    assert [d.code for d in chapter.diagnostics] == ["unresolved-short-form", "unresolved-ibid"]


@pytest.mark.parametrize(
    "text", ["Updated June 2021.", "Windows 2000", "World Cup 2014.", "Accessed May 2020."]
)
def test_a_name_and_a_year_alone_is_no_author_date_note(text: str) -> None:
    assert parse_note(text).segments == ()


@pytest.mark.parametrize(
    ("text", "locator"),
    [("Ibid., 2:145.", "2:145"), ("Ibid., 145n12.", "145n12"), ("Ibid., § 2.3.", "§ 2.3")],
)
def test_ibid_keeps_volume_note_and_section_places(text: str, locator: str) -> None:
    [segment] = parse_note(text).segments
    assert segment.citation == IbidCitation(locator)


@pytest.mark.parametrize(
    ("text", "family"),
    [
        (
            "Jean d’Alembert, *Essai sur les gens de lettres* (Paris: Briasson, 1759), 3.",
            "d’Alembert",
        ),
        ("Marieke ter Braak, *De Dijk* (Leiden: Brill, 2004), 12.", "ter Braak"),
    ],
)
def test_a_family_name_with_a_particle_is_a_name(text: str, family: str) -> None:
    [segment] = parse_note(text).segments
    assert isinstance(segment.citation, FullCitation)
    assert [n.family for n in segment.citation.reference.author] == [family]


def test_op_cit_cites_the_latest_work_of_its_authors() -> None:
    from citenorm._api import cite
    from tests.dialects.helpers import chapter_of

    text = (
        "A.[^1] B.[^2] C.[^3] D.[^4]\n\n"
        "[^1]: Maria Ortega, *Rivers of Salt* (Lima: Andes Press, 2004), 17.\n\n"
        "[^2]: Maria Ortega, *Salt Roads* (Lima: Andes Press, 2009), 3.\n\n"
        "[^3]: Ortega, *op. cit.*, 45.\n\n"
        "[^4]: Nobody, op. cit., 2.\n"
    )
    [chapter] = cite([chapter_of(text)], []).chapters
    cited = [[(c.id, c.locator) for c in note.references] for note in chapter.notes]
    assert cited[2] == [(cited[1][0][0], "45")]
    assert cited[3] == []
    assert [d.code for d in chapter.diagnostics] == ["unresolved-short-form"]


def test_op_cit_cites_the_work_cited_last_not_the_work_read_last() -> None:
    from citenorm._api import cite
    from tests.dialects.helpers import chapter_of

    text = (
        "A.[^1] B.[^2] C.[^3] D.[^4]\n\n"
        "[^1]: John Smith, *The First Book* (London: Penguin, 1990), 12.\n\n"
        "[^2]: John Smith, *The Second Book* (London: Penguin, 1995), 3.\n\n"
        "[^3]: Smith, *The First Book*, 7.\n\n"
        "[^4]: Smith, op. cit., 45.\n"
    )
    [chapter] = cite([chapter_of(text)], []).chapters
    first = chapter.notes[0].references[0].id
    assert [c.id for c in chapter.notes[3].references] == [first]


def test_a_full_entry_without_a_date_is_no_short_form() -> None:
    assert parse_note("Drinkwater, Doug. Web log post.").segments == ()
