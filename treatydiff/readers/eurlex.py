"""EUR-Lex XHTML of acts published in the Official Journal (the "OJ" layout).

Structure read (ELI-annotated HTML as served by EUR-Lex since 2023)::

    div.eli-main-title  p.oj-doc-ti ...                         -> title
    div#pbl_1 (preamble)
      p.oj-normal, div#cit_N (citations)                     -> preamble text
      div#rct_N  table: "(N)" | text                         -> recital N
    div#enc_1 (enacting terms)
      div#prt_X / #tis_X / #cpt_X / #cpt_X.sct_N            -> part / title / chapter / section
        p.oj-ti-section-1 "CHAPTER I", div.eli-title         -> label, heading
      div#art_N  p.oj-ti-art "Article N", p.oj-sti-art        -> article, heading
        div#NNN.MMM  p.oj-normal "1.   text"                 -> paragraph 1
        table: "(a)" | text (nested tables: "(i)")           -> points
    div#fnp_1 (final formula, signatures)                    -> metadata
    p.oj-note (footnotes; refs a[href^="#ntr"] in the text)  -> footnote annotations
    div#anx_X  p.oj-doc-ti "ANNEX I", title, content          -> annex

Points are laid out as one-row tables whose first non-empty cell holds the
label.  Text quoted by amending articles (divs inside an article that are not
its own numbered paragraphs) stays quoted text of the article.  Sub-headings
inside annexes (``p.oj-ti-grseq-1``, "Section A — ...") become ``section``
children of the annex.
"""

from __future__ import annotations

import re
from typing import Any

import attrs
from lxml import etree

from treatydiff.errors import ParseError
from treatydiff.model import Annotation, Document, Provision, Source
from treatydiff.readers._xml import InlineText, clean, normalise, parse_html, span_of

__all__ = ["read"]

_WHAT = "an EUR-Lex XHTML act (div.eli-subdivision)"
_PARA_ID = re.compile(r"^\d{3}\.\d{3}$")
_PARA_NUM = re.compile(r"^\s*(\d+[a-z]*)\.\s+")
_POINT_LABEL = re.compile(
    r"^(?:\(([0-9]+[a-z]*|[a-z]{1,3})\)|([0-9]+[a-z]*(?:\.[0-9]+)*)\.?|([a-z])\)|[—–\-•])$"
)
_CONTAINER = re.compile(r"(?:^|\.)(prt|tis|cpt|sct)_([^.]+)$")
_CONTAINER_KIND = {"prt": "part", "tis": "title", "cpt": "chapter", "sct": "division"}
_LABEL_WORD = re.compile(r"^\s*(?:PART|TITLE|CHAPTER|SECTION|Article|ANNEX)\s+(\S+)", re.I)
_GRSEQ = re.compile(
    r"^(?:(?:Section|Part)\s+([A-Z0-9]+)\b\s*[.:—–-]?\s*|([A-Z0-9]{1,3})\.\s+)(.*)$"
)

#: Kind of a point under a parent of the given kind.
_POINT_KIND = {
    "article": "subparagraph",
    "paragraph": "subparagraph",
    "subparagraph": "clause",
    "clause": "clause",
    "annex": "paragraph",
    "section": "paragraph",
    "division": "paragraph",
    "definition": "subparagraph",
}


def _classes(el: etree._Element) -> set[str]:
    return set((el.get("class") or "").split())


def _is_tag(el: Any, *names: str) -> bool:
    return isinstance(el.tag, str) and el.tag in names


