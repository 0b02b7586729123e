"""Alignment on small hand-written drafts: each case states what a reader sees."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatydiff.align import align
from treatydiff.align._serial import ALIGNMENT_SCHEMA, alignment_to_dict, format_alignment_text
from treatydiff.align.assign import chain, greedy
from treatydiff.errors import AlignmentError
from treatydiff.model import Document, Provision

# -- helpers -------------------------------------------------------------------


def art(number, heading, *paras, kind="article"):
    """An article whose paragraphs are numbered 1., 2., ... in order."""
    children = [
        Provision(kind="paragraph", number=str(i + 1), label=f"{i + 1}.", text=t)
        for i, t in enumerate(paras)
    ]
    return Provision(
        kind=kind, number=str(number), label=f"Article {number}", heading=heading, children=children
    )


def doc(*articles, title="draft"):
    return Document.build(title=title, provisions=articles)


def pairs(alignment, level="article"):
    """{old eIds: new eIds} of the matches at ``level`` that pair something."""
    return {m.old: m.new for m in alignment.matches if m.level == level and m.old and m.new}


def kinds(alignment, level="article"):
    return {(m.old, m.new): m.kind for m in alignment.matches if m.level == level}


SCOPE = "This Convention applies to the prevention, investigation and prosecution of offences."
ACCESS = (
    "Each State Party shall establish as a criminal offence the access to the whole or any "
    "part of an information and communications technology system without right."
)
INTERCEPT = (
    "Each State Party shall establish as a criminal offence the interception, made by "
    "technical means, of non-public transmissions of computer data without right."
)
PRESERVE = (
    "Each State Party shall adopt measures to enable its competent authorities to order "
    "the expeditious preservation of specified electronic data."
)
EXTRADITE = (
    "Extradition shall be subject to the conditions provided for by the domestic law of the "
    "requested State."
)
PRIVACY = (
    "Nothing in this article shall be interpreted as restricting the right to privacy and "
    "data protection."
)


# -- the basics ----------------------------------------------------------------


def test_identical_documents_give_only_unchanged_matches_with_full_confidence():
    d = doc(art(1, "Scope", SCOPE), art(2, "Illegal access", ACCESS, PRIVACY))
    result = align(d, d)
    assert {m.kind for m in result.matches} == {"unchanged"}
    assert all(m.score == 1.0 and m.similarity == 1.0 for m in result.matches)
    assert len(result.matches) == len(list(d.walk()))


def test_insertion_renumbers_the_following_articles():
    old = doc(art(1, "Scope", SCOPE), art(2, "Illegal access", ACCESS))
    new = doc(
        art(1, "Scope", SCOPE), art(2, "Use of terms", EXTRADITE), art(3, "Illegal access", ACCESS)
    )
    result = align(old, new)
    assert kinds(result) == {
        (("art_1",), ("art_1",)): "unchanged",
        ((), ("art_2",)): "inserted",
        (("art_2",), ("art_3",)): "renumbered",
    }
    renumbered = result.for_old("art_2")
    assert renumbered.renumbered and not renumbered.text_changed and not renumbered.moved
    assert renumbered.old_numbers == ("2",) and renumbered.new_numbers == ("3",)


def test_number_reuse_content_wins_over_numbers():
    # Old Article 2 (interception) moves to Article 4; the new Article 2 is an
    # unrelated power.  Pairing old 2 with new 2 as "changed" would be wrong.
    old = doc(
        art(1, "Illegal access", ACCESS),
        art(2, "Interception", INTERCEPT),
        art(3, "Extradition", EXTRADITE),
    )
    new = doc(
        art(1, "Illegal access", ACCESS),
        art(2, "Preservation", PRESERVE),
        art(3, "Extradition", EXTRADITE),
        art(4, "Interception", INTERCEPT),
    )
    result = align(old, new)
    assert pairs(result)[("art_2",)] == ("art_4",)
    assert result.for_new("art_2").kind == "inserted"
    assert result.for_old("art_2").kind == "moved"
    assert result.for_old("art_2").renumbered


def test_same_number_with_unrelated_text_is_deletion_plus_insertion():
    old = doc(art(1, "Scope", SCOPE), art(2, "Interception", INTERCEPT))
    new = doc(art(1, "Scope", SCOPE), art(2, "Extradition", EXTRADITE))
    result = align(old, new)
    assert result.for_old("art_2").kind == "deleted"
    assert result.for_new("art_2").kind == "inserted"


def test_unrelated_documents_are_never_forced_together():
    old = doc(art(1, "Interception", INTERCEPT), art(2, "Extradition", EXTRADITE))
    new = doc(art(1, "Preservation", PRESERVE), art(2, "Scope", SCOPE))
    result = align(old, new)
    assert {m.kind for m in result.matches} == {"inserted", "deleted"}
    # Honest scores: confident that these have no counterpart.
    assert all(m.score > 0.5 for m in result.matches if m.level == "article")


def test_reworded_article_is_changed_with_lower_similarity():
    reworded = ACCESS.replace("shall establish", "may establish").replace(
        "without right", "dishonestly"
    )
    old = doc(art(1, "Illegal access", ACCESS))
    new = doc(art(1, "Illegal access", reworded))
    m = align(old, new).for_old("art_1")
    assert m.kind == "changed" and m.text_changed and m.method == "address"
    assert 0.6 < m.similarity < 1.0


def test_heading_change_alone_is_a_change():
    m = align(doc(art(1, "Scope", SCOPE)), doc(art(1, "Scope of application", SCOPE))).for_old(
        "art_1"
    )
    assert m.kind == "changed" and m.text_changed


# -- boilerplate ---------------------------------------------------------------

FORMULA = (
    "Each State Party shall adopt such legislative and other measures as may be necessary to "
    "establish as criminal offences under its domestic law, when committed intentionally, "
)
OFFENCES = [
    "the production, sale or distribution of a device designed for committing an offence",
    "the alteration, deletion or suppression of computer data resulting in inauthentic data",
    "any fraudulent input of data causing a loss of property to another person",
    "the laundering of proceeds of crime derived from offences established in this chapter",
    "the obstruction of justice by threats against witnesses in these proceedings",
]


def test_boilerplate_articles_are_told_apart_by_their_distinctive_words():
    old = doc(*[art(i + 1, None, FORMULA + o + ".") for i, o in enumerate(OFFENCES)])
    # The new draft drops the second offence and reorders the last two.
    order = [0, 2, 4, 3]
    new = doc(*[art(k + 1, None, FORMULA + OFFENCES[i] + ".") for k, i in enumerate(order)])
    result = align(old, new)
    assert pairs(result) == {
        ("art_1",): ("art_1",),
        ("art_3",): ("art_2",),
        ("art_5",): ("art_3",),
        ("art_4",): ("art_4",),
    }
    assert result.for_old("art_2").kind == "deleted"


def test_a_deleted_and_an_inserted_formula_article_are_not_paired():
    old = doc(
        art(1, None, FORMULA + OFFENCES[0] + "."),
        art(2, None, FORMULA + OFFENCES[1] + "."),
        art(3, None, FORMULA + OFFENCES[2] + "."),
    )
    new = doc(
        art(1, None, FORMULA + OFFENCES[0] + "."),
        art(2, None, FORMULA + OFFENCES[4] + "."),
        art(3, None, FORMULA + OFFENCES[2] + "."),
    )
    result = align(old, new)
    assert result.for_old("art_2").kind == "deleted"
    assert result.for_new("art_2").kind == "inserted"


# -- paragraphs: moves, splits, merges ---------------------------------------------


def test_paragraph_moved_to_another_article():
    old = doc(art(1, "Illegal access", ACCESS, PRIVACY), art(2, "Interception", INTERCEPT))
    new = doc(art(1, "Illegal access", ACCESS), art(2, "Interception", INTERCEPT, PRIVACY))
    result = align(old, new)
    m = result.for_old("art_1__para_2")
    assert m.new == ("art_2__para_2",) and m.kind == "moved" and m.moved
    assert result.parent_match(m) is result.for_new("art_2")
    assert pairs(result) == {("art_1",): ("art_1",), ("art_2",): ("art_2",)}


def test_paragraph_split_in_two():
    first, second = ACCESS.split(" the access ")
    old = doc(art(1, "Illegal access", ACCESS, PRIVACY))
    new = doc(art(1, "Illegal access", first + ".", "The access " + second, PRIVACY))
    result = align(old, new)
    m = result.for_old("art_1__para_1")
    assert m.kind == "split" and m.new == ("art_1__para_1", "art_1__para_2")
    assert result.for_old("art_1__para_2").new == ("art_1__para_3",)


def test_paragraphs_merged_into_one():
    old = doc(art(1, "Interception", INTERCEPT, PRESERVE, PRIVACY))
    new = doc(art(1, "Interception", INTERCEPT.rstrip(".") + "; and " + PRESERVE, PRIVACY))
    m = align(old, new).for_new("art_1__para_1")
    assert m.kind == "merged" and m.old == ("art_1__para_1", "art_1__para_2")


def test_article_split_into_two_articles():
    old = doc(art(1, "Scope", SCOPE), art(2, "Offences", ACCESS, INTERCEPT, PRESERVE))
    new = doc(
        art(1, "Scope", SCOPE),
        art(2, "Offences", ACCESS, INTERCEPT),
        art(3, "Preservation", PRESERVE),
    )
    result = align(old, new)
    assert pairs(result)[("art_2",)] == ("art_2", "art_3")
    # The paragraphs follow: the third one is now Article 3(1).
    assert result.for_old("art_2__para_3").new == ("art_3__para_1",)


# -- coverage and order ----------------------------------------------------------


def chapters_doc(*chapters):
    return Document.build(
        title="d",
        provisions=[
            Provision(kind="chapter", number=n, label=f"Chapter {n}", heading=h, children=arts)
            for n, h, arts in chapters
        ],
    )


def test_every_provision_is_in_exactly_one_match_at_paragraph_level():
    old = chapters_doc(
        ("I", "General", [art(1, "Scope", SCOPE)]),
        ("II", "Offences", [art(2, "Access", ACCESS, PRIVACY), art(3, "Interception", INTERCEPT)]),
    )
    new = chapters_doc(
        ("I", "General provisions", [art(1, "Scope", SCOPE), art(2, "Extradition", EXTRADITE)]),
        ("II", "Offences", [art(3, "Interception", INTERCEPT, PRIVACY)]),
    )
    result = align(old, new)
    for d, side in ((old, "old"), (new, "new")):
        for p in d.walk():
            holders = [m for m in result.matches if p.eid in getattr(m, side)]
            assert len(holders) == 1, p.eid


def test_article_level_covers_containers_and_units_only():
    old = chapters_doc(("I", "General", [art(1, "Scope", SCOPE, PRIVACY)]))
    result = align(old, old, level="article")
    assert [(m.level, m.old) for m in result.matches] == [
        ("chapter", ("chp_i",)),
        ("article", ("chp_i__art_1",)),
    ]


def test_matches_are_in_tree_order_with_deletions_after_their_old_neighbour():
    # A deletion follows the match of its preceding old sibling (here Article 1),
    # so a redline reads "- old 2, + new 2" as a diff would.
    old = doc(
        art(1, "Scope", SCOPE), art(2, "Interception", INTERCEPT), art(3, "Extradition", EXTRADITE)
    )
    new = doc(
        art(1, "Scope", SCOPE), art(2, "Preservation", PRESERVE), art(3, "Extradition", EXTRADITE)
    )
    result = align(old, new, level="article")
    assert [(m.old, m.new) for m in result.matches] == [
        (("art_1",), ("art_1",)),
        (("art_2",), ()),
        ((), ("art_2",)),
        (("art_3",), ("art_3",)),
    ]
    # A deleted first article comes before everything else.
    first_gone = align(
        old,
        doc(art(1, "Interception", INTERCEPT), art(2, "Extradition", EXTRADITE)),
        level="article",
    )
    first = first_gone.matches[0]
    assert (first.old, first.new) == (("art_1",), ())


def test_match_tree_navigation():
    old = chapters_doc(("I", "General", [art(1, "Scope", SCOPE, PRIVACY)]))
    result = align(old, old)
    (root,) = result.roots()
    (article,) = result.children_matches(root)
    assert article.old == ("chp_i__art_1",)
    assert [m.old for m in result.children_matches(article)] == [
        ("chp_i__art_1__para_1",),
        ("chp_i__art_1__para_2",),
    ]
    assert result.parent_match(article) is root
    assert [d for _, d in result.walk()] == [0, 1, 2, 2]


def test_alignment_is_deterministic_and_inputs_are_not_changed():
    old = doc(art(1, "Scope", SCOPE), art(2, "Interception", INTERCEPT, PRIVACY))
    new = doc(art(1, "Interception", INTERCEPT), art(2, "Scope", SCOPE, PRIVACY))
    before = (old.to_dict(), new.to_dict())
    first, second = align(old, new), align(old, new)
    assert first.matches == second.matches
    assert (old.to_dict(), new.to_dict()) == before


# -- options and errors ------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"level": "sentence"},
            "unknown alignment level 'sentence' (expected 'article' or 'paragraph')",
        ),
        ({"score_cutoff": 1.5}, "score_cutoff 1.5 is out of range (expected 0 < score_cutoff < 1)"),
    ],
)
def test_bad_options_raise_alignment_error(options, message):
    d = doc(art(1, "Scope", SCOPE))
    with pytest.raises(AlignmentError) as info:
        align(d, d, **options)
    assert str(info.value) == message
    assert isinstance(info.value, ValueError)


def test_higher_cutoff_gives_fewer_matches():
    reworded = "Each Party may, where appropriate, establish an offence of access without right."
    old, new = doc(art(1, "Access", ACCESS)), doc(art(1, "Access", reworded))
    assert align(old, new, score_cutoff=0.3).for_old("art_1").kind == "changed"
    assert align(old, new, score_cutoff=0.9).for_old("art_1").kind == "deleted"


# -- serialisation ------------------------------------------------------------------


def test_alignment_to_dict_is_json_ready_and_stable():
    old = doc(art(1, "Scope", SCOPE), art(2, "Access", ACCESS))
    new = doc(art(1, "Scope", SCOPE), art(2, "Extradition", EXTRADITE), art(3, "Access", ACCESS))
    result = align(old, new, level="article")
    data = alignment_to_dict(result)
    assert data["schema"] == ALIGNMENT_SCHEMA == "treatydiff/alignment@1"
    assert data["summary"]["inserted"] == 1 and data["summary"]["renumbered"] == 1
    renumbered = next(m for m in data["matches"] if m["kind"] == "renumbered")
    assert renumbered["old_citations"] == ["Article 2"] and renumbered["new_citations"] == [
        "Article 3"
    ]
    assert list(renumbered) == [
        "old",
        "new",
        "old_citations",
        "new_citations",
        "kind",
        "level",
        "method",
        "score",
        "similarity",
        "old_numbers",
        "new_numbers",
        "text_changed",
        "renumbered",
        "moved",
        "cross_level",
        "depth",
    ]
    text = json.dumps(data, sort_keys=False)
    assert text == json.dumps(alignment_to_dict(align(old, new, level="article")), sort_keys=False)
    assert result.to_dict() == data


def test_console_summary_lists_changes_and_flags_doubtful_ones():
    old = doc(art(1, "Scope", SCOPE), art(2, "Access", ACCESS))
    new = doc(art(1, "Scope", SCOPE), art(2, "Extradition", EXTRADITE), art(3, "Access", ACCESS))
    text = format_alignment_text(align(old, new))
    assert text.splitlines() == [
        "draft -> draft (level: paragraph)",
        "unchanged 1, renumbered 1, inserted 1",
        "+ (none) -> Article 2  [inserted, none, score "
        + f"{align(old, new).for_new('art_2').score:.2f}]",
        "# Article 2 -> Article 3  [renumbered, fuzzy, score 1.00]",
    ]


# -- the assignment primitives against slow references ---------------------------------


def brute_force_chain(w, allowed):
    """Best total weight over every order-preserving set of allowed pairs (tiny inputs)."""
    n, m = w.shape
    best = 0.0

    def rec(i, j, total):
        nonlocal best
        best = max(best, total)
        for a in range(i, n):
            for b in range(j, m):
                if allowed[a, b]:
                    rec(a + 1, b + 1, total + w[a, b])

    rec(0, 0, 0.0)
    return best


@given(st.integers(1, 5), st.integers(1, 5), st.data())
def test_chain_finds_the_best_order_preserving_assignment(n, m, data):
    values = data.draw(st.lists(st.floats(0, 1), min_size=n * m, max_size=n * m))
    w = np.array(values).reshape(n, m)
    allowed = w >= 0.5
    found = chain(w, allowed)
    assert all(allowed[i, j] for i, j in found)
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in itertools.pairwise(found))
    assert sum(w[i, j] for i, j in found) == pytest.approx(brute_force_chain(w, allowed))


def test_greedy_takes_clear_winners_and_leaves_ties():
    s = np.array([[0.95, 0.2, 0.1], [0.1, 0.8, 0.79], [0.1, 0.1, 0.3]])
    # Row 0 wins clearly; row 1 has two near-equal candidates: left alone.
    assert [(i, j) for i, j, _ in greedy(s, s > 0, 0.6, 0.05)] == [(0, 0)]


def test_duplicated_placeholders_are_paired_by_position_with_low_confidence():
    # Two "Repealed." articles shift by one after an insertion: the text cannot
    # say which is which, only the order can, and the score must say so.
    old = doc(
        art(1, None, SCOPE),
        art(2, None, "Repealed."),
        art(3, None, "Repealed."),
        art(4, None, ACCESS),
    )
    new = doc(
        art(1, None, SCOPE),
        art(2, None, EXTRADITE),
        art(3, None, "Repealed."),
        art(4, None, "Repealed."),
        art(5, None, ACCESS),
    )
    result = align(old, new, level="article")
    for eid in ("art_2", "art_3"):
        m = result.for_old(eid)
        assert m.method == "position" and m.score <= 0.6, m
    assert result.for_old("art_4").score == 1.0


REWRITTEN = (
    "Each State Party shall enable its authorities to order the preservation of electronic data, "
    "including traffic data, for a period of up to ninety days, renewable once, where there are "
    "grounds to believe that the data are particularly vulnerable to loss or modification."
)
GROWN = (
    PRESERVE + " Such measures shall include the power to require any person in possession "
    "or control of the data to keep it for up to ninety days, renewable once, and to keep the "
    "undertaking of such procedures confidential for the period provided for by domestic law, "
    "subject to independent review and to the remedies available under Article 14."
)


@pytest.mark.parametrize(
    ("heading", "text", "expected"),
    [
        # The old text kept whole, with new text after it: confidently the same article.
        ("Expedited preservation of stored data", GROWN, ("changed", "address", 0.9, 1.0)),
        # Rewritten under the same heading: the heading tips it, confidence stays low.
        ("Expedited preservation of stored data", REWRITTEN, ("changed", "heading", 0.5, 0.75)),
        # Rewritten under another heading: not enough to say it is the same article.
        ("Interception of content data", REWRITTEN, ("deleted", "none", 0.5, 1.0)),
    ],
)
def test_rewritten_and_grown_articles(heading, text, expected):
    kind, method, low, high = expected
    old = doc(
        art(1, "Scope", SCOPE),
        art(2, "Expedited preservation of stored data", PRESERVE),
        art(3, "Extradition", EXTRADITE),
    )
    new = doc(art(1, "Scope", SCOPE), art(2, heading, text), art(3, "Extradition", EXTRADITE))
    m = align(old, new, level="article").for_old("art_2")
    assert (m.kind, m.method) == (kind, method)
    assert low <= m.score <= high


def test_paragraph_moved_out_of_an_article_is_not_a_merge() -> None:
    # Found by Hypothesis: old Article 2 gives its long paragraph 2 (with
    # points) to Article 1 and keeps its short paragraph 1.  Most of old
    # Article 2 now stands in the new Article 1, which looked like Articles 1
    # and 2 merged (and, once that was refused, like Article 1 deleted).  The
    # new Article 2 is what is left of the old one: each article continues,
    # and one paragraph moved.
    import random

    from strategies import edit_document, random_treaty

    old = random_treaty(random.Random(309), 3, boilerplate=0.0)
    new, truth = edit_document(
        old, random.Random(0), n_edits=1, ops=("move_paragraph",), renumber=True
    )
    assert truth.moved == {("paragraph", "chp_i__art_2__para_2")}
    result = align(old, new)
    for level in ("article", "paragraph", "subparagraph"):
        found = {(m.old, m.new) for m in result.matches if m.old and m.new and m.level == level}
        assert found == truth.at(level), level
    moved = result.for_old("chp_i__art_2__para_2")
    assert moved.kind == "moved" and moved.new == ("chp_i__art_1__para_2",)
    assert result.for_old("chp_i__art_1").kind != "deleted"
