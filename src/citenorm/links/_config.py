"""Link-check settings: `[tool.citenorm.links]` in pyproject.toml, `[links]` in citenorm.toml.

Reading and checking them is `citenorm._config`'s job (one schema for every
command); this module keeps the link check's own entry points to it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .._config import find_settings, parse_accept, read_settings

__all__ = ["parse_accept", "read_config"]


def read_config(directory: Path) -> dict[str, Any]:
    """The checked link settings that apply in `directory`, or an empty table."""
    found = find_settings(directory)
    return dict(read_settings(found).links) if found is not None else {}
