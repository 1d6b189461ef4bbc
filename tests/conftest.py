"""Shared fixtures: the repository root, the sample corpus, the golden-file switch."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from citenorm._parse import make_parser

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/expected/* from the current output",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def md() -> MarkdownIt:
    return make_parser()
