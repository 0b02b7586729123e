"""Plain text and Markdown reader: headings by profile, items by their numbering.

How a text becomes a tree:

1. **Lines.**  The text is split into lines (BOM, ``\\r\\n`` and form feeds
   handled; a form feed starts a new page).  Markdown markup is stripped
   (see :mod:`treatydiff.readers._coverage` for the exact definition) and
   whatever is dropped on purpose is reported as a :class:`Removal`: YAML
   front matter, HTML tag lines, images, page separators, link targets, and
   page furniture (running headers, footers, page numbers) next to form feeds.
2. **Profile.**  A profile (TOML data in ``treatydiff/readers/profiles``) says
   how containers ("CHAPTER II", "Titel I", "Erstes Buch") and units
   ("Article 24", "§ 202a", "المادة 5", "第五条") look.  Unless one is named,
   every bundled profile is scored on the text and the best one is used.  If
   a second profile of another language matches a separate stretch of the
   text (the Budapest Convention files hold the English text, then the Dutch
   one), each stretch becomes a top-level ``part`` numbered by its language
   code (``part_en``, ``part_nl``).
3. **Tree.**  Containers nest by first appearance (a heading word already open
   closes back to it, a new word opens below), units go in the innermost
   container, and numbered items ("1.", "(a)", "a)", "(i)", "1 -", "(أ)",
   ’1’...) nest the same way inside their unit: a numbering style already open
   is a sibling, a new style is a child.  "(i)" is a letter after "(h)" and a
   roman numeral otherwise.  Two exceptions, both general: a first reading of
   the region learns which numbering kinds hold which, so a new style that
   this text uses for OUTER items is not nested in the open item ("2." after
   "c.", when the article's "1." was printed before its heading); and a new
   bracket style that continues the open item's numbering ("(aa)" after "a.",
   "a." after "(-a)") is its sibling.  A line that closes a bracket the
   previous line opened ("(§ 11 Absatz" / "3) herstellt") is text.  Numbers
   keep a leading sign spelled as a word (profile ``number_prefixes``:
   "(-12a)" is number ``minus12a``, eId ``recital_minus12a``, apart from
   "(12a)"; eIds hold letters and digits only).  A container heading holding
   another container word ("TITLE VI GOVERNANCE CHAPTER 1") opens both.  A
   loose unit line ("18. Prosecution No prosecution shall ...") is split into
   a sentence-case heading and its text when that is unambiguous, and a unit
   printed as a bare dash ("22. — 23. --") is a blank unit; several points
   on one line ("(a) ...; or (b) ...") stay one point's text (not split: a
   "(b)" inside a sentence is as often a cross-reference).  Text before the first heading is the
   ``preamble``; its numbered items (or, failing that, its separate lines) are
   ``recital`` children.  A first run of units that is repeated later with
   empty bodies is a table of contents and stays in the preamble text.
4. **Negotiating text.**  ``[passages]`` stay in the text with a ``bracket``
   annotation giving their span; ``[Option 1: ...]`` and adjacent ``[X] [Y]``
   are ``alternative``; editorial notes (``[agreed ad referendum]``,
   ``[Note: ...]``, ``[deleted]``) leave the text and are kept as ``note``
   annotations at their position; Markdown footnotes ``[^1]`` with their
   ``[^1]: ...`` text become ``footnote`` annotations, and so do notes printed
   inline as ``<sup>...</sup>`` (the tags are reported removals) and, in plain
   text, a block of notes ("1 See ...") that closes a page or the text when
   every note number is referred to above it, in order ("offences.1",
   "offences¹"; the reference digits and note numbers are reported removals,
   reason ``footnote marker`` / ``footnote number``).  "1." and "1)" lines are
   numbered paragraphs, never notes.

>>> doc = read_text("Article 1\\nScope\\n1. This Convention applies.\\n2. It [may] apply.")
>>> doc.find("Article 1(2)").text, doc.find("Article 1(2)").annotations[0].kind
('It [may] apply.', 'bracket')
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from itertools import pairwise
from pathlib import PurePath

import attrs

from treatydiff.errors import ParseError
from treatydiff.model import Annotation, Document, Provision, Removal, Source, SourceSpan
from treatydiff.readers._coverage import footnote_marker, strip_heading, strip_inline
from treatydiff.readers._io import decode
from treatydiff.readers.profiles import Level, Profile, bundled_profiles, load_profile

__all__ = ["read", "read_text"]

_WS = re.compile(r"[ \t\u00a0]+")
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ROMANS = frozenset(
    "i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx xxi xxii xxiii "
    "xxiv xxv".split()
)
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:\s*(.*)$")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_HTML_LINE = re.compile(r"^\s*<[!/?]?[A-Za-z][^<>]*>\s*$")
_HTML_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")
# A Markdown code fence, or Pandoc's raw-block fence (```{=html}): the fence
# lines are markup; what stands between them is kept (or dropped on its own
# merits, like the empty "<!-- -->" Pandoc writes to separate two lists).
_FENCE_LINE = re.compile(r"^\s*(?:`{3,}|~{3,})\s*(?:\{=?[\w-]+\}|[\w-]+)?\s*$")
_PAGE_SEPARATOR = re.compile(r"^\s*\{\d+\}-{5,}\s*$")
_IMAGE_LINE = re.compile(r"^\s*!\[[^\]]*\]\([^)]*\)\s*$")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.I
)
_MD_HEADING = re.compile(r"^#{1,6}(?!#)\s*\S")
_DIGIT_RUN = re.compile(r"\d+")
#: An inline superscript (HTML ``<sup>``) on one line: a translator's or footnote note.
_SUP = re.compile(r"<sup>(.*?)</sup>", re.I)
_ENDS_SENTENCE = re.compile(r"[.;,]$")
# Dashes between a label and its heading; a soft hyphen standing alone is one
# too (PDF extraction of cp1252 text leaves "PART IV \u00ad MISCELLANEOUS").
_DASHES = "-–—\u00ad"


# -- lines --------------------------------------------------------------------


@attrs.define
class _Line:
    no: int  # 1-based line number in the input
    raw: str
    clean: str = ""
    marked: bool = False  # a Markdown heading or a fully emphasised line
    removed: bool = False
    #: The next line follows without a blank and opens in lower case: this line
    #: is the first part of a wrapped sentence, never a heading.
    wraps_on: bool = False

    @property
    def blank(self) -> bool:
        return self.removed or not self.clean


def _is_markdown(lines: list[str], source: Source) -> bool:
    name = (source.path or "").lower()
    if source.format == "markdown" or name.endswith((".md", ".markdown")):
        return True
    headings = sum(1 for ln in lines[:4000] if _MD_HEADING.match(ln))
    emphasised = sum(
        1 for ln in lines[:4000] if len(ln) > 2 and ln[0] in "*_" and ln.rstrip()[-1:] in "*_"
    )
    return headings >= 1 or emphasised >= 1


def _prepare(
    text: str, source: Source
) -> tuple[list[_Line], list[Removal], bool, list[int], dict[str, str]]:
    """Split into lines, find what to remove, strip markup.  Returns lines, removals,
    whether the text is Markdown, the page (from form feeds) of each line and the
    notes printed inline as ``<sup>...</sup>`` (now ``[^id]`` references)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    raw_lines = text.split("\n")
    pages = []
    page = 1
    for raw in raw_lines:
        if "\f" in raw and raw.split("\f", 1)[0].strip() == "":
            page += raw.count("\f")
            pages.append(page)
        else:
            pages.append(page)
            page += raw.count("\f")
    lines = [_Line(i + 1, raw.replace("\f", "")) for i, raw in enumerate(raw_lines)]
    md = _is_markdown(raw_lines, source)
    removals: list[Removal] = []
    inline: dict[str, str] = {}

    def drop(line: _Line, reason: str) -> None:
        line.removed = True
        if line.raw.strip():
            removals.append(Removal(line=line.no, text=line.raw.strip(), reason=reason))

    # YAML front matter (Markdown exports of German codes): kept as metadata.
    if lines and lines[0].raw.strip() == "---":
        end = next(
            (i for i in range(1, min(len(lines), 200)) if lines[i].raw.strip() == "---"), None
        )
        if end is not None:
            for ln in lines[: end + 1]:
                drop(ln, "front matter")
    for ln in lines:
        if ln.removed:
            continue
        if _HTML_LINE.match(ln.raw) or _HTML_COMMENT_LINE.match(ln.raw):
            drop(ln, "HTML markup")
        elif md and _FENCE_LINE.match(ln.raw):
            drop(ln, "code fence")
        elif _PAGE_SEPARATOR.match(ln.raw):
            drop(ln, "page separator")
        elif md and _IMAGE_LINE.match(ln.raw):
            drop(ln, "image")
    if "\f" in text:
        _drop_furniture(lines, raw_lines, drop)
    for ln in lines:
        if ln.removed:
            continue
        s = _WS.sub(" ", ln.raw).strip()
        if md and s:
            s, heading = strip_heading(s)
            stripped, targets = strip_inline(s)
            for t in targets:
                removals.append(
                    Removal(
                        line=ln.no,
                        text=t,
                        reason="markup attribute" if t.startswith("{") else "link target",
                    )
                )
            emphasised = len(s) > 2 and s[0] in "*_" and s[-1] in "*_"
            ln.marked = heading or emphasised
            s = _WS.sub(" ", stripped).strip()
        if "<" in s and _SUP.search(s):
            s = _inline_notes(ln, s, inline, removals)
        ln.clean = s
    removals.sort(key=lambda r: r.line)
    return lines, removals, md, pages, inline


