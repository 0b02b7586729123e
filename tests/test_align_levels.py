"""Text that changes level: a sole paragraph "1." that loses its number, an
article's text that becomes paragraph "1.", a paragraph of a split article
that becomes the whole text of a new article (``Match.cross_level``)."""

from __future__ import annotations

import random
import re
from collections import Counter

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import LEVEL_OPS, distinct_treaties, edit_document, edited, random_treaty

import treatydiff
from treatydiff.align import align
from treatydiff.align.history import align_many
from treatydiff.model import Document, Match, Provision

PRESERVE = (
    "Each State Party shall adopt such legislative and other measures as may be necessary to "
    "enable its competent authorities to order the expeditious preservation of specified "
    "computer data, subject to prior judicial authorisation."
)
CONFIDENTIAL = (
    "Each State Party shall adopt such legislative and other measures as may be necessary to "
    "oblige the service provider to keep confidential the fact that any such procedure has "
    "been undertaken."
)
PRODUCE = (
    "Each State Party shall adopt such legislative and other measures as may be necessary to "
    "empower its competent authorities to order a person to submit specified computer data."
)
PURPOSE = "The purposes of this Convention are:"
POINT_A = "To promote measures to prevent and combat computer crime more efficiently;"
POINT_B = "To promote technical assistance and capacity-building."


def para(n: int, text: str, kids=()) -> Provision:
    return Provision(kind="paragraph", number=str(n), label=f"{n}.", text=text, children=kids)


def point(letter: str, text: str) -> Provision:
    return Provision(kind="subparagraph", number=letter, label=f"({letter})", text=text)


def art(n: int, heading: str, text: str = "", *paras: Provision) -> Provision:
    return Provision(
        kind="article",
        number=str(n),
        label=f"Article {n}",
        heading=heading,
        text=text,
        children=paras,
    )


def doc(*provisions: Provision) -> Document:
    return Document.build(title="draft", provisions=provisions)


def primary_coverage(result) -> tuple[Counter, Counter]:
    """eIds per side, leaving out the own-text side of cross-level matches."""
    old = Counter(e for m in result.matches if m.cross_level != "old" for e in m.old)
    new = Counter(e for m in result.matches if m.cross_level != "new" for e in m.new)
    return old, new


# -- hand-built documents ------------------------------------------------------------


def test_a_sole_paragraph_that_loses_its_number_is_the_articles_text():
    old = doc(art(1, "Preservation", "", para(1, PRESERVE)))
    new = doc(art(1, "Preservation", PRESERVE))
    result = align(old, new)
    text = result.for_old("art_1__para_1")
    assert (text.old, text.new, text.cross_level) == (("art_1__para_1",), ("art_1",), "new")
    assert text.kind == "renumbered" and not text.text_changed and not text.moved
    assert (text.old_numbers, text.new_numbers, text.level) == (("1",), (None,), "paragraph")
    # The article keeps its own match; its text has the cross-level one.
    assert result.for_new("art_1").old == ("art_1",) and not result.for_new("art_1").cross_level
    assert result.for_new_text("art_1") is text
    assert result.for_old_text("art_1") is result.for_old("art_1")
    assert result.cross_level() == (text,)
    assert result.summary()["deleted"] == result.summary()["inserted"] == 0


def test_an_articles_text_that_becomes_paragraph_one_is_matched_to_it():
    old = doc(art(1, "Production order", PRODUCE))
    new = doc(art(1, "Production order", "", para(1, PRODUCE), para(2, CONFIDENTIAL)))
    result = align(old, new)
    text = result.for_new("art_1__para_1")
    assert (text.old, text.new, text.cross_level) == (("art_1",), ("art_1__para_1",), "old")
    assert text.kind == "renumbered" and text.level == "paragraph"
    assert result.for_old_text("art_1") is text
    assert result.for_old("art_1").new == ("art_1",)
    assert result.for_new("art_1__para_2").kind == "inserted"


def test_reworded_text_that_changed_level_is_changed_not_deleted():
    reworded = PRESERVE.replace("shall adopt", "may adopt").replace("judicial ", "")
    old = doc(art(9, "Preservation", "", para(1, PRESERVE)))
    new = doc(art(9, "Preservation", reworded))
    m = align(old, new).for_old("art_9__para_1")
    assert m.cross_level == "new" and m.text_changed and 0.5 < m.similarity < 1.0


def test_a_paragraph_of_a_split_article_becomes_a_new_articles_text():
    old = doc(
        art(9, "Preservation and confidentiality", "", para(1, PRESERVE), para(2, CONFIDENTIAL))
    )
    new = doc(art(9, "Preservation", PRESERVE), art(10, "Confidentiality", CONFIDENTIAL))
    result = align(old, new)
    assert result.for_old("art_9").new == ("art_9", "art_10")
    assert result.for_old("art_9__para_1").new == ("art_9",)
    assert result.for_old("art_9__para_2").new == ("art_10",)
    assert {m.cross_level for m in result.matches if m.level == "paragraph"} == {"new"}
    assert result.summary()["deleted"] == 0


