"""Report formats: exact GitHub workflow-command syntax, JUnit that parses, JSON shape."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree

from citenorm.links import LinkResult, Place, render

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
