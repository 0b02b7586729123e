"""The PDF reader: reading order, page furniture, hyphenation, footnotes, bad files, real drafts."""

from __future__ import annotations

import re

import pytest

from treatydiff.errors import ParseError
from treatydiff.model import Source
from treatydiff.readers.pdf import extract, paragraphs, read

# -- tiny PDFs written by hand ----------------------------------------------------------------
# Each page is a list of (x, y, size, text); Helvetica (a standard font every reader knows),
# WinAnsi encoding.  Offsets in the xref table are computed, so the files are well formed.

A4 = (595, 842)


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def make_pdf(
    pages: list[list[tuple[float, float, float, str]]],
    *,
    encrypt: bytes | None = None,
    images: bool = False,
) -> bytes:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    image = None
    if images:
        pixels = b"\x80" * (8 * 8)
        image = add(
            b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream"
        )
    pages_id = len(objects) + 1 + 2 * len(pages)  # the /Pages object comes after all pages
    kids = []
    for items in pages:
        ops = []
        for x, y, size, text in items:
            ops.append(b"BT /F1 %g Tf %g %g Td (%s) Tj ET" % (size, x, y, _escape(text)))
        if image is not None:
            ops.append(b"q 400 0 0 600 100 100 cm /Im1 Do Q")
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        xobj = b" /XObject << /Im1 %d 0 R >>" % image if image is not None else b""
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >>%s >> >>"
                % (pages_id, A4[0], A4[1], content, font, xobj)
            )
        )
    assert (
        add(
            b"<< /Type /Pages /Kids [%s] /Count %d >>"
            % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
        )
        == pages_id
    )
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    encrypt_ref = b""
    if encrypt is not None:
        encrypt_ref = b" /Encrypt %d 0 R" % add(encrypt)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    trailer_id = b" /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]"
    out += b"trailer\n<< /Size %d /Root %d 0 R%s%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        encrypt_ref,
        trailer_id if encrypt else b"",
        xref,
    )
    return bytes(out)


def body_page(lines: list[str], *, top: float = 760, x: float = 72, pitch: float = 14):
    return [(x, top - i * pitch, 11, text) for i, text in enumerate(lines)]


def furnished(page_number: int, lines: list[str]):
    """A page with a running header, a footer and a page number around ``lines``."""
    return [
        (72, 810, 9, "Draft convention on countering computer crime"),
        *body_page(lines),
        (72, 40, 9, "V.23-01234"),
        (290, 40, 9, str(page_number)),
    ]


def texts(data: bytes, **options) -> list[str]:
    return [line.text for line in extract(data, name="t.pdf", **options).lines]


# -- furniture --------------------------------------------------------------------------------


def test_running_header_footer_and_page_numbers_are_removed_and_reported():
    data = make_pdf(
        [
            furnished(1, ["Article 1", "Scope"]),
            furnished(2, ["Article 3", "Use of terms"]),
            furnished(3, ["Article 4", "Sovereignty"]),
        ]
    )
    ex = extract(data, name="t.pdf")
    assert [(ln.text, ln.page) for ln in ex.lines] == [
        ("Article 1", 1),
        ("Scope", 1),
        ("Article 3", 2),
        ("Use of terms", 2),
        ("Article 4", 3),
        ("Sovereignty", 3),
    ]
    reasons = sorted((r.reason, r.text) for r in ex.removed)
    assert reasons == [
        ("page number (page 1)", "1"),
        ("page number (page 2)", "2"),
        ("page number (page 3)", "3"),
        ("running footer (page 1)", "V.23-01234"),
        ("running footer (page 2)", "V.23-01234"),
        ("running footer (page 3)", "V.23-01234"),
        ("running header (page 1)", "Draft convention on countering computer crime"),
        ("running header (page 2)", "Draft convention on countering computer crime"),
        ("running header (page 3)", "Draft convention on countering computer crime"),
    ]
    # a removal names the line where the text stood: page 2's header stood before "Article 3"
    header2 = next(r for r in ex.removed if r.reason == "running header (page 2)")
    assert ex.lines[header2.line - 1].text == "Article 3"


