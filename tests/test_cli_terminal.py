"""The command on a terminal and in pipes: Ctrl-C, closed pipes, colour, progress, help."""

from __future__ import annotations

import argparse
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from citenorm import cli
from citenorm._parallel import SERIAL_BELOW
from citenorm.cli import main

MESSY = "Text.[^x]\n\n[^x]: Note.\n\nDangling.[^gone]\n"
ENV = {**os.environ, "PYTHONWARNINGS": "ignore"}
ENV.pop("NO_COLOR", None)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


SLOW_LOAD = """
import sys, time
import citenorm.cli as cli
real = cli.load
def slow(*args, **kwargs):
    print("loading", file=sys.stderr, flush=True)
    time.sleep(60)
    return real(*args, **kwargs)
cli.load = slow
sys.exit(cli.main(sys.argv[1:]))
"""


def test_sigint_during_a_build_exits_130_with_one_line_and_no_outputs(tmp_path: Path) -> None:
    for n in range(3):
        write(tmp_path / f"corpus/{n}.md", MESSY)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_LOAD, "build", str(tmp_path / "corpus"), "-o", str(out)],
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    assert process.stderr is not None
    assert process.stderr.readline() == "loading\n"
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert err.splitlines() == ["normalize: interrupted; nothing more written"]
    assert not out.exists()


@pytest.mark.parametrize(("jobs", "chapters"), [("1", 4), ("2", SERIAL_BELOW + 4)])
def test_an_interrupt_after_chapters_were_staged_leaves_no_output(
    jobs: str,
    chapters: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A build stages each chapter once it is processed (with workers, while they
    process the rest); Ctrl-C before the end still leaves nothing: no chapter, no
    temporary, not even the output folder."""
    for n in range(chapters):
        write(tmp_path / f"corpus/part/{n}.md", MESSY)
    staged = []

    def stage_then_stop(*args: object) -> None:
        cli_stage(*args)  # type: ignore[arg-type]
        staged.append(1)
        if len(staged) == 2:
            raise KeyboardInterrupt

    cli_stage = cli.stage_chapter
    monkeypatch.setattr(cli, "stage_chapter", stage_then_stop)
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "corpus"), "-o", str(out), "-q", "-j", jobs]) == 130
    assert capsys.readouterr().err == "normalize: interrupted; nothing more written\n"
    assert len(staged) == 2
    assert not out.exists()


def _children(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_sigint_to_a_parallel_build_ends_it(tmp_path: Path) -> None:
    """Ctrl-C ends the run however soon it comes: one that came while the pool was
    still starting its workers used to leave them, and the run, waiting forever."""
    chapter = "Some text.[^x] " * 200 + "\n\n[^x]: A note.\n"
    for n in range(480):  # enough work that the signal lands before the build ends
        write(tmp_path / f"corpus/{n:03}.md", chapter)
    out = tmp_path / "out"
    interrupted = 0
    for delay in (0.0, 0.0, 0.0, 0.002, 0.01, 0.05):
        process = subprocess.Popen(
            [sys.executable, "-m", "citenorm", "build", str(tmp_path / "corpus"), "-o", str(out)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
        )
        deadline = time.monotonic() + 30
        while not _children(process.pid) and process.poll() is None:
            assert time.monotonic() < deadline, "no worker started"
            time.sleep(0.0005)
        time.sleep(delay)
        process.send_signal(signal.SIGINT)  # the workers are starting or running
        try:
            _, err = process.communicate(timeout=60)  # a loaded machine may need the time
        except subprocess.TimeoutExpired:
            for child in _children(process.pid):
                os.kill(int(child), signal.SIGKILL)
            process.kill()
            process.communicate()
            pytest.fail(f"the build did not end after SIGINT ({delay} s after its workers)")
        if process.returncode != 130:  # finished before the signal: nothing to test
            continue
        interrupted += 1
        assert "Traceback" not in err
        assert err.strip().splitlines() == ["normalize: interrupted; nothing more written"]
        assert not out.exists()
    if not interrupted:
        pytest.skip("every build finished before the interrupt")


def test_writes_finish_before_an_interrupt_takes_effect() -> None:
    written = []

    def write_all() -> None:
        with cli._interrupts_deferred():
            os.kill(os.getpid(), signal.SIGINT)
            written.append("all")

    with pytest.raises(KeyboardInterrupt):
        write_all()
    assert written == ["all"]


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    for n in range(3):
        write(tmp_path / f"corpus/{n}.md", MESSY)
    process = subprocess.Popen(
        [sys.executable, "-m", "citenorm", "check", str(tmp_path / "corpus"), "--diff", "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    assert process.stdout is not None
    process.stdout.close()  # as `| head -0` does
    _, err = process.communicate(timeout=180)  # a loaded machine may need the whole read
    assert process.returncode == cli.EXIT_PIPE
    assert err == b""


def run_on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run the CLI with stdout and stderr on a pseudo-terminal; what it showed there."""
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "citenorm", *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    shown = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 1.0)
        if not ready:
            if process.poll() is not None:
                break
            continue
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the command ended
            break
        if not chunk:
            break
        shown += chunk
    process.wait(timeout=30)
    os.close(leader)
    return shown.decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_colour_and_progress_on_a_terminal_only(tmp_path: Path) -> None:
    chapter = write(tmp_path / "corpus/a.md", MESSY)
    write(tmp_path / "corpus/b.md", MESSY)
    red_code = "\x1b[1;31mmissing-definition"
    shown = run_on_a_terminal(["build", str(chapter.parent), "-o", str(tmp_path / "out")], ENV)
    assert red_code in shown
    assert "\x1b[?25l" in shown  # rich hid the cursor: a live progress display ran
    plain = run_on_a_terminal(["check", str(chapter)], {**ENV, "NO_COLOR": "1"})
    assert "missing-definition" in plain
    assert red_code not in plain
    quiet = run_on_a_terminal(["check", str(chapter), "-q", "--format", "json"], ENV)
    assert "\x1b" not in quiet


