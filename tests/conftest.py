"""Shared fixtures: the repository root, the sample corpus, the golden-file switch."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from markdown_it import MarkdownIt

from citenorm._parse import make_parser

# Hypothesis: a fixed, small run in CI; `CITENORM_PROPERTY_PROFILE=long` for a long one.
settings.register_profile(
    "ci",
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("long", max_examples=3000, deadline=None)
settings.load_profile(os.environ.get("CITENORM_PROPERTY_PROFILE", "ci"))

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
