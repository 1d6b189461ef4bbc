"""The `normalize` command: parse arguments, call the library, map results to exit codes.

Exit codes: 0 clean, 1 findings (error diagnostics, or for `check` a chapter
not in normal form), 2 usage or input error (one line on stderr naming the
file, option or setting; no traceback), 130 interrupted (Ctrl-C), 141 output
pipe closed.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn, TextIO

from . import __version__
from ._api import Corpus, load, load_chapters
from ._config import (
    DIAGNOSTIC_FORMATS,
    KEYS,
    LINK_FORMATS,
    LINK_KEYS,
    BadValue,
    Settings,
    accept,
    glob,
    load_settings,
    network,
    parse_accept,
    regex,
    url,
)
from ._discover import ChapterFile, Rules, discover
from ._errors import CitenormError, InputError
from ._io import Staging, write_atomic
from ._model import Chapter, Diagnostic, Numbering
from ._normal_form import check as normal_form_findings
from ._normal_form import diff as normal_form_diff
from .bibliography import REFERENCE_FORMATS, format_references, parse_references
from .emit._outputs import (
    DIAGNOSTIC_REPORTS,
    LINK_REPORTS,
    OUTPUTS,
    chapter_targets,
    commit,
    plan_build,
    plan_corpus_files,
    stage_chapter,
    write_plan,
)
from .links import (
    FAILING,
    STATUSES,
    AddressPolicy,
    CheckOptions,
    LinkOptions,
    LinkResult,
    check_links,
    merge_reports,
    parse_shard,
    summary,
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED, EXIT_PIPE = 130, 141
DEFAULT_BIB = "bib/references.bib"
DEFAULT_OUTPUT = "build"
_ENGINE, _LINKS = CheckOptions(), LinkOptions()
"""The link check's defaults, as the library defines them (help texts and settings use them)."""
CACHE = str(_LINKS.cache)
ARCHIVE = str(_LINKS.archive_endpoint)
DESCRIPTION = """\
Normalise the footnotes of Markdown chapters exported from Word, Google Docs,
LibreOffice, CMSs and pandoc; build one bibliography; check links.

Settings come from [tool.citenorm] in the nearest pyproject.toml (or a
citenorm.toml) at or above the first PATH; options given here win."""
EPILOG = """\
Run `normalize COMMAND --help` for a command's options.
Exit codes: 0 clean, 1 findings, 2 usage or input error, 130 interrupted,
141 output pipe closed."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _option(check: Callable[[Any], Any]) -> Callable[[str], Any]:
    """An argparse `type` from a settings check, so options and settings refuse alike."""

    def parse(text: str) -> Any:
        try:
            return check(text)
        except BadValue as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return parse


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="normalize",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"citenorm {__version__}")
    commands = parser.add_subparsers(
        dest="command", required=True, parser_class=_Parser, metavar="COMMAND"
    )
    parents = _parents()
    _add_build(commands, parents)
    _add_check(commands, parents)
    _add_export(commands, parents)
    _add_bib(commands, parents)
    _add_links(commands, parents)
    _add_refs(commands)
    return parser


def _parents() -> dict[str, argparse.ArgumentParser]:
    """Option groups shared by several commands."""
    inputs = _Parser(add_help=False)
    inputs.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="chapter files, or folders to search for .md/.markdown files (default: corpus)",
    )
    group = inputs.add_argument_group("finding chapters and settings")
    group.add_argument(
        "--no-ignore",
        action="store_true",
        help="also read what .gitignore ignores (hidden folders and node_modules stay skipped)",
    )
    group.add_argument(
        "-j",
        "--jobs",
        type=_option(KEYS["jobs"]),
        metavar="N",
        help="worker processes (default: one per core; 1 for none)",
    )
    group.add_argument(
        "--max-chapter-size",
        type=_option(KEYS["max_chapter_size"]),
        metavar="MB",
        help="refuse chapters larger than this many megabytes (default: 10)",
    )
    group.add_argument(
        "--config", metavar="FILE", help="read settings from FILE instead of searching for one"
    )
    group.add_argument(
        "--isolated", action="store_true", help="read no settings file; defaults and options only"
    )
    group.add_argument(
        "-q", "--quiet", action="store_true", help="no summary and no progress bar on stderr"
    )

    exclude = _Parser(add_help=False)
    exclude.add_argument(
        "--exclude",
        action="append",
        type=_option(glob),
        metavar="GLOB",
        help="skip files and folders matching GLOB in a folder walk (repeatable), "
        "e.g. drafts or '*.old.md'",
    )

    corpus = _Parser(add_help=False)
    notes = corpus.add_argument_group("notes and bibliography")
    notes.add_argument(
        "--numbering",
        choices=[n.value for n in Numbering],
        help="renumber notes 1..n in order of first citation (default), or keep their labels",
    )
    notes.add_argument(
        "--bib",
        metavar="FILE",
        help=f"your curated BibTeX file; its entries win over what notes say "
        f"(default: {DEFAULT_BIB} when it exists)",
    )
    notes.add_argument("--no-bib", action="store_true", help="do not read a curated bibliography")

    citations = _Parser(add_help=False)
    citations.add_argument(
        "--citations",
        choices=["footnotes", "pandoc"],
        help="keep every note a footnote (default), or turn notes that only cite works "
        "into pandoc [@key] citations",
    )

    report = _Parser(add_help=False)
    report.add_argument(
        "--format",
        choices=DIAGNOSTIC_FORMATS,
        help="how diagnostics are printed: text (default), json, github (workflow "
        "annotations), sarif (code scanning), junit",
    )
    return {
        "inputs": inputs,
        "exclude": exclude,
        "corpus": corpus,
        "citations": citations,
        "report": report,
    }


def _add_build(commands: Any, parents: dict[str, argparse.ArgumentParser]) -> None:
    build = commands.add_parser(
        "build",
        parents=[parents[n] for n in ("inputs", "exclude", "corpus", "citations", "report")],
        help="write normalised chapters, corpus.json and the bibliography",
        description="Write every chapter in normal form below OUT, with corpus.json, "
        "references.bib (BibLaTeX) and references.json (CSL-JSON). The output folder is "
        "never read as input. Exit 1 when a chapter has an error diagnostic.",
    )
    build.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help=f"folder to write to (default: {DEFAULT_OUTPUT})",
    )
    build.add_argument(
        "--in-place",
        action="store_true",
        help="rewrite the chapters themselves (each atomically) instead of writing to OUT",
    )
    build.add_argument(
        "--bib-out",
        metavar="FILE",
        help="with --in-place: write the bibliography here (default: the curated --bib file); "
        "required with --citations pandoc when there is no curated bibliography",
    )


def _add_check(commands: Any, parents: dict[str, argparse.ArgumentParser]) -> None:
    check = commands.add_parser(
        "check",
        parents=[parents[n] for n in ("inputs", "exclude", "corpus", "report")],
        help="report chapters not in normal form, and every diagnostic; write nothing",
        description="Report every place a build would change a chapter (not-normalized) "
        "and every diagnostic. Exit 1 when there is either.",
    )
    check.add_argument("--diff", action="store_true", help="also print a unified diff (text)")


def _add_export(commands: Any, parents: dict[str, argparse.ArgumentParser]) -> None:
    export = commands.add_parser(
        "export",
        parents=[parents[n] for n in ("inputs", "exclude", "corpus", "citations")],
        help="print the corpus as JSON or as normalised Markdown",
        description="Print the corpus model as JSON (schema in the README) or every "
        "chapter's normalised Markdown.",
    )
    export.add_argument(
        "--to",
        choices=["json", "markdown"],
        default="json",
        help="json: the corpus model (default); markdown: the chapters, each after a "
        "<!-- citenorm: path --> line when there are several",
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")


def _add_bib(commands: Any, parents: dict[str, argparse.ArgumentParser]) -> None:
    bib = commands.add_parser(
        "bib",
        parents=[parents[n] for n in ("inputs", "exclude", "corpus")],
        help="print the bibliography of every work the notes cite",
        description="Print the corpus bibliography: the curated entries and every work "
        "cited in the notes, merged, each with a stable key.",
    )
    bib.add_argument(
        "--to",
        choices=["bibtex", "csl-json"],
        default="bibtex",
        help="bibtex: BibLaTeX (default); csl-json: for pandoc, Zotero and citeproc",
    )
    bib.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")


def _add_refs(commands: Any) -> None:
    refs = commands.add_parser(
        "refs",
        help="parse reference strings, one a line, into CSL-JSON, BibLaTeX or a table",
        description="Parse reference strings (one a line, from FILEs or stdin) with the "
        "trained reference parser.",
    )
    refs.add_argument("files", nargs="*", metavar="FILE", help="files of references (- is stdin)")
    refs.add_argument("--to", choices=REFERENCE_FORMATS, default="csl-json")
    refs.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")


def _add_links(commands: Any, parents: dict[str, argparse.ArgumentParser]) -> None:
    links = commands.add_parser(
        "links",
        parents=[parents["inputs"]],
        help="check every link target (exit 1 when one is broken or timed out)",
        description="Check the target of every link: other chapters and their #anchors "
        "offline, web links politely (per-host limits, retries, a cache, archived copies). "
        "Options not given come from [tool.citenorm.links] in pyproject.toml or [links] in "
        "citenorm.toml, then from the defaults shown.",
    )
    report = links.add_argument_group("report")
    report.add_argument("--format", choices=LINK_FORMATS, help="report format (default: text)")
    report.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    report.add_argument(
        "--strict", action="store_true", help="fail on every link not ok or excluded"
    )
    scope = links.add_argument_group("what is checked")
    scope.add_argument(
        "--offline", action="store_true", help="check links between chapters only; fetch nothing"
    )
    scope.add_argument(
        "--corpus",
        action="append",
        metavar="DIR",
        help="also read the chapters under DIR for anchors and target files, but report "
        "only the links of PATH (for pre-commit, which passes changed files)",
    )
    scope.add_argument(
        "--exclude",
        action="append",
        type=_option(regex),
        metavar="REGEX",
        help="skip URLs matching this regular expression (repeatable)",
    )
    scope.add_argument(
        "--exclude-path",
        action="append",
        type=_option(glob),
        metavar="GLOB",
        help="skip chapter files and folders matching GLOB in a folder walk (repeatable)",
    )
    scope.add_argument(
        "--root", metavar="DIR", help="site root that /root-relative links are checked against"
    )
    scope.add_argument(
        "--shard", metavar="K/N", help="check only the hosts of shard K of N (all of a host in one)"
    )
    scope.add_argument(
        "--merge",
        nargs="+",
        metavar="REPORT",
        help="combine the JSON reports of shards into one report and exit code (checks nothing)",
    )
    requests = links.add_argument_group("requests")
    requests.add_argument(
        "--max-concurrency",
        type=_option(LINK_KEYS["max_concurrency"]),
        metavar="N",
        help=f"requests at once (default: {_ENGINE.max_concurrency})",
    )
    requests.add_argument(
        "--per-host",
        type=_option(LINK_KEYS["per_host"]),
        metavar="N",
        help=f"requests at once per host ({_ENGINE.per_host})",
    )
    requests.add_argument(
        "--timeout",
        type=_option(LINK_KEYS["timeout"]),
        metavar="S",
        help=f"seconds allowed for one request ({_ENGINE.timeout:g})",
    )
    requests.add_argument(
        "--deadline",
        type=_option(LINK_KEYS["deadline"]),
        metavar="S",
        help="seconds allowed for the whole check; what is left is reported timed out (none)",
    )
    requests.add_argument(
        "--retries",
        type=_option(LINK_KEYS["retries"]),
        metavar="N",
        help=f"retries of a failed request ({_ENGINE.retries})",
    )
    requests.add_argument(
        "--max-redirects",
        type=_option(LINK_KEYS["max_redirects"]),
        metavar="N",
        help=f"redirects followed ({_ENGINE.max_redirects})",
    )
    requests.add_argument(
        "--accept",
        type=_option(accept),
        metavar="CODES",
        help="HTTP statuses counted ok, e.g. 200..299,403 (default: 200..299)",
    )
    requests.add_argument(
        "--user-agent",
        type=_option(LINK_KEYS["user_agent"]),
        metavar="UA",
        help="User-Agent header to send",
    )
    safety = links.add_argument_group("addresses, cache and archive")
    safety.add_argument(
        "--allow-private",
        action="store_true",
        default=None,
        help="allow loopback and private addresses (never link-local)",
    )
    safety.add_argument(
        "--block", action="append", type=_option(network), metavar="CIDR", help="never connect here"
    )
    safety.add_argument(
        "--cache", metavar="PATH", help=f"file that keeps successes for a day ({CACHE})"
    )
    safety.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    safety.add_argument(
        "--cache-max-age",
        type=_option(LINK_KEYS["cache_max_age"]),
        metavar="S",
        help=f"seconds a cached success is trusted ({_LINKS.cache_max_age:g})",
    )
    safety.add_argument(
        "--archive-endpoint",
        type=_option(url),
        metavar="URL",
        help="Wayback availability API asked for copies of broken links",
    )
    safety.add_argument("--no-archive", action="store_true", help="do not look up archived copies")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (the console script exits with it)."""
    stop = _Stop()
    try:
        with stop.installed():
            code = _main(argv)
        if not stop.requested:
            return code
    except KeyboardInterrupt:
        pass
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_PIPE
    print("normalize: interrupted; nothing more written", file=sys.stderr)
    return EXIT_INTERRUPTED


