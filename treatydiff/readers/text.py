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
   roman numeral otherwise.  Text before the first heading is the
   ``preamble``; its numbered items (or, failing that, its separate lines) are
   ``recital`` children.  A first run of units that is repeated later with
   empty bodies is a table of contents and stays in the preamble text.
4. **Negotiating text.**  ``[passages]`` stay in the text with a ``bracket``
   annotation giving their span; ``[Option 1: ...]`` and adjacent ``[X] [Y]``
   are ``alternative``; editorial notes (``[agreed ad referendum]``,
   ``[Note: ...]``, ``[deleted]``) leave the text and are kept as ``note``
   annotations at their position; Markdown footnotes ``[^1]`` with their
   ``[^1]: ...`` text become ``footnote`` annotations.

>>> doc = read_text("Article 1\\nScope\\n1. This Convention applies.\\n2. It [may] apply.")
>>> doc.find("Article 1(2)").text, doc.find("Article 1(2)").annotations[0].kind
('It [may] apply.', 'bracket')
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import PurePath

import attrs

from treatydiff.errors import ParseError
from treatydiff.model import Annotation, Document, Provision, Removal, Source, SourceSpan
from treatydiff.readers._coverage import strip_heading, strip_inline
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
_PAGE_SEPARATOR = re.compile(r"^\s*\{\d+\}-{5,}\s*$")
_IMAGE_LINE = re.compile(r"^\s*!\[[^\]]*\]\([^)]*\)\s*$")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.I
)
_MD_HEADING = re.compile(r"^#{1,6}(?!#)\s*\S")
_DIGIT_RUN = re.compile(r"\d+")
_ENDS_SENTENCE = re.compile(r"[.;,]$")


# -- lines --------------------------------------------------------------------


@attrs.define
class _Line:
    no: int  # 1-based line number in the input
    raw: str
    clean: str = ""
    marked: bool = False  # a Markdown heading or a fully emphasised line
    removed: bool = False

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