def test_a_lone_page_number_is_removed_even_in_a_short_file():
    data = make_pdf([[*body_page(["Article 1", "Scope"]), (290, 40, 9, "- 1 -")]])
    ex = extract(data, name="t.pdf")
    assert [ln.text for ln in ex.lines] == ["Article 1", "Scope"]
    assert [(r.text, r.reason) for r in ex.removed] == [("- 1 -", "page number (page 1)")]


def test_text_high_on_the_page_that_repeats_is_kept():
    # "[deleted]" stands at the same height on every page, in the top band, but below a line
    # of body text; and "Article n" on page n looks like a numbered running header, yet it is
    # made of ordinary words, not a document symbol or "Page n".
    pages = [body_page([f"Article {n}", "[deleted]"], top=790) for n in range(1, 5)]
    assert texts(make_pdf(pages)) == [
        line for n in range(1, 5) for line in (f"Article {n}", "[deleted]")
    ]


def test_a_symbol_with_the_page_number_is_furniture():
    pages = [
        [(72, 800, 9, f"A/AC.291/22 page {n + 1}"), *body_page([f"Text {n}", "more text"])]
        for n in range(1, 5)
    ]
    ex = extract(make_pdf(pages), name="t.pdf")
    assert [ln.text for ln in ex.lines] == [
        t for n in range(1, 5) for t in (f"Text {n}", "more text")
    ]
    assert [r.text for r in ex.removed] == [f"A/AC.291/22 page {n}" for n in range(2, 6)]


# -- reading order ----------------------------------------------------------------------------


def test_label_printed_as_its_own_box_joins_its_text():
    page = [
        (72, 760, 11, "1."),
        (110, 760, 11, "Each State Party shall adopt:"),
        (110, 746, 11, "(a)"),
        (140, 746, 11, "legislative measures; and"),
    ]
    assert texts(make_pdf([page])) == [
        "1. Each State Party shall adopt:",
        "(a) legislative measures; and",
    ]


def test_two_columns_are_read_left_then_right():
    left = [(60, 700 - i * 14, 10, f"left column line {i} of the text") for i in range(6)]
    right = [(320, 700 - i * 14, 10, f"right column line {i} of the text") for i in range(6)]
    heading = [(60, 760, 12, "A heading that spans both columns of the page, left to right")]
    lines = texts(make_pdf([heading + right + left]), paragraph_gaps=False)
    assert lines == [
        "A heading that spans both columns of the page, left to right",
        *(f"left column line {i} of the text" for i in range(6)),
        *(f"right column line {i} of the text" for i in range(6)),
    ]


def test_paragraph_gaps_become_blank_lines():
    page = [
        (72, 760, 11, "1. The first paragraph runs"),
        (72, 746, 11, "over two lines."),
        (72, 722, 11, "2. The second paragraph."),
        (72, 708, 11, "3. The third paragraph."),
    ]
    assert texts(make_pdf([page])) == [
        "1. The first paragraph runs",
        "over two lines.",
        "",
        "2. The second paragraph.",
        "3. The third paragraph.",
    ]


# -- hyphenation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["the exchange of informa-", "tion between Parties"],
            ["the exchange of information", "between Parties"],
        ),
        # a compound the document writes elsewhere keeps its hyphen
        (
            ["a high-risk system", "and another high-", "risk system"],
            ["a high-risk system", "and another high-risk", "system"],
        ),
        # both halves are words of the document: a real compound
        (
            ["so it is called", "the so-", "called test"],
            ["so it is called", "the so-called", "test"],
        ),
        # the joined word is used elsewhere: a line-end hyphenation
        (
            ["to cooperate fully", "States shall co-", "operate closely"],
            ["to cooperate fully", "States shall cooperate", "closely"],
        ),
        # a longer compound cut after its second part
        (["on a case-by-", "case basis"], ["on a case-by-case", "basis"]),
        # a capital after the hyphen is not a continuation ("Franco-" / "German" stays apart)
        (["the pre-", "Convention talks"], ["the pre-", "Convention talks"]),
        # a dash between words is not a hyphen
        (["the Parties -", "all of them"], ["the Parties -", "all of them"]),
    ],
)
def test_hyphenation_at_line_ends(lines, expected):
    assert texts(make_pdf([body_page(lines)])) == expected