def _main(argv: Sequence[str] | None) -> int:
    try:
        args = _parse(argv)
    except SystemExit as stop:  # a usage error is an exit code; --help and --version exit
        if stop.code in (0, None):
            raise
        return int(stop.code) if isinstance(stop.code, int) else EXIT_USAGE
    if args.command == "refs":
        return _refs(args)
    try:
        settings = load_settings(
            args.paths or ["corpus"], config=args.config, isolated=args.isolated
        )
        if args.command == "links" and args.merge:
            return _merge(args, settings)
        return COMMANDS[args.command](args, settings)
    except CitenormError as error:
        print(f"normalize: error: {error}", file=sys.stderr)
        return EXIT_USAGE


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "build" and args.in_place and args.output is not None:
        parser.error("-o/--output and --in-place exclude each other: pick one")
    if args.command == "build" and args.bib_out and not args.in_place:
        parser.error("--bib-out applies to --in-place; a build to OUT writes OUT/references.bib")
    return args


def _setting(args: argparse.Namespace, settings: Settings, name: str, default: Any) -> Any:
    """An option's value: given on the command line, else from settings, else `default`."""
    value = getattr(args, name, None)
    return value if value is not None else settings.values.get(name, default)


def _rules(args: argparse.Namespace, settings: Settings, skip: Sequence[Path] = ()) -> Rules:
    """What folder walks leave out: settings' and options' globs, .gitignore, the output."""
    option = getattr(args, "exclude_path" if args.command == "links" else "exclude", None)
    exclude = (*settings.values.get("exclude", ()), *(option or ()))
    gitignore = not args.no_ignore and settings.values.get("respect_gitignore", True)
    return Rules(exclude=tuple(exclude), gitignore=bool(gitignore), skip=tuple(skip))


