"""Pick a reader by looking at the content, not only the file name."""

from __future__ import annotations

import io
import re
import zipfile

from treatydiff.errors import FormatError

_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s>/]")


def _root_element(head: bytes) -> bytes | None:
    """Name of the first element after the prolog, comments and doctype."""
    pos = 0
    while True:
        m = _ROOT.search(head, pos)
        if m is None:
            return None
        before = head[max(0, m.start() - 1) : m.start() + 2]
        if before.startswith((b"<?", b"<!")) or head[m.start() : m.start() + 2] in (b"<?", b"<!"):
            pos = m.end()
            continue
        return m.group(2)


def detect(data: bytes, *, name: str = "<bytes>") -> str:
    """Return the format name for ``data``: pdf, docx, canada, clml, akn, eurlex, json or text.

    >>> detect(b"%PDF-1.7 ...")
    'pdf'
    >>> detect("Article 1\\nScope".encode())
    'text'
    """
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                if "word/document.xml" in z.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            raise FormatError(
                "looks like a ZIP archive but is corrupt",
                source=name,
                expected="a DOCX file (a ZIP holding word/document.xml)",
            ) from None
        raise FormatError(
            "is a ZIP archive without word/document.xml",
            source=name,
            expected="a DOCX file",
        )
    head = data[:8192].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{") and b'"treatydiff/document@' in data[:4096]:
        return "json"
    if head.startswith(b"<"):
        lower = head.lower()
        root = _root_element(head)
        if root in (b"Statute", b"Regulation", b"Bill"):
            return "canada"
        if root == b"Legislation":
            return "clml"
        if root == b"akomaNtoso":
            return "akn"
        if (root is not None and root.lower() == b"html") or lower.startswith(b"<!doctype html"):
            if b"eli-subdivision" in data or b"oj-ti-art" in data or b"eur-lex" in lower:
                return "eurlex"
            raise FormatError(
                "is an HTML page of no known layout",
                source=name,
                expected="an EUR-Lex XHTML document (div.eli-subdivision)",
            )
        if head.startswith(b"<?xml") or root is not None:
            if not head.startswith(b"<meta"):
                raise FormatError(
                    f"is XML with root element <{(root or b'?').decode(errors='replace')}>",
                    source=name,
                    expected="Justice Canada <Statute>, legislation.gov.uk <Legislation> "
                    "or Akoma Ntoso <akomaNtoso>",
                )
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FormatError(
            "is a binary file", source=name, expected="text, Markdown, XML, DOCX or PDF"
        )
    return "text"
