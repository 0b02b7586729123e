"""Redline HTML: one self-contained file showing what changed between two drafts.

The page follows the *new* text, with deleted provisions at the place their old
neighbours map to.  Each aligned provision is diffed word by word
(:func:`treatydiff.diff.diff_words`); renumbered, moved, split and merged
provisions are tagged, and moved ones are linked both ways.  Two views share
the file (inline ``<ins>``/``<del>``, and side by side), switched by radio
buttons that need no script; findings are highlighted where their evidence
stands and can be filtered by category and direction with checkboxes.

The file loads nothing: its Content-Security-Policy forbids every remote load
and allows only its own stylesheet, by hash.  All document text is escaped.

>>> from treatydiff.model import Alignment, Document, Match, Provision
>>> old = Document.build(title="Draft 1", provisions=[
...     Provision(kind="article", number="1", label="Article 1", text="Each Party shall act.")])
>>> new = Document.build(title="Draft 2", provisions=[
...     Provision(kind="article", number="1", label="Article 1", text="Each Party may act.")])
>>> m = Match(old=("art_1",), new=("art_1",), kind="changed", score=1.0, method="address",
...           level="article", text_changed=True)
>>> page = redline(Alignment(old=old, new=new, matches=(m,)))
>>> "<del><span class=\\"sr ui\\">[deleted: </span>shall" in page
True
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import os
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from treatydiff._citation import cite_chain
from treatydiff.diff import DiffOp, diff_words, normalise, normalise_with_map
from treatydiff.errors import RenderError, TreatydiffError
from treatydiff.model import KINDS, MATCH_KINDS, Alignment, Document, Finding, Match, Provision

__all__ = [
    "Redline",
    "alignment_html",
    "history_html",
    "redline",
]

#: Kinds whose provisions get a heading element (and a section) of their own.
HEADED_KINDS = frozenset(
    {"preamble", "part", "title", "chapter", "section", "article", "annex", "conclusions", "note"}
)

#: Tag text shown beside a provision for each match kind ("unchanged" shows none).
KIND_LABELS = {
    "changed": "changed",
    "renumbered": "renumbered",
    "moved": "moved",
    "split": "split",
    "merged": "merged",
    "inserted": "inserted",
    "deleted": "deleted",
}


def _escape(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def _css() -> str:
    return resources.files("treatydiff.render").joinpath("redline.css").read_text("utf-8")


# -- the intermediate tree ---------------------------------------------------------


@attrs.frozen
class _Seg:
    """A run of one diff op, with the findings whose evidence covers it."""

    op: str
    text: str
    findings: tuple[int, ...] = ()
    #: for a sentence moved from one place to another: (move number, "from"|"to")
    move: tuple[int, str] | None = None


@attrs.frozen
class _Unit:
    """One diffed piece of a provision: its label, heading or own text."""

    name: str
    segs: tuple[_Seg, ...]

    @property
    def changed(self) -> bool:
        return any(op != "equal" and text.strip() for op, text in _runs(self.segs))

    def side(self, side: str) -> str:
        skip = "insert" if side == "old" else "delete"
        return "".join(s.text for s in self.segs if s.op != skip)


def _runs(segs: Iterable[_Seg]) -> Iterator[tuple[str, str]]:
    """(op, text) of each maximal run of one op (highlights cut runs into segments)."""
    op = ""
    parts: list[str] = []
    for seg in segs:
        if seg.op != op and parts:
            yield op, "".join(parts)
            parts = []
        op = seg.op
        parts.append(seg.text)
    if parts:
        yield op, "".join(parts)


def _changes(units: Iterable[_Unit], op: str) -> int:
    """How many runs of ``op`` carry words (spacing-only runs are layout)."""
    return sum(1 for u in units for o, text in _runs(u.segs) if o == op and text.strip())


@attrs.frozen
class _Note:
    """A line under a provision: ``text`` with optional links (label, href-target)."""

    text: str
    links: tuple[tuple[str, str], ...] = ()


@attrs.frozen
class _Item:
    """One provision as shown: a *block* in the new text, or at an old place a
    *ghost* (deleted whole) or *stub* (moved, split or merged away)."""

    role: str
    kind: str
    prov: Provision  # the new provision for a block, the old one otherwise
    olds: tuple[Provision, ...]
    anchors: tuple[str, ...]  # old eIds whose place this block is
    units: tuple[_Unit, ...]
    notes: tuple[_Note, ...]
    tags: tuple[str, ...]
    children: tuple[_Item, ...]
    depth: int

    @property
    def anchor(self) -> str:
        return ("new-" if self.role == "block" else "old-") + self.prov.eid

    def walk(self) -> Iterator[_Item]:
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def changed(self) -> bool:
        return self.kind != "unchanged" or any(u.changed for u in self.units)


# -- building the tree ---------------------------------------------------------------


def _is_moved(m: Match) -> bool:
    return m.kind == "moved" or m.moved


class _Builder:
    """Walks the new document, placing old provisions that have no home there."""

    def __init__(self, alignment: Alignment, findings: Sequence[Finding]) -> None:
        self.a = alignment
        self.old_index = {p.eid: p for p in alignment.old.walk()}
        self.new_index = {p.eid: p for p in alignment.new.walk()}
        self.by_old: dict[str, Match] = {}
        self.by_new: dict[str, Match] = {}
        # Text that changed level (Match.cross_level): the unit named on its
        # own-text side keeps its own match; only its text is diffed elsewhere.
        self.text_old: dict[str, Match] = {}
        self.text_new: dict[str, Match] = {}
        for m in alignment.matches:
            for e in m.old:
                (self.text_old if m.own_text_old else self.by_old).setdefault(e, m)
            for e in m.new:
                (self.text_new if m.own_text_new else self.by_new).setdefault(e, m)
        self.ranges = _finding_ranges(alignment, findings)
        self._split_cache: dict[int, dict[str, tuple[_Seg, ...]]] = {}
        #: the kind each match is shown as (a "changed" match whose diff is
        #: layout only is shown, and counted, as unchanged)
        self.effective: dict[int, str] = {}
        self._names: dict[tuple[str, str], str] = {}
        self._chains: dict[str, dict[str, tuple[Provision, ...]]] = {}

    # -- naming
    def name(self, side: str, eid: str) -> str:
        """The printed citation of a provision ("Article 24(2)(b)"), memoised."""
        key = (side, eid)
        if key not in self._names:
            self._names[key] = self._cite(side, eid)
        return self._names[key]

    def _cite(self, side: str, eid: str) -> str:
        doc = self.a.old if side == "old" else self.a.new
        chains = self._chains.get(side)
        if chains is None:
            chains = {p.eid: ps for p, ps in doc.walk_with_parents()}
            self._chains[side] = chains
        if eid not in chains:
            return eid
        if eid:
            # What Document.citation gives, from the ancestors already at hand.
            try:
                return cite_chain((*chains[eid], self.index(side)[eid]))
            except (TreatydiffError, ValueError, KeyError, IndexError):
                return self.index(side)[eid].title
        # Document.citation walks the whole tree; a document that holds only this
        # provision's chain of ancestors gives the same citation at a fraction.
        node = attrs.evolve(self.index(side)[eid], children=())
        for parent in reversed(chains[eid]):
            node = attrs.evolve(parent, children=(node,))
        try:
            return attrs.evolve(doc, provisions=(node,)).citation(eid)
        except (TreatydiffError, ValueError, KeyError, IndexError):
            return self.index(side)[eid].title

    def index(self, side: str) -> dict[str, Provision]:
        return self.old_index if side == "old" else self.new_index

    # -- traversal
    def build(self) -> tuple[_Item, ...]:
        return self.children(self.a.new.provisions, self.a.old.provisions, 0)

    def children(
        self,
        new_kids: Sequence[Provision],
        old_kids: Sequence[Provision],
        depth: int,
        parent_kind: str = "",
    ) -> tuple[_Item, ...]:
        position = {n.eid: i for i, n in enumerate(new_kids)}
        anchors: dict[str, list[str]] = {n.eid: [] for n in new_kids}
        after: dict[int, list[_Item]] = {}
        last = -1
        for o in old_kids:
            m = self.by_old.get(o.eid)
            home = None
            if m is not None and m.kind != "deleted" and not _is_moved(m):
                here = [position[e] for e in m.new if e in position]
                if here:
                    home = min(here)
            if home is not None:
                anchors[new_kids[home].eid].append(o.eid)
                last = home
            else:
                after.setdefault(last, []).append(self.ghost(o, m, depth, parent_kind))
        out: list[_Item] = list(after.get(-1, ()))
        context = {o.eid for o in old_kids}
        for i, n in enumerate(new_kids):
            out.append(self.block(n, tuple(anchors[n.eid]), context, depth, parent_kind))
            out.extend(after.get(i, ()))
        return tuple(out)

    def old_kids_for(self, n: Provision, m: Match | None) -> tuple[Provision, ...]:
        if m is None or m.own_text_old:
            # a paragraph that was an article's text: that article's children are elsewhere
            return ()
        olds = [self.old_index[e] for e in m.old if e in self.old_index]
        kids = [c for o in olds for c in o.children]
        pieces = [self.new_index[e] for e in m.new if e in self.new_index]
        if len(pieces) <= 1:
            return tuple(c for c in kids if not self._is_text_of(c, n))
        # A split: give each old child to the piece that holds its match; the rest
        # (deleted, moved away) stand in the first piece.
        piece_kids = {p.eid: {c.eid for c in p.children} for p in pieces}

        def owner(c: Provision) -> str:
            mm = self.by_old.get(c.eid)
            if mm is not None and mm.kind != "deleted":
                for p in pieces:
                    if piece_kids[p.eid].intersection(mm.new) or mm.own_text_new == p.eid:
                        return p.eid
            return pieces[0].eid

        return tuple(c for c in kids if owner(c) == n.eid and not self._is_text_of(c, n))

    def _is_text_of(self, c: Provision, n: Provision) -> bool:
        """Whether old ``c`` became the own text of ``n`` (shown in ``n``'s text diff)."""
        mm = self.by_old.get(c.eid)
        return mm is not None and mm.own_text_new == n.eid

    def block(
        self,
        n: Provision,
        anchors: tuple[str, ...],
        context: set[str],
        depth: int,
        parent_kind: str = "",
    ) -> _Item:
        """A provision of the new text; ``context`` holds the old eIds placed among its
        siblings (an old provision outside it stands elsewhere, as a stub)."""
        m = self.by_new.get(n.eid)
        olds = tuple(self.old_index[e] for e in m.old if e in self.old_index) if m else ()
        kind = m.kind if m is not None else "inserted"
        if m is not None and not olds and kind != "inserted":
            kind = "inserted"  # a match whose old side names nothing we know
        pieces = [e for e in m.new if e in self.new_index] if m else [n.eid]
        first = not pieces or pieces[0] == n.eid
        units = self.units(n, olds, m, first)
        if kind == "changed" and not any(u.changed for u in units) and not (m and m.renumbered):
            # the aligner saw a difference that the word diff shows to be layout only
            kind = "unchanged"
        if m is not None:
            self.effective[id(m)] = kind
        notes: list[_Note] = []
        tags: list[str] = []
        if kind in KIND_LABELS and not (kind == "inserted" and parent_kind == "inserted"):
            tags.append(KIND_LABELS[kind])
        if m is not None:
            if m.renumbered and kind != "renumbered":
                tags.append("renumbered")
            if m.moved and kind != "moved":
                tags.append("moved")
            if (m.renumbered or kind == "renumbered") and olds and first:
                was = ", ".join(self.name("old", o.eid) for o in olds)
                notes.append(_Note(f"renumbered: was {was}, now {self.name('new', n.eid)}"))
            away = [o for o in olds if o.eid not in context or _is_moved(m)]
            if m.own_text_old and not _is_moved(m):
                away = []  # the text of this paragraph's own article, not a move
            if away and kind != "inserted":
                notes.append(
                    _Note(
                        "moved from the place of old",
                        tuple((self.name("old", o.eid), "old-" + o.eid) for o in away),
                    )
                )
            if len(pieces) > 1:
                others = [e for e in pieces if e != n.eid]
                notes.append(
                    _Note(
                        f"split from {', '.join(self.name('old', o.eid) for o in olds)}; "
                        "the other parts are",
                        tuple((self.name("new", e), "new-" + e) for e in others),
                    )
                )
            text_was = self.text_new.get(n.eid)
            if text_was is not None:
                # the text of this unit was a paragraph of the old version
                anchors += tuple(e for e in text_was.old if e not in anchors)
                notes.append(
                    _Note(
                        "text was old",
                        tuple((self.name("old", e), "old-" + e) for e in text_was.old),
                    )
                )
            if len(olds) > 1 and kind == "merged":
                notes.append(
                    _Note(
                        "merged from",
                        tuple((self.name("old", o.eid), "old-" + o.eid) for o in olds),
                    )
                )
        children = self.children(n.children, self.old_kids_for(n, m), depth + 1, kind)
        return _Item(
            role="block",
            kind=kind,
            prov=n,
            olds=olds,
            anchors=anchors,
            units=units,
            notes=tuple(notes),
            tags=tuple(dict.fromkeys(tags)),
            children=children,
            depth=depth,
        )

    def ghost(self, o: Provision, m: Match | None, depth: int, parent_kind: str = "") -> _Item:
        if m is None or m.kind == "deleted" or not m.new:
            units = tuple(
                _Unit(name, segs)
                for name, raw, eid in (
                    ("label", o.label, None),
                    ("heading", o.heading, None),
                    ("text", o.text, o.eid),
                )
                if (segs := self.segments(raw or "", eid, "", None))
            )
            kids = tuple(
                self.ghost(c, self.by_old.get(c.eid), depth + 1, "deleted") for c in o.children
            )
            return _Item(
                role="ghost",
                kind="deleted",
                prov=o,
                olds=(o,),
                anchors=(),
                units=units,
                notes=(),
                tags=() if parent_kind == "deleted" else ("deleted",),
                children=kids,
                depth=depth,
            )
        verb = {"split": "split into", "merged": "merged into"}.get(m.kind, "moved to")
        targets = tuple((self.name("new", e), "new-" + e) for e in m.new if e in self.new_index)
        name = self.name("old", o.eid) + (f" ({o.heading})" if o.heading else "")
        note = _Note(f"old {name} was {verb}", targets)
        return _Item(
            role="stub",
            kind="stub",
            prov=o,
            olds=(o,),
            anchors=(),
            units=(),
            notes=(note,),
            tags=(KIND_LABELS.get(m.kind, "moved") if m.kind != "changed" else "moved",),
            children=(),
            depth=depth,
        )

    # -- diffing
    def units(
        self, n: Provision, olds: tuple[Provision, ...], m: Match | None, first: bool
    ) -> tuple[_Unit, ...]:
        # Only the first piece of a split is diffed against the old label and
        # heading; the others show theirs as inserted, so that rejecting every
        # change gives the old text once.
        shown_olds = olds if first else ()
        split = m is not None and sum(1 for e in m.new if e in self.new_index) > 1
        out = []
        for name in ("label", "heading", "text"):
            new_raw = getattr(n, name) or ""
            if m is not None and m.own_text_old and name != "text":
                # An article's text that became paragraph "1.": its label and
                # heading stay with the article, so the new label is new.
                segs = self.segments("", None, new_raw, None)
            elif name == "text" and (
                n.eid in self.text_new
                or (not (m is not None and m.own_text_old) and self._texts_moved(shown_olds))
            ):
                segs = self._cross_text(n, shown_olds)
            elif name == "text" and split:
                assert m is not None
                segs = self.split_text(n, olds, m)
            elif name == "text" and len(shown_olds) > 1:
                old_text, old_ranges = self._old_joined(shown_olds)
                new_text, new_ranges = _normalised(new_raw, self.ranges.get(("new", n.eid), ()))
                segs = _segments(
                    diff_words(old_text, new_text, normalised=True), old_ranges, new_ranges
                )
            elif name == "text":
                old_eid = shown_olds[0].eid if shown_olds else None
                segs = self.segments(
                    shown_olds[0].text if shown_olds else "", old_eid, new_raw, n.eid
                )
            else:
                old_raw = " ".join(r for r in (getattr(o, name) for o in shown_olds) if r)
                segs = self.segments(old_raw, None, new_raw, None)
            if segs:
                out.append(_Unit(name, segs))
        return tuple(out)

    def _texts_moved(self, olds: Sequence[Provision]) -> bool:
        """Whether some old unit's own text went elsewhere (a cross-level match)."""
        return any(o.eid in self.text_old for o in olds)

    def _cross_text(self, n: Provision, olds: Sequence[Provision]) -> tuple[_Seg, ...]:
        """The text diff of ``n`` when text changed level on either side.

        ``n``'s own text is diffed against the old paragraph it was (if it
        was one), and old own texts that became paragraphs elsewhere are left
        out (they are diffed there).
        """
        cross = self.text_new.get(n.eid)
        if cross is not None:
            sources = [self.old_index[e] for e in cross.old if e in self.old_index]
        else:
            sources = [o for o in olds if o.eid not in self.text_old]
        if len(sources) == 1:
            return self.segments(sources[0].text, sources[0].eid, n.text, n.eid)
        old_text, old_ranges = self._old_joined(sources)
        text, ranges = _normalised(n.text, self.ranges.get(("new", n.eid), ()))
        return _segments(diff_words(old_text, text, normalised=True), old_ranges, ranges)

    def split_text(self, n: Provision, olds: tuple[Provision, ...], m: Match) -> tuple[_Seg, ...]:
        key = id(m)
        if key not in self._split_cache:
            pieces = [self.new_index[e] for e in m.new if e in self.new_index]
            new_norm: list[str] = []
            new_ranges: list[tuple[int, int, int]] = []
            bounds: list[tuple[str, int, int]] = []
            pos = 0
            for p in pieces:
                # a piece whose text was an old paragraph is diffed against it instead
                raw = "" if p.eid in self.text_new else p.text
                text, ranges = _normalised(raw, self.ranges.get(("new", p.eid), ()))
                if new_norm:
                    pos += 1  # the joining space
                new_ranges.extend((s + pos, e + pos, f) for s, e, f in ranges)
                bounds.append((p.eid, pos, pos + len(text)))
                new_norm.append(text)
                pos += len(text)
            old_text, old_ranges = self._old_joined(olds)
            segs = _segments(
                diff_words(old_text, " ".join(new_norm), normalised=True), old_ranges, new_ranges
            )
            self._split_cache[key] = _cut(segs, bounds)
        return self._split_cache[key].get(n.eid, ())

    def _old_joined(self, olds: Sequence[Provision]) -> tuple[str, list[tuple[int, int, int]]]:
        texts: list[str] = []
        ranges: list[tuple[int, int, int]] = []
        pos = 0
        for o in olds:
            if o.eid in self.text_old:
                continue  # its text became a paragraph, diffed there
            text, rs = _normalised(o.text, self.ranges.get(("old", o.eid), ()))
            if not text:
                continue
            if texts:
                pos += 1
            ranges.extend((s + pos, e + pos, f) for s, e, f in rs)
            texts.append(text)
            pos += len(text)
        return " ".join(texts), ranges

    def segments(
        self, old: str, old_eid: str | None, new: str, new_eid: str | None
    ) -> tuple[_Seg, ...]:
        """Diff segments of one old and one new raw text, with their findings' spans."""
        old_text, old_ranges = _normalised(
            old, self.ranges.get(("old", old_eid), ()) if old_eid else ()
        )
        new_text, new_ranges = _normalised(
            new, self.ranges.get(("new", new_eid), ()) if new_eid else ()
        )
        return _segments(diff_words(old_text, new_text, normalised=True), old_ranges, new_ranges)


def _finding_ranges(
    alignment: Alignment, findings: Sequence[Finding]
) -> dict[tuple[str, str], tuple[tuple[int, int, int], ...]]:
    """Evidence spans by (side, eid): (start, end, finding index) in raw text offsets."""
    out: dict[tuple[str, str], list[tuple[int, int, int]]] = {}
    for i, f in enumerate(findings):
        for side, ev, doc in (("old", f.old, alignment.old), ("new", f.new, alignment.new)):
            if ev is None:
                continue
            try:
                prov = doc.get(ev.eid)
            except TreatydiffError:
                continue  # listed in the summary, but there is nowhere to highlight it
            start, end = max(0, ev.start), min(len(prov.text), ev.end)
            if end > start:
                out.setdefault((side, prov.eid), []).append((start, end, i))
    return {k: tuple(v) for k, v in out.items()}


def _normalised(
    raw: str, ranges: Iterable[tuple[int, int, int]]
) -> tuple[str, list[tuple[int, int, int]]]:
    """Normalise ``raw`` and carry raw-offset ranges over to the normalised text."""
    ranges = tuple(ranges)
    if not ranges:
        return normalise(raw), []
    text, where = normalise_with_map(raw)
    out = []
    for start, end, f in ranges:
        s, e = bisect_left(where, start), bisect_left(where, end)
        if e > s:
            out.append((s, e, f))
    return text, out


def _covering(ranges: Sequence[tuple[int, int, int]], lo: int, hi: int) -> tuple[int, ...]:
    return tuple(sorted({f for s, e, f in ranges if s < hi and e > lo}))


def _segments(
    ops: Sequence[DiffOp],
    old_ranges: Sequence[tuple[int, int, int]],
    new_ranges: Sequence[tuple[int, int, int]],
) -> tuple[_Seg, ...]:
    """Cut diff ops where finding highlights start and end."""
    out: list[_Seg] = []
    old_pos = new_pos = 0
    for op in ops:
        n = len(op.text)
        cuts = {0, n}
        if op.op != "insert":
            cuts.update(p - old_pos for s, e, _ in old_ranges for p in (s, e))
        if op.op != "delete":
            cuts.update(p - new_pos for s, e, _ in new_ranges for p in (s, e))
        points = sorted(c for c in cuts if 0 <= c <= n)
        for a, b in itertools.pairwise(points):
            found: set[int] = set()
            if op.op != "insert":
                found.update(_covering(old_ranges, old_pos + a, old_pos + b))
            if op.op != "delete":
                found.update(_covering(new_ranges, new_pos + a, new_pos + b))
            out.append(_Seg(op.op, op.text[a:b], tuple(sorted(found))))
        if op.op != "insert":
            old_pos += n
        if op.op != "delete":
            new_pos += n
    return tuple(out)


def _cut(
    segs: Sequence[_Seg], bounds: Sequence[tuple[str, int, int]]
) -> dict[str, tuple[_Seg, ...]]:
    """Share the segments of a split's diff among its new pieces, by new-text offsets.

    Deletions go to the piece in progress (or just finished) where they stand;
    the joining spaces between pieces belong to none.
    """
    out: dict[str, list[_Seg]] = {eid: [] for eid, _, _ in bounds}
    pos = 0
    for seg in segs:
        if seg.op == "delete":
            k = next((eid for eid, _, end in bounds if pos <= end), bounds[-1][0])
            out[k].append(seg)
            continue
        n = len(seg.text)
        for eid, start, end in bounds:
            lo, hi = max(pos, start), min(pos + n, end)
            if hi > lo:
                out[eid].append(attrs.evolve(seg, text=seg.text[lo - pos : hi - pos]))
        pos += n
    return {k: tuple(v) for k, v in out.items()}


# -- sentences that moved ----------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+")
#: A passage must be at least this many words to count as a moved sentence:
#: shorter ones ("the Commission;") recur by chance.
MOVE_MIN_WORDS = 5


def _sentences(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, sentence) for each sentence-like piece of ``text``."""
    pos = 0
    for piece in [*_SENTENCE_END.split(text)]:
        start = text.index(piece, pos) if piece else pos
        end = start + len(piece)
        pos = end
        stripped = piece.strip()
        if len(stripped.split()) >= MOVE_MIN_WORDS:
            # the full stop may be in an equal run next to the change: match without it
            lead = len(piece) - len(piece.lstrip())
            yield start + lead, start + lead + len(stripped), stripped


def _mark_moves(items: tuple[_Item, ...]) -> tuple[_Item, ...]:
    """Pair every deleted sentence with an identical inserted one, anywhere in the page.

    Diffs are per provision, so a sentence that moved to another provision
    (or within one) would show as deleted here and inserted there.  It is a
    move, not a deletion: both ends are marked "moved" and linked.
    """
    inserted: dict[str, list[tuple[int, int, int, int, int]]] = {}
    deleted: list[tuple[str, tuple[int, int, int, int, int]]] = []
    flat = [it for top in items for it in top.walk()]
    for i, it in enumerate(flat):
        for u, unit in enumerate(it.units):
            for k, seg in enumerate(unit.segs):
                if seg.op == "equal":
                    continue
                for start, end, sentence in _sentences(seg.text):
                    where = (i, u, k, start)
                    key = sentence.rstrip(".;:!?,")
                    if seg.op == "insert":
                        inserted.setdefault(key, []).append((*where[:3], start, end))
                    else:
                        deleted.append((key, (*where, end)))
    cuts: dict[tuple[int, int, int], list[tuple[int, int, int, str]]] = {}
    n = 0
    for key, (i, u, k, start, end) in deleted:
        targets = inserted.get(key)
        if not targets:
            continue
        ti, tu, tk, tstart, tend = targets.pop(0)
        n += 1
        cuts.setdefault((i, u, k), []).append((start, end, n, "from"))
        cuts.setdefault((ti, tu, tk), []).append((tstart, tend, n, "to"))
    if not cuts:
        return items
    replaced: dict[int, _Item] = {}
    for i, it in enumerate(flat):
        if not any(key[0] == i for key in cuts):
            continue
        units = []
        for u, unit in enumerate(it.units):
            segs: list[_Seg] = []
            for k, seg in enumerate(unit.segs):
                spans = sorted(cuts.get((i, u, k), ()))
                pos = 0
                for start, end, num, end_name in spans:
                    if start > pos:
                        segs.append(attrs.evolve(seg, text=seg.text[pos:start]))
                    segs.append(attrs.evolve(seg, text=seg.text[start:end], move=(num, end_name)))
                    pos = end
                if pos < len(seg.text):
                    segs.append(attrs.evolve(seg, text=seg.text[pos:]))
            units.append(attrs.evolve(unit, segs=tuple(segs)))
        replaced[id(it)] = attrs.evolve(it, units=tuple(units))

    def rebuild(it: _Item) -> _Item:
        new = replaced.get(id(it), it)
        kids = tuple(rebuild(c) for c in it.children)
        return new if kids == new.children else attrs.evolve(new, children=kids)

    return tuple(rebuild(it) for it in items)


# -- HTML emission -----------------------------------------------------------------

_SR = {"insert": "inserted", "delete": "deleted"}
_WRAP = {"insert": "ins", "delete": "del"}


def _seg_html(segs: Sequence[_Seg], side: str | None, refs: bool = True, prefix: str = "") -> str:
    """Segments as HTML: ``side`` None for inline, "old"/"new" for one column."""
    shown = [s for s in segs if side is None or s.op != ("insert" if side == "old" else "delete")]
    out: list[str] = []
    i = 0
    while i < len(shown):
        op, move = shown[i].op, shown[i].move
        j = i
        while j < len(shown) and shown[j].op == op and shown[j].move == move:
            j += 1
        inner = []
        for k in range(i, j):
            seg = shown[k]
            text = _escape(seg.text)
            if seg.findings:
                classes = " ".join(f"fi-{f}" for f in seg.findings)
                text = f'<mark class="f {classes}">{text}</mark>'
                nxt = shown[k + 1].findings if k + 1 < len(shown) else ()
                ended = [f for f in seg.findings if f not in nxt]
                if refs and ended:
                    text += "".join(
                        f'<sup class="ui fref"><a href="#finding-{f + 1}">F{f + 1}</a></sup>'
                        for f in ended
                    )
            inner.append(text)
        body = "".join(inner)
        if op == "equal":
            out.append(body)
        elif not "".join(s.text for s in shown[i:j]).strip():
            # spacing only (a glued or split word): layout, not a change of words
            out.append(f'<{_WRAP[op]} class="sp">{body}</{_WRAP[op]}>')
        elif move is not None:
            n, end = move
            other = "to" if end == "from" else "from"
            label = "moved away" if end == "from" else "moved here"
            link = "to its new place" if end == "from" else "from its old place"
            tag = _WRAP[op]
            out.append(
                f'<{tag} class="mv" id="{prefix}mv-{n}-{end}"><span class="sr ui">[{label}: </span>'
                f'{body}<span class="sr ui">]</span></{tag}><sup class="ui mref">'
                f'<a href="#{prefix}mv-{n}-{other}">moved {link}</a></sup>'
            )
        else:
            tag = _WRAP[op]
            out.append(
                f'<{tag}><span class="sr ui">[{_SR[op]}: </span>{body}'
                f'<span class="sr ui">]</span></{tag}>'
            )
        i = j
    return "".join(out)


def _id(prefix: str, eid: str) -> str:
    # eIds from Document.build are already safe; others (from_dict) may hold
    # anything, so keep a readable part and add a short hash for uniqueness.
    safe = re.sub(r"[^0-9A-Za-z_.-]", "-", eid)
    if safe != eid:
        safe += "-" + hashlib.sha1(eid.encode("utf-8")).hexdigest()[:8]
    return prefix + safe


def _href(target: str, prefix: str = "") -> str:
    side, _, eid = target.partition("-")
    return "#" + _id(f"{prefix}{side}-", eid)


def _notes_html(notes: Sequence[_Note], prefix: str, cls: str = "note ui", tail: str = "") -> str:
    out = []
    for note in notes:
        links = ", ".join(
            f'<a href="{_href(target, prefix)}">{_escape(label)}</a>'
            for label, target in note.links
        )
        out.append(f'<p class="{cls}">{_escape(note.text)}{" " + links if links else ""}{tail}</p>')
    return "".join(out)


def _tags_html(tags: Sequence[str]) -> str:
    return "".join(f' <span class="tag ui">{_escape(t)}</span>' for t in tags)


def _units_html(item: _Item, side: str | None, prefix: str = "") -> dict[str, str]:
    return {u.name: _seg_html(u.segs, side, refs=True, prefix=prefix) for u in item.units}


class _Emitter:
    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, id_: str) -> str:
        """An id attribute, once: a repeated id would break links, so it is dropped."""
        if id_ in self.used:
            return ""
        self.used.add(id_)
        return f' id="{id_}"'

    def inline(self, item: _Item, out: list[str]) -> None:
        p = item.prov
        headed = p.kind in HEADED_KINDS
        tag = "section" if headed else "div"
        data = (
            f' data-new="{_escape(p.eid)}"'
            if item.role == "block"
            else f' data-old="{_escape(p.eid)}"'
        )
        if item.olds and item.role == "block":
            data += f' data-old="{_escape(" ".join(o.eid for o in item.olds))}"'
        side = "new" if item.role == "block" else "old"
        own_id = _id(f"{side}-", p.eid)
        out.append(
            f'<{tag} class="prov k-{item.kind} lvl-{_escape(p.kind)}"{self.take(own_id)}{data}>'
        )
        for eid in item.anchors:
            out.append(f'<span class="anchor"{self.take(_id("old-", eid))}></span>')
        units = _units_html(item, None)
        label = f'<span class="u u-label">{units["label"]}</span>' if "label" in units else ""
        heading = (
            f'<span class="u u-heading">{units["heading"]}</span>' if "heading" in units else ""
        )
        text = f'<span class="u u-text">{units["text"]}</span>' if "text" in units else ""
        tags = _tags_html(item.tags)
        if item.role == "stub":
            out.append(_notes_html(item.notes, "", "note stub", tags))
        elif headed:
            level = min(3 + item.depth, 6)
            title = (
                " ".join(x for x in (label, heading) if x)
                or f'<span class="ui">{_escape(p.kind)}</span>'
            )
            out.append(f'<h{level} class="ph d{min(item.depth, 3)}">{title}{tags}</h{level}>')
            out.append(_notes_html(item.notes, ""))
            if text:
                out.append(f'<p class="p">{text}</p>')
        else:
            body = " ".join(x for x in (label, heading, text) if x)
            out.append(f'<p class="p">{body}{tags}</p>')
            out.append(_notes_html(item.notes, ""))
        for child in item.children:
            self.inline(child, out)
        out.append(f"</{tag}>")

    def side(self, items: Sequence[_Item], out: list[str]) -> None:
        for top in items:
            for item in top.walk():
                self._row(item, out)

    def _row(self, item: _Item, out: list[str]) -> None:
        p = item.prov
        pad = f' class="d{min(item.depth, 5)}"'
        cells = {}
        for side in ("old", "new"):
            units = _units_html(item, side, "s-")
            parts = []
            for name in ("label", "heading", "text"):
                if units.get(name):
                    cls = (
                        "u-label"
                        if name == "label"
                        else "u-heading"
                        if name == "heading"
                        else "u-text"
                    )
                    parts.append(f'<span class="{cls}">{units[name]}</span>')
            cells[side] = " ".join(parts)
        indent = "\u2003" * item.depth
        if item.role == "block":
            new_cell = f"{indent}{cells['new']}{_tags_html(item.tags)}"
            old_cell = f"{indent}{cells['old']}" if item.olds or cells["old"] else ""
            if item.kind == "inserted":
                old_cell = '<span class="ui">(not in the old text)</span>'
            ident = self.take(_id("s-new-", p.eid))
            anchors = "".join(
                f'<span class="anchor"{self.take(_id("s-old-", e))}></span>' for e in item.anchors
            )
            notes = _notes_html(item.notes, "s-")
            out.append(
                f'<tr class="k-{item.kind}"{ident}><td class="old"{pad}>{anchors}{old_cell}</td>'
                f'<td class="new"{pad}>{new_cell}{notes}</td></tr>'
            )
        elif item.role == "ghost":
            out.append(
                f'<tr class="k-deleted"{self.take(_id("s-old-", p.eid))}>'
                f'<td class="old"{pad}>{indent}{cells["old"]}{_tags_html(item.tags)}</td>'
                '<td class="new"><span class="ui">(deleted)</span></td></tr>'
            )
        else:
            out.append(
                f'<tr class="k-stub"{self.take(_id("s-old-", p.eid))}>'
                f'<td class="old"{pad}>{_notes_html(item.notes, "s-", "note stub")}</td>'
                f'<td class="new">{_tags_html(item.tags)}</td></tr>'
            )


# -- page --------------------------------------------------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _level_order(level: str) -> tuple[int, str]:
    return (KINDS.index(level) if level in KINDS else len(KINDS), level)


def _source_html(doc: Document, side: str) -> str:
    src = doc.source
    rows = [("Title", doc.title)]
    for label, value in (
        ("Symbol", src.symbol),
        ("Citation", src.citation),
        ("Date", src.date),
        ("File", os.path.basename(src.path) if src.path else None),
        ("Format", src.format),
        ("Language", doc.language),
    ):
        if value:
            rows.append((label, value))
    rows.extend((k, v) for k, v in doc.metadata)
    rows.append(("Provisions", str(sum(1 for _ in doc.walk()))))
    body = "".join(f"<dt>{_escape(k)}</dt><dd>{_escape(v)}</dd>" for k, v in rows)
    return f"<div><h2>{'Old' if side == 'old' else 'New'} text</h2><dl>{body}</dl></div>"


def _summary_html(
    alignment: Alignment,
    items: Sequence[_Item],
    builder: _Builder,
    findings: Sequence[Finding],
    review: Sequence[Finding] = (),
) -> tuple[str, bool]:
    def kind_of(m: Match) -> str:
        return builder.effective.get(id(m), m.kind)

    counts: Counter[tuple[str, str]] = Counter((kind_of(m), m.level) for m in alignment.matches)
    levels = sorted({m.level for m in alignment.matches}, key=_level_order)
    all_items = [it for top in items for it in top.walk()]
    all_units = [u for it in all_items for u in it.units]
    n_ins, n_del = _changes(all_units, "insert"), _changes(all_units, "delete")
    changed = [it for it in all_items if it.changed]
    out = ['<nav class="summary" aria-labelledby="h-summary"><h2 id="h-summary">Summary</h2>']
    if not changed:
        out.append(
            '<p class="nochange">No change: the two texts have the same content '
            "(differences of formatting are ignored).</p>"
        )
    else:
        out.append(
            f"<p>{_plural(len(changed), 'provision')} shown with changes; "
            f"{_plural(n_ins, 'insertion')} and {_plural(n_del, 'deletion')} of words.</p>"
        )
    # counts by kind and level, each linking to the list of those provisions
    head = "".join(f'<th scope="col">{_escape(lv)}</th>' for lv in levels)
    rows = []
    for kind in MATCH_KINDS:
        if not any(counts[(kind, lv)] for lv in levels):
            continue
        cells = []
        for lv in levels:
            n = counts[(kind, lv)]
            cells.append(
                f'<td class="n"><a href="#list-{kind}">{n}</a></td>'
                if n and kind != "unchanged"
                else f'<td class="n">{n}</td>'
            )
        rows.append(f'<tr><th scope="row">{kind}</th>{"".join(cells)}</tr>')
    out.append(
        '<table><caption class="sr">Matches by kind and level</caption>'
        f'<thead><tr><th scope="col">kind</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    for kind in MATCH_KINDS:
        if kind == "unchanged":
            continue
        ms = [m for m in alignment.matches if kind_of(m) == kind]
        if not ms:
            continue
        lis = []
        for m in ms:
            if m.new:
                target = _id("new-", m.new[0])
                name = ", ".join(builder.name("new", e) for e in m.new)
            else:
                target = _id("old-", m.old[0]) if m.old else ""
                name = ", ".join(builder.name("old", e) for e in m.old)
            was = ""
            if m.old and m.new:
                olds = ", ".join(builder.name("old", e) for e in m.old)
                if olds != name:
                    was = f" (was {_escape(olds)})"
            lis.append(f'<li><a href="#{target}">{_escape(name)}</a>{was}</li>')
        out.append(
            f'<details id="list-{kind}"><summary>{kind}: {len(ms)}</summary>'
            f"<ul>{''.join(lis)}</ul></details>"
        )
    # by article: every quotable unit that shows a change
    units = []
    for it in all_items:
        if (
            it.prov.kind not in ("article", "section", "annex", "preamble", "conclusions")
            or it.role == "stub"
        ):
            continue
        sub = [x for x in it.walk() if x.changed]
        if not sub:
            continue
        kinds = Counter(x.kind for x in sub if x.kind not in ("unchanged", "stub"))
        sub_units = [u for x in it.walk() for u in x.units]
        words = _changes(sub_units, "insert") + _changes(sub_units, "delete")
        what = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "reworded"
        side = "new" if it.role == "block" else "old"
        name = builder.name(side, it.prov.eid)
        units.append(
            f'<li><a href="#{_id(side + "-", it.prov.eid)}">{_escape(name)}</a>'
            f"{': ' + _escape(it.prov.heading) if it.prov.heading else ''} "
            f"<span>({_escape(what)}; {_plural(words, 'change')} of words)</span></li>"
        )
    if units:
        out.append(
            f'<details open id="by-article"><summary>Changed articles: {len(units)}</summary>'
            f"<ul>{''.join(units)}</ul></details>"
        )
    if findings:
        out.append(_findings_html(findings, builder))
    if review:
        out.append(_review_html(review))
    out.append("</nav>")
    return "".join(out), bool(changed)


def _filters(findings: Sequence[Finding]) -> tuple[list[str], list[str]]:
    return sorted({f.category for f in findings}), sorted({f.direction for f in findings})


def _findings_html(findings: Sequence[Finding], builder: _Builder) -> str:
    cats, dirs = _filters(findings)
    boxes = (
        " ".join(f'<label for="fc-{i}">{_escape(c)}</label>' for i, c in enumerate(cats))
        + " | "
        + " ".join(f'<label for="fd-{i}">{_escape(d)}</label>' for i, d in enumerate(dirs))
    )
    lis = []
    for i, f in enumerate(findings):
        cls = f"fi fc-{cats.index(f.category)} fd-{dirs.index(f.direction)}"
        ev = _evidence_links(f)
        lis.append(
            f'<li id="finding-{i + 1}" class="{cls}"><b>F{i + 1}</b> '
            f'<span class="sev">{_escape(f.severity)}</span> '
            f"[{_escape(f.category)}, {_escape(f.direction)}] {_escape(f.explanation)}"
            f"{'<br>' + '<br>'.join(ev) if ev else ''}"
            f" <small>({_escape(f.rule)})</small></li>"
        )
    return (
        '<section id="findings" aria-labelledby="h-findings">'
        f'<h2 id="h-findings">Findings: {len(findings)}</h2>'
        f'<p class="filters">Show: {boxes}</p><ol class="findings">{"".join(lis)}</ol></section>'
    )


def _evidence_links(f: Finding) -> list[str]:
    """'old: <a>Article 5</a> <q>phrase</q>' for each side a finding quotes."""
    out = []
    for side, e in (("old", f.old), ("new", f.new)):
        if e is not None:
            out.append(
                f'{side}: <a href="#{_id(side + "-", e.eid)}">{_escape(e.citation or e.eid)}</a> '
                f"<q>{_escape(e.phrase)}</q>"
            )
    return out


def _review_html(review: Sequence[Finding]) -> str:
    """Reworded safeguard clauses no rule classified: listed to be read, not as findings."""
    lis = [
        "<li>"
        + ("" if f.category == "reworded" else f"{_escape(f.explanation)}<br>")
        + "<br>".join(_evidence_links(f))
        + "</li>"
        for f in review
    ]
    return (
        '<section id="review" aria-labelledby="h-review">'
        f'<h2 id="h-review">Clauses to read: {len(review)}</h2>'
        "<p>The wording of these clauses (prohibitions, exceptions, deferrals, clauses naming a "
        "safeguard) changed, or an entry joined or left a list, and no rule could tell whether "
        "protection grew or shrank. They are not findings: read both versions.</p>"
        f'<ol class="review">{"".join(lis)}</ol></section>'
    )


def _filter_css(findings: Sequence[Finding]) -> str:
    cats, dirs = _filters(findings)
    rules = []
    for prefix, values in (("fc", cats), ("fd", dirs)):
        for i in range(len(values)):
            rules.append(f"#{prefix}-{i}:not(:checked) ~ * .fi.{prefix}-{i} {{ display: none; }}")
            rules.append(
                f'#{prefix}-{i}:not(:checked) ~ * label[for="{prefix}-{i}"]::before '
                '{ content: "\\2610\\00a0"; }'
            )
    # un-highlight the marks of hidden findings (the text itself stays)
    for i, f in enumerate(findings):
        c, d = cats.index(f.category), dirs.index(f.direction)
        rules.append(
            f"#fc-{c}:not(:checked) ~ * mark.fi-{i}, #fd-{d}:not(:checked) ~ * mark.fi-{i} "
            "{ background: none; border-bottom: 0; }"
        )
    return "\n".join(rules)


def redline(
    alignment: Alignment,
    *,
    findings: Sequence[Finding] = (),
    title: str | None = None,
    review: Sequence[Finding] = (),
) -> str:
    """A self-contained HTML redline of ``alignment``, as a string.

    ``findings`` (from :func:`treatydiff.safeguards`) are highlighted at their
    evidence and listed in the summary; ``review`` (from
    :func:`treatydiff.safeguards.review`) is listed apart, as clauses to read;
    ``title`` defaults to "old → new".
    The same inputs always give the same bytes.

    >>> from treatydiff.model import Alignment, Document, Match, Provision
    >>> doc = Document.build(title="Demo", provisions=[Provision(kind="article", number="1",
    ...                      label="Article 1", text="<script>alert(1)</script>")])
    >>> m = Match(old=("art_1",), new=("art_1",), kind="unchanged", score=1.0,
    ...           method="address", level="article")
    >>> page = redline(Alignment(old=doc, new=doc, matches=(m,)))
    >>> "<script>" in page, "&lt;script&gt;alert(1)" in page, "No change" in page
    (False, True, True)
    """
    if not isinstance(alignment, Alignment):
        raise RenderError(
            f"cannot render a redline of {type(alignment).__name__}",
            expected="an Alignment from treatydiff.align(old, new)",
        )
    findings = tuple(findings)
    builder = _Builder(alignment, findings)
    items = _mark_moves(builder.build())
    old, new = alignment.old, alignment.new
    if title is None:
        title = (
            f"{old.title} \u2192 {new.title}" if old.title != new.title else f"Redline: {new.title}"
        )
    css = _css() + "\n" + _filter_css(findings)
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    csp = (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    from treatydiff import __version__

    summary, any_change = _summary_html(alignment, items, builder, findings, tuple(review))
    emit = _Emitter()
    inline: list[str] = []
    for item in items:
        emit.inline(item, inline)
    side: list[str] = []
    emit.side(items, side)
    cats, dirs = _filters(findings)
    controls = "".join(
        f'<input type="checkbox" class="ctl" id="{p}-{i}" checked aria-label="show {_escape(v)}">'
        for p, values in (("fc", cats), ("fd", dirs))
        for i, v in enumerate(values)
    )
    parts = [
        "<!DOCTYPE html>\n",
        f'<html lang="{_escape(new.language or "en")}">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="referrer" content="no-referrer">\n',
        f'<meta name="generator" content="treatydiff {_escape(__version__)}">\n',
        f"<title>{_escape(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n",
        '<div class="rl">\n',
        '<input type="radio" class="ctl" name="view" id="view-inline" checked '
        'aria-label="inline view">',
        '<input type="radio" class="ctl" name="view" id="view-side" '
        'aria-label="side-by-side view">',
        controls,
        f"\n<header><h1>{_escape(title)}</h1>",
        '<p class="legend">Legend: <ins>inserted text</ins> (underlined), <del>deleted text</del> '
        '(struck through); tags such as <span class="tag">moved</span> name what happened to a '
        "provision. Formatting differences are not shown.</p>",
        f'<div class="docs">{_source_html(old, "old")}{_source_html(new, "new")}</div></header>\n',
        summary,
        "\n<main>",
        '<div class="bar" role="group" aria-label="View"><span>View:</span>'
        '<label for="view-inline">Inline</label>'
        '<label for="view-side">Side by side</label></div>\n',
        '<section id="inline" class="view" aria-labelledby="h-inline">'
        '<h2 id="h-inline">Inline redline</h2>\n',
        "".join(inline),
        "</section>\n",
        '<section id="side" class="view" aria-labelledby="h-side">'
        '<h2 id="h-side">Side by side</h2>',
        '<table class="sbs"><thead><tr><th scope="col">Old: ',
        _escape(old.title),
        '</th><th scope="col">New: ',
        _escape(new.title),
        "</th></tr></thead><tbody>\n",
        "\n".join(side),
        "</tbody></table></section>\n</main>\n",
        f'<footer><p class="note">Generated by treatydiff {_escape(__version__)}'
        f"{'' if any_change else ' (no change found)'}.</p></footer>\n",
        "</div>\n</body>\n</html>\n",
    ]
    return "".join(parts)


# -- wrappers for notebooks ------------------------------------------------------------


@attrs.frozen
class Redline:
    """A rendered redline: ``.html``, ``.save(path)``, and display in Jupyter.

    >>> from treatydiff.model import Alignment, Document
    >>> doc = Document.build(title="Empty", provisions=[])
    >>> r = Redline.of(Alignment(old=doc, new=doc, matches=()))
    >>> r.html.startswith("<!DOCTYPE html>")
    True
    """

    html: str

    @classmethod
    def of(
        cls,
        alignment: Alignment,
        *,
        findings: Sequence[Finding] = (),
        title: str | None = None,
        review: Sequence[Finding] = (),
    ) -> Redline:
        """Render ``alignment`` (see :func:`redline`)."""
        return cls(redline(alignment, findings=findings, title=title, review=review))

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page as UTF-8 and return its path."""
        target = Path(path)
        target.write_text(self.html, encoding="utf-8", newline="\n")
        return target

    def __str__(self) -> str:
        return self.html

    def _repr_html_(self) -> str:
        # A sandboxed iframe keeps the page's stylesheet and policy apart from the
        # notebook's, and its (absent) scripts from running.
        return (
            f'<iframe sandbox="" title="redline" srcdoc="{_escape(self.html)}" '
            'style="width:100%;height:40em;border:1px solid #ccc"></iframe>'
        )


def alignment_html(alignment: Alignment) -> str:
    """A compact table of an alignment's matches by kind and level, for ``_repr_html_``.

    >>> from treatydiff.model import Alignment, Document
    >>> doc = Document.build(title="Empty", provisions=[])
    >>> "<table" in alignment_html(Alignment(old=doc, new=doc, matches=()))
    True
    """
    counts: Counter[tuple[str, str]] = Counter((m.kind, m.level) for m in alignment.matches)
    levels = sorted({m.level for m in alignment.matches}, key=_level_order)
    head = "".join(f"<th>{_escape(lv)}</th>" for lv in levels)
    rows = "".join(
        f"<tr><th>{kind}</th>"
        + "".join(f"<td>{counts[(kind, lv)]}</td>" for lv in levels)
        + "</tr>"
        for kind in MATCH_KINDS
        if any(counts[(kind, lv)] for lv in levels)
    )
    return (
        f"<div><b>Alignment</b> {_escape(alignment.old.title)} \u2192 "
        f"{_escape(alignment.new.title)}"
        f" ({len(alignment.matches)} matches)<table><thead><tr><th>kind</th>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )


# -- N-column synoptic table ---------------------------------------------------------


def _history_parts(
    history: Any,
) -> tuple[
    tuple[Document, ...],
    tuple[tuple[tuple[str, ...], ...], ...],
    tuple[tuple[str | None, ...], ...],
]:
    """Documents, rows of eIds per draft, and the change kinds between drafts, duck-typed.

    A lineage's ``eids[k]`` may be one eId, a tuple of them (a split) or
    empty/None (absent from draft ``k``); ``changes[k]`` (optional) is the kind
    of the match from draft ``k`` to ``k + 1``.
    """
    docs = tuple(getattr(history, "documents", None) or ())
    if not docs:
        raise RenderError(
            f"cannot read the drafts of {type(history).__name__}",
            expected="a History with .documents (from treatydiff.align_many)",
        )
    rows, changes = [], []
    for lineage in getattr(history, "lineages", None) or ():
        eids = getattr(lineage, "eids", lineage)
        row = tuple(tuple(e) if isinstance(e, (tuple, list)) else ((e,) if e else ()) for e in eids)
        if len(row) != len(docs):
            raise RenderError(
                f"a lineage has {len(row)} entries for {len(docs)} drafts",
                expected="one eId, tuple of eIds or None per draft",
            )
        rows.append(row)
        kinds = tuple(getattr(lineage, "changes", ()) or ())
        changes.append(kinds + (None,) * (len(docs) - len(kinds)))
    return docs, tuple(rows), tuple(changes)


def history_html(history: Any) -> str:
    """An N-column synoptic table: one column per draft, one row per provision lineage.

    Each cell shows the provision in that draft, diffed word by word against
    the previous draft (the first draft plain), with the kind of change as a
    tag; a provision absent from a draft leaves its cell marked "(absent)".
    ``history`` comes from :func:`treatydiff.align_many` (``documents`` and
    ``lineages``, each with ``eids[k]`` per draft).  Self-contained like
    :func:`redline`.

    >>> from treatydiff.model import Document, Provision
    >>> from treatydiff.align.history import align_many
    >>> drafts = [Document.build(title=f"Draft {i}", provisions=[
    ...     Provision(kind="article", number="1", text=t)]) for i, t in enumerate(
    ...     ("Each Party shall act.", "Each Party may act."))]
    >>> "[deleted: </span>shall<span" in history_html(align_many(drafts))
    True
    """
    docs, rows, changes = _history_parts(history)
    indexes = [{p.eid: p for p in d.walk()} for d in docs]
    css = _css()
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    head = "".join(
        f'<th scope="col">{_escape(d.title)}'
        f"{'<br>' + _escape(d.source.date) if d.source.date else ''}</th>"
        for d in docs
    )
    body = []
    for row, kinds in zip(rows, changes, strict=True):
        cells = []
        prev: list[Provision] = []
        for k, eids in enumerate(row):
            provs = [indexes[k][e] for e in eids if e in indexes[k]]
            if not provs:
                cells.append('<td class="absent"><span class="ui">(absent)</span></td>')
                prev = []
                continue
            parts = []
            for name in ("label", "heading", "text"):
                new_raw = " ".join(getattr(p, name) or "" for p in provs)
                old_raw = " ".join(getattr(p, name) or "" for p in prev) if k else new_raw
                segs = _segments(diff_words(old_raw, new_raw), (), ())
                if segs:
                    parts.append(f'<span class="u-{name}">{_seg_html(segs, None)}</span>')
            kind = kinds[k - 1] if k else None
            tag = _tags_html((kind,)) if kind and kind != "unchanged" and prev else ""
            ident = f' id="{_id(f"h{k}-", provs[0].eid)}"'
            cells.append(f"<td{ident}>{' '.join(parts)}{tag}</td>")
            prev = provs
        body.append(f"<tr>{''.join(cells)}</tr>")
    title = " \u2192 ".join(d.title for d in docs)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        f"style-src 'sha256-{digest}'; img-src 'none'; base-uri 'none'; form-action 'none'\">\n"
        f"<title>{_escape(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f'<div class="rl"><h1>{_escape(title)}</h1><table class="sbs"><thead><tr>{head}</tr>'
        "</thead><tbody>\n" + "\n".join(body) + "</tbody></table></div>\n</body>\n</html>\n"
    )