def _output_folder(args: argparse.Namespace, settings: Settings) -> Path:
    """The build's output folder (only `build`'s -o names one; the others' -o is a file)."""
    if args.command == "build" and args.output is not None:
        return Path(args.output)
    return Path(settings.values.get("output", DEFAULT_OUTPUT))


def _find(
    args: argparse.Namespace,
    settings: Settings,
    skip: Sequence[Path] = (),
    paths: Sequence[str] | None = None,
) -> list[ChapterFile]:
    """The chapter files of the run: the ignore rules apply here, before `load`."""
    return discover(list(paths or args.paths or ["corpus"]), _rules(args, settings, skip))


def _placed(chapters: Sequence[Chapter], found: Sequence[ChapterFile]) -> list[Chapter]:
    """Each chapter with its path below its folder argument (`load` saw the files named)."""
    relative = {file.path: file.relative.as_posix() for file in found}
    return [
        replace(chapter, relative_path=relative[chapter.path])
        if chapter.path in relative
        else chapter
        for chapter in chapters
    ]


def _load(
    args: argparse.Namespace,
    settings: Settings,
    *,
    skip: Sequence[Path] = (),
    bibliography: str | None = None,
    found: Sequence[ChapterFile] | None = None,
    finished: Callable[[Chapter], None] | None = None,
) -> Corpus:
    """Find the chapters (unless `found`) and load them as one corpus, with its
    bibliography; `finished` as for `load`."""
    found = _find(args, settings, skip) if found is None else found
    size = _setting(args, settings, "max_chapter_size", 10.0)
    refused = [
        Diagnostic("error", "unreadable", f.path, 1, 1, f.refused) for f in found if f.refused
    ]
    with _progress_bar(args, "reading chapters", len(found)) as advance:
        corpus = load(
            [file.path for file in found if not file.refused],
            numbering=_setting(args, settings, "numbering", Numbering.RENUMBER.value),
            bibliography=bibliography,
            max_chapter_bytes=int(size * 1e6),
            jobs=_setting(args, settings, "jobs", None),
            progress=advance,
            finished=finished,
        )
    corpus.chapters = _placed(corpus.chapters, found)
    corpus.unreadable += refused
    return corpus


