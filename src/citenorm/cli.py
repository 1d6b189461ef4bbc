"""The `normalize` command: argument parsing, output files and exit codes only.

Exit codes: 0 clean, 1 findings (error diagnostics, or for `check` a chapter
not in normal form), 2 usage or input error (one line on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import __version__
from ._api import Corpus, load
from ._errors import CitenormError, InputError
from ._io import write_atomic
from ._model import Chapter, Numbering
from .links import (
    FAILING,
    FORMATS,
    STATUSES,
    AddressPolicy,
    CheckOptions,
    LinkOptions,
    LinkResult,
    check_links,
    merge_reports,
    parse_accept,
    parse_shard,
    read_config,
    render,
    summary,
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
DEFAULT_BIB = "bib/references.bib"
CACHE = ".citenorm/link-cache.json"
ARCHIVE = "https://archive.org/wayback/available"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="normalize", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version", version=f"citenorm {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    common = _Parser(add_help=False)
    common.add_argument(
        "paths",
        nargs="*",
        default=["corpus"],
        metavar="PATH",
        help="chapter files or directories (default: corpus)",
    )
    common.add_argument(
        "--numbering",
        choices=[n.value for n in Numbering],
        default=Numbering.RENUMBER.value,
        help="renumber notes 1..n in order of first citation, or keep source labels",
    )
    common.add_argument(
        "--bib",
        metavar="FILE",
        help=f"curated BibTeX whose entries win (default: {DEFAULT_BIB} when it exists)",
    )
    common.add_argument("--no-bib", action="store_true", help="ignore the curated bibliography")
    common.add_argument(
        "--max-chapter-size",
        type=float,
        default=10.0,
        metavar="MB",
        help="refuse chapters larger than this (default: 10)",
    )
    common.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help="worker processes (default: one per core; 1 for none)",
    )
    common.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    citations = _Parser(add_help=False)
    citations.add_argument(
        "--citations",
        choices=["footnotes", "pandoc"],
        default="footnotes",
        help="keep notes as footnotes, or turn pure citation notes into pandoc [@key] citations",
    )

    build = commands.add_parser(
        "build", parents=[common, citations], help="write normalised chapters and the bibliography"
    )
    build.add_argument(
        "-o", "--output", default="build", metavar="OUT", help="output directory (default: build)"
    )
    build.add_argument(
        "--in-place",
        action="store_true",
        help="rewrite the chapters themselves (atomically) instead",
    )

    check = commands.add_parser(
        "check", parents=[common], help="report chapters not in normal form; write nothing"
    )
    check.add_argument("--diff", action="store_true", help="print a unified diff of each change")

    export = commands.add_parser(
        "export", parents=[common, citations], help="print the corpus as JSON or Markdown"
    )
    export.add_argument("--to", choices=["json", "markdown"], default="json")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")

    _add_links_parser(commands, common)

    bib = commands.add_parser("bib", parents=[common], help="print the corpus bibliography")
    bib.add_argument("--to", choices=["bibtex", "csl-json"], default="bibtex")
    bib.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    return parser


def _add_links_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    links = commands.add_parser(
        "links",
        parents=[common],
        help="check every link target (exit 1 when one is broken or timed out)",
        description="Check link targets. Options not given come from [tool.citenorm.links] in "
        "pyproject.toml or [links] in citenorm.toml, then from the defaults shown.",
    )
    links.add_argument("--format", choices=FORMATS, help="report format (default: text)")
    links.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    links.add_argument("--offline", action="store_true", help="check internal targets only")
    links.add_argument("--strict", action="store_true", help="fail on anything not ok or excluded")
    links.add_argument("--max-concurrency", type=int, metavar="N", help="requests at once (128)")
    links.add_argument("--per-host", type=int, metavar="N", help="requests at once per host (8)")
    links.add_argument("--timeout", type=float, metavar="S", help="per-request timeout (20)")
    links.add_argument("--deadline", type=float, metavar="S", help="overall time limit (none)")
    links.add_argument("--retries", type=int, metavar="N", help="retries of a failed request (3)")
    links.add_argument("--max-redirects", type=int, metavar="N", help="redirects followed (10)")
    links.add_argument("--exclude", action="append", metavar="REGEX", help="skip matching URLs")
    links.add_argument("--accept", metavar="CODES", help="accepted statuses (200..299)")
    links.add_argument(
        "--allow-private",
        action="store_true",
        default=None,
        help="allow loopback and private addresses (never link-local)",
    )
    links.add_argument("--block", action="append", metavar="CIDR", help="never connect here")
    links.add_argument("--user-agent", metavar="UA", help="User-Agent header")
    links.add_argument("--cache", metavar="PATH", help="cache file (.citenorm/link-cache.json)")
    links.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    links.add_argument("--cache-max-age", type=float, metavar="S", help="cache lifetime (86400)")
    links.add_argument("--archive-endpoint", metavar="URL", help="Wayback availability API")
    links.add_argument("--no-archive", action="store_true", help="do not look up archived copies")
    links.add_argument("--root", metavar="DIR", help="site root for root-relative links")
    links.add_argument(
        "--shard", metavar="K/N", help="check only the hosts of shard K of N (all of a host in one)"
    )
    links.add_argument(
        "--merge",
        nargs="+",
        metavar="REPORT",
        help="combine JSON reports of shards into one report and exit code (checks nothing)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (the console script exits with it)."""
    args = _parser().parse_args(argv)
    if args.command == "links" and args.merge:
        try:
            return _merge(args)
        except CitenormError as error:
            print(f"normalize: error: {error}", file=sys.stderr)
            return EXIT_USAGE
    try:
        corpus = load(
            args.paths,
            numbering=args.numbering,
            bibliography=_bibliography_path(args),
            max_chapter_bytes=int(args.max_chapter_size * 1e6),
            jobs=args.jobs,
        )
        commands = {
            "build": _build,
            "check": _check,
            "export": _export,
            "bib": _bib,
            "links": _links,
        }
        code = commands[args.command](corpus, args)
    except CitenormError as error:
        print(f"normalize: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if not args.quiet and args.command != "links":
        print(_summary(corpus), file=sys.stderr)
    return code


def _bibliography_path(args: argparse.Namespace) -> str | None:
    if args.no_bib:
        return None
    if args.bib:
        return str(args.bib)
    return DEFAULT_BIB if Path(DEFAULT_BIB).is_file() else None


def _findings(corpus: Corpus) -> int:
    return EXIT_FINDINGS if any(d.severity == "error" for d in corpus.diagnostics) else EXIT_CLEAN


def _print_diagnostics(corpus: Corpus) -> None:
    for diagnostic in corpus.diagnostics:
        print(diagnostic.format(), file=sys.stderr)


def _write(path: Path, text: str) -> None:
    try:
        write_atomic(path, text)
    except OSError as error:
        raise InputError(str(path), f"cannot be written ({error.strerror or error})") from None


def _build(corpus: Corpus, args: argparse.Namespace) -> int:
    if args.in_place:
        targets = {chapter.path: Path(chapter.path) for chapter in corpus.chapters}
    else:
        targets = _output_paths(corpus.chapters, Path(args.output))
    rendered = {
        chapter.path: corpus.markdown(chapter, args.citations) for chapter in corpus.chapters
    }
    for chapter in corpus.chapters:
        unchanged = rendered[chapter.path] == chapter.source.full_text and chapter.source.canonical
        if args.in_place and unchanged:
            continue
        _write(targets[chapter.path], rendered[chapter.path])
    if not args.in_place:
        output = Path(args.output)
        _write(output / "corpus.json", corpus.to_json())
        _write(output / "references.bib", corpus.to_bibtex())
        _write(output / "references.json", corpus.to_csl_json())
    _print_diagnostics(corpus)
    return _findings(corpus)


def _output_paths(chapters: Sequence[Chapter], output: Path) -> dict[str, Path]:
    """Where each chapter goes under OUT; clashes and overwriting an input are errors."""
    sources = {Path(chapter.path).resolve(): chapter.path for chapter in chapters}
    targets: dict[str, Path] = {}
    claimed: dict[Path, str] = {}
    root = output.resolve()
    for chapter in chapters:
        target = output / chapter.relative_path
        resolved = target.resolve()
        if root != resolved and root not in resolved.parents:
            raise InputError(chapter.path, f"would be written outside {output}; refused")
        if resolved in claimed:
            raise InputError(
                chapter.path, f"would be written to {target}, as {claimed[resolved]} is"
            )
        if resolved in sources:
            raise InputError(
                chapter.path,
                f"output {target} is an input chapter; use --in-place to rewrite inputs",
            )
        claimed[resolved] = chapter.path
        targets[chapter.path] = target
    return targets


def _check(corpus: Corpus, args: argparse.Namespace) -> int:
    code = _findings(corpus)
    for chapter in corpus.chapters:
        before, after = chapter.source.full_text, corpus.markdown(chapter)
        if before == after and chapter.source.canonical:
            continue
        code = EXIT_FINDINGS
        for line in _changes(chapter, before, after):
            print(line)
        if args.diff:
            sys.stdout.writelines(
                difflib.unified_diff(
                    before.splitlines(keepends=True),
                    after.splitlines(keepends=True),
                    chapter.path,
                    f"{chapter.path} (normalised)",
                )
            )
    for diagnostic in corpus.diagnostics:
        print(diagnostic.format())
    return code


def _changes(chapter: Chapter, before: str, after: str) -> list[str]:
    """One `path:line:col: not-normalized …` line per changed run of lines."""
    if before == after:
        return [f"{chapter.path}:1:1: not-normalized file is not UTF-8 with LF line endings"]
    old, new = before.splitlines(), after.splitlines()
    lines = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, start, end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            continue
        lines_named = f"line {start + 1}" if end - start == 1 else f"lines {start + 1}-{end}"
        what = {
            "replace": f"{lines_named} would change",
            "delete": f"{lines_named} would be removed",
            "insert": f"{new_end - new_start} line(s) would be inserted here",
        }[tag]
        line = min(start + 1, max(len(old), 1))
        lines.append(f"{chapter.path}:{line}:1: not-normalized {what}")
    if not lines:
        lines.append(f"{chapter.path}:{len(old)}:1: not-normalized final newline differs")
    return lines


def _export(corpus: Corpus, args: argparse.Namespace) -> int:
    if args.to == "json":
        text = corpus.to_json()
    else:
        rendered = corpus.to_markdown(args.citations)
        if len(rendered) == 1:
            text = next(iter(rendered.values()))
        else:
            text = "\n".join(f"<!-- citenorm: {path} -->\n\n{md}" for path, md in rendered.items())
    _deliver(text, args.output)
    _print_diagnostics(corpus)
    return _findings(corpus)


def _bib(corpus: Corpus, args: argparse.Namespace) -> int:
    _deliver(corpus.to_bibtex() if args.to == "bibtex" else corpus.to_csl_json(), args.output)
    _print_diagnostics(corpus)
    return _findings(corpus)


def _deliver(text: str, output: str | None) -> None:
    """Write to the `-o` file (atomically), or to stdout."""
    if output:
        _write(Path(output), text)
    else:
        sys.stdout.write(text)


def _link_options(args: argparse.Namespace) -> LinkOptions:
    """CLI flags over config over defaults."""
    config = read_config(Path.cwd())

    def pick(name: str, default: Any) -> Any:
        value = getattr(args, name)
        return value if value is not None else config.get(name, default)

    try:
        policy = AddressPolicy.build(
            allow_private=bool(pick("allow_private", False)),
            block=[*config.get("block", []), *(args.block or [])],
        )
        accept = parse_accept(str(pick("accept", "200..299")))
    except ValueError as error:
        raise InputError("links options", str(error)) from None
    user_agent = pick("user_agent", None)
    agent: dict[str, Any] = {"user_agent": str(user_agent)} if user_agent else {}
    engine = CheckOptions(
        max_concurrency=int(pick("max_concurrency", 128)),
        per_host=int(pick("per_host", 8)),
        timeout=float(pick("timeout", 20.0)),
        deadline=pick("deadline", None),
        retries=int(pick("retries", 3)),
        backoff=float(config.get("backoff", 1.0)),
        max_redirects=int(pick("max_redirects", 10)),
        accept=accept,
        headers=dict(config.get("headers", {})),
        policy=policy,
        **agent,
    )
    cache = None if args.no_cache or config.get("cache") is False else pick("cache", CACHE)
    archive = (
        None
        if args.no_archive or config.get("archive") is False
        else pick("archive_endpoint", ARCHIVE)
    )
    root = pick("root", None)
    return LinkOptions(
        engine=engine,
        offline=args.offline or bool(config.get("offline", False)),
        exclude=(*config.get("exclude", []), *(args.exclude or [])),
        root=Path(root) if root else None,
        cache=Path(cache) if cache else None,
        cache_max_age=float(pick("cache_max_age", 86400.0)),
        archive_endpoint=archive,
    )


def _links(corpus: Corpus, args: argparse.Namespace) -> int:
    options = _link_options(args)
    try:
        shard = parse_shard(args.shard) if args.shard else None
    except ValueError as error:
        raise InputError("--shard", str(error)) from None
    with _progress(enabled=not args.quiet and sys.stderr.isatty()) as advance:
        results = check_links(corpus.chapters, options, advance, shard)
    return _report_links(results, args)


def _merge(args: argparse.Namespace) -> int:
    texts = []
    for name in args.merge:
        try:
            texts.append(Path(name).read_text(encoding="utf-8"))
        except OSError as error:
            raise InputError(name, error.strerror or "cannot be read") from None
    try:
        results = merge_reports(texts)
    except (ValueError, KeyError, TypeError) as error:
        raise InputError(" ".join(args.merge), f"not a JSON link report ({error})") from None
    return _report_links(results, args)


def _report_links(results: list[LinkResult], args: argparse.Namespace) -> int:
    _deliver(
        render(results, args.format or read_config(Path.cwd()).get("format", "text")), args.output
    )
    if not args.quiet:
        counts = ", ".join(f"{n} {s}" for s, n in summary(results).items() if n)
        print(f"citenorm links: {len(results)} target(s); {counts or 'none'}", file=sys.stderr)
    failing = FAILING if not args.strict else frozenset(STATUSES) - {"ok", "excluded"}
    return EXIT_FINDINGS if any(r.status in failing for r in results) else EXIT_CLEAN


@contextlib.contextmanager
def _progress(*, enabled: bool) -> Iterator[Callable[[LinkResult], None] | None]:
    """A progress bar on a terminal (rich), nothing otherwise."""
    if not enabled:
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("checking links", total=None)
        yield lambda _result: progress.advance(task)


def _summary(corpus: Corpus) -> str:
    notes = sum(len(chapter.notes) for chapter in corpus.chapters)
    markers = sum(len(note.markers) for chapter in corpus.chapters for note in chapter.notes)
    counts = {
        severity: sum(d.severity == severity for d in corpus.diagnostics)
        for severity in ("error", "warning", "info")
    }
    found = (
        ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n)
        or "no diagnostics"
    )
    chapters, works = len(corpus.chapters), len(corpus.bibliography)
    return (
        f"citenorm: {chapters} chapter(s), {notes} note(s), {markers} marker(s), "
        f"{works} work(s); {found}"
    )


def run() -> NoReturn:
    """Console-script entry point."""
    sys.exit(main())
