"""Akoma Ntoso 3.0 export: any :class:`Document` as an AKN ``<act>``.

The export is valid against the OASIS Akoma Ntoso 3.0 schema (vendored in
``treatydiff/writers/schemas``; :func:`validate` checks offline) and loses
nothing: :func:`treatydiff.readers.akn.read` gives back a document equal to
the one exported (``read(to_akn(doc)) == doc``, spans, annotations, source
and metadata included).

Mapping::

    part, title, chapter, section,     -> <part>, <title>, <chapter>, <section>,
    article, paragraph                    <article>, <paragraph>
    subparagraph "(a)", clause "(i)"   -> <point>
    preamble with recitals (first)     -> <preamble> <p>... <recitals><recital>
    any other kind (definition, annex, -> <hcontainer name="annex"> ...
      note, a preamble elsewhere)
    label -> <num>, heading -> <heading>,
    own text -> <content><p> per line, or <intro><p> when it has children
    annotations -> <meta><notes><note td:for="eId"> (not in the text)
    title -> <preface><p><docTitle>, also FRBRname

What AKN has no slot for is kept in attributes and elements of the
namespace :data:`TD_NS`, which the schema allows anywhere (``td:kind``,
``td:number``, ``td:start``/``td:end``/``td:page`` for the source lines, and
``<proprietary><td:document>`` for the source, metadata and removed text).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from lxml import etree

from treatydiff.errors import RenderError
from treatydiff.model import Annotation, Document, Provision, assign_eids

__all__ = ["AKN_NS", "TD_NS", "assert_valid", "schema", "to_akn", "validate"]

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#: Namespace of treatydiff's extension attributes and proprietary metadata.
TD_NS = "urn:treatydiff:akn:1"

_A = f"{{{AKN_NS}}}"
_T = f"{{{TD_NS}}}"

#: Provision kind -> AKN hierarchical element; other kinds become <hcontainer name=kind>.
ELEMENT_OF = {
    "part": "part",
    "title": "title",
    "chapter": "chapter",
    "division": "division",
    "section": "section",
    "article": "article",
    "paragraph": "paragraph",
    "subparagraph": "point",
    "clause": "point",
}

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _check_text(value: str, where: str) -> str:
    m = _XML_ILLEGAL.search(value)
    if m:
        raise RenderError(
            f"{where} holds the control character U+{ord(m.group()):04X}, which XML cannot carry",
            expected="text without control characters",
        )
    return value


def _sub(parent: etree._Element, _tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, _A + _tag, attrs)


def _lines(parent: etree._Element, text: str, where: str) -> None:
    """One <p> per line; always at least one, so "" survives as one empty <p>."""
    for line in _check_text(text, where).split("\n"):
        p = _sub(parent, "p")
        if line:
            p.text = line


def _set_td(el: etree._Element, node: Provision) -> None:
    el.set(_T + "kind", node.kind)
    if node.number is not None:
        el.set(_T + "number", _check_text(node.number, f"number of {node.eid}"))
    if node.span is not None:
        el.set(_T + "start", str(node.span.start_line))
        el.set(_T + "end", str(node.span.end_line))
        if node.span.page is not None:
            el.set(_T + "page", str(node.span.page))


def _num_heading(el: etree._Element, node: Provision) -> None:
    if node.label is not None:
        _sub(el, "num").text = _check_text(node.label, f"label of {node.eid}") or None
    if node.heading is not None:
        _sub(el, "heading").text = _check_text(node.heading, f"heading of {node.eid}") or None


def _provision(parent: etree._Element, node: Provision) -> None:
    tag = ELEMENT_OF.get(node.kind, "hcontainer")
    el = _sub(parent, tag, eId=node.eid)
    if tag == "hcontainer":
        el.set("name", node.kind)
    _set_td(el, node)
    _num_heading(el, node)
    if node.children:
        if node.text:
            _lines(_sub(el, "intro"), node.text, f"text of {node.eid}")
        for child in node.children:
            _provision(el, child)
    else:
        _lines(_sub(el, "content"), node.text, f"text of {node.eid}")


def _preamble_fits(node: Provision) -> bool:
    """Can this provision be AKN's own <preamble> (text lines and plain recitals)?"""
    if node.kind != "preamble" or node.number is not None or node.label is not None:
        return False
    if node.heading is not None or (not node.text and not node.children):
        return False
    return all(c.kind == "recital" and not c.children for c in node.children)


def _preamble(act: etree._Element, node: Provision) -> None:
    el = _sub(act, "preamble", eId=node.eid)
    _set_td(el, node)
    if node.text:
        _lines(el, node.text, f"text of {node.eid}")
    if node.children:
        recitals = _sub(el, "recitals", eId=f"{node.eid}__recitals")
        for child in node.children:
            rec = _sub(recitals, "recital", eId=child.eid)
            _set_td(rec, child)
            _num_heading(rec, child)
            _lines(rec, child.text, f"text of {child.eid}")


def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-")[:60] or "document"