def _bibliography(args: argparse.Namespace, settings: Settings) -> str | None:
    """The curated bibliography to read, if any."""
    if args.no_bib:
        return None
    chosen = args.bib if args.bib else settings.values.get("bib")
    if chosen is False:
        return None
    if chosen:
        return str(chosen)
    # The default lives with the project: beside its settings file, else here.
    default = settings.path.parent / DEFAULT_BIB if settings.path else Path(DEFAULT_BIB)
    return str(default) if default.is_file() else None


def _findings(diagnostics: Sequence[Diagnostic]) -> int:
    if any(d.code == "unreadable" for d in diagnostics):
        return EXIT_USAGE  # as grep does when an input could not be read
    return EXIT_FINDINGS if any(d.severity == "error" for d in diagnostics) else EXIT_CLEAN


def _build(args: argparse.Namespace, settings: Settings) -> int:
    citations = _setting(args, settings, "citations", "footnotes")
    curated = _bibliography(args, settings)
    bib_out: Path | None = None
    if args.in_place:
        # Footnotes keep the works in the notes: the curated file is rewritten only when
        # pandoc citations take them out, or when asked for by --bib-out / bib_out.
        chosen = args.bib_out or settings.values.get("bib_out")
        if citations == "pandoc":
            chosen = chosen or curated
        bib_out = Path(chosen) if chosen else None
        if citations == "pandoc" and bib_out is None:
            raise InputError(
                "--in-place --citations pandoc",
                "would move the works out of the notes with nowhere to keep them: give "
                "--bib-out FILE, or keep a curated bib/references.bib",
            )
    folder = _output_folder(args, settings)
    if args.in_place or citations == "pandoc":
        corpus = _load(args, settings, skip=[folder.resolve()], bibliography=curated)
        planned = plan_build(corpus, None if args.in_place else folder, citations, bib_out)
        with _progress_bar(args, "writing", len(planned)) as advance, _interrupts_deferred():
            for item in planned:
                write_plan([item])
                advance()
    else:
        corpus = _streamed_build(args, settings, folder, curated)
    form = _setting(args, settings, "format", "text")
    _print_report(corpus.diagnostics, form, sys.stderr if form == "text" else sys.stdout)
    _print_summary(args, corpus)
    return _findings(corpus.diagnostics)


