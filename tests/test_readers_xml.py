"""The official XML/HTML readers on the real documents and on small hand-made inputs.

Every expected value below was read from the documents themselves (opened and
counted with grep), not from the readers' output.
"""

from __future__ import annotations

import pytest

from treatydiff.model import Source
from treatydiff.readers import canada, clml, eurlex, read
from treatydiff.readers.clml import UNKNOWN

CA = "ca-internet-child-sexual-abuse-reporting-act-I-20.7"
CA_VERSIONS = (
    "eng_I-20.7_2023-09-18.xml",
    "eng_I-20.7_2024-11-01.xml",
    "eng_I-20.7_2025-11-04.xml",
    "fra_I-20.7_2025-11-04.xml",
)
MLA = "ca-mutual-legal-assistance-criminal-matters-act-M-13.6/eng_M-13.6_2025-07-31.xml"
CMA = "uk-computer-misuse-act-1990/cma.xml"
AI_ACT = "eu-ai-act-drafts/final-2024-1689/eu-ai-act.html"


def kinds(doc, kind):
    return [p for p in doc.walk() if p.kind == kind]


# -- Justice Canada ------------------------------------------------------------------


@pytest.mark.parametrize("name", CA_VERSIONS)
def test_canada_i20_7_has_13_sections_in_each_version(corpora, name):
    doc = read(corpora / CA / name)
    assert doc.source.format == "canada"
    assert [s.number for s in doc.articles()] == [str(i) for i in range(1, 14)]
    assert doc.source.symbol == "I-20.7"
    assert doc.source.citation == "S.C. 2011, c. 4"
    assert doc.language == ("fr" if name.startswith("fra") else "en")


@pytest.mark.parametrize(
    ("name", "heading"),
    [
        ("eng_I-20.7_2023-09-18.xml", "No seeking out of child pornography"),
        ("eng_I-20.7_2024-11-01.xml", "No seeking out of child pornography"),
        (
            "eng_I-20.7_2025-11-04.xml",
            "No seeking out of child sexual abuse and exploitation material",
        ),
        ("fra_I-20.7_2025-11-04.xml", "Précision"),
    ],
)
def test_canada_marginal_note_is_the_heading(corpora, name, heading):
    assert read(corpora / CA / name).get("sec_6").heading == heading


def test_canada_subsections_paragraphs_subparagraphs(corpora):
    doc = read(corpora / CA / CA_VERSIONS[0])
    s4 = doc.find("s. 4")
    assert [c.kind for c in s4.children] == ["paragraph", "paragraph"]
    assert s4.children[0].label == "(1)"
    assert s4.children[0].text.startswith(
        "A person who makes a notification under section 3 must preserve all computer data"
    )
    assert s4.children[1].heading == "Destruction of preserved computer data"
    s10 = doc.get("sec_10")
    assert [c.number for c in s10.children] == ["a", "b"]
    assert {c.kind for c in s10.children} == {"subparagraph"}
    assert [c.number for c in s10.children[0].children] == ["i", "ii", "iii"]
    assert {c.kind for c in s10.children[0].children} == {"clause"}
    assert doc.find("s. 10(a)(ii)").eid == "sec_10__point_a__point_ii"


def test_canada_definitions(corpora):
    doc = read(corpora / CA / CA_VERSIONS[0])
    defs = kinds(doc, "definition")
    assert [d.number for d in defs] == [
        "child pornography",
        "child pornography offence",
        "computer data",
        "Internet service",
        "person",
    ]
    offence = doc.get("sec_1__para_1__def_child-pornography-offence")
    assert [c.number for c in offence.children] == ["a", "b", "c", "d"]
    assert offence.children[0].text == "subsection 163.1(2) (making child pornography);"
    fr = read(corpora / CA / "fra_I-20.7_2025-11-04.xml")
    assert "données informatiques" in [d.number for d in kinds(fr, "definition")]


