"""The sequence model's features: the very strings the model was trained on.

`features` makes each distinct token's strings once (a cache) and the
position-dependent ones from tables; the model only knows the strings of
`training/build.py`, so they must stay exactly those of the first
implementation, frozen below as `_reference_features` (order included: the
tagger sums weights in that order).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence

import pytest

from citenorm.bibliography import _crf
from citenorm.bibliography._crf import features, label, label_tokens
from citenorm.bibliography._tokens import Token, tokenize


def _shape(token: Token) -> str:
    text = token.text
    if token.kind == "url":
        return "DOI" if "10." in text and ("doi" in text.lower() or text[:3] == "10.") else "URL"
    if token.kind == "digits":
        if len(text) == 4 and 1400 <= int(text) <= 2099:
            return "YEAR"
        return f"d{min(len(text), 5)}"
    if token.kind == "other":
        return "p" + text
    if len(text) == 1:
        return "A" if text.isupper() else "a"
    if text.isupper():
        return "AA"
    if text[0].isupper():
        return "Aa" if text[1:].islower() else "AaA"
    return "aa" if text.islower() else "aA"


def _word_features(token: Token) -> list[str]:
    lower = token.text.lower()
    found = []
    for words, name in (
        (_crf._MONTHS, "month"),
        (_crf._PUBLISHER, "publisherword"),
        (_crf._JOURNAL, "journalword"),
        (_crf._ORGANISATION, "orgword"),
        (_crf._PLACE, "placeword"),
        (_crf._GENRE, "genreword"),
        (_crf._PARTICLES, "particle"),
    ):
        if lower in words:
            found.append(name)
    return found


def _key(token: Token) -> str:
    if token.kind == "word":
        lower = token.text.lower()
        cue = lower in _crf._CUES or lower in _crf._MONTHS
        return lower if cue or len(lower) <= 3 else "W"
    if token.kind == "other":
        return token.text
    return _shape(token)


def _reference_features(tokens: Sequence[Token]) -> list[list[str]]:
    """The first implementation of `features`, kept as the definition of its output."""
    count = len(tokens)
    shapes = [_shape(t) for t in tokens]
    keys = [_key(t) for t in tokens]
    out: list[list[str]] = []
    periods = 0
    commas = 0
    seen_year = False
    seen_quote = False
    seen_italic = False
    for index, token in enumerate(tokens):
        found = [
            "b",
            "s=" + shapes[index],
            "k=" + keys[index],
            f"pos={10 * index // max(count, 1)}",
            f"sent={min(periods, 6)}",
            f"comma={min(commas, 6)}",
        ]
        if token.kind == "word":
            found.extend(_word_features(token))
        if index < 3:
            found.append(f"i={index}")
        if index >= count - 3:
            found.append(f"e={count - index}")
        if token.italic:
            found.append("ital")
        if token.quoted:
            found.append("quot")
        if token.bracketed:
            found.append("brk")
        if not token.space_before:
            found.append("nosp")
        found.append(f"sy={seen_year}")
        found.append(f"sq={seen_quote}")
        found.append(f"si={seen_italic}")
        for offset in (-2, -1, 1, 2):
            other = index + offset
            if 0 <= other < count:
                neighbour = tokens[other]
                found.append(f"k{offset}={keys[other]}")
                found.append(f"s{offset}={shapes[other]}")
                if abs(offset) == 1:
                    found.append(f"ital{offset}={neighbour.italic}")
                    found.append(f"quot{offset}={neighbour.quoted}")
                    found.append(f"kk{offset}={keys[index]}|{keys[other]}")
                    if neighbour.kind == "word":
                        found.extend(f"{name}{offset}" for name in _word_features(neighbour))
            else:
                found.append(f"edge{offset}")
        out.append(found)
        if token.text == "." and not token.quoted and not token.italic:
            previous = tokens[index - 1] if index else None
            if previous is None or not (previous.kind == "word" and len(previous.text) == 1):
                periods += 1
        if token.text == ",":
            commas += 1
        if shapes[index] == "YEAR":
            seen_year = True
        if token.quoted:
            seen_quote = True
        if token.italic:
            seen_italic = True
    return out


# Invented references in the forms the parser reads, and odd strings around them.
STRINGS = [
    "Hollis, Ann, and Bo Tran. “Shelving the Commons.” _Journal of Stacks_ 12, no. 3 "
    "(2019): 201–19. https://doi.org/10.5555/stacks.2019.12.",
    "Tran, B. (2021). _Reading rooms: A history_ (2nd ed.). Quire Press. ISBN 978-0-00-000000-2",
    "Okafor C, Lindqvist M. Catalogue drift in small libraries. J Libr Sci. 2018 Oct 1;13(1):45-9.",
    "[1] D. Mensah, “Open stacks,” in Proc. Int. Conf. Archives, Paris, 2017, pp. 3–8.",
    "Marsh, Ellen. _The Quiet Archive_. New York: Harbor Books, 2008, 45.",
    "Museum Coalition of Rivertown. “About Us.” Accessed May 3, 2022. www.rivertown.org/about.",
    "Ibid., 112.",
    "See also Ruiz and Park, _Gatherings_, 14–15; Ruiz, “Voices,” 3.",
    "van der Berg, J.-W., & de la Cruz, M. (2015). Stacks. *Archivaria*, *80*, 1–20.",
    "Webinar, Friends of the Library, May 2020, 1407.3561v1, arXiv.",
    "ALL CAPITALS TITLE, SPRINGER, 1999, pp. xii–xiv.",
    "a",
    ".",
    "2020",
    "Smith, J. A.",
    "“Quoted” _italic_ (bracketed [deeper]) end.",
    "http://example.org/x.",
    "Lee,Kim.“NoSpaces”_Journal_,2001:1-2.",
    "Aa. Bb. Cc. Dd. Ee. Ff. Gg. Hh, Ii, Jj, Kk, Ll, Mm, Nn, Oo. Pp. 2001, 3, 4.",
]


def _variants(text: str) -> list[str]:
    return [text, text.upper(), text.lower(), text.replace("_", "*"), text[: len(text) // 2]]


@pytest.mark.parametrize("text", STRINGS)
def test_features_are_those_the_model_was_trained_on(text: str) -> None:
    for variant in _variants(text):
        tokens = tokenize(variant)
        assert features(tokens) == _reference_features(tokens)


def test_features_of_every_layout_and_length() -> None:
    words = [
        ("Press", "word"),
        ("May", "word"),
        ("van", "word"),
        ("in", "word"),
        ("Smith", "word"),
        ("1999", "digits"),
        ("12", "digits"),
        ("123456", "digits"),
        (".", "other"),
        (",", "other"),
        ("“", "other"),
        ("https://doi.org/10.1/x", "url"),
        ("www.example.org", "url"),
    ]
    rng = random.Random(12)
    sequences = [list(c) for n in (1, 2) for c in itertools.product(words, repeat=n)]
    sequences += [rng.choices(words, k=rng.randint(3, 9)) for _ in range(1_500)]
    for sequence in sequences:
        tokens = [
            Token(
                text,
                0,
                len(text),
                kind,
                italic=rng.random() < 0.3,
                quoted=rng.random() < 0.3,
                bracketed=rng.randint(0, 2),
                space_before=rng.random() < 0.7,
            )
            for text, kind in sequence
        ]
        assert features(tokens) == _reference_features(tokens)


def test_no_tokens_no_features() -> None:
    assert features([]) == []
    assert label_tokens([]) == []


def test_urls_and_dois_are_the_rules_to_label() -> None:
    labelled = label("Hollis, Ann. “Stacks.” 2019. https://doi.org/10.5555/x https://example.org/a")
    by_text = {token.text: name for token, name in labelled}
    assert by_text["https://doi.org/10.5555/x"] == "DOI"
    assert by_text["https://example.org/a"] == "URL"
    assert all(name not in ("URL", "DOI") for token, name in labelled if token.kind != "url")
