"""The safeguard rules: compare the clauses of aligned provisions.

Each rule reads clause features (see :mod:`treatydiff.safeguards.clauses`) on
both sides of one :class:`~treatydiff.model.Match` and reports what changed in
the strength of an obligation, in deferrals to national law or discretion, in
optional elements, safeguard terms, exceptions and scope.  Sentences are paired
across the two versions first (RapidFuzz over normalised words), so a change is
read in the clause where it happened and a moved sentence is not a change.

Counting rules compare multisets per key over the whole match: a phrase that
moves from one sentence to another of the same provision is no finding, and
"domestic law" reworded as "national law" (one deferral group) is none either.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import attrs
from rapidfuzz import fuzz, process

from treatydiff.errors import TreatydiffError
from treatydiff.model import UNIT_KINDS, Alignment, Document, Evidence, Finding, Match, Provision
from treatydiff.safeguards._reach import Alternative, alternatives, conditions, qualifiers
from treatydiff.safeguards._references import cited, reach, references
from treatydiff.safeguards.clauses import Clause, Hit, analyse, split_clauses
from treatydiff.safeguards.lexicon import Lexicon

__all__ = ["CATEGORIES", "SEVERITIES", "analyse_alignment", "analyse_document"]

#: Every category, as (weakening, strengthening) pairs.
CATEGORY_PAIRS: tuple[tuple[str, str], ...] = (
    ("modal_downgrade", "modal_upgrade"),
    ("deferral_added", "deferral_removed"),
    ("safeguard_term_deleted", "safeguard_term_added"),
    ("element_made_optional", "element_made_mandatory"),
    ("exception_widened", "exception_narrowed"),
    ("scope_expanded", "scope_narrowed"),
    ("moved_to_preamble", "moved_from_preamble"),
)
#: Categories used by :func:`analyse_document` (one text, direction "present").
PRESENT_CATEGORIES = ("deferral", "optional_element", "exception", "weak_modal", "safeguard_term")
CATEGORIES = tuple(c for pair in CATEGORY_PAIRS for c in pair) + PRESENT_CATEGORIES
SEVERITIES = ("low", "medium", "high")

#: A clause naming a safeguard at least this similar (0-100) to one elsewhere in
#: the other version moved there (a word or two changed); the safeguard stayed.
_MOVED_CUTOFF = 80.0
#: Sentence pairs below this similarity (0-100) are treated as different sentences.
PAIR_CUTOFF = 60.0
#: Subjects less similar than this are different obligations: their modals are not compared.
SUBJECT_CUTOFF = 45.0
_WORDS = re.compile(r"\w+")
_PREAMBLE_KINDS = frozenset({"preamble", "recital"})


def _lower(severity: str, steps: int = 1) -> str:
    return SEVERITIES[max(0, SEVERITIES.index(severity) - steps)]


@attrs.frozen
class _Unit:
    """One provision with its analysed clauses."""

    eid: str
    citation: str
    provision: Provision = attrs.field(eq=False, repr=False)
    clauses: tuple[Clause, ...]
    preamble: bool


@attrs.frozen
class _Ref:
    """A clause of a side of a match, with the unit it stands in."""

    unit: _Unit
    clause: Clause


class _DocInfo:
    """Per-document lookups computed once: order, parents, preamble membership."""

    def __init__(self, doc: Document, lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.order: dict[str, int] = {}
        self.parent: dict[str, Provision | None] = {}
        self.preamble: set[str] = set()
        self.children: dict[str, tuple[Provision, ...]] = {}
        for i, (node, parents) in enumerate(doc.walk_with_parents()):
            self.order[node.eid] = i
            self.parent[node.eid] = parents[-1] if parents else None
            self.children[node.eid] = node.children
            if node.kind in _PREAMBLE_KINDS or any(p.kind in _PREAMBLE_KINDS for p in parents):
                self.preamble.add(node.eid)
        self._units: dict[str, _Unit] = {}
        self._clause_norms: tuple[str, ...] | None = None
        self._term_norms: dict[tuple[str, bool], tuple[str, ...]] = {}
        self._article_terms: dict[str, Counter[str]] = {}
        #: parent eId -> the clause that opens its list (see _list_opener)
        self.openers: dict[str, tuple[Provision, Clause] | None] = {}
        #: provisions this side alone has (inserted or deleted), set by analyse_alignment
        self.one_sided: set[str] = set()
        #: eId -> the eIds the other side's matches pair it with, set by analyse_alignment
        self.counterparts: dict[str, tuple[str, ...]] = {}
        #: (definition eId, term) -> the role the term's uses give it (see _definition_role)
        self.definition_roles: dict[tuple[str, str], tuple[str, str] | None] = {}

    @functools.cached_property
    def numbers(self) -> frozenset[str]:
        """The numbers of the document's articles and sections ("177a", "100e")."""
        return frozenset(
            p.number.lower() for p in self.doc.walk() if p.kind in UNIT_KINDS and p.number
        )

    def has_clause(self, norm: str) -> bool:
        """Whether some clause of this document says ``norm`` nearly word for word."""
        if len(norm) < 40:
            return False  # short clauses ("Article 5.") recur by chance
        if self._clause_norms is None:
            norms = []
            for node in self.doc.walk():
                for a, b in split_clauses(node.text):
                    norms.append(" ".join(_WORDS.findall(node.text[a:b].lower())))
            self._clause_norms = tuple(norms)
        if norm in self._clause_norms:
            return True
        best = process.extractOne(norm, self._clause_norms, scorer=fuzz.ratio, score_cutoff=95)
        return best is not None

    def has_term_clause(self, norm: str, key: str, preamble: bool) -> bool:
        """Whether a clause of this document names safeguard ``key`` in much the same words.

        "Technical inaccuracies ... can lead to biased results and entail
        discriminatory effects" added to one recital while another recital of
        the old text said it with a word or two changed: the safeguard moved,
        it was not added.  Only clauses on the same side of the preamble count
        (a move into the recitals is a finding of its own).
        """
        if len(norm) < 40:
            return False
        if (key, preamble) not in self._term_norms:
            # One scan of the document with the term's own patterns, not a full
            # clause analysis of every provision (the index is needed rarely).
            regexes = [t.regex for t in self.lex.terms if t.key == key]
            found = []
            for node in self.doc.walk():
                if (node.eid in self.preamble) != preamble or not any(
                    r.search(node.text) for r in regexes
                ):
                    continue
                for a, b in split_clauses(node.text):
                    if any(r.search(node.text, a, b) for r in regexes):
                        found.append(" ".join(_WORDS.findall(node.text[a:b].lower())))
            self._term_norms[(key, preamble)] = tuple(found)
        choices = self._term_norms[(key, preamble)]
        best = process.extractOne(norm, choices, scorer=fuzz.ratio, score_cutoff=_MOVED_CUTOFF)
        return best is not None

    def unit(self, eid: str) -> _Unit:
        if eid not in self._units:
            prov = self.doc.get(eid)
            self._units[eid] = _Unit(
                eid,
                self.doc.citation(prov.eid),
                prov,
                analyse(prov.text, self.lex),
                prov.eid in self.preamble,
            )
        return self._units[eid]

    def article_terms(self, eid: str) -> Counter[str]:
        """Safeguard terms named anywhere in the article that holds ``eid``.

        A term that leaves one paragraph of an article and stays in (or moves
        to) another paragraph of the same article is not lost: a reader of the
        article still finds it.
        """
        node: Provision | None = self.doc.get(eid)
        article = None
        while node is not None:
            if node.kind in UNIT_KINDS:  # an article, or a section of a national code
                article = node
                break
            node = self.parent.get(node.eid)
        if article is None:
            return Counter()
        if article.eid not in self._article_terms:
            counts: Counter[str] = Counter()
            for sub in article.walk():
                for clause in self.unit(sub.eid).clauses:
                    counts.update(h.key for h in clause.terms)
            self._article_terms[article.eid] = counts
        return self._article_terms[article.eid]

    def side(self, eids: Sequence[str], covered: set[str]) -> tuple[_Unit, ...]:
        """The units of a match side: its provisions plus descendants no other match covers."""
        out: list[_Unit] = []

        def add(eid: str) -> None:
            out.append(self.unit(eid))
            for child in self.children.get(eid, ()):
                if child.eid not in covered:
                    add(child.eid)

        for eid in eids:
            add(self.doc.get(eid).eid)
        return tuple(out)


def _evidence(unit: _Unit, start: int, end: int) -> Evidence:
    return Evidence(unit.eid, unit.citation, unit.provision.text[start:end], start, end)


def _quote(ref: _Ref, limit: int = 120) -> Evidence:
    """The opening words of a clause (up to ``limit`` characters, cut at a word)."""
    c = ref.clause
    end = c.end
    if end - c.start > limit:
        cut = ref.unit.provision.text.rfind(" ", c.start, c.start + limit)
        end = cut if cut > c.start else c.start + limit
    return _evidence(ref.unit, c.start, end)


def _hit_ev(ref: _Ref, hit: Hit) -> Evidence:
    return _evidence(ref.unit, hit.start, hit.end)


def _modal_ev(ref: _Ref | None) -> Evidence | None:
    if ref is None:
        return None
    if ref.clause.modal is not None:
        m = ref.clause.modal
        return _evidence(ref.unit, m.start, m.end)
    return _quote(ref)


def _norm_text(units: Iterable[_Unit]) -> str:
    return " ".join(" ".join(u.provision.text.split()) for u in units)


def _pair(old: Sequence[_Ref], new: Sequence[_Ref]) -> tuple[dict[int, int], dict[int, float]]:
    """Greedy one-to-one pairing of new clauses with old ones, best similarity first."""
    scores = []
    for j, n in enumerate(new):
        for i, o in enumerate(old):
            a, b = o.clause.norm, n.clause.norm
            if a == b:
                s = 100.0
            else:
                s = max(fuzz.ratio(a, b), 0.85 * fuzz.token_set_ratio(a, b))
            if s >= PAIR_CUTOFF:
                scores.append((-s, j, i))
    scores.sort()
    new_to_old: dict[int, int] = {}
    used: set[int] = set()
    sim: dict[int, float] = {}
    for s, j, i in scores:
        if j in new_to_old or i in used:
            continue
        new_to_old[j] = i
        used.add(i)
        sim[j] = -s
    return new_to_old, sim


# -- finding builders ----------------------------------------------------------------


class _Collector:
    def __init__(self, penalty: int) -> None:
        self.penalty = penalty
        self.items: list[tuple[Finding, int]] = []

    def add(
        self,
        category: str,
        direction: str,
        severity: str,
        rule: str,
        explanation: str,
        old: Evidence | None,
        new: Evidence | None,
        *,
        extra_penalty: int = 0,
        preamble: bool = False,
    ) -> None:
        steps = self.penalty + extra_penalty + (1 if preamble else 0)
        if preamble:
            explanation += " (in the preamble or a recital, which does not bind by itself)"
        self.items.append(
            (Finding(category, direction, _lower(severity, steps), rule, explanation, old, new), 0)
        )


_STRENGTH_WORDS = {4: "binding", 3: "qualified", 2: "hortatory", 1: "permissive"}


def _restricted(ref: _Ref, lex: Lexicon) -> bool:
    """A permission that only admits something ("may only", "dürfen nur"), a limit."""
    modal = ref.clause.modal
    if modal is None or modal.strength != 1 or lex.restrictive is None:
        return False
    text = ref.unit.provision.text
    # the word may follow the modal ("may only") or close the verb-final
    # clause's middle field ("dürfen ... nur für die Kontrolle verwendet werden")
    window = " ".join(text[modal.end : min(ref.clause.end, modal.end + 80)].split()[:6])
    return lex.restrictive.search(window) is not None


