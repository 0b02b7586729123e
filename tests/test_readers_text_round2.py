"""Second round on the text reader: one regression test per defect found by review.

Expected values are written from reading the inputs (the short texts here, and
the corpus files, whose lines are quoted in comments), not from the parser.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from treatydiff.errors import ProfileError
from treatydiff.model import Source
from treatydiff.readers import read
from treatydiff.readers import text as reader
from treatydiff.readers._coverage import footnote_marker, lost_text, strip_inline
from treatydiff.readers._io import decode
from treatydiff.readers.profiles import load_profile

BUDAPEST = "coe-budapest-convention-ets185/BWBV0001839_README_"
AI = "eu-ai-act-drafts/md-snapshots-branch-20230103/"
MU = "mu-computer-misuse-and-cybercrime-act-2003/text-file.txt"


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


# -- 1. inline <sup> notes ------------------------------------------------------


def test_inline_sup_note_becomes_footnote() -> None:
    body = ("### Artikel 27\n\n8. Het verzoek blijft geheim. <sup>1) Noot vertaler: anders "
            "dan de Engelse tekst. </sup>Indien dat niet kan, meldt zij dat.\n")
    doc = reader.read_text(body, source=Source(path="x.md"))
    para = doc.find("Artikel 27(8)")
    assert para.text == "Het verzoek blijft geheim. Indien dat niet kan, meldt zij dat."
    assert [(a.kind, a.text, a.start) for a in para.annotations] == [
        ("footnote", "1) Noot vertaler: anders dan de Engelse tekst.", 27)]
    assert [(r.text, r.reason) for r in doc.removed] == [
        ("<sup>", "HTML markup"), ("</sup>", "HTML markup")]
    assert lost_text(body, doc) == []


def test_budapest_copies_agree_provision_by_provision(corpora: Path) -> None:
    """The two copies differ only in formatting: same eIds, same texts and notes."""
    old = read(corpora / f"{BUDAPEST}2007-03-01.md")
    new = read(corpora / f"{BUDAPEST}2012-10-24.md")
    a = {p.eid: p for p in old.walk()}
    b = {p.eid: p for p in new.walk()}
    assert a.keys() == b.keys()
    differ = []
    for eid in a:
        x, y = a[eid], b[eid]
        same = (_norm(x.text) == _norm(y.text) and _norm(x.heading) == _norm(y.heading)
                and [(n.kind, _norm(n.text)) for n in x.annotations]
                == [(n.kind, _norm(n.text)) for n in y.annotations])
        if not same:
            differ.append(eid)
    # The one residual difference is in the source: the 2012 copy prints
    # "PreambuleDe lidstaten" (no space), the 2007 copy "Preambule De lidstaten".
    assert differ == ["part_nl__preamble"]
    assert _norm(b["part_nl__preamble"].text).startswith("PreambuleDe lidstaten")
    # The translator's note of NL Article 27(8) left the text in both copies
    # (the 2007 copy prints it after the paragraph, the 2012 copy one sentence earlier).
    para = "part_nl__chp_iii__part_1__title_4__art_27__para_8"
    for doc in (a, b):
        assert "<sup>" not in doc[para].text and "Noot vertaler" not in doc[para].text
        assert [n.kind for n in doc[para].annotations] == ["footnote"]
        assert _norm(doc[para].annotations[0].text).startswith("1) Noot vertaler:")


# -- 2. emphasis between two words --------------------------------------------------

GLUE = [
    ("cybercrime,*inter alia,* by adopting", "cybercrime, inter alia, by adopting"),
    ("concerned, *inter alia,*include judicial", "concerned, inter alia, include judicial"),
    ("see **Article 5**.", "see Article 5."),
    ("(*a*) first", "(a) first"),
    ("un*frigging*believable", "unfriggingbelievable"),  # emphasis inside a word
    ("l’*Union* européenne", "l’Union européenne"),  # an apostrophe is not a word end
]


@pytest.mark.parametrize(("markdown", "text"), GLUE, ids=[g[0] for g in GLUE])
def test_markup_between_words_leaves_a_space(markdown: str, text: str) -> None:
    assert " ".join(strip_inline(markdown)[0].split()) == text


def test_budapest_inter_alia_keeps_its_space(corpora: Path) -> None:
    path = corpora / f"{BUDAPEST}2012-10-24.md"  # prints "*inter alia,*include"
    doc = read(path)
    assert "inter alia, include judicial" in doc.find("Article 15(2)").text
    assert lost_text(decode(path.read_bytes())[0], doc) == []


def test_link_target_with_parentheses_is_removed() -> None:
    body = "Article 10\nScope\nUnder the [WIPO Treaty](../wipo/(wct)/(1996)/README.md), always."
    doc = reader.read_text(body, source=Source(path="x.md"))
    assert doc.find("Article 10").text == "Under the WIPO Treaty, always."
    assert [r.text for r in doc.removed] == ["(../wipo/(wct)/(1996)/README.md)"]
    assert lost_text(body, doc) == []


# -- 3. a lettered list, then "2." -------------------------------------------------

DISPLACED = """\
*Article 1 Subject matter*

