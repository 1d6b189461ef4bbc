"""Cost of footnote resolution against chapter size: it must grow linearly.

    python -m benchmarks.notes_bench                       # 500 and 10,000 markers
    python -m benchmarks.notes_bench --sizes 500 2000 10000

One chapter per size, with its markers spread over the structural forms the
resolver reads (anchored HTML notes, back-linked list items, Tumblr-style
back-link paragraphs, Unicode superscripts with their note paragraphs, Markdown
definitions).  CPU time (not wall time: the machine is shared) of parsing
alone (the floor), of the lifting stage, and of `normalize` as a whole; the
least of several runs is kept.  The target: 10,000 markers cost at most 20
times 500.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable

import citenorm
from citenorm._lift import lift
from citenorm._parse import make_parser, parse
from citenorm._read import decode

_FORMS = 5


def chapter(markers: int) -> str:
    """A chapter with `markers` markers, each with its note, in the five forms."""
    body: list[str] = []
    notes: list[str] = []
    for number in range(1, markers + 1):
        form = number % _FORMS
        if form == 0:
            body.append(f'Claim {number}.<a href="#note{number}"><sup>{number}</sup></a>')
            notes.append(f'<p class="note" id="note{number}">{number}. Note {number}.</p>')
        elif form == 1:
            body.append(f"Claim {number}.<sup>[\\[{number}\\]](#footnote-{number})</sup>")
            notes.append(f"- Note {number}. [↑](#footnote-ref-{number})")
        elif form == 2:
            body.append(
                f'Claim {number}.<sup id="fnref:{number}"><a href="#fn:{number}">{number}</a></sup>'
            )
            notes.append(f"Note {number}.&nbsp;[↩︎](#fnref:{number})")
        elif form == 3:
            body.append(f"Claim {number} ¹")
            notes.append(f"¹ Note {number}.")
        else:
            body.append(f"Claim {number}.[^m{number}]")
            notes.append(f"[^m{number}]: Note {number}.")
    paragraphs = []
    for index in range(0, len(body), _FORMS):
        paragraphs.append(" ".join(body[index : index + _FORMS]))
        paragraphs.extend(notes[index : index + _FORMS])
    return "\n\n".join(paragraphs) + "\n"


def _best(run: Callable[[], object], repeat: int) -> float:
    """Least CPU time of `repeat` runs (CPU time: the machine is shared and loaded)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def measure(markers: int, repeat: int = 3) -> dict[str, float]:
    """CPU seconds to parse (the floor), to lift, and to normalise a chapter of `markers`."""
    text = chapter(markers)
    md = make_parser()
    source = decode("bench.md", text.encode("utf-8"))
    return {
        "parse": _best(lambda: parse(md, source), repeat),
        "lift": _best(lambda: lift(md, source, parse(md, source)), repeat)
        - _best(lambda: parse(md, source), repeat),
        "normalize": _best(lambda: citenorm.normalize(text), repeat),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 10000])
    args = parser.parse_args()
    results = {size: measure(size, 7 if size <= 1000 else 3) for size in args.sizes}
    first = results[args.sizes[0]]
    print(
        "| markers | parse s | lift s | normalize s | parse ratio | lift ratio | normalize ratio |"
    )
    print("| --: | --: | --: | --: | --: | --: | --: |")
    for size, got in results.items():
        ratios = " | ".join(f"{got[k] / first[k]:.1f}" for k in ("parse", "lift", "normalize"))
        print(
            f"| {size} | {got['parse']:.3f} | {got['lift']:.3f} | {got['normalize']:.3f} | {ratios} |"
        )


if __name__ == "__main__":
    main()