def _compare_modals(col: _Collector, o: _Ref, n: _Ref, sim: float, lex: Lexicon) -> None:
    mo, mn = o.clause.modal, n.clause.modal
    if mo is None or mn is None:
        return  # a present-tense statement ("is prohibited") is not weaker than "shall"
    if o.clause.subject and n.clause.subject:
        if (
            fuzz.token_set_ratio(o.clause.subject.lower(), n.clause.subject.lower())
            < SUBJECT_CUTOFF
        ):
            return  # a different actor: a different obligation, not a change of strength
    if _restricted(o, lex) or _restricted(n, lex):
        return  # "may only be used for checks" is a limit; "shall be deleted" is another rule
    if mo.polarity == mn.polarity:
        delta = mn.strength - mo.strength
    elif mo.polarity == "prohibition" and mn.strength == 1:
        delta = -3  # "shall not" -> "may": a prohibition became a permission
    elif mn.polarity == "prohibition" and mo.strength == 1:
        delta = 3
    else:
        return
    if delta == 0:
        return
    # A modal change that creates (or removes) an optional element is reported
    # once, as element_made_optional / element_made_mandatory.
    if delta < 0 and any(h.start == mn.start for h in n.clause.optionals):
        return
    if delta > 0 and any(h.start == mo.start for h in o.clause.optionals):
        return
    size = abs(delta)
    severity = "high" if size >= 2 else ("medium" if max(mo.strength, mn.strength) == 4 else "low")
    what = "prohibition" if "prohibition" in (mo.polarity, mn.polarity) else "obligation"
    old_desc = f"'{mo.phrase}' ({mo.label})"
    new_desc = f"'{mn.phrase}' ({mn.label})"
    if delta < 0:
        explanation = (
            f"The {what} was weakened: {old_desc} became {new_desc}"
            f" in the corresponding sentence of {n.unit.citation}."
        )
        category, direction, rule = (
            "modal_downgrade",
            "weakened",
            f"modal:{mo.strength}->{mn.strength}",
        )
    else:
        explanation = (
            f"The {what} was strengthened: {old_desc} became {new_desc}"
            f" in the corresponding sentence of {n.unit.citation}."
        )
        category, direction, rule = (
            "modal_upgrade",
            "strengthened",
            f"modal:{mo.strength}->{mn.strength}",
        )
    col.add(
        category,
        direction,
        severity,
        rule,
        explanation,
        _modal_ev(o),
        _modal_ev(n),
        extra_penalty=1 if sim < 70 else 0,
        preamble=n.unit.preamble and o.unit.preamble,
    )


def _first_per_clause(hits: Sequence[tuple[int, Hit]]) -> list[tuple[int, Hit]]:
    seen: set[int] = set()
    out = []
    for i, h in sorted(hits, key=lambda ih: (ih[0], ih[1].start)):
        if i not in seen:
            seen.add(i)
            out.append((i, h))
    return out


def _spread(hits: Sequence[tuple[int, Hit]]) -> list[tuple[int, Hit]]:
    """One hit per clause first (the change is shown where it happened), then the rest.

    When the count grew by two in one clause ("under its domestic law ... in
    accordance with its domestic law"), both additions are reported.
    """
    first = _first_per_clause(hits)
    chosen = list(first)
    for i, h in sorted(hits, key=lambda ih: (ih[0], ih[1].start)):
        # Hits a few words apart are one phrase ("security research carried out
        # in good faith"): reported once.
        if not any(i == k and abs(h.start - g.start) < 40 for k, g in chosen):
            chosen.append((i, h))
    return chosen


def _multiset_diff(
    old: Sequence[tuple[int, Hit]], new: Sequence[tuple[int, Hit]], n2o: dict[int, int]
) -> tuple[list[tuple[int, Hit]], list[tuple[int, Hit]]]:
    """Hits of a key that the other side lacks: (added new hits, removed old hits).

    Counts decide whether a key was added or removed; the evidence is taken
    from the clauses whose counterpart lacks the key, so the quote points at
    the sentence where the change happened.
    """
    o2n = {v: k for k, v in n2o.items()}
    added: list[tuple[int, Hit]] = []
    removed: list[tuple[int, Hit]] = []
    keys = sorted({h.key for _, h in old} | {h.key for _, h in new})
    for key in keys:
        ok = [(i, h) for i, h in old if h.key == key]
        nk = [(j, h) for j, h in new if h.key == key]
        old_clauses = Counter(i for i, _ in ok)
        new_clauses = Counter(j for j, _ in nk)
        # Only a clause whose counterpart lacks the key entirely (or that has no
        # counterpart) shows the change: a phrase said twice where it was said
        # once, or a sentence split in two, is no new safeguard or deferral.
        if len(nk) > len(ok):
            fresh = [(j, h) for j, h in nk if not (j in n2o and old_clauses.get(n2o[j]))]
            added.extend(_spread(fresh)[: len(nk) - len(ok)])
        elif len(ok) > len(nk):
            gone = [(i, h) for i, h in ok if not (i in o2n and new_clauses.get(o2n[i]))]
            removed.extend(_spread(gone)[: len(ok) - len(nk)])
    return added, removed


_FEATURES = {
    # feature: (weakening category, strengthening category, adding weakens?)
    "deferrals": ("deferral_added", "deferral_removed", True),
    "optionals": ("element_made_optional", "element_made_mandatory", True),
    "exceptions": ("exception_widened", "exception_narrowed", True),
    "broad": ("scope_expanded", "scope_narrowed", True),
    "narrow": ("scope_expanded", "scope_narrowed", False),
    "terms": ("safeguard_term_deleted", "safeguard_term_added", False),
}


def _feature_severity(feature: str, hit: Hit, ref: _Ref) -> str:
    if feature == "deferrals":
        binding = ref.clause.modal is not None and ref.clause.modal.strength >= 3
        return "high" if hit.key == "domestic_law" and binding else "medium"
    if feature == "optionals":
        return "high"
    if feature == "terms":
        return "high" if hit.core else "medium"
    return "medium"


def _feature_text(feature: str, hit: Hit, gained: bool) -> str:
    q = f"'{hit.phrase}'"
    if feature == "deferrals":
        what = "national law" if hit.key == "domestic_law" else "each state's discretion"
        return (
            f"The text now defers to {what}: {q} was added."
            if gained
            else f"A deferral to {what} was removed: {q} no longer qualifies the text."
        )
    if feature == "optionals":
        return (
            f"An element became optional for each state: {q} was added."
            if gained
            else f"An optional element or reservation was removed ({q}): it now applies to all."
        )
    if feature == "exceptions":
        return (
            f"A new exception was introduced: {q}."
            if gained
            else f"An exception was removed: {q} no longer appears."
        )
    if feature == "broad":
        return (
            f"The scope was widened: {q} was added."
            if gained
            else f"Broad scope wording was removed: {q}."
        )
    if feature == "narrow":
        return (
            f"A limiting word was added: {q}."
            if gained
            else f"A limiting word was removed, widening the scope: {q}."
        )
    name = hit.key.replace("_", " ")
    return (
        f"A safeguard term ({name}) was added: {q}."
        if gained
        else f"A safeguard term ({name}) was deleted: {q} has no counterpart in the new text."
    )


def _compare_features(
    col: _Collector,
    olds: Sequence[_Ref],
    news: Sequence[_Ref],
    n2o: dict[int, int],
    sims: dict[int, float],
    lex: Lexicon,
    moved: Callable[[_Ref, str, str | None], bool],
    article_keeps: Callable[[_Ref, str, str], bool] = lambda ref, side, key: False,
    article_named: Callable[[_Ref, str], bool] = lambda ref, key: False,
    in_offence: Callable[[_Ref, str], bool] = lambda ref, side: True,
) -> None:
    o2n = {v: k for k, v in n2o.items()}
    new_keys = {
        feature: Counter(h.key for r in news for h in getattr(r.clause, feature))
        for feature in _FEATURES
    }
    # Exceptions first: the words of an exception that was added or removed
    # ("unless strictly necessary") belong to the exception, not to the rule,
    # so they are not reported again as a safeguard or scope change.
    ex_old = [(i, h) for i, r in enumerate(olds) for h in r.clause.exceptions]
    ex_new = [(j, h) for j, r in enumerate(news) for h in r.clause.exceptions]
    ex_added, ex_removed = _multiset_diff(ex_old, ex_new, n2o)

    # A dispensation ("the notification may be postponed") carves out the
    # safeguard its clause names, wherever in the clause it stands.
    def opens(refs: Sequence[_Ref], k: int, h: Hit) -> int:
        return refs[k].clause.start - 1 if h.label in lex.dispensations else h.start

    inside_old = {i: opens(olds, i, h) for i, h in ex_removed}
    inside_new = {j: opens(news, j, h) for j, h in ex_added}

    def outside(hits: list[tuple[int, Hit]], inside: dict[int, int], feature: str):
        if feature not in ("terms", "narrow", "broad"):
            return hits  # a deferral inside an exception ("unless national law provides") stays one
        return [(i, h) for i, h in hits if not (i in inside and h.start > inside[i])]

    for feature, (weak_cat, strong_cat, adding_weakens) in _FEATURES.items():
        old_hits = outside(
            [(i, h) for i, r in enumerate(olds) for h in getattr(r.clause, feature)],
            inside_old,
            feature,
        )
        new_hits = outside(
            [(j, h) for j, r in enumerate(news) for h in getattr(r.clause, feature)],
            inside_new,
            feature,
        )
        added, removed = _multiset_diff(old_hits, new_hits, n2o)
        for j, hit in added:
            ref = news[j]
            counterpart = olds[n2o[j]] if j in n2o else None
            if counterpart is None and moved(ref, "new", hit.key if feature == "terms" else None):
                continue  # the sentence stands, (nearly) word for word, elsewhere in the old text
            if feature == "terms" and article_keeps(ref, "new", hit.key):
                continue  # the article named this safeguard as often before
            if feature == "terms" and not _term_counts(
                ref, hit, counterpart, lex, in_offence, "new"
            ):
                continue
            category = weak_cat if adding_weakens else strong_cat
            weakens = adding_weakens != _reversed(feature, ref, lex)
            category, weakens, note = _exception_reach(feature, ref, hit, True, category, weakens)
            col.add(
                category,
                "weakened" if weakens else "strengthened",
                _feature_severity(feature, hit, ref),
                f"{feature}:{hit.key}",
                _feature_text(feature, hit, True)
                + (note or _reach_note(feature, ref, lex, weakens)),
                _quote(counterpart) if counterpart else None,
                _hit_ev(ref, hit),
                extra_penalty=0 if counterpart is None or sims.get(j, 0) >= 70 else 1,
                preamble=ref.unit.preamble,
            )
        for i, hit in removed:
            ref = olds[i]
            counterpart = news[o2n[i]] if i in o2n else None
            if counterpart is None and moved(ref, "old", hit.key if feature == "terms" else None):
                continue  # the sentence stands, (nearly) word for word, elsewhere in the new text
            if feature == "terms" and article_keeps(ref, "old", hit.key):
                continue  # the article still names this safeguard as often as before
            if feature == "terms" and not _term_counts(
                ref, hit, counterpart, lex, in_offence, "old"
            ):
                continue
            category = strong_cat if adding_weakens else weak_cat
            weakens = (not adding_weakens) != _reversed(feature, ref, lex)
            category, weakens, note = _exception_reach(feature, ref, hit, False, category, weakens)
            penalty = 0
            if feature == "terms" and (
                new_keys["terms"].get(hit.key) or article_named(ref, hit.key)
            ):
                penalty = 1  # the safeguard is still named elsewhere in the provision or article
            col.add(
                category,
                "weakened" if weakens else "strengthened",
                _feature_severity(feature, hit, ref),
                f"{feature}:{hit.key}",
                _feature_text(feature, hit, False)
                + (note or _reach_note(feature, ref, lex, weakens)),
                _hit_ev(ref, hit),
                _quote(counterpart) if counterpart else None,
                extra_penalty=penalty,
                preamble=ref.unit.preamble,
            )


