"""Round-trips through the renderer hold: what mdformat would misspell reads back as itself."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdformat.renderer import DEFAULT_RENDERERS, RenderContext, RenderTreeNode
from mdit_py_plugins.footnote import footnote_plugin

import citenorm
from citenorm import _render


def _html(text: str) -> str:
    md = MarkdownIt("commonmark").enable("table").use(footnote_plugin)
    return md.render(text)


@pytest.mark.parametrize(
    "text",
    [
        '[t](foo "\\\\\\"\\b")\n',
        '[](<\\&quot;> "\\&amp;\\&ouml;")\n',
        '[](<\\\\&quot;> "\\\\&quot;\\\\&ouml;")\n',
        '![i](<\\&amp;> "a \\"b\\" \\\\c")\n',
        "*&#x20;*\n\n**&#x20;a**\n",
        "*****Hello*world****\n",
        "\\[^1][l] and \\[^2]: not a definition\n",
        "# &#x20;\n\na&#x20;\nb\n\n| &#x20; | x |\n| - | - |\n",
        "[label\\]\n\n[label]\n\n[label]: /url\n",
        "[x\\] then [x]\n\n[x]: /u\n",
        "***strong in em* after** and a***b***c\n",
        "| H | I\n| - | -\n| `b\\\\|` | c\n",
        '[a](<b c> "t")\n',
        "![foo ![bar](/url)](/url2)\n",
        "<http://\u6d4b.com?\u6d4b=\u6d4b> <https://g.com/?q=a%2E%252Eb> <me@example.com>\n",
    ],
)
def test_meaning_kept_and_stable(text: str) -> None:
    once = citenorm.normalize(text)
    assert _html(once) == _html(text)
    assert citenorm.normalize(once) == once


def test_an_autolink_keeps_its_text() -> None:
    assert citenorm.normalize("<http://\u6d4b.com>\n") == "<http://\u6d4b.com>\n"


def test_a_duplicate_link_definition_is_reported(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "a.md"
    path.write_text("[x]\n\n[x]: /one\n[X]: /two\n", encoding="utf-8")
    [diagnostic] = citenorm.load([str(path)]).diagnostics
    assert (diagnostic.code, diagnostic.line) == ("duplicate-link-definition", 4)


def test_a_chapter_of_nothing_but_markup_is_refused_before_parsing() -> None:
    with pytest.raises(citenorm.InputError, match="inline markup characters"):
        citenorm.normalize("*a" * 2_000_000)


def test_prose_density_markup_is_never_refused() -> None:
    text = "Some *words* and a [link](u) & more.\n\n" * 2_000
    assert citenorm.normalize(text).startswith("Some *words*")


def test_siblings_in_constant_time_are_the_same_siblings() -> None:
    from mdformat.renderer import RenderTreeNode

    from citenorm._parse import make_parser
    from citenorm._render import _Node

    tokens = make_parser().parse("a <b>c</b> *d* [e](f)\n\n- g\n- h\n\n1. i\n")
    ours, theirs = list(_Node(tokens).walk()), list(RenderTreeNode(tokens).walk())
    for mine, reference in zip(ours, theirs, strict=True):
        for name in ("next_sibling", "previous_sibling", "parent"):
            got, expected = getattr(mine, name), getattr(reference, name)
            assert (got is None) == (expected is None)
            if got is not None:
                assert got.type == expected.type
                assert got.token == expected.token


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab _*\\[]<>`&#;!\n\tx1é", max_size=30))
def test_text_escapes_as_mdformat_does(text: str) -> None:
    """`_mdformat_text` is mdformat's own text renderer, only faster."""
    tree = RenderTreeNode(MarkdownIt("commonmark").parse(text))
    context = RenderContext(
        DEFAULT_RENDERERS, {}, {"mdformat": {"wrap": "keep"}}, {"used_refs": {"x"}}
    )
    for node in tree.walk():
        if node.type == "text":
            expected = DEFAULT_RENDERERS["text"](node, context)
            assert _render._mdformat_text(node.content, node, context) == expected


