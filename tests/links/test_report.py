"""Report formats: exact GitHub workflow-command syntax, JUnit that parses, JSON shape."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html import unescape
from xml.etree import ElementTree

import pytest
from markdown_it import MarkdownIt

from citenorm.links import FORMATS, LinkResult, Place, render

RESULTS = [
    LinkResult(
        "https://a.example/x",
        "broken",
        404,
        message="HTTP 404",
        archived="https://web.archive.org/x",
        sources=(Place("corpus/a,b.md", 3, 7), Place("corpus/c.md", 9, 1)),
    ),
    LinkResult(
        "https://b.example/y",
        "redirected",
        200,
        "https://b.example/z",
        message="moved permanently",
        sources=(Place("corpus/a.md", 1, 2),),
    ),
    LinkResult("https://c.example/", "ok", 200, sources=(Place("corpus/a.md", 4, 1),)),
    LinkResult(
        "mailto:x@y.org",
        "unchecked",
        message="mailto: links are not fetched",
        sources=(Place("corpus/a.md", 5, 1),),
    ),
]
WORKFLOW_COMMAND = re.compile(
    r"^::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=[^,:]+::[^\r\n]+$"
)


def test_github_annotations_match_the_workflow_command_syntax() -> None:
    lines = render(RESULTS, "github").splitlines()
    assert len(lines) == 3
    for line in lines:
        assert WORKFLOW_COMMAND.match(line), line
    assert lines[0].startswith("::error file=corpus/a%2Cb.md,line=3,col=7,")
    assert lines[2].startswith("::warning file=corpus/a.md,line=1,col=2,")


def test_junit_has_one_testcase_per_url() -> None:
    suite = ElementTree.fromstring(render(RESULTS, "junit").split("\n", 1)[1])
    cases = suite.findall("testcase")
    assert [case.get("name") for case in cases] == [r.url for r in RESULTS]
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("4", "1", "1")
    assert cases[0].find("failure") is not None
    assert cases[3].find("skipped") is not None


def test_json_report() -> None:
    document = json.loads(render(RESULTS, "json"))
    assert document["summary"]["broken"] == 1
    assert document["summary"]["timeout"] == 0
    first = document["links"][0]
    assert set(first) == {
        "url",
        "status",
        "http_status",
        "final_url",
        "archived",
        "message",
        "sources",
    }
    assert first["sources"][1] == {"path": "corpus/c.md", "line": 9, "column": 1}


def test_text_and_markdown_reports() -> None:
    text = render(RESULTS, "text")
    assert text.index("broken (1)") < text.index("ok (1)")
    assert "corpus/c.md:9:1" in text
    assert "archived copy: https://web.archive.org/x" in text
    markdown = render(RESULTS, "markdown")
    assert "| broken | 1 |" in markdown
    assert "now at https://b.example/z" in markdown


REASONS = [
    LinkResult("https://a.example/404", "broken", 404, message="HTTP 404"),
    LinkResult("https://a.example/500", "broken", 500, message="HTTP 500"),
    LinkResult("https://a.example/refused", "broken", message="connection refused"),
    LinkResult("https://a.example/slow", "timeout", message="timed out after 20 s"),
]
REASONS = [replace(r, sources=(Place("a.md", 1, 1),)) for r in REASONS]


@pytest.mark.parametrize("form", FORMATS)
def test_every_format_says_why_a_link_failed(form: str) -> None:
    report = render(REASONS, form)
    for reason in ("HTTP 404", "HTTP 500", "connection refused", "timed out after 20 s"):
        assert reason in report, (form, reason)


def test_junit_failure_message_carries_the_reason() -> None:
    suite = ElementTree.fromstring(render(REASONS, "junit").split("\n", 1)[1])
    messages = [case.find("failure").get("message") for case in suite.findall("testcase")]
    assert messages[0] == "broken: HTTP 404"


def _gfm(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(text)


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("file with spaces.md", "corpus/file with spaces.md"),
        ("<b>bold</b>.md#x", "corpus/<script>.md"),
        ("a|b.md", "corpus/a|b_*c*.md"),
        ("https://x.example/a|b", "corpus/[x](y).md"),
        ("https://x.example/ok", "corpus/`tick`\\.md"),
    ],
)
def test_markdown_report_shows_names_as_written(url: str, path: str) -> None:
    result = LinkResult(
        url, "broken", message="no <em>such</em> file", sources=(Place(path, 2, 3),)
    )
    html = _gfm(render([result], "markdown"))
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL)
    assert all(row.count("<td") == 4 for row in rows[-1:]), html
    cells = re.findall(r"<td>(.*?)</td>", rows[-1], re.DOTALL)
    assert unescape(re.sub(r"<[^>]+>", "", cells[1])) == url
    assert unescape(cells[2]) == f"{path}:2:3"
    assert unescape(cells[3]) == "no <em>such</em> file"
    for tag in ("<script", "<em>", "<b>"):
        assert tag not in html


def test_markdown_report_keeps_plain_urls_clickable() -> None:
    result = LinkResult("https://x.example/p?q=1", "broken", 404, message="HTTP 404")
    assert '<a href="https://x.example/p?q=1">' in _gfm(render([result], "markdown"))
