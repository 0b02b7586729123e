"""Clauses to read: reworded safeguard clauses that no rule could classify.

The rules read words: a prohibition that stops naming who it binds, an
exception ground rewritten from "victims of crime" to "victims of abduction",
"in order to distort" turned into "with the objective or the effect of
distorting" change what a clause covers without any word of the lexicon
changing.  A report that stays silent there would let a weakening pass
unseen; a report that guessed a direction would show one with confidence.
:func:`review` does neither: it lists the clauses that bear on a safeguard
(a prohibition or limit, an exception, a deferral, a safeguard term, a scope
word, or an item of a list of prohibitions or exception grounds) whose wording
changed materially in a matched provision where no finding was reported,
with both versions quoted, as ``category="reworded"``, and every entry added
to or removed from a list whose role the rules do not read ("... are the AI
systems listed in any of the following areas:") as ``category="list_entry"``,
both with ``direction="unclear"``.  They are not findings and are never
counted as such.

>>> from treatydiff.model import Alignment, Document, Match, Provision
>>> from treatydiff.safeguards import review
>>> def doc(text):
...     return Document.build(title="t", provisions=[Provision(kind="article", number="5",
...                           text=text)])
>>> old = doc("The use of scoring systems by public bodies for the evaluation of "
...           "trustworthiness shall be prohibited.")
>>> new = doc("The use of scoring systems for the classification of natural persons "
...           "by their social behaviour shall be prohibited.")
>>> m = Match(old=("art_5",), new=("art_5",), kind="changed", score=0.9, method="address",
...           level="article")
>>> [(r.category, r.direction, r.new.citation) for r in review(Alignment(old, new, (m,)))]
[('reworded', 'unclear', 'Article 5')]
"""

from __future__ import annotations

from collections.abc import Iterable

from treatydiff.model import Alignment, Finding, Match
from treatydiff.safeguards.clauses import Clause
from treatydiff.safeguards.lexicon import Lexicon
from treatydiff.safeguards.rules import (
    _DocInfo,
    _exception_parent,
    _list_opener,
    _norm_text,
    _pair,
    _penalty,
    _prohibition_parent,
    _quote,
    _Ref,
    analyse_alignment,
)

__all__ = ["REVIEW_SIMILARITY", "review_alignment"]

#: Paired clauses at least this similar (RapidFuzz, 0-100) changed too little to list.
REVIEW_SIMILARITY = 92.0


def _bears(clause: Clause, lex: Lexicon, listed: bool) -> bool:
    """Does the clause bear on a safeguard or on the reach of the text?

    It carries a safeguard feature, stands in a list of prohibitions or
    grounds, prohibits, creates an offence, grants a power, or defines a term
    (a definition reworded changes what every rule using the term reaches).
    """
    if listed:
        return True
    if clause.terms or clause.exceptions or clause.deferrals or clause.optionals:
        return True
    if clause.broad or clause.narrow:
        return True
    return any(
        pattern is not None and pattern.search(clause.text) is not None
        for pattern in (lex.protective, lex.new_offence, lex.new_power, lex.definitions)
    )


def review_alignment(
    alignment: Alignment,
    lex: Lexicon,
    *,
    min_score: float = 0.5,
    findings: Iterable[Finding] | None = None,
) -> tuple[Finding, ...]:
    """Reworded safeguard clauses of matched provisions that have no finding (see module doc)."""
    if findings is None:
        findings = analyse_alignment(alignment, lex, min_score=min_score)
    reported = {f.old.eid for f in findings if f.old} | {f.new.eid for f in findings if f.new}
    infos = (_DocInfo(alignment.old, lex), _DocInfo(alignment.new, lex))
    covered = [
        {alignment.old.get(e).eid for m in alignment.matches for e in m.old},
        {alignment.new.get(e).eid for m in alignment.matches for e in m.new},
    ]
    out: list[tuple[tuple[int, int], Finding]] = []
    for index, match in enumerate(alignment.matches):
        if bool(match.old) != bool(match.new):
            entry = _list_entry(alignment, infos, match, reported)
            if entry is not None:
                out.append(((index, 0), entry))
            continue
        if not (match.old and match.new) or match.kind == "unchanged":
            continue
        if _penalty(match, min_score) is None:
            continue
        olds = infos[0].side(match.old, covered[0])
        news = infos[1].side(match.new, covered[1])
        if _norm_text(olds) == _norm_text(news):
            continue
        if {u.eid for u in olds} & reported or {u.eid for u in news} & reported:
            continue  # a rule already spoke about this provision
        old_refs = [_Ref(u, c) for u in olds for c in u.clauses]
        new_refs = [_Ref(u, c) for u in news for c in u.clauses]
        n2o, sims = _pair(old_refs, new_refs)
        for j, i in sorted(n2o.items()):
            if sims[j] >= REVIEW_SIMILARITY:
                continue
            o, n = old_refs[i], new_refs[j]
            listed = (
                _prohibition_parent(infos[1], n.unit.eid) is not None
                or _exception_parent(infos[1], n.unit.eid) is not None
            )
            if not (_bears(o.clause, lex, listed) or _bears(n.clause, lex, listed)):
                continue
            finding = Finding(
                "reworded",
                "unclear",
                "low",
                "review:reworded",
                "The wording of a clause that bears on a safeguard changed "
                f"(similarity {sims[j]:.0f}/100) and no rule recognised how: read both "
                "versions to judge whether it now reaches more or less.",
                _quote(o, limit=240),
                _quote(n, limit=240),
            )
            out.append(((index, j), finding))
            break  # one entry per provision pair: the first reworded clause
    out.sort(key=lambda kv: kv[0])
    return tuple(f for _, f in out)


def _list_entry(
    alignment: Alignment,
    infos: tuple[_DocInfo, _DocInfo],
    match: Match,
    reported: set[str],
) -> Finding | None:
    """An entry added to or removed from a list whose role the rules do not read.

    "High-risk AI systems are the AI systems listed in any of the following
    areas:" loses an area: the list narrowed, but whether that protects less
    (the list carries duties) or more (it carries powers) depends on the
    list.  Lists of prohibitions, exception grounds and offences are read by
    the rules; any other list's entries are listed here, to be read.
    """
    inserted = bool(match.new)
    info = infos[1] if inserted else infos[0]
    eid = (alignment.new if inserted else alignment.old).get((match.new or match.old)[0]).eid
    if eid in reported:
        return None
    found = _list_opener(info, eid)
    if found is None:
        return None
    parent, opener = found
    if parent.eid in reported:
        return None
    unit = info.unit(eid)
    if not unit.clauses:
        return None
    head = " ".join(opener.text.split())
    head = head if len(head) <= 120 else head[:117] + "..."
    verb = "added to" if inserted else "removed from"
    ev = _quote(_Ref(unit, unit.clauses[0]), limit=240)
    return Finding(
        "list_entry",
        "unclear",
        "low",
        "review:list_entry",
        f"An entry was {verb} the list in {info.doc.citation(parent.eid)} ('{head}'): the list "
        "now reaches more or less; whether that protects more or less depends on what the list "
        "carries (duties or powers). Read it.",
        None if inserted else ev,
        ev if inserted else None,
    )
