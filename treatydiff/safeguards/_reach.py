"""What a clause reaches: alternatives added to, or dropped from, its wording.

A prohibition of scoring "natural persons" that comes to reach "natural
persons or groups of persons", an offence of acting "with intent to secure
access" that comes to reach acting "with intent to secure access ..., or to
enable any such access to be secured", a list of punishable acts "verkoopt,
verwerft, invoert, verspreidt" that gained "invoert": no word of a safeguard
lexicon moved, yet what the clause covers grew.  The common shape is a whole
coordinated member, an alternative, inserted into (or deleted from) the
clause.  This module finds those members in a word diff of two paired clauses;
what they mean (a wider offence weakens, a wider prohibition protects more)
depends on the clause's role and is decided by :mod:`treatydiff.safeguards.rules`.

Only pure insertions and deletions count: a replaced member ("victims of
crime" -> "victims of abduction, trafficking ...") may be narrower or wider,
and is left to the reader.  A member made only of numbers and reference words
("or Article 7") is a change of cross-reference, not of reach.

>>> import re
>>> ors, ands = re.compile(r"or", re.I), re.compile(r"and", re.I)
>>> old = "the classification of natural persons based on known or predicted traits"
>>> new = "the classification of natural persons or groups of persons based on known, inferred or predicted traits"
>>> [(a.added, a.words) for a in alternatives(old, new, ors, ands)]
[(True, 'or groups of persons'), (True, ', inferred')]
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Sequence

import attrs
from rapidfuzz import fuzz

__all__ = ["Alternative", "alternatives", "conditions", "qualifiers"]

_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
# Words that make a member a cross-reference rather than a reach ("or Article 7",
# "oder § 100c Absatz 2").
_REFERENCE_WORDS = frozenset(
    {
        "article",
        "articles",
        "paragraph",
        "paragraphs",
        "point",
        "points",
        "section",
        "sections",
        "subsection",
        "annex",
        "chapter",
        "absatz",
        "abs",
        "satz",
        "nr",
        "nummer",
        "buchstabe",
        "artikel",
        "lid",
        "onderdeel",
        "of",
        "the",
        "this",
        "der",
        "des",
        "den",
        "van",
        "het",
        # ranges: "oder § 89c Absatz 1 bis 4" is a reference, read by the reference rule
        "bis",
        "to",
        "tot",
        "met",
    }
)
#: A member longer than this many tokens is a new clause, not an alternative.
MAX_TOKENS = 28
#: How far after a comma-joined member the list's own joiner may stand.
_LOOKAHEAD = 8


@attrs.frozen
class Alternative:
    """A coordinated member inserted (``added``) or deleted.

    ``start``/``end`` index the new text for an inserted member, the old text
    for a deleted one; ``words`` is that slice.
    """

    added: bool
    start: int
    end: int
    words: str


@functools.lru_cache(maxsize=512)
def _diff(
    old: str, new: str
) -> tuple[
    list[tuple[str, int, int]], list[tuple[str, int, int]], Sequence[tuple[str, int, int, int, int]]
]:
    """The tokens of both texts and their word diff, computed once per pair:
    alternatives, conditions and qualifiers all read the same diff.  Callers
    must not change what it returns."""
    a, b = _tokens(old), _tokens(new)
    ops = difflib.SequenceMatcher(
        None, [t for t, _, _ in a], [t for t, _, _ in b], autojunk=False
    ).get_opcodes()
    return a, b, ops


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0).lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _is_member(
    toks: list[tuple[str, int, int]],
    a: int,
    b: int,
    joiners: re.Pattern[str],
    conjunctions: re.Pattern[str],
    subordinators: re.Pattern[str] | None = None,
) -> bool:
    """Whether ``toks[a:b]`` reads as one whole alternative of a list."""
    seg = [t for t, _, _ in toks[a:b]]
    if not seg or len(seg) > MAX_TOKENS:
        return False

    def joiner(word: str) -> bool:
        return joiners.fullmatch(word) is not None

    words = [w for w in seg if w[0].isalpha() and not joiner(w) and not conjunctions.fullmatch(w)]
    if not words or all(w in _REFERENCE_WORDS for w in words):
        return False
    if any(w in ".;:" for w in seg):
        return False  # a sentence or clause boundary inside: more than one member
    if subordinators is not None and subordinators.fullmatch(words[0]):
        return False  # ", nachdem sie begangen ...", "or where ...": a condition, not a member

    if joiner(seg[0]) or (seg[0] == "," and len(seg) > 1 and joiner(seg[1])):
        return len(seg) > 1 + (seg[0] == ",")
    if joiner(seg[-1]) and len(seg) > 1:
        return True  # "eine gefährliche Körperverletzung (§ 224) oder" before the old member
    # ", inferred" before "or predicted"; "invoert ," after "verwerft ,": a
    # comma-joined member counts when the list it joins is closed by an
    # alternative joiner ("or"), not by a conjunction ("specific, substantial
    # and imminent": every word must hold, so an added one narrows).  Words
    # between two commas (", in strijd met zijn plicht,") are a parenthesis
    # that qualifies, not a member.
    if (seg[0] == ",") != (seg[-1] == ","):
        for word, _, _ in toks[b : b + _LOOKAHEAD]:
            if joiner(word):
                return True
            if conjunctions.fullmatch(word) or word in ".;:":
                return False
    return False


def alternatives(
    old: str,
    new: str,
    joiners: re.Pattern[str],
    conjunctions: re.Pattern[str],
    subordinators: re.Pattern[str] | None = None,
) -> tuple[Alternative, ...]:
    """Whole alternatives inserted into ``new`` or deleted from ``old``.

    ``joiners`` matches a word that joins alternatives ("or", "oder", "of"),
    ``conjunctions`` one that joins cumulative members ("and", "und", "en"),
    ``subordinators`` a word that opens a condition ("where", "nachdem"): a
    member that starts with one is a condition, not an alternative.  All
    must match whole lower-case words.
    """
    a, b, ops = _diff(old, new)

    def fresh(toks: list[tuple[str, int, int]], i: int, j: int, other: list[str]) -> bool:
        # "health or safety" -> "health, safety or fundamental rights": the diff
        # may show ", safety" inserted, but it was there before; so were
        # "aufgenommenen Person" when "aufgenommene Person" went (an inflection).
        # Whole words are compared: "gevaar" is new beside "levensgevaar".
        words = [t for t, _, _ in toks[i:j] if t[0].isalpha() and not joiners.fullmatch(t)]
        return any(all(fuzz.ratio(w, o) < 85 for o in other) for w in words)

    words_a = [t for t, _, _ in a if t[0].isalpha()]
    words_b = [t for t, _, _ in b if t[0].isalpha()]

    def reworded_nearby(k: int) -> bool:
        # "distributes, exhibits or shows" -> "distributes or makes accessible to
        # the public": a member went while the next one was rewritten, a list
        # reworded whose reach the words alone do not settle.
        for n in (k - 2, k + 2):
            if 0 <= n < len(ops) and ops[n][0] == "replace":
                between = ops[(k + n) // 2]
                if between[0] == "equal" and between[2] - between[1] <= 1:
                    return True
        return False

    out: list[Alternative] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if (
            tag == "insert"
            and _is_member(b, j1, j2, joiners, conjunctions, subordinators)
            and fresh(b, j1, j2, words_a)
        ):
            start, end = b[j1][1], b[j2 - 1][2]
            out.append(Alternative(True, start, end, new[start:end]))
        elif (
            tag == "delete"
            and _is_member(a, i1, i2, joiners, conjunctions, subordinators)
            and fresh(a, i1, i2, words_b)
            and not reworded_nearby(k)
        ):
            start, end = a[i1][1], a[i2 - 1][2]
            out.append(Alternative(False, start, end, old[start:end]))
    return tuple(out)


def conditions(old: str, new: str, openers: re.Pattern[str]) -> tuple[Alternative, ...]:
    """Conditions inserted into ``new`` or deleted from ``old``.

    A condition is a stretch of the word diff that opens with a condition word
    (``openers``: "provided that", "sofern", "mits"), after an optional comma,
    and holds at least three words: "shall not apply to microenterprises" ->
    "shall not apply to microenterprises, provided those enterprises do not
    have partner enterprises".  What it means depends on the clause's role.

    >>> opens = re.compile(r"provided(?:\\s+that)?|where|if", re.I)
    >>> old = "The obligations shall not apply to microenterprises."
    >>> new = "The obligations shall not apply to microenterprises, provided they have no partner enterprises."
    >>> [(c.added, c.words) for c in conditions(old, new, opens)]
    [(True, ', provided they have no partner enterprises')]
    """
    a, b, ops = _diff(old, new)
    out: list[Alternative] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "insert":
            toks, lo, hi, text, added = b, j1, j2, new, True
        elif tag == "delete":
            toks, lo, hi, text, added = a, i1, i2, old, False
        else:
            continue
        seg = toks[lo:hi]
        while seg and not seg[-1][0][0].isalnum():
            seg = seg[:-1]  # the full stop after it belongs to the sentence
        k = 1 if seg and seg[0][0] == "," else 0
        if sum(t[0][0].isalpha() for t in seg[k:]) < 3:
            continue
        m = openers.match(text, seg[k][1])
        if m is None or (m.end() < len(text) and text[m.end()].isalnum()):
            continue  # "if" of "iff", "where" of "whereas"
        start, end = seg[0][1], seg[-1][2]
        out.append(Alternative(added, start, end, text[start:end]))
    return tuple(out)


#: A qualifier longer than this many tokens is a new clause, not a qualifier.
MAX_QUALIFIER = 20


def qualifiers(
    old: str,
    new: str,
    joiners: re.Pattern[str],
    conjunctions: re.Pattern[str],
    conditions: re.Pattern[str] | None = None,
    stops: re.Pattern[str] | None = None,
    determiners: re.Pattern[str] | None = None,
) -> tuple[Alternative, ...]:
    """A qualifier deleted from ``old``, the only change: the clause reaches more.

    "detrimental treatment of whole groups" -> "... of groups", "bei Beginn
    der ersten Vernehmung" -> "bei Beginn der Vernehmung", "in Datenspeichern
    öffentlich zugänglich macht" -> "öffentlich zugänglich macht": words that
    confined what the clause speaks of went, and nothing else in the clause
    changed, so it reaches more.  Found only where the word diff is that one
    pure deletion: beside other changes the words may have moved or been
    reworded.  Insertions are not read: on the labelled set words put into a
    clause ("the high-risk AI system", "der betroffenen Personen", "a specific
    social or economic situation") were mostly restatements, and readers split
    on them.  Not a qualifier: a single word before a comma or a conjunction
    (the head of its phrase: "border control areas," -> "border control,"), a coordinated
    member (:func:`alternatives` reads those), a stretch holding a clause
    boundary, numbers (a deadline, a threshold: which way they cut is the
    reader's call), only reference words or ``determiners``, or one of
    ``stops`` ("also", "not", "including": they add, negate or illustrate;
    "written": the form of a thing, not its reach).  A stretch
    that opens with a cumulative conjunction ("und seine Lebensgrundlage im
    Inland hat") is one more element to hold only inside a condition (after
    one of ``conditions``); elsewhere "and" may join objects, and it is left.

    >>> ors, ands = re.compile(r"or", re.I), re.compile(r"and", re.I)
    >>> old = "the detrimental treatment of whole groups of persons"
    >>> [(q.added, q.words) for q in qualifiers(old, "the detrimental treatment of groups of persons", ors, ands)]
    [(False, 'whole')]
    >>> qualifiers("data retained for 90 days", "data retained for 30 days", ors, ands)
    ()
    """
    a, _, all_ops = _diff(old, new)
    ops = [op for op in all_ops if op[0] != "equal"]
    if len(ops) != 1 or ops[0][0] != "delete":
        return ()
    _, lo, hi, _, _ = ops[0]
    toks, text = a, old
    seg = toks[lo:hi]
    if hi - lo == 1 and (
        hi == len(toks)
        or not toks[hi][0][0].isalpha()
        or joiners.fullmatch(toks[hi][0])
        or conjunctions.fullmatch(toks[hi][0])
    ):
        return ()  # one word before a comma or "and": the head of its phrase ("areas"), no qualifier
    while seg and seg[-1][0] == ",":
        seg = seg[:-1]
    while seg and seg[0][0] == ",":
        seg = seg[1:]
    words = [t for t, _, _ in seg]
    if not seg or len(seg) > MAX_QUALIFIER or any(w in ".;:()" or w.isdigit() for w in words):
        return ()
    content = [
        w
        for w in words
        if w[0].isalpha()
        and len(w) > 2
        and w not in _REFERENCE_WORDS
        and (determiners is None or not determiners.fullmatch(w))
    ]
    if not content or any(joiners.fullmatch(w) for w in words):
        return ()  # function words only, or an alternative ("or ..."): not a qualifier
    if stops is not None and _words(stops).search(text, seg[0][1], seg[-1][2]):
        return ()
    if conjunctions.fullmatch(words[0]):
        if conditions is None or not _words(conditions).search(text, 0, seg[0][1]):
            return ()
    elif any(conjunctions.fullmatch(w) for w in words):
        return ()  # "A and B" inside: more than one qualifier, or a member of a list
    start, end = seg[0][1], seg[-1][2]
    return (Alternative(False, start, end, text[start:end]),)


@functools.lru_cache(maxsize=64)
def _words(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` matching whole words only ("if" not inside "identified")."""
    return re.compile(r"(?<![\w-])(?:" + pattern.pattern + r")(?![\w-])", pattern.flags)
