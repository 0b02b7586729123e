"""Split a provision's text into clauses and read each clause's legal features.

A clause here is a sentence, or a part of one closed by a semicolon (list
items and coordinated obligations).  For each clause we record its governing
modal (the first modal verb that is not inside a subordinate clause such as
"harm that may arise"), the subject before it, and every deferral, optional
element, safeguard term, exception and scope phrase, each with character
offsets into the provision's own text so findings can quote it exactly.

>>> from treatydiff.safeguards.lexicon import load_lexicon
>>> text = "Each Party shall adopt measures. It may, where appropriate, exempt minor cases."
>>> [c.modal.phrase for c in analyse(text, load_lexicon())]
['shall', 'may']
>>> analyse(text, load_lexicon())[1].deferrals[0].phrase
'where appropriate'
"""

from __future__ import annotations

import functools
import re

import attrs

from treatydiff.safeguards.lexicon import Lexicon, PhraseRule

__all__ = ["Clause", "Hit", "Modal", "actor_spans", "analyse", "saving_spans", "split_clauses"]


@attrs.frozen
class Hit:
    """One phrase found in a clause: what it stands for and where it is."""

    key: str
    label: str
    phrase: str
    start: int
    end: int
    core: bool = False


@attrs.frozen
class Modal:
    """The governing modal of a clause."""

    phrase: str
    start: int
    end: int
    strength: int
    polarity: str
    label: str


@attrs.frozen
class Clause:
    """A sentence or semicolon-delimited clause with its features.

    ``start``/``end`` index the provision's own text; so do every hit's offsets.
    """

    text: str
    start: int
    end: int
    modal: Modal | None
    subject: str
    deferrals: tuple[Hit, ...]
    optionals: tuple[Hit, ...]
    terms: tuple[Hit, ...]
    exceptions: tuple[Hit, ...]
    broad: tuple[Hit, ...]
    narrow: tuple[Hit, ...]
    list_items: tuple[str, ...]

    @property
    def norm(self) -> str:
        """Lower-cased words only: what sentence pairing compares."""
        return " ".join(_WORD.findall(self.text.lower()))


_WORD = re.compile(r"\w+")

# Abbreviations after which a full stop does not end a sentence.
_ABBREV = re.compile(
    r"(?:\b(?:No|Nos|Art|Arts|art|para|paras|p|pp|s|ss|sec|cf|e\.g|i\.e|etc|viz|vol|Mr|Mrs|Dr|"
    r"St|Co|Inc|Ltd|Nr|Abs|lit|seq|ch|chap|Reg|Dir|U\.S|E\.U|U\.K|approx|incl|resp|v|"
    # German and Dutch statutes: "bzw.", "ggf.", "vgl.", "i. V. m.", "Buchst.", "bijv."
    r"bzw|ggf|vgl|gem|Buchst|Anl|Bek|BGBl|Ziff|i\.\s?V\.\s?m|m\.\s?W|jo|bijv|o\.a|art)|\b[A-Z])\.$"
)
# "vom 30. Juni 2021": a day number before a month is no sentence end.
_DATE_DAY = re.compile(
    r"(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|"
    r"januari|februari|maart|mei|juni|juli|augustus|oktober)\b"
)
# A boundary: ". " or "; " (or ":" before a new capitalised sentence is NOT one:
# the colon introduces a list that belongs to the clause).
_BOUNDARY = re.compile(r"(?<=[.;!?])[\"'”’)]?\s+")