def _inline_notes(line: _Line, text: str, inline: dict[str, str], removals: list[Removal]) -> str:
    """``<sup>1) Noot vertaler: ...</sup>`` becomes a footnote reference ``[^~12.1]``
    whose text is the note; the tags are reported as removed markup."""

    def swap(m: re.Match[str]) -> str:
        note = _WS.sub(" ", m.group(1)).strip()
        for tag in re.findall(r"</?sup>", m.group(0), re.I):
            removals.append(Removal(line=line.no, text=tag, reason="HTML markup"))
        if not note:
            return ""
        ident = f"~{line.no}.{len(inline) + 1}"
        inline[ident] = note
        return f"[^{ident}]"

    return _WS.sub(" ", _SUP.sub(swap, text)).strip()


def _drop_furniture(lines: list[_Line], raw_lines: list[str], drop) -> None:  # type: ignore[no-untyped-def]
    """Running headers/footers and page numbers: short lines near a form feed that
    repeat (digits aside) at least three times, or bare page numbers there."""
    near: set[int] = set()
    for i, raw in enumerate(raw_lines):
        if "\f" in raw:
            # the few non-blank lines before and after the page break
            for step in (-1, 1):
                j, seen = i if step == 1 else i - 1, 0
                while 0 <= j < len(lines) and seen < 3:
                    if lines[j].raw.strip():
                        near.add(j)
                        seen += 1
                    j += step
    # The first and the last page have furniture too, without a form feed beside it.
    for order in (lines, lines[::-1]):
        seen = 0
        for ln in order:
            if seen >= 3:
                break
            if ln.raw.strip():
                near.add(ln.no - 1)
                seen += 1
    counts: dict[str, int] = {}
    for ln in lines:
        s = ln.raw.strip()
        if s and len(s) <= 80:
            key = _DIGIT_RUN.sub("#", s)
            counts[key] = counts.get(key, 0) + 1
    for ln in lines:
        s = ln.raw.strip()
        if not s or ln.removed or len(s) > 80:
            continue
        key = _DIGIT_RUN.sub("#", s)
        if ln.no - 1 in near and _PAGE_NUMBER.match(s):
            drop(ln, "page number")
        elif counts.get(key, 0) >= 3 and ln.no - 1 in near:
            drop(ln, "running header or footer")


# A plain-text footnote: "1 See ...", "¹ See ..." (never "1." or "1)": numbered paragraphs).
_NOTE_LINE = re.compile(
    r"^(?P<number>\d{1,3}|[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]{1,3})"
    r"\s+(?P<text>[^\s\d\-–—.)(\[].*)$"
)
_FROM_SUPERSCRIPT = str.maketrans(
    "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079", "0123456789"
)


def _plain_footnotes(
    lines: list[_Line], pages: Sequence[int | None], removals: list[Removal]
) -> None:
    """A block of notes ("1 See ...") closing a page, or the text, whose every number
    the page's text refers to, in order ("offences.1", "offences¹"), becomes Markdown
    style footnotes: the references ``[^~p.n]``, the notes ``[^~p.n]: text``.

    Conservative on purpose: the notes must be numbered one after the other,
    the block must reach the end of the page, and each number must be found as
    a reference above it (see :func:`treatydiff.readers._coverage.footnote_marker`);
    "1." and "1)" are numbered paragraphs, never notes.
    """
    groups: list[list[int]] = []
    for i in range(len(lines)):
        if groups and pages[i] == pages[groups[-1][-1]]:
            groups[-1].append(i)
        else:
            groups.append([i])
    for group in groups:
        body = [i for i in group if not lines[i].blank]
        for block, wrapped in _note_blocks(lines, body):
            start = block[0][0]
            refs = _find_references(lines, [i for i in body if i < start], [n for _, n, _ in block])
            if refs is None:
                continue
            page = pages[start] if pages[start] is not None else 0
            for (i, n), (j, number, text) in zip(refs, block, strict=True):
                ident = f"~{page}.{n}"
                m = footnote_marker(lines[i].clean, number)
                assert m is not None
                lines[
                    i
                ].clean = f"{lines[i].clean[: m.start()]}[^{ident}]{lines[i].clean[m.end() :]}"
                removals.append(Removal(line=lines[i].no, text=number, reason="footnote marker"))
                removals.append(Removal(line=lines[j].no, text=number, reason="footnote number"))
                lines[j].clean = f"[^{ident}]: {text}"
            for j in wrapped:
                lines[j].clean = ""
            break


