"""Hostile and broken XML: every XML reader refuses it quickly with a clear ParseError.

The fixtures in tests/data/malicious were written for these tests (README.md there).
Nothing here may hang: entity expansion is refused before parsing, and libxml2's
own limits stay on (huge_tree is off).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from treatydiff.errors import FormatError, ParseError, TreatydiffError, UnsafeInputError
from treatydiff.model import Source
from treatydiff.readers import read
from treatydiff.readers._xml import MAX_DEPTH, parse_html, parse_xml

MALICIOUS = Path(__file__).parent / "data" / "malicious"
XML_FORMATS = ("canada", "clml", "akn")

# (fixture, error class, line, words the message must hold, words of "expected")
CASES = [
    ("xxe.xml", UnsafeInputError, 3, "<!ENTITY declaration refused", "without entity declarations"),
    (
        "billion_laughs.xml",
        UnsafeInputError,
        3,
        "<!ENTITY declaration refused",
        "without entity declarations",
    ),
    (
        "external_dtd_entity.xml",
        UnsafeInputError,
        5,
        "unresolved entity reference &remote;",
        "without entity references",
    ),
    ("truncated.xml", ParseError, 8, "looks truncated", "a complete XML document"),
    ("binary.xml", ParseError, 3, "binary data (a NUL byte)", ""),
]


@pytest.mark.parametrize("fmt", XML_FORMATS)
@pytest.mark.parametrize(("name", "error", "line", "found", "expected"), CASES)
def test_hostile_files_are_refused(name, error, line, found, expected, fmt):
    path = MALICIOUS / name
    with pytest.raises(error) as info:
        read(path, format=fmt)
    err = info.value
    assert err.source == str(path)
    assert err.line == line
    assert found in err.message
    assert "column" in err.message
    assert err.expected and expected in err.expected
    assert str(path) in str(err)


@pytest.mark.parametrize(
    ("fmt", "root"),
    [
        ("canada", "<Statute> or <Regulation> or <Bill>"),
        ("clml", "<Legislation>"),
        ("akn", "<akomaNtoso>"),
    ],
)
def test_wrong_root_element_names_the_expected_one(fmt, root):
    path = MALICIOUS / "wrong_root.xml"
    with pytest.raises(ParseError) as info:
        read(path, format=fmt)
    err = info.value
    assert err.message == "root element is <html>"
    assert err.line == 2
    assert err.expected.startswith(f"{root} as root element")
    assert str(err).startswith(f"{path}:2: root element is <html> (expected {root}")


@pytest.mark.parametrize("name", ["xxe.xml", "billion_laughs.xml", "truncated.xml"])
def test_automatic_detection_reaches_the_safe_parser(name):
    # These fixtures have a <Statute> root, so detection picks the Canada reader.
    with pytest.raises(ParseError):
        read(MALICIOUS / name)


def test_binary_file_is_refused_by_detection_too():
    with pytest.raises(FormatError) as info:
        read(MALICIOUS / "binary.xml")
    assert info.value.source == str(MALICIOUS / "binary.xml")


@pytest.mark.parametrize("name", ["xxe.xml", "billion_laughs.xml", "binary.xml"])
def test_eurlex_html_path_refuses_the_same(name):
    with pytest.raises(ParseError):
        read(MALICIOUS / name, format="eurlex")


def test_no_entity_is_ever_expanded():
    # Even without the pre-check, the parser must not read /etc/passwd.
    data = (MALICIOUS / "xxe.xml").read_bytes()
    with pytest.raises(UnsafeInputError):
        parse_xml(data, source="xxe.xml")


def test_internal_subset_without_entities_is_refused():
    data = b'<?xml version="1.0"?><!DOCTYPE Statute [<!ELEMENT Statute ANY>]><Statute/>'
    with pytest.raises(UnsafeInputError) as info:
        parse_xml(data, source="s.xml", expected_root="Statute")
    assert "internal subset" in info.value.message


def test_internal_subset_in_utf16_is_refused():
    text = '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'
    with pytest.raises(UnsafeInputError):
        parse_xml(text.encode("utf-16"), source="u.xml")


def test_doctype_without_internal_subset_is_accepted():
    data = b'<?xml version="1.0"?><!DOCTYPE Statute SYSTEM "statute.dtd"><Statute><Body/></Statute>'
    assert parse_xml(data, expected_root="Statute").tag == "Statute"


def test_entity_declaration_quoted_in_cdata_is_not_a_declaration():
    data = b"<Statute><Body><![CDATA[<!ENTITY x 'y'>]]></Body></Statute>"
    assert parse_xml(data, expected_root="Statute").find("Body").text == "<!ENTITY x 'y'>"


def test_deep_nesting_is_refused():
    depth = MAX_DEPTH + 50
    data = b"<a>" * depth + b"</a>" * depth
    with pytest.raises(UnsafeInputError) as info:
        parse_xml(data, source="deep.xml")
    assert f"more than {MAX_DEPTH} deep" in info.value.message


def test_oversized_input_is_refused_unread(monkeypatch):
    import treatydiff.readers._xml as xml_mod

    monkeypatch.setattr(xml_mod, "MAX_XML_BYTES", 100)
    with pytest.raises(UnsafeInputError) as info:
        parse_xml(b"<a>" + b"x" * 200 + b"</a>", source="big.xml")
    assert info.value.expected == "at most 100 bytes"


@pytest.mark.parametrize("data", [b"", b"   \n  "])
def test_empty_input(data):
    with pytest.raises(ParseError) as info:
        parse_xml(data, source="empty.xml", expected_root="Statute")
    assert info.value.message == "file is empty"


def test_not_well_formed_names_line_and_column():
    with pytest.raises(ParseError) as info:
        parse_xml(b"<Statute>\n  <Body>\n  </Bdy>\n</Statute>", source="bad.xml")
    err = info.value
    assert err.line == 3
    assert err.message.startswith("column ")
    assert "not well-formed XML" in err.message


def test_html_parser_never_fetches_and_keeps_lines():
    data = (
        b'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML//EN" "x.dtd">\n'
        b"<html><body>\n<p>x</p></body></html>"
    )
    root = parse_html(data, source="p.html")
    assert root.find("body/p").sourceline == 3


def test_errors_are_treatydiff_errors_and_value_errors():
    with pytest.raises(TreatydiffError):
        read(MALICIOUS / "truncated.xml", format="clml")
    with pytest.raises(ValueError):
        read(MALICIOUS / "truncated.xml", format="akn")


@pytest.mark.parametrize("fmt", [*XML_FORMATS, "eurlex"])
def test_readers_refuse_unknown_options(fmt):
    import importlib

    module = importlib.import_module(f"treatydiff.readers.{'eurlex' if fmt == 'eurlex' else fmt}")
    with pytest.raises(TypeError):
        module.read(b"<x/>", source=Source(path="x"), bogus=1)
