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
    """

    def __init__(self, documents: Sequence[Document] = ()) -> None:
        self._codes: dict[str, str] = {}
        self.boilerplate: set[tuple[str, ...]] = set()
        for doc in documents:
            df: Counter[tuple[str, ...]] = Counter()
            for node in doc.walk():
                ws = words(node.text)
                if len(ws) >= SHINGLE:
                    df.update({tuple(ws[k : k + SHINGLE]) for k in range(len(ws) - SHINGLE + 1)})
            self.boilerplate.update(g for g, n in df.items() if n >= 2)

    def encode(self, words: Sequence[str]) -> str:
        codes = self._codes
        out = []
        for w in words:
            c = codes.get(w)
            if c is None:
                n = len(codes) + 0x100
                if n >= 0xD800:  # skip the surrogate block: not valid in a str for RapidFuzz
                    n += 0x800
                c = codes[w] = chr(n)
            out.append(c)
        return "".join(out)


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
    ``dist`` (the same without boilerplate), ``head`` (heading), ``number``
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
            own_words[eid] = words(node.text)

        boiler = vocab.boilerplate
        own_full: dict[str, str] = {}
        own_dist: dict[str, str] = {}
        for eid, ws in own_words.items():
            keep = [False] * len(ws)
            if len(ws) < SHINGLE:
                keep = [True] * len(ws)
            else:
                for k in range(len(ws) - SHINGLE + 1):
                    if tuple(ws[k : k + SHINGLE]) not in boiler:
                        for t in range(k, k + SHINGLE):
                            keep[t] = True
            own_full[eid] = vocab.encode(ws)
            own_dist[eid] = vocab.encode([w for w, k in zip(ws, keep, strict=True) if k])

        self._own_full, self._own_dist = own_full, own_dist
        self.full: dict[str, str] = {}
        self.dist: dict[str, str] = {}
        self.norm: dict[str, str] = {}
        self.head: dict[str, str] = {}
        self.number: dict[str, str] = {}
        # Post-order so children are ready before their parent.
        for eid in reversed(list(self.nodes)):
            node = self.nodes[eid]
            kids = self.children[eid]
            self.full[eid] = own_full[eid] + "".join(self.full[k] for k in kids)
            self.dist[eid] = own_dist[eid] + "".join(self.dist[k] for k in kids)
            own = " ".join(p for p in (node.heading, node.text) if p)
            self.norm[eid] = " ".join(
                [_SPACE.sub(" ", own).strip(), *(self.norm[k] for k in kids)]
            ).strip()
            self.head[eid] = vocab.encode(words(node.heading))
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
    fa, fb = [pa.full[e] for e in ea], [pb.full[e] for e in eb]
    da, db = [pa.dist[e] for e in ea], [pb.dist[e] for e in eb]
    ha, hb = [pa.head[e] for e in ea], [pb.head[e] for e in eb]
    return _similarity(fa, da, ha, fb, db, hb)


def _lcs(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    """Length of the longest common subsequence of every pair (from the Indel distance)."""
    dist = cdist(a, b, scorer=Indel.distance, dtype=np.int32)
    la = np.array([len(x) for x in a], dtype=np.int32)
    lb = np.array([len(x) for x in b], dtype=np.int32)
    return (la[:, None] + lb[None, :] - dist) / 2


@functools.lru_cache(maxsize=1 << 16)
def _bigram_set(codes: str) -> str:
    """The distinct word pairs of a coded text, as a *sorted* string of code points.

    Two sorted strings without repeats have a longest common subsequence
    exactly as long as their intersection, so RapidFuzz's Indel distance
    counts shared word pairs for a whole matrix at once.  Pairs are folded
    into a million code points; a rare collision only adds a shared pair.
    """
    out = set()
    for k in range(len(codes) - 1):
        n = (ord(codes[k]) * 1_000_003 + ord(codes[k + 1])) % 1_000_000 + 0x100
        if n >= 0xD800:
            n += 0x800
        out.add(n)
    return "".join(map(chr, sorted(out)))


def _similarity(fa, da, ha, fb, db, hb) -> np.ndarray:
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
            ba, bb = [_bigram_set(x) for x in fa], [_bigram_set(x) for x in fb]
            shared = _lcs(ba, bb)
            nba = np.array([max(len(x), 1) for x in ba], dtype=np.float64)
            nbb = np.array([max(len(x), 1) for x in bb], dtype=np.float64)
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
    fa = "".join(pa.full[e] for e in ea)
    fb = "".join(pb.full[e] for e in eb)
    da = "".join(pa.dist[e] for e in ea)
    db = "".join(pb.dist[e] for e in eb)
    return float(_similarity([fa], [da], [pa.head[ea[0]]], [fb], [db], [pb.head[eb[0]]])[0, 0])
