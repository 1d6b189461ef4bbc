"""The benchmark code runs (at a tiny size; no timing is asserted here)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.links_bench import run, table


def test_links_benchmark_runs_at_a_tiny_size() -> None:
    results = run(urls=24, hosts=2, latency=0.01, per_host=3)
    assert results["engine_statuses"] == {"ok": 24}
    assert results["cached_statuses"] == {"ok": 24}
    assert results["most_in_flight_per_host"] <= 3
    assert "citenorm engine" in table(results)


def test_build_benchmark_runs_at_a_tiny_size() -> None:
    from benchmarks.build_bench import measure
    from benchmarks.build_bench import table as build_table

    result = measure(20, peers=False)
    assert result["chapters"] == 20
    assert result["citenorm_peak_bytes"] > 0
    assert "| 20 |" in build_table([result])


def test_generator_is_deterministic(tmp_path: Path) -> None:
    from benchmarks.generate import generate

    first = [p.read_bytes() for p in generate(tmp_path / "a", 12, seed=3)]
    second = [p.read_bytes() for p in generate(tmp_path / "b", 12, seed=3)]
    assert first == second
    assert {b.count(b"[^") > 0 or b"ftn" in b or b"footnote-ref" in b for b in first} == {True}


def test_growth_benchmark_runs_at_a_tiny_size() -> None:
    from benchmarks.growth_bench import measure
    from benchmarks.growth_bench import table as growth_table

    results = measure(max_repeat=1_000, max_mb=0, patterns=["[^"])
    [row] = results["patterns"]["[^"]
    assert row["repeat"] == 1_000
    assert row["peak_rss_bytes"] > 0
    assert "| `[^` | 1,000 |" in growth_table(results)


def test_refs_benchmark_runs_at_a_tiny_size() -> None:
    from benchmarks.refs_bench import measure
    from benchmarks.refs_bench import table as refs_table

    result = measure(5)
    assert result["strings"] == 5
    assert "references.crfsuite" in result["model_bytes"]
    assert "per reference" in refs_table(result)