def _streamed_build(
    args: argparse.Namespace, settings: Settings, folder: Path, curated: str | None
) -> Corpus:
    """A footnote build into `folder`: each chapter is staged as soon as it is processed,
    and all files are put in place together at the end (or none, on an error or Ctrl-C)."""
    found = _find(args, settings, [folder.resolve()])
    targets = chapter_targets(
        [(file.path, file.relative.as_posix()) for file in found if not file.refused], folder
    )
    with Staging() as staging:
        corpus = _load(
            args,
            settings,
            bibliography=curated,
            found=found,
            finished=lambda chapter: stage_chapter(staging, targets, chapter),
        )
        planned = plan_corpus_files(corpus, folder)
        with _progress_bar(args, "writing", len(planned)) as advance, _interrupts_deferred():
            for item in planned:
                write_plan([item], staging)
                advance()
            commit(staging)
    return corpus


def _check(args: argparse.Namespace, settings: Settings) -> int:
    corpus = _load(
        args,
        settings,
        skip=[_output_folder(args, settings).resolve()],
        bibliography=_bibliography(args, settings),
    )
    with _spinner(args, "comparing with the normal form"):
        findings = normal_form_findings(corpus)
    form = _setting(args, settings, "format", "text")
    if form == "text":
        by_path: dict[str, list[Diagnostic]] = {}
        for finding in findings:
            by_path.setdefault(finding.path, []).append(finding)
        for chapter in corpus.chapters:
            _print_report(by_path.get(chapter.path, []), form, sys.stdout)
            if args.diff and chapter.path in by_path:
                sys.stdout.write(normal_form_diff(corpus, chapter))
        _print_report(corpus.diagnostics, form, sys.stdout)
    else:
        _print_report([*findings, *corpus.diagnostics], form, sys.stdout)
    _print_summary(args, corpus)
    return max(_findings(corpus.diagnostics), EXIT_FINDINGS if findings else EXIT_CLEAN)


