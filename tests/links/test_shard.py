"""Sharding: a partition by host, and --merge reproduces the unsharded report."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from benchmarks.farm import farm
from citenorm.cli import main
from citenorm.links import parse_shard, shard_of
from citenorm.links._collect import collect
from citenorm.links._shard import select
from tests.dialects.helpers import chapter_of


@pytest.mark.parametrize("text", ["0/2", "3/2", "a/b", "1"])
def test_bad_shards(text: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011
        parse_shard(text)


def test_shards_partition_by_host_and_merge_reproduces_the_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with farm(hosts=6, latency=0.0) as (bases, _):
        text = "".join(f"[{i}]({bases[i % 6]}/p/{i})\n\n" for i in range(30)) + "[self](#nowhere)\n"
        chapter = tmp_path / "c.md"
        chapter.write_text(text, encoding="utf-8")
        targets, _ = collect([chapter_of(text)])
        shards = [select(targets, (k, 3)) for k in (1, 2, 3)]
        assert sorted(t.url for s in shards for t in s) == sorted(t.url for t in targets)
        for shard in shards:
            for target in shard:
                host = urlsplit(target.url).hostname
                assert all(
                    shard_of(u.url, 3) == shard_of(target.url, 3)
                    for u in targets
                    if urlsplit(u.url).hostname == host
                )
        common = [
            "links",
            str(chapter),
            "--allow-private",
            "--no-cache",
            "--no-archive",
            "-q",
            "--format",
            "json",
        ]
        assert main([*common, "-o", "whole.json"]) == 1
        for k in (1, 2, 3):
            main([*common, "--shard", f"{k}/3", "-o", f"shard{k}.json"])
    assert (
        main(
            [
                "links",
                "--merge",
                "shard1.json",
                "shard2.json",
                "shard3.json",
                "--format",
                "json",
                "-q",
                "-o",
                "merged.json",
            ]
        )
        == 1
    )
    whole = json.loads((tmp_path / "whole.json").read_text(encoding="utf-8"))
    merged = json.loads((tmp_path / "merged.json").read_text(encoding="utf-8"))
    assert merged == whole
    assert whole["summary"]["ok"] == 30


def test_merge_of_a_bad_report_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    assert main(["links", "--merge", str(bad), "-q"]) == 2
    assert main(["links", "--merge", str(tmp_path / "missing.json"), "-q"]) == 2


@pytest.mark.parametrize("url", ["http://[127.0.0.2/x", "http://[::1/"])
def test_a_url_that_does_not_parse_belongs_to_shard_one(url: str) -> None:
    assert shard_of(url, 4) == 1
