"""Word (DOCX) reader: paragraphs as Word displays them, then the text reader.

UN negotiating texts circulate as Word files whose structure lives partly in
formatting: article numbers typed by hand, but paragraph numbers "1." and
points "(a)" produced by Word's *automatic* list numbering, and the changes
of the last round kept as *tracked changes*.  Copying the text out of Word
loses both.  This reader works on the part XML (lxml, parsed safely) and:

* prints every automatic number as Word would display it, from
  ``numbering.xml``: level formats (decimal, lower/upper letter, lower/upper
  roman...), level texts such as ``"%1."`` or ``"(%2)"``, start values,
  ``lvlOverride/startOverride`` restarts, lower levels restarting when a
  higher one advances (``lvlRestart``), lists that share an abstract
  definition continuing each other's count, and numbering set by a style;
* resolves tracked changes: ``revision="accepted"`` (default) keeps
  insertions and moved-to text and drops deletions and moved-from text;
  ``revision="rejected"`` does the reverse, giving the text before the
  round.  Deleted (or inserted) paragraph marks join a paragraph with the
  next, and numbering is computed on the version produced;
* keeps footnotes: a reference becomes ``[^n]`` (n as Word numbers it) and
  the note text a ``[^n]: text`` line after the body;
* turns heading styles (Heading 1, 2... or an outline level) into heading
  lines, and the Title style into the document title.

The lines then go to :func:`treatydiff.readers.text.read_text`, which finds
chapters, articles, paragraphs and points.

>>> from treatydiff.readers.docx import read
>>> from treatydiff.model import Source
>>> data = open("zero-draft.docx", "rb").read()  # doctest: +SKIP
>>> new = read(data, source=Source(path="zero-draft.docx"))  # doctest: +SKIP
>>> old = read(data, source=Source(path="zero-draft.docx"), revision="rejected")  # doctest: +SKIP
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
from lxml import etree

from treatydiff.errors import FormatError, ParseError
from treatydiff.model import Document, Source
from treatydiff.readers._io import MAX_INPUT_BYTES
from treatydiff.readers._xml import parse_xml

__all__ = ["DocxExtraction", "DocxParagraph", "NumberingState", "extract", "format_number", "read"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
)
REVISIONS = ("accepted", "rejected")

_SPACE = re.compile(r"[ \t\u00a0\u2007\u202f]+")


def _w(name: str) -> str:
    return _W + name


def _on(el: etree._Element | None) -> bool:
    """A WordprocessingML on/off property: present and not val=false/0/off."""
    if el is None:
        return False
    return el.get(_w("val"), "true").lower() not in ("false", "0", "off")


@attrs.frozen
class DocxParagraph:
    """One displayed paragraph: its text with the printed number, style and role.

    ``kind`` is ``paragraph``, ``heading`` (a heading style or outline
    level; ``level`` 1 is the highest), ``title`` or ``footnote``.
    ``number`` is the automatic number Word displays ("1.", "(a)"), already
    at the start of ``text``.
    """

    text: str
    kind: str = "paragraph"
    level: int = 0
    style: str | None = None
    number: str | None = None


@attrs.frozen
class DocxExtraction:
    """Paragraphs in document order, then footnotes, for one revision."""

    paragraphs: tuple[DocxParagraph, ...]
    footnotes: tuple[DocxParagraph, ...] = ()
    title: str | None = None

    def lines(self) -> list[str]:
        """Plain-text lines for the text reader.

        Paragraphs are separated by a blank line; a heading stays next to the
        heading that follows it ("Article 3" / "Scope of application") so the
        text reader sees them as one heading block.
        """
        out: list[str] = []
        previous: DocxParagraph | None = None
        for para in self.paragraphs:
            if para.kind == "title":
                continue
            for i, piece in enumerate(para.text.split("\n")):
                piece = piece.strip()
                if not piece:
                    continue
                joined = i > 0 or (
                    previous is not None and previous.kind == "heading" and para.kind == "heading"
                )
                if out and not joined:
                    out.append("")
                out.append(piece)
            previous = para
        if self.footnotes:
            out.append("")
            out.extend(note.text for note in self.footnotes)
        return out

    def text(self) -> str:
        return "\n".join(self.lines())


# -- the package --------------------------------------------------------------------------------


class _Package:
    """The parts of a DOCX (a ZIP archive), read on demand and parsed safely."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            raise ParseError(
                "is not a ZIP archive"
                if not data.startswith(b"PK")
                else "is a damaged ZIP archive",
                source=name,
                expected="a DOCX file (a ZIP archive holding word/document.xml)",
            ) from None
        self.names = set(self.zip.namelist())

    def has(self, part: str) -> bool:
        return part in self.names

    def read(self, part: str) -> bytes:
        info = self.zip.getinfo(part)
        # A ZIP member can expand a thousandfold; refuse before inflating it.
        if info.file_size > MAX_INPUT_BYTES:
            raise ParseError(
                f"part {part} expands to {info.file_size} bytes",
                source=self.name,
                expected=f"a DOCX part of at most {MAX_INPUT_BYTES} bytes",
            )
        try:
            return self.zip.read(part)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise ParseError(
                f"part {part} cannot be extracted ({exc})",
                source=self.name,
                expected="an undamaged DOCX archive",
            ) from None
        except NotImplementedError as exc:
            raise ParseError(
                f"part {part} uses an unsupported compression ({exc})",
                source=self.name,
                expected="a DOCX archive compressed with deflate",
            ) from None

    def xml(self, part: str, root: str) -> etree._Element:
        return parse_xml(
            self.read(part),
            source=f"{self.name}!{part}",
            expected_root=root,
            what=f"the WordprocessingML part {part}",
        )

    def main_part(self) -> str:
        """The main document part, found through the package relationships."""
        if self.has("_rels/.rels"):
            rels = self.xml("_rels/.rels", "Relationships")
            for rel in rels:
                if rel.get("Type") in _OFFICE_DOC:
                    target = rel.get("Target", "").lstrip("/")
                    if self.has(target):
                        return target
        if self.has("word/document.xml"):
            return "word/document.xml"
        raise ParseError(
            "holds no word/document.xml",
            source=self.name,
            expected="a DOCX file (a ZIP archive holding word/document.xml)",
        )

    def related(self, part: str) -> dict[str, str]:
        """Relationship type suffix ('styles', 'numbering', 'footnotes') -> part name."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        found: dict[str, str] = {}
        if self.has(rels_name):
            for rel in self.xml(rels_name, "Relationships"):
                if rel.get("TargetMode") == "External":
                    continue
                kind = rel.get("Type", "").rsplit("/", 1)[-1]
                target = rel.get("Target", "")
                path = (
                    target.lstrip("/")
                    if target.startswith("/")
                    else posixpath.normpath(posixpath.join(folder, target))
                )
                if self.has(path):
                    found.setdefault(kind, path)
        for kind in ("styles", "numbering", "footnotes", "endnotes"):
            default = posixpath.join(folder, kind + ".xml")
            if kind not in found and self.has(default):
                found[kind] = default
        return found


# -- styles -------------------------------------------------------------------------------------


@attrs.frozen
class _Style:
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None


def _styles(root: etree._Element | None) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    if root is None:
        return styles
    for st in root.iter(_w("style")):
        if st.get(_w("type")) not in (None, "paragraph"):
            continue
        sid = st.get(_w("styleId"))
        if not sid:
            continue
        name_el = st.find(_w("name"))
        based = st.find(_w("basedOn"))
        ppr = st.find(_w("pPr"))
        num_id, ilvl, outline = _numbering_props(ppr)
        styles[sid] = _Style(
            name=name_el.get(_w("val"), sid) if name_el is not None else sid,
            based_on=based.get(_w("val")) if based is not None else None,
            num_id=num_id,
            ilvl=ilvl,
            outline=outline,
        )
    return styles


def _numbering_props(
    ppr: etree._Element | None,
) -> tuple[str | None, int | None, int | None]:
    """(numId, ilvl, outline level) set directly in a paragraph or style's ``w:pPr``."""
    num_id = ilvl = outline = None
    if ppr is not None:
        num = ppr.find(_w("numPr"))
        if num is not None:
            nid = num.find(_w("numId"))
            lvl = num.find(_w("ilvl"))
            num_id = nid.get(_w("val")) if nid is not None else None
            ilvl = _int(lvl.get(_w("val"))) if lvl is not None else None
        out = ppr.find(_w("outlineLvl"))
        if out is not None:
            outline = _int(out.get(_w("val")))
    return num_id, ilvl, outline


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _style_chain(styles: Mapping[str, _Style], sid: str | None) -> Iterator[_Style]:
    seen = set()
    while sid and sid in styles and sid not in seen:
        seen.add(sid)
        yield styles[sid]
        sid = styles[sid].based_on


