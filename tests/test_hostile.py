"""Hostile and strange input: a one-line error naming the file (exit 2) or a diagnostic
(exit 1), never a traceback; and writes that leave only whole files."""

from __future__ import annotations

import fcntl
import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path, PurePosixPath

import pytest

from citenorm import InputError
from citenorm._read import ChapterFile, discover, read_source
from citenorm.cli import main

Maker = Callable[[Path], Path]


def file_with(data: bytes, name: str = "chapter.md") -> Maker:
    def make(directory: Path) -> Path:
        path = directory / name
        path.write_bytes(data)
        return path

    return make


def symlink_loop(directory: Path) -> Path:
    corpus = directory / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "a.md").write_text("Text.[^1]\n\n[^1]: Note.\n", encoding="utf-8")
    (corpus / "sub" / "loop").symlink_to(corpus, target_is_directory=True)
    return corpus


def big(directory: Path) -> Path:
    path = directory / "big.md"
    with path.open("wb") as stream:
        stream.truncate(50_000_000)  # sparse: 50 MB of NULs cost no disk
    return path


NOTES = "".join(f"Claim {i}.[^{i}] " for i in range(10_000)) + "\n\n"
NOTES += "\n\n".join(f"[^{i}]: Note {i}." for i in range(10_000)) + "\n"

# (name, how to make the input, expected exit code, text expected on stderr)
CASES: list[tuple[str, Maker, int, str]] = [
    ("empty file", file_with(b""), 0, ""),
    ("binary file", file_with(bytes(range(256)) * 4), 2, "binary file"),
    ("NUL bytes", file_with(b"Text\x00more\n"), 2, "binary file"),
    ("not UTF-8 nor cp1252", file_with(b"Caf\x81\x8d\x8f\n"), 2, "not UTF-8"),
    ("a 50 MB chapter", big, 2, "chapters over 10 MB are refused"),
    ("a 100,000-character line", file_with(b"word " * 20_000 + b"[^1]\n\n[^1]: n\n"), 0, ""),
    ("10,000 notes", file_with(NOTES.encode()), 0, ""),
    ("deep blockquotes", file_with(b">" * 5000 + b" deep\n"), 2, "nested more than"),
    (
        "deep lists",
        file_with("".join("  " * i + "- x\n" for i in range(400)).encode()),
        2,
        "nested more than",
    ),
    ("unclosed HTML", file_with(b'Text<sup><a href="#fn1">1\n\nMore.\n'), 0, ""),
    ("marker in code", file_with(b"`[^1]` and\n\n    [^1]: code\n"), 0, ""),
    (
        "labels with spaces, Unicode, ]",
        file_with("A[^a b] B[^ü] C[^x]y]\n\n[^ü]: u\n".encode()),
        1,
        "missing-definition",
    ),
    ("a definition citing itself", file_with(b"A.[^1]\n\n[^1]: See also [^1].\n"), 0, ""),
    ("a symlink loop", symlink_loop, 0, ""),
    ("a path that does not exist", lambda d: d / "missing.md", 2, "no such file or directory"),
]


