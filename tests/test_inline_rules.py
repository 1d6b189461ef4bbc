"""The linear inline rules parse exactly what markdown-it and the footnote plugin parse."""

from __future__ import annotations

import random
from typing import Any, cast

import pytest
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.footnote.index import footnote_inline as plugin_footnote_inline

from citenorm._inline_rules import Helpers, is_superscript
from citenorm._parse import MAX_NESTING, make_parser


def _parse_link_label(state: StateInline, start: int, disable_nested: bool = False) -> int:
    """markdown-it's own `parseLinkLabel` (quadratic), with citenorm's one change: a
    note marker in a link's text is no nested link."""
    old_pos = state.pos
    state.pos = start + 1
    level = 1
    while state.pos < state.posMax:
        marker = state.src[state.pos]
        if marker == "]":
            level -= 1
            if level == 0:
                end = state.pos
                state.pos = old_pos
                return end
        previous = state.pos
        state.md.inline.skipToken(state)
        if marker == "[":
            if previous == state.pos - 1:
                level += 1
            elif disable_nested and not state.src.startswith("[^", previous):
                state.pos = old_pos
                return -1
    state.pos = old_pos
    return -1


def _inline_note_unless_superscript(state: StateInline, silent: bool) -> bool:
    """The footnote plugin's own `footnote_inline`, but `^[1]^` is a pandoc superscript."""
    if state.src.startswith("^[", state.pos):
        end = _parse_link_label(state, state.pos + 1)
        if end >= 0 and is_superscript(state.src, state.pos, end):
            return False
    return bool(plugin_footnote_inline(state, silent))


def _reference_parser() -> MarkdownIt:
    """markdown-it and its footnote plugin as they are, but for citenorm's two changes:
    a marker in a link's text, and `^[1]^`."""
    md = MarkdownIt("commonmark", {"store_labels": True, "maxNesting": MAX_NESTING})
    md.enable("table")
    md.use(footnote_plugin, move_to_end=False, always_match_refs=True)
    md.helpers = cast(Any, Helpers(md.helpers, _parse_link_label))
    md.inline.ruler.at("footnote_inline", _inline_note_unless_superscript)
    return md


def _shape(md: MarkdownIt, text: str) -> list[object]:
    return [
        (t.type, t.content, [(c.type, c.content, c.meta) for c in t.children or []])
        for t in md.parse(text, {})
    ]


CASES = [
    "[^1] and [^note] and [^a b] and [^]",
    "^[inline [nested] note] and ^[unclosed",
    "[a [b] c](u) [x [y](v) z](w) [[[]]]",
    "[^" * 50,
    "^[" * 50,
    "[" * 150 + "]" * 150 + "(u)",
    "[a](<b>) ![i [j] k](u) [^1]: not a def here",
    "[x]\n\n[x]: /u\n",
    "[the report[^1]](u) and [a [^2] [b](v)](w)",
    "Debugger^[1]^ docs and ^[a note]^ and ^[x]",
    "Text.^[1](#fn:1){.footnote-ref}^ more ^[a] b^ c ^[note1]test^[note2]",
]


@pytest.mark.parametrize("text", CASES)
def test_same_tokens_as_markdown_it(text: str) -> None:
    assert _shape(make_parser(), text) == _shape(_reference_parser(), text)


def test_same_tokens_on_random_bracket_soup() -> None:
    ours, reference = make_parser(), _reference_parser()
    pieces = ["[", "[", "]", "^", "[^", "^[", "(", ")", "a", " ", "\n", "`", "*", "[^1]", "](u)"]
    generator = random.Random(13)
    for _ in range(400):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(1, 120)))
        assert _shape(ours, text) == _shape(reference, text), text


@pytest.mark.parametrize(
    ("text", "math"),
    [
        ("The model $p_{\\text{TM}}$ is fixed.", [("$", "p_{\\text{TM}}")]),
        ("$$x^{*} = 1 \\\\\ny_i$$ and $a$", [("$$", "x^{*} = 1 \\\\\ny_i"), ("$", "a")]),
        ("It costs $5 and $10 now.", []),
        ("From $20-$30, or $ 5 $.", []),
        ("An escaped \\$x$ is text.", []),
        ("[$a$](u) and `$b$` and $c", [("$", "a")]),
    ],
)
def test_tex_math_spans(text: str, math: list[tuple[str, str]]) -> None:
    """pandoc's `tex_math_dollars`: a math span is one token, nothing in it is Markdown."""
    [_, inline, _] = make_parser().parse(text)
    found = [(c.markup, c.content) for c in inline.children or [] if c.type == "math_inline"]
    assert found == math
