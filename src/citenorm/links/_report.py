"""Link reports: text, JSON, GitHub workflow commands, JUnit XML, Markdown."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from xml.etree import ElementTree

from ..emit.diagnostics import escape_data, escape_property
from ._model import FAILING, STATUSES, LinkResult, Place

FORMATS = ("text", "json", "github", "junit", "markdown")


def summary(results: Sequence[LinkResult]) -> dict[str, int]:
    """Count per status, every status present (zero included), in report order."""
    counts = Counter(result.status for result in results)
    return {status: counts.get(status, 0) for status in STATUSES}


def render(results: Sequence[LinkResult], form: str) -> str:
    """The report in one of `FORMATS`."""
    return {"text": text, "json": to_json, "github": github, "junit": junit, "markdown": markdown}[
        form
    ](results)


def _detail(result: LinkResult) -> str:
    """Why a link has its status, in words: "HTTP 404", "connection refused", "timed out…"."""
    parts = [result.message]
    if result.http_status and f"HTTP {result.http_status}" not in result.message:
        parts.insert(0, f"HTTP {result.http_status}")
    if result.final_url and result.status == "redirected":
        parts.append(f"now at {result.final_url}")
    if result.archived:
        parts.append(f"archived copy: {result.archived}")
    return "; ".join(p for p in parts if p)


def _place(place: Place) -> str:
    return f"{place.path}:{place.line}:{place.column}"


def text(results: Sequence[LinkResult]) -> str:
    """Grouped by status, failures first, each URL with its citing places."""
    lines: list[str] = []
    for status in STATUSES:
        group = [r for r in results if r.status == status]
        if not group:
            continue
        lines.append(f"{status} ({len(group)})")
        for result in group:
            detail = _detail(result)
            lines.append(f"  {result.url}" + (f"  [{detail}]" if detail else ""))
            lines.extend(f"    {_place(place)}" for place in result.sources)
    counts = ", ".join(f"{n} {s}" for s, n in summary(results).items() if n)
    lines.append(f"{len(results)} link target(s): {counts or 'none'}")
    return "\n".join(lines) + "\n"


def to_json(results: Sequence[LinkResult]) -> str:
    """`{"links": [...], "summary": {status: count}}`."""
    document = {
        "links": [
            {
                "url": r.url,
                "status": r.status,
                "http_status": r.http_status,
                "final_url": r.final_url,
                "archived": r.archived,
                "message": r.message,
                "sources": [
                    {"path": p.path, "line": p.line, "column": p.column} for p in r.sources
                ],
            }
            for r in results
        ],
        "summary": summary(results),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def github(results: Sequence[LinkResult]) -> str:
    """Workflow commands: `::error` for failures, `::warning` for redirects and rate limits."""
    lines: list[str] = []
    for result in results:
        if result.status in FAILING:
            level = "error"
        elif result.status in ("redirected", "rate-limited"):
            level = "warning"
        else:
            continue
        message = escape_data(
            f"{result.status}: {result.url}" + (f" ({_detail(result)})" if _detail(result) else "")
        )
        for place in result.sources:
            properties = (
                f"file={escape_property(place.path)},line={place.line},col={place.column},"
                f"title={escape_property('link ' + result.status)}"
            )
            lines.append(f"::{level} {properties}::{message}")
    return "\n".join(lines) + ("\n" if lines else "")


def junit(results: Sequence[LinkResult]) -> str:
    """One testcase per URL; failures as `<failure>`, unchecked and excluded as `<skipped>`."""
    failures = sum(r.status in FAILING for r in results)
    skipped = sum(r.status in ("unchecked", "excluded") for r in results)
    suite = ElementTree.Element(
        "testsuite",
        name="citenorm links",
        tests=str(len(results)),
        failures=str(failures),
        skipped=str(skipped),
        errors="0",
    )
    for result in results:
        source = result.sources[0] if result.sources else None
        case = ElementTree.SubElement(
            suite,
            "testcase",
            name=result.url,
            classname=source.path if source else "links",
            file=source.path if source else "",
            line=str(source.line) if source else "0",
        )
        if result.status in FAILING:
            failure = ElementTree.SubElement(
                case, "failure", message=f"{result.status}: {_detail(result)}"
            )
            failure.text = "\n".join(_place(p) for p in result.sources)
        elif result.status in ("unchecked", "excluded"):
            ElementTree.SubElement(case, "skipped", message=result.message)
    ElementTree.indent(suite)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        + ElementTree.tostring(suite, encoding="unicode")
        + "\n"
    )


def markdown(results: Sequence[LinkResult]) -> str:
    """A summary table and the links that need attention, fit for a CI step summary.

    Every piece of text from the corpus (URLs, file names, reasons) is escaped,
    so `<file with spaces.md>` shows as written instead of becoming an HTML tag.
    """
    counts = summary(results)
    lines = ["## Link check", "", "| status | links |", "| --- | --: |"]
    lines += [f"| {status} | {count} |" for status, count in counts.items() if count]
    attention = [r for r in results if r.status not in ("ok", "excluded", "unchecked")]
    if attention:
        lines += ["", "| status | link | cited at | details |", "| --- | --- | --- | --- |"]
        for r in attention:
            places = "<br>".join(_md_text(_place(p)) for p in r.sources)
            lines.append(f"| {r.status} | {_md_link(r.url)} | {places} | {_md_text(_detail(r))} |")
    return "\n".join(lines) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~!$])")
_MD_AUTOLINK = re.compile(r"https?://[^\x00-\x20\x7f<>|\\`]+", re.IGNORECASE)


def _md_text(value: str) -> str:
    """Literal text in a GFM table cell: what could start markup or split the cell escaped."""
    value = "".join(c if c.isprintable() else " " for c in value)
    return _MD_SPECIAL.sub(r"\\\1", value)


def _md_link(url: str) -> str:
    """A clickable autolink when the URL is a plain http(s) one, escaped text otherwise."""
    return f"<{url}>" if _MD_AUTOLINK.fullmatch(url) else _md_text(url)
