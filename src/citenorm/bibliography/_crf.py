"""The sequence model: features of each token, and the trained CRF that labels them.

The model (`data/references.crfsuite`, trained by `training/build.py` from real
works rendered through real CSL styles) labels every token of a reference with
the field it belongs to: author, editor, title, container-title,
collection-title, publisher, publisher-place, date, volume, issue, pages,
locator, DOI, URL, accessed, genre, event, number, note, or O (punctuation and
words of no field).  The tagger is opened once per process (`functools.cache`).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ._tokens import Token, tokenize

MODEL = "references.crfsuite"

_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "spring", "summer", "autumn", "fall", "winter",
}  # fmt: skip
_PUBLISHER = {
    "press", "publishing", "publishers", "publisher", "books", "edition", "editions", "verlag",
    "routledge", "springer", "wiley", "elsevier", "sage", "penguin", "macmillan", "norton",
    "harpercollins", "random", "house", "mit", "oxford", "cambridge", "blackwell", "ieee",
    "acm", "taylor", "francis", "palgrave", "bloomsbury", "pearson", "mcgraw", "hill",
    "houghton", "mifflin", "knopf", "vintage", "basic", "academic", "scholarly", "ltd", "inc",
    "co", "llc", "gmbh", "unlimited", "associates",
}  # fmt: skip
_JOURNAL = {
    "journal", "review", "quarterly", "bulletin", "transactions", "proceedings", "letters",
    "annals", "annual", "studies", "magazine", "science", "sciences", "research", "archives",
    "archivaria", "archivist", "librarianship", "curator", "museum", "j", "rev", "proc",
    "trans", "int", "am", "soc", "bull", "quart", "news", "times", "post", "guardian",
    "herald", "tribune", "daily", "weekly", "monthly", "gazette", "chronicle", "telegraph",
    "nature", "plos", "one", "medicine", "conference", "symposium", "workshop", "congress",
}  # fmt: skip
_ORGANISATION = {
    "association", "coalition", "institute", "institution", "library", "libraries", "museum",
    "museums", "university", "college", "council", "network", "society", "department",
    "center", "centre", "foundation", "office", "board", "committee", "agency", "commission",
    "ministry", "organization", "organisation", "alliance", "federation", "group", "trust",
    "bureau", "project", "government", "corporation", "company", "consortium",
    "partnership", "league", "union", "academy", "school", "program", "programme",
    "initiative", "archives", "service", "services", "national", "international", "unesco",
    "oclc", "ifla", "world", "nations", "united", "state", "states", "fund", "institut",
}  # fmt: skip
_PLACE = {
    "new", "york", "london", "chicago", "cambridge", "oxford", "boston", "washington", "dc",
    "paris", "berlin", "amsterdam", "toronto", "san", "francisco", "los", "angeles",
    "philadelphia", "princeton", "berkeley", "ma", "ny", "ca", "il", "nj", "uk", "usa",
    "sydney", "melbourne", "ottawa", "montreal", "edinburgh", "dublin", "leiden", "cham",
    "heidelberg", "basingstoke", "abingdon", "thousand", "oaks", "baltimore", "ann", "arbor",
    "seattle", "minneapolis", "durham", "stanford", "lanham", "westport", "santa", "barbara",
    "manchester", "bristol", "copenhagen", "geneva", "rome", "vienna", "madrid", "tokyo",
    "beijing", "singapore", "delhi", "hoboken", "malden", "chichester", "farnham",
    "aldershot", "md", "va", "oh", "mi", "pa", "ct", "tx", "wa", "co", "fl", "ga", "mn",
}  # fmt: skip
_GENRE = {
    "webinar", "thesis", "dissertation", "diss", "phd", "report", "lecture", "keynote",
    "presentation", "podcast", "video", "blog", "recording", "recorded", "slides", "paper",
    "brief", "toolkit", "guide", "white", "working", "talk", "session", "conference",
    "master", "master’s", "master's", "msc", "ma", "doctoral", "preprint", "online",
    "audio", "interview", "speech", "address", "poster", "panel", "tutorial", "memo",
}  # fmt: skip
_CUES = {
    "in", "ed", "eds", "edited", "editor", "editors", "by", "vol", "volume", "no", "issue",
    "pp", "p", "pages", "accessed", "retrieved", "available", "from", "at", "viewed",
    "et", "al", "and", "trans", "translated", "doi", "url", "online", "n", "d", "nd", "ibid",
    "see", "cited", "quoted", "also", "cf", "last", "modified", "updated", "published",
    "presented", "th", "st", "rd", "edn", "rev", "repr", "ch", "chap", "sec", "art",
}  # fmt: skip
_PARTICLES = {"van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "le", "la"}
_QUOTE_MARKS = {"“", '"', "‘"}


def _shape(token: Token) -> str:
    return _local(token.kind, token.text).shape


def _kind_shape(kind: str, text: str) -> str:
    if kind == "url":
        return "DOI" if "10." in text and ("doi" in text.lower() or text[:3] == "10.") else "URL"
    if kind == "digits":
        if len(text) == 4 and 1400 <= int(text) <= 2099:
            return "YEAR"
        return f"d{min(len(text), 5)}"
    if kind == "other":
        return "p" + text
    if len(text) == 1:
        return "A" if text.isupper() else "a"
    if text.isupper():
        return "AA"
    if text[0].isupper():
        return "Aa" if text[1:].islower() else "AaA"
    return "aa" if text.islower() else "aA"


def _word_features(text: str) -> list[str]:
    lower = text.lower()
    found = []
    if lower in _MONTHS:
        found.append("month")
    if lower in _PUBLISHER:
        found.append("publisherword")
    if lower in _JOURNAL:
        found.append("journalword")
    if lower in _ORGANISATION:
        found.append("orgword")
    if lower in _PLACE:
        found.append("placeword")
    if lower in _GENRE:
        found.append("genreword")
    if lower in _PARTICLES:
        found.append("particle")
    return found


def _kind_key(kind: str, text: str, shape: str) -> str:
    if kind == "word":
        lower = text.lower()
        return lower if lower in _CUES or lower in _MONTHS or len(lower) <= 3 else "W"
    if kind == "other":
        return text
    return shape


@dataclass(frozen=True, slots=True)
class _Local:
    """What a token's features take from its kind and text alone, strings made once.

    `own` is the token's shape and key as it reads them itself (`s=`, `k=`) and
    `words` its word features; `far_before` is what the token two places before
    it reads of it (`k2=`, `s2=`), `far_after` what the token two places after it
    reads (`k-2=`, `s-2=`), `before`/`after` the same for the next neighbours
    (`k1=`/`k-1=`…), and `words_before`/`words_after` their word features of it
    (`month1`, `month-1`…).
    """

    shape: str
    key: str
    own: tuple[str, ...]
    words: tuple[str, ...]
    far_before: tuple[str, str]
    far_after: tuple[str, str]
    before: tuple[str, str]
    after: tuple[str, str]
    words_before: tuple[str, ...]
    words_after: tuple[str, ...]


@functools.lru_cache(maxsize=8192)
def _local(kind: str, text: str) -> _Local:
    """A token's own feature strings (bounded cache: a book repeats its words)."""
    shape = _kind_shape(kind, text)
    key = _kind_key(kind, text, shape)
    words = tuple(_word_features(text)) if kind == "word" else ()
    return _Local(
        shape,
        key,
        ("s=" + shape, "k=" + key),
        words,
        (f"k2={key}", f"s2={shape}"),
        (f"k-2={key}", f"s-2={shape}"),
        (f"k1={key}", f"s1={shape}"),
        (f"k-1={key}", f"s-1={shape}"),
        tuple(f"{name}1" for name in words),
        tuple(f"{name}-1" for name in words),
    )