class _Reader:
    def __init__(self, notes: dict[str, str]) -> None:
        self.notes = notes

    # -- text ----------------------------------------------------------------------
    def inline(self, el: etree._Element, acc: InlineText, top: bool = True) -> None:
        if not top and el.tag == "a" and (el.get("href") or "").startswith("#ntr"):
            note = self.notes.get(el.get("href")[1:])
            acc.note("footnote", note or clean(el.text_content()))
        elif not top and el.tag == "br":
            acc.add(" ")
        else:
            acc.add(el.text)
            for child in el:
                if isinstance(child.tag, str):
                    self.inline(child, acc, top=False)
                else:
                    acc.add(child.tail)
                    continue
        if not top:
            acc.add(el.tail)

    def text_of(self, el: etree._Element) -> tuple[str, list[Annotation]]:
        acc = InlineText()
        self.inline(el, acc)
        return acc.finish()

    # -- blocks --------------------------------------------------------------------
    def point_cells(self, table: etree._Element) -> tuple[str, etree._Element] | None:
        """(label, content cell) when ``table`` lays out one labelled point."""
        rows = [r for r in table if _is_tag(r, "tr")]
        for group in table:
            if _is_tag(group, "tbody", "thead", "tfoot"):
                rows.extend(r for r in group if _is_tag(r, "tr"))
        if len(rows) != 1:
            return None
        row = rows[0]
        cells = [c for c in row if _is_tag(c, "td", "th")]
        filled = [c for c in cells if clean(c.text_content())]
        if len(filled) != 2:
            return None
        label = clean(filled[0].text_content())
        if not _POINT_LABEL.match(label):
            return None
        return label, filled[1]

    def block(
        self,
        el: etree._Element | list[etree._Element],
        kind: str,
        texts: list[str],
        anns: list[Annotation],
        children: list[Provision],
        *,
        skip: set[Any] | None = None,
    ) -> None:
        """Read the children of ``el`` into own text lines, annotations and child provisions."""
        for child in el:
            if not isinstance(child.tag, str) or (skip and child in skip):
                continue
            cls = _classes(child)
            if child.tag == "p" and "oj-note" in cls:
                text, _ = self.text_of(child)
                if text:
                    anns.append(Annotation("footnote", text, 0, 0))
            elif child.tag == "p":
                self.add_text(child, texts, anns)
            elif child.tag == "table":
                cells = self.point_cells(child)
                if cells is None:
                    # a real table (rows of data): one text line per row
                    for row in child.iter("tr"):
                        line = " | ".join(
                            normalise(c.text_content()) for c in row if _is_tag(c, "td", "th")
                        ).strip(" |")
                        if line:
                            texts.append(line)
                    continue
                children.append(self.point(child, cells, kind))
            elif child.tag == "div" and _PARA_ID.match(child.get("id") or "") and kind == "article":
                children.append(self.paragraph(child))
            elif child.tag in ("div", "span", "tbody", "blockquote"):
                if child.tag == "div" and kind != "annex" and not child.get("class"):
                    # quoted text of an amending provision: the words it inserts
                    for line in self.lines(child):
                        texts.append(line)
                else:
                    self.block(child, kind, texts, anns, children)
            elif child.tag == "hr":
                continue
            else:
                self.add_text(child, texts, anns)

    def lines(self, el: etree._Element) -> list[str]:
        out = []
        for p in el.iter("p"):
            if "oj-note" in _classes(p):
                continue
            text, _ = self.text_of(p)
            if text:
                out.append(text)
        return out

    def add_text(self, el: etree._Element, texts: list[str], anns: list[Annotation]) -> None:
        text, notes = self.text_of(el)
        if not text:
            return
        base = sum(len(t) + 1 for t in texts)
        texts.append(text)
        anns.extend(attrs.evolve(a, start=a.start + base, end=a.end + base) for a in notes)

    def point(
        self, table: etree._Element, cells: tuple[str, etree._Element], parent: str
    ) -> Provision:
        label, content = cells
        m = _POINT_LABEL.match(label)
        number = next((g for g in m.groups() if g), None) if m else None
        kind = _POINT_KIND.get(parent, "clause")
        if parent in ("annex", "division") and label.startswith("("):
            kind = "subparagraph"
        texts: list[str] = []
        anns: list[Annotation] = []
        children: list[Provision] = []
        self.block(content, kind, texts, anns, children)
        return Provision(
            kind=kind,
            number=number,
            label=label,
            text="\n".join(texts),
            children=tuple(children),
            span=span_of(table),
            annotations=tuple(anns),
        )

    def paragraph(self, div: etree._Element) -> Provision:
        texts: list[str] = []
        anns: list[Annotation] = []
        children: list[Provision] = []
        self.block(div, "paragraph", texts, anns, children)
        number = label = None
        if texts:
            m = _PARA_NUM.match(texts[0])
            if m:
                number = m.group(1)
                label = f"{number}."
                cut = m.end()
                texts[0] = texts[0][cut:]
                anns = [
                    attrs.evolve(a, start=max(0, a.start - cut), end=max(0, a.end - cut))
                    for a in anns
                ]
        return Provision(
            kind="paragraph",
            number=number,
            label=label,
            text="\n".join(texts),
            children=tuple(children),
            span=span_of(div),
            annotations=tuple(anns),
        )

    def article(self, div: etree._Element) -> Provision:
        label_p = next((p for p in div.iter("p") if "oj-ti-art" in _classes(p)), None)
        label = clean(label_p.text_content()) if label_p is not None else None
        heading_p = next((p for p in div.iter("p") if "oj-sti-art" in _classes(p)), None)
        heading = clean(heading_p.text_content()) if heading_p is not None else None
        m = _LABEL_WORD.match(label or "")
        number = m.group(1) if m else (div.get("id") or "art_").split("_", 1)[1] or None
        skip = {label_p}
        title_div = heading_p.getparent() if heading_p is not None else None
        if title_div is not None and title_div is not div:
            skip.add(title_div)
        elif heading_p is not None:
            skip.add(heading_p)
        texts: list[str] = []
        anns: list[Annotation] = []
        children: list[Provision] = []
        self.block(div, "article", texts, anns, children, skip=skip)
        return Provision(
            kind="article",
            number=number,
            label=label,
            heading=heading or None,
            text="\n".join(texts),
            children=tuple(children),
            span=span_of(div),
            annotations=tuple(anns),
        )

    def container(self, div: etree._Element, kind: str) -> Provision:
        label_p = next(
            (
                c
                for c in div
                if c.tag == "p" and any(k.startswith("oj-ti-section") for k in _classes(c))
            ),
            None,
        )
        label = clean(label_p.text_content()) if label_p is not None else None
        title_div = next((c for c in div if c.tag == "div" and "eli-title" in _classes(c)), None)
        heading = clean(title_div.text_content()) if title_div is not None else None
        m = _LABEL_WORD.match(label or "")
        if m:
            number = m.group(1)
        else:
            cm = _CONTAINER.search(div.get("id") or "")
            number = cm.group(2) if cm else None
        children = self.enacting(div)
        return Provision(
            kind=kind,
            number=number,
            label=label,
            heading=heading or None,
            children=tuple(children),
            span=span_of(div),
        )

    def enacting(self, el: etree._Element) -> list[Provision]:
        out: list[Provision] = []
        for child in el:
            if not _is_tag(child, "div"):
                continue
            cid = child.get("id") or ""
            if cid.startswith("art_") and "." not in cid:
                out.append(self.article(child))
                continue
            m = _CONTAINER.search(cid)
            if m and "tit_" not in cid:
                out.append(self.container(child, _CONTAINER_KIND[m.group(1)]))
            elif "eli-title" not in _classes(child):
                out.extend(self.enacting(child))
        return out

    def preamble(self, div: etree._Element) -> Provision:
        texts: list[str] = []
        anns: list[Annotation] = []
        recitals: list[Provision] = []
        for child in div.iter():
            if child is div or not isinstance(child.tag, str):
                continue
            cid = child.get("id") or ""
            if child.tag == "div" and cid.startswith("rct_"):
                recitals.append(self.recital(child))
            elif child.tag == "p" and not any(
                (a.get("id") or "").startswith("rct_") for a in child.iterancestors()
            ):
                self.add_text(child, texts, anns)
        return Provision(
            kind="preamble",
            text="\n".join(texts),
            children=tuple(recitals),
            span=span_of(div),
            annotations=tuple(anns),
        )

    def recital(self, div: etree._Element) -> Provision:
        table = div.find(".//table")
        cells = self.point_cells(table) if table is not None else None
        texts: list[str] = []
        anns: list[Annotation] = []
        children: list[Provision] = []
        if cells is not None:
            label, content = cells
            self.block(content, "recital", texts, anns, children)
        else:
            label = None
            self.block(div, "recital", texts, anns, children)
        number = label.strip("()") if label else div.get("id", "rct_").split("_", 1)[1] or None
        return Provision(
            kind="recital",
            number=number,
            label=label,
            text="\n".join(texts),
            children=tuple(children),
            span=span_of(div),
            annotations=tuple(anns),
        )

    def annex(self, div: etree._Element) -> Provision:
        titles = [c for c in div if c.tag == "p" and "oj-doc-ti" in _classes(c)]
        label = clean(titles[0].text_content()) if titles else None
        heading = " ".join(clean(t.text_content()) for t in titles[1:]) or None
        m = _LABEL_WORD.match(label or "")
        number = m.group(1) if m else (div.get("id") or "anx_").split("_", 1)[1] or None
        texts: list[str] = []
        anns: list[Annotation] = []
        children: list[Provision] = []
        # Walk the content; a grseq heading opens a section that collects what follows.
        section: dict[str, Any] | None = None

        def close() -> None:
            nonlocal section
            if section is not None:
                children.append(
                    Provision(
                        kind="division",
                        number=section["number"],
                        label=section["label"],
                        heading=section["heading"],
                        text="\n".join(section["texts"]),
                        children=tuple(section["children"]),
                        span=section["span"],
                        annotations=tuple(section["anns"]),
                    )
                )
                section = None

        for child in div:
            if not isinstance(child.tag, str) or child in titles:
                continue
            if child.tag == "p" and "oj-ti-grseq-1" in _classes(child):
                text = clean(child.text_content())
                if (
                    section is not None
                    and not section["texts"]
                    and not section["children"]
                    and section["heading"] is None
                ):
                    section["heading"] = text  # "Section 1" then its title
                    continue
                close()
                gm = _GRSEQ.match(text)
                if gm:
                    num = gm.group(1) or gm.group(2)
                    rest = gm.group(3).strip(" —–-") or None
                else:
                    num, rest = None, text
                section = {
                    "number": num,
                    "label": text if gm else None,
                    "heading": rest,
                    "texts": [],
                    "anns": [],
                    "children": [],
                    "span": span_of(child),
                }
                if gm and rest:
                    section["label"] = text[: len(text) - len(gm.group(3))].strip(" —–-.:") or None
                continue
            target: dict[str, Any] = (
                section
                if section is not None
                else {"texts": texts, "anns": anns, "children": children}
            )
            self.block(
                [child],
                "division" if section is not None else "annex",
                target["texts"],
                target["anns"],
                target["children"],
            )
            if section is not None:
                last = span_of(child)
                if last is not None and section["span"] is not None:
                    section["span"] = attrs.evolve(
                        section["span"], end_line=max(section["span"].end_line, last.end_line)
                    )
        close()
        return Provision(
            kind="annex",
            number=number,
            label=label,
            heading=heading,
            text="\n".join(texts),
            children=tuple(children),
            span=span_of(div),
            annotations=tuple(anns),
        )


