"""Citation parsing in notes: seconds for `bibliography.parse_notes` over a generated corpus.

    python -m benchmarks.cites_bench                          # 400 chapters, best of 5
    python -m benchmarks.cites_bench --chapters 2000 --runs 3
    PYTHONPATH=/other/checkout/src python -m benchmarks.cites_bench   # another version's code

Chapters come from `benchmarks.generate` (seed 1) and are read once with
`citenorm.load_chapters` (one process); only `parse_notes` is timed, chapter by
chapter, as a build worker calls it.  The parser's process caches (feature
strings per token, author lists, parsed citations) are emptied before each run,
so every run costs what it would in a fresh worker; the models stay open.
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from pathlib import Path

import citenorm
from citenorm import bibliography

from .generate import generate


def _clear_caches() -> None:
    """Empty every functools cache of the bibliography stage but the opened models."""
    import sys

    for name, module in list(sys.modules.items()):
        if not name.startswith("citenorm.bibliography"):
            continue
        for attribute, value in vars(module).items():
            if hasattr(value, "cache_clear") and attribute != "load_tagger":
                value.cache_clear()


def measure(chapters: int, runs: int) -> dict[str, float]:
    """Seconds (best of `runs`) for parse_notes over `chapters` generated chapters."""
    with tempfile.TemporaryDirectory() as directory:
        generate(Path(directory), chapters)
        loaded = citenorm.load_chapters([directory], jobs=1)
    notes = sum(len(chapter.notes) for chapter in loaded)
    bibliography.parse_note("Roe, Ann. “A Title.” _A Journal_, May 2001.")  # open the models
    times = []
    for _ in range(runs):
        _clear_caches()
        gc.collect()
        started = time.perf_counter()
        for chapter in loaded:
            bibliography.parse_notes(chapter)
        times.append(time.perf_counter() - started)
    return {"chapters": len(loaded), "notes": notes, "best_s": min(times), "worst_s": max(times)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chapters", type=int, default=400)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    result = measure(args.chapters, args.runs)
    print(
        f"parse_notes: {result['chapters']} chapters, {result['notes']:,} notes: "
        f"best {result['best_s']:.3f} s, worst {result['worst_s']:.3f} s of {args.runs} runs "
        f"({1000 * result['best_s'] / max(result['notes'], 1):.3f} ms per note)"
    )


if __name__ == "__main__":
    main()