@pytest.mark.parametrize(("name", "make", "code", "expected"), CASES, ids=[c[0] for c in CASES])
def test_hostile_input(name: str, make: Maker, code: int, expected: str, tmp_path: Path) -> None:
    source = make(tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "citenorm",
            "build",
            str(source),
            "-o",
            str(tmp_path / "out"),
            "-q",
            "--no-bib",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert expected in result.stderr
    if code == 2:
        assert len(result.stderr.strip().splitlines()) == 1
        assert source.name in result.stderr


def test_two_chapters_with_the_same_labels(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / f"{name}.md").write_text(
            f"{name}.[^1]\n\n[^1]: {name} note.\n", encoding="utf-8"
        )
    assert main(["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q", "--no-bib"]) == 0
    assert (tmp_path / "out/b.md").read_text(encoding="utf-8") == "b.[^1]\n\n[^1]: b note.\n"


def test_an_unwritable_output_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Permissions do not stop root (CI runs as root), so the output lies under a file.
    (tmp_path / "a.md").write_text("Text.\n", encoding="utf-8")
    (tmp_path / "blocker").write_text("a file, not a directory", encoding="utf-8")
    out = tmp_path / "blocker" / "out"
    assert main(["build", str(tmp_path / "a.md"), "-o", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "blocker" in err


def test_a_failure_midway_leaves_only_whole_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a", "b", "c", "d"):
        (corpus / f"{name}.md").write_text(
            f"{name} text.[^x]\n\n[^x]: {name} note.\n", encoding="utf-8"
        )
    out = tmp_path / "out"
    (out / "c.md").mkdir(parents=True)  # the third output cannot be written
    assert main(["build", str(corpus), "-o", str(out), "-q", "--no-bib"]) == 2
    assert "c.md" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["a.md", "b.md", "c.md"]
    assert (out / "a.md").read_text(encoding="utf-8") == "a text.[^1]\n\n[^1]: a note.\n"
    assert (out / "b.md").read_text(encoding="utf-8") == "b text.[^1]\n\n[^1]: b note.\n"
    assert not any(".citenorm-tmp" in p.name for p in out.rglob("*"))


def test_build_never_writes_outside_its_output(tmp_path: Path) -> None:
    from citenorm import Corpus, InputError, plan_build
    from citenorm._model import Chapter
    from citenorm._read import decode

    chapter = Chapter(decode("x.md", b""), "", (), (), relative_path="../escape.md")
    with pytest.raises(InputError, match="outside"):
        plan_build(Corpus([chapter]), tmp_path / "out")


def test_sources_are_never_modified_by_build(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    data = b"Text.[^x]\r\n\r\n[^x]: Note &amp; more.\r\n"
    source.write_bytes(data)
    main(["build", str(source), "-o", str(tmp_path / "out"), "-q", "--no-bib"])
    assert source.read_bytes() == data


def _normalize(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "citenorm", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )


def _corpus_with(tmp_path: Path, bad: Callable[[Path], object]) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a", "m"):
        (corpus / f"{name}.md").write_text(f"{name} text.[^1]\n\n[^1]: {name} note.\n")
    bad(corpus)
    return corpus


def _fifo(corpus: Path) -> None:
    os.mkfifo(corpus / "zz.md")


BAD_FILES: list[tuple[str, Callable[[Path], object], str, str]] = [
    ("binary", lambda c: (c / "b.md").write_bytes(bytes(range(256))), "b.md", "binary file"),
    ("undecodable", lambda c: (c / "b.md").write_bytes(b"\x81\x8d\x8f"), "b.md", "not UTF-8"),
    ("too deep", lambda c: (c / "b.md").write_bytes(b">" * 500 + b" x\n"), "b.md", "nested"),
    ("too large", lambda c: (c / "b.md").write_bytes(b"x" * 1_100_000), "b.md", "over 1 MB"),
    ("a link out", lambda c: (c / "z.md").symlink_to(c.parent / "secret.md"), "z.md", "outside"),
]


@pytest.mark.parametrize(
    ("name", "bad", "file", "reason"), BAD_FILES, ids=[b[0] for b in BAD_FILES]
)
def test_one_bad_file_stops_nothing(
    name: str, bad: Callable[[Path], object], file: str, reason: str, tmp_path: Path
) -> None:
    (tmp_path / "secret.md").write_text("SECRET outside the corpus.\n")
    corpus = _corpus_with(tmp_path, bad)
    out = tmp_path / "out"
    result = _normalize(
        "build", str(corpus), "-o", str(out), "-q", "--no-bib", "--max-chapter-size", "1"
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert f"{file}:1:1: unreadable" in line
    assert reason in line
    assert (out / "a.md").read_text() == "a text.[^1]\n\n[^1]: a note.\n"
    assert (out / "m.md").read_text() == "m text.[^1]\n\n[^1]: m note.\n"
    assert not (out / file).exists()
    assert "SECRET" not in (out / "corpus.json").read_text()


@pytest.mark.parametrize(
    "special",
    [_fifo, lambda c: (c / "z.md").symlink_to("/dev/zero")],
    ids=["a FIFO", "a link to /dev/zero"],
)
def test_a_folder_walk_skips_what_is_no_regular_file_without_reading_it(
    special: Callable[[Path], object], tmp_path: Path
) -> None:
    corpus = _corpus_with(tmp_path, special)
    out = tmp_path / "out"
    result = _normalize("build", str(corpus), "-o", str(out), "-q", "--no-bib", timeout=60)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.glob("*.md")) == ["a.md", "m.md"]


def test_a_fifo_named_directly_is_one_error_line_and_the_rest_is_written(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "zz.md")
    (tmp_path / "a.md").write_text("a text.[^1]\n\n[^1]: a note.\n")
    out = tmp_path / "out"
    result = _normalize(
        "build", str(tmp_path / "zz.md"), str(tmp_path / "a.md"), "-o", str(out), "-q", "--no-bib"
    )
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "zz.md:1:1: unreadable not a regular file" in line
    assert (out / "a.md").read_text() == "a text.[^1]\n\n[^1]: a note.\n"


def test_export_prints_the_readable_chapters_and_an_error_for_the_rest(tmp_path: Path) -> None:
    corpus = _corpus_with(tmp_path, lambda c: (c / "b.md").write_bytes(b"\x00"))
    result = _normalize("export", str(corpus), "-q", "--no-bib")
    assert result.returncode == 2
    document = json.loads(result.stdout)
    assert [Path(c["path"]).name for c in document["chapters"]] == ["a.md", "m.md"]
    [error] = [d for d in document["diagnostics"] if d["severity"] == "error"]
    assert error["code"] == "unreadable"
    assert Path(error["path"]).name == "b.md"


def test_the_size_limit_counts_the_bytes_read(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"0123456789")
    assert read_source(ChapterFile(str(path), PurePosixPath("a.md")), 10).text == "0123456789"
    with pytest.raises(InputError, match="over"):
        read_source(ChapterFile(str(path), PurePosixPath("a.md")), 9)


def test_a_device_named_directly_is_not_read() -> None:
    with pytest.raises(InputError, match="not a regular file"):
        read_source(ChapterFile("/dev/zero", PurePosixPath("zero")), 10)


def test_a_symlink_inside_the_corpus_is_read(tmp_path: Path) -> None:
    (tmp_path / "real.md").write_text("Real.\n")
    (tmp_path / "link.md").symlink_to(tmp_path / "real.md")
    assert [f.refused for f in discover([str(tmp_path)])] == ["", ""]


def test_in_place_keeps_modes_symlinks_and_hard_links(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    messy = "Text.[^x]\n\n[^x]:   Note &amp; more.\n"
    clean = "Text.[^1]\n\n[^1]: Note & more.\n"
    for name in ("mode", "target", "hard"):
        (corpus / f"{name}.md").write_text(messy)
    (corpus / "mode.md").chmod(0o640)
    (corpus / "sub").mkdir()
    (corpus / "sub" / "link.md").symlink_to(corpus / "target.md")
    (tmp_path / "other-name.md").hardlink_to(corpus / "hard.md")
    assert main(["build", str(corpus), "--in-place", "-q", "--no-bib"]) == 0
    assert stat.S_IMODE((corpus / "mode.md").stat().st_mode) == 0o640
    assert (corpus / "sub" / "link.md").is_symlink()
    assert (corpus / "target.md").read_text() == clean
    assert (tmp_path / "other-name.md").read_text() == clean
    assert (corpus / "hard.md").stat().st_ino == (tmp_path / "other-name.md").stat().st_ino


def test_a_temporary_file_left_by_a_killed_run_is_removed(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Text.[^x]\n\n[^x]: Note.\n")
    stale = tmp_path / ".a.md.citenorm-tmp"
    stale.write_text("half a chapter from a run that was killed, and more")
    assert main(["build", str(tmp_path / "a.md"), "--in-place", "-q", "--no-bib"]) == 0
    assert not stale.exists()
    assert (tmp_path / "a.md").read_text() == "Text.[^1]\n\n[^1]: Note.\n"


def test_a_file_being_written_by_another_run_is_not_mixed_into(tmp_path: Path) -> None:
    from citenorm._io import temporary_path, write_atomic

    target = tmp_path / "a.md"
    target.write_text("old\n")
    with temporary_path(target).open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(OSError, match="another run"):
            write_atomic(target, "new\n")
    assert target.read_text() == "old\n"
    write_atomic(target, "new\n")
    assert target.read_text() == "new\n"
    assert not temporary_path(target).exists()


def test_a_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    from citenorm._io import write_atomic

    write_atomic(tmp_path / "new.md", "x\n")
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o666 & ~umask


def test_links_checks_the_readable_chapters_and_names_the_unreadable(tmp_path: Path) -> None:
    (tmp_path / "secret.md").write_text("[x](#secret-anchor)\n")
    corpus = _corpus_with(tmp_path, lambda c: (c / "b.md").write_bytes(b"\x00"))
    (corpus / "z.md").symlink_to(tmp_path / "secret.md")
    (corpus / "a.md").write_text("# Top\n\n[see](#top)\n")
    result = _normalize("links", str(corpus), "--no-cache", "-q")
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert any("b.md:1:1: unreadable binary file" in line for line in lines)
    assert any("z.md:1:1: unreadable is a symlink" in line for line in lines)
    assert "secret-anchor" not in result.stdout
    assert "#top" in result.stdout


def test_an_unreadable_file_in_a_parallel_build(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for index in range(17):
        (corpus / f"c{index:02d}.md").write_text(f"c{index} text.[^1]\n\n[^1]: note.\n")
    (corpus / "bad.md").write_bytes(b"\x00\x01")
    out = tmp_path / "out"
    result = _normalize("build", str(corpus), "-o", str(out), "-q", "--no-bib", "-j", "2")
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "bad.md:1:1: unreadable binary file" in line
    assert len(list(out.glob("c*.md"))) == 17
