"""Safeguard rules: one table per category, with non-findings beside findings.

Sentences are written for these tests in the style of the drafts (AI Act,
cybercrime conventions); the real texts are exercised by
tests/test_safeguards_eval.py.  Expected categories come from reading each
pair, not from the program's output.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import edited_pairs

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


def _m(
    old: str | None, new: str | None, level: str, *, kind: str | None = None, score: float = 1.0
) -> Match:
    """A hand-made match: its kind follows from the sides present unless given."""
    if kind is None:
        kind = "changed" if old and new else ("inserted" if new else "deleted")
    return Match(
        old=(old,) if old else (),
        new=(new,) if new else (),
        kind=kind,
        score=score,
        method="address" if old and new else "none",
        level=level,
    )


def _swapped(matches) -> list[Match]:
    """The same matches read from the new text to the old one."""
    return [
        Match(
            old=m.new,
            new=m.old,
            kind={"inserted": "deleted", "deleted": "inserted"}.get(m.kind, m.kind),
            score=m.score,
            method=m.method,
            level=m.level,
        )
        for m in matches
    ]


def _articles(title: str, articles: dict[str, str]) -> Document:
    """A document of bare articles: {number: text}."""
    return Document.build(
        title=title,
        provisions=[Provision(kind="article", number=n, text=t) for n, t in articles.items()],
    )


def _cats(old: str, new: str, **kw) -> set[tuple[str, str]]:
    return {(f.category, f.direction) for f in safeguards(_pair(old, new, **kw))}


W, S = "weakened", "strengthened"
SEVERITY_ORDER = ("low", "medium", "high")

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
    # -- scope inside a prohibition or limit reads the other way
    (
        "Personal data shall not be transferred for the offences established under this "
        "Convention.",
        "Personal data shall not be transferred for any criminal offence.",
        {("scope_expanded", S)},
    ),  # the prohibition now reaches every offence: more protection
    (
        "Assistance shall be refused where the request concerns any criminal offence.",
        "Assistance shall be refused where the request concerns the offences established "
        "under this Convention.",
        {("scope_narrowed", W)},
    ),  # fewer requests must be refused
    # -- exceptions phrased with "should", and carve-outs phrased as "not affect"
    (
        "These obligations should apply to all users of such systems.",
        "These obligations should apply to all users of such systems. They should not "
        "apply where the use is made in the course of a personal non-professional activity.",
        {("exception_widened", W)},
    ),
    (
        "This prohibition should apply to evaluations of natural persons.",
        "This prohibition should apply to evaluations of natural persons. It should not "
        "affect evaluation practices carried out for a specific purpose.",
        {("exception_widened", W)},
    ),
    # -- saving clauses keep other rules in force: neither exception nor deferral
    (
        "These obligations should not apply to personal non-professional activity.",
        "These obligations should be without prejudice to other user obligations under "
        "Union or national law, and should not apply to personal non-professional activity.",
        set(),
    ),
    (
        "The database shall contain no personal data.",
        "The database shall contain no personal data and shall be without prejudice to Article 70.",
        set(),
    ),
    (
        "Each State Party shall protect the data received.",
        "Each State Party shall protect the data received. This Article shall not affect "
        "the rights of persons under its domestic law.",
        set(),
    ),
    (
        "The prohibition applies to the use of such systems.",
        "The prohibition applies to the use of such systems. It is without prejudice to "
        "the use of such systems for identity checks.",
        {("exception_widened", W)},
    ),  # "without prejudice to the use of": a carve-out, not a saving clause
    # -- a safeguard word naming an actor is not a safeguard; as a condition it is
    (
        "Data protection authorities shall supervise the use by law enforcement authorities.",
        "Data protection authorities shall supervise the use by law enforcement or "
        "judicial authorities.",
        set(),
    ),  # judicial authorities are users, not a judicial safeguard
    (
        "The Supervisor shall act as the competent authority.",
        "The European Data Protection Supervisor shall act as the competent authority.",
        set(),
    ),
    (
        "Such use shall be subject to prior authorisation by a competent authority.",
        "Such use shall be subject to prior authorisation by a judicial authority.",
        {("safeguard_term_added", S)},
    ),
    (
        "The authorities responsible for the enforcement of that legislation shall report.",
        "The authorities responsible for the supervision of credit institutions shall report.",
        set(),
    ),
    (
        "Participants shall respect lawful data practices.",
        "Participants shall respect lawful evaluation practices.",
        set(),
    ),  # "lawful" describes a practice; legality as a safeguard is a legal basis
    # -- two deferrals added to one sentence are two findings' worth, reported apart
    (
        "The powers are subject to conditions and safeguards which shall provide for the "
        "protection of human rights.",
        "The powers are subject to conditions and safeguards provided for under its domestic "
        "law, which shall provide for the protection of human rights, in accordance with "
        "its domestic law.",
        {("deferral_added", W)},
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
    # "A or B, as appropriate, shall": the phrase picks which authority acts,
    # not whether it acts; dropping B and the phrase changes no duty ...
    (
        "The national authority or the Data Protection Supervisor, as appropriate, shall verify "
        "compliance with this Article.",
        "The national authority shall verify compliance with this Article.",
        set(),
    ),
    # ... but before a single actor's modal it still qualifies the duty
    (
        "The national authority shall verify compliance with this Article.",
        "The national authority shall, as appropriate, verify compliance with this Article.",
        {("deferral_added", W)},
    ),
    # destroying what a power produced is a protection (storage limitation)
    (
        "If the authorisation is rejected, its use shall be stopped with immediate effect.",
        "If the authorisation is rejected, its use shall be stopped with immediate effect and "
        "all the data and results of that use shall be immediately discarded.",
        {("safeguard_term_added", S)},
    ),
    (
        "Data obtained shall be retained no longer than is necessary for the investigation.",
        "Data obtained shall be retained for the investigation.",
        {("safeguard_term_deleted", W)},
    ),
    # a limiting word inside an exclusion narrows the exclusion, not the rule
    (
        "This Convention shall not apply to systems used for military purposes.",
        "This Convention shall not apply to systems used exclusively for military purposes.",
        {("exception_narrowed", S)},
    ),
    (
        "This Convention shall not apply to systems used solely for military purposes.",
        "This Convention shall not apply to systems used for military purposes.",
        {("exception_widened", W)},
    ),
    # a prohibition that no longer names who it binds binds everyone
    (
        "The use of social scoring systems by public authorities or on their behalf shall be "
        "prohibited.",
        "The use of social scoring systems shall be prohibited.",
        {("scope_expanded", S)},
    ),
    # a power that no longer names who holds it is wider
    (
        "Biometric identification may be used by law enforcement authorities or on their behalf "
        "for the search of victims.",
        "Biometric identification may be used for the search of victims.",
        {("scope_expanded", W)},
    ),
    # what an exception enumerates: fewer items take less out of the rule ...
    (
        "Providers shall register the system, with the exception of systems used for law "
        "enforcement, migration and border control, and critical infrastructure.",
        "Providers shall register the system, with the exception of systems used for critical "
        "infrastructure.",
        {("exception_narrowed", S)},
    ),
    # ... more items take more out of it
    (
        "This Regulation shall not apply to systems used for any purpose other than research.",
        "This Regulation shall not apply to systems used for any purpose other than research, "
        "testing and development.",
        {("exception_widened", W)},
    ),
    # ... and the same items reworded, or a condition attached, are no new ground
    (
        "Providers shall register, with the exception of systems referred to in Annex III point 2.",
        "Providers shall register, with the exception of systems referred to in point 2 of "
        "Annex III.",
        set(),
    ),
    # "and, as appropriate," before a clause with its own modal qualifies that clause
    (
        "All circumstances shall be taken into account and due regard shall be given to the "
        "following:",
        "All circumstances shall be taken into account and, as appropriate, regard shall be "
        "given to the following:",
        {("deferral_added", W)},
    ),
    # "This shall not preclude the use of ..." carves a use out of the rule
    (
        "Notified bodies shall be independent of the provider.",
        "Notified bodies shall be independent of the provider. This shall not preclude the use "
        "of assessed systems for personal purposes.",
        {("exception_widened", W)},
    ),
    # "national or Union law" defers as "Union or national law" does
    (
        "The testing shall be without prejudice to ethical review that may be required by "
        "national or Union law.",
        "The testing shall be without prejudice to any ethical review that is required by Union "
        "or national law.",
        set(),
    ),
    # an exception in an offence takes conduct out of the criminal law: adding
    # one protects more, removing one punishes more
    (
        "Whoever obtains data shall be punished by imprisonment.",
        "Whoever obtains data shall be punished by imprisonment, unless the act serves "
        "journalistic purposes.",
        {("exception_widened", S)},
    ),
    (
        "Whoever obtains data shall be punished by imprisonment, unless the act serves "
        "journalistic purposes.",
        "Whoever obtains data shall be punished by imprisonment.",
        {("exception_narrowed", W)},
    ),
    # "applies neither to ... nor to" is an exclusion like "shall not apply to"
    (
        "This Convention shall not apply to authorities of third States.",
        "This Convention applies neither to authorities of third States nor to their agents.",
        set(),
    ),
    # a safeguard named inside a saving clause is kept, not added
    (
        "Any person may lodge a complaint with the authority.",
        "Without prejudice to other administrative or judicial remedies, any person may lodge "
        "a complaint with the authority.",
        set(),
    ),
    (
        "Subjects may withdraw from the testing at any time.",
        "Subjects may withdraw from the testing at any time and may request the immediate "
        "deletion of their personal data.",
        {("safeguard_term_added", S)},
    ),
    (
        "Providers shall test the system on volunteers.",
        "Providers shall test the system on volunteers who have given their informed consent.",
        {("safeguard_term_added", S)},
    ),
    # -- elements of an offence are safeguards only in an offence
    (
        "High-risk AI systems shall be resilient as regards errors, faults or inconsistencies.",
        "High-risk AI systems shall be resilient as regards errors, faults or inconsistencies "
        "and against attempts by unauthorised third parties to alter their use.",
        set(),
    ),
    (
        "Each Party shall establish as criminal offences the access to a computer system.",
        "Each Party shall establish as criminal offences the access to a computer system "
        "without right.",
        {("safeguard_term_added", S)},
    ),
    (
        "Each Party shall establish as criminal offences, when committed intentionally, the "
        "access to a computer system without right.",
        "Each Party shall establish as criminal offences the access to a computer system "
        "without right.",
        {("safeguard_term_deleted", W)},
    ),
    (
        # the new sentence makes a new form of the offence: its elements limit
        # that new form, they protect no one against the law as it stood
        "Whoever forges a travel document shall be punished with imprisonment.",
        "Whoever forges a travel document shall be punished with imprisonment. Whoever "
        "intentionally and without right uses a document reported missing shall be punished "
        "in the same way.",
        set(),
    ),
    # -- a safeguard that may be put off or dispensed with
    (
        "The person concerned shall be notified of the interception.",
        "The person concerned shall be notified of the interception. The notification of the "
        "person concerned may be postponed for as long as it would jeopardise the investigation.",
        {("exception_widened", W)},
    ),
    (
        "The fee shall be paid within thirty days.",
        "The fee shall be paid within thirty days. The payment may be postponed until the end "
        "of the year.",
        set(),
    ),
    # -- dual criminality as treaties write it, ne bis in idem, the security of data
    (
        "Each Party shall establish jurisdiction when the offence is committed by one of its "
        "nationals.",
        "Each Party shall establish jurisdiction when the offence is committed by one of its "
        "nationals, if the offence is punishable under criminal law where it was committed.",
        {("safeguard_term_added", S)},
    ),
    (
        "Member States shall lay down the rules on penalties.",
        "Member States shall lay down the rules on penalties, in respect of the ne bis in idem "
        "principle.",
        {("safeguard_term_added", S)},
    ),
    (
        "The personal data processed in the sandbox shall be kept in a separate environment.",
        "The personal data processed in the sandbox shall be kept in a separate environment and "
        "protected by means of appropriate technical and organisational measures.",
        {("safeguard_term_added", S)},
    ),
    # -- more safeguard terms: the right to be heard, necessity, independence
    (
        "The authority shall decide on the withdrawal of the certificate.",
        "The authority shall decide on the withdrawal of the certificate after the provider "
        "has been given the opportunity to be heard.",
        {("safeguard_term_added", S)},
    ),
    (
        "Personal data shall be recorded in the database.",
        "Personal data shall be recorded in the database only in so far as necessary.",
        {("safeguard_term_added", S)},
    ),
    (
        "National authorities shall exercise their powers.",
        "National authorities shall exercise their powers independently and impartially.",
        {("safeguard_term_added", S)},
    ),
    (
        # "independently of" means "irrespective of": no independence required
        "The system shall be assessed as a high-risk system.",
        "The system shall be assessed as a high-risk system independently of the product in "
        "which it is embedded.",
        set(),
    ),
    # -- "may only" is a limit, not a permission: its strength is not a duty's
    (
        "The log data may only be used for checking the lawfulness of the retrievals.",
        "The log data shall be deleted after twelve months, checking the lawfulness of the "
        "retrievals.",
        {("safeguard_term_added", S)},
    ),
    # -- a safeguard granted to a person reaches more cases
    (
        "Member States shall notify the person concerned where the data were obtained by "
        "interception.",
        "Member States shall notify the person concerned where the data were obtained by "
        "interception or by remote access.",
        {("scope_expanded", S)},
    ),
    (
        "The victim may request information on the release of the offender.",
        "The victim may request information on the release of the offender and shall be "
        "informed of his or her rights.",
        {("safeguard_term_added", S)},
    ),
    # -- deemed compliance: a duty met by meeting another is an exception to it
    (
        "Providers shall establish a post-market monitoring system.",
        "Providers shall establish a post-market monitoring system. For credit institutions the "
        "documentation prepared under Directive 2013/36/EU shall be deemed sufficient.",
        {("exception_widened", W)},
    ),
    # -- a condition put on, or taken off, an exception
    (
        "The obligations laid down in Article 17 shall not apply to microenterprises.",
        "The obligations laid down in Article 17 shall not apply to microenterprises, provided "
        "those enterprises do not have partner enterprises or linked enterprises.",
        {("exception_narrowed", S)},
    ),
    (
        "The obligations laid down in Article 17 shall not apply to microenterprises, provided "
        "those enterprises do not have partner enterprises or linked enterprises.",
        "The obligations laid down in Article 17 shall not apply to microenterprises.",
        {("exception_widened", W)},
    ),
    (
        # in an offence the exception is a defence: a condition on it punishes more
        "Whoever intercepts data without right shall be punished with imprisonment, unless the "
        "act is done by a network operator.",
        "Whoever intercepts data without right shall be punished with imprisonment, unless the "
        "act is done by a network operator, provided that the act serves the operation of the "
        "network.",
        {("exception_narrowed", W)},
    ),
    (
        # a condition on a duty, not on an exception: its reach is not read
        "Providers shall register the system in the database.",
        "Providers shall register the system in the database, where the system is placed on "
        "the market in the Union.",
        set(),
    ),
    (
        # the condition is itself a safeguard: reported once, as the term
        "This Regulation shall not apply to public authorities in a third country.",
        "This Regulation shall not apply to public authorities in a third country, provided that "
        "such a country provides adequate safeguards for the protection of fundamental rights.",
        {("safeguard_term_added", S)},
    ),
    # -- a right named to illustrate one the clause names adds none
    (
        "Authorities which enforce obligations under Union law protecting fundamental rights "
        "shall have the power to request any documentation.",
        "Authorities which enforce obligations under Union law protecting fundamental rights, "
        "including the right to non-discrimination, shall have the power to request any "
        "documentation.",
        set(),
    ),
    (
        # no broader right stood there before: the right is new
        "Authorities which enforce obligations under Union law shall have the power to "
        "request any documentation.",
        "Authorities which enforce obligations under Union law, including the right to "
        "non-discrimination, shall have the power to request any documentation.",
        {("safeguard_term_added", S)},
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), CASES)
def test_category_table(old: str, new: str, expected: set[tuple[str, str]]) -> None:
    assert _cats(old, new) == expected


def _article_pair(old: tuple[str, ...], new: tuple[str, ...]) -> Alignment:
    o, n = _doc("old", *old), _doc("new", *new)
    matches = [_m("art_5", "art_5", "article", kind="unchanged")] + [
        _m(e, e, "paragraph", kind="changed" if a != b else "unchanged", score=0.95)
        for i, (a, b) in enumerate(zip(old, new, strict=True), 1)
        for e in (f"art_5__para_{i}",)
    ]
    return Alignment(o, n, matches)


def test_safeguard_that_stays_in_the_article_is_not_lost() -> None:
    # When the article loses its only mention, the deletion is reported.
    other = "Users shall monitor the system."
    alignment = _article_pair(
        ("Users shall use the system and implement human oversight.", other),
        ("Users shall use the system.", other),
    )
    (lost,) = safeguards(alignment)
    assert (lost.category, lost.direction) == ("safeguard_term_deleted", W)
    # Paragraph 1 drops "human oversight", which paragraph 2 of the same
    # article still requires: still reported (it may have governed something
    # else), one step less severe.
    kept = "Users shall implement human oversight and monitor the system."
    alignment = _article_pair(
        ("Users shall use the system and implement human oversight.", kept),
        ("Users shall use the system.", kept),
    )
    (duplicate,) = safeguards(alignment)
    assert duplicate.category == "safeguard_term_deleted"
    assert SEVERITY_ORDER.index(duplicate.severity) == SEVERITY_ORDER.index(lost.severity) - 1
    # A term that moves from one paragraph to another of the same article is
    # neither lost nor gained.
    alignment = _article_pair(
        ("Users shall use the system subject to human oversight.", "Users shall keep logs."),
        ("Users shall use the system.", "Users shall keep logs under human oversight."),
    )
    assert safeguards(alignment) == ()


def test_a_section_of_a_code_counts_its_terms_as_an_article_does() -> None:
    # "§ 5" of a national code is a section, the quotable unit in place of an
    # article: a term moving between its paragraphs is no change either.
    def code(*texts: str) -> Document:
        return Document.build(
            title="t",
            provisions=[
                Provision(
                    kind="section",
                    number="5",
                    label="§ 5",
                    children=[
                        Provision(kind="paragraph", number=str(i), text=t)
                        for i, t in enumerate(texts, 1)
                    ],
                )
            ],
        )

    old = code("Users shall use the system subject to human oversight.", "Users shall keep logs.")
    new = code("Users shall use the system.", "Users shall keep logs under human oversight.")
    matches = [_m("sec_5", "sec_5", "section", kind="unchanged")] + [
        _m(e, e, "paragraph", kind="changed", score=0.95)
        for e in ("sec_5__para_1", "sec_5__para_2")
    ]
    assert safeguards(Alignment(old, new, matches)) == ()


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


def test_inserted_dispensation_is_an_exception_not_a_safeguard_gained() -> None:
    # A new paragraph letting notice be put off names the notice it dispenses
    # with: one exception widened, no "notification" gained.
    o = _articles("o", {"1": "Each Party shall act."})
    n = _articles(
        "n",
        {
            "1": "Each Party shall act.",
            "2": "The notification of the person concerned may be postponed for as long as "
            "it would jeopardise the investigation.",
        },
    )
    al = Alignment(
        o, n, [_m("art_1", "art_1", "article", kind="unchanged"), _m(None, "art_2", "article")]
    )
    assert {(f.category, f.direction, f.new.phrase) for f in safeguards(al)} == {
        ("exception_widened", W, "may be postponed")
    }


def test_inserted_and_deleted_provisions() -> None:
    o = _articles(
        "o",
        {
            "1": "Each Party shall act.",
            "2": "Interception shall require prior authorisation by a judge.",
        },
    )
    n = _articles(
        "n",
        {
            "1": "Each Party shall act.",
            "3": "A Party may, in accordance with its domestic law, refuse.",
        },
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


def _listed(opener: str, items: tuple[str, ...]) -> Document:
    """Article 5(1): a paragraph that opens a list, with items (a), (b), (c)."""
    para = Provision(
        kind="paragraph",
        number="1",
        text=opener,
        children=[
            Provision(kind="subparagraph", number=c, text=t)
            for c, t in zip("abc", items, strict=False)
        ],
    )
    return Document.build(
        title="t", provisions=[Provision(kind="article", number="5", children=[para])]
    )


def _exception_list(items: tuple[str, ...]) -> Document:
    return _listed(
        "The use of such systems is prohibited, unless strictly necessary for "
        "one of the following objectives:",
        items,
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


def _ground_pair(old: str, new: str) -> Alignment:
    o, n = _exception_list((old,)), _exception_list((new,))
    point = "art_5__para_1__point_a"
    return Alignment(
        o,
        n,
        [
            _m("art_5__para_1", "art_5__para_1", "paragraph", kind="unchanged"),
            _m(point, point, "subparagraph", score=0.9),
        ],
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a ground that loses a threshold word reaches more cases
        (
            "the prevention of a specific, substantial and imminent threat to life;",
            "the prevention of a specific and substantial threat to life;",
            {("exception_widened", W)},
        ),
        (
            "the prevention of a threat to life;",
            "the prevention of a serious and imminent threat to life;",
            {("exception_narrowed", S)},
        ),
        # rewording that keeps every threshold is no finding
        (
            "the prevention of a specific and imminent threat to the life of persons;",
            "the prevention of an imminent and specific threat to the life of natural persons;",
            set(),
        ),
    ],
)
def test_threshold_of_an_exception_ground(old: str, new: str, expected: set) -> None:
    findings = safeguards(_ground_pair(old, new))
    assert {(f.category, f.direction) for f in findings} == expected
    for f in findings:
        side = f.old if f.direction == W else f.new
        assert side.phrase.lower() in {"imminent", "serious"}


def test_threshold_words_outside_an_exception_list_are_not_grounds() -> None:
    # The same change in a paragraph that opens no list of exceptions says
    # nothing about an exception.
    assert (
        _cats(
            "Providers shall report a serious and imminent risk to health.",
            "Providers shall report a serious risk to health.",
        )
        == set()
    )


def _prohibitions(items: tuple[str, ...]) -> Document:
    return _listed(
        "The following practices shall be prohibited:\nPoint (b) is without prejudice to "
        "Article 9.",
        items,
    )


def test_practice_added_to_a_list_of_prohibitions() -> None:
    # The list-opening clause is found even when the paragraph's own text goes
    # on after the list (a closing subparagraph, as EUR-Lex prints Article 5).
    o = _prohibitions(("the use of subliminal techniques;",))
    n = _prohibitions(
        (
            "the use of subliminal techniques;",
            "the untargeted scraping of facial images; this prohibition shall not apply to "
            "research systems;",
        )
    )
    para, point_a, point_b = "art_5__para_1", "art_5__para_1__point_a", "art_5__para_1__point_b"
    matches = [
        _m(para, para, "paragraph", kind="unchanged"),
        _m(point_a, point_a, "subparagraph", kind="unchanged"),
        _m(None, point_b, "subparagraph"),
    ]
    got = {(f.category, f.direction, f.rule) for f in safeguards(Alignment(o, n, matches))}
    # a wider prohibition, and the carve-out that the new item brings with it
    assert ("scope_expanded", S, "prohibition_item_added") in got
    assert {c for c, _, _ in got} == {"scope_expanded", "exception_widened"}
    back = {
        (f.category, f.direction, f.rule) for f in safeguards(Alignment(n, o, _swapped(matches)))
    }
    assert ("scope_narrowed", W, "prohibition_item_removed") in back


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
    # the clauses to read never repeat a finding and never claim a direction
    from treatydiff.safeguards import review

    to_read = review(al, findings=first)
    assert to_read == review(al)
    assert review(_pair(old, old)) == ()
    found_eids = {e.eid for f in first for e in (f.old, f.new) if e is not None}
    for r in to_read:
        assert (r.category, r.direction, r.severity) in {
            ("reworded", "unclear", "low"),
            ("list_entry", "unclear", "low"),
        }
        assert not {e.eid for e in (r.old, r.new) if e is not None} & found_eids
        for ev, doc in ((r.old, al.old), (r.new, al.new)):
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


def test_two_deferrals_in_one_sentence_are_both_quoted() -> None:
    old = "Powers are subject to safeguards which shall protect human rights."
    new = (
        "Powers are subject to safeguards provided for under its domestic law, which shall "
        "protect human rights, in accordance with its domestic law."
    )
    phrases = [f.new.phrase for f in safeguards(_pair(old, new)) if f.category == "deferral_added"]
    assert phrases == ["under its domestic law", "in accordance with its domestic law"]


def test_sentence_found_elsewhere_in_the_other_version_is_no_change() -> None:
    # The aligner may leave a moved sentence out of a match (a split article whose
    # second half it did not pair): the sentence still stands in the old text.
    moved = (
        "Each State Party shall establish as criminal offences, when committed "
        "intentionally and without right, the interception of non-public transmissions."
    )
    old = Document.build(
        title="old",
        provisions=[
            Provision(
                kind="article",
                number="5",
                children=[
                    Provision(kind="paragraph", number="1", text="Each State Party shall act."),
                    Provision(kind="paragraph", number="2", text=moved),
                ],
            ),
        ],
    )
    new = Document.build(
        title="new",
        provisions=[
            Provision(
                kind="article",
                number="6",
                children=[
                    Provision(kind="paragraph", number="1", text="Each State Party shall act."),
                ],
            ),
            Provision(kind="article", number="7", text=moved),
        ],
    )
    matches = (
        Match(
            old=("art_5",),
            new=("art_6", "art_7"),
            kind="split",
            score=1.0,
            method="fuzzy",
            level="article",
        ),
        Match(
            old=("art_5__para_1",),
            new=("art_6__para_1",),
            kind="unchanged",
            score=1.0,
            method="fuzzy",
            level="paragraph",
        ),
        Match(
            old=("art_5__para_2",),
            new=(),
            kind="deleted",
            score=0.45,
            method="fuzzy",
            level="paragraph",
        ),
    )
    assert safeguards(Alignment(old, new, matches)) == ()


def _two_articles(old_texts: tuple[str, str], new_texts: tuple[str, str]) -> Alignment:
    """Articles 5 and 6 on both sides, each matched to its namesake as changed."""
    o = _articles("old", dict(zip(("5", "6"), old_texts, strict=True)))
    n = _articles("new", dict(zip(("5", "6"), new_texts, strict=True)))
    matches = [
        _m(e, e, "article", kind="changed" if a != b else "unchanged", score=0.9)
        for e, a, b in zip(("art_5", "art_6"), old_texts, new_texts, strict=True)
    ]
    return Alignment(o, n, matches)


MOVED_FROM = (
    "Technical inaccuracies of AI systems intended for the remote biometric identification "
    "of natural persons can lead to biased results and entail discriminatory effects."
)


@pytest.mark.parametrize(
    ("elsewhere", "moved"),
    [
        # the sentence left Article 6 with a few words changed: it moved
        (
            "Technical inaccuracies of AI systems used for remote biometric identification of "
            "persons may lead to biased results and entail discriminatory effects.",
            True,
        ),
        # Article 6 said something else about discrimination: the sentence is new
        ("Member States shall ensure that the rules on discrimination are enforced.", False),
    ],
)
def test_safeguard_sentence_moved_with_small_changes_is_no_change(elsewhere, moved) -> None:
    stays = "Such systems are particularly intrusive."
    alignment = _two_articles(
        (stays, elsewhere + " The Board shall publish a report."),
        (stays + " " + MOVED_FROM, "The Board shall publish a report."),
    )
    added = [f for f in safeguards(alignment) if f.category == "safeguard_term_added"]
    deleted = [f for f in safeguards(alignment) if f.category == "safeguard_term_deleted"]
    assert (added == [] and deleted == []) is moved
    if not moved:
        assert [f.new.phrase for f in added] == ["discriminatory"]


# -- the project's sample drafts, through the real reader and aligner ------------------


def _sample_findings(samples, a: int, b: int):
    import treatydiff
    from treatydiff.align import align  # the facade's name is shadowed by the subpackage

    old = treatydiff.load(samples / f"cybercrime-draft-{a}.txt")
    new = treatydiff.load(samples / f"cybercrime-draft-{b}.txt")
    return safeguards(align(old, new))


def test_sample_drafts_1_to_2_renumbering_move_and_split_are_no_findings(samples) -> None:
    # Draft 2 renumbers every article after a new Article 4, moves the
    # confidentiality paragraph and splits Article 5 in two.  The only change of
    # substance is the new Article 4 on human rights: a strengthening.
    findings = _sample_findings(samples, 1, 2)
    assert {(f.category, f.direction, f.new.citation) for f in findings} == {
        ("safeguard_term_added", "strengthened", "Article 4")
    }


# (category, direction, citation in draft 3, phrase that must be quoted from
# draft 2 (old) or draft 3 (new)), read from corpora/samples/README.md and the drafts.
SAMPLE_2_TO_3 = [
    ("element_made_optional", "weakened", "Article 6(2)", ("new", "may require that")),
    ("deferral_added", "weakened", "Article 10(1)", ("new", "in accordance with its domestic law")),
    ("deferral_added", "weakened", "Article 10(1)", ("new", "under its domestic law")),
    ("safeguard_term_deleted", "weakened", "Article 10(2)", ("old", "judicial")),
    ("safeguard_term_deleted", "weakened", "Article 10(1)", ("old", "legality")),
    ("safeguard_term_deleted", "weakened", "Article 10(1)", ("old", "necessity")),
    ("deferral_added", "weakened", "Article 10(2)", ("new", "as appropriate")),
    ("safeguard_term_deleted", "weakened", "Article 9(2)", ("old", "security research")),
    ("modal_downgrade", "weakened", "Article 14(1)", ("new", "may")),
    (
        "scope_expanded",
        "weakened",
        "Article 3(2)",
        ("old", "offences established in accordance with this Convention"),
    ),
    (
        "safeguard_term_added",
        "strengthened",
        "Article 15(1)",
        ("new", "international human rights"),
    ),
    ("safeguard_term_added", "strengthened", "Article 15(2)", ("new", "only for the purposes")),
]


@pytest.mark.parametrize("category,direction,citation,evidence", SAMPLE_2_TO_3)
def test_sample_drafts_2_to_3_every_listed_change_is_found(
    samples, category, direction, citation, evidence
) -> None:
    side, phrase = evidence
    found = [
        f
        for f in _sample_findings(samples, 2, 3)
        if f.category == category
        and f.direction == direction
        and f.new is not None
        and f.new.citation == citation
        and getattr(f, side) is not None
        and getattr(f, side).phrase.startswith(phrase)
    ]
    assert found, f"no {category} quoting {phrase!r} in {citation}"


def test_sample_drafts_2_to_3_nothing_else(samples) -> None:
    # Every finding is one of the listed changes: no stray finding from the
    # resolved brackets or the "[agreed ad referendum]" note.
    cited = {c for _, _, c, _ in SAMPLE_2_TO_3}
    for f in _sample_findings(samples, 2, 3):
        assert f.new is not None and f.new.citation in cited, f


# -- review: reworded safeguard clauses that no rule classified --------------------


@pytest.mark.parametrize(
    ("old", "new", "listed"),
    [
        # a prohibition whose reach was rewritten without a lexicon word
        (
            "The use of scoring systems for the evaluation of the trustworthiness of natural "
            "persons shall be prohibited.",
            "The use of scoring systems for the evaluation or classification of natural persons "
            "or groups of persons shall be prohibited.",
            True,
        ),
        # an administrative clause reworded: nothing to read
        (
            "The Commission shall publish the annual report on its website.",
            "The Commission shall make the annual report available to the public each year.",
            False,
        ),
        # a change a rule classified is a finding, not a review item
        (
            "Each Party shall ensure judicial review of the order.",
            "Each Party may ensure review of the order.",
            False,
        ),
    ],
)
def test_review_lists_reworded_safeguard_clauses(old: str, new: str, listed: bool) -> None:
    from treatydiff.safeguards import review

    alignment = _pair(old, new)
    items = review(alignment)
    assert bool(items) == listed
    for item in items:
        assert (item.category, item.direction, item.severity) == ("reworded", "unclear", "low")
        assert item.old.phrase in old and item.new.phrase in new
        assert item.old.citation == item.new.citation == "Article 5(1)"
    # never a category the findings use, and never counted among them
    assert not {i.category for i in items} & set(CATEGORIES)
    assert review(alignment) == items  # deterministic


def test_review_skips_provisions_with_findings_and_unchanged_text() -> None:
    from treatydiff.safeguards import review

    same = "The use of such systems shall be prohibited."
    assert review(_pair(same, same, kind="unchanged")) == ()
    reported = _pair(
        "The use shall be prohibited, unless strictly necessary for the search of victims.",
        "The use shall be prohibited, unless necessary for the search of victims of crime.",
    )
    assert safeguards(reported)
    assert review(reported) == ()


# -- catalogues of offences ------------------------------------------------------------


def _catalogue(items: tuple[str, ...], opener: str) -> Document:
    para = Provision(
        kind="paragraph",
        number="2",
        text=opener,
        children=[
            Provision(kind="subparagraph", number=c, text=t)
            for c, t in zip("abc", items, strict=False)
        ],
    )
    return Document.build(
        title="t", provisions=[Provision(kind="article", number="9", children=[para])]
    )


CATALOGUE = "Serious offences within the meaning of paragraph 1 are:"


def _catalogue_alignment(old_items, new_items, opener=CATALOGUE) -> Alignment:
    o, n = _catalogue(old_items, opener), _catalogue(new_items, opener)
    matches = [_m("art_9__para_2", "art_9__para_2", "paragraph", kind="unchanged")]
    for c in "abc":
        e = f"art_9__para_2__point_{c}"
        has_o = any(p.eid == e for p in o.walk())
        has_n = any(p.eid == e for p in n.walk())
        if has_o or has_n:
            matches.append(
                _m(e if has_o else None, e if has_n else None, "subparagraph", score=0.9)
            )
    return Alignment(o, n, matches)


def test_offence_added_to_a_catalogue_widens_what_cites_it() -> None:
    al = _catalogue_alignment(
        ("offences under sections 80 to 82;",),
        ("offences under sections 80 to 82;", "computer fraud under section 263a;"),
    )
    assert {(f.category, f.direction, f.rule) for f in safeguards(al)} == {
        ("scope_expanded", W, "catalogue_entry_added")
    }


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a section added to an entry, none dropped: wider
        (
            "offences under sections 80 to 82 and 84;",
            "offences under sections 80 to 82, 84 and 89c paragraph 1 to 4;",
            {("scope_expanded", W)},
        ),
        # a section dropped, none added: narrower
        (
            "offences under sections 80, 84 and 89;",
            "offences under sections 80 and 84;",
            {("scope_narrowed", S)},
        ),
        # renumbered (some added, some dropped): left to the reader
        ("offences under sections 176a and 176b;", "offences under sections 176c and 176d;", set()),
        # the limit to three paragraphs dropped: the whole section now counts
        (
            "offences under section 184b paragraph 1 to 3;",
            "offences under section 184b;",
            {("scope_expanded", W)},
        ),
    ],
)
def test_catalogue_entry_references(old: str, new: str, expected: set) -> None:
    al = _catalogue_alignment((old,), (new,))
    assert {(f.category, f.direction) for f in safeguards(al)} == expected


def test_a_list_that_is_no_catalogue_of_offences_is_not_read_as_one() -> None:
    al = _catalogue_alignment(
        ("the name of the provider;",),
        ("the name of the provider;", "the address of the provider;"),
        opener="The register shall contain:",
    )
    assert safeguards(al) == ()


# -- a new offence or power as a whole provision ----------------------------------------


def _inserted(text: str, *, language: str | None = None) -> Alignment:
    old = Document.build(title="old", provisions=[], language=language)
    new = Document.build(
        title="new",
        provisions=[Provision(kind="article", number="9", label="Article 9", text=text)],
        language=language,
    )
    m = Match(old=(), new=("art_9",), kind="inserted", score=1.0, method="none", level="article")
    return Alignment(old, new, (m,))


@pytest.mark.parametrize(
    ("text", "language", "rule"),
    [
        (
            "Each State Party shall adopt such legislative measures as may be necessary to "
            "establish as criminal offences the dissemination of false information.",
            None,
            "inserted:new_offence",
        ),
        (
            "Each State Party shall adopt such measures as may be necessary to empower its "
            "competent authorities to order the real-time collection of content data.",
            None,
            "inserted:new_power",
        ),
        (
            "Wer unbefugt Daten ausspäht, wird mit Freiheitsstrafe bis zu drei Jahren bestraft.",
            "de",
            "inserted:new_offence",
        ),
        (
            "Ohne Wissen des Betroffenen darf mit technischen Mitteln in ein "
            "informationstechnisches System eingegriffen werden.",
            "de",
            "inserted:new_power",
        ),
    ],
)
def test_inserted_offence_or_power_expands_scope(text: str, language, rule: str) -> None:
    found = safeguards(_inserted(text, language=language))
    assert [
        (f.category, f.direction, f.rule) for f in found if f.rule.startswith("inserted:new_")
    ] == [("scope_expanded", W, rule)]


def test_inserted_prohibition_or_duty_is_no_new_power() -> None:
    for text, language in (
        ("Die so erlangten Daten dürfen nicht verwendet werden.", "de"),
        ("The Commission shall publish an annual report.", None),
    ):
        found = safeguards(_inserted(text, language=language))
        assert not [f for f in found if f.rule.startswith("inserted:new_")], text


def test_deleted_offence_narrows_and_its_elements_are_no_lost_safeguard() -> None:
    al = _inserted(
        "Any person who intentionally and without right accesses a computer system shall be "
        "punished by imprisonment."
    )
    swapped = Alignment(
        al.new,
        al.old,
        (Match(old=("art_9",), new=(), kind="deleted", score=1.0, method="none", level="article"),),
    )
    found = safeguards(swapped)
    assert [(f.category, f.direction, f.rule) for f in found] == [
        ("scope_narrowed", S, "deleted:offence")
    ]
    assert found[0].old.phrase == "shall be punished"


def test_review_lists_entries_of_lists_whose_role_is_not_read() -> None:
    from treatydiff.safeguards import review

    opener = "High-risk systems are the systems listed in any of the following areas:"
    al = _catalogue_alignment(
        ("biometric identification;", "insurance premium setting;"),
        ("biometric identification;",),
        opener=opener,
    )
    assert safeguards(al) == ()  # neither prohibitions, nor exception grounds, nor offences
    (item,) = review(al)
    assert (item.category, item.direction, item.severity) == ("list_entry", "unclear", "low")
    assert item.old.phrase == "insurance premium setting;" and item.new is None
    assert "Article 9(2)" in item.explanation
    # entries of a list the rules read are findings, not review items
    al = _catalogue_alignment(
        ("offences under section 80;",),
        ("offences under section 80;", "computer fraud under section 263a;"),
    )
    assert safeguards(al) and review(al) == ()


@settings(max_examples=20, deadline=None)
@given(edited_pairs(max_edits=3))
def test_findings_and_clauses_to_read_on_edited_treaties(pair) -> None:
    # Synthetic conventions with known edits (moves, splits, rewording): the
    # whole pipeline runs, every quote is the provision's own text at its
    # offsets, and the clauses to read never repeat a finding.
    from treatydiff.align import align
    from treatydiff.safeguards import review

    old, new, _truth = pair
    alignment = align(old, new)
    found = safeguards(alignment)
    to_read = review(alignment, findings=found)
    assert found == safeguards(alignment) and to_read == review(alignment)
    for f in (*found, *to_read):
        for ev, doc in ((f.old, old), (f.new, new)):
            if ev is not None:
                assert doc.get(ev.eid).text[ev.start : ev.end] == ev.phrase
    found_eids = {e.eid for f in found for e in (f.old, f.new) if e is not None}
    for r in to_read:
        assert not {e.eid for e in (r.old, r.new) if e is not None} & found_eids
