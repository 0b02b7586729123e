"""Text similarity between provisions, computed as whole matrices with RapidFuzz.

Each provision is reduced to *word codes*: every distinct word of the two
documents gets one code point, so a provision becomes a short string of
"letters" and RapidFuzz's Indel ratio on those strings is a word-level LCS
ratio (the trick ``xml_diff`` uses with diff-match-patch).  Matrices come from
:func:`rapidfuzz.process.cdist`, so no Python loop runs over all pairs.

Treaties repeat formulas ("Each State Party shall adopt such legislative and
other measures as may be necessary ...") in dozens of provisions.  Such text
says nothing about *which* provision is which, so every word covered only by
word 4-grams that occur in two or more provisions of a document is set
aside: the *distinctive* string keeps the rest.  The similarity mixes the
ratio of the full strings (30 %) with the share of each side's distinctive
words found, in order, in the other side's full text (70 %); a heading, when
both have one, counts for 15 %; an article that kept its text but grew
fivefold still scores 0.8 times the share of its old words kept.

>>> from treatydiff.model import Document, Provision
>>> def one(number, text):
...     return Document.build(title=number, provisions=[
...         Provision(kind="article", number=number, text=text)])
>>> a, b = one("1", "Each Party shall act."), one("7", "Each Party shall act now.")
>>> vocab = Vocabulary([a, b])
>>> pa, pb = DocProfile(a, vocab), DocProfile(b, vocab)
>>> round(float(similarity_matrix(pa, ["art_1"], pb, ["art_7"])[0, 0]), 2)
0.89
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist

from treatydiff.model import CONTAINER_KINDS, UNIT_KINDS, Document, Provision

__all__ = [
    "DIST_WEIGHT",
    "HEADING_WEIGHT",
    "DocProfile",
    "Vocabulary",
    "combine",
    "pair_similarity",
    "similarity_matrix",
]

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")

#: Word n-gram size used to find repeated formulas.
SHINGLE = 4
#: Share of the text similarity given to the distinctive (non-boilerplate) words.
DIST_WEIGHT = 0.7
#: Share of the similarity given to the heading when both provisions have one.
HEADING_WEIGHT = 0.15
#: Weight of containment (one text kept whole inside a much longer one), and
#: the fewest distinctive words the contained side needs for it to count.
CONTAIN_WEIGHT = 0.8
CONTAIN_MIN_WORDS = 12


class Vocabulary:
    """Maps each distinct word to one code point, shared by the documents compared.

    It also holds the *boilerplate*: word 4-grams found in the own text of two
    or more provisions of any of ``documents``.  The set is shared so that
    identical texts get identical distinctive strings in both documents.

    Each word has two codes.  The *canonical* one (``encode``) is given in
    order of first use from U+0100.  The *fast* one (``encode_both``) is the
    same, except that the 255 most frequent words of ``documents`` get
    U+0001..U+00FF: RapidFuzz looks characters below 256 up in a plain table
    and the others in a hash map, so the same LCS runs about 2.5 times faster
    on fast strings.  Both codings are one-to-one, so every LCS, ratio and
    distance is the same; fast strings are only ever compared with each
    other (a canonical string may meet raw text, such as a container's
    number, where a small code could equal a real character).
    """

    def __init__(self, documents: Sequence[Document] = ()) -> None:
        self._codes: dict[str, str] = {}
        self._fast: dict[str, str] = {}
        #: words of each text seen, so that DocProfile need not split it again
        self._words: dict[str, list[str]] = {}
        self.boilerplate: set[tuple[str, ...]] = set()
        freq: Counter[str] = Counter()
        for doc in documents:
            seen: set[tuple[str, ...]] = set()  # 4-grams of the provisions so far
            again: set[tuple[str, ...]] = set()  # ... found in two provisions or more
            for node in doc.walk():
                ws = self.words(node.text)
                freq.update(ws)
                if len(ws) >= SHINGLE:
                    grams = set(zip(ws, ws[1:], ws[2:], ws[3:], strict=False))
                    again |= grams & seen
                    seen |= grams
            self.boilerplate |= again
        # code 0 stays unused: "\x00" separates fields in keys built from codes
        self._small = {w: chr(i) for i, (w, _) in enumerate(freq.most_common(255), start=1)}

    def words(self, text: str | None) -> list[str]:
        """:func:`words` of ``text``, remembered (the caller must not change the list)."""
        if not text:
            return []
        ws = self._words.get(text)
        if ws is None:
            ws = self._words[text] = words(text)
        return ws

    def _new(self, w: str) -> str:
        n = len(self._codes) + 0x100
        if n >= 0xD800:  # skip the surrogate block: not valid in a str for RapidFuzz
            n += 0x800
        c = self._codes[w] = chr(n)
        self._fast[w] = self._small.get(w, c)
        return c

    def encode(self, words: Sequence[str]) -> str:
        """The canonical code string of ``words``."""
        codes = self._codes
        return "".join([codes.get(w) or self._new(w) for w in words])

    def encode_both(self, words: Sequence[str]) -> tuple[str, str]:
        """(canonical, fast) code strings of ``words``."""
        canonical = self.encode(words)
        fast = self._fast
        return canonical, "".join([fast[w] for w in words])


def words(text: str | None) -> list[str]:
    """Lower-cased words (letters and digits) of a text."""
    return _WORD.findall(text.lower()) if text else []


def is_container(node: Provision) -> bool:
    """Chapters, parts and titles; a ``section`` that holds articles is one too."""
    if node.kind in CONTAINER_KINDS:
        return True
    return node.kind == "section" and any(
        c.kind in UNIT_KINDS or c.kind in CONTAINER_KINDS for c in node.children
    )


class DocProfile:
    """Everything the aligner needs to know about one document's provisions.

    Keyed by eId: ``full`` (word codes of the provision's text and all its
    descendants' texts, labels left out so renumbering costs nothing),
    ``dist`` (the same without boilerplate), ``fast_full`` and ``fast_dist``
    (the same two in the vocabulary's fast codes, which only RapidFuzz
    compares, with each other), ``head`` (heading), ``number``
    (normalised), ``norm`` (whitespace-normalised heading and texts, to tell
    unchanged from changed), ``parent``, ``pos`` (pre-order index) and
    ``children``.
    """

    def __init__(self, doc: Document, vocab: Vocabulary) -> None:
        self.doc = doc
        self.nodes: dict[str, Provision] = {}
        self.parent: dict[str, str | None] = {}
        self.pos: dict[str, int] = {}
        self.children: dict[str, tuple[str, ...]] = {}
        self.container: dict[str, bool] = {}
        own_words: dict[str, list[str]] = {}
        for i, (node, parents) in enumerate(doc.walk_with_parents()):
            eid = node.eid
            self.nodes[eid] = node
            self.parent[eid] = parents[-1].eid if parents else None
            self.pos[eid] = i
            self.children[eid] = tuple(c.eid for c in node.children)
            self.container[eid] = is_container(node)
            own_words[eid] = vocab.words(node.text)

        boiler = vocab.boilerplate
        own_full: dict[str, str] = {}
        own_dist: dict[str, str] = {}
        fast_full: dict[str, str] = {}
        fast_dist: dict[str, str] = {}
        for eid, ws in own_words.items():
            if len(ws) < SHINGLE:
                kept = ws
            else:
                # A word is distinctive when some 4-gram holding it is not
                # boilerplate: word t is in grams t-3 .. t.
                grams = zip(ws, ws[1:], ws[2:], ws[3:], strict=False)
                fresh = [g not in boiler for g in grams]
                if all(fresh):
                    kept = ws
                elif not any(fresh):
                    kept = []
                else:
                    f = [False, False, False, *fresh, False, False, False]
                    kept = [
                        w
                        for w, a, b, c, d in zip(ws, f, f[1:], f[2:], f[3:], strict=False)
                        if a or b or c or d
                    ]
            own_full[eid], fast_full[eid] = vocab.encode_both(ws)
            own_dist[eid], fast_dist[eid] = vocab.encode_both(kept)

        self._own_full, self._own_dist = own_full, own_dist
        self._own_fast_full, self._own_fast_dist = fast_full, fast_dist
        self.full: dict[str, str] = {}
        self.dist: dict[str, str] = {}
        #: ``full`` and ``dist`` in the vocabulary's fast codes (for RapidFuzz only)
        self.fast_full: dict[str, str] = {}
        self.fast_dist: dict[str, str] = {}
        self.norm: dict[str, str] = {}
        self.head: dict[str, str] = {}
        self.number: dict[str, str] = {}
        # Post-order so children are ready before their parent.
        for eid in reversed(list(self.nodes)):
            node = self.nodes[eid]
            kids = self.children[eid]
            if kids:
                self.full[eid] = own_full[eid] + "".join([self.full[k] for k in kids])
                self.dist[eid] = own_dist[eid] + "".join([self.dist[k] for k in kids])
                self.fast_full[eid] = fast_full[eid] + "".join([self.fast_full[k] for k in kids])
                self.fast_dist[eid] = fast_dist[eid] + "".join([self.fast_dist[k] for k in kids])
            else:
                self.full[eid], self.dist[eid] = own_full[eid], own_dist[eid]
                self.fast_full[eid], self.fast_dist[eid] = fast_full[eid], fast_dist[eid]
            own = " ".join(p for p in (node.heading, node.text) if p)
            self.norm[eid] = " ".join(
                # (str.split and re's \s agree on every code point: checked)
                [" ".join(own.split()), *(self.norm[k] for k in kids)]
            ).strip()
            self.head[eid] = vocab.encode(vocab.words(node.heading))
            self.number[eid] = (node.number or "").strip().strip(".()").lower()

    def units(self) -> list[str]:
        """eIds of the quotable units (articles, sections, preamble, annexes...) in order.

        A unit is the outermost provision that is not a container.
        """
        out: list[str] = []

        def rec(node: Provision) -> None:
            if self.container[node.eid]:
                for c in node.children:
                    rec(c)
            else:
                out.append(node.eid)

        for top in self.doc.provisions:
            rec(top)
        return out

    def containers(self) -> list[str]:
        return [eid for eid in self.nodes if self.container[eid]]

    def own_text(self, eid: str, kind: str) -> str | None:
        """Key of a *virtual* provision holding only the own text of ``eid``, or None.

        Paragraph alignment treats a unit's own text as one more child of
        ``kind`` in front of its real children, so that a sole paragraph "1."
        that lost its number (and became the article's text) pairs with that
        text.  The key (``eid`` + :data:`OWN_TEXT`) never leaves the aligner:
        a pair involving it becomes a cross-level :class:`~treatydiff.model.Match`.
        Returns None when ``eid`` has no words of its own.
        """
        if not self._own_full.get(eid):
            return None
        key = eid + OWN_TEXT
        node = self.nodes.get(key)
        if node is None or node.kind != kind:
            unit = self.nodes[eid]
            self.nodes[key] = Provision(kind=kind, text=unit.text, eid=key)
            self.parent[key] = eid
            self.pos[key] = self.pos[eid]
            self.children[key] = ()
            self.container[key] = False
            self.full[key] = self._own_full[eid]
            self.dist[key] = self._own_dist[eid]
            self.fast_full[key] = self._own_fast_full[eid]
            self.fast_dist[key] = self._own_fast_dist[eid]
            self.norm[key] = _SPACE.sub(" ", unit.text or "").strip()
            self.head[key] = ""
            self.number[key] = ""
        return key


#: Suffix of the key of a unit's own text seen as a virtual paragraph.
OWN_TEXT = "#text"


def is_own_text(key: str) -> bool:
    """True for a key made by :meth:`DocProfile.own_text`."""
    return key.endswith(OWN_TEXT)


def owner_of(key: str) -> str:
    """The unit eId behind a :meth:`DocProfile.own_text` key (``key`` itself otherwise)."""
    return key[: -len(OWN_TEXT)] if key.endswith(OWN_TEXT) else key


def combine(
    full: np.ndarray,
    dist: np.ndarray,
    head: np.ndarray,
    dist_ok: np.ndarray,
    head_ok: np.ndarray,
    contained: np.ndarray | None = None,
) -> np.ndarray:
    """Mix full-text, distinctive-text and heading ratios into one similarity.

    ``dist_ok`` marks pairs where either side keeps distinctive words,
    ``head_ok`` pairs where both have a heading.  ``contained`` is the share
    of one side's distinctive words found in the other: an article that
    grew fivefold but kept its old text scores :data:`CONTAIN_WEIGHT` times
    that share at least.  Identical provisions score 1.
    """
    text = np.where(dist_ok, (1 - DIST_WEIGHT) * full + DIST_WEIGHT * dist, full)
    if contained is not None:
        text = np.maximum(text, CONTAIN_WEIGHT * contained)
    return np.where(head_ok, (1 - HEADING_WEIGHT) * text + HEADING_WEIGHT * head, text)


#: Ratios below this are reported as 0: they carry no evidence of identity,
#: and the cutoff lets RapidFuzz skip hopeless pairs (very different lengths).
RATIO_FLOOR = 0.2


def _ratio(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    return cdist(
        a, b, scorer=Indel.normalized_similarity, dtype=np.float32, score_cutoff=RATIO_FLOOR
    )


def similarity_matrix(
    pa: DocProfile, ea: Sequence[str], pb: DocProfile, eb: Sequence[str]
) -> np.ndarray:
    """Similarity in [0, 1] of every provision ``ea`` of ``pa`` with every ``eb`` of ``pb``."""
    if not ea or not eb:
        return np.zeros((len(ea), len(eb)), dtype=np.float32)
    fa, fb = [pa.fast_full[e] for e in ea], [pb.fast_full[e] for e in eb]
    da, db = [pa.fast_dist[e] for e in ea], [pb.fast_dist[e] for e in eb]
    ha, hb = [pa.head[e] for e in ea], [pb.head[e] for e in eb]
    ga, gb = [pa.full[e] for e in ea], [pb.full[e] for e in eb]
    return _similarity(fa, da, ha, fb, db, hb, ga, gb)


def _lcs(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    """Length of the longest common subsequence of every pair (from the Indel distance)."""
    dist = cdist(a, b, scorer=Indel.distance, dtype=np.int32)
    la = np.array([len(x) for x in a], dtype=np.int32)
    lb = np.array([len(x) for x in b], dtype=np.int32)
    return (la[:, None] + lb[None, :] - dist) / 2


@functools.lru_cache(maxsize=1 << 16)
def _bigram_set(codes: str) -> np.ndarray:
    """The distinct word pairs of a (canonically) coded text, as a sorted array.

    Each pair is one exact integer (the first code shifted past the second:
    code points are below 2**21).  An earlier fold into a million values
    collided often (it was ``3a + b`` modulo a million), and since codes are
    given in order of first use, which pairs collided depended on which
    document came first: aligning B with A did not mirror A with B.
    """
    o = np.frombuffer(codes.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    n = (o[:-1] << 21) | o[1:]
    out = np.unique(n)
    out.flags.writeable = False  # shared through the cache
    return out


@functools.lru_cache(maxsize=1 << 16)
def _bigram_frozen(codes: str) -> frozenset[int]:
    """:func:`_bigram_set` as a frozenset."""
    return frozenset(_bigram_set(codes).tolist())


#: Up to this many pairs, shared word pairs are counted with Python sets.
SMALL_PAIRS = 64


def _shared(a: Sequence[np.ndarray], b: Sequence[np.ndarray]) -> np.ndarray:
    """How many values each sorted set of ``a`` shares with each of ``b`` (float64 matrix).

    Sets become rows of bits over the values present on both sides, and
    each pair is one AND and a population count.
    """
    out = np.zeros((len(a), len(b)))
    if not len(a) or not len(b):
        return out
    cat_a, cat_b = np.concatenate(a), np.concatenate(b)
    values = np.intersect1d(cat_a, cat_b)
    if not len(values):
        return out
    words = (len(values) + 63) // 64

    def bits(sets: Sequence[np.ndarray], cat: np.ndarray) -> np.ndarray:
        rows = np.repeat(np.arange(len(sets)), [len(x) for x in sets])
        col = np.searchsorted(values, cat)
        col[col == len(values)] = 0
        hit = values[col] == cat
        m = np.zeros((len(sets), words * 64), dtype=bool)
        m[rows[hit], col[hit]] = True
        return np.packbits(m, axis=1, bitorder="little").view(np.uint64)

    pa, pb = bits(a, cat_a), bits(b, cat_b)
    # rows of ``a`` in blocks, so that the AND never holds more than ~1M words
    step = max(1, (1 << 20) // max(1, len(b) * words))
    for i in range(0, len(a), step):
        both = pa[i : i + step, None, :] & pb[None, :, :]
        out[i : i + step] = np.bitwise_count(both).sum(axis=2, dtype=np.int64)
    return out


def _similarity(fa, da, ha, fb, db, hb, ga, gb) -> np.ndarray:
    """``f``/``d``: fast full and distinctive strings; ``h`` headings; ``g`` canonical full."""
    full = _ratio(fa, fb)
    # The distinctive part: how many of either side's distinctive words find
    # their place, in order, in the other side's full text.  Measured against
    # the other's *full* text so that a formula reworded on one side (no longer
    # recognised as a formula there) still finds its words on the other.
    len_da = np.array([len(x) for x in da], dtype=np.float64)
    len_db = np.array([len(x) for x in db], dtype=np.float64)
    total = len_da[:, None] + len_db[None, :]
    dist_ok = total > 0
    contained = np.zeros_like(total)
    if dist_ok.any():
        found_a, found_b = _lcs(da, fb), _lcs(fa, db)
        dist = np.divide(found_a + found_b, total, out=np.zeros_like(total), where=dist_ok)
        long_a = (len_da >= CONTAIN_MIN_WORDS)[:, None]
        long_b = (len_db >= CONTAIN_MIN_WORDS)[None, :]
        if long_a.any() or long_b.any():
            # In-order words alone overrate containment in a long text (any
            # 30 words of German find most of their "der", "die", "nach" in
            # 700 words), so the share of word *pairs* found caps it.
            if len(ga) * len(gb) <= SMALL_PAIRS:
                # a few pairs (splits, merges, single checks): sets beat bit rows
                sa, sb = [_bigram_frozen(x) for x in ga], [_bigram_frozen(x) for x in gb]
                counts = [[len(x & y) for y in sb] for x in sa]
                shared = np.array(counts, dtype=np.float64).reshape(len(sa), len(sb))
                size_a, size_b = [len(x) for x in sa], [len(x) for x in sb]
            else:
                ba, bb = [_bigram_set(x) for x in ga], [_bigram_set(x) for x in gb]
                shared = _shared(ba, bb)
                size_a, size_b = [len(x) for x in ba], [len(x) for x in bb]
            nba = np.array([max(n, 1) for n in size_a], dtype=np.float64)
            nbb = np.array([max(n, 1) for n in size_b], dtype=np.float64)
            in_b = np.minimum(found_a / np.maximum(len_da, 1)[:, None], shared / nba[:, None])
            in_a = np.minimum(found_b / np.maximum(len_db, 1)[None, :], shared / nbb[None, :])
            contained = np.maximum(np.where(long_a, in_b, 0.0), np.where(long_b, in_a, 0.0))
    else:
        dist = np.zeros_like(total)
    head_ok = np.outer([bool(x) for x in ha], [bool(x) for x in hb])
    head = _ratio(ha, hb) if head_ok.any() else np.zeros_like(full)
    # Two provisions with no words at all (a bare "Article 7" label) carry no
    # textual evidence: leave them at 0 so numbers and position decide.
    empty = np.outer([not x for x in fa], [not x for x in fb])
    sim = combine(full, dist, head, dist_ok, head_ok, contained)
    return np.where(empty & ~head_ok, 0.0, sim).astype(np.float32)


def pair_similarity(pa: DocProfile, ea: Sequence[str], pb: DocProfile, eb: Sequence[str]) -> float:
    """Similarity of the concatenation of ``ea`` with the concatenation of ``eb``.

    Used to test splits and merges: one old provision against several
    consecutive new ones read as one text.  Headings are those of the first.
    """
    fa = "".join([pa.fast_full[e] for e in ea])
    fb = "".join([pb.fast_full[e] for e in eb])
    da = "".join([pa.fast_dist[e] for e in ea])
    db = "".join([pb.fast_dist[e] for e in eb])
    ga = "".join([pa.full[e] for e in ea])
    gb = "".join([pb.full[e] for e in eb])
    heads = [pa.head[ea[0]]], [pb.head[eb[0]]]
    return float(_similarity([fa], [da], heads[0], [fb], [db], heads[1], [ga], [gb])[0, 0])
