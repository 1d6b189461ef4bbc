"""Build throughput against the parser's own speed and against peers.

    python -m benchmarks.build_bench                      # 500, 1,000 and 2,000 chapters
    python -m benchmarks.build_bench --sizes 2000 --json benchmarks/results-build.json

For each size, on one generated corpus (benchmarks/generate.py, fixed seed):

- floor: markdown-it-py with citenorm's plugins only parsing every chapter, one process;
- citenorm: `normalize build` as a user runs it (all cores), wall time and the peak
  memory of its whole process tree;
- mdformat: mdformat 0.7 with its footnote and tables plugins formatting every chapter,
  one process (installed on first use in benchmarks/.venv-peers, because those plugins
  pin mdformat below 1.0);
- pandoc: `pandoc -f markdown -t markdown`, one process per chapter, timed on up to
  200 chapters and scaled to the corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.generate import generate
from citenorm._parse import make_parser

PEERS = Path(__file__).parent / ".venv-peers"
MDFORMAT_SCRIPT = """
import sys, mdformat
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as stream:
        mdformat.text(stream.read(), extensions={"footnote", "tables"})
"""


def _tree_rss(root: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (Linux /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text(encoding="utf-8")
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, grew = {root}, True
    while grew:
        grown = {pid for pid, parent in parents.items() if parent in tree} | tree
        grew, tree = grown != tree, grown
    total = 0
    for pid in tree:
        try:
            pages = Path(f"/proc/{pid}/statm").read_text(encoding="utf-8").split()[1]
            total += int(pages) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError):
            continue
    return total


def _run(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak tree memory (bytes) of a command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    process.wait()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    return elapsed, peak


def _floor(paths: list[Path]) -> float:
    md = make_parser()
    texts = [path.read_text(encoding="utf-8") for path in paths]
    started = time.perf_counter()
    for text in texts:
        md.parse(text, {})
    return time.perf_counter() - started


def _peers_python() -> Path | None:
    python = PEERS / "bin" / "python"
    if not python.exists():
        try:
            subprocess.run(
                [sys.executable, "-m", "venv", str(PEERS)], check=True, capture_output=True
            )
            subprocess.run(
                [
                    str(python),
                    "-m",
                    "pip",
                    "install",
                    "-q",
                    "mdformat<0.8",
                    "mdformat-footnote",
                    "mdformat-tables",
                ],
                check=True,
                capture_output=True,
                timeout=300,
            )
        except (subprocess.SubprocessError, OSError):
            shutil.rmtree(PEERS, ignore_errors=True)
            return None
    return python


def measure(chapters: int, *, peers: bool = True, seed: int = 1) -> dict[str, Any]:
    """Every measurement for one corpus size."""
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        paths = generate(corpus, chapters, seed)
        megabytes = sum(p.stat().st_size for p in paths) / 1e6
        result: dict[str, Any] = {"chapters": chapters, "megabytes": megabytes}
        result["floor_s"] = _floor(paths)
        build = [
            sys.executable,
            "-m",
            "citenorm",
            "build",
            str(corpus),
            "-o",
            str(Path(scratch) / "out"),
            "-q",
            "--no-bib",
        ]
        result["citenorm_s"], result["citenorm_peak_bytes"] = _run(build)
        single = [*build, "-j", "1"]
        result["citenorm_one_process_s"], _ = _run(single)
        if peers:
            python = _peers_python()
            if python is not None:
                result["mdformat_s"], _ = _run(
                    [str(python), "-c", MDFORMAT_SCRIPT, *map(str, paths)]
                )
            if shutil.which("pandoc"):
                sample = paths[:200]
                started = time.perf_counter()
                for path in sample:
                    subprocess.run(
                        ["pandoc", "-f", "markdown", "-t", "markdown", str(path)],
                        capture_output=True,
                        check=False,
                    )
                result["pandoc_s"] = (time.perf_counter() - started) * len(paths) / len(sample)
    return result


def table(results: list[dict[str, Any]]) -> str:
    """The measurements as Markdown tables."""
    lines = [
        "| chapters | MB | floor s | citenorm s | x floor | one process s | chapters/s | MB/s | peak MB | mdformat s | x faster | pandoc s (scaled) | x faster |",
        "| --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |",
    ]
    for r in results:
        mdformat = r.get("mdformat_s")
        pandoc = r.get("pandoc_s")
        lines.append(
            f"| {r['chapters']} | {r['megabytes']:.1f} | {r['floor_s']:.2f} | {r['citenorm_s']:.2f} | "
            f"{r['citenorm_s'] / r['floor_s']:.1f} | {r['citenorm_one_process_s']:.2f} | "
            f"{r['chapters'] / r['citenorm_s']:.0f} | {r['megabytes'] / r['citenorm_s']:.2f} | "
            f"{r['citenorm_peak_bytes'] / 1e6:.0f} | "
            + (
                f"{mdformat:.2f} | {mdformat / r['citenorm_s']:.2f} | "
                if mdformat
                else "n/a | n/a | "
            )
            + (f"{pandoc:.1f} | {pandoc / r['citenorm_s']:.1f} |" if pandoc else "n/a | n/a |")
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000])
    parser.add_argument("--no-peers", action="store_true", help="skip mdformat and pandoc")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results = [measure(size, peers=not args.no_peers) for size in args.sizes]
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
