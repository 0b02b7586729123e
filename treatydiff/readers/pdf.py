"""PDF reader: text lines with page provenance, page furniture removed, then the text reader.

A PDF holds glyphs at positions, not paragraphs.  This reader uses pdfminer's
layout analysis to get text lines with their boxes, then does what a careful
person copying the text would do:

* puts the lines of each page in reading order: top to bottom, the left column
  before the right one when the page has two columns (a vertical gutter that
  no body line crosses);
* joins a label printed as its own box ("(a)", "1.") with the text beside it;
* removes running headers, footers and page numbers (lines in the top or
  bottom margin that repeat at the same height on many pages, or that are
  only a page number) and reports each one as a :class:`~treatydiff.model.Removal`;
* moves footnotes (small type below the body) out of the running text and
  turns superscript note references into ``[^n]`` markers;
* repairs words hyphenated at a line end ("informa-" / "tion" ->
  "information") but keeps real compounds ("so-called", "high-risk"),
  judged from the words the document itself uses;
* marks a larger vertical gap with a blank line (a new paragraph).

The lines then go to :func:`treatydiff.readers.text.read_text` with one page
number per line, so every provision's :class:`~treatydiff.model.SourceSpan`
carries the (1-based, physical) page it starts on.

>>> from treatydiff.readers.pdf import read
>>> from treatydiff.model import Source
>>> doc = read(open("draft.pdf", "rb").read(), source=Source(path="draft.pdf"))  # doctest: +SKIP
>>> doc.get("art_5").span.page  # doctest: +SKIP
37

Encrypted files that need a password and files without a text layer
(scans) raise :class:`~treatydiff.errors.ParseError` saying what to do.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from treatydiff.errors import ParseError
from treatydiff.model import Document, Removal, Source

__all__ = ["PdfExtraction", "PdfLine", "extract", "read"]

#: Share of the page height, at the top and at the bottom, where running
#: headers, footers and page numbers are looked for.  Body text is never
#: removed outside these bands.
MARGIN_BAND = 0.12

#: A margin line is furniture when the same text (digits ignored) stands at
#: the same height on at least this share of the pages (and on 3 pages or more).
REPEAT_SHARE = 0.4

_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u00ad": "",  # soft hyphen: invisible unless at a break
        "\t": " ",
    }
)
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:(?:page|p\.|seite|página|pagina)\s*)?(\d{1,4}|[ivxlcdm]{1,7})"
    r"(?:\s*(?:/|of|de|sur|von)\s*\d{1,4})?(?:\s*[-–—])?$",
    re.IGNORECASE,
)
_FOOTNOTE_START = re.compile(r"^(\d{1,4}|\*{1,3}|[a-z])\s+(\S.*)$")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_CID = re.compile(r"\(cid:\d+\)")

#: Prefixes that stay hyphenated before a line break even when the document
#: gives no other evidence ("non-\ndiscrimination" -> "non-discrimination").
_KEEP_HYPHEN_PREFIXES = frozenset({"non", "self", "quasi", "cross", "ex", "anti", "co", "semi"})


@attrs.frozen
class PdfLine:
    """One visual line of a page, in reading order.

    ``kind`` is ``body`` (running text), ``footnote`` (a note below the body)
    or ``blank`` (a paragraph gap).  Coordinates are PDF points, origin at the
    bottom left; ``size`` is the line's most common font size.
    """

    text: str
    page: int
    x0: float = 0.0
    y0: float = 0.0
    x1: float = 0.0
    y1: float = 0.0
    size: float = 0.0
    kind: str = "body"


@attrs.frozen
class PdfExtraction:
    """What :func:`extract` found: lines in reading order and what it removed.

    ``removed`` holds page furniture; its ``line`` is the 1-based position in
    :meth:`lines_and_pages` where the removed text stood.
    """

    lines: tuple[PdfLine, ...]
    removed: tuple[Removal, ...]
    page_count: int
    pages_without_text: tuple[int, ...] = ()
    #: (physical page, the page number printed on it: "12", "iv"), where one was found
    page_labels: tuple[tuple[int, str], ...] = ()

    def lines_and_pages(self) -> tuple[list[str], list[int | None]]:
        """Body lines, then footnote definitions, with one page number per line."""
        texts = [ln.text for ln in self.lines]
        pages: list[int | None] = [ln.page for ln in self.lines]
        return texts, pages

    def text(self) -> str:
        """The extracted text, one line per visual line."""
        return "\n".join(ln.text for ln in self.lines)


# -- reading the PDF --------------------------------------------------------------------------


@attrs.frozen
class _RawLine:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    notes: tuple[str, ...] = ()  # footnote numbers referenced by superscripts


def _open(data: bytes, name: str) -> tuple[Any, Any]:
    """Parse the PDF's object structure; refuse what cannot be read, naming the cause."""
    from pdfminer.pdfdocument import (
        PDFDocument,
        PDFEncryptionError,
        PDFPasswordIncorrect,
    )
    from pdfminer.pdfparser import PDFParser, PDFSyntaxError
    from pdfminer.psparser import PSException

    if not data.lstrip()[:1024].startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise ParseError(
            "is not a PDF file (no %PDF- header)",
            source=name,
            expected="a PDF document",
        )
    parser = PDFParser(io.BytesIO(data))
    try:
        document = PDFDocument(parser)
    except PDFPasswordIncorrect:
        raise ParseError(
            "is encrypted and needs a password",
            source=name,
            expected="an unencrypted PDF: save a copy without a password first",
        ) from None
    except PDFEncryptionError as exc:
        raise ParseError(
            f"is encrypted in a way that cannot be read ({exc})",
            source=name,
            expected="an unencrypted PDF: save a copy without encryption first",
        ) from None
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise ParseError(
            f"is a damaged PDF ({type(exc).__name__}: {exc})",
            source=name,
            expected="a well-formed PDF document",
        ) from None
    return parser, document


