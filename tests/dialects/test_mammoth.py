"""The mammoth dialect: `<sup><sup id="…footnote-ref-N"><a href="#…footnote-N">[L]</a>…`."""

from __future__ import annotations

import pytest

from citenorm.dialects import mammoth
from tests.dialects.helpers import Outcome, chapter_of, normal, outcome


def anchor(note_id: int, label: str, prefix: str = "281255367986520-", outer: bool = True) -> str:
    inner = (
        f'<sup id="{prefix}footnote-ref-{note_id}">'
        f'<a href="#{prefix}footnote-{note_id}">[{label}]</a></sup>'
    )
    return f"<sup>{inner}</sup>" if outer else inner


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"A.{anchor(42, '43')}\n\n[^43]: Note.\n", Outcome(1, 1, (), ())),
        (f"A.{anchor(1, '1', prefix='')}\n\n[^1]: Note.\n", Outcome(1, 1, (), ())),
        (f"A.{anchor(1, '2', outer=False)}\n\n[^2]: Note.\n", Outcome(1, 1, (), ())),
        (f"A.{anchor(1, '2')}\n", Outcome(1, 0, (), ("<sup><sup",))),
        (f"| a | b{anchor(3, '4')} |\n| - | - |\n\n[^4]: N.\n", Outcome(1, 1, (), ())),
    ],
)
def test_counts(text: str, expected: Outcome) -> None:
    assert outcome(text) == expected


def test_detect() -> None:
    assert mammoth.detect(anchor(1, "1"))
    assert not mammoth.detect("<sup>1</sup>")


def test_visible_label_is_the_key_and_markup_goes() -> None:
    out = normal(f"**_Bold claim.{anchor(42, '43')}_**\n\n[^43]: The note.\n")
    assert out == "**_Bold claim.[^1]_**\n\n[^1]: The note.\n"
    [note] = chapter_of(f"Claim.{anchor(42, '43')}\n\n[^43]: The note.\n").notes
    assert (note.source_label, note.markers[0].column) == ("43", 7)


def test_unresolved_anchor_stays_as_written() -> None:
    text = f"Claim.{anchor(1, '2')}\n"
    assert normal(text) == text


def test_inconsistent_offsets_are_reported() -> None:
    text = f"A.{anchor(1, '2')} B.{anchor(2, '5')}\n\n[^2]: x\n\n[^5]: y\n"
    codes = [d.code for d in chapter_of(text).diagnostics]
    assert codes == ["mammoth-offset"]


def test_other_sup_is_left_alone() -> None:
    text = "E = mc<sup>2</sup>\n"
    assert normal(text) == text
