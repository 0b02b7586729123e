"""CSV, JSON and HTML views of a :class:`~treatydiff.crosswalk.result.Crosswalk`.

The HTML is one self-contained file: inline CSS, no script, and a
Content-Security-Policy that forbids loading anything from elsewhere.  Every
piece of text from a document is escaped.  The coverage heat map says each
status with a symbol and a word as well as a colour (and a hatch pattern for
"unclear"), so it reads in greyscale and to screen readers.
"""

from __future__ import annotations

import csv
import io
from html import escape
from typing import Any

from treatydiff.crosswalk.result import Crosswalk
from treatydiff.errors import RenderError

__all__ = ["to_csv", "to_html"]

MATCH_COLUMNS = (
    "convention_citation",
    "convention_heading",
    "concept",
    "concepts",
    "law",
    "status",
    "rank",
    "citation",
    "heading",
    "matched_concept",
    "score",
    "confidence",
    "method",
    "concept_score",
    "fuzzy_score",
    "evidence",
    "convention_eid",
    "eid",
)
COVERAGE_COLUMNS = (
    "role",
    "law",
    "safeguard",
    "status",
    "note",
    "concepts",
    "covered",
    "evidence",
    "caveats",
)


def _csv_value(value: Any) -> Any:
    # Spreadsheet programs run cells that start with = + - @ as formulas:
    # quote such text so that a phrase from a law cannot become a formula.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def to_csv(cw: Crosswalk, *, table: str = "matches") -> str:
    """CSV of the matches (one line per candidate, or per absent law) or of the coverage.

    >>> from treatydiff.model import Document
    >>> from treatydiff.crosswalk import crosswalk
    >>> empty = Document.build(title="E", provisions=[])
    >>> to_csv(crosswalk(empty, [empty]), table="coverage").splitlines()[0]
    'role,law,safeguard,status,note,concepts,covered,evidence,caveats'
    """
    columns: tuple[str, ...]
    if table == "matches":
        columns, records = MATCH_COLUMNS, cw.records()
    elif table == "coverage":
        columns, records = COVERAGE_COLUMNS, cw.coverage_records()
    else:
        raise RenderError(f"unknown CSV table {table!r}", expected="'matches' or 'coverage'")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for rec in records:
        writer.writerow([_csv_value(rec.get(c)) for c in columns])
    return buf.getvalue()


# -- HTML ----------------------------------------------------------------------------

