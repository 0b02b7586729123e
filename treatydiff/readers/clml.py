"""legislation.gov.uk Crown Legislation Markup Language (CLML) XML.

Structure read::

    <Legislation>
      <ukm:Metadata> dc:title, dc:language, ukm:Year, ukm:Number, dct:valid
      <Primary>
        <PrimaryPrelims> LongTitle, PrimaryPreamble/EnactingText   -> preamble
        <Body>
          <Part>/<Chapter> (Number, Title)          -> part / chapter
          <Pblock>/<PsubBlock> (Title)              -> cross-heading (metadata)
          <P1group><Title>heading</Title>
            <P1> Pnumber "1"                        -> section
              <P2> "(1)"                            -> paragraph
                <P3> "(a)"                          -> subparagraph
                  <P4>, <P5> "(i)"                  -> clause
          lists: <OrderedList> items become points; other lists are text
          <BlockAmendment> (text inserted into another Act) stays the
          quoted text of the provision that makes the amendment
        <Schedules><Schedule>                       -> annex
      <Commentaries><Commentary id Type="F"|"M"|...>

**Versions.**  ``version="current"`` (default) gives the revised text as the
file prints it.  ``version="enacted"`` reconstructs the text as originally
enacted *as far as the file allows*, reading each ``<Addition>``,
``<Substitution>`` and ``<Repeal>`` with the commentary it points to:

* text whose commentary says it was *inserted* is removed; a provision whose
  number is inserted disappears with its children (s. 3ZA, s. 5(1A) ...);
* ``<Repeal>`` content (text shown but repealed) is kept;
* a *substitution* is restored only when the commentary quotes the old words
  (``Words "X" substituted for words "Y"``); otherwise the enacted wording is
  **not in the file** (CLML keeps only the new text), so it is replaced by
  the placeholder :data:`UNKNOWN` ("[…]") and a ``note`` annotation quoting
  the commentary.  A provision substituted whole keeps its number, loses its
  (current) children and reads "[…]";
* a *repealed* provision keeps its number, but its text (printed as dots)
  was dropped by the publisher: "[…]" and a note again.

So an enacted version never shows amended wording as if it were the 1990
text: unknown text is marked, never guessed.  In the current version runs of
dots (repealed text) read "…" and each commentary becomes an annotation
(``note`` for amendments, ``footnote`` for marginal citations).
"""

from __future__ import annotations

import re
from typing import Any

import attrs
from lxml import etree

from treatydiff.errors import ParseError
from treatydiff.model import Annotation, Document, Provision, Source
from treatydiff.readers._xml import InlineText, clean, local, parse_xml, span_of

__all__ = ["UNKNOWN", "VERSIONS", "read"]

NS = "http://www.legislation.gov.uk/namespaces/legislation"
UKM = "http://www.legislation.gov.uk/namespaces/metadata"
DC = "http://purl.org/dc/elements/1.1/"
DCT = "http://purl.org/dc/terms/"

_WHAT = "a legislation.gov.uk CLML document"

VERSIONS = ("current", "enacted")

#: What the enacted version shows where the original wording is not in the file.
UNKNOWN = "[…]"

_P_KIND = {
    "P1": "section",
    "P2": "paragraph",
    "P3": "subparagraph",
    "P4": "clause",
    "P5": "clause",
    "P6": "clause",
}
_CHANGE = {"Addition", "Substitution", "Repeal"}
_DOTS = re.compile(r"(?:\.\s*){3,}")
_VERB = re.compile(r"\b(inserted|added|substituted|replaced|repealed|omitted|revoked)\b", re.I)
_OLD_WORDS = re.compile(
    r"[“\"‘]([^”\"’]+)[”\"’]\s+substituted\s+for\s+(?:the\s+)?words?\s+[“\"‘]([^”\"’]+)[”\"’]", re.I
)


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


@attrs.frozen
class _Commentary:
    id: str
    type: str
    text: str

    @property
    def action(self) -> str:
        """inserted, substituted, repealed or unknown: the first verb the note uses."""
        m = _VERB.search(self.text)
        if not m:
            return "unknown"
        verb = m.group(1).lower()
        return {
            "added": "inserted",
            "replaced": "substituted",
            "omitted": "repealed",
            "revoked": "repealed",
        }.get(verb, verb)


