"""Akoma Ntoso 3.0 import.

Two cases:

* **A treatydiff export** (it carries ``<proprietary><td:document>``, see
  :mod:`treatydiff.writers.akn`): everything is restored exactly -- kinds,
  numbers, labels, headings, text line by line, eIds, source lines,
  annotations, title, language, source and metadata -- so
  ``read(to_akn(doc)) == doc``.  The :class:`Source` is the one stored in the
  file (the document the export was made from), not the AKN file's path.
* **Any other AKN document** (Laws.Africa, Normattiva, legislation.gov.uk
  ``data.akn`` ...): hierarchical elements are mapped to kinds (article,
  section, chapter, part, title, paragraph/subsection, point/item ->
  subparagraph, or clause when inside another point), ``<num>`` gives the
  label, ``<heading>`` the heading, ``<intro>``/``<content>``/``<wrapUp>``
  paragraphs the text (white space collapsed), ``<preamble>`` the preamble
  and its recitals, ``<attachments>`` annexes.  eIds are assigned afresh
  (:meth:`Document.build`), like every other reader does.
"""

from __future__ import annotations

import re
from typing import Any

import attrs
from lxml import etree

from treatydiff.errors import ParseError
from treatydiff.model import (
    EID_PREFIXES,
    Annotation,
    Document,
    Provision,
    Removal,
    Source,
    SourceSpan,
)
from treatydiff.readers._xml import clean, local, parse_xml, span_of

__all__ = ["read"]

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
TD_NS = "urn:treatydiff:akn:1"
_T = f"{{{TD_NS}}}"
_WHAT = "an Akoma Ntoso 3.0 document"

#: AKN hierarchical element -> provision kind, for documents from elsewhere.
KIND_OF = {
    "part": "part",
    "subpart": "part",
    "book": "part",
    "tome": "part",
    "title": "title",
    "subtitle": "title",
    "chapter": "chapter",
    "subchapter": "chapter",
    "section": "section",
    "subsection": "paragraph",
    "division": "division",
    "subdivision": "division",
    "article": "article",
    "rule": "article",
    "paragraph": "paragraph",
    "subparagraph": "paragraph",
    "alinea": "paragraph",
    "point": "subparagraph",
    "item": "subparagraph",
    "indent": "subparagraph",
    "clause": "clause",
    "subclause": "clause",
    "level": "paragraph",
    "proviso": "paragraph",
    "transitional": "section",
    "hcontainer": "section",
}
#: Elements whose children are read as if they stood in the parent (AKN lists).
_TRANSPARENT = {"list", "sublist", "blockList"}
_TEXT_BLOCKS = {"intro", "content", "wrapUp"}
_NUMBER = re.compile(r"([0-9]+[A-Za-z]*(?:[.\-][0-9A-Za-z]+)*|[A-Za-z]{1,4})\W*$")


def _lines(el: etree._Element | None) -> str:
    """Our own export: one line per <p>, text kept exactly."""
    if el is None:
        return ""
    return "\n".join("".join(p.itertext()) for p in el if local(p) == "p")


def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


class _Ours:
    """Restore a treatydiff export exactly."""

    def __init__(self, notes: dict[str, list[Annotation]]) -> None:
        self.notes = notes

    def provision(self, el: etree._Element) -> Provision:
        children = tuple(
            self.provision(c)
            for c in el
            if isinstance(c.tag, str) and c.get(_T + "kind") is not None
        )
        num = el.find(f"{{{AKN_NS}}}num")
        heading = el.find(f"{{{AKN_NS}}}heading")
        text_el = el.find(f"{{{AKN_NS}}}content")
        if text_el is None:
            text_el = el.find(f"{{{AKN_NS}}}intro")
        if local(el) in ("recital", "preamble"):
            text = _lines(el)
        else:
            text = _lines(text_el)
        recitals = el.find(f"{{{AKN_NS}}}recitals")
        if recitals is not None:
            children = tuple(self.provision(r) for r in recitals if r.get(_T + "kind") is not None)
        start = _int(el.get(_T + "start"))
        span = None
        if start is not None:
            span = SourceSpan(start, _int(el.get(_T + "end")) or start, _int(el.get(_T + "page")))
        eid = el.get("eId") or ""
        return Provision(
            kind=el.get(_T + "kind"),
            number=el.get(_T + "number"),
            label="".join(num.itertext()) if num is not None else None,
            heading="".join(heading.itertext()) if heading is not None else None,
            text=text,
            children=children,
            eid=eid,
            span=span,
            annotations=tuple(self.notes.get(eid, ())),
        )


