"""The workflow, action and hook files parse, use real steps, and run commands the CLI accepts.

Every `normalize …` command they contain is run here against the sample
corpus, offline (links: `--offline`), and must not be a usage error.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from citenorm.cli import main
from tests.conftest import ROOT

KNOWN_ACTIONS = {
    "actions/checkout@v4",
    "actions/setup-python@v5",
    "actions/cache/restore@v4",
    "actions/cache/save@v4",
    "actions/upload-artifact@v4",
}
FILES = [".github/workflows/link-rot.yml", ".github/workflows/tests.yml", "action.yml"]


def load(name: str) -> Any:
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def steps(document: dict[str, Any]) -> list[dict[str, Any]]:
    if "runs" in document:
        return list(document["runs"]["steps"])
    return [step for job in document["jobs"].values() for step in job["steps"]]


def normalize_commands(document: dict[str, Any]) -> list[list[str]]:
    commands = []
    for step in steps(document):
        for line in str(step.get("run", "")).splitlines():
            line = line.strip()
            if line.startswith("normalize "):
                line = re.split(r"\s+(?:\|\||>>|&&)\s+", line)[0]
                commands.append(shlex.split(line)[1:])
            elif "&& normalize " in line:
                commands.append(shlex.split(line.split("&& normalize ", 1)[1]))
    return commands


@pytest.mark.parametrize("name", FILES)
def test_steps_use_known_actions_and_known_inputs(name: str) -> None:
    document = load(name)
    for step in steps(document):
        if "uses" in step:
            assert step["uses"] in KNOWN_ACTIONS, step["uses"]
        assert "uses" in step or "run" in step
    if name == "action.yml":
        declared = set(document["inputs"])
        text = (ROOT / name).read_text(encoding="utf-8")
        assert set(re.findall(r"inputs\.([\w-]+)", text)) <= declared
        assert all(step.get("shell") == "bash" for step in steps(document) if "run" in step)


def test_the_workflows_trigger_as_documented() -> None:
    link_rot = load(".github/workflows/link-rot.yml")
    triggers = link_rot[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"schedule", "workflow_dispatch", "pull_request"}
    assert triggers["pull_request"]["paths"] == ["corpus/**"]
    assert set(load(".github/workflows/tests.yml")[True]) == {"push", "pull_request"}


def test_pre_commit_hooks() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["normalize-check", "normalize-links-offline"]
    for hook in hooks:
        assert hook["entry"].startswith("normalize ")
        assert hook["language"] == "python"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    return tmp_path


def _offline(arguments: list[str]) -> list[str]:
    values = {
        "$PATHS": "corpus",
        "$ARGS": "",
        "$cache_args": "--no-cache",
        '"$FORMAT"': "github",
        "$FORMAT": "github",
    }
    arguments = [values.get(a, a) for a in arguments if values.get(a, a)]
    if arguments[0] == "links" and "--merge" not in arguments:
        arguments += ["--offline", "--no-cache", "--no-archive"]
    return arguments


@pytest.mark.parametrize("name", FILES)
def test_their_normalize_commands_are_accepted(name: str, project: Path) -> None:
    commands = normalize_commands(load(name))
    assert commands, f"{name} runs no normalize command"
    for arguments in commands:
        assert main(
            [*_offline(arguments), "-q"] if "-q" not in arguments else _offline(arguments)
        ) in (0, 1), arguments


def test_hook_entries_are_accepted(project: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in hooks:
        arguments = [*shlex.split(hook["entry"])[1:], "corpus/4.1-start-the-conversation.md"]
        assert main(arguments) in (0, 1), hook["id"]


def test_links_hook_checks_a_changed_chapter_against_the_unchanged_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (entry,) = [h["entry"] for h in hooks if h["id"] == "normalize-links-offline"]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b.md").write_text("# Real\n", encoding="utf-8")
    changed = tmp_path / "a.md"
    changed.write_text("[fine](b.md#real)\n", encoding="utf-8")
    assert main([*shlex.split(entry)[1:], "a.md"]) == 0
    changed.write_text("[gone](b.md#nope)\n", encoding="utf-8")
    assert main([*shlex.split(entry)[1:], "a.md"]) == 1