def test_canada_footnote_is_an_annotation_not_text(corpora):
    s13 = read(corpora / CA / CA_VERSIONS[0]).get("sec_13")
    assert s13.label == "13"  # the FootnoteRef "*" is not part of the label
    assert s13.text == (
        "This Act comes into force on a day to be fixed by order of the Governor in Council."
    )
    [note] = s13.annotations
    assert note.kind == "footnote"
    assert note.text == "* [Note: Act in force December 8, 2011, see SI/2011-110.]"


def test_canada_historical_notes_become_notes(corpora):
    doc = read(corpora / CA / "eng_I-20.7_2025-11-04.xml")
    notes = [a for p in doc.walk() for a in p.annotations if a.kind == "note"]
    assert notes and any("2024, c. 23" in a.text for a in notes)


def test_canada_amendments_not_in_force_are_kept_apart(corpora):
    old = read(corpora / CA / "eng_I-20.7_2023-09-18.xml")
    pending = read(corpora / CA / "eng_I-20.7_2024-11-01.xml")
    # The law in force is the same in both files: the schedule is not in the provisions.
    assert [(p.eid, p.heading, p.text) for p in old.walk()] == [
        (p.eid, p.heading, p.text) for p in pending.walk()
    ]
    assert not kinds(pending, "annex")
    meta = dict(pending.metadata)
    text = meta["canada:amending_schedule:amendments_not_in_force"]
    assert text.startswith("AMENDMENTS NOT IN FORCE")
    assert "2024, c. 23, par. 12(a)" in text
    assert "child sexual abuse and exploitation material" in text


def test_canada_amendments_not_in_force_as_annex(corpora):
    doc = read(corpora / CA / "eng_I-20.7_2024-11-01.xml", amending="annex")
    [annex] = kinds(doc, "annex")
    assert annex.heading == "AMENDMENTS NOT IN FORCE"
    [section] = annex.children
    assert (section.number, section.heading) == ("12", "Replacement of “child pornography”")
    assert [c.number for c in section.children[0].children] == ["i", "ii", "iii", "iv"]
    dropped = read(corpora / CA / "eng_I-20.7_2024-11-01.xml", amending="drop")
    assert not any(k.startswith("canada:amending") for k, _ in dropped.metadata)


def test_canada_bad_option():
    with pytest.raises(ValueError):
        canada.read(b"<Statute><Body/></Statute>", source=Source(), amending="keep")


def test_canada_cross_headings_are_metadata(corpora):
    meta = dict(read(corpora / CA / CA_VERSIONS[0]).metadata)
    assert meta["heading_before:sec_1"] == "Interpretation"
    assert meta["heading_before:sec_2"] == "Duties"


def test_canada_parts_and_schedule(corpora):
    doc = read(corpora / MLA)
    parts = kinds(doc, "part")
    assert [(p.label, p.number) for p in parts] == [
        ("PART I", "I"),
        ("PART II", "II"),
        ("PART III", "III"),
        ("PART IV", "IV"),
    ]
    assert parts[0].heading == "Foreign Investigations or Other Proceedings in Respect of Offences"
    assert parts[0].children[0].number == "8"
    assert parts[0].children[-1].number == "35"
    assert doc.find("s. 9.1").heading == "Orders for restraint or seizure"
    [schedule] = kinds(doc, "annex")
    assert (schedule.label, schedule.heading) == ("SCHEDULE", "Designated States or Entities")
    assert schedule.text.startswith("International Criminal Court")
    # The "RELATED PROVISIONS" schedule (s. 10 of 1998, c. 30) is not a section of this Act.
    assert "canada:amending_schedule:related_provisions" in dict(doc.metadata)
    assert len(doc.articles()) == 66


