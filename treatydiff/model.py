"""The article tree: frozen, value-compared models shared by every stage.

A :class:`Document` holds a tuple of top-level :class:`Provision` nodes
(preamble, chapters, articles, annexes...).  Each provision has a *kind*, the
number and label as printed, an optional heading, its **own** text (not its
children's), a stable address in Akoma Ntoso eId style and the lines it came
from.  Models never hold lxml elements; new values come from
:func:`attrs.evolve`.

>>> art = Provision(kind="article", number="2", label="Article 2", heading="Illegal access",
...                 text="Each Party shall adopt ...")
>>> doc = Document.build(title="Demo", provisions=[art])
>>> doc.get("art_2").heading
'Illegal access'
>>> doc.find("Article 2").eid
'art_2'
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from treatydiff.errors import CitationError, SchemaError

__all__ = [
    "EID_PREFIXES",
    "KINDS",
    "Alignment",
    "Annotation",
    "Document",
    "Evidence",
    "Finding",
    "Match",
    "Provision",
    "Removal",
    "Source",
    "SourceSpan",
    "assign_eids",
]

#: Every provision kind, outermost first.  ``subparagraph`` is a lettered point
#: "(a)", ``clause`` a roman sub-point "(i)".  ``division`` is a grouping of
#: articles below a chapter ("Section 2" of the Budapest Convention or of an EU
#: act), while ``section`` is the quotable unit of a national code ("§ 202a",
#: "s. 342.1").  ``conclusions`` is what follows the last article: the
#: testimonium ("IN WITNESS WHEREOF"), place and date ("Done at Budapest") and
#: signatures, or an EU act's final formula (Akoma Ntoso ``<conclusions>``).
KINDS: tuple[str, ...] = (
    "preamble",
    "recital",
    "part",
    "title",
    "chapter",
    "division",
    "section",
    "article",
    "paragraph",
    "subparagraph",
    "clause",
    "definition",
    "annex",
    "conclusions",
    "note",
)

#: eId prefix per kind, following the Akoma Ntoso naming convention where it
#: has one.  Lettered and roman points are both AKN ``point``s.
EID_PREFIXES: Mapping[str, str] = {
    "preamble": "preamble",
    "recital": "recital",
    "part": "part",
    "title": "title",
    "chapter": "chp",
    "division": "dvs",
    "section": "sec",
    "article": "art",
    "paragraph": "para",
    "subparagraph": "point",
    "clause": "point",
    "definition": "def",
    "annex": "annex",
    "conclusions": "conclusions",
    "note": "note",
}

#: Kinds that are containers above the article level (their eIds prefix the
#: eIds of what they hold, as in ``chp_2__art_24``).
CONTAINER_KINDS = frozenset({"part", "title", "chapter", "division"})

#: Kinds that make up the unit users usually quote ("Article 24", "§ 202a").
UNIT_KINDS = frozenset({"article", "section"})

ANNOTATION_KINDS = frozenset({"bracket", "alternative", "note", "footnote"})


@attrs.frozen
class SourceSpan:
    """Where a provision came from: 1-based inclusive line range, page if known."""

    start_line: int
    end_line: int
    page: int | None = None

    def __attrs_post_init__(self) -> None:
        if self.start_line < 1 or self.end_line < self.start_line:
            raise ValueError(
                f"bad line range {self.start_line}-{self.end_line}: expected 1 <= start <= end"
            )


@attrs.frozen
class Annotation:
    """Something a negotiating text carries beside a provision's text.

    ``kind`` is ``bracket`` (a passage under negotiation that stays in the
    text: ``start``/``end`` are its span in :attr:`Provision.text`),
    ``alternative`` (one of several bracketed options), ``note`` (an editorial
    note such as "[agreed ad referendum]", removed from the text: ``start`` =
    ``end`` = where it stood) or ``footnote`` (likewise removed).
    """

    kind: str
    text: str
    start: int
    end: int

    def __attrs_post_init__(self) -> None:
        if self.kind not in ANNOTATION_KINDS:
            raise ValueError(
                f"annotation kind {self.kind!r}: expected one of {sorted(ANNOTATION_KINDS)}"
            )
        if not 0 <= self.start <= self.end:
            raise ValueError(f"annotation span {self.start}-{self.end}: expected 0 <= start <= end")


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


@attrs.frozen
class Provision:
    """One node of the article tree.

    ``number`` is the bare designation ("24", "2", "b", "iv", "202a",
    "342.1"); ``label`` is what the document printed before the text
    ("Article 24", "2.", "(b)", "§ 202a").  ``text`` is the node's own text:
    for a paragraph with lettered points, only its opening words.
    """

    kind: str
    number: str | None = None
    label: str | None = None
    heading: str | None = None
    text: str = ""
    children: tuple[Provision, ...] = attrs.field(default=(), converter=_tuple)
    eid: str = ""
    span: SourceSpan | None = None
    annotations: tuple[Annotation, ...] = attrs.field(default=(), converter=_tuple)

    def __attrs_post_init__(self) -> None:
        if self.kind not in EID_PREFIXES:
            raise ValueError(f"provision kind {self.kind!r}: expected one of {list(KINDS)}")

    def walk(self) -> Iterator[Provision]:
        """Yield this provision and all its descendants, in document order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def full_text(self) -> str:
        """The provision's text with all its descendants' labels and texts, one per line."""
        lines = []
        for node in self.walk():
            parts = [p for p in (node.label, node.heading, node.text) if p]
            if parts:
                lines.append(" ".join(parts))
        return "\n".join(lines)

    @property
    def title(self) -> str:
        """Label and heading, as a reader would name this provision."""
        return " ".join(p for p in (self.label or self.number, self.heading) if p) or self.kind


