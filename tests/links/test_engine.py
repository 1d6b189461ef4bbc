"""The link checker against a real HTTP server on 127.0.0.1 (and one on 127.0.0.2).

No test sends anything to a non-loopback address.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import time
from collections.abc import Iterator
from dataclasses import replace
from html import unescape
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from citenorm.cli import main
from citenorm.links import AddressPolicy, CheckOptions, LinkOptions, check_links
from citenorm.links._engine import Engine, _host_key, _parse
from tests.dialects.helpers import chapter_of
from tests.links.server import LoopbackServer, serve

ROUTES = {
    "/ok": "ok",
    "/head-405": "ok",
    "/404": "broken",
    "/410": "broken",
    "/500": "broken",
    "/301": "redirected",
    "/302": "ok",
    "/loop-a": "broken",
    "/flaky-503": "ok",
    "/flaky-429": "ok",
    "/always-429": "rate-limited",
    "/slow": "timeout",
    "/huge": "ok",
    "/to-blocked": "blocked",
}


@pytest.fixture
def servers() -> Iterator[tuple[LoopbackServer, LoopbackServer]]:
    with (
        serve("127.0.0.2") as blocked,
        serve("127.0.0.1", redirect_target=f"{blocked.base}/secret") as server,
    ):
        yield server, blocked


def options(server: LoopbackServer, tmp_path: Path, **engine: object) -> LinkOptions:
    settings: dict[str, object] = {
        "timeout": 0.5,
        "retries": 1,
        "backoff": 0.01,
        "retry_after_cap": 2.0,
        "policy": AddressPolicy.build(allow_private=True, block=["127.0.0.2/32"]),
    }
    settings.update(engine)
    return LinkOptions(
        engine=CheckOptions(**settings),  # type: ignore[arg-type]
        cache=tmp_path / "cache.json",
        archive_endpoint=f"{server.base}/wayback/available",
    )


def chapter_linking(server: LoopbackServer, paths: list[str]) -> str:
    return "".join(f"See [{p}]({server.base}{p}).\n\n" for p in paths)


def test_every_status(servers: tuple[LoopbackServer, LoopbackServer], tmp_path: Path) -> None:
    server, blocked = servers
    chapter = chapter_of(chapter_linking(server, list(ROUTES)))
    results = {
        r.url.removeprefix(server.base): r
        for r in check_links([chapter], options(server, tmp_path))
    }
    assert {path: r.status for path, r in results.items()} == ROUTES
    assert results["/301"].final_url == f"{server.base}/ok-after-redirect"
    assert results["/404"].http_status == 404
    assert results["/404"].archived == f"http://web.archive.invalid/2019/{server.base}/404"
    assert results["/ok"].archived is None
    assert blocked.stats.requests["/secret"] == 0
    assert "127.0.0.2" in results["/to-blocked"].message
    assert server.stats.huge_bytes < 64 * 1024 * 1024
    first, second = server.stats.times["/flaky-503"]
    assert second - first >= 0.9, "Retry-After: 1 was not honoured"
    assert results["/ok"].sources[0].line == 1


def test_second_run_with_the_cache_sends_nothing_for_ok_urls(
    servers: tuple[LoopbackServer, LoopbackServer], tmp_path: Path
) -> None:
    server, _ = servers
    paths = ["/ok", "/head-405", "/302", "/404"]
    chapter = chapter_of(chapter_linking(server, paths))
    check_links([chapter], options(server, tmp_path))
    before = dict(server.stats.requests)
    results = check_links([chapter], options(server, tmp_path))
    after = dict(server.stats.requests)
    for path in ["/ok", "/head-405", "/302"]:
        assert after[path] == before[path], path
    assert after["/404"] > before["/404"], "failures must never be served from the cache"
    assert [r.status for r in results] == ["ok", "ok", "ok", "broken"]
    cache = json.loads((tmp_path / "cache.json").read_text(encoding="utf-8"))
    assert set(cache["entries"]) == {f"{server.base}{p}" for p in ["/ok", "/head-405", "/302"]}


def test_per_host_limit_is_never_exceeded(
    servers: tuple[LoopbackServer, LoopbackServer], tmp_path: Path
) -> None:
    server, _ = servers
    server.delay = 0.1
    chapter = chapter_of(chapter_linking(server, [f"/ok-{i}" for i in range(24)]))
    results = check_links([chapter], options(server, tmp_path, per_host=3))
    assert {r.status for r in results} == {"ok"}
    assert server.stats.most_in_flight == 3


def test_default_policy_blocks_loopback_without_sending(
    servers: tuple[LoopbackServer, LoopbackServer], tmp_path: Path
) -> None:
    server, _ = servers
    chapter = chapter_of(chapter_linking(server, ["/ok"]))
    default = LinkOptions(engine=CheckOptions(timeout=0.5), cache=None, archive_endpoint=None)
    [result] = check_links([chapter], default)
    assert result.status == "blocked"
    assert server.stats.requests["/ok"] == 0


@pytest.mark.parametrize("address", ["169.254.169.254", "[fe80::1]"])
def test_link_local_is_blocked_even_when_private_is_allowed(address: str, tmp_path: Path) -> None:
    chapter = chapter_of(f"[meta](http://{address}/latest/meta-data/)\n")
    policy = AddressPolicy.build(allow_private=True, block=[])
    opts = LinkOptions(engine=CheckOptions(policy=policy), cache=None, archive_endpoint=None)
    [result] = check_links([chapter], opts)
    assert result.status == "blocked"


def test_excluded_and_other_schemes_are_not_fetched(
    servers: tuple[LoopbackServer, LoopbackServer], tmp_path: Path
) -> None:
    server, _ = servers
    text = chapter_linking(server, ["/ok"]) + "[mail](mailto:a@b.org) [call](tel:+15550100)\n"
    opts = options(server, tmp_path)
    opts = LinkOptions(engine=opts.engine, cache=None, archive_endpoint=None, exclude=("/ok$",))
    results = {r.url: r.status for r in check_links([chapter_of(text)], opts)}
    assert results == {
        f"{server.base}/ok": "excluded",
        "mailto:a@b.org": "unchecked",
        "tel:+15550100": "unchecked",
    }
    assert server.stats.requests["/ok"] == 0


def test_cli_exit_codes_and_formats(
    servers: tuple[LoopbackServer, LoopbackServer],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server, _ = servers
    monkeypatch.chdir(tmp_path)
    good = tmp_path / "good.md"
    good.write_text(chapter_linking(server, ["/ok", "/302"]), encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_text(chapter_linking(server, ["/404"]), encoding="utf-8")
    common = ["--allow-private", "--no-cache", "--no-archive", "--timeout", "2", "-q"]
    assert main(["links", str(good), *common]) == 0
    capsys.readouterr()
    assert main(["links", str(bad), *common, "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["summary"]["broken"] == 1
    assert document["links"][0]["sources"] == [{"path": str(bad), "line": 1, "column": 12}]
    assert main(["links", str(bad), *common, "--accept", "200..299,404"]) == 0
    assert main(["links", str(good), "--timeout", "2", "-q", "--no-cache", "--strict"]) == 1
    assert main(["links", str(good), *common, "--block", "not-a-network"]) == 2


def test_config_file_is_read(
    servers: tuple[LoopbackServer, LoopbackServer],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server, _ = servers
    monkeypatch.chdir(tmp_path)
    (tmp_path / "citenorm.toml").write_text(
        '[links]\nallow_private = true\ncache = false\narchive = false\nformat = "json"\n'
        'exclude = ["/404$"]\n',
        encoding="utf-8",
    )
    chapter = tmp_path / "c.md"
    chapter.write_text(chapter_linking(server, ["/ok", "/404"]), encoding="utf-8")
    assert main(["links", str(chapter), "-q"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["summary"]["ok"] == 1
    assert document["summary"]["excluded"] == 1


def test_deadline_turns_unfinished_checks_into_timeouts(
    servers: tuple[LoopbackServer, LoopbackServer], tmp_path: Path
) -> None:
    server, _ = servers
    chapter = chapter_of(chapter_linking(server, ["/slow"]))
    started = time.monotonic()
    [result] = check_links([chapter], options(server, tmp_path, timeout=10, deadline=0.5))
    assert result.status == "timeout"
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("kind", ["directory", "other-json", "unwritable"])
def test_a_bad_cache_is_a_warning_and_the_report_is_still_printed(
    servers: tuple[LoopbackServer, LoopbackServer],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    kind: str,
) -> None:
    server, _ = servers
    monkeypatch.chdir(tmp_path)
    cache = tmp_path / "cache.json"
    if kind == "directory":
        cache.mkdir()
    elif kind == "other-json":
        cache.write_text('{"name": "not a cache"}', encoding="utf-8")
    else:
        (tmp_path / "file").write_text("x", encoding="utf-8")
        cache = tmp_path / "file" / "cache.json"
    chapter = tmp_path / "c.md"
    chapter.write_text(chapter_linking(server, ["/ok", "/404"]), encoding="utf-8")
    flags = ["--allow-private", "--no-archive", "--timeout", "2", "--format", "json"]
    assert main(["links", str(chapter), *flags, "--cache", str(cache)]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["summary"]["broken"] == 1
    assert f"warning: {cache}" in captured.err
    assert "Traceback" not in captured.err


def test_timeout_bounds_the_whole_request_and_a_run_without_deadline_ends(
    servers: tuple[LoopbackServer, LoopbackServer], tmp_path: Path
) -> None:
    """A server trickling one header byte at a time cannot hold a link past the timeout."""
    server, _ = servers
    chapter = chapter_of(chapter_linking(server, ["/trickle", "/ok"]))
    started = time.monotonic()
    results = check_links([chapter], options(server, tmp_path, timeout=0.5, retries=1))
    elapsed = time.monotonic() - started
    assert [(r.status, r.message) for r in results] == [
        ("timeout", "timed out after 0.5 s"),
        ("ok", ""),
    ]
    assert elapsed < 10, "no deadline was given, yet the run must end"
    assert server.stats.requests["/trickle"] == 2  # the first attempt and one retry


def test_invalid_urls_are_each_one_broken_link(
    servers: tuple[LoopbackServer, LoopbackServer],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Bad URLs, in the text or in a Location header, break that link, not the run or worker."""
    server, blocked = servers
    oks = [f"/ok-{i}" for i in range(6)]
    text = "See http://[127.0.0.2/x for details.\n\n" + chapter_linking(
        server, ["/backslash-location", "/control-location", *oks]
    )
    chapter = chapter_of(text)
    results = {r.url: r for r in check_links([chapter], options(server, tmp_path, per_host=1))}
    assert results["http://[127.0.0.2/x"].status == "broken"
    assert "invalid URL" in results["http://[127.0.0.2/x"].message
    for path in ["/backslash-location", "/control-location"]:
        result = results[f"{server.base}{path}"]
        assert result.status == "broken"
        assert "redirects to a URL that cannot be used" in result.message
        assert server.stats.requests[path] == 1, "an unusable Location is not retried"
    assert [results[f"{server.base}{p}"].status for p in oks] == ["ok"] * len(oks)
    assert blocked.stats.requests == {}
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.md").write_text(text, encoding="utf-8")
    flags = ["--allow-private", "--no-cache", "--no-archive", "--timeout", "2", "--retries", "0"]
    assert main(["links", "c.md", *flags, "-q", "--format", "json"]) == 1
    assert "invalid URL" in capsys.readouterr().out


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/a\x01b",
        "http://127.0.0.1:9/a\x7fb",
        "http://127.0.0.1:99999/",
        "http://[::1/",
        "http:\\\\127.0.0.1/",
        "http://user@/",
    ],
)
def test_the_engine_reports_an_unsendable_url_as_broken(url: str) -> None:
    policy = AddressPolicy.build(allow_private=True, block=[])
    engine = Engine(CheckOptions(timeout=0.5, retries=0, policy=policy))
    results = asyncio.run(engine.check_all([url]))
    assert results[url].status == "broken"
    assert results[url].message.startswith("invalid URL"), results[url].message