1.  First paragraph with a list:

    a.  one;

    b.  two.

1.  This Regulation applies to:

*Article 2 Scope*

a.  providers;

b.  users;

2.  For products covered by:

    a.  Regulation A;

    h.  Regulation H.

3.  This Regulation shall not apply to military uses.

4.  Nor to public authorities in a third country.

*Article 3 Definitions*

1.  Terms:

    a.  term one;

    b.  term two.

2.  More terms:

    a.  term three.

*Article 4 Tasks*

1.  The Board shall:

    a.  advise;

    b.  report.

*Article 5 Fees*

1.  Fees cover:

    a.  costs.
"""


def test_paragraph_after_lettered_list_is_not_a_point_of_it() -> None:
    doc = reader.read_text(DISPLACED, source=Source(path="x.md"))
    art = doc.find("Article 2")
    # "1. This Regulation applies to:" stands before the heading, in Article 1;
    # Article 2 opens with its points, then paragraphs 2 to 4.
    assert [c.label for c in art.children] == ["a.", "b.", "2.", "3.", "4."]
    assert [c.label for c in doc.find("Article 2(2)").children] == ["a.", "h."]
    assert doc.get("art_2__para_4").text == "Nor to public authorities in a third country."
    assert lost_text(DISPLACED, doc) == []


def test_ai_act_article_2_paragraphs(corpora: Path) -> None:
    doc = read(corpora / (AI + "2021-04-21-AIA-COM-Proposal-21-April-21.act.md"))
    art = doc.get("title_i__art_2")
    assert [c.label for c in art.children] == ["a.", "b.", "c.", "2.", "3.", "4.", "5."]
    assert [c.number for c in doc.get("title_i__art_2__para_2").children] == list("abcdefgh")
    assert doc.get("title_i__art_2__para_3").text.startswith(
        "This Regulation shall not apply to AI systems developed or used exclusively")


@pytest.mark.parametrize(("body", "citation", "labels"), [
    # an inserted point in brackets of its own is a sibling: (aa) after a., then b.
    ("Article 1\nScope\n2. Areas:\na. first;\n(aa) inserted;\nb. second.",
     "Article 1(2)", ["a.", "(aa)", "b."]),
    ("Article 1\nScope\n2. Tasks:\n(-a) inserted first;\na. first;\nb. second.",
     "Article 1(2)", ["(-a)", "a.", "b."]),
])
def test_inserted_points_are_siblings(body: str, citation: str, labels: list[str]) -> None:
    doc = reader.read_text(body)
    assert [c.label for c in doc.find(citation).children] == labels


def test_wrapped_line_closing_a_bracket_is_not_an_item() -> None:
    body = ("#### § 130 Volksverhetzung\n\n(2) Bestraft wird, wer\n\n1. einen Inhalt\n\n"
            "2. einen Inhalt (§ 11 Absatz\n3) herstellt oder bewirbt.\n")
    doc = reader.read_text(body)
    assert [c.label for c in doc.find("§ 130 Abs. 2").children] == ["1.", "2."]
    assert doc.find("§ 130 Abs. 2 Nr. 2").text.endswith("(§ 11 Absatz\n3) herstellt oder bewirbt.")


# -- 4. plain-text footnotes -----------------------------------------------------------

NOTES = ("Article 1\nScope\n1. This applies to offences.1\n2. Parties shall act2 now.\n\n"
         "1 See A/AC.291/22.\n2 As amended in\n2024 by the Committee.\n")


def test_plain_text_footnote_block() -> None:
    doc = reader.read_text(NOTES)
    one, two = doc.find("Article 1(1)"), doc.find("Article 1(2)")
    assert (one.text, [(a.kind, a.text, a.start) for a in one.annotations]) == (
        "This applies to offences.", [("footnote", "See A/AC.291/22.", 25)])
    assert (two.text, [(a.kind, a.text, a.start) for a in two.annotations]) == (
        "Parties shall act now.", [("footnote", "As amended in 2024 by the Committee.", 17)])
    assert lost_text(NOTES, doc) == []


def test_footnotes_per_page_with_superscripts() -> None:
    body = ("Article 1\nScope\nText on page one.1\n1 First note.\n\fArticle 2\nOther\n"
            "More text\u00b9 here.\n\u00b9 Second page note.\n")
    doc = reader.read_text(body)
    assert doc.find("Article 2").text == "More text here."
    assert [a.text for a in doc.find("Article 2").annotations] == ["Second page note."]
    assert [a.text for a in doc.find("Article 1").annotations] == ["First note."]
    assert lost_text(body, doc) == []


@pytest.mark.parametrize("body", [
    # a numbered paragraph is never a note
    "Article 1\nScope\nThe offences.1\n1. First paragraph.\n",
    "Article 1\nScope\nThe offences.1\n1) First paragraph.\n",
    # no reference in the text: not a note
    "Article 1\nScope\nThe offences.\n1 See A/AC.291/22.\n",
    # numbers not one after the other
    "Article 1\nScope\nText.1 More.3\n1 One.\n3 Three.\n",
    # a decimal is not a reference
    "Article 1\nScope\nAs in paragraph 2.1 above.\n1 See A/AC.291/22.\n",
])
def test_not_footnotes(body: str) -> None:
    doc = reader.read_text(body)
    assert not [a for p in doc.walk() for a in p.annotations if a.kind == "footnote"]
    assert lost_text(body, doc) == []


@pytest.mark.parametrize(("line", "number", "at"), [
    ("offences.1 under Article 12", "1", 9),
    ("Convention2 and more", "2", 10),
    ("offences\u00b9\u00b2 and", "\u00b9\u00b2", 8),
    ("paragraph 2.1 applies", "1", None),
    ("Article 5(1) applies", "1", None),
    ("offences\u00b9\u00b2 and", "\u00b2", None),  # the tail of a longer superscript
])
def test_footnote_marker(line: str, number: str, at: int | None) -> None:
    m = footnote_marker(line, number)
    assert (m.start() if m else None) == at


# -- 5. Mauritius -------------------------------------------------------------------------


def test_mauritius_sections(corpora: Path) -> None:
    path = corpora / MU
    doc = read(path)
    units = doc.articles()
    # The last line prints "22. \xad 23. --": two blank sections (SOURCE.md: ss. 1-23).
    assert [u.number for u in units] == [str(n) for n in range(1, 24)]
    s22, s23 = doc.find("s. 22"), doc.find("s. 23")
    assert (s22.heading, s22.text, s23.heading, s23.text) == (None, "", None, "")
    # "18. Prosecution No prosecution shall be instituted ..." (heading runs in)
    s18 = doc.find("s. 18")
    assert s18.heading == "Prosecution"
    assert s18.text.startswith("No prosecution shall be instituted under this Act")
    # "19. Jurisdiction (1) Notwithstanding any other enactment, ..."
    s19 = doc.find("s. 19")
    assert s19.heading == "Jurisdiction"
    assert [c.label for c in s19.children] == ["(1)", "(2)"]
    assert doc.find("s. 19(1)").text.startswith("Notwithstanding any other enactment")
    # "PART IV \xad MISCELLANEOUS": the soft hyphen is the dash after the label
    assert doc.get("part_iv").heading == "MISCELLANEOUS"
    # Known limit: points sharing a line ("(a) on board a Mauritian ship; or (b) on
    # board an aircraft ...") stay one point's text.
    assert doc.find("s. 19(2)(a)").text.startswith("on board a Mauritian ship; or (b)")
    assert lost_text(decode(path.read_bytes())[0], doc) == []


@pytest.mark.parametrize(("rest", "heading", "text"), [
    ("Prosecution No prosecution shall be instituted", "Prosecution",
     "No prosecution shall be instituted"),
    ("Jurisdiction (1) Notwithstanding any law", "Jurisdiction", "(1) Notwithstanding any law"),
    ("Short title This Act may be cited", "Short title", "This Act may be cited"),
    # a sentence, not a heading: "The" opens it
    ("The Minister may make regulations", None, "The Minister may make regulations"),
    # a name inside: not sentence case, keep it all as text
    ("Powers of the Director of Public Prosecutions", None,
     "Powers of the Director of Public Prosecutions"),
])
def test_run_in_heading(rest: str, heading: str | None, text: str) -> None:
    assert reader._run_in_heading(rest, load_profile("sections")) == (heading, text)


# -- 6. two headings on one line -----------------------------------------------------------


def test_title_and_chapter_on_one_line() -> None:
    body = ("TITLE V\nINNOVATION\nArticle 55\nMeasures\nText.\n"
            "TITLE VI GOVERNANCE CHAPTER 1\nEuropean Artificial Intelligence Board\n"
            "Article 56\nEstablishment\nText.\n")
    doc = reader.read_text(body)
    title = doc.get("title_vi")
    assert (title.heading, [c.eid for c in title.children]) == ("GOVERNANCE", ["title_vi__chp_1"])
    chapter = doc.get("title_vi__chp_1")
    assert chapter.heading == "European Artificial Intelligence Board"
    assert [a.number for a in chapter.children] == ["56"]
    assert lost_text(body, doc) == []


def test_ai_act_title_vi_chapter_1(corpora: Path) -> None:
    doc = read(corpora / (AI + "2021-04-21-AIA-COM-Proposal-21-April-21.act.md"))
    assert doc.get("title_vi").heading == "GOVERNANCE"
    assert doc.get("title_vi__chp_1").heading == "European Artificial Intelligence Board"
    assert doc.get("title_vi__chp_1__art_56").heading.startswith("Establishment of the")
    assert doc.get("title_vi__chp_2").children  # "# CHAPTER 2" closes chapter 1


# -- 7. "(-12a)" ------------------------------------------------------------------------------


def test_minus_recital_has_its_own_address() -> None:
    doc = reader.read_text("Whereas:\n(12) Twelve.\n(-12a) Before.\n(12a) After.\n"
                           "Article 1\nText.")
    pre = doc.provisions[0]
    assert [(r.label, r.number, r.eid) for r in pre.children] == [
        ("(12)", "12", "preamble__recital_12"),
        ("(-12a)", "minus12a", "preamble__recital_minus12a"),
        ("(12a)", "12a", "preamble__recital_12a")]


def test_ai_act_minus_recitals(corpora: Path) -> None:
    doc = read(corpora / (AI + "2022-12-06-CONSIL_ST_15698_2022_INIT_EN_TXT.act.md"))
    assert doc.get("preamble__recital_minus12a").text.startswith("If and insofar AI systems")
    assert doc.get("preamble__recital_12a").text.startswith(
        "This Regulation should be without prejudice")
    assert doc.get("preamble__recital_minus72a").label == "(-72a)"


def test_number_prefixes_in_own_profile(tmp_path) -> None:
    own = tmp_path / "p.toml"
    own.write_text('name = "p"\nlanguage = "en"\n[number_prefixes]\n"-" = "neg"\n'
                   "[[levels]]\nkind = \"article\"\nunit = true\n"
                   "pattern = '^(?P<label>Article (?P<number>\\d+))$'\n")
    doc = reader.read_text("Article 1\n(-a) one.\n(a) two.", profile=own)
    assert [c.eid for c in doc.articles()[0].children] == ["art_1__para_nega", "art_1__para_a"]
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "p"\nlanguage = "en"\n[number_prefixes]\n"-" = "1"\n')
    with pytest.raises(ProfileError, match="number_prefixes"):
        load_profile(bad)


# -- Pandoc raw-block fences and HTML comments -----------------------------------


def test_raw_block_fences_and_comments_are_markup_not_text() -> None:
    # Pandoc writes ```{=html} <!-- --> ``` between two lists; the AI Act
    # snapshots have dozens.  Neither the fence nor the comment is text.
    body = (
        "### Article 1\n\n1. The Regulation lays down:\n\n(a) harmonised rules;\n\n"
        "```{=html}\n<!-- -->\n```\n(b) measures in support of innovation.\n\n"
        "2. It applies to providers.\n\n```\nquoted code stays\n```\n"
    )
    doc = reader.read_text(body, source=Source(path="x.md"))
    texts = [p.text for p in doc.walk() if p.text]
    assert not any("{=html}" in t or "<!--" in t or "```" in t for t in texts), texts
    assert doc.find("Article 1(1)(a)").text == "harmonised rules;"
    assert "quoted code stays" in doc.find("Article 1(2)").text
    assert [(r.text, r.reason) for r in doc.removed] == [
        ("```{=html}", "code fence"),
        ("<!-- -->", "HTML markup"),
        ("```", "code fence"),
        ("```", "code fence"),
        ("```", "code fence"),
    ]
    assert lost_text(body, doc) == []


def test_ai_act_snapshots_carry_no_pandoc_markup(corpora: Path) -> None:
    for path in sorted((corpora / AI).glob("*.md")):
        doc = read(path)
        leaked = [p.eid for p in doc.walk() if p.text and ("{=html}" in p.text or "<!--" in p.text)]
        assert leaked == [], path.name


# -- conclusions: testimonium and final formula ------------------------------------

CLOSING = """Article 47 - Denunciation
Any Party may denounce this Convention.

