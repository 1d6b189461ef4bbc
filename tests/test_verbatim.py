"""Blocks that need no change are written back from their source lines."""

from __future__ import annotations

import re

import mdformat
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

import citenorm


@pytest.mark.parametrize(
    "block",
    [
        "Some *emphasis* and __strong__ text.",
        "* a bullet\n* list",
        "Title\n=====",
        "> a quote\nwith a lazy line",
        "1) an ordered\n2) list",
    ],
)
def test_untouched_blocks_keep_their_spelling(block: str) -> None:
    text = f"{block}\n\nCited.[^1]\n\n[^1]: A note.\n"
    assert citenorm.normalize(text).startswith(block + "\n\n")


@pytest.mark.parametrize(
    ("block", "written"),
    [
        ("A needless \\# escape.", "A needless # escape."),
        ("Tom &lt;b&gt; Jerry", "Tom \\<b> Jerry"),
        ("|a|b|\n|-|-|\n|1|2|", "| a | b |\n| --- | --- |\n| 1 | 2 |"),  # tables compact
    ],
)
def test_blocks_that_need_normalising_are_rendered(block: str, written: str) -> None:
    assert citenorm.normalize(f"{block}\n").startswith(written + "\n")


def test_adjacent_lists_stay_apart() -> None:
    text = "- a\n- b\n\n* c\n* d\n\nText with a marker.[^1]\n\n[^1]: Note.\n"
    out = citenorm.normalize(text)
    assert citenorm.normalize(out) == out
    assert out.count("\n\n") >= 3


def test_a_definition_inside_a_quote_is_not_written_twice() -> None:
    out = citenorm.normalize("Text.[^a]\n\n> [^a]: The note.\n")
    assert out.count("The note.") == 1


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Some __strong__  text.[^a]\n\n[^a]: Note.\n", "Some __strong__  text.[^1]\n"),
        (
            'Some __strong__ text.<sup><a href="#fn1" id="fnref1">1</a></sup>\n\n'
            '<ol><li id="fn1"><p>The note. <a href="#fnref1">↩</a></p></li></ol>\n',
            "Some __strong__ text.[^1]\n",
        ),
        ("Two[^b] __x__\nlines.[^a]\n\n[^a]: A.\n[^b]: B.\n", "Two[^1] __x__\nlines.[^2]\n"),
        ("Left[^x] as written __x__.\n", "Left[^x] as written __x__.\n"),
    ],
)
def test_paragraphs_changed_only_by_markers_keep_their_spelling(text: str, written: str) -> None:
    out = citenorm.normalize(text)
    assert out.startswith(written)
    assert citenorm.normalize(out) == out


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("A word[^a](in parens).\n\n[^a]: Note.\n", "A word[^1]\\(in parens).\n"),
        ("A word[^a][in brackets].\n\n[^a]: Note.\n", "A word[^1]\\[in brackets].\n"),
    ],
)
def test_a_marker_whose_neighbours_would_make_syntax_is_rendered(text: str, written: str) -> None:
    out = citenorm.normalize(text)
    assert out.startswith(written)
    assert citenorm.normalize(out) == out


@pytest.mark.parametrize(
    "line",
    [
        "See [this]({{ site.baseurl }}/x.html) and [a link][ref].{marker}",
        'Hugo\'s [page]({{< ref "post.md" >}}) and [brackets] stay.{marker}',
    ],
)
def test_a_markdown_marker_beside_other_brackets_is_spliced_in(line: str) -> None:
    """A marker written `[^label]` becomes `[^n]`, brackets for brackets, so the
    paragraph is written from its source: template links keep their brackets."""
    text = line.format(marker="[^note]") + "\n\n[ref]: /u\n\n[^note]: N.\n"
    out = citenorm.normalize(text)
    assert out.startswith(line.format(marker="[^1]") + "\n\n[^1]: N.\n")
    assert citenorm.normalize(out) == out


def test_an_indented_block_is_written_as_it_stands() -> None:
    """MkDocs admonitions and content tabs are indented blocks (code to CommonMark):
    rendered, they became fenced code and the admonition was gone."""
    text = (
        '!!! warning "Careful"\n\n    The body.\n\n'
        '=== "Tab A"\n\n    Tab *text*.\n\nEnd.[^a]\n\n[^a]: N.\n'
    )
    out = citenorm.normalize(text)
    assert out == text.replace("[^a]", "[^1]")
    assert citenorm.normalize(out) == out


def test_an_indented_block_after_a_separated_list_stays_code() -> None:
    out = citenorm.normalize("- item\n\n<!-- -->\n\n    code\n")
    assert out == "- item\n\n<!-- -->\n\n    code\n"