def _iter_layouts(
    document: Any, name: str, page_numbers: set[int] | None
) -> Iterator[tuple[int, Any]]:
    """(1-based page number, pdfminer LTPage) for each page analysed."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.psparser import PSException

    # boxes_flow=None: keep pdfminer from ordering text boxes (an O(n^2) step)
    # because this reader orders lines itself, by columns.
    laparams = LAParams(boxes_flow=None)
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=laparams)
    interpreter = PDFPageInterpreter(manager, device)
    try:
        for number, page in enumerate(PDFPage.create_pages(document), start=1):
            if page_numbers is not None and number not in page_numbers:
                continue
            interpreter.process_page(page)
            yield number, device.get_result()
    except (PSException, ValueError, KeyError, TypeError, AssertionError) as exc:
        raise ParseError(
            f"is a damaged PDF ({type(exc).__name__}: {exc})",
            source=name,
            expected="a well-formed PDF document",
        ) from None


def _text_lines(layout: Any) -> Iterator[Any]:
    from pdfminer.layout import LTTextBox, LTTextLineHorizontal

    for element in layout:
        if isinstance(element, LTTextBox):
            for line in element:
                if isinstance(line, LTTextLineHorizontal):
                    yield line
        elif isinstance(element, LTTextLineHorizontal):
            yield element


def _raw_line(line: Any) -> _RawLine | None:
    """Text of one pdfminer line, superscript note numbers turned into markers."""
    from pdfminer.layout import LTChar

    chars = [c for c in line if isinstance(c, LTChar)]
    if not chars:
        return None
    sizes = Counter(round(c.size, 1) for c in chars if c.get_text().strip())
    size = sizes.most_common(1)[0][0] if sizes else round(chars[0].size, 1)
    base = [c.y0 for c in chars if abs(c.size - size) < 0.6]
    baseline = statistics.median(base) if base else line.y0
    parts: list[str] = []
    notes: list[str] = []
    superscript: list[str] = []

    def flush() -> None:
        if superscript:
            mark = "".join(superscript)
            if mark.isdigit() or mark in ("*", "**", "***"):
                parts.append(f"[^{mark}]")
                notes.append(mark)
            else:  # "th" in 5th, "er" in 1er: ordinary text set small
                parts.append(mark)
            superscript.clear()

    for obj in line:
        text = obj.get_text()
        is_super = (
            isinstance(obj, LTChar)
            and text.strip()
            and obj.size < size * 0.85
            and obj.y0 > baseline + size * 0.2
        )
        if is_super:
            superscript.append(text)
            continue
        flush()
        parts.append(text)
    flush()
    text = _SPACES.sub(" ", "".join(parts).translate(_LIGATURES)).strip()
    if not text:
        return None
    return _RawLine(text, line.x0, line.y0, line.x1, line.y1, float(size), tuple(notes))


# -- reading order ----------------------------------------------------------------------------


def _gutter(lines: Sequence[_RawLine], width: float) -> float | None:
    """The x of a vertical gutter between two columns, or None for one column.

    A gutter is a position in the middle half of the page that at most a few
    lines cross (full-width headings may), with several lines wholly on each
    side.  Single-column text crosses every such position.
    """
    if len(lines) < 8:
        return None
    xs = [width * 0.3 + 2.0 * i for i in range(int(width * 0.4 / 2.0) + 1)]
    counts = [sum(1 for ln in lines if ln.x0 < x - 2 and ln.x1 > x + 2) for x in xs]
    crossing = min(counts)
    # the middle of the widest stretch with the fewest crossings is the gutter's centre
    runs: list[tuple[int, int]] = []
    for i, count in enumerate(counts):
        if count != crossing:
            continue
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    first, last = max(runs, key=lambda r: r[1] - r[0])
    x = (xs[first] + xs[last]) / 2
    left = sum(1 for ln in lines if ln.x1 <= x)
    right = sum(1 for ln in lines if ln.x0 >= x)
    if crossing > 0.15 * len(lines) or left < 4 or right < 4:
        return None
    # Both columns must be real text, not a column of labels beside a body.
    left_width = statistics.median(ln.x1 - ln.x0 for ln in lines if ln.x1 <= x)
    right_width = statistics.median(ln.x1 - ln.x0 for ln in lines if ln.x0 >= x)
    if min(left_width, right_width) < width * 0.15:
        return None
    return x


def _rows(lines: Sequence[_RawLine]) -> list[_RawLine]:
    """Merge lines standing side by side at the same height ("(a)" + its text)."""
    ordered = sorted(lines, key=lambda ln: (-ln.y1, ln.x0))
    rows: list[list[_RawLine]] = []
    for line in ordered:
        if rows:
            row = rows[-1]
            top = max(r.y1 for r in row)
            bottom = min(r.y0 for r in row)
            overlap = min(top, line.y1) - max(bottom, line.y0)
            height = min(line.y1 - line.y0, top - bottom) or 1.0
            if overlap >= 0.5 * height:
                row.append(line)
                continue
        rows.append([line])
    merged = []
    for row in rows:
        row.sort(key=lambda ln: ln.x0)
        if len(row) == 1:
            merged.append(row[0])
            continue
        body = max(row, key=lambda ln: len(ln.text))
        parts: list[str] = []
        notes: list[str] = []
        for k, piece in enumerate(row):
            superscript = (
                piece.size < body.size * 0.85
                and piece.y0 > body.y0 + body.size * 0.2
                and (piece.text.isdigit() or piece.text in ("*", "**", "***"))
            )
            if superscript:  # a note reference set as its own text object
                parts.append(f"[^{piece.text}]")
                notes.append(piece.text)
                continue
            touching = row[k - 1].x1 >= piece.x0 - body.size * 0.3 if k else True
            if parts and not (touching and piece.text.startswith("[^")):
                parts.append(" ")
            parts.append(piece.text)
        merged.append(
            _RawLine(
                "".join(parts),
                row[0].x0,
                min(ln.y0 for ln in row),
                max(ln.x1 for ln in row),
                max(ln.y1 for ln in row),
                body.size,
                tuple(n for ln in row for n in ln.notes) + tuple(notes),
            )
        )
    return merged


def _reading_order(lines: Sequence[_RawLine], width: float) -> list[_RawLine]:
    """Lines top to bottom; on a two-column page, bands of left column then right column."""
    gutter = _gutter(lines, width)
    if gutter is None:
        return _rows(lines)
    spanning = sorted(
        (ln for ln in lines if ln.x0 < gutter - 2 and ln.x1 > gutter + 2), key=lambda ln: -ln.y1
    )
    out: list[_RawLine] = []
    remaining = list(lines)
    for sep in [*spanning, None]:
        limit = sep.y1 if sep is not None else float("-inf")
        band = [ln for ln in remaining if ln.y0 >= limit - 1 and ln is not sep]
        remaining = [ln for ln in remaining if ln not in band and ln is not sep]
        out.extend(_rows([ln for ln in band if ln.x1 <= gutter + 2]))
        out.extend(_rows([ln for ln in band if ln.x1 > gutter + 2]))
        if sep is not None:
            out.extend(_rows([sep]))
    return out


# -- page furniture and footnotes -------------------------------------------------------------


def _numbers(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in _DIGITS.findall(text)[:4])


def _find_furniture(
    pages: Sequence[tuple[int, float, list[_RawLine]]],
) -> dict[tuple[int, int], str]:
    """(page, index in page) -> reason, for running headers, footers and page numbers.

    A margin line is a candidate when the same text stands at the same height
    on many pages, when it is a page number ("12", "- 12 -", "Page 12 of 80"),
    or when its text repeats with a number that tracks the page number
    ("A/AC.291/22 page 12").  Only candidates reached from the page edge
    without crossing another line are removed, so body text that happens to
    start high on the page is never taken.
    """
    exact: Counter[tuple[str, int]] = Counter()
    shaped: dict[tuple[str, int], list[tuple[int, tuple[int, ...]]]] = {}
    for number, height, lines in pages:
        seen_exact: set[tuple[str, int]] = set()
        seen_shape: set[tuple[str, int]] = set()
        for line in lines:
            if not _in_margin(line, height):
                continue
            y = round(line.y0 / 3)
            for dy in (-1, 0, 1):  # footers drift by a point or two
                seen_exact.add((line.text.lower(), y + dy))
                key = (_DIGITS.sub("#", line.text.lower()), y + dy)
                if key not in seen_shape:
                    seen_shape.add(key)
                    shaped.setdefault(key, []).append((number, _numbers(line.text)))
        exact.update(seen_exact)
    threshold = max(3, REPEAT_SHARE * len(pages))
    offsets: dict[tuple[str, int], int | None] = {}

    def page_offset(key: tuple[str, int]) -> int | None:
        """The constant (number - page) of a repeating line whose number tracks the page."""
        if key not in offsets:
            offsets[key] = _tracking_offset(shaped.get(key, []), threshold)
        return offsets[key]

    def reason(number: int, line: _RawLine, height: float, edge: str) -> str | None:
        in_band = (
            line.y0 >= height * (1 - MARGIN_BAND)
            if edge == "top"
            else line.y1 <= height * MARGIN_BAND
        )
        if not in_band:
            return None
        y = round(line.y0 / 3)
        if _PAGE_NUMBER.match(line.text):
            return "page number"
        if len(pages) >= 3 and exact[(line.text.lower(), y)] >= threshold:
            return "running header" if line.y0 > height / 2 else "running footer"
        offset = page_offset((_DIGITS.sub("#", line.text.lower()), y))
        if offset is not None and number + offset in _numbers(line.text) and _codes_only(line.text):
            return (
                "page number"
                if _PAGE_NUMBER.match(line.text)
                else ("running header" if line.y0 > height / 2 else "running footer")
            )
        return None

    found: dict[tuple[int, int], str] = {}
    for number, height, lines in pages:
        indexed = list(enumerate(lines))
        for edge in ("top", "bottom"):
            # rows of lines side by side, from the page edge inwards
            ordered = sorted(
                indexed, key=(lambda il: -il[1].y1) if edge == "top" else (lambda il: il[1].y0)
            )
            rows: list[list[tuple[int, _RawLine]]] = []
            for item in ordered:
                line = item[1]
                if rows and _same_row(rows[-1][0][1], line):
                    rows[-1].append(item)
                else:
                    rows.append([item])
            for row in rows:
                reasons = [reason(number, line, height, edge) for _, line in row]
                if not all(reasons):
                    break
                for (index, _), why in zip(row, reasons, strict=True):
                    assert why is not None
                    found[(number, index)] = why
    return found


def _tracking_offset(seen: Sequence[tuple[int, tuple[int, ...]]], minimum: float) -> int | None:
    """The constant (number - page) of a margin line seen on >= ``minimum`` pages, if one holds.

    ``seen`` is (page, the numbers of the line on it); the offset must hold on
    three quarters of those pages.
    """
    votes = Counter(n - page for page, nums in seen for n in set(nums))
    best = votes.most_common(1)
    if not best or len(seen) < minimum or best[0][1] < 0.75 * len(seen):
        return None
    return best[0][0]


def _page_labels(
    pages: Sequence[tuple[int, float, list[_RawLine]]],
    furniture: dict[tuple[int, int], str],
) -> tuple[tuple[int, str], ...]:
    """The page number printed on each physical page, from its removed margin lines.

    A page-number line ("12", "- 12 -", "Page 12 of 80", "iv") gives its
    number; a running header or footer whose number follows the physical page
    at a constant distance on most pages ("A/AC.291/22 page 12") gives that
    number.  A page whose candidates disagree gets none: a wrong page number
    in a quotation is worse than none.
    """
    found: dict[int, set[str]] = {}
    shaped: dict[str, list[tuple[int, tuple[int, ...]]]] = {}
    for number, _, lines in pages:
        for index, line in enumerate(lines):
            why = furniture.get((number, index))
            if why is None:
                continue
            m = _PAGE_NUMBER.match(line.text)
            if why == "page number" and m:
                found.setdefault(number, set()).add(m.group(1).lower())
            elif _DIGITS.search(line.text):
                shaped.setdefault(_DIGITS.sub("#", line.text.lower()), []).append(
                    (number, _numbers(line.text))
                )
    for seen in shaped.values():
        offset = _tracking_offset(seen, 3)
        if offset is None:
            continue  # a constant number ("V.23-01234"), or too few pages to tell
        for page, nums in seen:
            if page + offset in nums:
                found.setdefault(page, set()).add(str(page + offset))
    return tuple((page, labels.pop()) for page, labels in sorted(found.items()) if len(labels) == 1)


_PAGE_WORDS = frozenset({"page", "p", "pp", "seite", "página", "pagina", "of", "de", "sur", "von"})


def _codes_only(text: str) -> bool:
    """True when no token is an ordinary word: "A/AC.291/22 page 3" yes, "Article 3" no.

    A repeating margin line whose number follows the page is taken as page
    furniture only when it reads like a document symbol; a heading such as
    "Article 3" at the top of page 3 is not.
    """
    for token in re.findall(r"\S+", text):
        if (
            token.isalpha()
            and token.lower() not in _PAGE_WORDS
            and not (token.isupper() and len(token) <= 3)
        ):
            return False
    return True


def _same_row(a: _RawLine, b: _RawLine) -> bool:
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return overlap >= 0.5 * (min(a.y1 - a.y0, b.y1 - b.y0) or 1.0)


def _in_margin(line: _RawLine, height: float) -> bool:
    return line.y0 >= height * (1 - MARGIN_BAND) or line.y1 <= height * MARGIN_BAND


def _split_footnotes(
    lines: list[_RawLine], body_size: float
) -> tuple[list[_RawLine], list[_RawLine]]:
    """Split a page's ordered lines into body and the footnote block at the bottom.

    The footnote block is the run of smaller-type lines at the end of the
    page whose first line starts with a note number, below a gap.
    """
    start = len(lines)
    while start > 0 and lines[start - 1].size < body_size * 0.92:
        start -= 1
    while start < len(lines) and not _FOOTNOTE_START.match(lines[start].text):
        start += 1
    if start >= len(lines) or start == 0:
        return lines, []
    return lines[:start], lines[start:]


def _footnote_lines(block: Sequence[_RawLine], page: int) -> list[PdfLine]:
    """Footnote definitions ``[^n]: text``, one per note, continuation lines joined."""
    notes: list[list[Any]] = []
    for line in block:
        m = _FOOTNOTE_START.match(line.text)
        if m and (not notes or line.x0 <= notes[-1][1] + 2):
            notes.append([m.group(1), line.x0, m.group(2), line])
        elif notes:
            notes[-1][2] = _join_hyphenated(notes[-1][2], line.text)
    return [
        PdfLine(f"[^{n}]: {text}", page, ln.x0, ln.y0, ln.x1, ln.y1, ln.size, "footnote")
        for n, _, text, ln in notes
    ]


def _join_hyphenated(left: str, right: str) -> str:
    if left.endswith("-") and right[:1].islower():
        return left[:-1] + right
    return left + " " + right


# -- hyphenation ------------------------------------------------------------------------------


def _vocabulary(lines: Sequence[PdfLine]) -> Counter[str]:
    """Words of the document, leaving out the pieces of words broken at line ends."""
    words: Counter[str] = Counter()
    broken = False  # did the previous line end with a hyphen?
    for line in lines:
        if line.kind == "blank":
            continue
        found = [w.lower() for w in _WORD.findall(line.text)]
        ends_broken = bool(re.search(r"[^\W\d_]-$", line.text))
        if ends_broken and found:
            found.pop()
        if broken and found:
            found.pop(0)
        words.update(found)
        broken = ends_broken
    return words


def _dehyphenate(lines: list[PdfLine]) -> list[PdfLine]:
    """Rejoin words broken at a line end; compounds the document uses keep their hyphen."""
    vocab = _vocabulary(lines)
    out = list(lines)
    for i in range(len(out) - 1):
        line = out[i]
        if line.kind != "body" or not re.search(r"[^\W\d_]-$", line.text):
            continue
        j = i + 1
        if out[j].kind != "body":
            continue
        nxt = out[j]
        m = re.match(r"([^\W\d_][\w'’-]*)(.*)$", nxt.text)
        if not m or not m.group(1)[0].islower():
            continue
        tail, rest = m.group(1), m.group(2)
        head_match = re.search(r"([\w'’-]*)-$", line.text)
        assert head_match is not None
        head = head_match.group(1)
        stem = head.rsplit("-", 1)[-1]
        tail_first = re.split(r"[-]", tail)[0]
        joined = (stem + tail_first).lower()
        hyphenated = (head + "-" + tail).lower()
        keep = (
            "-" in head  # "case-by-" + "case": part of a longer compound
            or vocab[hyphenated] > 0
            or (vocab[joined] == 0 and stem.lower() in _KEEP_HYPHEN_PREFIXES)
            or (
                vocab[joined] == 0
                and vocab[stem.lower()] > 0
                and vocab[tail_first.lower()] > 0
                and len(stem) > 1
            )
        )
        if vocab[joined] > 0 and vocab[hyphenated] == 0:
            keep = False
        new_text = line.text + tail if keep else line.text[:-1] + tail
        rest = rest.lstrip()
        out[i] = attrs.evolve(line, text=new_text)
        out[j] = attrs.evolve(nxt, text=rest)
    # a line emptied by the move is dropped (its word now ends the line before)
    return [ln for ln in out if ln.text or ln.kind == "blank"]


# -- assembly ---------------------------------------------------------------------------------


def _body_size(pages: Sequence[tuple[int, float, list[_RawLine]]]) -> float:
    weights: Counter[float] = Counter()
    for _, _, lines in pages:
        for line in lines:
            weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _line_pitch(pages: Sequence[tuple[int, float, list[_RawLine]]], body: float) -> float:
    gaps = []
    for _, _, lines in pages:
        for a, b in itertools.pairwise(lines):
            if abs(a.size - body) < 0.6 and abs(b.size - body) < 0.6:
                gap = a.y0 - b.y0
                if 0 < gap < body * 3:
                    gaps.append(round(gap, 1))
    if not gaps:
        return body * 1.2
    return Counter(gaps).most_common(1)[0][0]


def extract(
    data: bytes,
    *,
    name: str = "<pdf>",
    pages: Iterable[int] | None = None,
    footnotes: bool = True,
    columns: bool = True,
    hyphenation: bool = True,
    paragraph_gaps: bool = True,
) -> PdfExtraction:
    """Extract the lines of a PDF in reading order, with pages, furniture removed.

    ``pages`` limits the work to those (1-based) page numbers: pdfminer spends
    its time per page, so reading a few pages of a long document is cheap.
    ``footnotes`` keeps footnotes as ``[^n]: text`` lines after the body
    (False: they are removed and reported).  ``columns`` orders two-column
    pages column by column; ``hyphenation`` rejoins words broken at line
    ends; ``paragraph_gaps`` marks larger vertical gaps with blank lines.

    >>> ex = extract(open("draft.pdf", "rb").read(), pages=[1, 2])  # doctest: +SKIP
    >>> ex.lines[0].page  # doctest: +SKIP
    1
    """
    wanted = set(pages) if pages is not None else None
    with warnings.catch_warnings():
        # pdfminer warns about benign oddities of real PDFs (bad fonts, stray
        # bytes); the reader reports what it could not use instead.
        warnings.simplefilter("ignore")
        _, document = _open(data, name)
        raw_pages: list[tuple[int, float, list[_RawLine]]] = []
        widths: dict[int, float] = {}
        page_count = 0
        for number, layout in _iter_layouts(document, name, wanted):
            page_count = max(page_count, number)
            raw = [r for r in (_raw_line(ln) for ln in _text_lines(layout)) if r is not None]
            raw.sort(key=lambda ln: (-ln.y1, ln.x0))
            raw_pages.append((number, layout.y1 - layout.y0, raw))
            widths[number] = layout.x1 - layout.x0
    if not raw_pages:
        raise ParseError(
            "has no pages" if wanted is None else f"has none of the pages {sorted(wanted)}",
            source=name,
            expected="a PDF with at least one page",
        )
    cid_chars = sum(len("".join(_CID.findall(ln.text))) for _, _, ls in raw_pages for ln in ls)
    all_chars = sum(len(ln.text) for _, _, ls in raw_pages for ln in ls)
    if all_chars == 0:
        raise ParseError(
            f"has no text layer on any of its {len(raw_pages)} page(s): it is a scan or images",
            source=name,
            expected="a PDF with selectable text: OCR it first (e.g. ocrmypdf) and read the result",
        )
    if cid_chars > 0.5 * all_chars:
        raise ParseError(
            "has a text layer without a character map (glyph codes only)",
            source=name,
            expected="a PDF whose text can be copied: OCR it first (e.g. ocrmypdf --force-ocr)",
        )

    furniture = _find_furniture(raw_pages)
    body_size = _body_size(
        [
            (n, h, [ln for i, ln in enumerate(ls) if (n, i) not in furniture])
            for n, h, ls in raw_pages
        ]
    )
    kept_pages = []
    removed_at: list[tuple[int, str, str]] = []  # (index in body lines, text, reason)
    body: list[PdfLine] = []
    notes: list[PdfLine] = []
    for number, height, lines in raw_pages:
        keep = [ln for i, ln in enumerate(lines) if (number, i) not in furniture]
        top = [
            ln for i, ln in enumerate(lines) if furniture.get((number, i)) and ln.y0 > height / 2
        ]
        bottom = [
            ln for i, ln in enumerate(lines) if furniture.get((number, i)) and ln.y0 <= height / 2
        ]
        for line in top:
            reason = furniture[(number, lines.index(line))]
            removed_at.append((len(body), line.text, f"{reason} (page {number})"))
        keep = _reading_order(keep, widths[number]) if columns else _rows(keep)
        kept_pages.append((number, height, keep))
        main, block = _split_footnotes(keep, body_size)
        for line in main:
            body.append(_to_line(line, number))
        if footnotes:
            notes.extend(_footnote_lines(block, number))
        else:
            for line in block:
                removed_at.append((len(body), line.text, f"footnote (page {number})"))
        for line in bottom:
            reason = furniture[(number, lines.index(line))]
            removed_at.append((len(body), line.text, f"{reason} (page {number})"))
    if paragraph_gaps:
        pitch = _line_pitch(kept_pages, body_size)
        body, removed_at = _with_gaps(body, pitch, removed_at)
    if hyphenation:
        body = _dehyphenate(body)
    result = body + notes
    # the line numbers of removals: the position of the first kept line after them
    removed = tuple(
        Removal(line=min(index, len(result) - 1) + 1 if result else 1, text=text, reason=reason)
        for index, text, reason in removed_at
    )
    seen_pages = {n for n, _, ls in raw_pages if ls}
    return PdfExtraction(
        lines=tuple(result),
        removed=removed,
        page_count=page_count,
        pages_without_text=tuple(n for n, _, _ in raw_pages if n not in seen_pages),
        page_labels=_page_labels(raw_pages, furniture),
    )


def _to_line(line: _RawLine, page: int) -> PdfLine:
    return PdfLine(line.text, page, line.x0, line.y0, line.x1, line.y1, line.size, "body")


def _with_gaps(
    body: list[PdfLine], pitch: float, removed_at: list[tuple[int, str, str]]
) -> tuple[list[PdfLine], list[tuple[int, str, str]]]:
    """Insert a blank line where the gap to the previous line is clearly larger than usual."""
    out: list[PdfLine] = []
    shift: list[int] = []  # for each old index, its new index
    for i, line in enumerate(body):
        if i and line.page == body[i - 1].page:
            prev = body[i - 1]
            gap = prev.y0 - line.y0
            if gap > pitch * 1.3 or gap < -pitch:  # new block, or next column
                out.append(PdfLine("", line.page, kind="blank"))
        shift.append(len(out))
        out.append(line)
    shifted = [(shift[i] if i < len(shift) else len(out), t, r) for i, t, r in removed_at]
    return out, shifted


# -- paragraphs -------------------------------------------------------------------------------

_LABEL = re.compile(r"^(?:\(?[0-9]{1,3}[a-z]?[.)]|\([a-z]{1,5}\)|[a-z][.)]|[-–•])\s")


def _edges(lines: Sequence[PdfLine]) -> list[tuple[float, float]]:
    """For each line, where lines of its column start and end on its page."""
    by_page: dict[int, list[PdfLine]] = {}
    for line in lines:
        if line.kind == "body":
            by_page.setdefault(line.page, []).append(line)
    edges = []
    for line in lines:
        same = [o for o in by_page.get(line.page, ()) if o.x0 < line.x1 and o.x1 > line.x0]
        if not same:
            edges.append((line.x0, line.x1))
            continue
        lefts = sorted(o.x0 for o in same)
        edges.append((lefts[int(0.1 * (len(lefts) - 1))], 0.0))
    # The right edge of a column is taken over the whole document (columns that start
    # at the same place end at the same place), so a page of short lines is not
    # mistaken for a page of full ones.
    by_left: dict[int, list[float]] = {}
    for line, (left, _) in zip(lines, edges, strict=True):
        if line.kind == "body":
            by_left.setdefault(round(left / 10), []).append(line.x1)
    rights = {key: sorted(xs)[int(0.9 * (len(xs) - 1))] for key, xs in by_left.items()}
    return [(left, rights.get(round(left / 10), left)) for left, _ in edges]


def _centred(line: PdfLine, edges: tuple[float, float]) -> bool:
    left, right = edges
    width = right - left
    if width <= 0:
        return False
    before, after = line.x0 - left, right - line.x1
    return before > 0.1 * width and after > 0.1 * width and abs(before - after) < 0.06 * width


def _continues(prev: PdfLine, line: PdfLine, edges: tuple[float, float]) -> bool:
    """Does ``line`` carry on the paragraph that ``prev`` (the line before it) belongs to?

    It does when ``prev`` was filled: its first word would not have fitted
    at the end of ``prev``, so the line was broken by the typesetter, not by
    the author.  A change of type size, a centred line (a heading), a colon
    or semicolon at the end of ``prev``, or a new numbered item after a full
    stop break the paragraph.
    """
    if not prev.text or not line.text or abs(prev.size - line.size) > 0.6:
        return False
    if prev.text.endswith((":", ";")):
        return False
    if _LABEL.match(line.text) and prev.text.endswith((".", ";", ":")):
        return False
    if line.page != prev.page and _centred(line, edges):
        # a heading at the top of the next page; within a page a heading
        # stands after a gap, which has already ended the paragraph
        return False
    first = line.text.split(" ", 1)[0]
    char = (prev.x1 - prev.x0) / max(len(prev.text), 1)
    room = edges[1] - prev.x1
    return room < (len(first) + 1) * char * 0.9


def paragraphs(lines: Sequence[PdfLine]) -> list[PdfLine]:
    """Join the lines of each paragraph into one line (keeping its first page).

    A PDF breaks lines where the page is full; the text reader needs the
    author's breaks, or a cross-reference wrapped to the start of a line
    ("... referred to in" / "Article 61 ...") would look like a heading.

    >>> a = PdfLine("The Parties shall cooperate to the widest extent", 1, 72, 700, 520, 711, 11)
    >>> b = PdfLine("possible.", 1, 72, 686, 120, 697, 11)
    >>> [p.text for p in paragraphs([a, b])]
    ['The Parties shall cooperate to the widest extent possible.']
    """
    all_edges = _edges(lines)
    out: list[PdfLine] = []
    last: PdfLine | None = None  # the previous physical body line
    last_edge = (0.0, 0.0)
    for line, edge in zip(lines, all_edges, strict=True):
        if line.kind != "body":
            out.append(line)
            last = None
            continue
        if (
            last is not None
            and out
            and out[-1].kind == "body"
            and _continues(last, line, last_edge)
        ):
            joiner = "" if re.search(r"[^\W\d_]-$", out[-1].text) else " "
            out[-1] = attrs.evolve(out[-1], text=out[-1].text + joiner + line.text)
        else:
            out.append(line)
        last, last_edge = line, edge
    return out


# -- the reader -------------------------------------------------------------------------------


def read(
    data: bytes,
    *,
    source: Source,
    title: str | None = None,
    profile: Any = None,
    language: str | None = None,
    pages: Iterable[int] | None = None,
    footnotes: bool = True,
    columns: bool = True,
    hyphenation: bool = True,
    paragraph_gaps: bool = True,
) -> Document:
    """Read a PDF into a :class:`Document` whose provisions carry their page.

    Options: ``title``, ``profile``, ``language`` (passed to the text
    reader); ``pages`` (iterable of 1-based page numbers to read, default
    all); ``footnotes``, ``columns``, ``hyphenation``, ``paragraph_gaps``
    (see :func:`extract`).

    >>> from treatydiff.model import Source
    >>> doc = read(pdf_bytes, source=Source(path="com-2021-206.pdf"))  # doctest: +SKIP
    >>> len(doc.articles())  # doctest: +SKIP
    85
    """
    from treatydiff.readers.text import read_text

    name = source.path or "<pdf>"
    extraction = extract(
        data,
        name=name,
        pages=pages,
        footnotes=footnotes,
        columns=columns,
        hyphenation=hyphenation,
        paragraph_gaps=paragraph_gaps,
    )
    joined = paragraphs(extraction.lines)
    texts = [ln.text for ln in joined]
    page_of_line: list[int | None] = [ln.page for ln in joined]
    # removals were numbered against physical lines: renumber them against paragraphs
    removed = _renumber(extraction.removed, extraction.lines, joined)
    src = attrs.evolve(source, format=source.format or "pdf")
    doc = read_text(
        "\n".join(texts),
        title=title,
        source=src,
        profile=profile,
        language=language,
        pages=page_of_line,
        removed=removed,
    )
    if not extraction.page_labels:
        return doc
    # Users quote the page number printed on the page ("A/AC.291/22, p. 12"),
    # not the PDF's page index: keep both (Document.page_label reads it back).
    labels = " ".join(f"{page}={label}" for page, label in extraction.page_labels)
    return attrs.evolve(doc, metadata={**dict(doc.metadata), "page_labels": labels})


def _renumber(
    removed: Sequence[Removal], physical: Sequence[PdfLine], joined: Sequence[PdfLine]
) -> tuple[Removal, ...]:
    """Point each removal at the paragraph holding the physical line it stood before."""
    position: dict[int, int] = {}
    j = 0
    for i, line in enumerate(physical):
        # joined lines are the physical ones with some merged into their predecessor,
        # so walk both: a physical line starts a paragraph when it is the next joined one
        if (
            j < len(joined)
            and line.page == joined[j].page
            and line.y0 == joined[j].y0
            and (line.x0 == joined[j].x0 and line.kind == joined[j].kind)
        ):
            j += 1
        position[i + 1] = max(j, 1)
    return tuple(attrs.evolve(r, line=position.get(r.line, len(joined) or 1)) for r in removed)