# Position-dependent strings, made once: `_POS[n]` is `pos=n`, and so on.
_POS = tuple(f"pos={n}" for n in range(10))
_SENT = tuple(f"sent={n}" for n in range(7))
_COMMA = tuple(f"comma={n}" for n in range(7))
_START = ("i=0", "i=1", "i=2")
_END = ("", "e=1", "e=2", "e=3")
_SEEN_YEAR = ("sy=False", "sy=True")
_SEEN_QUOTE = ("sq=False", "sq=True")
_SEEN_ITALIC = ("si=False", "si=True")
_ITALIC_BEFORE = ("ital-1=False", "ital-1=True")
_ITALIC_AFTER = ("ital1=False", "ital1=True")
_QUOTED_BEFORE = ("quot-1=False", "quot-1=True")
_QUOTED_AFTER = ("quot1=False", "quot1=True")


def features(tokens: Sequence[Token]) -> list[list[str]]:
    """Each token's features: its own shape and words, layout, and its neighbours'.

    The strings are the ones the model was trained on (`training/build.py`);
    what depends on a token's text alone is made once per distinct token.
    """
    count = len(tokens)
    local = [_local(t.kind, t.text) for t in tokens]
    out: list[list[str]] = []
    periods = 0
    commas = 0
    seen_year = False
    seen_quote = False
    seen_italic = False
    last = count - 1
    for index, token in enumerate(tokens):
        mine = local[index]
        found = ["b", *mine.own, _POS[10 * index // count], _SENT[periods], _COMMA[commas]]
        found.extend(mine.words)
        if index < 3:
            found.append(_START[index])
        if index >= count - 3:
            found.append(_END[count - index])
        if token.italic:
            found.append("ital")
        if token.quoted:
            found.append("quot")
        if token.bracketed:
            found.append("brk")
        if not token.space_before:
            found.append("nosp")
        found.append(_SEEN_YEAR[seen_year])
        found.append(_SEEN_QUOTE[seen_quote])
        found.append(_SEEN_ITALIC[seen_italic])
        if index >= 2:
            found.extend(local[index - 2].far_after)
        else:
            found.append("edge-2")
        if index >= 1:
            neighbour = tokens[index - 1]
            other = local[index - 1]
            found.extend(other.after)
            found.append(_ITALIC_BEFORE[neighbour.italic])
            found.append(_QUOTED_BEFORE[neighbour.quoted])
            found.append(f"kk-1={mine.key}|{other.key}")
            found.extend(other.words_after)
        else:
            found.append("edge-1")
        if index < last:
            neighbour = tokens[index + 1]
            other = local[index + 1]
            found.extend(other.before)
            found.append(_ITALIC_AFTER[neighbour.italic])
            found.append(_QUOTED_AFTER[neighbour.quoted])
            found.append(f"kk1={mine.key}|{other.key}")
            found.extend(other.words_before)
        else:
            found.append("edge1")
        if index < last - 1:
            found.extend(local[index + 2].far_before)
        else:
            found.append("edge2")
        out.append(found)
        text = token.text
        if text == "." and not token.quoted and not token.italic:
            previous = tokens[index - 1] if index else None
            initial = previous is not None and previous.kind == "word" and len(previous.text) == 1
            if not initial and periods < 6:
                periods += 1  # counted up to 6 (`sent=6`: six or more)
        elif text == "," and commas < 6:
            commas += 1
        if mine.shape == "YEAR":
            seen_year = True
        if token.quoted:
            seen_quote = True
        if token.italic:
            seen_italic = True
    return out


@functools.cache
def load_tagger(model: str) -> Any:
    """The shipped CRF model `model` (a file in `bibliography/data`), opened once per process."""
    import pycrfsuite  # type: ignore[import-untyped]

    tagger = pycrfsuite.Tagger()
    path = resources.files("citenorm.bibliography") / "data" / model
    with resources.as_file(path) as model_path:
        tagger.open(str(model_path))
    return tagger


_RULED = {"URL", "DOI"}


def label_tokens(tokens: Sequence[Token]) -> list[str]:
    """The field label of each token, by the trained model.

    URL and DOI are the rules' to say: a URL token is a URL (or DOI) and no other
    token is; where the model disagrees, the token takes its likeliest other label.
    """
    if not tokens:
        return []
    tagger = load_tagger(MODEL)
    labels = list(tagger.tag(features(tokens)))
    for index, (token, name) in enumerate(zip(tokens, labels, strict=True)):
        if token.kind == "url":
            labels[index] = "DOI" if _shape(token) == "DOI" else "URL"
        elif name in _RULED:
            others = _unruled_labels(MODEL)
            labels[index] = max(others, key=lambda other: tagger.marginal(other, index))
    return labels


@functools.cache
def _unruled_labels(model: str) -> tuple[str, ...]:
    """The labels of `model` that the rules leave to it (all but URL and DOI), in its order."""
    return tuple(name for name in load_tagger(model).labels() if name not in _RULED)


def label(text: str) -> list[tuple[Token, str]]:
    """Tokens of `text` with their labels."""
    tokens = tokenize(text)
    return list(zip(tokens, label_tokens(tokens), strict=True))


_TYPE_WORDS = _GENRE | _JOURNAL | {
    "blog", "weblog", "medium", "substack", "wordpress", "blogspot", "news", "newsletter",
    "website", "site", "web", "home", "page", "about", "university", "institute", "in",
    "edited", "eds", "ed", "proceedings", "lecture", "notes", "series", "handbook",
    "companion", "encyclopedia", "magazine", "times", "new", "yorker", "atlantic", "wired",
}  # fmt: skip


def type_features(tokens: Sequence[Token], labels: Sequence[str]) -> list[str]:
    """What says a reference's type: which fields it has, how its title is set, cue words."""
    found = {"b"}
    previous = "O"
    for token, name in zip(tokens, labels, strict=True):
        found.add("has=" + name)
        if name != previous:
            if name == "title":
                found.add(f"title.ital={token.italic}")
                quoted = token.quoted or token.text in _QUOTE_MARKS
                found.add(f"title.quot={quoted}")
            if name == "container-title":
                found.add(f"cont.ital={token.italic}")
            found.add(f"after={previous}>{name}")
        kind = token.kind
        if kind == "word":
            lower = token.text.lower()
            if name == "O" and lower in _CUES:
                found.add(f"O:{lower}")
            if lower in _TYPE_WORDS and name != "title":
                found.add(f"{name}:{lower}")
            if name == "title" and lower in _GENRE:
                found.add(f"title:{lower}")
        elif kind == "url":
            lower = token.text.lower()
            found.update("url:" + cue for cue in _URL_CUES if cue in lower)
        if name == "pages" and token.text in "–-":
            found.add("pagerange")
        if name == "date" and token.text.lower() in _MONTHS:
            found.add("date.month")
        previous = name
    return sorted(found)


_URL_CUES = ("blog", "medium.com", "substack", "wordpress", "news", "youtube", "vimeo", "doi.org",
             ".pdf", "webinar", "events")  # fmt: skip