def _read_ours(act: etree._Element, td: etree._Element, name: str) -> Document:
    notes: dict[str, list[Annotation]] = {}
    for note in act.iter(f"{{{AKN_NS}}}note"):
        target = note.get(_T + "for")
        if target is None:
            continue
        notes.setdefault(target, []).append(
            Annotation(
                note.get(_T + "kind"),
                _lines(note),
                int(note.get(_T + "start")),
                int(note.get(_T + "end")),
            )
        )
    reader = _Ours(notes)
    provisions: list[Provision] = []
    preamble = act.find(f"{{{AKN_NS}}}preamble")
    if preamble is not None and preamble.get(_T + "kind") is not None:
        provisions.append(reader.provision(preamble))
    body = act.find(f"{{{AKN_NS}}}body")
    if body is None:
        raise ParseError(
            "no <body> element", source=name, line=act.sourceline, expected=f"{_WHAT} with a <body>"
        )
    for el in body:
        if isinstance(el.tag, str) and el.get(_T + "kind") is not None:
            provisions.append(reader.provision(el))
    src = td.find(_T + "source")
    source = Source(
        **(
            {k: src.get(k) for k in ("path", "format", "symbol", "citation", "date", "encoding")}
            if src is not None
            else {}
        )
    )
    metadata = [(m.get("key"), m.text or "") for m in td.iter(_T + "meta")]
    removed = [
        Removal(int(r.get("line")), r.text or "", r.get("reason")) for r in td.iter(_T + "removed")
    ]
    return Document(
        title=td.get("title", ""),
        provisions=tuple(provisions),
        language=td.get("language"),
        source=source,
        metadata=metadata,
        removed=tuple(removed),
    )


# -- documents from elsewhere ---------------------------------------------------


def _text(el: etree._Element) -> str:
    return clean("".join(el.itertext()))


def _number(label: str | None) -> str | None:
    if not label:
        return None
    m = _NUMBER.search(label.strip())
    return m.group(1).strip(".") if m else None


class _Foreign:
    def blocks(self, el: etree._Element) -> list[str]:
        out = []
        for child in el:
            name = local(child)
            if name in ("num", "heading", "subheading") or not name:
                continue
            if name in KIND_OF or name in _TRANSPARENT:
                continue
            if name in ("p", "blockContainer", "block", "tblock", "container"):
                t = _text(child)
                if t:
                    out.append(t)
            elif name in _TEXT_BLOCKS:
                out.extend(self.blocks(child))
            else:
                t = _text(child)
                if t:
                    out.append(t)
        return out

    def children(self, el: etree._Element, kind: str | None) -> list[Provision]:
        out = []
        for child in el:
            name = local(child)
            if name in _TRANSPARENT:
                out.extend(self.children(child, kind))
                intro = child.find(f"{{{AKN_NS}}}intro")
                if intro is not None:
                    pass  # list intros are read as the parent's text
            elif name in KIND_OF:
                out.append(self.provision(child, kind))
        return out

    def provision(self, el: etree._Element, parent_kind: str | None) -> Provision:
        name = local(el)
        kind = KIND_OF[name]
        if name == "hcontainer" and el.get("name") in EID_PREFIXES:
            kind = el.get("name")
        if kind == "subparagraph" and parent_kind in ("subparagraph", "clause"):
            kind = "clause"
        num = el.find(f"{{{AKN_NS}}}num")
        heading = el.find(f"{{{AKN_NS}}}heading")
        label = _text(num) if num is not None else None
        texts = self.blocks(el)
        for lst in el:
            if local(lst) in _TRANSPARENT:
                intro = lst.find(f"{{{AKN_NS}}}intro")
                if intro is not None:
                    texts.extend(self.blocks(intro))
        return Provision(
            kind=kind,
            number=_number(label),
            label=label or None,
            heading=(_text(heading) or None) if heading is not None else None,
            text="\n".join(texts),
            children=tuple(self.children(el, kind)),
            span=span_of(el),
        )

    def preamble(self, el: etree._Element) -> Provision:
        texts: list[str] = []
        recitals: list[Provision] = []
        for child in el.iter():
            name = local(child)
            if name == "recital":
                num = child.find(f"{{{AKN_NS}}}num")
                label = _text(num) if num is not None else None
                recitals.append(
                    Provision(
                        kind="recital",
                        number=_number(label),
                        label=label or None,
                        text="\n".join(self.blocks(child)),
                        span=span_of(child),
                    )
                )
            elif name == "p" and not any(local(a) == "recital" for a in child.iterancestors()):
                if _text(child):
                    texts.append(_text(child))
        return Provision(
            kind="preamble", text="\n".join(texts), children=tuple(recitals), span=span_of(el)
        )