def _note_blocks(
    lines: list[_Line], body: list[int]
) -> list[tuple[list[tuple[int, str, str]], list[int]]]:
    """Candidate note blocks at the end of ``body`` (line indexes), longest first:
    each a list of (line index, number as printed, text with continuation lines),
    and the continuation lines."""
    out = []
    tail = body[-40:]
    for k, i in enumerate(tail):
        m = _NOTE_LINE.match(lines[i].clean)
        if not m or (k and _NOTE_LINE.match(lines[tail[k - 1]].clean)):
            continue  # a block starts after text, not after a rejected note
        block: list[tuple[int, str, str]] = []
        wrapped: list[int] = []
        ok = True
        for j in tail[k:]:
            mj = _NOTE_LINE.match(lines[j].clean)
            value = mj.group("number").translate(_FROM_SUPERSCRIPT) if mj else None
            if (
                mj
                and value
                and (not block or int(value) == int(block[-1][1].translate(_FROM_SUPERSCRIPT)) + 1)
            ):
                block.append((j, mj.group("number"), mj.group("text")))
            elif block and not mj:
                # a wrapped note: the next line carries on (the note keeps it)
                jj, number, text = block[-1]
                block[-1] = (jj, number, f"{text} {lines[j].clean}")
                wrapped.append(j)
            else:
                ok = False
                break
        if ok and block:
            out.append((block, wrapped))
    return out


def _find_references(
    lines: list[_Line], above: list[int], numbers: list[str]
) -> list[tuple[int, str]] | None:
    """Line of each note's reference, in order, or None if one is missing."""
    found: list[tuple[int, str]] = []
    pos = 0
    for number in numbers:
        while pos < len(above) and footnote_marker(lines[above[pos]].clean, number) is None:
            pos += 1
        if pos == len(above):
            return None
        found.append((above[pos], number))
    return found


# -- classification -----------------------------------------------------------


@attrs.frozen
class _LevelHit:
    level: Level
    label: str
    number: str | None
    heading: str | None
    rest: str = ""  # running text on the heading line (loose matches)
    more: tuple[_LevelHit, ...] = ()  # further headings on the same line, in order
    placeholder: bool = False  # a unit printed as a bare dash ("22. —"): no text follows


#: Stands for "plain text, never an item" (a demoted table of contents line).
_PLAIN = _LevelHit(Level(kind="part", key="", pattern=re.compile("")), "", None, None)
#: The conclusions after the last article (see :func:`_mark_conclusions`).
_CONCLUSIONS = Level(kind="conclusions", key="conclusions", pattern=re.compile(""), top=True)


_CHINESE_DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}


def _chinese_number(text: str) -> str:
    if text.isdigit():
        return text
    total, current = 0, 0
    for ch in text:
        if ch in _CHINESE_DIGITS:
            current = _CHINESE_DIGITS[ch]
        elif ch in _CHINESE_UNITS:
            total += (current or 1) * _CHINESE_UNITS[ch]
            current = 0
        else:
            return text
    return str(total + current)


def _number(m: re.Match[str], profile: Profile) -> str | None:
    value = None
    for group in ("number", "number2"):
        if group in m.re.groupindex and m.group(group):
            value = m.group(group)
            break
    if value is None:
        return None
    value = _WS.sub("", value).translate(_ARABIC_DIGITS)
    ordinals = dict(profile.ordinals)
    if value.lower() in ordinals:
        return ordinals[value.lower()]
    if profile.numerals == "chinese":
        return _chinese_number(value)
    return value


def _match_level(clean: str, profile: Profile) -> _LevelHit | None:
    if len(clean) > 300:
        return None
    for level in profile.levels:
        m = level.pattern.match(clean)
        if m is None:
            continue
        heading = (m.group("heading") or "").strip() if "heading" in m.re.groupindex else ""
        heading = heading.lstrip(_DASHES + ":. ").strip()
        # A sentence that merely starts with "Annex V ..." or "Article 3 ..." is text.
        if heading and (
            len(heading) > 200 or (_ENDS_SENTENCE.search(heading) and len(heading.split()) > 8)
        ):
            continue
        more: tuple[_LevelHit, ...] = ()
        if heading and not level.unit:
            heading, more = _second_container(heading, level, profile)
        return _LevelHit(
            level,
            _WS.sub(" ", m.group("label")).strip(),
            _number(m, profile),
            heading or None,
            more=more,
        )
    return None


def _second_container(
    heading: str, level: Level, profile: Profile
) -> tuple[str, tuple[_LevelHit, ...]]:
    """ "TITLE VI GOVERNANCE CHAPTER 1": the heading word of another container
    level inside a container's heading starts that container (on the same line)."""
    for m in re.finditer(r"(?<=\s)\S", heading):
        tail = heading[m.start() :]
        for other in profile.levels:
            if other.unit or other.top or other.key == level.key:
                continue
            if other.pattern.match(tail):
                hit = _match_level(tail, attrs.evolve(profile, levels=(other,)))
                if hit is not None:
                    return heading[: m.start()].rstrip(_DASHES + ":., "), (hit, *hit.more)
    return heading, ()


def _spell_sign(number: str, profile: Profile) -> str:
    """ "-12a" -> "minus12a" (profile ``number_prefixes``): the eId keeps the sign."""
    for sign, word in profile.number_prefixes:
        if number.startswith(sign) and len(number) > len(sign):
            return word + number[len(sign) :]
    return number


@attrs.frozen
class _ItemHit:
    style: str
    number: str
    label: str
    rest: str


def _match_items(clean: str, profile: Profile) -> list[_ItemHit]:
    """A line's leading item markers: "(2) (a) text" gives two hits."""
    hits: list[_ItemHit] = []
    rest = clean
    while rest and len(hits) < 3:
        for style in profile.items:
            m = style.pattern.match(rest)
            if m:
                label = rest[: m.end()].strip()
                number = _spell_sign(m.group("number").translate(_ARABIC_DIGITS), profile)
                if profile.numerals == "chinese":
                    number = _chinese_number(number)
                hits.append(_ItemHit(style.name, number, label, rest[m.end() :]))
                rest = rest[m.end() :]
                break
        else:
            break
    return hits


# -- building -----------------------------------------------------------------


@attrs.define(eq=False)
class _Node:
    kind: str
    number: str | None = None
    label: str | None = None
    heading: str | None = None
    key: str = ""
    lines: list[tuple[int, str]] = attrs.Factory(list)
    children: list[_Node] = attrs.Factory(list)
    first: int = 0
    footnotes: list[tuple[str, str, int]] = attrs.Factory(list)  # id, text, line


_ITEM_KINDS = ("paragraph", "subparagraph", "clause")


def _item_kind(owner: _Node, depth: int) -> str:
    if owner.kind == "preamble":
        return "recital" if depth == 1 else _ITEM_KINDS[min(depth - 1, 2)]
    return _ITEM_KINDS[min(depth - 1, 2)]


