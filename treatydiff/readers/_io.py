"""Bytes in, text out: opening files and decoding them, with clear errors."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from treatydiff.errors import InputError

#: Refuse inputs larger than this (bytes): no legal text comes near it, and a
#: bound keeps a wrong file from eating memory.
MAX_INPUT_BYTES = 64 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """Read a file, turning OS errors into :class:`InputError` naming the file."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise InputError("is a directory", source=str(p), expected="a file")
        if size > MAX_INPUT_BYTES:
            raise InputError(
                f"file is {size} bytes", source=str(p), expected=f"at most {MAX_INPUT_BYTES} bytes"
            )
        return p.read_bytes()
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError("no such file", source=str(p), expected="an existing file") from None
    except PermissionError:
        raise InputError("permission denied", source=str(p), expected="a readable file") from None
    except IsADirectoryError:
        raise InputError("is a directory", source=str(p), expected="a file") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=str(p)) from None


def decode(data: bytes, *, encoding: str | None = None, source: str = "<bytes>") -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding used)``.

    With ``encoding`` None: a BOM wins, then UTF-8, then Windows-1252 (legacy
    files such as the Mauritius act) if the result holds no control
    characters.  Anything else raises :class:`InputError` asking for
    ``--encoding``.
    """
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(
                f"unknown encoding {encoding!r}", source=source, expected="a Python codec name"
            ) from None
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InputError(
                f"byte 0x{data[exc.start]:02x} is not valid {encoding}",
                source=source,
                line=line,
                expected="text in the named encoding",
            ) from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and not any(ord(c) < 32 and c not in "\t\n\r\f" for c in text):
        return text, "cp1252"
    line = data[:first_bad].count(b"\n") + 1
    raise InputError(
        f"cannot decode byte 0x{data[first_bad]:02x} as UTF-8 or Windows-1252",
        source=source,
        line=line,
        expected="a text file; name its encoding with --encoding",
    )
