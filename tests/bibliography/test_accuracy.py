"""Field-level accuracy of the citation parser over real reference strings.

Prints the accuracy per field and overall, and fails under 90 %.  Run
`pytest tests/bibliography/test_accuracy.py -s` to see the table.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Any

from citenorm.bibliography._model import FullCitation, Name
from citenorm.bibliography._parse import parse_note
from tests.bibliography.reference_strings import CASES, HELD_OUT, Case

THRESHOLD = 0.90


def _name(name: Name) -> str:
    return "{" + name.literal + "}" if name.literal else f"{name.family}, {name.given}".strip(", ")


def _normal(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    return value


def parsed_fields(text: str) -> dict[str, Any]:
    full = [s.citation for s in parse_note(text).segments if isinstance(s.citation, FullCitation)]
    if not full:
        return {}
    citation = full[0]
    reference = citation.reference
    csl = reference.to_csl()
    fields: dict[str, Any] = {key: value for key, value in csl.items() if isinstance(value, str)}
    fields["author"] = [_name(name) for name in reference.author]
    fields["year"] = reference.year
    fields["locator"] = citation.locator
    return fields


def measure(cases: list[Case]) -> tuple[float, Counter[str], Counter[str], list[str]]:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses: list[str] = []
    for text, expected in cases:
        got = parsed_fields(text)
        for field, value in expected.items():
            total[field] += 1
            if _normal(got.get(field)) == _normal(value):
                right[field] += 1
            else:
                misses.append(
                    f"{field}: expected {value!r}, got {got.get(field)!r} in {text[:60]!r}"
                )
    return sum(right.values()) / sum(total.values()), right, total, misses


def report(name: str, cases: list[Case]) -> float:
    accuracy, right, total, misses = measure(cases)
    print(f"\n{name}: {len(cases)} reference strings, {sum(total.values())} fields")
    for field in sorted(total):
        print(f"  {field:16} {right[field]:3}/{total[field]:<3} {right[field] / total[field]:6.1%}")
    print(f"  {'overall':16} {sum(right.values()):3}/{sum(total.values()):<3} {accuracy:6.1%}")
    for miss in misses:
        print("  miss:", miss)
    return accuracy


def test_field_level_accuracy() -> None:
    assert len(CASES) >= 40
    assert report("tuning set", CASES) >= THRESHOLD


def test_field_level_accuracy_on_strings_never_tuned_on() -> None:
    assert report("held-out set", HELD_OUT) >= THRESHOLD
