"""The benchmark code runs (at a tiny size; no timing is asserted here)."""

from __future__ import annotations

from benchmarks.links_bench import run, table


def test_links_benchmark_runs_at_a_tiny_size() -> None:
    results = run(urls=24, hosts=2, latency=0.01, per_host=3)
    assert results["engine_statuses"] == {"ok": 24}
    assert results["cached_statuses"] == {"ok": 24}
    assert results["most_in_flight_per_host"] <= 3
    assert "citenorm engine" in table(results)