def _prev_letter(number: str) -> str | None:
    if len(number) == 1 and "b" <= number <= "z":
        return chr(ord(number) - 1)
    return None


def _next_roman(number: str) -> str | None:
    order = [
        "i",
        "ii",
        "iii",
        "iv",
        "v",
        "vi",
        "vii",
        "viii",
        "ix",
        "x",
        "xi",
        "xii",
        "xiii",
        "xiv",
        "xv",
        "xvi",
        "xvii",
        "xviii",
        "xix",
        "xx",
        "xxi",
        "xxii",
        "xxiii",
        "xxiv",
        "xxv",
    ]
    return order[order.index(number) + 1] if number in order[:-1] else None


def _resolve_style(hit: _ItemHit, stack: list[tuple[str, _Node]]) -> str:
    """Tell "(i)" the letter (after "(h)") from "(i)" the roman numeral."""
    style, number = hit.style, hit.number
    if not style.startswith("alpha") or number not in _ROMANS:
        return style
    roman = style + "-roman"
    alpha_last = next((n.number for s, n in reversed(stack) if s == style), None)
    roman_last = next((n.number for s, n in reversed(stack) if s == roman), None)
    if number == "i" and stack and stack[-1][0].startswith("upper") and roman_last is None:
        # "(h) ... (1) ... (A) ... (i)": under an open capital-letter item, "(i)"
        # opens the clauses of the US Code's (a)(1)(A)(i) ladder; a letter after
        # "(h)" would first have to close "(1)" and "(A)".
        return roman
    if alpha_last is not None and _prev_letter(number) == alpha_last:
        if number == "i" and stack[-1][0] == style and _opens_list(stack[-1][1]):
            return roman  # "(h) It shall not be unlawful under this chapter— (i) to use"
        return style
    if roman_last is not None and _next_roman(roman_last) == number:
        return roman
    if number == "i":
        return roman
    if alpha_last is not None and len(number) == 1:
        return style
    return roman if len(number) > 1 or alpha_last is None else style


_OPEN_END = re.compile(
    r"(?:[:—–]|(?<![;,.])\b(?!(?:and|or|und|oder|et|ou|y|o|en|of)\b)[^\W\d_]+)\s*$", re.IGNORECASE
)


def _opens_list(node: _Node) -> bool:
    """Does the item's text so far end as a lead-in ("... under this chapter—", "as follows:")?"""
    text = node.lines[-1][1] if node.lines else ""
    return bool(text) and bool(_OPEN_END.search(text))


def _follows(prev: str, new: str, profile: Profile) -> bool:
    """Is ``new`` the number after ``prev`` in one numbering: "a" -> "aa" -> "b",
    "minusa" -> "a", "1" -> "1a" -> "2"?  A first number ("1", "a") never is."""
    for _, word in profile.number_prefixes:
        if prev.startswith(word) and prev[len(word) :] == new:
            return True
    if prev.isalpha() and new.isalpha() and prev.islower() == new.islower():
        if len(new) == len(prev) + 1 and new.startswith(prev):
            return True
        return len(new) == 1 and ord(new) == ord(prev[0]) + 1
    a, b = re.fullmatch(r"(\d+)([a-z]*)", prev), re.fullmatch(r"(\d+)([a-z]*)", new)
    if a and b:
        if b.group(2):
            return a.group(1) == b.group(1) and len(b.group(2)) == len(a.group(2)) + 1
        return int(b.group(1)) == int(a.group(1)) + 1
    return False


def _numbering_kind(style: str) -> str:
    """ "arabic-dot" -> "arabic", "alpha-paren-roman" -> "roman"."""
    return "roman" if style.endswith("-roman") else style.split("-", 1)[0]


def _heading_like(line: _Line, after_marked: bool) -> bool:
    s = line.clean
    if not s or len(s) > 200 or s[0].islower() or s[-1] in ".;,:" or line.wraps_on:
        return False
    if after_marked and not line.marked:
        return len(s) <= 120
    return True


