"""The text reader on the real corpora: counts and provisions written from reading the files.

Expected values come from reading the documents (their headings were counted
with grep and checked by eye), never from the parser's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from treatydiff.readers import read
from treatydiff.readers._coverage import lost_text
from treatydiff.readers._io import decode

pytestmark = pytest.mark.corpus

AI = "eu-ai-act-drafts/md-snapshots-branch-20230103/"
US = "us-18usc-1030-2510-2511-2701-2703/"

# file, number of articles/sections, first number, last number
COUNTS = [
    ("coe-budapest-convention-ets185/BWBV0001839_README_2007-03-01.md", 96, "1", "48"),
    ("coe-budapest-convention-ets185/BWBV0001839_README_2012-10-24.md", 96, "1", "48"),
    ("coe-additional-protocol-ets189/BWBV0004845_README_2012-11-15.md", 32, "1", "16"),
    ("nl-wetboek-van-strafrecht/BWBR0001854_README_2011-03-01.md", 727, "1", "479"),
    ("nl-wetboek-van-strafrecht/BWBR0001854_README_2015-06-16.md", 741, "1", "479"),
    ("nl-wetboek-van-strafrecht/BWBR0001854_README_2015-06-30.md", 741, "1", "479"),
    ("nl-wetboek-van-strafrecht/BWBR0001854_README_2015-11-17.md", 742, "1", "479"),
    ("de-stgb/stgb_index_2013-01-11.md", 533, "1", "358"),
    ("de-stgb/stgb_index_2022-01-28.md", 559, "1", "358"),
    ("de-stpo/stpo_index_2013-01-11.md", 645, "1", "495"),
    ("de-stpo/stpo_index_2022-01-28.md", 684, "1", "500"),
    # ss. 1-21 carry headings; the last line "22. \xad 23. --" prints ss. 22 and 23 blank
    # (SOURCE.md: "Complete Act (ss. 1-23; ss. 22-23 are blank)").
    ("mu-computer-misuse-and-cybercrime-act-2003/text-file.txt", 23, "1", "23"),
    ("un-cybercrime-convention-2024-ar-partial/United Nations Convention against Cybercrime.txt",
     15, "1", "15"),
    (AI + "2021-04-21-AIA-COM-Proposal-21-April-21.act.md", 85, "1", "85"),
    (AI + "2022-06-15-AIA-FRA-Consolidated-Version-15-June.act.md", 92, "1", "85"),
    (AI + "2022-09-23-AIA-CZ-3rd-Proposal-23-Sept.act.md", 94, "1", "85"),
    (AI + "2022-12-06-CONSIL_ST_15698_2022_INIT_EN_TXT.act.md", 98, "1", "85"),
    (US + "chunck-638.md", 1, "1030", "1030"),
    (US + "chunck-1542.md", 1, "2703", "2703"),
    ("us-calea-47usc-1001-1010/calea.md", 11, "1001", "1021"),
]


@pytest.mark.parametrize(("name", "count", "first", "last"), COUNTS, ids=[c[0] for c in COUNTS])
def test_units_counted(corpora: Path, name: str, count: int, first: str, last: str) -> None:
    doc = read(corpora / name)
    units = doc.articles()
    assert (len(units), units[0].number, units[-1].number) == (count, first, last)


# file, citation, expected heading (None: none printed), first words of the text
PROVISIONS = [
    ("coe-budapest-convention-ets185/BWBV0001839_README_2012-10-24.md", "Article 2",
     "Illegal access", "Each Party shall adopt such legislative"),
    ("coe-budapest-convention-ets185/BWBV0001839_README_2012-10-24.md", "Article 6(1)(a)(ii)",
     None, "a computer password, access code"),
    ("coe-budapest-convention-ets185/BWBV0001839_README_2012-10-24.md", "Article 15(2)",
     None, "2 Such conditions and safeguards shall"),  # the file prints "2. 2 Such"
    ("nl-wetboek-van-strafrecht/BWBR0001854_README_2015-06-30.md", "Artikel 138ab(1)(a)",
     None, "door het doorbreken van een beveiliging"),
    ("de-stpo/stpo_index_2022-01-28.md", "§ 2 Abs. 2", None,
     "Aus Gründen der Zweckmäßigkeit"),
    ("de-stgb/stgb_index_2022-01-28.md", "§ 202a", "Ausspähen von Daten", ""),
    ("de-stgb/stgb_index_2022-01-28.md", "§ 202a Abs. 1", None, "Wer unbefugt sich oder"),
    ("mu-computer-misuse-and-cybercrime-act-2003/text-file.txt", "s. 3",
     "Unauthorised access to computer data", ""),
    ("mu-computer-misuse-and-cybercrime-act-2003/text-file.txt", "s. 3(3)(b)", None,
     "does not have consent to access"),
    ("un-cybercrime-convention-2024-ar-partial/United Nations Convention against Cybercrime.txt",
     "المادة 1", "بيان الغرض", "أغراض هذه الاتفاقية هي:"),
    ("un-cybercrime-convention-2024-ar-partial/United Nations Convention against Cybercrime.txt",
     "المادة 2(ه)(2)", None, "يعالج بيانات إلكترونية"),
    (AI + "2022-12-06-CONSIL_ST_15698_2022_INIT_EN_TXT.act.md", "Article 2", "Scope", ""),
    (AI + "2022-12-06-CONSIL_ST_15698_2022_INIT_EN_TXT.act.md", "Article 2(1)(b)", None,
     "users of AI systems who are physically present"),
    (AI + "2022-12-06-CONSIL_ST_15698_2022_INIT_EN_TXT.act.md", "Article 5", None,
     ""),
    (US + "chunck-638.md", "§ 1030(a)(2)(C)", None, "information from any protected computer"),
]


@pytest.mark.parametrize(("name", "citation", "heading", "start"), PROVISIONS,
                         ids=[f"{p[0].split('/')[0]}:{p[1]}" for p in PROVISIONS])
def test_provisions(corpora: Path, name: str, citation: str, heading: str | None,
                    start: str) -> None:
    node = read(corpora / name).find(citation)
    assert node.heading == heading
    assert node.text.startswith(start)


def test_budapest_is_two_language_parts(corpora: Path) -> None:
    doc = read(corpora / "coe-budapest-convention-ets185/BWBV0001839_README_2012-10-24.md")
    assert [(p.kind, p.number) for p in doc.provisions] == [("part", "en"), ("part", "nl")]
    assert doc.get("part_nl__chp_i__art_1").heading == "Begripsomschrijvingen"
    assert doc.get("part_en__chp_ii__dvs_1__title_1__art_2").heading == "Illegal access"


def test_arabic_chapter_two_holds_articles_7_to_15(corpora: Path) -> None:
    doc = read(corpora / "un-cybercrime-convention-2024-ar-partial/"
               "United Nations Convention against Cybercrime.txt")
    chapter = next(p for p in doc.walk() if p.kind == "chapter")
    assert chapter.heading == "التجريم"
    assert [a.number for a in chapter.children] == [str(n) for n in range(7, 16)]


def test_mauritius_furniture_removed_and_reported(corpora: Path) -> None:
    doc = read(corpora / "mu-computer-misuse-and-cybercrime-act-2003/text-file.txt")
    assert doc.source.encoding == "cp1252"
    texts = {r.text for r in doc.removed}
    assert "[Issue 1]" in texts
    assert "Computer Misuse and Cybercrime Act" in texts
    assert all("[Issue" not in p.text and "C37" not in p.text for p in doc.walk())
    # the table of contents ("ARRANGEMENT OF SECTIONS") is not a second set of sections
    assert [p.number for p in doc.articles()][:3] == ["1", "2", "3"]


def test_ai_act_recitals_in_preamble(corpora: Path) -> None:
    doc = read(corpora / (AI + "2022-12-06-CONSIL_ST_15698_2022_INIT_EN_TXT.act.md"))
    preamble = doc.provisions[0]
    assert preamble.kind == "preamble"
    recital = doc.get("preamble__recital_44a")
    assert recital.text.startswith("When applying the principles referred to in Article 5(1)(c)")


TEXT_FILES = [c[0] for c in COUNTS] + [
    AI + "2021-11-29-AIA-SLO-Art-1-7-29-Nov-21.act.md",
    AI + "2022-11-11-AIA-CZ-Draft-General-Approach-11-Nov-22.act.md",
    "us-18usc-1030-cfaa-uscode-pdf-md/cfaa.md",
]


@pytest.mark.parametrize("name", TEXT_FILES)
def test_nothing_lost(corpora: Path, name: str) -> None:
    path = corpora / name
    body, _ = decode(path.read_bytes())
    assert lost_text(body, read(path)) == []