def test_canada_minimal_inline_example():
    xml = (
        b'<Statute xml:lang="en"><Identification><ShortTitle>Demo Act</ShortTitle>'
        b'</Identification><Body><Heading level="1"><TitleText>Duties</TitleText></Heading>'
        b"<Section><MarginalNote>Offence</MarginalNote><Label>1</Label><Subsection>"
        b"<Label>(1)</Label><Text>Every person who</Text><Paragraph><Label>(a)</Label>"
        b"<Text>does X; or</Text></Paragraph><ContinuedSectionSubsection><Text>is guilty."
        b"</Text></ContinuedSectionSubsection></Subsection></Section></Body></Statute>"
    )
    doc = canada.read(xml, source=Source(path="demo.xml"))
    para = doc.get("sec_1__para_1")
    assert para.text == "Every person who\nis guilty."
    assert doc.get("sec_1__para_1__point_a").text == "does X; or"
    assert dict(doc.metadata)["heading_before:sec_1"] == "Duties"
    assert doc.title == "Demo Act"


# -- legislation.gov.uk CLML ---------------------------------------------------------------

CMA_CURRENT = [
    "1",
    "2",
    "3",
    "3ZA",
    "3A",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
    "10",
    "11",
    "12",
    "13",
    "14",
    "15",
    "16",
    "16A",
    "17",
    "18",
]


def test_cma_sections_current_and_enacted(corpora):
    current = read(corpora / CMA)
    assert [s.number for s in current.articles()] == CMA_CURRENT
    assert {s.kind for s in current.articles()} == {"section"}
    enacted = read(corpora / CMA, version="enacted")
    # ss. 3ZA, 3A and 16A were inserted later (commentaries: "S. 3ZA inserted" ...).
    assert [s.number for s in enacted.articles()] == [str(i) for i in range(1, 19)]
    assert current.source.date == "2023-02-07"
    assert enacted.source.date == "1990-06-29"
    assert current.source.symbol == "1990 c. 18"


def test_cma_structure_and_text(corpora):
    doc = read(corpora / CMA)
    s1 = doc.find("s. 1")
    assert s1.heading == "Unauthorised access to computer material."
    assert [c.label for c in s1.children] == ["(1)", "(2)", "(3)"]
    assert s1.children[0].text == "A person is guilty of an offence if—"
    assert [c.number for c in s1.children[0].children] == ["a", "b", "c"]
    assert doc.find("s. 1(1)(a)").text == (
        "he causes a computer to perform any function with intent to secure access to any "
        "program or data held in any computer, or to enable any such access to be secured;"
    )
    assert doc.find("s. 17(8)").text.endswith("In this subsection “act” includes a series of acts.")
    assert doc.get("preamble").text.startswith(
        "Be it enacted by the Queen’s most Excellent Majesty"
    )
    assert dict(doc.metadata)["heading_before:sec_1"] == "Computer misuse offences"
    assert dict(doc.metadata)["heading_before:sec_4"] == "Jurisdiction"


def test_cma_amendment_notes_in_current_version(corpora):
    doc = read(corpora / CMA)
    [note] = doc.find("s. 1(1)(a)").annotations
    assert note.kind == "note"
    assert note.text.startswith("Words in s. 1(1)(a) inserted (S.) (1.10.2007)")
    # it stands where the inserted words end, before the final ";"
    assert doc.find("s. 1(1)(a)").text[note.start :] == ";"
    s11 = doc.find("s. 11")
    assert s11.text == "…"
    assert s11.annotations[0].text.startswith("S. 11 repealed (1.10.2008)")


def test_cma_block_amendment_stays_quoted_text(corpora):
    s7_3 = read(corpora / CMA).find("s. 7(3)")
    assert s7_3.children == ()
    assert s7_3.text.startswith("The following subsections shall be inserted after section 1(1)")
    assert "\n(1A) Subject to section 8 of the Computer Misuse Act 1990" in s7_3.text


