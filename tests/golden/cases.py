"""Small hand-made drafts and alignments for the redline tests and golden files.

``hand_align`` is a deliberately simple oracle: the matches a test names,
their descendants paired by relative address, then equal addresses, then the
rest inserted or deleted.  It lets the renderer be tested without the aligner.
"""

from __future__ import annotations

from collections.abc import Sequence

from treatydiff.diff import normalise
from treatydiff.model import Alignment, Document, Evidence, Finding, Match, Provision


def art(number: str, heading: str | None, *paras: str | Provision, text: str = "") -> Provision:
    kids = [
        p
        if isinstance(p, Provision)
        else Provision(kind="paragraph", number=str(i + 1), label=f"{i + 1}.", text=p)
        for i, p in enumerate(paras)
    ]
    return Provision(
        kind="article",
        number=number,
        label=f"Article {number}",
        heading=heading,
        text=text,
        children=kids,
    )


def para(number: str, text: str, *points: Provision) -> Provision:
    return Provision(
        kind="paragraph", number=number, label=f"{number}.", text=text, children=points
    )


def point(letter: str, text: str) -> Provision:
    return Provision(kind="subparagraph", number=letter, label=f"({letter})", text=text)


def chapter(number: str, heading: str, *arts: Provision) -> Provision:
    return Provision(
        kind="chapter", number=number, label=f"Chapter {number}", heading=heading, children=arts
    )


def _same(a: Provision, b: Provision) -> bool:
    return all(
        normalise(getattr(a, f) or "") == normalise(getattr(b, f) or "")
        for f in ("label", "heading", "text")
    )


def hand_align(
    old: Document,
    new: Document,
    pairs: Sequence[tuple[tuple[str, ...], tuple[str, ...], str]] = (),
) -> Alignment:
    """Align by the named ``pairs`` (old eIds, new eIds, kind), then by address."""
    old_ix = {p.eid: p for p in old.walk()}
    new_ix = {p.eid: p for p in new.walk()}
    taken_old: set[str] = set()
    taken_new: set[str] = set()
    matches: list[Match] = []

    def add(o: tuple[str, ...], n: tuple[str, ...], kind: str, *, moved: bool = False) -> None:
        ps = [old_ix[e] for e in o] + [new_ix[e] for e in n]
        level = ps[0].kind
        if kind in ("unchanged", "changed"):
            kind = "unchanged" if _same(old_ix[o[0]], new_ix[n[0]]) else "changed"
        renumbered = bool(o and n) and old_ix[o[0]].number != new_ix[n[0]].number
        text_changed = bool(o and n) and " ".join(old_ix[e].text for e in o) != " ".join(
            new_ix[e].text for e in n
        )
        matches.append(
            Match(
                old=o,
                new=n,
                kind=kind,
                score=1.0 if o and n else 0.0,
                method="address" if o and n else "none",
                level=level,
                old_numbers=tuple(old_ix[e].number for e in o),
                new_numbers=tuple(new_ix[e].number for e in n),
                similarity=1.0 if kind == "unchanged" else 0.5,
                text_changed=text_changed,
                renumbered=renumbered,
                moved=moved or kind == "moved",
            )
        )
        taken_old.update(o)
        taken_new.update(n)

    for o, n, kind in pairs:
        add(tuple(o), tuple(n), kind)
        if len(o) == 1 and len(n) == 1:
            # descendants follow their parent, paired by relative address
            for d in old_ix[o[0]].walk():
                if d.eid == o[0]:
                    continue
                rel = d.eid[len(o[0]) :]
                target = n[0] + rel
                if target in new_ix and target not in taken_new and d.eid not in taken_old:
                    add((d.eid,), (target,), "changed")
    for eid, _p in old_ix.items():
        if eid in taken_old:
            continue
        if eid in new_ix and eid not in taken_new:
            add((eid,), (eid,), "changed")
    for eid in old_ix:
        if eid not in taken_old:
            add((eid,), (), "deleted")
    for eid in new_ix:
        if eid not in taken_new:
            add((), (eid,), "inserted")
    order = {e: i for i, e in enumerate(new_ix)}
    matches.sort(key=lambda m: (order[m.new[0]] if m.new else -1, m.old))
    return Alignment(old=old, new=new, matches=tuple(matches))


# -- the cases -------------------------------------------------------------------

BOILER = (
    "Each State Party shall adopt such legislative and other measures as may be necessary "
    "to establish as criminal offences under its domestic law, when committed intentionally, "
)


def case_identical() -> tuple[Alignment, tuple[Finding, ...]]:
    doc = Document.build(
        title="Draft convention",
        provisions=[
            chapter(
                "I",
                "General provisions",
                art(
                    "1",
                    "Statement of purpose",
                    "The purposes of this Convention are to "
                    "promote and strengthen measures to prevent and combat cybercrime.",
                ),
            ),
        ],
        language="en",
    )
    return hand_align(doc, doc), ()