def _protective(clause: Clause, lex: Lexicon) -> bool:
    """Whether a clause prohibits, limits or refuses (rather than grants a power or duty)."""
    if clause.modal is not None and clause.modal.polarity == "prohibition":
        return True
    return lex.protective is not None and lex.protective.search(clause.text) is not None


def _reversed(feature: str, ref: _Ref, lex: Lexicon) -> bool:
    """Changes that read the other way.

    Scope in a prohibition: wider reach protects more.  An exception in an
    offence ("Absatz 1 gilt nicht für ... journalistische Tätigkeiten", "is not
    punishable if"): it takes conduct out of the criminal law, so a new or
    wider one protects more.
    """
    if feature in ("broad", "narrow"):
        return _protective(ref.clause, lex)
    if feature == "exceptions":
        return _offence(ref.unit, lex)
    return False


def _offence(unit: _Unit, lex: Lexicon) -> bool:
    """Does the provision create an offence ("shall be punished", "wird ... bestraft")?"""
    return lex.new_offence is not None and bool(lex.new_offence.search(unit.provision.text))


def _exception_reach(
    feature: str, ref: _Ref, hit: Hit, added: bool, category: str, weakens: bool
) -> tuple[str, bool, str]:
    """A scope phrase inside an exception sets the exception's reach.

    "shall not apply to systems used exclusively for military purposes": adding
    "exclusively" narrows what the exception takes out of the rule, so it is an
    exception narrowed (a strengthening), not a narrower scope of the rule.
    Returns the category, whether it weakens, and a note for the explanation.
    (A safeguard term put on an exception, "subject to appropriate safeguards
    for the rights and freedoms of third parties", stays a safeguard added:
    the labellers of the evaluation set split on it, see docs/safeguards.md.)
    """
    if feature not in ("broad", "narrow"):
        return category, weakens, ""
    if not any(e.start < hit.start for e in ref.clause.exceptions):
        return category, weakens, ""
    wider = (feature == "broad") == added
    if wider:
        return (
            "exception_widened",
            True,
            " The phrase sets the reach of an exception: it now takes more out of the rule.",
        )
    return (
        "exception_narrowed",
        False,
        " The phrase sets the reach of an exception: it now takes less out of the rule.",
    )


def _term_counts(
    ref: _Ref,
    hit: Hit,
    counterpart: _Ref | None,
    lex: Lexicon,
    in_offence: Callable[[_Ref, str], bool],
    side: str,
) -> bool:
    """Whether a safeguard term gained or lost in a changed provision is one.

    Not an element of an offence ("intentionally", "unauthorised") outside an
    offence: "resilient against attempts by unauthorised third parties"
    describes a threat.  Nor one in a sentence without a counterpart that
    makes an offence: its elements limit a new form of the offence (read by
    the reach rules), and those of an offence sentence that went are no loss,
    as those of a repealed offence.  Nor a right named to illustrate one the
    clause already names ("fundamental rights, including the right to
    non-discrimination").
    """
    if hit.key in _OFFENCE_ELEMENTS:
        if not in_offence(ref, side):
            return False
        if (
            counterpart is None
            and lex.new_offence is not None
            and lex.new_offence.search(ref.clause.text)
        ):
            return False
    if counterpart is not None and lex.illustrations is not None:
        text = ref.unit.provision.text
        base = max(ref.clause.start, hit.start - 60)
        before = text[base : hit.start]
        opened = list(lex.illustrations.finditer(before))
        last = opened[-1] if opened else None
        if last is not None and len(before[last.end() :].split()) <= 3:
            named = {h.key for h in counterpart.clause.terms}
            if any(
                h.key in named and hit.start - 80 <= h.end <= base + last.start()
                for h in ref.clause.terms
                if h is not hit
            ):
                return False
    return True


def _reach_note(feature: str, ref: _Ref, lex: Lexicon, weakens: bool) -> str:
    if not _reversed(feature, ref, lex):
        return ""
    if feature == "exceptions":
        if weakens:
            return " The provision creates an offence, so a narrower exception punishes more."
        return " The provision creates an offence, so the exception takes conduct out of it."
    if weakens:
        return " The clause prohibits or limits, so a narrower reach protects less."
    return " The clause prohibits or limits, so a wider reach protects more."


def _list_items(
    col: _Collector, olds: Sequence[_Ref], news: Sequence[_Ref], n2o: dict[int, int]
) -> None:
    """Items dropped from (or added to) a list of safeguards in paired sentences."""
    for j, i in sorted(n2o.items()):
        o, n = olds[i], news[j]
        if not o.clause.list_items or not n.clause.list_items:
            continue
        lost = [
            x
            for x in o.clause.list_items
            if not any(fuzz.ratio(x, y) >= 85 for y in n.clause.list_items)
        ]
        gained = [
            y
            for y in n.clause.list_items
            if not any(fuzz.ratio(x, y) >= 85 for x in o.clause.list_items)
        ]
        # An item reworded rather than dropped ("judicial or other independent
        # review" -> "independent review") is left to the term rule, which names
        # the very word that went ("judicial") instead of the whole item.
        reworded = {
            (x, y)
            for x in lost
            for y in gained
            if set(x.split()) <= set(y.split()) or set(y.split()) <= set(x.split())
        }
        lost = [x for x in lost if not any(x == a for a, _ in reworded)]
        gained = [y for y in gained if not any(y == b for _, b in reworded)]
        for item in lost:
            col.add(
                "safeguard_term_deleted",
                "weakened",
                "medium",
                "list_item_dropped",
                f"The list of safeguards lost an item: '{item}'.",
                _quote(o),
                _quote(n),
                preamble=n.unit.preamble,
            )
        for item in gained:
            col.add(
                "safeguard_term_added",
                "strengthened",
                "low",
                "list_item_added",
                f"The list of safeguards gained an item: '{item}'.",
                _quote(o),
                _quote(n),
                preamble=n.unit.preamble,
            )


# Where the enumeration after an exception marker ends: a full stop, semicolon
# or colon, or a comma before the main clause's modal ("..., the provider shall").
# A condition attached to the exception ("..., subject to appropriate
# safeguards", "provided that ...") ends the enumeration too: it is no ground.
_EXCEPTION_END = re.compile(
    r"[.;:]|,\s+(?=(?:[\w-]+\s+){0,3}(?:shall|should|must|may|is|are)\b)"
    r"|,?\s+(?:subject\s+to|provided\s+that|on\s+condition|in\s+accordance\s+with|upon|including)\b",
    re.IGNORECASE,
)
# Markers that enumerate what they take out ("with the exception of A, B and C"),
# and urgency clauses, whose items are what urgency allows ("the use may be
# commenced ... and the authorisation requested during or after the use"); a
# derogation or a saving clause names no list of grounds.
_ENUMERATING = re.compile(r"except|other\s+than|save|excluding|urgency", re.IGNORECASE)
_ITEM_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", re.IGNORECASE)


def _exception_items(ref: _Ref) -> dict[str, list[str]]:
    """The items each exception of a clause enumerates, keyed by the marker's words."""
    text = ref.unit.provision.text
    out: dict[str, list[str]] = {}
    for hit in ref.clause.exceptions:
        if not _ENUMERATING.search(hit.phrase):
            continue
        end = _EXCEPTION_END.search(text, hit.end, ref.clause.end)
        span = text[hit.end : end.start() if end else ref.clause.end]
        items = [" ".join(x.split()) for x in _ITEM_SPLIT.split(span)]
        # "points 1, 6 and 7": bare numbers are items too, but only words make
        # an item worth comparing on its own
        out.setdefault(" ".join(hit.phrase.lower().split()), []).extend(
            x for x in items if any(c.isalpha() for c in x)
        )
    return out


def _exception_lists(
    col: _Collector, olds: Sequence[_Ref], news: Sequence[_Ref], n2o: dict[int, int]
) -> None:
    """What an exception enumerates gained or lost items in paired sentences.

    "with the exception of systems referred to in points 1, 6 and 7 ... and
    point 2" -> "with the exception of systems referred to in point 2": the
    exception takes less out of the rule, though its marker stayed.
    """
    for j, i in sorted(n2o.items()):
        o, n = olds[i], news[j]
        before, after = _exception_items(o), _exception_items(n)
        for marker in sorted(before.keys() & after.keys()):
            xs, ys = before[marker], after[marker]
            lost = [x for x in xs if not any(fuzz.ratio(x, y) >= 85 for y in ys)]
            gained = [y for y in ys if not any(fuzz.ratio(x, y) >= 85 for x in xs)]
            # reworded items ("Annex III point 2" -> "point 2 of Annex III") are no change
            reworded_x = {x for x in lost for y in gained if _same_words(x, y)}
            reworded_y = {y for x in lost for y in gained if _same_words(x, y)}
            lost = [x for x in lost if x not in reworded_x]
            gained = [y for y in gained if y not in reworded_y]
            if lost and not gained:
                listed = "; ".join(f"'{x}'" for x in lost[:4])
                col.add(
                    "exception_narrowed",
                    "strengthened",
                    "medium",
                    "exception_items_dropped",
                    f"The exception introduced by '{marker}' no longer lists {listed}: "
                    "it takes less out of the rule.",
                    _quote(o),
                    _quote(n),
                    preamble=n.unit.preamble,
                )
            elif gained and not lost:
                listed = "; ".join(f"'{y}'" for y in gained[:4])
                col.add(
                    "exception_widened",
                    "weakened",
                    "medium",
                    "exception_items_added",
                    f"The exception introduced by '{marker}' now also lists {listed}: "
                    "it takes more out of the rule.",
                    _quote(o),
                    _quote(n),
                    preamble=n.unit.preamble,
                )


def _same_words(a: str, b: str) -> bool:
    x, y = (
        set(a.lower().split()) - {"of", "the", "in"},
        set(b.lower().split()) - {"of", "the", "in"},
    )
    return bool(x) and bool(y) and (x <= y or y <= x)


def _compare_changed(
    col: _Collector,
    olds: tuple[_Unit, ...],
    news: tuple[_Unit, ...],
    lex: Lexicon,
    infos: tuple[_DocInfo, _DocInfo],
) -> None:
    old_refs = [_Ref(u, c) for u in olds for c in u.clauses]
    new_refs = [_Ref(u, c) for u in news for c in u.clauses]
    n2o, sims = _pair(old_refs, new_refs)
    for j, i in sorted(n2o.items()):
        _compare_modals(col, old_refs[i], new_refs[j], sims[j], lex)

    def moved(ref: _Ref, side: str, key: str | None = None) -> bool:
        # A sentence without a counterpart in this match that the OTHER version
        # still has elsewhere moved (the aligner placed it apart): no change.
        # A safeguard term's sentence may have moved with a word or two changed.
        other = infos[1] if side == "old" else infos[0]
        if other.has_clause(ref.clause.norm):
            return True
        return key is not None and other.has_term_clause(ref.clause.norm, key, ref.unit.preamble)

    def article_keeps(ref: _Ref, side: str, key: str) -> bool:
        # A term that left (or joined) this paragraph while the article as a
        # whole names it as often as before moved within the article: no change.
        if side == "old":
            before = infos[0].article_terms(ref.unit.eid)[key]
            after = infos[1].article_terms(news[0].eid)[key]
            return 0 < before <= after
        before = infos[0].article_terms(olds[0].eid)[key]
        after = infos[1].article_terms(ref.unit.eid)[key]
        return 0 < after <= before

    def article_named(ref: _Ref, key: str) -> bool:
        return infos[1].article_terms(news[0].eid)[key] > 0

    def in_offence(ref: _Ref, side: str) -> bool:
        return _offence_words(infos[0] if side == "old" else infos[1], ref.unit) is not None

    _compare_features(
        col, old_refs, new_refs, n2o, sims, lex, moved, article_keeps, article_named, in_offence
    )
    _list_items(col, old_refs, new_refs, n2o)
    _exception_lists(col, old_refs, new_refs, n2o)
    _reach(col, old_refs, new_refs, n2o, lex, infos)