def test_cma_enacted_version(corpora):
    doc = read(corpora / CMA, version="enacted")
    # inserted words removed
    assert doc.find("s. 1(1)(a)").text == (
        "he causes a computer to perform any function with intent to secure access to any "
        "program or data held in any computer;"
    )
    assert doc.find("s. 1(1)(b)").text == "the access he intends to secure is unauthorised; and"
    # wholly substituted: number kept, wording unknown, said so
    s3 = doc.find("s. 3")
    assert (s3.text, s3.children) == (UNKNOWN, ())
    assert s3.annotations[0].text.startswith("enacted wording not in the source: S. 3 substituted")
    s1_3 = doc.find("s. 1(3)")
    assert s1_3.text == UNKNOWN and s1_3.children == ()
    # inserted subsections disappear; repealed ones keep their number
    assert "4A" not in [c.number for c in doc.find("s. 4").children]
    assert doc.find("s. 11").text == UNKNOWN
    assert "S. 11 repealed" in doc.find("s. 11").annotations[0].text
    # no current wording leaks into the enacted text
    texts = "\n".join(p.text for p in doc.walk())
    assert "the general limit in a magistrates’ court" not in texts
    assert "3ZA" not in texts.replace("3ZA or 3A", "")


def test_clml_substitution_restored_when_commentary_quotes_old_words():
    xml = (
        b'<Legislation xmlns="http://www.legislation.gov.uk/namespaces/legislation"><Primary>'
        b"<Body><P1group><Title>T</Title><P1><Pnumber>1</Pnumber><P1para><Text>paragraphs (a) "
        b'<Substitution CommentaryRef="c1">to (c)</Substitution> apply; <Repeal '
        b'CommentaryRef="c2">old words</Repeal>end</Text></P1para></P1></P1group></Body>'
        b'</Primary><Commentaries><Commentary id="c1" Type="F"><Para><Text>Words "to (c)" '
        b'substituted for words "to (d)" by 2007 c. 27</Text></Para></Commentary>'
        b'<Commentary id="c2" Type="F"><Para><Text>Words repealed by 2008 c. 1</Text></Para>'
        b"</Commentary></Commentaries></Legislation>"
    )
    src = Source(path="t.xml")
    assert clml.read(xml, source=src).get("sec_1").text == "paragraphs (a) to (c) apply; end"
    assert clml.read(xml, source=src, version="enacted").get("sec_1").text == (
        "paragraphs (a) to (d) apply; old wordsend"
    )


def test_clml_bad_version():
    with pytest.raises(ValueError):
        clml.read(b"<Legislation/>", source=Source(), version="1990")


def test_clml_wrong_namespace():
    from treatydiff.errors import ParseError

    with pytest.raises(ParseError) as info:
        clml.read(b"<Legislation><Primary/></Legislation>", source=Source(path="x.xml"))
    assert "CLML namespace" in info.value.expected


# -- EUR-Lex -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ai_act(corpora):
    return read(corpora / AI_ACT)


def test_ai_act_counts(ai_act):
    arts = kinds(ai_act, "article")
    assert [a.number for a in arts] == [str(i) for i in range(1, 114)]
    assert [r.number for r in kinds(ai_act, "recital")] == [str(i) for i in range(1, 181)]
    assert [a.number for a in kinds(ai_act, "annex")] == [
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
        "VII",
        "VIII",
        "IX",
        "X",
        "XI",
        "XII",
        "XIII",
    ]
    assert len(kinds(ai_act, "chapter")) == 13
    chapter_sections = [
        s for c in kinds(ai_act, "chapter") for s in c.children if s.kind == "division"
    ]
    assert len(chapter_sections) == 16
    assert ai_act.language == "en"
    assert ai_act.source.symbol == "2024/1689"
    assert ai_act.title.startswith("REGULATION (EU) 2024/1689 OF THE EUROPEAN PARLIAMENT")


