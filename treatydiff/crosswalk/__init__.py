"""Crosswalk: align a convention with national laws and show which safeguards each law has.

>>> from treatydiff.model import Document, Provision
>>> conv = Document.build(title="Convention", language="en", provisions=[
...     Provision(kind="article", number="2", heading="Illegal access",
...               text="Each Party shall establish as criminal offences, when committed "
...                    "intentionally, the access to the whole or any part of a computer "
...                    "system without right.")])
>>> law = Document.build(title="Strafgesetzbuch", language="de", provisions=[
...     Provision(kind="section", number="202a", label="§ 202a", heading="Ausspähen von Daten",
...               text="Wer unbefugt sich Zugang zu Daten unter Überwindung der "
...                    "Zugangssicherung verschafft, wird mit Freiheitsstrafe bestraft.")])
>>> cw = crosswalk(conv, [law])
>>> cw.row("Article 2").best("Strafgesetzbuch").citation
'§ 202a'
>>> cw.cell("Strafgesetzbuch", "without_right").status
'present'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from treatydiff.crosswalk.concepts import (
    Taxonomy,
    default_taxonomy,
    guess_language,
    load_taxonomy,
)
from treatydiff.crosswalk.coverage import coverage_of
from treatydiff.crosswalk.matcher import PARAMETERS, DocIndex, Parameters, detect_rows, match_law
from treatydiff.crosswalk.result import (
    Candidate,
    Cell,
    Crosswalk,
    Hit,
    LawInfo,
    LawMatches,
    Row,
    SafeguardInfo,
)
from treatydiff.errors import InputError
from treatydiff.model import Document

__all__ = [
    "Candidate",
    "Cell",
    "Crosswalk",
    "Hit",
    "LawInfo",
    "LawMatches",
    "Parameters",
    "Row",
    "SafeguardInfo",
    "Taxonomy",
    "crosswalk",
    "default_taxonomy",
    "load_taxonomy",
]


def _keys(docs: Sequence[Document]) -> list[str]:
    """Unique names for the laws: their titles, "(2)", "(3)" added to repeats."""
    out: list[str] = []
    seen: dict[str, int] = {}
    for pos, d in enumerate(docs, 1):
        base = (d.title or "").strip() or f"Law {pos}"
        n = seen.get(base, 0) + 1
        seen[base] = n
        out.append(base if n == 1 else f"{base} ({n})")
    return out


def crosswalk(
    convention: Document,
    laws: Sequence[Document],
    *,
    language_of: Callable[[Document], str | None] | Mapping[str, str] | None = None,
    taxonomy: Taxonomy | None = None,
    parameters: Parameters = PARAMETERS,
) -> Crosswalk:
    """Match each offence and power of ``convention`` to the provisions of each law,
    and tell which safeguards each law has.

    ``language_of`` gives a document's language: a function of the document, or
    a mapping from document title to code ("en", "de", "nl"); by default the
    document's declared language, else a guess from its function words.  Laws in
    another language than the convention's are matched through the concept
    vocabulary alone.  ``taxonomy`` replaces the built-in vocabularies (see
    :func:`load_taxonomy`).  Nothing is forced: a law with no provision agreeing
    on a concept has no candidate for it.

    >>> from treatydiff.model import Provision
    >>> conv = Document.build(title="C", provisions=[Provision(kind="article", number="3",
    ...     heading="Illegal interception", text="the interception without right")])
    >>> cw = crosswalk(conv, [Document.build(title="Empty", provisions=[])])
    >>> cw.rows[0].matches("Empty")
    ()
    """
    if not isinstance(convention, Document):
        raise InputError(
            f"convention is a {type(convention).__name__}", expected="a treatydiff Document"
        )
    laws = tuple(laws)
    for pos, law in enumerate(laws, 1):
        if not isinstance(law, Document):
            raise InputError(
                f"law {pos} is a {type(law).__name__}", expected="a treatydiff Document"
            )
    tax = taxonomy or default_taxonomy()

    def lang(doc: Document) -> str:
        given: str | None = None
        if callable(language_of):
            given = language_of(doc)
        elif language_of is not None:
            given = language_of.get(doc.title)
        if given:
            return tax.vocabulary(given).language
        return guess_language(doc, tax)

    conv_index = DocIndex(convention, tax.vocabulary(lang(convention)), parameters)
    rows = detect_rows(conv_index, tax)
    keys = _keys(laws)
    per_law = []
    infos = []
    cells: list[Cell] = []
    for key, law in zip(keys, laws, strict=True):
        index = DocIndex(law, tax.vocabulary(lang(law)), parameters)
        infos.append(LawInfo(key, law.title, index.language, law.source.path))
        matches = match_law(rows, conv_index, index, key, tax)
        per_law.append(matches)
        matched: dict[str, list[int]] = {}
        for lm in matches:
            for cand in lm.candidates:
                matched.setdefault(cand.concept, []).append(index.index_of(cand.eid))
        cells.extend(coverage_of(index, key, matched, tax))

    rows = [
        Row(
            eid=r.eid,
            citation=r.citation,
            heading=r.heading,
            concept=r.concept,
            concepts=r.concepts,
            concept_score=r.concept_score,
            evidence=r.evidence,
            laws=tuple(m[k] for m in per_law),
        )
        for k, r in enumerate(rows)
    ]
    conv_matched: dict[str, list[int]] = {}
    for r in rows:
        for c in r.concepts:
            conv_matched.setdefault(c, []).append(conv_index.index_of(r.eid))
    conv_key = (convention.title or "").strip() or "Convention"
    reference = coverage_of(conv_index, conv_key, conv_matched, tax)
    return Crosswalk(
        convention=LawInfo(conv_key, convention.title, conv_index.language, convention.source.path),
        laws=tuple(infos),
        concepts=tuple((c.id, c.label, c.kind) for c in tax.concepts),
        safeguards=tuple(
            SafeguardInfo(s.id, s.label, tuple(sorted(tax.safeguard_concepts(s.id))))
            for s in tax.safeguards
        ),
        rows=tuple(rows),
        coverage=tuple(cells),
        reference=reference,
    )
