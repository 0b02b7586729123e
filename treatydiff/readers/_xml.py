"""Safe XML and HTML parsing shared by every XML reader.

Legal XML comes from outside: a file a user downloaded, a file someone sent.
:func:`parse_xml` therefore refuses what a hostile file could use against the
reader before lxml sees it, and parses with a locked-down parser:

* no DTD loaded, no entity expanded, no network (``resolve_entities=False``,
  ``load_dtd=False``, ``no_network=True``), ``huge_tree`` off so libxml2's own
  limits on depth (256) and text node size stay in force;
* any ``<!DOCTYPE ... [ ... ]>`` internal subset or ``<!ENTITY`` declaration
  is refused outright (billion laughs, external entities): legal XML from the
  publishers treatydiff reads never needs one;
* inputs above :data:`MAX_XML_BYTES` are refused unread;
* every failure is a :class:`~treatydiff.errors.ParseError` (or its subclass
  :class:`~treatydiff.errors.UnsafeInputError`) naming the file, the line and
  column, and what was expected.

The helpers at the bottom (:func:`local`, :func:`clean`, :func:`span_of`) are
what the readers share to turn elements into provisions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from lxml import etree
from lxml import html as lxml_html

from treatydiff.errors import ParseError, UnsafeInputError
from treatydiff.model import Annotation, SourceSpan
from treatydiff.readers._io import MAX_INPUT_BYTES, decode

__all__ = [
    "MAX_DEPTH",
    "MAX_XML_BYTES",
    "InlineText",
    "clean",
    "local",
    "normalise",
    "parse_html",
    "parse_xml",
    "span_of",
]

#: Refuse XML larger than this (bytes); the largest real statute we know of
#: (Canada's Criminal Code) is under 5 MiB.
MAX_XML_BYTES = MAX_INPUT_BYTES

#: Deepest element nesting accepted.  libxml2 stops at 256 without
#: ``huge_tree``; legal XML rarely goes past 30.
MAX_DEPTH = 256

_DOCTYPE = re.compile(rb"<!DOCTYPE\b", re.IGNORECASE)
_ENTITY_DECL = re.compile(rb"<!ENTITY\b", re.IGNORECASE)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_ROOT_START = re.compile(rb"<[A-Za-z_]")


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def _ascii_view(data: bytes) -> bytes:
    """Bytes in which markup can be searched with ASCII patterns (UTF-16 re-encoded)."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16").encode("utf-8", "replace")
        except UnicodeDecodeError:
            return data
    return data


def _precheck(data: bytes, source: str, what: str) -> None:
    """Refuse empty, oversized, binary and entity-declaring inputs before parsing."""
    if len(data) > MAX_XML_BYTES:
        raise UnsafeInputError(
            f"input is {len(data)} bytes", source=source, expected=f"at most {MAX_XML_BYTES} bytes"
        )
    if not data.strip():
        raise ParseError("file is empty", source=source, expected=what)
    head = data[:8192]
    if b"\x00" in head and not data.startswith(_UTF16_BOMS):
        offset = head.index(b"\x00")
        line, col = _line_col(data, offset)
        raise ParseError(
            f"column {col}: binary data (a NUL byte), not XML text",
            source=source,
            line=line,
            expected=what,
        )
    view = _ascii_view(data)
    # Declarations can only stand in the prolog (a DTD before the root
    # element); searching only there spares CDATA sections that quote them.
    root_start = _ROOT_START.search(view)
    view = view[: root_start.start()] if root_start else view
    m = _ENTITY_DECL.search(view)
    if m:
        line, col = _line_col(view, m.start())
        raise UnsafeInputError(
            f"column {col}: <!ENTITY declaration refused (entity expansion and external "
            "entities are a known attack: billion laughs, XXE)",
            source=source,
            line=line,
            expected=f"{what} without entity declarations",
        )
    m = _DOCTYPE.search(view)
    if m:
        # An internal subset is the bracketed part of the DOCTYPE; look for "["
        # before the DOCTYPE's closing ">" (quoted system ids cannot hold "[").
        end = view.find(b">", m.end())
        bracket = view.find(b"[", m.end())
        if bracket != -1 and (end == -1 or bracket < end):
            line, col = _line_col(view, m.start())
            raise UnsafeInputError(
                f"column {col}: <!DOCTYPE with an internal subset refused (it can declare "
                "entities and load external files)",
                source=source,
                line=line,
                expected=f"{what} without an internal DTD subset",
            )


