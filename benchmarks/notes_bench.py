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
from citenorm._collector import paused_collector
from citenorm._lift import lift
from citenorm._parse import make_parser, parse
from citenorm._read import decode

_FORMS = 5
# Forms whose notes stand together at the end, measured with --form only:
# 5, one raw HTML block holding every note (`<p id="n1">`, as hand-written
# and Word-like exports have it); 6, a numbered list under a Notes heading
# cited by `<sup>n</sup>`.
_COLLECTED = (5, 6)
_NAMES = "0 HTML ids, 1 mammoth, 2 Tumblr, 3 Unicode, 4 Markdown, 5 one HTML block, 6 Notes list"


def chapter(markers: int, only: int | None = None) -> str:
    """A chapter with `markers` markers, each with its note, in the five forms.

    `only` writes every marker in that one form instead (0-4, or one of the
    forms whose notes stand together at the end), so that each form's cost can
    be measured (and profiled) on its own.
    """
    body: list[str] = []
    notes: list[str] = []
    for number in range(1, markers + 1):
        form = number % _FORMS if only is None else only
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
            # Each group of paragraphs numbers its own Unicode notes from ¹.
            mark = "¹" if only is None else "¹²³⁴⁵"[(number - 1) % _FORMS]
            body.append(f"Claim {number} {mark}")
            notes.append(f"{mark} Note {number}.")
        else:
            body.append(f"Claim {number}.[^m{number}]")
            notes.append(f"[^m{number}]: Note {number}.")
    if only in _COLLECTED:
        return _collected(markers, only)
    paragraphs = []
    for index in range(0, len(body), _FORMS):
        paragraphs.append(" ".join(body[index : index + _FORMS]))
        paragraphs.extend(notes[index : index + _FORMS])
    return "\n\n".join(paragraphs) + "\n"


def _collected(markers: int, form: int) -> str:
    """A chapter in one of the forms whose notes are all together at the end."""
    numbers = range(1, markers + 1)
    if form == 5:
        cite = '<a href="#n{0}"><sup>{0}</sup></a>'
        notes = "\n".join(f'<p id="n{n}">{n}. Note {n}.</p>' for n in numbers)
        end = f'<div class="notes">\n{notes}\n</div>'
    else:
        cite = "<sup>{0}</sup>"
        end = "## Notes\n\n" + "\n".join(f"{n}. Note {n}." for n in numbers)
    body = [
        " ".join(f"Claim {n}.{cite.format(n)}" for n in numbers[i : i + _FORMS])
        for i in range(0, markers, _FORMS)
    ]
    return "\n\n".join([*body, end]) + "\n"


def _best(run: Callable[[], object], repeat: int) -> float:
    """Least CPU time of `repeat` runs (CPU time: the machine is shared and loaded)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def _paused(run: Callable[[], object]) -> None:
    """`run` with the collector paused, as `_pipeline.process` runs the stages."""
    with paused_collector():
        run()


def measure(markers: int, repeat: int = 3, only: int | None = None) -> dict[str, float]:
    """CPU seconds to parse (the floor), to lift, and to normalise a chapter of `markers`."""
    text = chapter(markers, only)
    md = make_parser()
    source = decode("bench.md", text.encode("utf-8"))
    return {
        "parse": _best(lambda: parse(md, source), repeat),
        "lift": _best(lambda: _paused(lambda: lift(md, source, parse(md, source))), repeat)
        - _best(lambda: parse(md, source), repeat),
        "normalize": _best(lambda: citenorm.normalize(text), repeat),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 10000])
    parser.add_argument(
        "--form",
        type=int,
        choices=range(_FORMS + len(_COLLECTED)),
        help=f"only this form: {_NAMES}",
    )
    args = parser.parse_args()
    results = {size: measure(size, 7 if size <= 1000 else 3, args.form) for size in args.sizes}
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