Article 48 - Notification
The Secretary General shall notify:
(a) any signature;
(b) any other act relating to this Convention.

IN WITNESS WHEREOF the undersigned, being duly authorised thereto, have signed this Convention.
DONE at Budapest, this 23rd day of November 2001, in English and in French.

ANNEX I
List of offences
"""


def test_testimonium_after_the_last_article_is_the_conclusions() -> None:
    doc = reader.read_text(CLOSING, source=Source(path="x.txt"), profile="en")
    # Article 48(b) ends where the list ends: the testimonium is not part of it.
    assert doc.find("Article 48(b)").text == "any other act relating to this Convention."
    (conclusions,) = [p for p in doc.walk() if p.kind == "conclusions"]
    assert conclusions.eid == "conclusions"
    assert conclusions.text.startswith("IN WITNESS WHEREOF the undersigned")
    assert conclusions.text.endswith("in English and in French.")
    assert doc.citation("conclusions") == "Conclusions"
    # What follows (an annex) is still read as such.
    assert [p.kind for p in doc.provisions] == ["article", "article", "conclusions", "annex"]
    assert lost_text(CLOSING, doc) == []


def test_closing_words_inside_an_article_are_text() -> None:
    body = ("Article 1\nDone at the request of a Party, the search shall be recorded.\n\n"
            "Article 2\nEach Party shall cooperate.\n")
    doc = reader.read_text(body, source=Source(path="x.txt"), profile="en")
    assert not [p for p in doc.walk() if p.kind == "conclusions"]
    assert doc.find("Article 1").text.startswith("Done at the request")


def test_budapest_article_48_ends_before_the_testimonium(corpora: Path) -> None:
    doc = read(corpora / (BUDAPEST + "2012-10-24.md"))
    en = doc.get("part_en__conclusions")
    nl = doc.get("part_nl__conclusions")
    assert en.text.startswith("IN WITNESS WHEREOF") and "DONE at Budapest" in en.text
    assert nl.text.startswith("TEN BLIJKE WAARVAN")
    last_points = [p for p in doc.walk() if p.eid.startswith("part_en__chp_iv__art_48")]
    assert not any("WITNESS" in (p.text or "") for p in last_points)


# -- "(i)": the letter after "(h)", or the first roman numeral ---------------------

US_LADDER = """#### § 2703. Required disclosure
###### (h) Comity analysis