def _meta(act: etree._Element, doc: Document, notes: list[tuple[str, int, Annotation]]) -> None:
    meta = _sub(act, "meta")
    ident = _sub(meta, "identification", source="#treatydiff")
    date = doc.source.date if doc.source.date and _ISO_DATE.match(doc.source.date) else None
    slug = _slug(doc.source.symbol or doc.title)
    language = doc.language or "und"
    work = f"/akn/xx/act/{slug}"
    expr = f"{work}/{_slug(language)}"
    for level, this, uri in (
        ("FRBRWork", f"{work}/main", work),
        ("FRBRExpression", f"{expr}/main", expr),
        ("FRBRManifestation", f"{expr}/main.xml", f"{expr}.akn"),
    ):
        frbr = _sub(ident, level)
        _sub(frbr, "FRBRthis", value=this)
        _sub(frbr, "FRBRuri", value=uri)
        _sub(frbr, "FRBRdate", date=date or "1970-01-01", name="source" if date else "unknown")
        _sub(frbr, "FRBRauthor", href="#treatydiff")
        if level == "FRBRWork":
            _sub(frbr, "FRBRcountry", value="xx")
            if doc.title:
                _sub(frbr, "FRBRname", value=_check_text(doc.title, "the title"))
        elif level == "FRBRExpression":
            # RFC 4646 wants a language tag; an unknown one is "und".
            tag = (
                language if re.fullmatch(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*", language) else "und"
            )
            _sub(frbr, "FRBRlanguage", language=tag)
    refs = _sub(meta, "references", source="#treatydiff")
    _sub(
        refs,
        "TLCOrganization",
        eId="treatydiff",
        href="/ontology/organization/treatydiff",
        showAs="treatydiff",
    )
    if notes:
        box = _sub(meta, "notes", source="#treatydiff")
        for eid, i, ann in notes:
            note = _sub(box, "note", eId=f"{eid}__tdnote_{i}")
            note.set(_T + "for", eid)
            note.set(_T + "kind", ann.kind)
            note.set(_T + "start", str(ann.start))
            note.set(_T + "end", str(ann.end))
            _lines(note, ann.text, f"annotation {i} of {eid}")
    prop = _sub(meta, "proprietary", source="#treatydiff")
    td = etree.SubElement(prop, _T + "document")
    td.set("title", _check_text(doc.title, "the title"))
    if doc.language is not None:
        td.set("language", doc.language)
    src = etree.SubElement(td, _T + "source")
    for key in ("path", "format", "symbol", "citation", "date", "encoding"):
        value = getattr(doc.source, key)
        if value is not None:
            src.set(key, _check_text(value, f"source {key}"))
    for key, value in doc.metadata:
        item = etree.SubElement(td, _T + "meta", key=_check_text(key, "a metadata key"))
        item.text = _check_text(value, f"metadata {key!r}")
    for removal in doc.removed:
        item = etree.SubElement(
            td,
            _T + "removed",
            line=str(removal.line),
            reason=_check_text(removal.reason, "a removal reason"),
        )
        item.text = _check_text(removal.text, "removed text")


def to_akn(doc: Document, *, pretty: bool = False) -> bytes:
    """Export ``doc`` as an Akoma Ntoso 3.0 ``<act>`` (UTF-8 bytes).

    Provisions without an eId get one (as :meth:`Document.build` would);
    duplicate eIds are refused because AKN requires them unique.

    >>> from treatydiff.model import Document, Provision
    >>> doc = Document.build(title="Demo", provisions=[
    ...     Provision(kind="article", number="1", label="Article 1", text="Scope.")])
    >>> xml = to_akn(doc)
    >>> validate(xml)
    []
    >>> b'<article eId="art_1"' in xml
    True
    """
    provisions = doc.provisions
    if any(not p.eid for p in doc.walk()):
        provisions = assign_eids(provisions)
    seen: set[str] = set()
    for node in (n for top in provisions for n in top.walk()):
        if node.eid in seen:
            raise RenderError(
                f"eId {node.eid!r} is used twice",
                address=node.eid,
                expected="unique eIds (Document.build assigns them)",
            )
        if re.search(r"\s", node.eid):
            raise RenderError(
                f"eId {node.eid!r} contains white space",
                address=node.eid,
                expected="an eId without spaces",
            )
        seen.add(node.eid)

    root = etree.Element(_A + "akomaNtoso", nsmap={None: AKN_NS, "td": TD_NS})
    act = _sub(root, "act", name="act")
    notes: list[tuple[str, int, Annotation]] = []
    for top in provisions:
        for node in top.walk():
            for i, ann in enumerate(node.annotations):
                notes.append((node.eid, i, ann))
    _meta(act, doc, notes)
    if doc.title:
        preface = _sub(act, "preface")
        _sub(_sub(preface, "p"), "docTitle").text = doc.title
    rest = list(provisions)
    if rest and _preamble_fits(rest[0]):
        _preamble(act, rest.pop(0))
    body = _sub(act, "body")
    for node in rest:
        _provision(body, node)
    if not rest:
        # AKN requires a body with at least one element; the reader skips this one.
        empty = _sub(body, "hcontainer", eId="td_empty", name="empty")
        empty.set(_T + "placeholder", "1")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=pretty)


# -- validation ---------------------------------------------------------------


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    """The OASIS Akoma Ntoso 3.0 schema, loaded from the package, offline."""
    path = resources.files("treatydiff.writers") / "schemas" / "akomantoso30.xsd"
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    with resources.as_file(path) as p:
        # Parsing from the file path keeps the base URL, so ./xml.xsd resolves locally.
        return etree.XMLSchema(etree.parse(str(p), parser))


def validate(xml: bytes | etree._Element) -> list[str]:
    """Schema errors of an AKN document ("line N: message"); [] when valid."""
    if isinstance(xml, bytes):
        parser = etree.XMLParser(
            no_network=True, resolve_entities=False, load_dtd=False, huge_tree=False
        )
        xml = etree.fromstring(xml, parser)
    s = schema()
    if s.validate(xml):
        return []
    return [f"line {e.line}: {e.message}" for e in s.error_log]


def assert_valid(xml: bytes | etree._Element) -> None:
    """Raise :class:`~treatydiff.errors.RenderError` listing the schema errors, if any."""
    errors = validate(xml)
    if errors:
        raise RenderError(
            f"Akoma Ntoso output does not validate: {'; '.join(errors[:5])}",
            expected="a document valid against akomantoso30.xsd",
        )
