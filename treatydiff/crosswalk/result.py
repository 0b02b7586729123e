"""The crosswalk's result models (frozen attrs, tuples, JSON-ready).

A :class:`Crosswalk` has one :class:`Row` per convention provision that
defines an offence or a power (a concept was detected), with, per law, the
:class:`Candidate` provisions that correspond to it (none = absent), and a
coverage matrix of :class:`Cell` values: laws x safeguards.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from treatydiff.model import Evidence

__all__ = [
    "CONFIDENCE",
    "METHODS",
    "SCHEMA",
    "STATUSES",
    "Candidate",
    "Cell",
    "Crosswalk",
    "Hit",
    "LawInfo",
    "LawMatches",
    "Row",
    "SafeguardInfo",
]

SCHEMA = "treatydiff/crosswalk@1"

#: How a candidate was found.  "concept": the vocabulary alone; "concept+fuzzy":
#: the vocabulary, and the wording is also close; "fuzzy": the vocabulary agreed
#: only weakly and close wording carried it.
METHODS: tuple[str, ...] = ("concept", "concept+fuzzy", "fuzzy")

#: Coverage cell states.
STATUSES: tuple[str, ...] = ("present", "absent", "unclear")

#: Confidence words for a score, highest first: (word, lowest score).
CONFIDENCE: tuple[tuple[str, float], ...] = (("high", 0.75), ("medium", 0.55), ("low", 0.0))


def confidence_of(score: float) -> str:
    """ "high", "medium" or "low" for a score in [0, 1]."""
    for word, floor in CONFIDENCE:
        if score >= floor:
            return word
    return "low"


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value)


@attrs.frozen
class Hit:
    """A concept phrase found in a provision.

    ``field`` says which attribute ``start``/``end`` index: ``"text"``
    (:attr:`Provision.text`) or ``"heading"`` (:attr:`Provision.heading`).
    """

    concept: str
    eid: str
    citation: str
    field: str
    phrase: str
    start: int
    end: int
    weight: float

    def evidence(self) -> Evidence | None:
        """This hit as :class:`~treatydiff.model.Evidence` (text hits only)."""
        if self.field != "text":
            return None
        return Evidence(self.eid, self.citation, self.phrase, self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


@attrs.frozen
class Candidate:
    """A law provision that may correspond to a convention provision.

    ``score`` in [0, 1] is how sure the match is (``confidence`` says it in a
    word); ``concept_score`` is the vocabulary's agreement, ``fuzzy_score``
    the wording similarity (0 across languages); ``method`` see :data:`METHODS`.
    """

    eid: str
    citation: str
    heading: str | None
    concept: str
    score: float
    confidence: str
    method: str
    concept_score: float
    fuzzy_score: float
    evidence: tuple[Hit, ...] = attrs.field(converter=_tuple)

    def to_dict(self) -> dict[str, Any]:
        d = attrs.asdict(self, recurse=False)
        d["evidence"] = [h.to_dict() for h in self.evidence]
        return d


@attrs.frozen
class LawMatches:
    """The candidates of one law for one row; empty means absent."""

    law: str
    candidates: tuple[Candidate, ...] = attrs.field(converter=_tuple)

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


@attrs.frozen
class Row:
    """A convention provision that defines an offence or a power.

    ``concept`` is the main concept, ``concepts`` all the concepts it was
    matched on (main first); ``laws`` follows :attr:`Crosswalk.laws`.
    """

    eid: str
    citation: str
    heading: str | None
    concept: str
    concepts: tuple[str, ...] = attrs.field(converter=_tuple)
    concept_score: float = 0.0
    evidence: tuple[Hit, ...] = attrs.field(default=(), converter=_tuple)
    laws: tuple[LawMatches, ...] = attrs.field(default=(), converter=_tuple)

    def matches(self, law: str) -> tuple[Candidate, ...]:
        """The candidates of ``law`` (a law key), best first."""
        for lm in self.laws:
            if lm.law == law:
                return lm.candidates
        raise KeyError(f"no law {law!r} in this crosswalk; laws: {[lm.law for lm in self.laws]}")

    def best(self, law: str) -> Candidate | None:
        found = self.matches(law)
        return found[0] if found else None


@attrs.frozen
class Cell:
    """One safeguard in one law: ``status`` present / absent / unclear.

    ``evidence`` quotes where it was found (empty when absent); ``caveats``
    quote exceptions found beside it ("Gefahr im Verzug"); ``note`` says in a
    sentence why the status was given; ``concepts`` are the matched concepts
    it was looked for in.
    """

    law: str
    safeguard: str
    status: str
    note: str
    evidence: tuple[Evidence, ...] = attrs.field(default=(), converter=_tuple)
    caveats: tuple[Evidence, ...] = attrs.field(default=(), converter=_tuple)
    concepts: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    covered: tuple[str, ...] = attrs.field(default=(), converter=_tuple)

    def __attrs_post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"cell status {self.status!r}: expected one of {STATUSES}")

    def to_dict(self) -> dict[str, Any]:
        d = attrs.asdict(self, recurse=False)
        d["evidence"] = [attrs.asdict(e) for e in self.evidence]
        d["caveats"] = [attrs.asdict(e) for e in self.caveats]
        d["concepts"] = list(self.concepts)
        d["covered"] = list(self.covered)
        return d


@attrs.frozen
class LawInfo:
    """A law of the crosswalk: its key (unique title), language and source."""

    key: str
    title: str
    language: str
    source: str | None = None


@attrs.frozen
class SafeguardInfo:
    """A coverage column: safeguard id, label and the concepts it applies to."""

    id: str
    label: str
    concepts: tuple[str, ...] = attrs.field(converter=_tuple)


@attrs.frozen
class Crosswalk:
    """A convention aligned with national laws, concept by concept.

    >>> from treatydiff.model import Document, Provision
    >>> conv = Document.build(title="C", provisions=[Provision(kind="article", number="2",
    ...     heading="Illegal access", text="the access to a computer system without right")])
    >>> law = Document.build(title="L", provisions=[Provision(kind="section", number="1",
    ...     heading="Unauthorised access to computer material", text="A person is guilty ...")])
    >>> from treatydiff.crosswalk import crosswalk
    >>> cw = crosswalk(conv, [law])
    >>> cw.rows[0].best("L").citation
    'Section 1'
    """

    convention: LawInfo
    laws: tuple[LawInfo, ...] = attrs.field(converter=_tuple)
    concepts: tuple[tuple[str, str, str], ...] = attrs.field(converter=_tuple)
    safeguards: tuple[SafeguardInfo, ...] = attrs.field(converter=_tuple)
    rows: tuple[Row, ...] = attrs.field(converter=_tuple)
    coverage: tuple[Cell, ...] = attrs.field(converter=_tuple)
    reference: tuple[Cell, ...] = attrs.field(default=(), converter=_tuple)

    # -- access -----------------------------------------------------------------
    def row(self, citation_or_eid: str) -> Row:
        """The row of a convention provision, by eId or printed citation."""
        for r in self.rows:
            if citation_or_eid in (r.eid, r.citation):
                return r
        raise KeyError(f"no row for {citation_or_eid!r}; rows: {[r.citation for r in self.rows]}")

    def cell(self, law: str, safeguard: str) -> Cell:
        """The coverage cell of ``law`` (a key) and ``safeguard`` (an id)."""
        for c in self.coverage:
            if c.law == law and c.safeguard == safeguard:
                return c
        raise KeyError(f"no cell for law {law!r} and safeguard {safeguard!r}")

    def concept_label(self, cid: str) -> str:
        for c_id, label, _kind in self.concepts:
            if c_id == cid:
                return label
        return cid

    def safeguard_label(self, sid: str) -> str:
        for s in self.safeguards:
            if s.id == sid:
                return s.label
        return sid

    # -- flat views -----------------------------------------------------------------
    def records(self) -> Iterator[dict[str, Any]]:
        """One flat row per (convention provision, law, candidate); absent laws give one row
        with ``status`` "absent" and empty candidate fields.  Ready for pandas."""
        for r in self.rows:
            for lm in r.laws:
                base = {
                    "convention_eid": r.eid,
                    "convention_citation": r.citation,
                    "convention_heading": r.heading,
                    "concept": r.concept,
                    "concepts": ";".join(r.concepts),
                    "law": lm.law,
                }
                if not lm.candidates:
                    yield {
                        **base,
                        "status": "absent",
                        "rank": None,
                        "eid": None,
                        "citation": None,
                        "heading": None,
                        "matched_concept": None,
                        "score": None,
                        "confidence": None,
                        "method": None,
                        "concept_score": None,
                        "fuzzy_score": None,
                        "evidence": "",
                    }
                    continue
                for rank, c in enumerate(lm.candidates, 1):
                    yield {
                        **base,
                        "status": "matched",
                        "rank": rank,
                        "eid": c.eid,
                        "citation": c.citation,
                        "heading": c.heading,
                        "matched_concept": c.concept,
                        "score": c.score,
                        "confidence": c.confidence,
                        "method": c.method,
                        "concept_score": c.concept_score,
                        "fuzzy_score": c.fuzzy_score,
                        "evidence": " | ".join(h.phrase for h in c.evidence),
                    }

    def to_dicts(self) -> list[dict[str, Any]]:
        """``list(self.records())``."""
        return list(self.records())

    def coverage_records(self) -> Iterator[dict[str, Any]]:
        """One flat row per coverage cell (the convention's own cells first, law "(convention)")."""
        cells = [("convention", c) for c in self.reference] + [("law", c) for c in self.coverage]
        for role, c in cells:
            yield {
                "role": role,
                "law": c.law,
                "safeguard": c.safeguard,
                "status": c.status,
                "note": c.note,
                "concepts": ";".join(c.concepts),
                "covered": ";".join(c.covered),
                "evidence": " | ".join(f"{e.citation}: {e.phrase}" for e in c.evidence),
                "caveats": " | ".join(f"{e.citation}: {e.phrase}" for e in c.caveats),
            }

    # -- serialisation ---------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with ``schema`` "treatydiff/crosswalk@1"."""
        return {
            "schema": SCHEMA,
            "convention": attrs.asdict(self.convention),
            "laws": [attrs.asdict(law) for law in self.laws],
            "concepts": [{"id": i, "label": lab, "kind": k} for i, lab, k in self.concepts],
            "safeguards": [
                {"id": s.id, "label": s.label, "concepts": list(s.concepts)}
                for s in self.safeguards
            ],
            "rows": [
                {
                    "eid": r.eid,
                    "citation": r.citation,
                    "heading": r.heading,
                    "concept": r.concept,
                    "concepts": list(r.concepts),
                    "concept_score": r.concept_score,
                    "evidence": [h.to_dict() for h in r.evidence],
                    "laws": {lm.law: [c.to_dict() for c in lm.candidates] for lm in r.laws},
                }
                for r in self.rows
            ],
            "coverage": [c.to_dict() for c in self.coverage],
            "reference": [c.to_dict() for c in self.reference],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """:meth:`to_dict` as a JSON string (stable key order)."""
        import json

        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_csv(self, *, table: str = "matches") -> str:
        """CSV text of :meth:`records` (``table="matches"``) or of the coverage cells
        (``table="coverage"``)."""
        from treatydiff.crosswalk.render import to_csv

        return to_csv(self, table=table)

    def to_html(self, **options: Any) -> str:
        """A self-contained HTML report (see :func:`treatydiff.crosswalk.render.to_html`)."""
        from treatydiff.crosswalk.render import to_html

        return to_html(self, **options)
