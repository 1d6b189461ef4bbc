"""Link-check speed on a loopback farm, against the ideal and a naive baseline.

    python -m benchmarks.links_bench                 # 2,000 URLs, 10 hosts, 100 ms, 8 per host
    python -m benchmarks.links_bench --urls 200      # smaller

The ideal is unique URLs / (hosts x per-host limit) x latency.  The baseline is
what most code does: one `httpx.AsyncClient` (default pool) and `asyncio.gather`
over every URL.  The cached re-run is `check_links` again with a warm cache.
Prints a table and writes JSON (`--json FILE`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from benchmarks.farm import farm
from citenorm._model import Numbering
from citenorm._parse import make_parser
from citenorm._pipeline import process
from citenorm._read import decode
from citenorm.links import AddressPolicy, CheckOptions, LinkOptions, check_links
from citenorm.links._engine import Engine


async def _naive(urls: list[str], timeout: float) -> tuple[float, Counter[str]]:
    outcomes: Counter[str] = Counter()
    started = time.perf_counter()
    async with httpx.AsyncClient(timeout=timeout, trust_env=False) as client:

        async def one(url: str) -> None:
            try:
                response = await client.head(url)
                outcomes[str(response.status_code)] += 1
            except httpx.HTTPError as error:
                outcomes[type(error).__name__] += 1

        await asyncio.gather(*(one(url) for url in urls))
    return time.perf_counter() - started, outcomes


def run(
    urls: int = 2000, hosts: int = 10, latency: float = 0.1, per_host: int = 8
) -> dict[str, Any]:
    """Run every measurement once; returns the numbers."""
    ideal = urls / (hosts * per_host) * latency
    options = CheckOptions(
        per_host=per_host, retries=0, timeout=60, policy=AddressPolicy(allow_private=True)
    )
    results: dict[str, Any] = {
        "urls": urls,
        "hosts": hosts,
        "latency_s": latency,
        "per_host": per_host,
        "ideal_s": ideal,
    }
    with farm(hosts, latency) as (bases, most):
        targets = [f"{bases[i % hosts]}/page/{i}" for i in range(urls)]
        started = time.perf_counter()
        checked = asyncio.run(Engine(options).check_all(targets))
        results["engine_s"] = time.perf_counter() - started
        results["engine_statuses"] = dict(Counter(r.status for r in checked.values()))

        text = "".join(f"[{i}]({url})\n\n" for i, url in enumerate(targets))
        chapter = process(make_parser(), decode("farm.md", text.encode()), Numbering.RENUMBER)
        with tempfile.TemporaryDirectory() as scratch:
            link_options = LinkOptions(
                engine=options, cache=Path(scratch) / "cache.json", archive_endpoint=None
            )
            started = time.perf_counter()
            check_links([chapter], link_options)
            results["cold_run_s"] = time.perf_counter() - started
            started = time.perf_counter()
            warm = check_links([chapter], link_options)
            results["cached_run_s"] = time.perf_counter() - started
            results["cached_statuses"] = dict(Counter(r.status for r in warm))
    results["most_in_flight_per_host"] = most[0] if most else None
    with farm(hosts, latency) as (bases, _):
        targets = [f"{bases[i % hosts]}/page/{i}" for i in range(urls)]
        naive_s, outcomes = asyncio.run(_naive(targets, timeout=5.0))
        results["naive_gather_s"] = naive_s
        results["naive_gather_outcomes"] = dict(outcomes)
    results["engine_vs_ideal"] = results["engine_s"] / ideal
    results["naive_vs_ideal"] = results["naive_gather_s"] / ideal
    results["cold_vs_cached"] = results["cold_run_s"] / results["cached_run_s"]
    return results


def table(results: dict[str, Any]) -> str:
    """The numbers as a Markdown table."""
    rows = [
        ("ideal", results["ideal_s"], 1.0, ""),
        (
            "citenorm engine",
            results["engine_s"],
            results["engine_vs_ideal"],
            str(results["engine_statuses"]),
        ),
        (
            "one AsyncClient + gather",
            results["naive_gather_s"],
            results["naive_vs_ideal"],
            str(results["naive_gather_outcomes"]),
        ),
        (
            "check_links, cold cache",
            results["cold_run_s"],
            results["cold_run_s"] / results["ideal_s"],
            "",
        ),
        (
            "check_links, warm cache",
            results["cached_run_s"],
            results["cached_run_s"] / results["ideal_s"],
            f"{results['cold_vs_cached']:.0f}x faster than cold",
        ),
    ]
    latency_ms = results["latency_s"] * 1000
    lines = [
        f"{results['urls']} URLs, {results['hosts']} hosts, {latency_ms:.0f} ms per answer, "
        f"{results['per_host']} per host "
        f"(most seen at once on one host: {results['most_in_flight_per_host']})",
        "",
        "| run | seconds | x ideal | outcome |",
        "| --- | --: | --: | --- |",
    ]
    lines += [
        f"| {name} | {seconds:.2f} | {ratio:.2f} | {note} |" for name, seconds, ratio, note in rows
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=10)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--per-host", type=int, default=8)
    parser.add_argument("--json", type=Path, help="write the numbers here")
    args = parser.parse_args()
    results = run(args.urls, args.hosts, args.latency, args.per_host)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
