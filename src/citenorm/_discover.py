"""Finding chapter files: which files a folder argument stands for.

As ruff and lychee do, a folder walk skips hidden folders, `node_modules`,
whatever `.gitignore` ignores (inside a git work tree, asked of git itself),
the folders in `skip` (a build's own output folder) and paths matching an
`exclude` glob.  A file named on the command line is always taken.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from fnmatch import translate
from pathlib import Path, PurePosixPath

from ._errors import InputError

CHAPTER_SUFFIXES = (".md", ".markdown")
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})
"""Folders no corpus lives in, skipped wherever they are (hidden folders are too)."""
_GIT_TIMEOUT = 30.0


@dataclass(frozen=True)
class ChapterFile:
    """A chapter file as the user reached it.

    `path` is the file's path built from the command-line argument (so it
    opens from the current directory), `relative` its path below the directory
    argument it was found under, or its file name when named directly.
    `refused` says why the file is not read, when it is found but may not be
    (a symlink out of its folder, an unreadable folder): it is reported, not read.
    """

    path: str
    relative: PurePosixPath
    refused: str = ""


@dataclass(frozen=True)
class Rules:
    """What a folder walk leaves out.

    `exclude` are globs matched against each path below the folder argument, against
    each of its parent folders, and against its file name (`drafts`, `*.draft.md`,
    `part1/notes.md`); `gitignore` asks git which files it ignores; `skip` are
    folders never entered (resolved paths).
    """

    exclude: tuple[str, ...] = ()
    gitignore: bool = True
    skip: tuple[Path, ...] = ()

    def excluded(self, relative: PurePosixPath) -> bool:
        """Whether a path below the folder argument matches an exclude glob."""
        if not self.exclude:
            return False
        pattern = _globs(self.exclude)
        parts = relative.parts
        candidates = [relative.name, *("/".join(parts[: i + 1]) for i in range(len(parts)))]
        candidates += parts[:-1]
        return any(pattern.fullmatch(candidate) for candidate in candidates)


@functools.lru_cache(maxsize=64)
def _globs(globs: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{translate(glob.rstrip('/'))})" for glob in globs))


def discover(arguments: Sequence[str], rules: Rules | None = None) -> list[ChapterFile]:
    """Expand files and directories into chapter files, in a stable order.

    A directory contributes every regular `.md`/`.markdown` file below it that
    `rules` keep (symlinked folders are not followed; FIFOs and devices are
    not chapters); a file is taken as is.
    """
    rules = rules or Rules()
    found: list[ChapterFile] = []
    for argument in arguments:
        root = Path(argument)
        if root.is_dir():
            found.extend(_walk(argument, rules))
        elif root.exists():
            # Reading refuses what is not a regular file, as this file's own error.
            found.append(ChapterFile(argument, PurePosixPath(root.name)))
        else:
            raise InputError(argument, "no such file or directory")
    return found


def _walk(argument: str, rules: Rules) -> Iterator[ChapterFile]:
    root = Path(argument)
    skip = set(rules.skip)
    ignored = _git_ignored(root) if rules.gitignore else _Ignored()
    inside = root.resolve()
    errors: list[OSError] = []
    for directory, subdirs, files in os.walk(root, onerror=errors.append):
        here = Path(directory)
        kept = []
        for name in sorted(subdirs):
            relative = PurePosixPath((here / name).relative_to(root).as_posix())
            if (
                name.startswith(".")
                or name in SKIPPED_FOLDERS
                or rules.excluded(relative)
                or ignored.folder(relative)
                or (skip and (here / name).resolve() in skip)
            ):
                continue
            kept.append(name)
        subdirs[:] = kept
        for name in sorted(files):
            if not name.lower().endswith(CHAPTER_SUFFIXES):
                continue
            path = here / name
            if not path.is_file():  # a FIFO, socket or device (or a link to one): no chapter
                continue
            relative = PurePosixPath(path.relative_to(root).as_posix())
            if rules.excluded(relative) or ignored.file(relative):
                continue
            yield ChapterFile(str(path), relative, _outside(path, inside))
    for error in errors:
        path = Path(str(error.filename))
        relative = PurePosixPath(path.relative_to(root).as_posix() if path != root else path.name)
        yield ChapterFile(str(path), relative, f"cannot be read ({error.strerror or error})")


def _outside(path: Path, root: Path) -> str:
    """Why a symlinked chapter is refused: it points out of the folder it was found in."""
    if not path.is_symlink():
        return ""
    target = path.resolve()
    if root in target.parents:
        return ""
    return f"is a symlink to {target}, outside {root}; not read"


@dataclass(frozen=True)
class _Ignored:
    """What git ignores below a folder: files, and folders (with all below them)."""

    files: frozenset[str] = frozenset()
    folders: frozenset[str] = frozenset()

    def folder(self, relative: PurePosixPath) -> bool:
        return relative.as_posix() in self.folders

    def file(self, relative: PurePosixPath) -> bool:
        return relative.as_posix() in self.files


def _git_ignored(root: Path) -> _Ignored:
    """Ask git what it ignores below `root`; nothing outside a work tree or without git.

    Tracked files are never ignored (as in git); a folder named on the command
    line that git ignores is read all the same, as it was asked for.
    """
    try:
        listed = subprocess.run(
            [
                *("git", "-C", str(root), "ls-files", "-z", "--others", "--ignored"),
                *("--exclude-standard", "--directory"),
            ],
            capture_output=True,
            timeout=_GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return _Ignored()
    if listed.returncode != 0:  # not a work tree (or no git)
        return _Ignored()
    entries = set(_names(listed.stdout.split(b"\0")))
    if "./" in entries:  # the folder itself is ignored
        return _Ignored()
    folders = frozenset(e.rstrip("/") for e in entries if e.endswith("/"))
    return _Ignored(frozenset(e for e in entries if not e.endswith("/")), folders)


def _names(entries: Iterable[bytes]) -> Iterator[str]:
    for entry in entries:
        if entry:
            yield os.fsdecode(entry)
