"""One place for outputs: every format citenorm writes, and the plan of a build.

`OUTPUTS` names each corpus output (its name for `export`/`bib --to`, the file
a build writes it to, the function that writes it); `LINK_REPORTS` and
`DIAGNOSTIC_REPORTS` name the reports.  `plan_build` turns a corpus into the
list of files a build writes, refusing clashes before anything is written, and
`write_plan` writes them (each atomically).  A footnote build into a folder
takes the plan apart: `chapter_targets` checks for clashes before any chapter
is processed, `stage_chapter` stages each chapter once it is processed,
`plan_corpus_files` adds the corpus files, and `commit` puts all in place.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .._config import LINK_FORMATS
from .._errors import InputError
from .._io import Staging, write_atomic
from .diagnostics import REPORTS as DIAGNOSTIC_REPORTS
from .markdown import CitationMode, chapter_markdown

if TYPE_CHECKING:
    from .._api import Corpus
    from .._model import Chapter
    from ..links import LinkResult

__all__ = [
    "DIAGNOSTIC_REPORTS",
    "LINK_REPORTS",
    "OUTPUTS",
    "Output",
    "Planned",
    "chapter_targets",
    "commit",
    "plan_build",
    "plan_corpus_files",
    "stage_chapter",
    "write_plan",
]


@dataclass(frozen=True)
class Output:
    """A corpus output: its name, the file a build writes it to, and how to write it."""

    name: str
    file_name: str | None
    write: Callable[[Corpus, CitationMode], str]
    description: str


def _markdown(corpus: Corpus, citations: CitationMode) -> str:
    rendered = corpus.to_markdown(citations)
    if len(rendered) == 1:
        return next(iter(rendered.values()))
    return "\n".join(f"<!-- citenorm: {path} -->\n\n{md}" for path, md in rendered.items())


OUTPUTS: dict[str, Output] = {
    output.name: output
    for output in (
        Output(
            "markdown",
            None,
            _markdown,
            "every chapter's normal-form Markdown (a build writes one file per chapter)",
        ),
        Output("json", "corpus.json", lambda c, _: c.to_json(), "the corpus model as JSON"),
        Output(
            "biblatex", "references.bib", lambda c, _: c.to_bibtex(), "the bibliography, BibLaTeX"
        ),
        Output(
            "csl-json",
            "references.json",
            lambda c, _: c.to_csl_json(),
            "the bibliography as CSL-JSON (pandoc, Zotero, citeproc)",
        ),
    )
}
"""Every corpus output, by name."""

BUILD_FILES = ("json", "biblatex", "csl-json")
"""The outputs a build writes beside the chapters."""


def _link_report(form: str) -> Callable[[Sequence[LinkResult]], str]:
    def write(results: Sequence[LinkResult]) -> str:
        from ..links import render  # here: the link engine imports the package's version

        return render(results, form)

    return write


LINK_REPORTS: dict[str, Callable[[Sequence[LinkResult]], str]] = {
    form: _link_report(form) for form in LINK_FORMATS
}
"""Every link report, by the name `links --format` takes."""


@dataclass(frozen=True)
class Planned:
    """One file a build writes: where, what, and the chapter it comes from (if one)."""

    path: Path
    text: str
    chapter: str | None = None


def plan_build(
    corpus: Corpus,
    output: Path | None,
    citations: CitationMode = "footnotes",
    bibliography: Path | None = None,
) -> list[Planned]:
    """The files a build writes, in order; `InputError` on any clash, before any write.

    `output` is the folder chapters go below (at their path under the folder
    argument), or None to rewrite the chapters in place (only those that
    change).  `bibliography` is where an in-place build writes the BibLaTeX
    bibliography; with pandoc citations it is required, as the notes it
    replaces are the works' only other record.
    """
    if output is None:
        if citations == "pandoc" and bibliography is None:
            raise InputError(
                "--in-place --citations pandoc",
                "turns notes into [@key] citations, so it needs a bibliography to write the "
                "works to: give --bib-out FILE or keep a curated bib/references.bib",
            )
        return _in_place(corpus, citations, bibliography)
    placed = [(c.path, c.relative_path or Path(c.path).name) for c in corpus.chapters]
    targets = chapter_targets(placed, output)
    return [
        *(
            Planned(targets[chapter.path], corpus.markdown(chapter, citations), chapter.path)
            for chapter in corpus.chapters
        ),
        *plan_corpus_files(corpus, output, citations),
    ]


def plan_corpus_files(
    corpus: Corpus, output: Path, citations: CitationMode = "footnotes"
) -> list[Planned]:
    """The files a build writes beside the chapters under `output` (JSON, bibliographies)."""
    return [
        Planned(output / file_name, OUTPUTS[name].write(corpus, citations))
        for name, file_name in _build_files()
    ]


def _in_place(corpus: Corpus, citations: CitationMode, bibliography: Path | None) -> list[Planned]:
    planned = []
    sources = {Path(chapter.path).resolve() for chapter in corpus.chapters}
    if bibliography is not None:
        if bibliography.resolve() in sources:
            raise InputError(str(bibliography), "is a chapter; refused as the bibliography")
        planned.append(Planned(bibliography, corpus.to_bibtex()))
    for chapter in corpus.chapters:
        text = corpus.markdown(chapter, citations)
        if text != chapter.source.full_text or not chapter.source.canonical:
            planned.append(Planned(Path(chapter.path), text, chapter.path))
    return planned


def chapter_targets(chapters: Sequence[tuple[str, str]], output: Path) -> dict[str, Path]:
    """Where a build under `output` writes each chapter, by chapter path.

    `chapters` are (path, path below its folder argument) pairs.  Raises
    `InputError` on a clash (two chapters, or a chapter and a build output, on one
    file; a chapter over an input or outside `output`), before anything is written.
    """
    sources = {Path(path).resolve() for path, _ in chapters}
    targets: dict[str, Path] = {}
    claimed: dict[Path, str] = {}
    root = output.resolve()
    outputs = {(output / file_name).resolve() for _, file_name in _build_files()}
    for path, relative in chapters:
        target = output / relative
        resolved = target.resolve()
        if root != resolved and root not in resolved.parents:
            raise InputError(path, f"would be written outside {output}; refused")
        if resolved in claimed:
            raise InputError(path, f"would be written to {target}, as {claimed[resolved]} is")
        if resolved in sources:
            raise InputError(
                path, f"output {target} is an input chapter; use --in-place to rewrite inputs"
            )
        if resolved in outputs:
            raise InputError(path, f"would be written to {target}, a build output")
        claimed[resolved] = path
        targets[path] = target
    return targets


def _build_files() -> list[tuple[str, str]]:
    """The outputs a build writes beside the chapters, with their file names."""
    return [(name, file_name) for name in BUILD_FILES if (file_name := OUTPUTS[name].file_name)]


def write_plan(planned: Sequence[Planned], staging: Staging | None = None) -> None:
    """Write every planned file atomically, or stage it in `staging` to be committed
    with the rest; `InputError` naming the first that fails."""
    for item in planned:
        try:
            if staging is None:
                write_atomic(item.path, item.text)
            else:
                staging.write(item.path, item.text)
        except OSError as error:
            raise InputError(
                str(item.path), f"cannot be written ({error.strerror or error})"
            ) from None


def stage_chapter(staging: Staging, targets: Mapping[str, Path], chapter: Chapter) -> None:
    """Stage a chapter's footnote Markdown at its target once it is processed.

    A chapter's footnote Markdown needs nothing from the rest of the corpus, so a
    build writes it while later chapters are still being processed (creating
    files is slow on many file systems); `commit` puts it in place with the rest.
    """
    write_plan([Planned(targets[chapter.path], chapter_markdown(chapter), chapter.path)], staging)


def commit(staging: Staging) -> None:
    """Put every staged file in place; `InputError` naming the first that fails."""
    try:
        staging.commit()
    except OSError as error:
        raise InputError(
            str(error.filename), f"cannot be written ({error.strerror or error})"
        ) from None