_HEADING_NAME = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)


def _heading_level(styles: Mapping[str, _Style], sid: str | None, outline: int | None) -> int:
    """1 for Heading 1 (or outline level 0), ...; 0 for body text; -1 for Title."""
    if outline is not None and 0 <= outline < 9:
        return outline + 1
    for style in _style_chain(styles, sid):
        if style.name.lower() == "title":
            return -1
        m = _HEADING_NAME.match(style.name)
        if m:
            return int(m.group(1))
        if style.outline is not None and 0 <= style.outline < 9:
            return style.outline + 1
    return 0


# -- numbering ----------------------------------------------------------------------------------


@attrs.frozen
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # lvlRestart: None = after any higher level, 0 = never
    legal: bool = False  # isLgl: show higher levels as decimal


def _level(el: etree._Element) -> _Level:
    def val(tag: str) -> str | None:
        child = el.find(_w(tag))
        return child.get(_w("val")) if child is not None else None

    restart = val("lvlRestart")
    return _Level(
        start=_int(val("start"), 1),
        fmt=val("numFmt") or "decimal",
        text=val("lvlText") or "",
        restart=_int(restart) if restart is not None else None,
        legal=_on(el.find(_w("isLgl"))),
    )


@attrs.frozen
class _Num:
    abstract: str
    overrides: tuple[tuple[int, int | None, _Level | None], ...] = ()  # (ilvl, start, level)


