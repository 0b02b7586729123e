"""Alignment of real successive versions; expectations written from reading the texts."""

from __future__ import annotations

import pytest

import treatydiff
from treatydiff.align import align

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def stpo(corpora):
    old = treatydiff.load(corpora / "de-stpo" / "stpo_index_2013-01-11.md")
    new = treatydiff.load(corpora / "de-stpo" / "stpo_index_2022-01-28.md")
    return old, new, align(old, new)


def para(doc, section, number):
    """Paragraph "(number)" of a German section."""
    unit = doc.find(f"§ {section}")
    return next(c for c in unit.children if c.number == str(number))


def test_stpo_number_reuse_is_not_matched_as_a_change(stpo):
    # § 100b 2013 (court order for telecommunications interception) and
    # § 100b 2022 (Online-Durchsuchung, a new power) share only a number.
    old, new, result = stpo
    old_100b, new_100b = old.find("§ 100b"), new.find("§ 100b")
    assert new_100b.heading == "Online-Durchsuchung"
    assert old_100b.eid not in result.for_new(new_100b.eid).old
    assert new_100b.eid not in result.for_old(old_100b.eid).new
    for child in new_100b.walk():
        m = result.for_new(child.eid)
        assert not any(e.startswith(old_100b.eid) for e in m.old), child.eid


@pytest.mark.parametrize(
    ("old_section", "old_para", "new_section", "new_para"),
    [
        # § 100b(1) 2013, the order procedure, is word for word § 100e(1) 2022.
        ("100b", 1, "100e", 1),
        # § 100d(1) 2013 (order for acoustic surveillance of homes) is § 100e(2) 2022.
        ("100d", 1, "100e", 2),
        # The duty of telecommunications providers to cooperate moved into § 100a(4).
        ("100b", 3, "100a", 4),
        # The yearly reports to the Federal Office of Justice moved to § 101b(1).
        ("100b", 5, "101b", 1),
    ],
)
def test_stpo_paragraphs_follow_their_content(stpo, old_section, old_para, new_section, new_para):
    old, new, result = stpo
    m = result.for_old(para(old, old_section, old_para).eid)
    assert m.new == (para(new, new_section, new_para).eid,)


def test_stpo_acoustic_home_surveillance_keeps_its_section(stpo):
    old, new, result = stpo
    m = result.for_old(old.find("§ 100c").eid)
    assert m.new == (new.find("§ 100c").eid,) and m.kind == "changed"


def test_stgb_data_receiving_offence_is_inserted(corpora):
    old = treatydiff.load(corpora / "de-stgb" / "stgb_index_2013-01-11.md")
    new = treatydiff.load(corpora / "de-stgb" / "stgb_index_2022-01-28.md")
    result = align(old, new)
    added = new.find("§ 202d")
    assert added.heading == "Datenhehlerei"
    assert result.for_new(added.eid).kind == "inserted"
    for section in ("202a", "202b", "202c"):
        assert result.for_old(old.find(f"§ {section}").eid).new == (new.find(f"§ {section}").eid,)


def test_dutch_code_changes_only_the_cybercrime_articles(corpora):
    folder = corpora / "nl-wetboek-van-strafrecht"
    old = treatydiff.load(folder / "BWBR0001854_README_2015-06-16.md")
    new = treatydiff.load(folder / "BWBR0001854_README_2015-06-30.md")
    result = align(old, new, level="article")
    changed = {
        old.get(m.old[0]).number
        for m in result.at_level("article", "section")
        if m.kind != "unchanged"
    }
    # Read from a line diff of the two files: the articles amended to
    # implement Directive 2013/40/EU on attacks against information systems.
    assert changed == {"138ab", "138b", "139c", "139d", "161sexies", "350a", "350c", "350d"}
    assert not result.inserted and not result.deleted
    assert all(m.old == m.new for m in result.at_level("article", "section"))


def test_budapest_convention_versions_differ_only_in_formatting(corpora):
    folder = corpora / "coe-budapest-convention-ets185"
    old = treatydiff.load(folder / "BWBV0001839_README_2007-03-01.md")
    new = treatydiff.load(folder / "BWBV0001839_README_2012-10-24.md")
    result = align(old, new)
    assert not result.inserted and not result.deleted
    assert all(m.old == m.new for m in result.matches)
    assert {m.kind for m in result.at_level("article")} == {"unchanged"}


@pytest.fixture(scope="module")
def ai_act(corpora):
    folder = corpora / "eu-ai-act-drafts" / "md-snapshots-branch-20230103"
    old = treatydiff.load(folder / "2021-04-21-AIA-COM-Proposal-21-April-21.act.md")
    new = treatydiff.load(folder / "2022-12-06-CONSIL_ST_15698_2022_INIT_EN_TXT.act.md")
    return old, new, align(old, new)


@pytest.mark.parametrize(
    "number",
    [
        "4a",  # general purpose AI systems: a new Title IA in the Council text
        "4b",
        "4c",
        "54a",  # testing in real world conditions outside sandboxes
        "68b",  # central pool of independent experts
    ],
)
def test_ai_act_council_articles_without_a_commission_counterpart_are_inserted(ai_act, number):
    _, new, result = ai_act
    assert result.for_new(new.find(f"Article {number}").eid).kind == "inserted"


@pytest.mark.parametrize(
    ("number", "heading"),
    [
        ("5", None),  # prohibited practices, amended
        ("36", "Changes to notifications"),  # kept, but grew about fivefold
        ("41", "Common specifications"),
    ],
)
def test_ai_act_articles_kept_under_their_number_are_matched(ai_act, number, heading):
    old, new, result = ai_act
    o, n = old.find(f"Article {number}"), new.find(f"Article {number}")
    if heading:
        assert o.heading == n.heading == heading
    m = result.for_old(o.eid)
    assert m.new == (n.eid,) and m.kind == "changed"


def test_ai_act_deleted_article_is_not_paired_with_its_placeholder(ai_act):
    # The Council text keeps "Article 50 [deleted]"; the Commission's Article 50
    # (document retention) moved into Article 18(1).  The placeholder is not it.
    old, new, result = ai_act
    assert new.find("Article 50").heading == "[deleted]"
    assert result.for_old(old.find("Article 50").eid).new != (new.find("Article 50").eid,)


def test_ai_act_document_retention_moved_into_documentation_keeping(ai_act):
    # Council Article 18(1) reproduces the Commission's Article 50 word for word
    # ("The provider shall, for a period ending 10 years ...", points (a)-(e)).
    old, new, result = ai_act
    m = result.for_old(old.find("Article 50").eid)
    assert m.new == (new.find("Article 18").eid,) and m.moved
    assert m.score < 0.75  # a partial correspondence, shown as doubtful


def test_ai_act_sandbox_article_rewritten_under_its_heading_is_matched_with_low_confidence(ai_act):
    # Article 53 "AI regulatory sandboxes" tripled in length; its heading and
    # place identify it, its text alone would not: a match, but a doubtful one.
    old, new, result = ai_act
    o, n = old.find("Article 53"), new.find("Article 53")
    assert o.heading == n.heading == "AI regulatory sandboxes"
    m = result.for_old(o.eid)
    assert m.new == (n.eid,) and m.method == "heading" and m.score < 0.75
