"""Build small DOCX fixtures in tests with python-docx, plus the XML it has no API for.

python-docx writes paragraphs, styles and runs; automatic list numbering,
tracked changes and footnotes are added here as WordprocessingML elements, the
way Word itself writes them, so the reader is tested on the structures real
UN drafts use.

>>> b = DocxBuilder()
>>> points = b.numbering([("lowerLetter", "(%1)")])
>>> b.heading("Article 1", level=2)
>>> b.paragraph("The purposes are:")
>>> b.paragraph("to promote", num=points)
>>> data = b.to_bytes()
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DATE = "2024-01-01T00:00:00Z"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class DocxBuilder:
    """A Word document under construction; ``to_bytes()`` gives the .docx file."""

    def __init__(self) -> None:
        self.doc = docx.Document()
        self._numbering = self.doc.part.numbering_part.element
        self._next_abstract = 100
        self._next_num = 100
        self._next_change = 1
        self._footnotes: list[tuple[int, str]] = []

    # -- numbering --------------------------------------------------------------------------
    def numbering(self, levels: Sequence[tuple[str, str] | tuple[str, str, int]]) -> str:
        """Add an abstract list definition with these (numFmt, lvlText[, start]) levels.

        Returns the numId of a first list instance that uses it.
        """
        aid = self._next_abstract
        self._next_abstract += 1
        lvls = []
        for ilvl, level in enumerate(levels):
            fmt, text = level[0], level[1]
            start = level[2] if len(level) > 2 else 1  # type: ignore[misc]
            lvls.append(
                f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{_escape(text)}"/><w:lvlJc w:val="left"/></w:lvl>'
            )
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
            f'<w:multiLevelType w:val="multilevel"/>{"".join(lvls)}</w:abstractNum>'
        )
        first_num = self._numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)  # schema order: abstractNum before num
        else:
            self._numbering.append(abstract)
        self._abstract_of_last = aid
        return self.list_instance(aid)

    def list_instance(self, abstract_id: int, restart: dict[int, int] | None = None) -> str:
        """A new list (w:num) on an abstract definition, optionally restarting levels."""
        nid = self._next_num
        self._next_num += 1
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
            for lvl, start in (restart or {}).items()
        )
        self._numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{abstract_id}"/>'
                f"{overrides}</w:num>"
            )
        )
        return str(nid)

    def abstract_of(self, num_id: str) -> int:
        for num in self._numbering.iter(qn("w:num")):
            if num.get(qn("w:numId")) == num_id:
                return int(num.find(qn("w:abstractNumId")).get(qn("w:val")))
        raise KeyError(num_id)

    # -- paragraphs ---------------------------------------------------------------------------
    def heading(self, text: str, *, level: int = 1):
        return self.doc.add_heading(text, level=level)

    def title(self, text: str):
        return self.doc.add_heading(text, level=0)

    def paragraph(self, text: str = "", *, num: str | None = None, ilvl: int = 0, style=None):
        p = self.doc.add_paragraph(text, style=style)
        if num is not None:
            ppr = p._p.get_or_add_pPr()
            ppr.append(
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/>'
                    f'<w:numId w:val="{num}"/></w:numPr>'
                )
            )
        return p

    # -- tracked changes ----------------------------------------------------------------------
    def _change_attrs(self) -> str:
        cid = self._next_change
        self._next_change += 1
        return f'w:id="{cid}" w:author="Test" w:date="{_DATE}"'

    def insert(self, paragraph, text: str) -> None:
        """Append ``text`` to ``paragraph`` as a tracked insertion (w:ins)."""
        paragraph._p.append(
            parse_xml(
                f"<w:ins {nsdecls('w')} {self._change_attrs()}><w:r>"
                f'<w:t xml:space="preserve">{_escape(text)}</w:t></w:r></w:ins>'
            )
        )

    def delete(self, paragraph, text: str) -> None:
        """Append ``text`` to ``paragraph`` as a tracked deletion (w:del / w:delText)."""
        paragraph._p.append(
            parse_xml(
                f"<w:del {nsdecls('w')} {self._change_attrs()}><w:r>"
                f'<w:delText xml:space="preserve">{_escape(text)}</w:delText></w:r></w:del>'
            )
        )

    def move(self, paragraph, text: str, *, to: bool) -> None:
        """Append ``text`` as moved-to (``to=True``) or moved-from text."""
        tag = "moveTo" if to else "moveFrom"
        t = "t" if to else "delText"
        paragraph._p.append(
            parse_xml(
                f"<w:{tag} {nsdecls('w')} {self._change_attrs()}><w:r>"
                f'<w:{t} xml:space="preserve">{_escape(text)}</w:{t}></w:r></w:{tag}>'
            )
        )

    def text(self, paragraph, text: str) -> None:
        """Append plain (unchanged) text to ``paragraph``."""
        paragraph.add_run(text)

    def mark_paragraph(self, paragraph, change: str) -> None:
        """Track the paragraph mark itself as inserted (``"ins"``) or deleted (``"del"``)."""
        ppr = paragraph._p.get_or_add_pPr()
        rpr = ppr.find(qn("w:rPr"))
        if rpr is None:
            rpr = parse_xml(f"<w:rPr {nsdecls('w')}/>")
            ppr.append(rpr)
        rpr.append(parse_xml(f"<w:{change} {nsdecls('w')} {self._change_attrs()}/>"))

    def inserted_paragraph(self, text: str, *, num: str | None = None, ilvl: int = 0):
        """A whole paragraph added by a tracked insertion (text and mark)."""
        p = self.paragraph(num=num, ilvl=ilvl)
        self.insert(p, text)
        self.mark_paragraph(p, "ins")
        return p

    def deleted_paragraph(self, text: str, *, num: str | None = None, ilvl: int = 0):
        """A whole paragraph removed by a tracked deletion (text and mark)."""
        p = self.paragraph(num=num, ilvl=ilvl)
        self.delete(p, text)
        self.mark_paragraph(p, "del")
        return p

    # -- footnotes ----------------------------------------------------------------------------
    def footnote(self, paragraph, text: str) -> None:
        """Add a footnote reference at the end of ``paragraph`` with this note text."""
        fid = len(self._footnotes) + 1
        self._footnotes.append((fid, text))
        paragraph._p.append(
            parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{fid}"/></w:r>'
            )
        )

    def _footnotes_part(self) -> None:
        notes = "".join(
            f'<w:footnote w:id="{fid}"><w:p><w:r><w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {_escape(text)}</w:t></w:r></w:p></w:footnote>'
            for fid, text in self._footnotes
        )
        xml = (
            f'<w:footnotes xmlns:w="{W_NS}">'
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
            "</w:footnote>"
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
            "<w:continuationSeparator/></w:r></w:p></w:footnote>"
            f"{notes}</w:footnotes>"
        ).encode()
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml, self.doc.part.package)
        self.doc.part.relate_to(part, RT.FOOTNOTES)

    def to_bytes(self) -> bytes:
        if self._footnotes:
            self._footnotes_part()
            self._footnotes = []
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def minimal_docx(
    body: str,
    *,
    numbering: str | None = None,
    footnotes: str | None = None,
    styles: str | None = None,
    document: str | None = None,
) -> bytes:
    """A DOCX written by hand: ``body`` is the XML inside ``<w:body>`` (w: prefix bound).

    ``numbering``/``footnotes``/``styles`` are the inner XML of those parts
    (found by their default names, as Word's relationships would name them);
    ``document`` replaces the whole main part (for malformed-XML tests).
    """
    import zipfile

    def part(root: str, inner: str) -> str:
        return (
            f'<?xml version="1.0" encoding="UTF-8"?><w:{root} xmlns:w="{W_NS}">{inner}</w:{root}>'
        )

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _ROOT_RELS)
        z.writestr(
            "word/document.xml",
            document if document is not None else part("document", f"<w:body>{body}</w:body>"),
        )
        if numbering is not None:
            z.writestr("word/numbering.xml", part("numbering", numbering))
        if footnotes is not None:
            z.writestr("word/footnotes.xml", part("footnotes", footnotes))
        if styles is not None:
            z.writestr("word/styles.xml", part("styles", styles))
    return out.getvalue()
