"""Readers: one module per format, each turning a file into a :class:`Document`.

:func:`read` picks the reader from ``format`` or, with ``format="auto"``, from
the file's content (:mod:`treatydiff.readers.detect`).  Every reader has the
signature ``read(data: bytes, *, source: Source, **options) -> Document``.
"""

from __future__ import annotations

import importlib
import inspect
import os
from typing import Any

from treatydiff.errors import FormatError
from treatydiff.model import Document
from treatydiff.readers._io import read_bytes

#: Format name -> module that implements ``read``.
READERS: dict[str, str] = {
    "text": "treatydiff.readers.text",
    "markdown": "treatydiff.readers.text",
    "canada": "treatydiff.readers.canada",
    "clml": "treatydiff.readers.clml",
    "eurlex": "treatydiff.readers.eurlex",
    "akn": "treatydiff.readers.akn",
    "docx": "treatydiff.readers.docx",
    "pdf": "treatydiff.readers.pdf",
    "json": "treatydiff.readers.jsondoc",
}

FORMATS: tuple[str, ...] = ("auto", *sorted(READERS))


def read(
    path: str | os.PathLike[str],
    *,
    format: str = "auto",
    **options: Any,
) -> Document:
    """Read the file at ``path`` into a :class:`Document`.

    >>> from treatydiff.readers import read
    >>> doc = read("corpora/samples/draft-2023-zero.txt")  # doctest: +SKIP
    """
    from treatydiff.model import Source

    name = os.fspath(path)
    if format != "auto" and format not in READERS:
        raise FormatError(
            f"unknown format {format!r}", source=name, expected=f"one of {', '.join(FORMATS)}"
        )
    data = read_bytes(path)
    if format == "auto":
        from treatydiff.readers.detect import detect

        format = detect(data, name=name)
    module = importlib.import_module(READERS[format])
    accepted = inspect.signature(module.read).parameters
    unknown = sorted(k for k in options if k not in accepted or k in ("data", "source"))
    if unknown:
        usable = sorted(
            k for k, p in accepted.items() if p.kind is p.KEYWORD_ONLY and k != "source"
        )
        raise FormatError(
            f"option {', '.join(unknown)} does not apply to the {format} reader",
            source=name,
            expected=f"one of {', '.join(usable) or '(no options)'}",
        )
    return module.read(data, source=Source(path=name, format=format), **options)