def _syntax_error(exc: etree.XMLSyntaxError, source: str, what: str) -> ParseError:
    line, col = exc.position if exc.position else (exc.lineno or None, exc.offset or 0)
    msg = (exc.msg or str(exc)).split(", line ")[0]
    if "Excessive depth" in msg:
        return UnsafeInputError(
            f"column {col}: elements nested more than {MAX_DEPTH} deep",
            source=source,
            line=line,
            expected=f"{what} nested at most {MAX_DEPTH} elements deep",
        )
    if "Premature end of data" in msg or "EndTag: '</' not found" in msg:
        return ParseError(
            f"column {col}: the file ends inside an element ({msg}); it looks truncated",
            source=source,
            line=line,
            expected=f"a complete XML document ({what})",
        )
    if "Document is empty" in msg or "Start tag expected" in msg:
        return ParseError(
            f"column {col}: no XML element found ({msg})",
            source=source,
            line=line,
            expected=what,
        )
    return ParseError(
        f"column {col}: not well-formed XML: {msg}",
        source=source,
        line=line,
        expected=f"well-formed XML ({what})",
    )


def _check_depth(root: etree._Element, source: str, what: str) -> None:
    # libxml2 already stops at 256; this keeps the bound explicit if it changes.
    stack: list[tuple[etree._Element, int]] = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise UnsafeInputError(
                f"elements nested more than {MAX_DEPTH} deep",
                source=source,
                line=el.sourceline,
                expected=f"{what} nested at most {MAX_DEPTH} elements deep",
            )
        stack.extend((child, depth + 1) for child in el)


def _expected_text(names: Sequence[str], what: str) -> str:
    tags = " or ".join(f"<{n}>" for n in names)
    return f"{tags} as root element ({what})" if what else f"{tags} as root element"


def _xml_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(
    data: bytes,
    *,
    source: str = "<bytes>",
    expected_root: str | Sequence[str] | None = None,
    what: str = "",
) -> etree._Element:
    """Parse ``data`` safely and return the root element.

    ``expected_root`` names the allowed root element(s) by local name (any
    namespace); ``what`` describes the format for error messages.

    >>> root = parse_xml(b"<Statute><Body/></Statute>", expected_root="Statute")
    >>> root.tag
    'Statute'
    >>> try:
    ...     parse_xml(b"<html/>", source="act.xml", expected_root="Statute")
    ... except ParseError as err:
    ...     print(err.message, "/", err.expected)
    root element is <html> / <Statute> as root element
    """
    names: tuple[str, ...] = (
        ()
        if expected_root is None
        else (expected_root,)
        if isinstance(expected_root, str)
        else tuple(expected_root)
    )
    description = what or (
        f"an XML document with root <{names[0]}>" if names else "an XML document"
    )
    _precheck(data, source, description)
    try:
        root = etree.fromstring(data, _xml_parser())
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, source, description) from None
    if root is None:  # pragma: no cover - lxml raises for an empty document
        raise ParseError("no XML element found", source=source, expected=description)
    for node in root.iter(etree.Entity):
        line_no = node.sourceline or 1
        lines = _ascii_view(data).split(b"\n")
        line_text = lines[line_no - 1] if line_no <= len(lines) else b""
        col = line_text.find(node.text.encode("utf-8", "replace")) + 1 or 1
        raise UnsafeInputError(
            f"column {col}: unresolved entity reference {node.text}",
            source=source,
            line=node.sourceline,
            expected=f"{description} without entity references",
        )
    if names:
        found = etree.QName(root).localname
        if found not in names:
            raise ParseError(
                f"root element is <{found}>",
                source=source,
                line=root.sourceline,
                expected=_expected_text(names, what),
            )
    _check_depth(root, source, description)
    return root


