"""Lineages across several drafts, their table form and the fate of bracketed text."""

from __future__ import annotations

import csv
import io

import pytest

from treatydiff.align.history import align_many
from treatydiff.errors import AlignmentError
from treatydiff.model import Annotation, Document, Provision

ACCESS = (
    "Each State Party shall establish as a criminal offence the access to a computer system {}."
)
SCOPE = "This Convention applies to the prevention, investigation and prosecution of the offences."
TERMS = "For the purposes of this Convention, computer data means any representation of facts."
SEIZE = "Each State Party shall empower its authorities to search and seize stored computer data."
RETAIN = "Each State Party shall require service providers to keep traffic data for ninety days."


def article(number, text, *, brackets=()):
    notes = []
    for passage, kind in brackets:
        start = text.index(passage)
        notes.append(Annotation(kind=kind, text=passage, start=start, end=start + len(passage)))
    return Provision(
        kind="article", number=str(number), label=f"Article {number}", text=text, annotations=notes
    )


def draft(title, *articles):
    return Document.build(title=title, provisions=articles)


@pytest.fixture
def drafts():
    d1 = draft(
        "zero draft",
        article(1, SCOPE),
        article(
            2,
            ACCESS.format("[without right] [for dishonest purposes]"),
            brackets=[("[without right]", "bracket"), ("[for dishonest purposes]", "bracket")],
        ),
        article(3, SEIZE + " [" + RETAIN + "]", brackets=[("[" + RETAIN + "]", "bracket")]),
    )
    d2 = draft(
        "revised draft",
        article(1, SCOPE),
        article(2, TERMS),
        article(3, ACCESS.format("[without right]"), brackets=[("[without right]", "bracket")]),
        article(4, SEIZE),
    )
    d3 = draft(
        "final draft",
        article(1, SCOPE),
        article(2, TERMS),
        article(3, ACCESS.format("without right")),
    )
    return [d1, d2, d3]


def test_lineages_follow_renumbering_insertion_and_deletion(drafts):
    history = align_many(drafts)
    assert len(history.alignments) == 2
    eids = [lin.eids for lin in history.lineages]
    assert eids == [
        (("art_1",), ("art_1",), ("art_1",)),  # scope: unchanged throughout
        (("art_2",), ("art_3",), ("art_3",)),  # illegal access: renumbered, then kept
        (("art_3",), ("art_4",), ()),  # search and seizure: renumbered, then deleted
        ((), ("art_2",), ("art_2",)),  # definitions: new in the revised draft
    ]
    changes = {lin.eids[0] or lin.eids[1]: lin.changes for lin in history.lineages}
    assert changes[("art_1",)] == ("unchanged", "unchanged")
    assert changes[("art_3",)] == ("renumbered", "deleted")
    assert history.lineages[3].changes == ("inserted", "unchanged")
    assert history.lineage_of(1, "art_3") is history.lineages[1]


def test_records_and_csv_give_one_row_per_lineage_and_draft(drafts):
    history = align_many(drafts)
    rows = history.records()
    assert len(rows) == len(history.lineages) * 3
    access = [r for r in rows if r["lineage"] == 1]
    assert [r["citations"] for r in access] == ["Article 2", "Article 3", "Article 3"]
    assert [r["change"] for r in access] == [None, "renumbered", "changed"]
    parsed = list(csv.DictReader(io.StringIO(history.to_csv())))
    assert len(parsed) == len(rows)
    assert parsed[0].keys() == {
        "lineage",
        "level",
        "draft",
        "document",
        "eids",
        "citations",
        "change",
        "score",
    }
    assert parsed[0]["document"] == "zero draft" and parsed[0]["change"] == ""


def test_brackets_are_counted_per_draft_and_followed_to_their_fate(drafts):
    report = align_many(drafts).brackets()
    assert [c["brackets"] for c in report["counts"]] == [3, 1, 0]
    fates = {(p["draft"], p["text"]): p["fate"] for p in report["passages"]}
    assert fates == {
        (0, "[without right]"): "still bracketed",
        (0, "[for dishonest purposes]"): "dropped",
        # The data retention sentence left with Article 3; what remains is Article 4.
        (0, "[" + RETAIN + "]"): "dropped",
        (1, "[without right]"): "kept",
    }


def test_bracketed_provision_that_disappears(drafts):
    d1 = drafts[0]
    gone = draft("revised draft", article(1, SCOPE))
    report = align_many([d1, gone]).brackets()
    assert {p["fate"] for p in report["passages"]} == {"provision deleted"}


def test_history_needs_two_drafts(drafts):
    with pytest.raises(AlignmentError, match="align_many got 1 document"):
        align_many(drafts[:1])


def test_options_reach_the_pairwise_alignments(drafts):
    history = align_many(drafts, level="article")
    assert all(al.level == "article" for al in history.alignments)


def test_ai_act_drafts_chain(corpora):
    import treatydiff

    folder = corpora / "eu-ai-act-drafts" / "md-snapshots-branch-20230103"
    docs = [
        treatydiff.load(folder / name)
        for name in (
            "2021-04-21-AIA-COM-Proposal-21-April-21.act.md",
            "2022-06-15-AIA-FRA-Consolidated-Version-15-June.act.md",
            "2022-12-06-CONSIL_ST_15698_2022_INIT_EN_TXT.act.md",
        )
    ]
    history = align_many(docs, level="article")
    # Article 36 "Changes to notifications" exists in all three drafts under its number.
    lin = history.lineage_of(0, docs[0].find("Article 36").eid)
    assert [docs[k].citation(e) for k, eids in enumerate(lin.eids) for e in eids] == [
        "Article 36",
        "Article 36",
        "Article 36",
    ]


def test_console_table_of_lineages(drafts):
    from treatydiff.align._serial import format_history_text

    assert format_history_text(align_many(drafts)).splitlines() == [
        "zero draft | revised draft | final draft | changes",
        "Article 1 | Article 1 | Article 1 | unchanged, unchanged",
        "Article 2 | Article 3 | Article 3 | renumbered, changed",
        "Article 3 | Article 4 | - | renumbered, deleted",
        "- | Article 2 | Article 2 | inserted, unchanged",
    ]