def case_wording() -> tuple[Alignment, tuple[Finding, ...]]:
    """Formatting-only differences on one side, a modal downgrade on the other."""
    old = Document.build(
        title="Draft 1",
        provisions=[
            art(
                "1",
                "Illegal access",
                BOILER + "the access to the whole or any part of an "
                "information and communications technology system without right.",
            ),
            art(
                "2",
                "Safeguards",
                "Each State Party shall ensure that the powers are subject "
                "to *judicial* or other independent review.",
            ),
        ],
    )
    new = Document.build(
        title="Draft 2",
        provisions=[
            art(
                "1",
                "Illegal access",
                BOILER + "the access to the whole or any part of an\n"
                "information and communications technology system   without right.",
            ),
            art(
                "2",
                "Safeguards",
                "Each State Party may ensure that the powers are subject "
                "to review, in accordance with its domestic law.",
            ),
        ],
    )
    alignment = hand_align(old, new)
    phrase_old = "shall ensure"
    phrase_new = "in accordance with its domestic law"
    t_old = old.get("art_2__para_1").text
    t_new = new.get("art_2__para_1").text
    findings = (
        Finding(
            category="conditions",
            direction="weakened",
            severity="high",
            rule="modal-downgrade",
            explanation="An obligation became optional: 'shall' became 'may'.",
            old=Evidence(
                "art_2__para_1",
                "Article 2(1)",
                phrase_old,
                t_old.index(phrase_old),
                t_old.index(phrase_old) + len(phrase_old),
            ),
            new=Evidence(
                "art_2__para_1",
                "Article 2(1)",
                "may ensure",
                t_new.index("may ensure"),
                t_new.index("may ensure") + len("may ensure"),
            ),
        ),
        Finding(
            category="deferral",
            direction="weakened",
            severity="medium",
            rule="domestic-law",
            explanation="Deferral to domestic law added.",
            new=Evidence(
                "art_2__para_1",
                "Article 2(1)",
                phrase_new,
                t_new.index(phrase_new),
                t_new.index(phrase_new) + len(phrase_new),
            ),
        ),
    )
    return alignment, findings


def case_structure() -> tuple[Alignment, tuple[Finding, ...]]:
    """Renumbering, a move across chapters, a split, a merge, an insertion and a deletion."""
    old = Document.build(
        title="Zero draft",
        provisions=[
            chapter(
                "I",
                "General provisions",
                art(
                    "1",
                    "Scope",
                    "This Convention shall apply to the prevention, "
                    "investigation and prosecution of the offences established in "
                    "accordance with it.",
                ),
                art(
                    "2",
                    "Use of terms",
                    para(
                        "1",
                        "For the purposes of this Convention:",
                        point("a", "\u201cComputer system\u201d means any device."),
                        point("b", "\u201cComputer data\u201d means any representation of facts."),
                    ),
                ),
            ),
            chapter(
                "II",
                "Criminalization",
                art("3", "Illegal access", BOILER + "the access without right."),
                art(
                    "4",
                    "Data interference",
                    BOILER + "the damaging of computer data without right.",
                    "A State Party may require that the conduct results in serious harm.",
                ),
                art("5", "Misuse of devices", BOILER + "the production of a device."),
                art(
                    "6",
                    "Conditions and safeguards",
                    "Each State Party shall ensure that "
                    "the powers are subject to conditions and safeguards.",
                ),
                art("7", "Attempt", "Each State Party shall establish attempt as an offence."),
                art("8", "Aiding", "Each State Party shall establish aiding as an offence."),
            ),
        ],
        language="en",
    )
    new = Document.build(
        title="Revised draft",
        provisions=[
            chapter(
                "I",
                "General provisions",
                art(
                    "1",
                    "Scope",
                    "This Convention shall apply to the prevention, "
                    "investigation and prosecution of the offences established in "
                    "accordance with it.",
                ),
                art(
                    "2",
                    "Use of terms",
                    para(
                        "1",
                        "For the purposes of this Convention:",
                        point(
                            "a", "\u201cComputer system\u201d means any device that processes data."
                        ),
                        point("b", "\u201cComputer data\u201d means any representation of facts."),
                    ),
                ),
                art(
                    "3",
                    "Conditions and safeguards",
                    "Each State Party shall ensure that "
                    "the powers are subject to conditions and safeguards, including "
                    "judicial review.",
                ),
            ),
            chapter(
                "II",
                "Criminalization",
                art("4", "Illegal access", BOILER + "the access without right."),
                art(
                    "5",
                    "Data interference",
                    BOILER + "the damaging of computer data without right.",
                ),
                art(
                    "6",
                    "Serious harm",
                    "A State Party may require that the conduct results in serious harm.",
                ),
                art(
                    "7",
                    "Attempt and aiding",
                    "Each State Party shall establish attempt and aiding as offences.",
                ),
                art(
                    "8",
                    "Protection of researchers",
                    "Nothing in this chapter shall apply to authorised testing.",
                ),
            ),
        ],
        language="en",
    )
    pairs = [
        (("chp_i__art_1",), ("chp_i__art_1",), "unchanged"),
        (("chp_i__art_2",), ("chp_i__art_2",), "changed"),
        (("chp_ii__art_6",), ("chp_i__art_3",), "moved"),
        (("chp_ii__art_3",), ("chp_ii__art_4",), "renumbered"),
        (("chp_ii__art_4",), ("chp_ii__art_5", "chp_ii__art_6"), "split"),
        (("chp_ii__art_4__para_1",), ("chp_ii__art_5__para_1",), "changed"),
        (("chp_ii__art_4__para_2",), ("chp_ii__art_6__para_1",), "moved"),
        (("chp_ii__art_7", "chp_ii__art_8"), ("chp_ii__art_7",), "merged"),
        (("chp_ii__art_7__para_1", "chp_ii__art_8__para_1"), ("chp_ii__art_7__para_1",), "merged"),
        (("chp_ii__art_5",), (), "deleted"),
        (("chp_ii__art_5__para_1",), (), "deleted"),
    ]
    alignment = hand_align(old, new, pairs)
    t = new.get("chp_i__art_3__para_1").text
    findings = (
        Finding(
            category="conditions",
            direction="strengthened",
            severity="medium",
            rule="safeguard-term-added",
            explanation="Judicial review added to the safeguards.",
            new=Evidence(
                "chp_i__art_3__para_1",
                "Article 3(1)",
                "judicial review",
                t.index("judicial review"),
                t.index("judicial review") + 15,
            ),
        ),
    )
    return alignment, findings