def parse_html(
    data: bytes, *, source: str = "<bytes>", what: str = "an HTML page"
) -> etree._Element:
    """Parse an (X)HTML page with lxml's HTML parser, offline; return ``<html>``.

    The HTML parser never fetches anything (``no_network``) and expands only
    HTML's own named character references.  Text is decoded first (BOM, UTF-8,
    then Windows-1252) so a page without a charset declaration keeps its
    accents.

    >>> parse_html(b"<html><body><p>Hi</p></body></html>").find("body/p").text
    'Hi'
    """
    _precheck(data, source, what)
    text, _ = decode(data, source=source)
    # lxml refuses str input with an XML declaration; dropping it keeps line numbers.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
    parser = lxml_html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
    )
    try:
        root = lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ParseError(f"cannot parse as HTML: {exc}", source=source, expected=what) from None
    if root is None or root.find("body") is None:
        raise ParseError("no <body> element found", source=source, expected=what)
    _check_depth(root, source, what)
    return root


# -- helpers shared by the readers ----------------------------------------------

_SPACE = re.compile(r"[ \t\r\n\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def local(el: etree._Element) -> str:
    """Local name of an element (no namespace); '' for comments and PIs."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def clean(text: str | None) -> str:
    """Collapse runs of white space (including no-break spaces) and strip."""
    if not text:
        return ""
    return _SPACE.sub(" ", text).strip()


def span_of(el: etree._Element, extra: Iterable[etree._Element] = ()) -> SourceSpan | None:
    """Lines an element covers: its start tag to the last start tag inside it."""
    start = el.sourceline
    if not start:
        return None
    end = start
    for node in el.iter():
        if node.sourceline and node.sourceline > end:
            end = node.sourceline
    for other in extra:
        for node in other.iter():
            if node.sourceline and node.sourceline > end:
                end = node.sourceline
    return SourceSpan(start, end)


_SENTINEL = "\ue000"
_SPACE_BEFORE = re.compile(r" +([,;:.)\]”’])")
_SPACE_AFTER = re.compile(r"([“‘(\[]) +")


def normalise(text: str) -> str:
    """:func:`clean`, then drop the spaces markup leaves before punctuation and inside quotes.

    >>> normalise("held in any computer , or “ act ” ( b )")
    'held in any computer, or “act” (b)'
    """
    text = clean(text)
    text = _SPACE_BEFORE.sub(r"\1", text)
    return _SPACE_AFTER.sub(r"\1", text)


class InlineText:
    """Collects a provision's inline text and notes that stand at points in it.

    ``add`` appends text, ``note`` records an annotation (footnote, note) at
    the current point; ``finish`` returns the normalised text and the
    annotations with offsets into it.

    >>> t = InlineText(); t.add("Committee "); t.note("footnote", "OJ C 517"); t.add(" ,")
    >>> t.finish()
    ('Committee,', [Annotation(kind='footnote', text='OJ C 517', start=9, end=9)])
    """

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.notes: list[tuple[str, str]] = []

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text.replace(_SENTINEL, ""))

    def note(self, kind: str, text: str) -> None:
        self.notes.append((kind, text))
        self.parts.append(_SENTINEL)

    def finish(self) -> tuple[str, list[Annotation]]:
        raw = "".join(self.parts)
        text = normalise(raw.replace(_SENTINEL, ""))
        anns: list[Annotation] = []
        # A note stands where its sentinel was: the length of the normalised
        # text before it (normalising a prefix gives a prefix of the whole).
        pos = -1
        for kind, note in self.notes:
            pos = raw.index(_SENTINEL, pos + 1)
            at = min(len(normalise(raw[:pos].replace(_SENTINEL, ""))), len(text))
            anns.append(Annotation(kind, note, at, at))
        return text, anns