class _Builder:
    """Turns classified lines of one region into provisions (mutable, private)."""

    def __init__(
        self, profile: Profile, wrapped: bool, nesting: dict[tuple[str, str], int] | None = None
    ) -> None:
        self.profile = profile
        self.wrapped = wrapped
        # How often a numbering style held another in a first reading of the
        # region: (outer style, inner style) -> count.  See :meth:`_outer`.
        self.known = nesting or {}
        self.nesting: dict[tuple[str, str], int] = {}
        self._lists: set[tuple[int, str]] = set()
        self.top: list[_Node] = []
        self.preamble: _Node | None = None
        self.containers: list[_Node] = []
        self.unit: _Node | None = None
        self.items: list[tuple[str, _Node]] = []
        self.pending: _Node | None = None
        self.pending_marked = False
        self.prev: str = "blank"  # kind of the previous physical line
        self.prev_text = ""

    def owner(self) -> _Node:
        if self.unit is not None:
            return self.unit
        if self.containers:
            return self.containers[-1]
        if self.preamble is None:
            self.preamble = _Node(kind="preamble")
            self.top.append(self.preamble)
        return self.preamble

    def current(self) -> _Node:
        return self.items[-1][1] if self.items else self.owner()

    def level(self, line: _Line, hit: _LevelHit) -> None:
        self.items = []
        node = _Node(
            kind=hit.level.kind,
            number=hit.number,
            label=hit.label or None,
            heading=hit.heading,
            key=hit.level.key,
            first=line.no,
        )
        if hit.level.unit:
            (self.containers[-1].children if self.containers else self.top).append(node)
            self.unit = node
        else:
            self.unit = None
            if hit.level.top:
                self.containers = []
            else:
                keys = [c.key for c in self.containers]
                if hit.level.key in keys:
                    del self.containers[keys.index(hit.level.key) :]
            (self.containers[-1].children if self.containers else self.top).append(node)
            self.containers.append(node)
        self.pending = node if hit.heading is None else None
        self.pending_marked = line.marked
        self.prev = "level"

    def _outer(self, style: str, inner: str) -> bool:
        """Does ``style`` usually hold ``inner`` in this text (a first reading said so)?

        Only between numberings of different kinds (digits, letters, roman
        numerals): "(aa)" after "a." is an inserted point, whatever its brackets.
        """
        if _numbering_kind(style) == _numbering_kind(inner):
            return False
        held = self.known.get((style, inner), 0)
        return held >= 2 and held > 2 * self.known.get((inner, style), 0)

    def item(self, line: _Line, hits: list[_ItemHit]) -> None:
        owner = self.owner()
        for k, hit in enumerate(hits):
            style = _resolve_style(hit, self.items)
            styles = [s for s, _ in self.items]
            if style in styles:
                del self.items[styles.index(style) :]
            elif (
                self.items
                and _numbering_kind(self.items[-1][0]) == _numbering_kind(style)
                and _follows(self.items[-1][1].number or "", hit.number, self.profile)
            ):
                # An amended text inserts "(aa)" after "a." or "(-a)" before "a.",
                # in brackets of its own: the next number of the same kind is a
                # sibling, whatever its brackets.
                self.items.pop()
            else:
                # A style not open yet is a child of the open item, unless this
                # text numbers its outer items that way: "2." after "c." (its
                # "1." printed before the article heading) is a paragraph, not a
                # point of (c).
                while self.items and self._outer(style, self.items[-1][0]):
                    self.items.pop()
            parent = self.items[-1][1] if self.items else owner
            if self.items and (id(parent), style) not in self._lists:
                # counted once per list, not per item: a long list is one vote
                self._lists.add((id(parent), style))
                key = (self.items[-1][0], style)
                self.nesting[key] = self.nesting.get(key, 0) + 1
            node = _Node(
                kind=_item_kind(owner, len(self.items) + 1),
                number=hit.number,
                label=hit.label,
                first=line.no,
            )
            parent.children.append(node)
            self.items.append((style, node))
            if k == len(hits) - 1 and hit.rest.strip():
                node.lines.append((line.no, hit.rest.strip()))
        self.prev = "item"
        self.prev_text = line.clean

    def text(self, line: _Line) -> None:
        self.current().lines.append((line.no, line.clean))
        self.prev = "text"
        self.prev_text = line.clean

    def footnote(self, line: _Line, ident: str, text: str) -> None:
        self.current().footnotes.append((ident, text, line.no))
        self.prev = "text"

    def feed(self, line: _Line, hit: _LevelHit | None) -> None:
        if line.blank:
            if self.prev != "level":
                self.prev = "blank"
            return
        if hit is _PLAIN:
            self.pending = None
            self.text(line)
            return
        if hit is not None:
            for h in (hit, *hit.more):
                self.level(line, h)
                if h.placeholder:
                    self.pending = None
                if h.rest:
                    # running text after the heading ("19. Jurisdiction (1) Notwith...")
                    self.pending = None
                    rest = _Line(line.no, line.raw, h.rest)
                    items = _match_items(h.rest, self.profile)
                    if items:
                        self.item(rest, items)
                    else:
                        self.text(rest)
            return
        fn = _FOOTNOTE_DEF.match(line.clean) if line.clean.startswith("[^") else None
        if fn:
            self.footnote(line, fn.group(1), fn.group(2))
            return
        if self.pending is not None:
            node, self.pending = self.pending, None
            if (
                self.prev in ("level", "blank")
                and _heading_like(line, self.pending_marked)
                and not _match_items(line.clean, self.profile)
            ):
                node.heading = line.clean
                node.lines.append((line.no, ""))  # keeps the span; no text
                self.prev = "level"
                return
        hits = _match_items(line.clean, self.profile)
        if (
            hits
            and self.wrapped
            and self.prev == "text"
            and not self.prev_text.endswith((":", ";"))
        ):
            hits = []  # a hard-wrapped line that happens to start with "1)" is text
        if (
            hits
            and self.prev in ("text", "item")
            and hits[0].label.endswith(")")
            and not hits[0].label.startswith("(")
            and self.prev_text.count("(") > self.prev_text.count(")")
        ):
            hits = []  # "(§ 11 Absatz" / "3) herstellt": the line closes a bracket
        if hits:
            self.item(line, hits)
        else:
            self.text(line)


def _classify(lines: list[_Line], profile: Profile, md: bool) -> list[_LevelHit | None]:
    hits: list[_LevelHit | None] = [
        None if ln.blank else _match_level(ln.clean, profile) for ln in lines
    ]
    # If the units are Markdown headings (or emphasised), a plain line that looks
    # like a unit heading is a cross-reference in the text.
    units = [i for i, h in enumerate(hits) if h is not None and h.level.unit]
    if md and units:
        marked = sum(1 for i in units if lines[i].marked)
        if marked >= 0.8 * len(units):
            for i in units:
                if not lines[i].marked:
                    hits[i] = None
    _drop_table_of_contents(lines, hits)
    _loose_units(lines, hits, profile)
    _mark_conclusions(lines, hits, profile)
    return hits


def _mark_conclusions(lines: list[_Line], hits: list[_LevelHit | None], profile: Profile) -> None:
    """The testimonium or final formula after the last article opens the conclusions.

    "IN WITNESS WHEREOF ... DONE at Budapest ..." and "This Regulation shall be
    binding in its entirety ... Done at Brussels" are not part of the last
    article (nor of its last point): they become one ``conclusions``
    provision, holding every line up to the next annex (signatures, and
    whatever else stands there, such as a proposal's financial statement).
    """
    if profile.closing is None:
        return
    units = [i for i, h in enumerate(hits) if h is not None and h is not _PLAIN and h.level.unit]
    if not units:
        return
    for i in range(units[-1] + 1, len(lines)):
        if hits[i] is not None or lines[i].blank or not profile.closing.match(lines[i].clean):
            continue
        hits[i] = _LevelHit(_CONCLUSIONS, "", None, None, rest=lines[i].clean)
        for j in range(i + 1, len(lines)):
            hit = hits[j]
            if hit is not None and hit is not _PLAIN and hit.level.top:
                break  # an annex
            if not lines[j].blank:
                hits[j] = _PLAIN
        return


def _loose_units(lines: list[_Line], hits: list[_LevelHit | None], profile: Profile) -> None:
    """A line opening with the next expected unit number ("18. Prosecution No
    prosecution shall...") is that unit, its words running text."""
    loose = [(lv, lv.loose) for lv in profile.unit_levels if lv.loose is not None]
    if not loose:
        return
    last: int | None = None
    for i, hit in enumerate(hits):
        if hit is not None and hit is not _PLAIN and hit.level.unit:
            last = int(hit.number) if hit.number and hit.number.isdigit() else None
            continue
        if hit is not None or lines[i].blank or last is None:
            continue
        for level, pattern in loose:
            m = pattern.match(lines[i].clean)
            if not (m and m.group("number") == str(last + 1)):
                continue
            found: list[_LevelHit] = []
            text = lines[i].clean
            while m and m.group("number") == str(last + 1):
                label = _WS.sub(" ", m.group("label")).strip()
                rest = text[m.end("label") :].strip()
                last += 1
                blank = _PLACEHOLDER.match(rest)
                if blank:
                    # "22. — 23. --": a section printed as a bare dash (repealed or
                    # left blank), maybe followed by the next one on the same line
                    found.append(_LevelHit(level, label, m.group("number"), None, placeholder=True))
                    text = rest[blank.end() :]
                    m = pattern.match(text)
                    continue
                heading, rest = _run_in_heading(rest, profile)
                found.append(_LevelHit(level, label, m.group("number"), heading, rest))
                break
            hits[i] = attrs.evolve(found[0], more=tuple(found[1:]))
            break


