"""Format detection looks at content, not file names."""

from __future__ import annotations

import io
import zipfile

import pytest

from treatydiff.errors import FormatError
from treatydiff.readers.detect import detect


def _zip(names: list[str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n in names:
            z.writestr(n, "<x/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (b"%PDF-1.4\n...", "pdf"),
        (_zip(["word/document.xml", "[Content_Types].xml"]), "docx"),
        (b'<?xml version="1.0"?>\n<Statute xmlns:lims="x"><Body/></Statute>', "canada"),
        (b'<?xml version="1.0"?><!-- c --><Legislation xmlns="http://www.legislation.gov.uk/namespaces/legislation"/>', "clml"),
        (b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act/></akomaNtoso>', "akn"),
        (b'<!DOCTYPE html><html><body><div class="eli-subdivision"></div></body></html>', "eurlex"),
        (b'{"schema": "treatydiff/document@1", "title": "x"}', "json"),
        (b"Article 1\nScope", "text"),
        (b"<meta http-equiv='Content-Type' content='text/html' />\n\n### Article 1", "text"),
    ],
)
def test_detect(data: bytes, fmt: str) -> None:
    assert detect(data) == fmt


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04garbage", "corrupt"),
        (_zip(["a.txt"]), "without word/document.xml"),
        (b'<?xml version="1.0"?><rss/>', "root element <rss>"),
        (b"<html><body>hello</body></html>", "HTML page of no known layout"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "binary file"),
    ],
)
def test_detect_refuses_with_reason(data: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=message) as info:
        detect(data, name="in.bin")
    assert "in.bin" in str(info.value)
