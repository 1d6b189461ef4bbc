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
from ._shard import merge_reports, parse_shard, shard_of

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
    "merge_reports",
    "parse_accept",
    "parse_shard",
    "read_config",
    "render",
    "shard_of",
    "summary",
]