def test_chapeaux_and_points_stay_at_their_level():
    # An article's own text followed by points is a chapeau, present on both sides.
    a = art(1, "Purpose", PURPOSE, point("a", POINT_A), point("b", POINT_B))
    result = align(doc(a), doc(a))
    assert result.cross_level() == ()
    assert {m.kind for m in result.matches} == {"unchanged"}


def test_unrelated_text_does_not_change_level():
    old = doc(art(1, "Preservation", "", para(1, PRESERVE)))
    new = doc(
        art(1, "Preservation", "Mutual legal assistance may be refused for a political offence.")
    )
    result = align(old, new)
    assert result.cross_level() == ()
    assert result.for_old("art_1__para_1").kind == "deleted"


def test_the_text_match_sits_first_under_its_article_in_the_match_tree():
    old = doc(art(9, "Preservation", "", para(1, PRESERVE), para(2, CONFIDENTIAL)))
    new = doc(art(9, "Preservation", PRESERVE, para(1, CONFIDENTIAL)))
    result = align(old, new)
    article = result.for_new("art_9")
    kids = result.children_matches(article)
    assert [(m.old, m.new, m.cross_level) for m in kids] == [
        (("art_9__para_1",), ("art_9",), "new"),
        (("art_9__para_2",), ("art_9__para_1",), ""),
    ]
    assert result.parent_match(kids[0]) is article
    assert [m for m, _ in result.walk()] == list(result.matches)
    data = result.to_dict()
    assert [(d["cross_level"], d["depth"]) for d in data["matches"]] == [
        ("", 0),
        ("new", 1),
        ("", 1),
    ]


@pytest.mark.parametrize(
    ("old", "new", "cross_level"),
    [
        (("a",), ("b",), "sideways"),
        (("a", "b"), ("c",), "new"),
        ((), ("c",), "old"),
    ],
)
def test_match_rejects_a_bad_cross_level(old, new, cross_level):
    with pytest.raises(ValueError, match="cross"):
        Match(
            old=old,
            new=new,
            kind="changed",
            score=1.0,
            method="fuzzy",
            level="paragraph",
            cross_level=cross_level,
        )


def test_the_paragraph_lineage_ends_where_its_text_became_the_articles():
    old = doc(art(9, "Preservation", "", para(1, PRESERVE)))
    new = doc(art(9, "Preservation", PRESERVE))
    history = align_many([old, new])
    article = history.lineage_of(0, "art_9")
    assert article.eids == (("art_9",), ("art_9",))
    paragraph = history.lineage_of(0, "art_9__para_1")
    assert paragraph.eids == (("art_9__para_1",), ()) and paragraph.changes == ("renumbered",)
    assert history.alignments[0].for_old("art_9__para_1").new == ("art_9",)


def test_safeguards_compare_text_that_changed_level():
    weaker = PRESERVE.replace("shall adopt", "may adopt").replace("judicial ", "")
    old = doc(art(9, "Preservation", "", para(1, PRESERVE), para(2, CONFIDENTIAL)))
    new = doc(art(9, "Preservation", weaker), art(10, "Confidentiality", CONFIDENTIAL))
    findings = treatydiff.safeguards(align(old, new))
    seen = {(f.category, f.old.citation, f.new.citation) for f in findings if f.old and f.new}
    assert ("modal_downgrade", "Article 9(1)", "Article 9") in seen
    assert ("safeguard_term_deleted", "Article 9(1)", "Article 9") in seen
    assert not [f for f in findings if f.new is None]  # nothing reported as deleted


def _plain(html: str) -> str:
    """The inline redline as text: ``[-deleted-]`` and ``{+inserted+}``."""
    body = html[html.find("Inline redline") :]
    t = re.sub(r"<del[^>]*>", "[-", body)
    t = re.sub(r"</del>", "-]", t)
    t = re.sub(r"<ins[^>]*>", "{+", t)
    t = re.sub(r"</ins>", "+}", t)
    t = re.sub(r"<(p|div|section|h\d|li)[^>]*>", "\n", t)
    t = re.sub(r"<[^>]+>", "", t)
    import html as _html

    return _html.unescape(t)


def test_redline_shows_text_that_changed_level_as_a_word_diff():
    weaker = PRESERVE.replace("shall adopt", "may adopt")
    old = doc(art(9, "Preservation", "", para(1, PRESERVE)), art(10, "Production order", PRODUCE))
    new = doc(
        art(9, "Preservation", weaker),
        art(10, "Production order", "", para(1, PRODUCE), para(2, CONFIDENTIAL)),
    )
    text = _plain(treatydiff.redline(align(old, new)))
    # Only the changed word is marked; the sentence is neither deleted nor inserted.
    assert "Each State Party [-[deleted: shall]-]{+[inserted: may]+} adopt" in text
    assert "text was old Article 9(1)" in text
    assert "expeditious preservation" not in "".join(re.findall(r"\[-.*?-\]", text, re.S))
    assert "submit specified" not in "".join(re.findall(r"\{\+.*?\+\}", text, re.S))
    assert "submit specified" not in "".join(re.findall(r"\[-.*?-\]", text, re.S))
    assert "Article 9(1)" not in "".join(re.findall(r"old Article [^\n]* was moved", text))


