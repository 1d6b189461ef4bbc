"""Reading chapter files: encodings, newlines, front matter, discovery, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from citenorm import InputError
from citenorm._read import decode, discover


@pytest.mark.parametrize(
    ("data", "text", "encoding", "canonical"),
    [
        (b"plain\n", "plain\n", "utf-8", True),
        (b"\xef\xbb\xbfwith BOM\n", "with BOM\n", "utf-8", False),
        (b"crlf\r\nlines\r\n", "crlf\nlines\n", "utf-8", False),
        (b"old mac\rlines\r", "old mac\nlines\n", "utf-8", False),
        (b"\x93curly\x94 \x96 dash\r\n", "\u201ccurly\u201d \u2013 dash\n", "cp1252", False),
        (b"", "", "utf-8", True),
    ],
)
def test_decode(data: bytes, text: str, encoding: str, canonical: bool) -> None:
    source = decode("x.md", data)
    assert (source.text, source.encoding, source.canonical) == (text, encoding, canonical)


def test_cp1252_is_reported() -> None:
    source = decode("x.md", b"caf\xe9\n")
    assert [d.code for d in source.diagnostics] == ["encoding-cp1252"]


def test_front_matter_is_kept_aside_with_its_line_count() -> None:
    source = decode("x.md", b"---\ntitle: T\n---\n# Body\n")
    assert source.front_matter == "---\ntitle: T\n---\n"
    assert source.text == "# Body\n"
    assert source.line_offset == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"abc\x00def", "NUL"),
        (b"\x01\x02\x03\x04\x05\x06 ab", "control characters"),
        (b"\x81\x8d\x8f\x90\x9d", "not UTF-8"),
    ],
)
def test_binary_input_is_rejected(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode("bad.md", data)


def test_discover_orders_files_and_keeps_relative_paths(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ["b/2.md", "a.markdown", "notes.txt", ".hidden/x.md", "b/1.MD"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = discover([str(tmp_path)])
    assert [f.relative.as_posix() for f in found] == ["a.markdown", "b/1.MD", "b/2.md"]
    assert found[0].path == str(tmp_path / "a.markdown")


def test_a_file_argument_is_taken_whatever_its_suffix(tmp_path: Path) -> None:
    (tmp_path / "chapter.txt").write_text("x", encoding="utf-8")
    [found] = discover([str(tmp_path / "chapter.txt")])
    assert found.relative.as_posix() == "chapter.txt"


def test_missing_path_names_the_path() -> None:
    with pytest.raises(InputError, match="no-such-dir: no such file or directory"):
        discover(["no-such-dir"])
