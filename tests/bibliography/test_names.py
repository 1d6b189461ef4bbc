"""The name parser on every common order, particles, suffixes, et al. and organisations."""

from __future__ import annotations

import pytest

from citenorm.bibliography import Name
from citenorm.bibliography._names import family_names, parse_authors

P = Name


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Heer, Jeffrey", [P("Heer", "Jeffrey")]),
        (
            "Moritz, Dominik, Kanit Wongsuphasawat, and Jeffrey Heer",
            [P("Moritz", "Dominik"), P("Wongsuphasawat", "Kanit"), P("Heer", "Jeffrey")],
        ),
        (
            "Moritz, D., Wongsuphasawat, K., & Heer, J.",
            [P("Moritz", "D."), P("Wongsuphasawat", "K."), P("Heer", "J.")],
        ),
        (
            "M. Brook, P. Murray-Rust, and C. Oppenheim",
            [P("Brook", "M."), P("Murray-Rust", "P."), P("Oppenheim", "C.")],
        ),
        ("Schiermeier Q", [P("Schiermeier", "Q")]),
        ("Boudry C, Chartron G", [P("Boudry", "C"), P("Chartron", "G")]),
        ("Van Noorden, R.", [P("Van Noorden", "R.")]),
        ("Ludwig van Beethoven", [P("van Beethoven", "Ludwig")]),
        ("Owens, T. and Padilla, T.", [P("Owens", "T."), P("Padilla", "T.")]),
        ("Arvind Satyanarayan et al.", [P("Satyanarayan", "Arvind")]),
        ("Koshland, D. E., Jr.", [P("Koshland", "D. E., Jr.")]),
        ("W.K. Kellogg Foundation", [Name(literal="W.K. Kellogg Foundation")]),
        (
            "Institute of Museum and Library Services",
            [Name(literal="Institute of Museum and Library Services")],
        ),
        ("Smith, J. (Eds.)", [P("Smith", "J.")]),
    ],
)
def test_name_orders(text: str, names: list[Name]) -> None:
    assert list(parse_authors(text)) == names


def test_short_form_names_are_family_names() -> None:
    assert family_names("Yarrow, Clubb, and Draper") == ("Yarrow", "Clubb", "Draper")
    assert family_names("Cassell and Weibel") == ("Cassell", "Weibel")