def test_no_colour_and_no_progress_when_not_a_terminal(tmp_path: Path) -> None:
    chapter = write(tmp_path / "a.md", MESSY)
    result = subprocess.run(
        [sys.executable, "-m", "citenorm", "build", str(chapter), "-o", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
        timeout=60,
    )
    assert result.returncode == 1
    assert "\x1b" not in result.stderr + result.stdout
    assert result.stderr.splitlines()[-1].startswith("citenorm: 1 chapter(s)")


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = cli._parser()
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


@pytest.mark.parametrize("name", ["build", "check", "export", "bib", "links"])
def test_every_option_has_help(name: str) -> None:
    command = subcommands()[name]
    assert command.description
    for action in command._actions:
        assert action.help, (name, action.dest)
        assert action.help != argparse.SUPPRESS, (name, action.dest)


def test_links_takes_only_its_own_options(capsys: pytest.CaptureFixture[str]) -> None:
    options = {o for a in subcommands()["links"]._actions for o in a.option_strings}
    assert not {"--numbering", "--bib", "--no-bib", "--citations"} & options
    assert {"--offline", "--exclude", "--format", "--corpus", "--config"} <= options


def test_links_does_not_read_the_bibliography(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "bib/references.bib", "@book{broken,\n  title = {unclosed\n")
    write(tmp_path / "corpus/a.md", "See [b](b.md).\n")
    write(tmp_path / "corpus/b.md", "# B\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "corpus", "-q"]) == 2  # the broken bibliography stops what uses it
    assert main(["links", "corpus", "--offline", "-q"]) == 0


def test_links_reports_given_files_with_the_whole_corpus_for_anchors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "corpus/a.md", "[ok](b.md#real) and [bad](b.md#nope).\n")
    write(tmp_path / "corpus/b.md", "# Real\n\n[also bad](a.md#missing)\n")
    monkeypatch.chdir(tmp_path)
    args = ["links", "--offline", "--no-cache", "-q", "--format", "json"]
    assert main([*args, "--corpus", "corpus", "corpus/a.md"]) == 1
    import json

    links = {r["url"]: r["status"] for r in json.loads(capsys.readouterr().out)["links"]}
    assert links == {"corpus/b.md#real": "ok", "corpus/b.md#nope": "broken"}


@pytest.mark.parametrize("jobs", [1, 2])
def test_load_reports_progress_once_per_chapter(tmp_path: Path, jobs: int) -> None:
    import citenorm

    for n in range(20):
        write(tmp_path / f"{n:02}.md", MESSY)
    steps: list[int] = []
    corpus = citenorm.load([str(tmp_path)], jobs=jobs, progress=lambda: steps.append(1))
    assert len(steps) == len(corpus.chapters) == 20
