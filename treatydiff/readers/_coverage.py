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

__all__ = ["LINK", "MARKUP_CHARS", "SPAN", "lost_text", "strip_heading", "strip_inline"]

_WS = re.compile(r"[ \t\u00a0]+")

#: Characters the coverage check ignores because they are (or may be) markup.
MARKUP_CHARS = frozenset("*_#`\\")

#: ``[text](target)`` (also images ``![alt](src)``); group 1 text, group 2 target.
LINK = re.compile(r"!?\[([^\[\]\n]*)\](\([^()\s]*(?:\s+\"[^\"]*\")?\))")
#: Pandoc span ``[text]{.smallcaps}``; group 1 text, group 2 the attribute block.
SPAN = re.compile(r"\[([^\[\]\n]*)\](\{[^{}\n]*\})")
_INLINE = re.compile(r"\\([!-/:-@\[-`{-~])|(\*+)|(?<![0-9A-Za-z])(_+)|(_+)(?![0-9A-Za-z])|(`+)")
_HEADING = re.compile(r"^(#{1,6})(?!#)\s*")


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
        text = _INLINE.sub(lambda m: m.group(1) or "", text)
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


def _flow(text: str) -> str:
    """Non-blank, non-markup characters of ``text`` in order."""
    return "".join(c for c in text if not c.isspace() and c not in MARKUP_CHARS)


def _body_flow(body: str, doc: Document) -> str:
    lines = body.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for r in doc.removed:
        if r.reason in ("link target", "markup attribute"):
            continue  # the link syntax below accounts for these
        if 1 <= r.line <= len(lines):
            line = lines[r.line - 1]
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
    return "".join(out)


def _tree_flow(doc: Document) -> str:
    out = []
    for node in doc.walk():
        if node.label:
            out.append(_flow(node.label))
        elif node.number and node.kind != "part":
            out.append(_flow(node.number))
        if node.heading:
            out.append(_flow(node.heading))
        text = node.text
        # Notes and footnotes left the text: put them back where they stood.
        for a in sorted((a for a in node.annotations if a.kind in ("note", "footnote")),
                        key=lambda a: -a.start):
            text = text[: a.start] + a.text + text[a.start :]
        out.append(_flow(text))
    return "".join(out)


def lost_text(body: str, doc: Document) -> list[str]:
    """Input characters the tree lost: empty when nothing was lost.

    Every non-blank character of ``body`` must appear, in order, in some
    provision's label (or number), heading, text or note/footnote annotation,
    unless it is markup (see the module docstring) or part of a reported
    :class:`~treatydiff.model.Removal`.  Returns the missing stretches
    (whitespace and markup removed), in input order.

    >>> from treatydiff.readers.text import read_text
    >>> body = "Article 1\\nScope\\n1. Applies [agreed ad ref]."
    >>> lost_text(body, read_text(body))
    []
    """
    from diff_match_patch import diff_match_patch

    a, b = _body_flow(body, doc), _tree_flow(doc)
    if a == b:
        return []
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 20
    ends = _label_ends(doc)
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


_SEPARATORS = frozenset("-–—:.")


def _label_ends(doc: Document) -> set[int]:
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
            if a.kind in ("note", "footnote"):
                text += a.text
        pos += len(_flow(text))
    return ends