(1) Definitions.

(A) the term "qualifying foreign government" means a foreign government

(i) with which the United States has an executive agreement; and

(ii) the laws of which provide substantive and procedural protections;

(B) the term "United States person" has the meaning given in section 2523.

####### (i) Rule of construction
Nothing in this section shall be construed to limit remedies.
"""


def test_roman_clause_under_a_capital_letter_item() -> None:
    doc = reader.read_text(US_LADDER, source=Source(path="x.md"), profile="us")
    # (h)(1)(A)(i): under an open "(A)", "(i)" is a clause, not the letter after "(h)"
    assert doc.find("§ 2703(h)(1)(A)(i)").text.startswith("with which the United States")
    assert doc.find("§ 2703(h)(1)(A)(ii)").text.startswith("the laws of which")
    assert doc.find("§ 2703(h)(1)(B)").text.startswith('the term "United States person"')
    assert lost_text(US_LADDER, doc) == []


@pytest.mark.parametrize(
    ("lead_in", "nested"),
    [
        ("(h) the extent to which existing law provides for:", True),
        ("(h) It shall not be unlawful under this chapter", True),  # the dash lost in conversion
        ("(h) any notification of a Party; or", False),
        ("(h) any notification of a Party.", False),
    ],
)
def test_roman_i_after_h_follows_how_h_ends(lead_in: str, nested: bool) -> None:
    body = f"Article 7\n2. The Commission shall consider:\n(g) the harm;\n{lead_in}\n(i) redress;\n"
    doc = reader.read_text(body, source=Source(path="x.txt"), profile="en")
    if nested:
        assert doc.find("Article 7(2)(h)(i)").text == "redress;"
    else:
        assert doc.find("Article 7(2)(i)").text == "redress;"
    assert lost_text(body, doc) == []


def test_capital_roman_subclauses() -> None:
    body = ("#### § 2511. Interception\n(ii) to intercept any radio communication which is transmitted\n"
            "(I) by any station;\n(II) by any governmental system;\n(III) by a station on an "
            "authorized frequency; or\n(IV) by any marine system;\n")
    doc = reader.read_text(body, source=Source(path="x.md"), profile="us")
    labels = [p.label for p in doc.walk() if p.label and p.label.startswith("(I")]
    assert labels == ["(I)", "(II)", "(III)", "(IV)"]


def test_seven_hash_heading_marker_is_markup() -> None:
    body = "#### § 2511. Interception\n####### (g) It shall not be unlawful under this chapter\n"
    doc = reader.read_text(body, source=Source(path="x.md"), profile="us")
    assert all("#" not in (p.text or "") for p in doc.walk())


def test_first_line_of_a_wrapped_sentence_is_not_a_heading() -> None:
    # StPO 2013 prints sections without headings, their text hard-wrapped:
    # "§ 1" / "Die sachliche Zuständigkeit ... über" / "die Gerichtsverfassung
    # bestimmt."  The first line looks like a heading (capital, no full stop)
    # but the sentence goes on in lower case on the next line.
    body = (
        "#### § 1\n\nDie sachliche Zuständigkeit der Gerichte wird durch das Gesetz über\n"
        "die Gerichtsverfassung bestimmt.\n\n#### § 2\n\nZusammenhängende Strafsachen\n\n"
        "(1) Zusammenhängende Strafsachen können verbunden werden.\n"
    )
    doc = reader.read_text(body, source=Source(path="x.md"), profile="de")
    first = doc.find("§ 1")
    assert first.heading is None
    assert _norm(first.text) == (
        "Die sachliche Zuständigkeit der Gerichte wird durch das Gesetz über die "
        "Gerichtsverfassung bestimmt."
    )
    assert doc.find("§ 2").heading == "Zusammenhängende Strafsachen"  # a real heading stays one
    assert lost_text(body, doc) == []


def test_stpo_2013_sections_have_their_whole_first_sentence(corpora: Path) -> None:
    doc = read(corpora / "de-stpo/stpo_index_2013-01-11.md")
    (s1,) = [p for p in doc.walk() if p.kind == "section" and p.number == "1"]
    assert s1.text.startswith("Die sachliche Zuständigkeit der Gerichte")


def test_contents_of_books_and_chapters_before_the_first_section_is_no_structure(
    corpora: Path,
) -> None:
    # StPO 2013 opens with an "Übersicht" listing books and chapters ("Erstes
    # Buch", "Erster Abschnitt ... §§ 1 bis 6a") and no sections; the real
    # "Erstes Buch" follows.  The listing stays text of the preamble, and the
    # real books and sections keep their eIds (as in the 2022 version).
    doc = read(corpora / "de-stpo/stpo_index_2013-01-11.md")
    parts = [p for p in doc.provisions if p.kind == "part"]
    assert [p.eid for p in parts[:3]] == ["part_1", "part_2", "part_3"]
    assert parts[0].heading == "Allgemeine Vorschriften"
    assert not any(p.eid.startswith("part_1_2") for p in doc.walk())
    (s100a,) = [p for p in doc.walk() if p.kind == "section" and p.number == "100a"]
    assert s100a.eid == "part_1__chp_8__sec_100a"
    preamble = doc.provisions[0]
    assert "Übersicht" in " ".join(p.text or "" for p in preamble.walk())
