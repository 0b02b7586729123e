"""Unit tests of the plain text / Markdown reader, one table per shape."""

from __future__ import annotations

import codecs

import pytest

import treatydiff
from treatydiff.errors import InputError, ParseError, ProfileError
from treatydiff.model import Source
from treatydiff.readers import text as reader
from treatydiff.readers._coverage import lost_text
from treatydiff.readers.profiles import load_profile

# text, citation, expected (label, heading, text)
SHAPES = [
    # treaty style, heading on the next line, paragraphs, points, clauses
    ("CHAPTER II\nCriminalization\nArticle 24\nIllegal access\n1. Each State Party shall:\n"
     "(a) adopt;\n(b) consider:\n(i) one;\n(ii) two.\n2. Nothing.",
     "Article 24(1)(b)(ii)", ("(ii)", None, "two.")),
    ("Article 24 - Illegal access\n1. Each State Party shall adopt.",
     "Article 24", ("Article 24", "Illegal access", "")),
    ("Article 24: Illegal access\nEach State Party shall adopt.",
     "Article 24", ("Article 24", "Illegal access", "Each State Party shall adopt.")),
    ("Article 1\nScope\n1. This Convention applies.", "Article 1(1)",
     ("1.", None, "This Convention applies.")),
    # letters after (h): "(i)" is a letter, not a roman numeral
    ("Article 3\n1. Terms:\n" + "".join(f"({c}) term {c};\n" for c in "abcdefghij"),
     "Article 3(1)(i)", ("(i)", None, "term i;")),
    # Budapest / Dutch Markdown
    ("### Article  2  \n\n####Illegal access\n\nEach Party shall adopt.\n",
     "Article 2", ("Article 2", "Illegal access", "Each Party shall adopt.")),
    ("### Artikel  138ab  \n\n1. Met gevangenisstraf wordt gestraft hij die:\n\n"
     "a.door het doorbreken van een beveiliging,\n\nb. door een technische ingreep.\n",
     "Artikel 138ab(1)(a)", ("a.", None, "door het doorbreken van een beveiliging,")),
    # German codes
    ("# Gesetz\n\n## Erstes Buch - Allgemeiner Teil\n\n#### § 202a Ausspähen von Daten\n\n"
     "(1) Wer unbefugt sich oder einem anderen Zugang zu Daten, die nicht\nfür ihn bestimmt "
     "sind, verschafft, wird mit Freiheitsstrafe bestraft.\n\n(2) Daten im Sinne des Absatzes 1 "
     "sind nur solche, die elektronisch\noder sonst nicht unmittelbar wahrnehmbar sind.\n",
     "§ 202a Abs. 1", ("(1)", None, "Wer unbefugt sich oder einem anderen Zugang zu Daten, "
                      "die nicht für ihn bestimmt sind, verschafft, wird mit Freiheitsstrafe "
                      "bestraft.")),
    # EU style: emphasised article headings, escaped brackets, indented lists
    ("# TITLE II\n\nPROHIBITED PRACTICES\n\n*Article 5*\n\n1.  The following shall be "
     "prohibited:\n\n    a.  the placing \\[on the market\\];\n\n        i.  detrimental;\n",
     "Article 5(1)(a)(i)", ("i.", None, "detrimental;")),
    ("**Article 4c Exceptions to Article 4b**\n\nText.", "Article 4c",
     ("Article 4c", "Exceptions to Article 4b", "Text.")),
    # Arabic
    ("المادة 1: بيان الغرض\nأغراض هذه الاتفاقية هي:\n(أ) تشجيع؛\n’1’ يوفر؛\n’2’ يعالج؛",
     "المادة 1(أ)(2)", ("’2’", None, "يعالج؛")),
    ("المادة 9: التدخل\n1 - تعتمد كل دولة طرف.\n2 - يجوز للدولة الطرف.", "المادة 9(2)",
     ("2 -", None, "يجوز للدولة الطرف.")),
    # US Code
    ("#### § 1030. Fraud and related activity\n\n(a) Whoever\n\n(5)\n\n(A) knowingly causes;\n",
     "§ 1030(a)(5)(A)", ("(A)", None, "knowingly causes;")),
    # French, Spanish, Russian, Chinese
    ("Chapitre premier\nDispositions\nArticle premier\nObjet\n1. La présente Convention.",
     "Article 1(1)", ("1.", None, "La présente Convention.")),
    ("CAPÍTULO II\nPenalización\nArtículo 7. Acceso ilícito\n1. Cada Estado Parte adoptará.",
     "Artículo 7(1)", ("1.", None, "Cada Estado Parte adoptará.")),
    ("Глава II\nКриминализация\nСтатья 7. Незаконный доступ\n1. Каждое государство.\n"
     "а) первое;\nб) второе.", "Статья 7(1)(б)", ("б)", None, "второе.")),
    ("第二章 刑事定罪\n第七条 非法访问\n一、各缔约国应当采取措施。\n二、缔约国可以。",
     "Article 7(2)", ("二、", None, "缔约国可以。")),
]


