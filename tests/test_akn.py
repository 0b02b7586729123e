"""Akoma Ntoso export and import: schema-valid output and an exact round trip.

The oracle is the OASIS Akoma Ntoso 3.0 schema vendored in
treatydiff/writers/schemas (validated offline with lxml).
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from strategies import treaties

from treatydiff.errors import ParseError, RenderError
from treatydiff.model import Annotation, Document, Provision, Removal, Source, SourceSpan
from treatydiff.readers import akn, read
from treatydiff.writers.akn import AKN_NS, assert_valid, to_akn, validate

CORPUS = [
    ("ca-internet-child-sexual-abuse-reporting-act-I-20.7/eng_I-20.7_2023-09-18.xml", {}),
    (
        "ca-internet-child-sexual-abuse-reporting-act-I-20.7/eng_I-20.7_2024-11-01.xml",
        {"amending": "annex"},
    ),
    ("ca-internet-child-sexual-abuse-reporting-act-I-20.7/eng_I-20.7_2025-11-04.xml", {}),
    ("ca-internet-child-sexual-abuse-reporting-act-I-20.7/fra_I-20.7_2025-11-04.xml", {}),
    ("ca-mutual-legal-assistance-criminal-matters-act-M-13.6/eng_M-13.6_2025-07-31.xml", {}),
    ("uk-computer-misuse-act-1990/cma.xml", {}),
    ("uk-computer-misuse-act-1990/cma.xml", {"version": "enacted"}),
    ("eu-ai-act-drafts/final-2024-1689/eu-ai-act.html", {}),
]


def back(doc: Document) -> Document:
    return akn.read(to_akn(doc), source=Source(path="roundtrip.akn.xml", format="akn"))


@pytest.mark.parametrize(("name", "options"), CORPUS)
def test_corpus_exports_validate_and_round_trip(corpora, name, options):
    doc = read(corpora / name, **options)
    xml = to_akn(doc)
    assert validate(xml) == []
    assert back(doc) == doc


def test_export_uses_akn_elements(corpora):
    doc = read(corpora / "eu-ai-act-drafts/final-2024-1689/eu-ai-act.html")
    root = etree.fromstring(to_akn(doc))
    ns = {"a": AKN_NS}
    assert len(root.findall("a:act/a:preamble/a:recitals/a:recital", ns)) == 180
    assert len(root.findall(".//a:article", ns)) == 113
    assert len(root.findall("a:act/a:body/a:hcontainer[@name='annex']", ns)) == 13
    art5 = root.find(".//a:article[@eId='chp_ii__art_5']", ns)
    assert art5.findtext("a:num", namespaces=ns) == "Article 5"
    assert art5.findtext("a:heading", namespaces=ns) == "Prohibited AI practices"
    assert art5.find("a:paragraph/a:intro/a:p", ns).text.startswith("The following AI practices")
    assert root.find(".//a:point[@eId='chp_ii__art_5__para_1__point_h__point_i']", ns) is not None


# -- Hypothesis ---------------------------------------------------------------------------

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00").filter(
        lambda c: c in "\t\n" or (ord(c) >= 32 and c not in "\ufffe\uffff")
    ),
    max_size=40,
)


@st.composite
def decorated(draw) -> Document:
    """A synthetic treaty with everything the model can carry: spans, notes, odd text."""
    doc = draw(treaties())

    def dress(p: Provision) -> Provision:
        changes: dict = {"children": tuple(dress(c) for c in p.children)}
        if draw(st.booleans()):
            start = draw(st.integers(1, 500))
            changes["span"] = SourceSpan(
                start, start + draw(st.integers(0, 50)), draw(st.none() | st.integers(1, 99))
            )
        if draw(st.integers(0, 4)) == 0:
            changes["text"] = draw(TEXT)
        if draw(st.integers(0, 4)) == 0:
            changes["heading"] = draw(st.none() | TEXT)
        if draw(st.integers(0, 4)) == 0:
            changes["label"] = draw(st.none() | TEXT)
        if draw(st.integers(0, 3)) == 0:
            n = len(changes.get("text", p.text))
            changes["annotations"] = tuple(
                Annotation(kind, draw(TEXT), a, a + draw(st.integers(0, 5)))
                for kind, a in draw(
                    st.lists(
                        st.tuples(
                            st.sampled_from(["bracket", "alternative", "note", "footnote"]),
                            st.integers(0, max(n, 0)),
                        ),
                        max_size=3,
                    )
                )
            )
        return attrs.evolve(p, **changes)

    provisions = [dress(p) for p in doc.provisions]
    if draw(st.booleans()):
        recitals = [
            Provision(kind="recital", number=str(i), label=f"({i})", text=draw(TEXT))
            for i in range(1, draw(st.integers(0, 3)) + 1)
        ]
        provisions.insert(0, Provision(kind="preamble", text=draw(TEXT), children=recitals))
    if draw(st.booleans()):
        provisions.append(
            Provision(
                kind="annex",
                number="I",
                label="ANNEX I",
                heading=draw(TEXT),
                children=[
                    Provision(kind="paragraph", number="1", label="1.", text=draw(TEXT)),
                    Provision(kind="definition", number="data", text=draw(TEXT)),
                ],
            )
        )
    return Document.build(
        title=draw(TEXT),
        provisions=provisions,
        language=draw(st.none() | st.sampled_from(["en", "fr", "ar", "zz-weird tag"])),
        source=Source(
            path=draw(st.none() | TEXT),
            format=draw(st.none() | st.just("text")),
            symbol=draw(st.none() | TEXT),
            date=draw(st.none() | st.sampled_from(["2024-08-08", "12.7.2024"])),
        ),
        metadata=draw(st.dictionaries(TEXT, TEXT, max_size=3)),
        removed=[Removal(draw(st.integers(1, 99)), draw(TEXT), "page header")],
    )


@given(treaties())
def test_synthetic_treaties_validate_and_round_trip(doc):
    xml = to_akn(doc)
    assert validate(xml) == []
    assert back(doc) == doc


@given(decorated())
def test_everything_the_model_holds_survives(doc):
    xml = to_akn(doc)
    assert validate(xml) == []
    assert back(doc) == doc
    assert to_akn(back(doc)) == xml  # deterministic, stable


# -- edge cases ---------------------------------------------------------------------------


def test_empty_document_still_validates():
    doc = Document.build(title="", provisions=[])
    assert validate(to_akn(doc)) == []
    assert back(doc) == doc


def test_preamble_not_first_goes_to_the_body():
    doc = Document.build(
        title="T",
        provisions=[
            Provision(kind="article", number="1", text="a"),
            Provision(
                kind="preamble", text="Recalling", children=[Provision(kind="recital", text="x")]
            ),
        ],
    )
    xml = to_akn(doc)
    assert b'<hcontainer eId="preamble" name="preamble"' in xml
    assert validate(xml) == []
    assert back(doc) == doc


def test_missing_eids_are_assigned():
    doc = Document(title="T", provisions=(Provision(kind="article", number="7", text="x"),))
    assert back(doc).provisions[0].eid == "art_7"


def test_duplicate_eids_are_refused():
    p = Provision(kind="article", number="1", eid="art_1")
    with pytest.raises(RenderError) as info:
        to_akn(Document(title="T", provisions=(p, p)))
    assert info.value.address == "art_1"


def test_control_characters_are_refused_with_the_address():
    doc = Document.build(
        title="T", provisions=[Provision(kind="article", number="1", text="bad\x01text")]
    )
    with pytest.raises(RenderError) as info:
        to_akn(doc)
    assert "text of art_1" in info.value.message


def test_assert_valid_reports_schema_errors():
    broken = to_akn(Document.build(title="T", provisions=[Provision(kind="article")]))
    broken = broken.replace(b"<body>", b"<body><bogus/>")
    with pytest.raises(RenderError):
        assert_valid(broken)
    assert validate(broken)


FOREIGN = b"""<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <act name="act">
    <meta>
      <identification source="#cobalt">
        <FRBRWork><FRBRthis value="/akn/za/act/2020/19/main"/><FRBRuri value="/akn/za/act/2020/19"/>
          <FRBRdate date="2021-06-01" name="Generation"/><FRBRauthor href="#council"/>
          <FRBRcountry value="za"/><FRBRname value="Cybercrimes Act"/></FRBRWork>
        <FRBRExpression><FRBRthis value="/akn/za/act/2020/19/eng@/main"/>
          <FRBRuri value="/akn/za/act/2020/19/eng@"/><FRBRdate date="2021-06-01" name="G"/>
          <FRBRauthor href="#council"/><FRBRlanguage language="eng"/></FRBRExpression>
        <FRBRManifestation><FRBRthis value="/akn/za/act/2020/19/eng@/main"/>
          <FRBRuri value="/akn/za/act/2020/19/eng@"/><FRBRdate date="2021-06-01" name="G"/>
          <FRBRauthor href="#council"/></FRBRManifestation>
      </identification>
    </meta>
    <preamble><p>WHEREAS the demo</p></preamble>
    <body>
      <chapter eId="chp_2">
        <num>2</num>
        <heading>Cybercrimes</heading>
        <section eId="chp_2__sec_2">
          <num>2.</num>
          <heading>Unlawful access</heading>
          <subsection eId="chp_2__sec_2__subsec_1">
            <num>(1)</num>
            <content><p>Any person who unlawfully and intentionally accesses</p></content>
          </subsection>
          <subsection eId="chp_2__sec_2__subsec_2">
            <num>(2)</num>
            <list eId="chp_2__sec_2__subsec_2__list_1">
              <intro><p>For purposes of this section</p></intro>
              <point eId="chp_2__sec_2__subsec_2__list_1__point_a">
                <num>(a)</num>
                <content><p>a computer <term refersTo="#t" eId="t1">data</term> storage</p>
                </content>
              </point>
            </list>
          </subsection>
        </section>
      </chapter>
    </body>
  </act>