def test_a_word_moved_up_empties_no_line():
    assert texts(make_pdf([body_page(["the informa-", "tion", "follows"])])) == [
        "the information",
        "follows",
    ]


# -- footnotes --------------------------------------------------------------------------------


def test_footnotes_leave_the_body_and_superscripts_become_markers():
    page = [
        (72, 760, 11, "Article 2"),
        (72, 746, 11, "Each State Party shall act"),
        (198, 751, 7, "1"),
        (202, 746, 11, " in good faith."),
        (72, 732, 11, "and shall take the legislative and other measures"),
        (72, 718, 11, "that are needed to that end."),
        (72, 120, 8, "1"),
        (84, 120, 8, "See the Vienna Convention on the Law"),
        (84, 110, 8, "of Treaties, article 26."),
    ]
    ex = extract(make_pdf([page]), name="t.pdf")
    assert [(ln.text, ln.kind) for ln in ex.lines] == [
        ("Article 2", "body"),
        ("Each State Party shall act[^1] in good faith.", "body"),
        ("and shall take the legislative and other measures", "body"),
        ("that are needed to that end.", "body"),
        ("[^1]: See the Vienna Convention on the Law of Treaties, article 26.", "footnote"),
    ]
    no_notes = extract(make_pdf([page]), name="t.pdf", footnotes=False)
    assert [ln.kind for ln in no_notes.lines] == ["body"] * 4
    assert [r.reason for r in no_notes.removed] == ["footnote (page 1)", "footnote (page 1)"]


# -- paragraphs and the whole path -------------------------------------------------------------

# Lines set full to x=520 (justified) in 11 pt Helvetica; a short last line ends a paragraph.
WRAPPED = [
    "1. Each State Party shall afford the widest measure of mutual legal",
    # ends short: "Article" would have fitted, so the paragraph ends here
    "assistance in accordance with the conditions provided for in",
    "2. The requesting State Party shall use the information only for the",
    "purposes stated in the request and in accordance with the conditions in",
    "Article 61 of this Convention, unless the requested State Party consents.",
]


def test_paragraphs_join_wrapped_lines_but_not_a_cross_reference_heading():
    page = [(72, 760, 11, "Article 40"), (72, 746, 11, "Mutual legal assistance")]
    page += [(72, 720 - i * 14, 11, t) for i, t in enumerate(WRAPPED)]
    lines = extract(make_pdf([page]), name="t.pdf", paragraph_gaps=False).lines
    # stretch every line but the short ones to the right edge, as justified text is
    full = {0, 2, 3}
    lines = tuple(attrs_evolve(ln, x1=520.0) if i - 2 in full else ln for i, ln in enumerate(lines))
    joined = [ln.text for ln in paragraphs(lines)]
    assert joined == [
        "Article 40",
        "Mutual legal assistance",
        "1. Each State Party shall afford the widest measure of mutual legal "
        "assistance in accordance with the conditions provided for in",
        "2. The requesting State Party shall use the information only for the purposes stated "
        "in the request and in accordance with the conditions in Article 61 of this Convention, "
        "unless the requested State Party consents.",
    ]


def attrs_evolve(line, **changes):
    import attrs

    return attrs.evolve(line, **changes)


def test_a_centred_heading_at_the_top_of_a_page_starts_a_paragraph():
    filler = [
        (72, 760 - i * 14, 11, f"line {i} of a paragraph that runs across the page to")
        for i in range(8)
    ]
    page1 = filler
    # centred between the margins (72 and 520) of the text on page 1: "Article 7" is 44 pt wide
    page2 = [(274, 760, 11, "Article 7"), (72, 740, 11, "Text of the article.")]
    lines = extract(make_pdf([page1, page2]), name="t.pdf").lines
    stretched = tuple(attrs_evolve(ln, x1=520.0) if ln.page == 1 else ln for ln in lines)
    joined = [ln for ln in paragraphs(stretched) if ln.text]
    assert [(ln.text[:6], ln.page) for ln in joined] == [
        ("line 0", 1),
        ("Articl", 2),
        ("Text o", 2),
    ]
    assert joined[0].text.endswith("line 7 of a paragraph that runs across the page to")


