"""Who goes with whom: order-preserving assignment, moves, splits and merges.

The steps for one *pool* (the articles of two documents, or the paragraphs of
two matched articles):

1. **Anchors** (large pools only): provisions whose text is identical and
   unique in both documents, or that keep their number with near-identical
   text, are paired; the longest in-order run of them cuts the pool into
   small gaps so the work stays near-linear.
2. **Chain**: in each gap, an order-preserving assignment maximising the
   summed similarity of the pairs above the cutoff (a dynamic programme over
   the similarity matrix, vectorised row by row).
3. **Splits and merges**: one old provision against two to four consecutive
   new ones read as one text (and the reverse); accepted only when the
   concatenation matches clearly better than any single piece.
4. **Moves**: leftovers paired greedily, best first, only above a higher
   cutoff and with a margin over the runner-up (identical boilerplate with
   two equally good homes stays unmatched rather than guessed).

Content wins over numbers: a shared number adds only a tie-breaking bonus,
never enough to pair texts below the cutoff.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs
import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz.process import cpdist

from treatydiff.align.similarity import (
    DocProfile,
    is_own_text,
    pair_similarity,
    similarity_matrix,
)

__all__ = ["PoolResult", "RawPair", "align_pool", "chain", "greedy"]

#: Pools with more candidate pairs than this are first cut by anchors.
FULL_LIMIT = 40_000
#: Tie-breaking bonuses (far below any meaningful similarity difference).
NUMBER_BONUS = 0.03
POSITION_BONUS = 0.01
#: A moved provision needs this much more than the cutoff, and this margin.
MOVE_EXTRA = 0.1
MOVE_MARGIN = 0.05
#: A split/merge must beat the best single piece by this much, and each
#: piece must have this share of its words in sequence within the whole.
SPLIT_GAIN = 0.05
SPLIT_CONTAIN = 0.6
SPLIT_MIN = 0.6
SPLIT_MAX_PARTS = 4
#: Matched pairs below this similarity are re-examined as possible splits.
SPLIT_RECHECK = 0.999
#: Out of document order (moves), a pair of short provisions (fewer words
#: than this on either side) must be nearly verbatim: "the documentation
#: referred to in Article 11;" resembles too many other points.
SHORT_WORDS = 10
SHORT_MOVE_SIM = 0.9
#: Pairs with no words on either side but the same number get this similarity.
BARE_NUMBER_SIM = 0.6


@attrs.frozen
class RawPair:
    """A correspondence found in a pool, before it becomes a :class:`Match`.

    ``how`` is ``anchor``, ``chain``, ``moved``, ``split`` or ``merge``;
    ``runner`` the best competing similarity (for the confidence score).
    """

    old: tuple[str, ...]
    new: tuple[str, ...]
    sim: float
    how: str
    runner: float = 0.0


@attrs.frozen
class PoolResult:
    pairs: tuple[RawPair, ...]
    left_old: tuple[str, ...]
    left_new: tuple[str, ...]
    #: Best similarity each leftover had with any candidate (for honest scores).
    best: dict[tuple[int, str], float] = attrs.field(factory=dict, eq=False)


def chain(weights: np.ndarray, allowed: np.ndarray) -> list[tuple[int, int]]:
    """Order-preserving assignment maximising the summed weight of allowed pairs.

    A weighted longest-common-subsequence: ``D[i, j] = max(D[i-1, j],
    D[i, j-1], D[i-1, j-1] + w[i, j])``.  The ``D[i, j-1]`` term is a running
    maximum along the row, so each row is three numpy operations.

    >>> w = np.array([[0.9, 0.1], [0.2, 0.8]])
    >>> chain(w, w > 0.5)
    [(0, 0), (1, 1)]
    """
    n, m = weights.shape
    if n == 0 or m == 0:
        return []
    w = np.where(allowed, weights, -np.inf).astype(np.float64)
    table = np.zeros((n + 1, m + 1), dtype=np.float64)
    for i in range(1, n + 1):
        prev = table[i - 1]
        row = prev.copy()
        np.maximum(prev[1:], prev[:-1] + w[i - 1], out=row[1:])
        np.maximum.accumulate(row, out=table[i])
    pairs = []
    i, j = n, m
    while i > 0 and j > 0:
        v = table[i, j]
        if v == table[i - 1, j]:
            i -= 1
        elif v == table[i, j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i -= 1
            j -= 1
    pairs.reverse()
    return pairs


def greedy(sim: np.ndarray, allowed: np.ndarray, cutoff: float, margin: float):
    """Pair rows and columns best first; a pair needs ``margin`` over every free rival.

    Returns ``[(i, j, runner_up)]``.  Two equally good candidates block each
    other: neither is taken, which is the honest outcome for duplicated text.

    >>> s = np.array([[0.9, 0.88], [0.1, 0.2]])
    >>> greedy(s, s > 0, 0.6, 0.05)
    []
    """
    cand = np.argwhere(allowed & (sim >= cutoff))
    if len(cand) == 0:
        return []
    vals = sim[cand[:, 0], cand[:, 1]]
    order = np.lexsort((cand[:, 1], cand[:, 0], -vals))
    row_free = np.ones(sim.shape[0], dtype=bool)
    col_free = np.ones(sim.shape[1], dtype=bool)
    masked = np.where(allowed, sim, 0.0)
    out = []
    for k in order:
        i, j = int(cand[k, 0]), int(cand[k, 1])
        if not (row_free[i] and col_free[j]):
            continue
        r = np.where(col_free, masked[i], 0.0)
        r[j] = 0.0
        c = np.where(row_free, masked[:, j], 0.0)
        c[i] = 0.0
        runner = float(max(r.max(initial=0.0), c.max(initial=0.0)))
        if sim[i, j] - runner >= margin:
            out.append((i, j, runner))
            row_free[i] = False
            col_free[j] = False
    return out


#: A provision of at least this many word codes, wholly (this share) inside
#: a piece of a split or merge, keeps that piece for itself (see _remainders).
REMAINDER_MIN_WORDS = 5
REMAINDER_CONTAIN = 0.9


def _remainders(
    pool: _Pool,
    x: int,
    parts: Sequence[int],
    forward: bool,
    matched: dict[int, int],
) -> list[tuple[int, int]]:
    """Pieces of a split/merge that keep a provision of their own on the far side.

    Old Article 2 gave its long paragraph 2 to Article 1 and kept paragraph 1
    as Article 2: most of it now stands in the new Article 1, which looks like
    Articles 1 and 2 merged.  But the new Article 2 is wholly made of what is
    left of the old one, so Article 2 continues there and a paragraph moved.
    For a merge (``forward`` False: ``x`` new, ``parts`` old) returns the
    (part, other new provision) pairs where that provision lies wholly inside
    the part and is free or already paired with it; for a split, the same
    with old provisions inside new parts.
    """
    far_texts = pool.pb.full if not forward else pool.pa.full
    near_ids = pool.A if not forward else pool.B
    far_ids = pool.B if not forward else pool.A
    part_texts = pool.pa.full if not forward else pool.pb.full
    out = []
    taken: set[int] = set()
    for k in parts:
        piece = part_texts[near_ids[k]]
        for y in range(len(far_ids)):
            if y == x or y in taken:
                continue
            partner = matched.get(y)  # the far provision's current partner, if any
            if partner is not None and partner != k:
                continue
            text = far_texts[far_ids[y]]
            if len(text) < REMAINDER_MIN_WORDS:
                continue
            if _containment(text, piece) >= REMAINDER_CONTAIN:
                out.append((k, y))
                taken.add(y)
                break
    return out


def _resolve_remainders(
    pool: _Pool,
    remainders: list[tuple[int, tuple[int, ...], tuple[tuple[int, int], ...], bool]],
    match_a: dict[int, int],
    info: dict[tuple[int, int], tuple[float, str, float]],
) -> None:
    """Pair each piece with its remainder, and the whole with the piece it wholly holds.

    Rejecting the merge is not enough: the chain may already have given the
    new Article 1 to the old Article 2 (whose long paragraph it now holds)
    and left the old Article 1 deleted.  The pieces that kept a provision of
    their own pair with it; of the others, the one wholly inside the whole
    pairs with it.  Only provisions that are free, or paired among
    themselves, are re-paired; the pairs are ``rescue`` pairs, scored by their
    text similarity (low: the confidence shows that text moved).
    """
    for x, parts, kept, forward in remainders:
        pairs: list[tuple[int, int]] = []  # (old, new)
        rest = [k for k in parts if k not in {k for k, _ in kept}]
        for k, y in kept:
            pairs.append((k, y) if not forward else (y, k))
        whole_text = pool.pb.full[pool.B[x]] if not forward else pool.pa.full[pool.A[x]]
        inside = [
            k
            for k in rest
            if _containment(
                pool.pa.full[pool.A[k]] if not forward else pool.pb.full[pool.B[k]], whole_text
            )
            >= REMAINDER_CONTAIN
        ]
        if len(inside) == 1:
            pairs.append((inside[0], x) if not forward else (x, inside[0]))
        olds = {i for i, _ in pairs}
        news = {j for _, j in pairs}
        # the provisions involved may only be paired among themselves
        involved_old = olds | (set(parts) if not forward else {x})
        involved_new = news | ({x} if not forward else set(parts))
        conflict = any(
            (i in involved_old) != (j in involved_new)
            for i, j in match_a.items()
            if i in involved_old or j in involved_new
        )
        if conflict or not pairs:
            continue
        for i in [i for i, j in match_a.items() if i in involved_old]:
            del match_a[i]
        for i, j in pairs:
            match_a[i] = j
            info[(i, j)] = (pool.sim(i, j), "rescue", REMAINDER_CONTAIN)


def _containment(piece: str, whole: str) -> float:
    """Share of ``piece``'s words found, in order, in ``whole`` (LCS / len(piece))."""
    if not piece:
        return 0.0
    lcs = (len(piece) + len(whole) - Indel.distance(piece, whole)) / 2
    return lcs / len(piece)