# Core terms a reference does not count: elements of an offence ("intentionally",
# "without right"), which protect no one from a measure, and courts, which a
# procedure code names in most provisions as the body that acts or decides.
_OFFENCE_ELEMENTS = frozenset({"intent", "without_right"})
_ELEMENTS = _OFFENCE_ELEMENTS | {"judicial"}


def _applied(info: _DocInfo, units: Sequence[_Unit]) -> tuple[dict[str, str], Evidence | None]:
    """Safeguard terms that references on this side bring in ("§ 100d gilt entsprechend").

    Returns {term key: the citation that brings it} and evidence for the first
    such reference.  Only core safeguards count (the core area of private life,
    purpose limitation, independence), less those in ``_ELEMENTS``.  A cited
    provision that this side itself holds (a paragraph citing its own section)
    brings nothing new.
    """
    lex = info.lex
    keys: dict[str, str] = {}
    first: Evidence | None = None
    if lex.applies is None:
        return keys, first
    own = {u.eid for u in units}
    for unit in units:
        for clause in unit.clauses:
            m = lex.applies.search(clause.text)
            if m is None:
                continue
            for citation in cited(clause.text[: m.end()]):
                try:
                    target = info.doc.find(citation)
                except (TreatydiffError, LookupError, ValueError):
                    continue  # a reference the document does not resolve: nothing to weigh
                if target.eid in own or any(target.eid.startswith(e + "__") for e in own):
                    continue
                for node in target.walk():
                    for c in info.unit(node.eid).clauses:
                        for hit in c.terms:
                            if hit.core and hit.key not in _ELEMENTS:
                                keys.setdefault(hit.key, info.doc.citation(target.eid))
            if keys and first is None:
                first = _evidence(unit, clause.start, clause.start + m.end())
    return keys, first


def _imports(
    col: _Collector,
    olds: Sequence[_Unit],
    news: Sequence[_Unit],
    infos: tuple[_DocInfo, _DocInfo],
) -> None:
    """Safeguards gained or lost through provisions applied by reference.

    "§ 100d Absatz 1 und 2 gilt entsprechend" added to the rule on long-term
    observation: the core-area protection and the deletion duty of § 100d now
    apply to it, though no such word stands in the changed text.  Terms the
    other side names itself, or brings in by its own references (renumbered),
    are no change.  A term that left the text while a reference now brings it
    in is not reported as deleted.  Only provisions on both sides are read: a
    new provision that applies another ("Für das weitere Verfahren gelten die
    §§ 201 bis 204 entsprechend") mostly sets procedure, and its own words are
    read by the other rules.
    """
    before, old_ev = _applied(infos[0], olds)
    after, new_ev = _applied(infos[1], news)
    named_old = {h.key for u in olds for c in u.clauses for h in c.terms}
    named_new = {h.key for u in news for c in u.clauses for h in c.terms}
    if after:
        col.items[:] = [
            (f, z)
            for f, z in col.items
            if not (f.category == "safeguard_term_deleted" and f.rule.split(":")[-1] in after)
        ]
    labels = {t.key: t.label for t in infos[1].lex.terms}
    gained = sorted(k for k in after if k not in before and k not in named_old)
    lost = sorted(k for k in before if k not in after and k not in named_new)
    for keys, source, ev, units, gain in (
        (gained, after, new_ev, news, True),
        (lost, before, old_ev, olds, False),
    ):
        if not keys or ev is None:
            continue
        names = ", ".join(f"{labels.get(k, k)} ({source[k]})" for k in keys[:4])
        said = (
            "applies provisions that name safeguards the text did not have before"
            if gain
            else "applied provisions that name safeguards the new text no longer has"
        )
        col.add(
            "safeguard_term_added" if gain else "safeguard_term_deleted",
            "strengthened" if gain else "weakened",
            "medium",
            "reference:applies" if gain else "reference:dropped",
            f"'{' '.join(ev.phrase.split())}' {said}: {names}.",
            None if gain else ev,
            ev if gain else None,
            preamble=any(u.preamble for u in units),
        )


def _chapeaux(info: _DocInfo, eid: str) -> list[str]:
    """The chapeaux ``eid`` stands under, nearest first (two levels at most).

    A chapeau is a parent's own text that runs on into its entries ("A person
    is guilty of an offence if—", "Wer ..., indem er"); a parent whose text is
    a sentence of its own ("Wer ... wird bestraft.") is a paragraph beside its
    children, not their opening words.
    """
    out: list[str] = []
    node = info.parent.get(eid)
    while node is not None and len(out) < 2:
        text = node.text.rstrip()
        if not text or text.endswith("."):
            break
        out.append(text)
        node = info.parent.get(node.eid)
    return out


def _offence_words(info: _DocInfo, unit: _Unit) -> str | None:
    """The words that make ``unit`` part of an offence: in its own text, its
    chapeaux, or the entries of the list it stands in."""
    lex = info.lex
    if lex.new_offence is None:
        return None
    chapeaux = _chapeaux(info, unit.eid)
    texts = [unit.provision.text, *chapeaux]
    parent = info.parent.get(unit.eid)
    if parent is not None and chapeaux:
        # "Wer ..., indem er 1. ... 2. ..., wird ... bestraft": the words that make
        # a list of acts an offence may close the list, in its last entry.
        texts += [c.text for c in info.children.get(parent.eid, ())]
    for text in texts:
        m = lex.new_offence.search(text)
        if m:
            return m.group(0)
    return None


def _jurisdiction_words(info: _DocInfo, unit: _Unit) -> str | None:
    """The words that make ``unit`` a ground of criminal jurisdiction: in its own
    text or its chapeaux ("Das deutsche Strafrecht gilt ... für folgende Taten,
    die im Ausland begangen werden: ... 8. ..., wenn der Täter Deutscher ist")."""
    pattern = info.lex.jurisdiction
    if pattern is None:
        return None
    for text in (unit.provision.text, *_chapeaux(info, unit.eid)):
        m = pattern.search(text)
        if m:
            return m.group(0)
    return None


def _power(lex: Lexicon, text: str) -> re.Match[str] | None:
    """The words of ``text`` that grant a power, unless they forbid ("dürfen nicht verwendet werden")."""
    m = lex.new_power.search(text) if lex.new_power is not None else None
    if m is None or (lex.protective is not None and lex.protective.search(m.group(0))):
        return None
    return m


def _role(ref: _Ref, info: _DocInfo, at: int, end: int) -> tuple[str, str] | None:
    """What the clause does, as far as reach goes: (role, the words that show it).

    The role decides what an alternative added at offset ``at`` means: an
    offence or a power that reaches more weakens, so does a limit ("nur",
    "solely") that admits more; a prohibition that reaches more protects more.
    An alternative inside an exception widens the exception.  None: the clause's role is not known, and no finding is made.
    The member itself (``at`` to ``end``) does not count: "or 30 days in the
    case of non-compliance with the prohibition" does not make its clause one.
    """
    lex, clause, unit = info.lex, ref.clause, ref.unit
    for hit in clause.exceptions:
        if hit.start < at:
            return "exception", hit.phrase
    chapeaux = _chapeaux(info, unit.eid)
    ground = _jurisdiction_words(info, unit)
    if ground is not None:
        return "jurisdiction", ground
    offence = _offence_words(info, unit)
    if offence is not None:
        return "offence", offence
    for text in (unit.provision.text, *chapeaux):
        m = _power(lex, text)
        if m is not None:
            return "power", m.group(0)
    modal = clause.modal
    for hit in clause.exceptions:
        if modal is not None and hit.start <= modal.start < hit.end:
            return "exception", hit.phrase  # "shall not apply to": a carve-out, not a ban
    if modal is not None and modal.polarity == "prohibition":
        after = unit.provision.text[modal.end : modal.end + 40]
        if lex.deeming is not None and lex.deeming.match(after.lstrip()):
            return None  # "shall not be considered to be": a deeming rule forbids nothing
        return "prohibition", modal.phrase
    if lex.protective is not None:
        text = unit.provision.text
        rest = text[clause.start : at] + " " * (end - at) + text[end : clause.end]
        m = lex.protective.search(rest)
        if m:
            return "prohibition", m.group(0)
    # "The following ... shall be prohibited: (c) the use of AI systems for
    # ...: (i) detrimental treatment of ...": the list of prohibitions may
    # stand two levels up, above a chapeau that runs on into this point.  A
    # point of a list of exception grounds nearer ("unless ... strictly
    # necessary for one of the following objectives: (i) ...") is a ground of
    # the exception, not the prohibition itself.
    node: Provision | None = unit.provision
    for _ in range(1 + len(chapeaux)):
        if node is None:
            break
        found = _list_opener(info, node.eid)
        if found is not None and found[1].exceptions:  # as _exception_parent reads it
            return "exception", found[1].exceptions[0].phrase
        if _prohibition_parent(info, node.eid) is not None:
            return "prohibition", "prohibited"
        node = info.parent.get(node.eid)
    for hit in clause.narrow:
        if hit.start < at:
            return "limit", hit.phrase
    # A clause that grants a person a procedural safeguard ("ist ... ein
    # Rechtsanwalt als Beistand zu bestellen, wenn ...", a case of "notwendige
    # Verteidigung", a notice, a remedy, a hearing, a deletion): a member added
    # makes the safeguard reach more.  Only these: a clause that merely names
    # fundamental rights or proportionality does not grant them.
    # Where the words withdraw the safeguard ("Ein Verteidiger ist von der
    # Mitwirkung auszuschließen, wenn"), more cases mean less protection, and
    # whether the list reads as grounds or as reach is left to the reader.
    if lex.withdrawn is not None and any(lex.withdrawn.search(t) for t in (clause.text, *chapeaux)):
        return None
    # A permission ("dürfen ... mit ihrer schriftlichen Einwilligung ...
    # abgeglichen werden", "may impose fines") grants a power that a safeguard
    # conditions; its members widen the power, which the words alone do not show.
    opening = [c for t in chapeaux for c in analyse(t, lex)]
    if any(c.modal is not None and c.modal.strength == 1 for c in (clause, *opening)):
        return None
    for hit in clause.terms:
        if hit.key in _GRANTED and not (at <= hit.start < end):
            return "safeguard", hit.phrase
    for chapeau_clause in opening:
        for hit in chapeau_clause.terms:
            if hit.key in _GRANTED:
                return "safeguard", hit.phrase
    return _definition_role(ref, info)


# The term a definition defines: quoted ("'biometric data' means"), or named
# between "Onder" and "wordt verstaan".
_DEFINED = re.compile(
    r"[‘'\"“„«]([^’'\"”“»\n]{2,80})[’'\"”“»]|\bOnder\s+(.{2,80}?)\s+wordt\s+(?:mede\s+)?verstaan",
    re.IGNORECASE,
)
#: How many uses of a defined term are read to find the role it plays.
_MAX_USES = 25


def _definition_role(ref: _Ref, info: _DocInfo) -> tuple[str, str] | None:
    """The role a defined term plays where the text uses it.

    A definition reaches what the provisions that use its term reach: a
    'real-time remote biometric identification system' that comes to cover
    "limited short delays" widens the prohibition that names it; a 'service
    provider' that comes to include "any other entity" widens every power
    that compels one.  The uses are the clauses of other provisions that name
    the term; their roles must agree on what more reach means (all weaken,
    as offences and powers do, or all protect, as prohibitions do), and in
    at least half of the articles that use it a use must have a role, else
    the change is left to the reader.  Recitals are not uses: they explain a
    term, the operative text gives it force.
    """
    lex = info.lex
    clause = ref.clause
    if lex.definitions is None:
        return None
    m = lex.definitions.search(clause.text)
    if m is None:
        return None
    named = _DEFINED.search(clause.text, 0, m.start() + 40)
    if named is None:
        return None
    term = " ".join((named.group(1) or named.group(2)).split())
    key = (ref.unit.eid, term.lower())
    if key not in info.definition_roles:
        info.definition_roles[key] = _term_uses(info, ref.unit.eid, term)
    return info.definition_roles[key]