def case_hostile() -> tuple[Alignment, tuple[Finding, ...]]:
    """Markup and script in every field a document can carry."""
    payload = (
        '<script>alert("x")</script> <img src=x onerror=alert(1)> '
        '<a href="javascript:alert(2)">click</a> [link](javascript:alert(3)) '
        "</del></ins>&amp; \" ' <style>body{display:none}</style>"
    )
    old = Document.build(
        title="<script>alert('title')</script>",
        provisions=[art("1", "<b onmouseover=alert(4)>Head</b>", "Plain text.")],
        metadata={"note": "<iframe src=//evil.example>"},
    )
    new = Document.build(
        title='New "draft" <i>',
        provisions=[art("1", "<b onmouseover=alert(4)>Head</b>", "Plain text. " + payload)],
    )
    alignment = hand_align(old, new)
    t = new.get("art_1__para_1").text
    start = t.index("<script>")
    findings = (
        Finding(
            category="<script>x</script>",
            direction="weakened",
            severity="<b>high</b>",
            rule="r<1>",
            explanation="<img src=x onerror=alert(5)>",
            new=Evidence("art_1__para_1", "<Article 1>", t[start : start + 8], start, start + 8),
        ),
    )
    return alignment, findings


CASES = {
    "identical": case_identical,
    "wording": case_wording,
    "structure": case_structure,
    "hostile": case_hostile,
}


# -- reading a redline back ---------------------------------------------------------

_HAS_CLASS = 'contains(concat(" ", normalize-space(@class), " "), " {} ")'


def units_of(page: str, side: str, view: str = "inline") -> list[str]:
    """The text units of the inline view with every change accepted (``side="new"``)
    or rejected (``side="old"``): ``<del>`` (resp. ``<ins>``) dropped, labels for
    screen readers and tags (class ``ui``) dropped, each unit normalised."""
    import copy

    import lxml.html

    root = lxml.html.fromstring(page)
    out = []
    for unit in root.get_element_by_id(view).xpath(f".//*[{_HAS_CLASS.format('u')}]"):
        unit = copy.deepcopy(unit)
        for el in unit.xpath(f".//*[{_HAS_CLASS.format('ui')}]"):
            el.drop_tree()
        for el in unit.xpath(".//del" if side == "new" else ".//ins"):
            el.drop_tree()
        text = normalise(unit.text_content())
        if text:
            out.append(text)
    return out


def model_units(doc: Document) -> list[str]:
    """Label, heading and text of every provision in document order, normalised."""
    return [
        t
        for p in doc.walk()
        for t in (normalise(p.label or ""), normalise(p.heading or ""), normalise(p.text))
        if t
    ]
