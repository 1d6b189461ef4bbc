"""Diagnostics as reports: text, JSON, GitHub workflow commands, SARIF 2.1.0, JUnit XML.

`check` and `build` print their findings in one of these, so CI can annotate
a pull request (github), feed code scanning (sarif) or a test dashboard (junit).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import PurePath
from urllib.parse import quote
from xml.etree import ElementTree

from .._model import Diagnostic

FORMATS = ("text", "json", "github", "sarif", "junit")
HELP_URI = "https://github.com/citenorm/citenorm#command-line"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def render(diagnostics: Sequence[Diagnostic], form: str) -> str:
    """The diagnostics in one of `FORMATS` (each ends with a newline unless empty text)."""
    return REPORTS[form](diagnostics)


def text(diagnostics: Sequence[Diagnostic]) -> str:
    """One `path:line:col: code message` line each."""
    return "".join(d.format() + "\n" for d in diagnostics)


def to_json(diagnostics: Sequence[Diagnostic]) -> str:
    """`{"diagnostics": [...], "summary": {severity: count}}`."""
    document = {
        "diagnostics": [
            {
                "severity": d.severity,
                "code": d.code,
                "path": d.path,
                "line": d.line,
                "column": d.column,
                "message": d.message,
            }
            for d in diagnostics
        ],
        "summary": {
            severity: sum(d.severity == severity for d in diagnostics)
            for severity in ("error", "warning", "info")
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def escape_data(value: str) -> str:
    """A GitHub workflow command's message, escaped as the runner reads it."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A GitHub workflow command's property value (file=, title=…), escaped."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(diagnostics: Sequence[Diagnostic]) -> str:
    """`::error file=…,line=…,col=…,title=CODE::message` (warning, notice for the others)."""
    return "".join(
        f"::{_GITHUB_LEVELS[d.severity]} file={escape_property(d.path)},line={d.line},"
        f"col={d.column},title={escape_property(d.code)}::{escape_data(d.message)}\n"
        for d in diagnostics
    )


def sarif(diagnostics: Sequence[Diagnostic]) -> str:
    """A SARIF 2.1.0 log: one run, one rule per diagnostic code, one result per diagnostic."""
    from .. import __version__  # here, not at import: the package imports its parts first

    codes = sorted({d.code for d in diagnostics})
    index = {code: i for i, code in enumerate(codes)}
    severity = {d.code: d.severity for d in diagnostics}
    rules = [
        {
            "id": code,
            "name": code,
            "shortDescription": {"text": code.replace("-", " ")},
            "helpUri": HELP_URI,
            "defaultConfiguration": {"level": _SARIF_LEVELS[severity[code]]},
        }
        for code in codes
    ]
    results = [
        {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _SARIF_LEVELS[d.severity],
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(d.path)},
                        "region": {"startLine": max(d.line, 1), "startColumn": max(d.column, 1)},
                    }
                }
            ],
        }
        for d in diagnostics
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "citenorm",
                        "version": __version__,
                        "informationUri": HELP_URI,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _uri(path: str) -> str:
    """A SARIF artifact URI: relative paths as they are (repository-relative), else file://."""
    posix = PurePath(path)
    return posix.as_uri() if posix.is_absolute() else quote(posix.as_posix())


def junit(diagnostics: Sequence[Diagnostic]) -> str:
    """One testcase per diagnostic; errors are `<failure>`s, the others pass with their text."""
    failures = sum(d.severity == "error" for d in diagnostics)
    suite = ElementTree.Element(
        "testsuite",
        name="citenorm",
        tests=str(len(diagnostics)),
        failures=str(failures),
        errors="0",
        skipped="0",
    )
    for d in diagnostics:
        case = ElementTree.SubElement(
            suite,
            "testcase",
            name=f"{d.code} {d.path}:{d.line}:{d.column}",
            classname=d.path,
            file=d.path,
            line=str(d.line),
        )
        if d.severity == "error":
            failure = ElementTree.SubElement(case, "failure", message=d.message, type=d.code)
            failure.text = d.format()
        else:
            ElementTree.SubElement(case, "system-out").text = f"{d.severity}: {d.format()}"
    ElementTree.indent(suite)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        + ElementTree.tostring(suite, encoding="unicode")
        + "\n"
    )


REPORTS: dict[str, Callable[[Sequence[Diagnostic]], str]] = {
    "text": text,
    "json": to_json,
    "github": github,
    "sarif": sarif,
    "junit": junit,
}
"""Every diagnostics report, by the name `--format` takes."""