def _footnotes(body: etree._Element) -> dict[str, str]:
    """Footnote id (``ntr1-...``) -> its text without the leading "(1)"."""
    out: dict[str, str] = {}
    for p in body.iter("p"):
        if "oj-note" not in _classes(p):
            continue
        anchor = next((a for a in p.iter("a") if (a.get("id") or "").startswith("ntr")), None)
        if anchor is None:
            continue
        text = clean(p.text_content())
        mark = clean(anchor.text_content())
        if text.startswith(mark):
            text = text[len(mark) :].strip()
        out[anchor.get("id")] = text
    return out


def read(data: bytes, *, source: Source, **options: Any) -> Document:
    """Read an EUR-Lex XHTML act into a :class:`Document`.

    >>> html = (b'<html><body><div class="eli-main-title"><p class="oj-doc-ti">REGULATION X'
    ...         b'</p></div><div id="enc_1" class="eli-subdivision"><div id="art_1" '
    ...         b'class="eli-subdivision"><p class="oj-ti-art">Article 1</p><div class="eli-title">'
    ...         b'<p class="oj-sti-art">Scope</p></div><p class="oj-normal">This applies.</p>'
    ...         b'</div></div></body></html>')
    >>> doc = read(html, source=Source(path="x.html"))
    >>> doc.get("art_1").heading, doc.get("art_1").text
    ('Scope', 'This applies.')
    """
    if options:
        raise TypeError(f"unexpected options for the eurlex reader: {sorted(options)}")
    name = source.path or "<bytes>"
    root = parse_html(data, source=name, what=_WHAT)
    body = root.find("body")
    reader = _Reader(_footnotes(body))
    html_lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    language = None
    if html_lang:
        language = html_lang.split("-")[0].lower()
    else:
        lg = next((p for p in body.iter("p") if "oj-hd-lg" in _classes(p)), None)
        if lg is not None and clean(lg.text_content()):
            language = clean(lg.text_content()).lower()

    title_div = next((d for d in body.iter("div") if "eli-main-title" in _classes(d)), None)
    title = ""
    if title_div is not None:
        title = " ".join(
            clean(p.text_content()) for p in title_div.iter("p") if clean(p.text_content())
        )
    metadata: dict[str, str] = {}
    uniq = next((p for p in body.iter("p") if "oj-hd-uniq" in _classes(p)), None)
    date = next((p for p in body.iter("p") if "oj-hd-date" in _classes(p)), None)
    if uniq is not None:
        metadata["eurlex:number"] = clean(uniq.text_content())
    if date is not None:
        metadata["eurlex:oj_date"] = clean(date.text_content())

    by_id = {el.get("id"): el for el in body.iter("div") if el.get("id")}
    provisions: list[Provision] = []
    preamble = next((el for i, el in by_id.items() if i.startswith("pbl_")), None)
    if preamble is not None:
        provisions.append(reader.preamble(preamble))
    enacting = next((el for i, el in by_id.items() if i.startswith("enc_")), None)
    if enacting is None:
        raise ParseError(
            "no enacting terms (div#enc_1) found",
            source=name,
            expected=_WHAT,
        )
    provisions.extend(reader.enacting(enacting))
    final = next((el for i, el in by_id.items() if i.startswith("fnp_")), None)
    if final is not None:
        metadata["eurlex:final_provisions"] = "\n".join(
            clean(p.text_content()) for p in final.iter("p") if clean(p.text_content())
        )
    for i, el in by_id.items():
        if i.startswith("anx_") and "." not in i:
            provisions.append(reader.annex(el))
    if not any(p.kind == "article" for p in provisions for p in p.walk()):
        raise ParseError("no article (div#art_N) found", source=name, expected=_WHAT)
    source = attrs.evolve(source, symbol=source.symbol or metadata.get("eurlex:number"))
    return Document.build(
        title=title or "Untitled act",
        provisions=provisions,
        language=language,
        source=source,
        metadata=metadata,
    )