def _article(info: _DocInfo, node: Provision) -> str:
    """The eId of the article or section ``node`` stands in (itself if it is one)."""
    current: Provision | None = node
    while current is not None and current.kind not in UNIT_KINDS:
        current = info.parent.get(current.eid)
    return (current or node).eid


def _term_uses(info: _DocInfo, defining: str, term: str) -> tuple[str, str] | None:
    """The one role of the clauses that use ``term`` (see :func:`_definition_role`)."""
    lex = info.lex
    pattern = re.compile(r"(?<!\w)" + re.escape(term) + r"s?(?!\w)", re.IGNORECASE)
    kinds: dict[str, str] = {}
    articles: set[str] = set()  # the articles that use the term
    known: set[str] = set()  # those where a use has a role
    uses = 0
    for node in info.doc.walk():
        if node.eid == defining or node.eid in info.preamble or not pattern.search(node.text):
            continue  # recitals explain a term; the operative text gives it force
        unit = info.unit(node.eid)
        article = _article(info, node)
        for clause in unit.clauses:
            if not pattern.search(clause.text) or (
                lex.definitions is not None and lex.definitions.search(clause.text)
            ):
                continue
            uses += 1
            articles.add(article)
            role = _role(_Ref(unit, clause), info, 0, 0)
            if role is not None and role[0] in _ROLES:
                kinds.setdefault(role[0], unit.citation)
                known.add(article)
        if uses >= _MAX_USES or len({_ROLES[k].adding_weakens for k in kinds}) > 1:
            break  # enough read, or the uses already pull two ways
    weakens = {_ROLES[k].adding_weakens for k in kinds}
    if (
        len(weakens) != 1
        or (len(kinds) > 1 and "exception" in kinds)
        or 2 * len(known) < len(articles)
    ):
        # no use of known role, uses that pull two ways, or a term most
        # articles use where its reach sets nothing the rules read (the
        # duties of an 'authorised representative'): left to the reader
        return None
    kind = sorted(kinds, key=lambda k: (k == "exception", k))[0]
    return kind, f"the defined term '{term}', as {kinds[kind]} uses it"


#: Safeguards a clause grants to a person, whose reach its members set.
_GRANTED = frozenset(
    {"legal_assistance", "notification", "remedy", "hearing", "data_deletion", "consent"}
)


@attrs.frozen
class _Reach:
    """What an alternative or reference added to a clause of one role means."""

    noun: str  # how the role is named: "an offence"
    added: str  # the category when the clause reaches more
    adding_weakens: bool
    more: str  # "the offence now reaches more conduct"
    less: str


_ROLES = {
    "offence": _Reach(
        "an offence",
        "scope_expanded",
        True,
        "the offence now reaches more conduct",
        "the offence now reaches less conduct",
    ),
    "jurisdiction": _Reach(
        "a ground of criminal jurisdiction",
        "scope_expanded",
        True,
        "the criminal law now reaches more acts or persons",
        "the criminal law now reaches fewer acts or persons",
    ),
    "power": _Reach(
        "a power",
        "scope_expanded",
        True,
        "the power now reaches more",
        "the power now reaches less",
    ),
    "prohibition": _Reach(
        "a prohibition",
        "scope_expanded",
        False,
        "the prohibition now reaches more",
        "the prohibition now reaches less",
    ),
    "limit": _Reach(
        "a limit", "scope_expanded", True, "the limit now admits more", "the limit now admits less"
    ),
    "safeguard": _Reach(
        "a safeguard",
        "scope_expanded",
        False,
        "the safeguard now reaches more",
        "the safeguard now reaches less",
    ),
    "exception": _Reach(
        "an exception",
        "exception_widened",
        True,
        "the exception now takes more out of the rule",
        "the exception now takes less out of the rule",
    ),
}
_OPPOSITE = {"scope_expanded": "scope_narrowed", "exception_widened": "exception_narrowed"}


def _reach(
    col: _Collector,
    olds: Sequence[_Ref],
    news: Sequence[_Ref],
    n2o: dict[int, int],
    lex: Lexicon,
    infos: tuple[_DocInfo, _DocInfo],
) -> None:
    """What paired clauses whose role is known reach: alternatives and references.

    "natural persons" -> "natural persons or groups of persons" in a
    prohibition; "to secure access" -> "to secure access ..., or to enable any
    such access to be secured" in an offence; a power to detain "wegen einer
    Straftat nach § 129a" that comes to cite "§ 129a ... oder § 89c Absatz 1
    bis 4" too.  Words another rule already reads (a safeguard term, a scope
    phrase) are left to it.
    """
    if lex.alternatives is None or lex.conjunctions is None:
        return
    for j, i in sorted(n2o.items()):
        o, n = olds[i], news[j]
        found = alternatives(
            o.clause.text, n.clause.text, lex.alternatives, lex.conjunctions, lex.subordinators
        )
        if any(a.added for a in found) and not all(a.added for a in found):
            # "öffentlich ausstellt, anschlägt, vorführt" -> "der Öffentlichkeit
            # zugänglich macht": members both went and came, a list reworded
            # whose reach the words alone do not settle
            continue
        seen: set[tuple[str, bool]] = set()
        for alt in found:
            span = _unread_span(o, n, alt)
            if span is None:
                continue
            start, end = span
            words = " ".join(alt.words.strip(" ,").split())
            verb = "added" if alt.added else "dropped"
            _reach_finding(
                col,
                infos,
                o,
                n,
                alt.added,
                start,
                end,
                f"An alternative was {verb}: '{words}'.",
                seen,
            )
        if not found:
            _qualifier_reach(col, infos, o, n, seen)
        if not found and _offence_catalogue(infos[1], n.unit.eid) is None:
            _reference_reach(col, infos, o, n, seen)
        _exception_conditions(col, infos, o, n, lex)
        _exception_thresholds(col, infos, o, n, lex)


def _exception_thresholds(
    col: _Collector, infos: tuple[_DocInfo, _DocInfo], o: _Ref, n: _Ref, lex: Lexicon
) -> None:
    """A threshold word put into (taken out of) the exception a clause makes.

    "..., sofern der Zweck der Untersuchung dadurch nicht gefährdet wird" ->
    "... nicht erheblich gefährdet wird": the right yields in fewer cases, so
    the exception is narrower (in an offence, a defence harder to meet).  Only
    words after the exception's marker count; a ground in a list of exception
    grounds is read by :func:`_ground_thresholds`.
    """
    thresholds = lex.thresholds
    if thresholds is None or not o.clause.exceptions or not n.clause.exceptions:
        return
    if _exception_parent(infos[1], n.unit.eid) is not None:
        return
    if fuzz.ratio(o.clause.norm, n.clause.norm) < 85:
        return  # a clause rewritten: a word there may have moved or changed sense
    found = []
    for ref in (o, n):
        text, start = ref.unit.provision.text, ref.clause.exceptions[0].start
        found.append(
            {m.group(0).lower(): m for m in thresholds.finditer(text, start, ref.clause.end)}
        )
    for words, ref, gained in (
        (sorted(set(found[1]) - set(found[0])), n, True),
        (sorted(set(found[0]) - set(found[1])), o, False),
    ):
        if not words:
            continue
        m = found[1 if gained else 0][words[0]]
        ev = _evidence(ref.unit, m.start(), m.end())
        offence = _offence(ref.unit, lex)
        listed = ", ".join(f'"{w}"' for w in words)
        exception = " ".join(ref.clause.exceptions[0].phrase.split()[:8])
        col.add(
            "exception_narrowed" if gained else "exception_widened",
            "weakened" if gained == offence else "strengthened",
            "medium",
            "exception_threshold_added" if gained else "exception_threshold_lost",
            f"The exception ('{exception}') now "
            + (
                f"requires {listed}: it takes fewer cases out of the rule"
                if gained
                else f"no longer requires {listed}: it takes more cases out of the rule"
            )
            + (", and it is a defence to an offence." if offence else "."),
            _quote(o) if gained else ev,
            ev if gained else _quote(n),
            preamble=ref.unit.preamble,
        )
        return  # one threshold change per clause shows it


def _unread_span(o: _Ref, n: _Ref, alt: Alternative) -> tuple[int, int] | None:
    """Where ``alt`` stands in its provision's text, unless a lexicon phrase
    there overlaps it: the phrase's own rule reports it."""
    ref = n if alt.added else o
    start, end = ref.clause.start + alt.start, ref.clause.start + alt.end
    hits = [h for f in _FEATURES for h in getattr(ref.clause, f)]
    if any(h.start < end and start < h.end for h in hits):
        return None
    return start, end


#: Roles whose reach a qualifier sets: words that confine an offence, a power,
#: a ground of jurisdiction, a prohibition, a limit or an exception to some
#: cases.  Not a granted safeguard: words added to a notice or a hearing
#: ("in writing", "without delay") more often say how it is given than whom
#: it reaches.
_QUALIFIED = frozenset({"offence", "power", "jurisdiction", "prohibition", "limit", "exception"})


def _qualifier_reach(
    col: _Collector,
    infos: tuple[_DocInfo, _DocInfo],
    o: _Ref,
    n: _Ref,
    seen: set[tuple[str, bool]],
) -> None:
    """A qualifier dropped from a clause whose role is known, the clause's only change.

    "the detrimental treatment of whole groups" -> "... of groups" in a
    prohibition: the prohibition reaches more; "bei der ersten Vernehmung" ->
    "bei der Vernehmung"; "met gebruikmaking van een vuurwapen" dropped from an
    offence.  See :func:`treatydiff.safeguards._reach.qualifiers`.
    """
    lex = infos[0].lex
    if lex.alternatives is None or lex.conjunctions is None:
        return
    for q in qualifiers(
        o.clause.text,
        n.clause.text,
        lex.alternatives,
        lex.conjunctions,
        lex.conditions,
        lex.not_qualifiers,
        lex.determiners,
    ):
        span = _unread_span(o, n, q)
        if span is None:
            continue
        start, end = span
        words = " ".join(q.words.split())
        _reach_finding(
            col,
            infos,
            o,
            n,
            False,  # the words stand in the old text
            start,
            end,
            f"Words that confine the clause were dropped: '{words}'.",
            seen,
            wider=True,
            roles=_QUALIFIED,
            severity="low",  # the words alone suggest, a reader confirms
        )


def _exception_conditions(
    col: _Collector, infos: tuple[_DocInfo, _DocInfo], o: _Ref, n: _Ref, lex: Lexicon
) -> None:
    """A condition put on (or taken off) an exception the clause makes.

    "The obligations laid down in Article 17 shall not apply to
    microenterprises" -> "..., provided those enterprises do not have partner
    enterprises or linked enterprises": fewer cases are taken out of the
    rule, so the exception is narrower.  In an offence the exception is a
    defence, and a defence put under a condition punishes more.  Not where the
    clause gained or lost an exception of its own: the exceptions rule reads it.
    """
    if lex.conditions is None or len(o.clause.exceptions) != len(n.clause.exceptions):
        return
    if not n.clause.exceptions:
        return  # no exception in the clause (its role could not be one): nothing to condition
    for cond in conditions(o.clause.text, n.clause.text, lex.conditions):
        ref, info = (n, infos[1]) if cond.added else (o, infos[0])
        start, end = ref.clause.start + cond.start, ref.clause.start + cond.end
        if any(start <= h.start < end for h in (*ref.clause.exceptions, *ref.clause.terms)):
            continue  # an exception of its own, or a safeguard the terms rule reports
        role = _role(ref, info, start, end)
        if role is None or role[0] != "exception":
            continue
        offence = _offence(ref.unit, lex)
        weakens = cond.added if offence else not cond.added
        category = "exception_narrowed" if cond.added else "exception_widened"
        words = " ".join(cond.words.strip(" ,").split())
        verb = "put on" if cond.added else "taken off"
        effect = "less" if cond.added else "more"
        ev = Evidence(
            ref.unit.eid, ref.unit.citation, ref.unit.provision.text[start:end], start, end
        )
        col.add(
            category,
            "weakened" if weakens else "strengthened",
            "medium",
            "reach:exception_condition",
            f"A condition was {verb} an exception ('{' '.join(role[1].split())}'): "
            f"'{words}'. The exception now takes {effect} out of the rule"
            + (", and it is a defence to an offence." if offence else "."),
            _quote(o) if cond.added else ev,
            ev if cond.added else _quote(n),
            preamble=ref.unit.preamble,
        )
        return  # one condition per clause shows the change


