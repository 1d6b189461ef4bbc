"""Merging citations of one work, and stable citation keys."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from citenorm.bibliography import Name, Reference
from citenorm.bibliography._match import assign_keys, base_key, fold, merge, same_work

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


def test_suffixes_stay_letters_past_26_clashes() -> None:
    works = [
        Reference(author=(Name("Smith", "J."),), title=f"Libraries {n:03}", year=2001)
        for n in range(30)
    ]
    keys = assign_keys(works, [])
    assert keys[25:28] == ["smith2001librariesz", "smith2001librariesaa", "smith2001librariesab"]
    assert all(key.isalnum() for key in keys)
    assert len(set(keys)) == 30


def test_a_lower_case_particle_keys_one_way() -> None:
    curated = Reference(
        author=(Name("Beethoven", "Ludwig van"),), title="Symphony No. 5", year=1808
    )
    noted = Reference(author=(Name("van Beethoven", "Ludwig"),), title="Symphony No. 5", year=1808)
    assert base_key(curated) == base_key(noted) == "beethoven1808symphony"
    assert same_work(curated, noted)
    assert base_key(Reference(author=(Name("Van Noorden", "R."),), title="X", year=2014)) == (
        "vannoorden2014x"
    )


def _fold_by_regex(text: str) -> str:
    """`fold` as first written: decomposition, then one regular expression."""
    text = unicodedata.normalize("NFKD", text.replace("&", " and "))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


@given(st.text(alphabet=st.characters(max_codepoint=127)) | st.text())
@settings(max_examples=500, deadline=None)
def test_fold_by_table_is_fold_by_regex(text: str) -> None:
    assert fold(text) == _fold_by_regex(text)


def test_fold_examples() -> None:
    assert fold("  Policy & Discourse:\tat 100%\x1f ") == "policy and discourse at 100"
    assert fold("Café Ünïcode&Co") == "cafe unicode and co"
