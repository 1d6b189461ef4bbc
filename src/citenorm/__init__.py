"""citenorm: reconcile the footnotes of mixed-format Markdown chapters.

>>> from pathlib import Path
>>> import citenorm
>>> corpus = citenorm.load(["corpus"])
>>> markdown_by_path = corpus.to_markdown()
>>> document = corpus.to_json()
>>> findings = citenorm.check(corpus)  # where a build would change a chapter
>>> files = citenorm.plan_build(corpus, Path("build"))  # what a build writes, and where
"""

from ._api import Corpus, load, load_chapters, normalize, read_bibliography
from ._errors import CitenormError, InputError
from ._model import Chapter, Citation, Diagnostic, Link, Marker, Note, Numbering, Source
from ._normal_form import check
from .bibliography import Name, Reference, parse_reference
from .emit._outputs import OUTPUTS, Output, Planned, plan_build

__version__ = "0.1.0"

__all__ = [
    "OUTPUTS",
    "Chapter",
    "Citation",
    "CitenormError",
    "Corpus",
    "Diagnostic",
    "InputError",
    "Link",
    "Marker",
    "Name",
    "Note",
    "Numbering",
    "Output",
    "Planned",
    "Reference",
    "Source",
    "__version__",
    "check",
    "load",
    "load_chapters",
    "normalize",
    "parse_reference",
    "plan_build",
    "read_bibliography",
]
