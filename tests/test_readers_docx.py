"""The DOCX reader: Word's automatic numbering, tracked changes, footnotes, bad files."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx_builder import DocxBuilder, minimal_docx
from hypothesis import given
from hypothesis import strategies as st

from treatydiff.errors import ParseError, UnsafeInputError
from treatydiff.readers.docx import NumberingState, extract, format_number

# -- number formats ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (1, "decimal", "1"),
        (12, "decimal", "12"),
        (1, "lowerLetter", "a"),
        (26, "lowerLetter", "z"),
        (27, "lowerLetter", "aa"),  # Word repeats the letter, it does not go on to "ab"
        (28, "lowerLetter", "bb"),
        (3, "upperLetter", "C"),
        (4, "lowerRoman", "iv"),
        (9, "lowerRoman", "ix"),
        (14, "upperRoman", "XIV"),
        (1994, "upperRoman", "MCMXCIV"),
        (7, "decimalZero", "07"),
        (2, "ordinal", "2nd"),
        (11, "ordinal", "11th"),
        (5, "none", ""),
        (5, "cardinalText", "5"),
    ],
)
def test_format_number(value, fmt, expected):
    assert format_number(value, fmt) == expected


# -- numbering state, from numbering.xml written by hand ----------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _lvl(ilvl, fmt, text, start=1, extra=""):
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


UN_LEVELS = (
    _lvl(0, "decimal", "%1.") + _lvl(1, "lowerLetter", "(%2)") + _lvl(2, "lowerRoman", "(%3)")
)


def _state(numbering_inner: str) -> NumberingState:
    from lxml import etree

    return NumberingState.from_xml(
        etree.fromstring(f'<w:numbering xmlns:w="{W}">{numbering_inner}</w:numbering>')
    )


def _run(state, steps):
    return [state.next(num, ilvl) for num, ilvl in steps]


def test_levels_restart_when_a_higher_level_advances():
    state = _state(
        f'<w:abstractNum w:abstractNumId="0">{UN_LEVELS}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )
    steps = [("1", 0), ("1", 1), ("1", 1), ("1", 2), ("1", 1), ("1", 2), ("1", 0), ("1", 1)]
    assert _run(state, steps) == ["1.", "(a)", "(b)", "(i)", "(c)", "(i)", "2.", "(a)"]


def test_lists_on_one_definition_continue_unless_restarted():
    state = _state(
        f'<w:abstractNum w:abstractNumId="0">{UN_LEVELS}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="0"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    )
    # list 2 shares the definition of list 1 and so goes on counting; list 3 restarts
    steps = [("1", 0), ("1", 0), ("2", 0), ("3", 0), ("3", 0), ("1", 0)]
    assert _run(state, steps) == ["1.", "2.", "3.", "1.", "2.", "3."]


def test_start_values_and_start_override_other_than_one():
    state = _state(
        f'<w:abstractNum w:abstractNumId="0">{_lvl(0, "decimal", "%1.", start=4)}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="0"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride></w:num>'
    )
    assert _run(state, [("1", 0), ("1", 0), ("2", 0), ("2", 0)]) == ["4.", "5.", "10.", "11."]


def test_multilevel_text_legal_numbering_and_no_restart():
    levels = (
        _lvl(0, "upperRoman", "%1.")
        + _lvl(1, "decimal", "%1.%2", extra="<w:isLgl/>")
        + _lvl(2, "lowerLetter", "%3)", extra='<w:lvlRestart w:val="0"/>')
    )
    state = _state(
        f'<w:abstractNum w:abstractNumId="7">{levels}</w:abstractNum>'
        '<w:num w:numId="4"><w:abstractNumId w:val="7"/></w:num>'
    )
    steps = [("4", 0), ("4", 1), ("4", 2), ("4", 0), ("4", 1), ("4", 2)]
    # isLgl shows the roman level 1 as "2" in "2.1"; lvlRestart 0 keeps "b)" counting
    assert _run(state, steps) == ["I.", "1.1", "a)", "II.", "2.1", "b)"]


def test_no_number_for_bullets_list_zero_and_unknown_lists():
    state = _state(
        f'<w:abstractNum w:abstractNumId="0">{_lvl(0, "bullet", "•")}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )
    assert _run(state, [("1", 0), ("0", 0), ("99", 0), (None, 0)]) == [None, None, None, None]


# -- paragraphs, numbering and tracked changes, from hand-written document XML ----------------

NUMBERING = (
    f'<w:abstractNum w:abstractNumId="0">{UN_LEVELS}</w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
)


def _p(inner, num=None, ilvl=0, ppr_extra="", mark=""):
    numpr = f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>' if num else ""
    rpr = f"<w:rPr>{mark}</w:rPr>" if mark else ""
    return f"<w:p><w:pPr>{numpr}{ppr_extra}{rpr}</w:pPr>{inner}</w:p>"


def _r(text):
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _ins(text):
    return f'<w:ins w:id="1" w:author="A"><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:ins>'


def _del(text):
    return (
        f'<w:del w:id="2" w:author="A"><w:r><w:delText xml:space="preserve">{text}</w:delText>'
        "</w:r></w:del>"
    )


def _texts(data, revision="accepted"):
    return [p.text for p in extract(data, revision=revision).paragraphs]


def test_tracked_changes_inside_a_paragraph():
    data = minimal_docx(
        _p(_r("Each State Party ") + _del("shall") + _ins("may") + _r(" require intent."))
    )
    assert _texts(data) == ["Each State Party may require intent."]
    assert _texts(data, "rejected") == ["Each State Party shall require intent."]


def test_moves_follow_the_revision():
    data = minimal_docx(
        _p(
            _r("A ")
            + '<w:moveFrom w:id="3" w:author="A"><w:r><w:delText>old place </w:delText></w:r>'
            "</w:moveFrom>"
            + _r("B")
            + '<w:moveTo w:id="4" w:author="A"><w:r><w:t xml:space="preserve"> new place</w:t>'
            "</w:r></w:moveTo>"
        )
    )
    assert _texts(data) == ["A B new place"]
    assert _texts(data, "rejected") == ["A old place B"]


def test_inserted_and_deleted_numbered_paragraphs_renumber_the_rest():
    body = (
        _p(_r("first"), num=1, ilvl=1)
        + _p(_del("second, deleted"), num=1, ilvl=1, mark='<w:del w:id="5" w:author="A"/>')
        + _p(_r("third"), num=1, ilvl=1)
        + _p(_ins("fourth, inserted"), num=1, ilvl=1, mark='<w:ins w:id="6" w:author="A"/>')
        + _p(_r("fifth"), num=1, ilvl=1)
    )
    data = minimal_docx(body, numbering=NUMBERING)
    assert _texts(data) == ["(a) first", "(b) third", "(c) fourth, inserted", "(d) fifth"]
    assert _texts(data, "rejected") == [
        "(a) first",
        "(b) second, deleted",
        "(c) third",
        "(d) fifth",
    ]


def test_deleted_paragraph_mark_joins_two_paragraphs():
    body = _p(_r("The offence shall be") + _del(""), mark='<w:del w:id="7" w:author="A"/>') + _p(
        _r(" committed intentionally.")
    )
    data = minimal_docx(body)
    assert _texts(data) == ["The offence shall be committed intentionally."]
    assert _texts(data, "rejected") == ["The offence shall be", "committed intentionally."]


def test_rejected_numbering_change_uses_the_old_properties():
    change = (
        '<w:pPrChange w:id="8" w:author="A"><w:pPr><w:numPr><w:ilvl w:val="0"/>'
        '<w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange>'
    )
    body = _p(_r("was a paragraph, now a point"), num=1, ilvl=1, ppr_extra=change)
    data = minimal_docx(body, numbering=NUMBERING)
    assert _texts(data) == ["(a) was a paragraph, now a point"]
    assert _texts(data, "rejected") == ["1. was a paragraph, now a point"]


def test_hidden_text_tabs_breaks_and_fields():
    inner = (
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden </w:t></w:r>"
        + "<w:r><w:t>Article 3</w:t><w:br/><w:t>Scope</w:t></w:r>"
        + "<w:r><w:tab/><w:t>of</w:t></w:r>"
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + "<w:r><w:instrText> PAGE </w:instrText></w:r>"
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + _r(" application")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    data = minimal_docx(_p(inner))
    # the manual line break separates the article number from its heading
    assert extract(data).lines() == ["Article 3", "Scope of application"]


def test_numbering_set_by_a_paragraph_style():
    styles = (
        '<w:style w:type="paragraph" w:styleId="Para"><w:name w:val="UN Para"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Point"><w:name w:val="UN Point"/>'
        '<w:basedOn w:val="Para"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/></w:style>'
    )
    body = (
        _p(_r("Article 1"), ppr_extra='<w:pStyle w:val="H2"/>')
        + _p(_r("first"), ppr_extra='<w:pStyle w:val="Para"/>')
        + _p(_r("point"), ppr_extra='<w:pStyle w:val="Point"/>')
        + _p(_r("second"), ppr_extra='<w:pStyle w:val="Para"/>')
    )
    ex = extract(minimal_docx(body, numbering=NUMBERING, styles=styles))
    # pStyle is the first child of pPr in real files; order does not matter to the reader
    assert [(p.kind, p.level, p.text) for p in ex.paragraphs] == [
        ("heading", 2, "Article 1"),
        ("paragraph", 0, "1. first"),
        ("paragraph", 0, "(a) point"),
        ("paragraph", 0, "2. second"),
    ]


def test_footnotes_numbered_in_order_of_reference():
    body = _p(
        _r("Text")
        + '<w:r><w:footnoteReference w:id="5"/></w:r>'
        + _r(" more")
        + '<w:r><w:footnoteReference w:id="2"/></w:r>'
    )
    notes = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r>'
        + _r(" Second note.")
        + "</w:p></w:footnote>"
        '<w:footnote w:id="5"><w:p><w:r><w:footnoteRef/></w:r>'
        + _r(" First note.")
        + "</w:p></w:footnote>"
    )
    ex = extract(minimal_docx(body, footnotes=notes))
    assert ex.lines() == ["Text[^1] more[^2]", "", "[^1]: First note.", "[^2]: Second note."]


# -- a UN-style draft built with python-docx ----------------------------------------------------


def un_draft() -> bytes:
    """Chapter / Article N / heading / 1. / (a), with lists, a restart and tracked changes."""
    b = DocxBuilder()
    b.title("Draft convention on countering computer crime")
    paras = b.numbering([("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)")])
    abstract = b.abstract_of(paras)
    b.heading("Chapter I", level=1)
    b.heading("General provisions", level=1)
    b.heading("Article 1", level=2)
    b.heading("Use of terms", level=3)
    p = b.paragraph("For the purposes of this Convention:")
    b.footnote(p, "The terms follow the Budapest Convention.")
    b.paragraph("“Computer system” means any device;", num=paras, ilvl=1)
    b.deleted_paragraph("“Content data” means any data;", num=paras, ilvl=1)
    b.paragraph("“Traffic data” means data relating to a communication.", num=paras, ilvl=1)
    b.heading("Article 2", level=2)
    b.heading("Illegal access", level=3)
    second = b.list_instance(abstract, restart={0: 1})
    p = b.paragraph("Each State Party shall adopt measures to establish as an offence ", num=second)
    b.text(p, "access to a computer system ")
    b.delete(p, "without right.")
    b.insert(p, "without right, in accordance with its domestic law.")
    p = b.paragraph("A State Party ", num=second)
    b.delete(p, "shall")
    b.insert(p, "may")
    b.text(p, " require dishonest intent.")
    b.inserted_paragraph("Nothing in this article shall apply to security research.", num=second)
    return b.to_bytes()


def test_un_draft_lines_accepted_and_rejected():
    data = un_draft()
    accepted = extract(data)
    assert accepted.title == "Draft convention on countering computer crime"
    assert accepted.lines() == [
        "Chapter I",
        "General provisions",
        "Article 1",
        "Use of terms",
        "",
        "For the purposes of this Convention:[^1]",
        "",
        "(a) “Computer system” means any device;",
        "",
        "(b) “Traffic data” means data relating to a communication.",
        "",
        "Article 2",
        "Illegal access",
        "",
        "1. Each State Party shall adopt measures to establish as an offence access to a "
        "computer system without right, in accordance with its domestic law.",
        "",
        "2. A State Party may require dishonest intent.",
        "",
        "3. Nothing in this article shall apply to security research.",
        "",
        "[^1]: The terms follow the Budapest Convention.",
    ]
    rejected = extract(data, revision="rejected").lines()
    assert rejected[7:10] == [
        "(a) “Computer system” means any device;",
        "",
        "(b) “Content data” means any data;",
    ]
    assert "(c) “Traffic data” means data relating to a communication." in rejected
    assert (
        "1. Each State Party shall adopt measures to establish as an offence access to a "
        "computer system without right." in rejected
    )
    assert "2. A State Party shall require dishonest intent." in rejected
    assert not any("security research" in line for line in rejected)


# -- bad files ----------------------------------------------------------------------------------


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, content in files.items():
            z.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"Article 1\nScope",
            "draft.docx: is not a ZIP archive (expected a DOCX file (a ZIP "
            "archive holding word/document.xml))",
        ),
        (
            b"PK\x03\x04garbage",
            "draft.docx: is a damaged ZIP archive (expected a DOCX file (a ZIP "
            "archive holding word/document.xml))",
        ),
        (
            _zip({"xl/workbook.xml": b"<workbook/>"}),
            "draft.docx: holds no word/document.xml "
            "(expected a DOCX file (a ZIP archive holding word/document.xml))",
        ),
    ],
)
def test_corrupt_docx_messages(data, message):
    with pytest.raises(ParseError) as err:
        extract(data, name="draft.docx")
    assert str(err.value) == message


def test_malformed_document_xml_names_the_part_and_line():
    data = minimal_docx("", document=f'<w:document xmlns:w="{W}">\n<w:body><w:p></w:body>')
    with pytest.raises(ParseError) as err:
        extract(data, name="draft.docx")
    assert err.value.source == "draft.docx!word/document.xml"
    assert err.value.line == 2
    assert "not well-formed XML" in err.value.message


def test_wrong_root_element():
    data = minimal_docx("", document=f'<w:numbering xmlns:w="{W}"/>')
    with pytest.raises(ParseError, match=r"root element is <numbering>"):
        extract(data, name="draft.docx")


def test_entity_declarations_are_refused():
    evil = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body>'
        "</w:document>"
    )
    with pytest.raises(UnsafeInputError):
        extract(minimal_docx("", document=evil), name="evil.docx")


def test_unknown_revision_is_refused():
    with pytest.raises(ValueError, match="revision='both'"):
        extract(minimal_docx(_p(_r("x"))), revision="both")


# -- invariants ---------------------------------------------------------------------------------

_words = st.text(alphabet="abcdefgh ", min_size=1, max_size=12)


@given(st.lists(st.tuples(st.sampled_from(["keep", "ins", "del"]), _words), min_size=1, max_size=8))
def test_accepting_gives_new_text_and_rejecting_gives_old(pieces):
    inner = "".join(
        _r(t) if kind == "keep" else _ins(t) if kind == "ins" else _del(t) for kind, t in pieces
    )
    data = minimal_docx(_p(inner))
    new = " ".join("".join(t for k, t in pieces if k != "del").split())
    old = " ".join("".join(t for k, t in pieces if k != "ins").split())
    assert [p.text for p in extract(data).paragraphs] == ([new] if new else [])
    assert [p.text for p in extract(data, revision="rejected").paragraphs] == ([old] if old else [])


# -- the whole path: DOCX -> lines -> text reader -> tree ----------------------------------------


def _tree(doc):
    return [(p.eid, p.number, p.heading, p.text) for p in doc.walk()]


def test_un_draft_parsed_to_the_expected_tree_both_revisions():
    from treatydiff.model import Source
    from treatydiff.readers.docx import read

    data = un_draft()
    source = Source(path="zero-draft.docx")
    new = read(data, source=source)
    assert new.title == "Draft convention on countering computer crime"
    assert new.source.format == "docx"
    art2 = (
        "Each State Party shall adopt measures to establish as an offence access to a "
        "computer system"
    )
    assert _tree(new) == [
        ("chp_i", "I", "General provisions", ""),
        ("chp_i__art_1", "1", "Use of terms", "For the purposes of this Convention:"),
        ("chp_i__art_1__para_a", "a", None, "“Computer system” means any device;"),
        (
            "chp_i__art_1__para_b",
            "b",
            None,
            "“Traffic data” means data relating to a communication.",
        ),
        ("chp_i__art_2", "2", "Illegal access", ""),
        (
            "chp_i__art_2__para_1",
            "1",
            None,
            art2 + " without right, in accordance with its domestic law.",
        ),
        ("chp_i__art_2__para_2", "2", None, "A State Party may require dishonest intent."),
        (
            "chp_i__art_2__para_3",
            "3",
            None,
            "Nothing in this article shall apply to security research.",
        ),
    ]
    # the footnote reference became an annotation at the end of the article's opening words
    (note,) = new.get("chp_i__art_1").annotations
    assert (note.kind, note.text, note.start) == (
        "footnote",
        "The terms follow the Budapest Convention.",
        len("For the purposes of this Convention:"),
    )
    old = read(data, source=source, revision="rejected")
    assert _tree(old) == [
        ("chp_i", "I", "General provisions", ""),
        ("chp_i__art_1", "1", "Use of terms", "For the purposes of this Convention:"),
        ("chp_i__art_1__para_a", "a", None, "“Computer system” means any device;"),
        ("chp_i__art_1__para_b", "b", None, "“Content data” means any data;"),
        (
            "chp_i__art_1__para_c",
            "c",
            None,
            "“Traffic data” means data relating to a communication.",
        ),
        ("chp_i__art_2", "2", "Illegal access", ""),
        ("chp_i__art_2__para_1", "1", None, art2 + " without right."),
        ("chp_i__art_2__para_2", "2", None, "A State Party shall require dishonest intent."),
    ]


def test_reader_dispatch_detects_docx(tmp_path):
    from treatydiff.readers import read as read_any

    path = tmp_path / "draft.docx"
    path.write_bytes(un_draft())
    doc = read_any(path)
    assert [a.number for a in doc.articles()] == ["1", "2"]
    assert len(read_any(path, format="docx", revision="rejected").find("Article 1").children) == 3


def test_unknown_option_is_refused():
    from treatydiff.model import Source
    from treatydiff.readers.docx import read

    with pytest.raises(TypeError, match="revisions"):
        read(un_draft(), source=Source(path="x.docx"), revisions="rejected")


def test_list_style_link_takes_the_levels_of_the_linked_definition():
    # Word's list styles: definition 5 says only "use list style UNList"; the
    # levels live in definition 3, which defines that style.  Lists on either
    # share one counter.
    state = _state(
        f'<w:abstractNum w:abstractNumId="3"><w:styleLink w:val="UNList"/>{UN_LEVELS}'
        "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="5"><w:numStyleLink w:val="UNList"/></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="3"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="5"/></w:num>'
    )
    steps = [("2", 0), ("2", 1), ("1", 1), ("2", 0)]
    assert _run(state, steps) == ["1.", "(a)", "(b)", "2."]


def test_list_style_link_to_nothing_shows_no_number():
    state = _state(
        '<w:abstractNum w:abstractNumId="5"><w:numStyleLink w:val="Missing"/></w:abstractNum>'
        '<w:num w:numId="2"><w:abstractNumId w:val="5"/></w:num>'
    )
    assert _run(state, [("2", 0)]) == [None]


def test_unknown_revision_option_names_the_file_and_the_choices(tmp_path):
    import treatydiff
    from treatydiff.errors import FormatError

    b = DocxBuilder()
    b.heading("Article 1", level=2)
    b.paragraph("Each Party shall act.")
    path = tmp_path / "draft.docx"
    path.write_bytes(b.to_bytes())
    with pytest.raises(FormatError, match=r"draft\.docx.*revision='bogus'.*accepted, rejected"):
        treatydiff.load(path, revision="bogus")