def test_retry_after_is_capped_per_url(
    servers: tuple[LoopbackServer, LoopbackServer], tmp_path: Path
) -> None:
    """A server asking for an hour gets no wait; waits add up to at most the cap per URL."""
    server, _ = servers
    paths = ["/retry-after-hour", "/retry-after-date", "/always-503"]
    chapter = chapter_of(chapter_linking(server, paths))
    opts = options(server, tmp_path, retries=10, retry_after_cap=2.5)
    started = time.monotonic()
    results = {r.url.removeprefix(server.base): r for r in check_links([chapter], opts)}
    assert time.monotonic() - started < 10
    assert results["/retry-after-hour"].status == "rate-limited"
    assert "3600 s" in results["/retry-after-hour"].message
    assert "2.5 s" in results["/retry-after-hour"].message
    assert server.stats.requests["/retry-after-hour"] == 1
    assert results["/retry-after-date"].status == "broken"
    assert "HTTP 503" in results["/retry-after-date"].message
    assert server.stats.requests["/retry-after-date"] == 1
    assert results["/always-503"].status == "broken"
    assert server.stats.requests["/always-503"] == 3  # two waits of 1 s fit in 2.5 s


def test_archive_lookup_obeys_the_policy_and_the_body_limit(
    servers: tuple[LoopbackServer, LoopbackServer], tmp_path: Path
) -> None:
    server, blocked = servers
    chapter = chapter_of(chapter_linking(server, ["/404"]))
    on_blocked = replace(
        options(server, tmp_path), archive_endpoint=f"{blocked.base}/wayback/available"
    )
    [result] = check_links([chapter], on_blocked)
    assert result.status == "broken"
    assert result.archived is None
    assert blocked.stats.requests == {}
    huge = replace(options(server, tmp_path), archive_endpoint=f"{server.base}/wayback/huge")
    [result] = check_links([chapter], huge)
    assert result.archived is None
    assert server.stats.huge_bytes < 32 * 1024 * 1024