# -- the project's sample drafts --------------------------------------------------------


@pytest.fixture(scope="module")
def drafts_1_2(samples):
    d1, d2 = (treatydiff.load(samples / f"cybercrime-draft-{i}.txt") for i in (1, 2))
    return align(d1, d2)


@pytest.mark.parametrize(
    ("old", "new", "cross_level"),
    [
        # "order the expeditious preservation": 9(1) is the whole of new Article 11.
        ("chp_iii__art_9__para_1", "chp_iii__art_11", "new"),
        # "order a person to submit": Article 10's text is new Article 12(1).
        ("chp_iii__art_10", "chp_iii__art_12__para_1", "old"),
        # the interception offence: 5(3) is the whole of new Article 7.
        ("chp_ii__art_5__para_3", "chp_ii__art_7", "new"),
    ],
)
def test_sample_drafts_text_that_changed_level(drafts_1_2, old, new, cross_level):
    m = drafts_1_2.for_new_text(new) if cross_level == "new" else drafts_1_2.for_new(new)
    assert (m.old, m.new, m.cross_level) == ((old,), (new,), cross_level)
    assert m.kind != "deleted" and m.score >= 0.9


def test_sample_drafts_other_pairs_are_kept(drafts_1_2):
    al = drafts_1_2
    assert al.for_old("chp_iii__art_9__para_2").new == ("chp_iii__art_12__para_2",)
    assert al.for_old("chp_iii__art_9").new == ("chp_iii__art_11",)
    assert al.for_old("chp_iii__art_10").new == ("chp_iii__art_12",)
    assert al.for_old("chp_ii__art_5").new == ("chp_ii__art_6", "chp_ii__art_7")
    old_cov, new_cov = primary_coverage(al)
    assert set(old_cov.values()) == {1} and set(new_cov.values()) == {1}
    assert set(old_cov) == {p.eid for p in al.old.walk()}
    assert set(new_cov) == {p.eid for p in al.new.walk()}


# -- synthetic edits with the true mapping ------------------------------------------------


def found_pairs(result, level):
    return frozenset((m.old, m.new) for m in result.matches if m.old and m.new and m.level == level)


@settings(max_examples=40)
@given(data=st.data())
def test_a_sole_paragraph_changing_level_is_recovered_both_ways(data):
    old = data.draw(distinct_treaties())
    new, truth = data.draw(edited(old, max_edits=1, ops=LEVEL_OPS))
    forward = align(old, new)
    backward = align(new, old)
    for level in ("article", "paragraph", "subparagraph", "clause"):
        assert found_pairs(forward, level) == truth.at(level), level
        assert found_pairs(backward, level) == {(n, o) for o, n in truth.at(level)}, level
    for result, side in ((forward, "new"), (backward, "old")):
        assert {m.cross_level for m in result.cross_level()} <= {side}
        old_cov, new_cov = primary_coverage(result)
        assert set(old_cov.values()) <= {1} and set(new_cov.values()) <= {1}
        assert set(old_cov) == {p.eid for p in result.old.walk()}
        assert set(new_cov) == {p.eid for p in result.new.walk()}


def test_the_level_edit_states_its_truth():
    rng = random.Random(5)
    old = random_treaty(rng, 6, boilerplate=0.0)
    sole = [a for a in old.walk() if a.kind == "article" and len(a.children) == 1]
    assert sole, "seed 5 should draw an article with one paragraph"
    new, truth = edit_document(old, random.Random(1), n_edits=6, ops=LEVEL_OPS)
    crossed = [(o, n) for o, n in truth.at("paragraph") if new.get(n[0]).kind == "article"]
    assert crossed
    for (o,), (n,) in crossed:
        assert old.get(o).text == new.get(n).text and not new.get(n).children


def test_level_edits_mixed_with_others_keep_precision():
    found_all, expected_all = set(), set()
    for seed in range(60):
        rng = random.Random(seed)
        old = random_treaty(rng, rng.randint(3, 12), boilerplate=rng.choice((0.0, 0.25, 0.6)))
        ops = (
            "sole_paragraph_level",
            "sole_paragraph_level",
            "reword",
            "move_paragraph",
            "split_article",
            "insert_article",
            "delete_paragraph",
        )
        new, truth = edit_document(old, rng, n_edits=rng.randint(1, 5), ops=ops)
        result = align(old, new)
        found_all |= {
            (seed, *p) for lv in ("article", "paragraph") for p in found_pairs(result, lv)
        }
        expected_all |= {(seed, *p) for p in truth.at("article", "paragraph")}
    hits = len(found_all & expected_all)
    assert hits / len(found_all) >= 0.99
    assert hits / len(expected_all) >= 0.97


def test_old_alignments_without_the_field_still_build():
    # Matches made by hand (or by older code) default to no level change.
    m = Match(
        old=("a",), new=("a",), kind="unchanged", score=1.0, method="address", level="article"
    )
    assert m.cross_level == "" and m.own_text_old is None and m.own_text_new is None
    assert attrs.evolve(m, cross_level="new").own_text_new == "a"