def test_ai_act_article_5(ai_act):
    art5 = ai_act.find("Article 5")
    assert art5.eid == "chp_ii__art_5"
    assert (art5.label, art5.heading) == ("Article 5", "Prohibited AI practices")
    assert [p.number for p in art5.children] == [str(i) for i in range(1, 9)]
    para1 = art5.children[0]
    assert para1.label == "1."
    assert para1.text.startswith("The following AI practices shall be prohibited:")
    assert [p.number for p in para1.children] == list("abcdefgh")
    h = ai_act.find("Article 5(1)(h)")
    assert [c.number for c in h.children] == ["i", "ii", "iii"]
    assert h.children[0].kind == "clause"
    assert h.children[0].text.startswith(
        "the targeted search for specific victims of abduction, trafficking in"
    )


def test_ai_act_definitions_and_last_article(ai_act):
    art3 = ai_act.find("Article 3")
    assert art3.text == "For the purposes of this Regulation, the following definitions apply:"
    assert [p.number for p in art3.children] == [str(i) for i in range(1, 69)]
    assert art3.children[-1].text.startswith("‘downstream provider’ means a provider of an AI")
    art113 = ai_act.find("Article 113")
    assert art113.heading == "Entry into force and application"
    assert [p.number for p in art113.children] == ["a", "b", "c"]


def test_ai_act_recitals_preamble_and_footnotes(ai_act):
    pre = ai_act.get("preamble")
    assert pre.text.startswith("THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,")
    assert pre.text.endswith("HAVE ADOPTED THIS REGULATION:")
    assert pre.children[0].text.startswith(
        "The purpose of this Regulation is to improve the functioning of the internal market"
    )
    first = pre.annotations[0]
    assert (first.kind, first.text) == ("footnote", "OJ C 517, 22.12.2021, p. 56.")
    # the footnote mark "(1)" is not left in the text
    assert "Economic and Social Committee," in pre.text


def test_ai_act_annexes(ai_act):
    annex3 = ai_act.get("annex_iii")
    assert (annex3.label, annex3.heading) == (
        "ANNEX III",
        "High-risk AI systems referred to in Article 6(2)",
    )
    assert [p.number for p in annex3.children] == [str(i) for i in range(1, 9)]
    assert annex3.children[0].children[0].text.startswith("remote biometric identification")
    annex8 = ai_act.get("annex_viii")
    assert [s.number for s in annex8.children] == ["A", "B", "C"]


def test_ai_act_quoted_amendments_are_not_paragraphs(ai_act):
    art108 = ai_act.find("Article 108")
    assert not [c for c in art108.children if c.kind == "paragraph"]
    assert "Without prejudice to paragraph 2, when adopting implementing acts" in (
        art108.full_text()
    )


def test_ai_act_spans_are_lines(ai_act):
    art5 = ai_act.find("Article 5")
    # "Article 5" stands on line 4405 of the file, its div on 4404
    assert art5.span.start_line == 4404
    assert art5.span.end_line >= 4644


def test_eurlex_points_and_real_tables():
    html = (
        b'<html><body><div id="enc_1"><div id="art_2"><p class="oj-ti-art">Article 2</p>'
        b'<div id="002.001"><p class="oj-normal">1. Rules:</p><table><tr><td><p>(a)</p></td>'
        b"<td><p>first;</p><table><tr><td><p>(i)</p></td><td><p>inner</p></td></tr></table>"
        b"</td></tr></table><table><tr><td>Name</td><td>Value</td></tr><tr><td>x</td>"
        b"<td>1</td></tr></table></div></div></div></body></html>"
    )
    doc = eurlex.read(html, source=Source(path="a.html"))
    para = doc.get("art_2__para_1")
    assert para.text == "Rules:\nName | Value\nx | 1"
    assert doc.get("art_2__para_1__point_a__point_i").text == "inner"


def test_eurlex_page_without_articles():
    from treatydiff.errors import ParseError

    with pytest.raises(ParseError):
        eurlex.read(b"<html><body><p>hello</p></body></html>", source=Source(path="x.html"))