_BRACKETED = re.compile(r"\([^()]*\)")
_TRAILING_OF = re.compile(r"\s+(?:des|der|dem|of|the|van|het)$", re.IGNORECASE)


def _reference_reach(
    col: _Collector,
    infos: tuple[_DocInfo, _DocInfo],
    o: _Ref,
    n: _Ref,
    seen: set[tuple[str, bool]],
) -> None:
    """A clause whose references to provisions reach further (or less far) only.

    "Untersuchungshaft ... wegen einer Straftat nach § 129a" -> "... nach
    § 129a oder § 89c Absatz 1 bis 4": the power reaches a further offence;
    "Maßnahmen nach Absatz 1 ... unzulässig" -> "Maßnahmen nach den §§ 100b und
    100c ... unzulässig" is not one-way (a reference went) and is left alone.
    """
    # a reference in brackets defines a word ("Inhalts (§ 11 Absatz 3 StGB)"): no reach
    a, b = _BRACKETED.sub(" ", o.clause.text), _BRACKETED.sub(" ", n.clause.text)
    change = reach(a, b)
    if change is None:
        return
    a, b = o.clause.text, n.clause.text
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    wider = change == "wider"
    if not wider:
        # "de artikelen 140, 177a en 178" -> "de artikelen 140 en 178" when the new
        # text has no article 177a: the reference follows a repeal, and what the
        # repealed article reached is reported where it went.
        lost = {r[0].lower() for r in references(a)} - {r[0].lower() for r in references(b)}
        if lost and not lost & infos[1].numbers and lost <= infos[0].numbers:
            return
    ref = n if wider else o
    text = ref.clause.text
    lo, hi = head, max(head + 1, len(text) - tail)
    # whole words: "§ 89c" rather than "c"
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and not text[hi].isspace() and text[hi] not in ",;.":
        hi += 1
    # "oder § 89c Absatz 1 bis 4 des" -> without the "des" that opens the act's name
    quoted = _TRAILING_OF.search(text, lo, hi)
    if quoted is not None and quoted.start() > lo:
        hi = quoted.start()
    start, end = ref.clause.start + lo, ref.clause.start + hi
    said = "more" if wider else "less"
    _reach_finding(
        col,
        infos,
        o,
        n,
        wider,
        start,
        end,
        f"The clause now cites {said} (a section or paragraph {'added' if wider else 'dropped'}, "
        "nothing else changed in its references).",
        seen,
    )


def _reach_finding(
    col: _Collector,
    infos: tuple[_DocInfo, _DocInfo],
    o: _Ref,
    n: _Ref,
    added: bool,
    start: int,
    end: int,
    what: str,
    seen: set[tuple[str, bool]],
    *,
    wider: bool | None = None,
    roles: frozenset[str] | None = None,
    severity: str = "medium",
) -> None:
    """One reach finding: its meaning follows the role of the clause at ``start``.

    ``added``: the words at ``start``-``end`` are in the new text (else the
    old); ``wider``: the clause reaches more (by default, when words were
    added: an alternative).  ``roles``: the roles for which the change is read.
    """
    ref, info = (n, infos[1]) if added else (o, infos[0])
    wider = added if wider is None else wider
    role = _role(ref, info, start, end)
    if role is None or (roles is not None and role[0] not in roles):
        return
    kind, shown_by = role
    table = _ROLES[kind]
    adding_weakens = table.adding_weakens
    if kind == "exception" and _offence(ref.unit, info.lex):
        adding_weakens = False  # an exception to an offence punishes less
    category = table.added if wider else _OPPOSITE[table.added]
    meaning = table.more if wider else table.less
    weakens = adding_weakens == wider
    if (category, weakens) in seen:
        return  # one finding per clause and direction: the first change shows it
    seen.add((category, weakens))
    ev = Evidence(ref.unit.eid, ref.unit.citation, ref.unit.provision.text[start:end], start, end)
    col.add(
        category,
        "weakened" if weakens else "strengthened",
        severity,
        f"reach:{kind}",
        f"{what} The clause is read as {table.noun} ('{' '.join(shown_by.split())}'), "
        f"so {meaning}.",
        _quote(o) if added else ev,
        ev if added else _quote(n),
        preamble=ref.unit.preamble,
    )


def _one_sided(
    col: _Collector, info: _DocInfo, units: tuple[_Unit, ...], *, inserted: bool
) -> None:
    """Findings for provisions that exist on one side only (inserted or deleted)."""
    lex = info.lex
    seen: set[tuple[str, str, str]] = set()
    for unit in units:
        # "intentionally", "unauthorised": elements of an offence, no safeguard
        # elsewhere (looked up only when such a word is found)
        elements_count: bool | None = None
        for clause in unit.clauses:
            ref = _Ref(unit, clause)
            # The sentence that creates a new offence ("Hij die opzettelijk en
            # wederrechtelijk ... wordt gestraft"): its elements limit the new
            # offence, reported as one; they protect no one against the law as
            # it stood, as the elements of a repealed offence are no loss.
            defines_offence = (
                inserted
                and lex.new_offence is not None
                and bool(lex.new_offence.search(clause.text))
            )
            # "kann die Benachrichtigung ... zurückgestellt werden": the safeguard
            # the clause names is what it dispenses with, not one it brings
            dispenses = any(h.label in lex.dispensations for h in clause.exceptions)
            for feature, (weak_cat, strong_cat, adding_weakens) in _FEATURES.items():
                if feature == "narrow":
                    continue  # limiting words alone say little in a new or deleted provision
                if feature == "terms" and (defines_offence or dispenses):
                    continue
                for hit in getattr(clause, feature):
                    if feature == "terms" and not hit.core and not inserted:
                        continue
                    if feature == "terms" and hit.key in _OFFENCE_ELEMENTS:
                        if elements_count is None:
                            elements_count = _offence_words(info, unit) is not None
                        if not elements_count:
                            continue
                    if (unit.eid, feature, hit.key) in seen:
                        continue  # one finding per provision and key: the rest repeats it
                    seen.add((unit.eid, feature, hit.key))
                    weakens = (adding_weakens == inserted) != _reversed(feature, ref, lex)
                    category = weak_cat if weakens else strong_cat
                    severity = _lower(_feature_severity(feature, hit, ref))
                    where = "an inserted provision" if inserted else "a deleted provision"
                    text = _feature_text(feature, hit, inserted) + f" (in {where}, {unit.citation})"
                    ev = _hit_ev(ref, hit)
                    col.add(
                        category,
                        "weakened" if weakens else "strengthened",
                        severity,
                        f"{'inserted' if inserted else 'deleted'}:{feature}:{hit.key}",
                        text,
                        None if inserted else ev,
                        ev if inserted else None,
                        preamble=unit.preamble,
                    )


_LINE_END_COLON = re.compile(r":[ \t]*(?=\n|$)")


def _list_opener(info: _DocInfo, eid: str) -> tuple[Provision, Clause] | None:
    """The parent of ``eid`` and its clause that opens the list ``eid`` stands in.

    That is the parent's last clause ending with a colon ("... one of the
    following objectives:"); text after the list (a closing subparagraph that
    a reader kept in the parent's own text) may follow it.
    """
    parent = info.parent.get(eid)
    if parent is None or ":" not in parent.text:
        return None
    if parent.eid not in info.openers:
        colons = [m.start() for m in _LINE_END_COLON.finditer(parent.text)]
        clauses = analyse(parent.text[: colons[-1] + 1], info.lex) if colons else ()
        info.openers[parent.eid] = (parent, clauses[-1]) if clauses else None
    return info.openers[parent.eid]


def _exception_parent(info: _DocInfo, eid: str) -> Provision | None:
    """The parent whose text opens a list of exception grounds ("unless ... :")."""
    found = _list_opener(info, eid)
    if found is not None and found[1].exceptions:
        return found[0]
    return None


def _prohibition_parent(info: _DocInfo, eid: str) -> Provision | None:
    """The parent whose text opens a list of prohibitions ("The following ... shall be prohibited:")."""
    found = _list_opener(info, eid)
    protective = info.lex.protective
    if found is None or protective is None or found[1].exceptions:
        return None
    return found[0] if protective.search(found[1].text) else None


def _offence_catalogue(info: _DocInfo, eid: str) -> Provision | None:
    """The provision whose opening words make ``eid`` an entry of a catalogue of offences.

    The list may be nested: in "(2) Schwere Straftaten ... sind: 1. aus dem
    Strafgesetzbuch: a) ...", the entry a) stands two lists down.
    """
    pattern = info.lex.offence_lists
    if pattern is None:
        return None
    node = eid
    for _ in range(3):
        found = _list_opener(info, node)
        if found is None:
            return None
        parent, clause = found
        if pattern.search(clause.text):
            protective = info.lex.protective
            if clause.exceptions or (protective is not None and protective.search(clause.text)):
                return None
            return parent
        node = parent.eid
    return None


def _catalogue_item(
    col: _Collector, info: _DocInfo, units: tuple[_Unit, ...], *, inserted: bool, root: str
) -> None:
    """An offence added to (or removed from) a catalogue of offences."""
    _list_entry(
        col,
        info,
        root,
        _offence_catalogue(info, root),
        inserted=inserted,
        added=(
            "scope_expanded",
            "weakened",
            "medium",
            "catalogue_entry_added",
            "An entry was added to the catalogue of offences in {}: whatever cites the "
            "catalogue (a power, a duty to cooperate) now reaches these offences too.",
        ),
        removed=(
            "scope_narrowed",
            "strengthened",
            "medium",
            "catalogue_entry_removed",
            "An entry was removed from the catalogue of offences in {}: whatever cites "
            "the catalogue no longer reaches these offences.",
        ),
    )


def _list_entry(
    col: _Collector,
    info: _DocInfo,
    root: str,
    parent: Provision | None,
    *,
    inserted: bool,
    added: tuple[str, str, str, str, str],
    removed: tuple[str, str, str, str, str],
) -> None:
    """One finding for an entry inserted into (deleted from) the list ``parent`` opens.

    ``added``/``removed`` are (category, direction, severity, rule, explanation
    with ``{}`` for the list's citation).
    """
    unit = info.unit(root)
    if parent is None or not unit.clauses:
        return
    ev = _quote(_Ref(unit, unit.clauses[0]))
    category, direction, severity, rule, text = added if inserted else removed
    col.add(
        category,
        direction,
        severity,
        rule,
        text.format(info.doc.citation(parent.eid)),
        None if inserted else ev,
        ev if inserted else None,
        preamble=unit.preamble,
    )


