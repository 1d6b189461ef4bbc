"""Rules over the model's labels: arXiv numbers and page ranges the model leaves unlabelled."""

from __future__ import annotations

import pytest

from citenorm import parse_reference


@pytest.mark.parametrize(
    "text",
    [
        "Roe, Ann. “Sparse Lattices.” In _arXiv_, 2103.04567v3. arXiv, 2021. "
        "https://arxiv.org/abs/2103.04567v3.",
        "Roe, Ann. “Sparse Lattices.” _arXiv_, 2103.04567, arXiv, 9 Mar. 2021, "
        "https://arxiv.org/abs/2103.04567.",
    ],
)
def test_an_arxiv_number_is_the_number_not_a_date_volume_or_page(text: str) -> None:
    item = parse_reference(text)
    assert item["number"].startswith("2103.04567")
    assert item["issued"]["date-parts"][0][0] == 2021
    assert not {"volume", "issue", "page"} & set(item)


@pytest.mark.parametrize(
    ("pages", "expected"),
    [("1207–19", "1207–19"), ("1207–1219", "1207–1219"), ("45–67", "45–67")],
)
def test_a_range_of_pages_after_the_date_is_the_page_range(pages: str, expected: str) -> None:
    text = (
        "Roe, Ann. “Sparse Lattices.” _Journal of Lattice Studies_ 12, no. 4 (2019): "
        f"{pages}. https://doi.org/10.1000/lattice.12."
    )
    assert parse_reference(text)["page"] == expected


def test_a_range_of_years_is_not_a_page_range() -> None:
    text = "Roe, Ann. _Annual Survey of Lattices_. Lattice Society, 1998–2004."
    assert "page" not in parse_reference(text)


def test_a_range_after_pp_is_the_page_range_even_when_it_looks_like_years() -> None:
    text = (
        "Roe, Anna, and Bob Poe. “Sparse Lattices.” _Lattice Studies_, vol. 12, no. 4, "
        "Jan. 2019, pp. 1207–19, https://doi.org/10.1000/lattice.12."
    )
    assert parse_reference(text)["page"] == "1207–19"


def test_an_access_date_is_not_the_works_date() -> None:
    text = (
        "Roe, S. “Sparse Lattices.” _Centre for Lattice Governance_, "
        "https://www.example.org/articles/sparse. Accessed 18 June 2020."
    )
    assert "issued" not in parse_reference(text)


def test_an_academic_year_is_not_a_page_range() -> None:
    text = "Roe, Ann. _Annual Survey of Lattices, 2017–18_. Lattice Society, 2019."
    assert "page" not in parse_reference(text)


def test_a_number_inside_an_italic_title_stays_in_the_title() -> None:
    text = (
        "Roe, Anna. “Sparse Lattices.” In _Notes on Lattices (LM-12), Volume II_. "
        "Lattice Press, 1990."
    )
    assert parse_reference(text)["container-title"] == "Notes on Lattices (LM-12), Volume II"


@pytest.mark.parametrize(
    "text",
    [
        "Mary Roe, “Sparse Lattices” (PhD diss., Lattice University, 2019), 22.",
        "Roe, Mary. 2019. “Sparse Lattices.” PhD diss., Lattice University.",
    ],
)
def test_a_thesis_names_its_university_as_publisher(text: str) -> None:
    item = parse_reference(text)
    assert item["type"] == "thesis"
    assert item["publisher"] == "Lattice University"
    assert "container-title" not in item


@pytest.mark.parametrize(
    "text",
    [  # MLA and Harvard set a chapter like an article: the book's publisher tells them apart
        "Roe, Mary, et al. “Sparse Lattices.” _Lattices in Practice_, Lattice Press, 2013, "
        "pp. 125–37, https://doi.org/10.1000/x12.",
        "Roe, M. and Poe, B. (2013) “Sparse Lattices,” _Lattices in Practice_. Springer, "
        "pp. 125–137.",
    ],
)
def test_a_work_in_a_published_book_is_a_chapter(text: str) -> None:
    assert parse_reference(text)["type"] == "chapter"


def test_a_genre_word_inside_an_italic_series_stays_in_it() -> None:
    text = (
        "Roe, Mary, et al. “Sparse Lattices.” _Lecture Notes in Lattice Theory_, "
        "Lattice Press, 2016, https://doi.org/10.1000/x12."
    )
    item = parse_reference(text)
    assert item["container-title"] == "Lecture Notes in Lattice Theory"
    assert "genre" not in item


@pytest.mark.parametrize("given", ["Ann", "May", "Amy"])
def test_a_short_given_name_is_not_read_as_a_date(given: str) -> None:
    text = (
        f"Roe, {given}, and Robert Poe. “Sparse Lattices.” _Lattice Studies_ 12, no. 3 "
        "(2017): 45–67."
    )
    item = parse_reference(text)
    assert item["author"] == [
        {"family": "Roe", "given": given},
        {"family": "Poe", "given": "Robert"},
    ]
    assert item["issued"]["date-parts"][0][0] == 2017
