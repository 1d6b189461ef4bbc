"""A deterministic corpus generator for benchmarks.

    python -m benchmarks.generate OUT --chapters 2000 [--seed 1]

Each chapter is about the size of the seed chapters (3–5 KB); one in ten is
about ten times larger.  Chapters cycle through every footnote style citenorm
reads and carry tables (some ragged), entities, escapes and links.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from pathlib import Path

WORDS = [
    "library",
    "museum",
    "partner",
    "community",
    "program",
    "teens",
    "archive",
    "collection",
    "outreach",
    "volunteer",
    "grant",
    "evaluation",
    "space",
    "exhibit",
    "workshop",
    "trust",
    "shared",
    "vision",
    "goals",
    "staff",
    "patrons",
    "schedule",
    "roles",
    "budget",
    "pilot",
    "event",
    "county",
    "school",
    "history",
]

Style = Callable[[random.Random, int, list[str]], tuple[list[str], list[str]]]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    words[0] = words[0].capitalize()
    extra = rng.choice(
        [
            "",
            " &amp; more",
            " in 2010\\.",
            " it&#039;s",
            " *really*",
            " [a link](https://example.org/x)",
        ]
    )
    return " ".join(words) + extra + "."


def _citation(rng: random.Random, n: int) -> str:
    family = rng.choice(["Cassell", "McCarthy", "Strock", "Twiggs", "Lankes", "Mattern"])
    title = " ".join(rng.choice(WORDS).capitalize() for _ in range(4))
    return f"{family}, Kay. “{title}.” _Library Journal_, March {2000 + n % 20}."


def markdown(rng: random.Random, notes: int, body: list[str]) -> tuple[list[str], list[str]]:
    return [f"[^{i}]" for i in range(1, notes + 1)], [
        f"[^{i}]: {_citation(rng, i)}" for i in range(1, notes + 1)
    ]


def pseudo(rng: random.Random, notes: int, body: list[str]) -> tuple[list[str], list[str]]:
    definitions = [f"[^{i}] {_citation(rng, i)}" for i in range(1, notes + 1)]
    return [f"[^{i}]" for i in range(1, notes + 1)], ["<hr>\n" + "\n\n".join(definitions)]


def mammoth(rng: random.Random, notes: int, body: list[str]) -> tuple[list[str], list[str]]:
    markers = [
        f'<sup><sup id="9-footnote-ref-{i}"><a href="#9-footnote-{i}">[{i + 1}]</a></sup></sup>'
        for i in range(notes)
    ]
    return markers, [f"[^{i + 1}]: {_citation(rng, i)}" for i in range(notes)]


def word(rng: random.Random, notes: int, body: list[str]) -> tuple[list[str], list[str]]:
    markers = [
        f'<a href="#_ftn{i}" name="_ftnref{i}" title=""><sup>[{i}]</sup></a>'
        for i in range(1, notes + 1)
    ]
    items = "".join(
        f'<div id=ftn{i}><p class=MsoFootnoteText><a href="#_ftnref{i}" name="_ftn{i}">[{i}]</a> '
        f"Note {i}, <i>{rng.choice(WORDS)}</i>, {2000 + i}.</p></div>\n"
        for i in range(1, notes + 1)
    )
    return markers, [f"<div style='mso-element:footnote-list'><hr>\n{items}</div>"]


def google(rng: random.Random, notes: int, body: list[str]) -> tuple[list[str], list[str]]:
    markers = [
        f'<sup><a href="#ftnt{i}" id="ftnt_ref{i}">[{i}]</a></sup>' for i in range(1, notes + 1)
    ]
    items = "".join(
        f'<div><p><a href="#ftnt_ref{i}" id="ftnt{i}">[{i}]</a><span>&nbsp;{_citation(rng, i)}</span></p></div>'
        for i in range(1, notes + 1)
    )
    return markers, [f"<hr>{items}"]


STYLES: list[Style] = [markdown, pseudo, mammoth, word, google]


def chapter(rng: random.Random, index: int) -> str:
    """One chapter's Markdown."""
    scale = 10 if index % 10 == 9 else 1
    paragraphs = [_sentence(rng) + " " + _sentence(rng) for _ in range(8 * scale)]
    notes = min(4 * scale, len(paragraphs))
    markers, definitions = STYLES[index % len(STYLES)](rng, notes, paragraphs)
    for n, marker in enumerate(markers):
        paragraphs[n * len(paragraphs) // len(markers)] += marker
    table = (
        "| **Term** |\n| --- |\n"
        if index % 3 == 0
        else "| **Term** | **Meaning** |\n| --- | --- |\n"
    )
    table += "".join(f"| {rng.choice(WORDS)} | {_sentence(rng)} |\n" for _ in range(3 * scale))
    heading = f"## {index}.1 {rng.choice(WORDS).capitalize()} {{#part-{index}}}"
    return (
        "\n\n".join([heading, *paragraphs[:4], table.rstrip(), *paragraphs[4:], *definitions])
        + "\n"
    )


def generate(directory: Path, chapters: int, seed: int = 1) -> list[Path]:
    """Write `chapters` chapters into `directory`; the same seed gives the same bytes."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(chapters):
        path = directory / f"chapter-{index:05d}.md"
        path.write_text(chapter(rng, index), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--chapters", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = generate(args.out, args.chapters, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} chapters, {size / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