class _Text(InlineText):
    """Inline text plus the placeholder logic of the enacted version."""

    def __init__(self) -> None:
        super().__init__()
        #: True while nothing but white space followed the last placeholder.
        self.after_unknown = False
        #: The last commentary referred to (enacted version: why dots follow).
        self.pending: _Commentary | None = None

    def add(self, text: str | None) -> None:
        super().add(text)
        if text and text.strip():
            self.after_unknown = False

    def unknown(self, note: str) -> None:
        """A placeholder for wording the source does not hold (one per run)."""
        if self.after_unknown:
            return
        self.add(f" {UNKNOWN} ")
        self.note("note", note)
        self.after_unknown = True


class _Reader:
    def __init__(self, commentaries: dict[str, _Commentary], version: str) -> None:
        self.commentaries = commentaries
        self.enacted = version == "enacted"
        #: Commentary of the provision being read, for its dots (enacted version).
        self.pending: _Commentary | None = None

    # -- changes -----------------------------------------------------------------
    def commentary(self, el: etree._Element) -> _Commentary | None:
        ref = el.get("CommentaryRef") or el.get("Ref")
        return self.commentaries.get(ref) if ref else None

    def action(self, el: etree._Element) -> str:
        name = local(el)
        if name == "Repeal":
            return "repealed"
        com = self.commentary(el)
        if name == "Addition":
            # An <Addition> whose note says "substituted" replaced older text.
            return com.action if com is not None and com.action != "unknown" else "inserted"
        return "substituted"

    def unknown_note(self, com: _Commentary | None) -> str:
        why = com.text if com is not None else "amended; no commentary"
        return f"enacted wording not in the source: {why}"

    def whole_change(self, pnumber: etree._Element | None) -> etree._Element | None:
        """The outermost change element that holds all of a Pnumber's text, if any."""
        if pnumber is None:
            return None
        texts = [t for t in pnumber.xpath("text()") if t.strip()]
        if texts:
            return None
        changes = [c for c in pnumber if local(c) in _CHANGE]
        if len(changes) == 1 and clean("".join(changes[0].itertext())):
            return changes[0]
        return None

    # -- inline text ---------------------------------------------------------------
    def inline(self, el: etree._Element, acc: _Text, *, top: bool = True) -> None:
        """Append the text of ``el`` (and its tail when not ``top``) to ``acc``."""
        name = local(el)
        if name in _CHANGE and not top:
            self.change(el, acc)
        elif name == "CommentaryRef" and not top:
            com = self.commentary(el)
            if com is not None:
                if self.enacted:
                    acc.pending = com  # explains the dots that usually follow
                else:
                    acc.note("footnote" if com.type == "M" else "note", com.text)
        elif name in ("FootnoteRef",) and not top:
            pass
        else:
            self.add_text(el.text, acc)
            for child in el:
                self.inline(child, acc, top=False)
        if not top:
            self.add_text(el.tail, acc)

    def add_text(self, text: str | None, acc: _Text) -> None:
        """Add text; runs of dots stand for repealed words ("…", or "[…]" when enacted)."""
        if not text:
            return
        if "..." not in text.replace(" ", ""):
            acc.add(text)
            return
        if not self.enacted:
            acc.add(_DOTS.sub("…", text))
            return
        pieces = _DOTS.split(text)
        for i, piece in enumerate(pieces):
            if i:
                com = acc.pending
                acc.unknown(
                    self.unknown_note(com)
                    if com is not None
                    else "enacted wording not in the source: repealed text printed as dots"
                )
            acc.add(piece)

    def change(self, el: etree._Element, acc: _Text) -> None:
        name = local(el)
        com = self.commentary(el)
        if not self.enacted:
            if name == "Repeal":
                return  # repealed text is not part of the text in force
            acc.add(el.text)
            for child in el:
                self.inline(child, acc, top=False)
            if com is not None:
                acc.note("note", com.text)
            return
        action = self.action(el)
        if action == "inserted":
            return
        if name == "Repeal":
            acc.add(el.text)
            for child in el:
                self.inline(child, acc, top=False)
            return
        current = clean("".join(el.itertext()))
        if com is not None:
            m = _OLD_WORDS.search(com.text)
            if m and clean(m.group(1)) == current:
                acc.add(m.group(2))
                return
        acc.unknown(self.unknown_note(com))

    def text_of(self, el: etree._Element) -> tuple[str, list[Annotation]]:
        acc = _Text()
        acc.pending = self.pending
        self.inline(el, acc)
        return acc.finish()

    # -- structure ---------------------------------------------------------------
    def number(self, el: etree._Element) -> tuple[str | None, etree._Element | None]:
        pn = el.find(_q("Pnumber"))
        if pn is None:
            return None, None
        acc = _Text()
        self.inline(pn, acc)
        text, _ = acc.finish()
        return (text.strip() or None), pn

    def provision(
        self,
        el: etree._Element,
        heading: str | None = None,
        heading_notes: list[Annotation] | None = None,
    ) -> Provision | None:
        name = local(el)
        kind = _P_KIND[name]
        number, pn = self.number(el)
        replaced = None
        if self.enacted:
            whole = self.whole_change(pn)
            if whole is not None:
                if self.action(whole) == "inserted":
                    return None  # the provision did not exist when enacted
                # substituted or repealed whole: same number, unknown wording
                replaced = whole
                number = clean("".join(whole.itertext())) or None
            elif number is None and pn is not None:
                return None
        label = number if kind == "section" else (f"({number})" if number else None)
        span = span_of(el)
        anns: list[Annotation] = list(heading_notes or ())
        if replaced is not None:
            note = self.unknown_note(self.commentary(replaced))
            return Provision(
                kind=kind,
                number=number,
                label=label,
                heading=heading,
                text=UNKNOWN,
                span=span,
                annotations=(Annotation("note", note, len(UNKNOWN), len(UNKNOWN)),),
            )
        # In the current version a CommentaryRef inside the Pnumber annotates the provision.
        if pn is not None and not self.enacted:
            for ref in pn.iter(_q("CommentaryRef")):
                com = self.commentary(ref)
                if com is not None:
                    anns.append(
                        Annotation("footnote" if com.type == "M" else "note", com.text, 0, 0)
                    )
        saved = self.pending
        if pn is not None and self.enacted:
            # "S. 7(1) repealed": the note explains the dots in the text below
            for ref in pn.iter(_q("CommentaryRef")):
                com = self.commentary(ref)
                if com is not None and com.action in ("repealed", "substituted"):
                    self.pending = com
        texts: list[str] = []
        children: list[Provision] = []
        self.content(el, kind, texts, anns, children)
        self.pending = saved
        text = "\n".join(t for t in texts if t)
        anns = _dedupe(anns, len(text))
        return Provision(
            kind=kind,
            number=number,
            label=label,
            heading=heading,
            text=text,
            children=tuple(children),
            span=span,
            annotations=tuple(anns),
        )

    def _add_text(
        self,
        el: etree._Element,
        texts: list[str],
        anns: list[Annotation],
        base: int | None = None,
    ) -> None:
        text, notes = self.text_of(el)
        if not text and not notes:
            return
        if base is None:
            base = sum(len(t) + 1 for t in texts if t)
        if text:
            texts.append(text)
        for a in notes:
            anns.append(attrs.evolve(a, start=a.start + base, end=a.end + base))

    def content(
        self,
        el: etree._Element,
        kind: str,
        texts: list[str],
        anns: list[Annotation],
        children: list[Provision],
    ) -> None:
        """Walk the body of a provision: its own text, child provisions and lists."""
        for child in el:
            name = local(child)
            if name in ("Pnumber", "Title"):
                continue
            if name in _P_KIND:
                prov = self.provision(child)
                if prov is None:
                    continue
                prev = children[-1] if children else None
                if (
                    prev is not None
                    and prov.text == UNKNOWN == prev.text
                    and prev.number == prov.number
                    and not prov.children
                ):
                    # versions of one provision for different extents, both
                    # substituted: the enacted text had one
                    continue
                children.append(prov)
            elif name == "P1group":
                children.extend(self.group(child))
            elif name == "Text":
                self._add_text(child, texts, anns)
            elif name == "OrderedList" and any(
                item.get("NumberOverride") in {c.number for c in children}
                for item in child
                if local(item) == "ListItem"
            ):
                # numbering starts again: a list inside a definition or a
                # sentence of this provision, kept as lettered text lines
                texts.extend(self.lines(child, texts, anns))
            elif name == "OrderedList":
                for item in child:
                    if local(item) != "ListItem":
                        continue
                    prov = self.list_item(item, kind)
                    if prov is not None:
                        children.append(prov)
            elif name == "UnorderedList" and child.get("Class") == "Definition":
                # definition lists and the like: text lines, their lettered
                # items quoted with their letters
                for line in self.lines(child, texts, anns):
                    texts.append(line)
            elif name == "BlockAmendment":
                # Words this Act inserts into another Act: quoted text, not
                # provisions of this Act.
                quoted = self.quoted(child)
                if quoted:
                    texts.append(quoted)
            elif name in ("AppendText",):
                self._add_text(child, texts, anns)
            elif name in _CHANGE and self.enacted and self.action(child) == "inserted":
                continue
            else:
                self.content(child, kind, texts, anns, children)

    def lines(self, el: etree._Element, texts: list[str], anns: list[Annotation]) -> list[str]:
        out: list[str] = []
        for node in el.iter(_q("Text")):
            if self.enacted and any(
                local(a) in _CHANGE and self.action(a) == "inserted" for a in node.iterancestors()
            ):
                continue
            item = next((a for a in node.iterancestors(_q("ListItem"))), None)
            sub: list[str] = []
            self._add_text(node, sub, anns, base=sum(len(t) + 1 for t in texts + out if t))
            if not sub:
                continue
            number = item.get("NumberOverride") if item is not None else None
            first_text = item is not None and next(item.iter(_q("Text")), None) is node
            out.append(f"({number}) {sub[0]}" if number and first_text else sub[0])
        return out

    def quoted(self, block: etree._Element) -> str:
        lines = []
        for node in block.iter():
            name = local(node)
            if name == "Pnumber":
                num, _ = self.number(node.getparent())
                if num:
                    lines.append(f"({num})")
            elif name == "Text":
                text, _ = self.text_of(node)
                if text:
                    if lines and lines[-1].startswith("(") and lines[-1].endswith(")"):
                        lines[-1] = f"{lines[-1]} {text}"
                    else:
                        lines.append(text)
        return "\n".join(lines)

    def list_item(self, item: etree._Element, parent_kind: str) -> Provision | None:
        kind = {"section": "paragraph", "paragraph": "subparagraph"}.get(parent_kind, "clause")
        number = item.get("NumberOverride")
        texts: list[str] = []
        anns: list[Annotation] = []
        children: list[Provision] = []
        self.content(item, kind, texts, anns, children)
        text = "\n".join(texts)
        if self.enacted and not text and not children:
            return None
        return Provision(
            kind=kind,
            number=number,
            label=f"({number})" if number else None,
            text=text,
            children=tuple(children),
            span=span_of(item),
            annotations=tuple(anns),
        )

    def group(self, el: etree._Element) -> list[Provision]:
        """A P1group: a heading over one or more P1 sections."""
        title = el.find(_q("Title"))
        heading = None
        notes: list[Annotation] = []
        if title is not None:
            heading, notes = self.text_of(title)
            heading = heading.rstrip() or None
            # heading notes stand at the start of the section's text
            notes = [attrs.evolve(a, start=0, end=0) for a in notes]
        out = []
        for child in el:
            if local(child) in _P_KIND:
                prov = self.provision(child, heading, notes)
                if prov is not None:
                    out.append(prov)
                    heading, notes = None, []
        return out

    def block(
        self,
        el: etree._Element,
        crossheadings: list[tuple[list[Provision], int, str]],
        target: list[Provision],
    ) -> None:
        """Walk a body or container, collecting provisions into ``target``."""
        for child in el:
            name = local(child)
            if name == "P1group":
                target.extend(self.group(child))
            elif name in _P_KIND:
                prov = self.provision(child)
                if prov is not None:
                    target.append(prov)
            elif name in ("Part", "Chapter"):
                number_el = child.find(_q("Number"))
                title_el = child.find(_q("Title"))
                label = self.text_of(number_el)[0] if number_el is not None else None
                heading = self.text_of(title_el)[0] if title_el is not None else None
                number = label.split()[-1] if label else None
                inner: list[Provision] = []
                self.block(child, crossheadings, inner)
                if self.enacted and not inner and label is None:
                    continue
                target.append(
                    Provision(
                        kind="part" if name == "Part" else "chapter",
                        number=number,
                        label=label,
                        heading=heading or None,
                        children=tuple(inner),
                        span=span_of(child),
                    )
                )
            elif name in ("Pblock", "PsubBlock"):
                title_el = child.find(_q("Title"))
                heading = self.text_of(title_el)[0] if title_el is not None else ""
                start = len(target)
                self.block(child, crossheadings, target)
                if heading and len(target) > start:
                    crossheadings.append((target, start, heading))


