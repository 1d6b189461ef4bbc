"""Internal targets, checked offline: files, fragments, the corpus root, the site root."""

from __future__ import annotations

from pathlib import Path

import citenorm
from citenorm._anchors import github_slug
from citenorm.links import LinkOptions, check_links


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_internal_targets(tmp_path: Path) -> None:
    corpus = tmp_path / "book"
    write(corpus / "a.md", '# Part One {#one}\n\n## Second Part!\n\n<a id="html-id"></a>\n')
    write(corpus / "img/logo.png", "png")
    write(tmp_path / "outside.md", "secret")
    write(
        corpus / "b.md",
        "[x](a.md#one) [y](a.md#second-part) [z](a.md#html-id) [w](a.md#missing)\n"
        "[v](missing.md) [u](../outside.md) [t](#here) ![i](img/logo.png) [r](/site/x.png)\n\n"
        "## Here {#here}\n",
    )
    chapters = citenorm.load([str(corpus)]).chapters
    results = {
        r.url.replace(str(corpus), "book"): r
        for r in check_links(chapters, LinkOptions(offline=True, cache=None))
    }
    statuses = {url: r.status for url, r in results.items()}
    assert statuses == {
        "book/a.md#one": "ok",
        "book/a.md#second-part": "ok",
        "book/a.md#html-id": "ok",
        "book/a.md#missing": "broken",
        "book/missing.md": "broken",
        str(tmp_path / "outside.md").replace(str(corpus), "book"): "broken",
        "book/b.md#here": "ok",
        "book/img/logo.png": "ok",
        "<root>/site/x.png": "unchecked",
    }
    assert "leaves the corpus root" in results[str(tmp_path / "outside.md")].message
    site = tmp_path / "site-root"
    write(site / "site/x.png", "png")
    rooted = check_links(chapters, LinkOptions(offline=True, cache=None, root=site))
    assert {r.url: r.status for r in rooted}["<root>/site/x.png"] == "ok"


def test_github_slugs() -> None:
    assert (
        github_slug("4.2 Elements of a successful partnership")
        == "42-elements-of-a-successful-partnership"
    )
    assert github_slug("Second Part!") == "second-part"


TARGET = """\
## <a name="legacy"></a>Installation guide
## Press <kbd>Ctrl</kbd>+<kbd>C</kbd>
## [1.2.0](https://example.org/compare) - 2023-01-01
## _Optional_ settings
## Q &amp; A
## Errors {: #errors }
## Über uns
## Setup
## Setup
## 1. Introduction

::: {#sec-results}
Results.
:::

A [term]{#term-key} and a block IAL:
{: #block-ial}

<input name="query"> <div data-id="widget"></div> <!-- <a id="old"></a> -->
<a name="named"></a> <span id='single'></span>
<span title="a>b" id="after-quoted-gt"></span> <span title="old id=inside-title"></span>

A `[x]{#in-code}` span and a [link](#top){#link-id}.
"""


def _statuses(tmp_path: Path, fragments: list[str]) -> dict[str, str]:
    corpus = tmp_path / "book"
    write(corpus / "target.md", TARGET)
    write(corpus / "index.md", "".join(f"[x](target.md#{f})\n" for f in fragments) + "[t](#top)\n")
    chapters = citenorm.load([str(corpus)]).chapters
    return {
        r.url.rsplit("#", 1)[-1]: r.status
        for r in check_links(chapters, LinkOptions(offline=True, cache=None))
    }


def test_fragments_every_generator_writes_are_found(tmp_path: Path) -> None:
    """Slugs are made from the heading's text as shown (no tags, link targets or
    emphasis marks; entities decoded), by GitHub's, pandoc's and MkDocs' rules, and
    ids come from kramdown, attr_list and pandoc attributes: each was a false alarm."""
    fragments = [
        "installation-guide", "legacy", "press-ctrlc", "120---2023-01-01",
        "optional-settings", "q--a", "q-a", "errors", "über-uns", "uber-uns", "setup-1",
        "setup_1", "introduction", "1-introduction", "sec-results", "term-key", "block-ial",
        "named", "single", "after-quoted-gt", "link-id",
    ]  # fmt: skip
    statuses = _statuses(tmp_path, fragments)
    assert {f: statuses[f] for f in fragments} == dict.fromkeys(fragments, "ok")
    assert statuses["top"] == "ok"  # HTML's top of the page


def test_names_that_are_no_anchors_are_broken(tmp_path: Path) -> None:
    """`<input name>`, `data-id`, an id inside a comment or inside another attribute's
    value name no place to go."""
    names = ["query", "widget", "old", "inside-title", "in-code"]
    statuses = _statuses(tmp_path, names)
    assert {f: statuses[f] for f in names} == dict.fromkeys(names, "broken")


def test_a_link_with_a_non_ascii_target_is_placed_where_it_is_written(tmp_path: Path) -> None:
    corpus = tmp_path / "book"
    write(corpus / "a.md", "First line,\nthen [x](b.md#übersicht) here.\n")
    [chapter] = citenorm.load([str(corpus / "a.md")]).chapters
    [link] = chapter.links
    assert (link.line, link.column) == (2, 10)  # where its destination starts


def test_a_fragment_of_a_folder_is_checked_against_its_page(tmp_path: Path) -> None:
    """MkDocs, Docusaurus and GitHub serve `guide/` from `guide/index.md` or README.md."""
    corpus = tmp_path / "book"
    write(corpus / "guide/README.md", "# Guide\n\n## Intro\n")
    write(corpus / "index.md", "[a](guide/#intro) [b](guide/#nope)\n")
    chapters = citenorm.load([str(corpus)]).chapters
    statuses = {
        r.url.rsplit("#", 1)[-1]: r.status
        for r in check_links(chapters, LinkOptions(offline=True, cache=None))
    }
    assert statuses == {"intro": "ok", "nope": "broken"}


def test_a_heading_permalink_is_no_part_of_its_id(tmp_path: Path) -> None:
    """Docs generators write a `#` permalink (with attributes, via pandoc) into each
    heading; it is no part of the heading's text, and no footnote either."""
    corpus = tmp_path / "book"
    write(
        corpus / "a.md",
        '## Setup [\\#](#setup "Direct link"){.anchor aria-label="Direct link to Setup"}\n\n'
        "Prose.\n",
    )
    write(corpus / "b.md", "[x](a.md#setup)\n")
    project = citenorm.load([str(corpus)])
    assert not project.diagnostics
    statuses = {
        r.url.rsplit("#", 1)[-1]: r.status
        for r in check_links(project.chapters, LinkOptions(offline=True, cache=None))
    }
    assert statuses == {"setup": "ok"}
