"""Link-check settings: `[tool.citenorm.links]` in pyproject.toml, `[links]` in citenorm.toml."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from .._errors import InputError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def read_config(directory: Path) -> dict[str, Any]:
    """The settings table found in `directory`, or an empty one."""
    for name, keys in (
        ("citenorm.toml", ("links",)),
        ("pyproject.toml", ("tool", "citenorm", "links")),
    ):
        path = directory / name
        if not path.is_file():
            continue
        try:
            table: Any = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise InputError(str(path), f"cannot be read as TOML ({error})") from None
        for key in keys:
            table = table.get(key, {}) if isinstance(table, dict) else {}
        if table:
            return dict(table)
    return {}


def parse_accept(text: str) -> frozenset[int]:
    """`200..299,403` → the set of accepted HTTP status codes."""
    codes: set[int] = set()
    for part in text.split(","):
        part = part.strip()
        if ".." in part:
            low, _, high = part.partition("..")
            codes.update(range(int(low), int(high) + 1))
        elif part:
            codes.add(int(part))
    return frozenset(codes)
