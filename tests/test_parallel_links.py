"""Offline link results do not depend on how many workers processed the chapters.

Workers send chapters back as finished data; a fragment check that read anchors
from token trees reported every fragment broken once a corpus had enough chapters
to be processed in parallel (16 or more).  These corpora are above and well above
that threshold, with fragments into the same chapter and into other chapters.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citenorm.cli import main


def _corpus(directory: Path, count: int) -> Path:
    corpus = directory / f"book{count}"
    corpus.mkdir()
    for index in range(1, count + 1):
        other = index % count + 1
        (corpus / f"ch{index:03d}.md").write_text(
            f"# Chapter {index} {{#ch{index:03d}}}\n\n"
            f'<a id="fig{index}"></a>\n\n'
            f"See [here](#ch{index:03d}), [the figure](#fig{index}), "
            f"[the next chapter](ch{other:03d}.md#ch{other:03d}), "
            f"[its slug](ch{other:03d}.md#chapter-{other}) "
            f"and [a missing one](ch{other:03d}.md#nowhere).\n",
            encoding="utf-8",
        )
    return corpus


def _statuses(corpus: Path, jobs: int, report: Path) -> dict[str, str]:
    argv = ["links", str(corpus), "--offline", "--no-cache", "-q", "-j", str(jobs)]
    main([*argv, "--format", "json", "-o", str(report)])
    document = json.loads(report.read_text(encoding="utf-8"))
    return {link["url"]: link["status"] for link in document["links"]}


@pytest.mark.parametrize("count", [20, 120])
def test_offline_link_results_are_the_same_for_every_worker_count(
    tmp_path: Path, count: int
) -> None:
    corpus = _corpus(tmp_path, count)
    runs = {jobs: _statuses(corpus, jobs, tmp_path / f"r{jobs}.json") for jobs in (1, 2, 3)}
    assert runs[1] == runs[2] == runs[3]
    statuses = runs[1]
    assert len(statuses) == 4 * count  # `#chN` and `chN.md#chN` name one target
    broken = sorted(url for url, status in statuses.items() if status != "ok")
    assert len(broken) == count
    assert all(url.endswith("#nowhere") for url in broken)