_PLACEHOLDER = re.compile(r"^[-–—\u00ad]{1,3}(?:\s+|$)")
# Words a heading does not end with: "The", "Subject to the" open a sentence.
_NOT_HEADING_END = frozenset(
    "a an the of to in on for by with and or from under any every each no not that which "
    "who where when if shall may must is are be".split()
)


def _run_in_heading(rest: str, profile: Profile) -> tuple[str | None, str]:
    """ "Prosecution No prosecution shall ..." -> ("Prosecution", "No prosecution shall ...").

    A heading in sentence case runs into the text: the text starts at the first
    item marker ("Jurisdiction (1) Notwithstanding") or at the first capitalised
    word that begins a sentence (a lower-case word follows it).  The heading must
    be short (at most 8 words) and must not end with a word that opens a sentence
    ("The", "Subject to the") or with punctuation; a capitalised word that does not
    start a sentence (a name: "Director of Public Prosecutions") or any doubt
    leaves the whole line as text.
    """
    words = rest.split(" ")
    for k in range(1, min(len(words), 9)):
        word = words[k]
        tail = " ".join(words[k:])
        starts_item = word.startswith("(") and bool(_match_items(tail, profile))
        # a sentence: a capitalised word, then a lower-case one within two words
        # ("No prosecution shall", "This Act may")
        starts_sentence = word[:1].isupper() and any(w[:1].islower() for w in words[k + 1 : k + 3])
        if not (starts_item or starts_sentence):
            if word[:1].isupper():
                return None, rest  # a capitalised word inside: a name, not sentence case
            continue
        head = words[:k]
        if head[-1].lower() in _NOT_HEADING_END or head[0][:1].islower() or head[-1][-1:] in ".;,:":
            return None, rest
        return " ".join(head), tail
    return None, rest


def _drop_container_contents(lines: list[_Line], hits: list[_LevelHit | None]) -> None:
    """Containers listed before the first unit, then listed again, are a table of contents.

    StPO 2013 opens with an "Übersicht" of books and chapters ("Erstes Buch",
    "Erster Abschnitt ... §§ 1 bis 6a") and no sections: without this they
    became parts and chapters of their own, and the real ones got other eIds.
    """
    units = [i for i, h in enumerate(hits) if h is not None and h is not _PLAIN and h.level.unit]
    if not units:
        return
    containers = [
        i for i in range(units[0]) if (h := hits[i]) is not None and h is not _PLAIN and h.number
    ]
    if len(containers) < 2:
        return
    first = hits[containers[0]]
    assert first is not None
    restart = next(
        (
            i
            for i in containers[1:]
            if (h := hits[i]) is not None
            and h.level.key == first.level.key
            and h.number == first.number
        ),
        None,
    )
    if restart is None:
        return
    for i in range(restart):
        hits[i] = _PLAIN


def _drop_table_of_contents(lines: list[_Line], hits: list[_LevelHit | None]) -> None:
    """A first run of units with empty bodies, repeated later, is a table of contents."""
    _drop_container_contents(lines, hits)
    units = [i for i, h in enumerate(hits) if h is not None and h is not _PLAIN and h.level.unit]
    if len(units) < 2:
        return
    first = hits[units[0]]
    assert first is not None
    restart = next(
        (
            k
            for k in range(1, len(units))
            if (h := hits[units[k]]) is not None and h.number == first.number
        ),
        None,
    )
    if restart is None:
        return
    empty = 0
    for k in range(restart):
        nxt = next((j for j in range(units[k] + 1, len(hits)) if hits[j] is not None), len(hits))
        body = sum(1 for j in range(units[k] + 1, nxt) if not lines[j].blank)
        empty += body <= 1
    if empty < 0.8 * restart:
        return
    # Keep the containers that directly precede the restarted unit.
    cut = units[restart]
    j = cut - 1
    while j >= 0 and (lines[j].blank or hits[j] is not None):
        if hits[j] is not None:
            cut = j
        j -= 1
    for i in range(cut):
        hits[i] = _PLAIN


