"""A build on every core writes exactly what a one-process build writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from citenorm._parallel import SERIAL_BELOW
from citenorm.cli import main
from tests.conftest import CORPUS


@pytest.mark.parametrize("citations", ["footnotes", "pandoc"])
def test_parallel_and_serial_builds_agree(tmp_path: Path, citations: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for index in range(SERIAL_BELOW + 4):
        source = sorted(CORPUS.glob("*.md"))[index % 2]
        (corpus / f"{index:02d}-{source.name}").write_bytes(source.read_bytes())
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        common = ["build", str(corpus), "-o", str(out), "-q", "--no-bib", "--citations", citations]
        assert main([*common, "-j", jobs]) == 0
        outputs[jobs] = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    assert outputs["1"] == outputs["2"]
    assert len(outputs["2"]) == SERIAL_BELOW + 4 + 3