class NumberingState:
    """Word's list counters while walking a document in order.

    Counters belong to the *abstract* list definition, so two lists (numIds)
    on one definition continue each other, unless a list restarts a level
    with ``lvlOverride/startOverride`` the first time it is used.

    >>> state = NumberingState.from_xml(None)
    >>> state.next("1", 0) is None  # no numbering part: no numbers
    True
    """

    def __init__(
        self, abstracts: Mapping[str, dict[int, _Level]], nums: Mapping[str, _Num]
    ) -> None:
        self.abstracts = abstracts
        self.nums = nums
        self.counters: dict[str, dict[int, int]] = {}
        self.seen: set[str] = set()
        self.pending: dict[str, dict[int, int]] = {}

    @classmethod
    def from_xml(cls, root: etree._Element | None) -> NumberingState:
        abstracts: dict[str, dict[int, _Level]] = {}
        nums: dict[str, _Num] = {}
        # A list style: an abstractNum with <w:numStyleLink w:val="S"/> has no
        # levels of its own; they are those of the abstractNum with
        # <w:styleLink w:val="S"/>, whose counters it also shares.
        defines: dict[str, str] = {}
        uses: dict[str, str] = {}
        if root is not None:
            for ab in root.iter(_w("abstractNum")):
                aid = ab.get(_w("abstractNumId"))
                if aid is None:
                    continue
                abstracts[aid] = {_int(lv.get(_w("ilvl"))): _level(lv) for lv in ab.iter(_w("lvl"))}
                link = ab.find(_w("styleLink"))
                if link is not None and link.get(_w("val")):
                    defines.setdefault(link.get(_w("val"), ""), aid)
                link = ab.find(_w("numStyleLink"))
                if link is not None and link.get(_w("val")) and not abstracts[aid]:
                    uses[aid] = link.get(_w("val"), "")
            alias = {aid: defines[style] for aid, style in uses.items() if style in defines}
            for num in root.iter(_w("num")):
                nid = num.get(_w("numId"))
                ref = num.find(_w("abstractNumId"))
                if nid is None or ref is None:
                    continue
                overrides = []
                for ov in num.iter(_w("lvlOverride")):
                    so = ov.find(_w("startOverride"))
                    lv = ov.find(_w("lvl"))
                    overrides.append(
                        (
                            _int(ov.get(_w("ilvl"))),
                            _int(so.get(_w("val")), 1) if so is not None else None,
                            _level(lv) if lv is not None else None,
                        )
                    )
                abstract = ref.get(_w("val"), "")
                nums[nid] = _Num(alias.get(abstract, abstract), tuple(overrides))
        return cls(abstracts, nums)

    def _levels(self, num_id: str) -> dict[int, _Level] | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        levels = dict(self.abstracts.get(num.abstract, {}))
        for ilvl, start, level in num.overrides:
            if level is not None:
                levels[ilvl] = level
            if start is not None and ilvl in levels:
                levels[ilvl] = attrs.evolve(levels[ilvl], start=start)
        return levels

    def next(self, num_id: str | None, ilvl: int) -> str | None:
        """Advance the list ``num_id`` at level ``ilvl``; return the number displayed.

        Returns None when the paragraph shows no number (no such list,
        ``numId`` 0, or a level whose format is ``none``/a bullet with no text).
        """
        if not num_id or num_id == "0":
            return None
        levels = self._levels(num_id)
        num = self.nums.get(num_id)
        if not levels or num is None or ilvl not in levels:
            return None
        counters = self.counters.setdefault(num.abstract, {})
        if num_id not in self.seen:
            self.seen.add(num_id)
            for lvl, start, level in num.overrides:
                if start is not None or level is not None:
                    counters.pop(lvl, None)  # restart at this list's start value
        level = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper, _Level()).restart
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        if level.fmt == "bullet":
            return None
        return self._render(level, levels, counters)

    @staticmethod
    def _render(level: _Level, levels: Mapping[int, _Level], counters: Mapping[int, int]) -> str:
        def placeholder(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, _Level())
            value = counters.get(k, lv.start)
            fmt = "decimal" if (level.legal and lv.fmt != "none") else lv.fmt
            return format_number(value, fmt)

        return re.sub(r"%([1-9])", placeholder, level.text).strip()


