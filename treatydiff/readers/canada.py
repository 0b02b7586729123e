"""Justice Canada consolidated-law XML (the LIMS schema of laws-lois.justice.gc.ca).

Structure read::

    <Statute xml:lang="en">            (also <Regulation>, <Bill>)
      <Identification> LongTitle, ShortTitle, Chapter/ConsolidatedNumber
      <Introduction><Enacts>            -> preamble (the enacting formula)
      <Body>
        <Heading level="1"><Label>PART I</Label><TitleText>...   -> part
        <Heading level="2"><TitleText>Search and Seizure        -> cross-heading
        <Section><MarginalNote>heading</MarginalNote><Label>2</Label><Text>...
          <Subsection>   -> paragraph      "(1)"
          <Paragraph>    -> subparagraph   "(a)"
          <Subparagraph> -> clause         "(i)"
          <Clause>, <Subclause> -> clause
          <Definition>   -> definition (number = the defined term)
      <Schedule>                        -> annex

Choices a user should know:

* **Amendments not in force.**  Justice Canada appends the text of amending
  provisions that are not yet in force (and "related provisions" of amending
  Acts) as schedules whose heading has ``type="amending"``.  They are *not*
  the law in force, so by default they are kept out of :attr:`Document.provisions`
  and recorded in the metadata under ``canada:amending_schedule:<title>`` as
  plain text.  ``amending="annex"`` keeps them as annexes whose heading is the
  schedule's own title (e.g. "AMENDMENTS NOT IN FORCE"); ``amending="drop"``
  discards them.
* **Cross-headings.**  Unlabelled ``<Heading>`` elements ("Interpretation",
  "Duties") group sections without numbering them; making them containers
  would change every section's address when a heading is added.  They are
  recorded in metadata as ``heading_before:<eid of the first section under it>``.
  Headings with a label ("PART I") become ``part`` containers.
* **Notes.**  ``<HistoricalNote>`` ("2011, c. 4, s. 1; 2024, c. 23, s. 12")
  becomes a ``note`` annotation and ``<Footnote>`` a ``footnote`` annotation;
  neither is part of the provision's text.
* **Lines.**  Spans come from the XML's line numbers; the published files put
  a whole Act on one or two lines, so spans are coarse there.
"""

from __future__ import annotations

import re
from typing import Any

import attrs
from lxml import etree

from treatydiff.errors import ParseError
from treatydiff.model import Annotation, Document, Provision, Source
from treatydiff.readers._xml import clean, local, parse_xml, span_of

__all__ = ["read"]