def _three_articles() -> list:
    """Three pages of a draft, one article each, with header, footer and page number."""
    pages = [
        furnished(
            1,
            [
                "Article 1",
                "Scope",
                "",
                "1. This Convention applies to offences.",
                "2. It also applies to evidence.",
            ],
        ),
        furnished(
            2,
            [
                "Article 2",
                "Use of terms",
                "",
                "For the purposes of this Convention:",
                "(a) “data” means data;",
            ],
        ),
        furnished(3, ["Article 3", "Sovereignty", "", "States Parties shall respect sovereignty."]),
    ]
    return [[item for item in page if item[3]] for page in pages]


def test_read_gives_every_provision_its_page():
    pages = _three_articles()
    doc = read(make_pdf(pages), source=Source(path="draft.pdf"))
    assert doc.source.format == "pdf"
    assert [(p.eid, p.span.page) for p in doc.walk()] == [
        ("art_1", 1),
        ("art_1__para_1", 1),
        ("art_1__para_2", 1),
        ("art_2", 2),
        ("art_2__para_a", 2),
        ("art_3", 3),
    ]
    assert doc.get("art_2").heading == "Use of terms"
    assert doc.get("art_1__para_2").text == "It also applies to evidence."
    # the furniture is reported in the document, pointing at the line where it stood
    assert sum(r.reason.startswith("running header") for r in doc.removed) == 3
    assert sum(r.reason.startswith("page number") for r in doc.removed) == 3


def test_the_page_number_printed_on_each_page_is_kept_beside_the_pdf_page():
    # The body starts on the second PDF page, printed "- 1 -", "- 2 -", "- 3 -",
    # as UN documents do after an unnumbered cover.
    cover = [(72, 700, 14, "Draft United Nations convention")]
    pages = [cover, *_three_articles()]
    ex = extract(make_pdf(pages), name="t.pdf")
    assert ex.page_labels == ((2, "1"), (3, "2"), (4, "3"))
    doc = read(make_pdf(pages), source=Source(path="draft.pdf"))
    art3 = doc.find("Article 3")
    assert (art3.span.page, doc.page_label(art3.span.page)) == (4, "3")
    assert doc.page_label(1) is None  # the cover has no printed number
    rows = {r["citation"]: r for r in doc.records()}
    assert (rows["Article 2"]["page"], rows["Article 2"]["page_label"]) == (3, "2")


def test_a_document_symbol_with_the_page_number_gives_the_printed_number():
    # "A/AC.291/22 page 5" on physical page 1: the number follows the page at
    # a constant distance, so that is the printed number.
    pages = [
        [(72, 810, 9, f"A/AC.291/22 page {n + 4}"), *body_page([f"Article {n}", "Text."])]
        for n in range(1, 5)
    ]
    ex = extract(make_pdf(pages), name="t.pdf")
    assert ex.page_labels == ((1, "5"), (2, "6"), (3, "7"), (4, "8"))


def test_no_printed_number_no_label():
    pages = [body_page([f"Article {n}", "Text."]) for n in range(1, 4)]
    assert extract(make_pdf(pages), name="t.pdf").page_labels == ()
    doc = read(make_pdf(pages), source=Source(path="draft.pdf"))
    assert "page_labels" not in dict(doc.metadata)
    assert doc.page_label(1) is None


# -- bad files --------------------------------------------------------------------------------


def test_image_only_pdf_asks_for_ocr():
    with pytest.raises(ParseError) as err:
        extract(make_pdf([[]], images=True), name="scan.pdf")
    assert str(err.value) == (
        "scan.pdf: has no text layer on any of its 1 page(s): it is a scan or images "
        "(expected a PDF with selectable text: OCR it first (e.g. ocrmypdf) and read the result)"
    )


