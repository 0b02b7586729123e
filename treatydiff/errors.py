"""Errors raised by treatydiff.

Every error derives from :class:`TreatydiffError` *and* from a builtin, so code
that already catches ``ValueError`` or ``OSError`` keeps working.  Messages say
where the problem is (file, line, provision address), what was expected and
what was found.

>>> err = ParseError("no article found", source="draft.txt", line=3, expected="'Article N'")
>>> str(err)
"draft.txt:3: no article found (expected 'Article N')"
>>> isinstance(err, ValueError)
True
"""

from __future__ import annotations

__all__ = [
    "AlignmentError",
    "CitationError",
    "FormatError",
    "InputError",
    "ParseError",
    "ProfileError",
    "RenderError",
    "SchemaError",
    "TreatydiffError",
    "UnsafeInputError",
]


class TreatydiffError(Exception):
    """Root of every error treatydiff raises on purpose.

    ``source`` names the file (or ``<string>``), ``line`` a 1-based line,
    ``address`` a provision eId, ``expected`` what the reader wanted to see.
    """

    #: Exit status the command line uses: 2 for a user mistake, 1 otherwise.
    exit_status = 2

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        address: str | None = None,
        expected: str | None = None,
    ) -> None:
        self.message = message
        self.source = source
        self.line = line
        self.address = address
        self.expected = expected
        super().__init__(self._render())

    def _render(self) -> str:
        where = ""
        if self.source is not None:
            where = str(self.source)
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        text = where + self.message
        if self.address:
            text += f" [at {self.address}]"
        if self.expected:
            text += f" (expected {self.expected})"
        return text

    def __reduce__(self):  # keep keyword context when pickled (batch workers)
        return (
            _rebuild,
            (
                type(self),
                self.message,
                self.source,
                self.line,
                self.address,
                self.expected,
            ),
        )


def _rebuild(cls, message, source, line, address, expected):  # type: ignore[no-untyped-def]
    return cls(message, source=source, line=line, address=address, expected=expected)


class InputError(TreatydiffError, OSError):
    """A file that cannot be opened or decoded (missing, unreadable encoding)."""


class FormatError(TreatydiffError, ValueError):
    """An unknown or unsupported format name, or content of no known format."""


class ParseError(TreatydiffError, ValueError):
    """Content that does not have the structure its format requires."""


class UnsafeInputError(ParseError):
    """XML with entities, a DTD, external references, or beyond size/depth bounds."""


class ProfileError(TreatydiffError, ValueError):
    """A text profile (user data) that is malformed."""


class CitationError(TreatydiffError, LookupError):
    """A citation or address that names no provision of the document."""


class SchemaError(TreatydiffError, ValueError):
    """A JSON/dict document that does not follow the documented schema."""


class AlignmentError(TreatydiffError, ValueError):
    """Inputs that cannot be aligned (for example an empty list of drafts)."""


class RenderError(TreatydiffError, ValueError):
    """A renderer asked for something it cannot produce."""
