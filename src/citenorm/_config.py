"""Project settings: `[tool.citenorm]` in pyproject.toml, or a citenorm.toml.

The nearest such file in the folder of the first path or any folder above it
is used (as ruff finds its settings); `--config FILE` names one, `--isolated`
uses none.  Every key is checked: an unknown key or a value of the wrong type
is an `InputError` naming the file and the key, never ignored.  The same value
checks serve the command-line options, so a bad `--per-host 0` and a bad
`per_host = 0` are refused alike.
"""

from __future__ import annotations

import difflib
import ipaddress
import math
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._errors import InputError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PYPROJECT, OWN_FILE = "pyproject.toml", "citenorm.toml"
DIAGNOSTIC_FORMATS = ("text", "json", "github", "sarif", "junit")
LINK_FORMATS = ("text", "json", "github", "junit", "markdown")


class BadValue(ValueError):
    """A setting or option value that cannot be used; the message says what is expected."""


Check = Callable[[Any], Any]


def whole(minimum: int, maximum: int = 1_000_000) -> Check:
    """A check for an integer from `minimum` to `maximum` (TOML, or digits on the command line)."""
    expected = f"a whole number from {minimum} to {maximum}"

    def check(value: Any) -> int:
        if isinstance(value, str):
            try:
                value = int(value.strip())
            except ValueError:
                raise BadValue(f"must be {expected}, not {value!r}") from None
        if isinstance(value, bool) or not isinstance(value, int):
            raise BadValue(f"must be {expected}, not {value!r}")
        if not minimum <= value <= maximum:
            raise BadValue(f"must be {expected}, not {value!r}")
        return value

    return check


def number(*, positive: bool, maximum: float = 1e9) -> Check:
    """A check for a finite number > 0 (`positive`) or ≥ 0, at most `maximum`.

    The bound keeps values within what sockets and timers accept.
    """
    expected = f"{'> 0' if positive else '≥ 0'} and ≤ {maximum:g}"

    def check(value: Any) -> float:
        if isinstance(value, str):
            try:
                value = float(value.strip())
            except ValueError:
                raise BadValue(f"must be a number {expected}, not {value!r}") from None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise BadValue(f"must be a number {expected}, not {value!r}")
        if not math.isfinite(value) or value < 0 or (positive and value == 0) or value > maximum:
            raise BadValue(f"must be a finite number {expected}, not {value!r}")
        return float(value)

    return check


def header_text(value: Any) -> str:
    """A check for text that can go in an HTTP header (no line breaks or control characters)."""
    checked = text(value)
    if any(ord(c) < 32 or ord(c) == 127 for c in checked):
        raise BadValue(f"must not contain control characters: {checked!r}")
    return checked


def choice(*allowed: str) -> Check:
    """A check for one of `allowed`."""

    def check(value: Any) -> str:
        if not isinstance(value, str) or value not in allowed:
            raise BadValue(f"must be one of {', '.join(allowed)}; not {value!r}")
        return value

    return check


def text(value: Any) -> str:
    """A check for a non-empty string."""
    if not isinstance(value, str) or not value:
        raise BadValue(f"must be a non-empty string, not {value!r}")
    return value


def flag(value: Any) -> bool:
    """A check for true or false."""
    if not isinstance(value, bool):
        raise BadValue(f"must be true or false, not {value!r}")
    return value


def path_or_false(value: Any) -> str | bool:
    """A path, or `false` to switch the thing off."""
    if value is False:
        return False
    return text(value)


def regex(value: Any) -> str:
    """A check for a regular expression that compiles."""
    value = checked = text(value)
    try:
        re.compile(value)
    except re.error as error:
        raise BadValue(f"is not a valid regular expression ({error}): {value!r}") from None
    return checked


def glob(value: Any) -> str:
    """A check for a file glob (`drafts`, `*.draft.md`, `part1/**`)."""
    value = checked = text(value)
    if "\0" in value:
        raise BadValue(f"is not a valid glob: {value!r}")
    return checked


def network(value: Any) -> str:
    """A check for an IP network in CIDR form."""
    value = checked = text(value)
    try:
        ipaddress.ip_network(value, strict=False)
    except ValueError:
        raise BadValue(f"is not an IP network like 10.0.0.0/8: {value!r}") from None
    return checked


def url(value: Any) -> str:
    """A check for an http(s) URL."""
    value = checked = text(value)
    if not value.lower().startswith(("http://", "https://")):
        raise BadValue(f"must be an http:// or https:// URL, not {value!r}")
    return checked


def listing(item: Check) -> Check:
    """A check for a list of items (one item alone is taken as a list of one)."""

    def check(value: Any) -> list[Any]:
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list):
            raise BadValue(f"must be a list of strings, not {value!r}")
        return [item(v) for v in values]

    return check


def headers(value: Any) -> dict[str, dict[str, str]]:
    """A check for a table of host names to tables of HTTP headers (strings)."""
    expected = 'a table of hosts to header tables, like {"api.example.org" = {Accept = "…"}}'
    if not isinstance(value, dict):
        raise BadValue(f"must be {expected}, not {value!r}")
    for host, table in value.items():
        if not isinstance(table, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in table.items()
        ):
            raise BadValue(f"must be {expected}; {host!r} holds {table!r}")
        for name, content in table.items():
            header_text(name)
            header_text(content)
    return {host: dict(table) for host, table in value.items()}


def accept(value: Any) -> str:
    """A check for accepted HTTP statuses, `200..299,403` (codes 100 to 599)."""
    checked = text(value)
    parse_accept(checked)
    return checked