_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5rem;color:#1a1a1a}
body{line-height:1.4}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
th,td{border:1px solid #999;padding:.3rem .45rem;vertical-align:top;text-align:left}
th{background:#eee}
.cand{margin:0 0 .35rem 0}.cand:last-child{margin:0}
.score{font-variant-numeric:tabular-nums}
.conf-high{font-weight:600}.conf-low{font-style:italic}
.absent{color:#555;font-style:italic}
.ev{font-size:.8rem;color:#333}
q{quotes:"\\201C" "\\201D"}
.cell{min-width:7.5rem}
.st-present{background:#d7f0d2;border:2px solid #2d7a22}
.st-absent{background:#f6d5d1;border:2px dashed #a1281b}
.st-unclear{border:2px dotted #8a6d00;background:repeating-linear-gradient(45deg,
  #fbf0c8,#fbf0c8 6px,#f1e0a0 6px,#f1e0a0 12px)}
.sym{font-weight:700;margin-right:.25rem}
.legend span{display:inline-block;padding:.15rem .5rem;margin-right:.5rem}
.note{font-size:.8rem;color:#333}
"""

_SYMBOL = {"present": "\u2713", "absent": "\u2717", "unclear": "?"}


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def to_html(cw: Crosswalk, *, title: str | None = None, evidence: bool = True) -> str:
    """A self-contained HTML report: the matches table and the coverage heat map.

    >>> from treatydiff.model import Document
    >>> from treatydiff.crosswalk import crosswalk
    >>> empty = Document.build(title="<E>", provisions=[])
    >>> html = to_html(crosswalk(empty, [empty]))
    >>> "&lt;E&gt;" in html and "<E>" not in html
    True
    """
    heading = title or f"Crosswalk: {cw.convention.title}"
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(_CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(heading)}</title>",
        f"<style>{_CSS}</style>",
        "</head><body>",
        f"<h1>{_e(heading)}</h1>",
        "<p>Convention: "
        + _e(cw.convention.title)
        + f" ({_e(cw.convention.language)}). Laws: "
        + ", ".join(f"{_e(law.key)} ({_e(law.language)})" for law in cw.laws)
        + ".</p>",
        "<p>Each candidate shows its score (0-1), how sure it is, and how it was found: "
        "<em>concept</em> (vocabulary), <em>concept+fuzzy</em> (vocabulary and close wording), "
        "<em>fuzzy</em> (weak vocabulary carried by close wording). "
        "&ldquo;Not found&rdquo; means no provision agreed on the concept; nothing is forced.</p>",
    ]
    # Matches
    out.append("<h2>Provisions</h2>")
    out.append(
        '<table class="matches"><thead><tr><th scope="col">Convention</th>'
        '<th scope="col">Concept</th>'
    )
    out.extend(f'<th scope="col">{_e(law.key)}</th>' for law in cw.laws)
    out.append("</tr></thead><tbody>")
    for r in cw.rows:
        out.append("<tr>")
        out.append(
            f'<th scope="row">{_e(r.citation)}'
            + (f'<br><span class="note">{_e(r.heading)}</span>' if r.heading else "")
            + "</th>"
        )
        out.append("<td>" + ", ".join(_e(cw.concept_label(c)) for c in r.concepts) + "</td>")
        for lm in r.laws:
            if not lm.candidates:
                out.append('<td><span class="absent">not found</span></td>')
                continue
            parts = []
            for c in lm.candidates:
                ev = ""
                if evidence and c.evidence:
                    ev = (
                        '<div class="ev">'
                        + "; ".join(f"<q>{_e(h.phrase)}</q>" for h in c.evidence[:3])
                        + "</div>"
                    )
                parts.append(
                    f'<div class="cand conf-{_e(c.confidence)}">{_e(c.citation)}'
                    + (f' <span class="note">{_e(c.heading)}</span>' if c.heading else "")
                    + f' <span class="score">{c.score:.2f}</span>'
                    + f" {_e(c.confidence)}, {_e(c.method)}"
                    + ev
                    + "</div>"
                )
            out.append("<td>" + "".join(parts) + "</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    # Coverage
    out.append("<h2>Safeguards</h2>")
    out.append(
        '<p class="legend">'
        + "".join(
            f'<span class="st-{s}"><span class="sym" aria-hidden="true">{_SYMBOL[s]}</span>'
            f"{s}</span>"
            for s in ("present", "absent", "unclear")
        )
        + "</p>"
    )
    out.append('<table class="coverage"><thead><tr><th scope="col">Text</th>')
    out.extend(f'<th scope="col">{_e(s.label)}</th>' for s in cw.safeguards)
    out.append("</tr></thead><tbody>")
    groups = [(cw.convention.key + " (convention)", cw.reference)] if cw.reference else []
    for law in cw.laws:
        groups.append((law.key, tuple(c for c in cw.coverage if c.law == law.key)))
    for name, cells in groups:
        by_id = {c.safeguard: c for c in cells}
        out.append(f'<tr><th scope="row">{_e(name)}</th>')
        for s in cw.safeguards:
            cell = by_id.get(s.id)
            if cell is None:
                out.append("<td></td>")
                continue
            quotes = ""
            if evidence and cell.evidence:
                quotes = (
                    '<div class="ev">'
                    + "; ".join(
                        f"{_e(e.citation)}: <q>{_e(e.phrase)}</q>" for e in cell.evidence[:3]
                    )
                    + "</div>"
                )
            if evidence and cell.caveats:
                quotes += (
                    '<div class="ev">but: '
                    + "; ".join(
                        f"{_e(e.citation)}: <q>{_e(e.phrase)}</q>" for e in cell.caveats[:2]
                    )
                    + "</div>"
                )
            out.append(
                f'<td class="cell st-{_e(cell.status)}" title="{_e(cell.note)}">'
                f'<span class="sym" aria-hidden="true">{_SYMBOL[cell.status]}</span>'
                f"<strong>{_e(cell.status)}</strong>"
                f'<div class="note">{_e(cell.note)}</div>{quotes}</td>'
            )
        out.append("</tr>")
    out.append("</tbody></table>")
    out.append("</body></html>")
    return "\n".join(out)