def _catalogue_references(
    col: _Collector,
    olds: tuple[_Unit, ...],
    news: tuple[_Unit, ...],
    infos: tuple[_DocInfo, _DocInfo],
) -> None:
    """A catalogue entry whose references to offences reach further (or less far) only.

    "§ 244 Abs. 1 Nr. 2 und ... § 244a" -> "§ 244 Absatz 1 Nummer 2, ... § 244
    Absatz 4 und ... § 244a": the entry now also names burglary of a home;
    "§ 184b Abs. 1 bis 3" -> "§ 184b": the limit to three paragraphs went.
    Only a one-way change counts: a renumbering ("176a, 176b" -> "176c,
    176d") both adds and drops, and is left to the reader.
    """
    old, new = olds[0], news[0]
    if (
        _offence_catalogue(infos[1], new.eid) is None
        or _offence_catalogue(infos[0], old.eid) is None
        or not new.clauses
        or not old.clauses
    ):
        return
    change = reach(old.provision.text, new.provision.text)
    if change is None:
        return
    wider = change == "wider"
    col.add(
        "scope_expanded" if wider else "scope_narrowed",
        "weakened" if wider else "strengthened",
        "medium",
        "catalogue_references_added" if wider else "catalogue_references_dropped",
        "A catalogue entry now cites more (a section or paragraph added, or a limit to some "
        "paragraphs dropped): the catalogue reaches more offences."
        if wider
        else "A catalogue entry now cites less (a section or paragraph dropped, or limited to "
        "some paragraphs): the catalogue reaches fewer offences.",
        _quote(_Ref(old, old.clauses[0])),
        _quote(_Ref(new, new.clauses[0])),
        preamble=new.preamble,
    )


def _cumulative(info: _DocInfo, eid: str) -> bool:
    """Whether the list ``eid`` stands in joins its entries with "and" (every one must hold).

    "A person is guilty of an offence if— (a) ...; (b) ...; and (c) ...": an
    entry there is one more element to prove, not one more way to offend.
    """
    conj = info.lex.conjunctions
    parent = info.parent.get(eid)
    if conj is None or parent is None:
        return False
    for sibling in info.children.get(parent.eid, ()):
        words = _WORDS.findall(sibling.text[-12:])
        if words and conj.fullmatch(words[-1].lower()):
            return True
    return False


def _new_offence_or_power(
    col: _Collector, info: _DocInfo, other_info: _DocInfo, units: tuple[_Unit, ...], lex: Lexicon
) -> None:
    """An inserted provision that creates an offence or grants a power (once per provision).

    A new offence or a new investigative power widens what the state may
    punish or do, whatever safeguards come with it (those are reported on
    their own): the scope of the instrument expanded.  A new entry in a list of
    the ways an offence is committed ("Wer ... 1. ... 2. Passwörter ...
    herstellt, ... wird ... bestraft") is one too, unless the list is cumulative.
    """
    for kind, pattern in (
        ("offence", lex.new_offence),
        ("power", lex.new_power),
        ("jurisdiction", lex.jurisdiction),
    ):
        if pattern is None:
            continue
        for unit in units:
            text = unit.provision.text
            m = _power(lex, text) if kind == "power" else pattern.search(text)
            if m is None or unit.preamble:
                continue
            if kind == "power" and any(r.regex.search(m.group(0)) for r in lex.scope_narrow):
                continue  # "darf nur durch das Gericht angeordnet werden": a limit on a power
            what = _CREATES[kind]
            elements = ""
            if kind == "offence":
                words = sorted(
                    {
                        " ".join(h.phrase.split())
                        for c in unit.clauses
                        if pattern.search(c.text)
                        for h in c.terms
                    }
                )
                if words:
                    elements = (
                        " Its elements (" + ", ".join(f"'{w}'" for w in words[:4]) + ") limit it."
                    )
            col.add(
                "scope_expanded",
                "weakened",
                "medium",
                f"inserted:new_{kind}",
                f"An inserted provision ({unit.citation}) {what}: '{m.group(0)}'. The text "
                "now reaches conduct or action it did not reach before." + elements,
                None,
                _evidence(unit, m.start(), m.end()),
            )
            return  # one per inserted provision: its offence or, failing that, its power
    if not _offence_entry(col, info, other_info, units, inserted=True):
        _role_entry(col, info, other_info, units, inserted=True)


_NO_LONGER = {
    "offence": "makes that conduct punishable",
    "jurisdiction": "reaches those acts or persons",
}
_CREATES = {
    "offence": "creates an offence",
    "power": "grants a power",
    "jurisdiction": "extends the criminal law to further acts or persons (jurisdiction)",
}


def _role_entry(
    col: _Collector,
    info: _DocInfo,
    other_info: _DocInfo,
    units: tuple[_Unit, ...],
    *,
    inserted: bool,
) -> bool:
    """An entry inserted into (deleted from) a list whose opening words give it a role.

    "... to establish jurisdiction over any offence ... when the offence is
    committed: (a) ...; (b) ...": a ground of jurisdiction added reaches more
    conduct abroad.  "Ein Fall der notwendigen Verteidigung liegt vor, wenn
    1. ...; 2. ...": a case added to a granted safeguard makes it reach more.
    A case added to the list a power opens ("darf angeordnet werden, wenn"),
    or to a limit ("nur, wenn"), lets the power reach more.  Entries of
    offences, prohibitions and exception grounds have rules of their own; the
    limits of :func:`_entry_list` apply.  Returns True if reported.
    """
    root = units[0] if units else None
    parent = _entry_list(info, other_info, root)
    if parent is None or root is None:
        return False
    role = _role(_Ref(root, root.clauses[0]), info, 0, 0)
    if role is None or role[0] not in _ENTRY_ROLES:
        return False
    kind, words = role
    if not any(words in chapeau for chapeau in _chapeaux(info, root.eid)):
        # the role is the entry's own ("Die Maßnahme darf nur angeordnet werden,
        # soweit ..."): a provision in its own right, not one more case of a list
        return False
    if kind == "safeguard" and any(c.terms for c in root.clauses):
        return False  # the entry names a safeguard of its own: reported as that term
    table = _ROLES[kind]
    said = " ".join(words.split()).replace("{", "{{").replace("}", "}}")
    what = f"the list in {{}} ('{said}'), read as {table.noun}"

    def reading(wider: bool) -> tuple[str, str, str, str, str]:
        verb = "added to" if wider else "removed from"
        return (
            table.added if wider else _OPPOSITE[table.added],
            "weakened" if table.adding_weakens == wider else "strengthened",
            "medium",
            f"{'inserted' if wider else 'deleted'}:{kind}_entry",
            f"An entry was {verb} {what}: {table.more if wider else table.less}.",
        )

    _list_entry(
        col, info, root.eid, parent, inserted=inserted, added=reading(True), removed=reading(False)
    )
    return True


#: Roles whose list entries :func:`_role_entry` reads.
_ENTRY_ROLES = frozenset({"jurisdiction", "power", "safeguard", "limit"})


# An entry that only says it was repealed ("(weggefallen)", "[Repealed]").
_PLACEHOLDER = re.compile(
    r"^\W*(?:weggefallen|aufgehoben|vervallen|repealed|deleted|omitted)?\W*$", re.IGNORECASE
)


def _entry_list(info: _DocInfo, other_info: _DocInfo, root: _Unit | None) -> Provision | None:
    """The list an inserted (deleted) entry stands in, if its coming or going can be read.

    Not when the whole list came or went (its opening words are reported), when
    all its entries did while its opening words stayed, when entries both came
    and went (a rewritten list, for the reader to weigh), in a
    cumulative list ("(a) ...; and (b) ...": one more element to hold, not one
    more case), nor for an entry that only says it was repealed.
    """
    if root is None or root.preamble or not root.clauses or _cumulative(info, root.eid):
        return None
    parent = info.parent.get(root.eid)
    if parent is None or parent.eid in info.one_sided or _PLACEHOLDER.match(root.provision.text):
        return None
    entries = info.children.get(parent.eid, ())
    if len(entries) > 1 and all(child.eid in info.one_sided for child in entries):
        return None  # every entry came (or went) while the opening words stayed: a list rebuilt
    if any(
        child.eid in other_info.one_sided
        for e in info.counterparts.get(parent.eid, ())
        for child in other_info.children.get(e, ())
    ):
        return None
    return parent


def _offence_entry(
    col: _Collector,
    info: _DocInfo,
    other_info: _DocInfo,
    units: tuple[_Unit, ...],
    *,
    inserted: bool,
) -> bool:
    """An entry inserted into (deleted from) the list of ways an offence is committed."""
    root = units[0] if units else None
    parent = _entry_list(info, other_info, root)
    if parent is None or root is None:
        return False
    if info.lex.new_offence is not None and info.lex.new_offence.search(root.provision.text):
        return False  # the entry is an offence by its own words: reported as one
    words = _offence_words(info, root)
    if words is None:
        return False
    said = " ".join(words.split()).replace("{", "{{").replace("}", "}}")
    _list_entry(
        col,
        info,
        root.eid,
        parent,
        inserted=inserted,
        added=(
            "scope_expanded",
            "weakened",
            "medium",
            "inserted:offence_entry",
            f"An entry was added to the ways the offence in {{}} is committed ('{said}'): "
            "the offence now reaches more conduct.",
        ),
        removed=(
            "scope_narrowed",
            "strengthened",
            "medium",
            "deleted:offence_entry",
            f"An entry was removed from the ways the offence in {{}} is committed ('{said}'): "
            "the text no longer punishes that conduct (check that no other provision does).",
        ),
    )
    return True


def _removed_offence(
    col: _Collector, info: _DocInfo, other_info: _DocInfo, units: tuple[_Unit, ...], lex: Lexicon
) -> bool:
    """A deleted provision that created an offence: the text criminalises less.

    Its elements ("wederrechtelijk", "intentionally") went with the offence;
    they were limits on it, not safeguards lost.  Returns True if reported.
    """
    for kind, pattern in (("offence", lex.new_offence), ("jurisdiction", lex.jurisdiction)):
        if pattern is None:
            continue
        for unit in units:
            m = pattern.search(unit.provision.text)
            if m is None or unit.preamble:
                continue
            col.add(
                "scope_narrowed",
                "strengthened",
                "medium",
                f"deleted:{kind}",
                f"A deleted provision ({unit.citation}) {_CREATES[kind]}: '{m.group(0)}'. The "
                f"text no longer {_NO_LONGER[kind]} (check that no other provision does).",
                _evidence(unit, m.start(), m.end()),
                None,
            )
            return True
    return _offence_entry(col, info, other_info, units, inserted=False) or _role_entry(
        col, info, other_info, units, inserted=False
    )


def _prohibited_item(
    col: _Collector, info: _DocInfo, units: tuple[_Unit, ...], *, inserted: bool, root: str
) -> None:
    """A practice added to (or removed from) a list of prohibitions."""
    _list_entry(
        col,
        info,
        root,
        _prohibition_parent(info, root),
        inserted=inserted,
        added=(
            "scope_expanded",
            "strengthened",
            "medium",
            "prohibition_item_added",
            "A new item was added to the list of prohibitions in {}: the prohibition reaches more.",
        ),
        removed=(
            "scope_narrowed",
            "weakened",
            "high",
            "prohibition_item_removed",
            "An item was removed from the list of prohibitions in {}: what it described is no "
            "longer prohibited by this list.",
        ),
    )


def _structural(
    col: _Collector, info: _DocInfo, units: tuple[_Unit, ...], *, inserted: bool, root: str
) -> bool:
    """A ground added to (or removed from) a list of exceptions. Returns True if reported."""
    parent = _exception_parent(info, root)
    if parent is None or not info.unit(root).clauses:
        return False
    _list_entry(
        col,
        info,
        root,
        parent,
        inserted=inserted,
        added=(
            "exception_widened",
            "weakened",
            "high",
            "exception_ground_added",
            "A new ground was added to the list of exceptions in {}.",
        ),
        removed=(
            "exception_narrowed",
            "strengthened",
            "high",
            "exception_ground_removed",
            "A ground was removed from the list of exceptions in {}.",
        ),
    )
    return True


