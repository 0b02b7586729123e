"""Safeguard coverage: for each law and safeguard, present / absent / unclear, with quotes.

Where a safeguard is looked for: in the law provisions the crosswalk matched
to the concepts the safeguard applies to (the intent element in the matched
offences, judicial authorisation in the matched interception and production
powers...), including the provisions enclosing them, and, for procedural
safeguards, in nearby sections that cite a matched one (German StPO § 100e
"Maßnahmen nach § 100a dürfen nur ... durch das Gericht angeordnet werden").
A law-wide rule ("Strafbar ist nur vorsätzliches Handeln") covers every
offence.

How the status is decided:

- no provision of the law matched any of the concepts: ``unclear`` (the
  safeguard may sit in another law; this law cannot say);
- mode "each" (intent, "without right", judicial authorisation): present
  when every matched concept carries it, unclear when only some do, absent
  when none does;
- mode "any" (a defence, notice, duration, dual criminality, refusal
  grounds): present when one matched provision carries it;
- a phrase that negates the safeguard ("without a warrant") does not count;
- when the matched provisions lack it but the phrase occurs elsewhere in the
  law, the cell is ``unclear`` and quotes where, rather than ``absent``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from treatydiff.crosswalk.concepts import Taxonomy, TermHit
from treatydiff.crosswalk.matcher import DocIndex
from treatydiff.crosswalk.result import Cell
from treatydiff.model import CONTAINER_KINDS, Evidence

__all__ = ["cell_for", "coverage_of"]

_MAX_EVIDENCE = 3


#: A unit with at most this many provisions is searched whole: an offence's
#: elements often sit in sibling subsections ("(1)(b) he knows that it is
#: unauthorised" beside "(2)(a) to impair the operation of any computer").
SMALL_UNIT = 25


def _scope(index: DocIndex, node: int, follow: bool) -> list[int]:
    """Nodes searched for a matched provision: its subtree, the provisions that enclose
    it up to its unit (their own text), its whole unit when small, and, when
    ``follow``, nearby units that cite it."""
    out = list(range(node, index.nodes[node].end))
    unit = index.unit_of(node)
    if index.nodes[unit].end - unit <= SMALL_UNIT:
        out.extend(range(unit, index.nodes[unit].end))
    for a in index.ancestors(node):
        if index.nodes[a].prov.kind in CONTAINER_KINDS:
            break
        out.append(a)
    if follow:
        if unit != node:
            out.extend(range(unit, index.nodes[unit].end))
        for u in index.referencing(unit):
            out.extend(range(u, index.nodes[u].end))
    return out


def _overlaps(h: TermHit, others: Iterable[TermHit]) -> bool:
    return any(o.start < h.end and h.start < o.end for o in others)


def _search(index: DocIndex, sid: str, nodes: Iterable[int], part: str = "terms"):
    """Safeguard phrases in ``nodes``: (kept hits, negated hits) as (node, TermHit) pairs."""
    kept: list[tuple[int, TermHit]] = []
    negated: list[tuple[int, TermHit]] = []
    for j in nodes:
        text = index.nodes[j].prov.text
        if not text:
            continue
        hits = index.vocab.find_safeguard(sid, text, part)
        if not hits:
            continue
        excl = index.vocab.find_safeguard(sid, text, "exclude") if part == "terms" else []
        for h in hits:
            (negated if excl and _overlaps(h, excl) else kept).append((j, h))
    return kept, negated


def _evidence(index: DocIndex, pairs: Sequence[tuple[int, TermHit]]) -> tuple[Evidence, ...]:
    out = []
    seen = set()
    for j, h in pairs:
        key = (j, h.start)
        if key in seen:
            continue
        seen.add(key)
        out.append(Evidence(index.nodes[j].prov.eid, index.citation(j), h.phrase, h.start, h.end))
    return tuple(out)


def cell_for(
    index: DocIndex,
    law_key: str,
    sid: str,
    matched: dict[str, list[int]],
    taxonomy: Taxonomy,
) -> Cell:
    """The coverage cell of one safeguard in one document.

    ``matched`` maps each concept the crosswalk found in the document to the
    node indices matched to it.
    """
    sdef = taxonomy.safeguard(sid)
    targets = taxonomy.safeguard_concepts(sid)
    concepts = sorted(c for c in targets if matched.get(c))
    label = {c.id: c.label for c in taxonomy.concepts}

    if not concepts:
        return Cell(
            law_key,
            sid,
            "unclear",
            "no provision of this text was matched to "
            + _names(sorted(targets), label)
            + "; the safeguard may sit in another law",
        )

    general, _ = (
        _search(index, sid, range(len(index.nodes)), "general")
        if _has(index, sid, "general")
        else ([], [])
    )
    covered: list[str] = []
    evidence: list[tuple[int, TermHit]] = []
    caveats: list[tuple[int, TermHit]] = []
    negated_all: list[tuple[int, TermHit]] = []
    for c in concepts:
        seen: set[int] = set()
        scope: list[int] = []
        for node in matched[c]:
            for j in _scope(index, node, sdef.follow_references):
                if j not in seen:
                    seen.add(j)
                    scope.append(j)
        kept, negated = _search(index, sid, scope)
        negated_all.extend(negated)
        if kept:
            covered.append(c)
            evidence.extend(kept[:_MAX_EVIDENCE])
            if _has(index, sid, "caveats"):
                cav, _ = _search(index, sid, scope, "caveats")
                caveats.extend(cav[:_MAX_EVIDENCE])
    if general:
        covered = list(concepts)
        evidence = general[:1] + evidence

    missing = [c for c in concepts if c not in covered]
    if sdef.mode == "any":
        status = "present" if covered else "absent"
    else:
        status = "present" if not missing else ("unclear" if covered else "absent")

    if status == "present":
        note = "found in the provisions matched to " + _names(covered, label)
        if general:
            note = "a general rule of this text supplies it for every offence"
        if caveats:
            note += "; with exceptions (see caveats)"
    elif status == "unclear":
        note = "found for " + _names(covered, label) + "; not found for " + _names(missing, label)
    else:
        note = "not found in the provisions matched to " + _names(concepts, label)
        if negated_all:
            note += " (only negated: " + "; ".join(h.phrase for _j, h in negated_all[:2]) + ")"
        elsewhere = _elsewhere(index, sid)
        if elsewhere:
            status = "unclear"
            note += "; but the text uses such a phrase elsewhere"
            evidence = elsewhere
    return Cell(
        law_key,
        sid,
        status,
        note,
        evidence=_evidence(index, evidence)[: _MAX_EVIDENCE * max(1, len(concepts))],
        caveats=_evidence(index, caveats)[:_MAX_EVIDENCE],
        concepts=tuple(concepts),
        covered=tuple(c for c in concepts if c in covered),
    )


def _has(index: DocIndex, sid: str, part: str) -> bool:
    vocab = index.vocab.safeguards.get(sid)
    return bool(vocab and getattr(vocab, part))


def _elsewhere(index: DocIndex, sid: str) -> list[tuple[int, TermHit]]:
    """The first few unnegated phrases of the safeguard anywhere in the document."""
    out: list[tuple[int, TermHit]] = []
    for n in index.nodes:
        kept, _ = _search(index, sid, (n.index,))
        out.extend(kept)
        if len(out) >= _MAX_EVIDENCE:
            break
    return out[:_MAX_EVIDENCE]


def _names(ids: Sequence[str], label: dict[str, str]) -> str:
    return ", ".join(label.get(c, c) for c in ids) or "nothing"


def coverage_of(
    index: DocIndex, law_key: str, matched: dict[str, list[int]], taxonomy: Taxonomy
) -> tuple[Cell, ...]:
    """Every safeguard's cell for one document, in taxonomy order."""
    return tuple(cell_for(index, law_key, s.id, matched, taxonomy) for s in taxonomy.safeguards)
