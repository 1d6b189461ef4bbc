"""The link-rot check: collect targets, check them politely and safely, report.

Split as lychee splits it: `_collect` (targets from the model), `_engine`
(asyncio + httpx, per-host limits, address policy), `_cache`, `_archive`
(Wayback snapshots), `_report` (text, json, github, junit, markdown).
"""

from ._check import LinkOptions, check_links
from ._config import parse_accept, read_config
from ._engine import CheckOptions
from ._model import FAILING, STATUSES, LinkResult, Place, Status, Target
from ._policy import AddressPolicy
from ._report import FORMATS, render, summary

__all__ = [
    "FAILING",
    "FORMATS",
    "STATUSES",
    "AddressPolicy",
    "CheckOptions",
    "LinkOptions",
    "LinkResult",
    "Place",
    "Status",
    "Target",
    "check_links",
    "parse_accept",
    "read_config",
    "render",
    "summary",
]