def _is_wrapped(lines: list[_Line], hits: list[_LevelHit | None], profile: Profile) -> bool:
    """Hard-wrapped text (lines of ~70 characters, paragraphs split by blank lines)."""
    lengths = []
    joined = 0
    for i, ln in enumerate(lines):
        if ln.blank or (hits[i] is not None and hits[i] is not _PLAIN):
            continue
        lengths.append(len(ln.clean))
        if (
            i + 1 < len(lines)
            and not lines[i + 1].blank
            and hits[i + 1] is None
            and not _match_items(lines[i + 1].clean, profile)
        ):
            joined += 1
    if len(lengths) < 2:
        return False
    lengths.sort()
    p90 = lengths[int(len(lengths) * 0.9)]
    median = lengths[len(lengths) // 2]
    # wrapped text fills its lines to a fixed width (~70 characters)
    return p90 <= 110 and median >= 45 and joined >= 0.3 * len(lengths)


# -- turning builder nodes into provisions --------------------------------------


def _annotate(text: str, profile: Profile) -> tuple[str, list[Annotation]]:
    """Brackets stay (with a span), notes leave the text (kept at their position)."""
    if "[" not in text:
        return text, []
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch == "[":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "]" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    if not spans:
        return text, []
    kinds: list[str] = []
    for s, e in spans:
        inner = text[s + 1 : e - 1].strip().lower()
        if any(
            inner.startswith(w) and (len(inner) == len(w) or not inner[len(w)].isalpha())
            for w in profile.note_words
        ):
            kinds.append("note")
        elif any(
            inner.startswith(w) and (len(inner) == len(w) or not inner[len(w)].isalpha())
            for w in profile.alternative_words
        ):
            kinds.append("alternative")
        else:
            kinds.append("bracket")
    # Adjacent brackets "[X] [Y]" or "[X]/[Y]" are alternatives to each other.
    for k in range(1, len(spans)):
        between = text[spans[k - 1][1] : spans[k][0]].strip().lower()
        if (
            between in ("", "/", "or", "ou", "o", "или", "أو")
            and kinds[k] == "bracket"
            and kinds[k - 1] in ("bracket", "alternative")
        ):
            kinds[k - 1] = kinds[k] = "alternative"
    out: list[str] = []
    annotations: list[Annotation] = []
    pos = 0
    length = 0
    for (s, e), kind in zip(spans, kinds, strict=True):
        chunk = text[pos:s]
        if kind == "note":
            chunk = chunk.rstrip(" ") if text[e : e + 1] in (" ", "", ".", ",", ";") else chunk
        out.append(chunk)
        length += len(chunk)
        if kind == "note":
            annotations.append(Annotation("note", text[s:e], length, length))
            if chunk and text[e : e + 1] == " " and not chunk.endswith(" "):
                pass
        else:
            out.append(text[s:e])
            annotations.append(Annotation(kind, text[s + 1 : e - 1], length, length + e - s))
            length += e - s
        pos = e
    out.append(text[pos:])
    new = "".join(out)
    stripped = new.lstrip()
    if len(stripped) != len(new):  # a note at the very start: shift every offset
        shift = len(new) - len(stripped)
        annotations = [
            attrs.evolve(a, start=max(0, a.start - shift), end=max(0, a.end - shift))
            for a in annotations
        ]
        new = stripped
    if new != new.rstrip():
        end = len(new.rstrip())
        annotations = [
            attrs.evolve(a, start=min(a.start, end), end=min(a.end, end)) for a in annotations
        ]
        new = new.rstrip()
    return new, annotations


def _join(lines: list[tuple[int, str]], wrapped: bool) -> str:
    parts: list[str] = []
    prev = None
    for no, text in lines:
        if not text:
            prev = no
            continue
        if parts:
            parts.append(" " if wrapped and prev is not None and no == prev + 1 else "\n")
        parts.append(text)
        prev = no
    return "".join(parts)


def _finish(
    node: _Node,
    profile: Profile,
    wrapped: bool,
    pages: Sequence[int | None],
    footnotes: dict[str, str],
    referenced: set[str],
) -> Provision:
    text = _join(node.lines, wrapped)
    annotations: list[Annotation] = []
    if "[^" in text:
        pieces = []
        pos = 0
        length = 0
        for m in _FOOTNOTE_REF.finditer(text):
            chunk = text[pos : m.start()]
            if chunk.endswith(" ") and text[m.end() : m.end() + 1] in ("", " ", "\n"):
                chunk = chunk[:-1]  # "is. [^1] Indien": one space stays, not two
            pieces.append(chunk)
            length += len(chunk)
            annotations.append(
                Annotation("footnote", footnotes.get(m.group(1), m.group(1)), length, length)
            )
            pos = m.end()
        pieces.append(text[pos:])
        text = "".join(pieces)
    text, more = _annotate(text, profile)
    if annotations and more:
        # footnote offsets were computed before notes left the text: recompute roughly
        annotations = [
            attrs.evolve(a, start=min(a.start, len(text)), end=min(a.end, len(text)))
            for a in annotations
        ]
    annotations.extend(more)
    for ident, ftext, _line in node.footnotes:
        if ident not in referenced:
            # a definition that no reference claims stays where it stood
            annotations.append(Annotation("footnote", ftext, len(text), len(text)))
    annotations.sort(key=lambda a: (a.start, a.end))
    children = tuple(
        _finish(c, profile, wrapped, pages, footnotes, referenced) for c in node.children
    )
    line_numbers = [n for n, _ in node.lines] + ([node.first] if node.first else [])
    line_numbers += [n for _, _, n in node.footnotes]
    start = min(line_numbers) if line_numbers else None
    end = max(line_numbers) if line_numbers else None
    for c in children:
        if c.span is not None:
            start = c.span.start_line if start is None else min(start, c.span.start_line)
            end = c.span.end_line if end is None else max(end, c.span.end_line)
    span = None
    if start is not None and end is not None:
        page = pages[start - 1] if start - 1 < len(pages) else None
        span = SourceSpan(start, end, page)
    return Provision(
        kind=node.kind,
        number=node.number,
        label=node.label,
        heading=node.heading,
        text=text,
        children=children,
        span=span,
        annotations=tuple(annotations),
    )


def _finish_preamble(node: _Node, lines_by_no: dict[int, _Line], wrapped: bool) -> _Node:
    """Title lines become the preamble heading; separate lines become recitals."""
    lines = list(node.lines)
    head: list[tuple[int, str]] = []
    while lines and len(head) < 4:
        no, text = lines[0]
        ln = lines_by_no.get(no)
        if ln is not None and ln.marked and not node.children:
            head.append(lines.pop(0))
        elif (
            not head
            and ln is not None
            and len(lines) > 1
            and len(text) <= 150
            and text[-1:] not in ".;,:"
            and not text[:1].islower()
        ):
            head.append(lines.pop(0))
            break
        else:
            break
    if not head and not lines and not node.children:
        return node
    heading = "\n".join(t for _, t in head) or None
    children = list(node.children)
    if not children and lines:
        blocks: list[list[tuple[int, str]]] = []
        for no, text in lines:
            if blocks and wrapped and blocks[-1][-1][0] == no - 1:
                blocks[-1].append((no, text))
            else:
                blocks.append([(no, text)])
        if len(blocks) >= 2:
            children = [_Node(kind="recital", lines=b, first=b[0][0]) for b in blocks]
            lines = []
    return _Node(
        kind="preamble",
        heading=heading,
        lines=head[:0] + lines,
        children=children,
        first=node.first or (head[0][0] if head else 0),
    )


# -- profile choice -------------------------------------------------------------


def _strip_groups(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _score(lines: list[_Line], profile: Profile) -> tuple[float, list[int]]:
    units = (
        re.compile(
            "|".join(f"(?:{_strip_groups(lv.pattern.pattern)})" for lv in profile.unit_levels)
        )
        if profile.unit_levels
        else None
    )
    containers = [lv for lv in profile.levels if not lv.unit]
    cont = (
        re.compile("|".join(f"(?:{_strip_groups(lv.pattern.pattern)})" for lv in containers))
        if containers
        else None
    )
    unit_lines: list[int] = []
    n_cont = 0
    for i, ln in enumerate(lines):
        if ln.blank or len(ln.clean) > 300:
            continue
        if units is not None and units.match(ln.clean):
            hit = _match_level(ln.clean, profile)
            if hit is not None and hit.level.unit:
                unit_lines.append(i)
                continue
        if cont is not None and cont.match(ln.clean):
            n_cont += 1
    if not unit_lines and not n_cont:
        return 0.0, []
    words: list[str] = []
    for i in unit_lines[:50]:
        for j in range(i + 1, min(i + 8, len(lines))):
            words.extend(lines[j].clean.lower().split())
    hint = sum(1 for w in words if w in profile.hints) / max(1, len(words))
    return profile.weight * (2 * len(unit_lines) + n_cont) * (1 + 4 * hint), unit_lines


def _regions(
    lines: list[_Line],
    profile,
    language: str | None,  # type: ignore[no-untyped-def]
) -> list[tuple[int, int, Profile]]:
    if profile is not None:
        return [(0, len(lines), load_profile(profile))]
    scored = []
    for p in bundled_profiles():
        score, unit_lines = _score(lines, p)
        if language and p.language == language:
            score *= 1.5
        scored.append((score, p, unit_lines))
    scored.sort(key=lambda t: -t[0])
    best_score, best, best_units = scored[0]
    if best_score == 0:
        return [(0, len(lines), best)]
    chosen = [(best, best_units)]
    for score, p, unit_lines in scored[1:]:
        if len(unit_lines) < max(3, 0.3 * len(best_units)) or score < 0.3 * best_score:
            continue
        if any(p.language == q.language for q, _ in chosen):
            continue
        lo, hi = unit_lines[0], unit_lines[-1]
        if all(hi < u[0] or lo > u[-1] for _, u in chosen if u):
            chosen.append((p, unit_lines))
    if len(chosen) == 1:
        return [(0, len(lines), best)]
    chosen.sort(key=lambda t: t[1][0])
    bounds = [0]
    for k in range(1, len(chosen)):
        p, unit_lines = chosen[k]
        prev_last = chosen[k - 1][1][-1]
        first = next(
            i
            for i in range(prev_last + 1, unit_lines[0] + 1)
            if not lines[i].blank and _match_level(lines[i].clean, p) is not None
        )
        # The stretch may open with a title (a Markdown heading) and a preamble.
        cut = first
        j = first - 1
        while j > prev_last:
            ln = lines[j]
            if not ln.blank:
                if _match_level(ln.clean, chosen[k - 1][0]) or _match_items(
                    ln.clean, chosen[k - 1][0]
                ):
                    break
                if ln.marked:
                    cut = j
            j -= 1
        bounds.append(cut)
    bounds.append(len(lines))
    return [(bounds[k], bounds[k + 1], chosen[k][0]) for k in range(len(chosen))]


# -- entry points -----------------------------------------------------------------


def _parse_region(
    lines: list[_Line],
    profile: Profile,
    md: bool,
    pages: Sequence[int | None],
    footnotes: dict[str, str],
    referenced: set[str],
) -> tuple[list[Provision], int]:
    hits = _classify(lines, profile, md)
    wrapped = _is_wrapped(lines, hits, profile)
    for ln, nxt in pairwise(lines):
        # "Die sachliche Zuständigkeit der Gerichte wird durch das Gesetz über" /
        # "die Gerichtsverfassung bestimmt.": a sentence wrapped after § 1
        ln.wraps_on = not ln.blank and not nxt.blank and nxt.clean[:1].islower()
    # Two readings: the first learns which numbering styles hold which (see
    # _Builder.item), the second uses it.
    first = _Builder(profile, wrapped)
    for ln, hit in zip(lines, hits, strict=True):
        first.feed(ln, hit)
    builder = _Builder(profile, wrapped, first.nesting)
    for ln, hit in zip(lines, hits, strict=True):
        builder.feed(ln, hit)
    n_levels = sum(1 for h in hits if h is not None and h is not _PLAIN)
    by_no = {ln.no: ln for ln in lines}
    out = []
    for node in builder.top:
        if node.kind == "preamble":
            node = _finish_preamble(node, by_no, wrapped)
            if not node.lines and not node.children and not node.heading:
                continue
        out.append(_finish(node, profile, wrapped, pages, footnotes, referenced))
    return out, n_levels


def read_text(
    text: str,
    *,
    title: str | None = None,
    source: Source | None = None,
    profile: str | os.PathLike[str] | Profile | None = None,
    language: str | None = None,
    pages: Sequence[int | None] | None = None,
    removed: Sequence[Removal] = (),
) -> Document:
    """Parse plain text or Markdown into a :class:`Document`.

    ``profile`` is a bundled profile name ("en", "fr", "es", "ru", "ar", "zh",
    "nl", "de", "us", "sections"), a path to a TOML profile, or None to detect
    it (``language`` then favours profiles of that language).  ``pages[i]`` is
    the page of line ``i + 1`` (PDF and DOCX readers pass it); ``removed`` are
    removals the caller already made, merged into ``Document.removed``.

    >>> doc = read_text("CHAPTER I\\nGeneral\\nArticle 1 - Purpose\\n1. The purpose is:\\n"
    ...                 "(a) to prevent;\\n(b) to cooperate.")
    >>> doc.find("Article 1(1)(b)").text, doc.get("chp_i__art_1").heading
    ('to cooperate.', 'Purpose')
    """
    source = source or Source()
    where = source.path or "<string>"
    if not text.strip():
        raise ParseError(
            "the text is empty",
            source=where,
            expected="a legal text with article or section headings",
        )
    lines, removals, md, ff_pages, inline = _prepare(text, source)
    if pages is None:
        pages = ff_pages if "\f" in text else [None] * len(lines)
    else:
        pages = list(pages) + [None] * max(0, len(lines) - len(pages))
    _plain_footnotes(lines, pages, removals)
    footnotes: dict[str, str] = dict(inline)
    referenced: set[str] = set(inline)
    for ln in lines:
        if ln.blank or "[^" not in ln.clean:
            continue
        m = _FOOTNOTE_DEF.match(ln.clean)
        if m:
            footnotes[m.group(1)] = m.group(2)
        else:
            referenced.update(r.group(1) for r in _FOOTNOTE_REF.finditer(ln.clean))
    regions = _regions(lines, profile, language)
    provisions: list[Provision] = []
    total_levels = 0
    for start, end, prof in regions:
        parsed, n_levels = _parse_region(lines[start:end], prof, md, pages, footnotes, referenced)
        total_levels += n_levels
        if len(regions) > 1:
            first = next((ln.no for ln in lines[start:end] if not ln.blank), None)
            provisions.append(
                Provision(
                    kind="part",
                    number=prof.language or prof.name,
                    children=parsed,
                    span=SourceSpan(first, max(first, lines[end - 1].no)) if first else None,
                )
            )
        else:
            provisions.extend(parsed)
    if total_levels == 0:
        names = ", ".join(sorted({p.name for _, _, p in regions}))
        raise ParseError(
            "no article or section heading found",
            source=where,
            expected=f"headings such as 'Article 1', 'CHAPTER I', '§ 1', 'Artikel 1', "
            f"'المادة 1' or '1. Short title' (profile {names})",
        )
    first_profile = regions[0][2]
    if title is None:
        pre = next((p for p in provisions if p.kind == "preamble"), None)
        if pre is None and provisions and provisions[0].kind == "part" and provisions[0].children:
            first_child = provisions[0].children[0]
            pre = first_child if first_child.kind == "preamble" else None
        if pre is not None and pre.heading:
            title = pre.heading.split("\n")[0]
        elif source.path:
            title = PurePath(source.path).stem
        else:
            title = "Untitled document"
    metadata = {"profile": "+".join(p.name for _, _, p in regions)}
    all_removed = sorted([*removals, *removed], key=lambda r: r.line)
    return Document.build(
        title=title,
        provisions=provisions,
        language=language or first_profile.language or None,
        source=source,
        metadata=metadata,
        removed=all_removed,
    )


def read(
    data: bytes,
    *,
    source: Source,
    encoding: str | None = None,
    profile: str | os.PathLike[str] | Profile | None = None,
    title: str | None = None,
    language: str | None = None,
) -> Document:
    """Decode ``data`` (BOM, UTF-8, then Windows-1252) and parse it with :func:`read_text`.

    >>> from treatydiff.model import Source
    >>> doc = read(b"Article 1\\nScope", source=Source(path="x.txt"))
    >>> doc.source.encoding, doc.articles()[0].heading
    ('utf-8', 'Scope')
    """
    text, used = decode(data, encoding=encoding, source=source.path or "<bytes>")
    return read_text(
        text,
        title=title,
        source=attrs.evolve(source, encoding=used),
        profile=profile,
        language=language,
    )
