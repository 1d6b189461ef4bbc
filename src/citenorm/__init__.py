"""citenorm: reconcile the footnotes of mixed-format Markdown chapters.

>>> import citenorm
>>> corpus = citenorm.load(["corpus"])
>>> markdown_by_path = corpus.to_markdown()
>>> document = corpus.to_json()
"""

from ._api import Corpus, load, load_chapters, normalize, read_bibliography
from ._errors import CitenormError, InputError
from ._model import Chapter, Citation, Diagnostic, Link, Marker, Note, Numbering, Source
from .bibliography import Name, Reference

__version__ = "0.1.0"

__all__ = [
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
    "Reference",
    "Source",
    "__version__",
    "load",
    "load_chapters",
    "normalize",
    "read_bibliography",
]