@pytest.mark.parametrize(("text", "citation", "expected"), SHAPES,
                         ids=[s[1] for s in SHAPES])
def test_shapes(text: str, citation: str, expected: tuple) -> None:
    doc = reader.read_text(text)
    node = doc.find(citation)
    assert (node.label, node.heading, node.text) == expected
    assert lost_text(text, doc) == []


@pytest.mark.parametrize(("text", "language", "unit"), [
    ("Chapitre I\nGénéralités\nArticle 3 – Champ\nLe présent texte des parties.", "fr",
     ("Article 3", "3", "Champ")),
    ("Capítulo I\nArtículo 3 – Ámbito\nLa presente Convención de los Estados.", "es",
     ("Artículo 3", "3", "Ámbito")),
    ("Глава 1\nСтатья 3. Сфера\nНастоящая Конвенция и по для.", "ru", ("Статья 3", "3", "Сфера")),
    ("الفصل الأول: أحكام عامة\nالمادة ٣: نطاق\nتنطبق هذه الاتفاقية في الدولة.", "ar",
     ("المادة ٣", "3", "نطاق")),
    ("第一章 总则\n第二十四条 范围\n本公约的适用。", "zh", ("第二十四条", "24", "范围")),
])
def test_languages_detected(text: str, language: str, unit: tuple) -> None:
    doc = reader.read_text(text)
    assert doc.language == language
    art = doc.articles()[0]
    assert (art.label, art.number, art.heading) == unit
    chapter = doc.provisions[0]
    assert chapter.kind == "chapter" and art in chapter.children


def test_preamble_recitals_on_separate_lines() -> None:
    text = ("Convention against Cybercrime\n\nThe States Parties to this Convention,\n"
            "Concerned about the risks,\nRecognizing the need,\nHave agreed as follows:\n"
            "Article 1\nPurpose\nThe purposes are stated.")
    doc = reader.read_text(text)
    pre = doc.provisions[0]
    assert pre.kind == "preamble" and pre.heading == "Convention against Cybercrime"
    assert [r.text for r in pre.children] == [
        "The States Parties to this Convention,", "Concerned about the risks,",
        "Recognizing the need,", "Have agreed as follows:"]
    assert {r.kind for r in pre.children} == {"recital"}
    assert doc.title == "Convention against Cybercrime"


def test_numbered_recitals() -> None:
    doc = reader.read_text("Whereas:\n(1) First.\n(44a) Inserted.\nArticle 1\nText.")
    pre = doc.provisions[0]
    assert [(r.kind, r.number, r.text) for r in pre.children] == [
        ("recital", "1", "First."), ("recital", "44a", "Inserted.")]


# -- negotiating text -----------------------------------------------------------

ANNOTATIONS = [
    ("Each State Party [shall][may] adopt.", "Each State Party [shall][may] adopt.",
     [("alternative", "shall", 17, 24), ("alternative", "may", 24, 29)]),
    ("Each State Party shall [, in accordance with domestic law,] adopt.",
     "Each State Party shall [, in accordance with domestic law,] adopt.",
     [("bracket", ", in accordance with domestic law,", 23, 59)]),
    ("States shall cooperate. [agreed ad referendum]", "States shall cooperate.",
     [("note", "[agreed ad referendum]", 23, 23)]),
    ("States [Note: the Chair proposes] shall act.", "States shall act.",
     [("note", "[Note: the Chair proposes]", 6, 6)]),
    ("[Option 1: Each State shall] [Option 2: States may]",
     "[Option 1: Each State shall] [Option 2: States may]",
     [("alternative", "Option 1: Each State shall", 0, 28),
      ("alternative", "Option 2: States may", 29, 51)]),
]


