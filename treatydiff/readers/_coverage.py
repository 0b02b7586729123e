"""What counts as Markdown markup: one definition shared by the text reader and the coverage check.

Markup is formatting, not content.  Precisely:

* the characters ``*``, ``_`` (at a word edge), ``#`` (a heading marker at the
  start of a line) and `````: emphasis, heading and code delimiters;
* a backslash that escapes the character after it (``\\[`` is ``[``);
* link and span syntax: ``[text](target)`` and ``[text]{.attrs}`` keep
  ``text``; the brackets are markup and the target or attribute block is
  reported as a :class:`~treatydiff.model.Removal` (reason ``link target`` or
  ``markup attribute``);
* footnote markers ``[^id]`` and ``[^id]:`` (the footnote's text becomes an
  annotation).

When removing emphasis would glue two words together (``alia,*include``, a
comma or full stop, then the markup, then a letter), a space takes the
markup's place: the markup stood between two words.  Emphasis inside a word
(``un*frigging*believable``) is removed without a space.

Footnotes leave their place in the text (a note printed at the foot of a page
is kept beside the sentence that refers to it), so the coverage check takes
their texts out of both sides before comparing: each footnote annotation's
text must occur in the input, and the rest must follow input order.

Everything else a reader drops on purpose (page headers, footers, page
numbers, HTML tags, YAML front matter, images) is reported in
:attr:`Document.removed`.

>>> strip_inline("*Article 5* \\\\[deleted\\\\] see [the Convention](../x.md)")
('Article 5 [deleted] see the Convention', ['(../x.md)'])
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from treatydiff.model import Document

__all__ = [
    "LINK",
    "MARKUP_CHARS",
    "SPAN",
    "footnote_marker",
    "lost_text",
    "strip_heading",
    "strip_inline",
]

_WS = re.compile(r"[ \t\u00a0]+")

#: Characters the coverage check ignores because they are (or may be) markup.
MARKUP_CHARS = frozenset("*_#`\\")

#: ``[text](target)`` (also images ``![alt](src)``); group 1 text, group 2 target.
#: A target may hold balanced parentheses ("../treaty/(wct)/(1996)/README.md").
LINK = re.compile(r"!?\[([^\[\]\n]*)\](\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\))")
#: Pandoc span ``[text]{.smallcaps}``; group 1 text, group 2 the attribute block.
SPAN = re.compile(r"\[([^\[\]\n]*)\](\{[^{}\n]*\})")
_INLINE = re.compile(r"\\([!-/:-@\[-`{-~])|(\*+)|(?<![0-9A-Za-z])(_+)|(_+)(?![0-9A-Za-z])|(`+)")
# CommonMark stops at six; converters of the US Code print seven or eight for
# deep levels ("####### (h) It shall not be unlawful"), meaning a heading too.
_HEADING = re.compile(r"^(#{1,9})(?!#)\s*")
#: Punctuation that ends a word: markup between it and a letter separates two words.
_WORD_END = frozenset(",;:.!?)]}\u201d")


def strip_inline(text: str) -> tuple[str, list[str]]:
    """Remove inline Markdown markup; return the text and the link/span targets removed."""
    removed: list[str] = []
    if "[" in text:

        def keep(m: re.Match[str]) -> str:
            removed.append(m.group(2))
            return m.group(1)

        text = SPAN.sub(keep, text)
        text = LINK.sub(keep, text)
    if any(c in text for c in "\\*_`"):
        source = text

        def drop(m: re.Match[str]) -> str:
            if m.group(1):
                return m.group(1)
            # "alia,*include": the markup stood between two words; keep them apart.
            before = source[m.start() - 1] if m.start() else ""
            after = source[m.end()] if m.end() < len(source) else ""
            if before and before in _WORD_END and after.isalnum():
                return " "
            return ""

        text = _INLINE.sub(drop, text)
    return text, removed


def strip_heading(text: str) -> tuple[str, bool]:
    """Remove a leading Markdown heading marker ("### "); say whether there was one."""
    m = _HEADING.match(text)
    if not m:
        return text, False
    rest = text[m.end() :]
    # A closing sequence "## Title ##" is markup too.
    rest = re.sub(r"\s+#+\s*$", "", rest)
    return rest, True


# -- the coverage check -----------------------------------------------------------

_FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]+\]:?")

_SUPERSCRIPTS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
_SUPERSCRIPT = str.maketrans("0123456789", _SUPERSCRIPTS)


def footnote_marker(line: str, number: str) -> re.Match[str] | None:
    """Where a plain-text footnote reference to note ``number`` stands in ``line``.

    A reference is the number in superscript digits ("offences\u00b9"), or the
    number glued to the end of a word ("offences.1", "Convention1") and not
    followed by a letter or digit; a number after "2." ("2.1") is a
    decimal, not a reference.  The last such place on the line is the one.

    >>> footnote_marker("Article 1 applies to offences.1", "1").start()
    30
    >>> footnote_marker("See Article 2.1 and 5(1).", "1") is None
    True
    """
    sup = number.translate(_SUPERSCRIPT)
    glued = r"(?:(?<=[^\W\d_])|(?<=[.,;:)\u201d\"\u2019]))(?<!\d[.,:])"
    pattern = (
        rf"{glued}{re.escape(number)}(?![\w])"
        rf"|{re.escape(sup)}(?![{_SUPERSCRIPTS}])"
    )
    found = None
    for m in re.finditer(pattern, line):
        if m.group() == sup and m.start() and line[m.start() - 1] in _SUPERSCRIPTS:
            continue  # the tail of a longer superscript number
        found = m
    return found


def _flow(text: str) -> str:
    """Non-blank, non-markup characters of ``text`` in order."""
    return "".join(c for c in text if not c.isspace() and c not in MARKUP_CHARS)


def _body_flow(body: str, doc: Document, *, in_place: bool) -> str:
    lines = body.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for r in doc.removed:
        if r.reason in ("link target", "markup attribute"):
            continue  # the link syntax below accounts for these
        if 1 <= r.line <= len(lines):
            line = lines[r.line - 1]
            if r.reason == "footnote marker":
                m = footnote_marker(line, r.text)
                if m is not None:
                    lines[r.line - 1] = line[: m.start()] + line[m.end() :]
                continue
            if line.strip() == r.text or _WS.sub(" ", line).strip() == r.text:
                lines[r.line - 1] = ""
            else:
                lines[r.line - 1] = line.replace(r.text, "", 1)
    out = []
    for line in lines:
        if "[" in line:
            line = SPAN.sub(r"\1", line)
            line = LINK.sub(r"\1", line)
            line = _FOOTNOTE_MARK.sub("", line)
        out.append(_flow(line))
    flow = "".join(out)
    if in_place:
        return flow
    # Footnotes were taken out of the tree's flow (see _tree_flow): take each
    # out of the input too, its last occurrence (definitions follow references).
    for note in _footnote_flows(doc):
        at = flow.rfind(note)
        if note and at >= 0:
            flow = flow[:at] + flow[at + len(note) :]
    return flow


def _footnote_flows(doc: Document) -> list[str]:
    return [_flow(a.text) for node in doc.walk() for a in node.annotations if a.kind == "footnote"]


def _tree_flow(doc: Document, *, in_place: bool) -> str:
    out = []
    for node in doc.walk():
        if node.label:
            out.append(_flow(node.label))
        elif node.number and node.kind != "part":
            out.append(_flow(node.number))
        if node.heading:
            out.append(_flow(node.heading))
        text = node.text
        # Notes left the text: put them back where they stood.  Footnotes too,
        # unless compared apart (a note printed at the foot of a page moved).
        kinds = ("note", "footnote") if in_place else ("note",)
        for a in sorted((a for a in node.annotations if a.kind in kinds), key=lambda a: -a.start):
            text = text[: a.start] + a.text + text[a.start :]
        out.append(_flow(text))
    return "".join(out)


def lost_text(body: str, doc: Document) -> list[str]:
    """Input characters the tree lost: empty when nothing was lost.

    Every non-blank character of ``body`` must appear, in order, in some
    provision's label (or number), heading, text or note/footnote annotation,
    unless it is markup (see the module docstring) or part of a reported
    :class:`~treatydiff.model.Removal`.  Footnotes count at their place in
    the text or, if that loses more, apart: each must then occur in the input.
    Returns the missing stretches (whitespace and markup removed), in input order.

    >>> from treatydiff.readers.text import read_text
    >>> body = "Article 1\\nScope\\n1. Applies [agreed ad ref]."
    >>> lost_text(body, read_text(body))
    []
    """
    a, b = _body_flow(body, doc, in_place=True), _tree_flow(doc, in_place=True)
    if a == b:
        return []
    lost = _lost(a, b, _label_ends(doc, in_place=True))
    if lost and _footnote_flows(doc):
        # Footnotes printed elsewhere (at the foot of the page): compare them apart.
        apart = _lost(
            _body_flow(body, doc, in_place=False),
            _tree_flow(doc, in_place=False),
            _label_ends(doc, in_place=False),
        )
        if len("".join(apart)) < len("".join(lost)):
            return apart
    return lost


def _lost(a: str, b: str, ends: set[int]) -> list[str]:
    from diff_match_patch import diff_match_patch

    if a == b:
        return []
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 20
    lost = []
    pos = 0  # offset in the tree flow
    for op, chunk in dmp.diff_main(a, b, False):
        if op == dmp.DIFF_DELETE:
            # The dash, colon or full stop between a label and its heading is layout.
            if not (pos in ends and set(chunk) <= _SEPARATORS):
                lost.append(chunk)
        else:
            pos += len(chunk) if op == dmp.DIFF_EQUAL or op == dmp.DIFF_INSERT else 0
    return lost


# (a soft hyphen standing alone, as PDF extraction leaves it, is a dash too)
_SEPARATORS = frozenset("-–—:.\u00ad")


def _label_ends(doc: Document, *, in_place: bool) -> set[int]:
    """Offsets in the tree flow just after a label that a heading or text follows."""
    ends = set()
    pos = 0
    for node in doc.walk():
        if node.label:
            pos += len(_flow(node.label))
            ends.add(pos)
        elif node.number and node.kind != "part":
            pos += len(_flow(node.number))
        if node.heading:
            pos += len(_flow(node.heading))
        text = node.text
        for a in node.annotations:
            if a.kind == "note" or (in_place and a.kind == "footnote"):
                text += a.text
        pos += len(_flow(text))
    return ends