def _prepare(text: str, source: Source) -> tuple[list[_Line], list[Removal], bool, list[int]]:
    """Split into lines, find what to remove, strip markup.  Returns lines, removals,
    whether the text is Markdown, and the page (from form feeds) of each line."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    raw_lines = text.split("\n")
    pages = []
    page = 1
    for ln in raw_lines:
        if "\f" in ln and ln.split("\f", 1)[0].strip() == "":
            page += ln.count("\f")
            pages.append(page)
        else:
            pages.append(page)
            page += ln.count("\f")
    lines = [_Line(i + 1, ln.replace("\f", "")) for i, ln in enumerate(raw_lines)]
    md = _is_markdown(raw_lines, source)
    removals: list[Removal] = []

    def drop(line: _Line, reason: str) -> None:
        line.removed = True
        if line.raw.strip():
            removals.append(Removal(line=line.no, text=line.raw.strip(), reason=reason))

    # YAML front matter (Markdown exports of German codes): kept as metadata.
    if lines and lines[0].raw.strip() == "---":
        end = next((i for i in range(1, min(len(lines), 200)) if lines[i].raw.strip() == "---"),
                   None)
        if end is not None:
            for ln in lines[: end + 1]:
                drop(ln, "front matter")
    for ln in lines:
        if ln.removed:
            continue
        if _HTML_LINE.match(ln.raw):
            drop(ln, "HTML markup")
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
                    Removal(line=ln.no, text=t,
                            reason="markup attribute" if t.startswith("{") else "link target")
                )
            emphasised = len(s) > 2 and s[0] in "*_" and s[-1] in "*_"
            ln.marked = heading or emphasised
            s = _WS.sub(" ", stripped).strip()
        ln.clean = s
    removals.sort(key=lambda r: r.line)
    return lines, removals, md, pages


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


# -- classification -----------------------------------------------------------


@attrs.frozen
class _LevelHit:
    level: Level
    label: str
    number: str | None
    heading: str | None
    rest: str = ""  # running text on the heading line (loose matches)


#: Stands for "plain text, never an item" (a demoted table of contents line).
_PLAIN = _LevelHit(Level(kind="part", key="", pattern=re.compile("")), "", None, None)


_CHINESE_DIGITS = {"零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                   "八": 8, "九": 9}
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
        heading = heading.lstrip("-–—:. ").strip()
        # A sentence that merely starts with "Annex V ..." or "Article 3 ..." is text.
        if heading and (len(heading) > 200 or (
                _ENDS_SENTENCE.search(heading) and len(heading.split()) > 8)):
            continue
        return _LevelHit(level, _WS.sub(" ", m.group("label")).strip(), _number(m, profile),
                         heading or None)
    return None


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
                number = m.group("number").translate(_ARABIC_DIGITS)
                if profile.numerals == "chinese":
                    number = _chinese_number(number)
                hits.append(_ItemHit(style.name, number, label, rest[m.end():]))
                rest = rest[m.end():]
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
    order = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii",
             "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv",
             "xxv"]
    return order[order.index(number) + 1] if number in order[:-1] else None


def _resolve_style(hit: _ItemHit, stack: list[tuple[str, _Node]]) -> str:
    """Tell "(i)" the letter (after "(h)") from "(i)" the roman numeral."""
    style, number = hit.style, hit.number
    if not style.startswith("alpha") or number not in _ROMANS:
        return style
    roman = style + "-roman"
    alpha_last = next((n.number for s, n in reversed(stack) if s == style), None)
    roman_last = next((n.number for s, n in reversed(stack) if s == roman), None)
    if alpha_last is not None and _prev_letter(number) == alpha_last:
        return style
    if roman_last is not None and _next_roman(roman_last) == number:
        return roman
    if number == "i":
        return roman
    if alpha_last is not None and len(number) == 1:
        return style
    return roman if len(number) > 1 or alpha_last is None else style


def _heading_like(line: _Line, after_marked: bool) -> bool:
    s = line.clean
    if not s or len(s) > 200 or s[0].islower() or s[-1] in ".;,:":
        return False
    if after_marked and not line.marked:
        return len(s) <= 120
    return True


class _Builder:
    """Turns classified lines of one region into provisions (mutable, private)."""

    def __init__(self, profile: Profile, wrapped: bool) -> None:
        self.profile = profile
        self.wrapped = wrapped
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
        node = _Node(kind=hit.level.kind, number=hit.number, label=hit.label,
                     heading=hit.heading, key=hit.level.key, first=line.no)
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
                    del self.containers[keys.index(hit.level.key):]
            (self.containers[-1].children if self.containers else self.top).append(node)
            self.containers.append(node)
        self.pending = node if hit.heading is None else None
        self.pending_marked = line.marked
        self.prev = "level"

    def item(self, line: _Line, hits: list[_ItemHit]) -> None:
        owner = self.owner()
        for k, hit in enumerate(hits):
            style = _resolve_style(hit, self.items)
            styles = [s for s, _ in self.items]
            if style in styles:
                del self.items[styles.index(style):]
            parent = self.items[-1][1] if self.items else owner
            node = _Node(kind=_item_kind(owner, len(self.items) + 1), number=hit.number,
                         label=hit.label, first=line.no)
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
            self.level(line, hit)
            if hit.rest:
                self.pending = None
                self.current().lines.append((line.no, hit.rest))
                self.prev = "text"
            return
        fn = _FOOTNOTE_DEF.match(line.clean) if line.clean.startswith("[^") else None
        if fn:
            self.footnote(line, fn.group(1), fn.group(2))
            return
        if self.pending is not None:
            node, self.pending = self.pending, None
            if self.prev in ("level", "blank") and _heading_like(line, self.pending_marked) \
                    and not _match_items(line.clean, self.profile):
                node.heading = line.clean
                node.lines.append((line.no, ""))  # keeps the span; no text
                self.prev = "level"
                return
        hits = _match_items(line.clean, self.profile)
        if hits and self.wrapped and self.prev == "text" \
                and not self.prev_text.endswith((":", ";")):
            hits = []  # a hard-wrapped line that happens to start with "1)" is text
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
    return hits


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
            if m and m.group("number") == str(last + 1):
                rest = lines[i].clean[m.end("label"):].strip()
                hits[i] = _LevelHit(level, _WS.sub(" ", m.group("label")).strip(),
                                    m.group("number"), None, rest)
                last += 1
                break


def _drop_table_of_contents(lines: list[_Line], hits: list[_LevelHit | None]) -> None:
    """A first run of units with empty bodies, repeated later, is a table of contents."""
    units = [i for i, h in enumerate(hits) if h is not None and h is not _PLAIN and h.level.unit]
    if len(units) < 2:
        return
    first = hits[units[0]]
    assert first is not None
    restart = next((k for k in range(1, len(units))
                    if (h := hits[units[k]]) is not None and h.number == first.number), None)
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
        if i + 1 < len(lines) and not lines[i + 1].blank and hits[i + 1] is None \
                and not _match_items(lines[i + 1].clean, profile):
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
        if any(inner.startswith(w) and (len(inner) == len(w) or not inner[len(w)].isalpha())
               for w in profile.note_words):
            kinds.append("note")
        elif any(inner.startswith(w) and (len(inner) == len(w) or not inner[len(w)].isalpha())
                 for w in profile.alternative_words):
            kinds.append("alternative")
        else:
            kinds.append("bracket")
    # Adjacent brackets "[X] [Y]" or "[X]/[Y]" are alternatives to each other.
    for k in range(1, len(spans)):
        between = text[spans[k - 1][1] : spans[k][0]].strip().lower()
        if between in ("", "/", "or", "ou", "o", "или", "أو") and kinds[k] == "bracket" \
                and kinds[k - 1] in ("bracket", "alternative"):
            kinds[k - 1] = kinds[k] = "alternative"
    out: list[str] = []
    annotations: list[Annotation] = []
    pos = 0
    length = 0
    for (s, e), kind in zip(spans, kinds, strict=True):
        chunk = text[pos:s]
        if kind == "note":
            chunk = chunk.rstrip(" ") if text[e:e + 1] in (" ", "", ".", ",", ";") else chunk
        out.append(chunk)
        length += len(chunk)
        if kind == "note":
            annotations.append(Annotation("note", text[s:e], length, length))
            if chunk and text[e:e + 1] == " " and not chunk.endswith(" "):
                pass
        else:
            out.append(text[s:e])
            annotations.append(Annotation(kind, text[s + 1:e - 1], length, length + e - s))
            length += e - s
        pos = e
    out.append(text[pos:])
    new = "".join(out)
    stripped = new.lstrip()
    if len(stripped) != len(new):  # a note at the very start: shift every offset
        shift = len(new) - len(stripped)
        annotations = [attrs.evolve(a, start=max(0, a.start - shift), end=max(0, a.end - shift))
                       for a in annotations]
        new = stripped
    if new != new.rstrip():
        end = len(new.rstrip())
        annotations = [attrs.evolve(a, start=min(a.start, end), end=min(a.end, end))
                       for a in annotations]
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


def _finish(node: _Node, profile: Profile, wrapped: bool, pages: Sequence[int | None],
            footnotes: dict[str, str], referenced: set[str]) -> Provision:
    text = _join(node.lines, wrapped)
    annotations: list[Annotation] = []
    if "[^" in text:
        pieces = []
        pos = 0
        length = 0
        for m in _FOOTNOTE_REF.finditer(text):
            chunk = text[pos:m.start()]
            pieces.append(chunk)
            length += len(chunk)
            annotations.append(Annotation("footnote", footnotes.get(m.group(1), m.group(1)),
                                          length, length))
            pos = m.end()
        pieces.append(text[pos:])
        text = "".join(pieces)
    text, more = _annotate(text, profile)
    if annotations and more:
        # footnote offsets were computed before notes left the text: recompute roughly
        annotations = [attrs.evolve(a, start=min(a.start, len(text)), end=min(a.end, len(text)))
                       for a in annotations]
    annotations.extend(more)
    for ident, ftext, _line in node.footnotes:
        if ident not in referenced:
            # a definition that no reference claims stays where it stood
            annotations.append(Annotation("footnote", ftext, len(text), len(text)))
    annotations.sort(key=lambda a: (a.start, a.end))
    children = tuple(_finish(c, profile, wrapped, pages, footnotes, referenced)
                     for c in node.children)
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
    return Provision(kind=node.kind, number=node.number, label=node.label, heading=node.heading,
                     text=text, children=children, span=span, annotations=tuple(annotations))


def _finish_preamble(node: _Node, lines_by_no: dict[int, _Line], wrapped: bool) -> _Node:
    """Title lines become the preamble heading; separate lines become recitals."""
    lines = list(node.lines)
    head: list[tuple[int, str]] = []
    while lines and len(head) < 4:
        no, text = lines[0]
        ln = lines_by_no.get(no)
        if ln is not None and ln.marked and not node.children:
            head.append(lines.pop(0))
        elif not head and ln is not None and len(lines) > 1 and len(text) <= 150 \
                and text[-1:] not in ".;,:" and not text[:1].islower():
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
    return _Node(kind="preamble", heading=heading, lines=head[:0] + lines, children=children,
                 first=node.first or (head[0][0] if head else 0))


# -- profile choice -------------------------------------------------------------


def _strip_groups(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _score(lines: list[_Line], profile: Profile) -> tuple[float, list[int]]:
    units = re.compile("|".join(f"(?:{_strip_groups(lv.pattern.pattern)})"
                                for lv in profile.unit_levels)) if profile.unit_levels else None
    containers = [lv for lv in profile.levels if not lv.unit]
    cont = re.compile("|".join(f"(?:{_strip_groups(lv.pattern.pattern)})"
                               for lv in containers)) if containers else None
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


def _regions(lines: list[_Line], profile, language: str | None  # type: ignore[no-untyped-def]
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
        first = next(i for i in range(prev_last + 1, unit_lines[0] + 1)
                     if not lines[i].blank and _match_level(lines[i].clean, p) is not None)
        # The stretch may open with a title (a Markdown heading) and a preamble.
        cut = first
        j = first - 1
        while j > prev_last:
            ln = lines[j]
            if not ln.blank:
                if _match_level(ln.clean, chosen[k - 1][0]) or _match_items(
                        ln.clean, chosen[k - 1][0]):
                    break
                if ln.marked:
                    cut = j
            j -= 1
        bounds.append(cut)
    bounds.append(len(lines))
    return [(bounds[k], bounds[k + 1], chosen[k][0]) for k in range(len(chosen))]


# -- entry points -----------------------------------------------------------------


def _parse_region(lines: list[_Line], profile: Profile, md: bool, pages: Sequence[int | None],
                  footnotes: dict[str, str], referenced: set[str]
                  ) -> tuple[list[Provision], int]:
    hits = _classify(lines, profile, md)
    wrapped = _is_wrapped(lines, hits, profile)
    builder = _Builder(profile, wrapped)
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
        raise ParseError("the text is empty", source=where,
                         expected="a legal text with article or section headings")
    lines, removals, md, ff_pages = _prepare(text, source)
    if pages is None:
        pages = ff_pages if "\f" in text else [None] * len(lines)
    else:
        pages = list(pages) + [None] * max(0, len(lines) - len(pages))
    footnotes: dict[str, str] = {}
    referenced: set[str] = set()
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
        parsed, n_levels = _parse_region(lines[start:end], prof, md, pages, footnotes,
                                          referenced)
        total_levels += n_levels
        if len(regions) > 1:
            first = next((ln.no for ln in lines[start:end] if not ln.blank), None)
            provisions.append(Provision(kind="part", number=prof.language or prof.name,
                                        children=parsed,
                                        span=SourceSpan(first, max(first, lines[end - 1].no))
                                        if first else None))
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
    return read_text(text, title=title, source=attrs.evolve(source, encoding=used),
                     profile=profile, language=language)
