"""Concept detection and matching of convention provisions to law provisions.

Why not plain text similarity: a convention says "the access to the whole or
any part of a computer system without right", the UK says "causes a computer
to perform any function with intent to secure access", Germany says "Zugang
zu Daten ... unter Überwindung der Zugangssicherung".  The wording differs
(and the language may), the concept does not.  So each provision first gets
a concept profile from the vocabulary (terms in headings weigh more than in
text; a term counts once per provision; a provision that mixes many concepts
is less specific to each), and only a law provision that agrees on the
concept is a candidate.  Text similarity (rapidfuzz, computed for all
candidates of a law at once with :func:`rapidfuzz.process.cdist`) can then
raise the score when the drafting is close, never create a match alone.

Scores are in [0, 1]; see :data:`PARAMETERS` for the constants and
``docs/crosswalk.md`` for the reasoning.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import attrs
from rapidfuzz import fuzz, process

from treatydiff._citation import cite_chain
from treatydiff.crosswalk.concepts import Taxonomy, TermHit, Vocabulary
from treatydiff.crosswalk.result import Candidate, Hit, LawMatches, Row, confidence_of
from treatydiff.model import CONTAINER_KINDS, UNIT_KINDS, Document, Provision

__all__ = ["PARAMETERS", "DocIndex", "Parameters", "detect_rows", "match_law"]


@attrs.frozen
class Parameters:
    """The constants of the scoring, in one place (documented in docs/crosswalk.md)."""

    heading_boost: float = 1.5  # a term in a heading names the provision
    inherited_heading: float = 0.5  # a term in an enclosing heading, per level
    chapeau: float = 0.3  # a term in the opening words of an enclosing provision
    saturation: float = 3.0  # raw weight at which agreement reaches 1 - 1/e
    specificity: float = 0.5  # exponent on the concept's share of the provision's concepts
    no_kind_factor: float = 0.85  # kind markers absent: mild doubt
    wrong_kind_floor: float = 0.6  # kind markers all of another kind
    min_agreement: float = 0.15  # below: no candidate, whatever the wording
    concept_ok: float = 0.45  # agreement at which the vocabulary alone is convincing
    fuzzy_floor: float = 0.5  # wording similarity below this adds nothing
    fuzzy_weight: float = 0.5  # how far close wording can lift the score towards 1
    accept: float = 0.5  # lowest score reported as a candidate
    spread: float = 0.35  # candidates more than this below the best are dropped
    max_candidates: int = 3
    secondary_ratio: float = 0.3  # a row's further concept needs this share of the main one
    secondary_weight: float = 0.85
    row_min_agreement: float = 0.6  # a convention provision without a heading term
    definition_factor: float = 0.5  # a provision that defines words rather than acts
    definition_min: float = 2.0  # definition-marker weight from which a provision defines


PARAMETERS = Parameters()

_REF = re.compile(
    r"(?:§§?|\bsections?\b|\bss?\.|\bartikel(?:en)?\b|\barticles?\b|\barts?\.)\s*"
    r"((?:\d+[a-z]*(?:\.\d+)?)(?:\s*(?:,|und|and|en|bis|to|oder|or|of|tot\s+en\s+met)\s*"
    r"\d+[a-z]*(?:\.\d+)?)*)",
    re.IGNORECASE,
)
_NUM = re.compile(r"\d+[a-z]*(?:\.\d+)?", re.IGNORECASE)


def _sat(x: float, p: Parameters) -> float:
    return 1.0 - math.exp(-x / p.saturation) if x > 0 else 0.0


@attrs.define
class _Node:
    index: int
    prov: Provision
    parent: int | None
    unit: int | None
    end: int  # preorder: the subtree is [index, end)
    chain: tuple[Provision, ...]


class DocIndex:
    """A document read once for the crosswalk: nodes in document order, concept
    and kind phrases per node, subtree ranges and cross-references.

    Internal to the crosswalk; built by :func:`treatydiff.crosswalk.crosswalk`.
    """

    def __init__(self, doc: Document, vocab: Vocabulary, params: Parameters = PARAMETERS):
        self.doc = doc
        self.vocab = vocab
        self.language = vocab.language
        self.params = params
        nodes: list[_Node] = []

        def rec(p: Provision, parent: int | None, unit: int | None, chain: tuple[Provision, ...]):
            idx = len(nodes)
            node = _Node(idx, p, parent, unit, idx + 1, (*chain, p))
            nodes.append(node)
            my_unit = idx if p.kind in UNIT_KINDS else unit
            for child in p.children:
                rec(child, idx, my_unit, node.chain)
            node.end = len(nodes)

        for top in doc.provisions:
            rec(top, None, None, ())
        self.nodes = nodes
        self.has_units = any(n.prov.kind in UNIT_KINDS for n in nodes)
        self.text_hits: list[list[TermHit]] = [vocab.find_concepts(n.prov.text) for n in nodes]
        self.heading_hits: list[list[TermHit]] = [
            vocab.find_concepts(n.prov.heading or "") for n in nodes
        ]
        self._kind_hits: list[list[TermHit]] | None = None
        self._citations: dict[int, str] = {}
        self._subtree_cache: dict[int, dict[str, dict[str, float]]] = {}
        self._profiles: dict[int, dict[str, float]] = {}
        self._refs: dict[int, list[int]] | None = None
        self._fuzzy: dict[int, str] = {}
        self._definition: list[float] | None = None
        self._units: list[int] | None = None
        self._unit_pos: dict[int, int] = {}
        self._kinds_by_unit: dict[int, dict[str, float]] = {}
        self._by_eid = {n.prov.eid: n.index for n in nodes}

    def index_of(self, eid: str) -> int:
        return self._by_eid[eid]

    # -- basic facts -------------------------------------------------------------
    def citation(self, i: int) -> str:
        if i not in self._citations:
            self._citations[i] = cite_chain(self.nodes[i].chain)
        return self._citations[i]

    def eligible(self, i: int) -> bool:
        """Can node ``i`` be a candidate: inside a unit (or the text has none), not a container."""
        n = self.nodes[i]
        if n.prov.kind in CONTAINER_KINDS or n.prov.kind in ("preamble", "recital", "note"):
            return False
        if self.has_units:
            return n.unit is not None or n.prov.kind in UNIT_KINDS
        return True

    def units(self) -> list[int]:
        """Indices of the quotable units (articles, sections), or of top-level provisions."""
        if self._units is None:
            found = [n.index for n in self.nodes if n.prov.kind in UNIT_KINDS]
            if not found:
                found = [n.index for n in self.nodes if n.parent is None]
            self._units = found
            self._unit_pos = {u: k for k, u in enumerate(found)}
        return self._units

    def unit_of(self, i: int) -> int:
        """The unit holding node ``i`` (``i`` itself when it is outside any unit)."""
        u = self.nodes[i].unit
        return i if u is None else u

    def ancestors(self, i: int) -> list[int]:
        out = []
        p = self.nodes[i].parent
        while p is not None:
            out.append(p)
            p = self.nodes[p].parent
        return out

    def is_within(self, i: int, j: int) -> bool:
        """Is node ``i`` in the subtree of ``j`` (or ``j`` itself)?"""
        return j <= i < self.nodes[j].end

    # -- concept profiles ----------------------------------------------------------
    def _subtree_terms(self, i: int) -> dict[str, dict[str, float]]:
        """concept -> {pattern: weight} over the text of the subtree (a term counts once)."""
        cached = self._subtree_cache.get(i)
        if cached is not None:
            return cached
        out: dict[str, dict[str, float]] = {}
        for j in range(i, self.nodes[i].end):
            for h in self.text_hits[j]:
                out.setdefault(h.key, {})[h.pattern] = h.weight
        self._subtree_cache[i] = out
        return out

    @staticmethod
    def _distinct(hits: Sequence[TermHit]) -> dict[str, float]:
        per: dict[str, dict[str, float]] = {}
        for h in hits:
            per.setdefault(h.key, {})[h.pattern] = h.weight
        return {k: sum(v.values()) for k, v in per.items()}

    def raw_profile(self, i: int, *, containers: bool = False) -> dict[str, float]:
        """concept -> raw weight of node ``i``: its subtree's text, its heading (boosted),
        enclosing headings and opening words (discounted)."""
        key = i * 2 + int(containers)
        if key in self._profiles:
            return self._profiles[key]
        p = self.params
        raw: dict[str, float] = {
            c: sum(terms.values()) for c, terms in self._subtree_terms(i).items()
        }
        for c, w in self._distinct(self.heading_hits[i]).items():
            raw[c] = raw.get(c, 0.0) + p.heading_boost * w
        level = 0
        for a in self.ancestors(i):
            anc = self.nodes[a].prov
            if anc.kind in CONTAINER_KINDS and not containers:
                break
            level += 1
            factor = p.inherited_heading**level
            for c, w in self._distinct(self.heading_hits[a]).items():
                raw[c] = raw.get(c, 0.0) + p.heading_boost * factor * w
            if anc.kind not in CONTAINER_KINDS:
                for c, w in self._distinct(self.text_hits[a]).items():
                    raw[c] = raw.get(c, 0.0) + p.chapeau * w
        self._profiles[key] = raw
        return raw

    def definitional(self, i: int) -> bool:
        """Does node ``i`` define words (own text or heading, or an enclosing provision's,
        up to its unit)?"""
        if self._definition is None:
            vocab = self.vocab
            self._definition = [
                sum(self._distinct_weights(vocab.find_definitions(n.prov.text)))
                + sum(self._distinct_weights(vocab.find_definitions(n.prov.heading or "")))
                for n in self.nodes
            ]
        if self.nodes[i].prov.kind == "definition":
            return True
        chain = [i]
        for a in self.ancestors(i):
            if self.nodes[a].prov.kind in CONTAINER_KINDS:
                break
            chain.append(a)
        return any(
            self._definition[j] >= self.params.definition_min
            or self.nodes[j].prov.kind == "definition"
            for j in chain
        )

    @staticmethod
    def _distinct_weights(hits: Sequence[TermHit]) -> list[float]:
        return list({h.pattern: h.weight for h in hits}.values())

    def kind_profile(self, i: int) -> dict[str, float]:
        """kind -> weight of kind markers in the unit holding ``i`` (or ``i``'s subtree)."""
        if self._kind_hits is None:
            self._kind_hits = [[] for _ in self.nodes]
            self._kind_done: set[int] = set()
        u0 = self.unit_of(i)
        if u0 not in self._kind_done:
            # Only the units that hold a candidate are read for kind markers.
            self._kind_done.add(u0)
            for j in range(u0, self.nodes[u0].end):
                self._kind_hits[j] = self.vocab.find_kinds(self.nodes[j].prov.text)
        u = self.unit_of(i)
        if u not in self._kinds_by_unit:
            per: dict[str, dict[str, float]] = {}
            for j in range(u, self.nodes[u].end):
                for h in self._kind_hits[j]:
                    per.setdefault(h.key, {})[h.pattern] = h.weight
            self._kinds_by_unit[u] = {k: sum(v.values()) for k, v in per.items()}
        return self._kinds_by_unit[u]

    def agreement(
        self, i: int, concept: str, kind: str | None, *, containers: bool = False
    ) -> tuple[float, float]:
        """(agreement in [0, 1], raw weight) of node ``i`` with ``concept``."""
        p = self.params
        raw = self.raw_profile(i, containers=containers)
        mine = raw.get(concept, 0.0)
        if mine <= 0:
            return 0.0, 0.0
        share = mine / sum(raw.values())
        score = _sat(mine, p) * share**p.specificity
        if self.definitional(i):
            score *= p.definition_factor
        if kind is not None:
            kinds = self.kind_profile(i)
            top = max(kinds.values(), default=0.0)
            if top <= 0:
                score *= p.no_kind_factor
            else:
                score *= p.wrong_kind_floor + (1 - p.wrong_kind_floor) * kinds.get(kind, 0.0) / top
        return score, mine

    def hits_for(self, i: int, concept: str, *, containers: bool = False) -> tuple[Hit, ...]:
        """The phrases behind node ``i``'s agreement with ``concept``: heading, subtree, then
        enclosing provisions, each phrase once."""
        out: list[Hit] = []
        seen: set[tuple[int, str, int]] = set()

        def add(j: int, field: str, hits: Sequence[TermHit]) -> None:
            for h in hits:
                if h.key != concept or (j, field, h.start) in seen:
                    continue
                seen.add((j, field, h.start))
                n = self.nodes[j]
                out.append(
                    Hit(
                        concept,
                        n.prov.eid,
                        self.citation(j),
                        field,
                        h.phrase,
                        h.start,
                        h.end,
                        h.weight,
                    )
                )

        add(i, "heading", self.heading_hits[i])
        for j in range(i, self.nodes[i].end):
            add(j, "text", self.text_hits[j])
        for a in self.ancestors(i):
            if self.nodes[a].prov.kind in CONTAINER_KINDS and not containers:
                break
            add(a, "heading", self.heading_hits[a])
            add(a, "text", self.text_hits[a])
        return tuple(out[:12])

    # -- text for the fuzzy comparison ----------------------------------------------
    def fuzzy_text(self, i: int, limit: int = 4000) -> str:
        if i in self._fuzzy:
            return self._fuzzy[i]
        parts: list[str] = []
        size = 0
        for j in range(i, self.nodes[i].end):
            prov = self.nodes[j].prov
            for piece in (prov.heading, prov.text):
                if piece:
                    parts.append(piece)
                    size += len(piece)
            if size > limit:
                break
        tokens = self.vocab.tokens(" ".join(parts)[:limit])
        self._fuzzy[i] = " ".join(tokens)
        return self._fuzzy[i]

    # -- cross-references --------------------------------------------------------------
    def referencing(self, unit: int, window: int = 8) -> list[int]:
        """Units near ``unit`` (within ``window`` units either side) whose text cites its number."""
        units = self.units()
        if self._refs is None:
            self._refs = {}
            for u in units:
                cited: set[str] = set()
                for j in range(u, self.nodes[u].end):
                    prov = self.nodes[j].prov
                    for piece in (prov.heading, prov.text):
                        if not piece:
                            continue
                        for m in _REF.finditer(piece):
                            cited.update(x.lower() for x in _NUM.findall(m.group(1)))
                self._refs[u] = cited  # type: ignore[assignment]
        number = (self.nodes[unit].prov.number or "").strip().lower()
        if not number or unit not in self._unit_pos:
            return []
        pos = self._unit_pos[unit]
        near = units[max(0, pos - window) : pos + window + 1]
        return [u for u in near if u != unit and number in self._refs.get(u, ())]


# -- rows -----------------------------------------------------------------------------


def detect_rows(index: DocIndex, taxonomy: Taxonomy) -> list[Row]:
    """The convention provisions that define an offence or a power: one :class:`Row` each.

    A unit becomes a row when a concept term is in its heading, or when one
    concept clearly dominates its text.  Further concepts are kept when their
    weight is at least ``secondary_ratio`` of the main one and a heading
    (its own or an enclosing one) names them.
    """
    p = index.params
    known = {c.id for c in taxonomy.concepts}
    rows = []
    units = index.units()
    # When the text names its articles ("Illegal access"), a row needs a concept in its
    # heading: articles on extradition or the Convention's effects mention mutual
    # assistance in passing.  Texts without headings fall back on the text alone.
    headed_text = sum(1 for u in units if index.nodes[u].prov.heading) * 2 >= len(units)
    for u in units:
        raw = {c: w for c, w in index.raw_profile(u, containers=True).items() if c in known}
        if not raw:
            continue
        headed = {h.key for h in index.heading_hits[u]}
        enclosing = {h.key for a in index.ancestors(u) for h in index.heading_hits[a]}
        ranked = sorted(raw, key=lambda c: (-(c in headed), -raw[c], c))
        main = ranked[0]
        score, _ = index.agreement(u, main, None, containers=True)
        if main not in headed:
            if headed_text:
                continue
            share = raw[main] / sum(raw.values())
            if score < p.row_min_agreement or share < 0.5:
                continue
        concepts = [main] + [
            c
            for c in ranked[1:]
            if raw[c] >= p.secondary_ratio * raw[main] and (c in headed or c in enclosing)
        ]
        prov = index.nodes[u].prov
        rows.append(
            Row(
                eid=prov.eid,
                citation=index.citation(u),
                heading=prov.heading,
                concept=main,
                concepts=tuple(concepts),
                concept_score=round(score, 4),
                evidence=index.hits_for(u, main, containers=True),
            )
        )
    return rows


# -- matching ---------------------------------------------------------------------------


def match_law(
    rows: Sequence[Row],
    conv: DocIndex,
    law: DocIndex,
    law_key: str,
    taxonomy: Taxonomy,
) -> list[LawMatches]:
    """For each row, the candidates of one law (possibly none), best first."""
    p = law.params
    kinds = {c.id: c.kind for c in taxonomy.concepts}
    wanted = {c for r in rows for c in r.concepts}
    # Concept agreement for every eligible node with any wanted concept.
    pool: dict[int, dict[str, tuple[float, float]]] = {}
    for n in law.nodes:
        i = n.index
        if not law.eligible(i):
            continue
        raw = law.raw_profile(i)
        for c in wanted:
            if raw.get(c, 0.0) > 0:
                score, mass = law.agreement(i, c, kinds.get(c))
                if score >= p.min_agreement:
                    pool.setdefault(i, {})[c] = (score, mass)
    # Wording similarity, all rows against all pooled nodes at once, same language only.
    fuzzy = None
    order = sorted(pool)
    if order and conv.language == law.language:
        queries = [conv.fuzzy_text(conv.index_of(r.eid)) for r in rows]
        choices = [law.fuzzy_text(i) for i in order]
        fuzzy = process.cdist(queries, choices, scorer=fuzz.token_set_ratio, dtype="uint8")
    column = {i: k for k, i in enumerate(order)}

    out = []
    for r_pos, row in enumerate(rows):
        scored: list[tuple[float, int, Candidate]] = []
        for i in order:
            best: Candidate | None = None
            for rank, c in enumerate(row.concepts):
                if c not in pool[i]:
                    continue
                a, _mass = pool[i][c]
                if rank:
                    a *= p.secondary_weight
                f = float(fuzzy[r_pos, column[i]]) / 100.0 if fuzzy is not None else 0.0
                boost = p.fuzzy_weight * max(0.0, (f - p.fuzzy_floor) / (1 - p.fuzzy_floor))
                score = a + (1 - a) * boost
                if score < p.accept:
                    continue
                if boost <= 0:
                    method = "concept"
                elif a >= p.concept_ok:
                    method = "concept+fuzzy"
                else:
                    method = "fuzzy"
                cand = Candidate(
                    eid=law.nodes[i].prov.eid,
                    citation=law.citation(i),
                    heading=law.nodes[i].prov.heading or law.nodes[law.unit_of(i)].prov.heading,
                    concept=c,
                    score=round(score, 4),
                    confidence=confidence_of(score),
                    method=method,
                    concept_score=round(a, 4),
                    fuzzy_score=round(f, 4),
                    evidence=(),
                )
                if best is None or cand.score > best.score:
                    best = cand
            if best is not None:
                scored.append((best.score, i, best))
        scored.sort(key=lambda t: (-t[0], t[1]))
        chosen: list[tuple[int, Candidate]] = []
        for score, i, cand in scored:
            if len(chosen) >= p.max_candidates:
                break
            if chosen and score < chosen[0][1].score - p.spread:
                break
            unit = law.unit_of(i)
            clash = False
            for j, _c in chosen:
                other_unit = law.unit_of(j)
                if other_unit == unit or law.is_within(i, j) or law.is_within(j, i):
                    clash = True
                    break
            if not clash:
                chosen.append((i, attrs.evolve(cand, evidence=law.hits_for(i, cand.concept))))
        out.append(LawMatches(law_key, tuple(c for _i, c in chosen)))
    return out
