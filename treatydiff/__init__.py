"""treatydiff: compare drafts of conventions and national laws, provision by provision.

The pipeline is visible in the package layout and in these verbs::

    load  ->  align / align_many  ->  diff  ->  safeguards / crosswalk  ->  redline

>>> import treatydiff
>>> old = treatydiff.load("corpora/samples/cybercrime-draft-1.txt")   # doctest: +SKIP
>>> new = treatydiff.load("corpora/samples/cybercrime-draft-2.txt")   # doctest: +SKIP
>>> alignment = treatydiff.align(old, new)                            # doctest: +SKIP
>>> html = treatydiff.redline(alignment)                              # doctest: +SKIP
>>> findings = treatydiff.safeguards(alignment)                       # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

# The stage subpackages share their names with the facade verbs below
# (treatydiff.align the package, treatydiff.align() the function). Importing a
# subpackage binds its name on this package, so they are imported here, first,
# and the function definitions that follow take the names back for good.
import treatydiff.align
import treatydiff.crosswalk
import treatydiff.safeguards  # noqa: F401
from treatydiff import errors
from treatydiff.model import (
    Alignment,
    Annotation,
    Document,
    Evidence,
    Finding,
    Match,
    Provision,
    Removal,
    Source,
    SourceSpan,
)

if TYPE_CHECKING:  # pragma: no cover
    from treatydiff.align.history import History
    from treatydiff.crosswalk import Crosswalk

__version__ = "0.1.0"


def load(path: str | os.PathLike[str], *, format: str = "auto", **options: Any) -> Document:
    """Read a file (text, Markdown, XML, Akoma Ntoso, DOCX, PDF) into a :class:`Document`.

    ``format`` is ``"auto"`` (detected from the content) or a reader name;
    ``options`` go to the reader (``encoding=``, ``profile=``...).
    """
    from treatydiff.readers import read

    return read(path, format=format, **options)


def loads(text: str, *, title: str | None = None, **options: Any) -> Document:
    """Parse plain text or Markdown held in a string.

    >>> doc = loads("Article 1\\nScope\\n1. This Convention applies.")
    >>> doc.find("Article 1(1)").text
    'This Convention applies.'
    """
    from treatydiff.readers.text import read_text

    return read_text(text, title=title, **options)


def align(old: Document, new: Document, **options: Any) -> Alignment:
    """Align the provisions of ``old`` with those of ``new`` (see :mod:`treatydiff.align`)."""
    from treatydiff.align import align as _align

    return _align(old, new, **options)


def align_many(documents: Sequence[Document], **options: Any) -> History:
    """Chain the alignments of successive drafts into provision lineages."""
    from treatydiff.align.history import align_many as _align_many

    return _align_many(documents, **options)


def redline(alignment: Alignment, **options: Any) -> str:
    """A self-contained HTML redline of an alignment."""
    from treatydiff.render.html import redline as _redline

    return _redline(alignment, **options)


def safeguards(alignment: Alignment, **options: Any) -> tuple[Finding, ...]:
    """Findings where safeguards were weakened, strengthened or deferred to domestic law."""
    from treatydiff.safeguards import safeguards as _safeguards

    return _safeguards(alignment, **options)


def safeguards_of(document: Document, **options: Any) -> tuple[Finding, ...]:
    """Every deferral, optional clause, reservation and safeguard term of one text."""
    from treatydiff.safeguards import safeguards_of as _safeguards_of

    return _safeguards_of(document, **options)


def crosswalk(convention: Document, laws: Sequence[Document], **options: Any) -> Crosswalk:
    """Map a convention's offences and powers to national laws, with a safeguard coverage matrix."""
    from treatydiff.crosswalk import crosswalk as _crosswalk

    return _crosswalk(convention, laws, **options)


def compare(old: str | os.PathLike[str], new: str | os.PathLike[str], **options: Any) -> Alignment:
    """Load two files and align them: ``compare("draft1.txt", "draft2.docx")``."""
    return align(load(old), load(new), **options)


__all__ = [
    "Alignment",
    "Annotation",
    "Document",
    "Evidence",
    "Finding",
    "Match",
    "Provision",
    "Removal",
    "Source",
    "SourceSpan",
    "__version__",
    "align",
    "align_many",
    "compare",
    "crosswalk",
    "errors",
    "load",
    "loads",
    "redline",
    "safeguards",
    "safeguards_of",
]