@pytest.mark.parametrize(
    ("block", "written"),
    [
        ("Tom &amp; Jerry __x__", "Tom & Jerry __x__"),
        ("It&#039;s in 2010\\. &copy; &eacute;t&eacute; `\\`", "It's in 2010. © été `\\`"),
        ("A &quot;quote&quot; \\` and [a link](/u).", 'A "quote" \\` and [a link](/u).'),
        ("# Heading &amp; more\\.", "# Heading & more."),
    ],
)
def test_escapes_and_references_are_edited_in_the_source(block: str, written: str) -> None:
    """A paragraph or heading that needs only its escapes and character references
    normalised keeps the rest of its spelling (`__x__` is not rewritten `**x**`)."""
    out = citenorm.normalize(f"{block}\n")
    assert out == written + "\n"
    assert citenorm.normalize(out) == out


@pytest.mark.parametrize(
    ("block", "written"),
    [
        ("1\\. Not a list &amp; more", "1\\. Not a list & more"),
        ("[a](url &quot;title&quot;)", '\\[a\\](url "title")'),
        ("[a]: /u &quot;title&quot;", '\\[a\\]: /u "title"'),
        ("&amp;copy; stays", "\\&copy; stays"),
        ("*&#97;*b", "\\*a\\*b"),
        ("Code `&amp;` &amp;", "Code `&amp;` &"),
    ],
)
def test_edits_that_could_make_syntax_leave_the_block_to_the_renderer(
    block: str, written: str
) -> None:
    out = citenorm.normalize(f"{block}\n")
    assert out == written + "\n"
    assert citenorm.normalize(out) == out


_COMMONMARK = MarkdownIt("commonmark")


def _meaning(text: str) -> str:
    """CommonMark's HTML, trailing blanks aside (code blocks are written without them)."""
    return re.sub(r"[ \t]+\n", "\n", _COMMONMARK.render(text))


_PIECES = [
    *"a1 \n*_`[]()<>\"':;.&#~!",
    "&amp;", "&#039;", "&quot;", "&eacute;", "&#97;", "&#49;", "&copy;", "&nbsp;", "&lt;",
    "&#xe100;", "amp;", "\\.", "\\'", '\\"', "\\,", "\\*", "\\`", "\\\\", "](u ", "[a]: ",
    "&am", "&#", "&#112;", "\\;", "\\/", "\\?", "<a", "/u(x) ", "@c.de>", "http://x",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40).map("".join))
def test_edited_text_means_what_its_source_meant(text: str) -> None:
    """Whichever way a block is written (edited source or rendered), CommonMark
    reads the output as it read the input, and the output is a fixed point."""
    try:
        out = citenorm.normalize(text)
    except citenorm.InputError:
        return
    again = citenorm.normalize(out)
    if _meaning(out) != _meaning(text) or again != out:
        # mdformat's own edge cases (`*_*é` is written `*\\_*é`, which reads as
        # text) are set aside: they are the renderer's, not this module's.
        plain = mdformat.text(text)
        assume(_meaning(plain) == _meaning(text))
        assume(mdformat.text(plain) == plain)
    assert _meaning(out) == _meaning(text)
    assert again == out


@pytest.mark.parametrize(
    "text",
    [
        "Text.[^1]\n\n[^1]: The note.\n\n```sh\necho open\n",
        "Text.[^1]\n\n[^1]: The note.\n\n```\nline\n``` words: no closing fence\n",
        "Text.[^1]\n\n[^1]: The note.\n\n```\nline\n    ```\n",  # indented: code
    ],
)
def test_an_open_fence_is_closed_before_the_notes(text: str) -> None:
    """Notes are written after the body; a fence left open would swallow them."""
    out = citenorm.normalize(text)
    assert out.endswith("\n\n[^1]: The note.\n")
    assert _meaning(out).count("<pre>") == 1
    assert "<section" in MarkdownIt("commonmark").use(footnote_plugin).render(out)
    assert citenorm.normalize(out) == out


def test_an_indented_block_after_a_re_indented_list_stays_apart() -> None:
    """`  - item` under `1. Step` is a list of its own; rendered, its items lose their
    indent, and an indented fence after it would join the last item."""
    text = "1. Step\n  - one\n  - two\n\n  ```\n  code\n  ```\n\nA claim.[^1]\n\n[^1]: N.\n"
    out = citenorm.normalize(text)
    assert _meaning(out.split("A claim")[0]) == _meaning(text.split("A claim")[0])
    assert citenorm.normalize(out) == out


def test_a_reference_link_keeps_the_label_its_definition_matches() -> None:
    """A shortcut link's label matches its definition as written: edited in place,
    `[Foo \\. b&#97;r]` became `[Foo . bar]`, a link to nothing on the next build."""
    text = "[Foo \\. b&#97;r]\n\n[foo \\. b&#97;r]: /u\n"
    out = citenorm.normalize(text)
    assert _meaning(out) == _meaning(text)
    assert citenorm.normalize(out) == out