@attrs.frozen
class Source:
    """Where a document came from and what it officially is."""

    path: str | None = None
    format: str | None = None
    symbol: str | None = None
    citation: str | None = None
    date: str | None = None
    encoding: str | None = None


@attrs.frozen
class Removal:
    """Text a reader removed on purpose (page header, footer, page number), reported."""

    line: int
    text: str
    reason: str


def _metadata(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(k), str(v)) for k, v in items))


@attrs.frozen
class Document:
    """A parsed legal text: title, language, source and the provision tree.

    Build one with :meth:`Document.build` (which assigns eIds) or read one with
    :func:`treatydiff.load`.
    """

    title: str
    provisions: tuple[Provision, ...] = attrs.field(default=(), converter=_tuple)
    language: str | None = None
    source: Source = attrs.field(factory=Source)
    metadata: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_metadata)
    removed: tuple[Removal, ...] = attrs.field(default=(), converter=_tuple)
    _index: dict[str, Provision] | None = attrs.field(
        default=None, init=False, eq=False, repr=False, hash=False
    )
    _chains: dict[str, tuple[Provision, ...]] | None = attrs.field(
        default=None, init=False, eq=False, repr=False, hash=False
    )

    # -- construction -------------------------------------------------------
    @classmethod
    def build(
        cls,
        *,
        title: str,
        provisions: Sequence[Provision],
        language: str | None = None,
        source: Source | None = None,
        metadata: Mapping[str, str] | None = None,
        removed: Sequence[Removal] = (),
    ) -> Document:
        """Make a document, assigning Akoma Ntoso style eIds to every provision."""
        return cls(
            title=title,
            provisions=assign_eids(provisions),
            language=language,
            source=source or Source(),
            metadata=metadata or {},
            removed=removed,
        )

    # -- navigation ---------------------------------------------------------
    def walk(self) -> Iterator[Provision]:
        """Every provision in document order (depth first)."""
        for top in self.provisions:
            yield from top.walk()

    def walk_with_parents(self) -> Iterator[tuple[Provision, tuple[Provision, ...]]]:
        """Every provision with the tuple of its ancestors, outermost first."""

        def rec(node: Provision, parents: tuple[Provision, ...]):
            yield node, parents
            for child in node.children:
                yield from rec(child, (*parents, node))

        for top in self.provisions:
            yield from rec(top, ())

    def _lookup(self) -> dict[str, Provision]:
        if self._index is None:
            object.__setattr__(self, "_index", {p.eid: p for p in self.walk() if p.eid})
        assert self._index is not None
        return self._index

    def chain(self, eid: str) -> tuple[Provision, ...]:
        """The provision at ``eid`` with its ancestors, outermost first (cached: O(1) after one walk)."""
        if self._chains is None:
            object.__setattr__(
                self, "_chains", {n.eid: (*ps, n) for n, ps in self.walk_with_parents() if n.eid}
            )
        assert self._chains is not None
        try:
            return self._chains[eid]
        except KeyError:
            raise CitationError(
                f"no provision has the address {eid!r}", source=self.source.path
            ) from None

    def get(self, eid: str) -> Provision:
        """The provision whose eId is ``eid`` (or that ends with ``__eid``, if unique)."""
        index = self._lookup()
        if eid in index:
            return index[eid]
        tail = [p for key, p in index.items() if key.endswith("__" + eid)]
        if len(tail) == 1:
            return tail[0]
        if len(tail) > 1:
            raise CitationError(
                f"address {eid!r} is ambiguous: {', '.join(p.eid for p in tail[:5])}",
                source=self.source.path,
                expected="a full eId",
            )
        raise CitationError(
            f"no provision has the address {eid!r}",
            source=self.source.path,
            expected="an eId such as 'art_24__para_2'",
        )

    def find(self, citation: str) -> Provision:
        """The provision a printed citation names.

        Accepts "Article 24(2)(b)", "art. 24, para. 2 (b)", "s. 342.1(1)(a)",
        "§ 202a Abs. 1", "Artikel 138ab", "24.2.b" and eIds.
        """
        from treatydiff._citation import resolve

        return resolve(self, citation)

    def citation(self, eid: str) -> str:
        """A printed citation for the provision at ``eid``: "Article 24(2)(b)", "§ 202a(1)"."""
        from treatydiff._citation import cite

        return cite(self, eid)

    def page_label(self, page: int | None) -> str | None:
        """The page number printed on physical page ``page`` ("12", "iv"), if the reader found it.

        PDF pages are numbered from the file's first page (``SourceSpan.page``);
        the number printed on the page is what a citation quotes.

        >>> Document.build(title="t", provisions=[], metadata={"page_labels": "2=1 3=2"}).page_label(3)
        '2'
        """
        if page is None:
            return None
        for pair in dict(self.metadata).get("page_labels", "").split():
            physical, _, label = pair.partition("=")
            if physical == str(page):
                return label
        return None

    def articles(self) -> tuple[Provision, ...]:
        """The quotable units (articles, or sections of a code), in order."""
        return tuple(p for p in self.walk() if p.kind in UNIT_KINDS)

    # -- text ---------------------------------------------------------------
    def text(self) -> str:
        """Plain text of the whole document, one provision per line."""
        return "\n".join(p.full_text() for p in self.provisions)

    def outline(self, *, depth: int = 2) -> str:
        """An indented outline of the tree down to ``depth`` levels below the top."""
        out = [self.title]
        for node, parents in self.walk_with_parents():
            if len(parents) > depth:
                continue
            first = node.text.split("\n", 1)[0]
            if len(first) > 60:
                first = first[:57] + "..."
            name = node.title if (node.label or node.heading or node.number) else first
            out.append("  " * (len(parents) + 1) + f"{name}  [{node.eid}]")
        return "\n".join(out)

    # -- serialisation ------------------------------------------------------
    def records(self) -> Iterator[dict[str, Any]]:
        """One flat row per provision, ready for ``pandas.DataFrame(doc.records())``."""
        for node, parents in self.walk_with_parents():
            yield {
                "eid": node.eid,
                "citation": self.citation(node.eid),
                "kind": node.kind,
                "number": node.number,
                "label": node.label,
                "heading": node.heading,
                "text": node.text,
                "depth": len(parents),
                "parent": parents[-1].eid if parents else None,
                "start_line": node.span.start_line if node.span else None,
                "end_line": node.span.end_line if node.span else None,
                "page": node.span.page if node.span else None,
                "page_label": self.page_label(node.span.page if node.span else None),
                "annotations": len(node.annotations),
            }

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict following the ``treatydiff/document@1`` schema (docs/reference)."""
        from treatydiff._serial import document_to_dict

        return document_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Document:
        """Inverse of :meth:`to_dict`; raises :class:`~treatydiff.errors.SchemaError`."""
        from treatydiff._serial import document_from_dict

        return document_from_dict(data)

    def with_provisions(self, provisions: Sequence[Provision]) -> Document:
        """A copy with other top-level provisions (eIds reassigned)."""
        return attrs.evolve(self, provisions=assign_eids(provisions))


# -- eIds -------------------------------------------------------------------

_EID_UNSAFE = re.compile(r"[^0-9A-Za-z]+")


def eid_component(kind: str, number: str | None, ordinal: int) -> str:
    """One ``prefix_number`` component; unnumbered nodes get ``prefix_nnN``."""
    prefix = EID_PREFIXES[kind]
    if kind in ("preamble", "conclusions"):
        return kind
    if number:
        cleaned = _EID_UNSAFE.sub("-", number.strip()).strip("-").lower()
        if cleaned:
            return f"{prefix}_{cleaned}"
    return f"{prefix}_nn{ordinal}"


def assign_eids(provisions: Sequence[Provision], parent: str = "") -> tuple[Provision, ...]:
    """Give every provision a unique eId from its kind, number and ancestors.

    Siblings that would share an eId (a reused number, two unnumbered
    paragraphs) are told apart by a ``_2``, ``_3`` suffix in document order.
    """
    seen: dict[str, int] = {}
    counts: dict[str, int] = {}
    out = []
    for node in provisions:
        prefix = EID_PREFIXES[node.kind]
        counts[prefix] = counts.get(prefix, 0) + 1
        comp = eid_component(node.kind, node.number, counts[prefix])
        if comp in seen:
            seen[comp] += 1
            comp = f"{comp}_{seen[comp]}"
        else:
            seen[comp] = 1
        eid = f"{parent}__{comp}" if parent else comp
        children = assign_eids(node.children, eid)
        out.append(attrs.evolve(node, eid=eid, children=children))
    return tuple(out)


# -- alignment ----------------------------------------------------------------

#: Primary kind of a match.  A match that is both renumbered and reworded has
#: kind "renumbered" and ``text_changed`` True: the flags carry the rest.
MATCH_KINDS = (
    "unchanged",
    "changed",
    "renumbered",
    "moved",
    "split",
    "merged",
    "inserted",
    "deleted",
)

#: How a match was made, strongest evidence first.
MATCH_METHODS = ("address", "heading", "fuzzy", "structure", "position", "none")

#: Values of :attr:`Match.cross_level`: "" for a match within one level, else
#: the side whose eId stands for the own text of a unit (see :class:`Match`).
CROSS_LEVELS = ("", "old", "new")


@attrs.frozen
class Match:
    """One correspondence between provisions of an old and a new document.

    ``old``/``new`` are tuples of eIds: one each for a plain match, one old and
    several new for a split, several old and one new for a merge, empty on one
    side for an insertion or deletion.  ``score`` is the confidence in [0, 1];
    ``similarity`` the text similarity in [0, 1] that went into it.

    ``cross_level`` marks text that changed level: ``"new"`` when the new
    side names a unit (an article, a section) whose *own text* only (not its
    paragraphs, which have matches of their own) is what the old provision
    became: a sole paragraph "1." that lost its number, or a paragraph of a
    split article that is now the whole text of a new article.  ``"old"`` is
    the reverse (an article's own text became paragraph "1.").  That unit's
    own match is elsewhere (an article to article match); :meth:`Alignment.for_new`
    and :meth:`Alignment.for_old` return it, :meth:`Alignment.for_new_text`
    and :meth:`Alignment.for_old_text` return the match of its text.  The
    number on the own-text side is ``None`` (the text has none of its own);
    ``level`` is the kind of the other side ("paragraph").
    """

    old: tuple[str, ...] = attrs.field(converter=_tuple)
    new: tuple[str, ...] = attrs.field(converter=_tuple)
    kind: str
    score: float
    method: str
    level: str
    old_numbers: tuple[str | None, ...] = attrs.field(default=(), converter=_tuple)
    new_numbers: tuple[str | None, ...] = attrs.field(default=(), converter=_tuple)
    similarity: float = 1.0
    text_changed: bool = False
    renumbered: bool = False
    moved: bool = False
    cross_level: str = ""

    def __attrs_post_init__(self) -> None:
        if self.kind not in MATCH_KINDS:
            raise ValueError(f"match kind {self.kind!r}: expected one of {MATCH_KINDS}")
        if self.method not in MATCH_METHODS:
            raise ValueError(f"match method {self.method!r}: expected one of {MATCH_METHODS}")
        if self.cross_level not in CROSS_LEVELS:
            raise ValueError(
                f"match cross_level {self.cross_level!r}: expected one of {CROSS_LEVELS}"
            )
        if self.cross_level and (len(self.old) != 1 or len(self.new) != 1):
            raise ValueError(
                f"cross-level match {self.old}->{self.new}: expected one old and one new eId"
            )

    @property
    def own_text_old(self) -> str | None:
        """The old unit whose own text (only) this match holds, if ``cross_level == "old"``."""
        return self.old[0] if self.cross_level == "old" else None

    @property
    def own_text_new(self) -> str | None:
        """The new unit whose own text (only) this match holds, if ``cross_level == "new"``."""
        return self.new[0] if self.cross_level == "new" else None


@attrs.frozen
class Alignment:
    """The result of :func:`treatydiff.align`: both documents and every match.

    **Order of** ``matches``: a pre-order walk of the *match tree*.  A match's
    parent is the match holding the parent of its first new provision (for a
    deletion: of its first old provision); top-level matches are the roots.
    Siblings come in new-document order; a deletion comes right after the
    sibling match that holds its nearest preceding old sibling (first if
    there is none), several deletions in old-document order.  So a renderer
    can print ``matches`` top to bottom: chapter, its articles, each article's
    paragraphs, their points.  :meth:`children_matches`, :meth:`parent_match`
    and :meth:`walk` give the same tree explicitly.

    **Coverage**: at ``level="paragraph"`` every provision of both documents
    is in exactly one match; at ``level="article"`` every container and unit
    (article, section, preamble, annex...) is, and what lies inside units is in
    no match (diff the units' full text instead).  A *cross-level* match
    (:attr:`Match.cross_level`) names, on its own-text side, a unit that also
    has its own match: it does not count for coverage on that side, and sits
    in the match tree as the first child of that unit's match when the unit
    is on the new side.  Its other side (the paragraph) counts as usual.
    """

    old: Document
    new: Document
    matches: tuple[Match, ...] = attrs.field(converter=_tuple)
    #: Deepest level aligned: "article" or "paragraph" (everything down to clauses).
    level: str = "paragraph"
    #: The similarity cutoff the alignment was made with.
    score_cutoff: float = 0.5
    _tree_cache: Any = attrs.field(default=None, init=False, eq=False, repr=False, hash=False)

    # -- lookups ------------------------------------------------------------
    def _tree(self) -> dict[str, Any]:
        if self._tree_cache is None:
            object.__setattr__(self, "_tree_cache", _match_tree(self.old, self.new, self.matches))
        return self._tree_cache

    def for_old(self, eid: str) -> Match | None:
        """The match that involves the old provision ``eid`` (None if unaligned)."""
        k = self._tree()["old"].get(eid)
        return None if k is None else self.matches[k]

    def for_new(self, eid: str) -> Match | None:
        """The match that involves the new provision ``eid`` (None if unaligned)."""
        k = self._tree()["new"].get(eid)
        return None if k is None else self.matches[k]

    def for_old_text(self, eid: str) -> Match | None:
        """The match holding the own text of the old provision ``eid``.

        The cross-level match when that text became a paragraph elsewhere
        (``cross_level == "old"``), else :meth:`for_old`.
        """
        k = self._tree()["old_text"].get(eid)
        return self.for_old(eid) if k is None else self.matches[k]

    def for_new_text(self, eid: str) -> Match | None:
        """The match holding the own text of the new provision ``eid``.

        The cross-level match when that text was a paragraph of the old
        version (``cross_level == "new"``), else :meth:`for_new`.

        >>> # alignment.for_new_text("art_11").old  ->  ("art_9__para_1",)
        """
        k = self._tree()["new_text"].get(eid)
        return self.for_new(eid) if k is None else self.matches[k]

    def cross_level(self) -> tuple[Match, ...]:
        """Matches of text that changed level (see :attr:`Match.cross_level`)."""
        return tuple(m for m in self.matches if m.cross_level)

    def of_kind(self, *kinds: str) -> tuple[Match, ...]:
        return tuple(m for m in self.matches if m.kind in kinds)

    def at_level(self, *levels: str) -> tuple[Match, ...]:
        """Matches of the given provision kinds: ``at_level("article", "section")``."""
        return tuple(m for m in self.matches if m.level in levels)

    @property
    def inserted(self) -> tuple[Match, ...]:
        return self.of_kind("inserted")

    @property
    def deleted(self) -> tuple[Match, ...]:
        return self.of_kind("deleted")

    def _repr_html_(self) -> str:
        """A compact table of the matches, for notebooks."""
        from treatydiff.render.html import alignment_html

        return alignment_html(self)

    # -- the match tree -----------------------------------------------------
    def _index_of(self, match: Match) -> int:
        tree = self._tree()
        if match.new and match.cross_level != "new":
            k = tree["new"].get(match.new[0])
        else:
            k = tree["old"].get(match.old[0]) if match.old else None
        if k is None or self.matches[k] != match:
            raise ValueError(f"match {match.old}->{match.new} is not part of this alignment")
        return k

    def roots(self) -> tuple[Match, ...]:
        """Top-level matches (chapters, or articles of a document without chapters)."""
        return tuple(self.matches[k] for k in self._tree()["children"].get(None, ()))

    def children_matches(self, match: Match) -> tuple[Match, ...]:
        """Matches of the children of ``match``'s provisions, in rendering order.

        >>> # for m in alignment.roots(): for c in alignment.children_matches(m): ...
        """
        k = self._index_of(match)
        return tuple(self.matches[c] for c in self._tree()["children"].get(k, ()))

    def parent_match(self, match: Match) -> Match | None:
        """The match holding the parent of ``match`` (None for a root)."""
        p = self._tree()["parent"][self._index_of(match)]
        return None if p is None else self.matches[p]

    def walk(self) -> Iterator[tuple[Match, int]]:
        """Every match with its depth in the match tree, in the order of :attr:`matches`."""
        depth = self._tree()["depth"]
        for k, m in enumerate(self.matches):
            yield m, depth[k]

    def pairs(self, *levels: str) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
        """``(old eIds, new eIds)`` of every match that is not an insertion or deletion."""
        return tuple(
            (m.old, m.new)
            for m in self.matches
            if m.old and m.new and (not levels or m.level in levels)
        )

    def summary(self, *levels: str) -> dict[str, int]:
        """How many matches of each kind (at ``levels``, or all), in :data:`MATCH_KINDS` order."""
        counts = {k: 0 for k in MATCH_KINDS}
        for m in self.matches:
            if not levels or m.level in levels:
                counts[m.kind] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict following the ``treatydiff/alignment@1`` schema."""
        from treatydiff.align._serial import alignment_to_dict

        return alignment_to_dict(self)

    def in_tree_order(self) -> Alignment:
        """A copy whose ``matches`` follow the documented order (see the class docstring)."""
        order = self._tree()["order"]
        return attrs.evolve(self, matches=tuple(self.matches[k] for k in order))


def _match_tree(old: Document, new: Document, matches: Sequence[Match]) -> dict[str, Any]:
    """Index matches by eId and arrange them as a tree (see :class:`Alignment`)."""
    old_idx: dict[str, int] = {}
    new_idx: dict[str, int] = {}
    # The own-text side of a cross-level match is indexed apart: the unit it
    # names has its own match, which for_old/for_new must keep returning.
    old_text: dict[str, int] = {}
    new_text: dict[str, int] = {}
    for k, m in enumerate(matches):
        for e in m.old:
            (old_text if m.cross_level == "old" else old_idx).setdefault(e, k)
        for e in m.new:
            (new_text if m.cross_level == "new" else new_idx).setdefault(e, k)
    old_parent: dict[str, str | None] = {}
    old_pos: dict[str, int] = {}
    for i, (node, parents) in enumerate(old.walk_with_parents()):
        old_parent[node.eid] = parents[-1].eid if parents else None
        old_pos[node.eid] = i
    new_parent: dict[str, str | None] = {}
    new_pos: dict[str, int] = {}
    for i, (node, parents) in enumerate(new.walk_with_parents()):
        new_parent[node.eid] = parents[-1].eid if parents else None
        new_pos[node.eid] = i

    parent: list[int | None] = []
    for k, m in enumerate(matches):
        if m.cross_level == "new":
            # The text stands inside the unit: first among that unit's children.
            pk = new_idx.get(m.new[0])
        elif m.new:
            p = new_parent.get(m.new[0])
            pk = new_idx.get(p) if p is not None else None
        else:
            p = old_parent.get(m.old[0])
            pk = old_idx.get(p) if p is not None else None
        parent.append(None if pk == k else pk)

    groups: dict[int | None, list[int]] = {}
    for k, pk in enumerate(parent):
        groups.setdefault(pk, []).append(k)
    children: dict[int | None, tuple[int, ...]] = {}
    for pk, ks in groups.items():
        placed = sorted(
            (k for k in ks if matches[k].new),
            key=lambda k: (min(new_pos.get(e, 0) for e in matches[k].new), k),
        )
        rank = {k: r for r, k in enumerate(placed)}
        anchors = sorted(
            (min(old_pos.get(e, 0) for e in matches[k].old), rank[k])
            for k in placed
            if matches[k].old
        )
        anchor_pos = [pos for pos, _ in anchors]
        keyed = [((rank[k], 0, 0), k) for k in placed]
        for k in ks:
            if matches[k].new:
                continue
            op = min(old_pos.get(e, 0) for e in matches[k].old)
            at = bisect.bisect_left(anchor_pos, op)
            keyed.append(((anchors[at - 1][1] if at else -1, 1, op), k))
        keyed.sort()
        children[pk] = tuple(k for _, k in keyed)

    order: list[int] = []
    depth = [0] * len(matches)
    stack = [(k, 0) for k in reversed(children.get(None, ()))]
    seen: set[int] = set()
    while stack:
        k, d = stack.pop()
        if k in seen:
            continue
        seen.add(k)
        order.append(k)
        depth[k] = d
        stack.extend((c, d + 1) for c in reversed(children.get(k, ())))
    # Anything unreachable (a parent outside the alignment) goes last, in input order.
    order.extend(k for k in range(len(matches)) if k not in seen)
    return {
        "old": old_idx,
        "new": new_idx,
        "old_text": old_text,
        "new_text": new_text,
        "parent": parent,
        "children": children,
        "order": order,
        "depth": depth,
    }


# -- safeguard findings -------------------------------------------------------


@attrs.frozen
class Evidence:
    """A quotable phrase: the provision it stands in and its character offsets.

    ``start``/``end`` index :attr:`Provision.text` of the provision at ``eid``,
    so ``doc.get(eid).text[start:end] == phrase``.
    """

    eid: str
    citation: str
    phrase: str
    start: int
    end: int


#: Directions of a finding.  ``present`` is used when one text is audited alone.
DIRECTIONS = ("weakened", "strengthened", "present")


@attrs.frozen
class Finding:
    """A change (or, for one text alone, a feature) that bears on a safeguard."""

    category: str
    direction: str
    severity: str
    rule: str
    explanation: str
    old: Evidence | None = None
    new: Evidence | None = None


def validate_schema_version(data: Mapping[str, Any], expected: str) -> None:
    found = data.get("schema")
    if found != expected:
        raise SchemaError(f"schema {found!r} is not supported", expected=repr(expected))