def test_encrypted_pdf_with_a_user_password():
    encrypt = (
        b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 "
        b"/O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>"
    )
    with pytest.raises(ParseError) as err:
        extract(make_pdf([body_page(["secret"])], encrypt=encrypt), name="locked.pdf")
    assert str(err.value) == (
        "locked.pdf: is encrypted and needs a password "
        "(expected an unencrypted PDF: save a copy without a password first)"
    )


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (b"Article 1\nScope\n", "is not a PDF file (no %PDF- header)"),
        (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "is a damaged PDF"),
    ],
)
def test_not_a_pdf_or_damaged(data, found):
    with pytest.raises(ParseError) as err:
        extract(data, name="bad.pdf")
    assert err.value.source == "bad.pdf"
    assert err.value.message.startswith(found)


# -- the real EU AI Act drafts ------------------------------------------------------------------

PDF_DIR = "eu-ai-act-drafts/pdf"


@pytest.fixture(scope="module")
def com_lines(corpora):
    data = (corpora / PDF_DIR / "AIA-COM-Proposal-21-April-21.pdf").read_bytes()
    return extract(data, name="com.pdf", pages=range(38, 46))


def _after(lines, text):
    index = next(i for i, ln in enumerate(lines) if ln.text == text)
    return [ln for ln in lines[index:] if ln.kind == "body" and ln.text][:4]


@pytest.mark.corpus
def test_com_proposal_pages_and_furniture(com_lines):
    # Read from the PDF: Article 1 stands on page 39 (printed "38"), Article 5 on page 44,
    # where it has no heading of its own: its first paragraph follows at once.
    art1 = _after(com_lines.lines, "Article 1")
    assert [(ln.text, ln.page) for ln in art1[:3]] == [
        ("Article 1", 39),
        ("Subject matter", 39),
        ("This Regulation lays down:", 39),
    ]
    assert art1[3].text.startswith("(a) harmonised rules for the placing on the market")
    art5 = _after(com_lines.lines, "Article 5")
    assert art5[0].page == 44
    assert art5[1].text == "1. The following artificial intelligence practices shall be prohibited:"
    # every page's "EN" marks and printed page number are gone and reported
    assert not any(ln.text in ("EN", "EN EN") for ln in com_lines.lines)
    printed = sorted(int(r.text) for r in com_lines.removed if r.reason.startswith("page number"))
    assert printed == list(range(37, 45))  # physical pages 38-45 print 37-44


@pytest.mark.corpus
def test_council_general_approach_furniture(corpora):
    data = (corpora / PDF_DIR / "CONSIL_ST_15698_2022_INIT_EN_TXT.pdf").read_bytes()
    ex = extract(data, name="st15698.pdf", pages=range(79, 83))
    body = [ln.text for ln in ex.lines]
    # the Council's footer (document number, DG code, initials, "EN") never reaches the text
    for furniture in ("15698/22", "TREE.2.B", "RB/ek", "EN"):
        assert not any(furniture == t or t.startswith(furniture + " ") for t in body)
    assert {r.text for r in ex.removed} >= {"15698/22", "TREE.2.B", "RB/ek", "EN", "80"}
    nine = body.index("Article 9")
    assert body[nine + 1] == "Risk management system"
    assert body[nine + 3].startswith("1. A risk management system shall be established")
    assert any(re.match(r"\(b\) \[deleted\];?$", t) for t in body)


@pytest.fixture(scope="module")
def com(corpora):
    data = (corpora / PDF_DIR / "AIA-COM-Proposal-21-April-21.pdf").read_bytes()
    return read(data, source=Source(path="AIA-COM-Proposal-21-April-21.pdf"))


@pytest.fixture(scope="module")
def council(corpora):
    data = (corpora / PDF_DIR / "CONSIL_ST_15698_2022_INIT_EN_TXT.pdf").read_bytes()
    return read(data, source=Source(path="CONSIL_ST_15698_2022_INIT_EN_TXT.pdf"))


def _markdown_article_numbers(path):
    """Article numbers of a Markdown snapshot: lines that are only "Article N" (any emphasis)."""
    pattern = re.compile(r"^[*_\[ ]*Article +(\d+[a-z]?)\b[^a-z]*(?:[A-Z][^.]*)?$")
    numbers = []
    for line in path.read_text(encoding="utf-8").splitlines():
        # pandoc escapes brackets: "*Article 24 \\[deleted\\]*" is an article left empty
        m = pattern.match(line.replace("\\", "").replace("[deleted]", "").strip())
        if m and m.group(1) not in numbers:
            numbers.append(m.group(1))
    return numbers


