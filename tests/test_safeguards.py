"""Safeguard rules: one table per category, with non-findings beside findings.

Sentences are written for these tests in the style of the drafts (AI Act,
cybercrime conventions); the real texts are exercised by
tests/test_safeguards_eval.py.  Expected categories come from reading each
pair, not from the program's output.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatydiff.model import Alignment, Document, Match, Provision
from treatydiff.safeguards import CATEGORIES, safeguards, safeguards_of
from treatydiff.safeguards.report import findings_to_csv, findings_to_dicts, findings_to_markdown


def _doc(title: str, *texts: str, kind: str = "paragraph") -> Document:
    article = Provision(
        kind="article",
        number="5",
        label="Article 5",
        children=[Provision(kind=kind, number=str(i), text=t) for i, t in enumerate(texts, 1)],
    )
    return Document.build(title=title, provisions=[article])


def _pair(old: str, new: str, *, score: float = 0.95, kind: str = "changed") -> Alignment:
    o, n = _doc("old", old), _doc("new", new)
    matches = [
        Match(
            old=("art_5",),
            new=("art_5",),
            kind="unchanged",
            score=1.0,
            method="address",
            level="article",
        ),
        Match(
            old=("art_5__para_1",),
            new=("art_5__para_1",),
            kind=kind,
            score=score,
            method="address",
            level="paragraph",
        ),
    ]
    return Alignment(o, n, matches)


def _cats(old: str, new: str, **kw) -> set[tuple[str, str]]:
    return {(f.category, f.direction) for f in safeguards(_pair(old, new, **kw))}


W, S = "weakened", "strengthened"

CASES = [
    # -- modality
    (
        "Each State Party shall adopt such legislative measures.",
        "Each State Party may adopt such legislative measures.",
        {("modal_downgrade", W)},
    ),
    (
        "Each State Party shall adopt such legislative measures.",
        "Each State Party shall endeavour to adopt such legislative measures.",
        {("modal_downgrade", W)},
    ),
    (
        "Each State Party shall adopt such legislative measures.",
        "Each State Party should adopt such legislative measures.",
        {("modal_downgrade", W)},
    ),
    (
        "Each State Party shall consider adopting such measures.",
        "Each State Party shall adopt such measures.",
        {("modal_upgrade", S)},
    ),
    (
        "The Board may establish a standing sub-group.",
        "The Board shall establish a standing sub-group.",
        {("modal_upgrade", S)},
    ),
    (
        "Providers shall not place such systems on the market.",
        "Providers may not place such systems on the market.",
        {("modal_downgrade", W)},
    ),
    (
        "Such data shall not be transferred to a third country.",
        "Such data may be transferred to a third country.",
        {("modal_downgrade", W)},
    ),
    # -- deferral
    (
        "Each Party shall establish the offence of illegal access.",
        "Each Party shall, in accordance with its domestic law, establish the offence of illegal "
        "access.",
        {("deferral_added", W)},
    ),
    (
        "Each Party shall provide for the preservation of data.",
        "Each Party shall, where appropriate, provide for the preservation of data.",
        {("deferral_added", W)},
    ),
    (
        "Each Party shall, subject to its domestic law, assist the requesting Party.",
        "Each Party shall assist the requesting Party.",
        {("deferral_removed", S)},
    ),
    (
        "Each Party shall act consistent with its domestic legal framework.",
        "Each Party shall act in accordance with the fundamental principles of its legal system.",
        set(),
    ),  # one deferral reworded as another
    (
        "Each Party shall act in accordance with its domestic law.",
        "Each Party shall act in accordance with its national law.",
        set(),
    ),
    # -- optional elements
    (
        "Each Party shall require that the offence be committed with dishonest intent.",
        "A Party may require that the offence be committed with dishonest intent.",
        {("element_made_optional", W)},
    ),
    (
        "Each Party shall apply this article to all offences.",
        "Each Party shall apply this article to all offences. Each Party may reserve the right not "
        "to apply paragraph 1.",
        {("element_made_optional", W)},
    ),
    (
        "Each Party shall establish these powers. A Party may reserve the right not to apply them.",
        "Each Party shall establish these powers.",
        {("element_made_mandatory", S)},
    ),
    # -- safeguard terms
    (
        "Each use shall be subject to prior authorisation by a judicial authority.",
        "Each use shall be subject to prior authorisation by a competent authority.",
        {("safeguard_term_deleted", W)},
    ),
    (
        "Such powers shall be subject to conditions which shall incorporate the principle of "
        "proportionality.",
        "Such powers shall be subject to conditions.",
        {("safeguard_term_deleted", W)},
    ),
    (
        "Each Party shall establish as criminal offences the access to a computer system.",
        "Each Party shall establish as criminal offences, when committed intentionally and without "
        "right, the access to a computer system.",
        {("safeguard_term_added", S)},
    ),
    (
        "The safeguards shall include, inter alia, judicial review, the right to an effective "
        "remedy and limits on duration.",
        "The safeguards shall include, inter alia, the right to an effective remedy.",
        {("safeguard_term_deleted", W)},
    ),
    (
        "Users shall monitor the operation of the system.",
        "Users shall implement human oversight and monitor the operation of the system.",
        {("safeguard_term_added", S)},
    ),
    # -- exceptions
    (
        "This obligation shall apply to all users.",
        "This obligation shall apply to all users. It shall not cover sensitive operational data "
        "of law enforcement authorities.",
        {("exception_widened", W)},
    ),
    (
        "The use shall be prohibited unless it is strictly necessary for a listed objective.",
        "The use shall be prohibited.",
        {("exception_narrowed", S)},
    ),  # the prohibition is absolute
    (
        "AI systems referred to in Annex III shall be considered high-risk if",
        "AI systems referred to in Annex III shall be considered high-risk unless",
        {("exception_widened", W)},
    ),
    # -- scope
    (
        "These powers shall apply to the offences established under this Convention.",
        "These powers shall apply to any criminal offence.",
        {("scope_expanded", W)},
    ),
    (
        "These powers shall apply to any criminal offence.",
        "These powers shall apply to the offences established under this Convention.",
        {("scope_narrowed", S)},
    ),
    # -- non-findings: wording that keeps the strength of the obligation
    (
        "Each Party shall adopt such legislative and other measures as may be necessary.",
        "Each State Party shall adopt such legislative and other measures as may be necessary.",
        set(),
    ),
    (
        "The competent authority shall grant the authorisation.",
        "The authorisation shall be granted by the competent authority.",
        set(),
    ),
    (
        "Member States shall notify the Commission of those rules and shall notify it "
        "without delay "
        "of any amendment.",
        "Member States shall without delay notify the Commission of those rules and of any "
        "amendment.",
        set(),
    ),
    (
        "Risks to the fundamental rights of the data subjects shall be mitigated.",
        "Risks to the rights and freedoms of the data subjects shall be mitigated.",
        set(),
    ),
    (
        "The use is prohibited, except in duly justified situations of urgency.",
        "The use is prohibited, except in duly justified situations of urgency.",
        set(),
    ),
    (
        "The Commission shall prepare a report.",
        "The Commission shall prepare a report. The report shall be published.",
        set(),
    ),
    # a modal in a subordinate clause does not govern: "harm that may arise"
    (
        "Providers shall mitigate any harm that could arise.",
        "Providers shall mitigate any harm that may arise.",
        set(),
    ),
    # a different actor is a different obligation, not a change of strength
    ("The Commission shall publish the list.", "Member States may publish the list.", set()),
]


@pytest.mark.parametrize(("old", "new", "expected"), CASES)
def test_category_table(old: str, new: str, expected: set[tuple[str, str]]) -> None:
    assert _cats(old, new) == expected


def test_evidence_quotes_the_provisions_own_text() -> None:
    al = _pair(
        "Each Party shall, in accordance with its domestic law, adopt measures.",
        "Each Party may adopt measures.",
    )
    findings = safeguards(al)
    assert {f.category for f in findings} == {"modal_downgrade", "deferral_removed"}
    for f in findings:
        for ev, doc in ((f.old, al.old), (f.new, al.new)):
            if ev is not None:
                assert doc.get(ev.eid).text[ev.start : ev.end] == ev.phrase
                assert ev.citation == "Article 5(1)"
    down = next(f for f in findings if f.category == "modal_downgrade")
    assert (down.old.phrase, down.new.phrase, down.severity) == ("shall", "may", "high")


def test_low_confidence_match_lowers_or_skips() -> None:
    old, new = "Each Party shall adopt measures.", "Each Party may adopt measures."
    sure = safeguards(_pair(old, new, score=0.95))
    unsure = safeguards(_pair(old, new, score=0.6))
    assert [f.severity for f in sure] == ["high"]
    assert [f.severity for f in unsure] == ["medium"]
    assert safeguards(_pair(old, new, score=0.3)) == ()
    assert safeguards(_pair(old, new, score=0.3), min_score=0.2) != ()


def test_renumbered_and_moved_text_is_no_finding() -> None:
    text = "Each Party shall, in accordance with its domestic law, establish jurisdiction."
    o = Document.build(title="o", provisions=[Provision(kind="article", number="22", text=text)])
    n = Document.build(
        title="n",
        provisions=[
            Provision(kind="article", number="1", text="Scope."),
            Provision(kind="article", number="24", text=text),
        ],
    )
    al = Alignment(
        o,
        n,
        [
            Match(
                old=(), new=("art_1",), kind="inserted", score=1.0, method="none", level="article"
            ),
            Match(
                old=("art_22",),
                new=("art_24",),
                kind="renumbered",
                score=0.9,
                method="fuzzy",
                level="article",
                renumbered=True,
                moved=True,
            ),
        ],
    )
    assert safeguards(al) == ()


def test_inserted_and_deleted_provisions() -> None:
    o = Document.build(
        title="o",
        provisions=[
            Provision(kind="article", number="1", text="Each Party shall act."),
            Provision(
                kind="article",
                number="2",
                text="Interception shall require prior authorisation by a judge.",
            ),
        ],
    )
    n = Document.build(
        title="n",
        provisions=[
            Provision(kind="article", number="1", text="Each Party shall act."),
            Provision(
                kind="article",
                number="3",
                text="A Party may, in accordance with its domestic law, refuse.",
            ),
        ],
    )
    al = Alignment(
        o,
        n,
        [
            Match(
                old=("art_1",),
                new=("art_1",),
                kind="unchanged",
                score=1.0,
                method="address",
                level="article",
            ),
            Match(
                old=("art_2",), new=(), kind="deleted", score=1.0, method="none", level="article"
            ),
            Match(
                old=(), new=("art_3",), kind="inserted", score=1.0, method="none", level="article"
            ),
        ],
    )
    got = {(f.category, f.rule) for f in safeguards(al)}
    assert ("deferral_added", "inserted:deferrals:domestic_law") in got
    assert ("safeguard_term_deleted", "deleted:terms:judicial") in got
    assert ("safeguard_term_deleted", "deleted:terms:prior_authorisation") in got


def _exception_list(items: tuple[str, ...]) -> Document:
    para = Provision(
        kind="paragraph",
        number="1",
        text="The use of such systems is prohibited, unless strictly necessary for "
        "one of the following objectives:",
        children=[
            Provision(kind="subparagraph", number=c, text=t)
            for c, t in zip("abc", items, strict=False)
        ],
    )
    return Document.build(
        title="t", provisions=[Provision(kind="article", number="5", children=[para])]
    )


def test_ground_added_to_an_exception_list() -> None:
    o = _exception_list(("the search for victims;",))
    n = _exception_list(("the search for victims;", "the prevention of a threat;"))
    al = Alignment(
        o,
        n,
        [
            Match(
                old=("art_5__para_1",),
                new=("art_5__para_1",),
                kind="unchanged",
                score=1.0,
                method="address",
                level="paragraph",
            ),
            Match(
                old=("art_5__para_1__point_a",),
                new=("art_5__para_1__point_a",),
                kind="unchanged",
                score=1.0,
                method="address",
                level="subparagraph",
            ),
            Match(
                old=(),
                new=("art_5__para_1__point_b",),
                kind="inserted",
                score=1.0,
                method="none",
                level="subparagraph",
            ),
        ],
    )
    (f,) = safeguards(al)
    assert (f.category, f.direction, f.severity) == ("exception_widened", "weakened", "high")
    assert f.new.citation == "Article 5(1)(b)"
    swapped = Alignment(
        n,
        o,
        [
            Match(
                old=m.new,
                new=m.old,
                kind={"inserted": "deleted"}.get(m.kind, m.kind),
                score=m.score,
                method=m.method,
                level=m.level,
            )
            for m in al.matches
        ],
    )
    assert [g.category for g in safeguards(swapped)] == ["exception_narrowed"]


def test_moved_to_preamble() -> None:
    text = "States shall respect human rights and the principle of proportionality."
    o = Document.build(title="o", provisions=[Provision(kind="article", number="6", text=text)])
    n = Document.build(
        title="n",
        provisions=[
            Provision(
                kind="preamble",
                children=[
                    Provision(
                        kind="recital",
                        number="3",
                        text="Recalling that " + text[0].lower() + text[1:],
                    )
                ],
            )
        ],
    )
    al = Alignment(
        o,
        n,
        [
            Match(
                old=("art_6",),
                new=("preamble__recital_3",),
                kind="moved",
                score=0.9,
                method="fuzzy",
                level="article",
                moved=True,
            )
        ],
    )
    (f,) = safeguards(al)
    assert (f.category, f.direction) == ("moved_to_preamble", "weakened")
    back = Alignment(
        n,
        o,
        [
            Match(
                old=("preamble__recital_3",),
                new=("art_6",),
                kind="moved",
                score=0.9,
                method="fuzzy",
                level="article",
                moved=True,
            )
        ],
    )
    assert [g.category for g in safeguards(back)] == ["moved_from_preamble"]


def test_findings_sorted_by_position_in_new_document() -> None:
    o = _doc("o", "Each Party shall act.", "Each Party shall report.")
    n = _doc("n", "Each Party may act.", "Each Party should report.")
    al = Alignment(
        o,
        n,
        [
            Match(
                old=("art_5__para_2",),
                new=("art_5__para_2",),
                kind="changed",
                score=0.9,
                method="address",
                level="paragraph",
            ),
            Match(
                old=("art_5__para_1",),
                new=("art_5__para_1",),
                kind="changed",
                score=0.9,
                method="address",
                level="paragraph",
            ),
        ],
    )
    assert [f.new.eid for f in safeguards(al)] == ["art_5__para_1", "art_5__para_2"]


def test_safeguards_of_one_text() -> None:
    doc = _doc(
        "t",
        "Each Party may, in accordance with its domestic law, require that the offence "
        "be committed with dishonest intent.",
        "Each Party shall endeavour to cooperate, except where the request is political.",
    )
    got = [(f.category, f.direction, f.new.phrase) for f in safeguards_of(doc)]
    assert ("deferral", "present", "in accordance with its domestic law") in got
    assert (
        "optional_element",
        "present",
        "may, in accordance with its domestic law, require that",
    ) in got
    assert ("weak_modal", "present", "shall endeavour to") in got
    assert ("exception", "present", "except where") in got
    assert ("safeguard_term", "present", "with dishonest intent") in got


def test_reports_round_trip() -> None:
    al = _pair("Each Party shall | act.", "Each Party may | act.")
    findings = safeguards(al)
    rows = findings_to_dicts(findings)
    assert json.loads(json.dumps(rows)) == rows
    csv = findings_to_csv(findings)
    assert csv.count("\n") == len(findings) + 1
    md = findings_to_markdown(findings, al)
    assert "modal_downgrade" in md and "Each Party shall \\| act." not in md
    assert findings_to_markdown(()).strip().endswith("No findings.")


_SENTENCES = st.sampled_from([c[0] for c in CASES] + [c[1] for c in CASES])


@given(_SENTENCES, _SENTENCES)
def test_invariants(old: str, new: str) -> None:
    al = _pair(old, new)
    first = safeguards(al)
    assert first == safeguards(al)  # deterministic
    assert safeguards(_pair(old, old)) == ()  # diff(x, x) is empty
    for f in first:
        assert f.category in CATEGORIES
        assert f.direction in ("weakened", "strengthened")
        assert f.severity in ("low", "medium", "high")
        for ev, doc in ((f.old, al.old), (f.new, al.new)):
            if ev is not None:
                assert doc.get(ev.eid).text[ev.start : ev.end] == ev.phrase
    # swapping old and new swaps weakenings and strengthenings of the modal rules
    back = {(f.category, f.direction) for f in safeguards(_pair(new, old))}
    flip = {"modal_downgrade": "modal_upgrade", "modal_upgrade": "modal_downgrade"}
    for f in first:
        if f.category in flip:
            assert (
                flip[f.category],
                "strengthened" if f.direction == "weakened" else "weakened",
            ) in back
