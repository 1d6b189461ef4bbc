"""The cyclic collector is paused once, around a chapter's stages (`_pipeline.process`)."""

from __future__ import annotations

import gc

import pytest

from citenorm import _lift, _pipeline
from citenorm._lift import lift
from citenorm._parse import make_parser, parse
from citenorm._read import decode


def test_process_lifts_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []

    def watched(*args: object) -> object:
        seen.append(gc.isenabled())
        return lift(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(_pipeline, "lift", watched)
    _pipeline.process(make_parser(), decode("t.md", b"A.[^1]\n\n[^1]: N.\n"))
    assert seen == [False]
    assert gc.isenabled()


def test_lift_leaves_the_collector_to_its_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(_lift, "report", lambda state: seen.append(gc.isenabled()))
    md = make_parser()
    source = decode("t.md", b"A.[^1]\n\n[^1]: N.\n")
    assert gc.isenabled()
    lift(md, source, parse(md, source))
    assert seen == [True]