_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def format_number(value: int, fmt: str) -> str:
    """A list counter in a Word number format.

    >>> pairs = [(4, "lowerRoman"), (27, "lowerLetter"), (3, "decimalZero")]
    >>> [format_number(n, f) for n, f in pairs]
    ['iv', 'aa', '03']
    """
    if fmt == "none":
        return ""
    if fmt in ("lowerLetter", "upperLetter"):
        if value < 1:
            return str(value)
        # Word repeats the letter after z: y, z, aa, bb, ...
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        if value < 1:
            return str(value)
        out, n = [], value
        for amount, digits in _ROMAN:
            while n >= amount:
                out.append(digits)
                n -= amount
        text = "".join(out)
        return text if fmt == "lowerRoman" else text.upper()
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "ordinal":
        suffix = (
            "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        )
        return f"{value}{suffix}"
    return str(value)  # decimal and the formats without a Latin rendering


# -- text of paragraphs -------------------------------------------------------------------------

#: Elements whose content is kept or dropped by the revision being produced.
_INSERTED = {_w("ins"), _w("moveTo")}
_DELETED = {_w("del"), _w("moveFrom")}
#: Containers whose children are read as if they stood in the paragraph.
_TRANSPARENT = {
    _w("hyperlink"),
    _w("smartTag"),
    _w("customXml"),
    _w("sdt"),
    _w("sdtContent"),
    _w("fldSimple"),
    _w("bdo"),
    _w("dir"),
}


class _Reader:
    def __init__(self, revision: str, styles: Mapping[str, _Style], numbering: NumberingState):
        self.accepted = revision == "accepted"
        self.styles = styles
        self.numbering = numbering
        self.note_numbers: dict[str, int] = {}

    def keep(self, el: etree._Element) -> bool:
        """Is the tracked change ``el`` part of the version produced?"""
        if el.tag in _INSERTED:
            return self.accepted
        if el.tag in _DELETED:
            return not self.accepted
        return True

    def mark_dropped(self, p: etree._Element) -> bool:
        """Is this paragraph's mark (its end) absent from the version produced?

        A deleted mark joins the paragraph to the next one once the deletion
        is accepted; an inserted mark does so once the insertion is rejected.
        """
        rpr = p.find(f"{_w('pPr')}/{_w('rPr')}")
        if rpr is None:
            return False
        if self.accepted:
            return rpr.find(_w("del")) is not None or rpr.find(_w("moveFrom")) is not None
        return rpr.find(_w("ins")) is not None or rpr.find(_w("moveTo")) is not None

    def runs_text(self, el: etree._Element) -> str:
        parts: list[str] = []
        self._collect(el, parts)
        return "".join(parts)

    def _collect(self, el: etree._Element, parts: list[str]) -> None:
        for child in el:
            tag = child.tag
            if tag in _INSERTED or tag in _DELETED:
                if self.keep(child):
                    self._collect(child, parts)
            elif tag == _w("r"):
                self._run(child, parts)
            elif tag in _TRANSPARENT:
                self._collect(child, parts)
            elif tag == _w("sdtPr") or tag == _w("pPr"):
                continue

    def _run(self, run: etree._Element, parts: list[str]) -> None:
        rpr = run.find(_w("rPr"))
        if rpr is not None and _on(rpr.find(_w("vanish"))):
            return  # hidden text is not printed
        for child in run:
            tag = child.tag
            if tag == _w("t") or (tag == _w("delText") and not self.accepted):
                parts.append(child.text or "")
            elif tag == _w("delText"):
                # delText outside a w:del (malformed) counts as deleted text
                continue
            elif tag in (_w("tab"), _w("ptab")):
                parts.append(" ")
            elif tag in (_w("br"), _w("cr")):
                if child.get(_w("type")) not in ("page", "column"):
                    parts.append("\n")
            elif tag == _w("noBreakHyphen"):
                parts.append("-")
            elif tag == _w("footnoteReference") or tag == _w("endnoteReference"):
                if _on(child.find(_w("customMarkFollows"))) or child.get(
                    _w("customMarkFollows")
                ) in ("1", "true", "on"):
                    continue  # the custom mark follows as ordinary text
                key = ("e" if tag == _w("endnoteReference") else "") + child.get(_w("id"), "")
                number = self.note_numbers.setdefault(key, len(self.note_numbers) + 1)
                parts.append(f"[^{number}]")

    def numbering_of(self, p: etree._Element) -> tuple[str | None, int, str | None]:
        """(style id, heading level, displayed number) of a paragraph in this revision."""
        ppr = p.find(_w("pPr"))
        if ppr is not None and not self.accepted:
            change = ppr.find(_w("pPrChange"))
            if change is not None and change.find(_w("pPr")) is not None:
                ppr = change.find(_w("pPr"))  # the properties before the tracked change
        sid = None
        if ppr is not None:
            st = ppr.find(_w("pStyle"))
            sid = st.get(_w("val")) if st is not None else None
        num_id, ilvl, outline = _numbering_props(ppr)
        for style in _style_chain(self.styles, sid):
            if num_id is None and style.num_id is not None:
                num_id = style.num_id
            if ilvl is None and style.ilvl is not None:
                ilvl = style.ilvl
        level = _heading_level(self.styles, sid, outline)
        number = self.numbering.next(num_id, ilvl or 0) if num_id else None
        return sid, level, number


def _paragraph(
    reader: _Reader, p: etree._Element, pending: list[str] | None
) -> tuple[DocxParagraph | None, list[str] | None]:
    """Read one w:p; ``pending`` holds text of earlier paragraphs whose mark was dropped."""
    text = reader.runs_text(p)
    if reader.mark_dropped(p):
        # This paragraph runs on into the next one: Word shows them as one,
        # with the next paragraph's properties and number.
        return None, [*(pending or []), text]
    sid, level, number = reader.numbering_of(p)
    if pending:
        text = "".join(pending) + text
    text = _SPACE.sub(" ", text).strip()
    if not text and number is None:
        return None, None
    if number:
        text = f"{number} {text}".strip()
    kind = "title" if level == -1 else "heading" if level > 0 else "paragraph"
    style = reader.styles[sid].name if sid is not None and sid in reader.styles else sid
    return DocxParagraph(text, kind, max(level, 0), style, number), None


def _body_paragraphs(reader: _Reader, container: etree._Element) -> Iterator[DocxParagraph]:
    pending: list[str] | None = None
    for el in _block_elements(reader, container):
        para, pending = _paragraph(reader, el, pending)
        if para is not None:
            yield para
    if pending:
        text = _SPACE.sub(" ", "".join(pending)).strip()
        if text:
            yield DocxParagraph(text)


def _block_elements(reader: _Reader, container: etree._Element) -> Iterator[etree._Element]:
    """Every w:p in reading order, through tables, content controls and tracked blocks."""
    for child in container:
        tag = child.tag
        if tag == _w("p"):
            yield child
        elif tag == _w("tbl"):
            for row in child.iter(_w("tr")):
                trpr = row.find(_w("trPr"))
                if trpr is not None:
                    if reader.accepted and trpr.find(_w("del")) is not None:
                        continue
                    if not reader.accepted and trpr.find(_w("ins")) is not None:
                        continue
                for cell in row.findall(_w("tc")):
                    yield from _block_elements(reader, cell)
        elif tag in _INSERTED or tag in _DELETED:
            if reader.keep(child):
                yield from _block_elements(reader, child)
        elif tag in (_w("sdt"), _w("sdtContent"), _w("customXml")):
            yield from _block_elements(reader, child)


def _notes(reader: _Reader, root: etree._Element | None, tag: str, prefix: str) -> dict[str, str]:
    found: dict[str, str] = {}
    if root is None:
        return found
    for note in root.iter(_w(tag)):
        if note.get(_w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paragraphs = [p.text for p in _body_paragraphs(reader, note)]
        found[prefix + note.get(_w("id"), "")] = " ".join(paragraphs).strip()
    return found


def extract(data: bytes, *, name: str = "<docx>", revision: str = "accepted") -> DocxExtraction:
    """The paragraphs of a DOCX as Word displays them, in one revision.

    >>> ex = extract(open("draft.docx", "rb").read(), revision="rejected")  # doctest: +SKIP
    >>> ex.paragraphs[0].text  # doctest: +SKIP
    'Article 1'
    """
    if revision not in REVISIONS:
        raise FormatError(
            f"option revision={revision!r} is not known",
            source=name,
            expected=f"revision one of {', '.join(REVISIONS)}",
        )
    package = _Package(data, name)
    main = package.main_part()
    body_root = package.xml(main, "document")
    related = package.related(main)

    def optional(kind: str, root: str) -> etree._Element | None:
        return package.xml(related[kind], root) if kind in related else None

    styles = _styles(optional("styles", "styles"))
    numbering = NumberingState.from_xml(optional("numbering", "numbering"))
    reader = _Reader(revision, styles, numbering)
    body = body_root.find(_w("body"))
    if body is None:
        raise ParseError(
            f"{main} has no <w:body>",
            source=name,
            expected="a WordprocessingML document with a body",
        )
    paragraphs = tuple(_body_paragraphs(reader, body))
    # Footnote text is read after the body, so note numbers follow the body's order;
    # notes get their own numbering state so they do not advance the body's lists.
    note_reader = _Reader(revision, styles, NumberingState.from_xml(None))
    texts = _notes(note_reader, optional("footnotes", "footnotes"), "footnote", "")
    texts.update(_notes(note_reader, optional("endnotes", "endnotes"), "endnote", "e"))
    footnotes = tuple(
        DocxParagraph(f"[^{number}]: {texts.get(key, '')}".rstrip(), "footnote")
        for key, number in sorted(reader.note_numbers.items(), key=lambda kv: kv[1])
    )
    title = next((p.text for p in paragraphs if p.kind == "title"), None)
    return DocxExtraction(paragraphs=paragraphs, footnotes=footnotes, title=title)


def read(
    data: bytes,
    *,
    source: Source,
    revision: str = "accepted",
    title: str | None = None,
    profile: Any = None,
    language: str | None = None,
) -> Document:
    """Read a DOCX into a :class:`Document`.

    Options: ``revision`` (``"accepted"``, the default, or ``"rejected"``:
    the text before the tracked changes), ``title``, ``profile``,
    ``language`` (passed to the text reader).

    >>> from treatydiff.model import Source
    >>> doc = read(data, source=Source(path="rev1.docx"), revision="rejected")  # doctest: +SKIP
    """
    from treatydiff.readers.text import read_text

    name = source.path or "<docx>"
    extraction = extract(data, name=name, revision=revision)
    src = attrs.evolve(source, format=source.format or "docx")
    return read_text(
        extraction.text(),
        title=title or extraction.title,
        source=src,
        profile=profile,
        language=language,
    )