def _export(args: argparse.Namespace, settings: Settings) -> int:
    corpus = _load(
        args,
        settings,
        skip=[_output_folder(args, settings).resolve()],
        bibliography=_bibliography(args, settings),
    )
    citations = _setting(args, settings, "citations", "footnotes")
    _deliver(OUTPUTS[args.to].write(corpus, citations), args.output)
    _print_report(corpus.diagnostics, "text", sys.stderr)
    _print_summary(args, corpus)
    return _findings(corpus.diagnostics)


def _bib(args: argparse.Namespace, settings: Settings) -> int:
    corpus = _load(
        args,
        settings,
        skip=[_output_folder(args, settings).resolve()],
        bibliography=_bibliography(args, settings),
    )
    output = OUTPUTS["biblatex" if args.to == "bibtex" else args.to]
    _deliver(output.write(corpus, "footnotes"), args.output)
    _print_report(corpus.diagnostics, "text", sys.stderr)
    _print_summary(args, corpus)
    return _findings(corpus.diagnostics)


def _refs(args: argparse.Namespace) -> int:
    lines: list[str] = []
    for name in args.files or ["-"]:
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            print(f"normalize: error: cannot read {name}: {error}", file=sys.stderr)
            return EXIT_USAGE
        lines.extend(text.splitlines())
    try:
        _deliver(format_references(parse_references(lines), args.to), args.output)
    except CitenormError as error:
        print(f"normalize: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_CLEAN


def _write(path: Path, text: str) -> None:
    try:
        write_atomic(path, text)
    except OSError as error:
        raise InputError(str(path), f"cannot be written ({error.strerror or error})") from None


def _deliver(text: str, output: str | None) -> None:
    """Write to the `-o` file (atomically), or to stdout."""
    if output:
        with _interrupts_deferred():
            _write(Path(output), text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def _link_options(args: argparse.Namespace, settings: Settings) -> LinkOptions:
    """Options over settings over defaults; every value was checked when it was read."""
    config = settings.links

    def pick(name: str, default: Any) -> Any:
        value = getattr(args, name)
        return value if value is not None else config.get(name, default)

    try:
        policy = AddressPolicy.build(
            allow_private=bool(pick("allow_private", False)),
            block=[*config.get("block", []), *(args.block or [])],
        )
        accepted = parse_accept(str(pick("accept", "200..299")))
    except ValueError as error:
        raise InputError("links options", str(error)) from None
    user_agent = pick("user_agent", None)
    agent: dict[str, Any] = {"user_agent": str(user_agent)} if user_agent else {}
    engine = CheckOptions(
        max_concurrency=int(pick("max_concurrency", _ENGINE.max_concurrency)),
        per_host=int(pick("per_host", _ENGINE.per_host)),
        timeout=float(pick("timeout", _ENGINE.timeout)),
        deadline=pick("deadline", None),
        retries=int(pick("retries", _ENGINE.retries)),
        backoff=float(config.get("backoff", _ENGINE.backoff)),
        retry_after_cap=float(config.get("retry_after_cap", _ENGINE.retry_after_cap)),
        max_redirects=int(pick("max_redirects", _ENGINE.max_redirects)),
        accept=accepted,
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
        cache_max_age=float(pick("cache_max_age", _LINKS.cache_max_age)),
        archive_endpoint=archive,
    )


def _links(args: argparse.Namespace, settings: Settings) -> int:
    options = _link_options(args, settings)
    try:
        shard = parse_shard(args.shard) if args.shard else None
    except ValueError as error:
        raise InputError("--shard", str(error)) from None
    paths = list(args.paths or ["corpus"])
    skip = [_output_folder(args, settings).resolve()]
    found = _find(args, settings, skip, [*(args.corpus or []), *paths])
    size = _setting(args, settings, "max_chapter_size", 10.0)
    unreadable = [
        Diagnostic("error", "unreadable", f.path, 1, 1, f.refused) for f in found if f.refused
    ]
    with _progress_bar(args, "reading chapters", len(found)) as advance:
        # No bibliography work: a link check needs none, and a broken one must not stop it.
        loaded = load_chapters(
            [file.path for file in found if not file.refused],
            max_chapter_bytes=int(size * 1e6),
            jobs=_setting(args, settings, "jobs", None),
            progress=advance,
            unreadable=unreadable,
        )
    _print_report(unreadable, "text", sys.stderr)
    chapters = _placed(loaded, found)
    if args.corpus:
        reported = {Path(f.path).resolve() for f in discover(paths, _rules(args, settings, skip))}
        # Every chapter lends its anchors; only the chapters named report their links.
        chapters = _unique(
            [c if Path(c.path).resolve() in reported else replace(c, links=()) for c in chapters]
        )
    with _link_progress(enabled=_interactive(args)) as advance:
        results = check_links(chapters, options, advance, shard)
    return max(_report_links(results, args, settings), _findings(unreadable))


def _unique(chapters: list[Chapter]) -> list[Chapter]:
    """One chapter per file, the one that reports its links first (a file found twice)."""
    chosen: dict[Path, Chapter] = {}
    for chapter in chapters:
        key = Path(chapter.path).resolve()
        if key not in chosen or (chapter.links and not chosen[key].links):
            chosen[key] = chapter
    return list(chosen.values())


def _merge(args: argparse.Namespace, settings: Settings) -> int:
    texts = []
    for name in args.merge:
        try:
            texts.append(Path(name).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            reason = error.strerror if isinstance(error, OSError) else "not UTF-8"
            raise InputError(name, reason or "cannot be read") from None
    try:
        results = merge_reports(texts)
    except RecursionError:
        raise InputError(
            " ".join(args.merge), "not a JSON link report (nested too deeply)"
        ) from None
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise InputError(" ".join(args.merge), f"not a JSON link report ({error})") from None
    return _report_links(results, args, settings)


def _report_links(results: list[LinkResult], args: argparse.Namespace, settings: Settings) -> int:
    form = args.format or settings.links.get("format", "text")
    _deliver(LINK_REPORTS[form](results), args.output)
    if not args.quiet:
        counts = ", ".join(f"{n} {s}" for s, n in summary(results).items() if n)
        print(f"citenorm links: {len(results)} target(s); {counts or 'none'}", file=sys.stderr)
    strict = args.strict or settings.links.get("strict", False)
    failing = FAILING if not strict else frozenset(STATUSES) - {"ok", "excluded"}
    return EXIT_FINDINGS if any(r.status in failing for r in results) else EXIT_CLEAN


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "build": _build,
    "check": _check,
    "export": _export,
    "bib": _bib,
    "links": _links,
}
"""Each subcommand's runner: it returns the exit code or raises `CitenormError`."""


# --- the terminal: progress, colour, interrupts, pipes --------------------------------------


def _interactive(args: argparse.Namespace) -> bool:
    """Progress bars only for a person watching: stderr a terminal, and not --quiet."""
    return not args.quiet and sys.stderr.isatty()


def _colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return stream.isatty() and not os.environ.get("NO_COLOR")


_SEVERITY_COLOURS = {"error": "\x1b[1;31m", "warning": "\x1b[33m", "info": "\x1b[36m"}


def coloured(diagnostic: Diagnostic) -> str:
    """A diagnostic's text line with its code coloured by severity (ANSI)."""
    where = f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}:"
    tint = _SEVERITY_COLOURS[diagnostic.severity]
    return f"\x1b[1m{where}\x1b[0m {tint}{diagnostic.code}\x1b[0m {diagnostic.message}"


def _print_report(diagnostics: Sequence[Diagnostic], form: str, stream: TextIO) -> None:
    if form == "text" and _colour(stream):
        stream.write("".join(coloured(d) + "\n" for d in diagnostics))
    elif diagnostics or form != "text":
        stream.write(DIAGNOSTIC_REPORTS[form](diagnostics))
    stream.flush()


def _print_summary(args: argparse.Namespace, corpus: Corpus) -> None:
    if not args.quiet:
        print(_summary(corpus), file=sys.stderr)


@contextlib.contextmanager
def _spinner(args: argparse.Namespace, what: str) -> Iterator[None]:
    """A spinner on stderr while a long step runs, on a terminal only."""
    if not _interactive(args):
        yield
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        progress.add_task(what, total=None)
        yield


@contextlib.contextmanager
def _progress_bar(args: argparse.Namespace, what: str, total: int) -> Iterator[Callable[[], None]]:
    """A progress bar over `total` steps on stderr, on a terminal only."""
    if not _interactive(args) or total < 2:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(what, total=total)
        yield lambda: progress.advance(task)


@contextlib.contextmanager
def _link_progress(*, enabled: bool) -> Iterator[Callable[[LinkResult], None] | None]:
    """A progress bar on a terminal (rich), nothing otherwise."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("checking links", total=None)
        yield lambda _result: progress.advance(task)


class _Stop:
    """The SIGINT handler of a run: it remembers the request as well as raising it.

    An interrupt can land where Python swallows the exception (an at-fork hook
    while a worker process starts); the run still ends as interrupted, and
    writing never starts after one.
    """

    def __init__(self) -> None:
        self.requested = False

    def __call__(self, _number: int, _frame: object) -> None:
        self.requested = True
        raise KeyboardInterrupt

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        try:
            previous = signal.signal(signal.SIGINT, self)
        except ValueError:  # not the main thread: Python delivers no signals here
            yield
            return
        unraisable = sys.unraisablehook

        def quiet(report: Any) -> None:
            # A swallowed interrupt is still a stop (above), not a traceback to show.
            if not issubclass(report.exc_type, KeyboardInterrupt):
                unraisable(report)

        sys.unraisablehook = quiet
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)
            sys.unraisablehook = unraisable


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C while outputs are written, so a run leaves all of them or none.

    An interrupt during the block is raised when it ends (exit 130, outputs whole);
    one that came before (and was swallowed) stops the writing from starting.
    """
    try:
        previous = signal.getsignal(signal.SIGINT)
        if isinstance(previous, _Stop) and previous.requested:
            raise KeyboardInterrupt
        received: list[int] = []
        signal.signal(signal.SIGINT, lambda number, _frame: received.append(number))
    except ValueError:  # not the main thread: nothing to defer
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        raise KeyboardInterrupt


def _silence_stdout() -> None:
    """After the reader of stdout went away: send what is left nowhere, quietly."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


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


__all__ = ["COMMANDS", "coloured", "main", "run"]