def split_clauses(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans of the clauses of ``text``, leading/trailing blanks excluded.

    >>> t = "Each Party shall act. See Art. 5; it may, however, refuse."
    >>> [t[a:b] for a, b in split_clauses(t)]
    ['Each Party shall act.', 'See Art. 5;', 'it may, however, refuse.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        head = text[start : m.start()]
        if head.endswith(".") and _ABBREV.search(head[-12:]):
            continue
        if head.endswith(" i.") and text.startswith("V.", m.end()):
            continue  # "i. V. m." (in Verbindung mit)
        if head.endswith(".") and re.search(r"\d\.$", head) and m.end() < len(text):
            # "paragraph 1. of" rarely ends a sentence unless a capital follows.
            if not text[m.end()].isupper() or _DATE_DAY.match(text, m.end()):
                continue
        if head.endswith(".") and m.end() < len(text) and text[m.end()].islower():
            continue  # "... art. 2 b. the following" - a full stop before lower case
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return tuple(out)


_COORDINATED = re.compile(r"\b(?:and|or),?\s*$", re.IGNORECASE)
# "... shall be taken into account and, as appropriate, regard shall be given":
# when a clause with its own modal follows, the phrase qualifies that clause.
_CLAUSE_FOLLOWS = re.compile(r",?[^,;:.]{0,60}?\b(?:shall|should|must|may)\b", re.IGNORECASE)
# "the market surveillance authority or the Supervisor, as appropriate, shall
# verify": between alternative subjects and their modal, the phrase chooses
# which of them acts, not whether to act.
_ALTERNATIVES = re.compile(r"\bor\b[^,;:.]*,\s*$", re.IGNORECASE)
_SEGMENT_MODAL = re.compile(r"\b(?:shall|should|must|may)\b[^,;:.]*,\s*$", re.IGNORECASE)
_MODAL_NEXT = re.compile(r",?\s*(?:shall|should|must|may)\b", re.IGNORECASE)


_ANY: dict[int, tuple[tuple[PhraseRule, ...], re.Pattern[str]]] = {}


def _any(rules: tuple[PhraseRule, ...]) -> re.Pattern[str]:
    """One alternation of ``rules``: most clauses match none, and one search says so."""
    cached = _ANY.get(id(rules))
    if cached is None or cached[0] is not rules:
        joined = "|".join(f"(?:{r.regex.pattern})" for r in rules) or r"(?!x)x"
        try:
            combined = re.compile(joined, re.IGNORECASE)
        except re.error:  # a user's patterns that cannot be joined (repeated group names)
            combined = re.compile("")
        cached = (rules, combined)
        _ANY[id(rules)] = cached
    return cached[1]


def _hits(
    rules: tuple[PhraseRule, ...],
    text: str,
    offset: int,
    *,
    nested: bool = False,
    skip: tuple[tuple[int, int], ...] = (),
) -> tuple[Hit, ...]:
    if not _any(rules).search(text):
        return ()
    found: list[Hit] = []
    taken: list[tuple[int, int, str]] = []
    for rule in rules:
        for m in rule.regex.finditer(text):
            a, b = m.span()
            if any(x <= a < y for x, y in skip):
                continue  # inside a saving clause, or a word naming an actor
            if rule.not_after is not None and rule.not_after.search(text, max(0, a - 40), a):
                continue  # another sense of the word ("financial supervision")
            # One phrase, one hit: the first (most specific) rule that claims a span
            # keeps it.  Safeguard terms may nest ("prior judicial authorisation"
            # names both prior authorisation and a judge), so for them only the
            # same key is excluded.
            if any(a < y and x < b and (not nested or k == rule.key) for x, y, k in taken):
                continue
            if (
                rule.item_qualifier
                and _COORDINATED.search(text, 0, a)
                and not _CLAUSE_FOLLOWS.match(text, b)
            ):
                continue  # "A and, as appropriate, B": qualifies the item B only
            if (
                rule.item_qualifier
                and _MODAL_NEXT.match(text, b)
                and _ALTERNATIVES.search(text, max(0, a - 200), a)
                and not _SEGMENT_MODAL.search(text, max(0, a - 200), a)
            ):
                continue  # "A or B, as appropriate, shall": picks the actor
            taken.append((a, b, rule.key))
            found.append(Hit(rule.key, rule.label, m.group(0), a + offset, b + offset, rule.core))
    return tuple(sorted(found, key=lambda h: (h.start, h.end, h.key)))


# A saving clause ends at a full stop, semicolon or colon, or at a comma before
# "and"/"but" or before the next modal ("..., the Party shall").
_SAVING_END = re.compile(
    r"[.;:]|,\s+(?:and|but|or|while|whereas)\s|,\s+(?=(?:\w+\s+){0,3}(?:shall|should|must|may)\b)"
)


def saving_spans(text: str, lex: Lexicon) -> tuple[tuple[int, int], ...]:
    """Spans of ``text`` that are saving clauses ("without prejudice to other obligations").

    A saving clause keeps other rules in force: it carves nothing out and
    defers nothing, so exception and deferral phrases inside it do not count.
    The span runs from the marker to the end of its clause (a full stop,
    semicolon, or a comma before "and"/"but" or before the next modal).

    >>> from treatydiff.safeguards.lexicon import load_lexicon
    >>> t = "This is without prejudice to obligations under national law, and applies to all."
    >>> [t[a:b] for a, b in saving_spans(t, load_lexicon())]
    ['without prejudice to obligations under national law']
    >>> saving_spans("This is without prejudice to the use of such systems.", load_lexicon())
    ()
    """
    if lex.saving_markers is None:
        return ()
    out = []
    for m in lex.saving_markers.finditer(text):
        if not m.group(0).lower().startswith("nothing"):
            after = text[m.end() :].lstrip()
            if lex.saving_objects is None or not lex.saving_objects.match(after):
                continue  # "without prejudice to the use of ...": a carve-out
        end = _SAVING_END.search(text, m.end())
        out.append((m.start(), end.start() if end else len(text)))
    return tuple(out)


_DESCRIBED = re.compile(
    r"\b([\w-]+)\s+(?:responsible|competent)\s+for\s+(?:the\s+)?(?:[\w-]+\s+){0,1}$", re.I
)


def _condition_before(lex: Lexicon) -> re.Pattern[str]:
    # The safeguard word must stand in the condition's own phrase: the condition
    # word, an optional preposition, and at most three words, with no comma in
    # between ("authorisation by a judicial", not "border control, asylum or judicial").
    cond = lex.condition_words.pattern if lex.condition_words is not None else "(?!)"
    return _compiled(
        r"(?<![\w-])(?:" + cond + r")\s+(?:(?:by|of|from|before|to)\s+)?(?:[\w-]+\s+){0,3}$"
    )


@functools.lru_cache(maxsize=8)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def actor_spans(text: str, lex: Lexicon) -> tuple[tuple[int, int], ...]:
    """Spans of safeguard words that name an actor, not a condition.

    "judicial authorities may use" names who acts; "authorisation by a
    judicial authority" names the condition, so it is kept.

    >>> from treatydiff.safeguards.lexicon import load_lexicon
    >>> t = "Judicial authorities may use it after authorisation by an independent authority."
    >>> [t[a:b] for a, b in actor_spans(t, load_lexicon())]
    ['Judicial']
    """
    if lex.actor_heads is None or not _any(lex.terms).search(text):
        return ()
    out = []
    for rule in lex.terms:
        for m in rule.regex.finditer(text):
            after = text[m.end() : m.end() + 60]
            head = re.match(r"\s+(?:[\w-]+\s+){0,2}?", after)
            rest = after[head.end() :] if head else after
            if not head or not lex.actor_heads.match(rest):
                continue
            before = text[max(0, m.start() - 80) : m.start()]
            if _condition_before(lex).search(before):
                continue  # "authorisation by a judicial authority": the condition itself
            out.append(m.span())
        for m in rule.regex.finditer(text):
            # "the authorities responsible for the supervision of banks": the
            # word describes what an actor does, not a condition on a power.
            described = _DESCRIBED.search(text[max(0, m.start() - 80) : m.start()])
            if described and lex.actor_heads.fullmatch(described.group(1)):
                out.append(m.span())
    return tuple(sorted(out))


def _governing_modal(text: str, offset: int, lex: Lexicon) -> tuple[Modal | None, str]:
    regex = lex.modal_regex
    first: Modal | None = None
    for m in regex.finditer(text):
        index = next(i for i, g in enumerate(m.groups()) if g is not None)
        rule = lex.modals[index]
        modal = Modal(
            m.group(0),
            m.start() + offset,
            m.end() + offset,
            rule.strength,
            rule.polarity,
            rule.label,
        )
        if first is None:
            first = modal
        if _subordinate(text[: m.start()], lex):
            continue
        return modal, text[: m.start()]
    if first is not None:
        return first, text[: first.start - offset]
    return None, ""


def _subordinate(before: str, lex: Lexicon) -> bool:
    """Whether the modal after ``before`` sits in a subordinate clause."""
    # Only the words since the last comma/colon/bracket count: "Where it
    # decides so, the Party shall" keeps "shall" governing.
    segment = re.split(r"[,:;(]", before)[-1]
    words = segment.lower().split()
    if words and lex.subordinators.fullmatch(words[-1]):
        return True  # "that may", "as may"
    for gap in (1, 2):  # "that it may", "if the party may"
        if len(words) > gap:
            sub, first = words[-gap - 1], words[-gap]
            if lex.subordinators.fullmatch(sub) and lex.determiners.fullmatch(first):
                return True
    return False


def _subject(prefix: str, lex: Lexicon) -> str:
    subject = prefix.strip(" ,")
    # Drop leading connectives ("However,", "In addition,").
    while True:
        m = lex.connectives.match(subject)
        if not m:
            break
        subject = subject[m.end() :].lstrip(" ,")
    return subject


_LIST_INTRO = re.compile(
    r"(?:including|inter alia|such as|namely)[,:]?\s+(?:inter alia[,:]?\s+)?", re.I
)


def _list_items(text: str, lex: Lexicon) -> tuple[str, ...]:
    # Only lists introduced by a safeguard head ("safeguards ... including, inter
    # alia, A, B and C") are read: other enumerations are not safeguards.
    head = lex.list_heads.search(text)
    if not head:
        return ()
    intro = _LIST_INTRO.search(text, head.start())
    if not intro:
        return ()
    tail = text[intro.end() :]
    tail = re.split(r"[.;]\s|[.;]$", tail)[0]
    # "A, B or C, and D": commas separate items; only the last one may hold
    # the final "and"/"or" ("judicial or other independent review" stays whole
    # when it is not last).
    parts = [p for p in re.split(r",\s*(?:and\s+|or\s+)?", tail) if p.strip()]
    if (
        len(parts) > 1
        and re.search(r"\s(?:and|or)\s", parts[-1])
        and not tail.rstrip().endswith(",")
    ):
        parts[-1:] = re.split(r"\s+(?:and|or)\s+", parts[-1], maxsplit=1)
    return tuple(" ".join(_WORD.findall(p.lower())) for p in parts if p.strip())


def analyse(text: str, lexicon: Lexicon) -> tuple[Clause, ...]:
    """The clauses of ``text`` with their features (offsets into ``text``)."""
    out = []
    for a, b in split_clauses(text):
        chunk = text[a:b]
        modal, prefix = _governing_modal(chunk, a, lexicon)
        saving = saving_spans(chunk, lexicon)
        actors = actor_spans(chunk, lexicon)
        terms = _hits(lexicon.terms, chunk, a, nested=True, skip=actors + saving)
        exceptions = _hits(lexicon.exceptions, chunk, a, skip=saving)
        optionals = _hits(lexicon.optionals, chunk, a)
        bound = lexicon.term_bound
        if bound and exceptions:
            # A dispensation counts only where the clause names a safeguard, and
            # not twice: "Die Belehrung kann unterbleiben" is an optional element.
            exceptions = tuple(
                h
                for h in exceptions
                if h.label not in bound
                or (terms and not any(o.start < h.end and h.start < o.end for o in optionals))
            )
        out.append(
            Clause(
                text=chunk,
                start=a,
                end=b,
                modal=modal,
                subject=_subject(prefix, lexicon),
                deferrals=_hits(lexicon.deferrals, chunk, a, skip=saving),
                optionals=optionals,
                terms=terms,
                exceptions=exceptions,
                broad=_hits(lexicon.scope_broad, chunk, a),
                # "limited to what is strictly necessary" is the necessity test,
                # a limit in itself: its "limited to" and "strictly" are not read
                # again as scope ("uitsluitend" of a purpose limitation still is:
                # it confines the use as much as it names the purpose)
                narrow=tuple(
                    h
                    for h in _hits(lexicon.scope_narrow, chunk, a)
                    if not any(
                        t.key == "necessity" and t.start <= h.start and h.end <= t.end
                        for t in terms
                    )
                ),
                list_items=_list_items(chunk, lexicon),
            )
        )
    return tuple(out)