def parse_accept(spec: str) -> frozenset[int]:
    """`200..299,403` → the set of accepted HTTP status codes; `BadValue` when malformed."""
    codes: set[int] = set()
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        low, dots, high = part.partition("..")
        try:
            bounds = (int(low), int(high)) if dots else (int(part), int(part))
        except ValueError:
            raise BadValue(f"is not a list of statuses like 200..299,403: {spec!r}") from None
        if not 100 <= bounds[0] <= bounds[1] <= 599:
            raise BadValue(f"statuses are 100 to 599, low..high: {part!r}")
        codes.update(range(bounds[0], bounds[1] + 1))
    if not codes:
        raise BadValue(f"names no status; give a list like 200..299,403: {spec!r}")
    return frozenset(codes)


DAY = 86_400.0

LINK_KEYS: dict[str, Check] = {
    "format": choice(*LINK_FORMATS),
    "offline": flag,
    "strict": flag,
    "max_concurrency": whole(1, 10_000),
    "per_host": whole(1, 1_000),
    "timeout": number(positive=True, maximum=DAY),
    "deadline": number(positive=True, maximum=30 * DAY),
    "retries": whole(0, 100),
    "backoff": number(positive=False, maximum=3600.0),
    "retry_after_cap": number(positive=False, maximum=DAY),
    "max_redirects": whole(0, 100),
    "exclude": listing(regex),
    "accept": accept,
    "allow_private": flag,
    "block": listing(network),
    "user_agent": header_text,
    "headers": headers,
    "cache": path_or_false,
    "cache_max_age": number(positive=False, maximum=3650 * DAY),
    "archive": flag,
    "archive_endpoint": url,
    "root": text,
}
"""`[tool.citenorm.links]`: the link check's settings, named as its options are."""

KEYS: dict[str, Check] = {
    "exclude": listing(glob),
    "respect_gitignore": flag,
    "numbering": choice("renumber", "keep"),
    "citations": choice("footnotes", "pandoc"),
    "bib": path_or_false,
    "bib_out": text,
    "output": text,
    "format": choice(*DIAGNOSTIC_FORMATS),
    "max_chapter_size": number(positive=True, maximum=100_000.0),
    "jobs": whole(1, 1_024),
}
"""`[tool.citenorm]`: settings every command shares (`links` is its own table)."""

PATH_KEYS = frozenset({"bib", "bib_out", "output", "cache", "root"})
"""Settings that name files: relative ones are taken from the settings file's folder."""


@dataclass(frozen=True)
class Settings:
    """Checked settings and the file they came from (None: defaults only)."""

    values: Mapping[str, Any] = field(default_factory=dict)
    links: Mapping[str, Any] = field(default_factory=dict)
    path: Path | None = None


def find_settings(start: str | Path) -> Path | None:
    """The nearest citenorm.toml, or pyproject.toml with `[tool.citenorm]`, at or above `start`."""
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        own = folder / OWN_FILE
        if own.is_file():
            return own
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and "citenorm" in _table(pyproject, ("tool",)):
            return pyproject
    return None


def load_settings(
    paths: Sequence[str], *, config: str | None = None, isolated: bool = False
) -> Settings:
    """The settings that apply to a run over `paths` (`config` names the file)."""
    if isolated:
        return Settings()
    if config is not None:
        if not Path(config).is_file():
            raise InputError(config, "settings file not found (--config)")
        return read_settings(Path(config))
    found = find_settings(paths[0] if paths else ".")
    return read_settings(found) if found is not None else Settings()


def read_settings(path: Path) -> Settings:
    """Read and check one settings file."""
    own = path.name != PYPROJECT
    prefix = "" if own else "tool.citenorm."
    table = _table(path, () if own else ("tool", "citenorm"))
    links = table.pop("links", {})
    if not isinstance(links, dict):
        raise InputError(str(path), f"[{prefix}links] must be a table, not {links!r}")
    values = _checked(path, prefix.rstrip(".") or "citenorm.toml", table, KEYS)
    link_values = _checked(path, f"{prefix}links", links, LINK_KEYS)
    base = path.parent
    return Settings(_anchor(values, base), _anchor(link_values, base), path)


def _table(path: Path, keys: tuple[str, ...]) -> dict[str, Any]:
    try:
        document: Any = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError(str(path), f"cannot be read as TOML ({error})") from None
    for key in keys:
        document = document.get(key, {}) if isinstance(document, dict) else {}
    if not isinstance(document, dict):
        raise InputError(str(path), f"[{'.'.join(keys)}] must be a table")
    return dict(document)


def _checked(
    path: Path, where: str, table: Mapping[str, Any], keys: Mapping[str, Check]
) -> dict[str, Any]:
    checked = {}
    for key, value in table.items():
        if key not in keys:
            near = difflib.get_close_matches(key, list(keys), n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            known = ", ".join(sorted(keys))
            raise InputError(str(path), f"[{where}] unknown key '{key}'{hint}; known: {known}")
        try:
            checked[key] = keys[key](value)
        except BadValue as error:
            raise InputError(str(path), f"[{where}] {key} {error}") from None
    return checked


def _anchor(values: dict[str, Any], base: Path) -> dict[str, Any]:
    """Relative paths in a settings file are relative to its folder."""
    for key in PATH_KEYS & values.keys():
        if isinstance(values[key], str):
            values[key] = _shown(base / values[key])
    return values


def _shown(path: Path) -> str:
    """`path` relative to the current folder when it lies below it, else absolute."""
    absolute = path.resolve()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)
