"""Cost of footnote resolution against chapter size: it must grow linearly.

    python -m benchmarks.notes_bench                       # 500 and 10,000 markers
    python -m benchmarks.notes_bench --sizes 500 2000 10000

One chapter per size, with its markers spread over the structural forms the
resolver reads (anchored HTML notes, back-linked list items, Tumblr-style
back-link paragraphs, Unicode superscripts with their note paragraphs, Markdown
definitions).  Each chapter is normalised in one process; the best of three
runs is kept.  The target: 10,000 markers cost at most 20 times 500.
"""

from __future__ import annotations

import argparse
import gc
import time

import citenorm

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


def measure(markers: int, repeat: int = 3) -> float:
    """Best wall time of normalising the chapter with `markers` markers."""
    text = chapter(markers)
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        citenorm.normalize(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 10000])
    args = parser.parse_args()
    results = {size: measure(size) for size in args.sizes}
    base_size = args.sizes[0]
    print("| markers | seconds | times the first (time) | times the first (size) |")
    print("| --: | --: | --: | --: |")
    for size, seconds in results.items():
        print(
            f"| {size} | {seconds:.3f} | {seconds / results[base_size]:.1f} | "
            f"{size / base_size:.0f} |"
        )


if __name__ == "__main__":
    main()
