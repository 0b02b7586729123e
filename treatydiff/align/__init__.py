"""Alignment: which provision of one version corresponds to which of another.

:func:`align` pairs the provisions of two documents top down:

1. **Units** (articles, sections, the preamble, annexes: the outermost
   provisions that are not chapters or parts) across the whole document,
   by content first (see :mod:`treatydiff.align.assign`).
2. **Paragraphs, points and clauses** within each matched unit (within the
   union of the pieces for a split or merge), recursively.
3. **Moved paragraphs**: paragraphs still unmatched anywhere are paired
   across units (best first, with a margin over the runner-up).
4. **Containers** (chapters, parts, titles) by heading and by how many of
   their units went to the same new container.

Whatever stays unmatched is reported as inserted or deleted, never forced.
Every match records how it was made (``method``), its text similarity and a
confidence ``score`` in [0, 1] that drops when the similarity is low or a
rival candidate was nearly as good.  Content wins over numbers: a provision
that keeps its number but whose text is replaced is a deletion plus an
insertion, not a "changed" match.

>>> from treatydiff.model import Document, Provision
>>> def art(n, text):
...     return Provision(kind="article", number=str(n), label=f"Article {n}", text=text)
>>> old = Document.build(title="v1", provisions=[art(1, "Scope of this Convention."),
...                                             art(2, "Illegal access to a computer system.")])
>>> new = Document.build(title="v2", provisions=[art(1, "Purpose of this Convention."),
...                                             art(2, "Definitions of terms used here."),
...                                             art(3, "Illegal access to a computer system.")])
>>> for m in align(old, new).matches:
...     print(m.old, m.new, m.kind)
('art_1',) ('art_1',) changed
() ('art_2',) inserted
('art_2',) ('art_3',) renumbered
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from treatydiff.align.assign import (
    MOVE_EXTRA,
    MOVE_MARGIN,
    PoolResult,
    RawPair,
    align_pool,
    chain,
    greedy,
)
from treatydiff.align.similarity import DocProfile, Vocabulary, is_own_text, owner_of
from treatydiff.errors import AlignmentError
from treatydiff.model import Alignment, Document, Match

__all__ = ["DEFAULT_CUTOFF", "LEVELS", "align"]

LEVELS = ("article", "paragraph")
#: Similarity below which two provisions are never paired.
DEFAULT_CUTOFF = 0.5
#: Similarity at which a match gets full confidence.
CONFIDENT = 0.9
#: A rival within this similarity makes a match a tie decided by position,
#: whose confidence is capped at TIED_SCORE.
TIE = 0.01
TIED_SCORE = 0.6


def align(
    old: Document,
    new: Document,
    *,
    level: str = "paragraph",
    score_cutoff: float = DEFAULT_CUTOFF,
) -> Alignment:
    """Align the provisions of ``old`` with those of ``new``.

    ``level="article"`` aligns containers and units only; ``"paragraph"``
    (default) also every paragraph, point and clause.  ``score_cutoff`` is
    the similarity below which provisions are never paired (raise it for
    fewer, surer matches).  Neither document is changed.

    >>> from treatydiff.model import Document, Provision
    >>> one = Provision(kind="article", number="1", text="x y z")
    >>> doc = Document.build(title="t", provisions=[one])
    >>> align(doc, doc).summary()["unchanged"]
    1
    """
    if level not in LEVELS:
        raise AlignmentError(
            f"unknown alignment level {level!r}", expected=" or ".join(map(repr, LEVELS))
        )
    if not 0.0 < score_cutoff < 1.0:
        raise AlignmentError(
            f"score_cutoff {score_cutoff!r} is out of range", expected="0 < score_cutoff < 1"
        )
    vocab = Vocabulary([old, new])
    po, pn = DocProfile(old, vocab), DocProfile(new, vocab)
    builder = _Builder(po, pn, score_cutoff)
    builder.run(deep=level == "paragraph")
    alignment = Alignment(
        old=old, new=new, matches=builder.matches, level=level, score_cutoff=score_cutoff
    )
    return alignment.in_tree_order()


class _Builder:
    def __init__(self, po: DocProfile, pn: DocProfile, cutoff: float) -> None:
        self.po, self.pn, self.cutoff = po, pn, cutoff
        self.matches: list[Match] = []
        # Match of each unit/paragraph, to tell moved paragraphs from staying ones.
        self.old_match: dict[str, int] = {}
        self.new_match: dict[str, int] = {}

    # -- steps ---------------------------------------------------------------
    def run(self, *, deep: bool) -> None:
        po, pn = self.po, self.pn
        units = align_pool(po, po.units(), pn, pn.units(), cutoff=self.cutoff)
        for pair in units.pairs:
            self._add(pair)
        if deep:
            left_old: list[str] = []
            left_new: list[str] = []
            best: dict[tuple[int, str], float] = {}
            for pair in units.pairs:
                res = self._children(pair.old, pair.new, own_text=True)
                left_old += res.left_old
                left_new += res.left_new
                best.update(res.best)
            for e in units.left_old:
                left_old += po.children[e]
            for e in units.left_new:
                left_new += pn.children[e]
            self._cross(left_old, left_new, best)
        for e in units.left_old:
            self._gone(0, e, units.best.get((0, e), 0.0), deep=False)
        for e in units.left_new:
            self._gone(1, e, units.best.get((1, e), 0.0), deep=False)
        self._containers(units)

    def _children(
        self, olds: Iterable[str], news: Iterable[str], *, own_text: bool = False
    ) -> PoolResult:
        """Align the children of matched provisions; deeper leftovers become ins/del.

        With ``own_text`` (matched units), each unit's own text joins the pool
        as a virtual first child, so text that changed level (a sole "1."
        that lost its number) pairs with the text it became.  Such keys may be
        left over (for :meth:`_cross`) but never become matches of their own.
        """
        po, pn = self.po, self.pn
        olds, news = tuple(olds), tuple(news)
        A = [c for e in olds for c in po.children[e]]
        B = [c for e in news for c in pn.children[e]]
        if own_text and (A or B):
            kind = po.nodes[A[0]].kind if A else pn.nodes[B[0]].kind
            A = [x for e in olds for x in (po.own_text(e, kind), *po.children[e]) if x]
            B = [x for e in news for x in (pn.own_text(e, kind), *pn.children[e]) if x]
        res = align_pool(po, A, pn, B, cutoff=self.cutoff)
        for pair in res.pairs:
            if is_own_text(pair.old[0]) and is_own_text(pair.new[0]):
                continue  # own text to own text: part of the units' own match
            self._add(pair)
            sub = self._children(pair.old, pair.new)
            for e in sub.left_old:
                self._gone(0, e, sub.best.get((0, e), 0.0), deep=True)
            for e in sub.left_new:
                self._gone(1, e, sub.best.get((1, e), 0.0), deep=True)
        return res

    def _cross(self, left_old: list[str], left_new: list[str], best: dict) -> None:
        """Pair paragraphs that moved from one unit to another."""
        po, pn = self.po, self.pn
        taken_old: set[str] = set()
        taken_new: set[str] = set()
        if left_old and left_new:
            from treatydiff.align.assign import _Pool

            pool = _Pool(po, left_old, pn, left_new, self.cutoff)
            S, _ = pool.matrix(range(len(left_old)), range(len(left_new)))
            for i, e in enumerate(left_old):
                best[(0, e)] = max(best.get((0, e), 0.0), float(S[i].max(initial=0)))
            for j, e in enumerate(left_new):
                best[(1, e)] = max(best.get((1, e), 0.0), float(S[:, j].max(initial=0)))
            allowed = pool.move_allowed(range(len(left_old)), range(len(left_new)), S)
            for i, j, runner in greedy(S, allowed, self.cutoff + MOVE_EXTRA, MOVE_MARGIN):
                if is_own_text(left_old[i]) and is_own_text(left_new[j]):
                    continue  # the texts of two articles: the article level decides
                pair = RawPair((left_old[i],), (left_new[j],), float(S[i, j]), "moved", runner)
                self._add(pair, cross=True)
                taken_old.add(left_old[i])
                taken_new.add(left_new[j])
                sub = self._children(pair.old, pair.new)
                for e in sub.left_old:
                    self._gone(0, e, sub.best.get((0, e), 0.0), deep=True)
                for e in sub.left_new:
                    self._gone(1, e, sub.best.get((1, e), 0.0), deep=True)
        for e in left_old:
            if e not in taken_old and not is_own_text(e):
                self._gone(0, e, best.get((0, e), 0.0), deep=True)
        for e in left_new:
            if e not in taken_new and not is_own_text(e):
                self._gone(1, e, best.get((1, e), 0.0), deep=True)

    def _containers(self, units: PoolResult) -> None:
        """Chapters/parts: heading similarity plus the share of units they keep together."""
        po, pn = self.po, self.pn
        A, B = po.containers(), pn.containers()
        if not A and not B:
            return
        ia = {e: i for i, e in enumerate(A)}
        ib = {e: j for j, e in enumerate(B)}

        def ancestors(p: DocProfile, e: str, index: dict[str, int]) -> list[int]:
            out = []
            q = p.parent[e]
            while q is not None:
                if q in index:
                    out.append(index[q])
                q = p.parent[q]
            return out

        anc_a = {e: ancestors(po, e, ia) for e in po.units()}
        anc_b = {e: ancestors(pn, e, ib) for e in pn.units()}
        size_a = np.zeros(len(A))
        size_b = np.zeros(len(B))
        for anc in anc_a.values():
            size_a[anc] += 1
        for anc in anc_b.values():
            size_b[anc] += 1
        shared = np.zeros((len(A), len(B)))
        for pair in units.pairs:
            for eo in pair.old:
                for en in pair.new:
                    for i in anc_a[eo]:
                        shared[i, anc_b[en]] += 1
        total = size_a[:, None] + size_b[None, :]
        dice = np.divide(2 * shared, total, out=np.zeros_like(shared), where=total > 0)
        # A container's own "text" is its heading: compare headings (or numbers) only.
        from rapidfuzz.distance import Indel
        from rapidfuzz.process import cdist

        ha = [po.head[e] or po.number[e] for e in A]
        hb = [pn.head[e] or pn.number[e] for e in B]
        head = (
            cdist(ha, hb, scorer=Indel.normalized_similarity, dtype=np.float64)
            if A and B
            else np.zeros((len(A), len(B)))
        )
        kind_ok = np.array([[po.nodes[a].kind == pn.nodes[b].kind for b in B] for a in A]).reshape(
            len(A), len(B)
        )
        S = np.where(kind_ok, 0.5 * head + 0.5 * dice, 0.0)
        pairs = chain(S, S >= self.cutoff)
        used_a = {i for i, _ in pairs}
        used_b = {j for _, j in pairs}
        for i, j in pairs:
            self._add(RawPair((A[i],), (B[j],), float(S[i, j]), "structure"))
        rest_a = [i for i in range(len(A)) if i not in used_a]
        rest_b = [j for j in range(len(B)) if j not in used_b]
        if rest_a and rest_b:
            sub = S[np.ix_(rest_a, rest_b)]
            for gi, gj, runner in greedy(sub, sub > 0, self.cutoff + MOVE_EXTRA, MOVE_MARGIN):
                i, j = rest_a[gi], rest_b[gj]
                used_a.add(i)
                used_b.add(j)
                self._add(RawPair((A[i],), (B[j],), float(S[i, j]), "structure-moved", runner))
        for i in range(len(A)):
            if i not in used_a:
                self._gone(0, A[i], float(S[i].max(initial=0)) if len(B) else 0.0, deep=False)
        for j in range(len(B)):
            if j not in used_b:
                self._gone(1, B[j], float(S[:, j].max(initial=0)) if len(A) else 0.0, deep=False)

    # -- making matches ----------------------------------------------------------
    def _add(self, pair: RawPair, *, cross: bool = False) -> None:
        po, pn = self.po, self.pn
        # A virtual own-text key on one side makes a cross-level match.
        cross_level = (
            "old" if is_own_text(pair.old[0]) else "new" if is_own_text(pair.new[0]) else ""
        )
        old_nodes = [po.nodes[e] for e in pair.old]
        new_nodes = [pn.nodes[e] for e in pair.new]
        structural = pair.how.startswith("structure")
        rescued = pair.how.startswith("rescue")
        if structural:
            text_changed = any(
                (o.heading or "", o.text) != (n.heading or "", n.text)
                for o, n in zip(old_nodes, new_nodes, strict=False)
            )
        else:
            text_changed = " ".join(po.norm[e] for e in pair.old) != " ".join(
                pn.norm[e] for e in pair.new
            )
        # The own text of a unit has no number of its own (virtual nodes carry none).
        old_numbers = tuple(o.number for o in old_nodes)
        new_numbers = tuple(n.number for n in new_nodes)
        renumbered = [po.number[e] for e in pair.old] != [pn.number[e] for e in pair.new]
        moved = cross or pair.how in ("moved", "structure-moved", "rescue-moved")
        if len(pair.new) > 1:
            kind = "split"
        elif len(pair.old) > 1:
            kind = "merged"
        elif moved:
            kind = "moved"
        elif renumbered:
            kind = "renumbered"
        elif text_changed:
            kind = "changed"
        else:
            kind = "unchanged"
        sim = float(min(max(pair.sim, 0.0), 1.0))
        if not text_changed and not structural:
            sim = 1.0
        same_number = not renumbered and bool(po.number[pair.old[0]])
        # A rival as good as this pair (duplicated text such as a repealed
        # "(weggefallen)" placeholder) means only the order decided it.
        tied = pair.how in ("chain", "anchor") and pair.runner >= pair.sim - TIE and not same_number
        if structural or rescued:
            method = "structure"
        elif pair.how == "heading" or (
            pair.how not in ("split", "merge") and _heading_decided(po, pn, pair, self.cutoff)
        ):
            method = "heading"
        elif tied:
            method = "position"
        elif same_number:
            method = "address"
        else:
            method = "fuzzy"
        level = (new_nodes if cross_level == "old" else old_nodes)[0].kind
        self.matches.append(
            Match(
                old=tuple(owner_of(e) for e in pair.old),
                new=tuple(owner_of(e) for e in pair.new),
                kind=kind,
                score=min(self._score(sim, pair, same_number, text_changed), TIED_SCORE)
                if tied
                else self._score(sim, pair, same_number, text_changed),
                method=method,
                level=level,
                old_numbers=old_numbers,
                new_numbers=new_numbers,
                similarity=round(sim, 4),
                text_changed=text_changed,
                renumbered=renumbered,
                moved=moved,
                cross_level=cross_level,
            )
        )

    def _score(self, sim: float, pair: RawPair, same_number: bool, text_changed: bool) -> float:
        """Confidence: high similarity, no close rival, numbers agreeing."""
        if pair.how.startswith("rescue"):
            # ``runner`` holds the structural evidence (children Dice and heading).
            return round(0.5 + 0.4 * min(max(pair.runner, 0.0), 1.0), 4)
        if (
            not text_changed
            and pair.how in ("anchor", "chain")
            and (same_number or pair.runner < 1.0)
        ):
            return 1.0
        base = min(max((sim - self.cutoff) / (CONFIDENT - self.cutoff), 0.0), 1.0)
        margin = min(max((sim - pair.runner) / 0.2, 0.0), 1.0)
        if same_number or pair.how == "anchor":
            margin = 1.0
        elif pair.how == "chain":
            # Being in document order is evidence of its own.
            margin = max(margin, 0.5)
        return round(0.5 + 0.5 * base * (0.5 + 0.5 * margin), 4)

    def _gone(self, side: int, eid: str, best: float, *, deep: bool) -> None:
        """An unmatched provision (and, if ``deep``, its whole subtree) as deleted/inserted."""
        p = self.po if side == 0 else self.pn
        score = round(1.0 - min(max(best, 0.0), 1.0), 4)
        stack = [eid]
        while stack:
            e = stack.pop()
            node = p.nodes[e]
            self.matches.append(
                Match(
                    old=(e,) if side == 0 else (),
                    new=(e,) if side == 1 else (),
                    kind="deleted" if side == 0 else "inserted",
                    score=score,
                    method="none",
                    level=node.kind,
                    old_numbers=(node.number,) if side == 0 else (),
                    new_numbers=(node.number,) if side == 1 else (),
                    similarity=round(min(max(best, 0.0), 1.0), 4) if e == eid else 0.0,
                    text_changed=True,
                )
            )
            if deep:
                stack.extend(p.children[e])


def similarity_matrix_pair(po: DocProfile, a: str, pn: DocProfile, b: str) -> float:
    from treatydiff.align.similarity import similarity_matrix

    return float(similarity_matrix(po, [a], pn, [b])[0, 0])


def _heading_decided(po: DocProfile, pn: DocProfile, pair: RawPair, cutoff: float) -> bool:
    """True when identical headings lifted a pair whose text alone is below the cutoff."""
    o, n = pair.old[0], pair.new[0]
    if not po.head[o] or po.head[o] != pn.head[n]:
        return False
    from treatydiff.align.similarity import HEADING_WEIGHT

    text = (pair.sim - HEADING_WEIGHT) / (1 - HEADING_WEIGHT)
    return text < cutoff
