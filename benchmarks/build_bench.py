"""Build throughput against the parser's own speed and against peers.

    python -m benchmarks.build_bench                      # 500, 1,000 and 2,000 chapters
    python -m benchmarks.build_bench --sizes 2000 --json benchmarks/results-build.json
    python -m benchmarks.build_bench --sizes 500 2000 --repeat 3   # best of 3, noisy machines

For each size, on one generated corpus (benchmarks/generate.py, fixed seed):

- floor: markdown-it-py with citenorm's plugins only parsing every chapter, one process;
- citenorm: `normalize build` as a user runs it (all cores), wall time and the peak
  memory of its whole process tree;
- mdformat: mdformat 0.7 with its footnote and tables plugins formatting every chapter,
  one process (installed on first use in benchmarks/.venv-peers, because those plugins
  pin mdformat below 1.0);
- pandoc: `pandoc -f markdown -t markdown`, one process per chapter, timed on up to
  200 chapters and scaled to the corpus.

With `--repeat N` every timed run (the floor, each build, mdformat) is made N
times and the fastest kept (each build into an empty output folder): on a shared
machine the fastest run is the one least disturbed by other work.
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
from pathlib import Path, PurePosixPath
from typing import Any

from benchmarks.generate import generate
from citenorm._api import cite
from citenorm._model import Numbering
from citenorm._parallel import process_files
from citenorm._parse import make_parser
from citenorm._read import ChapterFile
from citenorm.emit.markdown import chapter_markdown

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


def _best(
    commands: dict[str, list[str]], repeat: int, output: Path
) -> dict[str, tuple[float, int]]:
    """Each command's fastest wall time and largest peak over `repeat` rounds.

    A round runs every command once, so a slow spell of the machine falls on all
    of them alike; `output` is emptied before each run.
    """
    runs: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            shutil.rmtree(output, ignore_errors=True)
            runs[name].append(_run(command))
    return {
        name: (min(s for s, _ in timed), max(p for _, p in timed)) for name, timed in runs.items()
    }


def _floor(paths: list[Path], repeat: int = 1) -> float:
    md = make_parser()
    texts = [path.read_text(encoding="utf-8") for path in paths]
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            md.parse(text, {})
        best = min(best, time.perf_counter() - started)
    return best


def _stages(paths: list[Path]) -> dict[str, float]:
    """One process: seconds of the per-chapter stages and of the corpus stage after them.

    The corpus stage (bibliography, keys, both Markdown modes, JSON, BibLaTeX) runs in
    the main process whatever the number of workers: its share of the one-process
    total bounds what more cores can gain.
    """
    files = [ChapterFile(str(path), PurePosixPath(path.name)) for path in paths]
    started = time.perf_counter()
    processed = process_files(files, Numbering.RENUMBER, 10_000_000, jobs=1, cites=True)
    chapters_done = time.perf_counter()
    corpus = cite([c for c, _ in processed], [], [p for _, p in processed])
    for chapter in corpus.chapters:
        chapter_markdown(chapter, "footnotes")
        chapter_markdown(chapter, "pandoc")
    corpus.to_json()
    corpus.to_bibtex()
    finished = time.perf_counter()
    return {
        "chapter_stage_s": chapters_done - started,
        "corpus_stage_s": finished - chapters_done,
    }


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


def measure(chapters: int, *, peers: bool = True, seed: int = 1, repeat: int = 1) -> dict[str, Any]:
    """Every measurement for one corpus size (timed runs: the fastest of `repeat`)."""
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        paths = generate(corpus, chapters, seed)
        megabytes = sum(p.stat().st_size for p in paths) / 1e6
        result: dict[str, Any] = {"chapters": chapters, "megabytes": megabytes, "repeat": repeat}
        result["floor_s"] = _floor(paths, repeat)
        out = Path(scratch) / "out"
        build = [
            sys.executable,
            "-m",
            "citenorm",
            "build",
            str(corpus),
            "-o",
            str(out),
            "-q",
            "--no-bib",
        ]
        commands = {
            "citenorm": build,
            "citenorm_pandoc": [*build, "--citations", "pandoc"],
            "citenorm_one_process": [*build, "-j", "1"],
        }
        python = _peers_python() if peers else None
        if python is not None:
            commands["mdformat"] = [str(python), "-c", MDFORMAT_SCRIPT, *map(str, paths)]
        timed = _best(commands, repeat, out)
        result["citenorm_s"], result["citenorm_peak_bytes"] = timed["citenorm"]
        result["citenorm_pandoc_s"] = timed["citenorm_pandoc"][0]
        result["citenorm_one_process_s"] = timed["citenorm_one_process"][0]
        if "mdformat" in timed:
            result["mdformat_s"] = timed["mdformat"][0]
        result.update(_stages(paths))
        if peers and shutil.which("pandoc"):
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
    lines += [
        "",
        "| chapters | pandoc citations s | x footnote build | one process s | x faster on all cores | chapter stage s | corpus stage s | serial share |",
        "| --: | --: | --: | --: | --: | --: | --: | --: |",
    ]
    for r in results:
        serial = r["corpus_stage_s"] / (r["chapter_stage_s"] + r["corpus_stage_s"])
        lines.append(
            f"| {r['chapters']} | {r['citenorm_pandoc_s']:.2f} | "
            f"{r['citenorm_pandoc_s'] / r['citenorm_s']:.2f} | {r['citenorm_one_process_s']:.2f} | "
            f"{r['citenorm_one_process_s'] / r['citenorm_s']:.2f} | {r['chapter_stage_s']:.2f} | "
            f"{r['corpus_stage_s']:.2f} | {serial:.1%} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000])
    parser.add_argument("--no-peers", action="store_true", help="skip mdformat and pandoc")
    parser.add_argument("--repeat", type=int, default=1, help="keep the fastest of N runs")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results = [measure(size, peers=not args.no_peers, repeat=args.repeat) for size in args.sizes]
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