def test_archive_lookup_is_inside_the_deadline(
    servers: tuple[LoopbackServer, LoopbackServer], tmp_path: Path
) -> None:
    server, _ = servers
    chapter = chapter_of(chapter_linking(server, ["/404"]))
    slow = replace(
        options(server, tmp_path, timeout=10, deadline=1.0),
        archive_endpoint=f"{server.base}/trickle",
    )
    started = time.monotonic()
    [result] = check_links([chapter], slow)
    assert result.status == "broken"
    assert time.monotonic() - started < 5


def _closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("form", ["text", "json", "github", "junit", "markdown"])
def test_every_report_format_says_why_through_the_cli(
    servers: tuple[LoopbackServer, LoopbackServer],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    form: str,
) -> None:
    server, _ = servers
    monkeypatch.chdir(tmp_path)
    chapter = tmp_path / "a chapter.md"
    chapter.write_text(
        chapter_linking(server, ["/404", "/500"])
        + f"[gone](http://127.0.0.1:{_closed_port()}/)\n\n[missing](<file with spaces.md>)\n",
        encoding="utf-8",
    )
    flags = ["--allow-private", "--no-cache", "--no-archive", "--retries", "0", "-q"]
    assert main(["links", chapter.name, *flags, "--timeout", "2", "--format", form]) == 1
    report = capsys.readouterr().out
    for reason in ("HTTP 404", "HTTP 500", "connection refused", "file with spaces.md"):
        assert reason in report, (form, reason)
    if form == "markdown":
        html = MarkdownIt("commonmark").enable("table").render(report)
        assert "<file with spaces.md>" not in html
        assert "file with spaces.md does not exist" in unescape(html)


@given(st.text(max_size=60).map(lambda tail: "http://" + tail))
def test_url_parsing_fails_only_with_the_links_own_error(url: str) -> None:
    """No text makes the engine's parsing raise anything but a ValueError for that link."""
    _host_key(url)
    with contextlib.suppress(ValueError):
        _parse(url)


def test_one_link_has_a_bounded_time_of_requests_in_all(
    servers: tuple[LoopbackServer, LoopbackServer], tmp_path: Path
) -> None:
    """A long chain of slow redirects, each hop in time, still ends: 0.5 x (0 + 2) s in all."""
    server, _ = servers
    chapter = chapter_of(chapter_linking(server, ["/chain/0", "/ok"]))
    opts = options(server, tmp_path, timeout=0.5, retries=0, max_redirects=100)
    started = time.monotonic()
    results = check_links([chapter], opts)
    assert [(r.status, r.message) for r in results] == [
        ("timeout", "no answer in 1 s of requests in all"),
        ("ok", ""),
    ]
    assert time.monotonic() - started < 10
    hops = sum(n for path, n in server.stats.requests.items() if path.startswith("/chain/"))
    assert 2 <= hops <= 10