MD_DIR = "eu-ai-act-drafts/md-snapshots-branch-20230103"


@pytest.mark.corpus
def test_com_proposal_has_85_articles_like_its_markdown(com, corpora):
    # Counted by reading the proposal: Articles 1 to 85, none with a letter suffix.
    numbers = [a.number for a in com.articles()]
    assert numbers == [str(n) for n in range(1, 86)]
    md = _markdown_article_numbers(
        corpora / MD_DIR / "2021-04-21-AIA-COM-Proposal-21-April-21.act.md"
    )
    assert len(md) == len(numbers) == 85


@pytest.mark.corpus
def test_council_general_approach_has_98_articles_like_its_markdown(council, corpora):
    # 85 numbered articles plus the 13 the Council inserted: 4a-4c, 23a, 33a, 34a, 54a, 54b,
    # 55a, 58a, 63a, 68a, 68b.
    numbers = [a.number for a in council.articles()]
    inserted = {
        "4a",
        "4b",
        "4c",
        "23a",
        "33a",
        "34a",
        "54a",
        "54b",
        "55a",
        "58a",
        "63a",
        "68a",
        "68b",
    }
    assert set(numbers) == {str(n) for n in range(1, 86)} | inserted
    assert len(numbers) == 98
    md = _markdown_article_numbers(
        corpora / MD_DIR / "2022-12-06-CONSIL_ST_15698_2022_INIT_EN_TXT.act.md"
    )
    assert len(md) == 98


@pytest.mark.corpus
def test_every_provision_carries_its_page(com, council):
    for doc, pages in ((com, 108), (council, 208)):
        for provision in doc.walk():
            assert provision.span is not None and provision.span.page is not None, provision.eid
            assert 1 <= provision.span.page <= pages


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("citation", "heading", "first_words", "page"),
    [
        # read from the PDF of COM(2021) 206 (physical page numbers; the footer prints one less)
        ("Article 1", "Subject matter", "This Regulation lays down:", 39),
        ("Article 5", None, "", 44),
        (
            "Article 5(1)",
            None,
            "The following artificial intelligence practices shall be prohibited:",
            44,
        ),
        (
            "Article 5(1)(a)",
            None,
            "the placing on the market, putting into service or use of an AI system that "
            "deploys subliminal techniques",
            44,
        ),
        (
            "Article 5(1)(d)(i)",
            None,
            "the targeted search for specific potential victims of crime, including missing "
            "children;",
            45,
        ),
        ("Article 29", "Obligations of users of high-risk AI systems", "", 59),
        (
            "Article 52(1)",
            None,
            "Providers shall ensure that AI systems intended to interact with natural persons",
            70,
        ),
        ("Article 85", "Entry into force and application", "", 89),
    ],
)
def test_com_proposal_provisions(com, citation, heading, first_words, page):
    provision = com.find(citation)
    assert provision.heading == heading
    assert provision.text.startswith(first_words)
    assert provision.span.page == page
    # the proposal's cover is unnumbered: page N of the file is printed "N - 1"
    assert com.page_label(page) == str(page - 1)


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("citation", "heading", "first_words", "page"),
    [
        # read from the PDF of Council document ST 15698/22
        ("Article 4a", "Compliance of general purpose AI systems with this Regulation", "", 70),
        (
            "Article 5(1)",
            None,
            "The following artificial intelligence practices shall be prohibited:",
            73,
        ),
        ("Article 9", "Risk management system", "", 80),
        ("Article 9(2)(b)", None, "", 80),  # "[deleted]" leaves the text as a note
        (
            "Article 52",
            "Transparency obligations for providers and users of certain AI systems",
            "",
            127,
        ),
        ("Article 85(1)", None, "This Regulation shall enter into force on the twentieth day", 183),
    ],
)
def test_council_general_approach_provisions(council, citation, heading, first_words, page):
    provision = council.find(citation)
    assert provision.heading == heading
    assert provision.text.startswith(first_words)
    assert provision.span.page == page