@pytest.mark.parametrize(
    "math",
    ["$p_{\\text{TM}}(f \\mid e)$", "$a*b*c$", "$\\int f\\, dt$", "$$x^{*} = 1 \\\\\ny_i$$"],
)
def test_tex_math_is_written_as_it_stands(math: str) -> None:
    """Math in a paragraph the build rewrites (an entity, a marker) and in a note keeps
    every `\\`, `_` and `*`: pandoc, KaTeX and MathJax read it as TeX."""
    text = f"Tom &amp; Jerry {math} here.[^a]\n\n[^a]: A note on {math} too.\n"
    out = citenorm.normalize(text)
    in_note = math.replace("\n", "\n    ")  # a note's own lines are indented
    assert out == f"Tom & Jerry {math} here.[^1]\n\n[^1]: A note on {in_note} too.\n"
    assert citenorm.normalize(out) == out


def test_an_escaped_dollar_stays_escaped() -> None:
    """`\\$` keeps its backslash (other needless escapes go): without it, `\\$x$`
    would come back as math."""
    text = "Costs \\$5, and \\$x$ is no math &amp; more.[^a]\n\n[^a]: A note.\n"
    out = citenorm.normalize(text)
    assert out == "Costs \\$5, and \\$x$ is no math & more.[^1]\n\n[^1]: A note.\n"
    assert citenorm.normalize(out) == out


@pytest.mark.parametrize(
    "text",
    [
        "See [the report[^a]](https://x.org) now.\n\n[^a]: A note.\n",
        'See [the report<sup><a href="#fn1" id="r1">1</a></sup>](https://x.org) now.\n\n'
        '<ol><li id="fn1">A note. <a href="#r1">↩</a></li></ol>\n',
    ],
)
def test_a_marker_in_a_links_text_is_written_after_the_link(text: str) -> None:
    """The link stays a link: `[the report[^1]](u)` is none to markdown-it, and the
    brackets used to come back escaped, the link lost."""
    out = citenorm.normalize(text)
    assert out == "See [the report](https://x.org)[^1] now.\n\n[^1]: A note.\n"
    assert citenorm.normalize(out) == out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Debugger^[1]^ docs.\n", "Debugger^[1]^ docs.\n"),
        ("Debugger^[1]^ docs &lt; x.\n", "Debugger^\\[1\\]^ docs < x.\n"),
        ('See [^\\[link\\]^](#ref "Title").\n', 'See [^\\[link\\]^](#ref "Title").\n'),
        ("^[a]^ and ^[note] &amp;\n", "^\\[a\\]^ and [^1] &\n\n[^1]: note\n"),
    ],
)
def test_a_pandoc_superscript_of_a_bracket_is_no_note(text: str, expected: str) -> None:
    """`^[1]^` is pandoc's superscript "[1]"; written again, it is escaped so that no
    reader takes it for an inline note (markdown-it's footnote plugin would)."""
    out = citenorm.normalize(text)
    assert out == expected
    assert citenorm.normalize(out) == out


@pytest.mark.parametrize(
    ("tex", "written"),
    [
        ("\\newpage", "\\newpage"),
        ("see \\cite{x}", "see \\cite{x}"),
        (
            "\\begin{align*} a_1 &= b*c \\\\\n x_2 \\end{align*}",
            "\\begin{align*} a_1 &= b*c \\\\\nx_2 \\end{align*}",
        ),
    ],
)
def test_raw_tex_is_written_as_it_stands(tex: str, written: str) -> None:
    """pandoc reads `\\newpage` and `\\begin{…}…\\end{…}` as raw TeX: a paragraph the
    build rewrites (here for its entity) keeps them, not `\\\\newpage` or `align\\*`."""
    out = citenorm.normalize(f"{tex} &amp; more.\n")
    assert out == f"{written} & more.\n"
    assert citenorm.normalize(out) == out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("line one\\\n&nbsp;&nbsp; dyn &amp;\n", "line one\\\n&#160;\u00a0 dyn &\n"),
        ("x &amp; y&nbsp;\\\nz\n", "x & y&#160;\\\nz\n"),
    ],
)
def test_no_break_spaces_at_a_line_edge_are_kept(text: str, expected: str) -> None:
    """mdformat strips every line it writes, and Python's strip takes no-break spaces
    too: the indentation after a hard break was lost."""
    out = citenorm.normalize(text)
    assert out == expected
    assert citenorm.normalize(out) == out