@pytest.mark.parametrize(("body", "text", "annotations"), ANNOTATIONS,
                         ids=[a[0][:30] for a in ANNOTATIONS])
def test_brackets_and_notes(body: str, text: str, annotations: list) -> None:
    source = f"Article 1\nScope\n{body}"
    doc = reader.read_text(source)
    art = doc.find("Article 1")
    assert art.text == text
    assert [(a.kind, a.text, a.start, a.end) for a in art.annotations] == annotations
    for a in art.annotations:
        if a.kind in ("bracket", "alternative"):
            assert art.text[a.start:a.end] == f"[{a.text}]"
    assert lost_text(source, doc) == []


def test_markdown_footnotes() -> None:
    text = ("# Draft\n\n### Article 3\n\nScope\n\nThis applies[^1] to offences.\n\n"
            "[^1]: See A/AC.291/22.\n")
    doc = reader.read_text(text, source=Source(path="draft.md"))
    art = doc.find("Article 3")
    assert art.text == "This applies to offences."
    assert [(a.kind, a.text, a.start) for a in art.annotations] == [
        ("footnote", "See A/AC.291/22.", 12)]


def test_markdown_links_and_emphasis_are_stripped_and_reported() -> None:
    text = "## Article 1\n\n####*Purpose*\n\nSee the [1950 Convention](../x/README.md) **now**."
    doc = reader.read_text(text)
    art = doc.find("Article 1")
    assert (art.heading, art.text) == ("Purpose", "See the 1950 Convention now.")
    assert [(r.line, r.text, r.reason) for r in doc.removed] == [
        (5, "(../x/README.md)", "link target")]
    assert lost_text(text, doc) == []


def test_page_furniture_with_form_feeds() -> None:
    text = ("The Act\nPART I - GENERAL\n1. Short title\nThis Act is cited.\n2. Meaning\n"
            "In this Act--\n\nAct 5 - 1\n\f Revised Laws\n\"data\" means data;\n\nAct 5 - 2\n"
            "\f Revised Laws\n3. Offence\nAny person.\n\nAct 5 - 3\n\f Revised Laws\n"
            "4. End\nEnd.\n")
    doc = reader.read_text(text)
    assert [(r.text, r.reason) for r in doc.removed] == [
        ("Act 5 - 1", "running header or footer"), ("Revised Laws", "running header or footer"),
        ("Act 5 - 2", "running header or footer"), ("Revised Laws", "running header or footer"),
        ("Act 5 - 3", "running header or footer"), ("Revised Laws", "running header or footer")]
    assert doc.find("s. 2").text == 'In this Act--\n"data" means data;'
    assert doc.find("s. 3").span.page == 3
    assert lost_text(text, doc) == []


def test_pages_and_removed_from_caller() -> None:
    from treatydiff.model import Removal

    doc = reader.read_text("Article 1\nScope\nText.\nArticle 2\nMore.", pages=[1, 1, 1, 2, 2],
                           removed=[Removal(line=9, text="Page 1", reason="page number")])
    assert [a.span.page for a in doc.articles()] == [1, 2]
    assert doc.removed[0].text == "Page 1"


# -- encodings, errors, profiles ---------------------------------------------------


@pytest.mark.parametrize(("data", "encoding"), [
    (codecs.BOM_UTF8 + "Article 1\nPortée – générale\nTexte.".encode(), "utf-8-sig"),
    ("Article 1\nPortée – générale\nTexte.".encode("cp1252"), "cp1252"),
    ("Article 1\nPortée – générale\nTexte.".encode(), "utf-8"),
])
def test_encodings(data: bytes, encoding: str) -> None:
    doc = reader.read(data, source=Source(path="x.txt"))
    assert doc.source.encoding == encoding
    assert doc.articles()[0].heading == "Portée – générale"


def test_bad_encoding_is_input_error() -> None:
    with pytest.raises(InputError, match=r"x\.txt"):
        reader.read(b"Article 1", source=Source(path="x.txt"), encoding="no-such-codec")