def _lis(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest run of ``pairs`` (sorted by old index) increasing in the new index."""
    import bisect

    tails: list[int] = []
    tails_idx: list[int] = []
    back = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tails_idx.append(k)
        else:
            tails[pos] = j
            tails_idx[pos] = k
        back[k] = tails_idx[pos - 1] if pos > 0 else -1
    out = []
    k = tails_idx[-1] if tails_idx else -1
    while k >= 0:
        out.append(pairs[k])
        k = back[k]
    return out[::-1]


class _Pool:
    """Two lists of sibling-like provisions and how to score them."""

    def __init__(
        self, pa: DocProfile, A: Sequence[str], pb: DocProfile, B: Sequence[str], cutoff: float
    ) -> None:
        self.pa, self.pb, self.A, self.B = pa, pb, list(A), list(B)
        self.cutoff = cutoff
        self.kind_a = np.array([_kind_group(pa.nodes[e].kind) for e in self.A])
        self.kind_b = np.array([_kind_group(pb.nodes[e].kind) for e in self.B])
        self.num_a = np.array([pa.number[e] for e in self.A])
        self.num_b = np.array([pb.number[e] for e in self.B])
        self.empty_a = np.array([not pa.full[e] and not pa.head[e] for e in self.A])
        self.empty_b = np.array([not pb.full[e] and not pb.head[e] for e in self.B])
        n, m = max(len(self.A), 1), max(len(self.B), 1)
        self.rel_a = (np.arange(len(self.A)) + 0.5) / n
        self.rel_b = (np.arange(len(self.B)) + 0.5) / m
        self._cache: dict[tuple[int, int], float] = {}

    def matrix(self, rows: Sequence[int], cols: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """(similarity, weight) for ``rows`` of A and ``cols`` of B; weight adds the tie-breaks."""
        ri, cj = np.asarray(rows, dtype=int), np.asarray(cols, dtype=int)
        S = np.zeros((len(ri), len(cj)), dtype=np.float32)
        # Only provisions of the same kind can pair: compute one block per kind
        # (a preamble is never compared with an article).
        ka, kb = self.kind_a[ri], self.kind_b[cj]
        for kind in np.unique(ka):
            r = np.flatnonzero(ka == kind)
            c = np.flatnonzero(kb == kind)
            if len(r) and len(c):
                ea = [self.A[k] for k in ri[r]]
                eb = [self.B[k] for k in cj[c]]
                S[np.ix_(r, c)] = similarity_matrix(self.pa, ea, self.pb, eb)
        num_a, num_b = self.num_a[ri], self.num_b[cj]
        same_num = (num_a[:, None] == num_b[None, :]) & (num_a != "")[:, None]
        bare = self.empty_a[ri][:, None] & self.empty_b[cj][None, :] & same_num
        S = np.where(bare, BARE_NUMBER_SIM, S)
        S = np.where(ka[:, None] == kb[None, :], S, 0.0)
        distance = np.abs(self.rel_a[ri][:, None] - self.rel_b[cj][None, :])
        W = S + NUMBER_BONUS * same_num + POSITION_BONUS * (1 - distance)
        return S.astype(np.float64), W

    def move_allowed(self, rows: Sequence[int], cols: Sequence[int], S: np.ndarray) -> np.ndarray:
        """Which pairs may be paired out of order (see :data:`SHORT_WORDS`)."""
        la = np.array([len(self.pa.full[self.A[i]]) for i in rows])
        lb = np.array([len(self.pb.full[self.B[j]]) for j in cols])
        long_enough = np.minimum(la[:, None], lb[None, :]) >= SHORT_WORDS
        return (S > 0) & (long_enough | (S >= SHORT_MOVE_SIM))

    def sim(self, i: int, j: int) -> float:
        key = (i, j)
        if key not in self._cache:
            self._cache[key] = float(self.matrix([i], [j])[0][0, 0])
        return self._cache[key]


def _kind_group(kind: str) -> str:
    # Articles and sections are both quotable units; other kinds pair only with themselves.
    return "unit" if kind in ("article", "section") else kind


def _fingerprints(profile: DocProfile, ids: Sequence[str]) -> tuple[dict[str, int], dict[str, int]]:
    """Text-and-heading fingerprint -> first index, and -> how many provisions share it."""
    first: dict[str, int] = {}
    count: dict[str, int] = {}
    for i, e in enumerate(ids):
        f = profile.full[e] + "\x00" + profile.head[e]
        count[f] = count.get(f, 0) + 1
        first.setdefault(f, i)
    return first, count


def _positions(numbers: Iterable[str]) -> dict[str, list[int]]:
    """Number -> the indices that carry it (unnumbered provisions left out)."""
    out: dict[str, list[int]] = {}
    for i, n in enumerate(numbers):
        if n:
            out.setdefault(n, []).append(i)
    return out


def _anchors(pool: _Pool) -> list[tuple[int, int]]:
    """In-order pairs that are certain enough to cut a large pool into gaps."""
    first_a, count_a = _fingerprints(pool.pa, pool.A)
    first_b, count_b = _fingerprints(pool.pb, pool.B)
    found = {}
    for f, i in first_a.items():
        if len(f) > 1 and count_a[f] == 1 and count_b.get(f) == 1:
            found[i] = first_b[f]
    # Same number (unique on both sides) with near-identical text.
    nums_a, nums_b = _positions(pool.num_a), _positions(pool.num_b)
    cand = [
        (ia[0], nums_b[n][0])
        for n, ia in nums_a.items()
        if len(ia) == 1 and len(nums_b.get(n, ())) == 1 and ia[0] not in found
    ]
    if cand:
        fa = [pool.pa.full[pool.A[i]] for i, _ in cand]
        fb = [pool.pb.full[pool.B[j]] for _, j in cand]
        ratios = cpdist(fa, fb, scorer=Indel.normalized_similarity)
        for (i, j), r in zip(cand, ratios, strict=True):
            if r >= 0.9 and pool.kind_a[i] == pool.kind_b[j]:
                found[i] = j
    used_b: set[int] = set()
    pairs = []
    for i in sorted(found):
        if found[i] not in used_b:
            used_b.add(found[i])
            pairs.append((i, found[i]))
    return _lis(pairs)


def align_pool(
    pa: DocProfile, A: Sequence[str], pb: DocProfile, B: Sequence[str], *, cutoff: float
) -> PoolResult:
    """Align two lists of provisions (each in document order) as described above."""
    pool = _Pool(pa, A, pb, B, cutoff)
    n, m = len(pool.A), len(pool.B)
    match_a: dict[int, int] = {}
    info: dict[tuple[int, int], tuple[float, str, float]] = {}  # (sim, how, runner)
    best_a = np.zeros(n)
    best_b = np.zeros(m)

    def run_gap(rows: list[int], cols: list[int]) -> None:
        if not rows or not cols:
            return
        S, W = pool.matrix(rows, cols)
        best_a[rows] = np.maximum(best_a[rows], S.max(axis=1))
        best_b[cols] = np.maximum(best_b[cols], S.max(axis=0))
        allowed = S >= cutoff
        for gi, gj in chain(W, allowed):
            row = S[gi].copy()
            row[gj] = 0
            col = S[:, gj].copy()
            col[gi] = 0
            runner = float(max(row.max(initial=0), col.max(initial=0)))
            i, j = rows[gi], cols[gj]
            match_a[i] = j
            info[(i, j)] = (float(S[gi, gj]), "chain", runner)

    if n * m <= FULL_LIMIT:
        run_gap(list(range(n)), list(range(m)))
    else:
        anchors = _anchors(pool)
        prev_i, prev_j = -1, -1
        for i, j in [*anchors, (n, m)]:
            run_gap(list(range(prev_i + 1, i)), list(range(prev_j + 1, j)))
            if i < n:
                s = pool.sim(i, j)
                match_a[i] = j
                info[(i, j)] = (s, "anchor", 0.0)
                best_a[i] = max(best_a[i], s)
                best_b[j] = max(best_b[j], s)
            prev_i, prev_j = i, j

    # Leftovers that share children (an article that moved *and* lost text),
    # before splits and moves, so shared children and headings outvote one
    # big paragraph that moved alone.
    left_a = [i for i in range(n) if i not in match_a]
    used = set(match_a.values())
    left_b = [j for j in range(m) if j not in used]
    for i, j, s, how, evidence in _rescue(pool, left_a, left_b, match_a, cutoff):
        match_a[i] = j
        info[(i, j)] = (s, how, evidence)

    left_a = [i for i in range(n) if i not in match_a]
    used = set(match_a.values())
    left_b = [j for j in range(m) if j not in used]
    for i, j, s in _same_heading(pool, left_a, left_b, match_a):
        match_a[i] = j
        info[(i, j)] = (s, "heading", 0.0)

    groups = _splits_and_merges(pool, match_a, info, cutoff)
    used_a = set(match_a) | {i for g in groups for i in g[0]}
    used_b = set(match_a.values()) | {j for g in groups for j in g[1]}
    left_a = [i for i in range(n) if i not in used_a]
    left_b = [j for j in range(m) if j not in used_b]

    # Moves among what is left.
    moved: list[tuple[int, int, float, float]] = []
    if left_a and left_b:
        S, _ = pool.matrix(left_a, left_b)
        best_a[left_a] = np.maximum(best_a[left_a], S.max(axis=1))
        best_b[left_b] = np.maximum(best_b[left_b], S.max(axis=0))
        allowed = pool.move_allowed(left_a, left_b, S)
        for gi, gj, runner in greedy(S, allowed, cutoff + MOVE_EXTRA, MOVE_MARGIN):
            moved.append((left_a[gi], left_b[gj], float(S[gi, gj]), runner))
        taken_a = {x[0] for x in moved}
        taken_b = {x[1] for x in moved}
        left_a = [i for i in left_a if i not in taken_a]
        left_b = [j for j in left_b if j not in taken_b]

    pairs: list[tuple[int, RawPair]] = []
    for i, j in match_a.items():
        s, how, runner = info[(i, j)]
        pairs.append((i, RawPair((pool.A[i],), (pool.B[j],), s, how, runner)))
    for olds, news, s, how in groups:
        pairs.append(
            (
                olds[0],
                RawPair(tuple(pool.A[i] for i in olds), tuple(pool.B[j] for j in news), s, how),
            )
        )
    for i, j, s, runner in moved:
        pairs.append((i, RawPair((pool.A[i],), (pool.B[j],), s, "moved", runner)))

    pairs.sort(key=lambda p: p[0])
    best = {(0, pool.A[i]): float(best_a[i]) for i in left_a}
    best.update({(1, pool.B[j]): float(best_b[j]) for j in left_b})
    return PoolResult(
        pairs=tuple(p for _, p in pairs),
        left_old=tuple(pool.A[i] for i in left_a),
        left_new=tuple(pool.B[j] for j in left_b),
        best=best,
    )


def _rescue(
    pool: _Pool, left_a: list[int], left_b: list[int], match_a: dict[int, int], cutoff: float
) -> list[tuple[int, int, float, str, float]]:
    """Pair leftovers whose children pair up: ``[(i, j, sim, how, evidence)]``.

    Text similarity punishes an article that kept its heading and first
    paragraph but lost the rest, or that gave a long paragraph away; its
    children still match one to one.  Children of the leftovers are paired
    (best first, with a margin); two leftovers are paired when the Dice
    share of their children that pair up, mixed with heading similarity,
    reaches the cutoff.  ``how`` is ``rescue`` or, when the pair is out of
    order with the chain, ``rescue-moved``; ``evidence`` is that score.
    """
    pa, pb = pool.pa, pool.pb
    A = [(i, c) for i in left_a for c in pa.children[pool.A[i]]]
    B = [(j, c) for j in left_b for c in pb.children[pool.B[j]]]
    if not A or not B:
        return []
    sub = _Pool(pa, [c for _, c in A], pb, [c for _, c in B], cutoff)
    S, _ = sub.matrix(range(len(A)), range(len(B)))
    links: dict[tuple[int, int], int] = {}
    allowed = sub.move_allowed(range(len(A)), range(len(B)), S)
    for ci, cj, _ in greedy(S, allowed, cutoff + MOVE_EXTRA, MOVE_MARGIN):
        key = (A[ci][0], B[cj][0])
        links[key] = links.get(key, 0) + 1
    scored = []
    for (i, j), k in links.items():
        ea, eb = pool.A[i], pool.B[j]
        evidence = 2 * k / (len(pa.children[ea]) + len(pb.children[eb]))
        if pa.head[ea] and pb.head[eb]:
            evidence = 0.7 * evidence + 0.3 * Indel.normalized_similarity(pa.head[ea], pb.head[eb])
        scored.append((-evidence, i, j))
    chain_pairs = sorted(match_a.items())
    olds = [i for i, _ in chain_pairs]
    out = []
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    import bisect

    for neg, i, j in sorted(scored):
        if -neg < cutoff or i in taken_a or j in taken_b:
            continue
        taken_a.add(i)
        taken_b.add(j)
        k = bisect.bisect_left(olds, i)
        before = chain_pairs[k - 1][1] if k else -1
        after = chain_pairs[k][1] if k < len(chain_pairs) else len(pool.B)
        how = "rescue" if before < j < after else "rescue-moved"
        out.append((i, j, pool.sim(i, j), how, -neg))
    return out


#: Leftovers with the same heading (of at least two words) and the same
#: place in the order are paired down to this text similarity: an article
#: rewritten at length under its old heading is still that article.
HEADING_MIN_SIM = 0.35
HEADING_SAME = 0.95


def _same_heading(
    pool: _Pool, left_a: list[int], left_b: list[int], match_a: dict[int, int]
) -> list[tuple[int, int, float]]:
    """In-order leftovers that keep their heading and some of their text."""
    pa, pb = pool.pa, pool.pb
    cand_a = [i for i in left_a if len(pa.head[pool.A[i]]) >= 2]
    cand_b = [j for j in left_b if len(pb.head[pool.B[j]]) >= 2]
    if not cand_a or not cand_b:
        return []
    from rapidfuzz.process import cdist

    heads = cdist(
        [pa.head[pool.A[i]] for i in cand_a],
        [pb.head[pool.B[j]] for j in cand_b],
        scorer=Indel.normalized_similarity,
    )
    if not (heads >= HEADING_SAME).any():
        return []
    S, _ = pool.matrix(cand_a, cand_b)
    allowed = (heads >= HEADING_SAME) & (S >= HEADING_MIN_SIM)
    # A heading shared by several leftovers identifies none of them.
    unique = (allowed.sum(axis=1, keepdims=True) == 1) & (allowed.sum(axis=0, keepdims=True) == 1)
    chain_pairs = sorted(match_a.items())
    olds = [i for i, _ in chain_pairs]
    import bisect

    out = []
    for gi, gj in np.argwhere(allowed & unique):
        i, j = cand_a[gi], cand_b[gj]
        k = bisect.bisect_left(olds, i)
        before = chain_pairs[k - 1][1] if k else -1
        after = chain_pairs[k][1] if k < len(chain_pairs) else len(pool.B)
        if before < j < after:
            out.append((i, j, float(S[gi, gj])))
    return out


def _splits_and_merges(
    pool: _Pool,
    match_a: dict[int, int],
    info: dict[tuple[int, int], tuple[float, str, float]],
    cutoff: float,
) -> list[tuple[tuple[int, ...], tuple[int, ...], float, str]]:
    """Find 1 -> n splits and n -> 1 merges; removes the chain pairs they replace."""
    match_b = {j: i for i, j in match_a.items()}
    cands: list[tuple[float, tuple[int, ...], tuple[int, ...], str]] = []
    remainders: list[tuple[int, tuple[int, ...], tuple[tuple[int, int], ...], bool]] = []

    def windows(
        free_len: int, size_other: int, matched: dict[int, int], other_matched: dict[int, int]
    ):
        """For each item of one side, runs of consecutive items of the other side."""
        for x in range(free_len):
            y = matched.get(x)
            if y is not None:
                if info_sim(x, y, matched is match_a) >= SPLIT_RECHECK:
                    continue
                lo = y
                while (
                    lo - 1 >= 0 and (lo - 1) not in other_matched and y - (lo - 1) < SPLIT_MAX_PARTS
                ):
                    lo -= 1
                hi = y
                while (
                    hi + 1 < size_other
                    and (hi + 1) not in other_matched
                    and (hi + 1) - lo < SPLIT_MAX_PARTS
                ):
                    hi += 1
                runs = [(s, e) for s in range(lo, y + 1) for e in range(max(y, s + 1), hi + 1)]
            else:
                # Unmatched: candidates lie between the partners of its matched neighbours.
                before = [matched[k] for k in matched if k < x]
                after = [matched[k] for k in matched if k > x]
                lo = max(before) + 1 if before else 0
                hi = min(after) - 1 if after else size_other - 1
                free = [k for k in range(lo, hi + 1) if k not in other_matched][:12]
                runs = []
                for a in range(len(free)):
                    for b in range(a + 1, min(a + SPLIT_MAX_PARTS, len(free))):
                        if free[b] - free[a] == b - a:  # consecutive
                            runs.append((free[a], free[b]))
            yield x, y, runs

    def info_sim(x: int, y: int, forward: bool) -> float:
        key = (x, y) if forward else (y, x)
        return info[key][0] if key in info else 0.0

    for forward in (True, False):
        matched = match_a if forward else match_b
        other = match_b if forward else match_a
        size_self = len(pool.A) if forward else len(pool.B)
        size_other = len(pool.B) if forward else len(pool.A)
        ids_self = pool.A if forward else pool.B
        ids_other = pool.B if forward else pool.A
        for x, _, runs in windows(size_self, size_other, matched, other):
            # A unit's own text (a virtual paragraph) pairs one to one only:
            # a split or merge of it would have no single eId to name.
            if is_own_text(ids_self[x]):
                continue
            best = None
            for s, e in runs:
                parts = list(range(s, e + 1))
                if any(is_own_text(ids_other[k]) for k in parts):
                    continue
                if forward:
                    whole_text = pool.pa.full[pool.A[x]]
                    piece_texts = [pool.pb.full[pool.B[k]] for k in parts]
                else:
                    whole_text = pool.pb.full[pool.B[x]]
                    piece_texts = [pool.pa.full[pool.A[k]] for k in parts]
                # Every piece must come from the whole: most of its words in
                # sequence within it (an unrelated new neighbour does not).
                if min(_containment(p, whole_text) for p in piece_texts) < SPLIT_CONTAIN:
                    continue
                singles = [pool.sim(x, k) if forward else pool.sim(k, x) for k in parts]
                if forward:
                    whole = pair_similarity(
                        pool.pa, [pool.A[x]], pool.pb, [pool.B[k] for k in parts]
                    )
                else:
                    whole = pair_similarity(
                        pool.pa, [pool.A[k] for k in parts], pool.pb, [pool.B[x]]
                    )
                gain = min(SPLIT_GAIN, (1.0 - max(singles)) / 2)
                if (
                    whole >= max(SPLIT_MIN, cutoff)
                    and whole >= max(singles) + gain
                    and whole > max(singles)
                ):
                    if best is None or whole > best[0]:
                        best = (whole, parts)
            if best is not None:
                kept = _remainders(pool, x, best[1], forward, matched)
                if kept:
                    remainders.append((x, tuple(best[1]), tuple(kept), forward))
                    best = None
            if best is not None:
                if forward:
                    cands.append((best[0], (x,), tuple(best[1]), "split"))
                else:
                    cands.append((best[0], tuple(best[1]), (x,), "merge"))

    _resolve_remainders(pool, remainders, match_a, info)
    match_b = {j: i for i, j in match_a.items()}
    out = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for s, olds, news, how in sorted(cands, key=lambda c: (-c[0], c[1], c[2])):
        if used_a.intersection(olds) or used_b.intersection(news):
            continue
        used_a.update(olds)
        used_b.update(news)
        out.append((olds, news, s, how))
    for olds, news, _, _ in out:
        for i in olds:
            match_a.pop(i, None)
        for j in news:
            owner = match_b.get(j)
            if owner is not None and match_a.get(owner) == j:
                del match_a[owner]
    return out
