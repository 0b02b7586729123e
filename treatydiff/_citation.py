"""Printed citations: parse "Article 24(2)(b)" into designations and back.

Users quote provisions the way they are printed; this module maps such a
quote to a provision and a provision to a quote.  It knows the unit words of
the languages the readers handle and the usual sub-unit words ("para.",
"Abs.", "lit.", "Nr.").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from treatydiff.errors import CitationError
from treatydiff.model import UNIT_KINDS, Document, Provision

_UNIT_WORDS = (
    r"articles?|arts?\.?|artikel|art[íi]culo|статья|ст\.|المادة|sections?|secs?\.|ss?\.|§+|"
    r"rule|regulation|reg\.|clause|cl\."
)
_SUB_WORDS = (
    r"paragraphs?|paras?\.?|para|subparagraphs?|subparas?\.?|points?|pt\.?|items?|"
    r"subsections?|subs\.?|abs\.?|absatz|satz|nr\.?|nummer|lit\.?|buchstabe|clauses?|lid|onderdeel|sub|"
    r"alinéa|al\.|пункт|п\."
)
_LEAD = re.compile(rf"^\s*(?:{_UNIT_WORDS})\s*", re.IGNORECASE)
_TOKEN = re.compile(
    rf"\(\s*([^()\s]+)\s*\)|(?:{_SUB_WORDS})\s*\(?\s*([0-9A-Za-z.]+?)\s*\)?(?=[\s,;()]|$)|"
    r"([0-9]+[A-Za-z]*(?:\.[0-9A-Za-z]+)*)",
    re.IGNORECASE,
)


def parse(citation: str) -> list[str]:
    """Split a citation into designations: "Article 24(2)(b)" -> ["24", "2", "b"]."""
    text = citation.strip()
    text = _LEAD.sub("", text, count=1)
    out: list[str] = []
    for m in _TOKEN.finditer(text):
        value = next(g for g in m.groups() if g)
        out.append(value.strip(".").lower())
    return out


def _norm(number: str | None) -> str:
    return (number or "").strip().strip(".()").lower()


def _descend(node: Provision, number: str) -> Provision | None:
    # Breadth first so that "(2)" picks the paragraph, not a deeper point "2".
    queue = list(node.children)
    while queue:
        child = queue.pop(0)
        if _norm(child.number) == number:
            return child
        queue.extend(child.children)
    return None


def _resolve_chain(doc: Document, parts: list[str]) -> Provision | None:
    first, rest = parts[0], parts[1:]
    units = [p for p in doc.walk() if p.kind in UNIT_KINDS and _norm(p.number) == first]
    if not units:
        units = [p for p in doc.walk() if _norm(p.number) == first]
    for unit in units:
        node: Provision | None = unit
        for part in rest:
            node = _descend(node, part) if node is not None else None
        if node is not None:
            return node
    return None


def resolve(doc: Document, citation: str) -> Provision:
    text = citation.strip()
    if "_" in text and " " not in text:  # an eId
        return doc.get(text)
    parts = parse(text)
    if not parts:
        raise CitationError(
            f"cannot read the citation {citation!r}",
            source=doc.source.path,
            expected="a citation such as 'Article 24(2)(b)' or '§ 202a Abs. 1'",
        )
    found = _resolve_chain(doc, parts)
    if found is None and "." in parts[0]:
        # "24.2.b" is a chain; "342.1" is a section number: try both readings.
        found = _resolve_chain(doc, parts[0].split(".") + parts[1:])
    if found is None:
        raise CitationError(
            f"no provision matches the citation {citation!r} (read as {parts})",
            source=doc.source.path,
            expected="a number printed in the document",
        )
    return found


def _unit_word(unit: Provision) -> str:
    label = (unit.label or "").strip()
    number = unit.number or ""
    if label and number and label.endswith(number):
        word = label[: -len(number)].strip()
        if word:
            return word
    if label.startswith("§"):
        return "§"
    return {"article": "Article", "section": "Section"}.get(unit.kind, unit.kind.title())


def cite_chain(chain: Sequence[Provision]) -> str:
    """The printed citation of the last provision of ``chain`` (its ancestors first)."""
    node = chain[-1]
    unit_index = next(
        (i for i in range(len(chain) - 1, -1, -1) if chain[i].kind in UNIT_KINDS), None
    )
    if unit_index is None:
        named = [p for p in chain if p.number or p.kind in ("preamble", "conclusions")]
        if not named:
            return node.kind.title()
        last = named[-1]
        if last.kind in ("preamble", "conclusions"):
            return last.kind.title()
        return f"{last.kind.title()} {last.number}"
    unit = chain[unit_index]
    out = f"{_unit_word(unit)} {unit.number}" if unit.number else unit.title
    for sub in chain[unit_index + 1 :]:
        if sub.number:
            out += f"({sub.number})"
    return out


def cite(doc: Document, eid: str) -> str:
    """A printed citation for the provision at ``eid``."""
    return cite_chain(doc.chain(eid))
