"""Lineages of provisions across N successive drafts.

:func:`align_many` aligns each draft with the next and chains the matches:
a *lineage* is one provision followed from draft to draft (through
renumberings, moves, splits and merges: a split puts two eIds of the next
draft in the same lineage).  Researchers ask "where did today's Article 24
come from, and what happened to the brackets in it?"; the lineages answer the
first, :meth:`History.brackets` the second.

>>> from treatydiff.model import Document, Provision
>>> def doc(title, *arts):
...     return Document.build(title=title, provisions=[
...         Provision(kind="article", number=str(i + 1), text=t) for i, t in enumerate(arts)])
>>> h = align_many([doc("d1", "Scope of it.", "Access offence."),
...                 doc("d2", "Definitions used.", "Scope of it.", "Access offence.")])
>>> for lineage in h.lineages:
...     print(lineage.eids, lineage.changes)
(('art_1',), ('art_2',)) ('renumbered',)
(('art_2',), ('art_3',)) ('renumbered',)
((), ('art_1',)) ('inserted',)
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Sequence
from typing import Any

import attrs
from rapidfuzz import fuzz

from treatydiff.align import align
from treatydiff.errors import AlignmentError, CitationError
from treatydiff.model import Alignment, Document, Match

__all__ = ["History", "Lineage", "align_many"]


@attrs.frozen
class Lineage:
    """One provision followed through the drafts.

    ``eids[k]`` are its eIds in draft ``k`` (empty when it is absent there);
    ``changes[k]`` is the kind of the match from draft ``k`` to ``k + 1``
    ("unchanged", "renumbered", ..., "inserted", "deleted"), or ``None`` when
    it is absent from both; ``scores[k]`` the confidence of that match.

    A paragraph whose text became the own text of an article (or the
    reverse, see :attr:`~treatydiff.model.Match.cross_level`) is not a
    provision on the other side: its lineage ends (or starts) there, with the
    kind of that cross-level match as its change; the article keeps its own
    lineage.  ``History.alignments[k].for_old(eid)`` names where it went.
    """

    id: int
    level: str
    eids: tuple[tuple[str, ...], ...]
    changes: tuple[str | None, ...]
    scores: tuple[float | None, ...]

    def present(self, draft: int) -> bool:
        return bool(self.eids[draft])


@attrs.frozen
class History:
    """The drafts, their pairwise alignments and the lineages that chain them."""

    documents: tuple[Document, ...]
    alignments: tuple[Alignment, ...]
    lineages: tuple[Lineage, ...]

    def lineage_of(self, draft: int, eid: str) -> Lineage | None:
        """The lineage holding provision ``eid`` of draft ``draft``."""
        for lin in self.lineages:
            if eid in lin.eids[draft]:
                return lin
        return None

    def records(self) -> list[dict[str, Any]]:
        """One row per lineage and draft (long format, for ``pandas.DataFrame``).

        Columns: lineage, level, draft, document, eids (space separated),
        citations ("; " separated), change (kind of the match from the
        previous draft; None for the first draft) and score.
        """
        rows = []
        for lin in self.lineages:
            for k, doc in enumerate(self.documents):
                eids = lin.eids[k]
                rows.append(
                    {
                        "lineage": lin.id,
                        "level": lin.level,
                        "draft": k,
                        "document": doc.title,
                        "eids": " ".join(eids),
                        "citations": "; ".join(_cite(doc, e) for e in eids),
                        "change": lin.changes[k - 1] if k else None,
                        "score": lin.scores[k - 1] if k else None,
                    }
                )
        return rows

    def to_csv(self) -> str:
        """:meth:`records` as CSV text with a header row."""
        out = io.StringIO()
        fields = ["lineage", "level", "draft", "document", "eids", "citations", "change", "score"]
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in self.records():
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
        return out.getvalue()

    def brackets(self) -> dict[str, list[dict[str, Any]]]:
        """Bracketed text per draft and what became of each bracketed passage.

        Returns ``{"counts": [...], "passages": [...]}``.  ``counts`` has one
        row per draft (draft, document, brackets, alternatives, notes).
        ``passages`` one row per bracket or alternative: draft, eid,
        citation, kind, text, and ``fate`` in the next draft: ``"still
        bracketed"``, ``"kept"`` (same words, brackets gone), ``"dropped"``
        (the provision stays, the words do not), ``"provision deleted"``, or
        ``"open in last draft"``; ``next_eids`` where it went.
        """
        counts = []
        passages = []
        last = len(self.documents) - 1
        for k, doc in enumerate(self.documents):
            n = {"bracket": 0, "alternative": 0, "note": 0}
            for node in doc.walk():
                for a in node.annotations:
                    if a.kind in n:
                        n[a.kind] += 1
                    if a.kind not in ("bracket", "alternative"):
                        continue
                    text = a.text or node.text[a.start : a.end]
                    fate: str = "open in last draft"
                    next_eids: tuple[str, ...] = ()
                    if k < last:
                        fate, next_eids = self._fate(k, node.eid, text)
                    passages.append(
                        {
                            "draft": k,
                            "eid": node.eid,
                            "citation": _cite(doc, node.eid),
                            "kind": a.kind,
                            "text": text,
                            "fate": fate,
                            "next_eids": next_eids,
                        }
                    )
            counts.append(
                {
                    "draft": k,
                    "document": doc.title,
                    "brackets": n["bracket"],
                    "alternatives": n["alternative"],
                    "notes": n["note"],
                }
            )
        return {"counts": counts, "passages": passages}

    def _fate(self, k: int, eid: str, text: str) -> tuple[str, tuple[str, ...]]:
        match = self.alignments[k].for_old(eid)
        if match is None or not match.new:
            return "provision deleted", ()
        nxt = self.documents[k + 1]
        nodes = [nxt.get(e) for e in match.new]
        needle = " ".join(text.split()).strip("[] ")
        for node in nodes:
            for a in node.annotations:
                if a.kind in ("bracket", "alternative"):
                    other = " ".join((a.text or node.text[a.start : a.end]).split()).strip("[] ")
                    if fuzz.ratio(needle, other) >= 80:
                        return "still bracketed", match.new
        hay = " ".join(" ".join(n.text.split()) for n in nodes)
        if needle and fuzz.partial_ratio(needle, hay) >= 90:
            return "kept", match.new
        return "dropped", match.new


def _cite(doc: Document, eid: str) -> str:
    try:
        return doc.citation(eid)
    except (CitationError, KeyError, ValueError):
        return eid


def align_many(documents: Sequence[Document], **options: Any) -> History:
    """Align each draft with the next and chain the matches into lineages.

    ``options`` go to :func:`treatydiff.align.align` (``level=``,
    ``score_cutoff=``).  Lineages are ordered by the first draft they appear
    in, then by position in that draft.
    """
    docs = tuple(documents)
    if len(docs) < 2:
        raise AlignmentError(
            f"align_many got {len(docs)} document(s)", expected="two or more drafts, oldest first"
        )
    alignments = tuple(align(a, b, **options) for a, b in itertools.pairwise(docs))

    # Union-find over (draft, eId): every match links its old and new eIds.
    parent: dict[tuple[int, str], tuple[int, str]] = {}

    def find(x: tuple[int, str]) -> tuple[int, str]:
        root = x
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(a: tuple[int, str], b: tuple[int, str]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            # Keep the earliest node as root so lineage order is stable.
            if rb < ra:
                ra, rb = rb, ra
            parent[rb] = ra

    level_of: dict[tuple[int, str], str] = {}
    for k, al in enumerate(alignments):
        for m in al.matches:
            nodes = [(k, e) for e in m.old] + [(k + 1, e) for e in m.new]
            if m.cross_level:
                # Text that changed level: the unit on the own-text side has a
                # lineage of its own, and joining the paragraph to it would
                # merge two provisions.  The paragraph's lineage ends (or
                # starts) here; its change is this match's kind.
                nodes = nodes[:1] if m.cross_level == "new" else nodes[1:]
            for n in nodes:
                find(n)
                level_of.setdefault(n, m.level)
            for n in nodes[1:]:
                union(nodes[0], n)

    pos = [{p.eid: i for i, p in enumerate(d.walk())} for d in docs]
    groups: dict[tuple[int, str], list[tuple[int, str]]] = {}
    for node in parent:
        groups.setdefault(find(node), []).append(node)

    def order_key(members: list[tuple[int, str]]) -> tuple[int, int]:
        first = min(k for k, _ in members)
        return first, min(pos[first].get(e, 0) for k, e in members if k == first)

    lineages = []
    for lid, members in enumerate(sorted(groups.values(), key=order_key)):
        eids = tuple(
            tuple(sorted((e for k, e in members if k == d), key=pos[d].__getitem__))
            for d in range(len(docs))
        )
        changes: list[str | None] = []
        scores: list[float | None] = []
        for k, al in enumerate(alignments):
            probe = eids[k][:1] or eids[k + 1][:1]
            found: Match | None = None
            if eids[k]:
                found = al.for_old(eids[k][0])
            elif eids[k + 1]:
                found = al.for_new(eids[k + 1][0])
            changes.append(found.kind if found is not None and probe else None)
            scores.append(found.score if found is not None and probe else None)
        first = min(members)
        lineages.append(
            Lineage(
                id=lid,
                level=level_of.get(first, "article"),
                eids=eids,
                changes=tuple(changes),
                scores=tuple(scores),
            )
        )
    return History(documents=docs, alignments=alignments, lineages=tuple(lineages))
