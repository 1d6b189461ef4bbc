"""Reference parser speed and size: ms per reference, model size, training time.

    python -m benchmarks.refs_bench                  # 2,000 strings from the training set
    python -m benchmarks.refs_bench --dev ../shared/citations-dev/score.py   # and F1 per style

Strings come from `training/data/labelled.jsonl.gz` (the repository's own rendered
references), read in a fixed order; the first parse (which opens the model) is timed
apart.  Training time and set size come from `training/data/stats.json`, which
`training/build.py` writes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "training" / "data"


def strings(count: int) -> list[str]:
    """Every k-th training string, `count` of them (deterministic)."""
    with gzip.open(DATA / "labelled.jsonl.gz", "rt", encoding="utf-8") as handle:
        rows = [json.loads(line)["string"] for line in handle]
    step = max(1, len(rows) // max(count, 1))
    return rows[::step][:count]


def measure(count: int) -> dict[str, Any]:
    """Parse `count` strings; times in ms."""
    from citenorm import parse_reference

    texts = strings(count)
    started = time.perf_counter()
    parse_reference(texts[0])
    first = (time.perf_counter() - started) * 1000
    times = []
    for text in texts:
        started = time.perf_counter()
        parse_reference(text)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    folder = resources.files("citenorm.bibliography") / "data"
    sizes = {p.name: p.stat().st_size for p in Path(str(folder)).iterdir() if p.is_file()}
    stats_file = DATA / "stats.json"
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    return {
        "strings": len(texts),
        "first_ms": first,
        "mean_ms": statistics.fmean(times),
        "p50_ms": times[len(times) // 2],
        "p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))],
        "model_bytes": sizes,
        "training": stats,
    }


def table(result: dict[str, Any]) -> str:
    """The result as a Markdown table."""
    lines = ["| measure | value |", "| --- | --: |"]
    lines.append(f"| strings parsed | {result['strings']:,} |")
    lines.append(f"| first parse (opens the models) | {result['first_ms']:.1f} ms |")
    for key in ("mean_ms", "p50_ms", "p99_ms"):
        lines.append(f"| {key[:-3]} per reference | {result[key]:.2f} ms |")
    for name, size in sorted(result["model_bytes"].items()):
        lines.append(f"| `{name}` | {size / 1e6:.2f} MB |")
    for key, value in sorted(result["training"].items()):
        lines.append(f"| training: {key} | {value} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--dev", metavar="SCORE_PY", help="also run this score.py (F1 per style)")
    args = parser.parse_args()
    print(table(measure(args.count)))
    if args.dev:
        done = subprocess.run(
            [sys.executable, args.dev], capture_output=True, text=True, check=True
        )
        print("\n" + done.stdout)


if __name__ == "__main__":
    main()
