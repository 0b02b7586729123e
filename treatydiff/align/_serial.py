"""Alignments as JSON (``treatydiff/alignment@1``) and as a console summary.

The JSON schema (stable; keys in this order, every key always present)::

    {
      "schema": "treatydiff/alignment@1",
      "level": "paragraph" | "article",
      "score_cutoff": 0.5,
      "old": {"title": str, "path": str | null, "symbol": str | null, "date": str | null},
      "new": {... same ...},
      "summary": {"unchanged": int, "changed": int, ..., "deleted": int},
      "matches": [
        {
          "old": [eId, ...], "new": [eId, ...],          # empty list for inserted/deleted
          "old_citations": [str, ...], "new_citations": [str, ...],
          "kind": one of unchanged changed renumbered moved split merged inserted deleted,
          "level": provision kind ("article", "paragraph", ...),
          "method": one of address heading fuzzy structure position none,
          "score": float, "similarity": float,
          "old_numbers": [str | null, ...], "new_numbers": [str | null, ...],
          "text_changed": bool, "renumbered": bool, "moved": bool,
          "cross_level": "" | "old" | "new",              # side naming a unit's own text
          "depth": int                                    # depth in the match tree
        }, ...
      ]
    }

``matches`` keep the order of :attr:`Alignment.matches` (a pre-order walk of
the match tree), so ``depth`` is enough to rebuild the nesting.
"""

from __future__ import annotations

import json
from typing import Any

from treatydiff.errors import CitationError
from treatydiff.model import Alignment, Document

__all__ = [
    "ALIGNMENT_SCHEMA",
    "alignment_to_dict",
    "alignment_to_json",
    "format_alignment_text",
    "format_history_text",
]

ALIGNMENT_SCHEMA = "treatydiff/alignment@1"


def _doc_info(doc: Document) -> dict[str, Any]:
    return {
        "title": doc.title,
        "path": doc.source.path,
        "symbol": doc.source.symbol,
        "date": doc.source.date,
    }


def _cite(doc: Document, eid: str) -> str:
    try:
        return doc.citation(eid)
    except (CitationError, KeyError, ValueError):
        # A provision without a quotable number still has its address.
        return eid


def alignment_to_dict(alignment: Alignment) -> dict[str, Any]:
    """The ``treatydiff/alignment@1`` dict of an alignment (see the module docstring).

    >>> from treatydiff.model import Document, Provision
    >>> from treatydiff.align import align
    >>> one = Provision(kind="article", number="1", text="x")
    >>> doc = Document.build(title="t", provisions=[one])
    >>> d = alignment_to_dict(align(doc, doc))
    >>> d["schema"], d["matches"][0]["kind"], d["matches"][0]["old_citations"]
    ('treatydiff/alignment@1', 'unchanged', ['Article 1'])
    """
    old, new = alignment.old, alignment.new
    matches = []
    for m, depth in alignment.walk():
        matches.append(
            {
                "old": list(m.old),
                "new": list(m.new),
                "old_citations": [_cite(old, e) for e in m.old],
                "new_citations": [_cite(new, e) for e in m.new],
                "kind": m.kind,
                "level": m.level,
                "method": m.method,
                "score": m.score,
                "similarity": m.similarity,
                "old_numbers": list(m.old_numbers),
                "new_numbers": list(m.new_numbers),
                "text_changed": m.text_changed,
                "renumbered": m.renumbered,
                "moved": m.moved,
                "cross_level": m.cross_level,
                "depth": depth,
            }
        )
    return {
        "schema": ALIGNMENT_SCHEMA,
        "level": alignment.level,
        "score_cutoff": alignment.score_cutoff,
        "old": _doc_info(old),
        "new": _doc_info(new),
        "summary": alignment.summary(),
        "matches": matches,
    }


def alignment_to_json(alignment: Alignment, *, indent: int | None = 2) -> str:
    """:func:`alignment_to_dict` as JSON text (UTF-8 kept readable, stable key order)."""
    return json.dumps(alignment_to_dict(alignment), ensure_ascii=False, indent=indent)


_SIGN = {
    "unchanged": "=",
    "changed": "~",
    "renumbered": "#",
    "moved": ">",
    "split": "<",
    "merged": "+",
    "inserted": "+",
    "deleted": "-",
}


def format_alignment_text(
    alignment: Alignment, *, levels: tuple[str, ...] | None = None, show_unchanged: bool = False
) -> str:
    """A plain-text summary for the console: counts, then one line per match.

    ``levels`` limits the lines to some provision kinds (default: units, i.e.
    articles and sections, plus preamble and annexes); unchanged matches are
    left out unless ``show_unchanged``.  Low-confidence matches are marked
    ``(?)`` so nobody quotes them as certain.

    >>> from treatydiff.model import Document, Provision
    >>> from treatydiff.align import align
    >>> def one(title, number):
    ...     return Document.build(title=title, provisions=[
    ...         Provision(kind="article", number=number, text="x y")])
    >>> a, b = one("v1", "1"), one("v2", "2")
    >>> print(format_alignment_text(align(a, b)))
    v1 -> v2 (level: paragraph)
    renumbered 1
    # Article 1 -> Article 2  [renumbered, fuzzy, score 1.00]
    """
    if levels is None:
        levels = ("article", "section", "preamble", "annex")
    old, new = alignment.old, alignment.new
    counts = {k: v for k, v in alignment.summary(*levels).items() if v}
    lines = [f"{old.title} -> {new.title} (level: {alignment.level})"]
    lines.append(", ".join(f"{k} {v}" for k, v in counts.items()) or "no provisions")
    for m in alignment.matches:
        if m.level not in levels or (m.kind == "unchanged" and not show_unchanged):
            continue
        left = " + ".join(_cite(old, e) for e in m.old) or "(none)"
        right = " + ".join(_cite(new, e) for e in m.new) or "(none)"
        doubt = " (?)" if m.kind not in ("inserted", "deleted") and m.score < 0.75 else ""
        lines.append(
            f"{_SIGN[m.kind]} {left} -> {right}  [{m.kind}, {m.method}, score {m.score:.2f}]{doubt}"
        )
    return "\n".join(lines)


def format_history_text(history: Any, *, levels: tuple[str, ...] | None = None) -> str:
    """A console table of a :class:`~treatydiff.align.history.History`: one row per lineage.

    Each row gives the citation in every draft ("-" where absent) and the
    changes between drafts; only units (articles, sections, preamble,
    annexes) by default.

    >>> from treatydiff.model import Document, Provision
    >>> from treatydiff.align.history import align_many
    >>> def d(title, *texts):
    ...     return Document.build(title=title, provisions=[
    ...         Provision(kind="article", number=str(i + 1), text=t) for i, t in enumerate(texts)])
    >>> print(format_history_text(align_many([d("v1", "a b c"), d("v2", "x y", "a b c")])))
    v1 | v2 | changes
    Article 1 | Article 2 | renumbered
    - | Article 1 | inserted
    """
    if levels is None:
        levels = ("article", "section", "preamble", "annex")
    docs = history.documents
    lines = [" | ".join([*(d.title for d in docs), "changes"])]
    for lin in history.lineages:
        if lin.level not in levels:
            continue
        cells = [
            " + ".join(_cite(doc, e) for e in eids) or "-"
            for doc, eids in zip(docs, lin.eids, strict=True)
        ]
        changes = ", ".join(c for c in lin.changes if c) or "-"
        lines.append(" | ".join([*cells, changes]))
    return "\n".join(lines)