@pytest.mark.parametrize(
    ("destination", "written"),
    [
        ("{attach}img.svg", "{attach}img.svg"),
        ("https://zh.wikipedia.org/wiki/%E4%B8%AD%E6%96%87", "https://zh.wikipedia.org/wiki/中文"),
        ("a%2Fb?q=%26", "a%2Fb?q=%26"),
        ("a%7Cb", "a%7Cb"),  # a pipe would need escaping in a table cell
        ("<a b>", "a%20b"),
    ],
)
def test_a_link_destination_is_written_readable(destination: str, written: str) -> None:
    """markdown-it keeps destinations percent-encoded; written back decoded where that
    reads as the same link (Pelican's `{attach}` broke as `%7Battach%7D`)."""
    out = citenorm.normalize(f"[x]({destination}) &lt; x\n")
    assert out == f"[x]({written}) < x\n"
    assert citenorm.normalize(out) == out


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("See [[Page One]] here.^[A note.]\n", "See [[Page One]] here.[^1]\n\n[^1]: A note.\n"),
        ("Cited.[^1]\n\n[^1]: In [[Notes#Part|part two]].\n", None),
        ("Kept \\[\\[Page\\]\\] here.^[N.]\n", "Kept \\[[Page]\\] here.[^1]\n\n[^1]: N.\n"),
        (
            "[[A]] and \\[\\[A\\]\\] here.^[N.]\n",  # one page both ways: kept escaped
            "\\[[A]\\] and \\[[A]\\] here.[^1]\n\n[^1]: N.\n",
        ),
    ],
)
def test_wikilinks_stay_as_written(text: str, written: str | None) -> None:
    """Obsidian's `[[Page]]` in a rendered paragraph or note was escaped to
    `\\[[Page]\\]`, breaking the link; one the source escaped stays escaped."""
    out = citenorm.normalize(text)
    assert out == (written if written is not None else text)
    assert citenorm.normalize(out) == out


def test_a_note_cut_around_its_back_link_renders_as_read_back() -> None:
    """A back-link taken out of a note leaves text tokens apart; mdformat escapes
    brackets one text at a time, so `[[] [` came out escaped one way, and read
    back (one text) another: the second build differed."""
    text = (
        "A claim.^[\\[1\\]](#cite_note-1)^\n\n## References\n\n"
        '1.  [[[↑](#cite_ref-1)] [["CVE-1"](https://example.org/cve). Archived.]]\n'
    )
    out = citenorm.normalize(text)
    assert citenorm.normalize(out) == out


@pytest.mark.parametrize(
    "text",
    [
        "As in Figure \\@ref(fig:plot), see \\@ref(intro).\n",
        "See \\@ref(x) and [@doe99] &lt; @doe99.^[A note.]\n",
        "Text.[^1]\n\n[^1]: See *Figure \\@ref(fig:plot)* and `@ref` or \\@ref(tab:x).\n",
        "See [the plot \\@ref(fig:x)](#plot) now.^[A note.]\n",
    ],
)
def test_bookdown_references_keep_their_escape(text: str) -> None:
    """bookdown's `\\@ref(fig:x)` without its backslash is a pandoc citation."""
    out = citenorm.normalize(text)
    assert out.count("\\@ref(") == text.count("\\@ref(")
    assert out.count("\\@doe99") == text.count("\\@doe99")  # a citation stays one
    assert citenorm.normalize(out) == out


@pytest.mark.parametrize(
    "text",
    [
        "&#97;__foo__\n",
        "&#97;_foo__\n",
        "x _foo_&#98; y\n",
        '&#97;*"foo"*\n',
        "*$*&#97;lpha.\n",
        "&#97;*(**foo**)*\n",
    ],
)
def test_a_reference_beside_emphasis_stays_a_reference(text: str) -> None:
    """A letter written plainly beside `_` (or beside `*` whose inner edge is
    punctuation) keeps the delimiter from opening or closing: `&#97;__foo__` came
    out `a__foo__`, which is no emphasis."""
    out = citenorm.normalize(text)
    markdown_it = MarkdownIt("commonmark")
    assert markdown_it.render(out) == markdown_it.render(text)
    assert citenorm.normalize(out) == out