ROOTS = ("Statute", "Regulation", "Bill")
_WHAT = "a Justice Canada LIMS statute or regulation"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: LIMS element -> provision kind (the national levels mapped onto the model's).
KIND_OF = {
    "Section": "section",
    "Subsection": "paragraph",
    "Paragraph": "subparagraph",
    "Subparagraph": "clause",
    "Clause": "clause",
    "Subclause": "clause",
    "Subsubclause": "clause",
    "Definition": "definition",
}

AMENDING_CHOICES = ("metadata", "annex", "drop")

#: Inline elements whose text is not part of the provision's wording.
_SKIP_INLINE = {"FootnoteRef", "HistoricalNote", "Footnote", "MarginalNote", "Label"}


def _inline(el: etree._Element) -> str:
    """Text of an inline run, without footnote references."""
    parts: list[str] = []

    def rec(node: etree._Element) -> None:
        if node is not el and local(node) in ("FootnoteRef",):
            if node.tail:
                parts.append(node.tail)
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            rec(child)
        if node is not el and node.tail:
            parts.append(node.tail)

    rec(el)
    return clean("".join(parts))


def _label(el: etree._Element) -> str | None:
    lab = el.find("Label")
    if lab is None:
        return None
    return _inline(lab) or None


def _number(label: str | None) -> str | None:
    if not label:
        return None
    return label.strip().strip("()").strip() or None


def _notes(el: etree._Element) -> list[tuple[str, str]]:
    """(kind, text) of the footnotes and historical notes directly under ``el``."""
    out = []
    for child in el:
        name = local(child)
        if name == "HistoricalNote":
            items = [clean("".join(i.itertext())) for i in child.iter("HistoricalNoteSubItem")]
            text = "; ".join(i for i in items if i) or clean("".join(child.itertext()))
            if text:
                out.append(("note", text))
        elif name == "Footnote":
            lab = _label(child)
            texts = [_inline(t) for t in child.findall("Text")]
            text = " ".join(t for t in texts if t)
            out.append(("footnote", f"{lab} {text}".strip() if lab else text))
    return out


class _Reader:
    def __init__(self, source: Source, language: str | None) -> None:
        self.source = source
        self.language = language

    def defined_term(self, el: etree._Element) -> str | None:
        text = el.find("Text")
        if text is None:
            return None
        pref = (
            ("DefinedTermFr", "DefinedTermEn")
            if self.language == "fr"
            else ("DefinedTermEn", "DefinedTermFr")
        )
        for tag in pref:
            term = text.find(tag)
            if term is not None and _inline(term):
                return _inline(term)
        return None

    def provision(self, el: etree._Element) -> Provision:
        name = local(el)
        kind = KIND_OF[name]
        label = _label(el)
        number = _number(label)
        if kind == "definition":
            number = self.defined_term(el)
            label = None
        heading = None
        note = el.find("MarginalNote")
        if note is not None:
            heading = _inline(note) or None
        texts: list[str] = []
        children: list[Provision] = []
        for child in el:
            cname = local(child)
            if cname == "Text":
                t = _inline(child)
                if t:
                    texts.append(t)
            elif cname == "ContinuedSectionSubsection" or cname.startswith("Continued"):
                # Words after the points ("On being filed, the order ...") are
                # the parent's own text, printed after its children.
                for t in child.iter("Text"):
                    if _inline(t):
                        texts.append(_inline(t))
            elif cname in KIND_OF:
                children.append(self.provision(child))
            elif cname in ("Definition",):
                children.append(self.provision(child))
        text = "\n".join(texts)
        annotations = [Annotation(kind, value, len(text), len(text)) for kind, value in _notes(el)]
        return Provision(
            kind=kind,
            number=number,
            label=label,
            heading=heading,
            text=text,
            children=tuple(children),
            span=span_of(el),
            annotations=tuple(annotations),
        )

    def heading(self, el: etree._Element) -> tuple[str | None, str]:
        label = _label(el)
        title = " ".join(_inline(t) for t in el.findall("TitleText") if _inline(t))
        return label, title

    def body(
        self, body: etree._Element
    ) -> tuple[list[Provision], list[tuple[tuple[int, ...], str]]]:
        """Top-level provisions and cross-headings as (index in the flat list, text)."""
        top: list[Provision] = []
        # Part containers collect sections until the next labelled heading of
        # the same or a higher level.
        part: dict[str, Any] | None = None
        pending: list[str] = []
        crossheadings: list[tuple[tuple[int, ...], str]] = []

        def target() -> list[Provision]:
            return part["children"] if part is not None else top

        def close_part() -> None:
            nonlocal part
            if part is not None:
                top.append(
                    Provision(
                        kind="part",
                        number=part["number"],
                        label=part["label"],
                        heading=part["heading"],
                        children=tuple(part["children"]),
                        span=part["span"],
                    )
                )
                part = None

        for child in body:
            name = local(child)
            if name == "Heading":
                label, title = self.heading(child)
                if label:
                    close_part()
                    _, _, num = label.partition(" ")
                    part = {
                        "number": num.strip() or label,
                        "label": label,
                        "heading": title or None,
                        "children": [],
                        "span": span_of(child),
                    }
                elif title:
                    pending.append(title)
            elif name in KIND_OF:
                prov = self.provision(child)
                if pending:
                    where = (len(top), len(part["children"])) if part is not None else (len(top),)
                    crossheadings.append((where, " / ".join(pending)))
                    pending = []
                target().append(prov)
        close_part()
        return top, crossheadings

    def schedule_annex(self, sched: etree._Element, number: str | None) -> Provision:
        head = sched.find("ScheduleFormHeading")
        label = title = None
        if head is not None:
            label = _label(head)
            title = " ".join(_inline(t) for t in head.findall("TitleText") if _inline(t)) or None
        texts: list[str] = []
        children: list[Provision] = []
        for node in sched.iter():
            name = local(node)
            if name in KIND_OF and not any(local(a) in KIND_OF for a in node.iterancestors()):
                children.append(self.provision(node))
            elif name == "Provision" and not any(local(a) in KIND_OF for a in node.iterancestors()):
                t = " ".join(_inline(x) for x in node.findall("Text") if _inline(x))
                if t:
                    texts.append(t)
            elif (
                name == "Heading"
                and node.getparent() is not None
                and local(node.getparent()) == "RelatedOrNotInForce"
            ):
                t = " ".join(_inline(x) for x in node.findall("TitleText") if _inline(x))
                if t:
                    texts.append(t)
        annotations = [Annotation(k, v, 0, 0) for k, v in _notes(sched)]
        return Provision(
            kind="annex",
            number=number,
            label=label,
            heading=title,
            text="\n".join(texts),
            children=tuple(children),
            span=span_of(sched),
            annotations=tuple(annotations),
        )


def _is_amending(sched: etree._Element) -> bool:
    head = sched.find("ScheduleFormHeading")
    return head is not None and head.get("type") == "amending"


def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", text.lower()).strip("_") or "schedule"


def read(data: bytes, *, source: Source, amending: str = "metadata", **options: Any) -> Document:
    """Read a Justice Canada XML statute into a :class:`Document`.

    ``amending`` says what to do with schedules of amending text (amendments
    not in force, related provisions): ``"metadata"`` (default), ``"annex"``
    or ``"drop"``; see the module docstring.

    >>> xml = (b'<Statute xml:lang="en"><Identification><ShortTitle>Demo Act'
    ...        b'</ShortTitle></Identification><Body><Section><MarginalNote>Offence'
    ...        b'</MarginalNote><Label>1</Label><Text>No person shall.</Text>'
    ...        b'</Section></Body></Statute>')
    >>> doc = read(xml, source=Source(path="demo.xml"))
    >>> doc.get("sec_1").heading
    'Offence'
    """
    if options:
        raise TypeError(f"unexpected options for the canada reader: {sorted(options)}")
    if amending not in AMENDING_CHOICES:
        raise ValueError(f"amending={amending!r}: expected one of {AMENDING_CHOICES}")
    name = source.path or "<bytes>"
    root = parse_xml(data, source=name, expected_root=ROOTS, what=_WHAT)
    lang = root.get(_XML_LANG)
    language = lang.split("-")[0].lower() if lang else None
    reader = _Reader(source, language)

    ident = root.find("Identification")
    title = ""
    metadata: dict[str, str] = {}
    if ident is not None:
        for tag in ("ShortTitle", "LongTitle"):
            el = ident.find(tag)
            if el is not None and _inline(el):
                title = title or _inline(el)
        long_title = ident.find("LongTitle")
        if long_title is not None and _inline(long_title):
            metadata["long_title"] = _inline(long_title)
        chapter = ident.find("Chapter")
        if chapter is not None:
            cons = chapter.findtext("ConsolidatedNumber")
            if cons:
                metadata["consolidated_number"] = clean(cons)
            ann = chapter.find("AnnualStatuteId")
            if ann is not None and ann.findtext("YYYY") and ann.findtext("AnnualStatuteNumber"):
                metadata["citation"] = (
                    f"S.C. {clean(ann.findtext('YYYY'))}, c. "
                    f"{clean(ann.findtext('AnnualStatuteNumber'))}"
                )
    for attr in ("pit-date", "current-date", "lastAmendedDate", "inforce-start-date"):
        value = root.get(f"{{http://justice.gc.ca/lims}}{attr}")
        if value:
            metadata[f"canada:{attr}"] = value

    provisions: list[Provision] = []
    intro = root.find("Introduction")
    if intro is not None:
        texts = [_inline(t) for t in intro.iter("Text") if _inline(t)]
        if texts:
            provisions.append(
                Provision(kind="preamble", text="\n".join(texts), span=span_of(intro))
            )
    body = root.find("Body")
    if body is None:
        raise ParseError(
            "no <Body> element",
            source=name,
            line=root.sourceline,
            expected=f"{_WHAT} with a <Body>",
        )
    offset = len(provisions)
    top, crossheadings = reader.body(body)
    provisions.extend(top)

    annexes: list[Provision] = []
    amending_texts: list[tuple[str, str]] = []
    schedules = [
        s
        for s in root.iter("Schedule")
        if not any(local(a) == "Schedule" for a in s.iterancestors())
    ]
    for sched in schedules:
        if _is_amending(sched):
            if amending == "drop":
                continue
            annex = reader.schedule_annex(sched, None)
            if amending == "metadata":
                amending_texts.append((annex.heading or "schedule", annex.full_text()))
                continue
            annexes.append(annex)
        else:
            annexes.append(reader.schedule_annex(sched, None))
    # Annexes are numbered in order when the schedules carry no number of their own.
    if len(annexes) > 1:
        annexes = [
            a if a.number else attrs.evolve(a, number=str(i)) for i, a in enumerate(annexes, 1)
        ]
    provisions.extend(annexes)
    for heading, text in amending_texts:
        metadata[f"canada:amending_schedule:{_slug(heading)}"] = text

    source = attrs.evolve(
        source,
        symbol=source.symbol or metadata.get("consolidated_number"),
        citation=source.citation or metadata.get("citation"),
        date=source.date or metadata.get("canada:pit-date"),
    )
    doc = Document.build(
        title=title or metadata.get("consolidated_number", "") or "Untitled statute",
        provisions=provisions,
        language=language,
        source=source,
        metadata=metadata,
    )
    # Cross-headings are recorded against the eId of the first provision they head.
    if crossheadings:
        extra = dict(doc.metadata)
        for where, text in crossheadings:
            node = doc.provisions[offset + where[0]]
            if len(where) > 1:
                node = node.children[where[1]]
            key = f"heading_before:{node.eid}"
            extra[key] = f"{extra[key]} / {text}" if key in extra else text
        doc = attrs.evolve(doc, metadata=extra)
    return doc