@pytest.mark.parametrize(("text", "message"), [
    ("", "the text is empty"),
    ("   \n\n", "the text is empty"),
    ("Just a letter with no structure.\nRegards.", "no article or section heading found"),
])
def test_no_structure(text: str, message: str) -> None:
    with pytest.raises(ParseError) as info:
        reader.read_text(text, source=Source(path="letter.txt"))
    assert str(info.value).startswith(f"letter.txt: {message}")
    assert "expected" in str(info.value)


def test_named_profile_and_own_profile(tmp_path) -> None:
    own = tmp_path / "rules.toml"
    own.write_text('name = "rules"\nlanguage = "en"\n[[levels]]\nkind = "article"\nunit = true\n'
                   "pattern = '^(?P<label>Rule (?P<number>\\d+))\\s*(?P<heading>.*)$'\n")
    doc = reader.read_text("Rule 1 Scope\n(a) one.\nRule 2 Other\nText.", profile=own)
    assert [a.label for a in doc.articles()] == ["Rule 1", "Rule 2"]
    assert doc.find("Rule 1(a)").text == "one."
    doc = reader.read_text("Article 1\nText.", profile="en")
    assert doc.metadata == (("profile", "en"),)


@pytest.mark.parametrize(("content", "key"), [
    ('language = "en"\n', "'name'"),
    ('name = "x"\nlanguage = "en"\n[[levels]]\nkind = "article"\npattern = "(unclosed"\n',
     "'levels[0].pattern'"),
    ('name = "x"\nlanguage = "en"\n[[levels]]\nkind = "clause"\npattern = "(?P<label>x)"\n',
     "'levels[0].kind'"),
    ('name = "x"\nlanguage = "en"\n[[items]]\nname = "y"\npattern = "x"\n',
     "'items[0].pattern'"),
    ('name = "x"\nlanguage = "en"\nweight = -1\n', "'weight'"),
    ('name = = "x"', "not valid TOML"),
])
def test_malformed_profile(tmp_path, content: str, key: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content)
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert str(info.value).startswith(str(path))
    assert key in str(info.value)


def test_unknown_profile_name() -> None:
    with pytest.raises(ProfileError, match="no bundled profile named 'klingon'"):
        load_profile("klingon")


def test_loads_doctest_contract() -> None:
    doc = treatydiff.loads("Article 1\nScope\n1. This Convention applies.")
    assert doc.find("Article 1(1)").text == "This Convention applies."


def test_two_languages_become_parts() -> None:
    en = "".join(f"Article {n}\nHeading {n}\nThe Party shall act.\n" for n in range(1, 5))
    nl = "".join(f"Artikel {n}\nKop {n}\nDe Partij wordt het van een.\n" for n in range(1, 5))
    doc = reader.read_text(en + nl)
    assert [(p.kind, p.number) for p in doc.provisions] == [("part", "en"), ("part", "nl")]
    assert doc.get("part_nl__art_3").heading == "Kop 3"


def test_wrapped_line_starting_with_number_is_text() -> None:
    text = ("#### § 1 Titel\n\n(1) Die Staatsanwaltschaft (ABl. L 283 vom 31.10.2017, S.\n"
            "1) befugt ist, Anklage zu erheben. Absatz 1 Satz 3 gilt\nentsprechend und "
            "weiter so fort.\n\n(2) Zweiter Absatz wird hier geschrieben.\n")
    doc = reader.read_text(text)
    assert [c.label for c in doc.find("§ 1").children] == ["(1)", "(2)"]


def test_same_input_same_output() -> None:
    text = "CHAPTER I\nArticle 1\nScope\n1. A [b] c.\n(a) d."
    assert reader.read_text(text) == reader.read_text(text)


def test_long_roman_clauses_are_items_not_text() -> None:
    # "(iii)" and "(viii)" are longer than the two letters of a lettered point.
    text = "Article 5\nScope\n1. Prohibited:\n(a) first;\n(b) second:\n" + "".join(
        f"({r}) clause {r};\n" for r in ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii")
    ) + "(c) third.\n"
    doc = reader.read_text(text)
    point_b = doc.find("Article 5(1)(b)")
    assert [c.number for c in point_b.children] == ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"]
    assert doc.find("Article 5(1)(b)(viii)").text == "clause viii;"
    assert doc.find("Article 5(1)(c)").text == "third."