def _read_foreign(act: etree._Element, source: Source, name: str) -> Document:
    reader = _Foreign()
    provisions: list[Provision] = []
    preamble = act.find(f"{{{AKN_NS}}}preamble")
    if preamble is not None:
        provisions.append(reader.preamble(preamble))
    body = act.find(f"{{{AKN_NS}}}body")
    if body is None:
        body = act.find(f"{{{AKN_NS}}}mainBody")
    if body is None:
        raise ParseError(
            "no <body> or <mainBody> element",
            source=name,
            line=act.sourceline,
            expected=f"{_WHAT} with a <body>",
        )
    provisions.extend(reader.children(body, None))
    attachments = act.find(f"{{{AKN_NS}}}attachments")
    if attachments is not None:
        for i, att in enumerate(attachments, 1):
            doc = next((c for c in att if isinstance(c.tag, str)), None) if len(att) else None
            if doc is None:
                continue
            inner = doc.find(f"{{{AKN_NS}}}mainBody")
            if inner is None:
                inner = doc.find(f"{{{AKN_NS}}}body")
            heading = att.find(f"{{{AKN_NS}}}heading")
            title = doc.find(f".//{{{AKN_NS}}}docTitle")
            provisions.append(
                Provision(
                    kind="annex",
                    number=str(i),
                    heading=_text(heading)
                    if heading is not None
                    else (_text(title) if title is not None else None),
                    text="\n".join(reader.blocks(inner)) if inner is not None else "",
                    children=tuple(reader.children(inner, "annex")) if inner is not None else (),
                    span=span_of(att),
                )
            )
    title_el = act.find(f".//{{{AKN_NS}}}docTitle")
    title = _text(title_el) if title_el is not None else ""
    if not title:
        frbr = act.find(f".//{{{AKN_NS}}}FRBRWork/{{{AKN_NS}}}FRBRname")
        title = frbr.get("value", "") if frbr is not None else ""
    lang_el = act.find(f".//{{{AKN_NS}}}FRBRExpression/{{{AKN_NS}}}FRBRlanguage")
    language = lang_el.get("language") if lang_el is not None else None
    metadata: dict[str, str] = {"akn:document_type": local(act)}
    this = act.find(f".//{{{AKN_NS}}}FRBRExpression/{{{AKN_NS}}}FRBRthis")
    if this is not None and this.get("value"):
        metadata["akn:expression"] = this.get("value")
    return Document.build(
        title=title or "Untitled",
        provisions=provisions,
        language=language,
        source=source,
        metadata=metadata,
    )


def read(data: bytes, *, source: Source, **options: Any) -> Document:
    """Read an Akoma Ntoso 3.0 document; treatydiff exports come back exactly.

    >>> from treatydiff.model import Document, Provision
    >>> from treatydiff.writers.akn import to_akn
    >>> doc = Document.build(title="Demo", provisions=[
    ...     Provision(kind="article", number="1", label="Article 1", text="Scope.")])
    >>> read(to_akn(doc), source=Source(path="demo.akn.xml")) == doc
    True
    """
    if options:
        raise TypeError(f"unexpected options for the akn reader: {sorted(options)}")
    name = source.path or "<bytes>"
    root = parse_xml(data, source=name, expected_root="akomaNtoso", what=_WHAT)
    if etree.QName(root).namespace != AKN_NS:
        raise ParseError(
            f"root element <akomaNtoso> is in namespace {etree.QName(root).namespace!r}",
            source=name,
            line=root.sourceline,
            expected=f"the Akoma Ntoso 3.0 namespace {AKN_NS}",
        )
    act = next((c for c in root if isinstance(c.tag, str)), None)
    if act is None:
        raise ParseError(
            "<akomaNtoso> is empty",
            source=name,
            line=root.sourceline,
            expected="a document element such as <act> or <bill>",
        )
    td = act.find(f"{{{AKN_NS}}}meta/{{{AKN_NS}}}proprietary/{_T}document")
    try:
        if td is not None:
            return _read_ours(act, td, name)
        return _read_foreign(act, attrs.evolve(source, format=source.format or "akn"), name)
    except (TypeError, ValueError) as exc:
        if isinstance(exc, ParseError):
            raise
        raise ParseError(
            f"malformed treatydiff extension data: {exc}",
            source=name,
            expected="an export written by treatydiff.writers.akn",
        ) from None
