"""Merging citations of one work, and stable citation keys."""

from __future__ import annotations

from citenorm.bibliography import Name, Reference
from citenorm.bibliography._match import assign_keys, base_key, merge, same_work

CASSELL = Reference(
    type="article-magazine",
    author=(Name("Cassell", "Kay Ann"), Name("Weibel", "Kathleen")),
    title="Celebrating Women’s History Month at Your Library",
    year=2010,
)


def test_same_work_tolerates_punctuation_case_initials_and_subtitles() -> None:
    other = Reference(
        author=(Name("Cassell", "K. A."),),
        title="celebrating women's history month at your library: a guide",
        year=2010,
    )
    assert same_work(CASSELL, other)
    assert not same_work(
        CASSELL, Reference(author=(Name("Cassell", "K."),), title=CASSELL.title, year=2011)
    )
    assert same_work(
        Reference(author=(Name(literal="Museum & Library Co"),), title="A & B"),
        Reference(author=(Name(literal="Museum and Library Co."),), title="A and B", year=2001),
    )


def test_merge_keeps_the_richest_fields() -> None:
    with_url = Reference(author=CASSELL.author, title=CASSELL.title, year=2010, url="https://x.org")
    merged = merge(CASSELL, with_url)
    assert (merged.url, merged.type, merged.year) == ("https://x.org", "article-magazine", 2010)


def test_keys_in_better_bibtex_style() -> None:
    assert base_key(CASSELL) == "cassell2010celebrating"
    organisation = Reference(
        author=(Name(literal="Coalition to Advance Learning in Archives, Libraries and Museums"),),
        title="Best Practices in Collaboration",
        year=2016,
    )
    assert base_key(organisation) == "coalition2016best"


def test_clashes_get_suffixes_whatever_the_order() -> None:
    one = Reference(author=(Name("Smith", "J."),), title="Libraries Today", year=2001)
    two = Reference(author=(Name("Smith", "J."),), title="Libraries Tomorrow", year=2001)
    assert assign_keys([one, two], []) == ["smith2001librariesa", "smith2001librariesb"]
    assert assign_keys([two, one], []) == ["smith2001librariesb", "smith2001librariesa"]
    assert assign_keys([one], ["smith2001libraries"]) == ["smith2001librariesa"]