def _ground_thresholds(
    col: _Collector,
    olds: tuple[_Unit, ...],
    news: tuple[_Unit, ...],
    infos: tuple[_DocInfo, _DocInfo],
) -> None:
    """A ground of exception that lost (or gained) a threshold word.

    In "unless strictly necessary for one of the following objectives: ... (ii)
    the prevention of a specific, substantial and imminent threat", dropping
    "imminent" from the ground widens the exception though no exception word
    changed.
    """
    thresholds = infos[1].lex.thresholds
    old, new = olds[0], news[0]
    if thresholds is None or not old.clauses or not new.clauses:
        return
    if _exception_parent(infos[0], old.eid) is None or _exception_parent(infos[1], new.eid) is None:
        return
    found = {}
    for side, unit in (("old", old), ("new", new)):
        hits: dict[str, re.Match[str]] = {}
        for m in thresholds.finditer(unit.provision.text):
            hits.setdefault(m.group(0).lower(), m)
        found[side] = hits
    lost = sorted(set(found["old"]) - set(found["new"]))
    gained = sorted(set(found["new"]) - set(found["old"]))
    pcite = infos[1].doc.citation(_exception_parent(infos[1], new.eid).eid)  # type: ignore[union-attr]
    old_quote, new_quote = _quote(_Ref(old, old.clauses[0])), _quote(_Ref(new, new.clauses[0]))
    for words, side, unit in ((lost, "old", old), (gained, "new", new)):
        if not words:
            continue
        m = found[side][words[0]]
        ev = _evidence(unit, m.start(), m.end())
        listed = ", ".join(f'"{w}"' for w in words)
        if side == "old":
            col.add(
                "exception_widened",
                "weakened",
                "medium",
                "exception_ground_threshold_lost",
                f"A ground of the exception in {pcite} no longer requires {listed}: "
                "the exception now reaches more cases.",
                ev,
                new_quote,
                preamble=unit.preamble,
            )
        else:
            col.add(
                "exception_narrowed",
                "strengthened",
                "medium",
                "exception_ground_threshold_added",
                f"A ground of the exception in {pcite} now requires {listed}: "
                "the exception reaches fewer cases.",
                old_quote,
                ev,
                preamble=unit.preamble,
            )


def _moved_preamble(col: _Collector, olds: tuple[_Unit, ...], news: tuple[_Unit, ...]) -> bool:
    old_op = [u for u in olds if not u.preamble]
    new_pre = [u for u in news if u.preamble]
    old_pre = [u for u in olds if u.preamble]
    new_op = [u for u in news if not u.preamble]
    terms = lambda units: sorted({h.key for u in units for c in u.clauses for h in c.terms})  # noqa: E731
    if old_op and new_pre and not new_op and terms(old_op):
        o, n = old_op[0], new_pre[0]
        col.add(
            "moved_to_preamble",
            "weakened",
            "high",
            "moved_to_preamble",
            f"Operative text carrying safeguards ({', '.join(terms(old_op))}) moved into the "
            f"preamble, where it no longer binds: {o.citation} -> {n.citation}.",
            _quote(_Ref(o, o.clauses[0])),
            _quote(_Ref(n, n.clauses[0])),
        )
        return True
    if old_pre and new_op and not old_op and terms(new_op):
        o, n = old_pre[0], new_op[0]
        col.add(
            "moved_from_preamble",
            "strengthened",
            "high",
            "moved_from_preamble",
            f"Preamble text carrying safeguards ({', '.join(terms(new_op))}) became operative "
            f"text: {o.citation} -> {n.citation}.",
            _quote(_Ref(o, o.clauses[0])),
            _quote(_Ref(n, n.clauses[0])),
        )
        return True
    return False


def _penalty(match: Match, min_score: float) -> int | None:
    """Severity steps to drop for an uncertain match, or None to skip it."""
    if match.score < min_score:
        return None
    return 1 if match.score < 0.75 else 0


def analyse_alignment(
    alignment: Alignment, lex: Lexicon, *, min_score: float = 0.5
) -> tuple[Finding, ...]:
    """Every finding of an alignment, sorted by position in the new document."""
    old_info, new_info = _DocInfo(alignment.old, lex), _DocInfo(alignment.new, lex)
    covered_old = {e for m in alignment.matches for e in m.old}
    covered_new = {e for m in alignment.matches for e in m.new}
    # Resolve short eIds once so "covered" compares full addresses.
    covered_old = {alignment.old.get(e).eid for e in covered_old}
    covered_new = {alignment.new.get(e).eid for e in covered_new}
    for m in alignment.matches:
        olds_ = tuple(alignment.old.get(e).eid for e in m.old)
        news_ = tuple(alignment.new.get(e).eid for e in m.new)
        if not olds_:
            new_info.one_sided.update(news_)
        if not news_:
            old_info.one_sided.update(olds_)
        for e in news_:
            new_info.counterparts[e] = olds_
        for e in olds_:
            old_info.counterparts[e] = news_
    keyed: list[tuple[tuple, Finding]] = []
    anchor = -1.0
    deleted_operative: list[tuple[int, _Unit]] = []
    inserted_preamble: list[_Unit] = []
    for index, match in enumerate(alignment.matches):
        if match.new:
            anchor = float(new_info.order[alignment.new.get(match.new[0]).eid])
        penalty = _penalty(match, min_score)
        if penalty is None or match.kind == "unchanged":
            continue
        col = _Collector(penalty)
        olds = old_info.side(match.old, covered_old)
        news = new_info.side(match.new, covered_new)
        if olds and news:
            if _norm_text(olds) != _norm_text(news) and not _moved_preamble(col, olds, news):
                _compare_changed(col, olds, news, lex, (old_info, new_info))
                _imports(col, olds, news, (old_info, new_info))
                _ground_thresholds(col, olds, news, (old_info, new_info))
                _catalogue_references(col, olds, news, (old_info, new_info))
        elif news:
            _prohibited_item(col, new_info, news, inserted=True, root=news[0].eid)
            _catalogue_item(col, new_info, news, inserted=True, root=news[0].eid)
            if _offence_catalogue(new_info, news[0].eid) is None:
                _new_offence_or_power(col, new_info, old_info, news, lex)
            if not _structural(col, new_info, news, inserted=True, root=news[0].eid):
                _one_sided(col, new_info, news, inserted=True)
            inserted_preamble.extend(u for u in news if u.preamble)
        elif olds:
            _prohibited_item(col, old_info, olds, inserted=False, root=olds[0].eid)
            _catalogue_item(col, old_info, olds, inserted=False, root=olds[0].eid)
            if _offence_catalogue(old_info, olds[0].eid) is None and _removed_offence(
                col, old_info, new_info, olds, lex
            ):
                pass  # an offence repealed: its elements ("unbefugt") are no lost safeguard
            elif not _structural(col, old_info, olds, inserted=False, root=olds[0].eid):
                _one_sided(col, old_info, olds, inserted=False)
            deleted_operative.extend((index, u) for u in olds if not u.preamble)
        for finding in _drop_nested(f for f, _ in col.items):
            keyed.append(((anchor, index, *_evidence_key(finding, new_info)), finding))
    keyed.extend(_moved_to_recitals(deleted_operative, inserted_preamble, new_info, keyed))
    keyed.sort(key=lambda kf: kf[0])
    return tuple(f for _, f in keyed)


def _drop_nested(findings: Iterable[Finding]) -> list[Finding]:
    """Drop a finding whose quote lies inside another's of the same category.

    "human oversight" names both human oversight and oversight; one finding
    says it.  A safeguard lost inside a phrase that stays ("prior judicial
    authorisation" -> "prior authorisation") is still reported, because the
    phrase that stays is no finding.
    """
    items = list(findings)

    def span(f: Finding) -> tuple[str, int, int] | None:
        ev = f.new if f.direction == "strengthened" or f.old is None else f.old
        if (
            f.category
            in (
                "safeguard_term_added",
                "deferral_added",
                "exception_widened",
                "element_made_optional",
                "scope_expanded",
            )
            and f.new is not None
        ):
            ev = f.new
        return (ev.eid, ev.start, ev.end) if ev else None

    keep = []
    for f in items:
        s = span(f)
        inside = s is not None and any(
            g is not f
            and g.category == f.category
            and (t := span(g)) is not None
            and t[0] == s[0]
            and t[1] <= s[1]
            and s[2] <= t[2]
            and (t[2] - t[1]) > (s[2] - s[1])
            for g in items
        )
        if not inside:
            keep.append(f)
    return keep


def _evidence_key(finding: Finding, info: _DocInfo) -> tuple:
    ev = finding.new or finding.old
    pos = info.order.get(finding.new.eid, -1) if finding.new else -1
    return (pos, ev.start if ev else 0, finding.category, finding.rule, finding.explanation)


def _moved_to_recitals(
    deleted: list[tuple[int, _Unit]], inserted: list[_Unit], info: _DocInfo, keyed: list
) -> list:
    """Deleted operative text that reappears, nearly word for word, in a new recital."""
    out = []
    for index, unit in deleted:
        text = " ".join(unit.provision.text.lower().split())
        terms = sorted({h.key for c in unit.clauses for h in c.terms})
        if len(text) < 40 or not terms:
            continue
        best = max(
            inserted,
            key=lambda u: fuzz.token_set_ratio(text, " ".join(u.provision.text.lower().split())),
            default=None,
        )
        if (
            best is None
            or fuzz.token_set_ratio(text, " ".join(best.provision.text.lower().split())) < 85
        ):
            continue
        finding = Finding(
            "moved_to_preamble",
            "weakened",
            "high",
            "moved_to_preamble",
            f"Operative text carrying safeguards ({', '.join(terms)}) was deleted from "
            f"{unit.citation} and reappears in {best.citation}, where it no longer binds.",
            _quote(_Ref(unit, unit.clauses[0])),
            _quote(_Ref(best, best.clauses[0])),
        )
        # Drop the deletion findings this move explains.
        keyed[:] = [
            kf
            for kf in keyed
            if not (kf[1].old and kf[1].old.eid == unit.eid and kf[1].new is None)
        ]
        out.append(((float(info.order[best.eid]), index, *_evidence_key(finding, info)), finding))
    return out


def analyse_document(document: Document, lex: Lexicon) -> tuple[Finding, ...]:
    """Deferrals, optional elements, exceptions, weak modals and safeguard terms of one text."""
    info = _DocInfo(document, lex)
    out: list[tuple[tuple, Finding]] = []
    for node in document.walk():
        unit = info.unit(node.eid)
        for clause in unit.clauses:
            ref = _Ref(unit, clause)
            found: list[tuple[str, str, str, Hit | None]] = []
            for hit in clause.deferrals:
                sev = "high" if hit.key == "domestic_law" else "medium"
                found.append(("deferral", sev, f"deferral:{hit.key}", hit))
            for hit in clause.optionals:
                found.append(("optional_element", "high", f"optional:{hit.key}", hit))
            for hit in clause.exceptions:
                found.append(("exception", "medium", f"exception:{hit.key}", hit))
            m = clause.modal
            if m is not None and m.polarity == "duty" and m.strength in (2, 3):
                found.append(
                    (
                        "weak_modal",
                        "medium" if m.strength == 3 else "low",
                        f"modal:{m.strength}",
                        None,
                    )
                )
            for hit in clause.terms:
                found.append(("safeguard_term", "low", f"term:{hit.key}", hit))
            for category, sev, rule, one in found:
                if one is None:
                    ev = _modal_ev(ref)
                    text = f"A weak obligation: '{m.phrase}' ({m.label})."  # type: ignore[union-attr]
                else:
                    ev = _hit_ev(ref, one)
                    text = (
                        f"{category.replace('_', ' ').capitalize()}: '{one.phrase}' ({one.label})."
                    )
                if unit.preamble:
                    sev = _lower(sev)
                    text += " (in the preamble or a recital)"
                f = Finding(category, "present", sev, rule, text, None, ev)
                out.append(((info.order[node.eid], ev.start if ev else 0, category, rule), f))
    out.sort(key=lambda kf: kf[0])
    return tuple(f for _, f in out)
