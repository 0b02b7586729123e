"""Word-level diff of two provision texts, on diff-match-patch.

Texts are first :func:`normalise`\\ d, so that formatting (whitespace, line
wraps, Markdown emphasis, link and heading syntax) never shows as a change.
Then each distinct word, whitespace run or punctuation mark is mapped to one
code point, diff-match-patch diffs the code-point strings (the trick GovTrack's
``xml_diff`` uses), and the result is mapped back to text.

>>> [(d.op, d.text) for d in diff_words("Each Party shall adopt", "Each Party may adopt")]
[('equal', 'Each Party '), ('delete', 'shall'), ('insert', 'may'), ('equal', ' adopt')]

Diff one aligned provision at a time, never whole documents: the aligner
decides what corresponds, the diff only shows how the words changed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs
from diff_match_patch import diff_match_patch

__all__ = [
    "OPS",
    "DiffOp",
    "diff_words",
    "is_layout",
    "normalise",
    "normalise_with_map",
    "tokenize",
]

#: The three kinds of :class:`DiffOp`.
OPS = ("equal", "insert", "delete")


def _check_op(instance: DiffOp, attribute: attrs.Attribute, value: str) -> None:
    if value not in OPS:
        raise ValueError(f"diff op {value!r}: expected one of {OPS}")


@attrs.frozen
class DiffOp:
    """One run of a word diff: ``op`` is ``"equal"``, ``"insert"`` or ``"delete"``.

    >>> DiffOp("insert", "may ")
    DiffOp(op='insert', text='may ')
    """

    op: str = attrs.field(validator=_check_op)
    text: str


# -- normalisation -------------------------------------------------------------

# Characters that carry no content: zero-width space/joiners, word joiner,
# byte-order mark, soft hyphen (a line-break hint that PDF and Word leave behind).
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")

# Markdown syntax.  Each pattern's groups are the parts that are *content*;
# everything else in the match is markup and dropped.
_LINK = re.compile(r"!?\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)")
# An ATX heading line: the opening hashes (a space after them is optional, as
# converters often drop it) and any closing hashes are markup; the body is text.
_HEADING = re.compile(
    r"^[ \t]{0,3}#{1,6}(?:[ \t]+|(?=[^\s#])|(?=$))(?P<body>.*?)(?P<close>(?:[ \t]+#+)?[ \t]*)$",
    re.MULTILINE,
)
_RULE = re.compile(r"^[ \t]*(?:={3,}|-{3,})[ \t]*$", re.MULTILINE)
# Emphasis: a run of * or _ that opens before a non-space and closes after one,
# on one line.  Underscores only at word boundaries (snake_case is text).
_EMPH_STAR = re.compile(r"(\*{1,3})(?=[^\s*])([^\n]*?[^\s*\\])\1(?!\*)")
_EMPH_UNDER = re.compile(r"(?<![0-9A-Za-z_])(_{1,3})(?=[^\s_])([^\n]*?[^\s_\\])\1(?![0-9A-Za-z_])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)

# Where a Markdown converter dropped the space before an emphasis span
# ("cybercrime,*inter alia,*"), the delimiter stood at a word boundary.
_NEEDS_SPACE_BEFORE = frozenset(",;:")


def normalise_with_map(text: str) -> tuple[str, tuple[int, ...]]:
    """:func:`normalise` ``text`` and give, for each output character, its index in ``text``.

    The map lets a caller carry offsets into the raw text (a finding's
    evidence span) over to the normalised text the diff works on.

    >>> out, where = normalise_with_map("a  **b**")
    >>> out, where
    ('a b', (0, 1, 5))
    """
    return _normalise(text, True)  # type: ignore[return-value]


def _normalise(text: str, want_map: bool) -> tuple[str, tuple[int, ...] | None]:
    if not want_map and not _MAYBE_MARKUP.search(text):
        # No character that any markup pattern needs: only whitespace to collapse
        # (what _normalise_full gives for such text, without its seven scans).
        return " ".join(text.split()), None
    return _normalise_full(text, want_map)


def _normalise_full(text: str, want_map: bool) -> tuple[str, tuple[int, ...] | None]:
    out, where, plain = _normalise_once(text, want_map)
    if plain and not _MARKUP_CHAR.search(out) and not out.startswith("-"):
        # Plain text: nothing was markup, and no markup character is left that
        # joining lines could have turned into markup ("*a\nb*" -> "*a b*").
        return out, where
    # Removing an escape can reveal markup ("\\*a\\*" -> "*a*"): repeat to a
    # fixed point so that normalise is idempotent.  Each pass only removes.
    for _ in range(8):
        again, inner, _ = _normalise_once(out, want_map)
        if again == out:
            break
        if want_map:
            assert where is not None and inner is not None
            where = tuple(where[i] for i in inner)
        out = again
    return out, where


def _normalise_once(text: str, want_map: bool) -> tuple[str, tuple[int, ...] | None, bool]:
    """One pass: (output, map or None, True if the text held no markup at all)."""
    drop = bytearray(len(text))  # 1 = markup, not content
    space_at: set[int] = set()  # delimiter positions that stood for a word boundary

    def mark(start: int, end: int) -> None:
        for i in range(start, end):
            drop[i] = 1

    for m in _LINK.finditer(text):
        # keep only the link text: drop "![" / "[" and "](url)"
        mark(m.start(), m.start(1))
        mark(m.end(1), m.end())
    for m in _HEADING.finditer(text):
        mark(m.start(), m.start("body"))
        mark(m.end("body"), m.end("close"))
    for m in _RULE.finditer(text):
        mark(m.start(), m.end())
    for pattern in (_EMPH_STAR, _EMPH_UNDER):
        for m in pattern.finditer(text):
            if any(drop[m.start() : m.end(1)]):
                continue
            mark(m.start(1), m.end(1))
            mark(m.end(2), m.end())
            if m.start() > 0 and text[m.start() - 1] in _NEEDS_SPACE_BEFORE:
                space_at.add(m.start())
    for m in _ESCAPE.finditer(text):
        mark(m.start(), m.start() + 1)
    for m in _HTML_BREAK.finditer(text):
        mark(m.start(), m.end())
        space_at.add(m.start())

    if 1 not in drop and not space_at and not _INVISIBLE_RE.search(text):
        if not want_map:
            return " ".join(text.split()), None, True
        return (*_collapse(text), True)
    out: list[str] = []
    where: list[int] = []
    pending_space = -1  # index of the first raw whitespace of a pending run
    for i, ch in enumerate(text):
        if i in space_at and pending_space < 0:
            pending_space = i
        if drop[i] or ch in _INVISIBLE:
            continue
        if ch.isspace():
            if pending_space < 0:
                pending_space = i
            continue
        if pending_space >= 0:
            if out:  # no leading space
                out.append(" ")
                where.append(pending_space)
            pending_space = -1
        out.append(ch)
        where.append(i)
    return "".join(out), tuple(where), False


_MARKUP_CHAR = re.compile(r"[*_\[#\\<=]")
# Every markup pattern above needs one of these (a rule needs three - or =).
_MAYBE_MARKUP = re.compile(r"[*_\[#\\<" + "".join(sorted(_INVISIBLE)) + r"]|---|===")
_INVISIBLE_RE = re.compile("[" + "".join(sorted(_INVISIBLE)) + "]")
_WORD_RUN = re.compile(r"\S+")


def _collapse(text: str) -> tuple[str, tuple[int, ...]]:
    """The common case, plain text: collapse whitespace runs (C-speed regex)."""
    parts: list[str] = []
    where: list[int] = []
    last_end = 0
    for m in _WORD_RUN.finditer(text):
        if parts:
            parts.append(" ")
            where.append(last_end)  # the space stands for the run that began here
        parts.append(m.group())
        where.extend(range(m.start(), m.end()))
        last_end = m.end()
    return "".join(parts), tuple(where)


def normalise(text: str) -> str:
    """The content of ``text`` with formatting removed: what a diff should compare.

    Runs of whitespace (line wraps, non-breaking spaces, tabs) become one
    space; leading and trailing space goes; Markdown emphasis (``*x*``,
    ``**x**``, ``_x_``), links (``[text](url)`` keeps ``text``), heading marks
    (``## ``), rules and backslash escapes are dropped; invisible characters
    (zero-width space, soft hyphen, BOM) are removed.  Words, punctuation and
    quotes are content and stay as they are.  Idempotent.

    >>> normalise("## Article 2\\n*Illegal*  access,\\u00a0see [Article 3](art3.md)")
    'Article 2 Illegal access, see Article 3'
    """
    return _normalise(text, False)[0]


# -- tokens --------------------------------------------------------------------

# A word (letters/digits, with inner apostrophes, hyphens, dots or commas as in
# "co-operation", "State's", "342.1", "1,000"), a run of whitespace, or one
# other character (punctuation is its own token so "law," -> "law;" is small).
_TOKEN = re.compile(r"\w+(?:[-'’.,/]\w+)*|\s+|[^\w\s]")


def tokenize(text: str) -> tuple[str, ...]:
    """Split ``text`` into word, whitespace and punctuation tokens that join back to it.

    >>> tokenize("Article 24(2), co-operation")
    ('Article', ' ', '24', '(', '2', ')', ',', ' ', 'co-operation')
    """
    return tuple(_TOKEN.findall(text))


# -- diff ----------------------------------------------------------------------

_DMP_OP = {-1: "delete", 0: "equal", 1: "insert"}


def _code_points(tokens: Sequence[str], table: dict[str, str]) -> str:
    """The tokens as one string of code points, adding new tokens to ``table``.

    A new token gets U+0100 plus the number of tokens already in the table
    (skipping the surrogates): the order of first use decides the code.
    """
    for token in dict.fromkeys(tokens):
        if token not in table:
            n = len(table) + 0x100
            if n >= 0xD800:  # skip the surrogate block: not valid in every codec
                n += 0x800
            table[token] = chr(n)
    return "".join(map(table.__getitem__, tokens))


class _Dmp(diff_match_patch):  # type: ignore[misc]
    """diff-match-patch with a faster ``diff_bisect`` that gives the same diffs.

    The method is the library's own, step for step (same loops, same tests,
    same split point), with three changes that do not alter what it
    computes: the texts are compared as lists of integers (indexing a
    ``str`` above U+00FF makes a new one-character string each time, and
    every token code is above U+00FF), the reverse path reads reversed lists
    instead of negative offsets, and the deadline is not read, as it is
    never reached with ``Diff_Timeout = 0``.  ``tests/test_diff.py`` checks
    it against the library on random texts.
    """

    def diff_bisect(self, text1: str, text2: str, deadline: float) -> list[tuple[int, str]]:
        n1 = len(text1)
        n2 = len(text2)
        max_d = (n1 + n2 + 1) // 2
        v_offset = max_d
        v_length = 2 * max_d
        v1 = [-1] * v_length
        v1[v_offset + 1] = 0
        v2 = v1[:]
        delta = n1 - n2
        # If the total number of characters is odd, then the front path will
        # collide with the reverse path.
        front = delta % 2 != 0
        a = list(map(ord, text1))
        b = list(map(ord, text2))
        # (a negative index wraps in a list as in a str: ra[i] is text1[-i - 1] for any i)
        ra = a[::-1]
        rb = b[::-1]
        k1start = k1end = k2start = k2end = 0
        for d in range(max_d):
            # Walk the front path one step.
            for k1 in range(-d + k1start, d + 1 - k1end, 2):
                k1_offset = v_offset + k1
                if k1 == -d or (k1 != d and v1[k1_offset - 1] < v1[k1_offset + 1]):
                    x1 = v1[k1_offset + 1]
                else:
                    x1 = v1[k1_offset - 1] + 1
                y1 = x1 - k1
                while x1 < n1 and y1 < n2 and a[x1] == b[y1]:
                    x1 += 1
                    y1 += 1
                v1[k1_offset] = x1
                if x1 > n1:
                    k1end += 2  # ran off the right of the graph
                elif y1 > n2:
                    k1start += 2  # ran off the bottom of the graph
                elif front:
                    k2_offset = v_offset + delta - k1
                    if 0 <= k2_offset < v_length and v2[k2_offset] != -1:
                        if x1 >= n1 - v2[k2_offset]:  # overlap
                            return self.diff_bisectSplit(text1, text2, x1, y1, deadline)  # type: ignore[no-any-return]
            # Walk the reverse path one step.
            for k2 in range(-d + k2start, d + 1 - k2end, 2):
                k2_offset = v_offset + k2
                if k2 == -d or (k2 != d and v2[k2_offset - 1] < v2[k2_offset + 1]):
                    x2 = v2[k2_offset + 1]
                else:
                    x2 = v2[k2_offset - 1] + 1
                y2 = x2 - k2
                while x2 < n1 and y2 < n2 and ra[x2] == rb[y2]:
                    x2 += 1
                    y2 += 1
                v2[k2_offset] = x2
                if x2 > n1:
                    k2end += 2  # ran off the left of the graph
                elif y2 > n2:
                    k2start += 2  # ran off the top of the graph
                elif not front:
                    k1_offset = v_offset + delta - k2
                    if 0 <= k1_offset < v_length and v1[k1_offset] != -1:
                        x1 = v1[k1_offset]
                        y1 = v_offset + x1 - k1_offset
                        if x1 >= n1 - x2:  # overlap
                            return self.diff_bisectSplit(text1, text2, x1, y1, deadline)  # type: ignore[no-any-return]
        # No commonality at all.
        return [(self.DIFF_DELETE, text1), (self.DIFF_INSERT, text2)]


def diff_words(old: str, new: str, *, normalised: bool = False) -> tuple[DiffOp, ...]:
    """Word diff of ``old`` against ``new`` (both normalised first, unless ``normalised``).

    Joining the ``equal`` and ``insert`` runs gives ``normalise(new)``; joining
    ``equal`` and ``delete`` gives ``normalise(old)``.  Adjacent runs of the same
    op are merged; a change is a ``delete`` followed by an ``insert``.  Where two
    passages differ only in spacing ("Preambule De" / "PreambuleDe"), only the
    space is inserted or deleted (a whitespace-only op: layout, see
    :func:`is_layout`).

    >>> diff_words("within  a *reasonable* time", "within a reasonable time")
    (DiffOp(op='equal', text='within a reasonable time'),)
    >>> [d.op for d in diff_words("shall", "may")]
    ['delete', 'insert']
    """
    if not normalised:
        old, new = normalise(old), normalise(new)
    if old == new:
        return (DiffOp("equal", old),) if old else ()
    if old > new:
        # diff-match-patch breaks ties by the order of its arguments; diffing in one
        # canonical order and flipping makes diff(b, a) the exact mirror of diff(a, b).
        flip = {"insert": "delete", "delete": "insert", "equal": "equal"}
        mirrored = diff_words(new, old, normalised=True)
        return tuple(_order_changes([DiffOp(flip[d.op], d.text) for d in mirrored]))
    table: dict[str, str] = {}
    a = _code_points(tokenize(old), table)
    b = _code_points(tokenize(new), table)
    back = {char: token for token, char in table.items()}
    dmp = _Dmp()
    # The default 1 s timeout silently returns a coarse (but valid) diff on long
    # texts; a redline must show the minimal one whatever the time.
    dmp.Diff_Timeout = 0
    # checklines=False: line mode would re-encode our code points as lines.
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    ops: list[DiffOp] = []
    for code, chars in diffs:
        text = "".join(map(back.__getitem__, chars))
        if not text:
            continue
        op = _DMP_OP[code]
        if ops and ops[-1].op == op:
            ops[-1] = DiffOp(op, ops[-1].text + text)
        else:
            ops.append(DiffOp(op, text))
    return tuple(_order_changes(ops))


def _order_changes(ops: list[DiffOp]) -> list[DiffOp]:
    """Put each delete before the insert it pairs with, and merge what that joins."""
    out: list[DiffOp] = []
    i = 0
    while i < len(ops):
        if ops[i].op == "equal":
            out.append(ops[i])
            i += 1
            continue
        deleted: list[str] = []
        inserted: list[str] = []
        while i < len(ops) and ops[i].op != "equal":
            (deleted if ops[i].op == "delete" else inserted).append(ops[i].text)
            i += 1
        old, new = "".join(deleted), "".join(inserted)
        if old and new and _unspaced(old) == _unspaced(new):
            out.extend(_spacing_ops(old, new))
        else:
            if old:
                out.append(DiffOp("delete", old))
            if new:
                out.append(DiffOp("insert", new))
    # merge the equal runs that a spacing-only change leaves side by side
    merged: list[DiffOp] = []
    for op in out:
        if merged and merged[-1].op == op.op:
            merged[-1] = DiffOp(op.op, merged[-1].text + op.text)
        else:
            merged.append(op)
    return merged


def is_layout(op: DiffOp) -> bool:
    """True for an insert or delete of whitespace only: a change of layout, not of words.

    >>> [is_layout(d) for d in diff_words("Preambule De", "PreambuleDe")]
    [False, True, False]
    """
    return op.op != "equal" and not op.text.strip()


def _unspaced(text: str) -> str:
    return "".join(text.split())


def _spacing_ops(old: str, new: str) -> list[DiffOp]:
    """Character-level ops for two texts that differ only in where spaces stand.

    Conversions glue words ("PreambuleDe") or drop the space after a comma
    ("cybercrime,inter"): word tokens would show a whole-word change, this
    shows only the space, so a renderer can treat it as layout.
    """
    ops: list[DiffOp] = []
    i = j = 0
    while i < len(old) or j < len(new):
        a_space = i < len(old) and old[i].isspace()
        b_space = j < len(new) and new[j].isspace()
        if a_space and b_space:
            ops.append(DiffOp("equal", old[i]))
            i += 1
            j += 1
        elif a_space:
            ops.append(DiffOp("delete", old[i]))
            i += 1
        elif b_space:
            ops.append(DiffOp("insert", new[j]))
            j += 1
        else:
            ops.append(DiffOp("equal", old[i]))
            i += 1
            j += 1
    return ops
