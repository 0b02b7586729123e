"""treatydiff's own JSON (the ``treatydiff/document@1`` schema of :meth:`Document.to_dict`)."""

from __future__ import annotations

import json
from typing import Any

from treatydiff.errors import ParseError
from treatydiff.model import Document, Source
from treatydiff.readers._io import decode

__all__ = ["read"]


def read(data: bytes, *, source: Source, **options: Any) -> Document:
    """Read a document written by ``Document.to_dict`` and saved as JSON.

    The eIds, spans and source stored in the file are kept as they are.

    >>> import json
    >>> from treatydiff.model import Provision
    >>> doc = Document.build(title="Demo", provisions=[Provision(kind="article", number="1")])
    >>> read(json.dumps(doc.to_dict()).encode(), source=Source(path="d.json")) == doc
    True
    """
    if options:
        raise TypeError(f"unexpected options for the json reader: {sorted(options)}")
    name = source.path or "<bytes>"
    text, _ = decode(data, source=name)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(
            f"column {exc.colno}: invalid JSON: {exc.msg}",
            source=name,
            line=exc.lineno,
            expected="a treatydiff/document@1 JSON object",
        ) from None
    return Document.from_dict(obj)