</akomaNtoso>
"""


def test_foreign_akn_is_read_by_element_names():
    doc = akn.read(FOREIGN, source=Source(path="za.xml"))
    assert doc.title == "Cybercrimes Act"
    assert doc.language == "eng"
    assert doc.get("preamble").text == "WHEREAS the demo"
    s2 = doc.find("s. 2")
    assert (s2.kind, s2.label, s2.number, s2.heading) == ("section", "2.", "2", "Unlawful access")
    assert s2.eid == "chp_2__sec_2"
    assert [c.kind for c in s2.children] == ["paragraph", "paragraph"]
    assert s2.children[1].text == "For purposes of this section"
    point = doc.find("s. 2(2)(a)")
    assert (point.kind, point.text) == ("subparagraph", "a computer data storage")
    assert point.span.start_line == 33  # the <point> start tag


def test_akn_reader_refuses_other_namespaces():
    with pytest.raises(ParseError) as info:
        akn.read(b"<akomaNtoso><act/></akomaNtoso>", source=Source(path="x.xml"))
    assert "Akoma Ntoso 3.0 namespace" in info.value.expected


def test_detection_reads_exports_back(tmp_path):
    doc = Document.build(title="T", provisions=[Provision(kind="article", number="1", text="x")])
    path = tmp_path / "t.akn.xml"
    path.write_bytes(to_akn(doc))
    assert read(path) == doc


def test_json_reader_round_trip(tmp_path):
    import json

    doc = Document.build(
        title="T",
        provisions=[Provision(kind="article", number="1", text="x", span=SourceSpan(3, 4))],
    )
    path = tmp_path / "t.json"
    path.write_text(json.dumps(doc.to_dict()), encoding="utf-8")
    assert read(path) == doc
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "treatydiff/document@1", "title": ', encoding="utf-8")
    with pytest.raises(ParseError) as info:
        read(bad, format="json")
    assert info.value.line == 1
