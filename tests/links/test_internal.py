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
