"""Chapter shapes that once cost time quadratic in their size, or an exception.

Each runs in a child process with a deadline, so a regression fails instead of
hanging the suite; speed itself is measured in the benchmarks.
"""

from __future__ import annotations

import pytest

import citenorm
from tests.deadline import run_in_child

_RUNNER = """
import sys, citenorm
from citenorm._normal_form import changes
from citenorm._model import Chapter
from citenorm._read import decode
text = sys.stdin.read()
out = citenorm.normalize(text)
changes(Chapter(decode("x.md", b""), "", (), ()), text, out)
print("done")
"""

SHAPES = {
    "every paragraph changed": "".join(f"P &amp; x {i}.\n\n" for i in range(6000)),
    "a long tight list to render": "".join(f"- item {i} &amp; x\n" for i in range(8000)),
    "long front matter title": "---\ntitle: a" + " " * 50_000 + "b\n---\n\nText.\n",
    "many unused link definitions": "".join(f"[d{i}]: /x{i}\n" for i in range(5000)),
    "dollars that open no math": "costs $a " * 50_000 + "\n",
    "dollars that close no math": "x$ y " * 50_000 + "$z\n",
    "shortcodes that never close": "a[ref]b[mfn]c " * 30_000 + "[/efn_note]\n",
    "TeX environments that never end": "\\begin{align} x " * 30_000 + "\n",
}


@pytest.mark.parametrize("text", list(SHAPES.values()), ids=list(SHAPES))
def test_shape_finishes(text: str) -> None:
    result = run_in_child(_RUNNER, text)
    assert result.stdout.strip() == "done", result.stderr[-2000:]


def test_a_chapter_holding_the_slot_characters_keeps_them() -> None:
    private = "".join(chr(code) for code in range(0xE100, 0xE200))
    text = f"{private} text.[^1] \ue100\ue1000\ue101\n\n[^1]: Note.\n"
    out = citenorm.normalize(text)
    assert out.startswith(f"{private} text.[^1] \ue100\ue1000\ue101\n")
    assert citenorm.normalize(out) == out
