"""Property tests: generated chapters that mix note styles, labels, repeated citations,
unreferenced and missing definitions, ragged tables, entities, escapes, and lists and
code inside notes.  For every one: nothing raises, every definition's text is in the
output exactly once, every marker is resolved or reported, a rebuild changes no byte,
markdown-it and pandoc see as many note references as the export reports, and the
text outside the notes is unchanged.

CI runs a fixed number of examples with a fixed seed; a longer run on demand:
`CITENORM_PROPERTY_PROFILE=long .venv/bin/python -m pytest tests/test_properties.py`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

import citenorm
from tests.dialects.helpers import chapter_of

RENDERER = MarkdownIt("commonmark").enable("table").use(footnote_plugin)
STYLES = ("markdown", "pseudo", "mammoth", "inline", "missing")


@dataclass(frozen=True)
class Generated:
    text: str
    markers: int
    definitions: list[str]
    body_words: list[str]
    cell_words: list[str]


@st.composite
def chapters(draw: st.DrawFn) -> Generated:
    count = draw(st.integers(min_value=0, max_value=6))
    labels = [draw(st.sampled_from(["", "n", "note", "ref"])) + str(i + 1) for i in range(count)]
    styles = [draw(st.sampled_from(STYLES)) for _ in labels]
    if any(s == "mammoth" for s in styles):
        labels = [str(i + 1) for i in range(count)]
    words = iter(f"bodyword{i}z" for i in range(1000))
    body_words: list[str] = []
    paragraphs: list[str] = []
    markers = 0
    definitions: list[str] = []
    for index in range(draw(st.integers(min_value=1, max_value=4))):
        parts = []
        for _ in range(draw(st.integers(min_value=1, max_value=4))):
            word = next(words)
            body_words.append(word)
            decoration = draw(
                st.sampled_from(["", " &amp; co", " in 2010\\.", " it&#039;s", " *so*"])
            )
            parts.append(word + decoration)
            if labels and draw(st.booleans()):
                n = draw(st.integers(min_value=0, max_value=count - 1))
                style = styles[n]
                if style == "mammoth":
                    parts[-1] += (
                        f'<sup><sup id="p-footnote-ref-{n}"><a href="#p-footnote-{n}">'
                        f"[{labels[n]}]</a></sup></sup>"
                    )
                elif style == "inline":
                    text = f"inlinetext{index}x{len(parts)}"
                    definitions.append(text)
                    parts[-1] += f"^[{text}]"
                else:
                    parts[-1] += f"[^{labels[n]}]"
                markers += 1
        paragraphs.append(" ".join(parts) + ".")
    cell_words: list[str] = []
    if draw(st.booleans()):
        cell = next(words)
        cell_words.append(cell)
        paragraphs.append(f"| head |\n| --- |\n| key | {cell} |")
    markdown_defs, pseudo_defs = [], []
    for label, style in zip(labels, styles, strict=True):
        text = f"deftext{label}"
        if style in ("markdown", "mammoth"):
            definitions.append(text)
            extra = draw(
                st.sampled_from(
                    [
                        "",
                        "\n\n    More of it.",
                        "\n\n    - one\n    - two",
                        "\n\n    ```\n    code\n    ```",
                    ]
                )
            )
            markdown_defs.append(f"[^{label}]: {text}{extra}")
        elif style == "pseudo":
            definitions.append(text)
            pseudo_defs.append(f"[^{label}] {text}")
    blocks = paragraphs + markdown_defs
    if pseudo_defs:
        blocks.append("<hr>\n" + "\n\n".join(pseudo_defs))
    return Generated("\n\n".join(blocks) + "\n", markers, definitions, body_words, cell_words)


def visible(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


@given(chapters())
def test_nothing_is_lost_and_the_output_is_a_fixed_point(generated: Generated) -> None:
    chapter = chapter_of(generated.text)
    out = citenorm.normalize(generated.text)
    for text in generated.definitions:
        assert out.count(text) == 1, (text, out)
    resolved = sum(len(note.markers) for note in chapter.notes)
    missing = sum(d.code == "missing-definition" for d in chapter.diagnostics)
    assert resolved + missing == generated.markers
    assert citenorm.normalize(out) == out
    html = RENDERER.render(out)
    assert html.count('class="footnote-ref"') == resolved
    before, after = visible(RENDERER.render(generated.text)), visible(html)
    for word in generated.body_words:
        assert after.count(word) == before.count(word) == 1, word


@settings(max_examples=15)
@given(chapters())
def test_pandoc_sees_every_resolved_marker(generated: Generated) -> None:
    if shutil.which("pandoc") is None:
        return
    chapter = chapter_of(generated.text)
    resolved = sum(len(note.markers) for note in chapter.notes)
    out = citenorm.normalize(generated.text)
    html = subprocess.run(
        ["pandoc", "-f", "markdown", "-t", "html"],
        input=out,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert html.count('class="footnote-ref"') == resolved
