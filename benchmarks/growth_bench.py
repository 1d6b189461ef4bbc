"""How time and memory grow with hostile and with large chapters.

    python -m benchmarks.growth_bench [--max-repeat 100000] [--max-mb 10] [--json FILE]

Each case is one chapter processed by `normalize build FILE -o OUT -q --no-bib`
in a fresh process; its CPU time (user + system, less sensitive than wall time
to a shared machine) and peak resident memory come from `wait4`.  Patterns are
repeated 1e3, 1e4, 1e5 times in one paragraph; large chapters are generated
prose (`benchmarks/generate.py` chapters, concatenated) of 1, 5 and 10 MB.

Targets (issue 13): each x10 in size costs at most x12 in time, and the peak
memory stays under 40x the file size (the interpreter's own baseline, measured
on an empty chapter, is reported and subtracted).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.generate import chapter

PATTERNS = ["[^", "^[", "[", "<sup>1</sup>", "*a", "`", "<", "&amp;"]
"""Inline runs that once cost n² somewhere in the parse or render (and a few more)."""


def prose(size: int, seed: int = 1) -> str:
    """Generated chapters concatenated to about `size` bytes, cut at a paragraph."""
    rng = random.Random(seed)
    parts: list[str] = []
    total, index = 0, 0
    while total < size:
        part = chapter(rng, index)
        parts.append(part)
        total += len(part.encode("utf-8")) + 1
        index += 1
    text = "\n".join(parts)
    data = text.encode("utf-8")[:size]
    return data[: data.rfind(b"\n\n") + 1].decode("utf-8")


def run_one(text: str, directory: Path) -> dict[str, float]:
    """CPU seconds, wall seconds and peak RSS bytes of building one chapter."""
    source = directory / "chapter.md"
    source.write_text(text, encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "citenorm",
        "build",
        str(source),
        "-o",
        str(directory / "out"),
        "-q",
        "--no-bib",
        "--max-chapter-size",
        "11",
    ]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise RuntimeError(f"build failed with exit {process.returncode}")
    return {
        "bytes": len(text.encode("utf-8")),
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "wall_s": wall,
        "peak_rss_bytes": usage.ru_maxrss * 1024,
    }


def measure(
    max_repeat: int = 100_000, max_mb: int = 10, patterns: list[str] | None = None
) -> dict[str, Any]:
    """Every case up to the given sizes (`max_mb` 0: no large chapter)."""
    repeats = [n for n in (1_000, 10_000, 100_000) if n <= max_repeat]
    sizes = [mb for mb in (1, 5, 10) if mb <= max_mb]
    results: dict[str, Any] = {"patterns": {}, "chapters": [], "baseline": {}}
    with tempfile.TemporaryDirectory(prefix="citenorm-growth-") as scratch:
        directory = Path(scratch)
        results["baseline"] = run_one("# Empty\n", directory)
        for pattern in PATTERNS if patterns is None else patterns:
            rows = []
            for n in repeats:
                row = run_one("# Growth\n\nText " + pattern * n + " end.\n", directory)
                rows.append({"repeat": n, **row})
            results["patterns"][pattern] = rows
        for mb in sizes:
            row = run_one(prose(mb * 1_000_000), directory)
            results["chapters"].append({"mb": mb, **row})
    return results


def _ratios(rows: list[dict[str, Any]]) -> list[str]:
    out = ["—"] if rows else []
    for before, after in itertools.pairwise(rows):
        size = after["bytes"] / before["bytes"]
        cost = after["cpu_s"] / max(before["cpu_s"], 1e-3)
        out.append(f"x{cost:.1f} for x{size:.0f}")
    return out


def _code(text: str) -> str:
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def table(results: dict[str, Any]) -> str:
    """Markdown tables of the results."""
    base = results["baseline"]["peak_rss_bytes"]
    lines = [
        f"Baseline (an empty chapter): {results['baseline']['cpu_s']:.2f} s CPU, "
        f"{base / 1e6:.0f} MB peak RSS.",
        "",
        "| pattern | repeats | KB | CPU s | growth | peak MB | (peak - baseline) / size |",
        "|---|---|---|---|---|---|---|",
    ]
    for pattern, rows in results["patterns"].items():
        for row, ratio in zip(rows, _ratios(rows), strict=True):
            extra = (row["peak_rss_bytes"] - base) / row["bytes"]
            lines.append(
                f"| {_code(pattern)} | {row['repeat']:,} | {row['bytes'] / 1e3:,.0f} | "
                f"{row['cpu_s']:.2f} | {ratio} | {row['peak_rss_bytes'] / 1e6:.0f} | x{extra:.0f} |"
            )
    lines += [
        "",
        "| chapter MB | CPU s | growth | peak MB | peak / size | (peak - baseline) / size |",
        "|---|---|---|---|---|---|",
    ]
    rows = results["chapters"]
    for row, ratio in zip(rows, _ratios(rows), strict=True):
        peak = row["peak_rss_bytes"]
        lines.append(
            f"| {row['bytes'] / 1e6:.1f} | {row['cpu_s']:.2f} | {ratio} | {peak / 1e6:.0f} | "
            f"x{peak / row['bytes']:.0f} | x{(peak - base) / row['bytes']:.0f} |"
        )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        lines += [
            "",
            f"{first['bytes'] / 1e6:.0f} MB to {last['bytes'] / 1e6:.0f} MB: "
            f"x{last['cpu_s'] / first['cpu_s']:.1f} CPU time "
            f"for x{last['bytes'] / first['bytes']:.1f} size.",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-repeat", type=int, default=100_000)
    parser.add_argument("--max-mb", type=int, default=10)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    results = measure(args.max_repeat, args.max_mb)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))


if __name__ == "__main__":
    main()
