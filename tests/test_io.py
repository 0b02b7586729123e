"""Opening and decoding files."""

from __future__ import annotations

import codecs

import pytest

from treatydiff.errors import InputError
from treatydiff.readers._io import decode, read_bytes


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("Artikel 1 – Geltung".encode(), "Artikel 1 – Geltung", "utf-8"),
        (codecs.BOM_UTF8 + b"Article 1", "Article 1", "utf-8-sig"),
        ("Section 3 – “computer”".encode("cp1252"), "Section 3 – “computer”", "cp1252"),
        ("المادة 1".encode("utf-16"), "المادة 1", "utf-16"),
    ],
)
def test_decode_detects(data: bytes, text: str, encoding: str) -> None:
    assert decode(data) == (text, encoding)


def test_decode_named_encoding_and_errors() -> None:
    assert decode("é".encode("latin-1"), encoding="latin-1") == ("é", "latin-1")
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        decode(b"x", encoding="klingon")
    with pytest.raises(InputError, match=r"f.txt:2: byte 0xff is not valid utf-8"):
        decode(b"ok\n\xff", encoding="utf-8", source="f.txt")


def test_decode_refuses_binary() -> None:
    # 0x81 is undefined in cp1252 and invalid as UTF-8: no text decoding fits.
    with pytest.raises(InputError, match="cannot decode byte 0x81") as info:
        decode(b"\x00\x01\x81\x02", source="blob.txt")
    assert "--encoding" in str(info.value)


def test_read_bytes_errors(tmp_path) -> None:
    with pytest.raises(InputError, match="no such file") as info:
        read_bytes(tmp_path / "missing.txt")
    assert str(tmp_path / "missing.txt") in str(info.value)
    with pytest.raises(InputError, match="is a directory"):
        read_bytes(tmp_path)