def _dedupe(anns: list[Annotation], length: int) -> list[Annotation]:
    """One annotation per note text (the first), within the text, in text order."""
    seen: set[tuple[str, str]] = set()
    out = []
    for a in anns:
        if (a.kind, a.text) in seen:
            continue
        seen.add((a.kind, a.text))
        out.append(attrs.evolve(a, start=min(a.start, length), end=min(a.end, length)))
    return sorted(out, key=lambda a: (a.start, a.end))


def _commentaries(root: etree._Element) -> dict[str, _Commentary]:
    out = {}
    for com in root.iter(_q("Commentary")):
        cid = com.get("id")
        if cid:
            out[cid] = _Commentary(cid, com.get("Type") or "", clean("".join(com.itertext())))
    return out


def read(data: bytes, *, source: Source, version: str = "current", **options: Any) -> Document:
    """Read a legislation.gov.uk CLML file into a :class:`Document`.

    ``version="current"`` gives the revised text; ``version="enacted"`` the
    text as originally enacted where the amendment markup allows (see the
    module docstring for what cannot be recovered).

    >>> xml = (b'<Legislation xmlns="http://www.legislation.gov.uk/namespaces/legislation">'
    ...        b'<Primary><Body><P1group><Title>Offence</Title><P1><Pnumber>1</Pnumber>'
    ...        b'<P1para><Text>A person is guilty<Addition CommentaryRef="c1">, or'
    ...        b' reckless,</Addition> if</Text></P1para></P1></P1group></Body></Primary>'
    ...        b'<Commentaries><Commentary id="c1" Type="F"><Para><Text>Words inserted'
    ...        b' by 2006 c. 48</Text></Para></Commentary></Commentaries></Legislation>')
    >>> read(xml, source=Source(path="a.xml")).get("sec_1").text
    'A person is guilty, or reckless, if'
    >>> read(xml, source=Source(path="a.xml"), version="enacted").get("sec_1").text
    'A person is guilty if'
    """
    if options:
        raise TypeError(f"unexpected options for the clml reader: {sorted(options)}")
    if version not in VERSIONS:
        raise ValueError(f"version={version!r}: expected one of {VERSIONS}")
    name = source.path or "<bytes>"
    root = parse_xml(data, source=name, expected_root="Legislation", what=_WHAT)
    if etree.QName(root).namespace != NS:
        raise ParseError(
            f"root element <Legislation> is in namespace {etree.QName(root).namespace!r}",
            source=name,
            line=root.sourceline,
            expected=f"the CLML namespace {NS}",
        )
    reader = _Reader(_commentaries(root), version)

    meta: dict[str, str] = {"clml:version": version}
    md = root.find(f"{{{UKM}}}Metadata")
    title = ""
    language = None
    if md is not None:
        title = clean(md.findtext(f"{{{DC}}}title"))
        language = clean(md.findtext(f"{{{DC}}}language")) or None
        for key, tag in (
            ("identifier", f"{{{DC}}}identifier"),
            ("valid", f"{{{DCT}}}valid"),
            ("modified", f"{{{DC}}}modified"),
            ("description", f"{{{DC}}}description"),
        ):
            value = clean(md.findtext(tag))
            if value:
                meta[f"clml:{key}"] = value
        for tag, attr, key in (
            ("Year", "Value", "year"),
            ("Number", "Value", "number"),
            ("EnactmentDate", "Date", "enacted"),
        ):
            node = md.find(f".//{{{UKM}}}{tag}")
            if node is not None and node.get(attr):
                meta[f"clml:{key}"] = node.get(attr)
    if root.get("RestrictStartDate"):
        meta["clml:restrict_start_date"] = root.get("RestrictStartDate")

    provisions: list[Provision] = []
    prelims = root.find(f".//{_q('PrimaryPrelims')}")
    if prelims is not None:
        title = title or clean("".join(prelims.findtext(_q("Title")) or ""))
        number = prelims.find(_q("Number"))
        if number is not None:
            meta["clml:citation"] = clean("".join(number.itertext()))
        long_title = prelims.find(_q("LongTitle"))
        if long_title is not None:
            meta["long_title"] = clean("".join(long_title.itertext()))
        preamble = prelims.find(_q("PrimaryPreamble"))
        if preamble is not None:
            texts: list[str] = []
            anns: list[Annotation] = []
            for t in preamble.iter(_q("Text")):
                reader._add_text(t, texts, anns)
            if texts:
                provisions.append(
                    Provision(
                        kind="preamble",
                        text="\n".join(texts),
                        span=span_of(preamble),
                        annotations=tuple(anns),
                    )
                )
    body = root.find(f".//{_q('Body')}")
    if body is None:
        raise ParseError(
            "no <Body> element",
            source=name,
            line=root.sourceline,
            expected=f"{_WHAT} with <Primary><Body>",
        )
    crossheadings: list[tuple[list[Provision], int, str]] = []
    top: list[Provision] = []
    reader.block(body, crossheadings, top)
    # record the cross-heading against the provision object it heads
    heads: dict[int, str] = {}
    for lst, index, heading_text in crossheadings:
        obj = id(lst[index])
        heads[obj] = f"{heads[obj]} / {heading_text}" if obj in heads else heading_text
    offset = len(provisions)
    provisions.extend(top)
    for i, sched in enumerate(root.iter(_q("Schedule")), 1):
        number_el = sched.find(_q("Number"))
        title_el = sched.find(_q("TitleBlock"))
        label = reader.text_of(number_el)[0] if number_el is not None else None
        heading = None
        if title_el is not None:
            heading = clean(" ".join(reader.text_of(t)[0] for t in title_el.iter(_q("Title"))))
        inner: list[Provision] = []
        sb = sched.find(_q("ScheduleBody"))
        reader.block(sb if sb is not None else sched, crossheadings, inner)
        num = label.split()[-1] if label and len(label.split()) > 1 else (str(i) if label else None)
        provisions.append(
            Provision(
                kind="annex",
                number=num,
                label=label,
                heading=heading or None,
                children=tuple(inner),
                span=span_of(sched),
            )
        )

    if not title:
        title = "Untitled legislation"
    year, number = meta.get("clml:year"), meta.get("clml:number")
    source = attrs.evolve(
        source,
        symbol=source.symbol or (f"{year} c. {number}" if year and number else None),
        citation=source.citation or meta.get("clml:citation"),
        date=source.date
        or (meta.get("clml:enacted") if version == "enacted" else meta.get("clml:valid")),
    )
    doc = Document.build(
        title=title, provisions=provisions, language=language, source=source, metadata=meta
    )
    if heads:
        # Map the original objects (before eIds) to the built ones by position.
        extra = dict(doc.metadata)
        built_top = doc.provisions[offset : offset + len(top)]

        def visit(
            orig: list[Provision] | tuple[Provision, ...], built: tuple[Provision, ...]
        ) -> None:
            for o, b in zip(orig, built, strict=True):
                if id(o) in heads:
                    extra[f"heading_before:{b.eid}"] = heads[id(o)]
                if o.children:
                    visit(o.children, b.children)

        visit(top, built_top)
        doc = attrs.evolve(doc, metadata=extra)
    return doc
