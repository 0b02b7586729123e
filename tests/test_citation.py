"""Printed citations in the forms users write them."""

from __future__ import annotations

import pytest

from treatydiff._citation import parse
from treatydiff.errors import CitationError
from treatydiff.model import Document, Provision


@pytest.mark.parametrize(
    ("citation", "parts"),
    [
        ("Article 24(2)(b)", ["24", "2", "b"]),
        ("art. 24, para. 2 (b)", ["24", "2", "b"]),
        ("Art. 24 para. 2 lit. b", ["24", "2", "b"]),
        ("s. 342.1(1)(a)", ["342.1", "1", "a"]),
        ("§ 202a Abs. 1", ["202a", "1"]),
        ("§ 100b Abs. 2 Nr. 1", ["100b", "2", "1"]),
        ("Artikel 138ab lid 1", ["138ab", "1"]),
        ("Article 5(1)(d)(iii)", ["5", "1", "d", "iii"]),
        ("24.2.b", ["24.2.b"]),
        ("Section 1030(a)(2)(C)", ["1030", "a", "2", "c"]),
    ],
)
def test_parse(citation: str, parts: list[str]) -> None:
    assert parse(citation) == parts


def _code() -> Document:
    sec = Provision(
        kind="section",
        number="342.1",
        label="342.1",
        heading="Unauthorized use of computer",
        children=[
            Provision(
                kind="paragraph",
                number="1",
                label="(1)",
                text="Everyone is guilty who, fraudulently and without colour of right,",
                children=[Provision(kind="subparagraph", number="a", label="(a)", text="obtains")],
            )
        ],
    )
    par = Provision(
        kind="section",
        number="202a",
        label="§ 202a",
        heading="Ausspähen von Daten",
        children=[Provision(kind="paragraph", number="1", label="(1)", text="Wer unbefugt ...")],
    )
    art = Provision(
        kind="article",
        number="24",
        label="Article 24",
        children=[
            Provision(
                kind="paragraph",
                number="2",
                label="2.",
                text="x",
                children=[Provision(kind="subparagraph", number="b", label="(b)", text="y")],
            )
        ],
    )
    return Document.build(title="mixed", provisions=[sec, par, art])


@pytest.mark.parametrize(
    ("citation", "eid"),
    [
        ("s. 342.1(1)(a)", "sec_342-1__para_1__point_a"),
        ("342.1(1)", "sec_342-1__para_1"),
        ("§ 202a Abs. 1", "sec_202a__para_1"),
        ("§202a", "sec_202a"),
        ("Article 24(2)(b)", "art_24__para_2__point_b"),
        ("art. 24, para. 2 (b)", "art_24__para_2__point_b"),
        ("24.2.b", "art_24__para_2__point_b"),
        ("art_24__para_2", "art_24__para_2"),
    ],
)
def test_resolve(citation: str, eid: str) -> None:
    assert _code().find(citation).eid == eid


def test_cite_uses_the_printed_unit_word() -> None:
    doc = _code()
    assert doc.citation("sec_202a__para_1") == "§ 202a(1)"
    assert doc.citation("sec_342-1__para_1__point_a") == "Section 342.1(1)(a)"
    assert doc.citation("art_24__para_2__point_b") == "Article 24(2)(b)"


@pytest.mark.parametrize("citation", ["Article 99", "§ 202a Abs. 7", "Article 24(3)"])
def test_unknown_citation_raises_with_context(citation: str) -> None:
    with pytest.raises(CitationError, match="no provision matches the citation") as info:
        _code().find(citation)
    assert isinstance(info.value, LookupError)


def test_unreadable_citation() -> None:
    with pytest.raises(CitationError, match="cannot read the citation"):
        _code().find("the one about privacy")
